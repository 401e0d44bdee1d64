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


def excluded_above_curve(model, masses, lo, name, label, method, refs):
    """The Curve of a bound that excludes every coupling above ``lo`` at each mass (NaN:
    none there): (g-2)_e, N_eff, tridents, nu-e scattering."""
    masses = np.asarray(masses, float)
    return _curve(
        model, masses, lo, np.full_like(masses, np.inf), name, "bound", label, method, refs
    )


def couplings_at_low_mass(model) -> dict[str, float]:
    """``model.fermion_couplings()`` as numbers (a loop-induced coupling at its q^2 -> 0
    value): what the bounds' predicates and strengths read."""
    return {k: float(np.ravel(v)[0]) for k, v in model.fermion_couplings().items()}


def first_crossing_g2(A, B, deviations) -> np.ndarray:
    """The smallest y = g^2 > 0 at which a ratio R = 1 + A y + B y^2 (arrays over masses)
    reaches 1 + d for any d in ``deviations`` (e.g. the upper and lower ends of a
    measurement's allowed band); inf where it never does."""
    A, B = np.asarray(A, float), np.asarray(B, float)
    best = np.full(np.broadcast(A, B).shape, np.inf)
    with np.errstate(invalid="ignore", divide="ignore"):
        for d in deviations:
            disc = A * A + 4 * B * d
            for sign in (1.0, -1.0):
                y = np.where(B != 0, (-A + sign * np.sqrt(disc)) / (2 * B), d / A)
                best = np.where((disc >= 0) & (y > 0) & (y < best), y, best)
    return best
