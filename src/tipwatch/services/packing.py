"""Rows made in a worker process (services.ahead) as bytes, to cross to the writer.

A batch of a thousand cases is a few hundred thousand values. Pickled as the dataclasses it is
made of (`bulk_rows.CaseRows`, `bulk_rows.PeopleRows`), the writer spent 90 µs a case
unpickling it, and the writer is the one process a bulk write cannot share between cores. As
plain tuples in `marshal`, the interpreter's own format for builtins, it is written and read
back in well under half the time. Rows made for a driver that takes objects marshal cannot hold
(dates for PostgreSQL) are pickled instead.
"""

from __future__ import annotations

import marshal
import pickle
from typing import Any

from tipwatch.services.bulk_rows import CaseRows, PeopleRows

_MARSHAL, _PICKLE = b"M", b"P"
CaseTuple = tuple[Any, ...]
PeopleTuple = tuple[Any, ...]


def packed(value: Any) -> bytes:
    """Plain values (tuples, lists, text, numbers, bytes) as bytes; `unpacked` reads them."""
    try:
        return _MARSHAL + marshal.dumps(value)
    except ValueError:  # a value marshal cannot hold
        return _PICKLE + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def unpacked(data: bytes) -> Any:
    """The value `packed` made: only ever bytes this process's own workers sent."""
    body = memoryview(data)[1:]
    return marshal.loads(body) if data[:1] == _MARSHAL else pickle.loads(body)


def case_tuple(rows: CaseRows) -> CaseTuple:
    return (rows.case, rows.forms, rows.parties, rows.charges, rows.events, rows.legs)


def case_rows(value: CaseTuple) -> CaseRows:
    return CaseRows(*value)


def people_tuple(people: PeopleRows) -> PeopleTuple:
    return (people.created_at, people.facts, people.records, people.found_by)


def people_rows(value: PeopleTuple) -> PeopleRows:
    return PeopleRows(*value)
