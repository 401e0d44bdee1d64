"""Partial decay widths of a heavy neutral lepton N mixing with one active flavour.

All widths in GeV at |U_alpha|^2 = 1 (every width scales as |U_alpha|^2), mass m in GeV.
Formulas: K. Bondarenko, A. Boyarsky, D. Gorbunov, O. Ruchayskiy, "Phenomenology of
GeV-scale heavy neutral leptons", arXiv:1805.08567 (v3), Sec. 3 ("HNL decay modes"):
Sec. 3.1.1 (W-mediated 3-body), Sec. 3.1.2 (Z-mediated and interference), Sec. 3.2.1
(single meson), Sec. 3.3 (quark-level widths with the QCD correction); the same
formulas are in D. Gorbunov, M. Shaposhnikov, arXiv:0705.1729, Sec. 4, and A. Atre et
al., arXiv:0901.3589, App. C.  Equation numbers of 1805.08567 are not quoted: its body
text was not available when this module was written; the formula list follows the
fipkit physics notes (shared/physics/scalar_and_hnl.md, Sec. 3.2, items 1-8), each item
re-derived or checked against the public implementations cHNLdecay (f-thiele, "implements
1805.08567v2") and HNLCalc (arXiv:2405.07330).  Notation: x_i = m_i / m,
lambda(a, b, c) = a^2 + b^2 + c^2 - 2ab - 2ac - 2bc.

Majorana vs Dirac: 1805.08567 writes each width for one charge state ("Dirac-like").
A Majorana N also decays to the charge conjugates -- N -> l- X+ and l+ X- (lepton-number
violating), N -> nu X and nubar X, N -> l_a- l_b+ nu_b and l_a+ l_b- nubar_b,
N -> nu nu nubar and nubar nubar nu -- so EVERY channel, and the total width, doubles.
``majorana=False`` returns the single-state (Dirac-like) widths.

Hadrons: below the matching mass the exclusive single-meson channels; above it the
quark-level widths times (1 + Delta_QCD).  The matching is applied to the mass of the
hadronic system available, m - m_l: NC channels switch at m = ``matching``, CC channels
at m = ``matching`` + m_l.  So for tau mixing the CC switch sits above m_tau, as the
SensCalc manual (arXiv:2305.13383) requires.  Default M_MATCH = 1.0 GeV, the matching
of 1805.08567 (Sec. 3.3, also HNLCalc).  Measured against the SensCalc table
(tests/test_hnl_widths.py): within 3% below 1 GeV (0.3% below 0.3 GeV); at 1-6 GeV
0-12% (e, mu) and 5-19% (tau) higher, SensCalc lying at most 9% (e, mu) / 17% (tau, at
2.0-2.8 GeV) below the lower edge of ``width_band``.

Where this module departs from the notes / from 1805.08567 as coded in cHNLdecay:
* N -> nu omega, phi, J/psi: kappa_V = sqrt2 sum_q g_V^q <0|q qbar|V>/g_V with
  g_V^q = T3 - 2 Q sin^2 theta_W, i.e. kappa_omega = (2/3) s_W^2, kappa_phi =
  (4/3 s_W^2 - 1)/sqrt2, kappa_J/psi = (1 - 8/3 s_W^2)/sqrt2 (the same normalisation
  that gives kappa_rho = 1 - 2 s_W^2 and Gamma(nu pi0) = G^2 f^2 m^3/(32 pi), and the
  values of HNLCalc); the notes' (4/3) s_W^2, 4/3 s_W^2 - 1, 1 - 8/3 s_W^2 are 2, sqrt2,
  sqrt2 times larger in amplitude.
* the a1(1260) (N -> l a1, nu a1; axial current, same kinematics as a vector, kappa = 1)
  and the finite rho and a1 widths (Breit-Wigner average of the two-body width) are
  added: without them the exclusive sum falls 6% below SensCalc at 0.8-1 GeV.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import constants as C
from ..errors import FipkitInputError
from .hadrons import alpha_s

Array = NDArray[np.float64]

#: default matching mass between exclusive mesons and quark-level widths, GeV (1805.08567)
M_MATCH = 1.0
#: interval over which the matching mass is varied for ``width_band``, GeV
MATCH_BAND = (1.0, 2.0)
#: weak mixing angle: MS-bar sin^2 theta_W(M_Z) = 0.23121 (PDG 2022 electroweak review;
#: as HNLCalc).  1805.08567 / cHNLdecay use 0.2223 (on-shell-like): NC widths move by
#: 1-3%, and the SensCalc table below m_mu is matched to 0.15% with 0.23121 vs 1% with 0.2223
SIN2_W = 0.23121
N_C = 3

# Meson decay constants, GeV (1805.08567 tables of decay constants, as in the notes
# Sec. 3.2); vector couplings g_V = f_V m_V in GeV^2.
F_PI, F_K, F_D, F_DS, F_B, F_BC = 0.1302, 0.1556, 0.212, 0.249, 0.187, 0.434
F_ETA, F_ETAP, F_ETAC = 0.0817, -0.0947, 0.237  # eta, eta': effective NC constants
G_RHO, G_OMEGA, G_PHI, G_JPSI = 0.162, 0.153, 0.234, 1.29
G_DSTAR, G_DSSTAR = 0.535, 0.650
F_KSTAR = 0.204  # GeV, f_K* of 1805.08567 (g_K* = f_K* m_K*)
#: f_a1 [GeV] of the axial a1(1260) (not in 1805.08567): fixed so that tau -> nu a1, the
#: same formula as tau -> nu rho averaged over the a1 line shape, gives BR(tau -> 3 pi
#: nu) = 18.6% (PDG 2024: pi- pi- pi+ nu 9.31% + pi- 2pi0 nu 9.26%)
F_A1 = 0.267
# |V_ij|, PDG 2024 (S. Navas et al., PRD 110 (2024) 030001), CKM review, Sec. 12.2
V_UD, V_US, V_UB = 0.97367, 0.22431, 3.82e-3
V_CD, V_CS, V_CB = 0.221, 0.975, 40.8e-3

# masses not in fipkit.constants: PDG values through `particle` (constants.mass)
M_RHO_C, M_KSTAR = C.mass(213), C.mass(323)
M_D, M_DS, M_DSTAR, M_DSSTAR = C.mass(411), C.mass(431), C.mass(413), C.mass(433)
M_ETAC, M_BC = C.mass(441), C.mass(541)
#: a1(1260): PDG 2024 estimates M = 1.230 GeV, Gamma = 0.420 GeV (range 250-600 MeV)
M_A1, GAMMA_A1 = 1.230, 0.420
#: broad resonances averaged over a Breit-Wigner (mass, width, lower, upper edge), GeV
_BROAD = {
    "rho": (M_RHO_C, C.GAMMA_RHO, 2 * C.M_PI, 1.6),
    "rho0": (C.M_RHO, C.GAMMA_RHO, 2 * C.M_PI, 1.6),
    "a1": (M_A1, GAMMA_A1, 3 * C.M_PI, 2.5),
}
#: quark masses for the quark-level kinematics, GeV: u, d, s the PDG MS-bar values at
#: 2 GeV (via `particle`); c, b the pole masses 1.67, 4.78 (PDG 2024 quark summary) --
#: the MS-bar m_c(m_c) = 1.27 would open l c sbar far below the lightest charm hadrons
M_QUARK = {q: C.mass(pid) for q, pid in [("d", 1), ("u", 2), ("s", 3)]} | {"c": 1.67, "b": 4.78}
LEPTON_MASS = {"e": C.M_E, "mu": C.M_MU, "tau": C.M_TAU}

# (name, mass, f or g, |V|); NC vectors carry kappa_V (module docstring)
_CC_P = [
    ("pi", C.M_PI, F_PI, V_UD),
    ("K", C.M_K, F_K, V_US),
    ("D", M_D, F_D, V_CD),
    ("Ds", M_DS, F_DS, V_CS),
    ("B", C.M_B, F_B, V_UB),
    ("Bc", M_BC, F_BC, V_CB),
]
_NC_P = [("pi0", C.M_PI0, F_PI), ("eta", C.M_ETA, F_ETA), ("eta'", C.M_ETAP, F_ETAP)]
_NC_P += [("eta_c", M_ETAC, F_ETAC)]
_CC_V = [
    ("rho", M_RHO_C, G_RHO, V_UD),
    ("K*", M_KSTAR, F_KSTAR * M_KSTAR, V_US),
    ("D*", M_DSTAR, G_DSTAR, V_CD),
    ("Ds*", M_DSSTAR, G_DSSTAR, V_CS),
    ("a1", M_A1, F_A1 * M_A1, V_UD),
]
_NC_V = [
    ("rho0", C.M_RHO, G_RHO, 1 - 2 * SIN2_W),
    ("omega", C.M_OMEGA, G_OMEGA, 2 / 3 * SIN2_W),
    ("phi", C.M_PHI, G_PHI, (4 / 3 * SIN2_W - 1) / 2**0.5),
    ("J/psi", C.M_JPSI, G_JPSI, (1 - 8 / 3 * SIN2_W) / 2**0.5),
    ("a1", M_A1, F_A1 * M_A1, 1.0),
]
_NC_HAD = {f"nu {ch[0]}" for ch in _NC_P + _NC_V} | {"quarks NC"}
_CC_HAD = {f"{a} {ch[0]}" for a in LEPTON_MASS for ch in _CC_P + _CC_V} | {"quarks CC"}
#: the quark-level (inclusive) channels: not exclusive final states
QUARK_CHANNELS = ("quarks CC", "quarks NC")
_CKM = {("u", "d"): V_UD, ("u", "s"): V_US, ("u", "b"): V_UB}
_CKM |= {("c", "d"): V_CD, ("c", "s"): V_CS, ("c", "b"): V_CB}
# NC couplings (C1, C2) of N -> nu f fbar (1805.08567 Sec. 3.1.2 and Sec. 3.3):
# leptons with (same flavour: CC-NC interference) / without interference, and quarks
_S = SIN2_W
_C_LEP_SAME = (0.25 * (1 + 4 * _S + 8 * _S**2), 0.5 * _S * (2 * _S + 1))
_C_LEP_OTHER = (0.25 * (1 - 4 * _S + 8 * _S**2), 0.5 * _S * (2 * _S - 1))
_C_UP = (0.25 * (1 - 8 / 3 * _S + 32 / 9 * _S**2), _S / 3 * (4 / 3 * _S - 1))
_C_DOWN = (0.25 * (1 - 4 / 3 * _S + 8 / 9 * _S**2), _S / 6 * (2 / 3 * _S - 1))

# ---- PDG 2024 branching fractions for CHARGED_TRACKS (R.L. Workman et al. listings) ----
BR_ETA_PIPIPI0, BR_ETA_PIPIG = 0.2292, 0.0422
BR_ETAP_PIPIETA, BR_ETAP_RHOG, BR_ETAP_PI0PI0ETA = 0.425, 0.295, 0.224
BR_OMEGA_PIPIPI0, BR_OMEGA_PIPI = 0.892, 0.0153
BR_PHI_KK, BR_PHI_3PI = 0.491, 0.154
#: J/psi: l+l- (11.9%) + hadrons (87.7%); neutral-only hadronic/radiative states ~1%
BR_JPSI_CHARGED = 0.99
#: a1(1260)0 -> (rho pi)0, (pi pi)_S pi0 -> pi+ pi- pi0 except (pi pi)_S -> pi0 pi0 (~1/3 of
#: the ~15% S-wave part): ~0.95 (rough; the PDG a1 listing gives no absolute fractions)
BR_A1_CHARGED = 0.95


def _kallen(a: ArrayLike, b: ArrayLike, c: ArrayLike) -> Array:
    a, b, c = np.asarray(a, float), np.asarray(b, float), np.asarray(c, float)
    return a * a + b * b + c * c - 2 * (a * b + a * c + b * c)


@cache
def _nodes(n: int = 48) -> tuple[Array, Array]:
    """Gauss-Legendre nodes on theta in [0, pi] (for s = a + (b - a)(1 - cos theta)/2)."""
    t, w = np.polynomial.legendre.leggauss(n)
    return np.pi * (t + 1) / 2, w * np.pi / 2


def i_function(xu: ArrayLike, xd: ArrayLike, xl: ArrayLike) -> Array:
    """I(x_u, x_d, x_l) of 1805.08567 Sec. 3.1.1 (notes item 2), I(0,0,0) = 1:
    12 int_{(x_d+x_l)^2}^{(1-x_u)^2} ds/s (s - x_l^2 - x_d^2)(1 + x_u^2 - s)
    lambda^1/2(s, x_l^2, x_d^2) lambda^1/2(1, s, x_u^2).  It is symmetric in its three
    arguments.  Fixed 48-point Gauss-Legendre in theta, s = a + (b-a)(1-cos theta)/2,
    which absorbs the square-root end points (relative accuracy < 1e-6); vectorised."""
    xu, xd, xl = np.broadcast_arrays(*(np.asarray(x, float) for x in (xu, xd, xl)))
    a, b = (xd + xl) ** 2, np.clip(1 - xu, 0, None) ** 2
    th, w = _nodes()
    s = a[..., None] + (b - a)[..., None] * (1 - np.cos(th)) / 2
    u2, d2, l2 = (x[..., None] ** 2 for x in (xu, xd, xl))
    lam = np.sqrt(np.clip(_kallen(s, l2, d2), 0, None) * np.clip(_kallen(1, s, u2), 0, None))
    with np.errstate(divide="ignore", invalid="ignore"):
        f = (s - l2 - d2) * (1 + u2 - s) * lam / s * np.sin(th) * (b - a)[..., None] / 2
    return np.where(b > a, 12 * (f @ w), 0.0)


def _f12(x: Array) -> tuple[Array, Array]:
    """f_1, f_2 of N -> nu f fbar (1805.08567 Sec. 3.1.2, notes item 3), x = m_f/m < 1/2.
    The log uses 1 - 3x^2 - (1-x^2)sqrt(1-4x^2) = 4x^6/(1 - 3x^2 + (1-x^2)sqrt(1-4x^2)),
    free of the cancellation at small x."""
    x2 = np.clip(x, 0, 0.5) ** 2
    r = np.sqrt(np.clip(1 - 4 * x2, 0, None))
    with np.errstate(divide="ignore", invalid="ignore"):
        L = np.log(4 * x2**2 / ((1 - 3 * x2 + (1 - x2) * r) * (1 + r)))
    L = np.where(x2 > 0, L, 0.0)
    f1 = (1 - 14 * x2 - 2 * x2**2 - 12 * x2**3) * r + 12 * x2**2 * (x2**2 - 1) * L
    f2 = x2 * (2 + 10 * x2 - 12 * x2**2) * r + 6 * x2**2 * (1 - 2 * x2 + 2 * x2**2) * L
    ok = x < 0.5
    return np.where(ok, np.clip(f1, 0, None), 0.0), np.where(ok, np.clip(f2, 0, None), 0.0)


def _nc_3body(m: Array, mf: float, c12: tuple[float, float]) -> Array:
    """Gamma(N -> nu f fbar) per colour: G_F^2 m^5/(192 pi^3) [C1 f1 + 4 C2 f2]."""
    f1, f2 = _f12(mf / m)
    return C.G_FERMI**2 * m**5 / (192 * np.pi**3) * (c12[0] * f1 + 4 * c12[1] * f2)


def _cc_3body(m: Array, mu: float, md: float, ml: float) -> Array:
    """Gamma(N -> l- u dbar) per colour and |V|^2 = G_F^2 m^5/(192 pi^3) I(x_u, x_d, x_l)."""
    return C.G_FERMI**2 * m**5 / (192 * np.pi**3) * i_function(mu / m, md / m, ml / m)


def delta_qcd(m: ArrayLike) -> Array:
    """Delta_QCD = a + 5.2 a^2 + 26.4 a^3, a = alpha_s(m)/pi (1805.08567 Sec. 3.3), with
    fipkit's two-loop alpha_s (hadrons.alpha_s, n_f = 5 from M_Z)."""
    a = alpha_s(np.asarray(m, float)) / np.pi
    return a + 5.2 * a**2 + 26.4 * a**3


def _two_body(m: Array, m1: float, m2: float | Array) -> Array:
    """Open (m > m1 + m2) mask times sqrt(lambda(1, x1^2, x2^2))."""
    lam = np.clip(_kallen(1.0, (m1 / m) ** 2, (m2 / m) ** 2), 0, None)
    return np.where(m > m1 + m2, np.sqrt(lam), 0.0)


def _cc_vector_kin(m: Array, ml: float, mv: Array) -> Array:
    xl2, xv2 = (ml / m) ** 2, (mv / m) ** 2
    k = (1 - xl2) ** 2 + xv2 * (1 + xl2) - 2 * xv2**2
    return k * _two_body(m, ml, mv)


def _nc_vector_kin(m: Array, ml: float, mv: Array) -> Array:
    xv2 = (mv / m) ** 2
    return (m > mv) * (1 + 2 * xv2) * (1 - xv2) ** 2


@cache
def _lineshape(mass: float, width: float, lo: float, hi: float) -> tuple[Array, Array]:
    """Nodes mu and weights (sum 1) of a relativistic Breit-Wigner line shape,
    2 mu^2 Gamma / ((mu^2 - M^2)^2 + M^2 Gamma^2) / pi on lo < mu < hi (64 points)."""
    t, w = np.polynomial.legendre.leggauss(64)
    mu = lo + (hi - lo) * (t + 1) / 2
    wt = w * mu**2 * width / ((mu**2 - mass**2) ** 2 + (mass * width) ** 2)
    return mu, wt / wt.sum()


def _smeared(
    kin: Callable[[Array, float, Array], Array], m: Array, ml: float, mv: float, name: str
) -> Array:
    """Kinematic factor at m_V = mv; averaged over the line shape for the broad rho, a1."""
    if name not in _BROAD:
        return kin(m, ml, np.asarray(mv, float))
    mu, wt = _lineshape(*_BROAD[name])
    return kin(m[:, None], ml, mu[None, :]) @ wt


def _single_state(m: Array, flavour: str, matching: float) -> dict[str, Array]:
    """Dirac-like widths of 1805.08567 on a flat mass array (see :func:`partial_widths`)."""
    a, ml = flavour, LEPTON_MASS[flavour]
    g2 = C.G_FERMI**2
    excl_nc, excl_cc = m <= matching, m <= matching + ml
    w: dict[str, Array] = {}
    # invisible, summed over beta: (1 + delta_ab) G^2 m^5/(768 pi^3) -> G^2 m^5/(192 pi^3)
    w["nu nu nu"] = g2 * m**5 / (192 * np.pi**3)
    for b, mb in LEPTON_MASS.items():  # CC N -> l_a- l_b+ nu_b (b != a); NC nu l_b l_b
        if b != a:
            w[f"{a} {b} nu"] = np.where(m > ml + mb, _cc_3body(m, 0.0, mb, ml), 0.0)
        c12 = _C_LEP_SAME if b == a else _C_LEP_OTHER
        w[f"nu {b} {b}"] = np.where(m > 2 * mb, _nc_3body(m, mb, c12), 0.0)
    xl2 = (ml / m) ** 2
    for name, mp, f, v in _CC_P:  # N -> l- P+: G^2 f^2 V^2 m^3/(16 pi) [...] lambda^1/2
        xp2 = (mp / m) ** 2
        k = (1 - xl2) ** 2 - xp2 * (1 + xl2)
        w[f"{a} {name}"] = (
            excl_cc * g2 * f**2 * v**2 * m**3 / (16 * np.pi) * k * _two_body(m, ml, mp)
        )
    for name, mp, f in _NC_P:  # N -> nu P0: G^2 f^2 m^3/(32 pi) (1 - x_P^2)^2
        op = (m > mp) * (1 - (mp / m) ** 2) ** 2
        w[f"nu {name}"] = excl_nc * g2 * f**2 * m**3 / (32 * np.pi) * op
    for name, mv, g, v in _CC_V:  # N -> l- V+: G^2 g^2 V^2 m^3/(16 pi m_V^2) [...] lambda^1/2
        pref = g2 * g**2 * v**2 * m**3 / (16 * np.pi * mv**2)
        w[f"{a} {name}"] = excl_cc * pref * _smeared(_cc_vector_kin, m, ml, mv, name)
    for name, mv, g, kap in _NC_V:  # N -> nu V0: G^2 g^2 k^2 m^3/(32 pi m_V^2)(1+2x^2)(1-x^2)^2
        pref = g2 * g**2 * kap**2 * m**3 / (32 * np.pi * mv**2)
        w[f"nu {name}"] = excl_nc * pref * _smeared(_nc_vector_kin, m, 0.0, mv, name)
    qcd = 1 + delta_qcd(m)
    mq = M_QUARK
    cc = sum(
        v**2 * np.where(m > ml + mq[u] + mq[d], _cc_3body(m, mq[u], mq[d], ml), 0.0)
        for (u, d), v in _CKM.items()
    )
    nc = sum(
        np.where(m > 2 * mq[q], _nc_3body(m, mq[q], _C_UP if q in "uc" else _C_DOWN), 0.0)
        for q in mq
    )
    w["quarks CC"] = ~excl_cc * N_C * qcd * cc
    w["quarks NC"] = ~excl_nc * N_C * qcd * nc
    return {k: np.asarray(v, float) for k, v in w.items()}


def partial_widths(
    m: ArrayLike, flavour: str, majorana: bool = True, matching: float = M_MATCH
) -> dict[str, Array]:
    """Partial widths [GeV] at |U_flavour|^2 = 1, channel name -> array shaped like m.

    flavour in {"e", "mu", "tau"}; the channel names carry its lepton ("e pi",
    "tau rho", "e mu nu", ...; neutrinos are "nu").  Majorana: every channel is twice
    the single-state width of 1805.08567 (charge conjugates added, see module doc).
    Exclusive hadronic channels for m < ``matching`` (NC) / m < ``matching`` + m_l (CC),
    "quarks NC" / "quarks CC" (with 1 + Delta_QCD) above; leptons at all masses.
    """
    if flavour not in LEPTON_MASS:
        raise FipkitInputError(f"flavour must be one of {sorted(LEPTON_MASS)}, got {flavour!r}")
    shape = np.shape(m)
    flat = np.maximum(np.asarray(m, float).ravel(), 1e-12)
    fac = 2.0 if majorana else 1.0
    return {k: (fac * v).reshape(shape) for k, v in _single_state(flat, flavour, matching).items()}


def total_width(
    m: ArrayLike, flavour: str, majorana: bool = True, matching: float = M_MATCH
) -> Array:
    """Total width [GeV] at |U_flavour|^2 = 1 (sum of :func:`partial_widths`)."""
    return np.sum(list(partial_widths(m, flavour, majorana, matching).values()), axis=0)


def ctau(m: ArrayLike, flavour: str, U2: float = 1.0, majorana: bool = True) -> Array:
    """Proper decay length c tau [m] at mixing |U_flavour|^2 = U2."""
    return C.HBARC_GEV_M / (U2 * total_width(m, flavour, majorana))


def width_band(m: ArrayLike, flavour: str, majorana: bool = True) -> tuple[Array, Array]:
    """(low, high) total width [GeV] from the exclusive/inclusive matching ambiguity.

    The NC and CC hadronic widths are matched independently (as SensCalc does): when the
    hadronic mass available, m (NC) or m - m_l (CC), lies inside MATCH_BAND = (1, 2) GeV,
    that current's hadronic width may be either the exclusive-meson sum or the quark-level
    width, and the band takes the smaller / larger of the two; leptonic channels are
    common.  For m <= 1 GeV and m > 2 GeV + m_l low = high = the central value.
    """
    excl = partial_widths(m, flavour, majorana, matching=np.inf)
    incl = partial_widths(m, flavour, majorana, matching=0.0)
    cent = partial_widths(m, flavour, majorana)
    mm = np.asarray(m, float)
    lo = sum(v for k, v in cent.items() if k not in _NC_HAD | _CC_HAD)
    hi = lo
    for names, mass in ((_NC_HAD, mm), (_CC_HAD, mm - LEPTON_MASS[flavour])):
        e, i, c = (sum(v for k, v in w.items() if k in names) for w in (excl, incl, cent))
        inside = (mass > MATCH_BAND[0]) & (mass <= MATCH_BAND[1])
        lo = lo + np.where(inside, np.minimum(e, i), c)
        hi = hi + np.where(inside, np.maximum(e, i), c)
    return np.asarray(lo, float), np.asarray(hi, float)


def _charged_tracks() -> dict[str, float]:
    """Fraction of decays with >= 2 charged tracks from the N vertex, per channel name.

    Charged mesons (pi, K, D, Ds, B, Bc and the charged vectors) are tracks themselves;
    a tau gives >= 1 charged prong, so every channel with a charged lepton has >= 2.
    Dalitz decays (pi0, eta -> e+ e- gamma) are ignored; K_S from phi -> K_L K_S decays
    away from the N vertex and is not counted.  Quark-level channels: 1 (hadronisation
    of a q qbar pair above 1 GeV almost always gives >= 2 charged hadrons; approximate).
    """
    out = {"nu nu nu": 0.0, "quarks CC": 1.0, "quarks NC": 1.0}
    for a in LEPTON_MASS:
        out[f"nu {a} {a}"] = 1.0
        out |= {f"{a} {b} nu": 1.0 for b in LEPTON_MASS if b != a}
        out |= {f"{a} {ch[0]}": 1.0 for ch in _CC_P + _CC_V}
    br_eta = BR_ETA_PIPIPI0 + BR_ETA_PIPIG
    br_omega = BR_OMEGA_PIPIPI0 + BR_OMEGA_PIPI
    out |= {"nu pi0": 0.0, "nu eta": br_eta, "nu eta_c": 1.0, "nu rho0": 1.0}
    out["nu eta'"] = BR_ETAP_PIPIETA + BR_ETAP_RHOG + BR_ETAP_PI0PI0ETA * br_eta
    out |= {"nu omega": br_omega, "nu phi": BR_PHI_KK + BR_PHI_3PI, "nu J/psi": BR_JPSI_CHARGED}
    out["nu a1"] = BR_A1_CHARGED
    return out


#: channel -> fraction of its decays with >= 2 charged tracks from the N decay vertex
CHARGED_TRACKS: dict[str, float] = _charged_tracks()


def visible_width(m: ArrayLike, flavour: str, majorana: bool = True) -> Array:
    """Width [GeV] into final states with >= 2 charged tracks: sum width x CHARGED_TRACKS."""
    w = partial_widths(m, flavour, majorana)
    return np.sum([v * CHARGED_TRACKS[k] for k, v in w.items()], axis=0)
