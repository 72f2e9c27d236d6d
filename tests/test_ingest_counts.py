"""Only counts of people are read as counts: density, area, shares, averages and growth never are."""

from __future__ import annotations

import io

import pytest
import xlsxwriter

from uhc.intake.reader import canonical_column, not_count_reason, read_file


def xlsx(rows: list[list]) -> bytes:
    """A one-sheet workbook as an office writes it (xlsxwriter), numbers as numbers."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet("Sheet1")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
    workbook.close()
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        ("KEPADATAN (JIWA/KM2)", "density"),
        ("kepadatan_penduduk", "density"),
        ("Kepadatan Penduduk per km²", "density"),
        ("Penduduk/km2", "density"),
        ("Luas Wilayah (km²)", "area"),
        ("luas_wilayah_km2", "area"),
        ("Luas (Ha)", "area"),
        ("Luas Hektar", "area"),
        ("laju_pertumbuhan_penduduk", "growth"),
        ("Pertumbuhan Penduduk", "growth"),
        ("Growth of population", "growth"),
        ("rasio_jenis_kelamin", "share"),
        ("persentase_penduduk", "share"),
        ("% Penduduk", "share"),
        ("Persen Peserta Aktif", "share"),
        ("Peserta per 1.000 penduduk", "share"),
        ("Kematian per 1000", "share"),
        ("Penduduk ‰", "share"),
        ("Rata-rata Jiwa per KK", "average"),
        ("Rerata Penduduk", "average"),
        ("Average population", "average"),
        ("Mean participants", "average"),
    ],
)
def test_figures_that_are_not_counts_are_never_a_count_column(header, reason):
    assert not_count_reason(header) == reason
    for kind in ("population", "coverage"):
        assert canonical_column(header, kind) is None


@pytest.mark.parametrize(
    ("header", "canonical"),
    [
        ("jumlah_penduduk", "population"),
        ("Jumlah Penduduk", "population"),
        ("JUMLAH JIWA", "population"),
        ("jumlah_peserta", "registered"),
        ("Peserta Aktif", "active"),
        ("Kecamatan", "kecamatan"),
    ],
)
def test_counts_stay_counts(header, canonical):
    assert not_count_reason(header) is None
    assert canonical_column(header, "population") == canonical


def test_a_density_table_is_refused_naming_the_column_in_both_languages():
    # The bug: "KEPADATAN (JIWA/KM2)" holds "jiwa" and was stored as population.
    text = (
        "KEPADATAN PENDUDUK MENURUT KECAMATAN\n"
        "No;Kecamatan;KEPADATAN (JIWA/KM2)\n"
        "1;Pontianak Kota;7.386\n"
        "2;Pontianak Barat;8.552\n"
        ";Jumlah;6.402\n"
    )
    parsed = read_file(text.encode("cp1252"), "kepadatan.csv", "population")
    assert parsed.rows.height == 0
    assert [(i.severity, i.code, i.row, i.value) for i in parsed.issues] == [
        ("error", "not_a_count", 2, "KEPADATAN (JIWA/KM2)")
    ]
    (issue,) = parsed.issues
    assert issue.message("id").startswith(
        "Berkas “kepadatan.csv”, baris 2: kolom “KEPADATAN (JIWA/KM2)” adalah kepadatan penduduk (jiwa per km²), "
        "bukan jumlah penduduk; berkas ini tidak berisi kolom jumlah penduduk."
    )
    assert issue.message("en").startswith(
        "File “kepadatan.csv”, row 2: column “KEPADATAN (JIWA/KM2)” is population density (people per km²), "
        "not population; this file has no population column."
    )


@pytest.mark.parametrize(
    ("header", "reason_id", "reason_en"),
    [
        ("kepadatan_penduduk", "kepadatan penduduk (jiwa per km²)", "population density (people per km²)"),
        ("laju_pertumbuhan_penduduk", "laju pertumbuhan", "a growth rate"),
        ("persentase_penduduk", "persentase, rasio atau angka per 1.000", "a percentage, a ratio or a rate per 1,000"),
        ("rata_rata_penduduk", "rata-rata", "an average"),
    ],
)
def test_open_data_snake_case_tables_without_a_count_are_refused_with_the_reason(header, reason_id, reason_en):
    # Satu Data / Open Data Jakarta style: snake_case headers, comma separated, English decimals.
    text = (
        f"kode_kecamatan,nama_kecamatan,{header},tahun\n3173010,KEMBANGAN,15.21,2023\n3173020,KEBON JERUK,16.02,2023\n"
    )
    parsed = read_file(text.encode(), "open_data.csv", "population")
    assert [(i.code, i.value) for i in parsed.errors] == [("not_a_count", header)]
    assert f"adalah {reason_id}, bukan jumlah penduduk" in parsed.errors[0].message("id")
    assert f"is {reason_en}, not population" in parsed.errors[0].message("en")


def test_a_real_count_beside_density_and_area_is_the_population_and_they_are_left_unread():
    # BPS layout: Luas Wilayah (km²), Jumlah Penduduk, Kepadatan Penduduk per km²; the population is
    # 117.245 and 140.012 (thousands in Indonesian style), never 7.386 (the density).
    rows = [
        ["Kecamatan", "Luas Wilayah (km²)", "Jumlah Penduduk", "Kepadatan Penduduk per km²", "Laju Pertumbuhan (%)"],
        ["Pontianak Kota", 15.51, 117245, 7559.3, 1.2],
        ["Pontianak Barat", 16.47, 140012, 8501.0, 0.9],
        ["Jumlah", 31.98, 257257, 8044.3, 1.0],  # 117.245 + 140.012 = 257.257
    ]
    parsed = read_file(xlsx(rows), "bps.xlsx", "population")
    assert parsed.errors == ()
    assert parsed.columns == {"kecamatan": "Kecamatan", "population": "Jumlah Penduduk"}
    assert parsed.rows.select("kecamatan", "population").rows() == [
        ("Pontianak Kota", 117_245),
        ("Pontianak Barat", 140_012),
    ]
    assert set(parsed.ignored_headers) == {
        "Luas Wilayah (km²)",
        "Kepadatan Penduduk per km²",
        "Laju Pertumbuhan (%)",
    }


def test_a_coverage_recap_with_a_density_column_does_not_store_it_as_population():
    # 115.010 registered in Pontianak Kota; "Kepadatan (jiwa/km2)" 7.386 is no population.
    text = "Kecamatan;Jumlah Peserta;Kepadatan (jiwa/km2)\nPontianak Kota;115.010;7.386\n"
    parsed = read_file(text.encode(), "rekap.csv", "coverage")
    assert parsed.errors == ()
    assert parsed.rows.select("registered", "population").rows() == [(115_010, None)]


def test_a_mapping_does_not_make_a_density_a_count():
    text = "Kecamatan;Kepadatan (jiwa/km2)\nPontianak Kota;7.386\n"
    parsed = read_file(text.encode(), "k.csv", "population", mapping={"population": "Kepadatan (jiwa/km2)"})
    assert parsed.rows.height == 0
    assert [(i.code, i.value) for i in parsed.errors] == [("not_a_count", "Kepadatan (jiwa/km2)")]


def test_a_participants_share_alone_is_refused_for_a_coverage_file():
    text = "Kelurahan;Persentase Peserta Aktif\nDarat Sekip;81,2\n"
    parsed = read_file(text.encode(), "p.csv", "coverage")
    assert [(i.code, i.value) for i in parsed.errors] == [("not_a_count", "Persentase Peserta Aktif")]
    assert "bukan jumlah peserta (atau peserta aktif dan non aktif)" in parsed.errors[0].message("id")
