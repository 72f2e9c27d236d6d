"""Matching labels from real files (codes of both systems, names as written) to the region tree."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from uhc.store import regions
from uhc.store.regions import match_regions

CITIES = {"pontianak": "61.71", "serang": "36.73", "jakarta_barat": "31.73"}


@cache
def city_tree(code: str) -> pl.DataFrame:
    return regions.city_region_tree(regions.kab_kota(code))


def crosswalk(real_data_dir: Path, level: str, city: str) -> pl.DataFrame:
    frame = pl.read_csv(real_data_dir / f"{level}_kemendagri_bps_crosswalk.csv", infer_schema=False)
    return frame.filter(pl.col("city") == city)


def tree_with_bps_codes(real_data_dir: Path, city: str) -> pl.DataFrame:
    """The city's tree as a store holds it once the BPS codes of its kecamatan and kelurahan are known."""
    bps = {}
    for level in ("kecamatan", "kelurahan"):
        rows = crosswalk(real_data_dir, level, city)
        bps.update(zip(rows["kode_kemendagri"], rows["kode_bps"], strict=True))
    return city_tree(CITIES[city]).with_columns(
        bps_code=pl.col("kemendagri_code").replace_strict(bps, default=None, return_dtype=pl.String)
    )


def bps_kelurahan_labels(real_data_dir: Path, city: str) -> pl.DataFrame:
    """Each kelurahan as BPS writes it: its code, its kecamatan's BPS name, its BPS name; and the expected code."""
    kecamatan = crosswalk(real_data_dir, "kecamatan", city)
    kecamatan_name = dict(zip(kecamatan["kode_kemendagri"], kecamatan["nama_bps"], strict=True))
    return crosswalk(real_data_dir, "kelurahan", city).select(
        pl.col("kode_bps").alias("region_code"),
        pl.col("kode_kec_kemendagri").replace_strict(kecamatan_name).alias("kecamatan"),
        pl.col("nama_bps").alias("kelurahan"),
        pl.col("kode_kemendagri").alias("expected"),
    )


def assert_all_matched(matched: pl.DataFrame, matched_by: set[str]) -> None:
    wrong = matched.filter(pl.col("kemendagri_code").ne_missing(pl.col("expected")))
    assert wrong.to_dicts() == []
    assert set(matched["matched_by"]) <= matched_by


@pytest.mark.parametrize(("city", "count"), [("pontianak", 29), ("serang", 67), ("jakarta_barat", 56)])
def test_every_bps_kelurahan_code_matches_its_kemendagri_code(real_data_dir, city, count):
    labels = bps_kelurahan_labels(real_data_dir, city).select("region_code", "expected")
    matched = match_regions(labels, tree_with_bps_codes(real_data_dir, city))
    assert matched.height == count
    assert_all_matched(matched, {"bps_code"})


@pytest.mark.parametrize(("city", "count"), [("pontianak", 6), ("serang", 6), ("jakarta_barat", 8)])
def test_every_bps_kecamatan_code_and_name_matches(real_data_dir, city, count):
    rows = crosswalk(real_data_dir, "kecamatan", city)
    tree = tree_with_bps_codes(real_data_dir, city)
    by_code = match_regions(rows.select(region_code="kode_bps", expected="kode_kemendagri"), tree)
    by_name = match_regions(rows.select(kecamatan="nama_bps", expected="kode_kemendagri"), city_tree(CITIES[city]))
    composite = match_regions(
        rows.select(kecamatan=pl.format("{}-{}", "kode_bps", "nama_bps"), expected="kode_kemendagri"), tree
    )
    assert by_code.height == by_name.height == composite.height == count
    assert_all_matched(by_code, {"bps_code"})
    assert_all_matched(by_name, {"name"})
    assert_all_matched(composite, {"bps_code"})


def test_composite_label_with_a_kemendagri_code_matches_by_the_code():
    matched = match_regions(pl.DataFrame({"kecamatan": ["61.71.05 - Pontianak Kota"]}), city_tree("61.71"))
    assert matched.select("kemendagri_code", "matched_by").row(0) == ("61.71.05", "kemendagri_code")


@pytest.mark.parametrize("city", CITIES)
def test_every_bps_kelurahan_name_matches_within_its_kecamatan(real_data_dir, city):
    # The tree has no BPS codes here, so only the names can match. Four BPS names differ by a letter
    # from Kemendagri's (PENGAMPELAN/Pangampelan, KEPUREN/Kapuren, KAMANISAN/Kemanisan,
    # WIJAYA KESUMA/Wijaya Kusuma): they match as similar names.
    labels = bps_kelurahan_labels(real_data_dir, city).drop("region_code")
    matched = match_regions(labels, city_tree(CITIES[city]))
    assert_all_matched(matched, {"name", "similar_name"})
    similar = matched.filter(pl.col("matched_by") == "similar_name")["kelurahan"].sort().to_list()
    assert (
        similar
        == {
            "pontianak": [],
            "serang": ["KAMANISAN", "KEPUREN", "PENGAMPELAN"],
            "jakarta_barat": ["WIJAYA KESUMA"],
        }[city]
    )


@pytest.mark.parametrize("city", CITIES)
def test_kelurahan_names_without_kecamatan_match_where_unique_in_the_city(real_data_dir, city):
    labels = bps_kelurahan_labels(real_data_dir, city).select("kelurahan", "expected")
    matched = match_regions(labels, city_tree(CITIES[city]))
    unmatched = matched.filter(pl.col("kemendagri_code").is_null())
    # Serang's two Sukawana are the only names that occur twice in these cities
    assert unmatched["expected"].sort().to_list() == (["36.73.01.1008", "36.73.04.1007"] if city == "serang" else [])
    assert_all_matched(matched.filter(pl.col("kemendagri_code").is_not_null()), {"name", "similar_name"})


def test_sukawana_without_kecamatan_is_ambiguous_and_names_both():
    matched = match_regions(pl.DataFrame({"kelurahan": ["SUKAWANA"]}), city_tree("36.73"))
    expected = pl.DataFrame(
        {
            "kelurahan": ["SUKAWANA"],
            "kemendagri_code": [None],
            "matched_by": [None],
            "unmatched_reason": ["ambiguous_name"],
            "suggestions": [["36.73.01.1008 Sukawana (Kec. Serang)", "36.73.04.1007 Sukawana (Kec. Curug)"]],
        },
        schema={"kelurahan": pl.String, **regions.MATCH_SCHEMA},
    )
    assert_frame_equal(matched, expected)


@pytest.mark.parametrize(
    ("kecamatan", "code"), [("Kec. Serang", "36.73.01.1008"), ("CURUG", "36.73.04.1007"), ("3673010", None)]
)
def test_sukawana_within_its_kecamatan(kecamatan, code):
    # 3673010 is BPS Curug, but this tree holds no BPS codes: the kecamatan is unknown, nothing is guessed
    matched = match_regions(pl.DataFrame({"kecamatan": [kecamatan], "kelurahan": ["Sukawana"]}), city_tree("36.73"))
    assert matched["kemendagri_code"].to_list() == [code]


@pytest.mark.parametrize(
    ("city", "labels", "expected"),
    [
        ("61.71", {"kecamatan": "PONTIANAK UTARA"}, "61.71.04"),
        ("61.71", {"kecamatan": "Kec. Pontianak Utara "}, "61.71.04"),
        ("61.71", {"kecamatan": "Kecamatan Pontianak Utara"}, "61.71.04"),
        ("61.71", {"kecamatan": "KEC PONTIANAK UTARA"}, "61.71.04"),
        ("61.71", {"kecamatan": "6171031-PONTIANAK KOTA"}, "61.71.05"),
        ("61.71", {"kelurahan": "Kel. Sungai Jawi"}, "61.71.05.1005"),
        ("61.71", {"kelurahan": "SEI JAWI"}, "61.71.05.1005"),
        ("61.71", {"kecamatan": "Pontianak Barat", "kelurahan": "Sungai Jawi Dalam  "}, "61.71.03.1002"),
        ("61.71", {"kelurahan": "Kelurahan Benua Melayu Laut"}, "61.71.01.1002"),
        ("61.71", {"kelurahan": "Desa Kotabaru"}, "61.71.01.1005"),
        ("31.73", {"kecamatan": "Palmerah"}, "31.73.07"),
        ("31.73", {"kecamatan": "Pal Merah"}, "31.73.07"),
        ("31.73", {"kecamatan": "KALI DERES"}, "31.73.06"),
        ("31.73", {"kecamatan": "Pal Merah", "kelurahan": "Palmerah"}, "31.73.07.1001"),
        ("36.73", {"kecamatan": "Serang", "kelurahan": "Serang"}, "36.73.01.1001"),
        ("36.73", {"kelurahan": "KALANG ANYAR"}, "36.73.06.1005"),
        # numbers and Roman numerals become the words the gazetteer uses (Kota Palembang)
        ("16.71", {"kecamatan": "Ilir Barat II"}, "16.71.01"),
        ("16.71", {"kecamatan": "Ilir Barat 2", "kelurahan": "35 Ilir"}, "16.71.01.1001"),
        ("16.71", {"kelurahan": "3-4 Ulu"}, "16.71.02.1004"),
    ],
)
def test_names_as_written_in_real_files(city, labels, expected):
    # A kecamatan name; its kelurahan within it, or alone when unique in the city
    matched = match_regions(pl.DataFrame([labels]), city_tree(city))
    assert matched["kemendagri_code"].to_list() == [expected]
    assert matched["matched_by"].to_list() == ["name"]


@pytest.mark.parametrize(
    ("region_code", "expected"),
    [
        ("61.71.05.1005", "61.71.05.1005"),
        (" 61.71.05.1005 ", "61.71.05.1005"),
        ("6171051005", "61.71.05.1005"),
        ("6171051005.0", "61.71.05.1005"),  # a code that went through a spreadsheet as a number
        ("617105", "61.71.05"),
        ("61.71", "61.71"),
        ("61.71.05.9999", None),
        ("61.72.01", None),
    ],
)
def test_kemendagri_codes_dotted_or_not(region_code, expected):
    matched = match_regions(pl.DataFrame({"region_code": [region_code]}), city_tree("61.71"))
    assert matched["kemendagri_code"].to_list() == [expected]
    assert matched["matched_by"].to_list() == ["kemendagri_code" if expected else None]
    assert matched["unmatched_reason"].to_list() == [None if expected else "unknown_code"]


def test_jakarta_codes_are_never_read_across_systems(real_data_dir):
    # Kemendagri 31.73 is Jakarta Barat; BPS 3173 is Jakarta Pusat, whose kecamatan (BPS 3173010
    # Gambir ...) are not in this tree. BPS 3174070 is Cengkareng (Kemendagri 31.73.01).
    tree = tree_with_bps_codes(real_data_dir, "jakarta_barat")
    labels = pl.DataFrame({"region_code": ["3173", "3173010", "3173010001", "3174070", "317301"]})
    matched = match_regions(labels, tree)
    assert matched["kemendagri_code"].to_list() == ["31.73", None, None, "31.73.01", "31.73.01"]
    assert matched["matched_by"].to_list() == ["kemendagri_code", None, None, "bps_code", "kemendagri_code"]


def test_a_ten_digit_code_of_both_systems_is_decided_by_the_rest_of_the_column(real_data_dir):
    # 6171011002 reads as Kemendagri 61.71.01.1002 (Benuamelayu Laut) and as BPS 6171011002
    # (Bangkabelitung Darat, Kemendagri 61.71.06.1004).
    tree = tree_with_bps_codes(real_data_dir, "pontianak")
    alone = match_regions(pl.DataFrame({"region_code": ["6171011002"]}), tree)
    assert alone.row(0) == (
        "6171011002",
        None,
        None,
        "ambiguous_code",
        [
            "61.71.01.1002 Benuamelayu Laut (Kec. Pontianak Selatan)",
            "61.71.06.1004 Bangkabelitung Darat (Kec. Pontianak Tenggara)",
        ],
    )
    # 6171030006 can only be BPS (Sungaijawi Dalam): the column is in BPS codes
    bps_column = match_regions(pl.DataFrame({"region_code": ["6171011002", "6171030006"]}), tree)
    assert bps_column["kemendagri_code"].to_list() == ["61.71.06.1004", "61.71.03.1002"]
    # 6171051005 can only be Kemendagri (Sungaijawi): the column is in Kemendagri codes
    kemendagri_column = match_regions(pl.DataFrame({"region_code": ["6171011002", "6171051005"]}), tree)
    assert kemendagri_column["kemendagri_code"].to_list() == ["61.71.01.1002", "61.71.05.1005"]
    named = match_regions(pl.DataFrame({"region_code": ["6171011002"], "kelurahan": ["BANGKA BELITUNG DARAT"]}), tree)
    assert named["kemendagri_code"].to_list() == ["61.71.06.1004"]


def test_kecamatan_code_and_kelurahan_name_match_the_kelurahan():
    labels = pl.DataFrame({"region_code": ["61.71.03", "617105"], "kelurahan": ["Sungai Jawi Luar", "SUNGAI JAWI"]})
    matched = match_regions(labels, city_tree("61.71"))
    assert matched["kemendagri_code"].to_list() == ["61.71.03.1003", "61.71.05.1005"]
    assert matched["matched_by"].to_list() == ["name", "name"]


def test_unknown_kecamatan_is_not_guessed_and_gets_suggestions():
    # "Pontianak Tengah" is three letters off Pontianak Tenggara: too far to take, close enough to suggest.
    matched = match_regions(pl.DataFrame({"kecamatan": ["Pontianak Tengah", "Pontianak Utaraa"]}), city_tree("61.71"))
    assert matched["kemendagri_code"].to_list() == [None, "61.71.04"]
    assert matched["matched_by"].to_list() == [None, "similar_name"]
    assert matched["unmatched_reason"].to_list() == ["unknown_kecamatan", None]
    assert matched["suggestions"][0][0] == "61.71.06 Pontianak Tenggara"


def test_kelurahan_under_the_wrong_kecamatan_suggests_where_the_name_is():
    labels = pl.DataFrame({"kecamatan": ["Pontianak Kota"], "kelurahan": ["Benua Melayu Laut"]})
    matched = match_regions(labels, city_tree("61.71"))
    assert matched["unmatched_reason"].to_list() == ["unknown_name"]
    assert "61.71.01.1002 Benuamelayu Laut (Kec. Pontianak Selatan)" in matched["suggestions"][0]


def test_aliases_in_the_tree_match():
    tree = city_tree("61.71").with_columns(
        aliases=pl.when(pl.col("kemendagri_code") == "61.71.05.1003")
        .then(pl.lit(["Tengah Kota"]))
        .otherwise(pl.col("aliases"))
    )
    matched = match_regions(pl.DataFrame({"kelurahan": ["TENGAH KOTA"]}), tree)
    assert matched["kemendagri_code"].to_list() == ["61.71.05.1003"]


def test_rows_keep_their_order_and_columns_and_empty_labels_are_unmatched():
    labels = pl.DataFrame(
        {
            "row_number": [1, 2, 3, 4],
            "kecamatan": ["Pontianak Kota", None, "  ", "Pontianak Kota"],
            "kelurahan": ["Tengah", None, None, "Tengah"],
        }
    )
    expected = labels.with_columns(
        kemendagri_code=pl.Series(["61.71.05.1003", None, None, "61.71.05.1003"]),
        matched_by=pl.Series(["name", None, None, "name"]),
        unmatched_reason=pl.Series([None, "no_label", "no_label", None]),
        suggestions=pl.Series([[], [], [], []], dtype=pl.List(pl.String)),
    )
    assert_frame_equal(match_regions(labels, city_tree("61.71")), expected)


def test_a_frame_without_label_columns_is_all_unmatched():
    matched = match_regions(pl.DataFrame({"population": [10, 20]}), city_tree("61.71"))
    assert matched.columns == ["population", *regions.MATCH_SCHEMA]
    assert matched["unmatched_reason"].to_list() == ["no_label", "no_label"]


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (1, "satu"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (35, "tiga puluh lima"),
        (100, "seratus"),
        (213, "dua ratus tiga belas"),
    ],
)
def test_number_in_words(number, words):
    assert regions.number_in_words(number) == words


def test_codes_read_as_numbers_match():
    # A spreadsheet column of undotted codes arrives as integers.
    matched = match_regions(pl.DataFrame({"region_code": [6171051005, 617103]}), city_tree("61.71"))
    assert matched["kemendagri_code"].to_list() == ["61.71.05.1005", "61.71.03"]
    assert matched["region_code"].to_list() == [6171051005, 617103]
