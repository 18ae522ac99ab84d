"""Key rotation re-encrypts everything, and survives an exception or a kill at any batch."""

from __future__ import annotations

import select as io_select
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tipwatch.domain.access import SYSTEM
from tipwatch.services.context import Context
from tipwatch.services.keys import rotate_keys
from tipwatch.services.persons import add_person, get_person, search_persons, search_tokens_of
from tipwatch.services.schemas.people import PersonCreate, PersonSearch
from tipwatch.storage import tables as t
from tipwatch.storage.crypto import MAGIC, TOTP_PURPOSE, EncryptingCodec, KeyRing
from tipwatch.storage.personal import PlainCodec
from tipwatch.storage.security_tables import User

TOTP = b"JBSWY3DPEHPK3PXP"


def _cnic(n: int) -> str:
    return f"3520{n:08d}1"


def _add_people(ctx: Context, numbers: range) -> None:
    for n in numbers:
        data = PersonCreate(
            name=f"Rotation Person {n}",
            aliases=[f"Alias {n}"],
            cnic=_cnic(n),
            phones=[f"0300{n:07d}"],
            bank_accounts=[f"PK36SCBL{n:010d}"],
        )
        add_person(ctx, SYSTEM, data)


def _add_user(ctx: Context, name: str, totp_secret: bytes | None) -> None:
    with ctx.uow() as uow:
        uow.session.add(User(username=name, password_hash="x", role="admin",
                             totp_secret=totp_secret, created_at=ctx.now()))  # fmt: skip
        uow.commit()


def _ring_file(ctx: Context, tmp_path: Path) -> Path:
    path = tmp_path / "keys.json"
    ring = KeyRing.generate()
    ring.save(path)
    ctx.codec = EncryptingCodec(ring)
    return path


def _assert_everything_under_the_one_key_of(ctx: Context, path: Path, count: int) -> None:
    """Every record reads with the ring on disk, whose only key is the one data is under."""
    ring = KeyRing.load(path)
    assert list(ring.keys) == [ring.primary_id]
    assert ring.rotating_from == ()
    ctx.codec = EncryptingCodec(ring)
    with ctx.uow() as uow:
        persons = uow.session.scalars(select(t.Person).order_by(t.Person.id)).all()
        assert len(persons) == count
        for person in persons:
            assert person.key_id == ring.primary_id
            assert EncryptingCodec.key_id_of(person.personal) == ring.primary_id
            tokens = uow.session.execute(
                select(t.PersonIdentifier.kind, t.PersonIdentifier.token).where(
                    t.PersonIdentifier.person_id == person.id
                )
            ).all()
            expected = search_tokens_of(uow, uow.codec.decode(person.personal))
            assert Counter(map(tuple, tokens)) == Counter(expected)  # none lost, none doubled
        totp_secrets = select(User.totp_secret).where(User.totp_secret.is_not(None))
        for secret in uow.session.scalars(totp_secrets):
            assert secret is not None
            assert secret.startswith(MAGIC + ring.primary_id.encode())
            assert uow.codec.decrypt_bytes(secret, TOTP_PURPOSE) == TOTP
        ids = [person.id for person in persons]
    for person_id in ids:
        assert (get_person(ctx, SYSTEM, person_id).name or "").startswith("Rotation Person")
    [found] = search_persons(ctx, SYSTEM, PersonSearch(cnic=_cnic(2)))
    assert found.name == "Rotation Person 2"


def test_rotation_re_encrypts_everything_and_drops_the_old_key(
    ctx: Context, tmp_path: Path
) -> None:
    ctx.codec = PlainCodec()
    _add_people(ctx, range(1, 3))  # written before encryption was turned on
    _add_user(ctx, "legacy", TOTP)
    path = _ring_file(ctx, tmp_path)
    old_id = KeyRing.load(path).primary_id
    _add_people(ctx, range(3, 8))
    _add_user(ctx, "encrypted", ctx.codec.encrypt_bytes(TOTP, TOTP_PURPOSE))
    _add_user(ctx, "no-second-factor", None)

    report = rotate_keys(ctx.engine, path, batch_size=3)

    assert (report.rotated, report.already_current, report.total) == (7, 0, 7)
    assert report.totp_secrets_rotated == 2
    assert report.new_key_id != old_id
    assert old_id not in KeyRing.load(path).keys
    _assert_everything_under_the_one_key_of(ctx, path, count=7)
    with ctx.uow() as uow:
        tokens = uow.session.scalars(select(t.PersonIdentifier.token)).all()
        assert all(token.startswith(f"{report.new_key_id}:") for token in tokens)


class Interrupted(Exception):
    pass


def _interrupt(done: int, to_do: int) -> None:
    raise Interrupted


def test_an_interrupted_rotation_finishes_when_run_again(ctx: Context, tmp_path: Path) -> None:
    path = _ring_file(ctx, tmp_path)
    _add_people(ctx, range(1, 8))
    _add_user(ctx, "officer", ctx.codec.encrypt_bytes(TOTP, TOTP_PURPOSE))

    with pytest.raises(Interrupted):
        rotate_keys(ctx.engine, path, batch_size=3, on_batch=_interrupt)

    midway = KeyRing.load(path)
    assert len(midway.rotating_from) == 1
    ctx.codec = EncryptingCodec(midway)
    for n in (1, 7):  # one rotated, one not: search finds both
        assert [p.name for p in search_persons(ctx, SYSTEM, PersonSearch(cnic=_cnic(n)))] == [
            f"Rotation Person {n}"
        ]
    report = rotate_keys(ctx.engine, path, batch_size=3)
    assert (report.rotated, report.already_current, report.total) == (4, 3, 7)
    assert report.new_key_id == midway.primary_id
    _assert_everything_under_the_one_key_of(ctx, path, count=7)


KILLABLE_ROTATION = """
import sys, time
from pathlib import Path
from tipwatch.services.keys import rotate_keys
from tipwatch.storage.database import connect

def report(done: int, to_do: int) -> None:
    print(f"batch {done}", flush=True)
    time.sleep(60)

rotate_keys(connect(sys.argv[1]), Path(sys.argv[2]), batch_size=2, on_batch=report)
"""


def test_a_rotation_killed_after_a_batch_finishes_when_run_again(
    ctx: Context, tmp_path: Path
) -> None:
    path = _ring_file(ctx, tmp_path)
    _add_people(ctx, range(1, 6))
    url = ctx.engine.url.render_as_string(hide_password=False)
    process = subprocess.Popen(
        [sys.executable, "-c", KILLABLE_ROTATION, url, str(path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    try:
        ready, _, _ = io_select.select([process.stdout], [], [], 30)
        line = process.stdout.readline().strip() if ready else "nothing within 30 s"
    finally:
        process.send_signal(signal.SIGKILL)
        _, errors = process.communicate(timeout=10)
    assert line == "batch 2", errors  # killed while it slept after committing its first batch
    assert process.returncode == -signal.SIGKILL, errors

    new_id = KeyRing.load(path).primary_id
    with ctx.uow() as uow:
        done = select(func.count()).select_from(t.Person).where(t.Person.key_id == new_id)
        assert uow.session.scalar(done) == 2
    report = rotate_keys(ctx.engine, path, batch_size=2)
    assert (report.rotated, report.already_current) == (3, 2)
    _assert_everything_under_the_one_key_of(ctx, path, count=5)
