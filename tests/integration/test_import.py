"""Importing cases from spreadsheets: what lands, what is refused and why, and that running a
file again, or after a crash, neither duplicates nor loses a row. SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import os
import pickle
import select as io_select
import signal
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, func, select

from tests.factories import user_token
from tipwatch.config import Settings
from tipwatch.domain.access import SYSTEM, Principal, Role
from tipwatch.domain.errors import Forbidden, InvalidInput, NotFound
from tipwatch.services import ahead, case_file, cases, units
from tipwatch.services.context import Context
from tipwatch.services.imports import (
    UploadedFile,
    get_run,
    import_cases,
    rejected_rows_csv,
    running,
)
from tipwatch.services.schemas.cases import CaseFilters, CaseUpdate
from tipwatch.services.schemas.imports import ImportSummary
from tipwatch.services.schemas.units import UnitCreate
from tipwatch.storage import tables as t
from tipwatch.storage.crypto import EncryptingCodec, KeyRing
from tipwatch.storage.database import connect, upgrade
from tipwatch.storage.reporting_tables import ImportReject, ImportRun
from tipwatch.storage.security_tables import AuditEntry

HEADER = ["unit_code", "fir_number", "fir_date", "offence_date", "sections", "accused",
          "accused_cnic", "victims", "victim_sex", "victim_age", "exploitation", "status",
          "challan_date", "charge_date", "verdict_date", "sentence_months", "fine_rupees",
          "closure_date"]  # fmt: skip
GOOD = [
    ["FIA-LHR", "101", "12-01-2023", "05-01-2023", "370/371-A PPC",
     "Imran s/o Aslam and Javed @ Jeda", "61101-9876543-2;", "Nadia Bibi, Saima", "F", "14, 16",
     "begging", "Convicted", "01/02/23", "1 Mar 2023", "2024-06-01", "7 years", "1,00,000/-", ""],
    ["FIA-LHR", "102", "12.02.2023", "", "u/s 3 PTPA", "Unknown", "", "3", "F", "",
     "forced labour", "Zer-e-Tafteesh", "", "", "", "", "", ""],
    ["FIA-LHR", "103/2023", "2023-03-12", "", "17/22 EO 1979", "Khalid; Tariq", "", "", "", "",
     "", "Challan submitted", "20-03-2023", "", "", "", "", ""],
    ["FIA-LHR", "104", "12 Apr 2023", "", "3 PTPA", "Zafar", "", "1", "M", "30", "", "Acquitted",
     "01-05-2023", "01-06-2023", "01-12-2023", "", "", ""],
    ["FIA-LHR", "105", "12-01-2023", "", "3 PTPA", "Shahid", "", "", "", "", "",
     "Compromised", "", "", "", "", "", "15-02-2023"],
]  # fmt: skip
UNKNOWN_SECTION = ["FIA-LHR", "106", "12-01-2023", "", "999 PPC", "Asif", "", "", "", "", "",
                   "Under investigation", "", "", "", "", "", ""]  # fmt: skip
IMPOSSIBLE_DATE = ["FIA-LHR", "107", "31-02-2023", "", "3 PTPA", "Asif", "", "", "", "", "",
                   "Under investigation", "", "", "", "", "", ""]  # fmt: skip
DUPLICATE = ["FIA-LHR", "101", "12-01-2023", "", "3 PTPA", "Someone Else", "", "", "", "", "",
             "Under investigation", "", "", "", "", "", ""]  # fmt: skip
BAD_CNIC = ["FIA-LHR", "108", "12-01-2023", "", "3 PTPA", "Rashid", "61101-98765", "Kiran",
            "F", "", "", "Under investigation", "", "", "", "", "", ""]  # fmt: skip
ALL_ROWS = [*GOOD, UNKNOWN_SECTION, IMPOSSIBLE_DATE, DUPLICATE, BAD_CNIC]
PERSONAL = ["Imran", "Aslam", "Javed", "Nadia", "Saima", "Rashid", "Kiran", "9876543", "98765"]


def csv_file(
    rows: list[list[str]], header: list[str] = HEADER, name: str = "cases.csv"
) -> UploadedFile:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return UploadedFile(name, out.getvalue().encode())


def add_unit(ctx: Context, code: str = "FIA-LHR", **fields: Any) -> int:
    data = {"code": code, "name": f"Unit {code}", "kind": "fia_circle", "agency": "FIA",
            "province": "Punjab", "district": "Lahore", **fields}  # fmt: skip
    return units.add_unit(ctx, SYSTEM, UnitCreate(**data)).id


def case_id_of(ctx: Context, reference: str) -> int:
    with ctx.uow() as uow:
        found = uow.session.scalar(select(t.Case.id).where(t.Case.reference == reference))
        assert found is not None, reference
        return found


def counts(summary: ImportSummary) -> tuple[int, int, int, int, int]:
    s = summary
    assert s.rows_read == s.created + s.updated + s.unchanged + s.rejected
    return s.rows_read, s.created, s.updated, s.unchanged, s.rejected


def table_count(ctx: Context, table: Any) -> int:
    with ctx.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(table)) or 0


def test_good_rows_land_with_their_stages_and_each_bad_row_is_quarantined(ctx: Context) -> None:
    add_unit(ctx)
    summary = import_cases(ctx, SYSTEM, csv_file(ALL_ROWS))

    assert counts(summary) == (9, 5, 0, 0, 4)
    assert summary.status == "complete"
    stages = {c.reference: c.stage for c in cases.list_cases(ctx, SYSTEM, CaseFilters()).items}
    assert stages == {
        "FIA-LHR/2023/101": "sentenced",
        "FIA-LHR/2023/102": "under_investigation",
        "FIA-LHR/2023/103": "challan_submitted",
        "FIA-LHR/2023/104": "acquitted",
        "FIA-LHR/2023/105": "compromised",
    }
    rejects = {r.row: (r.field, r.reason) for r in summary.rejects}
    assert rejects[7] == ("sections", "sections: PPC 999 is not in the legal catalogue")
    assert rejects[8][0] == "fir_date"
    assert "February 2023 has 28 days" in rejects[8][1]
    assert rejects[9] == ("fir_number", "duplicate of row 2: the same FIR FIA-LHR/2023/101")
    assert rejects[10][0] == "accused_cnic"
    assert "13 digits" in rejects[10][1]
    for _, reason in rejects.values():
        assert not any(word in reason for word in PERSONAL)


def test_a_large_file_read_in_worker_processes_lands_the_same(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From READ_AHEAD_FROM_ROWS rows, batches are read in worker processes: here every batch
    of two rows is, and the counts, cases and rejects are those of the test above."""
    monkeypatch.setattr(running, "READ_AHEAD_FROM_ROWS", 0)
    monkeypatch.setattr(ahead, "MAKE_HERE_WHILE_STARTING", False)
    add_unit(ctx)
    summary = import_cases(ctx, SYSTEM, csv_file(ALL_ROWS), batch_size=2)

    assert counts(summary) == (9, 5, 0, 0, 4)
    listed = cases.list_cases(ctx, SYSTEM, CaseFilters()).items
    assert sorted(c.reference for c in listed) == [f"FIA-LHR/2023/{n}" for n in range(101, 106)]
    assert {r.row: r.field for r in summary.rejects} == {
        7: "sections",
        8: "fir_date",
        9: "fir_number",
        10: "accused_cnic",
    }
    assert counts(import_cases(ctx, SYSTEM, csv_file(ALL_ROWS), batch_size=2)) == (9, 0, 0, 5, 4)


def test_the_worker_processes_get_no_personal_data_key(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What is sent to the workers holds the keys derived for fingerprints, never a key
    that opens personal data or its search index: the writer alone seals people."""
    sent: list[bytes] = []

    def in_order(make: Any, jobs: list[Any], workers: int = 1) -> Any:
        sent.extend(pickle.dumps(job) for job in jobs)
        return map(make, jobs)

    monkeypatch.setattr(running, "READ_AHEAD_FROM_ROWS", 0)
    monkeypatch.setattr(running, "made_ahead", in_order)
    add_unit(ctx)
    assert counts(import_cases(ctx, SYSTEM, csv_file(ALL_ROWS), batch_size=2))[1] == 5

    assert sent
    assert isinstance(ctx.codec, EncryptingCodec)
    secrets = [key.secret for key in ctx.codec.keyring.keys.values()]
    for job in sent:
        assert not any(secret in job for secret in secrets)
    with pytest.raises(TypeError):
        pickle.dumps(ctx.codec)  # cannot be sent by mistake either


def test_a_case_removed_while_its_file_is_imported_again_is_made_again(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows whose content was stored when the import started are not checked further; if
    another user removes such a case meanwhile, its batch is read again in full."""
    add_unit(ctx)
    import_cases(ctx, SYSTEM, csv_file(ALL_ROWS))
    import_batch = running._Importer.import_batch

    def remove_a_case_first(self: Any, rows: Any, checked: Any) -> None:
        with ctx.uow() as uow:
            uow.session.execute(delete(t.Case).where(t.Case.reference == "FIA-LHR/2023/101"))
            uow.commit()
        import_batch(self, rows, checked)

    monkeypatch.setattr(running._Importer, "import_batch", remove_a_case_first)
    assert counts(import_cases(ctx, SYSTEM, csv_file(ALL_ROWS))) == (9, 1, 0, 4, 4)
    assert case_id_of(ctx, "FIA-LHR/2023/101")


def test_a_convicted_row_becomes_every_step_for_each_accused_and_provision(ctx: Context) -> None:
    add_unit(ctx)
    import_cases(ctx, SYSTEM, csv_file(GOOD[:1]))
    file = case_file.read_case_file(ctx, SYSTEM, case_id_of(ctx, "FIA-LHR/2023/101"))

    assert [(p.role, p.stage) for p in file.parties] == [
        ("accused", "sentenced"), ("accused", "sentenced"), ("victim", None), ("victim", None),
    ]  # fmt: skip
    assert sorted((c.provision_key, c.outcome) for c in file.charges) == [
        ("PPC 370", "convicted"), ("PPC 370", "convicted"),
        ("PPC 371-A", "convicted"), ("PPC 371-A", "convicted"),
    ]  # fmt: skip
    kinds = [e.kind for e in file.events]
    assert kinds[:3] == ["fir_registered", "investigation_started", "final_challan"]
    assert kinds.count("charge_framed") == kinds.count("conviction") == kinds.count("sentence") == 4
    sentence = next(e for e in file.events if e.kind == "sentence")
    assert (sentence.occurred_on, sentence.details["imprisonment_months"]) == (date(2024, 6, 1), 84)
    assert sentence.details["fine_rupees"] == 100_000
    assert file.case.exploitation == ["forced_begging"]
    assert file.case.offence_date == date(2023, 1, 5)


def test_rejected_rows_download_with_their_columns_row_field_and_reason(ctx: Context) -> None:
    add_unit(ctx)
    summary = import_cases(ctx, SYSTEM, csv_file(ALL_ROWS))

    rows = list(csv.reader(io.StringIO(rejected_rows_csv(ctx, SYSTEM, summary.run_id))))
    assert rows[0] == [*HEADER, "row", "field", "reason"]
    assert [r[len(HEADER)] for r in rows[1:]] == ["7", "8", "9", "10"]
    assert rows[4][: len(HEADER)] == BAD_CNIC
    with ctx.uow() as uow:
        stored = uow.session.scalars(select(ImportReject.row_values)).all()
    assert stored
    assert all(b"Rashid" not in blob and b"Kiran" not in blob for blob in stored)


def test_importing_the_same_file_again_changes_nothing(ctx: Context) -> None:
    add_unit(ctx)
    import_cases(ctx, SYSTEM, csv_file(ALL_ROWS))
    before = [
        (c.id, c.version, c.updated_at) for c in cases.list_cases(ctx, SYSTEM, CaseFilters()).items
    ]
    people = table_count(ctx, t.Person)

    again = import_cases(ctx, SYSTEM, csv_file(ALL_ROWS))

    assert counts(again) == (9, 0, 0, 5, 4)
    after = [
        (c.id, c.version, c.updated_at) for c in cases.list_cases(ctx, SYSTEM, CaseFilters()).items
    ]
    assert after == before
    assert table_count(ctx, t.Person) == people


def test_a_changed_row_replaces_a_case_only_while_nobody_has_worked_on_it(ctx: Context) -> None:
    add_unit(ctx)
    import_cases(ctx, SYSTEM, csv_file(GOOD[1:3]))
    progressed = [*GOOD[1][:11], "Challan submitted", "20-02-2023", *GOOD[1][13:]]

    summary = import_cases(ctx, SYSTEM, csv_file([progressed, GOOD[2]]))

    assert counts(summary) == (2, 0, 1, 1, 0)
    replaced = case_id_of(ctx, "FIA-LHR/2023/102")
    assert cases.get_case(ctx, SYSTEM, replaced).stage == "challan_submitted"
    assert table_count(ctx, t.Case) == 2
    edited = case_id_of(ctx, "FIA-LHR/2023/103")
    cases.update_case(ctx, SYSTEM, edited, CaseUpdate(version=1, narrative="checked by the IO"))
    changed = [*GOOD[2][:5], "Khalid; Tariq; Nasir", *GOOD[2][6:]]
    refused = import_cases(ctx, SYSTEM, csv_file([changed]))
    assert counts(refused) == (1, 0, 0, 0, 1)
    assert refused.rejects[0].field == "fir_number"
    assert "worked on in tipwatch since it was imported" in refused.rejects[0].reason
    assert cases.get_case(ctx, SYSTEM, edited).narrative == "checked by the IO"


class Interrupted(Exception):
    pass


def _interrupt(done: int, total: int) -> None:
    raise Interrupted


def test_an_import_interrupted_after_a_batch_completes_when_run_again(ctx: Context) -> None:
    add_unit(ctx)
    with pytest.raises(Interrupted):
        import_cases(ctx, SYSTEM, csv_file(ALL_ROWS), batch_size=3, on_batch=_interrupt)

    with ctx.uow() as uow:
        [run] = uow.session.scalars(select(ImportRun)).all()
        assert (run.status, run.rows_read, run.created) == ("failed", 3, 3)
    summary = import_cases(ctx, SYSTEM, csv_file(ALL_ROWS), batch_size=3)
    assert counts(summary) == (9, 2, 0, 3, 4)
    assert table_count(ctx, t.Case) == 5


KILLABLE_IMPORT = """
import sys, time
from datetime import date
from pathlib import Path
from tipwatch.config import Settings
from tipwatch.domain.access import SYSTEM
from tipwatch.services.context import Context
from tipwatch.services.imports import UploadedFile, import_cases
from tipwatch.storage.crypto import EncryptingCodec, KeyRing
from tipwatch.storage.database import connect

def report(done: int, total: int) -> None:
    print(f"done {done}", flush=True)
    time.sleep(60)

ctx = Context(engine=connect(sys.argv[1]), settings=Settings(environment="test"),
              codec=EncryptingCodec(KeyRing.load(Path(sys.argv[2]))),
              today=lambda: date(2025, 6, 30))
path = Path(sys.argv[3])
import_cases(ctx, SYSTEM, UploadedFile(path.name, path.read_bytes()), batch_size=3,
             on_batch=report)
"""


def test_an_import_killed_after_a_batch_completes_when_run_again(
    ctx: Context, keyring: KeyRing, tmp_path: Path
) -> None:
    add_unit(ctx)
    keys, register = tmp_path / "keys.json", tmp_path / "cases.csv"
    keyring.save(keys)
    file = csv_file(ALL_ROWS)
    register.write_bytes(file.content)
    url = ctx.engine.url.render_as_string(hide_password=False)
    process = subprocess.Popen(
        [sys.executable, "-c", KILLABLE_IMPORT, url, str(keys), str(register)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    try:
        ready, _, _ = io_select.select([process.stdout], [], [], 60)
        line = process.stdout.readline().strip() if ready else "nothing within 60 s"
    finally:
        process.send_signal(signal.SIGKILL)
        _, errors = process.communicate(timeout=10)
    assert line == "done 3", errors  # killed while it slept after committing its first batch
    assert process.returncode == -signal.SIGKILL, errors
    assert table_count(ctx, t.Case) == 3

    summary = import_cases(ctx, SYSTEM, file)

    assert counts(summary) == (9, 2, 0, 3, 4)
    with ctx.uow() as uow:
        references = uow.session.scalars(select(t.Case.reference)).all()
    assert sorted(references) == [f"FIA-LHR/2023/{n}" for n in range(101, 106)]


def test_each_committed_batch_has_one_audit_entry_with_its_case_ids(ctx: Context) -> None:
    add_unit(ctx)
    import_cases(ctx, SYSTEM, csv_file(ALL_ROWS), batch_size=4)

    with ctx.uow() as uow:
        entries = uow.session.scalars(
            select(AuditEntry.details)
            .where(AuditEntry.action == "import.batch")
            .order_by(AuditEntry.id)
        ).all()
        ids = sorted(uow.session.scalars(select(t.Case.id)).all())
    assert len(entries) == 3
    assert sorted(i for e in entries for i in e["created"]) == ids
    assert not any(word in str(e) for e in entries for word in PERSONAL)


def test_an_xlsx_register_with_title_rows_and_date_cells_imports(
    ctx: Context, tmp_path: Path
) -> None:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    add_unit(ctx)
    book = Workbook()
    sheet = book.active
    sheet.append(["FIA AHTC Lahore: register of cases, 2023"])
    sheet.append([])
    sheet.append(HEADER)
    sheet.append([*GOOD[3][:2], datetime(2023, 4, 12), None, *GOOD[3][4:12],
                  date(2023, 5, 1), date(2023, 6, 1), datetime(2023, 12, 1)])  # fmt: skip
    sheet.append([*IMPOSSIBLE_DATE])
    path = tmp_path / "register.xlsx"
    book.save(path)

    summary = import_cases(ctx, SYSTEM, UploadedFile(path.name, path.read_bytes()))

    assert counts(summary) == (2, 1, 0, 0, 1)
    assert [(r.row, r.field) for r in summary.rejects] == [(5, "fir_date")]
    case = cases.get_case(ctx, SYSTEM, case_id_of(ctx, "FIA-LHR/2023/104"))
    assert (case.stage, case.fir_registered_on) == ("acquitted", date(2023, 4, 12))


POLICE_LAYOUT = ["S.No", "Police Station", "FIR No.", "Date of Registration", "Offence",
                 "Name of Accused", "Present Status", "Date of Challan", "Remarks"]  # fmt: skip
MAPPING_TOML = b"""
[columns]
"Offence" = "sections"
"Date of Registration" = "fir_date"
"Date of Challan" = "challan_date"

[values.status]
"Zer-e-Tafteesh (Pending)" = "under_investigation"
"Challan Submitted to Court" = "challan_submitted"

[values.police_station]
"Saddar" = "PS-SADDAR-LHR"

[defaults]
case_type = "trafficking"
"""


def test_a_mapping_file_reads_a_differently_laid_out_register(ctx: Context) -> None:
    add_unit(ctx, "PS-SADDAR-LHR", kind="police_station", agency="Punjab Police")
    rows = [
        ["1", "Saddar", "55/23", "03/02/2023", "370 PPC r/w 3 PTPA", "Ghulam Abbas",
         "Zer-e-Tafteesh (Pending)", "", "pending"],
        ["2", "Saddar", "56/23", "04/02/2023", "371-A PPC", "Fazal & Rehmat",
         "Challan Submitted to Court", "15.02.2023", ""],
    ]  # fmt: skip
    mapping = UploadedFile("police.toml", MAPPING_TOML)

    summary = import_cases(ctx, SYSTEM, csv_file(rows, POLICE_LAYOUT), mapping)

    assert counts(summary) == (2, 2, 0, 0, 0)
    assert summary.ignored_columns == ["S.No", "Remarks"]
    found = {c.reference: c.stage for c in cases.list_cases(ctx, SYSTEM, CaseFilters()).items}
    assert found == {"PS-SADDAR-LHR/2023/55": "under_investigation",
                     "PS-SADDAR-LHR/2023/56": "challan_submitted"}  # fmt: skip


def test_a_mapping_naming_a_column_the_file_lacks_is_refused_before_anything_runs(
    ctx: Context,
) -> None:
    add_unit(ctx)
    mapping = UploadedFile("m.json", b'{"columns": {"Thana": "police_station"}}')
    with pytest.raises(InvalidInput) as caught:
        import_cases(ctx, SYSTEM, csv_file(GOOD), mapping)
    assert caught.value.field == "mapping"
    assert "'Thana'" in caught.value.message
    assert table_count(ctx, ImportRun) == 0


def test_a_dry_run_writes_no_case_but_keeps_its_rejects(ctx: Context) -> None:
    add_unit(ctx)
    summary = import_cases(ctx, SYSTEM, csv_file(ALL_ROWS), dry_run=True)

    assert (summary.dry_run, *counts(summary)) == (True, 9, 5, 0, 0, 4)
    assert table_count(ctx, t.Case) == table_count(ctx, t.Person) == 0
    assert "row,field,reason" in rejected_rows_csv(ctx, SYSTEM, summary.run_id).splitlines()[0]
    assert counts(import_cases(ctx, SYSTEM, csv_file(ALL_ROWS))) == (9, 5, 0, 0, 4)


def test_rows_of_a_unit_outside_the_users_reach_are_refused(ctx: Context) -> None:
    own, _other = add_unit(ctx), add_unit(ctx, "FIA-KHI", district="Karachi", province="Sindh")
    user_token(ctx, "io", Role.INVESTIGATOR, own)
    with ctx.uow() as uow:
        from tipwatch.services.accounts import get_user_by_name, principal_of

        investigator = principal_of(get_user_by_name(uow, "io"))
    other_row = ["FIA-KHI", *GOOD[1][1:]]

    summary = import_cases(ctx, investigator, csv_file([GOOD[1], other_row]))

    assert counts(summary) == (2, 1, 0, 0, 1)
    assert (summary.rejects[0].field, summary.rejects[0].reason) == (
        "unit_code", "unit FIA-KHI is outside your reach",
    )  # fmt: skip
    with pytest.raises(NotFound, match=f"import run {summary.run_id} does not exist"):
        get_run(ctx, Principal(99, "someone", Role.ADMIN), summary.run_id)  # as a made-up number
    analyst = Principal(98, "analyst", Role.ANALYST)
    with pytest.raises(Forbidden):
        import_cases(ctx, analyst, csv_file(GOOD))


def _api(client: TestClient) -> TestClient:
    """The imports router, mounted as the app will mount it, if the app does not yet."""
    from tipwatch.api.imports import router

    app: Any = client.app
    if not any(getattr(r, "path", "") == "/api/v1/imports/cases" for r in app.routes):
        app.include_router(router, prefix="/api/v1")
    return client


def test_an_upload_over_the_api_imports_and_its_rejected_rows_download(
    ctx: Context, client: TestClient
) -> None:
    add_unit(ctx)
    api = _api(client)
    file = csv_file(ALL_ROWS)

    response = api.post(
        "/api/v1/imports/cases", files={"file": (file.name, file.content, "text/csv")}
    )

    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["rows_read"], body["created"], body["rejected"]) == (9, 5, 4)
    run = api.get(f"/api/v1/imports/{body['run_id']}")
    assert run.status_code == 200
    assert run.json()["rejects"] == body["rejects"]
    download = api.get(f"/api/v1/imports/{body['run_id']}/rejected.csv")
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("text/csv")
    assert download.text.splitlines()[0] == ",".join([*HEADER, "row", "field", "reason"])
    assert len(download.text.splitlines()) == 5


def test_an_unreadable_upload_is_refused_with_one_clear_message(
    ctx: Context, client: TestClient
) -> None:
    api = _api(client)
    response = api.post(
        "/api/v1/imports/cases",
        files={"file": ("old.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 64, "application/vnd.ms-excel")},
        data={"dry_run": "true"},
    )
    assert response.status_code == 422
    assert response.json()["error"]["message"] == (
        "old.xls is an old Excel (.xls) file or one with a password: save it as .xlsx without "
        "a password, or as .csv"
    )


CLI = """
import sys
from tipwatch import cli
from tipwatch.cli_import import import_app
if not any(g.name == "import" for g in cli.app.registered_groups):
    cli.app.add_typer(import_app, name="import")
sys.argv = ["tipwatch", *sys.argv[1:]]
cli.main()
"""


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", CLI, *args], capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=120, check=False)  # fmt: skip


def test_the_import_command_prints_the_counts_and_refuses_an_unknown_column_in_one_line(
    tmp_path: Path,
) -> None:
    # A database of its own: a process that closes the shared test database's last
    # connection could checkpoint and remove its write-ahead log under the test process.
    url, keys = f"sqlite:///{tmp_path / 'cli.db'}", tmp_path / "keys.json"
    ring = KeyRing.generate()
    ring.save(keys)
    engine = connect(url)
    upgrade(engine)
    add_unit(Context(engine=engine, settings=Settings(environment="test"),
                     codec=EncryptingCodec(ring)))  # fmt: skip
    engine.dispose()
    env = {"TIPWATCH_DATABASE_URL": url, "TIPWATCH_KEY_FILE": str(keys)}
    register = tmp_path / "cases.csv"
    register.write_bytes(csv_file(ALL_ROWS).content)

    result = _cli("import", "cases", str(register), env=env)

    assert result.returncode == 0, result.stderr
    assert "rows read         9" in result.stdout
    assert "rejected          4" in result.stdout
    again = _cli("import", "cases", str(register), "--json", "--dry-run", env=env)
    assert again.returncode == 0, again.stderr
    assert '"unchanged": 5' in again.stdout
    mapping = tmp_path / "m.toml"
    mapping.write_text('[columns]\n"Thana" = "police_station"\n')
    bad = _cli("import", "cases", str(register), "--mapping", str(mapping), env=env)
    assert bad.returncode == 1
    assert bad.stderr.startswith("error: the mapping names column 'Thana'")
    assert len(bad.stderr.strip().splitlines()) == 1
