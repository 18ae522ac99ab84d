"""Use case: bring a database up to date before serving it."""

from __future__ import annotations

from tipwatch.services.context import Context
from tipwatch.services.figures import seed_published_figures
from tipwatch.storage.database import upgrade


def prepare_database(ctx: Context) -> None:
    """Upgrade the schema and load the reference data a new database starts with."""
    upgrade(ctx.engine)
    seed_published_figures(ctx)
