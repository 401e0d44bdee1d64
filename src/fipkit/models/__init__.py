"""FIP models, one module per portal. ``get_model(name, **params)`` is the registry.

A new model is a module with a :class:`Model` subclass and a line in ``_REGISTRY`` (or a
:func:`register_model` call, e.g. from a test or a user's plug-in).
"""

from __future__ import annotations

import importlib
from typing import Any

from ..errors import FipkitInputError
from .base import ChainedChannel, Model, ProductionChannel, ThreeBodyChannel, flag, parameter

_REGISTRY: dict[str, str | type[Model]] = {
    "alp-fermion": "fipkit.models.alp:ALPFermion",
    "b-minus-l": "fipkit.models.vector:BMinusL",
    "baryonic": "fipkit.models.vector:Baryonic",
    "alp-photon": "fipkit.models.alp:ALPPhoton",
    "dark-photon": "fipkit.models.dark_photon:DarkPhoton",
    "dark-photon-invisible": "fipkit.models.ldm:DarkPhotonInvisible",
    "dark-scalar": "fipkit.models.dark_scalar:DarkScalar",
    "hnl": "fipkit.models.hnl:HNL",
    "hnl-e": "fipkit.models.hnl:HNLe",
    "hnl-mu": "fipkit.models.hnl:HNLmu",
    "hnl-tau": "fipkit.models.hnl:HNLtau",
    "ldm-majorana": "fipkit.models.ldm:LDMMajorana",
    "ldm-pseudo-dirac": "fipkit.models.ldm:LDMPseudoDirac",
    "ldm-scalar": "fipkit.models.ldm:LDMScalar",
    "lmu-ltau": "fipkit.models.vector:LmuMinusLtau",
    "millicharge": "fipkit.models.millicharge:Millicharge",
    "protophobic": "fipkit.models.vector:Protophobic",
    "vector": "fipkit.models.vector:Vector",
}


def register_model(cls: type[Model]) -> type[Model]:
    """Add a model class (a plug-in) to the registry under ``cls.name``."""
    _REGISTRY[cls.name] = cls
    return cls


def model_names() -> list[str]:
    return sorted(_REGISTRY)


def model_class(name: str) -> type[Model]:
    if name not in _REGISTRY:
        raise FipkitInputError(f"unknown model '{name}'; valid models: {', '.join(model_names())}")
    entry = _REGISTRY[name]
    if isinstance(entry, str):
        mod, cls = entry.split(":")
        entry = getattr(importlib.import_module(mod), cls)
        _REGISTRY[name] = entry
    return entry


def get_model(name: str, **params: Any) -> Model:
    """The model called ``name`` (see :func:`model_names`) with physics ``params``
    (validated: an unknown parameter or a value out of range is a FipkitInputError)."""
    return model_class(name)().with_parameters(**params) if params else model_class(name)()


__all__ = [
    "ChainedChannel",
    "ThreeBodyChannel",
    "Model",
    "ProductionChannel",
    "flag",
    "get_model",
    "model_class",
    "model_names",
    "parameter",
    "register_model",
]
