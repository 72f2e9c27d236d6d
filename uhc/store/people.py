"""The lists of people in the store: reading them for the matching, saving a match, the audit, purge.

Every function here moves pseudonyms, ciphertexts and counts only; :func:`names_of` is the one
that decrypts, for the few rows a caller needs (close names, a cadre's list), with the city key.
"""

from __future__ import annotations

import datetime as dt
import sys

import polars as pl

from uhc.store import keys
from uhc.store.db import BEFORE_COMMIT_EVENT, Store

REGISTER_KIND = "register"
PARTICIPANTS_KIND = "participants"
PROGRAMME_KIND = "programme"
_NAME_QUERIES = {"register": "resident_names_of_rows", "participant": "participant_names_of_rows"}
MATCH_PERSON_COLUMNS = ("side", "batch_id", "source_row", "category", "segment", "kemendagri_code", "rw", "rt")
MATCH_COUNT_COLUMNS = ("kemendagri_code", "rw", "rt", "category", "segment", "persons", "families")


def latest_batch(store: Store, kind: str) -> int | None:
    """The newest import batch of ``kind``, or None when there is none."""
    batches = store.run("import_batch_of_kind", kind=kind)
    return None if batches.is_empty() else int(batches["batch_id"].max())  # type: ignore[arg-type]


def purged_at(store: Store, batch_id: int) -> dt.datetime | None:
    """When ``register purge`` deleted the personal rows of import batch ``batch_id``; None while they are kept."""
    found = store.run("import_history", city_code=None).filter(pl.col("batch_id") == batch_id)
    return None if found.is_empty() else found["purged_at"][0]


def residents(store: Store, batch_id: int) -> pl.DataFrame:
    """The residents of one register import, in file order, pseudonyms as 32-byte binaries."""
    return _in_file_order(store.run("resident_of_batch", batch_id=batch_id))


def participants(store: Store, batch_id: int) -> pl.DataFrame:
    """The participants of one BPJS list import, in file order, pseudonyms as 32-byte binaries."""
    return _in_file_order(store.run("participant_of_batch", batch_id=batch_id))


def _in_file_order(rows: pl.DataFrame) -> pl.DataFrame:
    # The queries leave out ORDER BY (DuckDB's sort of 2,4 million rows held half a gigabyte more):
    # a batch is inserted in file order and DuckDB keeps insertion order, which this checks.
    return rows if rows["source_row"].is_sorted() else rows.sort("source_row")


def programme_members(store: Store) -> pl.DataFrame:
    """Each programme list's members as last imported."""
    return store.run("programme_member_current")


def names_of(store: Store, key: keys.CityKey, rows: pl.DataFrame) -> pl.DataFrame:
    """``rows`` (side, batch_id, source_row) with each person's decrypted ``name`` (null if none)."""
    found: list[pl.DataFrame] = []
    for (side, batch_id), group in rows.group_by("side", "batch_id", maintain_order=True):
        stored = store.run(_NAME_QUERIES[str(side)], batch_id=batch_id, rows=group["source_row"].to_list())
        names = [None if blob is None else keys.decrypt(key, blob) for blob in stored["name_encrypted"]]
        found.append(
            pl.DataFrame(
                {
                    "side": [side] * stored.height,
                    "batch_id": [batch_id] * stored.height,
                    "source_row": stored["source_row"],
                    "name": pl.Series(names, dtype=pl.String),
                },
                schema={"side": pl.String, "batch_id": pl.Int32, "source_row": pl.Int32, "name": pl.String},
            )
        )
    schema = {"side": pl.String, "batch_id": pl.Int32, "source_row": pl.Int32, "name": pl.String}
    named = pl.concat(found) if found else pl.DataFrame(schema=schema)
    keyed = rows.with_columns(pl.col("batch_id").cast(pl.Int32), pl.col("source_row").cast(pl.Int32))
    return keyed.join(named, on=["side", "batch_id", "source_row"], how="left")


_ON_LIST_QUERIES = {"register": "resident_on_list", "participant": "participant_on_list"}
ON_LIST_SCHEMA = {
    "side": pl.String,
    "batch_id": pl.Int32,
    "source_row": pl.Int32,
    "name": pl.String,
    "address": pl.String,
    "nik_masked": pl.String,
    "sex": pl.String,
    "birth_date": pl.Date,
    "arrears_months": pl.Int32,
}


def on_list(store: Store, key: keys.CityKey, rows: pl.DataFrame, participant_batch: int) -> pl.DataFrame:
    """The persons ``rows`` (side, batch_id, source_row) as a cadre's list prints them, decrypted, of
    :data:`ON_LIST_SCHEMA`: name, address, masked NIK (null for rows stored before migration 11), sex,
    birth date, and the months of arrears of the non-active participant of their NIK on list
    ``participant_batch`` (register side) or their own (participant side)."""
    found: list[pl.DataFrame] = []
    for (side, batch_id), group in rows.group_by("side", "batch_id", maintain_order=True):
        stored = store.run(
            _ON_LIST_QUERIES[str(side)],
            batch_id=batch_id,
            rows=group["source_row"].to_list(),
            **({"participant_batch": participant_batch} if side == "register" else {}),
        )

        def opened(column: str, stored: pl.DataFrame = stored) -> pl.Series:
            return pl.Series(
                [None if blob is None else keys.decrypt(key, blob) for blob in stored[column]], dtype=pl.String
            )

        found.append(
            pl.DataFrame(
                {
                    "side": [side] * stored.height,
                    "batch_id": [batch_id] * stored.height,
                    "source_row": stored["source_row"],
                    "name": opened("name_encrypted"),
                    "address": opened("address_encrypted"),
                    "nik_masked": opened("nik_masked_encrypted"),
                    "sex": stored["sex"],
                    "birth_date": stored["birth_date"],
                    "arrears_months": stored["arrears_months"],
                },
                schema=ON_LIST_SCHEMA,
            )
        )
    return pl.concat(found) if found else pl.DataFrame(schema=ON_LIST_SCHEMA)


def save_match(
    store: Store,
    *,
    register_batch: int,
    participant_batch: int,
    made_by: str,
    persons: pl.DataFrame,
    counts: pl.DataFrame,
) -> int:
    """Store one run: its persons' categories and its counts per RT, in one transaction; its run_id."""
    with store.transaction():
        run_id = int(
            store.scalar(
                "insert_match_run", register_batch=register_batch, participant_batch=participant_batch, made_by=made_by
            )
        )
        store.insert("match_person", persons.select(MATCH_PERSON_COLUMNS).with_columns(run_id=pl.lit(run_id)))
        store.insert("match_count", counts.select(MATCH_COUNT_COLUMNS).with_columns(run_id=pl.lit(run_id)))
        record(store, made_by, "match", None, persons.height, f"register {register_batch}, list {participant_batch}")
        sys.audit(BEFORE_COMMIT_EVENT, "match", run_id)
    return run_id


def record(store: Store, user: str, action: str, area: str | None, persons: int | None, detail: str | None) -> None:
    """Record in the audit that ``user`` read or produced a list of ``persons`` people of ``area``."""
    store.execute(
        "insert_list_audit", user_name=user, action=action, kemendagri_code=area, persons=persons, detail=detail
    )


def personal_rows(store: Store) -> dict[str, int]:
    """How many personal rows the store holds, by table."""
    return store.run("personal_row_counts").row(0, named=True)


def purge(store: Store, user: str) -> dict[str, int]:
    """Delete every personal row (residents, participants, programme members, persons' categories,
    the visits' results).

    The counts per area of each run, the import history and the audit stay. Returns what was deleted.
    """
    with store.transaction():
        deleted = personal_rows(store)
        for query in (
            "delete_campaign_result_rows",
            "delete_match_person_rows",
            "delete_programme_member_rows",
            "delete_participant_rows",
            "delete_resident_rows",
        ):
            store.execute(query)
        store.execute("mark_match_runs_purged")
        record(store, user, "purge", None, sum(deleted.values()), None)
        sys.audit(BEFORE_COMMIT_EVENT, "purge", 0)
    store.checkpoint()
    return deleted
