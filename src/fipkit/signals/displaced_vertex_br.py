"""Published branching-ratio limits on B -> K(*) X(mu mu) (or B -> mu N(mu pi)) with the
lifetime acceptance (LHCb).

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

from ..engine import decay_sum
from . import Signal, Technique, channel_of
from .decay_in_volume import detector_samples

STATISTICS = "published upper limit on BR(B -> K(*) X) x BR(X -> mu mu), short lifetimes"


def excluded_ratio(model, search, masses, couplings, mc=None) -> np.ndarray:
    """R[mass, coupling] = predicted / allowed BR(B -> K(*) S) x BR(S -> final state)."""
    ch = channel_of(model, search)
    masses = np.asarray(masses, float)
    g = np.asarray(couplings, float)
    groups = detector_samples(search, model, masses, mc)
    tracks = groups.get(float(ch.coupling_power), [])
    if not tracks:
        return np.zeros((len(masses), len(g)))
    accepted = decay_sum(tracks, model.ctau(masses), g, model.width_power)
    prompt = np.array([ts.weight.sum() for ts in tracks])
    with np.errstate(invalid="ignore", divide="ignore"):
        eff = np.where(prompt[:, None] > 0, accepted / prompt[:, None], 0.0)
    br_final = model.br_visible(masses, search.channels_for(model))
    br_prod = ch.br(masses)
    return (
        g[None, :] ** ch.coupling_power
        * (br_prod * br_final)[:, None]
        * eff
        / float(search.params["br_limit"])
    )


def evaluate(model, search, masses, couplings, mc) -> Signal:
    method = (
        f"BR(B -> K(*) S) x BR(S -> mu mu) < {search.params['br_limit']:g} "
        f"({search.cl:.0%} CL) x lifetime acceptance in {search.detector.geometry}"
    )
    return Signal(excluded_ratio(model, search, masses, couplings, mc), STATISTICS, method)


TECHNIQUE = Technique.builtin("displaced_vertex_br", evaluate)
