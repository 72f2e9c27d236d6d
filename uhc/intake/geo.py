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
- Code and name properties are found by their names, in any case: BIG's (``KDEPUM``, ``KDEBPS``,
  ``WADMKD``, ``WADMKC``, ``NAMOBJ``...), HDX COD-AB's (``ADM4_PCODE``, ``ADM4_EN``, ``ADM3_EN``...),
  GADM's (``NAME_3``) and plain ones (``kode``/``nama``, ``kode_kel``, ``desa``, ``village``,
  ``district``, ``kecamatan``, ``*_code``), or named explicitly. The kecamatan property scopes a
  kelurahan name that repeats in the city. Codes with a country prefix (``ID3273060003``) and codes
  of a BPS property are BPS codes, looked up among the tree's BPS codes only.
  The level (kecamatan or kelurahan), when not given, is the one more features match.
- Caps (:data:`MAX_FILE_BYTES`, :data:`MAX_UNPACKED_BYTES`, :data:`MAX_ZIP_MEMBERS`,
  :data:`MAX_FEATURES`, :data:`MAX_VERTICES`) are checked before the heavy work; a zip holding a
  symlink, a path outside its folder or a folder named like a file is refused whole.
- Matching: :func:`uhc.store.regions.match_regions` (Kemendagri code, BPS code, name within kecamatan).
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
import re
import stat
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import geopandas as gpd
import numpy as np
import polars as pl
import pyogrio
import shapely
from pyproj import CRS

from uhc import i18n
from uhc.store.db import Store
from uhc.store.regions import CODE_LENGTH, kab_kota, match_regions

LEVELS = ("kecamatan", "kelurahan")
# Property names (upper case) whose meaning is fixed by a known schema: (role, level, code system).
# BIG's batas administrasi: KDEPUM/KDCPUM/KDPKAB/KDPPUM = Kemendagri desa/kecamatan/kab/province
# code, KDEBPS/KDCBPS/KDBBPS/KDPBPS = the BPS ones, WADMKD/WADMKC/WADMKK/WADMPR = their names,
# NAMOBJ = the object's own name. HDX COD-AB (ADMn_EN, ADMn_PCODE) and GADM (NAME_n) below.
_KNOWN_FIELDS = {
    "KDEPUM": ("code", "kelurahan", "kemendagri"),
    "KDEBPS": ("code", "kelurahan", "bps"),
    "KDCPUM": ("code", "kecamatan", "kemendagri"),
    "KDCBPS": ("code", "kecamatan", "bps"),
    "KDPKAB": ("code", "kota", "kemendagri"),
    "KDBBPS": ("code", "kota", "bps"),
    "KDPPUM": ("code", "provinsi", "kemendagri"),
    "KDPBPS": ("code", "provinsi", "bps"),
    "WADMKD": ("name", "kelurahan", None),
    "WADMKC": ("name", "kecamatan", None),
    "WADMKK": ("name", "kota", None),
    "WADMPR": ("name", "provinsi", None),
    "NAMOBJ": ("name", None, None),
}
# HDX COD-AB for Indonesia: ADM1 province, ADM2 kab/kota, ADM3 kecamatan, ADM4 desa/kelurahan;
# ADMn_PCODE is "ID" + the BPS code (ID3273060003). GADM: NAME_3 kecamatan, NAME_4 desa.
_ADMIN_LEVELS = {"1": "provinsi", "2": "kota", "3": "kecamatan", "4": "kelurahan"}
_HDX_FIELD = re.compile(r"^ADM([1-4])_(PCODE|EN|ID|REF)$")
_GADM_FIELD = re.compile(r"^NAME_([1-4])$")
# Words of plain property names (KODE_KEL, nama_desa, village_code, District, kecamatan...).
_LEVEL_WORDS = {
    **dict.fromkeys(("KEL", "KELURAHAN", "DESA", "DS", "VILLAGE", "KELDESA", "DESAKEL"), "kelurahan"),
    **dict.fromkeys(("KEC", "KECAMATAN", "DISTRICT", "DISTRIK", "SUBDISTRICT"), "kecamatan"),
    **dict.fromkeys(("KAB", "KABUPATEN", "KOTA", "KABKOT", "KABKOTA", "REGENCY", "CITY"), "kota"),
    **dict.fromkeys(("PROV", "PROVINSI", "PROPINSI", "PROVINCE"), "provinsi"),
}
_CODE_WORDS = ("KODE", "CODE", "PCODE", "KD", "ID")
_NAME_WORDS = ("NAMA", "NAME", "NM")
# Words that may stand beside those without changing what the property is; any other word (N_KELURAHAN,
# LUAS_KEC, JUMLAH_DESA) makes it something else.
_FILLER_WORDS = {"WILAYAH", "WIL", "SUB", "BPS", "KEMENDAGRI", "DAGRI", "PUM", "ADM", "EN"}
_COUNTRY_PREFIX = re.compile(r"^(?:IDN|ID)(?=\d{2,}$)", re.IGNORECASE)
# Where a file may lie once reprojected: Indonesia with a margin (degrees lon/lat).
INDONESIA_BOUNDS = (94.0, -12.0, 142.0, 7.0)
# Cleaning and simplifying, in metres of the city's UTM zone. Gaps narrower than GAP_WIDTH_M
# between neighbours are slivers left by simplifying each polygon alone; rivers between
# kecamatan are much wider and stay. The tolerance is about half a screen pixel when the whole
# city fills a map 1.000 pixels wide.
GAP_WIDTH_M = 15.0
PIXELS_ACROSS = 1000
TOLERANCE_BOUNDS_M = (1.0, 50.0)
# Caps on a boundary file, checked before the heavy work (reprojecting, repairing, simplifying).
# A city's kelurahan are a few MB and some 100.000 vertices at BIG's full detail (Serang's 67
# kelurahan here: 184 KB, 4.221 vertices); a province's desa are about 10.000 features.
MAX_FILE_BYTES = 100 * 2**20  # the upload as it comes (a zip still compressed), siblings included
MAX_UNPACKED_BYTES = 300 * 2**20  # what a zip unpacks to; a GeoJSON of 5.000.000 vertices is about 200 MB
MAX_ZIP_MEMBERS = 500
MAX_FEATURES = 20_000
MAX_VERTICES = 5_000_000
_COPY_CHUNK_BYTES = 2**20
_DATASET_SUFFIXES = (".shp", ".gpkg", ".geojson", ".json", ".fgb", ".kml", ".gml")
_SHAPEFILE_PARTS = (".shx", ".dbf")
_REASON_KEYS = {
    "no_label": i18n.N_("geo_feature_no_label"),
    "unknown_code": i18n.N_("geo_feature_unmatched"),
    "unknown_kecamatan": i18n.N_("geo_feature_unmatched"),
    "unknown_name": i18n.N_("geo_feature_unmatched"),
    "ambiguous_code": i18n.N_("geo_feature_ambiguous"),
    "ambiguous_name": i18n.N_("geo_feature_ambiguous"),
    "code_contradicts_name": i18n.N_("geo_feature_code_contradicts_name"),
    "wrong_level": i18n.N_("geo_feature_wrong_level"),
    "no_polygon": i18n.N_("geo_feature_no_polygon"),
}
# Why a zip member is not unpacked -> the words for it.
_ZIP_WHY_KEYS = {
    "directory": i18n.N_("geo_zip_why_directory"),
    "encrypted": i18n.N_("geo_zip_why_encrypted"),
    "outside": i18n.N_("geo_zip_why_outside"),
    "symlink": i18n.N_("geo_zip_why_symlink"),
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


@dataclass(frozen=True)
class _Localised:
    """A value of a message that is written in the message's language (a number, a phrase)."""

    written: Callable[[str], str]

    def text(self, language: str) -> str:
        return self.written(language)


class BoundaryError(ValueError):
    """A boundary file that cannot be used; ``text(language)`` says why and what to do."""

    def __init__(self, key: str, **values):
        self.key = key
        self.values = values
        super().__init__(self.text("en"))

    def text(self, language: str = i18n.DEFAULT_LANGUAGE) -> str:
        values = {
            k: v.text(language) if isinstance(v, (BoundaryProblem, _Localised)) else v for k, v in self.values.items()
        }
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
    _check_file_size(path.name, sum(p.stat().st_size for p in (path, *siblings)))  # before reading it
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
    with tempfile.TemporaryDirectory() as folder:
        datasets = _unpack(data, file_name, extra_files or {}, Path(folder))
        dataset, layer_name, layer = _choose_layer(datasets, file_name, layer)
        try:
            declared = pyogrio.read_info(dataset, layer=layer_name)["features"]  # no geometry read
            _check_count("geo_too_many_features", file_name, declared, MAX_FEATURES)
            frame = gpd.read_file(dataset, layer=layer_name, engine="pyogrio")
        except BoundaryError:
            raise
        except Exception as exc:  # GDAL reports unreadable files with many error types
            raise BoundaryError("geo_unreadable", file=file_name, reason=_first_line(exc)) from exc
    _check_count("geo_too_many_features", file_name, len(frame), MAX_FEATURES)  # when the driver could not say
    vertices = shapely.get_num_coordinates(frame.geometry.values)
    _check_count("geo_too_many_vertices", file_name, int(vertices.sum()), MAX_VERTICES)
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
            for code in _code_fields(properties, candidate_level, code_field):
                labels, used = _labels(properties, candidate_level, code, name_field, tree)
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


def _first_line(exc: Exception) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]


def _check_file_size(file_name: str, size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise BoundaryError("geo_file_too_large", file=file_name, size=-(-size // 2**20), limit=MAX_FILE_BYTES // 2**20)


def _check_count(key: str, file_name: str, count: int, limit: int) -> None:
    if count > limit:
        raise BoundaryError(
            key,
            file=file_name,
            count=_Localised(lambda language: i18n.number(count, language)),
            limit=_Localised(lambda language: i18n.number(limit, language)),
        )


def _unsafe(file_name: str, member: str, why: str) -> BoundaryError:
    why_text = _Localised(lambda language: i18n.text(_ZIP_WHY_KEYS[why], language))
    return BoundaryError("geo_zip_unsafe_member", file=file_name, member=repr(member), why=why_text)


def _unpack(data: bytes, file_name: str, extra_files: dict[str, bytes], folder: Path) -> list[Path]:
    """Write the upload (and, for a zip, its contents) into ``folder``; the datasets in it.

    A zip is refused whole, before anything is written, when a member is a symlink, a path
    outside the folder (``../x.shp``, ``/etc/x``, ``C:/x``), a folder named like a data file
    (``batas.shp/``) or encrypted; and when it holds too many members or unpacks to too much.
    """
    name = PurePosixPath(file_name.replace("\\", "/")).name or "upload"
    _check_file_size(file_name, len(data) + sum(len(v) for v in extra_files.values()))
    if name.lower().endswith(".zip"):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
            raise BoundaryError("geo_unreadable", file=file_name, reason=_first_line(exc)) from exc
        with archive:
            _unpack_zip(archive, file_name, folder)
        datasets = sorted(p for p in folder.rglob("*") if p.suffix.lower() in _DATASET_SUFFIXES and p.is_file())
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


def _unpack_zip(archive: zipfile.ZipFile, file_name: str, folder: Path) -> None:
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise BoundaryError("geo_zip_too_many_members", file=file_name, count=len(members), limit=MAX_ZIP_MEMBERS)
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_BYTES:  # a zip bomb, or far more than a city's boundaries
        raise BoundaryError(
            "geo_zip_too_large", file=file_name, size=unpacked // 2**20, limit=MAX_UNPACKED_BYTES // 2**20
        )
    root = folder.resolve()
    data_suffixes = (*_DATASET_SUFFIXES, *_SHAPEFILE_PARTS, ".prj", ".cpg")
    wanted = []
    for member in members:  # every member is checked before any is written
        path = PurePosixPath(member.filename.replace("\\", "/"))
        parts = path.parts
        if parts and (parts[0] == "__MACOSX" or parts[-1].startswith(".")):
            continue  # macOS resource forks and .DS_Store
        if stat.S_ISLNK(member.external_attr >> 16):
            raise _unsafe(file_name, member.filename, "symlink")
        if (
            not parts
            or path.is_absolute()
            or ".." in parts
            or ":" in parts[0]
            or not folder.joinpath(*parts).resolve().is_relative_to(root)
        ):
            raise _unsafe(file_name, member.filename, "outside")
        folders = parts if member.is_dir() else parts[:-1]
        if any(PurePosixPath(part).suffix.lower() in data_suffixes for part in folders):
            raise _unsafe(file_name, member.filename, "directory")
        if member.flag_bits & 0x1:
            raise _unsafe(file_name, member.filename, "encrypted")
        if not member.is_dir():
            wanted.append((member, folder.joinpath(*parts)))
    budget = MAX_UNPACKED_BYTES
    for member, target in wanted:
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with archive.open(member) as source, target.open("wb") as out:
                # the sizes a zip declares are checked above; this stops one that lies about them
                while chunk := source.read(_COPY_CHUNK_BYTES):
                    budget -= len(chunk)
                    if budget < 0:
                        raise BoundaryError(
                            "geo_zip_too_large",
                            file=file_name,
                            size=f"> {MAX_UNPACKED_BYTES // 2**20}",
                            limit=MAX_UNPACKED_BYTES // 2**20,
                        )
                    out.write(chunk)
        except BoundaryError:
            raise
        except Exception as exc:  # BadZipFile (bad CRC), zlib.error, NotImplementedError (compression)...
            raise BoundaryError("geo_unreadable", file=file_name, reason=_first_line(exc)) from exc


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
        key = i18n.N_("geo_swapped") if _inside(swapped, INDONESIA_BOUNDS) else i18n.N_("geo_outside_indonesia")
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


def _field_meaning(column: str) -> tuple[str, str | None, str | None, int] | None:
    """(role, level, code system, rank) of a property name, None when it is no region code or name.

    Role is ``code`` or ``name``; level is the region level it names (None: the feature itself, as
    ``kode``, ``nama``, ``NAMOBJ``); code system ``bps``, ``kemendagri`` or None (unknown). A lower
    rank is a better candidate among properties of one role and level.
    """
    upper = column.strip().upper()
    if upper in _KNOWN_FIELDS:
        return (*_KNOWN_FIELDS[upper], 0)
    if found := _HDX_FIELD.match(upper):
        kind = found.group(2)
        if kind == "PCODE":
            return ("code", _ADMIN_LEVELS[found.group(1)], "bps", 0)
        return ("name", _ADMIN_LEVELS[found.group(1)], None, ("EN", "ID", "REF").index(kind))
    if found := _GADM_FIELD.match(upper):
        return ("name", _ADMIN_LEVELS[found.group(1)], None, 1)
    words = []
    for word in re.split(r"[^A-Z0-9]+", upper):
        # merged words: KODEKEC, IDDESA, NAMAKEL
        prefix = next(
            (p for p in (*_CODE_WORDS, *_NAME_WORDS) if word.startswith(p) and word[len(p) :] in _LEVEL_WORDS), None
        )
        words.extend([prefix, word[len(prefix) :]] if prefix else [word] if word else [])
    if not words or any(
        w not in _LEVEL_WORDS and w not in _CODE_WORDS + _NAME_WORDS and w not in _FILLER_WORDS for w in words
    ):
        return None
    levels = {_LEVEL_WORDS[w] for w in words if w in _LEVEL_WORDS}
    is_code = any(w in _CODE_WORDS for w in words)
    is_name = any(w in _NAME_WORDS for w in words)
    if len(levels) > 1 or (is_code and is_name):
        return None
    level = levels.pop() if levels else None
    if level is None and (not (is_code or is_name) or words == ["ID"]):
        return None  # WILAYAH alone says nothing; ID alone is most often a running number
    system = "bps" if "BPS" in words else ("kemendagri" if {"KEMENDAGRI", "DAGRI", "PUM"} & set(words) else None)
    return ("code" if is_code else "name", level, system, 1 + (system == "bps"))


def _fields_for(properties, role: str, level: str | None) -> list[tuple[str, str | None]]:
    """(property, code system) of ``role`` at ``level`` in the file, best first."""
    found = []
    for position, column in enumerate(map(str, properties.columns)):
        meaning = _field_meaning(column)
        if meaning and meaning[0] == role and meaning[1] == level:
            found.append((meaning[3], position, column, meaning[2]))
    return [(column, system) for _, _, column, system in sorted(found)]


def _code_fields(properties, level: str, code_field: str | None) -> list[tuple[str | None, str | None]]:
    """The code properties to try for reading the file at ``level``: the one given, else each candidate."""
    if code_field:
        column = _field(properties, (code_field,))
        meaning = _field_meaning(column)
        return [(column, meaning[2] if meaning else None)]
    return _fields_for(properties, "code", level) + _fields_for(properties, "code", None) or [(None, None)]


def _name_field(properties, level: str, name_field: str | None) -> str | None:
    if name_field:
        return _field(properties, (name_field,))
    candidates = _fields_for(properties, "name", level) + _fields_for(properties, "name", None)
    return candidates[0][0] if candidates else None


def _codes_read(values: list[str | None], system: str | None, tree: pl.DataFrame):
    """Codes as written -> (codes for the matcher, digits of BPS codes, whether each is a BPS code).

    A code with a country prefix (ID3273060003, as HDX writes them) or from a BPS property is a BPS
    code: it is looked up among the tree's BPS codes and handed on as the Kemendagri code it is, or
    as nothing when the tree does not know it (the names decide then). Read any other way, BPS
    6171031002 (Darat Sekip) would be Kemendagri 61.71.03.1002 (Sungaijawi Dalam).
    """
    by_bps = {b: k for k, b in tree.select("kemendagri_code", "bps_code").iter_rows() if b}
    codes, digits, is_bps = [], [], []
    for value in values:
        text = None if value is None else re.sub(r"\s", "", value)
        prefixed = bool(text and _COUNTRY_PREFIX.match(text))
        bps = bool(text) and (prefixed or system == "bps")
        if bps:
            number = re.sub(r"[^0-9]", "", _COUNTRY_PREFIX.sub("", text))
            codes.append(by_bps.get(number))
            digits.append(number or None)
        else:
            codes.append(value)
            digits.append(None)
        is_bps.append(bps)
    return codes, digits, is_bps


def _labels(properties, level: str, code: tuple[str | None, str | None], name_field: str | None, tree: pl.DataFrame):
    """The matcher's label columns for reading the file at ``level``, and the properties used.

    ``region_code`` and ``kecamatan`` are the labels as written (for messages); ``code_read`` and
    ``kecamatan_read`` what the matcher gets (BPS codes turned into the tree's Kemendagri codes).
    """
    code_field, code_system = code
    name = _field(properties, (name_field,)) if name_field else _name_field(properties, level, None)
    used = {"code": code_field, "name": name, "kecamatan": None}
    written = _texts(properties, code_field)
    read, bps_digits, is_bps = _codes_read(written, code_system, tree)
    columns = {"region_code": written, "code_read": read, "bps_digits": bps_digits}
    if level == "kecamatan":
        columns["kecamatan"] = columns["kecamatan_read"] = _texts(properties, name)
    else:
        columns["kelurahan"] = _texts(properties, name)
        parent_codes = [f for f in _fields_for(properties, "code", "kecamatan") if f[0] != code_field]
        kecamatan_code, kecamatan_system = parent_codes[0] if parent_codes else (None, None)
        kecamatan_name = next(iter(_fields_for(properties, "name", "kecamatan")), (None,))[0]
        codes, names = _texts(properties, kecamatan_code), _texts(properties, kecamatan_name)
        codes_read, _, _ = _codes_read(codes, kecamatan_system, tree)
        # "61.71.01-Pontianak Selatan": the matcher tries the code, then the name
        columns["kecamatan"] = [
            "-".join(part for part in (c, n) if part) or None for c, n in zip(codes, names, strict=True)
        ]
        columns["kecamatan_read"] = [
            "-".join(part for part in (c, n) if part) or None for c, n in zip(codes_read, names, strict=True)
        ]
        used["kecamatan"] = " + ".join(f for f in (kecamatan_code, kecamatan_name) if f) or None
    frame = pl.DataFrame(columns, schema=dict.fromkeys(columns, pl.String)).with_columns(
        code_is_bps=pl.Series(is_bps, dtype=pl.Boolean)
    )
    return frame, used


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
