"""N_eff from a light vector that talks to the plasma only through neutrinos (the
L_mu - L_tau Z' of review arXiv:2011.02157 Sec. 2.2.2) and from a light millicharge
(Fig. 3), which heats the photons instead: documented entropy estimates.

A vector X that couples to neutrinos (and to electrons at most through a loop) is kept
in equilibrium with the neutrinos it is charged under while Gamma(X -> nu nubar) / 3 >
H at T = m (inverse decays, time-dilated by <m / E> ~ 1/3 at T ~ m; thermal.hubble).
The heated neutrinos decouple from e+e- at T_DEC = 2 MeV (instantaneous decoupling, the
textbook estimate; e.g. Kolb & Turner, The Early Universe, Sec. 3.4 [U: T_DEC for
nu_mu, nu_tau is 2-3 MeV in the literature; the bound's mass scales with it]); the
X entropy left at T_DEC, s_X = 3 s_1(m / T_DEC) (three polarisations, s_1 the entropy
of one massive bosonic degree of freedom in units of a massless one), goes to the n
heated neutrino flavours (7/4 degrees of freedom each) when X decays or annihilates:

    Delta N_eff = n [(1 + 3 s_1(m / T_DEC) / (7 n / 4))^(4/3) - 1],

(entropy conservation in the decoupled sector; the same estimate as Kamada & Yu
arXiv:1504.00711 and Escudero et al. arXiv:1901.02010 solve in full). For L_mu - L_tau
(n = 2) this is 2.56 for m << T_DEC, 0.28 at 10 MeV, 0.05 at 15 MeV. Excluded:
Delta N_eff > 0.29, Planck 2018 (arXiv:1807.06209 eq. 67: N_eff = 2.99 +0.34 -0.33 at
95%, TT,TE,EE+lowE+lensing+BAO) against the standard 3.044. The bound has no upper
edge (a larger coupling thermalises faster) and is not computed for vectors coupled to
electrons at tree level (their entropy is shared with the photons: a different
calculation).
"""

from __future__ import annotations

import numpy as np

from .. import constants as C
from .bounds import couplings_at_low_mass, excluded_above_curve
from .thermal import T_NU_DEC as T_DEC
from .thermal import hubble

DELTA_NEFF_MAX = 0.29
_NU = ("nue", "numu", "nutau")
METHOD = (
    "N_eff: the X entropy at neutrino decoupling (T = 2 MeV) heats the neutrinos it "
    "couples to; excluded where Delta N_eff > 0.29 (Planck 2018, 95%) and X thermalises "
    "(Gamma(X -> nu nubar) / 3 > H at T = m)"
)
LABEL = r"$N_{\rm eff}$ (Planck, entropy estimate)"
REFERENCES = (
    "Escudero, Hooper, Krnjaic, Pierre, arXiv:1901.02010",
    "Kamada, Yu, arXiv:1504.00711",
    "Planck 2018 VI, arXiv:1807.06209",
)


def entropy_fraction(x, fermion: bool = False) -> np.ndarray:
    """Entropy of one degree of freedom of mass m = x T over a massless one's, (rho + p) / T
    with Bose-Einstein (or Fermi-Dirac) statistics and no chemical potential (trapezoid in
    u = p / T on [0, 80], converged to 1e-6)."""
    x = np.asarray(x, float)[..., None]
    u = np.linspace(1e-9, 80.0, 8001)
    e = np.sqrt(u * u + x * x)
    with np.errstate(over="ignore"):
        occ = 1 / (np.exp(e) + 1) if fermion else 1 / np.expm1(e)
        f = u * u * (e + u * u / (3 * e)) * occ
        f0 = u**3 * 4 / 3 * (1 / (np.exp(u) + 1) if fermion else 1 / np.expm1(u))
    return np.trapezoid(f, u, axis=-1) / np.trapezoid(f0, u)


def heated_flavours(model) -> int:
    """Neutrino flavours the vector couples to."""
    x = couplings_at_low_mass(model)
    return sum(x[f] != 0 for f in _NU)


def applies(model) -> bool:
    """A vector coupled to neutrinos, and to electrons at most a tenth as strongly."""
    if model.family != "vector":
        return False
    x = {k: abs(v) for k, v in couplings_at_low_mass(model).items()}
    nu = max(x[f] for f in _NU)
    return nu > 0 and x["e"] < 0.1 * nu


def delta_neff(model, m) -> np.ndarray:
    """Delta N_eff of a thermalised X of mass m (GeV) (module docstring)."""
    n = heated_flavours(model)
    s = 3 * entropy_fraction(np.asarray(m, float) / T_DEC)
    return n * ((1 + s / (1.75 * n)) ** (4 / 3) - 1)


def thermalising_coupling(model, m) -> np.ndarray:
    """The coupling above which Gamma(X -> nu nubar) / 3 > H(T = m)."""
    m = np.asarray(m, float)
    nu = sum(
        model.partial_widths(m)[ch] for ch in ("nu_e nubar_e", "nu_mu nubar_mu", "nu_tau nubar_tau")
    )
    h = hubble(m) * C.HBAR_GEV_S  # GeV
    return np.sqrt(3 * h / nu) ** (2 / model.width_power)


def neff_curve(model, masses):
    """The N_eff exclusion of ``model`` on ``masses`` (GeV): the thermalising coupling as
    the lower edge where Delta N_eff > DELTA_NEFF_MAX, no upper edge."""
    masses = np.asarray(masses, float)
    lo = np.where(
        delta_neff(model, masses) > DELTA_NEFF_MAX, thermalising_coupling(model, masses), np.nan
    )
    return excluded_above_curve(model, masses, lo, "N_eff", LABEL, METHOD, REFERENCES)


# -- millicharged particles (review Fig. 3): the entropy goes to the photons ----------
#: Planck 2018's lower 95% edge, 2.99 - 0.33, against the standard 3.044
DELTA_NEFF_MIN = 2.66 - 3.044
MILLICHARGE_METHOD = (
    "N_eff: a Dirac millicharge in equilibrium with e+- and photons at neutrino decoupling "
    "(T = 2 MeV) heats the photons when it annihilates; excluded where N_eff < 2.66 "
    "(Planck 2018, 95%) and e+ e- -> chi chibar is faster than H at T = max(m_chi, m_e)"
)


def millicharge_neff(m) -> np.ndarray:
    """N_eff - 3.044 for a Dirac millicharge of mass m (GeV) in equilibrium with the
    photons and e+- when the neutrinos decouple (T_DEC): entropy conservation in the
    plasma, (T_nu / T_gamma)^3 = 2 / (5.5 + 3.5 s_chi), s_chi the fermion entropy fraction
    at m / T_DEC, so N_eff = 3.044 [5.5 / (5.5 + 3.5 s_chi)]^(4/3) (-1.48 for m << 1 MeV;
    the chi itself is non-relativistic at recombination for m >> eV)."""
    s = entropy_fraction(np.asarray(m, float) / T_DEC, fermion=True)
    return 3.044 * ((5.5 / (5.5 + 3.5 * s)) ** (4 / 3) - 1)


def millicharge_thermalising_eps(m) -> np.ndarray:
    """eps above which e+ e- -> chi chibar (sigma = 4 pi alpha^2 eps^2 / 3 s (1 + 2 r)
    sqrt(1 - 4 r), r = m^2 / s, at s = 18 T^2, the mean of two thermal energies) on the
    positrons (n = (3/4) zeta(3) 2 T^3 / pi^2) is faster than H at T = max(m_chi, m_e)
    [an order-of-magnitude criterion: the bound's lower edge, far below the figures]."""
    m = np.asarray(m, float)
    T = np.maximum(m, C.M_E)
    s = 18 * T**2
    r = np.clip(m**2 / s, 0, 0.25)
    sigma = 4 * np.pi * C.ALPHA_EM**2 / (3 * s) * (1 + 2 * r) * np.sqrt(1 - 4 * r)
    n = 0.75 * 1.2020569 * 2 * T**3 / np.pi**2
    h = hubble(T) * C.HBAR_GEV_S
    return np.sqrt(h / (n * sigma))


def millicharge_neff_curve(model, masses):
    """The N_eff exclusion of a millicharge on ``masses`` (GeV): no upper edge."""
    masses = np.asarray(masses, float)
    lo = np.where(
        millicharge_neff(masses) < DELTA_NEFF_MIN, millicharge_thermalising_eps(masses), np.nan
    )
    return excluded_above_curve(model, masses, lo, "N_eff", LABEL, MILLICHARGE_METHOD, REFERENCES)
