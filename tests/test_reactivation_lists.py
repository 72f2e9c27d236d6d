"""python -m uhc reactivate --rt: a kelurahan's residents to reactivate per RT, with their arrears, priced.

Synthetic people of kecamatan 61.71.01 of Kota Pontianak (NIK: 6171 01, DDMMYY with day + 40 for
women, a serial). The rates are the store's: Pemda and PBPU iuran Rp42.000 a month, arrears counted
at most 24 months (Perpres 64/2020). Every expected value is worked out by hand in a comment.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest
from command_line import add_editor, uhc, uhc_as_editor
from polars.testing import assert_frame_equal

from uhc import i18n
from uhc.core import campaign, reactivation_lists
from uhc.core.reactivation import Rates
from uhc.store import keys, seed
from uhc.store.db import Store

HERE, THERE = "61.71.01.1002", "61.71.01.1003"
REGISTER = [
    # NIK, name, sex, birth date, RT, RW, kelurahan           (file row: the header is row 1)
    ("6171011708850001", "Ahmad Fauzi", "L", "17-08-1985", "001", "001", HERE),  # row 2: PBPU, 7 months
    ("6171016103900002", "Siti Aminah", "P", "21-03-1990", "001", "001", HERE),  # row 3: PBPU, 30 months
    ("6171010201000003", "Budi Santoso", "L", "02-01-2000", "001", "001", HERE),  # row 4: BP, months not given
    ("6171014505950004", "Dewi Lestari", "P", "05-05-1995", "002", "001", HERE),  # row 5: PBI APBD, 5 months
    ("6171010303880005", "Eko Prasetyo", "L", "03-03-1988", "002", "001", HERE),  # row 6: PBI APBN
    ("6171011010800006", "Hendra Gunawan", "L", "10-10-1980", "002", "001", HERE),  # row 7: PBPU active
    ("6171015506920007", "Yuni Kartika", "P", "15-06-1992", "001", "002", THERE),  # row 8: PBPU, other kelurahan
    ("6171012512700008", "Joko Susilo", "L", "25-12-1970", "003", "001", HERE),  # row 9: not on the list
]  # fmt: skip
LIST = [
    # NIK, segment, status, kelurahan, JML BLN TUNGGAK              (file row)
    ("6171011708850001", "PBPU", "NON AKTIF", HERE, "7"),  # row 2
    ("6171016103900002", "PBPU", "NON AKTIF", HERE, "30"),  # row 3
    ("6171010201000003", "BP", "NON AKTIF", HERE, ""),  # row 4
    ("6171014505950004", "PBPU Pemda", "NON AKTIF", HERE, "5"),  # row 5
    ("6171010303880005", "PBI APBN", "NON AKTIF", HERE, ""),  # row 6
    ("6171011010800006", "PBPU", "AKTIF", HERE, "0"),  # row 7
    ("6171015506920007", "PBPU", "NON AKTIF", THERE, "12"),  # row 8
]  # fmt: skip


@pytest.fixture
def city(tmp_path: Path) -> tuple[Path, Path]:
    """Kota Pontianak's regions, an editor, the register and the list imported and matched (run 1)."""
    db = tmp_path / "uhc.duckdb"
    with Store.open(db) as store:
        seed.add_city(store, "61.71")
    add_editor(db)
    key_file = tmp_path / "keys" / "city.key"
    keys.create_key_file(key_file)
    register = tmp_path / "register.csv"
    register.write_text(
        "NIK;NAMA;JENIS KELAMIN;TGL LAHIR;RT;RW;KELURAHAN\n" + "\n".join(";".join(r) for r in REGISTER) + "\n",
        encoding="utf-8",
    )
    listed = tmp_path / "peserta.csv"
    listed.write_text(
        "NIK;SEGMEN;STATUS;KODE KELURAHAN;JML BLN TUNGGAK\n" + "\n".join(";".join(r) for r in LIST) + "\n",
        encoding="utf-8",
    )
    for command, path in (("register", register), ("participants", listed)):
        done = uhc_as_editor("--db", db, command, "import", path, "--key-file", key_file)
        assert done.returncode == 0, done.stderr
    done = uhc_as_editor("--db", db, "match", "--key-file", key_file)
    assert done.returncode == 0, done.stderr
    return db, key_file


def test_each_resident_to_reactivate_is_priced_from_the_lists_own_months(city):
    db, _ = city
    done = uhc("--db", db, "reactivate", "--rt", HERE, "--format", "json")
    assert done.returncode == 0, done.stderr
    rows = pl.DataFrame(json.loads(done.stdout)).select(
        "rw", "rt", "ref", "segment", "arrears_months", "arrears_counted_months", "arrears_owed_idr", "route",
        "city_cost_idr",
    )  # fmt: skip
    # Batch 1 is the gazetteer, 2 the register, 3 the list; run 1. A move or a PBI APBD iuran costs
    # the city 42.000 x 12 = 504.000. PBPU arrears: 7 x 42.000 = 294.000; 30 months are counted as
    # 24 (the rule), 24 x 42.000 = 1.008.000; BP without months: unknown. PBI APBD's 5 months are no
    # mandiri arrears (the Pemda pays its iuran again); PBI APBN is the APBN's. Hendra (active),
    # Yuni (another kelurahan) and Joko (not on the list) are on no reactivation list here.
    expected = pl.DataFrame(
        {
            "rw": ["001"] * 5,
            "rt": ["001", "001", "001", "002", "002"],
            "ref": ["1-R2-2", "1-R2-3", "1-R2-4", "1-R2-5", "1-R2-6"],
            "segment": ["pbpu", "pbpu", "bp", "pbi_apbd", "pbi_apbn"],
            "arrears_months": [7, 30, None, 5, None],
            "arrears_counted_months": [7, 24, None, None, None],
            "arrears_owed_idr": [294_000, 1_008_000, None, None, None],
            "route": ["move", "move", "move", "iuran", "not_city"],
            "city_cost_idr": [504_000, 504_000, 504_000, 504_000, None],
        }
    )
    assert_frame_equal(rows, expected, check_dtypes=False)
    assert rows["ref"][0] == str(campaign.Reference(1, "register", 2, 2))


def test_the_rt_totals_count_the_persons_whose_months_are_known(city):
    db, _ = city
    with Store.open(db, read_only=True) as store:
        lists = reactivation_lists.lists_of_kelurahan(store, HERE, made_on=dt.date(2026, 12, 7))
    # RT 001: PBPU 294.000 + 1.008.000 = 1.302.000 owed by 2 with months, 2 x 504.000 to move;
    # BP 1 person without months; RT 002: PBI APBD 504.000, PBI APBN nothing for the city.
    expected = pl.DataFrame(
        {
            "kemendagri_code": [HERE] * 4,
            "rw": ["001"] * 4,
            "rt": ["001", "001", "002", "002"],
            "segment": ["pbpu", "bp", "pbi_apbn", "pbi_apbd"],
            "persons": [2, 1, 1, 1],
            "with_months": [2, 0, 0, 0],
            "arrears_owed_idr": [1_302_000, None, None, None],
            "city_cost_idr": [1_008_000, 504_000, None, 504_000],
        },
        schema=reactivation_lists.TOTAL_SCHEMA,
    )
    # figures.SEGMENTS order puts PBI APBN before PBI APBD
    assert_frame_equal(lists.totals.sort("rt", "segment"), expected.sort("rt", "segment"))
    assert lists.run_id == 1
    assert lists.rates == Rates(pemda_iuran_idr=42_000, pbpu_iuran_idr=42_000, arrears_cap_months=24)


def test_the_text_list_in_bahasa_indonesia(city):
    db, _ = city
    done = uhc("--db", db, "reactivate", "--rt", HERE, "--months", "6")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Reaktivasi per RT · Kelurahan ")
    assert lines[0].endswith(" · hasil pemadanan 1 · " + i18n.day(dt.date.today(), "id"))
    first = lines.index("RW 001 · RT 001")
    heading, *table = lines[first + 1 : first + 6]
    assert heading.split() == ["Kode", "Segmen", "Bulan", "tunggakan", "Tunggakan", "Biaya", "kota", "Langkah", "kota"]
    # 6 months funded: 42.000 x 6 = 252.000 for the city per person
    assert table[0].split()[:1] + table[0].split()[-7:] == ["1-R2-2", "7", "Rp294.000", "Rp252.000", "pindah", "ke", "PBPU", "Pemda"]  # fmt: skip
    assert "30 \u2192 24" in table[1] and "Rp1.008.000" in table[1]
    # 2 + 1 persons; 294.000 + 1.008.000 owed; 3 x 252.000 = 756.000
    assert table[3] == (
        "  Jumlah: 3 orang; tunggakan Rp1.302.000 (2 dengan bulan tunggakan tercantum); biaya kota Rp756.000"
    )
    assert "paling banyak 24 bulan" in lines[-1]
    for name in ("Ahmad", "Siti", "Budi", "6171011708850001"):
        assert name not in done.stdout


def test_a_kelurahan_by_name_and_the_refusals(city):
    db, _ = city
    by_code = uhc("--db", db, "reactivate", "--rt", HERE, "--format", "csv")
    with Store.open(db, read_only=True) as store:
        tree = store.run("region_tree", scope_code="")
    name = tree.filter(pl.col("kemendagri_code") == HERE)["name"][0]
    by_name = uhc("--db", db, "reactivate", "--rt", name.upper(), "--format", "csv")
    assert by_name.returncode == 0, by_name.stderr
    assert by_name.stdout == by_code.stdout
    unknown = uhc("--db", db, "reactivate", "--rt", "Kampung Entah", "--lang", "en")
    assert unknown.returncode == 2
    assert unknown.stderr.startswith("uhc: no kelurahan Kampung Entah in the store")
    no_run = uhc("--db", db, "reactivate", "--rt", HERE, "--run", "7", "--lang", "en")
    assert no_run.stderr == "uhc: no match run 7; the stored runs are 1 (python -m uhc match --history).\n"
    purged = uhc_as_editor("--db", db, "register", "purge", "--yes")
    assert purged.returncode == 0, purged.stderr
    after = uhc("--db", db, "reactivate", "--rt", HERE)
    assert after.returncode == 2
    assert after.stderr.startswith("uhc: data pribadi hasil pemadanan 1 sudah dihapus (register purge)")


def test_without_an_arrears_rule_no_arrears_are_counted():
    persons = pl.DataFrame(
        {
            "side": ["register"],
            "batch_id": [2],
            "source_row": [2],
            "category": ["to_reactivate"],
            "segment": ["pbpu"],
            "kemendagri_code": [HERE],
            "rw": ["001"],
            "rt": ["001"],
            "partner_row": [2],
        }
    )
    listed = pl.DataFrame({"source_row": [2], "arrears_months": [7]})
    rates = Rates(pemda_iuran_idr=42_000, pbpu_iuran_idr=42_000, arrears_cap_months=None)
    rows = reactivation_lists.person_rows(persons, listed, rates, run_id=3, months_funded=1)
    # no rule in force: the 7 months are shown as listed, none counted or priced; a move is 42.000 x 1
    assert rows.select("ref", "arrears_months", "arrears_counted_months", "arrears_owed_idr", "city_cost_idr").row(
        0
    ) == ("3-R2-2", 7, None, None, 42_000)
