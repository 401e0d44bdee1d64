"""Technique: e+e- -> gamma a, a -> gamma gamma as a narrow diphoton peak over the QED
e+e- -> gamma gamma gamma continuum (Belle II, BaBar; review Sec. 5.3, "tri-photon
searches").

Signal at unit coupling (g_agg = 1 GeV^-1): sigma(e+e- -> gamma a) = alpha g^2 / 24
(1 - m^2/s)^3 with the photon's angular distribution ∝ 1 + cos^2 theta (Marciano et al.
arXiv:1607.01022; Dolan et al. arXiv:1709.00009), the ALP decaying isotropically to two
photons. Background: e+e- -> gamma gamma gamma for massless electrons, spin-averaged
(Berends, Kleiss, Nucl. Phys. B 186 (1981) 22),

    |M|^2 = e^6 s sum_i a_i a_i' (a_i^2 + a_i'^2) / prod_j (a_j a_j'),
    a_i = p+ . k_i, a_i' = p- . k_i,

whose soft-photon limit is e+e- -> gamma gamma times the eikonal factor e^2 2 p+.p- /
(a_3 a_3') (tests/test_three_photon.py checks it), sigma = (1/2s)(1/3!) int |M|^2 dPhi_3.
Both are sampled once per search: three-body massless phase space (flat, RAMBO; volume
s / 256 pi^3) for the continuum, and the signal's kinematics per mass; the search's
acceptance applies to every photon (``cos_range`` in the centre-of-mass frame, energy >
``photon_min_GeV``). An event counts as background at mass m when any of its three
photon pairs lies within +-k sigma_m of m (``mass_resolution`` sigma_m/m, ``window_
sigmas`` k, default 2); the signal inside the window is the Gaussian fraction erf(k /
sqrt 2). The ALP must decay within ``max_decay_length_m`` of the collision (decay-length
acceptance at its fixed energy). 90% CL: the Poisson upper limit at n_obs = B.

Catalog parameters: ``sqrt_s_GeV``, ``luminosity_fb``, ``cos_range``, ``photon_min_GeV``,
``mass_resolution``, ``window_sigmas``, ``max_decay_length_m``, ``mass_range_GeV``; the
search's ``efficiency``. The region in (m, g) follows from the signal ∝ g^2 (times the
decay acceptance, a function of g).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
from scipy.special import erf

from .. import constants as C
from .. import statistics
from ..errors import FipkitInputError
from . import Signal, Technique
from .decay_in_volume import mass_window

_FB_PER_GEV2 = C.GEV2_TO_PB * 1e3
#: phase-space points of the QED continuum and signal events per mass
N_CONTINUUM = 400_000
N_SIGNAL = 20_000


def sigma_gamma_alp(m: Any, sqrt_s: float, g: Any = 1.0) -> np.ndarray:
    """sigma(e+e- -> gamma a) in fb, all angles: alpha g^2 / 24 (1 - m^2/s)^3 (g in GeV^-1)."""
    m = np.asarray(m, float)
    x = np.clip(1 - m**2 / sqrt_s**2, 0.0, None)
    return C.ALPHA_EM * np.asarray(g, float) ** 2 / 24 * x**3 * _FB_PER_GEV2


def rambo3(sqrt_s: float, n: int, rng: np.random.Generator) -> np.ndarray:
    """n massless three-body events at rest, (n, 3, 4) four-momenta (E, px, py, pz), flat in
    phase space (Kleiss, Stirling, Ellis, RAMBO; weight s / 256 pi^3 each)."""
    c = rng.uniform(-1, 1, (n, 3))
    phi = rng.uniform(0, 2 * np.pi, (n, 3))
    e = -np.log(rng.uniform(size=(n, 3)) * rng.uniform(size=(n, 3)))
    s = np.sqrt(1 - c**2)
    q = np.stack([e, e * s * np.cos(phi), e * s * np.sin(phi), e * c], axis=-1)
    Q = q.sum(axis=1)
    M = np.sqrt(Q[:, 0] ** 2 - np.sum(Q[:, 1:] ** 2, axis=1))
    b = -Q[:, 1:] / M[:, None]
    x = sqrt_s / M
    gam = Q[:, 0] / M
    a = 1 / (1 + gam)
    bq = np.einsum("nj,nij->ni", b, q[..., 1:])
    E = x[:, None] * (gam[:, None] * q[..., 0] + bq)
    p = x[:, None, None] * (q[..., 1:] + b[:, None, :] * (q[..., 0] + a[:, None] * bq)[..., None])
    return np.concatenate([E[..., None], p], axis=-1)


def matrix_element_3gamma(k: np.ndarray, sqrt_s: float) -> np.ndarray:
    """Spin-averaged |M|^2 of e+e- -> gamma gamma gamma (massless e, module doc) for photon
    four-momenta k (n, 3, 4); e+ along +z, e- along -z."""
    e = np.sqrt(4 * np.pi * C.ALPHA_EM)
    E = sqrt_s / 2
    a = E * (k[..., 0] - k[..., 3])  # p+ . k_i, p+ = E (1, 0, 0, 1)
    ap = E * (k[..., 0] + k[..., 3])  # p- . k_i
    num = np.sum(a * ap * (a**2 + ap**2), axis=1)
    return e**6 * sqrt_s**2 * num / np.prod(a * ap, axis=1)


def _accepted(k: np.ndarray, lo: float, hi: float, e_min: float) -> np.ndarray:
    """Every photon inside lo < cos theta < hi and above e_min (GeV)."""
    c = k[..., 3] / k[..., 0]
    return np.all((c > lo) & (c < hi) & (k[..., 0] > e_min), axis=1)


def _pair_masses(k: np.ndarray) -> np.ndarray:
    """(n, 3) invariant masses of the photon pairs (1,2), (1,3), (2,3)."""
    out = []
    for i, j in ((0, 1), (0, 2), (1, 2)):
        s = k[:, i] + k[:, j]
        out.append(np.sqrt(np.clip(s[:, 0] ** 2 - np.sum(s[:, 1:] ** 2, axis=1), 0, None)))
    return np.stack(out, axis=1)


@lru_cache(maxsize=16)
def continuum(sqrt_s: float, lo: float, hi: float, e_min: float, seed: int = 11):
    """(pair masses (n, 3), weight per event in fb) of the accepted QED 3-photon events."""
    rng = np.random.default_rng(seed)
    k = rambo3(sqrt_s, N_CONTINUUM, rng)
    ok = _accepted(k, lo, hi, e_min)
    k = k[ok]
    s = sqrt_s**2
    w = matrix_element_3gamma(k, sqrt_s) * (s / (256 * np.pi**3)) / (2 * s) / 6 / N_CONTINUUM
    return _pair_masses(k), w * _FB_PER_GEV2


@lru_cache(maxsize=4096)
def signal_acceptance(m: float, sqrt_s: float, lo: float, hi: float, e_min: float, seed=12):
    """Fraction of e+e- -> gamma a, a -> gamma gamma events with all three photons accepted
    (cached: the same per mass whatever the couplings of a call)."""
    rng = np.random.default_rng(seed)
    n = N_SIGNAL
    # photon polar angle from 1 + cos^2 (accept-reject), azimuth uniform
    c = rng.uniform(-1, 1, 3 * n)
    c = c[rng.uniform(0, 2, 3 * n) < 1 + c**2][:n]
    n = len(c)
    phi = rng.uniform(0, 2 * np.pi, n)
    s = sqrt_s**2
    eg = (s - m**2) / (2 * sqrt_s)
    st = np.sqrt(1 - c**2)
    u = np.stack([st * np.cos(phi), st * np.sin(phi), c], axis=1)
    k1 = np.concatenate([eg * np.ones((n, 1)), eg * u], axis=1)
    ea, pa = sqrt_s - eg, -eg * u  # the ALP
    # a -> gamma gamma, isotropic in its rest frame, boosted along pa
    ct = rng.uniform(-1, 1, n)
    ph = rng.uniform(0, 2 * np.pi, n)
    sr = np.sqrt(1 - ct**2)
    d = np.stack([sr * np.cos(ph), sr * np.sin(ph), ct], axis=1) * (m / 2)
    beta = pa / ea
    gam = ea / m
    out = [k1]
    for sign in (1, -1):
        q = sign * d
        bq = np.sum(beta * q, axis=1)
        b2 = np.sum(beta**2, axis=1)
        e_lab = gam * (m / 2 + bq)
        coef = np.where(b2 > 0, (gam - 1) * bq / np.where(b2 > 0, b2, 1), 0) + gam * m / 2
        out.append(np.concatenate([e_lab[:, None], q + coef[:, None] * beta], axis=1))
    k = np.stack(out, axis=1)
    return float(np.mean(_accepted(k, lo, hi, e_min)))


def _kinematics(search) -> tuple[float, float, float, float, float]:
    p = search.params
    lo, hi = (float(c) for c in p["cos_range"])
    if not -1 < lo < hi < 1:
        raise FipkitInputError(f"{search.name}: cos_range must satisfy -1 < lo < hi < 1")
    return float(p["sqrt_s_GeV"]), float(p["luminosity_fb"]), lo, hi, float(p["photon_min_GeV"])


def signal_and_background(search, masses: Any) -> tuple[np.ndarray, np.ndarray]:
    """(S1, B) per ALP mass [GeV]: signal events at g = 1 GeV^-1 in the +-k sigma window
    (prompt decays; times efficiency), and QED 3-photon events in it."""
    sqrt_s, lumi, lo, hi, e_min = _kinematics(search)
    p = search.params
    k = float(p.get("window_sigmas", 2.0))
    res = float(p["mass_resolution"])
    m = np.asarray(masses, float)
    pairs, w = continuum(sqrt_s, lo, hi, e_min)
    bkg = np.empty(len(m))
    for i, mi in enumerate(m):  # one boolean pass per mass over the cached events
        half = k * res * mi
        bkg[i] = w[np.any(np.abs(pairs - mi) < half, axis=1)].sum()
    acc = np.array([signal_acceptance(mi, sqrt_s, lo, hi, e_min) for mi in m])
    s1 = lumi * search.efficiency * sigma_gamma_alp(m, sqrt_s) * acc * erf(k / np.sqrt(2))
    w_lo, w_hi = mass_window(search)
    s1 = np.where((m >= w_lo) & (m <= w_hi) & (m < sqrt_s), s1, 0.0)
    return s1, lumi * search.efficiency * bkg


def evaluate(model, search, masses, couplings, mc) -> Signal:
    if model.coupling_name != "g_agg_GeV-1":
        raise FipkitInputError(
            f"{search.name}: the tri-photon search is for an ALP with a photon coupling "
            f"(alp-photon), not {model.name}"
        )
    m = np.asarray(masses, float)
    g = np.asarray(couplings, float)[None, :]
    s1, bkg = signal_and_background(search, m)
    n_up = statistics.expected_upper_limit(bkg, search.cl)
    sqrt_s = float(search.params["sqrt_s_GeV"])
    e_a = (sqrt_s**2 + m**2) / (2 * sqrt_s)
    beta_gamma = np.sqrt(np.clip(e_a**2 - m**2, 0, None)) / m
    length = beta_gamma[:, None] * model.ctau(m)[:, None] / g**model.width_power
    l_max = float(search.params.get("max_decay_length_m", np.inf))
    prompt = -np.expm1(-l_max / length)
    br = model.br_visible(m, ("gamma gamma",))
    ratio = g**2 * (s1 * br)[:, None] * prompt / n_up[:, None]
    stat = statistics.describe_window(
        search.cl, float(search.params.get("window_sigmas", 2.0)), "m_gamma gamma (QED 3 gamma)"
    )
    method = (
        f"e+e- -> gamma a, a -> gamma gamma over e+e- -> 3 gamma at sqrt(s) = {sqrt_s:g} GeV, "
        f"{float(search.params['luminosity_fb']):g} fb^-1, eff {search.efficiency:g}"
    )
    return Signal(ratio, stat, method)


TECHNIQUE = Technique.builtin("three_photon", evaluate)
