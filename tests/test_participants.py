"""python -m uhc participants import: the BPJS participant list into the store, pseudonymised and encrypted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter
from command_line import add_editor, uhc, uhc_as_editor
from polars.testing import assert_frame_equal

from uhc.cli.people import nik_checker
from uhc.figures import JKN_SEGMENTS, SEGMENTS
from uhc.intake.people.participants import SEGMENT_OF, read_participants
from uhc.intake.people.table import PeopleError
from uhc.store import keys, people_demo, seed
from uhc.store.db import Store
from uhc.store.regions import city_region_tree, kab_kota

# Eight synthetic participants of Kota Pontianak (NIKs of kecamatan 61.71.01, DDMMYY with day + 40
# for women). Two have an address in Kab. Kubu Raya (61.12): registered elsewhere, kept.
PARTICIPANTS = [
    # NIK, card, name, birth date, sex, segment, status, reason, FKTP, address
    ("6171011708850001", "0001234567890", "Ahmad Fauzi", "17-08-1985", "L", "PBI APBN", "AKTIF", "", "1701P001",
     "61.71.01.1002"),
    ("6171016103900002", "0001234567891", "Siti Aminah", "21/03/1990", "P", "PBPU Pemda", "Non Aktif",
     "DINONAKTIFKAN PEMDA", "1701P002", "Benuamelayu Laut"),
    ("6171010201000003", "0001234567892", "Budi Santoso", "02-01-2000", "L", "PPU PNS", "aktif", "", "1701U003",
     "6171011003"),
    ("6171014505950004", "0001234567893", "Dewi Lestari", "05-05-1995", "P", "Mandiri", "TIDAK AKTIF",
     "MENUNGGAK IURAN", "1701P004", "61.12.01.2001"),
    ("", "0001234567894", "Rina Wati", "", "P", "Bukan Pekerja", "NONAKTIF", "MENUNGGAK IURAN", "1701P004",
     "61.71.01.1004"),
    ("6171010303880006", "0001234567895", "Eko Prasetyo", "03-03-1988", "L", "PBI-JK", "NON-AKTIF",
     "DINONAKTIFKAN KEMENSOS", "1701P005", ""),
    ("6171011010800007", "", "Hendra Gunawan", "10-10-1980", "L", "PEKERJA PENERIMA UPAH", "Aktif", "", "1701U006",
     "6112012001"),
    ("6171015506920008", "0001234567897", "Yuni Kartika", "15-06-1992", "P", "PBPU", "AKTIF", "", "1701P006",
     "Kotabaru"),
]  # fmt: skip
HEADER = "NO;NIK;NO KARTU;NAMA PESERTA;TGL LAHIR;JK;SEGMEN;STATUS;KETERANGAN;KODE FKTP;KODE KELURAHAN"


def participants_csv(path: Path, people=PARTICIPANTS) -> Path:
    rows = [";".join([str(number), *person]) for number, person in enumerate(people, start=1)]
    path.write_text("\n".join(["DATA PESERTA JKN KOTA PONTIANAK;;;;;;;;;;", HEADER, *rows]) + "\n", encoding="utf-8")
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


def participants(db: Path) -> pl.DataFrame:
    with Store.open(db, read_only=True) as store:
        return store.run("participant_of_list")


def test_the_report_and_the_stored_rows_of_a_small_list(city, tmp_path):
    db, key_file = city
    path = participants_csv(tmp_path / "peserta.csv")
    done = uhc_as_editor("--db", db, "participants", "import", path, "--key-file", key_file, "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "8 participants read.",
        "Columns read: NIK <- NIK, card number <- NO KARTU, name <- NAMA PESERTA, date of birth <- TGL LAHIR, "
        "sex <- JK, segment <- SEGMEN, status <- STATUS, reason <- KETERANGAN, FKTP <- KODE FKTP, "
        "address code <- KODE KELURAHAN",
        "Columns not used: NO",
        "Participants per segment (active / non-active):",
        "  PBI APBN (central government): 1 / 1",
        f"  {segment_name('pbi_apbd')}: 0 / 1",
        f"  {segment_name('ppu')}: 2 / 0",
        f"  {segment_name('pbpu')}: 1 / 1",
        "  BP (non-workers): 0 / 1",
        "Participants per NIK check:",
        "  Valid NIK: 7",
        *(line for line in category_lines() if not line.startswith("  Valid NIK")),
        "With an address in another kab/kota: 2",
        "8 participants saved as import batch 2.",  # batch 1 is the gazetteer's
    ]
    stored = participants(db).select(
        "source_row", "segment", "active", "inactive_reason", "fktp_code", "address_code", "kemendagri_code", "sex"
    )
    expected = pl.DataFrame(
        {
            "source_row": [3, 4, 5, 6, 7, 8, 9, 10],
            "segment": ["pbi_apbn", "pbi_apbd", "ppu", "pbpu", "bp", "pbi_apbn", "ppu", "pbpu"],
            "active": [True, False, True, False, False, False, True, True],
            "inactive_reason": [None, "DINONAKTIFKAN PEMDA", None, "MENUNGGAK IURAN", "MENUNGGAK IURAN",
                                "DINONAKTIFKAN KEMENSOS", None, None],
            "fktp_code": ["1701P001", "1701P002", "1701U003", "1701P004", "1701P004", "1701P005", "1701U006",
                          "1701P006"],
            "address_code": ["6171011002", "6171011002", "6171011003", "6112012001", "6171011004", None,
                             "6112012001", "6171011005"],
            "kemendagri_code": ["61.71.01.1002", "61.71.01.1002", "61.71.01.1003", None, "61.71.01.1004", None, None,
                                "61.71.01.1005"],
            "sex": ["male", "female", "male", "female", "female", "male", "male", "female"],
        }
    )  # fmt: skip
    assert_frame_equal(stored, expected, check_dtypes=False)
    key = keys.load_key(key_file)
    first = participants(db).row(0, named=True)
    assert first["nik_pseudonym"] == keys.pseudonym(key, "nik", "6171011708850001")
    assert first["card_pseudonym"] == keys.pseudonym(key, "card", "0001234567890")
    assert keys.decrypt(key, first["name_encrypted"]) == "Ahmad Fauzi"
    assert first["birth_date"] == dt.date(1985, 8, 17)
    assert participants(db)["nik_category"].to_list() == ["valid"] * 4 + ["missing"] + ["valid"] * 3
    with Store.open(db, read_only=True) as store:
        batch = store.run("import_batch_of_kind", kind="participants")
    assert batch.select("file_name", "row_count", "imported_by").row(0) == ("peserta.csv", 8, "editor")


def segment_name(code: str) -> str:
    from uhc import figures, i18n

    return i18n.text(figures.segment(code).label_key, "en")


def category_lines() -> list[str]:
    # seven valid NIKs and one row without: short labels, and no help (nothing to correct)
    return [
        "  Valid NIK: 7",
        "  No NIK: 1",
        "  Digits lost (Excel): 0",
        "  Not 16 digits: 0",
        "  Unknown region code: 0",
        "  Birth date not a date: 0",
        "  Birth date in the future: 0",
        "  Serial 0000: 0",
        "  Birth date differs: 0",
        "  Sex differs: 0",
    ]


def test_no_nik_card_number_or_name_is_in_the_store_files_bytes(city, tmp_path):
    db, key_file = city
    done = uhc_as_editor(
        "--db", db, "participants", "import", participants_csv(tmp_path / "p.csv"), "--key-file", key_file
    )
    assert done.returncode == 0, done.stderr
    stored = b"".join(path.read_bytes() for path in db.parent.glob(db.name + "*"))  # the file and any .wal
    secrets = {value for person in PARTICIPANTS for value in person[:3] if value}
    assert len(secrets) == 22  # 7 NIKs, 7 card numbers, 8 names
    assert sorted(value for value in secrets if value.encode() in stored) == []
    assert not any(value in done.stdout + done.stderr for value in secrets)


# Every spelling family of the segments, as a SEGMEN cell writes it.
SPELLINGS = {
    "pbi_apbn": ["PBI APBN", "PBI JK", "PBI", "pbi apbn", "PBI-APBN", "PBI (APBN)"],
    "pbi_apbd": ["PBI APBD", "PBPU PEMDA", "PEMDA", "PBPU BP PEMDA", "APBD", "PBPU-Pemda", "PD PEMDA"],
    "ppu": ["PPU", "PPU PNS", "PPU TNI", "PPU POLRI", "PPU BUMN", "PPU SWASTA", "PEKERJA PENERIMA UPAH"],
    "pbpu": ["PBPU", "MANDIRI", "PEKERJA BUKAN PENERIMA UPAH", "Peserta Mandiri"],
    "bp": ["BP", "BUKAN PEKERJA", "Bukan Pekerja"],
}
STATUSES = {"AKTIF": True, "aktif": True, "Aktif": True, "NON AKTIF": False, "NONAKTIF": False,
            "TIDAK AKTIF": False, "NON-AKTIF": False, "non aktif": False}  # fmt: skip


def read(lines: list[str], file_name: str = "peserta.csv") -> pl.DataFrame:
    data = ("\n".join(["NIK;SEGMEN;STATUS;KELURAHAN", *lines]) + "\n").encode()
    tree = city_region_tree(kab_kota("61.71"))
    return read_participants(data, file_name, keys.CityKey(b"k" * 32), tree, nik_checker(), "61.71").participants


def test_every_segment_spelling_family_and_status_spelling_is_read():
    texts = [(text, code) for code, spelled in SPELLINGS.items() for text in spelled]
    rows = read([f"6171011708850001;{text};AKTIF;Akcaya" for text, _ in texts])
    assert rows["segment"].to_list() == [code for _, code in texts]
    assert set(SPELLINGS) == set(SEGMENTS)
    statuses = read([f"6171011708850001;PBPU;{text};Akcaya" for text in STATUSES])
    assert statuses["active"].to_list() == list(STATUSES.values())


def test_the_segments_spellings_are_those_of_the_coverage_reader_and_each_names_one_segment():
    from uhc.intake.reader.headers import COLUMN_SYNONYMS

    for segment in JKN_SEGMENTS:
        assert COLUMN_SYNONYMS[segment.code] == segment.spellings
    spelled = [s for segment in JKN_SEGMENTS for s in (*segment.spellings, *segment.list_spellings)]
    assert len(spelled) == len(set(spelled)) == len(SEGMENT_OF)


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ("PBI KEMENSOS;AKTIF;Akcaya", "peserta.csv, row 3, column SEGMEN: not a JKN segment; write one of PBI APBN, "),
        (";AKTIF;Akcaya", "peserta.csv, row 3, column SEGMEN: not a JKN segment"),
        ("PBPU;DIBLOKIR;Akcaya", "peserta.csv, row 3, column STATUS: not a participant status; write one of AKTIF, "
                                 "NON AKTIF, NONAKTIF, TIDAK AKTIF."),
        ("PBPU;AKTIF;Kampung Entah", "peserta.csv, row 3, column KELURAHAN: no kelurahan of the store's city"),
        # a code of the city (61.71) that is none of its kelurahan
        ("PBPU;AKTIF;61.71.01.9999", "peserta.csv, row 3, column KELURAHAN: no kelurahan of the store's city"),
    ],
)  # fmt: skip
def test_an_unknown_segment_status_or_kelurahan_is_refused_naming_file_row_and_column(cells, message):
    with pytest.raises(PeopleError) as refused:
        read(["6171011708850001;PBPU;AKTIF;Akcaya", f"6171016103900002;{cells}"])
    assert refused.value.text("en").startswith(message)
    assert "6171016103900002" not in refused.value.text("en")


def test_a_refused_list_leaves_the_store_unchanged(city, tmp_path):
    db, key_file = city
    assert uhc_as_editor("--db", db, "participants", "import", participants_csv(tmp_path / "a.csv"), "--key-file", key_file).returncode == 0  # fmt: skip
    before = participants(db)
    changed = [*PARTICIPANTS[:3], (*PARTICIPANTS[3][:5], "PBI KEMENSOS", *PARTICIPANTS[3][6:]), *PARTICIPANTS[4:]]
    path = participants_csv(tmp_path / "b.csv", changed)
    refused = uhc_as_editor("--db", db, "participants", "import", path, "--key-file", key_file, "--lang", "en")
    assert refused.returncode == 2
    assert refused.stderr.startswith("uhc: b.csv, row 6, column SEGMEN: not a JKN segment")
    assert len(refused.stderr.splitlines()) == 1
    assert_frame_equal(participants(db), before)
    with Store.open(db, read_only=True) as store:
        assert store.run("import_batch_of_kind", kind="participants").height == 1


def test_writing_needs_an_editors_login_and_a_dry_run_does_not(city, tmp_path):
    db, key_file = city
    path = participants_csv(tmp_path / "peserta.csv")
    refused = uhc("--db", db, "participants", "import", path, "--key-file", key_file, "--lang", "en")
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1
    assert "--user NAME" in refused.stderr and "--dry-run" in refused.stderr
    wrong = uhc(
        "--db", db, "participants", "import", path, "--key-file", key_file, "--user", "editor", "--password-stdin",
        "--lang", "en", stdin="not the password\n",
    )  # fmt: skip
    assert wrong.returncode == 2
    assert wrong.stderr == "uhc: wrong user name or password; nothing was written\n"
    assert participants(db).height == 0
    dry = uhc("--db", db, "participants", "import", path, "--key-file", key_file, "--dry-run", "--lang", "en")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines()[-1] == "Dry run: nothing was written."
    assert participants(db).height == 0


def test_a_workbook_with_a_nik_typed_as_a_number_is_digits_lost(city, tmp_path):
    db, key_file = city
    path = tmp_path / "peserta.xlsx"
    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet()
    for column, header in enumerate(["NO NIK", "NOKA", "NAMA", "TANGGAL LAHIR", "SEGMENTASI", "STATUS PESERTA",
                                     "KODE DESA"]):  # fmt: skip
        sheet.write_string(0, column, header)
    sheet.write_number(1, 0, 6171011708850000)  # what Excel kept of 6171011708850001
    sheet.write_string(1, 1, "0001234567890")
    sheet.write_string(1, 2, "Ahmad Fauzi")
    sheet.write_number(1, 3, 31276)  # 17 August 1985
    sheet.write_string(1, 4, "PBI APBN")
    sheet.write_string(1, 5, "AKTIF")
    sheet.write_string(1, 6, "61.71.01.1006")
    sheet.write_string(2, 0, "6171016103900002")
    sheet.write_string(2, 4, "PPU BUMN")
    sheet.write_string(2, 5, "NON AKTIF")
    workbook.close()
    done = uhc_as_editor("--db", db, "participants", "import", path, "--key-file", key_file, "--lang", "en")
    assert done.returncode == 0, done.stderr
    stored = participants(db)
    assert stored["nik_category"].to_list() == ["digits_lost", "valid"]
    assert stored["nik_pseudonym"].is_null().to_list() == [True, False]
    assert stored["birth_date"].to_list() == [dt.date(1985, 8, 17), None]
    assert stored["kemendagri_code"].to_list() == ["61.71.01.1006", None]


def test_the_demo_citys_synthetic_list_imports_with_its_counts_per_segment(city, tmp_path):
    db, key_file = city
    people = people_demo.demo_people()
    listed = people.participants
    path = tmp_path / "bpjs.csv"
    listed.write_csv(path)
    done = uhc_as_editor("--db", db, "participants", "import", path, "--key-file", key_file, "--lang", "en")
    assert done.returncode == 0, done.stderr
    code_of = {label: code for code, label in people_demo.SEGMENT_LABELS.items()}
    expected = (
        listed.select(segment=pl.col("SEGMEN").replace_strict(code_of), active=pl.col("STATUS") == "AKTIF")
        .group_by("segment", "active")
        .len()
        .sort("segment", "active")
    )
    stored = participants(db)
    assert_frame_equal(stored.group_by("segment", "active").len().sort("segment", "active"), expected)
    elsewhere = listed.filter(~pl.col("KODE_KELURAHAN").str.starts_with("61.71.")).height
    assert elsewhere == people.planted.registered_elsewhere
    assert f"With an address in another kab/kota: {elsewhere:,}" in done.stdout.splitlines()
    assert stored.filter(pl.col("kemendagri_code").is_null()).height == elsewhere
    categories = dict(stored.group_by("nik_category").len().iter_rows())
    assert categories["missing"] == listed["NIK"].null_count() == people.planted.participants_without_nik
    assert categories["digits_lost"] == people.planted.invalid_nik_digits_lost
    assert categories["zero_serial"] == people.planted.invalid_nik_zero_serial
    assert stored.height == listed.height
