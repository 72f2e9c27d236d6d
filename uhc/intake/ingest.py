"""Read coverage and population files as cities really have them: CSV or XLSX, Indonesian numbers.

CONTRACT (agreed between the reader and the importer; the reader fills in the bodies):

``read_file(data, file_name, kind, sheet=None, mapping=None) -> Parsed`` never raises on bad input:
whatever is wrong with the file becomes an ``Issue`` in ``Parsed.issues``. It only looks at the file
itself (no store): matching rows to regions and checks against stored figures are ``uhc.intake.imports``.

``Parsed.rows`` has exactly the columns of ``ROW_SCHEMA``, one row per data row of the file (the
total row excluded), nulls where the file has no such column:

- ``row``: the row number as the person who made the file sees it (Excel row, CSV line), 1-based;
- ``region_code``: a code as written (Kemendagri ``61.71.04.1001`` or ``6171041001``, or BPS ``6171010002``);
- ``kecamatan``, ``kelurahan``: labels as written (``Kec. Pontianak Kota``, ``6171031-PONTIANAK KOTA``);
- ``period``: the month (first day) from a period column, when the file has one;
- counts in people: ``population``, ``registered``, ``active``, ``inactive`` and the segments
  ``pbi_apbn``, ``pbi_apbd``, ``ppu``, ``pbpu``, ``bp`` (registered per segment).

How a file is read:

- CSV: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252; the separator (``;``,
  ``,``, tab, ``|``) is the one under which a header row is recognised; Excel's ``sep=;`` line is
  honoured. XLSX/XLS/ODS through fastexcel (calamine): a numeric cell stays a number, a text cell
  is parsed like a CSV cell.
- The header is the row among the first ``HEADER_SEARCH_ROWS`` that names most known columns
  (``COLUMN_SYNONYMS``); a second header row below it (``Peserta`` over ``Aktif | Non Aktif``) and
  a row of column numbers (``1 2 3 ...``) are recognised; under a population group (``Jumlah
  Penduduk`` over ``Laki-laki | Perempuan | Jumlah``, ``Penduduk`` over ``L | P | L+P``) the total
  is the population and one sex is not read. Title rows above are skipped; a month in
  them (``Posisi: Juni 2025``) is reported as ``Parsed.title_period``. A header with a word that
  makes it another figure (``Belum Terdaftar``, ``Peserta Bulan Lalu``, ``Penduduk Laki-laki``,
  ``Jumlah Kelurahan``) is not read; two headers read as the same column are an error unless a
  mapping names that column.
- Numbers: each count column is read as Indonesian (``687.031``, ``98,14``) or English
  (``687,031``) by Babel, whichever reads all its cells as whole numbers; a cell that fits neither
  is an error. ``-`` and empty cells are nulls.
- Rows whose label starts with ``Jumlah``/``Total`` are total rows: excluded and checked against the
  sum of the rows above them. Rows without any count (blank, headings, footnotes) are skipped.
- Where a file has kecamatan and kelurahan columns, a blank kecamatan cell (merged cells) takes the
  kecamatan above; a blank period cell takes the period above.
- ``registered`` missing is ``active + inactive``; ``active`` missing is ``registered - inactive``.
- Checks inside the file (warnings): totals, ``registered == active + inactive``, segments adding
  up to ``registered``. The importer checks the rest (regions, active above registered, the store).
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import functools
import hashlib
import io
import itertools
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Literal

import fastexcel
import numpy as np
import polars as pl
from babel.dates import get_month_names
from babel.numbers import NumberFormatError, get_decimal_symbol, get_group_symbol, parse_decimal

from uhc import i18n
from uhc.intake import file_limits, messages

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
LABEL_COLUMNS = ("region_code", "kecamatan", "kelurahan")
SEGMENT_COLUMNS = ("pbi_apbn", "pbi_apbd", "ppu", "pbpu", "bp")
# Codes of the levels above the row's region when a file has one code column per level
# (kode_provinsi, kode_kabupaten_kota, kode_kecamatan, kode_kelurahan): the most detailed is
# region_code, these are as written and must agree with it (a prefix of its digits).
PARENT_CODE_COLUMNS = ("province_code", "kab_kota_code", "kecamatan_code")
ROW_SCHEMA.update({column: pl.String() for column in PARENT_CODE_COLUMNS})
# Long layouts: one row per region x sex (x year). The labels as written; the importer adds the
# sexes of a region up and keeps the year asked for (uhc.intake.imports).
LONG_COLUMNS = ("sex", "year")
ROW_SCHEMA.update({column: pl.String() for column in LONG_COLUMNS})
# Parts of the population read only to be added up (no total column: Laki-laki + Perempuan,
# WNI + WNA) or to check the total column; they are not in ROW_SCHEMA.
PART_COLUMNS = ("population_male", "population_female", "population_wni", "population_wna")
# Every column a mapping may name: the row schema without the row number.
MAPPABLE_COLUMNS = (*LABEL_COLUMNS, "period", *COUNT_COLUMNS, *PARENT_CODE_COLUMNS, *LONG_COLUMNS)

# Headers as they are written in BPJS recaps and Dukcapil tables, in the form header_key() gives
# (lower case, punctuation as spaces). A header that contains a synonym as whole words matches it;
# the longest synonym wins (PBPU Pemda is pbi_apbd, not pbpu), then the rightmost (in "Peserta PPU"
# the segment is the last word).
COLUMN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "region_code": (
        "kode wilayah",
        "kode",
        "kode kemendagri",
        "kode bps",
        "region code",
        "code",
        "kode wil",
        "kode daerah",
        "kode desa",
        "kode kelurahan",
        "kode kel",
        "kode desa kelurahan",
        "kode kelurahan desa",
        "kode kecamatan",
        "kode kec",
    ),
    "kecamatan": ("kecamatan", "kec", "district", "sub district", "subdistrict", "nama kecamatan", "distrik"),
    "kelurahan": (
        "kelurahan",
        "desa",
        "kel",
        "kelurahan desa",
        "desa kelurahan",
        "kel desa",
        "village",
        "nama kelurahan",
        "nama desa",
    ),
    "period": ("periode", "bulan", "period", "month", "bulan tahun", "periode data", "bulan data", "posisi"),
    "sex": ("jenis kelamin", "kelamin", "jk", "sex", "gender", "jenis kelamin l p"),
    "year": ("tahun", "year", "thn", "tahun data"),
    "population": (
        "jumlah penduduk",
        "penduduk",
        "population",
        "jumlah jiwa",
        "jiwa",
        "jml penduduk",
        "total penduduk",
        "penduduk dukcapil",
        "total population",
    ),
    "registered": (
        "jumlah peserta",
        "peserta",
        "terdaftar",
        "total peserta",
        "registered",
        "peserta terdaftar",
        "jml peserta",
        "peserta jkn",
        "jumlah peserta jkn",
        "total registered",
    ),
    "active": (
        "peserta aktif",
        "aktif",
        "active",
        "jumlah peserta aktif",
        "total peserta aktif",
        "active participants",
    ),
    "inactive": (
        "non aktif",
        "nonaktif",
        "tidak aktif",
        "peserta non aktif",
        "peserta tidak aktif",
        "jumlah peserta non aktif",
        "inactive",
        "non active",
    ),
    "pbi_apbn": ("pbi apbn", "pbi jk", "pbi pusat"),
    "pbi_apbd": (
        "pbi apbd",
        "pbpu pemda",
        "penduduk didaftarkan pemda",
        "pbi daerah",
        "pbi pemda",
        "pd pemda",
    ),
    "ppu": ("ppu", "pekerja penerima upah"),
    "pbpu": ("pbpu", "mandiri", "pekerja bukan penerima upah", "peserta mandiri"),
    "bp": ("bp", "bukan pekerja"),
}
# Dukcapil population tables: "Laki-laki | Perempuan | Jumlah", where the bare total is the population.
POPULATION_TOTAL_HEADERS = ("jumlah", "total", "jml", "l p", "jumlah l p", "total l p", "jml l p", "lk pr")
# Percentages (% Cakupan, % Keaktifan) are computed by the dashboard, not stored.
RATIO_WORDS = frozenset({"cakupan", "keaktifan", "persen", "persentase", "prosentase", "rasio", "coverage", "ratio"})
# Figures that are not counts of people, whatever else their header says: "KEPADATAN (JIWA/KM2)" is
# people per km², "Laju Pertumbuhan Penduduk" a rate, "Persentase Penduduk" a share. Such a column is
# never read as population or participants; a file whose only candidate is one is refused naming it.
# Reason -> phrases (words in a row, in header_key form); the first reason that matches is given, so
# density (km2 with people) comes before area (km2 alone).
NOT_COUNT_PHRASES: dict[str, tuple[str, ...]] = {
    "density": (
        "kepadatan",
        "density",
        "per km2",
        "per km",
        "per ha",
        "jiwa km2",
        "jiwa km",
        "jiwa ha",
        "orang km2",
        "penduduk km2",
        "people km2",
        "persons km2",
    ),
    "area": ("luas", "area", "km2", "km", "ha", "hektar", "hektare", "hectare", "hectares", "sq km", "m2"),
    "share": (
        *sorted(RATIO_WORDS),
        "percent",
        "percentage",
        "pct",
        "proporsi",
        "proportion",
        "share",
        "rate",
        "per 100",
        "per 1000",
        "per 1 000",
        "per 10000",
        "per 10 000",
        "per 100000",
        "per 100 000",
        "per seribu",
        "per mil",
        "permil",
    ),
    "average": ("rata rata", "rerata", "rata2", "average", "mean", "avg", "median"),
    "growth": ("pertumbuhan", "laju", "growth", "kenaikan", "penambahan"),
}
# Signs that make a header a share whatever its words: "% Penduduk", "‰", "‱".
NOT_COUNT_SIGNS = ("%", "\u2030", "\u2031")
# Words that make a header a different figure from the one its other words name: "Penduduk Belum
# Terdaftar" is not the registered, "Peserta Bulan Lalu" not this month's, "Peserta Laki-laki" half
# of them. Such a column is left unread rather than stored as the canonical figure.
OTHER_FIGURE_WORDS = frozenset(
    {
        "belum",
        "baru",
        "target",
        "sasaran",
        "tunggakan",
        "lalu",
        "sebelumnya",
        "sebelum",
        "selisih",
        "kenaikan",
        "penambahan",
        "persen",
    }
)
# The level a code column's header names (kode_provinsi ... kode_kelurahan), least detailed first;
# a code column without one (Kode Wilayah) is the region's own.
CODE_LEVEL_WORDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("province_code", frozenset({"provinsi", "propinsi", "prov", "prop", "province"})),
    ("kab_kota_code", frozenset({"kabupaten", "kota", "kab", "kabkota", "kabkot", "regency", "city"})),
    ("kecamatan_code", frozenset({"kecamatan", "kec", "distrik", "district", "subdistrict"})),
    ("region_code", frozenset({"kelurahan", "desa", "kel", "village", "keldesa"})),
)
# One sex is part of the population; a header naming both ("Laki-laki + Perempuan") is the total.
MALE_WORDS = frozenset({"laki", "pria", "lk", "l"})
FEMALE_WORDS = frozenset({"perempuan", "wanita", "pr", "p"})
SEX_WORDS = frozenset({"laki", "pria", "perempuan", "wanita"})
# "Jumlah Desa", "Jumlah Kelurahan": a count of villages, not the village's name.
COUNTING_WORDS = frozenset({"jumlah", "jml", "total", "banyaknya", "banyak"})
# A header row is looked for in the first rows only: recaps have a few title rows, never dozens.
HEADER_SEARCH_ROWS = 30
# Past this many findings of one kind about cells, one more finding says how many were left out.
MAX_CELL_ISSUES = 100
MAX_BYTES = 50 * 1024**2
MAX_ROWS = 2_000_000
# No region has a quadrillion residents; a larger "count" is a misread cell, not a number.
MAX_COUNT = 10**15

# One kind of cell value: text as written, or a number from a numeric spreadsheet cell.
Cell = str | float | None

_SEPARATORS = (";", ",", "\t", "|")
_EMPTY_MARKS = frozenset({"", "-", "–", "—", "--"})
# Python's whitespace (what str.strip and str.split remove), for Polars' string functions to strip alike.
_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_SPACE_CLASS = "[" + "".join(f"\\x{{{ord(space):x}}}" for space in _SPACES) + "]"
_NUMBER_SHAPE = re.compile(r"[+-]?[0-9.,]*[0-9][0-9.,]*")
_TOTAL_LABEL = re.compile(r"^(jumlah|total|sub ?total|grand total|jml)\b")
_SUBTOTAL_LABEL = re.compile(r"^(sub ?total|(jumlah|total|jml) (kec|kecamatan)\b)")
_TIME_SUFFIX = re.compile(r"[ t]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_COLUMN_NUMBER = re.compile(r"\(?([0-9]{1,2})\)?")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
# Words around a month that do not change it: "Posisi Juni 2025", "Bulan 06 Tahun 2025".
_PERIOD_WORDS = frozenset({"posisi", "per", "bulan", "bln", "periode", "tahun", "thn", "th", "tanggal", "tgl", "data"})


def _month_numbers() -> dict[str, int]:
    """Month names and abbreviations in Indonesian and English (Babel), plus older spellings."""
    names: dict[str, int] = {}
    for locale in ("id", "en"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, "format", locale=locale).items():
                names[name.lower()] = number
    # Spellings Babel does not have but recaps do: Pebruari/Nopember (pre-EYD), Agt, Sept.
    names.update({"pebruari": 2, "peb": 2, "agt": 8, "agus": 8, "sept": 9, "nopember": 11, "nop": 11})
    return names


_MONTHS = _month_numbers()


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
        key = messages.READER_ISSUES.get(self.code)
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
        return ", ".join(column_label(str(item), language) for item in value)  # type: ignore[union-attr]
    if name in {"reason", "convention"}:
        return (
            i18n.text(messages.READER_VALUES[name, value], language)
            if (name, value) in messages.READER_VALUES
            else str(value)
        )
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
    return i18n.text(messages.FIELDS[canonical], language) if canonical in messages.FIELDS else canonical


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


# headers ----------------------------------------------------------------------------------------


def header_key(text: str) -> str:
    """A header reduced for comparison: lower case, punctuation and runs of spaces as one space."""
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


_SPLIT_COLUMNS = frozenset({"active", "inactive", *SEGMENT_COLUMNS})
_SYNONYM_WORDS = tuple(
    (tuple(synonym.split()), canonical) for canonical, synonyms in COLUMN_SYNONYMS.items() for synonym in synonyms
)


_NOT_COUNT_WORDS = tuple(
    (reason, tuple(tuple(p.split()) for p in phrases)) for reason, phrases in NOT_COUNT_PHRASES.items()
)


def _phrase_spans(words: Sequence[str], phrase: tuple[str, ...]) -> list[range]:
    """Where ``phrase`` occurs in ``words`` as whole words."""
    size = len(phrase)
    return [
        range(start, start + size)
        for start in range(len(words) - size + 1)
        if tuple(words[start : start + size]) == phrase
    ]


@functools.lru_cache(maxsize=8192)
def not_count_reason(header: str) -> str | None:
    """Why a header names a figure that is not a count of people, or None.

    ``density`` (kepadatan, per km²), ``area`` (luas, km², ha), ``share`` (%, persen, rasio,
    per 1.000), ``average`` (rata-rata) or ``growth`` (laju, pertumbuhan).
    """
    if any(sign in header for sign in NOT_COUNT_SIGNS):
        return "share"
    words = header_key(header).split()
    for reason, phrases in _NOT_COUNT_WORDS:
        if any(_phrase_spans(words, phrase) for phrase in phrases):
            return reason
    return None


@functools.lru_cache(maxsize=8192)
def _count_named_by(header: str, kind: Kind) -> str | None:
    """The count column a not-a-count header would name without its density, area, share... words.

    ``KEPADATAN (JIWA/KM2)`` -> ``population`` (it is about people, but not a count of them).
    """
    words = header_key(header).split()
    dropped = {
        index
        for _, phrases in _NOT_COUNT_WORDS
        for phrase in phrases
        for span in _phrase_spans(words, phrase)
        for index in span
    }
    # "jiwa" in "jiwa/km2" is what the density counts: kept, so the column is named as people.
    kept = {word for synonym, canonical in _SYNONYM_WORDS if canonical in COUNT_COLUMNS for word in synonym}
    rest = " ".join(w for index, w in enumerate(words) if (index not in dropped or w in kept) and w != "per")
    canonical = canonical_column(rest, kind) if rest else None
    return canonical if canonical in COUNT_COLUMNS else None


@functools.lru_cache(maxsize=8192)
def canonical_column(header: str, kind: Kind = "coverage") -> str | None:
    """The canonical column a header names (``Jumlah Peserta`` -> ``registered``), or None."""
    if not_count_reason(header) is not None:
        return None
    # "Posisi: Juni 2025" in a title row names a month, not the period column: over the real
    # header it would otherwise make a two-row header of the title.
    if any(ch.isdigit() for ch in header) and parse_period(header) is not None:
        return None
    words = header_key(header).split()
    if not words or OTHER_FIGURE_WORDS.intersection(words):
        return None
    if SEX_WORDS.intersection(words) and not (MALE_WORDS.intersection(words) and FEMALE_WORDS.intersection(words)):
        return None
    matches = [
        (start, start + len(synonym), canonical)
        for synonym, canonical in _SYNONYM_WORDS
        for start in range(len(words) - len(synonym) + 1)
        if tuple(words[start : start + len(synonym)]) == synonym
    ]
    # A match inside a longer one is part of it ("aktif" in "non aktif"); two parts of a split left
    # after that ("PBPU/BP", "Aktif dan Non Aktif") make one column of two figures: not guessed.
    outer = [
        m for m in matches if not any(o[0] <= m[0] and m[1] <= o[1] and (o[1] - o[0]) > (m[1] - m[0]) for o in matches)
    ]
    split = {canonical for _, _, canonical in outer if canonical in _SPLIT_COLUMNS}
    if len(split) > 1:
        return None
    if split:  # "Peserta JKN Aktif", "Jumlah Peserta PPU": the last words narrow the participants down
        outer = [m for m in outer if m[2] != "registered"]
    if outer:
        longest = max(end - start for start, end, _ in outer)
        start, _, canonical = max((m for m in outer if m[1] - m[0] == longest), key=lambda m: m[0])
        if len({c for s, e, c in outer if (s, e - s) == (start, longest)}) == 1:
            if canonical in {"kecamatan", "kelurahan"} and COUNTING_WORDS.intersection(words):
                return None
            return canonical
    if kind == "population" and " ".join(words) in POPULATION_TOTAL_HEADERS:
        return "population"
    return None


def _cell_text(cell: Cell) -> str:
    """A cell as text: labels and headers may be typed as numbers (a code, a year)."""
    if cell is None:
        return ""
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    return cell.strip()


def _present(cell: Cell) -> bool:
    return isinstance(cell, float) or (cell is not None and cell.strip() not in _EMPTY_MARKS)


def _looks_numeric(cell: Cell) -> bool:
    if isinstance(cell, float):
        return True
    return cell is not None and bool(_NUMBER_SHAPE.fullmatch(_compact(cell)))


@dataclass
class _Header:
    """Where the header is and which column holds what."""

    at: int  # index of the header row
    row_number: int
    data_start: int  # index of the first row under the header (and sub-header)
    labels: list[str]  # header as written, per column index
    columns: dict[str, int]  # canonical -> column index (parent codes: PARENT_CODE_COLUMNS)
    duplicates: list[tuple[str, int, int]]  # (canonical, column used, column not used)
    mapped_found: int = 0
    # Columns not read because they are no count (density, area, share, average, growth) although
    # their other words name one: (column index, the count they name, reason), for the refusal.
    not_counts: list[tuple[int, str, str]] = field(default_factory=list)

    @property
    def score(self) -> int:
        # A column left unread as no count is still a header: the row is the header, and the
        # refusal can name the column.
        return len(self.columns) + len(self.not_counts)


def _one_sex(label: str) -> bool:
    """Whether a sub-header names one sex only: ``L``, ``P``, ``LK``, ``PR``, ``Laki-laki``, ``Perempuan``."""
    words = set(header_key(label).split())
    return (
        bool(words)
        and words <= MALE_WORDS | FEMALE_WORDS
        and not (MALE_WORDS.intersection(words) and FEMALE_WORDS.intersection(words))
    )


def _population_total(label: str) -> bool:
    """Whether a sub-header under a population group is its total: ``Jumlah``, ``Total``, ``L+P``, ``JML``."""
    return not _one_sex(label) and (
        header_key(label) in POPULATION_TOTAL_HEADERS or canonical_column(label, "population") == "population"
    )


def _assign(
    labels: list[str], kind: Kind, mapping: dict[str, str], unread: frozenset[int] = frozenset()
) -> tuple[dict[str, int], list, int, list[tuple[int, str, str]]]:
    """Columns from header labels: the mapping first, then guesses for the rest (none for ``unread``).

    Also returns the columns left unread as no count (``_Header.not_counts``): even a mapping does
    not make a density or a percentage a count of people.
    """
    columns: dict[str, int] = {}
    keys = [header_key(label) for label in labels]
    mapped_found = 0
    not_counts: list[tuple[int, str, str]] = []
    for canonical, header in mapping.items():
        wanted = header_key(header)
        for index, key in enumerate(keys):
            if wanted and key == wanted and index not in columns.values():
                mapped_found += 1
                reason = not_count_reason(labels[index]) if canonical in COUNT_COLUMNS else None
                if reason is not None:
                    not_counts.append((index, canonical, reason))
                else:
                    columns[canonical] = index
                break
    taken = set(columns.values()) | {index for index, _, _ in not_counts}
    duplicates = []
    for index, label in enumerate(labels):
        if index in taken | unread:
            continue
        canonical = canonical_column(label, kind)
        if canonical is None:
            reason = not_count_reason(label) if label else None
            named = _count_named_by(label, kind) if reason is not None else None
            if named is not None and named not in mapping:
                not_counts.append((index, named, reason))  # type: ignore[arg-type]
            continue
        if canonical in mapping:
            continue
        if canonical in columns:
            duplicates.append((canonical, columns[canonical], index))
        else:
            columns[canonical] = index
    if "region_code" not in mapping:
        _split_code_levels(labels, columns, duplicates)
    if "population" not in mapping:
        _population_parts(labels, kind, columns, duplicates)
    return columns, duplicates, mapped_found, not_counts


# Words of a population header around its sex or citizenship: "Jumlah Penduduk Laki-laki" is the men.
_POPULATION_WORDS = frozenset({"penduduk", "jiwa", "jumlah", "jml", "total", "population"})


def _sex_of(label: str, kind: Kind) -> str | None:
    """``male``/``female`` for a header of one sex's population (``LK``, ``Laki-laki``, ``Penduduk Perempuan``)."""
    words = set(header_key(label).split())
    rest = words - _POPULATION_WORDS
    # In a coverage recap "L"/"P" alone may be participants by sex: only a population header is the population's.
    if not rest or (kind == "coverage" and not words & {"penduduk", "jiwa"}):
        return None
    if rest <= MALE_WORDS:
        return "male"
    if rest <= FEMALE_WORDS:
        return "female"
    return None


def _citizenship_of(label: str) -> str | None:
    """``wni``/``wna`` for a population header of citizens or of foreigners only."""
    words = set(header_key(label).split())
    if "wni" in words and "wna" not in words:
        return "wni"
    if "wna" in words and "wni" not in words:
        return "wna"
    return None


def _population_parts(labels: list[str], kind: Kind, columns: dict[str, int], duplicates: list) -> None:
    """Population parts: WNI + WNA beside (or instead of) the total, men + women where no total is written.

    Dukcapil DKI's ``WNI (L, P, L+P) | WNA (L, P, L+P) | JUMLAH (L, P, L+P)`` reads three population
    columns: the one of neither group is the population, checked against WNI + WNA. With only the
    WNI and WNA totals the population is their sum; with only ``LK | PR`` it is their sum, and beside a
    total they check it. Anything else stays as it was (two population columns remain a duplicate for
    the person to choose).
    """
    found = (
        [columns["population"], *(o for c, _, o in duplicates if c == "population")] if "population" in columns else []
    )
    if len(found) > 1:
        groups = {index: _citizenship_of(labels[index]) for index in found}
        wni = [index for index, group in groups.items() if group == "wni"]
        wna = [index for index, group in groups.items() if group == "wna"]
        totals = [index for index, group in groups.items() if group is None]
        if len(wni) == 1 and len(wna) == 1 and len(totals) <= 1:
            duplicates[:] = [d for d in duplicates if d[0] != "population"]
            columns["population_wni"], columns["population_wna"] = wni[0], wna[0]
            if totals:
                columns["population"] = totals[0]
            else:
                del columns["population"]
    if "population_wni" in columns:
        return
    taken = set(columns.values())
    sexes = [(index, _sex_of(label, kind)) for index, label in enumerate(labels) if index not in taken and label]
    male = [index for index, sex in sexes if sex == "male"]
    female = [index for index, sex in sexes if sex == "female"]
    if len(male) == 1 and len(female) == 1:
        columns["population_male"], columns["population_female"] = male[0], female[0]


def _code_level(label: str) -> str | None:
    """Which level a code column's header names: ``kode_kecamatan`` -> ``kecamatan_code``; None for ``Kode Wilayah``."""
    words = set(header_key(label).split())
    named = [level for level, level_words in CODE_LEVEL_WORDS if level_words.intersection(words)]
    return named[-1] if named else None


def _split_code_levels(labels: list[str], columns: dict[str, int], duplicates: list) -> None:
    """Several code columns, one per level: the most detailed is region_code, the others parent codes.

    ``kode_provinsi, kode_kabupaten_kota, kode_kecamatan, kode_kelurahan`` all read as a code;
    when each names its own level (at most one names none: that is the region's own code), they are
    no duplicates. Otherwise they stay duplicates, for the person who made the file to choose.
    """
    if "region_code" not in columns:
        return
    indices = [columns["region_code"], *(other for canonical, _, other in duplicates if canonical == "region_code")]
    if len(indices) < 2:
        return
    levels = [_code_level(labels[index]) or "region_code" for index in indices]
    if len(set(levels)) != len(levels):
        return
    order = [level for level, _ in CODE_LEVEL_WORDS]
    by_level = sorted(zip(levels, indices, strict=True), key=lambda pair: order.index(pair[0]))
    # The most detailed code is the region's, whichever level it names; those above it are parents.
    region_index = by_level[-1][1]
    duplicates[:] = [d for d in duplicates if d[0] != "region_code"]
    columns["region_code"] = region_index
    for level, index in by_level[:-1]:
        columns[level] = index


def _header_at(rows: list[tuple[int, list[Cell]]], at: int, kind: Kind, mapping: dict[str, str]) -> _Header:
    """The header read from row ``at``, merged with a second header row below it when there is one."""
    number, cells = rows[at]
    top = [_cell_text(cell) for cell in cells]
    columns, duplicates, mapped_found, not_counts = _assign(top, kind, mapping)
    header = _Header(at, number, at + 1, top, columns, duplicates, mapped_found, not_counts)
    if at + 1 >= len(rows):
        return header
    below = [_cell_text(cell) for cell in rows[at + 1][1]]
    if any(_looks_numeric(cell) for cell in rows[at + 1][1]) or not any(below):
        return header
    mapped_headers = {header_key(h) for h in mapping.values()}
    if not any(
        canonical_column(label, kind) or _population_total(label) or _one_sex(label) for label in below
    ) and not any(header_key(label) in mapped_headers for label in below if label):
        return header
    # A second header row: a label over a merged span (Peserta over Aktif | Non Aktif | Jumlah)
    # reaches the sub-labels to its right.
    merged, above = [], ""
    # Under a population group (Jumlah Penduduk over Laki-laki | Perempuan | Jumlah), one sex is part
    # of the population and is not read; the total sub-column is the population.
    one_sex: set[int] = set()
    totals: set[int] = set()
    for index in range(max(len(top), len(below))):
        over = top[index] if index < len(top) else ""
        under = below[index] if index < len(below) else ""
        if over and any(ch.isdigit() for ch in over) and parse_period(over) is not None:
            over = ""  # a title's month ("Posisi: Juni 2025") heads no column
        above = over or (above if under else "")
        if (
            under
            and above
            and header_key(under) not in mapped_headers
            and canonical_column(above, kind) == "population"
        ):
            if _one_sex(under):
                one_sex.add(index)
            elif _population_total(under):
                totals.add(index)
        # Under "PENDUDUK WNI" and "PENDUDUK WNA" the totals are both "L+P": the group says whose they are.
        citizens = index in totals and above and _citizenship_of(above) is not None
        if under and not citizens and (canonical_column(under, kind) or header_key(under) in mapped_headers):
            merged.append(under)
        elif under and above:
            merged.append(f"{above} {under}")
        else:
            merged.append(over or under)
    columns2, duplicates2, mapped2, not_counts2 = _assign(merged, kind, mapping, frozenset(one_sex))
    # Only a merge that names more than either row alone is a two-row header; a title row right
    # above the header is not one. A merge that names as many as the top row is one when it finds
    # the population in the total under the group, where the top row alone finds it over the men.
    alone, _, mapped_alone, _ = _assign(below, kind, mapping)
    two_rows = (mapped2, len(columns2))
    if two_rows > max((mapped_found, len(columns)), (mapped_alone, len(alone))) or (
        columns2.get("population") in totals
        and two_rows >= (mapped_found, len(columns))
        and two_rows > (mapped_alone, len(alone))
    ):
        return _Header(at, number, at + 2, merged, columns2, duplicates2, mapped2, not_counts2)
    return header


def _header_candidate(rows: list[tuple[int, list[Cell]]], kind: Kind, mapping: dict[str, str]) -> _Header | None:
    """The likeliest header among the first rows: most mapped headers found, then most columns named."""
    best: _Header | None = None
    for at in range(min(HEADER_SEARCH_ROWS, len(rows))):
        if not any(_present(cell) for cell in rows[at][1]):
            continue
        header = _header_at(rows, at, kind, mapping)
        if best is None or _rank(header) > _rank(best):
            best = header
    return best


def _rank(header: _Header | None) -> tuple[int, int, int]:
    if header is None:
        return (-1, -1, -1)
    return (header.mapped_found, header.score, sum(1 for label in header.labels if label))


def _accepted(header: _Header | None, mapping: dict[str, str]) -> bool:
    """A header is one when it has every mapped header, or (without a mapping) names two columns."""
    if header is None:
        return False
    if mapping:
        return header.mapped_found == len(mapping)
    return header.score >= 2


def _is_column_numbering(cells: Sequence[Cell]) -> bool:
    """A row of column numbers under the header: (1) (2) (3) ... or 1 2 3 ..."""
    numbers = []
    for cell in cells:
        if not _present(cell):
            continue
        match = _COLUMN_NUMBER.fullmatch(_cell_text(cell))
        if match is None:
            return False
        numbers.append(int(match.group(1)))
    return len(numbers) >= 3 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


# numbers and months -----------------------------------------------------------------------------


def _compact(text: str) -> str:
    """A number as typed without its spaces (687 031, NBSP) and with a typographic minus as ``-``."""
    text = "".join(text.split()).replace("−", "-")
    if text.startswith("(") and text.endswith(")"):  # accounting negatives: (1.234)
        text = "-" + text[1:-1]
    return text


def parse_number(text: str, convention: Literal["id", "en"]) -> Decimal | None:
    """A number written in Indonesian (``687.031``, ``98,14``) or English (``687,031``) style, or None."""
    text = _compact(text)
    if len(text) > 40 or not _NUMBER_SHAPE.fullmatch(text):
        return None
    if not _shape_fits(text.translate(_DIGITS_AS_ONE), convention):
        return None
    group, decimal = _SYMBOLS[convention]
    value = Decimal(text.replace(group, "").replace(decimal, "."))
    return value if value.adjusted() <= 15 else None


# Babel's strict parse takes 10-40 µs a cell, too slow for a file of every kelurahan in the
# country (84.000 rows x 9 counts, each tried both ways). Numbers of one shape (999.999, 9,99)
# read alike, so Babel judges each shape once, and its separators turn the digits into a Decimal.
_DIGITS_AS_ONE = str.maketrans("0123456789", "1111111111")
_SYMBOLS = {convention: (get_group_symbol(convention), get_decimal_symbol(convention)) for convention in ("id", "en")}


@functools.lru_cache(maxsize=4096)
def _shape_fits(shape: str, convention: Literal["id", "en"]) -> bool:
    """Whether Babel's strict parse accepts a number of this shape (digits written as 1) in ``convention``."""
    try:
        parse_decimal(shape, locale=convention, strict=True)
    except (NumberFormatError, ValueError, ArithmeticError):
        return False
    return True


def _whole(value: Decimal) -> bool:
    try:
        return value == value.to_integral_value()
    except InvalidOperation:
        return False


def parse_period(text: str) -> dt.date | None:
    """The month (its first day) a text names: ``2025-06``, ``Juni 2025``, ``Jun-25``, ``01/06/2025``, ``202506``.

    Dates with three numbers are day-first (Indonesian) unless they start with a four-digit year.
    """
    text = _TIME_SUFFIX.sub("", unicodedata.normalize("NFKC", text).strip().lower())
    tokens = re.findall(r"[0-9]+|[a-z]+", text)
    numbers = [token for token in tokens if token.isdigit()]
    words = [token for token in tokens if not token.isdigit()]
    month_words = [_MONTHS[word] for word in words if word in _MONTHS]
    if len(month_words) > 1 or len(numbers) > 3 or any(w not in _MONTHS and w not in _PERIOD_WORDS for w in words):
        return None
    year = month = None
    if month_words:
        month = month_words[0]
        years = [n for n in numbers if len(n) == 4]
        days = [n for n in numbers if len(n) <= 2]
        if len(years) == 1 and len(days) <= 1 and len(numbers) == len(years) + len(days):
            year = int(years[0])
        elif not years and len(days) == 1:  # Jun-25: Excel's mmm-yy
            year = 2000 + int(days[0])
    elif len(numbers) == 3:
        first, second, third = numbers
        if len(first) == 4:
            year, month = int(first), int(second)
        elif len(third) in (2, 4) and len(first) <= 2:
            year = int(third) + (2000 if len(third) == 2 else 0)
            month = int(second)
            if not 1 <= int(first) <= 31:
                return None
    elif len(numbers) == 2:
        first, second = numbers
        if len(first) == 4 and len(second) <= 2:
            year, month = int(first), int(second)
        elif len(second) == 4 and len(first) <= 2:
            year, month = int(second), int(first)
    elif len(numbers) == 1 and len(numbers[0]) in (6, 8) and len(tokens) == 1:
        year, month = int(numbers[0][:4]), int(numbers[0][4:6])
    if year is None or month is None or not 1 <= month <= 12 or not 1900 <= year <= 2100:
        return None
    return dt.date(year, month, 1)


def _period_of_number(value: float) -> dt.date | None:
    """A month from a numeric cell: 202506 (yyyymm) or an Excel date serial."""
    if not math.isfinite(value) or not value.is_integer():
        return None
    whole = int(value)
    if 190001 <= whole <= 210012 and 1 <= whole % 100 <= 12:
        return dt.date(whole // 100, whole % 100, 1)
    if 32874 <= whole <= 73415:  # Excel serials of 1990-01-01 to 2100-12-31; 2025 is a year, not a date
        return (_EXCEL_EPOCH + dt.timedelta(days=whole)).replace(day=1)
    return None


def _title_period(rows: Iterable[tuple[int, list[Cell]]]) -> dt.date | None:
    """A month named in the title rows above the header: ``Posisi: Juni 2025``, ``Bulan Mei 2025``."""
    for _, cells in rows:
        for cell in cells:
            if not isinstance(cell, str):
                continue
            for word, year in re.findall(r"([a-z]+)[\s\-/.,]+([0-9]{4})\b", cell.lower()):
                if word in _MONTHS and 1900 <= int(year) <= 2100:
                    return dt.date(int(year), _MONTHS[word], 1)
    return None


# reading bytes into rows of cells ---------------------------------------------------------------


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


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    return "\x00" in sample or controls > max(2, len(sample) // 100)


def _csv_rows(text: str, separator: str, limit: int | None = None) -> list[tuple[int, list[Cell]]]:
    """CSV records (the first ``limit`` of them) with the line each starts on, by Python's csv module."""
    rows: list[tuple[int, list[Cell]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    line = 0
    try:
        for record in itertools.islice(reader, limit):
            rows.append((line + 1, list(record)))
            line = reader.line_num
            if len(rows) > MAX_ROWS:
                raise _Unreadable("too_large")
    except csv.Error as error:
        raise _Unreadable("csv") from error
    return rows


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


def _csv_table_fast(text: str, separator: str) -> _Table | None:
    """The records of a CSV file read by Polars, or None when only Python's csv module reads it as meant.

    Polars does not say where a record starts, so the line numbers come from the bytes: with no
    quotation mark inside any cell, every quote opens or closes a quoted cell, and a line break or
    separator is part of a record's structure when an even number of quotes comes before it.
    Files with a quote inside a cell, a lone CR line ending or a quote never closed are left to
    the exact path (None).
    """
    if len(separator.encode("utf-8")) != 1 or "\x00" in text or text.count("\r") != text.count("\r\n"):
        return None
    data = text.encode("utf-8")
    # Polars inflates bytes that begin like a zlib, gzip or zstd stream before it parses them ("x^..."
    # is such a start): text with such a start goes to the exact path, never to a decompressor.
    if data.startswith(_COMPRESSED_STARTS):
        return None
    raw = np.frombuffer(data, dtype=np.uint8)
    quotes = np.flatnonzero(raw == ord('"'))
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
    if count > MAX_ROWS:
        raise _Unreadable("too_large")
    lengths = stops - starts
    blank = (lengths == 0) | ((lengths == 1) & (raw[np.minimum(starts, raw.size - 1)] == ord("\r")))
    fields = np.bincount(np.searchsorted(ends, separators), minlength=count)[:count] + 1
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
    frame = frame.select(
        pl.Series("row", np.searchsorted(newlines, starts) + 1, dtype=pl.Int64),
        pl.Series("cells", fields, dtype=pl.Int64),
        *(pl.when(pl.col(name) != "").then(pl.col(name)).alias(name) for name in names),
    )
    return _Table(frame, width, numeric=False, ragged=True)


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


def _excel_table_of(reader: fastexcel.ExcelReader, sheet: str, n_rows: int | None = None) -> _Table:
    """A sheet from its first row: ``n{i}`` holds numeric cells, ``t{i}`` the text of every cell.

    calamine reads a whole column as one type, so three reads tell the cells apart: as text (what
    is written), as booleans (non-null only for numeric and boolean cells) and as floats (the
    numbers). Reading only as text would turn the number 87.42 into the text "87.42".
    """

    def load(dtype: str) -> pl.DataFrame:
        return reader.load_sheet(sheet, header_row=None, skip_rows=0, dtypes=dtype, n_rows=n_rows).to_polars()

    texts = load("string")
    if texts.height > MAX_ROWS:
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


# the reader -------------------------------------------------------------------------------------


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
    if not data.strip():
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
    separators = _SEPARATORS
    first_line, _, rest = text.partition("\n")
    skipped_lines = 0
    if re.fullmatch(r"sep=(.)\r?", first_line.strip("\r")):
        separators, text, skipped_lines = (first_line[4],), rest, 1  # Excel's own separator line
    # The separator is the one under which the first rows hold the best header.
    best: tuple[tuple[int, int, int], str] | None = None
    for separator in separators:
        header = _header_candidate(_csv_rows(text, separator, HEADER_SEARCH_ROWS + 1), reading.kind, mapping)
        if best is None or _rank(header) > best[0]:
            best = (_rank(header), separator)
    assert best is not None
    reading.separator = best[1]
    # Polars reads the records; Python's csv module only the files Polars would read otherwise.
    table = _csv_table_fast(text, reading.separator)
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


def _with_parent_codes(parsed: Parsed, header: _Header) -> Parsed:
    """The parent code columns (read by the body) checked against region_code.

    A parent code must be the start of the row's more detailed code, digit by digit: 3173010 of
    3173010001, 31.73.01 of 31.73.01.1001. A row where they differ is an error naming both cells:
    which of the two is wrong only the person who made the file can tell.
    """
    parents = [c for c in PARENT_CODE_COLUMNS if c in header.columns]
    frame = parsed.rows
    if not parents or frame.height == 0:
        return parsed
    # Only the leading code of a cell counts: "31.73.01 Kec. Kembangan" is 317301.
    digits = {
        c: pl.col(c).str.extract(r"^\s*([0-9][0-9.\s-]*)", 1).str.replace_all(r"[^0-9]", "")
        for c in (*parents, "region_code")
    }
    issues = []
    detailed = ["region_code", *reversed(parents)]  # most detailed first
    for c in parents:
        below = [
            d for d in detailed if d == "region_code" or PARENT_CODE_COLUMNS.index(d) > PARENT_CODE_COLUMNS.index(c)
        ]
        other = pl.coalesce([pl.when(digits[d] != "").then(pl.lit(d)) for d in below])
        other_digits = pl.coalesce([pl.when(digits[d] != "").then(digits[d]) for d in below])
        wrong = frame.with_columns(other=other, other_digits=other_digits, own=digits[c]).filter(
            (pl.col("own") != "")
            & pl.col("other_digits").is_not_null()
            & ~pl.col("other_digits").str.starts_with(pl.col("own"))
        )
        for row in wrong.iter_rows(named=True):
            issues.append(
                Issue(
                    "error",
                    "parent_code_mismatch",
                    parsed.file_name,
                    row=row["row"],
                    column=parsed.columns[c],
                    value=row[c],
                    params={"field": c, "code": row[row["other"]], "code_column": parsed.columns[row["other"]]},
                    sheet=parsed.sheet,
                )
            )
    issues.sort(key=lambda issue: issue.row or 0)
    return dataclasses.replace(parsed, rows=frame, issues=(*parsed.issues, *_capped(issues)))


def _rows_of(
    reading: _Reading,
    table: _Table,
    header: _Header,
    mapping: dict[str, str],
    period: dt.date | None,
) -> Parsed:
    columns = header.columns
    written = {canonical: header.labels[index] for canonical, index in columns.items()}
    # Two columns that both read as one figure (this month and last month, two sources) would store
    # whichever is leftmost; only the person who made the file knows which one is meant.
    for canonical, used, other in header.duplicates:
        reading.issue(
            "error",
            "duplicate_column",
            row=header.row_number,
            column=header.labels[other],
            params={
                "field": canonical,
                "used": header.labels[used],
                "other": header.labels[other],
                "canonical": canonical,
                "headers": [label for label in header.labels if label],
            },
        )
    title_period = _title_period(table.head(header.at))
    found = {
        "header_row": header.row_number,
        # population parts are read to add up or check the population; they are no column a user maps
        "columns": {canonical: label for canonical, label in written.items() if canonical not in PART_COLUMNS},
        # beside a total, the parts only check it: they are still the headers not read as figures
        "ignored_headers": tuple(
            label
            for index, label in enumerate(header.labels)
            if label
            and index not in [i for c, i in columns.items() if c not in PART_COLUMNS or "population" not in columns]
        ),
        "title_period": title_period,
    }
    if not _required_present(reading, header):
        return reading.parsed(**found)
    if period is not None and title_period is not None and "period" not in columns and period != title_period:
        reading.issue("warning", "period_differs_from_title", params={"period": period, "title_period": title_period})

    start = header.data_start
    if start < table.frame.height and _is_column_numbering(table.cells_at(start)):
        start += 1
    if start >= table.frame.height:
        return reading.parsed(**found)
    body = _Body(table, start)
    counts = [c for c in (*COUNT_COLUMNS, *PART_COLUMNS) if c in columns]
    roles = body.roles(counts, columns)
    findings = _Findings(reading)
    if table.ragged:
        # A record with cells missing or extra, or a quote that swallowed lines, would import shifted
        # or partial figures: the whole file is refused, naming the rows.
        for at, code, params in _broken_records(body, roles, header, reading.separator or ";"):
            findings.add((0, at), "error", code, row=body.row(at), params=params)
        if findings.found:
            findings.report()
            return reading.parsed(**found)

    is_data = roles == "data"
    values: dict[str, pl.Series] = {}
    header_words = body.header_words(counts, columns, reading.kind) if roles[0] == "data" else {}
    for k, c in enumerate(counts):
        index, label = columns[c], header.labels[columns[c]]
        text, number = body.text(index), body.number(index)
        forms = _number_forms(text)
        if text.str.contains(",", literal=True).any():
            parts = {convention: _number_parts(forms, convention) for convention in ("id", "en")}
            stripped = text.str.strip_chars(_SPACES)
            written_text = stripped.is_not_null() & ~stripped.is_in(_EMPTY_MARKS) & number.is_null()
            convention = _column_convention_of(parts, written_text & (roles != "skip"))
        else:
            # Without a comma, English reads no cell as a whole number that Indonesian does not
            # (1.384 is 1.384 people or not whole; 1.000 reads in both, with a decimal mark in English
            # only): the tally of _column_convention_of always goes to Indonesian, so it is spared.
            convention = "id"
            parts = {convention: _number_parts(forms, convention)}
        value, problem = _counts_of(text, number, parts[convention])
        if c in header_words:
            shown, example = header_words[c]
            findings.add(
                (1, 0, k),
                "error",
                "not_a_number_header",
                row=body.row(0),
                column=label,
                value=shown,
                params={"field": c, "canonical": c, "example": example},
            )
            value, problem = value.scatter(0, None), problem.scatter(0, None)
        values[c] = value
        failing = pl.DataFrame({"problem": problem, "text": text, "number": number}).with_row_index("at")
        for at, code, cell_text, cell_number in failing.filter(is_data & problem.is_not_null()).iter_rows():
            shown = _cell_text(cell_number) if cell_number is not None else cell_text.strip()
            params = {"convention": convention} if code == "not_a_number" and cell_number is None else {}
            findings.add((1, at, k), "error", code, row=body.row(at), column=label, value=shown, params=params)

    _population_of_parts(values, columns, written, findings, body, is_data)
    labels = {c: body.label(columns[c]) for c in LABEL_COLUMNS if c in columns}
    unlabelled = is_data & pl.DataFrame(labels).select(pl.all_horizontal(pl.all().is_null())).to_series()
    blocks = _Blocks(roles, unlabelled, values, counts)
    for at in unlabelled.arg_true().to_list():
        if at not in blocks.converted:
            findings.add((1, at, 50), "error", "missing_region", row=body.row(at))
    is_record = is_data.scatter(sorted(blocks.converted), False) if blocks.converted else is_data
    if "kecamatan" in labels and "kelurahan" in labels:
        labels["kecamatan"] = _kecamatan_carried(
            labels["kecamatan"], labels["kelurahan"], ~is_record & (roles != "skip")
        )

    frame = pl.DataFrame(
        {
            "at": pl.int_range(0, body.height, eager=True, dtype=pl.Int64),
            "row": body.rows,
            **{c: labels.get(c, _nulls(body.height, pl.String, c)) for c in LABEL_COLUMNS},
            **{
                c: body.label(columns[c]) if c in columns else _nulls(body.height, pl.String, c)
                for c in (*PARENT_CODE_COLUMNS, *LONG_COLUMNS)
            },
            **{c: values.get(c, _nulls(body.height, pl.Int64, c)) for c in COUNT_COLUMNS},
        }
    ).filter(is_record)
    if "period" in columns:
        index = columns["period"]
        text, number = body.text(index).filter(is_record), body.number(index).filter(is_record)
        month, bad = _months_of(text, number, period)
        shown = body.shown(index).filter(is_record)
        for at, row, value in zip(frame["at"].filter(bad), frame["row"].filter(bad), shown.filter(bad), strict=True):
            findings.add((1, at, 60), "error", "bad_period", row=row, column=header.labels[index], value=value)
        frame = frame.with_columns(period=month)
    else:
        frame = frame.with_columns(period=pl.lit(period, dtype=pl.Date))
    frame = _derived(frame, columns, written, findings)
    blocks.check(body, findings, written)
    findings.report()
    rows = frame.select(ROW_SCHEMA.keys()).cast(ROW_SCHEMA)  # type: ignore[arg-type]
    total_rows = tuple(body.row(at) for at, _, _, _ in blocks.totals)
    grand = [body.row(at) for at, role, _, _ in blocks.totals if role == "total"]
    return reading.parsed(
        rows,
        total_row=grand[-1] if grand else (total_rows[-1] if total_rows else None),
        total_rows=total_rows,
        **found,
    )


def _nulls(height: int, dtype: type[pl.DataType] | pl.DataType, name: str = "") -> pl.Series:
    """A column of ``height`` nulls (built by Polars: a Python list of 84.000 Nones costs 10 ms each time)."""
    return pl.repeat(None, height, dtype=dtype, eager=True).alias(name)


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


class _Body:
    """The records under the header, as whole columns: texts, numbers, labels and each row's role."""

    def __init__(self, table: _Table, start: int):
        self.table = table
        self.frame = table.frame.slice(start)
        self.start = start
        self.height = self.frame.height
        self.rows = self.frame["row"]
        self.total_label = _nulls(self.height, pl.String)

    def row(self, at: int) -> int:
        return int(self.rows[at])

    def text(self, index: int) -> pl.Series:
        if index < self.table.width:
            return self.frame[f"t{index}"]
        return _nulls(self.height, pl.String)

    def number(self, index: int) -> pl.Series:
        if self.table.numeric and index < self.table.width:
            return self.frame[f"n{index}"]
        return _nulls(self.height, pl.Float64)

    def shown(self, index: int) -> pl.Series:
        """Each cell as ``_cell_text`` shows it: text stripped, a number without a needless ``.0``."""
        text = self.text(index).str.strip_chars(_SPACES).fill_null("")
        number = self.number(index)
        return _float_texts(number).zip_with(number.is_not_null(), text)

    def present(self, index: int) -> pl.Series:
        stripped = self.text(index).str.strip_chars(_SPACES)
        return self.number(index).is_not_null() | (stripped.is_not_null() & ~stripped.is_in(_EMPTY_MARKS))

    def numeric(self, index: int, start: int = 0) -> pl.Series:
        """From record ``start`` on, whether each cell is a number or written like one (``687.031``, ``(1.234)``)."""
        compact = self.text(index).slice(start).str.replace_all(r"\s", "").str.replace_all("−", "-", literal=True)
        shaped = compact.str.contains(r"^\(?[+-]?[0-9.,]*[0-9][0-9.,]*\)?$").fill_null(False)
        return self.number(index).slice(start).is_not_null() | shaped

    def label(self, index: int) -> pl.Series:
        shown = self.shown(index)
        return shown.zip_with(~shown.is_in(_EMPTY_MARKS), _nulls(self.height, pl.String))

    def roles(self, counts: list[str], columns: dict[str, int]) -> pl.Series:
        """data, total, subtotal or skip (blank lines, headings, footnotes) for each record."""
        # A total's label sits in the name columns or left of them (a merged "No" cell), never in a
        # remarks column on the right, where "Jumlah penduduk naik" is only a remark.
        last_label = max(columns[c] for c in LABEL_COLUMNS if c in columns)
        skip = {columns[c] for c in counts} | ({columns["period"]} if "period" in columns else set())
        label = _nulls(self.height, pl.String)
        for index in range(min(last_label + 1, self.table.width)):
            if index in skip:
                continue
            text = self.text(index).zip_with(self.number(index).is_null(), label.clear(self.height))
            # Python's header_key decides; Polars only picks the few cells that could be totals.
            maybe = text.filter(text.str.contains(r"(?i)^[^0-9a-z]*(jumlah|total|sub|grand|jml)|[^\x00-\x7f]"))
            totals = [cell for cell in maybe.unique().to_list() if _TOTAL_LABEL.match(header_key(cell) or "-")]
            if totals:
                found = text.is_in(totals) & label.is_null()
                label = text.str.strip_chars(_SPACES).zip_with(found, label)
        subtotals = [cell for cell in label.drop_nulls().unique().to_list() if _SUBTOTAL_LABEL.match(header_key(cell))]
        self.total_label = label
        has_counts = pl.DataFrame({c: self.present(columns[c]) for c in counts}).select(pl.any_horizontal(pl.all()))
        # Rows under the table with no region and no cell shaped like a number are notes, not data: the
        # place, date and signature under a BPJS recap ("Pontianak, 5 Juni 2025", "Kepala Cabang", "ttd")
        # run across the count columns. Only below the last row with a region or a number: a row of
        # words right under the header is a second header row, and must stay an error.
        labelled = pl.DataFrame(
            {c: self.label(columns[c]).is_not_null() for c in LABEL_COLUMNS if c in columns}
        ).select(pl.any_horizontal(pl.all()))
        last = labelled.to_series().arg_true().max()
        last = -1 if last is None else int(last)  # type: ignore[arg-type]
        # only the rows under the last labelled one can be notes: the numbers are looked at there alone
        tail = pl.DataFrame({c: self.numeric(columns[c], last + 1) for c in counts}).select(pl.any_horizontal(pl.all()))
        numbered = tail.to_series().arg_true().max()
        last = last if numbered is None else last + 1 + int(numbered)  # type: ignore[arg-type]
        below = pl.int_range(0, self.height, eager=True) > last
        has_counts = has_counts.to_series() & ~below
        return (
            pl.DataFrame({"label": label, "has_counts": has_counts})
            .select(
                pl.when(pl.col("label").is_in(subtotals))
                .then(pl.lit("subtotal"))
                .when(pl.col("label").is_not_null())
                .then(pl.lit("total"))
                .when(pl.col("has_counts"))
                .then(pl.lit("data"))
                .otherwise(pl.lit("skip"))
            )
            .to_series()
        )

    def header_words(self, counts: list[str], columns: dict[str, int], kind: Kind) -> dict[str, tuple[str, str]]:
        """Counts of the first row that read as headers (a second header row not recognised), with an example."""
        cells = self.table.cells_at(self.start)
        words = {}
        for c in counts:
            cell = cells[columns[c]] if columns[c] < len(cells) else None
            if isinstance(cell, str) and _header_like(cell, kind):
                example = _sub_header_named(cells, kind, c) or ("L+P" if c == "population" else None)
                if example is not None:
                    words[c] = (cell.strip(), example)
        return words


def _float_texts(number: pl.Series) -> pl.Series:
    """Numbers as ``_cell_text`` writes them (``115010``, ``87.42``); whole numbers in Polars, the rest in Python."""
    simple = (number.is_finite() & (number == number.floor()) & (number.abs() < 2**53)).fill_null(False)
    texts = number.cast(pl.Int64, strict=False).cast(pl.String).zip_with(simple, _nulls(len(number), pl.String))
    odd = number.is_not_null() & ~simple
    if odd.any():
        texts = texts.scatter(odd.arg_true(), [_cell_text(value) for value in number.filter(odd).to_list()])
    return texts


def _broken_records(body: _Body, roles: pl.Series, header: _Header, separator: str) -> list[tuple[int, str, dict]]:
    """CSV records that are not whole: cells missing or extra against the header, or lines swallowed by a quote."""
    expected = max((index for index, label in enumerate(header.labels) if label), default=-1) + 1
    checked = roles != "skip"
    cells = body.frame["cells"]
    extra = [body.present(index) for index in range(expected, body.table.width)]
    too_long = pl.DataFrame(extra).select(pl.any_horizontal(pl.all())).to_series() if extra else checked & False
    texts = [body.text(index) for index in range(body.table.width)]
    swallowed = (
        pl.DataFrame(texts)
        .select(
            pl.any_horizontal(
                pl.all().str.contains("\n", literal=True) & pl.all().str.contains(separator, literal=True)
            )
        )
        .to_series()
        .fill_null(False)
    )
    broken = []
    for at in (swallowed | (checked & ((cells < expected) | too_long))).arg_true().to_list():
        if swallowed[at]:
            breaks = sum(text[at].count("\n") for text in texts if text[at] is not None)
            broken.append((at, "unclosed_quote", {"first_line": body.row(at), "last_line": body.row(at) + breaks}))
        elif cells[at] < expected:
            broken.append((at, "row_too_short", {"cells": int(cells[at]), "expected": expected}))
        else:
            last = max(index for index in range(expected, body.table.width) if body.present(index)[at])
            broken.append((at, "row_too_long", {"cells": last + 1, "expected": expected}))
    return broken


def _population_of_parts(
    values: dict[str, pl.Series],
    columns: dict[str, int],
    written: dict[str, str],
    findings: _Findings,
    body: _Body,
    is_data: pl.Series,
) -> None:
    """The population from its parts where the file writes no total; the total checked against them where it does."""
    for first, second in (("population_male", "population_female"), ("population_wni", "population_wna")):
        if first not in values or second not in values:
            continue
        both = values[first] + values[second]  # null where either part is missing: no half population
        names = {"first": written[first], "second": written[second]}
        if "population" not in values:
            values["population"] = both
            findings.add((0, 0), "warning", "population_from_parts", params=names)
            continue
        total = values["population"]
        differs = is_data & both.is_not_null() & total.is_not_null() & (both != total)
        for at in differs.arg_true().to_list():
            findings.add(
                (1, at, 70),
                "warning",
                "population_parts_mismatch",
                row=body.row(at),
                column=written["population"],
                value=str(total[at]),
                params={**names, "population": int(total[at]), "sum": int(both[at])},
            )


def _kecamatan_carried(kecamatan: pl.Series, kelurahan: pl.Series, reset: pl.Series) -> pl.Series:
    """Merged kecamatan cells: a kelurahan without its kecamatan takes the one above, up to a total row."""
    carried = (
        pl.DataFrame(
            {"kecamatan": kecamatan.zip_with(~reset, kecamatan.clear(len(kecamatan))), "block": reset.cum_sum()}
        )
        .select(pl.col("kecamatan").forward_fill().over("block"))
        .to_series()
    )
    return kecamatan.zip_with(kecamatan.is_not_null() | kelurahan.is_null(), carried)


def _header_like(cell: str, kind: Kind) -> bool:
    """Whether a cell reads as a header (``Laki-laki``, ``L``, ``Jumlah``, ``Peserta Aktif``), not a figure."""
    return _one_sex(cell) or _population_total(cell) or canonical_column(cell, kind) is not None


def _sub_header_named(cells: Sequence[Cell], kind: Kind, canonical: str) -> str | None:
    """In a row of headers, the one that names ``canonical`` (for the population: the total, ``L+P``)."""
    for cell in cells:
        if not isinstance(cell, str) or _one_sex(cell):
            continue
        if canonical_column(cell, kind) == canonical or (canonical == "population" and _population_total(cell)):
            return cell.strip()
    return None


def _population_given(columns: dict[str, int]) -> bool:
    """A population column, or parts that add up to one (men and women, WNI and WNA)."""
    return (
        "population" in columns
        or {"population_male", "population_female"} <= columns.keys()
        or {
            "population_wni",
            "population_wna",
        }
        <= columns.keys()
    )


def _required_present(reading: _Reading, header: _Header) -> bool:
    """Whether the columns the kind needs are there; an error naming what was looked for when not."""
    columns = header.columns
    missing = []
    if not any(c in columns for c in LABEL_COLUMNS):
        missing.append(("region", [s for c in LABEL_COLUMNS for s in COLUMN_SYNONYMS[c]]))
    if reading.kind == "population" and not _population_given(columns):
        missing.append(("population", [*COLUMN_SYNONYMS["population"], *POPULATION_TOTAL_HEADERS]))
    if (
        reading.kind == "coverage"
        and "registered" not in columns
        and not ("active" in columns and "inactive" in columns)
    ):
        missing.append(("registered_or_parts", list(COLUMN_SYNONYMS["registered"])))
    written = [label for label in header.labels if label]
    # A figure looked for, but found only as a density, an area, a share...: that column is named,
    # and why it is not the count (KEPADATAN (JIWA/KM2) is people per km², not people).
    instead = {"population": {"population"}, "registered_or_parts": {"registered", "active", "inactive"}}
    for need, synonyms in missing:
        seen = [(index, reason) for index, named, reason in header.not_counts if named in instead.get(need, ())]
        for index, reason in seen:
            reading.issue(
                "error",
                "not_a_count",
                row=header.row_number,
                value=header.labels[index],
                params={"field": need, "reason": f"not_count_{reason}", "headers": written},
            )
        if not seen:
            reading.issue(
                "error",
                "missing_column",
                row=header.row_number,
                params={"field": need, "synonyms": synonyms, "headers": written},
            )
    return not missing


def _number_forms(text: pl.Series) -> pl.DataFrame:
    """A count column's cells as parse_number sees them: ``compact`` (no spaces, ``-`` for ``−`` and
    ``(…)``) and ``candidate``, the shape (digits written as 1) of the cells that may be numbers.

    Worked out once per distinct cell (84.000 kelurahan hold about 12.500 distinct populations) and
    joined back to the rows: the string work is most of the reader's time.
    """
    distinct = _distinct_number_forms(text.unique())
    return (
        pl.DataFrame({"text": text})
        .join(distinct, on="text", how="left", nulls_equal=True, maintain_order="left")
        .with_columns(pl.col("text").is_first_distinct().alias("first"))
    )


def _distinct_number_forms(text: pl.Series) -> pl.DataFrame:
    frame = pl.DataFrame({"text": text})
    if frame.select(pl.col("text").str.contains(r"[\s\x1c-\x1f−(]").any()).item():
        frame = frame.with_columns(compact=_compact_expr(pl.col("text")))
    else:  # nothing to take out: the common case, spared three passes over the column
        frame = frame.with_columns(compact=pl.col("text"))
    shape = pl.col("compact").str.replace_all("[0-9]", "1")
    return frame.with_columns(
        candidate=pl.when(shape.str.contains(r"^[+-]?[0-9.,]*[0-9][0-9.,]*$") & (shape.str.len_chars() <= 40)).then(
            shape
        )
    )


def _number_parts(forms: pl.DataFrame, convention: Literal["id", "en"]) -> pl.DataFrame:
    """Each cell read as a number of ``convention``: whether it is one, its whole value, and problems.

    Babel judges each distinct shape once (digits written as 1: ``111.111``, ``1,11``); Polars then
    takes the digits apart for every cell of a shape Babel accepts, as parse_number does one at a time.
    """
    distinct = _distinct_number_parts(forms.filter(pl.col("first")).drop("first"), convention)
    return (
        forms.select("text").join(distinct, on="text", how="left", nulls_equal=True, maintain_order="left").drop("text")
    )


def _distinct_number_parts(forms: pl.DataFrame, convention: Literal["id", "en"]) -> pl.DataFrame:
    group, decimal = _SYMBOLS[convention]
    frame = forms
    fitting = [shape for shape in frame["candidate"].drop_nulls().unique().to_list() if _shape_fits(shape, convention)]
    pattern = rf"^([+-]?)([0-9]*)(?:{re.escape(decimal)}([0-9]*))?$"
    parts = pl.col("compact").str.replace_all(group, "", literal=True).str.extract_groups(pattern)
    frame = frame.with_columns(parts=parts).unnest("parts").rename({"1": "sign", "2": "whole", "3": "fraction"})
    digits = pl.col("whole").str.strip_chars_start("0")
    return frame.select(
        "text",
        readable=(
            pl.col("candidate").is_in(fitting) & pl.col("whole").is_not_null() & (digits.str.len_chars() <= 16)
        ).fill_null(False),
        is_whole=pl.col("fraction").is_null() | pl.col("fraction").str.contains("^0*$"),
        value=pl.when(digits == "").then(0).otherwise(digits.cast(pl.Int64, strict=False)),
        minus=pl.col("sign") == "-",
        no_decimal_mark=~pl.col("text").str.contains(_DECIMAL_MARKS[convention], literal=True),
    )


_DECIMAL_MARKS = {"id": ",", "en": "."}


def _compact_expr(text: pl.Expr) -> pl.Expr:
    """``_compact`` on a column: spaces removed, a typographic minus as ``-``, ``(1.234)`` as ``-1.234``."""
    compact = text.str.replace_all(_SPACE_CLASS, "").str.replace_all("−", "-", literal=True)
    return (
        pl.when(compact.str.starts_with("(") & compact.str.ends_with(")"))
        .then(pl.lit("-") + compact.str.slice(1, compact.str.len_chars() - 2))
        .otherwise(compact)
    )


def _column_convention_of(parts: dict[str, pl.DataFrame], texts: pl.Series) -> Literal["id", "en"]:
    """The convention that reads more of ``texts`` (a mask of the column) as whole numbers.

    ``1.234`` and ``12.345.678`` are thousands in Indonesian; ``1,234`` is thousands in English.
    Between two readings that are both whole (``1,000`` is 1,000 in English or 1 in Indonesian),
    the one without a decimal part wins: counts are not written with decimals, except as ``,00``.
    Plain digits fit both; a tie is Indonesian, the files' own convention.
    """
    fits = {}
    for convention in ("id", "en"):
        chosen = parts[convention].filter(texts)
        fit = chosen["readable"] & chosen["is_whole"]
        fits[convention] = [int(fit.sum()), int((fit & chosen["no_decimal_mark"]).sum())]
    return "en" if fits["en"] > fits["id"] else "id"


def _counts_of(text: pl.Series, number: pl.Series, parts: pl.DataFrame) -> tuple[pl.Series, pl.Series]:
    """Counts of people from a column and, per cell, why it is not one (not_a_number, not_whole, negative)."""
    stripped = text.str.strip_chars(_SPACES)
    frame = pl.DataFrame(
        {
            "number": number,
            "present": stripped.is_not_null() & ~stripped.is_in(_EMPTY_MARKS),
            **{name: parts[name] for name in ("readable", "is_whole", "value", "minus")},
        }
    )
    n = pl.col("number")
    from_number = (
        pl.when(~n.is_finite() | (n.abs() >= MAX_COUNT))
        .then(pl.lit("not_a_number"))
        .when(n != n.floor())
        .then(pl.lit("not_whole"))
        .when(n < 0)
        .then(pl.lit("negative"))
    )
    from_text = (
        pl.when(~pl.col("present"))
        .then(None)
        .when(~pl.col("readable"))
        .then(pl.lit("not_a_number"))
        .when(~pl.col("is_whole"))
        .then(pl.lit("not_whole"))
        .when(pl.col("minus") & (pl.col("value") != 0))
        .then(pl.lit("negative"))
    )
    problem = pl.when(n.is_not_null()).then(from_number).otherwise(from_text).alias("problem")
    read = pl.when(n.is_not_null()).then(n.cast(pl.Int64, strict=False)).when(pl.col("present")).then(pl.col("value"))
    result = frame.select(problem, pl.when(problem.is_null()).then(read).alias("value"))
    return result["value"], result["problem"]


def _months_of(text: pl.Series, number: pl.Series, period: dt.date | None) -> tuple[pl.Series, pl.Series]:
    """The month of each record and whether its cell fails to name one; a blank cell takes the month above."""
    stripped = text.str.strip_chars(_SPACES)
    present = number.is_not_null() | (stripped.is_not_null() & ~stripped.is_in(_EMPTY_MARKS))
    of_text = {cell: parse_period(cell) for cell in text.filter(present & number.is_null()).unique().to_list()}
    of_number = {value: _period_of_number(value) for value in number.drop_nulls().unique().to_list()}
    frame = pl.DataFrame({"text": text, "number": number, "present": present})
    month = frame.select(
        pl.when(pl.col("number").is_not_null())
        .then(
            pl.col("number").replace_strict(
                list(of_number), list(of_number.values()), default=None, return_dtype=pl.Date
            )
        )
        .when(pl.col("present"))
        .then(pl.col("text").replace_strict(list(of_text), list(of_text.values()), default=None, return_dtype=pl.Date))
    ).to_series()
    carried = month.forward_fill().fill_null(period) if period is not None else month.forward_fill()
    return month.zip_with(present, carried), present & month.is_null()


class _Blocks:
    """Total and subtotal rows, and which rows each one totals.

    A subtotal totals the rows since the last total or subtotal, a total those since the last total.
    A row with figures but no name is a total when each figure is the sum of the rows above it.
    Positions are records of the body (``at``) and indices among its data rows (``start``, ``end``).
    """

    def __init__(self, roles: pl.Series, unlabelled: pl.Series, values: dict[str, pl.Series], counts: list[str]):
        self.counts = counts
        self.values = values
        self.converted: set[int] = set()
        self.totals: list[tuple[int, str, int, int]] = []  # (at, role, first data index, end data index)
        is_data = roles == "data"
        special = (~is_data & (roles != "skip")) | unlabelled
        at_list = special.arg_true().to_list()
        self.data_rows = is_data.arg_true()
        if not at_list:
            return
        data_count = is_data.cast(pl.Int64)
        before = (data_count.cum_sum() - data_count).gather(at_list).to_list()
        # Sums of each column over the data rows, exact (Int128: no count times rows can wrap).
        # Kept as Series: a few boundaries are looked up, not every row turned into a Python int.
        zero = pl.Series([0], dtype=pl.Int128)
        self.sums = {
            c: pl.concat([zero, values[c].filter(is_data).cast(pl.Int128).fill_null(0).cum_sum()]) for c in counts
        }
        self.cells = {
            c: pl.concat([zero, values[c].filter(is_data).is_not_null().cast(pl.Int128).cum_sum()]) for c in counts
        }
        figures = {c: values[c].gather(at_list).to_list() for c in counts}
        kinds = roles.gather(at_list).to_list()
        block = group = 0
        for j, (at, role, end) in enumerate(zip(at_list, kinds, before, strict=True)):
            if role == "data":  # no name: a total when it is the sums of the rows above
                given = [(c, figures[c][j]) for c in counts if figures[c][j] is not None]
                if given and end > block and all(v == self.sums[c][end] - self.sums[c][block] for c, v in given):
                    self.converted.add(at)
                    self.totals.append((at, "total", block, end))
                    block = group = end + 1
                continue
            self.totals.append((at, role, group if role == "subtotal" else block, end))
            group = end
            if role == "total":
                block = end

    def check(self, body: _Body, findings: _Findings, written: dict[str, str]) -> None:
        """Each total against the rows it totals (a warning per column that disagrees).

        A total row above its rows (right under the header) is checked against the rows below it: when
        they add up to less in every column, rows are missing (a sheet cut short) and that is an error.
        """
        later_totals = [end for _, role, _, end in self.totals if role == "total"]
        for j, (at, role, start, end) in enumerate(self.totals):
            label = body.total_label[at] or ""
            if role == "total" and start == end:
                start, end = end, next((e for e in later_totals if e > end), len(self.data_rows))
                leading = True
            else:
                leading = False
            compared = []
            for k, c in enumerate(self.counts):
                file_total = self.values[c][at]
                if file_total is None or self.cells[c][end] == self.cells[c][start]:
                    continue
                compared.append((k, c, file_total, self.sums[c][end] - self.sums[c][start]))
            wrong = [item for item in compared if item[3] != item[2]]
            if leading and wrong and all(rows_sum < file_total for _, _, file_total, rows_sum in compared):
                _, c, file_total, rows_sum = compared[0]
                findings.add(
                    (3, j, 0),
                    "error",
                    "rows_cut_short",
                    row=body.row(at),
                    column=written[c],
                    value=str(file_total),
                    params={
                        "label": label,
                        "file_total": file_total,
                        "rows_sum": int(rows_sum),
                        "last_row": body.row(self.data_rows[end - 1]) if end > start else body.row(at),
                    },
                )
                continue
            for k, c, file_total, rows_sum in wrong:
                findings.add(
                    (3, j, k),
                    "warning",
                    "total_mismatch",
                    row=body.row(at),
                    column=written[c],
                    value=str(file_total),
                    params={
                        "label": label,
                        "file_total": file_total,
                        "rows_sum": int(rows_sum),
                        "difference": abs(int(file_total) - int(rows_sum)),
                    },
                )


def _derived(
    frame: pl.DataFrame, columns: dict[str, int], written: dict[str, str], findings: _Findings
) -> pl.DataFrame:
    """Fill registered or active from the other two; check the counts that add up in the file."""
    registered, active, inactive = pl.col("registered"), pl.col("active"), pl.col("inactive")
    fill_registered = pl.lit("registered" not in columns) & active.is_not_null() & inactive.is_not_null()
    fill_active = ~fill_registered & pl.lit("active" not in columns) & registered.is_not_null() & inactive.is_not_null()
    frame = frame.with_columns(
        fill_registered=fill_registered,
        fill_active=fill_active,
        sum_checked=~fill_registered
        & ~fill_active
        & pl.all_horizontal(registered.is_not_null(), active.is_not_null(), inactive.is_not_null()),
    )
    for at, row, r, i in (
        frame.filter(pl.col("fill_active") & (inactive > registered))
        .select("at", "row", "registered", "inactive")
        .iter_rows()
    ):
        findings.add(
            (2, at, 0),
            "error",
            "inactive_above_registered",
            row=row,
            column=written["inactive"],
            value=str(i),
            params={"registered": r, "inactive": i},
        )
    for at, row, r, a, i in (
        frame.filter(pl.col("sum_checked") & (active + inactive != registered))
        .select("at", "row", "registered", "active", "inactive")
        .iter_rows()
    ):
        findings.add(
            (2, at, 0),
            "warning",
            "registered_mismatch",
            row=row,
            column=written["registered"],
            value=str(r),
            params={"registered": r, "active": a, "inactive": i, "sum": a + i},
        )
    frame = frame.with_columns(
        registered=pl.when(pl.col("fill_registered")).then(active + inactive).otherwise(registered),
        active=pl.when(pl.col("fill_active") & (inactive <= registered)).then(registered - inactive).otherwise(active),
    )
    present = [c for c in SEGMENT_COLUMNS if c in columns]
    if present:
        segments = frame.select(
            "at",
            "row",
            "registered",
            segments_sum=pl.sum_horizontal(present),
            given=pl.sum_horizontal(pl.col(present).is_not_null()),
        ).filter(pl.col("registered").is_not_null() & (pl.col("given") > 0))
        complete = pl.col("given") == len(SEGMENT_COLUMNS)
        wrong = (complete & (pl.col("segments_sum") != pl.col("registered"))) | (
            pl.col("segments_sum") > pl.col("registered")
        )
        for at, row, r, segments_sum, _ in segments.filter(wrong).iter_rows():
            findings.add(
                (2, at, 1),
                "warning",
                "segments_mismatch",
                row=row,
                params={"sum": segments_sum, "registered": r, "fields": present},
            )
    return frame
