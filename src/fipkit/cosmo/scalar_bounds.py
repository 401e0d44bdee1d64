"""The BBN lifetime bound on a thermal scalar, as a Curve (the SN1987A bound of the
scalar family is in :mod:`fipkit.cosmo.supernova`).

* BBN (Fradette & Pospelov, arXiv:1706.01920): a scalar that was in thermal equilibrium
  (in BC5 the quartic lambda_HS keeps it there for any mixing) must decay before it
  upsets the neutron-to-proton ratio. The excluded band is
  sin^2 theta < hbar / (tau_max Gamma(m_S, sin^2 theta = 1)) with fipkit's width and
  tau_max(m_S) = the abstract's quoted bounds, "about a second" below 2 m_mu and 0.1 s
  above, and, where S decays to mesons, the stronger bound fipkit computes itself from
  the pion-induced n/p conversion (:mod:`fipkit.cosmo.bbn`, ~0.02 s). No lower edge (a
  thermal scalar at any mixing); the Curve's lower edge is set to 1e-30.
"""

from __future__ import annotations

import numpy as np

from .. import constants as C
from .bounds import _curve

#: BBN lifetime bounds quoted in the abstract of arXiv:1706.01920, seconds
TAU_MAX_BELOW_2MMU = 1.0
TAU_MAX_ABOVE_2MMU = 0.1
NO_LOWER_EDGE = 1e-30
BBN_METHOD = (
    "tau_S < 1 s (m_S < 2 m_mu), 0.1 s (arXiv:1706.01920 abstract), "
    "~0.02 s with mesonic decays (fipkit n/p conversion estimate)"
)
BBN_REFERENCES = ("Fradette, Pospelov, arXiv:1706.01920",)


def bbn_tau_max(model, m) -> np.ndarray:
    """Largest lifetime allowed by BBN for a thermal scalar of mass m (GeV), seconds."""
    from . import bbn

    m = np.asarray(m, float)
    quoted = np.where(m < 2 * C.M_MU, TAU_MAX_BELOW_2MMU, TAU_MAX_ABOVE_2MMU)
    return np.minimum(quoted, bbn.tau_max_for_pions(bbn.pion_pairs(model, m)))


def bbn_bound(model, masses) -> np.ndarray:
    """sin^2 theta below which the scalar lives longer than the BBN bound."""
    masses = np.asarray(masses, float)
    return model.ctau(masses, 1.0) / (C.C_LIGHT * bbn_tau_max(model, masses))


def bbn_curve(model, masses):
    """The BBN bound of a thermal scalar as a Curve on ``masses`` (GeV): excluded below
    the mixing at which it lives tau_max (no lower edge)."""
    masses = np.asarray(masses, float)
    return _curve(
        model,
        masses,
        np.full_like(masses, NO_LOWER_EDGE),
        bbn_bound(model, masses),
        "BBN",
        "bound",
        "BBN (lifetime)",
        BBN_METHOD,
        BBN_REFERENCES,
    )
