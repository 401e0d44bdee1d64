"""Branching ratios of light-meson decays to dark photons: P -> gamma A' (P = pi0, eta, eta') and
omega -> pi0 A'.

Branching ratios at unit kinetic mixing (multiply by eps^2):

* P -> gamma A' (P = pi0, eta, eta'):

      BR(P -> gamma A') = 2 eps^2 (1 - m^2/M_P^2)^3 BR(P -> gamma gamma)

  Batell, Pospelov, Ritz, arXiv:0906.5614 (sec. 3, pi0 -> gamma V rate) and
  Blumlein, Brunner, arXiv:1104.2747 (sec. 2, same formula for pi0, eta, eta').
  The factor 2 counts either photon converting; the P gamma gamma* transition form
  factor is set to 1 (as in those papers). [Equation numbers of the primary papers
  could not be re-checked from their text; the formula is the standard one, also in
  Ilten et al. arXiv:1801.04847 and in public codes such as BdNMC.]

* omega -> pi0 A':

      BR(omega -> pi0 A') = eps^2 BR(omega -> pi0 gamma) |F_wpi(m^2)|^2
                            lambda^{3/2}(m_w^2, m_pi^2, m^2) / (m_w^2 - m_pi^2)^3

  i.e. the pi0 gamma rate times the p*^3 (P-wave, V -> P V') phase-space ratio
  (Gardner, Holt, Tadepalli, arXiv:1509.00050, SeaQuest dark-photon paper, sec. II;
  Ilten et al. arXiv:1801.04847 treat vector -> pseudoscalar A' the same way).
  |F_wpi(q^2)|^2 = (1 - q^2 Lambda^-2)^-2 is the omega -> pi0 gamma* transition form
  factor in pole form with Lambda^-2 = 2.223 GeV^-2 measured by NA60 in
  omega -> pi0 mu+ mu- (arXiv:1608.07898; ``constants.LAMBDA_OMEGA_TFF_INV2``); it is
  the form factor the A' (which couples to eps e J_em) sees at q^2 = m^2. It can be
  switched off (``transition_ff=False``) to recover the bare formula. It enhances the
  BR by 1.21 at 0.2 GeV, 2.41 at 0.4 GeV, 9.3 at 0.55 GeV and 220 at the endpoint
  m_w - m_pi (where the p*^3 factor vanishes); the pole form is NA60's fit to data
  that reach the endpoint, not a theoretical prediction (dispersive calculations,
  e.g. arXiv:1206.3098, give a smaller rise).

All functions vectorise over the A' mass; masses in GeV.
"""

from __future__ import annotations

import numpy as np

from .. import constants as C
from ..kinematics import kallen

#: name -> (parent mass, BR of the photon mode, recoil mass); recoil 0 = photon
PARENTS = {
    "pi0": (C.M_PI0, C.BR_PI0_GG, 0.0),
    "eta": (C.M_ETA, C.BR_ETA_GG, 0.0),
    "etap": (C.M_ETAP, C.BR_ETAP_GG, 0.0),
    "omega": (C.M_OMEGA, C.BR_OMEGA_PI0G, C.M_PI0),
}

#: mechanism labels
LABELS = {
    "pi0": "pi0 -> gamma A'",
    "eta": "eta -> gamma A'",
    "etap": "eta' -> gamma A'",
    "omega": "omega -> pi0 A'",
}


def _parent(parent: str):
    try:
        return PARENTS[parent]
    except KeyError:
        raise ValueError(f"unknown parent '{parent}'; valid: {', '.join(PARENTS)}") from None


def max_mass(parent: str) -> float:
    """Heaviest A' the decay of ``parent`` can produce, GeV."""
    M, _, m_rec = _parent(parent)
    return M - m_rec


def br_pseudoscalar_to_gamma_aprime(M, br_gg, m):
    """BR(P -> gamma A') at eps = 1: 2 (1 - m^2/M^2)^3 BR(P -> gamma gamma); 0 for m >= M.

    arXiv:0906.5614 / arXiv:1104.2747 (see module docstring). Vectorised over m (GeV).
    """
    m = np.asarray(m, float)
    x = np.clip(1 - m**2 / M**2, 0, None)
    return np.where((m >= 0) & (m < M), 2 * x**3 * br_gg, 0.0)


def omega_transition_ff_sq(m):
    """|F_{omega pi0}(q^2 = m^2)|^2 in pole form, Lambda^-2 from NA60 (arXiv:1608.07898)."""
    q2 = np.asarray(m, float) ** 2
    return 1.0 / (1.0 - q2 * C.LAMBDA_OMEGA_TFF_INV2) ** 2


def br_vector_to_pseudoscalar_aprime(M, m_p, br_pg, m, ff_sq=1.0):
    """BR(V -> P A') at eps = 1: BR(V -> P gamma) ff_sq lambda^{3/2}(M^2, m_p^2, m^2)
    / (M^2 - m_p^2)^3; 0 above threshold (arXiv:1509.00050). Vectorised over m."""
    m = np.asarray(m, float)
    lam = np.clip(kallen(M**2, m_p**2, m**2), 0, None)
    return np.where((m >= 0) & (m < M - m_p), br_pg * ff_sq * lam**1.5 / (M**2 - m_p**2) ** 3, 0.0)


def br_meson_to_aprime(parent: str, m, transition_ff: bool = True):
    """BR(parent -> X A') at eps = 1 (multiply by eps^2), vectorised over m [GeV].

    parent in {"pi0", "eta", "etap", "omega"}; X = gamma, or pi0 for the omega.
    ``transition_ff`` applies the omega -> pi0 gamma* form factor (omega only).
    Returns a float for scalar m, an array otherwise.
    """
    M, br, m_rec = _parent(parent)
    if m_rec == 0.0:
        out = br_pseudoscalar_to_gamma_aprime(M, br, m)
    else:
        ff = omega_transition_ff_sq(np.clip(m, 0, max_mass(parent))) if transition_ff else 1.0
        out = br_vector_to_pseudoscalar_aprime(M, m_rec, br, m, ff)
    return float(out) if np.ndim(out) == 0 else out


def meson_channels(br_for, label_for=lambda label: label) -> dict:
    """One meson_decay ProductionChannel per parent of :data:`PARENTS`: ``br_for(parent)``
    is its BR(m) at unit coupling (picklable), ``label_for`` rewrites :data:`LABELS`."""
    from .base import ProductionChannel

    return {
        name: ProductionChannel(
            mechanism="meson_decay",
            parents=(name,),
            parent_mass=M,
            recoil_mass=m_rec,
            br=br_for(name),
            coupling_power=2,
            label=label_for(LABELS[name]),
        )
        for name, (M, _, m_rec) in PARENTS.items()
    }
