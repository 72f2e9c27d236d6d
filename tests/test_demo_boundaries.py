"""The demo's shipped boundaries (data/pontianak/): made from the real files, faithful to them, licensed."""

from __future__ import annotations

import runpy
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from uhc.paths import DEMO_BOUNDARIES_DIR
from uhc.store.regions import city_region_tree, kab_kota

REPO_ROOT = Path(__file__).resolve().parents[1]
# Each shipped file and the real file (in ../shared/real) it is compared with.
REAL_FILES = {"kelurahan": "pontianak_kelurahan.geojson", "kecamatan": "pontianak_kecamatan_dissolved.geojson"}
UTM_49S = 32749  # Pontianak lies on the equator at 109,3 E: UTM zone 49, southern hemisphere


def shipped(level: str) -> gpd.GeoDataFrame:
    return gpd.read_file(DEMO_BOUNDARIES_DIR / f"{level}.geojson")


def test_the_script_makes_the_shipped_files_from_the_real_ones(real_data_dir):
    script = runpy.run_path(str(REPO_ROOT / "scripts" / "demo_boundaries.py"))

    made = script["demo_boundaries"](real_data_dir)

    for name, text in made.items():
        assert (DEMO_BOUNDARIES_DIR / name).read_text(encoding="utf-8") == text, name
        # the shipped file is the project's own, never a copy of the real one
        assert (real_data_dir / f"pontianak_{name}").read_bytes() != text.encode()


@pytest.mark.parametrize(("level", "count"), [("kecamatan", 6), ("kelurahan", 29)])
def test_codes_and_names_are_the_gazetteers(level, count):
    tree = city_region_tree(kab_kota("61.71"))
    expected = tree.filter(tree["level"] == level).sort("kemendagri_code")

    frame = shipped(level).sort_values("kode")

    assert len(frame) == count
    assert frame["kode"].tolist() == expected["kemendagri_code"].to_list()
    assert frame["nama"].tolist() == expected["name"].to_list()
    assert list(frame.columns) == ["kode", "nama", "geometry"]


@pytest.mark.parametrize("level", ["kecamatan", "kelurahan"])
def test_the_polygons_follow_the_real_boundaries(real_data_dir, level):
    ours = shipped(level).sort_values("kode", ignore_index=True).to_crs(UTM_49S)
    real = gpd.read_file(real_data_dir / REAL_FILES[level]).sort_values("kode", ignore_index=True).to_crs(UTM_49S)

    assert ours["kode"].tolist() == real["kode"].tolist()
    assert ours["nama"].tolist() == real["nama"].tolist()
    # Closing the slivers between the source's kelurahan moves no vertex more than about 11 m,
    # and no region gains or loses more than 1% of its area (the city is about 118 km²).
    assert ours.hausdorff_distance(real).max() < 15
    assert ((ours.area - real.area).abs() / real.area).max() < 0.01
    assert ours.area.sum() / 1e6 == pytest.approx(118.2, abs=0.1)


@pytest.mark.parametrize("level", ["kecamatan", "kelurahan"])
def test_each_level_is_one_clean_coverage_with_clockwise_rings(level):
    frame = shipped(level)
    geometries = frame.geometry.values

    assert frame.crs.to_epsg() == 4326
    assert shapely.is_valid(geometries).all()
    assert (shapely.get_type_id(geometries) == 3).all()  # one Polygon each
    # neighbours share their borders: no overlaps, no sliver under 1 m wide between them, and the
    # city they make has no hole (the source's kelurahan left about 0,05 km² of slivers)
    metric = frame.to_crs(UTM_49S).geometry.values
    assert shapely.coverage_is_valid(metric, gap_width=1.0)
    assert shapely.get_num_interior_rings(shapely.coverage_union_all(metric)) == 0
    # d3-geo (Plotly's geo traces) fills the outside of a counter-clockwise exterior ring
    assert not any(polygon.exterior.is_ccw for polygon in geometries)


def test_each_kecamatan_is_the_union_of_its_kelurahan():
    kelurahan = shipped("kelurahan")
    for code, kecamatan in zip(shipped("kecamatan")["kode"], shipped("kecamatan").geometry, strict=True):
        children = shapely.union_all(kelurahan[kelurahan["kode"].str.startswith(code + ".")].geometry.values)
        assert shapely.symmetric_difference(children, kecamatan).area < 1e-12, code  # about 0,01 m²


def test_the_files_are_small_and_travel_with_their_licence_and_source(real_data_dir):
    sizes = {path.name: path.stat().st_size for path in DEMO_BOUNDARIES_DIR.glob("*.geojson")}

    assert set(sizes) == {"kecamatan.geojson", "kelurahan.geojson"}
    assert sum(sizes.values()) < 40_000  # 8.817 + 23.463 bytes when written
    licence = (DEMO_BOUNDARIES_DIR / "LICENSE").read_text(encoding="utf-8")
    assert licence == (real_data_dir / "LICENSE-cahyadsn-wilayah_boundaries.txt").read_text(encoding="utf-8")
    source = (DEMO_BOUNDARIES_DIR / "SOURCE.md").read_text(encoding="utf-8")
    assert "cahyadsn/wilayah_boundaries" in source
    assert "3c5a7960f4d227a38489094d84252bdbb3f978a5" in source
