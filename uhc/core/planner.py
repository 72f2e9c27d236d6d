"""The gap and budget planner: what closing the gap takes under a scenario the planner sets.

Pure Polars over rows of the gap engine (``gap.gap_for_period``, see ``metrics.gap_columns``):
people needed and their cost for the months funded, what a budget in rupiah buys, the cost of
reactivating non-active participants, the use of the PBI APBD quota, and the worklist as it is
shown and downloaded (CSV and XLSX, with formula injection neutralised). Nothing here is
stored: a scenario changes the figures on the page only.

Rounding follows metrics.py: people needed are whole persons rounded up (the engine does it);
the people a budget pays for are rounded down, since a budget cannot fund part of a person.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

import polars as pl

from uhc import figures, i18n
from uhc.core import formats, metrics

# BPJS Kesehatan reactivates a non-active participant once the arrears are paid, counting at
# most 24 months of them (Perpres 64/2020, amending Perpres 82/2018).
ARREARS_CAP_MONTHS = 24
# A scenario funds at most one budget year.
MAX_MONTHS_FUNDED = 12
# The largest iuran (rupiah per person per month) and budget (rupiah) a scenario takes: the largest
# whole number the page's number boxes hold exactly (2^53 - 1, about Rp9 kuadriliun). Costs are
# worked out in Python ints and Int128 columns, so no product of people and rupiah can wrap.
MAX_IURAN_IDR_PER_MONTH = metrics.MAX_IURAN_IDR_PER_MONTH
MAX_BUDGET_IDR = 2**53 - 1
BUDGET_STATUSES = ("closed", "partial", "not_reached", "none_needed", "no_data")
# A spreadsheet reads a text cell starting with =, +, -, @, a tab or a carriage return as a
# formula (CSV injection); OWASP's advice is a leading apostrophe, so the cell stays text.
FORMULA_START = r"^[=+\-@\t\r]"

# The targets offered on the page: the national 98%, the 99% reported for 2029, or one typed in.
TARGET_CHOICES = (98.0, 99.0, "other")
LEVELS = ("kecamatan", "kelurahan")
LEVEL_KEYS = {"kecamatan": i18n.N_("plan_level_kecamatan"), "kelurahan": i18n.N_("plan_level_kelurahan")}


def worklist_columns() -> list[str]:
    """The columns of ``worklist``: the registry's figures of the worklist (uhc.figures), in order."""
    return [figure.name for figure in figures.worklist_figures()]


@dataclass(frozen=True)
class Scenario:
    """What the planner sets on the page.

    target_pct:          coverage target in percent (0-100); None keeps the dated target
    iuran_idr_per_month: rupiah per person per month used for every cost
    months_funded:       months of iuran the enrolment cost covers (1-12)
    budget_idr:          a budget in rupiah to spend on enrolment (0: none)
    arrears_months:      months of arrears paid per non-active participant (1-24)
    """

    iuran_idr_per_month: int
    target_pct: float | None = None
    months_funded: int = MAX_MONTHS_FUNDED
    budget_idr: int = 0
    arrears_months: int = ARREARS_CAP_MONTHS

    def __post_init__(self) -> None:
        if self.target_pct is not None and not 0 < self.target_pct <= 100:
            raise ValueError(f"the target must be above 0 and at most 100 percent, not {self.target_pct}")
        if self.iuran_idr_per_month <= 0:
            raise ValueError(f"the iuran must be a positive number of rupiah, not {self.iuran_idr_per_month}")
        if self.iuran_idr_per_month > MAX_IURAN_IDR_PER_MONTH:
            raise ValueError(
                f"the iuran can be at most Rp{MAX_IURAN_IDR_PER_MONTH} per month, not {self.iuran_idr_per_month}"
            )
        if not 1 <= self.months_funded <= MAX_MONTHS_FUNDED:
            raise ValueError(f"months funded must be 1 to {MAX_MONTHS_FUNDED}, not {self.months_funded}")
        if self.budget_idr < 0:
            raise ValueError(f"the budget cannot be negative ({self.budget_idr})")
        if self.budget_idr > MAX_BUDGET_IDR:
            raise ValueError(f"the budget can be at most Rp{MAX_BUDGET_IDR}, not {self.budget_idr}")
        if not 1 <= self.arrears_months <= ARREARS_CAP_MONTHS:
            raise ValueError(
                f"arrears count for 1 to {ARREARS_CAP_MONTHS} months (the BPJS cap), not {self.arrears_months}"
            )

    @property
    def cost_per_person_idr(self) -> int:
        """Rupiah to fund one person for the months funded."""
        return int(self.iuran_idr_per_month) * int(self.months_funded)

    @property
    def people_funded(self) -> int:
        """Whole persons the budget pays for over the months funded (rounded down)."""
        return int(self.budget_idr) // self.cost_per_person_idr


def default_target_choice(dated_target_pct: float | None) -> float | str:
    """The choice the page opens at: the dated target when it is one offered, else "other"."""
    if dated_target_pct is None:
        return TARGET_CHOICES[0]
    return dated_target_pct if dated_target_pct in TARGET_CHOICES else "other"


def chosen_target(choice: float | str, other_pct: float | None) -> float | None:
    """The target percent of the page's choice; "other" takes the typed value."""
    return other_pct if choice == "other" else float(choice)


def worklist(gap_rows: pl.DataFrame, scenario: Scenario) -> pl.DataFrame:
    """Regions ranked by people needed (most first) with what closing each gap takes.

    ``gap_rows`` are the engine's rows at the scenario's target. Adds enrolment_cost_idr
    (people needed x iuran x months funded), non_active (registered - active),
    reactivation_cost_idr (non-active x iuran x arrears months), and how far the budget goes
    down the ranked list: budget_people (people of the region it pays for) and budget_status
    (closed, partial, not_reached, none_needed, no_data). Columns: ``worklist_columns()``.
    """
    ranked = gap_rows.sort(["people_needed", "coverage_pct"], descending=[True, False], nulls_last=True)
    needed = pl.col("people_needed")
    # People of the ranked regions above this one: the budget reaches a region once those are paid for.
    # Sums of people and every cost are Int128 (metrics.IDR): Int64 would wrap silently past 2^63.
    before = needed.cast(pl.Int128).cum_sum() - needed
    funded = pl.min_horizontal(pl.max_horizontal(pl.lit(scenario.people_funded, pl.Int128) - before, 0), needed)
    frame = ranked.with_columns(
        enrolment_cost_idr=needed.cast(metrics.IDR) * pl.lit(scenario.cost_per_person_idr, metrics.IDR),
        non_active=pl.col("registered") - pl.col("active"),
        budget_people=pl.when(needed.is_not_null()).then(funded).cast(pl.Int64),
    )
    frame = frame.with_columns(
        reactivation_cost_idr=pl.col("non_active").cast(metrics.IDR)
        * pl.lit(scenario.iuran_idr_per_month * scenario.arrears_months, metrics.IDR),
        budget_status=pl.when(needed.is_null())
        .then(pl.lit("no_data"))
        .when(needed == 0)
        .then(pl.lit("none_needed"))
        .when(pl.col("budget_people") == needed)
        .then(pl.lit("closed"))
        .when(pl.col("budget_people") > 0)
        .then(pl.lit("partial"))
        .otherwise(pl.lit("not_reached")),
    )
    return frame.select(worklist_columns())


@dataclass(frozen=True)
class CityPlan:
    """The city's figures under a scenario; None where the engine has none (no population)."""

    people_needed: int | None
    enrolment_cost_idr: int | None
    people_funded: int
    # Budget left after the city's whole need is paid for; None when the budget falls short.
    budget_left_idr: int | None
    # People of the city's need the budget leaves unpaid, and what they would cost.
    people_short: int | None
    cost_short_idr: int | None
    regions_closed: int
    regions_short: int
    non_active: int | None
    reactivation_cost_idr: int | None


def city_plan(city_row: dict, regions: pl.DataFrame, scenario: Scenario) -> CityPlan:
    """The city's plan from its own gap row (at the scenario's target) and the regions' worklist.

    The city's need comes from city totals, so it can be smaller than the regions' needs added
    up: regions above 100% coverage make up for others.
    """
    needed = city_row["people_needed"]
    funded = scenario.people_funded
    non_active = None if city_row["active"] is None else city_row["registered"] - city_row["active"]
    short = None if needed is None else max(needed - funded, 0)
    return CityPlan(
        people_needed=needed,
        enrolment_cost_idr=None if needed is None else needed * scenario.cost_per_person_idr,
        people_funded=funded,
        budget_left_idr=(
            None if needed is None or funded < needed else scenario.budget_idr - needed * scenario.cost_per_person_idr
        ),
        people_short=short,
        cost_short_idr=None if short is None else short * scenario.cost_per_person_idr,
        regions_closed=regions.filter(pl.col("budget_status") == "closed").height,
        regions_short=regions.filter(pl.col("people_needed") > 0).height,
        non_active=non_active,
        reactivation_cost_idr=(
            None if non_active is None else non_active * scenario.iuran_idr_per_month * scenario.arrears_months
        ),
    )


@dataclass(frozen=True)
class QuotaUse:
    """The PBI APBD quota of a city and year against the participants registered in it.

    remaining is quota - registered (negative when registrations exceed the quota);
    need_within_quota is the part of the people needed the remaining quota can take.
    """

    registered: int | None
    quota: int | None
    remaining: int | None
    used_pct: float | None
    need_within_quota: int | None
    need_beyond_quota: int | None


def stored_quota(quota_rows: pl.DataFrame) -> tuple[int | None, str | None]:
    """The PBI APBD quota (people) and its source from rows of queries/pbi_quota.sql; None, None if none."""
    rows = quota_rows.filter(pl.col("segment") == figures.pemda_segment().code)
    if rows.height == 0:
        return None, None
    return rows["quota"][0], rows["source"][0]


def pbi_apbd_registered(city_segments: pl.DataFrame) -> int | None:
    """PBI APBD participants registered in the city's one row of segments_by_region_month."""
    if city_segments.height == 0:
        return None
    return city_segments[f"{figures.pemda_segment().code}_registered"][0]


def quota_use(registered: int | None, quota: int | None, people_needed: int | None) -> QuotaUse:
    """Registered vs quota vs remaining, and how much of the city's need fits in what remains."""
    if registered is None or quota is None:
        return QuotaUse(registered, quota, None, None, None, None)
    remaining = quota - registered
    room = max(remaining, 0)
    return QuotaUse(
        registered=registered,
        quota=quota,
        remaining=remaining,
        used_pct=registered * 100.0 / quota if quota > 0 else None,
        need_within_quota=None if people_needed is None else min(people_needed, room),
        need_beyond_quota=None if people_needed is None else max(people_needed - room, 0),
    )


# The quota month by month --------------------------------------------------------------------

MONTHS_IN_YEAR = 12
# The pace of new PBI APBD registrations is measured over at most this many months before the latest.
QUOTA_PACE_MONTHS = 12


def months_paid(start_month: int) -> int:
    """Months of iuran a place taken in month ``start_month`` (1-12) costs up to December: March -> 10."""
    return MONTHS_IN_YEAR + 1 - start_month


def places_cost_idr(places: int, start_month: int, iuran_idr_per_month: int) -> int:
    """What ``places`` more PBI APBD places from ``start_month`` to December cost (rupiah).

    Serang: 10.000 places from March x Rp42.000 x 10 months = Rp4.200.000.000.
    """
    return places * iuran_idr_per_month * months_paid(start_month)


@dataclass(frozen=True)
class QuotaPlan:
    """A year's PBI APBD quota month by month at the current pace of new registrations.

    ``months``: one row per month of the year: period, registered (stored, or projected after the
    latest month), projected (bool), headroom (quota - registered; negative beyond the quota),
    beyond_new (people first registered beyond the quota that month), apbd_p_idr (what they cost
    from that month to December). ``runs_out``: the first month whose registered reach the quota
    (None: not this year at this pace). ``apbd_p_idr``: the sum, the APBD-P amount that keeps new
    enrolment open to December. ``pace_per_month``: None without two months to measure it from.
    """

    year: int
    quota: int
    latest: dt.date
    registered: int
    pace_per_month: float | None
    iuran_idr_per_month: int
    months: pl.DataFrame
    runs_out: dt.date | None
    apbd_p_idr: int
    beyond_by_december: int


def quota_pace(registered_by_month: dict[dt.date, int], latest: dt.date) -> float | None:
    """New PBI APBD registrations per month: the change from the earliest month with a figure in the
    ``QUOTA_PACE_MONTHS`` before ``latest`` to ``latest``, divided by the months between."""
    index = latest.year * 12 + latest.month
    earlier = [m for m in registered_by_month if 0 < index - (m.year * 12 + m.month) <= QUOTA_PACE_MONTHS]
    if not earlier:
        return None
    first = min(earlier)
    months = index - (first.year * 12 + first.month)
    return (registered_by_month[latest] - registered_by_month[first]) / months


def quota_plan(
    quota: int,
    year: int,
    registered_by_month: dict[dt.date, int],
    iuran_idr_per_month: int,
    pace_per_month: float | None = None,
) -> QuotaPlan | None:
    """The year's quota month by month; None when no month up to December of ``year`` has a PBI APBD figure.

    ``registered_by_month``: PBI APBD participants registered per month (first day). The latest month
    of the year with a figure (or, before the year's first, the latest before it) is where the
    projection starts; ``pace_per_month`` overrides the pace measured (:func:`quota_pace`).
    Months after the latest are projected as latest + pace x months, rounded to whole people.
    People already beyond the quota in the latest month cost the months after it.
    """
    known = {m: n for m, n in registered_by_month.items() if m.year <= year and n is not None}
    if not known:
        return None
    latest = max(known)
    pace = quota_pace(known, latest) if pace_per_month is None else pace_per_month
    rows = []
    beyond_before = 0
    for month_number in range(1, MONTHS_IN_YEAR + 1):
        period = dt.date(year, month_number, 1)
        ahead = (period.year - latest.year) * 12 + period.month - latest.month
        if ahead <= 0:
            registered = known.get(period)
            projected = False
        else:
            registered = None if pace is None else known[latest] + round(pace * ahead)
            projected = True
        beyond = None if registered is None else max(registered - quota, 0)
        beyond_new = 0
        if beyond is not None and ahead > 0:
            beyond_new = beyond - beyond_before
        elif beyond is not None and ahead == 0:
            beyond_new = beyond  # already beyond the quota: each of them costs the months after this one
        cost_months = months_paid(month_number) - (1 if ahead == 0 else 0)
        rows.append(
            {
                "period": period,
                "registered": registered,
                "projected": projected,
                "headroom": None if registered is None else quota - registered,
                "beyond_new": max(beyond_new, 0) if ahead >= 0 else 0,
                "apbd_p_idr": max(beyond_new, 0) * iuran_idr_per_month * cost_months if ahead >= 0 else 0,
            }
        )
        if beyond is not None:
            beyond_before = beyond
    months = pl.DataFrame(
        rows,
        schema={
            "period": pl.Date,
            "registered": pl.Int64,
            "projected": pl.Boolean,
            "headroom": pl.Int64,
            "beyond_new": pl.Int64,
            "apbd_p_idr": pl.Int64,
        },
    )
    reached = months.filter(pl.col("registered") >= quota)
    december = months["registered"][-1]
    return QuotaPlan(
        year=year,
        quota=quota,
        latest=latest,
        registered=known[latest],
        pace_per_month=pace,
        iuran_idr_per_month=iuran_idr_per_month,
        months=months,
        runs_out=reached["period"][0] if reached.height else None,
        apbd_p_idr=int(months["apbd_p_idr"].sum()),
        beyond_by_december=0 if december is None else max(december - quota, 0),
    )


def quota_plan_sentences(plan: QuotaPlan, language: str) -> list[str]:
    """The plan in words: headroom, pace, the month the quota runs out, the APBD-P amount."""
    said = [
        i18n.text(
            "quota_plan_headroom",
            language,
            month=i18n.month(plan.latest, language),
            registered=i18n.number(plan.registered, language),
            quota=i18n.number(plan.quota, language),
            headroom=i18n.number(plan.quota - plan.registered, language),
        )
    ]
    if plan.pace_per_month is None:
        said.append(i18n.text("quota_plan_no_pace", language))
        return said
    said.append(i18n.text("quota_plan_pace", language, pace=i18n.signed_number(plan.pace_per_month, language)))
    if plan.runs_out is None:
        said.append(i18n.text("quota_plan_lasts", language, year=plan.year))
    else:
        said.append(
            i18n.text(
                "quota_plan_runs_out",
                language,
                month=i18n.month(plan.runs_out, language),
                beyond=i18n.number(plan.beyond_by_december, language),
                amount=i18n.rupiah(plan.apbd_p_idr, language),
                compact=i18n.rupiah_compact(plan.apbd_p_idr, language),
            )
        )
    return said


def places_sentence(places: int, start_month: int, iuran_idr_per_month: int, year: int, language: str) -> str:
    """'10.000 tempat tambahan mulai Maret 2025: 10.000 x Rp42.000 x 10 bulan = Rp4.200.000.000 (Rp4,2 miliar).'"""
    cost = places_cost_idr(places, start_month, iuran_idr_per_month)
    return i18n.text(
        "quota_plan_places",
        language,
        places=i18n.number(places, language),
        month=i18n.month(dt.date(year, start_month, 1), language),
        iuran=i18n.rupiah(iuran_idr_per_month, language),
        months=months_paid(start_month),
        amount=i18n.rupiah(cost, language),
        compact=i18n.rupiah_compact(cost, language),
    )


def quota_month_table(plan: QuotaPlan, language: str) -> pl.DataFrame:
    """The plan's months as text cells for a table, in ``language``."""
    headings = {key: i18n.text(key, language) for key in _QUOTA_COLUMNS}
    return pl.DataFrame(
        {
            headings["quota_col_month"]: [i18n.month(p, language) for p in plan.months["period"]],
            headings["quota_col_registered"]: [
                i18n.number(n, language) + (" *" if projected and n is not None else "")
                for n, projected in zip(plan.months["registered"], plan.months["projected"], strict=True)
            ],
            headings["quota_col_headroom"]: [i18n.number(n, language) for n in plan.months["headroom"]],
            headings["quota_col_beyond"]: [i18n.number(n, language) for n in plan.months["beyond_new"]],
            headings["quota_col_apbd_p"]: [i18n.rupiah(n, language) for n in plan.months["apbd_p_idr"]],
        }
    )


# The columns of quota_month_table that hold figures (right-aligned), as message keys.
QUOTA_FIGURE_COLUMNS = [
    i18n.N_("quota_col_registered"),
    i18n.N_("quota_col_headroom"),
    i18n.N_("quota_col_beyond"),
    i18n.N_("quota_col_apbd_p"),
]
_QUOTA_COLUMNS = [
    i18n.N_("quota_col_month"),
    i18n.N_("quota_col_registered"),
    i18n.N_("quota_col_headroom"),
    i18n.N_("quota_col_beyond"),
    i18n.N_("quota_col_apbd_p"),
]


# What the page says ---------------------------------------------------------------------------


def need_sentence(city_row: dict, plan: CityPlan, scenario: Scenario, city_name: str, language: str) -> str:
    """People the city needs at the scenario's target and their cost for the months funded."""
    target = i18n.percent(city_row["target_pct"], language, digits=_target_digits(city_row["target_pct"]))
    if city_row.get("target_basis") == "none_in_force":  # the dated target, in a month before every one
        return i18n.text("no_target_in_force", language, month=i18n.month(city_row["period"], language))
    if plan.people_needed is None:
        return i18n.text("plan_need_no_data", language)
    if plan.people_needed == 0:
        return i18n.text("plan_need_none", language, city=city_name, target=target)
    return i18n.plural(
        "plan_need_sentence",
        scenario.months_funded,
        language,
        target=target,
        people=i18n.number(plan.people_needed, language),
        city=city_name,
        iuran=i18n.rupiah(scenario.iuran_idr_per_month, language),
        cost=i18n.rupiah_compact(plan.enrolment_cost_idr, language),
        months=scenario.months_funded,
    )


def target_note(dated_row: dict, scenario: Scenario, language: str) -> str | None:
    """When the month had no target in force (``dated_row`` at the dated target): so, and the target used instead."""
    if dated_row.get("target_basis") != "none_in_force" or scenario.target_pct is None:
        return None
    return i18n.text(
        "plan_no_target_dated",
        language,
        month=i18n.month(dated_row["period"], language),
        target=i18n.percent(scenario.target_pct, language, digits=_target_digits(scenario.target_pct)),
    )


def budget_sentences(plan: CityPlan, scenario: Scenario, level: str, language: str) -> list[str]:
    """What the budget buys: people for the months funded, the city's need, regions closed fully."""
    if scenario.budget_idr == 0:
        return [i18n.text("plan_budget_zero", language)]
    said = [
        i18n.plural(
            "plan_budget_sentence",
            scenario.months_funded,
            language,
            budget=i18n.rupiah_compact(scenario.budget_idr, language),
            people=i18n.number(plan.people_funded, language),
            months=scenario.months_funded,
        )
    ]
    if plan.people_needed is None:
        return said
    if plan.budget_left_idr is not None:
        said.append(
            i18n.plural(
                "plan_budget_city_closed",
                plan.people_needed,
                language,
                people=i18n.number(plan.people_needed, language),
                left=i18n.rupiah_compact(plan.budget_left_idr, language),
            )
        )
    else:
        said.append(
            i18n.plural(
                "plan_budget_city_short",
                plan.people_short,
                language,
                people=i18n.number(plan.people_short, language),
                cost=i18n.rupiah_compact(plan.cost_short_idr, language),
            )
        )
    if plan.regions_short:
        said.append(
            i18n.text(
                "plan_budget_regions",
                language,
                closed=i18n.number(plan.regions_closed, language),
                short=i18n.number(plan.regions_short, language),
                level=i18n.text(LEVEL_KEYS[level], language).lower(),
            )
        )
    return said


def reactivation_sentence(plan: CityPlan, scenario: Scenario, city_name: str, language: str) -> str:
    """Non-active participants of the city and the cost of paying their arrears."""
    if plan.non_active is None:
        return i18n.text("plan_reactivation_no_data", language)
    return i18n.plural(
        "plan_reactivation_sentence",
        scenario.arrears_months,
        language,
        non_active=i18n.number(plan.non_active, language),
        city=city_name,
        months=scenario.arrears_months,
        iuran=i18n.rupiah(scenario.iuran_idr_per_month, language),
        cost=i18n.rupiah_compact(plan.reactivation_cost_idr, language),
    )


def quota_sentences(use: QuotaUse, language: str) -> list[str]:
    """Quota filled or exceeded, and whether the city's need fits in what remains."""
    if use.remaining is None:
        return []
    registered = i18n.number(use.registered, language)
    quota = i18n.number(use.quota, language)
    if use.remaining >= 0:
        said = [
            i18n.text(
                "plan_quota_sentence",
                language,
                registered=registered,
                quota=quota,
                used=i18n.percent(use.used_pct, language),
                remaining=i18n.number(use.remaining, language),
            )
        ]
    else:
        said = [
            i18n.text(
                "plan_quota_over",
                language,
                registered=registered,
                quota=quota,
                over=i18n.number(-use.remaining, language),
            )
        ]
    if use.need_beyond_quota:
        said.append(
            i18n.plural(
                "plan_quota_need_exceeds",
                (use.need_within_quota or 0) + use.need_beyond_quota,
                language,
                people=i18n.number((use.need_within_quota or 0) + use.need_beyond_quota, language),
                over=i18n.number(use.need_beyond_quota, language),
            )
        )
    elif use.need_within_quota:
        said.append(
            i18n.plural(
                "plan_quota_need_fits",
                use.need_within_quota,
                language,
                people=i18n.number(use.need_within_quota, language),
            )
        )
    return said


def _target_digits(target_pct: float | None) -> int:
    """0 decimals for a whole target (98%), else as many as the planner typed, up to 2 (98,5%)."""
    if target_pct is None or float(target_pct).is_integer():
        return 0
    return 1 if float(target_pct * 10).is_integer() else 2


# The worklist as shown and as downloaded ------------------------------------------------------


def _header(figure: figures.Figure, scenario: Scenario, language: str, in_file: bool = False) -> str:
    heading = formats.file_heading if in_file else formats.heading
    return heading(figure, language, months=scenario.months_funded, arrears_months=scenario.arrears_months)


def worklist_figure_headers(scenario: Scenario, language: str) -> list[str]:
    """Headers of the shown worklist's figure columns (right-aligned on the page)."""
    return [_header(f, scenario, language) for f in figures.worklist_page_figures() if f.holds_number]


def worklist_table(regions: pl.DataFrame, scenario: Scenario, language: str) -> pl.DataFrame:
    """The worklist as shown: labelled columns of formatted text (687.031, 87,86%, Rp35,1 miliar).

    The columns are the registry's figures shown in the worklist (uhc.figures), the name first:
    the code, the active count and the target (the same on every row, and in the sentence above
    the table) are left to the file so the table fits the page.
    """
    return pl.DataFrame(
        {
            _header(figure, scenario, language): [
                formats.value_text(figure, value, language) for value in regions[figure.name]
            ]
            for figure in figures.worklist_page_figures()
        }
    )


def worklist_file(regions: pl.DataFrame, scenario: Scenario, language: str) -> pl.DataFrame:
    """The worklist for download: bare numbers, headers in ``language`` with units, text as it is.

    The columns are the registry's figures of the worklist, the name first: the region, its
    figures, enrolment and what the budget does for it, then reactivation. Percentages keep four
    decimals; a status is written in words. :func:`csv_bytes` makes text formula-safe;
    :func:`xlsx_bytes` needs not (its text cells are string cells, which a spreadsheet never
    evaluates).
    """
    chosen = figures.worklist_file_figures()
    frame = regions.select(_file_column(regions, figure, language) for figure in chosen)
    return frame.rename({f.name: _header(f, scenario, language, in_file=True) for f in chosen})


def _file_column(regions: pl.DataFrame, figure: figures.Figure, language: str) -> pl.Expr | pl.Series:
    """A column of the downloaded worklist: percentages to four decimals, a status in words, others as they are."""
    if figure.unit == figures.PERCENT:
        return pl.col(figure.name).round(4)
    if figure.formatter == "message":
        words = [formats.value_text(figure, value, language) for value in regions[figure.name]]
        return pl.Series(figure.name, words, dtype=pl.String)
    return pl.col(figure.name)


def formula_safe(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with a leading ' on every text cell a spreadsheet would read as a formula; numbers untouched."""
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(FORMULA_START))
        .then(pl.lit("'") + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name, dtype in frame.schema.items()
        if dtype == pl.String
    )


def worklist_file_name(city_code: str, period: dt.date, level: str, language: str, extension: str) -> str:
    """daftar_kerja_61.71_2025-06_kecamatan.csv (id), worklist_61.71_2025-06_kecamatan.xlsx (en)."""
    return f"{i18n.text('plan_file_stem', language)}_{city_code}_{period:%Y-%m}_{level}.{extension}"


def csv_bytes(frame: pl.DataFrame, language: str) -> bytes:
    """CSV as a spreadsheet in ``language`` opens it: id ';' and decimal comma, en ',' and point; UTF-8 with BOM.

    Text a spreadsheet would read as a formula gets a leading apostrophe (:func:`formula_safe`).
    """
    indonesian = language == "id"
    text = formula_safe(frame).write_csv(
        separator=";" if indonesian else ",", decimal_comma=indonesian, include_bom=True
    )
    return text.encode("utf-8")


def xlsx_bytes(frame: pl.DataFrame, worksheet: str) -> bytes:
    """An XLSX workbook of one sheet holding ``frame``: numbers as numbers, text as text.

    Every text cell is written as a string cell, never as a formula, so a name like ``=cmd|...``
    shows as typed, without the apostrophe the CSV needs.
    """
    buffer = io.BytesIO()
    frame.write_excel(buffer, worksheet=worksheet, autofit=True, float_precision=4)
    return buffer.getvalue()


# The KK-based programme: a city enrols whole families (KK) as PBPU Pemda participants and may pay
# each family cash aid besides (Pontianak's 2.965 APBD families; a Rp600.000 aid per family is an
# example a planner types, not a rule). At most this many persons are counted per family.
MAX_PERSONS_PER_FAMILY = 20
MAX_FAMILIES = 10_000_000


@dataclass(frozen=True)
class KkProgramme:
    """What the planner types for a programme by KK.

    families:                families (KK) enrolled
    persons_per_family:      persons enrolled per family on average (3,4: up to two decimals)
    cash_aid_idr_per_family: rupiah paid to each family once in the programme's year (0: none)
    """

    families: int
    persons_per_family: Decimal
    cash_aid_idr_per_family: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.families <= MAX_FAMILIES:
            raise ValueError(f"families must be 0 to {MAX_FAMILIES}, not {self.families}")
        if not 0 < self.persons_per_family <= MAX_PERSONS_PER_FAMILY:
            raise ValueError(f"persons per family must be above 0 and at most {MAX_PERSONS_PER_FAMILY}")
        if self.persons_per_family != self.persons_per_family.quantize(Decimal("0.01")):
            raise ValueError("persons per family take at most two decimals")
        if not 0 <= self.cash_aid_idr_per_family <= MAX_BUDGET_IDR:
            raise ValueError(f"the cash aid must be 0 to Rp{MAX_BUDGET_IDR}, not {self.cash_aid_idr_per_family}")

    @classmethod
    def typed(cls, families: int, persons_per_family: float, cash_aid_idr_per_family: int) -> KkProgramme:
        """The programme as the page's number boxes give it (persons per family as a float of two decimals)."""
        return cls(int(families), Decimal(str(round(persons_per_family, 2))), int(cash_aid_idr_per_family))


@dataclass(frozen=True)
class KkPlan:
    """A KK programme priced: persons enrolled, iuran for the months funded, the cash aid, the total,
    and the share of the people needed at the target it enrols (None when none are needed or unknown)."""

    families: int
    persons: int
    iuran_cost_idr: int
    cash_aid_idr: int
    total_idr: int
    share_of_need_pct: float | None


def kk_plan(programme: KkProgramme, scenario: Scenario, people_needed: int | None) -> KkPlan:
    """``programme`` priced at the scenario's iuran and months funded.

    Persons = families x persons per family, rounded up (a family is enrolled whole): 2.965 x 3,4 =
    10.081. Iuran = persons x iuran x months; cash aid = families x aid; exact integers throughout.
    """
    exact = Decimal(programme.families) * programme.persons_per_family
    persons = int(exact.to_integral_value(rounding=ROUND_CEILING))
    iuran_cost = persons * scenario.iuran_idr_per_month * scenario.months_funded
    cash_aid = programme.families * programme.cash_aid_idr_per_family
    share = None if not people_needed else persons / people_needed * 100
    return KkPlan(programme.families, persons, iuran_cost, cash_aid, iuran_cost + cash_aid, share)


def kk_sentences(plan: KkPlan, scenario: Scenario, language: str) -> list[str]:
    """The KK programme in words: persons, what they cost, the aid, the total and the share of the need."""
    said = [
        i18n.plural(
            "kk_plan_cost",
            scenario.months_funded,
            language,
            families=i18n.number(plan.families, language),
            persons=i18n.number(plan.persons, language),
            iuran=i18n.rupiah(scenario.iuran_idr_per_month, language),
            months=scenario.months_funded,
            cost=i18n.rupiah(plan.iuran_cost_idr, language),
        )
    ]
    if plan.cash_aid_idr:
        said.append(
            i18n.text(
                "kk_plan_aid",
                language,
                aid=i18n.rupiah(plan.cash_aid_idr, language),
                total=i18n.rupiah(plan.total_idr, language),
            )
        )
    if plan.share_of_need_pct is not None:
        said.append(i18n.text("kk_plan_share", language, share=i18n.percent(plan.share_of_need_pct, language, 1)))
    return said
