"""The reach engine: event counts on a (mass x coupling) grid and region extraction.

Kinematics are generated once per mass at unit coupling; the coupling g enters
only through known powers (DESIGN.md, "The central trick"):

    N(m, g) = X * g^n_prod * BR_vis(m) * sum_i w_i * eff_i
              * [exp(-L1_i / l_i) - exp(-L2_i / l_i)],    l_i = (p_i / m) * ctau(m, 1) / g^k

with X the exposure (beam particles), L1_i, L2_i where track i enters and leaves
the decay volume, and k the model's width power. All masses are evaluated in one
array expression over (events x couplings), chunked to bound memory, and
summed per mass with ``np.add.reduceat``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# elements of (events x couplings) evaluated at once
_CHUNK = 4_000_000
# relative step within which tracks are merged (DetectorSample.compressed)
COMPRESSION = 0.005


@dataclass
class DetectorSample:
    """Tracks of one mass that cross a decay volume, ready for reweighting.

    weight : FIPs per beam particle at unit coupling times per-track efficiency.
    p : |momentum| in GeV. L1, L2 : entry and exit path lengths in metres.
    """

    mass: float
    weight: np.ndarray
    p: np.ndarray
    L1: np.ndarray
    L2: np.ndarray
    coupling_power: int = 2

    @staticmethod
    def from_fip_sample(sample, shape, efficiency=1.0, min_energy=0.0) -> DetectorSample:
        """Intersect a :class:`fipkit.sample.FIPSample` with a shape; keep the hits."""
        pabs = sample.pabs
        ok = (pabs > 0) & (sample.weight > 0)
        if min_energy > 0:
            ok &= sample.energy >= min_energy
        u = sample.p[ok] / pabs[ok, None]
        origin = np.zeros_like(u)
        origin[:, 2] = sample.z0[ok]
        L1, L2 = shape.intersect(origin, u)
        hit = L2 > L1
        eff = efficiency if np.isscalar(efficiency) else np.asarray(efficiency)[ok][hit]
        return DetectorSample(
            sample.mass,
            sample.weight[ok][hit] * eff,
            pabs[ok][hit],
            L1[hit],
            L2[hit],
            sample.coupling_power,
        ).compressed()

    def compressed(self, rel: float = COMPRESSION) -> DetectorSample:
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
        mean = lambda v: np.bincount(inv, weights=self.weight * v)[good] / w[good]  # noqa: E731
        L1 = mean(self.L1)
        return DetectorSample(
            self.mass, w[good], mean(self.p), L1, L1 + mean(dL), self.coupling_power
        )


def decay_sum(
    samples: list[DetectorSample], ctau1: np.ndarray, couplings: np.ndarray, width_power: int
) -> np.ndarray:
    """sum_i w_i [exp(-L1/l) - exp(-L2/l)] for every (mass, coupling).

    samples : one DetectorSample per mass (may be empty).
    ctau1 : (n_mass,) c*tau at unit coupling, metres.
    couplings : (n_g,) coupling values.
    Returns (n_mass, n_g) without the production factor g^n_prod.
    """
    couplings = np.asarray(couplings, float)
    n_m, n_g = len(samples), len(couplings)
    out = np.zeros((n_m, n_g))
    sizes = np.array([len(s.weight) for s in samples])
    if sizes.sum() == 0:
        return out
    w = np.concatenate([s.weight for s in samples])
    # decay length at unit coupling per track: (p/m) ctau1
    l1 = np.concatenate([s.p / s.mass * c for s, c in zip(samples, ctau1)])
    L1 = np.concatenate([s.L1 for s in samples])
    dL = np.concatenate([s.L2 - s.L1 for s in samples])
    midx = np.repeat(np.arange(n_m), sizes)
    inv_gk = couplings**width_power  # l = l1 / g^k -> 1/l = g^k / l1
    step = max(1, _CHUNK // max(n_g, 1))
    for a in range(0, len(w), step):  # chunks bound memory only
        sl = slice(a, a + step)
        x = inv_gk[None, :] / l1[sl, None]  # 1 / decay length
        prob = np.exp(-L1[sl, None] * x) * -np.expm1(-dL[sl, None] * x)
        contrib = w[sl, None] * prob
        # per-mass sums inside the chunk (tracks are grouped by mass)
        ids, starts = np.unique(midx[sl], return_index=True)
        out[ids] += np.add.reduceat(contrib, starts, axis=0)
    return out


def event_grid(
    samples, ctau1, br_vis, couplings, width_power, exposure, production_power=None
) -> np.ndarray:
    """Expected signal events N[mass, coupling] (see module docstring)."""
    couplings = np.asarray(couplings, float)
    if production_power is None:
        production_power = samples[0].coupling_power if samples else 2
    d = decay_sum(samples, ctau1, couplings, width_power)
    return exposure * np.asarray(br_vis)[:, None] * couplings[None, :] ** production_power * d


def region_rows(masses, couplings, n_events, threshold):
    """Intervals in coupling where N >= threshold, per mass, edges refined in log-log.

    Returns arrays (mass, low, high): one row per interval, so a mass with two
    islands gives two rows. Edges at the grid boundary are the grid values.
    """
    masses = np.asarray(masses, float)
    g = np.asarray(couplings, float)
    lg = np.log(g)
    lN = np.log(np.maximum(n_events, 1e-300))
    lt = np.log(threshold)
    inside = n_events >= threshold
    # +1 where entering (out -> in), -1 where leaving, along the coupling axis
    pad = np.pad(inside.astype(np.int8), ((0, 0), (1, 1)))
    edges = np.diff(pad, axis=1)
    i_in, j_in = np.nonzero(edges == 1)  # first inside index
    i_out, j_out = np.nonzero(edges == -1)  # one past last inside index

    def crossing(i, j_a, j_b):
        """Coupling where log N crosses the threshold between grid points j_a and j_b."""
        ya, yb = lN[i, j_a], lN[i, j_b]
        with np.errstate(divide="ignore", invalid="ignore"):
            f = np.clip((lt - ya) / (yb - ya), 0, 1)
        f = np.where(np.isfinite(f), f, 0.5)
        return np.exp(lg[j_a] + f * (lg[j_b] - lg[j_a]))

    lo = np.where(j_in == 0, g[0], crossing(i_in, np.maximum(j_in - 1, 0), j_in))
    last = j_out - 1
    hi = np.where(j_out == len(g), g[-1], crossing(i_out, last, np.minimum(j_out, len(g) - 1)))
    return masses[i_in], lo, hi


# ---------------------------------------------------------------------------
# One model x one experiment -> Curve
# ---------------------------------------------------------------------------
#: techniques whose signal module provides ``excluded_ratio(model, experiment, masses,
#: couplings)`` -> (n_mass, n_coupling) array, >= 1 where excluded, a ``STATISTICS``
#: string and optionally ``describe(experiment)``
RATIO_TECHNIQUES = ("missing_mass", "displaced_vertex_br")
DEFAULT_MASSES = np.logspace(-3, 1, 41)  # GeV
DEFAULT_COUPLINGS = {"eps": np.logspace(-9, -2, 71)}


def default_grid(model, experiment=None):
    lo, hi = model.mass_range
    masses = DEFAULT_MASSES[(DEFAULT_MASSES >= lo) & (DEFAULT_MASSES <= hi)]
    return masses, DEFAULT_COUPLINGS.get(model.coupling_name, np.logspace(-12, -2, 81))


def compute_reach(model, experiment, masses=None, couplings=None, seed: int = 1):
    """The region of ``experiment`` in the (mass, coupling) plane of ``model``.

    model, experiment : objects from :func:`fipkit.models.get_model` and
    :func:`fipkit.experiments.get_experiment`. Returns a :class:`fipkit.curves.Curve`.
    """
    from . import statistics
    from .curves import Curve, inputs_hash

    dm, dg = default_grid(model, experiment)
    masses = dm if masses is None else model.check_mass(np.atleast_1d(masses))
    couplings = dg if couplings is None else model.check_coupling(np.atleast_1d(couplings))
    spec = [
        model.spec(),
        experiment.spec(),
        list(map(float, masses)),
        list(map(float, couplings)),
        seed,
    ]
    if experiment.technique == "decay_in_volume":
        from .signals.decay_in_volume import signal_events

        n = signal_events(model, experiment, masses, couplings, seed)
        if "n_up" in experiment.extra:  # a published signal upper limit
            thr = float(experiment.extra["n_up"])
            stat = f"N >= {thr:g} (published {experiment.cl:.0%} CL upper limit)"
        else:
            thr = statistics.poisson_upper_limit(
                experiment.background, experiment.n_obs, experiment.cl
            )
            stat = statistics.describe(experiment.background, experiment.n_obs, experiment.cl)
        m, lo, hi = region_rows(masses, couplings, n, thr)
        method = (
            f"decay in volume: {', '.join(map(str, _mech(experiment, model.name)))}; "
            f"{experiment.exposure} ; eff {experiment.efficiency:g}"
        )
    elif experiment.technique == "bump_hunt":
        from .signals.bump_hunt import experiment_limit

        m, lo, hi = experiment_limit(model, experiment, masses)
        stat = "S = 1.64 sqrt(B) (90% CL, Gaussian) or Poisson for small B"
        method = "e+e- -> gamma A', A' -> l+l- bump hunt over the QED continuum"
    elif experiment.technique in RATIO_TECHNIQUES:
        # signal modules that return R[mass, coupling] = predicted / allowed; R >= 1 excluded
        import importlib

        mod = importlib.import_module(f".signals.{experiment.technique}", __package__)
        ratio = mod.excluded_ratio(model, experiment, masses, couplings)
        m, lo, hi = region_rows(masses, couplings, ratio, 1.0)
        stat = mod.STATISTICS
        method = (
            mod.describe(experiment) if hasattr(mod, "describe") else mod.__doc__.split("\n")[0]
        )
    else:
        from .errors import FipkitInputError

        raise FipkitInputError(f"technique '{experiment.technique}' is not computable yet")
    if getattr(model, "hadronic_scale", 1.0) != 1.0:
        method += f"; hadronic widths below 2 GeV x {model.hadronic_scale:g}"
    return Curve(
        m,
        lo,
        hi,
        model=model.name,
        experiment=experiment.name,
        kind="limit" if experiment.kind == "limit" else "projection",
        quantity=model.coupling_name,
        quantity_label=model.coupling_label,
        cl=experiment.cl,
        method=method,
        statistics=stat,
        references=list(experiment.references),
        label=experiment.label,
        inputs_hash=inputs_hash(spec),
        notes=experiment.notes,
    )


def _mech(experiment, model):
    return [
        e if isinstance(e, str) else e.get("mechanism") for e in experiment.production_for(model)
    ]
