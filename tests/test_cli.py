"""python -m uhc as a user runs it: exit codes, JSON/CSV output and one-line errors."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
import serang_like
import shapely
from command_line import GAP_KEYS, uhc, uhc_command

from uhc.store import demo, national
from uhc.store.db import Store, migrations

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo store built by ``python -m uhc init --demo``, a real process (a smoke test of the entry point)."""
    path = tmp_path_factory.mktemp("cli") / "uhc.duckdb"
    result = uhc_command("--db", path, "init", "--demo", "--no-people")
    assert result.returncode == 0, result.stderr
    assert "1421 kelurahan-month snapshots" in result.stdout  # 29 kelurahan x 49 months
    return path


def gap_json(db: Path, *args: str) -> list[dict]:
    result = uhc("--db", db, "gap", "--format", "json", *args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    rows = json.loads(result.stdout)
    assert [list(row) for row in rows] == [GAP_KEYS] * len(rows)
    return rows


def test_init_demo_builds_a_store(cli_store):
    with Store.open(cli_store, read_only=True) as store:
        assert store.run("region", scope_code="61.71", level="kelurahan").height == 29


def test_gap_json_has_exactly_the_documented_keys(cli_store):
    result = uhc("--db", cli_store, "gap", "--format", "json", "--level", "kelurahan")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 29
    for row in rows:
        assert list(row) == GAP_KEYS


def test_gap_for_the_city_in_june_2025_gives_the_published_figures(cli_store):
    (row,) = gap_json(cli_store, "--level", "kota", "--period", "2025-06")
    # 674.242 / 687.031 = 98,1385%; 540.472 / 674.242 = 80,1599%; 540.472 / 687.031 = 78,6678%
    assert row == {
        "kemendagri_code": "61.71",
        "name": "Kota Pontianak",
        "level": "kota",
        "period": "2025-06",
        "population": 687_031,
        "registered": 674_242,
        "active": 540_472,
        "coverage_pct": pytest.approx(98.1385, abs=1e-4),
        "activity_pct": pytest.approx(80.1599, abs=1e-4),
        "active_coverage_pct": pytest.approx(78.6678, abs=1e-4),
        "target_pct": 98.0,
        "people_needed": 0,
        "annual_cost_idr": 0,
        "uhc_status": "uhc",
        # 0,80 x 674.242 = 539.393,6 -> 539.394 active needed; 540.472 are active: none to activate
        "active_needed": 0,
    }


def test_gap_defaults_to_kecamatan_in_the_latest_month(cli_store):
    rows = gap_json(cli_store)
    assert [row["kemendagri_code"] for row in rows] == [f"61.71.0{n}" for n in range(1, 7)]
    assert {(row["level"], row["period"]) for row in rows} == {("kecamatan", "2026-01")}
    # the six kecamatan add up to the city: 683.706 registered of 690.277 in January 2026
    assert sum(row["registered"] for row in rows) == 683_706
    assert sum(row["population"] for row in rows) == 690_277


@pytest.mark.parametrize(
    ("target", "people_needed", "annual_cost_idr"),
    [
        # February 2025: 599.996 registered of 682.900 (S2 2024).
        # 0,98 x 682.900 = 669.242 exactly; 669.242 - 599.996 = 69.246; x 504.000 = 34.899.984.000
        (None, 69_246, 34_899_984_000),
        # 0,99 x 682.900 = 676.071 exactly; 676.071 - 599.996 = 76.075; x 504.000 = 38.341.800.000
        ("99", 76_075, 38_341_800_000),
        # a comma is a decimal sign too: 0,985 x 682.900 = 672.656,5 -> 672.657; - 599.996 = 72.661;
        # x 504.000 = 36.621.144.000
        ("98,5", 72_661, 36_621_144_000),
    ],
)
def test_target_changes_people_needed(cli_store, target, people_needed, annual_cost_idr):
    args = ["--level", "kota", "--period", "2025-02"] + (["--target", target] if target else [])
    (row,) = gap_json(cli_store, *args)
    assert (row["people_needed"], row["annual_cost_idr"]) == (people_needed, annual_cost_idr)


def test_gap_csv(cli_store):
    result = uhc("--db", cli_store, "gap", "--format", "csv", "--level", "kota", "--period", "2026-01")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "kemendagri_code,name,level,period,population,registered,active,coverage_pct,activity_pct,"
        "active_coverage_pct,target_pct,people_needed,annual_cost_idr,uhc_status,active_needed"
    )
    (row,) = csv.DictReader(io.StringIO(result.stdout))
    # 683.706 / 690.277 = 99,048%
    assert (row["kemendagri_code"], row["period"], row["registered"], row["population"]) == (
        "61.71",
        "2026-01",
        "683706",
        "690277",
    )
    assert float(row["coverage_pct"]) == pytest.approx(99.048, abs=1e-3)


@pytest.mark.parametrize(
    ("language", "fragments"),
    [
        ("id", ["Juni 2025", "687.031", "674.242", "98,14%", "80,16%", "UHC"]),
        ("en", ["June 2025", "687,031", "674,242", "98.14%", "80.16%", "UHC"]),
    ],
)
def test_gap_table_in_both_languages(cli_store, language, fragments):
    result = uhc("--db", cli_store, "gap", "--level", "kota", "--period", "2025-06", "--lang", language)
    assert result.returncode == 0, result.stderr
    for fragment in fragments:
        assert fragment in result.stdout


def assert_one_line_error(result: subprocess.CompletedProcess, *fragments: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["gap", "--period", "2025-13"], ["'2025-13' is not a month", "YYYY-MM"]),
        (["gap", "--period", "juni"], ["'juni' is not a month", "YYYY-MM"]),
        (["gap", "--period", ""], ["'' is not a month", "YYYY-MM"]),
        (["gap", "--period", "2021-12"], ["2021-12", "2022-01", "2026-01"]),
        (["gap", "--level", "desa"], ["--level", "desa"]),
        (["gap", "--city", "61.99"], ["61.99", "61.71 Kota Pontianak"]),
        (["gap", "--city", "Pontinak"], ["Pontinak", "61.71 Kota Pontianak"]),
        (["gap", "--city", "61.71.04"], ["61.71.04 is a kecamatan"]),
        (["gap", "--target", "150"], ["--target", "150"]),
        (["gap", "--format", "xml"], ["--format", "xml"]),
        (["init"], ["--demo", "--city"]),
    ],
)
def test_bad_input_exits_2_with_one_line(cli_store, args, fragments):
    assert_one_line_error(uhc("--db", cli_store, *args), *fragments)


def test_unknown_command_points_to_the_top_level_help(cli_store):
    result = uhc_command("--db", cli_store, "bogus")  # argparse's exit status, as a shell sees it
    assert_one_line_error(result, "bogus", "`python -m uhc --help`")


def test_gap_on_a_missing_store_says_how_to_make_one(tmp_path):
    path = tmp_path / "missing.duckdb"
    assert_one_line_error(uhc("--db", path, "gap"), "init --demo")
    assert not path.exists()


def test_init_city_on_a_fresh_store(tmp_path):
    path = tmp_path / "city.duckdb"
    result = uhc("--db", path, "init", "--city", "61.71")
    assert result.returncode == 0, result.stderr
    assert "6 kecamatan, 29 kelurahan, 1 kota, 1 provinsi" in result.stdout
    with Store.open(path, read_only=True) as store:
        assert store.run("region", scope_code="", level=None).height == 37
    # the tree alone has no coverage to show yet
    assert_one_line_error(uhc("--db", path, "gap", "--lang", "en"), "no coverage data")
    # and in the language asked for (Bahasa Indonesia by default)
    assert_one_line_error(uhc("--db", path, "gap"), "Penyimpanan data belum berisi data cakupan")


def test_migrate_reports_the_schema_version(cli_store):
    result = uhc("--db", cli_store, "migrate")
    assert result.returncode == 0, result.stderr
    assert f"schema version {len(migrations())} (up to date)" in result.stdout


def test_migrate_gives_a_demo_store_of_an_older_version_the_real_boundaries(demo_store_path, tmp_path):
    path = tmp_path / "old_demo.duckdb"
    shutil.copy(demo_store_path, path)
    with Store.open(path) as store, store.transaction():
        # as an older version left it: the demo's map a schematic cell per region
        for level in ("kecamatan", "kelurahan"):
            store.execute("delete_region_geometry", scope_code="61.71", level=level, schematic_only=False)
        cell = {"geometry_wkb": shapely.to_wkb(shapely.box(109.3, -0.05, 109.31, -0.04)), "schematic": True}
        store.insert("region_geometry", pl.DataFrame([{"kemendagri_code": "61.71.04", **cell, "source": "old"}]))

    result = uhc("--db", path, "migrate")

    assert result.returncode == 0, result.stderr
    assert "the demo city's schematic map replaced by the real boundaries of Kota Pontianak" in result.stdout
    with Store.open(path, read_only=True) as store:
        for level, count in (("kecamatan", 6), ("kelurahan", 29)):
            rows = store.run("region_geometry", scope_code="61.71", level=level)
            assert (rows.height, rows["schematic"].any(), set(rows["source"])) == (count, False, {demo.SOURCE_GEOMETRY})
    assert "replaced" not in uhc("--db", path, "migrate").stdout  # once only


def test_output_cut_short_by_a_pipe_is_not_an_error(tmp_path):
    # Banten's 1.500-odd kelurahan/desa as a table, far more than a pipe holds: `head` leaves after two
    # lines while the command is still writing.
    path = tmp_path / "banten.duckdb"
    with Store.open(path) as store:
        national.add_national_synthetic(store, months=1, last_month=dt.date(2025, 12, 1), province_codes=["36"])
    done = subprocess.run(
        f"{sys.executable} -m uhc --db {path} gap --level kelurahan | head -2",
        shell=True,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )

    assert done.stdout.splitlines()[0] == "Desember 2025 · target 98%"
    assert len(done.stdout.splitlines()) == 2
    assert done.stderr == ""


@pytest.fixture(scope="module")
def serang_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-made Kota Serang-like store of tests/serang_like.py: 99,19% coverage, 73,70% keaktifan."""
    return serang_like.serang_like_store(tmp_path_factory.mktemp("serang"))


def test_gap_json_names_the_participants_to_activate_of_an_enrolled_city(serang_store):
    (city,) = gap_json(serang_store, "--level", "kota")
    # tests/serang_like.py: 0,80 x 99.190 = 79.352 active needed, 79.352 - 73.103 = 6.249
    assert (city["coverage_pct"], city["people_needed"], city["uhc_status"]) == (pytest.approx(99.19), 0, "not_uhc")
    assert city["activity_pct"] == pytest.approx(73.7, abs=0.005)
    assert city["active_needed"] == serang_like.CITY_ACTIVE_NEEDED == 6_249

    kecamatan = gap_json(serang_store)
    assert {row["kemendagri_code"]: row["active_needed"] for row in kecamatan} == serang_like.ACTIVE_NEEDED
    assert {row["people_needed"] for row in kecamatan} == {0}  # every kecamatan is above 98%


def test_gap_csv_carries_active_needed_after_the_earlier_columns(serang_store):
    result = uhc("--db", serang_store, "gap", "--format", "csv", "--level", "kota")
    assert result.returncode == 0, result.stderr
    header, line = result.stdout.splitlines()
    assert header.endswith(",people_needed,annual_cost_idr,uhc_status,active_needed")
    assert line.endswith(",0,0,not_uhc,6249")


@pytest.mark.parametrize(
    ("language", "lines"),
    [
        (
            "id",
            [
                "Belum UHC: cakupan 99,19% (syarat ≥ 98%), keaktifan 73,70% (syarat ≥ 80%). Penduduk sudah "
                "terdaftar; yang kurang untuk status UHC adalah 6.249 peserta aktif.",
                "Ke target cakupan 98%: 0 penduduk perlu didaftarkan. Syarat UHC (cakupan ≥ 98%, keaktifan ≥ 80%) "
                "dihitung terpisah: cakupan sudah memenuhi; keaktifan kurang 6.249 peserta aktif (peserta non-aktif "
                "yang perlu diaktifkan kembali).",
            ],
        ),
        (
            "en",
            [
                "Not UHC yet: coverage 99.19% (needs ≥ 98%), activity 73.70% (needs ≥ 80%). Residents are enrolled; "
                "what UHC status lacks is 6,249 active participants.",
                "To the 98% coverage target: 0 residents to enrol. The UHC criteria (coverage ≥ 98%, activity ≥ 80%) "
                "are counted apart: coverage is met; activity is 6,249 active participants short (non-active "
                "participants to reactivate).",
            ],
        ),
    ],
)
def test_gap_table_of_the_city_says_which_shortfall_is_which(serang_store, language, lines):
    result = uhc("--db", serang_store, "gap", "--level", "kota", "--lang", language)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-2:] == lines


def test_gap_table_of_kecamatan_explains_its_two_shortfall_columns(serang_store):
    result = uhc("--db", serang_store, "gap", "--lang", "id")
    assert result.returncode == 0, result.stderr
    table = result.stdout.splitlines()
    assert table[1].endswith("Status UHC  Perlu diaktifkan")
    serang = next(line for line in table if line.startswith("Serang "))
    # "Belum UHC" left-aligned in "Status UHC" (10 wide), two spaces, 1.920 right-aligned under its heading
    assert serang.endswith("Belum UHC".ljust(10) + "  " + "1.920".rjust(len("Perlu diaktifkan")))
    assert table[-1].startswith("Perlu didaftarkan: penduduk yang belum terdaftar, sampai target cakupan 98%.")
