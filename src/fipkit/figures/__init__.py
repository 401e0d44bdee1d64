"""One recipe per review figure; ``make_figure(name, out)`` draws it."""

from __future__ import annotations

from pathlib import Path

from ..errors import FipkitInputError

FIGURES = {"fig2": "fipkit.figures.fig2", "fig4": "fipkit.figures.fig4"}


def figure_names() -> list[str]:
    return sorted(FIGURES)


def make_figure(name: str, out, overlay_dir=None, jobs=None, seed: int = 1) -> list[Path]:
    """Compute and draw figure ``name``; write ``out`` (PDF) and a PNG next to it."""
    import importlib

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
    recipe = importlib.import_module(FIGURES[name])
    fig = recipe.draw(jobs=jobs, seed=seed, overlays=overlays)
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
