"""Dark-scalar bounds that are not accelerator searches, as Curves: BBN and SN1987A.

* BBN (Fradette & Pospelov, arXiv:1706.01920): a scalar that was in thermal equilibrium
  (in BC5 the quartic lambda_HS keeps it there for any mixing) must decay before it
  upsets the neutron-to-proton ratio. The excluded band is
  sin^2 theta < hbar / (tau_max Gamma(m_S, sin^2 theta = 1)) with fipkit's width and
  tau_max(m_S) = the abstract's quoted bounds, "about a second" below 2 m_mu and 0.1 s
  above, and, where S decays to mesons, the stronger bound fipkit computes itself from
  the pion-induced n/p conversion (:mod:`fipkit.cosmo.bbn`, ~0.02 s). No lower edge (a
  thermal scalar at any mixing); the Curve's lower edge is set to 1e-30.
* SN1987A: the one-zone cooling estimate of :mod:`fipkit.cosmo.supernova` with the soft
  (quadrupole) nucleon-bremsstrahlung rate of the scalar.
"""

from __future__ import annotations

import numpy as np

from .. import constants as C
from .bounds import _curve

#: BBN lifetime bounds quoted in the abstract of arXiv:1706.01920, seconds
TAU_MAX_BELOW_2MMU = 1.0
TAU_MAX_ABOVE_2MMU = 0.1
NO_LOWER_EDGE = 1e-30


#: charged-pion pairs per decay at which the meson bound is computed (then interpolated)
_PION_GRID = np.array([0.02, 0.05, 0.1, 0.2, 0.4, 0.7, 1.0, 1.5, 2.0])


def bbn_tau_max(model, m) -> np.ndarray:
    """Largest lifetime allowed by BBN for a thermal scalar of mass m (GeV), seconds."""
    from . import bbn

    m = np.asarray(m, float)
    quoted = np.where(m < 2 * C.M_MU, TAU_MAX_BELOW_2MMU, TAU_MAX_ABOVE_2MMU)
    n_pi = bbn.pion_pairs(model, m)
    grid = np.array([bbn.tau_max_mesons(float(n)) for n in _PION_GRID])
    mesons = np.where(
        n_pi >= _PION_GRID[0],
        10
        ** np.interp(
            np.log10(np.maximum(n_pi, _PION_GRID[0])), np.log10(_PION_GRID), np.log10(grid)
        ),
        np.inf,
    )
    return np.minimum(quoted, mesons)


def bbn_bound(model, masses) -> np.ndarray:
    """sin^2 theta below which the scalar lives longer than the BBN bound."""
    masses = np.asarray(masses, float)
    return model.ctau(masses, 1.0) / (C.C_LIGHT * bbn_tau_max(model, masses))


def dark_scalar_bounds(model, masses) -> dict:
    """{"BBN", "SN1987A"} Curves on ``masses`` (GeV) for the dark scalar."""
    from . import supernova

    masses = np.asarray(masses, float)
    out = {}
    hi = bbn_bound(model, masses)
    out["BBN"] = _curve(
        model,
        masses,
        np.full_like(masses, NO_LOWER_EDGE),
        hi,
        "BBN",
        "bound",
        "BBN (lifetime)",
        "tau_S < 1 s (m_S < 2 m_mu), 0.1 s (arXiv:1706.01920 abstract), "
        "~0.02 s with mesonic decays (fipkit n/p conversion estimate)",
        ["Fradette, Pospelov, arXiv:1706.01920"],
    )
    sn = masses[masses < 0.5]  # no emission above a few T_core
    lo, hi = supernova.sn1987a_bound(sn, model.ctau, "dark-scalar")
    out["SN1987A"] = _curve(
        model,
        sn,
        lo,
        hi,
        "SN1987A",
        "bound",
        "SN1987A (one-zone cooling)",
        supernova.scalar_emission_spectrum.__doc__.split("\n")[0],
        [
            "Hardy et al., arXiv:2410.17347 (soft emission)",
            "Dev, Mohapatra, Zhang, arXiv:2005.00490",
            "Krnjaic, arXiv:1512.04119",
        ],
    )
    return out
