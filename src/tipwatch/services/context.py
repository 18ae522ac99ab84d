"""What every use case needs, wired once (pattern after cosmicpython's bootstrap.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import Engine

from tipwatch.config import Settings
from tipwatch.domain.law.catalogue import LegalCatalogue, default_catalogue
from tipwatch.storage.database import connect
from tipwatch.storage.personal import PersonalDataCodec, PlainCodec
from tipwatch.storage.uow import UnitOfWork


def _today() -> date:
    return datetime.now(UTC).date()


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Context:
    engine: Engine
    settings: Settings
    codec: PersonalDataCodec = field(default_factory=PlainCodec)
    catalogue: LegalCatalogue = field(default_factory=default_catalogue)
    today: Callable[[], date] = _today
    now: Callable[[], datetime] = _now

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.engine, self.codec)


def bootstrap(settings: Settings) -> Context:
    """The context of the running app: personal data encrypted under the configured key."""
    from tipwatch.storage.crypto import load_codec

    return Context(
        engine=connect(settings.database_url), settings=settings, codec=load_codec(settings)
    )
