"""One :class:`~fipkit.figures.spec.FigureSpec` per review figure (a module each, listed
in ``FIGURES``); ``make_figure(name, out)`` computes, draws and writes it."""

from __future__ import annotations

from pathlib import Path

from ..errors import FipkitInputError

FIGURES = {
    "fig2": "fipkit.figures.fig2",
    "fig4": "fipkit.figures.fig4",
    "fig6": "fipkit.figures.fig6",
}


def figure_names() -> list[str]:
    return sorted(FIGURES)


def get_spec(name: str):
    """The FigureSpec of figure ``name`` (built from its module's constants now)."""
    import importlib

    if name not in FIGURES:
        raise FipkitInputError(f"unknown figure '{name}'; valid: {', '.join(figure_names())}")
    return importlib.import_module(FIGURES[name]).spec()


FIGURE_SUFFIXES = (".pdf", ".png", ".svg")


def output_paths(out) -> list[Path]:
    """The files a figure is written to: ``out`` and a PDF and a PNG next to it; each
    checked for writing before anything is computed."""
    from ..curves import check_writable

    out = Path(out)
    check_writable(out, FIGURE_SUFFIXES)
    paths = [out.with_suffix(ext) for ext in dict.fromkeys([out.suffix.lower(), ".pdf", ".png"])]
    return [check_writable(p, FIGURE_SUFFIXES) for p in paths]


def read_overlays(overlay_dir, quantity: str, figure: str) -> list:
    """Every .csv / .yaml / .yml curve (any case) in ``overlay_dir``, validated, and on
    the figure's coupling axis ``quantity``."""
    from ..curves import OVERLAY_SUFFIXES, read_curve

    d = Path(overlay_dir)
    if not d.is_dir():
        raise FipkitInputError(f"overlay directory '{d}' does not exist")
    files = sorted(p for p in d.iterdir() if p.is_file() and p.suffix.lower() in OVERLAY_SUFFIXES)
    if not files:
        raise FipkitInputError(f"overlay directory '{d}' has no .csv or .yaml curves")
    out = []
    for f in files:
        c = read_curve(f, kind="projection")
        if c.quantity != quantity:
            raise FipkitInputError(
                f"overlay '{f}' is in {c.quantity}; the axis of {figure} is {quantity}"
            )
        out.append(c)
    return out


def make_figure(
    name: str, out, overlay_dir=None, jobs=None, seed: int = 1, events: int | None = None
) -> list[Path]:
    """Compute and draw figure ``name``; write ``out`` (PDF) and a PNG next to it.
    Outputs and overlays are checked before computing; files are written all or none."""
    from ..curves import write_all
    from . import spec as _spec

    if name not in FIGURES:
        raise FipkitInputError(f"unknown figure '{name}'; valid: {', '.join(figure_names())}")
    paths = output_paths(out)
    the_spec = get_spec(name)
    model = the_spec.build_model()
    overlays = [] if overlay_dir is None else read_overlays(overlay_dir, model.coupling_name, name)
    fig = _spec.draw(the_spec, jobs=jobs, seed=seed, overlays=overlays, events=events)
    write_all({p: render(fig, p) for p in paths})
    return paths


def render(fig, path: Path) -> bytes:
    """The figure as the bytes of a file of ``path``'s format."""
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format=path.suffix.lower()[1:], dpi=150)
    return buf.getvalue()


def save(fig, out: Path) -> list[Path]:
    """Write the figure as ``out`` and as PNG (and PDF) next to it, all or none."""
    from ..curves import write_all

    paths = output_paths(out)
    write_all({p: render(fig, p) for p in paths})
    return paths
