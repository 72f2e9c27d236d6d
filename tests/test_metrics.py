"""The gap engine on tiny inline frames; every expected figure is worked out by hand in a comment."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from uhc.core import metrics

D = dt.date
JUNE_2025 = D(2025, 6, 1)

# The national parameters as migration 0003 stores them: target 98% since 2020; UHC criterion
# 95% / 75% until 2023 and 98% / 80% since 2024; iuran Rp42.000 since 1 Aug 2019.
NATIONAL = metrics.Parameters(
    targets=pl.DataFrame({"valid_from": [D(2020, 1, 1)], "target_pct": [98.0]}),
    criteria=pl.DataFrame(
        {
            "valid_from": [D(2014, 1, 1), D(2024, 1, 1)],
            "min_coverage_pct": [95.0, 98.0],
            "min_activity_pct": [75.0, 80.0],
        }
    ),
    iuran=pl.DataFrame(
        {
            "segment": ["pbi_apbn", "pbi_apbd", "pbpu"],
            "valid_from": [D(2019, 8, 1)] * 3,
            "idr_per_month": [42_000] * 3,
        }
    ),
)


def coverage(rows: list[tuple[str, dt.date, int, int | None]]) -> pl.DataFrame:
    """Coverage rows (kemendagri_code, period, registered, active) as the store hands them over."""
    return pl.DataFrame(
        {
            "kemendagri_code": [r[0] for r in rows],
            "name": [f"Region {r[0]}" for r in rows],
            "level": ["kecamatan"] * len(rows),
            "period": [r[1] for r in rows],
            "registered": [r[2] for r in rows],
            "active": [r[3] for r in rows],
        },
        schema={
            "kemendagri_code": pl.String,
            "name": pl.String,
            "level": pl.String,
            "period": pl.Date,
            "registered": pl.Int64,
            "active": pl.Int64,
        },
    )


def population(rows: list[tuple[str, dt.date, int]]) -> pl.DataFrame:
    """Population rows (kemendagri_code, as_of, population)."""
    return pl.DataFrame(
        {
            "kemendagri_code": [r[0] for r in rows],
            "as_of": [r[1] for r in rows],
            "population": [r[2] for r in rows],
        },
        schema={"kemendagri_code": pl.String, "as_of": pl.Date, "population": pl.Int64},
    )


def one_month_gap(
    population_count: int,
    registered: int,
    active: int | None,
    period: dt.date = JUNE_2025,
    target_pct: float | None = None,
    parameters: metrics.Parameters = NATIONAL,
) -> dict:
    """The gap row of one region in one month, its population dated 31 Dec 2023."""
    gap = metrics.gap_by_region_month(
        coverage([("61.71.01", period, registered, active)]),
        population([("61.71.01", D(2023, 12, 31), population_count)]),
        parameters,
        target_pct,
    )
    assert gap.height == 1
    return gap.row(0, named=True)


def test_gap_columns_start_with_the_cli_columns_in_order():
    gap = metrics.gap_by_region_month(
        coverage([("61.71.01", D(2025, 6, 1), 900, 720)]), population([("61.71.01", D(2024, 12, 31), 1_000)]), NATIONAL
    )
    assert gap.columns[:14] == [
        "kemendagri_code",
        "name",
        "level",
        "period",
        "population",
        "registered",
        "active",
        "coverage_pct",
        "activity_pct",
        "active_coverage_pct",
        "target_pct",
        "people_needed",
        "annual_cost_idr",
        "uhc_status",
    ]


def test_coverage_activity_and_active_coverage():
    gap = metrics.gap_by_region_month(
        coverage([("61.71.01", D(2025, 6, 1), 900, 720), ("61.71.02", D(2025, 6, 1), 990, 693)]),
        population([("61.71.01", D(2024, 12, 31), 1_000), ("61.71.02", D(2024, 12, 31), 1_000)]),
        NATIONAL,
    )
    expected = pl.DataFrame(
        {
            "kemendagri_code": ["61.71.01", "61.71.02"],
            # 900 / 1.000 = 90%; 990 / 1.000 = 99%
            "coverage_pct": [90.0, 99.0],
            # 720 / 900 = 80%; 693 / 990 = 70%
            "activity_pct": [80.0, 70.0],
            # 720 / 1.000 = 72%; 693 / 1.000 = 69,3%
            "active_coverage_pct": [72.0, 69.3],
            # 98% x 1.000 = 980: 980 - 900 = 80; 980 - 990 < 0 -> 0
            "people_needed": [80, 0],
            # 80 x Rp42.000 x 12 = Rp40.320.000
            "annual_cost_idr": [40_320_000, 0],
            # 90 < 98 -> not UHC; 99 >= 98 but activity 70 < 80 -> not UHC
            "uhc_status": ["not_uhc", "not_uhc"],
        },
        # rupiah in Int128, which cannot wrap (Int64 wrapped silently past 2^63)
        schema_overrides={"annual_cost_idr": pl.Int128},
    )
    assert_frame_equal(gap.select(expected.columns), expected)


def test_pontianak_february_2025_example_from_the_domain_brief():
    # 87,86% of 687.031 residents: 0,8786 x 687.031 = 603.625,4 -> 603.625 registered.
    row = one_month_gap(687_031, 603_625, None, period=D(2025, 2, 1))
    # 603.625 / 687.031 = 0,878599... -> 87,86%
    assert round(row["coverage_pct"], 2) == 87.86
    # 0,98 x 687.031 = 673.290,38 -> 673.291; 673.291 - 603.625 = 69.666 ("about 69.700")
    assert row["people_needed"] == 69_666
    # 69.666 x Rp42.000 x 12 = 69.666 x 504.000 = Rp35.111.664.000 ("about Rp35,1 miliar")
    assert row["annual_cost_idr"] == 35_111_664_000
    assert row["iuran_idr_per_month"] == 42_000


@pytest.mark.parametrize(
    ("population_count", "registered", "target_pct", "people_needed", "annual_cost_idr"),
    [
        # 0,98 x 687.031 = 673.290,38 -> 673.291; 673.291 - 603.625 = 69.666; x 504.000
        (687_031, 603_625, None, 69_666, 35_111_664_000),
        # 0,99 x 687.031 = 680.160,69 -> 680.161; 680.161 - 603.625 = 76.536; x 504.000 = 38.574.144.000
        (687_031, 603_625, 99.0, 76_536, 38_574_144_000),
        # 0,98 x 50 = 49 exactly: 49 - 48 = 1 person; 1 x 504.000
        (50, 48, None, 1, 504_000),
        # 49 of 50 is exactly 98%: nobody is needed
        (50, 49, None, 0, 0),
        # 0,98 x 1 = 0,98 -> a whole person: 1
        (1, 0, None, 1, 504_000),
        # 0,999 x 41.000 = 40.959 exactly (in binary floats 40.959,00000000001: must not add one)
        (41_000, 40_959, 99.9, 0, 0),
        # 40.959 - 40.000 = 959; 959 x 504.000 = 483.336.000
        (41_000, 40_000, 99.9, 959, 483_336_000),
        # registered above the population: nobody is needed
        (1_000, 1_100, None, 0, 0),
    ],
)
def test_people_needed_and_annual_cost(population_count, registered, target_pct, people_needed, annual_cost_idr):
    row = one_month_gap(population_count, registered, None, target_pct=target_pct)
    assert (row["people_needed"], row["annual_cost_idr"]) == (people_needed, annual_cost_idr)


def test_registered_above_population_gives_coverage_over_100():
    row = one_month_gap(1_000, 1_100, 990)
    # 1.100 / 1.000 = 110%; 990 / 1.100 = 90%; 990 / 1.000 = 99%
    assert (row["coverage_pct"], row["activity_pct"], row["active_coverage_pct"]) == (110.0, 90.0, 99.0)
    assert (row["people_needed"], row["annual_cost_idr"], row["uhc_status"]) == (0, 0, "uhc")
    assert row["projection_status"] == "reached"


def test_population_zero_or_missing_gives_no_coverage_and_no_status():
    gap = metrics.gap_by_region_month(
        coverage([("61.71.01", D(2025, 6, 1), 10, 8), ("61.71.02", D(2025, 6, 1), 10, 8)]),
        # 61.71.01 has a population of zero; 61.71.02 has no population figure at all
        population([("61.71.01", D(2024, 12, 31), 0)]),
        NATIONAL,
    )
    expected = pl.DataFrame(
        {
            "kemendagri_code": ["61.71.01", "61.71.02"],
            "population": [0, None],
            "coverage_pct": [None, None],
            # 8 / 10 = 80%: activity does not need the population
            "activity_pct": [80.0, 80.0],
            "active_coverage_pct": [None, None],
            "uhc_status": ["no_data", "no_data"],
            "projection_status": ["no_data", "no_data"],
        },
        schema_overrides={"population": pl.Int64, "coverage_pct": pl.Float64, "active_coverage_pct": pl.Float64},
    )
    assert_frame_equal(gap.select(expected.columns), expected)
    missing = gap.row(1, named=True)
    assert (missing["people_needed"], missing["annual_cost_idr"], missing["population_as_of"]) == (None, None, None)


def test_population_after_the_month_is_not_used():
    # The only figure is dated 31 Dec 2025: a June 2025 month cannot use it.
    gap = metrics.gap_by_region_month(
        coverage([("61.71.01", D(2025, 6, 1), 900, 720)]), population([("61.71.01", D(2025, 12, 31), 1_000)]), NATIONAL
    )
    row = gap.row(0, named=True)
    assert (row["population"], row["coverage_pct"], row["uhc_status"]) == (None, None, "no_data")


def test_zero_registered_gives_no_activity():
    row = one_month_gap(1_000, 0, 0)
    # 0 / 1.000 = 0%; 0 / 0 has no value; 0,98 x 1.000 = 980 people needed
    assert (row["coverage_pct"], row["activity_pct"], row["active_coverage_pct"]) == (0.0, None, 0.0)
    assert (row["people_needed"], row["uhc_status"]) == (980, "not_uhc")


def test_month_uses_the_latest_dukcapil_semester_on_or_before_its_last_day():
    months = [D(2024, 12, 1), D(2025, 5, 1), D(2025, 6, 1), D(2025, 12, 1), D(2026, 1, 1)]
    gap = metrics.gap_by_region_month(
        coverage([("61.71.01", month, 500, 400) for month in months]),
        population(
            [
                ("61.71.01", D(2024, 12, 31), 1_000),
                ("61.71.01", D(2025, 6, 30), 2_000),
                ("61.71.01", D(2025, 12, 31), 4_000),
                ("61.71.01", D(2026, 6, 30), 8_000),
            ]
        ),
        NATIONAL,
    )
    expected = pl.DataFrame(
        {
            "period": months,
            # Dec 2024 ends on 31 Dec 2024 (S2 2024); May 2025 still uses S2 2024; June 2025 ends on
            # 30 June (S1 2025); Dec 2025 and Jan 2026 use S2 2025; S1 2026 is later than all.
            "population_as_of": [D(2024, 12, 31), D(2024, 12, 31), D(2025, 6, 30), D(2025, 12, 31), D(2025, 12, 31)],
            "population": [1_000, 1_000, 2_000, 4_000, 4_000],
            # 500 / 1.000 = 50%; 500 / 2.000 = 25%; 500 / 4.000 = 12,5%
            "coverage_pct": [50.0, 50.0, 25.0, 12.5, 12.5],
        }
    )
    assert_frame_equal(gap.select(expected.columns), expected)


@pytest.mark.parametrize(
    ("period", "population_count", "registered", "active", "uhc_status"),
    [
        # Since 2024: coverage >= 98 and activity >= 80.
        (D(2024, 1, 1), 500, 490, 392, "uhc"),  # 490 / 500 = 98,0%; 392 / 490 = 80,0%: exactly at both
        (D(2025, 6, 1), 500, 489, 392, "not_uhc"),  # 489 / 500 = 97,8% < 98
        (D(2025, 6, 1), 500, 490, 391, "not_uhc"),  # 391 / 490 = 79,8% < 80
        (D(2025, 6, 1), 500, 490, None, "no_data"),  # coverage passes but activity is unknown
        (D(2025, 6, 1), 500, 489, None, "not_uhc"),  # coverage fails: activity cannot save it
        # Until 2023: coverage >= 95 and activity >= 75.
        (D(2023, 12, 1), 400, 380, 285, "uhc"),  # 380 / 400 = 95,0%; 285 / 380 = 75,0%: exactly at both
        (D(2023, 12, 1), 400, 379, 285, "not_uhc"),  # 379 / 400 = 94,75% < 95
        (D(2023, 12, 1), 400, 380, 284, "not_uhc"),  # 284 / 380 = 74,7% < 75
        # The same city, 96% and 78,1%: UHC under the old rule, not under the new one.
        (D(2023, 12, 1), 500, 480, 375, "uhc"),  # 480 / 500 = 96%; 375 / 480 = 78,125%
        (D(2024, 1, 1), 500, 480, 375, "not_uhc"),
    ],
)
def test_uhc_status_uses_the_criterion_in_force(period, population_count, registered, active, uhc_status):
    assert one_month_gap(population_count, registered, active, period=period)["uhc_status"] == uhc_status


@pytest.mark.parametrize(
    ("period", "min_coverage_pct", "min_activity_pct"),
    [(D(2023, 12, 1), 95.0, 75.0), (D(2024, 1, 1), 98.0, 80.0), (D(2026, 1, 1), 98.0, 80.0)],
)
def test_criterion_in_force_is_reported(period, min_coverage_pct, min_activity_pct):
    row = one_month_gap(1_000, 900, 720, period=period)
    assert (row["min_coverage_pct"], row["min_activity_pct"]) == (min_coverage_pct, min_activity_pct)


# A store with its own later rows: a 99% target from 2029 (press) and a new iuran from 2026.
LATER = metrics.Parameters(
    targets=pl.DataFrame({"valid_from": [D(2020, 1, 1), D(2029, 1, 1)], "target_pct": [98.0, 99.0]}),
    criteria=NATIONAL.criteria,
    iuran=pl.DataFrame(
        {
            "segment": ["pbi_apbd", "pbi_apbd", "pbpu", "pbi_apbn"],
            "valid_from": [D(2019, 8, 1), D(2026, 1, 1), D(2019, 8, 1), D(2019, 8, 1)],
            # only the Pemda segment prices the gap: the other segments' rates must be ignored
            "idr_per_month": [42_000, 50_000, 35_000, 99_000],
        }
    ),
)


@pytest.mark.parametrize(
    ("period", "target_pct", "iuran", "people_needed", "annual_cost_idr"),
    [
        # 0,98 x 1.000 = 980; 980 - 900 = 80; 80 x 42.000 x 12 = 40.320.000
        (D(2025, 12, 1), 98.0, 42_000, 80, 40_320_000),
        # from Jan 2026: 80 x 50.000 x 12 = 48.000.000
        (D(2026, 1, 1), 98.0, 50_000, 80, 48_000_000),
        (D(2028, 12, 1), 98.0, 50_000, 80, 48_000_000),
        # from Jan 2029: 0,99 x 1.000 = 990; 990 - 900 = 90; 90 x 50.000 x 12 = 54.000.000
        (D(2029, 1, 1), 99.0, 50_000, 90, 54_000_000),
    ],
)
def test_dated_target_and_iuran(period, target_pct, iuran, people_needed, annual_cost_idr):
    row = one_month_gap(1_000, 900, 720, period=period, parameters=LATER)
    assert (row["target_pct"], row["iuran_idr_per_month"], row["people_needed"], row["annual_cost_idr"]) == (
        target_pct,
        iuran,
        people_needed,
        annual_cost_idr,
    )


@pytest.mark.parametrize("period", [D(2025, 6, 1), D(2029, 6, 1)])
def test_target_override_replaces_every_dated_target(period):
    row = one_month_gap(1_000, 900, 720, period=period, target_pct=95.0, parameters=LATER)
    # 0,95 x 1.000 = 950; 950 - 900 = 50
    assert (row["target_pct"], row["people_needed"]) == (95.0, 50)


def test_target_override_does_not_change_the_uhc_criterion():
    # 96% coverage reaches a 95% target, but the UHC criterion (98%) still applies.
    row = one_month_gap(1_000, 960, 960, target_pct=95.0)
    assert (row["people_needed"], row["projection_status"], row["uhc_status"]) == (0, "reached", "not_uhc")


def test_changes_against_last_month_and_twelve_months_before():
    pop = population([("61.71.01", D(2023, 12, 31), 1_000), ("61.71.02", D(2023, 12, 31), 2_000)])
    rows = coverage(
        [
            ("61.71.01", D(2024, 6, 1), 800, 640),
            ("61.71.01", D(2025, 5, 1), 910, 728),
            ("61.71.01", D(2025, 6, 1), 920, 736),
            # the other kecamatan: its history must not leak into the first one
            ("61.71.02", D(2024, 6, 1), 1_900, 1_520),
            ("61.71.02", D(2025, 5, 1), 1_950, 1_560),
            ("61.71.02", D(2025, 6, 1), 1_940, 1_552),
        ]
    )
    gap = metrics.gap_by_region_month(rows, pop, NATIONAL).filter(pl.col("period") == D(2025, 6, 1))
    expected = pl.DataFrame(
        {
            "kemendagri_code": ["61.71.01", "61.71.02"],
            # 92% - 91% = +1 pp; 97% - 97,5% = -0,5 pp
            "coverage_change_1m_pp": [1.0, -0.5],
            # 92% - 80% = +12 pp; 97% - 95% = +2 pp
            "coverage_change_12m_pp": [12.0, 2.0],
            # 920 - 910 = 10; 1.940 - 1.950 = -10
            "registered_change_1m": [10, -10],
            # 920 - 800 = 120; 1.940 - 1.900 = 40
            "registered_change_12m": [120, 40],
        }
    )
    assert_frame_equal(gap.select(expected.columns), expected, abs_tol=1e-9)


def test_output_is_sorted_by_code_then_period():
    rows = coverage(
        [
            ("61.71.02", D(2025, 6, 1), 10, 8),
            ("61.71.01", D(2025, 6, 1), 10, 8),
            ("61.71.02", D(2025, 5, 1), 10, 8),
            ("61.71.01", D(2025, 5, 1), 10, 8),
        ]
    )
    gap = metrics.gap_by_region_month(rows, population([]), NATIONAL)
    expected = pl.DataFrame(
        {
            "kemendagri_code": ["61.71.01", "61.71.01", "61.71.02", "61.71.02"],
            "period": [D(2025, 5, 1), D(2025, 6, 1), D(2025, 5, 1), D(2025, 6, 1)],
        }
    )
    assert_frame_equal(gap.select(expected.columns), expected)


@pytest.mark.parametrize(
    ("population_count", "registered_before", "registered_now", "projection_status", "projected_target_period"),
    [
        # 80% -> 92%: 12 pp / 12 = 1 pp a month; (98 - 92) / 1 = 6 months; June 2025 + 6 = Dec 2025
        (1_000, 800, 920, "projected", D(2025, 12, 1)),
        # 83% -> 90%: 7 / 12 = 0,5833 pp a month; (98 - 90) / 0,5833 = 13,7 -> 14 months: Aug 2026
        (1_000, 830, 900, "projected", D(2026, 8, 1)),
        # 98% exactly is the target
        (1_000, 900, 980, "reached", None),
        (1_000, 900, 985, "reached", None),
        # falling: 92% -> 90%
        (1_000, 920, 900, "not_at_current_pace", None),
        # flat: no progress, no date
        (1_000, 900, 900, "not_at_current_pace", None),
        # 89,99% -> 90%: 0,01 / 12 pp a month; 8 pp take 9.600 months, beyond 600 months
        (100_000, 89_990, 90_000, "not_at_current_pace", None),
    ],
)
def test_projection(population_count, registered_before, registered_now, projection_status, projected_target_period):
    rows = coverage(
        [("61.71.01", D(2024, 6, 1), registered_before, None), ("61.71.01", D(2025, 6, 1), registered_now, None)]
    )
    gap = metrics.gap_by_region_month(rows, population([("61.71.01", D(2023, 12, 31), population_count)]), NATIONAL)
    row = gap.filter(pl.col("period") == D(2025, 6, 1)).row(0, named=True)
    assert (row["projection_status"], row["projected_target_period"]) == (projection_status, projected_target_period)


def test_pace_is_the_twelve_month_change_per_month():
    rows = coverage([("61.71.01", D(2024, 6, 1), 830, None), ("61.71.01", D(2025, 6, 1), 900, None)])
    gap = metrics.gap_by_region_month(rows, population([("61.71.01", D(2023, 12, 31), 1_000)]), NATIONAL)
    # (90% - 83%) / 12 = 0,58333 pp a month
    assert gap.filter(pl.col("period") == D(2025, 6, 1))["pace_pp_per_month"].item() == pytest.approx(
        0.583333, abs=1e-6
    )


@pytest.mark.parametrize(
    ("registered_now", "projection_status"),
    [
        # 90% and no figure twelve months before: no pace to project with
        (900, "insufficient_history"),
        # the target is already reached: history is not needed
        (990, "reached"),
    ],
)
def test_projection_without_twelve_months_of_history(registered_now, projection_status):
    # May 2025 is there, June 2024 is not.
    rows = coverage([("61.71.01", D(2025, 5, 1), 880, None), ("61.71.01", D(2025, 6, 1), registered_now, None)])
    gap = metrics.gap_by_region_month(rows, population([("61.71.01", D(2023, 12, 31), 1_000)]), NATIONAL)
    row = gap.filter(pl.col("period") == D(2025, 6, 1)).row(0, named=True)
    assert (row["coverage_change_12m_pp"], row["pace_pp_per_month"]) == (None, None)
    assert (row["projection_status"], row["projected_target_period"]) == (projection_status, None)


@pytest.mark.parametrize(
    ("period", "months"),
    [
        (D(2025, 6, 1), [D(2025, 6, 1), D(2025, 5, 1), D(2024, 6, 1)]),
        (D(2026, 1, 1), [D(2026, 1, 1), D(2025, 12, 1), D(2025, 1, 1)]),
        (D(2025, 12, 1), [D(2025, 12, 1), D(2025, 11, 1), D(2024, 12, 1)]),
    ],
)
def test_months_for_changes(period, months):
    assert metrics.months_for_changes(period) == months


def test_regions_without_data_are_added_as_no_data_rows():
    period = D(2025, 6, 1)
    gap = metrics.gap_by_region_month(
        coverage([("61.71.02", period, 900, 720)]), population([("61.71.02", D(2024, 12, 31), 1_000)]), NATIONAL
    )
    regions = pl.DataFrame(
        {
            "kemendagri_code": ["61.71.01", "61.71.02", "61.71.03"],
            "name": ["Pontianak Selatan", "Pontianak Timur", "Pontianak Barat"],
            "level": ["kecamatan"] * 3,
        }
    )
    result = metrics.with_regions_without_data(gap, regions, period)
    expected = pl.DataFrame(
        {
            "kemendagri_code": ["61.71.01", "61.71.02", "61.71.03"],
            # the gap's own name is kept for the region that has data
            "name": ["Pontianak Selatan", "Region 61.71.02", "Pontianak Barat"],
            "period": [period] * 3,
            "registered": [None, 900, None],
            "coverage_pct": [None, 90.0, None],
            "people_needed": [None, 80, None],
            "uhc_status": ["no_data", "not_uhc", "no_data"],
            "projection_status": ["no_data", "insufficient_history", "no_data"],
        },
        schema_overrides={"registered": pl.Int64, "coverage_pct": pl.Float64, "people_needed": pl.Int64},
    )
    assert_frame_equal(result.select(expected.columns), expected)
    assert result.columns == gap.columns


def test_regions_without_data_leaves_a_complete_gap_alone():
    period = D(2025, 6, 1)
    gap = metrics.gap_by_region_month(
        coverage([("61.71.02", period, 900, 720)]), population([("61.71.02", D(2024, 12, 31), 1_000)]), NATIONAL
    )
    regions = pl.DataFrame({"kemendagri_code": ["61.71.02"], "name": ["Pontianak Timur"], "level": ["kecamatan"]})
    assert_frame_equal(metrics.with_regions_without_data(gap, regions, period), gap)


def test_before_any_dated_target_or_criterion_nothing_is_claimed():
    # NATIONAL's target starts 2020-01-01 and its first criterion 2014-01-01: in 2012 neither is
    # in force, so there is no target to be short of and no criterion to meet.
    gap = metrics.gap_by_region_month(
        coverage([("61.71.01", D(2012, 6, 1), 900, 720)]), population([("61.71.01", D(2011, 12, 31), 1_000)]), NATIONAL
    )
    row = gap.row(0, named=True)
    # 900 / 1.000 = 90%
    assert row["coverage_pct"] == pytest.approx(90.0)
    assert row["target_pct"] is None
    assert row["people_needed"] is None
    assert row["annual_cost_idr"] is None
    assert row["uhc_status"] == "no_data"


@pytest.mark.parametrize(
    ("population_count", "registered", "active", "period", "registered_short", "active_short"),
    [
        # 2025 criteria 98% / 80%: 0,98 x 1.000 = 980 registered needed, 980 - 900 = 80;
        # 0,80 x 900 = 720 active needed, 720 - 700 = 20.
        (1_000, 900, 700, JUNE_2025, 80, 20),
        # Both met: 990 >= 980 and 800 >= 0,80 x 990 = 792.
        (1_000, 990, 800, JUNE_2025, 0, 0),
        # 2023 criteria 95% / 75%: 950 - 900 = 50; 0,75 x 900 = 675, 675 - 600 = 75.
        (1_000, 900, 600, D(2023, 12, 1), 50, 75),
        # 0,80 x 901 = 720,8 -> 721 active needed, 721 - 700 = 21 (a part of a person is a person).
        (1_000, 901, 700, JUNE_2025, 79, 21),
        # Unknown active: nothing can be said of activity.
        (1_000, 900, None, JUNE_2025, 80, None),
    ],
)
def test_what_the_uhc_criteria_still_miss(population_count, registered, active, period, registered_short, active_short):
    row = one_month_gap(population_count, registered, active, period=period)

    assert row["registered_short_of_uhc"] == registered_short
    assert row["active_needed"] == active_short


def test_activity_changes_against_one_and_twelve_months_before():
    gap = metrics.gap_by_region_month(
        coverage(
            [
                ("61.71.01", D(2024, 6, 1), 800, 560),  # 70% active
                ("61.71.01", D(2025, 5, 1), 900, 702),  # 78%
                ("61.71.01", JUNE_2025, 900, 720),  # 80%
            ]
        ),
        population([("61.71.01", D(2023, 12, 31), 1_000)]),
        NATIONAL,
        periods=[JUNE_2025],
    ).row(0, named=True)

    assert gap["activity_change_1m_pp"] == pytest.approx(2.0)  # 80 - 78
    assert gap["activity_change_12m_pp"] == pytest.approx(10.0)  # 80 - 70


def test_active_needed_for_a_serang_like_city():
    # Kota Serang, December 2025 (press): 99,19% coverage, keaktifan 73,7%. By hand, for 100.000
    # residents: 99.190 registered -> 99,19%; 73.103 active -> 73.103 / 99.190 = 73,70%.
    # UHC activity criterion in force (2024 on): 80%; 0,80 x 99.190 = 79.352 exactly;
    # active_needed = 79.352 - 73.103 = 6.249. Coverage: 0,98 x 100.000 = 98.000 <= 99.190, so
    # nobody to enrol for the target and none for the coverage criterion.
    row = one_month_gap(100_000, 99_190, 73_103, period=D(2025, 12, 1))

    assert row["coverage_pct"] == pytest.approx(99.19)
    assert row["activity_pct"] == pytest.approx(73.7, abs=0.005)
    assert (row["people_needed"], row["registered_short_of_uhc"], row["active_needed"]) == (0, 0, 6_249)
    assert row["uhc_status"] == "not_uhc"


@pytest.mark.parametrize(
    ("registered", "active", "period", "active_needed"),
    [
        # ceil, as people_needed: 0,80 x 1.001 = 800,8 -> 801 active needed; 801 - 700 = 101.
        (1_001, 700, JUNE_2025, 101),
        # the criterion is dated: in 2023 it was 75%; 0,75 x 1.001 = 750,75 -> 751; 751 - 700 = 51.
        (1_001, 700, D(2023, 6, 1), 51),
        # met exactly: 0,80 x 1.000 = 800 active needed, 800 active -> 0 (never negative).
        (1_000, 800, JUNE_2025, 0),
        (1_000, 950, JUNE_2025, 0),
        # before every dated criterion (the first is 2014-01-01): no criterion, no figure.
        (1_000, 700, D(2013, 6, 1), None),
        # nobody registered: no keaktifan to speak of.
        (0, 0, JUNE_2025, None),
    ],
)
def test_active_needed_is_the_activity_criterion_in_force_rounded_up(registered, active, period, active_needed):
    assert one_month_gap(1_100, registered, active, period=period)["active_needed"] == active_needed
