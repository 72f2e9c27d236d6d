"""A hand-made Kota Serang-like store (36.73): enrolled, but below the UHC activity criterion.

Kota Serang was reported at 99,19% coverage and 73,7% keaktifan in December 2025 (press, 18 Dec
2025). The six kecamatan below are made up so that the city comes to exactly those figures, and
built the way a user builds a store: ``init --city``, then a population and a coverage recap
imported through the command line.

By hand, December 2025 (UHC criterion 98% coverage, 80% keaktifan; population S1 2025):

| kecamatan | population | registered | active | 0,80 x registered | active_needed |
|---|---|---|---|---|---|
| 36.73.01 Serang       | 20.000 | 19.900 | 14.000 | 15.920 | 1.920 |
| 36.73.02 Kasemen      | 15.000 | 14.800 | 10.500 | 11.840 | 1.340 |
| 36.73.03 Walantaka    | 15.000 | 14.900 | 11.200 | 11.920 |   720 |
| 36.73.04 Curug        | 10.000 |  9.950 |  7.400 |  7.960 |   560 |
| 36.73.05 Cipocok Jaya | 20.000 | 19.840 | 14.603 | 15.872 | 1.269 |
| 36.73.06 Taktakan     | 20.000 | 19.800 | 15.400 | 15.840 |   440 |
| city                  | 100.000 | 99.190 | 73.103 | 79.352 | 6.249 |

Coverage 99.190 / 100.000 = 99,19%; keaktifan 73.103 / 99.190 = 73,70%. 98% of 100.000 is
98.000 <= 99.190: nobody to enrol for the target, no registration short of the UHC coverage
criterion; 6.249 participants short of the activity criterion. Every kecamatan is above 98%
coverage (the lowest, Kasemen, 14.800 / 15.000 = 98,67%).

Registered per segment (PBI APBN, PBI APBD, PPU, PBPU, BP), each row adding up to registered; the
recap gives no active count per segment, as BPJS recaps usually do not.
"""

from __future__ import annotations

from pathlib import Path

from command_line import uhc

CITY = "36.73"
KECAMATAN = {
    # code: (name, population, registered, active, pbi_apbn, pbi_apbd, ppu, pbpu, bp)
    "36.73.01": ("Serang", 20_000, 19_900, 14_000, 8_000, 2_000, 5_000, 4_000, 900),
    "36.73.02": ("Kasemen", 15_000, 14_800, 10_500, 7_000, 1_500, 2_500, 3_300, 500),
    "36.73.03": ("Walantaka", 15_000, 14_900, 11_200, 6_000, 1_800, 3_500, 3_000, 600),
    "36.73.04": ("Curug", 10_000, 9_950, 7_400, 4_000, 1_000, 2_500, 2_000, 450),
    "36.73.05": ("Cipocok Jaya", 20_000, 19_840, 14_603, 7_500, 2_200, 5_500, 4_000, 640),
    "36.73.06": ("Taktakan", 20_000, 19_800, 15_400, 8_000, 2_000, 5_200, 4_000, 600),
}
ACTIVE_NEEDED = {
    "36.73.01": 1_920,
    "36.73.02": 1_340,
    "36.73.03": 720,
    "36.73.04": 560,
    "36.73.05": 1_269,
    "36.73.06": 440,
}
CITY_ACTIVE_NEEDED = 6_249


def _dotted(number: int) -> str:
    return f"{number:_}".replace("_", ".")


def serang_like_store(folder: Path) -> Path:
    """The store file, built through the command line in ``folder``."""
    db = folder / "serang.duckdb"
    population = folder / "penduduk_s1_2025.csv"
    population.write_text(
        "Kode;Kecamatan;Jumlah Penduduk\n"
        + "".join(f"{code};{row[0]};{_dotted(row[1])}\n" for code, row in KECAMATAN.items()),
        encoding="utf-8",
    )
    recap = folder / "rekap_desember_2025.csv"
    recap.write_text(
        "Kode;Kecamatan;Jumlah Peserta;Peserta Aktif;PBI APBN;PBI APBD;PPU;PBPU;BP\n"
        + "".join(
            f"{code};{row[0]};" + ";".join(_dotted(n) for n in row[2:]) + "\n" for code, row in KECAMATAN.items()
        ),
        encoding="utf-8",
    )
    steps = [
        ("init", "--city", CITY),
        ("import", "population", population, "--as-of", "2025-06-30"),
        ("import", "coverage", recap, "--period", "2025-12"),
    ]
    for step in steps:
        done = uhc("--db", db, *step)
        assert done.returncode == 0, (step, done.stderr)
    return db
