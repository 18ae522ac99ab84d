"""services.ahead: pure work made in a worker process comes back in order, the same as made
here, and a worker that dies costs nothing but time."""

from __future__ import annotations

import multiprocessing
import os
import time

import pytest

from tipwatch.services.ahead import made_ahead

needs_two_cores = pytest.mark.skipif(
    (os.cpu_count() or 1) < 2, reason="on one core every job is made in this process"
)


def square(n: int) -> int:
    return n * n


def pid_of_maker(_: int) -> int:
    return os.getpid()


def pid_of_maker_slow_here(_: int) -> int:
    if multiprocessing.parent_process() is None:
        time.sleep(0.05)  # made here only until the workers are up
    return os.getpid()


def square_but_die_in_a_worker(n: int) -> int:
    if multiprocessing.parent_process() is not None:
        os._exit(1)
    time.sleep(0.02)  # made here only until the workers are up, which then die
    return n * n


def test_results_come_back_in_the_order_of_the_jobs() -> None:
    assert list(made_ahead(square, list(range(12)), workers=2)) == [n * n for n in range(12)]


@needs_two_cores
def test_jobs_are_made_here_until_the_workers_are_up_and_then_by_them() -> None:
    makers = list(made_ahead(pid_of_maker_slow_here, list(range(400)), workers=2))

    here = [n for n, pid in enumerate(makers) if pid == os.getpid()]
    assert here[0] == 0
    assert here == list(range(len(here)))  # a first stretch, never once the workers are up
    assert len(here) < len(makers)


@needs_two_cores
def test_when_the_worker_dies_the_remaining_jobs_are_made_here() -> None:
    results = list(made_ahead(square_but_die_in_a_worker, list(range(100)), workers=2))

    assert results == [n * n for n in range(100)]


def test_a_single_job_is_made_here() -> None:
    assert list(made_ahead(pid_of_maker, [0])) == [os.getpid()]
