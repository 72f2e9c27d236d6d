"""Which columns the people readers read: real Dukcapil and BPJS spellings, two-row headers, --column.

A column the reader does not recognise must never be dropped without a word: the report names the
column each field was read from, the file's columns it did not use, and each count-changing field
it has no column for. Every person here is synthetic.
"""

from __future__ import annotations

import io

import pytest
import xlsxwriter
from command_line import uhc
from test_register import city  # noqa: F401  (a fixture: Pontianak's regions, an editor, a city key)

from uhc.cli.people import nik_checker
from uhc.intake.people.participants import read_participants
from uhc.intake.people.register import read_register
from uhc.intake.people.table import PeopleError
from uhc.store import keys
from uhc.store.db import Store
from uhc.store.regions import city_region_tree, kab_kota

KEY = keys.CityKey(b"k" * 32)
TREE = city_region_tree(kab_kota("61.71"))
# Three synthetic residents of kecamatan 61.71.01 (NIK 617101 + DDMMYY, day + 40 for women, + serial).
RESIDENTS = [
    ["6171011708850001", "6171010101200001", "AHMAD FAUZI", "L", "17-08-1985", "JL. MERPATI 1", "1", "2",
     "61.71.01.1002", "KEPALA KELUARGA", "", "ISLAM"],
    ["6171016103900002", "6171010101200001", "SITI AMINAH", "P", "21-03-1990", "JL. MERPATI 1", "001", "002",
     "61.71.01.1002", "ISTRI", "MENINGGAL", "ISLAM"],
    ["6171010201000003", "6171010101200003", "BUDI SANTOSO", "L", "02-01-2000", "GG. KENARI 7", "003", "001",
     "61.71.01.1003", "KEPALA KELUARGA", "PINDAH", "KRISTEN"],
]  # fmt: skip


def two_row_register() -> bytes:
    """A SIAK-style extract: title, a blank row, then a header over rows 3-4 with DOMISILI merged over four columns."""
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer) as workbook:
        sheet = workbook.add_worksheet("DATA")
        sheet.merge_range("A1:L1", "DATA KONSOLIDASI PENDUDUK KOTA PONTIANAK SEMESTER II 2026")
        for column, heading in enumerate(["NIK", "NO_KK", "NAMA_LGKP", "JENIS_KLMIN", "TGL_LHR"]):
            sheet.merge_range(2, column, 3, column, heading)
        sheet.merge_range("F3:I3", "DOMISILI")
        for column, heading in enumerate(["ALAMAT", "NO_RT", "NO_RW", "NO_KEL"], start=5):
            sheet.write_string(3, column, heading)
        for column, heading in enumerate(["STAT_HBKEL", "STATUS", "AGAMA"], start=9):
            sheet.merge_range(2, column, 3, column, heading)
        for row, resident in enumerate(RESIDENTS, start=4):
            for column, value in enumerate(resident):
                sheet.write_string(row, column, value)
    return buffer.getvalue()


def test_a_two_row_header_with_merged_cells_and_siak_spellings_is_read_whole():
    register = read_register(two_row_register(), "dukcapil.xlsx", KEY, TREE, nik_checker())
    rows = register.residents
    assert rows["source_row"].to_list() == [5, 6, 7]  # the Excel rows under the two header rows 3-4
    assert rows["rt"].to_list() == ["001", "001", "003"]  # "1" and "001" are one RT
    assert rows["rw"].to_list() == ["002", "002", "001"]
    assert rows["kemendagri_code"].to_list() == ["61.71.01.1002", "61.71.01.1002", "61.71.01.1003"]
    assert rows["relationship"].to_list() == ["KEPALA KELUARGA", "ISTRI", "KEPALA KELUARGA"]
    assert rows["life_status"].to_list() == [None, "died", "moved"]
    assert rows["sex"].to_list() == ["male", "female", "male"]
    assert rows["nik_category"].to_list() == ["valid"] * 3
    assert [keys.decrypt(KEY, name) for name in rows["name_encrypted"]] == [
        "AHMAD FAUZI",
        "SITI AMINAH",
        "BUDI SANTOSO",
    ]
    assert rows["identity_pseudonym"].null_count() == 0  # name + birth date: the fallback match has both
    assert register.columns.lines("id") == [
        "Kolom dibaca: NIK <- NIK, KK <- NO_KK, nama <- NAMA_LGKP, jenis kelamin <- JENIS_KLMIN, "
        "tanggal lahir <- TGL_LHR, alamat <- ALAMAT, RT <- NO_RT, RW <- NO_RW, kelurahan <- NO_KEL, "
        "hubungan keluarga <- STAT_HBKEL, status (meninggal/pindah) <- STATUS",
        "Kolom tidak dipakai: AGAMA",
    ]


@pytest.mark.parametrize("heading", ["KEL_NAME", "NAMA_KEL", "KODE_KEL", "NO_KEL", "NAMA KELURAHAN", "Kelurahan/Desa"])
def test_every_dukcapil_kelurahan_heading_is_the_kelurahan(heading):
    data = f"NIK;{heading}\n6171011708850001;61.71.01.1002\n6171016103900002;Benuamelayu Darat\n".encode()
    rows = read_register(data, "dukcapil.csv", KEY, TREE, nik_checker()).residents
    assert rows["kemendagri_code"].to_list() == ["61.71.01.1002", "61.71.01.1003"]


def test_each_absent_field_that_changes_the_counts_is_named_with_how_to_map_it():
    data = b"NIK;KELURAHAN;NAMA_IBU\n6171011708850001;61.71.01.1002;SITI\n"
    lines = read_register(data, "dukcapil.csv", KEY, TREE, nik_checker()).columns.lines("en")
    assert lines == [
        "Columns read: NIK <- NIK, kelurahan <- KELURAHAN",
        "Columns not used: NAMA_IBU",
        "No name column: residents without a valid NIK cannot be matched by name + date of birth, and close "
        "names (to check) are not looked for. If the column is there under another heading, map it: "
        "--column name=HEADER.",
        "No RT column: no counts and lists per RT. If the column is there under another heading, map it: "
        "--column rt=HEADER.",
        "No RW column: no counts and lists per RW. If the column is there under another heading, map it: "
        "--column rw=HEADER.",
        "No status column (died/moved): residents who died or moved out are not set apart (that category "
        "stays 0) and are counted in another, to visit for instance. If the column is there under another "
        "heading, map it: --column life_status=HEADER.",
    ]


def test_a_bpjs_list_with_its_own_column_names_is_read_whole():
    data = (
        b"NOKA;NIK;NMPST;TGL_LHR;JENIS_KELAMIN;KDSEGMEN;STATUS;KDPPK;KODE_KEL\n"
        b"0001234567890;6171011708850001;AHMAD FAUZI;17-08-1985;L;PPU;AKTIF;1701P001;6171011002\n"
        b"0001234567891;6171016103900002;SITI AMINAH;21-03-1990;P;PBPU;NON AKTIF;1701P002;61.71.01.1003\n"
        b"0001234567892;6171010201000003;BUDI SANTOSO;02-01-2000;L;PPU;AKTIF;1701P003;6112012001\n"
    )
    found = read_participants(data, "peserta.csv", KEY, TREE, nik_checker(), "61.71")
    rows = found.participants
    assert rows["segment"].to_list() == ["ppu", "pbpu", "ppu"]
    assert rows["active"].to_list() == [True, False, True]
    assert rows["fktp_code"].to_list() == ["1701P001", "1701P002", "1701P003"]
    # The third lives in 61.12 (Kab. Sanggau), not in 61.71: registered elsewhere, no kelurahan of the city.
    assert rows["address_code"].to_list() == ["6171011002", "6171011003", "6112012001"]
    assert rows["kemendagri_code"].to_list() == ["61.71.01.1002", "61.71.01.1003", None]
    assert [keys.decrypt(KEY, name) for name in rows["name_encrypted"]] == [
        "AHMAD FAUZI",
        "SITI AMINAH",
        "BUDI SANTOSO",
    ]
    assert found.columns.lines("en") == [
        "Columns read: card number <- NOKA, NIK <- NIK, name <- NMPST, date of birth <- TGL_LHR, "
        "sex <- JENIS_KELAMIN, segment <- KDSEGMEN, status <- STATUS, FKTP <- KDPPK, address code <- KODE_KEL"
    ]


def test_a_bpjs_list_without_name_or_address_code_says_what_the_match_loses():
    data = b"NIK;JENIS_PESERTA;STATUS\n6171011708850001;PPU;AKTIF\n"
    lines = read_participants(data, "peserta.csv", KEY, TREE, nik_checker(), "61.71").columns.lines("en")
    assert lines[1:] == [
        "No name column: participants without a NIK cannot be matched by name + date of birth, and close names "
        "are not looked for. If the column is there under another heading, map it: --column name=HEADER.",
        "No address code column: participants registered with another kab/kota's address are not counted, and "
        "participants are not counted per kelurahan. If the column is there under another heading, map it: "
        "--column address=HEADER.",
    ]


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf\r\n", b"  \n\n", b";;;\n;;;\n"])
def test_an_empty_file_is_called_empty(data):
    with pytest.raises(PeopleError) as refused:
        read_register(data, "kosong.csv", KEY, TREE, nik_checker())
    assert refused.value.text("en") == "kosong.csv: the file is empty; nothing was stored. Export the data again."


def test_an_empty_workbook_is_called_empty():
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer) as workbook:
        workbook.add_worksheet("DATA")
    with pytest.raises(PeopleError) as refused:
        read_register(buffer.getvalue(), "kosong.xlsx", KEY, TREE, nik_checker())
    assert refused.value.key == "people_empty_file"


def test_a_header_without_the_kelurahan_names_its_row_and_how_to_map_it():
    data = b"DATA PENDUDUK\nNIK;NAMA;WILAYAH\n6171011708850001;AHMAD;61.71.01.1002\n"
    with pytest.raises(PeopleError) as refused:
        read_register(data, "dukcapil.csv", KEY, TREE, nik_checker())
    text = refused.value.text("en")
    assert text.startswith("dukcapil.csv: the header row (row 2) has no column KELURAHAN / DESA")
    assert text.endswith("or map it with --column kelurahan=HEADER.")


def test_column_maps_a_heading_no_spelling_matches_in_the_dry_run_report(city, tmp_path):  # noqa: F811
    db, key_file = city
    path = tmp_path / "dukcapil.csv"
    path.write_text(
        "NIK;NAMA_X;WILAYAH;RUKUN TETANGGA\n6171011708850001;AHMAD FAUZI;61.71.01.1002;1\n"
        "6171016103900002;SITI AMINAH;61.71.01.1003;2\n",
        encoding="utf-8",
    )
    done = uhc(
        "--db", db, "register", "import", path, "--dry-run", "--key-file", key_file, "--lang", "en",
        "--column", "name=nama_x", "--column", "kelurahan=WILAYAH", "--column", "rt=Rukun Tetangga",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:2] == [
        "2 residents read.",
        "Columns read: NIK <- NIK, name <- NAMA_X, kelurahan <- WILAYAH, RT <- RUKUN TETANGGA",
    ]
    absent = [line for line in lines if line.startswith("No ")]
    assert [line.split(":")[0] for line in absent] == ["No RW column", "No status column (died/moved)"]
    # One resident in each of the two kelurahan of the file.
    assert "  61.71.01.1002 Benuamelayu Laut: 1" in lines
    assert "  61.71.01.1003 Benuamelayu Darat: 1" in lines


@pytest.mark.parametrize(
    ("column", "message"),
    [
        ("nama=NAMA_X", "uhc: --column nama=...: no field nama; the fields are: nik, kk, name, sex, birth_date, "
         "address, rt, rw, kelurahan, relationship, life_status.\n"),
        ("name=NAMA LENGKAP", "uhc: dukcapil.csv: no column headed NAMA LENGKAP (from --column name=NAMA LENGKAP) "
         "in the header row; check the heading's spelling in the file.\n"),
        ("name", "uhc: --column 'name' must be CANONICAL=HEADER, e.g. name='NAMA_LGKP'\n"),
    ],
)  # fmt: skip
def test_a_column_option_naming_no_field_or_no_heading_is_refused(city, tmp_path, column, message):  # noqa: F811
    db, key_file = city
    path = tmp_path / "dukcapil.csv"
    path.write_text("NIK;NAMA_X;KELURAHAN\n6171011708850001;AHMAD FAUZI;61.71.01.1002\n", encoding="utf-8")
    done = uhc(
        "--db", db, "register", "import", path, "--dry-run", "--key-file", key_file, "--lang", "en", "--column", column
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr == message


@pytest.mark.parametrize(
    ("login", "stdin", "message"),
    [
        ([], "", "uhc: menulis perlu login editor: tambahkan --user NAMA (kata sandi ditanyakan, atau dibaca dari "
         "stdin dengan --password-stdin), atau periksa file saja dengan --dry-run\n"),
        (["--user", "editor", "--password-stdin"], "salah sekali\n",
         "uhc: nama pengguna atau kata sandi salah; tidak ada yang ditulis\n"),
        (["--user", "editor"], "door to door 2026\n",
         "uhc: stdin bukan terminal, jadi kata sandi tidak dapat diketik tanpa terlihat: dari skrip atau pipa, "
         "tambahkan --password-stdin dan berikan kata sandi sebagai baris pertama stdin\n"),
    ],
)  # fmt: skip
def test_the_editor_login_refusals_speak_the_language_asked_for(city, tmp_path, login, stdin, message):  # noqa: F811
    db, key_file = city
    path = tmp_path / "dukcapil.csv"
    path.write_text("NIK;KELURAHAN\n6171011708850001;61.71.01.1002\n", encoding="utf-8")
    done = uhc("--db", db, "register", "import", path, "--key-file", key_file, "--lang", "id", *login, stdin=stdin)
    assert done.returncode == 2
    assert done.stderr == message
    with Store.open(db, read_only=True) as store:
        assert store.run("import_batch_of_kind", kind="register").height == 0  # nothing was written
