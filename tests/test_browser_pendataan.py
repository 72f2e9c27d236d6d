"""The Pendataan page in a real headless Chromium, on the demo with its synthetic people: a viewer sees
the counts and a login form, an editor the persons to visit by name; at 1366 px and on a 390 px phone.
Screenshots go to test-artifacts/pendataan_*.png.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import EDITOR_NAME, EDITOR_PASSWORD
from playwright.sync_api import Page, expect
from test_browser import _serve, chromium_browser, console_errors, tab  # noqa: F401
from test_browser_data import by_key, shot
from test_pendataan_page import people_store  # noqa: F401

from uhc.store.db import Store

pytestmark = pytest.mark.browser


def log_in(page: Page) -> None:
    by_key(page, "login_user").locator("input").fill(EDITOR_NAME)
    by_key(page, "login_password").locator("input").fill(EDITOR_PASSWORD)
    by_key(page, "login_submit").locator("button").click()


@pytest.mark.parametrize("width", [1366, 390])
def test_a_viewer_sees_counts_and_an_editor_the_persons(tab, people_store, tmp_path, console_errors, width):  # noqa: F811
    tab.set_viewport_size({"width": width, "height": 900})
    with _serve(people_store, tmp_path) as url:
        tab.goto(f"{url}/pendataan")
        expect(tab.get_by_role("heading", level=1)).to_contain_text("Pendataan dari pintu ke pintu")
        expect(tab.get_by_test_id("stDataFrame").first).to_be_visible()
        expect(tab.get_by_text("Nama hanya tampil untuk editor yang masuk.")).to_be_visible()
        expect(tab.get_by_test_id("stExpander")).to_have_count(0)
        shot(tab, f"pendataan_viewer_{width}")

        log_in(tab)
        expect(tab.get_by_test_id("stSidebar")).to_contain_text(f"Masuk sebagai {EDITOR_NAME} (editor)")
        to_visit = tab.get_by_test_id("stExpander").filter(has_text="Dikunjungi (didaftarkan)")
        expect(to_visit).to_be_visible()
        expect(to_visit.get_by_test_id("stDataFrame")).to_be_visible()
        expect(tab.get_by_text("Data pribadi (UU 27/2022)")).to_be_visible()
        shot(tab, f"pendataan_editor_{width}")
    # Below the root, Streamlit's frontend first probes /pendataan/_stcore/... (404), then the root.
    assert [error for error in console_errors if "404 (Not Found)" not in error] == []


def test_an_editor_makes_the_lists_downloads_the_zip_and_uploads_the_filled_sheet(
    tab,  # noqa: F811
    people_store,  # noqa: F811
    tmp_path,
    console_errors,  # noqa: F811
):
    """The whole loop as a kelurahan's staff do it: make the RT lists, download the ZIP, fill in the
    XLSX inside it (two rows), upload it, save; the same sheet again changes nothing."""
    import io
    import zipfile

    import openpyxl

    from uhc.core import campaign

    with _serve(people_store, tmp_path) as url:
        tab.goto(f"{url}/pendataan")
        log_in(tab)
        by_key(tab, "visits_lists_cadre").locator("input").fill("Tim Mawar")
        by_key(tab, "visits_lists_cadre").locator("input").press("Enter")
        by_key(tab, "visits_lists_make").locator("button").click()
        download_button = by_key(tab, "visits_lists_download").locator("button")
        expect(download_button).to_be_visible(timeout=120_000)
        with tab.expect_download() as downloaded:
            download_button.click()
        zip_path = tmp_path / downloaded.value.suggested_filename
        downloaded.value.save_as(zip_path)
        assert zip_path.name == "daftar-kunjungan-61.71.01.1002.zip"
        with zipfile.ZipFile(zip_path) as archive:
            assert any(name.startswith("RW") and name.endswith(".pdf") for name in archive.namelist())
            book = openpyxl.load_workbook(io.BytesIO(archive.read("61.71.01.1002.xlsx")))
        sheet = book.active
        header_row = next(row[0].row for row in sheet.iter_rows() if row[0].value == "Kode")
        column = {cell.value: cell.column for cell in sheet[header_row]}
        rows = [header_row + 1, header_row + 2]
        references = [sheet.cell(row, column["Kode"]).value for row in rows]
        assert all(campaign.read_reference(reference) for reference in references)
        # the first person not at the address (6), the second enrolled (1) as PBPU, both visited today
        for row, result, segment in zip(rows, (6, 1), (None, "PBPU"), strict=True):
            sheet.cell(row, column["Hasil (1-8)"]).value = result
            sheet.cell(row, column["Segmen"]).value = segment
            sheet.cell(row, column["Tanggal"]).value = dt.datetime.combine(dt.date.today(), dt.time())
        sheet_path = tmp_path / "hasil-benuamelayu-laut.xlsx"
        book.save(sheet_path)

        expect(tab.get_by_role("heading", name="Hasil kunjungan kembali")).to_be_visible()
        tab.locator("input[type=file]").set_input_files(sheet_path)
        confirm = by_key(tab, "visits_results_confirm").locator("button")
        expect(confirm).to_be_enabled(timeout=60_000)
        shot(tab, "pendataan_results_report")
        confirm.click()
        expect(tab.get_by_text("Tersimpan sebagai batch")).to_be_visible()
        shot(tab, "pendataan_results_saved")
        tab.goto("about:blank")  # off the page before its server stops (no refused reconnections)
    with Store.open(people_store, read_only=True) as store:
        saved = store.run("campaign_result_in_force")
    # the cadre typed on the page is printed on the sheet and comes back with the results
    assert sorted(saved.select("result", "segment", "cadre").rows()) == [
        ("enrolled", "pbpu", "Tim Mawar"),
        ("not_at_address", None, "Tim Mawar"),
    ]
    sheet = sheet_path
    with _serve(people_store, tmp_path) as url:  # the same sheet again: nothing new, Simpan stays off
        tab.goto(f"{url}/pendataan")
        log_in(tab)
        tab.locator("input[type=file]").set_input_files(sheet)
        expect(by_key(tab, "visits_results_confirm").locator("button")).to_be_disabled()
    assert [error for error in console_errors if "404 (Not Found)" not in error] == []
