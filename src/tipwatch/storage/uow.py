"""Unit of work: one transaction per use case, rolled back unless `commit()` is called.

Pattern after cosmicpython's `service_layer/unit_of_work.py`.
"""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from tipwatch.domain.errors import Duplicate
from tipwatch.storage.personal import PersonalDataCodec


class UnitOfWork:
    def __init__(self, engine: Engine, codec: PersonalDataCodec) -> None:
        self._factory = sessionmaker(bind=engine, expire_on_commit=False)
        self.codec = codec
        self.engine = engine
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("the unit of work is used outside its `with` block")
        return self._session

    def __enter__(self) -> UnitOfWork:
        self._session = self._factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session = self.session
        try:
            session.rollback()
        finally:
            session.close()
            self._session = None

    def commit(self) -> None:
        try:
            self.session.commit()
        except IntegrityError as exc:
            self.session.rollback()
            raise Duplicate("the record conflicts with one that already exists") from exc

    def flush(self) -> None:
        try:
            self.session.flush()
        except IntegrityError as exc:
            self.session.rollback()
            raise Duplicate("the record conflicts with one that already exists") from exc
