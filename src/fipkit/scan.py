"""Executors for many (model, experiment) computations.

Local worker processes by default (``multiprocessing``), with a rich progress bar.
The unit of work is one model x one experiment on a grid; workers share the on-disk
cache. Workers end with their parent: they ignore Ctrl-C (the parent terminates them
at once and the CLI exits with status 130), and on Linux the kernel stops them when
the parent dies, even by ``kill -9`` (``PR_SET_PDEATHSIG``); elsewhere a watcher
thread in each worker exits when the parent is gone.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time

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


def run(tasks: dict, jobs: int | None = None, description: str = "computing") -> dict:
    """Run ``{key: (callable, args)}`` in worker processes; return ``{key: result}``."""
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
                prog.update(bar, advance=1, last=str(key))
        return results
    # fork the workers before the progress bar starts its refresh thread
    pool = multiprocessing.get_context("fork").Pool(
        min(jobs, len(tasks)), initializer=_end_with_parent, initargs=(os.getpid(),)
    )
    try:
        with Progress(*cols, transient=False) as prog:
            bar = prog.add_task(description, total=len(tasks), last="")
            items = [(key, fn, args) for key, (fn, args) in tasks.items()]
            for key, value in pool.imap_unordered(_call, items):
                results[key] = value
                prog.update(bar, advance=1, last=str(key))
        pool.close()
    except BaseException:
        pool.terminate()  # Ctrl-C or an error: stop the workers now, not at the end
        raise
    finally:
        pool.join()
    return results


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
    return run(tasks, jobs, description=f"{model.name} reach")
