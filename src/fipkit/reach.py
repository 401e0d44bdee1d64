"""One model x one search -> one Curve: orchestration only.

:func:`compute_reach` checks that the model belongs to the search and that the search's
production is available for the model, looks the technique up in the registry
(:mod:`fipkit.signals`), evaluates R = predicted / allowed on the (mass x coupling)
grid, and extracts the region R >= 1 (:func:`fipkit.engine.region_rows`).

Edges are found, not assumed: where the region still holds at the first (last) grid
coupling, the coupling axis is extended with the grid's own log step, by
``EXTEND_DECADES`` at a time, for the masses that need it, until the edge is crossed,
the model's physical coupling limit is reached (an upper edge there is the physical
end of the axis, e.g. eps = 1), or ``MAX_EXTENSION_DECADES`` were added. An edge that
is still not found is marked open in the Curve (and written as NaN / null in files).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .curves import Curve, inputs_hash
from .engine import region_rows
from .errors import FipkitInputError
from .production import MonteCarlo, check_entry
from .signals import get_technique

DEFAULT_MASSES = np.logspace(-3, 1, 41)  # GeV
EXTEND_DECADES = 2.0
MAX_EXTENSION_DECADES = 12.0


def default_grid(model: Any, search: Any = None) -> tuple[np.ndarray, np.ndarray]:
    """Default (masses, couplings) of ``fipkit reach`` for ``model``."""
    lo, hi = model.mass_range
    masses = DEFAULT_MASSES[(DEFAULT_MASSES >= lo) & (DEFAULT_MASSES <= hi)]
    a, b, n = model.default_couplings
    return masses, np.logspace(a, b, int(n))


def check_pair(model: Any, search: Any) -> None:
    """A clear error unless ``search`` computes ``model`` with available production."""
    if not search.covers(model):
        raise FipkitInputError(
            f"{search.name} does not search for {model.name}; it computes: "
            f"{', '.join(search.models)}"
        )
    for entry in search.production_for(model):
        check_entry(model, entry)


def _extend(
    evaluate, masses: np.ndarray, g: np.ndarray, ratio: np.ndarray, model: Any
) -> tuple[np.ndarray, np.ndarray]:
    """Extend the coupling axis where the region touches it (see module docstring)."""
    if len(g) < 2:
        return g, ratio
    step = np.log10(g[-1] / g[0]) / (len(g) - 1)
    if step <= 0:
        return g, ratio
    n_new = max(1, int(np.ceil(EXTEND_DECADES / step)))
    g_max = model.coupling_range[1]
    added_lo = 0.0
    while True:
        inside = ratio >= 1
        none = np.zeros(0, int)
        lo_rows = np.nonzero(inside[:, 0])[0] if added_lo < MAX_EXTENSION_DECADES else none
        hi_rows = np.nonzero(inside[:, -1])[0] if g[-1] < g_max * (1 - 1e-12) else none
        if len(lo_rows) == 0 and len(hi_rows) == 0:
            return g, ratio
        if len(lo_rows):
            new = g[0] * 10.0 ** (-step * np.arange(n_new, 0, -1))
            block = np.zeros((len(masses), n_new))
            block[lo_rows] = evaluate(masses[lo_rows], new)
            g, ratio = np.r_[new, g], np.hstack([block, ratio])
            added_lo += n_new * step
        if len(hi_rows):
            new = g[-1] * 10.0 ** (step * np.arange(1, n_new + 1))
            new = np.unique(np.minimum(new, g_max))
            block = np.zeros((len(masses), len(new)))
            block[hi_rows] = evaluate(masses[hi_rows], new)
            g, ratio = np.r_[g, new], np.hstack([ratio, block])


def compute_reach(
    model: Any,
    search: Any,
    masses: Any = None,
    couplings: Any = None,
    seed: int = 1,
    events: int | None = None,
) -> Curve:
    """The region of ``search`` in the (mass, coupling) plane of ``model``.

    model, search : objects from :func:`fipkit.models.get_model` and
    :func:`fipkit.experiments.get_experiment`; seed, events : Monte Carlo seed and
    sample size per mass and mechanism (None: the defaults). Returns a Curve.
    """
    mc = MonteCarlo(seed, events)
    check_pair(model, search)
    technique = get_technique(search.technique)
    dm, dg = default_grid(model, search)
    masses = dm if masses is None else model.check_mass(np.atleast_1d(masses))
    couplings = dg if couplings is None else model.check_coupling(np.atleast_1d(couplings))
    masses, couplings = np.asarray(masses, float), np.sort(np.asarray(couplings, float))
    spec = [
        model.spec(),
        search.spec(),
        list(map(float, masses)),
        list(map(float, couplings)),
        seed,
        events,
    ]
    signal = technique.evaluate(model, search, masses, couplings, mc)

    def more(m: np.ndarray, g: np.ndarray) -> np.ndarray:
        return technique.evaluate(model, search, m, g, mc).ratio

    g, ratio = _extend(more, masses, couplings, signal.ratio, model)
    rows = region_rows(masses, g, ratio, 1.0)
    at_limit = np.isclose(g[-1], model.coupling_range[1], rtol=1e-12)
    method = signal.method
    if model.describe_parameters():
        method += f"; {model.name} with {model.describe_parameters()}"
    return Curve(
        rows.mass,
        rows.low,
        rows.high,
        model=model.name,
        experiment=search.name,
        kind="limit" if search.kind == "limit" else "projection",
        quantity=model.coupling_name,
        quantity_label=model.coupling_label,
        cl=search.cl,
        method=method,
        statistics=signal.statistics,
        references=list(search.references),
        label=search.label,
        inputs_hash=inputs_hash(spec),
        notes=search.notes,
        low_open=rows.low_at_grid,
        high_open=rows.high_at_grid & (not at_limit),
        grid={
            "masses_GeV": [float(x) for x in masses],
            "couplings": [float(couplings[0]), float(couplings[-1]), len(couplings)],
            "seed": seed,
            "events": events,
        },
    )
