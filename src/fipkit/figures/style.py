"""Shared look of fipkit's parameter-space figures.

Figures are made with :class:`matplotlib.figure.Figure` directly, not through pyplot:
no backend is selected (nor needed) to draw and save them, and importing fipkit does
not change the caller's matplotlib backend.
"""

from __future__ import annotations

import matplotlib
import numpy as np
from matplotlib.figure import Figure

LIMIT_ALPHA = 0.55
_TAB20 = matplotlib.colormaps["tab20"].colors
#: fills: tab20's light shades, then Set3's pastels (a panel of more than 12 limits);
#: lines: tab20's dark shades, then Dark2's (more than 10 projections, e.g. Fig. 1)
LIMIT_COLOURS = [_TAB20[i] for i in (1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 0, 2)]
LIMIT_COLOURS += list(matplotlib.colormaps["Set3"].colors)
LINE_COLOURS = [_TAB20[i] for i in (0, 2, 4, 6, 8, 10, 12, 14, 16, 18)]
LINE_COLOURS += list(matplotlib.colormaps["Dark2"].colors)


def new_axes(xlim, ylim, xlabel, ylabel, title=""):
    fig = Figure(figsize=(11, 6.5), layout="constrained")
    ax = fig.add_subplot()
    _axes(ax, xlim, ylim, xlabel, ylabel)
    if title:  # over the whole figure: the legend takes the right third
        fig.suptitle(title, fontsize=11)
    return fig, ax


def _axes(ax, xlim, ylim, xlabel, ylabel) -> None:
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel(xlabel, fontsize=13)
    ax.set_ylabel(ylabel, fontsize=13)
    ax.grid(True, which="major", alpha=0.25)


TARGET_COLOUR = "goldenrod"


def draw_curve(ax, curve, color, filled: bool, ymax: float, linestyle="-", label=None):
    """Filled polygons for limits, outlines for projections; a projection without any
    upper edge (it reaches every larger coupling) is drawn as its lower edge only, not
    as an outline closed at the top of the axes."""
    label = curve.label if label is None else label
    if not filled and len(curve.high) and not np.isfinite(curve.high).any():
        ax.plot(curve.mass, curve.low, color=color, lw=1.8, ls=linestyle, label=label)
        return
    first = True
    for poly in curve.polygons(ymax=ymax):
        if filled:
            ax.fill(
                poly[:, 0],
                poly[:, 1],
                facecolor=color,
                edgecolor=color,
                alpha=LIMIT_ALPHA,
                lw=0.8,
                label=label if first else None,
            )
        else:
            ax.plot(
                poly[:, 0],
                poly[:, 1],
                color=color,
                lw=1.8,
                ls=linestyle,
                label=label if first else None,
            )
        first = False


def draw_figure(curves: dict, xlim, ylim, xlabel, ylabel, title, overlays=(), extras=()):
    """The common layout of fipkit's parameter-space figures: limits, bounds and targets
    filled; projections as lines; user overlays dashed black; then each of ``extras``,
    a callable ``extra(ax)`` (e.g. labelled vertical lines), before the legend."""
    fig, ax = new_axes(xlim, ylim, xlabel, ylabel, title)
    draw_panel(ax, curves, ylim, overlays, extras)
    return fig


def draw_panels(panels) -> Figure:
    """Panels one above the other; ``panels`` = [(curves, xlim, ylim, xlabel, ylabel,
    title, overlays, extras)], each titled on its own axes."""
    fig = Figure(figsize=(11, 6.0 * len(panels)), layout="constrained")
    colours = _colours([p[0] for p in panels])  # one colour per curve across the panels
    for k, (curves, xlim, ylim, xlabel, ylabel, title, overlays, extras) in enumerate(panels):
        ax = fig.add_subplot(len(panels), 1, k + 1)
        _axes(ax, xlim, ylim, xlabel, ylabel)
        ax.set_title(title, fontsize=10)
        draw_panel(ax, curves, ylim, overlays, extras, colours)
    return fig


def _colours(panels_curves) -> dict:
    """Colour per curve label over several panels (one experiment's searches for two
    flavours share a label), in order of first appearance: filled ones from
    LIMIT_COLOURS, lines from LINE_COLOURS (empty curves take none)."""
    out: dict = {}
    counts = {True: 0, False: 0}
    for curves in panels_curves:
        for c in curves.values():
            if c.empty or c.kind == "target" or c.label in out:
                continue
            filled = c.kind in ("limit", "bound")
            pool = LIMIT_COLOURS if filled else LINE_COLOURS
            out[c.label] = pool[counts[filled] % len(pool)]
            counts[filled] += 1
    return out


_TARGET_KEY = {False: "\nhatched: targets", True: "\nblack line: target"}


def _is_line(curve) -> bool:
    """A target of zero width (low == high), drawn as a line."""
    return bool(np.array_equal(curve.low, curve.high))


def draw_target(ax, curve, ymax: float) -> None:
    """A target band (e.g. the QCD axion band): hatched, not filled like a limit; a
    target of zero width (a thermal relic line) as a thick black line."""
    if _is_line(curve):
        ax.plot(curve.mass, curve.low, color="k", lw=2.2, label=f"{curve.label} (target)")
        return
    first = True
    for poly in curve.polygons(ymax=ymax):
        ax.fill(
            poly[:, 0],
            poly[:, 1],
            facecolor="none",
            edgecolor=TARGET_COLOUR,
            hatch="///",
            lw=0.8,
            label=f"{curve.label} (target)" if first else None,
        )
        first = False


def draw_panel(ax, curves: dict, ylim, overlays=(), extras=(), colours=None) -> None:
    """The curves of one panel on ``ax``, and its legend; ``colours`` by curve label (the
    same curve the same colour in every panel of a figure; default: this panel's)."""
    colours = _colours([curves]) if colours is None else colours
    targets = [c for c in curves.values() if c.kind == "target" and not c.empty]
    for c in targets:
        draw_target(ax, c, ymax=ylim[1])
    for kinds, filled in ((("limit", "bound"), True), (("projection",), False)):
        for c in curves.values():
            if c.kind in kinds and not c.empty:
                draw_curve(ax, c, colours[c.label], filled=filled, ymax=ylim[1])
    for c in overlays:
        draw_curve(
            ax, c, "k", filled=False, ymax=ylim[1], linestyle="--", label=f"{c.label} (user file)"
        )
    for extra in extras:
        extra(ax)
    ax.legend(
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize=8,
        frameon=False,
        title="filled: existing limits\nlines: projections"
        + "".join(sorted({_TARGET_KEY[_is_line(c)] for c in targets})),
        title_fontsize=8,
    )
