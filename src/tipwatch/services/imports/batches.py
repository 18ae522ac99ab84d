"""One batch of read rows: sorted into created, updated, unchanged and rejected, checked by the
domain rules (services.bulk.prepare), written (services.bulk.write_prepared) and recorded with
one audit entry, all in the caller's transaction, which this commits.

An existing case is replaced ("updated") only if an import made it and nobody has worked on it
in tipwatch since (its version is still 1, it is not shared and raised no alert); otherwise the
row is refused and the case left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from tipwatch.domain.access import Principal
from tipwatch.domain.errors import RuleViolation, TipwatchError
from tipwatch.services.audit_trail import audit
from tipwatch.services.bulk import PreparedCase, prepare, write_prepared
from tipwatch.services.context import Context
from tipwatch.services.imports.bundles import (
    PeopleLinks,
    build_bundle,
    fingerprint,
    fingerprint_keys,
    row_content,
)
from tipwatch.services.imports.cells import RowProblem
from tipwatch.services.imports.rows import CaseRow
from tipwatch.services.imports.runs import Counts, Reject, record_batch
from tipwatch.services.imports.store import (
    StoredCase,
    UnitRow,
    delete_cases,
    persons_by_cnic,
    stored_cases,
)
from tipwatch.storage.uow import UnitOfWork

# The column whose date an event of each kind comes from, to name it when a rule refuses one.
COLUMN_OF_EVENT = {
    "complaint": "reported_on",
    "investigation_started": "investigation_date",
    "arrest": "arrest_date",
    "interim_challan": "interim_challan_date",
    "final_challan": "challan_date",
    "charge_framed": "charge_date",
    "conviction": "verdict_date",
    "acquittal": "verdict_date",
    "sentence": "sentence_date",
    "compromise": "closure_date",
    "fir_cancelled": "closure_date",
    "untraced": "closure_date",
}
COLUMN_OF_FIELD = {
    "provision": "sections",
    "details.imprisonment_months": "sentence_months",
    "details.fine_rupees": "fine_rupees",
    "details.court": "court",
}


@dataclass(frozen=True)
class ReadRow:
    number: int
    values: list[str]
    row: CaseRow
    unit: UnitRow
    reference: str


def _column_of(error: TipwatchError) -> str | None:
    if isinstance(error, RuleViolation) and error.record and error.record.startswith("new "):
        return COLUMN_OF_EVENT.get(error.record.split()[1], "status")
    if error.field is None:
        return None
    return COLUMN_OF_FIELD.get(error.field, error.field)


class BatchWriter:
    def __init__(
        self, ctx: Context, actor: Principal, run_id: int, header: list[str], dry_run: bool
    ) -> None:
        self.ctx, self.actor, self.run_id, self.header = ctx, actor, run_id, header
        self.dry_run = dry_run
        self.keys = fingerprint_keys(ctx.codec)

    def write(self, uow: UnitOfWork, read: list[ReadRow], rejects: list[Reject]) -> None:
        counts = Counts(rejected=len(rejects))
        stored = stored_cases(uow, (r.reference for r in read))
        to_write: list[tuple[ReadRow, str, StoredCase | None]] = []
        for item in read:
            content = row_content(item.row, item.unit.id)
            existing = stored.get(item.reference)
            if existing is not None and existing.import_hash in {
                fingerprint(key, content) for key in self.keys
            }:
                counts.unchanged += 1
            elif existing is not None and not existing.replaceable:
                rejects.append(self._refusal(item, existing))
            else:
                to_write.append((item, fingerprint(self.keys[0], content), existing))
        links = PeopleLinks(
            persons_by_cnic(uow, (p.cnic for i, _, _ in to_write for p in i.row.accused if p.cnic))
        )
        prepared: list[tuple[PreparedCase, StoredCase | None]] = []
        for item, import_hash, existing in to_write:
            try:
                bundle = build_bundle(item.row, item.unit.id, item.unit.code, import_hash, links)
                prepared.append((prepare(bundle, self.ctx.catalogue, self.ctx.today()), existing))
            except RowProblem as problem:
                rejects.append(Reject(item.number, problem.field, problem.reason, item.values))
            except TipwatchError as error:
                rejects.append(Reject(item.number, _column_of(error), error.message, item.values))
        replaced = [e.id for _, e in prepared if e is not None]
        counts.updated, counts.created = len(replaced), len(prepared) - len(replaced)
        counts.rejected = len(rejects)
        case_ids: list[int] = []
        if not self.dry_run and prepared:
            delete_cases(uow, replaced, keep=set(links.stored.values()))
            case_ids = write_prepared(uow, [p for p, _ in prepared], self.ctx.now())
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
