"""Targets before 2020 (issue 10, item 9): 95% from 2015 (RPJMN 2015-2019), 98% from 2020, and
in 2014, JKN's first year, no target: every output says so in words and how to give one."""

from __future__ import annotations

import datetime as dt
import json

import duckdb
import polars as pl
import pytest
from command_line import uhc

from uhc import i18n
from uhc.core import gap, planner, summary
from uhc.output import briefing, report
from uhc.store.db import Store, migrations

D = dt.date
CITY = "61.71"
# Migration 6 dated the 2015-2019 target; later migrations run after it on an upgrade.
TARGETS_MIGRATION = 6
KELURAHAN = "61.71.01.1002"

REGIONS = pl.DataFrame(
    {
        "kemendagri_code": ["61", CITY, "61.71.01", KELURAHAN],
        "name": ["Kalimantan Barat", "Kota Pontianak", "Pontianak Selatan", "Benuamelayu Laut"],
        "level": ["provinsi", "kota", "kecamatan", "kelurahan"],
        "region_type": ["provinsi", "kota", "kecamatan", "kelurahan"],
        "parent_code": [None, "61", CITY, "61.71.01"],
    }
)
# Hand-made figures for one kelurahan in June 2014, June 2016 and June 2025.
SNAPSHOTS = pl.DataFrame(
    {
        "kemendagri_code": [KELURAHAN] * 3,
        "period": [D(2014, 6, 1), D(2016, 6, 1), D(2025, 6, 1)],
        "registered": [100_000, 150_003, 240_100],
        "active": [80_000, 120_000, 200_000],
        "source": ["rekap Juni 2014", "rekap Juni 2016", "rekap Juni 2025"],
    }
)
# Each month takes the latest semester on or before its last day: S2 2013, S2 2015, S2 2024.
POPULATION = pl.DataFrame(
    {
        "kemendagri_code": [KELURAHAN] * 3,
        "as_of": [D(2013, 12, 31), D(2015, 12, 31), D(2024, 12, 31)],
        "population": [200_000, 213_457, 250_000],
        "source": ["Dukcapil S2 2013", "Dukcapil S2 2015", "Dukcapil S2 2024"],
    }
)


def fill(store: Store) -> None:
    store.insert("region", REGIONS)
    store.insert("coverage_snapshot", SNAPSHOTS)
    store.insert("population", POPULATION)


@pytest.fixture
def history_store(tmp_path) -> Store:
    with Store.open(tmp_path / "history.duckdb") as store:
        fill(store)
        yield store


@pytest.mark.parametrize("level", ["kota", "kecamatan", "kelurahan"])
@pytest.mark.parametrize(
    ("period", "target_pct", "target_basis", "people_needed", "annual_cost_idr"),
    [
        # 2014: before the RPJMN 2015-2019, no target in force
        (D(2014, 6, 1), None, "none_in_force", None, None),
        # 95% x 213.457 = 202.784,15 -> 202.785 people; 202.785 - 150.003 = 52.782. No iuran is
        # stored before August 2019, so no cost.
        (D(2016, 6, 1), 95.0, "dated", 52_782, None),
        # 98% x 250.000 = 245.000; 245.000 - 240.100 = 4.900; 4.900 x Rp42.000 x 12 = Rp2.469.600.000
        (D(2025, 6, 1), 98.0, "dated", 4_900, 2_469_600_000),
    ],
)
def test_the_target_in_force_each_month(
    history_store, level, period, target_pct, target_basis, people_needed, annual_cost_idr
):
    row = gap.gap_for_period(history_store, period, level, CITY).row(0, named=True)
    assert (row["target_pct"], row["target_basis"], row["people_needed"], row["annual_cost_idr"]) == (
        target_pct,
        target_basis,
        people_needed,
        annual_cost_idr,
    )


def test_a_target_given_fills_2014(history_store):
    # --target 95 in June 2014: 95% x 200.000 = 190.000; 190.000 - 100.000 = 90.000
    row = gap.gap_for_period(history_store, D(2014, 6, 1), "kota", CITY, 95.0).row(0, named=True)
    assert (row["target_pct"], row["target_basis"], row["people_needed"]) == (95.0, "given", 90_000)


def test_the_2015_target_is_stored_with_its_source(history_store):
    targets = history_store.run("coverage_target")
    assert targets["valid_from"].to_list() == [D(2015, 1, 1), D(2020, 1, 1)]
    assert targets["target_pct"].to_list() == [95.0, 98.0]
    assert "RPJMN 2015-2019" in targets["source"][0] and "Perpres 2/2015" in targets["source"][0]


NO_TARGET = {
    "id": {
        "month": "Juni 2014",
        "card": "Tanpa target",
        "cell": "tanpa target",
        "box": "kotak Target cakupan pada halaman Kesenjangan & Anggaran",
    },
    "en": {
        "month": "June 2014",
        "card": "No target",
        "cell": "no target",
        "box": "Coverage target box on the Gap & budget page",
    },
}


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_overview_says_no_target_was_in_force_in_2014(history_store, language):
    words = NO_TARGET[language]
    row = gap.gap_for_period(history_store, D(2014, 6, 1), "kota", CITY).row(0, named=True)
    sentence = summary.no_target_sentence(row, language)
    assert words["month"] in sentence and "--target" in sentence and words["box"] in sentence
    assert "2015" in sentence and "95%" in sentence  # since when a target is in force
    cards = {kpi.key: kpi for kpi in summary.kpis(row, language)}
    for key in ("people_needed", "annual_cost"):
        assert (cards[key].value, cards[key].help) == (words["card"], sentence)
    assert summary.projection_sentence(row, language) == i18n.text("projection_no_target", language)
    assert "--target" in summary.projection_sentence(row, language)
    table = summary.gap_table(gap.gap_for_period(history_store, D(2014, 6, 1), "kecamatan", CITY), language)
    people = table[i18n.text("col_people_needed", language)].to_list()
    cost = table[i18n.text("col_annual_cost", language)].to_list()
    assert (people, cost) == ([words["cell"]], [words["cell"]])
    assert summary.target_text(row, language) == i18n.text("target_none_in_force", language)


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_planner_says_no_target_was_in_force_and_which_it_uses(history_store, language):
    words = NO_TARGET[language]
    dated = gap.gap_for_period(history_store, D(2014, 6, 1), "kota", CITY).row(0, named=True)
    # the need at the dated target (the briefing's sentence): none in force, how to give one
    at_dated = planner.Scenario(iuran_idr_per_month=42_000)
    plan = planner.city_plan(dated, pl.DataFrame({"budget_status": [], "people_needed": []}), at_dated)
    need = planner.need_sentence(dated, plan, at_dated, "Kota Pontianak", language)
    assert need == summary.no_target_sentence(dated, language)
    # the page's scenario at 98%: a note says no target was in force and that 98% is the box's choice
    chosen = planner.Scenario(iuran_idr_per_month=42_000, target_pct=98.0)
    note = planner.target_note(dated, chosen, language)
    assert words["month"] in note and "98%" in note
    assert planner.target_note(dated | {"target_basis": "dated"}, chosen, language) is None


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_briefing_says_no_target_was_in_force(history_store, language):
    city_month = report.load(history_store, CITY, D(2014, 6, 1))
    brief = briefing.briefing(city_month, language, dt.datetime(2026, 1, 5, 9, 0))
    sentence = summary.no_target_sentence(city_month.city, language)
    assert brief.need == sentence
    assert brief.projection == i18n.text("projection_no_target", language)
    assert sentence in brief.lagging_heading  # never "every kecamatan has reached the – target"
    assert i18n.text("target_none_in_force", language) in brief.sources[2]


@pytest.fixture
def history_file(tmp_path):
    path = tmp_path / "history.duckdb"
    with Store.open(path) as store:
        fill(store)
    return path


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_gap_table_in_2014_says_why_and_how(history_file, language):
    result = uhc("--db", history_file, "gap", "--period", "2014-06", "--level", "kota", "--lang", language)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    words = NO_TARGET[language]
    assert lines[0] == i18n.text("gap_title_no_target", language, month=words["month"])
    assert words["cell"] in lines[2]  # the city's row: no target where people and cost would be
    assert lines[-1] == i18n.text("no_target_in_force", language, month=words["month"])
    assert i18n.MISSING not in lines[2]  # no bare dash on the row


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_gap_json_and_csv_in_2014_keep_their_keys_and_say_why_on_stderr(history_file, language):
    words = NO_TARGET[language]
    reason = f"uhc: {i18n.text('no_target_in_force', language, month=words['month'])}\n"
    result = uhc(
        "--db", history_file, "gap", "--period", "2014-06", "--level", "kota", "--format", "json", "--lang", language
    )
    assert result.returncode == 0, result.stderr
    (row,) = json.loads(result.stdout)
    assert (row["target_pct"], row["people_needed"], row["annual_cost_idr"]) == (None, None, None)
    assert row["registered"] == 100_000 and row["population"] == 200_000
    assert result.stderr == reason
    result = uhc(
        "--db", history_file, "gap", "--period", "2014-06", "--level", "kota", "--format", "csv", "--lang", language
    )
    assert result.returncode == 0 and result.stderr == reason
    assert result.stdout.splitlines()[1].split(",")[10:13] == ["", "", ""]  # target_pct, people_needed, cost


def test_gap_json_in_2016_has_the_rpjmn_target(history_file):
    result = uhc("--db", history_file, "gap", "--period", "2016-06", "--level", "kota", "--format", "json")
    assert result.returncode == 0 and result.stderr == ""
    (row,) = json.loads(result.stdout)
    # 95% x 213.457 = 202.784,15 -> 202.785; - 150.003 = 52.782
    assert (row["target_pct"], row["people_needed"]) == (95.0, 52_782)


def test_an_old_store_upgraded_in_place_keeps_its_rows_and_gains_the_2015_target(tmp_path):
    path = tmp_path / "old.duckdb"
    last = len(migrations())
    with Store.open(path, migrate=False) as old:
        old.migrate(to_version=TARGETS_MIGRATION - 1)  # the store as it was before migration 6
        fill(old)
        assert old.run("coverage_target")["valid_from"].to_list() == [D(2020, 1, 1)]
    with duckdb.connect(str(path), read_only=True) as con:
        before = {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in ("region", "population")}
        before["coverage_snapshot"] = con.execute("SELECT * FROM coverage_snapshot ORDER BY ALL").fetchall()
    result = uhc("--db", path, "migrate")
    assert result.returncode == 0, result.stderr
    assert f"schema version {last} (applied {list(range(TARGETS_MIGRATION, last + 1))})" in result.stdout
    with duckdb.connect(str(path), read_only=True) as con:
        for name, rows in before.items():
            assert con.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall() == rows
        assert con.execute("SELECT valid_from, target_pct FROM coverage_target ORDER BY valid_from").fetchall() == [
            (D(2015, 1, 1), 95.0),
            (D(2020, 1, 1), 98.0),
        ]
    with Store.open(path, read_only=True) as upgraded:
        row = gap.gap_for_period(upgraded, D(2016, 6, 1), "kota", CITY).row(0, named=True)
        assert (row["target_pct"], row["people_needed"]) == (95.0, 52_782)


def test_a_store_that_already_dated_a_2015_target_keeps_its_own(tmp_path):
    path = tmp_path / "own.duckdb"
    with Store.open(path, migrate=False) as old:
        old.migrate(to_version=TARGETS_MIGRATION - 1)
        old.insert(
            "coverage_target",
            pl.DataFrame({"valid_from": [D(2015, 1, 1)], "target_pct": [90.0], "source": ["Perda Kota 2015"]}),
        )
        assert old.migrate() == list(range(TARGETS_MIGRATION, len(migrations()) + 1))
        assert old.run("coverage_target")["target_pct"].to_list() == [90.0, 98.0]
