"""The small demo: every outcome occurs, every role can log in, no real identifier, and the same
seed gives the same cases. One build per database serves the whole module; the last test
empties it."""

from __future__ import annotations

from collections.abc import Iterator

import phonenumbers
import pytest
from sqlalchemy import Engine, distinct, func, select

from tests.conftest import TODAY, _empty
from tipwatch.config import Settings
from tipwatch.domain.access import SYSTEM, Role
from tipwatch.domain.errors import Forbidden
from tipwatch.domain.funnel import FinalState
from tipwatch.services import accounts, case_file, sharing
from tipwatch.services.context import Context
from tipwatch.services.demo import DemoOptions, DemoRefused, DemoReport, Scale, build_demo
from tipwatch.services.demo.names import DEMO_CNIC_PREFIX, DEMO_PHONE_PREFIX
from tipwatch.services.demo.report import case_table_digest
from tipwatch.services.demo.reset import existing_records, make_room
from tipwatch.services.demo.volumes import CONVICTED, NOT_INVESTIGATED, year_plans
from tipwatch.services.schemas.units import UnitCreate
from tipwatch.services.units import add_unit
from tipwatch.storage import security_tables as s
from tipwatch.storage import tables as t
from tipwatch.storage.crypto import EncryptingCodec, KeyRing
from tipwatch.storage.database import connect, upgrade

SEED = 11
SMALL = DemoOptions(seed=SEED, scale=Scale.SMALL)


def _context(engine: Engine, keyring: KeyRing) -> Context:
    return Context(
        engine=engine,
        settings=Settings(environment="test"),
        codec=EncryptingCodec(keyring),
        today=lambda: TODAY,
    )


@pytest.fixture(scope="module")
def fresh_build_digest(tmp_path_factory: pytest.TempPathFactory, keyring: KeyRing) -> str:
    """The case table of the same demo built into a database of its own."""
    engine = connect(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'again.db'}")
    upgrade(engine)
    ctx = _context(engine, keyring)
    build_demo(ctx, SMALL)
    digest = case_table_digest(ctx)
    engine.dispose()
    return digest


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def demo(request: pytest.FixtureRequest, keyring: KeyRing) -> Iterator[tuple[Context, DemoReport]]:
    engine: Engine = request.getfixturevalue(f"{request.param}_engine")
    _empty(engine)
    ctx = _context(engine, keyring)
    yield ctx, build_demo(ctx, SMALL)
    _empty(engine)


def test_every_pipeline_outcome_occurs(demo: tuple[Context, DemoReport]) -> None:
    _, report = demo
    assert set(report.counts.final_states) == {state.value for state in FinalState}


def test_the_funnel_counts_what_each_year_planned(demo: tuple[Context, DemoReport]) -> None:
    _, report = demo
    for plan in year_plans(Scale.SMALL, TODAY.year):
        planned = plan.endings
        investigated = sum(n for e, n in planned.items() if e not in NOT_INVESTIGATED)
        assert report.counts.cases_by_year[plan.year] == plan.cases
        assert report.counts.investigated_by_year[plan.year] == investigated
        assert report.counts.convicted_by_year.get(plan.year, 0) == sum(
            planned[e] for e in CONVICTED
        )


def test_every_role_has_a_demo_user(demo: tuple[Context, DemoReport]) -> None:
    ctx, _ = demo
    with ctx.engine.connect() as connection:
        roles = set(connection.scalars(select(s.User.role).distinct()))
    assert roles == {role.value for role in Role}


def test_no_demo_identifier_is_outside_the_reserved_ranges(
    demo: tuple[Context, DemoReport],
) -> None:
    ctx, _ = demo
    with ctx.uow() as uow:
        records = [uow.codec.decode(p) for p in uow.session.scalars(select(t.Person.personal))]
    cnics = [r["cnic"] for r in records if r.get("cnic")]
    phones = [p for r in records for p in r.get("phones", [])]
    assert len(cnics) > 1000
    assert phones
    assert all(c.startswith(DEMO_CNIC_PREFIX) and len(c) == 13 for c in cnics)
    assert len(set(cnics)) == len(cnics)
    assert all(p.startswith(DEMO_PHONE_PREFIX) for p in phones)
    assert not any(phonenumbers.is_valid_number(phonenumbers.parse(p)) for p in phones)


def test_a_recurring_recruiter_is_accused_in_several_cases(
    demo: tuple[Context, DemoReport],
) -> None:
    ctx, _ = demo
    cases = func.count(distinct(t.Party.case_id))
    query = (
        select(t.Party.person_id, cases)
        .join(t.Case, t.Case.id == t.Party.case_id)
        .join(t.Unit, t.Unit.id == t.Case.unit_id)
        .where(t.Party.role == "accused", t.Unit.kind == "fia_circle")
        .group_by(t.Party.person_id)
        .order_by(cases.desc())
        .limit(1)
    )
    with ctx.engine.connect() as connection:
        person_id, most = connection.execute(query).one()
    assert person_id is not None
    assert most >= 3


def test_the_investigator_cannot_open_the_case_they_are_implicated_in(
    demo: tuple[Context, DemoReport],
) -> None:
    ctx, _ = demo
    with ctx.uow() as uow:
        investigator = accounts.principal_of(accounts.get_user_by_name(uow, "demo.investigator"))
        implicated = uow.session.scalar(
            select(t.Party.case_id).where(t.Party.person_id == investigator.person_id)
        )
    assert implicated is not None
    with pytest.raises(Forbidden, match="you are a party"):
        case_file.read_case_file(ctx, investigator, implicated)


def test_the_caseworker_sees_the_victims_referred_to_their_ngo(
    demo: tuple[Context, DemoReport],
) -> None:
    ctx, _ = demo
    with ctx.uow() as uow:
        caseworker = accounts.principal_of(accounts.get_user_by_name(uow, "demo.caseworker"))
    assert sharing.referred_victims(ctx, caseworker)


def test_the_build_is_refused_on_a_database_with_cases(demo: tuple[Context, DemoReport]) -> None:
    ctx, _ = demo
    with pytest.raises(DemoRefused, match="already holds"):
        build_demo(ctx, SMALL)


def test_the_same_seed_gives_the_same_cases(
    demo: tuple[Context, DemoReport], fresh_build_digest: str
) -> None:
    ctx, _ = demo
    assert case_table_digest(ctx) == fresh_build_digest


def test_replace_empties_a_demo_database_and_no_other(demo: tuple[Context, DemoReport]) -> None:
    ctx, _ = demo
    make_room(ctx, replace=True)
    assert not any(existing_records(ctx).values())
    with ctx.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(s.AuditEntry)) == 0
    add_unit(
        ctx,
        SYSTEM,
        UnitCreate(
            code="REAL-1",
            name="A real unit",
            kind="police_station",
            agency="Punjab Police",
            province="Punjab",
        ),
    )
    with pytest.raises(DemoRefused, match="not made by"):
        build_demo(ctx, DemoOptions(seed=SEED, scale=Scale.SMALL, replace=True))
