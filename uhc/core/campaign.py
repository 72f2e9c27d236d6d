"""The door-to-door campaign's vocabulary: what a cadre is asked to do, what a visit found, and how a
sheet names the person it is about. Described once here; the lists (PDF, XLSX), the results import,
the Pendataan page and the CLI read it.

- An **action** is what the list asks of the cadre for one person: enrol a resident found on no
  BPJS list, reactivate a non-active participant, or check a person (a close name on the list, a
  duplicate, a NIK that fails its checks).
- A **result** is what the visit found. On paper a cadre writes its number (1-8) in the box; in the
  XLSX the result column takes the number or the word in either language (case, spaces and
  ``_``/``-`` do not matter).
- A **reference** (``12-R3-1045``) names a person of a stored match run: the run, the side (``R`` a
  register row, ``P`` a BPJS list row), the import batch and the row in that import's file. It holds
  no personal value; the results import finds the person by it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

from uhc import i18n
from uhc.core.metrics import people_short  # the gap's own rounding of people short of a target

ACTIONS: tuple[str, ...] = ("enrol", "reactivate", "check")
ACTION_KEYS = {
    "enrol": i18n.N_("campaign_action_enrol"),
    "reactivate": i18n.N_("campaign_action_reactivate"),
    "check": i18n.N_("campaign_action_check"),
}


@dataclass(frozen=True)
class Result:
    """One result a visit can bring back.

    code:      the stored code (campaign_result.result)
    number:    what a cadre writes in the box on paper (1-8)
    spellings: the words the XLSX result column accepts (Indonesian first), normalised by :func:`normal`
    key:       its message key (its name in the user's language)
    covered:   the person is (again) a participant of the city: counted as an enrolment of the campaign
    needs_segment: the sheet must say which segment (enrolled as PBI APBD, PBPU, ...)
    """

    code: str
    number: int
    spellings: tuple[str, ...]
    key: str
    covered: bool = False
    needs_segment: bool = False


RESULTS: tuple[Result, ...] = (
    Result("enrolled", 1, ("TERDAFTAR", "DAFTAR", "ENROLLED"), i18n.N_("campaign_result_enrolled"), True, True),
    Result(
        "reactivated",
        2,
        ("AKTIF KEMBALI", "DIAKTIFKAN", "REACTIVATED"),
        i18n.N_("campaign_result_reactivated"),
        True,
        True,
    ),
    Result(
        "registered_elsewhere",
        3,
        ("TERDAFTAR DI TEMPAT LAIN", "TERDAFTAR LAIN", "REGISTERED ELSEWHERE"),
        i18n.N_("campaign_result_registered_elsewhere"),
    ),
    Result("moved", 4, ("PINDAH", "MOVED"), i18n.N_("campaign_result_moved")),
    Result("died", 5, ("MENINGGAL", "DIED"), i18n.N_("campaign_result_died")),
    Result(
        "not_at_address",
        6,
        ("TIDAK DI ALAMAT", "TIDAK DITEMUKAN", "NOT AT ADDRESS"),
        i18n.N_("campaign_result_not_at_address"),
    ),
    Result("refused", 7, ("MENOLAK", "REFUSED"), i18n.N_("campaign_result_refused")),
    Result("to_check", 8, ("PERLU DICEK", "DICEK", "TO CHECK"), i18n.N_("campaign_result_to_check")),
)
RESULT_CODES: tuple[str, ...] = tuple(result.code for result in RESULTS)
_BY_CODE = {result.code: result for result in RESULTS}


def normal(text: str) -> str:
    """A result word as compared: capitals, ``_`` and ``-`` as spaces, runs of spaces as one."""
    return " ".join(re.sub(r"[_\-]+", " ", text).upper().split())


_BY_WORD = {normal(word): result for result in RESULTS for word in (*result.spellings, result.code)}


def result(code: str) -> Result:
    """The result of a stored code."""
    return _BY_CODE[code]


def read_result(cell: str | int | float) -> Result | None:
    """The result a sheet's cell names (its number 1-8 or a word in either language), None if none."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        if float(cell).is_integer():
            return next((result for result in RESULTS if result.number == int(cell)), None)
        return None
    text = normal(str(cell))
    if text.isdigit():
        return read_result(int(text))
    return _BY_WORD.get(text)


SIDES = {"register": "R", "participant": "P"}
_SIDE_OF_LETTER = {letter: side for side, letter in SIDES.items()}
_REFERENCE = re.compile(r"^(\d{1,9})-([RP])(\d{1,9})-(\d{1,9})$")


@dataclass(frozen=True, order=True)
class Reference:
    """A person of a stored match run, as a sheet names them."""

    run_id: int
    side: str  # 'register' or 'participant'
    batch_id: int
    source_row: int

    def __str__(self) -> str:
        return f"{self.run_id}-{SIDES[self.side]}{self.batch_id}-{self.source_row}"


def read_reference(cell: str) -> Reference | None:
    """The reference a sheet's cell holds (spaces around it and a lower-case letter allowed), None if none."""
    found = _REFERENCE.match(str(cell).strip().upper())
    if not found:
        return None
    run, letter, batch, row = found.groups()
    return Reference(int(run), _SIDE_OF_LETTER[letter], int(batch), int(row))


# The cadres' XLSX (one per kelurahan): its header row, the field each column holds, in the sheet's
# language (Indonesian, English). The results import finds the columns by these headings in either
# language (case and spaces do not matter); it reads ref, result, segment, result_date and cadre and
# never stores the note.
SHEET_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("ref", "Kode", "Code"),
    ("rw", "RW", "RW"),
    ("rt", "RT", "RT"),
    ("name", "Nama", "Name"),
    ("nik", "NIK (disamarkan)", "NIK (masked)"),
    ("address", "Alamat", "Address"),
    ("age_band", "Umur", "Age"),
    ("sex", "L/P", "M/F"),
    ("action", "Tindakan", "Action"),
    ("result", "Hasil (1-8)", "Result (1-8)"),
    ("segment", "Segmen", "Segment"),
    ("result_date", "Tanggal", "Date"),
    ("cadre", "Kader", "Cadre"),
    ("note", "Catatan", "Note"),
)


def mask_nik(digits: str) -> str | None:
    """The NIK as a cadre's sheet prints it: the first four digits, eight dots, the last four; None
    unless it is 16 digits. ``6171011708850012`` -> ``6171••••••••0012``."""
    if len(digits) != 16 or not digits.isdigit():
        return None
    return digits[:4] + "\u2022" * 8 + digits[-4:]


# What campaign progress is counted by: the areas of the lists (kelurahan, RW, RT) or the cadre team
# as written on the sheets.
PROGRESS_BY: dict[str, tuple[str, ...]] = {
    "kelurahan": ("kemendagri_code",),
    "rw": ("kemendagri_code", "rw"),
    "rt": ("kemendagri_code", "rw", "rt"),
    "cadre": ("cadre",),
}


def progress(results: pl.DataFrame, persons: pl.DataFrame, by: str = "rt") -> pl.DataFrame:
    """The campaign's progress per area (``by`` kelurahan, rw or rt) or per cadre team (``by`` cadre).

    ``results``: each person's result in force (kemendagri_code, rw, rt, result, cadre); ``persons``:
    the persons on the lists (kemendagri_code, rw, rt), one row each. One row per area or team, in
    order: ``persons`` on its lists, ``visited`` (a result in force), ``not_visited`` (persons -
    visited, at least 0), ``visited_pct``, then the count of each result of :data:`RESULTS` under its
    code. A cadre team has no persons of its own: ``persons``, ``not_visited`` and ``visited_pct``
    are null on its rows.
    """
    keys = list(PROGRESS_BY[by])
    counted = results.group_by(keys).agg(
        pl.len().cast(pl.Int64).alias("visited"),
        *((pl.col("result") == result.code).sum().cast(pl.Int64).alias(result.code) for result in RESULTS),
    )
    codes = [result.code for result in RESULTS]
    if by == "cadre":
        nothing = pl.lit(None, pl.Int64)
        frame = counted.with_columns(persons=nothing, not_visited=nothing, visited_pct=pl.lit(None, pl.Float64))
    else:
        listed = persons.group_by(keys).agg(pl.len().cast(pl.Int64).alias("persons"))
        frame = listed.join(counted, on=keys, how="full", coalesce=True).with_columns(
            pl.col("persons", "visited", *codes).fill_null(0)
        )
        frame = frame.with_columns(
            not_visited=(pl.col("persons") - pl.col("visited")).clip(lower_bound=0),
            visited_pct=pl.when(pl.col("persons") > 0).then(pl.col("visited") / pl.col("persons") * 100),
        )
    return frame.select(*keys, "persons", "visited", "not_visited", "visited_pct", *codes).sort(keys, nulls_last=True)


def gap_with_campaign(gap_rows: pl.DataFrame, enrolments: pl.DataFrame) -> pl.DataFrame:
    """The gap rows with the campaign's enrolments the BPJS recap does not count yet, kept apart.

    ``gap_rows``: rows of the gap engine (kemendagri_code of any level, period, population,
    registered, target_pct). ``enrolments``: each person's result in force (kemendagri_code of the
    kelurahan, result, result_date). A result counts for a row when its kelurahan lies in the row's
    region and it is dated after the row's month (a recap of that month cannot hold it yet):
    ``campaign_enrolled`` (result enrolled: a new participant, so registered + 1),
    ``campaign_reactivated`` (already registered: active + 1, coverage unchanged),
    ``coverage_with_campaign_pct`` = (registered + campaign_enrolled) / population x 100 and
    ``people_needed_with_campaign`` = ceil(target x population / 100) - registered - campaign_enrolled,
    at least 0 (null without a target or a population).
    """
    rows = gap_rows.with_row_index("_row")
    found = []
    for length in rows["kemendagri_code"].str.len_chars().unique().to_list():
        regions = rows.filter(pl.col("kemendagri_code").str.len_chars() == length).select(
            "_row", "kemendagri_code", pl.col("period").dt.month_end().alias("_month_end")
        )
        within = enrolments.select(pl.col("kemendagri_code").str.slice(0, length), "result", "result_date").join(
            regions, on="kemendagri_code"
        )
        found.append(
            within.filter(pl.col("result_date") > pl.col("_month_end"))
            .group_by("_row")
            .agg(
                (pl.col("result") == "enrolled").sum().cast(pl.Int64).alias("campaign_enrolled"),
                (pl.col("result") == "reactivated").sum().cast(pl.Int64).alias("campaign_reactivated"),
            )
        )
    schema = {"_row": pl.UInt32, "campaign_enrolled": pl.Int64, "campaign_reactivated": pl.Int64}
    counts = pl.concat(found) if found else pl.DataFrame(schema=schema)
    with_counts = rows.join(counts, on="_row", how="left").with_columns(
        pl.col("campaign_enrolled", "campaign_reactivated").fill_null(0)
    )
    registered = (pl.col("registered") + pl.col("campaign_enrolled")).alias("_registered_with_campaign")
    return (
        with_counts.with_columns(registered)
        .with_columns(
            coverage_with_campaign_pct=pl.when(pl.col("population") > 0).then(
                pl.col("_registered_with_campaign") / pl.col("population") * 100
            ),
            people_needed_with_campaign=pl.when((pl.col("population") > 0) & pl.col("target_pct").is_not_null()).then(
                people_short("target_pct", "population", "_registered_with_campaign")
            ),
        )
        .sort("_row")
        .drop("_row", "_registered_with_campaign")
    )
