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
    "coverage": ("coverage_pct", i18n.N_("kpi_coverage"), i18n.percent, _points, "normal"),
    "activity": ("activity_pct", i18n.N_("kpi_activity"), i18n.percent, _points, "normal"),
    "active_coverage": ("active_coverage_pct", i18n.N_("kpi_active_coverage"), i18n.percent, _points, "normal"),
    "people_needed": ("people_needed", i18n.N_("kpi_people_needed"), i18n.number, _people, "inverse"),
    "annual_cost": (
        "annual_cost_idr",
        i18n.N_("kpi_annual_cost"),
        i18n.rupiah_compact,
        i18n.signed_rupiah_compact,
        "inverse",
    ),
}


def without_target(row: dict) -> bool:
    """Whether the row's month is before every dated target (and none was given): no target was in force."""
    return row.get("target_basis") == "none_in_force"


def target_text(row: dict, language: str) -> str:
    """The row's target as shown in a sentence: "98%", or "none in force" in words."""
    if without_target(row):
        return i18n.text("target_none_in_force", language)
    return i18n.percent(row["target_pct"], language, digits=0)


def no_target_sentence(row: dict, language: str) -> str:
    """That no target was in force in the row's month, since when one is, and how to give one."""
    return i18n.text("no_target_in_force", language, month=i18n.month(row["period"], language))


def kpis(row: dict, language: str, month_before: dict | None = None, year_before: dict | None = None) -> list[Kpi]:
    """The overview's KPI cards for one region-month row of the gap engine.

    ``month_before`` and ``year_before`` are the same region's rows one and twelve months earlier
    (None when the store has no such month); a change is shown only where both figures exist.
    In a month without a target in force, the people and cost cards say "no target" and their
    help says why and how to give one.
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

    no_target = without_target(row)
    if no_target:
        helps["people_needed"] = helps["annual_cost"] = no_target_sentence(row, language)

    def value(column: str, show) -> str:
        if no_target and column in _NEEDS_TARGET:
            return i18n.text("kpi_no_target", language)
        return show(row[column], language)

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
            value(column, show),
            change(column, month_before, show_change, i18n.N_("vs_last_month")),
            change(column, year_before, show_change, i18n.N_("vs_last_year")),
            helps[key],
            delta_color,
            delta(column, month_before, show_change),
            delta(column, year_before, show_change),
        )
        for key, (column, label_key, show, show_change, delta_color) in _KPI_FIGURES.items()
    ]


# A row's uhc_status -> the sentence that says it (no_data has its own), and the word for it in a table.
_STATUS_SENTENCES = {"uhc": i18n.N_("status_uhc"), "not_uhc": i18n.N_("status_not_uhc")}
_STATUS_WORDS = {"uhc": i18n.N_("uhc"), "not_uhc": i18n.N_("not_uhc"), "no_data": i18n.N_("no_data")}
# A row's projection_status (metrics.PROJECTION_STATUSES) -> its sentence.
_PROJECTION_SENTENCES = {
    "reached": i18n.N_("projection_reached"),
    "projected": i18n.N_("projection_projected"),
    "not_at_current_pace": i18n.N_("projection_not_at_current_pace"),
    "insufficient_history": i18n.N_("projection_insufficient_history"),
    "no_target": i18n.N_("projection_no_target"),
    "no_data": i18n.N_("projection_no_data"),
}
# Gap columns that have no value without a target.
_NEEDS_TARGET = frozenset({"people_needed", "annual_cost_idr"})


def status_sentence(row: dict, language: str) -> str:
    """The UHC status against the criteria in force that month, with what is still missing."""
    status = row["uhc_status"]
    if status == "no_data":
        return i18n.text("status_no_data", language)
    sentence = i18n.text(
        _STATUS_SENTENCES[status],
        language,
        coverage=i18n.percent(row["coverage_pct"], language),
        activity=i18n.percent(row["activity_pct"], language),
        min_coverage=i18n.percent(row["min_coverage_pct"], language, digits=0),
        min_activity=i18n.percent(row["min_activity_pct"], language, digits=0),
    )
    missing = [
        i18n.plural(key, row[column], language, count=i18n.number(row[column], language))
        for column, key in (
            ("registered_short_of_uhc", i18n.N_plural("uhc_missing_registered")),
            ("active_short_of_uhc", i18n.N_plural("uhc_missing_active")),
        )
        if row.get(column)
    ]
    if status == "not_uhc" and missing:
        sentence += " " + i18n.text(
            "uhc_missing", language, missing=i18n.text("uhc_missing_and", language).join(missing)
        )
    return sentence


def projection_sentence(row: dict, language: str) -> str:
    """When the target is reached at the pace of the last 12 months, in words (or that no target was in force)."""
    return i18n.text(
        _PROJECTION_SENTENCES[row["projection_status"]],
        language,
        target=i18n.percent(row["target_pct"], language, digits=0),
        month=i18n.month(row["projected_target_period"], language),
    )


def source_line(row: dict, language: str) -> str:
    """Where the figures come from: BPJS participants and the Dukcapil semester used."""
    return i18n.text("source_line", language, semester=i18n.semester(row["population_as_of"], language))


# Columns of gap_table that hold figures (shown right-aligned).
FIGURE_KEYS = (
    i18n.N_("col_population"),
    i18n.N_("col_registered"),
    i18n.N_("col_coverage"),
    i18n.N_("col_activity"),
    i18n.N_("col_people_needed"),
    i18n.N_("col_annual_cost"),
)


def ranked_table(gap: pl.DataFrame, language: str) -> pl.DataFrame:
    """Regions ranked by people needed (most first), with labelled, formatted columns."""
    return gap_table(gap.sort(["people_needed", "coverage_pct"], descending=[True, False], nulls_last=True), language)


def gap_table(gap: pl.DataFrame, language: str) -> pl.DataFrame:
    """Gap rows in their order as labelled columns of formatted text (687.031, 87,86%, Rp35,1 miliar).

    A row of a month without a target in force says "no target" where people and cost would be.
    """
    no_target = (
        (gap["target_basis"] == "none_in_force").fill_null(False).to_list()
        if "target_basis" in gap.columns
        else [False] * gap.height
    )
    no_target_text = i18n.text("no_target_short", language)

    def needing_target(column: str, show) -> list[str]:
        return [no_target_text if none else show(v, language) for v, none in zip(gap[column], no_target, strict=True)]

    columns = {
        i18n.N_("col_name"): gap["name"].to_list(),
        i18n.N_("col_code"): gap["kemendagri_code"].to_list(),
        i18n.N_("col_population"): [i18n.number(v, language) for v in gap["population"]],
        i18n.N_("col_registered"): [i18n.number(v, language) for v in gap["registered"]],
        i18n.N_("col_coverage"): [i18n.percent(v, language) for v in gap["coverage_pct"]],
        i18n.N_("col_activity"): [i18n.percent(v, language) for v in gap["activity_pct"]],
        i18n.N_("col_people_needed"): needing_target("people_needed", i18n.number),
        i18n.N_("col_annual_cost"): needing_target("annual_cost_idr", i18n.rupiah_compact),
        i18n.N_("col_status"): [i18n.text(_STATUS_WORDS[v], language) for v in gap["uhc_status"]],
    }
    return pl.DataFrame({i18n.text(key, language): values for key, values in columns.items()})
