"""Speed of the engine against its floor, its scaling, and the CLI (not a test).

    python benchmarks/bench_engine.py            # kernel, scaling, CLI start-up
    python benchmarks/bench_engine.py --figures  # also fig2 and fig4 from an empty cache
    python benchmarks/bench_engine.py --figures-only --repeat 3  # only those, 3 cold runs
    python benchmarks/bench_engine.py --costs    # cold cost of every unit of the figures

1. The event grid of FASER2 x dark photon (23 masses x 51 couplings, FORESEE's tutorial
   grid) against numpy's exp on the same number of elements (the floor).
2. Warm reach time vs grid size up to 1000 x 1000 (samples cached): linear in
   masses x couplings?
3. Warm and cold `fipkit reach dark-photon FASER2` wall time (a fresh process).
4. With --figures: `fipkit figure fig2` and `fig4` from an empty cache (2 workers,
   the machine's default), ``--repeat`` cold runs each (a new empty cache every time):
   every run, the best and the median; then one warm run.
5. With --costs: the cold single-thread time of every unit of work of the figures (each
   search and bound of every panel, each in a fresh process with an empty cache), per
   mass of the figure's grid: the table ``fipkit.scan.COST_PER_MASS`` from which the
   pool hands out the units longest first.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

import numpy as np


def best(fn, repeat=5):
    b = np.inf
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        b = min(b, time.perf_counter() - t)
    return b


def wall(cmd, env):
    t = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    return time.perf_counter() - t


_UNIT = """
import sys, time
import numpy as np
from fipkit.figures import get_spec
fig, name, panel = sys.argv[1], sys.argv[2], int(sys.argv[3])
spec = get_spec(fig)
spec = (spec, *spec.panels)[panel]
model = spec.build_model()
t = time.perf_counter()
if name in spec.bounds:
    from fipkit.cosmo import compute_bounds
    compute_bounds(model, spec.masses, (name,))
else:
    from fipkit.experiments import get_experiment
    from fipkit.reach import compute_reach
    compute_reach(model, get_experiment(name), spec.masses, spec.couplings)
print(time.perf_counter() - t)
"""


def unit_costs(env) -> None:
    """Print COST_PER_MASS: cold single-thread seconds per mass of each unit of work."""
    from fipkit.figures import figure_names, get_spec

    rows = {}
    for fig in figure_names():
        top = get_spec(fig)
        for k, spec in enumerate((top, *top.panels)):
            for name in spec.searches + spec.bounds:
                e = dict(env, FIPKIT_CACHE=tempfile.mkdtemp(prefix="fipkit-bench-unit-"))
                r = subprocess.run(
                    [sys.executable, "-c", _UNIT, fig, name, str(k)],
                    env=e,
                    check=True,
                    capture_output=True,
                    text=True,
                )
                sec = float(r.stdout.split()[-1])
                rows[(spec.model, name)] = sec / len(spec.masses)
                print(f"   {fig} {spec.model} {name}: {sec:.2f} s", file=sys.stderr)
    print("5. COST_PER_MASS = {")
    for key in sorted(rows):
        print(f"    {key!r}: {rows[key]:.4f},".replace("'", '"'))
    print("}")


def figures(env, cache, repeat: int) -> None:
    for name in ("fig2", "fig4"):
        out_pdf = os.path.join(cache, f"{name}.pdf")
        cmd = [sys.executable, "-m", "fipkit.cli", "figure", name, "--out", out_pdf]
        times = []
        for _ in range(repeat):
            e = dict(env, FIPKIT_CACHE=tempfile.mkdtemp(prefix=f"fipkit-bench-{name}-"))
            times.append(wall(cmd, e))
        tw = wall(cmd, e)
        runs = ", ".join(f"{t:.1f}" for t in times)
        print(
            f"4. fipkit figure {name}: cold {runs} s (best {min(times):.1f}, median "
            f"{float(np.median(times)):.1f}), warm {tw:.1f} s"
        )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--figures", action="store_true")
    ap.add_argument("--figures-only", action="store_true", help="only 4.")
    ap.add_argument("--repeat", type=int, default=1, help="cold runs of each figure")
    ap.add_argument("--costs", action="store_true", help="only 5.")
    args = ap.parse_args()
    cache = tempfile.mkdtemp(prefix="fipkit-bench-")
    os.environ["FIPKIT_CACHE"] = cache
    env = dict(os.environ)
    if args.costs:
        unit_costs(env)
        return
    if args.figures_only:
        figures(env, cache, args.repeat)
        return
    from fipkit.engine import decay_sum
    from fipkit.experiments import get_experiment
    from fipkit.models import get_model
    from fipkit.reach import compute_reach
    from fipkit.signals.decay_in_volume import detector_samples

    model, exp = get_model("dark-photon"), get_experiment("FASER2")
    masses, g = np.logspace(-2, np.log10(1.58), 23), np.logspace(-8, -3, 51)
    compute_reach(model, exp, masses, g)
    tracks = detector_samples(exp, model, masses)[2.0]
    n = sum(len(t) for t in tracks) * len(g)
    ctau = model.ctau(masses)
    t_k = best(lambda: decay_sum(tracks, ctau, g, 2))
    x = np.random.default_rng(0).random(n)
    out = np.empty_like(x)
    t_e = best(lambda: np.exp(x, out=out))
    print(
        f"1. event grid {n / 1e6:.2f} M elements: kernel {t_k * 1e3:.2f} ms, exp floor "
        f"{t_e * 1e3:.2f} ms -> {t_k / t_e:.1f}x ({t_k / n * 1e9:.2f} ns/element)"
    )

    print("2. warm reach vs grid (samples cached):")
    for nm, ng in [(100, 100), (300, 300), (1000, 100), (1000, 1000)]:
        ms, gs = np.logspace(-2, np.log10(1.58), nm), np.logspace(-8, -3, ng)
        t0 = time.perf_counter()
        compute_reach(model, exp, ms, gs)
        cold = time.perf_counter() - t0
        warm = best(lambda ms=ms, gs=gs: compute_reach(model, exp, ms, gs), repeat=2)
        print(
            f"   {nm:5d} x {ng:5d}: first {cold:6.2f} s, warm {warm:6.3f} s, "
            f"{warm / (nm * ng) * 1e6:.3f} us per grid point"
        )

    cmd = [
        sys.executable,
        "-m",
        "fipkit.cli",
        "reach",
        "dark-photon",
        "FASER2",
        "--out",
        os.path.join(cache, "f2.csv"),
    ]
    env_cold = dict(env, FIPKIT_CACHE=tempfile.mkdtemp(prefix="fipkit-bench-cold-"))
    cold = wall(cmd, env_cold)
    warm = min(wall(cmd, env_cold) for _ in range(5))
    print(f"3. fipkit reach dark-photon FASER2: cold {cold:.2f} s, warm {warm:.2f} s (wall)")

    if args.figures:
        figures(env, cache, args.repeat)


if __name__ == "__main__":
    main()
