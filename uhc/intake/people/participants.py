"""A BPJS Kesehatan participant list (CSV or XLSX) read into rows the store may hold.

The clear NIK, card number and name stay inside :func:`read_participants`: what it returns holds
their keyed pseudonyms and ciphertexts only (uhc/store/keys.py), and no message it raises repeats
one of them. A participant whose address code is of another kab/kota is kept (the "registered
elsewhere" case the matching counts), with no kelurahan of the city.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from uhc import i18n
from uhc.figures import JKN_SEGMENTS
from uhc.intake.people import table
from uhc.intake.people.register import NikChecks
from uhc.intake.people.table import ColumnUse, Layout, PeopleError, first_bad
from uhc.intake.reader.headers import header_key
from uhc.store import keys

# Header spellings seen in BPJS exports (e-Dabu, VClaim extracts), after upper-casing and turning
# _ . - into spaces.
LAYOUT = Layout(
    headers={
        "nik": ("NIK", "NO NIK", "NOMOR NIK"),
        "card": ("NO KARTU", "NOKARTU", "NOKA", "NOMOR KARTU", "NO KARTU JKN", "NO PESERTA", "NO KA", "NOMOR PESERTA"),
        "name": ("NAMA", "NAMA PESERTA", "NMPST", "NM PST", "NAMA LENGKAP", "NAMA LGKP"),
        "birth_date": ("TGL LAHIR", "TANGGAL LAHIR", "TGL LHR", "TGLLAHIR", "TGLLHR"),
        "sex": ("JENIS KELAMIN", "JK", "L/P", "JENIS KLMIN", "KELAMIN", "JNS KELAMIN"),
        "segment": (
            "SEGMEN", "SEGMENTASI", "JENIS PESERTA", "KEPESERTAAN", "SEGMEN PESERTA", "KDSEGMEN", "KD SEGMEN",
            "KODE SEGMEN", "NMSEGMEN", "NM SEGMEN", "NAMA SEGMEN", "JENISPESERTA",
        ),
        "status": ("STATUS", "STATUS PESERTA", "STATUS KEPESERTAAN", "STATUSPESERTA", "STS PESERTA"),
        "reason": ("KETERANGAN", "ALASAN", "ALASAN NON AKTIF", "KET"),
        "fktp": ("KODE FKTP", "KODE PPK", "FKTP", "PPK UMUM", "KDPPK", "KD PPK", "KD FASKES", "KODE FASKES", "KDPPKUMUM"),
        "address": (
            "KODE KELURAHAN", "KODE DESA", "KODE WILAYAH", "KELURAHAN", "DESA", "KODE KEL", "KD KEL", "KDKEL",
            "NO KEL", "KODEKEL",
        ),
        # Months, never rupiah: a bare TUNGGAKAN or JUMLAH TUNGGAKAN column holds an amount and is not read.
        "arrears_months": (
            "JML BLN TUNGGAK", "JML BLN TUNGGAKAN", "JUMLAH BULAN TUNGGAKAN", "JML BULAN TUNGGAKAN", "BULAN TUNGGAKAN",
            "BLN TUNGGAKAN", "BLN TUNGGAK", "TUNGGAKAN (BULAN)", "TUNGGAKAN (BLN)", "LAMA TUNGGAKAN",
            "LAMA TUNGGAKAN (BULAN)", "ARREARS MONTHS",
        ),
    },
    required=("nik", "segment", "status"),
    absent_keys={
        "name": i18n.N_("participants_without_name"),
        "address": i18n.N_("participants_without_address"),
    },
    label_keys={"address": i18n.N_("people_field_address_code")},
)  # fmt: skip
PARTICIPANT_SCHEMA: dict[str, pl.DataType] = {
    "source_row": pl.Int32(),
    "nik_pseudonym": pl.String(),
    "card_pseudonym": pl.String(),
    "identity_pseudonym": pl.String(),
    "name_encrypted": pl.Binary(),
    "nik_masked_encrypted": pl.Binary(),
    "sex": pl.String(),
    "birth_date": pl.Date(),
    "segment": pl.String(),
    "active": pl.Boolean(),
    "inactive_reason": pl.String(),
    "fktp_code": pl.String(),
    "address_code": pl.String(),
    "kemendagri_code": pl.String(),
    "nik_category": pl.String(),
    "arrears_months": pl.Int32(),
}
# A segment cell as compared (uhc.intake.reader.headers.header_key: lower case, punctuation as
# spaces) -> its code. Every spelling is the segment's own in uhc.figures, so recaps and lists agree.
SEGMENT_OF: dict[str, str] = {
    spelling: segment.code for segment in JKN_SEGMENTS for spelling in (*segment.spellings, *segment.list_spellings)
}
# A status cell as compared -> active.
ACTIVE_OF: dict[str, bool] = {"aktif": True, "non aktif": False, "nonaktif": False, "tidak aktif": False}
# A kelurahan/desa code: 2 province, 2 kab/kota, 2 kecamatan and 4 kelurahan digits, dotted or not.
_ADDRESS_CODE = r"^\d{2}\.?\d{2}\.?\d{2}\.?\d{4}$"
# JKN began on 1 January 2014 (Perpres 12/2013): no one can owe more months than it has run. A larger
# number is a year, a date or a rupiah amount in the months column, refused rather than stored.
JKN_START = dt.date(2014, 1, 1)


def most_arrears_months(today: dt.date) -> int:
    """The most months of arrears a list made on ``today`` can give: the months since JKN began, this one included."""
    return (today.year - JKN_START.year) * 12 + today.month - JKN_START.month + 1


@dataclass(frozen=True)
class ParticipantList:
    """A participant list as it may be stored (:data:`PARTICIPANT_SCHEMA`) and the columns it was read from."""

    participants: pl.DataFrame
    columns: ColumnUse


def _spelled(people: table.PeopleTable, field: str, words: Mapping[str, object], dtype: pl.DataType) -> pl.Series:
    """Each cell of ``field`` looked up by its compared form; null for an empty or unknown one."""
    cells = people.text(field)
    found = {cell: words.get(header_key(cell)) for cell in cells.drop_nulls().unique()}
    return cells.replace_strict(found, default=None, return_dtype=dtype)


def _refuse_unknown(people: table.PeopleTable, field: str, values: pl.Series, accepted: list[str], key: str) -> None:
    if (row := first_bad(people.rows, values.is_null())) is not None:
        raise PeopleError(
            key,
            file=people.file_name,
            row=row,
            column=people.label(field),
            accepted=", ".join(spelling.upper() for spelling in accepted),
        )


def segments(people: table.PeopleTable) -> pl.Series:
    """The :data:`uhc.figures.SEGMENTS` code of each row; :class:`PeopleError` at the first unknown one."""
    codes = _spelled(people, "segment", SEGMENT_OF, pl.String()).alias("segment")
    _refuse_unknown(people, "segment", codes, list(SEGMENT_OF), i18n.N_("people_unknown_segment"))
    return codes


def active_flags(people: table.PeopleTable) -> pl.Series:
    """Whether each row's status is AKTIF; :class:`PeopleError` at the first status that is neither."""
    active = _spelled(people, "status", ACTIVE_OF, pl.Boolean()).alias("active")
    _refuse_unknown(people, "status", active, list(ACTIVE_OF), i18n.N_("people_unknown_status"))
    return active


def arrears_months(people: table.PeopleTable, today: dt.date) -> pl.Series:
    """The months of arrears of each row (a whole number 0 to :func:`most_arrears_months`), null when empty.

    Written as digits (``7``), or a whole number in a numeric cell; :class:`PeopleError` names the
    first row holding anything else (``7 bulan``, ``-``, ``2,5``, a negative number, a year or an amount).
    """
    cells = people.text("arrears_months")
    most = most_arrears_months(today)
    months = cells.str.strip_chars().cast(pl.Int64, strict=False).alias("arrears_months")
    bad = cells.is_not_null() & (
        ~cells.str.strip_chars().str.contains(r"^[0-9]{1,6}$") | months.is_null() | (months > most)
    )
    if (row := first_bad(people.rows, bad)) is not None:
        raise PeopleError(
            "people_bad_arrears_months",
            file=people.file_name,
            row=row,
            column=people.label("arrears_months"),
            most=most,
        )
    return months.cast(pl.Int32)


def addresses(people: table.PeopleTable, tree: pl.DataFrame, city_code: str) -> pl.DataFrame:
    """``address_code`` (10 digits, any kab/kota) and ``kemendagri_code`` (the city's kelurahan) of each row.

    A code of another kab/kota (its first four digits are not the city's) is kept with no kelurahan;
    a code of the city that is none of its kelurahan, or a name that matches none, is refused.
    """
    place = people.text("address")
    frame = pl.DataFrame(
        {"place": place, "named": table.kelurahan_codes(people, tree, "address")},
        schema={"place": pl.String, "named": pl.String},
    )
    is_code = pl.col("place").str.contains(_ADDRESS_CODE).fill_null(False)
    digits = pl.col("place").str.replace_all(".", "", literal=True)
    elsewhere = is_code & (digits.str.slice(0, 4) != city_code.replace(".", "")[:4])
    located = frame.select(
        pl.when(is_code)
        .then(digits)
        .otherwise(pl.col("named").str.replace_all(".", "", literal=True))
        .alias("address_code"),
        pl.when(elsewhere).then(pl.lit(None, pl.String)).otherwise(pl.col("named")).alias("kemendagri_code"),
        (pl.col("place").is_not_null() & ~elsewhere & pl.col("named").is_null()).alias("unknown"),
    )
    if (row := first_bad(people.rows, located["unknown"])) is not None:
        raise PeopleError("people_unknown_kelurahan", file=people.file_name, row=row, column=people.label("address"))
    return located.drop("unknown")


def read_participants(
    data: bytes,
    file_name: str,
    key: keys.CityKey,
    tree: pl.DataFrame,
    nik_checks: NikChecks,
    city_code: str,
    mapping: Mapping[str, str] | None = None,
    today: dt.date | None = None,
) -> ParticipantList:
    """The participants of a BPJS list, pseudonymised and encrypted with ``key``, of :data:`PARTICIPANT_SCHEMA`.

    ``tree`` is the region tree of the city ``city_code`` (61.71) as stored; ``nik_checks`` gives
    each NIK its category. Raises :class:`PeopleError` naming file, row and column (never a value)
    for a file that is unreadable, lacks the NIK, segment or status column, or has an unreadable
    date, a bad card number, an unknown segment, status or kelurahan, or months of arrears that are
    not a whole number of months JKN can have run by ``today`` (default: the day it runs).
    ``mapping`` names the header of a field (``--column FIELD=HEADER``).
    """
    people = table.read_people_table(data, file_name, LAYOUT, mapping)
    stated_birth = table.birth_dates(people)
    card = table.checked_numbers(people, "card", keys.DIGITS_OF["card"], "noKartu")
    segment = segments(people)
    active = active_flags(people)
    located = addresses(people, tree, city_code)
    arrears = arrears_months(people, today or dt.date.today())
    checked = nik_checks(people.text("nik"), stated_birth, people.text("sex"))
    names = people.text("name")
    private = keys.protected(
        key,
        {
            "nik_pseudonym": (keys.number_prefix("nik"), keys.checked_digits("nik", checked["nik"])),
            "card_pseudonym": (keys.number_prefix("card"), card),
            "identity_pseudonym": (keys.IDENTITY_PREFIX, table.identities(names, stated_birth)),
            "name_encrypted": (keys.ENCRYPT, names),
            "nik_masked_encrypted": (keys.ENCRYPT, keys.masked_niks(checked["nik"])),
        },
    )
    rows = pl.DataFrame(
        {
            "source_row": people.rows.cast(pl.Int32),
            **private,
            "sex": table.stated_sexes(people),
            "birth_date": stated_birth,
            "segment": segment,
            "active": active,
            "inactive_reason": people.text("reason"),
            "fktp_code": people.text("fktp"),
            "address_code": located["address_code"],
            "kemendagri_code": located["kemendagri_code"],
            "nik_category": checked["nik_category"].cast(pl.String),
            "arrears_months": arrears,
        },
        schema=PARTICIPANT_SCHEMA,
    )
    return ParticipantList(rows, people.use)
