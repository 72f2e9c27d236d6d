"""Boundaries: read a user's boundary file, match its features to regions, simplify, store.

Two steps, so a page can show the check before anything is written::

    regions = store.run("region_tree", scope_code="")          # every region in the store
    checked = read_boundaries(data, "batas_desa.zip", regions,  # bytes as uploaded
                              city="61.71", level=None, code_field=None, name_field=None,
                              layer=None, extra_files=None)
    checked.problems          # [BoundaryProblem]: .text(language) says file, feature, property, value, what to do
    checked.report(language)  # lines for the user: what was read, matched, repaired, simplified
    batch_id = commit_boundaries(store, checked, user=seed.current_user(), skip_bad_features=False)

:func:`read_boundaries` raises :class:`BoundaryError` (``.text(language)``) when the file cannot be
used at all; :func:`commit_boundaries` raises it when the check found problems (unless
``skip_bad_features`` leaves the unmatched features out) and writes nothing then.

- Formats: GeoJSON, Shapefile (``.shp`` with its ``.shx``/``.dbf``/``.prj`` passed in
  ``extra_files``, or a ``.zip`` holding them), GeoPackage (``layer`` picks one of several), and
  whatever else GDAL reads.
- Any CRS, reprojected to EPSG:4326. A file without a CRS is read as EPSG:4326 only when its
  coordinates are degrees; every file must land in Indonesia.
- Invalid geometries are repaired (``shapely.make_valid``, polygonal parts kept).
- Code and name properties: ``kode``/``nama``, BIG's ``KDEPUM``, ``KDCPUM``, ``KDEBPS``,
  ``KDCBPS``, ``WADMKD``, ``WADMKC``, ``NAMOBJ``, ``KODE_KEL``, ``NAMA_KEL``... or named explicitly.
  The level (kecamatan or kelurahan), when not given, is the one more features match.
- Matching: :func:`uhc.regions.match_regions` (Kemendagri code, BPS code, name within kecamatan).
- Display geometry: the level's polygons are cleaned into a coverage (no overlaps, slivers
  closed) and simplified together (``shapely.coverage_simplify``), so neighbours keep their
  shared borders; exterior rings clockwise, as Plotly's geo traces need.
- Storing replaces that level's geometry for the city (the demo's schematic cells included) in
  one transaction, recorded as an ``import_batch`` of kind ``boundaries``. Kelurahan boundaries
  also give each kecamatan whose geometry is schematic or missing the union of its kelurahan.
"""

from __future__ import annotations

import hashlib
import io
import math
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import geopandas as gpd
import numpy as np
import polars as pl
import pyogrio
import shapely
from pyproj import CRS

from uhc import i18n
from uhc.regions import CODE_LENGTH, kab_kota, match_regions
from uhc.store import Store

LEVELS = ("kecamatan", "kelurahan")
# Property names (upper case) that hold a region's code or name, best first, per level. BIG's
# batas administrasi: KDEPUM/KDCPUM = Kemendagri desa/kecamatan code, KDEBPS/KDCBPS = BPS code,
# WADMKD/WADMKC = desa/kecamatan name, NAMOBJ = the object's own name.
CODE_FIELDS = {
    "kecamatan": ("KDCPUM", "KODE_KEC", "KD_KEC", "KODE_KECAMATAN", "KDCBPS", "IDKEC", "KODE", "KODE_WILAYAH", "CODE"),
    "kelurahan": (
        "KDEPUM",
        "KODE_KEL",
        "KODE_DESA",
        "KD_KEL",
        "KD_DESA",
        "KODE_KELURAHAN",
        "KDEBPS",
        "IDDESA",
        "KODE",
        "KODE_WILAYAH",
        "CODE",
    ),
}
NAME_FIELDS = {
    "kecamatan": ("WADMKC", "NAMA_KEC", "NAMA_KECAMATAN", "KECAMATAN", "NAMOBJ", "NAMA", "NAME"),
    "kelurahan": (
        "WADMKD",
        "NAMA_KEL",
        "NAMA_DESA",
        "NAMA_KELURAHAN",
        "DESA_KELURAHAN",
        "KELURAHAN",
        "DESA",
        "NAMOBJ",
        "NAMA",
        "NAME",
    ),
}
# In a kelurahan file, the kecamatan a feature lies in: scopes a name that repeats in the city.
KECAMATAN_CODE_FIELDS = ("KDCPUM", "KODE_KEC", "KD_KEC", "KDCBPS")
KECAMATAN_NAME_FIELDS = ("WADMKC", "NAMA_KEC", "NAMA_KECAMATAN", "KECAMATAN")
# Where a file may lie once reprojected: Indonesia with a margin (degrees lon/lat).
INDONESIA_BOUNDS = (94.0, -12.0, 142.0, 7.0)
# Cleaning and simplifying, in metres of the city's UTM zone. Gaps narrower than GAP_WIDTH_M
# between neighbours are slivers left by simplifying each polygon alone; rivers between
# kecamatan are much wider and stay. The tolerance is about half a screen pixel when the whole
# city fills a map 1.000 pixels wide.
GAP_WIDTH_M = 15.0
PIXELS_ACROSS = 1000
TOLERANCE_BOUNDS_M = (1.0, 50.0)
# Largest total a boundary zip may unpack to (bytes): a city's kelurahan are a few MB.
MAX_UNPACKED_BYTES = 500 * 2**20
_DATASET_SUFFIXES = (".shp", ".gpkg", ".geojson", ".json", ".fgb", ".kml", ".gml")
_SHAPEFILE_PARTS = (".shx", ".dbf")
_REASON_KEYS = {
    "no_label": "geo_feature_no_label",
    "unknown_code": "geo_feature_unmatched",
    "unknown_kecamatan": "geo_feature_unmatched",
    "unknown_name": "geo_feature_unmatched",
    "ambiguous_code": "geo_feature_ambiguous",
    "ambiguous_name": "geo_feature_ambiguous",
    "code_contradicts_name": "geo_feature_code_contradicts_name",
    "wrong_level": "geo_feature_wrong_level",
    "no_polygon": "geo_feature_no_polygon",
}
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


class BoundaryError(ValueError):
    """A boundary file that cannot be used; ``text(language)`` says why and what to do."""

    def __init__(self, key: str, **values):
        self.key = key
        self.values = values
        super().__init__(self.text("en"))

    def text(self, language: str = i18n.DEFAULT_LANGUAGE) -> str:
        values = {k: v.text(language) if isinstance(v, BoundaryProblem) else v for k, v in self.values.items()}
        return i18n.text(self.key, language, **values)


@dataclass(frozen=True)
class BoundaryProblem:
    """One feature that cannot be stored as it is (unmatched, no polygon, a second feature for a region)."""

    key: str
    values: dict
    feature_numbers: tuple[int, ...]
    skippable: bool

    def text(self, language: str = i18n.DEFAULT_LANGUAGE) -> str:
        return i18n.text(self.key, language, **self.values)


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
            names = ", ".join(f"{c} {n}" for c, n in self.missing.select("kemendagri_code", "name").iter_rows())
            lines.append(i18n.text("geo_report_missing", language, count=number(self.missing.height), regions=names))
        if self.outside_city:
            lines.append(
                i18n.text("geo_report_outside", language, count=number(self.outside_city), city=self.city_name)
            )
        repaired = self.features.filter(pl.col("repaired"))["feature_number"].to_list()
        if repaired:
            lines.append(
                i18n.text(
                    "geo_report_repaired",
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
            lines.append(i18n.text("geo_report_derived", language, count=number(self.derived_kecamatan.height)))
        return lines


def read_boundary_file(path: str | Path, regions: pl.DataFrame, **options) -> BoundaryCheck:
    """:func:`read_boundaries` on a file on disk; a ``.shp`` brings its sibling files along."""
    path = Path(path)
    if not path.is_file():
        raise BoundaryError("geo_no_file", file=str(path))
    extra = {}
    if path.suffix.lower() == ".shp":
        extra = {
            sibling.name: sibling.read_bytes()
            for sibling in path.parent.iterdir()
            if sibling.stem == path.stem and sibling != path and sibling.is_file()
        }
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
    with tempfile.TemporaryDirectory() as folder:
        datasets = _unpack(data, file_name, extra_files or {}, Path(folder))
        dataset, layer_name, layer = _choose_layer(datasets, file_name, layer)
        try:
            frame = gpd.read_file(dataset, layer=layer_name, engine="pyogrio")
        except Exception as exc:  # GDAL reports unreadable files with many error types
            raise BoundaryError("geo_unreadable", file=file_name, reason=str(exc).splitlines()[0]) from exc
    frame, source_crs = _to_wgs84(frame, file_name)
    properties = frame.drop(columns=frame.geometry.name)
    cities = _cities(regions, city)
    fields = {"code": code_field, "name": name_field}
    for given in fields.values():
        if given is not None and _field(properties, (given,)) is None:
            raise BoundaryError("geo_unknown_field", field=given, file=file_name, fields=_field_list(properties))

    best = _best_reading(properties, regions, cities, level, code_field, name_field)
    if best is None:
        raise BoundaryError("geo_no_label_field", file=file_name, fields=_field_list(properties))
    city_code, level_found, matched, used = best
    if _in_city(matched).is_empty():
        _raise_other_city(matched, file_name, cities)
    tree = regions.filter(pl.col("kemendagri_code").str.starts_with(city_code))
    city_name = tree.filter(pl.col("kemendagri_code") == city_code)["name"][0]

    geometries, repaired, problems_geometry = _polygons(frame.geometry.values)
    vertices = shapely.get_num_coordinates(frame.geometry.values)
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
    problems = [*_feature_problems(features, used, context), *_duplicate_problems(features, used, context)]
    duplicated = {code for p in problems if not p.skippable for code in p.values.get("codes", ())}
    kept = features.with_row_index("position").filter(
        pl.col("kemendagri_code").is_not_null() & ~pl.col("kemendagri_code").is_in(list(duplicated))
    )
    by_region: dict[str, list] = {}
    for position, code in kept.select("position", "kemendagri_code").iter_rows():
        by_region.setdefault(code, []).append(geometries[position])
    codes = sorted(by_region)
    display, tolerance_m = _display_geometry([shapely.union_all(by_region[c]) for c in codes])
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
        vertices_before=int(kept["vertices"].sum() or 0),
        vertices_after=int(shapely.get_num_coordinates(np.asarray(display, dtype=object)).sum()) if codes else 0,
        tolerance_m=tolerance_m,
        problems=problems,
    )


def _in_city(matched: pl.DataFrame) -> pl.DataFrame:
    """The features matched to a region of the city, at the level read or another."""
    return matched.filter(pl.col("kemendagri_code").is_not_null() | (pl.col("unmatched_reason") == "wrong_level"))


def _best_reading(properties, regions: pl.DataFrame, cities: list[str], level, code_field, name_field):
    """(city, level, matched labels, properties used) of the reading that places the most features.

    Each city and level is tried (the level only when not given); the reading that puts features on
    the most distinct regions of its level wins, then the one that places most features in the city
    at any level, then the level whose region count is nearer the feature count. None when the file has no code or name property at all.
    """
    best, best_score = None, None
    for city_code in cities:
        tree = regions.filter(pl.col("kemendagri_code").str.starts_with(city_code))
        for candidate_level in [level] if level else LEVELS:
            labels, used = _labels(properties, candidate_level, code_field, name_field)
            if not any(used.values()):
                continue
            matched = _match(labels, tree, candidate_level, city_code)
            regions_at_level = tree.filter(pl.col("level") == candidate_level).height
            score = (
                matched["kemendagri_code"].drop_nulls().n_unique(),
                _in_city(matched).height,
                -abs(math.log(max(len(properties), 1) / max(regions_at_level, 1))),
            )
            if best_score is None or score > best_score:
                best, best_score = (city_code, candidate_level, matched, used), score
    return best


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


# -- reading ------------------------------------------------------------------------------------


def _unpack(data: bytes, file_name: str, extra_files: dict[str, bytes], folder: Path) -> list[Path]:
    """Write the upload (and, for a zip, its contents) into ``folder``; the datasets in it."""
    name = PurePosixPath(file_name.replace("\\", "/")).name or "upload"
    if name.lower().endswith(".zip"):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as exc:
            raise BoundaryError("geo_unreadable", file=file_name, reason=str(exc)) from exc
        with archive:
            unpacked = sum(member.file_size for member in archive.infolist())
            if unpacked > MAX_UNPACKED_BYTES:  # a zip bomb, or far more than a city's boundaries
                raise BoundaryError(
                    "geo_zip_too_large", file=file_name, size=unpacked // 2**20, limit=MAX_UNPACKED_BYTES // 2**20
                )
            root = folder.resolve()
            for member in archive.infolist():
                path = PurePosixPath(member.filename.replace("\\", "/"))
                parts = path.parts
                # plain relative names only: a zip must not write outside the folder ("../x", "/etc/x", "C:/x")
                if (
                    member.is_dir()
                    or not parts
                    or path.is_absolute()
                    or ".." in parts
                    or ":" in parts[0]
                    or parts[0] == "__MACOSX"
                    or parts[-1].startswith(".")
                ):
                    continue
                target = folder.joinpath(*parts)
                if not target.resolve().is_relative_to(root):
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(member))
        datasets = sorted(p for p in folder.rglob("*") if p.suffix.lower() in _DATASET_SUFFIXES)
        if not datasets:
            raise BoundaryError("geo_empty_zip", file=file_name)
    else:
        datasets = [folder / name]
        datasets[0].write_bytes(data)
        for extra_name, extra_data in extra_files.items():
            (folder / PurePosixPath(extra_name.replace("\\", "/")).name).write_bytes(extra_data)
    for dataset in datasets:
        if dataset.suffix.lower() == ".shp":
            present = {p.suffix.lower() for p in dataset.parent.iterdir() if p.stem == dataset.stem}
            missing = [suffix for suffix in _SHAPEFILE_PARTS if suffix not in present]
            if missing:
                raise BoundaryError(
                    "geo_shapefile_parts", file=file_name, part=dataset.name, missing=", ".join(missing)
                )
    return datasets


def _choose_layer(datasets: list[Path], file_name: str, layer: str | None) -> tuple[Path, str | None, str | None]:
    """(dataset, layer to read, layer name to report): the one asked for, else the one polygon layer.

    Several datasets in one zip count as layers named after their files.
    """
    layers = []  # (dataset, layer or None, name shown, geometry type)
    for dataset in datasets:
        try:
            listed = pyogrio.list_layers(dataset)
        except Exception as exc:  # GDAL reports unreadable files with many error types
            raise BoundaryError("geo_unreadable", file=file_name, reason=str(exc).splitlines()[0]) from exc
        for name, kind in listed:
            shown = str(name) if len(listed) > 1 or len(datasets) == 1 else dataset.stem
            layers.append((dataset, str(name), shown, str(kind)))
    names = [shown for _, _, shown, _ in layers]
    if layer is not None:
        chosen = [entry for entry in layers if layer in (entry[2], entry[0].name, entry[0].stem)]
        if not chosen:
            raise BoundaryError("geo_unknown_layer", layer=layer, file=file_name, layers=", ".join(names))
    else:
        chosen = layers if len(layers) == 1 else [entry for entry in layers if "polygon" in entry[3].lower()]
        if len(chosen) != 1:
            listed = ", ".join(f"{shown} ({kind})" for _, _, shown, kind in layers)
            raise BoundaryError("geo_several_layers", file=file_name, layers=listed)
    dataset, name, shown, _ = chosen[0]
    return dataset, name, (shown if len(layers) > 1 else None)


def _bounds_text(bounds) -> str:
    return f"x {bounds[0]:.4f} .. {bounds[2]:.4f}, y {bounds[1]:.4f} .. {bounds[3]:.4f}"


def _inside(bounds, box) -> bool:
    return bounds[0] >= box[0] and bounds[1] >= box[1] and bounds[2] <= box[2] and bounds[3] <= box[3]


def _to_wgs84(frame: gpd.GeoDataFrame, file_name: str) -> tuple[gpd.GeoDataFrame, str]:
    """The frame in EPSG:4326 and a name for the CRS it came in; refuses coordinates outside Indonesia."""
    present = frame.geometry[~frame.geometry.is_empty & frame.geometry.notna()]
    if present.empty:
        raise BoundaryError("geo_no_polygons", file=file_name, kinds="–")
    bounds = present.total_bounds
    if frame.crs is None:
        if not _inside(bounds, (-180, -90, 180, 90)):
            raise BoundaryError("geo_no_crs_not_degrees", file=file_name, bounds=_bounds_text(bounds))
        frame = frame.set_crs(4326)
        source_crs = i18n.text("geo_crs_assumed", "en")
    else:
        epsg = CRS.from_user_input(frame.crs).to_epsg()
        source_crs = f"EPSG:{epsg}" if epsg else CRS.from_user_input(frame.crs).name
        frame = frame.to_crs(4326)
    wgs84_bounds = frame.geometry[~frame.geometry.is_empty & frame.geometry.notna()].total_bounds
    if not np.isfinite(wgs84_bounds).all() or not _inside(wgs84_bounds, INDONESIA_BOUNDS):
        swapped = (wgs84_bounds[1], wgs84_bounds[0], wgs84_bounds[3], wgs84_bounds[2])
        key = "geo_swapped" if _inside(swapped, INDONESIA_BOUNDS) else "geo_outside_indonesia"
        raise BoundaryError(key, file=file_name, crs=source_crs, bounds=_bounds_text(bounds))
    return frame, source_crs


def _field(properties, names) -> str | None:
    """The property among ``names`` (any case) that the file has, as the file spells it."""
    by_upper = {str(column).upper(): str(column) for column in properties.columns}
    return next((by_upper[name.upper()] for name in names if name.upper() in by_upper), None)


def _field_list(properties) -> str:
    return ", ".join(map(str, properties.columns)) or "–"


def _texts(properties, column: str | None) -> list[str | None]:
    """A property's values as text: whole numbers without ``.0`` (codes read as numbers), blanks as null."""
    if column is None:
        return [None] * len(properties)
    values = []
    for value in properties[column].tolist():
        if value is None or (isinstance(value, float) and math.isnan(value)):
            values.append(None)
        elif isinstance(value, float) and value.is_integer():
            values.append(str(int(value)))
        else:
            text = str(value).strip()
            values.append(text or None)
    return values


def _labels(properties, level: str, code_field: str | None, name_field: str | None):
    """The matcher's label columns for reading the file at ``level``, and the properties used."""
    code = _field(properties, (code_field,)) if code_field else _field(properties, CODE_FIELDS[level])
    name = _field(properties, (name_field,)) if name_field else _field(properties, NAME_FIELDS[level])
    used = {"code": code, "name": name, "kecamatan": None}
    columns = {"region_code": _texts(properties, code)}
    if level == "kecamatan":
        columns["kecamatan"] = _texts(properties, name)
    else:
        columns["kelurahan"] = _texts(properties, name)
        kecamatan_code = _field(properties, KECAMATAN_CODE_FIELDS)
        kecamatan_name = _field(properties, KECAMATAN_NAME_FIELDS)
        if kecamatan_code == code:
            kecamatan_code = None
        codes, names = _texts(properties, kecamatan_code), _texts(properties, kecamatan_name)
        # "61.71.01-Pontianak Selatan": the matcher tries the code, then the name
        columns["kecamatan"] = [
            "-".join(part for part in (c, n) if part) or None for c, n in zip(codes, names, strict=True)
        ]
        used["kecamatan"] = " + ".join(f for f in (kecamatan_code, kecamatan_name) if f) or None
    return pl.DataFrame(columns, schema=dict.fromkeys(columns, pl.String)), used


def _match(labels: pl.DataFrame, tree: pl.DataFrame, level: str, city_code: str) -> pl.DataFrame:
    """Matched labels with a feature number; a code of another level, or of another city, is no match."""
    names = dict(zip(tree["kemendagri_code"], tree["name"], strict=True))
    matched = match_regions(labels, tree).with_row_index("feature_number", offset=1)
    for column in ("kecamatan", "kelurahan"):
        if column not in matched.columns:
            matched = matched.with_columns(pl.lit(None, pl.String).alias(column))
    # the region the code alone names, at whatever level: a kecamatan code in a file read as
    # kelurahan says the level is wrong, whatever the names then matched
    by_code = match_regions(labels.select("region_code"), tree)["kemendagri_code"]
    matched = matched.with_columns(pl.col("feature_number").cast(pl.Int64), code_region=by_code)
    found = pl.coalesce("kemendagri_code", "code_region")
    wrong_level = found.str.len_chars() != CODE_LENGTH[level]
    city_digits = city_code.replace(".", "")
    city_bps = tree.filter(pl.col("kemendagri_code") == city_code)["bps_code"].to_list()
    own_prefixes = [city_digits, *(b for b in city_bps if b)]
    code_digits = pl.col("region_code").str.replace_all(r"[^0-9]", "")
    other_city = (
        pl.col("kemendagri_code").is_null()
        & (code_digits.str.len_chars() >= 6)
        & ~pl.any_horizontal([code_digits.str.starts_with(p) for p in own_prefixes])
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
            matched_by=pl.when(wrong_level).then(None).otherwise(pl.col("matched_by")),
        )
        .drop("code_region")
    )


def _polygons(geometries) -> tuple[list, list[bool], list[bool]]:
    """Each geometry as 2D polygons, repaired when invalid; (geometries, repaired, has no polygon)."""
    flat = shapely.force_2d(np.asarray(geometries, dtype=object))
    valid = shapely.is_valid(flat)
    result, repaired, no_polygon = [], [], []
    for geometry, is_valid in zip(flat, valid, strict=True):
        fixed = geometry if (geometry is None or is_valid) else shapely.make_valid(geometry)
        polygons = (
            [] if fixed is None else [p for p in shapely.get_parts(fixed) if p.geom_type in ("Polygon", "MultiPolygon")]
        )
        polygons = [part for p in polygons for part in shapely.get_parts(p) if not part.is_empty]
        result.append(shapely.MultiPolygon(polygons) if len(polygons) > 1 else (polygons[0] if polygons else None))
        repaired.append(bool(geometry is not None and not is_valid))
        no_polygon.append(not polygons)
    return result, repaired, no_polygon


# -- problems -----------------------------------------------------------------------------------


def _label_text(row: dict, used: dict, level: str) -> str:
    """The properties a feature was matched on, as the file has them: ``KDEPUM = '61.71.01.1002'``."""
    values = (
        (used["code"], row["region_code"]),
        (used["name"], row[level]),
        (used["kecamatan"], row["kecamatan"] if level == "kelurahan" else None),
    )
    return ", ".join(f"{name} = {value!r}" for name, value in values if name and value) or "–"


def _feature_problems(features: pl.DataFrame, used: dict, context: dict) -> list[BoundaryProblem]:
    problems = []
    for row in features.filter(pl.col("unmatched_reason").is_not_null()).iter_rows(named=True):
        reason = row["unmatched_reason"]
        values = {
            **context,
            "feature": row["feature_number"],
            "labels": _label_text(row, used, context["level"]),
            "suggestions": "; ".join(row["suggestions"] or []) or "–",
        }
        problems.append(BoundaryProblem(_REASON_KEYS[reason], values, (row["feature_number"],), skippable=True))
    return problems


def _duplicate_problems(features: pl.DataFrame, used: dict, context: dict) -> list[BoundaryProblem]:
    """Several features on one region with different labels: a wrong code, not parts of one region."""
    problems = []
    matched = features.filter(pl.col("kemendagri_code").is_not_null())
    for (code,), group in matched.group_by("kemendagri_code", maintain_order=True):
        labels = group.select("region_code", "kecamatan", "kelurahan").unique()
        if labels.height > 1:
            numbers = tuple(group["feature_number"].to_list())
            values = {
                **context,
                "features": ", ".join(map(str, numbers)),
                "region": code,
                "labels": "; ".join(_label_text(r, used, context["level"]) for r in group.iter_rows(named=True)),
                "codes": (code,),
            }
            problems.append(BoundaryProblem("geo_duplicate_region", values, numbers, skippable=False))
    return problems


# -- display geometry ---------------------------------------------------------------------------


def _display_geometry(geometries: list) -> tuple[list, float]:
    """The polygons as one clean coverage, simplified together in metres; EPSG:4326, rings clockwise."""
    if not geometries:
        return [], 0.0
    series = gpd.GeoSeries(geometries, crs=4326)
    utm = series.estimate_utm_crs()
    metric = series.to_crs(utm).values
    minx, miny, maxx, maxy = shapely.total_bounds(metric)
    tolerance_m = min(
        max(max(maxx - minx, maxy - miny) / (2 * PIXELS_ACROSS), TOLERANCE_BOUNDS_M[0]), TOLERANCE_BOUNDS_M[1]
    )
    cleaned = shapely.coverage_clean(np.asarray(metric, dtype=object), gap_width=GAP_WIDTH_M)
    simplified = shapely.coverage_simplify(cleaned, tolerance_m)
    back = gpd.GeoSeries(simplified, crs=utm).to_crs(4326).values
    display = []
    for geometry in back:
        if not shapely.is_valid(geometry):
            geometry = shapely.make_valid(geometry)
        display.append(_clockwise(geometry))
    return display, float(tolerance_m)


def _clockwise(geometry):
    """Exterior rings clockwise, holes counter-clockwise (what d3-geo, and so px.choropleth, draws right)."""
    parts = [
        shapely.geometry.polygon.orient(p, sign=-1.0) for p in shapely.get_parts(geometry) if p.geom_type == "Polygon"
    ]
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def _kecamatan_from_kelurahan(codes: list[str], display: list, tree: pl.DataFrame, source: str) -> pl.DataFrame:
    """Each kecamatan whose every kelurahan has geometry, as the union of those kelurahan."""
    by_code = dict(zip(codes, display, strict=True))
    rows = []
    kecamatan = tree.filter(pl.col("level") == "kecamatan")["kemendagri_code"].to_list()
    for parent in kecamatan:
        children = tree.filter((pl.col("level") == "kelurahan") & (pl.col("parent_code") == parent))["kemendagri_code"]
        if children.len() and all(c in by_code for c in children):
            union = shapely.coverage_union_all([by_code[c] for c in children])
            rows.append((parent, shapely.to_wkb(_clockwise(union))))
    return pl.DataFrame(
        {
            "kemendagri_code": [c for c, _ in rows],
            "geometry_wkb": [g for _, g in rows],
            "schematic": [False] * len(rows),
            "source": [source] * len(rows),
        },
        schema=GEOMETRY_SCHEMA,
    )


def _raise_other_city(matched: pl.DataFrame, file_name: str, cities: list[str]) -> None:
    """No feature lies in a stored city: name the kab/kota the codes point to, if they do."""
    digits = matched.filter(pl.col("unmatched_reason") == "outside_city")["region_code"].str.replace_all(r"[^0-9]", "")
    if digits.len():
        prefix = digits.str.slice(0, 4).mode().sort()[0]
        code = f"{prefix[:2]}.{prefix[2:]}"
        raise BoundaryError("geo_other_city", file=file_name, code=code, cities=", ".join(cities))
    if len(cities) > 1:
        raise BoundaryError("geo_city_unclear", file=file_name, cities=", ".join(cities))


def _cities(regions: pl.DataFrame, city: str | None) -> list[str]:
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
