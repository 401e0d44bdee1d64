"""Dark photons from light-meson decays: P -> gamma A' (P = pi0, eta, eta') and omega -> pi0 A'.

* BR(P -> gamma A') = 2 eps^2 (1 - m^2/M_P^2)^3 BR(P -> gamma gamma)
  (Batell, Pospelov, Ritz, arXiv:0906.5614, eq. 12; Blumlein, Brunner,
  arXiv:1104.2747, eq. 3). The 2 counts either photon converting; no form factor.
* BR(omega -> pi0 A') = eps^2 BR(omega -> pi0 gamma) lambda^{3/2}(m_w^2, m_pi^2, m^2)
  / (m_w^2 - m_pi^2)^3, the pi0 gamma rate with the A' phase space of a vector
  transition (Gardner, Holt, Tadepalli, arXiv:1509.00050, eq. 7; transition form
  factor set to 1, a few-% effect below 0.5 GeV).
"""

from __future__ import annotations

import numpy as np

from .. import constants as C
from ..sample import FIPSample, empty_sample
from .kinematics import kallen, two_body_decay

PARENTS = {
    # name: (mass, BR of the photon mode, recoil mass)
    "pi0": (C.M_PI0, C.BR_PI0_GG, 0.0),
    "eta": (C.M_ETA, C.BR_ETA_GG, 0.0),
    "etap": (C.M_ETAP, C.BR_ETAP_GG, 0.0),
    "omega": (C.M_OMEGA, C.BR_OMEGA_PI0G, C.M_PI0),
}


def br_meson_to_aprime(parent: str, m):
    """BR(parent -> X A') at eps = 1 (multiply by eps^2), vectorised over m [GeV]."""
    M, br, m_rec = PARENTS[parent]
    m = np.asarray(m, float)
    if m_rec == 0.0:
        x = np.clip(1 - m**2 / M**2, 0, None)
        return np.where(m < M, 2 * x**3 * br, 0.0)
    lam = np.clip(kallen(M**2, m_rec**2, m**2), 0, None)
    return np.where(m < M - m_rec, br * lam**1.5 / (M**2 - m_rec**2) ** 3, 0.0)


def meson_decay_sample(parent_weights, parent_p, parent: str, mass: float, rng,
                       n_per_parent: int = 1) -> FIPSample:
    """A' from decays of weighted parent mesons, per beam particle at eps = 1."""
    M, _, m_rec = PARENTS[parent]
    label = f"{parent} -> {'pi0' if m_rec else 'gamma'} A'"
    br = float(br_meson_to_aprime(parent, mass))
    if br <= 0 or len(parent_weights) == 0:
        return empty_sample(mass, label)
    w, p = two_body_decay(parent_weights, parent_p, M, mass, m_rec, rng, n_per_parent)
    return FIPSample(mass, w * br, p, coupling_power=2, mechanism=label)
