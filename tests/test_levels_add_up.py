"""A Dukcapil table's kecamatan rows among its kelurahan rows: stored at their own level, checked to add up."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from uhc.intake import imports
from uhc.intake.reader import read_file
from uhc.store import seed
from uhc.store.db import Store

# Kec. Pontianak Kota (61.71.05) and its five kelurahan, one name column as Dukcapil's aggregate tables have it.
KELURAHAN = [("61.71.05.1001", 31_000), ("61.71.05.1002", 9_000), ("61.71.05.1003", 10_100), ("61.71.05.1004", 20_000)]
KELURAHAN += [("61.71.05.1005", 47_145)]  # 31.000 + 9.000 + 10.100 + 20.000 + 47.145 = 117.245


def table(kecamatan_figure: int) -> bytes:
    lines = ["DATA AGREGAT KEPENDUDUKAN SEMESTER I 2025", "Kode;Wilayah;Jumlah Penduduk"]
    lines.append(f"61.71.05;PONTIANAK KOTA;{kecamatan_figure:_}".replace("_", "."))
    lines += [f"{code};;{n:_}".replace("_", ".") for code, n in KELURAHAN]
    return ("\n".join(lines) + "\n").encode()


def checked(data: bytes) -> imports.Checked:
    with Store.in_memory() as store:
        seed.add_city(store, "61.71")
        parsed = read_file(data, "dkb.csv", "population")
        return imports.check(store, parsed, city_code="61.71", as_of=dt.date(2025, 6, 30))


def test_a_kecamatan_row_that_is_its_kelurahan_sum_is_stored_at_its_own_level_without_a_word():
    result = checked(table(117_245))
    assert result.issues == ()
    by_code = dict(result.population.select("kemendagri_code", "population").iter_rows())
    assert by_code == {"61.71.05": 117_245, **dict(KELURAHAN)}


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        (
            "id",
            "Pontianak Kota tercatat 120.000 dalam berkas ini, tetapi 5 wilayah di bawahnya dalam berkas yang sama "
            "berjumlah 117.245.",
        ),
        ("en", "Pontianak Kota holds 120,000 in this file, but its 5 regions in the same file add up to 117,245."),
    ],
)
def test_a_kecamatan_row_that_differs_from_its_kelurahan_sum_is_a_warning(language, sentence):
    result = checked(table(120_000))
    assert [(issue.severity, issue.code, issue.row) for issue in result.issues] == [
        ("warning", "level_sum_mismatch", 3)
    ]
    assert sentence in result.issues[0].message(language)


def test_only_a_region_with_all_its_children_in_the_file_is_checked():
    # four of the five kelurahan: their sum (70.100) says nothing about the kecamatan's 117.245
    data = table(117_245).replace(b"61.71.05.1005;;47.145\n", b"")
    result = checked(data)
    assert [issue.code for issue in result.issues if issue.code == "level_sum_mismatch"] == []
    assert result.population.filter(pl.col("kemendagri_code") == "61.71.05")["population"].to_list() == [117_245]
