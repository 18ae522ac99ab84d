from __future__ import annotations

from tipwatch.domain.vocabulary import Province, UnitKind
from tipwatch.services.schemas.common import Id, Input, Line, Output, ShortLine


class UnitCreate(Input):
    code: ShortLine
    name: Line
    kind: UnitKind
    agency: Line
    district: Line | None = None
    province: Province
    parent_id: Id | None = None


class UnitOut(Output):
    id: int
    code: str
    name: str
    kind: str
    agency: str
    district: str | None
    province: str
    parent_id: int | None
