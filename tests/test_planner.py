"""The gap and budget planner on tiny inline frames; every expected figure is worked out by hand.

The regions (June 2025, iuran Rp42.000, so Rp504.000 per person for 12 months):

| code     | population | registered | active | at 98%                          | at 99%                          |
| 61.71.01 | 100.000    | 90.000     | 80.000 | 98.000 - 90.000 = 8.000         | 99.000 - 90.000 = 9.000         |
| 61.71.02 | 50.001     | 49.000     | 40.000 | 49.000,98 -> 49.001 - 49.000 = 1| 49.500,99 -> 49.501 - 49.000 = 501 |
| 61.71.03 | 20.000     | 20.500     | 19.500 | 19.600 < 20.500: 0              | 19.800 < 20.500: 0              |
| 61.71    | 170.001    | 159.500    | 139.500| 166.600,98 -> 166.601: 7.101    | 168.300,99 -> 168.301: 8.801    |

Non-active: 10.000, 9.000, 1.000; the city 20.000.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import polars as pl
import pytest
from command_line import uhc
from polars.testing import assert_frame_equal

from uhc.core import metrics, planner
from uhc.store import demo, seed
from uhc.store.db import Store

REPO_ROOT = Path(__file__).resolve().parents[1]
D = dt.date
JUNE_2025 = D(2025, 6, 1)
IURAN = 42_000

NATIONAL = metrics.Parameters(
    targets=pl.DataFrame({"valid_from": [D(2020, 1, 1)], "target_pct": [98.0]}),
    criteria=pl.DataFrame({"valid_from": [D(2024, 1, 1)], "min_coverage_pct": [98.0], "min_activity_pct": [80.0]}),
    iuran=pl.DataFrame({"segment": ["pbi_apbd"], "valid_from": [D(2019, 8, 1)], "idr_per_month": [IURAN]}),
)
REGIONS = [
    ("61.71.01", "Pontianak Selatan", 100_000, 90_000, 80_000),
    ("61.71.02", "Pontianak Timur", 50_001, 49_000, 40_000),
    ("61.71.03", "Pontianak Barat", 20_000, 20_500, 19_500),
]
CITY = ("61.71", "Kota Pontianak", 170_001, 159_500, 139_500)


def gap_rows(rows: list[tuple], target_pct: float | None = None) -> pl.DataFrame:
    """The engine's rows for June 2025 (population dated 31 Dec 2024) at ``target_pct``."""
    coverage = pl.DataFrame(
        {
            "kemendagri_code": [r[0] for r in rows],
            "name": [r[1] for r in rows],
            "level": ["kecamatan"] * len(rows),
            "period": [JUNE_2025] * len(rows),
            "registered": [r[3] for r in rows],
            "active": [r[4] for r in rows],
        },
        schema_overrides={"registered": pl.Int64, "active": pl.Int64},
    )
    population = pl.DataFrame(
        {
            "kemendagri_code": [r[0] for r in rows],
            "as_of": [D(2024, 12, 31)] * len(rows),
            "population": [r[2] for r in rows],
        },
        schema_overrides={"population": pl.Int64},
    )
    return metrics.gap_by_region_month(coverage, population, NATIONAL, target_pct)


def city_row(target_pct: float | None = None) -> dict:
    return gap_rows([CITY], target_pct).row(0, named=True)


def scenario(**changes) -> planner.Scenario:
    return planner.Scenario(**{"iuran_idr_per_month": IURAN, **changes})


def picked(frame: pl.DataFrame, *columns: str) -> pl.DataFrame:
    return frame.select("kemendagri_code", *columns)


# -- the scenario ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("budget_idr", "months_funded", "iuran", "people"),
    [
        # 2.000.000.000 / (42.000 x 12 = 504.000) = 3.968,25 -> 3.968 whole persons
        (2_000_000_000, 12, 42_000, 3_968),
        # 2.000.000.000 / (42.000 x 6 = 252.000) = 7.936,5 -> 7.936
        (2_000_000_000, 6, 42_000, 7_936),
        # 2.000.000.000 / (50.000 x 12 = 600.000) = 3.333,3 -> 3.333
        (2_000_000_000, 12, 50_000, 3_333),
        # exactly one person for a year: 504.000 / 504.000 = 1; one rupiah less is nobody
        (504_000, 12, 42_000, 1),
        (503_999, 12, 42_000, 0),
        (0, 12, 42_000, 0),
    ],
)
def test_people_a_budget_funds(budget_idr, months_funded, iuran, people):
    chosen = planner.Scenario(iuran_idr_per_month=iuran, months_funded=months_funded, budget_idr=budget_idr)
    assert chosen.people_funded == people


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"arrears_months": 25}, "at most|1 to 24"),
        ({"arrears_months": 0}, "1 to 24"),
        ({"months_funded": 13}, "1 to 12"),
        ({"months_funded": 0}, "1 to 12"),
        ({"iuran_idr_per_month": 0}, "positive"),
        ({"budget_idr": -1}, "negative"),
        ({"target_pct": 0.0}, "above 0"),
        ({"target_pct": 100.5}, "at most 100"),
    ],
)
def test_a_scenario_out_of_range_is_refused(changes, fragment):
    with pytest.raises(ValueError, match=fragment):
        scenario(**changes)


@pytest.mark.parametrize(("dated", "choice"), [(98.0, 98.0), (99.0, 99.0), (95.0, "other"), (None, 98.0)], ids=str)
def test_the_page_opens_at_the_dated_target(dated, choice):
    assert planner.default_target_choice(dated) == choice


@pytest.mark.parametrize(("choice", "other", "target"), [(98.0, 97.5, 98.0), (99.0, None, 99.0), ("other", 98.5, 98.5)])
def test_chosen_target(choice, other, target):
    assert planner.chosen_target(choice, other) == target


# -- the worklist ---------------------------------------------------------------------------


def test_worklist_at_98_percent_with_rp2_miliar():
    regions = planner.worklist(gap_rows(REGIONS, 98.0), scenario(budget_idr=2_000_000_000))

    expected = pl.DataFrame(
        {
            "kemendagri_code": ["61.71.01", "61.71.02", "61.71.03"],
            "people_needed": [8_000, 1, 0],
            # 8.000 x 504.000; 1 x 504.000
            "enrolment_cost_idr": [4_032_000_000, 504_000, 0],
            "non_active": [10_000, 9_000, 1_000],
            # non-active x 42.000 x 24 = x 1.008.000
            "reactivation_cost_idr": [10_080_000_000, 9_072_000_000, 1_008_000_000],
            # 3.968 people funded: all go to the largest need, nothing is left for the next
            "budget_people": [3_968, 0, 0],
            "budget_status": ["partial", "not_reached", "none_needed"],
        },
        # rupiah in Int128, which cannot wrap (Int64 wrapped silently past 2^63)
        schema_overrides={"enrolment_cost_idr": pl.Int128, "reactivation_cost_idr": pl.Int128},
    )
    assert_frame_equal(
        picked(
            regions,
            "people_needed",
            "enrolment_cost_idr",
            "non_active",
            "reactivation_cost_idr",
            "budget_people",
            "budget_status",
        ),
        expected,
    )
    assert regions.columns == planner.worklist_columns()


@pytest.mark.parametrize(
    ("budget_idr", "budget_people", "statuses"),
    [
        # 4.636.800.000 / 504.000 = 9.200: 9.000 close the first, 200 of 501 go to the second
        (4_636_800_000, [9_000, 200, 0], ["closed", "partial", "none_needed"]),
        # 5.000.000.000 / 504.000 = 9.920,6 -> 9.920 >= 9.000 + 501: both closed
        (5_000_000_000, [9_000, 501, 0], ["closed", "closed", "none_needed"]),
        (0, [0, 0, 0], ["not_reached", "not_reached", "none_needed"]),
    ],
)
def test_worklist_at_99_percent_spends_the_budget_down_the_ranking(budget_idr, budget_people, statuses):
    regions = planner.worklist(gap_rows(REGIONS, 99.0), scenario(target_pct=99.0, budget_idr=budget_idr))

    expected = pl.DataFrame(
        {
            "kemendagri_code": ["61.71.01", "61.71.02", "61.71.03"],
            # the target recomputes the need: 9.000 and 501 (ceil of 500,99)
            "people_needed": [9_000, 501, 0],
            # 9.000 x 504.000; 501 x 504.000
            "enrolment_cost_idr": [4_536_000_000, 252_504_000, 0],
            "target_pct": [99.0, 99.0, 99.0],
            "budget_people": budget_people,
            "budget_status": statuses,
        },
        schema_overrides={"enrolment_cost_idr": pl.Int128},  # rupiah in Int128, which cannot wrap
    )
    assert_frame_equal(
        picked(regions, "people_needed", "enrolment_cost_idr", "target_pct", "budget_people", "budget_status"),
        expected,
    )


def test_worklist_months_and_arrears_change_the_costs():
    regions = planner.worklist(gap_rows(REGIONS, 98.0), scenario(months_funded=6, arrears_months=12))

    # 8.000 x 42.000 x 6 = 2.016.000.000; 10.000 non-active x 42.000 x 12 = 5.040.000.000
    assert regions.row(0, named=True)["enrolment_cost_idr"] == 2_016_000_000
    assert regions["reactivation_cost_idr"].to_list() == [5_040_000_000, 4_536_000_000, 504_000_000]


def test_a_region_without_population_has_no_need_and_no_budget():
    rows = gap_rows(REGIONS, 98.0).with_columns(
        people_needed=pl.when(pl.col("kemendagri_code") == "61.71.01").then(None).otherwise(pl.col("people_needed"))
    )
    regions = planner.worklist(rows, scenario(budget_idr=2_000_000_000))

    # ranked last (no figure), the budget goes to 61.71.02 first: 1 person
    assert regions["kemendagri_code"].to_list() == ["61.71.02", "61.71.03", "61.71.01"]
    assert regions["budget_people"].to_list() == [1, 0, None]
    assert regions["budget_status"].to_list() == ["closed", "none_needed", "no_data"]


# -- the city -------------------------------------------------------------------------------


def test_city_plan_at_99_percent_with_rp2_miliar():
    chosen = scenario(target_pct=99.0, budget_idr=2_000_000_000)
    plan = planner.city_plan(city_row(99.0), planner.worklist(gap_rows(REGIONS, 99.0), chosen), chosen)

    assert plan == planner.CityPlan(
        people_needed=8_801,
        # 8.801 x 504.000
        enrolment_cost_idr=4_435_704_000,
        people_funded=3_968,
        budget_left_idr=None,
        # 8.801 - 3.968 = 4.833; x 504.000 = 2.435.832.000
        people_short=4_833,
        cost_short_idr=2_435_832_000,
        regions_closed=0,
        regions_short=2,
        # 159.500 - 139.500 = 20.000; x 42.000 x 24 = 20.160.000.000
        non_active=20_000,
        reactivation_cost_idr=20_160_000_000,
    )


def test_city_plan_when_the_budget_covers_the_city():
    chosen = scenario(budget_idr=5_000_000_000)
    plan = planner.city_plan(city_row(98.0), planner.worklist(gap_rows(REGIONS, 98.0), chosen), chosen)

    # 9.920 funded >= 7.101 needed; 5.000.000.000 - 7.101 x 504.000 (3.578.904.000) = 1.421.096.000
    assert (plan.people_needed, plan.people_funded, plan.budget_left_idr) == (7_101, 9_920, 1_421_096_000)
    assert (plan.people_short, plan.cost_short_idr) == (0, 0)
    # 8.000 + 1 = 8.001 <= 9.920: both kecamatan short of 98% are closed
    assert (plan.regions_closed, plan.regions_short) == (2, 2)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "id",
            [
                "Rp2 miliar membiayai 3.968 orang selama 12 bulan.",
                "Kebutuhan kota masih kurang 4.833 orang (Rp2,4 miliar).",
                "Menurut urutan kebutuhan terbesar, anggaran menutup penuh 0 dari 2 kecamatan yang masih kurang.",
            ],
        ),
        (
            "en",
            [
                "Rp2 billion funds 3,968 people for 12 months.",
                "The city's need is still 4,833 people short (Rp2.4 billion).",
                "Taking the largest needs first, the budget fully closes 0 of the 2 kecamatan still short.",
            ],
        ),
    ],
)
def test_budget_sentences(language, expected):
    chosen = scenario(target_pct=99.0, budget_idr=2_000_000_000)
    plan = planner.city_plan(city_row(99.0), planner.worklist(gap_rows(REGIONS, 99.0), chosen), chosen)

    assert planner.budget_sentences(plan, chosen, "kecamatan", language) == expected


def test_need_and_reactivation_sentences():
    chosen = scenario(target_pct=98.5)
    row = city_row(98.5)
    plan = planner.city_plan(row, planner.worklist(gap_rows(REGIONS, 98.5), chosen), chosen)

    # 0,985 x 170.001 = 167.450,985 -> 167.451 - 159.500 = 7.951; x 504.000 = 4.007.304.000
    assert planner.need_sentence(row, plan, chosen, "Kota Pontianak", "id") == (
        "Untuk target 98,5%, 7.951 penduduk Kota Pontianak perlu didaftarkan; "
        "dengan iuran Rp42.000 per bulan biayanya Rp4 miliar untuk 12 bulan."
    )
    assert planner.reactivation_sentence(plan, chosen, "Kota Pontianak", "id") == (
        "20.000 peserta terdaftar di Kota Pontianak tidak aktif. Mengaktifkan kembali semuanya dengan "
        "tunggakan 24 bulan × iuran Rp42.000 membutuhkan Rp20,2 miliar."
    )


def test_no_budget_asks_for_one():
    chosen = scenario()
    plan = planner.city_plan(city_row(), planner.worklist(gap_rows(REGIONS), chosen), chosen)
    assert planner.budget_sentences(plan, chosen, "kecamatan", "id") == [
        "Isi anggaran untuk melihat berapa orang yang dapat dibiayai."
    ]


# -- the PBI quota --------------------------------------------------------------------------


def test_quota_use_kota_serang_2025():
    # Kota Serang 2025: 42.689 registered of a 43.000 APBD quota
    use = planner.quota_use(42_689, 43_000, people_needed=500)

    assert (use.registered, use.quota, use.remaining) == (42_689, 43_000, 311)
    # 42.689 / 43.000 = 99,2767%
    assert use.used_pct == pytest.approx(99.27674, abs=1e-5)
    # 311 of the 500 fit; 189 do not
    assert (use.need_within_quota, use.need_beyond_quota) == (311, 189)
    assert planner.quota_sentences(use, "id") == [
        "42.689 dari kuota 43.000 terisi (99,28%); sisa 311 orang.",
        "Kebutuhan 500 orang melebihi sisa kuota sebanyak 189 orang.",
    ]


def test_quota_exceeded_and_need_that_fits():
    over = planner.quota_use(43_500, 43_000, people_needed=100)
    assert (over.remaining, over.need_within_quota, over.need_beyond_quota) == (-500, 0, 100)
    assert planner.quota_sentences(over, "en")[0] == "43,500 participants registered, 500 above the 43,000 quota."

    fits = planner.quota_use(42_689, 43_000, people_needed=300)
    assert planner.quota_sentences(fits, "id")[1] == "Sisa kuota cukup untuk 300 penduduk yang perlu didaftarkan."


def test_no_quota_says_nothing_of_its_use():
    use = planner.quota_use(42_689, None, people_needed=300)
    assert (use.remaining, use.used_pct) == (None, None)
    assert planner.quota_sentences(use, "id") == []


def test_stored_quota_and_registered_from_query_rows():
    rows = pl.DataFrame(
        {"segment": ["pbi_apbd", "pbi_apbn"], "quota": [43_000, 120_000], "source": ["Pemkot Serang", "Kemensos"]}
    )
    assert planner.stored_quota(rows) == (43_000, "Pemkot Serang")
    assert planner.stored_quota(rows.head(0)) == (None, None)
    assert planner.pbi_apbd_registered(pl.DataFrame({"pbi_apbd_registered": [42_689]})) == 42_689


def test_demo_store_holds_a_synthetic_quota(demo_store):
    rows = demo_store.run("pbi_quota", kemendagri_code="61.71", year=2025)
    assert rows.to_dicts() == [
        {"segment": "pbi_apbd", "quota": 162_000, "source": "Demo: synthetic PBI APBD quota, not an official figure"}
    ]
    # above the most PBI APBD participants of each year: 159.983 (December 2025), 161.843 (January 2026)
    december = demo_store.run("segments_by_region_month", code_length=5, scope_code="61.71", periods=[D(2025, 12, 1)])
    assert december["pbi_apbd_registered"].to_list() == [159_983]
    assert demo_store.run("pbi_quota", kemendagri_code="61.71", year=2026)["quota"].to_list() == [165_000]
    assert demo_store.run("pbi_quota", kemendagri_code="61.71", year=2024).height == 0


def test_demo_again_replaces_its_quota_and_keeps_a_users(tmp_path):
    with Store.open(tmp_path / "store.duckdb") as store:
        seed.add_demo(store)
        with store.transaction():
            store.execute(
                "upsert_pbi_quota", kemendagri_code="61.71", year=2026, segment="pbi_apbd", quota=170_000, source="SK"
            )
        seed.add_demo(store)

        assert store.run("pbi_quota", kemendagri_code="61.71", year=2025)["quota"].to_list() == [162_000]
        assert store.run("pbi_quota", kemendagri_code="61.71", year=2026).to_dicts() == [
            {"segment": "pbi_apbd", "quota": 170_000, "source": "SK"}
        ]
    assert demo.PBI_APBD_QUOTA == {2025: 162_000, 2026: 165_000}


# -- formula injection and the downloaded files ---------------------------------------------


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+62 812", "'+62 812"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Pontianak Utara", "Pontianak Utara"),
        ("a=b", "a=b"),
        ("'quoted", "'quoted"),
        ("", ""),
        (None, None),
    ],
    ids=repr,
)
def test_formula_safe_text_cells(cell, safe):
    frame = pl.DataFrame({"name": [cell], "people": [-5], "share": [-0.5]}, schema_overrides={"name": pl.String})

    expected = pl.DataFrame({"name": [safe], "people": [-5], "share": [-0.5]}, schema_overrides={"name": pl.String})
    assert_frame_equal(planner.formula_safe(frame), expected)


HOSTILE = [
    ("61.71.01", "=cmd|' /C calc'!A0", 100_000, 90_000, 80_000),
    ("61.71.02", "-Kel. Minus", 50_001, 49_000, 40_000),
    ("61.71.03", "Pontianak Barat", 20_000, 20_500, 19_500),
]
FILE_HEADERS_ID = [
    "Wilayah",
    "Kode Kemendagri",
    "Penduduk",
    "Terdaftar",
    "Aktif",
    "Cakupan (%)",
    "Target (%)",
    "Perlu didaftarkan",
    "Biaya 12 bulan (Rp)",
    "Dibiayai",
    "Status anggaran",
    "Non-aktif",
    "Reaktivasi 24 bulan (Rp)",
]


def hostile_file(language: str) -> pl.DataFrame:
    chosen = scenario(budget_idr=2_000_000_000)
    return planner.worklist_file(planner.worklist(gap_rows(HOSTILE, 98.0), chosen), chosen, language)


def expected_file_id(names=("=cmd|' /C calc'!A0", "-Kel. Minus", "Pontianak Barat")) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "Wilayah": list(names),
            "Kode Kemendagri": ["61.71.01", "61.71.02", "61.71.03"],
            "Penduduk": [100_000, 50_001, 20_000],
            "Terdaftar": [90_000, 49_000, 20_500],
            "Aktif": [80_000, 40_000, 19_500],
            # 90.000 / 100.000 = 90%; 49.000 / 50.001 = 97,99804%; 20.500 / 20.000 = 102,5%
            "Cakupan (%)": [90.0, 97.998, 102.5],
            "Target (%)": [98.0, 98.0, 98.0],
            "Perlu didaftarkan": [8_000, 1, 0],
            "Biaya 12 bulan (Rp)": [4_032_000_000, 504_000, 0],
            "Dibiayai": [3_968, 0, 0],
            "Status anggaran": ["Sebagian", "Tidak terdanai", "Tidak perlu"],
            "Non-aktif": [10_000, 9_000, 1_000],
            "Reaktivasi 24 bulan (Rp)": [10_080_000_000, 9_072_000_000, 1_008_000_000],
        }
    )


# In the CSV a name a spreadsheet would read as a formula gets a leading apostrophe.
SAFE_NAMES = ("'=cmd|' /C calc'!A0", "'-Kel. Minus", "Pontianak Barat")


def test_the_download_frame_has_bare_numbers_and_the_names_as_they_are():
    frame = hostile_file("id")

    assert frame.columns == FILE_HEADERS_ID
    assert_frame_equal(frame, expected_file_id(), check_dtypes=False, abs_tol=1e-3)


def test_csv_in_indonesian_reads_back():
    data = planner.csv_bytes(hostile_file("id"), "id")

    assert data.startswith(b"\xef\xbb\xbfWilayah;Kode Kemendagri;")  # UTF-8 BOM, ';' for Excel in Indonesian
    assert b"97,998;98,0;" in data  # decimal comma
    back = pl.read_csv(io.BytesIO(data), separator=";", decimal_comma=True)
    assert_frame_equal(back, expected_file_id(SAFE_NAMES), check_dtypes=False, abs_tol=1e-3)


def test_csv_in_english_reads_back():
    data = planner.csv_bytes(hostile_file("en"), "en")

    back = pl.read_csv(io.BytesIO(data))
    assert back.columns[:2] == ["Region", "Kemendagri code"]
    assert back["Region"].to_list() == ["'=cmd|' /C calc'!A0", "'-Kel. Minus", "Pontianak Barat"]
    assert back["Cost for 12 months (Rp)"].to_list() == [4_032_000_000, 504_000, 0]
    assert back["Budget status"].to_list() == ["Partly", "Not funded", "None needed"]


def test_xlsx_reads_back_with_numbers_as_numbers():
    data = planner.xlsx_bytes(hostile_file("id"), "daftar_kerja")

    assert data[:2] == b"PK"  # a zip container, as every XLSX
    back = pl.read_excel(io.BytesIO(data), sheet_name="daftar_kerja")
    # figures are number cells, the codes and names text cells
    assert (back["Penduduk"].dtype, back["Cakupan (%)"].dtype) == (pl.Int64, pl.Float64)
    assert (back["Kode Kemendagri"].dtype, back["Wilayah"].dtype) == (pl.String, pl.String)
    # the names as typed, without the CSV's apostrophes ...
    assert_frame_equal(back, expected_file_id(), check_dtypes=False, abs_tol=1e-3)
    # ... as string cells: the sheet holds no formula at all
    with zipfile.ZipFile(io.BytesIO(data)) as workbook:
        sheet = workbook.read("xl/worksheets/sheet1.xml").decode("utf-8")
        strings = workbook.read("xl/sharedStrings.xml").decode("utf-8")
    assert "<f>" not in sheet and "<f " not in sheet
    assert "=cmd|&apos; /C calc&apos;!A0" in strings or "=cmd|' /C calc'!A0" in strings
    assert "'=cmd" not in strings and "&apos;=cmd" not in strings


def test_file_name():
    assert planner.worklist_file_name("61.71", JUNE_2025, "kelurahan", "id", "xlsx") == (
        "daftar_kerja_61.71_2025-06_kelurahan.xlsx"
    )
    assert planner.worklist_file_name("61.71", JUNE_2025, "kecamatan", "en", "csv") == (
        "worklist_61.71_2025-06_kecamatan.csv"
    )


def test_worklist_table_is_formatted_text():
    chosen = scenario(target_pct=99.0, budget_idr=2_000_000_000)
    table = planner.worklist_table(planner.worklist(gap_rows(REGIONS, 99.0), chosen), chosen, "id")

    assert table.row(1, named=True) == {
        "Wilayah": "Pontianak Timur",
        "Penduduk": "50.001",
        "Terdaftar": "49.000",
        # 49.000 / 50.001 = 97,998%
        "Cakupan": "98,00%",
        "Perlu didaftarkan": "501",
        # 501 x 504.000 = 252.504.000
        "Biaya 12 bulan": "Rp252,5 juta",
        "Dibiayai": "0",
        "Status anggaran": "Tidak terdanai",
        "Non-aktif": "9.000",
        # 9.000 x 1.008.000 = 9.072.000.000
        "Reaktivasi 24 bulan": "Rp9,1 miliar",
    }
    # every column but the name and the status holds figures
    assert planner.worklist_figure_headers(chosen, "en") == [
        "Population",
        "Registered",
        "Coverage",
        "To enrol",
        "Cost for 12 months",
        "Funded",
        "Non-active",
        "Reactivation 24 months",
    ]


# -- storing a quota from the command line --------------------------------------------------


def test_cli_quota_stores_kota_serang(tmp_path):
    db = tmp_path / "serang.duckdb"
    assert uhc("--db", db, "init", "--city", "36.73").returncode == 0

    result = uhc("--db", db, "quota", "--city", "36.73", "--year", "2025", "--quota", "43.000", "--source", "Pemkot")
    assert result.returncode == 0, result.stderr
    assert "pbi_apbd quota of 36.73 Kota Serang for 2025: 43000 people (Pemkot)" in result.stdout
    # a second run replaces the figure
    assert (
        uhc("--db", db, "quota", "--city", "36.73", "--year", "2025", "--quota", "43100", "--source", "SK").returncode
        == 0
    )
    with Store.open(db, read_only=True) as store:
        assert store.run("pbi_quota", kemendagri_code="36.73", year=2025).to_dicts() == [
            {"segment": "pbi_apbd", "quota": 43_100, "source": "SK"}
        ]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--city", "36.73", "--year", "2025", "--quota", "43000", "--source", "SK"], "not in"),
        (["--city", "61.71", "--year", "2025", "--quota", "banyak", "--source", "SK"], "whole number of people"),
        (["--city", "61.71", "--year", "1999", "--quota", "43000", "--source", "SK"], "from 2014 on"),
        (["--city", "61.71", "--year", "2025", "--quota", "43000", "--source", " "], "--source must say"),
    ],
)
def test_cli_quota_bad_input(tmp_path, args, fragment):
    db = tmp_path / "pontianak.duckdb"
    assert uhc("--db", db, "init", "--city", "61.71").returncode == 0

    result = uhc("--db", db, "quota", *args)
    assert result.returncode == 2
    assert fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    with Store.open(db, read_only=True) as store:
        assert store.run("pbi_quota", kemendagri_code="61.71", year=2025).height == 0
