"""Meson-decay production: parents from the facility's spectra decay to a FIP.

One mechanism serves every two-body channel a model declares
(:class:`fipkit.models.base.ProductionChannel`): pi0/eta/eta' -> gamma A' and
omega -> pi0 A' of the dark photon, K -> pi S and B -> K(*) S of the dark scalar, and
the channels of models to come. Parents are isotropic two-body decays in their rest
frame, boosted to the lab (:func:`fipkit.kinematics.two_body_decay`); the weight is the
parent's weight times BR(m) at unit coupling.

Parents in a thick target (not the model's physics, the target's):

* kaons mostly interact before they decay: each is weighted by its decay-before-
  absorption probability 1/(1 + beta gamma c tau / lambda_I), with the nuclear
  interaction length of the target (an approximation: the kaon-nucleus length is
  somewhat longer); no kaon decays at a collider (no target);
* beauty per POT on a nucleus relative to the pp tables: A^0.29 (sigma_bb ∝ A,
  sigma_inel ∝ A^0.71; Lourenco-Wohri, hep-ph/0609101) times the cascade factor
  ``BEAUTY_CASCADE``.

``pair_decay``: a parent decaying to two FIPs of the same mass at a BR that does not
depend on the coupling (h -> S S of BC5, arXiv:1901.09966); both FIPs are kept (one
decays in the volume at most, as the probability is small wherever it matters).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from .. import constants as C
from .. import spectra
from ..kinematics import two_body_decay
from ..sample import FIPSample, empty_sample
from . import N_PARENTS, Mechanism, MonteCarlo

#: cascade enhancement of b b-bar production in a thick target (secondary hadrons),
#: 1.7 at 400 GeV (SHiP-NOTE-2015-009, as used by SensCalc arXiv:2305.13383); 1 elsewhere
BEAUTY_CASCADE = {"SPS400": 1.7}
_KAON_PDG = {"KL": 130, "K+": 321, "K-": 321}


def heavy_flavour_factor(search: Any) -> float:
    """Beauty per POT on the search's target relative to the pp tables (see module doc)."""
    return C.MATERIALS[search.target]["A"] ** 0.29 * BEAUTY_CASCADE.get(search.facility, 1.0)


def decay_sample(
    parent_weights: np.ndarray,
    parent_p: np.ndarray,
    channel: Any,
    mass: float,
    rng: np.random.Generator,
    n_per_parent: int = 1,
) -> FIPSample:
    """FIPs from two-body decays of weighted parents, per beam particle at unit coupling.

    parent_weights : (n,) parents per beam particle; parent_p : (n, 3) lab momenta, GeV.
    channel : a ProductionChannel (parent_mass, recoil_mass, br, coupling_power, label).
    Returns weight = parent weight x BR(mass) / n_per_parent; empty if the decay is closed.
    """
    br = float(channel.br(np.float64(mass)))
    w0 = np.asarray(parent_weights, float).ravel()
    if br <= 0 or mass >= channel.parent_mass - channel.recoil_mass or len(w0) == 0:
        return empty_sample(mass, channel.label, channel.coupling_power)
    w, p = two_body_decay(
        w0, parent_p, channel.parent_mass, mass, channel.recoil_mass, rng, n_per_parent
    )
    return FIPSample(
        mass, w * br, p, coupling_power=channel.coupling_power, mechanism=channel.label
    )


def _parents(search: Any, species: str, rng: np.random.Generator, n: int):
    """Weighted parents of one species at the search's facility, with the target effects."""
    w, p = spectra.parent_sample(search.facility, species, rng=rng, max_points=n)
    if species.startswith("B") and search.target:
        w = w * heavy_flavour_factor(search)
    if species in _KAON_PDG:
        mat = C.MATERIALS[search.target]
        lam = mat["lambda_I"] / mat["rho"] / 100.0  # metres
        pid = _KAON_PDG[species]
        bgct = np.linalg.norm(p, axis=1) / C.mass(pid) * C.ctau(pid)
        w = w / (1 + bgct / lam)
    return w, p


def _meson_decay(
    search: Any,
    model: Any,
    channel: Any,
    params: Mapping[str, Any],
    mass: float,
    rng: np.random.Generator,
    mc: MonteCarlo,
) -> FIPSample:
    if mass >= channel.parent_mass - channel.recoil_mass:
        return empty_sample(mass, channel.label, channel.coupling_power)
    # a 4 pi detector around a B factory sees every decay angle: one decay per parent
    n_dec = 1 if search.facility == spectra.B_FACTORY else channel.decays_per_parent
    parts = []
    for species in channel.parents:
        if species in _KAON_PDG and not search.target:
            continue
        w, p = _parents(search, species, rng, mc.n(N_PARENTS))
        parts.append(decay_sample(w, p, channel, mass, rng, n_dec))
    parts = [x for x in parts if len(x)]
    if not parts:
        return empty_sample(mass, channel.label, channel.coupling_power)
    return FIPSample.concatenate(parts)


def _pair_decay(
    search: Any,
    model: Any,
    channel: Any,
    params: Mapping[str, Any],
    mass: float,
    rng: np.random.Generator,
    mc: MonteCarlo,
) -> FIPSample:
    br = float(params.get("br", channel.br(np.float64(mass))))
    if search.target or 2 * mass >= channel.parent_mass:
        return empty_sample(mass, channel.label, channel.coupling_power)
    (species,) = channel.parents
    w, p = spectra.parent_sample(search.facility, species, rng=rng, max_points=mc.n(N_PARENTS))
    w1, p1, p2 = two_body_decay(w, p, channel.parent_mass, mass, mass, rng, return_recoil=True)
    return FIPSample(
        mass,
        np.concatenate([w1, w1]) * br,
        np.concatenate([p1, p2]),
        coupling_power=channel.coupling_power,
        mechanism=channel.label,
    )


MESON_DECAY = Mechanism("meson_decay", _meson_decay)
PAIR_DECAY = Mechanism("pair_decay", _pair_decay, parameters={"br": "fixed BR(parent -> FIP FIP)"})
