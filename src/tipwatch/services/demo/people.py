"""Invented people for the stories: victims by profile, accused, complainants, officials.

One-off people are `NewPerson`s written with their case; people who recur across cases (agents,
kiln owners, pimps, officials) are stored first with `add_person`, and their cases name them by
id, so the same person with the same CNIC is accused in several cases.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from typing import Any

from tipwatch.domain.access import SYSTEM
from tipwatch.domain.vocabulary import Sex
from tipwatch.services.bulk import NewPerson
from tipwatch.services.context import Context
from tipwatch.services.demo.names import Community, IdentityAllocator, family_name, full_name
from tipwatch.services.persons import add_person
from tipwatch.services.schemas.people import PersonCreate

ALIASES = (
    "Kala",
    "Billa",
    "Pappu",
    "Mithu",
    "Sheeda",
    "Haji Sahib",
    "Doctor",
    "Chacha",
    "Bao",
    "Shahji",
    "Agent Sahib",
    "Malik Sahib",
    "Bhola",
    "Jani",
    "Guddu",
)


@dataclass
class Someone:
    """What a story asks for: the profile of one person."""

    male: bool
    age: int
    community: Community
    family: str | None = None  # to share a family name with relatives
    transgender: bool = False
    name: str | None = None  # their full name, where a relative's record must match it
    father: str | None = None  # their father's full name, likewise


class PeopleMaker:
    """Makes one-off people; CNICs for adults, phones for some, all from the demo ranges."""

    def __init__(self, identities: IdentityAllocator) -> None:
        self.identities = identities

    def personal(
        self, rng: random.Random, who: Someone, *, phone: float, alias: float
    ) -> dict[str, Any]:
        family = who.family or family_name(rng, who.community)
        record: dict[str, Any] = {
            "name": who.name or full_name(rng, who.community, who.male, family),
            "father_name": who.father or full_name(rng, who.community, True, family),
        }
        if who.age >= 18 and rng.random() < 0.8:
            record["cnic"] = self.identities.cnic(who.male)
        if rng.random() < phone:
            number = self.identities.phone()
            if number:
                record["phones"] = [number]
        if rng.random() < alias:
            record["aliases"] = [rng.choice(ALIASES)]
        return record

    def new(
        self, rng: random.Random, who: Someone, *, phone: float = 0.0, alias: float = 0.0
    ) -> NewPerson:
        sex = Sex.TRANSGENDER if who.transgender else (Sex.MALE if who.male else Sex.FEMALE)
        record = self.personal(rng, who, phone=phone, alias=alias)
        return NewPerson(record, sex=sex.value, age_years=who.age, nationality="PK")

    def stored(self, ctx: Context, rng: random.Random, who: Someone) -> int:
        """A recurring person, stored now through the service; returns the person id."""
        record = self.personal(rng, who, phone=1.0, alias=0.5)
        data = PersonCreate(
            name=record["name"],
            father_name=record["father_name"],
            aliases=record.get("aliases", []),
            sex=Sex.MALE if who.male else Sex.FEMALE,
            age_years=who.age,
            nationality="PK",
            cnic=record.get("cnic") or self.identities.cnic(who.male),
            phones=record.get("phones", []),
        )
        return add_person(ctx, SYSTEM, data).id


def adult_man(rng: random.Random, community: Community, low: int = 22, high: int = 60) -> Someone:
    return Someone(True, rng.randint(low, high), community)


def young_man(rng: random.Random, community: Community) -> Someone:
    """Smuggled migrants: mostly men of 18 to 30, a few boys of 15 to 17."""
    age = rng.randint(15, 17) if rng.random() < 0.08 else rng.randint(18, 32)
    return Someone(True, age, community)


def woman_or_girl(rng: random.Random, community: Community, low: int, high: int) -> Someone:
    return Someone(False, rng.randint(low, high), community)


def child(
    rng: random.Random,
    community: Community,
    girls: float,
    low: int,
    high: int,
    family: str | None = None,
) -> Someone:
    return Someone(rng.random() >= girls, rng.randint(low, high), community, family)


def family_of(rng: random.Random, community: Community) -> list[Someone]:
    """A bonded family: father, usually mother, and one to five children."""
    family = family_name(rng, community)
    father_age = rng.randint(26, 52)
    father = full_name(rng, community, True, family)
    members = [Someone(True, father_age, community, family, name=father)]
    youngest_parent = father_age
    if rng.random() < 0.85:
        mother_age = max(22, father_age - rng.randint(0, 6))
        members.append(Someone(False, mother_age, community, family))
        youngest_parent = min(father_age, mother_age)
    oldest = min(17, youngest_parent - 18)  # no parent under 18 at a child's birth
    for _ in range(rng.choices((1, 2, 3, 4, 5), (15, 30, 30, 15, 10))[0]):
        members.append(
            replace(child(rng, community, 0.5, min(4, oldest), oldest, family), father=father)
        )
    return members
