"""Several code columns (kode_provinsi ... kode_kelurahan): the most detailed is the region, the others agree."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter

from uhc.intake import imports
from uhc.intake.reader import read_file
from uhc.store import seed
from uhc.store.db import Store

# Open Data Jakarta style: one code and one name column per level, snake_case, comma separated.
JAKARTA_HEADER = (
    "kode_provinsi,nama_provinsi,kode_kabupaten_kota,nama_kabupaten_kota,kode_kecamatan,nama_kecamatan,"
    "kode_kelurahan,nama_kelurahan,jumlah_penduduk\n"
)
JAKARTA_ROWS = (
    "31,DKI JAKARTA,3173,JAKARTA BARAT,3173010,KEMBANGAN,3173010001,KEMBANGAN SELATAN,30112\n"
    "31,DKI JAKARTA,3173,JAKARTA BARAT,3173010,KEMBANGAN,3173010002,KEMBANGAN UTARA,42910\n"
)


def test_the_kelurahan_code_is_the_region_and_the_others_are_its_parents():
    parsed = read_file((JAKARTA_HEADER + JAKARTA_ROWS).encode(), "penduduk_kelurahan.csv", "population")
    assert parsed.issues == ()
    assert parsed.columns == {
        "region_code": "kode_kelurahan",
        "kecamatan": "nama_kecamatan",
        "kelurahan": "nama_kelurahan",
        "population": "jumlah_penduduk",
        "province_code": "kode_provinsi",
        "kab_kota_code": "kode_kabupaten_kota",
        "kecamatan_code": "kode_kecamatan",
    }
    # nama_provinsi and nama_kabupaten_kota are the names of higher levels: not the region's.
    assert set(parsed.ignored_headers) == {"nama_provinsi", "nama_kabupaten_kota"}
    assert parsed.rows.select(
        "row", "region_code", "kecamatan", "kelurahan", "population", "province_code", "kab_kota_code", "kecamatan_code"
    ).rows() == [
        (2, "3173010001", "KEMBANGAN", "KEMBANGAN SELATAN", 30_112, "31", "3173", "3173010"),
        (3, "3173010002", "KEMBANGAN", "KEMBANGAN UTARA", 42_910, "31", "3173", "3173010"),
    ]


def test_a_kecamatan_table_takes_the_kecamatan_code_as_the_region():
    text = (
        "kode_provinsi;kode_kabupaten_kota;kode_kecamatan;nama_kecamatan;jumlah_penduduk\n"
        "61;61.71;61.71.01;PONTIANAK SELATAN;91.500\n"
    )
    parsed = read_file(text.encode(), "kec.csv", "population")
    assert parsed.issues == ()
    assert parsed.rows.select("region_code", "province_code", "kab_kota_code", "kecamatan_code").rows() == [
        ("61.71.01", "61", "61.71", None)
    ]


@pytest.mark.parametrize(
    ("kecamatan_code", "kelurahan_code"),
    [
        ("3173020", "3173010002"),  # BPS digits: 3173020 does not begin 3173010002
        ("31.73.02", "31.73.01.1002"),  # dotted Kemendagri: 317302 does not begin 317301 1002
    ],
)
def test_a_parent_code_that_disagrees_is_an_error_naming_both_cells(kecamatan_code, kelurahan_code):
    text = (
        "kode_kecamatan;nama_kecamatan;kode_kelurahan;nama_kelurahan;jumlah_penduduk\n"
        f"{kecamatan_code};KEBON JERUK;{kelurahan_code};KEMBANGAN UTARA;42.910\n"
    )
    parsed = read_file(text.encode(), "salah.csv", "population")
    assert [(i.severity, i.code, i.row, i.column, i.value) for i in parsed.issues] == [
        ("error", "parent_code_mismatch", 2, "kode_kecamatan", kecamatan_code)
    ]
    message = parsed.issues[0].message("id")
    assert message.startswith(
        f"Berkas “salah.csv”, baris 2, kolom “kode_kecamatan”: kode kecamatan “{kecamatan_code}” tidak cocok dengan "
        f"kode wilayah “{kelurahan_code}” di kolom “kode_kelurahan” pada baris yang sama"
    )
    assert (
        parsed.issues[0]
        .message("en")
        .startswith(
            f"File “salah.csv”, row 2, column “kode_kecamatan”: kecamatan code “{kecamatan_code}” does not agree with "
            f"the region code “{kelurahan_code}” in column “kode_kelurahan” of the same row"
        )
    )


def test_each_disagreeing_row_is_named_and_agreeing_rows_are_not():
    rows = (
        "31,DKI JAKARTA,3173,JAKARTA BARAT,3173010,KEMBANGAN,3173010001,KEMBANGAN SELATAN,30112\n"
        "31,DKI JAKARTA,3171,JAKARTA PUSAT,3173010,KEMBANGAN,3173010002,KEMBANGAN UTARA,42910\n"  # kab/kota wrong
        "32,JAWA BARAT,3173,JAKARTA BARAT,3173020,KEBON JERUK,3173020001,DURI KEPA,70000\n"  # province wrong
    )
    parsed = read_file((JAKARTA_HEADER + rows).encode(), "p.csv", "population")
    # Each parent is checked against the region's own code, the most detailed one.
    assert [(i.code, i.row, i.column, i.value, i.params["code"]) for i in parsed.errors] == [
        ("parent_code_mismatch", 3, "kode_kabupaten_kota", "3171", "3173010002"),
        ("parent_code_mismatch", 4, "kode_provinsi", "32", "3173020001"),
    ]


def test_code_columns_typed_as_numbers_in_a_workbook_are_read_as_codes():
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet()
    header = ["kode_provinsi", "kode_kabupaten_kota", "kode_kecamatan", "kode_kelurahan", "nama_kelurahan", "jumlah"]
    for c, value in enumerate(header):
        sheet.write(0, c, value)
    for c, value in enumerate([31, 3173, 3173010, 3173010001, "KEMBANGAN SELATAN", 30112]):
        sheet.write(1, c, value)
    workbook.close()
    parsed = read_file(buffer.getvalue(), "kel.xlsx", "population")
    assert parsed.errors == ()
    assert parsed.rows.select("region_code", "province_code", "kab_kota_code", "kecamatan_code").rows() == [
        ("3173010001", "31", "3173", "3173010")
    ]


def test_two_code_columns_of_no_level_stay_a_duplicate_to_choose():
    text = "Kode;Kode Wilayah;Kelurahan;Jumlah Penduduk\n61.71.01.1002;6171010002;Benuamelayu Laut;10.000\n"
    parsed = read_file(text.encode(), "dua.csv", "population")
    assert [(i.code, i.column) for i in parsed.errors] == [("duplicate_column", "Kode Wilayah")]


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "city.duckdb") as opened:
        seed.add_city(opened, "61.71")
        yield opened


def test_a_file_with_a_code_per_level_imports_at_the_kelurahan(store):
    # Pontianak Selatan (61.71.01): Benuamelayu Laut 61.71.01.1002 and Benuamelayu Darat 61.71.01.1003.
    text = (
        "kode_provinsi;nama_provinsi;kode_kabupaten_kota;nama_kabupaten_kota;kode_kecamatan;nama_kecamatan;"
        "kode_kelurahan;nama_kelurahan;jumlah_penduduk\n"
        "61;KALIMANTAN BARAT;61.71;KOTA PONTIANAK;61.71.01;PONTIANAK SELATAN;61.71.01.1002;BENUAMELAYU LAUT;10.000\n"
        "61;KALIMANTAN BARAT;61.71;KOTA PONTIANAK;61.71.01;PONTIANAK SELATAN;61.71.01.1003;BENUAMELAYU DARAT;20.000\n"
    )
    parsed = read_file(text.encode(), "penduduk.csv", "population")
    checked = imports.check(store, parsed, city_code="61.71", as_of=dt.date(2025, 6, 30))
    assert checked.errors == (), [issue.message("en") for issue in checked.errors]
    assert checked.population.select("kemendagri_code", "population").sort("kemendagri_code").rows() == [
        ("61.71.01.1002", 10_000),
        ("61.71.01.1003", 20_000),
    ]
    assert checked.population.schema["population"] == pl.Int64
