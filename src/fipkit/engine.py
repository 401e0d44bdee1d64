"""The compute layer below the techniques: track sets, response kernels, the chunked
(tracks x couplings) reweighting and region extraction. Imports numpy only.

Kinematics are generated once per mass at unit coupling; a coupling g enters only
through stated powers (DESIGN.md, "The central trick"). For one mass,

    S(g) = sum_i w_i K_i(g),

with w_i the weight of track i (FIPs per beam particle at g = 1 times efficiency) and
K_i a response kernel: the probability that the FIP of track i gives a signal,

* decay in a volume:   K = exp(-L1 / l) [1 - exp(-(L2 - L1) / l)],  l = (p/m) c tau(g),
* scattering:          K = 1 - exp(-n sigma dL g^k),
* ionisation in N layers: K = (1 - exp(-kappa dL g^k))^N.

Production powers (g^n) are applied by the technique, which knows them per track set.
The sum is evaluated in blocks of tracks with preallocated buffers: one array
expression per block, a matrix-vector product for the weighted sum.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

#: elements of one (tracks x couplings) block: small enough to stay in cache
BLOCK_ELEMENTS = 1 << 16
#: the kernels work in single precision: exp and expm1 run ~2x faster, and a track's
#: response needs no more than 7 digits (each block's sum is added in double precision;
#: measured against double precision: region edges of six searches within 1.1e-7 dex)
KERNEL_DTYPE = np.float32
#: relative step within which tracks are merged (TrackSet.compressed)
COMPRESSION = 0.005

Array = np.ndarray


@dataclass
class TrackSet:
    """Tracks of one mass that reach a detector, ready for reweighting.

    mass : FIP mass, GeV.
    weight : FIPs per beam particle at unit coupling times per-track efficiency.
    p : |momentum| in GeV. L1, L2 : entry and exit path lengths in metres.
    coupling_power : the yield scales as coupling ** coupling_power (stated, no default).
    """

    mass: float
    weight: Array
    p: Array
    L1: Array
    L2: Array
    coupling_power: float

    def __len__(self) -> int:
        return len(self.weight)

    @staticmethod
    def from_sample(
        sample: Any, shape: Any, efficiency: float | Array = 1.0, min_energy: float = 0.0
    ) -> TrackSet:
        """Intersect a FIP sample (``fipkit.sample.FIPSample``) with a detector shape
        (an object with ``intersect(origin, direction) -> (L1, L2)``); keep the hits."""
        pabs = sample.pabs
        ok = (pabs > 0) & (sample.weight > 0)
        if min_energy > 0:
            ok &= sample.energy >= min_energy
        u = sample.p[ok] / pabs[ok, None]
        origin = np.zeros_like(u)
        origin[:, 2] = sample.z0[ok]
        L1, L2 = shape.intersect(origin, u)
        L1 = np.maximum(L1, np.asarray(sample.path0)[ok])  # made downstream: exists from there
        hit = L2 > L1
        eff = efficiency if np.isscalar(efficiency) else np.asarray(efficiency)[ok][hit]
        return TrackSet(
            sample.mass,
            sample.weight[ok][hit] * eff,
            pabs[ok][hit],
            L1[hit],
            L2[hit],
            sample.coupling_power,
        ).compressed()

    def compressed(self, rel: float = COMPRESSION) -> TrackSet:
        """Merge tracks whose p, L1 and L2 - L1 agree within a relative step ``rel``.

        Weights add up; p, L1, dL become weighted means. The decay probability of a
        merged track changes by at most ~rel * L/l (a few % where L/l ~ 10, at the
        upper edge of a region, where N falls exponentially), so the regions move by
        far less than a grid step, while the number of tracks drops 10-100 times.
        """
        if len(self.weight) < 2 or rel <= 0:
            return self
        dL = self.L2 - self.L1
        step = np.log1p(rel)
        keys = np.stack(
            [
                np.floor(np.log(np.maximum(v, 1e-300)) / step).astype(np.int64)
                for v in (self.p, np.maximum(self.L1, 1e-9), dL)
            ],
            axis=1,
        )
        keys -= keys.min(axis=0)
        span = keys.max(axis=0) + 1
        if np.prod(span.astype(float)) < 2.0**62:  # one int64 per cell: a fast 1-d unique
            flat = (keys[:, 0] * span[1] + keys[:, 1]) * span[2] + keys[:, 2]
            _, inv = np.unique(flat, return_inverse=True)
        else:
            _, inv = np.unique(keys, axis=0, return_inverse=True)
        inv = inv.ravel()
        w = np.bincount(inv, weights=self.weight)
        good = w > 0

        def mean(v: Array) -> Array:
            return np.bincount(inv, weights=self.weight * v)[good] / w[good]

        L1 = mean(self.L1)
        return TrackSet(self.mass, w[good], mean(self.p), L1, L1 + mean(dL), self.coupling_power)


def compressed_for_decay(ts: TrackSet, rel: float = COMPRESSION) -> TrackSet:
    """The track set reduced to what the decay probability needs: at fixed mass it
    depends on L1/p and (L2 - L1)/p only, so tracks are merged on those two (within a
    relative step ``rel``) and written with p = 1 GeV, L1 = <L1/p>, L2 = L1 + <dL/p> (m).
    Only for decay kernels: p no longer carries the momentum."""
    if len(ts.weight) < 2:
        return ts
    a, b = ts.L1 / ts.p, (ts.L2 - ts.L1) / ts.p
    step = np.log1p(rel)
    ka = np.floor(np.log(np.maximum(a, 1e-12)) / step).astype(np.int64)
    kb = np.floor(np.log(np.maximum(b, 1e-300)) / step).astype(np.int64)
    ka -= ka.min()
    kb -= kb.min()
    _, inv = np.unique(ka * (kb.max() + 1) + kb, return_inverse=True)
    inv = inv.ravel()
    w = np.bincount(inv, weights=ts.weight)
    good = w > 0
    mean_a = np.bincount(inv, weights=ts.weight * a)[good] / w[good]
    mean_b = np.bincount(inv, weights=ts.weight * b)[good] / w[good]
    return TrackSet(
        ts.mass, w[good], np.ones(good.sum()), mean_a, mean_a + mean_b, ts.coupling_power
    )


class Kernel(Protocol):
    """A response kernel: for a block of tracks, sum_i w_i K_i(g) at every coupling, an
    (n_couplings,) array, with K_i the probability that track i gives a signal, from
    the per-track ``columns`` and ``weights``; ``out`` and ``work`` are scratch arrays
    of shape (n_tracks, n_couplings)."""

    def __call__(
        self,
        columns: Mapping[str, Array],
        weights: Array,
        couplings: Array,
        out: Array,
        work: Array,
    ) -> Array: ...


#: decay kernel: below this x (dL + L1)/decay length for every track the response is
#: its series b x - (a b + b^2/2) x^2 + (b^3/6 + a b^2/2 + a^2 b/2) x^3 (relative error
#: < x^3 = 1e-12); above DEAD_X (L1 / decay length for every track) every track decays
#: before the volume: K < e^-80
SERIES_X, DEAD_X = 1e-4, 80.0


@dataclass(frozen=True)
class DecayKernel:
    """K = exp(-a x) [1 - exp(-b x)], a = L1 inv_l1, b = dL inv_l1, x = g^width_power.

    columns: ``inv_l1`` (1 / decay length at unit coupling, 1/m), ``L1``, ``dL`` (m).
    Couplings where every track is far inside its decay length take the series
    sum_i w_i [b x - (a b + b^2/2) x^2 + (b^3/6 + a b^2/2 + a^2 b/2) x^3]_i (three sums), those
    where every track has decayed before the volume give 0, and the rest five passes
    over the block: two products, exp, expm1 (no cancellation when b x is small) and
    their product."""

    width_power: float

    def __call__(self, columns, weights, couplings, out, work):
        gk = couplings**self.width_power
        a = columns["L1"] * columns["inv_l1"]
        b = columns["dL"] * columns["inv_l1"]
        small = float((a + b).max()) * gk < SERIES_X
        dead = float(a.min()) * gk > DEAD_X
        full = ~(small | dead)
        res = np.zeros(len(gk))
        if small.any():
            a64, b64, w64 = a.astype(float), b.astype(float), weights.astype(float)
            x = gk[small].astype(float)
            s1 = w64 @ b64
            s2 = w64 @ (a64 * b64 + 0.5 * b64 * b64)
            s3 = w64 @ (b64**3 / 6 + 0.5 * a64 * b64 * b64 + 0.5 * a64 * a64 * b64)
            res[small] = x * (s1 - x * (s2 - x * s3))
        if full.any():
            gf = gk[full]
            o, wk = out[:, : len(gf)], work[:, : len(gf)]
            np.multiply(-a[:, None], gf, out=o)
            np.exp(o, out=o)
            np.multiply(-b[:, None], gf, out=wk)
            np.expm1(wk, out=wk)  # -(1 - exp(-b x))
            np.multiply(o, wk, out=o)
            res[full] = -(weights @ o)
        return res


@dataclass(frozen=True)
class ScatteringKernel:
    """K = 1 - exp(-n sigma dL g^power): interaction in a detector of column density
    ``n_sigma_dL`` (per track, at unit coupling)."""

    power: float

    def __call__(self, columns, weights, couplings, out, work):
        x = np.multiply(columns["n_sigma_dL"][:, None], -(couplings**self.power), out=out)
        np.expm1(x, out=x)
        return -(weights @ x)


@dataclass(frozen=True)
class IonisationKernel:
    """K = (1 - exp(-kappa dL g^power))^n_layers: a hit in each of ``n_layers`` layers
    (``kappa_dL`` per track and layer, at unit coupling)."""

    power: float
    n_layers: int

    def __call__(self, columns, weights, couplings, out, work):
        x = np.multiply(columns["kappa_dL"][:, None], -(couplings**self.power), out=out)
        np.expm1(x, out=x)
        np.negative(x, out=x)
        np.power(x, self.n_layers, out=x)
        return weights @ x


def reweight(
    tracks: Sequence[TrackSet],
    columns: Callable[[int, TrackSet], Mapping[str, Array]],
    kernel: Kernel,
    couplings: Array,
) -> Array:
    """sum_i w_i K_i(g) for every (mass, coupling): an (n_mass, n_g) array.

    tracks : one TrackSet per mass (may be empty).
    columns : (mass index, track set) -> the per-track columns the kernel reads.
    kernel : the response (:class:`DecayKernel`, :class:`ScatteringKernel`, ...).
    Production powers are not applied here.
    """
    g = np.asarray(couplings, float)
    out = np.zeros((len(tracks), len(g)))
    if len(g) == 0:
        return out
    block = max(1, BLOCK_ELEMENTS // len(g))
    buf = np.empty((block, len(g)), KERNEL_DTYPE)
    work = np.empty((block, len(g)), KERNEL_DTYPE)
    g32 = g.astype(KERNEL_DTYPE)
    for k, ts in enumerate(tracks):
        if len(ts.weight) == 0:
            continue
        cols = {c: np.asarray(v, float).astype(KERNEL_DTYPE) for c, v in columns(k, ts).items()}
        w = ts.weight.astype(KERNEL_DTYPE)
        for a in range(0, len(ts.weight), block):  # blocks bound memory only
            b = min(a + block, len(ts.weight))
            n = b - a
            out[k] += kernel({c: v[a:b] for c, v in cols.items()}, w[a:b], g32, buf[:n], work[:n])
    return out


def decay_sum(
    tracks: Sequence[TrackSet], ctau1: Array, couplings: Array, width_power: float
) -> Array:
    """sum_i w_i [exp(-L1/l) - exp(-L2/l)] for every (mass, coupling).

    ctau1 : (n_mass,) c*tau at unit coupling, metres; l = (p/m) ctau1 / g^width_power.
    Returns (n_mass, n_g) without the production factor g^n.
    """
    ctau1 = np.asarray(ctau1, float)

    def cols(k: int, ts: TrackSet) -> dict[str, Array]:
        return {"inv_l1": ts.mass / (ts.p * ctau1[k]), "L1": ts.L1, "dL": ts.L2 - ts.L1}

    return reweight(tracks, cols, DecayKernel(width_power), couplings)


@dataclass
class Rows:
    """Intervals in coupling, one row each: several rows at one mass are islands.

    low_at_grid / high_at_grid: the edge is the first / last grid coupling (the region
    was still inside there), so it is not a physics edge.
    """

    mass: Array
    low: Array
    high: Array
    low_at_grid: Array
    high_at_grid: Array


def region_rows(masses: Array, couplings: Array, values: Array, threshold: float) -> Rows:
    """Intervals in coupling where values >= threshold, per mass, edges refined in log-log."""
    masses = np.asarray(masses, float)
    g = np.asarray(couplings, float)
    lg = np.log(g)
    with np.errstate(divide="ignore", invalid="ignore"):
        lN = np.log(np.maximum(values, 1e-300))
    lt = np.log(threshold)
    inside = values >= threshold
    # +1 where entering (out -> in), -1 where leaving, along the coupling axis
    pad = np.pad(inside.astype(np.int8), ((0, 0), (1, 1)))
    edges = np.diff(pad, axis=1)
    i_in, j_in = np.nonzero(edges == 1)  # first inside index
    i_out, j_out = np.nonzero(edges == -1)  # one past last inside index

    def crossing(i: Array, j_a: Array, j_b: Array) -> Array:
        """Coupling where log N crosses the threshold between grid points j_a and j_b."""
        ya, yb = lN[i, j_a], lN[i, j_b]
        with np.errstate(divide="ignore", invalid="ignore"):
            f = np.clip((lt - ya) / (yb - ya), 0, 1)
        f = np.where(np.isfinite(f), f, 0.5)
        return np.exp(lg[j_a] + f * (lg[j_b] - lg[j_a]))

    lo_grid, hi_grid = j_in == 0, j_out == len(g)
    lo = np.where(lo_grid, g[0], crossing(i_in, np.maximum(j_in - 1, 0), j_in))
    last = j_out - 1
    hi = np.where(hi_grid, g[-1], crossing(i_out, last, np.minimum(j_out, len(g) - 1)))
    # the edges bracket the inside grid points (exp(log) rounding could cross them)
    lo, hi = np.minimum(lo, g[j_in]), np.maximum(hi, g[last])
    return Rows(masses[i_in], lo, hi, lo_grid, hi_grid)
