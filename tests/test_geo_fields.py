"""Boundary files as they come: BIG, HDX COD-AB and plain property names on the real files of three cities.

Each real file's properties are rewritten as a publisher writes them; the Kemendagri code every
feature must land on is the crosswalk's (../shared/real/*_crosswalk.csv), looked up from the BPS
code or name written into the feature, never taken from the importer's output.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from uhc.cli import main as cli
from uhc.intake import geo
from uhc.store import seed
from uhc.store.db import Store
from uhc.store.regions import city_region_tree, kab_kota

CITIES = {"pontianak": "61.71", "serang": "36.73", "jakarta_barat": "31.73"}


def crosswalk(real_data_dir: Path, level: str) -> pl.DataFrame:
    return pl.read_csv(real_data_dir / f"{level}_kemendagri_bps_crosswalk.csv", infer_schema=False)


def tree_with_bps_codes(real_data_dir: Path, city_code: str) -> pl.DataFrame:
    """The city's gazetteer tree with each kecamatan's, kelurahan's and the city's BPS code from the crosswalk."""
    bps = dict(
        pl.concat([crosswalk(real_data_dir, "kecamatan"), crosswalk(real_data_dir, "kelurahan")], how="diagonal")
        .select("kode_kemendagri", "kode_bps")
        .iter_rows()
    )
    # the city's BPS code is the first four digits of its kecamatan's (Jakarta Barat: Kemendagri 31.73, BPS 3174)
    (city_bps,) = {b[:4] for k, b in bps.items() if k.startswith(city_code + ".") and len(b) == 7}
    bps[city_code] = city_bps
    tree = city_region_tree(kab_kota(city_code))
    return tree.with_columns(bps_code=pl.col("kemendagri_code").replace_strict(bps, default=None))


@pytest.fixture(scope="module")
def regions_with_bps(real_data_dir: Path) -> pl.DataFrame:
    """A store of the three cities whose regions carry their BPS codes (written through the store, as a crosswalk would)."""
    with Store.in_memory() as store:
        for city_code in CITIES.values():
            store.insert("region", tree_with_bps_codes(real_data_dir, city_code))
            seed.add_city(store, city_code)  # keeps the stored rows and their BPS codes
        return store.run("region_tree", scope_code="")


@pytest.fixture(scope="module")
def regions_without_bps() -> pl.DataFrame:
    """A store of the three cities as `init --city` makes it: the gazetteer's regions, no BPS codes."""
    with Store.in_memory() as store:
        for city_code in CITIES.values():
            seed.add_city(store, city_code)
        return store.run("region_tree", scope_code="")


def rewritten(real_data_dir: Path, city: str, level: str, style: Callable[[dict, dict], dict]) -> tuple[bytes, list]:
    """The city's real file with ``style``'s properties, and the Kemendagri code each feature must land on.

    ``style`` gets the feature's crosswalk row (kode_kemendagri, nama_kemendagri, kode_bps, nama_bps, and
    for kelurahan the kecamatan's) and returns the properties to write.
    """
    stem = f"{city}_kecamatan_dissolved" if level == "kecamatan" else f"{city}_kelurahan"
    collection = json.loads((real_data_dir / f"{stem}.geojson").read_text(encoding="utf-8"))
    kecamatan = {row["kode_kemendagri"]: row for row in crosswalk(real_data_dir, "kecamatan").iter_rows(named=True)}
    rows = {row["kode_kemendagri"]: row for row in crosswalk(real_data_dir, level).iter_rows(named=True)}
    city_name = kab_kota(CITIES[city]).name
    expected = []
    for feature in collection["features"]:
        row = dict(rows[feature["properties"]["kode"]])
        parent = kecamatan[row["kode_kemendagri"][:8]]
        row |= {
            "kec_kode_kemendagri": parent["kode_kemendagri"],
            "kec_nama_kemendagri": parent["nama_kemendagri"],
            "kec_kode_bps": parent["kode_bps"],
            "kec_nama_bps": parent["nama_bps"],
            "city_name": city_name,
            "city_bps": parent["kode_bps"][:4],
        }
        feature["properties"] = style(row)
        expected.append(row["kode_kemendagri"])
    return json.dumps(collection).encode(), expected


# -- kelurahan files ---------------------------------------------------------------------------


def big_kelurahan(x: dict) -> dict:
    """BIG's ADMINISTRASIDESA_AR: Kemendagri and BPS codes of desa, kecamatan and kab/kota, names, area."""
    return {
        "NAMOBJ": x["nama_kemendagri"].upper(),
        "KDPPUM": x["kode_kemendagri"][:2],
        "KDPKAB": x["kode_kemendagri"][:5],
        "WADMKK": x["city_name"],
        "KDCPUM": x["kec_kode_kemendagri"],
        "WADMKC": x["kec_nama_kemendagri"],
        "KDEPUM": x["kode_kemendagri"],
        "WADMKD": x["nama_kemendagri"],
        "KDBBPS": x["city_bps"],
        "KDCBPS": x["kec_kode_bps"],
        "KDEBPS": x["kode_bps"],
        "LUASWH": 1.25,
        "TIPADM": 4,
    }


def big_bps_only(x: dict) -> dict:
    """BIG's layout with only the BPS codes kept (as some derived files do)."""
    return {"KDEBPS": x["kode_bps"], "WADMKD": x["nama_bps"], "KDCBPS": x["kec_kode_bps"], "WADMKC": x["kec_nama_bps"]}


def hdx_kelurahan(x: dict) -> dict:
    """HDX COD-AB idn_admbnda_adm4: English names, PCODE = "ID" + BPS code, every level above."""
    return {
        "ADM4_EN": x["nama_bps"].title(),
        "ADM4_PCODE": "ID" + x["kode_bps"],
        "ADM4_REF": None,
        "ADM3_EN": x["kec_nama_bps"].title(),
        "ADM3_PCODE": "ID" + x["kec_kode_bps"],
        "ADM2_EN": x["city_name"],
        "ADM2_PCODE": "ID" + x["city_bps"],
        "ADM1_EN": "Province",
        "ADM1_PCODE": "ID" + x["city_bps"][:2],
        "ADM0_EN": "Indonesia",
        "ADM0_PCODE": "ID",
        "Shape_Leng": 0.1,
        "Shape_Area": 0.0004,
    }


def plain_english(x: dict) -> dict:
    return {"village": x["nama_bps"], "district": x["kec_nama_bps"], "village_code": "id" + x["kode_bps"]}


def plain_desa_names(x: dict) -> dict:
    return {"desa": x["nama_kemendagri"].upper(), "kecamatan": "Kec. " + x["kec_nama_kemendagri"]}


def plain_kode_kel(x: dict) -> dict:
    """Kemendagri codes without dots (10 digits, as a spreadsheet exports them) beside the names."""
    return {
        "kode_kel": x["kode_kemendagri"].replace(".", ""),
        "nama_kel": x["nama_kemendagri"],
        "kode_kec": x["kec_kode_kemendagri"],
        "nama_kec": x["kec_nama_kemendagri"],
        "n_kelurahan_rt": 12,
    }


def plain_kelurahan_with_prefixed_kecamatan(x: dict) -> dict:
    return {"Kelurahan": x["nama_bps"], "Kecamatan_Code": "ID" + x["kec_kode_bps"], "LUAS_KEL": 2.5}


KELURAHAN_STYLES = [
    (big_kelurahan, "KDEPUM", "WADMKD", "KDCPUM + WADMKC"),
    (big_bps_only, "KDEBPS", "WADMKD", "KDCBPS + WADMKC"),
    (hdx_kelurahan, "ADM4_PCODE", "ADM4_EN", "ADM3_PCODE + ADM3_EN"),
    (plain_english, "village_code", "village", "district"),
    (plain_desa_names, None, "desa", "kecamatan"),
    (plain_kode_kel, "kode_kel", "nama_kel", "kode_kec + nama_kec"),
    (plain_kelurahan_with_prefixed_kecamatan, None, "Kelurahan", "Kecamatan_Code"),
]


@pytest.mark.parametrize("city", CITIES)
@pytest.mark.parametrize(("style", "code_field", "name_field", "kecamatan_field"), KELURAHAN_STYLES)
def test_every_kelurahan_lands_on_its_code_whatever_the_publisher_calls_the_properties(
    real_data_dir, regions_with_bps, city, style, code_field, name_field, kecamatan_field
):
    data, expected = rewritten(real_data_dir, city, "kelurahan", style)
    checked = geo.read_boundaries(data, f"{style.__name__}.geojson", regions_with_bps)
    assert (checked.city_code, checked.level, checked.level_guessed) == (CITIES[city], "kelurahan", True)
    assert (checked.code_field, checked.name_field, checked.kecamatan_field) == (
        code_field,
        name_field,
        kecamatan_field,
    )
    assert checked.features["kemendagri_code"].to_list() == expected
    assert (checked.problems, checked.missing.height, checked.bps_unknown) == ([], 0, 0)
    if code_field in ("KDEBPS", "ADM4_PCODE", "village_code"):
        assert set(checked.features["matched_by"]) == {"bps_code"}


# -- kecamatan files ---------------------------------------------------------------------------


def big_kecamatan(x: dict) -> dict:
    return {
        "NAMOBJ": x["nama_kemendagri"],
        "KDCPUM": x["kode_kemendagri"],
        "WADMKC": x["nama_kemendagri"],
        "KDCBPS": x["kode_bps"],
        "KDPKAB": x["kode_kemendagri"][:5],
        "WADMKK": x["city_name"],
    }


def hdx_kecamatan(x: dict) -> dict:
    return {
        "ADM3_EN": x["nama_bps"].title(),
        "ADM3_PCODE": "ID" + x["kode_bps"],
        "ADM2_EN": x["city_name"],
        "ADM2_PCODE": "ID" + x["city_bps"],
        "ADM1_PCODE": "ID" + x["city_bps"][:2],
    }


def plain_district(x: dict) -> dict:
    return {"district": x["nama_bps"], "district_code": "ID" + x["kode_bps"], "n_kelurahan": 5}


def plain_kecamatan_name(x: dict) -> dict:
    return {"KECAMATAN": x["nama_kemendagri"].upper(), "kab_kota": x["city_name"]}


KECAMATAN_STYLES = [
    (big_kecamatan, "KDCPUM", "WADMKC"),
    (hdx_kecamatan, "ADM3_PCODE", "ADM3_EN"),
    (plain_district, "district_code", "district"),
    (plain_kecamatan_name, None, "KECAMATAN"),
]


@pytest.mark.parametrize("city", CITIES)
@pytest.mark.parametrize(("style", "code_field", "name_field"), KECAMATAN_STYLES)
def test_every_kecamatan_lands_on_its_code(real_data_dir, regions_with_bps, city, style, code_field, name_field):
    data, expected = rewritten(real_data_dir, city, "kecamatan", style)
    checked = geo.read_boundaries(data, f"{style.__name__}.geojson", regions_with_bps)
    assert (checked.level, checked.code_field, checked.name_field) == ("kecamatan", code_field, name_field)
    assert checked.features["kemendagri_code"].to_list() == expected
    assert checked.problems == []


# -- BPS codes the store does not know -----------------------------------------------------------


@pytest.mark.parametrize("style", [hdx_kelurahan, big_bps_only])
def test_bps_codes_unknown_to_the_store_are_never_read_as_kemendagri_codes(real_data_dir, regions_without_bps, style):
    # BPS 6171031002 is Darat Sekip (Kemendagri 61.71.05.1002) but reads as Kemendagri 61.71.03.1002
    # (Sungaijawi Dalam). Without BPS codes in the store the names decide, and the report says so.
    data, expected = rewritten(real_data_dir, "pontianak", "kelurahan", style)
    checked = geo.read_boundaries(data, "batas.geojson", regions_without_bps)
    assert checked.features["kemendagri_code"].to_list() == expected
    assert "61.71.05.1002" in expected and checked.problems == []
    assert set(checked.features["matched_by"]) <= {"name", "similar_name"}
    # 29 Pontianak kelurahan, each with a BPS code the store does not hold
    assert checked.bps_unknown == 29
    assert (
        f"29 features carry BPS codes ({checked.code_field}) that the store's region tree of Kota Pontianak "
        "does not hold; they were matched by their names."
    ) in " ".join(checked.report("en"))
    assert "29 fitur memakai kode BPS" in " ".join(checked.report("id"))


# -- names that repeat, names that changed, kelurahan left out -------------------------------------


def test_the_two_sukawana_of_serang_are_told_apart_by_their_kecamatan(real_data_dir, regions_without_bps):
    data, expected = rewritten(real_data_dir, "serang", "kelurahan", plain_desa_names)
    checked = geo.read_boundaries(data, "desa.geojson", regions_without_bps)
    features = checked.features.filter(pl.col("kelurahan") == "SUKAWANA")
    assert sorted(features.select("kecamatan", "kemendagri_code").rows()) == [
        ("Kec. Curug", "36.73.04.1007"),
        ("Kec. Serang", "36.73.01.1008"),
    ]
    assert checked.features["kemendagri_code"].to_list() == expected


def test_without_a_kecamatan_the_two_sukawana_are_refused_not_guessed(real_data_dir, regions_without_bps):
    data, _ = rewritten(real_data_dir, "serang", "kelurahan", lambda x: {"desa": x["nama_kemendagri"]})
    checked = geo.read_boundaries(data, "desa.geojson", regions_without_bps)
    sukawana = checked.features.filter(pl.col("kelurahan") == "Sukawana")
    assert sukawana["kemendagri_code"].to_list() == [None, None]
    assert [p.key for p in checked.problems] == ["geo_feature_ambiguous", "geo_feature_ambiguous"]
    assert "36.73.01.1008 Sukawana (Kec. Serang); 36.73.04.1007 Sukawana (Kec. Curug)" in checked.problems[0].text("en")


def renamed_and_two_left_out(real_data_dir: Path) -> tuple[bytes, str, list[str]]:
    """Serang by names, with Sukawana of Kec. Serang renamed and the first two kelurahan of Kec. Kasemen left out.

    Returns the file, the renamed kelurahan's code and the codes left out (from the crosswalk).
    """
    kelurahan = crosswalk(real_data_dir, "kelurahan").filter(pl.col("city") == "serang")
    left_out = kelurahan.filter(pl.col("kode_kec_kemendagri") == "36.73.02").sort("kode_kemendagri")["kode_kemendagri"]
    left_out = left_out.head(2).to_list()
    data, _ = rewritten(real_data_dir, "serang", "kelurahan", plain_desa_names)
    collection = json.loads(data)
    features = []
    for feature, code in zip(
        collection["features"], rewritten(real_data_dir, "serang", "kelurahan", dict)[1], strict=True
    ):
        if code in left_out:
            continue
        if code == "36.73.01.1008":
            feature["properties"]["desa"] = "SUKAWANA INDAH"  # renamed: no kelurahan of that name yet
        features.append(feature)
    collection["features"] = features
    return json.dumps(collection).encode(), "36.73.01.1008", left_out


def test_a_renamed_kelurahan_is_suggested_its_old_self_within_its_kecamatan(real_data_dir, regions_without_bps):
    data, renamed, _ = renamed_and_two_left_out(real_data_dir)
    checked = geo.read_boundaries(data, "desa.geojson", regions_without_bps)
    (problem,) = checked.problems
    assert problem.key == "geo_feature_unmatched"
    # every other kelurahan of Kec. Serang has its feature, so the one left is suggested first
    assert problem.values["suggestions"].startswith(f"{renamed} Sukawana (Kec. Serang)")
    assert "desa = 'SUKAWANA INDAH', kecamatan = 'Kec. Serang'" in problem.text("en")
    assert "Yang mirip: 36.73.01.1008 Sukawana (Kec. Serang)" in problem.text("id")


def test_skipping_the_renamed_kelurahan_names_every_region_left_without_a_boundary(real_data_dir, tmp_path, capsys):
    data, renamed, left_out = renamed_and_two_left_out(real_data_dir)
    path = tmp_path / "desa_serang.geojson"
    path.write_bytes(data)
    db = str(tmp_path / "uhc.duckdb")
    assert cli.main(["--db", db, "init", "--city", "36.73"]) == 0
    capsys.readouterr()
    assert cli.main(["--db", db, "import", "boundaries", str(path), "--lang", "en"]) == 2
    assert "not stored: 1 problems" in capsys.readouterr().err
    assert cli.main(["--db", db, "import", "boundaries", str(path), "--skip-bad-features", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    names = dict(crosswalk(real_data_dir, "kelurahan").select("kode_kemendagri", "nama_kemendagri").iter_rows())
    kecamatan = dict(crosswalk(real_data_dir, "kecamatan").select("kode_kemendagri", "nama_kemendagri").iter_rows())
    missing = sorted([renamed, *left_out])
    labels = ", ".join(f"{c} {names[c]} (Kec. {kecamatan[c[:8]]})" for c in missing)
    # 67 kelurahan - 2 left out of the file - 1 renamed = 64 stored
    assert "64 of 67 kelurahan in Kota Serang have boundaries from this file." in out
    assert f"3 regions without boundaries: {labels}." in out
    assert f"Kelurahan without a boundary: {labels}." in out
    with Store.open(db, read_only=True) as store:
        stored = store.run("region_geometry", scope_code="36.73", level="kelurahan")["kemendagri_code"].to_list()
    assert len(stored) == 64 and not set(missing) & set(stored)
