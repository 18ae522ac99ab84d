"""Use cases: sharing a case, the alerts auditors see, the victims a caseworker cares for."""

from __future__ import annotations

from datetime import datetime

from pydantic import model_validator
from sqlalchemy import select

from tipwatch.domain.access import Capability, Principal
from tipwatch.domain.errors import InvalidInput, NotFound
from tipwatch.domain.vocabulary import PersonRole
from tipwatch.services.access import open_case
from tipwatch.services.audit_trail import audit
from tipwatch.services.context import Context
from tipwatch.services.schemas.common import Id, Input, LongText, Output
from tipwatch.services.units import get_unit_row
from tipwatch.storage import security_tables as s
from tipwatch.storage import tables as t


class ShareCreate(Input):
    unit_id: Id | None = None
    user_id: Id | None = None
    reason: LongText = ""

    @model_validator(mode="after")
    def _one_grantee(self) -> ShareCreate:
        if (self.unit_id is None) == (self.user_id is None):
            raise ValueError("share with exactly one of unit_id and user_id")
        return self


class ShareOut(Output):
    id: int
    case_id: int
    unit_id: int | None
    user_id: int | None
    reason: str
    granted_by: int | None
    granted_at: datetime
    revoked_at: datetime | None


class AlertOut(Output):
    id: int
    at: datetime
    kind: str
    user_id: int | None
    case_id: int | None
    message: str


class ReferredVictim(Output):
    party_id: int
    person_id: int
    case_id: int
    case_reference: str


def share_case(ctx: Context, actor: Principal, case_id: int, data: ShareCreate) -> ShareOut:
    with ctx.uow() as uow:
        open_case(ctx, uow, actor, case_id, Capability.SHARE_CASES)
        if data.unit_id is not None:
            get_unit_row(uow, data.unit_id)
        elif uow.session.get(s.User, data.user_id) is None:
            raise InvalidInput(f"user {data.user_id} does not exist", field="user_id")
        share = s.CaseShare(
            case_id=case_id,
            unit_id=data.unit_id,
            user_id=data.user_id,
            reason=data.reason,
            granted_by=actor.user_id,
            granted_at=ctx.now(),
        )
        uow.session.add(share)
        uow.flush()
        audit(
            uow,
            ctx,
            actor,
            "case.share",
            "case",
            case_id,
            details={"share_id": share.id, "unit_id": data.unit_id, "user_id": data.user_id},
        )
        uow.commit()
        return ShareOut.model_validate(share)


def revoke_share(ctx: Context, actor: Principal, case_id: int, share_id: int) -> ShareOut:
    with ctx.uow() as uow:
        open_case(ctx, uow, actor, case_id, Capability.SHARE_CASES)
        share = uow.session.get(s.CaseShare, share_id)
        if share is None or share.case_id != case_id:
            raise NotFound(
                f"share {share_id} of case {case_id} does not exist", record=f"share {share_id}"
            )
        share.revoked_at = share.revoked_at or ctx.now()
        audit(uow, ctx, actor, "case.unshare", "case", case_id, details={"share_id": share_id})
        uow.commit()
        return ShareOut.model_validate(share)


def list_shares(ctx: Context, actor: Principal, case_id: int) -> list[ShareOut]:
    with ctx.uow() as uow:
        open_case(ctx, uow, actor, case_id)
        rows = uow.session.scalars(
            select(s.CaseShare).where(s.CaseShare.case_id == case_id).order_by(s.CaseShare.id)
        ).all()
        audit(uow, ctx, actor, "case.read", "case", case_id, details={"part": "shares"})
        uow.commit()
        return [ShareOut.model_validate(r) for r in rows]


def list_alerts(ctx: Context, actor: Principal) -> list[AlertOut]:
    actor.require(Capability.READ_AUDIT)
    with ctx.uow() as uow:
        rows = uow.session.scalars(select(s.Alert).order_by(s.Alert.id.desc()).limit(500)).all()
        audit(uow, ctx, actor, "alert.list", "alert", None)
        uow.commit()
        return [AlertOut.model_validate(r) for r in rows]


def referred_victims(ctx: Context, actor: Principal) -> list[ReferredVictim]:
    """The victims referred to the caseworker's NGO, and nothing of the accused."""
    actor.require(Capability.CARE_FOR_VICTIMS)
    with ctx.uow() as uow:
        rows = uow.session.execute(
            select(t.Party.id, t.Party.person_id, t.Case.id, t.Case.reference)
            .join(t.Case, t.Case.id == t.Party.case_id)
            .where(
                t.Party.role == PersonRole.VICTIM,
                t.Party.care_unit_id == actor.unit_id,
                t.Party.care_unit_id.is_not(None),
            )
            .order_by(t.Party.id)
        ).all()
        audit(
            uow,
            ctx,
            actor,
            "victim.list",
            "party",
            None,
            details={"party_ids": [r[0] for r in rows]},
        )
        uow.commit()
        return [
            ReferredVictim(party_id=r[0], person_id=r[1], case_id=r[2], case_reference=r[3])
            for r in rows
            if r[1] is not None
        ]
