"""The trends page (pages/tren.py) through Streamlit's AppTest: the kecamatan box, languages, empty states.

That the page renders on the demo, an empty and a missing store is tested for every page in
test_pages.py. Demo figures: uhc/store/demo.py (published Kota Pontianak numbers).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from uhc.store import seed
from uhc.store.db import Store

REPO_ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = REPO_ROOT / "dashboard.py"
PAGE = "pages/tren.py"
RUN_TIMEOUT_S = 60


def open_trends(monkeypatch: pytest.MonkeyPatch, db: Path, **link: str) -> AppTest:
    """The dashboard opened from a link carrying ``link`` in its query string, on the trends page."""
    monkeypatch.setenv("UHC_DB", str(db))
    at = AppTest.from_file(str(DASHBOARD), default_timeout=RUN_TIMEOUT_S)
    at.query_params.update(link)
    at.run()
    return at.switch_page(PAGE).run()


def figures(at: AppTest) -> dict[str, dict]:
    """The page's Plotly figures as JSON, by their title: written in bold above each chart, which has none."""
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    titles = [m.value[2:-2] for m in at.markdown if m.value.startswith("**") and m.value.endswith("**")]
    assert len(titles) == len(specs)
    assert not any(spec["layout"].get("title", {}).get("text") for spec in specs)  # no title inside the plot
    return dict(zip(titles, specs, strict=True))


def trace_names(spec: dict) -> list[str]:
    return [t.get("name") for t in spec["data"]]


def test_the_page_draws_the_three_charts_of_the_city(monkeypatch, demo_store_path):
    at = open_trends(monkeypatch, demo_store_path)

    assert not at.exception
    assert at.title[0].value == "Tren cakupan JKN Kota Pontianak sampai Januari 2026"
    assert list(figures(at)) == [
        "Cakupan kepesertaan JKN, Kota Pontianak",
        "Cakupan JKN per kecamatan, Kota Pontianak",  # one small panel per kecamatan
        "Peserta terdaftar menurut segmen, Kota Pontianak",
        "Keaktifan peserta JKN, Kota Pontianak",
    ]
    assert at.selectbox(key="trend_kecamatan_id").value is None
    # January 2026: 683.706 / 690.277 = 99,05%, above the 98% target: nothing to project
    captions = [caption.value for caption in at.caption]
    assert "Kota Pontianak: Target 98% sudah tercapai." in captions
    assert (
        "Grafik berakhir pada bulan yang dipilih di kotak “Bulan” (Januari 2026); bulan sesudahnya tidak ditampilkan."
        in captions
    )
    assert not at.warning


def test_choosing_a_kecamatan_adds_its_line_and_goes_into_the_context_and_the_link(monkeypatch, demo_store_path):
    at = open_trends(monkeypatch, demo_store_path)

    at.selectbox(key="trend_kecamatan_id").set_value("61.71.04").run()

    assert not at.exception
    context = at.session_state["uhc_context"]
    assert (context.kecamatan_code, context.kecamatan_name) == ("61.71.04", "Pontianak Utara")
    assert dict(at.query_params) == {"lang": "id", "kota": "61.71", "bulan": "2026-01", "kecamatan": "61.71.04"}
    shown = figures(at)
    assert "Pontianak Utara" in trace_names(shown["Cakupan kepesertaan JKN, Kota Pontianak dan Pontianak Utara"])
    assert "Pontianak Utara" in trace_names(shown["Keaktifan peserta JKN, Kota Pontianak dan Pontianak Utara"])
    # the segments are the chosen kecamatan's
    assert "Peserta terdaftar menurut segmen, Pontianak Utara" in shown

    at.selectbox(key="trend_kecamatan_id").set_value(None).run()

    assert at.session_state["uhc_context"].kecamatan_code is None
    assert "kecamatan" not in dict(at.query_params)
    assert "Peserta terdaftar menurut segmen, Kota Pontianak" in figures(at)


def test_a_link_with_a_kecamatan_opens_the_box_at_it(monkeypatch, demo_store_path):
    at = open_trends(monkeypatch, demo_store_path, kecamatan="61.71.04", bulan="2025-02")

    assert at.selectbox(key="trend_kecamatan_id").value == "61.71.04"
    coverage = figures(at)["Cakupan kepesertaan JKN, Kota Pontianak dan Pontianak Utara"]
    assert "Proyeksi Pontianak Utara" in trace_names(coverage)
    # February 2025 at the pace of the year before: June 2026 (worked out in test_charts.py)
    assert "Kota Pontianak: Dengan laju 12 bulan terakhir, target 98% tercapai pada Juni 2026." in [
        caption.value for caption in at.caption
    ]


def test_the_chosen_month_ends_the_charts(monkeypatch, demo_store_path):
    at = open_trends(monkeypatch, demo_store_path)

    at.selectbox(key="period_id").set_value(dt.date(2025, 6, 1)).run()

    coverage = figures(at)["Cakupan kepesertaan JKN, Kota Pontianak"]
    city = next(t for t in coverage["data"] if t.get("name") == "Kota Pontianak")
    assert city["x"][-1] == "2025-06-01"
    assert len(city["x"]) == 42  # January 2022 to June 2025
    # 674.242 / 687.031 = 98,1385%
    assert city["y"][-1] == pytest.approx(98.13851, abs=1e-5)


def test_switching_to_english_changes_the_titles(monkeypatch, demo_store_path):
    at = open_trends(monkeypatch, demo_store_path, kecamatan="61.71.02")

    at.radio(key="language").set_value("en").run()

    assert not at.exception
    assert at.title[0].value == "JKN coverage trends, Kota Pontianak, up to January 2026"
    assert list(figures(at)) == [
        "JKN coverage, Kota Pontianak and Pontianak Timur",
        "JKN coverage by kecamatan, Kota Pontianak",
        "Registered participants by segment, Pontianak Timur",
        "JKN activity rate, Kota Pontianak and Pontianak Timur",
    ]
    # the English box opens at the kecamatan chosen before the switch
    assert at.selectbox(key="trend_kecamatan_en").value == "61.71.02"
    assert at.selectbox(key="trend_kecamatan_en").format_func(None) == "None (city only)"


@pytest.fixture(scope="module")
def one_month_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Kota Pontianak with one month of data (January 2026) for one kecamatan only, and no population."""
    path = tmp_path_factory.mktemp("one_month") / "one.duckdb"
    with Store.open(path) as store:
        seed.add_city(store, "61.71")
        snapshot = pl.DataFrame(
            {
                "kemendagri_code": ["61.71.01"],
                "period": [dt.date(2026, 1, 1)],
                "registered": [50_000],
                "active": [40_000],
                "source": ["test: one kecamatan total"],
            }
        )
        with store.transaction():
            store.insert("coverage_snapshot", snapshot)
    return path


def test_one_month_without_population_says_what_is_missing(monkeypatch, one_month_db):
    at = open_trends(monkeypatch, one_month_db, kecamatan="61.71.04")

    assert not at.exception
    assert [info.value for info in at.info] == [
        "Baru ada data satu bulan untuk Kota Pontianak: tren perlu data beberapa bulan."
    ]
    assert [warning.value for warning in at.warning] == [
        # the store holds one kecamatan's total (Pontianak Selatan): it covers 5 of the city's 29 kelurahan
        "Data Januari 2026 belum lengkap: 24 dari 29 kelurahan tidak ada (Paritmayor, Banjar Serasan, Saigon, "
        "Tanjung Hulu, Tanjung Hilir, ...). Angka kecamatan dan kota bulan ini hanya menjumlahkan kelurahan yang "
        "ada, jadi lebih rendah dari sebenarnya. Impor rekap yang lengkap di halaman Data.",
        "Jumlah penduduk Kota Pontianak belum ada untuk Januari 2026: cakupan tidak dapat dihitung.",
        "Tidak ada data Pontianak Utara pada Januari 2026.",
    ]
    assert len(at.get("plotly_chart")) == 4  # the small multiples draw the one kecamatan there is
