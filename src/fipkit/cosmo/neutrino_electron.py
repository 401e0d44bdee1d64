"""Neutrino-electron scattering bounds on a vector coupled to neutrinos and electrons
(B-L of review arXiv:2011.02157 Sec. 2.2.2), from the published weak-mixing-angle
measurements.

A vector X with charges x_nu (left-handed) and x_e adds to the vector coupling of the
nu - e neutral current, L = -(G_F / sqrt 2)[nubar gamma^a (1 - g5) nu][ebar gamma_a (g_V -
g_A g5) e], g_V = -1/2 + 2 s_W^2 (+1 for nu_e, the W exchange),

    delta g_V = x_nu x_e g^2 / [sqrt 2 G_F (m^2 + 2 m_e T)],

T the electron recoil energy (the X propagator at Q^2 = -2 m_e T; the same Fierzed form as
:mod:`fipkit.cosmo.neutrino_trident`; e.g. Harnik, Kopp, Machado arXiv:1202.6073 Sec. 2),
i.e. an apparent shift delta s_W^2 = delta g_V / 2. Excluded where |delta s_W^2| exceeds
twice the measurement's total error [an estimate: one recoil energy T_eff per
experiment, the middle of its window, stands for the recoil spectrum; the measured
central value is taken at the Standard Model's]:

* CHARM-II, nu_mu e and nubar_mu e at CERN (E_nu ~ 24 GeV, E_e = 3-24 GeV): s_W^2 =
  0.2324 +- 0.0058 (stat) +- 0.0059 (syst) (Vilain et al., Phys. Lett. B 335 (1994) 246
  [U: recalled]); T_eff = 10 GeV [U];
* TEXONO, reactor nubar_e e on CsI(Tl), T = 3-8 MeV: s_W^2 = 0.251 +- 0.031 (stat) +-
  0.024 (syst) (Deniz et al., Phys. Rev. D 81 (2010) 072001, arXiv:0911.1597 [U:
  recalled]); T_eff = 5 MeV.

Borexino's 7Be rate (the third the issue names) needs the solar flux and oscillation
model: not computed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import constants as C
from .bounds import _curve


@dataclass(frozen=True)
class Measurement:
    name: str
    label: str
    neutrino: str  # the fermion key of the beam's neutrino
    sigma: float  # total error on s_W^2
    t_eff: float  # GeV, electron recoil energy standing for the window
    references: tuple[str, ...]


CHARM_II = Measurement(
    "CHARM-II-nu-e",
    r"CHARM-II $\nu_\mu e$",
    "numu",
    float(np.hypot(0.0058, 0.0059)),
    10.0,
    ("CHARM-II, Vilain et al., Phys. Lett. B 335 (1994) 246", "Harnik et al. arXiv:1202.6073"),
)
TEXONO = Measurement(
    "TEXONO",
    r"TEXONO $\bar\nu_e e$",
    "nue",
    float(np.hypot(0.031, 0.024)),
    0.005,
    ("TEXONO, Deniz et al., arXiv:0911.1597", "Harnik et al. arXiv:1202.6073"),
)


def _charges(model, nu: str) -> float:
    x = model.fermion_couplings()
    return float(np.ravel(x[nu])[0]) * float(np.ravel(x["e"])[0])


def applies_to(meas: Measurement):
    """Predicate: a vector with tree-level-size couplings to the beam's neutrino and the
    electron (|x_e| at least a tenth of |x_nu|: a loop-mixed electron coupling is left
    to the searches that see it)."""

    def applies(model) -> bool:
        if model.family != "vector":
            return False
        x = model.fermion_couplings()
        xn, xe = abs(float(np.ravel(x[meas.neutrino])[0])), abs(float(np.ravel(x["e"])[0]))
        return xn > 0 and xe >= 0.1 * xn

    return applies


def coupling_bound(model, m, meas: Measurement) -> np.ndarray:
    """The coupling above which |delta s_W^2| > 2 sigma at T_eff (module docstring)."""
    m = np.asarray(m, float)
    xx = abs(_charges(model, meas.neutrino))
    return np.sqrt(4 * meas.sigma * np.sqrt(2) * C.G_FERMI * (m**2 + 2 * C.M_E * meas.t_eff) / xx)


def curve_for(meas: Measurement):
    """The bound's ``(model, masses) -> Curve``."""

    def curve(model, masses):
        masses = np.asarray(masses, float)
        method = (
            f"{meas.name}: nu-e scattering, |delta s_W^2| = |delta g_V| / 2 < 2 x "
            f"{meas.sigma:.3g} at T = {meas.t_eff:g} GeV"
        )
        return _curve(
            model,
            masses,
            coupling_bound(model, masses, meas),
            np.full_like(masses, np.inf),
            meas.name,
            "bound",
            meas.label,
            method,
            meas.references,
        )

    return curve


MEASUREMENTS = (CHARM_II, TEXONO)
