"""Pure work made ahead in worker processes, while this one writes.

The bulk paths (the demo build, imports) alternate pure work (making or reading cases and
checking them by the domain rules) with writing. `made_ahead` runs the pure part of the next
steps in worker processes, so both cores are busy. The results are the same as making them in
order here, which is also what happens on one core or when a worker cannot start.

This process never sits waiting for a worker while there is a job nobody has started: it makes
that job itself and keeps the result for its turn. So one worker and this process share two
cores between them. More processes than cores were slower: on this 2-core machine an import's
worker spent 40% more CPU on the same batch with two workers and the writer taking turns on
the cores than with one.
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
# Jobs are made here while the workers start (a second or so of imports) and whenever the next
# result is not ready; off, every job but those after a worker died is made by a worker (tests
# use it to be sure).
MAKE_HERE = True
QUEUED_PER_WORKER = 2  # a worker finishing one job starts the next without waiting for us
MADE_HERE_AHEAD = 2  # at most this many results made here ahead of their turn


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


def _warm_up(executor: ProcessPoolExecutor, workers: int, ready: threading.Event) -> None:
    """Start the workers (in a thread: starting them waits for their imports)."""
    try:
        for started in [executor.submit(_started) for _ in range(workers)]:
            started.result()
    except Exception:
        pass
    finally:
        ready.set()


class _Jobs(Generic[Job, Made]):
    """Who makes which job. Jobs are claimed in order, by the workers (handed out by the
    caller's thread as it goes and by the warm-up thread the moment the workers are up) or by
    the caller: its own turn, or the next job nobody has while a worker is still on its
    turn's."""

    def __init__(
        self, executor: ProcessPoolExecutor, make: Callable[[Job], Made], jobs: Sequence[Job],
        workers: int,
    ) -> None:  # fmt: skip
        self.executor, self.make, self.jobs, self.workers = executor, make, jobs, workers
        self.lock = threading.Lock()
        self.futures: dict[int, Future[Made]] = {}  # handed out, not yet taken by the caller
        self.made_here: dict[int, Made] = {}  # made here ahead of their turn
        self.claimed = 0  # every job before this one is made here or handed out

    def hand_out(self) -> None:
        with self.lock:
            while (
                self.claimed < len(self.jobs)
                and len(self.futures) < self.workers * QUEUED_PER_WORKER
            ):
                job = self.jobs[self.claimed]
                self.futures[self.claimed] = self.executor.submit(_in_worker, self.make, job)
                self.claimed += 1

    def result(self, n: int) -> Made:
        """Job n's result, made here or by the worker that has it."""
        while True:
            with self.lock:
                if n in self.made_here:
                    return self.made_here.pop(n)
                future = self.futures.pop(n, None)
                if future is None:  # nobody has it
                    assert n == self.claimed
                    self.claimed += 1
                    spare = None
                elif future.done() or not MAKE_HERE or len(self.made_here) >= MADE_HERE_AHEAD:
                    spare = None
                elif self.claimed < len(self.jobs):
                    self.futures[n] = future  # still the worker's
                    spare, self.claimed = self.claimed, self.claimed + 1
                else:
                    spare = None
            if future is None:
                return self.make(self.jobs[n])
            if spare is None:
                return future.result()
            self.made_here[spare] = self.make(self.jobs[spare])
            self.hand_out()

    def made_after_failure(self, n: int) -> Made:
        return self.made_here.pop(n) if n in self.made_here else self.make(self.jobs[n])


def _start_workers(
    executor: ProcessPoolExecutor, workers: int, jobs: _Jobs[Job, Made], ready: threading.Event
) -> None:
    up = threading.Event()
    _warm_up(executor, workers, up)
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
    processes start; once they are up, they make the rest, each with up to QUEUED_PER_WORKER
    jobs in hand, while this process makes the next job nobody has whenever it would
    otherwise wait for one of theirs (so at most 2 x workers + MADE_HERE_AHEAD + 1 results
    are held at once).

    `make` must be a module-level function and its jobs and results picklable. A worker that
    dies (or cannot start) is not an error: the remaining jobs are made here.
    """
    if len(jobs) < 2 or (os.cpu_count() or 1) < 2:
        yield from (make(job) for job in jobs)
        return
    executor = ProcessPoolExecutor(
        workers, mp_context=_start_method(make), initializer=_follow_parent
    )
    shared: _Jobs[Job, Made] = _Jobs(executor, make, jobs, workers)
    ready = threading.Event()
    threading.Thread(
        target=_start_workers, args=(executor, workers, shared, ready), daemon=True
    ).start()
    if not MAKE_HERE:
        ready.wait()
    n = 0
    try:
        while n < len(jobs):
            if ready.is_set():
                shared.hand_out()
            made = shared.result(n)
            if ready.is_set():  # before the caller goes on with what was made
                shared.hand_out()
            n += 1
            yield made
    except BrokenProcessPool:
        yield from (shared.made_after_failure(k) for k in range(n, len(jobs)))
    finally:
        ready.wait()
        executor.shutdown(wait=True, cancel_futures=True)
