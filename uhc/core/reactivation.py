"""The reactivation planner: the non-active participants to make active for each keaktifan criterion.

Pure Polars over rows of the gap engine and of segments_by_region_month.sql, frames in, frames out.
For every region and criterion (the UHC criterion in force, 80% since 2024, and the UHC Awards
tiers above it, 85% Madya and 95% Utama in 2026) it counts the participants still to be made
active (``metrics.people_short``, rounded up as people_needed is), takes them from the segments a
city can reactivate, cheapest first, and prices them:

- **PBI APBD** (PBPU Pemda): the Pemda pays the iuran again: people x Pemda iuran x months funded.
- **PBPU and BP** (mandiri), two routes:
  *arrears*: the participant pays the arrears, at most the months of the dated arrears rule (24
  under Perpres 64/2020) x the PBPU iuran; APBD may not pay a mandiri participant's arrears;
  *move*: the Pemda moves them to PBPU Pemda and pays the Pemda iuran x months funded; their
  arrears stay owed to BPJS (``arrears_owed_idr``) unless the write-off scenario is on.
- PBI APBN (paid by the APBN) and PPU (paid by the employer) are not the city's to reactivate: a
  shortfall they alone could fill is ``unreachable``.

The cheapest route of a region compares the two routes of its mandiri participants (a tie goes to
the move, which the APBD can pay). Where the store holds no active count per segment (BPJS
recaps seldom give one), the non-active of a segment are estimated by a stated rule
(``SPLITS``) the planner can change; the row says which (``non_active_basis``). Nothing is stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from uhc import figures, i18n
from uhc.core import formats, metrics

MONEY = figures.MONEY
MAX_MONTHS_FUNDED = 12
# How the non-active participants of a region are split over its segments when the store has no
# active count per segment:
#   proportional:   in proportion to each segment's registered participants;
#   mandiri_first:  PBPU and BP (mandiri, where arrears build up) first, up to their registered,
#                   in proportion between the two; the rest in proportion over the other segments.
# Every share is rounded down, so a segment is never said to hold more non-active than it may.
SPLITS = ("proportional", "mandiri_first")
# The segments a city can make active again, in the order they are taken (the cheapest for the
# APBD first: a PBI APBD participant costs only the iuran), and the mandiri ones among them.
REACTIVATED = ("pbi_apbd", "pbpu", "bp")
MANDIRI = ("pbpu", "bp")
# A region's cheapest route: its mandiri participants pay arrears, or are moved to PBPU Pemda; only
# PBI APBD participants are needed (the iuran alone); nobody is to be made active.
ROUTES = ("arrears", "move", "iuran", "none_needed")
CRITERIA = ("uhc", "pratama", "madya", "utama")
SPLIT_KEYS = {
    "proportional": i18n.N_("react_split_proportional"),
    "mandiri_first": i18n.N_("react_split_mandiri_first"),
}


@dataclass(frozen=True)
class Scenario:
    """What the planner sets.

    months_funded:   months of iuran the Pemda pays for a reactivated PBI APBD participant or a
                     mandiri participant moved to PBPU Pemda (1-12)
    arrears_months:  months of arrears a non-active mandiri participant owes (an assumption: the
                     store holds no arrears; capped by the dated arrears rule)
    write_off:       the scenario in which BPJS writes off the arrears of participants moved to
                     PBPU Pemda (announced late 2025, qualified January 2026): a scenario, not a rule
    split:           how non-active participants are split over segments without stored counts
    """

    months_funded: int = MAX_MONTHS_FUNDED
    arrears_months: int = 24
    write_off: bool = False
    split: str = "proportional"

    def __post_init__(self) -> None:
        if not 1 <= self.months_funded <= MAX_MONTHS_FUNDED:
            raise ValueError(f"months funded must be 1 to {MAX_MONTHS_FUNDED}, not {self.months_funded}")
        if self.arrears_months < 1:
            raise ValueError(f"months of arrears must be at least 1, not {self.arrears_months}")
        if self.split not in SPLITS:
            raise ValueError(f"the split must be one of {', '.join(SPLITS)}, not {self.split!r}")


@dataclass(frozen=True)
class Rates:
    """The dated parameters of one month: iuran (rupiah per person per month) and the arrears cap (months)."""

    pemda_iuran_idr: int | None
    pbpu_iuran_idr: int | None
    arrears_cap_months: int | None

    def arrears_months(self, scenario: Scenario) -> int | None:
        """The months of arrears counted: the scenario's, at most the cap in force (None without a rule)."""
        return None if self.arrears_cap_months is None else min(scenario.arrears_months, self.arrears_cap_months)


def _in_force(frame: pl.DataFrame, period: dt.date, column: str):
    """The value of ``column`` of the row of ``frame`` in force at ``period`` (latest valid_from <= period)."""
    dated = frame.filter(pl.col("valid_from").cast(pl.Date) <= period).sort("valid_from")
    return dated[column][-1] if dated.height else None


def rates(period: dt.date, iuran: pl.DataFrame, arrears_rules: pl.DataFrame) -> Rates:
    """The iuran and arrears cap in force in ``period`` (iuran.sql and arrears_rule.sql rows)."""
    return Rates(
        pemda_iuran_idr=_in_force(iuran.filter(pl.col("segment") == "pbi_apbd"), period, "idr_per_month"),
        pbpu_iuran_idr=_in_force(iuran.filter(pl.col("segment") == "pbpu"), period, "idr_per_month"),
        arrears_cap_months=_in_force(arrears_rules, period, "max_arrears_months"),
    )


def tiers_for(period: dt.date, tiers: pl.DataFrame) -> pl.DataFrame:
    """The UHC Awards tiers a city plans for in ``period``: the set in force, else the first set announced.

    Before the first dated set (the 2026 awards) a planner still aims at it; rows as uhc_award_tier.sql.
    """
    if tiers.height == 0:
        return tiers
    dates = tiers["valid_from"].cast(pl.Date)
    in_force = dates.filter(dates <= period)
    chosen = in_force.max() if in_force.len() else dates.min()
    return tiers.filter(pl.col("valid_from").cast(pl.Date) == chosen).sort("tier_rank", descending=True)


def criteria(min_activity_pct: float | None, tiers: pl.DataFrame) -> pl.DataFrame:
    """The keaktifan criteria to plan for: the UHC criterion in force, then each tier that asks more.

    A tier asking no more keaktifan than the UHC criterion (Pratama 80% in 2026) is the same target
    and is left out. Returns criterion, criterion_activity_pct, in rising order.
    """
    rows = [] if min_activity_pct is None else [("uhc", float(min_activity_pct))]
    floor = min_activity_pct if min_activity_pct is not None else 0.0
    for tier, pct in tiers.sort("min_activity_pct").select("tier", "min_activity_pct").iter_rows():
        if pct > floor and all(pct != shown for _, shown in rows):
            rows.append((tier, float(pct)))
    return pl.DataFrame(rows, schema={"criterion": pl.String, "criterion_activity_pct": pl.Float64}, orient="row")


def _segment_non_active(regions: pl.DataFrame, split: str) -> pl.DataFrame:
    """Non-active participants of PBI APBD, PBPU and BP per region, and where the counts come from."""
    registered = {s: pl.col(f"{s}_registered") for s in figures.SEGMENTS}
    active = {s: pl.col(f"{s}_active") for s in figures.SEGMENTS}
    non_active = pl.col("registered") - pl.col("active")
    stored_known = pl.all_horizontal(*(registered[s].is_not_null() & active[s].is_not_null() for s in REACTIVATED))
    segments_known = pl.all_horizontal(*(registered[s].is_not_null() for s in figures.SEGMENTS))

    def share(count: pl.Expr, part: pl.Expr, whole: pl.Expr) -> pl.Expr:
        """floor(count x part / whole), in integers; 0 when the whole is 0."""
        return pl.when(whole > 0).then((count.cast(pl.Int128) * part) // whole).otherwise(0).cast(pl.Int64)

    if split == "proportional":
        assumed = {s: share(non_active, registered[s], pl.col("registered")) for s in REACTIVATED}
    else:
        mandiri_registered = registered["pbpu"] + registered["bp"]
        mandiri = pl.min_horizontal(non_active, mandiri_registered)
        others = [s for s in figures.SEGMENTS if s not in MANDIRI]
        assumed = {
            "pbpu": share(mandiri, registered["pbpu"], mandiri_registered),
            "bp": share(mandiri, registered["bp"], mandiri_registered),
            "pbi_apbd": share(
                non_active - mandiri, registered["pbi_apbd"], pl.sum_horizontal(registered[s] for s in others)
            ),
        }
    return regions.with_columns(
        non_active_basis=pl.when(stored_known)
        .then(pl.lit("stored"))
        .when(segments_known)
        .then(pl.lit("assumed"))
        .otherwise(pl.lit("no_segments")),
        **{
            f"_{s}_non_active": pl.when(stored_known)
            .then(registered[s] - active[s])
            .when(segments_known)
            .then(assumed[s])
            .cast(pl.Int64)
            for s in REACTIVATED
        },
    )


def plan(
    gap_rows: pl.DataFrame,
    segment_rows: pl.DataFrame,
    criteria_rows: pl.DataFrame,
    month_rates: Rates,
    scenario: Scenario,
) -> pl.DataFrame:
    """One row per region of ``gap_rows`` and criterion of ``criteria_rows``: people and rupiah.

    ``gap_rows`` are the gap engine's rows of one month (kemendagri_code, name, period, registered,
    active);
    ``segment_rows`` the same regions' segments_by_region_month.sql rows. Columns are
    ``figures.reactivation_columns()``, ordered by region, then criterion.
    """
    segment_columns = [f"{s}_{kind}" for s in figures.SEGMENTS for kind in ("registered", "active")]
    regions = gap_rows.select("kemendagri_code", "name", "period", "registered", "active").join(
        segment_rows.select("kemendagri_code", *segment_columns), on="kemendagri_code", how="left"
    )
    regions = _segment_non_active(regions, scenario.split)
    frame = regions.join(criteria_rows, how="cross")
    frame = frame.with_columns(to_activate=metrics.people_short("criterion_activity_pct", "registered", "active"))
    remaining = pl.col("to_activate")
    taken: dict[str, pl.Expr] = {}
    for segment in REACTIVATED:  # cheapest for the APBD first
        available = pl.col(f"_{segment}_non_active")
        # min_horizontal skips nulls; an unknown count or criterion must stay unknown
        taken[segment] = pl.when(remaining.is_not_null() & available.is_not_null()).then(
            pl.min_horizontal(remaining, available)
        )
        remaining = remaining - taken[segment]
    frame = frame.with_columns(
        pbi_apbd_people=taken["pbi_apbd"],
        pbpu_people=taken["pbpu"],
        bp_people=taken["bp"],
        unreachable=remaining,
    )
    months = scenario.months_funded
    arrears_months = month_rates.arrears_months(scenario)

    def money(people: pl.Expr, idr_per_month: int | None, months_paid: int | None) -> pl.Expr:
        if idr_per_month is None or months_paid is None:
            return pl.lit(None, dtype=MONEY)
        return people.cast(MONEY) * idr_per_month * months_paid

    mandiri = pl.col("pbpu_people") + pl.col("bp_people")
    frame = frame.with_columns(
        pbi_apbd_cost_idr=money(pl.col("pbi_apbd_people"), month_rates.pemda_iuran_idr, months),
        arrears_cost_idr=money(mandiri, month_rates.pbpu_iuran_idr, arrears_months),
        move_cost_idr=money(mandiri, month_rates.pemda_iuran_idr, months),
        arrears_owed_idr=pl.lit(0, dtype=MONEY)
        if scenario.write_off
        else money(mandiri, month_rates.pbpu_iuran_idr, arrears_months),
    )
    frame = frame.with_columns(
        cheapest=pl.when(pl.col("to_activate").is_null() | mandiri.is_null())
        .then(None)
        .when(pl.col("to_activate") == 0)
        .then(pl.lit("none_needed"))
        .when(mandiri == 0)
        .then(pl.lit("iuran"))
        .when(pl.col("arrears_cost_idr") < pl.col("move_cost_idr"))
        .then(pl.lit("arrears"))
        .when(pl.col("move_cost_idr").is_not_null())
        .then(pl.lit("move")),
    )
    frame = frame.with_columns(
        cheapest_cost_idr=pl.col("pbi_apbd_cost_idr")
        + pl.when(pl.col("cheapest") == "arrears").then(pl.col("arrears_cost_idr")).otherwise(pl.col("move_cost_idr")),
    )
    order = {criterion: rank for rank, criterion in enumerate(CRITERIA)}
    frame = frame.sort(
        "kemendagri_code", pl.col("criterion").replace_strict(order, return_dtype=pl.Int32), maintain_order=True
    )
    return frame.select(pl.col(f.name).cast(f.dtype) for f in figures.REACTIVATION_FIGURES)


def city_total(rows: pl.DataFrame, code: str, name: str) -> pl.DataFrame:
    """The sum of ``plan`` rows per criterion as one row each, named ``name`` (the city's total).

    Each region takes its own cheapest route, so the city's cheapest cost is the sum of theirs;
    its cheapest route is the one most of the mandiri money goes by ("iuran" when only PBI APBD
    participants are taken, "none_needed" when nobody is to be made active).
    """
    people = ["registered", "active", "to_activate", "pbi_apbd_people", "pbpu_people", "bp_people", "unreachable"]
    money = ["pbi_apbd_cost_idr", "arrears_cost_idr", "move_cost_idr", "arrears_owed_idr", "cheapest_cost_idr"]
    by_route = (
        rows.group_by("criterion", "cheapest")
        .agg(spent=(pl.col("cheapest_cost_idr") - pl.col("pbi_apbd_cost_idr")).sum())
        .filter(pl.col("cheapest").is_in(["arrears", "move"]))
        .sort("spent", "cheapest", descending=True)
        .unique("criterion", keep="first")
        .select("criterion", main_route="cheapest")
    )
    basis = rows.group_by("criterion").agg(
        non_active_basis=pl.when(pl.col("non_active_basis").n_unique() == 1)
        .then(pl.col("non_active_basis").first())
        .otherwise(pl.lit("assumed"))
    )
    totals = (
        rows.group_by("criterion", maintain_order=True)
        .agg(
            pl.col("period").first(),
            pl.col("criterion_activity_pct").first(),
            *(pl.col(c).sum() for c in people),
            *(pl.when(pl.col(c).null_count() == 0).then(pl.col(c).sum()).alias(c) for c in money),
        )
        .join(by_route, on="criterion", how="left")
        .join(basis, on="criterion", how="left")
        .with_columns(
            kemendagri_code=pl.lit(code),
            name=pl.lit(name),
            cheapest=pl.when(pl.col("main_route").is_not_null())
            .then(pl.col("main_route"))
            .when(pl.col("to_activate") == 0)
            .then(pl.lit("none_needed"))
            .otherwise(pl.lit("iuran")),
        )
    )
    return totals.select(pl.col(f.name).cast(f.dtype) for f in figures.REACTIVATION_FIGURES)


def rows_of(regions: pl.DataFrame, city: pl.DataFrame, criterion: str) -> pl.DataFrame:
    """The regions' ``plan`` rows of one criterion, then the city's ``city_total`` row of it."""
    return pl.concat([regions.filter(pl.col("criterion") == criterion), city.filter(pl.col("criterion") == criterion)])


# In words: the tables and sentences the page and the CLI show ---------------------------------


def headings(language: str) -> list[str]:
    """Headings of the shown table's columns that hold numbers (right-aligned)."""
    return [formats.heading(f, language) for f in figures.reactivation_page_figures() if f.holds_number]


def table(rows: pl.DataFrame, language: str) -> pl.DataFrame:
    """``plan`` or ``city_total`` rows as labelled columns of formatted text (1.920, Rp967,7 juta)."""
    return pl.DataFrame(
        {
            formats.heading(f, language): [formats.value_text(f, value, language) for value in rows[f.name]]
            for f in figures.reactivation_page_figures()
        }
    )


def criterion_text(criterion: str, activity_pct: float, language: str) -> str:
    """ "UHC (keaktifan ≥ 80%)", "UHC Awards Madya (keaktifan ≥ 85%)"."""
    name = formats.value_text(figures.figure_of(figures.REACTIVATION_FIGURES, "criterion"), criterion, language)
    return i18n.text("react_criterion", language, criterion=name, activity=i18n.percent(activity_pct, language, 0))


def city_sentence(total: dict, city_active_needed: int | None, language: str) -> str:
    """What one criterion takes for the city: people, the cheapest cost by region, who is out of reach."""
    sentence = i18n.plural(
        "react_city",
        total["to_activate"],
        language,
        criterion=criterion_text(total["criterion"], total["criterion_activity_pct"], language),
        count=i18n.number(total["to_activate"], language),
        cost=i18n.rupiah_compact(total["cheapest_cost_idr"], language),
    )
    if city_active_needed == 0 and total["to_activate"]:
        sentence += " " + i18n.text("react_city_whole_met", language)
    elif city_active_needed is not None and city_active_needed != total["to_activate"]:
        sentence += " " + i18n.plural(
            "react_city_whole", city_active_needed, language, count=i18n.number(city_active_needed, language)
        )
    if total["unreachable"]:
        sentence += " " + i18n.plural(
            "react_unreachable", total["unreachable"], language, count=i18n.number(total["unreachable"], language)
        )
    return sentence


def notes(rows: pl.DataFrame, month_rates: Rates, scenario: Scenario, language: str) -> list[str]:
    """The assumptions and the scenario behind the figures, in words (shown under the table)."""
    said = []
    bases = set(rows["non_active_basis"].to_list())
    if "no_segments" in bases:
        said.append(i18n.text("react_note_no_segments", language))
    if "assumed" in bases:
        key = {
            "proportional": i18n.N_("react_note_split_proportional"),
            "mandiri_first": i18n.N_("react_note_split_mandiri_first"),
        }
        said.append(i18n.text(key[scenario.split], language))
    months = month_rates.arrears_months(scenario)
    if months is None:
        said.append(i18n.text("react_note_no_arrears_rule", language))
    else:
        said.append(
            i18n.text(
                "react_note_arrears",
                language,
                months=scenario.arrears_months,
                counted=months,
                cap=month_rates.arrears_cap_months,
                iuran=i18n.rupiah(month_rates.pbpu_iuran_idr, language),
            )
        )
    said.append(
        i18n.text(
            "react_note_routes",
            language,
            months=scenario.months_funded,
            iuran=i18n.rupiah(month_rates.pemda_iuran_idr, language),
        )
    )
    said.append(i18n.text("react_note_write_off_on" if scenario.write_off else "react_note_write_off_off", language))
    return said
