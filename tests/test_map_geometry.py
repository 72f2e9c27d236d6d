"""The one map-geometry pipeline: repair keeping polygons, clockwise rings, simplifying a coverage in metres."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from shapely.geometry import GeometryCollection, LineString, MultiPolygon, Point, Polygon, box

from uhc.map_geometry import clockwise, polygonal, simplified_for_map, utm_zone

# A unit square's corners in the order that crosses itself in the middle (a bow-tie), then a spike
# out of its left side and back: make_valid returns GEOMETRYCOLLECTION (MULTIPOLYGON (two
# triangles), LINESTRING (the spike)).
BOW_TIE_WITH_SPIKE = Polygon([(0, 0), (1, 1), (1, 0), (0, 1), (0, 0.5), (-0.5, 0.5), (0, 0.5), (0, 0)])


def exteriors_clockwise(geometry) -> list[bool]:
    return [not part.exterior.is_ccw for part in shapely.get_parts(geometry)]


def test_a_repair_that_returns_a_collection_keeps_its_polygons_clockwise():
    repaired = shapely.make_valid(BOW_TIE_WITH_SPIKE)
    assert [part.geom_type for part in shapely.get_parts(repaired)] == ["MultiPolygon", "LineString"]

    for given in (BOW_TIE_WITH_SPIKE, repaired):
        (result,) = polygonal([given])
        assert result.geom_type == "MultiPolygon"
        assert not result.is_empty and result.is_valid
        # two triangles of the unit square, each with a side of 1 and a height of 1/2: 1/4 each
        assert result.area == pytest.approx(0.5, abs=1e-12)
        assert exteriors_clockwise(result) == [True, True]


def test_holes_turn_counter_clockwise_and_keep_their_area():
    # RFC 7946 winding (exterior counter-clockwise, hole clockwise), as GeoJSON files have it
    square_with_hole = Polygon([(0, 0), (4, 0), (4, 4), (0, 4)], holes=[[(1, 1), (1, 3), (3, 3), (3, 1)]])
    assert square_with_hole.exterior.is_ccw and not square_with_hole.interiors[0].is_ccw

    (result,) = polygonal([square_with_hole])

    assert not result.exterior.is_ccw
    assert result.interiors[0].is_ccw
    assert result.area == 16 - 4


def test_what_holds_no_polygon_is_none():
    given = [
        None,
        Polygon(),
        LineString([(0, 0), (1, 1)]),
        Point(0, 0),
        GeometryCollection([LineString([(0, 0), (1, 0)])]),
    ]

    assert polygonal(given).tolist() == [None] * 5


def test_a_collection_keeps_its_polygons_at_any_depth_and_overlaps_become_one():
    inner = GeometryCollection([box(0, 0, 2, 2), Point(9, 9)])
    nested = GeometryCollection([inner, MultiPolygon([box(1, 1, 3, 3)]), LineString([(5, 5), (6, 6)])])

    (result,) = polygonal([nested])

    # two 2 x 2 squares overlapping in a 1 x 1 square: 4 + 4 - 1
    assert result.geom_type == "Polygon"
    assert result.area == pytest.approx(7.0, abs=1e-12)
    assert exteriors_clockwise(result) == [True]


def test_clockwise_reaches_into_collections():
    collection = GeometryCollection([box(0, 0, 1, 1, ccw=True), LineString([(2, 2), (3, 3)])])

    oriented = clockwise(collection)

    assert exteriors_clockwise(shapely.get_parts(oriented)[0]) == [True]
    assert shapely.get_parts(oriented)[1].equals(LineString([(2, 2), (3, 3)]))


def test_neighbours_simplified_together_keep_their_border_and_area():
    # Two squares of 0,01 degree side beside each other in Pontianak (UTM zone 49 S), the second with
    # a stray line beside it as a repair leaves one; and a region without geometry.
    west, south, side = 109.30, -0.04, 0.01
    left = box(west, south, west + side, south + side)
    right = GeometryCollection(
        [box(west + side, south, west + 2 * side, south + side), LineString([(109.33, -0.04), (109.34, -0.03)])]
    )

    result, tolerance_m = simplified_for_map([left, right, None], pixels_across=1000)

    assert result[2] is None
    assert [g.geom_type for g in result[:2]] == ["Polygon", "Polygon"]
    assert shapely.area(result[:2]) == pytest.approx([side**2, side**2], rel=1e-9)
    assert exteriors_clockwise(result[0]) == exteriors_clockwise(result[1]) == [True]
    # the shared side stays one border: 0,01 degree long
    assert shapely.intersection(result[0].boundary, result[1].boundary).length == pytest.approx(side, rel=1e-9)
    # The extent is 0,02 degree of longitude at the equator: 2 x pi x 6.378.137 m / 360 x 0,02 =
    # 2.226,39 m, times the UTM scale 0,9996 x (1 + 0,0295² / 2) = 1,000035 at 1,69 degrees from
    # zone 49's meridian (111 E); one pixel of 1.000 is 2,2265 m.
    assert tolerance_m == pytest.approx(2.2265, rel=1e-3)


def test_the_tolerance_stays_within_its_bounds():
    squares = [box(109.30, -0.04, 109.31, -0.03), box(109.31, -0.04, 109.32, -0.03)]

    assert simplified_for_map(squares, pixels_across=1000, tolerance_bounds_m=(5.0, 50.0))[1] == 5.0
    assert simplified_for_map(squares, pixels_across=10, tolerance_bounds_m=(1.0, 50.0))[1] == 50.0


def test_nothing_to_simplify():
    result, tolerance_m = simplified_for_map(np.asarray([], dtype=object), pixels_across=500)
    assert (len(result), tolerance_m) == (0, 0.0)
    result, tolerance_m = simplified_for_map([None, LineString([(0, 0), (1, 1)])], pixels_across=500)
    assert (result.tolist(), tolerance_m) == ([None, None], 0.0)


@pytest.mark.parametrize(
    ("bounds", "epsg"),
    [
        ((106.05, -6.22, 106.25, -6.01), 32748),  # Kota Serang: 102-108 E is zone 48, south
        ((109.25, -0.10, 109.38, 0.04), 32749),  # Kota Pontianak: its centre is just south of the equator
        ((98.59, 3.48, 98.74, 3.70), 32647),  # Kota Medan: 96-102 E is zone 47, north
        ((140.60, -2.70, 140.80, -2.45), 32754),  # Kota Jayapura: 138-144 E is zone 54
    ],
)
def test_utm_zone_of_a_city(bounds, epsg):
    assert utm_zone(bounds) == epsg
