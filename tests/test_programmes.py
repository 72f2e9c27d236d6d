"""python -m uhc programme import: a programme's recipients by NIK and/or KK, pseudonymised."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from command_line import add_editor, uhc, uhc_as_editor
from polars.testing import assert_frame_equal

from uhc.cli.people import nik_checker
from uhc.intake.people.programmes import read_programme
from uhc.intake.people.table import PeopleError
from uhc.store import keys, seed
from uhc.store.db import Store

# The city's APBD list: five recipients in three families (KK), one without a NIK, one NIK invalid.
APBD = [
    # NIK, KK, name
    ("6171011708850001", "6171010101200001", "Ahmad Fauzi"),
    ("6171016103900002", "6171010101200001", "Siti Aminah"),
    ("6171010201000003", "6171010101200003", "Budi Santoso"),
    ("", "6171010101200003", "Dewi Lestari"),
    ("617101450690", "6171010101200005", "Yuni Kartika"),  # not 16 digits
]


def programme_csv(path: Path, header: str, rows: list[tuple[str, ...]]) -> Path:
    path.write_text("\n".join([header, *(";".join(row) for row in rows)]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def city(tmp_path: Path) -> tuple[Path, Path]:
    db = tmp_path / "uhc.duckdb"
    with Store.open(db) as store:
        seed.add_city(store, "61.71")
    add_editor(db)
    key_file = tmp_path / "keys" / "city.key"
    keys.create_key_file(key_file)
    return db, key_file


def members(db: Path) -> pl.DataFrame:
    with Store.open(db, read_only=True) as store:
        return store.run("programme_member_of_list")


def test_a_list_by_nik_and_kk_counts_persons_and_families(city, tmp_path):
    db, key_file = city
    path = programme_csv(tmp_path / "apbd.csv", "NIK;NO KK;NAMA", APBD)
    done = uhc_as_editor(
        "--db", db, "programme", "import", path, "--name", "  PBI APBD 2026 ", "--key-file", key_file, "--lang", "en"
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:5] == [
        "5 rows of the list PBI APBD 2026 read.",
        "Columns read: NIK <- NIK, KK <- NO KK, name <- NAMA",
        "Persons by NIK: 3",  # the three valid NIKs
        "Families by KK: 3",
        "Rows per NIK check:",
    ]
    assert "  Valid NIK: 3" in lines
    assert lines[-1] == "5 rows of PBI APBD 2026 saved as import batch 2."
    key = keys.load_key(key_file)
    kk = [keys.pseudonym(key, "kk", row[1]) for row in APBD]
    expected = pl.DataFrame(
        {
            "batch_id": [2] * 5,
            "source_row": [2, 3, 4, 5, 6],
            "programme": ["PBI APBD 2026"] * 5,
            "nik_pseudonym": [keys.pseudonym(key, "nik", row[0]) for row in APBD[:3]] + [None, None],
            "kk_pseudonym": kk,
            "nik_category": ["valid", "valid", "valid", "missing", "not_16_digits"],
        }
    )
    assert_frame_equal(members(db), expected, check_dtypes=False)
    stored = b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*"))
    assert [value for row in APBD for value in row if value and value.encode() in stored] == []


def test_a_list_by_kk_only_has_every_nik_missing():
    data = b"NO_KK;NAMA KEPALA KELUARGA\n6171010101200001;Ahmad Fauzi\n6171010101200003;Budi Santoso\n"
    rows = read_programme(data, "pkh.csv", keys.CityKey(b"k" * 32), nik_checker(), "PKH").members
    assert rows["nik_category"].to_list() == ["missing", "missing"]
    assert rows["nik_pseudonym"].is_null().all()
    assert rows["kk_pseudonym"].null_count() == 0


def test_a_list_without_nik_or_kk_is_refused_naming_both():
    with pytest.raises(PeopleError) as refused:
        read_programme(b"NAMA;ALAMAT\nAhmad Fauzi;Jl. Merpati\n", "bansos.csv", keys.CityKey(b"k" * 32), nik_checker(), "Bansos")  # fmt: skip
    text = refused.value.text("en")
    assert text.startswith("bansos.csv: no column NIK / NO NIK / NOMOR NIK / NO KK / NKK")
    assert "in the first 10 rows" in text


@pytest.mark.parametrize("name", ["", "   ", "x" * 81])
def test_a_programme_name_of_no_or_too_many_characters_is_refused(city, tmp_path, name):
    db, key_file = city
    path = programme_csv(tmp_path / "apbd.csv", "NIK;NO KK;NAMA", APBD)
    refused = uhc_as_editor("--db", db, "programme", "import", path, "--name", name, "--key-file", key_file, "--lang", "en")  # fmt: skip
    assert refused.returncode == 2
    assert refused.stderr == 'uhc: The programme\'s name (--name) must be 1 to 80 characters, e.g. "PBI APBD 2026".\n'
    assert members(db).height == 0


def test_a_bad_kk_is_refused_and_writing_needs_a_login(city, tmp_path):
    db, key_file = city
    bad = programme_csv(tmp_path / "pkh.csv", "NIK;NKK", [(APBD[0][0], APBD[0][1]), (APBD[1][0], "61710101012")])
    refused = uhc_as_editor("--db", db, "programme", "import", bad, "--name", "PKH", "--key-file", key_file, "--lang", "en")  # fmt: skip
    assert refused.returncode == 2
    assert refused.stderr.startswith("uhc: pkh.csv, row 3, column NKK: a KK number is 16 digits")
    good = programme_csv(tmp_path / "apbd.csv", "NIK;NO KK;NAMA", APBD)
    no_login = uhc("--db", db, "programme", "import", good, "--name", "PKH", "--key-file", key_file, "--lang", "en")
    assert no_login.returncode == 2 and "--user NAME" in no_login.stderr
    assert members(db).height == 0
