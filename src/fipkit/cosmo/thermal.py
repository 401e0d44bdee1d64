"""Thermal history of the early Universe: g_*(T), h_*(T), H(T), s(T), t(T).

Shared by the relic-abundance (freeze-out) solver and the BBN bounds. Units: temperature
T in GeV (the photon temperature), time in s, H in 1/s, s in GeV^3. Every public function
takes a float or a numpy array and is vectorised (a table is built once, on first use, and
interpolated in log T; no per-temperature Python loop).

Definitions (T the photon temperature, rho and s the total energy and entropy densities)::

    g_*(T) = rho / (pi^2 T^4 / 30),     h_*(T) = s / (2 pi^2 T^3 / 45)   (h_* = g_*s = h_eff).

Source: fipkit computes g_* and h_* itself (no published table is copied):

* every SM species except the light-quark/gluon sector is an ideal Bose-Einstein or
  Fermi-Dirac gas, with the exact integrals rho = g/(2 pi^2) int p^2 E f dp,
  P = g/(6 pi^2) int p^4/E f dp, s = (rho + P)/T (photon 2; e, mu, tau 4 each; c, b, t
  quarks 12 each; W 6, Z 3, H 1), masses from `particle`/``fipkit.constants`` (PDG; c and
  b at their MS-bar masses, 1.273 and 4.186 GeV in `particle`). Interactions (QED,
  perturbative QCD/EW corrections) are neglected, so g_* -> 106.75 at T >> m_t;
* u, d, s quarks and gluons (the QCD transition): the HotQCD (2+1)-flavour lattice
  equation of state, Bazavov et al., arXiv:1407.6387, eq. (16) with its published
  coefficients (T_c = 154 MeV, c_t = 3.8706, t_0 = 0.9761, a_n = -8.7704,
  b_n = 3.9200, c_n = 0, d_n = 0.3419, a_d = -1.2600, b_d = 0.8425, c_d = 0,
  d_d = -0.0475, p_id = 95 pi^2/180), used for T >= 130 MeV (where its lattice data
  begin) and, since its rational form tends to the Stefan-Boltzmann limit, up to 100 TeV;
* below 85 MeV a hadron-resonance gas: ideal gas of all PDG hadrons without charm or
  bottom, m < 2.5 GeV, status "common" or "rare" in `particle` (zero width; f0(500)
  dropped, its attraction being cancelled by the repulsive I = 2 pi-pi channel,
  Broniowski, Giacosa & Begun, arXiv:1506.01260);
* 85-130 MeV: the two pressures p/T^4 are joined with a C^2 smooth step in ln T, and
  s and rho follow from the joined pressure (s = dp/dT, rho = T s - p), so the result
  stays thermodynamically consistent. The two entropies agree to 0.4 % at 85 MeV and
  differ by 7 % at 130 MeV (pressures: 2.5 % and 5 %), which starts the window where
  they meet and keeps d ln h_*/d ln T free of wiggles;
* neutrinos: 3 flavours, 6 x 7/8 dof, in equilibrium down to an instantaneous
  decoupling at T_dec = 2 MeV (Dolgov, Phys. Rept. 370 (2002) 333, hep-ph/0202122);
  below it the photon-e+e- entropy is conserved on its own, (T_nu/T)^3 =
  h_pl(T)/h_pl(T_dec) with h_pl the non-neutrino h_*. Once the e+e- are gone this is
  2/(2 + h_e(T_dec)) = 1.0045 x 4/11: at 2 MeV (m_e/T = 0.26) the e+- entropy per T^3
  is already 0.7 % below 7/2, the neutrinos having shared the difference.
  Today's values are then g_*0 = 3.371, h_*0 = 3.918 (textbook, T_dec >> m_e: 3.363
  and 3.909 = 2 + 7/8*6*4/11). With non-instantaneous decoupling (N_eff = 3.044,
  Bennett et al. arXiv:2012.02726) g_*0 = 3.384; that is not modelled here.

Accuracy, measured against the full-SM lattice+perturbative result of Borsanyi et al.,
arXiv:1606.07494, supplementary Table S2 (g_rho, g_rho/g_s at 16 temperatures), and
checked in tests/test_thermal.py (g_*; h_* alike):

* 3-40 MeV: within 0.3 %; 1 MeV: -1.1 % (they keep the neutrinos at the photon
  temperature, here they have decoupled and are 0.4 % colder; with T_nu = T: -0.3 %);
* 100 MeV +0.4 %, 140-160 MeV -0.5 to -0.7 % (HRG -> HotQCD);
* 250-320 MeV +3.7 to +4.6 % (the free charm-quark gas added on top of the
  2+1-flavour lattice EoS overshoots there); 1 GeV +0.8 %;
* 10-40 GeV +3.0 to +3.5 %, 100-300 GeV +1.3 %: perturbative QCD/EW interactions,
  neglected here, lower the true g_* (the fit of Saikawa & Shirai, arXiv:1803.01038
  App. C, is lower still: 1-5 % below Borsanyi et al. above 1 GeV, 104.2 at 1 TeV).
  For WIMP freeze-out at T_f ~ 5-50 GeV this overestimates g_*^(1/2) by ~1.7 %.
* g_rho/g_s agrees with theirs to 0.3 % everywhere above 3 MeV.

Outside 1 keV-100 TeV the table is held at its end values (e+e- are gone below 1 keV:
today's g_*0, h_*0).

Expansion and time: radiation domination, H = sqrt(8 pi^3 G g_* / 90) T^2 with
G = 1/M_Pl^2 (M_Pl = 1.220890e19 GeV, PDG 2024), valid for T >> T_eq ~ 0.8 eV. With
s a^3 conserved (no entropy production), d ln a = -(1 + (1/3) d ln h_*/d ln T) d ln T,
so the age is

    t(T) = int_T^inf dT' / (H(T') T') * (1 + T' h_*'(T') / (3 h_*(T')))

(Friedmann equation plus entropy conservation; Kolb & Turner, The Early Universe (1990),
ch. 3; Husdal, arXiv:1609.04979, time-temperature relation),
integrated on the table from t(T_max) = 1/(2 H(T_max)) (constant g_* above T_max). For
T << m_e it tends to t = 1/(2H) = 1.32 s (MeV/T)^2; for g_* = 10.75 it would be
0.738 s (MeV/T)^2.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache

import numpy as np
from particle import Particle
from scipy.interpolate import PchipInterpolator

from .. import constants as C
from ..errors import FipkitInputError

#: Planck mass M_Pl = G_N^(-1/2) (not reduced) in GeV (PDG 2024, physical constants)
M_PLANCK: float = 1.220890e19
#: instantaneous neutrino decoupling temperature, GeV (Dolgov, hep-ph/0202122)
T_NU_DEC: float = 2.0e-3
#: table range, GeV, and density in log T
T_MIN: float = 1.0e-6
T_MAX: float = 1.0e5
_POINTS_PER_DECADE = 200

#: HotQCD (2+1)-flavour pressure parametrisation, arXiv:1407.6387 eq. (16)
HOTQCD = dict(
    Tc=0.154,
    ct=3.8706,
    t0=0.9761,
    an=-8.7704,
    bn=3.9200,
    cn=0.0,
    dn=0.3419,
    ad=-1.2600,
    bd=0.8425,
    cd=0.0,
    dd=-0.0475,
    pid=95 * np.pi**2 / 180,
)
#: hadron-resonance gas below T_HRG, HotQCD above T_LAT, joined in between (GeV)
T_HRG: float = 0.085
T_LAT: float = 0.130
_HRG_MASS_MAX = 2.5  # GeV
_HRG_EXCLUDE = {130, 310, 9000221}  # K_L, K_S (duplicates of K0, K0bar); f0(500)

# Gauss-Legendre nodes in v, E/T = x + v^2 (smooth integrand, no endpoint singularity)
_V, _WV = np.polynomial.legendre.leggauss(160)
_VMAX = 9.5
_V = _VMAX * (_V + 1) / 2
_WV = _VMAX * _WV / 2


def _ideal(x, fermion: bool):
    """g_rho, g_s of one internal dof of mass m = x T (1 for a massless boson, 7/8 fermion).

    With E = T (x + v^2), p = T v sqrt(v^2 + 2x):
    rho/T^4 = 1/(2 pi^2) int 2 v^2 (x+v^2)^2 sqrt(v^2+2x) f dv,
    P/T^4 = 1/(6 pi^2) int 2 v^4 (v^2+2x)^(3/2) f dv.
    Zero for x > 200 (where it is below 1e-80).
    """
    x = np.asarray(x, dtype=float)
    g_rho, g_s = np.zeros_like(x), np.zeros_like(x)
    live = x < 200
    xl = x[live][:, None]
    e = xl + _V**2
    emx = np.exp(-e)
    occ = emx / (1 + emx) if fermion else emx / -np.expm1(-e)
    q = _V**2 + 2 * xl
    rho = np.sum(_WV * 2 * _V**2 * e**2 * np.sqrt(q) * occ, axis=-1) / (2 * np.pi**2)
    p = np.sum(_WV * 2 * _V**4 * q**1.5 * occ, axis=-1) / (6 * np.pi**2)
    g_rho[live] = rho * 30 / np.pi**2
    g_s[live] = (rho + p) * 45 / (2 * np.pi**2)
    return g_rho, g_s


def _hotqcd(T):
    """HotQCD p/T^4 and T d(p/T^4)/dT (arXiv:1407.6387 eq. 16), light quarks + gluons."""
    c = HOTQCD
    t = np.asarray(T, dtype=float) / c["Tc"]
    th = np.tanh(c["ct"] * (t - c["t0"]))
    a = 0.5 * (1 + th)
    da = 0.5 * c["ct"] * (1 - th**2)
    n = c["pid"] + c["an"] / t + c["bn"] / t**2 + c["cn"] / t**3 + c["dn"] / t**4
    dn = -c["an"] / t**2 - 2 * c["bn"] / t**3 - 3 * c["cn"] / t**4 - 4 * c["dn"] / t**5
    d = 1 + c["ad"] / t + c["bd"] / t**2 + c["cd"] / t**3 + c["dd"] / t**4
    dd = -c["ad"] / t**2 - 2 * c["bd"] / t**3 - 3 * c["cd"] / t**4 - 4 * c["dd"] / t**5
    p = a * n / d
    dp = da * n / d + a * (dn * d - n * dd) / d**2
    return p, t * dp


@cache
def hrg_species() -> tuple[tuple[float, float, bool], ...]:
    """(mass GeV, degeneracy, is_fermion) of the hadron-resonance gas, equal masses merged."""
    dof: dict[tuple[float, bool], float] = {}
    for p in Particle.all():
        pid = p.pdgid
        if not pid.is_hadron or pid.is_nucleus or pid.has_charm or pid.has_bottom:
            continue
        if abs(int(pid)) in _HRG_EXCLUDE or p.mass is None or p.J is None:
            continue
        if int(p.status) > 1 or p.mass / 1e3 > _HRG_MASS_MAX:
            continue
        j = Fraction(str(p.J))
        key = (round(p.mass / 1e3, 9), j.denominator == 2)
        dof[key] = dof.get(key, 0.0) + float(2 * j + 1)
    return tuple((m, g, f) for (m, f), g in sorted(dof.items()))


def _hrg(T):
    """Hadron-resonance gas p/T^4 and s/T^3."""
    T = np.asarray(T, dtype=float)
    g_rho = np.zeros_like(T)
    g_s = np.zeros_like(T)
    for m, deg, fermion in hrg_species():
        a, b = _ideal(m / T, fermion)
        g_rho += deg * a
        g_s += deg * b
    e, s = g_rho * np.pi**2 / 30, g_s * 2 * np.pi**2 / 45
    return s - e, s


def _qcd(T):
    """g_rho, g_s of the u, d, s quarks and gluons / hadrons (HRG -> HotQCD)."""
    T = np.asarray(T, dtype=float)
    y = np.clip(np.log(T / T_HRG) / np.log(T_LAT / T_HRG), 0.0, 1.0)
    w = y**3 * (10 - 15 * y + 6 * y**2)  # C^2 smooth step
    tdw = 30 * y**2 * (1 - y) ** 2 / np.log(T_LAT / T_HRG)  # T dw/dT
    p = np.zeros_like(T)
    tdp = np.zeros_like(T)
    hi = T >= T_HRG
    if hi.any():
        pl, tdpl = _hotqcd(T[hi])
        p[hi] = w[hi] * pl
        tdp[hi] = w[hi] * tdpl + tdw[hi] * pl
    lo = (T < T_LAT) & (T > 1e-3)  # below 1 MeV the pions are gone (e^-140)
    if lo.any():
        ph, sh = _hrg(T[lo])
        p[lo] += (1 - w[lo]) * ph
        tdp[lo] += (1 - w[lo]) * (sh - 4 * ph) - tdw[lo] * ph
    e, s = 3 * p + tdp, 4 * p + tdp
    return e * 30 / np.pi**2, s * 45 / (2 * np.pi**2)


def _plasma(T):
    """g_rho, g_s of everything but the neutrinos, all at the photon temperature T."""
    species = [  # (mass GeV, dof, fermion)
        (C.M_E, 4, True),
        (C.M_MU, 4, True),
        (C.M_TAU, 4, True),
        (C.mass(4), 12, True),
        (C.mass(5), 12, True),
        (C.M_TOP, 12, True),
        (C.M_W, 6, False),
        (C.M_Z, 3, False),
        (C.M_H, 1, False),
    ]
    g_rho, g_s = _qcd(T)
    g_rho, g_s = g_rho + 2.0, g_s + 2.0  # photon
    for m, deg, fermion in species:
        a, b = _ideal(m / T, fermion)
        g_rho += deg * a
        g_s += deg * b
    return g_rho, g_s


class _Table:
    def __init__(self):
        n = int(round(np.log10(T_MAX / T_MIN) * _POINTS_PER_DECADE)) + 1
        lnT = np.linspace(np.log(T_MIN), np.log(T_MAX), n)
        T = np.exp(lnT)
        g_pl, h_pl = _plasma(T)
        h_dec = np.interp(np.log(T_NU_DEC), lnT, h_pl)
        r3 = np.where(T < T_NU_DEC, h_pl / h_dec, 1.0)  # (T_nu/T)^3
        g = g_pl + 7 / 8 * 6 * r3 ** (4 / 3)
        h = h_pl + 7 / 8 * 6 * r3
        self.lnT, self.g, self.h, self.r = lnT, g, h, np.cbrt(r3)
        self.ln_g = PchipInterpolator(lnT, np.log(g))
        self.ln_h = PchipInterpolator(lnT, np.log(h))
        self.dln_h = self.ln_h.derivative()
        self.ln_r = PchipInterpolator(lnT, np.log(self.r))
        # age: dt = (1 + dlnh/dlnT / 3) dlnT / H, from t(T_max) = 1/(2 H(T_max))
        f = (1 + self.dln_h(lnT) / 3) / _hubble(T, g)
        dt = 0.5 * (f[1:] + f[:-1]) * np.diff(lnT)
        t = 1 / (2 * _hubble(T[-1], g[-1])) + np.concatenate([np.cumsum(dt[::-1])[::-1], [0]])
        self.ln_t = PchipInterpolator(lnT, np.log(t))
        self.t_min = t[0]


@cache
def _table() -> _Table:
    return _Table()


def _hubble(T, g):
    return np.sqrt(8 * np.pi**3 * g / 90) * T**2 / M_PLANCK / C.HBAR_GEV_S


def _lnT(T):
    T = np.asarray(T, dtype=float)
    if not np.all(np.isfinite(T) & (T > 0)):
        raise FipkitInputError("temperature must be positive and finite (GeV)")
    return np.clip(np.log(T), np.log(T_MIN), np.log(T_MAX)), T


def _out(x):
    return float(x) if np.ndim(x) == 0 else x


def g_star(T):
    """Energy-density degrees of freedom g_*(T) = rho / (pi^2 T^4 / 30); T in GeV."""
    lnT, _ = _lnT(T)
    return _out(np.exp(_table().ln_g(lnT)))


def h_star(T):
    """Entropy degrees of freedom h_*(T) = g_*s = s / (2 pi^2 T^3 / 45); T in GeV."""
    lnT, _ = _lnT(T)
    return _out(np.exp(_table().ln_h(lnT)))


def dlnh_dlnT(T):
    """d ln h_* / d ln T (0 outside the table range); T in GeV.

    Freeze-out solvers need it via g_*^(1/2) = h_* / g_*^(1/2) (1 + dlnh_dlnT / 3).
    It jumps (by ~3e-3) at the instantaneous neutrino decoupling T_NU_DEC.
    """
    lnT, T = _lnT(T)
    d = _table().dln_h(lnT)
    inside = (T >= T_MIN) & (T <= T_MAX)
    return _out(np.where(inside, d, 0.0))


def neutrino_temperature_ratio(T):
    """T_nu / T (1 above T_NU_DEC, -> (4/11)^(1/3) after e+e- annihilation); T in GeV."""
    lnT, _ = _lnT(T)
    return _out(np.exp(_table().ln_r(lnT)))


def hubble(T):
    """Hubble rate H(T) = sqrt(8 pi^3 g_*(T) / 90) T^2 / M_Pl in 1/s (radiation era).

    T in GeV; multiply by ``constants.HBAR_GEV_S`` for H in GeV.
    """
    _, T = _lnT(T)
    return _out(_hubble(T, g_star(T)))


def entropy_density(T):
    """Entropy density s(T) = 2 pi^2 / 45 h_*(T) T^3 in GeV^3; T in GeV."""
    _, T = _lnT(T)
    return _out(2 * np.pi**2 / 45 * h_star(T) * T**3)


def time(T):
    """Age of the Universe t(T) in s at photon temperature T (GeV), radiation domination.

    t(T) = int_T^inf dT'/(H T') (1 + T' h_*'/(3 h_*)) (module docstring); outside the
    table it is continued with constant g_* (t = 1/(2H) above T_MAX; t - 1/(2H) held
    fixed below T_MIN, i.e. valid for T >> T_eq ~ 0.8 eV).
    """
    lnT, T = _lnT(T)
    tab = _table()
    t = np.exp(tab.ln_t(lnT))
    h_T = _hubble(T, g_star(T))
    t = np.where(T > T_MAX, 1 / (2 * h_T), t)
    t_low = tab.t_min + 1 / (2 * h_T) - 1 / (2 * _hubble(T_MIN, g_star(T_MIN)))
    return _out(np.where(T < T_MIN, t_low, t))
