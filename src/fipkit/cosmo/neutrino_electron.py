"""Neutrino-electron scattering bounds (CHARM-II, TEXONO, Borexino) on a vector coupled
to neutrinos and electrons (B-L of review arXiv:2011.02157 Sec. 2.2.2), from the
published weak-mixing-angle measurements and the Borexino 7Be rate.

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

* Borexino, the 7Be line (E_nu = 0.862 MeV) scattering on electrons: the rate in the
  recoil window T = 0.19-0.665 MeV [U: the window's low end, recalled] computed from
  dsigma/dT = (2 G_F^2 m_e / pi) [g_L^2 + g_R^2 (1 - T/E)^2 - g_L g_R m_e T / E^2]
  (g_L,R = (g_V +- g_A) / 2; 't Hooft 1971; e.g. Marciano & Parsa, J. Phys. G 29 (2003)
  2629) with g_V shifted as above, for the nu_e that survive (P_ee = 0.53, the MSW-LMA
  value at 0.86 MeV [U]) and the nu_mu, nu_tau they oscillate into; excluded where the
  rate leaves the measurement by more than twice its error combined with the solar
  model's: 48.3 +- 1.1 (stat) +0.4 -0.7 (syst) counts per day per 100 t (Borexino, Nature
  562 (2018) 505 [U: recalled]) against 47.9 +- 2.8 (B16 high-metallicity standard solar
  model [U: recalled]), i.e. |R - 1| < 2 x 6.3%.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import constants as C
from .bounds import couplings_at_low_mass, excluded_above_curve, first_crossing_g2


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
    x = couplings_at_low_mass(model)
    return x[nu] * x["e"]


def applies_to(meas: Measurement):
    """Predicate: a vector with tree-level-size couplings to the beam's neutrino and the
    electron (|x_e| at least a tenth of |x_nu|: a loop-mixed electron coupling is left
    to the searches that see it)."""

    def applies(model) -> bool:
        if model.family != "vector":
            return False
        x = couplings_at_low_mass(model)
        xn, xe = abs(x[meas.neutrino]), abs(x["e"])
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
        lo = coupling_bound(model, masses, meas)
        return excluded_above_curve(
            model, masses, lo, meas.name, meas.label, method, meas.references
        )

    return curve


MEASUREMENTS = (CHARM_II, TEXONO)


# -- Borexino 7Be --------------------------------------------------------------------
E_BE7 = 0.862e-3  # GeV
T_WINDOW = (0.19e-3, 2 * E_BE7**2 / (C.M_E + 2 * E_BE7))  # GeV: to the Compton edge
P_EE = 0.53
BOREXINO_ERROR = float(np.hypot(np.hypot(1.1, 0.7), 2.8) / 48.3)
BOREXINO_REFERENCES = (
    "Borexino, Nature 562 (2018) 505",
    "Harnik, Kopp, Machado, arXiv:1202.6073",
)


def _rate(dgv: np.ndarray, t: np.ndarray, g_v: float, g_a: float) -> np.ndarray:
    """int dsigma/dT over the window (up to 2 G_F^2 m_e / pi), per row of delta g_V(T)."""
    gl, gr = (g_v + dgv + g_a) / 2, (g_v + dgv - g_a) / 2
    y = t / E_BE7
    f = gl**2 + gr**2 * (1 - y) ** 2 - gl * gr * C.M_E * t / E_BE7**2
    return np.trapezoid(f, t, axis=-1)


def borexino_ratio(model, m, g) -> np.ndarray:
    """The 7Be rate at coupling g over the Standard Model's, [masses, couplings]."""
    from .neutrino_trident import S_W2

    t = np.linspace(*T_WINDOW, 401)
    m = np.asarray(m, float)[:, None, None]
    g = np.asarray(g, float)[None, :, None]
    x = couplings_at_low_mass(model)
    out = np.zeros((m.shape[0], g.shape[1]))
    sm = np.zeros(1)
    for nu, p, g_v, g_a in (
        ("nue", P_EE, 0.5 + 2 * S_W2, 0.5),
        ("numu", 1 - P_EE, -0.5 + 2 * S_W2, -0.5),  # nu_mu and nu_tau alike (x_numu taken)
    ):
        xx = x[nu] * x["e"]
        dgv = xx * g**2 / (np.sqrt(2) * C.G_FERMI * (m**2 + 2 * C.M_E * t))
        out = out + p * _rate(dgv, t, g_v, g_a)
        sm = sm + p * _rate(np.zeros(1), t, g_v, g_a)
    return out / sm


def borexino_bound(model, m) -> np.ndarray:
    """The coupling above which |R - 1| > 2 x BOREXINO_ERROR (the lower edge), per mass:
    R is quadratic in g^2 (delta g_V ∝ g^2), R = 1 + A y + B y^2, A and B from two
    evaluations at the mass's natural scale, the smallest positive root taken."""
    m = np.asarray(m, float)
    y0 = np.sqrt(2) * C.G_FERMI * (m**2 + 2 * C.M_E * np.mean(T_WINDOW))
    r1 = np.diagonal(borexino_ratio(model, m, np.sqrt(y0)))  # each mass at its own scale
    r2 = np.diagonal(borexino_ratio(model, m, np.sqrt(2 * y0)))
    B = (r2 - 2 * r1 + 1) / 2
    A = r1 - 1 - B
    u = first_crossing_g2(A, B, (2 * BOREXINO_ERROR, -2 * BOREXINO_ERROR))  # g^2 / y0
    return np.where(np.isfinite(u), np.sqrt(u * y0), np.nan)


def borexino_curve(model, masses):
    """The Borexino 7Be exclusion of ``model`` on ``masses`` (GeV), no upper edge."""
    masses = np.asarray(masses, float)
    method = (
        "Borexino 7Be: nu-e scattering rate in T = 0.19-0.665 MeV with the X propagator, "
        f"P_ee = {P_EE}; excluded where it leaves the measured rate by > 2 x "
        f"{BOREXINO_ERROR:.3f} (measurement and solar model)"
    )
    lo = borexino_bound(model, masses)
    label = r"Borexino $^7$Be $\nu e$"
    return excluded_above_curve(model, masses, lo, "Borexino", label, method, BOREXINO_REFERENCES)
