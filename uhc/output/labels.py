"""Where a map writes its regions' names: inside each polygon, fitting it, never across a border or another label.

Labels are laid out in the pixels of the map they are drawn on: a Mercator map (Plotly's geo
subplot, ``projection.type = "mercator"``) that fits the view's bounds into a frame of
``frame_px`` (width, height). Labels keep their size in pixels while the map grows with the
screen, so a layout made for the smallest frame a map is drawn in also holds in every larger one.

1. The polygons are projected to those pixels (x from the longitude, y from the Mercator y of the
   latitude; a Mercator map is straight in both, so a box in pixels is a box in degrees).
2. A label's box is its text measured in DejaVu Sans (the charts' font; Bitstream Vera, shipped
   with reportlab, has the same widths), bold for the name, plus PADDING_PX all round.
3. Regions are labelled in order of their largest inscribed circle (shapely's
   ``maximum_inscribed_circle``), largest first. A label goes at the centre of that circle, the
   point furthest inside the polygon (the centroid of a bent polygon can lie outside it), or, when
   the box does not fit there, at the nearest point of a grid inside the polygon where it does. It
   must lie inside its own polygon and clear every label placed before.
4. Each region tries its texts in turn (the name on one line, then on two; on the overview's small
   map and the briefing's maps then without the word all names begin with, "Timur" for "Pontianak
   Timur") at the largest font size, then at the next; one that fits nowhere is left out: the hover still names the region.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import reportlab
import shapely
from PIL import ImageFont

_FONT_DIR = Path(reportlab.__file__).parent / "fonts"
PADDING_PX = 2.0
LINE_HEIGHT_EM = 1.3  # plotly.js sets the lines of a text this far apart
GRID_STEP_PX = 3.0  # candidate anchors inside a polygon where the inscribed circle's centre is no good


@dataclass(frozen=True)
class Text:
    """What a label may say: the name on one or more lines (bold), and a value under it."""

    name: tuple[str, ...]
    value: str | None = None

    @property
    def lines(self) -> tuple[str, ...]:
        return (*self.name, *([self.value] if self.value is not None else []))

    def size_px(self, font_px: float) -> tuple[float, float]:
        """Width and height in pixels of the text drawn at ``font_px``."""
        widths = [_font(True, font_px).getlength(line) for line in self.name]
        if self.value is not None:
            widths.append(_font(False, font_px).getlength(self.value))
        return max(widths), len(self.lines) * font_px * LINE_HEIGHT_EM

    def plotly(self) -> str:
        """The text as Plotly writes it: the name's lines bold, the value plain."""
        name = [f"<b>{line}</b>" for line in self.name]
        return "<br>".join([*name, *([self.value] if self.value is not None else [])])


@dataclass(frozen=True)
class Label:
    """A placed label: its region's index, its text and font size, the anchor (lon, lat) and its box in degrees."""

    index: int
    text: Text
    font_px: float
    lon: float
    lat: float
    box: tuple[float, float, float, float]  # west, south, east, north


@functools.cache
def _font(bold: bool, size_px: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(_FONT_DIR / ("VeraBd.ttf" if bold else "Vera.ttf")), size_px)


def name_lines(name: str) -> list[tuple[str, ...]]:
    """A name on one line, then (when it has a space) on two, split at the space nearest its middle."""
    variants: list[tuple[str, ...]] = [(name,)]
    spaces = [i for i, character in enumerate(name) if character == " "]
    if spaces:
        split = min(spaces, key=lambda i: abs(len(name) - 2 * i))
        variants.append((name[:split], name[split + 1 :]))
    return variants


def short_names(names: list[str]) -> list[str | None]:
    """The names without the word they all begin with ("Pontianak Timur" -> "Timur"), or None each when they share none.

    A small map's last resort before leaving a name out: the city's own name in front of each
    kecamatan's says nothing on the city's map (its hover still gives the full name).
    """
    words = [name.split(" ", 1) for name in names]
    if not words or any(len(parts) < 2 for parts in words) or len({parts[0] for parts in words}) != 1:
        return [None] * len(names)
    return [parts[1] for parts in words]


def _mercator_y(lat_deg):
    return np.degrees(np.log(np.tan(np.pi / 4 + np.radians(lat_deg) / 2)))


def _latitude(mercator_y_deg):
    return np.degrees(2 * np.arctan(np.exp(np.radians(mercator_y_deg))) - np.pi / 2)


def pixels_per_degree(bounds: tuple[float, float, float, float], frame_px: tuple[float, float]) -> float:
    """Pixels per degree of longitude (and of Mercator y) of a Mercator map fitting ``bounds`` into ``frame_px``."""
    west, south, east, north = bounds
    width_deg = max(east - west, 1e-9)
    height_deg = max(float(_mercator_y(north) - _mercator_y(south)), 1e-9)
    return min(frame_px[0] / width_deg, frame_px[1] / height_deg)


def place_labels(
    geometries,
    texts: list[list[Text]],
    *,
    bounds: tuple[float, float, float, float],
    frame_px: tuple[float, float],
    font_sizes_px: tuple[float, ...],
    last_resort: list[list[Text]] | None = None,
) -> list[Label]:
    """Labels for the polygons ``geometries`` (EPSG:4326) on a map of ``bounds`` drawn in ``frame_px``.

    ``texts[i]`` are the texts region ``i`` may take, in order of preference (see name_lines), all
    tried at the first of ``font_sizes_px`` before any at the next. The labels are returned
    in the order of the regions; a region without room has none. ``last_resort[i]`` (e.g. a
    shorter name) are tried, at each size, only when none of ``texts[i]`` fits at any.
    """
    scale = pixels_per_degree(bounds, frame_px)

    def to_px(xy: np.ndarray) -> np.ndarray:
        return np.column_stack([xy[:, 0] * scale, _mercator_y(xy[:, 1]) * scale])

    polygons = [None if g is None or g.is_empty else shapely.transform(g, to_px) for g in geometries]
    circles = {
        i: shapely.maximum_inscribed_circle(polygon, 0.5) for i, polygon in enumerate(polygons) if polygon is not None
    }
    for index in circles:
        shapely.prepare(polygons[index])
    order = sorted(circles, key=lambda i: -circles[i].length)  # the circle's radius, as a line from centre to edge
    placed: list[tuple[float, float, float, float]] = []
    labels = []
    for i in order:
        polygon, centre = polygons[i], shapely.get_point(circles[i], 0)
        tries = [(size, text) for size in font_sizes_px for text in texts[i]]
        tries += [(size, text) for size in font_sizes_px for text in (last_resort[i] if last_resort else [])]
        for font_px, text in tries:
            width, height = text.size_px(font_px)
            half_w, half_h = width / 2 + PADDING_PX, height / 2 + PADDING_PX
            anchor = _anchor(polygon, (centre.x, centre.y), half_w, half_h, placed)
            if anchor is not None:
                x, y = anchor
                box = (x - half_w, y - half_h, x + half_w, y + half_h)
                placed.append(box)
                west, east = box[0] / scale, box[2] / scale
                south, north = (float(_latitude(v / scale)) for v in (box[1], box[3]))
                labels.append(
                    Label(i, text, font_px, x / scale, float(_latitude(y / scale)), (west, south, east, north))
                )
                break
    return sorted(labels, key=lambda label: label.index)


def _anchor(
    polygon, centre: tuple[float, float], half_w: float, half_h: float, placed: list
) -> tuple[float, float] | None:
    """The point nearest ``centre`` where a box of half-sizes ``half_w``, ``half_h`` lies inside ``polygon`` and clear of ``placed``."""
    west, south, east, north = polygon.bounds
    if east - west < 2 * half_w or north - south < 2 * half_h:
        return None
    # the centre alone first: most labels that fit at all fit there, and the grid costs more
    found = _first_fitting(polygon, np.array([centre[0]]), np.array([centre[1]]), half_w, half_h, placed)
    if found is not None:
        return found
    xs = np.arange(west + half_w, east - half_w + 1e-9, GRID_STEP_PX)
    ys = np.arange(south + half_h, north - half_h + 1e-9, GRID_STEP_PX)
    grid_x, grid_y = (axis.ravel() for axis in np.meshgrid(xs, ys))
    order = np.argsort(np.hypot(grid_x - centre[0], grid_y - centre[1]), kind="stable")
    return _first_fitting(polygon, grid_x[order], grid_y[order], half_w, half_h, placed)


def _first_fitting(
    polygon, candidates_x: np.ndarray, candidates_y: np.ndarray, half_w: float, half_h: float, placed: list
) -> tuple[float, float] | None:
    """The first candidate centre whose box is clear of ``placed`` and inside ``polygon``, or None."""
    clear = np.ones(len(candidates_x), dtype=bool)
    for left, bottom, right, top in placed:
        clear &= ~(
            (candidates_x - half_w < right)
            & (left < candidates_x + half_w)
            & (candidates_y - half_h < top)
            & (bottom < candidates_y + half_h)
        )
    candidates_x, candidates_y = candidates_x[clear], candidates_y[clear]
    if len(candidates_x) == 0:
        return None
    boxes = shapely.box(candidates_x - half_w, candidates_y - half_h, candidates_x + half_w, candidates_y + half_h)
    inside = np.flatnonzero(shapely.contains(polygon, boxes))
    if len(inside) == 0:
        return None
    return float(candidates_x[inside[0]]), float(candidates_y[inside[0]])
