"""The registry of figures and segments (uhc.figures) against what the code makes, and a new figure.

A new figure is one entry plus its computation: the fixture ``inactive`` registers one computed
from existing columns (registered - active), and the gap rows, the CLI's columns, the map
measures, the tables, the cards and the trend charts show it without any of them being touched.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest
import streamlit as st
from command_line import GAP_KEYS
from polars.testing import assert_frame_equal
from streamlit.testing.v1 import AppTest
from test_metrics import NATIONAL, coverage, population

from uhc import figures, i18n
from uhc.cli import main as cli
from uhc.core import formats, gap, metrics, planner, summary
from uhc.output import charts, maps

REPO_ROOT = Path(__file__).resolve().parents[1]
D = dt.date
JUNE_2025 = D(2025, 6, 1)
JANUARY_2026 = D(2026, 1, 1)


def two_regions() -> pl.DataFrame:
    return metrics.gap_by_region_month(
        coverage([("61.71.01", JUNE_2025, 900, 720), ("61.71.02", JUNE_2025, 990, None)]),
        population([("61.71.01", D(2024, 12, 31), 1_000), ("61.71.02", D(2024, 12, 31), 1_000)]),
        NATIONAL,
    )


# -- the registry describes what the code makes ---------------------------------------------------


def test_a_gap_row_has_the_registry_columns_and_types():
    assert two_regions().schema == pl.Schema({f.name: f.dtype for f in figures.gap_figures()})


def test_the_worklist_has_the_registry_columns_and_types():
    chosen = planner.Scenario(iuran_idr_per_month=42_000)
    regions = planner.worklist(two_regions(), chosen)

    assert regions.schema == pl.Schema({f.name: f.dtype for f in figures.worklist_figures()})


def test_the_cli_keys_are_the_exported_figures():
    assert [f.name for f in figures.exported_figures()] == GAP_KEYS


def test_the_places_list_the_figures_they_showed_before_the_registry():
    assert [f.name for f in figures.table_figures()] == [
        "name",
        "kemendagri_code",
        "population",
        "registered",
        "coverage_pct",
        "activity_pct",
        "people_needed",
        "annual_cost_idr",
        "uhc_status",
        "active_needed",
    ]
    assert [f.key for f in figures.card_figures()] == [
        "coverage",
        "activity",
        "active_coverage",
        "people_needed",
        "annual_cost",
    ]
    # measures with policy classes (coverage against the target) come first
    assert list(maps.measures()) == ["coverage", "active_coverage", "activity", "people_needed", "coverage_change_12m"]
    assert [f.name for f in figures.charted_figures()] == ["coverage_pct", "activity_pct"]
    assert charts.plain_trend_figures() == []
    assert summary.figure_headings("en") == [
        "Population",
        "Registered",
        "Coverage",
        "Activity",
        "To enrol",
        "Cost/year",
        "To activate",
    ]


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_message_key_of_the_registry_is_written_in_both_languages(language):
    placeholders = {"months": 12, "arrears_months": 24, "target": "98%", "iuran": "Rp42.000"}
    keys = [
        key
        for figure in figures.FIGURES
        for key in (figure.label_key, figure.heading_key, figure.help_key)
        if key is not None
    ] + [segment.label_key for segment in figures.JKN_SEGMENTS]
    for key in keys:
        assert i18n.text(key, language, **placeholders).strip(), key
    for status in planner.BUDGET_STATUSES:
        assert formats.value_text(figures.figure("budget_status"), status, language)


@pytest.mark.parametrize(
    ("name", "value", "language", "shown", "short", "change"),
    [
        ("coverage_pct", 87.864, "id", "87,86%", "87,9%", "+87,86 poin"),
        ("coverage_pct", 87.864, "en", "87.86%", "87.9%", "+87.86 points"),
        ("people_needed", 687_031, "id", "687.031", "687.031", "+687.031 orang"),
        ("annual_cost_idr", 35_111_664_000, "id", "Rp35,1 miliar", "Rp35,1 miliar", "+Rp35,1 miliar"),
        ("coverage_change_12m_pp", 0.534, "id", "+0,53 poin", "+0,5 poin", "+0,53 poin"),
        ("uhc_status", "not_uhc", "en", "Not UHC", "Not UHC", "Not UHC"),
        ("budget_status", "partial", "id", "Sebagian", "Sebagian", "Sebagian"),
    ],
)
def test_a_figure_is_written_as_its_formatter_says(name, value, language, shown, short, change):
    figure = figures.figure(name)

    assert formats.value_text(figure, value, language) == shown
    assert formats.short_text(figure, value, language) == short
    assert formats.change_text(figure, value, language) == change


def test_file_headings_carry_the_unit_of_bare_numbers():
    assert formats.file_heading(figures.figure("coverage_pct"), "id") == "Cakupan (%)"
    assert formats.file_heading(figures.figure("enrolment_cost_idr"), "en", months=6) == "Cost for 6 months (Rp)"
    assert formats.file_heading(figures.figure("population"), "id") == "Penduduk"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"unit": "persons"}, "unit 'persons'"),
        ({"formatter": "euro"}, "formatter 'euro'"),
        ({"worklist": "screen"}, "worklist 'screen'"),
        ({"frame": figures.WORKLIST, "expression": pl.lit(1)}, "only a figure of the gap"),
        ({"tabled": True}, "neither a label_key nor a heading_key"),
    ],
)
def test_an_entry_that_cannot_be_shown_is_refused(change, message):
    entry = {"name": "x", "dtype": pl.Int64, "unit": figures.PEOPLE, "formatter": "number"} | change
    with pytest.raises(ValueError, match=message):
        figures.Figure(**entry)


def test_an_unknown_figure_names_the_known_ones():
    with pytest.raises(KeyError, match="coverage_pct"):
        figures.figure("coverage")


def test_segments_in_the_order_bpjs_reports_them_with_their_colours():
    assert [(s.code, s.colour, s.iuran_segment) for s in figures.JKN_SEGMENTS] == [
        ("pbi_apbn", "#1f4e79", "pbi_apbn"),
        ("pbi_apbd", "#2e86c1", "pbi_apbd"),
        ("ppu", "#48c9b0", None),  # a share of wages, not a flat iuran
        ("pbpu", "#f4d03f", "pbpu"),
        ("bp", "#af7ac5", "pbpu"),  # PBPU and BP pay the same iuran (Perpres 64/2020)
    ]
    assert figures.SEGMENTS == ("pbi_apbn", "pbi_apbd", "ppu", "pbpu", "bp")
    assert figures.pemda_segment().code == "pbi_apbd"
    assert [s.code for s in figures.quota_segments()] == ["pbi_apbd", "pbi_apbn"]


def test_segments_are_the_store_columns_and_their_iuran_is_stored(demo_store):
    rows = demo_store.run("segments_by_region_month", code_length=5, scope_code="61.71", periods=[JUNE_2025])
    stored = set(demo_store.run("iuran")["segment"])

    for kind in ("registered", "active"):
        assert [c for c in rows.columns if c.endswith(f"_{kind}") and c != kind] == [
            f"{code}_{kind}" for code in figures.SEGMENTS
        ]
    assert {s.iuran_segment for s in figures.JKN_SEGMENTS} - {None} <= stored


def test_the_segment_chart_takes_names_and_colours_from_the_registry(demo_store):
    rows = demo_store.run("segments_by_region_month", code_length=5, scope_code="61.71", periods=None)
    chart = charts.segment_trend(rows, "Kota Pontianak", "en")

    assert [(t.name, t.fillcolor) for t in chart.data] == [
        ("PBI APBN (central government)", "#1f4e79"),
        ("PBI APBD (local government)", "#2e86c1"),
        ("PPU (employees)", "#48c9b0"),
        ("PBPU (self-paying)", "#f4d03f"),
        ("BP (non-workers)", "#af7ac5"),
    ]


# -- a new figure is one entry plus its computation -----------------------------------------------

# Registered participants who are not active: computed from existing columns, named with
# existing message keys ("Peserta non-aktif", column "Non-aktif").
INACTIVE = figures.Figure(
    "inactive",
    pl.Int64,
    figures.PEOPLE,
    "number",
    label_key="plan_kpi_non_active",
    heading_key="plan_col_non_active",
    exported=True,
    tabled=True,
    card=True,
    rise_is_bad=True,
    mapped=figures.Mapped("non-aktif"),
    charted=True,
    expression=pl.col("registered") - pl.col("active"),
)


@pytest.fixture
def inactive(monkeypatch: pytest.MonkeyPatch):
    """The registry with INACTIVE added at its end; the dashboard's caches emptied before and after."""
    monkeypatch.setattr(figures, "FIGURES", (*figures.FIGURES, INACTIVE))
    st.cache_data.clear()
    yield INACTIVE
    st.cache_data.clear()


def test_a_registered_figure_is_a_column_of_the_gap_rows(inactive):
    rows = two_regions()

    assert rows.columns[-1] == "inactive"
    expected = pl.DataFrame(
        {
            "kemendagri_code": ["61.71.01", "61.71.02"],
            # 900 - 720 = 180; no active count, so no figure
            "inactive": [180, None],
        },
        schema_overrides={"inactive": pl.Int64},
    )
    assert_frame_equal(rows.select(expected.columns), expected)
    # a region without data that month gets the column too (empty)
    regions = pl.DataFrame({"kemendagri_code": ["61.71.03"], "name": ["Pontianak Barat"], "level": ["kecamatan"]})
    padded = metrics.with_regions_without_data(rows, regions, JUNE_2025)
    assert padded["inactive"].to_list() == [180, None, None]


def test_a_registered_figure_is_a_column_of_the_cli(inactive, demo_store_path, capsys):
    args = ["--db", str(demo_store_path), "gap", "--level", "kota", "--period", "2025-06"]

    assert cli.main([*args, "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert list(row) == [*GAP_KEYS, "inactive"]
    # June 2025: 674.242 registered, 540.472 active -> 133.770 not active
    assert row["inactive"] == 133_770

    assert cli.main([*args, "--format", "csv"]) == 0
    header, line = capsys.readouterr().out.splitlines()
    assert header.endswith(",uhc_status,active_needed,inactive")
    # 0,80 x 674.242 = 539.393,6 -> 539.394 active needed, fewer than the 540.472 active: 0 to activate
    assert line.endswith(",uhc,0,133770")

    assert cli.main([*args, "--lang", "id"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[1].endswith("Status UHC  Perlu diaktifkan  Non-aktif")
    # "UHC" left-aligned under "Status UHC" (10 wide), two spaces, each figure right-aligned under its
    # heading ("Perlu diaktifkan" 16 wide, "Non-aktif" 9 wide)
    assert table[2].endswith("UHC" + " " * 7 + "  " + "0".rjust(16) + "  " + "  133.770")


def test_a_registered_figure_is_a_map_measure(inactive, demo_store):
    shapes = maps.display_shapes(demo_store.run("region_geometry", scope_code="61.71", level="kecamatan"))
    rows = gap.gap_for_period(demo_store, JANUARY_2026, "kecamatan", "61.71")
    stored = demo_store.run("coverage_by_region_month", code_length=8, scope_code="61.71", periods=[JANUARY_2026])

    assert list(maps.measures())[-1] == "inactive"
    measure = maps.measures()["inactive"]
    assert (measure.label("id"), measure.file_stem, measure.policy_classes) == ("Peserta non-aktif", "non-aktif", False)
    frame, classes = maps.map_frame(shapes, rows, "inactive", "id", scheme="policy")
    # the registered minus the active of each kecamatan as the store holds them
    expected = stored.select("kemendagri_code", value=pl.col("registered") - pl.col("active"))
    assert_frame_equal(frame.select("kemendagri_code", "value").sort("kemendagri_code"), expected)
    assert [c.key for c in classes] == ["q1", "q2", "q3", "q4"]  # no policy classes: quantiles
    code, count = expected.row(0)
    assert frame.filter(pl.col("kemendagri_code") == code)["metric_text"].item() == i18n.number(count, "id")
    figure = maps.map_figure(shapes, rows, "inactive", "en")
    assert figure.layout.legend.title.text == "Non-active participants"


def test_a_registered_figure_is_a_column_of_the_gap_table_and_a_card(inactive):
    table = summary.gap_table(two_regions(), "id")

    assert table.columns[-1] == "Non-aktif"
    assert table["Non-aktif"].to_list() == ["180", "–"]
    assert summary.figure_headings("id")[-1] == "Non-aktif"

    # May 2025: 900 - 700 = 200 not active; June: 950 - 720 = 230, 30 more
    months = metrics.gap_by_region_month(
        coverage([("61.71.01", D(2025, 5, 1), 900, 700), ("61.71.01", JUNE_2025, 950, 720)]),
        population([("61.71.01", D(2024, 12, 31), 1_000)]),
        NATIONAL,
    )
    may, june = months.rows(named=True)
    rows = summary.kpi_rows(june, "id", month_before=may)
    assert [[card.key for card in row] for row in rows] == [
        ["coverage", "activity", "active_coverage"],
        ["people_needed", "annual_cost", "inactive"],
    ]
    card = rows[1][2]
    assert (card.label, card.value, card.change_month, card.delta_color) == (
        "Peserta non-aktif",
        "230",
        "+30 orang dari bulan lalu",
        "inverse",
    )


def test_a_registered_figure_is_charted_month_by_month(inactive, demo_store):
    city = gap.gap_all_months(demo_store, "kota", "61.71").filter(pl.col("period") <= JUNE_2025)

    assert charts.plain_trend_figures() == [INACTIVE]
    chart = charts.figure_trend(city, "inactive", "id")
    assert chart.layout.title.text == "Peserta non-aktif, Kota Pontianak"
    (line,) = chart.data
    assert list(line.y) == (city["registered"] - city["active"]).to_list()
    assert line.y[-1] == 133_770  # June 2025: 674.242 - 540.472
    assert line.customdata[-1][0] == "<b>Kota Pontianak</b>, Juni 2025<br>Peserta non-aktif: 133.770"


def test_the_pages_show_a_registered_figure(inactive, demo_store_path, monkeypatch):
    monkeypatch.setenv("UHC_DB", str(demo_store_path))
    at = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=60)
    at.run()

    overview = at.switch_page("pages/ringkasan.py").run()
    assert not overview.exception
    assert overview.get("metric")[-1].label == "Peserta non-aktif"

    trends = at.switch_page("pages/tren.py").run()
    assert not trends.exception
    # each chart's title is written in bold above it (uhc.ui.exports.trend_chart): the last chart's
    titles = [m.value for m in trends.markdown if m.value.startswith("**") and m.value.endswith("**")]
    assert len(titles) == len(trends.get("plotly_chart"))
    assert titles[-1] == "**Peserta non-aktif, Kota Pontianak**"

    peta = at.switch_page("pages/peta.py").run()
    assert not peta.exception
    assert peta.selectbox(key="map_metric_id").options[-1] == "Peserta non-aktif"
