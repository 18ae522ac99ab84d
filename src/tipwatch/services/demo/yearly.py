"""A year of cases, made in a reproducible order and checked by the API's rules.

Pure work, no database: a year's cases depend only on the seed, the year's plan, the last day
and the stored units and recurring cast, whatever was made before them. So `prepared_years`
makes the next year in a second process while the caller writes the one before.
"""

from __future__ import annotations

import multiprocessing
import os
import random
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date
from itertools import islice

from tipwatch.domain.law.catalogue import LegalCatalogue
from tipwatch.services.bulk import CaseBundle, PartyRecord, PreparedCase, many_objects, prepare
from tipwatch.services.demo.cases import CaseFactory
from tipwatch.services.demo.names import IdentityAllocator
from tipwatch.services.demo.people import PeopleMaker
from tipwatch.services.demo.pools import Recurring
from tipwatch.services.demo.unit_tree import UnitDirectory
from tipwatch.services.demo.volumes import YearPlan

FIRST_YEAR_BLOCK = 2018  # identity block of a year = year - 2018 (block 0: the recurring cast)


@dataclass(frozen=True)
class Insider:
    """A stored person named as the implicated official of a unit's first case of a year."""

    person_id: int
    year: int
    unit_code: str
    rank: str
    agency: str


@dataclass(frozen=True)
class YearJob:
    plan: YearPlan
    seed: int
    last_day: date
    today: date
    catalogue: LegalCatalogue
    units: UnitDirectory
    recurring: Recurring
    insider: Insider | None = None


def year_bundles(factory: CaseFactory, plan: YearPlan, seed: int) -> list[CaseBundle]:
    """Every case of the year in date order, numbered per unit as FIRs are (1, 2, 3...)."""
    rng = random.Random(f"tipwatch-demo:{seed}:{plan.year}")
    endings = [ending for ending, n in plan.endings.items() for _ in range(n)]
    rng.shuffle(endings)
    by_fia = [n < plan.fia_cases for n in range(len(endings))]
    rng.shuffle(by_fia)
    bundles = [factory.make(rng, plan.year, e, fia) for e, fia in zip(endings, by_fia, strict=True)]
    bundles.sort(key=lambda b: b.reported_on)
    numbers: Counter[str] = Counter()
    for bundle in bundles:
        numbers[bundle.unit_code] += 1
        bundle.number = str(numbers[bundle.unit_code])
    return bundles


def implicate(bundles: list[CaseBundle], insider: Insider) -> None:
    bundle = next((b for b in bundles if b.unit_code == insider.unit_code), None)
    if bundle is not None:
        key = f"p{len(bundle.parties) + 1}"
        party = PartyRecord(
            key, "implicated_official", insider.person_id, rank=insider.rank, agency=insider.agency
        )
        bundle.parties.append(party)


def prepared_year(job: YearJob) -> list[PreparedCase]:
    """The year's cases, made and checked: `prepare` refuses any that breaks a rule."""
    people = PeopleMaker(IdentityAllocator.block(job.plan.year - FIRST_YEAR_BLOCK))
    factory = CaseFactory(job.catalogue, job.units, job.recurring, people, job.last_day)
    bundles = year_bundles(factory, job.plan, job.seed)
    if job.insider is not None and job.insider.year == job.plan.year:
        implicate(bundles, job.insider)
    return [prepare(bundle, job.catalogue, job.today) for bundle in bundles]


def prepared_in_worker(job: YearJob) -> list[PreparedCase]:
    """`prepared_year` in a worker process, without the cycle collector (see bulk.many_objects)."""
    with many_objects():
        return prepared_year(job)


def prepared_years(jobs: list[YearJob]) -> Iterator[list[PreparedCase]]:
    """Each job's cases, in order. The first is made here while a worker process starts on the
    next, and the worker keeps one year ahead of the caller after that. On one core, or if the
    worker cannot run, every year is made here. The cases are the same either way."""
    if len(jobs) < 2 or (os.cpu_count() or 1) < 2:
        yield from (prepared_year(job) for job in jobs)
        return
    # "spawn": a fresh interpreter, whatever threads or connections this process holds
    executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
    waiting = iter(jobs[1:])
    made = 0
    try:
        ahead: deque[Future[list[PreparedCase]]] = deque(
            executor.submit(prepared_in_worker, job) for job in islice(waiting, 2)
        )
        yield prepared_year(jobs[0])
        made = 1
        while ahead:
            done = ahead.popleft().result()
            if (job := next(waiting, None)) is not None:
                ahead.append(executor.submit(prepared_in_worker, job))
            made += 1
            yield done
    except BrokenProcessPool:  # e.g. a script without the `if __name__ == "__main__"` guard
        yield from (prepared_year(job) for job in jobs[made:])
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
