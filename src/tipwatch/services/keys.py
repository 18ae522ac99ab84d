"""Key rotation: every record re-encrypted under a new key, resumable after a kill at any point.

1. Unless the ring file already records a rotation in progress ("rotating_from"), write a ring
   with a new primary key and the old keys marked as retiring, before any row changes.
2. In batches, each its own transaction: persons not under the new key are decrypted,
   re-encrypted, given the new key id and their search tokens rebuilt; then the TOTP secrets.
   A rerun after a kill finds the mark in the file and skips rows already under the new key.
3. When no row is left under an old key, write the ring without the old keys.

Stop every process that writes to the database first (`tipwatch serve`): they hold the old ring
in memory and would go on writing under the old key, or miss rotated rows in searches.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Engine, delete, func, or_, select

from tipwatch.domain.errors import InvalidInput
from tipwatch.services.persons import search_tokens_of
from tipwatch.storage import tables as t
from tipwatch.storage.crypto import MAGIC, TOTP_PURPOSE, EncryptingCodec, KeyRing
from tipwatch.storage.personal import PlainCodec
from tipwatch.storage.security_tables import User
from tipwatch.storage.uow import UnitOfWork


@dataclass(frozen=True)
class RotationReport:
    rotated: int
    """Persons re-encrypted by this run."""
    already_current: int
    """Persons already under the new key when this run began (done by an interrupted run)."""
    total: int
    new_key_id: str
    totp_secrets_rotated: int = 0


def rotate_keys(
    engine: Engine,
    key_file: Path,
    batch_size: int = 200,
    on_batch: Callable[[int, int], None] | None = None,
) -> RotationReport:
    """Rotate to a new primary key; `on_batch(done, to_do)` is called after each commit."""
    if batch_size < 1:
        raise InvalidInput("the batch size must be at least 1", field="batch_size")
    ring = KeyRing.load(key_file)
    if not ring.rotating_from:
        ring = ring.with_new_primary()
        ring.save(key_file)
    codec = EncryptingCodec(ring)
    stale = or_(t.Person.key_id.is_(None), t.Person.key_id != codec.key_id)
    with UnitOfWork(engine, codec) as uow:
        total = uow.session.scalar(select(func.count()).select_from(t.Person)) or 0
        to_do = uow.session.scalar(select(func.count()).select_from(t.Person).where(stale)) or 0
    rotated = 0
    while done := _rotate_persons(engine, codec, stale, batch_size):
        rotated += done
        if on_batch is not None:
            on_batch(rotated, to_do)
    secrets_rotated = _rotate_totp_secrets(engine, codec, batch_size)
    ring.without_retiring().save(key_file)
    return RotationReport(rotated, total - to_do, total, codec.key_id, secrets_rotated)


def _rotate_persons(
    engine: Engine, codec: EncryptingCodec, stale: ColumnElement[bool], batch_size: int
) -> int:
    """Re-encrypt one batch of persons and rebuild their search tokens, in one transaction."""
    with UnitOfWork(engine, codec) as uow:
        query = select(t.Person).where(stale).order_by(t.Person.id).limit(batch_size)
        persons = uow.session.scalars(query.with_for_update()).all()
        if not persons:
            return 0
        uow.session.execute(
            delete(t.PersonIdentifier).where(
                t.PersonIdentifier.person_id.in_([p.id for p in persons])
            )
        )
        for person in persons:
            personal = _read_personal(codec, person)
            person.personal = codec.encode(personal)
            person.key_id = codec.key_id
            uow.session.add_all(
                t.PersonIdentifier(person_id=person.id, kind=kind, token=token)
                for kind, token in search_tokens_of(uow, personal)
            )
        uow.commit()
        return len(persons)


def _read_personal(codec: EncryptingCodec, person: t.Person) -> dict[str, Any]:
    if person.key_id is None and not person.personal.startswith(MAGIC):
        return PlainCodec().decode(person.personal)  # written before encryption was turned on
    return codec.decode(person.personal)


def _rotate_totp_secrets(engine: Engine, codec: EncryptingCodec, batch_size: int) -> int:
    """Re-encrypt every TOTP secret not under the new key (unencrypted ones included)."""
    current = MAGIC + codec.key_id.encode()
    rotated, after = 0, 0
    while True:
        with UnitOfWork(engine, codec) as uow:
            query = (
                select(User)
                .where(User.totp_secret.is_not(None), User.id > after)
                .order_by(User.id)
                .limit(batch_size)
            )
            users = uow.session.scalars(query.with_for_update()).all()
            if not users:
                return rotated
            for user in users:
                stored = user.totp_secret
                if stored is None or stored.startswith(current):
                    continue
                if stored.startswith(MAGIC):
                    stored = codec.decrypt_bytes(stored, TOTP_PURPOSE)
                user.totp_secret = codec.encrypt_bytes(stored, TOTP_PURPOSE)
                rotated += 1
            uow.commit()
            after = users[-1].id
