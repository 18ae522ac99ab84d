"""/api/v1/imports: bulk import of cases from CSV and XLSX uploads (docs/import.md)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile, status
from fastapi.responses import Response

from tipwatch.api.deps import Actor, Ctx, RecordId
from tipwatch.services import imports
from tipwatch.services.imports.reading import MAX_BYTES
from tipwatch.services.schemas.imports import ImportSummary

router = APIRouter(prefix="/imports", tags=["imports"])


def _uploaded(upload: UploadFile) -> imports.UploadedFile:
    return imports.UploadedFile(upload.filename or "upload", upload.file.read(MAX_BYTES + 1))


@router.post("/cases", status_code=status.HTTP_201_CREATED)
def import_cases(
    ctx: Ctx,
    actor: Actor,
    file: Annotated[UploadFile, File(description="CSV or XLSX file, one row per case")],
    mapping: Annotated[
        UploadFile | None, File(description="JSON or TOML mapping file for another layout")
    ] = None,
    dry_run: Annotated[bool, Form(description="Check every row; write no case")] = False,
) -> ImportSummary:
    """Import cases; answers the run's counts (rows read = created + updated + unchanged +
    rejected) and its first refused rows. A file that cannot be read is a 422."""
    rules = _uploaded(mapping) if mapping is not None else None
    return imports.import_cases(ctx, actor, _uploaded(file), rules, dry_run=dry_run)


@router.get("/{run_id}")
def get_run(ctx: Ctx, actor: Actor, run_id: RecordId) -> ImportSummary:
    return imports.get_run(ctx, actor, run_id)


@router.get("/{run_id}/rejected.csv", response_class=Response)
def rejected_rows(ctx: Ctx, actor: Actor, run_id: RecordId) -> Response:
    """The refused rows with their original columns, then row, field and reason."""
    body = imports.rejected_rows_csv(ctx, actor, run_id)
    headers = {"Content-Disposition": f'attachment; filename="import-{run_id}-rejected.csv"'}
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)
