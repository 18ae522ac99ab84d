"""Two imports of the same register at the same moment: the second finds the first's cases as
it writes, and counts them unchanged instead of failing. SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from tests.integration.test_import import GOOD, add_unit, counts, csv_file
from tipwatch.domain.access import SYSTEM
from tipwatch.services.context import Context
from tipwatch.services.imports import import_cases, running
from tipwatch.services.imports.store import StoredCase, stored_cases
from tipwatch.storage.uow import UnitOfWork


def test_a_batch_another_import_stored_meanwhile_is_written_again_as_unchanged(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_unit(ctx)
    assert counts(import_cases(ctx, SYSTEM, csv_file(GOOD)))[1] == 5
    calls: list[int] = []

    def not_yet_committed(uow: UnitOfWork, references: Iterable[str]) -> dict[str, StoredCase]:
        calls.append(1)  # the first look: the other import had not committed yet
        return {} if len(calls) == 1 else stored_cases(uow, references)

    monkeypatch.setattr(running, "stored_cases", not_yet_committed)
    summary = import_cases(ctx, SYSTEM, csv_file(GOOD))
    assert counts(summary) == (5, 0, 0, 5, 0)
    assert len(calls) == 2
