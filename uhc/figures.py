"""The figures and segments the dashboard shows, each described once.

A figure is a column of the gap engine's rows (``uhc.core.metrics``) or of the planner's
worklist (``uhc.core.planner``). Its entry says what it holds (dtype, unit), how it is written
(a formatter name that ``uhc.core.formats`` turns into a ``uhc.i18n`` format), its names (message
keys, resolved in the user's language by the caller) and where it is shown. Everything that lists
figures reads this registry: the gap's output columns, the overview cards, the gap table, the
planner's worklist, the map measures, the trend charts, the CLI's JSON and CSV and the exports.

A new figure is one entry here plus its computation and its test: a figure of the gap whose
``expression`` is set is computed by the gap engine from the columns before it (see the README,
"Adding a figure or a segment").

This module sits in the lowest layer: it imports only the standard library and Polars. Its
message keys are found by ``make catalogs`` through their keywords (babel.cfg).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

# Units: what a figure counts, so a change, a heading in a file and a rounding follow from it.
PEOPLE = "people"
PERCENT = "percent"  # 0-100
POINTS = "points"  # a change in percentage points
POINTS_PER_MONTH = "points_per_month"
IDR = "idr"  # rupiah
IDR_PER_MONTH = "idr_per_month"  # rupiah per person per month
MONTH = "month"  # a Date on the first day of the month
DAY = "day"
CODE = "code"  # a Kemendagri code
WORD = "word"  # a name or a status word
UNITS = frozenset({PEOPLE, PERCENT, POINTS, POINTS_PER_MONTH, IDR, IDR_PER_MONTH, MONTH, DAY, CODE, WORD})
# The coverage lines of policy: 95% (the UHC criterion until 2023) and 98% (the national target).
# The map's classes are cut at them and "what changed this month" names every crossing of them.
COVERAGE_POLICY_LINES_PCT = (95.0, 98.0)

# Formatters: how a value is written (uhc.core.formats gives each a uhc.i18n format).
#   number 687.031 · percent 87,86% · points +0,53 poin · rupiah Rp42.000 ·
#   rupiah_compact Rp35,1 miliar · month Juni 2025 · day 30 Juni 2025 ·
#   message the value names a message (see Figure.value_keys) · text as it is
FORMATTERS = frozenset({"number", "percent", "points", "rupiah", "rupiah_compact", "month", "day", "message", "text"})

# Which frame holds a figure's column.
GAP = "gap"  # a row of the gap engine (metrics.gap_by_region_month)
WORKLIST = "worklist"  # what the planner adds to the gap rows (planner.worklist)
REACTIVATION = "reactivation"  # a row of the reactivation planner (reactivation.plan): a region and a criterion
CAMPAIGN = "campaign"  # a row of the door-to-door campaign (campaign.progress, campaign.gap_with_campaign)
# Where a figure of the worklist is shown: on the page and in the downloaded file, or in the file only.
PAGE = "page"
FILE = "file"


@dataclass(frozen=True)
class Mapped:
    """How the map shows a measure.

    file_stem:       names the measure in an exported picture's file name (peta-cakupan-kecamatan_...)
    policy_classes:  may be coloured in the coverage policy classes (below 95%, 95-98%, 98% and above);
                     other measures are coloured in quantiles
    """

    file_stem: str
    policy_classes: bool = False


@dataclass(frozen=True, eq=False)
class Figure:
    """One figure: its column, what it holds, how it is written, its names, where it is shown.

    name:          the column, named with its unit (coverage_pct, annual_cost_idr)
    dtype:         the column's Polars type
    unit:          one of UNITS
    formatter:     one of FORMATTERS
    key:           the short name of widget keys, KPI cards and map measures (default: the name)
    label_key:     message key of the figure in words (a card, a map legend, a chart axis)
    heading_key:   message key of its column heading in tables and files
    plural_heading_key: instead of heading_key, a heading with plural forms: "Biaya 1 bulan",
                   "Cost for 1 month"; heading_count names the placeholder whose number chooses the form
    help_key:      message key of a card's help (placeholders {target} and {iuran} are filled in)
    value_keys:    for the "message" formatter: each value -> the message key of its words
    frame:         GAP, WORKLIST or REACTIVATION
    exported:      a key of the CLI's JSON and CSV gap rows
    tabled:        a column of the gap table (overview, map page, CLI table)
    card:          a KPI card on the overview and a row of the briefing's headline figures
    needs_target:  has no value in a month without a target in force ("no target" is shown)
    rise_is_bad:   a rise is bad news (people still to enrol, cost): its change is coloured inversely
    mapped:        a measure of the map, or None
    charted:       drawn month by month on the Tren page
    target:        the column of the dated target or criterion the figure is held against (target_pct,
                   min_activity_pct), or None: a picture's finding says how far a value is from it
    worklist:      PAGE, FILE or None: shown in the planner's worklist and its file, only the file, or neither;
                   for a figure of REACTIVATION: shown in its table (PAGE) or in its CSV/JSON only (FILE)
    expression:    for a figure of the gap: how the gap engine computes it from the columns before it;
                   None when metrics.py computes it
    """

    name: str
    dtype: pl.DataType | type[pl.DataType]
    unit: str
    formatter: str
    key: str = ""
    label_key: str | None = None
    heading_key: str | None = None
    plural_heading_key: str | None = None
    heading_count: str | None = None
    help_key: str | None = None
    value_keys: Mapping[str, str] | None = None
    frame: str = GAP
    exported: bool = False
    tabled: bool = False
    card: bool = False
    needs_target: bool = False
    rise_is_bad: bool = False
    mapped: Mapped | None = None
    charted: bool = False
    target: str | None = None
    worklist: str | None = None
    expression: pl.Expr | None = None

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", self.name)
        if self.unit not in UNITS:
            raise ValueError(f"figure {self.name}: unit {self.unit!r} is not one of {sorted(UNITS)}")
        if self.formatter not in FORMATTERS:
            raise ValueError(f"figure {self.name}: formatter {self.formatter!r} is not one of {sorted(FORMATTERS)}")
        if self.frame not in (GAP, WORKLIST, REACTIVATION, CAMPAIGN):
            raise ValueError(
                f"figure {self.name}: frame {self.frame!r} is not {GAP!r}, {WORKLIST!r}, {REACTIVATION!r} "
                f"or {CAMPAIGN!r}"
            )
        if self.worklist not in (None, PAGE, FILE):
            raise ValueError(f"figure {self.name}: worklist {self.worklist!r} is not {PAGE!r}, {FILE!r} or None")
        if self.expression is not None and self.frame != GAP:
            raise ValueError(f"figure {self.name}: only a figure of the gap is computed from an expression")
        if (self.formatter == "message") != (self.value_keys is not None):
            raise ValueError(f"figure {self.name}: value_keys go with the message formatter, and only with it")
        if (self.plural_heading_key is None) != (self.heading_count is None):
            raise ValueError(
                f"figure {self.name}: a plural_heading_key goes with the heading_count that chooses its form"
            )
        shown = self.tabled or self.card or self.mapped or self.charted or self.worklist
        if shown and self.heading_key is None and self.plural_heading_key is None and self.label_key is None:
            raise ValueError(f"figure {self.name} is shown but has neither a label_key nor a heading_key")

    @property
    def holds_number(self) -> bool:
        """Whether the figure is a number (right-aligned in a table), not a word, code or date."""
        return self.formatter in ("number", "percent", "points", "rupiah", "rupiah_compact")


MONEY = pl.Int128  # rupiah are exact to the rupiah and cannot wrap (see uhc.core.metrics)

# Every figure, in the order of the gap engine's columns, then the planner's. The order is the
# order of every table and file; a table leads with the region's name (see in_table_order).
FIGURES: tuple[Figure, ...] = (
    Figure(
        "kemendagri_code",
        pl.String,
        CODE,
        "text",
        heading_key="col_code",
        exported=True,
        tabled=True,
        worklist=FILE,
    ),
    Figure("name", pl.String, WORD, "text", heading_key="col_name", exported=True, tabled=True, worklist=PAGE),
    Figure("level", pl.String, WORD, "text", exported=True),
    Figure("period", pl.Date, MONTH, "month", exported=True),
    Figure(
        "population",
        pl.Int64,
        PEOPLE,
        "number",
        heading_key="col_population",
        exported=True,
        tabled=True,
        worklist=PAGE,
    ),
    Figure(
        "registered",
        pl.Int64,
        PEOPLE,
        "number",
        heading_key="col_registered",
        exported=True,
        tabled=True,
        worklist=PAGE,
    ),
    Figure("active", pl.Int64, PEOPLE, "number", heading_key="col_active", exported=True, worklist=FILE),
    Figure(
        "coverage_pct",
        pl.Float64,
        PERCENT,
        "percent",
        key="coverage",
        label_key="kpi_coverage",
        heading_key="col_coverage",
        help_key="help_coverage",
        exported=True,
        tabled=True,
        card=True,
        mapped=Mapped("cakupan", policy_classes=True),
        charted=True,
        target="target_pct",
        worklist=PAGE,
    ),
    Figure(
        "activity_pct",
        pl.Float64,
        PERCENT,
        "percent",
        key="activity",
        label_key="kpi_activity",
        heading_key="col_activity",
        help_key="help_activity",
        exported=True,
        tabled=True,
        card=True,
        mapped=Mapped("keaktifan"),
        charted=True,
        target="min_activity_pct",
    ),
    Figure(
        "active_coverage_pct",
        pl.Float64,
        PERCENT,
        "percent",
        key="active_coverage",
        label_key="kpi_active_coverage",
        help_key="help_active_coverage",
        exported=True,
        card=True,
        mapped=Mapped("cakupan-aktif", policy_classes=True),
    ),
    Figure("target_pct", pl.Float64, PERCENT, "percent", heading_key="plan_col_target", exported=True, worklist=FILE),
    Figure(
        "people_needed",
        pl.Int64,
        PEOPLE,
        "number",
        label_key="kpi_people_needed",
        heading_key="col_people_needed",
        help_key="help_people_needed",
        exported=True,
        tabled=True,
        card=True,
        needs_target=True,
        rise_is_bad=True,
        mapped=Mapped("perlu-didaftarkan"),
        worklist=PAGE,
    ),
    Figure(
        "annual_cost_idr",
        MONEY,
        IDR,
        "rupiah_compact",
        key="annual_cost",
        label_key="kpi_annual_cost",
        heading_key="col_annual_cost",
        help_key="help_annual_cost",
        exported=True,
        tabled=True,
        card=True,
        needs_target=True,
        rise_is_bad=True,
    ),
    Figure(
        "uhc_status",
        pl.String,
        WORD,
        "message",
        heading_key="col_status",
        value_keys={"uhc": "uhc", "not_uhc": "not_uhc", "no_data": "no_data"},
        exported=True,
        tabled=True,
    ),
    # Non-active participants still to be made active for the UHC activity criterion in force
    # (80% keaktifan since 2024): max(0, ceil(min_activity_pct x registered / 100) - active), the
    # rounding of people_needed. Exported last, so a CSV read by column position keeps its columns.
    Figure(
        "active_needed",
        pl.Int64,
        PEOPLE,
        "number",
        label_key="kpi_active_needed",
        heading_key="col_active_needed",
        exported=True,
        tabled=True,
        rise_is_bad=True,
    ),
    Figure("target_basis", pl.String, WORD, "text"),
    Figure("population_as_of", pl.Date, DAY, "day"),
    Figure("min_coverage_pct", pl.Float64, PERCENT, "percent"),
    Figure("min_activity_pct", pl.Float64, PERCENT, "percent"),
    Figure("iuran_idr_per_month", pl.Int64, IDR_PER_MONTH, "rupiah"),
    Figure("coverage_change_1m_pp", pl.Float64, POINTS, "points"),
    Figure(
        "coverage_change_12m_pp",
        pl.Float64,
        POINTS,
        "points",
        key="coverage_change_12m",
        label_key="map_metric_change_12m",
        mapped=Mapped("perubahan-12-bulan"),
    ),
    Figure("activity_change_1m_pp", pl.Float64, POINTS, "points"),
    Figure("activity_change_12m_pp", pl.Float64, POINTS, "points"),
    Figure("registered_change_1m", pl.Int64, PEOPLE, "number"),
    Figure("registered_change_12m", pl.Int64, PEOPLE, "number"),
    # People the UHC coverage criterion in force still misses (registrations; active_needed is its
    # activity twin, kept with the exported figures above).
    Figure("registered_short_of_uhc", pl.Int64, PEOPLE, "number"),
    Figure("pace_pp_per_month", pl.Float64, POINTS_PER_MONTH, "points"),
    Figure("projection_status", pl.String, WORD, "text"),
    Figure("projected_target_period", pl.Date, MONTH, "month"),
    # The planner's: enrolment, then what the budget does for a region, then reactivation.
    Figure(
        "enrolment_cost_idr",
        MONEY,
        IDR,
        "rupiah_compact",
        plural_heading_key="plan_col_enrolment_cost",
        heading_count="months",
        frame=WORKLIST,
        worklist=PAGE,
    ),
    Figure(
        "budget_people",
        pl.Int64,
        PEOPLE,
        "number",
        heading_key="plan_col_budget_people",
        frame=WORKLIST,
        worklist=PAGE,
    ),
    Figure(
        "budget_status",
        pl.String,
        WORD,
        "message",
        heading_key="plan_col_budget_status",
        value_keys={
            "closed": "plan_budget_closed",
            "partial": "plan_budget_partial",
            "not_reached": "plan_budget_not_reached",
            "none_needed": "plan_budget_none_needed",
            "no_data": "plan_budget_no_data",
        },
        frame=WORKLIST,
        worklist=PAGE,
    ),
    Figure("non_active", pl.Int64, PEOPLE, "number", heading_key="plan_col_non_active", frame=WORKLIST, worklist=PAGE),
    Figure(
        "reactivation_cost_idr",
        MONEY,
        IDR,
        "rupiah_compact",
        plural_heading_key="plan_col_reactivation_cost",
        heading_count="arrears_months",
        frame=WORKLIST,
        worklist=PAGE,
    ),
)


# The reactivation planner's rows (uhc.core.reactivation): for a region and a keaktifan criterion,
# the non-active participants to make active, from which segment, and what it costs by each route.
REACTIVATION_FIGURES: tuple[Figure, ...] = (
    Figure("kemendagri_code", pl.String, CODE, "text", heading_key="col_code", frame=REACTIVATION, worklist=FILE),
    Figure("name", pl.String, WORD, "text", heading_key="col_name", frame=REACTIVATION, worklist=PAGE),
    Figure("period", pl.Date, MONTH, "month", frame=REACTIVATION),
    Figure(
        "criterion",
        pl.String,
        WORD,
        "message",
        heading_key="react_col_criterion",
        value_keys={
            "uhc": "react_criterion_uhc",
            "pratama": "tier_pratama",
            "madya": "tier_madya",
            "utama": "tier_utama",
        },
        frame=REACTIVATION,
        worklist=FILE,
    ),
    Figure(
        "criterion_activity_pct",
        pl.Float64,
        PERCENT,
        "percent",
        heading_key="react_col_criterion_activity",
        frame=REACTIVATION,
        worklist=FILE,
    ),
    Figure("registered", pl.Int64, PEOPLE, "number", heading_key="col_registered", frame=REACTIVATION, worklist=FILE),
    Figure("active", pl.Int64, PEOPLE, "number", heading_key="col_active", frame=REACTIVATION, worklist=FILE),
    Figure(
        "non_active_basis",
        pl.String,
        WORD,
        "message",
        heading_key="react_col_basis",
        value_keys={
            "stored": "react_basis_stored",
            "assumed": "react_basis_assumed",
            "no_segments": "react_basis_none",
        },
        frame=REACTIVATION,
        worklist=FILE,
    ),
    Figure(
        "to_activate", pl.Int64, PEOPLE, "number", heading_key="col_active_needed", frame=REACTIVATION, worklist=PAGE
    ),
    Figure(
        "pbi_apbd_people",
        pl.Int64,
        PEOPLE,
        "number",
        heading_key="react_col_pbi_apbd",
        frame=REACTIVATION,
        worklist=PAGE,
    ),
    Figure(
        "pbi_apbd_cost_idr",
        MONEY,
        IDR,
        "rupiah_compact",
        heading_key="react_col_pbi_apbd_cost",
        frame=REACTIVATION,
        worklist=PAGE,
    ),
    Figure("pbpu_people", pl.Int64, PEOPLE, "number", heading_key="react_col_pbpu", frame=REACTIVATION, worklist=PAGE),
    Figure("bp_people", pl.Int64, PEOPLE, "number", heading_key="react_col_bp", frame=REACTIVATION, worklist=PAGE),
    Figure(
        "arrears_cost_idr",
        MONEY,
        IDR,
        "rupiah_compact",
        heading_key="react_col_arrears_cost",
        frame=REACTIVATION,
        worklist=PAGE,
    ),
    Figure(
        "move_cost_idr",
        MONEY,
        IDR,
        "rupiah_compact",
        heading_key="react_col_move_cost",
        frame=REACTIVATION,
        worklist=PAGE,
    ),
    Figure(
        "arrears_owed_idr",
        MONEY,
        IDR,
        "rupiah_compact",
        heading_key="react_col_arrears_owed",
        frame=REACTIVATION,
        worklist=PAGE,
    ),
    Figure(
        "cheapest",
        pl.String,
        WORD,
        "message",
        heading_key="react_col_cheapest",
        value_keys={
            "arrears": "react_route_arrears",
            "move": "react_route_move",
            "iuran": "react_route_iuran",
            "none_needed": "react_route_none",
        },
        frame=REACTIVATION,
        worklist=PAGE,
    ),
    Figure(
        "cheapest_cost_idr",
        MONEY,
        IDR,
        "rupiah_compact",
        heading_key="react_col_cheapest_cost",
        frame=REACTIVATION,
        worklist=PAGE,
    ),
    Figure(
        "unreachable",
        pl.Int64,
        PEOPLE,
        "number",
        heading_key="react_col_unreachable",
        frame=REACTIVATION,
        worklist=PAGE,
    ),
)


# The door-to-door campaign (uhc.core.campaign): its progress per area or cadre team, where each
# result of uhc.core.campaign.RESULTS adds a column of its own code (its heading is the result's
# name), and the gap with the campaign's enrolments the BPJS recap does not hold yet.
CAMPAIGN_FIGURES: tuple[Figure, ...] = (
    Figure("persons", pl.Int64, PEOPLE, "number", heading_key="campaign_col_persons", frame=CAMPAIGN, tabled=True),
    Figure("visited", pl.Int64, PEOPLE, "number", heading_key="campaign_col_visited", frame=CAMPAIGN, tabled=True),
    Figure(
        "not_visited", pl.Int64, PEOPLE, "number", heading_key="campaign_col_not_visited", frame=CAMPAIGN, tabled=True
    ),
    Figure(
        "visited_pct",
        pl.Float64,
        PERCENT,
        "percent",
        heading_key="campaign_col_visited_pct",
        frame=CAMPAIGN,
        tabled=True,
    ),
    Figure(
        "campaign_enrolled",
        pl.Int64,
        PEOPLE,
        "number",
        heading_key="campaign_col_enrolled",
        help_key="help_campaign_enrolled",
        frame=CAMPAIGN,
        tabled=True,
    ),
    Figure(
        "campaign_reactivated",
        pl.Int64,
        PEOPLE,
        "number",
        heading_key="campaign_col_reactivated",
        frame=CAMPAIGN,
        tabled=True,
    ),
    Figure(
        "coverage_with_campaign_pct",
        pl.Float64,
        PERCENT,
        "percent",
        heading_key="campaign_col_coverage",
        help_key="help_campaign_coverage",
        frame=CAMPAIGN,
        tabled=True,
    ),
    Figure(
        "people_needed_with_campaign",
        pl.Int64,
        PEOPLE,
        "number",
        heading_key="campaign_col_people_needed",
        frame=CAMPAIGN,
        tabled=True,
        needs_target=True,
        rise_is_bad=True,
    ),
)


def campaign_figure(name: str) -> Figure:
    """The campaign figure of column ``name``."""
    return figure_of(CAMPAIGN_FIGURES, name)


def reactivation_columns() -> list[str]:
    """The columns of a reactivation planner's row, in order."""
    return [f.name for f in REACTIVATION_FIGURES]


def reactivation_page_figures() -> list[Figure]:
    """The columns of the reactivation table on the page and in the CLI's table, name first."""
    return in_table_order([f for f in REACTIVATION_FIGURES if f.worklist == PAGE])


def figure_of(entries: tuple[Figure, ...], name: str) -> Figure:
    """The figure of column ``name`` among ``entries`` (the gap's and worklist's FIGURES, REACTIVATION_FIGURES)."""
    for entry in entries:
        if entry.name == name:
            return entry
    raise KeyError(f"no figure {name!r}; the figures are {', '.join(f.name for f in entries)}")


def figure(name: str) -> Figure:
    """The registered figure of column ``name``; KeyError naming the figures there are."""
    for entry in FIGURES:
        if entry.name == name:
            return entry
    raise KeyError(f"no figure {name!r}; the figures are {', '.join(f.name for f in FIGURES)}")


def in_table_order(entries: list[Figure]) -> list[Figure]:
    """``entries`` as a table shows them: the region's name first, the rest in registry order."""
    return sorted(entries, key=lambda entry: entry.name != "name")


def gap_figures() -> list[Figure]:
    """The columns of a gap engine's row, in order."""
    return [f for f in FIGURES if f.frame == GAP]


def derived_figures() -> list[Figure]:
    """Figures of the gap the engine computes from their ``expression``, in order."""
    return [f for f in gap_figures() if f.expression is not None]


def exported_figures() -> list[Figure]:
    """The keys of a gap row in the CLI's JSON and CSV, in order."""
    return [f for f in gap_figures() if f.exported]


def table_figures() -> list[Figure]:
    """The columns of the gap table, name first."""
    return in_table_order([f for f in gap_figures() if f.tabled])


def card_figures() -> list[Figure]:
    """The overview's KPI cards, in order."""
    return [f for f in gap_figures() if f.card]


def map_figures() -> list[Figure]:
    """The map's measures: those with policy classes (coverage against the target) first."""
    mapped = [f for f in gap_figures() if f.mapped is not None]
    return sorted(mapped, key=lambda f: not (f.mapped and f.mapped.policy_classes))


def charted_figures() -> list[Figure]:
    """The figures drawn month by month on the Tren page, in order."""
    return [f for f in gap_figures() if f.charted]


def worklist_figures() -> list[Figure]:
    """The columns of the planner's worklist frame, in order (the gap's, then the planner's)."""
    return [f for f in FIGURES if f.worklist is not None]


def worklist_file_figures() -> list[Figure]:
    """The columns of the downloaded worklist, name first."""
    return in_table_order(worklist_figures())


def worklist_page_figures() -> list[Figure]:
    """The columns of the worklist shown on the page, name first."""
    return in_table_order([f for f in worklist_figures() if f.worklist == PAGE])


@dataclass(frozen=True)
class Segment:
    """A JKN membership segment as BPJS Kesehatan reports it.

    code:               the segment's code; the store's columns are ``<code>_registered`` and ``<code>_active``
    label_key:          message key of its name
    colour:             its colour in every chart (#rrggbb)
    iuran_segment:      the segment of the iuran table whose rate it pays, or None (PPU pays a share of wages)
    enrolled_by_pemda:  the segment a Pemda enrols the residents it lacks in: its iuran prices a gap
    has_quota:          a yearly quota of people is set for it (the PBI quotas of the APBN and APBD)
    spellings:          how BPJS writes it, as a recap's column header or a participant list's segment
                        cell (lower case, words separated by one space)
    list_spellings:     further ways a participant list's segment cell writes it, which as a recap's
                        header could be another figure ("PBI" may be APBN and APBD together)
    """

    code: str
    label_key: str
    colour: str
    iuran_segment: str | None
    enrolled_by_pemda: bool = False
    has_quota: bool = False
    spellings: tuple[str, ...] = ()
    list_spellings: tuple[str, ...] = ()


# The kinds of wage earner a participant list names after PPU (BPJS's "jenis peserta").
_PPU_KINDS = ("pns", "pns pusat", "pns daerah", "tni", "polri", "pejabat negara", "pppk", "bumn", "bumd", "swasta")
# In the order BPJS reports them, which is the order of every table, chart and export. PBPU and BP
# pay the same iuran (Perpres 64/2020, art. 34), which the iuran table keeps under pbpu.
JKN_SEGMENTS: tuple[Segment, ...] = (
    Segment(
        "pbi_apbn",
        "trend_segment_pbi_apbn",
        "#1f4e79",
        "pbi_apbn",
        has_quota=True,
        spellings=("pbi apbn", "pbi jk", "pbi pusat"),
        list_spellings=("pbi",),
    ),
    Segment(
        "pbi_apbd",
        "trend_segment_pbi_apbd",
        "#2e86c1",
        "pbi_apbd",
        enrolled_by_pemda=True,
        has_quota=True,
        spellings=("pbi apbd", "pbpu pemda", "penduduk didaftarkan pemda", "pbi daerah", "pbi pemda", "pd pemda"),
        list_spellings=("apbd", "pemda", "pbpu bp pemda"),
    ),
    Segment(
        "ppu",
        "trend_segment_ppu",
        "#48c9b0",
        None,
        spellings=("ppu", "pekerja penerima upah"),
        list_spellings=tuple(f"{word} {kind}" for word in ("ppu", "pekerja penerima upah") for kind in _PPU_KINDS),
    ),
    Segment(
        "pbpu",
        "trend_segment_pbpu",
        "#f4d03f",
        "pbpu",
        spellings=("pbpu", "mandiri", "pekerja bukan penerima upah", "peserta mandiri"),
    ),
    Segment("bp", "trend_segment_bp", "#af7ac5", "pbpu", spellings=("bp", "bukan pekerja")),
)
# The segment codes, in order.
SEGMENTS = tuple(segment.code for segment in JKN_SEGMENTS)


def segment(code: str) -> Segment:
    """The segment of ``code``; KeyError naming the segments there are."""
    for entry in JKN_SEGMENTS:
        if entry.code == code:
            return entry
    raise KeyError(f"no segment {code!r}; the segments are {', '.join(SEGMENTS)}")


def pemda_segment() -> Segment:
    """The segment a Pemda enrols residents in to close a gap (PBI APBD)."""
    return next(entry for entry in JKN_SEGMENTS if entry.enrolled_by_pemda)


def quota_segments() -> list[Segment]:
    """The segments with a yearly quota of people, the Pemda's first."""
    return sorted((s for s in JKN_SEGMENTS if s.has_quota), key=lambda s: not s.enrolled_by_pemda)
