"""/api/v1/alerts and /api/v1/care: what auditors and NGO caseworkers see."""

from __future__ import annotations

from fastapi import APIRouter

from tipwatch.api.deps import Actor, Ctx
from tipwatch.services import sharing

router = APIRouter()


@router.get("/alerts", tags=["audit"])
def list_alerts(ctx: Ctx, actor: Actor) -> list[sharing.AlertOut]:
    """Conflict-of-interest attempts and other alerts, newest first (auditors)."""
    return sharing.list_alerts(ctx, actor)


@router.get("/care/victims", tags=["care"])
def referred_victims(ctx: Ctx, actor: Actor) -> list[sharing.ReferredVictim]:
    """The victims referred to your NGO (caseworkers)."""
    return sharing.referred_victims(ctx, actor)
