"""Which row is the header, a second header row under it, and which column holds what."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from uhc.figures import JKN_SEGMENTS
from uhc.intake.reader.decoding import Cell, _cell_text, _present
from uhc.intake.reader.months import parse_period
from uhc.intake.reader.numbers import _NUMBER_SHAPE, _compact
from uhc.intake.reader.schema import COUNT_COLUMNS, HEADER_SEARCH_ROWS, SEGMENT_COLUMNS, Kind

# Headers as they are written in BPJS recaps and Dukcapil tables, in the form header_key() gives
# (lower case, punctuation as spaces). A header that contains a synonym as whole words matches it;
# the longest synonym wins (PBPU Pemda is pbi_apbd, not pbpu), then the rightmost (in "Peserta PPU"
# the segment is the last word).
COLUMN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "region_code": (
        "kode wilayah",
        "kode",
        "kode kemendagri",
        "kode bps",
        "region code",
        "code",
        "kode wil",
        "kode daerah",
        "kode desa",
        "kode kelurahan",
        "kode kel",
        "kode desa kelurahan",
        "kode kelurahan desa",
        "kode kecamatan",
        "kode kec",
    ),
    "kecamatan": ("kecamatan", "kec", "district", "sub district", "subdistrict", "nama kecamatan", "distrik"),
    "kelurahan": (
        "kelurahan",
        "desa",
        "kel",
        "kelurahan desa",
        "desa kelurahan",
        "kel desa",
        "village",
        "nama kelurahan",
        "nama desa",
    ),
    "period": ("periode", "bulan", "period", "month", "bulan tahun", "periode data", "bulan data", "posisi"),
    "sex": ("jenis kelamin", "kelamin", "jk", "sex", "gender", "jenis kelamin l p"),
    "year": ("tahun", "year", "thn", "tahun data"),
    "population": (
        "jumlah penduduk",
        "penduduk",
        "population",
        "jumlah jiwa",
        "jiwa",
        "jml penduduk",
        "total penduduk",
        "penduduk dukcapil",
        "total population",
    ),
    "registered": (
        "jumlah peserta",
        "peserta",
        "terdaftar",
        "total peserta",
        "registered",
        "peserta terdaftar",
        "jml peserta",
        "peserta jkn",
        "jumlah peserta jkn",
        "total registered",
    ),
    "active": (
        "peserta aktif",
        "aktif",
        "active",
        "jumlah peserta aktif",
        "total peserta aktif",
        "active participants",
    ),
    "inactive": (
        "non aktif",
        "nonaktif",
        "tidak aktif",
        "peserta non aktif",
        "peserta tidak aktif",
        "jumlah peserta non aktif",
        "inactive",
        "non active",
    ),
    # The segments as uhc.figures describes them (once, for recaps and participant lists alike).
    **{segment.code: segment.spellings for segment in JKN_SEGMENTS},
}
# Dukcapil population tables: "Laki-laki | Perempuan | Jumlah", where the bare total is the population.
POPULATION_TOTAL_HEADERS = ("jumlah", "total", "jml", "l p", "jumlah l p", "total l p", "jml l p", "lk pr")
# Percentages (% Cakupan, % Keaktifan) are computed by the dashboard, not stored.
RATIO_WORDS = frozenset({"cakupan", "keaktifan", "persen", "persentase", "prosentase", "rasio", "coverage", "ratio"})
# Figures that are not counts of people, whatever else their header says: "KEPADATAN (JIWA/KM2)" is
# people per km², "Laju Pertumbuhan Penduduk" a rate, "Persentase Penduduk" a share. Such a column is
# never read as population or participants; a file whose only candidate is one is refused naming it.
# Reason -> phrases (words in a row, in header_key form); the first reason that matches is given, so
# density (km2 with people) comes before area (km2 alone).
NOT_COUNT_PHRASES: dict[str, tuple[str, ...]] = {
    "density": (
        "kepadatan",
        "density",
        "per km2",
        "per km",
        "per ha",
        "jiwa km2",
        "jiwa km",
        "jiwa ha",
        "orang km2",
        "penduduk km2",
        "people km2",
        "persons km2",
    ),
    "area": ("luas", "area", "km2", "km", "ha", "hektar", "hektare", "hectare", "hectares", "sq km", "m2"),
    "share": (
        *sorted(RATIO_WORDS),
        "percent",
        "percentage",
        "pct",
        "proporsi",
        "proportion",
        "share",
        "rate",
        "per 100",
        "per 1000",
        "per 1 000",
        "per 10000",
        "per 10 000",
        "per 100000",
        "per 100 000",
        "per seribu",
        "per mil",
        "permil",
    ),
    "average": ("rata rata", "rerata", "rata2", "average", "mean", "avg", "median"),
    "growth": ("pertumbuhan", "laju", "growth", "kenaikan", "penambahan"),
}
# Signs that make a header a share whatever its words: "% Penduduk", "‰", "‱".
NOT_COUNT_SIGNS = ("%", "\u2030", "\u2031")
# Words that make a header a different figure from the one its other words name: "Penduduk Belum
# Terdaftar" is not the registered, "Peserta Bulan Lalu" not this month's, "Peserta Laki-laki" half
# of them. Such a column is left unread rather than stored as the canonical figure.
OTHER_FIGURE_WORDS = frozenset(
    {
        "belum",
        "baru",
        "target",
        "sasaran",
        "tunggakan",
        "lalu",
        "sebelumnya",
        "sebelum",
        "selisih",
        "kenaikan",
        "penambahan",
        "persen",
    }
)
# The level a code column's header names (kode_provinsi ... kode_kelurahan), least detailed first;
# a code column without one (Kode Wilayah) is the region's own.
CODE_LEVEL_WORDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("province_code", frozenset({"provinsi", "propinsi", "prov", "prop", "province"})),
    ("kab_kota_code", frozenset({"kabupaten", "kota", "kab", "kabkota", "kabkot", "regency", "city"})),
    ("kecamatan_code", frozenset({"kecamatan", "kec", "distrik", "district", "subdistrict"})),
    ("region_code", frozenset({"kelurahan", "desa", "kel", "village", "keldesa"})),
)
# One sex is part of the population; a header naming both ("Laki-laki + Perempuan") is the total.
MALE_WORDS = frozenset({"laki", "pria", "lk", "l"})
FEMALE_WORDS = frozenset({"perempuan", "wanita", "pr", "p"})
SEX_WORDS = frozenset({"laki", "pria", "perempuan", "wanita"})
# "Jumlah Desa", "Jumlah Kelurahan": a count of villages, not the village's name.
COUNTING_WORDS = frozenset({"jumlah", "jml", "total", "banyaknya", "banyak"})


_COLUMN_NUMBER = re.compile(r"\(?([0-9]{1,2})\)?")


@functools.lru_cache(maxsize=8192)
def header_key(text: str) -> str:
    """A header reduced for comparison: lower case, punctuation and runs of spaces as one space."""
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


_SPLIT_COLUMNS = frozenset({"active", "inactive", *SEGMENT_COLUMNS})
_SYNONYM_WORDS = tuple(
    (tuple(synonym.split()), canonical) for canonical, synonyms in COLUMN_SYNONYMS.items() for synonym in synonyms
)


_NOT_COUNT_WORDS = tuple(
    (reason, tuple(tuple(p.split()) for p in phrases)) for reason, phrases in NOT_COUNT_PHRASES.items()
)


def _phrase_spans(words: Sequence[str], phrase: tuple[str, ...]) -> list[range]:
    """Where ``phrase`` occurs in ``words`` as whole words."""
    size = len(phrase)
    return [
        range(start, start + size)
        for start in range(len(words) - size + 1)
        if tuple(words[start : start + size]) == phrase
    ]


@functools.lru_cache(maxsize=8192)
def not_count_reason(header: str) -> str | None:
    """Why a header names a figure that is not a count of people, or None.

    ``density`` (kepadatan, per km²), ``area`` (luas, km², ha), ``share`` (%, persen, rasio,
    per 1.000), ``average`` (rata-rata) or ``growth`` (laju, pertumbuhan).
    """
    if any(sign in header for sign in NOT_COUNT_SIGNS):
        return "share"
    words = header_key(header).split()
    for reason, phrases in _NOT_COUNT_WORDS:
        if any(_phrase_spans(words, phrase) for phrase in phrases):
            return reason
    return None


@functools.lru_cache(maxsize=8192)
def _count_named_by(header: str, kind: Kind) -> str | None:
    """The count column a not-a-count header would name without its density, area, share... words.

    ``KEPADATAN (JIWA/KM2)`` -> ``population`` (it is about people, but not a count of them).
    """
    words = header_key(header).split()
    dropped = {
        index
        for _, phrases in _NOT_COUNT_WORDS
        for phrase in phrases
        for span in _phrase_spans(words, phrase)
        for index in span
    }
    # "jiwa" in "jiwa/km2" is what the density counts: kept, so the column is named as people.
    kept = {word for synonym, canonical in _SYNONYM_WORDS if canonical in COUNT_COLUMNS for word in synonym}
    rest = " ".join(w for index, w in enumerate(words) if (index not in dropped or w in kept) and w != "per")
    canonical = canonical_column(rest, kind) if rest else None
    return canonical if canonical in COUNT_COLUMNS else None


@functools.lru_cache(maxsize=8192)
def canonical_column(header: str, kind: Kind = "coverage") -> str | None:
    """The canonical column a header names (``Jumlah Peserta`` -> ``registered``), or None."""
    if not_count_reason(header) is not None:
        return None
    # "Posisi: Juni 2025" in a title row names a month, not the period column: over the real
    # header it would otherwise make a two-row header of the title.
    if any(ch.isdigit() for ch in header) and parse_period(header) is not None:
        return None
    words = header_key(header).split()
    if not words or OTHER_FIGURE_WORDS.intersection(words):
        return None
    if SEX_WORDS.intersection(words) and not (MALE_WORDS.intersection(words) and FEMALE_WORDS.intersection(words)):
        return None
    matches = [
        (start, start + len(synonym), canonical)
        for synonym, canonical in _SYNONYM_WORDS
        for start in range(len(words) - len(synonym) + 1)
        if tuple(words[start : start + len(synonym)]) == synonym
    ]
    # A match inside a longer one is part of it ("aktif" in "non aktif"); two parts of a split left
    # after that ("PBPU/BP", "Aktif dan Non Aktif") make one column of two figures: not guessed.
    outer = [
        m for m in matches if not any(o[0] <= m[0] and m[1] <= o[1] and (o[1] - o[0]) > (m[1] - m[0]) for o in matches)
    ]
    split = {canonical for _, _, canonical in outer if canonical in _SPLIT_COLUMNS}
    if len(split) > 1:
        return None
    if split:  # "Peserta JKN Aktif", "Jumlah Peserta PPU": the last words narrow the participants down
        outer = [m for m in outer if m[2] != "registered"]
    if outer:
        longest = max(end - start for start, end, _ in outer)
        start, _, canonical = max((m for m in outer if m[1] - m[0] == longest), key=lambda m: m[0])
        if len({c for s, e, c in outer if (s, e - s) == (start, longest)}) == 1:
            if canonical in {"kecamatan", "kelurahan"} and COUNTING_WORDS.intersection(words):
                return None
            return canonical
    if kind == "population" and " ".join(words) in POPULATION_TOTAL_HEADERS:
        return "population"
    return None


def _looks_numeric(cell: Cell) -> bool:
    if isinstance(cell, float):
        return True
    return cell is not None and bool(_NUMBER_SHAPE.fullmatch(_compact(cell)))


@dataclass
class _Header:
    """Where the header is and which column holds what."""

    at: int  # index of the header row
    row_number: int
    data_start: int  # index of the first row under the header (and sub-header)
    labels: list[str]  # header as written, per column index
    columns: dict[str, int]  # canonical -> column index (parent codes: PARENT_CODE_COLUMNS)
    duplicates: list[tuple[str, int, int]]  # (canonical, column used, column not used)
    mapped_found: int = 0
    # Columns not read because they are no count (density, area, share, average, growth) although
    # their other words name one: (column index, the count they name, reason), for the refusal.
    not_counts: list[tuple[int, str, str]] = field(default_factory=list)

    @property
    def score(self) -> int:
        # A column left unread as no count is still a header: the row is the header, and the
        # refusal can name the column.
        return len(self.columns) + len(self.not_counts)


def _one_sex(label: str) -> bool:
    """Whether a sub-header names one sex only: ``L``, ``P``, ``LK``, ``PR``, ``Laki-laki``, ``Perempuan``."""
    words = set(header_key(label).split())
    return (
        bool(words)
        and words <= MALE_WORDS | FEMALE_WORDS
        and not (MALE_WORDS.intersection(words) and FEMALE_WORDS.intersection(words))
    )


def _population_total(label: str) -> bool:
    """Whether a sub-header under a population group is its total: ``Jumlah``, ``Total``, ``L+P``, ``JML``."""
    return not _one_sex(label) and (
        header_key(label) in POPULATION_TOTAL_HEADERS or canonical_column(label, "population") == "population"
    )


def _assign(
    labels: list[str], kind: Kind, mapping: dict[str, str], unread: frozenset[int] = frozenset()
) -> tuple[dict[str, int], list, int, list[tuple[int, str, str]]]:
    """Columns from header labels: the mapping first, then guesses for the rest (none for ``unread``).

    Also returns the columns left unread as no count (``_Header.not_counts``): even a mapping does
    not make a density or a percentage a count of people.
    """
    columns: dict[str, int] = {}
    keys = [header_key(label) for label in labels]
    mapped_found = 0
    not_counts: list[tuple[int, str, str]] = []
    for mapped, header in mapping.items():
        wanted = header_key(header)
        for index, key in enumerate(keys):
            if wanted and key == wanted and index not in columns.values():
                mapped_found += 1
                reason = not_count_reason(labels[index]) if mapped in COUNT_COLUMNS else None
                if reason is not None:
                    not_counts.append((index, mapped, reason))
                else:
                    columns[mapped] = index
                break
    taken = set(columns.values()) | {index for index, _, _ in not_counts}
    duplicates = []
    for index, label in enumerate(labels):
        if index in taken | unread:
            continue
        canonical = canonical_column(label, kind)
        if canonical is None:
            reason = not_count_reason(label) if label else None
            named = _count_named_by(label, kind) if reason is not None else None
            if reason is not None and named is not None and named not in mapping:
                not_counts.append((index, named, reason))
            continue
        if canonical in mapping:
            continue
        if canonical in columns:
            duplicates.append((canonical, columns[canonical], index))
        else:
            columns[canonical] = index
    if "region_code" not in mapping:
        _split_code_levels(labels, columns, duplicates)
    if "population" not in mapping:
        _population_parts(labels, kind, columns, duplicates)
    return columns, duplicates, mapped_found, not_counts


# Words of a population header around its sex or citizenship: "Jumlah Penduduk Laki-laki" is the men.
_POPULATION_WORDS = frozenset({"penduduk", "jiwa", "jumlah", "jml", "total", "population"})


def _sex_of(label: str, kind: Kind) -> str | None:
    """``male``/``female`` for a header of one sex's population (``LK``, ``Laki-laki``, ``Penduduk Perempuan``)."""
    words = set(header_key(label).split())
    rest = words - _POPULATION_WORDS
    # In a coverage recap "L"/"P" alone may be participants by sex: only a population header is the population's.
    if not rest or (kind == "coverage" and not words & {"penduduk", "jiwa"}):
        return None
    if rest <= MALE_WORDS:
        return "male"
    if rest <= FEMALE_WORDS:
        return "female"
    return None


def _citizenship_of(label: str) -> str | None:
    """``wni``/``wna`` for a population header of citizens or of foreigners only."""
    words = set(header_key(label).split())
    if "wni" in words and "wna" not in words:
        return "wni"
    if "wna" in words and "wni" not in words:
        return "wna"
    return None


def _population_parts(labels: list[str], kind: Kind, columns: dict[str, int], duplicates: list) -> None:
    """Population parts: WNI + WNA beside (or instead of) the total, men + women where no total is written.

    Dukcapil DKI's ``WNI (L, P, L+P) | WNA (L, P, L+P) | JUMLAH (L, P, L+P)`` reads three population
    columns: the one of neither group is the population, checked against WNI + WNA. With only the
    WNI and WNA totals the population is their sum; with only ``LK | PR`` it is their sum, and beside a
    total they check it. Anything else stays as it was (two population columns remain a duplicate for
    the person to choose).
    """
    found = (
        [columns["population"], *(o for c, _, o in duplicates if c == "population")] if "population" in columns else []
    )
    if len(found) > 1:
        groups = {index: _citizenship_of(labels[index]) for index in found}
        wni = [index for index, group in groups.items() if group == "wni"]
        wna = [index for index, group in groups.items() if group == "wna"]
        totals = [index for index, group in groups.items() if group is None]
        if len(wni) == 1 and len(wna) == 1 and len(totals) <= 1:
            duplicates[:] = [d for d in duplicates if d[0] != "population"]
            columns["population_wni"], columns["population_wna"] = wni[0], wna[0]
            if totals:
                columns["population"] = totals[0]
            else:
                del columns["population"]
    if "population_wni" in columns:
        return
    taken = set(columns.values())
    sexes = [(index, _sex_of(label, kind)) for index, label in enumerate(labels) if index not in taken and label]
    male = [index for index, sex in sexes if sex == "male"]
    female = [index for index, sex in sexes if sex == "female"]
    if len(male) == 1 and len(female) == 1:
        columns["population_male"], columns["population_female"] = male[0], female[0]


def _code_level(label: str) -> str | None:
    """Which level a code column's header names: ``kode_kecamatan`` -> ``kecamatan_code``; None for ``Kode Wilayah``."""
    words = set(header_key(label).split())
    named = [level for level, level_words in CODE_LEVEL_WORDS if level_words.intersection(words)]
    return named[-1] if named else None


def _split_code_levels(labels: list[str], columns: dict[str, int], duplicates: list) -> None:
    """Several code columns, one per level: the most detailed is region_code, the others parent codes.

    ``kode_provinsi, kode_kabupaten_kota, kode_kecamatan, kode_kelurahan`` all read as a code;
    when each names its own level (at most one names none: that is the region's own code), they are
    no duplicates. Otherwise they stay duplicates, for the person who made the file to choose.
    """
    if "region_code" not in columns:
        return
    indices = [columns["region_code"], *(other for canonical, _, other in duplicates if canonical == "region_code")]
    if len(indices) < 2:
        return
    levels = [_code_level(labels[index]) or "region_code" for index in indices]
    if len(set(levels)) != len(levels):
        return
    order = [level for level, _ in CODE_LEVEL_WORDS]
    by_level = sorted(zip(levels, indices, strict=True), key=lambda pair: order.index(pair[0]))
    # The most detailed code is the region's, whichever level it names; those above it are parents.
    region_index = by_level[-1][1]
    duplicates[:] = [d for d in duplicates if d[0] != "region_code"]
    columns["region_code"] = region_index
    for level, index in by_level[:-1]:
        columns[level] = index


def _header_at(rows: list[tuple[int, list[Cell]]], at: int, kind: Kind, mapping: dict[str, str]) -> _Header:
    """The header read from row ``at``, merged with a second header row below it when there is one."""
    number, cells = rows[at]
    top = [_cell_text(cell) for cell in cells]
    columns, duplicates, mapped_found, not_counts = _assign(top, kind, mapping)
    header = _Header(at, number, at + 1, top, columns, duplicates, mapped_found, not_counts)
    if at + 1 >= len(rows):
        return header
    below = [_cell_text(cell) for cell in rows[at + 1][1]]
    if any(_looks_numeric(cell) for cell in rows[at + 1][1]) or not any(below):
        return header
    mapped_headers = {header_key(h) for h in mapping.values()}
    if not any(
        canonical_column(label, kind) or _population_total(label) or _one_sex(label) for label in below
    ) and not any(header_key(label) in mapped_headers for label in below if label):
        return header
    # A second header row: a label over a merged span (Peserta over Aktif | Non Aktif | Jumlah)
    # reaches the sub-labels to its right.
    merged, above = [], ""
    # Under a population group (Jumlah Penduduk over Laki-laki | Perempuan | Jumlah), one sex is part
    # of the population and is not read; the total sub-column is the population.
    one_sex: set[int] = set()
    totals: set[int] = set()
    for index in range(max(len(top), len(below))):
        over = top[index] if index < len(top) else ""
        under = below[index] if index < len(below) else ""
        if over and any(ch.isdigit() for ch in over) and parse_period(over) is not None:
            over = ""  # a title's month ("Posisi: Juni 2025") heads no column
        above = over or (above if under else "")
        if (
            under
            and above
            and header_key(under) not in mapped_headers
            and canonical_column(above, kind) == "population"
        ):
            if _one_sex(under):
                one_sex.add(index)
            elif _population_total(under):
                totals.add(index)
        # Under "PENDUDUK WNI" and "PENDUDUK WNA" the totals are both "L+P": the group says whose they are.
        citizens = index in totals and above and _citizenship_of(above) is not None
        if under and not citizens and (canonical_column(under, kind) or header_key(under) in mapped_headers):
            merged.append(under)
        elif under and above:
            merged.append(f"{above} {under}")
        else:
            merged.append(over or under)
    columns2, duplicates2, mapped2, not_counts2 = _assign(merged, kind, mapping, frozenset(one_sex))
    # Only a merge that names more than either row alone is a two-row header; a title row right
    # above the header is not one. A merge that names as many as the top row is one when it finds
    # the population in the total under the group, where the top row alone finds it over the men.
    alone, _, mapped_alone, _ = _assign(below, kind, mapping)
    two_rows = (mapped2, len(columns2))
    if two_rows > max((mapped_found, len(columns)), (mapped_alone, len(alone))) or (
        columns2.get("population") in totals
        and two_rows >= (mapped_found, len(columns))
        and two_rows > (mapped_alone, len(alone))
    ):
        return _Header(at, number, at + 2, merged, columns2, duplicates2, mapped2, not_counts2)
    return header


def _header_candidate(rows: list[tuple[int, list[Cell]]], kind: Kind, mapping: dict[str, str]) -> _Header | None:
    """The likeliest header among the first rows: most mapped headers found, then most columns named."""
    best: _Header | None = None
    for at in range(min(HEADER_SEARCH_ROWS, len(rows))):
        if not any(_present(cell) for cell in rows[at][1]):
            continue
        header = _header_at(rows, at, kind, mapping)
        if best is None or _rank(header) > _rank(best):
            best = header
    return best


def _rank(header: _Header | None) -> tuple[int, int, int]:
    if header is None:
        return (-1, -1, -1)
    return (header.mapped_found, header.score, sum(1 for label in header.labels if label))


def _accepted(header: _Header | None, mapping: dict[str, str]) -> bool:
    """A header is one when it has every mapped header, or (without a mapping) names two columns."""
    if header is None:
        return False
    if mapping:
        return header.mapped_found == len(mapping)
    return header.score >= 2


def _is_column_numbering(cells: Sequence[Cell]) -> bool:
    """A row of column numbers under the header: (1) (2) (3) ... or 1 2 3 ..."""
    numbers = []
    for cell in cells:
        if not _present(cell):
            continue
        match = _COLUMN_NUMBER.fullmatch(_cell_text(cell))
        if match is None:
            return False
        numbers.append(int(match.group(1)))
    return len(numbers) >= 3 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _header_like(cell: str, kind: Kind) -> bool:
    """Whether a cell reads as a header (``Laki-laki``, ``L``, ``Jumlah``, ``Peserta Aktif``), not a figure."""
    return _one_sex(cell) or _population_total(cell) or canonical_column(cell, kind) is not None


def _sub_header_named(cells: Sequence[Cell], kind: Kind, canonical: str) -> str | None:
    """In a row of headers, the one that names ``canonical`` (for the population: the total, ``L+P``)."""
    for cell in cells:
        if not isinstance(cell, str) or _one_sex(cell):
            continue
        if canonical_column(cell, kind) == canonical or (canonical == "population" and _population_total(cell)):
            return cell.strip()
    return None
