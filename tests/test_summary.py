"""What the overview says, from gap rows written out by hand: KPI cards, their changes, the status sentence."""

from __future__ import annotations

import datetime as dt

from uhc.core import summary


def gap_row(**figures) -> dict:
    """A city gap row of June 2025 (98% target and criterion, 80% activity, Rp42.000) with ``figures`` set."""
    row = {
        "coverage_pct": 98.0,
        "activity_pct": 80.0,
        "active_coverage_pct": 78.4,
        "people_needed": 0,
        "annual_cost_idr": 0,
        "target_pct": 98.0,
        "min_coverage_pct": 98.0,
        "min_activity_pct": 80.0,
        "iuran_idr_per_month": 42_000,
        "uhc_status": "uhc",
        "registered_short_of_uhc": 0,
        "active_needed": 0,
        "period": dt.date(2025, 6, 1),
    }
    return row | figures


def cards(row: dict, language: str, month_before=None, year_before=None) -> dict[str, summary.Kpi]:
    return {kpi.key: kpi for kpi in summary.kpis(row, language, month_before, year_before)}


def test_changes_against_last_month_and_a_year_earlier():
    now = gap_row(coverage_pct=96.5, activity_pct=81.25, people_needed=10_305, annual_cost_idr=5_193_720_000)
    month_before = gap_row(coverage_pct=96.0, activity_pct=81.5, people_needed=13_740, annual_cost_idr=6_924_960_000)
    year_before = gap_row(coverage_pct=90.25, activity_pct=79.0, people_needed=53_000, annual_cost_idr=26_712_000_000)

    shown = cards(now, "id", month_before, year_before)

    assert shown["coverage"].value == "96,50%"
    assert shown["coverage"].change_month == "+0,50 poin dari bulan lalu"  # 96,5 - 96,0
    assert shown["coverage"].change_year == "+6,25 poin dari setahun lalu"  # 96,5 - 90,25
    assert shown["activity"].change_month == "-0,25 poin dari bulan lalu"  # 81,25 - 81,5
    assert shown["people_needed"].value == "10.305"
    assert shown["people_needed"].change_month == "-3.435 orang dari bulan lalu"  # 10.305 - 13.740
    assert shown["people_needed"].change_year == "-42.695 orang dari setahun lalu"  # 10.305 - 53.000
    # 5.193.720.000 - 6.924.960.000 = -1.731.240.000 = -Rp1,7 miliar
    assert shown["annual_cost"].change_month == "-Rp1,7 miliar dari bulan lalu"
    # Fewer people to enrol is good news: the card's arrow colour is inverted.
    assert shown["people_needed"].delta_color == "inverse"
    assert shown["coverage"].delta_color == "normal"


def test_changes_in_english():
    shown = cards(gap_row(coverage_pct=96.5), "en", gap_row(coverage_pct=96.0), None)

    assert shown["coverage"].change_month == "+0.50 points vs last month"
    assert shown["coverage"].change_year is None  # no month a year earlier in the store


def test_no_change_without_the_earlier_month():
    shown = cards(gap_row(), "id")

    assert all(kpi.change_month is None and kpi.change_year is None for kpi in shown.values())


def test_status_says_what_is_still_missing():
    row = gap_row(
        coverage_pct=96.5,
        activity_pct=78.0,
        uhc_status="not_uhc",
        registered_short_of_uhc=10_305,
        active_needed=1_234,
    )

    assert summary.status_sentence(row, "id") == (
        "Belum UHC: cakupan 96,50% (syarat ≥ 98%), keaktifan 78,00% (syarat ≥ 80%). "
        "Untuk status UHC masih kurang 10.305 peserta terdaftar (cakupan) dan 1.234 peserta aktif (keaktifan)."
    )
    assert summary.status_sentence(row | {"active_needed": 0}, "en") == (
        "Not UHC yet: coverage 96.50% (needs ≥ 98%), activity 78.00% (needs ≥ 80%). "
        "UHC status still needs 10,305 more registered participants (coverage)."
    )


def test_status_of_a_city_with_uhc_says_nothing_is_missing():
    assert summary.status_sentence(gap_row(coverage_pct=98.14, activity_pct=80.16), "id") == (
        "UHC: cakupan 98,14% (syarat ≥ 98%) dan keaktifan 80,16% (syarat ≥ 80%)."
    )


def test_a_change_that_shows_as_zero_has_no_arrow():
    now = gap_row(coverage_pct=98.001, people_needed=0, annual_cost_idr=0)
    month_before = gap_row(coverage_pct=98.0, people_needed=0, annual_cost_idr=0)

    shown = cards(now, "id", month_before)

    assert shown["people_needed"].change_month == "0 orang dari bulan lalu"
    assert shown["people_needed"].month_unchanged
    assert shown["annual_cost"].change_month == "Rp0 dari bulan lalu"
    assert shown["annual_cost"].month_unchanged
    assert shown["coverage"].change_month == "+0,00 poin dari bulan lalu"  # 0,001 points shows as 0,00
    assert shown["coverage"].month_unchanged
    assert not cards(gap_row(coverage_pct=98.5), "id", month_before)["coverage"].month_unchanged


def serang_like_row(**figures) -> dict:
    """Kota Serang-like, December 2025: 99.190 of 100.000 registered (99,19%), 73.103 active (73,70%).

    By hand: 0,80 x 99.190 = 79.352 active needed, 79.352 - 73.103 = 6.249 to activate; 0,98 x
    100.000 = 98.000 <= 99.190, so nobody to enrol.
    """
    return (
        gap_row(
            coverage_pct=99.19,
            activity_pct=73.103 / 99.190 * 100,
            uhc_status="not_uhc",
            registered_short_of_uhc=0,
            active_needed=6_249,
            period=dt.date(2025, 12, 1),
        )
        | figures
    )


def test_an_enrolled_city_below_the_activity_criterion_is_named_not_uhc_with_its_shortfall():
    row = serang_like_row()

    assert summary.status_sentence(row, "id") == (
        "Belum UHC: cakupan 99,19% (syarat ≥ 98%), keaktifan 73,70% (syarat ≥ 80%). "
        "Penduduk sudah terdaftar; yang kurang untuk status UHC adalah 6.249 peserta aktif."
    )
    assert summary.status_sentence(row, "en").endswith(
        "Residents are enrolled; what UHC status lacks is 6,249 active participants."
    )


def test_the_shortfalls_sentence_names_the_target_and_the_uhc_criteria_apart():
    assert summary.shortfalls_sentence(serang_like_row(), "id") == (
        "Ke target cakupan 98%: 0 penduduk perlu didaftarkan. "
        "Syarat UHC (cakupan ≥ 98%, keaktifan ≥ 80%) dihitung terpisah: cakupan sudah memenuhi; "
        "keaktifan kurang 6.249 peserta aktif (peserta non-aktif yang perlu diaktifkan kembali)."
    )
    # February 2025 in the demo city: 69.246 to enrol for the 98% target, the same 69.246 registrations
    # for the 98% coverage criterion; activity met. One of each form in English.
    row = gap_row(people_needed=69_246, registered_short_of_uhc=69_246, active_needed=1, uhc_status="not_uhc")
    assert summary.shortfalls_sentence(row, "en") == (
        "To the 98% coverage target: 69,246 residents to enrol. "
        "The UHC criteria (coverage ≥ 98%, activity ≥ 80%) are counted apart: coverage is 69,246 registered "
        "participants short; activity is 1 active participant short (a non-active participant to reactivate)."
    )


def test_the_shortfalls_sentence_of_a_month_without_target_speaks_only_of_the_criteria():
    row = serang_like_row(target_basis="none_in_force", target_pct=None, people_needed=None)

    assert summary.shortfalls_sentence(row, "en").startswith("The UHC criteria")
