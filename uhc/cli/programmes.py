"""python -m uhc programme import FILE --name NAME: a programme's recipients by NIK and/or KK, pseudonymised."""

from __future__ import annotations

import argparse

import polars as pl

from uhc import i18n
from uhc.cli.people import category_lines, import_people, nik_checker, with_columns
from uhc.intake.people.programmes import programme_name, read_programme
from uhc.store import keys, people
from uhc.store.db import Store


def _report(members: pl.DataFrame, programme: str, language: str) -> list[str]:
    """Rows; persons by NIK and families by KK (distinct); rows per NIK category."""

    def number(value: int) -> str:
        return i18n.number(value, language)

    return [
        i18n.text("programme_rows", language, rows=number(members.height), programme=programme),
        i18n.text("programme_persons", language, persons=number(members["nik_pseudonym"].drop_nulls().n_unique())),
        i18n.text("programme_families", language, families=number(members["kk_pseudonym"].drop_nulls().n_unique())),
        *category_lines(members, i18n.N_("programme_by_category"), language),
    ]


def programme_command(args: argparse.Namespace) -> int:
    nik_checks = nik_checker()
    name = programme_name(args.name)  # refused before the key, the login or the file is touched

    def read(
        store: Store, key: keys.CityKey, data: bytes, file_name: str, mapping: dict[str, str]
    ) -> tuple[pl.DataFrame, list[str]]:
        found = read_programme(data, file_name, key, nik_checks, name, mapping)
        return found.members, with_columns(_report(found.members, name, args.lang), found.columns.lines(args.lang))

    return import_people(
        args, people.PROGRAMME_KIND, "programme_member", read, i18n.N_("programme_saved"), programme=name
    )
