"""Keeping the demo away from real data: it builds only into an empty database, and empties
only a database that an earlier demo built.

A database began as a demo when its audit log holds a `demo.build` entry: the demo writes one at
the end of every build, and builds only into a database without cases, units, people or users.
`--replace` empties such a database in one transaction (the audit log starts again from its
first entry; published figures, which are reference data, are kept).
"""

from __future__ import annotations

from sqlalchemy import Connection, func, select, text, update

from tipwatch.domain.errors import TipwatchError
from tipwatch.services.context import Context
from tipwatch.storage import reporting_tables, security_tables
from tipwatch.storage import tables as t
from tipwatch.storage.audit import GENESIS_HASH

DEMO_BUILD_ACTION = "demo.build"
_KEPT = {reporting_tables.PublishedFigure.__tablename__, security_tables.AuditHead.__tablename__}


class DemoRefused(TipwatchError):
    """The demo will not write into this database."""

    status = 409
    code = "demo_refused"


def existing_records(ctx: Context) -> dict[str, int]:
    """What the database already holds that a demo would mix with: cases, units, people, users."""
    with ctx.engine.connect() as connection:
        return {
            name: connection.scalar(select(func.count()).select_from(table)) or 0
            for name, table in (
                ("cases", t.Case),
                ("units", t.Unit),
                ("persons", t.Person),
                ("users", security_tables.User),
            )
        }


def is_demo_database(ctx: Context) -> bool:
    entry = security_tables.AuditEntry
    with ctx.engine.connect() as connection:
        found = connection.scalar(
            select(entry.id).where(entry.action == DEMO_BUILD_ACTION).limit(1)
        )
    return found is not None


def make_room(ctx: Context, replace: bool) -> None:
    """Refuse a database holding data, unless `replace` and it is an earlier demo: empty it."""
    held = {name: n for name, n in existing_records(ctx).items() if n}
    if not held:
        return
    summary = ", ".join(f"{n:,} {name}" for name, n in held.items())
    if not replace:
        raise DemoRefused(
            f"this database already holds {summary}; the demo builds only into an empty one. "
            "Point TIPWATCH_DATABASE_URL at a new file (e.g. sqlite:///tipwatch-demo.db), or "
            "use --replace to rebuild a database an earlier demo made"
        )
    if not is_demo_database(ctx):
        raise DemoRefused(
            f"this database holds {summary} not made by `tipwatch demo`; --replace empties only "
            "a demo database. Point TIPWATCH_DATABASE_URL at a new file instead"
        )
    with ctx.engine.begin() as connection:
        _empty(connection)


def _empty(connection: Connection) -> None:
    tables = [tb for tb in reversed(t.Base.metadata.sorted_tables) if tb.name not in _KEPT]
    if connection.dialect.name == "postgresql":
        names = ", ".join(f'"{tb.name}"' for tb in tables)
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY"))
    else:  # children before parents, so the foreign keys hold at every step
        for table in tables:
            connection.execute(table.delete())
    head = security_tables.AuditHead
    connection.execute(update(head).values(seq=0, last_hash=GENESIS_HASH))
