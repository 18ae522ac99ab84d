"""Use cases for auditors: the audit log searched, verified and exported; each look is logged."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from tipwatch.domain.access import Capability, Principal
from tipwatch.services import audit as audit_log
from tipwatch.services.audit_trail import audit_alone
from tipwatch.services.context import Context
from tipwatch.services.schemas.audit import AuditEntryOut, AuditFilters, ChainReportOut
from tipwatch.services.schemas.common import Page


def search_audit(ctx: Context, actor: Principal, filters: AuditFilters) -> Page[AuditEntryOut]:
    actor.require(Capability.READ_AUDIT)
    audit_alone(ctx, actor, "audit.search", "audit_log", None)
    return audit_log.search_audit(ctx, filters)


def verify_audit(ctx: Context, actor: Principal) -> ChainReportOut:
    actor.require(Capability.READ_AUDIT)
    report = audit_log.verify_audit(ctx)
    audit_alone(ctx, actor, "audit.verify", "audit_log", None)
    return report


def export_audit(
    ctx: Context, actor: Principal, filters: AuditFilters, fmt: Literal["csv", "json"]
) -> Iterator[str]:
    actor.require(Capability.READ_AUDIT)
    audit_alone(ctx, actor, "audit.export", "audit_log", None)
    return audit_log.export_audit(ctx, filters, fmt)
