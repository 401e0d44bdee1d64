"""Hadronic decays of the gluon-coupled ALP (BC11) through ALP-pi0/eta/eta' mixing in
U(3) chiral perturbation theory, after Aloni, Soreq, Williams arXiv:1811.03474 (PRL 123
031803, "ASW", and its supplemental material).

Everything is at unit coupling 1/f_G = 1 GeV^-1 of ``alp_widths.GLUON_CONVENTION``
(L = a/(4 f_G) Tr G Gtilde = (alpha_s/(8 pi)) (a/f_a) G^a Gtilde^a with 1/f_a = 4 pi^2/f_G,
i.e. ASW's c_g/Lambda = 1/(8 f_G) and 1/f_a = 32 pi^2 c_g/Lambda). Masses in GeV, widths
in GeV; epsilon = f_pi/f_a = 4 pi^2 f_pi (1/f_G) is the small parameter.

Construction (fipkit's own derivation, in the structure of ASW; equation numbers of the
ASW supplemental material are not quoted: the paper text was not available here):

* Mesons: U = exp(2 i Phi/f_pi), Phi = sum_P P T_P, U(3) generators with Tr T T = 1/2,
  T_pi = diag(1,-1,0)/2 and the physical eta, eta' at the one-angle mixing
  sin(theta_eta-eta') = -1/3 (theta = -19.5 deg, ASW's choice): T_eta = diag(1,1,-1)/sqrt6,
  T_eta' = diag(1,1,2)/(2 sqrt3). Physical masses in all propagators.
* ALP-meson mixing, basis of ASW (and ALPINIST arXiv:2201.05170): the quark rotation
  q -> exp(i gamma5 kappa a/(2 f_a)) q with kappa_q = m_q^-1/sum m_q^-1 removes a G Gtilde
  and gives kinetic mixing K_P = eps Tr(kappa T_P) and mass mixing M^2_P = 2 B0 eps
  Tr(kappa M T_P) (nonzero for eta, eta' only), so
  theta_P(m) = (K_P m^2 - M^2_P)/(m_P^2 - m^2)   (``mixing_angles``).
  Limits: m << m_pi: theta_pi -> eps (kappa_u - kappa_d)/2 m^2/m_pi^2 with
  kappa_u - kappa_d = (m_d - m_u)/(m_u + m_d) (1 + O(m_ud/m_s)); m >> m_eta': theta_P -> -K_P.
  The ALP "U(3) representation" is A = kappa/2 + sum_P theta_P T_P (per eps).
  The FORESEE/ALPINIST numbers (theta_api = eps (-0.180 m^2)/(m^2 - m_pi^2), ...) are this
  formula with their quark masses.
* a -> gamma gamma: C_gg = -4 N_c Tr(A Q^2) (the kappa/2 part is the anomaly of the
  rotation, -2 N_c Tr(kappa Q^2) = -1.92 at m -> 0; each theta_P enters with P -> gamma
  gamma, c_P = 4 N_c Tr(Q^2 T_P)), Gamma = alpha^2 m^3 |C_gg|^2/(256 pi^3 f_a^2). For
  m >> m_eta' the mixing cancels the rotation term (C_gg -> 0), as it must.
* a -> 3 pi: computed in the equivalent basis without quark rotation, where the ALP
  enters only through the U(1)_A anomaly term and mixes with eta0 alone,
  L ⊃ m0^2 eps a eta0/sqrt6 (m0^2 = m_eta^2 + m_eta'^2 - 2 m_K^2, Witten-Veneziano): the
  ALP-induced field amplitudes are Psi = G(m^2) J (physical-state propagators with the
  isospin-breaking pi3-eta, pi3-eta' mixing S_P = M^2_{pi3 P}/(m_pi^2 - m_P^2),
  M^2_{pi3 P} = 4 B0 Tr(M T_pi T_P)), contracted with the LO quartic vertices of the
  exponential parametrisation: (1/6f^2)[(pi.dpi)^2 - pi^2 (dpi)^2] + (m_pi^2/24f^2)(pi^2)^2
  (off-shell pi3* -> pi pi pi), (B0 (m_u-m_d)/(3f^2)) lambda pi3 pi^2 and
  (m_pi^2/f^2) lambda^2 pi^2 (lambda = eta/sqrt6 + eta'/(2 sqrt3), the upper-block entry).
  Both amplitudes are linear in s_{+-}; the Dalitz integral is one-dimensional. There
  are no contact terms in this basis, so no off-shell ambiguity. The eta/eta' poles give
  the resonance enhancement. Data-driven normalisation: the same LO amplitude for the
  physical eta gives Gamma(eta -> 3 pi) below the PDG value; the ALP rates are multiplied
  by K_3PI = Gamma_PDG(eta -> 3pi0 + pi+pi-pi0)/Gamma_LO (the "eta -> 3 pi problem"; ASW
  apply a K factor of this kind, recalled as 2.7; ours is computed, ``k_factor_3pi``).
* a -> pi+ pi- gamma (VMD): the isovector photon is replaced by the rho0, g_arho-gamma =
  (g_rho/e) g_agg Tr(A Q Q_I)/Tr(A Q^2) (Q_I = diag(1/2,-1/2,0), g_rho = 4.96 from
  Gamma(rho -> e+e-)), and dGamma/ds = g_arg^2 (m^2-s)^3/(32 pi m^3) x
  s beta^3 g_rho^2 |F_pi(s)|^2/(48 pi^2 m_rho^4) with fipkit's measured-shape pion form
  factor (hadrons.pion_form_factor, Gounaris-Sakurai fit to e+e- -> pi pi): the data-driven
  VMD piece. Normalised (K_PIPIGAMMA) to PDG Gamma(eta -> pi+ pi- gamma).
* ASW's large-mass suppression of the exclusive rates, F(m) = 1 below 1.4 GeV and
  (1.4/m)^4 above 2 GeV (``vmd_suppression``, as in ALPINIST; linear in between here),
  multiplies the 3 pi and pi pi gamma rates.

Not computed exclusively (stated): a -> pi pi eta, pi pi eta', K Kbar pi, 4 pi, omega omega,
phi phi ... of ASW's Fig. 2, whose amplitudes need the scalar/tensor resonance couplings
(sigma, f0, a0, f2) and the measured F(m) that ASW fit to e+e- data; they are represented
in ``alp_widths.widths_gluon`` by one interpolated channel matched to a -> g g at
``alp_widths.M_MATCH`` (validated against ASW's total width in tests). ASW's prescription
that the ALP becomes a flavour singlet with alpha_s(m) scaling above ~1.15 GeV is not
applied: ``mixing_angles`` is the LO U(3) result at all masses (theta^2 enters production
only, where above m_eta' it is small).
"""

from __future__ import annotations

from functools import cache

import numpy as np
import numpy.typing as npt

from .. import constants as C
from ..kinematics import kallen
from .hadrons import pion_form_factor

#: pion decay constant (f_pi+ /sqrt2, PDG 2024 f_pi+ = 130.2 MeV), GeV
F_PI: float = 0.1302 / np.sqrt(2)
#: MS-bar light-quark masses at 2 GeV (PDG 2024), GeV: only ratios enter
M_U, M_D, M_S = 2.16e-3, 4.70e-3, 0.0935
#: eta-eta' mixing angle of ASW, sin(theta) = -1/3 (theta = -19.47 deg)
SIN_THETA_ETA: float = -1.0 / 3.0
#: number of colours
N_C: int = 3
#: 1/f_a per unit 1/f_G (alpha_s/(8 pi f_a) a G Gtilde normalisation)
INV_FA_PER_INV_FG: float = 4 * np.pi**2
#: eps = f_pi/f_a at 1/f_G = 1 GeV^-1, GeV
EPS_PER_INV_FG: float = F_PI * INV_FA_PER_INV_FG
#: rho -> e+e- coupling g_rho = sqrt(4 pi alpha^2 m_rho/(3 Gamma_ee)), Gamma_ee = 7.04 keV
#: (PDG 2024)
G_RHO: float = float(np.sqrt(4 * np.pi * C.ALPHA_EM**2 * C.M_RHO / (3 * 7.04e-6)))
#: PDG 2024: Gamma_eta = 1.31 keV; BR(3 pi0) = 32.57 %, BR(pi+pi-pi0) = 22.92 %,
#: BR(pi+pi- gamma) = 4.22 %
GAMMA_ETA: float = 1.31e-6
BR_ETA_3PI0, BR_ETA_PIPIPI0, BR_ETA_PIPIG = 0.3257, 0.2292, 0.0422

_Q = np.diag([2 / 3, -1 / 3, -1 / 3])
_QI = np.diag([0.5, -0.5, 0.0])
_T = {
    "pi0": np.diag([1.0, -1.0, 0.0]) / 2,
    "eta": np.diag([1.0, 1.0, -1.0]) / np.sqrt(6),
    "eta'": np.diag([1.0, 1.0, 2.0]) / (2 * np.sqrt(3)),
}
_MASS = {"pi0": C.M_PI0, "eta": C.M_ETA, "eta'": C.M_ETAP}
_MQ = np.diag([M_U, M_D, M_S])
_KAPPA = np.diag(1 / np.diag(_MQ)) / np.sum(1 / np.diag(_MQ))
#: B0 = m_pi^2/(m_u + m_d), GeV
B0: float = C.M_PI0**2 / (M_U + M_D)
#: (m_d - m_u)/(m_d + m_u)
DELTA_I: float = (M_D - M_U) / (M_D + M_U)
#: eta0 anomaly mass^2 (Witten-Veneziano, m_eta^2 + m_eta'^2 - 2 m_K^2), GeV^2
M0_SQ: float = C.M_ETA**2 + C.M_ETAP**2 - 2 * C.M_K**2
#: eta0 content <eta0|P> of the physical eta, eta' (theta = -19.5 deg)
_ETA0_CONTENT = {"eta": -SIN_THETA_ETA, "eta'": np.sqrt(1 - SIN_THETA_ETA**2)}
#: upper-block (u, d) entry of T_P: lambda = eta/sqrt6 + eta'/(2 sqrt3)
_LAMBDA = {"eta": 1 / np.sqrt(6), "eta'": 1 / (2 * np.sqrt(3))}


def _arr(m: npt.ArrayLike) -> np.ndarray:
    return np.asarray(m, dtype=float)


def _c_gamma(t: np.ndarray) -> float:
    """c_P = 4 N_c Tr(Q^2 T): L = (alpha/8 pi)(c_P/f_pi) P F Ftilde (c_pi0 = 2)."""
    return float(4 * N_C * np.trace(_Q @ _Q @ t))


# ----------------------------------------------------------------------------
# mixing
# ----------------------------------------------------------------------------
def kinetic_mixing(meson: str) -> float:
    """K_P/eps = Tr(kappa T_P) (dimensionless)."""
    return float(np.trace(_KAPPA @ _T[meson]))


def mass_mixing(meson: str) -> float:
    """M^2_P/eps = 2 B0 Tr(kappa M T_P), GeV^2 (0 for pi0)."""
    return float(2 * B0 * np.trace(_KAPPA @ _MQ @ _T[meson]))


def mixing_angles(m: npt.ArrayLike) -> dict[str, np.ndarray]:
    """ALP-meson mixing theta_P(m) = eps (K m^2 - M^2)/(m_P^2 - m^2) for P = "pi0", "eta",
    "eta'" at 1/f_G = 1 GeV^-1 (multiply by 1/f_G in GeV^-1), kappa = M^-1/Tr M^-1 basis of
    1811.03474 (module docstring). Poles at the meson masses are not regulated."""
    m = _arr(m)
    out = {}
    for p, mp in _MASS.items():
        with np.errstate(divide="ignore", invalid="ignore"):
            th = (kinetic_mixing(p) * m**2 - mass_mixing(p)) / (mp**2 - m**2)
        out[p] = EPS_PER_INV_FG * th
    return out


def u3_representation(m: npt.ArrayLike) -> np.ndarray:
    """A(m) = kappa/2 + sum_P theta_P T_P per eps, shape m.shape + (3,) (its diagonal)."""
    m = _arr(m)
    th = mixing_angles(m)
    a = np.broadcast_to(np.diag(_KAPPA) / 2, m.shape + (3,)).copy()
    for p, t in _T.items():
        a = a + (th[p] / EPS_PER_INV_FG)[..., None] * np.diag(t)
    return a


def c_gamma_gamma(m: npt.ArrayLike) -> np.ndarray:
    """C_gg(m) = -4 N_c Tr(A Q^2) in L = (alpha/8 pi) C_gg (a/f_a) F Ftilde; -1.92 at m->0."""
    a = u3_representation(m)
    return -4 * N_C * (a @ np.diag(_Q) ** 2)


def width_gamma_gamma(m: npt.ArrayLike) -> np.ndarray:
    """Gamma(a -> gamma gamma) at 1/f_G = 1 GeV^-1, GeV: alpha^2 m^3 |C_gg|^2/(256 pi^3 f_a^2).
    The pi0, eta, eta' poles are regulated with their widths (i m_P Gamma_P)."""
    m = _arr(m)
    mm = m.astype(complex)
    amp = np.diag(_KAPPA) @ np.diag(_Q) ** 2 / 2 + 0j
    for p, t in _T.items():
        mp = _MASS[p]
        den = mp**2 - mm**2 - 1j * mp * _meson_width(p)
        th = (kinetic_mixing(p) * mm**2 - mass_mixing(p)) / den
        amp = amp + th * np.trace(_Q @ _Q @ t)
    cgg = -4 * N_C * amp
    return C.ALPHA_EM**2 * m**3 * np.abs(cgg) ** 2 * INV_FA_PER_INV_FG**2 / (256 * np.pi**3)


def _meson_width(p: str) -> float:
    return {"pi0": C.width(111), "eta": C.width(221), "eta'": C.width(331)}[p]


# ----------------------------------------------------------------------------
# field amplitudes in the basis without quark rotation (a mixes with eta0 only)
# ----------------------------------------------------------------------------
def _s_pi(p: str) -> float:
    """pi3 admixture S_P = M^2_{pi3 P}/(m_pi^2 - m_P^2) of eta/eta' in the physical pi0."""
    m2 = 4 * B0 * np.trace(_MQ @ _T["pi0"] @ _T[p])
    return float(m2 / (C.M_PI0**2 - _MASS[p] ** 2))


def _field_amplitudes(m: np.ndarray, mass2: float | None = None, source: str = "alp"):
    """(Psi_pi3, Psi_eta, Psi_eta') induced by the source (complex, per eps for the ALP).

    source "alp": J = m0^2/sqrt6 on eta0 at p^2 = m^2; "eta": the physical eta itself
    (Psi_eta = 1, Psi_pi3 = -S_eta), used for the data-driven normalisation."""
    if source == "eta":
        one = np.ones_like(m, dtype=complex)
        return -_s_pi("eta") * one, one, 0 * one
    j0 = M0_SQ / np.sqrt(6)
    p2 = m.astype(complex) ** 2

    def prop(p):
        mp = _MASS[p]
        return 1 / (p2 - mp**2 + 1j * mp * _meson_width(p))

    psi_eta = {p: j0 * _ETA0_CONTENT[p] * prop(p) for p in ("eta", "eta'")}
    psi_pi = sum(j0 * _s_pi(p) * _ETA0_CONTENT[p] * (prop("pi0") - prop(p)) for p in psi_eta)
    return psi_pi, psi_eta["eta"], psi_eta["eta'"]


def _amp_3pi(m: np.ndarray, source: str = "alp"):
    """Amplitudes of a (or eta) -> pi pi pi0 as (A, B) with M = A + B s_{+-} (channel +-0),
    and the constant M of 3 pi0, in units of 1/f_pi^2 (times eps for the ALP)."""
    psi_pi, psi_e, psi_ep = _field_amplitudes(m, source=source)
    mp2 = C.M_PI0**2
    b_ud = -B0 * (M_D - M_U)  # B0 (m_u - m_d)
    lam = psi_e * _LAMBDA["eta"] + psi_ep * _LAMBDA["eta'"]
    adm = sum(_s_pi(p) * _LAMBDA[p] for p in ("eta", "eta'"))
    # pi3* (p^2 = m^2) -> pi+ pi- pi0: (s - m_pi^2) - (m^2 - m_pi^2)/3
    a_pm = psi_pi * (-mp2 - (m**2 - mp2) / 3) + lam * 2 * b_ud / 3 + lam * 4 * mp2 * adm
    b_pm = psi_pi
    # 3 pi0: pi3* -> 3 pi3 = m_pi^2 (exactly, exponential parametrisation)
    a_00 = psi_pi * mp2 + lam * 2 * b_ud + 3 * lam * 4 * mp2 * adm
    return a_pm, b_pm, a_00


_XG, _WG = np.polynomial.legendre.leggauss(64)


def _dalitz_moments(m: np.ndarray, m12: float, m3: float):
    """(I0, I1, I2) = int ds s^k L(s), L(s) = lambda^1/2(s, m12^2, m12^2)
    lambda^1/2(m^2, s, m3^2)/s (the length of the t range), s from 4 m12^2 to (m - m3)^2."""
    lo, hi = 4 * m12**2, np.maximum(m - m3, 2 * m12) ** 2
    s = 0.5 * (hi - lo)[..., None] * (_XG + 1) + lo
    w = 0.5 * (hi - lo)[..., None] * _WG
    ell = np.sqrt(np.clip(kallen(s, m12**2, m12**2), 0, None))
    ell = ell * np.sqrt(np.clip(kallen(m[..., None] ** 2, s, m3**2), 0, None)) / s
    return tuple(np.sum(w * ell * s**k, axis=-1) for k in range(3))


def _width_3pi_lo(m: np.ndarray, channel: str, source: str = "alp") -> np.ndarray:
    a_pm, b_pm, a_00 = _amp_3pi(m, source)
    if channel == "00":
        i0, _, _ = _dalitz_moments(m, C.M_PI0, C.M_PI0)
        msq = np.abs(a_00) ** 2 * i0 / 6
    else:
        i0, i1, i2 = _dalitz_moments(m, C.M_PI, C.M_PI0)
        msq = np.abs(a_pm) ** 2 * i0 + 2 * np.real(a_pm * np.conj(b_pm)) * i1
        msq = msq + np.abs(b_pm) ** 2 * i2
    w = msq / (256 * np.pi**3 * m**3 * F_PI**4)
    thr = 3 * C.M_PI0 if channel == "00" else 2 * C.M_PI + C.M_PI0
    return np.where(m > thr, w, 0.0)


@cache
def k_factor_3pi() -> float:
    """Gamma_PDG(eta -> 3pi0 + pi+pi-pi0)/Gamma_LO(eta -> 3 pi) with fipkit's LO amplitude."""
    me = np.array([C.M_ETA])
    lo = _width_3pi_lo(me, "00", "eta") + _width_3pi_lo(me, "+-", "eta")
    return float(GAMMA_ETA * (BR_ETA_3PI0 + BR_ETA_PIPIPI0) / lo[0])


def vmd_suppression(m: npt.ArrayLike) -> np.ndarray:
    """F(m) of 1811.03474: 1 below 1.4 GeV, (1.4/m)^4 above 2 GeV, linear in between."""
    m = _arr(m)
    mid = 1 + ((1.4 / 2.0) ** 4 - 1) * (m - 1.4) / 0.6
    return np.where(m < 1.4, 1.0, np.where(m > 2.0, (1.4 / np.maximum(m, 1e-300)) ** 4, mid))


def width_3pi(m: npt.ArrayLike, channel: str = "00") -> np.ndarray:
    """Gamma(a -> 3 pi0) ("00") or (a -> pi+ pi- pi0) ("+-") at 1/f_G = 1 GeV^-1, GeV: LO U(3)
    amplitude through mixing x K_3PI x F(m)^2 (module docstring)."""
    m = _arr(m)
    w = _width_3pi_lo(np.atleast_1d(m), channel).reshape(m.shape)
    return EPS_PER_INV_FG**2 * k_factor_3pi() * vmd_suppression(m) ** 2 * w


# ----------------------------------------------------------------------------
# pi+ pi- gamma (VMD)
# ----------------------------------------------------------------------------
def _ppg_lo(m: np.ndarray, trace_qqi) -> np.ndarray:
    """Gamma(X -> pi+ pi- gamma) for a pseudoscalar X of mass m and U(3) content A, given
    Tr(A Q Q_I): g_Xrho-gamma = (g_rho/e) alpha/(2 pi f_pi) 4 N_c Tr(A Q Q_I), GeV (per eps^2
    for the ALP)."""
    g_arg = G_RHO / C.E_CHARGE * C.ALPHA_EM / (2 * np.pi * F_PI) * 4 * N_C * np.abs(trace_qqi)
    lo, hi = 4 * C.M_PI**2, np.maximum(m, 2 * C.M_PI) ** 2
    s = 0.5 * (hi - lo)[..., None] * (_XG + 1) + lo
    w = 0.5 * (hi - lo)[..., None] * _WG
    beta3 = np.clip(1 - 4 * C.M_PI**2 / s, 0, None) ** 1.5
    spec = s * beta3 * G_RHO**2 * np.abs(pion_form_factor(s)) ** 2 / (48 * np.pi**2 * C.M_RHO**4)
    dg = (m[..., None] ** 2 - s) ** 3 / (32 * np.pi * m[..., None] ** 3) * spec
    return np.where(m > 2 * C.M_PI, g_arg**2 * np.sum(w * dg, axis=-1), 0.0)


@cache
def k_factor_pipigamma() -> float:
    """Gamma_PDG(eta -> pi+ pi- gamma)/Gamma_VMD(eta -> pi+ pi- gamma)."""
    t = _T["eta"]
    lo = _ppg_lo(np.array([C.M_ETA]), np.trace(_Q @ _QI @ t))
    return float(GAMMA_ETA * BR_ETA_PIPIG / lo[0])


def width_pipigamma(m: npt.ArrayLike) -> np.ndarray:
    """Gamma(a -> pi+ pi- gamma) at 1/f_G = 1 GeV^-1, GeV (VMD, K_PIPIGAMMA x F(m)^2)."""
    m = _arr(m)
    mm = np.atleast_1d(m)
    mm_c = mm.astype(complex)
    tqqi = np.diag(_KAPPA) @ (np.diag(_Q) * np.diag(_QI)) / 2 + 0j
    for p, t in _T.items():
        mp = _MASS[p]
        th = (kinetic_mixing(p) * mm_c**2 - mass_mixing(p)) / (
            mp**2 - mm_c**2 - 1j * mp * _meson_width(p)
        )
        tqqi = tqqi + th * np.trace(_Q @ _QI @ t)
    w = _ppg_lo(mm, tqqi).reshape(m.shape)
    return EPS_PER_INV_FG**2 * k_factor_pipigamma() * vmd_suppression(m) ** 2 * w


def widths_exclusive(m: npt.ArrayLike) -> dict[str, np.ndarray]:
    """The exclusive BC11 channels computed here (the approach of Aloni-Soreq-Williams
    arXiv:1811.03474, as derived in the module docstring), at 1/f_G = 1 GeV^-1, GeV."""
    m = _arr(m)
    return {
        "gamma gamma": width_gamma_gamma(m),
        "3pi0": width_3pi(m, "00"),
        "pi+pi-pi0": width_3pi(m, "+-"),
        "pi+pi-gamma": width_pipigamma(m),
    }
