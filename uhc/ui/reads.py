"""The cached accessors: each reads the store once per store file and arguments (st.cache_data).

A write through connection.write() clears them all.
"""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import polars as pl
import streamlit as st

from uhc.core import alerts, changes, gap, metrics, planner, reactivation, verification
from uhc.intake import imports
from uhc.output import maps, report
from uhc.store.regions import CODE_LENGTH
from uhc.ui.connection import cursor


@st.cache_data(show_spinner=False)
def region_cities(db: str) -> dict[str, str]:
    """The kab/kota of the store's region tree, code -> name (with or without figures)."""
    with cursor(db) as store:
        frame = store.run("region", scope_code="", level="kota")
    return dict(zip(frame["kemendagri_code"], frame["name"], strict=True))


@st.cache_data(show_spinner=False)
def import_history(db: str, city_code: str, lang: str) -> pl.DataFrame:
    """The import history of the city (imports.history without its report dicts), newest first."""
    with cursor(db) as store:
        return imports.history(store, city_code, lang).drop("report")


@st.cache_data(show_spinner=False)
def alert_rows(db: str, city_code: str, since: dt.date | None) -> tuple[alerts.Thresholds, pl.DataFrame]:
    """The thresholds an editor set and the city's crossings of them (kota and kecamatan) from ``since`` on."""
    with cursor(db) as store:
        thresholds = alerts.stored_thresholds(store)
        return thresholds, alerts.alerts_in_store(store, city_code, thresholds, since)


@st.cache_data(show_spinner=False)
def month_changes(db: str, period: dt.date, city_code: str) -> changes.MonthChanges:
    """What changed in the city's month against the month before (changes.changes_in_store)."""
    with cursor(db) as store:
        return changes.changes_in_store(store, city_code, period)


@st.cache_data(show_spinner=False)
def quota_plan(
    db: str, city_code: str, period: dt.date, quota: int, pace_per_month: float | None
) -> planner.QuotaPlan | None:
    """The city's PBI APBD quota of ``period``'s year month by month as of ``period`` (gap.quota_plan_for_year)."""
    with cursor(db) as store:
        return gap.quota_plan_for_year(store, city_code, period.year, quota, pace_per_month, until=period)


@st.cache_data(show_spinner=False)
def cities(db: str) -> pl.DataFrame:
    """Kab/kota that have coverage data: kemendagri_code, name, first/last period, months."""
    with cursor(db) as store:
        return store.run("city_with_data")


@st.cache_data(show_spinner=False)
def months(db: str, scope_code: str) -> list[dt.date]:
    """Months with coverage data under ``scope_code``."""
    with cursor(db) as store:
        return gap.months_with_data(store, scope_code)


@st.cache_data(show_spinner=False)
def gap_rows(db: str, period: dt.date, level: str, scope_code: str, target_pct: float | None = None) -> pl.DataFrame:
    """The gap engine's rows for one month at ``level`` under ``scope_code``."""
    with cursor(db) as store:
        return gap.gap_for_period(store, period, level, scope_code, target_pct)


def city_rows(db: str, period: dt.date, city_code: str) -> tuple[dict, dict | None, dict | None]:
    """The city's gap row for ``period``, and for the month before and a year before (None without data)."""

    def row(month: dt.date) -> dict | None:
        try:
            return gap_rows(db, month, "kota", city_code).row(0, named=True)
        except gap.NoData:
            return None

    _, month_before, year_before = metrics.months_for_changes(period)
    return gap_rows(db, period, "kota", city_code).row(0, named=True), row(month_before), row(year_before)


@st.cache_data(show_spinner=False)
def segment_rows(db: str, period: dt.date, level: str, scope_code: str) -> pl.DataFrame:
    """Registered and active participants per segment for one month at ``level`` under ``scope_code``."""
    with cursor(db) as store:
        return store.run(
            "segments_by_region_month", code_length=CODE_LENGTH[level], scope_code=scope_code, periods=[period]
        )


@st.cache_data(show_spinner=False)
def reactivation_plan(
    db: str, period: dt.date, level: str, city_code: str, scenario: reactivation.Scenario
) -> gap.ReactivationPlan:
    """The reactivation planner's rows for one month at ``level`` of ``city_code`` under ``scenario``."""
    with cursor(db) as store:
        return gap.reactivation_for_period(store, scenario, period, level, city_code)


@st.cache_data(show_spinner=False)
def programme_lists(db: str) -> list[str]:
    """The names of the programme lists in the store (verification.programmes)."""
    with cursor(db) as store:
        return verification.programmes(store)


@st.cache_data(show_spinner=False)
def recipient_check(db: str, programme: str, iuran_idr_per_month: int | None) -> verification.RecipientCheck | None:
    """``programme`` verified against the newest register and BPJS list (counts only; None without them)."""
    with cursor(db) as store:
        return verification.check_in_store(store, programme, iuran_idr_per_month)


@st.cache_data(show_spinner=False)
def award_tiers(db: str) -> pl.DataFrame:
    """The dated UHC Awards tiers (uhc_award_tier.sql rows)."""
    with cursor(db) as store:
        return store.run("uhc_award_tier")


@st.cache_data(show_spinner=False)
def pbi_quota(db: str, kemendagri_code: str, year: int) -> pl.DataFrame:
    """The PBI quotas stored for a region and year: segment, quota (people), source."""
    with cursor(db) as store:
        return store.run("pbi_quota", kemendagri_code=kemendagri_code, year=year)


@st.cache_data(show_spinner=False)
def kelurahan_without_coverage(db: str, period: dt.date, city_code: str) -> pl.DataFrame:
    """The city's kelurahan that month's snapshots leave out (kemendagri_code, name)."""
    with cursor(db) as store:
        return store.run("kelurahan_without_coverage", scope_code=city_code + ".", period=period)


@st.cache_data(show_spinner=False)
def settings(db: str) -> dict[str, str]:
    """Store-wide settings as a dict."""
    with cursor(db) as store:
        return dict(store.run("setting").iter_rows())


@st.cache_data(show_spinner=False)
def population_origins(db: str, city_code: str) -> pl.DataFrame:
    """Where each date's population figures under the city came from (queries/population_origin.sql)."""
    with cursor(db) as store:
        return store.run("population_origin", scope_code=city_code)


@st.cache_data(show_spinner=False)
def month_is_demo(db: str, city_code: str, period: dt.date) -> bool:
    """Whether the demo wrote the city's figures of ``period`` (an imported month of the demo store is not demo data)."""
    with cursor(db) as store:
        return store.run("demo_coverage_of_month", scope_code=city_code, period=period)["demo_figures"][0] > 0


@st.cache_data(show_spinner=False)
def kecamatan_names(db: str, city_code: str) -> dict[str, str]:
    """The city's kecamatan, code -> name, in code order."""
    with cursor(db) as store:
        frame = store.run("region_name", scope_code=city_code + ".", level="kecamatan")
    return dict(zip(frame["kemendagri_code"], frame["name"], strict=True))


@st.cache_data(show_spinner=False)
def _all_months(db: str, level: str, scope_code: str) -> pl.DataFrame:
    with cursor(db) as store:
        return gap.gap_all_months(store, level, scope_code)


def trend_rows(db: str, level: str, scope_code: str, until: dt.date) -> pl.DataFrame:
    """The gap engine's rows of every month up to ``until`` at ``level`` under ``scope_code``, oldest first."""
    return _all_months(db, level, scope_code).filter(pl.col("period") <= until)


@st.cache_data(show_spinner=False)
def _segments_all_months(db: str, level: str, scope_code: str) -> pl.DataFrame:
    with cursor(db) as store:
        return store.run(
            "segments_by_region_month", code_length=CODE_LENGTH[level], scope_code=scope_code, periods=None
        )


def segment_trend_rows(db: str, level: str, scope_code: str, until: dt.date) -> pl.DataFrame:
    """Registered and active participants by segment, every month up to ``until``, oldest first."""
    return _segments_all_months(db, level, scope_code).filter(pl.col("period") <= until)


@st.cache_data(show_spinner=False)
def kelurahan_count(db: str, city_code: str) -> int:
    """How many kelurahan/desa the city has in the region tree."""
    with cursor(db) as store:
        return store.run("region_name", scope_code=city_code + ".", level="kelurahan").height


@st.cache_data(show_spinner=False)
def region_shapes(db: str, scope_code: str, level: str) -> gpd.GeoDataFrame:
    """Display polygons of the regions at ``level`` under ``scope_code``; empty when none are stored."""
    with cursor(db) as store:
        return maps.display_shapes(store.run("region_geometry", scope_code=scope_code, level=level))


@st.cache_data(show_spinner=False, max_entries=16)
def city_month(db: str, city_code: str, period: dt.date) -> report.CityMonth:
    """What the exports of a city and month show (report.load), read once."""
    with cursor(db) as store:
        return report.load(store, city_code, period)
