"""Region names on maps (uhc/output/labels.py): inside their polygons, fitting, never over each other."""

from __future__ import annotations

import itertools

import geopandas as gpd
import polars as pl
import pytest
import shapely

from uhc.output import labels, maps

# The settings the maps use: the page's names (phone-sized frame) and the pictures' names and values.
SETTINGS = {
    "page": (maps.PAGE_LABEL_FRAME_PX, maps.PAGE_LABEL_FONT_PX, False),
    "picture": (maps.PICTURE_LABEL_FRAME_PX, maps.LABEL_FONT_PX, True),
}


def texts_of(names, with_values: bool) -> list[list[labels.Text]]:
    # "100,00%" is as wide as a map's value gets
    return [[labels.Text(lines, "100,00%" if with_values else None) for lines in labels.name_lines(n)] for n in names]


def test_a_long_name_may_take_two_lines_split_near_its_middle():
    assert labels.name_lines("Pontianak Tenggara") == [("Pontianak Tenggara",), ("Pontianak", "Tenggara")]
    # 17 letters, spaces after 6 and 11: "Sungai" / "Jawi Dalam" (6 and 10) is narrower than
    # "Sungai Jawi" / "Dalam" (11 and 5)
    assert labels.name_lines("Sungai Jawi Dalam") == [("Sungai Jawi Dalam",), ("Sungai", "Jawi Dalam")]
    assert labels.name_lines("Batulayang") == [("Batulayang",)]


def test_names_that_all_begin_with_the_city_can_go_without_it():
    assert labels.short_names(["Pontianak Timur", "Pontianak Kota"]) == ["Timur", "Kota"]
    # Serang's kecamatan do not all begin with one word: no short names
    assert labels.short_names(["Serang", "Kasemen", "Walantaka"]) == [None, None, None]
    assert labels.short_names(["Kebon Jeruk", "Kembangan"]) == [None, None]


def test_a_bent_region_is_labelled_inside_it_not_at_its_centroid():
    # A U, 30 x 20 (degrees near the equator, where the map is nearly square): its centroid
    # (15; 12,2) lies in the notch between the arms, outside the polygon.
    u_shape = shapely.Polygon([(0, 0), (30, 0), (30, 20), (20, 20), (20, 6), (10, 6), (10, 20), (0, 20)])
    assert not u_shape.contains(u_shape.centroid)

    [label] = labels.place_labels(
        [u_shape], [[labels.Text(("Siantan",))]], bounds=(-1, -1, 31, 21), frame_px=(640, 440), font_sizes_px=(12,)
    )

    assert u_shape.contains(shapely.box(*label.box))
    assert u_shape.contains(shapely.Point(label.lon, label.lat))


def test_a_label_that_fits_nowhere_is_left_out_and_a_smaller_font_is_tried_first():
    sliver = shapely.box(0, 0, 0.02, 0.004)  # 2,2 km x 0,4 km at the equator
    frame = (500, 500)  # 500 px for 0,02 degrees: the sliver is 500 x 100 px
    big = labels.place_labels(
        [sliver],
        [[labels.Text(("Tambelansampit",))]],
        bounds=(0, 0, 0.02, 0.02),
        frame_px=frame,
        font_sizes_px=(80, 20),
    )
    none = labels.place_labels(
        [sliver], [[labels.Text(("Tambelansampit",))]], bounds=(0, 0, 0.02, 0.02), frame_px=frame, font_sizes_px=(80,)
    )

    assert [label.font_px for label in big] == [20]
    assert none == []


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize(("city", "at_least"), [("pontianak", 3), ("serang", 2)])
def test_labels_of_real_kelurahan_lie_inside_their_polygons_and_apart(real_data_dir, city, at_least, setting):
    frame_px, font_sizes, with_values = SETTINGS[setting]
    kelurahan = gpd.read_file(real_data_dir / f"{city}_kelurahan.geojson")
    rows = pl.DataFrame(
        {"kemendagri_code": kelurahan["kode"], "name": kelurahan["nama"], "geometry_wkb": kelurahan.geometry.to_wkb()}
    )
    shapes = maps.display_shapes(rows)  # as the map draws them: one coverage, simplified for the screen
    assert len(shapes) == len(kelurahan)

    placed = labels.place_labels(
        shapes.geometry.values,
        texts_of(shapes["name"], with_values),
        bounds=maps.view_bounds(shapes),
        frame_px=frame_px,
        font_sizes_px=font_sizes,
    )

    assert len(placed) >= at_least
    pixels_per_degree = labels.pixels_per_degree(maps.view_bounds(shapes), frame_px)
    for label in placed:
        # inside its own polygon as drawn, and inside the real file's polygon it was drawn from
        box = shapely.box(*label.box)
        assert shapes.geometry[label.index].contains(box), label
        assert kelurahan.geometry[label.index].buffer(1 / pixels_per_degree).contains(box), label
        # the box holds the text: DejaVu Sans Bold is at least 0,55 em a letter on average
        width_px = (label.box[2] - label.box[0]) * pixels_per_degree
        assert width_px >= 0.55 * label.font_px * max(len(line) for line in label.text.lines), label
    for first, second in itertools.combinations(placed, 2):
        assert not shapely.box(*first.box).intersects(shapely.box(*second.box)), (first, second)


def test_the_overview_map_names_all_six_real_pontianak_kecamatan_apart(real_data_dir):
    # At 320 px high only 1-2 of the six names fitted; the overview's map is now SMALL_MAP_HEIGHT_PX
    # (440) high, its names laid out for a phone's column of 340 x 410 px under its 30 px margin.
    # Pontianak Timur, the smallest kecamatan (about 8,4 km2), has room only for "Timur".
    kecamatan = gpd.read_file(real_data_dir / "pontianak_kecamatan.geojson")
    rows = pl.DataFrame(
        {"kemendagri_code": kecamatan["kode"], "name": kecamatan["nama"], "geometry_wkb": kecamatan.geometry.to_wkb()}
    )
    shapes = maps.display_shapes(rows)
    gap_rows = pl.DataFrame(
        {
            "kemendagri_code": kecamatan["kode"],
            "name": kecamatan["nama"],
            "coverage_pct": [97.0] * len(kecamatan),
            "people_needed": [1_000] * len(kecamatan),
        }
    )
    figure = maps.overview_map_figure(shapes, gap_rows, "id")
    [trace] = [trace for trace in figure.data if trace.name == maps.LABELS_TRACE]

    names = [text.replace("<b>", "").replace("</b>", "").replace("<br>", " ") for text in trace.text]
    assert names == [
        "Pontianak Selatan",
        "Timur",
        "Pontianak Barat",
        "Pontianak Utara",
        "Pontianak Kota",
        "Pontianak Tenggara",
    ]
    assert list(shapes["name"]) == list(kecamatan["nama"])
    assert min(trace.textfont.size) >= 10
    assert figure.layout.height - figure.layout.margin.t == maps.SMALL_LABEL_FRAME_PX[1]
    placed = labels.place_labels(
        shapes.geometry.values,
        texts_of(shapes["name"], False),
        bounds=maps.view_bounds(shapes),
        frame_px=maps.SMALL_LABEL_FRAME_PX,
        font_sizes_px=maps.PAGE_LABEL_FONT_PX,
        last_resort=[[labels.Text((short,))] for short in labels.short_names(list(shapes["name"]))],
    )
    assert len(placed) == 6
    for label in placed:
        assert shapes.geometry[label.index].contains(shapely.box(*label.box)), label
    for first, second in itertools.combinations(placed, 2):
        assert not shapely.box(*first.box).intersects(shapely.box(*second.box)), (first, second)
