"""Thermal-relic targets of light dark matter annihilating through a dark photon (BC2).

Review arXiv:2011.02157, Fig. 1 and Table 3 (BC2). A dark photon A' of mass
m_A' = r m_chi mixes kinetically with the photon (coupling eps e J_em) and couples with
g_D = sqrt(4 pi alpha_D) to dark matter chi. The figure variable is

    y = eps^2 alpha_D (m_chi / m_A')^4,     so  eps^2 alpha_D = y r^4,

and the relic target y(m_chi) gives Omega_chi h^2 = 0.120 (Planck 2018,
arXiv:1807.06209, Omega_c h^2 = 0.120 +- 0.001). Three dark-matter spins:

* ``"scalar"``: complex scalar, g_D A'_mu i (chi^* d^mu chi - chi d^mu chi^*); elastic;
* ``"majorana"``: Majorana fermion, (g_D/2) chi-bar gamma^mu gamma^5 chi A'_mu (axial
  current; the vector current of a Majorana field vanishes);
* ``"pseudo-dirac"``: a Dirac fermion split by a small Majorana mass into chi_1, chi_2,
  m_2 = m_1 (1 + Delta): i g_D chi_2-bar gamma^mu chi_1 A'_mu (off-diagonal), so
  annihilation is co-annihilation chi_1 chi_2 -> A'* -> SM (Delta -> 0: a Dirac fermion).

Conventions as in Izaguirre, Krnjaic, Schuster, Toro, arXiv:1505.00011 (Sec. II), and
Berlin, Blinov, Krnjaic, Schuster, Toro, arXiv:1807.01730 (Sec. 2, App. A).

Cross sections (derived here; s the CM energy squared, D(s) = (s - m_A'^2)^2 + m_A'^2
Gamma_A'^2 the s-channel A' propagator with its total width)::

    sigma(s) = (4 pi alpha eps^2 alpha_D / 3) s K(s) Phi(sqrt s) / D(s)

    scalar (chi chi^*), Majorana (chi chi):  K = beta_chi = sqrt(1 - 4 m^2/s)
    pseudo-Dirac (chi_1 chi_2):              K = F(s) / beta_12,
        F(s) = (s - (m_2 - m_1)^2)(2 s + (m_1 + m_2)^2) / (2 s^2),
        beta_12 = lambda^(1/2)(s, m_1^2, m_2^2) / s        (Dirac limit: (1 + 2m^2/s)/beta)

    Phi(sqrt s) = sum_l beta_l (1 + 2 m_l^2 / s) + R(sqrt s)       (l = e, mu, tau)

Phi is the SM final state at unit eps: Gamma(A'* -> SM) = (alpha sqrt(s) / 3) Phi, the
leptons from :func:`fipkit.models.dark_photon.width_ll` and the hadrons from the R ratio
of :func:`fipkit.models.hadrons.r_ratio` (sigma(chi chi -> hadrons) = sigma(chi chi ->
mu mu, point-like) R), i.e. exactly the dark photon's visible width in fipkit. In the
non-relativistic limit, v the relative velocity and far from the pole (massless f):
sigma v = (8 pi/3) eps^2 alpha alpha_D m^2 v^2 / (m_A'^2 - 4 m^2)^2 for the scalar and
for the Majorana fermion (p-wave), and 16 pi eps^2 alpha alpha_D m^2 / (m_A'^2 - 4m^2)^2
for Dirac / pseudo-Dirac at Delta = 0 (s-wave) (arXiv:1505.00011 eqs. 5-6;
arXiv:1807.01730 eqs. 2.5-2.7). The spin-averaged traces: vector current of unequal
masses 4 s F(s) (all spins summed), axial current of equal masses 4 s beta^2, scalar
current s beta^2.

A' width: Gamma_A' = eps^2 Gamma_vis(m_A') + Gamma(A' -> dark), Gamma_vis the fipkit dark
photon's total width at eps = 1 (:class:`fipkit.models.dark_photon.DarkPhoton`), and

    scalar        Gamma = alpha_D m_A' beta^3 / 12,          beta = sqrt(1 - 4 m^2/m_A'^2)
    Majorana      Gamma = alpha_D m_A' beta^3 / 6            (identical particles: 1/2)
    pseudo-Dirac  Gamma = (2 alpha_D / 3) p F(m_A'^2) / m_A'^2,  p = lambda^(1/2) / (2 m_A')
                  (Delta = 0: alpha_D m_A' (1 + 2 m^2/m_A'^2) beta / 3)

(the Breit-Wigner unitarity relation between these widths and sigma at s = m_A'^2 is
tested). Near m_A' ~ 2 m_chi the annihilation is resonant (Feng & Smolinsky,
arXiv:1707.03835), the width then sets <sigma v> and the dependence on y no longer
factorises.

Thermal average: Gondolo & Gelmini, Nucl. Phys. B360 (1991) 145, with co-annihilation as
in Griest & Seckel, Phys. Rev. D43 (1991) 3191 (relativistic form of Edsjo & Gondolo,
hep-ph/9704361). With the dark states i (g_i dof, masses m_i = mu_i m_1), x = m_1/T::

    <sigma_eff v> = sum_ij g_i g_j int ds sigma_ij lambda(s, m_i^2, m_j^2) / sqrt(s)
                    K_1(sqrt(s)/T)  /  (8 T [sum_i g_i m_i^2 K_2(m_i/T)]^2)

the effective cross section of dn/dt + 3 H n = -<sigma_eff v>(n^2 - n_eq^2) for the
total dark density n. For one self-conjugate species this is the Gondolo-Gelmini
integral (1/(8 m^4 T K_2^2)) int sigma (s - 4m^2) sqrt(s) K_1 ds; for the complex scalar
(chi and chi^*, 1 dof each) it is <sigma v>_{chi chi^*} / 2, for the pseudo-Dirac pair
(2 + 2 dof) 2 n_1 n_2 <sigma_12 v> / n^2 (= <sigma_12 v>/2 at Delta = 0, the Dirac
result). Assumed: chi_2 and chi_1 stay in chemical equilibrium through freeze-out (chi_2
e -> chi_1 e and chi_2 -> chi_1 + SM fast), so the chi_2 abundance is Boltzmann
suppressed, n_2/n_1 = (1 + Delta)^(3/2) e^(-x Delta) (non-relativistic), and every
chi_2 ends as a chi_1 (Omega counts m_1 Y). The integral is done in eps = s/s_0 - 1
(s_0 = (m_1 + m_2)^2) on Gauss-Legendre panels: geometric base panels from 0 to 100,
square-root maps at 0 and at every SM threshold (beta_f ~ sqrt), and, around each
peak of the integrand (the A' pole at its total width; rho, omega, phi, J/psi, psi(2S),
psi(3770) of R), panels at distances 4^k widths from the pole, mapped with
eps = eps_pole + gamma tan(theta), which integrates a Breit-Wigner of any width exactly.
:func:`sigma_v_eff` takes the number of nodes per panel (default 8) so that the
convergence can be checked (tests: relative change < 1e-5 on doubling, r = 2.002-3, and
agreement with adaptive quadrature to 1e-5).

Freeze-out: with Y = n/s and x = m_1/T (Gondolo-Gelmini eq. 3.9; Kolb & Turner ch. 5)::

    dY/dx = -sqrt(pi/45) M_Pl m_1 g_*^(1/2)(T) / x^2 <sigma_eff v> (Y^2 - Y_eq^2),
    g_*^(1/2) = h_* / sqrt(g_*) (1 + (1/3) d ln h_* / d ln T)

(this is s <sigma v> / (H x) with the entropy factor), g_*, h_*, d ln h_*/d ln T and
M_Pl from :mod:`fipkit.cosmo.thermal`, Y_eq = (45 / (4 pi^4 h_*)) x^2 sum_i g_i mu_i^2
K_2(mu_i x) (Maxwell-Boltzmann). Solved for ln Y in ln x from x = 1 (Y = Y_eq) to
x = 1000 with ``scipy.integrate.solve_ivp`` (BDF, analytic diagonal Jacobian), all
masses at once as one decoupled system. The annihilation left after x = 1000 (1 % of
1/Y for an s-wave) is added analytically: with Y_eq = 0 and lambda ~ x^-p (p = 2
s-wave, 3 p-wave, read off the last grid step), 1/Y_inf = 1/Y(1000) + lambda(1000)
1000/(p - 1) (checked against x_end = 10^4: 2e-3 at worst). Then Omega h^2 = m_1 Y_inf
s_0 / (rho_c/h^2).

Design for speed. Away from the A' pole the only y-dependence of <sigma_eff v> is the
prefactor eps^2 alpha_D = y r^4: the width in the propagator is alpha_D Gamma_dark +
eps^2 Gamma_vis, and eps^2 Gamma_vis / Gamma_dark is 1e-6 (1 MeV) to 1e-2 (10 GeV) at
the target. So
<sigma_eff v>(x) / y is tabulated once per mass on 61 points in x (1-1000, cubic spline
in ln x), with the width taken at a reference y, and cached (keyed on the parameters and
the masses). The target is then a vectorised safeguarded secant search in ln y over all
masses at once (each step one solve_ivp of the whole system; d ln Omega / d ln y ~ -1, so
3-5 steps reach |ln(Omega h^2/0.120)| < 1e-4), after which the width is re-evaluated at
the target y and, for the masses whose total width moved by more than 1e-4 (the heavy
ones, where eps is largest, and near the resonance, where Gamma_dark -> 0), the table is
rebuilt and the search repeated from there. 200 masses take ~1.3 s per spin from empty
tables and ~0.5 s with the tables cached (benchmarks/bench_relic.py).

Validation (tests/test_relic.py): a constant s-wave <sigma v> reproduces Steigman,
Dasgupta & Beacom, arXiv:1204.3622 (2.25e-26 cm^3/s for Omega h^2 = 0.11 at 100 GeV,
maximum 5.1e-26 near 0.3 GeV); the ESPP2026 BC2 relic lines (alpha_D = 0.1, r = 3,
pseudo-Dirac at Delta = 0) lie 0.04-0.07 dex (median) below these targets over
1 MeV-1 GeV outside the rho-omega-phi region.

Left out: kinetic decoupling (DM is assumed in kinetic equilibrium with the plasma),
Sommerfeld and bound-state effects, A' -> A' A' or chi chi -> A' A' (closed for r > 2),
Z-A' mass mixing (corrections O(m_A'^2/m_Z^2), ~10 % at m_chi = 10 GeV, r = 3), quantum
statistics in the collision term, and the small change of h_* today (the PDG s_0 below
corresponds to N_eff = 3.044; fipkit's table gives h_*0 = 3.918, 0.3 % lower).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt
from scipy import sparse
from scipy.integrate import solve_ivp
from scipy.interpolate import CubicSpline
from scipy.special import k1e, kve

from .. import constants as C
from ..errors import FipkitInputError
from ..models.dark_photon import LEPTONS, width_ll
from ..models.hadrons import LIGHT_ON, r_ratio
from ..models.ldm import visible_width, width_aprime_to_dm
from . import thermal

# ----------------------------------------------------------------------------------
# constants (new ones, with their sources)
# ----------------------------------------------------------------------------------
#: Planck 2018 cold dark matter density, TT,TE,EE+lowE+lensing (arXiv:1807.06209, Table 2)
OMEGA_DM_H2: float = 0.120
#: entropy density today, cm^-3 (PDG 2024, Astrophysical constants: 2891.2 (T0/2.7255 K)^3)
S0_CM3: float = 2891.2
#: critical density rho_c / h^2, GeV cm^-3 (PDG 2024, Astrophysical constants)
RHO_C_H2_GEV_CM3: float = 1.05368e-5
#: 1 GeV^-2 as sigma v in cm^3/s: (hbar c)^2 c
GEV2_TO_CM3_S: float = C.GEV2_TO_CM2 * C.C_LIGHT * 100.0
#: dark-matter mass range of the targets, GeV
MASS_RANGE: tuple[float, float] = (1.0e-3, 10.0)
#: freeze-out grid: x = m/T from X_START to X_END
X_START, X_END = 1.0, 1000.0
_NX = 61
DM_KINDS: tuple[str, ...] = ("scalar", "majorana", "pseudo-dirac")

_EPS_MAX = 100.0  # upper end of eps = s/s0 - 1 (kernel e^-18 there at x = 1)
_BASE = np.concatenate([[0.0], np.geomspace(1e-6, _EPS_MAX, 25)])  # 3 panels a decade
_PEAK_STEPS = 4.0 ** np.arange(8)  # breakpoints at pole +- gamma * 4^k
_PEAK_ZONE = _PEAK_STEPS[-1]
_N_GL = 8

# SM thresholds in sqrt(s) where the integrand has a kink or jump (fipkit's R ratio:
# pi pi, the phi -> 3 pi cut, the light-continuum switch-on, open charm and bottom)
_THRESHOLDS = (
    2 * C.M_MU,
    2 * C.M_PI,
    3 * C.M_PI,
    LIGHT_ON[0],
    LIGHT_ON[1],
    2 * C.M_TAU,
    2 * C.M_D0,
    2 * C.M_B,
)
# (mass, width) in GeV of the peaks of R: rho (Gounaris-Sakurai), omega, phi, charmonia
_R_PEAKS = (
    (C.M_RHO, C.GAMMA_RHO),
    (C.M_OMEGA, C.GAMMA_OMEGA),
    (C.M_PHI, C.GAMMA_PHI),
    *C.CHARMONIA.values(),
)


@dataclass(frozen=True)
class _Kind:
    """Dof bookkeeping of one dark-matter spin (see the module docstring)."""

    pairs: float  # sum_ij g_i g_j over the annihilating ordered pairs
    g: tuple[float, ...]  # dof of each dark state
    heavy: bool  # second state at m_1 (1 + Delta)


_KINDS = {
    "scalar": _Kind(pairs=2.0, g=(1.0, 1.0), heavy=False),  # chi chi^*, chi^* chi
    "majorana": _Kind(pairs=4.0, g=(2.0,), heavy=False),
    "pseudo-dirac": _Kind(pairs=8.0, g=(2.0, 2.0), heavy=True),  # chi1 chi2, chi2 chi1
}


# ----------------------------------------------------------------------------------
# input checks
# ----------------------------------------------------------------------------------
def _check(dm: str, alpha_d: float, ratio: float, splitting: float) -> None:
    if dm not in _KINDS:
        raise FipkitInputError(
            f"unknown dark-matter kind {dm!r}; allowed: {', '.join(repr(k) for k in DM_KINDS)}"
        )
    if not (np.isfinite(alpha_d) and 0 < alpha_d <= 4 * np.pi):
        raise FipkitInputError(f"alpha_d = {alpha_d!r} is outside (0, 4 pi]")
    if not (np.isfinite(splitting) and 0 <= splitting < 1):
        raise FipkitInputError(f"splitting = {splitting!r} must be in [0, 1): (m2 - m1)/m1")
    if dm != "pseudo-dirac" and splitting != 0:
        raise FipkitInputError("splitting applies to dm='pseudo-dirac' only")
    threshold = 2.0 + (splitting if dm == "pseudo-dirac" else 0.0)
    if not (np.isfinite(ratio) and ratio > threshold):
        raise FipkitInputError(
            f"ratio = m_A'/m_chi = {ratio!r} must exceed {threshold:g}: the A' then decays "
            "visibly and chi chi -> A' A' takes over (not modelled)"
        )


def _check_mass(m_chi: npt.ArrayLike) -> np.ndarray:
    m = np.atleast_1d(np.asarray(m_chi, dtype=float))
    lo, hi = MASS_RANGE
    if m.ndim != 1 or m.size == 0 or not np.all(np.isfinite(m)):
        raise FipkitInputError("m_chi must be a non-empty 1-d array of finite masses in GeV")
    if np.any(m < lo * (1 - 1e-9)) or np.any(m > hi * (1 + 1e-9)):
        raise FipkitInputError(
            f"m_chi {m.min():g}-{m.max():g} GeV is outside the relic-target range {lo:g}-{hi:g} GeV"
        )
    return np.clip(m, lo, hi)


# ----------------------------------------------------------------------------------
# widths and cross sections
# ----------------------------------------------------------------------------------
def aprime_total_width(
    m_chi: npt.ArrayLike,
    y: npt.ArrayLike,
    dm: str = "scalar",
    alpha_d: float = 0.1,
    ratio: float = 3.0,
    splitting: float = 0.0,
) -> np.ndarray:
    """Total A' width, GeV: eps^2 Gamma_vis(m_A') + Gamma(A' -> dark), eps^2 = y r^4 / alpha_D."""
    _check(dm, alpha_d, ratio, splitting)
    m = np.asarray(m_chi, dtype=float)
    M = ratio * m
    eps2 = np.asarray(y, dtype=float) * ratio**4 / alpha_d
    return eps2 * visible_width(M) + width_aprime_to_dm(M, m, dm, alpha_d, splitting)


def sm_final_state(sqrt_s: npt.ArrayLike) -> np.ndarray:
    """Phi(sqrt s) = sum_l beta_l (1 + 2 m_l^2/s) + R(sqrt s) = Gamma(A'* -> SM)/(alpha sqrt(s)/3).

    sqrt_s in GeV; the leptons of fipkit's dark photon and its hadronic R ratio.
    """
    e = np.asarray(sqrt_s, dtype=float)
    lep = sum(width_ll(e, ml) for ml in LEPTONS.values()) / (C.ALPHA_EM * e / 3)
    return lep + r_ratio(e)


def _sigma_hat(eps, m1, delta, ratio, width, kind: str):
    """sigma / y in GeV^-2 at eps = s/s0 - 1 (arrays broadcast); width is Gamma_A'."""
    m2 = m1 * (1 + delta) if kind == "pseudo-dirac" else m1
    s0 = (m1 + m2) ** 2
    s = s0 * (1 + eps)
    M = ratio * m1
    eps_pole = M * M / s0 - 1
    D = (s0 * (eps - eps_pole)) ** 2 + (M * width) ** 2
    if kind == "pseudo-dirac":
        F = (s - (m2 - m1) ** 2) * (2 * s + s0) / (2 * s * s)
        beta12 = np.sqrt(eps * (s - (m2 - m1) ** 2) * s0) / s
        K = F / np.maximum(beta12, 1e-300)
    else:
        K = np.sqrt(eps / (1 + eps))
    pref = 4 * np.pi * C.ALPHA_EM * ratio**4 / 3
    return pref * s * K * sm_final_state(np.sqrt(s)) / D


def annihilation_cross_section(
    s: npt.ArrayLike,
    m_chi: npt.ArrayLike,
    y: npt.ArrayLike,
    dm: str = "scalar",
    alpha_d: float = 0.1,
    ratio: float = 3.0,
    splitting: float = 0.0,
) -> np.ndarray:
    """sigma(chi chi -> A'* -> SM) in GeV^-2 at CM energy squared s (GeV^2).

    chi chi^* (scalar), chi chi (Majorana, spin-averaged) or chi_1 chi_2 (pseudo-Dirac);
    formulas in the module docstring, A' width :func:`aprime_total_width` at this y.
    0 below threshold.
    """
    _check(dm, alpha_d, ratio, splitting)
    m1 = np.asarray(m_chi, dtype=float)
    delta = splitting if dm == "pseudo-dirac" else 0.0
    s0 = (m1 * (2 + delta)) ** 2
    eps = np.asarray(s, dtype=float) / s0 - 1
    width = aprime_total_width(m1, y, dm, alpha_d, ratio, splitting)
    ok = eps > 0
    epsc = np.where(ok, eps, 1.0)
    sig = np.asarray(y, dtype=float) * _sigma_hat(epsc, m1, delta, ratio, width, dm)
    return np.where(ok, sig, 0.0)


# ----------------------------------------------------------------------------------
# thermal average
# ----------------------------------------------------------------------------------
def _gl(n: int):
    t, w = np.polynomial.legendre.leggauss(n)
    return (t + 1) / 2, w / 2  # on [0, 1]


def _nodes(m1, delta, ratio, width, n_gl: int):
    """Quadrature nodes and weights in eps, shape (n_m, n_nodes) (module docstring)."""
    s0 = (m1 * (2 + delta)) ** 2  # (n,)
    M = ratio * m1
    peaks_m = np.array([p[0] for p in _R_PEAKS])
    peaks_g = np.array([p[1] for p in _R_PEAKS])
    c = np.concatenate([(M * M / s0)[:, None], peaks_m**2 / s0[:, None]], axis=1) - 1
    g = np.concatenate([(M * width / s0)[:, None], peaks_m * peaks_g / s0[:, None]], axis=1)
    thr = np.asarray(_THRESHOLDS) ** 2 / s0[:, None] - 1
    off = np.concatenate([-_PEAK_STEPS[::-1], _PEAK_STEPS])
    pk = (c[:, :, None] + g[:, :, None] * off).reshape(len(m1), -1)
    n = len(m1)
    bp = np.concatenate([np.broadcast_to(_BASE, (n, _BASE.size)), thr, pk], axis=1)
    sqrt_start = np.concatenate(
        [np.broadcast_to(_BASE == 0, (n, _BASE.size)), thr > 0, np.zeros(pk.shape, bool)], axis=1
    )
    bp = np.clip(bp, 0.0, _EPS_MAX)
    order = np.argsort(bp, axis=1, kind="stable")
    bp = np.take_along_axis(bp, order, axis=1)
    sqrt_start = np.take_along_axis(sqrt_start, order, axis=1)
    a, b = bp[:, :-1], bp[:, 1:]
    sq = sqrt_start[:, :-1].copy()
    # drop empty panels, keep the same count per mass
    keep = b > a
    order = np.argsort(~keep, axis=1, kind="stable")
    k_max = int(keep.sum(axis=1).max())
    order = order[:, :k_max]
    a, b = np.take_along_axis(a, order, 1), np.take_along_axis(b, order, 1)
    sq = np.take_along_axis(sq, order, 1)
    live = np.take_along_axis(keep, order, 1)
    # which peak owns a panel: the one nearest in units of its width, within the zone
    mid = 0.5 * (a + b)
    dist = np.abs(mid[:, :, None] - c[:, None, :]) / g[:, None, :]
    owner = np.argmin(dist, axis=2)
    near = np.take_along_axis(dist, owner[:, :, None], 2)[:, :, 0] <= _PEAK_ZONE
    cc = np.take_along_axis(c, owner, 1)
    gg = np.take_along_axis(g, owner, 1)
    contains = (a <= cc) & (cc <= b)
    use_tan = near & (~sq | contains)
    use_sqrt = sq & ~use_tan
    t, w = _gl(n_gl)
    A, B = a[..., None], b[..., None]
    # linear
    e_lin = A + (B - A) * t
    w_lin = (B - A) * w
    # square root at the left end: eps = a + u^2
    u = np.sqrt(B - A) * t
    e_sq = A + u * u
    w_sq = np.sqrt(B - A) * w * 2 * u
    # tan: eps = c + g tan(theta)
    CC, GG = cc[..., None], gg[..., None]
    th_a, th_b = np.arctan((A - CC) / GG), np.arctan((B - CC) / GG)
    th = th_a + (th_b - th_a) * t
    tn = np.tan(th)
    e_tan = CC + GG * tn
    w_tan = (th_b - th_a) * w * GG * (1 + tn * tn)
    eps = np.where(use_tan[..., None], e_tan, np.where(use_sqrt[..., None], e_sq, e_lin))
    wts = np.where(use_tan[..., None], w_tan, np.where(use_sqrt[..., None], w_sq, w_lin))
    eps = np.clip(eps, 0.0, _EPS_MAX)
    wts = np.where(live[..., None], wts, 0.0)
    return eps.reshape(n, -1), wts.reshape(n, -1)


def _dof_sum(x, kind: str, delta: float):
    """sum_i g_i mu_i^2 K_2(mu_i x) e^x (exponentially scaled), x any shape."""
    spec = _KINDS[kind]
    mus = (1.0, 1.0 + delta) if spec.heavy else (1.0,) * len(spec.g)
    out = np.zeros_like(np.asarray(x, dtype=float))
    for gi, mu in zip(spec.g, mus):
        out = out + gi * mu * mu * kve(2, mu * x) * np.exp(-x * (mu - 1))
    return out


def _sigma_v_table(m1, x, kind, alpha_d, ratio, delta, y_ref, n_gl=_N_GL):
    """<sigma_eff v> / y in GeV^-2, shape (n_m, n_x), width taken at y_ref (n_m,)."""
    M = ratio * m1
    eps2 = y_ref * ratio**4 / alpha_d
    width = eps2 * visible_width(M) + width_aprime_to_dm(M, m1, kind, alpha_d, delta)
    eps, wq = _nodes(m1, delta, ratio, width, n_gl)
    sig = _sigma_hat(np.maximum(eps, 1e-300), m1[:, None], delta, ratio, width[:, None], kind)
    a = 2.0 + delta
    d = (delta / a) ** 2
    sq1 = np.sqrt(1 + eps)
    f = wq * sig * eps * (1 + eps - d) / sq1  # (n, q)
    # exponent x (a sqrt(1+eps) - 2), written without cancellation at small eps
    ex = a * eps / (sq1 + 1) + delta
    out = np.empty((len(m1), len(x)))
    for j, xj in enumerate(x):  # loop over the 61 x values, vectorised over masses x nodes
        E = xj * ex
        z = a * xj * sq1
        kern = np.where(E < 700, k1e(z) * np.exp(-np.minimum(E, 700)), 0.0)
        num = _KINDS[kind].pairs * a**5 * xj * np.einsum("nq,nq->n", f, kern)
        out[:, j] = num / (8 * _dof_sum(xj, kind, delta) ** 2)
    return out


def sigma_v_eff(
    x: npt.ArrayLike,
    m_chi: npt.ArrayLike,
    y: float | npt.ArrayLike,
    dm: str = "scalar",
    alpha_d: float = 0.1,
    ratio: float = 3.0,
    splitting: float = 0.0,
    n_gl: int = _N_GL,
) -> np.ndarray:
    """Effective thermal average <sigma_eff v>(x = m_chi/T) in GeV^-2, shape (n_m, n_x).

    Gondolo-Gelmini / Griest-Seckel, the cross section that enters dn/dt = -<sigma_eff v>
    (n^2 - n_eq^2) for the total dark density (module docstring: <sigma v>_{chi chi^*}/2
    for the complex scalar, <sigma v> for the Majorana fermion, 2 n_1 n_2 <sigma_12 v>/n^2
    for the pseudo-Dirac pair). ``n_gl`` nodes per quadrature panel (convergence checks).
    """
    _check(dm, alpha_d, ratio, splitting)
    m = _check_mass(m_chi)
    yv = np.broadcast_to(np.asarray(y, dtype=float), m.shape)
    xv = np.atleast_1d(np.asarray(x, dtype=float))
    return yv[:, None] * _sigma_v_table(m, xv, dm, alpha_d, ratio, splitting, yv, n_gl)


# ----------------------------------------------------------------------------------
# Boltzmann equation
# ----------------------------------------------------------------------------------
_LNX = np.linspace(np.log(X_START), np.log(X_END), _NX)


def _background(m1, kind: str, delta: float):
    """ln of the Boltzmann prefactor sqrt(pi/45) M_Pl m g_*^(1/2) / x^2 and ln Y_eq + x,
    shape (n_m, n_x) on the x grid."""
    x = np.exp(_LNX)[None, :]
    T = m1[:, None] / x
    g, h, dh = thermal.g_star(T), thermal.h_star(T), thermal.dlnh_dlnT(T)
    gs12 = h / np.sqrt(g) * (1 + dh / 3)
    ln_pref = np.log(np.sqrt(np.pi / 45) * thermal.M_PLANCK * m1[:, None] * gs12 / x**2)
    ln_yeq = np.log(45 / (4 * np.pi**4 * h) * x**2 * _dof_sum(x, kind, delta))
    return ln_pref, ln_yeq


def _solve(m1, ln_rate, ln_yeq_x, y, rtol=1e-7):
    """Y(X_END) for each mass. ln_rate = ln(prefactor <sigma_eff v>/y) and ln Y_eq + x on
    the x grid (n_m, n_x); y (n_m,)."""
    spl = CubicSpline(_LNX, np.stack([ln_rate + np.log(y)[:, None], ln_yeq_x]), axis=-1)

    def parts(t):
        v = spl(t)
        x = np.exp(t)
        return x * np.exp(v[0]), np.exp(v[1] - x)

    def fun(t, w):
        xl, yeq = parts(t)
        Y = np.exp(w)
        return -xl * (Y - yeq * yeq / Y)

    def jac(t, w):
        xl, yeq = parts(t)
        Y = np.exp(w)
        return sparse.diags(-xl * (Y + yeq * yeq / Y), format="csc")

    w0 = ln_yeq_x[:, 0] - X_START
    sol = solve_ivp(
        fun, (_LNX[0], _LNX[-1]), w0, method="BDF", jac=jac, rtol=rtol, atol=1e-8, t_eval=None
    )
    if not sol.success:  # pragma: no cover - BDF on this system has not failed
        raise RuntimeError(f"freeze-out integration failed: {sol.message}")
    # annihilation after X_END (Y_eq ~ 0 there): dY/dx = -lambda Y^2 with lambda ~ x^-p,
    # p from the last grid interval (2 s-wave, 3 p-wave): 1/Y_inf = 1/Y_end + lambda x/(p-1)
    rate = ln_rate + np.log(y)[:, None]
    p = -(rate[:, -1] - rate[:, -2]) / (_LNX[-1] - _LNX[-2])
    tail = np.exp(rate[:, -1] + _LNX[-1]) / (np.maximum(p, 1.5) - 1)
    return 1.0 / (np.exp(-sol.y[:, -1]) + tail)


def _omega_from_y_inf(m1, Y):
    return m1 * Y * S0_CM3 / RHO_C_H2_GEV_CM3


def omega_h2_sigma_v(
    m: npt.ArrayLike, sigma_v: npt.ArrayLike, g: float = 2.0, x: npt.ArrayLike | None = None
) -> np.ndarray:
    """Omega h^2 of one self-conjugate species with a given <sigma v> (GeV^-2).

    dn/dt + 3 H n = -<sigma v>(n^2 - n_eq^2), g internal dof (2: a Majorana fermion;
    for a Dirac fermion pass g = 4 and <sigma v>_{chi chi-bar}/2). ``sigma_v`` is a
    constant per mass (shape like m) or, with ``x`` given, a table (n_m, len(x)).
    Mass m in GeV (any value inside the thermal table, 1 MeV-10 TeV).
    """
    m1 = np.atleast_1d(np.asarray(m, dtype=float))
    x_grid = np.exp(_LNX)
    if x is None:
        sv = np.broadcast_to(np.asarray(sigma_v, dtype=float)[..., None], (len(m1), _NX))
    else:
        xs = np.asarray(x, dtype=float)
        tab = np.asarray(sigma_v, dtype=float).reshape(len(m1), len(xs))
        sv = np.exp(np.stack([np.interp(np.log(x_grid), np.log(xs), np.log(r)) for r in tab]))
    T = m1[:, None] / x_grid[None, :]
    gg, h, dh = thermal.g_star(T), thermal.h_star(T), thermal.dlnh_dlnT(T)
    ln_rate = np.log(
        np.sqrt(np.pi / 45)
        * thermal.M_PLANCK
        * m1[:, None]
        * h
        / np.sqrt(gg)
        * (1 + dh / 3)
        / x_grid**2
        * sv
    )
    ln_yeq = np.log(45 / (4 * np.pi**4 * h) * g * x_grid**2 * kve(2, x_grid))
    Y = _solve(m1, ln_rate, ln_yeq, np.ones(len(m1)))
    return _omega_from_y_inf(m1, Y)


# ----------------------------------------------------------------------------------
# cached tables and the target search
# ----------------------------------------------------------------------------------
_TABLES: OrderedDict[tuple, tuple[np.ndarray, np.ndarray]] = OrderedDict()
_TABLES_MAX = 64


def _tables(m1, kind, alpha_d, ratio, delta, y_ref):
    """(ln rate, ln Y_eq + x) on the x grid for masses m1 with the width at y_ref (cached)."""
    key = (kind, alpha_d, ratio, delta, m1.tobytes(), np.asarray(y_ref, float).tobytes())
    hit = _TABLES.get(key)
    if hit is not None:
        _TABLES.move_to_end(key)
        return hit
    sv = _sigma_v_table(m1, np.exp(_LNX), kind, alpha_d, ratio, delta, y_ref)
    ln_pref, ln_yeq = _background_cached(m1.tobytes(), kind, delta)
    out = (ln_pref + np.log(np.maximum(sv, 1e-300)), ln_yeq)
    _TABLES[key] = out
    if len(_TABLES) > _TABLES_MAX:
        _TABLES.popitem(last=False)
    return out


@lru_cache(maxsize=64)
def _background_cached(m_bytes: bytes, kind: str, delta: float):
    return _background(np.frombuffer(m_bytes), kind, delta)


def _initial_y(m1, ln_rate, ln_yeq):
    """First guess of y: instantaneous s-wave-like freeze-out at x_f = 20, where
    dY/dx = -lambda Y^2 gives Y_inf = x_f / (x_f^2 lambda(x_f)) at y = 1 and Omega ~ 1/y."""
    j = int(np.argmin(np.abs(_LNX - np.log(20.0))))
    lam = np.exp(ln_rate[:, j]) * 20.0**2  # prefactor * x^2 * <sigma v>/y
    y_inf_unit = 20.0 / lam  # Y_inf at y = 1
    omega_unit = _omega_from_y_inf(m1, y_inf_unit)
    return omega_unit / OMEGA_DM_H2


def _find_y(m1, tables_for, y0, target=OMEGA_DM_H2, tol=1e-4, max_iter=40):
    """Vectorised safeguarded secant in ln y on ln(Omega/target) = 0 for all masses."""
    ln_t = np.log(target)
    n = len(m1)
    ly = np.log(y0)
    lo = np.full(n, -np.inf)  # ln y with Omega > target
    hi = np.full(n, np.inf)  # ln y with Omega < target
    f_lo = np.full(n, np.nan)
    f_hi = np.full(n, np.nan)
    prev_ly = np.full(n, np.nan)
    prev_f = np.full(n, np.nan)
    todo = np.arange(n)
    for _ in range(max_iter):
        ln_rate, ln_yeq = tables_for(todo)
        Y = _solve(m1[todo], ln_rate, ln_yeq, np.exp(ly[todo]))
        f = np.log(_omega_from_y_inf(m1[todo], Y)) - ln_t
        l_now = ly[todo]
        up = f > 0
        lo[todo[up]] = l_now[up]
        f_lo[todo[up]] = f[up]
        hi[todo[~up]] = l_now[~up]
        f_hi[todo[~up]] = f[~up]
        done = np.abs(f) < tol
        # secant with the previous point, slope -1 when there is none
        pl, pf = prev_ly[todo], prev_f[todo]
        slope = np.where(np.isfinite(pf) & (l_now != pl), (f - pf) / (l_now - pl), -1.0)
        slope = np.where((slope < -0.2) & (slope > -5), slope, -1.0)
        step = l_now - f / slope
        a, b = lo[todo], hi[todo]
        bracketed = np.isfinite(a) & np.isfinite(b)
        outside = bracketed & ((step <= np.minimum(a, b)) | (step >= np.maximum(a, b)))
        # regula falsi inside the bracket when the secant leaves it
        fa, fb = f_lo[todo], f_hi[todo]
        rf = a - fa * (b - a) / (fb - fa)
        step = np.where(outside, rf, step)
        prev_ly[todo], prev_f[todo] = l_now, f
        ly[todo] = np.where(done, l_now, step)
        todo = todo[~done]
        if todo.size == 0:
            return np.exp(ly)
    raise RuntimeError(f"relic target search did not converge for m = {m1[todo]}")


def _target(m1, kind, alpha_d, ratio, delta, target=OMEGA_DM_H2):
    y_ref = np.full(len(m1), 1e-10)
    M = ratio * m1
    g_vis = visible_width(M) * ratio**4 / alpha_d  # width per unit y
    g_dark = width_aprime_to_dm(M, m1, kind, alpha_d, delta)
    y = None
    for _ in range(6):
        tabs = _tables(m1, kind, alpha_d, ratio, delta, y_ref)

        def tables_for(idx, tabs=tabs):
            return tabs[0][idx], tabs[1][idx]

        if y is None:
            y = _initial_y(m1, *tabs)
        y = _find_y(m1, tables_for, y, target)
        w_ref = g_dark + y_ref * g_vis
        w_new = g_dark + y * g_vis
        moved = np.abs(w_new / w_ref - 1) > 1e-4
        if not moved.any():
            return y
        y_ref = np.where(moved, y, y_ref)
    return y


def omega_h2(
    m_chi: npt.ArrayLike,
    y: npt.ArrayLike,
    dm: str = "scalar",
    alpha_d: float = 0.1,
    ratio: float = 3.0,
    splitting: float = 0.0,
) -> np.ndarray:
    """Relic abundance Omega_chi h^2 at masses m_chi (GeV) and y = eps^2 alpha_D (m/m_A')^4.

    ``y`` is a scalar or an array like ``m_chi``; the A' width uses the y given.
    """
    _check(dm, alpha_d, ratio, splitting)
    m1 = _check_mass(m_chi)
    yv = np.broadcast_to(np.asarray(y, dtype=float), m1.shape).copy()
    if not np.all(np.isfinite(yv) & (yv > 0)):
        raise FipkitInputError("y must be positive and finite")
    ln_rate, ln_yeq = _tables(m1, dm, alpha_d, ratio, splitting, yv)
    return _omega_from_y_inf(m1, _solve(m1, ln_rate, ln_yeq, yv))


def relic_target(
    m_chi: npt.ArrayLike,
    dm: str = "scalar",
    alpha_d: float = 0.1,
    ratio: float = 3.0,
    splitting: float = 0.0,
) -> np.ndarray:
    """Thermal target y = eps^2 alpha_D (m_chi/m_A')^4 with Omega h^2 = 0.120, per mass.

    m_chi : masses in GeV (1 MeV-10 GeV); dm : "scalar", "majorana" or "pseudo-dirac";
    alpha_d : dark coupling alpha_D in (0, 4 pi]; ratio : m_A'/m_chi (> 2, > 2 + splitting
    for pseudo-Dirac); splitting : (m2 - m1)/m1 of the pseudo-Dirac pair.
    """
    _check(dm, alpha_d, ratio, splitting)
    m1 = _check_mass(m_chi)
    return _target(m1, dm, float(alpha_d), float(ratio), float(splitting))
