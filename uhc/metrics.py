"""The gap engine: coverage, activity, the gap to the target, people needed, cost, projection.

Pure Polars: frames in, frames out; no I/O, no Streamlit, no DuckDB. Definitions follow BPJS
Kesehatan (see docs in README): coverage = registered / population, activity = active /
registered, active coverage = active / population, all in percent (0-100).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

SEGMENTS = ("pbi_apbn", "pbi_apbd", "ppu", "pbpu", "bp")
# Segment whose iuran prices the cost of closing a gap: residents enrolled by the Pemda.
PEMDA_SEGMENT = "pbi_apbd"
MONTHS_PER_YEAR = 12
# A projection further out than this is reported as "not at the current pace".
PROJECTION_HORIZON_MONTHS = 600

# The keys of one gap row as the CLI's JSON and CSV give it, in order.
GAP_COLUMNS = (
    "kemendagri_code",
    "name",
    "level",
    "period",
    "population",
    "registered",
    "active",
    "coverage_pct",
    "activity_pct",
    "active_coverage_pct",
    "target_pct",
    "people_needed",
    "annual_cost_idr",
    "uhc_status",
)
UHC_STATUSES = ("uhc", "not_uhc", "no_data")
PROJECTION_STATUSES = ("reached", "projected", "not_at_current_pace", "insufficient_history", "no_data")


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
    """One row per period: target_pct, min_coverage_pct, min_activity_pct, iuran_idr_per_month."""
    keys = pl.DataFrame({"period": periods.unique()}).with_columns(pl.col("period").cast(pl.Date))
    out = _valid_at(parameters.targets, keys, ["target_pct"]).drop("valid_from")
    out = _valid_at(parameters.criteria, out, ["min_coverage_pct", "min_activity_pct"]).drop("valid_from")
    pemda = parameters.iuran.filter(pl.col("segment") == PEMDA_SEGMENT)
    out = _valid_at(pemda, out, ["idr_per_month"]).drop("valid_from")
    out = out.rename({"idr_per_month": "iuran_idr_per_month"})
    if target_pct is not None:
        out = out.with_columns(target_pct=pl.lit(float(target_pct)))
    return out


def population_for_months(coverage: pl.DataFrame, population: pl.DataFrame) -> pl.DataFrame:
    """Attach to each region-month the latest population dated on or before the month's last day.

    Dukcapil publishes per semester (30 June, 31 December): June 2025 uses S1 2025, January
    2026 uses S2 2025. Adds ``population`` and ``population_as_of`` (null when none is known).
    """
    left = coverage.with_columns(_month_end=pl.col("period").dt.month_end()).sort("_month_end")
    right = (
        population.select("kemendagri_code", pl.col("as_of").alias("population_as_of"), "population")
        .with_columns(_as_of=pl.col("population_as_of"))
        .sort("_as_of")
    )
    joined = left.join_asof(
        right,
        left_on="_month_end",
        right_on="_as_of",
        by="kemendagri_code",
        strategy="backward",
        check_sortedness=False,  # sorted above; Polars cannot check sortedness within groups
    )
    return joined.drop("_month_end", "_as_of")


def _ratio_pct(numerator: str, denominator: str) -> pl.Expr:
    return (
        pl.when(pl.col(denominator) > 0)
        .then(pl.col(numerator).cast(pl.Float64) * 100.0 / pl.col(denominator).cast(pl.Float64))
        .otherwise(None)
    )


def _lagged(frame: pl.DataFrame, months: int, columns: dict[str, str]) -> pl.DataFrame:
    """``columns`` (name -> new name) as they were ``months`` earlier, keyed to the later period."""
    return frame.select(
        "kemendagri_code",
        pl.col("period").dt.offset_by(f"{months}mo"),
        *[pl.col(old).alias(new) for old, new in columns.items()],
    )


def gap_by_region_month(
    coverage: pl.DataFrame,
    population: pl.DataFrame,
    parameters: Parameters,
    target_pct: float | None = None,
) -> pl.DataFrame:
    """The gap to the target for every region and month in ``coverage``.

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

    Returns
    -------
    The columns of ``GAP_COLUMNS`` followed by population_as_of, min_coverage_pct,
    min_activity_pct, iuran_idr_per_month, coverage_change_1m_pp, coverage_change_12m_pp,
    registered_change_1m, registered_change_12m, pace_pp_per_month, projection_status and
    projected_target_period; sorted by kemendagri_code and period.
    """
    frame = population_for_months(coverage, population)
    frame = frame.join(_dated_parameters(frame["period"], parameters, target_pct), on="period", how="left")
    frame = frame.with_columns(
        coverage_pct=_ratio_pct("registered", "population"),
        activity_pct=_ratio_pct("active", "registered"),
        active_coverage_pct=_ratio_pct("active", "population"),
    )
    # target x population is rounded to 6 decimals first so that binary fractions
    # (0.98 x 50 = 48.999999...) do not add a person.
    shortfall = (pl.col("target_pct") * pl.col("population") / 100.0).round(6) - pl.col("registered")
    frame = frame.with_columns(
        people_needed=pl.when((pl.col("population") > 0) & pl.col("registered").is_not_null())
        .then(pl.max_horizontal(shortfall.ceil(), pl.lit(0.0)).cast(pl.Int64))
        .otherwise(None)
    )
    frame = frame.with_columns(
        annual_cost_idr=pl.col("people_needed") * pl.col("iuran_idr_per_month") * MONTHS_PER_YEAR,
        uhc_status=pl.when(pl.col("coverage_pct").is_null())
        .then(pl.lit("no_data"))
        .when(
            (pl.col("coverage_pct") < pl.col("min_coverage_pct"))
            | (pl.col("activity_pct") < pl.col("min_activity_pct")).fill_null(False)
        )
        .then(pl.lit("not_uhc"))
        .when(pl.col("activity_pct").is_null())
        .then(pl.lit("no_data"))
        .otherwise(pl.lit("uhc")),
    )
    history = {"coverage_pct": "_coverage_before", "registered": "_registered_before"}
    for months, suffix in ((1, "1m"), (12, "12m")):
        frame = frame.join(_lagged(frame, months, history), on=["kemendagri_code", "period"], how="left")
        frame = frame.with_columns(
            (pl.col("coverage_pct") - pl.col("_coverage_before")).alias(f"coverage_change_{suffix}_pp"),
            (pl.col("registered") - pl.col("_registered_before")).alias(f"registered_change_{suffix}"),
        ).drop(history.values())
    return (
        _with_projection(frame)
        .sort("kemendagri_code", "period")
        .select(
            *GAP_COLUMNS,
            "population_as_of",
            "min_coverage_pct",
            "min_activity_pct",
            "iuran_idr_per_month",
            "coverage_change_1m_pp",
            "coverage_change_12m_pp",
            "registered_change_1m",
            "registered_change_12m",
            "pace_pp_per_month",
            "projection_status",
            "projected_target_period",
        )
    )


def _with_projection(frame: pl.DataFrame) -> pl.DataFrame:
    """The month the target is reached if coverage keeps the pace of the last 12 months."""
    pace = pl.col("coverage_change_12m_pp") / 12.0
    months_needed = ((pl.col("target_pct") - pl.col("coverage_pct")) / pl.col("pace_pp_per_month")).ceil()
    frame = frame.with_columns(pace_pp_per_month=pace)
    frame = frame.with_columns(
        projection_status=pl.when(pl.col("coverage_pct").is_null())
        .then(pl.lit("no_data"))
        .when(pl.col("coverage_pct") >= pl.col("target_pct"))
        .then(pl.lit("reached"))
        .when(pl.col("pace_pp_per_month").is_null())
        .then(pl.lit("insufficient_history"))
        .when((pl.col("pace_pp_per_month") <= 0) | (months_needed > PROJECTION_HORIZON_MONTHS))
        .then(pl.lit("not_at_current_pace"))
        .otherwise(pl.lit("projected")),
        _months_needed=months_needed,
    )
    offset = pl.format("{}mo", pl.col("_months_needed").cast(pl.Int64))
    return frame.with_columns(
        projected_target_period=pl.when(pl.col("projection_status") == "projected")
        .then(pl.col("period").dt.offset_by(offset))
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
