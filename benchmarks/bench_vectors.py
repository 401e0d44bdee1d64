"""Speed of a vector with charges against the dark photon (measures, asserts nothing).

    python benchmarks/bench_vectors.py                    # SHiP, 100 x 100
    python benchmarks/bench_vectors.py --experiment E137 --model lmu-ltau

Each model's reach on a 100 x 100 grid (m = 1 MeV - 3 GeV, coupling 1e-10 - 1e-2 in
the model's own units), cold: a new empty FIPKIT_CACHE per model, set before the
first reach (the samples are cached per model, so the second model cannot reuse the
first one's), single process, after a warm-up run of the dark photon on a throwaway
cache (imports and in-memory tables). Target (issue 16): B-L within 1.2x of the dark photon.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

import numpy as np


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--experiment", default="SHiP")
    ap.add_argument("--model", action="append", help="default: b-minus-l")
    ap.add_argument("--masses", type=int, default=100)
    ap.add_argument("--couplings", type=int, default=100)
    args = ap.parse_args()
    os.environ.pop("FIPKIT_NO_CACHE", None)
    from fipkit.experiments import get_experiment
    from fipkit.models import get_model
    from fipkit.reach import compute_reach

    masses = np.geomspace(1e-3, 3.0, args.masses)
    couplings = np.logspace(-10, -2, args.couplings)
    search = get_experiment(args.experiment)
    # warm-up on a throwaway cache: imports and the in-memory tables (meson spectra,
    # per-mass kinematics), paid by whichever model runs first (measured: 2x)
    os.environ["FIPKIT_CACHE"] = tempfile.mkdtemp(prefix="fipkit-bench-vec-")
    compute_reach(get_model("dark-photon"), search, masses, couplings)
    times = {}
    for name in ["dark-photon", *(args.model or ["b-minus-l"])]:
        os.environ["FIPKIT_CACHE"] = tempfile.mkdtemp(prefix="fipkit-bench-vec-")
        t = time.perf_counter()
        curve = compute_reach(get_model(name), search, masses, couplings)
        times[name] = time.perf_counter() - t
        print(
            f"{name:12s} x {search.name}: {times[name]:6.2f} s cold, "
            f"{len(np.unique(curve.mass))} masses with a region, "
            f"{times[name] / times['dark-photon']:.2f}x the dark photon"
        )


if __name__ == "__main__":
    main()
