"""Field types shared by the schemas: bounded, so no input can reach the database malformed."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAKS = re.compile(r"[\r\n\t]")


def _no_control_characters(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("must not contain control characters")
    return value


def _one_line(value: str) -> str:
    value = _no_control_characters(value)
    if _LINE_BREAKS.search(value):
        raise ValueError("must be one line")
    stripped = value.strip()
    if not stripped:
        raise ValueError("must not be blank")
    return stripped


def _country(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z]{2}", value):
        raise ValueError("must be a two-letter ISO 3166 country code, like PK or AE")
    return value.upper()


def _plausible_date(value: date) -> date:
    if value < EARLIEST_DATE:
        raise ValueError(f"must be on or after {EARLIEST_DATE}")
    return value


EARLIEST_DATE = date(1900, 1, 1)
MAX_ID = 2**31 - 1

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Line = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_one_line)]
ShortLine = Annotated[str, Field(min_length=1, max_length=40), AfterValidator(_one_line)]
LongText = Annotated[str, Field(max_length=20_000), AfterValidator(_no_control_characters)]
SearchText = Annotated[str, Field(max_length=100), AfterValidator(_no_control_characters)]
Country = Annotated[str, AfterValidator(_country)]
Day = Annotated[date, AfterValidator(_plausible_date)]
Months = Annotated[int, Field(ge=0, le=1200)]
Rupees = Annotated[int, Field(ge=0, le=10**12)]


class Input(BaseModel):
    """Every input schema refuses fields it does not know, so a typo is an error, not a no-op."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Output(BaseModel):
    model_config = ConfigDict(from_attributes=True)


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int
