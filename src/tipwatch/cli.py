"""The `tipwatch` command. Thin: parse, call one service, print. Errors: one line, non-zero exit."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Annotated, Any

import typer

from tipwatch.cli_accounts import token_app, units_app, users_app
from tipwatch.cli_audit import audit_app
from tipwatch.cli_demo import demo_command
from tipwatch.cli_import import import_app
from tipwatch.cli_keys import keys_app
from tipwatch.cli_reports import figures_app, funnel_command
from tipwatch.config import load_settings
from tipwatch.domain.errors import TipwatchError
from tipwatch.domain.law.catalogue import default_catalogue
from tipwatch.services import law

app = typer.Typer(
    help="tipwatch: case tracking for human-trafficking cases in Pakistan.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
law_app = typer.Typer(
    help="The legal catalogue: provisions, penalties, notations.", no_args_is_help=True
)
app.add_typer(law_app, name="law")
app.add_typer(users_app, name="users")
app.add_typer(token_app, name="token")
app.add_typer(units_app, name="units")
app.add_typer(keys_app, name="keys")
app.add_typer(audit_app, name="audit")
app.add_typer(figures_app, name="figures")
app.add_typer(import_app, name="import")
app.command("funnel")(funnel_command)
app.command("demo")(demo_command)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
OnOption = Annotated[
    str | None, typer.Option("--on", help="Judge by the law in force on this date (YYYY-MM-DD).")
]


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(
            f"{value!r} is not a date like 2023-01-31", param_hint=option
        ) from exc


def _print_json(value: Any) -> None:
    typer.echo(json.dumps(value, indent=2, ensure_ascii=False, default=str))


@app.command()
def init() -> None:
    """Create the database, or upgrade it to the latest schema."""
    from tipwatch.services.context import bootstrap
    from tipwatch.services.setup import prepare_database

    context = bootstrap(load_settings())
    prepare_database(context)
    typer.echo(f"database ready: {context.engine.url.render_as_string(hide_password=True)}")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the web application and API (initialises the database first)."""
    import uvicorn

    from tipwatch.api.app import create_app
    from tipwatch.services.context import bootstrap
    from tipwatch.services.setup import prepare_database

    context = bootstrap(load_settings())
    prepare_database(context)
    typer.echo(f"tipwatch on http://{host}:{port}/api/v1/docs")
    uvicorn.run(create_app(context), host=host, port=port, log_level="info")


@law_app.command("list")
def law_list(as_json: JsonFlag = False, on: OnOption = None) -> None:
    """Every provision in the catalogue, with its penalty."""
    rows = law.list_provisions(default_catalogue(), _date(on, "--on"))
    if as_json:
        _print_json(rows)
        return
    for row in rows:
        period = f"{row['in_force_from'] or '…'} to {row['in_force_to'] or 'now'}"
        typer.echo(f"{row['key']:<12} {row['title'][:48]:<48} [{row['status']}] {period}")


@law_app.command("show")
def law_show(
    notation: Annotated[str, typer.Argument(help='A provision, e.g. "3(1) PTPA".')],
    as_json: JsonFlag = False,
    on: OnOption = None,
) -> None:
    """One provision: penalty, procedure, source and every version."""
    row = law.show_provision(default_catalogue(), notation, _date(on, "--on"))
    if as_json:
        _print_json(row)
        return
    lines = [
        f"{row['key']}: {row['title']}",
        f"  act:          {row['act_title']}",
        f"  penalty:      {row['penalty_text']}",
        f"  in force:     {row['in_force_from'] or 'date not recorded'} to "
        f"{row['in_force_to'] or 'now'}",
        f"  fine alone:   {_yes_no(row['fine_alone_allowed'])}",
        f"  cognizable:   {_yes_no(row['cognizable'])}    bailable: {_yes_no(row['bailable'])}",
        f"  investigated: {row['investigating_agency'] or 'not recorded'}",
        f"  tried by:     {row['trial_forum'] or 'not recorded'}",
        f"  verification: {row['status']}",
        f"  source:       {row['source']}",
    ]
    if row.get("notes"):
        lines.append(f"  notes:        {row['notes']}")
    if len(row["versions"]) > 1:
        lines.append(f"  versions:     {len(row['versions'])}")
    typer.echo("\n".join(lines))


def _yes_no(value: object) -> str:
    if value is None:
        return "not recorded"
    return "yes" if value else "no"


@law_app.command("parse")
def law_parse(
    notation: Annotated[str, typer.Argument(help='As an FIR writes it: "370/371-A PPC".')],
    as_json: JsonFlag = False,
    on: OnOption = None,
) -> None:
    """Which provisions a notation names."""
    result = law.parse_notation(default_catalogue(), notation, _date(on, "--on"))
    if as_json:
        _print_json({k: result[k] for k in ("notation", "provisions", "warnings")})
        return
    for detail in result["details"]:
        typer.echo(f"{detail['key']:<12} {detail['title']}")
    for warning in result["warnings"]:
        typer.echo(f"warning: {warning}")


def main() -> None:
    """Entry point: every tipwatch error becomes one line on stderr and exit status 1."""
    try:
        app(standalone_mode=False)
    except TipwatchError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        sys.exit(1)
    except typer.Abort:
        typer.echo("aborted", err=True)
        sys.exit(1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except Exception as exc:  # click usage errors and anything else: one line, no traceback
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        from tipwatch.storage.database import error_text

        typer.echo(f"error: {error_text(exc)}", err=True)
        sys.exit(1)
