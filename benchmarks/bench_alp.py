"""Speed of the photon-ALP reach and of fig5 (measures, asserts nothing).

    python benchmarks/bench_alp.py                       # NuCal and E137, 100 x 100; fig5
    python benchmarks/bench_alp.py --experiment SHiP --no-figure

1. ``alp-photon`` x NuCal (Primakoff on meson-decay photons) and x E137 (shower
   photons) on a 100 x 100 grid (m = 1 MeV - 1 GeV, g = 1e-9 - 1e-1 GeV^-1): the cold
   call (FIPKIT_CACHE set to a new temporary directory before fipkit is imported) and
   the warm call in the same process (samples read back from the on-disk cache).
2. ``fipkit figure fig5`` from an empty cache, as a subprocess (2 workers).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--experiment", action="append", help="default: NuCal and E137")
    ap.add_argument("--masses", type=int, default=100)
    ap.add_argument("--couplings", type=int, default=100)
    ap.add_argument("--no-figure", action="store_true")
    args = ap.parse_args()
    os.environ["FIPKIT_CACHE"] = tempfile.mkdtemp(prefix="fipkit-bench-alp-")
    os.environ.pop("FIPKIT_NO_CACHE", None)

    from fipkit.experiments import get_experiment
    from fipkit.models import get_model
    from fipkit.reach import compute_reach

    model = get_model("alp-photon")
    masses = np.geomspace(1e-3, 1.0, args.masses)
    couplings = np.logspace(-9, -1, args.couplings)
    print(f"{'what':34s} {'wall [s]':>9s}  result")
    for name in args.experiment or ["NuCal", "E137"]:
        search = get_experiment(name, model)
        for what in ("cold", "warm"):
            t = time.perf_counter()
            curve = compute_reach(model, search, masses, couplings)
            dt = time.perf_counter() - t
            n = len(np.unique(curve.mass))
            print(
                f"{name} {args.masses} x {args.couplings} {what:5s}{'':12s} {dt:9.2f}  {n} masses"
            )
    if not args.no_figure:
        env = {**os.environ, "FIPKIT_CACHE": tempfile.mkdtemp(prefix="fipkit-bench-fig5-")}
        out = os.path.join(tempfile.mkdtemp(), "fig5.pdf")
        t = time.perf_counter()
        exe = os.path.join(os.path.dirname(sys.executable), "fipkit")
        cmd = [exe, "figure", "fig5", "--out", out]
        subprocess.run(cmd, env=env, check=True, capture_output=True)
        print(f"{'fipkit figure fig5, empty cache':34s} {time.perf_counter() - t:9.2f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {rss:.0f} MB")


if __name__ == "__main__":
    main()
