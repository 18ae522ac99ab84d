"""Many whole cases written at once obey the same rules and read back like cases made one by one."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from tipwatch.domain.access import SYSTEM
from tipwatch.domain.errors import ProvisionNotInForce, RuleViolation
from tipwatch.services import case_file, persons, units
from tipwatch.services.bulk import (
    CaseBundle,
    ChargeRecord,
    EventRecord,
    NewPerson,
    PartyRecord,
    prepare,
)
from tipwatch.services.bulk_rows import write_prepared
from tipwatch.services.context import Context
from tipwatch.services.schemas.people import PersonSearch
from tipwatch.services.schemas.units import UnitCreate
from tipwatch.storage import tables as t


def bundle(unit_id: int, number: str = "1", provision: str = "3(1) PTPA") -> CaseBundle:
    accused = NewPerson(
        {
            "name": "Bulk Accused",
            "cnic": "3520211112223",
            "phones": [],
            "aliases": [],
            "bank_accounts": [],
        },
        sex="male",
        age_years=40,
    )
    return CaseBundle(
        number=number,
        year=2024,
        unit_id=unit_id,
        unit_code="FIA-BULK",
        case_type="trafficking",
        reported_on=date(2024, 1, 5),
        offence_date=date(2024, 1, 1),
        exploitation=["forced_labour"],
        parties=[
            PartyRecord("a", "accused", accused),
            PartyRecord("v", "victim", NewPerson({"name": "Bulk Victim"}, sex="female")),
        ],
        charges=[ChargeRecord("c", "a", provision)],
        events=[
            EventRecord("fir_registered", date(2024, 1, 5)),
            EventRecord("arrest", date(2024, 1, 6), party_key="a"),
            EventRecord("interim_challan", date(2024, 2, 1)),
            EventRecord("charge_framed", date(2024, 3, 1), charge_key="c"),
            EventRecord("conviction", date(2024, 6, 1), charge_key="c"),
            EventRecord(
                "sentence", date(2024, 6, 8), charge_key="c", details={"fine_rupees": 100_000}
            ),
        ],
    )


def _unit(ctx: Context) -> int:
    return units.add_unit(
        ctx,
        SYSTEM,
        UnitCreate(
            code="FIA-BULK", name="FIA Bulk", kind="fia_circle", agency="FIA", province="Punjab"
        ),
    ).id


def test_a_bundle_reads_back_with_its_stage_flags_and_people(ctx: Context) -> None:
    unit = _unit(ctx)
    prepared = prepare(bundle(unit), ctx.catalogue, ctx.today())
    with ctx.uow() as uow:
        [case_id] = write_prepared(uow, [prepared], ctx.now())
        uow.commit()
    file = case_file.read_case_file(ctx, SYSTEM, case_id)
    assert file.case.stage == "sentenced"
    assert file.case.challan.status == "late"
    assert [f.kind for f in file.case.flags] == ["challan_late", "fine_only"]
    assert file.charges[0].outcome == "convicted"
    assert [p.name for p in file.parties] == ["Bulk Accused", None]
    assert [e.party_id for e in file.events if e.kind == "conviction"] == [file.parties[0].id]
    [found] = persons.search_persons(ctx, SYSTEM, PersonSearch(cnic="35202-1111222-3"))
    assert found.name == "Bulk Accused"


def test_a_bundle_breaking_a_pipeline_rule_is_refused(ctx: Context) -> None:
    broken = bundle(_unit(ctx))
    broken.events = [e for e in broken.events if e.kind != "charge_framed"]
    with pytest.raises(RuleViolation) as caught:
        prepare(broken, ctx.catalogue, ctx.today())
    assert caught.value.rule == "verdict-needs-charge"


def test_a_bundle_charging_a_repealed_provision_is_refused(ctx: Context) -> None:
    with pytest.raises(ProvisionNotInForce):
        prepare(bundle(_unit(ctx), provision="369-A PPC"), ctx.catalogue, ctx.today())


def test_cases_written_together_each_point_at_their_own_parties_and_charges(
    ctx: Context,
) -> None:
    unit = _unit(ctx)
    first, second = bundle(unit, "1"), bundle(unit, "2")
    second.parties.insert(0, PartyRecord("w", "witness", NewPerson({"name": "Bulk Witness"})))
    prepared = [prepare(b, ctx.catalogue, ctx.today()) for b in (first, second)]
    with ctx.uow() as uow:
        case_ids = write_prepared(uow, prepared, ctx.now())
        uow.commit()
    with ctx.uow() as uow:
        for case_id in case_ids:
            parties = {
                p.id: p
                for p in uow.session.scalars(select(t.Party).where(t.Party.case_id == case_id))
            }
            charges = {
                c.id: c
                for c in uow.session.scalars(select(t.Charge).where(t.Charge.case_id == case_id))
            }
            [accused] = [p for p in parties.values() if p.role == "accused"]
            assert [c.party_id for c in charges.values()] == [accused.id]
            events = uow.session.scalars(select(t.Event).where(t.Event.case_id == case_id)).all()
            assert {e.party_id for e in events if e.kind in ("arrest", "conviction")} == {
                accused.id
            }
            assert {e.charge_id for e in events if e.kind == "conviction"} == set(charges)


def test_a_victim_known_only_by_count_is_stored_without_a_name_token(ctx: Context) -> None:
    counted = bundle(_unit(ctx))
    counted.parties[1] = PartyRecord("v", "victim", NewPerson({"name": ""}, sex="female"))
    with ctx.uow() as uow:
        [case_id] = write_prepared(uow, [prepare(counted, ctx.catalogue, ctx.today())], ctx.now())
        uow.commit()
        victim = uow.session.scalars(
            select(t.Party.person_id).where(t.Party.case_id == case_id, t.Party.role == "victim")
        ).one()
        kinds = uow.session.scalars(
            select(t.PersonIdentifier.kind).where(t.PersonIdentifier.person_id == victim)
        ).all()
    assert victim is not None
    assert kinds == []
