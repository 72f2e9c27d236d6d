"""What the overview says: KPI cards, status and projection sentences, the ranked table.

Takes rows of the gap engine (see metrics.gap_by_region_month) and a language; returns plain
values and strings, so pages, exports and the CLI say the same thing in the same format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

from uhc import i18n


@dataclass(frozen=True)
class Kpi:
    """One KPI card: label, formatted value, formatted changes vs last month and a year earlier, help.

    ``delta_color`` is "inverse" for figures where a rise is bad news (people still to enrol, cost).
    """

    key: str
    label: str
    value: str
    change_month: str | None
    change_year: str | None
    help: str
    delta_color: str = "normal"
    # The changes alone ("+0,42 poin"), for a table whose headings say against what.
    delta_month: str | None = None
    delta_year: str | None = None

    @property
    def month_unchanged(self) -> bool:
        """The change from last month shows as zero ("+0,00 poin", "0 orang", "Rp0"): no arrow, no colour."""
        return self.change_month is not None and re.search(r"[1-9]", self.change_month) is None


def kpi_rows(
    row: dict, language: str, month_before: dict | None = None, year_before: dict | None = None
) -> list[list[Kpi]]:
    """The overview's KPI cards in rows: the three rates, then what closing the gap takes."""
    cards = kpis(row, language, month_before, year_before)
    return [cards[:3], cards[3:]]


def _points(value: float | None, language: str) -> str:
    return i18n.text("in_points", language, value=i18n.points(value, language))


def _people(value: float | None, language: str) -> str:
    return i18n.text("in_people", language, value=i18n.signed_number(value, language))


# KPI key -> (gap column, label key, how the value is shown, how a change is shown, delta colour).
_KPI_FIGURES = {
    "coverage": ("coverage_pct", "kpi_coverage", i18n.percent, _points, "normal"),
    "activity": ("activity_pct", "kpi_activity", i18n.percent, _points, "normal"),
    "active_coverage": ("active_coverage_pct", "kpi_active_coverage", i18n.percent, _points, "normal"),
    "people_needed": ("people_needed", "kpi_people_needed", i18n.number, _people, "inverse"),
    "annual_cost": ("annual_cost_idr", "kpi_annual_cost", i18n.rupiah_compact, i18n.signed_rupiah_compact, "inverse"),
}


def kpis(row: dict, language: str, month_before: dict | None = None, year_before: dict | None = None) -> list[Kpi]:
    """The overview's KPI cards for one region-month row of the gap engine.

    ``month_before`` and ``year_before`` are the same region's rows one and twelve months earlier
    (None when the store has no such month); a change is shown only where both figures exist.
    """
    helps = {
        "coverage": i18n.text("help_coverage", language),
        "activity": i18n.text("help_activity", language),
        "active_coverage": i18n.text("help_active_coverage", language),
        "people_needed": i18n.text(
            "help_people_needed", language, target=i18n.percent(row["target_pct"], language, digits=0)
        ),
        "annual_cost": i18n.text("help_annual_cost", language, iuran=i18n.rupiah(row["iuran_idr_per_month"], language)),
    }

    def delta(column: str, earlier: dict | None, shown) -> str | None:
        if earlier is None or row[column] is None or earlier[column] is None:
            return None
        return shown(row[column] - earlier[column], language)

    def change(column: str, earlier: dict | None, shown, text_key: str) -> str | None:
        changed = delta(column, earlier, shown)
        return None if changed is None else i18n.text(text_key, language, change=changed)

    return [
        Kpi(
            key,
            i18n.text(label_key, language),
            show(row[column], language),
            change(column, month_before, show_change, "vs_last_month"),
            change(column, year_before, show_change, "vs_last_year"),
            helps[key],
            delta_color,
            delta(column, month_before, show_change),
            delta(column, year_before, show_change),
        )
        for key, (column, label_key, show, show_change, delta_color) in _KPI_FIGURES.items()
    ]


def status_sentence(row: dict, language: str) -> str:
    """The UHC status against the criteria in force that month, with what is still missing."""
    status = row["uhc_status"]
    if status == "no_data":
        return i18n.text("status_no_data", language)
    sentence = i18n.text(
        f"status_{status}",
        language,
        coverage=i18n.percent(row["coverage_pct"], language),
        activity=i18n.percent(row["activity_pct"], language),
        min_coverage=i18n.percent(row["min_coverage_pct"], language, digits=0),
        min_activity=i18n.percent(row["min_activity_pct"], language, digits=0),
    )
    missing = [
        i18n.text(key, language, count=i18n.number(row[column], language))
        for column, key in (
            ("registered_short_of_uhc", "uhc_missing_registered"),
            ("active_short_of_uhc", "uhc_missing_active"),
        )
        if row.get(column)
    ]
    if status == "not_uhc" and missing:
        sentence += " " + i18n.text(
            "uhc_missing", language, missing=i18n.text("uhc_missing_and", language).join(missing)
        )
    return sentence


def projection_sentence(row: dict, language: str) -> str:
    """When the target is reached at the pace of the last 12 months, in words."""
    return i18n.text(
        f"projection_{row['projection_status']}",
        language,
        target=i18n.percent(row["target_pct"], language, digits=0),
        month=i18n.month(row["projected_target_period"], language),
    )


def source_line(row: dict, language: str) -> str:
    """Where the figures come from: BPJS participants and the Dukcapil semester used."""
    return i18n.text("source_line", language, semester=i18n.semester(row["population_as_of"], language))


# Columns of gap_table that hold figures (shown right-aligned).
FIGURE_KEYS = (
    "col_population",
    "col_registered",
    "col_coverage",
    "col_activity",
    "col_people_needed",
    "col_annual_cost",
)


def ranked_table(gap: pl.DataFrame, language: str) -> pl.DataFrame:
    """Regions ranked by people needed (most first), with labelled, formatted columns."""
    return gap_table(gap.sort(["people_needed", "coverage_pct"], descending=[True, False], nulls_last=True), language)


def gap_table(gap: pl.DataFrame, language: str) -> pl.DataFrame:
    """Gap rows in their order as labelled columns of formatted text (687.031, 87,86%, Rp35,1 miliar)."""
    columns = {
        "col_name": gap["name"].to_list(),
        "col_code": gap["kemendagri_code"].to_list(),
        "col_population": [i18n.number(v, language) for v in gap["population"]],
        "col_registered": [i18n.number(v, language) for v in gap["registered"]],
        "col_coverage": [i18n.percent(v, language) for v in gap["coverage_pct"]],
        "col_activity": [i18n.percent(v, language) for v in gap["activity_pct"]],
        "col_people_needed": [i18n.number(v, language) for v in gap["people_needed"]],
        "col_annual_cost": [i18n.rupiah_compact(v, language) for v in gap["annual_cost_idr"]],
        "col_status": [i18n.text(v, language) for v in gap["uhc_status"]],
    }
    return pl.DataFrame({i18n.text(key, language): values for key, values in columns.items()})
