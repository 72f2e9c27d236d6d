"""The big-number card: one figure, its sentence, the month and the source, square and portrait; real PNGs."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.command_line import uhc
from uhc.output import export, report
from uhc.store.db import Store

FEBRUARY_2025 = dt.date(2025, 2, 1)


@pytest.fixture(scope="module")
def february(demo_store_path: Path) -> report.CityMonth:
    with Store.open(demo_store_path, read_only=True) as store:
        return report.load(store, None, FEBRUARY_2025)


def _texts(figure) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for annotation in figure.layout.annotations:
        found.setdefault(annotation.name, []).append(annotation.text)
    return found


def test_the_card_says_the_figure_its_sentence_the_month_and_the_source(february):
    figure = export.card_figure(
        report.card(february, "id"), branding=february.branding, vintage=february.vintage, language="id"
    )
    texts = _texts(figure)

    # 599.996 registered of 682.900 residents = 87,86%; 98% of them is 669.242: 69.246 to go
    assert texts["card_number"] == ["<b>87,86%</b>"]
    sentence = texts["card_sentence"][0].replace("</b><br><b>", " ")
    assert sentence == "<b>warga Kota Pontianak terdaftar JKN; 69.246 warga lagi menuju 98%</b>"
    assert texts["card_month"] == ["Februari 2025"]
    assert texts["card_footer"] == [
        "Sumber: BPJS Kesehatan, Dukcapil; diolah Dinas Kesehatan Kota Pontianak",
        "Data kepesertaan Februari 2025 · penduduk Dukcapil S2 2024",
        "<b>DATA DEMO SINTETIS, bukan angka resmi</b>",
    ]
    assert texts["card_city"] == ["<b>Kota Pontianak</b>"]
    english = export.card_figure(
        report.card(february, "en"), branding=february.branding, vintage=february.vintage, language="en"
    )
    assert _texts(english)["card_number"] == ["<b>87.86%</b>"]


@pytest.mark.parametrize(("size", "pixels"), [("1080x1080", (2160, 2160)), ("1080x1350", (2160, 2700))])
def test_the_card_png_has_its_size_the_number_large_and_the_city_band(february, size, pixels):
    png = report.card_png(february, "id", size)
    with Image.open(io.BytesIO(png)) as image:
        picture = np.asarray(image.convert("RGB"), dtype=np.int16)

    assert (picture.shape[1], picture.shape[0]) == pixels
    city_blue = np.array([0x1F, 0x4E, 0x79])
    # the band across the top is the city's colour (its first 150 px at 2x, white name aside)
    band = picture[20:300, :]
    assert (np.abs(band - city_blue).sum(axis=2) < 30).mean() > 0.8
    # the number is large: city-blue ink covers a good part of the rows where it stands
    number_rows = picture[int(pixels[1] * 0.28) : int(pixels[1] * 0.44), :]
    assert (np.abs(number_rows - city_blue).sum(axis=2) < 30).mean() > 0.15
    # the rest is a white card with dark text, not the black-template failure
    assert picture[400:, :].mean() > 200


def test_the_card_from_the_command_line_keeps_its_sentence(demo_store_path, tmp_path):
    db = tmp_path / "card.duckdb"
    shutil.copy(demo_store_path, db)
    out = tmp_path / "kartu.png"
    done = uhc(
        "--db", db, "export", "card", "--period", "2025-02", "--size", "1080x1350", "--out", out,
        "--sentence", "warga Pontianak sudah punya JKN",
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    with Image.open(out) as image:
        assert image.size == (2160, 2700)
    with Store.open(db, read_only=True) as store:
        city_month = report.load(store, None, FEBRUARY_2025)
    assert report.card(city_month, "id").sentence == "warga Pontianak sudah punya JKN"
    refused = uhc("--db", db, "export", "card", "--period", "2025-02", "--size", "1600x900", "--out", out)
    assert (refused.returncode, refused.stderr) == (
        2,
        "uhc: --size must be one of 1080x1080, 1080x1350, not '1600x900'\n",
    )


def _largest_empty_band(picture: np.ndarray) -> float:
    """The tallest run of rows that are all near the white background, as a share of the height."""
    empty_rows = (np.abs(picture - 255).sum(axis=2) < 30).all(axis=1)
    longest = run = 0
    for empty in empty_rows:
        run = run + 1 if empty else 0
        longest = max(longest, run)
    return longest / picture.shape[0]


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("size", ["1080x1080", "1080x1350"])
def test_the_card_uses_its_height_without_a_wide_empty_band(february, size, language):
    # The card has five blocks (band, number, sentence, month, footer) on 1080-1350 px: spread evenly,
    # four gaps take what the blocks leave. Before the spread the portrait card had a white band of 25%
    # of its height between the month and the footer (id, 675 of 2700 px); 15% is the limit.
    png = report.card_png(february, language, size)
    with Image.open(io.BytesIO(png)) as image:
        picture = np.asarray(image.convert("RGB"), dtype=np.int16)

    assert _largest_empty_band(picture) < 0.15
