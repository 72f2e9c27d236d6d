"""python -m uhc register import FILE: the resident register into the store, pseudonymised and encrypted."""

from __future__ import annotations

import argparse

import polars as pl

from uhc import i18n
from uhc.cli.matching import purge_command
from uhc.cli.people import category_lines, import_people, nik_checker, with_columns
from uhc.intake.people.register import read_register
from uhc.store import keys, people
from uhc.store.db import Store


def _report(residents: pl.DataFrame, tree: pl.DataFrame, language: str) -> list[str]:
    """Rows, residents per NIK category (every category) and per kelurahan, for the operator."""
    lines = [i18n.text("register_rows", language, rows=i18n.number(residents.height, language))]
    lines += category_lines(residents, i18n.N_("register_by_category"), language)
    lines.append(i18n.text("register_by_kelurahan", language))
    names = dict(zip(tree["kemendagri_code"], tree["name"], strict=True))
    for code, count in residents.group_by("kemendagri_code").len().sort("kemendagri_code").iter_rows():
        lines.append(f"  {code} {names[code]}: {i18n.number(count, language)}")
    return lines


def register_command(args: argparse.Namespace) -> int:
    if args.register_command == "purge":
        return purge_command(args)
    nik_checks = nik_checker()

    def read(
        store: Store, key: keys.CityKey, data: bytes, file_name: str, mapping: dict[str, str]
    ) -> tuple[pl.DataFrame, list[str]]:
        tree = store.run("region_tree", scope_code="")
        register = read_register(data, file_name, key, tree, nik_checks, mapping)
        return register.residents, with_columns(
            _report(register.residents, tree, args.lang), register.columns.lines(args.lang)
        )

    return import_people(args, people.REGISTER_KIND, "resident", read, i18n.N_("register_saved"))
