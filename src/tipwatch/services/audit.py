"""Use cases of the audit log: check the chain, search it, export it for checking elsewhere."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from typing import Any, Literal

from sqlalchemy import Row, Select, func, select

from tipwatch.domain.errors import InvalidInput
from tipwatch.services.context import Context
from tipwatch.services.schemas.audit import AuditEntryOut, AuditFilters, ChainReportOut
from tipwatch.services.schemas.common import Page
from tipwatch.storage.audit import canonical_fields, verify_chain
from tipwatch.storage.security_tables import AuditEntry

EXPORT_COLUMNS = (
    *("id", "at", "user_id", "username", "role", "action", "record_type", "record_id"),
    *("purpose", "details", "prev_hash", "hash"),
)
EXPORT_BATCH = 1000
# A spreadsheet runs a cell starting with one of these as a formula; an apostrophe in front
# stops it. Values starting with an apostrophe get one too, so removing it is always exact.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def verify_audit(ctx: Context) -> ChainReportOut:
    with ctx.uow() as uow:
        return ChainReportOut.model_validate(verify_chain(uow.session))


def audit_entries_sql(filters: AuditFilters) -> Select[Any]:
    query = select(AuditEntry.__table__)
    exact = [
        (AuditEntry.user_id, filters.user_id),
        (AuditEntry.username, filters.username),
        (AuditEntry.action, filters.action),
        (AuditEntry.record_type, filters.record_type),
        (AuditEntry.record_id, filters.record_id),
    ]
    for column, value in exact:
        if value is not None:
            query = query.where(column == value)
    if filters.since is not None:
        query = query.where(AuditEntry.at >= filters.since)
    if filters.until is not None:
        query = query.where(AuditEntry.at < filters.until)
    return query


def search_audit(ctx: Context, filters: AuditFilters) -> Page[AuditEntryOut]:
    """Entries matching `filters`, newest first."""
    query = audit_entries_sql(filters)
    with ctx.uow() as uow:
        total = uow.session.scalar(select(func.count()).select_from(query.subquery())) or 0
        page = query.order_by(AuditEntry.id.desc()).limit(filters.limit).offset(filters.offset)
        items = [AuditEntryOut.model_validate(row) for row in uow.session.execute(page)]
    return Page[AuditEntryOut](items=items, total=total, limit=filters.limit, offset=filters.offset)


def export_audit(ctx: Context, filters: AuditFilters, fmt: Literal["csv", "json"]) -> Iterator[str]:
    """Every entry matching `filters` (limit and offset aside), oldest first, in chunks.

    Each entry carries every hashed field in the form it is hashed in, its prev_hash and hash,
    so the chain can be recomputed elsewhere (see tipwatch.storage.audit). "json" gives one JSON
    object a line and is exact; "csv" has a header row, leaves absent values empty and puts an
    apostrophe in front of text that a spreadsheet would take for a formula (or that starts with
    an apostrophe): remove it before recomputing a hash.
    """
    if fmt not in ("csv", "json"):
        raise InvalidInput(f"unknown export format {fmt!r}: use csv or json", field="format")
    return _export_chunks(ctx, audit_entries_sql(filters), fmt)


def _export_chunks(ctx: Context, query: Select[Any], fmt: str) -> Iterator[str]:
    if fmt == "csv":
        yield _csv_lines([EXPORT_COLUMNS])
    after: int | None = None
    with ctx.uow() as uow:
        while True:
            batch_query = query.order_by(AuditEntry.id).limit(EXPORT_BATCH)
            if after is not None:
                batch_query = batch_query.where(AuditEntry.id > after)
            batch = uow.session.execute(batch_query).all()
            if not batch:
                return
            after = batch[-1].id
            records = [_export_record(row) for row in batch]
            if fmt == "json":
                yield "".join(json.dumps(record, sort_keys=True) + "\n" for record in records)
            else:
                yield _csv_lines([_csv_cells(record) for record in records])


def _export_record(row: Row[Any]) -> dict[str, Any]:
    return canonical_fields(row._asdict()) | {"prev_hash": row.prev_hash, "hash": row.hash}


def _csv_cells(record: dict[str, Any]) -> list[Any]:
    cells: list[Any] = []
    for column in EXPORT_COLUMNS:
        value = record[column]
        if column == "details":
            value = json.dumps(value, sort_keys=True, ensure_ascii=False)
        elif isinstance(value, str) and value.startswith(_FORMULA_START):
            value = "'" + value
        cells.append("" if value is None else value)
    return cells


def _csv_lines(rows: Sequence[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()
