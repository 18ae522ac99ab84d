"""Pakistan's anti-trafficking law as data: the versioned legal catalogue and citation reading.

>>> from tipwatch.domain.law import default_catalogue
>>> [p.key for p in default_catalogue().parse("u/s 17/22 EO 1979 r/w 3(1) PTPA")]
['EO 17', 'EO 22', 'PTPA 3(1)']
"""

from tipwatch.domain.law.catalogue import (
    STATUSES,
    Act,
    LegalCatalogue,
    Provision,
    default_catalogue,
)
from tipwatch.domain.law.notation import Reference, parse_references, section_sort_key

__all__ = [
    "STATUSES",
    "Act",
    "LegalCatalogue",
    "Provision",
    "Reference",
    "default_catalogue",
    "parse_references",
    "section_sort_key",
]
