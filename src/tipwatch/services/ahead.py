"""Pure work made ahead in worker processes, while this one writes.

The bulk paths (the demo build, imports) alternate pure work (making or reading cases and
checking them by the domain rules) with writing. `made_ahead` runs the pure part of the next
steps in worker processes, so both cores are busy. The results are the same as making them in
order here, which is also what happens on one core or when a worker cannot start.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Generic, TypeVar

from tipwatch.services.bulk import many_objects

Job = TypeVar("Job")
Made = TypeVar("Made")
PARENT_CHECK_SECONDS = 0.25
# Jobs are made here while the workers start (a second or so of imports); off, every job but
# those after a worker died is made by a worker (tests use it to be sure).
MAKE_HERE_WHILE_STARTING = True


def _follow_parent() -> None:
    """In the worker: exit when the process that started it goes (ours, or the fork server,
    which goes when ours does), even by SIGKILL, rather than linger holding pipes open."""
    threading.Thread(target=_exit_when_orphaned, args=(os.getppid(),), daemon=True).start()


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _in_worker(make: Callable[[Job], Made], job: Job) -> Made:
    with many_objects():
        return make(job)


def _started() -> None:
    """A job that only proves a worker is up."""


def _start_method(make: Callable[..., object]) -> multiprocessing.context.BaseContext:
    """How worker processes start: never by forking this process, whatever threads or
    connections it holds. Where it can, a fork server: one clean process, started once, that
    has imported the module of `make` and forks a worker from itself in milliseconds (the
    imports take a second of CPU, which two spawned workers would each pay). Elsewhere
    "spawn", a fresh interpreter per worker."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([make.__module__])  # no effect once the server runs
    return context


def _warm_up(executor: ProcessPoolExecutor, workers: int) -> None:
    """Start the workers (in a thread: starting them waits for their imports)."""
    try:
        for started in [executor.submit(_started) for _ in range(workers)]:
            started.result()
    except Exception:
        pass  # the pool is broken: handing out jobs says so


class _HandOut(Generic[Job, Made]):
    """The jobs given to the workers, handed out by the caller's thread as it goes and by the
    warm-up thread the moment the workers are up: the caller may be busy making a job here
    then, and the workers should not wait for it to finish."""

    def __init__(
        self, executor: ProcessPoolExecutor, make: Callable[[Job], Made], jobs: Sequence[Job],
        workers: int,
    ) -> None:  # fmt: skip
        self.executor, self.make, self.jobs, self.workers = executor, make, jobs, workers
        self.lock = threading.Lock()
        self.futures: dict[int, Future[Made]] = {}  # handed out, not yet taken by the caller
        self.claimed = 0  # every job before this one is made here or handed out
        self.taken = 0  # every job before this one has been taken by the caller

    def hand_out(self) -> None:
        """Give the workers the next jobs, up to workers + 1 not yet taken by the caller."""
        with self.lock:
            while self.claimed < len(self.jobs) and self.claimed - self.taken <= self.workers:
                job = self.jobs[self.claimed]
                self.futures[self.claimed] = self.executor.submit(_in_worker, self.make, job)
                self.claimed += 1

    def take(self) -> Future[Made] | None:
        """The next job's future, or None if no worker has it: the caller makes it."""
        with self.lock:
            n, self.taken = self.taken, self.taken + 1
            if n in self.futures:
                return self.futures.pop(n)
            self.claimed = n + 1
            return None


def _start_workers(
    executor: ProcessPoolExecutor, workers: int, jobs: _HandOut[Job, Made], ready: threading.Event
) -> None:
    """Start the workers and hand them their first jobs; `ready` is set once that is done."""
    _warm_up(executor, workers)
    try:
        jobs.hand_out()
    except Exception:
        pass  # the pool is broken: the caller finds out and makes the jobs itself
    finally:
        ready.set()


def made_ahead(
    make: Callable[[Job], Made], jobs: Sequence[Job], workers: int = 1
) -> Iterator[Made]:
    """`make(job)` for each job, in order. Jobs are made here while `workers` worker
    processes start; once they are up, they make the rest, staying up to one step each, plus
    one, ahead of the caller (so at most workers + 2 results are held at once).

    `make` must be a module-level function and its jobs and results picklable. A worker that
    dies (or cannot start) is not an error: the remaining jobs are made here.
    """
    if len(jobs) < 2 or (os.cpu_count() or 1) < 2:
        yield from (make(job) for job in jobs)
        return
    executor = ProcessPoolExecutor(
        workers, mp_context=_start_method(make), initializer=_follow_parent
    )
    ahead: _HandOut[Job, Made] = _HandOut(executor, make, jobs, workers)
    ready = threading.Event()
    threading.Thread(
        target=_start_workers, args=(executor, workers, ahead, ready), daemon=True
    ).start()
    if not MAKE_HERE_WHILE_STARTING:
        ready.wait()
    n = 0
    try:
        while n < len(jobs):
            if ready.is_set():
                ahead.hand_out()
            future = ahead.take()
            made = future.result() if future is not None else make(jobs[n])
            if ready.is_set():  # before the caller goes on with what was made
                ahead.hand_out()
            n += 1
            yield made
    except BrokenProcessPool:
        yield from (make(job) for job in jobs[n:])
    finally:
        ready.wait()
        executor.shutdown(wait=True, cancel_futures=True)
