"""Each picture's finding, its default headline: hand-made rows in, the sentence out, in both languages."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from uhc import figures
from uhc.output import report

CITY = "Kota Pontianak"


def _activity_rows(values: list[float | None], criterion: float = 80.0) -> pl.DataFrame:
    names = ["Pontianak Utara", "Pontianak Kota", "Pontianak Barat", "Pontianak Timur", "Pontianak Selatan"]
    return pl.DataFrame(
        {"name": names[: len(values)], "activity_pct": values, "min_activity_pct": [criterion] * len(values)},
        schema_overrides={"activity_pct": pl.Float64},
    )


def test_an_activity_map_counts_the_regions_below_the_criterion_and_names_the_lowest():
    # Utara 71,05 and Kota 79,99 are below 80 (79,99 is not rounded up to meet it); Barat at 80,00
    # meets it, Timur 85,50 too; Selatan has no figure and is not counted: 2 of 4, the lowest Utara
    rows = _activity_rows([71.05, 79.99, 80.0, 85.5, None])
    whole = {"activity_pct": 78.12}
    assert report.measure_finding("activity_pct", rows, "kecamatan", CITY, "id", whole) == (
        "Keaktifan peserta JKN di Kota Pontianak 78,12%: 2 dari 4 kecamatan di bawah 80%; "
        "terendah Pontianak Utara 71,05%"
    )
    assert report.measure_finding("activity_pct", rows, "kecamatan", CITY, "en", whole) == (
        "JKN activity in Kota Pontianak 78.12%: 2 of 4 kecamatan below 80%; lowest Pontianak Utara 71.05%"
    )
    # without the region's own row the sentence opens without its value
    assert report.measure_finding("activity_pct", rows, "kecamatan", CITY, "id") == (
        "Keaktifan peserta JKN di Kota Pontianak: 2 dari 4 kecamatan di bawah 80%; terendah Pontianak Utara 71,05%"
    )


@pytest.mark.parametrize(
    ("values", "language", "expected"),
    [
        # all three below 80: the lowest is Utara 70,00
        (
            [70.0, 75.0, 79.0],
            "id",
            "Keaktifan peserta JKN di Kota Pontianak 75,00%: semua 3 kecamatan di bawah 80%; "
            "terendah Pontianak Utara 70,00%",
        ),
        (
            [70.0, 75.0, 79.0],
            "en",
            "JKN activity in Kota Pontianak 75.00%: all 3 kecamatan below 80%; lowest Pontianak Utara 70.00%",
        ),
        # none below (80,00 meets the criterion)
        ([80.0, 90.0], "id", "Keaktifan peserta JKN di Kota Pontianak 75,00%: semua 2 kecamatan mencapai 80%"),
        ([80.0, 90.0], "en", "JKN activity in Kota Pontianak 75.00%: all 2 kecamatan reach 80%"),
        # one region drawn: named with its value, not "1 of 1"
        ([79.5], "id", "Keaktifan peserta JKN di Kota Pontianak 75,00%: Pontianak Utara 79,50%, di bawah 80%"),
        ([81.0], "en", "JKN activity in Kota Pontianak 75.00%: Pontianak Utara 81.00%, reaches 80%"),
    ],
)
def test_an_activity_map_all_below_all_met_or_one_region(values, language, expected):
    whole = {"activity_pct": 75.0}
    assert (
        report.measure_finding("activity_pct", _activity_rows(values), "kecamatan", CITY, language, whole) == expected
    )


def test_a_map_without_figures_or_criterion_keeps_its_plain_title():
    assert report.measure_finding("activity_pct", _activity_rows([None, None]), "kecamatan", CITY, "id") is None
    no_criterion = _activity_rows([70.0]).with_columns(pl.lit(None, pl.Float64).alias("min_activity_pct"))
    assert report.measure_finding("activity_pct", no_criterion, "kecamatan", CITY, "id") is None
    # a measure the registry maps but without a finding of its own would keep its title too
    assert report.measure_finding("annual_cost_idr", _activity_rows([70.0]), "kecamatan", CITY, "id") is None


def test_an_active_coverage_map_is_held_against_the_dated_target_as_written():
    rows = pl.DataFrame(
        {
            "name": ["Siantan Hulu", "Siantan Tengah", "Batulayang"],
            "active_coverage_pct": [81.25, 97.6, 99.0],
            "target_pct": [97.5, 97.5, 97.5],  # a target that is not whole is written with its decimals
        }
    )
    # 81,25 < 97,5 only: 1 of 3, the lowest Siantan Hulu
    assert report.measure_finding("active_coverage_pct", rows, "kelurahan", "Pontianak Utara", "id", {}) == (
        "Cakupan aktif JKN di Pontianak Utara: 1 dari 3 kelurahan di bawah 97,50%; terendah Siantan Hulu 81,25%"
    )
    assert report.measure_finding(
        "active_coverage_pct", rows, "kelurahan", "Pontianak Utara", "en", {"active_coverage_pct": 90.0}
    ) == ("Active JKN coverage in Pontianak Utara 90.00%: 1 of 3 kelurahan below 97.50%; lowest Siantan Hulu 81.25%")


def _people_rows(people: list[int | None]) -> pl.DataFrame:
    names = ["Pontianak Utara", "Pontianak Timur", "Pontianak Barat", "Pontianak Kota"]
    return pl.DataFrame(
        {"name": names[: len(people)], "people_needed": people, "target_pct": [98.0] * len(people)},
        schema_overrides={"people_needed": pl.Int64},
    )


def test_a_people_needed_map_adds_up_the_regions_short_and_names_the_one_with_most():
    # Utara 5.669 + Timur 1.870 = 7.539 in 2 of the 3 measured (Barat 0; Kota has no population)
    rows = _people_rows([5669, 1870, 0, None])
    assert report.measure_finding("people_needed", rows, "kecamatan", CITY, "id") == (
        "Kota Pontianak: 7.539 warga lagi menuju 98% di 2 dari 3 kecamatan; terbanyak Pontianak Utara 5.669"
    )
    assert report.measure_finding("people_needed", rows, "kecamatan", CITY, "en") == (
        "Kota Pontianak: 7,539 more residents to reach 98% in 2 of 3 kecamatan; most in Pontianak Utara, 5,669"
    )
    # every region short: 5.669 + 1.870 = 7.539 in all 2
    assert report.measure_finding("people_needed", _people_rows([5669, 1870]), "kecamatan", CITY, "id") == (
        "Kota Pontianak: 7.539 warga lagi menuju 98% di semua 2 kecamatan; terbanyak Pontianak Utara 5.669"
    )


def test_a_people_needed_map_with_one_region_short_or_none():
    # only Timur short, by one person: English counts one resident
    one = _people_rows([0, 1, 0])
    assert report.measure_finding("people_needed", one, "kecamatan", CITY, "id") == (
        "Kota Pontianak: 1 warga lagi menuju 98%, semuanya di Pontianak Timur"
    )
    assert report.measure_finding("people_needed", one, "kecamatan", CITY, "en") == (
        "Kota Pontianak: 1 more resident to reach 98%, in Pontianak Timur"
    )
    # all at the target: the coverage map's sentence
    assert report.measure_finding("people_needed", _people_rows([0, 0]), "kecamatan", CITY, "id") == (
        "Semua 2 kecamatan di Kota Pontianak mencapai 98%"
    )
    assert report.measure_finding("people_needed", _people_rows([None]), "kecamatan", CITY, "id") is None


def _change_rows(changes: list[float | None]) -> pl.DataFrame:
    names = ["Pontianak Utara", "Pontianak Kota", "Pontianak Barat", "Pontianak Timur", "Pontianak Selatan"]
    return pl.DataFrame(
        {"name": names[: len(changes)], "coverage_change_12m_pp": changes},
        schema_overrides={"coverage_change_12m_pp": pl.Float64},
    )


@pytest.mark.parametrize(
    ("changes", "language", "expected"),
    [
        # Utara +3,10 and Timur +1,50 rose, Kota -0,20 fell, Barat unchanged, Selatan not measured: 2 of 4
        (
            [3.1, -0.2, 0.0, 1.5, None],
            "id",
            "Cakupan JKN naik di 2 dari 4 kecamatan di Kota Pontianak dalam 12 "
            "bulan; kenaikan terbesar Pontianak Utara +3,10 poin, penurunan terbesar Pontianak Kota -0,20 poin",
        ),
        (
            [3.1, -0.2, 0.0, 1.5, None],
            "en",
            "JKN coverage rose in 2 of 4 kecamatan of Kota Pontianak in 12 months; "
            "biggest rise Pontianak Utara +3.10 points, biggest fall Pontianak Kota -0.20 points",
        ),
        # rose in two, the third unchanged: no fall to name
        (
            [0.5, 0.0, 2.25],
            "id",
            "Cakupan JKN naik di 2 dari 3 kecamatan di Kota Pontianak dalam 12 bulan; "
            "kenaikan terbesar Pontianak Barat +2,25 poin",
        ),
        # every one rose
        (
            [0.5, 1.0],
            "en",
            "JKN coverage rose in all 2 kecamatan of Kota Pontianak in 12 months; "
            "biggest rise Pontianak Kota +1.00 points",
        ),
        # none rose: the largest fall is Kota's -1,40
        (
            [-0.3, -1.4, 0.0],
            "id",
            "Cakupan JKN tidak naik di satu pun dari 3 kecamatan di Kota Pontianak dalam 12 bulan; "
            "penurunan terbesar Pontianak Kota -1,40 poin",
        ),
        ([0.0, 0.0], "en", "JKN coverage of the 2 kecamatan of Kota Pontianak unchanged in 12 months"),
        ([-0.75], "id", "Cakupan JKN Pontianak Utara -0,75 poin dalam 12 bulan"),
    ],
)
def test_a_12_month_change_map_counts_the_rises_and_names_the_largest_rise_and_fall(changes, language, expected):
    assert report.measure_finding("coverage_change_12m_pp", _change_rows(changes), "kecamatan", CITY, language) == (
        expected
    )
    assert report.measure_finding("coverage_change_12m_pp", _change_rows([None]), "kecamatan", CITY, "id") is None


def _months(first: dt.date, count: int) -> list[dt.date]:
    return [dt.date(first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1, 1) for i in range(count)]


def test_a_kecamatan_s_trend_findings_state_its_coverage_people_arrival_activity_and_segments():
    january = dt.date(2026, 1, 1)
    trend = pl.DataFrame(
        {
            "period": [dt.date(2025, 12, 1), january],
            "coverage_pct": [93.8, 94.03],
            "target_pct": [98.0, 98.0],
            "people_needed": [6000, 5669],
            "projection_status": ["projected", "projected"],
            "projected_target_period": [dt.date(2026, 6, 1), dt.date(2026, 5, 1)],
            "activity_pct": [84.0, 84.12],
            "min_activity_pct": [80.0, 80.0],
        }
    )
    segment_counts = {f"{segment.code}_registered": [None] for segment in figures.JKN_SEGMENTS}
    # PBI APBN 50.000 of 134.258 registered = 37,24% (PPU 40.000 is the next largest)
    segment_counts |= {"pbi_apbn_registered": [50_000], "ppu_registered": [40_000]}
    segments = pl.DataFrame({"period": [january], "registered": [134_258], **segment_counts})

    assert report.trend_findings(trend, segments, january, "Pontianak Utara", "id") == {
        "cakupan-tren": "Cakupan JKN Pontianak Utara 94,03%: 5.669 warga lagi menuju 98%, sekitar Mei 2026",
        "keaktifan-tren": "Keaktifan JKN Pontianak Utara 84,12%: memenuhi syarat UHC 80%",
        "segmen": "Segmen terbesar PBI APBN: 37,24% peserta JKN Pontianak Utara",
    }
    english = report.trend_findings(trend, segments, january, "Pontianak Utara", "en")
    assert english["cakupan-tren"] == (
        "JKN coverage in Pontianak Utara 94.03%: 5,669 more residents to reach 98%, around May 2026"
    )
    assert english["keaktifan-tren"] == "JKN activity in Pontianak Utara 84.12%: meets the UHC criterion of 80%"
    # a month the kecamatan has no row for: no finding (the plain titles stay)
    assert report.trend_findings(trend, segments, dt.date(2026, 2, 1), "Pontianak Utara", "id") == {}


def test_a_coverage_finding_without_an_arrival_month_or_at_the_target():
    row = {"coverage_pct": 90.0, "target_pct": 98.0, "people_needed": 1, "projection_status": "not_at_current_pace"}
    assert report.coverage_finding(row, "Pontianak Kota", "en") == (
        "JKN coverage in Pontianak Kota 90.00%: 1 more resident to reach 98%"
    )
    met = {"coverage_pct": 98.5, "target_pct": 98.0, "people_needed": 0, "projection_status": "reached"}
    assert (
        report.coverage_finding(met, "Pontianak Kota", "id") == "Cakupan JKN Pontianak Kota 98,50%: target 98% tercapai"
    )
    assert report.coverage_finding({"coverage_pct": None, "target_pct": 98.0}, "X", "id") is None


def test_a_figure_s_trend_finding_states_its_value_its_changes_and_its_target():
    # 13 months, January 2025 to January 2026, active coverage 60,00 rising 1 point a month to 72,00
    months = _months(dt.date(2025, 1, 1), 13)
    rows = pl.DataFrame(
        {
            "period": months,
            "active_coverage_pct": [60.0 + i for i in range(13)],
            "target_pct": [98.0] * 13,
            "registered": [1000 + 10 * i for i in range(13)],
        }
    )
    # 72,00 - 60,00 = +12,00 in 12 months and since January 2025 (the same month), below 98%
    assert report.figure_trend_finding(rows, "active_coverage_pct", CITY, "id") == (
        "Cakupan aktif Kota Pontianak 72,00%: +12,00 poin dalam 12 bulan, +12,00 poin sejak Januari 2025; di bawah 98%"
    )
    # from March 2025 on only: no month a year before January 2026, so the change since March
    # 2025 alone: 72,00 - 62,00 = +10,00; against a 70% target it is reached
    later = rows.slice(2).with_columns(pl.lit(70.0).alias("target_pct"))
    assert report.figure_trend_finding(later, "active_coverage_pct", CITY, "en") == (
        "Active coverage in Kota Pontianak 72.00%: +10.00 points since March 2025; reaches 70%"
    )
    # a count has no target: 1.120 registered, +120 people in 12 months (1.120 - 1.000)
    assert report.figure_trend_finding(rows, "registered", CITY, "id") == (
        "Terdaftar Kota Pontianak 1.120: +120 orang dalam 12 bulan, +120 orang sejak Januari 2025"
    )
    # one month: the value alone; the latest month without a value: no finding
    assert report.figure_trend_finding(rows.tail(1), "registered", CITY, "en") == "Registered in Kota Pontianak 1,120"
    missing = rows.with_columns(
        pl.when(pl.col("period") == months[-1]).then(None).otherwise(pl.col("registered")).alias("registered")
    )
    assert report.figure_trend_finding(missing, "registered", CITY, "id") is None


def test_the_press_set_s_kecamatan_map_says_what_the_peta_page_s_coverage_map_says():
    kecamatan = _people_rows([5669, 0]).with_columns(pl.Series("coverage_pct", [94.03, 99.0]))
    # the press set's peta-kecamatan headline is map_finding of its kecamatan rows: 1 of 2 short of 98%
    assert report.map_finding(kecamatan, report.level_word("kecamatan", "id"), CITY, "id") == (
        "1 dari 2 kecamatan di Kota Pontianak belum mencapai 98%"
    )
    assert report.level_word("kelurahan", "en") == "kelurahan"
