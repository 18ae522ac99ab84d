"""The canonical template's columns, and the headers offices commonly give them.

docs/import.md documents every column; a test keeps the two in step.
"""

from __future__ import annotations

from tipwatch.services.imports.words import word_key

COLUMNS: dict[str, tuple[str, ...]] = {  # canonical column: headers read as it
    "unit_code": ("unit", "unit code", "circle code"),
    "police_station": ("ps", "p s", "police station", "thana", "station"),
    "district": ("zila", "district name"),
    "fir_number": ("fir no", "fir", "fir number", "case no", "case number", "fir no."),
    "fir_year": ("year", "fir year", "year of fir"),
    "fir_date": ("fir date", "date of fir", "date of registration", "registration date",
                 "dated", "date"),
    "reported_on": ("date of report", "date of complaint", "complaint date", "reported"),
    "offence_date": ("date of offence", "date of occurrence", "occurrence date", "doo"),
    "case_type": ("type", "nature of case", "category", "case category"),
    "sections": ("section", "offence", "offences", "u s", "under section", "sections of law",
                 "section of law", "law"),
    "accused": ("name of accused", "accused name", "names of accused", "accused persons",
                "mulzim", "mulzimaan"),
    "accused_cnic": ("cnic of accused", "accused cnic no", "cnic", "cnic no"),
    "accused_sex": ("accused gender", "gender of accused", "sex of accused"),
    "victims": ("victim", "name of victim", "victim name", "names of victims",
                "no of victims", "number of victims", "affectees"),
    "victim_sex": ("victim gender", "gender of victim", "sex of victim", "gender", "sex"),
    "victim_age": ("age of victim", "victim age years", "age"),
    "exploitation": ("form of exploitation", "type of exploitation", "purpose"),
    "status": ("present status", "current status", "case status", "position", "stage"),
    "investigation_date": ("investigation started", "date of investigation"),
    "arrest_date": ("date of arrest", "arrested on", "arrest"),
    "interim_challan_date": ("interim challan", "date of interim challan"),
    "challan_date": ("date of challan", "challan submitted on", "final challan date",
                     "final challan", "challan"),
    "charge_date": ("date of charge", "charge framed", "charge framed on", "framing of charge"),
    "verdict": ("result", "judgment", "decision", "outcome"),
    "verdict_date": ("date of decision", "decision date", "judgment date", "date of judgment",
                     "decided on"),
    "sentence_months": ("sentence", "punishment", "imprisonment", "term"),
    "fine_rupees": ("fine", "fine rs", "fine amount", "fine pkr"),
    "sentence_date": ("date of sentence", "sentenced on"),
    "closure_date": ("date of closure", "closed on", "cancellation date", "compromise date",
                     "date of cancellation", "date of compromise"),
    "court": ("trial court", "court name", "name of court"),
    "narrative": ("brief facts", "facts", "summary", "details"),
}  # fmt: skip

REQUIRED = ("fir_number", "fir_date", "sections", "status")
# Columns whose cells may hold personal data: never repeated in a reason.
PERSONAL_COLUMNS = frozenset({"accused", "accused_cnic", "victims", "narrative"})

HEADER_NAMES: dict[str, str] = {
    **{word_key(alias): column for column, aliases in COLUMNS.items() for alias in aliases},
    **{word_key(column): column for column in COLUMNS},
}


def canonical_column(header: str) -> str | None:
    """The canonical column a header names, if it names one."""
    return HEADER_NAMES.get(word_key(header))
