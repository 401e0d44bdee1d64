"""Published branching-ratio limits on B -> K(*) X(mu mu) with the lifetime acceptance (LHCb).

LHCb quote upper limits on BR(B -> K(*) chi) x BR(chi -> mu mu) that are flat for short
lifetimes and degrade once chi decays beyond the vertex detector. fipkit keeps the quoted
short-lifetime limit BR_UL and computes the lifetime acceptance itself: S from the
experiment's B spectrum (its ``facility`` tables, its ``production`` mechanism) must decay
inside the ``detector`` volume (the VELO region in 2 < eta < 5), relative to prompt decays:

    eps(m, g) = sum_i w_i P_i(decay in volume; l = beta gamma c tau / g) / sum_i w_i,
    R(m, g) = g BR(B -> K(*) S; m, g = 1) BR(S -> mu mu) eps(m, g) / BR_UL,   R >= 1 excluded.

The tracks are those of the decay-in-volume engine (:func:`detector_samples`, cached);
the sum over tracks at prompt decay (l -> 0) is sum_i w_i since every track starts at
the interaction point inside the volume.
"""

from __future__ import annotations

import numpy as np

from ..errors import FipkitInputError
from ..production import scalar_production as sp
from ..reach import decay_sum

STATISTICS = "published upper limit on BR(B -> K(*) X) x BR(X -> mu mu), short lifetimes"


def excluded_ratio(model, experiment, masses, couplings) -> np.ndarray:
    """R[mass, coupling] = predicted / allowed BR(B -> K(*) S(mu mu))."""
    from .decay_in_volume import detector_samples

    channel = experiment.extra.get("decay")
    if channel not in sp.CHANNELS or model.name != "dark-scalar":
        raise FipkitInputError(
            f"{experiment.name}: needs the dark-scalar model and a decay in {sorted(sp.CHANNELS)}"
        )
    masses = np.asarray(masses, float)
    samples = detector_samples(experiment, masses, model=model.name)[1]
    ctau1 = model.ctau(masses)
    accepted = decay_sum(samples, ctau1, couplings, model.width_power)
    prompt = np.array([s.weight.sum() for s in samples])
    with np.errstate(invalid="ignore", divide="ignore"):
        eps = np.where(prompt[:, None] > 0, accepted / prompt[:, None], 0.0)
    br_mumu = model.branching_ratios(masses)["mu+mu-"]
    br_prod = sp.br(channel, masses)
    g = np.asarray(couplings, float)[None, :]
    return g * (br_prod * br_mumu)[:, None] * eps / float(experiment.extra["br_limit"])


def describe(experiment) -> str:
    return (
        f"BR(B -> K(*) S) x BR(S -> mu mu) < {experiment.extra['br_limit']:g} "
        f"({experiment.cl:.0%} CL) x lifetime acceptance in {experiment.detector}"
    )
