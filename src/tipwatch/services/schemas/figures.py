from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import Field, model_validator

from tipwatch.services.schemas.common import Day, Input, Line, LongText, Output

FigureUnit = Literal["cases", "accused", "victims", "persons", "convictions", "rupees"]


class FigureCreate(Input):
    source: Annotated[str, Field(min_length=3, max_length=1000)]
    period_start: Day
    period_end: Day
    area: Line = Field(description='"Pakistan", a province, or another area as published')
    measure: Annotated[str, Field(pattern=r"^[a-z_]{3,60}$")] = Field(
        description="cases_registered, cases_investigated, convictions, victims_identified, ..."
    )
    unit: FigureUnit
    value: Annotated[int, Field(ge=0, le=10**12)]
    definition: LongText = ""
    status: Literal["V", "S", "U"]
    notes: LongText = ""

    @model_validator(mode="after")
    def _period_in_order(self) -> FigureCreate:
        if self.period_end < self.period_start:
            raise ValueError("period_end is before period_start")
        return self


class FigureOut(Output):
    id: int
    source: str
    period_start: date
    period_end: date
    area: str
    measure: str
    unit: str
    value: int
    definition: str
    status: str
    notes: str
    updated_at: datetime


class FigureComparison(Output):
    published: FigureOut
    system_value: int | None
    system_definition: str
    difference: int | None
    note: str
