"""The Data page's report frames: rows read, changes and history as text in Indonesian and English."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from uhc.intake import import_report, reader
from uhc.intake.imports import CHANGE_SCHEMA

D = dt.date
RECAP = b"""No;Kode Wilayah;Kecamatan;Kelurahan;Jumlah Peserta;Peserta Aktif
1;61.71.01.1002;Pontianak Selatan;Benuamelayu Laut;26.199;21.382
2;61.71.01.1003;Pontianak Selatan;Benuamelayu Darat;1.022.808;-
"""


def text_frame(columns: dict[str, list[str]]) -> pl.DataFrame:
    return pl.DataFrame(columns, schema=dict.fromkeys(columns, pl.String))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "id",
            {
                "Baris": ["2", "3"],
                "Kode wilayah": ["61.71.01.1002", "61.71.01.1003"],
                "Kecamatan": ["Pontianak Selatan", "Pontianak Selatan"],
                "Kelurahan/desa": ["Benuamelayu Laut", "Benuamelayu Darat"],
                "Jumlah peserta": ["26.199", "1.022.808"],
                "Peserta aktif": ["21.382", "–"],
            },
        ),
        (
            "en",
            {
                "Row": ["2", "3"],
                "Region code": ["61.71.01.1002", "61.71.01.1003"],
                "Kecamatan (district)": ["Pontianak Selatan", "Pontianak Selatan"],
                "Kelurahan/desa (village)": ["Benuamelayu Laut", "Benuamelayu Darat"],
                "Registered participants": ["26,199", "1,022,808"],
                "Active participants": ["21,382", "–"],
            },
        ),
    ],
)
def test_preview_shows_the_columns_the_file_has_in_the_users_format(language, expected):
    parsed = reader.read_file(RECAP, "rekap.csv", "coverage")
    assert_frame_equal(import_report.preview(parsed, language), text_frame(expected))


def test_preview_names_the_month_of_each_row():
    parsed = reader.read_file(
        b"Bulan;" + RECAP.replace(b"\n1;", b"\n2026-02;1;").replace(b"\n2;", b"\n2026-02;2;"), "r.csv", "coverage"
    )
    assert import_report.preview(parsed, "id")["Bulan"].to_list() == ["Februari 2026", "Februari 2026"]


def test_preview_is_cut_at_its_limit():
    parsed = reader.read_file(RECAP, "rekap.csv", "coverage")
    assert import_report.preview(parsed, "id", limit=1)["Baris"].to_list() == ["2"]


def test_changes_show_before_and_after_for_changed_figures_only():
    changes = pl.DataFrame(
        {
            "figures": ["coverage", "coverage", "coverage", "population"],
            "kemendagri_code": ["61.71.01.1002", "61.71.01.1003", "61.71.01.1004", "61.71.01.1002"],
            "name": ["Benuamelayu Laut", "Benuamelayu Darat", "Parittokaya", "Benuamelayu Laut"],
            "day": [D(2026, 2, 1), D(2026, 2, 1), D(2026, 2, 1), D(2026, 2, 28)],
            "change": ["changed", "added", "unchanged", "added"],
            "registered_before": [26_099, None, 27_150, None],
            "registered_after": [26_199, 22_808, 27_150, None],
            "active_before": [21_282, None, 21_055, None],
            "active_after": [21_282, 17_571, 21_055, None],
            "population_before": [None, None, None, None],
            "population_after": [None, None, None, 27_500],
        },
        schema=CHANGE_SCHEMA,
    )

    expected = text_frame(
        {
            "Wilayah": ["Benuamelayu Laut", "Benuamelayu Darat", "Benuamelayu Laut"],
            "Kode Kemendagri": ["61.71.01.1002", "61.71.01.1003", "61.71.01.1002"],
            "Bulan/tanggal": ["Februari 2026", "Februari 2026", "28 Februari 2026"],
            "Perubahan": ["berubah", "baru", "baru"],
            "Terdaftar": ["26.099 → 26.199", "– → 22.808", ""],
            "Aktif": ["21.282", "– → 17.571", ""],
            "Penduduk": ["", "", "– → 27.500"],
        }
    )
    assert_frame_equal(import_report.changes(changes, "id"), expected)


def test_change_counts_name_the_population_dates():
    counts = {
        "coverage": {"added": 2, "changed": 1, "removed": 0, "unchanged": 26},
        "population": {"added": 0, "changed": 0, "removed": 0, "unchanged": 0},
    }
    assert import_report.change_counts(counts, (), "id") == ["cakupan: 2 baru, 1 berubah, 0 dihapus, 26 tetap"]
    counts["population"]["added"] = 1_200
    assert import_report.change_counts(counts, (D(2025, 6, 30),), "id")[1] == (
        "penduduk per 30 Juni 2025: 1.200 baru, 0 berubah, 0 dihapus, 0 tetap"
    )


def test_history_as_text():
    batches = pl.DataFrame(
        {
            "batch_id": [3, 1],
            "kind": ["coverage", "demo"],
            "file_name": ["rekap_februari_2026.csv", None],
            "sha256": ["a3f1c2" * 10 + "abcd", None],
            "row_count": [1_029, 1_682],
            "imported_by": ["rina", "root"],
            "imported_at": [dt.datetime(2026, 3, 2, 9, 5), dt.datetime(2026, 1, 3, 17, 40)],
            "status": ["current", None],
            "summary": ["2026-02; cakupan: 29 baru", "Demo city"],
        }
    )
    expected = text_frame(
        {
            "Batch": ["3", "1"],
            "Waktu": ["2 Mar 2026 09.05", "3 Jan 2026 17.40"],
            "Oleh": ["rina", "root"],
            "Jenis": ["cakupan", "demo"],
            "Berkas": ["rekap_februari_2026.csv", ""],
            "SHA-256": ["a3f1c2a3f1c2", ""],
            "Baris": ["1.029", "1.682"],
            "Status": ["berlaku", "–"],
            "Ringkasan": ["2026-02; cakupan: 29 baru", "Demo city"],
        }
    )
    assert_frame_equal(import_report.history(batches, "id"), expected)
    assert import_report.restorable(batches.with_columns(status=pl.Series(["superseded", None])))[
        "batch_id"
    ].to_list() == [3]


@pytest.mark.parametrize(
    ("latest", "today", "first_three"),
    [
        # the month after the latest stored one, when that is later than today's
        (D(2026, 1, 1), D(2026, 1, 20), [D(2026, 2, 1), D(2026, 1, 1), D(2025, 12, 1)]),
        (D(2026, 1, 1), D(2026, 11, 23), [D(2026, 11, 1), D(2026, 10, 1), D(2026, 9, 1)]),
        (None, D(2026, 3, 5), [D(2026, 3, 1), D(2026, 2, 1), D(2026, 1, 1)]),
    ],
)
def test_month_choices_start_at_the_next_month_to_import(latest, today, first_three):
    choices = import_report.month_choices(latest, today)
    assert choices[:3] == first_three
    assert len(choices) == 61  # five years back


def test_mapping_fields_for_a_missing_figure_offer_the_files_headers():
    parsed = reader.read_file(
        RECAP.replace(b"Jumlah Peserta", b"Total JKN").replace(b";-\n", b";1\n"), "r.csv", "coverage"
    )
    fields, headers = import_report.mapping_fields(parsed)
    assert fields == ["registered", "active", "inactive"]
    assert headers == ["No", "Kode Wilayah", "Kecamatan", "Kelurahan", "Total JKN", "Peserta Aktif"]
    assert import_report.mapping({"registered": "Total JKN", "active": None, "inactive": " "}) == (
        ("registered", "Total JKN"),
    )


def test_mapping_fields_for_two_columns_read_as_one_offer_that_column():
    text = b"Kecamatan;Jumlah Peserta Mei 2025;Jumlah Peserta Juni 2025\nPontianak Kota;114.800;115.010\n"
    assert import_report.mapping_fields(reader.read_file(text, "r.csv", "coverage")) == (
        ["registered"],
        ["Kecamatan", "Jumlah Peserta Mei 2025", "Jumlah Peserta Juni 2025"],
    )


def test_mapping_fields_without_a_header_row_are_typed():
    parsed = reader.read_file(b"a;b;c\n1;2;3\n", "r.csv", "coverage")
    assert import_report.mapping_fields(parsed) == (
        ["region_code", "kecamatan", "kelurahan", "registered", "active"],
        None,
    )
    assert import_report.mapping_fields(reader.read_file(RECAP, "r.csv", "coverage")) == ([], None)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("rekap_juni_2025.csv", "rekap\\_juni\\_2025.csv"),
        ("Rp$100 *baru*", "Rp\\$100 \\*baru\\*"),
        ("[tautan](x)", "\\[tautan\\](x)"),
        ("87,86% dari 687.031", "87,86% dari 687.031"),
        # what GitHub markdown links by itself gets an invisible word joiner (U+2060) inside
        ("www.example.com.csv", "www\u2060.example.com.csv"),
        ("WWW.Dinkes.id", "WWW\u2060.Dinkes.id"),
        ("http://evil.example", "http:\u2060//evil.example"),
        ("lihat https://x.id/a_b", "lihat https:\u2060//x.id/a\\_b"),
        ("rina@dinkes.go.id", "rina\u2060@dinkes.go.id"),
    ],
)
def test_markdown_text_shows_text_literally(text, shown):
    assert import_report.markdown_text(text) == shown
