"""Imports as revisions: figures worked out by hand, nothing lost, nothing doubled, every check."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import openpyxl
import polars as pl
import pytest
from command_line import pausing_in_import, uhc
from polars.testing import assert_frame_equal

from uhc.core import gap
from uhc.intake import imports
from uhc.intake.imports import ImportRefused, RestoreRefused
from uhc.intake.reader import ROW_SCHEMA, Parsed
from uhc.store import seed
from uhc.store.db import Store, migrations
from uhc.store.regions import city_region_tree, kab_kota

D = dt.date
JUNE, JULY, MAY = D(2025, 6, 1), D(2025, 7, 1), D(2025, 5, 1)
# Three kelurahan of Pontianak Selatan (61.71.01) and a kelurahan of another kecamatan.
KEL_A, KEL_B, KEL_C = "61.71.01.1002", "61.71.01.1003", "61.71.01.1004"
KEL_OTHER = "61.71.03.1001"
COLUMNS = {
    "region_code": "Kode Wilayah",
    "population": "Jumlah Penduduk",
    "registered": "Jumlah Peserta",
    "active": "Peserta Aktif",
    "period": "Bulan",
    "kecamatan": "Kecamatan",
    "kelurahan": "Kelurahan",
}
# June 2025 recap with its population column: A 9.500 of 10.000, B 19.800 of 20.000, C 4.600 of 5.000.
JUNE_ROWS = [
    {"region_code": KEL_A, "population": 10_000, "registered": 9_500, "active": 8_000},
    {"region_code": KEL_B, "population": 20_000, "registered": 19_800, "active": 16_500},
    {"region_code": KEL_C, "population": 5_000, "registered": 4_600, "active": 3_500},
]


def parsed_file(
    rows: list[dict], file_name: str = "rekap_juni_2025.csv", kind: str = "coverage", columns: dict | None = None
) -> Parsed:
    """A file as the reader hands it over: rows numbered from 2 (row 1 is the header)."""
    frame = pl.DataFrame(
        [{**dict.fromkeys(ROW_SCHEMA), "row": number, **row} for number, row in enumerate(rows, start=2)],
        schema=ROW_SCHEMA,
    )
    sha256 = hashlib.sha256(repr((file_name, rows)).encode()).hexdigest()
    return Parsed(file_name, sha256, kind, frame, (), columns=COLUMNS if columns is None else columns, header_row=1)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """A store file holding the region tree of Kota Pontianak and no figures."""
    path = tmp_path / "city.duckdb"
    with Store.open(path) as store:
        seed.add_city(store, "61.71")
    return path


@pytest.fixture
def store(store_path: Path):
    with Store.open(store_path) as opened:
        yield opened


# The test files hold a few of Pontianak's 29 kelurahan, so each month also warns that the rest are missing.
MISSING_JUNE_EN = (
    "Warning: File “rekap_juni_2025.csv”: June 2025: 26 of the city's 29 kelurahan are not in the file (Kotabaru, "
    "Akcaya, Paritmayor, Banjar Serasan, Saigon, ...). The kecamatan and city figures of that month add up only the "
    "kelurahan present, so they stay too low until the others are imported; the import goes on."
)


def other_warnings(checked: imports.Checked) -> tuple:
    """The warnings of ``checked`` other than the one about the city's kelurahan the file leaves out."""
    return tuple(issue for issue in checked.warnings if issue.code != "regions_missing_kelurahan")


def imported(store: Store, parsed: Parsed, **options) -> imports.Batch:
    checked = imports.check(store, parsed, city_code="61.71", **options)
    assert checked.errors == (), [issue.message("en") for issue in checked.errors]
    return imports.commit(store, checked, user="ana")


def gap_rows(store: Store, period: dt.date, level: str) -> list[tuple]:
    frame = gap.gap_for_period(store, period, level, "61.71").filter(pl.col("registered").is_not_null())
    return [
        (
            row["kemendagri_code"],
            row["population"],
            row["registered"],
            None if row["coverage_pct"] is None else round(row["coverage_pct"], 4),
            row["people_needed"],
        )
        for row in frame.iter_rows(named=True)
    ]


def stored(store: Store) -> dict[str, pl.DataFrame]:
    """Every figure in force and every revision kept, for comparing a store before and after."""
    return {
        "coverage": store.run("coverage_snapshot_of_months", scope_code="", periods=[MAY, JUNE, JULY]),
        "population": store.run(
            "population_by_region", code_length=13, scope_code="", as_of_from=None, as_of_until=None
        ),
        "history": imports.history(store).drop("summary", "report"),
    }


# figures worked out by hand -------------------------------------------------------------------


def test_a_recap_with_population_alone_gives_the_coverage_worked_out_by_hand(store):
    batch = imported(store, parsed_file(JUNE_ROWS), period=JUNE)
    assert (batch.batch_id, batch.new, batch.row_count) == (2, True, 3)  # batch 1 is the region tree
    # A: 9.500 / 10.000 = 95%, 0,98 x 10.000 = 9.800, 9.800 - 9.500 = 300
    # B: 19.800 / 20.000 = 99%, nobody needed
    # C: 4.600 / 5.000 = 92%, 0,98 x 5.000 = 4.900, 4.900 - 4.600 = 300
    assert gap_rows(store, JUNE, "kelurahan") == [
        (KEL_A, 10_000, 9_500, 95.0, 300),
        (KEL_B, 20_000, 19_800, 99.0, 0),
        (KEL_C, 5_000, 4_600, 92.0, 300),
    ]
    # the kecamatan: 33.900 / 35.000 = 96,8571%; 0,98 x 35.000 = 34.300; 34.300 - 33.900 = 400
    # (B's surplus covers part of A and C); 400 x Rp42.000 x 12 = Rp201.600.000
    row = gap.gap_for_period(store, JUNE, "kecamatan", "61.71").filter(pl.col("kemendagri_code") == "61.71.01")
    assert row.select("population", "registered", "active", "people_needed", "annual_cost_idr").row(0) == (
        35_000,
        33_900,
        28_000,
        400,
        201_600_000,
    )
    assert row["coverage_pct"][0] == pytest.approx(96.857142857, abs=1e-6)
    # 28.000 / 33.900 = 82,5959% active
    assert row["activity_pct"][0] == pytest.approx(82.595870206, abs=1e-6)


def test_the_recap_population_is_dated_the_months_last_day_and_named_after_the_file(store):
    imported(store, parsed_file(JUNE_ROWS), period=JUNE)
    population = store.run("population_of_dates", scope_code="61.71", as_of_dates=[D(2025, 6, 30)])
    assert population.select("kemendagri_code", "as_of", "population", "source").rows() == [
        (KEL_A, D(2025, 6, 30), 10_000, "rekap_juni_2025.csv"),
        (KEL_B, D(2025, 6, 30), 20_000, "rekap_juni_2025.csv"),
        (KEL_C, D(2025, 6, 30), 5_000, "rekap_juni_2025.csv"),
    ]


def test_the_recap_population_wins_over_a_semester_ending_the_same_day(store):
    # Dukcapil S1 2025 (30 June) first: 12.000 for A; then the June recap says 10.000.
    dukcapil = parsed_file(
        [{"region_code": KEL_A, "population": 12_000}], file_name="dkb_s1_2025.csv", kind="population"
    )
    first = imported(store, dukcapil, as_of=D(2025, 6, 30))
    imported(store, parsed_file(JUNE_ROWS[:1]), period=JUNE)
    assert gap_rows(store, JUNE, "kelurahan") == [(KEL_A, 10_000, 9_500, 95.0, 300)]
    # restoring the Dukcapil batch brings 12.000 back: 9.500 / 12.000 = 79,1667%; 11.760 - 9.500 = 2.260
    imports.restore(store, first.batch_id, user="ana")
    assert gap_rows(store, JUNE, "kelurahan") == [(KEL_A, 12_000, 9_500, 79.1667, 2_260)]


def test_a_population_file_is_used_from_its_date_on(store):
    imported(store, parsed_file(JUNE_ROWS, file_name="rekap_juni.csv"), period=JUNE)
    july = [{key: value for key, value in row.items() if key != "population"} for row in JUNE_ROWS]
    imported(store, parsed_file(july, file_name="rekap_juli.csv"), period=JULY)
    # July has no population of its own: it uses June's (dated 30 June), 9.500 / 10.000
    assert gap_rows(store, JULY, "kelurahan")[0] == (KEL_A, 10_000, 9_500, 95.0, 300)
    dukcapil = parsed_file(
        [{"region_code": code, "population": 9_000} for code in (KEL_A, KEL_B, KEL_C)],
        file_name="dkb_juli.csv",
        kind="population",
    )
    imported(store, dukcapil, as_of=D(2025, 7, 15))
    # from 15 July on: 9.500 / 9.000 = 105,5556%, June keeps its own figures
    assert gap_rows(store, JULY, "kelurahan")[0] == (KEL_A, 9_000, 9_500, 105.5556, 0)
    assert gap_rows(store, JUNE, "kelurahan")[0] == (KEL_A, 10_000, 9_500, 95.0, 300)


def test_a_recap_per_kecamatan_is_stored_at_kecamatan_level(store):
    rows = [
        {"region_code": "61.71.01", "population": 120_000, "registered": 114_000, "active": 95_000},
        {"region_code": "61.71.02", "population": 80_000, "registered": 79_200, "active": 70_000},
    ]
    imported(store, parsed_file(rows, file_name="rekap_kecamatan.csv"), period=JUNE)
    # 114.000 / 120.000 = 95%, 117.600 - 114.000 = 3.600; 79.200 / 80.000 = 99%
    assert gap_rows(store, JUNE, "kecamatan") == [
        ("61.71.01", 120_000, 114_000, 95.0, 3_600),
        ("61.71.02", 80_000, 79_200, 99.0, 0),
    ]
    # the city: 193.200 / 200.000 = 96,6%; 196.000 - 193.200 = 2.800
    assert gap_rows(store, JUNE, "kota") == [("61.71", 200_000, 193_200, 96.6, 2_800)]


# nothing lost, nothing doubled ----------------------------------------------------------------


def test_importing_the_same_file_again_changes_nothing(store):
    first = imported(store, parsed_file(JUNE_ROWS), period=JUNE)
    before = stored(store)
    again = imports.check(store, parsed_file(JUNE_ROWS), city_code="61.71", period=JUNE)
    assert (again.already_imported_batch_id, again.already_imported_same_file) == (first.batch_id, True)
    assert again.change_counts()["coverage"] == {"added": 0, "changed": 0, "removed": 0, "unchanged": 3}
    batch = imports.commit(store, again, user="budi")
    assert (batch.batch_id, batch.new) == (first.batch_id, False)
    for key, frame in stored(store).items():
        assert_frame_equal(frame, before[key])


def test_a_corrected_file_replaces_the_month_and_the_first_can_be_restored(store):
    first = imported(store, parsed_file(JUNE_ROWS), period=JUNE)
    # the correction: A's registered 9.500 -> 9.700, C dropped (it belonged to another month's file);
    # C's population stays: a recap corrects the population of the regions it names only
    corrected_rows = [{**JUNE_ROWS[0], "registered": 9_700}, JUNE_ROWS[1]]
    corrected = imports.check(
        store, parsed_file(corrected_rows, "rekap_juni_2025_v2.csv"), city_code="61.71", period=JUNE
    )
    assert corrected.change_counts() == {
        "coverage": {"added": 0, "changed": 1, "removed": 1, "unchanged": 1},
        "population": {"added": 0, "changed": 0, "removed": 0, "unchanged": 3},
    }
    assert corrected.replaced_batch_ids == (first.batch_id,)
    assert corrected.changes.filter(pl.col("change") != "unchanged").select(
        "figures", "kemendagri_code", "change", "registered_before", "registered_after", "population_before"
    ).rows() == [
        ("coverage", KEL_A, "changed", 9_500, 9_700, None),
        ("coverage", KEL_C, "removed", 4_600, None, None),
    ]
    second = imports.commit(store, corrected, user="budi")
    assert gap_rows(store, JUNE, "kelurahan") == [(KEL_A, 10_000, 9_700, 97.0, 100), (KEL_B, 20_000, 19_800, 99.0, 0)]

    listed = imports.history(store, "61.71", "en")
    assert listed.select("batch_id", "kind", "file_name", "row_count", "imported_by", "status").rows()[:2] == [
        (second.batch_id, "coverage", "rekap_juni_2025_v2.csv", 2, "budi", "current"),
        (first.batch_id, "coverage", "rekap_juni_2025.csv", 3, "ana", "superseded"),
    ]
    assert listed["summary"][0] == (
        "2025-06; coverage: 0 new, 1 changed, 1 removed, 1 unchanged; "
        "population as of 2025-06-30: 0 new, 0 changed, 0 removed, 3 unchanged; 1 warning"
    )

    back = imports.restore(store, first.batch_id, user="ana")
    assert (back.new, back.restores_batch_id, back.replaced_batch_ids) == (True, first.batch_id, (second.batch_id,))
    assert gap_rows(store, JUNE, "kelurahan") == [
        (KEL_A, 10_000, 9_500, 95.0, 300),
        (KEL_B, 20_000, 19_800, 99.0, 0),
        (KEL_C, 5_000, 4_600, 92.0, 300),
    ]
    listed = imports.history(store, "61.71", "en")
    assert listed.select("batch_id", "kind", "restores_batch_id", "status").rows()[:3] == [
        (back.batch_id, "restore", first.batch_id, "current"),
        (second.batch_id, "coverage", None, "superseded"),
        (first.batch_id, "coverage", None, "restored"),
    ]
    assert listed["summary"][0].startswith("restores batch 2; 2025-06; coverage: 1 new, 1 changed")
    # restoring it again changes nothing and writes no batch
    assert imports.restore(store, first.batch_id, user="ana") == imports.Batch(
        back.batch_id, "coverage", "rekap_juni_2025.csv", 3, new=False
    )
    # and the correction can come back too
    imports.restore(store, second.batch_id, user="ana")
    assert gap_rows(store, JUNE, "kelurahan")[0] == (KEL_A, 10_000, 9_700, 97.0, 100)


def test_an_import_only_replaces_its_own_city_and_month(store):
    imported(store, parsed_file(JUNE_ROWS), period=JUNE)
    july = [{**row, "registered": row["registered"] + 50} for row in JUNE_ROWS]
    imported(store, parsed_file(july, "rekap_juli_2025.csv"), period=JULY)
    assert [row[2] for row in gap_rows(store, JUNE, "kelurahan")] == [9_500, 19_800, 4_600]
    assert [row[2] for row in gap_rows(store, JULY, "kelurahan")] == [9_550, 19_850, 4_650]
    assert set(imports.history(store, "61.71")["status"].drop_nulls()) == {"current"}


def test_a_check_goes_stale_when_the_store_changes_before_the_commit(store):
    checked = imports.check(store, parsed_file(JUNE_ROWS), city_code="61.71", period=JUNE)
    imported(store, parsed_file(JUNE_ROWS[:1], "other.csv"), period=JUNE)
    with pytest.raises(ImportRefused, match=r"changed in the store after rekap_juni_2025\.csv was checked"):
        imports.commit(store, checked, user="ana")
    assert [row[0] for row in gap_rows(store, JUNE, "kelurahan")] == [KEL_A]


def test_the_report_is_stored_with_the_batch(store):
    rows = [*JUNE_ROWS, {"region_code": KEL_OTHER, "population": 1_000, "registered": 1_100, "active": 900}]
    batch = imported(store, parsed_file(rows), period=JUNE)
    (report,) = imports.history(store).filter(pl.col("batch_id") == batch.batch_id)["report"]
    assert report["file_name"] == "rekap_juni_2025.csv"
    assert (report["periods"], report["as_of"], report["rows"]) == (["2025-06"], ["2025-06-30"], 4)
    # 1.100 / 1.000 = 110% > 105%
    assert [(i["severity"], i["code"], i["row"], i["column"]) for i in report["issues"]] == [
        ("warning", "regions_missing_kelurahan", None, None),  # 4 of the city's 29 kelurahan in the file
        ("warning", "registered_above_population", 5, "Jumlah Peserta"),
    ]
    assert report["changes"]["coverage"]["added"] == 4
    assert json.loads(json.dumps(report)) == report


def test_restore_refuses_an_unknown_batch_and_one_without_figures(store):
    with pytest.raises(RestoreRefused, match="There is no batch 99") as refused:
        imports.restore(store, 99, user="ana")
    assert refused.value.text("id") == "Tidak ada batch 99. `python -m uhc history` menampilkan daftar batch."
    with pytest.raises(RestoreRefused, match=r"Batch 1 \(gazetteer\) holds no coverage or population figures"):
        imports.restore(store, 1, user="ana")


def test_an_import_for_a_city_the_store_lacks_says_how_to_add_it(store):
    with pytest.raises(ImportRefused, match=r"init --city 36\.73"):
        imports.check(store, parsed_file(JUNE_ROWS), city_code="36.73", period=JUNE)


# checks: errors reject the whole file ---------------------------------------------------------

ERROR_CASES = {
    "duplicate_region": (
        [*JUNE_ROWS, {"region_code": KEL_B, "registered": 19_000, "active": 15_000}],
        {"period": JUNE},
        "File “rekap_juni_2025.csv”, row 5, column “Kode Wilayah”: Benuamelayu Darat (61.71.01.1003) is already in "
        "row 3. "
        "A region may have one row per month: remove one of them, then import again.",
    ),
    "active_above_registered": (
        [{**JUNE_ROWS[0], "active": 9_600}, *JUNE_ROWS[1:]],
        {"period": JUNE},
        "File “rekap_juni_2025.csv”, row 2, column “Peserta Aktif”: 9,600 active participants is more than the 9,500 "
        "registered. Active must be at most registered: check both figures, then import again.",
    ),
    "unknown_region": (
        [*JUNE_ROWS, {"kecamatan": "Pontianak Selatan", "kelurahan": "Kampung Bali", "registered": 100}],
        {"period": JUNE},
        "File “rekap_juni_2025.csv”, row 5, column “Kelurahan”: region “Pontianak Selatan / Kampung Bali” is not in Kota "
        "Pontianak. Closest: 61.71.01.1005 Kotabaru (Kec. Pontianak Selatan), 61.71.01.1006 Akcaya (Kec. Pontianak "
        "Selatan), 61.71.01.1002 Benuamelayu Laut (Kec. Pontianak Selatan). Write the Kemendagri code or the "
        "region's name as in that list, then import again.",
    ),
    "unknown_code": (
        [*JUNE_ROWS, {"region_code": "61.71.01.1099", "registered": 100}],
        {"period": JUNE},
        "File “rekap_juni_2025.csv”, row 5, column “Kode Wilayah”: code “61.71.01.1099” is not a region of Kota "
        "Pontianak. Check the code (Kemendagri such as 61.71.01.1002, or BPS), or write the kecamatan and kelurahan names, then "
        "import again.",
    ),
    "period_missing": (
        JUNE_ROWS,
        {},
        "File “rekap_juni_2025.csv”: the month of the figures is unknown: the file has no month/period column. "
        "Choose the month (on the command line: --period YYYY-MM) or add a month column.",
    ),
    "period_conflict": (
        [{**row, "period": MAY} for row in JUNE_ROWS],
        {"period": JUNE},
        "File “rekap_juni_2025.csv”, row 2, column “Bulan”: month 2025-05 differs from the month chosen (2025-06); 3 rows "
        "differ. Choose the file's month, or correct that column.",
    ),
    "registered_missing": (
        [{**JUNE_ROWS[0], "registered": None}],
        {"period": JUNE},
        "File “rekap_juni_2025.csv”, row 2, column “Jumlah Peserta”: registered participants is empty. Fill it in "
        "(or active and inactive participants), then import again.",
    ),
}


@pytest.mark.parametrize("code", list(ERROR_CASES))
def test_an_error_rejects_the_whole_file_and_changes_nothing(store, code):
    rows, options, sentence = ERROR_CASES[code]
    before = stored(store)
    checked = imports.check(store, parsed_file(rows), city_code="61.71", **options)
    assert [issue.code for issue in checked.errors] == [code]
    if sentence is not None:
        assert checked.errors[0].message("en") == sentence
    with pytest.raises(ImportRefused, match=r"rekap_juni_2025\.csv has 1 error"):
        imports.commit(store, checked, user="ana")
    for key, frame in stored(store).items():
        assert_frame_equal(frame, before[key])


def test_a_region_outside_the_city_is_left_out_with_one_line_naming_its_city(tmp_path):
    # Issue 10 item 6: a row of another kab/kota is no longer an error of its own; it is left out and
    # the report says so in one line (tests/test_province_files.py has the province-wide file).
    with Store.open(tmp_path / "two.duckdb") as store:
        seed.add_city(store, "61.71")
        seed.add_city(store, "36.73")
        rows = [*JUNE_ROWS, {"region_code": "36.73.01.1001", "registered": 100}]
        checked = imports.check(store, parsed_file(rows), city_code="61.71", period=JUNE)
    assert checked.errors == ()
    (issue,) = [w for w in checked.warnings if w.code == "rows_outside_city"]
    assert issue.message("en") == (
        "File “rekap_juni_2025.csv”: 1 row of another kab/kota left out: 36.73 Kota Serang (1 row). Only the "
        "rows of Kota Pontianak are imported; import the same file for that kab/kota if you need it."
    )
    assert checked.coverage["kemendagri_code"].to_list() == [KEL_A, KEL_B, KEL_C]


def test_a_name_one_letter_off_is_matched_with_a_warning(store):
    rows = [{"kecamatan": "Kec. Pontianak Selatan", "kelurahan": "Benua Melayu Laot", "registered": 9_500}]
    checked = imports.check(store, parsed_file(rows), city_code="61.71", period=JUNE)
    (issue,) = other_warnings(checked)
    assert issue.message("en") == (
        "File “rekap_juni_2025.csv”, row 2, column “Kelurahan”: “Kec. Pontianak Selatan / Benua Melayu Laot” was read "
        "as Benuamelayu Laut (61.71.01.1002), the closest name. If that is wrong, write the Kemendagri code of the "
        "region meant."
    )
    assert checked.coverage["kemendagri_code"].to_list() == [KEL_A]


def test_a_name_two_kelurahan_share_is_an_error_naming_both(tmp_path):
    # Kota Serang has two kelurahan named Sukawana; without the kecamatan the row could be either.
    with Store.open(tmp_path / "serang.duckdb") as store:
        seed.add_city(store, "36.73")
        checked = imports.check(
            store, parsed_file([{"kelurahan": "SUKAWANA", "registered": 5_000}]), city_code="36.73", period=JUNE
        )
    (issue,) = checked.errors
    assert issue.code == "ambiguous_region"
    assert [suggestion.split()[1] for suggestion in issue.params["suggestions"].split(", ")] == ["Sukawana"] * 2


def test_a_population_file_needs_its_date(store):
    checked = imports.check(
        store, parsed_file([{"region_code": KEL_A, "population": 10_000}], "dkb.csv", "population"), city_code="61.71"
    )
    assert [issue.code for issue in checked.errors] == ["as_of_missing"]
    assert checked.errors[0].message("id") == (
        "Berkas “dkb.csv”: tanggal data penduduk belum dipilih. Pilih tanggalnya (di baris perintah: --as-of YYYY-MM-DD), "
        "misalnya 2025-06-30 untuk Dukcapil semester 1 2025."
    )


# checks: warnings are shown and the import goes on --------------------------------------------


def test_registered_above_105_percent_of_the_files_population_is_a_warning(store):
    rows = [{**JUNE_ROWS[0], "registered": 10_600, "active": 9_000}]  # 10.600 / 10.000 = 106%
    checked = imports.check(store, parsed_file(rows), city_code="61.71", period=JUNE)
    (issue,) = other_warnings(checked)
    assert checked.errors == ()
    assert issue.message("id") == (
        "Berkas “rekap_juni_2025.csv”, baris 2, kolom “Jumlah Peserta”: Benuamelayu Laut mencatat 10.600 peserta "
        "untuk 10.000 penduduk dalam berkas ini: cakupan 106,00%, di atas 105%. Periksa jumlah peserta dan "
        "penduduk; jika benar (peserta terdaftar di luar domisili), impor tetap berjalan."
    )
    assert imports.commit(store, checked, user="ana").new


def test_registered_above_105_percent_of_the_stored_population_is_a_warning(store):
    imported(
        store,
        parsed_file([{"region_code": KEL_A, "population": 10_000}], "dkb.csv", "population"),
        as_of=D(2024, 12, 31),
    )
    rows = [{"region_code": KEL_A, "registered": 10_510}, {"region_code": KEL_B, "registered": 10_000}]
    checked = imports.check(store, parsed_file(rows), city_code="61.71", period=JUNE)
    (issue,) = other_warnings(checked)  # B has no population stored: nothing to compare
    assert issue.message("en") == (
        "File “rekap_juni_2025.csv”, row 2, column “Jumlah Peserta”: Benuamelayu Laut has 10,510 registered participants "
        "for a stored population of 10,000 (as of 2024-12-31): coverage 105.10%, above 105%. Check the "
        "participants, or import newer population figures; if they are right (people registered away from home), "
        "the import goes on."
    )


def test_the_registered_per_segment_are_stored(store):
    # The reader warns when segments do not add up to the total; what the file says is stored as it is.
    segments = {"pbi_apbn": 3_000, "pbi_apbd": 1_000, "ppu": 2_500, "pbpu": 2_000, "bp": 1_000}
    imported(store, parsed_file([{**JUNE_ROWS[0], **segments}]), period=JUNE)
    stored_row = store.run("segments_by_region_month", code_length=13, scope_code=KEL_A, periods=[JUNE])
    assert stored_row.select(f"{segment}_registered" for segment in segments).row(0) == (
        3_000,
        1_000,
        2_500,
        2_000,
        1_000,
    )


@pytest.mark.parametrize(
    ("july_registered", "warned"),
    [(10_450, False), (10_451, True), (8_550, False), (8_549, True)],  # 10% of 9.500 is 950
)
def test_a_jump_of_more_than_ten_percent_from_the_month_before_is_a_warning(store, july_registered, warned):
    imported(store, parsed_file(JUNE_ROWS), period=JUNE)
    rows = [{**JUNE_ROWS[0], "population": None, "registered": july_registered, "active": 8_000}]
    checked = imports.check(store, parsed_file(rows, "rekap_juli.csv"), city_code="61.71", period=JULY)
    jumps = [issue for issue in checked.warnings if issue.code == "registered_jump"]
    assert len(jumps) == int(warned)
    if july_registered == 10_451:
        assert jumps[0].message("en") == (
            "File “rekap_juli.csv”, row 2, column “Jumlah Peserta”: Benuamelayu Laut has 10,451 registered participants, "
            "+10.0% against 9,500 in June 2025. A change above 10% is rare: check the month and the region; "
            "the import goes on."
        )


# the store's schema -------------------------------------------------------------------------------


def test_a_store_before_revisions_upgrades_in_place_and_its_figures_can_be_replaced_and_restored(tmp_path):
    path = tmp_path / "old.duckdb"
    with Store.open(path, migrate=False) as old:
        old.migrate(to_version=3)
        old.insert("region", city_region_tree(kab_kota("61.71")))
        # figures of schema version 3: one from a batch, one from before batches were recorded
        batch_id = old.scalar(
            "insert_import_batch",
            kind="coverage",
            file_name="lama.csv",
            sha256=None,
            row_count=1,
            imported_by="ana",
            note=None,
        )
        old.insert(
            "coverage_snapshot",
            pl.DataFrame(
                {
                    "kemendagri_code": [KEL_A, KEL_B],
                    "period": [JUNE, JUNE],
                    "registered": [9_000, 18_000],
                    "active": [7_000, 15_000],
                    "source": ["lama.csv", "lebih lama"],
                    "batch_id": [batch_id, None],
                }
            ),
        )
    with duckdb.connect(str(path)) as con:  # version 3 has no revision tables
        assert con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'coverage_revision'"
        ).fetchone() == (0,)

    with Store.open(path) as upgraded:
        assert upgraded.schema_version() == len(migrations())  # 4 added the revision tables
        assert [row[2] for row in gap_rows(upgraded, JUNE, "kelurahan")] == [9_000, 18_000]
        listed = imports.history(upgraded)
        assert listed.select("batch_id", "kind", "status", "figures_in_force").rows() == [
            (batch_id, "coverage", "current", 1),
            (0, "legacy", "current", 1),
        ]
        new = imported(upgraded, parsed_file(JUNE_ROWS), period=JUNE)
        assert new.replaced_batch_ids == (0, batch_id)
        assert [row[2] for row in gap_rows(upgraded, JUNE, "kelurahan")] == [9_500, 19_800, 4_600]
        assert imports.history(upgraded).select("batch_id", "status").rows() == [
            (new.batch_id, "current"),
            (batch_id, "superseded"),
            (0, "superseded"),
        ]
        imports.restore(upgraded, 0, user="ana")
        # June is again what batch 0 held (B's 18.000 alone); the population dated 30 June stays:
        # 18.000 / 20.000 = 90%, 19.600 - 18.000 = 1.600
        assert gap_rows(upgraded, JUNE, "kelurahan") == [(KEL_B, 20_000, 18_000, 90.0, 1_600)]


# the command line, on files written as cities have them -------------------------------------------

REPO_ROOT = Path(__file__).resolve().parents[1]
# Indonesian CSV from Excel: ";" separators, "10.000" thousands, a "No" column and a total row.
JUNE_CSV = (
    "No;Kode Wilayah;Kelurahan;Jumlah Penduduk;Jumlah Peserta;Peserta Aktif\n"
    "1;61.71.01.1002;Benuamelayu Laut;10.000;9.500;8.000\n"
    "2;61.71.01.1003;Benuamelayu Darat;20.000;19.800;16.500\n"
    "3;61.71.01.1004;Parittokaya;5.000;4.600;3.500\n"
    ";;Jumlah;35.000;33.900;28.000\n"
)


def gap_json(db: Path, level: str, period: str = "2025-06") -> list[tuple]:
    result = uhc("--db", db, "gap", "--level", level, "--period", period, "--format", "json")
    assert result.returncode == 0, result.stderr
    return [
        (row["kemendagri_code"], row["population"], row["registered"], row["coverage_pct"], row["people_needed"])
        for row in json.loads(result.stdout)
        if row["registered"] is not None
    ]


def history_json(db: Path) -> list[tuple]:
    result = uhc("--db", db, "history", "--format", "json")
    assert result.returncode == 0, result.stderr
    return [(row["batch_id"], row["kind"], row["file_name"], row["status"]) for row in json.loads(result.stdout)]


def write_csv(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8-sig")  # Excel's "CSV UTF-8" starts with a BOM
    return path


def test_cli_imports_a_csv_recap_and_gap_shows_the_coverage_worked_out_by_hand(store_path, tmp_path):
    csv_file = write_csv(tmp_path, "rekap_juni_2025.csv", JUNE_CSV)
    result = uhc("--db", store_path, "import", "coverage", csv_file, "--period", "2025-06", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [MISSING_JUNE_EN]
    assert (
        result.stdout.splitlines()[0]
        == "rekap_juni_2025.csv: coverage figures of Kota Pontianak (61.71), 2025-06: 3 rows"
    )
    assert result.stdout.splitlines()[-1] == "Stored as batch 2."
    # as in the first test: 95%, 99%, 92%; 300, 0 and 300 to enrol
    assert gap_json(store_path, "kelurahan") == [
        (KEL_A, 10_000, 9_500, 95.0, 300),
        (KEL_B, 20_000, 19_800, 99.0, 0),
        (KEL_C, 5_000, 4_600, 92.0, 300),
    ]
    (kecamatan,) = gap_json(store_path, "kecamatan")
    assert kecamatan[:3] == ("61.71.01", 35_000, 33_900)
    assert kecamatan[3] == 96.8571  # 33.900 / 35.000 = 96,857142...%, rounded to 4 places in JSON
    assert kecamatan[4] == 400  # 34.300 - 33.900

    again = uhc("--db", store_path, "import", "coverage", csv_file, "--period", "2025-06", "--lang", "en")
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[-1] == "rekap_juni_2025.csv was already imported as batch 2: nothing changes."
    assert history_json(store_path) == [(2, "coverage", "rekap_juni_2025.csv", "current"), (1, "gazetteer", None, None)]


def test_cli_imports_an_xlsx_by_names_with_a_month_column_and_a_mapped_header(store_path, tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Catatan"
    sheet = workbook.create_sheet("Rekap")
    sheet.append(["Rekap Kepesertaan JKN Kota Pontianak"])
    sheet.append([])
    sheet.append(["Kecamatan", "Kelurahan", "Bulan", "Jml Terdaftar (jiwa)", "Peserta Aktif"])
    sheet.append(["PONTIANAK SELATAN", "BENUA MELAYU LAUT", "Juni 2025", 9_500, 8_000])
    sheet.append(["PONTIANAK SELATAN", "PARIT TOKAYA", "Juni 2025", 4_600, 3_500])
    workbook.save(tmp_path / "rekap.xlsx")
    result = uhc(
        "--db",
        store_path,
        "import",
        "coverage",
        tmp_path / "rekap.xlsx",
        "--sheet",
        "Rekap",
        "--column",
        "registered=Jml Terdaftar (jiwa)",
        "--city",
        "Kota Pontianak",
        "--lang",
        "en",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:4] == [
        "coverage: 2 new, 0 changed, 0 removed, 0 unchanged",
        "  61.71.01.1002 Benuamelayu Laut 2025-06: Registered – → 9,500, Active – → 8,000",
        "  61.71.01.1004 Parittokaya 2025-06: Registered – → 4,600, Active – → 3,500",
    ]
    with Store.open(store_path, read_only=True) as store:
        rows = store.run("coverage_snapshot_of_months", scope_code="61.71", periods=[JUNE])
    assert rows.select("kemendagri_code", "registered", "active", "source").rows() == [
        (KEL_A, 9_500, 8_000, "rekap.xlsx"),
        (KEL_C, 4_600, 3_500, "rekap.xlsx"),
    ]


def test_cli_a_file_with_errors_exits_2_with_the_report_and_writes_nothing(store_path, tmp_path):
    bad = JUNE_CSV.replace("61.71.01.1004;Parittokaya;5.000;4.600;3.500", "61.71.01.1004;Parittokaya;5.000;4.600;4.700")
    bad = bad.replace(";;Jumlah;35.000;33.900;28.000", ";;Jumlah;35.000;33.900;29.200")
    csv_file = write_csv(tmp_path, "rekap_salah.csv", bad + "4;61.71.01.1099;Tidak Ada;1.000;900;800\n")
    before = history_json(store_path)
    result = uhc("--db", store_path, "import", "coverage", csv_file, "--period", "2025-06", "--lang", "en")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "rekap_salah.csv was not imported: 2 errors. Correct the rows named below, then import it again.",
        "Error: File “rekap_salah.csv”, row 4, column “Peserta Aktif”: 4,700 active participants is more than the "
        "4,600 registered. Active must be at most registered: check both figures, then import again.",
        "Error: File “rekap_salah.csv”, row 6, column “Kode Wilayah”: region “61.71.01.1099 / Tidak Ada” is not in "
        "Kota Pontianak. Closest: 61.71.01.1006 Akcaya (Kec. Pontianak Selatan), 61.71.01.1004 Parittokaya (Kec. "
        "Pontianak Selatan), 61.71.06.1002 Bansir Darat (Kec. Pontianak Tenggara). Write the Kemendagri code or the "
        "region's name as in that list, then import again.",
        MISSING_JUNE_EN.replace("rekap_juni_2025.csv", "rekap_salah.csv"),
    ]
    assert history_json(store_path) == before
    with Store.open(store_path, read_only=True) as store:
        assert store.scalar("latest_coverage_month", scope_code="") is None


def test_cli_warnings_are_printed_and_the_import_goes_on(store_path, tmp_path):
    # C: 5.400 registered of 5.000 residents = 108%; B's segments add up to 19.700, not 19.800
    text = (
        "Kode Wilayah;Jumlah Penduduk;Jumlah Peserta;Peserta Aktif;PBI APBN;PBI APBD;PPU;PBPU;BP\n"
        "61.71.01.1003;20.000;19.800;16.500;8.000;2.000;5.000;3.700;1.000\n"
        "61.71.01.1004;5.000;5.400;3.500;;;;;\n"
    )
    result = uhc("--db", store_path, "import", "coverage", write_csv(tmp_path, "r.csv", text), "--period", "2025-06")
    assert result.returncode == 0, result.stderr
    warnings = result.stderr.splitlines()
    assert [line.split(":")[0] for line in warnings] == ["Peringatan"] * 3
    assert "27 dari 29 kelurahan" in warnings[0]  # the file holds 2
    assert "19.700" in warnings[1] and "19.800" in warnings[1]
    assert warnings[2] == (
        "Peringatan: Berkas “r.csv”, baris 3, kolom “Jumlah Peserta”: Parittokaya mencatat 5.400 peserta untuk "
        "5.000 penduduk dalam berkas ini: cakupan 108,00%, di atas 105%. Periksa jumlah peserta dan penduduk; jika "
        "benar (peserta terdaftar di luar domisili), impor tetap berjalan."
    )
    assert result.stdout.splitlines()[-1] == "Tersimpan sebagai batch 2."


def test_cli_dry_run_shows_what_would_change_and_writes_nothing(store_path, tmp_path):
    csv_file = write_csv(tmp_path, "rekap_juni_2025.csv", JUNE_CSV)
    assert uhc("--db", store_path, "import", "coverage", csv_file, "--period", "2025-06").returncode == 0
    corrected = write_csv(tmp_path, "rekap_juni_2025_v2.csv", JUNE_CSV.replace("9.500;8.000", "9.700;8.000"))
    corrected_text = corrected.read_text(encoding="utf-8-sig").replace("33.900", "34.100")
    corrected.write_text(corrected_text, encoding="utf-8-sig")
    result = uhc(
        "--db", store_path, "import", "coverage", corrected, "--period", "2025-06", "--dry-run", "--lang", "en"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [
        "coverage: 0 new, 1 changed, 0 removed, 2 unchanged",
        "population as of 2025-06-30: 0 new, 0 changed, 0 removed, 3 unchanged",
        "  61.71.01.1002 Benuamelayu Laut 2025-06: Registered 9,500 → 9,700",
        "Replaces the figures of batch 2; the earlier figures stay in the history and can be restored.",
        "Dry run: nothing was written.",
    ]
    assert history_json(store_path)[0] == (2, "coverage", "rekap_juni_2025.csv", "current")


def test_cli_a_correction_is_a_new_revision_and_restore_brings_the_first_back(store_path, tmp_path):
    first = write_csv(tmp_path, "rekap_juni_2025.csv", JUNE_CSV)
    corrected = write_csv(
        tmp_path, "rekap_juni_2025_v2.csv", JUNE_CSV.replace("9.500;8.000", "9.700;8.000").replace("33.900", "34.100")
    )
    for path in (first, corrected):
        result = uhc("--db", store_path, "import", "coverage", path, "--period", "2025-06")
        assert result.returncode == 0, result.stderr
    # A: 9.700 / 10.000 = 97%, 9.800 - 9.700 = 100
    assert gap_json(store_path, "kelurahan")[0] == (KEL_A, 10_000, 9_700, 97.0, 100)
    assert history_json(store_path)[:2] == [
        (3, "coverage", "rekap_juni_2025_v2.csv", "current"),
        (2, "coverage", "rekap_juni_2025.csv", "superseded"),
    ]
    result = uhc("--db", store_path, "restore", "2", "--lang", "en")
    assert (result.returncode, result.stdout) == (0, "Batch 2 restored as batch 4.\n")
    assert gap_json(store_path, "kelurahan")[0] == (KEL_A, 10_000, 9_500, 95.0, 300)
    assert history_json(store_path)[:3] == [
        (4, "restore", "rekap_juni_2025.csv", "current"),
        (3, "coverage", "rekap_juni_2025_v2.csv", "superseded"),
        (2, "coverage", "rekap_juni_2025.csv", "restored"),
    ]
    table = uhc("--db", store_path, "history", "--lang", "en").stdout.splitlines()
    assert table[0].split() == ["batch", "kind", "file", "rows", "who", "when", "status", "summary"]
    assert table[1].split()[:3] == ["4", "restore", "rekap_juni_2025.csv"]
    missing = uhc("--db", store_path, "restore", "99")
    assert (missing.returncode, missing.stderr) == (
        2,
        "uhc: Tidak ada batch 99. `python -m uhc history` menampilkan daftar batch.\n",
    )
    missing = uhc("--db", store_path, "restore", "99", "--lang", "en")
    assert missing.stderr == "uhc: There is no batch 99. `python -m uhc history` lists the batches.\n"


def test_cli_population_file_with_its_date(store_path, tmp_path):
    recap = write_csv(tmp_path, "rekap.csv", "Kode Wilayah;Jumlah Peserta;Peserta Aktif\n61.71.01.1002;9.500;8.000\n")
    assert uhc("--db", store_path, "import", "coverage", recap, "--period", "2025-06").returncode == 0
    dkb = write_csv(tmp_path, "dkb_s1_2025.csv", "Kelurahan;Jumlah Penduduk\nBenua Melayu Laut;10.000\n")
    result = uhc("--db", store_path, "import", "population", dkb, "--as-of", "2025-06-30", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "dkb_s1_2025.csv: population figures of Kota Pontianak (61.71), 2025-06-30: 1 row",
        "population as of 2025-06-30: 1 new, 0 changed, 0 removed, 0 unchanged",
    ]
    assert gap_json(store_path, "kelurahan") == [(KEL_A, 10_000, 9_500, 95.0, 300)]
    bad_date = uhc("--db", store_path, "import", "population", dkb, "--as-of", "30-06-2025")
    assert (bad_date.returncode, bad_date.stderr) == (
        2,
        "uhc: --as-of '30-06-2025' is not a date; write it as YYYY-MM-DD, e.g. 2025-06-30\n",
    )


def test_cli_asks_for_the_city_when_the_store_holds_several(store_path, tmp_path):
    assert uhc("--db", store_path, "init", "--city", "36.73").returncode == 0
    csv_file = write_csv(tmp_path, "rekap.csv", JUNE_CSV)
    result = uhc("--db", store_path, "import", "coverage", csv_file, "--period", "2025-06")
    assert (result.returncode, result.stderr) == (
        2,
        "uhc: the store holds several kab/kota (36.73 Kota Serang, 61.71 Kota Pontianak): say which with --city CODE\n",
    )


def test_an_import_killed_inside_its_transaction_leaves_the_store_as_it_was(store_path, tmp_path):
    first = write_csv(tmp_path, "rekap_juni_2025.csv", JUNE_CSV)
    assert uhc("--db", store_path, "import", "coverage", first, "--period", "2025-06").returncode == 0
    with Store.open(store_path, read_only=True) as store:
        before = stored(store)
    corrected = write_csv(
        tmp_path, "v2.csv", JUNE_CSV.replace("9.500;8.000", "9.700;8.000").replace("33.900", "34.100")
    )
    environment = pausing_in_import({key: value for key, value in os.environ.items() if key != "UHC_DB"}, 60)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uhc",
            "--db",
            str(store_path),
            "import",
            "coverage",
            str(corrected),
            "--period",
            "2025-06",
        ],
        cwd=REPO_ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # the new figures are written, the transaction is open: kill the process now
        lines = [process.stderr.readline()]  # warnings first (the file holds a few kelurahan), then the pause
        while lines[-1] not in ("paused inside the import transaction\n", ""):
            lines.append(process.stderr.readline())
        assert lines[-1] == "paused inside the import transaction\n"
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        process.kill()
        process.stderr.close()
    with Store.open(store_path) as store:  # opens fine, for writing too
        for key, frame in stored(store).items():
            assert_frame_equal(frame, before[key])
        assert gap_rows(store, JUNE, "kelurahan")[0] == (KEL_A, 10_000, 9_500, 95.0, 300)
    # and the same import goes through afterwards
    assert uhc("--db", store_path, "import", "coverage", corrected, "--period", "2025-06").returncode == 0
    assert gap_json(store_path, "kelurahan")[0] == (KEL_A, 10_000, 9_700, 97.0, 100)


def test_a_restore_killed_inside_its_transaction_leaves_the_store_as_it_was(store_path, tmp_path):
    first = write_csv(tmp_path, "rekap_juni_2025.csv", JUNE_CSV)
    corrected = write_csv(
        tmp_path, "v2.csv", JUNE_CSV.replace("9.500;8.000", "9.700;8.000").replace("33.900", "34.100")
    )
    for path in (first, corrected):
        assert uhc("--db", store_path, "import", "coverage", path, "--period", "2025-06").returncode == 0
    with Store.open(store_path, read_only=True) as store:
        before = stored(store)
        (first_batch,) = imports.history(store).filter(pl.col("file_name") == "rekap_juni_2025.csv")["batch_id"]
    environment = pausing_in_import({key: value for key, value in os.environ.items() if key != "UHC_DB"}, 60)
    process = subprocess.Popen(
        [sys.executable, "-m", "uhc", "--db", str(store_path), "restore", str(first_batch)],
        cwd=REPO_ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # the first file's figures are in force again, the transaction is open: kill the process now
        assert process.stderr.readline() == "paused inside the import transaction\n"
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        process.kill()
        process.stderr.close()
    with Store.open(store_path) as store:
        for key, frame in stored(store).items():
            assert_frame_equal(frame, before[key])
        assert gap_rows(store, JUNE, "kelurahan")[0] == (KEL_A, 10_000, 9_700, 97.0, 100)
    # and the same restore goes through afterwards: the first file's 9.500 of 10.000 people
    assert uhc("--db", store_path, "restore", str(first_batch)).returncode == 0
    assert gap_json(store_path, "kelurahan")[0] == (KEL_A, 10_000, 9_500, 95.0, 300)


def test_cli_takes_the_month_from_the_title_when_the_file_has_no_month_column(store_path, tmp_path):
    titled = write_csv(tmp_path, "rekap.csv", "REKAP KEPESERTAAN JKN\nPosisi: Juni 2025\n\n" + JUNE_CSV)
    result = uhc("--db", store_path, "import", "coverage", titled, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "rekap.csv: coverage figures of Kota Pontianak (61.71), 2025-06: 3 rows"
    assert [row[2] for row in gap_json(store_path, "kelurahan")] == [9_500, 19_800, 4_600]


def test_a_month_that_leaves_out_kelurahan_of_the_city_is_a_warning(store):
    checked = imports.check(store, parsed_file(JUNE_ROWS), city_code="61.71", period=JUNE)

    (issue,) = (issue for issue in checked.warnings if issue.code == "regions_missing_kelurahan")
    # Pontianak has 29 kelurahan; the file holds 3 of Pontianak Selatan's.
    assert issue.message("id") == (
        "Berkas “rekap_juni_2025.csv”: Juni 2025: 26 dari 29 kelurahan kota ini tidak ada di berkas (Kotabaru, "
        "Akcaya, Paritmayor, Banjar Serasan, Saigon, ...). Angka kecamatan dan kota bulan itu hanya menjumlahkan "
        "kelurahan yang ada, jadi lebih rendah dari sebenarnya sampai kelurahan lainnya diimpor; impor tetap berjalan."
    )
    assert checked.errors == ()


def test_a_kecamatan_row_covers_its_kelurahan_and_a_complete_month_gives_no_such_warning(store):
    kecamatan = store.run("region", scope_code="61.71", level="kecamatan")["kemendagri_code"].to_list()
    rows = [{"region_code": code, "population": 100_000, "registered": 95_000, "active": 80_000} for code in kecamatan]

    checked = imports.check(store, parsed_file(rows), city_code="61.71", period=JUNE)

    assert [issue.code for issue in checked.warnings if issue.code.startswith("regions_missing")] == []


def test_a_recaps_population_for_some_regions_keeps_the_semester_figures_of_the_others(store):
    semester = [
        {"region_code": KEL_A, "population": 10_000},
        {"region_code": KEL_B, "population": 20_000},
        {"region_code": KEL_C, "population": 5_000},
    ]
    imported(store, parsed_file(semester, "dkb_s1_2025.csv", kind="population"), as_of=D(2025, 6, 30))
    # The June recap is dated 30 June too, and gives a population for A only.
    recap = [
        {"region_code": KEL_A, "population": 10_200, "registered": 9_500, "active": 8_000},
        {"region_code": KEL_B, "registered": 19_800, "active": 16_500},
        {"region_code": KEL_C, "registered": 4_600, "active": 3_500},
    ]
    imported(store, parsed_file(recap), period=JUNE)

    # A: 9.500 / 10.200 = 93,1373%, 0,98 x 10.200 = 9.996, 9.996 - 9.500 = 496
    # B and C keep the semester's 20.000 and 5.000: 99% (none needed) and 92% (4.900 - 4.600 = 300)
    assert gap_rows(store, JUNE, "kelurahan") == [
        (KEL_A, 10_200, 9_500, 93.1373, 496),
        (KEL_B, 20_000, 19_800, 99.0, 0),
        (KEL_C, 5_000, 4_600, 92.0, 300),
    ]


def test_population_origin_credits_a_recap_s_population_to_the_recap(store):
    dukcapil = parsed_file(
        [{"region_code": KEL_A, "population": 12_000}], file_name="dkb_s2_2024.csv", kind="population"
    )
    first = imported(store, dukcapil, as_of=D(2024, 12, 31))
    recap = imported(store, parsed_file(JUNE_ROWS), period=JUNE)

    origins = store.run("population_origin", scope_code="61.71")
    assert origins.rows() == [
        (D(2024, 12, 31), False, None, "dkb_s2_2024.csv"),
        (D(2025, 6, 30), True, "rekap_juni_2025.csv", "rekap_juni_2025.csv"),
    ]
    # a restore of the recap (after a Dukcapil file replaced it) is still the recap's population
    semester = [{"region_code": row["region_code"], "population": row["population"] + 100} for row in JUNE_ROWS]
    imported(store, parsed_file(semester, file_name="dkb_s1_2025.csv", kind="population"), as_of=D(2025, 6, 30))
    assert store.run("population_origin", scope_code="61.71").row(1) == (D(2025, 6, 30), False, None, "dkb_s1_2025.csv")
    imports.restore(store, recap.batch_id, user="ana")
    assert store.run("population_origin", scope_code="61.71").row(1) == (
        D(2025, 6, 30),
        True,
        "rekap_juni_2025.csv",
        "rekap_juni_2025.csv",
    )
    assert first.new
