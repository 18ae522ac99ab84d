"""A stolen database file or backup reveals nobody: no name, CNIC or phone number in it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from sqlalchemy import Engine

from tipwatch.domain.access import SYSTEM
from tipwatch.services.context import Context
from tipwatch.services.persons import add_person, search_persons
from tipwatch.services.schemas.people import PersonCreate, PersonSearch
from tipwatch.storage.crypto import EncryptingCodec, KeyRing
from tipwatch.storage.database import is_sqlite

PEOPLE = [
    # name, father's name, CNIC, phone as written, phone in E.164
    ("Zarmeena Qandeelzai", "Gulbaddin Khorasanwal", "35202-8473619-2", "0321 7654329",
     "+923217654329"),
    ("Parizaad Moosakhel", "Sherbaz Tarinwal", "42101-5938271-6", "0345-6172839", "+923456172839"),
    ("Mehrunnisa Jatoizada", "Qurban Alikhel", "61101-2749385-4", "+92 312 9081726",
     "+923129081726"),
]  # fmt: skip


def _secrets() -> list[str]:
    """Every form in which these people's data could leak, as text."""
    found: list[str] = []
    for name, father, cnic, _phone, e164 in PEOPLE:
        found += [name, name.casefold(), father, father.casefold(), *name.split(), cnic]
        found += [cnic.replace("-", ""), e164, "0" + e164[3:], e164[3:]]
    return found


def _stored_bytes(engine: Engine) -> bytes:
    """The database file with its write-ahead log (SQLite), or a full dump (PostgreSQL)."""
    if is_sqlite(engine):
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        path = Path(str(engine.url.database))
        wal = path.with_name(path.name + "-wal")
        return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    url = engine.url
    env = {**os.environ, "PGPASSWORD": url.password or ""} if url.password else None
    dump = subprocess.run(
        ["/usr/bin/pg_dump", "-h", url.host or "127.0.0.1", "-p", str(url.port or 5432),
         "-U", url.username or "postgres", "--no-password", str(url.database)],
        capture_output=True, check=True, env=env, timeout=30,
    )  # fmt: skip
    return dump.stdout


def test_personal_data_is_not_in_the_database_file_or_a_dump(ctx: Context) -> None:
    ctx.codec = EncryptingCodec(KeyRing.generate())
    ids = {}
    for name, father, cnic, phone, _e164 in PEOPLE:
        data = PersonCreate(
            name=name, father_name=father, cnic=cnic, phones=[phone], aliases=[name.upper()]
        )
        ids[cnic] = add_person(ctx, SYSTEM, data).id

    stored = _stored_bytes(ctx.engine)
    assert len(stored) > 1000
    for secret in _secrets():
        for form in {secret.encode(), secret.encode().hex().encode(), secret.encode("utf-16-le")}:
            assert form not in stored, f"{secret!r} is readable in the stored database"

    for _name, _father, cnic, phone, e164 in PEOPLE:
        [by_cnic] = search_persons(ctx, SYSTEM, PersonSearch(cnic=cnic.replace("-", "")))
        assert by_cnic.id == ids[cnic]
        assert by_cnic.cnic == cnic.replace("-", "")
        assert [p.id for p in search_persons(ctx, SYSTEM, PersonSearch(phone=phone))] == [ids[cnic]]
        assert [p.id for p in search_persons(ctx, SYSTEM, PersonSearch(phone=e164))] == [ids[cnic]]
