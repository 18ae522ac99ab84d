"""Test fixtures: the same tests run on SQLite and on PostgreSQL.

PostgreSQL tests use TIPWATCH_TEST_POSTGRES_URL (default: the local server as user postgres);
each run creates its own database and drops it at the end. With TIPWATCH_REQUIRE_POSTGRES=1
(as in CI) an unreachable server fails the run instead of skipping its tests.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from tests.factories import user_token
from tipwatch.api.app import create_app
from tipwatch.config import Settings
from tipwatch.domain.access import Role
from tipwatch.services.context import Context
from tipwatch.storage import security_tables  # noqa: F401  (registers the tables)
from tipwatch.storage.crypto import EncryptingCodec, KeyRing
from tipwatch.storage.database import connect, upgrade
from tipwatch.storage.tables import Base

POSTGRES_URL = os.environ.get(
    "TIPWATCH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
REQUIRE_POSTGRES = os.environ.get("TIPWATCH_REQUIRE_POSTGRES") == "1"
TODAY = date(2025, 6, 30)


def _postgres_admin() -> Engine | None:
    engine = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text("select 1"))
    except Exception as exc:
        engine.dispose()
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL is required but unreachable at {POSTGRES_URL}: {exc}")
        return None
    return engine


@pytest.fixture(scope="session")
def sqlite_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    path: Path = tmp_path_factory.mktemp("db") / "tipwatch-test.db"
    engine = connect(f"sqlite:///{path}")
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def postgres_engine() -> Iterator[Engine]:
    admin = _postgres_admin()
    if admin is None:
        pytest.skip("PostgreSQL not reachable (set TIPWATCH_TEST_POSTGRES_URL)")
    name = f"tipwatch_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = connect(make_url(POSTGRES_URL).set(database=name).render_as_string(False))
    try:
        upgrade(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _empty(engine: Engine) -> None:
    tables = list(reversed(Base.metadata.sorted_tables))
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(table.delete())
        connection.execute(
            text("INSERT INTO audit_head (id, seq, last_hash) VALUES (1, 0, :h)"), {"h": "0" * 64}
        )


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest) -> Engine:
    engine: Engine = request.getfixturevalue(f"{request.param}_engine")
    _empty(engine)
    return engine


@pytest.fixture(scope="session")
def keyring() -> KeyRing:
    return KeyRing.generate()


@pytest.fixture
def ctx(engine: Engine, keyring: KeyRing) -> Context:
    """Personal data encrypted as in production; today is fixed at 2025-06-30."""
    return Context(
        engine=engine,
        settings=Settings(environment="test"),
        codec=EncryptingCodec(keyring),
        today=lambda: TODAY,
    )


@pytest.fixture
def admin_token(ctx: Context) -> str:
    """An API token of a national administrator, who reaches every unit's cases."""
    return user_token(ctx, "admin", Role.ADMIN)


@pytest.fixture
def client(ctx: Context, admin_token: str) -> Iterator[TestClient]:
    headers = {"Authorization": f"Bearer {admin_token}"}
    with TestClient(create_app(ctx), raise_server_exceptions=False, headers=headers) as test:
        yield test


@pytest.fixture
def anonymous(ctx: Context) -> Iterator[TestClient]:
    with TestClient(create_app(ctx), raise_server_exceptions=False) as test:
        yield test
