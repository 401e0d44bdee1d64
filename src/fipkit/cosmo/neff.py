"""N_eff from a light vector that talks to the plasma only through neutrinos (the
L_mu - L_tau Z' of review arXiv:2011.02157 Sec. 2.2.2): a documented entropy estimate.

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
from .bounds import _curve
from .thermal import T_NU_DEC as T_DEC
from .thermal import hubble

DELTA_NEFF_MAX = 0.29
_NU = ("nue", "numu", "nutau")
METHOD = (
    "N_eff: the X entropy at neutrino decoupling (T = 2 MeV) heats the neutrinos it "
    "couples to; excluded where Delta N_eff > 0.29 (Planck 2018, 95%) and X thermalises "
    "(Gamma(X -> nu nubar) / 3 > H at T = m)"
)
REFERENCES = (
    "Escudero, Hooper, Krnjaic, Pierre, arXiv:1901.02010",
    "Kamada, Yu, arXiv:1504.00711",
    "Planck 2018 VI, arXiv:1807.06209",
)


def boson_entropy_fraction(x) -> np.ndarray:
    """Entropy of one bosonic degree of freedom of mass m = x T over a massless one's:
    (rho + p) / T over (4 pi^2 / 90) T^3, Bose-Einstein, no chemical potential
    (trapezoid in u = p / T on [0, 80], converged to 1e-6)."""
    x = np.asarray(x, float)[..., None]
    u = np.linspace(1e-9, 80.0, 8001)
    e = np.sqrt(u * u + x * x)
    with np.errstate(over="ignore"):
        f = u * u * (e + u * u / (3 * e)) / np.expm1(e)
    return np.trapezoid(f, u, axis=-1) / (4 * np.pi**4 / 45)


def heated_flavours(model) -> int:
    """Neutrino flavours the vector couples to."""
    x = model.fermion_couplings()
    return sum(float(np.ravel(x[f])[0]) != 0 for f in _NU)


def applies(model) -> bool:
    """A vector coupled to neutrinos, and to electrons at most a tenth as strongly."""
    if model.family != "vector":
        return False
    x = {k: abs(float(np.ravel(v)[0])) for k, v in model.fermion_couplings().items()}
    nu = max(x[f] for f in _NU)
    return nu > 0 and x["e"] < 0.1 * nu


def delta_neff(model, m) -> np.ndarray:
    """Delta N_eff of a thermalised X of mass m (GeV) (module docstring)."""
    n = heated_flavours(model)
    s = 3 * boson_entropy_fraction(np.asarray(m, float) / T_DEC)
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
    return _curve(
        model,
        masses,
        lo,
        np.full_like(masses, np.inf),
        "N_eff",
        "bound",
        r"$N_{\rm eff}$ (Planck, entropy estimate)",
        METHOD,
        REFERENCES,
    )
