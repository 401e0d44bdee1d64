"""The Curve of a bound: what every registered bound (:mod:`fipkit.cosmo`) returns."""

from __future__ import annotations

import numpy as np

from ..curves import Curve, inputs_hash


def _curve(model, masses, lo, hi, experiment, kind, label, method, refs):
    """A Curve of ``model`` from per-mass edges ``lo``, ``hi`` (``inf``: no upper edge);
    masses without a region (NaN, non-positive or empty interval) are dropped."""
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
    )
