"""The persons a cadre visits, per kelurahan, RW and RT, and what the list asks of them (pure Polars).

From a stored match run's persons (match_person rows) and what the list prints of each (decrypted by
uhc.store.people.on_list) comes one row per person to visit:

- ``enrol`` a resident on no BPJS list (``to_visit``), as the Pemda's segment (PBI APBD,
  :func:`uhc.figures.pemda_segment`): the register says nothing of a person's work or income, so
  the list proposes the segment the city pays for and the cadre writes on the sheet the segment the
  person was really enrolled in (a wage earner goes through the employer as PPU);
- ``reactivate`` a resident whose participant is not active (``to_reactivate``), with the
  participant's segment and, for PBPU and BP (mandiri), the months of arrears the BPJS list gives, capped by the
  arrears rule in force (24 months under Perpres 64/2020);
- ``check`` a resident close to a list row by name (``to_check``), a duplicate (``register_duplicate``,
  ``participant_duplicate``) or a NIK that fails its checks (``register_invalid_nik``,
  ``participant_invalid_nik``, ``participant_without_nik``). A person both to enrol (or reactivate)
  and to check is to check: a wrong NIK would enrol the wrong person.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from uhc import figures
from uhc.core import campaign

# The mandiri segments (PBPU and BP pay the PBPU iuran): their months of arrears are owed to reactivate.
MANDIRI_SEGMENTS = tuple(entry.code for entry in figures.JKN_SEGMENTS if entry.iuran_segment == "pbpu")
ENROL_CATEGORIES = ("to_visit",)
REACTIVATE_CATEGORIES = ("to_reactivate",)
# Register-side to_check only: the participant row of a close-name pair is the row the person looks
# at, not a second person to visit.
CHECK_CATEGORIES = (
    "to_check",
    "register_duplicate",
    "register_invalid_nik",
    "participant_duplicate",
    "participant_invalid_nik",
    "participant_without_nik",
)
# Age bands printed on a list (whole years at the day the list is made): enough to tell a child, an
# adult and an elderly person of one name apart without printing a birth date.
AGE_BANDS: tuple[tuple[int, int | None], ...] = ((0, 4), (5, 17), (18, 59), (60, None))
VISIT_SCHEMA = {
    "kemendagri_code": pl.String,
    "rw": pl.String,
    "rt": pl.String,
    "ref": pl.String,
    "side": pl.String,
    "batch_id": pl.Int32,
    "source_row": pl.Int32,
    "name": pl.String,
    "address": pl.String,
    "nik_masked": pl.String,
    "age_band": pl.String,
    "sex": pl.String,
    "action": pl.String,
    "reason": pl.String,
    "segment": pl.String,
    "arrears_months": pl.Int32,
}


def age_band(age_years: pl.Expr) -> pl.Expr:
    """The :data:`AGE_BANDS` label of an age in whole years (``0-4``, ``5-17``, ``18-59``, ``60+``); null if unknown."""
    out = pl.lit(None, pl.String)
    for low, high in reversed(AGE_BANDS):
        label = f"{low}+" if high is None else f"{low}-{high}"
        out = (
            pl.when((age_years >= low) & (age_years <= (high if high is not None else 200)))
            .then(pl.lit(label))
            .otherwise(out)
        )
    return out


def _age_years(birth: pl.Expr, on: dt.date) -> pl.Expr:
    before_birthday = (birth.dt.month() > on.month) | ((birth.dt.month() == on.month) & (birth.dt.day() > on.day))
    return on.year - birth.dt.year() - before_birthday.cast(pl.Int32)


def visits(persons: pl.DataFrame, listed: pl.DataFrame, *, on: dt.date, max_arrears_months: int) -> pl.DataFrame:
    """One row per person to visit, of :data:`VISIT_SCHEMA`, in kelurahan, RW, RT, action, name order.

    Parameters
    ----------
    persons
        match_person rows of one run: run_id, side, batch_id, source_row, category, segment,
        kemendagri_code, rw, rt (a person may have several categories, one row each).
    listed
        uhc.store.people.on_list of those persons: side, batch_id, source_row, name, address,
        nik_masked, sex, birth_date, arrears_months.
    on
        The day the list is made: ages are counted at it.
    max_arrears_months
        The arrears rule in force (queries/arrears_rule.sql): the most months BPJS counts.
    """
    wanted = persons.filter(
        pl.col("category").is_in(ENROL_CATEGORIES + REACTIVATE_CATEGORIES + CHECK_CATEGORIES)
        & ~((pl.col("category") == "to_check") & (pl.col("side") != "register"))
    )
    action = (
        pl.when(pl.col("category").is_in(CHECK_CATEGORIES))
        .then(pl.lit(2))
        .when(pl.col("category").is_in(REACTIVATE_CATEGORIES))
        .then(pl.lit(1))
        .otherwise(pl.lit(0))
    )
    key = ["run_id", "side", "batch_id", "source_row"]
    one = (
        wanted.with_columns(rank=action)
        .sort([*key, "rank", "category"], descending=[False] * len(key) + [True, False])
        .group_by(key, maintain_order=True)
        .agg(
            pl.col("rank").first(),
            pl.col("category").first().alias("reason"),
            pl.col("segment").drop_nulls().first(),
            pl.col("kemendagri_code").first(),
            pl.col("rw").first(),
            pl.col("rt").first(),
        )
    )
    pemda = figures.pemda_segment().code
    joined = one.with_columns(pl.col("batch_id").cast(pl.Int32), pl.col("source_row").cast(pl.Int32)).join(
        listed, on=["side", "batch_id", "source_row"], how="left"
    )
    letter = pl.col("side").replace_strict(campaign.SIDES, return_dtype=pl.String)
    out = joined.select(
        pl.col("kemendagri_code"),
        pl.col("rw"),
        pl.col("rt"),
        pl.concat_str(
            pl.col("run_id").cast(pl.String),
            pl.lit("-"),
            letter,
            pl.col("batch_id").cast(pl.String),
            pl.lit("-"),
            pl.col("source_row").cast(pl.String),
        ).alias("ref"),
        pl.col("side"),
        pl.col("batch_id"),
        pl.col("source_row"),
        pl.col("name"),
        pl.col("address"),
        pl.col("nik_masked"),
        age_band(_age_years(pl.col("birth_date"), on)).alias("age_band"),
        pl.col("sex"),
        pl.col("rank")
        .replace_strict({0: "enrol", 1: "reactivate", 2: "check"}, return_dtype=pl.String)
        .alias("action"),
        pl.col("reason"),
        pl.when(pl.col("rank") == 0).then(pl.lit(pemda)).otherwise(pl.col("segment")).alias("segment"),
        pl.when((pl.col("rank") == 1) & pl.col("segment").is_in(MANDIRI_SEGMENTS))
        .then(pl.min_horizontal(pl.col("arrears_months"), pl.lit(max_arrears_months)))
        .cast(pl.Int32)
        .alias("arrears_months"),
    )
    order = pl.col("action").replace_strict({a: i for i, a in enumerate(campaign.ACTIONS)}, return_dtype=pl.Int32)
    return (
        out.with_columns(_order=order)
        .sort(["kemendagri_code", "rw", "rt", "_order", "name", "ref"], nulls_last=True)
        .drop("_order")
        .cast(VISIT_SCHEMA)  # type: ignore[arg-type]
        .select(list(VISIT_SCHEMA))
    )
