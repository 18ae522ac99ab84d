"""Connecting to the database. Every difference between SQLite and PostgreSQL lives here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib.resources import files
from typing import Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    Date,
    DateTime,
    Engine,
    Integer,
    Table,
    Text,
    cast,
    create_engine,
    event,
    func,
    inspect,
    text,
)
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from tipwatch.domain.errors import ConfigurationError

SQLITE_BUSY_TIMEOUT_MS = 10_000
SQLITE_CACHE_KIB = 64 * 1024
SQLITE_PAGE_BYTES = 16_384


def error_text(exc: BaseException) -> str:
    """An unexpected error as it may be shown or logged: a database error by its kind only.
    Its message would carry the row it failed on (PostgreSQL's "Failing row contains (...)"),
    personal data included; hide_parameters keeps out only what SQLAlchemy adds."""
    if isinstance(exc, SQLAlchemyError):
        original = getattr(exc, "orig", None)
        kind = type(original).__name__ if original is not None else type(exc).__name__
        return f"{type(exc).__name__} ({kind}); the database's message is not shown"
    return f"{type(exc).__name__}: {exc}"


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Per connection: foreign keys on, WAL (readers never wait for the writer), a 64 MiB page
    cache (the person index takes keyed tokens in random order: a small cache rereads its pages
    for every insert), and 16 KiB pages for a new database file (fewer, larger writes; no effect
    on an existing file)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA page_size={SQLITE_PAGE_BYTES}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    cursor.close()


def connect(url: str) -> Engine:
    """An engine for `url` (sqlite:///file.db or postgresql+psycopg://...)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigurationError(f"TIPWATCH_DATABASE_URL is not a database URL: {exc}") from exc
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            parsed,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
            hide_parameters=True,  # a database error's message never carries the row's values
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, pool_pre_ping=True, hide_parameters=True)
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


def joined_sql(values: Any, dialect: str) -> ColumnElement[Any]:
    """An aggregate: a group's non-null values as text joined by commas ("12,40,-3"), or NULL
    when it has none. A group of many rows comes back as one value, far cheaper to fetch."""
    if dialect == "sqlite":
        joined: ColumnElement[Any] = func.group_concat(values, ",")
    else:
        joined = func.string_agg(cast(values, Text), ",")
    return joined


class RowConverter:
    """Values in `keys` order, turned into what the driver takes by each column's converter.

    Made from a dialect alone, so a worker process can convert rows before the writer gets
    them (services.bulk_rows); the results are plain values (text, numbers, bytes) or the
    driver's own picklable wrappers.
    """

    def __init__(self, table: Table, keys: Sequence[str], dialect: Dialect) -> None:
        self.steps = [
            (position, convert)
            for position, key in enumerate(keys)
            if (convert := _converter(table.c[key], dialect)) is not None
        ]

    def __call__(self, values: list[Any]) -> tuple[Any, ...]:
        for position, convert in self.steps:
            values[position] = convert(values[position])
        return tuple(values)


def dialect_named(name: str) -> Dialect:
    """A dialect object for a driver name such as "sqlite" or "postgresql+psycopg"."""
    dialect: Dialect = make_url(f"{name}://").get_dialect()()
    return dialect


def _insert_sql(table: Table, keys: Sequence[str], dialect: Dialect) -> str:
    quote = dialect.identifier_preparer
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    return (
        f"INSERT INTO {quote.format_table(table)} "
        f"({', '.join(quote.format_column(table.c[key]) for key in keys)}) "
        f"VALUES ({', '.join([marker] * len(keys))})"
    )


def insert_tuples(
    session: Session, table: Table, keys: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """Insert rows already converted for the driver (`RowConverter`), in `keys` order, with
    one driver-level executemany in the session's transaction: the bulk paths (the demo,
    imports) write tens of rows a case, and SQLAlchemy's per-row parameter handling would cost
    more than the database itself. A column with a Python-side default must be among the keys."""
    if not rows:
        return
    missing = _defaulted_columns(table, keys)
    if missing:
        raise ValueError(f"rows for {table.name} leave out {', '.join(missing)}")
    connection = session.connection()
    connection.exec_driver_sql(_insert_sql(table, keys, connection.dialect), rows)


def insert_tuples_with_ids(
    session: Session, table: Table, keys: Sequence[str], rows: list[tuple[Any, ...]]
) -> list[int]:
    """`insert_tuples` for a table with an integer id; returns the new ids, in order.

    PostgreSQL reserves the ids from the table's sequence first. SQLite inserts the first row
    alone (which takes the database's write lock for the rest of the transaction) and numbers
    the others after it: SQLite gives a new row the largest id plus one, and no other writer
    can add a row while this transaction holds the lock.
    """
    if not rows:
        return []
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        reserve = text(
            f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) "
            "FROM generate_series(1, :n)"
        )
        ids = [int(i) for i in session.scalars(reserve, {"n": len(rows)})]
        start = 0
    else:
        sql = _insert_sql(table, keys, connection.dialect) + " RETURNING id"
        first = int(connection.exec_driver_sql(sql, rows[0]).scalar_one())
        ids = list(range(first, first + len(rows)))
        start = 1
    numbered = [(i, *row) for i, row in zip(ids[start:], rows[start:], strict=True)]
    insert_tuples(session, table, ["id", *keys], numbered)
    return ids


def driver_rows(session: Session, query: Select[Any]) -> list[tuple[Any, ...]]:
    """A query's rows as the driver returns them, in the session's transaction, without
    SQLAlchemy's row handling: on a scan of every case (the funnel's delays) that handling cost
    more than SQLite's own work. Only for columns the driver returns as they are meant (whole
    numbers, text): never dates on SQLite, which the driver returns as text."""
    result = session.connection().execute(query)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


def _converter(column: Any, dialect: Any) -> Callable[[Any], Any] | None:
    """The dialect's own conversion of a column's values, remembering what it gave for dates
    and times (a batch has few distinct ones) and for empty JSON (most details are empty)."""
    convert: Callable[[Any], Any] | None = column.type.dialect_impl(dialect).bind_processor(dialect)
    if convert is None:
        return None
    if isinstance(column.type, Date | DateTime):
        known: dict[Any, Any] = {}

        def remembered(value: Any) -> Any:
            if value not in known:
                known[value] = convert(value)
            return known[value]

        return remembered
    if isinstance(column.type, JSON):
        empty = {"dict": convert({}), "list": convert([])}

        def serialised(value: Any) -> Any:
            if not value and type(value) in (dict, list):
                return empty[type(value).__name__]
            return convert(value)

        return serialised
    return convert


def _defaulted_columns(table: Table, given: Sequence[str]) -> list[str]:
    """The columns of `table` not among `given` that SQLAlchemy would fill in Python."""
    return [c.key for c in table.columns if c.default is not None and c.key not in given]
