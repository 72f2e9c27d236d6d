"""What the overview says: KPI cards, status and projection sentences, the ranked table.

Takes rows of the gap engine (see metrics.gap_by_region_month) and a language; returns plain
values and strings, so pages, exports and the CLI say the same thing in the same format.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from uhc import i18n


@dataclass(frozen=True)
class Kpi:
    """One KPI card: a label, the formatted value, an optional formatted change, a help text."""

    key: str
    label: str
    value: str
    change: str | None
    help: str


def kpi_rows(row: dict, language: str) -> list[list[Kpi]]:
    """The overview's KPI cards in rows: the three rates, then what closing the gap takes."""
    cards = kpis(row, language)
    return [cards[:3], cards[3:]]


def kpis(row: dict, language: str) -> list[Kpi]:
    """The overview's KPI cards for one region-month row of the gap engine."""
    target = i18n.percent(row["target_pct"], language, digits=0)
    iuran = i18n.rupiah(row["iuran_idr_per_month"], language)
    change = row["coverage_change_1m_pp"]
    return [
        Kpi(
            "coverage",
            i18n.text("kpi_coverage", language),
            i18n.percent(row["coverage_pct"], language),
            None if change is None else i18n.text("vs_last_month", language, change=i18n.points(change, language)),
            i18n.text("help_coverage", language),
        ),
        Kpi(
            "activity",
            i18n.text("kpi_activity", language),
            i18n.percent(row["activity_pct"], language),
            None,
            i18n.text("help_activity", language),
        ),
        Kpi(
            "active_coverage",
            i18n.text("kpi_active_coverage", language),
            i18n.percent(row["active_coverage_pct"], language),
            None,
            i18n.text("help_active_coverage", language),
        ),
        Kpi(
            "people_needed",
            i18n.text("kpi_people_needed", language),
            i18n.number(row["people_needed"], language),
            None,
            i18n.text("help_people_needed", language, target=target),
        ),
        Kpi(
            "annual_cost",
            i18n.text("kpi_annual_cost", language),
            i18n.rupiah_compact(row["annual_cost_idr"], language),
            None,
            i18n.text("help_annual_cost", language, iuran=iuran),
        ),
    ]


def status_sentence(row: dict, language: str) -> str:
    """The UHC status against the criteria in force that month, with what is still missing."""
    status = row["uhc_status"]
    if status == "no_data":
        return i18n.text("status_no_data", language)
    return i18n.text(
        f"status_{status}",
        language,
        coverage=i18n.percent(row["coverage_pct"], language),
        activity=i18n.percent(row["activity_pct"], language),
        min_coverage=i18n.percent(row["min_coverage_pct"], language, digits=0),
        min_activity=i18n.percent(row["min_activity_pct"], language, digits=0),
    )


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
