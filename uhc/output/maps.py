"""Choropleth maps: display geometry, colour classes and the Plotly figures of the map page and the overview.

Display geometry comes from the store's WKB (EPSG:4326): the polygons of one view go through the
pipeline the import uses too (``uhc.map_geometry.simplified_for_map``): cleaned into a coverage and
simplified together for a map PIXELS_ACROSS wide, so neighbours keep one shared border, with
clockwise exterior rings, which Plotly's geo traces (d3-geo) need.

The figures use ``go.Choropleth`` on a ``geo`` subplot with no basemap (``visible=False``,
framed on the regions' bounds): it draws in the browser as SVG with no request outside the Streamlit
server, clicks select a region, and Kaleido exports it offline. plotly.js fetches a world topojson
for a geo subplot when it shows a base layer or when the subplot's *first* trace has a
``locationmode`` (a choropleth's is "geojson-id"). The figures here show no base layer and put
their legend's empty point traces first, so the browser draws a map at once, with no fetch: a
topojson answered after the user had left the page made plotly.js draw the names trace on the
removed map and throw ("reading 'typesetMath'"; tests/test_map_browser.py checks that no request
is made). The project still ships a stub in ``static/topojson/`` (see TOPOJSON_DIR) for whatever
does fetch: the page passes ``config={"topojsonURL": TOPOJSON_URL}`` to st.plotly_chart, and
export.png passes ``TOPOJSON_DIR`` to Kaleido with every figure. Only when the
user turns on the tile basemap (which needs internet) is the map a ``go.Choroplethmap`` over
OpenStreetMap tiles.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

import geopandas as gpd
import numpy as np
import plotly.graph_objects as go
import polars as pl
import shapely

from uhc import figures, i18n
from uhc.core import formats
from uhc.map_geometry import simplified_for_map
from uhc.output import charts, labels
from uhc.paths import STATIC_DIR
from uhc.store.regions import CODE_LENGTH

TOPOJSON_DIR = STATIC_DIR / "topojson"
# Relative to the page, so it also works under a server base path: Streamlit serves static/ at app/static/.
TOPOJSON_URL = "app/static/topojson/"

# Policy classes of coverage: below 95% (the UHC criterion until 2023), 95 to 98%, 98% and above
# (the national target). A region without a figure is in a class of its own.
POLICY_THRESHOLDS_PCT = figures.COVERAGE_POLICY_LINES_PCT
POLICY_CLASS_KEYS = ("below_95", "95_to_98", "target_met")
_POLICY_CLASS_LABELS = {
    "below_95": i18n.N_("map_class_below_95"),
    "95_to_98": i18n.N_("map_class_95_to_98"),
    "target_met": i18n.N_("map_class_target_met"),
}
NO_DATA = "no_data"
_POLICY_COLOURS = {
    "below_95": charts.COLOUR_BELOW_95,
    "95_to_98": charts.COLOUR_95_TO_98,
    "target_met": charts.COLOUR_TARGET_MET,
    NO_DATA: charts.COLOUR_NO_DATA,
}
QUANTILE_CLASS_COUNT = 4
# Quantile classes rank regions against each other, not against a target, so they get one hue
# (darker = more of the measure) rather than the policy's red-to-green.
QUANTILE_COLOURS = ("#c6dbef", "#6baed6", "#2171b5", "#08306b")

# Simplification tolerance: the view's extent over this many pixels, i.e. about one pixel on a
# map of that size; the page's map is about 560 px tall.
PIXELS_ACROSS = 500
COORDINATE_DECIMALS = 6  # about 0,1 m: enough for any screen, and a smaller page
MAP_HEIGHT_PX = 560
# The overview's small map: tall enough that all six of Pontianak's kecamatan names fit at 10-12 px
# on a phone's column (at 320 px only 1-2 did; tests/test_maps.py, on the real boundaries).
SMALL_MAP_HEIGHT_PX = 440
SMALL_MAP_TOP_PX = 30
# The tile map cannot fit itself to its locations; its zoom is worked out for a map this wide.
TILE_MAP_WIDTH_PX = 800
TILE_SIZE_PX = 512  # MapLibre's world is 512 px wide at zoom 0
TILE_OPACITY = 0.65
GEO_MARGIN_FRACTION = 0.05  # space around the regions, as a share of their extent
BORDER_COLOUR = "#ffffff"
# Region labels (uhc.output.labels) are laid out for the smallest frame (width, height in pixels)
# the map is drawn in, so they fit in any larger one. The page: a phone's column (about 358 px at
# 390 px wide) below the MAP_HEIGHT_PX map's 70 px of legend. Pictures: PICTURE_LABEL_FRAME_PX,
# smaller than any they draw, until the picture lays them out again for its own map (fit_labels:
# the press frame, e.g. about 1528 x 604 in 1600 x 900, and the briefing's 1000 x 510).
LABEL_FONT_PX = (15.0, 12.0)
PICTURE_LABEL_FRAME_PX = (1000.0, 500.0)
PAGE_LABEL_FONT_PX = (12.0, 10.0)
PAGE_LABEL_FRAME_PX = (340.0, float(MAP_HEIGHT_PX - 70))
SMALL_LABEL_FRAME_PX = (340.0, float(SMALL_MAP_HEIGHT_PX - SMALL_MAP_TOP_PX))
LABELS_TRACE = "labels"  # the name of a map's labels trace


@dataclass(frozen=True)
class MapMetric:
    """A measure the map can colour by: a registered figure that is mapped (uhc.figures), and how the map writes it."""

    figure: figures.Figure

    @property
    def column(self) -> str:
        return self.figure.name

    def label(self, language: str) -> str:
        """The measure in words, in ``language``."""
        return formats.label(self.figure, language)

    @property
    def _mapped(self) -> figures.Mapped:
        return cast(figures.Mapped, self.figure.mapped)  # made from figures.map_figures(), which are all mapped

    @property
    def policy_classes(self) -> bool:
        return self._mapped.policy_classes

    @property
    def file_stem(self) -> str:
        """Names the measure in an exported picture's file name (peta-cakupan-kecamatan_...)."""
        return self._mapped.file_stem

    def formatted(self, value: float | None, language: str) -> str:
        """The value in a hover."""
        return formats.text_or_dash(self.figure, value, language)

    def class_formatted(self, value: float | None, language: str) -> str:
        """The value in a legend's range: one decimal, so four ranges fit in a row."""
        return formats.short_text(self.figure, value, language)


def measures() -> dict[str, MapMetric]:
    """The map's measures by key, in the order offered: the registry's mapped figures (uhc.figures)."""
    return {figure.key: MapMetric(figure) for figure in figures.map_figures()}


SCHEMES = ("policy", "quantile")
SCHEME_KEYS = {"policy": i18n.N_("map_scheme_policy"), "quantile": i18n.N_("map_scheme_quantile")}
LEVEL_KEYS = {"kecamatan": i18n.N_("map_level_kecamatan"), "kelurahan": i18n.N_("map_level_kelurahan")}


@dataclass(frozen=True)
class MapClass:
    """One colour class of a map: its key (also the legend group), label in the UI language, colour."""

    key: str
    label: str
    colour: str


# -- classes -------------------------------------------------------------------------------------


def policy_class(coverage_pct: float | None) -> str:
    """The policy class of a coverage: below_95, 95_to_98, target_met (98% and above) or no_data."""
    if coverage_pct is None or math.isnan(coverage_pct):
        return NO_DATA
    low, target = POLICY_THRESHOLDS_PCT
    if coverage_pct < low:
        return "below_95"
    return "95_to_98" if coverage_pct < target else "target_met"


def no_data_class(language: str) -> MapClass:
    return MapClass(NO_DATA, i18n.text("map_class_no_data", language), charts.COLOUR_NO_DATA)


def policy_classes(values: pl.Series, language: str) -> tuple[pl.Series, list[MapClass]]:
    """Each value's policy class key, and the three policy classes (always, so the legend stays the same)."""
    keys = pl.Series("class_key", [policy_class(v) for v in values], dtype=pl.String)
    classes = [
        MapClass(key, i18n.text(_POLICY_CLASS_LABELS[key], language), _POLICY_COLOURS[key]) for key in POLICY_CLASS_KEYS
    ]
    return keys, classes


def quantile_classes(
    values: pl.Series,
    formatted: Callable[[float | None, str], str],
    language: str,
    class_count: int = QUANTILE_CLASS_COUNT,
) -> tuple[pl.Series, list[MapClass]]:
    """Each value's quantile class key (q1 lowest; no_data for a missing value), and the classes.

    Breaks are the values' quantiles (linear interpolation); a class holds the values above the
    break below it up to and including its own. Equal breaks (many equal values) merge classes,
    so there may be fewer than ``class_count``. A label gives the smallest and largest value in
    its class ("2.997 – 7.592"), or the one value all its regions share ("0").
    """
    numbers = values.cast(pl.Float64).fill_nan(None).rename("value")
    present = numbers.drop_nulls()
    if present.len() == 0:
        return pl.Series("class_key", [NO_DATA] * values.len(), dtype=pl.String), []
    quantiles = (present.quantile(i / class_count, interpolation="linear") for i in range(1, class_count))
    breaks = sorted({q for q in quantiles if q is not None})  # None only for an empty series
    # Right-closed classes: a value's class is the number of breaks below it. Classes no value
    # falls in (between equal or close breaks) are dropped and the rest numbered from q1.
    positions = [None if v is None else int(np.searchsorted(breaks, v, side="left")) for v in numbers]
    number_of = {p: n for n, p in enumerate(sorted({p for p in positions if p is not None}), start=1)}
    keys = pl.Series("class_key", [NO_DATA if p is None else f"q{number_of[p]}" for p in positions], dtype=pl.String)
    ranges = (
        pl.DataFrame({"class_key": keys, "value": numbers})
        .filter(pl.col("class_key") != NO_DATA)
        .group_by("class_key")
        .agg(low=pl.col("value").min(), high=pl.col("value").max())
    )
    low_high = {row["class_key"]: (row["low"], row["high"]) for row in ranges.iter_rows(named=True)}
    colours = _spread(QUANTILE_COLOURS, len(number_of))
    classes = []
    for i in range(len(number_of)):
        low, high = low_high[f"q{i + 1}"]
        label = formatted(low, language)
        if formatted(high, language) != label:
            label += f" – {formatted(high, language)}"
        classes.append(MapClass(f"q{i + 1}", label, colours[i]))
    return keys, classes


def _spread(colours: tuple[str, ...], count: int) -> list[str]:
    """``count`` colours spread over the palette, ends included."""
    if count == 1:
        return [colours[-1]]
    return [colours[round(i * (len(colours) - 1) / (count - 1))] for i in range(count)]


# -- display geometry ----------------------------------------------------------------------------


def display_geometry(geometries: np.ndarray) -> np.ndarray:
    """Polygons of one view as a clean coverage simplified together (shared borders stay shared), rings clockwise.

    The tolerance is the view's extent over PIXELS_ACROSS: what is removed is under a pixel
    (uhc.map_geometry.simplified_for_map). A geometry without a polygon is None.
    """
    return simplified_for_map(geometries, pixels_across=PIXELS_ACROSS)[0]


def display_shapes(geometry_rows: pl.DataFrame) -> gpd.GeoDataFrame:
    """The rows of queries/region_geometry.sql as display polygons: kemendagri_code, name, geometry.

    Simplified for the screen (see display_geometry), exterior rings clockwise; a region whose
    polygon is empty after cleaning is left out.
    """
    geometries = (
        shapely.from_wkb(geometry_rows["geometry_wkb"].to_numpy())
        if geometry_rows.height
        else np.array([], dtype=object)
    )
    shapes = gpd.GeoDataFrame(
        {
            "kemendagri_code": geometry_rows["kemendagri_code"].to_list(),
            "name": geometry_rows["name"].to_list(),
        },
        geometry=gpd.GeoSeries(list(display_geometry(geometries)), crs=4326),
    )
    return shapes[shapes.geometry.notna() & ~shapes.geometry.is_empty].reset_index(drop=True)


def geojson(shapes: gpd.GeoDataFrame) -> dict:
    """A FeatureCollection of the shapes, each feature's id its kemendagri_code, coordinates rounded."""
    rounded = shapely.transform(shapes.geometry.values, lambda xy: np.round(xy, COORDINATE_DECIMALS))
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": code, "properties": {}, "geometry": shapely.geometry.mapping(geometry)}
            for code, geometry in zip(shapes["kemendagri_code"], rounded, strict=True)
        ],
    }


def kecamatan_code_of(kemendagri_code: str) -> str:
    """The kecamatan a kecamatan or kelurahan code belongs to: 61.71.04.1001 -> 61.71.04."""
    return kemendagri_code[: CODE_LENGTH["kecamatan"]]


def regions_without_shape(shapes: gpd.GeoDataFrame, gap: pl.DataFrame) -> list[str]:
    """Names of the regions in ``gap`` that have no polygon to draw."""
    drawn = set(shapes["kemendagri_code"])
    return [name for code, name in zip(gap["kemendagri_code"], gap["name"], strict=True) if code not in drawn]


# -- figures -------------------------------------------------------------------------------------


def map_frame(
    shapes: gpd.GeoDataFrame, gap: pl.DataFrame, metric: str, language: str, scheme: str = "policy"
) -> tuple[pl.DataFrame, list[MapClass]]:
    """One row per shape: kemendagri_code, name, value, class_key and the hover texts; and the classes in legend order.

    ``gap`` holds the gap engine's rows of the view (gap.gap_for_period); a shape without a row
    is no data. The policy scheme applies to coverage measures only; others use quantiles.
    """
    measure = measures()[metric]
    drawn = pl.DataFrame({"kemendagri_code": shapes["kemendagri_code"].tolist(), "name": shapes["name"].tolist()})
    values = gap.select("kemendagri_code", "coverage_pct", "people_needed", value=pl.col(measure.column))
    frame = drawn.join(values, on="kemendagri_code", how="left", maintain_order="left")
    if scheme == "policy" and measure.policy_classes:
        keys, classes = policy_classes(frame["value"], language)
    else:
        keys, classes = quantile_classes(frame["value"], measure.class_formatted, language)
    frame = frame.with_columns(keys)
    if (frame["class_key"] == NO_DATA).any():
        classes = [*classes, no_data_class(language)]
    coverage, people_needed = figures.figure("coverage_pct"), figures.figure("people_needed")
    return frame.with_columns(
        metric_text=pl.Series([measure.formatted(v, language) for v in frame["value"]], dtype=pl.String),
        coverage_text=pl.Series(
            [formats.value_text(coverage, v, language) for v in frame["coverage_pct"]], dtype=pl.String
        ),
        people_needed_text=pl.Series(
            [formats.value_text(people_needed, v, language) for v in frame["people_needed"]], dtype=pl.String
        ),
    ), classes


def _hovertemplate(metric: str, language: str) -> str:
    """Name, code, the chosen measure, and coverage and people needed when they are not the measure."""
    measure = measures()[metric]
    lines = [
        "<b>%{customdata[0]}</b>",
        f"{i18n.text('map_hover_code', language)}: %{{customdata[1]}}",
        f"{measure.label(language)}: %{{customdata[2]}}",
    ]
    for index, name in ((3, "coverage_pct"), (4, "people_needed")):
        if measure.column != name:
            lines.append(f"{formats.label(figures.figure(name), language)}: %{{customdata[{index}]}}")
    return "<br>".join(lines) + "<extra></extra>"


# The outline of the region picked to stand out (dashboard "Sorot", export charts --highlight).
HIGHLIGHT_TRACE = "highlight"
HIGHLIGHT_COLOUR = "#1a1a1a"


def map_figure(
    shapes: gpd.GeoDataFrame,
    gap: pl.DataFrame,
    metric: str,
    language: str,
    *,
    scheme: str = "policy",
    basemap: bool = False,
    height: int = MAP_HEIGHT_PX,
    title: str | None = None,
    names: bool = False,
    highlight_code: str | None = None,
) -> go.Figure:
    """The choropleth of ``shapes`` coloured by ``metric`` in classes, one trace (legend entry) per class.

    Without ``basemap`` a geo map with nothing under the regions (offline; exports with Kaleido
    given TOPOJSON_DIR); with it a tile map over OpenStreetMap, which needs internet. With
    ``names`` the geo map writes each region's name inside it where there is room, laid out for the
    page (PAGE_LABEL_FRAME_PX); the tile map, whose scale follows its zoom, has none.
    ``highlight_code`` outlines that region thick and dark (a trace named HIGHLIGHT_TRACE, over
    the areas and under the names); a code not among ``shapes`` outlines nothing.
    """
    frame, classes = map_frame(shapes, gap, metric, language, scheme)
    features = {feature["id"]: feature for feature in geojson(shapes)["features"]}
    hovertemplate = _hovertemplate(metric, language)
    area_trace, legend_trace = (go.Choroplethmap, go.Scattermap) if basemap else (go.Choropleth, go.Scattergeo)
    # The legend comes from point traces with no points: Plotly leaves a class without regions
    # (no kecamatan below 95% this month) out of the legend if it has only an area trace. They come
    # first: then plotly.js needs no topojson (see the module's docstring).
    traces: list = [
        legend_trace(
            lon=[None],
            lat=[None],
            mode="markers",
            # A tile map's "square" is an icon fetched with the style; its default circle is drawn locally.
            marker={"size": 14, "color": map_class.colour, **({} if basemap else {"symbol": "square"})},
            name=map_class.label,
            legendgroup=map_class.key,
            showlegend=True,
            hoverinfo="skip",
        )
        for map_class in classes
    ]
    for map_class in classes:
        rows = frame.filter(pl.col("class_key") == map_class.key)
        codes = rows["kemendagri_code"].to_list()
        if codes:
            traces.append(
                area_trace(
                    geojson={"type": "FeatureCollection", "features": [features[c] for c in codes]},
                    locations=codes,
                    z=[1] * len(codes),
                    colorscale=[[0, map_class.colour], [1, map_class.colour]],
                    showscale=False,
                    name=map_class.label,
                    legendgroup=map_class.key,
                    showlegend=False,
                    customdata=rows.select(
                        "name", "kemendagri_code", "metric_text", "coverage_text", "people_needed_text"
                    ).rows(),
                    hovertemplate=hovertemplate,
                    marker={"line": {"color": BORDER_COLOUR, "width": 1}, "opacity": TILE_OPACITY if basemap else 1},
                )
            )
    if highlight_code in features:
        traces.append(
            area_trace(
                geojson={"type": "FeatureCollection", "features": [features[highlight_code]]},
                locations=[highlight_code],
                z=[1],
                colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                showscale=False,
                showlegend=False,
                name=HIGHLIGHT_TRACE,
                hoverinfo="skip",
                marker={"line": {"color": HIGHLIGHT_COLOUR, "width": 4}},
            )
        )
    if names and not basemap:
        traces.append(
            _label_trace(
                shapes, frame, classes, frame_px=PAGE_LABEL_FRAME_PX, font_px=PAGE_LABEL_FONT_PX, with_values=False
            )
        )
    figure = go.Figure(traces, layout={"template": charts.TEMPLATE})
    figure.update_layout(
        height=height,
        margin={"l": 0, "r": 0, "t": 110 if title else 70, "b": 0},
        # A title (for an exported picture) sits above the legend, which sits above the map; the
        # legend's title has a line of its own, so four quartile ranges fit in one row beside it.
        title={"text": title, "x": 0, "xanchor": "left", "y": 1, "yanchor": "top", "pad": {"t": 10, "l": 8}}
        if title
        else None,
        legend={
            "title": {"text": measures()[metric].label(language), "side": "top"},
            "itemclick": False,
            "itemdoubleclick": False,
        },
        # On the screen the toolbar stands at the right edge, clear of the legend.
        modebar={"orientation": "v"},
    )
    if basemap:
        figure.update_layout(map=_tile_view(shapes, height))
    else:
        figure.update_layout(geo=_geo_view(shapes))
    return figure


def _geo_view(shapes: gpd.GeoDataFrame) -> dict:
    """A geo subplot with nothing drawn but the regions, framed on their bounds plus a margin.

    The frame is given as axis ranges rather than ``fitbounds``: plotly.js fits bounds after
    fetching the topojson, on the page's figure, and a map taken off the page meanwhile (the
    user moves on at once) then fails with an uncaught TypeError in the browser's console.
    """
    west, south, east, north = view_bounds(shapes)
    return {
        "visible": False,
        "projection": {"type": "mercator"},
        "center": {"lon": (west + east) / 2, "lat": (south + north) / 2},
        "lonaxis": {"range": [west, east]},
        "lataxis": {"range": [south, north]},
    }


def view_bounds(shapes: gpd.GeoDataFrame) -> tuple[float, float, float, float]:
    """What a geo map of ``shapes`` shows (west, south, east, north): their bounds and a margin around them."""
    west, south, east, north = shapes.total_bounds
    margin = max(east - west, north - south) * GEO_MARGIN_FRACTION
    return (west - margin, south - margin, east + margin, north + margin)


def _tile_view(shapes: gpd.GeoDataFrame, height_px: int) -> dict:
    """OpenStreetMap tiles centred on the shapes, zoomed so they fit a TILE_MAP_WIDTH_PX x height map."""
    west, south, east, north = shapes.total_bounds

    def mercator_y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    # A span of d degrees is TILE_SIZE_PX x 2^zoom x d / 360 pixels wide at that zoom.
    lon_span = max(east - west, 1e-6)
    y_span = max(mercator_y(north) - mercator_y(south), 1e-6)
    zoom = min(
        math.log2(TILE_MAP_WIDTH_PX * 360 / (TILE_SIZE_PX * lon_span)),
        math.log2(height_px * 2 * math.pi / (TILE_SIZE_PX * y_span)),
    )
    return {
        "style": "open-street-map",
        "center": {"lon": (west + east) / 2, "lat": (south + north) / 2},
        "zoom": zoom - 0.3,  # a margin around the regions
    }


def overview_map_figure(
    shapes: gpd.GeoDataFrame, gap: pl.DataFrame, language: str, highlight_code: str | None = None
) -> go.Figure:
    """The overview's small map: kecamatan coverage in the policy classes, names inside, hover only (no pan or zoom).

    The names are laid out for a phone's column under the map's top margin (SMALL_LABEL_FRAME_PX);
    a name that does not fit may drop the word all names begin with (labels.short_names).
    """
    figure = map_figure(
        shapes, gap, "coverage", language, height=SMALL_MAP_HEIGHT_PX, names=True, highlight_code=highlight_code
    )
    figure.update_layout(dragmode=False, legend={"title": {"text": ""}}, margin={"t": SMALL_MAP_TOP_PX})
    fit_labels(figure, SMALL_LABEL_FRAME_PX, short_names=True)
    return figure


def _is_light(colour: str) -> bool:
    """Whether dark text reads better than white on ``colour`` (#rrggbb), by its relative luminance."""
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.6


def _label_trace(
    shapes: gpd.GeoDataFrame,
    frame: pl.DataFrame,
    classes: list[MapClass],
    *,
    frame_px: tuple[float, float],
    font_px: tuple[float, ...],
    with_values: bool,
) -> go.Scattergeo:
    """The regions' names (and values) written inside them (uhc.output.labels), dark on light classes, white on dark.

    The trace keeps what it was laid out from in its ``meta`` (codes, names, values, colours, font
    sizes), so that fit_labels can lay it out again for the frame a picture really has.
    """
    colours = {map_class.key: map_class.colour for map_class in classes}
    request = {
        "codes": frame["kemendagri_code"].to_list(),
        "names": frame["name"].to_list(),
        "values": frame["metric_text"].to_list() if with_values else None,
        "colours": ["#1a1a1a" if _is_light(colours[key]) else "#ffffff" for key in frame["class_key"]],
        "font_px": list(font_px),
    }
    trace = go.Scattergeo(mode="text", hoverinfo="skip", showlegend=False, name=LABELS_TRACE, meta=request)
    _lay_out(trace, shapes.geometry.to_numpy(), view_bounds(shapes), frame_px)
    return trace


def _lay_out(trace: go.Scattergeo, geometries, bounds: tuple[float, float, float, float], frame_px) -> None:
    """Place the labels ``trace.meta`` asks for on ``geometries`` (in its codes' order) for a map of ``frame_px``."""
    request = trace.meta
    values = request["values"] or [None] * len(request["names"])
    shorts = labels.short_names(request["names"]) if request.get("short_names") else [None] * len(values)
    texts = [
        [labels.Text(lines, value) for lines in labels.name_lines(name)]
        for name, value in zip(request["names"], values, strict=True)
    ]
    last_resort = [[labels.Text((short,), value)] if short else [] for short, value in zip(shorts, values, strict=True)]
    placed = labels.place_labels(
        geometries,
        texts,
        bounds=bounds,
        frame_px=frame_px,
        font_sizes_px=tuple(request["font_px"]),
        last_resort=last_resort,
    )
    trace.update(
        lon=[label.lon for label in placed],
        lat=[label.lat for label in placed],
        text=[label.text.plotly() for label in placed],
        textfont={
            "size": [label.font_px for label in placed],
            "color": [request["colours"][label.index] for label in placed],
            "shadow": "auto",
        },
    )


def fit_labels(
    figure: go.Figure,
    frame_px: tuple[float, float],
    *,
    font_px: tuple[float, ...] | None = None,
    short_names: bool = False,
    values: bool = True,
) -> None:
    """Lay a geo map's region labels out again for the frame it is drawn in (a press picture knows its own).

    The polygons are the figure's own (its choropleth traces' GeoJSON), the view its geo axes'
    ranges; a figure without labels is left as it is. ``font_px`` replaces the sizes tried; with
    ``short_names`` a name that fits nowhere may drop the word all names begin with; without
    ``values`` the labels are names only.
    """
    traces = [trace for trace in figure.data if trace.name == LABELS_TRACE and trace.meta]
    if not traces:
        return
    features = {
        feature["id"]: shapely.geometry.shape(feature["geometry"])
        for trace in figure.data
        if trace.type == "choropleth"
        for feature in trace.geojson["features"]
    }
    geo = figure.layout.geo
    west, east = geo.lonaxis.range
    south, north = geo.lataxis.range
    for trace in traces:
        trace.meta = {
            **trace.meta,
            **({"font_px": list(font_px)} if font_px else {}),
            **({"short_names": True} if short_names else {}),
            **({} if values else {"values": None}),
        }
        geometries = [features.get(code) for code in trace.meta["codes"]]
        _lay_out(trace, geometries, (west, south, east, north), frame_px)


def region_labels(
    shapes: gpd.GeoDataFrame, gap: pl.DataFrame, metric: str, language: str, scheme: str = "policy"
) -> go.Scattergeo:
    """Each region's name and value inside it, for a picture that has no hover (press PNGs, the briefing).

    Laid out for a map PICTURE_LABEL_FRAME_PX in size, at LABEL_FONT_PX (or smaller), until
    fit_labels lays them out for the picture's own map; a region without room for its label has none.
    """
    frame, classes = map_frame(shapes, gap, metric, language, scheme)
    return _label_trace(
        shapes, frame, classes, frame_px=PICTURE_LABEL_FRAME_PX, font_px=LABEL_FONT_PX, with_values=True
    )


def press_map_figure(
    shapes: gpd.GeoDataFrame,
    gap: pl.DataFrame,
    metric: str,
    language: str,
    scheme: str = "policy",
    highlight_code: str | None = None,
) -> go.Figure:
    """The map for a picture (press PNG, briefing): no tiles, each region labelled with its name and value.

    ``highlight_code`` outlines one region (as map_figure does), under the labels.
    """
    figure = map_figure(shapes, gap, metric, language, scheme=scheme, highlight_code=highlight_code)
    figure.add_trace(region_labels(shapes, gap, metric, language, scheme))
    return figure


def visits_map_figure(shapes: gpd.GeoDataFrame, visits: pl.DataFrame, language: str) -> go.Figure:
    """The Peta page's Pendataan layer: kelurahan coloured by the residents to visit in the newest
    stored match run, in quartile classes; a kelurahan the run does not count is no data.

    ``visits`` has one row per kelurahan: kemendagri_code, to_visit (persons, from match_count: no
    personal value).
    """
    drawn = pl.DataFrame({"kemendagri_code": shapes["kemendagri_code"].tolist(), "name": shapes["name"].tolist()})
    frame = drawn.join(visits, on="kemendagri_code", how="left", maintain_order="left")
    keys, classes = quantile_classes(frame["to_visit"], lambda value, lang: i18n.number(value, lang), language)
    frame = frame.with_columns(
        keys, to_visit_text=pl.Series([i18n.number(value, language) for value in frame["to_visit"]], dtype=pl.String)
    )
    if (frame["class_key"] == NO_DATA).any():
        classes = [*classes, no_data_class(language)]
    features = {feature["id"]: feature for feature in geojson(shapes)["features"]}
    label = i18n.text("map_visits_legend", language)
    hovertemplate = (
        "<b>%{customdata[0]}</b><br>"
        + f"{i18n.text('map_hover_code', language)}: %{{customdata[1]}}<br>{label}: %{{customdata[2]}}<extra></extra>"
    )
    # the legend from empty point traces, first, as map_figure's
    traces: list = [
        go.Scattergeo(
            lon=[None],
            lat=[None],
            mode="markers",
            marker={"size": 14, "color": map_class.colour, "symbol": "square"},
            name=map_class.label,
            showlegend=True,
            hoverinfo="skip",
        )
        for map_class in classes
    ]
    for map_class in classes:
        rows = frame.filter(pl.col("class_key") == map_class.key)
        if rows.height:
            codes = rows["kemendagri_code"].to_list()
            traces.append(
                go.Choropleth(
                    geojson={"type": "FeatureCollection", "features": [features[c] for c in codes]},
                    locations=codes,
                    z=[1] * len(codes),
                    colorscale=[[0, map_class.colour], [1, map_class.colour]],
                    showscale=False,
                    name=map_class.label,
                    showlegend=False,
                    customdata=rows.select("name", "kemendagri_code", "to_visit_text").rows(),
                    hovertemplate=hovertemplate,
                    marker={"line": {"color": BORDER_COLOUR, "width": 1}},
                )
            )
    figure = go.Figure(traces, layout={"template": charts.TEMPLATE})
    figure.update_layout(
        height=MAP_HEIGHT_PX,
        margin={"l": 0, "r": 0, "t": 70, "b": 0},
        legend={"title": {"text": label, "side": "top"}, "itemclick": False, "itemdoubleclick": False},
        modebar={"orientation": "v"},
        geo=_geo_view(shapes),
    )
    return figure
