"""Chained production: a FIP made by another channel decays to the FIP that reaches the
detector (meson -> gamma A', A' -> chi chi, for light dark matter).

The model declares a :class:`fipkit.models.base.ChainedChannel`: the channel ``via`` that makes the
intermediate (at mass ``intermediate_mass(m)``), and the decay of the intermediate to
the final FIP (plus a recoil of mass ``recoil_mass(m)``, or a second FIP with
``pair=True``). The weight carries both BRs and the coupling powers add up:

    w = w_intermediate(m_int; g = 1) x BR(int -> FIP + X; m),
    coupling power = n_via + n_decay.

The intermediate decays where it was made (prompt: z0 is kept); a long-lived
intermediate would need its decay point sampled, which no model needs yet.

The intermediate's channel may name a stand-alone mechanism (``needs_channel`` False:
electron bremsstrahlung of an A', which yields A' per beam particle at eps = 1 and knows
nothing of the model's coupling). Its ``br`` is then the factor from that unit-eps
yield to the model's unit coupling (eps^2 at y = 1 for light dark matter), applied
here, and its ``coupling_power`` replaces the mechanism's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ..kinematics import two_body_decay
from ..models.base import ChainedChannel
from ..sample import FIPSample, empty_sample
from . import Mechanism, MonteCarlo, get_mechanism


def _chained(
    search: Any,
    model: Any,
    channel: ChainedChannel,
    params: Mapping[str, Any],
    mass: float,
    rng: np.random.Generator,
    mc: MonteCarlo,
) -> FIPSample:
    m_int = float(channel.intermediate_mass(mass))
    m_rec = float(mass if channel.pair else channel.recoil_mass(mass))
    inner_ch = model.production_channels()[channel.via]
    power = inner_ch.coupling_power + channel.coupling_power
    br = float(channel.br(np.float64(mass)))
    if mass + m_rec > m_int or br <= 0:
        return empty_sample(mass, channel.label, power)
    mech = get_mechanism(inner_ch.mechanism)
    inner = mech.sample(search, model, inner_ch, params, m_int, rng, mc)
    if len(inner) == 0:
        return empty_sample(mass, channel.label, power)
    weight = inner.weight
    if not mech.needs_channel:  # a stand-alone mechanism's yield at its own unit coupling
        weight = weight * float(inner_ch.br(np.float64(m_int)))
    w, p1, p2 = two_body_decay(weight, inner.p, m_int, mass, m_rec, rng, return_recoil=True)
    if channel.pair:
        w, p, z0 = np.r_[w, w], np.r_[p1, p2], np.r_[inner.z0, inner.z0]
    else:
        p, z0 = p1, inner.z0
    return FIPSample(mass, w * br, p, z0, coupling_power=power, mechanism=channel.label)


CHAINED_DECAY = Mechanism("chained_decay", _chained)
