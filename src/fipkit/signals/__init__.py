"""Signal techniques of the review's Section 4, one module per technique, in one registry.

A technique turns (model, search, masses, couplings) into a :class:`Signal`: the ratio
R[mass, coupling] of the predicted signal to what the search allows (R >= 1 is
excluded or reached), with its statistics and method text. The reach engine
(:func:`fipkit.reach.compute_reach`) looks the technique up by the search's
``technique`` and extracts the region where R >= 1; it has no branch per technique.

A new technique is a module with a :class:`Technique` and a line in ``_BUILTIN`` plus
its parameters in the catalog's ``techniques.yaml`` (or a :func:`register_technique`
call from anywhere, e.g. a test or a user's plug-in, which also tells the catalog its
parameters). The catalog accepts no other technique-specific keys.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import FipkitInputError
from ..experiments import TechniqueSchema, register_technique_schema, technique_schema


@dataclass(frozen=True)
class Signal:
    """ratio : (n_mass, n_coupling) predicted / allowed (>= 1: in the region).
    statistics : how the allowed signal was set (one line). method : how R was computed."""

    ratio: np.ndarray
    statistics: str
    method: str


@dataclass(frozen=True)
class Technique:
    """A signal technique.

    evaluate : (model, search, masses, couplings, mc) -> Signal, with ``mc`` the
        :class:`fipkit.production.MonteCarlo` settings (seed, sample sizes).
    parameters : technique-specific catalog keys, name -> meaning.
    required : those of ``parameters`` every search of this technique must give.
    """

    name: str
    evaluate: Callable[..., Signal]
    parameters: Mapping[str, str] = field(default_factory=dict)
    required: tuple[str, ...] = ()

    @classmethod
    def builtin(cls, name: str, evaluate: Callable[..., Signal]) -> Technique:
        """A shipped technique, with its parameters from the catalog's techniques.yaml."""
        s = technique_schema(name)
        return cls(name, evaluate, s.parameters, s.required)


_BUILTIN = {
    "decay_in_volume": "fipkit.signals.decay_in_volume:TECHNIQUE",
    "bump_hunt": "fipkit.signals.bump_hunt:TECHNIQUE",
    "fixed_target_bump_hunt": "fipkit.signals.fixed_target_bump_hunt:TECHNIQUE",
    "dalitz_bump_hunt": "fipkit.signals.dalitz_bump_hunt:TECHNIQUE",
    "missing_mass": "fipkit.signals.missing_mass:TECHNIQUE",
    "displaced_vertex_br": "fipkit.signals.displaced_vertex_br:TECHNIQUE",
    "peak_search": "fipkit.signals.peak_search:TECHNIQUE",
    "missing_energy": "fipkit.signals.missing_energy:TECHNIQUE",
    "mono_photon": "fipkit.signals.mono_photon:TECHNIQUE",
    "three_photon": "fipkit.signals.three_photon:TECHNIQUE",
    "missing_momentum": "fipkit.signals.missing_momentum:TECHNIQUE",
    "scintillator_layers": "fipkit.signals.scintillator_layers:TECHNIQUE",
    "electron_scattering": "fipkit.signals.electron_scattering:TECHNIQUE",
}
_REGISTERED: dict[str, Technique] = {}


def register_technique(technique: Technique) -> Technique:
    """Add a technique (a plug-in) to the registry and its parameters to the catalog."""
    _REGISTERED[technique.name] = technique
    register_technique_schema(
        technique.name, TechniqueSchema(dict(technique.parameters), tuple(technique.required))
    )
    return technique


def technique_names() -> list[str]:
    return sorted({*_BUILTIN, *_REGISTERED})


def get_technique(name: str) -> Technique:
    """The technique called ``name``, or a clear error listing the valid ones."""
    if name not in _REGISTERED:
        if name not in _BUILTIN:
            raise FipkitInputError(
                f"unknown technique '{name}'; valid: {', '.join(technique_names())}"
            )
        mod, attr = _BUILTIN[name].split(":")
        _REGISTERED[name] = getattr(importlib.import_module(mod), attr)
    return _REGISTERED[name]


def channel_of(model: Any, search: Any, key: str = "decay") -> Any:
    """The model's production channel named by the search parameter ``key`` (one name,
    or one per model: :meth:`fipkit.experiments.Search.param_for`)."""
    name = search.param_for(key, model)
    channels = model.production_channels()
    if name not in channels:
        raise FipkitInputError(
            f"{search.name}: {key} '{name}' is not a production channel of {model.name}; "
            f"its channels: {', '.join(channels) or 'none'}"
        )
    return channels[name]
