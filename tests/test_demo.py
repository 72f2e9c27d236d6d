"""The demo city: published Kota Pontianak figures exactly, a consistent synthetic split, real boundaries."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import polars as pl
import pytest
import shapely
from polars.testing import assert_frame_equal

from uhc import i18n
from uhc.core import gap
from uhc.figures import SEGMENTS
from uhc.store import demo, seed
from uhc.store.db import Store

REPO_ROOT = Path(__file__).resolve().parents[1]

D = dt.date
CITY = "61.71"


def city_row(store: Store, period: dt.date) -> dict:
    rows = gap.gap_for_period(store, period, "kota", CITY)
    assert rows.height == 1
    return rows.row(0, named=True)


def kelurahan_snapshots(store: Store) -> pl.DataFrame:
    return store.run("segments_by_region_month", code_length=13, scope_code=CITY, periods=None)


def kelurahan_population(store: Store) -> pl.DataFrame:
    return store.run("population_by_region", code_length=13, scope_code=CITY, as_of_from=None, as_of_until=None)


@pytest.mark.parametrize(
    ("period", "population", "population_as_of"),
    [
        # Dukcapil S1 2025 (published) for June 2025; S2 2025 (published) for January 2026
        (D(2025, 6, 1), 687_031, D(2025, 6, 30)),
        (D(2026, 1, 1), 690_277, D(2025, 12, 31)),
        # February 2025 still uses S2 2024
        (D(2025, 2, 1), 682_900, D(2024, 12, 31)),
    ],
)
def test_city_population_is_the_published_semester_figure(demo_store, period, population, population_as_of):
    row = city_row(demo_store, period)
    assert (row["population"], row["population_as_of"]) == (population, population_as_of)


def test_june_2025_matches_the_published_figures(demo_store):
    row = city_row(demo_store, D(2025, 6, 1))
    # published: 674.242 registered of 687.031; 80,16% of 674.242 = 540.472,4 -> 540.472 active
    assert (row["registered"], row["active"]) == (674_242, 540_472)
    # 674.242 / 687.031 = 0,981385 -> 98,14%; 540.472 / 674.242 = 0,801599 -> 80,16%
    assert i18n.percent(row["coverage_pct"]) == "98,14%"
    assert i18n.percent(row["activity_pct"]) == "80,16%"
    # 98,14% >= 98 and 80,16% >= 80: UHC; nobody more is needed
    assert (row["uhc_status"], row["people_needed"], row["annual_cost_idr"]) == ("uhc", 0, 0)


@pytest.mark.parametrize(
    ("period", "registered", "coverage"),
    [
        # published: 683.706 of 690.277 = 0,990481 -> 99,05%
        (D(2026, 1, 1), 683_706, "99,05%"),
        # published 87,86%, "almost 600 thousand": 0,8786 x 682.900 = 599.995,94 -> 599.996;
        # 599.996 / 682.900 = 0,878600
        (D(2025, 2, 1), 599_996, "87,86%"),
        # published 71,33% (2022): 0,7133 x 671.160 = 478.738,4 -> 478.738; 478.738 / 671.160 = 0,713300
        (D(2022, 12, 1), 478_738, "71,33%"),
    ],
)
def test_published_coverage(demo_store, period, registered, coverage):
    row = city_row(demo_store, period)
    assert row["registered"] == registered
    assert i18n.percent(row["coverage_pct"]) == coverage


def test_february_2025_gap(demo_store):
    row = city_row(demo_store, D(2025, 2, 1))
    # 0,98 x 682.900 = 669.242; 669.242 - 599.996 = 69.246 people
    assert row["people_needed"] == 69_246
    # 69.246 x Rp42.000 x 12 = 69.246 x 504.000 = Rp34.899.984.000
    assert row["annual_cost_idr"] == 34_899_984_000
    # 34.899.984.000 = 34,899984 miliar, one decimal: 34,9
    assert i18n.rupiah_compact(row["annual_cost_idr"]) == "Rp34,9 miliar"
    assert row["uhc_status"] == "not_uhc"


def test_49_months_of_29_kelurahan(demo_store):
    snapshots = kelurahan_snapshots(demo_store)
    per_month = snapshots.group_by("period").agg(kelurahan=pl.col("kemendagri_code").n_unique()).sort("period")
    assert per_month.height == 49  # 12 x 4 (2022-2025) + January 2026
    assert (per_month["period"].first(), per_month["period"].last()) == (D(2022, 1, 1), D(2026, 1, 1))
    assert per_month["kelurahan"].unique().to_list() == [29]
    assert gap.months_with_data(demo_store, CITY) == demo.demo_months()


def test_kelurahan_population_adds_up_to_the_city_figures(demo_store):
    totals = kelurahan_population(demo_store).group_by("as_of").agg(pl.col("population").sum(), pl.len()).sort("as_of")
    published = totals.filter(pl.col("as_of").is_in([D(2025, 6, 30), D(2025, 12, 31)]))
    expected = pl.DataFrame(
        {"as_of": [D(2025, 6, 30), D(2025, 12, 31)], "population": [687_031, 690_277], "len": [29, 29]},
        schema_overrides={"len": pl.UInt32},
    )
    assert_frame_equal(published, expected)
    # nine semesters: S2 2021 to S2 2025
    assert totals.height == 9


def test_pemda_funded_participants_in_january_2026(demo_store):
    row = demo_store.run("segments_by_region_month", code_length=5, scope_code=CITY, periods=[D(2026, 1, 1)])
    assert row["pbi_apbd_registered"].to_list() == [161_843]


def test_pbi_apbn_is_about_170_thousand_every_month(demo_store):
    city = demo_store.run("segments_by_region_month", code_length=5, scope_code=CITY, periods=None)
    assert city.height == 49
    assert city["pbi_apbn_registered"].is_between(160_000, 180_000).all()


def test_segments_add_up_and_active_never_exceeds_registered(demo_store):
    snapshots = kelurahan_snapshots(demo_store)
    for kind in ("registered", "active"):
        segment_sum = pl.sum_horizontal([f"{segment}_{kind}" for segment in SEGMENTS])
        assert snapshots.filter(segment_sum != pl.col(kind)).height == 0, kind
    assert snapshots.filter(pl.col("active") > pl.col("registered")).height == 0
    for segment in SEGMENTS:
        over = snapshots.filter(pl.col(f"{segment}_active") > pl.col(f"{segment}_registered"))
        assert over.height == 0, segment
    assert snapshots.select(pl.all().null_count()).sum_horizontal().item() == 0


@pytest.mark.parametrize(
    ("total", "weights", "caps", "expected"),
    [
        # 10 / 3 = 3,33 each: 3 + 3 + 3 = 9; the one left goes to the first of the equal remainders
        (10, [1, 1, 1], None, [4, 3, 3]),
        # 100 x 0,5 / 0,25 / 0,25 = 50 / 25 / 25 exactly
        (100, [2, 1, 1], None, [50, 25, 25]),
        # 7 x 1/7, 2/7, 4/7 = 1, 2, 4
        (7, [1, 2, 4], None, [1, 2, 4]),
        # 10 / 3 = 3,33 is above the cap 2: it gets 2 and the other two share 8: 4 + 4
        (10, [1, 1, 1], [2, 10, 10], [2, 4, 4]),
        # 8 x 5/7 = 5,71 is above the cap 5: it gets 5; 3 left: 1,5 + 1,5 -> 1 + 1 and the last
        # person goes to the first of the two with room, never to the capped one
        (8, [5, 1, 1], [5, 10, 10], [5, 2, 1]),
    ],
)
def test_apportion(total, weights, caps, expected):
    counts = demo.apportion(total, np.array(weights, dtype=float), None if caps is None else np.array(caps))
    assert counts.tolist() == expected


def test_apportion_refuses_a_total_above_the_caps():
    with pytest.raises(ValueError, match="cannot place 11 within caps summing to 10"):
        demo.apportion(11, np.array([1.0, 1.0]), np.array([5, 5]))


def test_kecamatan_coverage_differs(demo_store):
    kecamatan = gap.gap_for_period(demo_store, D(2026, 1, 1), "kecamatan", CITY)
    assert kecamatan.height == 6
    spread = kecamatan["coverage_pct"].max() - kecamatan["coverage_pct"].min()
    assert spread >= 5.0


def test_two_independent_builds_are_identical(demo_store, tmp_path):
    # Built by another process with another hash seed: nothing may depend on either.
    other = tmp_path / "again.duckdb"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run(
        [sys.executable, "-m", "uhc", "--db", str(other), "init", "--demo", "--no-people"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    with Store.open(other, read_only=True) as again:
        assert_frame_equal(kelurahan_snapshots(again), kelurahan_snapshots(demo_store))
        assert_frame_equal(kelurahan_population(again), kelurahan_population(demo_store))
        for level in ("kecamatan", "kelurahan"):
            assert_frame_equal(
                again.run("region_geometry", scope_code=CITY, level=level),
                demo_store.run("region_geometry", scope_code=CITY, level=level),
            )


@pytest.fixture
def geometry(demo_store) -> dict[str, pl.DataFrame]:
    return {
        level: demo_store.run("region_geometry", scope_code=CITY, level=level) for level in ("kecamatan", "kelurahan")
    }


def test_geometry_is_the_real_boundaries_of_pontianak(geometry, real_data_dir):
    both = pl.concat([geometry["kecamatan"], geometry["kelurahan"]])
    assert (geometry["kecamatan"].height, geometry["kelurahan"].height) == (6, 29)
    assert not both["schematic"].any()
    assert set(both["source"]) == {demo.SOURCE_GEOMETRY}
    shapes = shapely.from_wkb(both["geometry_wkb"].to_list())
    assert shapely.is_valid(shapes).all()
    # each region lies where the real file of its code puts it: the stored polygon and the real
    # one overlap in at least 99% of their union (the cleaning moved borders by at most about 11 m)
    for level, file_name in (("kecamatan", "pontianak_kecamatan_dissolved"), ("kelurahan", "pontianak_kelurahan")):
        real = gpd.read_file(real_data_dir / f"{file_name}.geojson").set_index("kode")
        for code, name, wkb in geometry[level].select("kemendagri_code", "name", "geometry_wkb").iter_rows():
            stored, expected = shapely.from_wkb(wkb), real.geometry[code]
            assert name == real.loc[code, "nama"]
            assert stored.intersection(expected).area / stored.union(expected).area > 0.99, code


def test_init_demo_again_keeps_imported_boundaries_and_replaces_old_schematic_cells(real_data_dir):
    store = Store.in_memory()
    seed.add_demo(store)
    # a store made before the real boundaries: the demo's kelurahan were schematic cells
    store.execute("delete_region_geometry", scope_code=CITY, level="kelurahan", schematic_only=False)
    old_cell = shapely.to_wkb(shapely.box(109.30, -0.05, 109.31, -0.04))
    old = {"geometry_wkb": old_cell, "schematic": True, "source": "Schematic demo geometry"}
    store.insert("region_geometry", pl.DataFrame([{"kemendagri_code": "61.71.04.1001", **old}]))
    # and the user imported a kelurahan of their own
    own = {"geometry_wkb": old_cell, "schematic": False, "source": "batas.geojson"}
    store.insert("region_geometry", pl.DataFrame([{"kemendagri_code": "61.71.04.1002", **own}]))

    assert seed.upgrade_demo_geometry(store) is True
    assert seed.upgrade_demo_geometry(store) is False  # nothing schematic left

    kelurahan = store.run("region_geometry", scope_code=CITY, level="kelurahan")
    assert kelurahan.height == 29
    assert not kelurahan["schematic"].any()
    sources = dict(zip(kelurahan["kemendagri_code"], kelurahan["source"], strict=True))
    assert sources["61.71.04.1001"] == demo.SOURCE_GEOMETRY
    assert sources["61.71.04.1002"] == "batas.geojson"
    seed.add_demo(store)
    assert store.run("region_geometry", scope_code="61.71.04.1002", level="kelurahan")["source"].to_list() == [
        "batas.geojson"
    ]


def test_kelurahan_tile_their_kecamatan(geometry):
    kecamatan = dict(
        zip(
            geometry["kecamatan"]["kemendagri_code"],
            shapely.from_wkb(geometry["kecamatan"]["geometry_wkb"]),
            strict=True,
        )
    )
    kelurahan = dict(
        zip(
            geometry["kelurahan"]["kemendagri_code"],
            shapely.from_wkb(geometry["kelurahan"]["geometry_wkb"]),
            strict=True,
        )
    )
    for code, area in kecamatan.items():
        children = [shape for child, shape in kelurahan.items() if child.startswith(code + ".")]
        assert children, code
        for child in children:
            assert area.buffer(1e-9).contains(child), code
        union = shapely.union_all(children)
        # the kelurahan cover the kecamatan and do not overlap each other
        assert union.area == pytest.approx(area.area, rel=1e-6), code
        assert sum(child.area for child in children) == pytest.approx(area.area, rel=1e-6), code


@pytest.mark.parametrize("code_length", [5, 8, 13])
def test_segment_rollup_agrees_with_the_coverage_rollup(demo_store, code_length):
    # Two queries roll the same snapshots up by the same rule; the gap engine reads the lean one.
    coverage = demo_store.run("coverage_by_region_month", code_length=code_length, scope_code=CITY, periods=None)
    segments = demo_store.run("segments_by_region_month", code_length=code_length, scope_code=CITY, periods=None)
    assert_frame_equal(coverage, segments.select(coverage.columns))
    # 49 months x (1 kota | 6 kecamatan | 29 kelurahan)
    assert coverage.height == 49 * {5: 1, 8: 6, 13: 29}[code_length]
