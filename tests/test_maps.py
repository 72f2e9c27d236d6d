"""Map classes, display geometry and the choropleth figures (uhc/output/maps.py)."""

from __future__ import annotations

import datetime as dt
import io
import json
import math

import geopandas as gpd
import numpy as np
import plotly.graph_objects as go
import polars as pl
import pytest
import shapely
from PIL import Image

from uhc import i18n
from uhc.core import gap
from uhc.output import charts, export, maps
from uhc.store.db import Store

JANUARY_2026 = dt.date(2026, 1, 1)


# -- classes -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("coverage_pct", "expected"),
    [
        (94.99, "below_95"),
        (95.0, "95_to_98"),
        (97.99, "95_to_98"),
        (98.0, "target_met"),
        (101.2, "target_met"),  # registered away from home: above 100% is still the target met
        (0.0, "below_95"),
        (None, "no_data"),
        (math.nan, "no_data"),
    ],
)
def test_policy_class(coverage_pct, expected):
    assert maps.policy_class(coverage_pct) == expected


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("id", ["di bawah 95%", "95–98%", "≥ 98%"]),
        ("en", ["below 95%", "95–98%", "≥ 98%"]),
    ],
)
def test_policy_classes_label_all_three_even_when_empty(language, labels):
    keys, classes = maps.policy_classes(pl.Series([99.05, None]), language)

    assert keys.to_list() == ["target_met", "no_data"]
    assert [c.label for c in classes] == labels
    assert [c.colour for c in classes] == [charts.COLOUR_BELOW_95, charts.COLOUR_95_TO_98, charts.COLOUR_TARGET_MET]


def test_quantile_classes_of_five_known_values():
    # Sorted 1..5; linear quantiles at 1/4, 2/4, 3/4 lie at positions 1, 2, 3 (of 0..4): breaks 2, 3, 4.
    # A class holds the values above the break below it up to its own: {1, 2}, {3}, {4}, {5}.
    keys, classes = maps.quantile_classes(pl.Series([5.0, 1.0, None, 4.0, 2.0, 3.0]), i18n.number, "id")

    assert keys.to_list() == ["q4", "q1", "no_data", "q3", "q1", "q2"]
    assert [(c.key, c.label) for c in classes] == [("q1", "1 – 2"), ("q2", "3"), ("q3", "4"), ("q4", "5")]
    assert [c.colour for c in classes] == list(maps.QUANTILE_COLOURS)


def test_quantile_classes_merge_equal_breaks():
    # Sorted 0, 0, 0, 2.997, 7.592: quantiles at positions 1, 2, 3 are 0, 0, 2.997, so two breaks
    # are equal and there are three classes: {0}, (0, 2.997], above 2.997.
    keys, classes = maps.quantile_classes(pl.Series([0, 2997, 0, 7592, 0]), i18n.number, "id")

    assert keys.to_list() == ["q1", "q2", "q1", "q3", "q1"]
    assert [c.label for c in classes] == ["0", "2.997", "7.592"]
    assert [c.colour for c in classes] == [maps.QUANTILE_COLOURS[0], maps.QUANTILE_COLOURS[2], maps.QUANTILE_COLOURS[3]]


def test_quantile_labels_follow_the_language():
    _, classes = maps.quantile_classes(pl.Series([87.5, 91.25, 96.0, 99.75]), i18n.percent, "en")

    assert [c.label for c in classes] == ["87.50%", "91.25%", "96.00%", "99.75%"]


def test_quantile_classes_without_any_value_are_all_no_data():
    keys, classes = maps.quantile_classes(pl.Series([None, None], dtype=pl.Float64), i18n.number, "id")

    assert keys.to_list() == ["no_data", "no_data"]
    assert classes == []


# -- display geometry ----------------------------------------------------------------------------


def exterior_rings(geometry) -> list:
    return [polygon.exterior for polygon in shapely.get_parts(geometry)]


@pytest.mark.parametrize(("level", "count"), [("kecamatan", 6), ("kelurahan", 29)])
def test_display_shapes_of_the_demo_one_clockwise_polygon_per_region(demo_store, level, count):
    rows = demo_store.run("region_geometry", scope_code="61.71", level=level)
    shapes = maps.display_shapes(rows)

    assert len(shapes) == count
    assert (
        shapes["kemendagri_code"].tolist()
        == demo_store.run("region_name", scope_code="61.71", level=level)["kemendagri_code"].to_list()
    )
    assert shapes.crs.to_epsg() == 4326
    # d3-geo (Plotly's geo traces) fills the outside of a counter-clockwise ring
    assert all(not ring.is_ccw for geometry in shapes.geometry for ring in exterior_rings(geometry))


def test_display_shapes_of_a_kecamatan_are_its_kelurahan(demo_store):
    rows = demo_store.run("region_geometry", scope_code="61.71.04", level="kelurahan")

    shapes = maps.display_shapes(rows)

    # Pontianak Utara has four kelurahan (Siantan Hulu, Siantan Tengah, Siantan Hilir, Batulayang)
    assert shapes["kemendagri_code"].tolist() == ["61.71.04.1001", "61.71.04.1002", "61.71.04.1003", "61.71.04.1004"]


def test_display_shapes_of_no_rows_is_empty(demo_store):
    rows = demo_store.run("region_geometry", scope_code="36.73", level="kecamatan")

    assert maps.display_shapes(rows).empty


def test_geojson_features_are_keyed_by_code(demo_store):
    shapes = maps.display_shapes(demo_store.run("region_geometry", scope_code="61.71", level="kecamatan"))

    collection = maps.geojson(shapes)

    assert [feature["id"] for feature in collection["features"]] == [f"61.71.0{n}" for n in range(1, 7)]
    first_vertex = collection["features"][0]["geometry"]["coordinates"][0][0]
    assert json.loads(json.dumps(first_vertex)) == [round(c, maps.COORDINATE_DECIMALS) for c in first_vertex]


@pytest.fixture(scope="module")
def serang_kelurahan(real_data_dir) -> gpd.GeoDataFrame:
    """The densest real file: Kota Serang's 67 kelurahan, 4.221 vertices, edges simplified one by one upstream."""
    return gpd.read_file(real_data_dir / "serang_kelurahan.geojson")


def overlap_area(geometries) -> float:
    """Area covered twice or more (degrees²): the sum of the parts minus their union."""
    return float(shapely.area(geometries).sum() - shapely.union_all(geometries).area)


def test_simplification_for_display_removes_vertices_and_keeps_shared_borders(serang_kelurahan):
    original = np.asarray(serang_kelurahan.geometry.values, dtype=object)

    display = maps.display_geometry(original)

    assert shapely.get_num_coordinates(display).sum() < 0.9 * shapely.get_num_coordinates(original).sum()
    assert shapely.is_valid(display).all()
    # The source has overlaps and hairline gaps between neighbours (SOURCES.md: 0,05-0,1 km²);
    # the display coverage has neither: one degree² is about 12.300 km² here, so 1e-9 is 12 m².
    assert overlap_area(original) > 1e-6
    assert overlap_area(display) < 1e-9
    union = shapely.union_all(display)
    assert union.geom_type == "Polygon"
    assert len(union.interiors) == 0
    assert len(shapely.union_all(original).interiors) > 0
    # every pair of neighbours still shares a border line, not just a corner
    tree = shapely.STRtree(original)
    touching, candidates = tree.query(original, predicate="dwithin", distance=1e-5)
    pairs = [(a, b) for a, b in zip(touching, candidates, strict=True) if a < b]
    shared = [shapely.intersection(display[a].boundary, display[b].boundary).length for a, b in pairs]
    assert len(pairs) > 100
    assert sum(length == 0 for length in shared) <= len(pairs) * 0.02  # a few only ever met at a corner
    # and each kelurahan keeps its area to within 1%
    assert np.allclose(shapely.area(display), shapely.area(original), rtol=0.01)


# -- figures -------------------------------------------------------------------------------------


@pytest.fixture
def kecamatan_view(demo_store: Store) -> tuple[gpd.GeoDataFrame, pl.DataFrame]:
    shapes = maps.display_shapes(demo_store.run("region_geometry", scope_code="61.71", level="kecamatan"))
    return shapes, gap.gap_for_period(demo_store, JANUARY_2026, "kecamatan", "61.71")


def area_traces(figure: go.Figure) -> list:
    return [trace for trace in figure.data if trace.type in ("choropleth", "choroplethmap")]


def hover_of(figure: go.Figure, kemendagri_code: str) -> tuple:
    for trace in area_traces(figure):
        if kemendagri_code in trace.locations:
            return tuple(trace.customdata[list(trace.locations).index(kemendagri_code)])
    raise AssertionError(f"{kemendagri_code} is not on the map")


def test_map_figure_has_one_location_per_region(kecamatan_view):
    figure = maps.map_figure(*kecamatan_view, "coverage", "id")

    locations = [code for trace in area_traces(figure) for code in trace.locations]
    assert sorted(locations) == [f"61.71.0{n}" for n in range(1, 7)]
    # framed on the regions (not fitbounds, see maps._geo_view), nothing drawn but the regions
    west, south, east, north = kecamatan_view[0].total_bounds
    assert figure.layout.geo.lonaxis.range[0] < west < east < figure.layout.geo.lonaxis.range[1]
    assert figure.layout.geo.lataxis.range[0] < south < north < figure.layout.geo.lataxis.range[1]
    assert figure.layout.geo.fitbounds is None
    assert figure.layout.geo.visible is False


def test_hover_carries_the_formatted_coverage_worked_out_by_hand(demo_store, kecamatan_view):
    registered = demo_store.run(
        "coverage_by_region_month", code_length=8, scope_code="61.71.04", periods=[JANUARY_2026]
    )
    population = demo_store.run(
        "population_by_region", code_length=8, scope_code="61.71.04", as_of_from=None, as_of_until=dt.date(2025, 12, 31)
    ).sort("as_of")
    coverage_pct = registered["registered"][0] * 100 / population["population"][-1]
    assert f"{coverage_pct:.2f}" == "94.03"  # 134.258 / 142.782 (S2 2025)

    figure = maps.map_figure(*kecamatan_view, "active_coverage", "id")

    # 0,98 x 142.782 = 139.926,36 -> 139.927 registered needed; 139.927 - 134.258 = 5.669
    name, code, _, coverage, people_needed = hover_of(figure, "61.71.04")
    assert (name, code, coverage, people_needed) == ("Pontianak Utara", "61.71.04", "94,03%", "5.669")
    template = area_traces(figure)[0].hovertemplate
    assert "Kode Kemendagri: %{customdata[1]}" in template
    assert "Cakupan aktif: %{customdata[2]}" in template


def test_hover_and_legend_in_english(kecamatan_view):
    figure = maps.map_figure(*kecamatan_view, "coverage", "en")

    assert hover_of(figure, "61.71.04")[2] == "94.03%"
    assert [trace.name for trace in figure.data if trace.showlegend] == ["below 95%", "95–98%", "≥ 98%"]
    assert figure.layout.legend.title.text == "Coverage"


def test_the_policy_legend_lists_every_class_and_no_data_when_a_region_lacks_figures(kecamatan_view):
    shapes, rows = kecamatan_view
    without_utara = rows.filter(pl.col("kemendagri_code") != "61.71.04")

    figure = maps.map_figure(shapes, without_utara, "coverage", "id")

    assert [trace.name for trace in figure.data if trace.showlegend] == [
        "di bawah 95%",
        "95–98%",
        "≥ 98%",
        "tidak ada data",
    ]
    assert hover_of(figure, "61.71.04")[2] == "–"


def test_measures_without_policy_classes_use_quantiles(kecamatan_view):
    figure = maps.map_figure(*kecamatan_view, "people_needed", "id", scheme="policy")

    # January 2026: Pontianak Timur 1.870 and Pontianak Utara 5.669 to enrol, the other four 0.
    # Sorted 0, 0, 0, 0, 1.870, 5.669: quartile breaks at positions 1,25, 2,5, 3,75 are 0, 0 and
    # 1.402,5, so the classes are {0} and the two above 1.402,5.
    legend = [trace.name for trace in figure.data if trace.showlegend]
    assert legend == ["0", "1.870 – 5.669"]


def test_tile_basemap_is_an_openstreetmap_tile_map(kecamatan_view):
    figure = maps.map_figure(*kecamatan_view, "coverage", "id", basemap=True)

    assert {trace.type for trace in area_traces(figure)} == {"choroplethmap"}
    assert figure.layout.map.style == "open-street-map"
    west, south, east, north = kecamatan_view[0].total_bounds
    assert west < figure.layout.map.center.lon < east
    assert south < figure.layout.map.center.lat < north


def test_overview_map_is_coverage_in_policy_classes_without_pan(kecamatan_view):
    figure = maps.overview_map_figure(*kecamatan_view, "id")

    assert figure.layout.dragmode is False
    assert figure.layout.height == maps.SMALL_MAP_HEIGHT_PX
    assert [trace.name for trace in figure.data if trace.showlegend] == ["di bawah 95%", "95–98%", "≥ 98%"]


def test_regions_without_shape_are_named(kecamatan_view):
    shapes, rows = kecamatan_view

    assert maps.regions_without_shape(shapes[shapes["kemendagri_code"] != "61.71.02"], rows) == ["Pontianak Timur"]
    assert maps.regions_without_shape(shapes, rows) == []


@pytest.mark.parametrize(("kemendagri_code", "expected"), [("61.71.04.1001", "61.71.04"), ("61.71.04", "61.71.04")])
def test_kecamatan_code_of(kemendagri_code, expected):
    assert maps.kecamatan_code_of(kemendagri_code) == expected


def test_the_map_exports_to_png_offline_with_the_shipped_topojson(kecamatan_view):
    # Kaleido draws the geo map in Chromium, which loads the world topojson from TOPOJSON_DIR
    # (there is no internet); without it the export fails with "Error 525".
    figure = maps.map_figure(*kecamatan_view, "coverage", "id")
    png = export.png(figure, 600, 500, scale=1)

    colours = {colour for _, colour in Image.open(io.BytesIO(png)).convert("RGB").getcolors(maxcolors=1_000_000)}
    # January 2026: Pontianak Utara below 95%, Pontianak Timur 95-98%, the rest at least 98%
    for hex_colour in (charts.COLOUR_BELOW_95, charts.COLOUR_95_TO_98, charts.COLOUR_TARGET_MET):
        assert tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)) in colours


def test_a_picture_map_labels_the_kecamatan_with_room_dark_on_light_classes(kecamatan_view):
    labels = maps.region_labels(*kecamatan_view, "coverage", "id")

    shown = dict(zip(labels.text, zip(labels.textfont.color, labels.textfont.size, strict=True), strict=True))
    # January 2026. Utara (below 95%, dark red) and Timur (95-98%, orange) take white text,
    # Barat and Kota (at the target, light green) dark. Selatan and Tenggara, long strips across the map's
    # diagonal, have no room for a level box even at 12 px, so they are left out (hover names them).
    assert shown == {
        "<b>Pontianak</b><br><b>Timur</b><br>96,05%": ("#ffffff", 12),
        "<b>Pontianak</b><br><b>Barat</b><br>99,73%": ("#1a1a1a", 15),
        "<b>Pontianak Utara</b><br>94,03%": ("#ffffff", 15),
        "<b>Pontianak</b><br><b>Kota</b><br>102,65%": ("#1a1a1a", 12),
    }


def test_the_page_map_writes_names_only_and_the_tile_map_none(kecamatan_view):
    shapes, rows = kecamatan_view

    page = maps.map_figure(shapes, rows, "coverage", "id", names=True)
    tiles = maps.map_figure(shapes, rows, "coverage", "id", names=True, basemap=True)

    [names] = [trace for trace in page.data if trace.name == "labels"]
    # at the page's phone-sized frame every kecamatan has room for its name (no value: the hover has it)
    assert sorted(names.text) == [
        "<b>Pontianak Barat</b>",
        "<b>Pontianak Utara</b>",
        "<b>Pontianak</b><br><b>Kota</b>",
        "<b>Pontianak</b><br><b>Selatan</b>",
        "<b>Pontianak</b><br><b>Tenggara</b>",
        "<b>Pontianak</b><br><b>Timur</b>",
    ]
    assert names.hoverinfo == "skip"
    assert not [trace for trace in tiles.data if trace.name == "labels"]
    assert not [trace for trace in maps.map_figure(shapes, rows, "coverage", "id").data if trace.name == "labels"]


def test_a_kelurahan_picture_labels_the_kelurahan_with_room(demo_store):
    shapes = maps.display_shapes(demo_store.run("region_geometry", scope_code="61.71", level="kelurahan"))
    rows = gap.gap_for_period(demo_store, dt.date(2026, 1, 1), "kelurahan", "61.71")

    labels = maps.region_labels(shapes, rows, "coverage", "id")

    # 29 kelurahan, most of them narrow strips: at the pictures' scale only the three widest of
    # Pontianak Utara have room (tests/test_labels.py checks boxes inside polygons and apart)
    assert list(labels.text) == [
        "<b>Siantan</b><br><b>Hulu</b><br>93,95%",
        "<b>Siantan</b><br><b>Hilir</b><br>94,63%",
        "<b>Batulayang</b><br>93,61%",
    ]


@pytest.mark.parametrize("size", list(export.SIZES))
def test_a_press_picture_lays_its_labels_out_for_the_map_it_draws(kecamatan_view, size):
    shapes, rows = kecamatan_view
    figure = maps.press_map_figure(shapes, rows, "coverage", "id")
    branding = export.Branding.from_settings({}, "61.71", "Kota Pontianak", is_demo=True)
    vintage = export.Vintage(period=JANUARY_2026, population_as_of=dt.date(2025, 12, 31))

    press = export.press_figure(
        figure, title="Cakupan", subtitle="Kota Pontianak", branding=branding, vintage=vintage, language="id", size=size
    )

    [labels] = [trace for trace in press.data if trace.name == maps.LABELS_TRACE]
    # Every press size draws the city's map larger than the 1000 x 500 the figure alone assumes,
    # so all six kecamatan get their name and value: Selatan and Tenggara, the long diagonal
    # strips left out of test_a_picture_map_labels_the_kecamatan_with_room..., too.
    lines = [text.replace("<b>", "").replace("</b>", "").split("<br>") for text in labels.text]
    names = {
        " ".join(name_lines): (lon, lat)
        for (*name_lines, _), lon, lat in zip(lines, labels.lon, labels.lat, strict=True)
    }
    assert len(figure.data[-1].text) == 4
    assert sorted(names) == sorted(shapes["name"])
    for name, polygon in zip(shapes["name"], shapes.geometry, strict=True):
        assert polygon.contains(shapely.Point(names[name])), name
