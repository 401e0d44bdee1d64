"""Technique: missing momentum behind a thin target (LDMX; NA64mu with muons; review
Sec. 4.3).

A lepton of energy E0 crosses a target of ``target_X0`` radiation lengths (a thin foil
for LDMX; the calorimeter for NA64mu, which a muon crosses losing little energy) and is
measured again downstream; an A' radiated in the target (l Z -> l Z A') and decaying
invisibly leaves a soft recoil lepton, E_recoil < (1 - x_min) E0, i.e. E_A' > x_min E0
(``min_energy_fraction``). The yield per lepton at eps = 1 is the thin-target WW cross
section of :func:`fipkit.production.brem_yield.thin_target_yield` with the beam
lepton's mass (``beam.particle`` e- or mu-); signal and ratio as in
:mod:`fipkit.signals.invisible`.
"""

from __future__ import annotations

import numpy as np

from .. import constants as C
from ..errors import FipkitInputError
from ..production.brem_yield import thin_target_yield
from . import Signal, Technique
from .decay_in_volume import exposure, signal_threshold
from .invisible import check_invisible, ratio

LEPTON_MASS = {"e-": C.M_E, "e+": C.M_E, "mu-": C.M_MU, "mu+": C.M_MU}


def _lepton_mass(search) -> float:
    particle = search.beam.get("particle")
    if particle not in LEPTON_MASS:
        raise FipkitInputError(
            f"{search.name}: missing momentum needs a lepton beam ({', '.join(LEPTON_MASS)}), "
            f"got {particle!r}"
        )
    return LEPTON_MASS[particle]


def yields(model, search, masses) -> np.ndarray:
    """A' per beam lepton with E_A' > x_min E0 at eps = 1, per mass of the model's axis."""
    M = model.mediator_mass(np.asarray(masses, float))
    p = search.params
    return thin_target_yield(
        float(search.beam["energy_GeV"]),
        M,
        search.target,
        float(p["target_X0"]),
        float(p["min_energy_fraction"]),
        _lepton_mass(search),
    )


def evaluate(model, search, masses, couplings, mc) -> Signal:
    check_invisible(model, search)
    _, stat = signal_threshold(search)
    r = ratio(model, search, masses, couplings, yields(model, search, masses), exposure(search))
    p = search.params
    method = (
        f"missing momentum: {search.beam['energy_GeV']:g} GeV {search.beam['particle']} on "
        f"{p['target_X0']:g} X0 {search.target}, E_A' > {p['min_energy_fraction']:g} E0, WW "
        f"dark brem, {exposure(search):.3g} on target, eff {search.efficiency:g}"
    )
    return Signal(r, stat, method)


TECHNIQUE = Technique.builtin("missing_momentum", evaluate)
