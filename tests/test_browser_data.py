"""The Data page in a real headless Chromium: log in, upload a recap, confirm, see the new month.

The server gets its own copy of the demo store: the import writes to it. Screenshots of each step
go to test-artifacts/data_*.png.
"""

from __future__ import annotations

import pytest

# The server, browser and tab of the overview's browser tests (fixtures are found by name).
from conftest import EDITOR_PASSWORD
from playwright.sync_api import Page, expect
from test_browser import ARTIFACTS, _serve, chromium_browser, console_errors, kpi_value, tab  # noqa: F401

pytestmark = pytest.mark.browser
PASSWORD = EDITOR_PASSWORD


def shot(page: Page, name: str) -> None:
    """A picture of the page for humans; Streamlit scrolls inside its main area, so the window is made tall."""
    ARTIFACTS.mkdir(exist_ok=True)
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": 2600})
    page.wait_for_timeout(500)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
    page.set_viewport_size(size)


def by_key(page: Page, key: str):
    """The element Streamlit drew for the widget or container with ``key``."""
    return page.locator(f".st-key-{key}")


def test_an_imported_month_reaches_the_overview(tab, editor_store, tmp_path, console_errors, february_recap):  # noqa: F811
    recap = february_recap(editor_store, tmp_path)
    with _serve(editor_store, tmp_path) as url:
        tab.goto(f"{url}/data")

        # without login: the form, and no way to upload
        expect(by_key(tab, "login_user").locator("input")).to_be_visible()
        expect(tab.get_by_test_id("stFileUploader")).to_have_count(0)
        expect(tab.locator("input[type=file]")).to_have_count(0)
        shot(tab, "data_login")

        by_key(tab, "login_user").locator("input").fill("rina")
        by_key(tab, "login_password").locator("input").fill(PASSWORD)
        by_key(tab, "login_submit").locator("button").click()

        expect(tab.get_by_test_id("stFileUploader")).to_be_visible()
        expect(tab.get_by_test_id("stSidebar")).to_contain_text("Masuk sebagai rina (editor)")

        tab.locator("input[type=file]").set_input_files(recap)

        expect(tab.get_by_role("heading", name="Baris yang dibaca")).to_be_visible()
        expect(tab.get_by_role("heading", name="Hasil pemeriksaan")).to_be_visible()
        expect(tab.get_by_text("cakupan: 29 baru, 0 berubah, 0 dihapus, 0 tetap")).to_be_visible()
        confirm = by_key(tab, "data_confirm").locator("button")
        expect(confirm).to_be_enabled()
        shot(tab, "data_report")

        confirm.click()

        expect(tab.get_by_text("Tersimpan sebagai batch 2. Semua halaman kini memakai angka baru.")).to_be_visible()
        expect(tab.get_by_test_id("stFileUploaderFile")).to_have_count(0)
        shot(tab, "data_saved")

        # a new visitor opens the overview at the latest month: February 2026
        overview = tab.context.new_page()
        overview.goto(url)
        expect(overview.get_by_role("heading", level=1)).to_contain_text("Cakupan JKN Kota Pontianak, Februari 2026")
        # January's 683.706 registered + 29 x 100 = 686.606, of 690.277 residents (S2 2025) = 99,4682%
        expect(kpi_value(overview, "coverage")).to_have_text("99,47%")
        shot(overview, "data_overview_after_import")
    assert [error for error in console_errors if not error.startswith("Failed to load resource")] == []
