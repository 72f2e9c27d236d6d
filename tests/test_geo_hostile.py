"""Hostile and oversized boundary files: refused in one line, before the heavy work, nothing written."""

from __future__ import annotations

import io
import json
import stat
import time
import zipfile
from pathlib import Path

import polars as pl
import pytest
from test_data_page import data_page, log_in, upload  # noqa: F401 (data_page is a fixture)

from uhc.cli import main as cli
from uhc.intake import geo
from uhc.store import seed
from uhc.store.db import Store

GEOJSON = json.dumps({"type": "FeatureCollection", "features": []})


@pytest.fixture(scope="module")
def regions() -> pl.DataFrame:
    with Store.in_memory() as store:
        seed.add_city(store, "61.71")
        seed.add_city(store, "36.73")
        return store.run("region_tree", scope_code="")


def zipped(*members: tuple[zipfile.ZipInfo | str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for info, content in members:
            archive.writestr(info, content)
    return buffer.getvalue()


def symlink(name: str, target: str) -> tuple[zipfile.ZipInfo, str]:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16  # as `zip --symlinks` stores a link
    return info, target


def encrypted(data: bytes) -> bytes:
    """The zip with every member marked encrypted (bit 0 of the flags, local header and central directory)."""
    marked = bytearray(data)
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = marked.find(signature)
        while start != -1:
            marked[start + flags_at] |= 0x1
            start = marked.find(signature, start + 4)
    return bytes(marked)


# (zip members, the member named, why in English, why in Indonesian)
UNSAFE_ZIPS = {
    "symlink": (
        [symlink("batas.geojson", "/etc/passwd")],
        "batas.geojson",
        "is a link (symlink), not a file",
        "adalah tautan (symlink), bukan berkas",
    ),
    "climbing": ([("../x.shp", "x"), ("batas.geojson", GEOJSON)], "../x.shp", "points outside the zip's folder", None),
    "absolute": ([("/tmp/x.geojson", GEOJSON)], "/tmp/x.geojson", "points outside the zip's folder", None),
    "drive": ([("C:/x.geojson", GEOJSON)], "C:/x.geojson", "points outside the zip's folder", None),
    "directory": (
        [("batas.shp/", ""), ("batas.geojson", GEOJSON)],
        "batas.shp/",
        "is a folder named like a file",
        "adalah folder yang dinamai seperti berkas",
    ),
    "file_in_directory_named_like_a_file": (
        [("batas.shp/batas.dbf", "x")],
        "batas.shp/batas.dbf",
        "is a folder named like a file",
        None,
    ),
}


@pytest.mark.parametrize("case", UNSAFE_ZIPS)
def test_an_unsafe_zip_is_refused_whole_naming_the_member(regions, case, tmp_path, monkeypatch):
    members, member, why_en, why_id = UNSAFE_ZIPS[case]
    monkeypatch.chdir(tmp_path)  # a relative escape would land here
    with pytest.raises(geo.BoundaryError) as raised:
        geo.read_boundaries(zipped(*members), "batas.zip", regions)
    assert raised.value.key == "geo_zip_unsafe_member"
    assert raised.value.text("en") == (
        f"batas.zip was not imported: the zip member {member!r} {why_en}. Make a new zip holding only the "
        "Shapefile (.shp, .shx, .dbf, .prj) or GeoPackage, with no folders inside, and import again."
    )
    if why_id:
        assert raised.value.text("id").startswith(f"Berkas batas.zip tidak diimpor: isi zip {member!r} {why_id}.")
    assert list(tmp_path.iterdir()) == []


def test_an_encrypted_zip_is_refused_as_locked(regions):
    with pytest.raises(geo.BoundaryError) as raised:
        geo.read_boundaries(encrypted(zipped(("batas.geojson", GEOJSON))), "batas.zip", regions)
    assert "the zip member 'batas.geojson' is locked with a password." in raised.value.text("en")
    assert "isi zip 'batas.geojson' dikunci dengan kata sandi." in raised.value.text("id")


@pytest.mark.parametrize("case", ["symlink", "climbing", "directory"])
def test_the_cli_refuses_an_unsafe_zip_with_exit_2_and_one_line(tmp_path, capsys, case):
    db = str(tmp_path / "uhc.duckdb")
    assert cli.main(["--db", db, "init", "--city", "61.71"]) == 0
    path = tmp_path / "batas.zip"
    path.write_bytes(zipped(*UNSAFE_ZIPS[case][0]))
    capsys.readouterr()
    assert cli.main(["--db", db, "import", "boundaries", str(path), "--lang", "en"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("uhc: batas.zip was not imported: the zip member")
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err


def test_the_data_page_shows_the_same_line_for_an_unsafe_zip(data_page, editor_store):  # noqa: F811
    members, member, _, why_id = UNSAFE_ZIPS["symlink"]
    at = upload(log_in(data_page(editor_store)), "batas.zip", zipped(*members), kind="boundaries")
    assert not at.exception
    assert [error.value for error in at.error] == [
        f"Berkas batas.zip tidak diimpor: isi zip {member!r} {why_id}. Buat zip baru yang hanya berisi berkas "
        "Shapefile (.shp, .shx, .dbf, .prj) atau GeoPackage, tanpa folder di dalamnya, lalu impor lagi."
    ]


def test_a_corrupt_member_is_an_unreadable_file_not_a_traceback(regions):
    data = bytearray(zipped(("batas.geojson", GEOJSON * 50)))
    start = data.index(b"batas.geojson") + len("batas.geojson")  # the local header's name, then the packed bytes
    data[start + 5] ^= 0xFF
    with pytest.raises(geo.BoundaryError) as raised:
        geo.read_boundaries(bytes(data), "batas.zip", regions)
    assert raised.value.key == "geo_unreadable"
    assert raised.value.text("en").startswith("batas.zip cannot be read as boundary data (")


def test_a_zip_bomb_is_refused_from_its_directory_in_little_time(regions):
    # 301 MB of spaces pack into about 300 KB; the limit is 300 MB unpacked
    buffer = io.BytesIO()
    archive = zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED)
    with archive, archive.open("batas.geojson", "w") as member:
        for _ in range(301):
            member.write(b" " * 2**20)
    data = buffer.getvalue()
    assert len(data) < 2 * 2**20
    started = time.perf_counter()
    with pytest.raises(geo.BoundaryError) as raised:
        geo.read_boundaries(data, "batas.zip", regions)
    assert time.perf_counter() - started < 2
    assert raised.value.text("en").startswith("batas.zip unpacks to 301 MB, more than the 300 MB limit")


def test_a_zip_of_too_many_members_is_refused(regions):
    data = zipped(*[(f"bagian_{n}.txt", "") for n in range(501)])
    with pytest.raises(geo.BoundaryError) as raised:
        geo.read_boundaries(data, "batas.zip", regions)
    assert raised.value.text("en").startswith("batas.zip holds 501 files, more than the limit of 500.")


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(real_data_dir, regions, monkeypatch):
    path = real_data_dir / "serang_kelurahan.geojson"
    monkeypatch.setattr(geo.files, "MAX_FILE_BYTES", 100_000)  # the file is 183.546 bytes (SOURCES.md)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self} was read"))
    with pytest.raises(geo.BoundaryError) as raised:
        geo.read_boundary_file(path, regions)
    # 183.546 bytes is 0,18 MB, shown rounded up to 1 MB; the limit 100.000 bytes shows as 0 MB
    assert raised.value.text("en").startswith("serang_kelurahan.geojson is 1 MB, more than the 0 MB limit")
    assert "mapshaper.org" in raised.value.text("id")


def test_too_many_features_are_refused_from_the_layer_info_before_the_geometry_is_read(
    real_data_dir, regions, monkeypatch
):
    monkeypatch.setattr(geo.files, "MAX_FEATURES", 20)
    monkeypatch.setattr(geo.files.gpd, "read_file", lambda *a, **k: pytest.fail("the geometry was read"))
    with pytest.raises(geo.BoundaryError) as raised:
        geo.read_boundary_file(real_data_dir / "pontianak_kelurahan.geojson", regions)
    # Pontianak has 29 kelurahan, one feature each
    assert raised.value.text("en").startswith(
        "pontianak_kelurahan.geojson holds 29 features, more than the limit of 20"
    )
    assert raised.value.text("id").startswith("Berkas pontianak_kelurahan.geojson berisi 29 fitur")


def test_too_many_vertices_are_refused_before_repairing_or_simplifying(real_data_dir, regions, monkeypatch):
    monkeypatch.setattr(geo.files, "MAX_VERTICES", 4_000)
    monkeypatch.setattr(geo.boundaries, "repaired_polygons", lambda *a: pytest.fail("the geometry was repaired"))
    monkeypatch.setattr(geo.boundaries, "simplified_for_map", lambda *a: pytest.fail("the geometry was simplified"))
    with pytest.raises(geo.BoundaryError) as raised:
        geo.read_boundary_file(real_data_dir / "serang_kelurahan.geojson", regions)
    # Serang's 67 kelurahan hold 4.221 vertices (SOURCES.md)
    assert raised.value.text("id").startswith(
        "Berkas serang_kelurahan.geojson berisi 4.221 titik sudut, lebih dari batas 4.000."
    )
    assert raised.value.text("en").startswith("serang_kelurahan.geojson holds 4,221 vertices, more than the limit")


def test_the_caps_leave_a_real_city_file_alone(real_data_dir, regions):
    checked = geo.read_boundary_file(real_data_dir / "serang_kelurahan.geojson", regions)
    assert (checked.feature_count, checked.vertices_before, checked.problems) == (67, 4_221, [])
