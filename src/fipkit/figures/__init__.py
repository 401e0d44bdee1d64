"""One :class:`~fipkit.figures.spec.FigureSpec` per review figure (a module each, listed
in ``FIGURES``); ``make_figure(name, out)`` computes, draws and writes it."""

from __future__ import annotations

from pathlib import Path

from ..errors import FipkitInputError

FIGURES = {"fig2": "fipkit.figures.fig2", "fig4": "fipkit.figures.fig4"}


def figure_names() -> list[str]:
    return sorted(FIGURES)


def get_spec(name: str):
    """The FigureSpec of figure ``name`` (built from its module's constants now)."""
    import importlib

    if name not in FIGURES:
        raise FipkitInputError(f"unknown figure '{name}'; valid: {', '.join(figure_names())}")
    return importlib.import_module(FIGURES[name]).spec()


def make_figure(
    name: str, out, overlay_dir=None, jobs=None, seed: int = 1, events: int | None = None
) -> list[Path]:
    """Compute and draw figure ``name``; write ``out`` (PDF) and a PNG next to it."""
    from . import spec

    if name not in FIGURES:
        raise FipkitInputError(f"unknown figure '{name}'; valid: {', '.join(figure_names())}")
    out = Path(out)
    if out.suffix.lower() not in (".pdf", ".png", ".svg"):
        raise FipkitInputError(f"cannot write figure '{out}': use a .pdf, .png or .svg name")
    overlays = []
    if overlay_dir is not None:
        from ..curves import read_csv

        d = Path(overlay_dir)
        if not d.is_dir():
            raise FipkitInputError(f"overlay directory '{d}' does not exist")
        files = sorted(d.glob("*.csv"))
        if not files:
            raise FipkitInputError(f"overlay directory '{d}' has no .csv curves")
        overlays = [read_csv(f, kind="projection") for f in files]
    fig = spec.draw(get_spec(name), jobs=jobs, seed=seed, overlays=overlays, events=events)
    return save(fig, out)


def save(fig, out: Path) -> list[Path]:
    """Write the figure atomically as ``out`` and as PNG (and PDF) next to it."""
    import io

    from ..curves import atomic_write

    paths = []
    for ext in dict.fromkeys([out.suffix.lower(), ".pdf", ".png"]):
        p = out.with_suffix(ext)
        buf = io.BytesIO()
        fig.savefig(buf, format=ext[1:], dpi=150)
        atomic_write(p, buf.getvalue())
        paths.append(p)
    return paths
