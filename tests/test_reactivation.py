"""The reactivation planner (uhc/core/reactivation.py) on inline frames and on the Serang-like store.

Every figure is worked out by hand in a comment. Iuran Rp42.000 (Pemda and PBPU), 12 months
funded: Rp504.000 per person for PBI APBD and a move to PBPU Pemda; 24 months of arrears:
Rp1.008.000 per person.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest
import serang_like
from command_line import uhc

from uhc import figures
from uhc.core import gap, reactivation
from uhc.store.db import Store

D = dt.date
RATES = reactivation.Rates(pemda_iuran_idr=42_000, pbpu_iuran_idr=42_000, arrears_cap_months=24)
TIERS = pl.DataFrame(
    {
        "tier": ["utama", "madya", "pratama"],
        "valid_from": [D(2026, 1, 1)] * 3,
        "tier_rank": [1, 2, 3],
        "min_coverage_pct": [99.0, 98.0, 98.0],
        "min_activity_pct": [95.0, 85.0, 80.0],
        "min_pemda_share_pct": [18.0, None, None],
    }
)
CRITERIA_2026 = reactivation.criteria(80.0, TIERS)


def one_region(segments: dict[str, tuple[int | None, int | None]], registered: int, active: int):
    """A gap row and a segment row of one kecamatan; segments: code -> (registered, active)."""
    gap_rows = pl.DataFrame(
        {
            "kemendagri_code": ["61.71.01"],
            "name": ["Pontianak Selatan"],
            "period": [D(2026, 1, 1)],
            "registered": [registered],
            "active": [active],
        }
    )
    segment_rows = pl.DataFrame(
        {"kemendagri_code": ["61.71.01"]}
        | {
            f"{code}_{kind}": [segments[code][i]]
            for code in figures.SEGMENTS
            for i, kind in enumerate(("registered", "active"))
        },
        schema={"kemendagri_code": pl.String}
        | {f"{c}_{k}": pl.Int64 for c in figures.SEGMENTS for k in ("registered", "active")},
    )
    return gap_rows, segment_rows


# 1.000 registered, 700 active (70%). Stored per segment (registered, active): PBI APBN 300/290,
# PBI APBD 200/150, PPU 200/200, PBPU 250/50, BP 50/10 -> non-active 10, 50, 0, 200, 40 (300 in all).
STORED = {
    "pbi_apbn": (300, 290),
    "pbi_apbd": (200, 150),
    "ppu": (200, 200),
    "pbpu": (250, 50),
    "bp": (50, 10),
}


def test_the_criteria_are_the_uhc_one_in_force_and_the_tiers_above_it():
    # Pratama asks 80%, no more than the UHC criterion: the same target, left out.
    assert CRITERIA_2026.rows() == [("uhc", 80.0), ("madya", 85.0), ("utama", 95.0)]
    # Under the 2023 criterion (75%) Pratama's 80% asks more.
    assert [c for c, _ in reactivation.criteria(75.0, TIERS).rows()] == ["uhc", "pratama", "madya", "utama"]
    # Before the first dated set (2026) a planner aims at it; in 2026 it is in force.
    assert reactivation.tiers_for(D(2025, 12, 1), TIERS)["tier"].to_list() == ["pratama", "madya", "utama"]


def test_stored_segment_counts_priced_per_criterion():
    rows = reactivation.plan(*one_region(STORED, 1_000, 700), CRITERIA_2026, RATES, reactivation.Scenario())

    assert set(rows["non_active_basis"]) == {"stored"}
    got = rows.select(
        "criterion",
        "to_activate",
        "pbi_apbd_people",
        "pbpu_people",
        "bp_people",
        "pbi_apbd_cost_idr",
        "arrears_cost_idr",
        "move_cost_idr",
        "arrears_owed_idr",
        "cheapest",
        "cheapest_cost_idr",
        "unreachable",
    ).rows()
    assert got == [
        # 80%: 800 - 700 = 100; PBI APBD's 50 first, then 50 of PBPU's 200.
        # 50 x 504.000 = 25.200.000; mandiri 50: arrears 50 x 1.008.000 = 50.400.000, move 25.200.000;
        # the move is cheaper: 25.200.000 + 25.200.000 = 50.400.000; the 50.400.000 arrears stay owed.
        ("uhc", 100, 50, 50, 0, 25_200_000, 50_400_000, 25_200_000, 50_400_000, "move", 50_400_000, 0),
        # 85%: 850 - 700 = 150: 50 + 100 PBPU; arrears 100.800.000, move 50.400.000; 25.200.000 + 50.400.000.
        ("madya", 150, 50, 100, 0, 25_200_000, 100_800_000, 50_400_000, 100_800_000, "move", 75_600_000, 0),
        # 95%: 950 - 700 = 250: 50 + all 200 PBPU; move 100.800.000; 25.200.000 + 100.800.000 = 126.000.000.
        ("utama", 250, 50, 200, 0, 25_200_000, 201_600_000, 100_800_000, 201_600_000, "move", 126_000_000, 0),
    ]


def test_short_arrears_make_the_arrears_route_cheapest_and_a_longer_one_is_capped():
    regions = one_region(STORED, 1_000, 700)
    uhc_only = CRITERIA_2026.head(1)
    six = reactivation.plan(*regions, uhc_only, RATES, reactivation.Scenario(arrears_months=6)).row(0, named=True)
    # 50 mandiri x 6 x 42.000 = 12.600.000 < the move's 25.200.000: cheapest 25.200.000 + 12.600.000
    assert (six["arrears_cost_idr"], six["cheapest"], six["cheapest_cost_idr"]) == (12_600_000, "arrears", 37_800_000)
    # 30 months asked, 24 counted (the dated cap): 50 x 24 x 42.000 = 50.400.000
    thirty = reactivation.plan(*regions, uhc_only, RATES, reactivation.Scenario(arrears_months=30)).row(0, named=True)
    assert thirty["arrears_cost_idr"] == 50_400_000


def test_the_write_off_scenario_clears_only_the_arrears_left_owed():
    regions = one_region(STORED, 1_000, 700)
    off, on = (
        reactivation.plan(*regions, CRITERIA_2026.head(1), RATES, reactivation.Scenario(write_off=w)).row(0, named=True)
        for w in (False, True)
    )
    assert (off["arrears_owed_idr"], on["arrears_owed_idr"]) == (50_400_000, 0)
    assert off | {"arrears_owed_idr": 0} == on  # nothing else changes


def test_a_shortfall_only_pbi_apbn_or_ppu_could_fill_is_out_of_reach():
    # 95% of 1.000 = 950; only 700 active and 290 non-active the Pemda may reactivate (50 + 200 + 40)
    # when PBI APBN holds 60 non-active: PBI APBN 300/240, active 640 in all -> 950 - 640 = 310 needed,
    # 50 + 200 + 40 = 290 taken, 20 out of reach.
    segments = STORED | {"pbi_apbn": (300, 240)}
    row = reactivation.plan(*one_region(segments, 1_000, 640), CRITERIA_2026.tail(1), RATES, reactivation.Scenario())
    assert row.select("to_activate", "pbi_apbd_people", "pbpu_people", "bp_people", "unreachable").row(0) == (
        310,
        50,
        200,
        40,
        20,
    )


@pytest.mark.parametrize(
    ("split", "expected"),
    [
        # Serang (tests/serang_like.py): 19.900 registered, 14.000 active, 5.900 non-active; PBI APBD
        # 2.000, PBPU 4.000, BP 900 registered. In proportion: PBI APBD floor(5.900 x 2.000 / 19.900) = 592,
        # PBPU floor(5.900 x 4.000 / 19.900) = 1.185, BP floor(5.900 x 900 / 19.900) = 266. 1.920 needed:
        # 592 + 1.185 + 143. Costs: 592 x 504.000 = 298.368.000; mandiri 1.328 x 504.000 = 669.312.000.
        ("proportional", (592, 1_185, 143, 298_368_000, 669_312_000, 967_680_000)),
        # Mandiri first: min(5.900, 4.000 + 900) = 4.900 mandiri (PBPU 4.000, BP 900); the other 1.000 in
        # proportion over PBI APBN, PBI APBD and PPU: floor(1.000 x 2.000 / 15.000) = 133 PBI APBD.
        # 1.920 needed: 133 + 1.787 PBPU. 133 x 504.000 = 67.032.000; 1.787 x 504.000 = 900.648.000.
        ("mandiri_first", (133, 1_787, 0, 67_032_000, 900_648_000, 967_680_000)),
    ],
)
def test_without_stored_segment_counts_the_stated_split_is_used(split, expected):
    _, _, registered, active, *per_segment = serang_like.KECAMATAN["36.73.01"]
    segments = {code: (count, None) for code, count in zip(figures.SEGMENTS, per_segment, strict=True)}
    row = reactivation.plan(
        *one_region(segments, registered, active), CRITERIA_2026.head(1), RATES, reactivation.Scenario(split=split)
    ).row(0, named=True)

    assert row["non_active_basis"] == "assumed"
    assert row["to_activate"] == 1_920
    assert (
        row["pbi_apbd_people"],
        row["pbpu_people"],
        row["bp_people"],
        row["pbi_apbd_cost_idr"],
        row["move_cost_idr"],
        row["cheapest_cost_idr"],
    ) == expected


def test_without_segments_nothing_is_priced_and_the_note_says_why():
    segments = {code: (None, None) for code in figures.SEGMENTS}
    rows = reactivation.plan(*one_region(segments, 1_000, 700), CRITERIA_2026.head(1), RATES, reactivation.Scenario())
    row = rows.row(0, named=True)
    assert row["non_active_basis"] == "no_segments"
    assert row["to_activate"] == 100  # known from the totals
    assert (row["pbi_apbd_people"], row["cheapest"], row["cheapest_cost_idr"]) == (None, None, None)
    assert reactivation.notes(rows, RATES, reactivation.Scenario(), "en")[0].startswith(
        "This month's recap has no participants by segment"
    )


def test_before_the_arrears_rule_the_arrears_route_is_not_priced():
    rates = reactivation.rates(
        D(2019, 12, 1),
        pl.DataFrame(
            {"segment": ["pbi_apbd", "pbpu"], "valid_from": [D(2019, 8, 1)] * 2, "idr_per_month": [42_000] * 2}
        ),
        pl.DataFrame({"valid_from": [D(2020, 5, 5)], "max_arrears_months": [24]}),
    )
    assert rates == reactivation.Rates(42_000, 42_000, None)
    row = reactivation.plan(*one_region(STORED, 1_000, 700), CRITERIA_2026.head(1), rates, reactivation.Scenario())
    assert row["arrears_cost_idr"].item() is None
    assert row["move_cost_idr"].item() == 25_200_000


# The Serang-like store, through the store and the command line ---------------------------------


@pytest.fixture(scope="module")
def serang_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return serang_like.serang_like_store(tmp_path_factory.mktemp("serang_reactivation"))


def test_the_city_total_adds_up_the_kecamatan(serang_store):
    with Store.open(serang_store, read_only=True) as store:
        answer = gap.reactivation_for_period(store, reactivation.Scenario(), city_code="36.73")
    assert answer.rates == RATES
    assert answer.period == D(2025, 12, 1)
    # December 2025 is before the 2026 tiers: the planner aims at them all the same.
    assert answer.city["criterion"].to_list() == ["uhc", "madya", "utama"]
    city = answer.city.row(0, named=True)
    # By kecamatan (proportional split, see test above for Serang; serang_like.py for the shortfalls):
    #   PBI APBD 592 + 435 + 446 + 256 + 580 + 440 = 2.749
    #   PBPU 1.185 + 905 + 274 + 304 + 689 + 0 = 3.357; BP 143 (Serang only)
    # 2.749 x 504.000 = 1.385.496.000; mandiri 3.500: move 1.764.000.000, arrears 3.528.000.000;
    # every kecamatan moves (Taktakan needs PBI APBD only): 1.385.496.000 + 1.764.000.000 = 3.149.496.000
    assert (city["kemendagri_code"], city["name"], city["to_activate"]) == ("36.73", "Kota Serang", 6_249)
    assert (city["pbi_apbd_people"], city["pbpu_people"], city["bp_people"]) == (2_749, 3_357, 143)
    assert (city["pbi_apbd_cost_idr"], city["move_cost_idr"], city["arrears_cost_idr"]) == (
        1_385_496_000,
        1_764_000_000,
        3_528_000_000,
    )
    assert (city["cheapest"], city["cheapest_cost_idr"], city["unreachable"]) == ("move", 3_149_496_000, 0)
    cheapest = dict(answer.regions.filter(pl.col("criterion") == "uhc").select("name", "cheapest").iter_rows())
    assert cheapest == {
        "Serang": "move",
        "Kasemen": "move",
        "Walantaka": "move",
        "Curug": "move",
        "Cipocok Jaya": "move",
        "Taktakan": "iuran",  # 440 needed, 444 PBI APBD non-active
    }
    # Madya 85%: 2.915 + 2.080 + 1.465 + 1.058 + 2.261 + 1.430 = 11.209 (Curug 0,85 x 9.950 = 8.457,5 -> 8.458)
    assert answer.city.row(1, named=True)["to_activate"] == 11_209


def test_cli_reactivate_json_and_table(serang_store):
    result = uhc("--db", serang_store, "reactivate", "--criterion", "uhc", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [row["name"] for row in rows] == [*(k[0] for k in serang_like.KECAMATAN.values()), "Kota Serang"]
    assert list(rows[0]) == figures.reactivation_columns()
    assert rows[0]["cheapest_cost_idr"] == 967_680_000  # Serang, by hand above
    assert {row["period"] for row in rows} == {"2025-12"}
    assert rows[-1]["cheapest_cost_idr"] == 3_149_496_000

    table = uhc("--db", serang_store, "reactivate", "--criterion", "uhc", "--write-off", "--lang", "id")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0] == "Desember 2025 · UHC (keaktifan ≥ 80%)"
    # the city's sentence, then an empty line and the four notes (split, arrears, routes, write-off)
    assert (
        lines[-6]
        == "UHC (keaktifan ≥ 80%): 6.249 peserta perlu diaktifkan kembali; biaya termurah per wilayah Rp3,1 miliar."
    )
    assert lines[-5] == ""
    assert "SKENARIO penghapusan tunggakan" in lines[-1]
    assert any(line.startswith("Asumsi: rekap tidak memuat peserta aktif per segmen") for line in lines)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--months", "13"], "months funded must be 1 to 12"),
        (["--arrears-months", "0"], "months of arrears must be at least 1"),
        (["--period", "2025-11", "--lang", "en"], "No coverage data for 2025-11"),
        (["--period", "2025-11"], "Tidak ada data cakupan untuk 2025-11"),
    ],
)
def test_cli_reactivate_refuses_bad_input_in_one_line(serang_store, args, fragment):
    result = uhc("--db", serang_store, "reactivate", *args)
    assert result.returncode == 2
    assert fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
