"""The rollup queries on a tiny hand-made store: which figures win, what is left out."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from uhc.core import gap
from uhc.store.db import Store

D = dt.date
KEL_A, KEL_B = "61.71.01.1001", "61.71.01.1002"
KEL_C, KEL_D = "61.71.02.1001", "61.71.02.1002"


@pytest.fixture
def store() -> Store:
    s = Store.in_memory()
    s.insert(
        "region",
        pl.DataFrame(
            {
                "kemendagri_code": ["61", "61.71", "61.71.01", KEL_A, KEL_B, "61.71.02", KEL_C, KEL_D],
                "name": [
                    "Kalimantan Barat",
                    "Kota Pontianak",
                    "Pontianak Selatan",
                    "A",
                    "B",
                    "Pontianak Timur",
                    "C",
                    "D",
                ],
                "level": [
                    "provinsi",
                    "kota",
                    "kecamatan",
                    "kelurahan",
                    "kelurahan",
                    "kecamatan",
                    "kelurahan",
                    "kelurahan",
                ],
                "region_type": [
                    "provinsi",
                    "kota",
                    "kecamatan",
                    "kelurahan",
                    "kelurahan",
                    "kecamatan",
                    "kelurahan",
                    "kelurahan",
                ],
                "parent_code": [None, "61", "61.71", "61.71.01", "61.71.01", "61.71", "61.71.02", "61.71.02"],
            }
        ),
    )
    return s


def population(store: Store, rows: list[tuple[str, dt.date, int]]) -> None:
    store.insert(
        "population",
        pl.DataFrame(
            {
                "kemendagri_code": [r[0] for r in rows],
                "as_of": [r[1] for r in rows],
                "population": [r[2] for r in rows],
                "source": ["test"] * len(rows),
            }
        ),
    )


def population_rows(store: Store, code_length: int, as_of_from: dt.date | None) -> list[tuple]:
    frame = store.run(
        "population_by_region", code_length=code_length, scope_code="61.71", as_of_from=as_of_from, as_of_until=None
    )
    return frame.rows()


def test_as_of_from_keeps_each_regions_latest_figure_before_it(store):
    # A has four semesters; B only one old figure, which is still its latest before 2024-12-31.
    population(
        store,
        [
            (KEL_A, D(2023, 12, 31), 100),
            (KEL_A, D(2024, 6, 30), 110),
            (KEL_A, D(2024, 12, 31), 120),
            (KEL_A, D(2025, 6, 30), 130),
            (KEL_B, D(2023, 6, 30), 50),
        ],
    )
    assert population_rows(store, 13, D(2024, 12, 31)) == [
        (KEL_A, D(2024, 12, 31), 120),
        (KEL_A, D(2025, 6, 30), 130),
        (KEL_B, D(2023, 6, 30), 50),
    ]
    # A day between semesters keeps the semester before it: 2024-06-30 is A's latest by 2024-09-30.
    assert population_rows(store, 13, D(2024, 9, 30))[0] == (KEL_A, D(2024, 6, 30), 110)
    assert len(population_rows(store, 13, None)) == 5


def test_population_sums_children_unless_the_region_has_its_own_figure(store):
    population(store, [(KEL_A, D(2025, 6, 30), 300), (KEL_B, D(2025, 6, 30), 200)])
    # kecamatan 61.71.01: 300 + 200 = 500
    assert population_rows(store, 8, None) == [("61.71.01", D(2025, 6, 30), 500)]
    # a city figure of its own wins over the sum of its kelurahan (no double counting)
    population(store, [("61.71", D(2025, 6, 30), 520)])
    assert population_rows(store, 5, None) == [("61.71", D(2025, 6, 30), 520)]


def test_each_branch_counts_once_at_its_most_direct_figure(store):
    # Kecamatan 61.71.01 reports a total of its own (1.100) and its kelurahan (600 + 450, which
    # must not be added again); kecamatan 61.71.02 reports only kelurahan (600 + 600).
    population(
        store,
        [
            ("61.71.01", D(2025, 6, 30), 1_100),
            (KEL_A, D(2025, 6, 30), 600),
            (KEL_B, D(2025, 6, 30), 450),
            (KEL_C, D(2025, 6, 30), 600),
            (KEL_D, D(2025, 6, 30), 600),
        ],
    )
    # city: 1.100 + 600 + 600 = 2.300
    assert population_rows(store, 5, None) == [("61.71", D(2025, 6, 30), 2_300)]
    # kecamatan: 61.71.01 as reported, 61.71.02 = 600 + 600
    assert population_rows(store, 8, None) == [("61.71.01", D(2025, 6, 30), 1_100), ("61.71.02", D(2025, 6, 30), 1_200)]
    snapshot(
        store,
        [("61.71.01", 1_000, 800, None), (KEL_A, 550, 400, None), (KEL_C, 500, 450, None), (KEL_D, 500, 400, None)],
    )
    # city: 1.000 + 500 + 500 = 2.000 registered; 800 + 450 + 400 = 1.650 active
    city = store.run("coverage_by_region_month", code_length=5, scope_code="", periods=None)
    assert city.rows() == [("61.71", D(2025, 6, 1), 2_000, 1_650)]
    segments = store.run("segments_by_region_month", code_length=5, scope_code="", periods=None)
    assert segments.select("registered", "active").rows() == [(2_000, 1_650)]


def snapshot(store: Store, rows: list[tuple[str, int, int | None, int | None]]) -> None:
    """(code, registered, active, pbi_apbd_registered) for June 2025."""
    store.insert(
        "coverage_snapshot",
        pl.DataFrame(
            {
                "kemendagri_code": [r[0] for r in rows],
                "period": [D(2025, 6, 1)] * len(rows),
                "registered": [r[1] for r in rows],
                "active": [r[2] for r in rows],
                "pbi_apbd_registered": [r[3] for r in rows],
                "source": ["test"] * len(rows),
            },
            schema_overrides={"active": pl.Int64, "pbi_apbd_registered": pl.Int64},
        ),
    )


def test_a_sum_with_a_missing_child_figure_is_missing(store):
    snapshot(store, [(KEL_A, 900, 700, 100), (KEL_B, 400, None, 50)])
    rows = store.run("segments_by_region_month", code_length=8, scope_code="", periods=None)
    expected = pl.DataFrame(
        {
            "kemendagri_code": ["61.71.01"],
            "period": [D(2025, 6, 1)],
            "registered": [1_300],  # 900 + 400
            "active": [None],  # B's active is unknown: 700 alone would pass for the kecamatan's figure
            "pbi_apbd_registered": [150],  # 100 + 50
        },
        schema_overrides={"active": pl.Int64},
    )
    assert_frame_equal(rows.select(expected.columns), expected)


def test_coverage_rollup_prefers_the_direct_figure(store):
    snapshot(store, [(KEL_A, 900, 700, None), (KEL_B, 400, 300, None), ("61.71", 1_350, 1_010, None)])
    city = store.run("coverage_by_region_month", code_length=5, scope_code="", periods=[D(2025, 6, 1)])
    assert city.rows() == [("61.71", D(2025, 6, 1), 1_350, 1_010)]
    kecamatan = store.run("coverage_by_region_month", code_length=8, scope_code="", periods=None)
    assert kecamatan.rows() == [("61.71.01", D(2025, 6, 1), 1_300, 1_000)]


def test_a_month_reported_only_above_the_level_asked_for_says_so(store):
    snapshot(store, [("61.71.01", 1_000, 800, None)])
    with pytest.raises(gap.NoData, match="not broken down to kelurahan level"):
        gap.gap_for_period(store, D(2025, 6, 1), "kelurahan", "61.71")
