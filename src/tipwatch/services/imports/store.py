"""What an import reads from and removes in the database, a batch at a time."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, select

from tipwatch.domain.vocabulary import UnitKind
from tipwatch.services.imports.cells import RowProblem
from tipwatch.services.imports.values import quoted
from tipwatch.services.imports.words import word_key
from tipwatch.storage import security_tables as s
from tipwatch.storage import tables as t
from tipwatch.storage.uow import UnitOfWork


@dataclass(frozen=True)
class StoredCase:
    id: int
    import_hash: str | None
    replaceable: bool  # made by an import and not worked on since


def stored_cases(uow: UnitOfWork, references: Iterable[str]) -> dict[str, StoredCase]:
    wanted = list(set(references))
    if not wanted:
        return {}
    rows = uow.session.execute(
        select(t.Case.id, t.Case.reference, t.Case.import_hash, t.Case.version).where(
            t.Case.reference.in_(wanted)
        )
    ).all()
    ids = [row.id for row in rows]
    touched = set(
        uow.session.scalars(select(s.CaseShare.case_id).where(s.CaseShare.case_id.in_(ids)))
    ) | set(uow.session.scalars(select(s.Alert.case_id).where(s.Alert.case_id.in_(ids))))
    return {
        row.reference: StoredCase(
            row.id,
            row.import_hash,
            row.import_hash is not None and row.version == 1 and row.id not in touched,
        )
        for row in rows
    }


def persons_by_token(uow: UnitOfWork, tokens: Iterable[str]) -> dict[str, int]:
    """People already on record with a CNIC, by its blind-index tokens (one per key); where
    two people share a CNIC, the first recorded."""
    wanted = list(set(tokens))
    if not wanted:
        return {}
    found: dict[str, int] = {}
    rows = uow.session.execute(
        select(t.PersonIdentifier.token, t.PersonIdentifier.person_id)
        .where(t.PersonIdentifier.kind == "cnic", t.PersonIdentifier.token.in_(wanted))
        .order_by(t.PersonIdentifier.person_id)
    )
    for token, person_id in rows:
        found.setdefault(token, person_id)
    return found


def delete_cases(uow: UnitOfWork, case_ids: list[int], keep: set[int]) -> None:
    """Remove cases being replaced, with the people no other case or account refers to."""
    if not case_ids:
        return
    session = uow.session
    people = set(
        session.scalars(
            select(t.Party.person_id).where(
                t.Party.case_id.in_(case_ids), t.Party.person_id.is_not(None)
            )
        )
    )
    session.execute(delete(t.Case).where(t.Case.id.in_(case_ids)))
    still_used = set(
        session.scalars(select(t.Party.person_id).where(t.Party.person_id.in_(people)))
    ) | set(session.scalars(select(s.User.person_id).where(s.User.person_id.in_(people))))
    orphans = [p for p in people if p is not None and p not in still_used | keep]
    if orphans:
        session.execute(delete(t.Person).where(t.Person.id.in_(orphans)))


@dataclass(frozen=True)
class UnitRow:
    id: int
    code: str
    district: str | None


class UnitBook:
    """The units a row may name, by code or (for police data) by police station name."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._codes: dict[str, UnitRow] = {}
        self._stations: dict[str, list[UnitRow]] = {}
        for unit in uow.session.execute(
            select(t.Unit.id, t.Unit.code, t.Unit.name, t.Unit.kind, t.Unit.district)
        ):
            row = UnitRow(unit.id, unit.code, unit.district)
            self._codes[unit.code.casefold()] = row
            if unit.kind == UnitKind.POLICE_STATION:
                for key in {word_key(unit.name), word_key(unit.code)}:
                    self._stations.setdefault(key, []).append(row)

    def find(self, code: str, station: str, district: str) -> UnitRow:
        if code:
            unit = self._codes.get(code.casefold())
            if unit is None:
                raise RowProblem("unit_code", f"no unit has the code {quoted(code)}")
        elif station:
            units = self._stations.get(word_key(station), [])
            if len(units) > 1 and district:
                units = [u for u in units if word_key(u.district or "") == word_key(district)]
            if len(units) != 1:
                found = "no" if not units else str(len(units))
                raise RowProblem(
                    "police_station",
                    f"{found} police stations are named {quoted(station)}: give unit_code"
                    + (" or district" if units else ""),
                )
            unit = units[0]
        else:
            raise RowProblem("unit_code", "unit_code is empty")
        if district and unit.district and word_key(district) != word_key(unit.district):
            raise RowProblem(
                "district", f"unit {unit.code} is in {unit.district}, not {quoted(district)}"
            )
        return unit
