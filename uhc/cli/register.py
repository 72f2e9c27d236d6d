"""python -m uhc register import FILE: the resident register into the store, pseudonymised and encrypted."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
from pathlib import Path

import polars as pl

from uhc import i18n
from uhc.cli.common import EXIT_OK, BadInput
from uhc.core import nik
from uhc.intake.people.register import read_register
from uhc.paths import store_path
from uhc.store import keys, seed
from uhc.store.db import Store
from uhc.store.regions import kecamatan_codes

REGISTER_KIND = "register"


def _report(residents: pl.DataFrame, tree: pl.DataFrame, language: str) -> list[str]:
    """Rows, residents per NIK category (every category) and per kelurahan, for the operator."""
    lines = [i18n.text("register_rows", language, rows=i18n.number(residents.height, language))]
    lines.append(i18n.text("register_by_category", language))
    counts = nik.category_counts(residents.select(pl.col("nik_category").cast(nik.CATEGORY)))
    for category, count in counts.iter_rows():
        lines.append(f"  {i18n.text(nik.CATEGORY_KEYS[category], language)}: {i18n.number(count, language)}")
    lines.append(i18n.text("register_by_kelurahan", language))
    names = dict(zip(tree["kemendagri_code"], tree["name"], strict=True))
    for code, count in residents.group_by("kemendagri_code").len().sort("kemendagri_code").iter_rows():
        lines.append(f"  {code} {names[code]}: {i18n.number(count, language)}")
    return lines


def register_command(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise BadInput(f"no file {path}")
    key = keys.load_key(keys.key_file_path(args.key_file))
    data = path.read_bytes()
    checks = functools.partial(nik.nik_checks, kecamatan_codes=kecamatan_codes(), on=dt.date.today())

    def nik_checks(numbers: pl.Series, birth_dates: pl.Series, sexes: pl.Series) -> pl.DataFrame:
        return checks(numbers, stated_birth_date=birth_dates, stated_sex=sexes)

    with Store.open(store_path(args.db), read_only=args.dry_run) as store:
        recorded = keys.recorded_fingerprint(store)
        if args.dry_run and recorded not in (None, key.fingerprint):
            raise keys.KeyMismatch(
                f"this store's pseudonyms were made with the city key {recorded}, not with {key.fingerprint}"
            )
        if not args.dry_run:
            keys.bind_key(store, key)
        tree = store.run("region_tree", scope_code="")
        register = read_register(data, path.name, key, tree, nik_checks)
        for line in _report(register.residents, tree, args.lang):
            print(line)
        if args.dry_run:
            print(i18n.text("register_dry_run", args.lang))
            return EXIT_OK
        with store.transaction():
            batch_id = store.scalar(
                "insert_import_batch",
                kind=REGISTER_KIND,
                file_name=path.name,
                sha256=hashlib.sha256(data).hexdigest(),
                row_count=register.residents.height,
                imported_by=seed.current_user(),
                note=None,
            )
            store.insert("resident", register.residents.with_columns(batch_id=pl.lit(batch_id, pl.Int32)))
    print(
        i18n.text("register_saved", args.lang, rows=i18n.number(register.residents.height, args.lang), batch=batch_id)
    )
    return EXIT_OK
