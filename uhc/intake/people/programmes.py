"""A programme's list of recipients (PBI APBN, the city's APBD list, a social-aid list) by NIK and/or KK.

Only the keyed pseudonyms of the NIK and KK numbers are kept: a name column is read (so a list
with one is not refused) but never stored, and no message repeats a value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from uhc.intake.people import table
from uhc.intake.people.register import NikChecks
from uhc.intake.people.table import ColumnUse, Layout, PeopleError
from uhc.store import keys

LAYOUT = Layout(
    headers={
        "nik": ("NIK", "NO NIK", "NOMOR NIK"),
        "kk": ("NO KK", "NKK", "NOMOR KK", "KK", "NO KARTU KELUARGA", "NOMOR KARTU KELUARGA"),
        "name": ("NAMA", "NAMA LENGKAP", "NAMA PENERIMA", "NAMA LGKP"),
    },
    required=(),
    either=("nik", "kk"),
)
PROGRAMME_SCHEMA: dict[str, pl.DataType] = {
    "source_row": pl.Int32(),
    "programme": pl.String(),
    "nik_pseudonym": pl.String(),
    "kk_pseudonym": pl.String(),
    "nik_category": pl.String(),
}
MAX_PROGRAMME_NAME = 80


def programme_name(text: str) -> str:
    """The programme's name trimmed: 1 to 80 characters, else :class:`PeopleError`."""
    name = " ".join(text.split())
    if not 1 <= len(name) <= MAX_PROGRAMME_NAME:
        raise PeopleError("programme_bad_name", most=MAX_PROGRAMME_NAME)
    return name


@dataclass(frozen=True)
class ProgrammeList:
    """A programme's members as they may be stored (:data:`PROGRAMME_SCHEMA`) and the columns read."""

    members: pl.DataFrame
    columns: ColumnUse


def read_programme(
    data: bytes,
    file_name: str,
    key: keys.CityKey,
    nik_checks: NikChecks,
    programme: str,
    mapping: Mapping[str, str] | None = None,
) -> ProgrammeList:
    """The members of a programme list, of :data:`PROGRAMME_SCHEMA`, pseudonymised with ``key``.

    A list by KK only gives every row the NIK category ``missing``. Raises :class:`PeopleError`
    for a bad programme name, a file without a NIK or KK column, or a KK number that is not 16 digits.
    """
    name = programme_name(programme)
    people = table.read_people_table(data, file_name, LAYOUT, mapping)
    kk = table.checked_numbers(people, "kk", keys.DIGITS_OF["kk"], "KK")
    nothing = pl.Series([None] * people.height, dtype=pl.String)
    checked = nik_checks(people.text("nik"), nothing.cast(pl.Date), nothing)
    members = pl.DataFrame(
        {
            "source_row": people.rows.cast(pl.Int32),
            "programme": pl.Series([name] * people.height, dtype=pl.String),
            "nik_pseudonym": keys.pseudonyms(key, "nik", checked["nik"]),
            "kk_pseudonym": keys.pseudonyms(key, "kk", kk),
            "nik_category": checked["nik_category"].cast(pl.String),
        },
        schema=PROGRAMME_SCHEMA,
    )
    return ProgrammeList(members, people.use)
