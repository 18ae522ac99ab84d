"""The import page: upload a register, check it dry, import it, download the rejected rows."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from tipwatch.api.deps import Ctx
from tipwatch.domain.access import Capability
from tipwatch.domain.errors import TipwatchError
from tipwatch.services import imports
from tipwatch.services.imports.reading import MAX_BYTES
from tipwatch.web.session import LoggedIn, check_form_token
from tipwatch.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/import")
def import_page(request: Request, visitor: LoggedIn) -> Response:
    visitor.actor.require(Capability.CREATE_CASES)
    return render(request, "import.html", visitor, summary=None, error=None)


async def _upload(part: object) -> imports.UploadedFile | None:
    if not isinstance(part, UploadFile) or not part.filename:
        return None
    return imports.UploadedFile(part.filename, await part.read(MAX_BYTES + 1))


@router.post("/import")
async def import_upload(request: Request, ctx: Ctx, visitor: LoggedIn) -> Response:
    form = await request.form()
    check_form_token(visitor, str(form.get("csrf_token", "")))
    file, mapping = await _upload(form.get("file")), await _upload(form.get("mapping"))
    if file is None:
        return render(
            request,
            "import.html",
            visitor,
            status=422,
            summary=None,
            error=visitor.language.gettext("Choose a CSV or XLSX file."),
        )
    try:
        summary = imports.import_cases(
            ctx, visitor.actor, file, mapping, dry_run=form.get("dry_run") == "on"
        )
    except TipwatchError as exc:
        return render(
            request, "import.html", visitor, status=exc.status, summary=None, error=exc.message
        )
    return render(request, "import.html", visitor, summary=summary, error=None)
