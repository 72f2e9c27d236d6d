"""Boundary import: the real files of three cities, other formats and CRSs, repairs, problems, storing."""

from __future__ import annotations

import dataclasses
import io
import json
import zipfile
from pathlib import Path

import geopandas as gpd
import polars as pl
import pytest
import shapely
from polars.testing import assert_frame_equal
from shapely.geometry import Polygon, mapping

from uhc.cli import main as cli
from uhc.intake import geo
from uhc.store import demo, seed
from uhc.store.db import Store

CITY_CODES = ("61.71", "36.73", "31.73")
# Kemendagri codes of the three cities' kecamatan and kelurahan (SOURCES.md beside the files).
REAL_FILES = [
    ("pontianak_kecamatan", "61.71", "kecamatan", 6),
    ("pontianak_kecamatan_dissolved", "61.71", "kecamatan", 6),
    ("pontianak_kelurahan", "61.71", "kelurahan", 29),
    ("serang_kecamatan", "36.73", "kecamatan", 6),
    ("serang_kecamatan_dissolved", "36.73", "kecamatan", 6),
    ("serang_kelurahan", "36.73", "kelurahan", 67),
    ("jakarta_barat_kecamatan", "31.73", "kecamatan", 8),
    ("jakarta_barat_kecamatan_dissolved", "31.73", "kecamatan", 8),
    ("jakarta_barat_kelurahan", "31.73", "kelurahan", 56),
]


@pytest.fixture(scope="module")
def three_cities_regions() -> pl.DataFrame:
    """The regions of a store holding the three cities, as read_boundaries takes them."""
    with Store.in_memory() as store:
        for code in CITY_CODES:
            seed.add_city(store, code)
        return store.run("region_tree", scope_code="")


@pytest.fixture
def store() -> Store:
    s = Store.in_memory()
    for code in CITY_CODES:
        seed.add_city(s, code)
    yield s
    s.close()


def real_collection(real_data_dir: Path, stem: str) -> dict:
    return json.loads((real_data_dir / f"{stem}.geojson").read_text(encoding="utf-8"))


def as_bytes(collection: dict) -> bytes:
    return json.dumps(collection).encode()


def real_frame(real_data_dir: Path, stem: str) -> gpd.GeoDataFrame:
    return gpd.read_file(real_data_dir / f"{stem}.geojson")


def stored(store: Store, scope_code: str, level: str) -> gpd.GeoDataFrame:
    rows = store.run("region_geometry", scope_code=scope_code, level=level)
    return gpd.GeoDataFrame(
        rows.drop("geometry_wkb").to_pandas(),
        geometry=shapely.from_wkb(rows["geometry_wkb"].to_list()),
        crs=4326,
    ).set_index("kemendagri_code")


def in_metres(frame: gpd.GeoDataFrame) -> gpd.GeoSeries:
    return frame.geometry.to_crs(frame.estimate_utm_crs())


@pytest.mark.parametrize(("stem", "city", "level", "count"), REAL_FILES)
def test_every_real_file_imports_whole_and_matched(real_data_dir, store, stem, city, level, count):
    checked = geo.read_boundary_file(real_data_dir / f"{stem}.geojson", store.run("region_tree", scope_code=""))
    codes_in_file = {f["properties"]["kode"] for f in real_collection(real_data_dir, stem)["features"]}
    assert (checked.city_code, checked.level, checked.level_guessed) == (city, level, True)
    assert (checked.feature_count, checked.geometry.height, checked.missing.height) == (count, count, 0)
    assert checked.problems == []
    assert (checked.code_field, checked.name_field) == ("kode", "nama")
    assert set(checked.features["matched_by"]) == {"kemendagri_code"}
    assert set(checked.geometry["kemendagri_code"]) == codes_in_file
    geo.commit_boundaries(store, checked, user="tester")
    saved = stored(store, city, level)
    assert set(saved.index) == codes_in_file
    assert saved.geometry.is_valid.all()
    assert not saved["schematic"].any()
    assert set(saved["source"]) == {f"{stem}.geojson"}
    # exterior rings clockwise, as Plotly's geo traces need to fill the inside
    exteriors = [part.exterior for g in saved.geometry for part in shapely.get_parts(g)]
    assert not any(shapely.is_ccw(exteriors))


def test_the_import_is_recorded_as_a_batch(real_data_dir, store):
    path = real_data_dir / "serang_kelurahan.geojson"
    checked = geo.read_boundary_file(path, store.run("region_tree", scope_code=""))
    batch_id = geo.commit_boundaries(store, checked, user="tester")
    batches = store.run("import_batch_of_kind", kind="boundaries")
    assert batches.select("batch_id", "file_name", "sha256", "row_count", "imported_by").rows() == [
        (batch_id, "serang_kelurahan.geojson", checked.sha256, 67, "tester")
    ]
    import hashlib

    assert checked.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def write_zipped_shapefile(frame: gpd.GeoDataFrame, folder: Path, crs: int) -> bytes:
    frame.to_crs(crs).to_file(folder / "batas.shp")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part in sorted(folder.glob("batas.*")):
            archive.write(part, f"batas_kelurahan/{part.name}")
    return buffer.getvalue()


def write_geopackage(frame: gpd.GeoDataFrame, folder: Path, crs: int) -> bytes:
    frame.to_crs(crs).to_file(folder / "batas.gpkg", layer="kelurahan", driver="GPKG")
    return (folder / "batas.gpkg").read_bytes()


@pytest.mark.parametrize(
    ("writer", "file_name", "crs"),
    [
        (write_zipped_shapefile, "batas.zip", 32749),  # UTM zone 49S, Pontianak's own
        (write_zipped_shapefile, "batas.zip", 23830),  # DGN95 / Indonesia TM-3 zone 46.2, far west
        (write_geopackage, "batas.gpkg", 32749),
        (write_geopackage, "batas.gpkg", 23830),
    ],
)
def test_shapefile_and_geopackage_in_projected_crs_round_trip(
    real_data_dir, three_cities_regions, tmp_path, writer, file_name, crs
):
    frame = real_frame(real_data_dir, "pontianak_kelurahan")
    direct = geo.read_boundary_file(real_data_dir / "pontianak_kelurahan.geojson", three_cities_regions)
    checked = geo.read_boundaries(writer(frame, tmp_path, crs), file_name, three_cities_regions)
    assert checked.source_crs == f"EPSG:{crs}"
    assert (checked.level, checked.geometry.height, checked.problems) == ("kelurahan", 29, [])
    assert_frame_equal(checked.geometry.select("kemendagri_code"), direct.geometry.select("kemendagri_code"))
    ours = gpd.GeoSeries(shapely.from_wkb(checked.geometry["geometry_wkb"].to_list()), crs=4326).to_crs(32749)
    theirs = gpd.GeoSeries(shapely.from_wkb(direct.geometry["geometry_wkb"].to_list()), crs=4326).to_crs(32749)
    # within 0,5 m of the GeoJSON import everywhere, for polygons hundreds of metres across
    assert max(ours.hausdorff_distance(theirs)) < 0.5


def test_shapefile_given_as_its_parts(real_data_dir, three_cities_regions, tmp_path):
    frame = real_frame(real_data_dir, "serang_kecamatan_dissolved").drop(columns="n_kelurahan")
    frame.to_crs(32748).to_file(tmp_path / "kec.shp")
    checked = geo.read_boundary_file(tmp_path / "kec.shp", three_cities_regions)
    assert (checked.city_code, checked.level, checked.geometry.height) == ("36.73", "kecamatan", 6)


def test_shapefile_without_its_dbf_says_what_is_missing(real_data_dir, three_cities_regions, tmp_path):
    real_frame(real_data_dir, "serang_kecamatan").to_file(tmp_path / "kec.shp")
    parts = {p.name: p.read_bytes() for p in tmp_path.glob("kec.*") if p.suffix in (".shx", ".prj")}
    with pytest.raises(geo.BoundaryError) as raised:
        geo.read_boundaries((tmp_path / "kec.shp").read_bytes(), "kec.shp", three_cities_regions, extra_files=parts)
    assert raised.value.text("id").startswith("Shapefile kec.shp di kec.shp tidak lengkap: .dbf tidak ada.")
    assert "Upload the .shp together with its .shx, .dbf and .prj" in raised.value.text("en")


def big_style(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The kelurahan as BIG's batas administrasi names its properties."""
    return gpd.GeoDataFrame(
        {
            "NAMOBJ": frame["nama"].str.upper(),
            "KDCPUM": frame["kode_kec"],
            "WADMKC": frame["nama_kec"],
            "KDEPUM": frame["kode"],
            "WADMKD": frame["nama"],
            "WADMKK": "Kota Pontianak",
        },
        geometry=frame.geometry,
        crs=frame.crs,
    )


def test_geopackage_with_several_layers_asks_which_and_reads_the_one_named(
    real_data_dir, three_cities_regions, tmp_path
):
    kelurahan = real_frame(real_data_dir, "pontianak_kelurahan")
    big_style(kelurahan).to_file(tmp_path / "batas.gpkg", layer="ADMINISTRASIDESA_AR", driver="GPKG")
    real_frame(real_data_dir, "pontianak_kecamatan").to_file(tmp_path / "batas.gpkg", layer="KECAMATAN", driver="GPKG")
    data = (tmp_path / "batas.gpkg").read_bytes()
    with pytest.raises(geo.BoundaryError) as raised:
        geo.read_boundaries(data, "batas.gpkg", three_cities_regions)
    assert raised.value.text("en") == (
        "batas.gpkg holds several layers: ADMINISTRASIDESA_AR (Polygon), KECAMATAN (Polygon). Choose the "
        "kecamatan or kelurahan boundary layer with --layer NAME (on the Data page: the Layer choice)."
    )
    checked = geo.read_boundaries(data, "batas.gpkg", three_cities_regions, layer="ADMINISTRASIDESA_AR")
    assert (checked.layer, checked.level, checked.geometry.height, checked.problems) == (
        "ADMINISTRASIDESA_AR",
        "kelurahan",
        29,
        [],
    )
    assert (checked.code_field, checked.name_field, checked.kecamatan_field) == ("KDEPUM", "WADMKD", "KDCPUM + WADMKC")


def test_names_alone_match_and_tell_the_level(real_data_dir, three_cities_regions):
    # Without codes the names decide: BPS spellings, upper case, Sukawana twice (told apart by kecamatan).
    collection = real_collection(real_data_dir, "serang_kelurahan")
    for feature in collection["features"]:
        props = feature["properties"]
        feature["properties"] = {"DESA": props["nama"].upper(), "KECAMATAN": f"Kec. {props['nama_kec']}"}
    checked = geo.read_boundaries(as_bytes(collection), "desa.geojson", three_cities_regions)
    assert (checked.city_code, checked.level, checked.geometry.height, checked.problems) == (
        "36.73",
        "kelurahan",
        67,
        [],
    )
    assert set(checked.features["matched_by"]) == {"name"}
    assert (checked.code_field, checked.name_field, checked.kecamatan_field) == (None, "DESA", "KECAMATAN")


def test_explicit_fields_and_level(real_data_dir, three_cities_regions):
    data = as_bytes(real_collection(real_data_dir, "jakarta_barat_kelurahan"))
    # 56 kelurahan read as kecamatan by their kecamatan code and name: the features of one
    # kecamatan carry the same labels, so they are parts of it and are joined
    checked = geo.read_boundaries(data, "jb.geojson", three_cities_regions, level="kecamatan", code_field="KODE_KEC")
    assert (checked.level, checked.level_guessed, checked.code_field, checked.name_field) == (
        "kecamatan",
        False,
        "kode_kec",
        "nama_kec",
    )
    assert (checked.geometry.height, checked.problems) == (8, [])
    # with the kelurahan name as the label, the features of one kecamatan disagree: a problem for each
    # kecamatan, not a silent merge
    clash = geo.read_boundaries(
        data, "jb.geojson", three_cities_regions, level="kecamatan", code_field="kode_kec", name_field="nama"
    )
    assert [p.key for p in clash.problems] == ["geo_duplicate_region"] * 8
    assert clash.problems[0].feature_numbers == (1, 2, 3, 4, 5, 6)  # Cengkareng's six kelurahan
    with pytest.raises(geo.BoundaryError, match="not stored: 8 problems"):
        geo.commit_boundaries(Store.in_memory(), clash, user="tester", skip_bad_features=True)
    with pytest.raises(geo.BoundaryError) as raised:
        geo.read_boundaries(data, "jb.geojson", three_cities_regions, code_field="KDEPUM")
    assert raised.value.text("en") == (
        "There is no property KDEPUM in jb.geojson. Its properties: kode, nama, lat, lng, kode_kec, nama_kec."
    )


def unit_square_bow_tie(x: float, y: float, size: float) -> dict:
    # Corners in the order that crosses itself in the middle: two triangles of size²/4 each.
    return {
        "type": "Polygon",
        "coordinates": [[(x, y), (x + size, y + size), (x + size, y), (x, y + size), (x, y)]],
    }


def test_bow_tie_is_repaired_into_its_two_triangles(three_cities_regions):
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"kode": "61.71.05", "nama": "Pontianak Kota"},
                "geometry": unit_square_bow_tie(109.30, -0.04, 0.01),
            }
        ],
    }
    checked = geo.read_boundaries(as_bytes(collection), "dasi.geojson", three_cities_regions, level="kecamatan")
    assert checked.features["repaired"].to_list() == [True]
    assert checked.problems == []
    geometry = shapely.from_wkb(checked.geometry["geometry_wkb"][0])
    assert geometry.is_valid
    assert geometry.geom_type == "MultiPolygon"
    assert len(geometry.geoms) == 2
    # the square is 0,01° a side; the two triangles cover half of it: 0,00005 square degrees
    assert geometry.area == pytest.approx(0.00005, rel=0.01)
    assert any("1 geometri tidak valid diperbaiki (fitur 1)" in line for line in checked.report("id"))


def square_ring(x: float, y: float, size: float, *, bow_tie: bool, spike: bool) -> list:
    """A square's ring, crossing itself in the middle (``bow_tie``), with a line out of its left side and back (``spike``)."""
    corners = (
        [(x, y), (x + size, y + size), (x + size, y), (x, y + size)]
        if bow_tie
        else [(x, y), (x + size, y), (x + size, y + size), (x, y + size)]
    )
    out_and_back = [(x, y + size / 2), (x - size / 2, y + size / 2), (x, y + size / 2)] if spike else []
    return [*corners, *out_and_back, (x, y)]


@pytest.mark.parametrize(
    ("bow_tie", "spike", "repaired_kinds", "stored_kind", "parts", "area"),
    [
        # the square is 0,01 degree a side: its two triangles are 0,01 x 0,005 / 2 each, 0,00005 together
        (True, False, ["Polygon", "Polygon"], "MultiPolygon", 2, 0.00005),
        # make_valid keeps the square and the spike as a line beside it: 0,01² = 0,0001
        (False, True, ["Polygon", "LineString"], "Polygon", 1, 0.0001),
        # both: GEOMETRYCOLLECTION (MULTIPOLYGON (the triangles), LINESTRING (the spike))
        (True, True, ["MultiPolygon", "LineString"], "MultiPolygon", 2, 0.00005),
    ],
    ids=["bow-tie", "polygon-and-line", "bow-tie-and-line"],
)
def test_a_repaired_feature_is_stored_as_its_polygons_clockwise(
    store, bow_tie, spike, repaired_kinds, stored_kind, parts, area
):
    ring = square_ring(109.30, -0.04, 0.01, bow_tie=bow_tie, spike=spike)
    polygon = {"type": "Polygon", "coordinates": [ring]}
    assert [p.geom_type for p in shapely.get_parts(shapely.make_valid(Polygon(ring)))] == repaired_kinds
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"kode": "61.71.05", "nama": "Pontianak Kota"}, "geometry": polygon}
        ],
    }
    checked = geo.read_boundaries(as_bytes(collection), "rusak.geojson", store.run("region_tree", scope_code=""))
    assert (checked.level, checked.features["repaired"].to_list(), checked.problems) == ("kecamatan", [True], [])

    geo.commit_boundaries(store, checked, user="tester")

    geometry = stored(store, "61.71", "kecamatan").geometry["61.71.05"]
    assert geometry.geom_type == stored_kind
    assert not geometry.is_empty and geometry.is_valid
    assert len(shapely.get_parts(geometry)) == parts
    assert geometry.area == pytest.approx(area, rel=1e-6)
    assert not any(shapely.is_ccw([part.exterior for part in shapely.get_parts(geometry)]))


def test_unknown_code_is_reported_with_suggestions_and_blocks_until_skipped(real_data_dir, store):
    collection = real_collection(real_data_dir, "pontianak_kelurahan")
    collection["features"][2]["properties"].update(kode="61.71.01.1099", nama="Tokaya Baru")
    data = as_bytes(collection)
    checked = geo.read_boundaries(data, "batas.geojson", store.run("region_tree", scope_code=""))
    assert len(checked.problems) == 1
    problem = checked.problems[0]
    assert problem.feature_numbers == (3,)
    assert problem.text("en").startswith(
        "batas.geojson, feature 3: kode = '61.71.01.1099', nama = 'Tokaya Baru', kode_kec + nama_kec = "
        "'61.71.01-Pontianak Selatan' matches no kelurahan in Kota Pontianak. Expected a Kemendagri or BPS "
        "code, or a kelurahan name. Close matches: 61.71.01.1004 Parittokaya (Kec. Pontianak Selatan); "
    )
    assert problem.text("id").startswith("Berkas batas.geojson, fitur 3: kode = '61.71.01.1099'")
    assert checked.missing.rows() == [("61.71.01.1004", "Parittokaya")]
    with pytest.raises(geo.BoundaryError) as raised:
        geo.commit_boundaries(store, checked, user="tester")
    assert raised.value.text("id").startswith(
        "Batas dari batas.geojson tidak disimpan: 1 masalah, yang pertama: Berkas batas.geojson, fitur 3: "
    )
    assert raised.value.text("en").startswith(
        "The boundaries from batas.geojson were not stored: 1 problems, the first: batas.geojson, feature 3: "
    )
    assert store.run("region_geometry", scope_code="61.71", level="kelurahan").height == 0
    geo.commit_boundaries(store, checked, user="tester", skip_bad_features=True)
    assert store.run("region_geometry", scope_code="61.71", level="kelurahan").height == 28


def test_simplification_keeps_shared_borders(real_data_dir, three_cities_regions):
    # Densified to a vertex every 2 m, as a survey-grade file is, so there is much to simplify.
    frame = real_frame(real_data_dir, "pontianak_kelurahan")
    metric = frame.to_crs(32749)
    dense = frame.set_geometry(metric.geometry.segmentize(2.0).to_crs(4326))
    data = dense.to_json().encode()
    checked = geo.read_boundaries(data, "rapat.geojson", three_cities_regions)
    assert checked.vertices_before > 100_000
    assert checked.vertices_after < checked.vertices_before / 20
    result = gpd.GeoSeries(shapely.from_wkb(checked.geometry["geometry_wkb"].to_list()), crs=4326).to_crs(32749)
    union = shapely.union_all(result.values)
    # neighbours do not overlap: the pieces add up to their union (within 1 m² of 118 km²)
    assert result.area.sum() - union.area < 1.0
    # and no new gaps open between them: the holes in the union are no larger than in the file
    original_union = shapely.union_all(metric.geometry.values)

    def hole_area(geometry) -> float:
        return sum(Polygon(ring).area for part in shapely.get_parts(geometry) for ring in part.interiors)

    assert hole_area(union) <= hole_area(original_union) + 1.0
    # every kelurahan stays within a few metres of where it was
    assert max(result.hausdorff_distance(metric.geometry.reset_index(drop=True))) < 3 * checked.tolerance_m


def test_reimport_replaces_and_a_kelurahan_import_replaces_the_demo_boundaries(real_data_dir):
    store = Store.in_memory()
    seed.add_demo(store)
    assert set(stored(store, "61.71", "kelurahan")["source"]) == {demo.SOURCE_GEOMETRY}
    # a city whose kecamatan have no boundaries yet
    store.execute("delete_region_geometry", scope_code="61.71", level="kecamatan", schematic_only=False)
    regions = store.run("region_tree", scope_code="")
    checked = geo.read_boundary_file(real_data_dir / "pontianak_kelurahan.geojson", regions)
    for _ in range(2):
        geo.commit_boundaries(store, checked, user="tester")
    kelurahan, kecamatan = stored(store, "61.71", "kelurahan"), stored(store, "61.71", "kecamatan")
    assert (len(kelurahan), kelurahan["schematic"].any()) == (29, False)
    assert set(kelurahan["source"]) == {"pontianak_kelurahan.geojson"}
    # the kecamatan without boundaries became the union of their real kelurahan
    assert (len(kecamatan), kecamatan["schematic"].any()) == (6, False)
    assert set(kecamatan["source"]) == {"pontianak_kelurahan.geojson (union of kelurahan)"}
    assert store.run("import_batch_of_kind", kind="boundaries").height == 2
    # a real kecamatan file replaces the union; a later kelurahan import leaves it
    dissolved = geo.read_boundary_file(real_data_dir / "pontianak_kecamatan_dissolved.geojson", regions)
    geo.commit_boundaries(store, dissolved, user="tester")
    geo.commit_boundaries(store, checked, user="tester")
    assert set(stored(store, "61.71", "kecamatan")["source"]) == {"pontianak_kecamatan_dissolved.geojson"}


def test_a_failed_import_changes_nothing(real_data_dir, store):
    regions = store.run("region_tree", scope_code="")
    first = geo.read_boundary_file(real_data_dir / "serang_kelurahan.geojson", regions)
    geo.commit_boundaries(store, first, user="tester")
    before = (
        store.run("region_geometry", scope_code="", level="kelurahan"),
        store.run("import_batch_of_kind", kind="boundaries"),
    )
    second = geo.read_boundary_file(real_data_dir / "serang_kecamatan.geojson", regions)
    # a region that is not in the store (as when the store changed after the check): the last insert fails
    broken = dataclasses.replace(
        first,
        geometry=pl.concat([first.geometry, second.geometry.head(1).with_columns(kemendagri_code=pl.lit("36.73.99"))]),
    )
    with pytest.raises(Exception, match="foreign key"):
        geo.commit_boundaries(store, broken, user="tester")
    after = (
        store.run("region_geometry", scope_code="", level="kelurahan"),
        store.run("import_batch_of_kind", kind="boundaries"),
    )
    assert_frame_equal(after[0], before[0])
    assert_frame_equal(after[1], before[1])


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
@pytest.mark.parametrize(
    ("change", "key", "english"),
    [
        (
            "utm_without_crs",
            "geo_no_crs_not_degrees",
            "states no coordinate reference system (CRS), and its coordinates (x 30",
        ),
        ("swapped", "geo_swapped", "look swapped: latitude first, then longitude"),
        ("not_geojson", "geo_unreadable", "cannot be read as boundary data"),
    ],
)
def test_unusable_files_are_refused_with_what_to_do(
    real_data_dir, three_cities_regions, tmp_path, change, key, english
):
    frame = real_frame(real_data_dir, "pontianak_kecamatan")
    if change == "utm_without_crs":
        frame.to_crs(32749).set_crs(None, allow_override=True).to_file(tmp_path / "kec.shp")
        data, name = None, "kec.shp"
        extra = {p.name: p.read_bytes() for p in tmp_path.glob("kec.*") if p.suffix != ".shp"}
        data = (tmp_path / "kec.shp").read_bytes()
    elif change == "swapped":
        swapped = frame.set_geometry(shapely.transform(frame.geometry.values, lambda xy: xy[:, ::-1]))
        data, name, extra = swapped.to_json().encode(), "kec.geojson", None
    else:
        data, name, extra = b"kode;nama\n61.71.01;Pontianak Selatan\n", "kec.geojson", None
    with pytest.raises(geo.BoundaryError) as raised:
        geo.read_boundaries(data, name, three_cities_regions, extra_files=extra)
    assert raised.value.key == key
    assert english in raised.value.text("en")
    assert name in raised.value.text("id")


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_a_shapefile_without_crs_in_degrees_is_read_as_wgs84(real_data_dir, three_cities_regions, tmp_path):
    real_frame(real_data_dir, "pontianak_kecamatan").set_crs(None, allow_override=True).to_file(tmp_path / "kec.shp")
    assert not (tmp_path / "kec.prj").exists()
    checked = geo.read_boundary_file(tmp_path / "kec.shp", three_cities_regions)
    assert checked.source_crs == "none stated, read as EPSG:4326"
    assert checked.geometry.height == 6


def test_features_of_other_cities_are_left_out(real_data_dir, three_cities_regions):
    collection = real_collection(real_data_dir, "pontianak_kelurahan")
    collection["features"] += real_collection(real_data_dir, "serang_kelurahan")["features"]
    checked = geo.read_boundaries(as_bytes(collection), "dua_kota.geojson", three_cities_regions, city="61.71")
    assert (checked.geometry.height, checked.outside_city, checked.problems) == (29, 67, [])
    assert "67 features lie outside Kota Pontianak and were left out." in checked.report("en")


def test_a_file_of_a_city_not_in_the_store_names_it(real_data_dir):
    with Store.in_memory() as store:
        seed.add_city(store, "61.71")
        regions = store.run("region_tree", scope_code="")
    with pytest.raises(geo.BoundaryError) as raised:
        geo.read_boundary_file(real_data_dir / "jakarta_barat_kelurahan.geojson", regions)
    assert raised.value.text("id") == (
        "Kode di berkas jakarta_barat_kelurahan.geojson menunjuk ke kota/kabupaten 31.73, bukan ke kota di "
        "penyimpanan (61.71). Tambahkan kota itu dengan `python -m uhc init --city 31.73`, atau impor berkas "
        "kota Anda sendiri."
    )


def test_cli_imports_and_dry_run_stores_nothing(real_data_dir, tmp_path, capsys):
    db = str(tmp_path / "uhc.duckdb")
    assert cli.main(["--db", db, "init", "--city", "36.73"]) == 0
    path = str(real_data_dir / "serang_kecamatan_dissolved.geojson")
    assert cli.main(["--db", db, "import", "boundaries", path, "--dry-run", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "6 of 6 kecamatan in Kota Serang have boundaries from this file." in out
    assert out.rstrip().endswith("Dry run: nothing was stored.")
    with Store.open(db, read_only=True) as store:
        assert store.run("region_geometry", scope_code="", level="kecamatan").height == 0
    assert cli.main(["--db", db, "import", "boundaries", path]) == 0
    assert "Disimpan: 6 batas kecamatan untuk Kota Serang" in capsys.readouterr().out
    with Store.open(db, read_only=True) as store:
        assert store.run("region_geometry", scope_code="", level="kecamatan").height == 6


def test_cli_refuses_a_bad_file_in_one_line(tmp_path, capsys):
    db = str(tmp_path / "uhc.duckdb")
    assert cli.main(["--db", db, "init", "--city", "36.73"]) == 0
    bad = tmp_path / "batas.geojson"
    bad.write_text(json.dumps({"type": "FeatureCollection", "features": []}))
    assert cli.main(["--db", db, "import", "boundaries", str(bad), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("uhc: batas.geojson holds no geometry. Boundaries must be polygons.")


def test_geojson_features_as_written_by_hand(three_cities_regions):
    # A feature with a point (no polygon) is reported; the polygon next to it still matches.
    square = Polygon([(109.33, -0.03), (109.34, -0.03), (109.34, -0.02), (109.33, -0.02)])
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"KODE_KEC": "617105"}, "geometry": mapping(square)},
            {
                "type": "Feature",
                "properties": {"KODE_KEC": "617104"},
                "geometry": {"type": "Point", "coordinates": [109.33, -0.01]},
            },
        ],
    }
    checked = geo.read_boundaries(as_bytes(collection), "campur.geojson", three_cities_regions)
    assert checked.geometry["kemendagri_code"].to_list() == ["61.71.05"]
    assert [p.key for p in checked.problems] == ["geo_feature_no_polygon"]
    assert checked.problems[0].text("en").startswith("campur.geojson, feature 2 (KODE_KEC = '617104')")


def test_codes_of_the_other_level_are_reported_as_such(real_data_dir, three_cities_regions):
    path = real_data_dir / "pontianak_kecamatan.geojson"
    checked = geo.read_boundary_file(path, three_cities_regions, level="kelurahan")
    assert [p.key for p in checked.problems] == ["geo_feature_wrong_level"] * 6
    assert checked.problems[0].text("en") == (
        "pontianak_kecamatan.geojson, feature 1: kode = '61.71.01', nama = 'Pontianak Selatan' is the code "
        "of 61.71.01 Pontianak Selatan, not of a kelurahan. Choose another level (--level) or another code "
        "property (--code-field)."
    )


def test_a_zip_cannot_write_outside_its_folder(three_cities_regions):
    # a member named ../../x is refused with the whole zip, not written two folders up
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../../escaped.geojson", json.dumps({"type": "FeatureCollection", "features": []}))
    with pytest.raises(geo.BoundaryError) as raised:
        geo.read_boundaries(buffer.getvalue(), "batas.zip", three_cities_regions)
    assert raised.value.key == "geo_zip_unsafe_member"


@pytest.mark.parametrize(
    "member", ["/tmp/uhc-escaped-{n}.geojson", "C:/uhc-escaped-{n}.geojson", "a/../../uhc-{n}.geojson"]
)
def test_a_zip_member_with_an_absolute_or_climbing_path_is_not_written(three_cities_regions, tmp_path, member):
    name = member.format(n=tmp_path.name)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, json.dumps({"type": "FeatureCollection", "features": []}))

    with pytest.raises(geo.BoundaryError) as raised:
        geo.read_boundaries(buffer.getvalue(), "batas.zip", three_cities_regions)

    assert raised.value.key == "geo_zip_unsafe_member"
    assert not Path(f"/tmp/uhc-escaped-{tmp_path.name}.geojson").exists()


def test_a_zip_that_unpacks_to_more_than_the_limit_is_refused_before_unpacking(three_cities_regions, monkeypatch):
    monkeypatch.setattr(geo.files, "MAX_UNPACKED_BYTES", 1_000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("batas.geojson", " " * 5_000)  # 5.000 bytes unpacked, a few dozen packed

    with pytest.raises(geo.BoundaryError) as raised:
        geo.read_boundaries(buffer.getvalue(), "batas.zip", three_cities_regions)

    assert raised.value.key == "geo_zip_too_large"
