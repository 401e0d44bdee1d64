"""FIP models, one module per portal. ``get_model(name)`` is the registry."""

from __future__ import annotations

from ..errors import FipkitInputError
from .base import Model

_REGISTRY: dict[str, str] = {
    "dark-photon": "fipkit.models.dark_photon:DarkPhoton",
    "dark-scalar": "fipkit.models.dark_scalar:DarkScalar",
}


def model_names() -> list[str]:
    return sorted(_REGISTRY)


def get_model(name: str) -> Model:
    """Return the model called ``name`` (see :func:`model_names`)."""
    import importlib

    if name not in _REGISTRY:
        raise FipkitInputError(f"unknown model '{name}'; valid models: {', '.join(model_names())}")
    mod, cls = _REGISTRY[name].split(":")
    return getattr(importlib.import_module(mod), cls)()


__all__ = ["Model", "get_model", "model_names"]
