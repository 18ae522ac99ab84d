"""The audit log (search, chain verification, export) and the alerts, for auditors."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from tipwatch.api.deps import Ctx
from tipwatch.services import oversight, sharing
from tipwatch.services.schemas.audit import AuditFilters
from tipwatch.web.session import LoggedIn
from tipwatch.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/audit")
def audit_page(
    request: Request,
    ctx: Ctx,
    visitor: LoggedIn,
    filters: Annotated[AuditFilters, Query()],
    verify: bool = False,
) -> Response:
    page = oversight.search_audit(ctx, visitor.actor, filters)
    report = oversight.verify_audit(ctx, visitor.actor) if verify else None
    current = filters.model_dump(mode="json", exclude_defaults=True)
    return render(
        request, "audit.html", visitor, page=page, filters=filters, report=report, current=current
    )


@router.get("/alerts")
def alerts_page(request: Request, ctx: Ctx, visitor: LoggedIn) -> Response:
    return render(request, "alerts.html", visitor, alerts=sharing.list_alerts(ctx, visitor.actor))
