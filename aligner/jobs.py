"""Run independent pieces of work (one per document) in several processes.

`ordered_map(func, items, jobs)` yields `func(x)` for each item, computed by up to `jobs`
worker processes when there are several items: results come in input order, and the
first item (in input order) whose call raised raises the same exception here, so the
output of a run never depends on the number of jobs. `func` and the items must pickle
(module-level functions, `functools.partial` of them).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """The number of CPUs this process may run on (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def ordered_map(func: Callable[[T], R], items: Iterable[T], jobs: int | None = None) -> Iterator[R]:
    """`func` applied to every item, in `jobs` processes (default: the CPU count)."""
    work = list(items)
    jobs = default_jobs() if jobs is None else jobs
    if jobs <= 1 or len(work) <= 1:
        yield from map(func, work)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(jobs, len(work))) as pool:
        yield from pool.map(func, work)
