"""Bulk import of cases from CSV and XLSX files (docs/import.md).

Split by role: `reading` (files into rows), `mapping` and `columns` (which column is which),
`values`, `lists` and `words` (cells as offices write them), `cells`, `rows` and `people` (a row
read into a case), `statuses` (a status into dated events), `bundles` (a case for
services.bulk), `batches` and `store` (writing a batch), `runs` (run records, rejected rows),
`running` (the use case).
"""

from tipwatch.services.imports.running import UploadedFile, import_cases
from tipwatch.services.imports.runs import get_run, rejected_rows_csv

__all__ = ["UploadedFile", "get_run", "import_cases", "rejected_rows_csv"]
