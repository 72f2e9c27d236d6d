"""A synthetic resident register (Dukcapil style) and BPJS participant list for a city and month.

Nobody in these frames exists. Given residents per kelurahan and registered/active participants per
kelurahan and segment (the demo's figures, or any others of that shape), the generator draws
families, names, birth dates, NIKs and cards with a seeded numpy generator, so that:

- the register holds exactly the given residents per kelurahan (counted once: planted duplicate rows
  aside);
- the participant list holds exactly the registered participants per kelurahan and segment, and the
  active ones, counted by the kelurahan code of the participant's address (duplicate rows aside);
- a few messy cases are planted in stated numbers (:class:`Messy`) and reported (:class:`Planted`).

Every step is numpy or Polars over whole columns (no Python loop per person), so a city of
2,4 million residents takes seconds. Same inputs and seed, same frames.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from uhc.figures import SEGMENTS
from uhc.store import demo
from uhc.store.regions import city_region_tree, kab_kota

DEFAULT_SEED = 12
# How the BPJS list writes each segment.
SEGMENT_LABELS = {"pbi_apbn": "PBI APBN", "pbi_apbd": "PBI APBD", "ppu": "PPU", "pbpu": "PBPU", "bp": "BP"}
# The stream of the demo's months of arrears (see synthetic_people), apart from the main generator's.
ARREARS_STREAM = 13
# Why a participant of a segment is not active, as the list's KETERANGAN says (synthetic wording).
INACTIVE_REASONS = {
    "pbi_apbn": ("DINONAKTIFKAN KEMENSOS",),
    "pbi_apbd": ("DINONAKTIFKAN PEMDA",),
    "ppu": ("BERHENTI BEKERJA", "BADAN USAHA MENUNGGAK IURAN"),
    "pbpu": ("MENUNGGAK IURAN",),
    "bp": ("MENUNGGAK IURAN",),
}
RELATIONS = ("KEPALA KELUARGA", "ISTRI", "ANAK", "ORANG TUA", "FAMILI LAIN")
_HEAD, _WIFE, _CHILD, _PARENT, _RELATIVE = range(len(RELATIONS))
# People in a Kartu Keluarga: 1 to 8, mean 3,65 (Indonesian households average about 3,6-4).
FAMILY_SIZE_SHARES = (0.10, 0.17, 0.22, 0.22, 0.15, 0.08, 0.04, 0.02)
# A participant counted in a kelurahan whose NIK is not in its register (moved away, died, first
# registered elsewhere): at least this share, and every participant above the kelurahan's residents.
NOT_IN_REGISTER_SHARE = 0.03
# Residents whose NIK carries another kecamatan of the city (first registered there).
NIK_OTHER_KECAMATAN_SHARE = 0.08
# Residents per RW and RT per RW when numbering a kelurahan's neighbourhoods.
RESIDENTS_PER_RW = 2500
RT_PER_RW = 8
# A synthetic BPJS branch code at the head of every FKTP code (branch, P puskesmas / U clinic, number).
FKTP_BRANCH = "1701"

# Common Indonesian given names and second names, the kind found on any class list: they are
# common names, not people. Upper case, as Dukcapil and BPJS write names.
MALE_NAMES = (
    "MUHAMMAD", "AHMAD", "BUDI", "AGUS", "ANDI", "RIZKY", "DEDI", "HENDRA", "IWAN", "JOKO",
    "RUDI", "SURYA", "WAHYU", "YUSUF", "FAJAR", "ARIF", "BAYU", "DIMAS", "EKO", "HARI",
    "IRFAN", "RAHMAT", "SYAHRUL", "TAUFIK", "HASAN", "ILHAM", "DANI", "ADITYA", "REZA", "FIRMAN",
)  # fmt: skip
FEMALE_NAMES = (
    "SITI", "NUR", "DEWI", "SRI", "RINA", "ANI", "FITRI", "PUTRI", "AYU", "INDAH",
    "LESTARI", "WULAN", "YULIA", "RATNA", "DIAN", "NOVITA", "MAYA", "RAHMA", "NURUL", "AISYAH",
    "FATIMAH", "LINDA", "MEGA", "SARI", "TIKA", "HANA", "INTAN", "NADIA", "RINI", "ERNA",
)  # fmt: skip
MALE_SECOND_NAMES = (
    "SAPUTRA", "PRATAMA", "HIDAYAT", "SETIAWAN", "KURNIAWAN", "NUGROHO", "SANTOSO", "WIJAYA",
    "HAKIM", "RAMADHAN", "FIRMANSYAH", "GUNAWAN", "SYAHPUTRA", "PRASETYO", "HIDAYATULLAH",
)  # fmt: skip
FEMALE_SECOND_NAMES = (
    "SAPUTRI", "LESTARI", "HANDAYANI", "RAHAYU", "SAFITRI", "PERMATASARI", "KARTIKA",
    "WULANDARI", "ANGGRAINI", "NINGSIH", "PUSPITA", "AMELIA", "FEBRIANTI", "OKTAVIANI", "MAHARANI",
)  # fmt: skip
# Common Indonesian street names (names of national heroes and places found in most cities).
STREETS = (
    "MERDEKA", "SUDIRMAN", "DIPONEGORO", "AHMAD YANI", "IMAM BONJOL", "KARTINI", "PATTIMURA",
    "GAJAH MADA", "HASANUDDIN", "SUTOMO", "AGUS SALIM", "CUT NYAK DIEN", "TEUKU UMAR",
    "WR SUPRATMAN", "PERINTIS KEMERDEKAAN", "KH WAHID HASYIM", "DR SOETOMO", "M HATTA",
    "SISINGAMANGARAJA", "PANGERAN ANTASARI", "TANJUNGPURA", "PARIT HAJI HUSIN", "KOMYOS SUDARSO",
    "SUNGAI RAYA DALAM", "DANAU SENTARUM", "PURNAMA", "KARYA BARU", "SEPAKAT", "HARAPAN JAYA",
    "MELATI",
)  # fmt: skip


@dataclass(frozen=True)
class Messy:
    """How many rows of each messy kind to plant (capped by the people there are)."""

    resident_duplicate_rows: int = 25
    participant_duplicate_rows: int = 40
    participants_without_nik: int = 30
    # Each kind of invalid NIK, named after the category uhc.core.nik gives it.
    invalid_nik_not_16_digits: int = 12
    invalid_nik_digits_lost: int = 10
    invalid_nik_zero_serial: int = 6
    invalid_nik_invalid_birth_date: int = 8
    registered_elsewhere: int = 50


@dataclass(frozen=True)
class Planted:
    """What the generator put in the two frames, in people and rows."""

    residents: int  # distinct residents in the register
    resident_duplicate_rows: int  # extra copies of register rows
    participants: int  # distinct participants counted in the city's kelurahan
    participants_not_in_register: int  # of them, whose NIK is not in the register
    participant_duplicate_rows: int  # extra copies of participant rows
    participants_without_nik: int
    invalid_nik_not_16_digits: int
    invalid_nik_digits_lost: int
    invalid_nik_zero_serial: int
    invalid_nik_invalid_birth_date: int
    registered_elsewhere: int  # residents on the list with another kab/kota's kelurahan code

    @property
    def invalid_niks(self) -> int:
        """Participants whose NIK was made invalid, every kind together."""
        return (
            self.invalid_nik_not_16_digits
            + self.invalid_nik_digits_lost
            + self.invalid_nik_zero_serial
            + self.invalid_nik_invalid_birth_date
        )


@dataclass(frozen=True)
class People:
    """The register, the participant list and what was planted in them."""

    residents: pl.DataFrame
    participants: pl.DataFrame
    planted: Planted


_BROKEN = {"NIK": pl.String, "kind": pl.String}


def _rank_within(groups: np.ndarray, *keys: np.ndarray) -> np.ndarray:
    """Each element's rank (0 first) within its group, ordered by ``keys`` (the last is the primary key; none: row order)."""
    n = len(groups)
    order = np.lexsort((*keys, groups)) if keys else np.argsort(groups, kind="stable")
    sorted_groups = groups[order]
    starts = np.ones(n, dtype=bool)
    starts[1:] = sorted_groups[1:] != sorted_groups[:-1]
    positions = np.arange(n)
    first = np.maximum.accumulate(np.where(starts, positions, 0))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = positions - first
    return rank


def _ddmmyy(day: np.ndarray, offset: np.ndarray | int = 0) -> np.ndarray:
    """DDMMYY of datetime64[D] values as an integer, ``offset`` added to the day (40 for women in a NIK)."""
    months = day.astype("datetime64[M]")
    years = months.astype("datetime64[Y]")
    dd = (day - months).astype(np.int64) + 1 + offset
    mm = (months - years).astype(np.int64) + 1
    yy = (years.astype(np.int64) + 1970) % 100
    return dd * 10_000 + mm * 100 + yy


def _sixteen_digits(region: np.ndarray, ddmmyy: np.ndarray) -> np.ndarray:
    """Region (6 digits), DDMMYY and a serial from 0001 within each region and DDMMYY, as integers."""
    head = region * 1_000_000 + ddmmyy
    return head * 10_000 + _rank_within(head) + 1


def _text(numbers: np.ndarray, width: int) -> pl.Series:
    """Integers as text of ``width`` digits, leading zeros kept."""
    return pl.Series(numbers).cast(pl.String).str.zfill(width)


def synthetic_people(
    counts: pl.DataFrame,
    on: dt.date,
    elsewhere_codes: Sequence[str],
    seed: int = DEFAULT_SEED,
    messy: Messy = Messy(),
) -> People:
    """The register and the participant list agreeing with ``counts`` on the day ``on``.

    Parameters
    ----------
    counts
        One row per kelurahan: ``kemendagri_code`` (dotted, 13 characters), ``population`` and, for
        every segment of :data:`uhc.figures.SEGMENTS`, ``{segment}_registered`` and ``{segment}_active``.
    on
        The day of the register and list: nobody is born after it, and no KK is issued after it.
    elsewhere_codes
        Kelurahan/desa codes of other kab/kota, for residents the list has at another address.
    """
    rng = np.random.default_rng(seed)
    counts = counts.sort("kemendagri_code")
    kel_codes = counts["kemendagri_code"].to_numpy().astype(str)
    kec_codes, kel_kec = np.unique(np.char.replace(np.array([c[:8] for c in kel_codes]), ".", ""), return_inverse=True)
    population = counts["population"].to_numpy().astype(np.int64)
    registered = counts.select([f"{s}_registered" for s in SEGMENTS]).to_numpy().astype(np.int64)
    active = counts.select([f"{s}_active" for s in SEGMENTS]).to_numpy().astype(np.int64)
    n_kel = len(kel_codes)
    reg_total = registered.sum(axis=1)
    outsiders = np.minimum(reg_total, np.maximum(reg_total - population, np.round(reg_total * NOT_IN_REGISTER_SHARE)))
    outsiders = outsiders.astype(np.int64)
    covered = reg_total - outsiders  # residents of the kelurahan on its list
    n_res, n_out = int(population.sum()), int(outsiders.sum())
    n = n_res + n_out

    # Families: one long run of KK sizes cut where a kelurahan ends; the people outside the
    # register (appended after the residents) are one-person families.
    sizes = rng.choice(len(FAMILY_SIZE_SHARES), size=n_res // 3 + 10, p=FAMILY_SIZE_SHARES) + 1
    drawn_family = np.searchsorted(np.cumsum(sizes), np.arange(n_res), side="right")
    kel = np.concatenate([np.repeat(np.arange(n_kel), population), np.repeat(np.arange(n_kel), outsiders)])
    starts = np.ones(n, dtype=bool)
    starts[1:n_res] = (np.diff(drawn_family) != 0) | (np.diff(kel[:n_res]) != 0)
    family = np.cumsum(starts) - 1
    n_fam = int(family[-1]) + 1 if n else 0
    first_of_family = np.flatnonzero(starts)
    position = np.arange(n) - first_of_family[family]
    family_size = np.bincount(family, minlength=n_fam)[family]

    # Relations, sex and age: the head first, a wife when the head is a man, then children, now
    # and then a parent of the head or another relative.
    head_male = rng.random(n_fam) < 0.85
    head_age = rng.uniform(22, 75, n_fam)
    u = rng.random(n)
    relation = np.full(n, _CHILD)
    relation[position == 0] = _HEAD
    relation[(position == 1) & head_male[family] & (u < 0.92)] = _WIFE
    relation[(position >= 2) & (position == family_size - 1) & (family_size >= 5) & (u < 0.15)] = _PARENT
    relation[(relation == _CHILD) & (u > 0.97)] = _RELATIVE
    female = rng.random(n) < 0.5
    female[relation == _HEAD] = ~head_male[family[relation == _HEAD]]
    female[relation == _WIFE] = True
    female[relation == _PARENT] = rng.random(int((relation == _PARENT).sum())) < 0.65
    wife_age = head_age[family] - rng.uniform(0, 8, n)
    age = np.select(
        [relation == _HEAD, relation == _WIFE, relation == _PARENT],
        [head_age[family], np.where(wife_age < 18, rng.uniform(18, 24, n), wife_age), head_age[family] + 25],
        default=head_age[family] - rng.uniform(19, 40, n),
    )
    age = np.where(relation == _RELATIVE, rng.uniform(5, 60, n), age)
    age = np.where(age < 0.05, rng.uniform(0.05, 3, n), age)
    age = np.where(age > 95, rng.uniform(80, 95, n), age)
    age[n_res:] = rng.uniform(18, 80, n_out)
    birth = np.datetime64(on, "D") - (age * 365.25).astype(np.int64).astype("timedelta64[D]")

    # The NIK's kecamatan: where the person was first registered, mostly their own.
    kec_numbers = kec_codes.astype(np.int64)
    nik_kec = np.where(rng.random(n) < NIK_OTHER_KECAMATAN_SHARE, rng.integers(0, len(kec_codes), n), kel_kec[kel])
    nik = _sixteen_digits(kec_numbers[nik_kec], _ddmmyy(birth, np.where(female, 40, 0)))
    # Names: an index into the men's names followed by the women's; "" for people with one name.
    given = np.where(
        female, len(MALE_NAMES) + rng.integers(0, len(FEMALE_NAMES), n), rng.integers(0, len(MALE_NAMES), n)
    )
    second = np.where(
        female,
        len(MALE_SECOND_NAMES) + rng.integers(0, len(FEMALE_SECOND_NAMES), n),
        rng.integers(0, len(MALE_SECOND_NAMES), n),
    )
    second = np.where(rng.random(n) < 0.15, len(MALE_SECOND_NAMES) + len(FEMALE_SECOND_NAMES), second)

    # Neighbourhoods: a kelurahan's families in order fill its RW, and within each RW its RT.
    fam_kel = kel[first_of_family]
    fam_rank = _rank_within(fam_kel)
    fam_in_kel = np.maximum(1, np.bincount(fam_kel[: family[n_res - 1] + 1], minlength=n_kel))[fam_kel]
    rw_count = np.maximum(1, np.round(population / RESIDENTS_PER_RW)).astype(np.int64)[fam_kel]
    rw = fam_rank * rw_count // fam_in_kel + 1
    rt = (fam_rank * rw_count * RT_PER_RW // fam_in_kel) % RT_PER_RW + 1
    street = (fam_kel * 31 + rw * 7 + rt * 3) % len(STREETS)
    house = rng.integers(1, 200, n_fam)
    kk_issued = np.datetime64(on, "D") - rng.integers(0, 15 * 365, n_fam).astype("timedelta64[D]")
    no_kk = _sixteen_digits(kec_numbers[kel_kec[fam_kel]], _ddmmyy(kk_issued))

    r = family[:n_res]
    names = pl.Series(MALE_NAMES + FEMALE_NAMES)
    second_names = pl.Series(MALE_SECOND_NAMES + FEMALE_SECOND_NAMES + ("",))
    people = pl.DataFrame(
        {
            "NIK": _text(nik, 16),
            "NAMA": (names.gather(given) + " " + second_names.gather(second)).str.strip_chars_end(),
            "JENIS_KELAMIN": pl.Series(["L", "P"]).gather(female.astype(np.int64)),
            "TANGGAL_LAHIR": birth,
        }
    )
    residents_all = (
        people.slice(0, n_res)
        .with_columns(
            NO_KK=_text(no_kk[r], 16),
            ALAMAT="JL. " + pl.Series(STREETS).gather(street[r]) + " NO. " + pl.Series(house[r]).cast(pl.String),
            RT=_text(rt[r], 3),
            RW=_text(rw[r], 3),
            KODE_KELURAHAN=pl.Series(kel_codes.tolist()).gather(kel[:n_res]),
            HUBUNGAN=pl.Series(RELATIONS).gather(relation[:n_res]),
        )
        .select(
            "NIK", "NO_KK", "NAMA", "JENIS_KELAMIN", "TANGGAL_LAHIR", "ALAMAT", "RT", "RW", "KODE_KELURAHAN", "HUBUNGAN"
        )
    )

    # Who is on the list: in each kelurahan, whole families first (by a random key per family),
    # then everyone outside the register counted there.
    family_key = rng.random(n_fam)
    rank_in_kel = _rank_within(kel[:n_res], position[:n_res], family_key[family[:n_res]])
    on_list = np.flatnonzero(rank_in_kel < covered[kel[:n_res]])
    members = np.concatenate([on_list, np.arange(n_res, n)])
    # Segments and activity go by family too: a second and a third key per family.
    member_kel = kel[members]
    order = np.lexsort((position[members], rng.random(n_fam)[family[members]], member_kel))
    members, member_kel = members[order], member_kel[order]
    segment = np.repeat(np.tile(np.arange(len(SEGMENTS)), n_kel), registered.ravel())
    active_rank = _rank_within(member_kel * len(SEGMENTS) + segment, rng.random(n_fam)[family[members]])
    is_active = active_rank < active[member_kel, segment]

    # Residents the list has under another kab/kota's address: taken from those not on it.
    not_listed = np.ones(n_res, dtype=bool)
    not_listed[on_list] = False
    off_list = np.flatnonzero(not_listed)
    n_elsewhere = min(messy.registered_elsewhere, len(off_list)) if len(elsewhere_codes) else 0
    elsewhere = np.sort(rng.choice(off_list, size=n_elsewhere, replace=False)) if n_elsewhere else np.array([], int)
    listed = np.concatenate([members, elsewhere])
    listed_segment = np.concatenate([segment, rng.integers(0, len(SEGMENTS), n_elsewhere)])
    listed_active = np.concatenate([is_active, np.ones(n_elsewhere, dtype=bool)])
    # The address: an index into the city's kelurahan codes followed by the other kab/kota's.
    address = np.concatenate([member_kel, n_kel + rng.integers(0, max(1, len(elsewhere_codes)), n_elsewhere)])
    m = len(listed)
    # 13-digit card numbers: an affine map of 0..m-1 modulo 10^10 (odd, not a multiple of 5: one to one).
    card = (np.arange(m, dtype=np.int64) * 7_919_031 + int(rng.integers(0, 10**10))) % 10**10
    # Each segment's reasons, the first repeated so that every row of the table has two.
    reason_table = np.array([(INACTIVE_REASONS[s] * 2)[:2] for s in SEGMENTS])
    reason = reason_table[listed_segment, rng.integers(0, 2, m)]
    puskesmas = rng.random(m) < 0.6
    fktp_number = np.where(puskesmas, kel[listed] + 1, rng.integers(1, 40, m))
    participants = (
        people.select("NIK", "NAMA", TGL_LAHIR="TANGGAL_LAHIR")
        .gather(listed)
        .with_columns(
            NO_KARTU=pl.lit("000") + pl.Series(card).cast(pl.String).str.zfill(10),
            SEGMEN=pl.Series([SEGMENT_LABELS[s] for s in SEGMENTS]).gather(listed_segment),
            STATUS=pl.when(pl.Series(listed_active)).then(pl.lit("AKTIF")).otherwise(pl.lit("NON AKTIF")),
            KETERANGAN=pl.when(pl.Series(listed_active)).then(pl.lit(None, pl.String)).otherwise(pl.Series(reason)),
            KODE_FKTP=pl.lit(FKTP_BRANCH)
            + pl.when(pl.Series(puskesmas)).then(pl.lit("P")).otherwise(pl.lit("U"))
            + pl.Series(fktp_number).cast(pl.String).str.zfill(3),
            KODE_KELURAHAN=pl.Series([*kel_codes.tolist(), *elsewhere_codes]).gather(address),
        )
        .select("NIK", "NO_KARTU", "NAMA", "TGL_LAHIR", "SEGMEN", "STATUS", "KETERANGAN", "KODE_FKTP", "KODE_KELURAHAN")
    )
    # Months of arrears of the non-active mandiri participants (PBPU, BP), 1 to 36: some above the
    # 24 the arrears rule counts. A generator of their own, so the draws above and below are unchanged.
    arrears = np.random.default_rng([seed, ARREARS_STREAM]).integers(1, 37, m)
    in_arrears = ~listed_active & np.isin(listed_segment, [SEGMENTS.index("pbpu"), SEGMENTS.index("bp")])
    participants = participants.with_columns(
        JML_BLN_TUNGGAK=pl.when(pl.Series(in_arrears)).then(pl.Series(arrears)).cast(pl.Int32)
    )
    return _with_mess(residents_all, participants, len(members), n_out, n_elsewhere, messy, rng)


def _with_mess(
    residents: pl.DataFrame,
    participants: pl.DataFrame,
    counted: int,
    not_in_register: int,
    elsewhere: int,
    messy: Messy,
    rng: np.random.Generator,
) -> People:
    """Plant the messy cases: NIKs lost or broken on the list, then duplicate rows in both frames."""
    # Distinct participants of the city's kelurahan (the first ``counted`` rows) lose or break their NIK.
    kinds = {
        "without_nik": messy.participants_without_nik,
        "not_16_digits": messy.invalid_nik_not_16_digits,
        "digits_lost": messy.invalid_nik_digits_lost,
        "zero_serial": messy.invalid_nik_zero_serial,
        "invalid_birth_date": messy.invalid_nik_invalid_birth_date,
    }
    wanted = min(sum(kinds.values()), counted)
    picked = rng.choice(counted, size=wanted, replace=False)
    kind: list[str] = []
    placed: dict[str, int] = {}
    for name, number in kinds.items():
        placed[name] = min(number, wanted - len(kind))
        kind += [name] * placed[name]
    # Only the picked rows change: their new NIKs are worked out on their own and put back in place.
    nik, which = pl.col("NIK"), pl.col("kind")
    broken = pl.DataFrame({"NIK": participants["NIK"].gather(picked), "kind": kind}, schema=_BROKEN).select(
        pl.when(which == "without_nik")
        .then(pl.lit(None, pl.String))
        # a digit dropped, as when a leading zero or a last digit is lost while typing
        .when(which == "not_16_digits")
        .then(nik.str.slice(0, 15))
        # Excel's scientific form of a 16-digit number: 6.17101E+15
        .when(which == "digits_lost")
        .then(nik.str.slice(0, 1) + pl.lit(".") + nik.str.slice(1, 5) + pl.lit("E+15"))
        .when(which == "zero_serial")
        .then(nik.str.slice(0, 12) + pl.lit("0000"))
        # day 00: no calendar date
        .when(which == "invalid_birth_date")
        .then(nik.str.slice(0, 6) + pl.lit("00") + nik.str.slice(8, 8))
        .otherwise(nik)
    )
    participants = participants.with_columns(participants["NIK"].scatter(picked, broken.to_series()))
    resident_copies = min(messy.resident_duplicate_rows, residents.height)
    participant_copies = min(messy.participant_duplicate_rows, participants.height)
    # A copy sits right after its row, as a row entered twice does.
    residents = residents.gather(
        np.sort(
            np.concatenate([np.arange(residents.height), rng.choice(residents.height, resident_copies, replace=False)])
        )
    )
    participants = participants.gather(
        np.sort(
            np.concatenate(
                [np.arange(participants.height), rng.choice(participants.height, participant_copies, replace=False)]
            )
        )
    )
    planted = Planted(
        residents=residents.height - resident_copies,
        resident_duplicate_rows=resident_copies,
        participants=counted,
        participants_not_in_register=not_in_register,
        participant_duplicate_rows=participant_copies,
        participants_without_nik=placed["without_nik"],
        invalid_nik_not_16_digits=placed["not_16_digits"],
        invalid_nik_digits_lost=placed["digits_lost"],
        invalid_nik_zero_serial=placed["zero_serial"],
        invalid_nik_invalid_birth_date=placed["invalid_birth_date"],
        registered_elsewhere=elsewhere,
    )
    return People(residents=residents, participants=participants, planted=planted)


def month_end(month: dt.date) -> dt.date:
    """The last day of ``month``."""
    return dt.date(month.year + month.month // 12, month.month % 12 + 1, 1) - dt.timedelta(days=1)


def demo_counts(month: dt.date) -> pl.DataFrame:
    """The demo city's residents and participants per kelurahan and segment in ``month`` (as the store holds them)."""
    tree = city_region_tree(kab_kota(demo.CITY_CODE))
    kelurahan = tree.filter(pl.col("level") == "kelurahan").sort("kemendagri_code")
    population = demo.demo_population(kelurahan)
    # The population in force in a month is the latest semester ending by the month's end.
    as_of = max(d for d in demo.CITY_POPULATION if d <= month_end(month))
    coverage = demo.demo_coverage(kelurahan, population).filter(pl.col("period") == month)
    if coverage.is_empty():
        raise ValueError(
            f"the demo has no month {month:%Y-%m}; it runs {demo.FIRST_MONTH:%Y-%m} to {demo.LAST_MONTH:%Y-%m}"
        )
    return coverage.join(
        population.filter(pl.col("as_of") == as_of).select("kemendagri_code", "population"), on="kemendagri_code"
    )


def demo_people(month: dt.date = demo.LAST_MONTH, seed: int = DEFAULT_SEED, messy: Messy = Messy()) -> People:
    """The demo city's synthetic register and BPJS list for ``month``, on its last day.

    Residents registered elsewhere are given desa codes of the neighbouring Kabupaten Kubu Raya (61.12).
    """
    neighbour = city_region_tree(kab_kota("61.12"))
    elsewhere = neighbour.filter(pl.col("level") == "kelurahan")["kemendagri_code"].sort().to_list()
    return synthetic_people(demo_counts(month), month_end(month), elsewhere, seed=seed, messy=messy)
