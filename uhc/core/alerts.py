"""Alerts: a region whose coverage or keaktifan crossed a threshold an editor set, or fell by more than N points.

A crossing is raised once, in the month it happens: a region that fell below 98% in March and
stays below in April and May has one alert (March), and one more (``recovered``) in the month
it is back at or above the threshold. Each month is compared with the region's previous month
with a figure, so a month without data in between does not hide a crossing nor raise one twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from uhc import i18n
from uhc.core import gap
from uhc.store.db import Store

# The store-wide settings the thresholds are kept under (table setting; text, a dot as decimal point).
SETTING_COVERAGE = "alert_coverage_pct"
SETTING_ACTIVITY = "alert_activity_pct"
SETTING_FALL = "alert_fall_pp"
# Without a setting: the UHC criteria in force (98% coverage, 80% keaktifan); no fall alert.
DEFAULT_COVERAGE_PCT = 98.0
DEFAULT_ACTIVITY_PCT = 80.0
# The levels an import is checked at: the city, its kecamatan and its kelurahan (a kelurahan below
# 80% keaktifan is where the cadres go; a recap at kecamatan level simply has no kelurahan rows).
LEVELS = ("kota", "kecamatan", "kelurahan")
FIGURES = ("coverage", "activity")
ALERTS = ("below", "recovered", "fall")
KEY_COLUMNS = ["kemendagri_code", "period", "figure", "alert"]

FIGURE_KEYS = {"coverage": i18n.N_("alert_figure_coverage"), "activity": i18n.N_("alert_figure_activity")}
ALERT_KEYS = {
    "below": i18n.N_("alert_below"),
    "recovered": i18n.N_("alert_recovered"),
    "fall": i18n.N_("alert_fall"),
}

SCHEMA = {
    "kemendagri_code": pl.String,
    "name": pl.String,
    "level": pl.String,
    "period": pl.Date,
    "previous_period": pl.Date,
    "figure": pl.String,
    "alert": pl.String,
    "threshold": pl.Float64,
    "value_before_pct": pl.Float64,
    "value_pct": pl.Float64,
}


@dataclass(frozen=True)
class Thresholds:
    """What raises an alert: coverage or keaktifan below a percentage, a fall of more than ``fall_pp`` points.

    None switches that alert off.
    """

    coverage_pct: float | None = DEFAULT_COVERAGE_PCT
    activity_pct: float | None = DEFAULT_ACTIVITY_PCT
    fall_pp: float | None = None

    @classmethod
    def from_settings(cls, settings: dict[str, str]) -> Thresholds:
        """The thresholds kept in the store's settings; a setting stored as '' is switched off."""

        def value(key: str, default: float | None) -> float | None:
            if key not in settings:
                return default
            return float(settings[key]) if settings[key] else None

        return cls(
            coverage_pct=value(SETTING_COVERAGE, DEFAULT_COVERAGE_PCT),
            activity_pct=value(SETTING_ACTIVITY, DEFAULT_ACTIVITY_PCT),
            fall_pp=value(SETTING_FALL, None),
        )

    def settings(self) -> dict[str, str]:
        """The settings that keep these thresholds ('' for an alert switched off)."""
        return {
            SETTING_COVERAGE: _setting_text(self.coverage_pct),
            SETTING_ACTIVITY: _setting_text(self.activity_pct),
            SETTING_FALL: _setting_text(self.fall_pp),
        }


def _setting_text(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def parse_threshold(text: str, what: str, upper: float = 100.0) -> float | None:
    """'98', '98,5' or '98.5' -> 98.5; 'off' or '' -> None; ValueError naming ``what`` otherwise."""
    cleaned = text.strip().lower()
    if cleaned in ("", "off", "mati"):
        return None
    try:
        value = float(cleaned.replace(",", "."))
    except ValueError:
        raise ValueError(
            f"{what} must be a number of percent or points such as 98 or 1,5, or off; not {text!r}"
        ) from None
    if not 0 < value <= upper:
        raise ValueError(f"{what} must be above 0 and at most {upper:g}, not {text}")
    return value


def crossings(series: pl.DataFrame, thresholds: Thresholds) -> pl.DataFrame:
    """Every crossing in ``series``, oldest first.

    ``series`` has one row per region and month: kemendagri_code, name, level, period,
    coverage_pct, activity_pct (as gap_by_region_month gives them). A row of the result
    (columns ``SCHEMA``) is one region, month and figure (coverage or activity) whose value,
    against the region's previous month with a value of that figure, went from at or above the
    threshold to below it (``below``), from below to at or above (``recovered``), or down by more
    than ``thresholds.fall_pp`` points (``fall``).
    """
    found = [pl.DataFrame(schema=SCHEMA)]
    limits = {"coverage": thresholds.coverage_pct, "activity": thresholds.activity_pct}
    for figure in FIGURES:
        column = f"{figure}_pct"
        values = (
            series.filter(pl.col(column).is_not_null())
            .sort("kemendagri_code", "period")
            .select(
                "kemendagri_code",
                "name",
                "level",
                "period",
                previous_period=pl.col("period").shift(1).over("kemendagri_code"),
                value_before_pct=pl.col(column).shift(1).over("kemendagri_code"),
                value_pct=pl.col(column),
                figure=pl.lit(figure),
            )
            .filter(pl.col("previous_period").is_not_null())
        )
        limit = limits[figure]
        if limit is not None:
            was_above = pl.col("value_before_pct") >= limit
            is_above = pl.col("value_pct") >= limit
            found.append(
                values.filter(was_above != is_above).with_columns(
                    alert=pl.when(is_above).then(pl.lit("recovered")).otherwise(pl.lit("below")),
                    threshold=pl.lit(limit, dtype=pl.Float64),
                )
            )
        if thresholds.fall_pp is not None:
            found.append(
                values.filter(pl.col("value_before_pct") - pl.col("value_pct") > thresholds.fall_pp).with_columns(
                    alert=pl.lit("fall"), threshold=pl.lit(thresholds.fall_pp, dtype=pl.Float64)
                )
            )
    frame = pl.concat([part.select([pl.col(name).cast(dtype) for name, dtype in SCHEMA.items()]) for part in found])
    level_order = pl.col("level").replace_strict({"kota": 0, "kecamatan": 1, "kelurahan": 2}, default=3)
    return frame.sort(
        pl.col("period"),
        level_order,
        pl.col("kemendagri_code"),
        pl.col("figure").replace_strict({"coverage": 0, "activity": 1}),
        pl.col("alert").replace_strict({"below": 0, "recovered": 1, "fall": 2}),
    )


def complete_months(series: pl.DataFrame, missing: pl.DataFrame) -> pl.DataFrame:
    """``series`` without the months of a region whose figures leave out some of its kelurahan.

    A file of two kelurahan makes the city's figure of its month the sum of those two: a "fall" to
    7% that nobody should forward. Such a month is not compared at all; the next complete month is
    compared with the complete month before it. ``missing`` has period, kemendagri_code (the
    kelurahan a month leaves out: queries/kelurahan_missing_by_month.sql).
    """
    if missing.is_empty():
        return series
    incomplete = (
        series.select("kemendagri_code", "period")
        .unique()
        .join(missing.rename({"kemendagri_code": "kelurahan_code"}), on="period")
        .filter(pl.col("kelurahan_code").str.starts_with(pl.col("kemendagri_code")))
        .select("kemendagri_code", "period")
        .unique()
    )
    return series.join(incomplete, on=["kemendagri_code", "period"], how="anti")


def stored_thresholds(store: Store) -> Thresholds:
    """The thresholds an editor set (``python -m uhc alerts --set ...``, the Data page), else the defaults."""
    return Thresholds.from_settings(dict(store.run("setting").iter_rows()))


def store_thresholds(store: Store, thresholds: Thresholds) -> Thresholds:
    """Keep ``thresholds`` in the store's settings, in one transaction; returns them."""
    with store.transaction():
        for key, value in thresholds.settings().items():
            store.execute("upsert_setting", key=key, value=value)
    return thresholds


def alerts_in_store(
    store: Store,
    scope_code: str,
    thresholds: Thresholds | None = None,
    since: dt.date | None = None,
    levels: tuple[str, ...] = LEVELS,
) -> pl.DataFrame:
    """The crossings (columns ``SCHEMA``) of every region at ``levels`` under ``scope_code``, from ``since`` on."""
    chosen = stored_thresholds(store) if thresholds is None else thresholds
    series = [
        gap.gap_all_months(store, level, scope_code).select(
            "kemendagri_code", "name", "level", "period", "coverage_pct", "activity_pct"
        )
        for level in levels
    ]
    if "kelurahan" in levels:
        series[levels.index("kelurahan")] = with_kecamatan_names(
            series[levels.index("kelurahan")], store.run("region_name", scope_code=scope_code, level="kecamatan")
        )
    found = crossings(
        complete_months(pl.concat(series), store.run("kelurahan_missing_by_month", scope_code=scope_code)), chosen
    )
    return found if since is None else found.filter(pl.col("period") >= since)


def with_kecamatan_names(kelurahan: pl.DataFrame, kecamatan: pl.DataFrame) -> pl.DataFrame:
    """Kelurahan rows named 'Sukawana (Serang)': kelurahan names repeat within a city (Serang has two Sukawana).

    ``kecamatan`` has kemendagri_code and name (queries/region_name.sql); a kelurahan code's first
    8 characters are its kecamatan's (61.71.04.1001 -> 61.71.04).
    """
    parents = kecamatan.select(parent_code=pl.col("kemendagri_code"), parent_name=pl.col("name"))
    named = kelurahan.with_columns(parent_code=pl.col("kemendagri_code").str.slice(0, 8)).join(
        parents, on="parent_code", how="left"
    )
    return named.with_columns(
        name=pl.when(pl.col("parent_name").is_not_null())
        .then(pl.format("{} ({})", pl.col("name"), pl.col("parent_name")))
        .otherwise(pl.col("name"))
    ).select(kelurahan.columns)


def raised_in_city(store: Store, city_code: str) -> list[dict]:
    """The crossings in the city, its kecamatan and kelurahan as the store holds them now, with the stored thresholds.

    The importer calls it before and after writing a file's figures, in the same transaction: the
    alerts an import raises are the crossings after it that were not there before.
    Each row carries ``key`` (region, month, figure and alert): the same crossing has the same key
    whatever its values, so a crossing already raised is not raised again.
    """
    found = alerts_in_store(store, city_code).with_columns(pl.col("period", "previous_period").dt.strftime("%Y-%m"))
    return found.with_columns(key=pl.concat_str(KEY_COLUMNS, separator="|")).to_dicts()


def alert_sentence(row: dict, language: str) -> str:
    """One alert as a line: 'Kec. Pontianak Barat, Maret 2025: cakupan turun di bawah 98% (98,10% → 97,90%)'."""
    period = row["period"] if isinstance(row["period"], dt.date) else gap.parse_period(row["period"])
    if row["alert"] == "fall":
        threshold = i18n.decimal(row["threshold"], language, digits=_digits(row["threshold"]))
    else:
        threshold = i18n.percent(row["threshold"], language, digits=_digits(row["threshold"]))
    return i18n.text(
        ALERT_KEYS[row["alert"]],
        language,
        region=row["name"] or row["kemendagri_code"],
        month=i18n.month(period, language),
        figure=i18n.text(FIGURE_KEYS[row["figure"]], language),
        threshold=threshold,
        before=i18n.percent(row["value_before_pct"], language),
        after=i18n.percent(row["value_pct"], language),
        drop=i18n.decimal(row["value_before_pct"] - row["value_pct"], language, digits=2),
    )


def _digits(value: float) -> int:
    """Decimals worth showing of a threshold: 98 -> 0, 98,5 -> 1."""
    return 0 if float(value).is_integer() else 1 if round(value, 1) == value else 2


_THRESHOLD_PARTS = {
    "coverage": (i18n.N_("alert_part_coverage"), i18n.N_("alert_part_coverage_off")),
    "activity": (i18n.N_("alert_part_activity"), i18n.N_("alert_part_activity_off")),
    "fall": (i18n.N_("alert_part_fall"), i18n.N_("alert_part_fall_off")),
}


def threshold_sentence(thresholds: Thresholds, language: str) -> str:
    """The thresholds in force, as a line: 'Ambang notifikasi: cakupan di bawah 98%; keaktifan di bawah 80%; ...'."""
    parts = []
    for name, value, shown in (
        ("coverage", thresholds.coverage_pct, lambda v: i18n.percent(v, language, digits=_digits(v))),
        ("activity", thresholds.activity_pct, lambda v: i18n.percent(v, language, digits=_digits(v))),
        ("fall", thresholds.fall_pp, lambda v: i18n.decimal(v, language, digits=_digits(v))),
    ):
        on_key, off_key = _THRESHOLD_PARTS[name]
        parts.append(i18n.text(off_key, language) if value is None else i18n.text(on_key, language, value=shown(value)))
    return i18n.text("alert_thresholds", language, parts="; ".join(parts))


_THRESHOLD_SHORT = {
    "coverage": i18n.N_("alert_list_coverage"),
    "activity": i18n.N_("alert_list_activity"),
    "fall": i18n.N_("alert_list_fall"),
}


def threshold_list(thresholds: Thresholds, language: str) -> str | None:
    """The thresholds switched on, short: 'cakupan 98%, keaktifan 80%, turun > 1,5 poin sebulan'; None when all off."""
    parts = []
    for name, value in (
        ("coverage", thresholds.coverage_pct),
        ("activity", thresholds.activity_pct),
        ("fall", thresholds.fall_pp),
    ):
        if value is None:
            continue
        shown = (i18n.decimal if name == "fall" else i18n.percent)(value, language, digits=_digits(value))
        parts.append(i18n.text(_THRESHOLD_SHORT[name], language, value=shown))
    return ", ".join(parts) if parts else None
