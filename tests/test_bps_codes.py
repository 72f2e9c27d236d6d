"""BPS codes for the region tree from a Kemendagri-BPS crosswalk file (issue 10, item 8).

The crosswalks are the real ones in ../shared/real (BPS codes from PyPI daerah-indonesia 0.1.0).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from uhc.cli import main as cli
from uhc.intake import crosswalk
from uhc.intake.crosswalk import CrosswalkError, read_crosswalk
from uhc.store import seed
from uhc.store.db import Store

CITIES = {"pontianak": "61.71", "serang": "36.73", "jakarta_barat": "31.73"}


def real_crosswalk(real_data_dir: Path, level: str) -> pl.DataFrame:
    return pl.read_csv(real_data_dir / f"{level}_kemendagri_bps_crosswalk.csv", infer_schema=False)


def stored_crosswalks(store: Store, real_data_dir: Path) -> list[dict]:
    results = []
    for level in ("kecamatan", "kelurahan"):
        path = real_data_dir / f"{level}_kemendagri_bps_crosswalk.csv"
        pairs = read_crosswalk(path.read_bytes(), path.name)
        results.append(crosswalk.store_crosswalk(store, pairs, file_name=path.name, sha256="-", user="ana"))
    return results


def test_the_real_crosswalks_read_as_pairs(real_data_dir):
    for level, count in (("kecamatan", 20), ("kelurahan", 152)):
        path = real_data_dir / f"{level}_kemendagri_bps_crosswalk.csv"
        pairs = read_crosswalk(path.read_bytes(), path.name)
        expected = real_crosswalk(real_data_dir, level).select(kemendagri_code="kode_kemendagri", bps_code="kode_bps")
        assert pairs.height == count
        assert pairs.sort("kemendagri_code").equals(expected.sort("kemendagri_code"))


def test_stored_crosswalks_give_every_region_of_the_three_cities_its_bps_code(real_data_dir):
    with Store.in_memory() as store:
        for code in CITIES.values():
            seed.add_city(store, code)
        _, kelurahan = stored_crosswalks(store, real_data_dir)
        tree = store.run("region_tree", scope_code="")
    expected = pl.concat(
        [
            real_crosswalk(real_data_dir, level).select(kemendagri_code="kode_kemendagri", bps_code="kode_bps")
            for level in ("kecamatan", "kelurahan")
        ]
    )
    got = tree.join(expected, on="kemendagri_code", how="inner", suffix="_expected")
    assert got.height == 20 + 152
    assert got.filter(pl.col("bps_code") != pl.col("bps_code_expected")).height == 0
    # the kab/kota code follows from its kecamatan's BPS codes; Jakarta Barat's is 3174, not 3173
    cities = dict(tree.filter(pl.col("level") == "kota").select("kemendagri_code", "bps_code").iter_rows())
    assert cities == {"61.71": "6171", "36.73": "3673", "31.73": "3174"}
    # (with BPS codes, kelurahan) of (regions): 29/29 + 6/6, 67/67 + 6/6, 56/56 + 8/8
    assert kelurahan["cities"] == {
        "31.73": {"kota": (1, 1), "kecamatan": (8, 8), "kelurahan": (56, 56)},
        "36.73": {"kota": (1, 1), "kecamatan": (6, 6), "kelurahan": (67, 67)},
        "61.71": {"kota": (1, 1), "kecamatan": (6, 6), "kelurahan": (29, 29)},
    }
    assert kelurahan["elsewhere"] == 0


def jakarta_barat_bps_recap(real_data_dir: Path, path: Path) -> Path:
    """A June 2025 recap of Jakarta Barat in BPS codes only (no names); row i has 1.000 x i registered."""
    rows = real_crosswalk(real_data_dir, "kelurahan").filter(pl.col("city") == "jakarta_barat").sort("kode_bps")
    lines = ["REKAP KEPESERTAAN JKN JAKARTA BARAT", "Posisi: Juni 2025", "", "No;Kode BPS;Jumlah Peserta"]
    lines += [f"{i};{code};{1_000 * i:_}".replace("_", ".") for i, code in enumerate(rows["kode_bps"], 1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_bps_coded_jakarta_barat_recap_needs_the_crosswalk_and_imports_with_it(real_data_dir, tmp_path, capsys):
    db = tmp_path / "jakbar.duckdb"
    assert cli.main(["--db", str(db), "init", "--city", "31.73"]) == 0
    recap = jakarta_barat_bps_recap(real_data_dir, tmp_path / "rekap_bps.csv")
    capsys.readouterr()
    # Without BPS codes, 3174... reads as Kemendagri 31.74 (Jakarta Selatan): nothing is stored.
    assert cli.main(["--db", str(db), "import", "coverage", str(recap), "--lang", "en"]) == 2
    assert "not one row is in Kota Administrasi Jakarta Barat: all 56 rows" in capsys.readouterr().err
    crosswalk_file = real_data_dir / "kelurahan_kemendagri_bps_crosswalk.csv"
    command = ["--db", str(db), "import", "coverage", str(recap), "--crosswalk", str(crosswalk_file)]
    assert cli.main(command) == 0
    capsys.readouterr()
    with Store.open(db, read_only=True) as store:
        stored = store.run("coverage_snapshot_of_months", scope_code="31.73", periods=[dt.date(2025, 6, 1)])
    expected = real_crosswalk(real_data_dir, "kelurahan").filter(pl.col("city") == "jakarta_barat").sort("kode_bps")
    assert stored.height == 56
    by_code = dict(stored.select("kemendagri_code", "registered").iter_rows())
    # the i-th BPS code's kelurahan holds 1.000 x i; 1.000 x (1 + ... + 56) = 1.000 x 1.596 = 1.596.000
    assert [by_code[code] for code in expected["kode_kemendagri"]] == [1_000 * i for i in range(1, 57)]
    assert stored["registered"].sum() == 1_596_000


def test_a_kept_crosswalk_is_read_by_later_imports(real_data_dir, tmp_path, capsys):
    db = tmp_path / "jakbar.duckdb"
    assert cli.main(["--db", str(db), "init", "--city", "31.73"]) == 0
    crosswalk_file = real_data_dir / "kelurahan_kemendagri_bps_crosswalk.csv"
    capsys.readouterr()
    assert cli.main(["--db", str(db), "import", "crosswalk", str(crosswalk_file), "--lang", "en"]) == 0
    assert capsys.readouterr().out == (
        "BPS codes stored from kelurahan_kemendagri_bps_crosswalk.csv: 31.73 Kota Administrasi Jakarta Barat: 56 of "
        "56 kelurahan/desa, 0 of 8 kecamatan, kab/kota BPS code none. 96 rows for regions not in the store were "
        "skipped. Batch 2.\n"
    )
    recap = jakarta_barat_bps_recap(real_data_dir, tmp_path / "rekap_bps.csv")
    assert cli.main(["--db", str(db), "import", "coverage", str(recap), "--dry-run"]) == 0


def crosswalk_text(*rows: str) -> bytes:
    return ("kode_kemendagri;nama;kode_bps\n" + "\n".join(rows) + "\n").encode()


@pytest.mark.parametrize(
    ("data", "key", "english"),
    [
        (
            crosswalk_text("61.71.05.1002;Daratsekip;6171031002", "61.71.05.1003;Tengah;6171031002"),
            "repeated",
            "Crosswalk file cw.csv, row 3: code 6171031002 is already in row 2 with another partner. A code may have "
            "one partner only: remove one of them.",
        ),
        (
            crosswalk_text("61.71.05;Pontianak Kota;6171031002"),
            "level_mismatch",
            "Crosswalk file cw.csv, row 2: Kemendagri code 61.71.05 (kecamatan) is paired with BPS code 6171031002 "
            "(10 digits). A BPS kecamatan code has 7 digits: correct one of them.",
        ),
        (
            crosswalk_text("61.71.05.1002;Daratsekip;61-71-031"),
            "bad_code",
            "Crosswalk file cw.csv, row 2, column “kode_bps”: “61-71-031” is not a BPS code (2, 4, 7 or 10 digits, "
            "such as 6171031002). Correct the code, or remove that row.",
        ),
        (
            crosswalk_text("Kota Pontianak;Daratsekip;6171031002"),
            "bad_code",
            "Crosswalk file cw.csv, row 2, column “kode_kemendagri”: “Kota Pontianak” is not a Kemendagri code (such "
            "as 61.71.05.1002 or 6171051002). Correct the code, or remove that row.",
        ),
        (
            b"kode,nama\n61.71.05.1002,Daratsekip\n",
            "no_columns",
            "The crosswalk file cw.csv has no kode KEMENDAGRI column. Its columns: kode, nama. Expected columns such "
            "as kode_kemendagri and kode_bps.",
        ),
    ],
)
def test_a_bad_crosswalk_is_refused_with_where_and_what(data, key, english):
    with pytest.raises(CrosswalkError) as refused:
        read_crosswalk(data, "cw.csv")
    assert refused.value.key == key
    assert refused.value.text("en") == english
    assert refused.value.text("id").startswith("Berkas padanan kode cw.csv")


def test_a_kelurahan_code_outside_its_kecamatan_code_leaves_the_store_as_it_was():
    pairs = read_crosswalk(
        crosswalk_text("61.71.05;Pontianak Kota;6171031", "61.71.05.1002;Daratsekip;6171030006"), "cw.csv"
    )
    with Store.in_memory() as store:
        seed.add_city(store, "61.71")
        before = store.run("region_tree", scope_code="")
        with pytest.raises(CrosswalkError, match="does not begin with its kecamatan's BPS code 6171031"):
            crosswalk.store_crosswalk(store, pairs, file_name="cw.csv", sha256="-", user="ana")
        assert store.run("region_tree", scope_code="").equals(before)


def bps_list_file(real_data_dir: Path, path: Path) -> Path:
    """The BPS codes and names of the three cities' kecamatan and kelurahan, as a BPS master list lays them out."""
    rows = pl.concat(
        [real_crosswalk(real_data_dir, level).select("kode_bps", "nama_bps") for level in ("kecamatan", "kelurahan")]
    ).sort("kode_bps")
    rows.write_csv(path, separator=";")
    return path


@pytest.mark.parametrize(
    ("city", "kelurahan", "kecamatan", "city_bps"),
    [
        ("pontianak", (29, 29), (6, 6), "6171"),
        # Serang: Pangampelan/PENGAMPELAN, Kapuren/KEPUREN, Kemanisan/KAMANISAN differ by a letter: no code
        ("serang", (64, 67), (6, 6), "3673"),
        # Jakarta Barat: Wijaya Kusuma/WIJAYA KESUMA; the kab/kota is BPS 3174 by its kecamatan names
        ("jakarta_barat", (55, 56), (8, 8), "3174"),
    ],
)
def test_bps_codes_matched_by_name_equal_the_crosswalk(real_data_dir, tmp_path, city, kelurahan, kecamatan, city_bps):
    path = bps_list_file(real_data_dir, tmp_path / "bps.csv")
    tree = seed_tree(CITIES[city])
    derived = crosswalk.bps_codes_by_name(tree, crosswalk.read_bps_list(path.read_bytes(), path.name))
    expected = pl.concat(
        [
            real_crosswalk(real_data_dir, level).select(kemendagri_code="kode_kemendagri", expected="kode_bps")
            for level in ("kecamatan", "kelurahan")
        ]
    )
    regions_below_city = derived.filter(pl.col("kemendagri_code") != CITIES[city])
    joined = regions_below_city.join(expected, on="kemendagri_code", how="left")
    assert joined.filter(pl.col("bps_code").ne_missing(pl.col("expected"))).height == 0  # every code as the crosswalk's
    assert crosswalk.agreement(crosswalk.with_bps_codes(tree, derived)) == {
        "kota": (1, 1),
        "kecamatan": kecamatan,
        "kelurahan": kelurahan,
    }
    assert dict(derived.iter_rows())[CITIES[city]] == city_bps


def seed_tree(code: str) -> pl.DataFrame:
    with Store.in_memory() as store:
        seed.add_city(store, code)
        return store.run("region_tree", scope_code="")


def test_a_bps_list_is_kept_by_name_and_the_rate_is_reported(real_data_dir, tmp_path, capsys):
    db = tmp_path / "serang.duckdb"
    assert cli.main(["--db", str(db), "init", "--city", "36.73"]) == 0
    path = bps_list_file(real_data_dir, tmp_path / "bps.csv")
    capsys.readouterr()
    assert cli.main(["--db", str(db), "import", "crosswalk", str(path), "--lang", "en"]) == 0
    # the list's other cities are not in the store, so only Serang is matched: 1 kab/kota + 6 kecamatan
    # + 64 of 67 kelurahan = 71 pairs, all of regions in the store (0 skipped)
    assert capsys.readouterr().out == (
        "bps.csv has no Kemendagri codes: BPS codes were matched by name, each kecamatan within its kab/kota and "
        "each kelurahan within its kecamatan. Names not found, or found twice, got no code.\n"
        "BPS codes stored from bps.csv: 36.73 Kota Serang: 64 of 67 kelurahan/desa, 6 of 6 kecamatan, kab/kota BPS "
        "code 3673. 0 rows for regions not in the store were skipped. Batch 2.\n"
    )


def test_two_bps_kab_kota_fitting_as_well_get_no_code():
    tree = seed_tree("61.71")
    names = tree.filter(pl.col("level") == "kecamatan")["name"].to_list()
    # the same six kecamatan names under BPS 6171 and 6172: which is Pontianak is not guessed
    bps_list = pl.DataFrame(
        {
            "bps_code": [f"{city}0{i}0" for city in ("6171", "6172") for i in range(1, 7)],
            "name": names * 2,
        }
    )
    assert crosswalk.bps_codes_by_name(tree, bps_list).height == 0


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("id", "3 baris dari kota/kabupaten lain tidak diimpor: BPS 3173 (3 baris)."),
        ("en", "3 rows of other kab/kota left out: BPS 3173 (3 rows)."),
    ],
)
def test_jakarta_pusat_rows_in_bps_codes_are_another_city_not_jakarta_barat(
    real_data_dir, tmp_path, capsys, language, line
):
    # Open Data Jakarta files hold BPS codes: 3173 there is Jakarta Pusat, while Kemendagri 31.73 is
    # Jakarta Barat (BPS 3174). Three Jakarta Pusat rows (3173020001-3) follow Jakarta Barat's 56.
    db = tmp_path / "jakbar.duckdb"
    assert cli.main(["--db", str(db), "init", "--city", "31.73"]) == 0
    recap = jakarta_barat_bps_recap(real_data_dir, tmp_path / "rekap_dki.csv")
    with recap.open("a", encoding="utf-8") as file:
        file.writelines(f"{57 + i};317302000{i + 1};5.000\n" for i in range(3))
    crosswalk_file = real_data_dir / "kelurahan_kemendagri_bps_crosswalk.csv"
    capsys.readouterr()
    command = [
        "--db",
        str(db),
        "import",
        "coverage",
        str(recap),
        "--crosswalk",
        str(crosswalk_file),
        "--lang",
        language,
    ]
    assert cli.main(command) == 0
    assert line in capsys.readouterr().err
    with Store.open(db, read_only=True) as store:
        stored = store.run("coverage_snapshot_of_months", scope_code="31.73", periods=[dt.date(2025, 6, 1)])
    # only Jakarta Barat's 56 rows: 1.000 x (1 + ... + 56) = 1.596.000; the 3 x 5.000 of Jakarta Pusat are not in it
    assert stored.height == 56
    assert stored["registered"].sum() == 1_596_000
