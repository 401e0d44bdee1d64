"""The hadronic R ratio R(sqrt s) = sigma(e+e- -> hadrons) / sigma_pt(e+e- -> mu+mu-).

sigma_pt = 4 pi alpha^2 / (3 s) is the point-like (massless-muon) cross section, so a
virtual photon, or a dark photon of mass m = sqrt(s), has Gamma(hadrons) =
(alpha m / 3) R(m) per unit squared coupling.

fipkit's own model, in three pieces:

* pi+ pi-: the pion form factor in the Gounaris-Sakurai form (G.J. Gounaris,
  J.J. Sakurai, PRL 21 (1968) 244, eqs. 3-8) for the rho(770) with rho-omega
  interference, R_pipi = beta_pi^3 |F_pi|^2 / 4;
* omega, phi (and J/psi, psi(2S), psi(3770)): relativistic Breit-Wigners,
  R_V = 9 M^2 Gamma_ee Gamma_had / (alpha^2 [(s - M^2)^2 + M^2 Gamma^2]), which at
  the peak gives sigma = 12 pi B_ee B_had / M^2 (PDG "Resonances" review);
* everything else (4 pi, omega pi, K K pi, ...) and the continuum: perturbative QCD,
  R = N_c sum_q Q_q^2 [1 + a + (1.9857 - 0.1152 n_f) a^2 - 6.637 a^3], a = alpha_s/pi
  (Chetyrkin, Kuhn, Kwiatkowski, Phys. Rept. 277 (1996) 189, eq. 2.7), switched on
  smoothly between 0.9 and 1.6 GeV for the light flavours (the multi-pion channels
  of the data, PDG "Plots of cross sections" R figure) and at the D D-bar and
  B B-bar thresholds with the massive-quark velocity factor beta (3 - beta^2)/2.

Agreement with data-driven widths (Darkcast, arXiv:1801.04847; DeLiVeR) is tested in
tests/test_dark_photon.py.
"""

from __future__ import annotations

import numpy as np

from .. import constants as C

# ----------------------------------------------------------------------------
# running alpha_s (two loops, from alpha_s(M_Z); PDG QCD review Sec. 9.4)
# ----------------------------------------------------------------------------


#: MS-bar m_c(m_c), m_b(m_b) in GeV (PDG 2024): the flavour thresholds of alpha_s
M_C_MC, M_B_MB = 1.273, 4.183


def _run(a0: float, mu0: float, mu, nf: int):
    """Exact implicit two-loop solution from alpha_s(mu0) = a0 with nf flavours:
    1/a = 1/a0 + b0 L - (b1/b0) ln[a (b0 + b1 a0) / (a0 (b0 + b1 a))], L = ln(mu^2/mu0^2),
    from d a / d ln mu^2 = -b0 a^2 - b1 a^3 (PDG QCD review Sec. 9.4)."""
    b0 = (33 - 2 * nf) / (12 * np.pi)
    b1 = (153 - 19 * nf) / (24 * np.pi**2)
    L = np.log(np.asarray(mu, float) ** 2 / mu0**2)
    a = a0 / (1 + b0 * a0 * L)
    for _ in range(30):  # a contraction: converged to machine precision well before
        a = 1 / (1 / a0 + b0 * L - (b1 / b0) * np.log(a * (b0 + b1 * a0) / (a0 * (b0 + b1 * a))))
    return a


def alpha_s(mu):
    """Two-loop alpha_s(mu) from ALPHA_S_MZ, with n_f = 5, 4, 3 below m_b(m_b) and
    m_c(m_c) (continuous at the thresholds); frozen below 1 GeV (used above ~1 GeV).
    E.g. 0.297 at 2 GeV, 0.212 at 5 GeV (PDG 2024: 0.30 and 0.21)."""
    mu = np.maximum(np.asarray(mu, float), 1.0)
    a_b = float(_run(C.ALPHA_S_MZ, C.M_Z, M_B_MB, 5))
    a_c = float(_run(a_b, M_B_MB, M_C_MC, 4))
    return np.where(
        mu >= M_B_MB,
        _run(C.ALPHA_S_MZ, C.M_Z, mu, 5),
        np.where(mu >= M_C_MC, _run(a_b, M_B_MB, mu, 4), _run(a_c, M_C_MC, mu, 3)),
    )


def delta_qcd_scalar(m, nf):
    """Delta_QCD of the width of a scalar or pseudoscalar of mass m (GeV) to a light quark
    pair with the MS-bar mass at mu = m: 5.67 a + (35.94 - 1.36 n_f) a^2 +
    (164.14 - 25.77 n_f + 0.259 n_f^2) a^3, a = alpha_s(m)/pi (Djouadi hep-ph/0503172
    eq. 2.11; equal for the pseudoscalar in the chiral limit, hep-ph/0503173 Sec. 2.1)."""
    a = alpha_s(m) / np.pi
    return 5.67 * a + (35.94 - 1.36 * nf) * a**2 + (164.14 - 25.77 * nf + 0.259 * nf**2) * a**3


def _qcd_factor(sqrt_s, nf):
    a = alpha_s(np.maximum(sqrt_s, 1.0)) / np.pi
    return 1 + a + (1.9857 - 0.1152 * nf) * a**2 - 6.637 * a**3


def _velocity_factor(sqrt_s, m_threshold_half):
    """beta (3 - beta^2)/2 with beta = sqrt(1 - 4 m^2/s): massive-quark vector current."""
    x = 1 - (2 * m_threshold_half / np.maximum(sqrt_s, 1e-9)) ** 2
    beta = np.sqrt(np.clip(x, 0, None))
    return beta * (3 - beta**2) / 2


def _smoothstep(x, x0, x1):
    t = np.clip((x - x0) / (x1 - x0), 0, 1)
    return t * t * (3 - 2 * t)


LIGHT_ON = (0.9, 1.6)  # GeV: where the multi-hadron continuum turns on


def r_continuum(sqrt_s):
    """Perturbative-QCD R for u, d, s, (open) c and b, without narrow resonances."""
    e = np.asarray(sqrt_s, float)
    uds = 3 * (4 / 9 + 1 / 9 + 1 / 9)
    charm = 3 * (4 / 9) * _velocity_factor(e, C.M_D0)
    bottom = 3 * (1 / 9) * _velocity_factor(e, C.M_B)
    nf = 3 + (e > 2 * C.M_D0) + (e > 2 * C.M_B)
    return (uds + charm + bottom) * _qcd_factor(e, nf)


# ----------------------------------------------------------------------------
# pi pi: Gounaris-Sakurai rho with rho-omega mixing
# ----------------------------------------------------------------------------


def _k(s):
    return 0.5 * np.sqrt(np.clip(s - 4 * C.M_PI**2, 0, None))


def _h(s):
    k = _k(s)
    rs = np.sqrt(s)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(k > 0, 2 / np.pi * k / rs * np.log((rs + 2 * k) / (2 * C.M_PI)), 0.0)


def _dh(s):
    """dh/ds (Gounaris-Sakurai)."""
    k = _k(s)
    return _h(s) * (1 / (8 * k**2) - 1 / (2 * s)) + 1 / (2 * np.pi * s)


def pion_form_factor(s):
    """Gounaris-Sakurai F_pi(s) (PRL 21 (1968) 244) with rho-omega interference.

    rho mass and width from `particle`; omega mixing amplitude delta = 1.9e-3
    (typical of e+e- -> pi pi fits, e.g. CMD-2 hep-ex/0112031). F_pi(0) = 1.
    """
    s = np.asarray(s, float).astype(complex)
    M, G = C.M_RHO, C.GAMMA_RHO
    M2 = M * M
    kM = _k(M2)
    d = (
        (3 / np.pi) * C.M_PI**2 / kM**2 * np.log((M + 2 * kM) / (2 * C.M_PI))
        + M / (2 * np.pi * kM)
        - C.M_PI**2 * M / (np.pi * kM**3)
    )
    sr = s.real
    k = _k(sr)
    f = G * M2 / kM**3 * (k**2 * (_h(sr) - _h(M2)) + (M2 - sr) * kM**2 * _dh(M2))
    with np.errstate(divide="ignore", invalid="ignore"):
        gamma_s = np.where(sr > 4 * C.M_PI**2, G * (k / kM) ** 3 * M / np.sqrt(sr), 0.0)
    bw_rho = M2 * (1 + d * G / M) / (M2 - s + f - 1j * np.sqrt(sr) * gamma_s)
    mw2 = C.M_OMEGA**2
    bw_omega = mw2 / (mw2 - s - 1j * C.M_OMEGA * C.GAMMA_OMEGA)
    delta = 1.9e-3
    return bw_rho * (1 + delta * bw_omega) / (1 + delta)


def r_pipi(sqrt_s):
    """R for e+e- -> pi+ pi- : beta^3 |F_pi|^2 / 4."""
    e = np.asarray(sqrt_s, float)
    s = e * e
    beta = np.sqrt(np.clip(1 - 4 * C.M_PI**2 / np.maximum(s, 1e-12), 0, None))
    return np.where(e > 2 * C.M_PI, beta**3 * np.abs(pion_form_factor(s)) ** 2 / 4, 0.0)


# ----------------------------------------------------------------------------
# narrow vector resonances
# ----------------------------------------------------------------------------


def _bw_r(sqrt_s, mass, width, gamma_ee, br_had, threshold):
    s = np.asarray(sqrt_s, float) ** 2
    r = (
        9
        * mass**2
        * gamma_ee
        * width
        * br_had
        / (C.ALPHA_EM**2 * ((s - mass**2) ** 2 + mass**2 * width**2))
    )
    return np.where(np.asarray(sqrt_s) > threshold, r, 0.0)


def r_resonances(sqrt_s):
    """omega, phi and charmonium Breit-Wigners (hadronic final states only)."""
    e = np.asarray(sqrt_s, float)
    r = _bw_r(e, C.M_OMEGA, C.GAMMA_OMEGA, C.GAMMA_EE["omega"], C.BR_HAD_VECTOR["omega"], C.M_PI0)
    r = r + _bw_r(e, C.M_PHI, C.GAMMA_PHI, C.GAMMA_EE["phi"], C.BR_HAD_VECTOR["phi"], 3 * C.M_PI)
    for v in ("J/psi", "psi(2S)", "psi(3770)"):
        m, w = C.CHARMONIA[v]
        r = r + _bw_r(e, m, w, C.GAMMA_EE[v], C.BR_HAD_VECTOR[v], 2 * C.M_PI)
    return r


def r_ratio(sqrt_s):
    """R(sqrt s), sqrt s in GeV (0 below the pi pi threshold)."""
    e = np.asarray(sqrt_s, float)
    pipi = r_pipi(e)
    cont = r_continuum(e)
    # below ~1.6 GeV the continuum is built of multi-pion channels beyond pi pi:
    # turn it on smoothly and let it take over from the rho tail
    on = _smoothstep(e, *LIGHT_ON)
    light = on * cont + (1 - on) * pipi
    return np.where(e > 2 * C.M_PI, light + r_resonances(e), 0.0)
