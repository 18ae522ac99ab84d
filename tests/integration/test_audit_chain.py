"""The audit log notices every change, deletion and forgery made behind tipwatch's back."""

from __future__ import annotations

import hashlib
import itertools
import json
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, insert, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import ORMExecuteState, Session
from typer.testing import CliRunner

from tipwatch.cli_audit import audit_app
from tipwatch.config import load_settings
from tipwatch.services.audit import export_audit, search_audit
from tipwatch.services.context import Context
from tipwatch.services.schemas.audit import AuditFilters
from tipwatch.storage import tables as t
from tipwatch.storage.audit import (
    GENESIS_HASH,
    AuditChainError,
    ChainReport,
    append_entry,
    entry_hash,
    verify_chain,
)
from tipwatch.storage.database import connect, upgrade
from tipwatch.storage.security_tables import AuditEntry

PKT = timezone(timedelta(hours=5))
START = datetime(2025, 6, 30, 9, 0, tzinfo=PKT)


def _fields(n: int, **changes: Any) -> dict[str, Any]:
    return {
        "at": START + timedelta(minutes=n, microseconds=7 * n),
        "action": "case.update" if n % 3 == 0 else "case.read",
        "user_id": n % 4 + 1,
        "username": f"user{n % 4 + 1}",
        "role": "investigator",
        "record_type": "case",
        "record_id": n % 5 + 1,
        "purpose": "تفتیش" if n % 2 else None,
        "details": {"fields": ["narrative"], "n": n, "ratio": n / 8},
    } | changes


def write_log(engine: Engine, count: int = 50, per_transaction: int = 7) -> None:
    for first in range(1, count + 1, per_transaction):
        with Session(engine) as session:
            for n in range(first, min(first + per_transaction, count + 1)):
                append_entry(session, **_fields(n))
            session.commit()


def verify(engine: Engine) -> ChainReport:
    with Session(engine) as session:
        return verify_chain(session, batch_size=7)


def tamper(engine: Engine, *statements: str) -> None:
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))


def forge(engine: Engine, entry_id: int, prev_id: int) -> None:
    """Insert an entry as a forger who knows the recipe would, hashes and all."""
    with engine.begin() as connection:
        prev_hash = connection.scalar(select(AuditEntry.hash).where(AuditEntry.id == prev_id))
        assert prev_hash is not None
        forged = _fields(entry_id, id=entry_id, username="forger", at=START.astimezone(UTC))
        hashed = {"prev_hash": prev_hash, "hash": entry_hash(prev_hash, forged)}
        connection.execute(insert(AuditEntry).values(**forged, **hashed))


def test_an_untouched_log_verifies(engine: Engine) -> None:
    write_log(engine)
    with engine.connect() as connection:
        head_hash = connection.scalar(text("SELECT last_hash FROM audit_head"))

    assert verify(engine) == ChainReport(True, 50, None, None, 50, head_hash)


@pytest.mark.parametrize(
    ("statements", "bad_id", "reason"),
    [
        (["UPDATE audit_log SET username = 'x' WHERE id = 17"], 17,
         "entry 17 was changed: its hash does not match its contents"),
        (["UPDATE audit_log SET details = '{}' WHERE id = 17"], 17,
         "entry 17 was changed: its hash does not match its contents"),
        (["DELETE FROM audit_log WHERE id = 17"], 17,
         "entry 17 is missing: entry 18 follows entry 16"),
        (["DELETE FROM audit_log WHERE id IN (17, 18)"], 17,
         "entries 17 to 18 are missing: entry 19 follows entry 16"),
        (["DELETE FROM audit_log WHERE id = 50"], 50,
         "entry 50 is missing: the log ends at entry 49 but its head records 50 entries"),
        (["DELETE FROM audit_log WHERE id = 50", "UPDATE audit_head SET seq = 49"], 49,
         "the head of the log does not match: entry 49 or the head was rewritten"),
        (["UPDATE audit_log SET prev_hash = hash WHERE id = 17"], 17,
         "entry 17 does not link to entry 16: its prev_hash was altered or it was forged"),
    ],
)  # fmt: skip
def test_tampering_names_the_first_bad_entry(
    engine: Engine, statements: list[str], bad_id: int, reason: str
) -> None:
    write_log(engine)
    tamper(engine, *statements)

    report = verify(engine)

    assert (report.ok, report.first_bad_id, report.reason) == (False, bad_id, reason)


def test_entries_appended_during_the_check_are_checked_too(engine: Engine) -> None:
    write_log(engine, count=10)
    appended: list[bool] = []
    with Session(engine) as session:

        @event.listens_for(session, "do_orm_execute")
        def append_before_the_head_is_read(state: ORMExecuteState) -> None:
            if "audit_head" in str(state.statement) and not appended:
                appended.append(True)
                write_log(engine, count=1)

        report = verify_chain(session, batch_size=4)

    assert (report.ok, report.checked) == (True, 11)


def test_an_entry_forged_after_the_last_is_named(engine: Engine) -> None:
    write_log(engine)
    forge(engine, 51, prev_id=50)

    report = verify(engine)

    assert (report.first_bad_id, report.checked) == (51, 51)
    assert report.reason == "entry 51 is forged: the head of the log records 50 entries"


def test_an_entry_forged_into_the_middle_is_named(engine: Engine) -> None:
    write_log(engine)
    tamper(
        engine,
        "UPDATE audit_log SET id = id + 1000 WHERE id >= 18",
        "UPDATE audit_log SET id = id - 999 WHERE id >= 1018",
        "UPDATE audit_head SET seq = 51",
    )
    forge(engine, 18, prev_id=17)

    report = verify(engine)

    assert (report.first_bad_id, report.checked) == (18, 18)
    assert report.reason == "entry 18 was inserted: entry 19 links to entry 17"


def test_an_entry_rolled_back_with_its_change_leaves_no_trace(ctx: Context) -> None:
    write_log(ctx.engine, count=5)
    unit = t.Unit(code="PS-A", name="PS A", kind="police_station", agency="Punjab Police",
                  district="Lahore", province="Punjab")  # fmt: skip
    with ctx.uow() as uow:
        uow.session.add(unit)
        append_entry(uow.session, **_fields(6, action="unit.create"))
    write_log(ctx.engine, count=1)

    with ctx.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(t.Unit)) == 0
        assert uow.session.scalars(select(AuditEntry.action).where(AuditEntry.id == 6)).all() == [
            "case.read"
        ]
    report = verify(ctx.engine)
    assert (report.ok, report.checked) == (True, 6)


def test_the_changes_an_entry_records_hold_their_locks_before_it_is_appended(
    ctx: Context,
) -> None:
    """The head row is the last lock a transaction takes. A change still pending in the
    session would lock its row after the head: a transaction that locked that row first and
    then waits for the head would deadlock with this one (PostgreSQL)."""
    with ctx.uow() as uow:
        uow.session.add(t.Unit(code="PS-A", name="PS A", kind="police_station",
                               agency="Punjab Police", district="Lahore",
                               province="Punjab"))  # fmt: skip
        uow.commit()
    with ctx.uow() as uow:
        unit = uow.session.scalars(select(t.Unit).where(t.Unit.code == "PS-A")).one()
        unit.name = "PS A (renamed)"
        append_entry(uow.session, **_fields(1, action="unit.update"))

        assert not uow.session.dirty
        if ctx.engine.dialect.name == "postgresql":
            with ctx.engine.connect() as other, pytest.raises(OperationalError):
                other.execute(
                    text("SELECT id FROM units WHERE id = :id FOR UPDATE NOWAIT"), {"id": unit.id}
                )


def test_two_writers_appending_at_once_form_one_chain(engine: Engine) -> None:
    barrier, failures = threading.Barrier(2), list[BaseException]()

    def writer(first: int) -> None:
        barrier.wait()
        try:
            for n in range(first, first + 20):
                with Session(engine) as session:
                    append_entry(session, **_fields(n))
                    time.sleep(0.002)  # hold the lock: the other writer must wait for it
                    session.commit()
                time.sleep(0.004)  # and let it in
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=writer, args=(first,)) for first in (100, 200)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    report = verify(engine)
    assert (report.ok, report.checked, report.last_id) == (True, 40, 40)
    with Session(engine) as session:
        order = [d["n"] // 100 for d in session.scalars(select(AuditEntry.details).order_by("id"))]
    assert sorted(order) == [1] * 20 + [2] * 20
    assert sum(a != b for a, b in itertools.pairwise(order)) > 1, "the writers took turns"


def test_without_its_head_the_log_refuses_to_append(engine: Engine) -> None:
    write_log(engine, count=3)
    tamper(engine, "DELETE FROM audit_head")

    with Session(engine) as session, pytest.raises(AuditChainError, match="no head row"):
        append_entry(session, **_fields(4))
    report = verify(engine)
    assert (report.ok, report.first_bad_id) == (False, None)
    assert report.reason == "the head of the log (audit_head row 1) is missing"


def test_searching_finds_the_newest_entries_first(ctx: Context) -> None:
    write_log(ctx.engine, count=12)

    by_user = search_audit(ctx, AuditFilters(username="user2", limit=2))
    by_time = search_audit(
        ctx, AuditFilters(since=START + timedelta(minutes=3), until=START + timedelta(minutes=6))
    )

    assert (by_user.total, [entry.id for entry in by_user.items]) == (3, [9, 5])
    assert by_user.items[0].at == START + timedelta(minutes=9, microseconds=63)
    assert [entry.id for entry in by_time.items] == [5, 4, 3]


def test_an_exported_log_can_be_checked_outside_tipwatch(ctx: Context) -> None:
    write_log(ctx.engine, count=12)

    lines = "".join(export_audit(ctx, AuditFilters(), "json")).splitlines()

    prev_hash = GENESIS_HASH
    for line in lines:
        record = json.loads(line)
        hashed = json.dumps(
            {k: v for k, v in record.items() if k != "hash"}, sort_keys=True, separators=(",", ":")
        )
        assert record["prev_hash"] == prev_hash
        assert hashlib.sha256(hashed.encode()).hexdigest() == record["hash"]
        prev_hash = record["hash"]
    assert len(lines) == 12


def test_a_csv_export_has_a_header_and_defuses_formulas(ctx: Context) -> None:
    with ctx.uow() as uow:
        append_entry(uow.session, **_fields(1, purpose='=HYPERLINK("http://x")'))
        uow.commit()

    header, row = "".join(export_audit(ctx, AuditFilters(), "csv")).splitlines()

    assert header.startswith("id,at,user_id,username,role,action,record_type,record_id,purpose,")
    assert row.startswith("1,2025-06-30T04:01:00.000007+00:00,2,user2,investigator,case.read,")
    assert ',"\'=HYPERLINK(""http://x"")",' in row


@pytest.fixture
def cli_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = connect(url)
    upgrade(engine)
    monkeypatch.setenv("TIPWATCH_DATABASE_URL", url)
    load_settings.cache_clear()
    yield engine
    load_settings.cache_clear()
    engine.dispose()


def test_audit_verify_exits_1_naming_the_changed_entry(cli_database: Engine) -> None:
    write_log(cli_database)
    runner = CliRunner()

    untouched = runner.invoke(audit_app, ["verify"])
    tamper(cli_database, "UPDATE audit_log SET username = 'x' WHERE id = 17")
    broken = runner.invoke(audit_app, ["verify"])

    assert untouched.exit_code == 0
    assert untouched.stdout.startswith("audit log verified: 50 entries\n")
    assert broken.exit_code == 1
    assert broken.stderr == (
        "audit log broken at entry 17: entry 17 was changed: its hash does not match its contents\n"
    )


def test_audit_export_writes_a_private_file(cli_database: Engine, tmp_path: Path) -> None:
    write_log(cli_database, count=5)
    output = tmp_path / "audit.jsonl"

    result = CliRunner().invoke(
        audit_app, ["export", "--format", "json", "--since", "2025-06-30T04:03", "-o", str(output)]
    )

    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in output.read_text().splitlines()] == [3, 4, 5]
    assert output.stat().st_mode & 0o777 == 0o600
