"""Technique: missing energy in an active beam dump (NA64e; review Sec. 4.3).

An electron of energy E0 showers in an electromagnetic calorimeter that is the target;
an A' radiated by it (e Z -> e Z A') and decaying invisibly carries away E_A', so the
calorimeter measures E0 - E_A'. The search asks for E_ECAL < E0 - E_miss, i.e. an A'
with E_A' > E_miss (``missing_energy_GeV``), in zero-background conditions. The yield
per electron at eps = 1 is the dark bremsstrahlung of the primary electron and of the
shower's e+- (the WW thick-target integral of
:func:`fipkit.production.brem_yield.thick_target_yield`) plus the resonant annihilation
e+ e- -> A' of the shower positrons on atomic electrons
(:func:`fipkit.production.shower_positrons.annihilation_yield`, which adds a peak for
sqrt(2 m_e E_miss) < m_A' < sqrt(2 m_e E0)), over ``target_X0`` radiation lengths of the
detector's ``target`` material; the bremsstrahlung is scaled to the exact tree-level
cross section by K(m_A') = ETL/WW at the beam energy (:mod:`fipkit.production.brem_kfactor`;
0.74 at 0.1 GeV, 0.69 at 0.8 GeV for NA64e). Signal and ratio as in
:mod:`fipkit.signals.invisible`.
"""

from __future__ import annotations

import numpy as np

from ..production.brem_kfactor import kfactor
from ..production.brem_yield import thick_target_yield
from ..production.shower_positrons import annihilation_yield
from . import Signal, Technique
from .invisible import evaluate_yields


def yields(model, search, masses) -> np.ndarray:
    """A' per beam electron with E_A' > E_miss at eps = 1, per mass of the model's axis."""
    M = model.mediator_mass(np.asarray(masses, float))
    args = (
        float(search.beam["energy_GeV"]),
        M,
        search.target,
        float(search.params["target_X0"]),
        float(search.params["missing_energy_GeV"]),
    )
    E0, _, material, _, e_miss = args
    k = kfactor(E0, M, material, e_miss / E0, "e")
    scale = model.production_scale("electron", M)  # a vector with charges: (x_e / e)^2
    return scale * (k * thick_target_yield(*args) + annihilation_yield(*args))


def evaluate(model, search, masses, couplings, mc) -> Signal:
    p = search.params
    method = (
        f"missing energy: {search.beam['energy_GeV']:g} GeV e- on {p['target_X0']:g} X0 "
        f"{search.target} (active), E_A' > {p['missing_energy_GeV']:g} GeV, dark brem (WW x "
        "ETL/WW) and e+ e- -> A' of the shower"
    )
    return evaluate_yields(model, search, masses, couplings, yields, method)


TECHNIQUE = Technique.builtin("missing_energy", evaluate)
