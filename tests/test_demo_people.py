"""`init --demo` builds the demo's synthetic register and BPJS list, imports and matches them.

The expected figures come from the demo's published January 2026 recap (690.277 residents,
683.706 registered) and from what the generator says it planted (people_demo.Planted), not from
the match's output.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from command_line import uhc

from uhc.store import people, people_demo
from uhc.store.db import Store

POPULATION, REGISTERED = 690_277, 683_706  # the demo city, January 2026


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("demo_people") / "demo.duckdb"
    built = uhc("--db", path, "init", "--demo")
    assert built.returncode == 0, built.stderr
    return path, built.stdout


@pytest.fixture(scope="module")
def report(demo: tuple[Path, str]) -> dict:
    path, _ = demo
    result = uhc(
        "--db", path, "match", "--dry-run", "--format", "json", "--key-file", path.parent / "demo-city.key"
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def planted() -> people_demo.Planted:
    return people_demo.demo_people().planted


def test_init_says_what_it_built_and_keeps_the_demo_key_private_beside_the_store(demo, planted):
    path, said = demo
    rows = POPULATION + planted.resident_duplicate_rows
    assert f"{rows:,}".replace(",", ".") + " register rows" in said
    assert "synthetic people" in said
    key_file = path.parent / "demo-city.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    with Store.open(path, read_only=True) as store:
        assert people.personal_rows(store)["residents"] == rows
        runs = store.run("match_run")
    assert runs.select("run_id", "made_by").rows() == [(1, "demo")]


def test_every_resident_is_in_one_of_to_visit_registered_elsewhere_active_or_to_reactivate(report, planted):
    totals = report["totals"]
    assert planted.residents == POPULATION
    assert (
        totals["to_visit"] + totals["registered_elsewhere"] + totals["active"] + totals["to_reactivate"] == POPULATION
    )
    assert totals["died_or_moved"] == 0  # the demo plants no deaths or moves
    # each register row in one resident category: the residents and the 25 repeated rows
    assert report["register_rows"] == POPULATION + planted.resident_duplicate_rows


def test_to_visit_is_the_residents_the_list_does_not_hold(report, planted):
    # Of the 683.706 participants counted in the city, those outside the register are not residents;
    # the residents the list holds under another kab/kota's address are on it too.
    residents_on_list = REGISTERED - planted.participants_not_in_register + planted.registered_elsewhere
    assert report["totals"]["to_visit"] == POPULATION - residents_on_list
    on_list = report["totals"]["registered_elsewhere"] + report["totals"]["active"] + report["totals"]["to_reactivate"]
    assert on_list == residents_on_list


def test_the_planted_mess_is_found_as_planted(report, planted):
    totals = report["totals"]
    assert totals["register_duplicate"] == planted.resident_duplicate_rows == 25
    assert totals["participant_duplicate"] == planted.participant_duplicate_rows == 40
    assert totals["participant_without_nik"] == planted.participants_without_nik == 30
    assert totals["participant_invalid_nik"] == planted.invalid_niks == 36
    assert totals["registered_elsewhere"] == planted.registered_elsewhere == 50
    # Participants outside the register whose NIK was then broken are counted as broken, not here.
    broken = planted.participants_without_nik + planted.invalid_niks
    not_found = totals["participant_not_in_register"]
    assert planted.participants_not_in_register - broken <= not_found <= planted.participants_not_in_register


def test_the_register_agrees_with_the_recap_it_was_drawn_from(report):
    assert report["recap_differences"] == []
