"""Trend charts a newsroom can run: the editor's dated events, the latest value, the arrival month, the axis.

Real demo store (copied where a test writes), real Plotly figures, real Kaleido PNGs.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from PIL import Image

from tests.command_line import uhc
from uhc.core import gap
from uhc.output import charts, events, export, labels, report
from uhc.store.db import Store

FEBRUARY_2025 = dt.date(2025, 2, 1)
JANUARY_2026 = dt.date(2026, 1, 1)
UHC_PRIORITAS = dt.date(2025, 6, 1)


def _load(path: Path, period: dt.date) -> report.CityMonth:
    with Store.open(path, read_only=True) as store:
        return report.load(store, None, period)


def _named(figure, name: str) -> list[str]:
    return [annotation.text for annotation in figure.layout.annotations if annotation.name == name]


def test_events_are_added_listed_and_removed_from_the_command_line(store_copy):
    added = uhc("--db", store_copy, "events", "add", "--date", "2025-06-01", "--label", "  UHC   Prioritas ")
    assert added.returncode == 0, added.stderr
    assert added.stdout == "61.71 2025-06-01: UHC Prioritas\n"
    uhc("--db", store_copy, "events", "add", "--date", "2023-01-01", "--label", "Perwa PBI APBD")

    listed = uhc("--db", store_copy, "events", "list")
    assert listed.stdout == "2023-01-01\tPerwa PBI APBD\n2025-06-01\tUHC Prioritas\n"
    with Store.open(store_copy, read_only=True) as store:
        kept = events.city_events(dict(store.run("setting").iter_rows()), "61.71")
    assert kept.to_dicts() == [
        {"event_date": dt.date(2023, 1, 1), "label": "Perwa PBI APBD"},
        {"event_date": UHC_PRIORITAS, "label": "UHC Prioritas"},
    ]

    assert uhc("--db", store_copy, "events", "remove", "--date", "2023-01-01").returncode == 0
    assert uhc("--db", store_copy, "events", "list").stdout == "2025-06-01\tUHC Prioritas\n"
    again = uhc("--db", store_copy, "events", "remove", "--date", "2023-01-01")
    assert (again.returncode, again.stderr) == (
        2,
        "uhc: 61.71 has no event on 2023-01-01 (see `python -m uhc events list`)\n",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--date", "1 Juni 2025", "--label", "UHC"), "--date '1 Juni 2025' is not a day; write it as YYYY-MM-DD"),
        (("--date", "2025-06-01", "--label", "  "), "the event needs a label, e.g. 'UHC Prioritas'; nothing"),
        (("--date", "2025-06-01", "--label", "x" * 61), "the label has 61 characters; at most 60 fit on a chart"),
    ],
)
def test_an_event_without_a_day_or_a_short_label_is_refused_and_nothing_is_kept(store_copy, args, message):
    done = uhc("--db", store_copy, "events", "add", *args)

    assert done.returncode == 2
    assert message in done.stderr
    with Store.open(store_copy, read_only=True) as store:
        assert not any(key.startswith("chart_event") for key in store.run("setting")["key"])


def test_the_coverage_trend_draws_the_event_its_latest_value_arrival_and_axis_break(store_copy):
    with Store.open(store_copy) as store:
        events.add_event(store, "61.71", UHC_PRIORITAS, "UHC Prioritas")
        events.add_event(store, "61.71", dt.date(2019, 1, 1), "Sebelum data")  # before the first month
    january = _load(store_copy, JANUARY_2026)
    figure = report.press_charts(january, "id")[0].figure

    assert _named(figure, "event") == ["UHC Prioritas, 1 Juni 2025"]
    assert [(shape.name, shape.x0) for shape in figure.layout.shapes] == [("event", UHC_PRIORITAS)]
    # 683.706 / 690.277 = 99,048%
    assert _named(figure, "latest_value") == ["<b>99,05%</b>"]
    # the lowest line value is January 2022's 69,4%: less 3 points is 66,4, down to a multiple of 5
    assert _named(figure, "axis_break") == ["Sumbu mulai dari 65%, bukan 0"]
    assert figure.layout.yaxis.range[0] == 65
    # the target is met: no projection, no arrival month
    assert _named(figure, "projection_arrival") == []
    # the activity trend carries the event too, and its latest value (555.169 / 683.706 = 81,20%)
    activity = next(chart for chart in report.press_charts(january, "id") if chart.stem == "keaktifan-tren").figure
    assert _named(activity, "event") == ["UHC Prioritas, 1 Juni 2025"]
    assert _named(activity, "latest_value") == ["<b>81,20%</b>"]

    february = _load(store_copy, FEBRUARY_2025)
    before = report.press_charts(february, "id")[0].figure
    # the event is after February 2025: that chart does not show it, even where its projection runs on
    assert _named(before, "event") == []
    assert _named(before, "projection_arrival") == ["98% sekitar Juni 2026"]
    assert _named(before, "latest_value") == ["<b>87,86%</b>"]
    # one discreet marker trace for new population data, no line per semester
    assert [trace.name for trace in before.data].count("Data penduduk baru (Dukcapil)") == 1
    assert before.layout.shapes == ()


def test_a_region_that_does_not_get_there_says_so_in_a_sentence(demo_store_path):
    rows = _load(demo_store_path, FEBRUARY_2025).city_trend
    last = pl.int_range(pl.len()) == pl.len() - 1
    stalled = rows.with_columns(
        projection_status=pl.when(last).then(pl.lit("not_at_current_pace")).otherwise(pl.col("projection_status"))
    )
    figure = charts.coverage_trend(stalled, "id")

    assert _named(figure, "projection_arrival") == []
    sentences = _named(figure, "projection_sentence")
    assert len(sentences) == 1 and sentences[0].startswith("Kota Pontianak: ")
    assert "Proyeksi Kota Pontianak" not in [trace.name for trace in figure.data]


def _pixels(png: bytes) -> np.ndarray:
    with Image.open(io.BytesIO(png)) as image:
        return np.asarray(image.convert("RGB"), dtype=np.int16)


def test_the_event_line_stands_in_the_png_where_its_day_falls(store_copy):
    plain = _load(store_copy, JANUARY_2026)
    with Store.open(store_copy) as store:
        events.add_event(store, "61.71", UHC_PRIORITAS, "UHC Prioritas")
    marked = _load(store_copy, JANUARY_2026)
    pictures = [
        _pixels(report.press_chart_png(cm, report.press_charts(cm, "id")[0], "id", "1600x900"))
        for cm in (plain, marked)
    ]
    press = export.press_figure(
        report.press_charts(marked, "id")[0].figure,
        title="",
        subtitle="",
        branding=marked.branding,
        vintage=marked.vintage,
        language="id",
    )
    # where 1 June 2025 falls: the plot's left edge plus the day's share of the axis range, at 2x scale
    first, last = (dt.datetime.fromisoformat(str(v)) for v in press.layout.xaxis.range)
    share = (dt.datetime(2025, 6, 1) - first) / (last - first)
    left, plot_width = press.layout.margin.l, 1600 - press.layout.margin.l - press.layout.margin.r
    expected_x = round((left + share * plot_width) * export.SCALE)
    top, bottom = int(press.layout.margin.t * 2), int(1800 - press.layout.margin.b * 2)

    # the event's grey (#555555) runs down the plot in the columns at its day, and only in the marked picture
    grey = (np.abs(pictures[1] - np.array([0x55, 0x55, 0x55])).sum(axis=2) < 40)[top:bottom]
    column_share = grey[:, expected_x - 4 : expected_x + 5].any(axis=1).mean()
    assert column_share > 0.6
    plain_grey = (np.abs(pictures[0] - np.array([0x55, 0x55, 0x55])).sum(axis=2) < 40)[top:bottom]
    assert plain_grey[:, expected_x - 4 : expected_x + 5].any(axis=1).mean() < 0.1


def test_the_small_multiples_give_each_kecamatan_a_panel_and_highlight_the_chosen_one(demo_store_path):
    with Store.open(demo_store_path, read_only=True) as store:
        rows = gap.gap_all_months(store, "kecamatan", "61.71")
    figure = charts.kecamatan_small_multiples(rows, "id", "61.71.04", "Kota Pontianak")

    # six kecamatan in name order, each with its January 2026 coverage (Utara 134.258 / 142.782 = 94,03%)
    titles = _named(figure, "panel_title")
    assert len(titles) == 6
    assert titles[0] == "<b>Pontianak Barat</b> 99,73%"
    utara = [trace for trace in figure.data if trace.name == "Pontianak Utara"]
    assert len(utara) == 1 and utara[0].line.color == charts.COLOUR_KECAMATAN
    assert titles[5] == "<b>Pontianak Utara</b> 94,03%"
    barat = [trace for trace in figure.data if trace.name == "Pontianak Barat"]
    assert barat[0].line.color == charts.COLOUR_CITY
    # each panel: 5 other kecamatan in grey, its target and its own line
    assert len(figure.data) == 6 * 7
    assert sum(1 for t in figure.data if t.line.color == charts.COLOUR_OTHERS) == 30
    # one shared axis for all panels: from the lowest value (Utara, January 2022: 83.445 / 136.410 =
    # 61,17%) less 3 points, down to a multiple of 5 (55), to the highest (Kota, November 2025:
    # 129.964 / 126.325 = 102,88%) plus 2 points
    ranges = {figure.layout[f"yaxis{n}"].range for n in ("", "2", "6")}
    assert len(ranges) == 1
    low, high = ranges.pop()
    assert (low, high) == (55, pytest.approx(129_964 / 126_325 * 100 + 2))


def test_a_highlighted_kecamatan_stands_out_in_the_ranking_and_the_map(demo_store_path):
    january = _load(demo_store_path, JANUARY_2026)
    charts_of = {c.stem: c for c in report.press_plan(january, "id", highlight_code="61.71.02")[0]}

    bars = charts_of["peringkat-kecamatan"].figure.data[0]
    colours = dict(zip((label.split("<br>")[0] for label in bars.y), bars.marker.color, strict=True))
    assert colours["Pontianak Timur"] == charts.COLOUR_KECAMATAN
    assert {colour for name, colour in colours.items() if name != "Pontianak Timur"} == {charts.COLOUR_CITY}
    outline = [t for t in charts_of["peta-kecamatan"].figure.data if t.name == "highlight"]
    assert len(outline) == 1 and list(outline[0].locations) == ["61.71.02"]
    assert outline[0].marker.line.width == 4
    # without a highlight: one colour, no outline
    plain = {c.stem: c for c in report.press_plan(january, "id")[0]}
    assert plain["peringkat-kecamatan"].figure.data[0].marker.color == tuple([charts.COLOUR_CITY] * 6)
    assert "highlight" not in [t.name for t in plain["peta-kecamatan"].figure.data]


def test_a_highlight_that_is_no_kecamatan_of_the_city_is_refused(demo_store_path, tmp_path):
    done = uhc(
        "--db", demo_store_path, "export", "charts", "--period", "2026-01", "--out", tmp_path / "x",
        "--highlight", "Sungai Jawi",
    )  # fmt: skip

    assert done.returncode == 2
    assert done.stderr.startswith(
        "uhc: --highlight 'Sungai Jawi' is no kecamatan of Kota Pontianak this month; there are: 61.71.01 Pontianak Selatan,"
    )
    assert not (tmp_path / "x").exists()


def test_on_screen_the_small_multiples_stand_two_a_row_with_wrapped_titles(demo_store_path):
    with Store.open(demo_store_path, read_only=True) as store:
        rows = gap.gap_all_months(store, "kecamatan", "61.71")
    figure = charts.kecamatan_small_multiples(rows, "id", None, "Kota Pontianak", columns=charts.SCREEN_COLUMNS)

    titles = _named(figure, "panel_title")
    # name over value; Pontianak Tenggara (18 characters) wraps at 16
    assert titles[0] == "<b>Pontianak Barat</b><br>99,73%"
    assert titles[3].startswith("<b>Pontianak<br>Tenggara</b><br>")
    # two columns: panels 1, 3, 5 on the left, 2, 4, 6 on the right, three rows
    lefts = {figure.layout[f"xaxis{n}"].domain[0] for n in ("", "3", "5")}
    rights = {figure.layout[f"xaxis{n}"].domain[0] for n in ("2", "4", "6")}
    assert lefts == {0.0} and len(rights) == 1 and rights.pop() > 0.5
    assert len({figure.layout[f"yaxis{n}"].domain for n in ("", "3", "5")}) == 3
    # each panel's months: Jan 2022, Jan 2024, Jan 2026 (five Januaries, every 2nd), upright
    assert list(figure.layout.xaxis5.ticktext) == ["Jan<br>2022", "Jan<br>2024", "Jan<br>2026"]
    assert figure.layout.xaxis5.tickangle == 0


def _near_black_pixels(png: bytes) -> int:
    """How many pixels of ``png`` are the highlight outline's near-black (maps.HIGHLIGHT_COLOUR #1a1a1a)."""
    with Image.open(io.BytesIO(png)) as picture:
        rgb = np.asarray(picture.convert("RGB"), dtype=np.int16)
    return int((np.abs(rgb - 0x1A).max(axis=2) <= 12).sum())


def test_the_highlight_s_outline_is_in_the_map_png(demo_store_path):
    """The map PNG made with a pick (the dashboard's "Unduh PNG" with "Sorot wilayah") draws the outline."""
    from uhc.output import maps

    january = _load(demo_store_path, JANUARY_2026)
    picked = {c.stem: c for c in report.press_plan(january, "id", highlight_code="61.71.02")[0]}["peta-kecamatan"]
    plain = {c.stem: c for c in report.press_plan(january, "id")[0]}["peta-kecamatan"]
    assert maps.HIGHLIGHT_COLOUR == "#1a1a1a"

    with_outline = _near_black_pixels(report.press_chart_png(january, picked, "id", "1600x900"))
    without = _near_black_pixels(report.press_chart_png(january, plain, "id", "1600x900"))

    # A 4 px line (8 px at scale 2) round Pontianak Timur, some thousand pixels long on the picture;
    # the plain map has near-black only in text. At least 2.000 more such pixels with the outline.
    assert with_outline - without > 2_000


def _label_boxes(framed) -> dict[str, tuple[float, float, float, float]]:
    """The end label's and the arrival label's boxes (x0, y0, x1, y1) in layout pixels, y up from the bottom.

    The frame sets the margins in pixels (autoexpand off), so the plot area is the figure less them;
    a box's size is its text measured in the charts' font (labels.Text: DejaVu Sans bold, wider
    than the arrival's plain text) plus Plotly's 1 px border pad.
    """
    layout = framed.layout
    left, right, top, bottom = layout.margin.l, layout.margin.r, layout.margin.t, layout.margin.b
    plot_w, plot_h = layout.width - left - right, layout.height - top - bottom
    x0, x1 = (dt.date.fromisoformat(str(value)[:10]) for value in layout.xaxis.range)
    y0, y1 = layout.yaxis.range
    boxes = {}
    for annotation in layout.annotations:
        if annotation.name not in ("latest_value", "projection_arrival"):
            continue
        text = annotation.text.replace("<b>", "").replace("</b>", "")
        width, height = labels.Text((text,)).size_px(annotation.font.size)
        width, height = width + 2, height + 2
        day = dt.date.fromisoformat(str(annotation.x)[:10])
        x = left + (day - x0).days / (x1 - x0).days * plot_w
        y = bottom + (annotation.y - y0) / (y1 - y0) * plot_h + annotation.yshift
        box_left = x - width if annotation.xanchor == "right" else x
        box_bottom = y - height if annotation.yanchor == "top" else y
        boxes[annotation.name] = (box_left, box_bottom, box_left + width, box_bottom + height)
    return boxes


def _apart(first, second) -> bool:
    return first[2] < second[0] or second[2] < first[0] or first[3] < second[1] or second[3] < first[1]


def _near_arrival(rows: pl.DataFrame, coverage_pct: float) -> pl.DataFrame:
    """The demo's February 2025 rows with the last month at ``coverage_pct`` and 98% projected a month after."""
    last = pl.int_range(pl.len()) == pl.len() - 1
    return rows.with_columns(
        coverage_pct=pl.when(last).then(coverage_pct).otherwise(pl.col("coverage_pct")),
        projected_target_period=pl.when(last)
        .then(pl.lit(dt.date(2025, 3, 1)))
        .otherwise(pl.col("projected_target_period")),
    )


@pytest.mark.parametrize("size", ["1600x900", "1080x1080", "1200x1500"])
@pytest.mark.parametrize("last_pct", [None, 97.6, 96.5, 95.0, 93.0], ids=["demo", "0,4", "1,5", "3", "5"])
def test_the_latest_value_and_the_arrival_label_never_touch(demo_store_path, size, last_pct):
    # Before: the latest value stood above the line's end (8 px up, 14 px text) and the arrival label
    # hung under the 98% star (10 px down, 13 px text), both reaching left from about the same x when
    # 98% is a month away: they met whenever 98% was some 18 to 58 px above the last value, 1,5 to 5
    # points on a plot of about 16 px a point (65%-103% in 600 px).
    february = _load(demo_store_path, FEBRUARY_2025)
    rows = february.city_trend if last_pct is None else _near_arrival(february.city_trend, last_pct)
    figure = charts.coverage_trend(rows, "id")
    framed = export.press_figure(
        figure,
        title="Cakupan",
        subtitle="Kota Pontianak",
        branding=february.branding,
        vintage=february.vintage,
        language="id",
        size=size,
    )
    boxes = _label_boxes(framed)

    assert set(boxes) == {"latest_value", "projection_arrival"}
    assert _apart(boxes["latest_value"], boxes["projection_arrival"])
    # and both stay inside the plot area across the figure's width
    assert all(box[0] >= 0 and box[2] <= framed.layout.width for box in boxes.values())
