"""The trend chart builders: on small frames written out here and on the demo store, with figures worked by hand.

Demo figures come from the published Kota Pontianak numbers the demo reproduces (uhc/store/demo.py) and
the national parameters of migration 0003: the target is 98% from 2020 on; the UHC criterion is
95% coverage and 75% activity until 2023, 98% and 80% from January 2024.
"""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import plotly.io as pio
import polars as pl
import pytest
import streamlit  # noqa: F401  (as in the dashboard: it makes Plotly's default template "streamlit")

from uhc.core import gap
from uhc.output import charts

D = dt.date
CITY = "61.71"


def months_from(first: dt.date, count: int) -> list[dt.date]:
    index = first.year * 12 + first.month - 1
    return [D((index + i) // 12, (index + i) % 12 + 1, 1) for i in range(count)]


def gap_rows(name: str, first: dt.date, coverage_pct: list[float | None], **columns) -> pl.DataFrame:
    """One region's gap rows from ``first``, one a month: 1.000 residents, 98% target and criterion."""
    count = len(coverage_pct)
    rows = {
        "kemendagri_code": ["61.71"] * count,
        "name": [name] * count,
        "period": months_from(first, count),
        "population": [1_000] * count,
        "registered": [None if c is None else round(c * 10) for c in coverage_pct],
        "active": [800] * count,
        "coverage_pct": coverage_pct,
        "activity_pct": [80.0] * count,
        "target_pct": [98.0] * count,
        "min_coverage_pct": [98.0] * count,
        "min_activity_pct": [80.0] * count,
        "population_as_of": [D(2024, 12, 31)] * count,
        "pace_pp_per_month": [None] * count,
        "projection_status": ["insufficient_history"] * count,
        "projected_target_period": [None] * count,
    }
    return pl.DataFrame(
        rows | columns, schema_overrides={"projected_target_period": pl.Date, "pace_pp_per_month": pl.Float64}
    )


def trace(figure: go.Figure, name: str) -> go.Scatter:
    """The one trace called ``name``."""
    found = [t for t in figure.data if t.name == name]
    assert len(found) == 1, [t.name for t in figure.data]
    return found[0]


def y_at(scatter: go.Scatter, month: dt.date) -> float | None:
    return scatter.y[list(scatter.x).index(month)]


# -- month axis ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "language", "expected"),
    [
        (D(2025, 4, 1), D(2025, 8, 1), "id", ["Apr 2025", "Mei 2025", "Jun 2025", "Jul 2025", "Agu 2025"]),
        (D(2025, 4, 1), D(2025, 8, 1), "en", ["Apr 2025", "May 2025", "Jun 2025", "Jul 2025", "Aug 2025"]),
        (D(2025, 10, 1), D(2025, 12, 1), "id", ["Okt 2025", "Nov 2025", "Des 2025"]),
        (D(2025, 3, 1), D(2025, 3, 1), "en", ["Mar 2025"]),
        # 49 months: every 6th month, on January and July
        (
            D(2022, 1, 1),
            D(2026, 1, 1),
            "id",
            [f"{m} {y}" for y in range(2022, 2026) for m in ("Jan", "Jul")] + ["Jan 2026"],
        ),
        # 61 months would be 11 ticks at 6 months: every January instead
        (D(2022, 1, 1), D(2027, 1, 1), "en", [f"Jan {y}" for y in range(2022, 2028)]),
        # 15 months: every 2nd month, on January, March, May...
        (
            D(2024, 11, 1),
            D(2026, 1, 1),
            "id",
            ["Nov 2024", "Jan 2025", "Mar 2025", "Mei 2025", "Jul 2025", "Sep 2025", "Nov 2025", "Jan 2026"],
        ),
    ],
)
def test_month_ticks_are_named_in_the_ui_language(first, last, language, expected):
    months, labels = charts.month_ticks(first, last, language)

    assert labels == expected
    assert len(months) == len(labels) <= charts.MAX_MONTH_TICKS
    assert all(first <= month <= last for month in months)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("id", ["Apr 2025", "Mei 2025", "Jun 2025", "Jul 2025", "Agu 2025"]),
        ("en", ["Apr 2025", "May 2025", "Jun 2025", "Jul 2025", "Aug 2025"]),
    ],
)
@pytest.mark.parametrize("builder", ["coverage", "activity", "segments"])
def test_every_figure_labels_its_months_in_the_ui_language(builder, language, expected):
    figure = build(builder, gap_rows("Kota Contoh", D(2025, 4, 1), [90.0, 91.0, 92.0, 93.0, 94.0]), language)

    assert list(figure.layout.xaxis.ticktext) == expected
    assert list(figure.layout.xaxis.tickvals) == months_from(D(2025, 4, 1), 5)


def segments_of(rows: pl.DataFrame) -> pl.DataFrame:
    """Segment rows matching gap rows: registered split 40/20/20/15/5 (all present)."""
    registered = rows["registered"]
    return rows.select("kemendagri_code", "period", "registered").with_columns(
        pbi_apbn_registered=registered * 40 // 100,
        pbi_apbd_registered=registered * 20 // 100,
        ppu_registered=registered * 20 // 100,
        pbpu_registered=registered * 15 // 100,
        bp_registered=registered - registered * 95 // 100,
    )


def build(builder: str, rows: pl.DataFrame, language: str) -> go.Figure:
    if builder == "coverage":
        return charts.coverage_trend(rows, language)
    if builder == "activity":
        return charts.activity_trend(rows, language)
    return charts.segment_trend(segments_of(rows), rows["name"][0], language)


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("builder", ["coverage", "activity", "segments"])
def test_every_figure_is_on_the_shared_template_not_streamlits(builder, language):
    assert pio.templates.default == "streamlit"  # streamlit is imported, as in the dashboard
    figure = build(builder, gap_rows("Kota Contoh", D(2025, 4, 1), [90.0, 91.0]), language)

    assert figure.layout.template == charts.TEMPLATE
    assert figure.layout.separators == {"id": ",.", "en": ".,"}[language]


@pytest.mark.parametrize("builder", ["coverage", "activity", "segments"])
def test_a_figure_without_rows_says_so(builder):
    empty = gap_rows("Kota Contoh", D(2025, 4, 1), [90.0]).clear()
    figure = (
        charts.segment_trend(segments_of(empty), "Kota Contoh", "id")
        if builder == "segments"
        else build(builder, empty, "id")
    )

    assert figure.data == ()
    assert [a.text for a in figure.layout.annotations] == ["Tidak ada data untuk digambar."]
    assert figure.layout.template == charts.TEMPLATE


# -- coverage -----------------------------------------------------------------------------------


def test_coverage_lines_of_the_city_and_the_kecamatan_with_hovers_in_indonesian():
    city = gap_rows("Kota Contoh", D(2025, 4, 1), [96.5, 97.25, 98.1385])
    kecamatan = gap_rows("Kecamatan Satu", D(2025, 4, 1), [90.0, None, 91.5], population=[1_000, None, 1_000])

    figure = charts.coverage_trend(city, "id", kecamatan)

    assert list(trace(figure, "Kota Contoh").y) == [96.5, 97.25, 98.1385]
    # a month without population is a gap in the line, not a zero
    assert list(trace(figure, "Kecamatan Satu").y) == [90.0, None, 91.5]
    assert trace(figure, "Kota Contoh").customdata[2][0] == (
        "<b>Kota Contoh</b>, Juni 2025<br>Cakupan 98,14%<br>981 terdaftar dari 1.000 penduduk"
    )
    assert trace(figure, "Kecamatan Satu").customdata[1][0] == (
        "<b>Kecamatan Satu</b>, Mei 2025<br>Cakupan –<br>– terdaftar dari – penduduk"
    )
    assert figure.layout.title.text == "Cakupan kepesertaan JKN, Kota Contoh dan Kecamatan Satu"


def test_coverage_hovers_in_english():
    figure = charts.coverage_trend(gap_rows("Kota Contoh", D(2025, 6, 1), [98.1385]), "en")

    assert trace(figure, "Kota Contoh").customdata[0][0] == (
        "<b>Kota Contoh</b>, June 2025<br>Coverage 98.14%<br>981 registered of 1,000 residents"
    )
    assert figure.layout.title.text == "JKN coverage, Kota Contoh"


def test_target_steps_where_it_changes_and_the_uhc_band_starts_at_the_criterion_in_force():
    city = gap_rows(
        "Kota Contoh",
        D(2023, 11, 1),
        [90.0, 91.0, 92.0, 93.0],
        target_pct=[95.0, 95.0, 98.0, 98.0],
        min_coverage_pct=[95.0, 95.0, 98.0, 98.0],
    )

    figure = charts.coverage_trend(city, "id")

    target = trace(figure, "Target cakupan")
    assert list(target.x) == months_from(D(2023, 11, 1), 4)
    assert list(target.y) == [95.0, 95.0, 98.0, 98.0]
    assert target.line.shape == "hv"  # a step, held until the next change
    assert target.customdata[2][0] == "Target cakupan Januari 2024: 98%"
    lower, upper = [t for t in figure.data if t.name == "Zona UHC (cakupan ≥ syarat)"]
    assert list(lower.y) == [95.0, 95.0, 98.0, 98.0]
    assert lower.line.shape == "hv"
    assert lower.customdata[0][0] == "Syarat UHC November 2023: cakupan ≥ 95%"
    # the band is filled from the criterion up to the top of the plot: 100% + 2 points of room
    assert upper.fill == "tonexty"
    assert list(upper.y) == [102.0] * 4
    # the foot: the lowest value drawn (90%) less 3 points is 87, down to a
    # multiple of 5, said on the chart since the axis does not start at 0
    assert list(figure.layout.yaxis.range) == [85, 102.0]
    assert "Sumbu mulai dari 85%, bukan 0" in [a.text for a in figure.layout.annotations]
    assert "Zona UHC (cakupan ≥ syarat)" in [a.text for a in figure.layout.annotations]


def test_projection_runs_from_the_last_month_to_the_target_in_the_projected_month():
    # 94% in June 2025 at +0,5 points a month: (98 - 94) / 0,5 = 8 months -> February 2026
    city = gap_rows(
        "Kota Contoh",
        D(2025, 5, 1),
        [93.5, 94.0],
        pace_pp_per_month=[None, 0.5],
        projection_status=["insufficient_history", "projected"],
        projected_target_period=[None, D(2026, 2, 1)],
    )

    figure = charts.coverage_trend(city, "id")

    projection = trace(figure, "Proyeksi Kota Contoh")
    assert list(projection.x) == [D(2025, 6, 1), D(2026, 2, 1)]
    assert list(projection.y) == [94.0, 98.0]
    assert projection.line.dash == "dash"
    assert projection.customdata[1][0] == (
        "<b>Kota Contoh</b>: dengan laju +0,50 poin per bulan, target 98% tercapai pada Februari 2026"
    )
    # the target and the band go on to the projected month, and so does the axis
    assert list(trace(figure, "Target cakupan").x) == [D(2025, 5, 1), D(2025, 6, 1), D(2026, 2, 1)]
    assert list(figure.layout.xaxis.range) == [D(2025, 4, 16), D(2026, 2, 16)]


@pytest.mark.parametrize("status", ["reached", "not_at_current_pace", "insufficient_history", "no_data"])
def test_no_projection_is_drawn_unless_one_is_projected(status):
    city = gap_rows("Kota Contoh", D(2025, 5, 1), [93.5, 94.0], projection_status=[status, status])

    figure = charts.coverage_trend(city, "id")

    assert [t.name for t in figure.data if t.name.startswith("Proyeksi")] == []
    assert figure.layout.xaxis.range[1] == D(2025, 6, 16)


def test_semester_markers_sit_where_the_population_figure_changes():
    city = gap_rows(
        "Kota Contoh",
        D(2025, 4, 1),
        [96.0, 96.5, 96.1, 96.4, 96.7],
        population=[1_000, 1_000, 1_010, 1_010, 1_010],
        population_as_of=[D(2024, 12, 31), D(2024, 12, 31), D(2025, 6, 30), D(2025, 6, 30), D(2025, 6, 30)],
    )

    figure = charts.coverage_trend(city, "id")

    markers = trace(figure, "Data penduduk baru (Dukcapil)")
    assert list(markers.x) == [D(2025, 6, 1)]
    # at the foot of the plot (96 - 3 = 93, down to a multiple of 5: 90), 4% up its height:
    # 90 + 0,04 x (102 - 90) = 90,48
    assert list(figure.layout.yaxis.range) == [90, 102.0]
    assert markers.y == pytest.approx([90.48])
    assert markers.customdata[0][0] == "Penduduk S1 2025 (Dukcapil) mulai dipakai pada Juni 2025: 1.010 jiwa"
    # one discreet marker, no dotted line across the plot
    assert figure.layout.shapes == ()


def test_a_month_that_gains_a_population_after_months_without_is_a_change():
    city = gap_rows(
        "Kota Contoh",
        D(2025, 4, 1),
        [None, None, 96.1],
        population=[None, None, 1_010],
        population_as_of=[None, None, D(2025, 6, 30)],
    )

    assert charts.semester_changes(city)["period"].to_list() == [D(2025, 6, 1)]


# -- activity -----------------------------------------------------------------------------------


def test_activity_lines_and_the_activity_criterion_in_force():
    city = gap_rows(
        "Kota Contoh",
        D(2023, 12, 1),
        [90.0, 91.0],
        activity_pct=[78.5, 79.25],
        min_activity_pct=[75.0, 80.0],
    )
    kecamatan = gap_rows("Kecamatan Satu", D(2023, 12, 1), [88.0, 89.0], activity_pct=[81.0, 82.0])

    figure = charts.activity_trend(city, "en", kecamatan)

    assert list(trace(figure, "Kota Contoh").y) == [78.5, 79.25]
    assert list(trace(figure, "Kecamatan Satu").y) == [81.0, 82.0]
    criterion = trace(figure, "UHC activity criterion")
    assert list(criterion.y) == [75.0, 80.0]
    assert criterion.line.shape == "hv"
    assert criterion.customdata[1][0] == "UHC criterion January 2024: activity ≥ 80%"
    assert trace(figure, "Kota Contoh").customdata[1][0] == (
        "<b>Kota Contoh</b>, January 2024<br>Activity 79.25%<br>800 active of 910 registered"
    )
    assert figure.layout.title.text == "JKN activity rate, Kota Contoh and Kecamatan Satu"


# -- segments -----------------------------------------------------------------------------------

SEGMENT_NAMES_ID = ["PBI APBN", "PBI APBD/Pemda", "PPU", "PBPU/Mandiri", "BP"]


def segment_frame(counts: dict[str, list[int | None]]) -> pl.DataFrame:
    """Segment rows from April 2025, one a month; registered is their sum."""
    count = len(next(iter(counts.values())))
    frame = pl.DataFrame(
        {"kemendagri_code": ["61.71"] * count, "period": months_from(D(2025, 4, 1), count)}
        | {f"{segment}_registered": values for segment, values in counts.items()},
        schema_overrides={f"{segment}_registered": pl.Int64 for segment in counts},
    )
    return frame.with_columns(registered=pl.sum_horizontal(pl.col("^.*_registered$")))


def band_top_and_bottom(scatter: go.Scatter, month: dt.date) -> tuple[int, int]:
    """A band's top (first visit of the month, along the top) and bottom (the second, on the way back)."""
    xs = list(scatter.x)
    first = xs.index(month)
    second = xs.index(month, first + 1)
    return scatter.y[first], scatter.y[second]


def test_segments_stack_in_order_with_their_names_and_shares():
    counts = {"pbi_apbn": [400, 410], "pbi_apbd": [200, 210], "ppu": [250, 240], "pbpu": [100, 95], "bp": [50, 45]}

    figure = charts.segment_trend(segment_frame(counts), "Kota Contoh", "id")

    assert [t.name for t in figure.data] == SEGMENT_NAMES_ID
    # May 2025: 410 | 410+210=620 | 620+240=860 | 860+95=955 | 955+45=1.000 registered
    assert [band_top_and_bottom(t, D(2025, 5, 1)) for t in figure.data] == [
        (410, 0),
        (620, 410),
        (860, 620),
        (955, 860),
        (1_000, 955),
    ]
    assert figure.data[2].customdata[1][0] == "<b>PPU</b>, Mei 2025<br>240 peserta (24,00% dari yang terdaftar)"
    assert figure.layout.title.text == "Peserta terdaftar menurut segmen, Kota Contoh"


def test_segment_names_in_english():
    counts = {"pbi_apbn": [1], "pbi_apbd": [1], "ppu": [1], "pbpu": [1], "bp": [1]}

    figure = charts.segment_trend(segment_frame(counts), "Kota Contoh", "en")

    assert [t.name for t in figure.data] == [
        "PBI APBN (central government)",
        "PBI APBD (local government)",
        "PPU (employees)",
        "PBPU (self-paying)",
        "BP (non-workers)",
    ]


def test_a_month_with_a_missing_segment_is_a_gap_not_a_zero():
    # PPU is missing in May: its band and those stacked on it break there; those below it do not.
    counts = {
        "pbi_apbn": [400, 400, 400],
        "pbi_apbd": [200, 200, 200],
        "ppu": [250, None, 250],
        "pbpu": [100, 100, 100],
        "bp": [50, 50, 50],
    }

    figure = charts.segment_trend(segment_frame(counts), "Kota Contoh", "id")

    april, may, june = months_from(D(2025, 4, 1), 3)
    pbi_apbn, _, ppu, pbpu, _ = figure.data
    assert list(pbi_apbn.x) == [april, may, june, june, may, april, None]
    assert list(pbi_apbn.y) == [400, 400, 400, 0, 0, 0, None]
    # two shapes (April, June), each a lone month, split by a break
    assert list(ppu.x) == [april, april, None, june, june, None]
    assert list(ppu.y) == [850, 600, None, 850, 600, None]
    assert may not in list(pbpu.x)
    assert pbpu.fill == "toself"


def test_segments_without_any_figure_say_so():
    counts = {"pbi_apbn": [None], "pbi_apbd": [None], "ppu": [None], "pbpu": [None], "bp": [None]}

    figure = charts.segment_trend(segment_frame(counts), "Kota Contoh", "id")

    assert figure.data == ()
    assert [a.text for a in figure.layout.annotations] == ["Tidak ada data untuk digambar."]


# -- the demo store -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_rows(demo_store_path) -> dict[str, pl.DataFrame]:
    from uhc.store.db import Store

    with Store.open(demo_store_path, read_only=True) as store:
        return {
            "city": gap.gap_all_months(store, "kota", CITY),
            "utara": gap.gap_all_months(store, "kecamatan", "61.71.04"),
            "segments": store.run("segments_by_region_month", code_length=5, scope_code=CITY, periods=None),
        }


def test_demo_city_coverage_in_june_2025_is_the_published_figure(demo_rows):
    figure = charts.coverage_trend(demo_rows["city"], "id", demo_rows["utara"])

    city = trace(figure, "Kota Pontianak")
    assert y_at(city, D(2025, 6, 1)) == pytest.approx(674_242 / 687_031 * 100)  # 98,1385%
    assert city.customdata[list(city.x).index(D(2025, 6, 1))][0] == (
        "<b>Kota Pontianak</b>, Juni 2025<br>Cakupan 98,14%<br>674.242 terdaftar dari 687.031 penduduk"
    )
    assert len(trace(figure, "Pontianak Utara").x) == 49


def test_demo_target_is_98_throughout_and_the_band_follows_the_dated_criterion(demo_rows):
    figure = charts.coverage_trend(demo_rows["city"], "id")

    target = trace(figure, "Target cakupan")
    assert list(target.x) == months_from(D(2022, 1, 1), 49)
    assert set(target.y) == {98.0}  # one target row, 98% since 2020 (migration 0003)
    lower = next(t for t in figure.data if t.name == "Zona UHC (cakupan ≥ syarat)")
    assert list(lower.y) == [95.0] * 24 + [98.0] * 25  # 95% in 2022-2023, 98% from January 2024


def test_demo_projection_in_february_2025(demo_rows):
    until_february = demo_rows["city"].filter(pl.col("period") <= D(2025, 2, 1))

    figure = charts.coverage_trend(until_february, "id")

    # February 2025: 599.996 / 682.900 = 87,8600%. February 2024: 542.359 registered (the demo's
    # line from 531.761 in December 2023 to 594.325 in December 2024, 62 of 366 days on) of
    # 677.402 = 80,0646%. Pace (87,8600 - 80,0646) / 12 = 0,6496 points a month;
    # (98 - 87,86) / 0,6496 = 15,6 -> 16 months -> June 2026.
    projection = trace(figure, "Proyeksi Kota Pontianak")
    assert list(projection.x) == [D(2025, 2, 1), D(2026, 6, 1)]
    assert projection.y[0] == pytest.approx(599_996 / 682_900 * 100)
    assert projection.y[1] == 98.0
    assert "+0,65 poin per bulan" in projection.customdata[1][0]
    # the chosen month is the end of the lines: no later month is drawn
    assert max(trace(figure, "Kota Pontianak").x) == D(2025, 2, 1)


def test_demo_semester_markers(demo_rows):
    figure = charts.coverage_trend(demo_rows["city"], "id")

    # Dukcapil semesters as of 30 June and 31 December: a June figure is used from June on, a
    # December figure from December on (uhc/store/demo.py CITY_POPULATION); January 2022 starts on S2 2021.
    changes = [D(year, month, 1) for year in (2022, 2023, 2024, 2025) for month in (6, 12)]
    markers = trace(figure, "Data penduduk baru (Dukcapil)")
    assert list(markers.x) == changes
    assert figure.layout.shapes == ()
    assert markers.customdata[6][0] == "Penduduk S1 2025 (Dukcapil) mulai dipakai pada Juni 2025: 687.031 jiwa"


def test_demo_segments_add_up_to_registered_in_june_2025(demo_rows):
    figure = charts.segment_trend(demo_rows["segments"], "Kota Pontianak", "id")

    # June 2025 (uhc/store/demo.py anchors): PBI APBN 170.100 - 2.200 x 548/762 days = 168.518; PBI APBD
    # 149.000; BP 14.000 + 2.200 x 1.247/1.461 = 15.878; PPU 0,6571 of the remaining 340.846 =
    # 223.960; PBPU 116.886. Together 674.242, the published registered count.
    bands = [band_top_and_bottom(t, D(2025, 6, 1)) for t in figure.data]
    assert [top - bottom for top, bottom in bands] == [168_518, 149_000, 223_960, 116_886, 15_878]
    assert bands[-1][0] == 674_242


@pytest.mark.parametrize("builder", ["coverage", "activity", "segments"])
def test_a_screen_chart_has_fewer_upright_month_ticks_on_two_lines(builder):
    # 49 months, January 2022 to January 2026: month_ticks puts one every 6 months (9 ticks, Jan/Jul);
    # on screen at most SCREEN_MONTH_TICKS (6): every 2nd counted back from January 2026 gives the five Januaries
    rows = gap_rows("Kota Contoh", D(2022, 1, 1), [70.0 + 0.5 * month for month in range(49)])
    press = build(builder, rows, "id")
    screen = charts.screen_figure(press)

    assert list(screen.layout.xaxis.ticktext) == [f"Jan<br>{year}" for year in range(2022, 2027)]
    assert list(screen.layout.xaxis.tickvals) == [D(year, 1, 1) for year in range(2022, 2027)]
    assert screen.layout.xaxis.tickangle == 0
    assert screen.layout.title.text is None
    # the press figure keeps its 9 ticks and its title
    assert len(press.layout.xaxis.ticktext) == 9 and press.layout.title.text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Pontianak Barat", ["Pontianak Barat"]),  # 15 characters: one line
        ("Pontianak Tenggara", ["Pontianak", "Tenggara"]),  # 18
        ("Grogol Petamburan", ["Grogol", "Petamburan"]),  # 17
        ("Kalideres", ["Kalideres"]),
    ],
)
def test_a_narrow_panel_title_wraps_at_sixteen_characters(name, expected):
    assert charts._wrapped(name, 16) == expected
