"""What the overview says: KPI cards, status and projection sentences, the ranked table.

Takes rows of the gap engine (see metrics.gap_by_region_month) and a language; returns plain
values and strings, so pages, exports and the CLI say the same thing in the same format.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import polars as pl

from uhc import figures, i18n
from uhc.core import formats


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


# KPI cards in a row of the overview.
CARDS_PER_ROW = 3


def kpi_rows(
    row: dict, language: str, month_before: dict | None = None, year_before: dict | None = None
) -> list[list[Kpi]]:
    """The overview's KPI cards in rows of CARDS_PER_ROW: the three rates, then what closing the gap takes."""
    cards = kpis(row, language, month_before, year_before)
    return [cards[start : start + CARDS_PER_ROW] for start in range(0, len(cards), CARDS_PER_ROW)]


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
    no_target = without_target(row)
    placeholders = {
        "target": i18n.percent(row["target_pct"], language, digits=0),
        "iuran": i18n.rupiah(row["iuran_idr_per_month"], language),
    }

    def value(figure: figures.Figure) -> str:
        if no_target and figure.needs_target:
            return i18n.text("kpi_no_target", language)
        return formats.text_or_dash(figure, row[figure.name], language)

    def help_of(figure: figures.Figure) -> str:
        if no_target and figure.needs_target:
            return no_target_sentence(row, language)
        return formats.help_text(figure, language, **placeholders)

    def delta(figure: figures.Figure, earlier: dict | None) -> str | None:
        column = figure.name
        if earlier is None or row[column] is None or earlier[column] is None:
            return None
        return formats.change_text(figure, row[column] - earlier[column], language)

    def change(figure: figures.Figure, earlier: dict | None, text_key: str) -> str | None:
        changed = delta(figure, earlier)
        return None if changed is None else i18n.text(text_key, language, change=changed)

    return [
        Kpi(
            figure.key,
            formats.label(figure, language),
            value(figure),
            change(figure, month_before, i18n.N_("vs_last_month")),
            change(figure, year_before, i18n.N_("vs_last_year")),
            help_of(figure),
            "inverse" if figure.rise_is_bad else "normal",
            delta(figure, month_before),
            delta(figure, year_before),
        )
        for figure in figures.card_figures()
    ]


# A row's uhc_status -> the sentence that says it (no_data has its own).
_STATUS_SENTENCES = {"uhc": i18n.N_("status_uhc"), "not_uhc": i18n.N_("status_not_uhc")}
# A row's projection_status (metrics.PROJECTION_STATUSES) -> its sentence.
_PROJECTION_SENTENCES = {
    "reached": i18n.N_("projection_reached"),
    "projected": i18n.N_("projection_projected"),
    "not_at_current_pace": i18n.N_("projection_not_at_current_pace"),
    "insufficient_history": i18n.N_("projection_insufficient_history"),
    "no_target": i18n.N_("projection_no_target"),
    "no_data": i18n.N_("projection_no_data"),
}


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
            ("active_needed", i18n.N_plural("uhc_missing_active")),
        )
        if row.get(column)
    ]
    if status == "not_uhc" and row.get("registered_short_of_uhc") == 0 and row.get("active_needed"):
        # Enrolled (coverage meets the criterion) but not UHC, the case a coverage card alone hides
        # (Kota Serang, December 2025: 99,19% coverage, 73,7% keaktifan): said as such.
        sentence += " " + i18n.plural(
            "status_enrolled_not_active",
            row["active_needed"],
            language,
            count=i18n.number(row["active_needed"], language),
        )
    elif status == "not_uhc" and missing:
        sentence += " " + i18n.text(
            "uhc_missing", language, missing=i18n.text("uhc_missing_and", language).join(missing)
        )
    return sentence


def shortfalls_sentence(row: dict, language: str) -> str:
    """Which shortfall each figure counts, in words: people to the coverage target, and apart from it
    the UHC criteria's coverage and activity shortfalls (people_needed and active_needed).

    "Perlu didaftarkan" counts residents to enrol up to the coverage *target*; the UHC status needs
    both of its criteria, so a city above the target can still lack active participants.
    """
    parts = []
    if row.get("people_needed") is not None and not without_target(row):
        parts.append(
            i18n.plural(
                "shortfall_target",
                row["people_needed"],
                language,
                count=i18n.number(row["people_needed"], language),
                target=target_text(row, language),
            )
        )
    registered_short, active_needed = row.get("registered_short_of_uhc"), row.get("active_needed")
    if row.get("min_coverage_pct") is not None and registered_short is not None and active_needed is not None:
        coverage = (
            i18n.plural(
                "shortfall_uhc_coverage_short",
                registered_short,
                language,
                count=i18n.number(registered_short, language),
            )
            if registered_short
            else i18n.text("shortfall_uhc_coverage_met", language)
        )
        activity = (
            i18n.plural(
                "shortfall_uhc_activity_short", active_needed, language, count=i18n.number(active_needed, language)
            )
            if active_needed
            else i18n.text("shortfall_uhc_activity_met", language)
        )
        parts.append(
            i18n.text(
                "shortfall_uhc",
                language,
                min_coverage=i18n.percent(row["min_coverage_pct"], language, digits=0),
                min_activity=i18n.percent(row["min_activity_pct"], language, digits=0),
                coverage=coverage,
                activity=activity,
            )
        )
    return " ".join(parts)


def projection_sentence(row: dict, language: str) -> str:
    """When the target is reached at the pace of the last 12 months, in words (or that no target was in force)."""
    return i18n.text(
        _PROJECTION_SENTENCES[row["projection_status"]],
        language,
        target=i18n.percent(row["target_pct"], language, digits=0),
        month=i18n.month(row["projected_target_period"], language),
    )


def recap_of_population(origins: pl.DataFrame | None, as_of: dt.date | None) -> str | None:
    """The file name of the BPJS recap whose population column gave the figures dated ``as_of``; None for Dukcapil.

    ``origins`` are the rows of queries/population_origin.sql (as_of, from_recap, recap_file).
    """
    if origins is None or as_of is None:
        return None
    found = origins.filter((pl.col("as_of") == as_of) & pl.col("from_recap"))
    return found["recap_file"][0] if found.height else None


def recap_population_dates(origins: pl.DataFrame | None) -> list[dt.date]:
    """The dates of population figures that came from a BPJS recap's population column (not a Dukcapil semester)."""
    if origins is None:
        return []
    return origins.filter(pl.col("from_recap"))["as_of"].to_list()


def source_line(row: dict, language: str, origins: pl.DataFrame | None = None) -> str:
    """Where the figures come from: BPJS participants, and the Dukcapil semester or the BPJS recap the population is from."""
    recap = recap_of_population(origins, row["population_as_of"])
    if recap is not None:
        return i18n.text("source_line_recap", language, file=recap, month=i18n.month(row["population_as_of"], language))
    return i18n.text("source_line", language, semester=i18n.semester(row["population_as_of"], language))


def headings_of(names: list[str], language: str) -> list[str]:
    """The gap table's headings of the named figures, in that order (a table's key figures)."""
    return [formats.heading(figures.figure(name), language) for name in names]


# What a ranked table of regions leads with, after the name: what it is ranked by, and the coverage.
RANKED_TABLE_LEADS = ["people_needed", "coverage_pct"]


def figure_headings(language: str) -> list[str]:
    """Headings of gap_table's columns that hold numbers (shown right-aligned)."""
    return [formats.heading(f, language) for f in figures.table_figures() if f.holds_number]


def ranked_rows(gap: pl.DataFrame) -> pl.DataFrame:
    """Gap rows ranked by people needed (most first; at equal need the lower coverage first)."""
    return gap.sort(["people_needed", "coverage_pct"], descending=[True, False], nulls_last=True)


def ranked_table(gap: pl.DataFrame, language: str) -> pl.DataFrame:
    """Regions ranked by people needed (most first), with labelled, formatted columns."""
    return gap_table(ranked_rows(gap), language)


def row_of(gap: pl.DataFrame, kemendagri_code: str | None) -> int | None:
    """The 0-based position of region ``kemendagri_code`` among ``gap``'s rows (None if absent or None)."""
    if kemendagri_code is None:
        return None
    positions = gap.with_row_index("row").filter(pl.col("kemendagri_code") == kemendagri_code)["row"]
    return int(positions[0]) if positions.len() else None


def region_names(gap: pl.DataFrame) -> dict[str, str]:
    """The regions of ``gap`` as code: name, in name order (the highlight box's choices)."""
    return dict(gap.sort("name").select("kemendagri_code", "name").iter_rows())


def gap_table(gap: pl.DataFrame, language: str) -> pl.DataFrame:
    """Gap rows in their order as labelled columns of formatted text (687.031, 87,86%, Rp35,1 miliar).

    The columns are the registry's figures of the gap table (uhc.figures), the region's name
    first. A row of a month without a target in force says "no target" where people and cost
    would be.
    """
    no_target = (
        (gap["target_basis"] == "none_in_force").fill_null(False).to_list()
        if "target_basis" in gap.columns
        else [False] * gap.height
    )
    no_target_text = i18n.text("no_target_short", language)

    def cells(figure: figures.Figure) -> list[str | None]:
        shown = [formats.value_text(figure, v, language) for v in gap[figure.name]]
        if not figure.needs_target:
            return shown
        return [no_target_text if none else text for text, none in zip(shown, no_target, strict=True)]

    return pl.DataFrame({formats.heading(figure, language): cells(figure) for figure in figures.table_figures()})
