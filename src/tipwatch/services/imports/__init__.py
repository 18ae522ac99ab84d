"""Bulk import of cases from CSV and XLSX files (docs/import.md).

Split by role: `reading` (files into rows), `mapping` and `columns` (which column is which),
`values`, `lists` and `words` (cells as offices write them), `cells`, `rows` and `people` (a row
read into a case), `statuses` (a status into dated events), `bundles` (a case for
services.bulk), `checking` and `packing` (a batch read and checked, in a worker process),
`batches` and `store` (writing a batch), `runs` (run records, rejected rows), `running` (the use
case).

The use case is loaded on first use, not with the package: a worker process loads only what
checking a batch needs (0.75 s of start-up rather than 1.05 s, paid in every large import).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tipwatch.services.imports.running import UploadedFile, import_cases
    from tipwatch.services.imports.runs import get_run, rejected_rows_csv

__all__ = ["UploadedFile", "get_run", "import_cases", "rejected_rows_csv"]
_HOME = {
    "UploadedFile": "running",
    "import_cases": "running",
    "get_run": "runs",
    "rejected_rows_csv": "runs",
}


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"{__name__}.{_HOME[name]}"), name)
