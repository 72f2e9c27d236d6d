"""python -m uhc participants import FILE: a BPJS participant list into the store, pseudonymised and encrypted."""

from __future__ import annotations

import argparse
import datetime as dt

import polars as pl

from uhc import figures, i18n
from uhc.cli.importing import import_city
from uhc.cli.people import category_lines, import_people, nik_checker, with_columns
from uhc.core import reactivation
from uhc.intake.people.participants import read_participants
from uhc.store import keys, people
from uhc.store.db import Store


def _report(participants: pl.DataFrame, language: str, arrears_cap: int | None = None) -> list[str]:
    """Rows; active and non-active per segment (every segment); per NIK category; addresses elsewhere;
    with ``arrears_cap`` (the list has a months-of-arrears column), the rows giving months and those above it."""

    def number(value: int) -> str:
        return i18n.number(value, language)

    lines = [i18n.text("participants_rows", language, rows=number(participants.height))]
    lines.append(i18n.text("participants_by_segment", language))
    for segment in figures.JKN_SEGMENTS:
        active = participants.filter(pl.col("segment") == segment.code)["active"]
        lines.append(
            f"  {i18n.text(segment.label_key, language)}: {number(int(active.sum()))} / {number(int((~active).sum()))}"
        )
    lines += category_lines(participants, i18n.N_("participants_by_category"), language)
    elsewhere = participants.filter(pl.col("address_code").is_not_null() & pl.col("kemendagri_code").is_null())
    lines.append(i18n.text("participants_elsewhere", language, count=number(elsewhere.height)))
    if arrears_cap is not None:
        months = participants["arrears_months"].drop_nulls()
        lines.append(
            i18n.text(
                "participants_arrears",
                language,
                count=number(months.len()),
                above=number(int((months > arrears_cap).sum())),
                cap=arrears_cap,
            )
        )
    return lines


def participants_command(args: argparse.Namespace) -> int:
    nik_checks = nik_checker()

    def read(
        store: Store, key: keys.CityKey, data: bytes, file_name: str, mapping: dict[str, str]
    ) -> tuple[pl.DataFrame, list[str]]:
        city_code = import_city(store, args.city)
        tree = store.run("region_tree", scope_code=city_code)
        found = read_participants(data, file_name, key, tree, nik_checks, city_code, mapping)
        has_months = any(name == "arrears_months" for name, _ in found.columns.read)
        cap = reactivation.rates(dt.date.today(), store.run("iuran"), store.run("arrears_rule")).arrears_cap_months
        report = _report(found.participants, args.lang, cap if has_months else None)
        return found.participants, with_columns(report, found.columns.lines(args.lang))

    return import_people(args, people.PARTICIPANTS_KIND, "participant", read, i18n.N_("participants_saved"))
