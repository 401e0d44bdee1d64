"""Production of BC10/BC11 ALPs in meson decays and by meson mixing (unit couplings:
g_Y = 1 for BC10, 1/f_G = 1 GeV^-1 for BC11; BR scales as the coupling squared).
Masses in GeV, numpy-vectorised over the ALP mass m.

BC10 flavour-changing decays (top loop). In the chiral basis
L = sum_psi (d_mu a/Lambda) psibar k_psi gamma^mu psi, BC10 is c_ff = k_f - k_F with
c_ff/Lambda = g_Y/v for every fermion (``alp_widths.FERMION_CONVENTION``); a universal
coupling has no tree-level FCNC. The W-top loop generates the left-handed
L ⊃ (d_mu a/Lambda) g_ij dbar_i gamma^mu P_L d_j with (leading order in the top Yukawa,
Bauer, Neubert, Renner, Schnubel, Thamm arXiv:2110.10698 and 2012.12272; the form
recalled, not re-read here):
  g_ij = -(y_t^2/(16 pi^2)) V_ti^* V_tj c_tt [ (1/2) ln(Lambda^2/m_t^2) - 1/4
         - (3/2) (1 - x_t + ln x_t)/(1 - x_t)^2 ],   y_t^2 = 2 m_t^2/v^2, x_t = m_t^2/m_W^2,
at the UV scale ``LAMBDA_UV`` = 1 TeV (the scale PBC and Dolan et al. arXiv:1412.5174 use
for BC10: the log(Lambda^2/m_t^2) of Batell-Pospelov-Ritz arXiv:0911.4938). Its leading
log, c_tt y_t^2 lambda_t ln(Lambda^2/m_t^2)/(32 pi^2), is cross-checked in the tests
against the one-loop running d k_Q/d ln mu = {Y_u Y_u^dag, k_Q}/(32 pi^2) -
Y_u k_u Y_u^dag/(16 pi^2) (2012.12272; recalled).
* P -> P' a: only the vector current contributes, <P'|dbar_i gamma^mu d_j|P> q_mu =
  (M^2 - m'^2) f_0(q^2), so Gamma = |g/Lambda|^2 (M^2 - m'^2)^2 f_0(m^2)^2 p/(32 pi M^2),
  p the two-body momentum (the lambda^1/2 phase space; = M^3 (1 - m'^2/M^2)^2 f_0^2
  lambda^1/2/(64 pi) |g/Lambda|^2 as in 2110.10698).
  f_0^{B->K}(q^2) = 0.33/(1 - q^2/38 GeV^2) (Ball-Zwicky hep-ph/0406232, as fipkit's dark
  scalar); f_0^{K->pi} = 0.96 (1809.01876 eq. A6; lattice f_+(0) = 0.97).
* B -> K* a: only the axial current, q_mu <K*|sbar gamma^mu gamma5 b|B> =
  2 m_K* (eps^*.q) A_0(q^2), Gamma = |g/Lambda|^2 A_0(m^2)^2 p^3/(8 pi) (with P_L = (1 -
  gamma5)/2: |g/2 x 2 m_K* A_0|^2 summed over the K* polarisation, sum |eps.q|^2 =
  M^2 p^2/m_K*^2), A_0 of Ball-Zwicky hep-ph/0412079 (two-pole fit, A_0(0) = 0.374).
* K_L -> pi0 a: CP-violating, the K+ formula with |lambda_t| -> Im(lambda_t) and the K_L, pi0
  masses (2110.10698; as fipkit's dark scalar, Leutwyler-Shifman).
  Only the top loop is kept (charm and up loops are suppressed by m_c^2/m_t^2).

BC11 meson decays (B -> K a, K -> pi a through the gluon coupling: 2110.10698's weak chiral
Lagrangian or 1811.03474's K -> pi a) are NOT implemented: their normalisation needs the
octet coupling N_8 and the rho/eta-eta' inputs of those papers, which were not read here.
BC11 production by meson mixing: ``mixing_angles`` (from :mod:`alp_hadronic`): an ALP is
produced with weight theta_P^2 x (yield of P = pi0, eta, eta') at the parent's momentum
(the production itself is wired elsewhere).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .. import constants as C
from ..kinematics import two_body_momentum
from . import alp_hadronic

#: UV scale of the BC10 top loop, GeV (PBC/Dolan et al. 1412.5174: Lambda = 1 TeV)
LAMBDA_UV: float = 1000.0
M_KSTAR: float = C.mass(313)
M_KL: float = C.mass(130)
#: top mass in the loop (MS-bar-like, as fipkit's dark scalar), GeV
M_TOP_LOOP: float = C.M_TOP_LOOP


def _arr(m: npt.ArrayLike) -> np.ndarray:
    return np.asarray(m, dtype=float)


def loop_bracket(lambda_uv: float = LAMBDA_UV) -> float:
    """(1/2) ln(Lambda^2/m_t^2) - 1/4 - (3/2)(1 - x_t + ln x_t)/(1 - x_t)^2 (2110.10698)."""
    xt = (M_TOP_LOOP / C.M_W) ** 2
    return float(
        0.5 * np.log(lambda_uv**2 / M_TOP_LOOP**2)
        - 0.25
        - 1.5 * (1 - xt + np.log(xt)) / (1 - xt) ** 2
    )


def g_fcnc(i: str, j: str, lambda_uv: float = LAMBDA_UV) -> float:
    """|g_ij|/Lambda in GeV^-1 at g_Y = 1 (c_tt/Lambda = 1/v) for (i, j) = (b, s), (b, d),
    (s, d): y_t^2 |V_ti V_tj| bracket/(16 pi^2 v)."""
    v = {"b": C.V_TB, "s": C.V_TS, "d": C.V_TD}
    yt2 = 2 * M_TOP_LOOP**2 / C.V_HIGGS**2
    return yt2 * v[i] * v[j] * loop_bracket(lambda_uv) / (16 * np.pi**2 * C.V_HIGGS)


def _pp_width(g: float, M: float, m_h: float, f0, m):
    p = two_body_momentum(M, m_h, m)
    w = g**2 * (M**2 - m_h**2) ** 2 * f0**2 * p / (32 * np.pi * M**2)
    return np.where(m < M - m_h, w, 0.0)


def f0_b_to_k(q2: npt.ArrayLike) -> np.ndarray:
    """f_0^{B->K}(q^2) = 0.33/(1 - q^2/38 GeV^2) (Ball-Zwicky hep-ph/0406232)."""
    return 0.33 / (1 - _arr(q2) / 38.0)


def a0_b_to_kstar(q2: npt.ArrayLike) -> np.ndarray:
    """A_0^{B->K*}(q^2) = 1.364/(1 - q^2/27.88) - 0.990/(1 - q^2/36.78) (hep-ph/0412079)."""
    q2 = _arr(q2)
    return 1.364 / (1 - q2 / 27.88) - 0.990 / (1 - q2 / 36.78)


def width_b_to_k(m: npt.ArrayLike, charged: bool = True) -> np.ndarray:
    """Gamma(B+ -> K+ a) (charged) or Gamma(B0 -> K0 a), BC10 at g_Y = 1, GeV."""
    m = _arr(m)
    M, mk = (C.M_B, C.M_K) if charged else (C.M_B0, C.mass(311))
    return _pp_width(g_fcnc("b", "s"), M, mk, f0_b_to_k(m**2), m)


def width_b0_to_kstar(m: npt.ArrayLike) -> np.ndarray:
    """Gamma(B0 -> K*0(892) a), BC10 at g_Y = 1, GeV."""
    m = _arr(m)
    p = two_body_momentum(C.M_B0, M_KSTAR, m)
    w = g_fcnc("b", "s") ** 2 * a0_b_to_kstar(m**2) ** 2 * p**3 / (8 * np.pi)
    return np.where(m < C.M_B0 - M_KSTAR, w, 0.0)


def width_k_to_pi(m: npt.ArrayLike) -> np.ndarray:
    """Gamma(K+ -> pi+ a), BC10 at g_Y = 1, GeV (top loop, f_0 = 0.96)."""
    return _pp_width(g_fcnc("s", "d"), C.M_K, C.M_PI, 0.96, _arr(m))


def width_kl_to_pi0(m: npt.ArrayLike) -> np.ndarray:
    """Gamma(K_L -> pi0 a), BC10 at g_Y = 1, GeV (CP-violating: Im lambda_t)."""
    cp = C.IM_LAMBDA_T / (C.V_TS * C.V_TD)
    return _pp_width(g_fcnc("s", "d") * cp, M_KL, C.M_PI0, 0.96, _arr(m))


#: channel -> (width function, parent PDG id)
CHANNELS_BC10 = {
    "B+->K+a": (lambda m: width_b_to_k(m, True), 521),
    "B0->K0a": (lambda m: width_b_to_k(m, False), 511),
    "B0->K*0a": (width_b0_to_kstar, 511),
    "K+->pi+a": (width_k_to_pi, 321),
    "KL->pi0a": (width_kl_to_pi0, 130),
}


def br_bc10(channel: str, m: npt.ArrayLike) -> np.ndarray:
    """BR(parent -> X a) for BC10 at g_Y = 1 (PDG parent lifetime); channels in
    ``CHANNELS_BC10``."""
    fn, pid = CHANNELS_BC10[channel]
    return fn(_arr(m)) * C.ctau(pid) / C.HBARC_GEV_M


def mixing_angles(m: npt.ArrayLike) -> dict[str, np.ndarray]:
    """theta_{a pi0}, theta_{a eta}, theta_{a eta'} of BC11 at 1/f_G = 1 GeV^-1 (multiply by
    1/f_G): :func:`alp_hadronic.mixing_angles` (U(3), 1811.03474's kappa basis). Use for
    "meson mixing" production, N_a = theta_P^2 N_P at the meson's momentum; unregulated
    poles at m = m_P (do not use within the meson width of a pole)."""
    return alp_hadronic.mixing_angles(m)
