"""FIA cases: people moved out of Pakistan (PTPA s.8), with their routes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from tipwatch.domain.vocabulary import CaseType, ExploitationForm, OrganisationRole, PersonRole
from tipwatch.services.bulk import NewPerson, RouteLegRecord
from tipwatch.services.demo.cast import Cast, Scene, Story
from tipwatch.services.demo.geography import (
    AIRPORTS,
    BRIDE_DESTINATIONS,
    EUROPE_ROUTES,
    IRAN_ROUTE,
    LABOUR_DESTINATIONS,
    SEX_TRADE_DESTINATIONS,
    Stop,
)
from tipwatch.services.demo.names import Community
from tipwatch.services.demo.people import Someone, adult_man, woman_or_girl, young_man
from tipwatch.services.demo.pools import RECURRING_SHARE

E = ExploitationForm
_CHINESE_FAMILY = ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu")
_CHINESE_GIVEN = ("Wei", "Jun", "Hao", "Lei", "Qiang", "Jie", "Tao", "Ming", "Bo", "Gang")


def _how_many(s: Scene, weights: tuple[int, ...]) -> int:
    return s.rng.choices(range(1, len(weights) + 1), weights)[0]


def _agent(s: Scene, recurring_share: float) -> NewPerson | int:
    """A recurring agent of this circle, or a new one."""
    circle = s.place.circle
    pool = s.recurring.agents.get(circle.code) if circle else None
    if pool and s.rng.random() < recurring_share:
        return pool.pick(s.rng)
    return s.people.new(
        s.rng, adult_man(s.rng, s.place.district.community, 24, 60), phone=0.7, alias=0.2
    )


def _complainant(
    s: Scene, cast: Cast, victim: NewPerson, self_share: float, none_share: float
) -> None:
    """The victim, a relative, or nobody (the FIA acted on its own information)."""
    roll = s.rng.random()
    if roll < self_share:
        cast.add(PersonRole.COMPLAINANT, victim)
    elif roll < 1 - none_share:
        family = victim.personal["name"].split()[-1]
        who = Someone(True, s.rng.randint(40, 70), s.place.district.community, family)
        cast.add(PersonRole.COMPLAINANT, s.people.new(s.rng, who, phone=0.3))


def _maybe_official(s: Scene, cast: Cast, share: float) -> None:
    """Now and then an immigration official of the airport the victims flew out from."""
    airport = s.place.circle.airport if s.place.circle else "LHE"
    posted = [o for o in s.recurring.officials if o.airport == airport]
    if posted and s.rng.random() < share:
        cast.official(s.rng.choice(posted))


def _fly(s: Scene, cast: Cast, to: Stop, days_before_report: int) -> None:
    code = s.place.circle.airport if s.place.circle else "LHE"
    city, airport = AIRPORTS[code]
    departed = s.reported_on - timedelta(days=days_before_report)
    cast.route_legs.append(RouteLegRecord(city, "PK", to[0], to[1], "air", airport, departed))


def smuggling_to_europe(s: Scene) -> Cast:
    rng = s.rng
    cast = Cast(CaseType.MIGRANT_SMUGGLING, offence_lead_days=rng.randint(30, 420))
    migrants = [
        s.people.new(rng, young_man(rng, s.place.district.community))
        for _ in range(_how_many(s, (45, 30, 15, 10)))
    ]
    for migrant in migrants:
        cast.victim(migrant)
    if rng.random() < 0.15:
        cast.exploitation.append(E.FORCED_LABOUR)  # held and worked for ransom in Libya
    main = "PSMA 6" if rng.random() < 0.75 else "EO 18"
    cast.accused(
        _agent(s, RECURRING_SHARE["agent"]), [main, *(["EO 22"] if rng.random() < 0.5 else [])]
    )
    if rng.random() < 0.4:
        cast.accused(_agent(s, 0.0), ["PSMA 6"])
    agencies = s.recurring.agencies.get(s.place.code)
    if agencies and rng.random() < 0.3:
        cast.organisation(agencies.pick(rng), OrganisationRole.RECRUITING_AGENCY)
    _complainant(s, cast, migrants[0], 0.5, 0.2)
    lead = cast.offence_lead_days
    overland = s.place.district.province == "Balochistan" or rng.random() < 0.2
    if not overland:  # an official where they flew out; none on the road through Taftan
        _maybe_official(s, cast, 0.03)
    if overland:
        legs = IRAN_ROUTE
        start = s.reported_on - timedelta(days=lead)
        cast.route_legs.append(
            RouteLegRecord(s.place.district.name, "PK", "Taftan", "PK", "land", None, start)
        )
    else:
        legs = rng.choice(EUROPE_ROUTES)
        _fly(s, cast, legs[0][1], lead)
    departed = s.reported_on - timedelta(days=lead)  # the first flight or road out
    for mode, origin, destination in legs:  # each leg some days or weeks after the one before
        departed = min(s.reported_on, departed + timedelta(days=rng.randint(7, 40)))
        cast.route_legs.append(
            RouteLegRecord(
                origin[0], origin[1], destination[0], destination[1], mode, None, departed
            )
        )
    price = rng.choice((1.2, 1.5, 1.8, 2.0, 2.2, 2.4))
    cast.narrative = (
        f"Synthetic demo case. {len(migrants)} migrant(s) from {s.place.district.name} district "
        f"smuggled towards {legs[-1][2][0]}; the agent took about PKR {price} million each."
    )
    return cast


def labour_abroad(s: Scene) -> Cast:
    rng = s.rng
    cast = Cast(CaseType.TRAFFICKING, [E.FORCED_LABOUR], offence_lead_days=rng.randint(90, 500))
    if rng.random() < 0.2:
        cast.exploitation.append(E.SERVITUDE)
    workers = [
        s.people.new(rng, adult_man(rng, s.place.district.community, 20, 45))
        for _ in range(_how_many(s, (40, 25, 15, 10, 10)))
    ]
    for worker in workers:
        cast.victim(worker)
    promoters = s.recurring.promoters
    promoter: NewPerson | int = (
        promoters.pick(rng)
        if promoters and rng.random() < RECURRING_SHARE["promoter"]
        else s.people.new(rng, adult_man(rng, Community.PUNJABI, 30, 65), phone=0.8)
    )
    main = "PTPA 4" if rng.random() < 0.15 else "PTPA 3(1)"  # passports confiscated: s.4
    extra = (["EO 22"] if rng.random() < 0.6 else []) + (["EO 18"] if rng.random() < 0.2 else [])
    cast.accused(promoter, [main, *extra])
    if s.recurring.promoter_firms and rng.random() < 0.6:
        firm = s.recurring.promoter_firms.pick(rng)
        cast.organisation(firm, OrganisationRole.RECRUITING_AGENCY)
    _maybe_official(s, cast, 0.02)
    _complainant(s, cast, workers[0], 0.6, 0.0)
    destination = rng.choice(LABOUR_DESTINATIONS)
    _fly(s, cast, destination, cast.offence_lead_days)
    cast.narrative = (
        f"Synthetic demo case. {len(workers)} worker(s) recruited for jobs in {destination[0]}; "
        "passports taken on arrival and wages withheld."
    )
    return cast


def sex_trade_abroad(s: Scene) -> Cast:
    rng = s.rng
    cast = Cast(
        CaseType.TRAFFICKING, [E.SEXUAL_EXPLOITATION], offence_lead_days=rng.randint(30, 300)
    )
    community = s.place.district.community
    women = [
        s.people.new(rng, woman_or_girl(rng, community, 18, 30))
        for _ in range(_how_many(s, (70, 30)))
    ]
    for woman in women:
        cast.victim(woman)
    for n in range(_how_many(s, (60, 40))):
        who = (
            woman_or_girl(rng, community, 30, 55)
            if n == 0 and rng.random() < 0.5
            else (adult_man(rng, community, 25, 60))
        )
        provisions = ["PTPA 3(2)", *(["PPC 371-A"] if rng.random() < 0.4 else [])]
        cast.accused(s.people.new(rng, who, phone=0.6, alias=0.2), provisions)
    _maybe_official(s, cast, 0.04)
    _complainant(s, cast, women[0], 0.3, 0.0)
    destination = rng.choice(SEX_TRADE_DESTINATIONS)
    _fly(s, cast, destination, cast.offence_lead_days)
    cast.narrative = (
        f"Synthetic demo case. {len(women)} woman (women) promised work in {destination[0]} "
        "and forced into prostitution there."
    )
    return cast


def brides_to_china(s: Scene) -> Cast:
    rng = s.rng
    cast = Cast(CaseType.TRAFFICKING, [E.BRIDE_TRAFFICKING], offence_lead_days=rng.randint(30, 200))
    if rng.random() < 0.3:
        cast.exploitation.append(E.SEXUAL_EXPLOITATION)
    community = Community.CHRISTIAN if rng.random() < 0.6 else s.place.district.community
    bride_profile = woman_or_girl(rng, community, 16, 25)
    bride = s.people.new(rng, bride_profile)
    cast.victim(bride)
    husband = NewPerson(
        {"name": f"{rng.choice(_CHINESE_FAMILY)} {rng.choice(_CHINESE_GIVEN)}"},
        sex="male",
        age_years=rng.randint(28, 50),
        nationality="CN",
    )
    cast.accused(husband, ["PTPA 3(2)"])
    if rng.random() < 0.7:
        minor = ["PPC 366-A"] if bride_profile.age < 18 else []
        broker = s.people.new(rng, adult_man(rng, community, 30, 60), phone=0.8)
        cast.accused(broker, ["PTPA 3(2)", *minor])
    _complainant(s, cast, bride, 0.0, 0.0)
    destination = rng.choice(BRIDE_DESTINATIONS)
    _fly(s, cast, destination, cast.offence_lead_days)
    cast.narrative = (
        f"Synthetic demo case. A bride married through a broker and taken to {destination[0]}."
    )
    return cast


def employment_fraud(s: Scene) -> Cast:
    rng = s.rng
    cast = Cast(CaseType.OTHER, offence_lead_days=rng.randint(30, 300))
    men = [
        s.people.new(rng, adult_man(rng, s.place.district.community, 20, 40))
        for _ in range(_how_many(s, (50, 30, 20)))
    ]
    for man in men:
        cast.victim(man)
    cast.accused(
        _agent(s, RECURRING_SHARE["agent"]), ["EO 22", *(["EO 18"] if rng.random() < 0.3 else [])]
    )
    cast.add(PersonRole.COMPLAINANT, men[0])
    cast.narrative = (
        f"Synthetic demo case. {len(men)} man (men) paid an agent for work visas that never came."
    )
    return cast


FIA_CASTS: dict[Story, Callable[[Scene], Cast]] = {
    Story.SMUGGLING_TO_EUROPE: smuggling_to_europe,
    Story.LABOUR_ABROAD: labour_abroad,
    Story.SEX_TRADE_ABROAD: sex_trade_abroad,
    Story.BRIDES_TO_CHINA: brides_to_china,
    Story.EMPLOYMENT_FRAUD: employment_fraud,
}
