"""Executors for many (model, experiment) computations.

Local worker processes by default (``concurrent.futures``), with a rich progress
bar. The unit of work is one model x one experiment on a grid; workers share the
on-disk cache.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor, as_completed

from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn


def _reach_task(args):
    model, exp_name, masses, couplings, seed, events = args
    from .experiments import get_experiment
    from .reach import compute_reach

    return compute_reach(model, get_experiment(exp_name), masses, couplings, seed, events)


def run(tasks: dict, jobs: int | None = None, description: str = "computing") -> dict:
    """Run ``{key: (callable, args)}`` in worker processes; return ``{key: result}``."""
    jobs = jobs or os.cpu_count() or 1
    results = {}
    cols = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        TextColumn("{task.fields[last]}"),
    )
    with Progress(*cols, transient=False) as prog:
        bar = prog.add_task(description, total=len(tasks), last="")
        if jobs == 1:
            for key, (fn, args) in tasks.items():
                results[key] = fn(args)
                prog.update(bar, advance=1, last=str(key))
            return results
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futs = {pool.submit(fn, args): key for key, (fn, args) in tasks.items()}
            for fut in as_completed(futs):
                results[futs[fut]] = fut.result()
                prog.update(bar, advance=1, last=str(futs[fut]))
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
