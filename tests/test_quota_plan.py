"""The PBI APBD quota month by month: headroom, the month it runs out at the current pace, the APBD-P amount."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import serang_like
from command_line import uhc
from polars.testing import assert_frame_equal
from test_alerts import _recap

from uhc.core import planner

IURAN = 42_000


def test_ten_thousand_places_from_march_cost_ten_months():
    # Serang (press): 10.000 more PBI APBD places from March: 10.000 x Rp42.000 x 10 months = Rp4.200.000.000
    assert planner.months_paid(3) == 10
    assert planner.places_cost_idr(10_000, 3, IURAN) == 4_200_000_000
    assert planner.places_sentence(10_000, 3, IURAN, 2025, "id") == (
        "10.000 tempat tambahan mulai Maret 2025: 10.000 × Rp42.000 × 10 bulan = Rp4.200.000.000 (Rp4,2 miliar)."
    )


def test_serangs_quota_month_by_month():
    # Kota Serang 2025 (press): quota 43.000, 42.689 registered; here in June, after 42.589 in May: +100 a month.
    #   Jul 42.789, Aug 42.889, Sep 42.989 (11 left), Oct 43.089: the quota runs out in October, 89 beyond it
    #   APBD-P: Oct 89 x 42.000 x 3 months = 11.214.000; Nov 100 x 42.000 x 2 = 8.400.000; Dec 100 x 42.000 x 1
    #   = 4.200.000; together 23.814.000. December 43.289: 289 beyond the quota.
    plan = planner.quota_plan(43_000, 2025, {dt.date(2025, 5, 1): 42_589, dt.date(2025, 6, 1): 42_689}, IURAN)
    assert plan is not None
    assert plan.pace_per_month == 100
    assert plan.runs_out == dt.date(2025, 10, 1)
    assert plan.apbd_p_idr == 23_814_000
    assert plan.beyond_by_december == 289
    expected = pl.DataFrame(
        {
            "period": [dt.date(2025, m, 1) for m in range(5, 13)],
            "registered": [42_589, 42_689, 42_789, 42_889, 42_989, 43_089, 43_189, 43_289],
            "projected": [False, False, True, True, True, True, True, True],
            "headroom": [411, 311, 211, 111, 11, -89, -189, -289],
            "beyond_new": [0, 0, 0, 0, 0, 89, 100, 100],
            "apbd_p_idr": [0, 0, 0, 0, 0, 11_214_000, 8_400_000, 4_200_000],
        }
    )
    assert_frame_equal(plan.months.filter(pl.col("period") >= dt.date(2025, 5, 1)), expected)
    assert plan.months.filter(pl.col("period") < dt.date(2025, 5, 1))["registered"].null_count() == 4
    assert planner.quota_plan_sentences(plan, "id") == [
        "Juni 2025: 42.689 peserta PBI APBD terdaftar dari kuota 43.000; sisa kuota 311.",
        "Laju saat ini: +100 peserta per bulan.",
        "Dengan laju ini kuota habis pada Oktober 2025; sampai Desember 289 peserta di luar kuota. Agar pendaftaran "
        "baru tetap terbuka sampai akhir tahun, APBD-P perlu Rp23.814.000 (Rp23,8 juta).",
    ]


def test_a_slower_pace_keeps_the_quota_to_december():
    # 311 places left in June at +40 a month: December 42.689 + 6 x 40 = 42.929 < 43.000
    plan = planner.quota_plan(43_000, 2025, {dt.date(2025, 6, 1): 42_689}, IURAN, pace_per_month=40)
    assert plan is not None and plan.runs_out is None and plan.apbd_p_idr == 0
    assert planner.quota_plan_sentences(plan, "en")[-1] == "At this pace the quota lasts to December 2025."


def test_without_two_months_there_is_no_pace():
    plan = planner.quota_plan(43_000, 2025, {dt.date(2025, 6, 1): 42_689}, IURAN)
    assert plan is not None and plan.pace_per_month is None and plan.runs_out is None
    assert plan.months["registered"].null_count() == 11  # June only: nothing projected


def test_the_quota_command_plans_the_stored_quota(tmp_path: Path):
    db = serang_like.serang_like_store(tmp_path)
    # January 2026: Serang (36.73.01) PBI APBD 2.000 -> 2.300 (registered 19.900 -> 20.200), so the city's PBI APBD
    # goes from 10.500 (tests/serang_like.py: 2.000 + 1.500 + 1.800 + 1.000 + 2.200 + 2.000) to 10.800: +300 a month.
    january = _recap(tmp_path, "jan.csv", {"36.73.01": (20_200, 14_000, 8_000, 2_300, 5_000, 4_000, 900)})
    assert uhc("--db", db, "import", "coverage", january, "--period", "2026-01").returncode == 0
    done = uhc("--db", db, "quota", "--city", "36.73", "--year", "2026", "--quota", "12.000", "--source", "uji")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    # Quota 12.000, 1.200 left in January; Feb 11.100, Mar 11.400, Apr 11.700, May 12.000: runs out in May.
    # June to December 300 a month beyond it, each to December: 300 x 42.000 x (7+6+5+4+3+2+1 = 28) = 352.800.000.
    # December 10.800 + 11 x 300 = 14.100: 2.100 beyond the quota.
    assert lines[1].split() == ["Bulan", "Terdaftar", "Sisa", "kuota", "Baru", "di", "luar", "kuota", "APBD-P"]
    assert lines[2].split() == ["Januari", "2026", "10.800", "1.200", "0", "Rp0"]
    assert lines[6].split() == ["Mei", "2026", "12.000", "*", "0", "0", "Rp0"]
    assert lines[7].split() == ["Juni", "2026", "12.300", "*", "-300", "300", "Rp88.200.000"]
    assert lines[-3:] == [
        "Januari 2026: 10.800 peserta PBI APBD terdaftar dari kuota 12.000; sisa kuota 1.200.",
        "Laju saat ini: +300 peserta per bulan.",
        "Dengan laju ini kuota habis pada Mei 2026; sampai Desember 2.100 peserta di luar kuota. Agar pendaftaran baru "
        "tetap terbuka sampai akhir tahun, APBD-P perlu Rp352.800.000 (Rp352,8 juta).",
    ]
    slower = uhc("--db", db, "quota", "--city", "36.73", "--year", "2026", "--pace", "100", "--lang", "en")
    assert slower.stdout.splitlines()[-1] == "At this pace the quota lasts to December 2026."  # 10.800 + 1.100
    refused = uhc("--db", db, "quota", "--city", "36.73", "--year", "2026", "--quota", "12000")
    assert refused.returncode == 2 and "--quota and --source go together" in refused.stderr


def test_the_budget_page_plans_the_demo_quota_month_by_month(monkeypatch, demo_store_path: Path):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("UHC_DB", str(demo_store_path))
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "dashboard.py"), default_timeout=60).run()
    at.switch_page("pages/anggaran.py").run()
    assert not at.exception
    # AppTest finds dataframes in drawing order only: the month plan is the one with the months of 2026
    months = [frame.value for frame in at.dataframe if "Bulan" in frame.value.columns and len(frame.value) == 12]
    assert len(months) == 1
    assert months[0]["Bulan"].tolist()[0] == "Januari 2026"
    at.number_input(key="quota_plan_places").set_value(10_000).run()
    at.selectbox(key="quota_plan_start").set_value(3).run()
    assert not at.exception
    # 10.000 x Rp42.000 x 10 months (March to December 2026; iuran unchanged in 2026)
    assert (
        "10.000 tempat tambahan mulai Maret 2026: 10.000 × Rp42.000 × 10 bulan = Rp4.200.000.000 (Rp4,2 miliar)."
        in [markdown.value for markdown in at.markdown]
    )
