"""Precision and collider bounds on millicharged particles (review arXiv:2011.02157
Fig. 3).

* Ortho-positronium invisible decays: o-Ps (the 3S1 e+ e- bound state, M = 2 m_e)
  annihilates through a virtual photon into chi chi-bar like a vector meson into a lepton
  pair (Van Royen-Weisskopf with one colour, |psi(0)|^2 = (m_e alpha)^3 / 8 pi):

      Gamma(o-Ps -> chi chi-bar) = (eps^2 alpha^5 m_e / 6) (1 + 2 m^2/M^2) sqrt(1 - 4 m^2/M^2),

  against Gamma(o-Ps -> 3 gamma) = 2 (pi^2 - 9) alpha^6 m_e / (9 pi) (Ore-Powell). The
  ETH-Zurich experiment set BR(o-Ps -> invisible) < 4.2e-7 at 90% CL (Badertscher et al.,
  Phys. Rev. D 75 (2007) 032004, hep-ex/0609059): eps < 3.4e-5 for m << m_e, as that
  paper quotes (tested). Applies for m < m_e.
* CMS fractionally charged particles: a Drell-Yan-like pair of spin-1/2 particles with
  charge e/3 is excluded at 95% CL below 140 GeV and 2e/3 below 310 GeV (CMS, Phys. Rev.
  D 87 (2013) 092008, arXiv:1210.2311, abstract): drawn as eps in [1/3, 1] below
  140 GeV and [2/3, 1] from 140 to 310 GeV (the charges in between are not quoted; the
  13 TeV search, CMS-EXO-19-006, Phys. Rev. Lett. 134 (2025) 131802, excludes masses up
  to 640 GeV and charges down to e/3: not used, its charge-mass contour was not read).
"""

from __future__ import annotations

import numpy as np

from .. import constants as C
from .bounds import _curve

BR_OPS_INVISIBLE_90 = 4.2e-7  # hep-ex/0609059, 90% CL
CMS_FRACTIONAL = ((140.0, 1.0 / 3.0), (310.0, 2.0 / 3.0))  # (mass limit GeV, |Q|/e)
OPS_REFERENCES = ("A. Badertscher et al., Phys. Rev. D 75 (2007) 032004, hep-ex/0609059",)
CMS_REFERENCES = ("CMS, Phys. Rev. D 87 (2013) 092008, arXiv:1210.2311",)


def ops_invisible_ratio(m) -> np.ndarray:
    """Gamma(o-Ps -> chi chi-bar) / Gamma(o-Ps -> 3 gamma) at eps = 1 (module doc); 0 for
    m >= m_e."""
    m = np.asarray(m, float)
    r = (m / (2 * C.M_E)) ** 2
    a = C.ALPHA_EM
    phase = (1 + 2 * r) * np.sqrt(np.clip(1 - 4 * r, 0, None))
    return (a**5 / 6) / (2 * (np.pi**2 - 9) * a**6 / (9 * np.pi)) * phase


def ops_curve(model, masses):
    """eps excluded by BR(o-Ps -> invisible) < 4.2e-7 (BR ~ eps^2 ratio, small)."""
    ratio = ops_invisible_ratio(masses)
    with np.errstate(divide="ignore"):
        lo = np.where(ratio > 0, np.sqrt(BR_OPS_INVISIBLE_90 / ratio), np.nan)
    return _curve(
        model,
        masses,
        lo,
        np.full(len(lo), 1.0),
        "o-Ps",
        "limit",
        "o-Ps invisible",
        "BR(o-Ps -> chi chi-bar) = eps^2 Gamma(gamma* -> chi chi-bar) / Gamma(3 gamma) < 4.2e-7",
        OPS_REFERENCES,
        cl=0.9,
    )


def cms_curve(model, masses):
    """The CMS fractional-charge exclusions as eps bands (module doc)."""
    m = np.asarray(masses, float)
    lo = np.full(len(m), np.nan)
    for m_max, q in reversed(CMS_FRACTIONAL):
        lo = np.where(m < m_max, q, lo)
    return _curve(
        model,
        masses,
        lo,
        np.full(len(m), 1.0),
        "CMS-fractional",
        "limit",
        "CMS (|Q| = e/3, 2e/3)",
        "published mass limits for charges e/3 (140 GeV) and 2e/3 (310 GeV), 7 TeV",
        CMS_REFERENCES,
        cl=0.95,
    )
