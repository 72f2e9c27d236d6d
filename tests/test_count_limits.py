"""Counts above any real Indonesian region of their level are errors (issue 10, item 12, the store side)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from uhc.intake import imports, reader
from uhc.store import seed
from uhc.store.db import Store

JUNE = dt.date(2025, 6, 1)


@pytest.fixture(scope="module")
def store():
    with Store.in_memory() as opened:
        seed.add_city(opened, "61.71")
        yield opened


def check(store: Store, tmp_path: Path, kind: str, code: str, figure: int) -> imports.Checked:
    header = "Jumlah Penduduk" if kind == "population" else "Jumlah Peserta"
    path = tmp_path / f"{kind}.csv"
    path.write_text(f"Kode Wilayah;{header}\n{code};{figure:_}\n".replace("_", "."), encoding="utf-8")
    parsed = reader.read_file(path.read_bytes(), path.name, kind)
    if kind == "population":
        return imports.check(store, parsed, city_code="61.71", as_of=dt.date(2025, 6, 30))
    return imports.check(store, parsed, city_code="61.71", period=JUNE)


CASES = [
    ("kelurahan", "61.71.05.1002", imports.KELURAHAN_COUNT_LIMIT, 500_000),
    ("kecamatan", "61.71.05", imports.KECAMATAN_COUNT_LIMIT, 2_000_000),
    ("kota", "61.71", imports.KAB_KOTA_COUNT_LIMIT, 15_000_000),
]


@pytest.mark.parametrize("kind", ["population", "coverage"])
@pytest.mark.parametrize(("level", "code", "limit", "written"), CASES, ids=[c[0] for c in CASES])
def test_a_count_at_the_limit_is_taken_and_one_more_is_refused(store, tmp_path, kind, level, code, limit, written):
    assert limit == written  # the limits as documented in the README
    figure = "population" if kind == "population" else "registered"
    at_limit = check(store, tmp_path, kind, code, limit)
    assert [issue.code for issue in at_limit.errors] == []
    rows = at_limit.population if kind == "population" else at_limit.coverage
    assert rows[figure].to_list() == [limit]
    over = check(store, tmp_path, kind, code, limit + 1)
    (error,) = over.errors
    assert (error.code, error.row, error.value) == (f"{figure}_above_limit", 2, str(limit + 1))
    assert error.column == ("Jumlah Penduduk" if kind == "population" else "Jumlah Peserta")


def test_the_message_says_the_value_the_limit_and_what_to_do(store, tmp_path):
    (error,) = check(store, tmp_path, "population", "61.71.05.1002", 687_031).errors
    assert error.message("en") == (
        "File “population.csv”, row 2, column “Jumlah Penduduk”: population 687,031 for Daratsekip (61.71.05.1002) "
        "is more than any kelurahan/desa in Indonesia holds (at most 500,000). Check this column: it may be a "
        "density, a cumulative figure or the total of several regions. Correct the figure, then import again."
    )
    assert error.message("id") == (
        "Berkas “population.csv”, baris 2, kolom “Jumlah Penduduk”: jumlah penduduk 687.031 untuk Daratsekip "
        "(61.71.05.1002) lebih besar dari kelurahan/desa mana pun di Indonesia (paling banyak 500.000). Periksa "
        "kolom ini: mungkin kepadatan, angka kumulatif, atau total beberapa wilayah. Perbaiki angkanya, lalu impor "
        "lagi."
    )
