"""/api/v1/audit: the tamper-evident log, for auditors."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from tipwatch.api.deps import Actor, Ctx
from tipwatch.services import oversight
from tipwatch.services.schemas.audit import AuditEntryOut, AuditFilters, ChainReportOut
from tipwatch.services.schemas.common import Page

router = APIRouter(prefix="/audit", tags=["audit"])


@router.get("")
def search_audit(
    ctx: Ctx, actor: Actor, filters: Annotated[AuditFilters, Query()]
) -> Page[AuditEntryOut]:
    return oversight.search_audit(ctx, actor, filters)


@router.get("/verify")
def verify_audit(ctx: Ctx, actor: Actor) -> ChainReportOut:
    """Check the whole hash chain; names the first entry that was changed, removed or added."""
    return oversight.verify_audit(ctx, actor)


@router.get("/export")
def export_audit(
    ctx: Ctx,
    actor: Actor,
    filters: Annotated[AuditFilters, Query()],
    format: Annotated[Literal["csv", "json"], Query()] = "csv",
) -> StreamingResponse:
    """The log as CSV or JSON lines, with each entry's hash, to check it outside the system."""
    media = "text/csv" if format == "csv" else "application/x-ndjson"
    chunks = oversight.export_audit(ctx, actor, filters, format)
    headers = {"Content-Disposition": f'attachment; filename="tipwatch-audit.{format}"'}
    return StreamingResponse(chunks, media_type=media, headers=headers)
