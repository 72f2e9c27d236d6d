"""Reading coverage and population files as cities have them: CSV/XLSX quirks, numbers, totals, errors."""

from __future__ import annotations

import csv
import datetime as dt
import io
import string
from decimal import Decimal
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from polars.testing import assert_frame_equal

from uhc import i18n
from uhc.intake import reader
from uhc.intake.reader import ROW_SCHEMA, Issue, canonical_column, parse_number, parse_period, read_file

JUNE_2025 = dt.date(2025, 6, 1)


def expected_rows(*records: dict) -> pl.DataFrame:
    """Rows in ROW_SCHEMA from the columns a test names; every other column null."""
    return pl.DataFrame([{name: record.get(name) for name in ROW_SCHEMA} for record in records], schema=ROW_SCHEMA)


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    """A workbook with one sheet per entry; each row is written from column A (None leaves a cell empty)."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def codes(parsed: reader.Parsed) -> list[tuple[str, str, int | None, str | None]]:
    return [(issue.severity, issue.code, issue.row, issue.column) for issue in parsed.issues]


# CSV as Excel exports it ------------------------------------------------------------------------

PONTIANAK_SEMICOLON = (
    "No;Kecamatan;Jumlah Penduduk;Jumlah Peserta;Peserta Aktif;Non Aktif;% Cakupan;% Keaktifan\n"
    "1;Pontianak Kota;117.245;115.010;92.008;23.002;98,09%;80,00%\n"
    "2;Pontianak Barat;140.012;131.611;105.289;26.322;94,00%;80,00%\n"
    "3;Pontianak Selatan;91.500;93.180;74.544;18.636;101,84%;80,00%\n"
    ";JUMLAH;348.757;339.801;271.841;67.960;97,43%;80,00%\n"
)


def test_semicolon_csv_with_bom_and_indonesian_numbers():
    parsed = read_file(("\ufeff" + PONTIANAK_SEMICOLON).encode("utf-8"), "rekap.csv", "coverage")
    assert parsed.issues == ()
    assert (parsed.separator, parsed.encoding, parsed.file_format) == (";", "utf-8-sig", "csv")
    assert parsed.header_row == 1
    assert parsed.total_row == 5
    assert parsed.columns == {
        "kecamatan": "Kecamatan",
        "population": "Jumlah Penduduk",
        "registered": "Jumlah Peserta",
        "active": "Peserta Aktif",
        "inactive": "Non Aktif",
    }
    assert parsed.ignored_headers == ("No", "% Cakupan", "% Keaktifan")
    expected = expected_rows(
        {"row": 2, "kecamatan": "Pontianak Kota", "population": 117245, "registered": 115010}
        | {"active": 92008, "inactive": 23002},
        {"row": 3, "kecamatan": "Pontianak Barat", "population": 140012, "registered": 131611}
        | {"active": 105289, "inactive": 26322},
        {"row": 4, "kecamatan": "Pontianak Selatan", "population": 91500, "registered": 93180}
        | {"active": 74544, "inactive": 18636},
    )
    assert_frame_equal(parsed.rows, expected)


def test_windows_1252_names_keep_their_accents_and_apostrophes():
    text = "Kelurahan;Jumlah Peserta\nSungai Bangkong;25.401\nKampung D’Café;1.204\n"
    parsed = read_file(text.encode("cp1252"), "kelurahan.csv", "coverage")
    assert parsed.issues == ()
    assert parsed.encoding == "cp1252"
    assert parsed.rows["kelurahan"].to_list() == ["Sungai Bangkong", "Kampung D’Café"]
    assert parsed.rows["registered"].to_list() == [25401, 1204]


def test_comma_separator_with_quoted_indonesian_figures():
    # Plain digits in one column, quoted Indonesian thousands in another, a quoted decimal percentage.
    text = (
        'Kecamatan,Jumlah Penduduk,Jumlah Peserta,% Cakupan\nPontianak Kota,117245,"115.010","98,09"\n'
        '"Pontianak Utara, Siantan",131407,"128.004","97,41"\n'
    )
    parsed = read_file(text.encode("utf-8"), "rekap.csv", "coverage")
    assert parsed.issues == ()
    assert parsed.separator == ","
    assert_frame_equal(
        parsed.rows,
        expected_rows(
            {"row": 2, "kecamatan": "Pontianak Kota", "population": 117245, "registered": 115010},
            {"row": 3, "kecamatan": "Pontianak Utara, Siantan", "population": 131407, "registered": 128004},
        ),
    )


def test_english_thousands_are_read_per_column():
    text = (
        'Kecamatan,Jumlah Penduduk,Jumlah Peserta\nPontianak Kota,"117,245","1,115,010"\nPontianak Timur,"98,403",812\n'
    )
    parsed = read_file(text.encode("utf-8"), "en.csv", "coverage")
    assert parsed.issues == ()
    assert parsed.rows["population"].to_list() == [117245, 98403]
    assert parsed.rows["registered"].to_list() == [1115010, 812]


@pytest.mark.parametrize(
    ("separator", "cells", "expected"),
    [
        # Excel's "#,##0.00" format exported with Indonesian settings: whole counts with ,00.
        (";", ["117.245,00", "1.000,00"], [117245, 1000]),
        # 1,000 is one thousand in English, not "1,000" people in Indonesian decimals.
        (",", ['"1,000"', '"2,500"'], [1000, 2500]),
        (";", ["1.000", "2.500"], [1000, 2500]),
    ],
)
def test_thousands_against_decimals(separator, cells, expected):
    text = f"Kecamatan{separator}Jumlah Peserta\n" + "".join(f"K{n}{separator}{c}\n" for n, c in enumerate(cells))
    parsed = read_file(text.encode(), "ribuan.csv", "coverage")
    assert parsed.issues == ()
    assert parsed.rows["registered"].to_list() == expected


def test_tab_separated_utf16_as_excel_saves_unicode_text():
    text = "Kecamatan\tJumlah Penduduk\tJumlah Peserta\r\nPontianak Tenggara\t51.823\t50.002\r\n"
    parsed = read_file(text.encode("utf-16"), "unicode.txt", "coverage")
    assert parsed.issues == ()
    assert (parsed.separator, parsed.encoding) == ("\t", "utf-16")
    assert parsed.rows["population"].to_list() == [51823]


def test_excel_separator_line_is_honoured_and_counted():
    text = "sep=;\nKecamatan;Jumlah Peserta\nPontianak Kota;115.010\n"
    parsed = read_file(text.encode("utf-8"), "sep.csv", "coverage")
    assert parsed.issues == ()
    assert parsed.header_row == 2
    assert parsed.rows.select("row", "registered").rows() == [(3, 115010)]


def test_quoted_field_over_two_lines_keeps_the_line_numbers_of_the_file():
    text = 'Kecamatan;Jumlah Peserta\n"Pontianak\nKota";115.010\nPontianak Barat;seratus\n'
    parsed = read_file(text.encode("utf-8"), "multi.csv", "coverage")
    assert parsed.rows["kecamatan"].to_list() == ["Pontianak\nKota", "Pontianak Barat"]
    assert codes(parsed) == [("error", "not_a_number", 4, "Jumlah Peserta")]


# XLSX as BPJS branches send it -------------------------------------------------------------------


def recap_workbook() -> bytes:
    """A branch recap: a notes sheet first, then the recap with title rows, a No column and a total."""
    return xlsx(
        {
            "Catatan": [["Sumber: BPJS Kesehatan Cabang Pontianak"], ["Data per kecamatan"]],
            "Rekap": [
                ["REKAP KEPESERTAAN JKN KOTA PONTIANAK"],
                ["Posisi: Juni 2025"],
                [],
                ["No", "Kode Wilayah", "Kecamatan", "Jumlah Penduduk", "Jumlah Peserta", "% Cakupan"],
                [1, "61.71.01", "Pontianak Selatan", 91500, 93180, 101.84],
                # A text cell with Indonesian thousands beside numeric cells; a percentage as a number.
                [2, "61.71.02", "Pontianak Timur", "98.403", "95.012", 96.55],
                [3, 6171030, "6171031-PONTIANAK BARAT", 140012.0, 131611, 94.0],
                [None, None, "Jumlah", 329915, 319803, 96.93],
                [],
                ["Pontianak, 3 Juli 2025"],
            ],
        }
    )


def test_xlsx_title_rows_and_sheets():
    parsed = read_file(recap_workbook(), "rekap.xlsx", "coverage")
    assert parsed.issues == ()
    assert parsed.file_format == "xlsx"
    assert parsed.sheets == ("Catatan", "Rekap")
    assert parsed.sheet == "Rekap"
    assert (parsed.header_row, parsed.total_row) == (4, 8)
    assert parsed.title_period == JUNE_2025
    assert parsed.ignored_headers == ("No", "% Cakupan")
    assert_frame_equal(
        parsed.rows,
        expected_rows(
            {"row": 5, "region_code": "61.71.01", "kecamatan": "Pontianak Selatan"}
            | {"population": 91500, "registered": 93180},
            {"row": 6, "region_code": "61.71.02", "kecamatan": "Pontianak Timur"}
            | {"population": 98403, "registered": 95012},
            {"row": 7, "region_code": "6171030", "kecamatan": "6171031-PONTIANAK BARAT"}
            | {"population": 140012, "registered": 131611},
        ),
    )


def test_the_sheet_asked_for_is_read():
    parsed = read_file(recap_workbook(), "rekap.xlsx", "coverage", sheet="Catatan")
    assert parsed.sheet == "Catatan"
    assert codes(parsed) == [("error", "no_header", None, None)]
    assert parsed.issues[0].message("en") == (
        "File “rekap.xlsx”, sheet “Catatan”: no recognisable row of column headers in the first 30 rows. Expected "
        "one row with headers such as “Kecamatan”, “Kelurahan”, “Kode Wilayah”, “Jumlah Penduduk”, “Jumlah "
        "Peserta”, “Peserta Aktif”. Add a header row above the data, or choose the columns with a column mapping."
    )


def test_unknown_sheet_is_an_error_naming_the_sheets():
    parsed = read_file(recap_workbook(), "rekap.xlsx", "coverage", sheet="Juni")
    assert codes(parsed) == [("error", "unknown_sheet", None, None)]
    assert parsed.issues[0].message("id") == (
        "Berkas “rekap.xlsx”: lembar “Juni” tidak ada di buku kerja ini. Lembar yang ada: “Catatan”, “Rekap”. "
        "Pilih salah satunya."
    )
    assert parsed.rows.height == 0


def test_a_workbook_without_any_header():
    data = xlsx({"Satu": [["catatan"]], "Dua": [["lain"], [1, 2]]})
    parsed = read_file(data, "kosong.xlsx", "coverage")
    assert codes(parsed) == [("error", "no_header_any_sheet", None, None)]
    assert "“Satu”, “Dua”" in parsed.issues[0].message("en")


def test_a_numeric_cell_keeps_its_value_and_a_text_cell_is_indonesian():
    # 87.42 typed as a number in a count column is not a whole count; it must not become 8.742.
    data = xlsx({"Data": [["Kecamatan", "Jumlah Peserta"], ["A", 1234], ["B", "1.234"], ["C", 87.42]]})
    parsed = read_file(data, "campur.xlsx", "coverage")
    assert parsed.rows["registered"].to_list() == [1234, 1234, None]
    assert codes(parsed) == [("error", "not_whole", 4, "Jumlah Peserta")]
    assert parsed.issues[0].value == "87.42"


def test_excel_row_numbers_count_leading_empty_rows():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["C5"], sheet["D5"] = "Kelurahan", "Jumlah Penduduk"
    sheet["C6"], sheet["D6"] = "Darat Sekip", 14021
    sheet["C7"], sheet["D7"] = "Tengah", "-12"
    buffer = io.BytesIO()
    workbook.save(buffer)
    parsed = read_file(buffer.getvalue(), "geser.xlsx", "population")
    assert parsed.header_row == 5
    assert parsed.rows.select("row", "kelurahan", "population").rows() == [
        (6, "Darat Sekip", 14021),
        (7, "Tengah", None),
    ]
    assert codes(parsed) == [("error", "negative", 7, "Jumlah Penduduk")]


# totals -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("label", ["Jumlah", "Total", "JUMLAH TOTAL", "Total Kota", "TOTAL KOTA PONTIANAK"])
def test_a_total_row_that_agrees_is_excluded_quietly(label):
    text = f"Kecamatan;Jumlah Peserta\nPontianak Kota;115.010\nPontianak Barat;131.611\n{label};246.621\n"
    parsed = read_file(text.encode(), "total.csv", "coverage")
    assert parsed.issues == ()
    assert parsed.total_row == 4
    assert parsed.rows["kecamatan"].to_list() == ["Pontianak Kota", "Pontianak Barat"]


def test_a_total_row_that_disagrees_is_a_warning_naming_the_column_and_figures():
    text = (
        "No;Kecamatan;Jumlah Penduduk;Jumlah Peserta\n1;Pontianak Kota;117.245;115.010\n"
        "2;Pontianak Barat;140.012;131.611\nJumlah;;257.257;246.000\n"
    )
    parsed = read_file(text.encode(), "total.csv", "coverage")
    assert codes(parsed) == [("warning", "total_mismatch", 4, "Jumlah Peserta")]
    issue = parsed.issues[0]
    # 115.010 + 131.611 = 246.621; the file says 246.000.
    assert issue.params == {"label": "Jumlah", "file_total": 246000, "rows_sum": 246621, "difference": 621}
    assert issue.message("id") == (
        "Berkas “total.csv”, baris 4, kolom “Jumlah Peserta”: baris total “Jumlah” menulis 246.000, sedangkan "
        "jumlah baris-baris yang dijumlahkannya 246.621 (selisih 621). Baris total tidak diimpor; periksa apakah "
        "ada baris yang hilang, berlebih, atau salah ketik."
    )
    assert issue.message("en") == (
        "File “total.csv”, row 4, column “Jumlah Peserta”: the total row “Jumlah” says 246,000, but the rows it "
        "totals add up to 246,621 (a difference of 621). The total row is not imported; check for missing, extra or "
        "mistyped rows."
    )
    assert parsed.errors == ()


def test_a_total_row_without_a_label_is_recognised_by_its_sums():
    text = "Kecamatan;Jumlah Peserta;PPU\nPontianak Kota;115.010;20.000\nPontianak Barat;131.611;-\n;246.621;20.000\n"
    parsed = read_file(text.encode(), "total.csv", "coverage")
    assert parsed.issues == ()
    assert parsed.total_row == 4
    assert parsed.rows["kecamatan"].to_list() == ["Pontianak Kota", "Pontianak Barat"]


def test_a_remark_that_starts_with_jumlah_does_not_make_a_total_row():
    text = "Kecamatan;Jumlah Peserta;Keterangan\nPontianak Kota;115.010;Jumlah naik karena PBI APBD\n"
    parsed = read_file(text.encode(), "catatan.csv", "coverage")
    assert (parsed.issues, parsed.total_row) == ((), None)
    assert parsed.rows["registered"].to_list() == [115010]


def test_subtotals_per_kecamatan_and_a_grand_total():
    text = (
        "Kecamatan;Kelurahan;Jumlah Peserta\n"
        "Pontianak Kota;Darat Sekip;10.000\n;Tengah;5.000\nJumlah Kec. Pontianak Kota;;15.000\n"
        "Pontianak Barat;Sungai Beliung;7.000\nSub Total;;7.001\n"
        "Total Kota;;22.000\n"
    )
    parsed = read_file(text.encode(), "sub.csv", "coverage")
    assert parsed.total_rows == (4, 6, 7)
    assert parsed.total_row == 7
    # The kecamatan of a merged cell reaches the kelurahan rows under it.
    assert parsed.rows.select("kecamatan", "kelurahan").rows() == [
        ("Pontianak Kota", "Darat Sekip"),
        ("Pontianak Kota", "Tengah"),
        ("Pontianak Barat", "Sungai Beliung"),
    ]
    assert [(i.row, i.params["file_total"], i.params["rows_sum"]) for i in parsed.issues] == [(6, 7001, 7000)]


# headers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "canonical"),
    [
        ("Kecamatan", "kecamatan"),
        ("KEC.", "kecamatan"),
        ("Sub-district", "kecamatan"),
        ("District", "kecamatan"),
        ("Kelurahan/Desa", "kelurahan"),
        ("Desa", "kelurahan"),
        ("Kel", "kelurahan"),
        ("Village", "kelurahan"),
        ("Kode Wilayah", "region_code"),
        ("KODE KEMENDAGRI", "region_code"),
        ("Kode BPS", "region_code"),
        ("Kode Kecamatan", "region_code"),
        ("Region code", "region_code"),
        ("Jumlah Penduduk", "population"),
        ("Jumlah Penduduk (Jiwa)", "population"),
        ("Penduduk", "population"),
        ("Population", "population"),
        ("Jumlah Jiwa", "population"),
        ("Jumlah Peserta", "registered"),
        ("Peserta", "registered"),
        ("Terdaftar", "registered"),
        ("Total Peserta", "registered"),
        ("Registered", "registered"),
        ("Jumlah Peserta JKN", "registered"),
        ("Peserta Aktif", "active"),
        ("Aktif", "active"),
        ("Active", "active"),
        ("Jumlah Peserta Aktif", "active"),
        ("PESERTA JKN AKTIF", "active"),
        ("Jumlah Peserta PBI APBN", "pbi_apbn"),
        ("PBI APBN Aktif", None),  # active participants of one segment: no such column
        ("Jumlah Peserta Aktif dan Non Aktif", None),
        ("JUMLAH PENDUDUK (DKB SMT I 2025)", "population"),
        ("Non Aktif", "inactive"),
        ("Non-Aktif", "inactive"),
        ("NonAktif", "inactive"),
        ("Tidak Aktif", "inactive"),
        ("Peserta Non Aktif", "inactive"),
        ("Total Peserta Non Aktif", "inactive"),
        ("Inactive", "inactive"),
        ("PBI APBN", "pbi_apbn"),
        ("PBI-JK", "pbi_apbn"),
        ("PBI Pusat", "pbi_apbn"),
        ("Peserta PBI (APBN)", "pbi_apbn"),
        ("PBI APBD", "pbi_apbd"),
        ("PBPU Pemda", "pbi_apbd"),
        ("Penduduk didaftarkan Pemda", "pbi_apbd"),
        ("PBI Daerah", "pbi_apbd"),
        ("PPU", "ppu"),
        ("Pekerja Penerima Upah", "ppu"),
        ("Peserta PPU", "ppu"),
        ("PBPU", "pbpu"),
        ("Mandiri", "pbpu"),
        ("Pekerja Bukan Penerima Upah", "pbpu"),
        ("BP", "bp"),
        ("Bukan Pekerja", "bp"),
        ("Periode", "period"),
        ("Bulan", "period"),
        ("Period", "period"),
        ("MONTH", "period"),
        ("No", None),
        ("% Cakupan", None),
        ("% Keaktifan", None),
        ("Cakupan Peserta Aktif", None),
        ("Persentase Peserta", None),
        ("Keterangan", None),
        ("", None),
        ("PBPU/BP", None),  # two segments in one column: not guessed
    ],
)
def test_header_synonyms(header, canonical):
    assert canonical_column(header) == canonical


@pytest.mark.parametrize(
    ("header", "canonical"),
    [
        ("Penduduk Belum Terdaftar", None),
        ("Belum Terdaftar", None),
        ("Target Peserta", None),
        ("Sasaran Peserta JKN", None),
        ("Peserta Baru", None),
        ("Tunggakan Peserta", None),
        ("Peserta Laki-laki", None),
        ("Penduduk Perempuan", None),
        ("Peserta Pria", None),
        ("Penduduk Wanita", None),
        ("Peserta Bulan Lalu", None),
        ("Jumlah Peserta Bulan Sebelumnya", None),
        ("Peserta Sebelum Verifikasi", None),
        ("Selisih Peserta", None),
        ("Kenaikan Peserta", None),
        ("Penambahan Peserta Aktif", None),
        ("Persen Peserta Aktif", None),
        ("Peserta Aktif (%)", None),
        ("Jumlah Desa", None),
        ("Jumlah Kelurahan", None),
        ("Jumlah Desa/Kelurahan", None),
        ("Jumlah Kecamatan", None),
        ("Jumlah Penduduk (Laki-laki + Perempuan)", "population"),
        ("Jumlah Peserta Bulan Ini", "registered"),
        ("Nama Desa", "kelurahan"),
    ],
)
def test_words_naming_another_figure_stop_a_header_matching(header, canonical):
    assert canonical_column(header) == canonical


def test_bare_jumlah_is_the_population_only_in_population_files():
    assert canonical_column("Jumlah", "population") == "population"
    assert canonical_column("L+P", "population") == "population"
    assert canonical_column("Jumlah", "coverage") is None


def test_dukcapil_population_table_with_men_women_and_total():
    text = "Kode;Kecamatan;Laki-laki;Perempuan;Jumlah\n61.71.01;Pontianak Selatan;45.100;46.400;91.500\n"
    parsed = read_file(text.encode(), "dkb.csv", "population")
    assert parsed.issues == ()
    assert parsed.columns == {"region_code": "Kode", "kecamatan": "Kecamatan", "population": "Jumlah"}
    assert parsed.rows.select("region_code", "population").rows() == [("61.71.01", 91500)]


def test_two_header_rows_under_a_merged_label():
    data = xlsx(
        {
            "Rekap": [
                ["No", "Kelurahan", "Penduduk", "Peserta JKN", None, None, "Segmen", None, None, None, None],
                [None, None, None, "Aktif", "Non Aktif", "Jumlah", "PBI APBN", "PBPU Pemda", "PPU", "PBPU", "BP"],
                ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)", "(11)"],
                [1, "Darat Sekip", 14021, 11000, 2500, 13500, 3000, 1500, 5000, 3000, 1000],
            ]
        }
    )
    parsed = read_file(data, "dua-baris.xlsx", "coverage")
    assert parsed.issues == ()
    assert parsed.header_row == 1
    assert parsed.columns == {
        "kelurahan": "Kelurahan",
        "population": "Penduduk",
        "active": "Aktif",
        "inactive": "Non Aktif",
        "registered": "Peserta JKN Jumlah",
        "pbi_apbn": "PBI APBN",
        "pbi_apbd": "PBPU Pemda",
        "ppu": "PPU",
        "pbpu": "PBPU",
        "bp": "BP",
    }
    assert_frame_equal(
        parsed.rows,
        expected_rows(
            {"row": 4, "kelurahan": "Darat Sekip", "population": 14021, "registered": 13500, "active": 11000}
            | {"inactive": 2500, "pbi_apbn": 3000, "pbi_apbd": 1500, "ppu": 5000, "pbpu": 3000, "bp": 1000}
        ),
    )


def merged_xlsx(rows: list[list], merges: list[str]) -> bytes:
    """A one-sheet workbook "Penduduk" with cell ranges merged as Dukcapil tables merge their group headers."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Penduduk"
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Population by sex under a group header: 4.861 + 4.139 = 9.000 and 5.020 + 5.080 = 10.100 people.
DUKCAPIL_BY_SEX = [
    ["Pontianak Kota", "Darat Sekip", 4861, 4139, 9000],
    [None, "Tengah", 5020, 5080, 10100],
]


@pytest.mark.parametrize(
    ("group", "men", "women", "total"),
    [
        ("Jumlah Penduduk", "Laki-laki", "Perempuan", "Jumlah"),
        ("Penduduk", "L", "P", "L+P"),
        ("Jumlah Penduduk", "LK", "PR", "JML"),
        ("Penduduk", "Laki-laki", "Perempuan", "Total"),
    ],
)
def test_dukcapil_population_under_a_merged_group_header_reads_the_total(group, men, women, total):
    data = merged_xlsx(
        [["Kecamatan", "Kelurahan", group, None, None], [None, None, men, women, total], *DUKCAPIL_BY_SEX],
        ["A1:A2", "B1:B2", "C1:E1"],
    )
    parsed = read_file(data, "dukcapil.xlsx", "population")
    assert parsed.issues == ()
    assert parsed.header_row == 1
    assert parsed.columns == {"kecamatan": "Kecamatan", "kelurahan": "Kelurahan", "population": total}
    assert parsed.ignored_headers == (f"{group} {men}", f"{group} {women}")
    assert_frame_equal(
        parsed.rows,
        expected_rows(
            {"row": 3, "kecamatan": "Pontianak Kota", "kelurahan": "Darat Sekip", "population": 9000},
            {"row": 4, "kecamatan": "Pontianak Kota", "kelurahan": "Tengah", "population": 10100},
        ),
    )


@pytest.mark.parametrize(
    ("top", "below"),
    [
        ("Kecamatan;Kelurahan;Jumlah Penduduk;;", ";;Laki-laki;Perempuan;Jumlah"),
        ("Kecamatan;Kelurahan;Penduduk;;", ";;L;P;L+P"),
    ],
)
def test_dukcapil_csv_with_the_group_header_in_its_first_column_reads_the_total(top, below):
    text = f"{top}\n{below}\nPontianak Kota;Darat Sekip;4.861;4.139;9.000\n;Tengah;5.020;5.080;10.100\n"
    parsed = read_file(text.encode(), "dukcapil.csv", "population")
    assert parsed.issues == ()
    assert parsed.rows.select("kelurahan", "population").rows() == [("Darat Sekip", 9000), ("Tengah", 10100)]


def test_by_sex_beside_the_total_in_a_coverage_recap_reads_the_total_as_population():
    data = merged_xlsx(
        [
            ["Kelurahan", "Penduduk", None, None, "Jumlah Peserta"],
            [None, "L", "P", "L+P", None],
            ["Darat Sekip", 4861, 4139, 9000, 8820],
        ],
        ["A1:A2", "B1:D1", "E1:E2"],
    )
    parsed = read_file(data, "rekap.xlsx", "coverage")
    assert parsed.issues == ()
    assert parsed.rows.select("kelurahan", "population", "registered").rows() == [("Darat Sekip", 9000, 8820)]


def test_an_unrecognised_second_header_row_says_the_header_may_span_two_rows():
    # Under "Jumlah Penduduk" only the men's column is named: no total, no women, so no two-row header;
    # the first row under the header reads as headers, not figures.
    data = merged_xlsx(
        [
            ["Kecamatan", "Kelurahan", "Jumlah Penduduk", None, None],
            [None, None, "Laki-laki", "Semua", None],
            *[[*row[:2], row[2], row[4], None] for row in DUKCAPIL_BY_SEX],
        ],
        ["A1:A2", "B1:B2", "C1:E1"],
    )
    parsed = read_file(data, "dukcapil.xlsx", "population")
    assert codes(parsed) == [
        ("error", "not_a_number_header", 2, "Jumlah Penduduk"),
        ("error", "missing_region", 2, None),
    ]
    assert parsed.issues[0].message("id") == (
        "Berkas “dukcapil.xlsx”, lembar “Penduduk”, baris 2, kolom “Jumlah Penduduk”: “Laki-laki” bukan jumlah "
        "orang, melainkan tampak seperti judul kolom: judul tabel ini mungkin terdiri atas dua baris (misalnya "
        "“Jumlah Penduduk” di atas “Laki-laki | Perempuan | Jumlah”). Tentukan kolom yang berisi angka jumlah "
        "penduduk lewat pemetaan kolom: di halaman Data pada kotak pemetaan kolom, atau di baris perintah dengan "
        "--column population='L+P' (judul kolom seperti tertulis di berkas)."
    )
    assert parsed.issues[0].message("en") == (
        "File “dukcapil.xlsx”, sheet “Penduduk”, row 2, column “Jumlah Penduduk”: “Laki-laki” is not a number of "
        "people but looks like a column header: the table's header may span two rows (such as “Jumlah Penduduk” "
        "over “Laki-laki | Perempuan | Jumlah”). Choose the column that holds the population figures with a column "
        "mapping: the column mapping boxes on the Data page, or --column population='L+P' on the command line (the "
        "header as written in the file)."
    )
    mapped = read_file(data, "dukcapil.xlsx", "population", mapping={"population": "Semua"})
    assert mapped.issues == ()
    assert mapped.rows.select("kelurahan", "population").rows() == [("Darat Sekip", 9000), ("Tengah", 10100)]


def test_a_total_named_otherwise_under_a_population_group_is_read_and_checked_against_men_and_women():
    data = merged_xlsx(
        [
            ["Kecamatan", "Kelurahan", "Jumlah Penduduk", None, None],
            [None, None, "Laki-laki", "Perempuan", "Semua"],
            *DUKCAPIL_BY_SEX,
        ],
        ["A1:A2", "B1:B2", "C1:E1"],
    )
    parsed = read_file(data, "dukcapil.xlsx", "population")
    # "Jumlah Penduduk Semua" is the population: 4.861 + 4.139 = 9.000 and 5.020 + 5.080 = 10.100 agree
    assert parsed.rows.select("kelurahan", "population").rows() == [("Darat Sekip", 9000), ("Tengah", 10100)]
    assert parsed.issues == ()
    rows = [["Kecamatan", "Kelurahan", "Jumlah Penduduk", None, None], [None, None, "Laki-laki", "Perempuan", "Semua"]]
    wrong = merged_xlsx([*rows, ["Pontianak Kota", "Darat Sekip", 4861, 4139, 9100]], ["A1:A2", "B1:B2", "C1:E1"])
    parsed = read_file(wrong, "dukcapil.xlsx", "population")
    assert parsed.rows["population"].to_list() == [9100]  # the total wins ...
    assert codes(parsed) == [("warning", "population_parts_mismatch", 3, "Jumlah Penduduk Semua")]  # ... checked


def test_a_second_column_read_as_the_same_thing_is_an_error_naming_both():
    text = "Kecamatan;Jumlah Peserta;Total Peserta\nPontianak Kota;115.010;115.000\n"
    parsed = read_file(text.encode(), "dua.csv", "coverage")
    assert codes(parsed) == [("error", "duplicate_column", 1, "Total Peserta")]
    assert parsed.issues[0].message("id") == (
        "Berkas “dua.csv”, baris 1, kolom “Total Peserta”: kolom “Jumlah Peserta” dan kolom “Total Peserta” "
        "sama-sama terbaca sebagai jumlah peserta, sehingga tidak jelas angka mana yang dimaksud. Tentukan kolomnya "
        "lewat pemetaan kolom: di halaman Data pada kotak pemetaan kolom, atau di baris perintah dengan "
        "--column registered='Total Peserta'."
    )
    assert parsed.issues[0].message("en") == (
        "File “dua.csv”, row 1, column “Total Peserta”: the columns “Jumlah Peserta” and “Total Peserta” are both "
        "read as registered participants, so it is not clear which figures are meant. Choose the column with a "
        "column mapping: the column mapping boxes on the Data page, or --column registered='Total Peserta' on the "
        "command line."
    )


@pytest.mark.parametrize(
    ("chosen", "registered"),
    [("Jumlah Peserta Mei 2025", 114800), ("Jumlah Peserta Juni 2025", 115010)],
)
def test_two_months_of_participants_need_a_mapping_and_read_the_column_chosen(chosen, registered):
    text = "Kecamatan;Jumlah Peserta Mei 2025;Jumlah Peserta Juni 2025\nPontianak Kota;114.800;115.010\n"
    unmapped = read_file(text.encode(), "dua.csv", "coverage")
    assert codes(unmapped) == [("error", "duplicate_column", 1, "Jumlah Peserta Juni 2025")]
    parsed = read_file(text.encode(), "dua.csv", "coverage", mapping={"registered": chosen})
    assert parsed.issues == ()
    assert parsed.columns == {"kecamatan": "Kecamatan", "registered": chosen}
    assert_frame_equal(parsed.rows, expected_rows({"row": 2, "kecamatan": "Pontianak Kota", "registered": registered}))


def test_population_by_sex_beside_the_total_reads_the_total():
    text = "Kecamatan;Penduduk Laki-laki;Penduduk Perempuan;Jumlah Penduduk\nPontianak Selatan;45.100;46.400;91.500\n"
    parsed = read_file(text.encode(), "dukcapil.csv", "population")
    assert parsed.issues == ()
    assert parsed.columns == {"kecamatan": "Kecamatan", "population": "Jumlah Penduduk"}
    assert parsed.ignored_headers == ("Penduduk Laki-laki", "Penduduk Perempuan")
    assert_frame_equal(parsed.rows, expected_rows({"row": 2, "kecamatan": "Pontianak Selatan", "population": 91500}))


def test_last_months_participants_beside_this_months_read_this_months():
    text = "Kecamatan;Jumlah Peserta Bulan Lalu;Jumlah Peserta Bulan Ini\nPontianak Kota;114.800;115.010\n"
    parsed = read_file(text.encode(), "rekap.csv", "coverage")
    assert parsed.issues == ()
    assert parsed.columns == {"kecamatan": "Kecamatan", "registered": "Jumlah Peserta Bulan Ini"}
    assert parsed.ignored_headers == ("Jumlah Peserta Bulan Lalu",)
    assert_frame_equal(parsed.rows, expected_rows({"row": 2, "kecamatan": "Pontianak Kota", "registered": 115010}))


def test_residents_not_yet_registered_are_not_read_as_registered():
    text = (
        "Kecamatan;Kelurahan;Jumlah Penduduk;Peserta Aktif;Peserta Non Aktif;Belum Terdaftar\n"
        "Pontianak Kota;Darat Sekip;14.021;11.000;2.500;521\n"
    )
    parsed = read_file(text.encode(), "rekap.csv", "coverage")
    assert parsed.issues == ()
    assert parsed.ignored_headers == ("Belum Terdaftar",)
    assert_frame_equal(
        parsed.rows,
        expected_rows(
            {"row": 2, "kecamatan": "Pontianak Kota", "kelurahan": "Darat Sekip", "population": 14021}
            | {"registered": 13500, "active": 11000, "inactive": 2500}
        ),
    )


def test_a_title_row_right_above_the_header_is_not_part_of_it():
    text = "Jumlah Peserta JKN per Kecamatan;\nKecamatan;Jumlah Peserta\nPontianak Kota;115.010\n"
    parsed = read_file(text.encode(), "judul.csv", "coverage")
    assert parsed.issues == ()
    assert parsed.header_row == 2
    assert parsed.rows.select("row", "registered").rows() == [(3, 115010)]


def test_header_after_thirty_rows_is_not_found():
    text = "catatan\n" * 30 + "Kecamatan;Jumlah Peserta\nPontianak Kota;1\n"
    parsed = read_file(text.encode(), "jauh.csv", "coverage")
    assert codes(parsed) == [("error", "no_header", None, None)]
    text = "catatan\n" * 29 + "Kecamatan;Jumlah Peserta\nPontianak Kota;1\n"
    assert read_file(text.encode(), "dekat.csv", "coverage").header_row == 30


# explicit mapping -------------------------------------------------------------------------------


def test_mapping_overrides_guessing():
    text = "Wilayah;Angka BPJS;Jumlah Peserta\nPontianak Kota;115.010;1\n"
    parsed = read_file(
        text.encode(), "map.csv", "coverage", mapping={"kecamatan": "wilayah", "registered": "Angka BPJS"}
    )
    assert parsed.issues == ()
    assert parsed.columns == {"kecamatan": "Wilayah", "registered": "Angka BPJS"}
    assert parsed.rows.select("kecamatan", "registered").rows() == [("Pontianak Kota", 115010)]


def test_mapping_to_a_header_the_file_lacks_names_the_headers_it_has():
    text = "Kecamatan;Angka BPJS\nPontianak Kota;115.010\n"
    parsed = read_file(text.encode(), "map.csv", "coverage", mapping={"registered": "Peserta BPJS"})
    assert codes(parsed) == [("error", "mapping_unknown_header", 1, None)]
    assert parsed.issues[0].message("en") == (
        "File “map.csv”, row 1: the column mapping chooses “Peserta BPJS” as registered participants, but the file "
        "has no such header. Headers in the file: “Kecamatan”, “Angka BPJS”. Choose one of them."
    )


def test_mapping_with_an_unknown_name():
    parsed = read_file(b"Kecamatan;Peserta\nA;1\n", "map.csv", "coverage", mapping={"peserta": "Peserta"})
    assert codes(parsed) == [("error", "mapping_unknown_field", None, None)]
    assert "“region_code”, “kecamatan”" in parsed.issues[0].message("en")


# periods ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        *("2025-06", "2025-06-01", "Juni 2025", "JUNI 2025", "June 2025", "Jun-25", "Jun 2025", "01/06/2025"),
        *("30-06-2025", "06/2025", "202506", "Juni-2025", "30 Juni 2025", "2025-06-01 00:00:00", "1/6/25"),
    ],
)
def test_period_spellings(written):
    assert parse_period(written) == JUNE_2025


@pytest.mark.parametrize(
    ("written", "month"),
    [("Pebruari 2024", dt.date(2024, 2, 1)), ("Agt-24", dt.date(2024, 8, 1)), ("Nopember 2023", dt.date(2023, 11, 1))],
)
def test_older_month_spellings(written, month):
    assert parse_period(written) == month


@pytest.mark.parametrize("written", ["Januari-Juni 2025", "2025-13", "13/2025", "Semester 1 2025", "2025", "Juni", "x"])
def test_unreadable_periods(written):
    assert parse_period(written) is None


def test_a_file_with_several_periods_keeps_each_rows_month():
    data = xlsx(
        {
            "Data": [
                ["Bulan", "Kecamatan", "Jumlah Peserta"],
                [dt.datetime(2025, 5, 1), "Pontianak Kota", 114000],
                ["Jun-25", "Pontianak Kota", 115010],
                [45839, "Pontianak Kota", 115500],  # the Excel serial of 2025-07-01
                [None, "Pontianak Barat", 131000],  # a merged month cell: the month above
            ]
        }
    )
    parsed = read_file(data, "bulanan.xlsx", "coverage", period=dt.date(2020, 1, 1))
    assert parsed.issues == ()
    assert parsed.rows.select("period", "registered").rows() == [
        (dt.date(2025, 5, 1), 114000),
        (JUNE_2025, 115010),
        (dt.date(2025, 7, 1), 115500),
        (dt.date(2025, 7, 1), 131000),
    ]


def test_the_period_given_fills_a_file_without_a_period_column():
    text = "Kecamatan;Jumlah Peserta\nPontianak Kota;115.010\n"
    parsed = read_file(text.encode(), "tanpa-bulan.csv", "coverage", period=JUNE_2025)
    assert parsed.rows["period"].to_list() == [JUNE_2025]
    assert read_file(text.encode(), "tanpa-bulan.csv", "coverage").rows["period"].to_list() == [None]


def test_a_month_chosen_unlike_the_title_is_a_warning():
    text = "REKAP KEPESERTAAN JKN;\nPosisi: Mei 2025;\n;\nKecamatan;Jumlah Peserta\nPontianak Kota;115.010\n"
    parsed = read_file(text.encode(), "judul.csv", "coverage", period=JUNE_2025)
    assert parsed.title_period == dt.date(2025, 5, 1)
    assert codes(parsed) == [("warning", "period_differs_from_title", None, None)]
    assert parsed.issues[0].message("id") == (
        "Berkas “judul.csv”: bulan yang dipilih (Juni 2025) berbeda dengan bulan di judul berkas (Mei 2025). "
        "Pastikan bulan yang dipilih benar."
    )


# derived and cross-checked counts ---------------------------------------------------------------


def test_registered_is_active_plus_inactive_when_missing():
    text = "Kecamatan;Peserta Aktif;Non Aktif\nPontianak Kota;92.008;23.002\n"
    parsed = read_file(text.encode(), "aktif.csv", "coverage")
    assert parsed.issues == ()
    assert parsed.rows.select("registered", "active", "inactive").rows() == [(115010, 92008, 23002)]


def test_active_is_registered_minus_inactive_when_missing():
    text = "Kecamatan;Jumlah Peserta;Non Aktif\nPontianak Kota;115.010;23.002\nPontianak Barat;100;101\n"
    parsed = read_file(text.encode(), "aktif.csv", "coverage")
    assert parsed.rows["active"].to_list() == [92008, None]
    assert codes(parsed) == [("error", "inactive_above_registered", 3, "Non Aktif")]


def test_registered_unlike_active_plus_inactive_is_a_warning():
    text = "Kecamatan;Jumlah Peserta;Peserta Aktif;Non Aktif\nPontianak Kota;115.010;92.008;23.000\n"
    parsed = read_file(text.encode(), "beda.csv", "coverage")
    assert codes(parsed) == [("warning", "registered_mismatch", 2, "Jumlah Peserta")]
    assert parsed.issues[0].params == {"registered": 115010, "active": 92008, "inactive": 23000, "sum": 115008}


def test_segments_that_do_not_add_up_are_a_warning():
    text = (
        "Kecamatan;Jumlah Peserta;PBI APBN;PBI APBD;PPU;PBPU;BP\n"
        "Pontianak Kota;10.000;3.000;1.000;4.000;1.500;500\n"
        "Pontianak Barat;10.000;3.000;1.000;4.000;1.500;600\n"
    )
    parsed = read_file(text.encode(), "segmen.csv", "coverage")
    assert codes(parsed) == [("warning", "segments_mismatch", 3, None)]
    assert parsed.issues[0].params["sum"] == 10100


# errors -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \r\n", "empty"),
        (bytes(range(256)) * 4, "binary"),
        (b"PK\x03\x04" + b"\x00\xff" * 200, "excel"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "excel"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "pdf"),
    ],
    ids=["empty", "blank", "binary", "bad-zip", "bad-xls", "pdf"],
)
def test_unreadable_files(data, reason):
    parsed = read_file(data, "berkas.xlsx", "coverage")
    assert [(i.code, i.params) for i in parsed.issues] == [("unreadable", {"reason": reason})]
    assert parsed.rows.schema == pl.Schema(ROW_SCHEMA)
    assert parsed.rows.height == 0


def test_unreadable_message():
    issue = read_file(b"", "kosong.csv", "coverage").issues[0]
    assert issue.message("id") == (
        "Berkas “kosong.csv”: berkas tidak dapat dibaca: berkasnya kosong. Simpan ulang tabelnya dari Excel sebagai "
        ".xlsx atau CSV, lalu unggah lagi."
    )
    assert issue.message("en") == (
        "File “kosong.csv”: the file cannot be read: the file is empty. Save the table again from Excel as .xlsx or "
        "CSV, then upload it again."
    )


def test_sha256_of_the_bytes():
    assert read_file(b"abc", "abc.csv", "coverage").sha256 == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


def test_missing_population_column_names_what_was_looked_for():
    text = "Kecamatan;Jumlah Peserta\nPontianak Kota;115.010\n"
    parsed = read_file(text.encode(), "penduduk.csv", "population")
    assert codes(parsed) == [("error", "missing_column", 1, None)]
    message = parsed.issues[0].message("id")
    assert message.startswith(
        "Berkas “penduduk.csv”, baris 1: kolom jumlah penduduk tidak ditemukan. Judul yang dicari:"
    )
    assert "“jumlah penduduk”, “penduduk”, “population”" in message
    assert "Judul kolom di berkas: “Kecamatan”, “Jumlah Peserta”." in message
    assert message.endswith("atau tentukan kolomnya lewat pemetaan kolom.")


def test_missing_region_and_registered_columns():
    text = "No;Jumlah Penduduk;Peserta Aktif\n1;117.245;92.008\n"
    parsed = read_file(text.encode(), "tanpa.csv", "coverage")
    assert [(i.code, i.params["field"]) for i in parsed.issues] == [
        ("missing_column", "region"),
        ("missing_column", "registered_or_parts"),
    ]
    assert "no registered participants (or active and inactive participants) column" in parsed.issues[1].message("en")


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("seratus", "not_a_number"),
        ("12,5%", "not_a_number"),
        ("1.2.3", "not_a_number"),
        ("98,14", "not_whole"),
        ("-5", "negative"),
        ("(1.200)", "negative"),
    ],
)
def test_a_bad_count_rejects_the_file(cell, code):
    text = f"Kecamatan;Jumlah Peserta\nPontianak Kota;115.010\nPontianak Barat;{cell}\n"
    parsed = read_file(text.encode(), "buruk.csv", "coverage")
    assert codes(parsed) == [("error", code, 3, "Jumlah Peserta")]
    assert parsed.issues[0].value == cell
    assert parsed.rows["registered"].to_list() == [115010, None]


def test_not_a_number_message_in_both_languages():
    text = "Kecamatan;Jumlah Peserta\nPontianak Barat;seratus\n"
    issue = read_file(text.encode(), "buruk.csv", "coverage").issues[0]
    assert issue.message("id") == (
        "Berkas “buruk.csv”, baris 2, kolom “Jumlah Peserta”: “seratus” bukan jumlah orang. Kolom ini dibaca dengan "
        "format Indonesia (titik pemisah ribuan, koma desimal); yang diharapkan bilangan bulat seperti 687.031 atau "
        "687031. Perbaiki sel ini (kosongkan atau isi “-” bila tidak ada data), lalu unggah lagi."
    )
    assert issue.message("en") == (
        "File “buruk.csv”, row 2, column “Jumlah Peserta”: “seratus” is not a number of people. This column is read "
        "in Indonesian format (dot for thousands, comma for decimals); expected a whole number such as 687.031 or "
        "687031. Correct the cell (leave it empty or write “-” when there is no figure), then upload again."
    )


def test_a_cell_that_fits_neither_convention_of_its_column():
    # 1.234.567 is Indonesian, 2,345,678 English: the column is Indonesian by a tie, and the English cell is reported.
    text = "Kecamatan;Jumlah Peserta\nA;1.234.567\nB;2,345,678\n"
    parsed = read_file(text.encode(), "campur.csv", "coverage")
    assert codes(parsed) == [("error", "not_a_number", 3, "Jumlah Peserta")]


def test_dash_and_empty_cells_are_no_figure():
    text = "Kecamatan;Jumlah Peserta;PPU\nPontianak Kota;115.010;-\nPontianak Barat;131.611;\n"
    parsed = read_file(text.encode(), "kosong.csv", "coverage")
    assert parsed.issues == ()
    assert parsed.rows["ppu"].to_list() == [None, None]


def test_a_bad_period_rejects_the_file():
    text = "Periode;Kecamatan;Jumlah Peserta\nSemester 1;Pontianak Kota;115.010\n"
    parsed = read_file(text.encode(), "periode.csv", "coverage")
    assert codes(parsed) == [("error", "bad_period", 2, "Periode")]
    assert "“Semester 1” cannot be read as a month" in parsed.issues[0].message("en")


def test_a_year_alone_in_a_period_column_is_not_a_month():
    data = xlsx({"Data": [["Tahun Bulan", "Kecamatan", "Jumlah Peserta"], [2025, "Pontianak Kota", 115010]]})
    parsed = read_file(data, "tahun.xlsx", "coverage")
    assert codes(parsed) == [("error", "bad_period", 2, "Tahun Bulan")]
    assert parsed.issues[0].value == "2025"


def test_figures_without_a_region_are_an_error():
    text = "Kecamatan;Jumlah Peserta\nPontianak Kota;115.010\n;1.000\n"
    parsed = read_file(text.encode(), "tanpa.csv", "coverage")
    assert codes(parsed) == [("error", "missing_region", 3, None)]


def test_rows_without_figures_are_skipped():
    text = "Kecamatan;Jumlah Peserta\n\nPontianak Kota;115.010\n;\nSumber: BPJS Kesehatan;\nKepala Cabang;\n"
    parsed = read_file(text.encode(), "catatan.csv", "coverage")
    assert parsed.issues == ()
    assert parsed.rows.select("row", "kecamatan").rows() == [(3, "Pontianak Kota")]


def test_many_bad_cells_are_summed_up_after_a_hundred():
    text = "Kecamatan;Jumlah Peserta\n" + "".join(f"K{n};x\n" for n in range(130))
    parsed = read_file(text.encode(), "banyak.csv", "coverage")
    assert len(parsed.issues) == 101
    assert parsed.issues[-1].code == "more_issues"
    assert (
        parsed.issues[-1]
        .message("id")
        .endswith("masih ada 30 temuan lain yang tidak ditampilkan. Perbaiki temuan di atas dulu, lalu unggah lagi.")
    )


def test_a_finding_of_the_importer_still_gets_a_sentence():
    issue = Issue("error", "something_new", "x.csv", row=3)
    assert issue.message("en") == "File “x.csv”, row 3: finding “something_new”."


def test_a_finding_of_the_importer_reuses_the_place_and_the_column_names():
    # The importer's findings use the same sentence frame: a code with an ingest_<code> text, and
    # params such as field (a canonical column) and plain figures.
    issue = Issue("error", "missing_column", "x.csv", row=1, params={"field": "registered", "headers": ["A"]})
    assert issue.message("en").startswith("File “x.csv”, row 1: no registered participants column.")
    assert reader.column_label("pbi_apbd", "id") == "PBI APBD (didaftarkan Pemda)"
    assert reader.column_label("something_else", "id") == "something_else"


def test_every_code_the_reader_uses_has_a_sentence_in_both_languages():
    source = "".join(path.read_text(encoding="utf-8") for path in Path(reader.__file__).parent.glob("*.py"))
    used = {
        "unreadable",
        "no_header",
        "no_header_any_sheet",
        "mapping_not_found_any_sheet",
        "missing_column",
        "mapping_unknown_header",
        "mapping_unknown_field",
        "unknown_sheet",
        "not_a_number",
        "not_a_number_header",
        "not_whole",
        "negative",
        "bad_period",
        "missing_region",
        "inactive_above_registered",
        "total_mismatch",
        "registered_mismatch",
        "segments_mismatch",
        "duplicate_column",
        "period_differs_from_title",
        "more_issues",
    }
    assert all(f'"{code}"' in source for code in used)
    for language in i18n.LANGUAGES:
        assert {code for code in used if f"ingest_{code}" not in i18n.messages(language)} == set()


# numbers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "convention", "value"),
    [
        ("687.031", "id", Decimal("687031")),
        ("12.345.678", "id", Decimal("12345678")),
        ("98,14", "id", Decimal("98.14")),
        ("687031", "id", Decimal("687031")),
        ("687 031", "id", Decimal("687031")),
        ("687,031", "en", Decimal("687031")),
        ("98.14", "en", Decimal("98.14")),
        ("98.14", "id", None),
        ("12.34.5", "id", None),
        ("NaN", "id", None),
        ("Infinity", "en", None),
        ("1e999999999", "en", None),
        ("Rp1.000", "id", None),
    ],
)
def test_parse_number(text, convention, value):
    assert parse_number(text, convention) == value


# never raises: property-based -------------------------------------------------------------------

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MAGIC = [b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf", b"\xff\xfe", b"sep=;\n"]


def assert_answered(parsed: reader.Parsed) -> None:
    """A Parsed as the contract says, with no internal failure hidden behind the safety net."""
    assert parsed.rows.schema == pl.Schema(ROW_SCHEMA)
    assert all(issue.severity in ("error", "warning") for issue in parsed.issues)
    assert not any(issue.params.get("reason") == "internal" for issue in parsed.issues)
    for issue in parsed.issues:
        assert issue.message("id") and issue.message("en")


@FAST
@given(prefix=st.sampled_from(MAGIC), data=st.binary(max_size=3000), kind=st.sampled_from(["coverage", "population"]))
def test_random_bytes_never_raise(prefix, data, kind):
    assert_answered(read_file(prefix + data, "acak.bin", kind))


SYNONYM_HEADERS = sorted({s for synonyms in reader.COLUMN_SYNONYMS.values() for s in synonyms} | {"No", "% Cakupan"})
header_text = st.one_of(
    st.sampled_from(SYNONYM_HEADERS).map(lambda h: st.sampled_from([h, h.upper(), h.title()])).flatmap(lambda s: s),
    st.text(alphabet=string.ascii_letters + " %./-", max_size=12),
)
number_text = st.integers(min_value=-(10**9), max_value=10**12).flatmap(
    lambda n: st.sampled_from([str(n), i18n.number(n, "id"), i18n.number(n, "en"), f"{n / 100:.2f}", f"{n},5"])
)
month_text = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)).flatmap(
    lambda d: st.sampled_from([d.isoformat(), d.strftime("%d/%m/%Y"), i18n.month(d, "id"), d.strftime("%b-%y")])
)
cell_text = st.one_of(
    number_text,
    month_text,
    st.sampled_from(["", "-", "Jumlah", "TOTAL KOTA", "Sub Total", "(1)", "n/a", "#DIV/0!", "87,86%"]),
    st.text(max_size=15),
)
table = st.tuples(
    st.lists(header_text, min_size=1, max_size=8),
    st.lists(st.lists(cell_text, max_size=9), max_size=25),
    st.integers(min_value=0, max_value=3),  # title rows above the header
)


@FAST
@given(
    table=table,
    separator=st.sampled_from([";", ",", "\t", "|"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
    kind=st.sampled_from(["coverage", "population"]),
)
def test_random_csv_tables_never_raise(table, separator, encoding, kind):
    headers, rows, titles = table
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator)
    writer.writerows([["REKAP KEPESERTAAN JKN"]] * titles + [headers, *rows])
    assert_answered(read_file(buffer.getvalue().encode(encoding, errors="replace"), "acak.csv", kind))


def spreadsheet_value(text: str) -> object:
    """A cell as someone might type it in Excel: a number where the text is one, else the text."""
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return ILLEGAL_CHARACTERS_RE.sub("", text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=table, kind=st.sampled_from(["coverage", "population"]), as_numbers=st.booleans())
def test_random_xlsx_tables_never_raise(table, kind, as_numbers):
    headers, rows, titles = table
    convert = spreadsheet_value if as_numbers else (lambda text: ILLEGAL_CHARACTERS_RE.sub("", text))
    data = xlsx(
        {
            "Catatan": [["catatan"]],
            "Rekap": [["REKAP"]] * titles + [[convert(h) for h in headers]] + [[convert(c) for c in r] for r in rows],
        }
    )
    assert_answered(read_file(data, "acak.xlsx", kind))


NAMES = ["Pontianak Kota", "Pontianak Barat", "Kampung D’Café", "Sungai Jawi, Dalam", "PONTIANAK UTARA", "Tengah"]
counts = st.integers(min_value=0, max_value=10**9)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    figures=st.lists(st.tuples(counts, counts), min_size=1, max_size=12),
    styles=st.tuples(st.sampled_from(["id", "en", "plain"]), st.sampled_from(["id", "en", "plain"])),
    separator=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_counts_written_any_usual_way_read_back_exactly(figures, styles, separator, encoding):
    def written(n: int, style: str) -> str:
        return str(n) if style == "plain" else i18n.number(n, style)

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator)
    writer.writerow(["No", "Kelurahan", "Jumlah Penduduk", "Jumlah Peserta"])
    for index, (population, registered) in enumerate(figures):
        name = f"{NAMES[index % len(NAMES)]} {index}"
        writer.writerow([index + 1, name, written(population, styles[0]), written(registered, styles[1])])
    parsed = read_file(buffer.getvalue().encode(encoding), "bulat.csv", "coverage")
    assert parsed.errors == ()
    assert parsed.rows.select("population", "registered").rows() == figures
