"""A resident register (Dukcapil extract, CSV or XLSX) read into rows the store may hold.

The clear NIK, KK number, name and address stay inside :func:`read_register`: what it returns
holds their keyed pseudonyms and ciphertexts only (uhc/store/keys.py), and no message it raises
repeats one of them (a NIK with a typo may be another real person's).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from uhc import i18n
from uhc.intake import file_limits
from uhc.intake.reader.decoding import (
    _SEPARATORS,
    _csv_rows,
    _csv_table_fast,
    _decoded,
    _excel_table_of,
    _file_format,
    _looks_binary,
    _open_workbook,
    _Table,
    _table_of_rows,
    _Unreadable,
)
from uhc.store import keys
from uhc.store.db import StoreError
from uhc.store.regions import match_regions

# Header spellings seen in Dukcapil extracts, after upper-casing and turning _ . - into spaces.
HEADERS = {
    "nik": ("NIK", "NO NIK", "NOMOR NIK"),
    "kk": ("NO KK", "NKK", "NOMOR KK", "KK", "NO KARTU KELUARGA", "NOMOR KARTU KELUARGA"),
    "name": ("NAMA", "NAMA LENGKAP"),
    "sex": ("JK", "JENIS KELAMIN", "L/P", "KELAMIN"),
    "birth_date": ("TGL LAHIR", "TANGGAL LAHIR", "TGL LHR"),
    "address": ("ALAMAT",),
    "rt": ("RT",),
    "rw": ("RW",),
    "kelurahan": ("KELURAHAN", "DESA", "KODE KELURAHAN", "KELURAHAN/DESA", "DESA/KELURAHAN", "KEL", "KODE DESA"),
    "relationship": ("HUBUNGAN", "SHDK", "HUBUNGAN KELUARGA", "STATUS HUBUNGAN DALAM KELUARGA", "HUB KELUARGA"),
}
REQUIRED = ("nik", "kelurahan")
HEADER_ROWS = 10  # title rows above the header: the header is looked for in the first ten
REGISTER_SCHEMA: dict[str, pl.DataType] = {
    "source_row": pl.Int32(),
    "nik_pseudonym": pl.String(),
    "kk_pseudonym": pl.String(),
    "name_encrypted": pl.Binary(),
    "address_encrypted": pl.Binary(),
    "sex": pl.String(),
    "birth_date": pl.Date(),
    "rt": pl.String(),
    "rw": pl.String(),
    "relationship": pl.String(),
    "kemendagri_code": pl.String(),
    "nik_category": pl.String(),
}
# Excel counts days from 30 December 1899 (its serial 60 is the 29 February 1900 that never was).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIAL = r"^\d{1,5}(?:\.0+)?$"
_DAY_MONTH_YEAR = r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$"
_ISO = r"^(\d{4})-(\d{1,2})-(\d{1,2})$"
# The callable that gives each NIK its category (uhc.core.nik.nik_checks with the kecamatan and
# the day bound): NIKs, stated birth dates, stated sexes -> a frame with ``nik`` and ``nik_category``.
NikChecks = Callable[[pl.Series, pl.Series, pl.Series], pl.DataFrame]


class RegisterError(StoreError):
    """A register file that cannot be imported; ``text(language)`` names file, row and column."""

    def __init__(self, key: str, **params: object) -> None:
        self.key, self.params = key, params
        super().__init__(self.text("en"))

    def text(self, language: str) -> str:
        return i18n.text(self.key, language, **self.params)


@dataclass(frozen=True)
class Register:
    """A register as it may be stored: one row per resident, of :data:`REGISTER_SCHEMA`."""

    file_name: str
    residents: pl.DataFrame


# Columns whose numbers are identifiers of 16 digits, more than a spreadsheet number holds.
IDENTIFIERS = ("nik", "kk")


def _header_key(text: str) -> str:
    return " ".join(re.sub(r"[_.\-]", " ", text.upper()).split())


# The most rows a register file may have.
MAX_REGISTER_ROWS = 8_000_000

_FIELD_OF = {spelling: field for field, spellings in HEADERS.items() for spelling in spellings}


def _table(data: bytes, file_name: str) -> _Table:
    # The same limits as every file the reader opens (a zip bomb, a sheet of a billion cells), with
    # room for a kab/kota's whole register (Kab. Bogor has about 5,6 million residents).
    if file_limits.refusal(data, MAX_REGISTER_ROWS):
        raise _Unreadable("limits")
    if _file_format(data, file_name) != "csv":
        workbook = _open_workbook(data)
        return _excel_table_of(workbook, workbook.sheet_names[0])
    text, encoding = _decoded(data)
    if _looks_binary(text):
        raise _Unreadable("binary")
    best: tuple[int, str] = (-1, _SEPARATORS[0])
    for separator in _SEPARATORS:  # the one under which a head row names most register columns
        try:
            head = _csv_rows("\n".join(text[:65536].splitlines()[:HEADER_ROWS]), separator)
        except _Unreadable:  # a quote still open where the head was cut off: not this separator's header
            continue
        found = max(
            (sum(_header_key(c if isinstance(c, str) else "") in _FIELD_OF for c in cells) for _, cells in head),
            default=0,
        )
        if found > best[0]:
            best = (found, separator)
    table = _csv_table_fast(text, best[1], data if encoding == "utf-8" else None)
    return table if table is not None else _table_of_rows(_csv_rows(text, best[1]))


def _columns(table: _Table, file_name: str) -> tuple[int, dict[str, int]]:
    """The header's index in the table and each field's column index."""
    for index in range(min(HEADER_ROWS, table.frame.height)):
        cells = table.cells_at(index)
        columns: dict[str, int] = {}
        for i, cell in enumerate(cells):
            field = _FIELD_OF.get(_header_key(cell if isinstance(cell, str) else ""))
            if field is not None and field not in columns:
                columns[field] = i
        if "nik" in columns:
            missing = [field for field in REQUIRED if field not in columns]
            if missing:
                raise RegisterError("register_no_column", file=file_name, column=" / ".join(HEADERS[missing[0]]))
            return index, columns
    raise RegisterError("register_no_column", file=file_name, column=" / ".join(HEADERS["nik"]))


def _calendar_date(year: pl.Expr, month: pl.Expr, day: pl.Expr) -> pl.Expr:
    """The date of the parts when they make one (no 31 February), else null."""
    parts = pl.concat_str([year, month.str.zfill(2), day.str.zfill(2)], separator="-")
    return parts.str.to_date("%Y-%m-%d", strict=False)


def _birth_dates(text: pl.Series, number: pl.Series | None) -> pl.Series:
    """Dates written dd-mm-yyyy, dd/mm/yyyy or yyyy-mm-dd, or Excel serials (numeric cells or their digits)."""
    frame = pl.DataFrame(
        {"t": text, "n": number if number is not None else pl.Series([None] * len(text), dtype=pl.Float64)}
    )
    t = pl.col("t").str.strip_chars()
    dmy = t.str.extract_groups(_DAY_MONTH_YEAR)
    iso = t.str.extract_groups(_ISO)
    serial = pl.coalesce(pl.col("n"), pl.when(t.str.contains(_SERIAL)).then(t.cast(pl.Float64, strict=False)))
    dates = frame.select(
        pl.coalesce(
            pl.when(serial.is_not_null()).then(pl.lit(_EXCEL_EPOCH) + pl.duration(days=serial.cast(pl.Int64))),
            _calendar_date(dmy.struct[2], dmy.struct[1], dmy.struct[0]),
            _calendar_date(iso.struct[0], iso.struct[1], iso.struct[2]),
        ).alias("d")
    )
    return dates["d"]


def _first_bad(rows: pl.Series, bad: pl.Series) -> int | None:
    hits = rows.filter(bad.fill_null(False))
    return None if hits.is_empty() else int(hits[0])


def read_register(
    data: bytes, file_name: str, key: keys.CityKey, tree: pl.DataFrame, nik_checks: NikChecks
) -> Register:
    """The residents of a register file, pseudonymised and encrypted with ``key``.

    ``tree`` is the city's region tree as stored (the kelurahan column is matched against it, by
    Kemendagri or BPS code or by name); ``nik_checks`` gives each NIK its category. Raises
    :class:`RegisterError` naming file, row and column (never a value) for a file that is unreadable,
    lacks the NIK or kelurahan column, or has an unreadable date, an unknown kelurahan or a bad KK.
    """
    try:
        table = _table(bytes(data), file_name)
    except _Unreadable:
        raise RegisterError("register_unreadable", file=file_name) from None
    except Exception:  # a broken workbook: calamine reports each kind its own way
        raise RegisterError("register_unreadable", file=file_name) from None
    at, columns = _columns(table, file_name)
    body = table.frame.slice(at + 1)
    header_cells = table.cells_at(at)
    label = {field: str(header_cells[i]) for field, i in columns.items()}

    def text(field: str) -> pl.Series:
        if field not in columns:
            return pl.Series([None] * body.height, dtype=pl.String)
        i = columns[field]
        cells = body[f"t{i}"].cast(pl.String).str.strip_chars()
        if table.numeric:  # a number typed into a numeric cell: its digits, without Excel's ".0"
            numbers = body[f"n{i}"]
            whole = pl.col("n") == pl.col("n").floor()
            digits = pl.col("n").cast(pl.Int64).cast(pl.String)
            if field in IDENTIFIERS:
                # Excel keeps 15 significant digits of a number: a NIK or KK number typed as one
                # has lost its last digit(s), so it is kept as the number it is ("...0.0"), which
                # the NIK checks call digits_lost and the KK check refuses; never read as 16 digits.
                digits = digits + ".0"
            as_digits = pl.DataFrame({"n": numbers}).select(pl.when(whole).then(digits))["n"]
            cells = pl.DataFrame({"c": cells, "d": as_digits}).select(pl.coalesce("d", "c").alias("c"))["c"]
        return pl.DataFrame({"c": cells}).select(pl.when(pl.col("c") != "").then(pl.col("c")))["c"]

    blank = pl.concat_str([text(field).fill_null("") for field in columns]) == ""
    body = body.filter(~blank)
    rows = body["row"]
    stated_birth = pl.Series([None] * body.height, dtype=pl.Date)
    if "birth_date" in columns:
        written = text("birth_date")
        numbers = body[f"n{columns['birth_date']}"] if table.numeric else None
        stated_birth = _birth_dates(written, numbers)
        if (row := _first_bad(rows, written.is_not_null() & stated_birth.is_null())) is not None:
            raise RegisterError("register_bad_date", file=file_name, row=row, column=label["birth_date"])
    stated_sex = text("sex")
    kk = text("kk")
    bad_kk = kk.is_not_null() & ~kk.str.contains(r"^[0-9]{16}$")
    if (row := _first_bad(rows, bad_kk)) is not None:
        raise RegisterError("register_bad_kk", file=file_name, row=row, column=label["kk"])
    place = text("kelurahan")
    is_code = place.str.contains(r"^[0-9][0-9.]*$").fill_null(False)
    labels = pl.DataFrame(
        {
            "region_code": place.zip_with(is_code, pl.Series([None] * body.height, dtype=pl.String)),
            "kelurahan": pl.Series([None] * body.height, dtype=pl.String).zip_with(is_code, place),
        }
    )
    matched = match_regions(labels, tree)
    kelurahan_codes = set(tree.filter(pl.col("level") == "kelurahan")["kemendagri_code"])
    unknown = ~matched["kemendagri_code"].is_in(list(kelurahan_codes)).fill_null(False)
    if (row := _first_bad(rows, unknown)) is not None:
        raise RegisterError("register_unknown_kelurahan", file=file_name, row=row, column=label["kelurahan"])
    checked = nik_checks(text("nik"), stated_birth, stated_sex)
    sexes = stated_sex.str.to_uppercase().replace_strict(_STATED_SEX, default=None)
    residents = pl.DataFrame(
        {
            "source_row": rows.cast(pl.Int32),
            "nik_pseudonym": keys.pseudonyms(key, "nik", checked["nik"]),
            "kk_pseudonym": keys.pseudonyms(key, "kk", kk),
            "name_encrypted": _encrypted(key, text("name")),
            "address_encrypted": _encrypted(key, text("address")),
            "sex": sexes,
            "birth_date": stated_birth,
            "rt": text("rt"),
            "rw": text("rw"),
            "relationship": text("relationship"),
            "kemendagri_code": matched["kemendagri_code"],
            "nik_category": checked["nik_category"].cast(pl.String),
        },
        schema=REGISTER_SCHEMA,
    )
    return Register(file_name, residents)


def _encrypted(key: keys.CityKey, values: pl.Series) -> pl.Series:
    return pl.Series([None if value is None else keys.encrypt(key, value) for value in values], dtype=pl.Binary)


_STATED_SEX = {
    "L": "male",
    "LK": "male",
    "LAKI-LAKI": "male",
    "LAKI LAKI": "male",
    "PRIA": "male",
    "P": "female",
    "PR": "female",
    "PEREMPUAN": "female",
    "WANITA": "female",
}
