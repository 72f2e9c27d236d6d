"""Reactivation lists per RT: the non-active participants of a kelurahan, what each owes and what the city would pay.

A stored match run's residents *to reactivate* (found on the BPJS list here, not active), each with
the list's segment and, where the list gives them, the months of arrears (read by the participant
reader, stored as written). Per person, at the rates in force on the day the list is made:

- **PBPU and BP** (mandiri): the arrears counted are the list's months capped by the dated arrears
  rule (24 under Perpres 64/2020); what they owe = months counted x the PBPU iuran (Rp42.000, Kelas
  III; paid by the participant: APBD may not pay a mandiri participant's arrears). The cost to the
  city of moving them to PBPU Pemda instead = the Pemda iuran x months funded (12 by default); their
  arrears stay owed to BPJS.
- **PBI APBD** (already the city's): reactivating costs the city the Pemda iuran x months funded.
- **PBI APBN** and **PPU**: not the city's to pay (APBN, employer): no city cost.

Months not given stay unknown (null), never assumed: a total says how many of its persons have them.
The stored run names the persons; the participant row each was matched to is found by running the
matching again on the run's two imports (deterministic: the same rows, the same pairs), and the
result must name the same persons as the stored run, else the list is refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from uhc import figures, i18n
from uhc.core import campaign, matching
from uhc.core.reactivation import MANDIRI, Rates, rates
from uhc.store import people
from uhc.store.db import Store

MONEY: pl.DataType = figures.MONEY()
MONTHS_FUNDED = 12
# What the city does for a person, by segment: moves a mandiri participant to PBPU Pemda, pays its own
# PBI APBD participant's iuran again, or nothing (PBI APBN: the APBN pays; PPU: the employer).
ROUTE_OF_SEGMENT = {"pbpu": "move", "bp": "move", "pbi_apbd": "iuran", "pbi_apbn": "not_city", "ppu": "not_city"}
ROUTE_KEYS = {
    "move": i18n.N_("rtreact_route_move"),
    "iuran": i18n.N_("rtreact_route_iuran"),
    "not_city": i18n.N_("rtreact_route_not_city"),
}
PERSON_SCHEMA: dict[str, pl.DataType] = {
    "kemendagri_code": pl.String(),
    "rw": pl.String(),
    "rt": pl.String(),
    "ref": pl.String(),
    "batch_id": pl.Int32(),
    "source_row": pl.Int32(),
    "participant_row": pl.Int32(),
    "segment": pl.String(),
    "arrears_months": pl.Int32(),
    "arrears_counted_months": pl.Int32(),
    "arrears_owed_idr": MONEY,
    "route": pl.String(),
    "city_cost_idr": MONEY,
}
TOTAL_SCHEMA: dict[str, pl.DataType] = {
    "kemendagri_code": pl.String(),
    "rw": pl.String(),
    "rt": pl.String(),
    "segment": pl.String(),
    "persons": pl.Int64(),
    "with_months": pl.Int64(),
    "arrears_owed_idr": MONEY,
    "city_cost_idr": MONEY,
}


class ListRefused(LookupError):
    """No reactivation list can be made; ``text(language)`` says why and what to do."""

    def __init__(self, key: str, **params: object) -> None:
        self.key, self.params = key, params
        super().__init__(self.text("en"))

    def text(self, language: str) -> str:
        return i18n.text(self.key, language, **self.params)


def person_rows(
    persons: pl.DataFrame,
    participants: pl.DataFrame,
    month_rates: Rates,
    *,
    run_id: int,
    months_funded: int = MONTHS_FUNDED,
) -> pl.DataFrame:
    """One row per resident to reactivate of ``persons``, of :data:`PERSON_SCHEMA`, by kelurahan, RW, RT, row.

    ``persons`` are matching rows (side, batch_id, source_row, category, segment, kemendagri_code,
    rw, rt, partner_row); only the register's ``to_reactivate`` rows are listed. ``participants``
    are the list's rows (source_row, arrears_months). ``ref`` is the person's
    :class:`uhc.core.campaign.Reference` in run ``run_id``, as the cadres' sheets print it.
    """
    if not 1 <= months_funded <= MONTHS_FUNDED:
        raise ValueError(f"months funded must be 1 to {MONTHS_FUNDED}, not {months_funded}")
    listed = persons.filter((pl.col("side") == matching.REGISTER) & (pl.col("category") == "to_reactivate"))
    arrears = participants.select(
        participant_row=pl.col("source_row").cast(pl.Int32), arrears_months=pl.col("arrears_months").cast(pl.Int32)
    )
    rows = listed.select(
        "kemendagri_code",
        "rw",
        "rt",
        pl.col("batch_id").cast(pl.Int32),
        pl.col("source_row").cast(pl.Int32),
        participant_row=pl.col("partner_row").cast(pl.Int32),
        segment=pl.col("segment").cast(pl.String),
    ).join(arrears, on="participant_row", how="left")
    mandiri = pl.col("segment").is_in(list(MANDIRI))
    cap = month_rates.arrears_cap_months
    counted = (
        pl.lit(None, pl.Int32)
        if cap is None
        # min_horizontal skips nulls: months not given must stay unknown, never become the cap
        else pl.when(mandiri & pl.col("arrears_months").is_not_null())
        .then(pl.min_horizontal(pl.col("arrears_months"), pl.lit(cap)))
        .cast(pl.Int32)
    )

    def idr(months: pl.Expr, per_month: int | None) -> pl.Expr:
        return pl.lit(None, MONEY) if per_month is None else months.cast(MONEY) * per_month

    route = pl.col("segment").replace_strict(ROUTE_OF_SEGMENT, default=None)
    rows = rows.with_columns(
        ref=pl.concat_str(
            pl.lit(f"{run_id}-{campaign.SIDES['register']}"), pl.col("batch_id"), pl.lit("-"), pl.col("source_row")
        ),
        arrears_counted_months=counted,
        route=route,
    ).with_columns(
        arrears_owed_idr=idr(pl.col("arrears_counted_months"), month_rates.pbpu_iuran_idr),
        city_cost_idr=pl.when(route.is_in(["move", "iuran"])).then(
            idr(pl.lit(months_funded), month_rates.pemda_iuran_idr)
        ),
    )
    return rows.sort("kemendagri_code", "rw", "rt", "batch_id", "source_row", nulls_last=True).select(
        pl.col(name).cast(dtype) for name, dtype in PERSON_SCHEMA.items()
    )


def rt_totals(rows: pl.DataFrame) -> pl.DataFrame:
    """:func:`person_rows` summed per kelurahan, RW, RT and segment, of :data:`TOTAL_SCHEMA`.

    ``with_months`` counts the persons whose list gave their months; ``arrears_owed_idr`` sums
    theirs only (null when none of the RT's mandiri participants has them); ``city_cost_idr`` is
    null for a segment that is not the city's to pay.
    """
    mandiri = pl.col("segment").is_in(list(MANDIRI))
    totals = rows.group_by("kemendagri_code", "rw", "rt", "segment").agg(
        persons=pl.len().cast(pl.Int64),
        with_months=(mandiri & pl.col("arrears_months").is_not_null()).sum().cast(pl.Int64),
        arrears_owed_idr=pl.when(pl.col("arrears_owed_idr").is_not_null().any()).then(pl.col("arrears_owed_idr").sum()),
        city_cost_idr=pl.when(pl.col("city_cost_idr").is_not_null().any()).then(pl.col("city_cost_idr").sum()),
    )
    order = {segment: rank for rank, segment in enumerate(figures.SEGMENTS)}
    return totals.sort(
        "kemendagri_code", "rw", "rt", pl.col("segment").replace_strict(order, default=len(order)), nulls_last=True
    ).select(pl.col(name).cast(dtype) for name, dtype in TOTAL_SCHEMA.items())


@dataclass(frozen=True)
class ReactivationLists:
    """A kelurahan's reactivation lists: per person and per RT, the run they come from and the rates used."""

    persons: pl.DataFrame  # person_rows
    totals: pl.DataFrame  # rt_totals
    run_id: int
    rates: Rates
    made_on: dt.date
    months_funded: int


def lists_of_kelurahan(
    store: Store,
    kemendagri_code: str,
    *,
    run_id: int | None = None,
    made_on: dt.date,
    months_funded: int = MONTHS_FUNDED,
) -> ReactivationLists:
    """The reactivation lists of one kelurahan from stored run ``run_id`` (default: the newest).

    Raises :class:`ListRefused` when the store holds no run (or not that one), when its personal
    rows were purged, or when the matching run again does not name the run's persons.
    """
    runs = store.run("match_run")
    if runs.is_empty():
        raise ListRefused("rtreact_no_run")
    chosen = runs if run_id is None else runs.filter(pl.col("run_id") == run_id)
    if chosen.is_empty():
        raise ListRefused("rtreact_unknown_run", run=run_id, runs=", ".join(map(str, runs["run_id"].to_list())))
    run = chosen.row(0, named=True)
    if run["purged_at"] is not None:
        raise ListRefused("rtreact_run_purged", run=run["run_id"])
    stored = store.run("reactivation_person_of_run", run_id=run["run_id"], kemendagri_code=kemendagri_code)
    residents = people.residents(store, run["register_batch"])
    participants = people.participants(store, run["participant_batch"])
    with store.small_cache():
        matched = matching.match_people(residents, participants)
    here = matched.persons.filter(
        (pl.col("side") == matching.REGISTER)
        & (pl.col("category") == "to_reactivate")
        & (pl.col("kemendagri_code") == kemendagri_code)
    )
    again = sorted(zip(here["batch_id"].to_list(), here["source_row"].to_list(), strict=True))
    if again != sorted(zip(stored["batch_id"].to_list(), stored["source_row"].to_list(), strict=True)):
        raise ListRefused("rtreact_run_differs", run=run["run_id"])
    month_rates = rates(made_on, store.run("iuran"), store.run("arrears_rule"))
    rows = person_rows(here, participants, month_rates, run_id=run["run_id"], months_funded=months_funded)
    return ReactivationLists(rows, rt_totals(rows), int(run["run_id"]), month_rates, made_on, months_funded)


HEADING_KEYS = {
    "ref": i18n.N_("rtreact_heading_ref"),
    "segment": i18n.N_("rtreact_heading_segment"),
    "months": i18n.N_("rtreact_heading_months"),
    "arrears_owed_idr": i18n.N_("rtreact_heading_owed"),
    "city_cost_idr": i18n.N_("rtreact_heading_city_cost"),
    "route": i18n.N_("rtreact_heading_route"),
}
_RIGHT = ("months", "arrears_owed_idr", "city_cost_idr")


def months_text(listed: int | None, counted: int | None) -> str:
    """The months of arrears as a list shows them: ``7``, ``30 → 24`` when capped, empty when not given."""
    if listed is None or counted is None:
        return ""
    return str(counted) if listed == counted else f"{listed} \u2192 {counted}"


def _aligned(cell: dict[str, str], widths: dict[str, int]) -> str:
    """One line of a list's table: its columns two spaces apart, the numbers right-aligned."""
    parts = (cell[c].rjust(w) if c in _RIGHT else cell[c].ljust(w) for c, w in widths.items())
    return ("  " + "  ".join(parts)).rstrip()


def text_lines(lists: ReactivationLists, kelurahan_name: str, language: str) -> list[str]:
    """The lists as lines: a title, per RW/RT an aligned table and its total, then the rates used."""
    segment_names = {s.code: i18n.text(s.label_key, language) for s in figures.JKN_SEGMENTS}
    lines = [
        i18n.text(
            "rtreact_title",
            language,
            kelurahan=kelurahan_name,
            run=lists.run_id,
            day=i18n.day(lists.made_on, language),
        )
    ]
    if lists.persons.is_empty():
        return [*lines, i18n.text("rtreact_nobody", language)]
    headings = {column: i18n.text(key, language) for column, key in HEADING_KEYS.items()}
    for (rw, rt), group in lists.persons.group_by("rw", "rt", maintain_order=True):
        cells = [
            {
                "ref": row["ref"],
                "segment": segment_names.get(row["segment"], row["segment"] or ""),
                "months": months_text(row["arrears_months"], row["arrears_counted_months"]),
                "arrears_owed_idr": ""
                if row["arrears_owed_idr"] is None
                else i18n.rupiah(row["arrears_owed_idr"], language),
                "city_cost_idr": "" if row["city_cost_idr"] is None else i18n.rupiah(row["city_cost_idr"], language),
                "route": i18n.text(ROUTE_KEYS[row["route"]], language) if row["route"] in ROUTE_KEYS else "",
            }
            for row in group.iter_rows(named=True)
        ]
        widths = {c: max(len(headings[c]), *(len(cell[c]) for cell in cells)) for c in headings}

        owed = group["arrears_owed_idr"].drop_nulls()
        cost = group["city_cost_idr"].drop_nulls()
        lines += [
            "",
            i18n.text("rtreact_area", language, rw=rw or "-", rt=rt or "-"),
            *(_aligned(cell, widths) for cell in [headings, *cells]),
            "  "
            + i18n.text(
                "rtreact_area_total",
                language,
                persons=i18n.number(group.height, language),
                owed=i18n.rupiah(int(owed.sum()) if owed.len() else None, language),
                with_months=i18n.number(int(owed.len()), language),
                cost=i18n.rupiah(int(cost.sum()), language),
            ),
        ]
    rules = lists.rates
    lines += [
        "",
        i18n.text(
            "rtreact_note",
            language,
            cap=rules.arrears_cap_months if rules.arrears_cap_months is not None else "-",
            pbpu=i18n.rupiah(rules.pbpu_iuran_idr, language),
            pemda=i18n.rupiah(rules.pemda_iuran_idr, language),
            months=lists.months_funded,
        ),
    ]
    return lines
