"""render_all (the PDF here, the PNG in a forked process at the same time) writes the
same bytes as rendering the formats one after the other."""

import os
import threading
from pathlib import Path

import numpy as np
import pytest

from fipkit import figures
from fipkit.figures import get_spec
from fipkit.figures.spec import bound_curves, draw


def _figure(name):
    spec = get_spec(name).replace(masses=np.logspace(-2, -0.5, 6))
    return draw(spec, computed=bound_curves(spec))


@pytest.mark.parametrize("name", ["fig2", "fig4"])
def test_parallel_render_same_bytes(name, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # no date in the PDF
    paths = [tmp_path / "f.pdf", tmp_path / "f.png"]
    assert hasattr(os, "fork") and threading.active_count() == 1  # the forked path
    sequential = {p: figures.render(f, p) for f in [_figure(name)] for p in paths}
    parallel = figures.render_all(_figure(name), paths)
    assert list(parallel) == paths
    for p in paths:
        assert parallel[p] == sequential[p], p.suffix


def test_failed_child_falls_back(tmp_path, monkeypatch):
    """A child that fails (here: its layout pass raises) leaves the file to this
    process, rendered after the others: the same bytes."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    paths = [tmp_path / "f.pdf", tmp_path / "f.png"]
    sequential = {p: figures.render(f, p) for f in [_figure("fig2")] for p in paths}

    def broken(fig, path):
        raise RuntimeError("no layout")

    monkeypatch.setattr(figures, "_layout_pass", broken)
    assert figures.render_all(_figure("fig2"), paths) == sequential


def test_single_file_and_svg(tmp_path):
    fig = _figure("fig2")
    out = figures.render_all(fig, [tmp_path / "f.svg"])
    assert list(out) == [Path(tmp_path / "f.svg")] and out[tmp_path / "f.svg"].startswith(b"<?xml")
