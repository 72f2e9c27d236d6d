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
  shared borders; exterior rings clockwise, as Plotly's geo traces need. The pipeline is
  :func:`uhc.map_geometry.simplified_for_map`, the one the maps draw a view with too.
- Storing replaces that level's geometry for the city (the demo's schematic cells included) in
  one transaction, recorded as an ``import_batch`` of kind ``boundaries``. Kelurahan boundaries
  also give each kecamatan whose geometry is schematic or missing the union of its kelurahan.
"""

from uhc.intake.geo.boundaries import (
    FEATURE_SCHEMA,
    GAP_WIDTH_M,
    GEOMETRY_SCHEMA,
    PIXELS_ACROSS,
    TOLERANCE_BOUNDS_M,
    BoundaryCheck,
    commit_boundaries,
    read_boundaries,
    read_boundary_file,
)
from uhc.intake.geo.files import (
    INDONESIA_BOUNDS,
    MAX_FEATURES,
    MAX_FILE_BYTES,
    MAX_UNPACKED_BYTES,
    MAX_VERTICES,
    MAX_ZIP_MEMBERS,
)
from uhc.intake.geo.matching import LEVELS
from uhc.intake.geo.problems import BoundaryError, BoundaryProblem

__all__ = [
    "FEATURE_SCHEMA",
    "GAP_WIDTH_M",
    "GEOMETRY_SCHEMA",
    "INDONESIA_BOUNDS",
    "LEVELS",
    "MAX_FEATURES",
    "MAX_FILE_BYTES",
    "MAX_UNPACKED_BYTES",
    "MAX_VERTICES",
    "MAX_ZIP_MEMBERS",
    "PIXELS_ACROSS",
    "TOLERANCE_BOUNDS_M",
    "BoundaryCheck",
    "BoundaryError",
    "BoundaryProblem",
    "commit_boundaries",
    "read_boundaries",
    "read_boundary_file",
]
