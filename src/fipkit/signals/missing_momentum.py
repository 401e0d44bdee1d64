"""Technique: missing momentum behind a thin target (LDMX; NA64mu with muons; review
Sec. 4.3).

A lepton of energy E0 crosses a target of ``target_X0`` radiation lengths (a thin foil
for LDMX; the calorimeter for NA64mu, which a muon crosses losing little energy) and is
measured again downstream; an A' radiated in the target (l Z -> l Z A') and decaying
invisibly leaves a soft recoil lepton, E_recoil < (1 - x_min) E0, i.e. E_A' > x_min E0
(``min_energy_fraction``). The yield per lepton at eps = 1 is the thin-target WW cross
section of :func:`fipkit.production.brem_yield.thin_target_yield` with the beam
lepton's mass (``beam.particle`` e- or mu-), scaled to the exact tree-level cross section by
K(m_A') = ETL/WW (:mod:`fipkit.production.brem_kfactor`); signal and ratio as in
:mod:`fipkit.signals.invisible`.
"""

from __future__ import annotations

import numpy as np

from ..errors import FipkitInputError
from ..production.brem_kfactor import LEPTONS as LEPTON_MASS
from ..production.brem_kfactor import kfactor
from ..production.brem_yield import thin_target_yield
from . import Signal, Technique
from .invisible import evaluate_yields

LEPTONS = {"e-": "e", "e+": "e", "mu-": "mu", "mu+": "mu"}
#: the radiating lepton as ``Model.production_scale`` names it
RADIATOR = {"e": "electron", "mu": "muon"}


def _lepton(search) -> str:
    particle = search.beam.get("particle")
    if particle not in LEPTONS:
        raise FipkitInputError(
            f"{search.name}: missing momentum needs a lepton beam ({', '.join(LEPTONS)}), "
            f"got {particle!r}"
        )
    return LEPTONS[particle]


def yields(model, search, masses) -> np.ndarray:
    """A' per beam lepton with E_A' > x_min E0 at eps = 1, per mass of the model's axis."""
    M = model.mediator_mass(np.asarray(masses, float))
    p = search.params
    E0, x_min, lepton = (
        float(search.beam["energy_GeV"]),
        float(p["min_energy_fraction"]),
        _lepton(search),
    )
    ww = thin_target_yield(E0, M, search.target, float(p["target_X0"]), x_min, LEPTON_MASS[lepton])
    scale = model.production_scale(RADIATOR[lepton], M)  # a vector: (x_l / e)^2
    return scale * kfactor(E0, M, search.target, x_min, lepton) * ww


def evaluate(model, search, masses, couplings, mc) -> Signal:
    p = search.params
    method = (
        f"missing momentum: {search.beam['energy_GeV']:g} GeV {search.beam['particle']} on "
        f"{p['target_X0']:g} X0 {search.target}, E_A' > {p['min_energy_fraction']:g} E0, "
        "dark brem (WW x ETL/WW)"
    )
    return evaluate_yields(model, search, masses, couplings, yields, method)


TECHNIQUE = Technique.builtin("missing_momentum", evaluate)
