"""The Pendataan page in a real headless Chromium, on the demo with its synthetic people: a viewer sees
the counts and a login form, an editor the persons to visit by name; at 1366 px and on a 390 px phone.
Screenshots go to test-artifacts/pendataan_*.png.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
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


def test_an_editor_uploads_a_filled_sheet_and_the_second_upload_changes_nothing(
    tab,  # noqa: F811
    people_store,  # noqa: F811
    tmp_path,
    console_errors,  # noqa: F811
):
    with Store.open(people_store, read_only=True) as store:
        persons = store.run("match_person_of_area", run_id=1, kemendagri_code="61.71.01.1002")
    first = persons.filter((pl.col("category") == "to_visit") & (pl.col("side") == "register")).row(0, named=True)
    reference = f"1-R{first['batch_id']}-{first['source_row']}"  # campaign.Reference: run 1, register side
    sheet = tmp_path / "hasil-benuamelayu-laut.csv"
    # one cadre's row: 6 = not at address, visited today (not before the run, not in the future)
    sheet.write_text(f"Kode;Hasil (1-8);Tanggal;Kader\n{reference};6;{dt.date.today():%d-%m-%Y};Tim Mawar\n")
    with _serve(people_store, tmp_path) as url:
        tab.goto(f"{url}/pendataan")
        log_in(tab)
        expect(tab.get_by_role("heading", name="Hasil kunjungan kembali")).to_be_visible()
        tab.locator("input[type=file]").set_input_files(sheet)
        confirm = by_key(tab, "visits_results_confirm").locator("button")
        expect(confirm).to_be_enabled()
        shot(tab, "pendataan_results_report")
        confirm.click()
        expect(tab.get_by_text("Tersimpan sebagai batch")).to_be_visible()
        shot(tab, "pendataan_results_saved")
        tab.goto("about:blank")  # off the page before its server stops (no refused reconnections)
    with Store.open(people_store, read_only=True) as store:
        saved = store.run("campaign_result_in_force")
    assert saved.select("result", "cadre").rows() == [("not_at_address", "Tim Mawar")]
    with _serve(people_store, tmp_path) as url:  # the same sheet again: nothing new, Simpan stays off
        tab.goto(f"{url}/pendataan")
        log_in(tab)
        tab.locator("input[type=file]").set_input_files(sheet)
        expect(by_key(tab, "visits_results_confirm").locator("button")).to_be_disabled()
    assert [error for error in console_errors if "404 (Not Found)" not in error] == []
