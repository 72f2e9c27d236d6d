"""Import coverage and population files into the store as revisions, with a history and restore.

The API, for the command line and the Data page alike::

    parsed = ingest.read_file(data, "rekap_juni.xlsx", "coverage")            # the file alone
    checked = check(store, parsed, city_code="61.71", period=date(2025, 6, 1))  # read-only
    checked.errors, checked.warnings        # Issues: issue.message(language) is the sentence to show
    checked.changes                         # what would change, one row per region and date
    checked.already_imported_batch_id       # set when the store already holds exactly these figures
    batch = commit(store, checked, user="ana")   # one transaction; ImportRefused when checked has errors
    history(store, "61.71", language="id")       # one row per batch, newest first, with status and summary
    restore(store, batch_id, user="ana")         # an earlier revision current again, as a new batch

``check(store, parsed, *, city_code, period=None, as_of=None, crosswalk=None) -> Checked`` matches the rows to the
city's regions, adds the checks that need the store and works out what would change; it writes
nothing. ``period`` (first day of a month) is the month of a coverage file without a period
column (default: the month its title names, ``Parsed.title_period``); ``as_of`` is the date of a population file's figures (a Dukcapil semester ends on 30 June
or 31 December).

``commit(store, checked, *, user) -> Batch`` writes in one transaction: a failure, or the process
killed midway, leaves the store as it was. When the store already holds exactly the file's
figures nothing is written and the Batch returned is the one holding them (``Batch.new`` False).
It refuses (ImportRefused) a Checked with errors, and one whose scope changed in the store since
the check.

``history(store, city_code=None, language=...) -> pl.DataFrame``: batch_id, kind, file_name,
sha256, row_count, imported_by, imported_at, city_code, restores_batch_id, status (``current``,
``partly_current``, ``restored``, ``superseded``; null for batches without figures),
figures_in_force, figures_replaced, summary (text in ``language``), report (dict).

``restore(store, batch_id, *, user) -> Batch`` makes the figures of an earlier batch current again
(for every kab/kota and date the batch holds figures for) as a new batch of kind ``restore``;
RestoreRefused for an unknown batch or one without figures.

Revisions. The scope of a coverage import is (kab/kota, month): its figures replace every figure
stored under that kab/kota for that month. The scope of a population import is (kab/kota, as_of).
``coverage_snapshot`` and ``population`` hold only the figures in force (so the gap queries read
nothing more than before); every figure a batch writes, and every figure it replaces, is kept in
``coverage_revision`` / ``population_revision`` under the batch that wrote it
(``queries/migrations/0004_revisions.sql``).

Population in a coverage recap. When a coverage file has a population column, those figures are
stored as population dated the month's last day (source: the file). The gap engine uses the
latest population dated on or before a month's last day, so that month uses them (and later
months too, until a newer figure); a Dukcapil semester ending that same day is replaced by them,
as a revision like any other.

Test hook: when the environment variable ``UHC_TEST_PAUSE_IN_IMPORT`` holds a number of seconds,
commit and restore write ``paused inside the import transaction`` on stderr and sleep that long
just before the transaction commits. The test that kills an import midway uses it; nothing else
reads it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import os
import re
import sys
import time
from dataclasses import dataclass, field

import polars as pl

from uhc import i18n
from uhc.figures import SEGMENTS
from uhc.intake import messages
from uhc.intake.crosswalk import with_bps_codes
from uhc.intake.ingest import Issue, Kind, Parsed, WithIssues
from uhc.store.db import Store, StoreError
from uhc.store.regions import (
    LABEL_COLUMNS,
    OTHER_KAB_KOTA_SEPARATOR,
    kab_kota_elsewhere,
    level_of_code,
    match_regions,
    region_name,
)

# Registered above this share of the population is shown as a data-quality warning (people
# registered where they no longer live make small areas pass 100%; far above is a typo).
POPULATION_WARNING_RATIO = 1.05
# A month-on-month change in registered participants above this share is shown as a warning.
JUMP_WARNING_RATIO = 0.10
PAUSE_VARIABLE = "UHC_TEST_PAUSE_IN_IMPORT"
# People no real Indonesian region of that level holds, so a count above is a wrong column (a
# density, a cumulative figure, a province total) or a typo, never a figure to store. Far above the
# largest real ones: Kabupaten Bogor, the most populous kab/kota, has about 5,6 million residents
# and Jawa Barat, the most populous province, about 50 million; no kecamatan reaches a million and
# no kelurahan/desa a quarter of a million (Dukcapil 2024).
KELURAHAN_COUNT_LIMIT = 500_000
KECAMATAN_COUNT_LIMIT = 2_000_000
KAB_KOTA_COUNT_LIMIT = 15_000_000
PROVINSI_COUNT_LIMIT = 60_000_000
COUNT_LIMIT = {
    "kelurahan": KELURAHAN_COUNT_LIMIT,
    "kecamatan": KECAMATAN_COUNT_LIMIT,
    "kota": KAB_KOTA_COUNT_LIMIT,
    "provinsi": PROVINSI_COUNT_LIMIT,
}
# The counts checked against COUNT_LIMIT (active is at most registered, checked on its own).
LIMITED_COUNTS = ("population", "registered")

# What an import writes into coverage_snapshot and population (the batch_id is added on commit).
COVERAGE_SCHEMA = {
    "kemendagri_code": pl.String,
    "period": pl.Date,
    "registered": pl.Int64,
    "active": pl.Int64,
    **{f"{segment}_registered": pl.Int64 for segment in SEGMENTS},
    "source": pl.String,
}
POPULATION_SCHEMA = {"kemendagri_code": pl.String, "as_of": pl.Date, "population": pl.Int64, "source": pl.String}
CHANGE_SCHEMA = {
    "figures": pl.String,  # coverage / population
    "kemendagri_code": pl.String,
    "name": pl.String,
    "day": pl.Date,  # the month (coverage) or the as-of date (population)
    "change": pl.String,  # added / changed / removed / unchanged
    "registered_before": pl.Int64,
    "registered_after": pl.Int64,
    "active_before": pl.Int64,
    "active_after": pl.Int64,
    "population_before": pl.Int64,
    "population_after": pl.Int64,
}
CHANGE_KINDS = ("added", "changed", "removed", "unchanged")


class ImportRefused(StoreError):
    """An import that cannot be written; ``text(language)`` says why and what to do (str(): English)."""

    def __init__(self, key: str, **params: object) -> None:
        self.key, self.params = key, params
        super().__init__(self.text("en"))

    def text(self, language: str) -> str:
        return i18n.text(self.key, language, **self.params)


class RestoreRefused(ImportRefused):
    """A restore that cannot be done; ``text(language)`` says why and what to do."""


@dataclass(frozen=True)
class Checked(WithIssues):
    """A parsed file matched to a city's regions and checked against the store: what would be written."""

    parsed: Parsed
    city_code: str
    city_name: str
    issues: tuple[Issue, ...]  # the reader's and the store's, errors first, then by row
    coverage: pl.DataFrame  # rows for coverage_snapshot (COVERAGE_SCHEMA)
    population: pl.DataFrame  # rows for population (POPULATION_SCHEMA)
    changes: pl.DataFrame  # CHANGE_SCHEMA: one row per region and date in the scope
    periods: tuple[dt.date, ...]  # coverage months in the scope
    as_of_dates: tuple[dt.date, ...]  # population dates in the scope
    replaced_batch_ids: tuple[int, ...]  # batches whose figures in the scope a commit replaces
    already_imported_batch_id: int | None  # the batch holding exactly these figures, if any
    already_imported_same_file: bool = False  # ... and it was this very file
    _before: dict[str, pl.DataFrame] = field(default_factory=dict, repr=False)  # the scope as checked

    @property
    def kind(self) -> Kind:
        return self.parsed.kind

    def change_counts(self) -> dict[str, dict[str, int]]:
        """{'coverage': {'added': n, 'changed': n, 'removed': n, 'unchanged': n}, 'population': {...}}."""
        counts = {figures: dict.fromkeys(CHANGE_KINDS, 0) for figures in ("coverage", "population")}
        for figures, change, n in self.changes.group_by("figures", "change").len().iter_rows():
            counts[figures][change] = n
        return counts


@dataclass(frozen=True)
class Batch:
    """An import or restore written to the store (``new``), or the one already holding the figures."""

    batch_id: int
    kind: str
    file_name: str | None
    row_count: int
    new: bool
    replaced_batch_ids: tuple[int, ...] = ()
    restores_batch_id: int | None = None


# checking ---------------------------------------------------------------------------------------


def check(
    store: Store,
    parsed: Parsed,
    *,
    city_code: str,
    period: dt.date | None = None,
    as_of: dt.date | None = None,
    crosswalk: pl.DataFrame | None = None,
) -> Checked:
    """Match ``parsed`` to the regions of ``city_code`` and check it against the store; writes nothing.

    ``crosswalk`` (:func:`uhc.intake.crosswalk.read_crosswalk`) gives BPS codes for this check only, on top
    of those the store keeps.
    """
    city_name = _city_name(store, city_code)
    issues: list[Issue] = []
    rows = parsed.rows
    if parsed.kind == "coverage":
        if period is None and "period" not in parsed.columns:
            period = parsed.title_period  # "Posisi: Juni 2025" above the header
        rows = _with_period(rows, parsed, period, issues)
    elif as_of is None:
        issues.append(_issue(parsed, "error", "as_of_missing"))
    rows = _one_year(rows, parsed, period if parsed.kind == "coverage" else as_of, issues)
    if parsed.kind == "population":
        rows = _one_month(rows, parsed, as_of, issues)
    rows = _sexes_added_up(rows, parsed, issues)
    if rows.height == 0 and not parsed.errors:
        issues.append(_issue(parsed, "error", "no_rows"))

    regions = store.run("region", scope_code=city_code, level=None)
    if crosswalk is not None:
        regions = with_bps_codes(regions, crosswalk)
    rows = _matched(store, rows, parsed, regions, city_code, city_name, issues)
    _check_figure_given(rows, parsed, issues)
    _check_count_limits(rows, parsed, issues)
    _check_levels_add_up(rows, regions, parsed, issues)
    if parsed.kind == "coverage":
        _check_coverage_figures(rows, parsed, issues)
        coverage = _coverage_rows(rows, parsed)
        population = _recap_population_rows(rows, parsed)
        _check_against_store(store, rows, parsed, city_code, issues)
        _check_complete(rows, regions, parsed, issues)
    else:
        coverage = pl.DataFrame(schema=COVERAGE_SCHEMA)
        population = _population_rows(rows, parsed, as_of)

    periods = tuple(sorted(set(coverage["period"].to_list())))
    as_of_dates = tuple(sorted(set(population["as_of"].to_list())))
    before = _before(store, city_code, periods, as_of_dates)
    if parsed.kind == "coverage":
        population = _with_population_kept(population, before["population"])
    changes = _changes(before, coverage, population, regions)
    replaced = sorted(set(before["coverage"]["batch_id"].to_list()) | set(before["population"]["batch_id"].to_list()))
    already, same_file = None, False
    if changes.height and (changes["change"] == "unchanged").all() and replaced:
        already = replaced[-1]
        same_file = _batch_sha256(store, already) == parsed.sha256

    every = [*parsed.issues, *issues]
    every.sort(key=lambda issue: (issue.severity != "error", issue.row is not None, issue.row or 0))
    return Checked(
        parsed=parsed,
        city_code=city_code,
        city_name=city_name,
        issues=tuple(every),
        coverage=coverage,
        population=population,
        changes=changes,
        periods=periods,
        as_of_dates=as_of_dates,
        replaced_batch_ids=tuple(replaced),
        already_imported_batch_id=already,
        already_imported_same_file=same_file,
        _before=before,
    )


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


def _one_year(rows: pl.DataFrame, parsed: Parsed, day: dt.date | None, issues: list[Issue]) -> pl.DataFrame:
    """The rows of the one year the import is for, from a year column (``tahun``); a year no reader would guess
    (several in the file and no date given, or the date's year not in it) is an error."""
    if "year" not in rows.columns or rows["year"].is_null().all():
        return rows
    year = pl.col("year").str.strip_chars().str.replace(r"\.0$", "").cast(pl.Int32, strict=False)
    rows = rows.with_columns(year_number=year)
    bad = rows.filter(pl.col("year").is_not_null() & ~pl.col("year_number").is_between(1900, 2100).fill_null(False))
    for row in bad.iter_rows(named=True):
        issues.append(_issue(parsed, "error", "bad_year", row["row"], "year", value=row["year"]))
    years = sorted(rows["year_number"].drop_nulls().unique().to_list())
    if bad.height or not years:
        return rows.drop("year_number")
    if day is None:
        if len(years) > 1:
            issues.append(
                _issue(parsed, "error", "several_years", years=", ".join(map(str, years)), latest=str(years[-1]))
            )
        return rows.drop("year_number")
    if day.year not in years:
        issues.append(_issue(parsed, "error", "year_not_in_file", years=", ".join(map(str, years)), date=day))
        return rows.drop("year_number")
    if len(years) > 1:
        left_out = rows.filter(pl.col("year_number") != day.year)
        others = ", ".join(str(y) for y in years if y != day.year)
        issues.append(
            _issue(parsed, "warning", "years_left_out", rows=left_out.height, years=others, year=str(day.year))
        )
    return rows.filter(pl.col("year_number") == day.year).drop("year_number")


def _one_month(rows: pl.DataFrame, parsed: Parsed, as_of: dt.date | None, issues: list[Issue]) -> pl.DataFrame:
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
        issues.append(_issue(parsed, "error", "as_of_month_not_in_file", months=shown, date=as_of))
        return rows
    kept = rows.filter(pl.col("period").is_null() | (pl.col("period") == wanted))
    if kept.height < rows.height:
        others = ", ".join(f"{month:%Y-%m}" for month in months if month != wanted)
        issues.append(
            _issue(
                parsed,
                "warning",
                "months_left_out",
                rows=rows.height - kept.height,
                months=others,
                month=f"{wanted:%Y-%m}",
            )
        )
    return kept


def _sexes_added_up(rows: pl.DataFrame, parsed: Parsed, issues: list[Issue]) -> pl.DataFrame:
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
        issues.append(_issue(parsed, "error", "bad_sex", row["row"], "sex", value=row["sex"] or ""))
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
            issues.append(_issue(parsed, "error", "one_sex_only", row["row"], "sex", value=_label(row)))
        for c in counts:
            if row[c] is not None and row[f"{c}_total"] is not None and row[c] != row[f"{c}_total"]:
                issues.append(
                    _issue(parsed, "warning", "sex_total_mismatch", row["row"], c, total=row[f"{c}_total"], sum=row[c])
                )
    # a region's own total row stands for it; its men and women only checked it
    added = pl.concat(
        [
            totals.drop("sex_read"),
            parts.join(totals.select(keys), on=keys, how="anti", nulls_equal=True).drop("sexes"),
        ],
        how="diagonal_relaxed",
    ).sort("row")
    issues.append(_issue(parsed, "warning", "sexes_added_up", rows=rows.height + bad.height, regions=added.height))
    return added.with_columns(pl.lit(None, pl.String).alias("sex")).select(columns)


def _city_name(store: Store, city_code: str) -> str:
    cities = store.run("region", scope_code=city_code, level="kota").filter(pl.col("kemendagri_code") == city_code)
    if cities.height == 0:
        raise ImportRefused("import_refused_no_city", city=city_code)
    return cities["name"][0]


@dataclass(frozen=True)
class StoreIssue(Issue):
    """A finding of the importer (regions, the store): the sentence is i18n ``import_<code>``, after the place."""

    def message(self, language: str) -> str:
        values = {key: _formatted(key, value, language) for key, value in self.params.items()}
        return f"{self.place(language)}: " + messages.store_issue_sentence(
            self.code, self.params, language, value=self.value or i18n.MISSING, **values
        )


def _formatted(key: str, value: object, language: str) -> str:
    """A message figure in ``language``: people as 10.600, shares as 106,00%, months by name."""
    if value is None:
        return i18n.MISSING
    if key == "cities":  # (code, name, rows) of the kab/kota a province-wide file's other rows are in
        return "; ".join(
            # a kab/kota known by its BPS code only has no name of its own: "BPS 3173 (22 baris)"
            " ".join(
                i18n.plural(
                    "import_outside_city_rows",
                    r,
                    language,
                    code=c,
                    name="" if n == c else n,
                    rows=i18n.number(r, language),
                ).split()
            )
            for c, n, r in value
        )
    if key == "level":
        return i18n.text(messages.LEVELS[value], language)
    if key == "change_pct":
        return i18n.points(value, language, 1) + "%"
    if key.endswith("_pct"):
        return i18n.percent(value, language, 2)
    if key.endswith("period") and isinstance(value, dt.date):
        return i18n.month(value, language)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and key not in {"row", "first_row"}:
        return i18n.number(value, language)
    return str(value)


def _issue(parsed: Parsed, severity: str, code: str, row: int | None = None, column: str | None = None, **params):
    """A StoreIssue about ``parsed``; ``column`` is canonical and is shown as the header the file has."""
    value = params.pop("value", None)
    header = parsed.columns.get(column, column) if column else None
    return StoreIssue(
        severity=severity,
        code=code,
        file_name=parsed.file_name,
        row=row,
        column=header,
        value=None if value is None else str(value),
        params=params,
        sheet=parsed.sheet,
    )


def _with_period(rows: pl.DataFrame, parsed: Parsed, period: dt.date | None, issues: list[Issue]) -> pl.DataFrame:
    """Rows with the month of each filled in: the file's period column, else ``period``."""
    if period is not None:
        period = period.replace(day=1)
        conflict = rows.filter(pl.col("period").is_not_null() & (pl.col("period") != period))
        if conflict.height:
            first = conflict.row(0, named=True)
            issues.append(
                _issue(
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
        issues.append(_issue(parsed, "error", "period_missing"))
    else:
        flagged_rows = {issue.row for issue in parsed.errors}  # a month the reader could not read
        for row in rows.filter(pl.col("period").is_null())["row"]:
            if row not in flagged_rows:
                issues.append(_issue(parsed, "error", "period_missing_in_row", row, "period"))
    return rows


def _label(row: dict) -> str:
    """The region as the file wrote it, for messages."""
    parts = [row[column] for column in ("region_code", "kecamatan", "kelurahan") if row.get(column)]
    return " / ".join(str(part).strip() for part in parts)


def _label_column(row: dict) -> str:
    for column in ("region_code", "kelurahan", "kecamatan"):
        if row.get(column):
            return column
    return "kelurahan"


def _matched(
    store: Store,
    rows: pl.DataFrame,
    parsed: Parsed,
    regions: pl.DataFrame,
    city_code: str,
    city_name: str,
    issues: list[Issue],
) -> pl.DataFrame:
    """Rows with kemendagri_code (null where unmatched, outside the city or repeated) and the region's name.

    ``regions`` are the city's. Rows of another kab/kota (a province-wide or national file) are left
    out with one warning that counts them per kab/kota; they are not errors.
    """
    labels = rows.select("row", *LABEL_COLUMNS)
    matches = match_regions(labels, regions).drop(LABEL_COLUMNS)
    city_bps = regions.filter(pl.col("kemendagri_code") == city_code)["bps_code"].drop_nulls().to_list()
    if not city_bps:  # a crosswalk of kelurahan only: the city's BPS prefix is the one its regions share
        prefixes = regions["bps_code"].drop_nulls().str.slice(0, 4).unique().to_list()
        city_bps = prefixes if len(prefixes) == 1 else []
    unmatched = labels.filter(matches["kemendagri_code"].is_null())  # only these can be of another kab/kota
    # A file whose rows matched by BPS code is BPS-coded throughout: its other prefixes are BPS too.
    by = matches["matched_by"].drop_nulls()
    bps_coded = by.len() > 0 and (by == "bps_code").sum() * 2 > by.len()
    outside = unmatched.select("row").with_columns(
        outside_code=kab_kota_elsewhere(unmatched, city_code, city_bps[0] if city_bps else None, bps_coded=bps_coded)
    )
    matches = matches.join(outside, on="row", how="left", maintain_order="left")
    rows = rows.join(matches, on="row", how="left", maintain_order="left")
    names = dict(zip(regions["kemendagri_code"], regions["name"], strict=True))
    first_row_of: dict[tuple[str, dt.date | None], int] = {}
    flagged_rows = {issue.row for issue in parsed.errors}
    kept = []
    outside_rows: dict[str, int] = {}
    for row in rows.iter_rows(named=True):
        code = row["kemendagri_code"]
        label, column = _label(row), _label_column(row)
        where = {"row": row["row"], "column": column, "value": label}
        if code is None and row["outside_code"] is not None and row["unmatched_reason"] != "code_contradicts_name":
            outside_rows[row["outside_code"]] = outside_rows.get(row["outside_code"], 0) + 1
        elif code is None and row["unmatched_reason"] == "code_contradicts_name":
            *code_readings, name_reading = row["suggestions"]
            issues.append(
                _issue(
                    parsed,
                    "error",
                    "code_contradicts_name",
                    **where,
                    code_readings="; ".join(code_readings),
                    name_reading=name_reading,
                )
            )
        elif code is None:
            suggestions = ", ".join(row["suggestions"] or []) or None
            issue_code = _UNMATCHED_ISSUE.get(
                row["unmatched_reason"], "unknown_region" if suggestions else "unknown_code"
            )
            if row["row"] not in flagged_rows:  # the reader already said what is wrong with the row
                issues.append(_issue(parsed, "error", issue_code, **where, city=city_name, suggestions=suggestions))
        elif (code, row.get("period")) in first_row_of:
            first_row = first_row_of[(code, row.get("period"))]
            issues.append(
                _issue(
                    parsed,
                    "error",
                    "duplicate_region",
                    **where,
                    region_code=code,
                    region=names[code],
                    first_row=first_row,
                )
            )
            code = None
        else:
            first_row_of[(code, row.get("period"))] = row["row"]
            if row["matched_by"] == "similar_name":
                issues.append(_issue(parsed, "warning", "similar_name", **where, region_code=code, region=names[code]))
            if row["matched_by"] == "name_over_code":
                issues.append(
                    _issue(
                        parsed,
                        "warning",
                        "name_over_code",
                        **where,
                        region_code=code,
                        region=names[code],
                        code_readings="; ".join(row["suggestions"]),
                    )
                )
        kept.append(code)
    if outside_rows:
        issues.append(
            _outside_issue(parsed, outside_rows, city_name, every_row=sum(outside_rows.values()) == rows.height)
        )
    return rows.with_columns(
        kemendagri_code=pl.Series(kept, dtype=pl.String),
    ).with_columns(name=pl.col("kemendagri_code").replace_strict(names, default=None, return_dtype=pl.String))


def _outside_issue(parsed: Parsed, outside_rows: dict[str, int], city_name: str, every_row: bool) -> Issue:
    """One warning for every row of another kab/kota: how many, and which, by code and name with their rows.

    An error when no row is the city's: the file is another city's, or its codes are read wrongly.
    """
    counts = sorted(outside_rows.items(), key=lambda pair: (-pair[1], pair[0]))
    return _issue(
        parsed,
        "error" if every_row else "warning",
        "all_rows_outside_city" if every_row else "rows_outside_city",
        rows=sum(outside_rows.values()),
        cities=[
            (code, OTHER_KAB_KOTA_SEPARATOR.join(map(region_name, code.split(OTHER_KAB_KOTA_SEPARATOR))), n)
            for code, n in counts
        ],
        city=city_name,
    )


# regions.match_regions' reasons for leaving a row unmatched -> the issue shown
_UNMATCHED_ISSUE = {
    "no_label": "no_region",
    "ambiguous_code": "ambiguous_region",
    "ambiguous_name": "ambiguous_region",
}


def _check_levels_add_up(rows: pl.DataFrame, regions: pl.DataFrame, parsed: Parsed, issues: list[Issue]) -> None:
    """A region given with all of its children in one file (a Dukcapil table's kecamatan rows among its
    kelurahan rows) must hold their sum: a warning per figure that differs, since the region's own figure
    is the one shown for it while its children add up to another.
    """
    counts = [c for c in ("population", "registered", "active") if c in rows.columns and rows[c].is_not_null().any()]
    matched = rows.filter(pl.col("kemendagri_code").is_not_null())
    if not counts or matched.height == 0:
        return
    parents = regions.select("kemendagri_code", "parent_code")
    children_in_tree = parents.group_by("parent_code").agg(children=pl.len())
    keys = ["period"] if "period" in matched.columns else []
    sums = (
        matched.join(parents, on="kemendagri_code", how="left")
        .group_by("parent_code", *keys)
        .agg(pl.len().alias("given"), *[pl.col(c).sum().alias(f"{c}_sum") for c in counts])
        .join(children_in_tree, on="parent_code")
        .filter(pl.col("given") == pl.col("children"))
    )
    found = matched.join(
        sums, left_on=["kemendagri_code", *keys], right_on=["parent_code", *keys], how="inner", nulls_equal=True
    )
    for row in found.sort("row").iter_rows(named=True):
        for c in counts:
            if row[c] is not None and row[c] != row[f"{c}_sum"]:
                issues.append(
                    _issue(
                        parsed,
                        "warning",
                        "level_sum_mismatch",
                        row["row"],
                        c,
                        value=row[c],
                        region=row["name"],
                        figure=row[c],
                        children_sum=row[f"{c}_sum"],
                        children=row["children"],
                    )
                )


def _check_figure_given(rows: pl.DataFrame, parsed: Parsed, issues: list[Issue]) -> None:
    """Each matched row must give the figure the import is for: registered (coverage) or population.

    The reader has already filled registered in from active + inactive where a file gives only those.
    """
    needed = "registered" if parsed.kind == "coverage" else "population"
    flagged_rows = {issue.row for issue in parsed.errors}
    for row in rows.filter(pl.col(needed).is_null() & pl.col("kemendagri_code").is_not_null())["row"]:
        if row not in flagged_rows:
            issues.append(_issue(parsed, "error", f"{needed}_missing", row, needed))


def _check_count_limits(rows: pl.DataFrame, parsed: Parsed, issues: list[Issue]) -> None:
    """Population and registered at most COUNT_LIMIT of the region's level: above is no real region's count."""
    matched = rows.filter(pl.col("kemendagri_code").is_not_null())
    for row in matched.iter_rows(named=True):
        level = level_of_code(row["kemendagri_code"])
        for column in LIMITED_COUNTS:
            value = row[column]
            if value is not None and value > COUNT_LIMIT[level]:
                issues.append(
                    _issue(
                        parsed,
                        "error",
                        f"{column}_above_limit",
                        row["row"],
                        column,
                        value=value,
                        count=value,
                        region=row["name"],
                        region_code=row["kemendagri_code"],
                        level=level,
                        limit=COUNT_LIMIT[level],
                    )
                )


def _check_coverage_figures(rows: pl.DataFrame, parsed: Parsed, issues: list[Issue]) -> None:
    """Active above registered (the reader checks the other sums within a row: segments, active + inactive)."""
    for row in rows.filter(pl.col("active") > pl.col("registered")).iter_rows(named=True):
        issues.append(
            _issue(
                parsed,
                "error",
                "active_above_registered",
                row["row"],
                "active",
                value=row["active"],
                active=row["active"],
                registered=row["registered"],
            )
        )


def _coverage_rows(rows: pl.DataFrame, parsed: Parsed) -> pl.DataFrame:
    good = rows.filter(pl.col("kemendagri_code").is_not_null() & pl.col("registered").is_not_null())
    good = good.filter(pl.col("period").is_not_null())
    return good.select(
        "kemendagri_code",
        "period",
        "registered",
        "active",
        *(pl.col(segment).alias(f"{segment}_registered") for segment in SEGMENTS),
        source=pl.lit(parsed.file_name, dtype=pl.String),
    ).sort("kemendagri_code", "period")


def month_end(period: dt.date) -> dt.date:
    """The last day of the month of ``period``."""
    return period.replace(day=calendar.monthrange(period.year, period.month)[1])


def _recap_population_rows(rows: pl.DataFrame, parsed: Parsed) -> pl.DataFrame:
    """A recap's population column as population dated each month's last day."""
    good = rows.filter(
        pl.col("kemendagri_code").is_not_null() & pl.col("population").is_not_null() & pl.col("period").is_not_null()
    )
    return good.select(
        "kemendagri_code",
        as_of=pl.col("period").map_elements(month_end, return_dtype=pl.Date),
        population="population",
        source=pl.lit(parsed.file_name, dtype=pl.String),
    ).sort("kemendagri_code", "as_of")


def _with_population_kept(recap: pl.DataFrame, stored: pl.DataFrame) -> pl.DataFrame:
    """A recap's population figures plus the stored figures of that date for the regions it does not name.

    A recap's population is dated the month's last day, which in June and December is a Dukcapil
    semester date: the recap corrects the regions it names and must not remove the semester's
    figures of the others (a one-kecamatan recap would otherwise leave the city with one region's
    population). A population file, by contrast, replaces its date as a whole.
    """
    kept = stored.join(recap.select("kemendagri_code", "as_of"), on=["kemendagri_code", "as_of"], how="anti")
    return pl.concat([recap, kept.select(recap.columns)]).sort("kemendagri_code", "as_of")


def _population_rows(rows: pl.DataFrame, parsed: Parsed, as_of: dt.date | None) -> pl.DataFrame:
    if as_of is None:
        return pl.DataFrame(schema=POPULATION_SCHEMA)
    good = rows.filter(pl.col("kemendagri_code").is_not_null() & pl.col("population").is_not_null())
    return good.select(
        "kemendagri_code",
        as_of=pl.lit(as_of, dtype=pl.Date),
        population="population",
        source=pl.lit(parsed.file_name, dtype=pl.String),
    ).sort("kemendagri_code")


# Regions named in a "regions missing" warning; the rest are counted.
MISSING_NAMES_SHOWN = 5


def _check_complete(rows: pl.DataFrame, regions: pl.DataFrame, parsed: Parsed, issues: list[Issue]) -> None:
    """Warn when a month leaves out regions of the city at the file's level.

    A kecamatan or city figure is the sum of all its parts (queries/coverage_by_region_month.sql):
    with one kelurahan missing it stays empty, so the user should know which rows the file lacks.
    A kelurahan whose kecamatan has a row of its own in the file is covered by that row.
    """
    matched = rows.filter(pl.col("kemendagri_code").is_not_null() & pl.col("period").is_not_null())
    for (period,), group in matched.group_by("period", maintain_order=True):
        codes = set(group["kemendagri_code"].to_list())
        deepest = max(len(code) for code in codes)
        level = level_of_code(next(code for code in codes if len(code) == deepest))
        expected = regions.filter(pl.col("level") == level)
        missing = expected.filter(
            ~pl.col("kemendagri_code").is_in(list(codes)) & ~pl.col("parent_code").is_in(list(codes))
        )
        if missing.height:
            names = missing["name"].head(MISSING_NAMES_SHOWN).to_list()
            issues.append(
                _issue(
                    parsed,
                    "warning",
                    f"regions_missing_{level}",
                    period=period,
                    missing=missing.height,
                    expected=expected.height,
                    names=", ".join(names) + (", ..." if missing.height > len(names) else ""),
                )
            )


def _check_against_store(store: Store, rows: pl.DataFrame, parsed: Parsed, city_code: str, issues: list[Issue]) -> None:
    """Warnings that compare the file with stored figures: coverage above 105%, a jump from the month before."""
    rows = rows.filter(
        pl.col("kemendagri_code").is_not_null() & pl.col("registered").is_not_null() & pl.col("period").is_not_null()
    )
    if rows.height == 0:
        return
    rows = rows.with_columns(code_length=pl.col("kemendagri_code").str.len_chars())
    stored_months = [m for m in store.run("coverage_month", scope_code=city_code)["period"].to_list()]
    for (period, code_length), group in rows.group_by("period", "code_length", maintain_order=True):
        stored_population = store.run(
            "population_by_region",
            code_length=code_length,
            scope_code=city_code,
            as_of_from=month_end(period),
            as_of_until=month_end(period),
        ).rename({"population": "stored_population", "as_of": "stored_as_of"})
        group = group.join(stored_population, on="kemendagri_code", how="left", maintain_order="left")
        for row in group.iter_rows(named=True):
            population = row["population"] if row["population"] is not None else row["stored_population"]
            if population and row["registered"] > POPULATION_WARNING_RATIO * population:
                issues.append(
                    _issue(
                        parsed,
                        "warning",
                        "registered_above_population"
                        if row["population"] is not None
                        else "registered_above_stored_population",
                        row["row"],
                        "registered",
                        value=row["registered"],
                        registered=row["registered"],
                        region=row["name"],
                        population=population,
                        coverage_pct=100 * row["registered"] / population,
                        **({} if row["population"] is not None else {"as_of": row["stored_as_of"]}),
                    )
                )
        earlier = [m for m in stored_months if m < period]
        if not earlier:
            continue
        previous = store.run(
            "coverage_by_region_month", code_length=code_length, scope_code=city_code, periods=[earlier[-1]]
        ).select("kemendagri_code", previous_registered="registered", previous_period="period")
        group = group.join(previous, on="kemendagri_code", how="inner", maintain_order="left")
        for row in group.iter_rows(named=True):
            before = row["previous_registered"]
            if before and abs(row["registered"] - before) > JUMP_WARNING_RATIO * before:
                issues.append(
                    _issue(
                        parsed,
                        "warning",
                        "registered_jump",
                        row["row"],
                        "registered",
                        value=row["registered"],
                        registered=row["registered"],
                        region=row["name"],
                        previous=before,
                        previous_period=row["previous_period"],
                        change_pct=100 * (row["registered"] - before) / before,
                    )
                )


def _before(
    store: Store, city_code: str, periods: tuple[dt.date, ...], as_of_dates: tuple[dt.date, ...]
) -> dict[str, pl.DataFrame]:
    """The figures in force in the scope of an import: what it would replace."""
    return {
        "coverage": store.run("coverage_snapshot_of_months", scope_code=city_code, periods=list(periods)),
        "population": store.run("population_of_dates", scope_code=city_code, as_of_dates=list(as_of_dates)),
    }


def _changes(
    before: dict[str, pl.DataFrame], coverage: pl.DataFrame, population: pl.DataFrame, regions: pl.DataFrame
) -> pl.DataFrame:
    """One row per region and date in the scope: added, changed, removed or unchanged, with the figures."""
    coverage_values = ["registered", "active", *(f"{segment}_registered" for segment in SEGMENTS)]
    parts = [
        _compared(before["coverage"], coverage, "period", coverage_values)
        .select(
            figures=pl.lit("coverage"),
            kemendagri_code="kemendagri_code",
            day="period",
            change="change",
            registered_before="registered_before",
            registered_after="registered_after",
            active_before="active_before",
            active_after="active_after",
        )
        .with_columns(population_before=pl.lit(None, pl.Int64), population_after=pl.lit(None, pl.Int64)),
        _compared(before["population"], population, "as_of", ["population"]).select(
            figures=pl.lit("population"),
            kemendagri_code="kemendagri_code",
            day="as_of",
            change="change",
            registered_before=pl.lit(None, pl.Int64),
            registered_after=pl.lit(None, pl.Int64),
            active_before=pl.lit(None, pl.Int64),
            active_after=pl.lit(None, pl.Int64),
            population_before="population_before",
            population_after="population_after",
        ),
    ]
    names = regions.select("kemendagri_code", "name")
    changes = pl.concat([part.cast({"day": pl.Date}) for part in parts], how="vertical_relaxed")
    return (
        changes.join(names, on="kemendagri_code", how="left")
        .select(list(CHANGE_SCHEMA))
        .cast(CHANGE_SCHEMA)
        .sort("figures", "day", "kemendagri_code")
    )


def _compared(before: pl.DataFrame, after: pl.DataFrame, day: str, values: list[str]) -> pl.DataFrame:
    """Stored and incoming figures side by side (``<value>_before``/``_after``) with the change."""
    keys = ["kemendagri_code", day]
    left = before.select(*keys, *values, present_before=pl.lit(True)).rename({v: f"{v}_before" for v in values})
    right = after.select(*keys, *values, present_after=pl.lit(True)).rename({v: f"{v}_after" for v in values})
    joined = left.join(right, on=keys, how="full", coalesce=True)
    differs = pl.any_horizontal(pl.col(f"{v}_before").ne_missing(pl.col(f"{v}_after")) for v in values)
    return joined.with_columns(
        change=pl.when(pl.col("present_before").is_null())
        .then(pl.lit("added"))
        .when(pl.col("present_after").is_null())
        .then(pl.lit("removed"))
        .when(differs)
        .then(pl.lit("changed"))
        .otherwise(pl.lit("unchanged"))
    )


def _batch_sha256(store: Store, batch_id: int) -> str | None:
    found = store.run("import_history", city_code=None).filter(pl.col("batch_id") == batch_id)
    return found["sha256"][0] if found.height else None


# writing ----------------------------------------------------------------------------------------


def commit(store: Store, checked: Checked, *, user: str) -> Batch:
    """Write a checked file as a new revision in one transaction; see the module docstring."""
    parsed = checked.parsed
    if checked.errors:
        raise ImportRefused("import_refused_errors", file=parsed.file_name, errors=len(checked.errors))
    if checked.already_imported_batch_id is not None:
        return Batch(
            batch_id=checked.already_imported_batch_id,
            kind=parsed.kind,
            file_name=parsed.file_name,
            row_count=parsed.rows.height,
            new=False,
        )
    with store.transaction():
        now = _before(store, checked.city_code, checked.periods, checked.as_of_dates)
        if any(not now[key].equals(checked._before[key]) for key in now):
            raise ImportRefused("import_refused_changed", city=checked.city_name, file=parsed.file_name)
        batch_id = store.scalar(
            "insert_revision_batch",
            kind=parsed.kind,
            file_name=parsed.file_name,
            sha256=parsed.sha256,
            row_count=parsed.rows.height,
            imported_by=user,
            note=None,
            city_code=checked.city_code,
            restores_batch_id=None,
            report_json=json.dumps(_report(checked), ensure_ascii=False, default=str),
        )
        if checked.periods:
            _replace_coverage(store, checked.city_code, list(checked.periods), checked.coverage, batch_id)
        if checked.as_of_dates:
            _replace_population(store, checked.city_code, list(checked.as_of_dates), checked.population, batch_id)
        _pause_for_tests()
    return Batch(
        batch_id=batch_id,
        kind=parsed.kind,
        file_name=parsed.file_name,
        row_count=parsed.rows.height,
        new=True,
        replaced_batch_ids=checked.replaced_batch_ids,
    )


def _replace_coverage(store: Store, scope_code: str, periods: list[dt.date], rows: pl.DataFrame, batch_id: int):
    """In the scope: keep what is in force as a revision, put ``rows`` in force, keep them too."""
    store.execute("archive_coverage_snapshot", scope_code=scope_code, periods=periods)
    store.execute("delete_coverage_snapshot", scope_code=scope_code, periods=periods)
    store.insert("coverage_snapshot", rows.with_columns(batch_id=pl.lit(batch_id, dtype=pl.Int32)))
    store.execute("archive_coverage_snapshot", scope_code=scope_code, periods=periods)


def _replace_population(store: Store, scope_code: str, as_of_dates: list[dt.date], rows: pl.DataFrame, batch_id: int):
    store.execute("archive_population", scope_code=scope_code, as_of_dates=as_of_dates)
    store.execute("delete_population", scope_code=scope_code, as_of_dates=as_of_dates)
    store.insert("population", rows.with_columns(batch_id=pl.lit(batch_id, dtype=pl.Int32)))
    store.execute("archive_population", scope_code=scope_code, as_of_dates=as_of_dates)


def _pause_for_tests() -> None:
    seconds = os.environ.get(PAUSE_VARIABLE)
    if seconds:
        print("paused inside the import transaction", file=sys.stderr, flush=True)
        time.sleep(float(seconds))


def _report(checked: Checked) -> dict:
    """The validation report and what changed, as stored with the batch (JSON)."""
    parsed = checked.parsed
    return {
        "file_name": parsed.file_name,
        "sheet": parsed.sheet,
        "kind": parsed.kind,
        "city_code": checked.city_code,
        "periods": [f"{p:%Y-%m}" for p in checked.periods],
        "as_of": [d.isoformat() for d in checked.as_of_dates],
        "rows": parsed.rows.height,
        "header_row": parsed.header_row,
        "columns": parsed.columns,
        "issues": [
            {
                "severity": issue.severity,
                "code": issue.code,
                "row": issue.row,
                "column": issue.column,
                "value": issue.value,
                "params": issue.params,
            }
            for issue in checked.issues
        ],
        "changes": checked.change_counts(),
        "replaced_batch_ids": list(checked.replaced_batch_ids),
    }


# history and restore ----------------------------------------------------------------------------


def history(store: Store, city_code: str | None = None, language: str = i18n.DEFAULT_LANGUAGE) -> pl.DataFrame:
    """One row per batch, newest first, with its status and a summary in ``language``."""
    batches = store.run("import_history", city_code=city_code)
    reports = [json.loads(text) if text else None for text in batches["report_json"]]
    summaries = [
        _summary(kind, report, note, restores, language)
        for kind, report, note, restores in zip(
            batches["kind"], reports, batches["note"], batches["restores_batch_id"], strict=True
        )
    ]
    return batches.drop("report_json", "note").with_columns(
        summary=pl.Series(summaries, dtype=pl.String),
        report=pl.Series(reports, dtype=pl.Object),
    )


def _summary(kind: str, report: dict | None, note: str | None, restores: int | None, language: str) -> str:
    if report is None:
        return note or ""
    counts = report["changes"]
    parts = []
    if kind == "restore":
        parts.append(i18n.text("import_summary_restore", language, batch=restores))
    if report.get("periods"):
        parts.append(", ".join(report["periods"]))
    for figures in ("coverage", "population"):
        if any(counts[figures].values()):
            parts.append(
                i18n.text(
                    messages.CHANGES[figures],
                    language,
                    dates=", ".join(report.get("as_of", [])),
                    **{change: i18n.number(n, language) for change, n in counts[figures].items()},
                )
            )
    warnings = sum(1 for issue in report.get("issues", []) if issue["severity"] == "warning")
    if warnings:
        parts.append(i18n.plural("import_summary_warnings", warnings, language, n=warnings))
    return "; ".join(parts)


def restore(store: Store, batch_id: int, *, user: str) -> Batch:
    """Make the figures of batch ``batch_id`` current again, as a new batch; see the module docstring."""
    found = store.run("import_history", city_code=None).filter(pl.col("batch_id") == batch_id)
    if found.height == 0:
        raise RestoreRefused("import_refused_no_batch", batch=batch_id)
    source = found.row(0, named=True)
    scope = store.run("revision_scope", batch_id=batch_id)
    if scope.height == 0:
        if source["status"] == "current":
            return Batch(batch_id, source["kind"], source["file_name"], source["row_count"], new=False)
        raise RestoreRefused("import_refused_nothing_to_restore", batch=batch_id, kind=source["kind"])
    groups = _scope_groups(scope)
    incoming = {
        "coverage": store.run("coverage_revision_of_batch", batch_id=batch_id),
        "population": store.run("population_revision_of_batch", batch_id=batch_id),
    }
    now = {
        figures: pl.concat(
            [
                _before(store, city, tuple(days.get("coverage", ())), tuple(days.get("population", ())))[figures]
                for city, days in groups.items()
            ]
        )
        for figures in ("coverage", "population")
    }
    regions = pl.concat([store.run("region", scope_code=city, level=None) for city in groups])
    changes = _changes(now, incoming["coverage"], incoming["population"], regions)
    replaced = sorted(set(now["coverage"]["batch_id"].to_list()) | set(now["population"]["batch_id"].to_list()))
    if (changes["change"] == "unchanged").all():
        return Batch(replaced[-1], source["kind"], source["file_name"], source["row_count"], new=False)
    original = source["restores_batch_id"] if source["kind"] == "restore" else batch_id
    counts = {figures: dict.fromkeys(CHANGE_KINDS, 0) for figures in ("coverage", "population")}
    for figures, change, n in changes.group_by("figures", "change").len().iter_rows():
        counts[figures][change] = n
    report = {
        "restores_batch_id": original,
        "copied_from_batch_id": batch_id,
        "periods": sorted(f"{d:%Y-%m}" for d in scope.filter(pl.col("figures") == "coverage")["day"].unique()),
        "as_of": sorted(d.isoformat() for d in scope.filter(pl.col("figures") == "population")["day"].unique()),
        "changes": counts,
        "replaced_batch_ids": replaced,
        "issues": [],
    }
    cities = sorted(groups)
    with store.transaction():
        new_id = store.scalar(
            "insert_revision_batch",
            kind="restore",
            file_name=source["file_name"],
            sha256=source["sha256"],
            row_count=source["row_count"],
            imported_by=user,
            note=None,
            city_code=cities[0] if len(cities) == 1 else None,
            restores_batch_id=original,
            report_json=json.dumps(report, ensure_ascii=False, default=str),
        )
        for city, days in groups.items():
            if days.get("coverage"):
                periods = list(days["coverage"])
                store.execute("archive_coverage_snapshot", scope_code=city, periods=periods)
                store.execute("delete_coverage_snapshot", scope_code=city, periods=periods)
                store.execute("restore_coverage_snapshot", scope_code=city, from_batch_id=batch_id, batch_id=new_id)
                store.execute("archive_coverage_snapshot", scope_code=city, periods=periods)
            if days.get("population"):
                as_of_dates = list(days["population"])
                store.execute("archive_population", scope_code=city, as_of_dates=as_of_dates)
                store.execute("delete_population", scope_code=city, as_of_dates=as_of_dates)
                store.execute("restore_population", scope_code=city, from_batch_id=batch_id, batch_id=new_id)
                store.execute("archive_population", scope_code=city, as_of_dates=as_of_dates)
        _pause_for_tests()
    return Batch(
        batch_id=new_id,
        kind="restore",
        file_name=source["file_name"],
        row_count=source["row_count"],
        new=True,
        replaced_batch_ids=tuple(replaced),
        restores_batch_id=original,
    )


def _scope_groups(scope: pl.DataFrame) -> dict[str, dict[str, tuple[dt.date, ...]]]:
    """revision_scope rows as {city_code: {'coverage': months, 'population': as-of dates}}."""
    groups: dict[str, dict[str, list[dt.date]]] = {}
    for figures, city, day, _ in scope.iter_rows():
        groups.setdefault(city, {}).setdefault(figures, []).append(day)
    return {city: {figures: tuple(days) for figures, days in by.items()} for city, by in groups.items()}
