"""Counts as cities write them: Indonesian (``687.031``, ``98,14``) or English (``687,031``) numbers."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Literal

import polars as pl
from babel.numbers import NumberFormatError, get_decimal_symbol, get_group_symbol, parse_decimal

from uhc.intake.reader.decoding import _EMPTY_MARKS, _SPACE_CLASS, _SPACES
from uhc.intake.reader.schema import MAX_COUNT

_NUMBER_SHAPE = re.compile(r"[+-]?[0-9.,]*[0-9][0-9.,]*")


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


_DECIMAL_MARKS = {"id": ",", "en": "."}
_CONVENTIONS: tuple[Literal["id", "en"], ...] = ("id", "en")


class _CountCells:
    """The text cells of a file's count columns, each distinct text read once, in both conventions.

    A national recap has 84.000 rows x 9 count columns but about 17.000 distinct texts: each is
    taken apart once (as ``parse_number`` does it, in Polars), and the cells of the columns find
    their reading by their text's position among the distinct ones (the physical codes of an Enum
    of them), with a gather per figure instead of string work per row.

    ``distinct`` has one row per distinct text and a last row for the empty cell (null); ``codes``
    numbers the cells of all columns, one column after the other, ``height`` cells each.
    """

    def __init__(self, texts: Sequence[pl.Series]):
        self.height = len(texts[0]) if texts else 0
        cells = pl.concat(list(texts)) if texts else pl.Series(dtype=pl.String)
        written = cells.drop_nulls().unique()
        self.distinct = _distinct_readings(pl.concat([written, pl.Series([None], dtype=pl.String)]))
        self.codes = cells.cast(pl.Enum(written)).to_physical().cast(pl.UInt32).fill_null(len(written))
        self.any_comma = bool(self.distinct["comma"].any())
        figures = (
            ["present", "comma", "value_id", "problem_id"] if self.any_comma else ["present", "value_id", "problem_id"]
        )
        self.cells = self.distinct.select(pl.col(figures).gather(self.codes))

    def _column(self, k: int, figure: str) -> pl.Series:
        if figure not in self.cells.columns:
            codes = self.codes.slice(k * self.height, self.height)
            return self.distinct[figure].gather(codes)
        return self.cells[figure].slice(k * self.height, self.height)

    def present(self, k: int) -> pl.Series:
        """Whether each text cell of column ``k`` holds anything (not blank, not ``-``)."""
        return self._column(k, "present")

    def has_comma(self, k: int) -> bool:
        """Whether a cell of column ``k`` holds a comma (else English reads it no better than Indonesian)."""
        return self.any_comma and bool(self._column(k, "comma").any())

    def convention(self, k: int, written: pl.Series) -> Literal["id", "en"]:
        """The convention that reads more of column ``k``'s cells in ``written`` (a mask) as whole numbers.

        ``1.234`` and ``12.345.678`` are thousands in Indonesian; ``1,234`` is thousands in English.
        Between two readings that are both whole (``1,000`` is 1,000 in English or 1 in Indonesian),
        the one without a decimal part wins: counts are not written with decimals, except as ``,00``.
        Plain digits fit both; a tie is Indonesian, the files' own convention.
        """
        codes = self.codes.slice(k * self.height, self.height).filter(written)
        fits = {}
        for convention in _CONVENTIONS:
            chosen = self.distinct.select(pl.col(f"fit_{convention}", f"fit_mark_{convention}").gather(codes).sum())
            fits[convention] = [int(chosen.item(0, 0)), int(chosen.item(0, 1))]
        return "en" if fits["en"] > fits["id"] else "id"

    def counts(self, k: int, convention: Literal["id", "en"], number: pl.Series) -> tuple[pl.Series, pl.Series]:
        """Counts of people from column ``k`` and, per cell, why it is not one (not_a_number, not_whole, negative).

        ``number`` holds a workbook's numeric cells (null elsewhere); they are read as they are.
        """
        value, problem = self._column(k, f"value_{convention}"), self._column(k, f"problem_{convention}")
        if number.null_count() == len(number):
            return value, problem
        n = pl.col("number")
        from_number = (
            pl.when(~n.is_finite() | (n.abs() >= MAX_COUNT))
            .then(pl.lit("not_a_number"))
            .when(n != n.floor())
            .then(pl.lit("not_whole"))
            .when(n < 0)
            .then(pl.lit("negative"))
        )
        frame = pl.DataFrame({"number": number, "value": value, "problem": problem})
        problem_expr = pl.when(n.is_not_null()).then(from_number).otherwise(pl.col("problem")).alias("problem")
        read = pl.when(n.is_not_null()).then(n.cast(pl.Int64, strict=False)).otherwise(pl.col("value"))
        result = frame.select(problem_expr, pl.when(problem_expr.is_null()).then(read).alias("value"))
        return result["value"], result["problem"]


def _distinct_readings(text: pl.Series) -> pl.DataFrame:
    """Each distinct text read as a count in both conventions: whether it holds anything, its value or
    its problem, and what the convention tally needs (read whole; read whole without a decimal mark).

    Step by step (``with_columns``): an expression used by several others would be worked out again
    in each of them.
    """
    stripped = pl.col("text").str.strip_chars(_SPACES)
    shape = pl.col("shape")
    frame = (
        pl.DataFrame({"text": text})
        .with_columns(
            spaceless=pl.col("text").str.replace_all(_SPACE_CLASS, "").str.replace_all("−", "-", literal=True),
            present=(stripped.is_not_null() & ~stripped.is_in(_EMPTY_MARKS)),
            comma=pl.col("text").str.contains(",", literal=True).fill_null(False),
        )
        .with_columns(compact=_accounting_negative(pl.col("spaceless")))
        .with_columns(shape=pl.col("compact").str.replace_all("[0-9]", "1"))
        .with_columns(
            candidate=pl.when(shape.str.contains(r"^[+-]?[0-9.,]*[0-9][0-9.,]*$") & (shape.str.len_chars() <= 40)).then(
                shape
            )
        )
    )
    shapes = frame["candidate"].drop_nulls().unique().to_list()
    readings = []
    for convention in _CONVENTIONS:
        group, decimal = _SYMBOLS[convention]
        fitting = [shape for shape in shapes if _shape_fits(shape, convention)]
        pattern = rf"^([+-]?)([0-9]*)(?:{re.escape(decimal)}([0-9]*))?$"
        parts = pl.col("compact").str.replace_all(group, "", literal=True).str.extract_groups(pattern)
        digits = pl.col("whole").str.strip_chars_start("0")
        read = (
            frame.select("text", "present", "candidate", parts=parts)
            .unnest("parts")
            .rename({"1": "sign", "2": "whole", "3": "fraction"})
            .with_columns(digits=digits)
            .with_columns(
                readable=(
                    pl.col("candidate").is_in(fitting)
                    & pl.col("whole").is_not_null()
                    & (pl.col("digits").str.len_chars() <= 16)
                ).fill_null(False),
                is_whole=pl.col("fraction").is_null() | pl.col("fraction").str.contains("^0*$"),
                value=pl.when(pl.col("digits") == "").then(0).otherwise(pl.col("digits").cast(pl.Int64, strict=False)),
                minus=pl.col("sign") == "-",
                no_decimal_mark=~pl.col("text").str.contains(_DECIMAL_MARKS[convention], literal=True),
            )
            .with_columns(
                problem=pl.when(~pl.col("present"))
                .then(None)
                .when(~pl.col("readable"))
                .then(pl.lit("not_a_number"))
                .when(~pl.col("is_whole"))
                .then(pl.lit("not_whole"))
                .when(pl.col("minus") & (pl.col("value") != 0))
                .then(pl.lit("negative")),
                fit=pl.col("readable") & pl.col("is_whole"),
            )
            .select(
                pl.col("problem").alias(f"problem_{convention}"),
                pl.when(pl.col("problem").is_null() & pl.col("present"))
                .then(pl.col("value"))
                .alias(f"value_{convention}"),
                pl.col("fit").alias(f"fit_{convention}"),
                (pl.col("fit") & pl.col("no_decimal_mark")).alias(f"fit_mark_{convention}"),
            )
        )
        readings.append(read)
    return pl.concat([frame.select("present", "comma"), *readings], how="horizontal")


def _accounting_negative(compact: pl.Expr) -> pl.Expr:
    """``_compact``'s accounting negatives on a column without spaces: ``(1.234)`` as ``-1.234``."""
    return (
        pl.when(compact.str.starts_with("(") & compact.str.ends_with(")"))
        .then(pl.lit("-") + compact.str.slice(1, compact.str.len_chars() - 2))
        .otherwise(compact)
    )
