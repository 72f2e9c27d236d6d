"""The months of arrears a BPJS participant list gives (issue 13): read, stored, refused when not a number."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import xlsxwriter
from command_line import add_editor, uhc_as_editor

from uhc.cli.people import nik_checker
from uhc.intake.people.participants import most_arrears_months, read_participants
from uhc.intake.people.table import PeopleError
from uhc.store import keys, seed
from uhc.store.db import Store
from uhc.store.regions import city_region_tree, kab_kota

TODAY = dt.date(2026, 12, 7)
# Synthetic NIKs of kecamatan 61.71.01 (see test_participants.py).
NIKS = ["6171011708850001", "6171016103900002", "6171010201000003", "6171014505950004"]


def read(header: str, cells: list[str], today: dt.date = TODAY):
    lines = [f"{nik};PBPU;NON AKTIF;Akcaya;{cell}" for nik, cell in zip(NIKS, cells, strict=False)]
    data = ("\n".join([f"NIK;SEGMEN;STATUS;KELURAHAN;{header}", *lines]) + "\n").encode()
    tree = city_region_tree(kab_kota("61.71"))
    return read_participants(data, "peserta.csv", keys.CityKey(b"k" * 32), tree, nik_checker(), "61.71", today=today)


@pytest.mark.parametrize(
    "header", ["JML BLN TUNGGAK", "BULAN TUNGGAKAN", "TUNGGAKAN (BULAN)", "jml_bln_tunggak", "Bulan Tunggakan"]
)
def test_each_heading_of_the_months_of_arrears_is_read(header):
    read_list = read(header, ["7", "0", "", " 30 "])
    assert read_list.participants["arrears_months"].to_list() == [7, 0, None, 30]
    assert ("arrears_months", header) in read_list.columns.read


def test_a_list_without_the_column_has_no_months_and_a_rupiah_column_is_not_read_as_months():
    # TUNGGAKAN alone holds an amount in rupiah in BPJS exports: it must not become 840.000 months.
    read_list = read("TUNGGAKAN", ["840000", "0", "", "35000"])
    assert read_list.participants["arrears_months"].to_list() == [None] * 4
    assert "TUNGGAKAN" in read_list.columns.unused


def test_the_most_months_are_those_jkn_has_run():
    # January 2014 to December 2026: 12 x 12 + 12 = 156 months, January 2014 counted.
    assert most_arrears_months(TODAY) == 156
    assert most_arrears_months(dt.date(2014, 1, 31)) == 1
    assert read("BULAN TUNGGAKAN", ["156"]).participants["arrears_months"].to_list() == [156]


@pytest.mark.parametrize("cell", ["7 bulan", "-", "2,5", "2.5", "-3", "157", "2025", "Rp35.000", "tujuh"])
def test_a_cell_that_is_not_a_whole_number_of_months_is_refused_with_file_row_and_column(cell):
    with pytest.raises(PeopleError) as refused:
        read("JML BLN TUNGGAK", ["3", cell])
    # the header is line 1, the first participant line 2, the refused one line 3
    assert refused.value.text("en").startswith(
        "peserta.csv, row 3, column JML BLN TUNGGAK: not a number of months of arrears; write a whole number 0 to 156"
    )
    assert refused.value.text("id").startswith(
        "peserta.csv, baris 3, kolom JML BLN TUNGGAK: bukan jumlah bulan tunggakan; tulis bilangan bulat 0 sampai 156"
    )
    assert NIKS[1] not in refused.value.text("en")


@pytest.fixture
def city(tmp_path: Path) -> tuple[Path, Path]:
    db = tmp_path / "uhc.duckdb"
    with Store.open(db) as store:
        seed.add_city(store, "61.71")
    add_editor(db)
    key_file = tmp_path / "keys" / "city.key"
    keys.create_key_file(key_file)
    return db, key_file


def test_a_workbooks_months_are_stored_and_a_fraction_in_a_number_cell_refuses_the_whole_list(city, tmp_path):
    db, key_file = city

    def workbook(path: Path, months: list[float | None]) -> Path:
        book = xlsxwriter.Workbook(path)
        sheet = book.add_worksheet()
        for column, header in enumerate(["NIK", "SEGMEN", "STATUS", "KODE DESA", "TUNGGAKAN (BULAN)"]):
            sheet.write_string(0, column, header)
        for row, (nik, month) in enumerate(zip(NIKS, months, strict=True), start=1):
            sheet.write_string(row, 0, nik)
            sheet.write_string(row, 1, "PBPU")
            sheet.write_string(row, 2, "NON AKTIF")
            sheet.write_string(row, 3, "61.71.01.1006")
            if month is not None:
                sheet.write_number(row, 4, month)
        book.close()
        return path

    good = workbook(tmp_path / "a.xlsx", [3, 24, None, 40])
    done = uhc_as_editor("--db", db, "participants", "import", good, "--key-file", key_file, "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "months of arrears <- TUNGGAKAN (BULAN)" in done.stdout
    # 3, 24 and 40 given; 40 is above the rule's 24 months
    assert (
        "Months of arrears given for 3 participants; 1 of them more than 24 months (24 are counted under the "
        "arrears rule)." in done.stdout.splitlines()
    )
    with Store.open(db, read_only=True) as store:
        stored = store.run("participant_of_list")
    # 40 is stored as given; the arrears rule's cap (24) applies when they are priced
    assert stored["arrears_months"].to_list() == [3, 24, None, 40]
    bad = workbook(tmp_path / "b.xlsx", [3, 2.5, None, 1])
    refused = uhc_as_editor("--db", db, "participants", "import", bad, "--key-file", key_file, "--lang", "en")
    assert refused.returncode == 2
    assert refused.stderr.startswith("uhc: b.xlsx, row 3, column TUNGGAKAN (BULAN): not a number of months")
    with Store.open(db, read_only=True) as store:
        assert store.run("participant_of_list").height == 4
