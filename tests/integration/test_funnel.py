"""The attrition funnel against a small hand-built year where every number is known by hand.

2024, seven cases (C1-C7), eight accused (A1-A8), seven victims:
C1 A1 convicted and imprisoned (PTPA 3(2)), A2 acquitted (370 PPC); two victims (girl of 12,
   woman of 25)
C2 A3 convicted, fine only (PTPA 3(1)); challan late; one victim (man of 30)
C3 A4, investigated, compromised after the challan fell due; one victim (girl of 15)
C4 A5, FIR cancelled before the challan fell due; one victim (woman)
C5 A6 discharged after the challan; one victim (boy of 16)
C6 A7, a complaint and no FIR; one victim (woman)
C7 A8 on trial, challan late, in Sindh; no victim
and C8 of 2023, which no 2024 figure may count.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from tipwatch.domain.access import SYSTEM, Principal, Role
from tipwatch.domain.errors import InvalidInput, NotFound
from tipwatch.services import units
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
from tipwatch.services.figures import compare_figures, seed_published_figures
from tipwatch.services.funnel import attrition_funnel
from tipwatch.services.schemas.funnel import Funnel, FunnelFilters, FunnelReport
from tipwatch.services.schemas.units import UnitCreate
from tipwatch.storage.security_tables import AuditEntry


def d(text: str) -> date:
    return date.fromisoformat(text)


def person(sex: str = "male", age: int = 35) -> NewPerson:
    return NewPerson({"name": "Funnel Test Person"}, sex=sex, age_years=age)


def ev(
    kind: str, on: str, party: str | None = None, charge: str | None = None, **details: object
) -> EventRecord:
    return EventRecord(kind, d(on), party, charge, dict(details))


def case(
    number: str,
    unit: tuple[int, str],
    accused: list[str],
    victims: list[tuple[str, int]],
    events: list[EventRecord],
    charges: tuple[tuple[str, str, str], ...] = (),
    year: int = 2024,
) -> CaseBundle:
    parties = [PartyRecord(a, "accused", person()) for a in accused]
    parties += [
        PartyRecord(f"v{n}", "victim", person(sex, age)) for n, (sex, age) in enumerate(victims)
    ]
    return CaseBundle(
        number=number,
        year=year,
        unit_id=unit[0],
        unit_code=unit[1],
        case_type="trafficking",
        reported_on=events[0].occurred_on,
        offence_date=events[0].occurred_on,
        parties=parties,
        events=events,
        charges=[ChargeRecord(key, party, provision) for key, party, provision in charges],
    )


@pytest.fixture
def known_year(ctx: Context) -> None:
    punjab = (
        units.add_unit(
            ctx,
            SYSTEM,
            UnitCreate(
                code="PB", name="Punjab circle", kind="fia_circle", agency="FIA", province="Punjab"
            ),
        ).id,
        "PB",
    )
    sindh = (
        units.add_unit(
            ctx,
            SYSTEM,
            UnitCreate(
                code="SD",
                name="Sindh station",
                kind="police_station",
                agency="Sindh Police",
                province="Sindh",
            ),
        ).id,
        "SD",
    )
    bundles = [
        case(
            "C1",
            punjab,
            ["A1", "A2"],
            [("female", 12), ("female", 25)],
            [
                ev("fir_registered", "2024-01-10"),
                ev("arrest", "2024-01-11", "A1"),
                ev("arrest", "2024-01-11", "A2"),
                ev("interim_challan", "2024-01-25"),
                ev("charge_framed", "2024-03-01", charge="c1"),
                ev("charge_framed", "2024-03-01", charge="c2"),
                ev("conviction", "2024-06-01", charge="c1"),
                ev("acquittal", "2024-06-01", charge="c2"),
                ev("sentence", "2024-06-10", charge="c1", imprisonment_months=36),
            ],
            (("c1", "A1", "3(2) PTPA"), ("c2", "A2", "370 PPC")),
        ),
        case(
            "C2",
            punjab,
            ["A3"],
            [("male", 30)],
            [
                ev("fir_registered", "2024-02-01"),
                ev("arrest", "2024-02-02", "A3"),
                ev("interim_challan", "2024-03-15"),
                ev("charge_framed", "2024-04-01", charge="c"),
                ev("conviction", "2024-07-01", charge="c"),
                ev("sentence", "2024-07-05", charge="c", fine_rupees=50_000),
            ],
            (("c", "A3", "3(1) PTPA"),),
        ),
        case(
            "C3",
            punjab,
            ["A4"],
            [("female", 15)],
            [
                ev("fir_registered", "2024-03-01"),
                ev("investigation_started", "2024-03-02"),
                ev("compromise", "2024-03-20"),
            ],
        ),
        case(
            "C4",
            punjab,
            ["A5"],
            [("female", 40)],
            [ev("fir_registered", "2024-04-01"), ev("fir_cancelled", "2024-04-10")],
        ),
        case(
            "C5",
            punjab,
            ["A6"],
            [("male", 16)],
            [
                ev("fir_registered", "2024-05-01"),
                ev("investigation_started", "2024-05-02"),
                ev("arrest", "2024-05-03", "A6"),
                ev("interim_challan", "2024-05-15"),
                ev("discharge", "2024-05-20", "A6"),
            ],
        ),
        case("C6", punjab, ["A7"], [("female", 22)], [ev("complaint", "2024-06-01")]),
        case(
            "C7",
            sindh,
            ["A8"],
            [],
            [
                ev("fir_registered", "2024-06-01"),
                ev("arrest", "2024-06-02", "A8"),
                ev("interim_challan", "2024-07-15"),
                ev("charge_framed", "2024-08-01", charge="c"),
            ],
            (("c", "A8", "370 PPC"),),
        ),
        case(
            "C8", punjab, ["A9"], [("female", 20)], [ev("fir_registered", "2023-05-01")], year=2023
        ),
    ]
    prepared = [prepare(b, ctx.catalogue, ctx.today()) for b in bundles]
    with ctx.uow() as uow:
        write_prepared(uow, prepared, ctx.now())
        uow.commit()


def funnel(ctx: Context, **filters: object) -> Funnel:
    return attrition_funnel(ctx, SYSTEM, FunnelFilters(year=2024, **filters)).funnel


def stages(f: Funnel) -> list[int]:
    return [s.count for s in f.stages]


def drop_outs(f: Funnel) -> dict[str, dict[str, int]]:
    return {d.stage: d.states for d in f.drop_outs if d.total}


@pytest.mark.usefixtures("known_year")
def test_the_case_funnel_matches_the_hand_count(ctx: Context) -> None:
    f = funnel(ctx)
    assert f.total == 7
    assert stages(f) == [7, 6, 5, 4, 3, 2, 2, 1]
    assert drop_outs(f) == {
        "reported": {"pending": 1},
        "fir_registered": {"cancelled": 1},
        "under_investigation": {"compromised": 1},
        "challan_submitted": {"discharged": 1},
        "charge_framed": {"pending": 1},
        "convicted": {"fine_only": 1},
        "sentenced_to_prison": {"imprisoned": 1},
    }
    assert sum(f.final_states.values()) == f.total
    assert (f.conviction_rate.numerator, f.conviction_rate.denominator) == (2, 2)
    assert (f.convictions_per_registered.numerator, f.convictions_per_registered.denominator) == (
        2,
        6,
    )
    assert (f.fine_only_share.numerator, f.fine_only_share.denominator) == (1, 2)
    assert (f.late_challan_share.numerator, f.late_challan_share.denominator) == (3, 5)
    assert [x.median_days for x in f.delays] == [29, 17, 91.5, 6.5]


@pytest.mark.usefixtures("known_year")
def test_the_accused_funnel_matches_the_hand_count(ctx: Context) -> None:
    f = funnel(ctx, unit="accused")
    assert f.total == 8
    assert stages(f) == [8, 7, 6, 5, 4, 3, 2, 1]
    assert drop_outs(f)["trial_concluded"] == {"acquitted": 1}
    assert f.final_states["pending"] == 2
    assert (f.conviction_rate.numerator, f.conviction_rate.denominator) == (2, 3)


@pytest.mark.usefixtures("known_year")
def test_the_victim_funnel_matches_the_hand_count(ctx: Context) -> None:
    f = funnel(ctx, unit="victims")
    assert f.total == 7
    assert stages(f) == [7, 6, 5, 4, 3, 3, 3, 2]
    assert funnel(ctx, unit="victims", victim_sex="female").total == 5
    assert funnel(ctx, victim_age_group="child").total == 3


@pytest.mark.usefixtures("known_year")
def test_the_funnel_breaks_down_by_province_and_filters_by_law(ctx: Context) -> None:
    report = attrition_funnel(ctx, SYSTEM, FunnelFilters(year=2024, by="province"))
    totals = {g.key: g.funnel.total for g in report.groups}
    assert totals == {"Punjab": 6, "Sindh": 1}
    sindh = next(g.funnel for g in report.groups if g.key == "Sindh")
    assert [d.median_days for d in sindh.delays] == [44, 17, None, None]  # C7 alone
    for overall, *in_provinces in zip(
        report.funnel.delays, *(g.funnel.delays for g in report.groups), strict=True
    ):
        assert overall.measured == sum(d.measured for d in in_provinces)
    assert funnel(ctx, act="PTPA").total == 2
    assert funnel(ctx, provision="370 PPC").total == 2
    assert attrition_funnel(ctx, SYSTEM, FunnelFilters()).funnel.total == 8


@pytest.mark.usefixtures("known_year")
def test_an_accused_counts_under_the_law_he_is_charged_under_not_his_co_accuseds(
    ctx: Context,
) -> None:
    assert funnel(ctx, unit="accused", act="ptpa").total == 2  # A1 and A3, not A2
    assert funnel(ctx, unit="accused", act="P.P.C.").total == 2  # A2 and A8
    assert funnel(ctx, unit="accused", provision="370 PPC").total == 2  # A2 and A8
    assert funnel(ctx, unit="victims", act="PTPA").total == 3  # C1's two and C2's one


@pytest.mark.usefixtures("known_year")
def test_an_unknown_act_or_unit_is_refused_rather_than_counted_as_nothing(ctx: Context) -> None:
    with pytest.raises(InvalidInput, match="act '%' is not in the legal catalogue"):
        funnel(ctx, act="%")
    with pytest.raises(NotFound, match="unit 999999 does not exist"):
        funnel(ctx, unit_id=999_999)


ANALYST = Principal(97, "analyst", Role.ANALYST)


@pytest.mark.usefixtures("known_year")
def test_an_analyst_is_not_shown_a_funnel_of_fewer_than_five(ctx: Context) -> None:
    def seen(**filters: object) -> FunnelReport:
        return attrition_funnel(ctx, ANALYST, FunnelFilters(year=2024, **filters))

    assert seen().funnel.total == 7
    # Sindh's one case alone would be the overall funnel less Punjab's: both are pooled
    assert [g.funnel.total for g in seen(by="province").groups] == [7]
    with pytest.raises(InvalidInput, match="fewer than 5 cases match these filters"):
        seen(province="Sindh")
    with pytest.raises(InvalidInput, match="fewer than 5 victims match"):
        seen(unit="victims", victim_sex="female", victim_age_group="child")
    with ctx.uow() as uow:  # each query on record, refused ones too
        read = uow.session.scalars(
            select(AuditEntry.details)
            .where(AuditEntry.action == "funnel.read")
            .order_by(AuditEntry.id)
        ).all()
    sindh = read[2]["filters"]
    assert (sindh["year"], sindh["province"], sindh["unit"]) == (2024, "Sindh", "cases")
    # every delay here is measured on fewer than five cases: no median, the count stays
    assert [(d.measured, d.median_days) for d in seen().funnel.delays] == [
        (d.measured, None) for d in funnel(ctx).delays
    ]
    # a role that reads cases sees every count and median
    assert len(attrition_funnel(ctx, SYSTEM, FunnelFilters(year=2024, by="province")).groups) == 2
    assert [d.median_days for d in funnel(ctx).delays] == [29, 17, 91.5, 6.5]


@pytest.mark.usefixtures("known_year")
def test_the_funnel_by_case_type_keeps_every_delay(ctx: Context) -> None:
    report = attrition_funnel(ctx, SYSTEM, FunnelFilters(year=2024, by="case_type"))
    assert [(g.key, g.funnel.total) for g in report.groups] == [("trafficking", 7)]
    assert [d.median_days for d in report.groups[0].funnel.delays] == [29, 17, 91.5, 6.5]


@pytest.mark.usefixtures("known_year")
def test_published_figures_sit_beside_the_records_in_the_same_unit(ctx: Context) -> None:
    assert seed_published_figures(ctx) > 15
    assert seed_published_figures(ctx) == 0  # only into an empty table
    rows = {
        (r.published.measure, r.published.unit): r
        for r in compare_figures(ctx, SYSTEM, 2024, "Punjab")
    }
    # SSDO's child trafficking cases beside tipwatch's cases with a child victim (C1, C3, C5),
    # not beside every case
    registered = rows[("child_cases_registered", "cases")]
    assert (registered.published.value, registered.system_value) == (457, 3)
    assert registered.difference == 3 - 457
    convictions = rows[("child_case_convictions", "cases")]
    assert (convictions.published.value, convictions.system_value) == (267, 1)  # C1
    assert "handed down in the period" in convictions.note
    national = compare_figures(ctx, SYSTEM, 2024, "Pakistan")
    victims = [r for r in national if r.published.measure == "victims_identified"]
    assert victims
    assert victims[0].system_value == 7
    assert "periods differ" in victims[0].note
    assert victims[0].difference is None  # a year's cohort is not a figure of another period
    red_book = [
        r
        for r in compare_figures(ctx, SYSTEM, 2025, "Pakistan")
        if r.published.measure == "most_wanted_smugglers"
    ]
    assert red_book[0].system_value is None
