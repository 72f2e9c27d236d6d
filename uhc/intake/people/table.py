"""What the people readers share: finding the header, column texts, dates, sexes, identities.

A list of people is read like a coverage recap (CSV in any of the usual encodings and separators,
or a workbook's first sheet; title rows above the header; Indonesian header spellings), through
:func:`uhc.intake.reader.decoding.read_table`, and within the same file limits.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import polars as pl

from uhc import i18n
from uhc.intake import file_limits
from uhc.intake.reader.decoding import Table, Unreadable, read_table
from uhc.names import normalised_names  # the rules live below intake and core, which both use them
from uhc.store.db import StoreError
from uhc.store.regions import match_regions

HEADER_ROWS = 10  # title rows above the header: the header is looked for in the first ten
# The most rows a list of people may have: room for a kab/kota's whole register (Kab. Bogor has
# about 5,6 million residents).
MAX_ROWS = 8_000_000
# Columns whose numbers are identifiers, as long as or longer than a spreadsheet number holds (15 digits).
IDENTIFIERS = ("nik", "kk", "card")
# Excel keeps this many significant digits of a number; a float64 holds every integer below 2^53 exactly.
_EXCEL_DIGITS = 15
_EXACT_FLOAT_LIMIT = 2**53
# Excel counts days from 30 December 1899 (its serial 60 is the 29 February 1900 that never was).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIAL = r"^\d{1,5}(?:\.0+)?$"
_DAY_MONTH_YEAR = r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$"
_ISO = r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$"
STATED_SEX = {
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


class PeopleError(StoreError):
    """A list of people that cannot be imported; ``text(language)`` names file, row and column."""

    def __init__(self, key: str, **params: object) -> None:
        self.key, self.params = key, params
        super().__init__(self.text("en"))

    def text(self, language: str) -> str:
        return i18n.text(self.key, language, **self.params)


def header_key(text: str) -> str:
    """A header cell as compared: capitals, ``_ . -`` as spaces, spaces collapsed."""
    return " ".join(re.sub(r"[_.\-]", " ", text.upper()).split())


@dataclass(frozen=True)
class Layout:
    """The columns a list may have: each field's header spellings, those it must have, and those
    of which it must have one at least (a programme list by NIK, by KK or by both)."""

    headers: Mapping[str, tuple[str, ...]]
    required: tuple[str, ...]
    either: tuple[str, ...] = ()
    # Optional fields whose absence changes the counts -> the message saying what the match loses.
    absent_keys: Mapping[str, str] = field(default_factory=dict)
    # The field names as the report prints them, where a list gives a field its own meaning.
    label_keys: Mapping[str, str] = field(default_factory=dict)

    def label_key(self, name: str) -> str:
        """The message key of field ``name``'s name in a report."""
        return self.label_keys.get(name, FIELD_LABEL_KEYS[name])

    @property
    def anchors(self) -> tuple[str, ...]:
        """The fields whose header marks the header row: the first required one, else any of ``either``."""
        return self.required[:1] or self.either

    def spellings(self, fields: tuple[str, ...]) -> str:
        """The header spellings of ``fields``, as a refusal lists them."""
        return " / ".join(spelling for field in fields for spelling in self.headers[field])

    @property
    def field_of(self) -> dict[str, str]:
        return {header_key(spelling): name for name, spellings in self.headers.items() for spelling in spellings}


# Each field's name in the reports ("nama <- NAMA_LGKP"); ``--column FIELD=HEADER`` takes the field itself.
FIELD_LABEL_KEYS: dict[str, str] = {
    "nik": i18n.N_("people_field_nik"),
    "kk": i18n.N_("people_field_kk"),
    "name": i18n.N_("people_field_name"),
    "sex": i18n.N_("people_field_sex"),
    "birth_date": i18n.N_("people_field_birth_date"),
    "address": i18n.N_("people_field_address"),
    "rt": i18n.N_("people_field_rt"),
    "rw": i18n.N_("people_field_rw"),
    "kelurahan": i18n.N_("people_field_kelurahan"),
    "relationship": i18n.N_("people_field_relationship"),
    "life_status": i18n.N_("people_field_life_status"),
    "card": i18n.N_("people_field_card"),
    "segment": i18n.N_("people_field_segment"),
    "status": i18n.N_("people_field_status"),
    "reason": i18n.N_("people_field_reason"),
    "fktp": i18n.N_("people_field_fktp"),
    "arrears_months": i18n.N_("people_field_arrears_months"),
}


@dataclass(frozen=True)
class ColumnUse:
    """Which header each field was read from, the file's columns not used, and the count-changing fields absent."""

    layout: Layout
    read: tuple[tuple[str, str], ...]  # (field, header as written), in the file's column order
    unused: tuple[str, ...]  # headers of the file no field was read from, as written
    absent: tuple[str, ...]  # optional fields of ``layout.absent_keys`` the file has no column for

    def lines(self, language: str) -> list[str]:
        """The report's lines: the columns read, those not used, then one line per absent field."""
        read = ", ".join(
            f"{i18n.text(self.layout.label_key(name), language)} <- {header}" for name, header in self.read
        )
        lines = [i18n.text("people_columns_read", language, columns=read)]
        if self.unused:
            lines.append(i18n.text("people_columns_unused", language, columns=", ".join(self.unused)))
        for name in self.absent:
            lines.append(
                i18n.text(self.layout.absent_keys[name], language, field=name)
                + " "
                + i18n.text("people_column_hint", language, field=name)
            )
        return lines


@dataclass(frozen=True)
class PeopleTable:
    """The body of a list below its header: one row per non-blank record."""

    file_name: str
    table: Table
    body: pl.DataFrame
    columns: dict[str, int]
    labels: dict[str, str]
    use: ColumnUse

    @property
    def rows(self) -> pl.Series:
        """Each record's row as the user sees it (Excel row or CSV line)."""
        return self.body["row"]

    @property
    def height(self) -> int:
        return self.body.height

    def has(self, field: str) -> bool:
        return field in self.columns

    def label(self, field: str) -> str:
        return self.labels[field]

    def numbers(self, field: str) -> pl.Series | None:
        """The values of numeric cells of ``field`` (workbooks only), else None."""
        if field not in self.columns or not self.table.numeric:
            return None
        return self.body[f"n{self.columns[field]}"]

    def text(self, field: str) -> pl.Series:
        """The texts of ``field`` (null when empty or when the list has no such column)."""
        return _texts(self.table, self.body, self.columns, field)


def _texts(table: Table, body: pl.DataFrame, columns: dict[str, int], field: str) -> pl.Series:
    if field not in columns:
        return pl.Series(field, [None] * body.height, dtype=pl.String)
    i = columns[field]
    cells = body[f"t{i}"].cast(pl.String).str.strip_chars()
    if table.numeric:  # a number typed into a numeric cell: its digits, without Excel's ".0"
        numbers = body[f"n{i}"]
        whole = pl.col("n") == pl.col("n").floor()
        digits = pl.col("n").cast(pl.Int64).cast(pl.String)
        if field in IDENTIFIERS:
            # calamine gives a numeric cell as a float64, which holds every integer below 2^53
            # (9.007.199.254.740.992) exactly, so a 16-digit NIK or KK number of provinces 11-90
            # arrives as stored. What can be lost is lost before: Excel keeps 15 significant digits
            # of a typed number and writes 0 for the 16th. So a number of more than 15 digits whose
            # last digit is 0 (a typed ...0001 became ...0000, or a real NIK ending in 0: no one can
            # tell), or one of 2^53 or more (the float itself rounds it), is kept as the number it
            # is ("...0.0"), which the NIK checks call digits_lost and the number checks refuse.
            # Any other number (a 16th digit that is not 0, a 13-digit card number) is its digits.
            doubtful = (pl.col("n") >= _EXACT_FLOAT_LIMIT) | (
                (pl.col("n") >= 10**_EXCEL_DIGITS) & (pl.col("n") % 10 == 0)
            )
            digits = pl.when(doubtful).then(digits + ".0").otherwise(digits)
        as_digits = pl.DataFrame({"n": numbers}).select(pl.when(whole).then(digits))["n"]
        cells = pl.DataFrame({"c": cells, "d": as_digits}).select(pl.coalesce("d", "c").alias("c"))["c"]
    return pl.DataFrame({"c": cells}).select(pl.when(pl.col("c") != "").then(pl.col("c")).alias(field))[field]


def _mapped_headers(layout: Layout, mapping: Mapping[str, str] | None) -> dict[str, str]:
    """``--column FIELD=HEADER`` as compared header -> field, or :class:`PeopleError` for an unknown field."""
    mapped: dict[str, str] = {}
    for name, header in (mapping or {}).items():
        if name not in layout.headers:
            raise PeopleError("people_unknown_field", field=name, fields=", ".join(layout.headers))
        mapped[header_key(header)] = name
    return mapped


def _columns_of(cells: list, field_of: dict[str, str], mapped: dict[str, str]) -> dict[str, int]:
    """Field -> column index of a header row: a mapped header first, else the first spelling of a field."""
    columns: dict[str, int] = {}
    keys = [header_key(cell if isinstance(cell, str) else "") for cell in cells]
    for i, key in enumerate(keys):
        if key in mapped:
            columns[mapped[key]] = i
    for i, key in enumerate(keys):
        name = field_of.get(key)
        if name is not None and name not in columns and name not in mapped.values() and i not in columns.values():
            columns[name] = i
    return columns


def _cell_text(cell: object) -> str:
    return cell.strip() if isinstance(cell, str) else "" if cell is None else str(cell)


def _two_row_header(
    upper: list, lower: list, columns: dict[str, int], anchors: tuple[str, ...], known: Callable[[str], bool]
) -> list | None:
    """The header read over two rows (a group heading merged over some columns above their own headings), or None.

    The lower row belongs to the header when it is empty under the anchor (NIK merged over both rows) and
    holds a known heading of its own: each column then takes the lower row's text, else the upper row's
    (the merged heading's text stands in its first column only, so ``DOMISILI`` over the address columns
    gives way to ``ALAMAT``, ``NO_RT``, ... below it).
    """
    anchor_columns = [columns[name] for name in anchors if name in columns]
    if any(_cell_text(lower[i]) if i < len(lower) else "" for i in anchor_columns):
        return None
    if not any(known(_cell_text(cell)) for cell in lower):
        return None
    width = max(len(upper), len(lower))
    below = [*lower, *[None] * (width - len(lower))]
    above = [*upper, *[None] * (width - len(upper))]
    return [below[i] if _cell_text(below[i]) else above[i] for i in range(width)]


def read_people_table(
    data: bytes, file_name: str, layout: Layout, mapping: Mapping[str, str] | None = None
) -> PeopleTable:
    """The header and body of a list of people, or :class:`PeopleError` naming the file.

    ``mapping`` (``--column FIELD=HEADER``) names the header a field is read from, for a header no
    spelling of the layout matches. The header may span two rows (see :func:`_two_row_header`).
    """
    field_of = layout.field_of
    mapped = _mapped_headers(layout, mapping)

    def known(text: str) -> bool:
        return header_key(text) in field_of or header_key(text) in mapped

    def head_score(cells: list) -> int:
        return sum(known(c if isinstance(c, str) else "") for c in cells)

    # The same limits as every file the reader opens (a zip bomb, a sheet of a billion cells).
    if file_limits.refusal(bytes(data), MAX_ROWS):
        raise PeopleError("people_unreadable", file=file_name)
    if not bytes(data).strip(b" \t\r\n\xef\xbb\xbf"):
        raise PeopleError("people_empty_file", file=file_name)
    try:
        table = read_table(bytes(data), file_name, head_score, HEADER_ROWS, MAX_ROWS)
    except Unreadable:
        raise PeopleError("people_unreadable", file=file_name) from None
    except Exception:  # a broken workbook: calamine reports each kind its own way
        raise PeopleError("people_unreadable", file=file_name) from None
    # Nothing but blank cells (an empty sheet, a CSV of separators): empty, not "no column NIK".
    if table.frame.height <= HEADER_ROWS and all(
        not _cell_text(c) for index in range(table.frame.height) for c in table.cells_at(index)
    ):
        raise PeopleError("people_empty_file", file=file_name)
    anchors = layout.anchors
    for index in range(min(HEADER_ROWS, table.frame.height)):
        cells = table.cells_at(index)
        columns = _columns_of(cells, field_of, mapped)
        if not any(name in columns for name in anchors):
            continue
        header_rows = 1
        if index + 1 < table.frame.height:
            combined = _two_row_header(cells, table.cells_at(index + 1), columns, anchors, known)
            if combined is not None:
                cells, header_rows = combined, 2
                columns = _columns_of(cells, field_of, mapped)
        missing_mapped = sorted(set(mapped.values()) - set(columns))
        if missing_mapped:
            name = missing_mapped[0]
            raise PeopleError("people_mapped_header_missing", file=file_name, field=name, header=(mapping or {})[name])
        missing = [name for name in layout.required if name not in columns]
        if missing:
            raise PeopleError(
                "people_no_column_in_header",
                file=file_name,
                row=int(table.frame["row"][index + header_rows - 1]),
                column=layout.spellings(tuple(missing[:1])),
                field=missing[0],
            )
        body = table.frame.slice(index + header_rows)
        blank = pl.concat_str([_texts(table, body, columns, f).fill_null("") for f in columns]) == ""
        records = body.filter(~blank)
        if records.height == 0:  # headings and nothing under them: stored, it would become the newest, empty, list
            raise PeopleError("people_no_rows", file=file_name)
        if (row := _repeated_header_row(table, records, columns, field_of)) is not None:
            raise PeopleError("people_repeated_header", file=file_name, row=row)
        labels = {name: str(cells[i]) for name, i in columns.items()}
        order = sorted(columns, key=columns.__getitem__)
        used = set(columns.values())
        use = ColumnUse(
            layout,
            read=tuple((name, labels[name]) for name in order),
            unused=tuple(_cell_text(c) for i, c in enumerate(cells) if i not in used and _cell_text(c)),
            absent=tuple(name for name in layout.absent_keys if name not in columns),
        )
        return PeopleTable(file_name, table, records, columns, labels, use)
    raise PeopleError("people_no_column", file=file_name, column=layout.spellings(anchors))


def _repeated_header_row(
    table: Table, records: pl.DataFrame, columns: dict[str, int], field_of: dict[str, str]
) -> int | None:
    """The first body row that is the header again (two exports pasted together), or None.

    A row repeats the header when at least half of the header's columns (and two, where there are
    two) hold a heading of their own field, in any of its spellings (``NAMA`` under ``NAMA LENGKAP``).
    Its columns may be in another order, so the rows below it are not read as the same columns:
    the list is refused, never skipped past.
    """
    headings = [
        _texts(table, records, columns, field)
        .str.to_uppercase()
        .str.replace_all(r"[_.\-\s]+", " ")
        .str.strip_chars()
        .replace_strict(field_of, default=None)
        .eq_missing(field)
        .cast(pl.Int32)
        .alias(field)
        for field in columns
    ]
    needed = max(min(2, len(columns)), (len(columns) + 1) // 2)
    if not headings:
        return None
    matching = pl.DataFrame(headings).select(pl.sum_horizontal(pl.all()) >= needed).to_series()
    return first_bad(records["row"], matching)


def first_bad(rows: pl.Series, bad: pl.Series) -> int | None:
    """The first row where ``bad`` holds, or None."""
    hits = rows.filter(bad.fill_null(False))
    return None if hits.is_empty() else int(hits[0])


def _calendar_date(year: pl.Expr, month: pl.Expr, day: pl.Expr) -> pl.Expr:
    """The date of the parts when they make one (no 31 February), else null."""
    parts = pl.concat_str([year, month.str.zfill(2), day.str.zfill(2)], separator="-")
    return parts.str.to_date("%Y-%m-%d", strict=False)


def birth_dates(people: PeopleTable, field: str = "birth_date") -> pl.Series:
    """Dates written dd-mm-yyyy, dd/mm/yyyy or yyyy-mm-dd, or Excel serials; refuses any other.

    Raises :class:`PeopleError` naming the first row whose date cannot be read.
    """
    text = people.text(field)
    dates = read_dates(people, field)
    if (row := first_bad(people.rows, text.is_not_null() & dates.is_null())) is not None:
        raise PeopleError("people_bad_date", file=people.file_name, row=row, column=people.label(field))
    return dates


def read_dates(people: PeopleTable, field: str) -> pl.Series:
    """The dates of ``field`` as :func:`birth_dates` reads them; null for an empty cell or one that is no date."""
    if not people.has(field):
        return pl.Series(field, [None] * people.height, dtype=pl.Date)
    text = people.text(field)
    number = people.numbers(field)
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
        ).alias(field)
    )[field]
    return dates


def stated_sexes(people: PeopleTable, field: str = "sex") -> pl.Series:
    """``male``/``female`` from L/P, LK/PR, Laki-laki/Perempuan, Pria/Wanita; null for anything else."""
    return people.text(field).str.to_uppercase().replace_strict(STATED_SEX, default=None).alias(field)


def checked_numbers(people: PeopleTable, field: str, digits: int, what: str) -> pl.Series:
    """The digits of an identifier column (KK, card number) or :class:`PeopleError` at the first bad one."""
    numbers = people.text(field)
    bad = numbers.is_not_null() & ~numbers.str.contains(f"^[0-9]{{{digits}}}$")
    if (row := first_bad(people.rows, bad)) is not None:
        raise PeopleError(
            "people_bad_number", file=people.file_name, row=row, column=people.label(field), what=what, digits=digits
        )
    return numbers


def identities(names: pl.Series, births: pl.Series) -> pl.Series:
    """``NAME|yyyy-mm-dd`` of each person with a name and a birth date (else null), to be keyed."""
    frame = pl.DataFrame({"n": normalised_names(names), "b": births.cast(pl.Date)})
    return frame.select(
        pl.when((pl.col("n") != "") & pl.col("b").is_not_null())
        .then(pl.concat_str([pl.col("n"), pl.col("b").dt.strftime("%Y-%m-%d")], separator="|"))
        .alias("identity")
    )["identity"]


def kelurahan_codes(people: PeopleTable, tree: pl.DataFrame, field: str = "kelurahan") -> pl.Series:
    """The Kemendagri code of each row's kelurahan (by Kemendagri or BPS code or by name); null if none."""
    place = people.text(field)
    is_code = place.str.contains(r"^[0-9][0-9.]*$").fill_null(False)
    nothing = pl.Series([None] * people.height, dtype=pl.String)
    labels = pl.DataFrame(
        {"region_code": place.zip_with(is_code, nothing), "kelurahan": nothing.zip_with(is_code, place)}
    )
    matched = match_regions(labels, tree)
    kelurahan = set(tree.filter(pl.col("level") == "kelurahan")["kemendagri_code"])
    return (
        matched["kemendagri_code"]
        .zip_with(matched["kemendagri_code"].is_in(list(kelurahan)).fill_null(False), nothing)
        .alias("kemendagri_code")
    )
