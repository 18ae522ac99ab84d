"""Dependencies shared by the routes (pattern after the FastAPI template's api/deps.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Request

from tipwatch.services.context import Context


def get_context(request: Request) -> Context:
    context: Context = request.app.state.context
    return context


Ctx = Annotated[Context, Depends(get_context)]
CaseId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The case's id")]
RecordId = Annotated[int, Path(ge=1, le=2**31 - 1)]
