"""Features matched to a city's regions (the reading that places the most), their polygons repaired."""

from __future__ import annotations

import math

import numpy as np
import polars as pl
import shapely

from uhc.intake.geo.fields import code_fields, feature_labels
from uhc.intake.geo.problems import BoundaryError
from uhc.map_geometry import polygonal
from uhc.store.regions import CODE_LENGTH, kab_kota, match_regions

LEVELS = ("kecamatan", "kelurahan")


def in_city(matched: pl.DataFrame) -> pl.DataFrame:
    """The features matched to a region of the city, at the level read or another."""
    return matched.filter(pl.col("kemendagri_code").is_not_null() | (pl.col("unmatched_reason") == "wrong_level"))


def best_reading(properties, regions: pl.DataFrame, cities: list[str], level, code_field, name_field):
    """(city, level, matched labels, properties used) of the reading that places the most features.

    Each city and level is tried (the level only when not given); the reading that puts features on
    the most distinct regions of its level wins, then the one that places most features in the city
    at any level, then the level whose region count is nearer the feature count. None when the file has no code or name property at all.
    """
    best, best_score = None, None
    for city_code in cities:
        tree = regions.filter(pl.col("kemendagri_code").str.starts_with(city_code))
        for candidate_level in [level] if level else LEVELS:
            for code in code_fields(properties, candidate_level, code_field):
                labels, used = feature_labels(properties, candidate_level, code, name_field, tree)
                if not any(used.values()):
                    continue
                matched = _match(labels, tree, candidate_level, city_code)
                regions_at_level = tree.filter(pl.col("level") == candidate_level).height
                score = (
                    matched["kemendagri_code"].drop_nulls().n_unique(),
                    in_city(matched).height,
                    -abs(math.log(max(len(properties), 1) / max(regions_at_level, 1))),
                )
                if best_score is None or score > best_score:
                    best, best_score = (city_code, candidate_level, matched, used), score
    return best


def _match(labels: pl.DataFrame, tree: pl.DataFrame, level: str, city_code: str) -> pl.DataFrame:
    """Matched labels with a feature number; a code of another level, or of another city, is no match."""
    names = dict(zip(tree["kemendagri_code"], tree["name"], strict=True))
    name_column = "kecamatan" if level == "kecamatan" else "kelurahan"
    to_match = labels.select(
        region_code="code_read",
        kecamatan="kecamatan_read",
        **({} if level == "kecamatan" else {"kelurahan": "kelurahan"}),
    )
    matched = match_regions(to_match, tree).with_row_index("feature_number", offset=1)
    # the labels as written, for messages and for telling parts of one region from a wrong code
    written = dict.fromkeys(["region_code", "kecamatan", name_column, "bps_digits", "code_is_bps"])
    matched = matched.with_columns(labels.select(list(written)).get_columns())
    for column in ("kecamatan", "kelurahan"):
        if column not in matched.columns:
            matched = matched.with_columns(pl.lit(None, pl.String).alias(column))
    # the region the code alone names, at whatever level: a kecamatan code in a file read as
    # kelurahan says the level is wrong, whatever the names then matched
    by_code = match_regions(to_match.select("region_code"), tree)["kemendagri_code"]
    matched = matched.with_columns(pl.col("feature_number").cast(pl.Int64), code_region=by_code)
    found = pl.coalesce("kemendagri_code", "code_region")
    wrong_level = found.str.len_chars() != CODE_LENGTH[level]
    city_digits = city_code.replace(".", "")
    city_bps = [b for b in tree.filter(pl.col("kemendagri_code") == city_code)["bps_code"].to_list() if b]
    own_prefixes = [city_digits, *city_bps]
    code_digits = pl.col("region_code").str.replace_all(r"[^0-9]", "")
    # a BPS code is of another city only when the city's own BPS code is known to tell
    other_bps = (
        pl.col("bps_digits").str.len_chars().ge(6)
        & ~pl.any_horizontal([pl.col("bps_digits").str.starts_with(p) for p in city_bps])
        if city_bps
        else pl.lit(False)
    )
    other_city = pl.col("kemendagri_code").is_null() & pl.when(pl.col("code_is_bps")).then(other_bps).otherwise(
        (code_digits.str.len_chars() >= 6) & ~pl.any_horizontal([code_digits.str.starts_with(p) for p in own_prefixes])
    )
    return (
        matched.with_columns(
            unmatched_reason=pl.when(other_city)
            .then(pl.lit("outside_city"))
            .when(wrong_level)
            .then(pl.lit("wrong_level"))
            .otherwise(pl.col("unmatched_reason")),
            suggestions=pl.when(wrong_level)
            .then(pl.concat_list(pl.format("{} {}", found, found.replace_strict(names))))
            .otherwise(pl.col("suggestions")),
        )
        .with_columns(
            kemendagri_code=pl.when(wrong_level).then(None).otherwise(pl.col("kemendagri_code")),
            matched_by=pl.when(wrong_level)
            .then(None)
            .when(pl.col("code_is_bps") & (pl.col("matched_by") == "kemendagri_code"))
            .then(pl.lit("bps_code"))
            .otherwise(pl.col("matched_by")),
        )
        .drop("code_region")
    )


def repaired_polygons(geometries) -> tuple[list, list[bool], list[bool]]:
    """Each geometry as 2D polygons, repaired when invalid; (geometries, repaired, has no polygon).

    The repair is the first step of the map pipeline (:func:`uhc.map_geometry.polygonal`).
    """
    flat = np.asarray(geometries, dtype=object)
    invalid = ~shapely.is_missing(flat) & ~shapely.is_valid(shapely.force_2d(flat))
    result = list(polygonal(flat))
    return result, [bool(i) for i in invalid], [geometry is None for geometry in result]


def cities_to_try(regions: pl.DataFrame, city: str | None) -> list[str]:
    """The kab/kota codes to try: the one asked for, else every one in the store."""
    stored = regions.filter(pl.col("level") == "kota")["kemendagri_code"].to_list()
    if city is not None:
        code = kab_kota(city).code
        if code not in stored:
            raise BoundaryError("geo_city_not_in_store", city=code)
        return [code]
    if not stored:
        raise BoundaryError("geo_no_city_in_store")
    return stored
