"""What the attrition funnel takes and returns."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from tipwatch.domain.vocabulary import ExploitationForm, Province, Sex
from tipwatch.services.schemas.common import Id, Input, Output, SearchText

CountingUnit = Literal["cases", "accused", "victims"]
AgeGroup = Literal["child", "adult"]
Breakdown = Literal["province", "year", "agency", "district", "case_type"]
Year = Annotated[int, Field(ge=1947, le=2100)]


class FunnelFilters(Input):
    year: Year | None = Field(default=None, description="Cases registered in this year")
    year_from: Year | None = None
    year_to: Year | None = None
    province: Province | None = None
    district: SearchText | None = None
    unit_id: Id | None = Field(default=None, description="A unit and every unit below it")
    agency: SearchText | None = Field(default=None, description="e.g. FIA, Punjab Police")
    act: SearchText | None = Field(default=None, description="PTPA, PSMA, PPC, BLSA or EO")
    provision: SearchText | None = Field(default=None, description='e.g. "3(1) PTPA"')
    exploitation: ExploitationForm | None = None
    victim_sex: Sex | None = None
    victim_age_group: AgeGroup | None = Field(
        default=None, description="child: under 18 at the time recorded"
    )
    unit: CountingUnit = Field(default="cases", description="Count cases, accused or victims")
    by: Breakdown | None = Field(default=None, description="Break the funnel down by this")


class StageCount(Output):
    stage: str
    count: int


class DropOut(Output):
    """Those whose furthest stage was `stage`: where they went from there."""

    stage: str
    total: int
    states: dict[str, int]


class StageDelay(Output):
    from_stage: str
    to_stage: str
    median_days: float | None
    measured: int


class Ratio(Output):
    numerator: int
    denominator: int
    value: float | None
    definition: str


class Funnel(Output):
    unit: CountingUnit
    total: int
    stages: list[StageCount]
    drop_outs: list[DropOut]
    final_states: dict[str, int]
    delays: list[StageDelay]
    conviction_rate: Ratio
    convictions_per_registered: Ratio
    fine_only_share: Ratio
    late_challan_share: Ratio


class FunnelGroup(Output):
    key: str
    funnel: Funnel


class FunnelReport(Output):
    filters: dict[str, object]
    funnel: Funnel
    groups: list[FunnelGroup] = Field(default_factory=list)
