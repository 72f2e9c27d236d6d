"""What changed this month: crossings of the alert thresholds either way, movers, new population data, the pace."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import serang_like
from command_line import uhc
from test_alerts import JANUARY, _recap

from uhc.core import alerts, changes
from uhc.store.db import Store


def test_the_serang_like_january_against_december(tmp_path: Path):
    db = serang_like.serang_like_store(tmp_path)
    january = _recap(tmp_path, "rekap_januari_2026.csv", JANUARY)
    assert uhc("--db", db, "import", "coverage", january, "--period", "2026-01").returncode == 0
    done = uhc("--db", db, "changes", "--period", "2026-01")
    assert done.returncode == 0, done.stderr
    # The city: 99.040 / 100.000 = 99,04% (99,19 - 0,15); keaktifan (73.103 + 440) / 99.040 = 74,2559%
    # against 73.103 / 99.190 = 73,7000%: +0,56 points; registered 99.040 - 99.190 = -150.
    # Kasemen 98,67% -> 97,67% (below 98%, above 95%), Taktakan's keaktifan 77,78% -> 80,00%. No kecamatan's
    # coverage rose; Kasemen's fell 1,00 point. The same Dukcapil semester (S1 2025) both months.
    assert done.stdout.splitlines() == [
        "Apa yang berubah — Kota Serang, Januari 2026 (dibanding Desember 2025)",
        "Kota: cakupan 99,04% (-0,15 poin), keaktifan 74,26% (+0,56 poin), peserta terdaftar -150.",
        "Melewati ambang notifikasi (cakupan 95% / 98%, keaktifan 80%):",
        "- Kasemen, Januari 2026: cakupan turun di bawah 98% (98,67% → 97,67%)",
        "- Taktakan, Januari 2026: keaktifan naik ke 80% atau lebih (77,78% → 80,00%)",
        "Turun terbanyak: Kasemen -1,00 poin (kini 97,67%).",
        "Target 98% sudah tercapai.",
        "Sumber: BPJS Kesehatan (peserta), Dukcapil S1 2025 (penduduk).",
    ]


def test_the_text_follows_the_thresholds_the_editor_set(tmp_path: Path):
    # The same January with the editor's thresholds: coverage 99%, keaktifan off, a fall of more than 0,5 points.
    # December's kecamatan coverage (tests/serang_like.py): Serang 99,50%, Kasemen 98,67%, Walantaka 99,33%,
    # Curug 99,50%, Cipocok Jaya 99,20%, Taktakan 99,00%; the city 99,19%. In January only Kasemen's changes
    # (Taktakan's registered stays 19.800): 98,67% -> 97,67% was below 99% already (no crossing), a fall of
    # 14.800/150 - 14.650/150 = 1,00 point > 0,5. The city's 99,19% -> 99,04% stays above 99%, a fall of 0,15.
    # Taktakan's keaktifan crossing 80% is not named: that alert is switched off.
    db = serang_like.serang_like_store(tmp_path)
    assert uhc("--db", db, "alerts", "--coverage", "99", "--keaktifan", "off", "--fall", "0,5").returncode == 0
    january = _recap(tmp_path, "rekap_januari_2026.csv", JANUARY)
    assert uhc("--db", db, "import", "coverage", january, "--period", "2026-01").returncode == 0
    lines = uhc("--db", db, "changes", "--period", "2026-01").stdout.splitlines()
    # Beside the editor's 99% the policy lines 95% and 98% are checked: Kasemen's 98,67% -> 97,67% crosses 98%
    # (not 95%); the city's 99,04% stays above all three.
    assert lines[2:5] == [
        "Melewati ambang notifikasi (cakupan 95% / 98% / 99%, turun lebih dari 0,5 poin sebulan):",
        "- Kasemen, Januari 2026: cakupan turun di bawah 98% (98,67% → 97,67%)",
        "- Kasemen, Januari 2026: cakupan turun 1,00 poin dalam sebulan, lebih dari batas 0,5 poin (98,67% → 97,67%)",
    ]
    assert lines[5].startswith("Turun terbanyak: ")
    # every alert switched off: the text says no line is checked, and names no crossing
    assert uhc("--db", db, "alerts", "--coverage", "off", "--fall", "off").returncode == 0
    english = uhc("--db", db, "changes", "--period", "2026-01", "--lang", "en").stdout.splitlines()
    assert english[2] == (
        "Every alert threshold is switched off, so no line is checked (set them on the Data page or with "
        "python -m uhc alerts)."
    )
    assert not any(line.startswith("- ") for line in english)


def test_new_population_data_is_named(demo_store_path: Path):
    # The demo's June 2025 is the first month on Dukcapil S1 2025 (687.031); May used S2 2024 (682.900,
    # uhc/store/demo.py). Kota Pontianak's 98,14% in June 2025 is published (1 Jun 2025, UHC Prioritas).
    done = uhc("--db", demo_store_path, "changes", "--period", "2025-06", "--lang", "en")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "New population data: Dukcapil S1 2025, 687,031 residents (before: S2 2024, 682,900)." in lines
    assert "- Kota Pontianak, June 2025: coverage rose to 98% or above (95.92% → 98.14%)" in lines


def test_the_months_to_the_target_at_the_current_pace():
    # 95,50% in January 2026, +0,50 points a month over the last 12 months: (98 - 95,5) / 0,5 = 5 months -> June 2026
    city = {
        "kemendagri_code": "61.71",
        "name": "Kota Contoh",
        "level": "kota",
        "period": dt.date(2026, 1, 1),
        "coverage_pct": 95.5,
        "coverage_change_1m_pp": 0.5,
        "activity_pct": 82.0,
        "activity_change_1m_pp": 0.0,
        "registered_change_1m": 500,
        "population": 100_000,
        "population_as_of": dt.date(2025, 6, 30),
        "target_pct": 98.0,
        "pace_pp_per_month": 0.5,
        "projection_status": "projected",
        "projected_target_period": dt.date(2026, 6, 1),
    }
    empty = pl.DataFrame(schema=alerts.SCHEMA)
    found = changes.MonthChanges(city["period"], city, empty, empty, empty, None, None)
    lines = changes.changes_lines(found, "Kota Contoh", "id")
    assert "Tidak ada wilayah yang melewati ambang notifikasi (cakupan 98%, keaktifan 80%)." in lines
    assert (
        "Dengan laju 12 bulan terakhir (+0,50 poin per bulan), target 98% tercapai dalam 5 bulan (Juni 2026)." in lines
    )
    assert changes.changes_lines(found, "Kota Contoh", "en")[-2] == (
        "At the pace of the last 12 months (+0.50 points a month), the 98% target is reached in 5 months (June 2026)."
    )


def test_the_overview_shows_what_changed_and_the_text_to_send(monkeypatch, demo_store_path: Path):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("UHC_DB", str(demo_store_path))
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "dashboard.py"), default_timeout=60).run()
    at.selectbox(key="period_id").set_value(dt.date(2025, 6, 1)).run()
    assert not at.exception
    assert "Apa yang berubah bulan ini" in [header.value for header in at.subheader]
    shown = "\n".join(markdown.value for markdown in at.markdown)
    # 674.242 / 687.031 = 98,14% in June 2025, up from May's 95,92% (against S2 2024's 682.900 residents)
    assert "- Kota Pontianak, Juni 2025: cakupan naik ke 98% atau lebih (95,92% → 98,14%)" in shown
    assert "Data penduduk baru: Dukcapil S1 2025, 687.031 jiwa (sebelumnya S2 2024: 682.900 jiwa)." in shown
    assert not at.code  # the text to send is drawn only once its expander is opened (no highlighter script before)
    at.session_state["overview_text_to_send"] = True  # the expander opened, as a click does (on_change="rerun")
    at.run()
    text = at.code[0].value
    assert text.startswith("Apa yang berubah — Kota Pontianak, Juni 2025 (dibanding Mei 2025)\n")
    assert text.endswith("Sumber: BPJS Kesehatan (peserta), Dukcapil S1 2025 (penduduk).")


def test_a_month_that_leaves_out_a_kecamatan_says_so_and_states_no_city_figure(tmp_path: Path):
    # A January recap of five of the six kecamatan: the city's January is the sum of five, so the text
    # says the figures are incomplete, gives no city line, no pace and no crossing of the city; the
    # five complete kecamatan are still compared (Kasemen 98,67% -> 97,67% as in the full file).
    db = serang_like.serang_like_store(tmp_path)
    full = _recap(tmp_path, "rekap_januari_2026.csv", JANUARY).read_text(encoding="utf-8").splitlines()
    left_out = "36.73.06"  # Taktakan
    partial = tmp_path / "rekap_januari_2026_sebagian.csv"
    partial.write_text("\n".join(line for line in full if not line.startswith(left_out)) + "\n", encoding="utf-8")
    assert uhc("--db", db, "import", "coverage", partial, "--period", "2026-01").returncode == 0
    with Store.open(db, read_only=True) as store:
        missing = store.run("kelurahan_without_coverage", scope_code="36.73.", period=dt.date(2026, 1, 1)).height
    assert missing > 0  # the left-out kecamatan's kelurahan
    done = uhc("--db", db, "changes", "--period", "2026-01")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[1] == (
        f"Angka belum lengkap: {missing} kelurahan tidak ada dalam data bulan ini atau Desember 2025, jadi angka "
        "kota dan kecamatannya hanya jumlah kelurahan yang ada. Perubahan kota dan kecamatan itu tidak disebut di "
        "bawah; impor rekap yang lengkap dulu sebelum mengirim teks ini."
    )
    assert not any(line.startswith("Kota: cakupan") for line in lines)
    assert "- Kasemen, Januari 2026: cakupan turun di bawah 98% (98,67% → 97,67%)" in lines
    assert not any("Kota Serang, Januari 2026:" in line for line in lines)
    assert not any(line.startswith("Target 98%") or "bulan lagi" in line for line in lines)


def test_a_crossing_of_95_percent_is_named_beside_the_editors_line():
    # Kecamatan A 94,00% -> 95,50%: up across 95% (the policy line), still under the editor's 98%;
    # kecamatan B 99,00% -> 97,00%: down across 98% only (both lines: one crossing, of 98%).
    # The city 96,00% -> 96,40%: no line crossed. Keaktifan stays 85% everywhere (no crossing of 80%).
    def row(code, name, level, coverage, change):
        return {
            "kemendagri_code": code,
            "name": name,
            "level": level,
            "period": dt.date(2026, 1, 1),
            "coverage_pct": coverage,
            "coverage_change_1m_pp": change,
            "activity_pct": 85.0,
            "activity_change_1m_pp": 0.0,
        }

    kecamatan = pl.DataFrame(
        [row("61.71.01", "A", "kecamatan", 95.5, 1.5), row("61.71.02", "B", "kecamatan", 97.0, -2.0)]
    )
    city = {**row("61.71", "Kota Contoh", "kota", 96.4, 0.4), "population_as_of": None}
    found = changes.month_changes(city, None, kecamatan)
    crossed = found.crossed.select("name", "alert", "threshold").rows()
    assert crossed == [("A", "recovered", 95.0), ("B", "below", 98.0)]
    lines = changes.crossed_lines(found, "id")
    assert lines[0] == "Melewati ambang notifikasi (cakupan 95% / 98%, keaktifan 80%):"
    assert lines[1] == "- A, Januari 2026: cakupan naik ke 95% atau lebih (94,00% → 95,50%)"
