"""Reading a boundary file: caps, unpacking a zip safely, choosing the layer, reprojecting to EPSG:4326."""

from __future__ import annotations

import io
import stat
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

import geopandas as gpd
import numpy as np
import pyogrio
import shapely
from pyproj import CRS

from uhc import i18n
from uhc.intake.geo.problems import BoundaryError, Localised

# Where a file may lie once reprojected: Indonesia with a margin (degrees lon/lat).
INDONESIA_BOUNDS = (94.0, -12.0, 142.0, 7.0)
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


def read_features(
    data: bytes, file_name: str, extra_files: dict[str, bytes], layer: str | None
) -> tuple[gpd.GeoDataFrame, str | None, np.ndarray, str]:
    """The file's features in EPSG:4326, refused over the caps before the geometry is read or repaired.

    Returns (features, the layer's name when the file has several, vertices per feature, the CRS it came in).
    """
    with tempfile.TemporaryDirectory() as folder:
        datasets = _unpack(data, file_name, extra_files, Path(folder))
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
    return frame, layer, vertices, source_crs


def _first_line(exc: Exception) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]


def check_file_size(file_name: str, size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise BoundaryError("geo_file_too_large", file=file_name, size=-(-size // 2**20), limit=MAX_FILE_BYTES // 2**20)


def _check_count(key: str, file_name: str, count: int, limit: int) -> None:
    if count > limit:
        raise BoundaryError(
            key,
            file=file_name,
            count=Localised(lambda language: i18n.number(count, language)),
            limit=Localised(lambda language: i18n.number(limit, language)),
        )


# Why a zip member is not unpacked -> the words for it.
_ZIP_WHY_KEYS = {
    "directory": i18n.N_("geo_zip_why_directory"),
    "encrypted": i18n.N_("geo_zip_why_encrypted"),
    "outside": i18n.N_("geo_zip_why_outside"),
    "symlink": i18n.N_("geo_zip_why_symlink"),
}


def _unsafe(file_name: str, member: str, why: str) -> BoundaryError:
    why_text = Localised(lambda language: i18n.text(_ZIP_WHY_KEYS[why], language))
    return BoundaryError("geo_zip_unsafe_member", file=file_name, member=repr(member), why=why_text)


def _unpack(data: bytes, file_name: str, extra_files: dict[str, bytes], folder: Path) -> list[Path]:
    """Write the upload (and, for a zip, its contents) into ``folder``; the datasets in it.

    A zip is refused whole, before anything is written, when a member is a symlink, a path
    outside the folder (``../x.shp``, ``/etc/x``, ``C:/x``), a folder named like a data file
    (``batas.shp/``) or encrypted; and when it holds too many members or unpacks to too much.
    """
    name = PurePosixPath(file_name.replace("\\", "/")).name or "upload"
    check_file_size(file_name, len(data) + sum(len(v) for v in extra_files.values()))
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
