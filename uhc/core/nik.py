"""NIK checks: one category per value, and the birth date and sex the NIK encodes, over a Polars column.

A NIK (Nomor Induk Kependudukan) is 16 digits: the Kemendagri code of the kecamatan of first
registration (province 2, kab/kota 2, kecamatan 2), the birth date as DDMMYY with 40 added to the
day for women, and a serial of four digits. Every check is a Polars expression over the whole
column (no Python per row), so millions of register rows take a second or two.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import polars as pl

from uhc import i18n

# In the order they are checked: a value gets the first category whose check fails. The NIK's own
# form comes before its agreement with the row, so a mismatch always means a well-formed NIK.
CATEGORIES = (
    "valid",
    "missing",
    "digits_lost",
    "not_16_digits",
    "unknown_region",
    "invalid_birth_date",
    "future_birth_date",
    "zero_serial",
    "birth_date_mismatch",
    "sex_mismatch",
)
CATEGORY = pl.Enum(CATEGORIES)
SEX = pl.Enum(("male", "female"))
NIK_SCHEMA: dict[str, pl.DataType] = {
    "nik": pl.String(),
    "nik_category": CATEGORY,
    "nik_birth_date": pl.Date(),
    "nik_sex": SEX,
}
CATEGORY_KEYS = {
    "valid": i18n.N_("nik_valid"),
    "missing": i18n.N_("nik_missing"),
    "digits_lost": i18n.N_("nik_digits_lost"),
    "not_16_digits": i18n.N_("nik_not_16_digits"),
    "unknown_region": i18n.N_("nik_unknown_region"),
    "invalid_birth_date": i18n.N_("nik_invalid_birth_date"),
    "future_birth_date": i18n.N_("nik_future_birth_date"),
    "zero_serial": i18n.N_("nik_zero_serial"),
    "birth_date_mismatch": i18n.N_("nik_birth_date_mismatch"),
    "sex_mismatch": i18n.N_("nik_sex_mismatch"),
}
# Short labels, for a report's lines of counts; CATEGORY_KEYS say what each means and what to do.
CATEGORY_LABEL_KEYS = {
    "valid": i18n.N_("nik_label_valid"),
    "missing": i18n.N_("nik_label_missing"),
    "digits_lost": i18n.N_("nik_label_digits_lost"),
    "not_16_digits": i18n.N_("nik_label_not_16_digits"),
    "unknown_region": i18n.N_("nik_label_unknown_region"),
    "invalid_birth_date": i18n.N_("nik_label_invalid_birth_date"),
    "future_birth_date": i18n.N_("nik_label_future_birth_date"),
    "zero_serial": i18n.N_("nik_label_zero_serial"),
    "birth_date_mismatch": i18n.N_("nik_label_birth_date_mismatch"),
    "sex_mismatch": i18n.N_("nik_label_sex_mismatch"),
}
# Spellings of a stated sex seen in Indonesian registers and BPJS lists (upper-cased before the
# lookup). Any other value counts as not stated: the row cannot contradict the NIK with it.
STATED_SEX = {
    "L": "male",
    "LK": "male",
    "LAKI-LAKI": "male",
    "LAKI LAKI": "male",
    "LAKI": "male",
    "PRIA": "male",
    "M": "male",
    "MALE": "male",
    "P": "female",
    "PR": "female",
    "PEREMPUAN": "female",
    "WANITA": "female",
    "F": "female",
    "FEMALE": "female",
}

# Excel writes a number of more than 15 digits as 6.17101E+15 (6,17101E+15 with Indonesian
# settings), and a value that went through a float can come back as 6171011705900000.0: the last
# digits are gone and any guess at them would be another person's NIK.
_SCIENTIFIC = r"^\d+(?:[.,]\d*)?[eE][+-]?\d+$"
_FLOAT_TEXT = r"^\d{15,16}\.0+$"
# Spaces (any kind) and dots: a value of nothing else is missing.
_SEPARATORS = r"[\s.]"
# The forms of a NIK accepted besides its 16 digits (after the leading apostrophe Excel exports put
# before a number kept as text): four groups of four, all split by one space or all by one dot
# (6171 0117 0590 0001, 6171.0117.0590.0001). Spaces anywhere else (61710 1170 59...) could be two
# numbers run together or a digit typed in the wrong place: not_16_digits, never read.
_GROUPED = r"^\d{4}(?: \d{4}){3}$|^\d{4}(?:\.\d{4}){3}$"
_WOMEN_DAY_OFFSET = 40


def _text(column: pl.Series) -> tuple[pl.Series, bool]:
    """The values as text, and whether the digits are lost already (a float column)."""
    if column.dtype.is_float():
        return column.cast(pl.String), True
    if column.dtype == pl.String:
        return column, False
    return column.cast(pl.String), False


def nik_checks(
    nik: pl.Series,
    kecamatan_codes: Collection[str],
    on: dt.date,
    stated_birth_date: pl.Series | None = None,
    stated_sex: pl.Series | None = None,
) -> pl.DataFrame:
    """One row per value of ``nik``: the NIK's 16 digits, its category, the birth date and sex it encodes.

    Parameters
    ----------
    nik
        The NIKs as read (text; an integer column is taken as it is, a float column has lost digits).
    kecamatan_codes
        Kemendagri codes of the kecamatan that exist, dotted (``61.71.01``) or not (``617101``):
        the first six digits of a NIK must be one of them.
    on
        The day the check runs: a two-digit year that would put the birth after it is 19YY.
    stated_birth_date, stated_sex
        What the row says (a Date column; ``L``/``P``, ``Laki-laki``/``Perempuan``, ``M``/``F``), as
        long as ``nik``; a null says nothing. They must agree with the NIK.

    Returns
    -------
    A frame of :data:`NIK_SCHEMA`: ``nik`` is the 16 digits (null when the value has not 16
    digits), ``nik_category`` one of :data:`CATEGORIES`, ``nik_birth_date`` and ``nik_sex`` what the
    NIK encodes (null unless its birth date is a calendar date).
    """
    for name, stated_column in (("stated_birth_date", stated_birth_date), ("stated_sex", stated_sex)):
        if stated_column is not None and len(stated_column) != len(nik):
            raise ValueError(f"{name} has {len(stated_column)} values for {len(nik)} NIKs: give one per NIK.")
    text, float_column = _text(nik)
    # One lazy query: Polars plans the steps together and runs independent ones in parallel.
    rows = pl.DataFrame({"raw": text.str.strip_chars()}).lazy()
    rows = rows.with_columns(
        stated_birth_date=(
            pl.lit(None, pl.Date) if stated_birth_date is None else pl.Series(stated_birth_date).cast(pl.Date)
        ),
        stated_sex=(
            pl.lit(None, pl.String)
            if stated_sex is None
            else pl.Series(stated_sex)
            .cast(pl.String)
            .str.strip_chars()
            .str.to_uppercase()
            .replace_strict(STATED_SEX, default=None)
        ),
    )
    codes = pl.Series([code.replace(".", "") for code in kecamatan_codes], dtype=pl.String)
    raw = pl.col("raw")
    unquoted = raw.str.strip_prefix("'").str.strip_chars()
    digits = unquoted.str.replace_all(_SEPARATORS, "")
    lost = unquoted.str.contains(_SCIENTIFIC) | unquoted.str.contains(_FLOAT_TEXT)
    if float_column:
        lost = raw.is_not_null()
    rows = rows.with_columns(
        missing=raw.is_null() | (digits == ""),
        lost=lost.fill_null(False),
        nik=pl.when(unquoted.str.contains(r"^\d{16}$") | unquoted.str.contains(_GROUPED)).then(digits),
    )
    nik_col = pl.col("nik")
    day_digits = nik_col.str.slice(6, 2).cast(pl.Int32)
    rows = rows.with_columns(
        region=nik_col.str.slice(0, 6),
        female=day_digits > _WOMEN_DAY_OFFSET,
        day=pl.when(day_digits > _WOMEN_DAY_OFFSET).then(day_digits - _WOMEN_DAY_OFFSET).otherwise(day_digits),
        month=nik_col.str.slice(8, 2).cast(pl.Int32),
        yy=nik_col.str.slice(10, 2).cast(pl.Int32),
        serial=nik_col.str.slice(12, 4),
    )
    # 20YY unless that birthday would be after the day of the check, then 19YY; compared as YYYYMMDD.
    in_2000s = 20000000 + pl.col("yy") * 10000 + pl.col("month") * 100 + pl.col("day")
    today = on.year * 10000 + on.month * 100 + on.day
    year = pl.when(in_2000s > today).then(1900 + pl.col("yy")).otherwise(2000 + pl.col("yy"))
    # A calendar date: 29 February only in leap years (Gregorian: every 4th, not every 100th unless
    # every 400th), no day 32, no month 13. Counted in integers: parsing YYYYMMDD text took five times as long.
    rows = rows.with_columns(year=year)
    y, month, day = pl.col("year"), pl.col("month"), pl.col("day")
    leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
    days_in_month = (
        pl.when(month == 2).then(28 + leap.cast(pl.Int32)).when(month.is_in([4, 6, 9, 11])).then(30).otherwise(31)
    )
    is_date = month.is_between(1, 12) & day.is_between(1, days_in_month)
    birth_date = pl.when(is_date).then(pl.date(y, month, day))
    # The NIK holds no century: a stated date agrees when its day, month and two-digit year are the
    # NIK's, and then gives the century (a resident born in 1925 has YY 25).
    stated = pl.col("stated_birth_date")
    agrees = (
        (stated.dt.day() == pl.col("day"))
        & (stated.dt.month() == pl.col("month"))
        & (stated.dt.year() % 100 == pl.col("yy"))
    )
    rows = rows.with_columns(nik_birth_date=birth_date, stated_agrees=agrees.fill_null(False))
    has_date = pl.col("nik_birth_date").is_not_null()
    rows = rows.with_columns(
        nik_sex=pl.when(has_date).then(pl.when(pl.col("female")).then(pl.lit("female")).otherwise(pl.lit("male"))),
        nik_birth_date=pl.when(has_date & pl.col("stated_agrees")).then(stated).otherwise(pl.col("nik_birth_date")),
    )
    # Born after the day of the check: only a stated date can give such a century (alone, a YY that
    # would be in the future reads as 19YY), and a birth not yet happened is no person's NIK.
    future = pl.col("nik_birth_date") > pl.lit(on)
    category = (
        pl.when(pl.col("missing"))
        .then(pl.lit("missing"))
        .when(pl.col("lost"))
        .then(pl.lit("digits_lost"))
        .when(nik_col.is_null())
        .then(pl.lit("not_16_digits"))
        .when(~pl.col("region").is_in(pl.lit(codes).implode()))
        .then(pl.lit("unknown_region"))
        .when(~has_date)
        .then(pl.lit("invalid_birth_date"))
        .when(future)
        .then(pl.lit("future_birth_date"))
        .when(pl.col("serial") == "0000")
        .then(pl.lit("zero_serial"))
        .when(stated.is_not_null() & ~pl.col("stated_agrees"))
        .then(pl.lit("birth_date_mismatch"))
        .when(pl.col("stated_sex").is_not_null() & (pl.col("stated_sex") != pl.col("nik_sex")))
        .then(pl.lit("sex_mismatch"))
        .otherwise(pl.lit("valid"))
    )
    return rows.select(
        nik=pl.when(~pl.col("lost")).then(nik_col),
        nik_category=category.cast(CATEGORY),
        nik_birth_date=pl.when(~pl.col("lost")).then(pl.col("nik_birth_date")),
        nik_sex=pl.when(~pl.col("lost")).then(pl.col("nik_sex")).cast(SEX),
    ).collect()


def category_counts(checked: pl.DataFrame) -> pl.DataFrame:
    """Values per NIK category, every category listed (zero included), in the order of :data:`CATEGORIES`."""
    every = pl.DataFrame({"nik_category": pl.Series(CATEGORIES, dtype=CATEGORY)})
    counted = checked.group_by("nik_category").len("values")
    return (
        every.join(counted, on="nik_category", how="left")
        .with_columns(pl.col("values").fill_null(0).cast(pl.UInt32))
        .sort("nik_category")
    )
