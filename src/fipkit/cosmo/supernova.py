"""SN1987A cooling bounds on dark photons, dark scalars and photon ALPs: documented
one-zone estimates.

The proto-neutron-star core is one zone: T = 30 MeV, rho = 3e14 g/cm^3, proton
fraction Y_p = 0.3, radius R = 10 km. A' are radiated in neutron-proton collisions in
the soft-radiation (dipole) approximation: a proton whose velocity changes by Dv emits
dN/domega = (2 alpha / 3 pi) |Dv|^2 / omega (Jackson, Classical Electrodynamics,
eq. 15.2); averaged over the np scattering angle this is (alpha/3 pi) v_rel^2 sigma_T/omega
per collision, with sigma_T the np transport cross section (25 mb, a representative
value at E_cm ~ 30-60 MeV; Rrapaj & Reddy, arXiv:1511.09136, use measured ones).
A massive vector carries the extra phase space beta (1 + m^2 / 2 omega^2), and below
the plasma frequency omega_p ~ 15 MeV the in-medium mixing is suppressed,
eps_eff^2 = eps^2 m^4 / [(m^2 - omega_p^2)^2 + (0.1 omega_p^2)^2]
(Chang, Essig, McDermott, arXiv:1611.03864, Sec. 3; the 0.1 omega_p^2 damping is a
choice of this estimate).

Escape: an A' of energy omega leaves the core unless it decays (lab decay length
(p/m) c tau) or is absorbed (inverse bremsstrahlung, from detailed balance with the
emission rate) within R: weight exp(-R/l_dec - R/l_abs). The energy-loss rate per
unit mass of escaping A' must stay below 1e19 erg g^-1 s^-1 (Raffelt's criterion,
G. Raffelt, Stars as Laboratories (1996), eq. 13.8). Expect O(1) uncertainty in eps
(arXiv:1611.03864 find factors of a few from the core profile alone).

A vector with charges (:mod:`fipkit.models.vector`) radiates through the same dipole
term scaled by ((x_p - x_n) / e)^2 (:func:`dipole_strength`), with the dark photon's
in-medium suppression [an assumption: exact for kinetic mixing such as L_mu - L_tau's
loop mixing, not derived for other charges]. B - L and baryon number have no np dipole;
a coupling to neutrons, x_n = x_u + 2 x_d, radiates through the quadrupole term of nn
collisions (:func:`neutron_quadrupole_spectrum`, no in-medium suppression: neutrons carry
no charge; the pp and np quadrupole terms, smaller and partly screened, are left out,
so the estimate errs weak). For L_mu - L_tau only
the loop-mixed np dipole is included, not the muon and neutrino processes of the
supernova's muons (Croon et al. arXiv:2006.13942), so its bound is incomplete.

Dark scalar (:func:`scalar_emission_spectrum`): S couples to every nucleon with
y = sin(theta) f_N m_N / v, f_N = 0.30 (the Higgs-nucleon coupling, Shifman-Vainshtein-
Zakharov with sigma terms; e.g. Cline et al. arXiv:1306.4710). The leading soft term of
scalar bremsstrahlung (the radiation of the source y m/E of each nucleon,
dN/domega dOmega = y^2 |sum_i eta_i (1/gamma_i)/(1 - n.v_i)|^2 / (16 pi^3 omega)) has no
monopole (nucleon number) and, for equal masses, no dipole (momentum conservation) term;
the first non-zero term is 2[(n.v')^2 - (n.v)^2] in the pair's centre of mass, whose
square averages to (16/15) v^4 sin^2(chi) over directions. Per collision
dN/domega = y^2 v_rel^4 sin^2(chi) / (60 pi^2 omega), for all nn, pp and np pairs, with
the angle-weighted cross section int sin^2(chi) dsigma = (2/3) x 25 mb (isotropic
scattering). This soft-theorem rate is conservative (Hardy et al. arXiv:2410.17347 use
the same approach and call it so; pion-exchange terms of Dev, Mohapatra, Zhang,
arXiv:2005.00490 are not included), and the resonant mixing with the longitudinal photon
that matters for m_S < omega_p (2410.17347) is not included either: the scalar bound is
an order-of-magnitude estimate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import constants as C
from ..errors import FipkitInputError
from .bounds import _curve, couplings_at_low_mass

T_CORE = 0.030  # GeV
RHO_CORE = 3e14  # g/cm^3
Y_P = 0.3
R_CORE = 1.0e4  # m
SIGMA_T_NP = 25e-27  # cm^2 (25 mb)
OMEGA_P = 0.015  # GeV
RAFFELT = 1e19  # erg/g/s
_GEV_ERG = 1.602176634e-3
_GEV_G = 1.78266192e-24  # GeV -> g
_EPS = np.logspace(-12, -4, 161)
_SIN2 = np.logspace(-18, -6, 241)
F_N = 0.30  # Higgs-nucleon coupling f_N (y_hNN = f_N m_N / v)
SIGMA_SIN2_NN = 2.0 / 3.0 * 25e-27  # cm^2, int sin^2(chi) dsigma for isotropic 25 mb

VECTOR_METHOD = (
    "SN1987A cooling (one-zone estimate): escaping vectors from np dipole bremsstrahlung "
    "(in-medium mixing, decay and absorption within R) carry < 1e19 erg/g/s"
)
ALP_METHOD = (
    "SN1987A cooling (one-zone estimate): escaping ALPs from Primakoff conversion of "
    "thermal photons on the core's protons (decay and absorption within R) carry "
    "< 1e19 erg/g/s"
)
SCALAR_METHOD = (
    "SN1987A cooling (one-zone estimate): escaping S from soft quadrupole nucleon "
    "bremsstrahlung (decay and absorption within R) carry < 1e19 erg/g/s"
)


def _nucleon_density() -> float:
    """Nucleons per cm^3 in the core."""
    return RHO_CORE / (C.M_N * _GEV_G)


def _thermal_pairs(omega, m, per_collision) -> np.ndarray:
    """<v_rel dN/domega> of a nucleon pair at T_CORE, [masses, omega], cm^3/s/GeV.

    The relative kinetic energy E is Maxwell-Boltzmann, dP = 2 sqrt(E/pi) T^-3/2 e^-E/T dE
    (Gauss-Laguerre in E/T); only E > omega radiates, with the massive phase space
    beta = sqrt(1 - m^2/omega^2). ``per_collision(v2, om, mm)`` is v_rel dN/domega per
    collision (cm^3/s/GeV) on broadcast arrays of v_rel^2, omega and m (GeV)."""
    mu = C.M_N / 2
    x, wx = np.polynomial.laguerre.laggauss(60)
    E = T_CORE * x  # weight e^-x
    v2 = 2 * E / mu  # v_rel^2
    pdf_no_exp = 2 * np.sqrt(E / np.pi) * T_CORE**-1.5 * T_CORE
    om, mm = omega[None, :, None], m[:, None, None]
    kin = E[None, None, :] > om
    beta = np.sqrt(np.clip(1 - mm**2 / om**2, 0, None))
    return np.sum(per_collision(v2, om, mm) * beta * kin * pdf_no_exp * wx, axis=-1)


def vector_emission_spectrum(omega, m):
    """dQ/domega at eps = 1 for the dark photon (np dipole term, in-medium mixing),
    GeV/cm^3/s/GeV, [masses, omega]."""
    n_b = _nucleon_density()
    n_p, n_n = Y_P * n_b, (1 - Y_P) * n_b

    def per_collision(v2, om, mm):
        rate = C.ALPHA_EM / (3 * np.pi) * v2 * np.sqrt(v2) * SIGMA_T_NP * C.C_LIGHT * 100 / om
        return rate * (1 + mm**2 / (2 * om**2))  # three polarisations of a massive vector

    d = _thermal_pairs(omega, m, per_collision)
    sup = m**4 / ((m**2 - OMEGA_P**2) ** 2 + (0.1 * OMEGA_P**2) ** 2)
    return n_n * n_p * d * omega[None, :] * np.minimum(sup, 1e3)[:, None]


def neutron_quadrupole_spectrum(omega, m):
    """dQ/domega of a vector coupled to neutrons with g x_n = 1 (alpha_X = 1 / 4 pi), from
    the quadrupole term of nn bremsstrahlung, GeV/cm^3/s/GeV, [masses, omega].

    Soft emission dN/domega dOmega = (alpha_X / 4 pi^2 omega) |n x J|^2, J = sum_i eta_i
    v_i / (1 - n.v_i) (the non-relativistic limit of sum eta_i p_i / p_i.n): for two equal
    charges and masses the dipole sum cancels and J = 2 [u'(n.u') - u(n.u)] with the CM
    speeds u = v_rel / 2; averaged over directions <|n x J|^2> = (8/5) u^4 sin^2(chi)
    (tested by Monte Carlo), so per collision dN/domega = alpha_X v_rel^4 sin^2(chi) /
    (10 pi omega), with int sin^2(chi) dsigma = SIGMA_SIN2_NN and the massive vector's
    (1 + m^2 / 2 omega^2). No in-medium suppression: neutrons carry no electric charge."""
    n_n = (1 - Y_P) * _nucleon_density()

    def per_collision(v2, om, mm):
        rate = v2**2 * np.sqrt(v2) * SIGMA_SIN2_NN * C.C_LIGHT * 100 / om
        return rate / (4 * np.pi) / (10 * np.pi) * (1 + mm**2 / (2 * om**2))

    return n_n**2 / 2 * _thermal_pairs(omega, m, per_collision) * omega[None, :]


def scalar_emission_spectrum(omega, m):
    """dQ/domega at sin^2 theta = 1 for the dark scalar (soft quadrupole term, all nucleon
    pairs), GeV/cm^3/s/GeV, [masses, omega]."""
    n_b = _nucleon_density()
    y2 = (F_N * C.M_N / C.V_HIGGS) ** 2

    def per_collision(v2, om, mm):
        return y2 / (60 * np.pi**2) * v2**2 * np.sqrt(v2) * SIGMA_SIN2_NN * C.C_LIGHT * 100 / om

    return n_b**2 / 2 * _thermal_pairs(omega, m, per_collision) * omega[None, :]


def debye_kappa2() -> float:
    """Debye screening scale kappa^2 = 4 pi alpha n_p / T of the core's protons (GeV^2;
    non-degenerate, as in Raffelt, Phys. Rev. D 33 (1986) 897; degeneracy lowers it)."""
    n_p = Y_P * _nucleon_density() * (C.HBARC_GEV_M * 100) ** 3  # GeV^3
    return 4 * np.pi * C.ALPHA_EM * n_p / T_CORE


def primakoff_rate(k, m, kappa2: float):
    """Gamma(gamma -> a) of a photon of energy k (GeV) on the screened charges of the
    plasma, at g_agg = 1 GeV^-1, GeV (Di Lella, Pilaftsis, Raffelt, Zioutas
    hep-ph/0006327, eq. 6; Lucente et al. arXiv:2011.01969 eq. 2.4):
    (T kappa^2 / 32 pi) (p/k) {[(k+p)^2 + kappa^2][(k-p)^2 + kappa^2] / (4 k p kappa^2)
    ln[((k+p)^2 + kappa^2) / ((k-p)^2 + kappa^2)] - (k^2 - p^2)^2 / (4 k p kappa^2)
    ln[(k+p)^2 / (k-p)^2] - 1}, p = sqrt(k^2 - m^2); massless: Raffelt's
    (T kappa^2 / 32 pi) [(1 + kappa^2/4k^2) ln(1 + 4k^2/kappa^2) - 1]."""
    k, m = np.broadcast_arrays(np.asarray(k, float), np.asarray(m, float))
    p = np.sqrt(np.clip(k * k - m * m, 0, None))
    out = np.zeros(k.shape)
    ok = p > 0
    k, p = k[ok], p[ok]
    a, b = (k + p) ** 2, (k - p) ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        second = np.where(b > 0, (k * k - p * p) ** 2 / (4 * k * p * kappa2) * np.log(a / b), 0)
    brace = (
        (a + kappa2) * (b + kappa2) / (4 * k * p * kappa2) * np.log((a + kappa2) / (b + kappa2))
        - second
        - 1
    )
    out[ok] = T_CORE * kappa2 / (32 * np.pi) * (p / k) * brace
    return out


def alp_photon_emission_spectrum(omega, m):
    """dQ/domega at g_agg = 1 GeV^-1 for the photon ALP: thermal photons (two
    polarisations, massless: the plasma frequency is neglected) converting by Primakoff
    on the protons, dQ/domega = (omega^2/pi^2) omega f_B(omega) Gamma(omega),
    GeV/cm^3/s/GeV, [masses, omega]."""
    om, mm = omega[None, :], m[:, None]
    gamma = primakoff_rate(om, mm, debye_kappa2())  # GeV
    f_b = 1 / np.expm1(om / T_CORE)
    q = om**2 / np.pi**2 * om * f_b * gamma  # GeV^5 per GeV: natural units
    return q / (C.HBARC_GEV_M * 100) ** 3 / C.HBAR_GEV_S


@dataclass(frozen=True, eq=False)
class Emission:
    """How one FIP family is radiated by the one-zone core.

    spectrum : (omega, m) -> dQ/domega at unit coupling, GeV/cm^3/s/GeV, [masses, omega].
    dof : degrees of freedom (3 for a massive vector, 1 for a scalar), for absorption.
    coupling_power : emission and absorption scale as coupling ** coupling_power.
    couplings : the coupling grid the cooling region is found on.
    max_mass : GeV; masses at or above it are not computed (no emission there).
    method, references : provenance of the Curve.
    strength : model -> the emission of ``model`` at unit coupling over ``spectrum``'s
        (0: the family's process does not radiate it).
    extra : further (strength, spectrum) terms added to the emission (the bound applies
        where any strength is > 0).
    """

    spectrum: Callable
    dof: int
    coupling_power: float
    couplings: np.ndarray
    max_mass: float
    method: str
    references: tuple[str, ...]
    strength: Callable[[Any], float] = lambda model: 1.0
    extra: tuple[tuple[Callable[[Any], float], Callable], ...] = ()

    def terms(self, model) -> list[tuple[float, Callable]]:
        """(strength, spectrum) of each emission term for ``model``, the zero ones left out."""
        pairs = [(self.strength, self.spectrum), *self.extra]
        out = [(float(s(model)), f) for s, f in pairs]
        return [(k, f) for k, f in out if k > 0]


#: per-family emission table, keyed on ``Model.family`` (see :func:`register_emission`)
EMISSION: dict[str, Emission] = {}


def register_emission(family: str, emission: Emission) -> None:
    """Make the SN1987A bound apply to models of ``family``."""
    EMISSION[family] = emission


def emission_for(model) -> Emission:
    """The emission table entry of ``model``'s family."""
    try:
        return EMISSION[model.family]
    except KeyError:
        raise FipkitInputError(
            f"no SN1987A emission rate for the {model.family!r} family of {model.name}; "
            f"known: {', '.join(sorted(EMISSION))}"
        ) from None


def applies(model) -> bool:
    """Whether the SN1987A bound is computed for ``model``: its family has an emission
    rate and the process radiates it (the np dipole does not radiate B - L)."""
    return model.family in EMISSION and bool(EMISSION[model.family].terms(model))


def dipole_strength(model) -> float:
    """np dipole emission of a vector at unit coupling over the dark photon's at eps = 1:
    ((x_p - x_n) / e)^2 with the nucleon charges x_p = 2 x_u + x_d, x_n = x_u + 2 x_d of
    ``model.fermion_couplings()`` (the dipole of a pair of equal masses is set by the
    charge difference; B - L and baryon number, x_p = x_n, have none)."""
    x = couplings_at_low_mass(model)
    dx = (2 * x["u"] + x["d"]) - (x["u"] + 2 * x["d"])
    return dx**2 / (4 * np.pi * C.ALPHA_EM)


def neutron_strength(model) -> float:
    """x_n^2 (per unit coupling) of :func:`neutron_quadrupole_spectrum`, x_n = x_u + 2 x_d."""
    x = couplings_at_low_mass(model)
    return (x["u"] + 2 * x["d"]) ** 2


register_emission(
    "vector",
    Emission(
        vector_emission_spectrum,
        dof=3,
        coupling_power=2,
        couplings=_EPS,
        max_mass=np.inf,
        method=VECTOR_METHOD,
        references=("Chang, Essig, McDermott, arXiv:1611.03864",),
        strength=dipole_strength,
        extra=((neutron_strength, neutron_quadrupole_spectrum),),
    ),
)
register_emission(
    "scalar",
    Emission(
        scalar_emission_spectrum,
        dof=1,
        coupling_power=1,
        couplings=_SIN2,
        max_mass=0.5,  # no emission above a few T_core
        method=SCALAR_METHOD,
        references=(
            "Hardy et al., arXiv:2410.17347 (soft emission)",
            "Dev, Mohapatra, Zhang, arXiv:2005.00490",
            "Krnjaic, arXiv:1512.04119",
        ),
    ),
)


register_emission(
    "pseudoscalar",
    Emission(
        alp_photon_emission_spectrum,
        dof=1,
        coupling_power=2,
        couplings=np.logspace(-13, -3, 201),
        max_mass=0.5,  # no emission above a few T_core
        method=ALP_METHOD,
        references=(
            "Raffelt, Phys. Rev. D 33 (1986) 897",
            "Di Lella, Pilaftsis, Raffelt, Zioutas, hep-ph/0006327",
            "Lucente et al., arXiv:2011.01969",
        ),
    ),
)


def one_zone_bound(m, ctau_fn, spectrum, dof, power, grid, width_power=None):
    """SN1987A cooling (one-zone estimate): (low, high) coupling per mass, NaN if none.

    ``spectrum(omega, m)`` is dQ/domega at unit coupling ([masses, omega]), ``dof`` the
    degrees of freedom, emission and absorption scale as coupling ** ``power`` and the
    decay width as coupling ** ``width_power`` (default ``power``); ``ctau_fn(m, g)`` is the
    proper decay length in metres; the region is found on the coupling ``grid``."""
    width_power = power if width_power is None else width_power
    m = np.atleast_1d(np.asarray(m, float))
    if m.size == 0:
        return np.empty(0), np.empty(0)
    # (masses x omega x couplings) arrays: a few masses at a time bounds the memory
    parts = [
        _one_zone_chunk(m[i : i + MASS_CHUNK], ctau_fn, spectrum, dof, power, grid, width_power)
        for i in range(0, m.size, MASS_CHUNK)
    ]
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


#: masses per block of :func:`one_zone_bound` (peak memory ~ 3 x 8 B x block x 300 x grid)
MASS_CHUNK = 16


def _one_zone_chunk(m, ctau_fn, spectrum, dof, power, grid, width_power):
    """:func:`one_zone_bound` on one block of masses."""
    from ..engine import region_rows

    grid = np.asarray(grid, float)
    omega = np.linspace(0.0, 15 * T_CORE, 301)[1:]
    dq = spectrum(omega, m)
    p = np.sqrt(np.clip(omega[None, :] ** 2 - m[:, None] ** 2, 0, None))
    lab = p / m[:, None]  # betagamma
    ctau1 = ctau_fn(m, 1.0)  # metres at unit coupling
    # absorption rate from detailed balance: Gamma_abs n_eq = emission rate
    rate = dq / omega[None, :]  # per cm^3 s GeV
    n_eq = dof * omega[None, :] * p * np.exp(-omega[None, :] / T_CORE) / (2 * np.pi**2)
    n_eq = n_eq / (C.HBARC_GEV_M * 100) ** 3  # per cm^3 per GeV
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        gabs1 = np.where(n_eq > 0, rate / n_eq, np.inf)  # per s at unit coupling
        v = np.where(omega[None, :] > 0, p / omega[None, :], 0)
        l_dec = (lab * ctau1[:, None])[..., None] / grid[None, None, :] ** width_power  # m
        l_dec = np.where(np.isnan(l_dec), np.inf, l_dec)  # a stable X (c tau = inf)
        l_abs = (v * C.C_LIGHT / gabs1)[..., None] / grid[None, None, :] ** power  # m
        esc = np.exp(-R_CORE / l_dec - R_CORE / l_abs)
    q = grid[None, :] ** power * np.trapezoid(dq[..., None] * esc, omega, axis=1)  # GeV/cm^3/s
    loss = q * _GEV_ERG / RHO_CORE  # erg/g/s
    rows = region_rows(m, grid, np.nan_to_num(loss), RAFFELT)
    mm, lo, hi = rows.mass, rows.low, rows.high
    low = np.full(len(m), np.nan)
    high = np.full(len(m), np.nan)
    for i, x in enumerate(m):  # one interval per mass in this model
        k = np.nonzero(mm == x)[0]
        if len(k):
            low[i], high[i] = lo[k].min(), hi[k].max()
    return low, high


def sn1987a_bound(model, m):
    """(low, high) coupling of the SN1987A cooling region of ``model`` per mass m (GeV),
    NaN where there is none; the emission comes from the family table (:data:`EMISSION`),
    the lifetime and width power from the model."""
    e = emission_for(model)
    terms = e.terms(model)
    if not terms:
        raise FipkitInputError(
            f"SN1987A: the {model.family} emission does not radiate {model.name}"
        )

    def spectrum(omega, mm):
        return sum(k * f(omega, mm) for k, f in terms)

    grid = e.couplings / terms[0][0] ** (1 / e.coupling_power)  # shifted by the leading term
    return one_zone_bound(m, model.ctau, spectrum, e.dof, e.coupling_power, grid, model.width_power)


def sn1987a_curve(model, masses):
    """The SN1987A cooling bound of ``model`` as a Curve, on the masses below the family's
    ``max_mass``."""
    e = emission_for(model)
    masses = np.asarray(masses, float)
    sn = masses[masses < e.max_mass]
    lo, hi = sn1987a_bound(model, sn)
    return _curve(
        model,
        sn,
        lo,
        hi,
        "SN1987A",
        "bound",
        "SN1987A (one-zone cooling)",
        e.method,
        list(e.references),
    )
