"""The cadres' filled sheets coming back (python -m uhc results import, uhc.intake.results).

The store is test_match_command's: ten synthetic residents matched against a BPJS list as run 1
(the register is import 2, the list import 3). A register row's reference is ``1-R2-<line>``, its
line in register.csv (the header is line 1): Budi Santoso (R3, to visit) is 1-R2-4 in kelurahan
61.71.01.1002 RW 001 RT 002; Siti Aminah (R2, to reactivate) 1-R2-3 in RW 001 RT 001; Hendra
Gunawan (R7, to visit) 1-R2-8 in 61.71.01.1004 RW 001 RT 003; Yuni Kartika (R8, to visit) 1-R2-10
in 61.71.01.1004 RW 003 RT 001.
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import polars as pl
import pytest
from command_line import uhc, uhc_as_editor
from test_match_command import city, rows  # noqa: F401  (city is a fixture)

from uhc.core import campaign
from uhc.intake import results
from uhc.intake.people.table import PeopleError

HEADINGS_ID = [indonesian for _, indonesian, _ in campaign.SHEET_COLUMNS]
HEADINGS_EN = [english for _, _, english in campaign.SHEET_COLUMNS]
TODAY = dt.date.today()  # the run is made today: a visit is dated today, not before
DAY = TODAY.strftime("%d-%m-%Y")


@pytest.fixture
def matched(city):  # noqa: F811
    db, key_file = city
    done = uhc_as_editor("--db", db, "match", "--key-file", key_file)
    assert done.returncode == 0, done.stderr
    return db


def sheet(rows_: list[dict], headings: list[str] = HEADINGS_ID, title: bool = True) -> bytes:
    """A kelurahan XLSX as the lists make it: two title rows, the header, a row per person."""
    book = openpyxl.Workbook()
    page = book.active
    if title:
        page.append(["DAFTAR KUNJUNGAN KADER - KELURAHAN SUNGAI BANGKONG"])
        page.append(["Data pribadi: jangan disebarkan"])
    page.append(headings)
    fields = [field for field, _, _ in campaign.SHEET_COLUMNS]
    for row in rows_:
        page.append([row.get(field) for field in fields])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_filled_sheet_is_stored_once_and_a_second_upload_changes_nothing(matched, tmp_path):
    filled = [
        # Excel row 4: Budi enrolled as PBI APBD, the number 1, the date as text
        {"ref": "1-R2-4", "name": "Budi Santoso", "result": 1, "segment": "PBI APBD", "result_date": DAY,
         "cadre": "  Tim  Dasawisma 3 ", "note": "tetangga bilang sudah pindah kerja"},
        # row 5: Siti reactivated, the word in English, the date an Excel date cell
        {"ref": "1-r2-3 ", "result": "reactivated", "segment": "pbpu pemda", "result_date": TODAY,
         "cadre": "Tim Dasawisma 3"},
        # row 6: Hendra not visited yet: skipped
        {"ref": "1-R2-8"},
        # row 7: Yuni not at the address, the Indonesian word with a hyphen and lower case
        {"ref": "1-R2-10", "result": "tidak-di alamat", "result_date": TODAY.strftime("%d/%m/%Y")},
    ]  # fmt: skip
    path = tmp_path / "hasil_sungai_bangkong.xlsx"
    path.write_bytes(sheet(filled))
    report = results.check(matched, path.read_bytes(), path.name, "en")
    assert report.problems == ()
    assert report.not_visited == 1
    expected = pl.DataFrame(
        {
            "sheet_row": [4, 5, 7],
            "run_id": [1, 1, 1],
            "side": ["register"] * 3,
            "person_batch": [2, 2, 2],
            "person_row": [4, 3, 10],
            "kemendagri_code": ["61.71.01.1002", "61.71.01.1002", "61.71.01.1004"],
            "rw": ["001", "001", "003"],
            "rt": ["002", "001", "001"],
            "result": ["enrolled", "reactivated", "not_at_address"],
            "segment": ["pbi_apbd", "pbi_apbd", None],
            "result_date": [TODAY] * 3,
            "cadre": ["Tim Dasawisma 3", "Tim Dasawisma 3", None],  # spaces collapsed
        },
        schema=report.rows.schema,
    )
    assert report.rows.equals(expected)
    assert report.lines("en") == [
        "hasil_sungai_bangkong.xlsx: 3 visit results, 1 persons not visited yet (empty result, skipped).",
        "  1 Enrolled: 1",
        "  2 Reactivated: 1",
        "  6 Not at address: 1",
        "3 results new or changed.",
    ]

    refused = uhc("--db", matched, "results", "import", path, "--lang", "en")
    assert refused.returncode == 2 and "--user" in refused.stderr  # writing needs an editor
    done = uhc_as_editor("--db", matched, "results", "import", path, "--lang", "en")
    assert done.returncode == 0, done.stderr
    # batches 1 gazetteer, 2 register, 3 list: the results are import 4
    assert done.stdout.splitlines()[-1] == "hasil_sungai_bangkong.xlsx: 3 results saved as import 4."
    assert rows(matched, "SELECT batch_id, sheet_row, person_row, result FROM campaign_result ORDER BY sheet_row") == [
        (4, 4, 4, "enrolled"),
        (4, 5, 3, "reactivated"),
        (4, 7, 10, "not_at_address"),
    ]
    assert "tetangga" not in str(rows(matched, "SELECT * FROM campaign_result"))  # the note is never stored

    again = uhc_as_editor("--db", matched, "results", "import", path, "--lang", "en")
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[-1] == (
        "hasil_sungai_bangkong.xlsx: nothing new; every result is already stored. Nothing was changed."
    )
    assert rows(matched, "SELECT count(*) FROM import_batch WHERE kind = 'results'") == [(1,)]
    assert rows(matched, "SELECT count(*) FROM campaign_result") == [(3,)]


def test_a_later_sheet_is_a_revision_and_the_newest_result_is_in_force(matched):
    first = sheet([{"ref": "1-R2-10", "result": 6, "result_date": DAY}])
    assert results.store(matched, results.check(matched, first, "a.xlsx"), "editor") == 4
    # the second visit found Yuni and enrolled her (PBPU); Budi refused
    second = sheet(
        [
            {"ref": "1-R2-10", "result": "TERDAFTAR", "segment": "Mandiri", "result_date": DAY},
            {"ref": "1-R2-4", "result": 7, "result_date": DAY},
        ],
        headings=HEADINGS_EN,
        title=False,
    )
    report = results.check(matched, second, "b.xlsx")
    assert report.new_rows.height == 2
    assert results.store(matched, report, "editor") == 5
    from uhc.store import campaign as stored
    from uhc.store.db import Store

    with Store.open(matched, read_only=True) as store:
        in_force = stored.results_in_force(store)
    assert in_force.select("person_row", "result", "segment", "batch_id").rows() == [
        (4, "refused", None, 5),  # 61.71.01.1002 first
        (10, "enrolled", "pbpu", 5),  # batch 5 over batch 4's not_at_address
    ]
    # the first sheet again: Yuni's row differs from her result in force, so it is a change again
    assert results.check(matched, first, "a.xlsx").new_rows.height == 1


def test_every_problem_names_row_and_column_and_nothing_is_stored(matched, tmp_path):
    tomorrow = (TODAY + dt.timedelta(days=1)).strftime("%d-%m-%Y")
    yesterday = (TODAY - dt.timedelta(days=1)).strftime("%d-%m-%Y")
    bad = [
        {"ref": "1-R2-4", "result": 1, "segment": "PBI APBD", "result_date": DAY},  # row 4: fine
        {"ref": "R2-4", "result": 1},  # row 5: not a code
        {"ref": "1-R2-4", "result": 4, "result_date": DAY},  # row 6: Budi again
        {"ref": "9-R2-4", "result": 4, "result_date": DAY},  # row 7: no run 9
        {"ref": "1-R2-99", "result": 4, "result_date": DAY},  # row 8: no such person in run 1
        {"ref": "1-R2-10", "result": 9, "result_date": DAY},  # row 9: no result 9
        {"ref": "1-R2-8", "result": 1, "result_date": DAY},  # row 10: enrolled without a segment
        {"ref": "1-R2-3", "result": 2, "segment": "Askes", "result_date": DAY},  # row 11: no such segment
        {"ref": "1-R2-2", "result": 5},  # row 12: no date
        {"ref": "1-R2-6", "result": 5, "result_date": "31-02-2026"},  # row 13: no such day
        {"ref": "1-R2-7", "result": 4, "result_date": tomorrow},  # row 14: in the future
        {"ref": "1-R2-5", "result": 4, "result_date": yesterday},  # row 15: before the run
        {"result": 3, "result_date": DAY},  # row 16: a result for no one
    ]
    path = tmp_path / "hasil.xlsx"
    path.write_bytes(sheet(bad))
    done = uhc_as_editor("--db", matched, "results", "import", path, "--lang", "en")
    assert done.returncode == 2
    messages = done.stderr.splitlines()
    assert messages[1] == "  1 Enrolled: 1"  # row 4
    assert messages[2] == "hasil.xlsx: nothing saved, 12 problems; correct them and upload the sheet again."
    assert messages[3:] == [
        "  hasil.xlsx, row 5, column Kode: not a person's code such as 12-R3-1045; copy the code from the "
        "cadre's list without changing it.",
        "  hasil.xlsx, row 6, column Kode: code 1-R2-4 is also in row 4; keep one row per person.",
        "  hasil.xlsx, row 7, column Kode: code 9-R2-4: this store holds no match run 9; upload the sheet to the "
        "dashboard its list was made from.",
        "  hasil.xlsx, row 8, column Kode: code 1-R2-99 names no person of match run 1's lists; copy the code "
        "from the cadre's list without changing it.",
        "  hasil.xlsx, row 9, column Hasil (1-8): not a visit result; write a number 1-8 or its word: "
        "1 TERDAFTAR, 2 AKTIF KEMBALI, 3 TERDAFTAR DI TEMPAT LAIN, 4 PINDAH, 5 MENINGGAL, 6 TIDAK DI ALAMAT, "
        "7 MENOLAK, 8 PERLU DICEK.",
        "  hasil.xlsx, row 10, column Segmen: this result needs the segment the person is enrolled in; write "
        "one of PBI APBN, PBI APBD, PPU, PBPU, BP.",
        "  hasil.xlsx, row 11, column Segmen: not a JKN segment; write one of PBI APBN, PBI APBD, PPU, PBPU, BP.",
        "  hasil.xlsx, row 12, column Tanggal: the visit's date is empty; write it as dd-mm-yyyy (e.g. 05-12-2026).",
        "  hasil.xlsx, row 13, column Tanggal: not a date; write the visit's date as dd-mm-yyyy (e.g. 05-12-2026), "
        "dd/mm/yyyy or as an Excel date.",
        f"  hasil.xlsx, row 14, column Tanggal: {tomorrow} is after today ({DAY}); write the day the visit took place.",
        f"  hasil.xlsx, row 15, column Tanggal: {yesterday} is before match run 1 was made ({DAY}), which this "
        "list comes from; check the date.",
        "  hasil.xlsx, row 16, column Kode: a result but no person's code; copy the code from the cadre's list, "
        "or leave the result empty.",
    ]
    assert rows(matched, "SELECT count(*) FROM campaign_result") == [(0,)]
    assert rows(matched, "SELECT count(*) FROM import_batch WHERE kind = 'results'") == [(0,)]
    # in Indonesian, the first line's refusal
    indonesian = results.check(matched, path.read_bytes(), path.name, "id").lines()
    assert indonesian[2] == "hasil.xlsx: tidak ada yang disimpan, 12 masalah; perbaiki lalu unggah lembar ini lagi."


def test_a_csv_without_a_result_column_is_refused_naming_both_spellings(matched):
    data = b"Kode;Nama\n1-R2-4;Budi Santoso\n"
    with pytest.raises(PeopleError) as refused:
        results.check(matched, data, "hasil.csv", "en")
    assert "Hasil (1-8) / Result (1-8)" in refused.value.text("en")


def test_one_result_typed_on_the_page_is_its_own_revision(matched):
    assert results.record_one(matched, "1-R2-4", 1, "PBI APBD", TODAY, "Tim 2", "editor") == 4
    assert results.record_one(matched, "1-R2-4", 1, "PBI APBD", TODAY, "Tim 2", "editor") is None  # unchanged
    with pytest.raises(PeopleError) as refused:
        results.record_one(matched, "1-R2-4", 1, None, TODAY, "Tim 2", "editor")
    assert refused.value.key == "results_needs_segment"
    assert rows(matched, "SELECT result, segment, cadre, sheet_row FROM campaign_result") == [
        ("enrolled", "pbi_apbd", "Tim 2", 2)  # the CSV the form makes: header line 1, the person line 2
    ]


def test_purge_deletes_the_results_and_a_sheet_of_a_purged_run_is_refused(matched, tmp_path):
    path = tmp_path / "hasil.xlsx"
    path.write_bytes(sheet([{"ref": "1-R2-4", "result": 6, "result_date": DAY}]))
    assert uhc_as_editor("--db", matched, "results", "import", path).returncode == 0
    purged = uhc_as_editor("--db", matched, "register", "purge", "--yes")
    assert purged.returncode == 0, purged.stderr
    assert rows(matched, "SELECT count(*) FROM campaign_result") == [(0,)]
    again = uhc("--db", matched, "results", "import", path, "--dry-run", "--lang", "en")
    assert again.returncode == 2
    assert "code 1-R2-4 is of match run 1, whose personal data was deleted on" in again.stderr
