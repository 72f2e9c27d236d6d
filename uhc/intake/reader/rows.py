"""The records under the header: their roles (data, total, notes), labels, counts and months."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

import polars as pl

from uhc.intake.reader.checks import _Blocks, _derived, _population_of_parts
from uhc.intake.reader.decoding import _EMPTY_MARKS, _SPACES, _cell_text, _Table
from uhc.intake.reader.headers import (
    COLUMN_SYNONYMS,
    POPULATION_TOTAL_HEADERS,
    _Header,
    _header_like,
    _is_column_numbering,
    _sub_header_named,
    header_key,
)
from uhc.intake.reader.months import _months_of, _title_period
from uhc.intake.reader.numbers import _CountCells
from uhc.intake.reader.result import Parsed, _Findings, _Reading
from uhc.intake.reader.schema import (
    COUNT_COLUMNS,
    LABEL_COLUMNS,
    LONG_COLUMNS,
    PARENT_CODE_COLUMNS,
    PART_COLUMNS,
    ROW_SCHEMA,
    Kind,
)

_TOTAL_LABEL = re.compile(r"^(jumlah|total|sub ?total|grand total|jml)\b")
_SUBTOTAL_LABEL = re.compile(r"^(sub ?total|(jumlah|total|jml) (kec|kecamatan)\b)")


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
    found: dict[str, Any] = {
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
    counts = [c for c in (*COUNT_COLUMNS, *PART_COLUMNS) if c in columns]
    body = _Body(table, start, [columns[c] for c in counts])
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
    cells = body.count_cells
    for k, c in enumerate(counts):
        index, label = columns[c], header.labels[columns[c]]
        number = body.number(index)
        if cells.has_comma(k):
            written_text = cells.present(k) & number.is_null() if body.has_numbers(index) else cells.present(k)
            convention = cells.convention(k, written_text & (roles != "skip"))
        else:
            # Without a comma, English reads no cell as a whole number that Indonesian does not
            # (1.384 is 1.384 people or not whole; 1.000 reads in both, with a decimal mark in English
            # only): the tally of _CountCells.convention always goes to Indonesian, so it is spared.
            convention = "id"
        value, problem = cells.counts(k, convention, number)
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
        if problem.null_count() == len(problem):
            continue
        failing = pl.DataFrame({"problem": problem, "text": body.text(index), "number": number}).with_row_index("at")
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
            **{c: labels.get(c, body.nulls(pl.String()).alias(c)) for c in LABEL_COLUMNS},
            **{
                c: body.label(columns[c]) if c in columns else body.nulls(pl.String()).alias(c)
                for c in (*PARENT_CODE_COLUMNS, *LONG_COLUMNS)
            },
            **{c: values.get(c, body.nulls(pl.Int64()).alias(c)) for c in COUNT_COLUMNS},
        }
    ).filter(is_record)
    if "period" in columns:
        index = columns["period"]
        text, number = body.text(index).filter(is_record), body.number(index).filter(is_record)
        month, bad = _months_of(text, number, period)
        as_shown = body.shown(index).filter(is_record)
        for at, row, value in zip(frame["at"].filter(bad), frame["row"].filter(bad), as_shown.filter(bad), strict=True):
            findings.add((1, at, 60), "error", "bad_period", row=row, column=header.labels[index], value=value)
        frame = frame.with_columns(period=month)
    else:
        frame = frame.with_columns(period=pl.lit(period, dtype=pl.Date))
    frame = _derived(frame, columns, written, findings)
    blocks.check(body, findings, written)
    findings.report()
    rows = frame.select(ROW_SCHEMA.keys()).cast(pl.Schema(ROW_SCHEMA))
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


class _Body:
    """The records under the header, as whole columns: texts, numbers, labels and each row's role.

    The figures of a column are worked out once and kept: the roles, the checks and the rows all
    look at the same labels. The count columns' texts are read as numbers together (``_CountCells``).
    """

    def __init__(self, table: _Table, start: int, count_indices: Sequence[int] = ()):
        self.table = table
        self.frame = table.frame.slice(start)
        self.start = start
        self.height = self.frame.height
        self.rows = self.frame["row"]
        self._nulls: dict[pl.DataType, pl.Series] = {}
        self._kept: dict[tuple[str, int], pl.Series] = {}
        self.total_label = self.nulls(pl.String())
        self.count_index = {index: k for k, index in enumerate(count_indices)}
        self.count_cells = _CountCells([self.text(index) for index in count_indices])

    def nulls(self, dtype: pl.DataType) -> pl.Series:
        """A column of nulls as long as the body (made once per type)."""
        if dtype not in self._nulls:
            self._nulls[dtype] = _nulls(self.height, dtype)
        return self._nulls[dtype]

    def _kept_or(self, figure: str, index: int, make) -> pl.Series:
        key = (figure, index)
        if key not in self._kept:
            self._kept[key] = make()
        return self._kept[key]

    def row(self, at: int) -> int:
        return int(self.rows[at])

    def text(self, index: int) -> pl.Series:
        if index < self.table.width:
            return self.frame[f"t{index}"]
        return self.nulls(pl.String())

    def number(self, index: int) -> pl.Series:
        if self.table.numeric and index < self.table.width:
            return self.frame[f"n{index}"]
        return self.nulls(pl.Float64())

    def has_numbers(self, index: int) -> bool:
        """Whether the column may hold numeric cells (a workbook's), not only text."""
        return self.table.numeric and index < self.table.width

    def stripped(self, index: int) -> pl.Series:
        return self._kept_or("stripped", index, lambda: self.text(index).str.strip_chars(_SPACES))

    def shown(self, index: int) -> pl.Series:
        """Each cell as ``_cell_text`` shows it: text stripped, a number without a needless ``.0``."""
        text = self.stripped(index).fill_null("")
        if not self.has_numbers(index):
            return text
        number = self.number(index)
        return _float_texts(number).zip_with(number.is_not_null(), text)

    def present(self, index: int) -> pl.Series:
        def make() -> pl.Series:
            if index in self.count_index:
                written = self.count_cells.present(self.count_index[index])
            else:
                stripped = self.stripped(index)
                written = stripped.is_not_null() & ~stripped.is_in(_EMPTY_MARKS)
            return self.number(index).is_not_null() | written if self.has_numbers(index) else written

        return self._kept_or("present", index, make)

    def numeric(self, index: int, start: int = 0) -> pl.Series:
        """From record ``start`` on, whether each cell is a number or written like one (``687.031``, ``(1.234)``)."""
        compact = self.text(index).slice(start).str.replace_all(r"\s", "").str.replace_all("−", "-", literal=True)
        shaped = compact.str.contains(r"^\(?[+-]?[0-9.,]*[0-9][0-9.,]*\)?$").fill_null(False)
        return self.number(index).slice(start).is_not_null() | shaped

    def label(self, index: int) -> pl.Series:
        def make() -> pl.Series:
            shown = self.shown(index)
            return shown.zip_with(~shown.is_in(_EMPTY_MARKS), self.nulls(pl.String()))

        return self._kept_or("label", index, make)

    def roles(self, counts: list[str], columns: dict[str, int]) -> pl.Series:
        """data, total, subtotal or skip (blank lines, headings, footnotes) for each record."""
        # A total's label sits in the name columns or left of them (a merged "No" cell), never in a
        # remarks column on the right, where "Jumlah penduduk naik" is only a remark.
        last_label = max(columns[c] for c in LABEL_COLUMNS if c in columns)
        skip = {columns[c] for c in counts} | ({columns["period"]} if "period" in columns else set())
        label = self.nulls(pl.String())
        for index in range(min(last_label + 1, self.table.width)):
            if index in skip:
                continue
            text = self.text(index)
            if self.has_numbers(index):
                text = text.zip_with(self.number(index).is_null(), label.clear(self.height))
            # Python's header_key decides; Polars only picks the few cells that could be totals.
            maybe = text.filter(text.str.contains(r"(?i)^[^0-9a-z]*(jumlah|total|sub|grand|jml)|[^\x00-\x7f]"))
            totals = [cell for cell in maybe.unique().to_list() if _TOTAL_LABEL.match(header_key(cell) or "-")]
            if totals:
                found = text.is_in(totals) & label.is_null()
                stripped = self.stripped(index) if not self.has_numbers(index) else text.str.strip_chars(_SPACES)
                label = stripped.zip_with(found, label)
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
        # polars types max() as any Python literal; of arg_true()'s row indices it is an int (the two ignores)
        last = -1 if last is None else int(last)  # type: ignore[arg-type]
        # only the rows under the last labelled one can be notes: the numbers are looked at there alone
        tail = pl.DataFrame({c: self.numeric(columns[c], last + 1) for c in counts}).select(pl.any_horizontal(pl.all()))
        numbered = tail.to_series().arg_true().max()
        last = last if numbered is None else last + 1 + int(numbered)  # type: ignore[arg-type]
        below = pl.int_range(0, self.height, eager=True) > last
        counted = has_counts.to_series() & ~below
        return (
            pl.DataFrame({"label": label, "has_counts": counted})
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
    if body.table.quoted:
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
    else:  # only a quoted cell holds a line break
        swallowed = body.nulls(pl.Boolean()).fill_null(False)
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
