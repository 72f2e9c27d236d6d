"""The demo city: Kota Pontianak, January 2022 to January 2026, built deterministically.

At city level the demo reproduces the published figures exactly (population 687.031 in
S1 2025 and 690.277 in S2 2025; 674.242 registered, 98,14%, keaktifan 80,16% in June 2025;
683.706 registered, 99,05%, in January 2026; 87,86% in February 2025; 71,33% in December 2022).
Below city level every number is synthetic: city totals are split over the real kecamatan and
kelurahan with fixed weights derived from a hash of the region code, so every run gives the
same store. The map shows the real kecamatan and kelurahan boundaries of Kota Pontianak, shipped
in data/pontianak/ with their licence.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
from collections.abc import Mapping
from typing import TypedDict

import numpy as np
import polars as pl
import shapely
from shapely.geometry import shape

from uhc.figures import SEGMENTS
from uhc.paths import DEMO_BOUNDARIES_DIR

CITY_CODE = "61.71"
FIRST_MONTH = dt.date(2022, 1, 1)
LAST_MONTH = dt.date(2026, 1, 1)
SOURCE_PUBLISHED = "Demo: city totals as published (BPJS Kesehatan, Pemkot Pontianak); kelurahan split synthetic"

# Dukcapil semesters (as of 30 June / 31 December). S1 2025 and S2 2025 are the published
# figures; the earlier semesters are synthetic, growing about 0,45% a semester. S2 2024 is set
# so that February 2025's published 87,86% is "almost 600 thousand" registered, as reported.
CITY_POPULATION = {
    dt.date(2021, 12, 31): 665_415,
    dt.date(2022, 6, 30): 668_209,
    dt.date(2022, 12, 31): 671_160,
    dt.date(2023, 6, 30): 674_037,
    dt.date(2023, 12, 31): 677_402,
    dt.date(2024, 6, 30): 680_521,
    dt.date(2024, 12, 31): 682_900,
    dt.date(2025, 6, 30): 687_031,
    dt.date(2025, 12, 31): 690_277,
}

# Registered participants in the city at anchor months; months between are interpolated.
# Published: Dec 2022 71,33% of 671.160 -> 478.738; Feb 2025 87,86% ("almost 600 thousand") of
# 682.900 -> 599.996;
# Jun 2025 674.242; Jan 2026 683.706. The other anchors are synthetic.
REGISTERED_ANCHORS = {
    dt.date(2022, 1, 1): 461_798,
    dt.date(2022, 12, 1): 478_738,
    dt.date(2023, 12, 1): 531_761,
    dt.date(2024, 12, 1): 594_325,
    dt.date(2025, 2, 1): 599_996,
    dt.date(2025, 6, 1): 674_242,
    dt.date(2025, 12, 1): 682_604,
    dt.date(2026, 1, 1): 683_706,
}
# Active participants: June 2025 is published (80,16% of 674.242 = 540.472); the rest follow
# an activity path in percent.
ACTIVE_PINNED = {dt.date(2025, 6, 1): 540_472}
ACTIVITY_ANCHORS_PCT = {
    dt.date(2022, 1, 1): 76.0,
    dt.date(2022, 12, 1): 76.8,
    dt.date(2023, 12, 1): 77.9,
    dt.date(2024, 12, 1): 78.9,
    dt.date(2025, 2, 1): 78.6,
    dt.date(2025, 6, 1): 80.16,
    dt.date(2026, 1, 1): 81.2,
}
# Segment sizes in the city (people registered). About 170 thousand PBI APBN; Pemda-funded
# about 30 thousand in 2023, 161.843 in January 2026 (published); BP small. PPU and PBPU share
# the rest.
SEGMENT_ANCHORS = {
    "pbi_apbn": {dt.date(2022, 1, 1): 171_500, dt.date(2023, 12, 1): 170_100, dt.date(2026, 1, 1): 167_900},
    "pbi_apbd": {
        dt.date(2022, 1, 1): 24_500,
        dt.date(2022, 12, 1): 28_000,
        dt.date(2023, 12, 1): 32_000,
        dt.date(2024, 12, 1): 80_000,
        dt.date(2025, 2, 1): 84_000,
        dt.date(2025, 6, 1): 149_000,
        dt.date(2026, 1, 1): 161_843,
    },
    "bp": {dt.date(2022, 1, 1): 14_000, dt.date(2026, 1, 1): 16_200},
}
PPU_SHARE_OF_REST = {dt.date(2022, 1, 1): 0.640, dt.date(2026, 1, 1): 0.660}
# Share of each segment's registered participants that is active; PBPU (mandiri) takes the rest
# of the city's active count, since arrears are concentrated there.
SEGMENT_ACTIVITY = {
    "pbi_apbn": {dt.date(2022, 1, 1): 0.96, dt.date(2026, 1, 1): 0.965},
    "pbi_apbd": {
        dt.date(2022, 1, 1): 0.90,
        dt.date(2025, 2, 1): 0.92,
        dt.date(2025, 6, 1): 0.95,
        dt.date(2026, 1, 1): 0.97,
    },
    "ppu": {dt.date(2022, 1, 1): 0.78, dt.date(2026, 1, 1): 0.80},
    "bp": {dt.date(2022, 1, 1): 0.78, dt.date(2026, 1, 1): 0.78},
}

# The city's PBI APBD quota per year (people the APBD pays for), synthetic: a little above the
# most PBI APBD participants the demo registers that year (159.983 in December 2025, 161.843 in
# January 2026), as a real quota sits a little above the people enrolled (Kota Serang 2025:
# 42.689 of 43.000).
PBI_APBD_QUOTA = {2025: 162_000, 2026: 165_000}
SOURCE_QUOTA = "Demo: synthetic PBI APBD quota, not an official figure"


# Synthetic character of each kecamatan: share of the city's residents, coverage gap to the
# city average in percentage points (at the start and at the end of the series), and how much
# more or less than average each segment is present.
class KecamatanProfile(TypedDict):
    """A demo kecamatan: its share of the city's people, its gap in points (first, last month), its segment weights."""

    share: float
    gap_pp: tuple[float, float]
    segments: dict[str, float]


KECAMATAN_PROFILE: dict[str, KecamatanProfile] = {
    "61.71.01": {"share": 0.145, "gap_pp": (4.0, 2.5), "segments": {"pbi_apbn": 0.8, "pbi_apbd": 0.8, "ppu": 1.25}},
    "61.71.02": {"share": 0.140, "gap_pp": (-5.0, -3.2), "segments": {"pbi_apbn": 1.35, "pbi_apbd": 1.3, "ppu": 0.75}},
    "61.71.03": {"share": 0.210, "gap_pp": (1.0, 0.5), "segments": {"pbi_apbn": 1.05, "pbpu": 1.1}},
    "61.71.04": {"share": 0.205, "gap_pp": (-7.5, -4.8), "segments": {"pbi_apbn": 1.4, "pbi_apbd": 1.2, "ppu": 0.7}},
    "61.71.05": {"share": 0.185, "gap_pp": (6.0, 3.2), "segments": {"pbi_apbn": 0.7, "ppu": 1.35, "bp": 1.4}},
    "61.71.06": {"share": 0.115, "gap_pp": (3.0, 2.0), "segments": {"pbi_apbn": 0.85, "ppu": 1.2, "bp": 1.2}},
}
KECAMATAN_GROWTH_PER_SEMESTER = {"61.71.06": 0.004, "61.71.04": 0.002}


def demo_months() -> list[dt.date]:
    """Every month of the demo series, first day of each."""
    months, current = [], FIRST_MONTH
    while current <= LAST_MONTH:
        months.append(current)
        current = dt.date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def _unit(code: str, salt: str) -> float:
    """A fixed number in [0, 1) for a code and a purpose: the same on every run and machine."""
    digest = hashlib.sha256(f"{code}|{salt}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def _interpolate(anchors: Mapping[dt.date, float], day: dt.date) -> float:
    """Linear interpolation between dated anchors, flat beyond the ends."""
    points = sorted(anchors.items())
    if day <= points[0][0]:
        return points[0][1]
    for (d0, v0), (d1, v1) in itertools.pairwise(points):
        if d0 <= day <= d1:
            return v0 + (v1 - v0) * (day - d0).days / (d1 - d0).days
    return points[-1][1]


def apportion(total: int, weights: np.ndarray, caps: np.ndarray | None = None) -> np.ndarray:
    """Split the integer ``total`` in proportion to ``weights`` (largest remainder), never above ``caps``."""
    weights = np.asarray(weights, dtype=float)
    caps = np.full(weights.shape, np.inf) if caps is None else np.asarray(caps, dtype=float)
    if total > caps.sum():
        raise ValueError(f"cannot place {total} within caps summing to {caps.sum()}")
    quota = np.zeros_like(weights)
    free = np.ones(weights.shape, dtype=bool)
    remaining = float(total)
    for _ in range(len(weights) + 1):
        share = np.where(free, weights, 0.0)
        quota = np.where(free, remaining * share / share.sum(), quota)
        over = free & (quota > caps)
        if not over.any():
            break
        quota = np.where(over, caps, quota)
        free &= ~over
        remaining = total - quota[~free].sum()
    counts = np.floor(quota).astype(np.int64)
    shortfall = total - int(counts.sum())
    room = (caps - counts) >= 1
    order = np.argsort(-(quota - counts) + np.where(room, 0.0, 10.0), kind="stable")  # full rows last
    counts[order[:shortfall]] += 1
    return counts


def _city_month_totals(month: dt.date) -> dict[str, int]:
    """Registered, active and each segment's registered and active for the city in ``month``."""
    registered = round(_interpolate(REGISTERED_ANCHORS, month))
    active = ACTIVE_PINNED.get(month, round(registered * _interpolate(ACTIVITY_ANCHORS_PCT, month) / 100))
    totals = {"registered": registered, "active": active}
    fixed = {s: round(_interpolate(anchors, month)) for s, anchors in SEGMENT_ANCHORS.items()}
    rest = registered - sum(fixed.values())
    fixed["ppu"] = round(rest * _interpolate(PPU_SHARE_OF_REST, month))
    fixed["pbpu"] = rest - fixed["ppu"]
    fixed_active = {s: round(fixed[s] * _interpolate(rates, month)) for s, rates in SEGMENT_ACTIVITY.items()}
    fixed_active["pbpu"] = active - sum(fixed_active.values())
    if not 0 <= fixed_active["pbpu"] <= fixed["pbpu"]:
        raise AssertionError(f"demo parameters give impossible PBPU activity in {month}")
    for segment in SEGMENTS:
        totals[f"{segment}_registered"] = fixed[segment]
        totals[f"{segment}_active"] = fixed_active[segment]
    return totals


def _kelurahan_weights(kelurahan: pl.DataFrame) -> pl.DataFrame:
    """Fixed synthetic traits per kelurahan: population weight, coverage offset, activity factor."""
    rows = []
    for code in kelurahan["kemendagri_code"]:
        rows.append(
            {
                "kemendagri_code": code,
                "kecamatan_code": code[:8],
                "size": 0.55 + 0.9 * _unit(code, "size"),
                "offset_pp": -2.5 + 5.0 * _unit(code, "offset"),
                "activity_factor": 0.96 + 0.08 * _unit(code, "activity"),
            }
        )
    return pl.DataFrame(rows)


def _population_weights(traits: pl.DataFrame, as_of: dt.date) -> np.ndarray:
    semesters = sorted(CITY_POPULATION).index(as_of)
    weights = []
    for kecamatan, size in zip(traits["kecamatan_code"], traits["size"], strict=True):
        in_kecamatan = traits.filter(pl.col("kecamatan_code") == kecamatan)["size"].sum()
        growth = (1 + KECAMATAN_GROWTH_PER_SEMESTER.get(kecamatan, 0.0)) ** semesters
        weights.append(KECAMATAN_PROFILE[kecamatan]["share"] * size / in_kecamatan * growth)
    return np.array(weights)


def demo_population(kelurahan: pl.DataFrame) -> pl.DataFrame:
    """Residents per kelurahan and semester, adding up exactly to the city's figures."""
    traits = _kelurahan_weights(kelurahan)
    frames = []
    for as_of, total in sorted(CITY_POPULATION.items()):
        counts = apportion(total, _population_weights(traits, as_of))
        frames.append(
            pl.DataFrame(
                {
                    "kemendagri_code": traits["kemendagri_code"],
                    "as_of": [as_of] * traits.height,
                    "population": counts,
                    "source": ["Demo: Dukcapil semester total for the city; kelurahan split synthetic"] * traits.height,
                }
            )
        )
    return pl.concat(frames)


def demo_coverage(kelurahan: pl.DataFrame, population: pl.DataFrame) -> pl.DataFrame:
    """Snapshots per kelurahan and month whose sums equal the city's totals exactly."""
    traits = _kelurahan_weights(kelurahan)
    codes = traits["kemendagri_code"].to_list()
    months = demo_months()
    frames = []
    for month in months:
        city = _city_month_totals(month)
        month_end = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1) - dt.timedelta(days=1)
        as_of = max(d for d in CITY_POPULATION if d <= month_end)
        pop = population.filter(pl.col("as_of") == as_of).sort("kemendagri_code")["population"].to_numpy()
        progress = (month - FIRST_MONTH).days / (LAST_MONTH - FIRST_MONTH).days
        city_coverage = city["registered"] / CITY_POPULATION[as_of]
        gap = np.array(
            [start + (end - start) * progress for start, end in (KECAMATAN_PROFILE[c[:8]]["gap_pp"] for c in codes)]
        )
        offsets = traits["offset_pp"].to_numpy() * (1 - 0.5 * progress)
        expected = pop * np.clip(city_coverage + (gap + offsets) / 100, 0.2, None)
        # Fit segments to both the kelurahan sizes (rows) and the city segment totals (columns).
        matrix = (
            np.array(
                [
                    [KECAMATAN_PROFILE[c[:8]]["segments"].get(s, 1.0) * (0.9 + 0.2 * _unit(c, s)) for s in SEGMENTS]
                    for c in codes
                ]
            )
            * expected[:, None]
        )
        column_totals = np.array([city[f"{s}_registered"] for s in SEGMENTS], dtype=float)
        for _ in range(20):
            matrix *= (column_totals / matrix.sum(axis=0))[None, :]
            matrix *= (expected * column_totals.sum() / expected.sum() / matrix.sum(axis=1))[:, None]
        columns = {}
        for j, segment in enumerate(SEGMENTS):
            registered = apportion(city[f"{segment}_registered"], matrix[:, j])
            active_weights = registered * traits["activity_factor"].to_numpy()
            columns[f"{segment}_registered"] = registered
            columns[f"{segment}_active"] = apportion(city[f"{segment}_active"], active_weights, caps=registered)
        frame = pl.DataFrame({"kemendagri_code": codes, "period": [month] * len(codes), **columns})
        frames.append(frame)
    coverage = pl.concat(frames)
    return coverage.with_columns(
        registered=pl.sum_horizontal([f"{s}_registered" for s in SEGMENTS]),
        active=pl.sum_horizontal([f"{s}_active" for s in SEGMENTS]),
        source=pl.lit(SOURCE_PUBLISHED),
    )


DEMO_BOUNDARY_FILES = {"kecamatan": "kecamatan.geojson", "kelurahan": "kelurahan.geojson"}
SOURCE_GEOMETRY = (
    "Demo: Kota Pontianak boundaries, cahyadsn/wilayah_boundaries (MIT, likely BIG), "
    "cleaned into one coverage by uhc-dashboard (data/pontianak/SOURCE.md)"
)


def demo_geometry(tree: pl.DataFrame) -> pl.DataFrame:
    """The real kecamatan and kelurahan polygons of Kota Pontianak (EPSG:4326, WKB) for the demo's regions.

    Read from the files the project ships (paths.DEMO_BOUNDARIES_DIR, see SOURCE.md there). Every
    kecamatan and kelurahan of ``tree`` (the region tree of 61.71) must have exactly one polygon,
    under its Kemendagri code and name: a file that disagrees with the gazetteer is an error.
    """
    rows: list[tuple[str, bytes]] = []
    for level, file_name in DEMO_BOUNDARY_FILES.items():
        path = DEMO_BOUNDARIES_DIR / file_name
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        shipped = {f["properties"]["kode"]: (f["properties"]["nama"], f["geometry"]) for f in features}
        expected = dict(tree.filter(pl.col("level") == level).select("kemendagri_code", "name").iter_rows())
        names = {code: name for code, (name, _) in shipped.items()}
        if len(shipped) != len(features) or names != expected:
            raise AssertionError(f"{path} does not hold the {level} codes and names of the gazetteer: {names}")
        rows.extend((code, shapely.to_wkb(shape(shipped[code][1]))) for code in sorted(expected))
    return pl.DataFrame(
        {
            "kemendagri_code": [code for code, _ in rows],
            "geometry_wkb": [wkb for _, wkb in rows],
            "schematic": [False] * len(rows),
            "source": [SOURCE_GEOMETRY] * len(rows),
        },
        schema={"kemendagri_code": pl.String, "geometry_wkb": pl.Binary, "schematic": pl.Boolean, "source": pl.String},
    )


def demo_pbi_quota() -> pl.DataFrame:
    """The demo city's synthetic PBI APBD quota, one row per year (pbi_quota's columns)."""
    years = sorted(PBI_APBD_QUOTA)
    return pl.DataFrame(
        {
            "kemendagri_code": [CITY_CODE] * len(years),
            "year": years,
            "segment": ["pbi_apbd"] * len(years),
            "quota": [PBI_APBD_QUOTA[year] for year in years],
            "source": [SOURCE_QUOTA] * len(years),
        },
        schema={
            "kemendagri_code": pl.String,
            "year": pl.Int32,
            "segment": pl.String,
            "quota": pl.Int64,
            "source": pl.String,
        },
    )
