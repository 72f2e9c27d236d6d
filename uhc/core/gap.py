"""Gap figures read from a store: the named queries feed the pure gap engine in metrics.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from uhc import figures, i18n
from uhc.core import metrics, planner, reactivation
from uhc.store.db import Store
from uhc.store.regions import CODE_LENGTH


class NoData(LookupError):
    """A period, city or level with no coverage data; ``text(language)`` names what does exist."""

    def __init__(self, key: str, **params: object) -> None:
        self.key, self.params = key, params
        super().__init__(self.text("en"))

    def text(self, language: str) -> str:
        params = dict(self.params)
        code = str(params.pop("scope_code", ""))  # the region asked about, worded in the message's language
        scope = i18n.text("gap_under_region", language, code=code) if code else ""
        return i18n.text(self.key, language, scope=scope, **params)


def parameters(store: Store) -> metrics.Parameters:
    """The dated targets, UHC criteria and iuran stored in ``store``."""
    return metrics.Parameters(
        targets=store.run("coverage_target"),
        criteria=store.run("uhc_criterion"),
        iuran=store.run("iuran"),
    )


def months_with_data(store: Store, scope_code: str = "") -> list[dt.date]:
    """Months (first day) that have coverage snapshots under ``scope_code``, oldest first."""
    return store.run("coverage_month", scope_code=scope_code)["period"].to_list()


def parse_period(text: str) -> dt.date:
    """'2025-06' -> date(2025, 6, 1); ValueError with the expected form otherwise."""
    try:
        parsed = dt.datetime.strptime(text.strip(), "%Y-%m")
    except ValueError:
        raise ValueError(f"{text!r} is not a month; write it as YYYY-MM, for example 2025-06") from None
    return parsed.date().replace(day=1)


def format_months(months: list[dt.date]) -> str:
    """'2022-01 to 2026-01 (49 months)' or a short list, for messages."""
    if not months:
        return "none"
    if len(months) <= 6:
        return ", ".join(m.strftime("%Y-%m") for m in months)
    return f"{months[0]:%Y-%m} to {months[-1]:%Y-%m} ({len(months)} months)"


def gap_for_period(
    store: Store,
    period: dt.date | None = None,
    level: str = "kecamatan",
    scope_code: str = "",
    target_pct: float | None = None,
) -> pl.DataFrame:
    """The gap for every region at ``level`` under ``scope_code`` in one month (latest if None).

    Regions without a snapshot that month are included as no-data rows. Raises NoData when the
    month has no data at all.
    """
    if period is None:
        period = store.scalar("latest_coverage_month", scope_code=scope_code)
        if period is None:
            raise _no_data(store, scope_code, None)
    code_length = CODE_LENGTH[level]
    months = metrics.months_for_changes(period)
    rows = store.run_together(
        {
            "coverage": (
                "coverage_by_region_month",
                {"code_length": code_length, "scope_code": scope_code, "periods": months},
            ),
            "population": (
                "population_by_region",
                {
                    "code_length": code_length,
                    "scope_code": scope_code,
                    "as_of_from": _month_end(min(months)),
                    "as_of_until": _month_end(period),
                },
            ),
            "regions": ("region_name", {"scope_code": scope_code, "level": level}),
        }
    )
    if not (rows["coverage"]["period"] == period).any():
        raise _no_data(store, scope_code, period, level)
    coverage = _named(rows["coverage"], rows["regions"])
    gap = metrics.gap_by_region_month(coverage, rows["population"], parameters(store), target_pct, periods=[period])
    return metrics.with_regions_without_data(gap, rows["regions"], period)


def _no_data(store: Store, scope_code: str, period: dt.date | None, level: str | None = None) -> NoData:
    """What the store does hold, for the message when ``period`` (or anything) has no data."""
    months = months_with_data(store, scope_code)
    if period in months:  # the month has figures, but only above the level asked for
        return NoData("gap_no_level_data", period=f"{period:%Y-%m}", scope_code=scope_code, level=level)
    if months and period is not None:
        return NoData(
            "gap_no_month_data", period=f"{period:%Y-%m}", scope_code=scope_code, months=format_months(months)
        )
    cities = store.run("city_with_data")
    known = ", ".join(f"{c} {n}" for c, n in zip(cities["kemendagri_code"], cities["name"], strict=True))
    if known:
        return NoData("gap_no_data_cities", scope_code=scope_code, cities=known)
    return NoData("gap_no_data", scope_code=scope_code)


def _named(coverage: pl.DataFrame, regions: pl.DataFrame) -> pl.DataFrame:
    """Rolled-up snapshots with each region's name and level from the region tree."""
    names = regions.select("kemendagri_code", "name", "level")
    return coverage.join(names, on="kemendagri_code", how="left", maintain_order="left")


def gap_all_months(
    store: Store, level: str = "kota", scope_code: str = "", target_pct: float | None = None
) -> pl.DataFrame:
    """The gap for every region at ``level`` under ``scope_code`` in every month with data."""
    coverage = store.run(
        "coverage_by_region_month", code_length=CODE_LENGTH[level], scope_code=scope_code, periods=None
    )
    population = store.run(
        "population_by_region",
        code_length=CODE_LENGTH[level],
        scope_code=scope_code,
        as_of_from=None,
        as_of_until=None,
    )
    regions = store.run("region_name", scope_code=scope_code, level=level)
    return metrics.gap_by_region_month(_named(coverage, regions), population, parameters(store), target_pct)


def _month_end(period: dt.date) -> dt.date:
    following = dt.date(period.year + period.month // 12, period.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


@dataclass(frozen=True)
class ReactivationPlan:
    """The reactivation planner's answer for one month: per region and criterion, and the city's total.

    regions:  reactivation.plan rows of the regions at the level asked for
    city:     reactivation.city_total of those rows (one row per criterion)
    rates:    the iuran and arrears cap in force that month
    period:   the month
    """

    regions: pl.DataFrame
    city: pl.DataFrame
    rates: reactivation.Rates
    period: dt.date


def reactivation_for_period(
    store: Store,
    scenario: reactivation.Scenario,
    period: dt.date | None = None,
    level: str = "kecamatan",
    city_code: str = "",
) -> ReactivationPlan:
    """The reactivation plan of the regions at ``level`` of ``city_code`` in ``period`` (latest if None)."""
    rows = gap_for_period(store, period, level, city_code).filter(pl.col("registered").is_not_null())
    month = rows["period"][0]
    city = gap_for_period(store, month, "kota", city_code)
    segments = store.run(
        "segments_by_region_month", code_length=CODE_LENGTH[level], scope_code=city_code, periods=[month]
    )
    tiers = reactivation.tiers_for(month, store.run("uhc_award_tier"))
    criteria = reactivation.criteria(city["min_activity_pct"][0], tiers)
    month_rates = reactivation.rates(month, store.run("iuran"), store.run("arrears_rule"))
    regions = reactivation.plan(rows, segments, criteria, month_rates, scenario)
    total = reactivation.city_total(regions, city["kemendagri_code"][0], city["name"][0])
    return ReactivationPlan(regions, total, month_rates, month)


def quota_plan_for_year(
    store: Store,
    city_code: str,
    year: int,
    quota: int,
    pace_per_month: float | None = None,
    until: dt.date | None = None,
) -> planner.QuotaPlan | None:
    """The city's PBI APBD quota of ``year`` month by month (planner.quota_plan) from the stored segments.

    Only months up to ``until`` (default: every month) count as known: the page plans as of its month.
    None when no month up to December of ``year`` (and ``until``) has a PBI APBD figure.
    """
    segments = store.run(
        "segments_by_region_month", code_length=CODE_LENGTH["kota"], scope_code=city_code, periods=None
    )
    column = f"{figures.pemda_segment().code}_registered"
    known = {
        period: registered
        for period, registered in zip(segments["period"], segments[column], strict=True)
        if registered is not None and period.year <= year and (until is None or period <= until)
    }
    if not known:
        return None
    latest = max(known)
    iuran = gap_for_period(store, latest, "kota", city_code)["iuran_idr_per_month"][0]
    return planner.quota_plan(quota, year, known, int(iuran), pace_per_month)
