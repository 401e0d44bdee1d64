"""A review figure as data: :class:`FigureSpec`, and the one way to compute and draw it.

A spec names the model (and its parameters), the searches whose curves the figure
draws (``limits`` filled, ``projections`` as lines, both from the experiment catalog),
the bounds (names in the :mod:`fipkit.cosmo` registry, filled), the grids, the axes and
``extras``: callables ``extra(ax, spec)`` drawn over the curves, such as
:class:`VerticalLines`. :func:`curves` computes every curve, :func:`draw` makes the
matplotlib Figure (no backend needed).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np


def _grid(values) -> np.ndarray:
    g = np.array(values, dtype=float)
    g.setflags(write=False)
    return g


@dataclass(frozen=True, eq=False)
class FigureSpec:
    """One parameter-space figure.

    name : short name, e.g. "fig2" (``fipkit figure NAME``).
    title : drawn over the figure.
    model : model name (:func:`fipkit.models.get_model`); ``model_parameters`` are its
        physics parameters (dataclass fields of the model), {} for the defaults.
    limits, projections : search names of the experiment catalog; limits are drawn
        filled, projections as lines, in this order (stable colours and legend).
    bounds : bound names of the :mod:`fipkit.cosmo` registry, drawn filled after the
        limits (or as the kind of their Curve says).
    masses, couplings : the grids (GeV; the model's coupling) of the search curves;
        bounds are computed on ``masses``.
    xlim, ylim, xlabel : axes; ``ylabel`` defaults to the model's coupling label.
    extras : callables ``extra(ax, spec)`` drawn after the curves, before the legend.
    panels : further panels drawn below this one, each a FigureSpec of its own (model,
        curves, axes), e.g. the flavours of the HNL figure; user overlays go on the
        first panel.
    """

    name: str
    title: str
    model: str
    masses: np.ndarray
    couplings: np.ndarray
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    xlabel: str
    limits: tuple[str, ...] = ()
    projections: tuple[str, ...] = ()
    bounds: tuple[str, ...] = ()
    model_parameters: Mapping[str, Any] = field(default_factory=dict)
    ylabel: str | None = None
    extras: tuple[Callable[[Any, FigureSpec], None], ...] = ()
    panels: tuple[FigureSpec, ...] = ()

    def __post_init__(self) -> None:
        for name in ("limits", "projections", "bounds", "extras", "panels"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        for name in ("xlim", "ylim"):
            object.__setattr__(self, name, tuple(float(x) for x in getattr(self, name)))
        object.__setattr__(self, "masses", _grid(self.masses))
        object.__setattr__(self, "couplings", _grid(self.couplings))
        object.__setattr__(self, "model_parameters", dict(self.model_parameters))

    @property
    def searches(self) -> tuple[str, ...]:
        """Every catalog search of the figure: limits, then projections."""
        return self.limits + self.projections

    def build_model(self):
        """The model object, with ``model_parameters`` applied."""
        from ..models import get_model

        model = get_model(self.model)
        return model.with_parameters(**self.model_parameters) if self.model_parameters else model

    def replace(self, **changes) -> FigureSpec:
        """A copy with some fields changed (e.g. coarser grids)."""
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class VerticalLines:
    """Labelled dotted vertical lines at ``lines`` = ((x, label), ...): those inside the
    figure's x range go in the legend, the others (if ``note_off_scale``) are listed in
    a small note in the lower right corner."""

    lines: tuple[tuple[float, str], ...]
    note_off_scale: bool = True

    def __call__(self, ax, spec: FigureSpec) -> None:
        lo, hi = spec.xlim
        off = []
        for x, label in self.lines:
            if lo < x < hi:
                ax.axvline(x, color="0.3", ls=":", lw=1.5, label=label)
            else:
                off.append(label)
        if off and self.note_off_scale:
            ax.text(
                0.99,
                0.01,
                "\n".join(off),
                transform=ax.transAxes,
                ha="right",
                va="bottom",
                fontsize=6.5,
                color="0.3",
            )


def bound_curves(spec: FigureSpec, model=None) -> dict:
    """The spec's bounds as Curves on its masses, by name, in the spec's order."""
    from ..cosmo import compute_bounds

    model = spec.build_model() if model is None else model
    return compute_bounds(model, spec.masses, spec.bounds)


def curves(spec: FigureSpec, jobs=None, seed: int = 1, events: int | None = None) -> dict:
    """Every curve of the figure (its first panel) by name: limits, projections, then
    bounds (fixed order: stable colours and legend)."""
    return panel_curves(spec.replace(panels=()), jobs, seed, events)[0]


def panel_curves(spec: FigureSpec, jobs=None, seed: int = 1, events: int | None = None):
    """The curves of the spec and of each of its panels (one dict each, as
    :func:`curves`). The searches and bounds of every panel are computed in one pool of
    workers (:func:`fipkit.scan.panels_reach_and_bounds`), the bounds alongside the
    searches; a panel without searches has its bounds computed here."""
    specs = (spec, *spec.panels)
    models = [p.build_model() for p in specs]
    busy = [k for k, p in enumerate(specs) if p.searches]
    out: list[dict] = [{} for _ in specs]
    if busy:
        from .. import scan

        done = scan.panels_reach_and_bounds(
            [
                (models[k], specs[k].searches, specs[k].bounds, specs[k].masses, specs[k].couplings)
                for k in busy
            ],
            seed=seed,
            jobs=jobs,
            events=events,
            idle=_load_drawing,
        )
        for k, (searches, bounds) in zip(busy, done, strict=True):
            out[k] = {**searches, **bounds}
    for k, p in enumerate(specs):
        if not p.searches:
            out[k] = bound_curves(p, models[k])
    return out


def _load_drawing() -> None:
    """Import the drawing code (matplotlib: ~0.3 s) while the last curves finish."""
    from . import style  # noqa: F401


def draw(spec: FigureSpec, jobs=None, seed: int = 1, overlays=(), computed=None, events=None):
    """The figure as a :class:`matplotlib.figure.Figure`; ``computed`` are the curves of
    its first panel if already at hand (the other panels are computed), or of every
    panel (a list of dicts); else :func:`panel_curves` computes them all in one pool.
    ``overlays`` are user Curves, drawn dashed on the first panel."""
    if computed is None:
        computed = panel_curves(spec, jobs, seed, events)
    elif isinstance(computed, dict):
        rest = spec.panels[0].replace(panels=spec.panels[1:]) if spec.panels else None
        computed = [computed, *(panel_curves(rest, jobs, seed, events) if rest else [])]
    from .style import draw_figure, draw_panels  # after the curves: imported while the last finish

    if not spec.panels:
        return draw_figure(
            computed[0],
            spec.xlim,
            spec.ylim,
            spec.xlabel,
            _ylabel(spec),
            spec.title,
            overlays,
            extras=[lambda ax, e=e: e(ax, spec) for e in spec.extras],
        )
    rows = []
    for k, p in enumerate((spec, *spec.panels)):
        done = computed[k]
        extras = [lambda ax, e=e, p=p: e(ax, p) for e in p.extras]
        shown = overlays if k == 0 else ()
        rows.append((done, p.xlim, p.ylim, p.xlabel, _ylabel(p), p.title, shown, extras))
    return draw_panels(rows)


def _ylabel(spec: FigureSpec) -> str:
    return spec.ylabel if spec.ylabel is not None else spec.build_model().coupling_label
