"""Shared pieces of the benchmarks: timing, and a throwaway database."""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tipwatch.config import Settings
from tipwatch.services.context import Context
from tipwatch.storage.database import connect, upgrade
from tipwatch.storage.personal import PersonalDataCodec


@dataclass(frozen=True)
class Timing:
    label: str
    p50_ms: float
    p95_ms: float
    runs: int

    def line(self) -> str:
        return (
            f"{self.label:<48} p50 {self.p50_ms:8.2f} ms   p95 {self.p95_ms:8.2f} ms   "
            f"({self.runs} runs)"
        )


def timed(label: str, action: Callable[[], object], runs: int, warmup: int = 3) -> Timing:
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return Timing(label, statistics.median(samples), samples[int(len(samples) * 0.95) - 1], runs)


def reference_loop_seconds(repeats: int = 3) -> float:
    """The best of a few runs of a fixed pure-Python loop (20 million additions): the
    machine's speed at the moment, to read the other figures by. The development machine's
    speed drifts (1.8 to 3.4 s for this loop has been seen on the same kind of machine)."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        total = 0
        for n in range(20_000_000):
            total += n
        best = min(best, time.perf_counter() - start)
    return best


@contextmanager
def scratch_context(codec: PersonalDataCodec, name: str) -> Iterator[Context]:
    """A new SQLite file in a folder of its own, removed afterwards (the national demo is
    about 570 MB)."""
    folder = Path(tempfile.mkdtemp(prefix="tipwatch-bench-"))
    engine = connect(f"sqlite:///{folder / name}.db")
    upgrade(engine)
    try:
        yield Context(engine=engine, settings=Settings(environment="test"), codec=codec)
    finally:
        engine.dispose()
        shutil.rmtree(folder, ignore_errors=True)
