"""One batch of rows read and checked (`checking`): sorted into created, updated, unchanged and
rejected, linked to accused already on record, written (services.bulk_rows.write_rows) and
recorded with one audit entry, all in the caller's transaction, which this commits.

An existing case is replaced ("updated") only if an import made it and nobody has worked on it
in tipwatch since (its version is still 1, it is not shared and raised no alert); otherwise the
row is refused and the case left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from tipwatch.domain.access import Principal
from tipwatch.services.audit_trail import audit
from tipwatch.services.bulk_rows import CaseRows, PeopleRows, write_rows
from tipwatch.services.context import Context
from tipwatch.services.imports.checking import CheckedRow
from tipwatch.services.imports.runs import Counts, Reject, record_batch
from tipwatch.services.imports.store import (
    StoredCase,
    delete_cases,
    persons_by_token,
)
from tipwatch.services.imports.values import Cell, as_written
from tipwatch.storage.uow import UnitOfWork


@dataclass(frozen=True)
class ReadRow:
    """A row read and checked (`checking.CheckedRow`), with its cells for a refusal."""

    checked: CheckedRow
    cells: list[Cell]

    @property
    def values(self) -> list[str]:
        """The cells as text, as a refused row keeps them."""
        return [as_written(cell) for cell in self.cells]

    @property
    def number(self) -> int:
        return self.checked.number

    @property
    def reference(self) -> str:
        return self.checked.reference


def unchanged(item: CheckedRow, existing: StoredCase | None) -> bool:
    """Whether the row's case is stored with the row's content."""
    return existing is not None and existing.import_hash in item.fingerprints


def link_people(uow: UnitOfWork, people: PeopleRows, cases: list[CaseRows]) -> dict[int, int]:
    """The new people of these cases whose CNIC is on record: position -> that person."""
    named = {p[0] for case in cases for p in case.parties if p[0] is not None}
    position_of = {
        token: n
        for n in named
        if (cnic := people.cnic(n))
        for token in uow.codec.search_tokens("cnic", cnic)
    }
    stored = persons_by_token(uow, position_of)
    linked: dict[int, int] = {}
    for token, person_id in stored.items():
        n = position_of[token]
        linked[n] = min(person_id, linked.get(n, person_id))
    return linked


class BatchWriter:
    def __init__(
        self, ctx: Context, actor: Principal, run_id: int, header: list[str], dry_run: bool
    ) -> None:
        self.ctx, self.actor, self.run_id, self.header = ctx, actor, run_id, header
        self.dry_run = dry_run

    def write(
        self,
        uow: UnitOfWork,
        read: list[ReadRow],
        rejects: list[Reject],
        people: PeopleRows,
        stored: dict[str, StoredCase],
    ) -> None:
        """Write the batch; `stored` holds the cases already stored under its references."""
        counts = Counts(rejected=len(rejects))
        prepared: list[tuple[CaseRows, StoredCase | None]] = []
        for item in read:
            checked = item.checked
            existing = stored.get(item.reference)
            if unchanged(checked, existing):
                counts.unchanged += 1
            elif existing is not None and not existing.replaceable:
                rejects.append(self._refusal(item, existing))
            elif checked.rows is None:
                rule = checked.broken_rule
                assert rule is not None
                rejects.append(Reject(item.number, rule.field, rule.reason, item.values))
            else:
                prepared.append((checked.rows, existing))
        replaced = [e.id for _, e in prepared if e is not None]
        counts.updated, counts.created = len(replaced), len(prepared) - len(replaced)
        counts.rejected = len(rejects)
        case_ids: list[int] = []
        if not self.dry_run and prepared:
            cases = [p for p, _ in prepared]
            linked = link_people(uow, people, cases)
            delete_cases(uow, replaced, keep=set(linked.values()))
            case_ids = write_rows(uow, people, cases, linked)
        record_batch(uow, self.run_id, counts, sorted(rejects, key=lambda r: r.row), self.header)
        numbers = [i.number for i in read] + [r.row for r in rejects]
        new = list(zip(case_ids, (e is None for _, e in prepared), strict=False))
        details = {
            "dry_run": self.dry_run,
            "rows": [min(numbers), max(numbers)] if numbers else [],
            "created": [case_id for case_id, fresh in new if fresh],
            "updated": [case_id for case_id, fresh in new if not fresh],
            "replaced": replaced,
            "unchanged": counts.unchanged,
            "rejected": counts.rejected,
        }
        audit(uow, self.ctx, self.actor, "import.batch", "import_run", self.run_id, details=details)
        uow.commit()

    @staticmethod
    def _refusal(item: ReadRow, existing: StoredCase) -> Reject:
        how = (
            "was entered in tipwatch, not imported"
            if existing.import_hash is None
            else "has been worked on in tipwatch since it was imported"
        )
        reason = (
            f"case {item.reference} (case {existing.id}) {how}: it is left as it is; "
            "record the changes in tipwatch"
        )
        return Reject(item.number, "fir_number", reason, item.values)
