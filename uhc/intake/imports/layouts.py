"""The shape of a file's rows: the one year and month an import is for, the sexes added up, the month filled in."""

from __future__ import annotations

import datetime as dt
import re

import polars as pl

from uhc.figures import SEGMENTS
from uhc.intake.imports.matching import row_label
from uhc.intake.imports.messages import importer_issue
from uhc.intake.reader import Issue, Parsed

# Long layouts (one row per region x sex x year): how the sex column's cells are written.
_SEX_VALUES = {
    "male": {"l", "lk", "laki", "laki laki", "lelaki", "pria", "male", "m"},
    "female": {"p", "pr", "perempuan", "wanita", "female", "f", "w"},
    "total": {"l p", "lp", "jumlah", "jml", "total", "semua", "l dan p"},
}
_SEX_OF = {written: sex for sex, values in _SEX_VALUES.items() for written in values}
# What identifies a region's row apart from its sex: its labels and month.
_REGION_KEYS = (
    "region_code",
    "kecamatan",
    "kelurahan",
    "province_code",
    "kab_kota_code",
    "kecamatan_code",
    "period",
    "year",
)


def rows_of_one_year(rows: pl.DataFrame, parsed: Parsed, day: dt.date | None, issues: list[Issue]) -> pl.DataFrame:
    """The rows of the one year the import is for, from a year column (``tahun``); a year no reader would guess
    (several in the file and no date given, or the date's year not in it) is an error."""
    if "year" not in rows.columns or rows["year"].is_null().all():
        return rows
    year = pl.col("year").str.strip_chars().str.replace(r"\.0$", "").cast(pl.Int32, strict=False)
    rows = rows.with_columns(year_number=year)
    bad = rows.filter(pl.col("year").is_not_null() & ~pl.col("year_number").is_between(1900, 2100).fill_null(False))
    for row in bad.iter_rows(named=True):
        issues.append(importer_issue(parsed, "error", "bad_year", row["row"], "year", value=row["year"]))
    years = sorted(rows["year_number"].drop_nulls().unique().to_list())
    if bad.height or not years:
        return rows.drop("year_number")
    if day is None:
        if len(years) > 1:
            issues.append(
                importer_issue(
                    parsed, "error", "several_years", years=", ".join(map(str, years)), latest=str(years[-1])
                )
            )
        return rows.drop("year_number")
    if day.year not in years:
        issues.append(importer_issue(parsed, "error", "year_not_in_file", years=", ".join(map(str, years)), date=day))
        return rows.drop("year_number")
    if len(years) > 1:
        left_out = rows.filter(pl.col("year_number") != day.year)
        others = ", ".join(str(y) for y in years if y != day.year)
        issues.append(
            importer_issue(parsed, "warning", "years_left_out", rows=left_out.height, years=others, year=str(day.year))
        )
    return rows.filter(pl.col("year_number") == day.year).drop("year_number")


def rows_of_one_month(rows: pl.DataFrame, parsed: Parsed, as_of: dt.date | None, issues: list[Issue]) -> pl.DataFrame:
    """A population table's rows of the month of ``as_of``, when the file has a period column.

    Every row is stored at ``as_of``: rows of two months of one region would both be stored there.
    Other months are left out with one warning; an ``as_of`` whose month the file does not hold is an error.
    """
    if as_of is None or "period" not in rows.columns or rows["period"].is_null().all():
        return rows
    wanted = as_of.replace(day=1)
    months = sorted(rows["period"].drop_nulls().unique().to_list())
    if wanted not in months:
        shown = ", ".join(f"{month:%Y-%m}" for month in months)
        issues.append(importer_issue(parsed, "error", "as_of_month_not_in_file", months=shown, date=as_of))
        return rows
    kept = rows.filter(pl.col("period").is_null() | (pl.col("period") == wanted))
    if kept.height < rows.height:
        others = ", ".join(f"{month:%Y-%m}" for month in months if month != wanted)
        issues.append(
            importer_issue(
                parsed,
                "warning",
                "months_left_out",
                rows=rows.height - kept.height,
                months=others,
                month=f"{wanted:%Y-%m}",
            )
        )
    return kept


def sexes_added_up(rows: pl.DataFrame, parsed: Parsed, issues: list[Issue]) -> pl.DataFrame:
    """One row per region from rows per region x sex: men + women, or the region's own total row (checked).

    A region with one sex only is an error (its population would be half); the note says how many rows
    became how many regions, so that nobody is told to delete rows that differ only by sex.
    """
    if "sex" not in rows.columns or rows["sex"].is_null().all():
        return rows
    sex = pl.col("sex").map_elements(
        lambda text: _SEX_OF.get(" ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())),
        return_dtype=pl.String,
        skip_nulls=True,
    )
    rows = rows.with_columns(sex_read=sex)
    bad = rows.filter(pl.col("sex_read").is_null())
    for row in bad.iter_rows(named=True):
        issues.append(importer_issue(parsed, "error", "bad_sex", row["row"], "sex", value=row["sex"] or ""))
    columns = rows.drop("sex_read").columns
    rows = rows.filter(pl.col("sex_read").is_not_null())  # refused already; the rest still added up, not doubled
    keys = [c for c in _REGION_KEYS if c in rows.columns]
    counts = [c for c in ("population", "registered", "active", "inactive", *SEGMENTS) if c in rows.columns]
    # a count missing in every row of a region stays missing, not 0
    parts = (
        rows.filter(pl.col("sex_read") != "total")
        .group_by(keys, maintain_order=True)
        .agg(
            pl.col("row").min(),
            pl.col("sex_read").unique().sort().alias("sexes"),
            *[pl.when(pl.col(c).is_not_null().any()).then(pl.col(c).sum()).alias(c) for c in counts],
        )
    )
    totals = rows.filter(pl.col("sex_read") == "total")
    checked = parts.join(totals.select(*keys, *counts), on=keys, how="left", suffix="_total", nulls_equal=True)
    for row in checked.iter_rows(named=True):
        has_total = any(row[f"{c}_total"] is not None for c in counts)
        if row["sexes"] != ["female", "male"] and not has_total:
            issues.append(importer_issue(parsed, "error", "one_sex_only", row["row"], "sex", value=row_label(row)))
        for c in counts:
            if row[c] is not None and row[f"{c}_total"] is not None and row[c] != row[f"{c}_total"]:
                issues.append(
                    importer_issue(
                        parsed, "warning", "sex_total_mismatch", row["row"], c, total=row[f"{c}_total"], sum=row[c]
                    )
                )
    # a region's own total row stands for it; its men and women only checked it
    added = pl.concat(
        [
            totals.drop("sex_read"),
            parts.join(totals.select(keys), on=keys, how="anti", nulls_equal=True).drop("sexes"),
        ],
        how="diagonal_relaxed",
    ).sort("row")
    issues.append(
        importer_issue(parsed, "warning", "sexes_added_up", rows=rows.height + bad.height, regions=added.height)
    )
    return added.with_columns(pl.lit(None, pl.String).alias("sex")).select(columns)


def with_period(rows: pl.DataFrame, parsed: Parsed, period: dt.date | None, issues: list[Issue]) -> pl.DataFrame:
    """Rows with the month of each filled in: the file's period column, else ``period``."""
    if period is not None:
        period = period.replace(day=1)
        conflict = rows.filter(pl.col("period").is_not_null() & (pl.col("period") != period))
        if conflict.height:
            first = conflict.row(0, named=True)
            issues.append(
                importer_issue(
                    parsed,
                    "error",
                    "period_conflict",
                    first["row"],
                    "period",
                    value=f"{first['period']:%Y-%m}",
                    period=f"{period:%Y-%m}",
                    rows=conflict.height,
                )
            )
        return rows.with_columns(pl.col("period").fill_null(period))
    if rows.height and rows["period"].null_count() == rows.height:
        issues.append(importer_issue(parsed, "error", "period_missing"))
    else:
        flagged_rows = {issue.row for issue in parsed.errors}  # a month the reader could not read
        for row in rows.filter(pl.col("period").is_null())["row"]:
            if row not in flagged_rows:
                issues.append(importer_issue(parsed, "error", "period_missing_in_row", row, "period"))
    return rows
