"""Press PNGs, the press set and the briefing pack: real Kaleido with Debian's Chromium, real files.

The briefing's figures are checked on a Jakarta Barat store whose eight kecamatan have figures
written here by hand (kecamatan-level recap and population, real kecamatan boundaries from
../shared/real); the PNGs on the demo store.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import signal
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader

from tests.command_line import REPO_ROOT, uhc
from uhc.output import briefing, export, report
from uhc.store.db import Store

JANUARY_2026 = dt.date(2026, 1, 1)
FEBRUARY_2025 = dt.date(2025, 2, 1)

# Jakarta Barat in January 2026, by kecamatan: population (Dukcapil, 31 December 2025) and
# registered participants; active is 82% of registered everywhere.
JAKARTA_BARAT = {
    "31.73.01": ("Cengkareng", 600_000, 570_000),
    "31.73.02": ("Grogol Petamburan", 250_000, 246_000),
    "31.73.03": ("Taman Sari", 110_000, 100_000),
    "31.73.04": ("Tambora", 270_000, 250_000),
    "31.73.05": ("Kebon Jeruk", 380_000, 375_000),
    "31.73.06": ("Kalideres", 460_000, 430_000),
    "31.73.07": ("Pal Merah", 220_000, 212_000),
    "31.73.08": ("Kembangan", 330_000, 320_000),
}
# People to enrol at 98%, worked out by hand (98% of the population, less those registered):
#   Kalideres 450.800 - 430.000 = 20.800; Cengkareng 588.000 - 570.000 = 18.000;
#   Tambora 264.600 - 250.000 = 14.600; Taman Sari 107.800 - 100.000 = 7.800;
#   Pal Merah 215.600 - 212.000 = 3.600; Kembangan 323.400 - 320.000 = 3.400;
#   Grogol Petamburan and Kebon Jeruk are above 98% (0).
LAGGING_FIVE = ["Kalideres", "Cengkareng", "Tambora", "Taman Sari", "Pal Merah"]
# The city: 2.503.000 registered of 2.620.000 = 95,5344%; 98% is 2.567.600, so 64.600 to enrol,
# at Rp42.000 for 12 months Rp32.558.400.000.


def _write_csv(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def _jakarta_barat_store(folder: Path, boundaries: Path | None) -> Path:
    """A store of Jakarta Barat with the hand-made kecamatan figures of December 2025 and January 2026."""
    db = folder / "jb.duckdb"
    population = _write_csv(
        folder / "penduduk.csv",
        "Kode;Kecamatan;Jumlah Penduduk",
        [f"{code};{name};{people}" for code, (name, people, _) in JAKARTA_BARAT.items()],
    )
    january = _write_csv(
        folder / "rekap_januari.csv",
        "Kode;Kecamatan;Jumlah Peserta;Peserta Aktif",
        [f"{code};{name};{reg};{reg * 82 // 100}" for code, (name, _, reg) in JAKARTA_BARAT.items()],
    )
    # December: Cengkareng had 1.000 fewer registered participants.
    december = _write_csv(
        folder / "rekap_desember.csv",
        "Kode;Kecamatan;Jumlah Peserta;Peserta Aktif",
        [
            f"{code};{name};{reg - (1000 if code == '31.73.01' else 0)};{reg * 82 // 100 - 1000}"
            for code, (name, _, reg) in JAKARTA_BARAT.items()
        ],
    )
    steps = [
        ("init", "--city", "31.73"),
        ("import", "population", population, "--as-of", "2025-12-31"),
        ("import", "coverage", december, "--period", "2025-12"),
        ("import", "coverage", january, "--period", "2026-01"),
    ]
    if boundaries is not None:
        steps.append(("import", "boundaries", boundaries, "--level", "kecamatan"))
    for step in steps:
        done = uhc("--db", db, *step)
        assert done.returncode == 0, (step, done.stderr)
    return db


@pytest.fixture(scope="module")
def jakarta_barat(tmp_path_factory: pytest.TempPathFactory, real_data_dir: Path) -> Path:
    """The hand-made Jakarta Barat store with the real kecamatan boundaries."""
    return _jakarta_barat_store(
        tmp_path_factory.mktemp("jakarta_barat"), real_data_dir / "jakarta_barat_kecamatan.geojson"
    )


def pixels(png: bytes) -> np.ndarray:
    with Image.open(io.BytesIO(png)) as image:
        return np.asarray(image.convert("RGB"), dtype=np.int16)


def assert_press_ready(png: bytes, size: str) -> None:
    """The requested pixel size (2x), real content, and not the black-template failure."""
    width, height = export.SIZES[size]
    picture = pixels(png)
    assert picture.shape[:2] == (height * export.SCALE, width * export.SCALE)
    # A flat image has no spread at all; a chart on white has dark text, coloured lines and fills,
    # and so has the middle of the picture, where the plot is (not only the title and footer).
    assert picture.std() > 10
    rows, columns = picture.shape[:2]
    assert picture[int(rows * 0.3) : int(rows * 0.8), int(columns * 0.2) : int(columns * 0.8)].std() > 10
    # Streamlit's template draws everything black: a press picture is mostly white paper.
    assert picture.mean() > 170
    assert (picture.sum(axis=2) < 60).mean() < 0.1


@pytest.fixture(scope="module")
def demo_january(demo_store_path: Path) -> report.CityMonth:
    with Store.open(demo_store_path, read_only=True) as store:
        return report.load(store, None, JANUARY_2026)


@pytest.fixture(scope="module")
def demo_february_2025(demo_store_path: Path) -> report.CityMonth:
    with Store.open(demo_store_path, read_only=True) as store:
        return report.load(store, None, FEBRUARY_2025)


@pytest.mark.parametrize("size", list(export.SIZES))
def test_every_press_png_has_the_requested_size_and_real_content(demo_january, size):
    made, manifest = report.press_set(demo_january, "id", size)

    assert [entry["chart"] for entry, _ in made] == [
        "cakupan-tren",
        "peta-kecamatan",
        "peringkat-kecamatan",
        "cakupan-kecamatan-tren",
        "segmen",
        "keaktifan-tren",
        "perubahan-bulan",
    ]
    for entry, png in made:
        assert_press_ready(png, size)
        width, height = export.SIZES[size]
        assert entry["pixels"] == [width * 2, height * 2]
    assert manifest["files"] == [entry for entry, _ in made]
    assert manifest["left_out"] == []


def test_the_same_chart_of_two_periods_gives_two_different_pictures(demo_january, demo_february_2025):
    january = dict((entry["chart"], png) for entry, png in report.press_set(demo_january, "id", "1600x900")[0])
    february = dict((entry["chart"], png) for entry, png in report.press_set(demo_february_2025, "id", "1600x900")[0])

    for chart, png in january.items():
        assert not np.array_equal(pixels(png), pixels(february[chart])), chart


def test_a_press_figure_carries_title_subtitle_source_vintage_and_the_demo_label(demo_february_2025):
    chart = report.press_charts(demo_february_2025, "id")[0]
    figure = export.press_figure(
        chart.figure,
        title=chart.title,
        subtitle=chart.subtitle,
        branding=demo_february_2025.branding,
        vintage=demo_february_2025.vintage,
        language="id",
    )

    assert figure.layout.template.layout.paper_bgcolor == "#ffffff"  # explicit, never Streamlit's
    assert figure.layout.separators == ",."
    # 98% of 682.900 residents is 669.242; 599.996 are registered: 69.246 to go, at the pace of the
    # last 12 months ((87,86 - 80,06) / 12 points a month) in 16 months; the headline says that pace
    # is its basis, and wraps onto a second line at the title's width, never inside "12 bulan" or
    # "Juni 2026" (no-break spaces)
    assert figure.layout.title.text == (
        "<b>Cakupan JKN Kota Pontianak 87,86%: 69.246 warga lagi menuju 98%; dengan laju</b><br>"
        "<b>12\u00a0bulan terakhir sekitar Juni\u00a02026</b>"
    )
    assert figure.layout.title.subtitle.text == "Kota Pontianak · Januari 2022 – Februari 2025"
    footer = [annotation.text for annotation in figure.layout.annotations]
    assert "Sumber: BPJS Kesehatan, Dukcapil; diolah Dinas Kesehatan Kota Pontianak" in footer
    assert "Data kepesertaan Februari 2025 · penduduk Dukcapil S2 2024" in footer
    assert "<b>DATA DEMO SINTETIS, bukan angka resmi</b>" in footer
    assert "<b>Kota Pontianak</b>" in footer
    # the target line of the coverage chart is kept
    assert "Target cakupan" in [trace.name for trace in figure.data]
    assert (figure.layout.width, figure.layout.height) == (1600, 900)


def test_the_ranking_lists_kecamatan_by_people_to_enrol(jakarta_barat):
    with Store.open(jakarta_barat, read_only=True) as store:
        city_month = report.load(store, "31.73", JANUARY_2026)
    ranking = report.press_charts(city_month, "id")[2]
    bars = ranking.figure.data[0]

    assert ranking.stem == "peringkat-kecamatan"
    # Plotly draws the first category at the bottom: the most people to enrol come last.
    assert [label.split("<br>")[0] for label in bars.y][::-1][:6] == [*LAGGING_FIVE, "Kembangan"]
    assert list(bars.x)[::-1][:6] == [20_800, 18_000, 14_600, 7_800, 3_600, 3_400]
    assert bars.text[-1] == "20.800 orang"


def test_concurrent_exports_each_get_their_own_picture(demo_january):
    charts = report.press_charts(demo_january, "id")
    jobs = [
        (chart, size)
        for chart, size in zip(charts[:4], ["1600x900", "1080x1080", "1200x1500", "1080x1080"], strict=True)
    ]
    alone = [report.press_chart_png(demo_january, chart, "id", size) for chart, size in jobs]
    together: list[bytes | None] = [None] * len(jobs)
    start = threading.Barrier(len(jobs))

    def render(index: int) -> None:
        chart, size = jobs[index]
        start.wait()
        together[index] = report.press_chart_png(demo_january, chart, "id", size)

    threads = [threading.Thread(target=render, args=(index,)) for index in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    for index, (chart, size) in enumerate(jobs):
        assert together[index] is not None, chart.stem
        assert_press_ready(together[index], size)
        assert np.array_equal(pixels(together[index]), pixels(alone[index])), chart.stem


def test_the_press_set_from_the_command_line_writes_every_file_of_its_manifest(demo_store_path, tmp_path):
    out = tmp_path / "pers"
    done = uhc(
        "--db", demo_store_path, "export", "charts", "--period", "2026-01", "--city", "Kota Pontianak",
        "--size", "1080x1080", "--out", out,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["city_code"] == "61.71"
    assert manifest["period"] == "2026-01"
    assert manifest["vintage"] == {"bpjs_month": "2026-01", "population_as_of": "2025-12-31"}
    assert manifest["demo_data"] is True
    assert [entry["file"] for entry in manifest["files"]] == [
        "cakupan-tren_61.71_2026-01_1080x1080.png",
        "peta-kecamatan_61.71_2026-01_1080x1080.png",
        "peringkat-kecamatan_61.71_2026-01_1080x1080.png",
        "cakupan-kecamatan-tren_61.71_2026-01_1080x1080.png",
        "segmen_61.71_2026-01_1080x1080.png",
        "keaktifan-tren_61.71_2026-01_1080x1080.png",
        "perubahan-bulan_61.71_2026-01_1080x1080.png",
    ]
    # the headline says the finding: Pontianak Timur (1.870) and Utara (5.669) below 98%, see test_press_wording
    assert manifest["files"][1]["title"] == "2 dari 6 kecamatan di Kota Pontianak belum mencapai 98%"
    assert manifest["files"][1]["subtitle"] == "Kota Pontianak · Januari 2026"
    for entry in manifest["files"]:
        assert_press_ready((out / entry["file"]).read_bytes(), "1080x1080")
    assert sorted(path.name for path in out.iterdir()) == sorted(
        [*(e["file"] for e in manifest["files"]), "manifest.json"]
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("charts", "--period", "2031-01", "--out", "x", "--lang", "en"),
            "uhc: No coverage data for 2031-01 under region 61.71. Months with data: 2022-01 to 2026-01 (49 months).\n",
        ),
        (
            ("charts", "--period", "Jan 2026", "--out", "x"),
            "uhc: 'Jan 2026' is not a month; write it as YYYY-MM, for example 2025-06\n",
        ),
        (
            ("charts", "--period", "2026-01", "--size", "800x600", "--out", "x"),
            "uhc: --size must be one of 1600x900, 1080x1080, 1200x1500, not '800x600'\n",
        ),
        (
            ("briefing", "--period", "2026-01", "--out", "brief.docx"),
            "uhc: --out must end in .pdf (A4 briefing) or .pptx (slides), not 'brief.docx'\n",
        ),
        (
            ("charts", "--period", "2026-01", "--city", "31.73", "--out", "x", "--lang", "en"),
            "uhc: No coverage data for city 31.73. Cities with data: 61.71 Kota Pontianak.\n",
        ),
        (  # the same in Bahasa Indonesia, the default language
            ("charts", "--period", "2026-01", "--city", "31.73", "--out", "x"),
            "uhc: Tidak ada data cakupan untuk kota 31.73. Kota dengan data: 61.71 Kota Pontianak.\n",
        ),
    ],
)
def test_exports_that_cannot_be_made_exit_2_with_the_reason_and_write_nothing(demo_store_path, tmp_path, args, message):
    kind, *rest = args
    rest = [str(tmp_path / value) if value in ("x", "brief.docx") else value for value in rest]
    done = uhc("--db", demo_store_path, "export", kind, *rest)

    assert done.returncode == 2
    assert done.stderr.replace(str(tmp_path) + "/", "") == message
    assert list(tmp_path.iterdir()) == []


def test_a_city_without_boundaries_or_segments_gets_the_press_set_without_those_pictures(tmp_path):
    db = _jakarta_barat_store(tmp_path, boundaries=None)
    out = tmp_path / "pers"
    done = uhc("--db", db, "export", "charts", "--period", "2026-01", "--out", out)

    assert done.returncode == 0, done.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    # the recaps give totals only (no PBI/PPU/PBPU/BP split): no segment picture either
    assert [entry["chart"] for entry in manifest["files"]] == [
        "cakupan-tren",
        "peringkat-kecamatan",
        "cakupan-kecamatan-tren",
        "keaktifan-tren",
        "perubahan-bulan",
    ]
    assert manifest["left_out"] == [
        {
            "chart": "peta-kecamatan",
            "title": "Cakupan kepesertaan JKN per kecamatan",
            "reason": "batas wilayah kecamatan belum tersimpan (impor di halaman Data atau dengan "
            "python -m uhc import boundaries)",
        },
        {
            "chart": "segmen",
            "title": "Peserta JKN terdaftar menurut segmen",
            "reason": "rekap kepesertaan tidak memuat rincian segmen",
        },
    ]
    assert done.stdout.splitlines()[-2:] == [
        "Tidak dibuat: peta-kecamatan: batas wilayah kecamatan belum tersimpan (impor di halaman Data atau dengan "
        "python -m uhc import boundaries)",
        "Tidak dibuat: segmen: rekap kepesertaan tidak memuat rincian segmen",
    ]
    brief = uhc("--db", db, "export", "briefing", "--period", "2026-01", "--out", tmp_path / "b.pdf")
    assert brief.returncode == 0, brief.stderr
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(tmp_path / "b.pdf").pages)
    assert "Batas wilayah kecamatan belum tersimpan, sehingga peta tidak ditampilkan." in text


def test_a_city_at_the_target_with_lagging_kecamatan_says_why_the_figures_differ(demo_january):
    # January 2026: the city is at 99,05%, so it needs no one, but Pontianak Utara needs 5.669 and
    # Pontianak Timur 1.870: 7.539 people, 7.539 x 42.000 x 12 = Rp3.799.656.000
    assert report.kecamatan_total_sentences(demo_january, "id") == [
        "Semua kecamatan yang belum mencapai target bersama-sama membutuhkan 7.539 orang (Rp3,8 miliar setahun); "
        "angka kota lebih kecil (0 orang) karena kecamatan dengan cakupan di atas target menutupi kekurangan "
        "kecamatan lain."
    ]


def test_kecamatan_rounded_up_one_by_one_are_no_reason_for_that_sentence(demo_february_2025):
    # February 2025: all six kecamatan are short of 98% and need 69.248 together, two more than the
    # city's 69.246 only because each kecamatan's need is rounded up to a whole person
    assert report.kecamatan_total_sentences(demo_february_2025, "id") == []


def test_the_first_month_of_a_store_has_no_trends_and_no_changes(demo_store_path, tmp_path):
    out = tmp_path / "pers"
    done = uhc("--db", demo_store_path, "export", "charts", "--period", "2022-01", "--lang", "en", "--out", out)

    assert done.returncode == 0, done.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [entry["chart"] for entry in manifest["files"]] == ["peta-kecamatan", "peringkat-kecamatan"]
    reason = "a trend needs at least two months of data (1 available)"
    assert [(left["chart"], left["reason"]) for left in manifest["left_out"]] == [
        ("cakupan-tren", reason),
        ("cakupan-kecamatan-tren", reason),
        ("segmen", reason),
        ("keaktifan-tren", reason),
        ("perubahan-bulan", "no kecamatan figures of December 2021 to compare with"),
    ]
    with Store.open(demo_store_path, read_only=True) as store:
        city_month = report.load(store, None, dt.date(2022, 1, 1))
    brief = briefing.briefing(city_month, "id", dt.datetime(2026, 11, 24))
    assert brief.trend_png is None
    # no month before January 2022, no year before: every change is a dash
    assert {row[2] for row in brief.kpi_rows} == {"–"} and {row[3] for row in brief.kpi_rows} == {"–"}
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(briefing.pdf_bytes(brief))).pages
    )
    assert "Tren butuh data minimal dua bulan; Januari 2022 adalah bulan pertama yang tersimpan." in text


def test_an_out_path_of_the_wrong_kind_is_refused(demo_store_path, tmp_path):
    a_file = tmp_path / "pers"
    a_file.write_text("", encoding="utf-8")

    charts = uhc("--db", demo_store_path, "export", "charts", "--period", "2026-01", "--out", a_file)
    briefing_ = uhc("--db", demo_store_path, "export", "briefing", "--period", "2026-01", "--out", tmp_path)

    assert (charts.returncode, briefing_.returncode) == (2, 2)
    assert charts.stderr == f"uhc: --out must be a folder for the pictures and manifest.json; {a_file} is a file\n"
    assert briefing_.stderr == (
        f"uhc: --out must name the file to write (briefing.pdf or briefing.pptx); {tmp_path} is a folder\n"
    )
    assert [path.name for path in tmp_path.iterdir()] == ["pers"]


def test_the_briefing_pdf_has_two_pages_of_real_text(jakarta_barat, tmp_path):
    out = tmp_path / "briefing.pdf"
    done = uhc("--db", jakarta_barat, "export", "briefing", "--period", "2026-01", "--out", out)

    assert done.returncode == 0, done.stderr
    reader = PdfReader(out)
    assert len(reader.pages) == 2
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.1)  # A4: 210 x 297 mm
    assert reader.pages[0].mediabox.height == pytest.approx(841.89, abs=0.1)
    first, second = (" ".join(page.extract_text().split()) for page in reader.pages)
    # the first page holds the decisions, the figures and the kecamatan list; the second the map,
    # the trend and the sources
    assert "Kota Administrasi Jakarta Barat · Januari 2026" in first
    # 2.503.000 / 2.620.000; December had 1.000 fewer: +1.000 / 2.620.000 = +0,04 points
    assert "Cakupan kepesertaan 95,53% +0,04 poin" in first
    assert "Belum UHC: cakupan 95,53% (syarat ≥ 98%), keaktifan 82,00% (syarat ≥ 80%)." in first
    assert "masih kurang 64.600 peserta terdaftar" in first
    # the decisions, each with its cost and the figure it rests on: 64.600 x Rp42.000 x 12 =
    # Rp32.558.400.000; no quota stored; keaktifan 82% everywhere, so nobody to reactivate for 80%
    decisions = first[first.index("Keputusan yang diperlukan") : first.index("Biaya: orang")]
    assert (
        "Anggarkan 64.600 tempat PBI APBD baru (12 bulan) Rp32,6 miliar Cakupan 95,53%: 2.503.000 terdaftar dari "
        "2.620.000 penduduk; target 98%"
    ) in decisions
    assert "Tetapkan kuota PBI APBD 2026 – Belum ada kuota tersimpan: python -m uhc quota --city 31.73" in decisions
    # non-active: 2.503.000 - 2.052.460 (82% of each kecamatan's registered) = 450.540
    assert (
        "Tidak perlu reaktivasi untuk keaktifan ≥ 80% Rp0 Keaktifan kota 82,00% (syarat UHC ≥ 80%); 450.540"
        in decisions
    )
    assert "Naik ke UHC Awards Pratama: tambah 64.600 peserta terdaftar (cakupan) Rp32,6 miliar" in decisions
    # December: 1.000 fewer registered in Cengkareng, 1.000 fewer active in each of the 8 kecamatan;
    # keaktifan 2.052.460 / 2.503.000 = 82,00% against 2.044.460 / 2.502.000 = 81,71%
    assert (
        "Sejak Desember 2025: terdaftar +1.000 orang, aktif +8.000 orang, cakupan kepesertaan +0,04 poin, "
        "keaktifan +0,29 poin."
    ) in first
    # the five kecamatan with the most people to enrol, most first, with their coverage and cost
    heading = "Kecamatan dengan penduduk terbanyak yang perlu didaftarkan (target 98%)"
    rows = first[first.index(heading) : first.index("Diurutkan")]
    assert [name for name in LAGGING_FIVE if name in rows] == LAGGING_FIVE
    assert [rows.index(name) for name in LAGGING_FIVE] == sorted(rows.index(name) for name in LAGGING_FIVE)
    assert "Kembangan" not in rows
    assert "Kalideres 93,48% 20.800 Rp10,5 miliar" in rows  # 430.000 / 460.000; 20.800 x 42.000 x 12
    # the six kecamatan short of 98% need 20.800 + 18.000 + 14.600 + 7.800 + 3.600 + 3.400 = 68.200,
    # more than the city's 64.600 (Grogol Petamburan and Kebon Jeruk are above the target);
    # 68.200 x 42.000 x 12 = Rp34.372.800.000
    assert (
        "Semua kecamatan yang belum mencapai target bersama-sama membutuhkan 68.200 orang (Rp34,4 miliar "
        "setahun); angka kota lebih kecil (64.600 orang)"
    ) in first
    assert "Kepesertaan: BPJS Kesehatan, rekap bulan Januari 2026." in second
    assert "Penduduk: Dukcapil S2 2025 (posisi 31 Desember 2025)." in second
    assert f"dibuat {dt.date.today().day} " in second


def test_the_briefing_in_english_uses_english_words_and_formats(jakarta_barat):
    with Store.open(jakarta_barat, read_only=True) as store:
        city_month = report.load(store, "31.73", JANUARY_2026)
    reader = PdfReader(
        io.BytesIO(briefing.pdf_bytes(briefing.briefing(city_month, "en", dt.datetime(2026, 11, 24, 9, 30))))
    )
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)

    assert "Not UHC yet: coverage 95.53% (needs ≥ 98%), activity 82.00%" in text
    assert "Kecamatan with the most residents still to enrol (98% target)" in text
    assert "Made 24 Nov 2026 09:30" in text


def test_the_briefing_as_slides(jakarta_barat):
    from pptx import Presentation

    with Store.open(jakarta_barat, read_only=True) as store:
        city_month = report.load(store, "31.73", JANUARY_2026)
    deck = Presentation(io.BytesIO(briefing.pptx_bytes(briefing.briefing(city_month, "id", dt.datetime(2026, 11, 24)))))
    texts = [
        " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        + " ".join(
            cell.text for shape in slide.shapes if shape.has_table for row in shape.table.rows for cell in row.cells
        )
        for slide in deck.slides
    ]
    pictures = [sum(shape.shape_type == 13 for shape in slide.shapes) for slide in deck.slides]

    assert len(deck.slides) == 6
    assert pictures == [0, 0, 1, 1, 0, 0]  # the map, the trend
    assert "95,53%" in texts[0]
    assert "Anggarkan 64.600 tempat PBI APBD baru (12 bulan)" in texts[1] and "Rp32,6 miliar" in texts[1]
    assert "Kalideres" in texts[4] and "Kembangan" not in texts[4]


def test_the_logo_and_agency_from_settings_sign_the_pictures(demo_store_path, tmp_path):
    db = tmp_path / "signed.duckdb"
    db.write_bytes(demo_store_path.read_bytes())
    logo = tmp_path / "logo.png"
    Image.new("RGB", (400, 200), "#8e44ad").save(logo)

    done = uhc("--db", db, "settings", "--instansi", "Dinas Kesehatan Kota Pontianak (Bidang P2P)", "--logo", logo)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "61.71 instansi: Dinas Kesehatan Kota Pontianak (Bidang P2P)\n61.71 logo: stored\n"
    with Store.open(db, read_only=True) as store:
        city_month = report.load(store, None, JANUARY_2026)
    chart = report.press_charts(city_month, "id")[0]
    picture = pixels(report.press_chart_png(city_month, chart, "id", "1600x900"))

    assert city_month.branding.agency("id") == "Dinas Kesehatan Kota Pontianak (Bidang P2P)"
    # the logo's purple stands in the top right corner (2x scale: 84 px tall -> 168)
    corner = picture[40:200, 2800:3160]
    assert (np.abs(corner - np.array([0x8E, 0x44, 0xAD])).sum(axis=2) < 30).mean() > 0.3
    # the briefing carries it too: page 1 has the logo beside the map, the slides have it on the first
    made = dt.datetime(2026, 11, 24)
    brief = briefing.briefing(city_month, "id", made)
    first_page = PdfReader(io.BytesIO(briefing.pdf_bytes(brief))).pages[0]
    logos = [image for image in first_page.images if image.image.size == (400, 200)]
    assert len(logos) == 1 and len(first_page.images) == 1
    assert "Diolah oleh Dinas Kesehatan Kota Pontianak (Bidang P2P) dengan uhc-dashboard" in " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(briefing.pdf_bytes(brief))).pages
    )


def test_a_file_that_is_no_image_is_refused_as_a_logo_and_nothing_changes(demo_store_path, tmp_path):
    db = tmp_path / "signed.duckdb"
    db.write_bytes(demo_store_path.read_bytes())
    not_a_logo = tmp_path / "logo.png"
    not_a_logo.write_text("Kode;Nama\n", encoding="utf-8")

    done = uhc("--db", db, "settings", "--instansi", "Dinkes", "--logo", not_a_logo)

    assert done.returncode == 2
    assert done.stderr == f"uhc: {not_a_logo} is not a PNG or JPEG image; nothing was changed\n"
    with Store.open(db, read_only=True) as store:
        stored = dict(store.run("setting").iter_rows())
    assert stored == {"demo_city": "61.71"}


def _offline(command: list[str]) -> list[str]:
    """``command`` in a network namespace of its own: only a loopback that is down, no route anywhere."""
    unshare = ["unshare", "--net"] if os.geteuid() == 0 else ["unshare", "--net", "--map-root-user"]
    return [*unshare, *command]


def test_exports_work_with_the_network_unreachable(demo_store_path, tmp_path):
    probe = subprocess.run(
        _offline([sys.executable, "-c", "import socket; socket.create_connection(('1.1.1.1', 443), timeout=3)"]),
        capture_output=True,
        text=True,
    )
    assert probe.returncode != 0 and "Network is unreachable" in probe.stderr, probe.stderr

    environment = {key: value for key, value in os.environ.items() if key != "UHC_DB"}
    for args in (
        ["export", "charts", "--period", "2025-06", "--out", str(tmp_path / "pers")],
        ["export", "briefing", "--period", "2025-06", "--out", str(tmp_path / "brief.pdf")],
    ):
        done = subprocess.run(
            _offline([sys.executable, "-m", "uhc", "--db", str(demo_store_path), *args]),
            cwd=REPO_ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert done.returncode == 0, done.stderr
    manifest = json.loads((tmp_path / "pers" / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        assert_press_ready((tmp_path / "pers" / entry["file"]).read_bytes(), "1600x900")
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "brief.pdf").pages)
    assert "98,14%" in " ".join(text.split())  # June 2025: 674.242 / 687.031


def test_the_press_set_zip_holds_the_pictures_and_the_manifest(demo_january):
    with zipfile.ZipFile(io.BytesIO(report.press_set_zip(demo_january, "en", "1200x1500"))) as archive:
        names = archive.namelist()
        manifest = json.loads(archive.read("manifest.json"))
        first = archive.read(names[0])

    assert names[-1] == "manifest.json"
    assert [entry["file"] for entry in manifest["files"]] == names[:-1]
    assert manifest["files"][0]["title"] == "JKN coverage in Kota Pontianak 99.05%: the 98% target is met"
    assert manifest["source"] == "Source: BPJS Kesehatan, Dukcapil; processed by the Kota Pontianak Health Office"
    assert_press_ready(first, "1200x1500")


def _chromium_under_this_process() -> list[int]:
    """PIDs of the Chromium processes this test process started (Kaleido's browser), from /proc."""
    parents, names = {}, {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            names[int(entry.name)] = stat[stat.index("(") + 1 : stat.rindex(")")]
            parents[int(entry.name)] = int(stat[stat.rindex(")") + 2 :].split()[1])

    def under_us(pid: int) -> bool:
        while pid > 1 and pid in parents:
            pid = parents[pid]
            if pid == os.getpid():
                return True
        return False

    return [pid for pid, name in names.items() if "chrom" in name and under_us(pid)]


def test_an_export_after_chromium_died_starts_a_new_one(demo_january):
    chart = report.press_charts(demo_january, "id")[2]
    before = report.press_chart_png(demo_january, chart, "id", "1080x1080")
    browsers = _chromium_under_this_process()
    assert browsers  # Kaleido's Chromium runs under this process
    for pid in browsers:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)

    after = report.press_chart_png(demo_january, chart, "id", "1080x1080")

    assert np.array_equal(pixels(after), pixels(before))
    assert set(_chromium_under_this_process()).isdisjoint(browsers)


def test_each_city_of_a_store_keeps_its_own_agency(demo_store_path, tmp_path):
    db = tmp_path / "two.duckdb"
    db.write_bytes(demo_store_path.read_bytes())
    assert uhc("--db", db, "init", "--city", "36.73").returncode == 0

    unnamed = uhc("--db", db, "settings", "--instansi", "Dinas Kesehatan Kota Serang")
    assert unnamed.returncode == 2
    assert unnamed.stderr == (
        "uhc: the store holds several kab/kota (36.73 Kota Serang, 61.71 Kota Pontianak): say which with --city CODE\n"
    )
    named = uhc("--db", db, "settings", "--city", "Kota Serang", "--instansi", "Dinas Kesehatan Kota Serang")
    assert named.returncode == 0, named.stderr

    with Store.open(db, read_only=True) as store:
        pontianak = report.load(store, "61.71", JANUARY_2026)
        settings = dict(store.run("setting").iter_rows())
    assert settings["export_instansi:36.73"] == "Dinas Kesehatan Kota Serang"
    assert pontianak.branding.agency("id") == "Dinas Kesehatan Kota Pontianak"


def test_the_ekspor_preview_is_the_download_at_a_quarter_of_its_pixels(demo_january):
    chart = report.press_charts(demo_january, "id")[0]
    download = Image.open(io.BytesIO(report.press_chart_png(demo_january, chart, "id", "1600x900")))
    preview = Image.open(
        io.BytesIO(report.press_chart_png(demo_january, chart, "id", "1600x900", export.PREVIEW_SCALE))
    )

    # 1600 x 900 layout pixels: x 2 for the download (3200 x 1800), x 0,5 for the preview (800 x 450)
    assert download.size == (3200, 1800)
    assert preview.size == (800, 450)
    # the same picture: the download shrunk to 800 x 450 differs from the preview by little on average
    shrunk = np.asarray(download.convert("RGB").resize((800, 450), Image.Resampling.BOX), dtype=float)
    assert np.abs(shrunk - np.asarray(preview.convert("RGB"), dtype=float)).mean() < 12
