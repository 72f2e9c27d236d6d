"""Long layouts: one row per region x sex (x year), as Satu Data and Open Data portals publish them (issue 10, item 3)."""

from __future__ import annotations

import datetime as dt

import pytest

from uhc.intake import imports
from uhc.intake.reader import read_file
from uhc.store import seed
from uhc.store.db import Store

HEADER = "kode_kecamatan,nama_kecamatan,kode_kelurahan,nama_kelurahan,jenis_kelamin,jumlah_penduduk,tahun\n"
# Two kelurahan of Pontianak Kota, codes without dots, two years.
ROWS = [
    ("617105", "PONTIANAK KOTA", "6171051002", "DARAT SEKIP", "L", 4_800, 2023),
    ("617105", "PONTIANAK KOTA", "6171051002", "DARAT SEKIP", "P", 4_100, 2023),
    ("617105", "PONTIANAK KOTA", "6171051003", "TENGAH", "L", 5_000, 2023),
    ("617105", "PONTIANAK KOTA", "6171051003", "TENGAH", "P", 5_050, 2023),
    ("617105", "PONTIANAK KOTA", "6171051002", "DARAT SEKIP", "L", 4_861, 2024),
    ("617105", "PONTIANAK KOTA", "6171051002", "DARAT SEKIP", "P", 4_139, 2024),
    ("617105", "PONTIANAK KOTA", "6171051003", "TENGAH", "L", 5_020, 2024),
    ("617105", "PONTIANAK KOTA", "6171051003", "TENGAH", "P", 5_080, 2024),
]


def csv(rows) -> bytes:
    return (HEADER + "".join(",".join(map(str, row)) + "\n" for row in rows)).encode()


def checked(data: bytes, kind="population", **dates) -> imports.Checked:
    with Store.in_memory() as store:
        seed.add_city(store, "61.71")
        return imports.check(store, read_file(data, "penduduk_jk.csv", kind), city_code="61.71", **dates)


def codes(result) -> list[tuple[str, str, int | None]]:
    return [(issue.severity, issue.code, issue.row) for issue in result.issues]


def test_rows_by_sex_and_year_give_one_population_per_kelurahan_for_the_year_asked():
    result = checked(csv(ROWS), as_of=dt.date(2024, 12, 31))
    # 2024: Darat Sekip 4.861 + 4.139 = 9.000; Tengah 5.020 + 5.080 = 10.100 (2023's rows left out)
    assert dict(result.population.select("kemendagri_code", "population").iter_rows()) == {
        "61.71.05.1002": 9_000,
        "61.71.05.1003": 10_100,
    }
    assert codes(result) == [("warning", "years_left_out", None), ("warning", "sexes_added_up", None)]
    assert "duplicate_region" not in {issue.code for issue in result.issues}  # never "delete one of the rows"
    left_out, added = (issue.message("id") for issue in result.issues)
    assert left_out.endswith("4 baris tahun 2023 tidak diimpor: hanya baris tahun 2024 (tahun tanggal yang dipilih).")
    assert added.endswith("4 baris menurut jenis kelamin dijumlahkan per wilayah menjadi 2 wilayah.")
    assert result.issues[1].message("en").endswith("4 rows by sex added up per region into 2 regions.")


def test_the_other_year_gives_its_own_figures():
    result = checked(csv(ROWS), as_of=dt.date(2023, 12, 31))
    # 2023: 4.800 + 4.100 = 8.900; 5.000 + 5.050 = 10.050
    assert sorted(result.population["population"].to_list()) == [8_900, 10_050]


def test_a_date_in_a_year_the_file_does_not_hold_is_an_error():
    result = checked(csv(ROWS), as_of=dt.date(2025, 6, 30))
    assert ("error", "year_not_in_file", None) in codes(result)
    assert "berkas ini memuat tahun 2023, 2024, tetapi tanggal yang dipilih 2025-06-30" in result.errors[0].message(
        "id"
    )


def test_a_recap_of_several_years_without_a_month_is_an_error_that_says_how_to_choose():
    text = "Kelurahan,Jumlah Peserta,Tahun\nDarat Sekip,8.820,2023\nDarat Sekip,8.900,2024\n"
    result = checked(text.encode(), kind="coverage")
    assert "several_years" in {issue.code for issue in result.errors}
    message = next(issue for issue in result.errors if issue.code == "several_years").message("en")
    assert "several years (2023, 2024)" in message and "--as-of 2024-12-31" in message


def test_a_region_with_one_sex_only_is_refused_not_stored_as_half():
    result = checked(csv(ROWS[4:7]), as_of=dt.date(2024, 12, 31))  # Tengah has its L row only (line 4)
    assert ("error", "one_sex_only", 4) in codes(result)


def test_a_total_row_per_region_stands_for_it_and_is_checked_against_men_and_women():
    rows = [*ROWS[4:6], ("617105", "PONTIANAK KOTA", "6171051002", "DARAT SEKIP", "L+P", 9_010, 2024)]
    result = checked(csv(rows), as_of=dt.date(2024, 12, 31))
    assert result.population["population"].to_list() == [9_010]  # the total row, not 4.861 + 4.139
    assert ("warning", "sex_total_mismatch", 2) in codes(result)
    mismatch = next(issue for issue in result.issues if issue.code == "sex_total_mismatch")
    assert "(9.010) tidak sama dengan laki-laki + perempuan (9.000)" in mismatch.message("id")


@pytest.mark.parametrize(
    ("male", "female"), [("LAKI-LAKI", "PEREMPUAN"), ("Laki-laki", "Perempuan"), ("Pria", "Wanita")]
)
def test_sexes_are_read_as_offices_write_them(male, female):
    rows = [(*row[:4], male if row[4] == "L" else female, *row[5:]) for row in ROWS[4:]]
    result = checked(csv(rows), as_of=dt.date(2024, 12, 31))
    assert result.population["population"].sum() == 19_100  # 9.000 + 10.100


def test_an_unknown_sex_is_an_error_naming_the_cell():
    rows = [*ROWS[4:7], ("617105", "PONTIANAK KOTA", "6171051003", "TENGAH", "X", 5_080, 2024)]
    result = checked(csv(rows), as_of=dt.date(2024, 12, 31))
    # Tengah's other row is then of one sex only: both are said, and nothing about duplicate rows
    assert [(issue.code, issue.row, issue.column) for issue in result.errors] == [
        ("one_sex_only", 4, "jenis_kelamin"),
        ("bad_sex", 5, "jenis_kelamin"),
    ]
    assert result.errors[1].value == "X"


def test_a_population_table_of_two_months_keeps_the_month_of_the_date():
    # Without this both rows of Darat Sekip would be stored at 2024-12-31.
    text = "Periode;Kode;Jumlah Penduduk\n2024-06;61.71.05.1002;8.900\n2024-12;61.71.05.1002;9.000\n"
    result = checked(text.encode(), as_of=dt.date(2024, 12, 31))
    assert result.population.select("kemendagri_code", "population").rows() == [("61.71.05.1002", 9_000)]
    assert codes(result) == [("warning", "months_left_out", None)]
    assert (
        result.issues[0]
        .message("en")
        .endswith(
            "1 row of 2024-06 left out: only the rows of 2024-12 (the month of the population date chosen) are imported."
        )
    )
    refused = checked(text.encode(), as_of=dt.date(2025, 6, 30))
    assert codes(refused)[0] == ("error", "as_of_month_not_in_file", None)
