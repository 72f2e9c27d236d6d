"""Bytes to a table of text cells: encodings, separators, CSV records (Polars or Python's csv) and sheets."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import fastexcel
import numpy as np
import polars as pl

from uhc.intake import file_limits
from uhc.intake.reader.schema import HEADER_SEARCH_ROWS, MAX_ROWS

# One kind of cell value: text as written, or a number from a numeric spreadsheet cell.
Cell = str | float | None

_SEPARATORS = (";", ",", "\t", "|")
_EMPTY_MARKS = frozenset({"", "-", "–", "—", "--"})
# Python's whitespace (what str.strip and str.split remove), for Polars' string functions to strip alike.
_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_SPACE_CLASS = "[" + "".join(f"\\x{{{ord(space):x}}}" for space in _SPACES) + "]"


def _cell_text(cell: Cell) -> str:
    """A cell as text: labels and headers may be typed as numbers (a code, a year)."""
    if cell is None:
        return ""
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    return cell.strip()


def _present(cell: Cell) -> bool:
    return isinstance(cell, float) or (cell is not None and cell.strip() not in _EMPTY_MARKS)


class _Unreadable(Exception):
    """The bytes are not a table this reader can open; ``reason`` names why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _decoded(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read with."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    if b"\x00" in data:
        raise _Unreadable("binary")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 reads them, the binary check judges the rest.
        return data.decode("latin-1"), "latin-1"


# Control characters (Unicode category Cc: U+0000-U+001F, U+007F-U+009F) other than the tab, line
# breaks and form feeds a text file holds.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    controls = len(_CONTROLS.findall(sample))
    return "\x00" in sample or controls > max(2, len(sample) // 100)


def _csv_rows(
    text: str, separator: str, limit: int | None = None, max_rows: int = MAX_ROWS
) -> list[tuple[int, list[Cell]]]:
    """CSV records (the first ``limit`` of them) with the line each starts on, by Python's csv module."""
    rows: list[tuple[int, list[Cell]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    line = 0
    try:
        for record in itertools.islice(reader, limit):
            rows.append((line + 1, list(record)))
            line = reader.line_num
            if len(rows) > max_rows:
                raise _Unreadable("too_large")
    except csv.Error as error:
        raise _Unreadable("csv") from error
    return rows


# The header is looked for in the first records: read from the file's first characters, not all 50 MB.
_HEAD_CHARACTERS = 64 * 1024


def _csv_head(
    text: str, separator: str, limit: int, head_characters: int = _HEAD_CHARACTERS
) -> list[tuple[int, list[Cell]]]:
    """The first ``limit`` records, as ``_csv_rows`` reads them from the whole text.

    Read from the text's first ``head_characters``: when one more record begins there, the first
    ``limit`` ended before it and are whole. Otherwise (long or few records, a broken quote) the
    whole text is read.
    """
    if len(text) > head_characters:
        try:
            rows = _csv_rows(text[:head_characters], separator, limit + 1)
        except _Unreadable:
            rows = []
        if len(rows) > limit:
            return rows[:limit]
    return _csv_rows(text, separator, limit)


@dataclass(frozen=True)
class _Table:
    """A CSV file or a sheet as read: every record as columns, for Polars to check whole columns.

    ``frame`` holds ``row`` (the number the user sees: Excel row, or the CSV line the record starts
    on), ``cells`` (how many cells the record has) and per column index ``i`` the text ``t{i}``
    (null when empty) and, for workbooks, ``n{i}``: the value of a numeric cell (null for text).
    """

    frame: pl.DataFrame
    width: int
    numeric: bool  # workbooks: whether n{i} columns hold numeric cells
    ragged: bool  # CSV: a record may have fewer or more cells than the header
    quoted: bool = True  # CSV: whether a cell may be quoted (and so hold a line break or a separator)

    def cells_at(self, index: int) -> list[Cell]:
        """Record ``index`` as the header functions see it: numbers as floats, text as written."""
        record = self.frame.row(index, named=True)
        if self.numeric:
            return [record[f"n{i}"] if record[f"n{i}"] is not None else record[f"t{i}"] for i in range(self.width)]
        return [record[f"t{i}"] or "" for i in range(record["cells"])]

    def head(self, count: int = HEADER_SEARCH_ROWS + 1) -> list[tuple[int, list[Cell]]]:
        """The first ``count`` records with their row numbers, where the header is looked for."""
        numbers = self.frame["row"].head(count).to_list()
        return [(number, self.cells_at(index)) for index, number in enumerate(numbers)]


def _table_of_rows(rows: list[tuple[int, list[Cell]]]) -> _Table:
    """A table from records read cell by cell (Python's csv module): the exact path for odd files."""
    width = max((len(cells) for _, cells in rows), default=0)
    columns = {
        f"t{i}": pl.Series([(cells[i] or None) if i < len(cells) else None for _, cells in rows], dtype=pl.String)
        for i in range(width)
    }
    frame = pl.DataFrame(
        {
            "row": pl.Series([number for number, _ in rows], dtype=pl.Int64),
            "cells": pl.Series([len(cells) for _, cells in rows], dtype=pl.Int64),
            **columns,
        }
    )
    return _Table(frame, width, numeric=False, ragged=True)


# How zlib (78 01/5e/9c/da), gzip (1f 8b) and zstd (28 b5 2f fd) streams begin.
_COMPRESSED_STARTS = (b"\x78\x01", b"\x78\x5e", b"\x78\x9c", b"\x78\xda", b"\x1f\x8b", b"\x28\xb5\x2f\xfd")


def _csv_table_fast(text: str, separator: str, encoded: bytes | None = None, max_rows: int = MAX_ROWS) -> _Table | None:
    """The records of a CSV file read by Polars, or None when only Python's csv module reads it as meant.

    Polars does not say where a record starts, so the line numbers come from the bytes: with no
    quotation mark inside any cell, every quote opens or closes a quoted cell, and a line break or
    separator is part of a record's structure when an even number of quotes comes before it.
    Files with a quote inside a cell, a lone CR line ending or a quote never closed are left to
    the exact path (None). ``encoded`` is ``text`` in UTF-8, when the caller has it.
    """
    if len(separator.encode("utf-8")) != 1:
        return None
    data = text.encode("utf-8") if encoded is None else encoded
    if b"\x00" in data or (b"\r" in data and data.count(b"\r") != data.count(b"\r\n")):
        return None
    # Polars inflates bytes that begin like a zlib, gzip or zstd stream before it parses them ("x^..."
    # is such a start): text with such a start goes to the exact path, never to a decompressor.
    if data.startswith(_COMPRESSED_STARTS):
        return None
    raw = np.frombuffer(data, dtype=np.uint8)
    quotes = np.flatnonzero(raw == ord('"')) if b'"' in data else np.empty(0, dtype=np.intp)
    if quotes.size % 2:
        return None
    newlines = np.flatnonzero(raw == ord("\n"))
    separators = np.flatnonzero(raw == ord(separator))
    ends = newlines
    if quotes.size:
        ends = newlines[np.searchsorted(quotes, newlines) % 2 == 0]
        separators = separators[np.searchsorted(quotes, separators) % 2 == 0]
    starts = np.concatenate(([0], ends + 1))
    stops = np.concatenate((ends, [raw.size]))
    if starts[-1] == raw.size:  # the file ends with a line break: no record after it
        starts, stops = starts[:-1], stops[:-1]
    count = starts.size
    if count == 0:
        return None
    if count > max_rows:
        raise _Unreadable("too_large")
    lengths = stops - starts
    blank = (lengths == 0) | ((lengths == 1) & (raw[np.minimum(starts, raw.size - 1)] == ord("\r")))
    # The separators of each record: those before its end less those before its start.
    fields = np.searchsorted(separators, stops) - np.searchsorted(separators, starts) + 1
    fields[blank] = 0
    width = int(fields.max())
    if width == 0:
        return None
    try:
        frame = pl.read_csv(
            data,
            has_header=False,
            separator=separator,
            quote_char='"',
            schema={f"t{i}": pl.String() for i in range(width)},
            missing_columns="insert",
            raise_if_empty=False,
        )
    except (pl.exceptions.PolarsError, ValueError):
        return None
    names = [f"t{i}" for i in range(width)]
    if frame.height != count or frame.columns != names:
        return None
    if quotes.size and frame.select(pl.any_horizontal(pl.col(names).str.contains('"', literal=True)).any()).item():
        return None
    # Polars reads an empty cell as null, a quoted empty one ("") as an empty text.
    cells = (pl.when(pl.col(name) != "").then(pl.col(name)).alias(name) for name in names) if quotes.size else names
    frame = frame.select(
        # Without quotes every line break ends a record: record i starts on line i + 1.
        pl.Series(
            "row", np.searchsorted(newlines, starts) + 1 if quotes.size else np.arange(1, count + 1), dtype=pl.Int64
        ),
        pl.Series("cells", fields, dtype=pl.Int64),
        *cells,
    )
    return _Table(frame, width, numeric=False, ragged=True, quoted=bool(quotes.size))


def _unclosed_quote_line(text: str, separator: str, rows: list[tuple[int, list[Cell]]]) -> int | None:
    """The line the last record starts on when a quotation mark opened in it is never closed.

    Python's csv module then reads the rest of the file as one cell; its strict mode says so.
    """
    if not rows:
        return None
    start = rows[-1][0]
    tail = "".join(io.StringIO(text, newline="").readlines()[start - 1 :])
    try:
        for _ in csv.reader(io.StringIO(tail, newline=""), delimiter=separator, strict=True):
            pass
    except csv.Error as error:
        return start if "unexpected end of data" in str(error) else None
    return None


def _excel_table_of(
    reader: fastexcel.ExcelReader, sheet: str, n_rows: int | None = None, max_rows: int = MAX_ROWS
) -> _Table:
    """A sheet from its first row: ``n{i}`` holds numeric cells, ``t{i}`` the text of every cell.

    calamine reads a whole column as one type, so three reads tell the cells apart: as text (what
    is written), as booleans (non-null only for numeric and boolean cells) and as floats (the
    numbers). Reading only as text would turn the number 87.42 into the text "87.42".
    """

    def load(dtype: Literal["string", "boolean", "float"]) -> pl.DataFrame:
        return reader.load_sheet(sheet, header_row=None, skip_rows=0, dtypes=dtype, n_rows=n_rows).to_polars()

    texts = load("string")
    if texts.height > max_rows:
        raise _Unreadable("too_large")
    if texts.height == 0 or texts.width == 0:
        return _Table(pl.DataFrame(schema={"row": pl.Int64(), "cells": pl.Int64()}), 0, numeric=True, ragged=False)
    probes, numbers = load("boolean"), load("float")
    if probes.shape != texts.shape or numbers.shape != texts.shape:
        raise _Unreadable("excel")
    width = texts.width
    loaded = pl.DataFrame(
        {
            **{f"t{i}": texts.to_series(i).cast(pl.String) for i in range(width)},
            **{f"p{i}": probes.to_series(i).is_not_null() for i in range(width)},
            **{f"f{i}": numbers.to_series(i).cast(pl.Float64) for i in range(width)},
        }
    )
    frame = loaded.select(
        pl.int_range(1, texts.height + 1, dtype=pl.Int64).alias("row"),
        pl.lit(width, dtype=pl.Int64).alias("cells"),
        *(pl.col(f"t{i}") for i in range(width)),
        *(
            pl.when(
                pl.col(f"p{i}")
                & pl.col(f"f{i}").is_not_null()
                & ~pl.col(f"t{i}").is_in(["true", "false"]).fill_null(False)
            )
            .then(pl.col(f"f{i}"))
            .alias(f"n{i}")
            for i in range(width)
        ),
    )
    return _Table(frame, width, numeric=True, ragged=False)


def _open_workbook(data: bytes) -> fastexcel.ExcelReader:
    try:
        return fastexcel.read_excel(data)
    except Exception as error:  # calamine reports every kind of broken workbook its own way
        raise _Unreadable("excel") from error


def sheets(data: bytes) -> tuple[str, ...]:
    """The sheet names of a workbook (XLSX, XLS, ODS); empty for anything else, never raises."""
    if not data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return ()
    if file_limits.refusal(data, MAX_ROWS):
        return ()
    try:
        return tuple(_open_workbook(data).sheet_names)
    except Exception:
        return ()


def _file_format(data: bytes, file_name: str) -> str:
    if data.startswith(b"PK\x03\x04"):
        return "ods" if file_name.lower().endswith(".ods") else "xlsx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    return "csv"


# The public door for readers of other tables (uhc.intake.people: registers, participant lists).
Table = _Table
Unreadable = _Unreadable


def read_table(
    data: bytes, file_name: str, head_score: Callable[[list[Cell]], int], head_rows: int, max_rows: int
) -> Table:
    """A CSV file or a workbook's first sheet as a :class:`Table` (limits checked by the caller).

    A CSV file's separator is the one under which some record of the first ``head_rows`` scores
    best by ``head_score`` (how many of the caller's header names it holds). Raises
    :class:`Unreadable` for bytes that are not such a table.
    """
    if _file_format(data, file_name) != "csv":
        workbook = _open_workbook(data)
        return _excel_table_of(workbook, workbook.sheet_names[0], max_rows=max_rows)
    text, encoding = _decoded(data)
    if _looks_binary(text):
        raise _Unreadable("binary")
    best: tuple[int, str] = (-1, _SEPARATORS[0])
    head_text = "\n".join(text[:65536].splitlines()[:head_rows])
    for separator in _SEPARATORS:
        try:
            head = _csv_rows(head_text, separator)
        except _Unreadable:  # a quote still open where the head was cut off: not this separator's header
            continue
        found = max((head_score(cells) for _, cells in head), default=0)
        if found > best[0]:
            best = (found, separator)
    table = _csv_table_fast(text, best[1], data if encoding == "utf-8" else None, max_rows)
    return table if table is not None else _table_of_rows(_csv_rows(text, best[1], max_rows=max_rows))
