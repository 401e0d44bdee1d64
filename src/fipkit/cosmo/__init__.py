"""Cosmological, astrophysical and precision bounds, and thermal targets, as Curves.

Bounds are registered like the signal techniques: a bound is a name, the models it
applies to (model families such as ``"vector"`` or ``"scalar"``, model names, or a
predicate on the model) and a callable ``(model, masses) -> Curve`` whose Curve carries
an explicit method string and references. The physics that differs between models
comes from the model (its lifetime, branching ratios, width power) or from a table keyed
on ``model.family`` (e.g. the SN1987A emission rates, :data:`supernova.EMISSION`); no
bound tests a model name. ::

    list(bounds_for(get_model("dark-scalar")))       # ['SN1987A', 'BBN']
    compute_bounds(get_model("dark-photon"), masses)  # {'g-2_e': Curve, ...}

A new bound is one call, from any module::

    register_bound("my-bound", ("vector",), my_curve_function)
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import FipkitInputError


@dataclass(frozen=True, eq=False)
class Bound:
    """A registered bound: ``bound(model, masses)`` is its Curve on ``masses`` (GeV).

    applies_to : model families and/or model names (a collection, looked up when asked,
        so a table that grows later widens the bound), or a predicate ``model -> bool``.
    compute : ``(model, masses) -> Curve``; the Curve's ``method`` and ``references``
        are explicit strings of the module that computes it.
    """

    name: str
    applies_to: Collection[str] | Callable[[Any], bool]
    compute: Callable[[Any, np.ndarray], Any]

    def applies(self, model) -> bool:
        if callable(self.applies_to):
            return bool(self.applies_to(model))
        return model.family in self.applies_to or model.name in self.applies_to

    def __call__(self, model, masses):
        if not self.applies(model):
            raise FipkitInputError(f"bound '{self.name}' does not apply to {model.name}")
        return self.compute(model, np.asarray(masses, float))


_BOUNDS: dict[str, Bound] = {}


def register_bound(
    name: str,
    applies_to: str | Collection[str] | Callable[[Any], bool],
    fn: Callable[[Any, np.ndarray], Any],
    *,
    replace: bool = False,
) -> Bound:
    """Register ``fn(model, masses) -> Curve`` as the bound ``name`` for the models in
    ``applies_to`` (a family or model name, a collection of them, or a predicate).
    Re-registering a name needs ``replace=True``."""
    if name in _BOUNDS and not replace:
        raise ValueError(f"bound '{name}' is already registered")
    if isinstance(applies_to, str):
        applies_to = (applies_to,)
    bound = Bound(name, applies_to, fn)
    _BOUNDS[name] = bound
    return bound


def unregister_bound(name: str) -> None:
    """Remove the bound ``name`` (a no-op if it is not registered)."""
    _BOUNDS.pop(name, None)


def bound_names() -> list[str]:
    """Every registered bound, in registration order."""
    return list(_BOUNDS)


def get_bound(name: str) -> Bound:
    """The bound called ``name`` (see :func:`bound_names`)."""
    try:
        return _BOUNDS[name]
    except KeyError:
        raise FipkitInputError(
            f"unknown bound '{name}'; valid bounds: {', '.join(bound_names())}"
        ) from None


def bounds_for(model) -> dict[str, Bound]:
    """The bounds that apply to ``model``, by name, in registration order."""
    return {n: b for n, b in _BOUNDS.items() if b.applies(model)}


def compute_bounds(model, masses, names=None) -> dict:
    """{name: Curve} of the bounds ``names`` (default: every bound of ``model``), in that
    order, on ``masses`` (GeV)."""
    names = list(bounds_for(model)) if names is None else list(names)
    return {n: get_bound(n)(model, masses) for n in names}


# -- the bounds fipkit ships ------------------------------------------------
from . import (  # noqa: E402
    direct_detection,
    g_minus_2,
    haloscope,
    helioscope,
    hnl_bounds,
    light_shining,
    millicharge_bounds,
    neff,
    neutrino_electron,
    neutrino_trident,
    qcd_axion,
    relic_curve,
    scalar_bounds,
    supernova,
)

register_bound("g-2_e", g_minus_2.couples_to("e"), g_minus_2.electron_curve)
register_bound("g-2_mu", g_minus_2.couples_to("mu"), g_minus_2.muon_band_curve)
register_bound("SN1987A", supernova.applies, supernova.sn1987a_curve)
register_bound("N_eff", neff.applies, neff.neff_curve)
register_bound("CCFR", neutrino_trident.applies, neutrino_trident.trident_curve)
for _m in neutrino_electron.MEASUREMENTS:
    register_bound(_m.name, neutrino_electron.applies_to(_m), neutrino_electron.curve_for(_m))
register_bound(
    "Borexino",
    neutrino_electron.applies_to(neutrino_electron.TEXONO),  # nu_e and e couplings
    neutrino_electron.borexino_curve,
)
register_bound("BBN", "scalar", scalar_bounds.bbn_curve)
register_bound("BBN-HNL", "fermion", hnl_bounds.bbn_curve)
register_bound("seesaw", "fermion", hnl_bounds.seesaw_curve)
_ALP = ("alp-photon",)
register_bound("QCD-axion", _ALP, qcd_axion.qcd_band_curve)
register_bound("OSQAR", _ALP, light_shining.osqar_curve)
register_bound("ALPS-II", _ALP, light_shining.alps2_curve)
register_bound("CAST", _ALP, helioscope.cast_curve)
register_bound("BabyIAXO", _ALP, helioscope.baby_iaxo_curve)
register_bound("IAXO", _ALP, helioscope.iaxo_curve)
register_bound("ADMX", _ALP, haloscope.admx_curve)
register_bound("MADMAX", _ALP, haloscope.madmax_curve)
_LDM = ("ldm-scalar", "ldm-majorana", "ldm-pseudo-dirac")
register_bound("relic-target", _LDM, relic_curve.relic_target_curve)
_ELASTIC = ("ldm-scalar",)  # direct detection: the elastic scalar only (docstring there)
register_bound("CRESST-III", _ELASTIC, direct_detection.cresst3_curve)
register_bound("CRESST-II", _ELASTIC, direct_detection.cresst2_curve)
register_bound("SENSEI", _ELASTIC, direct_detection.sensei_curve)
register_bound("SuperCDMS-SNOLAB", _ELASTIC, direct_detection.supercdms_snolab_curve)
register_bound("DAMIC-M", _ELASTIC, direct_detection.damic_m_curve)
register_bound("o-Ps", "millicharge", millicharge_bounds.ops_curve)
register_bound("CMS-fractional", "millicharge", millicharge_bounds.cms_curve)
register_bound("N_eff-millicharge", "millicharge", neff.millicharge_neff_curve)

__all__ = [
    "Bound",
    "bound_names",
    "bounds_for",
    "compute_bounds",
    "get_bound",
    "register_bound",
    "unregister_bound",
]
