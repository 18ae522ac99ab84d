"""The small demo as an analyst or a prosecutor would read it: charges that fit the victims,
sentences the law allows, courts and appeals in their order, routes that join up, families
that are families, officials where the victims flew out. Built once, into SQLite."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from itertools import pairwise

import pytest
from sqlalchemy import select

from tests.integration.test_demo import SMALL, _context
from tipwatch.domain.vocabulary import PersonRole
from tipwatch.services.context import Context
from tipwatch.services.demo import build_demo
from tipwatch.storage import tables as t
from tipwatch.storage.crypto import KeyRing
from tipwatch.storage.database import connect, upgrade


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, keyring: KeyRing) -> Iterator[Context]:
    engine = connect(f"sqlite:///{tmp_path_factory.mktemp('realism') / 'demo.db'}")
    upgrade(engine)
    ctx = _context(engine, keyring)
    build_demo(ctx, SMALL)
    yield ctx
    engine.dispose()


def _victims(ctx: Context) -> dict[int, list[tuple[str, int | None, int]]]:
    """Each case's victims: (sex, age, person id)."""
    with ctx.uow() as uow:
        rows = uow.session.execute(
            select(t.Party.case_id, t.Person.sex, t.Person.age_years, t.Person.id)
            .join(t.Person, t.Person.id == t.Party.person_id)
            .where(t.Party.role == PersonRole.VICTIM)
            .order_by(t.Party.id)
        ).all()
    victims: dict[int, list[tuple[str, int | None, int]]] = defaultdict(list)
    for case_id, sex, age, person_id in rows:
        victims[case_id].append((sex, age, person_id))
    return victims


def test_ptpa_3_2_is_charged_where_a_victim_is_a_woman_or_child_and_3_1_otherwise(
    demo: Context,
) -> None:
    victims = _victims(demo)
    with demo.uow() as uow:
        charged = uow.session.execute(
            select(t.Charge.case_id, t.Charge.provision_key).where(
                t.Charge.provision_key.in_(["PTPA 3(1)", "PTPA 3(2)"])
            )
        ).all()
    assert charged
    for case_id, provision in charged:
        aggravated = any(sex == "female" or (age or 99) < 18 for sex, age, _ in victims[case_id])
        assert provision == ("PTPA 3(2)" if aggravated else "PTPA 3(1)"), case_id


def test_each_leg_of_a_route_leaves_after_the_one_before_from_where_it_arrived(
    demo: Context,
) -> None:
    with demo.uow() as uow:
        legs = uow.session.scalars(
            select(t.RouteLeg).order_by(t.RouteLeg.case_id, t.RouteLeg.sequence)
        )
        routes: dict[int, list[t.RouteLeg]] = defaultdict(list)
        for leg in legs:
            routes[leg.case_id].append(leg)
        assert routes
        for case_id, route in routes.items():
            for before, after in pairwise(route):
                assert before.departed_on is not None
                assert after.departed_on is not None
                assert before.departed_on <= after.departed_on, case_id
                assert after.origin == before.destination, (
                    case_id,
                    before.destination,
                    after.origin,
                )


def test_life_is_the_only_prison_sentence_for_abduction_to_compel_marriage(demo: Context) -> None:
    with demo.uow() as uow:
        terms = uow.session.execute(
            select(t.Charge.imprisonment_months, t.Charge.life_imprisonment).where(
                t.Charge.provision_key == "PPC 365-B",
                t.Charge.outcome == "convicted",
            )
        ).all()
    assert all(life or months is None for months, life in terms)


def test_no_smuggling_case_is_compromised_and_no_appeal_goes_to_the_trial_court(
    demo: Context,
) -> None:
    with demo.uow() as uow:
        compromised_smuggling = uow.session.scalars(
            select(t.Case.id).where(
                t.Case.stage == "compromised",
                t.Case.id.in_(select(t.Charge.case_id).where(t.Charge.provision_key == "PSMA 6")),
            )
        ).all()
        events = uow.session.execute(
            select(t.Event.case_id, t.Event.kind, t.Event.details).where(
                t.Event.kind.in_(
                    ["conviction", "acquittal", "appeal_filed", "charge_framed", "discharge"]
                )
            )
        ).all()
    assert compromised_smuggling == []
    trial_courts: dict[int, set[str]] = defaultdict(set)
    kinds: dict[int, set[str]] = defaultdict(set)
    for case_id, kind, details in events:
        kinds[case_id].add(kind)
        if kind in ("conviction", "acquittal"):
            trial_courts[case_id].add(details["court"])
    assert all(len(courts) == 1 for courts in trial_courts.values())  # one trial court a case
    for case_id, kind, details in events:
        if kind == "appeal_filed":
            assert details["court"] not in trial_courts[case_id], case_id
    assert not any({"discharge", "charge_framed"} <= k for k in kinds.values())


def test_a_bonded_familys_children_are_their_fathers_and_no_parent_was_a_child(
    demo: Context,
) -> None:
    families = 0
    with demo.uow() as uow:
        cases = uow.session.scalars(
            select(t.CaseExploitation.case_id).where(
                t.CaseExploitation.form.in_(
                    ["brick_kiln_bonded_labour", "agricultural_bonded_labour"]
                )
            )
        ).all()
        victims = _victims(demo)
        people = {
            p.id: (p.age_years or 0, demo.codec.decode(p.personal))
            for p in uow.session.scalars(
                select(t.Person).where(
                    t.Person.id.in_([pid for c in cases for *_, pid in victims[c]])
                )
            )
        }
    for case_id in cases:
        father, *rest = [people[pid] for *_, pid in victims[case_id]]
        children = [(age, record) for age, record in rest if age < 18]
        if not children:
            continue
        families += 1
        assert all(record["father_name"] == father[1]["name"] for _, record in children), case_id
        eldest = max(age for age, _ in children)
        parents = [age for age, _ in [father, *rest] if age >= 18]
        assert all(age - eldest >= 18 for age in parents), case_id
    assert families > 10


def test_an_implicated_immigration_official_is_posted_where_the_victims_flew_out(
    demo: Context,
) -> None:
    with demo.uow() as uow:
        officials = uow.session.execute(
            select(t.Party.case_id, t.Party.agency).where(
                t.Party.role == PersonRole.IMPLICATED_OFFICIAL,
                t.Party.agency.like("FIA Immigration,%"),
            )
        ).all()
        first_flights = {
            leg.case_id: leg.port
            for leg in uow.session.scalars(select(t.RouteLeg).where(t.RouteLeg.sequence == 1))
        }
    assert officials
    for case_id, agency in officials:
        assert agency == f"FIA Immigration, {first_flights[case_id]}", case_id
