"""What the imports of lists of people share: the city key, the editor's login, one batch, the report.

``register import``, ``participants import`` and ``programme import`` each read one file into rows
of one table (pseudonyms and ciphertexts only). Around that reading they do the same: load the
city key, log the editor in (unless --dry-run), check the key against the store's fingerprint, print
the report, and write the rows with their import_batch in one transaction (which binds the store to
the key on its first write).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import sys
from collections.abc import Callable
from pathlib import Path

import polars as pl

from uhc import i18n
from uhc.cli.common import EXIT_OK, BadInput, column_mapping
from uhc.cli.login import editor_login
from uhc.core import nik
from uhc.intake.people.register import NikChecks
from uhc.paths import store_path
from uhc.store import keys, people
from uhc.store.db import BEFORE_COMMIT_EVENT, Store
from uhc.store.regions import kecamatan_codes

# Reads a file's bytes (file name given) with the key and the --column mapping into the table's
# rows and the report's lines.
Reading = Callable[[Store, keys.CityKey, bytes, str, dict[str, str]], tuple[pl.DataFrame, list[str]]]


def nik_checker() -> NikChecks:
    """The NIK checks of today against the gazetteer's kecamatan, in the form the people readers take."""
    checks = functools.partial(nik.nik_checks, kecamatan_codes=kecamatan_codes(), on=dt.date.today())

    def nik_checks(numbers: pl.Series, birth_dates: pl.Series, sexes: pl.Series) -> pl.DataFrame:
        return checks(numbers, stated_birth_date=birth_dates, stated_sex=sexes)

    return nik_checks


def category_lines(rows: pl.DataFrame, heading_key: str, language: str) -> list[str]:
    """A heading, a short line per NIK category (zero included), then once what each found problem means."""
    lines = [i18n.text(heading_key, language)]
    counts = nik.category_counts(rows.select(pl.col("nik_category").cast(nik.CATEGORY)))
    found = []
    for category, count in counts.iter_rows():
        label = i18n.text(nik.CATEGORY_LABEL_KEYS[category], language)
        lines.append(f"  {label}: {i18n.number(count, language)}")
        if count and category not in ("valid", "missing"):
            found.append(f"  {label}: {i18n.text(nik.CATEGORY_KEYS[category], language)}")
    if found:
        lines += [i18n.text("nik_help_heading", language), *found]
    return lines


def with_columns(report: list[str], columns: list[str]) -> list[str]:
    """The report with the lines of the columns read after its first line (the rows read)."""
    return [*report[:1], *columns, *report[1:]]


def store_people(
    store: Store,
    key: keys.CityKey,
    kind: str,
    table: str,
    rows: pl.DataFrame,
    file_name: str,
    sha256: str,
    user: str,
    note: str | None = None,
) -> int:
    """Write ``rows`` into ``table`` as one import_batch of ``kind``, recorded in the audit; its batch_id.

    One transaction: the store is bound to ``key`` (if it is bound to none) with the rows, so a
    refused or killed import leaves no fingerprint, rows or audit line behind. The transaction raises
    ``BEFORE_COMMIT_EVENT`` (``sys.audit``) once everything is written, as the coverage imports do.
    """
    with store.transaction():
        keys.bind_key(store, key)
        batch_id = int(
            store.scalar(
                "insert_import_batch",
                kind=kind,
                file_name=file_name,
                sha256=sha256,
                row_count=rows.height,
                imported_by=user,
                note=note,
            )
        )
        if table == "resident":
            # The guarantee migration 9 took from the table's foreign key, once per distinct code.
            codes = rows["kemendagri_code"].unique().drop_nulls().to_list()
            unknown = store.run("unknown_region_codes", codes=codes)["code"].to_list()
            if unknown:
                raise ValueError(f"residents with kelurahan codes the store does not hold: {', '.join(unknown[:5])}")
        store.insert(table, rows.with_columns(batch_id=pl.lit(batch_id, pl.Int32)))
        people.record(store, user, f"{kind} import", None, rows.height, file_name)
        sys.audit(BEFORE_COMMIT_EVENT, kind, batch_id)
    return batch_id


def import_people(
    args: argparse.Namespace, kind: str, table: str, read: Reading, saved_key: str, **saved: object
) -> int:
    """Import ``args.file`` into ``table`` as an import_batch of ``kind``; print the report and the saved line.

    ``saved_key`` is the message of the last line, given ``rows``, ``batch`` and ``saved``.
    """
    path = Path(args.file)
    if not path.is_file():
        raise BadInput(f"no file {path}")
    mapping = column_mapping(args.column, "name='NAMA_LGKP'")
    key = keys.load_key(keys.key_file_path(args.key_file))
    data = path.read_bytes()
    with Store.open(store_path(args.db), read_only=args.dry_run) as store:
        user = None if args.dry_run else editor_login(store, args)
        keys.check_key(store, key)
        rows, report = read(store, key, data, path.name, mapping)
        for line in report:
            print(line)
        if user is None:
            print(i18n.text("people_dry_run", args.lang))
            return EXIT_OK
        batch_id = store_people(store, key, kind, table, rows, path.name, hashlib.sha256(data).hexdigest(), user.name)
    print(i18n.text(saved_key, args.lang, rows=i18n.number(rows.height, args.lang), batch=batch_id, **saved))
    return EXIT_OK
