"""Each picture's finding, its default headline: hand-made rows in, the sentence out, in both languages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import polars as pl
import pytest

from uhc import figures
from uhc.core import formats
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
    # meets it, Timur 85,50 too; Selatan has no figure and is not counted but said: 2 of 4, the
    # lowest Utara, (1 tanpa data)
    rows = _activity_rows([71.05, 79.99, 80.0, 85.5, None])
    whole = {"activity_pct": 78.12}
    assert report.measure_finding("activity_pct", rows, "kecamatan", CITY, "id", whole) == (
        "Keaktifan JKN Kota Pontianak 78,12%: 2 dari 4 kecamatan di bawah 80%; "
        "terendah Pontianak Utara 71,05% (1 tanpa data)"
    )
    assert report.measure_finding("activity_pct", rows, "kecamatan", CITY, "en", whole) == (
        "JKN activity in Kota Pontianak 78.12%: 2 of 4 kecamatan below 80%; lowest Pontianak Utara 71.05%"
        " (1 without data)"
    )
    # without the region's own row the sentence opens without its value; all drawn have one
    assert report.measure_finding("activity_pct", rows.head(4), "kecamatan", CITY, "id") == (
        "Keaktifan JKN Kota Pontianak: 2 dari 4 kecamatan di bawah 80%; terendah Pontianak Utara 71,05%"
    )


def test_a_value_just_below_its_criterion_is_printed_rounded_down_so_it_never_reads_as_reaching_it():
    # 79,996 < 80: rounded as usual it would print 80,00% under "di bawah 80%"; rounded down 79,99%.
    # 80,004 meets 80 and prints as usual, 80,00%. The city's 79,995 is below too: 79,99%
    rows = _activity_rows([79.996, 80.004])
    whole = {"activity_pct": 79.995, "min_activity_pct": 80.0}
    assert report.measure_finding("activity_pct", rows, "kecamatan", CITY, "id", whole) == (
        "Keaktifan JKN Kota Pontianak 79,99%: 1 dari 2 kecamatan di bawah 80%; terendah Pontianak Utara 79,99%"
    )
    assert report.activity_finding({"activity_pct": 79.996, "min_activity_pct": 80.0}, CITY, "en") == (
        "JKN activity in Kota Pontianak 79.99%: below the UHC criterion of 80%"
    )
    assert report.activity_finding({"activity_pct": 80.004, "min_activity_pct": 80.0}, CITY, "id") == (
        "Keaktifan JKN Kota Pontianak 80,00%: memenuhi syarat UHC 80%"
    )
    # 78,635 is below 80 but prints 78,64% as usual (as the map's hover and the table print it)
    assert report.activity_finding({"activity_pct": 78.635, "min_activity_pct": 80.0}, CITY, "id") == (
        "Keaktifan JKN Kota Pontianak 78,64%: di bawah syarat UHC 80%"
    )
    # coverage 97,996 with 1 person still to enrol: 97,99%, not 98,00%
    row = {"coverage_pct": 97.996, "target_pct": 98.0, "people_needed": 1, "projection_status": "reached"}
    assert report.coverage_finding(row, CITY, "id") == "Cakupan JKN Kota Pontianak 97,99%: 1 warga lagi menuju 98%"
    assert report.coverage_finding(row, CITY, "en") == (
        "JKN coverage in Kota Pontianak 97.99%: 1 more resident to reach 98%"
    )


@pytest.mark.parametrize(
    ("values", "language", "expected"),
    [
        # all three below 80: the lowest is Utara 70,00
        (
            [70.0, 75.0, 79.0],
            "id",
            "Keaktifan JKN Kota Pontianak 75,00%: semua 3 kecamatan di bawah 80%; terendah Pontianak Utara 70,00%",
        ),
        (
            [70.0, 75.0, 79.0],
            "en",
            "JKN activity in Kota Pontianak 75.00%: all 3 kecamatan below 80%; lowest Pontianak Utara 70.00%",
        ),
        # none below (80,00 meets the criterion); two regions are "kedua" / "both"
        ([80.0, 90.0], "id", "Keaktifan JKN Kota Pontianak 75,00%: kedua kecamatan mencapai 80%"),
        ([80.0, 90.0], "en", "JKN activity in Kota Pontianak 75.00%: both kecamatan reach 80%"),
        ([80.0, 90.0, 95.0], "en", "JKN activity in Kota Pontianak 75.00%: all 3 kecamatan reach 80%"),
        # one region drawn: named once with its value, as its trend says it, not "1 of 1"
        ([79.5], "id", "Keaktifan JKN Pontianak Utara 79,50%: di bawah syarat UHC 80%"),
        ([81.0], "en", "JKN activity in Pontianak Utara 81.00%: meets the UHC criterion of 80%"),
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


def test_an_active_coverage_map_states_the_value_the_lowest_and_the_highest_not_a_target():
    # cakupan aktif has no target of its own (98% is cakupan kepesertaan's): no count below one
    rows = pl.DataFrame(
        {
            "name": ["Siantan Hulu", "Siantan Tengah", "Batulayang", "Siantan Hilir"],
            "active_coverage_pct": [81.25, 97.6, 99.0, None],
            "target_pct": [98.0, 98.0, 98.0, 98.0],
        }
    )
    # lowest Siantan Hulu 81,25, highest Batulayang 99,00; Siantan Hilir drawn without a figure
    assert report.measure_finding("active_coverage_pct", rows, "kelurahan", "Pontianak Utara", "id", {}) == (
        "Cakupan aktif JKN Pontianak Utara: terendah Siantan Hulu 81,25%, tertinggi Batulayang 99,00% (1 tanpa data)"
    )
    assert report.measure_finding(
        "active_coverage_pct", rows.head(3), "kelurahan", "Pontianak Utara", "en", {"active_coverage_pct": 90.0}
    ) == ("Active JKN coverage in Pontianak Utara 90.00%: lowest Siantan Hulu 81.25%, highest Batulayang 99.00%")
    # one region: its value alone
    assert report.measure_finding("active_coverage_pct", rows.head(1), "kelurahan", "Pontianak Utara", "id") == (
        "Cakupan aktif JKN Siantan Hulu 81,25%"
    )
    assert figures.figure("active_coverage_pct").target is None


def _people_rows(people: list[int | None]) -> pl.DataFrame:
    names = ["Pontianak Utara", "Pontianak Timur", "Pontianak Barat", "Pontianak Kota"]
    return pl.DataFrame(
        {"name": names[: len(people)], "people_needed": people, "target_pct": [98.0] * len(people)},
        schema_overrides={"people_needed": pl.Int64},
    )


def test_a_people_needed_map_adds_up_the_regions_short_and_names_the_one_with_most():
    # Utara 5.669 + Timur 1.870 = 7.539 in 2 of the 3 measured (Barat 0; Kota has no population, drawn)
    rows = _people_rows([5669, 1870, 0, None])
    assert report.measure_finding("people_needed", rows, "kecamatan", CITY, "id") == (
        "Kota Pontianak: 7.539 warga lagi menuju 98% di 2 dari 3 kecamatan; terbanyak Pontianak Utara 5.669"
        " (1 tanpa data)"
    )
    assert report.measure_finding("people_needed", rows, "kecamatan", CITY, "en") == (
        "Kota Pontianak: 7,539 more residents to reach 98% in 2 of 3 kecamatan; most in Pontianak Utara, 5,669"
        " (1 without data)"
    )
    # every region short: 5.669 + 1.870 = 7.539 in both
    assert report.measure_finding("people_needed", _people_rows([5669, 1870]), "kecamatan", CITY, "id") == (
        "Kota Pontianak: 7.539 warga lagi menuju 98% di kedua kecamatan; terbanyak Pontianak Utara 5.669"
    )
    # 5.669 + 1.870 + 10 = 7.549 in all 3
    assert report.measure_finding("people_needed", _people_rows([5669, 1870, 10]), "kecamatan", CITY, "en") == (
        "Kota Pontianak: 7,549 more residents to reach 98% in all 3 kecamatan; most in Pontianak Utara, 5,669"
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
    # only Timur short of those with a figure, Kota without one: not "semuanya", and the missing said
    unknown = _people_rows([0, 1, 0, None])
    assert report.measure_finding("people_needed", unknown, "kecamatan", CITY, "id") == (
        "Kota Pontianak: 1 warga lagi menuju 98% di Pontianak Timur (1 tanpa data)"
    )
    assert report.measure_finding("people_needed", unknown, "kecamatan", CITY, "en") == (
        "Kota Pontianak: 1 more resident to reach 98% in Pontianak Timur (1 without data)"
    )
    # all at the target: the coverage map's sentence ("kedua" for two)
    assert report.measure_finding("people_needed", _people_rows([0, 0]), "kecamatan", CITY, "id") == (
        "Kedua kecamatan di Kota Pontianak mencapai 98%"
    )
    assert report.measure_finding("people_needed", _people_rows([0, 0, 0]), "kecamatan", CITY, "en") == (
        "All 3 kecamatan of Kota Pontianak reach 98%"
    )
    # one region at the target: named with its coverage, as the coverage map says it
    alone = _people_rows([0]).with_columns(pl.Series("coverage_pct", [98.5]))
    assert (
        report.measure_finding("people_needed", alone, "kecamatan", CITY, "id")
        == "Pontianak Utara 98,50%, mencapai 98%"
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
            "Cakupan JKN naik di 2 dari 4 kecamatan di Kota Pontianak dalam 12 bulan; kenaikan terbesar: "
            "Pontianak Utara +3,10 poin, penurunan terbesar: Pontianak Kota -0,20 poin (1 tanpa data)",
        ),
        (
            [3.1, -0.2, 0.0, 1.5, None],
            "en",
            "JKN coverage rose in 2 of 4 kecamatan of Kota Pontianak in 12 months; "
            "biggest rise: Pontianak Utara +3.10 points, biggest fall: Pontianak Kota -0.20 points (1 without data)",
        ),
        # rose in two, the third unchanged: no fall to name
        (
            [0.5, 0.0, 2.25],
            "id",
            "Cakupan JKN naik di 2 dari 3 kecamatan di Kota Pontianak dalam 12 bulan; "
            "kenaikan terbesar: Pontianak Barat +2,25 poin",
        ),
        # every one rose: both
        (
            [0.5, 1.0],
            "en",
            "JKN coverage rose in both kecamatan of Kota Pontianak in 12 months; "
            "biggest rise: Pontianak Kota +1.00 points",
        ),
        # every one fell: the largest fall is Utara's -2,00
        (
            [-2.0, -0.5, -1.0],
            "id",
            "Cakupan JKN turun di semua 3 kecamatan di Kota Pontianak dalam 12 bulan; "
            "penurunan terbesar: Pontianak Utara -2,00 poin",
        ),
        (
            [-2.0, -0.5],
            "en",
            "JKN coverage fell in both kecamatan of Kota Pontianak in 12 months; "
            "biggest fall: Pontianak Utara -2.00 points",
        ),
        # +0,001 and -0,002 print as 0,00: unchanged, not a rise and a fall; Barat's +0,5 is the one rise
        (
            [0.001, -0.002, 0.5],
            "id",
            "Cakupan JKN naik di 1 dari 3 kecamatan di Kota Pontianak dalam 12 bulan; "
            "kenaikan terbesar: Pontianak Barat +0,50 poin",
        ),
        ([0.001, -0.002], "en", "JKN coverage of the 2 kecamatan of Kota Pontianak unchanged in 12 months"),
        # none rose: the largest fall is Kota's -1,40
        (
            [-0.3, -1.4, 0.0],
            "id",
            "Cakupan JKN tidak naik di satu pun dari 3 kecamatan di Kota Pontianak dalam 12 bulan; "
            "penurunan terbesar: Pontianak Kota -1,40 poin",
        ),
        ([0.0, 0.0], "en", "JKN coverage of the 2 kecamatan of Kota Pontianak unchanged in 12 months"),
        # one region: with its verb, the change unsigned
        ([-0.75], "id", "Cakupan JKN Pontianak Utara turun 0,75 poin dalam 12 bulan"),
        ([-0.75], "en", "JKN coverage in Pontianak Utara fell 0.75 points in 12 months"),
        ([12.08], "id", "Cakupan JKN Pontianak Utara naik 12,08 poin dalam 12 bulan"),
        ([12.08], "en", "JKN coverage in Pontianak Utara rose 12.08 points in 12 months"),
        ([0.004], "id", "Cakupan JKN Pontianak Utara tidak berubah dalam 12 bulan"),
        ([-0.004], "en", "JKN coverage in Pontianak Utara unchanged in 12 months"),
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
        "cakupan-tren": (
            "Cakupan JKN Pontianak Utara 94,03%: 5.669 warga lagi menuju 98%; "
            "dengan laju 12\u00a0bulan terakhir sekitar Mei\u00a02026"
        ),
        "keaktifan-tren": "Keaktifan JKN Pontianak Utara 84,12%: memenuhi syarat UHC 80%",
        "segmen": "Segmen terbesar PBI APBN: 37,24% peserta JKN Pontianak Utara",
    }
    english = report.trend_findings(trend, segments, january, "Pontianak Utara", "en")
    assert english["cakupan-tren"] == (
        "JKN coverage in Pontianak Utara 94.03%: 5,669 more residents to reach 98%; "
        "at the last 12\u00a0months' pace around May\u00a02026"
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
    # a coverage without a people count cannot say the target is met: no finding (the chart's title)
    unknown = {"coverage_pct": 90.0, "target_pct": 98.0, "people_needed": None, "projection_status": None}
    assert report.coverage_finding(unknown, "Pontianak Kota", "id") is None


def test_the_press_set_s_kecamatan_map_says_what_the_peta_page_s_coverage_map_says():
    kecamatan = _people_rows([5669, 0]).with_columns(pl.Series("coverage_pct", [94.03, 99.0]))
    # the press set's peta-kecamatan headline is map_finding of its kecamatan rows: 1 of 2 short of 98%
    assert report.map_finding(kecamatan, report.level_word("kecamatan", "id"), CITY, "id") == (
        "1 dari 2 kecamatan di Kota Pontianak belum mencapai 98%"
    )
    assert report.level_word("kelurahan", "en") == "kelurahan"


def _coverage_rows(coverage: list[float | None], people: list[int | None]) -> pl.DataFrame:
    names = ["Siantan Hulu", "Siantan Tengah", "Siantan Hilir", "Batulayang"]
    return pl.DataFrame(
        {
            "name": names[: len(coverage)],
            "coverage_pct": coverage,
            "people_needed": people,
            "target_pct": [98.0] * len(coverage),
        },
        schema_overrides={"coverage_pct": pl.Float64, "people_needed": pl.Int64},
    )


def test_a_coverage_map_of_one_region_names_it_with_its_value():
    # one kelurahan measured, 93,95% < 98%: named, not "Semua 1 kelurahan" / "None of the 1"
    one = _coverage_rows([93.95], [120])
    assert report.map_finding(one, "kelurahan", "Pontianak Utara", "id") == "Siantan Hulu 93,95%, belum mencapai 98%"
    assert report.map_finding(one, "kelurahan", "Pontianak Utara", "en") == "Siantan Hulu 93.95%, below 98%"
    # 97,996% with 1 person to enrol: rounded down, 97,99%
    assert report.map_finding(_coverage_rows([97.996], [1]), "kelurahan", "X", "en") == (
        "Siantan Hulu 97.99%, below 98%"
    )
    assert (
        report.map_finding(_coverage_rows([99.1], [0]), "kelurahan", "X", "id") == "Siantan Hulu 99,10%, mencapai 98%"
    )


def test_a_coverage_map_counts_with_kedua_a_plural_verb_and_the_regions_without_data():
    # 2 of 2 short: "Kedua" / "Both"
    two = _coverage_rows([90.0, 91.0], [10, 20])
    assert report.map_finding(two, "kelurahan", "Pontianak Utara", "id") == (
        "Kedua kelurahan di Pontianak Utara belum mencapai 98%"
    )
    assert report.map_finding(two, "kelurahan", "Pontianak Utara", "en") == (
        "Both kelurahan of Pontianak Utara are below 98%"
    )
    # 1 of 3 short: English "is"; 2 of 3: "are"; Batulayang drawn without a figure: (1 without data)
    rows = _coverage_rows([90.0, 99.0, 98.5, None], [10, 0, 0, None])
    assert report.map_finding(rows, "kelurahan", "Pontianak Utara", "en") == (
        "1 of 3 kelurahan in Pontianak Utara is below 98% (1 without data)"
    )
    assert report.map_finding(rows, "kelurahan", "Pontianak Utara", "id") == (
        "1 dari 3 kelurahan di Pontianak Utara belum mencapai 98% (1 tanpa data)"
    )
    two_short = _coverage_rows([90.0, 91.0, 98.5], [10, 20, 0])
    assert report.map_finding(two_short, "kelurahan", "Pontianak Utara", "en") == (
        "2 of 3 kelurahan in Pontianak Utara are below 98%"
    )
    assert report.map_finding(_coverage_rows([90.0, 91.0, 92.0], [1, 2, 3]), "kelurahan", "X", "id") == (
        "Semua 3 kelurahan di X belum mencapai 98%"
    )


def test_a_region_drawn_without_a_row_counts_as_without_data():
    # the map draws 61.71.04.1001-3 and 61.71.04.1004, whose shape has no gap row (drawn as no
    # data): 1 of 3 measured short (Siantan Hulu 90,00%), "(1 tanpa data)"; a row without a shape
    # is still counted (its figure is real; the page lists it under the map)
    rows = _coverage_rows([90.0, 99.0, 98.5], [10, 0, 0]).with_columns(
        pl.Series("kemendagri_code", ["61.71.04.1001", "61.71.04.1002", "61.71.04.1003"])
    )
    drawn = ["61.71.04.1001", "61.71.04.1002", "61.71.04.1003", "61.71.04.1004"]
    assert report.measure_finding("coverage_pct", rows, "kelurahan", "Pontianak Utara", "id", drawn=drawn) == (
        "1 dari 3 kelurahan di Pontianak Utara belum mencapai 98% (1 tanpa data)"
    )
    assert report.measure_finding("coverage_pct", rows, "kelurahan", "Pontianak Utara", "en", drawn=drawn[:3]) == (
        "1 of 3 kelurahan in Pontianak Utara is below 98%"
    )
    assert report.map_finding(rows.head(0), "kelurahan", "Pontianak Utara", "id", drawn) is None


def test_percent_against_rounds_down_only_a_value_that_would_print_as_reaching_its_threshold():
    # 79,996 and 79,995 would print 80,00 (half to even: 79,995 -> 80,00): rounded down, 79,99
    assert formats.percent_against(79.996, 80.0, "id") == "79,99%"
    assert formats.percent_against(79.995, 80.0, "en") == "79.99%"
    # 79,994 prints 79,99 as usual; at or above the threshold, or without one, as usual
    assert formats.percent_against(79.994, 80.0, "id") == "79,99%"
    assert formats.percent_against(80.004, 80.0, "id") == "80,00%"
    assert formats.percent_against(97.996, None, "id") == "98,00%"
    # a target that is not whole: 97,4996 would print 97,50 against 97,5 -> 97,49
    assert formats.percent_against(97.4996, 97.5, "id") == "97,49%"
    # shown: the value as two decimals print it; -0,002 is 0,00 (neither a rise nor a fall)
    assert formats.shown(-0.002) == 0 and formats.shown(0.006) == Decimal("0.01")
