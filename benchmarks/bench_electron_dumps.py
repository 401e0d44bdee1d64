"""Cold speed of the electron beam dumps of Fig. 2 (not a test).

    python benchmarks/bench_electron_dumps.py
    python benchmarks/bench_electron_dumps.py --save before.npz     # keep the curves
    python benchmarks/bench_electron_dumps.py --compare before.npz  # edge shifts in dex

With an empty temporary FIPKIT_CACHE, reports for E137, E141, E774 and Orsay
(dark photon, the fig2 grid ``fig2.MASSES x fig2.COUPLINGS``):

1. the cold wall time of ``compute_reach`` (every per-mass sample generated and
   intersected with the decay volume; the in-memory track-length table of
   :mod:`fipkit.production.electron_brem` is cleared first, so it is built inside
   the timing);
2. the time per single-mass thick-target sample,
   ``electron_dump_sample(E0, target, mass, rng, n=N_BREM)``, over the fig2 masses
   below the beam energy: the first call of the process (table build included) and
   the median and maximum of the others. Target: <= 1 s each.

``--compare`` prints, per experiment, the largest |log10| shift of the lower and
upper edges on the masses both curves have, and the masses only one of them has.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

import numpy as np

EXPERIMENTS = ("E137", "E141", "E774", "Orsay")


def _clear_tables(eb):
    """Forget the in-memory track-length tables (no-op if there are none)."""
    for name in dir(eb):
        fn = getattr(eb, name)
        if callable(getattr(fn, "cache_clear", None)):
            fn.cache_clear()


def _n_brem():
    """Events per brem sample, as the reach engine uses."""
    from fipkit.production import N_BREM

    return N_BREM


def time_reach(names):
    import fipkit.production.electron_brem as eb
    from fipkit.experiments import get_experiment
    from fipkit.figures import fig2
    from fipkit.models import get_model
    from fipkit.reach import compute_reach

    model = get_model("dark-photon")
    curves, times = {}, {}
    for name in names:
        _clear_tables(eb)
        exp = get_experiment(name)
        t0 = time.perf_counter()
        curves[name] = compute_reach(model, exp, fig2.MASSES, fig2.COUPLINGS)
        times[name] = time.perf_counter() - t0
    return curves, times


def time_samples(names):
    import fipkit.production.electron_brem as eb
    from fipkit.experiments import get_experiment
    from fipkit.figures import fig2

    out = {}
    for name in names:
        exp = get_experiment(name)
        E0 = float(exp.beam["energy_GeV"])
        masses = [m for m in fig2.MASSES if 1.0001 * m < E0]
        _clear_tables(eb)
        ts = []
        for m in masses:
            rng = np.random.default_rng(1)
            t0 = time.perf_counter()
            eb.electron_dump_sample(E0, exp.target, float(m), rng, n=_n_brem())
            ts.append(time.perf_counter() - t0)
        out[name] = (E0, exp.target, len(masses), ts[0], np.median(ts[1:]), max(ts[1:]))
    return out


def save(path, curves):
    arrays = {}
    for name, c in curves.items():
        arrays[f"{name}/mass"], arrays[f"{name}/low"], arrays[f"{name}/high"] = (
            c.mass,
            c.low,
            c.high,
        )
    np.savez(path, **arrays)


def compare(path, curves):
    ref = np.load(path)
    print(f"edge shifts against {path} (|log10 new/old|, dex):")
    worst = 0.0
    for name, c in curves.items():
        m0, lo0, hi0 = (ref[f"{name}/{k}"] for k in ("mass", "low", "high"))
        common, i0, i1 = np.intersect1d(m0, c.mass, return_indices=True)
        dlo = np.abs(np.log10(c.low[i1] / lo0[i0]))
        dhi = np.abs(np.log10(c.high[i1] / hi0[i0]))
        only_old = np.setdiff1d(m0, c.mass)
        only_new = np.setdiff1d(c.mass, m0)
        w = max(dlo.max(initial=0.0), dhi.max(initial=0.0))
        worst = max(worst, w)
        print(
            f"  {name:6s} {len(common):3d} masses: max |d log10 low| {dlo.max(initial=0):.2e}"
            f"  max |d log10 high| {dhi.max(initial=0):.2e}"
            f"  masses only before {only_old.tolist()}  only after {only_new.tolist()}"
        )
    print(f"  largest edge shift {worst:.2e} dex")
    return worst


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--save", default=None, help="write the curves to this .npz")
    ap.add_argument("--compare", default=None, help="compare the curves with this .npz")
    ap.add_argument("--experiments", nargs="+", default=list(EXPERIMENTS))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="fipkit-bench-") as d:
        os.environ["FIPKIT_CACHE"] = d  # empty cache: every sample is generated
        print(f"dark-photon, fig2 grid, empty cache {d}")
        curves, times = time_reach(args.experiments)
    for name, t in times.items():
        print(f"  {name:6s} cold compute_reach {t:7.2f} s   ({len(curves[name])} masses in region)")
    print(f"  total {sum(times.values()):.2f} s")
    print("single-mass electron_dump_sample (n = N_BREM):")
    for name, (E0, target, k, first, med, worst) in time_samples(args.experiments).items():
        print(
            f"  {name:6s} E0 = {E0:g} GeV {target}: {k} masses, first {first * 1e3:7.1f} ms,"
            f" median {med * 1e3:7.1f} ms, max {worst * 1e3:7.1f} ms"
        )
    if args.save:
        save(args.save, curves)
        print(f"curves saved to {args.save}")
    if args.compare:
        compare(args.compare, curves)


if __name__ == "__main__":
    main()
