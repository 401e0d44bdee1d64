"""The pool of a figure (fipkit.scan): units handed out longest first, bounds computed in
the pool alongside the searches, the idle hook; none of it changes a result."""

import os

import numpy as np
import pytest

from fipkit import cosmo, scan
from fipkit.errors import FipkitInputError
from fipkit.experiments import catalog
from fipkit.figures.spec import FigureSpec, bound_curves, curves
from fipkit.models import get_model


def _square(x):
    return x * x


def _tasks(n=7):
    return {f"t{i}": (_square, i) for i in range(n)}


def test_longest_first_order():
    tasks = {k: (_square, i) for i, k in enumerate("abcde")}
    costs = {"a": 1.0, "b": 5.0, "c": 3.0, "e": 5.0}  # d: the mean (3.5)
    order = [item[0] for item in scan._longest_first(tasks, costs)]
    assert order == ["b", "e", "d", "c", "a"]  # ties keep the order of tasks
    assert [item[0] for item in scan._longest_first(tasks, None)] == list("abcde")


@pytest.mark.parametrize("jobs", [1, 2])
def test_run_results_in_task_order(jobs):
    costs = {f"t{i}": i for i in range(7)}  # started in reverse
    out = scan.run(_tasks(), jobs=jobs, costs=costs)
    assert list(out) == list(_tasks())
    assert out == {f"t{i}": i * i for i in range(7)}


@pytest.mark.parametrize("jobs", [1, 2])
def test_idle_called_once_in_this_process(jobs):
    calls = []
    scan.run(_tasks(), jobs=jobs, idle=lambda: calls.append(os.getpid()))
    assert calls == [os.getpid()]


def test_cost_table_names_exist():
    """Every unit of the cost hints is a search of the catalog or a registered bound
    (no stale names), with a positive cost; a unit without a hint gets the default."""
    cat, bounds = catalog(), set(cosmo.bound_names())
    for model, name in scan.COST_PER_MASS:
        get_model(model)
        assert name in cat or name in bounds, name
        assert scan.COST_PER_MASS[model, name] > 0
    assert scan.task_cost("dark-scalar", "BelleII-displaced", 61) > scan.task_cost(
        "dark-scalar", "E949", 61
    )
    assert scan.task_cost("no-model", "no-search", 10) == pytest.approx(
        10 * scan.DEFAULT_COST_PER_MASS
    )


def _same(a, b):
    for k in ("mass", "low", "high", "low_open", "high_open"):
        assert np.array_equal(getattr(a, k), getattr(b, k), equal_nan=True), k


def test_bounds_in_the_pool_equal_bounds_here():
    """curves() computes the bounds in the pool with the searches: the same Curves as
    bound_curves() in this process and as a single-process run, in the spec's order."""
    spec = FigureSpec(
        name="t",
        title="",
        model="dark-photon",
        masses=np.logspace(-1, 0.5, 5),
        couplings=np.logspace(-5, -2, 8),
        xlim=(1e-2, 10),
        ylim=(1e-9, 1e-2),
        xlabel="m",
        limits=["BaBar"],
        projections=["BelleII"],
        bounds=["SN1987A", "g-2_e", "g-2_mu"],
    )
    pooled, single = curves(spec, jobs=2), curves(spec, jobs=1)
    assert list(pooled) == list(single) == ["BaBar", "BelleII", "SN1987A", "g-2_e", "g-2_mu"]
    here = bound_curves(spec)
    for name in pooled:
        _same(pooled[name], single[name])
        if name in here:
            _same(pooled[name], here[name])
            assert pooled[name].references == here[name].references


def test_panels_share_one_pool():
    """panel_curves() computes every panel's units in one pool: each panel's curves equal
    those of its own single-process run; a panel of bounds only is computed here."""
    from fipkit.figures.spec import panel_curves

    base = dict(
        title="",
        masses=np.logspace(-1, 0.5, 5),
        couplings=np.logspace(-5, -2, 8),
        xlim=(1e-2, 10),
        ylim=(1e-9, 1e-2),
        xlabel="m",
    )
    second = FigureSpec(name="b", model="dark-scalar", limits=["E949"], bounds=["BBN"], **base)
    third = FigureSpec(name="c", model="dark-photon", bounds=["g-2_e"], **base)
    spec = FigureSpec(
        name="a", model="dark-photon", limits=["BaBar"], panels=(second, third), **base
    )
    pooled = panel_curves(spec, jobs=2)
    assert [list(p) for p in pooled] == [["BaBar"], ["E949", "BBN"], ["g-2_e"]]
    for p, got in zip((spec.replace(panels=()), second, third), pooled, strict=True):
        alone = curves(p, jobs=1)
        for name in alone:
            _same(got[name], alone[name])


def test_bad_bound_fails_before_computing():
    model = get_model("dark-photon")
    with pytest.raises(FipkitInputError, match="unknown bound"):
        scan.reach_and_bounds(model, ["BaBar"], ["no-such-bound"], [0.1, 0.2], jobs=2)
    with pytest.raises(FipkitInputError, match="does not apply"):
        scan.reach_and_bounds(model, ["BaBar"], ["BBN"], [0.1, 0.2], jobs=2)


def test_ctrl_c_while_the_pool_is_made_is_raised_after_it(monkeypatch):
    """A Ctrl-C that another thread of the process takes while the workers are being
    forked (this thread holds it blocked, but a BLAS thread may not) is kept until the
    pool exists, then raised: the pool is terminated, no worker is left behind."""
    import multiprocessing
    import signal
    import threading

    real = multiprocessing.get_context

    class Context:
        def Pool(self, *args, **kwargs):  # noqa: N802 (multiprocessing's name)
            t = threading.Thread(target=os.kill, args=(os.getpid(), signal.SIGINT))
            t.start()  # delivered to this unblocked thread, mid-construction
            t.join()
            self.pool = real("fork").Pool(*args, **kwargs)
            return self.pool

    ctx = Context()
    # as in a terminal (a background job of a shell without job control ignores SIGINT)
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    monkeypatch.setattr(scan.multiprocessing, "get_context", lambda _: ctx)
    with pytest.raises(KeyboardInterrupt):
        scan.run(_tasks(), jobs=2)
    assert hasattr(ctx, "pool"), "the Ctrl-C was raised while the pool was being made"
    assert all(not p.is_alive() for p in ctx.pool._pool)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back
    signal.signal(signal.SIGINT, before)
