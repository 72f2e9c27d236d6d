"""Reports stay readable on big files: a few findings of each kind, then one line with how many more."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from command_line import uhc

from uhc.intake import import_report, imports
from uhc.intake.reader import Issue, read_file
from uhc.store import seed
from uhc.store.db import Store
from uhc.store.regions import city_region_tree, kab_kota

ROWS = 1_200
UNKNOWN = 1_185
KNOWN = ROWS - UNKNOWN  # 15 real kelurahan of Pontianak


def big_recap() -> str:
    """A June recap of 1.200 kelurahan rows: 15 of Pontianak's, then 1.185 names no city has."""
    kelurahan = city_region_tree(kab_kota("61.71")).filter(level="kelurahan")["name"].to_list()[:KNOWN]
    lines = ["REKAP PESERTA JKN KOTA PONTIANAK", "Posisi: Juni 2025", "No;Kelurahan;Jumlah Peserta;Peserta Aktif"]
    names = [*kelurahan, *(f"Kampung Tak Bernama {n}" for n in range(1, UNKNOWN + 1))]
    lines += [f"{n};{name};1.000;800" for n, name in enumerate(names, start=1)]
    lines.append(f";Jumlah;{ROWS * 1000:,};{ROWS * 800:,}".replace(",", "."))  # 1.200.000 and 960.000
    return "\n".join(lines) + "\n"


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "city.duckdb"
    with Store.open(path) as store:
        seed.add_city(store, "61.71")
    return path


@pytest.fixture
def checked(store_path: Path) -> imports.Checked:
    parsed = read_file(big_recap().encode("cp1252"), "rekap_besar.csv", "coverage")
    with Store.open(store_path, read_only=True) as store:
        return imports.check(store, parsed, city_code="61.71")


def test_the_issues_themselves_stay_complete(checked):
    # every unknown kelurahan is its own finding: code inspecting Checked.issues sees all 1.185
    assert [issue.code for issue in checked.errors] == ["unknown_region"] * UNKNOWN
    assert import_report.issue_count(checked.errors) == UNKNOWN


@pytest.mark.parametrize(
    ("language", "first", "more"),
    [
        (
            "id",
            "rekap_besar.csv tidak diimpor: 1.185 kesalahan. Perbaiki baris yang disebut di bawah, lalu impor lagi.",
            "Kesalahan: … dan 1.180 lagi dengan jenis yang sama",  # 1.185 - 5 shown = 1.180
        ),
        (
            "en",
            "rekap_besar.csv was not imported: 1,185 errors. Correct the rows named below, then import it again.",
            "Error: … and 1,180 more of the same kind",
        ),
    ],
)
def test_the_cli_shows_five_of_a_kind_then_how_many_more(store_path, tmp_path, language, first, more):
    path = tmp_path / "rekap_besar.csv"
    path.write_bytes(big_recap().encode("cp1252"))
    result = uhc("--db", store_path, "import", "coverage", path, "--lang", language)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    # the refusal and what to do, 5 unknown kelurahan (rows 19 to 23: 3 title rows, 15 known rows
    # at 4-18), the line for the other 1.180, and the warning that 29 - 15 = 14 kelurahan are missing
    assert lines[0] == first
    assert [line.split("“rekap_besar.csv”, ")[1].split(",")[0] for line in lines[1:6]] == [
        f"{'baris' if language == 'id' else 'row'} {row}" for row in range(19, 24)
    ]
    assert "Kampung Tak Bernama 1”" in lines[1] and "Kampung Tak Bernama 5”" in lines[5]
    assert lines[6] == more
    assert len(lines) == 8
    assert "14" in lines[7] and "29" in lines[7]


def test_the_data_page_lists_are_cut_short_the_same_way(checked):
    found = import_report.findings(checked.issues, "en")
    assert len(found["error"]) == 6
    assert found["error"][-1] == "… and 1,180 more of the same kind"
    assert found["error"][:5] == [issue.message("en") for issue in checked.errors[:5]]
    assert len(found["warning"]) == 1


def issue(code: str, row: int, severity: str = "error", **params) -> Issue:
    return Issue(severity, code, "f.csv", row=row, params=params)


def test_each_kind_gets_its_own_line_after_its_last_shown_finding():
    issues = [
        *(issue("not_a_number", row) for row in range(2, 10)),  # 8: 5 shown, 3 more
        *(issue("negative", row) for row in range(10, 13)),  # 3: all shown
        *(issue("total_mismatch", row, "warning") for row in range(13, 20)),  # 7: 5 shown, 2 more
    ]
    lines = import_report.summarised(issues, "en")
    # 5 shown + 1 line + 3 negative = 9 errors; 5 shown + 1 line = 6 warnings
    assert [severity for severity, _ in lines] == ["error"] * 9 + ["warning"] * 6
    assert lines[5] == ("error", "… and 3 more of the same kind")
    assert lines[-1] == ("warning", "… and 2 more of the same kind")
    assert [message.split(":")[0] for _, message in lines[6:9]] == [f"File “f.csv”, row {n}" for n in (10, 11, 12)]


def test_the_readers_left_out_findings_join_the_count_of_their_kind():
    # 130 cells that are no number: the reader keeps 100 and counts 30; shown are 5, then 130 - 5 = 125
    text = "Kecamatan;Jumlah Peserta\n" + "".join(f"K{n};x\n" for n in range(130))
    parsed = read_file(text.encode(), "banyak.csv", "coverage")
    assert import_report.issue_count(parsed.errors) == 130
    lines = import_report.summarised(parsed.issues, "id")
    assert len(lines) == 6
    assert lines[-1] == ("error", "… dan 125 lagi dengan jenis yang sama")


def test_the_reader_caps_each_kind_on_its_own():
    # 120 bad numbers and 120 negative counts: 100 of each kept, then one count of 20 for each kind
    text = "Kecamatan;Jumlah Peserta;Peserta Aktif\n" + "".join(f"K{n};x;-5\n" for n in range(120))
    parsed = read_file(text.encode(), "dua_jenis.csv", "coverage")
    counted = [(i.params["of_code"], i.params["count"]) for i in parsed.issues if i.code == "more_issues"]
    assert sorted(counted) == [("negative", 20), ("not_a_number", 20)]
    assert sum(1 for i in parsed.issues if i.code == "not_a_number") == 100
    assert import_report.issue_count(parsed.errors) == 240


def test_a_population_file_refusal_names_the_as_of_date_need_without_summary_lines(store_path):
    parsed = read_file(b"Kelurahan;Jumlah Penduduk\nDarat Sekip;10.000\n", "p.csv", "population")
    with Store.open(store_path, read_only=True) as store:
        checked = imports.check(store, parsed, city_code="61.71", as_of=dt.date(2025, 6, 30))
    assert checked.errors == ()
    assert all("…" not in message for _, message in import_report.summarised(checked.issues, "id"))


@pytest.mark.parametrize("title", ["Posisi: Juni 2025", "Bulan Juni 2025", "Periode 06/2025"])
def test_a_title_month_right_over_the_header_is_no_period_column(title):
    # found with the 1.200-row recap: the title's month was taken as a group label over "No"
    text = f"REKAP PESERTA JKN\n{title}\nNo;Kelurahan;Jumlah Peserta\n1;Darat Sekip;1.000\n"
    parsed = read_file(text.encode(), "r.csv", "coverage")
    assert parsed.errors == ()
    assert parsed.header_row == 3
    assert parsed.columns == {"kelurahan": "Kelurahan", "registered": "Jumlah Peserta"}
    assert parsed.rows.select("kelurahan", "registered").rows() == [("Darat Sekip", 1_000)]
