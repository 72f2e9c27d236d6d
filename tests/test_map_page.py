"""The map page (pages/peta.py) and the overview's small map through Streamlit's AppTest.

Renders on the demo, empty and missing stores are covered for every page by tests/test_pages.py.
Demo figures (uhc/store/demo.py): January 2026 Pontianak Utara (61.71.04) 134.258 registered of 142.782
residents = 94,03%; June 2025 the city 674.242 of 687.031 = 98,14%.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from uhc.store.db import Store

DASHBOARD = Path(__file__).resolve().parents[1] / "dashboard.py"
MAP_PAGE = "pages/peta.py"
RUN_TIMEOUT_S = 60


def open_map(monkeypatch: pytest.MonkeyPatch, db: Path, page: str = MAP_PAGE, **link: str) -> AppTest:
    """The dashboard on ``db`` (opened from a link with ``link`` in its query string), switched to ``page``."""
    monkeypatch.setenv("UHC_DB", str(db))
    at = AppTest.from_file(str(DASHBOARD), default_timeout=RUN_TIMEOUT_S)
    at.query_params.update(link)
    at.run()
    return at.switch_page(page).run()


def map_charts(at: AppTest) -> list[dict]:
    """The Plotly figures on the page (as the browser receives them)."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def locations(figure: dict) -> list[str]:
    """The regions a map draws, in trace order."""
    return [code for trace in figure["data"] if trace["type"] == "choropleth" for code in trace["locations"]]


def legend(figure: dict) -> list[str]:
    return [trace["name"] for trace in figure["data"] if trace.get("showlegend")]


KECAMATAN = [f"61.71.0{n}" for n in range(1, 7)]
UTARA_KELURAHAN = ["61.71.04.1001", "61.71.04.1002", "61.71.04.1003", "61.71.04.1004"]


@pytest.fixture(scope="module")
def store_without_boundaries(demo_store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo city's figures without any region geometry (as a city before `import boundaries`)."""
    path = tmp_path_factory.mktemp("no_boundaries") / "no_boundaries.duckdb"
    shutil.copy(demo_store_path, path)
    with Store.open(path) as store, store.transaction():
        for level in ("kecamatan", "kelurahan"):
            store.execute("delete_region_geometry", scope_code="61.71", level=level, schematic_only=False)
    return path


def test_the_city_map_draws_every_kecamatan_in_policy_classes(monkeypatch, demo_store_path):
    at = open_map(monkeypatch, demo_store_path)

    assert not at.exception
    [figure] = map_charts(at)
    assert sorted(locations(figure)) == KECAMATAN
    assert legend(figure) == ["di bawah 95%", "95–98%", "≥ 98%"]
    assert at.selectbox(key="map_metric_id").value == "coverage"
    assert at.radio(key="map_level_id").value == "kecamatan"
    assert at.radio(key="map_scheme_id").value == "policy"
    assert at.checkbox(key="map_basemap").value is False
    # the demo draws Pontianak's real boundaries: no notice of a schematic map any more
    assert not any("skematis" in caption.value for caption in at.caption)
    # the map asks Plotly for the world topojson from the project's own static folder
    assert json.loads(at.get("plotly_chart")[0].proto.config)["topojsonURL"] == "app/static/topojson/"


def test_the_kelurahan_level_draws_every_kelurahan_of_the_city(monkeypatch, demo_store_path):
    at = open_map(monkeypatch, demo_store_path)

    at.radio(key="map_level_id").set_value("kelurahan").run()

    [figure] = map_charts(at)
    assert len(locations(figure)) == 29  # Pontianak: 5 + 7 + 4 + 4 + 5 + 4 kelurahan
    assert at.subheader[0].value == "Kelurahan di Kota Pontianak"


def test_choosing_a_kecamatan_shows_its_kelurahan_and_the_breadcrumb_returns(monkeypatch, demo_store_path):
    at = open_map(monkeypatch, demo_store_path)

    at.selectbox(key="map_kecamatan_id").set_value("61.71.04").run()

    assert not at.exception
    assert sorted(locations(map_charts(at)[0])) == UTARA_KELURAHAN
    assert at.subheader[0].value == "Kelurahan di Kecamatan Pontianak Utara"
    assert at.button(key="map_back").label == "Kota Pontianak"
    assert at.query_params["kecamatan"] == "61.71.04"
    assert not [radio for radio in at.radio if radio.key == "map_level_id"]  # a kecamatan shows kelurahan

    at.button(key="map_back").click().run()

    assert sorted(locations(map_charts(at)[0])) == KECAMATAN
    assert "kecamatan" not in at.query_params
    assert at.selectbox(key="map_kecamatan_id").value == ""


def test_a_link_to_a_kecamatan_and_month_opens_its_kelurahan_then(monkeypatch, demo_store_path):
    at = open_map(monkeypatch, demo_store_path, kecamatan="61.71.04", bulan="2025-06")

    assert sorted(locations(map_charts(at)[0])) == UTARA_KELURAHAN
    assert at.title[0].value == "Peta cakupan Kota Pontianak, Juni 2025"
    assert at.select_slider(key="map_period_id").value == dt.date(2025, 6, 1)


def test_the_month_slider_moves_the_sidebar_month(monkeypatch, demo_store_path):
    at = open_map(monkeypatch, demo_store_path)

    at.select_slider(key="map_period_id").set_value(dt.date(2025, 6, 1)).run()

    assert not at.exception
    assert at.sidebar.selectbox(key="period_id").value == dt.date(2025, 6, 1)
    assert at.title[0].value == "Peta cakupan Kota Pontianak, Juni 2025"
    assert at.query_params["bulan"] == "2025-06"
    # and the sidebar moves the slider
    at.sidebar.selectbox(key="period_id").set_value(dt.date(2025, 2, 1)).run()
    assert at.select_slider(key="map_period_id").value == dt.date(2025, 2, 1)


def test_the_month_reaches_the_overview(monkeypatch, demo_store_path):
    at = open_map(monkeypatch, demo_store_path)
    at.select_slider(key="map_period_id").set_value(dt.date(2025, 6, 1)).run()

    at.switch_page("pages/ringkasan.py").run()

    # 674.242 / 687.031 = 98,1385%
    assert at.title[0].value == "Cakupan JKN Kota Pontianak, Juni 2025"
    assert {metric.label: metric.value for metric in at.metric}["Cakupan kepesertaan"] == "98,14%"


def test_hover_shows_the_coverage_in_the_ui_language(monkeypatch, demo_store_path):
    at = open_map(monkeypatch, demo_store_path)
    utara_id = next(t for t in map_charts(at)[0]["data"] if "61.71.04" in t.get("locations", []))

    at.radio(key="language").set_value("en").run()
    utara_en = next(t for t in map_charts(at)[0]["data"] if "61.71.04" in t.get("locations", []))

    # 134.258 / 142.782 = 94,0301%
    assert utara_id["customdata"][0][3] == "94,03%"
    assert utara_en["customdata"][0][3] == "94.03%"
    assert "Kemendagri code" in utara_en["hovertemplate"]


def test_the_language_switch_changes_the_labels_and_keeps_the_choices(monkeypatch, demo_store_path):
    at = open_map(monkeypatch, demo_store_path)
    at.selectbox(key="map_metric_id").set_value("active_coverage").run()
    at.radio(key="map_level_id").set_value("kelurahan").run()

    at.radio(key="language").set_value("en").run()

    assert not at.exception
    metric = at.selectbox(key="map_metric_en")
    assert metric.label == "Measure"
    assert metric.value == "active_coverage"
    assert metric.format_func("coverage") == "Coverage"
    level = at.radio(key="map_level_en")
    assert (level.label, level.value) == ("Level", "kelurahan")
    assert at.checkbox(key="map_basemap").label == "Street map"
    assert legend(map_charts(at)[0]) == ["below 95%", "95–98%", "≥ 98%"]
    assert at.title[0].value == "Coverage map, Kota Pontianak, January 2026"


def test_a_measure_without_policy_classes_is_coloured_by_quartile(monkeypatch, demo_store_path):
    at = open_map(monkeypatch, demo_store_path)

    at.selectbox(key="map_metric_id").set_value("people_needed").run()

    assert not [radio for radio in at.radio if radio.key == "map_scheme_id"]
    assert any("kuartil" in caption.value for caption in at.caption)
    # January 2026: 1.870 (Pontianak Timur) and 5.669 (Pontianak Utara) to enrol, the rest 0
    assert legend(map_charts(at)[0]) == ["0", "1.870 – 5.669"]


def test_the_tile_basemap_switches_to_a_tile_map(monkeypatch, demo_store_path):
    at = open_map(monkeypatch, demo_store_path)

    at.checkbox(key="map_basemap").check().run()

    [figure] = map_charts(at)
    assert {trace["type"] for trace in figure["data"]} == {"choroplethmap", "scattermap"}
    assert figure["layout"]["map"]["style"] == "open-street-map"


def test_a_city_without_boundaries_says_how_to_import_them_and_shows_the_figures(monkeypatch, store_without_boundaries):
    at = open_map(monkeypatch, store_without_boundaries)

    assert not at.exception
    assert not at.get("plotly_chart")
    [notice] = [info.value for info in at.info if "boundaries" in info.value]
    assert notice.startswith("Belum ada batas wilayah kecamatan untuk Kota Pontianak")
    assert "`python -m uhc import boundaries BERKAS`" in notice
    assert len(at.dataframe) == 1
    assert len(at.dataframe[0].value) == 6


def test_the_overview_has_a_small_kecamatan_map(monkeypatch, demo_store_path):
    at = open_map(monkeypatch, demo_store_path, page="pages/ringkasan.py")

    [figure] = map_charts(at)
    assert sorted(locations(figure)) == KECAMATAN
    assert figure["layout"]["dragmode"] is False
    assert json.loads(at.get("plotly_chart")[0].proto.config)["displayModeBar"] is False


def test_the_overview_of_a_city_without_boundaries_has_no_map(monkeypatch, store_without_boundaries):
    at = open_map(monkeypatch, store_without_boundaries, page="pages/ringkasan.py")

    assert not at.exception
    assert not at.get("plotly_chart")


def highlight_outlines(figure: dict) -> list[str]:
    """The regions a map outlines as picked (the trace maps.HIGHLIGHT_TRACE)."""
    return [code for trace in figure["data"] if trace.get("name") == "highlight" for code in trace["locations"]]


def highlighted_rows(at: AppTest) -> set[int]:
    """The 0-based rows of the page's table drawn with the highlight style (the Styler's CSS selectors)."""
    styles = at.dataframe[0].proto.arrow_data.styler.styles
    return {int(row) for row in re.findall(r"_row(\d+)_col0\b", styles)} if "#fff1a8" in styles else set()


def test_a_kecamatan_picked_on_the_map_page_stands_out_there_and_on_the_overview(monkeypatch, demo_store_path):
    at = open_map(monkeypatch, demo_store_path)
    box = at.selectbox(key="map_highlight_61.71_kecamatan_id")
    # none picked at first: no outline, no row singled out
    assert box.value == "" and box.options[0] == "Tidak ada"
    assert highlight_outlines(map_charts(at)[0]) == []
    assert highlighted_rows(at) == set()

    box.set_value("61.71.02").run()  # Pontianak Timur

    assert not at.exception
    assert highlight_outlines(map_charts(at)[0]) == ["61.71.02"]
    # the map page's table keeps the gap rows' order (kemendagri code): 61.71.02 is the second row
    assert highlighted_rows(at) == {1}

    at.switch_page("pages/ringkasan.py").run()
    assert not at.exception
    assert at.selectbox(key="overview_highlight_id").value == "61.71.02"
    [small_map] = map_charts(at)
    assert highlight_outlines(small_map) == ["61.71.02"]
    # the overview's table is ranked by people needed, most first: Timur's row is where the ranking puts it
    ranked = at.dataframe[0].value
    assert highlighted_rows(at) == {list(ranked.iloc[:, 0]).index("Pontianak Timur")}
