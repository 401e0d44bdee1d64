"""From an experiment's list of production mechanisms to FIP samples at one mass.

Mechanism names used in ``experiments.yaml``:

* ``pi0``, ``eta``, ``etap``, ``omega``: meson decays (P -> gamma A', omega -> pi0 A'),
  parents from the facility's shipped spectra (:mod:`fipkit.spectra`);
* ``proton_brem``: proton bremsstrahlung (quasi-real approximation);
* ``electron_brem_thick``: electron bremsstrahlung in a thick target (shower track length);
* ``{mechanism: electron_brem_thin, thickness_X0: t}``: thin-target bremsstrahlung.
"""

from __future__ import annotations

import zlib

import numpy as np

from ..errors import FipkitInputError
from ..sample import FIPSample, empty_sample

MESONS = ("pi0", "eta", "etap", "omega")
MECHANISMS = MESONS + ("proton_brem", "electron_brem_thick", "electron_brem_thin")

#: default Monte Carlo sizes (per mass)
N_PARENTS = 30_000
N_BREM = 20_000


def mechanism_name(entry) -> str:
    return entry if isinstance(entry, str) else entry["mechanism"]


def rng_for(seed: int, *keys) -> np.random.Generator:
    """A generator fixed by the seed and the keys (experiment, mechanism, mass)."""
    words = [seed] + [zlib.crc32(str(k).encode()) for k in keys]
    return np.random.default_rng(np.random.SeedSequence(words))


def fip_samples(experiment, mass: float, seed: int = 1,
                model: str = "dark-photon") -> list[FIPSample]:
    """One FIPSample per production mechanism of ``experiment`` for ``model`` at ``mass`` (GeV)."""
    out = []
    for entry in experiment.production_for(model):
        name = mechanism_name(entry)
        rng = rng_for(seed, experiment.name, name, f"{mass:.9g}")
        out.append(_one(experiment, entry, name, mass, rng))
    return out


def _one(exp, entry, name, mass, rng) -> FIPSample:
    beam_e = float(exp.beam["energy_GeV"])
    if name in MESONS:
        from .. import spectra
        from .meson_decays import max_mass, meson_decay_sample

        if mass >= max_mass(name):
            return empty_sample(mass, f"{name} decay")
        w, p = spectra.parent_sample(exp.facility, name, rng=rng, max_points=N_PARENTS)
        return meson_decay_sample(w, p, name, mass, rng)
    if name == "proton_brem":
        from .proton_brem import proton_brem_sample

        return proton_brem_sample(beam_e, mass, rng, n=N_BREM)
    if name == "electron_brem_thick":
        from .electron_brem import electron_dump_sample

        return electron_dump_sample(beam_e, exp.target, mass, rng, n=N_BREM)
    if name == "electron_brem_thin":
        from .electron_brem import electron_thin_target_sample

        return electron_thin_target_sample(beam_e, exp.target, float(entry["thickness_X0"]),
                                           mass, rng, n=N_BREM)
    raise FipkitInputError(f"unknown production mechanism '{name}'; valid: {', '.join(MECHANISMS)}")
