"""What the reader hands back: the rows it read (``Parsed``) and its findings about the file (``Issue``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, cast

import polars as pl

from uhc import i18n
from uhc.intake import wording
from uhc.intake.reader.schema import MAX_CELL_ISSUES, ROW_SCHEMA, Kind

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Issue:
    """One finding about an import file: an error rejects the whole file, a warning is shown.

    ``code`` names the finding (``unreadable``, ``missing_column``, ``not_a_number``, ``negative``,
    ``total_mismatch``, ``unknown_region``, ``duplicate_region``, ``active_above_registered``, ...);
    ``message(language)`` is the sentence for the person who made the file: which file, row, column,
    value, what was expected and what to do. ``params`` holds the figures that sentence needs.

    The sentence is ``i18n`` key ``ingest_<code>``, after the place (file, sheet, row, column). In
    ``params``, ints are shown as Indonesian/English numbers, dates as months, lists as quoted
    names; ``field``/``fields`` name canonical columns, ``reason`` and ``convention`` name texts.
    """

    severity: Severity
    code: str
    file_name: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: dict[str, object] = field(default_factory=dict)
    sheet: str | None = None

    def place(self, language: str) -> str:
        """Where the finding is: 'Berkas “f”, lembar “s”, baris n, kolom “c”' (the parts known)."""
        where = i18n.text("ingest_where_file", language, file=self.file_name)
        if self.sheet is not None:
            where += i18n.text("ingest_where_sheet", language, sheet=self.sheet)
        if self.row is not None:
            where += i18n.text("ingest_where_row", language, row=self.row)
        if self.column is not None:
            where += i18n.text("ingest_where_column", language, column=self.column)
        return where

    def message(self, language: str) -> str:
        where = self.place(language)
        values = {name: _shown(name, value, language) for name, value in self.params.items()}
        values["value"] = self.value if self.value is not None else i18n.MISSING
        key = wording.READER_ISSUES.get(self.code)
        if key is None:
            return f"{where}: " + i18n.text("ingest_other", language, code=self.code)
        # A figure the finding did not carry shows as a dash rather than breaking the sentence.
        return f"{where}: " + i18n.template(key, language).format_map(_OrMissing(values))


class _OrMissing(dict):
    def __missing__(self, key: str) -> str:
        return i18n.MISSING


def _shown(name: str, value: object, language: str) -> str:
    """A message parameter as the reader sees it, in ``language``."""
    if name == "field":
        return column_label(str(value), language)
    if name == "fields":
        return ", ".join(column_label(str(item), language) for item in cast("list[str]", value))
    if name in {"reason", "convention"}:
        key = wording.READER_VALUES.get((name, str(value)))
        return i18n.text(key, language) if key else str(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return i18n.number(value, language)
    if isinstance(value, dt.date):
        return i18n.month(value, language)
    if isinstance(value, list | tuple):
        return ", ".join(f"“{item}”" for item in value) if value else i18n.MISSING
    return str(value)


def column_label(canonical: str, language: str) -> str:
    """What a canonical column is called for the user: ``registered`` -> jumlah peserta (id)."""
    return i18n.text(wording.FIELDS[canonical], language) if canonical in wording.FIELDS else canonical


class WithIssues:
    """Errors and warnings of anything that holds ``issues`` (a parsed file, a checked import)."""

    issues: tuple[Issue, ...]

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(issue for issue in self.issues if issue.severity == "error")

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(issue for issue in self.issues if issue.severity == "warning")


@dataclass(frozen=True)
class Parsed(WithIssues):
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
    total_rows: tuple[int, ...] = ()  # every total and subtotal row excluded, 1-based
    ignored_headers: tuple[str, ...] = ()  # headers found but not read (No, % Cakupan, ...)
    title_period: dt.date | None = None  # a month named above the header ("Posisi: Juni 2025")
    file_format: str | None = None  # csv, xlsx, xls, ods
    encoding: str | None = None  # CSV: utf-8, utf-8-sig, utf-16, cp1252
    separator: str | None = None  # CSV: ; , tab |


def _capped(issues: Sequence[Issue]) -> list[Issue]:
    """At most ``MAX_CELL_ISSUES`` findings of each kind (code), in order; then one ``more_issues`` per
    kind cut short, with how many were left out (``count``) and of which kind (``of_code``).

    A file of a million bad cells must not become a million findings in memory; the reports show
    only the first few of a kind anyway (``uhc.intake.import_report.summarised``).
    """
    kept: list[Issue] = []
    left_out: dict[tuple[str, str], list[Issue]] = {}
    seen: dict[str, int] = {}
    for issue in issues:
        seen[issue.code] = seen.get(issue.code, 0) + 1
        if seen[issue.code] <= MAX_CELL_ISSUES:
            kept.append(issue)
        else:
            left_out.setdefault((issue.code, issue.file_name), []).append(issue)
    for (code, file_name), rest in left_out.items():
        severity: Severity = "error" if any(i.severity == "error" for i in rest) else "warning"
        params = {"count": len(rest), "of_code": code}
        kept.append(Issue(severity, "more_issues", file_name, sheet=rest[0].sheet, params=params))
    return kept


@dataclass
class _Reading:
    """What read_file has learnt so far; turned into a Parsed at the end."""

    file_name: str
    sha256: str
    kind: Kind
    issues: list[Issue] = field(default_factory=list)
    cell_issues: list[Issue] = field(default_factory=list)
    sheet: str | None = None
    sheets: tuple[str, ...] = ()
    file_format: str | None = None
    encoding: str | None = None
    separator: str | None = None

    def issue(self, severity: Severity, code: str, **details) -> None:
        self.issues.append(Issue(severity, code, self.file_name, sheet=self.sheet, **details))

    def cell_issue(self, severity: Severity, code: str, **details) -> None:
        self.cell_issues.append(Issue(severity, code, self.file_name, sheet=self.sheet, **details))

    def parsed(self, rows: pl.DataFrame | None = None, **found) -> Parsed:
        issues = [*self.issues, *_capped(self.cell_issues)]
        return Parsed(
            file_name=self.file_name,
            sha256=self.sha256,
            kind=self.kind,
            rows=rows if rows is not None else pl.DataFrame(schema=ROW_SCHEMA),
            issues=tuple(issues),
            sheet=self.sheet,
            sheets=self.sheets,
            file_format=self.file_format,
            encoding=self.encoding,
            separator=self.separator,
            **found,
        )


class _Findings:
    """Findings about cells in the order a person reads them: by row within each pass over the file."""

    def __init__(self, reading: _Reading):
        self.reading = reading
        self.found: list[tuple[tuple, Issue]] = []

    def add(self, key: tuple, severity: Severity, code: str, **details) -> None:
        issue = Issue(severity, code, self.reading.file_name, sheet=self.reading.sheet, **details)
        self.found.append((key, issue))

    def report(self) -> None:
        self.reading.cell_issues.extend(issue for _, issue in sorted(self.found, key=lambda pair: pair[0]))
