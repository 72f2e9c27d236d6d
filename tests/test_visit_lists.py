"""The cadres' lists: python -m uhc worklist writes one PDF per RT and the kelurahan's XLSX, read back here."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import polars as pl
import pypdf
import pytest
from command_line import uhc, uhc_as_editor
from test_match_command import LIST, REGISTER, city  # noqa: F401  (city is a fixture)

from uhc.core import campaign, visits
from uhc.output import visit_lists
from uhc.store import keys
from uhc.store.db import Store

DOT8 = "\u2022" * 8
KELURAHAN = "61.71.01.1002"


@pytest.fixture
def matched(city):  # noqa: F811
    db, key_file = city
    done = uhc_as_editor("--db", db, "match", "--key-file", key_file)
    assert done.returncode == 0, done.stderr
    return db, key_file


def pdf_text(data: bytes) -> str:
    """The pages' text, runs of white space as one space (a cell wraps its text where it must)."""
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_the_kelurahans_lists_hold_the_right_people_per_rt(matched, tmp_path):
    db, key_file = matched
    out = tmp_path / "lists"
    done = uhc_as_editor("--db", db, "worklist", "--kelurahan", KELURAHAN, "--out", out, "--key-file", key_file)
    assert done.returncode == 0, done.stderr
    # In 61.71.01.1002 (test_match_command's files; register batch 2, list batch 3, run 1, the
    # register's rows from 2, the list's from 2): RW 001 RT 001 Siti Aminah (register row 3) to
    # reactivate, PBPU Pemda = PBI APBD; RW 001 RT 002 Budi Santoso (row 4) to enrol; no RT (list
    # rows the match places in the kelurahan of their address only): the second Joko Susilo (list
    # row 9, a duplicate) and Wawan Setiawan (row 11, NIK lost by Excel) to check. Ahmad Fauzi and
    # Joko Susilo of the register are active: on no list.
    assert sorted(path.name for path in out.iterdir()) == [
        "61.71.01.1002.xlsx", "RW--RT-.pdf", "RW001-RT001.pdf", "RW001-RT002.pdf",
    ]  # fmt: skip
    rt1 = pdf_text((out / "RW001-RT001.pdf").read_bytes())
    assert "Siti Aminah" in rt1 and f"6171{DOT8}0002" in rt1 and "1-R2-3" in rt1
    assert "Aktifkan kembali (PBI APBD/Pemda)" in rt1
    assert "Budi" not in rt1 and "Ahmad" not in rt1
    assert "DATA PRIBADI (UU 27/2022)" in rt1 and "Benuamelayu Laut, RW 001 RT 001" in rt1
    assert "7 = Menolak · 8 = Perlu dicek" in rt1 and "Nama kader:" in rt1
    rt2 = pdf_text((out / "RW001-RT002.pdf").read_bytes())
    assert "1-R2-4 Budi Santoso" in rt2 and "Daftarkan ke JKN (PBI APBD/Pemda)" in rt2
    assert "Siti" not in rt2 and "Joko" not in rt2
    nowhere = pdf_text((out / "RW--RT-.pdf").read_bytes())
    assert nowhere.index("1-P3-9 Joko Susilo") < nowhere.index("1-P3-11 Wawan Setiawan")
    assert "Periksa data" in nowhere and "; 2 orang." in nowhere
    every_byte = b"".join(path.read_bytes() for path in out.iterdir())
    every_text = rt1 + rt2 + nowhere
    for nik in {row[0] for row in REGISTER} | {row[0] for row in LIST if row[0]}:
        assert nik not in every_text
        assert nik.encode() not in every_byte
    with Store.open(db, read_only=True) as store:
        audit = store.run("list_audit").filter(pl.col("action") == "list")
    assert audit.select("user_name", "kemendagri_code", "persons").rows() == [("editor", KELURAHAN, 4)]


def test_the_kelurahans_sheet_has_the_columns_the_codes_and_a_result_dropdown(matched, tmp_path):
    db, key_file = matched
    archive = visit_lists.kelurahan_zip(
        db, keys.load_key(key_file), "Benuamelayu Laut", cadre="Tim Mawar", made_on=dt.date(2026, 12, 7), lang="en"
    )
    with zipfile.ZipFile(io.BytesIO(archive)) as files:
        sheet = openpyxl.load_workbook(io.BytesIO(files.read(f"{KELURAHAN}.xlsx"))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[2] == [en for _, _, en in campaign.SHEET_COLUMNS]
    refs = [row[0] for row in rows[3:]]
    assert refs == ["1-R2-3", "1-R2-4", "1-P3-9", "1-P3-11"]
    assert all(campaign.read_reference(ref) is not None for ref in refs)
    budi = dict(zip([field for field, _, _ in campaign.SHEET_COLUMNS], rows[4], strict=True))
    # Budi Santoso, born 02-01-2000: 26 on 7 December 2026 -> 18-59; L -> M in English.
    assert (budi["name"], budi["nik"], budi["age_band"], budi["sex"]) == (
        "Budi Santoso",
        f"6171{DOT8}0003",
        "18-59",
        "M",
    )
    assert (budi["rw"], budi["rt"], budi["action"], budi["cadre"], budi["result"]) == (
        "001", "002", "Enrol in JKN (PBI APBD (local government))", "Tim Mawar", None,
    )  # fmt: skip
    (dropdown,) = sheet.data_validations.dataValidation
    assert dropdown.formula1 == '"1,2,3,4,5,6,7,8"' and str(dropdown.sqref) == "J4:J7"


def test_a_purged_run_makes_no_list(matched):
    db, key_file = matched
    purged = uhc_as_editor("--db", db, "register", "purge", "--yes")
    assert purged.returncode == 0, purged.stderr
    refused = uhc_as_editor(
        "--db", db, "worklist", "--kelurahan", KELURAHAN, "--out", "x", "--key-file", key_file, "--lang", "en"
    )
    assert refused.returncode == 2
    assert "match run 1 were deleted" in refused.stderr


def test_a_list_needs_an_editor(matched, tmp_path):
    db, key_file = matched
    refused = uhc("--db", db, "worklist", "--kelurahan", KELURAHAN, "--out", tmp_path / "x", "--key-file", key_file)
    assert refused.returncode == 2 and not (tmp_path / "x").exists()


def test_pbpu_arrears_are_capped_by_the_rule_and_a_check_wins_over_enrol():
    persons = pl.DataFrame(
        {
            "run_id": [7, 7, 7, 7],
            "side": ["register"] * 4,
            "batch_id": [2, 2, 2, 2],
            "source_row": [5, 6, 8, 8],
            "category": ["to_reactivate", "to_reactivate", "to_visit", "register_invalid_nik"],
            "segment": ["pbpu", "bp", None, None],
            "kemendagri_code": [KELURAHAN] * 4,
            "rw": ["001"] * 4,
            "rt": ["002"] * 4,
        }
    )
    listed = pl.DataFrame(
        {
            "side": ["register"] * 3,
            "batch_id": [2, 2, 2],
            "source_row": [5, 6, 8],
            "name": ["A", "B", "C"],
            "address": ["x", "y", "z"],
            "nik_masked": [None, None, None],
            "sex": ["male", "female", "male"],
            "birth_date": [dt.date(1950, 12, 8), dt.date(1950, 12, 7), dt.date(2022, 1, 1)],
            "arrears_months": [30, 7, None],
        },
        schema=dict(
            zip(
                [
                    "side",
                    "batch_id",
                    "source_row",
                    "name",
                    "address",
                    "nik_masked",
                    "sex",
                    "birth_date",
                    "arrears_months",
                ],
                [pl.String, pl.Int32, pl.Int32, pl.String, pl.String, pl.String, pl.String, pl.Date, pl.Int32],
                strict=True,
            )
        ),
    )
    got = visits.visits(persons, listed, on=dt.date(2026, 12, 7), max_arrears_months=24)
    # A: 30 months -> 24 (the rule); born 8 Dec 1950, 75 the day before his birthday -> 60+.
    # B (BP, mandiri too): 7 months as given; 76 on her birthday -> 60+. C: to enrol but his NIK fails -> check; 4 -> 0-4.
    assert got.select("ref", "action", "segment", "arrears_months", "age_band").rows() == [
        ("7-R2-5", "reactivate", "pbpu", 24, "60+"),
        ("7-R2-6", "reactivate", "bp", 7, "60+"),
        ("7-R2-8", "check", None, None, "0-4"),
    ]


def test_the_masked_nik_never_stands_in_clear_in_the_store(matched):
    db, _ = matched
    stored = b"".join(path.read_bytes() for path in Path(db).parent.glob(Path(db).name + "*"))
    assert f"6171{DOT8}0002".encode() not in stored


def test_the_sheet_filled_in_goes_back_through_the_results_import(matched):
    db, key_file = matched
    from uhc.intake import results

    archive = visit_lists.kelurahan_zip(db, keys.load_key(key_file), KELURAHAN, made_on=dt.date.today())
    with zipfile.ZipFile(io.BytesIO(archive)) as files:
        book = openpyxl.load_workbook(io.BytesIO(files.read(f"{KELURAHAN}.xlsx")))
    sheet = book.active
    # Budi Santoso (the sheet's row 5) enrolled as PBI APBD today; Siti Aminah (row 4) moved; the
    # other two not visited yet (result left empty).
    sheet["J5"], sheet["K5"], sheet["L5"] = 1, "PBI APBD", dt.date.today().strftime("%d-%m-%Y")
    sheet["J4"], sheet["L4"] = "PINDAH", dt.date.today().strftime("%d/%m/%Y")
    filled = io.BytesIO()
    book.save(filled)
    report = results.check(db, filled.getvalue(), "hasil.xlsx", "en")
    assert report.ok, report.messages()
    assert sorted(report.rows.select("result").to_series().to_list()) == ["enrolled", "moved"]
    assert report.not_visited == 2


def test_without_nik_the_lists_print_no_part_of_a_nik(matched, tmp_path):
    db, key_file = matched
    out = tmp_path / "lists"
    done = uhc_as_editor(
        "--db", db, "worklist", "--kelurahan", KELURAHAN, "--out", out, "--without-nik", "--key-file", key_file
    )
    assert done.returncode == 0, done.stderr
    rt1 = pdf_text((out / "RW001-RT001.pdf").read_bytes())
    assert "Siti Aminah" in rt1 and DOT8 not in rt1 and "disamarkan" not in rt1
    sheet = openpyxl.load_workbook(out / f"{KELURAHAN}.xlsx").active
    assert [row[4] for row in sheet.iter_rows(min_row=4, values_only=True)] == [None] * 4
