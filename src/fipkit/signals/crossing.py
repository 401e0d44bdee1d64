"""Stable FIPs that cross a detector: the track sets of the scattering and ionisation
techniques (:mod:`fipkit.signals.scintillator_layers`,
:mod:`fipkit.signals.electron_scattering`), at unit coupling, momentum kept.

Production is symmetric about the beam axis and starts on it (z0 = 0): a FIP's azimuth
is uniform and independent of everything else. For a small detector off the axis
(milliQan: 10 cm x 10 cm at 33 m and 84 degrees) a random azimuth almost never points
at it, so the azimuth is integrated instead: a FIP of polar angle theta counts with
weight w f(theta), f the fraction of azimuths whose ray from the origin crosses the
shape (``N_AZIMUTH`` rays across the shape's azimuth window, its
``angular_window``), and L1, L2 the mean over the rays that cross. Unbiased for any
weights whose expectation is symmetric (steered samples included); exact in the limit
of many rays. Shapes around the axis, and samples made off it, are intersected as they
are (:meth:`fipkit.engine.TrackSet.from_sample`).
"""

from __future__ import annotations

import numpy as np

from .. import cache
from ..engine import COMPRESSION, TrackSet, reweight
from ..errors import FipkitInputError
from ..production import MonteCarlo, entry_name, fip_samples
from ..sample import FIPSample
from . import Signal
from .decay_in_volume import exposure, signal_threshold
from .energy_loss import ABSORBERS, Absorber

#: rays per FIP across the shape's azimuth window
N_AZIMUTH = 64


def azimuth_averaged(
    sample: FIPSample, shape, efficiency: float = 1.0, min_energy: float = 0.0
) -> TrackSet:
    """The tracks of ``sample`` that cross ``shape``, the azimuth integrated (module doc);
    :meth:`TrackSet.from_sample` when the shape has no window or the sample starts off
    the axis."""
    window = shape.angular_window() if hasattr(shape, "angular_window") else None
    if window is None or np.any(sample.z0 != 0):
        return TrackSet.from_sample(sample, shape, efficiency, min_energy)
    t0, t1, p0, p1 = window
    pabs = sample.pabs
    theta = sample.theta
    ok = (pabs > 0) & (sample.weight > 0) & (theta >= t0) & (theta <= t1)
    if min_energy > 0:
        ok &= sample.energy >= min_energy
    th, w, p = theta[ok], sample.weight[ok], pabs[ok]
    phi = p0 + (np.arange(N_AZIMUTH) + 0.5) / N_AZIMUTH * (p1 - p0)
    st, shape2 = np.sin(th)[:, None], (len(th), N_AZIMUTH)
    cz = np.broadcast_to(np.cos(th)[:, None], shape2)
    u = np.stack([st * np.cos(phi), st * np.sin(phi), cz], axis=-1).reshape(-1, 3)
    L1, L2 = shape.intersect(np.zeros_like(u), u)
    L1, L2 = L1.reshape(len(th), N_AZIMUTH), L2.reshape(len(th), N_AZIMUTH)
    hit = L2 > L1
    n_hit = hit.sum(axis=1)
    keep = n_hit > 0
    frac = n_hit[keep] / N_AZIMUTH * (p1 - p0) / (2 * np.pi)
    with np.errstate(invalid="ignore"):
        l1 = np.where(hit, L1, 0.0).sum(axis=1)[keep] / n_hit[keep]
        l2 = np.where(hit, L2, 0.0).sum(axis=1)[keep] / n_hit[keep]
    return TrackSet(
        sample.mass, w[keep] * frac * efficiency, p[keep], l1, l2, sample.coupling_power
    ).compressed()


def crossing_tracks(search, model, masses, mc: MonteCarlo | None = None) -> list[TrackSet]:
    """The FIPs that cross the search's shape (one :class:`TrackSet` per mass, at unit
    coupling; cached on disk). Every production entry must have the same coupling power
    (2 for a millicharge)."""
    mc = MonteCarlo() if mc is None else mc
    out = []
    for m in np.atleast_1d(np.asarray(masses, float)):
        path = cache.key("crossing_tracks", [search.spec(), model.production_spec(), float(m), mc])
        hit = cache.load(path)
        if hit is None:
            sets = [
                azimuth_averaged(s, search.shape, search.efficiency, search.min_energy_GeV)
                for s in fip_samples(search, model, float(m), mc)
                if len(s)
            ]
            powers = {t.coupling_power for t in sets}
            if len(powers) > 1:
                raise FipkitInputError(
                    f"{search.name}: production entries of coupling powers {sorted(powers)}; "
                    f"{search.technique} needs one"
                )
            hit = {
                k: np.concatenate([getattr(t, k) for t in sets]) if sets else np.zeros(0)
                for k in ("weight", "p", "L1", "L2")
            }
            hit["power"] = np.array([powers.pop() if powers else 2.0])
            cache.save(path, **hit)
        power = float(hit["power"][0])
        out.append(TrackSet(float(m), hit["weight"], hit["p"], hit["L1"], hit["L2"], power))
    return out


def number(search, key: str, default: float | None = None, whole: bool = False) -> float:
    """The technique parameter ``key`` of ``search``: a positive number (a whole number
    >= 1 with ``whole``), ``default`` when it is absent, or a clear error."""
    if key not in search.params:
        if default is None:
            raise FipkitInputError(f"{search.name}: missing technique parameter '{key}'")
        return float(default)
    v = search.params[key]
    try:
        x = float(v)
    except (TypeError, ValueError):
        raise FipkitInputError(f"{search.name}: {key} must be a number, got {v!r}") from None
    if not (np.isfinite(x) and x > 0 and (x.is_integer() or not whole)):
        kind = "a whole number >= 1" if whole else "a positive number"
        raise FipkitInputError(f"{search.name}: {key} must be {kind}, got {v!r}")
    return x


def absorber(search, key: str) -> Absorber:
    """The absorber named by the technique parameter ``key``, or a clear error."""
    name = search.params.get(key)
    if name not in ABSORBERS:
        raise FipkitInputError(
            f"{search.name}: {key} '{name}' is unknown; valid: {', '.join(ABSORBERS)}"
        )
    return ABSORBERS[name]


def merged(weight: np.ndarray, columns: dict, rel: float = COMPRESSION):
    """(weight, columns) with the tracks whose columns agree within a relative step
    ``rel`` merged (weights add, columns become weighted means; infinite values are
    kept as they are). The kernels here depend on a track only through its columns, so
    at fixed mass this loses nothing but the spread within a step: thousands of tracks
    become tens to hundreds."""
    if len(weight) < 2:
        return weight, columns
    step = np.log1p(rel)
    keys = []
    for v in columns.values():
        finite = np.isfinite(v) & (v > 0)
        k = np.where(finite, np.floor(np.log(np.where(finite, v, 1.0)) / step), -(2**40))
        keys.append(np.where(np.isinf(v), 2**40, k).astype(np.int64))
    _, inv = np.unique(np.stack(keys, axis=1), axis=0, return_inverse=True)
    inv = inv.ravel()
    w = np.bincount(inv, weights=weight)
    good = w > 0
    out = {}
    for name, v in columns.items():
        finite_v = np.where(np.isfinite(v), v, 0.0)
        mean = np.bincount(inv, weights=weight * finite_v)[good] / w[good]
        inf = np.bincount(inv, weights=np.isinf(v).astype(float))[good] > 0
        out[name] = np.where(inf, np.inf, mean)
    return w[good], out


def events(search, tracks: list[TrackSet], columns, kernel, couplings) -> np.ndarray:
    """X g^n sum_i w_i K_i(g) for every (mass, coupling): the expected events, with X the
    search's exposure and n the production power of each mass's tracks. The tracks of
    each mass are first reduced to their ``columns(k, tracks)`` (:func:`merged`)."""
    g = np.asarray(couplings, float)
    reduced, cols = [], []
    for k, ts in enumerate(tracks):
        w, c = merged(ts.weight, dict(columns(k, ts))) if len(ts.weight) else (ts.weight, {})
        n = len(w)
        reduced.append(TrackSet(ts.mass, w, np.ones(n), np.zeros(n), np.ones(n), ts.coupling_power))
        cols.append(c)
    s = reweight(reduced, lambda k, ts: cols[k], kernel, g)
    power = np.array([ts.coupling_power for ts in tracks])[:, None]
    return exposure(search) * g[None, :] ** power * s


def signal(model, search, n: np.ndarray, what: str) -> Signal:
    """The Signal of expected events ``n``, its method text naming the technique and its
    set-up (``what``), the production, exposure and efficiency."""
    thr, stat = signal_threshold(search)
    mechs = ", ".join(entry_name(e) for e in search.production_for(model))
    method = f"{what}: {mechs}; {search.exposure}; eff {search.efficiency:g}"
    return Signal(n / thr, stat, method)
