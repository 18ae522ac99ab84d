"""A year of cases, made in a reproducible order and checked by the API's rules.

Pure work, no database: a year's cases depend only on the seed, the year's plan, the last day
and the stored units and recurring cast, whatever was made before them. So the demo build makes
the next year in a second process while it writes the one before (services.ahead).
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date

from tipwatch.domain.law.catalogue import LegalCatalogue
from tipwatch.services.bulk import CaseBundle, PartyRecord, PreparedCase, prepare
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
