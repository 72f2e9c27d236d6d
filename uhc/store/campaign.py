"""The campaign's results in the store: the persons a sheet may name, the results in force, a new revision.

A results upload is an import_batch of kind ``results`` with its campaign_result rows. Only the rows
that change a person's result in force are written, so the same sheet uploaded twice writes nothing
the second time (and no batch).
"""

from __future__ import annotations

import sys

import polars as pl

from uhc.store import people
from uhc.store.db import BEFORE_COMMIT_EVENT, Store

RESULTS_KIND = "results"
PERSON = ("run_id", "side", "person_batch", "person_row")
# What a result says; a row equal in all of them to the person's result in force changes nothing.
RESULT_FIELDS = ("result", "segment", "result_date", "cadre")
RESULT_SCHEMA: dict[str, pl.DataType] = {
    "sheet_row": pl.Int32(),
    "run_id": pl.Int32(),
    "side": pl.String(),
    "person_batch": pl.Int32(),
    "person_row": pl.Int32(),
    "kemendagri_code": pl.String(),
    "rw": pl.String(),
    "rt": pl.String(),
    "result": pl.String(),
    "segment": pl.String(),
    "result_date": pl.Date(),
    "cadre": pl.String(),
}


def runs(store: Store) -> pl.DataFrame:
    """Every match run, newest first, with when it was made and purged."""
    return store.run("match_run")


def persons_of_runs(store: Store, run_ids: list[int]) -> pl.DataFrame:
    """The persons of ``run_ids`` a sheet may name, one row each (see queries/match_person_of_runs.sql)."""
    return store.run("match_person_of_runs", run_ids=run_ids)


def results_in_force(store: Store) -> pl.DataFrame:
    """Each person's result in force (the newest results batch's)."""
    return store.run("campaign_result_in_force")


def changed(rows: pl.DataFrame, in_force: pl.DataFrame) -> pl.DataFrame:
    """The rows of ``rows`` (:data:`RESULT_SCHEMA`) that differ from the person's result in force."""
    columns = [*PERSON, *RESULT_FIELDS]
    before = in_force.select(pl.col(column).cast(RESULT_SCHEMA[column]) for column in columns).rename(
        {field: f"{field}_before" for field in RESULT_FIELDS}
    )
    joined = rows.select(list(RESULT_SCHEMA)).join(before, on=list(PERSON), how="left")
    same = pl.all_horizontal(pl.col(field).eq_missing(pl.col(f"{field}_before")) for field in RESULT_FIELDS)
    return joined.filter(~same).select(list(RESULT_SCHEMA))


def save_results(
    store: Store, rows: pl.DataFrame, *, file_name: str | None, sha256: str | None, user: str
) -> int | None:
    """Write the rows that change a result in force as one results batch, in one transaction.

    Returns the new batch_id, or None when nothing changes (no batch is written). The rows are compared
    with the results in force inside the transaction, so two uploads at once cannot both write.
    """
    with store.transaction():
        new = changed(rows, results_in_force(store))
        if new.is_empty():
            return None
        batch_id = int(
            store.scalar(
                "insert_import_batch",
                kind=RESULTS_KIND,
                file_name=file_name,
                sha256=sha256,
                row_count=new.height,
                imported_by=user,
                note=None,
            )
        )
        store.insert("campaign_result", new.with_columns(batch_id=pl.lit(batch_id, pl.Int32)))
        areas = new["kemendagri_code"].unique()
        people.record(store, user, "results import", areas[0] if len(areas) == 1 else None, new.height, file_name)
        sys.audit(BEFORE_COMMIT_EVENT, RESULTS_KIND, batch_id)
    return batch_id
