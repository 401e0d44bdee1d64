"""Production of the Higgs-mixed dark scalar S in meson and Higgs decays (sin^2 theta = 1).

Flavour-changing coupling from the top loop (Grinstein, Hall, Randall PLB 211 (1988)
363; Winkler arXiv:1809.01876 eq. A2; Boiarska et al. arXiv:1904.10447 App. A):
L ⊃ theta (xi_ij / v) m_i S d_j-bar P_R d_i, xi_ij = 3 sqrt2 G_F m_t^2 V_ti V_tj^* / (16 pi^2).

* B -> K S: Gamma = xi_bs^2 (m_B^2 - m_K^2)^2 f_0(m^2)^2 p / (32 pi v^2 m_B^2),
  f_0(q^2) = 0.33 / (1 - q^2/38 GeV^2) (Ball-Zwicky hep-ph/0406232 as used in
  1904.10447 App. C; Winkler eq. A4);
* B0 -> K*0 S: Gamma = xi_bs^2 A_0(m^2)^2 p^3 / (8 pi v^2) (pseudoscalar density,
  <K*|s-bar gamma5 b|B> = 2 m_K* (eps*.q) A_0 / (m_b + m_s), m_s neglected; 1904.10447
  App. A), A_0(q^2) = 1.364/(1 - q^2/27.88) - 0.990/(1 - q^2/36.78) (Ball-Zwicky
  hep-ph/0412079, its two-pole fit of A_0^{B->K*}; A_0(0) = 0.374);
* K+ -> pi+ S: the same structure with xi_sd, f_0 = 0.96 (1809.01876 eq. A6);
* b -> s S (inclusive B -> X_s S, free quark): Gamma = xi_bs^2 m_b^3 (1 - m^2/m_b^2)^2
  / (32 pi v^2) (1809.01876 eq. A7), with m_b = 4.18 GeV (MS-bar) -- a choice: the
  result scales as m_b^3 (4.3 theta^2 at m -> 0 here, 6.6 with m_b = 4.8 GeV);
* h -> S S through L ⊃ -lambda S^2 H^dag H: Gamma = lambda^2 v^2 sqrt(1 - 4 m^2/m_h^2)
  / (8 pi m_h) (BR = 4700 lambda^2 with Gamma_h = 4.1 MeV, as in FORESEE's notebook).

* K_L -> pi0 S: K_L ~ (K0 - K0bar)/sqrt2 and <pi0|s-bar d|K0> = -<pi+|s-bar d|K+>/sqrt2,
  so the amplitude is -i Im(xi_sd) f_0 (...) instead of xi_sd f_0 (...): the K+ formula
  with |xi_sd| -> |xi_sd| Im(lambda_t)/|lambda_t|, lambda_t = V_ts^* V_td, and the K_L,
  pi0 masses (Leutwyler & Shifman, Nucl. Phys. B343 (1990) 369; Boiarska et al.
  arXiv:1904.10447 Sec. 3.1). CP-violating: BR(K_L -> pi0 S)/BR(K+ -> pi+ S) =
  (Im lambda_t/|lambda_t|)^2 tau_L/tau_+ = 0.155 x 4.13 = 0.64 (within the Grossman-Nir
  bound 4.3, hep-ph/9701313).
"""

from __future__ import annotations

import numpy as np

from .. import constants as C
from ..kinematics import two_body_momentum

M_B_QUARK = 4.18
M_KSTAR = C.mass(313)


def xi(i: str, j: str) -> float:
    """|xi_ij| for (i, j) = (b, s), (b, d), (s, d) (1809.01876 eq. A2)."""
    v = {"b": C.V_TB, "s": C.V_TS, "d": C.V_TD}
    return 3 * np.sqrt(2) * C.G_FERMI * C.M_TOP_LOOP**2 * v[i] * v[j] / (16 * np.pi**2)


def _two_body_width(xi_, M, m_h, f0, m):
    m = np.asarray(m, float)
    p = two_body_momentum(M, m_h, m)
    return np.where(
        m < M - m_h,
        xi_**2 * (M**2 - m_h**2) ** 2 * f0**2 * p / (32 * np.pi * C.V_HIGGS**2 * M**2),
        0.0,
    )


def width_b_to_k(m):
    """Gamma(B+ -> K+ S) at sin theta = 1, GeV."""
    m = np.asarray(m, float)
    f0 = 0.33 / (1 - m**2 / 38.0)
    return _two_body_width(xi("b", "s"), C.M_B, C.M_K, f0, m)


def width_b0_to_kstar(m):
    """Gamma(B0 -> K*0(892) S) at sin theta = 1, GeV."""
    m = np.asarray(m, float)
    q2 = m**2
    a0 = 1.364 / (1 - q2 / 27.88) - 0.990 / (1 - q2 / 36.78)
    p = two_body_momentum(C.M_B0, M_KSTAR, m)
    return np.where(
        m < C.M_B0 - M_KSTAR, xi("b", "s") ** 2 * a0**2 * p**3 / (8 * np.pi * C.V_HIGGS**2), 0.0
    )


def width_k_to_pi(m):
    """Gamma(K+ -> pi+ S) at sin theta = 1, GeV."""
    return _two_body_width(xi("s", "d"), C.M_K, C.M_PI, 0.96, m)


M_KL, M_PI0 = C.mass(130), C.mass(111)


def width_kl_to_pi0(m):
    """Gamma(K_L -> pi0 S) at sin theta = 1, GeV (CP-violating: Im(V_ts^* V_td))."""
    cp = C.IM_LAMBDA_T / (C.V_TS * C.V_TD)
    return _two_body_width(xi("s", "d") * cp, M_KL, M_PI0, 0.96, m)


def width_b_to_xs(m):
    """Inclusive Gamma(b -> s S) at sin theta = 1, GeV (free-quark, m_b = 4.18 GeV)."""
    m = np.asarray(m, float)
    return np.where(
        m < M_B_QUARK,
        xi("b", "s") ** 2
        * M_B_QUARK**3
        * (1 - m**2 / M_B_QUARK**2) ** 2
        / (32 * np.pi * C.V_HIGGS**2),
        0.0,
    )


def br_h_to_ss(lam, m):
    """BR(h -> S S) for the quartic lambda (L ⊃ -lambda S^2 H^dag H)."""
    m = np.asarray(m, float)
    g = (
        lam**2
        * C.V_HIGGS**2
        * np.sqrt(np.clip(1 - 4 * m**2 / C.M_H**2, 0, None))
        / (8 * np.pi * C.M_H)
    )
    return g / (C.GAMMA_H + g)


#: BC5 default BR(h -> S S) (arXiv:1901.09966 Sec. 4.2; review arXiv:2011.02157 Sec. 5.2)
BR_H_TO_SS_DEFAULT = 1e-2


def br_h_to_ss_benchmark(m):
    """BR(h -> S S) of benchmark BC5: fixed at BR_H_TO_SS_DEFAULT below m_h / 2."""
    m = np.asarray(m, float)
    return np.where(2 * m < C.M_H, BR_H_TO_SS_DEFAULT, 0.0)


def lambda_for_br(br: float) -> float:
    """lambda giving BR(h -> S S) = br for a light S (BC5 uses br = 1e-2)."""
    g = br * C.GAMMA_H / (1 - br)
    return float(np.sqrt(g * 8 * np.pi * C.M_H) / C.V_HIGGS)


#: channel -> (parent mass, recoil mass, width function, parent PDG id for the lifetime)
CHANNELS = {
    "K+->pi+S": (C.M_K, C.M_PI, width_k_to_pi, 321),
    "KL->pi0S": (M_KL, M_PI0, width_kl_to_pi0, 130),
    "B->KS": (C.M_B, C.M_K, width_b_to_k, 521),
    "B0->K*0S": (C.M_B0, M_KSTAR, width_b0_to_kstar, 511),
}


def br(channel: str, m):
    """BR(parent -> X S) at sin^2 theta = 1, with the PDG parent lifetime."""
    if channel == "B->XsS":
        return width_b_to_xs(m) * C.ctau(521) / C.HBARC_GEV_M
    M, mr, fn, pid = CHANNELS[channel]
    return fn(m) * C.ctau(pid) / C.HBARC_GEV_M
