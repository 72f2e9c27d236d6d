"""A boundary file read into a BoundaryCheck (nothing written), and a check stored in one transaction."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl
import shapely

from uhc import i18n
from uhc.intake.geo.fields import field_as_spelled, field_list
from uhc.intake.geo.files import check_file_size, read_features
from uhc.intake.geo.matching import LEVELS, best_reading, cities_to_try, in_city, repaired_polygons
from uhc.intake.geo.problems import (
    BoundaryError,
    BoundaryProblem,
    duplicate_problems,
    feature_problems,
    raise_other_city,
)
from uhc.map_geometry import clockwise, simplified_for_map
from uhc.store.db import Store

# Cleaning and simplifying for storage (uhc.map_geometry), in metres of the city's UTM zone. Gaps narrower than GAP_WIDTH_M
# between neighbours are slivers left by simplifying each polygon alone; rivers between
# kecamatan are much wider and stay. The tolerance is about half a screen pixel when the whole
# city fills a map 1.000 pixels wide.
GAP_WIDTH_M = 15.0
PIXELS_ACROSS = 1000
TOLERANCE_BOUNDS_M = (1.0, 50.0)
FEATURE_SCHEMA = {
    "feature_number": pl.Int64,
    "region_code": pl.String,
    "kecamatan": pl.String,
    "kelurahan": pl.String,
    "kemendagri_code": pl.String,
    "matched_by": pl.String,
    "unmatched_reason": pl.String,
    "suggestions": pl.List(pl.String),
    "repaired": pl.Boolean,
    "vertices": pl.Int64,
}
GEOMETRY_SCHEMA = {
    "kemendagri_code": pl.String,
    "geometry_wkb": pl.Binary,
    "schematic": pl.Boolean,
    "source": pl.String,
}


@dataclass(frozen=True)
class BoundaryCheck:
    """A boundary file read and matched to a city's regions, ready to store; nothing written yet."""

    file_name: str
    sha256: str
    city_code: str
    city_name: str
    level: str
    level_guessed: bool
    layer: str | None
    source_crs: str
    code_field: str | None
    name_field: str | None
    kecamatan_field: str | None
    features: pl.DataFrame  # FEATURE_SCHEMA: one row per feature in the city, numbered as in the file
    geometry: pl.DataFrame  # GEOMETRY_SCHEMA: display geometry of the level's matched regions
    derived_kecamatan: pl.DataFrame  # GEOMETRY_SCHEMA: kecamatan as the union of their kelurahan
    missing: pl.DataFrame  # kemendagri_code, name: regions of the level no feature matched
    outside_city: int  # features whose code is of another kab/kota, left out
    bps_unknown: int  # features whose BPS code the region tree does not hold (matched by name, if at all)
    missing_labels: tuple[str, ...]  # the missing regions as ``code name (Kec. ...)``
    vertices_before: int
    vertices_after: int
    tolerance_m: float
    problems: list[BoundaryProblem] = field(default_factory=list)

    @property
    def feature_count(self) -> int:
        return self.features.height

    def report(self, language: str = i18n.DEFAULT_LANGUAGE) -> list[str]:
        """What was read, matched, repaired and simplified, one line each, in ``language``."""
        number = lambda value: i18n.number(value, language)  # noqa: E731
        lines = [
            i18n.text(
                "geo_report_read",
                language,
                file=self.file_name,
                features=number(self.feature_count),
                layer=self.layer or "–",
                crs=self.source_crs,
                level=self.level,
                how=i18n.text("geo_level_guessed" if self.level_guessed else "geo_level_given", language),
                code_field=self.code_field or "–",
                name_field=self.name_field or "–",
            ),
            i18n.text(
                "geo_report_matched",
                language,
                matched=number(self.geometry.height),
                regions=number(self.geometry.height + self.missing.height),
                level=self.level,
                city=self.city_name,
            ),
        ]
        if self.missing.height:
            names = ", ".join(self.missing_labels)
            lines.append(
                i18n.plural(
                    "geo_report_missing",
                    self.missing.height,
                    language,
                    count=number(self.missing.height),
                    regions=names,
                )
            )
        if self.bps_unknown:
            lines.append(
                i18n.plural(
                    "geo_report_bps_unknown",
                    self.bps_unknown,
                    language,
                    count=number(self.bps_unknown),
                    field=self.code_field or "–",
                    city=self.city_name,
                )
            )
        if self.outside_city:
            lines.append(
                i18n.plural(
                    "geo_report_outside",
                    self.outside_city,
                    language,
                    count=number(self.outside_city),
                    city=self.city_name,
                )
            )
        repaired = self.features.filter(pl.col("repaired"))["feature_number"].to_list()
        if repaired:
            lines.append(
                i18n.plural(
                    "geo_report_repaired",
                    len(repaired),
                    language,
                    count=number(len(repaired)),
                    features=", ".join(map(str, repaired)),
                )
            )
        lines.append(
            i18n.text(
                "geo_report_vertices",
                language,
                before=number(self.vertices_before),
                after=number(self.vertices_after),
                tolerance_m=i18n.number(round(self.tolerance_m, 1), language)
                if self.tolerance_m < 10
                else number(self.tolerance_m),
            )
        )
        if self.derived_kecamatan.height:
            lines.append(
                i18n.plural(
                    "geo_report_derived",
                    self.derived_kecamatan.height,
                    language,
                    count=number(self.derived_kecamatan.height),
                )
            )
        return lines


def read_boundary_file(path: str | Path, regions: pl.DataFrame, **options) -> BoundaryCheck:
    """:func:`read_boundaries` on a file on disk; a ``.shp`` brings its sibling files along."""
    path = Path(path)
    if not path.is_file():
        raise BoundaryError("geo_no_file", file=str(path))
    siblings = []
    if path.suffix.lower() == ".shp":
        siblings = [s for s in path.parent.iterdir() if s.stem == path.stem and s != path and s.is_file()]
    check_file_size(path.name, sum(p.stat().st_size for p in (path, *siblings)))  # before reading it
    extra = {sibling.name: sibling.read_bytes() for sibling in siblings}
    return read_boundaries(path.read_bytes(), path.name, regions, extra_files=extra, **options)


def read_boundaries(
    data: bytes,
    file_name: str,
    regions: pl.DataFrame,
    *,
    city: str | None = None,
    level: str | None = None,
    code_field: str | None = None,
    name_field: str | None = None,
    layer: str | None = None,
    extra_files: dict[str, bytes] | None = None,
) -> BoundaryCheck:
    """Read a boundary file's polygons, match them to the regions of one city and simplify them.

    ``regions`` are the store's regions (``store.run("region_tree", scope_code="")``); ``city`` is
    a kab/kota code among them (needed only when the store holds several and the file fits more
    than one). Raises :class:`BoundaryError` when the file cannot be used at all.
    """
    if level is not None and level not in LEVELS:
        raise BoundaryError("geo_bad_level", level=level, levels=", ".join(LEVELS))
    frame, layer, vertices, source_crs = read_features(data, file_name, extra_files or {}, layer)
    properties = frame.drop(columns=frame.geometry.name)
    cities = cities_to_try(regions, city)
    fields = {"code": code_field, "name": name_field}
    for given in fields.values():
        if given is not None and field_as_spelled(properties, (given,)) is None:
            raise BoundaryError("geo_unknown_field", field=given, file=file_name, fields=field_list(properties))

    best = best_reading(properties, regions, cities, level, code_field, name_field)
    if best is None:
        raise BoundaryError("geo_no_label_field", file=file_name, fields=field_list(properties))
    city_code, level_found, matched, used = best
    if in_city(matched).is_empty():
        raise_other_city(matched, file_name, cities)
    tree = regions.filter(pl.col("kemendagri_code").str.starts_with(city_code))
    city_name = tree.filter(pl.col("kemendagri_code") == city_code)["name"][0]

    geometries, repaired, problems_geometry = repaired_polygons(frame.geometry.values)
    features = matched.with_columns(
        repaired=pl.Series(repaired),
        vertices=pl.Series(vertices, dtype=pl.Int64),
        unmatched_reason=pl.when(pl.Series(problems_geometry))
        .then(pl.lit("no_polygon"))
        .otherwise(pl.col("unmatched_reason")),
    ).with_columns(
        kemendagri_code=pl.when(pl.col("unmatched_reason") == "no_polygon")
        .then(None)
        .otherwise(pl.col("kemendagri_code"))
    )
    inside = features["unmatched_reason"].ne_missing("outside_city")
    outside_city = int((~inside).sum())
    features = features.filter(inside)
    geometries = [g for g, keep in zip(geometries, inside, strict=True) if keep]

    # A feature that matched nothing most likely belongs to a region no other feature took: those first.
    taken = set(features["kemendagri_code"].drop_nulls())
    features = features.with_columns(
        suggestions=pl.col("suggestions").list.eval(
            pl.element().sort_by(pl.element().str.extract(r"^(\S+)").is_in(list(taken)), maintain_order=True)
        )
    )
    context = {"file": file_name, "level": level_found, "city": city_name}
    problems = [*feature_problems(features, used, context), *duplicate_problems(features, used, context)]
    duplicated = {code for p in problems if not p.skippable for code in p.values.get("codes", ())}
    kept = features.with_row_index("position").filter(
        pl.col("kemendagri_code").is_not_null() & ~pl.col("kemendagri_code").is_in(list(duplicated))
    )
    by_region: dict[str, list] = {}
    for position, code in kept.select("position", "kemendagri_code").iter_rows():
        by_region.setdefault(code, []).append(geometries[position])
    codes = sorted(by_region)
    display, tolerance_m = simplified_for_map(
        [shapely.union_all(by_region[c]) for c in codes],
        pixels_across=2 * PIXELS_ACROSS,  # half a pixel of a map PIXELS_ACROSS wide
        gap_width_m=GAP_WIDTH_M,
        tolerance_bounds_m=TOLERANCE_BOUNDS_M,
    )
    geometry = pl.DataFrame(
        {
            "kemendagri_code": codes,
            "geometry_wkb": [shapely.to_wkb(g) for g in display],
            "schematic": [False] * len(codes),
            "source": [file_name] * len(codes),
        },
        schema=GEOMETRY_SCHEMA,
    )
    derived = _kecamatan_from_kelurahan(codes, display, tree, f"{file_name} (union of kelurahan)")
    if level_found != "kelurahan":
        derived = derived.clear()
    missing = (
        tree.filter((pl.col("level") == level_found) & ~pl.col("kemendagri_code").is_in(codes))
        .select("kemendagri_code", "name")
        .sort("kemendagri_code")
    )
    kecamatan_names = dict(tree.filter(pl.col("level") == "kecamatan").select("kemendagri_code", "name").iter_rows())
    # names repeat across kecamatan (Serang's two Sukawana), so a kelurahan is named with its kecamatan
    missing_labels = tuple(
        f"{code} {name} (Kec. {kecamatan_names[code[:8]]})"
        if len(code) == 13 and code[:8] in kecamatan_names
        else f"{code} {name}"
        for code, name in missing.iter_rows()
    )
    bps_unknown = features.filter(pl.col("code_is_bps") & pl.col("bps_digits").is_not_null())
    bps_unknown = bps_unknown.filter(~pl.col("bps_digits").is_in(tree["bps_code"].drop_nulls().implode()))
    return BoundaryCheck(
        file_name=file_name,
        sha256=hashlib.sha256(data).hexdigest(),
        city_code=city_code,
        city_name=city_name,
        level=level_found,
        level_guessed=level is None,
        layer=layer,
        source_crs=source_crs,
        code_field=used["code"],
        name_field=used["name"],
        kecamatan_field=used["kecamatan"],
        features=features.select(list(FEATURE_SCHEMA)),
        geometry=geometry,
        derived_kecamatan=derived,
        missing=missing,
        outside_city=outside_city,
        bps_unknown=bps_unknown.height,
        missing_labels=missing_labels,
        vertices_before=int(kept["vertices"].sum() or 0),
        vertices_after=int(shapely.get_num_coordinates(np.asarray(display, dtype=object)).sum()) if codes else 0,
        tolerance_m=tolerance_m,
        problems=problems,
    )


def commit_boundaries(store: Store, checked: BoundaryCheck, *, user: str, skip_bad_features: bool = False) -> int:
    """Store the checked boundaries in one transaction, replacing the level's geometry for the city.

    Returns the import batch id. Refuses, writing nothing, when the check found problems, unless
    ``skip_bad_features`` and every problem is a feature that can be left out (unmatched, no polygon).
    """
    blocking = [p for p in checked.problems if not (skip_bad_features and p.skippable)]
    if blocking:
        raise BoundaryError("geo_not_committed", file=checked.file_name, count=len(blocking), first=blocking[0])
    if checked.geometry.height == 0:
        raise BoundaryError("geo_nothing_matched", file=checked.file_name, level=checked.level, city=checked.city_name)
    with store.transaction():
        store.execute("delete_region_geometry", scope_code=checked.city_code, level=checked.level, schematic_only=False)
        batch_id = store.scalar(
            "insert_import_batch",
            kind="boundaries",
            file_name=checked.file_name,
            sha256=checked.sha256,
            row_count=checked.geometry.height,
            imported_by=user,
            note=(
                f"{checked.level} of {checked.city_code} {checked.city_name}; CRS {checked.source_crs}; "
                f"vertices {checked.vertices_before} -> {checked.vertices_after}; "
                f"features left out {sum(p.skippable for p in checked.problems)}"
            ),
        )
        store.insert("region_geometry", checked.geometry)
        if checked.derived_kecamatan.height:
            store.execute(
                "delete_region_geometry", scope_code=checked.city_code, level="kecamatan", schematic_only=True
            )
            store.insert("region_geometry", checked.derived_kecamatan, skip_existing=True)
    return batch_id


def _kecamatan_from_kelurahan(codes: list[str], display: np.ndarray, tree: pl.DataFrame, source: str) -> pl.DataFrame:
    """Each kecamatan whose every kelurahan has geometry, as the union of those kelurahan."""
    by_code = dict(zip(codes, display, strict=True))
    rows = []
    kecamatan = tree.filter(pl.col("level") == "kecamatan")["kemendagri_code"].to_list()
    for parent in kecamatan:
        children = tree.filter((pl.col("level") == "kelurahan") & (pl.col("parent_code") == parent))["kemendagri_code"]
        if children.len() and all(c in by_code for c in children):
            union = shapely.coverage_union_all([by_code[c] for c in children])
            rows.append((parent, shapely.to_wkb(clockwise(union))))
    return pl.DataFrame(
        {
            "kemendagri_code": [c for c, _ in rows],
            "geometry_wkb": [g for _, g in rows],
            "schematic": [False] * len(rows),
            "source": [source] * len(rows),
        },
        schema=GEOMETRY_SCHEMA,
    )
