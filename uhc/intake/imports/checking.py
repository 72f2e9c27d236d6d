"""Checking a parsed file against the store: matched rows, the checks, and what a commit would change."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

import polars as pl

from uhc.figures import SEGMENTS
from uhc.intake.crosswalk import with_bps_codes
from uhc.intake.imports.layouts import rows_of_one_month, rows_of_one_year, sexes_added_up, with_period
from uhc.intake.imports.matching import matched_rows
from uhc.intake.imports.messages import ImportRefused, importer_issue
from uhc.intake.reader import Issue, Kind, Parsed, WithIssues
from uhc.store.db import Store
from uhc.store.regions import level_of_code

# Registered above this share of the population is shown as a data-quality warning (people
# registered where they no longer live make small areas pass 100%; far above is a typo).
POPULATION_WARNING_RATIO = 1.05
# A month-on-month change in registered participants above this share is shown as a warning.
JUMP_WARNING_RATIO = 0.10
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
        rows = with_period(rows, parsed, period, issues)
    elif as_of is None:
        issues.append(importer_issue(parsed, "error", "as_of_missing"))
    rows = rows_of_one_year(rows, parsed, period if parsed.kind == "coverage" else as_of, issues)
    if parsed.kind == "population":
        rows = rows_of_one_month(rows, parsed, as_of, issues)
    rows = sexes_added_up(rows, parsed, issues)
    if rows.height == 0 and not parsed.errors:
        issues.append(importer_issue(parsed, "error", "no_rows"))

    regions = store.run("region", scope_code=city_code, level=None)
    if crosswalk is not None:
        regions = with_bps_codes(regions, crosswalk)
    rows = matched_rows(store, rows, parsed, regions, city_code, city_name, issues)
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
    before = figures_in_force(store, city_code, periods, as_of_dates)
    if parsed.kind == "coverage":
        population = _with_population_kept(population, before["population"])
    changes = changes_between(before, coverage, population, regions)
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


def _city_name(store: Store, city_code: str) -> str:
    cities = store.run("region", scope_code=city_code, level="kota").filter(pl.col("kemendagri_code") == city_code)
    if cities.height == 0:
        raise ImportRefused("import_refused_no_city", city=city_code)
    return cities["name"][0]


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
                    importer_issue(
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
            issues.append(importer_issue(parsed, "error", f"{needed}_missing", row, needed))


def _check_count_limits(rows: pl.DataFrame, parsed: Parsed, issues: list[Issue]) -> None:
    """Population and registered at most COUNT_LIMIT of the region's level: above is no real region's count."""
    matched = rows.filter(pl.col("kemendagri_code").is_not_null())
    for row in matched.iter_rows(named=True):
        level = level_of_code(row["kemendagri_code"])
        for column in LIMITED_COUNTS:
            value = row[column]
            if value is not None and value > COUNT_LIMIT[level]:
                issues.append(
                    importer_issue(
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
            importer_issue(
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
                importer_issue(
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
                    importer_issue(
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
                    importer_issue(
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


def figures_in_force(
    store: Store, city_code: str, periods: tuple[dt.date, ...], as_of_dates: tuple[dt.date, ...]
) -> dict[str, pl.DataFrame]:
    """The figures in force in the scope of an import: what it would replace."""
    return {
        "coverage": store.run("coverage_snapshot_of_months", scope_code=city_code, periods=list(periods)),
        "population": store.run("population_of_dates", scope_code=city_code, as_of_dates=list(as_of_dates)),
    }


def changes_between(
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
        .cast(pl.Schema(CHANGE_SCHEMA))
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
