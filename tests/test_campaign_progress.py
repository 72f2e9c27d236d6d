"""campaign.progress and campaign.gap_with_campaign on tiny frames worked out by hand."""

from __future__ import annotations

import datetime as dt

import polars as pl
from polars.testing import assert_frame_equal

from uhc import figures
from uhc.core import campaign

KEL_A, KEL_B = "61.71.01.1002", "61.71.01.1004"
PERSONS = pl.DataFrame(
    {
        # kelurahan A: RT 001/001 two persons, RT 001/002 one; kelurahan B: RT 003/001 one
        "kemendagri_code": [KEL_A, KEL_A, KEL_A, KEL_B],
        "rw": ["001", "001", "001", "003"],
        "rt": ["001", "001", "002", "001"],
    }
)
DAY = dt.date(2026, 12, 5)
RESULTS = pl.DataFrame(
    {
        "kemendagri_code": [KEL_A, KEL_A, KEL_B],
        "rw": ["001", "001", "003"],
        "rt": ["001", "002", "001"],
        "result": ["enrolled", "not_at_address", "enrolled"],
        "result_date": [DAY, DAY, dt.date(2026, 11, 30)],
        "cadre": ["Tim 1", "Tim 1", "Tim 2"],
    }
)
CODES = [result.code for result in campaign.RESULTS]


def counts(**found: list[int]) -> dict[str, list[int]]:
    """Each result's column: the counts given, zeros for the others."""
    width = len(next(iter(found.values())))
    return {code: found.get(code, [0] * width) for code in CODES}


def test_progress_per_rt_counts_the_visited_and_the_results():
    expected = pl.DataFrame(
        {
            "kemendagri_code": [KEL_A, KEL_A, KEL_B],
            "rw": ["001", "001", "003"],
            "rt": ["001", "002", "001"],
            "persons": [2, 1, 1],
            "visited": [1, 1, 1],
            "not_visited": [1, 0, 0],  # 2 - 1, 1 - 1, 1 - 1
            "visited_pct": [50.0, 100.0, 100.0],  # 1 / 2, 1 / 1, 1 / 1
            **counts(enrolled=[1, 0, 1], not_at_address=[0, 1, 0]),
        }
    )
    assert_frame_equal(campaign.progress(RESULTS, PERSONS, "rt"), expected, check_dtypes=False)


def test_progress_per_kelurahan_and_per_cadre_team():
    kelurahan = campaign.progress(RESULTS, PERSONS, "kelurahan")
    # A: 3 persons, 2 visited (1 enrolled, 1 not at address): 2 / 3 = 66,67%; B: 1 of 1
    assert kelurahan.select("kemendagri_code", "persons", "visited", "not_visited").rows() == [
        (KEL_A, 3, 2, 1),
        (KEL_B, 1, 1, 0),
    ]
    assert round(kelurahan["visited_pct"][0], 2) == 66.67
    teams = campaign.progress(RESULTS, PERSONS, "cadre")
    assert teams.select("cadre", "visited", "enrolled", "not_at_address", "persons").rows() == [
        ("Tim 1", 2, 1, 1, None),  # a team has no persons of its own
        ("Tim 2", 1, 1, 0, None),
    ]


def test_gap_with_campaign_counts_enrolments_after_the_recap_month_apart():
    gap_rows = pl.DataFrame(
        {
            "kemendagri_code": ["61.71.01", KEL_A, KEL_B, "61.71.02"],
            "period": [dt.date(2026, 11, 1)] * 4,
            "population": [10_000, 1_000, 2_000, 500],
            "registered": [9_700, 975, 1_950, 490],
            "target_pct": [98.0, 98.0, 98.0, None],
        }
    )
    enrolments = RESULTS.vstack(
        pl.DataFrame(
            {
                "kemendagri_code": [KEL_A],
                "rw": ["001"],
                "rt": ["001"],
                "result": ["reactivated"],
                "result_date": [DAY],
                "cadre": [None],
            },
            schema=RESULTS.schema,
        )
    )
    out = campaign.gap_with_campaign(gap_rows, enrolments)
    expected = gap_rows.with_columns(
        # kecamatan 61.71.01: A's enrolment of 5 Dec (B's of 30 Nov is in the November recap already)
        campaign_enrolled=pl.Series([1, 1, 0, 0], dtype=pl.Int64),
        campaign_reactivated=pl.Series([1, 1, 0, 0], dtype=pl.Int64),
        # (9.700 + 1) / 10.000 = 97,01%; (975 + 1) / 1.000 = 97,6%; 1.950 / 2.000 = 97,5%; 490 / 500 = 98%
        coverage_with_campaign_pct=pl.Series([97.01, 97.6, 97.5, 98.0]),
        # 98% of 10.000 = 9.800 - 9.701 = 99; 980 - 976 = 4; 1.960 - 1.950 = 10; no target: null
        people_needed_with_campaign=pl.Series([99, 4, 10, None], dtype=pl.Int64),
    )
    assert_frame_equal(out, expected, abs_tol=1e-9)


def test_the_campaign_figures_are_described_once():
    names = [f.name for f in figures.CAMPAIGN_FIGURES]
    out = campaign.progress(RESULTS, PERSONS, "rt")
    assert [name for name in names if name in out.columns] == ["persons", "visited", "not_visited", "visited_pct"]
    assert figures.campaign_figure("coverage_with_campaign_pct").unit == figures.PERCENT
