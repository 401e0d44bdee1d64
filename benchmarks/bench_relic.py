"""Speed of the thermal relic targets (measures, asserts nothing).

    python benchmarks/bench_relic.py                 # 200 masses, 1 MeV - 10 GeV
    python benchmarks/bench_relic.py --masses 400 --ratio 2.05

1. The first call in the process (``fipkit.cosmo.thermal`` builds its g_*, h_* table,
   `particle` is read), on one mass.
2. For each spin, ``relic_target`` on the masses: cold (the thermal-average tables of
   :mod:`fipkit.cosmo.relic` cleared) and warm (the same call again: tables cached, only
   the freeze-out solves and the secant search run).
Then the spread of Omega h^2 at the targets (a self-check of the search).
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--masses", type=int, default=200)
    ap.add_argument("--alpha-d", type=float, default=0.1)
    ap.add_argument("--ratio", type=float, default=3.0)
    args = ap.parse_args()

    from fipkit.cosmo import relic

    t = time.perf_counter()
    relic.relic_target([0.1], "scalar", args.alpha_d, args.ratio)
    print(f"{'first call (thermal table, 1 mass)':40s} {time.perf_counter() - t:8.2f} s")

    masses = np.geomspace(1e-3, 10.0, args.masses)
    print(f"{'what':40s} {'wall [s]':>8s}  result")
    total = {"cold": 0.0, "warm": 0.0}
    for dm in relic.DM_KINDS:
        relic._TABLES.clear()
        relic._background_cached.cache_clear()
        for what in ("cold", "warm"):
            t = time.perf_counter()
            y = relic.relic_target(masses, dm, args.alpha_d, args.ratio)
            dt = time.perf_counter() - t
            total[what] += dt
            print(
                f"{dm + f' {args.masses} masses ' + what:40s} {dt:8.2f}  "
                f"y = {y.min():.2e} .. {y.max():.2e}"
            )
        om = relic.omega_h2(masses, y, dm, args.alpha_d, args.ratio)
        print(f"{'  max |Omega h^2 / 0.120 - 1|':40s} {'':8s}  {np.abs(om / 0.12 - 1).max():.1e}")
    print(f"{'all spins cold / warm':40s} {total['cold']:8.2f} / {total['warm']:.2f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {rss:.0f} MB")


if __name__ == "__main__":
    main()
