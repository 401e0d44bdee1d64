"""BBN: how long may a thermal relic that decays to mesons live? (n/p conversion estimate)

The mechanism of Fradette & Pospelov (arXiv:1706.01920; Reno & Seckel, PRD 37 (1988)
3441): charged pions from S decays convert p -> n (pi- p -> n pi0) and n -> p
(pi+ n -> p pi0) faster than the weak interactions once T falls below ~1 MeV, pushing n/p
towards 1 and raising the helium fraction Y_p. fipkit solves the n/p equation with and
without the injection and calls a lifetime excluded when Y_p grows by more than
DELTA_YP_MAX:

    dX_n/dt = -lambda_np X_n + lambda_pn (1 - X_n)
              + Y_S e^{-t/tau} / tau * N_pi * (P_- - P_+),
    P_-+ = n_{p,n} <sigma v> / (n_{p,n} <sigma v> + 1/tau_pi)   (conversion before decay),

* weak rates: Bernstein, Brown, Feinberg (Rev. Mod. Phys. 61 (1989) 25) high-temperature
  form lambda_np = (255/tau_n)(12 + 6x + x^2)/x^5, x = Q/T, lambda_pn = lambda_np e^-x,
  plus free neutron decay; t = 0.738 s (MeV/T)^2 (g* = 10.75);
* Y_S = n_S/n_b = 0.2776 g_S / g*s(dec) * 7.04 / eta: a relativistic relic decoupled with
  g*s = G_STAR_DEC (an assumption: in BC5 the quartic keeps S in equilibrium down to a
  few GeV); eta = 6.1e-10 (Planck, PDG);
* <sigma v> = 1.7 mb c for both conversions (Reno & Seckel's value for pi- p -> n pi0,
  used for pi+ n too; the Coulomb enhancement of pi- p is neglected) [U: quoted from
  memory of that paper, not checked here];
* N_pi: charged-pion pairs per S decay, from the model's BRs (see ``pion_pairs``);
* DELTA_YP_MAX = 0.01 (a conservative ~3 sigma of the measured Y_p = 0.245 +- 0.003,
  PDG 2024 BBN review).

tau_max depends on these inputs only logarithmically (the tail e^{-t/tau} does the work):
doubling <sigma v>, Y_S or DELTA_YP_MAX moves tau_max by a few per cent (tested).
"""

from __future__ import annotations

from functools import cache

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import brentq

from .. import constants as C

ETA = 6.1e-10
TAU_N = 878.4  # s, PDG
Q_NP = 1.293  # MeV
G_STAR_DEC = 80.0
SIGMA_V = 1.7e-27 * C.C_LIGHT * 100  # cm^3/s (1.7 mb c)
DELTA_YP_MAX = 0.01
T_START, T_END = 0.005, 30.0  # s: from T = 12 MeV (weak equilibrium) to frozen n/p
TAU_PI = C.ctau(211) / C.C_LIGHT  # s
_HBARC_MEV_CM = 1.973269804e-11


def time_to_temperature(t):
    """T in MeV at time t (s), radiation with g* = 10.75."""
    return np.sqrt(0.738 / t)


def baryon_density(t):
    """n_b in cm^-3 at time t: eta n_gamma, n_gamma = 2 zeta(3) T^3 / pi^2."""
    T = time_to_temperature(t)
    return ETA * 2 * 1.2020569 / np.pi**2 * (T / _HBARC_MEV_CM) ** 3


def relic_per_baryon(g_star_dec: float = G_STAR_DEC) -> float:
    """n_S / n_b for a relativistic one-degree-of-freedom relic (before it decays)."""
    return 45 * 1.2020569 / (2 * np.pi**4) / g_star_dec * 7.04 / ETA


def _rhs(t, y, tau, n_pi, y_s, sigma_v):
    xn = y[0]
    T = time_to_temperature(t)
    x = Q_NP / T
    lam_np = 255 / TAU_N * (12 + 6 * x + x * x) / x**5 + 1 / TAU_N
    lam_pn = 255 / TAU_N * (12 + 6 * x + x * x) / x**5 * np.exp(-x)
    dx = -lam_np * xn + lam_pn * (1 - xn)
    if n_pi > 0:
        nb = baryon_density(t)
        gp, gn = (1 - xn) * nb * sigma_v, xn * nb * sigma_v
        p_minus, p_plus = gp / (gp + 1 / TAU_PI), gn / (gn + 1 / TAU_PI)
        dx += y_s * np.exp(-t / tau) / tau * n_pi * (p_minus - p_plus)
    return [dx]


def neutron_fraction(tau, n_pi, y_s=None, sigma_v=SIGMA_V):
    """X_n at T_END (s) with S of lifetime tau (s) giving n_pi charged-pion pairs per decay."""
    y_s = relic_per_baryon() if y_s is None else y_s
    T0 = time_to_temperature(T_START)
    x0 = 1 / (1 + np.exp(Q_NP / T0))  # weak equilibrium
    sol = solve_ivp(
        _rhs,
        (T_START, T_END),
        [x0],
        args=(tau, n_pi, y_s, sigma_v),
        method="LSODA",
        rtol=1e-8,
        atol=1e-12,
    )
    return float(sol.y[0, -1])


@cache
def _standard_neutron_fraction() -> float:
    """X_n at T_END without injection (independent of tau, y_s and sigma_v)."""
    return neutron_fraction(1.0, 0.0)


def delta_yp(tau, n_pi, **kw) -> float:
    """Change of the helium mass fraction, 2 Delta X_n (neutron decay until nucleosynthesis
    rescales both runs alike)."""
    return 2 * (neutron_fraction(tau, n_pi, **kw) - _standard_neutron_fraction())


@cache
def tau_max_mesons(
    n_pi: float, y_s: float | None = None, sigma_v: float = SIGMA_V, dyp: float = DELTA_YP_MAX
) -> float:
    """Largest lifetime (s) for which the pions of n_pi pairs per decay raise Y_p by < dyp."""
    if n_pi <= 0:
        return np.inf
    f = lambda lt: delta_yp(10**lt, n_pi, y_s=y_s, sigma_v=sigma_v) - dyp  # noqa: E731
    lo, hi = -3.0, 1.0
    if f(hi) < 0:
        return 10**hi
    return 10 ** brentq(f, lo, hi, xtol=1e-3)


#: charged-pion pairs per decay at which tau_max is computed (then interpolated)
PION_GRID = (0.02, 0.05, 0.1, 0.2, 0.4, 0.7, 1.0, 1.5, 2.0)


def tau_max_for_pions(n_pi, y_s: float | None = None) -> np.ndarray:
    """:func:`tau_max_mesons` for an array of pion pairs per decay (s; inf below the
    grid's first point), interpolated in log-log on ``PION_GRID``."""
    n_pi = np.asarray(n_pi, float)
    grid = np.log10(PION_GRID)
    taus = np.log10([tau_max_mesons(n, y_s) for n in PION_GRID])
    inside = 10 ** np.interp(np.log10(np.maximum(n_pi, PION_GRID[0])), grid, taus)
    return np.where(n_pi >= PION_GRID[0], inside, np.inf)


def pion_pairs(model, masses) -> np.ndarray:
    """Charged-pion (or kaon) pairs per S decay: 2/3 of pi pi, 1/2 of K K (K- p acts like
    pi- p), one pair per multi-meson or perturbative hadronic decay (an estimate)."""
    br = model.branching_ratios(np.asarray(masses, float))
    return (
        2 / 3 * br.get("pi pi", 0)
        + 0.5 * br.get("K K", 0)
        + br.get("multi-meson", 0)
        + br.get("hadrons (pert.)", 0)
    )
