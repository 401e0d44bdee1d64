"""Three-body production: a parent decays to a spectator, a partner and the FIP
(P -> X l N: K -> pi l N, D -> K(*) l N, B -> D(*) l N; tau -> nu l N).

The model declares a :class:`ThreeBodyChannel`: the parent (species of the facility's
spectra, or ``via`` the model's channel that makes it, e.g. the tau of Ds -> tau nu),
the masses of the spectator X and of the partner l, the BR at unit coupling and its
distribution dBR/dq2 in q2 = (p_l + p_N)^2, the invariant mass squared of the virtual
W* -> l N. The decay is factorised as

    P -> X + W*(mu = sqrt(q2)),   W* -> l + N,

with q2 drawn from dBR/dq2 and both two-body steps isotropic in their rest frames:

* ``parents`` (spectra): sqrt(q2) is cut into ``n_q2`` strata of equal probability
  (quantiles of the cumulative of dBR/dq2 on a fine grid, ``N_Q2_GRID``); stratum k
  has BR_k = BR(m) / n_q2 and one W* mass mu_k, drawn from dBR/dq2 restricted to the
  stratum (inverse cumulative, from ``rng``: the N spectrum is continuous in
  expectation, not a comb of stratum midpoints). The parents and the decay P -> X W*
  come from the registered ``meson_decay`` mechanism (a two-body
  :class:`~fipkit.models.base.ProductionChannel` of recoil X, mass mu_k and the
  constant BR_k), so they keep its steering of the decay towards the detector volume
  (not its importance sampling of the parent bins: a pilot per W* mass would cost more
  than it saves); then W* -> l N is isotropic in the W* frame
  (:func:`fipkit.kinematics.two_body_decay`). ``MonteCarlo.events`` (or
  ``N_THREE_BODY``) is split evenly over the strata (at least 100 each).
* ``via``: the parents are the FIPs of the model's channel ``via`` generated at the
  parent mass (as :mod:`fipkit.production.chain` does); each parent gets its own q2
  (a stratified draw over the parents) and decays P -> X W*, W* -> l N.

Weights: parent weight x BR_k (spectra) or x BR(m) (``via``), per beam particle at
unit coupling; the coupling power is the channel's (plus the ``via`` channel's).

Approximations, stated:

* only the q2 distribution of the matrix element is kept. The correlation of the
  V-A matrix element between the lepton and N directions in the W* frame (the
  distribution of the angle theta* of N to the W* direction, 1 + a cos theta* +
  b cos^2 theta* with helicity-dependent a, b) is neglected: W* -> l N is isotropic.
  q2 sets the W* mass, and then the N energy in the W* frame is fixed,
  E*_N = (q2 + m^2 - m_l^2) / (2 sqrt(q2)); so the total rate, the q2 (W* mass)
  spectrum and the end points of the N energy at each q2 are exact, but within
  gamma_W (E*_N -+ beta_W p*_N) the N energy in the parent frame is taken flat
  (isotropy) instead of tilted/curved by a and b. The N energy spectrum in the parent
  frame (and so in the lab) is therefore approximate, its mean off by
  gamma_W beta_W p*_N <cos theta*> where the forward-backward term a is not 0. For a
  matrix element that is constant (pure phase space) the factorisation is exact;
* the parent is unpolarised (taus of Ds -> tau nu are polarised: neglected) and the
  N spin is not followed; the spectator has a fixed mass (no K* width);
* the W* is steered towards the volume, and (spectra parents, a small or off-axis
  volume) so is W* -> l N about the W* direction (:func:`stratified_decay`): both are
  importance samplings of exact symmetries, unbiased for any use of the FIPs; the
  pilots that size the samples see the W*, not the N;
* the ``meson_decay`` sizes and pilots see each stratum as a separate two-body
  channel; the strata do not enter the sizing of the search's other channels.

Any pairing of the three daughters can be used: give q2 and dBR/dq2 for the pair
(partner, FIP) and the third particle as the spectator.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from .. import spectra
from ..kinematics import boost, isotropic_directions, two_body_decay, two_body_momentum
from ..models.base import ConstantBR, ProductionChannel, ThreeBodyChannel
from ..sample import FIPSample, empty_sample
from . import Mechanism, MonteCarlo, get_mechanism
from .meson_decay import (
    parents_for_strata,
    steer_azimuth_arrays,
    steer_two_body,
    steerable,
    steered_decay,
)

#: points of the grid in q2 on which dBR/dq2 is integrated and inverted
N_Q2_GRID = 2048
#: fewest parents per stratum (MonteCarlo.events is at least 100)
N_STRATUM_MIN = 100
#: parents per channel and mass (over its strata and species) when MonteCarlo.events is
#: not set: 0.01 dex seed-to-seed on a lower edge at SHiP (tests/test_three_body.py)
N_THREE_BODY = 8000


# ------------------------------------------------------------------ q2 sampling
def _w_range(channel: ThreeBodyChannel, mass: float) -> tuple[float, float]:
    """(lowest, highest) W* mass: (m + m_l, M - m_X), or (m_l + m_X, M - m) when the
    FIP recoils against the W*."""
    if channel.fip_recoils:
        return channel.partner(mass) + channel.spectator_mass, channel.parent_mass - mass
    return mass + channel.partner(mass), channel.parent_mass - channel.spectator_mass


def q2_range(channel: ThreeBodyChannel, mass: float) -> tuple[float, float]:
    """(q2_min, q2_max) = ((m + m_l)^2, (M - m_X)^2), GeV^2 ((m_l + m_X)^2, (M - m)^2
    when the FIP recoils against the W*)."""
    lo, hi = _w_range(channel, mass)
    return lo**2, hi**2


def q2_cdf(channel: ThreeBodyChannel, mass: float) -> tuple[np.ndarray, np.ndarray] | None:
    """(q2 grid, normalised cumulative of dBR/dq2 on it) over the open q2 range
    (``N_Q2_GRID`` points, trapezoids; negative or non-finite densities count as 0);
    None when the channel is closed or dBR/dq2 vanishes."""
    if not channel.is_open(mass):
        return None
    lo, hi = q2_range(channel, mass)
    q2 = np.linspace(lo, hi, N_Q2_GRID)
    with np.errstate(invalid="ignore", divide="ignore"):
        d = np.asarray(channel.dbr_dq2(float(mass), q2), float) * np.ones_like(q2)
    d = np.clip(np.nan_to_num(d, nan=0.0, posinf=0.0, neginf=0.0), 0, None)
    c = np.concatenate([[0.0], np.cumsum(0.5 * (d[1:] + d[:-1]) * np.diff(q2))])
    if not c[-1] > 0:
        return None
    return q2, c / c[-1]


def q2_quantile(grid: tuple[np.ndarray, np.ndarray], u: Any) -> np.ndarray:
    """q2 at cumulative probability ``u`` (inverse of the piecewise-linear cumulative
    of :func:`q2_cdf`: exact sampling of dBR/dq2 averaged over each grid interval)."""
    q2, c = grid
    # drop the flat steps of the cumulative (zero density): the inverse is then unique
    keep = np.r_[True, np.diff(c) > 0]
    return np.interp(np.asarray(u, float), c[keep], q2[keep])


def w_star_mass(channel: ThreeBodyChannel, mass: float, q2: Any) -> np.ndarray:
    """sqrt(q2) kept strictly inside (m + m_l, M - m_X), so that both two-body steps
    are open whatever the rounding."""
    lo, hi = _w_range(channel, mass)
    eps = 1e-12 * max(hi, 1e-300)
    return np.clip(np.sqrt(np.asarray(q2, float)), lo, hi - eps)


def stratum_masses(
    channel: ThreeBodyChannel, mass: float, rng: np.random.Generator
) -> np.ndarray | None:
    """One W* mass per equal-probability q2 stratum: mu_k = sqrt(q2(u_k)), u_k uniform in
    [k / n_q2, (k + 1) / n_q2) (one call of ``rng``); None when closed."""
    grid = q2_cdf(channel, mass)
    if grid is None:
        return None
    n = channel.n_q2
    u = (np.arange(n) + rng.random(n)) / n
    return w_star_mass(channel, mass, q2_quantile(grid, u))


# ------------------------------------------------------------------ decays
def virtual_decay(
    p_w: np.ndarray, mu: Any, mass: float, partner_mass: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """W* (lab momenta (n, 3), masses mu (scalar or (n,))) -> N(mass) + partner,
    isotropic in the W* frame: (p_N (n, 3), p_partner (n, 3)) in the lab."""
    p_w = np.asarray(p_w, float).reshape(-1, 3)
    n = len(p_w)
    mu = np.broadcast_to(np.asarray(mu, float), (n,))
    q = two_body_momentum(mu, mass, partner_mass)
    k = q[:, None] * isotropic_directions(n, rng)
    p_n, _ = boost(k, np.hypot(q, mass), p_w, mu)
    p_l, _ = boost(-k, np.hypot(q, partner_mass), p_w, mu)
    return p_n, p_l


def decay_parents(
    weights: np.ndarray,
    p_parent: np.ndarray,
    channel: ThreeBodyChannel,
    mass: float,
    rng: np.random.Generator,
    z0: np.ndarray | None = None,
    coupling_power: float | None = None,
    return_all: bool = False,
) -> Any:
    """FIPs from P -> X l N of weighted parents (lab momenta (n, 3)), one decay each:
    q2 per parent from dBR/dq2 (stratified over the parents: u_i = (pi(i) + U_i) / n,
    pi a random permutation), P -> X W* and W* -> l N isotropic. Weight = parent
    weight x BR(m). ``return_all``: also the lab momenta of X and l,
    (sample, p_X, p_l). Empty when closed (or BR = 0)."""
    power = channel.coupling_power if coupling_power is None else coupling_power
    w0 = np.asarray(weights, float).ravel()
    br = float(channel.br(np.float64(mass)))
    grid = q2_cdf(channel, mass)
    if grid is None or br <= 0 or len(w0) == 0:
        out = empty_sample(mass, channel.label, power)
        return (out, np.zeros((0, 3)), np.zeros((0, 3))) if return_all else out
    P = np.asarray(p_parent, float).reshape(-1, 3)
    n = len(w0)
    u = (rng.permutation(n) + rng.random(n)) / n
    mu = w_star_mass(channel, mass, q2_quantile(grid, u))
    M, m_x = float(channel.parent_mass), float(channel.spectator_mass)
    if channel.fip_recoils:  # P -> N W*, the W* unseen: N isotropic in the P frame
        if return_all:
            raise ValueError(f"{channel.label}: return_all is not defined when the FIP recoils")
        q = two_body_momentum(M, mass, mu)
        k = q[:, None] * isotropic_directions(n, rng)
        p_n, _ = boost(k, np.hypot(q, mass), P, M)
        return FIPSample(mass, w0 * br, p_n, z0, coupling_power=power, mechanism=channel.label)
    q = two_body_momentum(M, mu, m_x)
    k = q[:, None] * isotropic_directions(n, rng)
    p_w, _ = boost(k, np.hypot(q, mu), P, M)
    p_n, p_l = virtual_decay(p_w, mu, mass, channel.partner(mass), rng)
    out = FIPSample(mass, w0 * br, p_n, z0, coupling_power=power, mechanism=channel.label)
    if not return_all:
        return out
    p_x, _ = boost(-k, np.hypot(q, m_x), P, M)
    return out, p_x, p_l


def stratum_channel(channel: ThreeBodyChannel, br: float) -> ProductionChannel:
    """The two-body channel P -> X W* of one q2 stratum of BR ``br``."""
    return ProductionChannel(
        mechanism="meson_decay",
        parents=tuple(channel.parents),
        parent_mass=float(channel.parent_mass),
        recoil_mass=float(channel.spectator_mass),
        br=ConstantBR(float(br)),
        coupling_power=channel.coupling_power,
        label=channel.label,
        importance=False,
    )


def stratified_decay(
    channel: ThreeBodyChannel,
    mass: float,
    mu: np.ndarray,
    w_star: Callable[[ProductionChannel, float], FIPSample],
    rng: np.random.Generator,
    search: Any = None,
) -> FIPSample:
    """FIPs of the q2 strata: for stratum k of W* mass ``mu[k]``, ``w_star(ch_k, mu_k)``
    gives the W* of P -> X W* (:func:`stratum_channel`, BR_k = BR(m) / len(mu)) and each
    decays to l N isotropically. The mechanism passes ``meson_decay``; a test can pass
    parents at rest. With a ``search`` whose volume is small or off axis
    (:func:`fipkit.production.meson_decay.steerable`), W* -> l N is turned towards it
    as ``meson_decay`` turns its decays (:func:`~fipkit.production.meson_decay.steered_decay`:
    importance-sampled azimuths, unbiased), which matters for a light N that the W*
    does not point: pi0 -> gamma chi chi-bar into a detector 1 km away."""
    power = channel.coupling_power
    br = float(channel.br(np.float64(mass)))
    if br <= 0 or len(mu) == 0:
        return empty_sample(mass, channel.label, power)
    ch_k = stratum_channel(channel, br / len(mu))
    w, p, z0 = [], [], []
    for mu_k in np.asarray(mu, float):  # n_q2 strata, vectorised within each
        s = w_star(ch_k, float(mu_k))
        if len(s) == 0:
            continue
        if search is not None and steerable(search.shape):
            ch_w = ProductionChannel(
                mechanism="meson_decay",
                parents=(),
                parent_mass=float(mu_k),
                recoil_mass=channel.partner(mass),
                br=ConstantBR(1.0),
                coupling_power=power,
                label=channel.label,
            )
            d = steered_decay(s.weight, s.p, ch_w, mass, search, rng)
            wk, pk = d.weight, d.p
        else:
            wk, pk = two_body_decay(s.weight, s.p, float(mu_k), mass, channel.partner(mass), rng)
        w.append(wk)
        p.append(pk)
        z0.append(np.asarray(s.z0, float))
    return _joined(mass, channel, w, p, z0)


def _joined(mass: float, channel: ThreeBodyChannel, w: list, p: list, z0: list) -> FIPSample:
    """One FIPSample of the channel from per-part weights, momenta and decay points."""
    if not w:
        return empty_sample(mass, channel.label, channel.coupling_power)
    return FIPSample(
        mass,
        np.concatenate(w),
        np.concatenate(p),
        np.concatenate(z0),
        coupling_power=channel.coupling_power,
        mechanism=channel.label,
    )


def stratum_events(channel: ThreeBodyChannel, mc: MonteCarlo) -> int:
    """Parents per stratum (all species): ``mc.events`` or ``N_THREE_BODY`` split over the
    strata, at least ``N_STRATUM_MIN``. Fixed, not adaptive: the adaptive size of
    ``meson_decay`` needs a pilot per W* mass, which costs more than it saves here."""
    total = N_THREE_BODY if mc.events is None else mc.events
    return max(N_STRATUM_MIN, total // channel.n_q2)


# ------------------------------------------------------------------ the mechanism
def _three_body(
    search: Any,
    model: Any,
    channel: ThreeBodyChannel,
    params: Mapping[str, Any],
    mass: float,
    rng: np.random.Generator,
    mc: MonteCarlo,
) -> FIPSample:
    mass = float(mass)
    if channel.via:
        inner_ch = model.production_channels()[channel.via]
        power = inner_ch.coupling_power + channel.coupling_power
        if not channel.is_open(mass) or float(channel.br(np.float64(mass))) <= 0:
            return empty_sample(mass, channel.label, power)
        inner = get_mechanism(inner_ch.mechanism).sample(
            search, model, inner_ch, params, float(channel.parent_mass), rng, mc
        )
        if len(inner) == 0:
            return empty_sample(mass, channel.label, power)
        return decay_parents(
            inner.weight, inner.p, channel, mass, rng, z0=inner.z0, coupling_power=power
        )
    mu = stratum_masses(channel, mass, rng)
    if mu is None or float(channel.br(np.float64(mass))) <= 0:
        return empty_sample(mass, channel.label, channel.coupling_power)
    events = stratum_events(channel, mc)
    if channel.fip_recoils:  # P -> N W*: one isotropic decay per parent, q2 sampled each
        drawn = parents_for_strata(search, channel, rng, events * channel.n_q2, 1)
        parts = [decay_parents(w, p, channel, mass, rng, z0=z0) for w, p, z0, _ in drawn]
        parts = [x for x in parts if len(x)]
        if not parts:
            return empty_sample(mass, channel.label, channel.coupling_power)
        return FIPSample.concatenate(parts)
    if steerable(search.shape) and not spectra.is_analytic(search.facility):
        return strata_together(search, channel, mass, mu, events, rng)
    mc_k = MonteCarlo(seed=mc.seed, events=events, precision=mc.precision)
    meson = get_mechanism("meson_decay")

    def w_star(ch_k: ProductionChannel, mu_k: float) -> FIPSample:
        return meson.sample(search, model, ch_k, params, mu_k, rng, mc_k)

    return stratified_decay(channel, mass, mu, w_star, rng, search)


def strata_together(
    search: Any,
    channel: ThreeBodyChannel,
    mass: float,
    mu: np.ndarray,
    events: int,
    rng: np.random.Generator,
) -> FIPSample:
    """The q2 strata of :func:`stratified_decay` in one pass, for a search whose volume
    is steered towards: the parents of all strata drawn together
    (:func:`~fipkit.production.meson_decay.parents_for_strata`, ``events`` per stratum),
    each with the W* mass of its stratum; P -> X W* and W* -> l N turned towards the
    volume with per-parent masses (:func:`~fipkit.production.meson_decay.steer_two_body`)
    and the azimuths steered after each decay, as the stratum-by-stratum path does.
    The same estimate (unbiased, BR(m) split evenly over the strata) with a handful of
    array passes instead of a few per stratum and species."""
    power = channel.coupling_power
    br = float(channel.br(np.float64(mass)))
    if br <= 0 or len(mu) == 0:
        return empty_sample(mass, channel.label, power)
    mu = np.asarray(mu, float)
    M, m_x = float(channel.parent_mass), float(channel.spectator_mass)
    partner = channel.partner(mass)
    w_all, p_all, z_all = [], [], []
    for w, p, z0, k in parents_for_strata(search, channel, rng, events, len(mu)):
        mu_row = mu[k]
        on_axis = z0 is None or not np.any(z0 != 0)
        ww, pw = steer_two_body(w * br, p, M, mu_row, m_x, search, rng)  # P -> X W*
        if on_axis:
            ww, pw = steer_azimuth_arrays(ww, pw, search, rng)
        wn, pn = steer_two_body(ww, pw, mu_row, mass, partner, search, rng)  # W* -> l N
        if on_axis:
            wn, pn = steer_azimuth_arrays(wn, pn, search, rng)
        w_all.append(wn)
        p_all.append(pn)
        z_all.append(np.zeros(len(wn)) if z0 is None else np.asarray(z0, float))
    return _joined(mass, channel, w_all, p_all, z_all)


THREE_BODY_DECAY = Mechanism("three_body_decay", _three_body)
