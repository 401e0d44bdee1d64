"""The Curve of a bound: what every registered bound (:mod:`fipkit.cosmo`) returns."""

from __future__ import annotations

import numpy as np

from ..curves import Curve, inputs_hash


def _curve(model, masses, lo, hi, experiment, kind, label, method, refs, cl=Curve.cl):
    """A Curve of ``model`` from per-mass edges ``lo``, ``hi`` (``inf``: no upper edge) at
    confidence level ``cl``; masses without a region (NaN, non-positive or empty
    interval) are dropped."""
    lo, hi = np.asarray(lo, float), np.asarray(hi, float)
    ok = np.isfinite(lo) & (lo > 0) & ((hi > lo) | ~np.isfinite(hi))
    return Curve(
        np.asarray(masses)[ok],
        lo[ok],
        hi[ok],
        model=model.name,
        experiment=experiment,
        kind=kind,
        quantity=model.coupling_name,
        quantity_label=model.coupling_label,
        method=method,
        references=list(refs),
        label=label,
        inputs_hash=inputs_hash([experiment, model.spec(), list(map(float, masses))]),
        cl=float(cl),
    )


def excluded_above(model, masses, lo, exp, method):
    """The Curve of an experiment record ``exp`` (its ``name``, ``kind``, ``label``,
    ``references`` and ``cl``) that excludes (or reaches) every coupling above ``lo``
    at each mass: the laboratory axion searches of :mod:`.light_shining`,
    :mod:`.helioscope` and :mod:`.haloscope`."""
    lo = np.asarray(lo, float)
    hi = np.full_like(lo, np.inf)
    return _curve(
        model, masses, lo, hi, exp.name, exp.kind, exp.label, method, exp.references, exp.cl
    )
