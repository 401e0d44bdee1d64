"""Speed of the light-dark-matter searches (measures, asserts nothing).

    python benchmarks/bench_ldm.py            # NA64e, NA64mu, LDMX on 100 x 100
    python benchmarks/bench_ldm.py --n 200

For each search, ``compute_reach`` of ldm-scalar on n masses (1 MeV - 1 GeV) x n values
of y: cold (the per-mass yield memo of fipkit.production.brem_yield and the positron
table cleared) and warm (the same call again). Then the peak resident memory.
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100)
    args = ap.parse_args()

    from fipkit.experiments import get_experiment
    from fipkit.models import get_model
    from fipkit.production import brem_yield, shower_positrons
    from fipkit.reach import compute_reach

    model = get_model("ldm-scalar")
    masses = np.geomspace(1e-3, 1.0, args.n)
    ys = np.geomspace(1e-16, 1e-6, args.n)
    print(f"{'search':18s} {'cold [s]':>9s} {'warm [s]':>9s}  rows")
    for name in ("NA64e-2019", "NA64e-1e13", "NA64mu-2022", "LDMX-SLAC-8GeV"):
        search = get_experiment(name, model=model)
        brem_yield._THICK.clear()
        shower_positrons._table.cache_clear()
        t = time.perf_counter()
        c = compute_reach(model, search, masses, ys)
        cold = time.perf_counter() - t
        t = time.perf_counter()
        compute_reach(model, search, masses, ys)
        warm = time.perf_counter() - t
        print(f"{name:18s} {cold:9.3f} {warm:9.3f}  {len(c)}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
