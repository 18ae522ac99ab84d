"""A year of cases, made in a reproducible order and checked by the API's rules.

Pure work, no database: a year's cases depend only on the seed, the year's plan, the last day
and the stored units and recurring cast, whatever was made before them. So the demo build makes
the next year, down to the rows the database takes (services.bulk_rows), in a second process
while it writes the one before (services.ahead).
"""

from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from tipwatch.domain.law.catalogue import LegalCatalogue
from tipwatch.services import packing
from tipwatch.services.bulk import CaseBundle, PartyRecord, prepare
from tipwatch.services.bulk_rows import CaseRows, PeopleRows, RowMaker
from tipwatch.services.demo.cases import CaseFactory
from tipwatch.services.demo.names import IdentityAllocator
from tipwatch.services.demo.people import PeopleMaker
from tipwatch.services.demo.pools import Recurring
from tipwatch.services.demo.unit_tree import UnitDirectory
from tipwatch.services.demo.volumes import YearPlan
from tipwatch.storage.database import dialect_named

FIRST_YEAR_BLOCK = 2018  # identity block of a year = year - 2018 (block 0: the recurring cast)
# At most this many cases a transaction writes (a year in even batches). Each commit rewrites
# every page of the person index it touched, and a batch's keyed tokens touch pages all over
# it: up to 10,000 cases a commit rather than 2,000 took the national build's commits from
# about 10 s to 4 s.
BATCH_SIZE = 10_000


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
    dialect: str  # the database's driver name, such as "sqlite" or "postgresql+psycopg"
    now: datetime  # the rows' creation time
    insider: Insider | None = None


@dataclass(frozen=True)
class RowBatch:
    """Cases of a year as rows, with the new people they name: one transaction's worth."""

    people: PeopleRows
    cases: list[CaseRows]


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


def year_rows(job: YearJob) -> list[RowBatch]:
    """The year's cases, made, checked (`prepare` refuses any that breaks a rule) and made
    into rows, in batches of at most BATCH_SIZE cases."""
    people = PeopleMaker(IdentityAllocator.block(job.plan.year - FIRST_YEAR_BLOCK))
    factory = CaseFactory(job.catalogue, job.units, job.recurring, people, job.last_day)
    bundles = year_bundles(factory, job.plan, job.seed)
    if job.insider is not None and job.insider.year == job.plan.year:
        implicate(bundles, job.insider)
    maker = RowMaker(dialect_named(job.dialect), job.now)
    count = math.ceil(len(bundles) / BATCH_SIZE)  # batches, as even as can be
    size = math.ceil(len(bundles) / count) if count else 1
    batches = []
    for start in range(0, len(bundles), size):
        prepared = [prepare(b, job.catalogue, job.today) for b in bundles[start : start + size]]
        batches.append(RowBatch(*maker.rows(prepared)))
    return batches


def year_rows_packed(job: YearJob) -> bytes:
    """`year_rows` as bytes: what the worker process runs."""
    return packed_year(year_rows(job))


def packed_year(batches: list[RowBatch]) -> bytes:
    """A year's batches as plain tuples (services.packing), for `unpacked_year`."""
    return packing.packed(
        [
            (packing.people_tuple(batch.people), [packing.case_tuple(c) for c in batch.cases])
            for batch in batches
        ]
    )


def unpacked_year(data: bytes) -> list[RowBatch]:
    return [
        RowBatch(packing.people_rows(people), [packing.case_rows(c) for c in cases])
        for people, cases in packing.unpacked(data)
    ]
