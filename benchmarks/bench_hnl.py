"""Speed of the HNL reach (measures, asserts nothing).

    python benchmarks/bench_hnl.py                 # SHiP, hnl-e, 100 x 100, + ternary scan
    python benchmarks/bench_hnl.py --experiment CHARM --masses 30 --couplings 111

1. ``hnl-e`` x SHiP on a 100 x 100 grid (m = 0.1-6 GeV, U2 = 1e-12-1e-2): the cold call
   (empty on-disk cache: FIPKIT_CACHE is set to a new temporary directory before fipkit
   is imported; production, geometry and the per-mass samples are computed and cached)
   and the warm call in the same process (samples read back from the cache: the
   reweighting over couplings and the region extraction).
2. A ternary scan of the mixing pattern at m = 1 GeV for SHiP: the 21 points
   (a, b, c) / 5 with a + b + c = 5 of the simplex, ``get_model("hnl", ratio_e=a,
   ratio_mu=b, ratio_tau=c)``, 111 couplings 1e-12-1e-1; each pattern is its own model
   (its production channels and their BRs depend on the mixing), so the first pass
   computes 21 sets of samples (cold) and the second reads them back (warm).

Prints a table: wall time, the number of masses with a region and the lower edge at
1 GeV where there is one.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time

import numpy as np


def simplex(step: int = 5) -> list[tuple[int, int, int]]:
    """(a, b, c) with a + b + c = step (21 points for step 5)."""
    return [(a, b, step - a - b) for a in range(step + 1) for b in range(step + 1 - a)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--experiment", default="SHiP")
    ap.add_argument("--masses", type=int, default=100)
    ap.add_argument("--couplings", type=int, default=100)
    ap.add_argument("--no-scan", action="store_true", help="skip the ternary scan")
    args = ap.parse_args()
    cache = tempfile.mkdtemp(prefix="fipkit-bench-hnl-")
    os.environ["FIPKIT_CACHE"] = cache  # before fipkit is imported: an empty cache
    os.environ.pop("FIPKIT_NO_CACHE", None)

    from fipkit.experiments import get_experiment
    from fipkit.models import get_model
    from fipkit.reach import compute_reach

    rows: list[tuple[str, float, str]] = []
    masses = np.geomspace(0.1, 6.0, args.masses)
    couplings = np.logspace(-12, -2, args.couplings)
    model = get_model("hnl-e")
    search = get_experiment(args.experiment, model)
    grid = f"{args.masses} x {args.couplings}"
    for what in ("cold", "warm"):
        t = time.perf_counter()
        curve = compute_reach(model, search, masses, couplings)
        dt = time.perf_counter() - t
        n = len(np.unique(curve.mass))
        rows.append((f"hnl-e x {search.name}, {grid}, {what}", dt, f"{n} masses with a region"))

    if not args.no_scan:
        m1 = np.array([1.0])
        g = np.logspace(-12, -1, 111)
        points = simplex(5)
        for what in ("cold", "warm"):
            lows = []
            t = time.perf_counter()
            for a, b, c in points:
                mod = get_model("hnl", ratio_e=a, ratio_mu=b, ratio_tau=c)
                cur = compute_reach(mod, get_experiment(args.experiment, mod), m1, g)
                lows.append(cur.low.min() if len(cur) else np.nan)
            dt = time.perf_counter() - t
            lows = np.array(lows)
            note = (
                f"U2 lower edge at 1 GeV {np.nanmin(lows):.3g} (1:0:0 {lows[-1]:.3g}) "
                f"to {np.nanmax(lows):.3g}"
            )
            rows.append((f"ternary scan {len(points)} points, m = 1 GeV, {what}", dt, note))

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    w = max(len(r[0]) for r in rows)
    print(f"cache: {cache}")
    print(f"{'what':<{w}}  {'wall [s]':>9}  notes")
    for name, dt, note in rows:
        print(f"{name:<{w}}  {dt:9.2f}  {note}")
    print(f"peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
