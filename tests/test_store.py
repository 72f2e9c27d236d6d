"""The store: migrations keep data, writes are atomic, values are bound, the demo never doubles."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil

import duckdb
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from uhc.core import gap
from uhc.paths import MIGRATIONS_DIR
from uhc.store import db as store
from uhc.store import demo, seed
from uhc.store.db import Store, StoreError

D = dt.date

REGIONS = pl.DataFrame(
    {
        "kemendagri_code": ["61", "61.71", "61.71.01", "61.71.01.1002"],
        "name": ["Kalimantan Barat", "Kota Pontianak", "Pontianak Selatan", "Benuamelayu Laut"],
        "level": ["provinsi", "kota", "kecamatan", "kelurahan"],
        "region_type": ["provinsi", "kota", "kecamatan", "kelurahan"],
        "parent_code": [None, "61", "61.71", "61.71.01"],
    }
)
SNAPSHOTS = pl.DataFrame(
    {
        "kemendagri_code": ["61.71.01.1002", "61.71.01.1002"],
        "period": [D(2025, 5, 1), D(2025, 6, 1)],
        "registered": [880, 900],
        "active": [700, 720],
        "source": ["BPJS Cabang Pontianak, rekap Mei 2025", "BPJS Cabang Pontianak, rekap Juni 2025"],
    }
)
POPULATION = pl.DataFrame(
    {
        "kemendagri_code": ["61.71.01.1002"],
        "as_of": [D(2024, 12, 31)],
        "population": [1_000],
        "source": ["Dukcapil DKB S2 2024"],
    }
)


def table(path, sql: str) -> list[tuple]:
    """Rows of a query on a closed store file, read outside the Store."""
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).fetchall()


def count_rows(s: Store, scope_code: str = "61.71") -> dict[str, int]:
    return {
        "region": s.run("region", scope_code=scope_code, level=None).height,
        "coverage": s.run("coverage_by_region_month", code_length=13, scope_code=scope_code, periods=None).height,
        "population": s.run(
            "population_by_region", code_length=13, scope_code=scope_code, as_of_from=None, as_of_until=None
        ).height,
        "geometry": sum(
            s.run("region_geometry", scope_code=scope_code, level=level).height for level in ("kecamatan", "kelurahan")
        ),
    }


def test_migration_files_run_one_two_three():
    found = store.migrations()
    assert [version for version, _, _ in found] == list(range(1, len(list(MIGRATIONS_DIR.glob("*.sql"))) + 1))
    assert [name for _, name, _ in found][:3] == ["core", "provenance", "national_parameters"]


def test_upgrade_from_version_1_keeps_the_data(tmp_path):
    path = tmp_path / "old.duckdb"
    with Store.open(path, migrate=False) as old:
        assert old.migrate(to_version=1) == [1]
        assert old.schema_version() == 1
        old.insert("region", REGIONS)
        old.insert("coverage_snapshot", SNAPSHOTS)
        old.insert("population", POPULATION)
    # version 1 has neither the provenance tables nor the national parameters
    assert table(path, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'import_batch'") == [(0,)]
    assert table(path, "SELECT count(*) FROM coverage_target") == [(0,)]

    with Store.open(path) as upgraded:
        assert upgraded.schema_version() == len(list(MIGRATIONS_DIR.glob("*.sql")))
        assert_frame_equal(
            upgraded.run("region", scope_code="", level=None).select(REGIONS.columns), REGIONS.sort("kemendagri_code")
        )
        snapshots = upgraded.run("coverage_by_region_month", code_length=13, scope_code="", periods=None)
        assert_frame_equal(
            snapshots.select("kemendagri_code", "period", "registered", "active"), SNAPSHOTS.drop("source")
        )
        population = upgraded.run(
            "population_by_region", code_length=13, scope_code="", as_of_from=None, as_of_until=None
        )
        assert_frame_equal(population, POPULATION.drop("source"))
        assert upgraded.run("population_source", scope_code="")["source"].to_list() == ["Dukcapil DKB S2 2024"]
        # the gap of the old rows uses the national parameters migration 3 added:
        # 900 / 1.000 = 90%; 0,98 x 1.000 = 980; 980 - 900 = 80; 80 x 42.000 x 12 = 40.320.000
        row = gap.gap_for_period(upgraded, D(2025, 6, 1), "kelurahan", "61.71").row(0, named=True)
        assert (row["coverage_pct"], row["people_needed"], row["annual_cost_idr"]) == (90.0, 80, 40_320_000)
        # 90% - 88% = +2 pp against May
        assert row["coverage_change_1m_pp"] == pytest.approx(2.0)

    columns = table(
        path,
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE column_name = 'batch_id' ORDER BY table_name",
    )
    assert columns == [
        ("campaign_result", "batch_id"),  # migration 11: the visits' results, a revision per upload
        ("coverage_revision", "batch_id"),
        ("coverage_snapshot", "batch_id"),
        ("import_batch", "batch_id"),
        ("match_person", "batch_id"),
        ("participant", "batch_id"),
        ("population", "batch_id"),
        ("population_revision", "batch_id"),
        ("programme_member", "batch_id"),
        ("resident", "batch_id"),
    ]
    tables = {name for (name,) in table(path, "SELECT table_name FROM information_schema.tables")}
    assert {"import_batch", "setting", "region_geometry", "schema_migration"} <= tables
    # the old rows have no batch
    assert table(path, "SELECT count(*) FROM coverage_snapshot WHERE batch_id IS NULL") == [(2,)]
    assert table(path, "SELECT version, name FROM schema_migration ORDER BY version")[:3] == [
        (1, "core"),
        (2, "provenance"),
        (3, "national_parameters"),
    ]


def test_national_parameters_after_migration():
    with Store.in_memory() as s:
        assert_frame_equal(
            s.run("coverage_target").drop("source"),
            # migration 3: 98% from 2020 (RPJMN 2020-2024); migration 6: 95% from 2015 (RPJMN 2015-2019)
            pl.DataFrame({"valid_from": [D(2015, 1, 1), D(2020, 1, 1)], "target_pct": [95.0, 98.0]}),
        )
        assert_frame_equal(
            s.run("uhc_criterion").drop("source"),
            pl.DataFrame(
                {
                    "valid_from": [D(2014, 1, 1), D(2024, 1, 1)],
                    "min_coverage_pct": [95.0, 98.0],
                    "min_activity_pct": [75.0, 80.0],
                }
            ),
        )
        assert_frame_equal(
            s.run("iuran").drop("source"),
            pl.DataFrame(
                {
                    "segment": ["pbi_apbd", "pbi_apbn", "pbpu"],
                    "valid_from": [D(2019, 8, 1)] * 3,
                    "idr_per_month": [42_000] * 3,
                }
            ),
        )


def test_migrate_is_idempotent(tmp_path):
    path = tmp_path / "store.duckdb"
    with Store.open(path) as s:
        version = s.schema_version()
        assert s.migrate() == []
    with Store.open(path) as s:
        assert s.migrate() == []
        assert s.schema_version() == version
        # migrations 3 and 6 inserted their rows once
        assert s.run("coverage_target").height == 2
        assert s.run("uhc_criterion").height == 2


def test_read_only_open_of_a_missing_file_says_how_to_create_one(tmp_path):
    path = tmp_path / "missing.duckdb"
    with pytest.raises(StoreError, match="init --demo"):
        Store.open(path, read_only=True)
    assert not path.exists()


def test_read_only_open_of_an_old_store_asks_for_migrate(tmp_path):
    path = tmp_path / "old.duckdb"
    with Store.open(path, migrate=False) as old:
        old.migrate(to_version=1)
    with pytest.raises(StoreError, match=r"schema version 1, this program needs \d+\. Run `python -m uhc migrate`"):
        Store.open(path, read_only=True)


def test_opening_for_writing_while_this_process_reads_says_the_store_is_in_use(demo_store, demo_store_path):
    # The dashboard holds a read-only connection; a writer in the same process must get a StoreError
    # that says what to do, not DuckDB's "different configuration" ConnectionException.
    with pytest.raises(StoreError, match="in use"):
        Store.open(demo_store_path)


def test_failed_write_in_a_transaction_leaves_the_store_unchanged():
    with Store.in_memory() as s:
        s.insert("region", REGIONS.head(2))
        with pytest.raises(RuntimeError, match="import failed"), s.transaction():
            s.insert("region", REGIONS.tail(2))
            raise RuntimeError("import failed halfway")
        assert s.run("region", scope_code="", level=None)["kemendagri_code"].to_list() == ["61", "61.71"]


def test_check_violation_rolls_back_the_earlier_insert():
    with Store.in_memory() as s:
        s.insert("region", REGIONS)
        # second frame: 950 active of 900 registered breaks CHECK (active <= registered)
        bad = SNAPSHOTS.with_columns(period=pl.lit(D(2025, 7, 1)), registered=pl.lit(900), active=pl.lit(950)).head(1)
        with pytest.raises(duckdb.ConstraintException), s.transaction():
            s.insert("coverage_snapshot", SNAPSHOTS)
            s.insert("coverage_snapshot", bad)
        assert s.run("coverage_by_region_month", code_length=13, scope_code="", periods=None).height == 0
        # and the store still takes the valid rows afterwards
        with s.transaction():
            s.insert("coverage_snapshot", SNAPSHOTS)
        assert s.run("coverage_by_region_month", code_length=13, scope_code="", periods=None).height == 2


def test_run_binds_parameters_as_data():
    with Store.in_memory() as s:
        odd = REGIONS.head(1).with_columns(kemendagri_code=pl.lit("61'71"), name=pl.lit("Quote"))
        s.insert("region", pl.concat([REGIONS, odd]))
        # the quote is part of the value: exactly the one region whose code starts with 61'71
        assert s.run("region", scope_code="61'71", level=None)["name"].to_list() == ["Quote"]
        assert s.run("region", scope_code="' OR 1=1 --", level=None).height == 0
        assert s.scalar("non_demo_row_count", scope_code="'; DROP TABLE region; --") == 0
        assert s.run("region", scope_code="", level=None).height == 5


def test_insert_refuses_a_table_outside_the_list():
    with Store.in_memory() as s, pytest.raises(ValueError, match="not a writable table"):
        s.insert("schema_migration", pl.DataFrame({"version": [9], "name": ["x"]}))


@pytest.mark.parametrize("name", ["no_such_query", "../pyproject", "region; DROP"])
def test_unknown_query_name_is_refused(name):
    with pytest.raises(KeyError):
        store.query_text(name)


def test_demo_twice_gives_the_same_rows(demo_store_path, tmp_path):
    path = tmp_path / "twice.duckdb"
    shutil.copy(demo_store_path, path)
    with Store.open(path) as s:
        before = count_rows(s)
        snapshots = s.run("coverage_by_region_month", code_length=13, scope_code="61.71", periods=None)
        written = seed.add_demo(s)
        assert count_rows(s) == before
        assert_frame_equal(
            s.run("coverage_by_region_month", code_length=13, scope_code="61.71", periods=None), snapshots
        )
    # under 61.71: 1 kota + 6 kecamatan + 29 kelurahan; 29 x 49 months; 29 x 9 semesters; 6 + 29
    assert before == {"region": 36, "coverage": 1_421, "population": 261, "geometry": 35}
    # the tree written includes the province: 1 + 36 = 37
    assert written == {"regions": 37, "coverage": 1_421, "population": 261}


@pytest.mark.parametrize("source", ["Dukcapil DKB S1 2026", "Demografi Dukcapil S1 2026"])
def test_demo_refuses_a_store_with_the_users_own_data(demo_store_path, tmp_path, source):
    path = tmp_path / "mixed.duckdb"
    shutil.copy(demo_store_path, path)
    own = POPULATION.with_columns(as_of=pl.lit(D(2026, 6, 30)), population=pl.lit(5_000), source=pl.lit(source))
    with Store.open(path) as s:
        s.insert("population", own)
        population = s.run(
            "population_by_region", code_length=13, scope_code="61.71", as_of_from=None, as_of_until=None
        )
        snapshots = s.run("coverage_by_region_month", code_length=13, scope_code="61.71", periods=None)
        with pytest.raises(StoreError, match=r"1 rows .* 61\.71"):
            seed.add_demo(s)
        assert_frame_equal(
            s.run("population_by_region", code_length=13, scope_code="61.71", as_of_from=None, as_of_until=None),
            population,
        )
        assert_frame_equal(
            s.run("coverage_by_region_month", code_length=13, scope_code="61.71", periods=None), snapshots
        )
    assert table(path, "SELECT count(*) FROM import_batch") == [(1,)]


def test_add_city_writes_the_tree_once(tmp_path):
    with Store.open(tmp_path / "city.duckdb") as s:
        first = seed.add_city(s, "Kota Pontianak")
        seed.add_city(s, "6171")
        assert first.height == 37
        assert s.run("region", scope_code="61.71", level=None).height == 36  # the province is outside 61.71
        assert s.run("region", scope_code="61", level="provinsi")["name"].to_list() == ["Kalimantan Barat"]
        assert gap.months_with_data(s, "61.71") == []
        assert s.run("setting").height == 0


def test_demo_marks_the_store(demo_store):
    assert_frame_equal(demo_store.run("setting"), pl.DataFrame({"key": ["demo_city"], "value": [demo.CITY_CODE]}))


def _ledger(path):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("SELECT version, name, checksum FROM schema_migration ORDER BY version").fetchall()


def test_each_applied_migration_is_kept_with_the_sha256_of_its_file(tmp_path):
    path = tmp_path / "s.duckdb"
    Store.open(path).close()
    files = sorted(MIGRATIONS_DIR.glob("*.sql"))
    expected = [
        (int(f.name[:4]), f.name[5:-4], hashlib.sha256(f.read_bytes().replace(b"\r\n", b"\n")).hexdigest())
        for f in files
    ]
    assert _ledger(path) == expected
    assert expected[0][:2] == (1, "core") and len(expected[0][2]) == 64


def test_a_store_made_by_a_newer_program_is_refused_and_left_as_it_was(tmp_path):
    path = tmp_path / "newer.duckdb"
    Store.open(path).close()
    newest = len(list(MIGRATIONS_DIR.glob("*.sql")))
    with duckdb.connect(str(path)) as con:  # what a later version of the program would have added
        con.execute("CREATE TABLE door_to_door_visit (id INTEGER)")
        con.execute("INSERT INTO schema_migration (version, name) VALUES (?, 'door_to_door')", [newest + 1])
    before = _ledger(path)
    for read_only in (True, False):
        with pytest.raises(
            StoreError,
            match=rf"newer version of uhc-dashboard \(schema version {newest + 1}; this program knows up to {newest}\)",
        ):
            Store.open(path, read_only=read_only)
    assert _ledger(path) == before
    # the refusal closed its connection: the file opens again for writing
    with duckdb.connect(str(path)) as con:
        assert con.execute("SELECT count(*) FROM door_to_door_visit").fetchone() == (0,)


def test_an_applied_migration_whose_file_was_edited_is_refused(tmp_path, monkeypatch):
    migrations_copy = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, migrations_copy)
    monkeypatch.setattr(store, "MIGRATIONS_DIR", migrations_copy)
    path = tmp_path / "s.duckdb"
    Store.open(path).close()
    edited = migrations_copy / "0002_provenance.sql"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n-- a comment added later\n", encoding="utf-8")
    for read_only in (True, False):
        with pytest.raises(StoreError, match=r"0002_provenance\.sql was changed after it was applied"):
            Store.open(path, read_only=read_only)
    # Windows line ends alone are not an edit
    edited.write_bytes((MIGRATIONS_DIR / "0002_provenance.sql").read_bytes().replace(b"\n", b"\r\n"))
    Store.open(path, read_only=True).close()


def test_a_store_from_before_checksums_gets_them_on_its_next_migrate(tmp_path):
    path = tmp_path / "old.duckdb"
    with Store.open(path, migrate=False) as old:
        old.migrate(to_version=2)
    with duckdb.connect(str(path)) as con:  # the ledger as the program before checksums kept it
        con.execute("ALTER TABLE schema_migration DROP COLUMN checksum")
    Store.open(path).close()
    ledger = _ledger(path)
    assert [v for v, _, _ in ledger] == list(range(1, len(list(MIGRATIONS_DIR.glob("*.sql"))) + 1))
    first = (MIGRATIONS_DIR / "0001_core.sql").read_bytes()
    assert ledger[0][2] == hashlib.sha256(first).hexdigest()
    assert all(c is not None and len(c) == 64 for _, _, c in ledger)


def test_the_small_cache_cuts_duckdbs_memory_inside_and_gives_it_back_after(tmp_path):
    from uhc.store.db import DUCKDB_MEMORY_LIMIT, SMALL_CACHE_LIMIT

    def limit(s: Store) -> str:
        return s._con.execute("SELECT current_setting('memory_limit')").fetchone()[0]

    assert (DUCKDB_MEMORY_LIMIT, SMALL_CACHE_LIMIT) == ("1GB", "128MB")
    with Store.open(tmp_path / "s.duckdb") as s:
        # DuckDB writes its limits in binary units: 1 GB is 953,6 MiB, 128 MB is 122,0 MiB
        assert limit(s) == "953.6 MiB"
        with s.small_cache():
            assert limit(s) == "122.0 MiB"
            assert s.run("coverage_target").height == 2  # queries still run
        assert limit(s) == "953.6 MiB"
        with pytest.raises(RuntimeError), s.small_cache():
            raise RuntimeError("an error inside")
        assert limit(s) == "953.6 MiB"
