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
# Pontianak Timur's in January 2026: 92.175 / 95.964 = 96,05%; 98% of 95.964 is 94.044,72 -> 94.045,
# less 92.175 = 1.870; a year before 79.864 / 95.105 = 83,97%, so 12,08 / 12 = 1,006 points a month
# and the 1,95 points left take 1,9 -> 2 months: March 2026
TIMUR_FINDING = "Cakupan JKN Pontianak Timur 96,05%: 1.870 warga lagi menuju 98%; dengan laju 12\u00a0bulan terakhir sekitar Maret\u00a02026"


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
            # what the headline replaced, and its month (a later month's form flags it)
            "saved_over": CITY_FINDING,
            "period": "2026-01-01",
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
    kept = _kept(editor_store)
    assert list(kept) == ["export_wording:61.71:cakupan-tren@61.71.04:id"]
    saved = kept["export_wording:61.71:cakupan-tren@61.71.04:id"]
    assert {field: saved[field] for field in ("headline", "subtitle", "note", "period")} == {
        "headline": "Kecamatan ini tertinggal",
        "subtitle": "",
        "note": "",
        "period": "2026-01-01",
    }
    # saved over Pontianak Utara's own finding: 98% of 142.782 is 139.926,36 -> 139.927, less 134.258 = 5.669
    assert saved["saved_over"].startswith("Cakupan JKN Pontianak Utara 94,03%: 5.669 warga lagi menuju 98%")
    # in the same session, another kecamatan: its picture shows its own default wording, the finding
    # of that kecamatan, not 61.71.04's
    at.selectbox(key="trend_kecamatan_id").set_value("61.71.02").run()
    assert at.text_input(key=HEADLINE).value == TIMUR_FINDING
    assert at.text_input(key="trend_coverage_png_subtitle_id").value == (
        "Kota Pontianak dan Pontianak Timur · Januari 2022 – Januari 2026"
    )
    # another session: the city's picture and another kecamatan's keep their defaults, 61.71.04 its own
    viewer = _session(monkeypatch, editor_store, editor=False)
    assert viewer.text_input(key=HEADLINE).value == CITY_FINDING
    viewer.selectbox(key="trend_kecamatan_id").set_value("61.71.02").run()
    assert viewer.text_input(key=HEADLINE).value == TIMUR_FINDING
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
    # measured: A, B, D; short of 98%: A (120 people) and D (7); C drawn without a figure
    assert report.map_finding(rows, "kelurahan", "Pontianak Utara", "id") == (
        "2 dari 3 kelurahan di Pontianak Utara belum mencapai 98% (1 tanpa data)"
    )
    assert report.map_finding(rows, "kelurahan", "Pontianak Utara", "en") == (
        "2 of 3 kelurahan in Pontianak Utara are below 98% (1 without data)"
    )
    met = rows.with_columns(pl.lit(0).alias("people_needed"))
    assert report.map_finding(met, "kelurahan", "Pontianak Utara", "id") == (
        "Semua 4 kelurahan di Pontianak Utara mencapai 98%"
    )
    assert report.map_finding(rows.with_columns(pl.lit(None).alias("people_needed")), "kelurahan", "X", "id") is None


def test_a_kecamatan_s_trends_state_its_findings_in_both_languages(monkeypatch, editor_store):
    at = _session(monkeypatch, editor_store, editor=False)
    at.selectbox(key="trend_kecamatan_id").set_value("61.71.02").run()

    assert not at.exception
    assert at.text_input(key=HEADLINE).value == TIMUR_FINDING
    # its keaktifan: 77.177 active / 92.175 registered = 83,73%, at or above the 80% criterion
    assert at.text_input(key="trend_activity_png_headline_id").value == (
        "Keaktifan JKN Pontianak Timur 83,73%: memenuhi syarat UHC 80%"
    )
    # in English, the same findings in English
    at.radio(key="language").set_value("en").run()
    assert at.text_input(key="trend_coverage_png_headline_en").value == (
        "JKN coverage in Pontianak Timur 96.05%: 1,870 more residents to reach 98%; "
        "at the last 12\u00a0months' pace around March\u00a02026"
    )
    assert at.text_input(key="trend_activity_png_headline_en").value == (
        "JKN activity in Pontianak Timur 83.73%: meets the UHC criterion of 80%"
    )


# The Peta page's keaktifan map of the city in January 2026: 555.169 / 683.706 = 81,20% for the city;
# Pontianak Selatan 79.548 / 101.161 = 78,64% and Pontianak Kota 102.986 / 130.172 = 79,12% are
# below 80%, the four others at or above it
KEAKTIFAN_FINDING = (
    "Keaktifan JKN Kota Pontianak 81,20%: 2 dari 6 kecamatan di bawah 80%; terendah Pontianak Selatan 78,64%"
)
MAP_HEADLINE = "map_png_61.71_kecamatan_headline_id"


def test_the_peta_keaktifan_map_states_its_finding_and_a_kept_wording_wins(monkeypatch, editor_store):
    at = _session(monkeypatch, editor_store, editor=True).switch_page("pages/peta.py").run()
    at.selectbox(key="map_metric_id").set_value("activity").run()

    assert not at.exception
    assert at.text_input(key=MAP_HEADLINE).value == KEAKTIFAN_FINDING
    at.text_input(key=MAP_HEADLINE).input("Dua kecamatan perlu aktivasi ulang")
    at.run()
    at.button(key="map_png_61.71_kecamatan_save").click().run()
    assert _kept(editor_store) == {
        "export_wording:61.71:peta-keaktifan-kecamatan:id": {
            "headline": "Dua kecamatan perlu aktivasi ulang",
            "subtitle": "",
            "note": "",
            "saved_over": KEAKTIFAN_FINDING,
            "period": "2026-01-01",
        }
    }

    viewer = _session(monkeypatch, editor_store, editor=False).switch_page("pages/peta.py").run()
    viewer.selectbox(key="map_metric_id").set_value("activity").run()
    assert viewer.text_input(key=MAP_HEADLINE).value == "Dua kecamatan perlu aktivasi ulang"
    # the coverage map of the same page keeps its own finding, not the keaktifan map's wording
    viewer.selectbox(key="map_metric_id").set_value("coverage").run()
    assert viewer.text_input(key=MAP_HEADLINE).value == "2 dari 6 kecamatan di Kota Pontianak belum mencapai 98%"


STALE_PREFIX = "Judul ini disimpan untuk"


def _stale_warnings(at: AppTest) -> list[str]:
    return [warning.value for warning in at.warning if warning.value.startswith(STALE_PREFIX)]


def test_a_headline_kept_in_one_month_is_flagged_in_another_month_and_not_in_its_own(monkeypatch, editor_store):
    at = _session(monkeypatch, editor_store, editor=True)
    at.text_input(key=HEADLINE).input("Pontianak capai UHC")
    at.run()
    at.button(key="trend_coverage_png_save").click().run()

    assert not at.exception
    # the setting notes the finding it was saved over (January 2026's, 99,05% >= 98%) and the month
    assert _kept(editor_store)["export_wording:61.71:cakupan-tren:id"] == {
        "headline": "Pontianak capai UHC",
        "subtitle": "",
        "note": "",
        "saved_over": CITY_FINDING,
        "period": "2026-01-01",
    }
    # the same month in a new session: the kept headline, no warning
    same = _session(monkeypatch, editor_store, editor=False)
    assert same.text_input(key=HEADLINE).value == "Pontianak capai UHC"
    assert _stale_warnings(same) == []
    # another month (December 2025): its finding differs, so the kept headline is flagged with the
    # month it was written for
    december = _session(monkeypatch, editor_store, editor=False)
    december.selectbox(key="period_id").set_value(dt.date(2025, 12, 1)).run()
    assert december.text_input(key=HEADLINE).value == "Pontianak capai UHC"
    [warning] = _stale_warnings(december)
    assert warning.startswith("Judul ini disimpan untuk Januari 2026; temuan bulan ini: Cakupan JKN Kota Pontianak ")
    assert warning.endswith(". Kosongkan judul untuk memakainya.")
    # emptying the field (the way back to the month's finding) drops the warning
    december.text_input(key=HEADLINE).input("").run()
    assert _stale_warnings(december) == []


def _keep(db: Path, key: str, body: dict) -> None:
    """A kept wording written straight into the store, before any session opens it."""
    with Store.open(db) as store:
        store.execute("upsert_setting", key=key, value=json.dumps(body))


def test_a_headline_kept_for_the_month_before_is_flagged_in_english(monkeypatch, editor_store):
    saved = {"headline": "Pontianak nearly there", "saved_over": "an older finding", "period": "2025-12-01"}
    _keep(editor_store, "export_wording:61.71:cakupan-tren:en", saved)
    at = _session(monkeypatch, editor_store, editor=False)
    at.radio(key="language").set_value("en").run()
    # January 2026's finding in English: 683.706 / 690.277 = 99,05%, at or above 98%
    assert at.text_input(key="trend_coverage_png_headline_en").value == "Pontianak nearly there"
    assert [w.value for w in at.warning if w.value.startswith("This headline was saved")] == [
        "This headline was saved for December 2025; this month's finding: "
        "JKN coverage in Kota Pontianak 99.05%: the 98% target is met. Empty the headline to use it."
    ]


def test_a_headline_kept_before_its_month_was_noted_reads_as_before_without_a_warning(monkeypatch, editor_store):
    _keep(editor_store, "export_wording:61.71:cakupan-tren:id", {"headline": "Pontianak capai UHC"})
    at = _session(monkeypatch, editor_store, editor=False)
    assert at.text_input(key=HEADLINE).value == "Pontianak capai UHC"
    assert _stale_warnings(at) == []


def test_saving_only_a_new_note_in_a_later_month_keeps_the_headline_s_month(monkeypatch, editor_store):
    at = _session(monkeypatch, editor_store, editor=True)
    at.text_input(key=HEADLINE).input("Pontianak capai UHC")
    at.run()
    at.button(key="trend_coverage_png_save").click().run()
    # December 2025: the headline left as kept, only a note added and saved
    at.selectbox(key="period_id").set_value(dt.date(2025, 12, 1)).run()
    at.text_input(key="trend_coverage_png_note_id").input("Angka sementara")
    at.run()
    at.button(key="trend_coverage_png_save").click().run()

    assert not at.exception
    kept = _kept(editor_store)["export_wording:61.71:cakupan-tren:id"]
    # still noted as written over January 2026's finding, so December keeps warning about it
    assert (kept["headline"], kept["note"], kept["saved_over"], kept["period"]) == (
        "Pontianak capai UHC",
        "Angka sementara",
        CITY_FINDING,
        "2026-01-01",
    )
    assert len(_stale_warnings(at)) == 1
