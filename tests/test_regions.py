"""The region tree from the gazetteer, checked against real boundary files; code and name lookups."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from uhc.store import regions
from uhc.store.regions import UnknownRegion, kab_kota, normalised_name


def city_tree(code: str) -> pl.DataFrame:
    return regions.city_region_tree(kab_kota(code))


def real_features(real_data_dir: Path, file_stem: str) -> list[dict]:
    """The properties (kode, nama) of every feature in a real boundary file."""
    collection = json.loads((real_data_dir / f"{file_stem}.geojson").read_text(encoding="utf-8"))
    return [feature["properties"] for feature in collection["features"]]


def test_pontianak_tree_has_one_province_one_city_six_kecamatan_and_29_kelurahan():
    tree = city_tree("61.71")
    counts = tree.group_by("level").len().sort("level")
    expected = pl.DataFrame(
        {"level": ["kecamatan", "kelurahan", "kota", "provinsi"], "len": [6, 29, 1, 1]},
        schema_overrides={"len": pl.UInt32},
    )
    assert_frame_equal(counts, expected)
    assert tree.schema == pl.Schema(regions.REGION_SCHEMA)


def test_pontianak_tree_top_rows():
    tree = city_tree("61.71")
    expected = pl.DataFrame(
        {
            "kemendagri_code": ["61", "61.71", "61.71.01", "61.71.01.1002"],
            "name": ["Kalimantan Barat", "Kota Pontianak", "Pontianak Selatan", "Benuamelayu Laut"],
            "level": ["provinsi", "kota", "kecamatan", "kelurahan"],
            "region_type": ["provinsi", "kota", "kecamatan", "kelurahan"],
            "parent_code": [None, "61", "61.71", "61.71.01"],
        }
    )
    assert_frame_equal(tree.select(expected.columns).head(4), expected)


@pytest.mark.parametrize("code", ["61.71", "36.73", "31.73"])
def test_tree_is_consistent(code):
    tree = city_tree(code)
    codes = set(tree["kemendagri_code"])
    assert tree["kemendagri_code"].n_unique() == tree.height
    for row in tree.iter_rows(named=True):
        # every code has the length of its level and its parent is in the tree, one level up
        assert len(row["kemendagri_code"]) == regions.CODE_LENGTH[row["level"]]
        assert regions.level_of_code(row["kemendagri_code"]) == row["level"]
        if row["level"] != "provinsi":
            assert row["parent_code"] in codes
            assert row["kemendagri_code"].startswith(row["parent_code"] + ".")


@pytest.mark.parametrize(
    ("code", "file_prefix", "kecamatan", "kelurahan"),
    [("61.71", "pontianak", 6, 29), ("36.73", "serang", 6, 67), ("31.73", "jakarta_barat", 8, 56)],
)
def test_tree_matches_the_real_boundary_files(real_data_dir, code, file_prefix, kecamatan, kelurahan):
    tree = city_tree(code)
    names = dict(zip(tree["kemendagri_code"], tree["name"], strict=True))
    for level, count in (("kecamatan", kecamatan), ("kelurahan", kelurahan)):
        features = real_features(real_data_dir, f"{file_prefix}_{level}")
        assert len(features) == count
        in_tree = tree.filter(pl.col("level") == level)
        assert in_tree.height == count
        # every real polygon's code is in the tree, under the same name
        assert {f["kode"]: f["nama"] for f in features} == {f["kode"]: names.get(f["kode"]) for f in features}
        assert {f["kode"] for f in features} == set(in_tree["kemendagri_code"])


@pytest.mark.parametrize("code_or_name", ["6171", "61.71", " 61.71 ", "Kota Pontianak", "kota pontianak", "Pontianak"])
def test_kab_kota_by_code_or_name(code_or_name):
    city = kab_kota(code_or_name)
    assert (city.code, city.name) == ("61.71", "Kota Pontianak")


@pytest.mark.parametrize(
    ("name", "code"),
    [("Kota Serang", "36.73"), ("Kabupaten Serang", "36.04"), ("Kota Adm. Jakarta Barat", "31.73"), ("3673", "36.73")],
)
def test_kab_kota_tells_kota_from_kabupaten(name, code):
    assert kab_kota(name).code == code


def test_ambiguous_name_lists_both_and_asks_for_the_code():
    with pytest.raises(UnknownRegion) as raised:
        kab_kota("Serang")
    message = str(raised.value)
    assert "36.04 Kabupaten Serang" in message
    assert "36.73 Kota Serang" in message
    assert "code" in message


@pytest.mark.parametrize(
    ("text", "suggested"),
    [
        ("61.99", "61.71 Kota Pontianak"),
        ("6199", "61.71 Kota Pontianak"),
        ("Pontinak", "61.71 Kota Pontianak"),
        ("Kota Pontinak", "61.71 Kota Pontianak"),
        ("Kota Serrang", "36.73 Kota Serang"),
    ],
)
def test_unknown_code_or_name_suggests_close_matches(text, suggested):
    with pytest.raises(UnknownRegion) as raised:
        kab_kota(text)
    assert suggested in str(raised.value)


def _suggested_codes(message: str) -> list[str]:
    return re.findall(r"(\d{2}(?:\.\d{2})*) [A-Z]", message.split("Close matches:", 1)[1])


def test_unknown_code_in_a_known_province_suggests_its_kab_kota():
    with pytest.raises(UnknownRegion) as raised:
        kab_kota("61.99")
    suggested = _suggested_codes(str(raised.value))
    assert 1 <= len(suggested) <= 5
    assert all(code.startswith("61.") and len(code) == 5 for code in suggested)


def test_unknown_province_still_suggests_kab_kota_not_provinces():
    # 99 is no province: the suggestions must still be kab/kota (NN.NN), since that is what is asked for.
    with pytest.raises(UnknownRegion) as raised:
        kab_kota("99.99")
    suggested = _suggested_codes(str(raised.value))
    assert suggested
    assert all(len(code) == 5 for code in suggested), suggested


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("61.71.04", "61.71.04 is a kecamatan (Pontianak Utara), not a kab/kota"),
        ("61.71.04.1001", "61.71.04.1001 is a kelurahan (Siantan Hulu), not a kab/kota"),
        ("61", "61 is a provinsi (Kalimantan Barat), not a kab/kota"),
    ],
)
def test_code_of_another_level_is_refused_with_what_it_is(code, fragment):
    with pytest.raises(UnknownRegion) as raised:
        kab_kota(code)
    assert fragment in str(raised.value)
    assert "61.71" in str(raised.value)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("PONTIANAK UTARA", "pontianakutara"),
        ("Pontianak Utara", "pontianakutara"),
        ("Kec. Pontianak Utara ", "pontianakutara"),
        ("Kecamatan Pontianak Utara", "pontianakutara"),
        ("6171031-PONTIANAK KOTA", "pontianakkota"),
        ("Pal Merah", "palmerah"),
        ("Palmerah", "palmerah"),
        ("Sungai Jawi", "sungaijawi"),
        ("Kel. Sungaijawi", "sungaijawi"),
        ("Kelurahan Sungai Jawi", "sungaijawi"),
        ("Kota Adm. Jakarta Barat", "jakartabarat"),
        ("Kota Administrasi Jakarta Barat", "jakartabarat"),
    ],
)
def test_normalised_name(name, expected):
    assert normalised_name(name) == expected


@pytest.mark.parametrize(("name", "code"), [("Kotamobagu", "71.74"), ("Kotabaru", "63.02"), ("Pontianak", "61.71")])
def test_kab_kota_by_unique_name_without_kota_or_kabupaten(name, code):
    # Kota Kotamobagu and Kabupaten Kotabaru are the only kab/kota of those names, as Kota Pontianak
    # is; a name that merely starts with the letters "kota" must not lose them.
    assert kab_kota(name).code == code


def test_bps_names_in_the_real_crosswalks_normalise_to_the_kemendagri_names(real_data_dir):
    rows = []
    for level in ("kecamatan", "kelurahan"):
        with (real_data_dir / f"{level}_kemendagri_bps_crosswalk.csv").open(encoding="utf-8") as file:
            rows.extend(r for r in csv.DictReader(file) if r["match"] == "exact_normalised")
    # 20 kecamatan and 148 kelurahan of the three cities match after normalisation
    assert len(rows) == 168
    mismatches = [r for r in rows if normalised_name(r["nama_bps"]) != normalised_name(r["nama_kemendagri"])]
    assert mismatches == []


@pytest.mark.parametrize("code", ["61.71", "36.73", "31.73"])
def test_normalised_names_are_unique_within_each_parent(code):
    # Matching falls back to the normalised name within the parent, so it must tell siblings apart.
    tree = city_tree(code).filter(pl.col("level").is_in(["kecamatan", "kelurahan"]))
    keys = Counter(zip(tree["parent_code"], map(normalised_name, tree["name"]), strict=True))
    assert [key for key, n in keys.items() if n > 1] == []


def test_kecamatan_named_kota_x_is_told_from_x():
    # Kabupaten Bengkulu Selatan (17.01) has kecamatan Manna (17.01.04) and Kota Manna (17.01.05).
    tree = regions.city_region_tree(kab_kota("17.01"))
    names = dict(zip(tree["kemendagri_code"], tree["name"], strict=True))
    assert (names["17.01.04"], names["17.01.05"]) == ("Manna", "Kota Manna")
    assert normalised_name(names["17.01.04"]) != normalised_name(names["17.01.05"])


@pytest.mark.parametrize(
    ("code", "level", "parent"),
    [
        ("61", "provinsi", None),
        ("61.71", "kota", "61"),
        ("61.71.04", "kecamatan", "61.71"),
        ("61.71.04.1001", "kelurahan", "61.71.04"),
    ],
)
def test_level_and_parent_of_code(code, level, parent):
    assert (regions.level_of_code(code), regions.parent_code(code)) == (level, parent)


@pytest.mark.parametrize("code", ["6171", "61.7", "61.71.4", ""])
def test_level_of_a_malformed_code_is_refused(code):
    with pytest.raises(ValueError, match="is not a Kemendagri code"):
        regions.level_of_code(code)
