"""ALPs from Primakoff conversion of photons on the nuclei of a thick target,
gamma Z -> a Z, through L = -(g_agg / 4) a F Ftilde.

Cross section at g_agg = 1 GeV^-1 (Tsai, Phys. Rev. D 34 (1986) 1326; Dobrich, Jaeckel,
Kahlhoefer, Ringwald, Schmidt-Hoberg arXiv:1512.03069 eq. 3.14 / arXiv:1806.02348 eq. 6,
with the nucleus at rest and its recoil neglected):

    dsigma/dtheta = (alpha Z^2 / 4) |p_a|^4 sin^3 theta / t^2  F(t)^2,
    t = |k - p_a|^2 = E^2 + p_a^2 - 2 E p_a cos theta   (E_a = E, t -> (m^2 / 2E)^2 at 0),
    F(t) = [a^2 t / (1 + a^2 t)] [1 / (1 + t / d)],
    a = 111 Z^-1/3 / m_e (atomic screening), d = 0.164 A^-2/3 GeV^2 (nuclear size),

the elastic form factor of Kim and Tsai (Rev. Mod. Phys. 46 (1974) 815; also
:mod:`fipkit.production.electron_brem`), coherent on the whole nucleus.

In a thick target a photon of energy E converts with probability

    P(E, m) = sigma(E, m) / sigma_abs,  sigma_abs = (7/9) A / (N_A X0)

(pair production being the photon's absorption, its mean free path 9/7 X0; e.g.
Dobrich et al. arXiv:1512.03069 Sec. 3). The ALP keeps the photon's energy and
direction: its angle to the photon, ~sqrt(t)/E <~ 1/(a E) or sqrt(d)/E (below a mrad
above a GeV), is neglected.

At the LHC (no target) the photons convert in an absorber downstream of the collision,
the catalog entry's ``converter`` material at ``z_m`` metres (FASER: the TAN, iron, 140 m,
as in FORESEE's ALP-photon set-up): every forward photon is taken to cross it, and the
ALP exists from there along the photon's line (``FIPSample.path0``).

Photons: the two photons of pi0 -> gamma gamma and eta -> gamma gamma of the facility's
meson tables (the model declares the channels, :mod:`fipkit.models.alp`), drawn and
steered towards the decay volume like any meson decay (``meson_decay`` with a massless
product). Not included: photons of the electromagnetic showers those photons start
(softer; counted as a known omission), and the proton's own quasi-real photons.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import numpy as np

from .. import constants as C
from ..errors import FipkitInputError
from ..sample import FIPSample, empty_sample
from . import Mechanism, MonteCarlo, get_mechanism

#: photons drawn per parent species and mass (steered towards the volume)
N_PHOTONS = 20_000
#: shower photons drawn per mass at an electron dump
N_SHOWER = 20_000
#: angles of the grid the ALP's Primakoff angle is drawn on (electron dumps)
N_THETA_DRAW = 48
#: the photon's "mass" handed to the two-body decay (GeV; 0 exactly is a singular limit)
PHOTON_MASS = 1e-9
_N_THETA = 240
#: energies of the cross-section table per mass: log-spaced from threshold
_N_E = 96


def form_factor(t: Any, Z: float, A: float) -> np.ndarray:
    """Elastic atomic x nuclear form factor F(t) (Kim-Tsai), t in GeV^2."""
    t = np.asarray(t, float)
    a = 111.0 * Z ** (-1 / 3) / C.M_E
    d = 0.164 * A ** (-2 / 3)
    return a * a * t / (1 + a * a * t) / (1 + t / d)


def _theta_integrand(E: np.ndarray, m: float, Z: float, A: float, n: int = 0):
    """(theta grid, dsigma/dln theta) on ``n`` (default ``_N_THETA``) log-spaced angles per energy
    (rows: E > m), from 1e-3 of the angle where t leaves t_min to where t = 1e4 d."""
    e = E[:, None]
    p = np.sqrt(e * e - m * m)
    d = 0.164 * A ** (-2 / 3)
    a = 111.0 * Z ** (-1 / 3) / C.M_E
    theta_c = np.maximum(m * m / (2 * e * p), 1 / (a * e))
    th_lo = 1e-3 * theta_c
    th_hi = np.minimum(np.sqrt(1e4 * d) / e, np.pi)
    u = np.linspace(0.0, 1.0, n or _N_THETA)[None, :]
    th = th_lo * (th_hi / th_lo) ** u
    # t = (E - p)^2 + 4 E p sin^2(theta/2): no cancellation at small angles
    t = (e - p) ** 2 + 4 * e * p * np.sin(th / 2) ** 2
    f = form_factor(t, Z, A)
    return th, C.ALPHA_EM * Z * Z / 4 * p**4 * np.sin(th) ** 3 / t**2 * f * f * th


def cross_section(E: Any, m: float, Z: float, A: float) -> np.ndarray:
    """sigma(gamma Z -> a Z) at g_agg = 1 GeV^-1, GeV^-2, for photon energies E (GeV)
    and ALP mass m (GeV); 0 at E <= m (trapezoid in log theta, :func:`_theta_integrand`)."""
    E = np.atleast_1d(np.asarray(E, float))
    out = np.zeros(E.shape)
    ok = E > m * (1 + 1e-9)
    if ok.any():
        th, f = _theta_integrand(E[ok], m, Z, A)
        out[ok] = np.trapezoid(f, np.log(th), axis=1)
    return out


def sigma_and_angle(
    E: np.ndarray, m: float, Z: float, A: float, rng: np.random.Generator, n_theta: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """sigma(E, m) (GeV^-2, as :func:`cross_section` on ``n_theta`` angles, default
    ``_N_THETA``) and an ALP polar angle to the photon drawn from dsigma/dtheta (inverse
    CDF on the theta grid, linear in log theta within a step) for each E > m (0
    elsewhere)."""
    E = np.asarray(E, float)
    sigma, theta = np.zeros(E.shape), np.zeros(E.shape)
    ok = E > m * (1 + 1e-9)
    if not ok.any():
        return sigma, theta
    th, f = _theta_integrand(E[ok], m, Z, A, n_theta)
    lth = np.log(th)
    steps = 0.5 * (f[:, 1:] + f[:, :-1]) * np.diff(lth, axis=1)
    cdf = np.cumsum(steps, axis=1)
    total = cdf[:, -1]
    u = rng.random(len(total)) * total
    j = np.minimum((cdf < u[:, None]).sum(axis=1), steps.shape[1] - 1)
    rows = np.arange(len(total))
    below = np.where(j > 0, cdf[rows, np.maximum(j - 1, 0)], 0.0)
    frac = np.clip((u - below) / np.maximum(steps[rows, j], 1e-300), 0, 1)
    sigma[ok] = total
    theta[ok] = np.exp(lth[rows, j] + frac * (lth[rows, j + 1] - lth[rows, j]))
    return sigma, theta


def absorption_cross_section(material: str) -> float:
    """sigma_abs = (7/9) A / (N_A X0) per atom, GeV^-2 (the photon's pair production)."""
    mat = C.MATERIALS[material]
    return 7 / 9 * mat["A"] / (C.N_AVOGADRO * mat["X0"]) / C.GEV2_TO_CM2


@lru_cache(maxsize=256)
def _table(m: float, material: str, e_max: float) -> tuple[np.ndarray, np.ndarray]:
    """(log(E/m - 1), log P(E, m)) on ``_N_E`` energies from just above threshold to e_max
    (log-spaced in the excess energy: sigma rises steeply at threshold)."""
    mat = C.MATERIALS[material]
    u = np.linspace(np.log(1e-5), np.log(max(e_max / m - 1, 2.0)), _N_E)
    sigma = cross_section(m * (1 + np.exp(u)), m, mat["Z"], mat["A"])
    return u, np.log(np.maximum(sigma, 1e-300) / absorption_cross_section(material))


def conversion_probability(E: Any, m: float, material: str) -> np.ndarray:
    """P(gamma -> a) of photons of energy E (GeV) in a thick ``material`` target at
    g_agg = 1 GeV^-1 (scale by g^2), interpolated on a per-mass table."""
    E = np.asarray(E, float)
    if E.size == 0:
        return np.zeros(E.shape)
    e_max = float(2 ** np.ceil(np.log2(max(float(E.max()), 2 * m))))  # few tables per mass
    u, logP = _table(float(m), material, e_max)
    above = E > m
    with np.errstate(divide="ignore", invalid="ignore"):
        x = np.log(np.where(above, E / m - 1, 1.0))
    return np.where(above, np.exp(np.interp(x, u, logP)), 0.0)


def photon_channel(channel: Any) -> Any:
    """The meson -> gamma gamma channel behind a Primakoff channel (both photons)."""
    from ..models.base import ConstantBR, ProductionChannel

    return ProductionChannel(
        mechanism="meson_decay",
        parents=tuple(channel.parents),
        parent_mass=float(channel.parent_mass),
        recoil_mass=0.0,
        br=ConstantBR(float(channel.br(np.float64(0.0)))),  # photons per decay
        coupling_power=0,
        label=f"{channel.label} (photons)",
        importance=False,
    )


def _primakoff(
    search: Any,
    model: Any,
    channel: Any,
    params: Mapping[str, Any],
    mass: float,
    rng: np.random.Generator,
    mc: MonteCarlo,
) -> FIPSample:
    mass = float(mass)
    material = params.get("converter", search.target)
    if not material:
        return empty_sample(mass, channel.label, channel.coupling_power)
    if material not in C.MATERIALS:
        raise FipkitInputError(
            f"{search.name}: unknown converter '{material}'; valid: {', '.join(C.MATERIALS)}"
        )
    z_conv = float(params.get("z_m", 0.0))
    photons = get_mechanism("meson_decay").sample(
        search,
        model,
        photon_channel(channel),
        {},
        PHOTON_MASS,
        rng,
        MonteCarlo(seed=mc.seed, events=mc.n(N_PHOTONS), precision=mc.precision),
    )
    if len(photons) == 0:
        return empty_sample(mass, channel.label, channel.coupling_power)
    E = np.linalg.norm(photons.p, axis=1)
    w = photons.weight * conversion_probability(E, mass, material)
    keep = w > 0
    scale = np.sqrt(np.clip(E[keep] ** 2 - mass * mass, 0, None)) / E[keep]
    # an absorber at z_conv: the ALP flies on along the photon's line from there
    cos = np.abs(photons.p[keep, 2]) / E[keep]
    return FIPSample(
        mass,
        w[keep],
        photons.p[keep] * scale[:, None],
        np.asarray(photons.z0, float)[keep],
        coupling_power=channel.coupling_power,
        mechanism=channel.label,
        path0=z_conv / np.maximum(cos, 1e-12),
    )


def _primakoff_shower(
    search: Any,
    model: Any,
    channel: Any,
    params: Mapping[str, Any],
    mass: float,
    rng: np.random.Generator,
    mc: MonteCarlo,
) -> FIPSample:
    """Electron dumps: the shower's photons (track length, :mod:`.photon_track`)
    converting on the dump's nuclei, N_a per electron = (N_A X0 / A) sum w sigma(k),
    the ALP at its Primakoff angle to the photon (the photons' own angles neglected)."""
    from . import photon_track

    mass = float(mass)
    E0 = float(search.beam["energy_GeV"])
    k_min = max(mass * (1 + 1e-6), float(search.min_energy_GeV))
    if k_min >= E0:
        return empty_sample(mass, channel.label, channel.coupling_power)
    mat = C.MATERIALS[search.target]
    k, w = photon_track.sample_photons(E0, k_min, mc.n(N_SHOWER), rng)
    # the angle from a coarse theta grid; sigma from the per-mass table (0.5%)
    theta = sigma_and_angle(k, mass, mat["Z"], mat["A"], rng, N_THETA_DRAW)[1]
    # sigma N_A X0 / A = (sigma / sigma_abs) x 7/9: conversions per X0 of photon track
    w = w * conversion_probability(k, mass, search.target) * (7 / 9)
    pa = np.sqrt(np.clip(k * k - mass * mass, 0, None))
    phi = 2 * np.pi * rng.random(len(k))
    st = np.sin(theta)
    p = pa[:, None] * np.column_stack([st * np.cos(phi), st * np.sin(phi), np.cos(theta)])
    keep = w > 0
    return FIPSample(
        mass, w[keep], p[keep], coupling_power=channel.coupling_power, mechanism=channel.label
    )


PRIMAKOFF = Mechanism(
    "primakoff",
    _primakoff,
    parameters={
        "converter": "material the photons convert in (default: the search's target)",
        "z_m": "distance of that absorber from the production point, m (default 0)",
    },
)
PRIMAKOFF_SHOWER = Mechanism("primakoff_shower", _primakoff_shower)
