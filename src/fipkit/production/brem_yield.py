"""Integrated dark-bremsstrahlung yields l Z -> l Z A' for missing-energy and
missing-momentum searches (A' invisible, so only the number of A' above an energy cut
matters, not their direction).

Cross section, Weizsaecker-Williams (WW) with the radiating lepton's mass m_l (m_e, or
m_mu for a muon beam; for muons as Kirpichnikov et al. arXiv:2002.04588). The angular
form of Bjorken, Essig, Schuster, Toro arXiv:0906.0580 eq. A12, with v = E^2 x theta^2/U0,
U0 = m^2 (1-x)/x + m_l^2 x, U = U0 (1 + v)::

    dsigma/dx = 4 alpha^3 beta int_0^inf dv chi(t_min(x, v)) [(1 - x + x^2/2) / (U0 (1+v)^2)
                - x (1-x) m^2 v / (U0^2 (1+v)^4)],    beta = sqrt(1 - m^2/E^2),

with the photon flux chi(t_min) = int_{t_min}^{t_max} dt (t - t_min)/t^2 G2(t) (BEST eqs.
A17-A19, :func:`electron_brem.g2`), t_max = m^2 + m_l^2, at the minimal momentum transfer
of each (x, theta), t_min = (U / (2 E (1 - x)))^2 (Liu, McKeen, Miller arXiv:1609.06781;
Liu, Miller arXiv:1705.01633). With chi fixed at t_min = (m^2/2E)^2 the v integral is
analytic and gives the improved WW (IWW) form of BEST eq. A14,
4 alpha^3 chi beta (1 - x + x^2/3)/U0 (:func:`sigma_above_iww`, which fipkit's decay-in-volume
samples use); the IWW overestimates the x -> 1 region, where the recoil lepton is soft
and t_min(x) is far above (m^2/2E)^2: for E0 = 100 GeV, lead, x > 0.5, WW/IWW = 1.14,
1.07, 0.84, 0.59 at m = 0.002, 0.01, 0.1, 0.77 GeV (tested). chi(t_min) is tabulated per
mass on 161 nodes of ln(t_min/t_max) in [-80, 0] and interpolated linearly in ln chi.
The x integral is Gauss-Legendre in ln(1 - x) up to the kinematic end x = 1 - m_l/E,
which resolves the x -> 1 peak of width m_l^2/m^2.

Yields per incident lepton at eps = 1:

* thin target (a foil of t radiation lengths, or a muon in a calorimeter, which loses
  little energy): N = (N_A X0 / A) t sigma(E0; x > x_min);
* thick active target (an electron in a calorimeter; the A' carries away E_A' and the
  rest of the shower is measured, so the cut is E_A' > E_miss whatever the depth):
  N = (N_A X0 / A) int dE [I(E0, E) + 2 T+(E)] sigma(E; x > E_miss/E), with I Tsai's
  track length of the primary electron over the depth (:func:`electron_brem.track_length_y`;
  Tsai, RMP 46 (1974) 815, eq. 3.41) and 2 T+ that of the shower's first-generation
  positrons and electrons (:func:`fipkit.production.shower_positrons.positron_track_length`;
  +7.5% for E_miss = E0/2 at 100 GeV in lead). The resonant annihilation of those
  positrons is :func:`fipkit.production.shower_positrons.annihilation_yield`.
"""

from __future__ import annotations

import numpy as np

from .. import constants as C
from .electron_brem import _atoms_per_X0, _material, chi, g2, track_length_y
from .shower_positrons import positron_track_length

_XG, _WG = np.polynomial.legendre.leggauss(32)
_RG, _RW = np.polynomial.legendre.leggauss(48)
# v = E^2 x theta^2 / U0 in (0, inf) as v = tan^2(s), s in (0, pi/2)
_VX, _VW = np.polynomial.legendre.leggauss(16)
_S = (_VX + 1) * np.pi / 4
_V = np.tan(_S) ** 2
_DV = _VW * np.pi / 4 * 2 * np.tan(_S) / np.cos(_S) ** 2
_LN_TMIN = np.linspace(-80.0, 0.0, 161)  # ln(t_min / t_max) nodes of the chi table


def _x_shape(x, E, m, m_lepton):
    """f(x) of the module docstring (IWW dsigma/dx / chi), GeV^-2."""
    return (
        4
        * C.ALPHA_EM**3
        * np.sqrt(np.clip(1 - m * m / (E * E), 0, None))
        * (1 - x + x * x / 3)
        / (m * m * (1 - x) / x + m_lepton**2 * x)
    )


def _x_nodes(E, m, x_min, m_lepton):
    """Gauss-Legendre nodes in u = ln(1 - x) over [max(x_min, m/E), 1 - m_l/E]:
    (x, 1 - x, weights with the Jacobian dx = (1 - x) du, open)."""
    lo = np.maximum(x_min, m / E)
    u_hi = np.log(np.clip(1 - lo, 1e-300, None))
    u_lo = np.log(m_lepton / E)
    ok = (u_hi > u_lo) & (m < E)
    half = 0.5 * np.where(ok, u_hi - u_lo, 0.0)
    u = u_lo[..., None] + half[..., None] * (_XG + 1)
    one_minus_x = np.exp(u)
    return 1 - one_minus_x, one_minus_x, half[..., None] * _WG * one_minus_x, ok


def sigma_above_iww(E, m, x_min, Z, A, m_lepton=C.M_E):
    """sigma(l Z -> l Z A'; E_A' > x_min E) at eps = 1 in the improved WW approximation
    (chi at t_min = (m^2/2E)^2 for every x), GeV^-2, broadcasting E, m, x_min."""
    E, m, x_min = np.broadcast_arrays(*(np.asarray(v, float) for v in (E, m, x_min)))
    x, _, w, ok = _x_nodes(E, m, x_min, m_lepton)
    integral = np.sum(_x_shape(x, E[..., None], m[..., None], m_lepton) * w, axis=-1)
    safe_m = np.where(ok, m, 0.5 * E)
    return np.where(ok, chi(E, safe_m, Z, A, m_lepton) * integral, 0.0)


def _chi_table(m, Z, A, m_lepton):
    """ln chi on the nodes ln(t_min/t_max) = _LN_TMIN for each mass (rows), t_max = m^2 + m_l^2."""
    t_max = m * m + m_lepton**2
    t_min = t_max[:, None] * np.exp(_LN_TMIN[None, :-1])
    c = _chi_t(t_min, t_max[:, None], Z, A)
    return np.log(np.clip(np.c_[c, np.zeros(len(m))], 1e-300, None)), t_max


def _chi_t(t_min, t_max, Z, A):
    """chi = int_{t_min}^{t_max} dt (t - t_min)/t^2 G2(t) (BEST eq. A17), broadcasting."""
    lo, hi = np.log(t_min)[..., None], np.log(t_max)[..., None]
    lt = 0.5 * (hi - lo) * (_XG + 1) + lo
    t = np.exp(lt)
    f = (t - t_min[..., None]) / t * g2(t, Z, A)  # dt = t d ln t
    return np.sum(f * _WG, axis=-1) * 0.5 * (hi - lo)[..., 0]


def sigma_above(E, m, x_min, Z, A, m_lepton=C.M_E):
    """sigma(l Z -> l Z A'; E_A' > x_min E) at eps = 1 in the WW approximation with the
    minimal momentum transfer of each (x, theta), GeV^-2; E broadcasts against m (1-d)
    and x_min (module docstring). 0 where the range is closed."""
    m = np.atleast_1d(np.asarray(m, float))
    if m.ndim != 1:
        raise ValueError("sigma_above: m must be 1-d (the last axis of E and x_min)")
    E, mm, x_min = np.broadcast_arrays(*(np.asarray(v, float) for v in (E, m, x_min)))
    x, omx, w, ok = _x_nodes(E, mm, x_min, m_lepton)
    U0 = mm[..., None] ** 2 * omx / x + m_lepton**2 * x
    table, t_max = _chi_table(m, Z, A, m_lepton)
    # ln(t_min/t_max), t_min = (U0 (1 + v) / (2 E (1 - x)))^2, on the (..., x, v) grid
    s = 2 * np.log(U0[..., None] * (1 + _V) / (2 * E[..., None, None] * omx[..., None]))
    s = s - np.log(t_max)[:, None, None]
    pos = np.clip((s - _LN_TMIN[0]) / (_LN_TMIN[1] - _LN_TMIN[0]), 0, len(_LN_TMIN) - 1.000001)
    i = pos.astype(int)
    f = pos - i
    rows = np.broadcast_to(np.arange(len(m))[:, None, None], i.shape)
    ln_chi = table[rows, i] * (1 - f) + table[rows, i + 1] * f
    ch = np.where(s < 0, np.exp(ln_chi), 0.0)
    beta = np.sqrt(np.clip(1 - mm**2 / E**2, 0, None))[..., None]
    u = U0[..., None]
    ang = ch * (
        (1 - x + x * x / 2)[..., None] / (u * (1 + _V) ** 2)
        - (x * omx)[..., None] * mm[..., None, None] ** 2 * _V / (u**2 * (1 + _V) ** 4)
    )
    dsig_dx = 4 * C.ALPHA_EM**3 * beta * np.sum(ang * _DV, axis=-1)
    return np.where(ok, np.sum(dsig_dx * w, axis=-1), 0.0)


def thin_target_yield(E0, masses, material, thickness_X0, x_min, m_lepton=C.M_E):
    """A' per incident lepton with E_A' > x_min E0 from ``thickness_X0`` radiation lengths
    of ``material`` at eps = 1 (array over ``masses``, GeV)."""
    mat = _material(material)
    m = np.asarray(masses, float)
    s = sigma_above(float(E0), m, float(x_min), mat["Z"], mat["A"], m_lepton)
    return _atoms_per_X0(mat) * float(thickness_X0) * s


def thick_target_yield(E0, masses, material, depth_X0, e_miss):
    """A' per electron with E_A' > e_miss (GeV) in an active target of ``depth_X0``
    radiation lengths at eps = 1, primary electron only (module docstring). Each mass is
    computed once per (E0, material, depth, e_miss) and kept in memory."""
    m = np.atleast_1d(np.asarray(masses, float))
    key = (float(E0), str(material), float(depth_X0), float(e_miss))
    known = _THICK.setdefault(key, {})
    todo = np.array(sorted({float(v) for v in m.ravel()} - known.keys()))
    for i in range(0, len(todo), MASS_CHUNK):  # chunks bound the (E, m, x, v) arrays
        part = todo[i : i + MASS_CHUNK]
        known.update(zip(part.tolist(), _thick(*key, part).tolist(), strict=True))
    return np.vectorize(known.__getitem__, otypes=[float])(m).reshape(np.shape(masses))


_THICK: dict[tuple, dict[float, float]] = {}
MASS_CHUNK = 16


def _thick(E0, material, depth_X0, e_miss, m) -> np.ndarray:
    mat = _material(material)
    # E_e = E0 exp(-y), y = ln(E0/E_e) in (0, y_max]; y = y_max e^(1 - 1/r), r in (0, 1]:
    # dE_e = E_e y dr / r^2, and y * track length = track_length_y(L = -ln y)
    y_max = np.log(E0 / e_miss)
    r = 0.5 * (_RG + 1)
    L = -np.log(y_max) - 1 + 1 / r  # L = -ln y, finite for every node
    Ee = E0 * np.exp(-np.exp(-L))
    weight = 0.5 * _RW * Ee * track_length_y(L, E0, depth_X0) / r**2
    # the shower's first-generation e+ and e- (2 T+; pairs are symmetric) above e_miss
    lo, hi = np.log(e_miss), np.log(E0)
    Es = np.exp(lo + (hi - lo) * r)
    weight_s = 0.5 * _RW * (hi - lo) * Es * 2 * positron_track_length(E0, Es, depth_X0)
    E_all, w_all = np.r_[Ee, Es], np.r_[weight, weight_s]
    s = sigma_above(E_all[:, None], m, e_miss / E_all[:, None], mat["Z"], mat["A"])
    return _atoms_per_X0(mat) * np.sum(w_all[:, None] * s, axis=0)
