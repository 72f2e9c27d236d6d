"""Gap figures read from a store: the named queries feed the pure gap engine in metrics.py."""

from __future__ import annotations

import datetime as dt

import polars as pl

from uhc import metrics
from uhc.regions import CODE_LENGTH
from uhc.store import Store


class NoData(LookupError):
    """A period, city or level with no coverage data; the message names what does exist."""


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
    # With the month given, its own snapshots show it has data; the list of months (a scan of every
    # snapshot) is read only when they do not, to say so or to find the latest month.
    coverage = None if period is None else _coverage_for_changes(store, period, level, scope_code)
    if coverage is None or not (coverage["period"] == period).any():
        months = months_with_data(store, scope_code)
        if not months:
            cities = store.run("city_with_data")
            known = ", ".join(f"{c} {n}" for c, n in zip(cities["kemendagri_code"], cities["name"], strict=True))
            raise NoData(
                f"The store has no coverage data{_under(scope_code)}. "
                + (f"Cities with data: {known}." if known else "Import data or run `python -m uhc init --demo`.")
            )
        period = months[-1] if period is None else period
        if period not in months:
            raise NoData(
                f"No coverage data for {period:%Y-%m}{_under(scope_code)}. Months with data: {format_months(months)}."
            )
        if coverage is None:
            coverage = _coverage_for_changes(store, period, level, scope_code)
    population = store.run(
        "population_by_region",
        code_length=CODE_LENGTH[level],
        scope_code=scope_code,
        as_of_until=_month_end(period),
    )
    gap = metrics.gap_by_region_month(coverage, population, parameters(store), target_pct)
    gap = gap.filter(pl.col("period") == period)
    regions = store.run("region", scope_code=scope_code, level=level)
    return metrics.with_regions_without_data(gap, regions, period)


def _coverage_for_changes(store: Store, period: dt.date, level: str, scope_code: str) -> pl.DataFrame:
    """Snapshots rolled up to ``level`` for ``period`` and the months its changes compare with."""
    return store.run(
        "coverage_by_region_month",
        code_length=CODE_LENGTH[level],
        scope_code=scope_code,
        periods=metrics.months_for_changes(period),
    )


def gap_all_months(
    store: Store, level: str = "kota", scope_code: str = "", target_pct: float | None = None
) -> pl.DataFrame:
    """The gap for every region at ``level`` under ``scope_code`` in every month with data."""
    coverage = store.run(
        "coverage_by_region_month", code_length=CODE_LENGTH[level], scope_code=scope_code, periods=None
    )
    population = store.run(
        "population_by_region", code_length=CODE_LENGTH[level], scope_code=scope_code, as_of_until=None
    )
    return metrics.gap_by_region_month(coverage, population, parameters(store), target_pct)


def _month_end(period: dt.date) -> dt.date:
    following = dt.date(period.year + period.month // 12, period.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _under(scope_code: str) -> str:
    return f" under region {scope_code}" if scope_code else ""
