"""``read_file``: a file's bytes to ``Parsed``, from the format and the header to the rows and the checks."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import re

import fastexcel
import polars as pl

from uhc.intake import file_limits
from uhc.intake.reader.checks import _with_parent_codes
from uhc.intake.reader.decoding import (
    _SEPARATORS,
    Cell,
    _csv_head,
    _csv_rows,
    _csv_table_fast,
    _decoded,
    _excel_table_of,
    _file_format,
    _looks_binary,
    _open_workbook,
    _Table,
    _table_of_rows,
    _unclosed_quote_line,
    _Unreadable,
)
from uhc.intake.reader.headers import _accepted, _Header, _header_candidate, _rank
from uhc.intake.reader.result import Parsed, _Reading
from uhc.intake.reader.rows import _rows_of
from uhc.intake.reader.schema import HEADER_SEARCH_ROWS, MAPPABLE_COLUMNS, MAX_BYTES, MAX_ROWS, Kind


def read_file(
    data: bytes,
    file_name: str,
    kind: Kind,
    sheet: str | None = None,
    mapping: dict[str, str] | None = None,
    period: dt.date | None = None,
) -> Parsed:
    """Read a coverage or population file; ``mapping`` states canonical column -> header when guessing fails.

    ``sheet`` picks a workbook's sheet (default: the first with a recognisable header). ``period``
    is the month of every row when the file has no period column. Never raises: what is wrong is
    in ``Parsed.issues`` (errors reject the file, warnings inform).
    """
    data = bytes(data)  # an upload may hand over a bytearray or memoryview
    reading = _Reading(file_name, hashlib.sha256(data).hexdigest(), kind)
    try:
        return _read(reading, data, sheet, dict(mapping or {}), period)
    except _Unreadable as error:
        reading.issue("error", "unreadable", params={"reason": error.reason})
    except MemoryError:  # past the reader process's address-space limit (uhc.intake.reader_process), in Python itself
        reading.issues.clear()
        reading.cell_issues.clear()
        reading.issue("error", "unreadable", params={"reason": "reader_memory"})
    except Exception:  # a file no one foresaw must still get an answer, not a crash
        reading.issues.clear()
        reading.cell_issues.clear()
        reading.issue("error", "unreadable", params={"reason": "internal"})
    return reading.parsed()


def _read(reading: _Reading, data: bytes, sheet: str | None, mapping: dict[str, str], period: dt.date | None) -> Parsed:
    if not data or data.isspace():
        raise _Unreadable("empty")
    if len(data) > MAX_BYTES:
        raise _Unreadable("too_large")
    if data.startswith(b"%PDF"):
        raise _Unreadable("pdf")
    if refused := file_limits.refusal(data, MAX_ROWS):
        raise _Unreadable(refused)
    unknown = sorted(name for name in mapping if name not in MAPPABLE_COLUMNS)
    if unknown:
        for name in unknown:
            reading.issue("error", "mapping_unknown_field", value=name, params={"names": list(MAPPABLE_COLUMNS)})
        return reading.parsed()
    reading.file_format = _file_format(data, reading.file_name)
    if reading.file_format == "csv":
        found = _csv_table(reading, data, mapping)
    else:
        found = _excel_table(reading, data, sheet, mapping)
    if found is None:
        return reading.parsed()
    rows, header = found
    return _with_parent_codes(_rows_of(reading, rows, header, mapping, period), header)


def _csv_table(reading: _Reading, data: bytes, mapping: dict[str, str]) -> tuple[_Table, _Header] | None:
    text, reading.encoding = _decoded(data)
    if _looks_binary(text):
        raise _Unreadable("binary")
    separators: tuple[str, ...] = _SEPARATORS
    line_end = text.find("\n")
    first_line = text if line_end < 0 else text[:line_end]
    skipped_lines = 0
    if re.fullmatch(r"sep=(.)\r?", first_line.strip("\r")):
        rest = "" if line_end < 0 else text[line_end + 1 :]
        separators, text, skipped_lines = (first_line[4],), rest, 1  # Excel's own separator line
    # The separator is the one under which the first rows hold the best header.
    best: tuple[tuple[int, int, int], str] | None = None
    for separator in separators:
        header = _header_candidate(_csv_head(text, separator, HEADER_SEARCH_ROWS + 1), reading.kind, mapping)
        if best is None or _rank(header) > best[0]:
            best = (_rank(header), separator)
    assert best is not None
    reading.separator = best[1]
    # Polars reads the records; Python's csv module only the files Polars would read otherwise.
    # The bytes as they are when the text is them decoded (UTF-8 without BOM): not encoded again.
    encoded = data if reading.encoding == "utf-8" and not skipped_lines else None
    table = _csv_table_fast(text, reading.separator, encoded)
    if table is None:
        rows = _csv_rows(text, reading.separator)
        unclosed = _unclosed_quote_line(text, reading.separator, rows)
        if unclosed is not None:
            last_line = len(io.StringIO(text, newline="").readlines())
            reading.issue(
                "error",
                "unclosed_quote",
                row=unclosed + skipped_lines,
                params={"first_line": unclosed + skipped_lines, "last_line": last_line + skipped_lines},
            )
            return None
        table = _table_of_rows(rows)
    if skipped_lines:
        table = dataclasses.replace(table, frame=table.frame.with_columns(pl.col("row") + skipped_lines))
    head = table.head()
    header = _header_candidate(head, reading.kind, mapping)
    if header is None or not _accepted(header, mapping):
        _report_no_header(reading, head, mapping)
        return None
    return table, header


def _excel_table(
    reading: _Reading, data: bytes, sheet: str | None, mapping: dict[str, str]
) -> tuple[_Table, _Header] | None:
    workbook = _open_workbook(data)
    try:
        names = tuple(workbook.sheet_names)
    except Exception as error:
        raise _Unreadable("excel") from error
    reading.sheets = names
    if not names:
        raise _Unreadable("excel")
    if sheet is not None:
        chosen = (
            sheet if sheet in names else next((n for n in names if n.strip().lower() == sheet.strip().lower()), None)
        )
        if chosen is None:
            reading.issue("error", "unknown_sheet", value=sheet, params={"sheets": list(names)})
            return None
        reading.sheet = chosen
        table = _load_sheet(workbook, chosen)
        header = _header_candidate(table.head(), reading.kind, mapping)
        if header is None or not _accepted(header, mapping):
            _report_no_header(reading, table.head(), mapping)
            return None
        return table, header
    for name in names:
        head = _load_sheet(workbook, name, HEADER_SEARCH_ROWS + 1).head()
        if _accepted(_header_candidate(head, reading.kind, mapping), mapping):
            reading.sheet = name
            table = _load_sheet(workbook, name)
            header = _header_candidate(table.head(), reading.kind, mapping)
            assert header is not None
            return table, header
    if len(names) == 1:
        reading.sheet = names[0]
        _report_no_header(reading, _load_sheet(workbook, names[0], HEADER_SEARCH_ROWS + 1).head(), mapping)
    elif mapping:
        reading.issue(
            "error", "mapping_not_found_any_sheet", params={"headers": list(mapping.values()), "sheets": list(names)}
        )
    else:
        reading.issue("error", "no_header_any_sheet", params={"rows": HEADER_SEARCH_ROWS, "sheets": list(names)})
    return None


def _load_sheet(workbook: fastexcel.ExcelReader, name: str, n_rows: int | None = None) -> _Table:
    try:
        return _excel_table_of(workbook, name, n_rows)
    except _Unreadable:
        raise
    except Exception as error:
        raise _Unreadable("excel") from error


def _report_no_header(reading: _Reading, rows: list[tuple[int, list[Cell]]], mapping: dict[str, str]) -> None:
    """No header: with a mapping, which mapped headers the file lacks; without, what was looked for."""
    if not mapping:
        reading.issue("error", "no_header", params={"rows": HEADER_SEARCH_ROWS})
        return
    # Name the headers of the row that holds most of the mapped ones.
    header = _header_candidate(rows, reading.kind, mapping)
    if header is None:
        reading.issue("error", "no_header", params={"rows": HEADER_SEARCH_ROWS})
        return
    written = [label for label in header.labels if label]
    for canonical, wanted in mapping.items():
        if canonical not in header.columns:
            reading.issue(
                "error",
                "mapping_unknown_header",
                row=header.row_number,
                value=wanted,
                params={"field": canonical, "headers": written},
            )
