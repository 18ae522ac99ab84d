"""A case read with encryption and audit against the same read without.

A case read is what the case page needs (services.case_file): the case with its flags, its
parties with their names decrypted (victims' and witnesses' hidden), charges, events and route
legs. Target: with encryption and audit no more than 1.5 times slower.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from benchmarks.common import Timing, scratch_context
from tipwatch.domain.access import SYSTEM
from tipwatch.services import audit_trail, cases, events, parties, persons, units
from tipwatch.services.case_file import read_case_file
from tipwatch.services.context import Context
from tipwatch.services.schemas.cases import CaseCreate
from tipwatch.services.schemas.people import PartyCreate, PersonCreate
from tipwatch.services.schemas.steps import EventCreate
from tipwatch.services.schemas.units import UnitCreate
from tipwatch.storage.crypto import EncryptingCodec, KeyRing
from tipwatch.storage.personal import PlainCodec

CASES = 50
PARTIES_PER_CASE = 6
RUNS = 300
TARGET_RATIO = 1.5


def _fill(ctx: Context) -> list[int]:
    unit = units.add_unit(
        ctx,
        SYSTEM,
        UnitCreate(
            code="FIA-GRW",
            name="FIA AHTC Gujranwala",
            kind="fia_circle",
            agency="FIA",
            province="Punjab",
            district="Gujranwala",
        ),
    ).id
    case_ids = []
    for n in range(CASES):
        case = cases.register_case(
            ctx,
            SYSTEM,
            CaseCreate(
                number=str(n + 1),
                year=2024,
                unit_id=unit,
                case_type="trafficking",
                reported_on=date(2024, 3, 1),
                offence_date=date(2024, 2, 20),
            ),
        )
        events.record_event(
            ctx, SYSTEM, case.id, EventCreate(kind="fir_registered", occurred_on=date(2024, 3, 1))
        )
        for p in range(PARTIES_PER_CASE):
            person = persons.add_person(
                ctx,
                SYSTEM,
                PersonCreate(
                    name=f"Bench Person {n}-{p}",
                    father_name=f"Bench Father {n}-{p}",
                    cnic=f"35202{n:04d}{p:03d}1",
                    phones=[f"0300{n:04d}{p:03d}"],
                ),
            )
            role = "accused" if p < 2 else ("victim" if p < 5 else "witness")
            parties.add_party(ctx, SYSTEM, case.id, PartyCreate(person_id=person.id, role=role))
        case_ids.append(case.id)
    return case_ids


def _read(ctx: Context, case_ids: list[int]) -> Iterator[None]:
    while True:
        for case_id in case_ids:
            read_case_file(ctx, SYSTEM, case_id)
            yield None


@contextmanager
def _audit_switched_off() -> Iterator[None]:
    original = audit_trail.__dict__["append_entry"]
    setattr(audit_trail, "append_entry", lambda *args, **kwargs: None)  # noqa: B010
    try:
        yield
    finally:
        setattr(audit_trail, "append_entry", original)  # noqa: B010


def _interleaved(
    with_reads: Iterator[None], without_reads: Iterator[None]
) -> tuple[Timing, Timing]:
    """Alternate one read of each kind, so a machine that slows down or speeds up during the
    run weighs on both sides alike."""
    for _ in range(5):  # warm up both
        next(with_reads)
        with _audit_switched_off():
            next(without_reads)
    samples: dict[str, list[float]] = {"with": [], "without": []}
    for _ in range(RUNS):
        start = time.perf_counter()
        next(with_reads)
        samples["with"].append((time.perf_counter() - start) * 1000)
        with _audit_switched_off():
            start = time.perf_counter()
            next(without_reads)
            samples["without"].append((time.perf_counter() - start) * 1000)
    timings = []
    for key, label in (
        ("with", "case read, encrypted and audited"),
        ("without", "case read, plain and not audited"),
    ):
        ordered = sorted(samples[key])
        timings.append(
            Timing(label, statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1], RUNS)
        )
    return timings[0], timings[1]


def run() -> list[str]:
    with (
        scratch_context(EncryptingCodec(KeyRing.generate()), "protected") as protected,
        scratch_context(PlainCodec(), "plain") as plain,
    ):
        return _measure(protected, plain)


def _measure(protected: Context, plain: Context) -> list[str]:
    protected_ids, plain_ids = _fill(protected), _fill(plain)
    with_reads, without_reads = _read(protected, protected_ids), _read(plain, plain_ids)
    with_both, without = _interleaved(with_reads, without_reads)
    ratio = with_both.p50_ms / without.p50_ms
    verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
    return [
        f"case read = the case file with {PARTIES_PER_CASE} parties (SQLite), "
        f"{RUNS} reads of each kind, interleaved",
        with_both.line(),
        without.line(),
        f"ratio {ratio:.2f}x: {verdict} the target of at most {TARGET_RATIO}x",
    ]
