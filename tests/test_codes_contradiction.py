"""A code never wins against its own row: codes whose region the row's names contradict (issue 10, item 1).

The BPS codes come from the real crosswalk in ../shared/real (kelurahan_kemendagri_bps_crosswalk.csv).
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path

import polars as pl
import pytest

from uhc.intake import geo, imports, reader
from uhc.store import seed
from uhc.store.db import Store
from uhc.store.regions import city_region_tree, kab_kota, match_regions

JUNE = dt.date(2025, 6, 1)


@cache
def pontianak_tree() -> pl.DataFrame:
    return city_region_tree(kab_kota("61.71"))


def crosswalk(real_data_dir: Path, level: str) -> pl.DataFrame:
    frame = pl.read_csv(real_data_dir / f"{level}_kemendagri_bps_crosswalk.csv", infer_schema=False)
    return frame.filter(pl.col("city") == "pontianak")


def tree_with_bps_codes(real_data_dir: Path) -> pl.DataFrame:
    bps = {}
    for level in ("kecamatan", "kelurahan"):
        rows = crosswalk(real_data_dir, level)
        bps.update(zip(rows["kode_kemendagri"], rows["kode_bps"], strict=True))
    return pontianak_tree().with_columns(
        bps_code=pl.col("kemendagri_code").replace_strict(bps, default=None, return_dtype=pl.String)
    )


def bps_recap_rows(real_data_dir: Path) -> pl.DataFrame:
    """Pontianak's 29 kelurahan as a BPS-coded recap labels them, in BPS order, with the expected Kemendagri code."""
    kecamatan = crosswalk(real_data_dir, "kecamatan")
    kecamatan_name = dict(zip(kecamatan["kode_kemendagri"], kecamatan["nama_bps"], strict=True))
    return (
        crosswalk(real_data_dir, "kelurahan")
        .select(
            kecamatan=pl.format("Kec. {}", pl.col("kode_kec_kemendagri").replace_strict(kecamatan_name)),
            kelurahan=pl.format("{}-{}", "kode_bps", "nama_bps"),
            bps_code="kode_bps",
            expected="kode_kemendagri",
        )
        .sort("bps_code")
    )


def write_recap(path: Path, rows: pl.DataFrame) -> Path:
    """A June 2025 recap as a branch office exports it: title rows, No column, 10.001 thousands, Jumlah row.

    Row i (1..29) has 10.000 + i registered and 9.000 + i active.
    """
    lines = ["REKAP KEPESERTAAN JKN PER KELURAHAN", "KOTA PONTIANAK", "Posisi: Juni 2025", ""]
    lines.append("No;Kecamatan;Kelurahan;Jumlah Peserta;Peserta Aktif")
    for number, (kecamatan, kelurahan) in enumerate(rows.select("kecamatan", "kelurahan").iter_rows(), 1):
        lines.append(f"{number};{kecamatan};{kelurahan};{10_000 + number:_};{9_000 + number:_}".replace("_", "."))
    # 29 x 10.000 + (1 + ... + 29) = 290.000 + 435 = 290.435; 29 x 9.000 + 435 = 261.435
    lines.append(";Jumlah;;290.435;261.435")
    path.write_text("\n".join(lines) + "\n", encoding="cp1252")
    return path


@pytest.fixture
def store():
    with Store.in_memory() as opened:
        seed.add_city(opened, "61.71")
        yield opened


def check_file(store: Store, path: Path, **options) -> imports.Checked:
    parsed = reader.read_file(path.read_bytes(), path.name, "coverage")
    return imports.check(store, parsed, city_code="61.71", **options)


# Undotted BPS codes whose Kemendagri reading is a real kelurahan of another kecamatan:
# BPS kecamatan 6171031 (Pontianak Kota) reads as Kemendagri 61.71.03 (Pontianak Barat, kelurahan
# 1001-1004) and 6171011 (Pontianak Tenggara) as 61.71.01 (Pontianak Selatan, 1002-1006).
# 6171031005 -> 61.71.03.1005 and 6171011001 -> 61.71.01.1001 exist in neither.
CONTRADICTED = {
    "6171031001": "61.71.03.1001 Pallima (Kec. Pontianak Barat)",
    "6171031002": "61.71.03.1002 Sungaijawi Dalam (Kec. Pontianak Barat)",
    "6171031003": "61.71.03.1003 Sungaijawi Luar (Kec. Pontianak Barat)",
    "6171031004": "61.71.03.1004 Sungaibeliung (Kec. Pontianak Barat)",
    "6171011002": "61.71.01.1002 Benuamelayu Laut (Kec. Pontianak Selatan)",
    "6171011003": "61.71.01.1003 Benuamelayu Darat (Kec. Pontianak Selatan)",
    "6171011004": "61.71.01.1004 Parittokaya (Kec. Pontianak Selatan)",
}


def test_a_bps_coded_recap_imports_every_row_on_its_kemendagri_kelurahan_by_name(store, real_data_dir, tmp_path):
    rows = bps_recap_rows(real_data_dir)
    checked = check_file(store, write_recap(tmp_path / "rekap_bps_juni_2025.csv", rows))
    assert checked.errors == ()
    coverage = checked.coverage.sort("registered")
    # the file's row i is the i-th BPS code: its registered figure is 10.000 + i
    assert coverage["kemendagri_code"].to_list() == rows["expected"].to_list()
    assert coverage["registered"].to_list() == [10_000 + i for i in range(1, 30)]
    assert coverage["registered"].sum() == 290_435
    assert coverage["active"].sum() == 261_435
    # the seven rows whose code reads as another kelurahan say so; the code was not used
    warned = [w for w in checked.warnings if w.code == "name_over_code"]
    assert sorted(w.params["code_readings"] for w in warned) == sorted(CONTRADICTED.values())
    darat_sekip = next(w for w in warned if "6171031002" in w.value)
    # Darat Sekip is the 22nd BPS code (5 Selatan + 4 Tenggara + 7 Timur + 4 Barat + Sungai Bangkong):
    # four title lines and the header come first, so it is line 5 + 22 = 27
    assert darat_sekip.message("en") == (
        "File “rekap_bps_juni_2025.csv”, row 27, column “Kelurahan”: “Kec. PONTIANAK KOTA / 6171031002-DARAT "
        "SEKIP” was put on Daratsekip (61.71.05.1002) by its name and kecamatan. Its code, read as a Kemendagri "
        "code, is 61.71.03.1002 Sungaijawi Dalam (Kec. Pontianak Barat): that contradicts the name and the "
        "kecamatan, so the code was not used (it may be a BPS code). To have BPS codes checked, give a crosswalk "
        "(--crosswalk FILE)."
    )
    assert darat_sekip.message("id").startswith(
        "Berkas “rekap_bps_juni_2025.csv”, baris 27, kolom “Kelurahan”: “Kec. PONTIANAK KOTA / 6171031002-DARAT "
        "SEKIP” dimasukkan ke Daratsekip (61.71.05.1002) menurut nama dan kecamatannya."
    )
    batch = imports.commit(store, checked, user="ana")
    assert batch.new


def test_with_bps_codes_in_the_tree_the_same_labels_match_by_bps_code(real_data_dir):
    rows = bps_recap_rows(real_data_dir)
    matched = match_regions(rows.select("kecamatan", "kelurahan"), tree_with_bps_codes(real_data_dir))
    assert matched["kemendagri_code"].to_list() == rows["expected"].to_list()
    assert set(matched["matched_by"]) == {"bps_code"}


LABELS = {"region_code": pl.String, "kecamatan": pl.String, "kelurahan": pl.String}


@pytest.mark.parametrize(
    ("labels", "expected_code", "expected_by", "expected_reason", "expected_readings"),
    [
        # a dotted code is Kemendagri only: against its name and kecamatan it is an error naming both
        (
            ("61.71.03.1002", "Kec. Pontianak Kota", "DARAT SEKIP"),
            None,
            None,
            "code_contradicts_name",
            [
                "61.71.03.1002 Sungaijawi Dalam (Kec. Pontianak Barat)",
                "61.71.05.1002 Daratsekip (Kec. Pontianak Kota)",
            ],
        ),
        # the kecamatan column alone contradicts the code: Serang's two Sukawana (see below)
        # an undotted code without a kecamatan label: the name alone does not outvote the code
        (
            ("6171031002", None, "DARAT SEKIP"),
            None,
            None,
            "code_contradicts_name",
            [
                "61.71.03.1002 Sungaijawi Dalam (Kec. Pontianak Barat)",
                "61.71.05.1002 Daratsekip (Kec. Pontianak Kota)",
            ],
        ),
        # a code of another kab/kota (Kota Singkawang) is never outvoted by this city's names
        (
            ("61.72.01.1001", "Pontianak Kota", "Darat Sekip"),
            None,
            None,
            "code_contradicts_name",
            ["61.72.01.1001 Roban (Kota Singkawang)", "61.71.05.1002 Daratsekip (Kec. Pontianak Kota)"],
        ),
        # a name that names no kelurahan contradicts nothing: a renamed kelurahan keeps its code
        (("61.71.05.1002", "Pontianak Kota", "Darat Sekip Baru Sekali"), "61.71.05.1002", "kemendagri_code", None, []),
        # a name one letter off the code's own kelurahan agrees with it
        (("61.71.05.1002", "Pontianak Kota", "Darat Sekib"), "61.71.05.1002", "kemendagri_code", None, []),
        # code, name and kecamatan agree
        (("6171051002", "PONTIANAK KOTA", "DARATSEKIP"), "61.71.05.1002", "kemendagri_code", None, []),
    ],
)
def test_a_code_against_its_row(labels, expected_code, expected_by, expected_reason, expected_readings):
    matched = match_regions(pl.DataFrame([labels], schema=LABELS, orient="row"), pontianak_tree())
    assert matched.select("kemendagri_code", "matched_by", "unmatched_reason").row(0) == (
        expected_code,
        expected_by,
        expected_reason,
    )
    assert matched["suggestions"][0].to_list() == expected_readings


def test_sukawana_whose_code_names_the_other_kecamatan_is_an_error_naming_both():
    # Serang has two kelurahan called Sukawana: 36.73.01.1008 in Kec. Serang, 36.73.04.1007 in Kec. Curug
    labels = pl.DataFrame([("36.73.04.1007", "Kec. Serang", "Sukawana")], schema=LABELS, orient="row")
    matched = match_regions(labels, city_region_tree(kab_kota("36.73")))
    assert matched["unmatched_reason"].to_list() == ["code_contradicts_name"]
    assert matched["suggestions"][0].to_list() == [
        "36.73.04.1007 Sukawana (Kec. Curug)",
        "36.73.01.1008 Sukawana (Kec. Serang)",
    ]


def test_with_bps_codes_both_readings_contradicted_is_an_error_naming_all_three(real_data_dir):
    # 6171011002 is Kemendagri 61.71.01.1002 (Benuamelayu Laut) and BPS Bangkabelitung Darat (61.71.06.1004);
    # the row says Saigon in Pontianak Timur (61.71.02.1003)
    labels = pl.DataFrame([("6171011002", "PONTIANAK TIMUR", "SAIGON")], schema=LABELS, orient="row")
    matched = match_regions(labels, tree_with_bps_codes(real_data_dir))
    assert matched["unmatched_reason"].to_list() == ["code_contradicts_name"]
    assert matched["suggestions"][0].to_list() == [
        "61.71.01.1002 Benuamelayu Laut (Kec. Pontianak Selatan)",
        "61.71.06.1004 Bangkabelitung Darat (Kec. Pontianak Tenggara)",
        "61.71.02.1003 Saigon (Kec. Pontianak Timur)",
    ]


def test_the_import_error_names_both_readings_in_both_languages(store, tmp_path):
    path = tmp_path / "rekap_juni_2025.csv"
    path.write_text(
        "Kode Wilayah;Kecamatan;Kelurahan;Jumlah Peserta\n"
        "61.71.05.1001;PONTIANAK KOTA;SUNGAI BANGKONG;12.000\n"
        "61.71.03.1002;PONTIANAK KOTA;DARAT SEKIP;9.000\n",
        encoding="utf-8",
    )
    checked = check_file(store, path, period=JUNE)
    (error,) = checked.errors
    assert error.code == "code_contradicts_name"
    assert error.message("en") == (
        "File “rekap_juni_2025.csv”, row 3, column “Kode Wilayah”: the code and the names of this row point at "
        "different regions. The code reads as 61.71.03.1002 Sungaijawi Dalam (Kec. Pontianak Barat); the name and "
        "its kecamatan as 61.71.05.1002 Daratsekip (Kec. Pontianak Kota). Correct the code or the name so both give "
        "the same region; if the file's codes are BPS codes, give a crosswalk (--crosswalk FILE), then import again."
    )
    assert error.message("id") == (
        "Berkas “rekap_juni_2025.csv”, baris 3, kolom “Kode Wilayah”: kode dan nama baris ini menunjuk wilayah yang "
        "berbeda. Kodenya dibaca sebagai 61.71.03.1002 Sungaijawi Dalam (Kec. Pontianak Barat); nama dan "
        "kecamatannya sebagai 61.71.05.1002 Daratsekip (Kec. Pontianak Kota). Perbaiki kode atau nama agar keduanya "
        "menunjuk wilayah yang sama; jika kode di berkas adalah kode BPS, berikan tabel padanan kode (--crosswalk "
        "BERKAS), lalu impor lagi."
    )


def test_a_boundary_feature_whose_code_contradicts_its_name_and_kecamatan_is_refused(real_data_dir):
    collection = json.loads((real_data_dir / "pontianak_kelurahan.geojson").read_text(encoding="utf-8"))
    feature = next(f for f in collection["features"] if f["properties"]["kode"] == "61.71.05.1002")
    assert (feature["properties"]["nama"], feature["properties"]["nama_kec"]) == ("Daratsekip", "Pontianak Kota")
    feature["properties"]["kode"] = "61.71.03.1002"  # Sungaijawi Dalam's code, in Pontianak Barat
    with Store.in_memory() as store:
        seed.add_city(store, "61.71")
        regions = store.run("region_tree", scope_code="")
    checked = geo.read_boundaries(json.dumps(collection).encode(), "kelurahan.geojson", regions)
    keys = [problem.key for problem in checked.problems]
    assert "geo_feature_code_contradicts_name" in keys
    problem = checked.problems[keys.index("geo_feature_code_contradicts_name")]
    assert "61.71.03.1002 Sungaijawi Dalam (Kec. Pontianak Barat)" in problem.text("en")
    assert "61.71.05.1002 Daratsekip (Kec. Pontianak Kota)" in problem.text("id")
    # the real Sungaijawi Dalam feature keeps its region; Daratsekip is left without a boundary until fixed
    matched = checked.features.filter(pl.col("kemendagri_code").is_not_null())
    assert matched.height == 28
    assert "61.71.05.1002" not in matched["kemendagri_code"].to_list()
