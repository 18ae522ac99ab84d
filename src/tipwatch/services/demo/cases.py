"""One whole case as a bundle: where, what story, who, and its life up to the last day."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

from tipwatch.domain.events import PIPELINE_ORDER, EventKind
from tipwatch.domain.law.catalogue import LegalCatalogue
from tipwatch.domain.vocabulary import PersonRole
from tipwatch.services.bulk import CaseBundle, EventRecord
from tipwatch.services.demo.cast import (
    FIA_STORIES,
    FINE_ALONE_STORIES,
    NOT_COMPOUNDABLE_STORIES,
    POLICE_STORIES,
    POLICE_WEIGHTS,
    Cast,
    Scene,
    Story,
    fia_weights,
)
from tipwatch.services.demo.geography import DISTRICTS, District
from tipwatch.services.demo.people import PeopleMaker
from tipwatch.services.demo.pools import Recurring
from tipwatch.services.demo.stories_fia import FIA_CASTS
from tipwatch.services.demo.stories_police import DISTRICTS_OF, POLICE_CASTS
from tipwatch.services.demo.timeline import CaseLife
from tipwatch.services.demo.unit_tree import Place, UnitDirectory
from tipwatch.services.demo.volumes import Ending

PTPA_IN_FORCE = date(2018, 6, 2)
# The least time from report to an ending, for endings in court: a case of the last months
# of the demo's last year cannot have reached them
DAYS_TO_REACH = {
    Ending.CHALLANED: 60,
    Ending.ON_TRIAL: 120,
    Ending.DISCHARGED: 150,
    Ending.ACQUITTED: 300,
    Ending.AWAITING_SENTENCE: 300,
    Ending.FINE_ONLY: 300,
    Ending.IMPRISONED: 300,
}
# Share of cases whose victims are referred to an NGO, by story
REFERRAL_SHARE = {
    Story.SMUGGLING_TO_EUROPE: 0.1,
    Story.LABOUR_ABROAD: 0.3,
    Story.SEX_TRADE_ABROAD: 0.5,
    Story.BRIDES_TO_CHINA: 0.5,
    Story.EMPLOYMENT_FRAUD: 0.0,
    Story.ABDUCTION_FOR_MARRIAGE: 0.2,
    Story.SEXUAL_EXPLOITATION: 0.45,
    Story.CHILD_DOMESTIC_WORK: 0.5,
    Story.BONDED_LABOUR: 0.45,
    Story.FORCED_BEGGING: 0.4,
    Story.FORCED_LABOUR: 0.2,
}


def _story(
    rng: random.Random,
    stories: tuple[Story, ...],
    weights: tuple[float, ...],
    lawful_fine: bool,
    compromised: bool = False,
) -> Story:
    """A story by its weight; for a fine-only ending mostly one whose charges allow a fine
    alone, and for a compromise never one whose act forbids it."""
    if lawful_fine:
        pairs = zip(stories, weights, strict=True)
        weights = tuple(w if story in FINE_ALONE_STORIES else 0 for story, w in pairs)
    if compromised:
        pairs = zip(stories, weights, strict=True)
        weights = tuple(0 if story in NOT_COMPOUNDABLE_STORIES else w for story, w in pairs)
    return rng.choices(stories, weights)[0]


@dataclass
class CaseFactory:
    catalogue: LegalCatalogue
    units: UnitDirectory
    recurring: Recurring
    people: PeopleMaker
    last_day: date

    def __post_init__(self) -> None:
        self._circle_weights = list(
            accumulate(p.circle.weight for p in self.units.circles if p.circle)
        )
        self._districts: dict[Story, tuple[list[District], list[float]]] = {}
        for story in POLICE_STORIES:
            allowed = DISTRICTS_OF[story]
            districts = [d for d in DISTRICTS if allowed is None or d.name in allowed]
            self._districts[story] = (districts, list(accumulate(d.weight for d in districts)))

    def place(
        self, rng: random.Random, year: int, fia: bool, ending: Ending
    ) -> tuple[Place, Story]:
        """FIA cases by circle (Gujranwala zone first), police cases by story, then district.
        Most fine-only endings go to stories whose charges allow a fine alone."""
        lawful_fine = ending is Ending.FINE_ONLY and rng.random() < 0.85
        if fia:
            circle = rng.choices(self.units.circles, cum_weights=self._circle_weights)[0]
            gujranwala = circle.circle is not None and circle.circle.zone == "FIA-GRW"
            weights = fia_weights(year, gujranwala)
            compromised = ending is Ending.COMPROMISED
            return circle, _story(rng, FIA_STORIES, weights, lawful_fine, compromised)
        story = _story(rng, POLICE_STORIES, POLICE_WEIGHTS, lawful_fine)
        districts, cumulative = self._districts[story]
        district = rng.choices(districts, cum_weights=cumulative)[0]
        return rng.choice(self.units.stations[district.name]), story

    def make(self, rng: random.Random, year: int, ending: Ending, fia: bool) -> CaseBundle:
        """A case of `year` that ends as planned; its number is set later, in date order."""
        place, story = self.place(rng, year, fia, ending)
        year_end = min(date(year, 12, 31), self.last_day)
        # a case that is to reach court or a verdict by the last day was reported early enough
        # for it, rather than rushed through in days
        room = (self.last_day - date(year, 1, 1)).days - DAYS_TO_REACH.get(ending, 0)
        latest = max(0, min((year_end - date(year, 1, 1)).days, room))
        reported_on = date(year, 1, 1) + timedelta(days=rng.randint(0, latest))
        scene = Scene(rng, place, year, reported_on, self.recurring, self.people)
        cast = (FIA_CASTS if fia else POLICE_CASTS)[story](scene)
        cast.settle_trafficking_charges()
        offence_on = max(PTPA_IN_FORCE, reported_on - timedelta(days=cast.offence_lead_days))
        events = self.life(rng, ending, cast, place, reported_on, year_end, fia)
        events += self.victim_care(rng, cast, story, place, events)
        events.sort(key=lambda e: (e.occurred_on, PIPELINE_ORDER[EventKind(e.kind)]))
        challaned = any(
            e.kind in (EventKind.INTERIM_CHALLAN, EventKind.FINAL_CHALLAN) for e in events
        )
        return CaseBundle(
            number="",
            year=year,
            unit_id=place.id,
            unit_code=place.code,
            case_type=cast.case_type,
            reported_on=reported_on,
            offence_date=offence_on,
            exploitation=list(cast.exploitation),
            narrative=cast.narrative,
            prosecution_office_id=self.units.prosecutors[place.district.name]
            if challaned
            else None,
            parties=cast.parties,
            charges=cast.charges,
            events=events,
            route_legs=cast.route_legs,
        )

    def life(
        self,
        rng: random.Random,
        ending: Ending,
        cast: Cast,
        place: Place,
        reported_on: date,
        year_end: date,
        fia: bool,
    ) -> list[EventRecord]:
        complaint = EventRecord(EventKind.COMPLAINT, reported_on)
        if ending is Ending.REPORTED:
            return [complaint]
        delay = 0 if rng.random() < 0.7 else rng.randint(1, 15)  # FIRs registered late
        fir_on = min(reported_on + timedelta(days=delay), year_end)
        events = [complaint] if fir_on > reported_on or rng.random() < 0.2 else []
        events.append(EventRecord(EventKind.FIR_REGISTERED, fir_on))
        case_life = CaseLife(rng, cast, self.catalogue, place.district.name, fia)
        case_life.plan(ending)
        return events + case_life.dated(fir_on, self.last_day)

    def victim_care(
        self, rng: random.Random, cast: Cast, story: Story, place: Place, events: list[EventRecord]
    ) -> list[EventRecord]:
        """Victims identified, and in some cases referred to an NGO, after the FIR."""
        fir_on = next((e.occurred_on for e in events if e.kind == EventKind.FIR_REGISTERED), None)
        if fir_on is None:
            return []
        victims = [p for p in cast.parties if p.role == PersonRole.VICTIM]
        care = []
        for victim in victims:
            on = fir_on + timedelta(days=rng.randint(0, 5))
            if rng.random() < 0.5 and on <= self.last_day:
                care.append(EventRecord(EventKind.VICTIM_IDENTIFIED, on, victim.key))
        on = fir_on + timedelta(days=rng.randint(1, 30))
        if rng.random() < REFERRAL_SHARE[story] and on <= self.last_day:
            ngo = self.units.ngo_for(place.district.province, story is Story.BONDED_LABOUR)
            details = {"referred_to": self.units.ngo_names[ngo], "referred_to_unit_id": ngo}
            for victim in victims:
                victim.care_unit_id = ngo
                care.append(EventRecord(EventKind.VICTIM_REFERRED, on, victim.key, None, details))
        return care
