"""python -m uhc register import: the resident register into the store, pseudonymised and encrypted."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter
from command_line import EDITOR, add_editor, uhc, uhc_as_editor
from polars.testing import assert_frame_equal

from uhc.store import keys, people, seed
from uhc.store.db import Store

# Eleven synthetic residents of Kota Pontianak (kecamatan 61.71.01, Pontianak Selatan), one per
# NIK category and two more valid ones. NIK = kecamatan 617101, DDMMYY (day + 40 for women), serial.
PEOPLE = [
    # NIK, KK, name, sex, birth date, address, RT, RW, kelurahan (code or name); category
    (
        "6171011708850001",
        "6171010101200001",
        "Ahmad Fauzi",
        "L",
        "17-08-1985",
        "Jl. Merpati No. 1",
        "001",
        "002",
        "61.71.01.1002",
    ),  # valid
    (
        "6171016103900002",
        "6171010101200001",
        "Siti Aminah",
        "P",
        "21/03/1990",
        "Jl. Merpati No. 1",
        "001",
        "002",
        "Benuamelayu Laut",
    ),  # valid
    (
        "6171010201000003",
        "6171010101200003",
        "Budi Santoso",
        "L",
        "02-01-2000",
        "Gg. Kenari 7",
        "003",
        "001",
        "61.71.01.1003",
    ),  # valid
    (
        "6171014505950000",
        "",
        "Dewi Lestari",
        "P",
        "05-05-1995",
        "Gg. Kenari 9",
        "003",
        "001",
        "Benuamelayu Darat",
    ),  # zero_serial
    (
        "9999011010800004",
        "",
        "Rudi Hartono",
        "L",
        "10-10-1980",
        "Jl. Rajawali 4",
        "004",
        "001",
        "6171011003",
    ),  # unknown_region
    (
        "6171015212910005",
        "",
        "Maria Ulfa",
        "P",
        "12-12-1992",
        "Jl. Cendrawasih 5",
        "002",
        "003",
        "61.71.01.1004",
    ),  # birth_date_mismatch
    (
        "6171010303880006",
        "",
        "Eko Prasetyo",
        "P",
        "03-03-1988",
        "Jl. Cendrawasih 6",
        "002",
        "003",
        "Parittokaya",
    ),  # sex_mismatch
    ("", "", "Rina Wati", "P", "", "Jl. Cendrawasih 8", "002", "003", "61.71.01.1004"),  # missing
    ("6.17101E+15", "", "Andi Saputra", "L", "", "Jl. Nuri 10", "005", "004", "61.71.01.1005"),  # digits_lost
    ("617101450690", "", "Yuni Kartika", "P", "", "Jl. Nuri 12", "005", "004", "Kotabaru"),  # not_16_digits
    (
        "6171013213900007",
        "",
        "Hendra Gunawan",
        "L",
        "",
        "Jl. Kakatua 3",
        "006",
        "005",
        "61.71.01.1006",
    ),  # invalid_birth_date
]
HEADER = "NIK;NO_KK;NAMA LENGKAP;JK;TGL LAHIR;ALAMAT;RT;RW;KELURAHAN"
EXPECTED_CATEGORIES = {
    "valid": 3,
    "missing": 1,
    "digits_lost": 1,
    "not_16_digits": 1,
    "unknown_region": 1,
    "invalid_birth_date": 1,
    "zero_serial": 1,
    "birth_date_mismatch": 1,
    "sex_mismatch": 1,
}


def register_csv(path: Path, people=PEOPLE) -> Path:
    lines = ["DATA PENDUDUK KECAMATAN PONTIANAK SELATAN;;;;;;;;", HEADER, *(";".join(person) for person in people)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
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


def residents(db: Path) -> pl.DataFrame:
    with Store.open(db, read_only=True) as store:
        return store.run("resident_of_register")


def test_the_report_counts_residents_per_nik_category_and_kelurahan(city, tmp_path):
    db, key_file = city
    done = uhc_as_editor(
        "--db",
        db,
        "register",
        "import",
        register_csv(tmp_path / "dukcapil.csv"),
        "--key-file",
        key_file,
        "--lang",
        "en",
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "11 residents read."
    # One short line per NIK check, then once what each problem found means (EXPECTED_CATEGORIES).
    at = lines.index("Residents per NIK check:")
    assert lines[at + 1 : at + 11] == [
        "  Valid NIK: 3",
        "  No NIK: 1",
        "  Digits lost (Excel): 1",
        "  Not 16 digits: 1",
        "  Unknown region code: 1",
        "  Birth date not a date: 1",
        "  Birth date in the future: 0",
        "  Serial 0000: 1",
        "  Birth date differs: 1",
        "  Sex differs: 1",
    ]
    assert lines[at + 11] == "What was found and what to do:"
    helped = [line.split(": ", 1)[0] for line in lines[at + 12 : at + 19]]
    assert helped == ["  Digits lost (Excel)", "  Not 16 digits", "  Unknown region code", "  Birth date not a date",
                      "  Serial 0000", "  Birth date differs", "  Sex differs"]  # fmt: skip
    assert sum("Format the NIK column as Text in Excel" in line for line in lines) == 1  # the help once
    expected_kelurahan = [
        "  61.71.01.1002 Benuamelayu Laut: 2",
        "  61.71.01.1003 Benuamelayu Darat: 3",
        "  61.71.01.1004 Parittokaya: 3",
        "  61.71.01.1005 Kotabaru: 2",
        "  61.71.01.1006 Akcaya: 1",
    ]
    at = lines.index("Residents per kelurahan:")
    assert lines[at + 1 : at + 6] == expected_kelurahan
    assert lines[-1] == "11 residents saved as import batch 2."  # batch 1 is the gazetteer's
    stored = residents(db)
    counts = stored.group_by("nik_category").len().sort("nik_category")
    expected = pl.DataFrame({"nik_category": list(EXPECTED_CATEGORIES), "len": list(EXPECTED_CATEGORIES.values())})
    assert_frame_equal(counts, expected.sort("nik_category"), check_dtypes=False)
    first = stored.filter(pl.col("source_row") == 3).row(0, named=True)
    assert first["birth_date"] == dt.date(1985, 8, 17)
    assert (first["sex"], first["rt"], first["rw"], first["kemendagri_code"]) == ("male", "001", "002", "61.71.01.1002")


def test_no_nik_kk_name_or_address_is_in_the_store_files_bytes(city, tmp_path):
    db, key_file = city
    done = uhc_as_editor(
        "--db", db, "register", "import", register_csv(tmp_path / "dukcapil.csv"), "--key-file", key_file
    )
    assert done.returncode == 0, done.stderr
    stored = b"".join(path.read_bytes() for path in db.parent.glob(db.name + "*"))  # the file and any .wal
    secrets = {value for person in PEOPLE for value in (person[0], person[1], person[2], person[5]) if value}
    assert len(secrets) == 33  # 10 NIKs, 2 KK numbers, 11 names, 10 addresses
    found = sorted(value for value in secrets if value.encode() in stored)
    assert found == []
    assert not any(value in done.stdout + done.stderr for value in secrets)


def test_a_stored_name_decrypts_with_the_key(city, tmp_path):
    db, key_file = city
    uhc_as_editor("--db", db, "register", "import", register_csv(tmp_path / "dukcapil.csv"), "--key-file", key_file)
    key = keys.load_key(key_file)
    with Store.open(db, read_only=True) as store:
        rows = store.run("resident_name", nik_pseudonym=keys.pseudonym(key, "nik", "6171016103900002"))
    assert rows.height == 1
    assert keys.decrypt(key, rows["name_encrypted"][0]) == "Siti Aminah"
    assert keys.decrypt(key, rows["address_encrypted"][0]) == "Jl. Merpati No. 1"
    kk = residents(db).filter(pl.col("source_row").is_in([3, 4]))["kk_pseudonym"]
    assert kk.to_list() == [keys.pseudonym(key, "kk", "6171010101200001")] * 2


def test_a_second_key_is_refused_and_writes_nothing(city, tmp_path):
    db, key_file = city
    register = register_csv(tmp_path / "dukcapil.csv")
    assert uhc_as_editor("--db", db, "register", "import", register, "--key-file", key_file).returncode == 0
    other = tmp_path / "other" / "city.key"
    keys.create_key_file(other)
    refused = uhc_as_editor("--db", db, "register", "import", register, "--key-file", other, "--lang", "en")
    assert refused.returncode == 2
    assert f"made with the city key {keys.load_key(key_file).fingerprint}" in refused.stderr
    # and in Indonesian, the default
    refused = uhc_as_editor("--db", db, "register", "import", register, "--key-file", other)
    assert f"dibuat dengan kunci kota {keys.load_key(key_file).fingerprint}" in refused.stderr
    assert residents(db).height == 11


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda people: [*people[:4], (*people[4][:8], "Kampung Entah"), *people[5:]],
            "dukcapil.csv, row 7, column KELURAHAN: no kelurahan of the store's city has this code or name",
        ),
        (
            lambda people: [*people[:2], (*people[2][:4], "31-02-2000", *people[2][5:]), *people[3:]],
            "dukcapil.csv, row 5, column TGL LAHIR: not a date",
        ),
        (
            lambda people: [*people[:1], (people[1][0], "61710101012", *people[1][2:]), *people[2:]],
            "dukcapil.csv, row 4, column NO_KK: a KK number is 16 digits",
        ),
    ],
)
def test_a_bad_row_is_named_and_leaves_the_store_unchanged(city, tmp_path, change, message):
    db, key_file = city
    assert (
        uhc_as_editor(
            "--db", db, "register", "import", register_csv(tmp_path / "first.csv"), "--key-file", key_file
        ).returncode
        == 0
    )
    before = residents(db)
    refused = uhc_as_editor(
        "--db",
        db,
        "register",
        "import",
        register_csv(tmp_path / "dukcapil.csv", change(PEOPLE)),
        "--key-file",
        key_file,
        "--lang",
        "en",
    )
    assert refused.returncode == 2
    assert refused.stderr.startswith(f"uhc: {message}")
    assert len(refused.stderr.splitlines()) == 1
    assert not any(person[0] and person[0] in refused.stderr for person in PEOPLE)
    assert_frame_equal(residents(db), before)


def test_a_file_without_a_nik_column_is_refused(city, tmp_path):
    db, key_file = city
    path = tmp_path / "tanpa_nik.csv"
    path.write_text("NAMA;KELURAHAN\nAhmad Fauzi;Akcaya\n", encoding="utf-8")
    refused = uhc_as_editor("--db", db, "register", "import", path, "--key-file", key_file, "--lang", "id")
    assert refused.returncode == 2
    assert (
        refused.stderr
        == "uhc: tanpa_nik.csv: tidak ada kolom NIK / NO NIK / NOMOR NIK di 10 baris pertama; beri nama kolom itu di "
        "baris judul, atau petakan judul lain dengan --column BIDANG=JUDUL (lihat README).\n"
    )


def test_a_workbook_with_excel_dates_and_a_dry_run_writes_nothing(city, tmp_path):
    db, key_file = city
    path = tmp_path / "dukcapil.xlsx"
    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet()
    for column, header in enumerate(["NIK", "NKK", "NAMA", "JENIS KELAMIN", "TANGGAL LAHIR", "DESA"]):
        sheet.write_string(0, column, header)
    sheet.write_string(1, 0, "6171011708850001")
    sheet.write_string(1, 1, "6171010101200001")
    sheet.write_string(1, 2, "Ahmad Fauzi")
    sheet.write_string(1, 3, "LAKI-LAKI")
    sheet.write_number(1, 4, 31276)  # 17 August 1985: 31,276 days after 30 December 1899
    sheet.write_string(1, 5, "Akcaya")
    workbook.close()
    dry = uhc("--db", db, "register", "import", path, "--key-file", key_file, "--dry-run", "--lang", "en")
    assert dry.returncode == 0, dry.stderr
    assert "  Valid NIK: 1" in dry.stdout.splitlines()
    assert "  61.71.01.1006 Akcaya: 1" in dry.stdout.splitlines()
    assert dry.stdout.splitlines()[-1] == "Dry run: nothing was written."
    assert residents(db).height == 0
    done = uhc_as_editor("--db", db, "register", "import", path, "--key-file", key_file)
    assert done.returncode == 0, done.stderr
    assert residents(db)["birth_date"].to_list() == [dt.date(1985, 8, 17)]


def test_a_nik_typed_as_a_number_in_a_workbook_is_digits_lost_not_a_nik(city, tmp_path):
    # Excel holds 15 significant digits: 6171011708850001 typed as a number is kept as
    # 6171011708850000, a different (and here valid-looking) NIK. It must never be read as one.
    db, key_file = city
    path = tmp_path / "angka.xlsx"
    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet()
    for column, header in enumerate(["NIK", "NAMA", "JENIS KELAMIN", "DESA"]):
        sheet.write_string(0, column, header)
    sheet.write_number(1, 0, 6171011708850000)  # what Excel kept of 6171011708850001
    sheet.write_string(1, 1, "Ahmad Fauzi")
    sheet.write_string(1, 2, "L")
    sheet.write_string(1, 3, "Akcaya")
    sheet.write_string(2, 0, "6171011708850002")
    sheet.write_string(2, 1, "Budi Santoso")
    sheet.write_string(2, 2, "L")
    sheet.write_string(2, 3, "Akcaya")
    workbook.close()
    done = uhc_as_editor("--db", db, "register", "import", path, "--key-file", key_file, "--lang", "en")
    assert done.returncode == 0, done.stderr
    stored = residents(db).sort("source_row")
    assert stored["nik_category"].to_list() == ["digits_lost", "valid"]
    assert stored["nik_pseudonym"].is_null().to_list() == [True, False]


def test_a_number_that_holds_all_16_digits_is_read_and_only_a_doubtful_one_is_digits_lost(city, tmp_path):
    # calamine reads a numeric cell as a float64, exact for every integer below 2^53 =
    # 9.007.199.254.740.992. Excel writes 0 for a typed number's 16th digit, so:
    # - 6171011708850001 (16th digit 1, below 2^53) cannot be Excel's rounding: read as the NIK;
    # - 6171011708850000 (16th digit 0) may be Excel's 6171011708850001: digits_lost;
    # - 9471011708850004 (Kota Jayapura's 94.71, above 2^53: a float holds only even numbers there)
    #   may be the float's rounding of ...0003 or ...0005: digits_lost.
    # The KK 6171010101200001, a number with a 16th digit 1, is read too.
    db, key_file = city
    path = tmp_path / "angka.xlsx"
    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet()
    for column, header in enumerate(["NIK", "NO KK", "NAMA", "JENIS KELAMIN", "DESA"]):
        sheet.write_string(0, column, header)
    for row, (number, name) in enumerate(
        [(6171011708850001, "Ahmad Fauzi"), (6171011708850000, "Budi Santoso"), (9471011708850004, "Yohanes")],
        start=1,
    ):
        sheet.write_number(row, 0, number)
        sheet.write_number(row, 1, 6171010101200001)
        sheet.write_string(row, 2, name)
        sheet.write_string(row, 3, "L")
        sheet.write_string(row, 4, "Akcaya")
    workbook.close()
    done = uhc_as_editor("--db", db, "register", "import", path, "--key-file", key_file, "--lang", "en")
    assert done.returncode == 0, done.stderr
    stored = residents(db).sort("source_row")
    assert stored["nik_category"].to_list() == ["valid", "digits_lost", "digits_lost"]
    key = keys.load_key(key_file)
    assert stored["nik_pseudonym"].to_list() == [keys.pseudonym(key, "nik", "6171011708850001"), None, None]
    assert stored["kk_pseudonym"].to_list() == [keys.pseudonym(key, "kk", "6171010101200001")] * 3


def test_a_kk_number_typed_as_a_number_in_a_workbook_is_refused(city, tmp_path):
    db, key_file = city
    path = tmp_path / "kk_angka.xlsx"
    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet()
    for column, header in enumerate(["NIK", "NO KK", "NAMA", "DESA"]):
        sheet.write_string(0, column, header)
    sheet.write_string(1, 0, "6171011708850002")
    sheet.write_number(1, 1, 6171010101200000)
    sheet.write_string(1, 2, "Budi Santoso")
    sheet.write_string(1, 3, "Akcaya")
    workbook.close()
    refused = uhc_as_editor("--db", db, "register", "import", path, "--key-file", key_file, "--lang", "en")
    assert refused.returncode == 2
    assert "row 2" in refused.stderr and "NO KK" in refused.stderr
    assert residents(db).height == 0


def test_a_workbook_bomb_is_refused_before_it_is_unpacked(city, tmp_path):
    # A 1 GB sheet in a small zip: refused from the zip's own directory, the store unchanged.
    from test_hostile_files import sheet_bomb

    db, key_file = city
    path = tmp_path / "bom.xlsx"
    path.write_bytes(sheet_bomb())
    refused = uhc_as_editor("--db", db, "register", "import", path, "--key-file", key_file, "--lang", "en")
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1
    assert "bom.xlsx: not a CSV or XLSX file this program can read" in refused.stderr
    assert residents(db).height == 0


def test_rt_and_rw_typed_without_leading_zeros_are_the_same_neighbourhood(city, tmp_path):
    db, key_file = city
    # Ahmad's RT "1" and RW "2" are Siti's "001" and "002"; a text that is not a number stays as written.
    typed = [
        (*PEOPLE[0][:6], "1", "2", PEOPLE[0][8]),
        PEOPLE[1],
        (*PEOPLE[2][:6], "03A", "1", PEOPLE[2][8]),
    ]
    done = uhc_as_editor(
        "--db", db, "register", "import", register_csv(tmp_path / "rt.csv", typed), "--key-file", key_file
    )
    assert done.returncode == 0, done.stderr
    stored = residents(db).sort("source_row").select("rt", "rw").rows()
    assert stored == [("001", "002"), ("001", "002"), ("03A", "001")]


@pytest.mark.parametrize("command", ["register", "participants"])
def test_a_file_with_headings_and_no_rows_is_refused_and_stores_nothing(city, tmp_path, command):
    db, key_file = city
    path = tmp_path / "kosong.csv"
    path.write_text(HEADER + "\n" if command == "register" else "NIK;NO KARTU;NAMA;SEGMEN;STATUS;KODE KELURAHAN\n")
    with Store.open(db, read_only=True) as store:
        batches = people.personal_rows(store)
    refused = uhc_as_editor("--db", db, command, "import", path, "--key-file", key_file, "--lang", "id")
    assert (refused.returncode, refused.stderr) == (
        2,
        "uhc: kosong.csv: tidak ada satu baris pun di bawah judul kolom; tidak ada yang disimpan. "
        "Periksa apakah lembar atau file yang benar yang diekspor.\n",
    )
    with Store.open(db, read_only=True) as store:
        assert people.personal_rows(store) == batches
        assert store.run("list_audit").height == 0
        assert keys.recorded_fingerprint(store) is None


def _resident_rows(codes: list[str]) -> pl.DataFrame:
    """Stored-form resident rows (made-up pseudonyms and ciphertexts) in the given kelurahan."""
    n = len(codes)
    return pl.DataFrame(
        {
            "batch_id": [1] * n,
            "source_row": list(range(3, 3 + n)),
            "nik_pseudonym": [f"{i:064x}" for i in range(n)],
            "kk_pseudonym": [None] * n,
            "name_encrypted": [bytes([i]) * 40 for i in range(n)],
            "address_encrypted": [None] * n,
            "sex": ["female"] * n,
            "birth_date": [dt.date(1990, 3, 21)] * n,
            "rt": ["001"] * n,
            "rw": ["002"] * n,
            "relationship": [None] * n,
            "kemendagri_code": codes,
            "nik_category": ["valid"] * n,
            "identity_pseudonym": [f"{i + 100:064x}" for i in range(n)],
            "life_status": [None] * n,
        },
        schema_overrides={
            "batch_id": pl.Int32,
            "source_row": pl.Int32,
            "kk_pseudonym": pl.String,
            "address_encrypted": pl.Binary,
            "relationship": pl.String,
            "life_status": pl.String,
        },
    )


def test_a_store_of_migration_8_keeps_its_residents_as_they_were(tmp_path):
    path = tmp_path / "old.duckdb"
    stored = _resident_rows(["61.71.01.1002", "61.71.01.1003"])
    with Store.open(path, migrate=False) as old:
        old.migrate(to_version=8)
        seed.add_city(old, "61.71")
        old.insert("resident", stored)
    with Store.open(path) as upgraded:  # migration 9 makes the table again without its foreign key
        assert upgraded.schema_version() >= 9
        kept = upgraded.run("resident_of_register").sort("source_row")
    assert_frame_equal(kept.select(stored.columns), stored, check_dtypes=False)


def test_a_resident_in_a_region_the_store_does_not_hold_is_refused_and_nothing_is_written(city):
    from uhc.cli.people import store_people

    db, key_file = city
    key = keys.load_key(key_file)
    rows = _resident_rows(["61.71.01.1002", "61.71.99.9999"]).drop("batch_id")
    with Store.open(db) as store:
        before = store.run("resident_of_register").height
        with pytest.raises(ValueError, match=re.escape("61.71.99.9999")):
            store_people(store, key, "register", "resident", rows, "x.csv", "0" * 64, EDITOR)
        assert store.run("resident_of_register").height == before == 0
        assert keys.recorded_fingerprint(store) is None  # the key was not bound either


def test_a_header_repeated_inside_the_file_is_named_and_nothing_is_stored(city, tmp_path):
    # Two exports pasted together: line 1 a title, line 2 the header, lines 3-5 three residents,
    # line 6 the second export's header (NO KK, NAMA, JENIS KELAMIN, TANGGAL LAHIR, DESA: other
    # spellings of the same headings), lines 7-8 two more residents.
    db, key_file = city
    second_header = "NIK;NO KK;NAMA;JENIS KELAMIN;TANGGAL LAHIR;ALAMAT;RT;RW;DESA"
    lines = [
        "DATA PENDUDUK KECAMATAN PONTIANAK SELATAN;;;;;;;;",
        HEADER,
        *(";".join(person) for person in PEOPLE[:3]),
        second_header,
        *(";".join(person) for person in PEOPLE[3:5]),
    ]
    path = tmp_path / "gabungan.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for language, said in (
        ("en", "uhc: gabungan.csv: row 6 repeats the header"),
        ("id", "uhc: gabungan.csv: baris 6 mengulang baris judul"),
    ):
        refused = uhc_as_editor("--db", db, "register", "import", path, "--key-file", key_file, "--lang", language)
        assert refused.returncode == 2
        assert refused.stderr.startswith(said), refused.stderr
        assert refused.stderr.count("\n") == 1
    assert residents(db).height == 0


def test_a_resident_named_like_a_heading_is_no_repeated_header(city, tmp_path):
    # One cell that reads like a heading (a name "Nama") is not the header again: half of the
    # columns must be headings of their own field.
    db, key_file = city
    person = (
        "6171011708850001",
        "6171010101200001",
        "Nama",
        "L",
        "17-08-1985",
        "Alamat",
        "001",
        "002",
        "61.71.01.1002",
    )
    path = register_csv(tmp_path / "nama.csv", [person])
    done = uhc("--db", db, "register", "import", path, "--key-file", key_file, "--dry-run", "--lang", "en")
    assert done.returncode == 0, done.stderr
