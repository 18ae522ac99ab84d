"""The people and organisations that recur across cases, stored before the cases.

Agents (their number follows the FIA Red Book: 156 most-wanted smugglers in 2023, about 45% in
the Gujranwala zone), overseas employment promoters, kiln owners, pimps, begging-ring bosses and
FIA immigration officials; travel agencies, promoters' firms, brick kilns and guest houses.
Some recur far more than others (weight 1/sqrt(rank)), as repeat offenders do; at national scale
the busiest agent is accused in a few dozen cases over the seven years.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from tipwatch.domain.access import SYSTEM
from tipwatch.domain.vocabulary import OrganisationKind
from tipwatch.services.context import Context
from tipwatch.services.demo.geography import AIRPORTS, CIRCLES, DISTRICT
from tipwatch.services.demo.names import Community
from tipwatch.services.demo.people import PeopleMaker, Someone, adult_man, woman_or_girl
from tipwatch.services.organisations import add_organisation
from tipwatch.services.schemas.people import OrganisationCreate

RED_BOOK_AGENTS = 156
# Share of a story's cases whose accused is drawn from the recurring cast
RECURRING_SHARE = {
    "agent": 0.25,
    "promoter": 0.2,
    "kiln_owner": 0.15,
    "pimp": 0.1,
    "ring_boss": 0.08,
}
_BRANDS = (
    "Falcon",
    "Crescent",
    "Green Valley",
    "Royal Star",
    "Sky Link",
    "Noor",
    "Golden Wings",
    "Blue Ocean",
    "Silver Jet",
    "Zamzam",
    "Shaheen",
    "Northern Star",
    "Al-Baraka",
    "Five Rivers",
)
KILN_DISTRICTS = (
    "Kasur",
    "Sheikhupura",
    "Lahore",
    "Faisalabad",
    "Okara",
    "Sahiwal",
    "Gujranwala",
    "Multan",
    "Rahim Yar Khan",
)
FARM_DISTRICTS = ("Umerkot", "Sanghar", "Mirpurkhas", "Tharparkar", "Hyderabad")
CITIES = ("Lahore", "Karachi", "Islamabad", "Rawalpindi", "Faisalabad", "Multan", "Peshawar")
OFFICIAL_RANKS = (
    "Inspector",
    "Sub-Inspector",
    "Assistant Sub-Inspector",
    "Head Constable",
    "Constable",
)


@dataclass
class Pool:
    """Ids to draw from, the first far more often than the last."""

    ids: list[int] = field(default_factory=list)
    _cumulative: list[float] = field(default_factory=list)

    def add(self, item: int) -> None:
        self.ids.append(item)
        last = self._cumulative[-1] if self._cumulative else 0.0
        self._cumulative.append(last + 1 / math.sqrt(len(self.ids)))

    def pick(self, rng: random.Random) -> int:
        return rng.choices(self.ids, cum_weights=self._cumulative)[0]

    def __bool__(self) -> bool:
        return bool(self.ids)


@dataclass(frozen=True)
class Official:
    person_id: int
    rank: str
    agency: str
    airport: str  # the code of the airport they are posted at


@dataclass
class Recurring:
    agents: dict[str, Pool] = field(default_factory=dict)  # by FIA circle code
    promoters: Pool = field(default_factory=Pool)
    kiln_owners: dict[str, Pool] = field(default_factory=dict)  # by district
    pimps: dict[str, Pool] = field(default_factory=dict)  # by district
    ring_bosses: Pool = field(default_factory=Pool)
    officials: list[Official] = field(default_factory=list)
    agencies: dict[str, Pool] = field(default_factory=dict)  # travel agencies, by circle
    promoter_firms: Pool = field(default_factory=Pool)
    kilns: dict[str, Pool] = field(default_factory=dict)  # brick kilns and farms, by district
    guest_houses: dict[str, Pool] = field(default_factory=dict)  # by district


def _organisation(
    ctx: Context,
    name: str,
    kind: OrganisationKind,
    district: str,
    licence: str | None = None,
    country: str = "PK",
) -> int:
    data = OrganisationCreate(
        name=name,
        kind=kind,
        licence_number=licence,
        district=district,
        province=DISTRICT[district].province,
        country=country,
    )
    return add_organisation(ctx, SYSTEM, data).id


def build_pools(ctx: Context, rng: random.Random, maker: PeopleMaker, divisor: int) -> Recurring:
    """Store the recurring cast; `divisor` shrinks every pool (10 for the small demo)."""
    r = Recurring()

    def size(n: int) -> int:
        return max(2, round(n / divisor))

    total_weight = sum(c.weight for c in CIRCLES)
    for n, circle in enumerate(CIRCLES):
        community = DISTRICT[circle.district].community
        r.agents[circle.code] = agents = Pool()
        for _ in range(size(round(RED_BOOK_AGENTS * circle.weight / total_weight))):
            agents.add(maker.stored(ctx, rng, adult_man(rng, community, 28, 62)))
        r.agencies[circle.code] = agencies = Pool()
        for _ in range(size(6)):
            brand = f"{rng.choice(_BRANDS)} {rng.choice(('Travels', 'Travel & Tours'))}"
            agencies.add(
                _organisation(
                    ctx,
                    brand,
                    OrganisationKind.TRAVEL_AGENCY,
                    circle.district,
                    f"DEMO-TA-{n:02d}{len(agencies.ids):03d}",
                )
            )
    for n in range(size(60)):
        r.promoters.add(maker.stored(ctx, rng, adult_man(rng, Community.PUNJABI, 30, 65)))
        district = rng.choice(("Lahore", "Rawalpindi", "Karachi", "Peshawar", "Gujranwala"))
        name = f"{rng.choice(_BRANDS)} Overseas Employment Promoters"
        r.promoter_firms.add(
            _organisation(
                ctx,
                name,
                OrganisationKind.OVERSEAS_EMPLOYMENT_PROMOTER,
                district,
                f"DEMO-OEP-{n:04d}",
            )
        )
    for district in KILN_DISTRICTS + FARM_DISTRICTS:
        farm = district in FARM_DISTRICTS
        r.kiln_owners[district] = owners = Pool()
        r.kilns[district] = kilns = Pool()
        for n in range(size(15 if not farm else 10)):
            owners.add(maker.stored(ctx, rng, adult_man(rng, DISTRICT[district].community, 35, 70)))
            kind = OrganisationKind.EMPLOYER if farm else OrganisationKind.BRICK_KILN
            label = f"Farm {n + 1}" if farm else f"Brick Kiln {n + 1}"
            kilns.add(_organisation(ctx, f"{label}, {district}", kind, district))
    for district in CITIES:
        community = DISTRICT[district].community
        r.pimps[district] = pimps = Pool()
        r.guest_houses[district] = houses = Pool()
        for n in range(size(12)):
            who = (
                woman_or_girl(rng, community, 30, 55)
                if rng.random() < 0.4
                else adult_man(rng, community, 25, 60)
            )
            pimps.add(maker.stored(ctx, rng, who))
            houses.add(
                _organisation(
                    ctx,
                    f"Guest House {n + 1}, {district}",
                    OrganisationKind.HOTEL_OR_GUEST_HOUSE,
                    district,
                )
            )
    for _ in range(size(25)):
        r.ring_bosses.add(maker.stored(ctx, rng, adult_man(rng, Community.PUNJABI, 30, 65)))
    for code in ("LHE", "ISB", "SKT", "KHI", "PEW"):
        for _ in range(size(8)):
            who = Someone(True, rng.randint(28, 55), Community.PUNJABI)
            r.officials.append(
                Official(
                    maker.stored(ctx, rng, who),
                    rng.choice(OFFICIAL_RANKS),
                    f"FIA Immigration, {AIRPORTS[code][1]}",
                    code,
                )
            )
    return r
