"""FIP production: mechanisms that turn a beam into weighted FIP samples at unit coupling.

A search lists its production in the catalog (``production: [pi0, eta, proton_brem]``).
Each name is either a production channel that the model declares
(:meth:`fipkit.models.Model.production_channels`: parents, recoil mass, BR at unit
coupling, coupling power, and the mechanism that generates it) or a mechanism that
needs no channel (bremsstrahlung, which asks the model for its ``brem_kind``).
Mechanisms are found through one registry; a new one is a module with a
:class:`Mechanism` and a :func:`register_mechanism` call (or a line in ``_BUILTIN``).

Mechanisms shipped:

* ``meson_decay``: two-body decays of parent mesons from the facility's spectra
  (pi0/eta/eta'/omega -> X A', K -> pi S, B -> K(*) S, ...);
* ``pair_decay``: a parent decaying to two FIPs at a fixed BR (h -> S S, BC5);
* ``chained_decay``: a FIP of another channel decays to the FIP that is detected
  (meson -> gamma A', A' -> chi chi), :mod:`fipkit.production.chain`;
* ``three_body_decay``: P -> X l N (K, D, B semileptonic, tau decays), q2 strata of
  two-body decays, :mod:`fipkit.production.three_body`;
* ``primakoff``: photons of meson decays converting to ALPs on the target's nuclei,
  gamma Z -> a Z, and ``primakoff_shower``, the photons of an electron dump's shower,
  :mod:`fipkit.production.primakoff`;
* ``proton_brem``: proton bremsstrahlung (quasi-real approximation);
* ``electron_brem_thick``: electron bremsstrahlung in a thick target (shower track length);
* ``electron_brem_thin``: thin-target bremsstrahlung (parameter ``thickness_X0``; ``exact``
  scales it to the exact tree-level cross section);
* ``muon_decay``: mu -> e nu nu A' of muons decaying at rest (Mu3e),
  :mod:`fipkit.production.muon_decay`.
"""

from __future__ import annotations

import importlib
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import FipkitInputError
from ..sample import FIPSample

#: default Monte Carlo sizes (per mass and mechanism). Meson decays into a decay volume
#: choose their number of parents per channel and species adaptively
#: (:func:`fipkit.production.meson_decay.sample_size`) for a predicted standard
#: deviation of log10 of the lower edge of PRECISION_DEX: at least N_PARENTS_MIN each,
#: at most N_PARENTS over all the search's meson-decay channels at one mass. N_PARENTS
#: is also the size per species where nothing is predicted (B factory, h -> S S, no
#: decay volume)
N_PARENTS = 30_000
N_PARENTS_MIN = 500
PRECISION_DEX = 0.0025
N_BREM = 20_000
#: emissions per mass for proton bremsstrahlung (azimuths steered towards the volume)
N_PROTON_BREM = 10_000


@dataclass(frozen=True)
class MonteCarlo:
    """How production is sampled: the seed; ``events``, the number of FIPs (parents
    for meson decays, emissions for bremsstrahlung) drawn per mass and mechanism, None
    for each mechanism's default (``N_BREM``, ``N_PROTON_BREM``; adaptive for meson
    decays); and ``precision``, the standard deviation of log10 of a lower edge that
    the adaptive meson-decay sample size aims at (``PRECISION_DEX``)."""

    seed: int = 1
    events: int | None = None
    precision: float = PRECISION_DEX

    def __post_init__(self) -> None:
        if not isinstance(self.seed, int) or self.seed < 0:
            raise FipkitInputError(f"seed must be a whole number >= 0, got {self.seed!r}")
        if self.events is not None and (not isinstance(self.events, int) or self.events < 100):
            raise FipkitInputError(f"events must be a whole number >= 100, got {self.events!r}")
        if not (isinstance(self.precision, float | int) and 1e-4 <= self.precision <= 1):
            raise FipkitInputError(
                f"precision must be a number in [1e-4, 1] (dex), got {self.precision!r}"
            )

    def n(self, default: int) -> int:
        """Sample size for a mechanism whose default is ``default``."""
        return default if self.events is None else self.events


@dataclass(frozen=True)
class Mechanism:
    """A production mechanism.

    sample : (search, model, channel or None, entry parameters, mass, rng, mc) -> FIPSample,
        with ``mc`` the :class:`MonteCarlo` settings (sample sizes).
    parameters : catalog keys it reads from a production entry, with their meaning.
    needs_channel : True when it generates a model's declared channel (a meson decay),
        False when it stands alone (bremsstrahlung).
    brem_kinds : for stand-alone mechanisms, the model ``brem_kind`` values it serves.
    """

    name: str
    sample: Callable[..., FIPSample]
    parameters: Mapping[str, str] = field(default_factory=dict)
    needs_channel: bool = True
    brem_kinds: tuple[str, ...] = ()
    #: the particle the FIP is radiated from ("electron", "proton", "electron+muon"): the
    #: samples are scaled by ``model.production_scale(couples_to, mass)`` (charged vectors)
    couples_to: str = ""


_BUILTIN = {
    "meson_decay": "fipkit.production.meson_decay:MESON_DECAY",
    "pair_decay": "fipkit.production.meson_decay:PAIR_DECAY",
    "chained_decay": "fipkit.production.chain:CHAINED_DECAY",
    "three_body_decay": "fipkit.production.three_body:THREE_BODY_DECAY",
    "primakoff": "fipkit.production.primakoff:PRIMAKOFF",
    "primakoff_shower": "fipkit.production.primakoff:PRIMAKOFF_SHOWER",
    "proton_brem": "fipkit.production.proton_brem:PROTON_BREM",
    "electron_brem_thick": "fipkit.production.electron_brem:ELECTRON_BREM_THICK",
    "electron_brem_thin": "fipkit.production.electron_brem:ELECTRON_BREM_THIN",
    "muon_decay": "fipkit.production.muon_decay:MUON_DECAY",
}
_REGISTERED: dict[str, Mechanism] = {}


def register_mechanism(mechanism: Mechanism) -> Mechanism:
    """Add a production mechanism (a plug-in) to the registry."""
    _REGISTERED[mechanism.name] = mechanism
    return mechanism


def mechanism_names() -> list[str]:
    return sorted({*_BUILTIN, *_REGISTERED})


def get_mechanism(name: str) -> Mechanism:
    if name not in _REGISTERED:
        if name not in _BUILTIN:
            raise FipkitInputError(
                f"unknown production mechanism '{name}'; valid: {', '.join(mechanism_names())}"
            )
        mod, attr = _BUILTIN[name].split(":")
        _REGISTERED[name] = getattr(importlib.import_module(mod), attr)
    return _REGISTERED[name]


def entry_name(entry: str | Mapping[str, Any]) -> str:
    """The name of a catalog production entry (a string or ``{mechanism: name, ...}``)."""
    return entry if isinstance(entry, str) else str(entry["mechanism"])


def entry_parameters(entry: str | Mapping[str, Any]) -> dict[str, Any]:
    return {} if isinstance(entry, str) else {k: v for k, v in entry.items() if k != "mechanism"}


def resolve(model: Any, entry: str | Mapping[str, Any]) -> tuple[Mechanism, Any]:
    """(mechanism, channel or None) that produce ``entry`` for ``model``, or a clear error."""
    name = entry_name(entry)
    channels = model.production_channels()
    if name in channels:
        ch = channels[name]
        return get_mechanism(ch.mechanism), ch
    if name in _BUILTIN or name in _REGISTERED:
        mech = get_mechanism(name)
        if not mech.needs_channel and model.brem_kind in mech.brem_kinds:
            return mech, None
    valid = sorted(
        [*channels]
        + [
            n
            for n in mechanism_names()
            if not get_mechanism(n).needs_channel and model.brem_kind in get_mechanism(n).brem_kinds
        ]
    )
    raise FipkitInputError(
        f"production '{name}' is not available for {model.name}; valid: {', '.join(valid)}"
    )


def expand(model: Any, entries: Any) -> list[str | Mapping[str, Any]]:
    """Catalog production entries with the model's groups (e.g. the HNL's ``charm``: every
    D and D_s channel, :meth:`fipkit.models.Model.production_groups`) replaced by their
    channel names; a group takes no parameters."""
    groups = model.production_groups()
    out: list[str | Mapping[str, Any]] = []
    for entry in entries:
        name = entry_name(entry)
        if name in groups:
            if entry_parameters(entry):
                raise FipkitInputError(f"production group '{name}' takes no parameters")
            out.extend(groups[name])
        else:
            out.append(entry)
    return out


def search_entries(search: Any, model: Any) -> list[str | Mapping[str, Any]]:
    """The production entries of ``search`` for ``model``, groups expanded."""
    return expand(model, search.production_for(model))


def check_entry(model: Any, entry: str | Mapping[str, Any]) -> None:
    """Raise a clear error if ``entry`` cannot be produced for ``model`` or has unknown keys."""
    if entry_name(entry) in model.production_groups():
        for e in expand(model, [entry]):
            check_entry(model, e)
        return
    mech, _ = resolve(model, entry)
    for k in entry_parameters(entry):
        if k not in mech.parameters:
            allowed = ", ".join(sorted(mech.parameters)) or "none"
            raise FipkitInputError(
                f"production '{entry_name(entry)}': unknown parameter '{k}'; allowed: {allowed}"
            )


def rng_for(seed: int, *keys: Any) -> np.random.Generator:
    """A generator fixed by the seed and the keys (experiment, mechanism, mass)."""
    words = [seed] + [zlib.crc32(str(k).encode()) for k in keys]
    return np.random.default_rng(np.random.SeedSequence(words))


def entry_scales(search: Any, model: Any, mass: float) -> list[float]:
    """The ``model.production_scale`` applied at ``mass`` (GeV) to each production entry of
    ``search`` by :func:`fip_samples` (1 for channels and for models the mechanisms are
    written for)."""
    out = []
    for entry in search_entries(search, model):
        mech, _ = resolve(model, entry)
        scale = model.production_scale(mech.couples_to, mass) if mech.couples_to else 1.0
        out.append(float(scale))
    return out


def fip_samples(
    search: Any, model: Any, mass: float, mc: MonteCarlo | None = None, scaled: bool = True
) -> list[FIPSample]:
    """One FIPSample per production entry of ``search`` for ``model`` at ``mass`` (GeV);
    ``scaled=False`` leaves out ``model.production_scale`` (:func:`entry_scales`)."""
    mc = MonteCarlo() if mc is None else mc
    out = []
    for entry in search_entries(search, model):
        mech, channel = resolve(model, entry)
        name = entry_name(entry)
        rng = rng_for(mc.seed, search.name, name, f"{mass:.9g}")
        sample = mech.sample(search, model, channel, entry_parameters(entry), mass, rng, mc)
        scale = model.production_scale(mech.couples_to, mass) if mech.couples_to else 1.0
        if scaled and scale != 1.0:
            sample.weight = sample.weight * scale
        out.append(sample)
    return out
