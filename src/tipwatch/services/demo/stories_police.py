"""Police cases: trafficking inside Pakistan. Women and children are most of the victims of
sexual exploitation and domestic servitude; whole families are bonded to brick kilns (Punjab)
and farms (Sindh)."""

from __future__ import annotations

from collections.abc import Callable

from tipwatch.domain.vocabulary import CaseType, ExploitationForm, OrganisationRole, PersonRole
from tipwatch.services.bulk import NewPerson
from tipwatch.services.demo.cast import Cast, Scene, Story
from tipwatch.services.demo.names import Community
from tipwatch.services.demo.people import Someone, adult_man, child, family_of, woman_or_girl
from tipwatch.services.demo.pools import FARM_DISTRICTS, RECURRING_SHARE, Pool

E = ExploitationForm
BIG_CITIES = ("Lahore", "Karachi", "Islamabad", "Rawalpindi", "Faisalabad", "Multan", "Peshawar")
KILN_AND_FARM_DISTRICTS = (
    "Kasur",
    "Sheikhupura",
    "Lahore",
    "Faisalabad",
    "Okara",
    "Sahiwal",
    "Gujranwala",
    "Multan",
    "Rahim Yar Khan",
    *FARM_DISTRICTS,
)
# Where each story may happen (None: anywhere, by the police weights)
DISTRICTS_OF: dict[Story, tuple[str, ...] | None] = {
    Story.ABDUCTION_FOR_MARRIAGE: None,
    Story.SEXUAL_EXPLOITATION: None,
    Story.CHILD_DOMESTIC_WORK: BIG_CITIES,
    Story.BONDED_LABOUR: KILN_AND_FARM_DISTRICTS,
    Story.FORCED_BEGGING: BIG_CITIES,
    Story.FORCED_LABOUR: None,
}


def _one_of(s: Scene, pool: Pool | None, share: float, fallback: Someone) -> NewPerson | int:
    if pool and s.rng.random() < share:
        return pool.pick(s.rng)
    return s.people.new(s.rng, fallback, phone=0.3, alias=0.15)


def _relative_complains(s: Scene, cast: Cast, family: str | None = None) -> None:
    who = Someone(s.rng.random() < 0.75, s.rng.randint(32, 65), s.place.district.community, family)
    cast.add(PersonRole.COMPLAINANT, s.people.new(s.rng, who, phone=0.2))


def _police_official(s: Scene, cast: Cast, share: float) -> None:
    if s.rng.random() < share:
        who = adult_man(s.rng, s.place.district.community, 28, 55)
        rank = s.rng.choice(("Sub-Inspector", "Assistant Sub-Inspector", "Head Constable"))
        agency = f"{s.place.district.province} Police"
        cast.add(PersonRole.IMPLICATED_OFFICIAL, s.people.new(s.rng, who), rank=rank, agency=agency)


def abduction_for_marriage(s: Scene) -> Cast:
    rng, community = s.rng, s.place.district.community
    cast = Cast(CaseType.TRAFFICKING, [E.FORCED_MARRIAGE], offence_lead_days=rng.randint(0, 20))
    girl = woman_or_girl(rng, community, 13, 25)
    cast.victim(s.people.new(rng, girl))
    for n in range(rng.choices((1, 2, 3), (55, 30, 15))[0]):
        provisions = ["PPC 365-B"]
        if girl.age < 16 and rng.random() < 0.5:
            provisions.append("PPC 363")
        if n == 0 and rng.random() < 0.2:
            provisions.append("PTPA 3(2)")
        cast.accused(s.people.new(rng, adult_man(rng, community, 19, 45), phone=0.3), provisions)
    _relative_complains(s, cast)
    cast.narrative = "Synthetic demo case. A young woman abducted to be married against her will."
    return cast


def sexual_exploitation(s: Scene) -> Cast:
    rng, district = s.rng, s.place.district
    cast = Cast(CaseType.TRAFFICKING, [E.SEXUAL_EXPLOITATION], offence_lead_days=rng.randint(0, 60))
    minors = False
    for _ in range(rng.choices((1, 2, 3), (55, 30, 15))[0]):
        roll = rng.random()
        if roll < 0.80:
            who = woman_or_girl(rng, district.community, 15, 35)
        elif roll < 0.92:
            who = child(rng, district.community, 0.0, 13, 17)
        else:
            who = Someone(True, rng.randint(16, 30), district.community, transgender=True)
        minors = minors or who.age < 18
        cast.victim(s.people.new(rng, who))
    pimp = _one_of(
        s,
        s.recurring.pimps.get(district.name),
        RECURRING_SHARE["pimp"],
        woman_or_girl(rng, district.community, 30, 55),
    )
    cast.accused(pimp, ["PTPA 3(2)", *(["PPC 371-A"] if rng.random() < 0.5 else [])])
    if rng.random() < 0.4:
        buyer = s.people.new(rng, adult_man(rng, district.community, 25, 60), phone=0.3)
        cast.accused(buyer, ["PPC 371-B", *(["PPC 366-A"] if minors else [])])
    houses = s.recurring.guest_houses.get(district.name)
    if houses and rng.random() < 0.4:
        cast.organisation(houses.pick(rng), OrganisationRole.PLACE_OF_EXPLOITATION)
    _police_official(s, cast, 0.01)
    if rng.random() < 0.6:
        _relative_complains(s, cast)
    cast.narrative = "Synthetic demo case. Women and girls held and sold for sex in rented rooms."
    return cast


def child_domestic_work(s: Scene) -> Cast:
    rng = s.rng
    cast = Cast(
        CaseType.TRAFFICKING,
        [E.CHILD_DOMESTIC_WORK, E.CHILD_LABOUR],
        offence_lead_days=rng.randint(0, 30),
    )
    home = Community.PUNJABI  # children sent from poor districts to city households
    worker = child(rng, home, 0.7, 7, 15)
    cast.victim(s.people.new(rng, worker))
    community = s.place.district.community
    employer = s.people.new(rng, woman_or_girl(rng, community, 28, 60), phone=0.5)
    cast.accused(employer, ["PTPA 3(2)", *(["PPC 374"] if rng.random() < 0.4 else [])])
    if rng.random() < 0.5:
        cast.accused(s.people.new(rng, adult_man(rng, community, 30, 65), phone=0.5), ["PTPA 3(2)"])
    if rng.random() < 0.4:
        cast.accused(s.people.new(rng, adult_man(rng, home, 30, 60)), ["PTPA 3(2)"])
    _relative_complains(s, cast)
    cast.narrative = (
        "Synthetic demo case. A child sent to work in a city household, unpaid and beaten."
    )
    return cast


def bonded_labour(s: Scene) -> Cast:
    rng, district = s.rng, s.place.district
    in_sindh = district.name in FARM_DISTRICTS
    form = E.AGRICULTURAL_BONDED_LABOUR if in_sindh else E.BRICK_KILN_BONDED_LABOUR
    cast = Cast(CaseType.BONDED_LABOUR, [form], offence_lead_days=rng.randint(0, 45))
    community = (
        (Community.HINDU if in_sindh else Community.CHRISTIAN)
        if rng.random() < 0.65
        else (district.community)
    )
    members = family_of(rng, community)
    people = [s.people.new(rng, m) for m in members]
    for person in people:
        cast.victim(person)
    if any(m.age < 18 for m in members):
        cast.exploitation.append(E.CHILD_LABOUR)
    owner = _one_of(
        s,
        s.recurring.kiln_owners.get(district.name),
        RECURRING_SHARE["kiln_owner"],
        adult_man(rng, district.community, 35, 70),
    )
    cast.accused(
        owner,
        [
            "BLSA 11",
            *(["PTPA 3(1)"] if rng.random() < 0.3 else []),
            *(["PPC 374"] if rng.random() < 0.3 else []),
        ],
    )
    if rng.random() < 0.6:
        munshi = s.people.new(rng, adult_man(rng, district.community, 25, 55), alias=0.3)
        cast.accused(munshi, ["BLSA 12"] if rng.random() < 0.3 else ["BLSA 11"])
    kilns = s.recurring.kilns.get(district.name)
    if kilns:
        cast.organisation(kilns.pick(rng), OrganisationRole.PLACE_OF_EXPLOITATION)
    _police_official(s, cast, 0.005)
    if rng.random() < 0.6:
        cast.add(PersonRole.COMPLAINANT, people[0])
    else:
        _relative_complains(s, cast, members[0].family)
    place = "farm" if in_sindh else "brick kiln"
    cast.narrative = (
        f"Synthetic demo case. A family of {len(members)} bonded to a {place} by an advance "
        "that grew faster than their wages."
    )
    return cast


def forced_begging(s: Scene) -> Cast:
    rng, community = s.rng, s.place.district.community
    cast = Cast(CaseType.TRAFFICKING, [E.FORCED_BEGGING], offence_lead_days=rng.randint(0, 30))
    for _ in range(rng.choices((1, 2, 3, 4), (40, 30, 20, 10))[0]):
        cast.victim(s.people.new(rng, child(rng, community, 0.5, 5, 14)))
    boss = _one_of(
        s, s.recurring.ring_bosses, RECURRING_SHARE["ring_boss"], adult_man(rng, community, 30, 65)
    )
    cast.accused(boss, ["PTPA 3(2)"])
    if rng.random() < 0.4:
        cast.accused(s.people.new(rng, woman_or_girl(rng, community, 25, 55)), ["PTPA 3(2)"])
    cast.narrative = "Synthetic demo case. Children made to beg at traffic signals for a ring."
    return cast


def forced_labour(s: Scene) -> Cast:
    rng, community = s.rng, s.place.district.community
    cast = Cast(CaseType.TRAFFICKING, [E.FORCED_LABOUR], offence_lead_days=rng.randint(0, 60))
    minors = False
    for _ in range(rng.choices((1, 2, 3), (60, 25, 15))[0]):
        worker = Someone(True, rng.randint(14, 40), community)
        minors = minors or worker.age < 18
        cast.victim(s.people.new(rng, worker))
    if minors:
        cast.exploitation.append(E.CHILD_LABOUR)
    employer = s.people.new(rng, adult_man(rng, community, 30, 65), phone=0.4)
    cast.accused(employer, ["PTPA 3(1)", *(["PPC 374"] if rng.random() < 0.5 else [])])
    _relative_complains(s, cast)
    cast.narrative = "Synthetic demo case. Workers locked in a workshop and not paid."
    return cast


POLICE_CASTS: dict[Story, Callable[[Scene], Cast]] = {
    Story.ABDUCTION_FOR_MARRIAGE: abduction_for_marriage,
    Story.SEXUAL_EXPLOITATION: sexual_exploitation,
    Story.CHILD_DOMESTIC_WORK: child_domestic_work,
    Story.BONDED_LABOUR: bonded_labour,
    Story.FORCED_BEGGING: forced_begging,
    Story.FORCED_LABOUR: forced_labour,
}
