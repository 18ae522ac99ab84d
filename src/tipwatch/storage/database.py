"""Connecting to the database. Every difference between SQLite and PostgreSQL lives here."""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    Integer,
    Table,
    create_engine,
    event,
    func,
    insert,
    inspect,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session

from tipwatch.domain.errors import ConfigurationError

SQLITE_BUSY_TIMEOUT_MS = 10_000


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def connect(url: str) -> Engine:
    """An engine for `url` (sqlite:///file.db or postgresql+psycopg://...)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigurationError(f"TIPWATCH_DATABASE_URL is not a database URL: {exc}") from exc
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, pool_pre_ping=True)
    raise ConfigurationError(
        f"unsupported database {parsed.get_backend_name()!r}: use sqlite or postgresql"
    )


def migrations_config(engine: Engine) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(files("tipwatch.storage") / "migrations"))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Create the database, or bring it up to the latest schema."""
    from alembic import command

    try:
        command.upgrade(migrations_config(engine), "head")
    except OperationalError as exc:
        raise ConfigurationError(f"cannot reach the database: {exc.orig}") from exc


def schema_is_current(engine: Engine) -> bool:
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrations_config(engine))
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_heads()
    return set(current) == set(script.get_heads())


def has_tables(engine: Engine) -> bool:
    return bool(inspect(engine).get_table_names())


def days_between_sql(later: Any, earlier: Any, dialect: str) -> ColumnElement[Any]:
    """Whole days from `earlier` to `later` (dates), in the database's own arithmetic."""
    if dialect == "sqlite":
        return func.cast(func.julianday(later) - func.julianday(earlier), Integer)
    difference: ColumnElement[Any] = later - earlier
    return difference


def insert_with_ids(session: Session, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert many rows in set-based statements and return their new ids, in order.

    PostgreSQL reserves the ids from the table's sequence first. SQLite inserts the first row
    alone (which takes the database's write lock for the rest of the transaction) and numbers
    the others after it: SQLite gives a new row the largest id plus one, and no other writer
    can add a row while this transaction holds the lock.
    """
    if not rows:
        return []
    if session.get_bind().dialect.name == "postgresql":
        reserve = text(
            f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) "
            "FROM generate_series(1, :n)"
        )
        ids = [int(i) for i in session.scalars(reserve, {"n": len(rows)})]
    else:
        first = int(session.scalars(insert(table).returning(table.c.id), [rows[0]]).one())
        ids = list(range(first, first + len(rows)))
        rows = rows[1:]
        if not rows:
            return ids
    start = len(ids) - len(rows)
    session.execute(
        insert(table), [{**row, "id": i} for row, i in zip(rows, ids[start:], strict=True)]
    )
    return ids
