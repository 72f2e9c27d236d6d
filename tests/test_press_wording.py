"""A press picture's wording: the headline states the finding, and the city keeps what its editor wrote.

Real demo store (copied where a test writes), real Kaleido PNGs through the command line.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from tests.command_line import uhc
from uhc.output import export, report
from uhc.store.db import Store

JANUARY_2026 = dt.date(2026, 1, 1)
FEBRUARY_2025 = dt.date(2025, 2, 1)


def _load(path: Path, period: dt.date) -> report.CityMonth:
    with Store.open(path, read_only=True) as store:
        return report.load(store, None, period)


def test_each_default_headline_states_its_finding(demo_store_path):
    february, january = _load(demo_store_path, FEBRUARY_2025), _load(demo_store_path, JANUARY_2026)

    # February 2025: 98% of 682.900 residents is 669.242; 599.996 registered, 69.246 to go
    # (the press figure 87,86%). January 2026, Pontianak Utara: 98% of its 142.782 residents is
    # 139.926,36, rounded up 139.927, less 134.258 registered = 5.669; Timur: 94.044,72 -> 94.045
    # - 92.175 = 1.870; the four others are above 98%. February 2025's pace: February 2024 was
    # 542.359 / 677.402 = 80,06%, so (87,86 - 80,06) / 12 = 0,650 points a month, and the 10,14
    # points to 98% take 15,6 -> 16 months: June 2026.
    february_titles = {chart.stem: chart.title for chart in report.press_charts(february, "id")}
    assert february_titles["cakupan-tren"] == (
        "Cakupan JKN Kota Pontianak 87,86%: 69.246 warga lagi menuju 98%; dengan laju 12\u00a0bulan terakhir sekitar Juni\u00a02026"
    )
    # every kecamatan was below 98% (the highest, Pontianak Kota, at 92,13%)
    assert february_titles["peta-kecamatan"] == "Semua 6 kecamatan di Kota Pontianak belum mencapai 98%"
    assert {chart.stem: chart.title for chart in report.press_charts(january, "id")} == {
        # 683.706 / 690.277 = 99,05%
        "cakupan-tren": "Cakupan JKN Kota Pontianak 99,05%: target 98% tercapai",
        "peta-kecamatan": "2 dari 6 kecamatan di Kota Pontianak belum mencapai 98%",
        "peringkat-kecamatan": "Pontianak Utara paling jauh dari target: 5.669 warga lagi menuju 98%",
        # four kecamatan at 98% or more (all but Utara and Timur); Utara rose most since January 2022:
        # 134.258 / 142.782 = 94,03% less 83.445 / 136.410 = 61,17%, +32,86 points
        "cakupan-kecamatan-tren": "4 dari 6 kecamatan di Kota Pontianak mencapai 98%; kenaikan terbesar sejak "
        "Januari 2022: Pontianak Utara +32,86 poin",
        # PPU 222.924 of 683.706 registered (the demo's segment split) = 32,61%
        "segmen": "Segmen terbesar PPU: 32,61% peserta JKN Kota Pontianak",
        # 555.169 active / 683.706 registered = 81,20%, the criterion is 80%
        "keaktifan-tren": "Keaktifan JKN Kota Pontianak 81,20%: memenuhi syarat UHC 80%",
        # against December: only Pontianak Tenggara's keaktifan crossed 80% (79,91% -> 80,06%); Pontianak
        # Utara's coverage moved most, (134.258 - 133.934) / 142.782 = +0,23 points
        "perubahan-bulan": "1 perubahan status di Kota Pontianak bulan ini; gerak terbesar: Pontianak Utara +0,23 poin",
    }
    assert report.press_charts(february, "en")[0].title == (
        "JKN coverage in Kota Pontianak 87.86%: 69,246 more residents to reach 98%; "
        "at the last 12\u00a0months' pace around June\u00a02026"
    )


def test_a_kept_wording_comes_back_on_the_picture_and_an_empty_one_restores_the_default(store_copy):
    wording = report.Wording("Pontianak hampir UHC", "Data Januari 2026", "Angka sementara <belum final>")
    with Store.open(store_copy) as store:
        assert report.store_wording(store, "61.71", "id", {"cakupan-tren": wording}) == 1
    january = _load(store_copy, JANUARY_2026)
    chart = report.press_charts(january, "id")[0]

    assert (chart.stem, chart.wording) == ("cakupan-tren", wording)
    assert chart.default.headline == "Cakupan JKN Kota Pontianak 99,05%: target 98% tercapai"
    # English keeps its own wording (none here: the default), and the other pictures theirs
    assert report.press_charts(january, "en")[0].title.startswith("JKN coverage in Kota Pontianak 99.05%")
    assert report.press_charts(january, "id")[1].note == ""
    figure = export.press_figure(
        chart.figure,
        title=chart.title,
        subtitle=chart.subtitle,
        note=chart.note,
        branding=january.branding,
        vintage=january.vintage,
        language="id",
    )
    assert figure.layout.title.text == "<b>Pontianak hampir UHC</b>"
    assert figure.layout.title.subtitle.text == "Data Januari 2026"
    # the note stands in the footer, its angle brackets written as text, not read as markup
    assert "Angka sementara &lt;belum final&gt;" in [annotation.text for annotation in figure.layout.annotations]

    with Store.open(store_copy) as store:
        report.store_wording(store, "61.71", "id", {"cakupan-tren": report.Wording()})
        assert store.run("setting").filter(store.run("setting")["key"].str.starts_with("export_wording")).height == 0
    assert report.press_charts(_load(store_copy, JANUARY_2026), "id")[0].wording == chart.default


def test_the_command_line_keeps_a_headline_and_note_for_the_next_export(store_copy, tmp_path):
    first, second, third = tmp_path / "1", tmp_path / "2", tmp_path / "3"
    export_args = ("--db", store_copy, "export", "charts", "--period", "2026-01", "--size", "1080x1080")
    done = uhc(
        *export_args, "--out", first,
        "--headline", "cakupan-tren=Pontianak capai UHC: 99,05% warga terdaftar",
        "--note", "cakupan-tren=Penduduk: data Dukcapil S2 2025",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    entry = json.loads((first / "manifest.json").read_text(encoding="utf-8"))["files"][0]
    assert (entry["title"], entry["note"]) == (
        "Pontianak capai UHC: 99,05% warga terdaftar",
        "Penduduk: data Dukcapil S2 2025",
    )
    assert entry["subtitle"] == "Kota Pontianak · Januari 2022 – Januari 2026"

    # the next export without options says the same; a new subtitle leaves the kept headline alone
    done = uhc(*export_args, "--out", second, "--subtitle", "cakupan-tren=Januari 2026")
    assert done.returncode == 0, done.stderr
    # the setting notes what the headline replaced, January 2026's finding (683.706 / 690.277 =
    # 99,05%, at 98% or more), and keeps that note when only the subtitle changes
    with Store.open(store_copy, read_only=True) as store:
        kept = json.loads(dict(store.run("setting").iter_rows())["export_wording:61.71:cakupan-tren:id"])
    assert (kept["saved_over"], kept["period"], kept["subtitle"]) == (
        "Cakupan JKN Kota Pontianak 99,05%: target 98% tercapai",
        "2026-01-01",
        "Januari 2026",
    )
    entry = json.loads((second / "manifest.json").read_text(encoding="utf-8"))["files"][0]
    assert (entry["title"], entry["subtitle"], entry["note"]) == (
        "Pontianak capai UHC: 99,05% warga terdaftar",
        "Januari 2026",
        "Penduduk: data Dukcapil S2 2025",
    )
    # CHART= (empty) gives the default headline back
    done = uhc(*export_args, "--out", third, "--headline", "cakupan-tren=")
    assert done.returncode == 0, done.stderr
    entry = json.loads((third / "manifest.json").read_text(encoding="utf-8"))["files"][0]
    assert entry["title"] == "Cakupan JKN Kota Pontianak 99,05%: target 98% tercapai"
    assert entry["note"] == "Penduduk: data Dukcapil S2 2025"


def test_a_wording_for_a_chart_that_does_not_exist_is_refused_and_nothing_is_kept(store_copy, tmp_path):
    done = uhc(
        "--db", store_copy, "export", "charts", "--period", "2026-01", "--out", tmp_path / "x",
        "--headline", "peta=Judul",
    )  # fmt: skip

    assert done.returncode == 2
    assert "--headline 'peta=Judul': expected CHART=TEXT with CHART one of cakupan-tren, peta-kecamatan" in done.stderr
    with Store.open(store_copy, read_only=True) as store:
        assert not any(key.startswith("export_wording") for key in store.run("setting")["key"])
    assert not (tmp_path / "x").exists()
