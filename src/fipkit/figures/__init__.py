"""One :class:`~fipkit.figures.spec.FigureSpec` per review figure (a module each, listed
in ``FIGURES``); ``make_figure(name, out)`` computes, draws and writes it."""

from __future__ import annotations

from pathlib import Path

from ..errors import FipkitInputError

FIGURES = {
    "fig1": "fipkit.figures.fig1",
    "fig2": "fipkit.figures.fig2",
    "fig3": "fipkit.figures.fig3",
    "fig4": "fipkit.figures.fig4",
    "fig5": "fipkit.figures.fig5",
    "fig5-wide": "fipkit.figures.fig5_wide",
    "fig6": "fipkit.figures.fig6",
}
#: figures beyond the review's (not in ``figure all``)
MORE_FIGURES = {"vectors": "fipkit.figures.vectors"}


def figure_names() -> list[str]:
    """The review's figures (``fipkit figure all``)."""
    return sorted(FIGURES)


def all_figure_names() -> list[str]:
    """Every figure ``fipkit figure NAME`` draws: the review's, then the others."""
    return figure_names() + sorted(MORE_FIGURES)


def get_spec(name: str, **options):
    """The FigureSpec of figure ``name`` (built from its module's constants now), with the
    figure's own ``options`` (e.g. fig1's ``dm``, ``alpha_d``, ``ratio``, ``splitting``)."""
    import importlib
    import inspect

    modules = FIGURES | MORE_FIGURES
    if name not in modules:
        raise FipkitInputError(f"unknown figure '{name}'; valid: {', '.join(all_figure_names())}")
    build = importlib.import_module(modules[name]).spec
    allowed = list(inspect.signature(build).parameters)
    for k in options:
        if k not in allowed:
            takes = ", ".join(allowed) or "no options"
            raise FipkitInputError(f"figure {name} has no option '{k}'; it takes: {takes}")
    return build(**options)


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
    name: str,
    out,
    overlay_dir=None,
    jobs=None,
    seed: int = 1,
    events: int | None = None,
    options: dict | None = None,
) -> list[Path]:
    """Compute and draw figure ``name``; write ``out`` (PDF) and a PNG next to it.
    Outputs and overlays are checked before computing; files are written all or none."""
    from ..curves import write_all
    from . import spec as _spec

    the_spec = get_spec(name, **(options or {}))  # validates the name and the options
    paths = output_paths(out)
    model, *_ = (p.build_model() for p in (the_spec, *the_spec.panels))  # validates all
    overlays = [] if overlay_dir is None else read_overlays(overlay_dir, model.coupling_name, name)
    fig = _spec.draw(the_spec, jobs=jobs, seed=seed, overlays=overlays, events=events)
    write_all(render_all(fig, paths))
    return paths


DPI = 150


def render(fig, path: Path) -> bytes:
    """The figure as the bytes of a file of ``path``'s format."""
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format=path.suffix.lower()[1:], dpi=DPI)
    return buf.getvalue()


class _LayoutDone(Exception):
    pass


def _layout_pass(fig, path: Path) -> None:
    """What rendering ``path`` leaves in the figure, without drawing it: saving runs the
    layout engine (constrained layout, from the current positions, with that format's
    renderer) before it draws; stop there."""
    import io

    engine = fig.get_layout_engine()
    if engine is None:
        return
    execute = engine.execute

    def execute_then_stop(figure):
        execute(figure)
        raise _LayoutDone

    engine.execute = execute_then_stop
    try:
        fig.savefig(io.BytesIO(), format=path.suffix.lower()[1:], dpi=DPI)
    except _LayoutDone:
        pass
    finally:
        del engine.execute


def render_all(fig, paths) -> dict[Path, bytes]:
    """{path: bytes} of the figure in every format of ``paths``, as if rendered one
    after the other in this order (each format's layout starts from where the previous
    one left it, so the order matters to the bytes).

    With ``fork``, more than one core and no other thread, the last file is rendered in
    a forked process while this one renders the others: it first runs only the layout
    pass of each earlier format (:func:`_layout_pass`), which is all they change in
    the figure, so its bytes are those of the sequential rendering. If that process
    fails, the file is rendered here after the others."""
    import os
    import signal
    import threading

    paths = [Path(p) for p in paths]
    if (
        len(paths) < 2
        or not hasattr(os, "fork")
        or (os.cpu_count() or 1) < 2
        or threading.active_count() > 1  # forking with other threads could deadlock
    ):
        return {p: render(fig, p) for p in paths}
    *first, last = paths
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: the last file, written to the pipe
        code = 1
        try:
            os.close(r)
            for p in first:
                _layout_pass(fig, p)
            data = render(fig, last)
            with os.fdopen(w, "wb") as fh:
                fh.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(w)
    data, status = b"", 1
    try:
        out = {p: render(fig, p) for p in first}
        with os.fdopen(r, "rb") as fh:
            r = -1
            data = fh.read()
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        if r >= 0:
            os.close(r)
        status = os.waitpid(pid, 0)[1]
    out[last] = data if status == 0 and data else render(fig, last)
    return out


def save(fig, out: Path) -> list[Path]:
    """Write the figure as ``out`` and as PNG (and PDF) next to it, all or none."""
    from ..curves import write_all

    paths = output_paths(out)
    write_all(render_all(fig, paths))
    return paths
