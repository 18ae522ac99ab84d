"""Who is in a case and what they are charged with: the cast a story assembles."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from tipwatch.domain.vocabulary import CaseType, OrganisationRole, PersonRole
from tipwatch.services.bulk import ChargeRecord, NewPerson, PartyRecord, RouteLegRecord
from tipwatch.services.demo.people import PeopleMaker
from tipwatch.services.demo.pools import Official, Recurring
from tipwatch.services.demo.unit_tree import Place


class Story(StrEnum):
    # FIA: the victim was moved out of Pakistan (PTPA s.8)
    SMUGGLING_TO_EUROPE = "smuggling_to_europe"
    LABOUR_ABROAD = "labour_abroad"
    SEX_TRADE_ABROAD = "sex_trade_abroad"
    BRIDES_TO_CHINA = "brides_to_china"
    EMPLOYMENT_FRAUD = "employment_fraud"
    # Police: inside Pakistan
    ABDUCTION_FOR_MARRIAGE = "abduction_for_marriage"
    SEXUAL_EXPLOITATION = "sexual_exploitation"
    CHILD_DOMESTIC_WORK = "child_domestic_work"
    BONDED_LABOUR = "bonded_labour"
    FORCED_BEGGING = "forced_begging"
    FORCED_LABOUR = "forced_labour"


FIA_STORIES = (
    Story.SMUGGLING_TO_EUROPE,
    Story.LABOUR_ABROAD,
    Story.SEX_TRADE_ABROAD,
    Story.BRIDES_TO_CHINA,
    Story.EMPLOYMENT_FRAUD,
)
POLICE_STORIES = (
    Story.ABDUCTION_FOR_MARRIAGE,
    Story.SEXUAL_EXPLOITATION,
    Story.CHILD_DOMESTIC_WORK,
    Story.BONDED_LABOUR,
    Story.FORCED_BEGGING,
    Story.FORCED_LABOUR,
)
POLICE_WEIGHTS = (28, 52, 5, 5, 3, 7)
# Stories whose main charge allows a fine alone (PTPA s.3, Bonded Labour Act): where courts
# fine instead of imprisoning
FINE_ALONE_STORIES = frozenset(
    {
        Story.LABOUR_ABROAD,
        Story.SEX_TRADE_ABROAD,
        Story.BRIDES_TO_CHINA,
        Story.SEXUAL_EXPLOITATION,
        Story.CHILD_DOMESTIC_WORK,
        Story.BONDED_LABOUR,
        Story.FORCED_BEGGING,
        Story.FORCED_LABOUR,
    }
)


# Stories charged under an act whose offences cannot be compromised (PSMA: non-compoundable)
NOT_COMPOUNDABLE_STORIES = frozenset({Story.SMUGGLING_TO_EUROPE})


def fia_weights(year: int, gujranwala_zone: bool) -> tuple[float, ...]:
    """Smuggling dominates, most of all in the Gujranwala zone; brides to China peaked in 2019."""
    brides = {2019: 12, 2020: 4}.get(year, 1)
    return (45 * (1.6 if gujranwala_zone else 1), 24, 8, brides, 14)


@dataclass
class Cast:
    case_type: CaseType
    exploitation: list[str] = field(default_factory=list)
    parties: list[PartyRecord] = field(default_factory=list)
    charges: list[ChargeRecord] = field(default_factory=list)
    route_legs: list[RouteLegRecord] = field(default_factory=list)
    offence_lead_days: int = 0  # how long before the report the offence happened
    narrative: str = ""

    def add(
        self,
        role: str,
        person: NewPerson | int | None = None,
        *,
        organisation_id: int | None = None,
        rank: str | None = None,
        agency: str | None = None,
    ) -> str:
        key = f"p{len(self.parties) + 1}"
        self.parties.append(PartyRecord(key, role, person, organisation_id, rank, agency))
        return key

    def accused(self, person: NewPerson | int, provisions: list[str]) -> str:
        key = self.add(PersonRole.ACCUSED, person)
        for provision in dict.fromkeys(provisions):
            self.charges.append(ChargeRecord(f"c{len(self.charges) + 1}", key, provision))
        return key

    def victim(self, person: NewPerson) -> str:
        return self.add(PersonRole.VICTIM, person)

    def organisation(self, organisation_id: int, role: OrganisationRole) -> str:
        return self.add(role, organisation_id=organisation_id)

    def official(self, official: Official) -> str:
        return self.add(
            PersonRole.IMPLICATED_OFFICIAL,
            official.person_id,
            rank=official.rank,
            agency=official.agency,
        )

    def keys(self, role: str) -> list[str]:
        return [p.key for p in self.parties if p.role == role]

    def settle_trafficking_charges(self) -> None:
        """PTPA s.3(2) where a victim is a woman or a child, s.3(1) otherwise (PTPA s.3): the
        stories charge "s.3" before they know every victim."""
        aggravated = any(
            isinstance(p.person, NewPerson)
            and (p.person.sex == "female" or (p.person.age_years or 99) < 18)
            for p in self.parties
            if p.role == PersonRole.VICTIM
        )
        section = "PTPA 3(2)" if aggravated else "PTPA 3(1)"
        for charge in self.charges:
            if charge.provision in ("PTPA 3(1)", "PTPA 3(2)"):
                charge.provision = section


@dataclass
class Scene:
    """What a story needs to know: where, when, and who can recur."""

    rng: random.Random
    place: Place
    year: int
    reported_on: date
    recurring: Recurring
    people: PeopleMaker
