"""SN1987A cooling bound on dark photons: a documented one-zone estimate.

The proto-neutron-star core is one zone: T = 30 MeV, rho = 3e14 g/cm^3, proton
fraction Y_p = 0.3, radius R = 10 km. A' are radiated in neutron-proton collisions in
the soft-radiation (dipole) approximation: a proton whose velocity changes by Dv emits
dN/domega = (2 alpha / 3 pi) |Dv|^2 / omega (Jackson, Classical Electrodynamics,
eq. 15.2); averaged over the np scattering angle this is (alpha/3 pi) v_rel^2 sigma_T/omega
per collision, with sigma_T the np transport cross section (25 mb, a representative
value at E_cm ~ 30-60 MeV; Rrapaj & Reddy, arXiv:1511.09136, use measured ones).
A massive vector carries the extra phase space beta (1 + m^2 / 2 omega^2), and below
the plasma frequency omega_p ~ 15 MeV the in-medium mixing is suppressed,
eps_eff^2 = eps^2 m^4 / [(m^2 - omega_p^2)^2 + (0.1 omega_p^2)^2]
(Chang, Essig, McDermott, arXiv:1611.03864, Sec. 3; the 0.1 omega_p^2 damping is a
choice of this estimate).

Escape: an A' of energy omega leaves the core unless it decays (lab decay length
(p/m) c tau) or is absorbed (inverse bremsstrahlung, from detailed balance with the
emission rate) within R: weight exp(-R/l_dec - R/l_abs). The energy-loss rate per
unit mass of escaping A' must stay below 1e19 erg g^-1 s^-1 (Raffelt's criterion,
G. Raffelt, Stars as Laboratories (1996), eq. 13.8). Expect O(1) uncertainty in eps
(arXiv:1611.03864 find factors of a few from the core profile alone).
"""

from __future__ import annotations

import numpy as np

from .. import constants as C

T_CORE = 0.030          # GeV
RHO_CORE = 3e14         # g/cm^3
Y_P = 0.3
R_CORE = 1.0e4          # m
SIGMA_T_NP = 25e-27     # cm^2 (25 mb)
OMEGA_P = 0.015         # GeV
RAFFELT = 1e19          # erg/g/s
_GEV_ERG = 1.602176634e-3
_EPS = np.logspace(-12, -4, 161)


def _emission_spectrum(omega, m):
    """dQ/domega at eps = 1: energy per cm^3 per s per GeV of omega, [masses, omega]."""
    mu = C.M_N / 2
    n_b = RHO_CORE / (C.M_N * 1.78266192e-24)        # GeV -> g
    n_p, n_n = Y_P * n_b, (1 - Y_P) * n_b
    # Maxwell-Boltzmann in the relative kinetic energy E: dP = 2 sqrt(E/pi) T^-3/2 e^-E/T dE
    x, wx = np.polynomial.laguerre.laggauss(60)
    E = T_CORE * x                                   # weight e^-x
    v2 = 2 * E / mu
    pdf_no_exp = 2 * np.sqrt(E / np.pi) * T_CORE ** -1.5 * T_CORE
    om, mm = omega[None, :, None], m[:, None, None]
    kin = (E[None, None, :] > om)
    beta = np.sqrt(np.clip(1 - mm**2 / om**2, 0, None))
    per_coll = C.ALPHA_EM / (3 * np.pi) * v2 * np.sqrt(v2) * SIGMA_T_NP * C.C_LIGHT * 100 / om
    d = np.sum(per_coll * beta * (1 + mm**2 / (2 * om**2)) * kin * pdf_no_exp * wx, axis=-1)
    sup = m**4 / ((m**2 - OMEGA_P**2) ** 2 + (0.1 * OMEGA_P**2) ** 2)
    return n_n * n_p * d * om[..., 0] * np.minimum(sup, 1e3)[:, None]   # GeV/cm^3/s/GeV


def sn1987a_bound(m, ctau_fn):
    """SN1987A cooling (one-zone estimate): (eps_low, eps_high) per mass, NaN if none."""
    from ..reach import region_rows

    m = np.atleast_1d(np.asarray(m, float))
    omega = np.linspace(0.0, 15 * T_CORE, 301)[1:]
    dq = _emission_spectrum(omega, m)                           # [m, omega]
    p = np.sqrt(np.clip(omega[None, :] ** 2 - m[:, None] ** 2, 0, None))
    lab = p / m[:, None]                                        # betagamma
    ctau1 = ctau_fn(m, 1.0)                                     # metres at eps = 1
    # absorption rate from detailed balance: Gamma_abs n_eq = emission rate (3 polarisations)
    rate = dq / omega[None, :]                                  # A' per cm^3 s GeV
    n_eq = 3 * omega[None, :] * p * np.exp(-omega[None, :] / T_CORE) / (2 * np.pi**2)
    n_eq = n_eq / (C.HBARC_GEV_M * 100) ** 3                    # per cm^3 per GeV
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        gabs1 = np.where(n_eq > 0, rate / n_eq, np.inf)         # per s at eps = 1
        v = np.where(omega[None, :] > 0, p / omega[None, :], 0)
        e2 = _EPS[None, None, :] ** 2
        l_dec = (lab * ctau1[:, None])[..., None] / e2          # m
        l_abs = (v * C.C_LIGHT / gabs1)[..., None] / e2          # m
        esc = np.exp(-R_CORE / l_dec - R_CORE / l_abs)
    q = _EPS[None, :] ** 2 * np.trapezoid(dq[..., None] * esc, omega, axis=1)  # GeV/cm^3/s [m, eps]
    loss = q * _GEV_ERG / RHO_CORE                              # erg/g/s
    mm, lo, hi = region_rows(m, _EPS, np.nan_to_num(loss), RAFFELT)
    low = np.full(len(m), np.nan)
    high = np.full(len(m), np.nan)
    for i, x in enumerate(m):              # one interval per mass in this model
        k = np.nonzero(mm == x)[0]
        if len(k):
            low[i], high[i] = lo[k].min(), hi[k].max()
    return low, high
