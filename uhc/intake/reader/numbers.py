"""Counts as cities write them: Indonesian (``687.031``, ``98,14``) or English (``687,031``) numbers."""

from __future__ import annotations

import functools
import re
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
