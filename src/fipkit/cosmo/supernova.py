"""SN1987A cooling bounds on dark photons and dark scalars: documented one-zone estimates.

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

Dark scalar (:func:`scalar_emission_spectrum`): S couples to every nucleon with
y = sin(theta) f_N m_N / v, f_N = 0.30 (the Higgs-nucleon coupling, Shifman-Vainshtein-
Zakharov with sigma terms; e.g. Cline et al. arXiv:1306.4710). The leading soft term of
scalar bremsstrahlung (the radiation of the source y m/E of each nucleon,
dN/domega dOmega = y^2 |sum_i eta_i (1/gamma_i)/(1 - n.v_i)|^2 / (16 pi^3 omega)) has no
monopole (nucleon number) and, for equal masses, no dipole (momentum conservation) term;
the first non-zero term is 2[(n.v')^2 - (n.v)^2] in the pair's centre of mass, whose
square averages to (16/15) v^4 sin^2(chi) over directions. Per collision
dN/domega = y^2 v_rel^4 sin^2(chi) / (60 pi^2 omega), for all nn, pp and np pairs, with
the angle-weighted cross section int sin^2(chi) dsigma = (2/3) x 25 mb (isotropic
scattering). This soft-theorem rate is conservative (Hardy et al. arXiv:2410.17347 use
the same approach and call it so; pion-exchange terms of Dev, Mohapatra, Zhang,
arXiv:2005.00490 are not included), and the resonant mixing with the longitudinal photon
that matters for m_S < omega_p (2410.17347) is not included either: the scalar bound is
an order-of-magnitude estimate.
"""

from __future__ import annotations

import numpy as np

from .. import constants as C

T_CORE = 0.030  # GeV
RHO_CORE = 3e14  # g/cm^3
Y_P = 0.3
R_CORE = 1.0e4  # m
SIGMA_T_NP = 25e-27  # cm^2 (25 mb)
OMEGA_P = 0.015  # GeV
RAFFELT = 1e19  # erg/g/s
_GEV_ERG = 1.602176634e-3
_EPS = np.logspace(-12, -4, 161)
_SIN2 = np.logspace(-18, -6, 241)
F_N = 0.30  # Higgs-nucleon coupling f_N (y_hNN = f_N m_N / v)
SIGMA_SIN2_NN = 2.0 / 3.0 * 25e-27  # cm^2, int sin^2(chi) dsigma for isotropic 25 mb


def _emission_spectrum(omega, m):
    """dQ/domega at eps = 1: energy per cm^3 per s per GeV of omega, [masses, omega]."""
    mu = C.M_N / 2
    n_b = RHO_CORE / (C.M_N * 1.78266192e-24)  # GeV -> g
    n_p, n_n = Y_P * n_b, (1 - Y_P) * n_b
    # Maxwell-Boltzmann in the relative kinetic energy E: dP = 2 sqrt(E/pi) T^-3/2 e^-E/T dE
    x, wx = np.polynomial.laguerre.laggauss(60)
    E = T_CORE * x  # weight e^-x
    v2 = 2 * E / mu
    pdf_no_exp = 2 * np.sqrt(E / np.pi) * T_CORE**-1.5 * T_CORE
    om, mm = omega[None, :, None], m[:, None, None]
    kin = E[None, None, :] > om
    beta = np.sqrt(np.clip(1 - mm**2 / om**2, 0, None))
    per_coll = C.ALPHA_EM / (3 * np.pi) * v2 * np.sqrt(v2) * SIGMA_T_NP * C.C_LIGHT * 100 / om
    d = np.sum(per_coll * beta * (1 + mm**2 / (2 * om**2)) * kin * pdf_no_exp * wx, axis=-1)
    sup = m**4 / ((m**2 - OMEGA_P**2) ** 2 + (0.1 * OMEGA_P**2) ** 2)
    return n_n * n_p * d * om[..., 0] * np.minimum(sup, 1e3)[:, None]  # GeV/cm^3/s/GeV


def scalar_emission_spectrum(omega, m):
    """dQ/domega at sin^2 theta = 1 for the dark scalar (soft quadrupole term), [masses, omega]."""
    mu = C.M_N / 2
    n_b = RHO_CORE / (C.M_N * 1.78266192e-24)
    y2 = (F_N * C.M_N / C.V_HIGGS) ** 2
    x, wx = np.polynomial.laguerre.laggauss(60)
    E = T_CORE * x
    v2 = 2 * E / mu  # v_rel^2
    pdf_no_exp = 2 * np.sqrt(E / np.pi) * T_CORE**-1.5 * T_CORE
    om, mm = omega[None, :, None], m[:, None, None]
    kin = E[None, None, :] > om
    beta = np.sqrt(np.clip(1 - mm**2 / om**2, 0, None))
    per_coll = y2 / (60 * np.pi**2) * v2**2 * np.sqrt(v2) * SIGMA_SIN2_NN * C.C_LIGHT * 100 / om
    d = np.sum(per_coll * beta * kin * pdf_no_exp * wx, axis=-1)
    return n_b**2 / 2 * d * om[..., 0]  # GeV/cm^3/s/GeV, all nucleon pairs


def sn1987a_bound(m, ctau_fn, model: str = "dark-photon"):
    """SN1987A cooling (one-zone estimate): (low, high) coupling per mass, NaN if none.

    The coupling is eps for the dark photon (rates ∝ eps^2, 3 polarisations) and sin^2 theta
    for the dark scalar (rates ∝ sin^2 theta, 1 degree of freedom)."""
    from ..reach import region_rows

    m = np.atleast_1d(np.asarray(m, float))
    omega = np.linspace(0.0, 15 * T_CORE, 301)[1:]
    if model == "dark-scalar":
        dq, dof, grid, power = scalar_emission_spectrum(omega, m), 1, _SIN2, 1
    else:
        dq, dof, grid, power = _emission_spectrum(omega, m), 3, _EPS, 2
    p = np.sqrt(np.clip(omega[None, :] ** 2 - m[:, None] ** 2, 0, None))
    lab = p / m[:, None]  # betagamma
    ctau1 = ctau_fn(m, 1.0)  # metres at unit coupling
    # absorption rate from detailed balance: Gamma_abs n_eq = emission rate
    rate = dq / omega[None, :]  # per cm^3 s GeV
    n_eq = dof * omega[None, :] * p * np.exp(-omega[None, :] / T_CORE) / (2 * np.pi**2)
    n_eq = n_eq / (C.HBARC_GEV_M * 100) ** 3  # per cm^3 per GeV
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        gabs1 = np.where(n_eq > 0, rate / n_eq, np.inf)  # per s at unit coupling
        v = np.where(omega[None, :] > 0, p / omega[None, :], 0)
        gk = grid[None, None, :] ** power
        l_dec = (lab * ctau1[:, None])[..., None] / gk  # m
        l_abs = (v * C.C_LIGHT / gabs1)[..., None] / gk  # m
        esc = np.exp(-R_CORE / l_dec - R_CORE / l_abs)
    q = grid[None, :] ** power * np.trapezoid(dq[..., None] * esc, omega, axis=1)  # GeV/cm^3/s
    loss = q * _GEV_ERG / RHO_CORE  # erg/g/s
    mm, lo, hi = region_rows(m, grid, np.nan_to_num(loss), RAFFELT)
    low = np.full(len(m), np.nan)
    high = np.full(len(m), np.nan)
    for i, x in enumerate(m):  # one interval per mass in this model
        k = np.nonzero(mm == x)[0]
        if len(k):
            low[i], high[i] = lo[k].min(), hi[k].max()
    return low, high
