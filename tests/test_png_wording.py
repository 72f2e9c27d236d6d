"""An "Unduh PNG" popover keeps its picture's wording for the city, as the Ekspor page does (AppTest)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest
from conftest import EDITOR_NAME, EDITOR_PASSWORD
from streamlit.testing.v1 import AppTest

from uhc.output import export, report
from uhc.store.db import Store

DASHBOARD = Path(__file__).resolve().parents[1] / "dashboard.py"
JANUARY_2026 = dt.date(2026, 1, 1)
HEADLINE = "trend_coverage_png_headline_id"


def _session(monkeypatch: pytest.MonkeyPatch, db: Path, *, editor: bool) -> AppTest:
    """A new browser session on ``db``, on the Tren page; with ``editor`` logged in first on the Data page."""
    monkeypatch.setenv("UHC_DB", str(db))
    at = AppTest.from_file(str(DASHBOARD), default_timeout=60).run()
    if editor:
        at = at.switch_page("pages/data.py").run()
        at.text_input(key="login_user").input(EDITOR_NAME)
        at.text_input(key="login_password").input(EDITOR_PASSWORD)
        at.button(key="login_submit").click().run()
    return at.switch_page("pages/tren.py").run()


# the city's coverage trend in January 2026: the press set's default headline (report.headlines)
CITY_FINDING = "Cakupan JKN Kota Pontianak 99,05%: target 98% tercapai"


def _kept(db: Path) -> dict[str, dict]:
    with Store.open(db, read_only=True) as store:
        rows = dict(store.run("setting").iter_rows())
    return {key: json.loads(value) for key, value in rows.items() if key.startswith(report.SETTING_WORDING)}


def test_an_editor_keeps_a_popover_headline_and_the_next_session_and_the_press_set_use_it(monkeypatch, editor_store):
    at = _session(monkeypatch, editor_store, editor=True)
    # until one is kept: the press set's finding for the city's trend (99,05% >= 98%, as on Ekspor)
    assert at.text_input(key=HEADLINE).value == CITY_FINDING
    at.text_input(key=HEADLINE).input("Pontianak capai UHC")
    at.text_input(key="trend_coverage_png_note_id").input("Angka sementara")
    at.run()
    at.button(key="trend_coverage_png_save").click().run()

    assert not at.exception
    # the city's coverage trend is the press set's picture: one setting for both; the subtitle was
    # left at its default (the span of months), so it is not kept
    assert _kept(editor_store) == {
        "export_wording:61.71:cakupan-tren:id": {
            "headline": "Pontianak capai UHC",
            "subtitle": "",
            "note": "Angka sementara",
        }
    }

    viewer = _session(monkeypatch, editor_store, editor=False)
    assert viewer.text_input(key=HEADLINE).value == "Pontianak capai UHC"
    assert viewer.text_input(key="trend_coverage_png_note_id").value == "Angka sementara"
    assert (
        viewer.text_input(key="trend_coverage_png_subtitle_id").value == "Kota Pontianak · Januari 2022 – Januari 2026"
    )
    # a viewer may reword for a download but sees no Save, only how to keep it
    assert [button.key for button in viewer.button if button.key.endswith("_save")] == []
    assert any(caption.value.startswith("Masuk sebagai editor untuk menyimpan") for caption in viewer.caption)
    # the Ekspor page shows the same wording for the same picture
    ekspor = viewer.switch_page("pages/ekspor.py").run()
    assert ekspor.text_input(key="export_wording_cakupan-tren_headline_id").value == "Pontianak capai UHC"

    # and the picture carries it: the press frame of the kept wording
    with Store.open(editor_store, read_only=True) as store:
        january = report.load(store, None, JANUARY_2026)
    chart = report.press_charts(january, "id")[0]
    figure = export.press_figure(
        chart.figure,
        title=chart.title,
        subtitle=chart.subtitle,
        note=chart.note,
        branding=january.branding,
        vintage=january.vintage,
        language="id",
    )
    assert figure.layout.title.text == "<b>Pontianak capai UHC</b>"
    assert "Angka sementara" in [annotation.text for annotation in figure.layout.annotations]


def test_a_kecamatan_s_kept_headline_stays_with_that_kecamatan(monkeypatch, editor_store):
    at = _session(monkeypatch, editor_store, editor=True)
    at.selectbox(key="trend_kecamatan_id").set_value("61.71.04").run()
    at.text_input(key=HEADLINE).input("Kecamatan ini tertinggal")
    at.run()
    at.button(key="trend_coverage_png_save").click().run()

    assert not at.exception
    assert _kept(editor_store) == {
        "export_wording:61.71:cakupan-tren@61.71.04:id": {
            "headline": "Kecamatan ini tertinggal",
            "subtitle": "",
            "note": "",
        }
    }
    # in the same session, another kecamatan: its picture shows its own (default) wording, not 61.71.04's
    at.selectbox(key="trend_kecamatan_id").set_value("61.71.02").run()
    assert at.text_input(key=HEADLINE).value == "Cakupan kepesertaan JKN dan target UHC"
    assert at.text_input(key="trend_coverage_png_subtitle_id").value == (
        "Kota Pontianak dan Pontianak Timur · Januari 2022 – Januari 2026"
    )
    # another session: the city's picture and another kecamatan's keep their defaults, 61.71.04 its own
    viewer = _session(monkeypatch, editor_store, editor=False)
    assert viewer.text_input(key=HEADLINE).value == CITY_FINDING
    viewer.selectbox(key="trend_kecamatan_id").set_value("61.71.02").run()
    assert viewer.text_input(key=HEADLINE).value == "Cakupan kepesertaan JKN dan target UHC"
    other = _session(monkeypatch, editor_store, editor=False)
    other.selectbox(key="trend_kecamatan_id").set_value("61.71.04").run()
    assert other.text_input(key=HEADLINE).value == "Kecamatan ini tertinggal"
    # the press set (the city's pictures) is untouched
    with Store.open(editor_store, read_only=True) as store:
        january = report.load(store, None, JANUARY_2026)
    assert report.press_charts(january, "id")[0].title == "Cakupan JKN Kota Pontianak 99,05%: target 98% tercapai"


def test_the_wording_of_a_picture_of_one_kecamatan_is_kept_under_its_scope():
    assert report.wording_stem("cakupan-tren", None, "61.71") == "cakupan-tren"
    assert report.wording_stem("cakupan-tren", "61.71", "61.71") == "cakupan-tren"
    assert report.wording_stem("cakupan-tren", "61.71.04", "61.71") == "cakupan-tren@61.71.04"
    assert report.wording_key("61.71", "cakupan-tren@61.71.04", "id") == "export_wording:61.71:cakupan-tren@61.71.04:id"


def test_the_overview_map_s_popover_states_the_press_set_s_finding(monkeypatch, editor_store):
    at = _session(monkeypatch, editor_store, editor=False).switch_page("pages/ringkasan.py").run()

    assert not at.exception
    # January 2026: Pontianak Utara 94,03% and Pontianak Timur 96,05% are under 98%, the other four above
    assert at.text_input(key="overview_map_png_headline_id").value == (
        "2 dari 6 kecamatan di Kota Pontianak belum mencapai 98%"
    )


def test_the_peta_coverage_map_s_popover_states_how_many_regions_are_short(monkeypatch, editor_store):
    at = _session(monkeypatch, editor_store, editor=False).switch_page("pages/peta.py").run()

    assert not at.exception
    # the city's kecamatan map: Utara 94,03% and Timur 96,05% under 98% (as on the overview)
    assert at.text_input(key="map_png_61.71_kecamatan_headline_id").value == (
        "2 dari 6 kecamatan di Kota Pontianak belum mencapai 98%"
    )


def test_a_map_finding_counts_the_regions_short_of_the_target_among_those_measured():
    rows = pl.DataFrame(
        {
            "name": ["A", "B", "C", "D"],
            "people_needed": [120, 0, None, 7],  # C has no population: not measured
            "target_pct": [98.0, 98.0, 98.0, 98.0],
        }
    )
    # measured: A, B, D; short of 98%: A (120 people) and D (7)
    assert report.map_finding(rows, "kelurahan", "Pontianak Utara", "id") == (
        "2 dari 3 kelurahan di Pontianak Utara belum mencapai 98%"
    )
    assert report.map_finding(rows, "kelurahan", "Pontianak Utara", "en") == (
        "2 of 3 kelurahan in Pontianak Utara are below 98%"
    )
    met = rows.with_columns(pl.lit(0).alias("people_needed"))
    assert report.map_finding(met, "kelurahan", "Pontianak Utara", "id") == (
        "Semua 4 kelurahan di Pontianak Utara mencapai 98%"
    )
    assert report.map_finding(rows.with_columns(pl.lit(None).alias("people_needed")), "kelurahan", "X", "id") is None
