"""Production of a heavy neutral lepton N in meson, tau, W and Z decays.

Every BR is given at |U_alpha|^2 = 1 (it is linear in |U_alpha|^2) for one flavour
alpha in ("e", "mu", "tau"), as an array over the N mass m (GeV), 0 where the channel
is closed; the same for a Dirac or a Majorana N (one N state is produced).

* P+ -> l+ N (two body; Gorbunov & Shaposhnikov arXiv:0705.1729 Sec. 3; Bondarenko
  et al. arXiv:1805.08567 Sec. 2.1):
  Gamma = G_F^2 f_P^2 |V|^2 M^3/(8 pi) [y_N^2 + y_l^2 - (y_N^2 - y_l^2)^2]
  lambda^{1/2}(1, y_N^2, y_l^2), y = mass/M; at y_N -> 0 the SM Gamma(P -> l nu).
* P -> H l N, H a pseudoscalar or a vector meson (1805.08567 Sec. 2.1 and App. C):
  written here with helicity amplitudes of the W* of mass^2 q2 = (p_l + p_N)^2 and
  both lepton masses (x_l = m_l^2/q2, x_N = m^2/q2, p = |p_H| in the P frame)
    dGamma/dq2 = G_F^2 |V|^2 c p q2 / (96 pi^3 M^2) lambda^{1/2}(1, x_l, x_N)
                 [S_1 (H_+^2 + H_-^2 + H_0^2) + S_0 H_t^2],
    S_1 = 1 - (x_l + x_N)/2 - (x_l - x_N)^2/2,  S_0 = 3/2 [x_l + x_N - (x_l - x_N)^2]
  (angle-integrated V-A lepton tensor; for m_N = 0 the standard form of Korner &
  Schuler, Z. Phys. C46 (1990) 93; symmetric in m_l <-> m_N). Pseudoscalar H:
  H_0 = 2 M p f_+/sqrt(q2), H_t = (M^2 - m_H^2) f_0/sqrt(q2), which reproduces term by
  term the f_+^2 and f_0^2 integrands of the 1805.08567 rate (checked by hand); vector
  H: H_+-, H_0 from V, A_1, A_2 and H_t from A_0 (Richman & Burchat, Rev. Mod. Phys. 67
  (1995) 893, hep-ph/9508250). With the same form factors the BRs agree with HNLCalc
  (arXiv:2405.07330, its implementation of 1805.08567) to 0.1% (pseudoscalar) and
  0.5% (vector) at all masses. c is a flavour factor (1/2 for a pi0).
* tau -> h N (h = pi, K, rho; U_tau) and tau -> nu_tau l N (U_l), tau -> N l nu-bar_l
  (U_tau), and the N energy / q2 spectra: :func:`br_tau`, :func:`dbr_tau_dE`.
* W -> l N, Z -> nu N: :func:`br_w_to_lN`, :func:`br_z_to_nuN`.

Equation numbers of 0705.1729 and 1805.08567 are not quoted: only the papers' openings
could be read here, so sections are cited and every formula was re-derived (from
|M|^2 and the lepton tensor) and checked against the public codes HNLCalc and SensCalc
(arXiv:2305.13383) and the limits in tests/test_hnl_production.py. Tree level: no
radiative corrections (S_EW = 1.0232, delta_EM), as in 1805.08567; the SM limits come
out 2-8% below data for K and D decays and 10-17% above for the vector channels
(Melikhov-Stech form factors; |V_cb| inclusive/exclusive), see the tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache, partial

import numpy as np
import numpy.typing as npt

from .. import constants as C
from ..kinematics import kallen

# ---------------------------------------------------------------------------- inputs
#: decay constants, GeV (1805.08567 decay-constant table; FLAG 2016 averages)
F_PI, F_K, F_D, F_DS, F_B, F_BC = 0.1302, 0.1556, 0.212, 0.249, 0.187, 0.434
#: rho coupling g_rho = f_rho m_rho, GeV^2 (1805.08567 table; gives BR(tau -> rho nu) = 25%)
G_RHO = 0.162
#: |V_ij| (PDG 2022, R.L. Workman et al., PTEP 2022 083C01, CKM review Sec. 12.2)
V_UD, V_US, V_CD, V_CS, V_UB, V_CB = 0.97373, 0.2243, 0.221, 0.975, 3.82e-3, 40.8e-3
#: BR(W -> l nu) per lepton flavour (PDG 2022, W listing, lepton-universal fit)
BR_W_LNU = 0.1086
#: BR(Z -> nu nu-bar) of one flavour: Gamma(invisible)/Gamma_Z / 3 (PDG 2022 Z listing)
BR_Z_NUNU = 0.20000 / 3
#: Z -> nu_a N-bar and Z -> N nu-bar_a both occur (amplitudes U and U*): 2 |U|^2 of the
#: one-flavour rate (Dirac N; for a Majorana N the same count of Z -> N nu(bar) states)
#: at first order in |U|^2 (DELPHI, P. Abreu et al., Z. Phys. C74 (1997) 57, Sec. 2)
Z_NU_N_FACTOR = 2.0

M_LEP = {"e": C.M_E, "mu": C.M_MU, "tau": C.M_TAU}
M_TAU = C.M_TAU
_HBARC = C.HBARC_GEV_M


def _width(pdg: int) -> float:
    """Total width (GeV) from the PDG lifetime (c tau of `particle`)."""
    return _HBARC / C.ctau(pdg)


def _lepton_mass(flavour: str) -> float:
    if flavour not in M_LEP:
        raise ValueError(f"flavour must be 'e', 'mu' or 'tau', not {flavour!r}")
    return M_LEP[flavour]


def _sqrt_kallen(a, b, c):
    return np.sqrt(np.clip(kallen(a, b, c), 0, None))


@cache
def _nodes(n: int = 96) -> tuple[np.ndarray, np.ndarray]:
    """Gauss-Legendre in theta for int_0^1 dt with t = (1 - cos theta)/2: smooth for
    integrands with square-root zeros at both ends (the phase-space edges)."""
    x, w = np.polynomial.legendre.leggauss(n)
    th = (x + 1) * np.pi / 2
    return (1 - np.cos(th)) / 2, w * np.sin(th) * np.pi / 4


def _integrate(f: Callable, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """int_lo^hi f(x) dx for arrays lo, hi (vectorised; 0 where hi <= lo)."""
    t, w = _nodes()
    span = np.clip(hi - lo, 0, None)[..., None]
    return np.sum(f(lo[..., None] + span * t) * w, axis=-1) * span[..., 0]


# ---------------------------------------------------------------------------- P -> l N
#: parent -> (PDG id, f_P GeV, |V|, spectra species of the parent and its conjugate)
LEPTONIC: dict[str, tuple[int, float, float, tuple[str, ...]]] = {
    "pi+": (211, F_PI, V_UD, ("pi+", "pi-")),
    "K+": (321, F_K, V_US, ("K+", "K-")),
    "D+": (411, F_D, V_CD, ("D+", "D-")),
    "Ds+": (431, F_DS, V_CS, ("Ds+", "Ds-")),
    "B+": (521, F_B, V_UB, ("B+", "B-")),
    "Bc+": (541, F_BC, V_CB, ("Bc+", "Bc-")),
}


def width_leptonic(parent: str, flavour: str, m: npt.ArrayLike) -> np.ndarray:
    """Gamma(P+ -> l_alpha+ N) at |U|^2 = 1, GeV (0705.1729 Sec. 3; 1805.08567 Sec. 2.1)."""
    pdg, f, v, _ = LEPTONIC[parent]
    M, ml = C.mass(pdg), _lepton_mass(flavour)
    yn, yl = (np.asarray(m, float) / M) ** 2, (ml / M) ** 2
    g = (
        C.G_FERMI**2 * f**2 * v**2 * M**3 / (8 * np.pi)
        * (yn + yl - (yn - yl) ** 2) * _sqrt_kallen(1.0, yn, yl)
    )  # fmt: skip
    return np.where(np.asarray(m, float) < M - ml, g, 0.0)


def br_leptonic(parent: str, flavour: str, m: npt.ArrayLike) -> np.ndarray:
    """BR(P+ -> l_alpha+ N)/|U_alpha|^2, parent in LEPTONIC (PDG lifetime)."""
    return width_leptonic(parent, flavour, m) / _width(LEPTONIC[parent][0])


def br_ds_to_tau_nu() -> float:
    """SM BR(D_s+ -> tau+ nu) from f_Ds, |V_cs|: 5.17% (PDG 2022 measured: 5.32%)."""
    return float(br_leptonic("Ds+", "tau", 0.0))


# ---------------------------------------------------------------------------- P -> H l N
@dataclass(frozen=True)
class Semileptonic:
    """A channel P -> H l N: ``parents`` (spectra species: P and its conjugate), PDG ids
    of P and H, |V|, whether H is a vector, ``form_factors`` q2 -> (f_+, f_0) or
    (V, A_0, A_1, A_2), and ``factor`` (flavour factor on the rate)."""

    parents: tuple[str, ...]
    parent_pdg: int
    hadron_pdg: int
    ckm: float
    vector: bool
    form_factors: Callable[[np.ndarray], tuple[np.ndarray, ...]]
    factor: float = 1.0

    @property
    def parent_mass(self) -> float:
        return C.mass(self.parent_pdg)

    @property
    def hadron_mass(self) -> float:
        return C.mass(self.hadron_pdg)


def _pole(f0: float, m_pole: float) -> Callable[[np.ndarray], np.ndarray]:
    return lambda q2: f0 / (1 - q2 / m_pole**2)


def _two_poles(f0: float, m_plus: float, m_zero: float) -> Callable:
    fp, fz = _pole(f0, m_plus), _pole(f0, m_zero)
    return lambda q2: (fp(q2), fz(q2))


def _cln(pdg_b: int, pdg_d: int, rho2: float = 1.131, g1: float = 1.054) -> Callable:
    """B -> D f_+, f_0 in the CLN form (Caprini, Lellouch, Neubert, Nucl. Phys. B530 (1998)
    153, hep-ph/9712417: V_1(w)/V_1(1) cubic in z and S_1/V_1, their B -> D fit formulas),
    f_+ = (1 + r)/(2 sqrt r) V_1, f_0 = sqrt r (1 + w)/(1 + r) S_1, r = m_D/m_B; slope
    rho^2 = 1.131 (HFLAV 2016, arXiv:1612.07233, B -> D l nu CLN average), V_1(1) = G(1)
    = 1.054 (FNAL/MILC lattice, arXiv:1503.07237)."""
    mb, md = C.mass(pdg_b), C.mass(pdg_d)
    r = md / mb

    def ff(q2):
        w = (mb**2 + md**2 - q2) / (2 * mb * md)
        z = (np.sqrt(w + 1) - np.sqrt(2)) / (np.sqrt(w + 1) + np.sqrt(2))
        v1 = g1 * (1 - 8 * rho2 * z + (51 * rho2 - 10) * z**2 - (252 * rho2 - 84) * z**3)
        u = w - 1
        s1 = v1 * 1.0036 * (1 - 0.0068 * u + 0.0017 * u**2 - 0.0013 * u**3)
        return (1 + r) / (2 * np.sqrt(r)) * v1, np.sqrt(r) * (1 + w) / (1 + r) * s1

    return ff


def _melikhov_stech(rows, m_p: float, m_v: float) -> Callable:
    """(V, A_0, A_1, A_2) from rows (F(0), sigma_1, sigma_2) in the form of Melikhov &
    Stech (hep-ph/0001113): V, A_0 = F(0)/[(1 - q2/M^2)(1 - s1 q2/M^2 + s2 q2^2/M^4)]
    with M = M_V (V) or M_P (A_0); A_1, A_2 = F(0)/(1 - s1 q2/M_V^2 + s2 q2^2/M_V^4)."""

    def one(row, m, pole):
        f0, s1, s2 = row
        return lambda q2: (
            f0 / ((1 - q2 / m**2 if pole else 1.0) * (1 - s1 * q2 / m**2 + s2 * q2**2 / m**4))
        )

    fs = [one(rows[0], m_v, True), one(rows[1], m_p, True)]
    fs += [one(rows[2], m_v, False), one(rows[3], m_v, False)]
    return lambda q2: tuple(f(q2) for f in fs)


# K -> pi: f_+(0) = 0.9636 (the value of 1805.08567 / HNLCalc), poles M_V = 0.878,
# M_S = 1.252 GeV: the pole fit of the K_l3 data (FlaviaNet Kaon WG, M. Antonelli et al.,
# Eur. Phys. J. C69 (2010) 399, arXiv:1005.2323). D -> K: f_+(0) = 0.747 (HPQCD, H. Na et
# al., arXiv:1008.4562), poles D_s*(2112) for f_+ and D_s0*(2317) for f_0 (1805.08567
# App. C; HNLCalc puts the f_0 pole at m_Ds: 1.34 x this D0 -> K- e N at m = 1 GeV).
_FF_K_PI = _two_poles(0.9636, 0.878, 1.252)
_FF_D_K = _two_poles(0.747, C.mass(433), C.mass(10431))
# Vectors: (F(0), sigma_1, sigma_2) of V, A_0, A_1, A_2 as tabulated in 1805.08567 App. C
# (D -> K*, B -> D*: Melikhov & Stech hep-ph/0001113; B_s -> D_s*: the 1805.08567 row).
# b -> c poles: M_P = m(B_c), M_V = 6.4 GeV (B_c*, 1805.08567).
_FF_D_KSTAR = _melikhov_stech(
    ((1.03, 0.27, 0), (0.76, 0.17, 0), (0.66, 0.30, 0.20), (0.49, 0.67, 0.16)),
    C.mass(431),
    C.mass(433),
)
_FF_B_DSTAR = _melikhov_stech(
    ((0.76, 0.57, 0), (0.69, 0.58, 0), (0.66, 0.78, 0), (0.62, 1.04, 0)), C.mass(541), 6.4
)
_FF_BS_DSSTAR = _melikhov_stech(
    ((0.95, 0.372, 0), (0.67, 0.35, 0), (0.70, 0.463, 0), (0.75, 1.04, 0)), C.mass(541), 6.4
)

_S = Semileptonic
#: channel -> Semileptonic (charge conjugates implied by the parents). K+ -> pi0: factor
#: 1/2 (pi0 = (u u-bar - d d-bar)/sqrt2). K_L -> pi l N counts both charges, pi- l+ N and
#: pi+ l- N-bar: K_L = (K0 - K0bar)/sqrt2 gives each half of Gamma(K0 -> pi- l+ N), so
#: their sum is Gamma(K0 -> pi- l+ N) (factor 1). B_s -> D_s: the B -> D form factors
#: (SU(3) assumed).
SEMILEPTONIC: dict[str, Semileptonic] = {
    "K+->pi0": _S(("K+", "K-"), 321, 111, V_US, False, _FF_K_PI, 0.5),
    "KL->pi+": _S(("KL",), 130, 211, V_US, False, _FF_K_PI),
    "D0->K-": _S(("D0", "D0bar"), 421, 321, V_CS, False, _FF_D_K),
    "D+->K0bar": _S(("D+", "D-"), 411, 311, V_CS, False, _FF_D_K),
    "D0->K*-": _S(("D0", "D0bar"), 421, 323, V_CS, True, _FF_D_KSTAR),
    "D+->K*0bar": _S(("D+", "D-"), 411, 313, V_CS, True, _FF_D_KSTAR),
    "B+->D0bar": _S(("B+", "B-"), 521, 421, V_CB, False, _cln(521, 421)),
    "B0->D-": _S(("B0", "B0bar"), 511, 411, V_CB, False, _cln(511, 411)),
    "B+->D*0bar": _S(("B+", "B-"), 521, 423, V_CB, True, _FF_B_DSTAR),
    "B0->D*-": _S(("B0", "B0bar"), 511, 413, V_CB, True, _FF_B_DSTAR),
    "Bs->Ds-": _S(("Bs", "Bsbar"), 531, 431, V_CB, False, _cln(531, 431)),
    "Bs->Ds*-": _S(("Bs", "Bsbar"), 531, 433, V_CB, True, _FF_BS_DSSTAR),
}


def _helicity(ch: Semileptonic, q2: np.ndarray, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(H_+^2 + H_-^2 + H_0^2, H_t^2) of P -> H W*(q2), p = |p_H| in the P frame."""
    M, mh = ch.parent_mass, ch.hadron_mass
    if not ch.vector:
        fp, f0 = ch.form_factors(q2)
        return 4 * M**2 * p**2 * fp**2 / q2, (M**2 - mh**2) ** 2 * f0**2 / q2
    v, a0, a1, a2 = ch.form_factors(q2)
    hpm = 2 * ((M + mh) * a1) ** 2 + 2 * (2 * M * p * v / (M + mh)) ** 2  # H_+^2 + H_-^2
    h0 = ((M**2 - mh**2 - q2) * (M + mh) * a1 - 4 * M**2 * p**2 * a2 / (M + mh)) / (
        2 * mh * np.sqrt(q2)
    )
    return hpm + h0**2, (2 * M * p * a0) ** 2 / q2


def _dgamma_dq2(ch: Semileptonic, ml: float, m, q2) -> np.ndarray:
    M, mh = ch.parent_mass, ch.hadron_mass
    m, q2 = np.broadcast_arrays(np.asarray(m, float), np.asarray(q2, float))
    inside = (q2 > (m + ml) ** 2) & (q2 < (M - mh) ** 2)
    q2 = np.where(inside, q2, (M - mh) ** 2)  # a safe point (masked below)
    p = _sqrt_kallen(M**2, mh**2, q2) / (2 * M)
    xl, xn = ml**2 / q2, m**2 / q2
    s1 = 1 - (xl + xn) / 2 - (xl - xn) ** 2 / 2
    s0 = 1.5 * (xl + xn - (xl - xn) ** 2)
    h1, ht = _helicity(ch, q2, p)
    pre = C.G_FERMI**2 * ch.ckm**2 * ch.factor * p * q2 / (96 * np.pi**3 * M**2)
    return np.where(inside, pre * _sqrt_kallen(1.0, xl, xn) * (s1 * h1 + s0 * ht), 0.0)


def dbr_dq2(channel: str, flavour: str, m: float, q2: npt.ArrayLike) -> np.ndarray:
    """dBR(P -> H l_alpha N)/dq2 / |U_alpha|^2, GeV^-2, q2 = (p_l + p_N)^2 (0 outside
    ((m + m_l)^2, (M - m_H)^2))."""
    ch = SEMILEPTONIC[channel]
    return _dgamma_dq2(ch, _lepton_mass(flavour), m, q2) / _width(ch.parent_pdg)


@lru_cache(maxsize=256)
def _br_semileptonic(channel: str, flavour: str, m: tuple[float, ...]) -> np.ndarray:
    ch, ml = SEMILEPTONIC[channel], _lepton_mass(flavour)
    mm = np.asarray(m, float)
    lo, hi = (mm + ml) ** 2, np.full_like(mm, (ch.parent_mass - ch.hadron_mass) ** 2)
    g = _integrate(lambda q2: _dgamma_dq2(ch, ml, mm[:, None], q2), lo, hi)
    return g / _width(ch.parent_pdg)


def br_semileptonic(channel: str, flavour: str, m: npt.ArrayLike) -> np.ndarray:
    """BR(P -> H l_alpha N)/|U_alpha|^2 for a channel of SEMILEPTONIC (q2 integral on
    a fixed 96-point Gauss grid, vectorised over m; results memoised per mass grid)."""
    m = np.asarray(m, float)
    out = _br_semileptonic(channel, flavour, tuple(m.ravel().tolist()))
    return out.reshape(m.shape).copy()  # the memoised array stays unchanged


# ---------------------------------------------------------------------------- tau decays
#: two-body tau -> h N: channel -> recoil (hadron) mass, GeV
TAU_TWO_BODY: dict[str, float] = {"tau->piN": C.M_PI, "tau->KN": C.M_K, "tau->rhoN": C.mass(213)}
TAU_THREE_BODY = ("tau->nu_tau l N", "tau->e nu N", "tau->mu nu N", "tau->l nu N")
_GAMMA_TAU = _width(15)


def _tau_two_body(channel: str, m: np.ndarray) -> np.ndarray:
    """Gamma(tau -> h N)/|U_tau|^2 (0705.1729 Sec. 3; 1805.08567 Sec. 2.2), GeV."""
    mh = TAU_TWO_BODY[channel]
    yh, yn = (mh / M_TAU) ** 2, (m / M_TAU) ** 2
    lam = _sqrt_kallen(1.0, yh, yn)
    pre = C.G_FERMI**2 * M_TAU**3 / (16 * np.pi)
    if channel == "tau->rhoN":  # g_rho^2/m_rho^2 [(1 - y_N)^2 + y_rho (1 + y_N - 2 y_rho)]
        g = pre * G_RHO**2 * V_UD**2 / mh**2 * ((1 - yn) ** 2 + yh * (1 + yn - 2 * yh)) * lam
    else:
        f, v = (F_PI, V_UD) if channel == "tau->piN" else (F_K, V_US)
        g = pre * f**2 * v**2 * ((1 - yn) ** 2 - yh * (1 + yn)) * lam
    return np.where(m < M_TAU - mh, g, 0.0)


def _tau3_lepton(channel: str, flavour: str) -> float | None:
    """Mass of the charged lepton of a three-body tau channel; None if U_flavour does
    not make it."""
    if channel not in TAU_THREE_BODY:
        raise ValueError(f"unknown tau channel {channel!r}")
    _lepton_mass(flavour)
    if channel == "tau->nu_tau l N":  # tau -> nu_tau l_a N via U_a, a = e, mu
        return M_LEP[flavour] if flavour in ("e", "mu") else None
    return {"tau->e nu N": C.M_E, "tau->mu nu N": C.M_MU}[channel] if flavour == "tau" else None


def _tau3_dE(nubar: bool, ml: float, m, E) -> np.ndarray:
    """dGamma/dE_N (GeV^0); nubar: N in place of nu-bar_l (U_l), else of nu_tau (U_tau)."""
    m, E = np.broadcast_arrays(np.asarray(m, float), np.asarray(E, float))
    e_max = (M_TAU**2 + m**2 - ml**2) / (2 * M_TAU)
    inside = (E > m) & (E < e_max)
    E = np.where(inside, E, 0.5 * (m + e_max))
    Q2 = M_TAU**2 + m**2 - 2 * M_TAU * E
    p, r = np.sqrt(np.clip(E**2 - m**2, 0, None)), ml**2 / Q2
    if nubar:  # (p_tau.p_N)(p_l.p_nu): both fixed by E_N
        d = E * (Q2 - ml**2) * (1 - r) * p / (2 * np.pi**3)
    else:  # (p_tau.p_nu)(p_l.p_N): <p_l^a p_nu^b> over the l nu-bar pair of mass^2 Q2
        d = (1 - r) ** 2 * p / np.pi**3 * (
            (Q2 - ml**2) * E / 12
            + (Q2 + 2 * ml**2) * (M_TAU - E) * (M_TAU * E - m**2) / (6 * Q2)
        )  # fmt: skip
    return np.where(inside & (m + ml < M_TAU), C.G_FERMI**2 * d, 0.0)


def _tau3_dq2(nubar: bool, ml: float, m, q2) -> np.ndarray:
    """dGamma/dq2 (GeV^-1), q2 = (p_l + p_N)^2, the neutrino as spectator."""
    m, q2 = np.broadcast_arrays(np.asarray(m, float), np.asarray(q2, float))
    inside = (q2 > (m + ml) ** 2) & (q2 < M_TAU**2)
    q2 = np.where(inside, q2, 0.5 * ((m + ml) ** 2 + M_TAU**2))
    lam = np.clip(kallen(q2, ml**2, m**2), 0, None)
    if nubar:  # <p_N^a p_l^b> = A q2 g^ab + B q^a q^b over W* -> l N, times p_tau,a p_nu,b
        a = lam / (12 * q2**2)
        b = (q2**2 - (ml**2 - m**2) ** 2) / (4 * q2**2) - a
        avg = a * q2 * (M_TAU**2 - q2) / 2 + b * (M_TAU**4 - q2**2) / 4
    else:  # (p_tau.p_nu)(p_l.p_N), both fixed by q2
        avg = (q2 - ml**2 - m**2) * (M_TAU**2 - q2) / 4
    d = avg * (M_TAU**2 - q2) * np.sqrt(lam) / (4 * np.pi**3 * M_TAU**3 * q2)
    return np.where(inside, C.G_FERMI**2 * d, 0.0)


def _tau3_parts(channel: str, flavour: str) -> list[tuple[bool, float]]:
    parts = ("tau->e nu N", "tau->mu nu N") if channel == "tau->l nu N" else (channel,)
    out = [(c == "tau->nu_tau l N", _tau3_lepton(c, flavour)) for c in parts]
    return [(nubar, ml) for nubar, ml in out if ml is not None]


def dbr_tau_dE(channel: str, flavour: str, m: float, E: npt.ArrayLike) -> np.ndarray:
    """dBR/dE_N / |U_alpha|^2 (GeV^-1), E_N the N energy in the tau rest frame, for the
    three-body channels (see :func:`br_tau`), from |M|^2 = 64 G_F^2 (p_tau.p_a)(p_b.p_c)
    (muon-decay structure; 0705.1729 Sec. 3, the tau -> nu_tau l N form as in HNLCalc
    arXiv:2405.07330; the U_tau form integrated here over the l nu pair)."""
    E = np.asarray(E, float)
    d = sum(
        (_tau3_dE(nubar, ml, m, E) for nubar, ml in _tau3_parts(channel, flavour)),
        np.zeros(E.shape),
    )
    return d / _GAMMA_TAU


def dbr_tau_dq2(channel: str, flavour: str, m: float, q2: npt.ArrayLike) -> np.ndarray:
    """dBR/dq2 / |U_alpha|^2 (GeV^-2) of the three-body tau channels, q2 = (p_l + p_N)^2
    with the neutrino as spectator (tau -> nu W*(q2), W* -> l N, for sampling)."""
    q2 = np.asarray(q2, float)
    parts = _tau3_parts(channel, flavour)
    d = sum((_tau3_dq2(nubar, ml, m, q2) for nubar, ml in parts), np.zeros(q2.shape))
    return d / _GAMMA_TAU


def dbr_tau_dq2_recoil(channel: str, flavour: str, m: float, q2: npt.ArrayLike) -> np.ndarray:
    """dBR/dq2 / |U_alpha|^2 (GeV^-2) with q2 = (p_tau - p_N)^2, the mass^2 of what the
    N recoils against: m_tau^2 + m^2 - 2 m_tau E_N, so dBR/dq2 = dBR/dE_N / (2 m_tau)
    (:func:`dbr_tau_dE`). For tau -> nu_tau l N via U_l, |M|^2 ∝ (p_tau.p_N)(p_l.p_nu)
    (the muon-decay structure of Gorbunov-Shaposhnikov arXiv:0705.1729 Sec. 3, as in
    :func:`dbr_tau_dE`) depends on q2 alone: sampling q2, then N isotropic in the tau
    frame and the unseen (l nu) isotropic in theirs, is exact (tested against dBR/dE_N
    in tests/test_hnl_production.py)."""
    q2 = np.asarray(q2, float)
    e = (M_TAU**2 + m**2 - q2) / (2 * M_TAU)
    return dbr_tau_dE(channel, flavour, m, e) / (2 * M_TAU)


def br_tau(channel: str, flavour: str, m: npt.ArrayLike) -> np.ndarray:
    """BR(tau -> ... N)/|U_alpha|^2: "tau->piN", "tau->KN", "tau->rhoN" (U_tau),
    "tau->nu_tau l N" (tau- -> nu_tau l- N-bar via U_l, l = e, mu = alpha),
    "tau->e nu N", "tau->mu nu N" (tau- -> N l- nu-bar_l via U_tau) and their sum
    "tau->l nu N"; 0 for a flavour that does not make the channel."""
    m = np.asarray(m, float)
    _lepton_mass(flavour)
    if channel in TAU_TWO_BODY:
        return _tau_two_body(channel, m) / _GAMMA_TAU * float(flavour == "tau")
    mm = m.ravel()
    g = np.zeros(mm.shape)
    for nubar, ml in _tau3_parts(channel, flavour):
        f = partial(_tau3_dq2, nubar, ml, mm[:, None])
        g += _integrate(f, (mm + ml) ** 2, np.full_like(mm, M_TAU**2))
    return (g / _GAMMA_TAU).reshape(m.shape)


# ---------------------------------------------------------------------------- W, Z
def br_w_to_lN(m: npt.ArrayLike) -> np.ndarray:
    """BR(W -> l_alpha N)/|U_alpha|^2 = BR(W -> l nu)(1 - x^2)^2 (1 + x^2/2), x = m/M_W
    (Gamma = G_F M_W^3/(6 sqrt2 pi) times the same factor; lepton mass neglected)."""
    x2 = (np.asarray(m, float) / C.M_W) ** 2
    return np.where(x2 < 1, BR_W_LNU * (1 - x2) ** 2 * (1 + x2 / 2), 0.0)


def br_z_to_nuN(m: npt.ArrayLike) -> np.ndarray:
    """BR(Z -> nu_alpha N)/|U_alpha|^2 = Z_NU_N_FACTOR BR(Z -> nu nu-bar, one flavour)
    (1 - x^2)^2 (1 + x^2/2), x = m/M_Z: nu N-bar + N nu-bar (Abreu et al., DELPHI,
    Z. Phys. C74 (1997) 57)."""
    x2 = (np.asarray(m, float) / C.M_Z) ** 2
    return np.where(x2 < 1, Z_NU_N_FACTOR * BR_Z_NUNU * (1 - x2) ** 2 * (1 + x2 / 2), 0.0)
