"""python -m uhc match and register purge: ten synthetic residents against a BPJS list, end to end.

Every person is synthetic (NIKs of kecamatan 61.71.01 of Kota Pontianak, DDMMYY with day + 40 for
women). The categories expected below are worked out by hand from the rows, one comment each.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from command_line import CLEARED, EDITOR, EDITOR_PASSWORD, REPO_ROOT, add_editor, uhc, uhc_as_editor

from uhc.store import keys, seed
from uhc.store.db import Store

KK_A, KK_B, KK_C, KK_D, KK_E = (f"617101010120000{i}" for i in range(1, 6))
REGISTER = [
    # NIK, KK, name, sex, birth date, address, RT, RW, kelurahan, status
    # R1 on the list, active PBI APBN -> active
    ("6171011708850001", KK_A, "Ahmad Fauzi", "L", "17-08-1985", "Jl. Merdeka 1", "001", "001", "61.71.01.1002", ""),
    # R2 on the list, non-active PBPU Pemda -> to_reactivate (pbi_apbd)
    ("6171016103900002", KK_A, "Siti Aminah", "P", "21-03-1990", "Jl. Merdeka 1", "001", "001", "61.71.01.1002", ""),
    # R3 not on the list -> to_visit
    ("6171010201000003", KK_B, "Budi Santoso", "L", "02-01-2000", "Jl. Merdeka 9", "002", "001", "61.71.01.1002", ""),
    # R4 on the list, active, address in Kab. Kubu Raya -> registered_elsewhere (only: not active here)
    ("6171014505950004", KK_C, "Dewi Lestari", "P", "05-05-1995", "Jl. Kenari 3", "001", "002", "61.71.01.1003", ""),
    # R5 a 15-digit NIK; the list has her without NIK, same name, birth date, sex and kelurahan:
    # matched by identity, non-active BP -> to_reactivate (bp) and register_invalid_nik
    ("617101450599000", KK_C, "Rina Wati", "P", "05-05-1999", "Jl. Kenari 3", "001", "002", "61.71.01.1003", ""),
    # R6 died (still active on the list) -> died_or_moved only
    ("6171010303880006", KK_D, "Eko Prasetyo", "L", "03-03-1988", "Jl. Nuri 2", "003", "001", "61.71.01.1004",
     "MENINGGAL"),
    # R7 not on the list -> to_visit; typed twice: the second row is register_duplicate
    ("6171011010800007", KK_D, "Hendra Gunawan", "L", "10-10-1980", "Jl. Nuri 2", "003", "001", "61.71.01.1004", ""),
    ("6171011010800007", KK_D, "Hendra Gunawan", "L", "10-10-1980", "Jl. Nuri 2", "003", "001", "61.71.01.1004", ""),
    # R8 not on the list by NIK; "Juni Kartika" without NIK, same birth date and kelurahan, is a
    # close name (token_sort_ratio 91,7 >= 88) -> to_visit and to_check, never matched
    ("6171015506920008", KK_E, "Yuni Kartika", "P", "15-06-1992", "Jl. Elang 5", "001", "003", "61.71.01.1004", ""),
    # R9 on the list twice by NIK, active PPU -> active (the list's second row is participant_duplicate)
    ("6171012512700009", KK_B, "Joko Susilo", "L", "25-12-1970", "Jl. Merdeka 9", "002", "001", "61.71.01.1002", ""),
]  # fmt: skip
LIST = [
    # NIK, card, name, birth date, sex, segment, status, address
    ("6171011708850001", "0001000000001", "Ahmad Fauzi", "17-08-1985", "L", "PBI APBN", "AKTIF", "61.71.01.1002"),
    ("6171016103900002", "0001000000002", "Siti Aminah", "21-03-1990", "P", "PBPU Pemda", "NON AKTIF",
     "61.71.01.1002"),
    ("6171014505950004", "0001000000004", "Dewi Lestari", "05-05-1995", "P", "PBPU", "AKTIF", "61.12.01.2001"),
    # without NIK -> participant_without_nik (matched to R5 by identity)
    ("", "0001000000005", "Rina Wati", "05-05-1999", "P", "BP", "NON AKTIF", "61.71.01.1003"),
    ("6171010303880006", "0001000000006", "Eko Prasetyo", "03-03-1988", "L", "PBI APBN", "AKTIF", "61.71.01.1004"),
    # without NIK -> participant_without_nik and to_check (against R8)
    ("", "0001000000008", "Juni Kartika", "15-06-1992", "P", "PBPU", "AKTIF", "61.71.01.1004"),
    ("6171012512700009", "0001000000009", "Joko Susilo", "25-12-1970", "L", "PPU", "AKTIF", "61.71.01.1002"),
    # the same NIK and card again -> participant_duplicate
    ("6171012512700009", "0001000000009", "Joko Susilo", "25-12-1970", "L", "PPU", "AKTIF", "61.71.01.1002"),
    # a valid NIK nobody in the register has, address in the city -> participant_not_in_register
    ("6171010101010010", "0001000000010", "Agus Salim", "01-01-2001", "L", "PBPU", "AKTIF", "61.71.01.1002"),
    # a NIK Excel turned into 6.17101E+15 -> participant_invalid_nik
    ("6.17101E+15", "0001000000011", "Wawan Setiawan", "", "L", "PPU", "AKTIF", "61.71.01.1002"),
]  # fmt: skip
EXPECTED_TOTALS = {
    "to_visit": 3,  # R3, R7, R8
    "to_reactivate": 2,  # R2, R5
    "registered_elsewhere": 1,  # R4
    "active": 2,  # R1, R9
    "to_check": 1,  # R8 (paired with Juni Kartika: one resident to check)
    "died_or_moved": 1,  # R6
    "register_duplicate": 1,  # R7's second row
    "register_invalid_nik": 1,  # R5
    "participant_duplicate": 1,  # Joko Susilo's second row
    "participant_without_nik": 2,  # Rina Wati, Juni Kartika
    "participant_invalid_nik": 1,  # Wawan Setiawan
    "participant_not_in_register": 1,  # Agus Salim
}


@pytest.fixture
def city(tmp_path: Path) -> tuple[Path, Path]:
    """A store of Kota Pontianak's regions with an editor, the register and the list imported."""
    db = tmp_path / "uhc.duckdb"
    with Store.open(db) as store:
        seed.add_city(store, "61.71")
    add_editor(db)
    key_file = tmp_path / "keys" / "city.key"
    keys.create_key_file(key_file)
    register = tmp_path / "register.csv"
    register.write_text(
        "NIK;NO KK;NAMA;JENIS KELAMIN;TGL LAHIR;ALAMAT;RT;RW;KELURAHAN;STATUS\n"
        + "\n".join(";".join(row) for row in REGISTER)
        + "\n",
        encoding="utf-8",
    )
    listed = tmp_path / "peserta.csv"
    listed.write_text(
        "NIK;NO KARTU;NAMA;TGL LAHIR;JK;SEGMEN;STATUS;KODE KELURAHAN\n"
        + "\n".join(";".join(row) for row in LIST)
        + "\n",
        encoding="utf-8",
    )
    for command, path in (("register", register), ("participants", listed)):
        done = uhc_as_editor("--db", db, command, "import", path, "--key-file", key_file)
        assert done.returncode == 0, done.stderr
    return db, key_file


def rows(db: Path, sql: str) -> list[tuple]:
    import duckdb  # the test reads the store as any program could

    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_every_category_is_counted_as_worked_out_by_hand(city):
    db, key_file = city
    done = uhc("--db", db, "match", "--dry-run", "--format", "json", "--key-file", key_file)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["totals"] == EXPECTED_TOTALS
    # every register row in one resident category: 3 + 2 + 1 + 2 + 1 + 1 = the 10 rows
    assert report["register_rows"] == 10 == len(REGISTER)
    assert (report["register_batch"], report["participant_batch"]) == (2, 3)  # batch 1 is the gazetteer
    areas = pl.DataFrame(report["areas"]).filter(pl.col("kemendagri_code") == "61.71.01.1002")
    by_category = {(row["category"], row["segment"]): row["persons"] for row in areas.iter_rows(named=True)}
    # Kelurahan 61.71.01.1002: R1 active PBI APBN, R9 active PPU, R2 to reactivate PBPU Pemda, R3 to
    # visit; on the list Joko's second row, Agus Salim and Wawan Setiawan have their address there.
    assert by_category == {
        ("to_visit", None): 1,
        ("to_reactivate", "pbi_apbd"): 1,
        ("active", "pbi_apbn"): 1,
        ("active", "ppu"): 1,
        ("participant_duplicate", "ppu"): 1,
        ("participant_invalid_nik", "ppu"): 1,
        ("participant_not_in_register", "pbpu"): 1,
    }
    assert report["recap_differences"] == []  # the store holds no recap to compare with
    assert rows(db, "SELECT count(*) FROM match_run") == [(0,)]  # a dry run stores nothing


def test_the_counts_per_rt_name_families(city):
    db, key_file = city
    done = uhc("--db", db, "match", "--dry-run", "--format", "json", "--level", "rt", "--key-file", key_file)
    areas = pl.DataFrame(json.loads(done.stdout)["areas"])
    rt = areas.filter(
        (pl.col("kemendagri_code") == "61.71.01.1004") & (pl.col("rw") == "001") & (pl.col("rt") == "003")
    )
    # RW 001 RT 003 of 61.71.01.1004: R6 died, R7 to visit, R7's copy a duplicate, all of KK D
    assert sorted((r["category"], r["persons"], r["families"]) for r in rt.iter_rows(named=True)) == [
        ("died_or_moved", 1, 1),
        ("register_duplicate", 1, 1),
        ("to_visit", 1, 1),
    ]


def test_a_match_is_stored_by_an_editor_in_one_run_and_purge_keeps_only_the_counts(city):
    db, key_file = city
    refused = uhc("--db", db, "match", "--key-file", key_file)
    assert refused.returncode == 2
    assert "--user" in refused.stderr
    assert rows(db, "SELECT count(*) FROM match_run") == [(0,)]
    done = uhc_as_editor("--db", db, "match", "--key-file", key_file, "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "The match was saved as run 1."
    # one row per person and category: 3+2+1+2+2+1+1+1+1+2+1+1 = 18 (to_check: R8 and Juni Kartika)
    assert rows(db, "SELECT count(*) FROM match_person WHERE run_id = 1") == [(18,)]
    # the counts take to_check once per resident: 18 - 1 = 17, as the report's totals (their sum is 17)
    assert (
        rows(db, "SELECT sum(persons) FROM match_count WHERE run_id = 1")
        == [(17,)]
        == [(sum(EXPECTED_TOTALS.values()),)]
    )
    assert rows(db, "SELECT category, sum(persons) FROM match_count GROUP BY ALL ORDER BY ALL")[0] == ("active", 2)

    not_confirmed = uhc_as_editor("--db", db, "register", "purge", "--lang", "en")
    assert not_confirmed.returncode == 2
    assert "--yes" in not_confirmed.stderr
    purged = uhc_as_editor("--db", db, "register", "purge", "--yes", "--lang", "en")
    assert purged.returncode == 0, purged.stderr
    # 10 register rows, 10 list rows, no programme list
    assert purged.stdout.strip().startswith("Personal data deleted: 10 residents, 10 participants, 0 programme")
    assert rows(db, "SELECT (SELECT count(*) FROM resident), (SELECT count(*) FROM participant), "
                    "(SELECT count(*) FROM match_person)") == [(0, 0, 0)]  # fmt: skip
    assert rows(db, "SELECT sum(persons) FROM match_count WHERE run_id = 1") == [(17,)]
    assert rows(db, "SELECT purged_at IS NOT NULL FROM match_run") == [(True,)]
    # Matching the purged batches again would report zeros as if no one were on either list: refused.
    (purged_on,) = rows(db, "SELECT happened_at FROM list_audit WHERE action = 'purge'")[0]
    day = f"{purged_on.day} {purged_on:%b %Y %H:%M}"  # as i18n.moment writes it in English: 7 Dec 2026 14:05
    again = uhc("--db", db, "match", "--dry-run", "--key-file", key_file, "--lang", "en")
    assert (again.returncode, again.stdout) == (2, "")
    assert again.stderr == (
        f"uhc: The personal rows of import 2 were purged on {day} (`register purge`): there is nothing left to "
        "match. Import the register and the participant list again for a new campaign.\n"
    )
    history = uhc("--db", db, "match", "--history", "--lang", "en")
    assert history.returncode == 0, history.stderr
    (line,) = history.stdout.splitlines()
    assert line.startswith("Run 1: register import 2, list import 3, by editor, ")
    assert line.endswith(f"; personal rows purged {day} (the counts per area are kept)")
    imports = json.loads(uhc("--db", db, "history", "--format", "json").stdout)
    # batch 1 the gazetteer, 2 the register, 3 the list: the two lists of people are purged
    assert [(b["batch_id"], b["status"]) for b in imports] == [(3, "purged"), (2, "purged"), (1, None)]
    audit = rows(db, "SELECT user_name, action, persons, detail FROM list_audit ORDER BY happened_at, action")
    assert audit == [
        ("editor", "register import", 10, "register.csv"),
        ("editor", "participants import", 10, "peserta.csv"),
        ("editor", "match", 18, "register 2, list 3"),
        ("editor", "purge", 38, None),  # 10 + 10 + 0 + 18 personal rows
    ]


def test_another_key_is_refused_and_nothing_is_stored(city, tmp_path):
    db, _ = city
    other = tmp_path / "other.key"
    keys.create_key_file(other)
    done = uhc_as_editor("--db", db, "match", "--key-file", other, "--lang", "en")
    assert done.returncode == 2
    assert "city key" in done.stderr
    assert rows(db, "SELECT count(*) FROM match_run") == [(0,)]


def test_the_text_report_per_rt_names_rw_and_rt(city):
    db, key_file = city
    done = uhc("--db", db, "match", "--dry-run", "--level", "rt", "--key-file", key_file, "--lang", "id")
    assert done.returncode == 0, done.stderr
    # R3 Budi Santoso, RT 002 RW 001 of kelurahan 61.71.01.1002, is its one resident to visit.
    lines = [line for line in done.stdout.splitlines() if "RW 001 RT 002" in line and "61.71.01.1002" in line]
    assert len(lines) >= 1 and any(line.endswith(" 1") for line in lines), done.stdout


def test_the_text_report_gives_the_register_rows_their_categories_and_the_notes_apart(city):
    db, key_file = city
    done = uhc("--db", db, "match", "--dry-run", "--key-file", key_file, "--lang", "en")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    start = lines.index("Resident register: 10 rows, each in exactly one category:")
    # 3 to visit + 2 to reactivate + 1 elsewhere + 2 active + 1 died + 1 duplicate = 10
    assert [line.rsplit(": ", 1)[1] for line in lines[start + 1 : start + 7]] == ["3", "2", "1", "2", "1", "1"]
    assert lines[start + 7] == "Notes on register rows (besides their category):"
    assert lines[start + 8] == "  To check (a close name on the list, not a match): 1"
    # an area's line: place, short label (segment), count
    assert "  61.71.01.1004 Parittokaya: To visit (not on the BPJS list): 2" in lines


def test_verify_counts_recipients_funded_elsewhere_themselves_and_not_their_families_other_aid(city, tmp_path):
    db, key_file = city
    apbd = tmp_path / "apbd.csv"
    apbd.write_text(
        "NIK;NO KK;NAMA\n"
        f"6171016103900002;{KK_A};Siti Aminah\n"  # R2: KK A, whose R1 Ahmad Fauzi is active PBI APBN
        "6171010201000003;;Budi Santoso\n"  # R3: KK B through the register; also on PKH
        "6171010505050011;;Nina Marlina\n",  # a valid NIK no register row has, no KK
        encoding="utf-8",
    )
    pkh = tmp_path / "pkh.csv"
    pkh.write_text("NIK;NAMA\n6171010201000003;Budi Santoso\n", encoding="utf-8")
    for path, name in ((apbd, "PBI APBD 2026"), (pkh, "PKH")):
        done = uhc_as_editor("--db", db, "programme", "import", path, "--name", name, "--key-file", key_file)
        assert done.returncode == 0, done.stderr
    done = uhc(
        "--db", db, "match", "--dry-run", "--format", "json", "--verify", "PBI APBD 2026", "--key-file", key_file
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    # Recipients Siti, Budi, Nina = 3; Budi is on PKH: 1 funded elsewhere. Families: KK A (Siti) and
    # KK B (Budi) = 2; KK B funded elsewhere (Budi); KK A only has another member on PBI APBN: other
    # aid, not double funding. Nina: not in the register and without a KK.
    assert json.loads(done.stdout)["recipients"] == {
        "programme": "PBI APBD 2026",
        "recipients": 3,
        "persons_elsewhere": 1,
        "families": 2,
        "families_elsewhere": 1,
        "families_other_aid": 1,
        "rows_not_in_register": 1,
        "rows_without_family": 1,
    }


def test_a_match_whose_output_is_cut_short_is_still_saved(city):
    # `uhc match ... | head -1`: the reader closes the pipe before the report is written. The run is
    # stored before anything is printed, so the broken pipe loses only the rest of the report.
    # PYTHONUNBUFFERED makes the first line reach the closed pipe at once (not at exit, from a buffer).
    db, key_file = city
    environment = {key: value for key, value in os.environ.items() if key not in CLEARED} | {"PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "uhc", "--db", str(db), "match", "--key-file", str(key_file)]
    child = subprocess.Popen(
        [*command, "--user", EDITOR, "--password-stdin"],
        cwd=REPO_ROOT,
        env=environment,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert child.stdin is not None and child.stdout is not None
    child.stdout.close()  # as `head` does once it has its lines
    child.stdin.write((EDITOR_PASSWORD + "\n").encode())
    child.stdin.close()
    child.wait(timeout=120)
    assert rows(db, "SELECT count(*) FROM match_run") == [(1,)]
    assert rows(db, "SELECT sum(persons) FROM match_count WHERE run_id = 1") == [(sum(EXPECTED_TOTALS.values()),)]


def test_the_lists_rows_count_persons_and_no_families(city):
    db, key_file = city
    done = uhc("--db", db, "match", "--dry-run", "--format", "json", "--key-file", key_file)
    areas = pl.DataFrame(json.loads(done.stdout)["areas"])
    # Families are the register's KKs. In 61.71.01.1003, R4 (registered elsewhere) and R5 (to
    # reactivate) are both of KK C: 1 family each; Rina Wati, the list's row without NIK matched to
    # R5 by identity, is a list row: 1 person, no family (before, she carried R5's KK: families 1).
    kelurahan = {
        (row["category"], row["persons"], row["families"])
        for row in areas.filter(pl.col("kemendagri_code") == "61.71.01.1003").iter_rows(named=True)
    }
    assert {("registered_elsewhere", 1, 1), ("to_reactivate", 1, 1), ("participant_without_nik", 1, None)} <= kelurahan
    participant_rows = areas.filter(pl.col("category").str.starts_with("participant_"))
    assert participant_rows.height == 5  # duplicate, invalid, not in register in 1002; without NIK in 1003 and 1004
    assert participant_rows["families"].null_count() == 5


def test_verify_with_an_unknown_name_lists_the_programmes_there_are(city, tmp_path):
    db, key_file = city
    args = ("--db", db, "match", "--dry-run", "--key-file", key_file, "--lang", "en", "--verify", "PBI APBD")
    done = uhc(*args)
    assert done.returncode == 2
    assert done.stderr == (
        'uhc: The store has no programme list named "PBI APBD"; use the name given to `programme import --name`. '
        "Lists in the store: none yet (import one with `programme import FILE --name NAME`).\n"
    )
    for name in ("PKH", "PBI APBD 2026"):
        path = tmp_path / "daftar.csv"
        path.write_text("NIK;NAMA\n6171010201000003;Budi Santoso\n", encoding="utf-8")
        imported = uhc_as_editor("--db", db, "programme", "import", path, "--name", name, "--key-file", key_file)
        assert imported.returncode == 0, imported.stderr
    done = uhc(*args)
    assert done.returncode == 2
    assert done.stderr.endswith('Lists in the store: "PBI APBD 2026", "PKH".\n')  # sorted by name
