"""A resident register (Dukcapil extract, CSV or XLSX) read into rows the store may hold.

The clear NIK, KK number, name and address stay inside :func:`read_register`: what it returns
holds their keyed pseudonyms and ciphertexts only (uhc/store/keys.py), and no message it raises
repeats one of them (a NIK with a typo may be another real person's).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import polars as pl

from uhc import i18n
from uhc.intake.people import table
from uhc.intake.people.table import ColumnUse, Layout, PeopleError, first_bad
from uhc.store import keys

# Header spellings seen in Dukcapil extracts, after upper-casing and turning _ . - into spaces
# (SIAK's own column names among them: NAMA_LGKP, JENIS_KLMIN, TGL_LHR, STAT_HBKEL, NO_RT, NO_KEL).
LAYOUT = Layout(
    headers={
        "nik": ("NIK", "NO NIK", "NOMOR NIK"),
        "kk": ("NO KK", "NKK", "NOMOR KK", "KK", "NO KARTU KELUARGA", "NOMOR KARTU KELUARGA"),
        "name": ("NAMA", "NAMA LENGKAP", "NAMA LGKP", "NAMA PENDUDUK"),
        "sex": ("JK", "JENIS KELAMIN", "L/P", "KELAMIN", "JENIS KLMIN", "JNS KELAMIN", "JNS KLMIN"),
        "birth_date": ("TGL LAHIR", "TANGGAL LAHIR", "TGL LHR"),
        "address": ("ALAMAT", "ALAMAT LENGKAP", "NAMA JALAN"),
        "rt": ("RT", "NO RT", "NOMOR RT"),
        "rw": ("RW", "NO RW", "NOMOR RW"),
        "kelurahan": (
            "KELURAHAN", "DESA", "KODE KELURAHAN", "KELURAHAN/DESA", "DESA/KELURAHAN", "KEL", "KODE DESA",
            "KEL NAME", "NAMA KEL", "NAMA KELURAHAN", "NO KEL", "KODE KEL", "KD KEL", "NAMA DESA",
        ),
        "relationship": (
            "HUBUNGAN", "SHDK", "HUBUNGAN KELUARGA", "STATUS HUBUNGAN DALAM KELUARGA", "HUB KELUARGA",
            "STAT HBKEL", "STAT HUB KEL", "STATUS HUBUNGAN",
        ),
        "life_status": ("STATUS PENDUDUK", "STATUS KEPENDUDUKAN", "KETERANGAN", "KET", "STATUS"),
    },
    required=("nik", "kelurahan"),
    absent_keys={
        "name": i18n.N_("register_without_name"),
        "rt": i18n.N_("register_without_rt"),
        "rw": i18n.N_("register_without_rw"),
        "life_status": i18n.N_("register_without_life_status"),
    },
)  # fmt: skip
REGISTER_SCHEMA: dict[str, pl.DataType] = {
    "source_row": pl.Int32(),
    "nik_pseudonym": pl.String(),
    "kk_pseudonym": pl.String(),
    "identity_pseudonym": pl.String(),
    "name_encrypted": pl.Binary(),
    "nik_masked_encrypted": pl.Binary(),
    "address_encrypted": pl.Binary(),
    "sex": pl.String(),
    "birth_date": pl.Date(),
    "rt": pl.String(),
    "rw": pl.String(),
    "relationship": pl.String(),
    "kemendagri_code": pl.String(),
    "nik_category": pl.String(),
    "life_status": pl.String(),
}
# What a register says of a resident no longer living there: died or moved out. Anything else
# (blank, HIDUP, AKTIF, PINDAH DATANG: moved in) is a resident.
_DIED = r"^(MENINGGAL|MATI|WAFAT|ALM)"
_MOVED = r"^PINDAH( KELUAR)?$|^PINDAH KELUAR"
# The callable that gives each NIK its category (uhc.core.nik.nik_checks with the kecamatan and
# the day bound): NIKs, stated birth dates, stated sexes -> a frame with ``nik`` and ``nik_category``.
NikChecks = Callable[[pl.Series, pl.Series, pl.Series], pl.DataFrame]
RegisterError = PeopleError


@dataclass(frozen=True)
class Register:
    """A register as it may be stored: one row per resident, of :data:`REGISTER_SCHEMA`."""

    file_name: str
    residents: pl.DataFrame
    columns: ColumnUse


def life_statuses(text: pl.Series) -> pl.Series:
    """``died`` or ``moved`` where a register's status column says so, else null."""
    status = text.str.to_uppercase().str.replace_all(r"[^A-Z ]", " ").str.replace_all(r" +", " ").str.strip_chars()
    return pl.DataFrame({"s": status}).select(
        pl.when(pl.col("s").str.contains(_DIED))
        .then(pl.lit("died"))
        .when(pl.col("s").str.contains(_MOVED))
        .then(pl.lit("moved"))
        .alias("life_status")
    )["life_status"]


def read_register(
    data: bytes,
    file_name: str,
    key: keys.CityKey,
    tree: pl.DataFrame,
    nik_checks: NikChecks,
    mapping: Mapping[str, str] | None = None,
) -> Register:
    """The residents of a register file, pseudonymised and encrypted with ``key``.

    ``tree`` is the city's region tree as stored (the kelurahan column is matched against it, by
    Kemendagri or BPS code or by name); ``nik_checks`` gives each NIK its category. Raises
    :class:`PeopleError` naming file, row and column (never a value) for a file that is unreadable,
    lacks the NIK or kelurahan column, or has an unreadable date, an unknown kelurahan or a bad KK.
    ``mapping`` names the header of a field (``--column FIELD=HEADER``).
    """
    people = table.read_people_table(data, file_name, LAYOUT, mapping)
    rows = people.rows
    stated_birth = table.birth_dates(people)
    stated_sex = table.stated_sexes(people)
    kk = table.checked_numbers(people, "kk", keys.DIGITS_OF["kk"], "KK")
    kelurahan = table.kelurahan_codes(people, tree)
    if (row := first_bad(rows, kelurahan.is_null())) is not None:
        raise PeopleError("people_unknown_kelurahan", file=file_name, row=row, column=people.label("kelurahan"))
    checked = nik_checks(people.text("nik"), stated_birth, people.text("sex"))
    names = people.text("name")
    private = keys.protected(
        key,
        {
            "nik_pseudonym": (keys.number_prefix("nik"), keys.checked_digits("nik", checked["nik"])),
            "kk_pseudonym": (keys.number_prefix("kk"), kk),
            "identity_pseudonym": (keys.IDENTITY_PREFIX, table.identities(names, stated_birth)),
            "name_encrypted": (keys.ENCRYPT, names),
            "nik_masked_encrypted": (keys.ENCRYPT, keys.masked_niks(checked["nik"])),
            "address_encrypted": (keys.ENCRYPT, people.text("address")),
        },
    )
    residents = pl.DataFrame(
        {
            "source_row": rows.cast(pl.Int32),
            **private,
            "sex": stated_sex,
            "birth_date": stated_birth,
            "rt": _neighbourhood(people.text("rt")),
            "rw": _neighbourhood(people.text("rw")),
            "relationship": people.text("relationship"),
            "kemendagri_code": kelurahan,
            "nik_category": checked["nik_category"].cast(pl.String),
            "life_status": life_statuses(people.text("life_status")),
        },
        schema=REGISTER_SCHEMA,
    )
    return Register(file_name, residents, people.use)


def _neighbourhood(numbers: pl.Series) -> pl.Series:
    """RT and RW numbers of up to three digits as three ("4" and "004" are one RT); other texts as written."""
    return numbers.to_frame("n").select(
        pl.when(pl.col("n").str.contains(r"^\d{1,3}$")).then(pl.col("n").str.zfill(3)).otherwise(pl.col("n"))
    )["n"]
