"""What changed since last month: the briefing's sentence from two gap rows, worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from uhc.core import changes

JANUARY = {"period": dt.date(2026, 1, 1), "registered": 683_706, "active": 555_169}
DECEMBER = {"period": dt.date(2025, 12, 1), "registered": 682_604, "active": 553_246}
# of 690.277 residents: 683.706 / 690.277 = 99,0481%, 682.604 / 690.277 = 98,8884%: +0,16 points;
# 555.169 / 683.706 = 81,1999%, 553.246 / 682.604 = 81,0494%: +0,15 points
JANUARY |= {"coverage_pct": 683_706 / 690_277 * 100, "activity_pct": 555_169 / 683_706 * 100}
DECEMBER |= {"coverage_pct": 682_604 / 690_277 * 100, "activity_pct": 553_246 / 682_604 * 100}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "id",
            "Sejak Desember 2025: terdaftar +1.102 orang, aktif +1.923 orang, cakupan kepesertaan +0,16 poin, "
            "keaktifan +0,15 poin.",
        ),
        (
            "en",
            "Since December 2025: registered +1,102 people, active +1,923 people, coverage +0.16 points, "
            "activity rate +0.15 points.",
        ),
    ],
)
def test_the_changes_since_the_month_before(language, expected):
    assert changes.month_change_sentence(JANUARY, DECEMBER, language) == expected


def test_a_figure_missing_in_either_month_is_left_out_and_no_month_before_is_said():
    december = DECEMBER | {"active": None, "activity_pct": None}

    assert changes.month_change_sentence(JANUARY, december, "id") == (
        "Sejak Desember 2025: terdaftar +1.102 orang, cakupan kepesertaan +0,16 poin."
    )
    assert changes.month_change_sentence(JANUARY, None, "id") == ("Belum ada data bulan sebelumnya untuk dibandingkan.")
