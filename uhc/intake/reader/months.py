"""Months as files write them: ``2025-06``, ``Juni 2025``, ``Jun-25``, ``202506``, Excel date serials."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable

import polars as pl
from babel.dates import get_month_names

from uhc.intake.reader.decoding import _EMPTY_MARKS, _SPACES, Cell

_TIME_SUFFIX = re.compile(r"[ t]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")


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
