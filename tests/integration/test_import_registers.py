"""Registers as offices save them (Urdu on a Windows computer, semicolons, line breaks in cells,
numbers Excel reformatted): read as the office meant, or refused naming the row; never a
different case or person than the one written. SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sqlalchemy import select

from tests.integration.test_import import HEADER, _cli, add_unit, counts, csv_file
from tipwatch.domain.access import SYSTEM
from tipwatch.services.context import Context
from tipwatch.services.imports import UploadedFile, import_cases, rejected_rows_csv
from tipwatch.storage import tables as t

ROW = dict.fromkeys(HEADER, "") | {
    "unit_code": "FIA-LHR",
    "fir_date": "12-01-2023",
    "sections": "3 PTPA",
    "status": "Under investigation",
}


def _row(**values: str) -> list[str]:
    return [{**ROW, **values}[column] for column in HEADER]


def _references(ctx: Context) -> list[str]:
    with ctx.uow() as uow:
        return sorted(uow.session.scalars(select(t.Case.reference)))


def _people(ctx: Context) -> list[dict[str, object]]:
    with ctx.uow() as uow:
        return [
            {**ctx.codec.decode(p.personal), "id": p.id}
            for p in uow.session.scalars(select(t.Person).order_by(t.Person.id))
        ]


def test_an_fir_number_written_with_a_leading_zero_or_its_year_is_the_same_case(
    ctx: Context,
) -> None:
    add_unit(ctx)
    first = import_cases(ctx, SYSTEM, csv_file([_row(fir_number="0112", accused="Asif")]))
    again = import_cases(ctx, SYSTEM, csv_file([_row(fir_number="112-23", accused="Asif")]))
    urdu = import_cases(ctx, SYSTEM, csv_file([_row(fir_number="۱۱۲/۲۰۲۳", accused="Asif")]))
    assert counts(first)[1] == 1
    assert counts(again) == (1, 0, 0, 1, 0)
    assert counts(urdu) == (1, 0, 0, 1, 0)
    assert _references(ctx) == ["FIA-LHR/2023/112"]


def test_an_fir_number_excel_turned_into_a_date_is_refused(ctx: Context) -> None:
    add_unit(ctx)
    summary = import_cases(ctx, SYSTEM, csv_file([_row(fir_number="23-May", accused="Asif")]))
    assert counts(summary) == (1, 0, 0, 0, 1)
    assert summary.rejects[0].field == "fir_number"
    assert "holds a date" in summary.rejects[0].reason


def test_a_cnic_in_urdu_digits_finds_the_person_with_it_in_ascii(ctx: Context) -> None:
    add_unit(ctx)
    rows = [
        _row(fir_number="1", accused="Imran", accused_cnic="35202-1234567-1"),
        _row(fir_number="2", accused="Imran", accused_cnic="۳۵۲۰۲-۱۲۳۴۵۶۷-۱"),
    ]
    assert counts(import_cases(ctx, SYSTEM, csv_file(rows)))[1] == 2
    assert [p["cnic"] for p in _people(ctx)] == ["3520212345671"]


def test_a_line_break_in_a_cell_separates_two_accused_and_their_cnics(ctx: Context) -> None:
    add_unit(ctx)
    row = _row(
        fir_number="1",
        accused="Ahmed s/o Bashir\nBilal s/o Nazir",
        accused_cnic="35202-1234567-1\n35202-7654321-3",
    )
    assert counts(import_cases(ctx, SYSTEM, csv_file([row]))) == (1, 1, 0, 0, 0)
    people = _people(ctx)
    assert [(p["name"], p["father_name"], p["cnic"]) for p in people] == [
        ("Ahmed", "Bashir", "3520212345671"),
        ("Bilal", "Nazir", "3520276543213"),
    ]


def test_a_row_with_more_cells_than_the_header_is_refused_without_showing_them(
    ctx: Context,
) -> None:
    add_unit(ctx)
    header = ",".join(HEADER)
    good = ",".join(_row(fir_number="1", accused="Asif"))
    shifted = ",".join(_row(fir_number="2", accused="Imran", status="Javed Iqbal")) + ",Convicted"
    summary = import_cases(
        ctx, SYSTEM, UploadedFile("r.csv", f"{header}\n{good}\n{shifted}\n".encode())
    )
    assert counts(summary) == (2, 1, 0, 0, 1)
    (refused,) = summary.rejects
    assert refused.row == 3
    assert f"{len(HEADER) + 1} cells but the header {len(HEADER)}" in refused.reason
    assert "Javed" not in refused.reason
    assert "Imran" not in refused.reason
    columns, row = list(csv.reader(io.StringIO(rejected_rows_csv(ctx, SYSTEM, summary.run_id))))
    assert columns[-4:] == ["(extra cell)", "row", "field", "reason"]
    assert row[-4:-2] == ["Convicted", "3"]  # the extra cell, then the row number, lined up


def test_an_urdu_register_saved_as_csv_on_an_urdu_windows_computer_keeps_its_names(
    ctx: Context,
) -> None:
    add_unit(ctx)
    text = "\r\n".join(
        [",".join(HEADER), ",".join(_row(fir_number="1", accused="عمران ولد اسلم، نذر"))]
    )
    summary = import_cases(ctx, SYSTEM, UploadedFile("r.csv", text.encode("cp1256")))
    assert counts(summary) == (1, 1, 0, 0, 0)
    assert [(p["name"], p["father_name"]) for p in _people(ctx)] == [
        ("عمران", "اسلم"),
        ("نذر", None),
    ]


def test_a_semicolon_register_with_commas_in_its_cells_and_a_title_row_is_read(
    ctx: Context,
) -> None:
    add_unit(ctx)
    title = "District;Lahore;Date;05-01-2024"  # names two columns, fewer than the header
    rows = [";".join(_row(fir_number=str(n), accused="Asif, Tariq and Bilal")) for n in range(1, 4)]
    text = "\n".join([title, ";".join(HEADER), *rows])
    summary = import_cases(ctx, SYSTEM, UploadedFile("r.csv", text.encode()))
    assert counts(summary) == (3, 3, 0, 0, 0)
    assert summary.rejects == []
    assert len(_people(ctx)) == 9


def test_a_unit_written_once_for_a_block_of_rows_in_merged_cells_counts_for_each(
    ctx: Context, tmp_path: Path
) -> None:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    add_unit(ctx)
    book = Workbook()
    sheet = book.active
    sheet.append(["FIA AHTC Lahore: register of cases, 2023"])
    sheet.merge_cells("A1:F1")  # a title across the columns: layout, left as it is
    sheet.append(HEADER)
    for number in ("1", "2", "3"):
        sheet.append(
            _row(fir_number=number, accused="Asif", unit_code="FIA-LHR" if number == "1" else "")
        )
    sheet.merge_cells("A3:A5")  # unit_code, written once for the three cases
    path = tmp_path / "merged.xlsx"
    book.save(path)

    summary = import_cases(ctx, SYSTEM, UploadedFile(path.name, path.read_bytes()))
    assert counts(summary) == (3, 3, 0, 0, 0)
    assert _references(ctx) == [f"FIA-LHR/2023/{n}" for n in (1, 2, 3)]


def test_a_refused_row_is_kept_as_written_and_its_csv_defuses_formulas_in_the_header(
    ctx: Context,
) -> None:
    add_unit(ctx)
    header = [*HEADER, '=HYPERLINK("http://example.invalid","x")']
    row = [*_row(fir_number="1", accused="Imran\nJaved", fir_date="31-02-2023"), ""]
    summary = import_cases(ctx, SYSTEM, csv_file([row], header=header))
    assert counts(summary) == (1, 0, 0, 0, 1)
    columns, kept = list(csv.reader(io.StringIO(rejected_rows_csv(ctx, SYSTEM, summary.run_id))))
    assert "Imran\nJaved" in kept  # two people, as written: correct the date and import again
    assert columns[len(HEADER)].startswith("'=HYPERLINK")


def test_the_import_command_refuses_a_rejected_file_it_could_not_write_before_importing(
    tmp_path: Path,
) -> None:
    register = tmp_path / "cases.csv"
    register.write_bytes(csv_file([_row(fir_number="1", accused="Asif")]).content)
    env = {"TIPWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'never.db'}"}
    result = _cli("import", "cases", str(register), "--rejected", str(tmp_path), env=env)
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: cannot write {tmp_path}: not a file")
    assert not (tmp_path / "never.db").exists()  # refused before anything was opened


def test_a_reason_repeats_a_long_unit_cell_40_characters_at_most(ctx: Context) -> None:
    add_unit(ctx)
    summary = import_cases(ctx, SYSTEM, csv_file([_row(fir_number="1", unit_code="X" * 2_000)]))
    (refused,) = summary.rejects
    assert refused.field == "unit_code"
    assert len(refused.reason) < 100


def test_a_refused_cell_is_kept_without_the_spaces_around_it(ctx: Context) -> None:
    add_unit(ctx)
    row = _row(fir_number="\t101 ", accused="Asif", fir_date="31-02-2023")
    summary = import_cases(ctx, SYSTEM, csv_file([row]))
    _, kept = list(csv.reader(io.StringIO(rejected_rows_csv(ctx, SYSTEM, summary.run_id))))
    assert kept[HEADER.index("fir_number")] == "101"  # as it will read when imported again


def test_the_import_command_refuses_a_path_it_cannot_open_before_importing(
    tmp_path: Path,
) -> None:
    register = tmp_path / "cases.csv"
    register.write_bytes(csv_file([_row(fir_number="1", accused="Asif")]).content)
    env = {"TIPWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'never.db'}"}
    result = _cli("import", "cases", str(register), "--rejected", "/proc/refused.csv", env=env)
    assert result.returncode == 1
    assert result.stderr.startswith("error: cannot write /proc/refused.csv")
    assert not (tmp_path / "never.db").exists()
