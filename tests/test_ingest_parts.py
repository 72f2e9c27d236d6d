"""Population written as its parts: men and women, WNI and WNA, with or without a total (issue 10, item 4)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from uhc.intake.reader import read_file


def workbook(rows: list[list], merges: list[str] = ()) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Penduduk"
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def codes(parsed) -> list[tuple[str, str, int | None]]:
    return [(issue.severity, issue.code, issue.row) for issue in parsed.issues]


@pytest.mark.parametrize(("men", "women"), [("LK", "PR"), ("Laki-laki", "Perempuan"), ("L", "P"), ("Pria", "Wanita")])
def test_men_and_women_without_a_total_are_added_up_into_the_population(men, women):
    text = f"Kecamatan;Kelurahan;{men};{women}\nPontianak Kota;Darat Sekip;4.861;4.139\n;Tengah;5.020;5.080\n"
    parsed = read_file(text.encode("cp1252"), "dukcapil.csv", "population")
    # 4.861 + 4.139 = 9.000; 5.020 + 5.080 = 10.100
    assert parsed.rows.select("kelurahan", "population").rows() == [("Darat Sekip", 9_000), ("Tengah", 10_100)]
    assert codes(parsed) == [("warning", "population_from_parts", None)]
    assert (
        parsed.issues[0]
        .message("id")
        .endswith(
            f"tidak memuat kolom jumlah penduduk: penduduk dihitung sebagai “{men}” + “{women}” untuk setiap wilayah."
        )
    )
    assert f"the population is taken as “{men}” + “{women}” for every region." in parsed.issues[0].message("en")


def test_under_a_population_group_without_a_total_men_and_women_are_added_up():
    data = workbook(
        [
            ["Kecamatan", "Kelurahan", "Jumlah Penduduk", None],
            [None, None, "Laki-laki", "Perempuan"],
            ["Pontianak Kota", "Darat Sekip", 4861, 4139],
            [None, "Tengah", 5020, 5080],
        ],
        ["A1:A2", "B1:B2", "C1:D1"],
    )
    parsed = read_file(data, "dukcapil.xlsx", "population")
    # not the men's 4.861 under "Jumlah Penduduk": 4.861 + 4.139 = 9.000
    assert parsed.rows.select("kelurahan", "population").rows() == [("Darat Sekip", 9_000), ("Tengah", 10_100)]
    assert codes(parsed) == [("warning", "population_from_parts", None)]


def test_a_total_beside_men_and_women_in_one_row_wins_and_is_checked():
    text = (
        "Kelurahan;Laki-laki;Perempuan;Jumlah Penduduk\n"
        "Darat Sekip;4.861;4.139;9.000\n"
        "Tengah;5.020;5.080;10.000\n"  # 5.020 + 5.080 = 10.100, not 10.000
    )
    parsed = read_file(text.encode(), "dukcapil.csv", "population")
    assert parsed.rows["population"].to_list() == [9_000, 10_000]
    assert codes(parsed) == [("warning", "population_parts_mismatch", 3)]
    assert "10.000 tidak sama dengan “Laki-laki” + “Perempuan” = 10.100" in parsed.issues[0].message("id")


DKI = [
    ["NO", "KODE KEL", "KELURAHAN", "PENDUDUK WNI", None, None, "PENDUDUK WNA", None, None, "JUMLAH", None, None],
    [None, None, None, "L", "P", "L+P", "L", "P", "L+P", "L", "P", "L+P"],
    [1, "31.73.01.1001", "CENGKARENG BARAT", 27941, 27045, 54986, 8, 5, 13, 27949, 27050, 54999],
    [2, "31.73.01.1002", "DURI KOSAMBI", 47034, 47235, 94269, 24, 14, 38, 47058, 47249, 94307],
]
DKI_MERGES = ["A1:A2", "B1:B2", "C1:C2", "D1:F1", "G1:I1", "J1:L1"]


def test_dukcapil_dki_wni_wna_and_jumlah_read_the_jumlah_as_the_population():
    parsed = read_file(workbook(DKI, DKI_MERGES), "dki.xlsx", "population")
    # JUMLAH L+P: 54.986 + 13 = 54.999 and 94.269 + 38 = 94.307 (WNI + WNA), not WNI alone nor all nine columns
    assert parsed.rows.select("region_code", "population").rows() == [
        ("31.73.01.1001", 54_999),
        ("31.73.01.1002", 94_307),
    ]
    assert parsed.errors == ()
    assert parsed.warnings == ()


def test_a_jumlah_that_is_not_wni_plus_wna_is_a_warning():
    rows = [list(row) for row in DKI]
    rows[3][11] = 94_308  # 94.269 + 38 = 94.307
    parsed = read_file(workbook(rows, DKI_MERGES), "dki.xlsx", "population")
    assert codes(parsed) == [("warning", "population_parts_mismatch", 4)]
    assert parsed.rows["population"].to_list() == [54_999, 94_308]


def test_wni_and_wna_without_a_total_are_added_up():
    text = "Kode;Kelurahan;Penduduk WNI;Penduduk WNA\n31.73.01.1001;Cengkareng Barat;54.986;13\n"
    parsed = read_file(text.encode(), "dki.csv", "population")
    assert parsed.rows["population"].to_list() == [54_999]  # 54.986 + 13
    assert codes(parsed) == [("warning", "population_from_parts", None)]


def test_participants_by_sex_in_a_coverage_recap_are_not_a_population():
    # "L" and "P" next to participants may be participants by sex: only a population header is the population's
    text = "Kelurahan;Jumlah Peserta;L;P\nDarat Sekip;8.820;4.500;4.320\n"
    parsed = read_file(text.encode(), "rekap.csv", "coverage")
    assert parsed.rows.select("registered", "population").rows() == [(8_820, None)]
    assert parsed.issues == ()
