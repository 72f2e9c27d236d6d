"""Broken files are never half-imported (issue 10, item 11): an error naming the row, and no rows."""

from __future__ import annotations

import io

import pytest
import xlsxwriter

from uhc.intake.reader import read_file

HEADER = "REKAP KEPESERTAAN JKN KOTA PONTIANAK\n\nKecamatan;Kelurahan;Jumlah Penduduk;Jumlah Peserta\n"


def codes(parsed):
    return [(issue.severity, issue.code, issue.row) for issue in parsed.issues]


def test_an_unclosed_quote_that_swallows_the_rest_of_the_file_names_its_line():
    # Line 4 opens a quote that is never closed: Python's csv would read lines 4 to 6 as one cell
    # and import line 4's neighbours above it; the file is refused instead.
    text = (
        HEADER
        + 'Pontianak Kota;"Darat Sekip;12.345;11.000\nPontianak Kota;Tengah;8.000;7.000\nPontianak Barat;Sungai Beliung;9.000;8.000\n'
    )
    parsed = read_file(text.encode(), "kutip.csv", "coverage")
    assert codes(parsed) == [("error", "unclosed_quote", 4)]
    assert parsed.rows.height == 0
    issue = parsed.issues[0]
    assert issue.message("id") == (
        'Berkas “kutip.csv”, baris 4: tanda kutip (") yang dibuka di baris 4 tidak ditutup, sehingga baris 4 sampai 6 '
        "terbaca sebagai satu sel. Tidak ada baris yang diimpor. Tutup atau hapus tanda kutip itu, lalu unggah lagi."
    )
    assert issue.message("en").startswith(
        'File “kutip.csv”, row 4: a quotation mark (") opened in line 4 is never closed'
    )


def test_a_quote_closed_lines_later_swallows_those_lines_and_is_refused():
    # The quote opened in line 4 closes in line 5: one "name" holds a separator and a line break.
    text = (
        HEADER
        + 'Pontianak Kota;"Darat Sekip;12.345\nPontianak Kota;Tengah";8.000;7.000\nPontianak Barat;Sungai Beliung;9.000;8.000\n'
    )
    parsed = read_file(text.encode(), "kutip.csv", "coverage")
    assert codes(parsed) == [("error", "unclosed_quote", 4)]
    assert parsed.issues[0].params == {"first_line": 4, "last_line": 5}
    assert parsed.rows.height == 0


def test_a_quoted_name_over_two_lines_without_a_separator_is_still_read():
    text = HEADER + '"Pontianak\nKota";Darat Sekip;12.345;11.000\nPontianak Barat;Sungai Beliung;9.000;8.000\n'
    parsed = read_file(text.encode(), "baris.csv", "coverage")
    assert parsed.errors == ()
    assert parsed.rows.select("row", "population").rows() == [(4, 12345), (6, 9000)]


@pytest.mark.parametrize(
    ("last", "newline"),
    [
        ("Pontianak Barat;Sungai Beliung;9.000", "\n"),  # a row with fewer cells than the header
        ("Pontianak Barat;Sungai Beliung;9.0", ""),  # the file ends inside a row
    ],
)
def test_a_row_with_fewer_cells_than_the_header_refuses_the_file(last, newline):
    text = HEADER + "Pontianak Kota;Darat Sekip;12.345;11.000\n" + last + newline
    parsed = read_file(text.encode(), "pendek.csv", "coverage")
    assert codes(parsed) == [("error", "row_too_short", 5)]
    assert parsed.issues[0].params == {"cells": 3, "expected": 4}
    assert parsed.rows.height == 0
    assert (
        parsed.issues[0]
        .message("id")
        .startswith("Berkas “pendek.csv”, baris 5: baris ini hanya berisi 3 sel, padahal baris judul punya 4 kolom")
    )
    assert "No row was imported." in parsed.issues[0].message("en")


def test_a_row_with_more_cells_than_the_header_refuses_the_file():
    # An unquoted comma in a name under a comma separator shifts the figures one column right.
    text = "Kecamatan,Kelurahan,Jumlah Penduduk,Jumlah Peserta\nPontianak Kota,Darat Sekip,12345,11000\nPontianak Kota,Sungai Jawi, Dalam,8000,7000\n"
    parsed = read_file(text.encode(), "geser.csv", "coverage")
    assert codes(parsed) == [("error", "row_too_long", 3)]
    assert parsed.issues[0].params == {"cells": 5, "expected": 4}
    assert parsed.rows.height == 0
    assert "may be shifted" in parsed.issues[0].message("en")
    assert "mungkin bergeser" in parsed.issues[0].message("id")


def test_empty_trailing_cells_and_footnotes_are_not_broken_rows():
    text = HEADER + "Pontianak Kota;Darat Sekip;12.345;11.000;;\n\nSumber: BPJS Kesehatan\n"
    parsed = read_file(text.encode(), "catatan.csv", "coverage")
    assert parsed.issues == ()
    assert parsed.rows.select("row", "registered").rows() == [(4, 11000)]


def workbook(rows: list[list]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Rekap")
    for number, row in enumerate(rows):
        sheet.write_row(number, 0, row)
    book.close()
    return buffer.getvalue()


def test_a_sheet_cut_short_under_its_total_row_is_refused():
    # The Jumlah row right under the header says 29.000 residents; the rows below add up to
    # 12.000 + 8.000 = 20.000 (and 11.000 + 7.000 = 18.000 of 26.000 registered): rows are missing.
    data = workbook(
        [
            ["Kecamatan", "Kelurahan", "Jumlah Penduduk", "Jumlah Peserta"],
            ["Jumlah", None, 29000, 26000],
            ["Pontianak Kota", "Darat Sekip", 12000, 11000],
            ["Pontianak Kota", "Tengah", 8000, 7000],
        ]
    )
    parsed = read_file(data, "potong.xlsx", "coverage")
    assert codes(parsed) == [("error", "rows_cut_short", 2)]
    assert parsed.issues[0].params == {"label": "Jumlah", "file_total": 29000, "rows_sum": 20000, "last_row": 4}
    assert (
        parsed.issues[0]
        .message("id")
        .startswith(
            "Berkas “potong.xlsx”, lembar “Rekap”, baris 2, kolom “Jumlah Penduduk”: baris total “Jumlah” di atas data "
            "menulis 29.000, tetapi baris-baris di bawahnya (sampai baris 4) hanya berjumlah 20.000"
        )
    )
    assert "the table is cut short" in parsed.issues[0].message("en")


def test_a_total_row_above_rows_that_add_up_is_quiet():
    data = workbook(
        [
            ["Kecamatan", "Kelurahan", "Jumlah Penduduk"],
            ["Jumlah", None, 20000],
            ["Pontianak Kota", "Darat Sekip", 12000],
            ["Pontianak Kota", "Tengah", 8000],
        ]
    )
    parsed = read_file(data, "atas.xlsx", "population")
    assert parsed.issues == ()
    assert parsed.total_row == 2
    assert parsed.rows["population"].to_list() == [12000, 8000]


def test_a_workbook_whose_bytes_stop_midway_is_unreadable():
    data = workbook([["Kecamatan", "Jumlah Peserta"], *(["Pontianak Kota", n] for n in range(500))])
    parsed = read_file(data[: len(data) // 2], "putus.xlsx", "coverage")
    assert codes(parsed) == [("error", "unreadable", None)]
    assert parsed.rows.height == 0


@pytest.mark.parametrize("start", ["x\x01", "x^"])
def test_a_csv_that_begins_like_a_zlib_stream_is_read_as_text_not_inflated(start):
    # Polars would take b"x\x01" / b"x^" for a zlib header and try to decompress the file.
    text = f"{start};Kelurahan;Jumlah Penduduk\n1;Darat Sekip;9.000\n"
    parsed = read_file(text.encode(), "rekap.csv", "population")
    assert not any(issue.params.get("reason") == "internal" for issue in parsed.issues)
    assert parsed.rows.select("kelurahan", "population").rows() == [("Darat Sekip", 9_000)]
