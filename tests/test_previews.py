"""The Ekspor page's previews drawn ahead (uhc.ui.previews through uhc.ui.exports) on a real store and Kaleido:
"Pratinjau" shows the picture drawn in the background, and a write makes it unused."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import shutil
import threading
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from uhc.output import export, report
from uhc.ui import connection, exports, previews

CITY, JANUARY_2026, SIZE = "61.71", dt.date(2026, 1, 1), "1600x900"
DEFAULT = report.Wording()
RENDER_TIMEOUT_S = 120


@pytest.fixture
def store_copy(demo_store_path: Path, tmp_path: Path) -> str:
    path = tmp_path / "copy.duckdb"
    shutil.copy(demo_store_path, path)
    connection.hold_store(str(path))
    previews.clear()
    yield str(path)
    previews.clear()


def drawn_ahead(db: str, stem: str) -> bytes:
    """Draw ``stem``'s preview ahead and wait for the background renderer to finish it."""
    exports.press_previews_ahead(db, CITY, JANUARY_2026, "id", SIZE, {stem: DEFAULT})
    key = previews.key(db, CITY, JANUARY_2026, "id", SIZE, stem, DEFAULT, export.PREVIEW_SCALE)
    return previews._pictures[key].result(timeout=RENDER_TIMEOUT_S)


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=float)


def test_pratinjau_shows_the_preview_drawn_ahead_and_it_is_the_download_shrunk(store_copy):
    stem = report.press_charts(exports.city_month(store_copy, CITY, JANUARY_2026), "id")[0].stem
    ahead = drawn_ahead(store_copy, stem)

    shown = exports.press_preview(store_copy, CITY, JANUARY_2026, "id", SIZE, stem, DEFAULT, export.PREVIEW_SCALE)
    download = exports.press_preview(store_copy, CITY, JANUARY_2026, "id", SIZE, stem, DEFAULT)

    assert shown == ahead  # the very picture of the background renderer, not drawn again
    # 1600 x 900 layout pixels: x 0,5 for the preview (800 x 450), x 2 for the download (3200 x 1800)
    assert Image.open(io.BytesIO(shown)).size == (800, 450)
    assert Image.open(io.BytesIO(download)).size == (3200, 1800)
    shrunk = Image.open(io.BytesIO(download)).convert("RGB").resize((800, 450), Image.Resampling.BOX)
    assert np.abs(np.asarray(shrunk, dtype=float) - pixels(shown)).mean() < 12


def test_a_write_gives_a_new_preview_not_the_one_drawn_before_it(store_copy):
    stem = report.press_charts(exports.city_month(store_copy, CITY, JANUARY_2026), "id")[0].stem
    before = drawn_ahead(store_copy, stem)

    def new_agency(store):
        with store.transaction():
            store.execute("upsert_setting", key=f"{export.SETTING_INSTANSI}:{CITY}", value="Dinas Uji Pratinjau")

    connection.write_store(new_agency, store_copy, changes_figures=True)
    after = exports.press_preview(store_copy, CITY, JANUARY_2026, "id", SIZE, stem, DEFAULT, export.PREVIEW_SCALE)

    assert after != before
    # the picture itself changed (the agency's line in its frame), not only its bytes
    assert np.abs(pixels(after) - pixels(before)).max() > 0
    # and drawn ahead again after the write, the same new picture
    assert drawn_ahead(store_copy, stem) == after


def test_the_kept_previews_are_bounded_and_one_renderer_draws_them(store_copy):
    made: list[int] = []
    jobs = [(("test", number), lambda number=number: made.append(number) or b"%d" % number) for number in range(40)]

    previews.draw_ahead(jobs)
    assert previews._pictures[("test", 39)].result(timeout=RENDER_TIMEOUT_S) == b"39"
    assert previews.picture(("test", 39), lambda: b"made now") == b"39"

    # 40 asked, 32 kept: the eight oldest were dropped before they were drawn
    assert len(previews._pictures) == previews.KEPT == 32
    assert all(number >= 8 for number in made)
    assert previews.picture(("test", 0), lambda: b"made now") == b"made now"
    # at most WORKERS threads draw (two: one builds a figure while Kaleido draws the one before)
    assert [thread.name for thread in threading.enumerate()].count("uhc-previews-ahead") <= previews.WORKERS == 2


def test_at_the_server_s_start_the_latest_month_is_drawn_ahead_in_both_languages(store_copy, monkeypatch):
    # serve.py's lifespan, as `streamlit run serve.py` runs it: the demo's latest month is January 2026,
    # seven press pictures in it (report.PRESS_STEMS, none left out), in Indonesian and English: 14 asked
    monkeypatch.setenv("UHC_DB", store_copy)
    import serve

    async def start() -> None:
        async with serve._holding_the_store(None):
            pass

    asyncio.run(start())
    for thread in threading.enumerate():
        if thread.name == "uhc-previews-at-start":
            thread.join(timeout=RENDER_TIMEOUT_S)
    for language in ("id", "en"):
        wordings = exports.untouched_wordings(store_copy, CITY, JANUARY_2026, language)
        assert len(wordings) == 7
        for stem, wording in wordings.items():
            key = previews.key(store_copy, CITY, JANUARY_2026, language, SIZE, stem, wording, export.PREVIEW_SCALE)
            assert key in previews._pictures, (language, stem)
    assert len(previews._pictures) == 14
    # what "Pratinjau" shows is the picture drawn at the start, not one drawn again
    stem, wording = next(iter(exports.untouched_wordings(store_copy, CITY, JANUARY_2026, "en").items()))
    key = previews.key(store_copy, CITY, JANUARY_2026, "en", SIZE, stem, wording, export.PREVIEW_SCALE)
    ahead = previews._pictures[key].result(timeout=RENDER_TIMEOUT_S)
    assert (
        exports.press_preview(store_copy, CITY, JANUARY_2026, "en", SIZE, stem, wording, export.PREVIEW_SCALE) is ahead
    )


def test_the_ekspor_page_asks_ahead_for_the_very_wordings_its_forms_show(store_copy, monkeypatch):
    # The page asks for its previews before it draws its forms (untouched_wordings) and again at its end
    # with what the forms returned: the same seven pictures when nothing was edited, not fourteen.
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("UHC_DB", store_copy)
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "dashboard.py"), default_timeout=60)
    at.switch_page("pages/ekspor.py").run()
    assert not at.exception
    asked = [key for key in previews._pictures if key[1:5] == (store_copy, CITY, JANUARY_2026, "id")]
    assert len(asked) == len(previews._pictures) == 7


def test_at_the_start_only_the_city_the_dashboard_opens_on_is_drawn_ahead(tmp_path, monkeypatch):
    # Two cities: the Serang-like store (36.73, December 2025 only), then the demo city added (61.71).
    # The sidebar opens on the first by code, 36.73; a store of every kab/kota would otherwise queue
    # seven pictures per city and language at every start.
    from command_line import uhc
    from serang_like import CITY as SERANG
    from serang_like import serang_like_store

    db = serang_like_store(tmp_path)
    added = uhc("--db", db, "init", "--demo", "--no-people")
    assert added.returncode == 0, added.stderr
    connection.hold_store(str(db))
    previews.clear()
    try:
        december = dt.date(2025, 12, 1)
        expected = {
            previews.key(str(db), SERANG, december, language, SIZE, stem, wording, export.PREVIEW_SCALE)
            for language in ("id", "en")
            for stem, wording in exports.untouched_wordings(str(db), SERANG, december, language).items()
        }
        assert exports.latest_previews_ahead(str(db)) == len(expected) > 0
        assert set(previews._pictures) == expected  # none of Pontianak's
    finally:
        previews.clear()
