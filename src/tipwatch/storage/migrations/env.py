"""Alembic environment: migrations run with the engine tipwatch hands over (see database.py)."""

from __future__ import annotations

from alembic import context

import tipwatch.storage  # noqa: F401  (registers every table)
from tipwatch.storage.tables import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:
    from tipwatch.config import load_settings
    from tipwatch.storage.database import connect

    engine = connect(load_settings().database_url)

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
