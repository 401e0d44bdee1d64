"""Dark-scalar bounds that are not accelerator searches, as Curves: BBN and SN1987A.

* BBN (Fradette & Pospelov, arXiv:1706.01920): a scalar that was in thermal equilibrium
  (in BC5 the quartic lambda_HS keeps it there for any mixing) must decay before it
  upsets the neutron-to-proton ratio. The abstract quotes the lifetime bound: tau_S below
  0.1 s for 2 m_mu < m_S < m_h/2 (mesonic and nucleonic decays raise n/p) and "about a
  second" below 2 m_mu. fipkit turns these two quoted numbers into the excluded band
  sin^2 theta < hbar / (tau_max Gamma(m_S, sin^2 theta = 1)) with its own width. The
  paper's figure is stronger than these envelopes in places (e.g. with mesonic decays);
  the comparison in tests/test_scalar_cosmo.py states by how much. No lower edge (a
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


def bbn_tau_max(m) -> np.ndarray:
    """Largest lifetime allowed by BBN for a thermal scalar of mass m (GeV), seconds."""
    m = np.asarray(m, float)
    return np.where(m < 2 * C.M_MU, TAU_MAX_BELOW_2MMU, TAU_MAX_ABOVE_2MMU)


def bbn_bound(model, masses) -> np.ndarray:
    """sin^2 theta below which the scalar lives longer than the BBN bound."""
    masses = np.asarray(masses, float)
    return model.ctau(masses, 1.0) / (C.C_LIGHT * bbn_tau_max(masses))


def dark_scalar_bounds(model, masses) -> dict:
    """{"BBN", "SN1987A"} Curves on ``masses`` (GeV) for the dark scalar."""
    from . import supernova

    masses = np.asarray(masses, float)
    out = {}
    hi = bbn_bound(model, masses)
    out["BBN"] = _curve(model, masses, np.full_like(masses, NO_LOWER_EDGE), hi, "BBN", "bound",
                        "BBN (lifetime)",
                        "tau_S < 0.1 s (m_S > 2 m_mu), < 1 s below (arXiv:1706.01920 abstract)",
                        ["Fradette, Pospelov, arXiv:1706.01920"])
    sn = masses[masses < 0.5]           # no emission above a few T_core
    lo, hi = supernova.sn1987a_bound(sn, model.ctau, "dark-scalar")
    out["SN1987A"] = _curve(model, sn, lo, hi, "SN1987A", "bound", "SN1987A (one-zone cooling)",
                            supernova.scalar_emission_spectrum.__doc__.split("\n")[0],
                            ["Hardy et al., arXiv:2410.17347 (soft emission)",
                             "Dev, Mohapatra, Zhang, arXiv:2005.00490",
                             "Krnjaic, arXiv:1512.04119"])
    return out
