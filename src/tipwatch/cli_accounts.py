"""`tipwatch users ...`, `tipwatch token ...` and `tipwatch units ...`: run on the server by its
operator, who acts as the system administrator."""

from __future__ import annotations

import sys
from typing import Annotated, TypeVar

import typer
from pydantic import BaseModel, ValidationError

from tipwatch.config import load_settings
from tipwatch.domain.access import SYSTEM, Role
from tipwatch.domain.errors import InvalidInput
from tipwatch.domain.vocabulary import Province, UnitKind
from tipwatch.services import accounts, units
from tipwatch.services.context import Context, bootstrap
from tipwatch.services.schemas.accounts import UserCreate
from tipwatch.services.schemas.units import UnitCreate

users_app = typer.Typer(help="User accounts.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens.", no_args_is_help=True)
units_app = typer.Typer(help="Organisational units.", no_args_is_help=True)
ModelT = TypeVar("ModelT", bound=BaseModel)


def _context() -> Context:
    return bootstrap(load_settings())


def _valid(build: type[ModelT], **values: object) -> ModelT:
    try:
        return build(**values)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "input"
        raise InvalidInput(f"{field}: {first['msg']}", field=field) from exc


def _read_password() -> str:
    if sys.stdin.isatty():
        password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        return password
    return sys.stdin.readline().rstrip("\n")


@users_app.command("add")
def users_add(
    username: str,
    role: Annotated[Role, typer.Option(help="The user's role.")],
    unit: Annotated[str | None, typer.Option(help="Code of the user's unit.")] = None,
    person_id: Annotated[int | None, typer.Option(help="The user's own person record.")] = None,
) -> None:
    """Add a user; the password is read from standard input or asked for."""
    ctx = _context()
    unit_id = units.unit_id_by_code(ctx, unit) if unit else None
    data = _valid(
        UserCreate,
        username=username,
        password=_read_password(),
        role=role,
        unit_id=unit_id,
        person_id=person_id,
    )
    user = accounts.add_user(ctx, SYSTEM, data)
    typer.echo(f"added {user.username} ({user.role}) id {user.id}")


@users_app.command("list")
def users_list() -> None:
    """Every user, with role, unit and whether disabled."""
    for user in accounts.list_users(_context(), SYSTEM):
        state = "disabled" if user.disabled else "active"
        factor = " 2FA" if user.second_factor else ""
        typer.echo(
            f"{user.id:>5} {user.username:<24} {user.role:<13} unit {user.unit_id or '-'}"
            f" {state}{factor}"
        )


@users_app.command("disable")
def users_disable(username: str) -> None:
    """Disable a user: their sessions end and their tokens are revoked at once."""
    accounts.set_disabled(_context(), SYSTEM, username, True)
    typer.echo(f"disabled {username}")


@users_app.command("enable")
def users_enable(username: str) -> None:
    accounts.set_disabled(_context(), SYSTEM, username, False)
    typer.echo(f"enabled {username}")


@users_app.command("second-factor")
def users_second_factor(username: str) -> None:
    """Enrol a TOTP second factor; prints the otpauth:// address to load into an app, once."""
    typer.echo(accounts.enrol_second_factor(_context(), SYSTEM, username))


@token_app.command("create")
def token_create(
    username: str,
    name: Annotated[str, typer.Option(help="What the token is for.")] = "api",
    days: Annotated[int, typer.Option(help="Days until it expires.")] = 90,
) -> None:
    """Create an API token for a user and print it (it is shown only this once)."""
    token = accounts.create_token(_context(), SYSTEM, username, name, days)
    typer.echo(token.token)
    typer.echo(f"token {token.id} for {username}, expires {token.expires_at:%Y-%m-%d}", err=True)


@token_app.command("revoke")
def token_revoke(token_id: int) -> None:
    """Revoke an API token by its id."""
    accounts.revoke_token(_context(), SYSTEM, token_id)
    typer.echo(f"revoked token {token_id}")


@units_app.command("add")
def units_add(
    code: str,
    name: Annotated[str, typer.Option()],
    kind: Annotated[UnitKind, typer.Option()],
    agency: Annotated[str, typer.Option()],
    province: Annotated[Province, typer.Option()],
    district: Annotated[str | None, typer.Option()] = None,
    parent: Annotated[str | None, typer.Option(help="Code of the unit above.")] = None,
) -> None:
    """Add an organisational unit (FIA zone or circle, police station, office, NGO)."""
    ctx = _context()
    parent_id = units.unit_id_by_code(ctx, parent) if parent else None
    data = _valid(
        UnitCreate,
        code=code,
        name=name,
        kind=kind,
        agency=agency,
        province=province,
        district=district,
        parent_id=parent_id,
    )
    unit = units.add_unit(ctx, SYSTEM, data)
    typer.echo(f"added unit {unit.code} id {unit.id}")


@units_app.command("list")
def units_list() -> None:
    for unit in units.list_units(_context(), SYSTEM):
        typer.echo(f"{unit.id:>5} {unit.code:<20} {unit.kind:<18} {unit.province:<28} {unit.name}")
