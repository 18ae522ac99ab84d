"""Importing cases from a spreadsheet: rows per second on SQLite, personal data encrypted.

A synthetic register of 20,000 cases (no real names) in the canonical template, with the
statuses, notations and lists offices write, is imported into an empty database, then imported
again (every row unchanged), then imported once more with every row's narrative changed (every
case replaced: its old rows deleted, new ones written). Target: at least 5,000 rows/s for the
first import.
"""

from __future__ import annotations

import csv
import io
import time
from datetime import date, timedelta

from benchmarks.common import scratch_context
from tipwatch.domain.access import SYSTEM
from tipwatch.services import units
from tipwatch.services.context import Context
from tipwatch.services.imports import UploadedFile, import_cases, running
from tipwatch.services.schemas.units import UnitCreate
from tipwatch.storage.crypto import EncryptingCodec, KeyRing

ROWS = 20_000
TARGET_ROWS_PER_SECOND = 5_000
HEADER = [
    "unit_code",
    "fir_number",
    "fir_date",
    "offence_date",
    "sections",
    "accused",
    "accused_cnic",
    "victims",
    "victim_sex",
    "victim_age",
    "exploitation",
    "status",
    "challan_date",
    "charge_date",
    "verdict_date",
    "sentence_months",
    "fine_rupees",
    "closure_date",
    "narrative",
]
SECTIONS = ["3 PTPA", "u/s 3 PTPA", "370/371-A PPC", "17/22 EO 1979", "3(2) PTPA", "6 PSMA"]
STATUSES = ["Under investigation", "Challan submitted", "Under trial", "Convicted",
            "Acquitted", "Compromised", "Untraced", "Zer-e-Tafteesh"]  # fmt: skip


def _day(start: date, days: int) -> str:
    return (start + timedelta(days=days)).strftime("%d-%m-%Y")


def synthetic_register(
    rows: int = ROWS, narrative: str = "Recruited with a promise of work abroad."
) -> bytes:
    """A register in the template, every value made up (names are "Accused 17-2")."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for n in range(1, rows + 1):
        fir = date(2019, 1, 1) + timedelta(days=n % 1800)
        status = STATUSES[n % len(STATUSES)]
        accused = " and ".join(f"Accused {n}-{a} s/o Father {n}-{a}" for a in (1, 2)[: 1 + n % 2])
        victims = str(1 + n % 3) if n % 2 else f"Victim {n}-1, Victim {n}-2"
        later = status not in ("Under investigation", "Zer-e-Tafteesh", "Untraced")
        trial = status in ("Under trial", "Convicted", "Acquitted")
        verdict = status in ("Convicted", "Acquitted")
        writer.writerow([
            f"FIA-B{n % 4}", str(n), _day(fir, 0), _day(fir, -5), SECTIONS[n % len(SECTIONS)],
            accused, f"35202-{n % 5000:07d}-1" if n % 6 == 0 else "", victims, "F",
            "16" if n % 2 else "", "forced labour", status,
            _day(fir, 20) if later else "", _day(fir, 60) if trial else "",
            _day(fir, 300) if verdict else "", "7 years" if status == "Convicted" else "",
            "1,00,000/-" if status == "Convicted" else "",
            _day(fir, 30) if status in ("Compromised", "Untraced") else "",
            narrative,
        ])  # fmt: skip
    return out.getvalue().encode()


def run() -> list[str]:
    with scratch_context(EncryptingCodec(KeyRing.generate()), "imports") as ctx:
        return _measure(ctx)


def _measure(ctx: Context) -> list[str]:
    for n in range(4):
        units.add_unit(ctx, SYSTEM, UnitCreate(code=f"FIA-B{n}", name=f"FIA Bench {n}",
                                               kind="fia_circle", agency="FIA",
                                               province="Punjab"))  # fmt: skip
    register = UploadedFile("register.csv", synthetic_register())
    changed = UploadedFile("register.csv", synthetic_register(narrative="Taken abroad by road."))
    lines = [
        f"{ROWS:,} synthetic rows, CSV, SQLite, personal data encrypted, "
        f"batches of {running.BATCH_SIZE:,}"
    ]
    for label, file in (
        ("first import", register),
        ("same file again", register),
        ("every row changed", changed),
    ):
        start = time.perf_counter()
        summary = import_cases(ctx, SYSTEM, file)
        seconds = time.perf_counter() - start
        rate = summary.rows_read / seconds
        verdict = "meets" if rate >= TARGET_ROWS_PER_SECOND else "MISSES"
        lines.append(
            f"{label:<17} {seconds:6.2f} s  {rate:8,.0f} rows/s  (created {summary.created:,}, "
            f"updated {summary.updated:,}, unchanged {summary.unchanged:,}, rejected "
            f"{summary.rejected:,}): {verdict} the target of {TARGET_ROWS_PER_SECOND:,} rows/s"
        )
    return lines


if __name__ == "__main__":
    print("\n".join(run()))
