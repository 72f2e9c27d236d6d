"""Province-wide files: rows of other kab/kota are left out in one line, the city's rows import (issue 10, item 6)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from uhc.intake import imports, reader
from uhc.store import seed
from uhc.store.db import Store

AS_OF = dt.date(2025, 6, 30)
# Kalimantan Barat, Dukcapil S1 2025 as a province office might list it: three Pontianak kelurahan,
# three of Kota Singkawang (61.72) and two of Kabupaten Kubu Raya (61.12), names as in the gazetteer.
PONTIANAK = [
    ("61.71.01.1002", "KOTA PONTIANAK", "PONTIANAK SELATAN", "BENUA MELAYU LAUT", 25_000),
    ("61.71.05.1002", "KOTA PONTIANAK", "PONTIANAK KOTA", "DARAT SEKIP", 18_500),
    ("61.71.06.1001", "KOTA PONTIANAK", "PONTIANAK TENGGARA", "BANSIR LAUT", 21_250),
]
OTHERS = [
    ("61.72.01.1001", "KOTA SINGKAWANG", "SINGKAWANG TENGAH", "ROBAN", 12_000),
    ("61.72.01.1002", "KOTA SINGKAWANG", "SINGKAWANG TENGAH", "CONDONG", 9_000),
    # Singkawang Barat has a kelurahan Tengah, as Pontianak Kota has: its kecamatan tells them apart
    ("61.72.02.1003", "KOTA SINGKAWANG", "SINGKAWANG BARAT", "TENGAH", 7_500),
    ("61.12.01.2001", "KAB. KUBU RAYA", "SUNGAI RAYA", "SUNGAI RAYA", 40_000),
    ("61.12.01.2002", "KAB. KUBU RAYA", "SUNGAI RAYA", "SUNGAI AMBANGAH", 15_000),
]


def write_province_file(path: Path, rows: list[tuple], with_codes: bool = True) -> Path:
    """The province's table: title rows, No column, 25.000 thousands, a Jumlah row, Windows-1252."""
    lines = ["JUMLAH PENDUDUK PER DESA/KELURAHAN", "PROVINSI KALIMANTAN BARAT SEMESTER I 2025", ""]
    lines.append("No;" + ("Kode Wilayah;" if with_codes else "") + "Kabupaten/Kota;Kecamatan;Kelurahan;Jumlah Penduduk")
    for number, (code, city, kecamatan, kelurahan, population) in enumerate(rows, 1):
        cells = [str(number), *([code] if with_codes else []), city, kecamatan, kelurahan, f"{population:_}"]
        lines.append(";".join(cells).replace("_", "."))
    total = sum(row[-1] for row in rows)
    lines.append(";" + (";" if with_codes else "") + f";Jumlah;;{total:_}".replace("_", "."))
    path.write_text("\n".join(lines) + "\n", encoding="cp1252")
    return path


@pytest.fixture
def store():
    with Store.in_memory() as opened:
        seed.add_city(opened, "61.71")
        yield opened


def checked_file(store: Store, path: Path) -> imports.Checked:
    parsed = reader.read_file(path.read_bytes(), path.name, "population")
    return imports.check(store, parsed, city_code="61.71", as_of=AS_OF)


@pytest.mark.parametrize("with_codes", [True, False], ids=["codes", "names only"])
def test_a_province_file_imports_the_city_rows_and_counts_the_rest_in_one_line(store, tmp_path, with_codes):
    rows = [OTHERS[0], PONTIANAK[0], OTHERS[3], PONTIANAK[1], OTHERS[1], OTHERS[2], PONTIANAK[2], OTHERS[4]]
    checked = checked_file(store, write_province_file(tmp_path / "penduduk_kalbar.csv", rows, with_codes))
    assert checked.errors == ()
    population = checked.population.sort("kemendagri_code")
    assert population["kemendagri_code"].to_list() == ["61.71.01.1002", "61.71.05.1002", "61.71.06.1001"]
    # 25.000 + 18.500 + 21.250 = 64.750
    assert population["population"].sum() == 64_750
    (outside,) = [issue for issue in checked.warnings if issue.code == "rows_outside_city"]
    # Without codes the kecamatan names tell: Singkawang Tengah and Barat are Singkawang's only;
    # Sungai Raya is a kecamatan of Kab. Bengkayang (61.07) and of Kab. Kubu Raya (61.12).
    kubu_raya = (
        "61.12 Kabupaten Kubu Raya" if with_codes else "61.07 / 61.12 Kabupaten Bengkayang / Kabupaten Kubu Raya"
    )
    assert outside.message("en") == (
        f"File “penduduk_kalbar.csv”: 5 rows of other kab/kota left out: 61.72 Kota Singkawang (3 rows); "
        f"{kubu_raya} (2 rows). Only the rows of Kota Pontianak are imported; import the same file for those "
        "kab/kota if you need them."
    )
    assert outside.message("id").startswith(
        "Berkas “penduduk_kalbar.csv”: 5 baris dari kota/kabupaten lain tidak diimpor: 61.72 Kota Singkawang "
        "(3 baris); "
    )
    assert imports.commit(store, checked, user="ana").new
    stored = store.run("population_of_dates", scope_code="61.71", as_of_dates=[AS_OF])
    assert stored["population"].sum() == 64_750


def test_a_file_with_no_row_of_the_city_is_refused(store, tmp_path):
    checked = checked_file(store, write_province_file(tmp_path / "penduduk_singkawang.csv", OTHERS[:3]))
    (error,) = checked.errors
    assert error.code == "all_rows_outside_city"
    assert error.message("en") == (
        "File “penduduk_singkawang.csv”: not one row is in Kota Pontianak: all 3 rows are of other kab/kota "
        "(61.72 Kota Singkawang (3 rows)). Choose the file's kab/kota (--city CODE), or check its code column: "
        "DKI Jakarta's BPS codes differ from the Kemendagri codes (give --crosswalk FILE)."
    )


def test_another_kab_kota_code_beside_a_name_of_the_city_is_an_error_not_a_match(store, tmp_path):
    # Singkawang's Tengah (61.72.02.1003) without a kecamatan column: the name alone is also Pontianak's
    # Tengah (61.71.05.1003), but the code says Singkawang, so the row is neither stored nor left out.
    path = tmp_path / "penduduk.csv"
    path.write_text(
        "Kode;Kelurahan;Jumlah Penduduk\n61.71.01.1002;BENUA MELAYU LAUT;25.000\n6172021003;TENGAH;7.500\n",
        encoding="utf-8",
    )
    checked = checked_file(store, path)
    (error,) = checked.errors
    assert error.code == "code_contradicts_name"
    assert error.params["code_readings"] == "61.72.02.1003 Tengah (Kota Singkawang)"
    assert error.params["name_reading"] == "61.71.05.1003 Tengah (Kec. Pontianak Kota)"
