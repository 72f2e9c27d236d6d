"""No product of counts and rupiah overflows (issue 10, item 12): costs at the largest count the
reader accepts and the largest iuran the planner accepts are exact, in frames, sentences and JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import polars as pl
import pytest
from command_line import uhc

from uhc.core import metrics, planner
from uhc.intake import reader
from uhc.store.db import Store

D = dt.date
JUNE_2025 = D(2025, 6, 1)
# The largest count the reader accepts: it refuses a count >= MAX_COUNT.
PEOPLE = reader.MAX_COUNT - 1  # 999.999.999.999.999
# The largest iuran (and budget) the planner accepts: 2^53 - 1 = 9.007.199.254.740.991.
IURAN = planner.MAX_IURAN_IDR_PER_MONTH
INT64_MAX = 2**63 - 1


def national(iuran_idr_per_month: int = 42_000) -> metrics.Parameters:
    return metrics.Parameters(
        targets=pl.DataFrame({"valid_from": [D(2020, 1, 1)], "target_pct": [98.0]}),
        criteria=pl.DataFrame({"valid_from": [D(2024, 1, 1)], "min_coverage_pct": [98.0], "min_activity_pct": [80.0]}),
        iuran=pl.DataFrame(
            {"segment": ["pbi_apbd"], "valid_from": [D(2019, 8, 1)], "idr_per_month": [iuran_idr_per_month]}
        ),
    )


def gap_rows(rows: list[tuple], target_pct: float | None, iuran_idr_per_month: int = 42_000) -> pl.DataFrame:
    """The engine's rows for June 2025 of (code, population, registered, active)."""
    coverage = pl.DataFrame(
        {
            "kemendagri_code": [r[0] for r in rows],
            "name": [f"Kecamatan {r[0]}" for r in rows],
            "level": ["kecamatan"] * len(rows),
            "period": [JUNE_2025] * len(rows),
            "registered": [r[2] for r in rows],
            "active": [r[3] for r in rows],
        },
        schema_overrides={"registered": pl.Int64, "active": pl.Int64},
    )
    population = pl.DataFrame(
        {
            "kemendagri_code": [r[0] for r in rows],
            "as_of": [D(2024, 12, 31)] * len(rows),
            "population": [r[1] for r in rows],
        },
        schema_overrides={"population": pl.Int64},
    )
    return metrics.gap_by_region_month(coverage, population, national(iuran_idr_per_month), target_pct)


# A: nobody registered, so all PEOPLE are needed at 100%; B: all registered, none active.
LIMIT_REGIONS = [("61.71.01", PEOPLE, 0, 0), ("61.71.02", PEOPLE, PEOPLE, 0)]


@pytest.mark.parametrize(
    ("target_pct", "people_needed"),
    [
        # 100% of 999.999.999.999.999 is exactly that many (floats made it 10^15, one too many)
        (100.0, 999_999_999_999_999),
        # 0,98 x 999.999.999.999.999 = 979.999.999.999.999,02 -> 980.000.000.000.000
        (98.0, 980_000_000_000_000),
        # 0,995 x 999.999.999.999.999 = 994.999.999.999.999,005 -> 995.000.000.000.000
        (99.5, 995_000_000_000_000),
        # 0,5 x 999.999.999.999.999 = 499.999.999.999.999,5 -> 500.000.000.000.000
        (50.0, 500_000_000_000_000),
    ],
)
def test_people_needed_are_exact_at_the_largest_count(target_pct, people_needed):
    row = gap_rows(LIMIT_REGIONS[:1], target_pct).row(0, named=True)
    assert row["people_needed"] == people_needed
    # the same rounding in Python ints: ceil(target in millionths of a percent x people / 10^8)
    assert people_needed == -(-round(target_pct * 10**6) * PEOPLE // 10**8)


@pytest.mark.parametrize(
    ("iuran", "annual_cost_idr"),
    [
        # 999.999.999.999.999 x Rp42.000 x 12 = Rp503.999.999.999.999.496.000, past 2^63
        (42_000, 503_999_999_999_999_496_000),
        # 999.999.999.999.999 x Rp9.007.199.254.740.991 x 12
        (IURAN, 108_086_391_056_891_783_913_608_943_108_108),
    ],
)
def test_annual_cost_does_not_wrap(iuran, annual_cost_idr):
    row = gap_rows(LIMIT_REGIONS[:1], 100.0, iuran).row(0, named=True)
    assert annual_cost_idr == PEOPLE * iuran * 12 > INT64_MAX  # Python ints cannot wrap
    assert row["annual_cost_idr"] == annual_cost_idr


def test_a_stored_iuran_above_the_limit_is_refused():
    with pytest.raises(ValueError, match=r"above the largest a cost is worked out for"):
        gap_rows(LIMIT_REGIONS[:1], 100.0, IURAN + 1)


def test_worklist_and_city_plan_at_the_limit():
    chosen = planner.Scenario(iuran_idr_per_month=IURAN, target_pct=100.0, months_funded=12, arrears_months=24)
    regions = planner.worklist(gap_rows(LIMIT_REGIONS, 100.0), chosen)
    enrolment = PEOPLE * IURAN * 12  # 108.086.391.056.891.783.913.608.943.108.108
    reactivation = PEOPLE * IURAN * 24  # 216.172.782.113.783.567.827.217.886.216.216
    assert reactivation == 216_172_782_113_783_567_827_217_886_216_216
    assert regions.select("kemendagri_code", "people_needed", "enrolment_cost_idr", "non_active").rows() == [
        ("61.71.01", PEOPLE, enrolment, 0),
        ("61.71.02", 0, 0, PEOPLE),
    ]
    assert regions["reactivation_cost_idr"].to_list() == [0, reactivation]
    # the city: 2 x PEOPLE residents, PEOPLE registered, none active
    city = gap_rows([("61.71", 2 * PEOPLE, PEOPLE, 0)], 100.0).row(0, named=True)
    plan = planner.city_plan(city, regions, chosen)
    assert (plan.people_needed, plan.enrolment_cost_idr, plan.non_active, plan.reactivation_cost_idr) == (
        PEOPLE,
        enrolment,
        PEOPLE,
        reactivation,
    )
    # no budget: every person is short, at the full cost
    assert (plan.people_short, plan.cost_short_idr) == (PEOPLE, enrolment)
    # the page's sentences carry the sums, never a negative (wrapped) figure
    for language in ("id", "en"):
        assert "-" not in planner.reactivation_sentence(plan, chosen, "Kota Contoh", language)


@pytest.mark.parametrize(
    ("budget_idr", "iuran", "months", "people_funded"),
    [
        # 9.007.199.254.740.991 // (1 x 1)
        (planner.MAX_BUDGET_IDR, 1, 1, 9_007_199_254_740_991),
        # the budget pays exactly one person one month of the largest iuran
        (planner.MAX_BUDGET_IDR, IURAN, 1, 1),
        # ... but not twelve months of it
        (planner.MAX_BUDGET_IDR, IURAN, 12, 0),
        # Rp1.000 triliun // (42.000 x 12 = 504.000) = 1.984.126.984 (remainder 64.000)
        (10**15, 42_000, 12, 1_984_126_984),
    ],
)
def test_people_a_budget_funds(budget_idr, iuran, months, people_funded):
    chosen = planner.Scenario(iuran_idr_per_month=iuran, months_funded=months, budget_idr=budget_idr)
    assert chosen.people_funded == people_funded == budget_idr // (iuran * months)


def test_the_largest_budget_closes_a_region_of_the_largest_count():
    chosen = planner.Scenario(
        iuran_idr_per_month=1, target_pct=100.0, months_funded=1, budget_idr=planner.MAX_BUDGET_IDR
    )
    regions = planner.worklist(gap_rows(LIMIT_REGIONS[:1], 100.0), chosen)
    assert regions.select("budget_people", "budget_status").row(0) == (PEOPLE, "closed")
    city = gap_rows([("61.71", PEOPLE, 0, 0)], 100.0).row(0, named=True)
    # left: 9.007.199.254.740.991 - 999.999.999.999.999 x 1 x 1 = 8.007.199.254.740.992
    assert planner.city_plan(city, regions, chosen).budget_left_idr == 8_007_199_254_740_992


def test_the_budget_down_a_ranking_whose_people_add_up_past_int64():
    # 9.300 regions of 999.999.999.999.999 people each: the people before the last add up to
    # 9.299 x 999.999.999.999.999 = 9.298.999.999.999.990.701 > 2^63 - 1, where an Int64 sum wraps
    # negative and would give the budget to the last regions too.
    count = 9_300
    assert (count - 1) * PEOPLE > INT64_MAX
    rows = pl.DataFrame(
        {
            "kemendagri_code": [f"61.71.{n:04d}" for n in range(count)],
            "name": ["x"] * count,
            "population": [PEOPLE] * count,
            "registered": [0] * count,
            "active": [0] * count,
            "coverage_pct": [0.0] * count,
            "target_pct": [100.0] * count,
            "people_needed": [PEOPLE] * count,
        }
    )
    chosen = planner.Scenario(iuran_idr_per_month=1, months_funded=1, budget_idr=PEOPLE)  # pays for PEOPLE
    regions = planner.worklist(rows, chosen)
    assert regions["budget_status"].value_counts(sort=True).rows() == [("not_reached", count - 1), ("closed", 1)]
    assert regions["budget_people"].sum() == PEOPLE


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"iuran_idr_per_month": IURAN + 1}, "iuran can be at most"),
        ({"budget_idr": planner.MAX_BUDGET_IDR + 1}, "budget can be at most"),
    ],
)
def test_a_scenario_above_the_limits_is_refused(changes, message):
    with pytest.raises(ValueError, match=message):
        planner.Scenario(**{"iuran_idr_per_month": 42_000, **changes})


def test_the_worklist_file_keeps_every_digit():
    chosen = planner.Scenario(iuran_idr_per_month=IURAN, target_pct=100.0, arrears_months=24)
    regions = planner.worklist(gap_rows(LIMIT_REGIONS, 100.0), chosen)
    text = planner.csv_bytes(planner.worklist_file(regions, chosen, "en"), "en").decode("utf-8-sig")
    first, second = csv.DictReader(io.StringIO(text))
    assert first["Cost for 12 months (Rp)"] == str(PEOPLE * IURAN * 12)
    assert second["Reactivation 24 months (Rp)"] == str(PEOPLE * IURAN * 24)


def test_gap_json_writes_a_cost_past_2_63_exactly(tmp_path):
    path = tmp_path / "limit.duckdb"
    with Store.open(path) as store:
        store.insert(
            "region",
            pl.DataFrame(
                {
                    "kemendagri_code": ["61", "61.71", "61.71.01", "61.71.01.1001"],
                    "name": ["Kalimantan Barat", "Kota Pontianak", "Pontianak Selatan", "Benuamelayu Darat"],
                    "level": ["provinsi", "kota", "kecamatan", "kelurahan"],
                    "region_type": ["provinsi", "kota", "kecamatan", "kelurahan"],
                    "parent_code": [None, "61", "61.71", "61.71.01"],
                }
            ),
        )
        # written straight into the store: the reader would refuse a kelurahan this large
        store.insert(
            "coverage_snapshot",
            pl.DataFrame(
                {
                    "kemendagri_code": ["61.71.01.1001"],
                    "period": [JUNE_2025],
                    "registered": [0],
                    "active": [0],
                    "source": ["test"],
                }
            ),
        )
        store.insert(
            "population",
            pl.DataFrame(
                {
                    "kemendagri_code": ["61.71.01.1001"],
                    "as_of": [D(2024, 12, 31)],
                    "population": [PEOPLE],
                    "source": ["test"],
                }
            ),
        )
    args = ["--db", path, "gap", "--period", "2025-06", "--level", "kota", "--target", "100"]
    result = uhc(*args, "--format", "json")
    assert result.returncode == 0, result.stderr
    (row,) = json.loads(result.stdout)
    # 999.999.999.999.999 x Rp42.000 x 12 = Rp503.999.999.999.999.496.000 > 2^63
    assert (row["people_needed"], row["annual_cost_idr"]) == (PEOPLE, 503_999_999_999_999_496_000)
    assert '"annual_cost_idr": 503999999999999496000' in result.stdout  # every digit, no float
    result = uhc(*args, "--format", "csv")
    assert result.returncode == 0, result.stderr
    (line,) = csv.DictReader(io.StringIO(result.stdout))
    assert line["annual_cost_idr"] == "503999999999999496000"
