"""Writing the audit trail from the use cases: one call, in the same transaction as the change.

Details hold ids and codes only, never a person's name or identifiers.
"""

from __future__ import annotations

from typing import Any

from tipwatch.domain.access import Principal
from tipwatch.services.context import Context
from tipwatch.storage.audit import append_entry
from tipwatch.storage.uow import UnitOfWork


def audit(
    uow: UnitOfWork,
    ctx: Context,
    actor: Principal,
    action: str,
    record_type: str | None,
    record_id: int | None,
    *,
    purpose: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    append_entry(
        uow.session,
        at=ctx.now(),
        action=action,
        user_id=actor.user_id,
        username=actor.username,
        role=actor.role,
        record_type=record_type,
        record_id=record_id,
        purpose=purpose,
        details=details or {},
    )


def audit_alone(
    ctx: Context,
    actor: Principal,
    action: str,
    record_type: str | None,
    record_id: int | None,
    *,
    details: dict[str, Any] | None = None,
) -> None:
    """Record an attempt that was refused: in its own transaction, so the refusal keeps it."""
    with ctx.uow() as uow:
        audit(uow, ctx, actor, action, record_type, record_id, details=details)
        uow.commit()
