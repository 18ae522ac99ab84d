"""`tipwatch audit`: check the audit log has not been tampered with, and export it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError

from tipwatch.config import load_settings
from tipwatch.services.audit import export_audit, verify_audit
from tipwatch.services.context import Context, bootstrap
from tipwatch.services.schemas.audit import AuditFilters

audit_app = typer.Typer(
    help="The audit log: check that nobody has changed it, export it.", no_args_is_help=True
)


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"


TimeOption = Annotated[
    str | None,
    typer.Option(help="ISO 8601 date or time, like 2025-06-01T09:00+05:00 (UTC if bare)."),
]


@contextmanager
def _context() -> Iterator[Context]:
    context = bootstrap(load_settings())
    try:
        yield context
    finally:
        context.engine.dispose()


def _time(value: str | None, option: str) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(
            f"{value!r} is not a date or time like 2025-06-01T09:00+05:00", param_hint=option
        ) from exc


@audit_app.command()
def verify() -> None:
    """Check every entry and the head of the log; name the first entry found tampered with."""
    with _context() as context:
        report = verify_audit(context)
    if not report.ok:
        at = "" if report.first_bad_id is None else f" at entry {report.first_bad_id}"
        typer.echo(f"audit log broken{at}: {report.reason}", err=True)
        raise typer.Exit(1)
    typer.echo(f"audit log verified: {report.checked} entries")
    if report.last_hash:
        typer.echo(f"last entry {report.last_id} has hash {report.last_hash}")


@audit_app.command()
def export(
    fmt: Annotated[
        ExportFormat, typer.Option("--format", help="csv, or json: one entry a line, exact.")
    ] = ExportFormat.csv,
    since: TimeOption = None,
    until: TimeOption = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (readable by you only)."),
    ] = None,
) -> None:
    """Every entry, oldest first, with its hashes, so the chain can be checked elsewhere."""
    try:
        filters = AuditFilters(since=_time(since, "--since"), until=_time(until, "--until"))
    except ValidationError as exc:
        error = exc.errors()[0]
        hint = f"--{error['loc'][0]}" if error["loc"] else "--since/--until"
        raise typer.BadParameter(error["msg"], param_hint=hint) from exc
    with _context() as context:
        chunks = export_audit(context, filters, fmt.value)
        if output is None:
            for chunk in chunks:
                typer.echo(chunk, nl=False)
            return
        descriptor = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(descriptor, "w", encoding="utf-8", newline="") as file:
            for chunk in chunks:
                file.write(chunk)
    typer.echo(f"audit log exported to {output}")
