"""`tipwatch import ...`: bulk import of cases from CSV and XLSX files (docs/import.md).

Thin: read the files, call one service, print. The operator acts as the system administrator
unless `--user` names an account, whose role and unit then decide what may be imported.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from tipwatch.domain.access import SYSTEM, Principal
from tipwatch.domain.errors import InvalidInput, NotAuthenticated
from tipwatch.services.context import Context
from tipwatch.services.schemas.imports import ImportSummary

import_app = typer.Typer(help="Bulk import of cases from CSV and XLSX files.", no_args_is_help=True)

UserOption = Annotated[
    str | None,
    typer.Option("--user", help="Act as this account (default: the system administrator)."),
]
REJECTS_PRINTED = 20


def _context() -> Context:
    from tipwatch.config import load_settings
    from tipwatch.services.context import bootstrap

    return bootstrap(load_settings())


def _actor(ctx: Context, username: str | None) -> Principal:
    if username is None:
        return SYSTEM
    from tipwatch.services.accounts import get_user_by_name, principal_of

    with ctx.uow() as uow:
        user = get_user_by_name(uow, username)
        if user.disabled:
            raise NotAuthenticated(f"the account {username!r} is disabled")
        return principal_of(user)


def _writable(path: Path, option: str) -> None:
    """Refuse, before anything is imported, a file the refused rows could not be written to."""
    if path.is_dir() or not path.parent.is_dir():
        raise InvalidInput(f"cannot write {path}: not a file in an existing folder", field=option)
    existed = path.exists()
    try:  # opened, not only looked at: permissions alone do not say (root, /proc...)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    except OSError as exc:
        raise InvalidInput(f"cannot write {path}: {exc.strerror}", field=option) from exc
    if not existed:
        path.unlink()


def _write_private(path: Path, text: str) -> None:
    """Write refused rows (personal data) readable by their owner only, as the key file is."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.chmod(path, 0o600)  # a file that was there before keeps no wider mode
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as out:
            out.write(text)
    except OSError as exc:
        raise InvalidInput(f"cannot write {path}: {exc.strerror}", field="output") from exc


def _read(path: Path, option: str) -> tuple[str, bytes]:
    try:
        return path.name, path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror}", field=option) from exc


@import_app.command("cases")
def import_cases(
    file: Annotated[Path, typer.Argument(help="The CSV or XLSX file: one row per case.")],
    mapping: Annotated[
        Path | None,
        typer.Option("--mapping", help="A JSON or TOML mapping file for another layout."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check every row and record the run; write no case.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    user: UserOption = None,
    rejected: Annotated[
        Path | None, typer.Option("--rejected", help="Also write the refused rows to this CSV.")
    ] = None,
    batch_size: Annotated[
        int | None,
        typer.Option(
            "--batch-size", min=1, max=10_000, help="Rows per transaction (default 1,000)."
        ),
    ] = None,
) -> None:
    """Import cases; refused rows are kept with their reasons. Safe to run again: rows already
    imported are unchanged, and an interrupted import completes."""
    from tipwatch.services.imports import UploadedFile, import_cases, rejected_rows_csv

    if rejected is not None:
        _writable(rejected, "rejected")
    ctx = _context()
    actor = _actor(ctx, user)
    source = UploadedFile(*_read(file, "file"))
    rules = UploadedFile(*_read(mapping, "mapping")) if mapping else None
    console = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeRemainingColumn())  # fmt: skip
    with Progress(*columns, console=console, disable=not console.is_terminal) as progress:
        task = progress.add_task(f"importing {file.name}", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        summary = import_cases(
            ctx, actor, source, rules, dry_run=dry_run, batch_size=batch_size, on_batch=advance
        )
    if rejected is not None:
        _write_private(rejected, rejected_rows_csv(ctx, actor, summary.run_id))
    if as_json:
        typer.echo(summary.model_dump_json(indent=2))
        return
    typer.echo(_text(summary, rejected))


def _text(summary: ImportSummary, rejected: Path | None) -> str:
    what = "checked (dry run, nothing written)" if summary.dry_run else "imported"
    lines = [
        f"{what}: {summary.file_name} (import run {summary.run_id})",
        f"  rows read  {summary.rows_read:>8}",
        f"  created    {summary.created:>8}",
        f"  updated    {summary.updated:>8}",
        f"  unchanged  {summary.unchanged:>8}",
        f"  rejected   {summary.rejected:>8}",
    ]
    if summary.ignored_columns:
        lines.append(f"columns ignored: {', '.join(summary.ignored_columns)}")
    for reject in summary.rejects[:REJECTS_PRINTED]:
        lines.append(f"row {reject.row}: {reject.field or '-'}: {reject.reason}")
    if summary.rejected > REJECTS_PRINTED:
        lines.append(f"... and {summary.rejected - REJECTS_PRINTED} more")
    if summary.rejected:
        lines.append(
            f"refused rows written to {rejected}"
            if rejected
            else f"refused rows: tipwatch import rejected {summary.run_id} --output FILE"
        )
    return "\n".join(lines)


@import_app.command("rejected")
def rejected_rows(
    run_id: Annotated[int, typer.Argument(help="The import run's number.", min=1)],
    output: Annotated[
        Path | None, typer.Option("--output", help="Write the CSV here instead of printing it.")
    ] = None,
    user: UserOption = None,
) -> None:
    """The rows an import refused, with their original columns and row, field and reason."""
    from tipwatch.services.imports import get_run, rejected_rows_csv

    if output is not None:
        _writable(output, "output")
    ctx = _context()
    actor = _actor(ctx, user)
    text = rejected_rows_csv(ctx, actor, run_id)
    if output is None:
        typer.echo(text, nl=False)
        return
    _write_private(output, text)
    summary = get_run(ctx, actor, run_id)
    typer.echo(json.dumps({"run_id": run_id, "rejected": summary.rejected, "file": str(output)}))
