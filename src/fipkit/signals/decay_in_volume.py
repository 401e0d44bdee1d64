"""Technique: a FIP produced in a target decays to visible particles inside a
decay volume downstream (beam dumps, FASER, HPS displaced vertices, LHC detectors).

For each mass the production samples of the search are intersected with its decay
volume once (cached on disk); couplings are then a reweighting (:mod:`fipkit.engine`):

    N(m, g) = X * BR_vis(m) * sum_k g^n_k * sum_i w_i [exp(-L1_i / l_i) - exp(-L2_i / l_i)],
    l_i = (p_i / m) * ctau(m, 1) / g^k_width,

with X the exposure (beam particles), n_k the production power of each track set (2 for
an A' from meson decays, 1 for S from K -> pi S, 0 for h -> S S at fixed BR). The search
reaches N >= N_up: the classical Poisson upper limit (:mod:`fipkit.statistics`) or a
published signal upper limit ``n_up``.
"""

from __future__ import annotations

import numpy as np

from .. import cache, statistics
from ..engine import TrackSet, compressed_for_decay, decay_sum
from ..errors import FipkitInputError
from ..production import MonteCarlo, entry_name, fip_samples
from . import Signal, Technique


def _merged(mass: float, same: list[TrackSet], power: float) -> TrackSet:
    """One TrackSet from several of the same production power."""
    cat = {
        key: np.concatenate([getattr(h, key) for h in same]) for key in ("weight", "p", "L1", "L2")
    }
    return TrackSet(mass, cat["weight"], cat["p"], cat["L1"], cat["L2"], power)


def detector_samples(
    search, model, masses, mc: MonteCarlo | None = None
) -> dict[float, list[TrackSet]]:
    """Tracks crossing the decay volume (unit coupling), grouped by production power:
    {coupling power: one TrackSet per mass}."""
    mc = MonteCarlo() if mc is None else mc
    shape = search.shape
    per_mass = []
    for m in np.atleast_1d(masses):  # per-mass production; each step is vectorised
        path = cache.key(
            "detector_samples",
            [search.spec(), model.production_spec(), float(m), mc],
        )
        hit = cache.load(path)
        if hit is None:
            hits = [
                TrackSet.from_sample(s, shape, search.efficiency, search.min_energy_GeV)
                for s in fip_samples(search, model, float(m), mc)
                if len(s)
            ]
            # one track set per production power, reduced to (L1/p, dL/p)
            parts = [
                compressed_for_decay(_merged(float(m), same, k))
                for k in sorted({h.coupling_power for h in hits})
                for same in [[h for h in hits if h.coupling_power == k]]
            ]
            hit = {
                k: np.concatenate([getattr(p, k) for p in parts]) if parts else np.zeros(0)
                for k in ("weight", "p", "L1", "L2")
            }
            hit["power"] = (
                np.concatenate([np.full(len(p.weight), float(p.coupling_power)) for p in parts])
                if parts
                else np.zeros(0)
            )
            cache.save(path, **hit)
        per_mass.append((float(m), hit))
    powers = sorted({float(k) for _, h in per_mass for k in np.unique(h["power"])})
    out: dict[float, list[TrackSet]] = {}
    for k in powers:
        out[k] = []
        for m, h in per_mass:
            sel = h["power"] == k
            out[k].append(TrackSet(m, h["weight"][sel], h["p"][sel], h["L1"][sel], h["L2"][sel], k))
    return out


def exposure(experiment) -> float:
    """Beam particles (POT/EOT) or inelastic pp collisions for the experiment."""
    ex = experiment.exposure
    if "n_beam" in ex:
        return float(ex["n_beam"])
    from .. import spectra

    sigma_mb = float(spectra.facility_info(experiment.facility)["sigma_inel_mb"])
    # collisions = L[fb^-1] * sigma[mb] ; 1 mb = 1e12 fb
    return float(ex["luminosity_fb"]) * sigma_mb * 1e12


def mass_window(search) -> tuple[float, float]:
    """(lo, hi) GeV: the masses a published search covers (``mass_range_GeV``; its
    selection, e.g. a vertex-mass cut, removes the rest), (0, inf) if it gives none."""
    window = search.params.get("mass_range_GeV")
    if window is None:
        return 0.0, np.inf
    ok = isinstance(window, list | tuple) and len(window) == 2
    ok = ok and all(isinstance(x, int | float) and not isinstance(x, bool) for x in window)
    if not ok or not 0 <= window[0] < window[1]:
        raise FipkitInputError(
            f"{search.name}: mass_range_GeV must be [lo, hi] with 0 <= lo < hi, got {window!r}"
        )
    return float(window[0]), float(window[1])


def signal_events(model, search, masses, couplings, mc: MonteCarlo | None = None) -> np.ndarray:
    """Expected signal events N[mass, coupling] for a decay-in-volume search (0 outside
    its :func:`mass_window`)."""
    masses = np.atleast_1d(np.asarray(masses, float))
    g = np.asarray(couplings, float)
    groups = detector_samples(search, model, masses, mc)
    br_vis = model.br_visible(masses, search.channels_for(model))
    ctau1, x = model.ctau(masses), exposure(search)
    n = np.zeros((len(masses), len(g)))
    for k, tracks in groups.items():
        d = decay_sum(tracks, ctau1, g, model.width_power)
        n += x * np.asarray(br_vis)[:, None] * g[None, :] ** k * d
    lo, hi = mass_window(search)
    n[(masses < lo) | (masses > hi)] = 0.0
    return n


def signal_threshold(search) -> tuple[float, str]:
    """(events needed, statistics text): the published N_up or the Poisson limit."""
    if "n_up" in search.params:
        thr = float(search.params["n_up"])
        return thr, f"N >= {thr:g} (published {search.cl:.0%} CL upper limit)"
    thr = statistics.poisson_upper_limit(search.background, search.n_obs, search.cl)
    return thr, statistics.describe(search.background, search.n_obs, search.cl)


def evaluate(model, search, masses, couplings, mc: MonteCarlo) -> Signal:
    thr, stat = signal_threshold(search)
    n = signal_events(model, search, masses, couplings, mc)
    mechs = ", ".join(entry_name(e) for e in search.production_for(model))
    method = f"decay in volume: {mechs}; {search.exposure} ; eff {search.efficiency:g}"
    return Signal(n / thr, stat, method)


TECHNIQUE = Technique.builtin("decay_in_volume", evaluate)
