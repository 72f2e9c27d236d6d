"""Read coverage and population files as cities really have them: CSV or XLSX, Indonesian numbers.

CONTRACT (agreed between the reader and the importer; the reader fills in the bodies):

``read_file(data, file_name, kind, sheet=None, mapping=None) -> Parsed`` never raises on bad input:
whatever is wrong with the file becomes an ``Issue`` in ``Parsed.issues``. It only looks at the file
itself (no store): matching rows to regions and checks against stored figures are ``uhc.imports``.

``Parsed.rows`` has exactly the columns of ``ROW_SCHEMA``, one row per data row of the file (the
total row excluded), nulls where the file has no such column:

- ``row``: the row number as the person who made the file sees it (Excel row, CSV line), 1-based;
- ``region_code``: a code as written (Kemendagri ``61.71.04.1001`` or ``6171041001``, or BPS ``6171010002``);
- ``kecamatan``, ``kelurahan``: labels as written (``Kec. Pontianak Kota``, ``6171031-PONTIANAK KOTA``);
- ``period``: the month (first day) from a period column, when the file has one;
- counts in people: ``population``, ``registered``, ``active``, ``inactive`` and the segments
  ``pbi_apbn``, ``pbi_apbd``, ``ppu``, ``pbpu``, ``bp`` (registered per segment).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

import polars as pl

Kind = Literal["coverage", "population"]
Severity = Literal["error", "warning"]

COUNT_COLUMNS = (
    "population",
    "registered",
    "active",
    "inactive",
    "pbi_apbn",
    "pbi_apbd",
    "ppu",
    "pbpu",
    "bp",
)
ROW_SCHEMA: dict[str, pl.DataType] = {
    "row": pl.Int64(),
    "region_code": pl.String(),
    "kecamatan": pl.String(),
    "kelurahan": pl.String(),
    "period": pl.Date(),
    **{column: pl.Int64() for column in COUNT_COLUMNS},
}


@dataclass(frozen=True)
class Issue:
    """One finding about an import file: an error rejects the whole file, a warning is shown.

    ``code`` names the finding (``unreadable``, ``missing_column``, ``not_a_number``, ``negative``,
    ``total_mismatch``, ``unknown_region``, ``duplicate_region``, ``active_above_registered``, ...);
    ``message(language)`` is the sentence for the person who made the file: which file, row, column,
    value, what was expected and what to do. ``params`` holds the figures that sentence needs.
    """

    severity: Severity
    code: str
    file_name: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: dict[str, object] = field(default_factory=dict)

    def message(self, language: str) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class Parsed:
    """What a file holds, before it is matched to regions: rows, the header found, issues."""

    file_name: str
    sha256: str
    kind: Kind
    rows: pl.DataFrame  # ROW_SCHEMA
    issues: tuple[Issue, ...]
    sheet: str | None = None  # the sheet read (XLSX)
    sheets: tuple[str, ...] = ()  # every sheet of the workbook, to choose from
    header_row: int | None = None  # 1-based, as the user sees it
    columns: dict[str, str] = field(default_factory=dict)  # canonical column -> header as written
    total_row: int | None = None  # the "Jumlah"/"Total" row found and excluded, 1-based

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(issue for issue in self.issues if issue.severity == "error")

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(issue for issue in self.issues if issue.severity == "warning")


def read_file(
    data: bytes,
    file_name: str,
    kind: Kind,
    sheet: str | None = None,
    mapping: dict[str, str] | None = None,
    period: dt.date | None = None,
) -> Parsed:
    """Read a coverage or population file; ``mapping`` states canonical column -> header when guessing fails."""
    raise NotImplementedError
