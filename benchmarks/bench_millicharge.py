"""Speed of the millicharge searches and of Fig. 3 (measures, asserts nothing).

    python benchmarks/bench_millicharge.py            # every Fig. 3 search on 100 x 100
    python benchmarks/bench_millicharge.py --n 50 --figure

For each search, ``compute_reach`` of the millicharge model on n masses (1 MeV - 0.5 GeV)
x n values of eps: cold (an empty cache directory: production samples and crossing
tracks made) and warm (the same call again: the tracks read from the cache, only the
reweighting runs). ``--figure``: ``fipkit figure fig3`` from an empty cache, wall time.
Then the peak resident memory.
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
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--figure", action="store_true")
    args = ap.parse_args()
    os.environ["FIPKIT_CACHE"] = tempfile.mkdtemp(prefix="fipkit-bench-")

    from fipkit.experiments import get_experiment
    from fipkit.figures import fig3
    from fipkit.models import get_model
    from fipkit.reach import compute_reach

    model = get_model("millicharge")
    masses = np.geomspace(1e-3, 0.5, args.n)
    eps = np.geomspace(1e-5, 1.0, args.n)
    print(f"{'search':24s} {'cold [s]':>9s} {'warm [s]':>9s}  rows")
    for name in fig3.LIMITS + fig3.PROJECTIONS:
        search = get_experiment(name)
        t = time.perf_counter()
        c = compute_reach(model, search, masses, eps)
        cold = time.perf_counter() - t
        t = time.perf_counter()
        compute_reach(model, search, masses, eps)
        warm = time.perf_counter() - t
        print(f"{name:24s} {cold:9.3f} {warm:9.3f}  {len(c)}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss:.0f} MB")
    if args.figure:
        env = dict(os.environ, FIPKIT_CACHE=tempfile.mkdtemp(prefix="fipkit-fig3-"))
        out = os.path.join(tempfile.mkdtemp(), "fig3.png")
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "fipkit.cli", "figure", "fig3", "--out", out],
            check=True,
            env=env,
        )
        print(f"fipkit figure fig3, empty cache: {time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()
