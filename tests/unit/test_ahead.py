"""services.ahead: pure work made in a worker process comes back in order, the same as made
here, and a worker that dies costs nothing but time."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tipwatch.services import ahead
from tipwatch.services.ahead import made_ahead

WORKERS_UP = threading.Event()  # set in this process once made_ahead's workers are up

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


def mark_made(job: tuple[int, str]) -> int:
    """Job 0 is made here, once the workers are up; a worker marks each job it makes."""
    n, folder = job
    if multiprocessing.parent_process() is None:
        assert WORKERS_UP.wait(30)
    else:
        (Path(folder) / str(n)).touch()
    return n


def test_results_come_back_in_the_order_of_the_jobs() -> None:
    assert list(made_ahead(square, list(range(12)), workers=2)) == [n * n for n in range(12)]


def made_here_once_a_worker_made_job_1(job: tuple[int, str]) -> tuple[int, bool]:
    """A worker marks each job it makes; job 0, made here, waits until a worker made job 1
    and says whether one did."""
    n, folder = job
    if multiprocessing.parent_process() is not None:
        (Path(folder) / str(n)).touch()
    elif n == 0:
        deadline = time.monotonic() + 20
        while not (Path(folder) / "1").exists() and time.monotonic() < deadline:
            time.sleep(0.01)
    return os.getpid(), (Path(folder) / "1").exists()


@needs_two_cores
def test_jobs_are_made_here_until_the_workers_are_up_and_then_by_them() -> None:
    makers = list(made_ahead(pid_of_maker_slow_here, list(range(400)), workers=2))

    here = [n for n, pid in enumerate(makers) if pid == os.getpid()]
    assert here[0] == 0
    assert here == list(range(len(here)))  # a first stretch, never once the workers are up
    assert len(here) < len(makers)


@needs_two_cores
def test_workers_start_on_the_next_jobs_while_this_process_is_still_making_one(
    tmp_path: Path,
) -> None:
    jobs = [(n, str(tmp_path)) for n in range(4)]
    made = list(made_ahead(made_here_once_a_worker_made_job_1, jobs, workers=1))

    assert made[0] == (os.getpid(), True)  # a worker made job 1 while job 0 was made here
    assert made[1][0] != os.getpid()


@needs_two_cores
def test_when_the_worker_dies_the_remaining_jobs_are_made_here() -> None:
    results = list(made_ahead(square_but_die_in_a_worker, list(range(100)), workers=2))

    assert results == [n * n for n in range(100)]


def test_a_single_job_is_made_here() -> None:
    assert list(made_ahead(pid_of_maker, [0])) == [os.getpid()]


@needs_two_cores
def test_workers_make_the_next_jobs_while_the_caller_uses_a_result(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    warm_up = ahead._warm_up

    def warm_up_and_tell(*args: Any) -> None:
        warm_up(*args)
        WORKERS_UP.set()

    WORKERS_UP.clear()
    monkeypatch.setattr(ahead, "_warm_up", warm_up_and_tell)
    results = made_ahead(mark_made, [(n, str(tmp_path)) for n in range(4)], workers=1)

    assert next(results) == 0  # made here
    deadline = time.monotonic() + 20
    while not (tmp_path / "1").exists() and time.monotonic() < deadline:
        time.sleep(0.01)  # the caller is busy with job 0's result and has not asked again
    assert (tmp_path / "1").exists()
    assert list(results) == [1, 2, 3]
