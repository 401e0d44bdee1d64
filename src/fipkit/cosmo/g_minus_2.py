"""Vector contribution to lepton anomalous magnetic moments (one loop).

Delta a_l = (alpha eps^2 / 2 pi) int_0^1 dz 2 z (1-z)^2 / [(1-z)^2 + z m^2/m_l^2]
(Pospelov, arXiv:0811.1030, eq. 3; Fayet, hep-ph/0702176). Limits: alpha eps^2/2pi
for m << m_l and alpha eps^2 m_l^2/(3 pi m^2) for m >> m_l. A vector of any model
couples to the lepton with g_l = coupling x ``model.fermion_couplings(m)[l]`` (e for
the dark photon); alpha eps^2 = (eps e)^2 / 4 pi becomes g_l^2 / 4 pi. B - L, whose
|x_l| = 1, has its bound at g = e x the dark photon's eps; L_mu - L_tau reaches the
electron only through its loop mixing.

Inputs (a dark photon adds a positive Delta a):
* electron: a_e(exp) - a_e(SM) = (4.8 +- 3.0) x 10^-13 with alpha from Rb recoil
  (Morel et al., Nature 588 (2020) 61; a_e from Fan et al., PRL 130 (2023) 071801);
  excluded: Delta a_e(A') > 4.8e-13 + 2 x 3.0e-13 (2 sigma).
* muon: Delta a_mu = (251 +- 59) x 10^-11 (Muon g-2, PRL 126 (2021) 141801, with the
  2020 Theory Initiative SM); the band where the A' gives Delta a_mu within 2 sigma.
  (The 2025 lattice-based SM removes most of the anomaly; the band is shown as the
  review shows it.)
"""

from __future__ import annotations

import numpy as np

from .. import constants as C
from .bounds import _curve, excluded_above_curve

_X, _W = np.polynomial.legendre.leggauss(64)
DELTA_AE, SIGMA_AE = 4.8e-13, 3.0e-13
DELTA_AMU, SIGMA_AMU = 251e-11, 59e-11
REFERENCES = ("Pospelov, arXiv:0811.1030",)
ELECTRON_METHOD = (
    "(g-2)_e: coupling above which the vector's one-loop Delta a_e exceeds a_e(exp) - "
    "a_e(SM, alpha_Rb) by 2 sigma."
)
MUON_METHOD = (
    "(g-2)_mu: coupling range where the vector's one-loop Delta a_mu = 251(59)e-11 within 2 sigma."
)


def delta_a(lepton: str, m, eps=1.0):
    """One-loop Delta a_l from a dark photon of mass m [GeV] (arXiv:0811.1030 eq. 3)."""
    ml = {"e": C.M_E, "mu": C.M_MU}[lepton]
    m = np.asarray(m, float)[..., None]
    z = 0.5 * (_X + 1)
    f = 2 * z * (1 - z) ** 2 / ((1 - z) ** 2 + z * m**2 / ml**2)
    integral = 0.5 * np.sum(f * _W, axis=-1)
    return C.ALPHA_EM * np.asarray(eps, float) ** 2 / (2 * np.pi) * integral


def couples_to(lepton: str):
    """Predicate: ``model`` is a vector with a coupling to ``lepton`` ("e" or "mu")."""

    def applies(model) -> bool:
        if model.family != "vector":
            return False
        x = np.asarray(model.fermion_couplings(np.geomspace(1e-3, 10, 5))[lepton], float)
        return bool(np.any(x != 0))

    return applies


def _per_unit_coupling(model, lepton: str, m) -> np.ndarray:
    """Delta a_l at unit model coupling: the dark photon's at eps = 1 x (g_l / e)^2."""
    x = np.asarray(model.fermion_couplings(m)[lepton], float)
    return delta_a(lepton, m) * x**2 / (4 * np.pi * C.ALPHA_EM)


def g2_electron_bound(m, model=None):
    """(g-2)_e: coupling above which Delta a_e exceeds a_e(exp) - a_e(SM, alpha_Rb) by 2
    sigma (eps of the dark photon, or of ``model``); inf where the vector has no electron
    coupling."""
    one = delta_a("e", m) if model is None else _per_unit_coupling(model, "e", m)
    with np.errstate(divide="ignore"):
        return np.sqrt((DELTA_AE + 2 * SIGMA_AE) / one)


def g2_muon_band(m, model=None):
    """(g-2)_mu: coupling range where the vector (the dark photon, or ``model``) gives
    Delta a_mu = 251(59)e-11 within 2 sigma."""
    one = delta_a("mu", m) if model is None else _per_unit_coupling(model, "mu", m)
    with np.errstate(divide="ignore"):
        lo = np.sqrt((DELTA_AMU - 2 * SIGMA_AMU) / one)
        return lo, np.sqrt((DELTA_AMU + 2 * SIGMA_AMU) / one)


def electron_curve(model, masses):
    """The (g-2)_e exclusion (no upper edge) as a Curve on ``masses`` (GeV)."""
    masses = np.asarray(masses, float)
    lo = g2_electron_bound(masses, model)
    label = "$(g-2)_e$ (one loop)"
    return excluded_above_curve(model, masses, lo, "(g-2)_e", label, ELECTRON_METHOD, REFERENCES)


def muon_band_curve(model, masses):
    """The (g-2)_mu 2 sigma band (a target) as a Curve on ``masses`` (GeV)."""
    masses = np.asarray(masses, float)
    lo, hi = g2_muon_band(masses, model)
    return _curve(
        model,
        masses,
        lo,
        hi,
        "(g-2)_mu band",
        "target",
        r"$(g-2)_\mu$ 2$\sigma$ band (one loop)",
        MUON_METHOD,
        REFERENCES,
    )
