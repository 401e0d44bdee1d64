"""Speed and memory of the reach engine (not a test).

    python benchmarks/bench_reach.py            # FASER2 dark-photon reach
    python benchmarks/bench_reach.py --figure fig2   # also `fipkit figure fig2`, empty cache
    python benchmarks/bench_reach.py --model dark-scalar --experiment SHiP --figure fig4

Reports wall time of (1) the first call (production + geometry, fills the cache),
(2) the warm call (spectra and per-mass samples cached: the reweighting over
couplings and the region extraction), for the 23 x 51 grid FORESEE's tutorial uses
(m = 0.01-1.58 GeV, eps = 1e-8-1e-3; for the scalar m = 0.01-5 GeV, sin^2 theta =
1e-12-1e-3) and a 100 x 100 grid; and peak memory.
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


def timed(fn, repeat=3):
    best = np.inf
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--figure", default=None, help="also time `fipkit figure NAME`")
    ap.add_argument("--experiment", default="FASER2")
    ap.add_argument("--model", default="dark-photon")
    args = ap.parse_args()
    os.environ.setdefault("FIPKIT_CACHE", tempfile.mkdtemp(prefix="fipkit-bench-"))
    from fipkit.experiments import get_experiment
    from fipkit.models import get_model
    from fipkit.reach import compute_reach

    model, exp = get_model(args.model), get_experiment(args.experiment)
    lo_g, hi_g = (1e-8, 1e-3) if model.coupling_name == "eps" else (1e-12, 1e-3)
    m_hi = 1.58 if model.coupling_name == "eps" else 5.0
    grids = {
        "23x51": (
            np.logspace(-2, np.log10(m_hi), 23),
            np.logspace(np.log10(lo_g), np.log10(hi_g), 51),
        ),
        "100x100": (
            np.logspace(-2, np.log10(m_hi), 100),
            np.logspace(np.log10(lo_g), np.log10(hi_g), 100),
        ),
    }
    print(f"{args.model} x {args.experiment}, cache {os.environ['FIPKIT_CACHE']}")
    for name, (m, g) in grids.items():
        t0 = time.perf_counter()
        compute_reach(model, exp, m, g)
        cold = time.perf_counter() - t0
        warm, curve = timed(lambda m=m, g=g: compute_reach(model, exp, m, g))
        print(
            f"  grid {name}: cold {cold:6.2f} s   warm (samples cached) {warm:6.3f} s   "
            f"rows {len(curve)}"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak RSS {peak:.0f} MB")
    if args.figure:
        with tempfile.TemporaryDirectory() as d:
            env = dict(os.environ, FIPKIT_CACHE=os.path.join(d, "cache"))
            t0 = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "fipkit.cli",
                    "figure",
                    args.figure,
                    "--out",
                    os.path.join(d, f"{args.figure}.pdf"),
                ],
                check=True,
                env=env,
            )
            print(
                f"fipkit figure {args.figure}, empty cache, {os.cpu_count()} cores: "
                f"{time.perf_counter() - t0:.1f} s"
            )


if __name__ == "__main__":
    main()
