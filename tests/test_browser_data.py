"""The Data page in a real headless Chromium: log in, upload a recap, confirm, see the new month.

The server gets its own copy of the demo store: the import writes to it. Screenshots of each step
go to test-artifacts/data_*.png when the test fails (a passing run writes nothing).
"""

from __future__ import annotations

import json

import pytest

# The server, browser and tab of the overview's browser tests (fixtures are found by name).
from conftest import EDITOR_PASSWORD
from playwright.sync_api import Page, expect
from test_browser import (  # noqa: F401
    _serve,
    choose_month,
    chromium_browser,
    console_errors,
    keep_view,
    kpi_value,
    tab,
    views_kept_on_failure,
)

from uhc.ui import sidebar

pytestmark = pytest.mark.browser
PASSWORD = EDITOR_PASSWORD


def shot(page: Page, name: str) -> None:
    """A picture of the page for humans (kept if the test fails); Streamlit scrolls inside its main area, so the window is made tall."""
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": 2600})
    page.wait_for_timeout(500)
    keep_view(page, name)
    page.set_viewport_size(size)


def by_key(page: Page, key: str):
    """The element Streamlit drew for the widget or container with ``key``."""
    return page.locator(f".st-key-{key}")


def test_an_imported_month_reaches_the_overview(tab, editor_store, tmp_path, console_errors, february_recap):  # noqa: F811
    recap = february_recap(editor_store, tmp_path)
    with _serve(editor_store, tmp_path) as url:
        # a colleague has the overview open (at January 2026, the latest month) while the recap is saved
        colleague = tab.context.new_page()
        colleague.goto(url)
        expect(colleague.get_by_role("heading", level=1)).to_contain_text("Kota Pontianak, Januari 2026")
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

        expect(
            tab.get_by_text(
                "Tersimpan sebagai batch 2. Semua halaman kini memakai angka baru dan menampilkan Februari 2026, "
                "bulan yang baru diimpor."
            )
        ).to_be_visible()
        # the editor's own session moved to the month just imported
        expect(tab.get_by_test_id("stSidebar").get_by_role("combobox", name="Bulan")).to_have_value("Februari 2026")
        expect(tab.get_by_test_id("stFileUploaderFile")).to_have_count(0)
        shot(tab, "data_saved")

        # a new visitor opens the overview at the latest month: February 2026
        overview = tab.context.new_page()
        overview.goto(url)
        expect(overview.get_by_role("heading", level=1)).to_contain_text("Cakupan JKN Kota Pontianak, Februari 2026")
        # January's 683.706 registered + 29 x 100 = 686.606, of 690.277 residents (S2 2025) = 99,4682%
        expect(kpi_value(overview, "coverage")).to_have_text("99,47%")
        shot(overview, "data_overview_after_import")

        # the colleague's page checks for new figures every FIGURES_POLL_S seconds, and its month box
        # (opening it asks the server nothing) then offers the new month
        colleague.wait_for_timeout((sidebar.FIGURES_POLL_S + 2) * 1000)
        choose_month(colleague, "Februari 2026")
        expect(colleague.get_by_role("heading", level=1)).to_contain_text("Kota Pontianak, Februari 2026")
        expect(kpi_value(colleague, "coverage")).to_have_text("99,47%")
    assert [error for error in console_errors if not error.startswith("Failed to load resource")] == []


def drawn_after(locator) -> str:
    """The text CSS draws after the element (its ::after content; "none" when it draws nothing)."""
    content = locator.evaluate("element => getComputedStyle(element, '::after').content")
    return json.loads(content) if content.startswith('"') else content


def drawn_after_size(locator) -> str:
    return locator.evaluate("element => getComputedStyle(element, '::after').fontSize")


def test_streamlit_s_own_texts_follow_the_language(tab, editor_store, tmp_path, console_errors):  # noqa: F811
    with _serve(editor_store, tmp_path) as url:
        tab.goto(f"{url}/data")
        by_key(tab, "login_user").locator("input").fill("rina")
        # the hint under a changed input; in a form it names the form's submit
        hint = tab.get_by_test_id("stForm").get_by_test_id("InputInstructions")
        expect(hint).to_be_visible()
        expect(hint.locator("span")).to_be_hidden()
        assert drawn_after(hint) == "Tekan Enter untuk mengirim"
        by_key(tab, "login_password").locator("input").fill(PASSWORD)
        by_key(tab, "login_submit").locator("button").click()

        dropzone = tab.get_by_test_id("stFileUploaderDropzone")
        button = dropzone.get_by_test_id("stMarkdownContainer")
        limit = dropzone.get_by_test_id("stFileUploaderDropzoneInstructions").locator("span")
        expect(dropzone).to_be_visible()
        # what is drawn, and what a screen reader reads: the Indonesian texts, not Streamlit's
        expect(button.locator("p")).to_be_hidden()
        assert drawn_after(button) == "Unggah"
        expect(dropzone.get_by_role("button", name="Unggah", exact=True)).to_be_visible()
        expect(limit).to_have_css("visibility", "hidden")
        assert drawn_after(limit) == "Paling besar 50 MB per berkas • CSV, TXT, XLSX, XLS, ODS"
        assert drawn_after_size(limit) == "14px"  # the size Streamlit draws its own line at
        shot(tab, "data_uploader_id")

        files = tab.evaluate_handle(
            "() => { const d = new DataTransfer(); d.items.add(new File(['x'], 'rekap.csv')); return d; }"
        )
        dropzone.dispatch_event("dragenter", {"dataTransfer": files})
        drop_hint = dropzone.locator(":scope > div > span:only-child")
        expect(drop_hint).to_have_css("visibility", "hidden")
        assert drawn_after(drop_hint) == "Letakkan berkas di sini"
        dropzone.dispatch_event("dragleave", {"dataTransfer": files})

        tab.get_by_test_id("stSidebar").locator(".st-key-language").get_by_text("English", exact=True).click()

        expect(dropzone.get_by_role("button", name="Upload", exact=True)).to_be_visible()
        assert drawn_after(dropzone.get_by_test_id("stMarkdownContainer")) == "Upload"
        assert drawn_after(limit) == "50 MB per file • CSV, TXT, XLSX, XLS, ODS"
        shot(tab, "data_uploader_en")
    assert [error for error in console_errors if not error.startswith("Failed to load resource")] == []


# A recap named like a web address, with a kelurahan cell that is one: neither may become a link.
LINK_LIKE_CSV = """REKAP KEPESERTAAN JKN KOTA PONTIANAK
Posisi: Februari 2026

No;Kode Wilayah;Kelurahan;Jumlah Peserta;Peserta Aktif
1;61.71.01.1002;Benuamelayu Laut;26.199;21.382
2;;http://evil.example;22.808;17.571
"""


def test_a_file_name_and_a_cell_that_look_like_links_stay_text(tab, editor_store, tmp_path, console_errors):  # noqa: F811
    recap = tmp_path / "www.example.com.csv"
    recap.write_text(LINK_LIKE_CSV, encoding="utf-8")
    with _serve(editor_store, tmp_path) as url:
        tab.goto(f"{url}/data")
        by_key(tab, "login_user").locator("input").fill("rina")
        by_key(tab, "login_password").locator("input").fill(PASSWORD)
        by_key(tab, "login_submit").locator("button").click()
        tab.locator("input[type=file]").set_input_files(recap)

        main = tab.get_by_test_id("stMain")
        expect(tab.get_by_role("heading", name="Hasil pemeriksaan")).to_be_visible()
        # the report names the file and quotes the cell (the word joiner inside each is invisible)
        report = main.get_by_test_id("stMarkdownContainer")
        expect(report.filter(has_text="example.com.csv").first).to_be_visible()
        expect(report.filter(has_text="evil.example").first).to_be_visible()
        shot(tab, "data_link_like_names")
        # the only links in the page are its headings' own anchors
        hrefs = main.locator("a").evaluate_all("links => links.map(link => link.getAttribute('href'))")
        assert [href for href in hrefs if not href.startswith("#")] == []
    assert [error for error in console_errors if not error.startswith("Failed to load resource")] == []
