"""Meson-decay production: parents from the facility's spectra decay to a FIP.

One mechanism serves every two-body channel a model declares
(:class:`fipkit.models.base.ProductionChannel`): pi0/eta/eta' -> gamma A' and
omega -> pi0 A' of the dark photon, K -> pi S and B -> K(*) S of the dark scalar, and
the channels of models to come. Parents are isotropic two-body decays in their rest
frame, boosted to the lab (:func:`fipkit.kinematics.two_body_decay`); the weight is the
parent's weight times BR(m) at unit coupling.

Parents in a thick target (not the model's physics, the target's):

* kaons and charged pions mostly interact before they decay: each is weighted by its
  decay-before-absorption probability 1/(1 + beta gamma c tau / lambda_I), with the
  nuclear interaction length of the target (an approximation: the meson-nucleus length
  is somewhat longer); none decays at a collider (no target); in a neutrino beam line
  (a detector with ``beamline``) they are instead the horn-focused ones decaying in
  flight in the pipe (:mod:`fipkit.production.beamline`: N_BEAMLINE parents each,
  drawn by the line's importance, decayed isotropically or steered from the target);
* beauty and charm per POT on a nucleus relative to the pp tables: A^0.29
  (sigma_QQ ∝ A, sigma_inel ∝ A^0.71; Lourenco-Wohri, hep-ph/0609101) times the
  facility's cascade factor (b b-bar, c c-bar also made by the secondary hadrons of the
  shower: 1.7 and 2.3 at SPS400). The factor is data of the facility's table, not code:
  ``cascade_factor`` (with its ``cascade_source``, e.g. SHiP-NOTE-2015-009 for SPS400)
  in ``spectra/data/<facility>_beauty.json`` / ``_charm.json``, read by
  :func:`fipkit.spectra.cascade_factor`; 1 where the record has none.

``pair_decay``: a parent decaying to two FIPs of the same mass at a BR that does not
depend on the coupling (h -> S S of BC5, arXiv:1901.09966); both FIPs are kept (one
decays in the volume at most, as the probability is small wherever it matters).

Sampling (Monte Carlo precision as a stated property). A small or off-axis decay
volume sees a tiny fraction of the FIPs (CHARM: ~1%), so with one parent per spectrum
bin and one isotropic decay the edges of a region moved by ~0.1 dex between seeds. For
a search with a decay volume the mechanism instead

1. estimates, deterministically (no random numbers), how much each parent bin matters
   (:func:`decay_importance`: a pilot of the FIP kinematics from the bin centres against
   azimuth-averaged acceptance tables of the volume) and draws the parents from the bins
   by that importance, a defensive share ∝ content (``spectra.parent_sample``);
2. turns each decay about the parent's direction towards the polar angles of the volume
   and about the beam axis towards its azimuths (:func:`steered_decay`,
   :func:`steer_azimuth`), both exact symmetries, with defensive shares and weights
   1 / (proposal density): unbiased for any use of the FIPs (also chained decays);
3. chooses the number of parents per channel, species and mass
   (:func:`sample_size`) for a predicted standard deviation of log10 of the lower edge
   of ``MonteCarlo.precision`` (``PRECISION_DEX``), within N_PARENTS_MIN .. N_PARENTS.

Without a decay volume, or at a B factory (a 4 pi detector), parents are drawn one per
bin (``N_PARENTS`` for the analytic Upsilon(4S) B mesons) and decayed isotropically,
as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np

from .. import constants as C
from .. import spectra
from ..kinematics import two_body_decay, two_body_momentum
from ..sample import FIPSample, empty_sample
from . import N_PARENTS, N_PARENTS_MIN, Mechanism, MonteCarlo, beamline

#: long-lived parents (PDG id): absorbed in a thick target before most decay, carried
#: down the pipe of a beam line (:mod:`fipkit.production.beamline`), not decayed at a
#: collider
_LONG_LIVED = beamline.LONG_LIVED
#: parents per long-lived species and channel in a beam line (no pilot: the acceptance
#: tables look from the target, the decays start down the pipe)
N_BEAMLINE = 200_000


def heavy_flavour_factor(search: Any, species: str) -> float:
    """Beauty or charm hadrons (``species``) per POT on the search's target relative to
    the pp tables: A^0.29 times the facility's cascade factor
    (:func:`fipkit.spectra.cascade_factor`; see the module doc); 1 for other species or
    without a target."""
    table = spectra.hard_table(species)
    if table not in ("beauty", "charm") or not search.target:
        return 1.0
    cascade = spectra.cascade_factor(search.facility, table)
    return C.MATERIALS[search.target]["A"] ** 0.29 * cascade


def decay_sample(
    parent_weights: np.ndarray,
    parent_p: np.ndarray,
    channel: Any,
    mass: float,
    rng: np.random.Generator,
    n_per_parent: int = 1,
    z0: np.ndarray | None = None,
) -> FIPSample:
    """FIPs from two-body decays of weighted parents, per beam particle at unit coupling.

    parent_weights : (n,) parents per beam particle; parent_p : (n, 3) lab momenta, GeV;
    z0 : (n,) decay points along the axis, metres (default: the target).
    channel : a ProductionChannel (parent_mass, recoil_mass, br, coupling_power, label).
    Returns weight = parent weight x BR(mass) / n_per_parent; empty if the decay is closed.
    """
    br = float(channel.br(np.float64(mass)))
    w0 = np.asarray(parent_weights, float).ravel()
    if br <= 0 or not channel.is_open(mass) or len(w0) == 0:
        return empty_sample(mass, channel.label, channel.coupling_power)
    w, p = two_body_decay(
        w0, parent_p, channel.parent_mass, mass, channel.recoil(mass), rng, n_per_parent
    )
    z = None if z0 is None else np.repeat(np.asarray(z0, float), int(n_per_parent))
    return FIPSample(
        mass, w * br, p, z, coupling_power=channel.coupling_power, mechanism=channel.label
    )


# ---------------------------------------------------------------- importance sampling
#: rest-frame polar strata of the decay per parent cell in the importance estimate, and
#: the cells: PILOT_COARSEN x PILOT_COARSEN bins of the parent table
PILOT_STRATA = 8
PILOT_COARSEN = 2
#: (ratio, share): the importance of a bin mixes Neyman allocations (content x rms
#: contribution per meson) for the decay kernel [exp(-x L1/p) - exp(-x L2/p)] / x in
#: the long-lifetime limit (ratio 1: the lower edge of a region) and at the decay rates
#: x where the kernel sum has fallen to ``ratio`` of that (the upper edge, carried by
#: the fastest FIPs, is where it has fallen by (g_low / g_up)^kappa: 1e-2 near the tip
#: of a region, 1e-9 (CHARM) to 1e-18 (SHiP) for the dark photon at low masses)
KERNEL_SCALES = ((1.0, 0.6), (1e-2, 0.1), (1e-6, 0.1), (1e-10, 0.1), (1e-15, 0.1))
#: share of FIPs whose azimuth stays uniform when the azimuth is importance-sampled
#: towards an off-axis volume (:func:`steer_azimuth`): keeps every azimuth possible
AZIMUTH_DEFENSIVE = 0.2
#: the same for the azimuth of the decay about the parent's direction
#: (:func:`steered_decay`)
DECAY_DEFENSIVE = 0.2
_T_MIN, _T_STEP, _N_PHI, _N_PHI_COARSE = -7.0, 0.01, 256, 32
_LA_MIN, _LA_STEP, _N_PHI_CONE = -7.0, 0.05, 24


def _t(theta):
    """Grid variable of polar angles: log10(theta) below 1 rad, (theta - 1)/ln 10 above."""
    theta = np.asarray(theta, float)
    with np.errstate(divide="ignore"):
        return np.where(theta <= 1, np.log10(np.maximum(theta, 1e-300)), (theta - 1) / np.log(10))


def _theta_of_t(t):
    """Inverse of :func:`_t`."""
    t = np.asarray(t, float)
    return np.minimum(np.where(t <= 0, 10.0 ** np.minimum(t, 0), 1 + t * np.log(10)), np.pi)


def _t_grid() -> np.ndarray:
    return np.arange(_T_MIN, (np.pi - 1) / np.log(10) + _T_STEP, _T_STEP)


def _cast(shape, theta: np.ndarray, n_phi: int) -> tuple[np.ndarray, ...]:
    """Rays from the origin at polar angles ``theta`` x ``n_phi`` azimuths (cell centres):
    hit (rows, azimuths), entry length and depth (0 where the ray misses)."""
    phi = 2 * np.pi * (np.arange(n_phi) + 0.5) / n_phi
    st = np.repeat(np.sin(theta), n_phi)
    u = np.column_stack(
        [
            st * np.tile(np.cos(phi), len(theta)),
            st * np.tile(np.sin(phi), len(theta)),
            np.repeat(np.cos(theta), n_phi),
        ]
    )
    L1, L2 = shape.intersect(np.zeros_like(u), u)
    hit = (L2 > L1).reshape(len(theta), n_phi)
    return hit, L1.reshape(hit.shape) * hit, (L2 - L1).reshape(hit.shape) * hit


@lru_cache(maxsize=64)
def _rays(shape) -> tuple[np.ndarray, ...]:
    """:func:`_cast` on the (``_t_grid``, ``_N_PHI``) grid; rows that no ray of a coarse
    pass (``_N_PHI_COARSE`` azimuths) hits, nor of the three rows on either side, are
    taken as misses."""
    theta = _theta_of_t(_t_grid())
    coarse = _cast(shape, theta, _N_PHI_COARSE)[0].any(1)
    near = np.convolve(coarse, np.ones(7), mode="same") > 0
    hit = np.zeros((len(theta), _N_PHI), bool)
    L1, dL = np.zeros(hit.shape), np.zeros(hit.shape)
    if near.any():
        hit[near], L1[near], dL[near] = _cast(shape, theta[near], _N_PHI)
    return hit, L1, dL


@lru_cache(maxsize=64)
def _acceptance(shape) -> tuple[np.ndarray, ...]:
    """Rays from the origin at polar angle theta (grid ``_t_grid``): the fraction of
    azimuths that cross ``shape``, the mean entry length and depth of those that do, and
    the density (relative to uniform) with which :func:`steer_azimuth` draws them."""
    hit, L1, dL = _rays(shape)
    n = np.maximum(hit.sum(1), 1)
    _, half = _azimuth_windows(shape)
    dens = np.where(
        half < np.pi,
        AZIMUTH_DEFENSIVE + (1 - AZIMUTH_DEFENSIVE) * np.pi / half,
        1.0,
    )
    return _t_grid(), hit.mean(1), L1.sum(1) / n, dL.sum(1) / n, dens


@lru_cache(maxsize=64)
def _azimuth_windows(shape) -> tuple[np.ndarray, np.ndarray]:
    """Per polar-angle row (``_t_grid``): the centre and half-width of the shortest arc
    of azimuths that holds every hit of the row and of its two neighbours, widened by
    two grid steps; half-width pi where that arc is most of the circle or no ray hits."""
    hit, _, _ = _rays(shape)
    near = hit.copy()
    near[1:] |= hit[:-1]
    near[:-1] |= hit[1:]
    step = 2 * np.pi / _N_PHI
    centre = np.zeros(len(hit))
    half = np.full(len(hit), np.pi)
    for r in np.nonzero(near.any(1) & ~near.all(1))[0]:
        k = np.nonzero(near[r])[0]
        gaps = np.diff(np.r_[k, k[0] + _N_PHI])  # circular gaps between hit azimuths
        g = int(np.argmax(gaps))
        start, span = k[(g + 1) % len(k)], _N_PHI - gaps[g] + 1  # the arc: all but the gap
        w = (span + 4) * step / 2
        if w < 0.4 * np.pi:
            centre[r], half[r] = (start + span / 2) * step, w
    return centre, half


def steer_azimuth(sample: FIPSample, search: Any, rng: np.random.Generator) -> FIPSample:
    """Importance-sample the azimuth of each FIP towards an off-axis decay volume.

    Production is symmetric about the beam axis: a FIP's azimuth is uniform and
    independent of its polar angle, momentum and weight, and its track starts on the
    axis. So each FIP gets a new azimuth from q = AZIMUTH_DEFENSIVE / (2 pi) +
    (1 - AZIMUTH_DEFENSIVE) x uniform on the arc of azimuths where the volume lies at
    its polar angle (:func:`_azimuth_windows`), and its weight times 1 / (2 pi q). The
    estimate of any sum over the FIPs stays unbiased (q > 0 everywhere); for a volume
    seen under a narrow range of azimuths (CHARM: 46 degrees) about 5 times more FIPs
    reach it. Nothing changes for a volume around the axis or without a shape.
    """
    if search.shape is None or len(sample) == 0 or np.any(sample.z0 != 0):
        return sample
    w, p_new = steer_azimuth_arrays(sample.weight, sample.p, search, rng)
    if w is sample.weight:
        return sample
    return FIPSample(
        sample.mass,
        w,
        p_new,
        sample.z0,
        coupling_power=sample.coupling_power,
        mechanism=sample.mechanism,
    )


def steer_azimuth_arrays(
    weight: np.ndarray, p: np.ndarray, search: Any, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`steer_azimuth` on arrays (FIPs whose tracks start on the beam axis at the
    target): (weights, momenta), the inputs themselves where nothing is steered."""
    shape = search.shape
    if shape is None or len(weight) == 0:
        return weight, p
    centre, half = _azimuth_windows(shape)
    if np.all(half >= np.pi):
        return weight, p
    pt = np.hypot(p[:, 0], p[:, 1])
    row = np.rint((_t(np.arctan2(pt, p[:, 2])) - _T_MIN) / _T_STEP).astype(int)
    row = np.clip(row, 0, len(half) - 1)
    sel = np.nonzero(half[row] < np.pi)[0]
    if len(sel) == 0:
        return weight, p
    c, h = centre[row[sel]], half[row[sel]]
    n = len(sel)
    inside = rng.random(n) >= AZIMUTH_DEFENSIVE
    phi = np.where(inside, c + (2 * rng.random(n) - 1) * h, 2 * np.pi * rng.random(n))
    # density of the azimuth drawn (either branch) relative to uniform
    d = np.abs((phi - c + np.pi) % (2 * np.pi) - np.pi)
    dens = AZIMUTH_DEFENSIVE + (1 - AZIMUTH_DEFENSIVE) * (d <= h) * np.pi / h
    w, p_new = weight.copy(), p.copy()
    w[sel] /= dens
    p_new[sel, 0], p_new[sel, 1] = pt[sel] * np.cos(phi), pt[sel] * np.sin(phi)
    return w, p_new


@lru_cache(maxsize=64)
def _polar_window(shape) -> tuple[float, float]:
    """Polar angles [lo, hi] (rad) outside which no ray from the origin crosses
    ``shape`` (the hull of the acceptance table, one row wider each side; lo = 0 when it
    starts at the first row); when no ray of the table hits (a detector of a few mrad,
    milliQan), the shape's ``angular_window`` (a box), else (0, pi)."""
    t, A = _acceptance(shape)[:2]
    k = np.nonzero(A > 0)[0]
    if len(k) == 0:  # too small for the table's rays: the shape's own window, if it has one
        window = shape.angular_window() if hasattr(shape, "angular_window") else None
        return (0.0, float(np.pi)) if window is None else (window[0], window[1])
    lo = 0.0 if k[0] <= 1 else float(_theta_of_t(t[k[0] - 1]))
    return lo, float(_theta_of_t(t[min(k[-1] + 1, len(t) - 1)]))


def steerable(shape) -> bool:
    """Whether steering decays pays: the volume lies within polar angles that hold less
    than half of the sphere (not a detector around the target or the IP)."""
    if shape is None:
        return False
    lo, hi = _polar_window(shape)
    return (np.cos(lo) - np.cos(hi)) / 2 < 0.5


def _hav(x):
    return np.sin(0.5 * np.asarray(x, float)) ** 2


def _cone_arc(theta_p, alpha, lo: float, hi: float):
    """Azimuths phi* in [0, pi] around a parent at polar angle ``theta_p`` (phi* = 0
    towards the beam axis) where a FIP at angle ``alpha`` from it has a polar angle in
    [lo, hi]: (phi_lo, phi_hi) (phi_lo = phi_hi where none), with the haversine rule
    hav(theta_f) = hav(theta_p - alpha) + sin(theta_p) sin(alpha) hav(phi*)."""
    base = _hav(theta_p - alpha)
    den = np.sin(theta_p) * np.sin(alpha)
    with np.errstate(divide="ignore", invalid="ignore"):
        s_lo = np.clip((_hav(lo) - base) / den, 0, 1)
        s_hi = np.clip((_hav(hi) - base) / den, 0, 1)
    s_lo, s_hi = np.nan_to_num(s_lo, nan=0.0), np.nan_to_num(s_hi, nan=1.0)
    return 2 * np.arcsin(np.sqrt(s_lo)), 2 * np.arcsin(np.sqrt(s_hi))


def _arc_density(arc_len):
    """Density (relative to uniform) of the steered phi* inside its arc, and whether the
    decay is steered at all (an arc that is empty or most of the circle is not)."""
    frac = np.asarray(arc_len, float) / (2 * np.pi)
    steer = (frac > 0) & (frac < 0.8)
    with np.errstate(divide="ignore", invalid="ignore"):
        dens = np.where(steer, DECAY_DEFENSIVE + (1 - DECAY_DEFENSIVE) / frac, 1.0)
    return dens, steer


def steered_decay(
    weights: np.ndarray,
    p_parent: np.ndarray,
    channel: Any,
    mass: float,
    search: Any,
    rng: np.random.Generator,
    z0: np.ndarray | None = None,
) -> FIPSample:
    """FIPs from two-body decays of weighted parents (as :func:`decay_sample`, one decay
    per parent, decay points ``z0``), the decay turned about the parent's direction
    towards the volume (as seen from the target: for decays downstream still unbiased).

    The decay is isotropic in the parent frame: the FIP's azimuth phi* about the
    parent's direction is uniform and independent of its polar angle theta*, which
    fixes its lab momentum and its angle alpha to the parent. phi* decides the FIP's
    polar angle in the lab; where the volume lies within a polar-angle window
    (:func:`_polar_window`) that an arc of phi* reaches (:func:`_cone_arc`, most of the
    FIPs of a small or distant volume), phi* is drawn from q = DECAY_DEFENSIVE / (2 pi)
    + (1 - DECAY_DEFENSIVE) x uniform on the arc and the weight is multiplied by
    1 / (2 pi q): unbiased for any use of the FIPs (q > 0 everywhere). Then
    :func:`steer_azimuth` does the same for the azimuth about the beam axis.
    """
    br = float(channel.br(np.float64(mass)))
    M, m_rec = float(channel.parent_mass), channel.recoil(mass)
    w0 = np.asarray(weights, float).ravel()
    if br <= 0 or mass >= M - m_rec or len(w0) == 0:
        return empty_sample(mass, channel.label, channel.coupling_power)
    w, p = steer_two_body(w0 * br, p_parent, M, mass, m_rec, search, rng)
    sample = FIPSample(
        mass,
        w,
        p,
        z0,
        coupling_power=channel.coupling_power,
        mechanism=channel.label,
    )
    return steer_azimuth(sample, search, rng)


def steer_two_body(
    w: np.ndarray,
    p_parent: np.ndarray,
    M: Any,
    m: Any,
    m_rec: Any,
    search: Any,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """The decay of :func:`steered_decay` on arrays: parents of weights ``w`` (BR
    included) and lab momenta (n, 3) of mass ``M`` -> a FIP of mass ``m`` + a recoil of
    mass ``m_rec``, each a number or one per parent (the q2 strata of a three-body
    decay); returns (weights, FIP lab momenta), the azimuth about the beam not yet
    steered (:func:`steer_azimuth_arrays`)."""
    w = np.array(w, float)
    P = np.asarray(p_parent, float).reshape(-1, 3)
    n = len(w)
    q = two_body_momentum(M, m, m_rec)
    q = float(q) if np.ndim(q) == 0 else q
    e_star = np.hypot(q, m)
    pt = np.hypot(P[:, 0], P[:, 1])
    pp = np.hypot(pt, P[:, 2])
    bg, g = pp / M, np.hypot(pp / M, 1.0)
    cos = rng.uniform(-1.0, 1.0, n)
    p_par = g * q * cos + bg * e_star
    p_perp = q * np.sqrt(np.clip(1 - cos * cos, 0, None))
    # the parent's direction (sin, cos of theta and phi: e_theta, e_phi follow)
    with np.errstate(invalid="ignore", divide="ignore"):
        st, ct = pt / pp, P[:, 2] / pp
        cp = np.where(pt > 0, P[:, 0] / pt, 1.0)
        sp = np.where(pt > 0, P[:, 1] / pt, 0.0)
    phi = 2 * np.pi * rng.random(n)
    if steerable(search.shape):
        lo, hi = _polar_window(search.shape)
        th, al = np.arctan2(pt, P[:, 2]), np.arctan2(p_perp, p_par)
        top = np.minimum(th + al, 2 * np.pi - th - al)
        k = np.nonzero((np.abs(th - al) <= hi) & (top >= lo))[0]  # can reach the window
        a_lo, a_hi = _cone_arc(th[k], al[k], lo, hi)
        dens, steer = _arc_density(2 * (a_hi - a_lo))
        k, a_lo, a_hi, dens = k[steer], a_lo[steer], a_hi[steer], dens[steer]
        nk = len(k)
        inside = rng.random(nk) >= DECAY_DEFENSIVE
        # uniform on the two arcs +-[a_lo, a_hi]: a point of the first, then the sign
        pick = a_lo + rng.random(nk) * (a_hi - a_lo)
        pick = np.where(rng.random(nk) < 0.5, pick, 2 * np.pi - pick)
        phi_k = np.where(inside, pick, phi[k])
        fold = np.where(phi_k > np.pi, 2 * np.pi - phi_k, phi_k)  # phi* folded to [0, pi]
        in_arc = (fold >= a_lo) & (fold <= a_hi)
        phi[k] = phi_k
        w[k] /= DECAY_DEFENSIVE + (dens - DECAY_DEFENSIVE) * in_arc
    c, s = np.cos(phi), np.sin(phi)
    # FIP = p_par * n + p_perp * (-cos phi* e_theta + sin phi* e_phi)
    px = p_par * st * cp + p_perp * (-c * ct * cp - s * sp)
    py = p_par * st * sp + p_perp * (-c * ct * sp + s * cp)
    pz = p_par * ct + p_perp * (c * st)
    return w, np.column_stack([px, py, pz])


def _cone(shape, log_theta_edges: np.ndarray, mirrored: bool) -> tuple[Any, ...]:
    """:func:`_cone_table` for a table's edges (cached)."""
    return _cone_table(shape, np.asarray(log_theta_edges, float).tobytes(), mirrored)


@lru_cache(maxsize=64)
def _cone_table(shape, log_theta_edges: bytes, mirrored: bool) -> tuple[Any, ...]:
    """For a parent at the centre of each polar-angle row of a table (and, ``mirrored``,
    at pi minus it, rows after the forward ones) and a FIP at angle alpha from it,
    averaged over the azimuth around the parent: the probability to cross ``shape`` (A),
    A x entry length, A x depth and A / steering densities (the second moment of a
    steered FIP's hit weight, :func:`steered_decay` and :func:`steer_azimuth`). Returns
    A (rows x alphas, raveled), the other three interleaved ((rows x alphas, 3)), alphas
    log-spaced (``_LA_MIN``, ``_LA_STEP``) up to pi, and the number of alphas."""
    t, A, L1m, dLm, dens = _acceptance(shape)
    lt = np.frombuffer(log_theta_edges, float)
    th = 10 ** (0.5 * (lt[:-1] + lt[1:]))
    if mirrored:
        th = np.concatenate([th, np.pi - th])
    la = np.arange(_LA_MIN, np.log10(np.pi) + _LA_STEP, _LA_STEP)
    alpha = np.minimum(10**la, np.pi)
    out = np.zeros((4, len(th), len(la)))
    support = np.nonzero(A > 0)[0]
    if len(support):
        # only (parent, alpha) pairs whose FIP polar angles |theta - alpha| ..
        # theta + alpha can reach the polar angles where the volume is
        lo = float(_theta_of_t(t[max(support[0] - 1, 0)]))
        hi = float(_theta_of_t(t[min(support[-1] + 1, len(t) - 1)]))
        top = np.minimum(th[:, None] + alpha, 2 * np.pi - th[:, None] - alpha)
        ri, ai = np.nonzero((np.abs(th[:, None] - alpha) <= hi) & (top >= lo))
        half = np.pi * (np.arange(_N_PHI_CONE) + 0.5) / _N_PHI_CONE / 2  # phi/2 in [0, pi/2]
        tp, al = th[ri][:, None], alpha[ai][:, None]
        # polar angle of the FIP (haversine form, no cancellation at small angles)
        hav = np.sin((tp - al) / 2) ** 2 + np.sin(tp) * np.sin(al) * np.sin(half) ** 2
        x = (_t(2 * np.arcsin(np.sqrt(np.clip(hav, 0, 1)))) - t[0]) / _T_STEP
        x = np.clip(x, 0, len(t) - 1.000001)
        i = x.astype(int)
        f = x - i
        # density of the steered decay azimuth (steered_decay) at each phi*
        w_lo, w_hi = _polar_window(shape)
        a_lo, a_hi = _cone_arc(tp, al, w_lo, w_hi)
        d_arc, steer = _arc_density(2 * (a_hi - a_lo))
        if w_lo <= 0 and w_hi >= np.pi:
            steer = np.zeros_like(steer)
        phi = 2 * half
        in_arc = (phi >= a_lo) & (phi <= a_hi)
        d_dec = np.where(steer, DECAY_DEFENSIVE + (d_arc - DECAY_DEFENSIVE) * in_arc, 1.0)
        for k, v in enumerate((A, A * L1m, A * dLm, A / dens)):
            vv = (1 - f) * v[i] + f * v[i + 1]
            out[k, ri, ai] = (vv / d_dec if k == 3 else vv).mean(-1)
    return out[0].ravel(), np.ascontiguousarray(out[1:].reshape(3, -1).T), len(la)


class _Pilot(NamedTuple):
    """What the importance estimate of one parent species says (per beam particle, at
    unit coupling and BR = 1): the importance of each bin; the expected long-lifetime
    signal kernel sum S = sum w dL / p of the FIPs that reach the volume; and V, the
    variance of its estimate from one parent (n parents: V / n)."""

    importance: np.ndarray
    signal: float
    variance: float


def decay_importance(search: Any, channel: Any, species: str, mass: float):
    """The importance of each parent bin for FIPs of ``mass`` from ``channel`` decays of
    ``species`` that reach the search's decay volume (for ``spectra.parent_sample``), or
    None when the search has no volume.

    Deterministic (no random numbers): for the parent at each bin centre and
    ``PILOT_STRATA`` rest-frame polar angles of the decay, the FIP's angle to the parent,
    momentum and energy (energy cut applied); the probability that it crosses the volume
    and its entry length and depth come from the azimuth-averaged tables ``_cone``. The
    mean square of the decay kernel per meson at each of ``KERNEL_SCALES`` gives a
    Neyman allocation (content x rms); the importance is their mix. It only steers
    where parents are drawn; the sample stays unbiased whatever it is.
    """
    pilot = _pilot(search, channel, species, mass)
    if pilot is None:
        return None

    def importance(bins: spectra.ParentBins) -> np.ndarray:
        out = pilot.importance
        if len(out) != len(bins.content):  # bins cut differently: compute for them
            out = _importance(bins, *_pilot_key(search, channel, species, mass)).importance
        return out

    return importance


def _pilot_key(search: Any, channel: Any, species: str, mass: float) -> tuple:
    return (
        search.shape,
        species,
        float(channel.parent_mass),
        channel.recoil(mass),
        float(mass),
        float(search.min_energy_GeV or 0.0),
        search.target,
    )


def _pilot(search: Any, channel: Any, species: str, mass: float) -> _Pilot | None:
    """The :class:`_Pilot` of a species for the search (None: no volume, or an analytic
    facility such as the B factory)."""
    if search.shape is None or spectra.is_analytic(search.facility):
        return None
    if not channel.is_open(mass):
        return _Pilot(np.zeros(0), 0.0, 0.0)
    return _pilot_cached(search.facility, _pilot_key(search, channel, species, mass))


@lru_cache(maxsize=1024)
def _pilot_cached(facility: str, key: tuple) -> _Pilot:
    return _importance(spectra._bins(facility, key[1]), *key)


_CELLS: dict[int, tuple] = {}


def _cells(bins: spectra.ParentBins) -> tuple:
    """Cells of PILOT_COARSEN x PILOT_COARSEN table bins: their coarse edges, the cell
    of each non-empty bin, and each cell's coarse row and column (memoised per table)."""
    hit = _CELLS.get(id(bins))
    if hit is not None and hit[0] is bins:
        return hit[1:]
    k = PILOT_COARSEN
    lt, lp = np.asarray(bins.log_theta_edges), np.asarray(bins.log_p_edges)
    ltc = np.unique(np.r_[lt[::k], lt[-1]])
    lpc = np.unique(np.r_[lp[::k], lp[-1]])
    n_pc = len(lpc) - 1
    cells, inv = np.unique((bins.i_theta // k) * n_pc + bins.i_p // k, return_inverse=True)
    out = (ltc, lpc, inv.ravel(), cells // n_pc, cells % n_pc)
    if len(_CELLS) > 64:
        _CELLS.clear()
    _CELLS[id(bins)] = (bins, *out)
    return out


def _importance(
    bins: spectra.ParentBins,
    shape: Any,
    species: str,
    M: float,
    m_rec: float,
    mass: float,
    e_min: float,
    target: str | None,
) -> _Pilot:
    """:func:`decay_importance` for the bins of one parent table (the FIP kinematics
    on cells of PILOT_COARSEN x PILOT_COARSEN bins, the target factor per bin)."""
    nb = len(bins.content)
    ltc, lpc, inv, crow, ccol = _cells(bins)
    nc = len(crow)
    q = float(two_body_momentum(M, mass, m_rec))
    ga, g3, n_alpha = _cone(shape, ltc, bins.mirrored)
    p = 10 ** (0.5 * (lpc[:-1] + lpc[1:]))  # per coarse p column
    bg, g = p / M, np.hypot(p / M, 1.0)
    cos = -1 + (2 * np.arange(PILOT_STRATA) + 1) / PILOT_STRATA
    e_star = np.hypot(q, mass)
    p_par = g[:, None] * q * cos + bg[:, None] * e_star
    p_perp = np.broadcast_to(q * np.sqrt(1 - cos**2), p_par.shape)
    p_f = np.hypot(p_par, p_perp)
    e_f = g[:, None] * e_star + bg[:, None] * q * cos
    x = (np.log10(np.maximum(np.arctan2(p_perp, p_par), 1e-300)) - _LA_MIN) / _LA_STEP
    x = np.clip(x, 0, n_alpha - 1.000001)
    ia = np.where(e_f >= e_min, x.astype(int), -1)  # -1: below the energy cut
    fa = x - np.floor(x)
    n_rows = len(ltc) - 1
    rows = [crow] + ([crow + n_rows] if bins.mirrored else [])
    # (cell, stratum) entries above the energy cut, then those that reach the volume
    c_idx, s_idx = np.nonzero(ia[ccol] >= 0)
    col = ccol[c_idx]
    ia_e, fa_e = ia[col, s_idx], fa[col, s_idx]
    flats = [r[c_idx] * n_alpha + ia_e for r in rows]
    A = sum((1 - fa_e) * ga[fl] + fa_e * ga[fl + 1] for fl in flats) / len(rows)
    hit = A > 0
    if not hit.any():
        return _Pilot(np.zeros(nb), 0.0, 0.0)
    c_idx, s_idx, A, fa_e = c_idx[hit], s_idx[hit], A[hit], fa_e[hit, None]
    rest = sum((1 - fa_e) * g3[fl[hit]] + fa_e * g3[fl[hit] + 1] for fl in flats) / len(rows)
    L1, dL, A2 = rest[:, 0] / A, rest[:, 1] / A, rest[:, 2]
    pf = p_f[ccol[c_idx], s_idx]
    f = _parent_factor(species, target, np.sqrt(bins.p_lo * bins.p_hi))
    tau1, dtau = L1 / pf, dL / pf
    # per meson of a cell: mean and mean square of the long-lifetime kernel dL / p
    mu = np.bincount(c_idx, weights=A * dtau, minlength=nc)[inv] * f / PILOT_STRATA
    m2 = np.bincount(c_idx, weights=A2 * dtau**2, minlength=nc)[inv] * f**2 / PILOT_STRATA
    cell_content = np.bincount(inv, weights=bins.content * f, minlength=nc)
    imp = np.zeros(nb)
    ratios = [ratio for ratio, _ in KERNEL_SCALES if ratio < 1]
    scales = iter(_upper_scales(cell_content[c_idx] * A, tau1, dtau, ratios))
    for ratio, share in KERNEL_SCALES:
        x = float(next(scales)) if ratio < 1 else 0.0
        if x <= 0:
            s2 = m2
        else:
            v = np.exp(-x * (tau1 - tau1.min())) * -np.expm1(-x * dtau)
            s2 = np.bincount(c_idx, weights=A2 * v * v, minlength=nc)[inv] * f**2
        a = bins.content * np.sqrt(s2)
        if a.sum() > 0:
            imp += share * a / a.sum()
    # the allocation parent_sample makes from it, and the variance per parent
    h = bins.content
    alloc = spectra.DEFENSIVE_SHARE * h / h.sum() + (1 - spectra.DEFENSIVE_SHARE) * imp
    signal = float(np.sum(h * mu))
    variance = float(np.sum(h**2 * m2 / alloc)) - signal**2
    return _Pilot(imp, signal, max(variance, 0.0))


def _upper_scale(c: np.ndarray, tau1: np.ndarray, dtau: np.ndarray, ratio: float) -> float:
    """The decay rate x (per unit L/p) where the kernel sum S(x) = sum c [exp(-x tau1) -
    exp(-x (tau1 + dtau))] / x has fallen to ``ratio`` times its long-lifetime value
    sum c dtau (bisection in log x, 9 steps: x within ~5%). At the upper edge of a region
    S(x) / S(0) = (g_low / g_up)^kappa, 1e-5 to 1e-18 for the beam dumps."""
    return float(_upper_scales(c, tau1, dtau, [ratio])[0])


def _upper_scales(c: np.ndarray, tau1: np.ndarray, dtau: np.ndarray, ratios) -> np.ndarray:
    """:func:`_upper_scale` for several ``ratios`` at once: the bisections run side by
    side (one array expression per step for all of them), with the same arithmetic."""
    ratios = np.asarray(ratios, float)
    t_min = float(tau1.min()) if len(tau1) else 0.0
    s0 = float(np.sum(c * dtau))
    if s0 <= 0 or len(ratios) == 0:
        return np.zeros(len(ratios))
    t1 = tau1 - t_min
    target = np.log(ratios * s0)
    lo = np.full(len(ratios), np.log(1e-3 / float(np.max(tau1 + dtau))))
    hi = (
        np.log((1.0 - np.log(ratios)) / t_min)
        if t_min > 0
        else np.log(1.0 / ratios / float(np.min(dtau[dtau > 0], initial=1.0)))
    )
    with np.errstate(divide="ignore"):  # log(0) where S underflows: -inf, not taken
        for _ in range(9):  # x within ~5%
            mid = 0.5 * (lo + hi)
            x = np.exp(mid)[:, None]
            e = np.sum(c * np.exp(-x * t1) * -np.expm1(-x * dtau), axis=1)
            log_s = np.where(e > 0, np.log(e) - x[:, 0] * t_min - mid, -np.inf)
            up = log_s > target
            lo, hi = np.where(up, mid, lo), np.where(up, hi, mid)
    return np.exp(0.5 * (lo + hi))


def _parent_factor(species: str, target: str | None, p: np.ndarray) -> np.ndarray:
    """Target effects on parents of momentum p: the kaon decay-before-absorption
    probability (see the module doc); 1 otherwise (the beauty factor is a constant)."""
    if species in _LONG_LIVED and target:
        mat = C.MATERIALS[target]
        lam = mat["lambda_I"] / mat["rho"] / 100.0  # metres
        pid = abs(_LONG_LIVED[species])
        return 1.0 / (1 + np.asarray(p) / C.mass(pid) * C.ctau(pid) / lam)
    return np.ones_like(np.asarray(p, float))


def _in_beamline(search: Any, species: str) -> bool:
    """Whether parents of ``species`` come down the search's beam line (decays in flight)."""
    return species in _LONG_LIVED and getattr(search, "beamline", None) is not None


def _parents(search: Any, species: str, rng: np.random.Generator, n: int, importance=None):
    """Weighted parents of one species at the search's facility, with the target effects
    (or, in a beam line, after the horns): (weights, momenta, decay points z0 or None)."""
    line = search.beamline if _in_beamline(search, species) else None
    if line is not None:
        importance = beamline.importance(line, species)
    w, p = spectra.parent_sample(
        search.facility, species, rng=rng, max_points=n, importance=importance
    )
    w = w * heavy_flavour_factor(search, species)
    if line is not None:
        return beamline.in_flight(line, species, search.target, w, p, rng)
    if species in _LONG_LIVED:
        w = w * _parent_factor(species, search.target, np.linalg.norm(p, axis=1))
    return w, p, None


def parents_for_strata(
    search: Any, channel: Any, rng: np.random.Generator, events: int, n_strata: int
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray]]:
    """Parents of a channel's species for ``n_strata`` strata at once (the q2 strata of a
    three-body decay, :mod:`fipkit.production.three_body`): ``events`` parents per
    stratum, split over the species that decay at the search (as :func:`sample_size`
    does for a fixed number), drawn together and dealt to the strata in turn from a
    random start (unbiased: every parent is equally likely in every stratum). Returns per
    species (weights per beam particle of all the parents, lab momenta, decay points or
    None, stratum of each parent)."""
    species = [s for s in channel.parents if not (s in _LONG_LIVED and not search.target)]
    n = max(1, events // max(1, len(species)))
    out = []
    for sp in species:
        if _in_beamline(search, sp) and not beamline.focused(search.beamline, sp):
            continue
        w, p, z0 = _parents(search, sp, rng, n * n_strata, None)
        if len(w) == 0:
            continue
        want = n * n_strata
        if len(w) < want:  # fewer non-empty bins than wanted: each bin several times,
            # then a systematic subset of the wanted size, its total kept the table's
            reps = -(-want // len(w))
            big = reps * len(w)
            keep = np.floor((np.arange(want) + rng.random()) * big / want).astype(int)
            total = w.sum()
            w = np.tile(w, reps)[keep]
            w = w * (total / w.sum())
            p = np.tile(p, (reps, 1))[keep]
            z0 = None if z0 is None else np.tile(z0, reps)[keep]
        # dealt in turn from a random start: the parents come in the table's bin order, so
        # every stratum gets an even share of the bins
        out.append((w, p, z0, (np.arange(len(w)) + rng.integers(n_strata)) % n_strata))
    return out


def _strata(search: Any, model: Any, mass: float, extra: Any = None) -> list[tuple] | None:
    """The meson-decay strata (channel, species) of the search at ``mass`` with their
    predicted long-lifetime signal S and one-parent variance V (including the BR and the
    target factors) and the coupling exponent of the lower edge; None when a species
    has no pilot (no volume, a B factory)."""
    from . import resolve, search_entries

    channels = []
    for entry in search_entries(search, model):
        mech, ch = resolve(model, entry)
        if mech is MESON_DECAY:
            channels.append(ch)
    if extra is not None and not any(_same(extra, ch) for ch in channels):
        channels.append(extra)
    out = []
    for ch in channels:
        if not ch.is_open(mass):
            continue
        br = float(ch.br(np.float64(mass)))
        for sp in ch.parents:
            if sp in _LONG_LIVED and not search.target or _in_beamline(search, sp):
                continue  # no decays at a collider; a beam line's are sized apart
            pilot = _pilot(search, ch, sp, mass)
            if pilot is None:
                return None
            f = br * heavy_flavour_factor(search, sp)
            kappa = ch.coupling_power + model.width_power
            out.append((ch, sp, f * pilot.signal, f * f * pilot.variance, kappa))
    return out


def _same(a: Any, b: Any) -> bool:
    return (a.label, a.parents, a.parent_mass, a.recoil_mass, a.pair) == (
        b.label,
        b.parents,
        b.parent_mass,
        b.recoil_mass,
        b.pair,
    )


#: "not computed yet" (the strata of :func:`sample_size`)
_UNKNOWN: Any = object()


def sample_size(
    search: Any,
    model: Any,
    channel: Any,
    species: str,
    mass: float,
    mc: MonteCarlo,
    strata: Any = _UNKNOWN,
):
    """Parents of ``species`` drawn for ``channel`` at ``mass``.

    ``mc.events`` set: that many per channel, shared by its parent species. Otherwise
    adaptive and deterministic (no random numbers): the pilots (:func:`decay_importance`)
    predict the long-lifetime signal S_i and the one-parent variance V_i of every
    meson-decay stratum i (channel x species) of the search at this mass, and
    n_i = sqrt(V_i) sum_j sqrt(V_j) / (r S)^2, S = sum_i S_i (the Neyman split), makes
    the predicted relative error of S r = ln(10) kappa ``mc.precision``: a standard
    deviation of log10 of the lower edge of ``mc.precision`` dex (N ∝ g^kappa there,
    kappa = production + width power). The n_i are scaled down together if they add up
    to more than N_PARENTS, and each is at least N_PARENTS_MIN. Without a pilot (no
    volume, B factory): N_PARENTS. ``strata``: ``_strata(search, model, mass, channel)``
    if already at hand (the same for every species of the channel).
    """
    if mc.events is not None:
        n_sp = sum(1 for s in channel.parents if not (s in _LONG_LIVED and not search.target))
        return max(1, mc.events // max(1, n_sp))
    if _in_beamline(search, species):
        return N_BEAMLINE
    if strata is _UNKNOWN:
        strata = _strata(search, model, mass, channel)
    if strata is None:
        return N_PARENTS
    total = sum(s[2] for s in strata)
    mine = [k for k, s in enumerate(strata) if _same(s[0], channel) and s[1] == species]
    if total <= 0 or not mine:
        return N_PARENTS_MIN
    kappa = min(s[4] for s in strata)
    r = np.log(10) * kappa * mc.precision
    roots = np.sqrt([s[3] for s in strata])
    n = roots * roots.sum() / (r * total) ** 2
    n = n * min(1.0, N_PARENTS / max(n.sum(), 1.0))
    return int(np.clip(np.ceil(n[mine[0]]), N_PARENTS_MIN, N_PARENTS))


def _meson_decay(
    search: Any,
    model: Any,
    channel: Any,
    params: Mapping[str, Any],
    mass: float,
    rng: np.random.Generator,
    mc: MonteCarlo,
) -> FIPSample:
    if not channel.is_open(mass):
        return empty_sample(mass, channel.label, channel.coupling_power)
    # a 4 pi detector around an e+e- collision sees every decay angle: one per parent
    analytic = spectra.is_analytic(search.facility)
    n_dec = 1 if analytic else channel.decays_per_parent
    parts = []
    strata = _UNKNOWN  # the search's strata at this mass: once for all species
    for species in channel.parents:
        if species in _LONG_LIVED and not search.target:
            continue
        if _in_beamline(search, species) and not beamline.focused(search.beamline, species):
            continue  # swept out by the horns (or neutral): none reaches the pipe
        if strata is _UNKNOWN and mc.events is None:
            strata = _strata(search, model, mass, channel)
        n = sample_size(search, model, channel, species, mass, mc, strata)
        imp = (
            decay_importance(search, channel, species, mass)
            if channel.importance and not _in_beamline(search, species)
            else None
        )
        w, p, z0 = _parents(search, species, rng, n, imp)
        if n_dec == 1 and not analytic and steerable(search.shape):
            parts.append(steered_decay(w, p, channel, mass, search, rng, z0))
        else:
            parts.append(decay_sample(w, p, channel, mass, rng, n_dec, z0))
    parts = [x for x in parts if len(x)]
    if not parts:
        return empty_sample(mass, channel.label, channel.coupling_power)
    return FIPSample.concatenate(parts)


def _pair_decay(
    search: Any,
    model: Any,
    channel: Any,
    params: Mapping[str, Any],
    mass: float,
    rng: np.random.Generator,
    mc: MonteCarlo,
) -> FIPSample:
    br = float(params.get("br", channel.br(np.float64(mass))))
    if search.target or 2 * mass >= channel.parent_mass:
        return empty_sample(mass, channel.label, channel.coupling_power)
    (species,) = channel.parents
    w, p = spectra.parent_sample(search.facility, species, rng=rng, max_points=mc.n(N_PARENTS))
    w1, p1, p2 = two_body_decay(w, p, channel.parent_mass, mass, mass, rng, return_recoil=True)
    return FIPSample(
        mass,
        np.concatenate([w1, w1]) * br,
        np.concatenate([p1, p2]),
        coupling_power=channel.coupling_power,
        mechanism=channel.label,
    )


MESON_DECAY = Mechanism("meson_decay", _meson_decay)
PAIR_DECAY = Mechanism("pair_decay", _pair_decay, parameters={"br": "fixed BR(parent -> FIP FIP)"})
