"""The Ekspor page and the "Unduh PNG" buttons through Streamlit's AppTest (the downloads themselves: test_browser)."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from conftest import EDITOR_NAME, EDITOR_PASSWORD
from PIL import Image
from streamlit.testing.v1 import AppTest

from uhc.output import export
from uhc.store.db import Store

DASHBOARD = Path(__file__).resolve().parents[1] / "dashboard.py"


@pytest.fixture
def dashboard(monkeypatch: pytest.MonkeyPatch, demo_store_path: Path) -> AppTest:
    monkeypatch.setenv("UHC_DB", str(demo_store_path))
    return AppTest.from_file(str(DASHBOARD), default_timeout=60).run()


def test_the_export_page_lists_the_press_set_and_the_briefing(dashboard):
    at = dashboard.switch_page("pages/ekspor.py").run()

    assert not at.exception
    assert at.title[0].value == "Ekspor: Kota Pontianak, Januari 2026"
    # each picture's headline (its finding, tests/test_press_wording.py) opens its wording fields
    assert [expander.label for expander in at.expander][-7:] == [
        "Cakupan JKN Kota Pontianak 99,05%: target 98% tercapai",
        "2 dari 6 kecamatan di Kota Pontianak belum mencapai 98%",
        "Pontianak Utara paling jauh dari target: 5.669 warga lagi menuju 98%",
        # Utara rose most since January 2022: 134.258 / 142.782 = 94,03% less 83.445 / 136.410 = 61,17%
        "4 dari 6 kecamatan di Kota Pontianak mencapai 98%; kenaikan terbesar sejak Januari 2022: "
        "Pontianak Utara +32,86 poin",
        "Segmen terbesar PPU: 32,61% peserta JKN Kota Pontianak",
        "Keaktifan JKN Kota Pontianak 81,20%: memenuhi syarat UHC 80%",
        # December -> January: only Pontianak Tenggara's keaktifan crossed 80% (79,91% -> 80,06%); Pontianak
        # Utara's coverage moved most: (134.258 - 133.934) / 142.782 = +0,23 points (93,80% -> 94,03%)
        "1 perubahan status di Kota Pontianak bulan ini; gerak terbesar: Pontianak Utara +0,23 poin",
    ]
    assert at.text_input(key="export_wording_cakupan-tren_subtitle_id").value == (
        "Kota Pontianak · Januari 2022 – Januari 2026"
    )
    assert at.text_input(key="export_wording_segmen_note_id").value == ""
    # the big-number card's sentence (99,05% of residents: the target is met in January 2026)
    assert (
        at.text_input(key="export_card_sentence_id").value == "warga Kota Pontianak terdaftar JKN: target 98% tercapai"
    )
    source = "Sumber: BPJS Kesehatan, Dukcapil; diolah Dinas Kesehatan Kota Pontianak"
    assert any(source in caption.value for caption in at.caption)
    assert at.radio(key="export_size_id").value == "1600x900"
    assert at.toggle(key="export_previews").value is False
    assert at.get("image") == []  # no picture is made until the preview is asked for


def test_the_export_page_in_english(dashboard):
    dashboard.radio(key="language").set_value("en").run()
    at = dashboard.switch_page("pages/ekspor.py").run()

    assert at.title[0].value == "Export: Kota Pontianak, January 2026"
    assert any(
        "Source: BPJS Kesehatan, Dukcapil; processed by the Kota Pontianak Health Office" in caption.value
        for caption in at.caption
    )


def test_the_preview_shows_the_seven_pictures(dashboard):
    at = dashboard.switch_page("pages/ekspor.py").run()
    at.toggle(key="export_previews").set_value(True).run()

    assert not at.exception
    assert len(at.get("image")) == 7


@pytest.mark.parametrize(
    ("page", "keys"),
    [
        ("pages/ringkasan.py", ["overview_map_png", "overview_changes_png"]),
        ("pages/peta.py", ["map_png_61.71_kecamatan"]),
        ("pages/tren.py", ["trend_coverage_png", "trend_segments_png", "trend_activity_png"]),
    ],
)
def test_every_chart_and_map_has_its_png_button(dashboard, page, keys):
    at = dashboard.switch_page(page).run()

    assert not at.exception
    for key in keys:
        # the size inside the button's popover, 1600 x 900 until another is chosen
        assert at.radio(key=f"{key}_size_id").value == "1600x900"


def test_without_chromium_the_export_page_says_what_to_install(dashboard, monkeypatch, tmp_path):
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # no chromium on it

    assert export.renderer_problem() == "Chromium is not installed (on Debian: sudo apt-get install chromium)."
    at = dashboard.switch_page("pages/ekspor.py").run()
    assert [error.value for error in at.error] == [
        "Gambar tidak dapat dibuat: Chromium belum terpasang (di Debian: sudo apt-get install chromium)."
    ]


def test_a_browser_named_in_browser_path_is_used(monkeypatch, tmp_path):
    browser = tmp_path / "chromium-wrapper"
    browser.write_text("#!/bin/sh\n", encoding="utf-8")
    monkeypatch.setenv("BROWSER_PATH", str(browser))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))

    assert export.renderer_problem() is None


@pytest.fixture
def editor_dashboard(monkeypatch: pytest.MonkeyPatch, editor_store: Path) -> tuple[AppTest, Path]:
    """The dashboard on a copy of the demo store, with its editor logged in on the Data page."""
    db = editor_store
    monkeypatch.setenv("UHC_DB", str(db))
    at = AppTest.from_file(str(DASHBOARD), default_timeout=60).run().switch_page("pages/data.py").run()
    at.text_input(key="login_user").input(EDITOR_NAME)
    at.text_input(key="login_password").input(EDITOR_PASSWORD)
    at.button(key="login_submit").click().run()
    return at.switch_page("pages/ekspor.py").run(), db


def stored_settings(db: Path) -> dict[str, str]:
    with Store.open(db, read_only=True) as store:
        return dict(store.run("setting").iter_rows())


def test_only_an_editor_sees_the_agency_and_logo_form(dashboard):
    at = dashboard.switch_page("pages/ekspor.py").run()

    assert "Hanya editor yang dapat mengubah instansi dan logo: masuk di halaman Data." in [c.value for c in at.caption]
    assert "branding_instansi" not in [box.key for box in at.text_input]
    # anyone may reword a picture for a download; only an editor keeps the wording
    assert "export_wording_cakupan-tren_headline_id" in [box.key for box in at.text_input]
    assert [button.key for button in at.button if button.key.startswith("export_wording")] == []


def test_an_editor_keeps_a_picture_s_headline_and_note_for_the_city(editor_dashboard):
    at, db = editor_dashboard

    at.text_input(key="export_wording_cakupan-tren_headline_id").input("Pontianak capai UHC")
    at.text_input(key="export_wording_cakupan-tren_note_id").input("Angka sementara")
    at.run()
    at.button(key="export_wording_cakupan-tren_save").click().run()

    assert not at.exception
    kept = json.loads(stored_settings(db)["export_wording:61.71:cakupan-tren:id"])
    # the subtitle was left at its default, so it is not kept: it follows the next month's data
    # with the finding it replaced (January 2026: 683.706 / 690.277 = 99,05%, at 98% or more) and its month
    assert kept == {
        "headline": "Pontianak capai UHC",
        "subtitle": "",
        "note": "Angka sementara",
        "saved_over": "Cakupan JKN Kota Pontianak 99,05%: target 98% tercapai",
        "period": "2026-01-01",
    }
    assert "Pontianak capai UHC" in [expander.label for expander in at.expander]


CARD_FINDING = "warga Kota Pontianak terdaftar JKN: target 98% tercapai"  # January 2026: 99,05% >= 98%


def test_the_card_s_kept_sentence_notes_its_month_and_is_flagged_in_another_month(editor_dashboard):
    at, db = editor_dashboard
    at.text_input(key="export_card_sentence_id").input("warga Pontianak sudah terlindungi JKN")
    at.run()
    at.button(key="export_card_save").click().run()

    assert not at.exception
    kept = json.loads(stored_settings(db)["export_wording:61.71:kartu-angka:id"])
    # saved over January 2026's sentence from the data, noted with its month
    assert (kept["headline"], kept["saved_over"], kept["period"]) == (
        "warga Pontianak sudah terlindungi JKN",
        CARD_FINDING,
        "2026-01-01",
    )
    stale = [warning.value for warning in at.warning if warning.value.startswith("Judul ini disimpan")]
    assert stale == []  # its own month: nothing to flag
    # December 2025 met the target too: the same sentence from the data (the card's number is
    # always the month's), so nothing is flagged
    at.selectbox(key="period_id").set_value(dt.date(2025, 12, 1)).run()
    assert [warning.value for warning in at.warning if warning.value.startswith("Judul ini disimpan")] == []
    # February 2025 did not: 98% of 682.900 is 669.242, 599.996 registered, 69.246 to go
    at.selectbox(key="period_id").set_value(dt.date(2025, 2, 1)).run()
    assert at.text_input(key="export_card_sentence_id").value == "warga Pontianak sudah terlindungi JKN"
    assert [warning.value for warning in at.warning if warning.value.startswith("Judul ini disimpan")] == [
        "Judul ini disimpan untuk Januari 2026; temuan bulan ini: warga Kota Pontianak terdaftar JKN; "
        "69.246 warga lagi menuju 98%. Kosongkan judul untuk memakainya."
    ]


def test_an_editor_sets_the_agency_and_logo_of_the_city(editor_dashboard):
    at, db = editor_dashboard
    logo = io.BytesIO()
    Image.new("RGB", (300, 100), "#8e44ad").save(logo, format="PNG")

    at.text_input(key="branding_instansi").input("Dinas Kesehatan Kota Pontianak, Bidang P2P")
    at.file_uploader(key="branding_logo").set_value(("logo.png", logo.getvalue(), "image/png"))
    at.run()
    at.button(key="branding_save").click().run()

    assert [s.value for s in at.success] == ["Instansi dan logo Kota Pontianak disimpan."]
    settings = stored_settings(db)
    assert settings["export_instansi:61.71"] == "Dinas Kesehatan Kota Pontianak, Bidang P2P"
    assert settings["export_logo:61.71"].startswith("data:image/png;base64,")
    source = "Sumber: BPJS Kesehatan, Dukcapil; diolah Dinas Kesehatan Kota Pontianak, Bidang P2P"
    assert any(source in caption.value and "Logo: tersimpan" in caption.value for caption in at.caption)


def test_a_logo_that_is_no_image_is_refused_on_the_page_and_nothing_changes(editor_dashboard):
    at, db = editor_dashboard

    at.text_input(key="branding_instansi").input("Dinkes")
    at.file_uploader(key="branding_logo").set_value(("logo.png", b"Kode;Nama\n", "image/png"))
    at.run()
    at.button(key="branding_save").click().run()

    assert [e.value for e in at.error] == ["logo.png bukan gambar PNG atau JPEG; tidak ada yang diubah."]
    assert stored_settings(db) == {"demo_city": "61.71"}


def test_the_logo_uploader_draws_streamlit_s_own_texts_in_the_page_s_language(editor_dashboard):
    at, _ = editor_dashboard
    styles = [html.value for html in at.html if ".st-key-branding_logo" in html.value]

    # Streamlit's button, limit line and drop hint of this uploader (server.maxUploadSize = 50)
    assert len(styles) == 1
    assert 'content: "Unggah"' in styles[0]
    assert 'content: "Paling besar 50 MB per berkas • PNG, JPG, JPEG"' in styles[0]
    assert 'content: "Letakkan berkas di sini"' in styles[0]
