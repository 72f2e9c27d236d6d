"""Place, date and signature under a recap are notes, not rows of figures (issue 10: real BPJS files)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from uhc.intake.reader import read_file

# A BPJS branch recap as Excel saves it with Indonesian settings: the Jumlah row, then a footnote,
# the place and date, the office, "ttd" and the name, typed across the count columns.
RECAP = (
    "REKAPITULASI KEPESERTAAN JKN KOTA PONTIANAK;;;;\n"
    "POSISI: 31 MEI 2025;;;;\n"
    "No;Kelurahan;Jumlah Penduduk;Jumlah Peserta;Peserta Aktif\n"
    "1;DARAT SEKIP;9.000;8.820;7.200\n"
    "2;TENGAH;10.100;10.315;8.050\n"
    ";JUMLAH;19.100;19.135;15.250\n"
    ";;;;\n"
    "Sumber: BPJS Kesehatan KC Pontianak;;;;\n"
    ";;;Pontianak, 5 Juni 2025;\n"
    ";;;Kepala Cabang Pontianak;\n"
    ";;;ttd;\n"
    ";;;Nama Kepala Cabang;\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_the_signature_under_a_csv_recap_is_not_read_as_figures(encoding):
    parsed = read_file(RECAP.encode(encoding), "rekap_mei.csv", "coverage")
    assert parsed.errors == ()
    # two kelurahan: 9.000 + 10.100 = 19.100 residents, 8.820 + 10.315 = 19.135 registered, as the Jumlah row says
    assert parsed.rows.select("kelurahan", "population", "registered", "active").rows() == [
        ("DARAT SEKIP", 9_000, 8_820, 7_200),
        ("TENGAH", 10_100, 10_315, 8_050),
    ]
    assert parsed.warnings == ()  # the Jumlah row agrees with the rows


def test_the_signature_under_a_workbook_recap_is_not_read_as_figures():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in RECAP.splitlines():
        sheet.append(
            [
                int(cell.replace(".", "")) if cell.replace(".", "").isdigit() else cell or None
                for cell in line.split(";")
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    parsed = read_file(buffer.getvalue(), "rekap_mei.xlsx", "coverage")
    assert parsed.errors == ()
    assert parsed.rows["registered"].sum() == 8_820 + 10_315


def test_a_note_with_a_number_below_the_table_is_still_refused():
    # "NIP 19780512 200501 1 003" is written like a number: the row is read, has no region, and is refused
    # rather than guessed away.
    text = RECAP + ";;;19780512 200501 1 003;\n"
    parsed = read_file(text.encode(), "rekap_mei.csv", "coverage")
    assert "missing_region" in {issue.code for issue in parsed.errors}


def test_a_text_cell_in_a_row_with_a_region_is_still_an_error():
    text = RECAP.replace("2;TENGAH;10.100;10.315;8.050", "2;TENGAH;10.100;sepuluh ribu;8.050")
    parsed = read_file(text.encode(), "rekap_mei.csv", "coverage")
    assert [(issue.code, issue.row) for issue in parsed.errors] == [("not_a_number", 5)]
