"""Pure work made one step ahead in a second process, while this one writes.

The bulk paths (the demo build, imports) alternate pure work (making or reading cases and
checking them by the domain rules) with writing. `made_ahead` runs the pure part of the next
steps in a worker process, so both cores are busy. The results are the same as making them in
order here, which is also what happens on one core or when a worker cannot start.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TypeVar

from tipwatch.services.bulk import many_objects

Job = TypeVar("Job")
Made = TypeVar("Made")


def _follow_parent() -> None:
    """In the worker: exit when the process that started it dies, even by SIGKILL, rather
    than linger holding its pipes open."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        sentinel = parent.sentinel
        threading.Thread(target=_exit_after, args=(sentinel,), daemon=True).start()


def _exit_after(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    os._exit(1)


def _in_worker(make: Callable[[Job], Made], job: Job) -> Made:
    with many_objects():
        return make(job)


def made_ahead(
    make: Callable[[Job], Made], jobs: Sequence[Job], workers: int = 1
) -> Iterator[Made]:
    """`make(job)` for each job, in order. The first is made here while `workers` worker
    processes start on the next ones; after that they stay up to one step each, plus one,
    ahead of the caller (so at most workers + 2 results are held at once).

    `make` must be a module-level function and its jobs and results picklable. A worker that
    dies (or cannot start, as in a script without the `if __name__ == "__main__"` guard) is
    not an error: the remaining jobs are made here.
    """
    if len(jobs) < 2 or (os.cpu_count() or 1) < 2:
        yield from (make(job) for job in jobs)
        return
    # "spawn": a fresh interpreter, whatever threads or connections this process holds
    executor = ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("spawn"), initializer=_follow_parent
    )
    waiting = iter(jobs[1:])
    done = 0
    try:
        ahead: deque[Future[Made]] = deque(
            executor.submit(_in_worker, make, job) for job in islice(waiting, workers + 1)
        )
        yield make(jobs[0])
        done = 1
        while ahead:
            result = ahead.popleft().result()
            if (job := next(waiting, None)) is not None:
                ahead.append(executor.submit(_in_worker, make, job))
            done += 1
            yield result
    except BrokenProcessPool:
        yield from (make(job) for job in jobs[done:])
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
