"""Polygons fit for a map: repaired, cleaned into one coverage, simplified together, exterior rings clockwise.

The one pipeline both places that simplify use: importing boundaries (``uhc.intake.geo`` stores a
city's regions at a tolerance fit for a large map of the whole city) and drawing a view
(``uhc.output.maps``, for the map on the page). Geometries come and go in EPSG:4326::

    display, tolerance_m = simplified_for_map(geometries, pixels_across=500)

1. Repaired (:func:`polygonal`): 2D, ``make_valid`` where invalid, only the polygons kept (a
   repair can leave lines or points beside them, in a GeometryCollection).
2. In metres, in the UTM zone of the polygons: a tolerance means the same on the ground at any
   latitude, and the import's and the display's tolerances are comparable.
3. Cleaned into a coverage (``shapely.coverage_clean``) when the polygons overlap or leave gaps
   narrower than ``gap_width_m`` (slivers between neighbours).
4. Simplified together (``shapely.coverage_simplify``), so neighbours keep one shared border; a
   set GEOS cannot take as a coverage is simplified polygon by polygon instead, which can open
   hairline gaps but never fails.
5. Back in EPSG:4326, repaired again (reprojecting can make a hairline part invalid).
6. Exterior rings clockwise and holes counter-clockwise (``shapely.orient_polygons``): d3-geo,
   and so Plotly's geo traces, fills the outside of a counter-clockwise ring.

Pure shapely, pyproj and geopandas, so it sits below the intake and the output that both use it.
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import shapely
from shapely.errors import GEOSException

_POLYGONAL = ("Polygon", "MultiPolygon")


def clockwise(geometries):
    """Exterior rings clockwise, holes counter-clockwise (polygons at any depth of a collection)."""
    return shapely.orient_polygons(geometries, exterior_cw=True)


def polygonal(geometries) -> np.ndarray:
    """Each geometry as its polygons alone: 2D, valid, rings clockwise; None where no polygon is left.

    An invalid geometry is repaired with ``make_valid`` first. What a repair or the file puts beside
    the polygons (lines, points) is dropped; a GeometryCollection keeps every polygon it holds, at any
    depth. Several polygons become one MultiPolygon (their union when they overlap).
    """
    flat = shapely.force_2d(np.asarray(geometries, dtype=object))
    present = ~shapely.is_missing(flat)
    invalid = present & ~shapely.is_valid(flat)
    flat[invalid] = shapely.make_valid(flat[invalid])
    flat[present] = clockwise(flat[present])
    return np.asarray([_polygons_of(geometry) for geometry in flat], dtype=object)


def _polygons_of(geometry):
    """The polygons of one valid, oriented geometry as a Polygon or MultiPolygon, or None."""
    if geometry is None:
        return None
    parts, polygons = [geometry], []
    while parts:  # a collection may hold multi-geometries and other collections
        part = parts.pop(0)
        if part.is_empty:
            continue
        if part.geom_type == "Polygon":
            polygons.append(part)
        elif part.geom_type == "MultiPolygon" or part.geom_type == "GeometryCollection":
            parts.extend(shapely.get_parts(part))
    if len(polygons) <= 1:
        return polygons[0] if polygons else None
    joined = shapely.MultiPolygon(polygons)
    return joined if joined.is_valid else clockwise(shapely.union_all(polygons))


def utm_zone(bounds) -> int:
    """The EPSG code of the WGS 84 UTM zone of the centre of ``bounds`` (west, south, east, north; degrees).

    Worked out from the zone's definition (6 degrees of longitude from 180 W; 326xx north of the
    equator, 327xx south) rather than asked of the PROJ database, which takes 0,2-0,4 s a call.
    """
    west, south, east, north = bounds
    zone = int(((west + east) / 2 + 180) // 6) % 60 + 1
    return (32600 if (south + north) / 2 >= 0 else 32700) + zone


def simplified_for_map(
    geometries,
    *,
    pixels_across: float,
    gap_width_m: float | None = None,
    tolerance_bounds_m: tuple[float, float] = (0.0, math.inf),
) -> tuple[np.ndarray, float]:
    """The polygons (EPSG:4326) as one clean coverage simplified together; and the tolerance in metres.

    The tolerance is the extent of all the polygons over ``pixels_across``: about one pixel of a map
    that size showing them all, kept within ``tolerance_bounds_m``. Gaps between neighbours narrower
    than ``gap_width_m`` (default: the tolerance) are closed. A geometry without a polygon stays None.
    """
    polygons = polygonal(geometries)
    present = np.flatnonzero(~shapely.is_missing(polygons))
    if len(present) == 0:
        return polygons, 0.0
    series = gpd.GeoSeries(polygons[present], crs=4326)
    utm = utm_zone(series.total_bounds)
    metric = np.asarray(series.to_crs(utm).values, dtype=object)
    west, south, east, north = shapely.total_bounds(metric)
    low, high = tolerance_bounds_m
    tolerance_m = float(min(max(max(east - west, north - south) / pixels_across, low), high))
    gap_m = tolerance_m if gap_width_m is None else gap_width_m
    try:
        if not shapely.coverage_is_valid(metric, gap_width=gap_m):
            # types-shapely 2.1 predates coverage_clean (new in shapely 2.2); the ignore goes when the stubs catch up.
            metric = shapely.coverage_clean(metric, gap_width=gap_m)  # type: ignore[attr-defined]
        simplified = shapely.coverage_simplify(metric, tolerance_m)
    except GEOSException:
        simplified = shapely.simplify(metric, tolerance_m, preserve_topology=True)
    result = np.full(len(polygons), None, dtype=object)
    result[present] = polygonal(gpd.GeoSeries(simplified, crs=utm).to_crs(4326).values)
    return result, tolerance_m
