"""Monte Carlo precision and cold cost of beam-dump regions (not a test).

    python benchmarks/bench_precision.py                          # dark photon: CHARM, SHiP, FASER2
    python benchmarks/bench_precision.py --model dark-scalar --experiments CHARM,SHiP
    python benchmarks/bench_precision.py --events 30000           # fixed sample size instead
    python benchmarks/bench_precision.py --precision 0.002        # another adaptive target
    python benchmarks/bench_precision.py --src /tmp/before/src    # another source tree
    python benchmarks/bench_precision.py --figure fig2            # also `fipkit figure fig2`

For each experiment the region is computed on the figure's grid (``fig2`` for the dark
photon, ``fig4`` for the dark scalar; ``--grid``) for seeds 1-5 (``--seeds``), each
with an empty cache (every per-mass sample generated), and the report gives

* the seed-to-seed spread of each edge: at each mass where every seed has a region,
  max - min over the seeds of log10 of the edge (dex; the lower edge is the smallest
  coupling of the region, the upper edge the largest); its median and maximum over the
  masses, and the masses left out because some seed has no region there;
* the median over the seeds of each edge (``--save`` keeps them, ``--compare`` prints
  the shift of the medians against a saved run, to check that a change of sampling does
  not move the edges by more than their spread);
* the cold time of one ``compute_reach`` (mean over the seeds).

Before / after a change of the sampling: ``--src DIR`` runs the same measurement with the
package found in DIR (e.g. the committed sources, ``git archive HEAD src | tar -x -C
/tmp/before``), in a subprocess; ``--events N`` uses a fixed sample size per mass and
mechanism (``MonteCarlo.events``) instead of the adaptive one.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

DEFAULTS = {"dark-photon": ("CHARM", "SHiP", "FASER2"), "dark-scalar": ("CHARM", "SHiP")}


def spreads(edges: list[tuple[np.ndarray, np.ndarray, np.ndarray]], g_max=np.inf) -> dict:
    """Seed-to-seed spread of the edges: ``edges`` is one (masses, lower, upper) per seed.

    Returns, for "low" and "high": per-mass max - min of log10(edge) over the seeds at
    the masses every seed has (their median and maximum; for "high" only where no seed's
    upper edge is the model's coupling limit ``g_max``), and the masses left out."""
    common = sorted(set.intersection(*(set(np.round(m, 12)) for m, _, _ in edges)))
    every = sorted(set.union(*(set(np.round(m, 12)) for m, _, _ in edges)))
    out: dict = {"masses": common, "left_out": [m for m in every if m not in common]}
    for k, name in ((1, "low"), (2, "high")):
        vals = []
        for e in edges:
            lookup = dict(zip(np.round(e[0], 12), np.log10(e[k])))
            vals.append([lookup[m] for m in common])
        v = np.array(vals).reshape(len(edges), len(common))
        r = v.max(axis=0) - v.min(axis=0)
        physical = np.ones(len(common), bool)
        if k == 2:
            physical = np.all(v < np.log10(g_max) - 1e-9, axis=0)
        rp = r[physical]
        out[name] = {
            "per_mass": r.tolist(),
            "median": float(np.median(rp)) if len(rp) else float("nan"),
            "max": float(rp.max()) if len(rp) else float("nan"),
            "argmax_mass": float(np.array(common)[physical][np.argmax(rp)]) if len(rp) else np.nan,
            "median_edge": np.median(v, axis=0).tolist(),
            "n_masses": int(physical.sum()),
        }
    return out


def measure(model_name: str, names, grid: str, seeds, events, precision) -> dict:
    from fipkit.experiments import get_experiment
    from fipkit.figures import fig2, fig4
    from fipkit.models import get_model
    from fipkit.reach import compute_reach

    fig = {"fig2": fig2, "fig4": fig4}[grid]
    model = get_model(model_name)
    if precision is not None:  # compute_reach builds MonteCarlo(seed, events): add it
        from fipkit import production, reach

        reach.MonteCarlo = lambda seed, events: production.MonteCarlo(seed, events, precision)
    results = {}
    for name in names:
        exp = get_experiment(name)
        edges, times = [], []
        for seed in seeds:
            with tempfile.TemporaryDirectory(prefix="fipkit-bench-") as d:
                os.environ["FIPKIT_CACHE"] = d
                t0 = time.perf_counter()
                c = compute_reach(model, exp, fig.MASSES, fig.COUPLINGS, seed=seed, events=events)
                times.append(time.perf_counter() - t0)
            m, lo = c.lower_edge()
            _, hi = c.upper_edge()
            edges.append((m, lo, hi))
        g_max = float(model.coupling_range[1])
        results[name] = {"cold_s": float(np.mean(times)), **spreads(edges, g_max)}
    return results


def time_figure(fig: str, src: str | None) -> float:
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    with tempfile.TemporaryDirectory(prefix="fipkit-bench-") as d:
        env["FIPKIT_CACHE"] = os.path.join(d, "cache")
        t0 = time.perf_counter()
        cmd = [sys.executable, "-m", "fipkit.cli", "figure", fig, "--out"]
        subprocess.run(cmd + [os.path.join(d, f"{fig}.pdf")], env=env, check=True)
        return time.perf_counter() - t0


def report(model: str, results: dict, label: str) -> None:
    print(f"{model}, {label}: spread = max - min over seeds of log10(edge), dex")
    print(
        f"  {'experiment':10s} {'cold s':>7s}  {'low med':>8s} {'low max':>8s}  {'high med':>8s}"
        f" {'high max':>8s}  left out (some seed has no region)"
    )
    for name, r in results.items():
        lo, hi = r["low"], r["high"]
        print(
            f"  {name:10s} {r['cold_s']:7.2f}  {lo['median']:8.4f} {lo['max']:8.4f}"
            f"  {hi['median']:8.4f} {hi['max']:8.4f} ({hi['n_masses']:2d})"
            f"  {[f'{m:.3g}' for m in r['left_out']]}"
            f"   (max at m = {lo['argmax_mass']:.3g} / {hi['argmax_mass']:.3g} GeV)"
        )


def compare(results: dict, path: str) -> None:
    ref = json.load(open(path))
    print(f"shift of the median edges against {path} (dex), in units of the larger spread:")
    for name, r in results.items():
        if name not in ref:
            continue
        for k in ("low", "high"):
            a = dict(zip(r["masses"], r[k]["median_edge"]))
            b = dict(zip(ref[name]["masses"], ref[name][k]["median_edge"]))
            sa = dict(zip(r["masses"], r[k]["per_mass"]))
            sb = dict(zip(ref[name]["masses"], ref[name][k]["per_mass"]))
            common = sorted(set(a) & set(b))
            d = np.array([a[m] - b[m] for m in common])
            s = np.array([max(sa[m], sb[m], 1e-6) for m in common])
            if len(d):
                print(
                    f"  {name:10s} {k:4s} median |shift| {np.median(np.abs(d)):.4f}"
                    f" max {np.abs(d).max():.4f}; max |shift| / spread {np.max(np.abs(d) / s):.2f}"
                    f"; masses with |shift| > spread: {int(np.sum(np.abs(d) > s))}/{len(d)}"
                )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default="dark-photon", choices=sorted(DEFAULTS))
    ap.add_argument("--experiments", default=None, help="comma-separated (default per model)")
    ap.add_argument("--grid", default=None, choices=("fig2", "fig4"))
    ap.add_argument("--seeds", default="1,2,3,4,5")
    ap.add_argument("--events", type=int, default=None, help="fixed sample size (MonteCarlo)")
    ap.add_argument("--precision", type=float, default=None, help="adaptive target, dex")
    ap.add_argument("--src", default=None, help="run with the package in this source tree")
    ap.add_argument("--figure", default=None, help="also time `fipkit figure NAME`, cold")
    ap.add_argument("--save", default=None, help="write the results (JSON)")
    ap.add_argument("--compare", default=None, help="median-edge shifts against a saved run")
    ap.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # subprocess use
    args = ap.parse_args()
    names = args.experiments.split(",") if args.experiments else DEFAULTS[args.model]
    grid = args.grid or ("fig2" if args.model == "dark-photon" else "fig4")
    seeds = [int(s) for s in args.seeds.split(",")]
    if args.src:
        cmd = [sys.executable, os.path.abspath(__file__), "--json", "--model", args.model]
        cmd += ["--experiments", ",".join(names), "--grid", grid, "--seeds", args.seeds]
        if args.events:
            cmd += ["--events", str(args.events)]
        if args.precision:
            cmd += ["--precision", str(args.precision)]
        env = dict(os.environ, PYTHONPATH=args.src + os.pathsep + os.environ.get("PYTHONPATH", ""))
        out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
        results = json.loads(out.strip().splitlines()[-1])
    else:
        results = measure(args.model, names, grid, seeds, args.events, args.precision)
    if args.json:
        print(json.dumps(results))
        return
    label = f"sources {args.src or 'installed'}, seeds {args.seeds}, grid {grid}"
    label += f", events {args.events}" if args.events else ", adaptive sample size"
    if args.precision:
        label += f" (precision {args.precision} dex)"
    report(args.model, results, label)
    if args.save:
        with open(args.save, "w") as fh:
            json.dump(results, fh)
    if args.compare:
        compare(results, args.compare)
    if args.figure:
        print(f"`fipkit figure {args.figure}` cold: {time_figure(args.figure, args.src):.1f} s")


if __name__ == "__main__":
    main()
