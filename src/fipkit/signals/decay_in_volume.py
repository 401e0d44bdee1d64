"""Technique: a FIP produced in a target decays to visible particles inside a
decay volume downstream (beam dumps, FASER, HPS displaced vertices).

For each mass the production samples of the experiment are intersected with its
decay volume once (cached on disk); couplings are then a reweighting
(:mod:`fipkit.reach`).
"""

from __future__ import annotations

import numpy as np

from .. import cache
from ..production.sources import N_BREM, N_PARENTS, fip_samples
from ..reach import DetectorSample, event_grid


def detector_samples(
    experiment, masses, seed: int = 1, model: str = "dark-photon"
) -> dict[int, list[DetectorSample]]:
    """Tracks crossing the decay volume (unit coupling), grouped by production power:
    {coupling power: one DetectorSample per mass}. Most experiments have one power
    (2 for A', 1 for S from meson decays); h -> S S at fixed BR adds power 0."""
    shape = experiment.shape
    per_mass = []
    for m in np.atleast_1d(masses):  # per-mass production; each step is vectorised
        path = cache.key(
            "detector_samples", [experiment.spec(), model, float(m), seed, N_PARENTS, N_BREM]
        )
        hit = cache.load(path)
        if hit is None:
            parts = [
                DetectorSample.from_fip_sample(
                    s, shape, experiment.efficiency, experiment.min_energy_GeV
                )
                for s in fip_samples(experiment, float(m), seed, model)
                if len(s)
            ]
            hit = {
                k: np.concatenate([getattr(p, k) for p in parts]) if parts else np.zeros(0)
                for k in ("weight", "p", "L1", "L2")
            }
            hit["power"] = (
                np.concatenate([np.full(len(p.weight), p.coupling_power) for p in parts])
                if parts
                else np.zeros(0, int)
            )
            cache.save(path, **hit)
        per_mass.append((float(m), hit))
    powers = sorted({int(k) for _, h in per_mass for k in np.unique(h["power"])}) or [None]
    out = {}
    for k in powers:
        out[k] = []
        for m, h in per_mass:
            sel = h["power"] == k if k is not None else slice(None)
            out[k].append(
                DetectorSample(
                    m,
                    h["weight"][sel],
                    h["p"][sel],
                    h["L1"][sel],
                    h["L2"][sel],
                    k if k is not None else 2,
                )
            )
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


def signal_events(model, experiment, masses, couplings, seed: int = 1) -> np.ndarray:
    """Expected signal events N[mass, coupling] for a decay-in-volume search."""
    masses = np.atleast_1d(np.asarray(masses, float))
    groups = detector_samples(experiment, masses, seed, model.name)
    brs = model.branching_ratios(masses)
    channels = experiment.channels_for(model.name) or model.visible_channels
    br_vis = sum(brs[c] for c in channels if c in brs)
    ctau1, x = model.ctau(masses), exposure(experiment)
    return sum(
        event_grid(
            samples,
            ctau1,
            br_vis,
            couplings,
            model.width_power,
            x,
            production_power=k if k is not None else model.width_power,
        )
        for k, samples in groups.items()
    )
