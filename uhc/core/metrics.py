"""The gap engine: coverage, activity, the gap to the target, people needed, cost, projection.

Pure Polars: frames in, frames out; no I/O, no Streamlit, no DuckDB. Definitions follow BPJS
Kesehatan (see docs in README): coverage = registered / population, activity = active /
registered, active coverage = active / population, all in percent (0-100).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

import polars as pl

from uhc import figures

MONTHS_PER_YEAR = 12
# The largest iuran (rupiah per person per month) a cost is worked out for: the largest whole
# number a number box on a page holds exactly (2^53 - 1). With counts below 2^63 (BIGINT) and at
# most 24 months, every cost (people x iuran x months < 2^63 x 2^53 x 2^5 = 2^121) fits Int128,
# the type costs are computed in, which cannot wrap below 2^127. Polars Int64 arithmetic would
# wrap silently from 2^63 (about Rp9,2 triliun x 10^6), a product 10^15 people x Rp42.000 x 12
# already passes.
MAX_IURAN_IDR_PER_MONTH = 2**53 - 1
# Money columns: Int128, exact to the rupiah (JSON and CSV carry every digit).
IDR = figures.MONEY
# Targets and criteria are counted in millionths of a percent, so people needed are worked out in
# whole numbers: ceil(target x population / 100) exactly, at any population a BIGINT holds.
_MICRO_PCT = 10**6
# A projection further out than this is reported as "not at the current pace".
PROJECTION_HORIZON_MONTHS = 600

UHC_STATUSES = ("uhc", "not_uhc", "no_data")
PROJECTION_STATUSES = ("reached", "projected", "not_at_current_pace", "insufficient_history", "no_target", "no_data")
# Where a row's target_pct comes from: a dated target stored in coverage_target, one given for
# the whole question (--target, the planner's target box), or none: the month is before every
# dated target (JKN began in 2014; the first national target, RPJMN 2015-2019, is dated 2015).
TARGET_BASES = ("dated", "given", "none_in_force")


@dataclass(frozen=True)
class Parameters:
    """Dated parameters, one frame each, every row valid from ``valid_from`` until the next.

    targets:   valid_from, target_pct
    criteria:  valid_from, min_coverage_pct, min_activity_pct
    iuran:     segment, valid_from, idr_per_month
    """

    targets: pl.DataFrame
    criteria: pl.DataFrame
    iuran: pl.DataFrame


def _valid_at(frame: pl.DataFrame, keys: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    """For each period in ``keys``, the row of ``frame`` in force then (latest valid_from <= period)."""
    dated = frame.select(pl.col("valid_from").cast(pl.Date), *columns).sort("valid_from")
    return keys.sort("period").join_asof(dated, left_on="period", right_on="valid_from", strategy="backward")


def _dated_parameters(periods: pl.Series, parameters: Parameters, target_pct: float | None) -> pl.DataFrame:
    """One row per period: target_pct, target_basis, min_coverage_pct, min_activity_pct, iuran_idr_per_month."""
    too_high = parameters.iuran.filter(pl.col("idr_per_month") > MAX_IURAN_IDR_PER_MONTH)
    if too_high.height:
        first = too_high.row(0, named=True)
        raise ValueError(
            f"the stored iuran of {first['segment']} from {first['valid_from']} is Rp{first['idr_per_month']} "
            f"per month, above the largest a cost is worked out for (Rp{MAX_IURAN_IDR_PER_MONTH}); "
            "correct the iuran table"
        )
    keys = pl.DataFrame({"period": periods.unique()}).with_columns(pl.col("period").cast(pl.Date))
    out = _valid_at(parameters.targets, keys, ["target_pct"]).drop("valid_from")
    out = _valid_at(parameters.criteria, out, ["min_coverage_pct", "min_activity_pct"]).drop("valid_from")
    # The cost of closing a gap is priced at the iuran of the segment the Pemda enrols residents in.
    pemda = parameters.iuran.filter(pl.col("segment") == figures.pemda_segment().iuran_segment)
    out = _valid_at(pemda, out, ["idr_per_month"]).drop("valid_from")
    out = out.rename({"idr_per_month": "iuran_idr_per_month"})
    if target_pct is not None:
        return out.with_columns(target_pct=pl.lit(float(target_pct)), target_basis=pl.lit("given"))
    return out.with_columns(
        target_basis=pl.when(pl.col("target_pct").is_null()).then(pl.lit("none_in_force")).otherwise(pl.lit("dated"))
    )


def population_for_months(coverage: pl.DataFrame, population: pl.DataFrame) -> pl.DataFrame:
    """Attach to each region-month the latest population dated on or before the month's last day.

    Dukcapil publishes per semester (30 June, 31 December): June 2025 uses S1 2025, January
    2026 uses S2 2025. Adds ``population`` and ``population_as_of`` (null when none is known) and
    returns the rows sorted by kemendagri_code and period.
    """
    # For speed the region codes are numbered and each (region, day) becomes one integer key
    # (region number x 2^32 + day), so the as-of join runs on one sorted integer column instead
    # of grouping by the code text.
    frame = coverage.sort("kemendagri_code", "period").with_columns(_region=_region_numbers())
    numbers = frame.select("kemendagri_code", "_region").unique("kemendagri_code", keep="first", maintain_order=True)
    right = (
        population.select("kemendagri_code", pl.col("as_of").alias("population_as_of"), "population")
        .filter(pl.col("population_as_of").is_not_null())
        .join(numbers, on="kemendagri_code", how="inner")
        .select(
            _key=_region_day_key(pl.col("population_as_of")),
            _found_region="_region",
            population_as_of="population_as_of",
            population="population",
        )
        .sort("_key")
    )
    month_end = _per_distinct(frame["period"], lambda p: p.dt.month_end())
    # A missing month sorts first within its region, a missing region before all (neither finds a population).
    left = frame.select(
        _key=_region_day_key(month_end).fill_null(pl.col("_region") * 2**32).fill_null(0), _region="_region"
    )
    found = left.join_asof(right, on="_key", strategy="backward", check_sortedness=False)  # both sorted above
    same_region = found["_found_region"] == found["_region"]
    return frame.drop("_region").with_columns(
        population_as_of=pl.when(same_region).then(found["population_as_of"]),
        population=pl.when(same_region).then(found["population"]),
    )


def _region_numbers() -> pl.Expr:
    """1, 2, 3... per kemendagri_code (null for a missing code), on a frame sorted by it."""
    code = pl.col("kemendagri_code")
    return pl.when(code.is_not_null()).then(code.ne_missing(code.shift()).cum_sum().cast(pl.Int64))


def _region_day_key(day: pl.Expr | pl.Series) -> pl.Expr:
    """One sortable integer per (_region, day): region number x 2^32 + day; null when the day is."""
    return pl.col("_region") * 2**32 + day.cast(pl.Int32).cast(pl.Int64) + 2**31


def _per_distinct(dates: pl.Series, function) -> pl.Series:
    """``function`` of a date column, worked out once per distinct value (a frame holds few months)."""
    distinct = dates.unique()
    return dates.replace_strict(distinct, function(distinct))


def _ratio_pct(numerator: str, denominator: str) -> pl.Expr:
    return (
        pl.when(pl.col(denominator) > 0)
        .then(pl.col(numerator).cast(pl.Float64) * 100.0 / pl.col(denominator).cast(pl.Float64))
        .otherwise(None)
    )


def gap_by_region_month(
    coverage: pl.DataFrame,
    population: pl.DataFrame,
    parameters: Parameters,
    target_pct: float | None = None,
    periods: list[dt.date] | None = None,
) -> pl.DataFrame:
    """The gap to the target for every region and month in ``coverage`` (or in ``periods``).

    Parameters
    ----------
    coverage
        One row per region and month: kemendagri_code, name, level, period (first day of the
        month), registered, active. Include the month before and twelve months before the
        months you want changes and projections for.
    population
        kemendagri_code, as_of, population (Dukcapil semesters).
    parameters
        Dated targets, UHC criteria and iuran.
    target_pct
        Overrides the dated target for every month (percent, 0-100).
    periods
        Only these months are returned; the other months of ``coverage`` serve as the history
        their changes and projections compare with. None returns every month.

    Returns
    -------
    The columns of ``gap_columns()`` (the registry's figures of the gap, uhc.figures): the keys
    of the CLI's rows (kemendagri_code ... uhc_status, active_needed: the participants still to be
    made active for the UHC activity criterion in force), then target_basis (``TARGET_BASES``),
    population_as_of, min_coverage_pct, min_activity_pct, iuran_idr_per_month,
    coverage_change_1m_pp, coverage_change_12m_pp, activity_change_1m_pp, activity_change_12m_pp,
    registered_change_1m, registered_change_12m, registered_short_of_uhc (registrations the UHC
    coverage criterion in force still misses), pace_pp_per_month, projection_status and
    projected_target_period, then any figure registered with an expression; sorted by
    kemendagri_code and period.
    """
    frame = population_for_months(coverage, population)  # sorted by code and period from here on
    frame = frame.with_columns(
        coverage_pct=_ratio_pct("registered", "population"),
        activity_pct=_ratio_pct("active", "registered"),
        active_coverage_pct=_ratio_pct("active", "population"),
        _region=_region_numbers(),
    )
    history = frame.select("_region", "period", "coverage_pct", "activity_pct", "registered")
    if periods is not None:
        frame = frame.filter(pl.col("period").is_in(periods))
    frame = frame.join(
        _dated_parameters(frame["period"], parameters, target_pct), on="period", how="left", maintain_order="left"
    )
    frame = frame.with_columns(
        people_needed=pl.when((pl.col("population") > 0) & pl.col("registered").is_not_null())
        .then(people_short("target_pct", "population", "registered"))  # null while no target is in force
        .otherwise(None)
    )
    frame = frame.with_columns(
        annual_cost_idr=pl.col("people_needed").cast(IDR) * pl.col("iuran_idr_per_month").cast(IDR) * MONTHS_PER_YEAR,
        uhc_status=pl.when(pl.col("coverage_pct").is_null() | pl.col("min_coverage_pct").is_null())
        .then(pl.lit("no_data"))
        .when(
            (pl.col("coverage_pct") < pl.col("min_coverage_pct"))
            | (pl.col("activity_pct") < pl.col("min_activity_pct")).fill_null(False)
        )
        .then(pl.lit("not_uhc"))
        .when(pl.col("activity_pct").is_null())
        .then(pl.lit("no_data"))
        .otherwise(pl.lit("uhc")),
        # What the UHC criteria in force still miss: registrations for the coverage criterion and,
        # among today's registered, participants to (re)activate for the activity criterion.
        registered_short_of_uhc=_shortfall("min_coverage_pct", "population", "registered"),
        # ceil(min_activity_pct x registered / 100) - active, at least 0: the rounding of people_needed
        active_needed=_shortfall("min_activity_pct", "registered", "active"),
    )
    # Changes against one and twelve months before: the same region's row whose period, moved
    # on by that many months, is this row's period (joined on the integer key of region and day).
    frame = frame.with_columns(_key=_region_day_key(pl.col("period")))
    for months, suffix in ((1, "1m"), (12, "12m")):
        later = _per_distinct(history["period"], lambda p, months=months: p.dt.offset_by(f"{months}mo"))
        before = history.select(
            _key=_region_day_key(later),
            _coverage_before=pl.col("coverage_pct"),
            _activity_before=pl.col("activity_pct"),
            _registered_before=pl.col("registered"),
        )
        frame = frame.join(before, on="_key", how="left", maintain_order="left")
        frame = frame.with_columns(
            (pl.col("coverage_pct") - pl.col("_coverage_before")).alias(f"coverage_change_{suffix}_pp"),
            (pl.col("activity_pct") - pl.col("_activity_before")).alias(f"activity_change_{suffix}_pp"),
            (pl.col("registered") - pl.col("_registered_before")).alias(f"registered_change_{suffix}"),
        ).drop("_coverage_before", "_activity_before", "_registered_before")
    frame = _with_projection(frame)
    for derived in figures.derived_figures():  # each from the columns before it, so one may use another
        expression = cast(pl.Expr, derived.expression)  # derived_figures() are the figures that have one
        frame = frame.with_columns(expression.cast(derived.dtype).alias(derived.name))
    return frame.select(gap_columns())  # still sorted by kemendagri_code and period


def gap_columns() -> list[str]:
    """The columns of a gap row, in order: the registry's figures of the gap (uhc.figures)."""
    return [figure.name for figure in figures.gap_figures()]


def _shortfall(criterion_pct: str, base: str, count: str) -> pl.Expr:
    """People that ``count`` lacks for ``criterion_pct`` percent of ``base`` (0 when met, null when unknown)."""
    return pl.when(pl.col(base) > 0).then(people_short(criterion_pct, base, count)).otherwise(None)


def people_short_of(pct: float, base: int, count: int) -> int:
    """:func:`people_short` for one value: ceil(pct x base / 100) - count, at least 0, in integers."""
    micro_pct = round(pct * _MICRO_PCT)
    scale = 100 * _MICRO_PCT
    return max(0, (micro_pct * base + scale - 1) // scale - count)


def people_short(pct: str, base: str, count: str) -> pl.Expr:
    """Whole people ``count`` lacks for ``pct`` percent of ``base``: ceil(pct x base / 100) - count, at least 0.

    Worked out in integers (the percent in millionths, the product in Int128), so it is exact for
    any count: in floats, 100% of 999.999.999.999.999 people came to 10^15, one person too many.
    """
    micro_pct = (pl.col(pct) * _MICRO_PCT).round(0).cast(pl.Int128)
    scale = 100 * _MICRO_PCT
    people = (micro_pct * pl.col(base).cast(pl.Int128) + (scale - 1)) // scale  # ceil for base >= 0
    return (people - pl.col(count).cast(pl.Int128)).clip(lower_bound=0).cast(pl.Int64)


def _with_projection(frame: pl.DataFrame) -> pl.DataFrame:
    """The month the target is reached if coverage keeps the pace of the last 12 months."""
    pace = pl.col("coverage_change_12m_pp") / 12.0
    months_needed = ((pl.col("target_pct") - pl.col("coverage_pct")) / pl.col("pace_pp_per_month")).ceil()
    frame = frame.with_columns(pace_pp_per_month=pace)
    frame = frame.with_columns(
        projection_status=pl.when(pl.col("coverage_pct").is_null())
        .then(pl.lit("no_data"))
        .when(pl.col("target_pct").is_null())
        .then(pl.lit("no_target"))
        .when(pl.col("coverage_pct") >= pl.col("target_pct"))
        .then(pl.lit("reached"))
        .when(pl.col("pace_pp_per_month").is_null())
        .then(pl.lit("insufficient_history"))
        .when((pl.col("pace_pp_per_month") <= 0) | (months_needed > PROJECTION_HORIZON_MONTHS))
        .then(pl.lit("not_at_current_pace"))
        .otherwise(pl.lit("projected")),
        _months_needed=months_needed,
    )
    # Months counted from year 0 (year x 12 + month - 1): whole-month arithmetic without building
    # an offset string per row.
    target_month = (
        pl.col("period").dt.year().cast(pl.Int64) * 12 + pl.col("period").dt.month() - 1 + pl.col("_months_needed")
    ).cast(pl.Int64)
    return frame.with_columns(
        projected_target_period=pl.when(pl.col("projection_status") == "projected")
        .then(pl.date(target_month // 12, target_month % 12 + 1, 1))
        .otherwise(None)
    ).drop("_months_needed")


def months_for_changes(period: dt.date) -> list[dt.date]:
    """The months a gap for ``period`` reads: the month itself, one month and twelve months before."""

    def back(months: int) -> dt.date:
        index = period.year * 12 + period.month - 1 - months
        return dt.date(index // 12, index % 12 + 1, 1)

    return [back(0), back(1), back(12)]


def with_regions_without_data(gap: pl.DataFrame, regions: pl.DataFrame, period: dt.date) -> pl.DataFrame:
    """``gap`` for one period plus a no-data row for every region in ``regions`` it lacks.

    A kecamatan with no snapshot that month is shown as such rather than silently left out.
    """
    missing = regions.join(gap.select("kemendagri_code"), on="kemendagri_code", how="anti")
    if missing.height == 0:
        return gap
    filler = missing.select("kemendagri_code", "name", "level").with_columns(
        period=pl.lit(period, dtype=pl.Date),
        uhc_status=pl.lit("no_data"),
        projection_status=pl.lit("no_data"),
    )
    return pl.concat([gap, filler], how="diagonal_relaxed").sort("kemendagri_code")
