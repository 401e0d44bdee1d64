"""Executors for many (model, experiment) computations.

Local worker processes by default (``multiprocessing``), with a rich progress bar.
The unit of work is one model x one experiment on a grid (or one bound of a figure);
workers share the on-disk cache. With more than one worker the units are handed out
longest first (:func:`task_cost`: a static hint of each unit's cold single-thread time),
so that the workers finish together instead of one idling while the other computes the
last long unit; the results do not depend on the order. Workers end with their parent:
they ignore Ctrl-C (the parent terminates them at once and the CLI exits with status
130; a Ctrl-C while the pool is being made is raised once it exists), and on Linux
the kernel stops them when the parent dies, even by ``kill -9`` (``PR_SET_PDEATHSIG``);
elsewhere a watcher thread in each worker exits when the parent is gone.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable

import numpy as np
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn


def _end_with_parent(parent: int) -> None:
    """Worker initializer: ignore SIGINT, and die when the parent process dies."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)

    def watch() -> None:  # portable fallback
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _call(item):
    key, fn, args = item
    return key, fn(args)


def _reach_task(args):
    model, exp_name, masses, couplings, seed, events = args
    from .experiments import get_experiment
    from .reach import compute_reach

    return compute_reach(model, get_experiment(exp_name), masses, couplings, seed, events)


def _bound_task(args):
    model, name, masses = args
    from .cosmo import compute_bounds

    return compute_bounds(model, masses, (name,))[name]


#: cold (empty cache), single-thread seconds per mass of the grid of one unit of work,
#: by (model, search or bound): measured on the figures' grids with
#: ``python benchmarks/bench_engine.py --costs`` (which prints this table; the HNL rows
#: are fig6's three panels, measured the same way). Only the order in which the units
#: are handed to the workers depends on it.
COST_PER_MASS = {
    ("dark-photon", "APEX-test"): 0.0313,
    ("dark-photon", "BaBar"): 0.0046,
    ("dark-photon", "BelleII"): 0.0035,
    ("dark-photon", "CHARM"): 0.0136,
    ("dark-photon", "DarkLight"): 0.0250,
    ("dark-photon", "DarkQuest"): 0.0096,
    ("dark-photon", "E137"): 0.0382,
    ("dark-photon", "E141"): 0.0346,
    ("dark-photon", "E774"): 0.0393,
    ("dark-photon", "FASER"): 0.0127,
    ("dark-photon", "FASER2"): 0.0118,
    ("dark-photon", "HPS-displaced"): 0.0115,
    ("dark-photon", "Mu3e"): 0.0680,
    ("dark-photon", "NA62-dump"): 0.0124,
    ("dark-photon", "NuCal"): 0.0123,
    ("dark-photon", "Orsay"): 0.0351,
    ("dark-photon", "SHiP"): 0.0131,
    ("dark-photon", "SN1987A"): 0.0035,
    ("dark-photon", "g-2_e"): 0.0006,
    ("dark-photon", "g-2_mu"): 0.0006,
    ("dark-scalar", "ANUBIS"): 0.0587,
    ("dark-scalar", "BBN"): 0.0186,
    ("dark-scalar", "BelleII-displaced"): 0.0662,
    ("dark-scalar", "CHARM"): 0.0220,
    ("dark-scalar", "CODEX-b"): 0.0501,
    ("dark-scalar", "DarkQuest-PhaseII"): 0.0131,
    ("dark-scalar", "E949"): 0.0051,
    ("dark-scalar", "FASER2"): 0.0287,
    ("dark-scalar", "KLEVER"): 0.0053,
    ("dark-scalar", "LHCb-B+K+S"): 0.0200,
    ("dark-scalar", "LHCb-B0K*S"): 0.0172,
    ("dark-scalar", "MATHUSLA"): 0.0357,
    ("dark-scalar", "NA62-Kpinunu"): 0.0052,
    ("dark-scalar", "NA62-dump"): 0.0208,
    ("dark-scalar", "SHiP"): 0.0209,
    ("dark-scalar", "SN1987A"): 0.0039,
    ("hnl-e", "ATLAS-DV-e"): 0.0418,
    ("hnl-e", "BBN-HNL"): 0.0389,
    ("hnl-e", "BEBC"): 0.0533,
    ("hnl-e", "Belle"): 0.0703,
    ("hnl-e", "BelleII-displaced"): 0.0720,
    ("hnl-e", "CHARM"): 0.1308,
    ("hnl-e", "CODEX-b"): 0.1568,
    ("hnl-e", "DELPHI"): 0.0286,
    ("hnl-e", "DUNE-ND"): 0.0879,
    ("hnl-e", "FASER"): 0.1192,
    ("hnl-e", "FASER2"): 0.1139,
    ("hnl-e", "MATHUSLA200"): 0.1689,
    ("hnl-e", "NA62-KeN"): 0.0132,
    ("hnl-e", "NA62-dump"): 0.1206,
    ("hnl-e", "PIENU"): 0.0145,
    ("hnl-e", "PS191-e"): 0.0681,
    ("hnl-e", "SHiP"): 0.1186,
    ("hnl-e", "T2K-ND280-e"): 0.1059,
    ("hnl-e", "TRIUMF-1992"): 0.0178,
    ("hnl-e", "seesaw"): 0.0141,
    ("hnl-mu", "ATLAS-DV-mu"): 0.0469,
    ("hnl-mu", "BBN-HNL"): 0.0410,
    ("hnl-mu", "BEBC"): 0.0509,
    ("hnl-mu", "Belle"): 0.0622,
    ("hnl-mu", "BelleII-displaced"): 0.0631,
    ("hnl-mu", "CHARM"): 0.1258,
    ("hnl-mu", "CODEX-b"): 0.1416,
    ("hnl-mu", "DELPHI"): 0.0240,
    ("hnl-mu", "DUNE-ND"): 0.0805,
    ("hnl-mu", "E949-KmuN"): 0.0132,
    ("hnl-mu", "FASER"): 0.1085,
    ("hnl-mu", "FASER2"): 0.1142,
    ("hnl-mu", "LHCb-BmuN"): 0.0348,
    ("hnl-mu", "MATHUSLA200"): 0.1718,
    ("hnl-mu", "NA62-KmuN"): 0.0127,
    ("hnl-mu", "NA62-dump"): 0.0996,
    ("hnl-mu", "NuTeV"): 0.0432,
    ("hnl-mu", "PS191-mu"): 0.0669,
    ("hnl-mu", "SHiP"): 0.0996,
    ("hnl-mu", "T2K-ND280-mu"): 0.0829,
    ("hnl-mu", "seesaw"): 0.0155,
    ("hnl-tau", "BBN-HNL"): 0.0416,
    ("hnl-tau", "BEBC"): 0.0770,
    ("hnl-tau", "BelleII-displaced"): 0.1265,
    ("hnl-tau", "CHARM"): 0.1524,
    ("hnl-tau", "CODEX-b"): 0.2412,
    ("hnl-tau", "DELPHI"): 0.0223,
    ("hnl-tau", "DUNE-ND"): 0.0784,
    ("hnl-tau", "DarkQuest-PhaseII"): 0.0885,
    ("hnl-tau", "FASER"): 0.2129,
    ("hnl-tau", "FASER2"): 0.1902,
    ("hnl-tau", "MATHUSLA200"): 0.2714,
    ("hnl-tau", "NA62-dump"): 0.1650,
    ("hnl-tau", "SHiP"): 0.1486,
    ("hnl-tau", "seesaw"): 0.0207,
}
#: the hint of a unit that is not in the table (a typical decay-in-volume search)
DEFAULT_COST_PER_MASS = 0.02


def task_cost(model_name: str, name: str, n_masses: int) -> float:
    """Estimated cold single-thread seconds of one unit of work (``name`` a search or a
    bound) on a grid of ``n_masses`` masses, from :data:`COST_PER_MASS`."""
    return COST_PER_MASS.get((model_name, name), DEFAULT_COST_PER_MASS) * max(n_masses, 1)


def _label(key) -> str:
    return str(key[-1] if isinstance(key, tuple) else key)


def run(
    tasks: dict,
    jobs: int | None = None,
    description: str = "computing",
    costs: dict | None = None,
    idle: Callable[[], object] | None = None,
) -> dict:
    """Run ``{key: (callable, args)}`` in worker processes; return ``{key: result}`` in
    the order of ``tasks``. ``costs``: {key: estimated time (any unit)}; with more than
    one worker the tasks are started longest first (missing keys: the mean estimate;
    ties keep the order of ``tasks``), which only changes when each one runs.
    ``idle``: called once in this process as soon as a worker has no task left to take
    (while the last ones finish; at the end in a single process), e.g. to prepare what
    comes after the tasks on the core that would otherwise wait."""
    jobs = jobs or os.cpu_count() or 1
    if jobs < 1:
        from .errors import FipkitInputError

        raise FipkitInputError(f"jobs must be >= 1, got {jobs}")
    results = {}
    cols = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        TextColumn("{task.fields[last]}"),
    )
    if jobs == 1 or len(tasks) < 2:
        with Progress(*cols, transient=False) as prog:
            bar = prog.add_task(description, total=len(tasks), last="")
            for key, (fn, args) in tasks.items():
                results[key] = fn(args)
                prog.update(bar, advance=1, last=_label(key))
        if idle is not None:
            idle()
        return results
    # fork the workers before the progress bar starts its refresh thread
    workers = min(jobs, len(tasks))
    # Ctrl-C is held while the pool is made (forks, then its handler threads): one that
    # came in between would leave a pool that nobody terminates. The workers keep it
    # held (they are terminated by this process). Here it is deferred twice: blocked in
    # this thread, and, as another thread of the process (a BLAS thread) may take the
    # signal and Python would then raise it here mid-construction, recorded by a
    # handler and raised once the pool exists (below).
    deferred: list[int] = []
    main = threading.current_thread() is threading.main_thread()
    main = main and signal.getsignal(signal.SIGINT) is not signal.SIG_IGN  # kept if ignored
    previous = signal.signal(signal.SIGINT, lambda n, _: deferred.append(n)) if main else None
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    pool = None
    try:
        try:
            pool = multiprocessing.get_context("fork").Pool(
                workers, initializer=_end_with_parent, initargs=(os.getpid(),)
            )
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            if main:
                signal.signal(signal.SIGINT, previous)
        if deferred:
            raise KeyboardInterrupt
        with Progress(*cols, transient=False) as prog:
            bar = prog.add_task(description, total=len(tasks), last="")
            left = len(tasks)
            for key, value in pool.imap_unordered(_call, _longest_first(tasks, costs)):
                results[key] = value
                prog.update(bar, advance=1, last=_label(key))
                left -= 1
                if idle is not None and left < workers:  # a worker has nothing to take
                    idle()
                    idle = None
        pool.close()
    except BaseException:
        if pool is not None:
            pool.terminate()  # Ctrl-C or an error: stop the workers now, not at the end
        raise
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        if pool is not None:
            pool.join()
    return {key: results[key] for key in tasks}


def _longest_first(tasks: dict, costs: dict | None) -> list[tuple]:
    """(key, callable, args) of ``tasks``, by decreasing ``costs`` (stable)."""
    items = [(key, fn, args) for key, (fn, args) in tasks.items()]
    if not costs:
        return items
    known = [float(costs[k]) for k in tasks if k in costs]
    mean = sum(known) / len(known) if known else 0.0
    return sorted(items, key=lambda item: -float(costs.get(item[0], mean)))


def reach_many(
    model,
    experiments,
    masses=None,
    couplings=None,
    seed: int = 1,
    jobs: int | None = None,
    events: int | None = None,
) -> dict:
    """Curves of several experiments for one model (a model object, with its
    parameters: it is sent to the workers as it is), computed in parallel."""
    tasks = {e: (_reach_task, (model, e, masses, couplings, seed, events)) for e in experiments}
    n = _n_masses(model, masses)
    costs = {e: task_cost(model.name, e, n) for e in experiments}
    return run(tasks, jobs, description=f"{model.name} reach", costs=costs)


def _n_masses(model, masses) -> int:
    """Masses of the grid (the model's default grid when ``masses`` is None)."""
    if masses is not None:
        return int(np.size(masses))
    from .reach import default_grid

    return len(default_grid(model)[0])


def reach_and_bounds(
    model,
    experiments,
    bounds,
    masses,
    couplings=None,
    seed: int = 1,
    jobs: int | None = None,
    events: int | None = None,
    idle: Callable[[], object] | None = None,
) -> tuple[dict, dict]:
    """Curves of several experiments and bounds (names of the :mod:`fipkit.cosmo`
    registry, on ``masses``) for one model, all in one pool: the bounds are computed in
    parallel with the experiments, not after them. Returns ({experiment: Curve},
    {bound: Curve}), each in the order given; ``idle`` as in :func:`run`."""
    panel = (model, experiments, bounds, masses, couplings)
    return panels_reach_and_bounds([panel], seed, jobs, events, idle)[0]


def panels_reach_and_bounds(
    panels,
    seed: int = 1,
    jobs: int | None = None,
    events: int | None = None,
    idle: Callable[[], object] | None = None,
) -> list[tuple[dict, dict]]:
    """:func:`reach_and_bounds` for several panels (model, experiments, bounds, masses,
    couplings) in one pool: the units are handed out panel by panel, longest first
    within each, so no core waits at the end of a panel. Returns one ({experiment:
    Curve}, {bound: Curve}) per panel."""
    from .cosmo import get_bound
    from .errors import FipkitInputError

    panels = [(m, list(e), list(b), ms, g) for m, e, b, ms, g in panels]
    for model, _, bounds, _, _ in panels:  # inapplicable names: an error before any work
        for b in bounds:
            if not get_bound(b).applies(model):
                raise FipkitInputError(f"bound '{b}' does not apply to {model.name}")
    tasks: dict = {}
    costs: dict = {}
    for k, (model, experiments, bounds, masses, couplings) in enumerate(panels):
        n = _n_masses(model, masses)
        for e in experiments:
            tasks[(k, "reach", e)] = (_reach_task, (model, e, masses, couplings, seed, events))
        for b in bounds:
            tasks[(k, "bound", b)] = (_bound_task, (model, b, masses))
        # panel by panel, longest first within each: a worker keeps one model's caches
        # (its widths, spectra) while the next panel starts on the core the last one frees
        first = 1e9 * (len(panels) - k)
        mine = [key for key in tasks if key[0] == k]
        costs.update({key: first + task_cost(model.name, key[2], n) for key in mine})
    names = sorted({p[0].name for p in panels})
    done = run(tasks, jobs, description=f"{', '.join(names)} reach", costs=costs, idle=idle)
    return [
        (
            {e: done[(k, "reach", e)] for e in experiments},
            {b: done[(k, "bound", b)] for b in bounds},
        )
        for k, (_, experiments, bounds, _, _) in enumerate(panels)
    ]
