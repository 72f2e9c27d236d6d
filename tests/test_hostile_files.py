"""Hostile table files are refused by their size before a library opens them, and reading runs in a child.

Each crafted file is built here: a real recap written by xlsxwriter with one part rewritten, or a
zip put together by hand where zipfile cannot write it (a deflate stream made of one compressed
block repeated, so a 1 GB bomb costs the test a few milliseconds).
"""

from __future__ import annotations

import dataclasses
import io
import re
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from uhc import i18n
from uhc.intake import file_limits, reader, reader_process
from uhc.intake.reader import read

REPO_ROOT = Path(__file__).resolve().parents[1]
SHEET = "xl/worksheets/sheet1.xml"
SST = "xl/sharedStrings.xml"


def recap_xlsx() -> bytes:
    """A small real recap as an office writes it: title row, header, five kelurahan, a total row."""
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer) as workbook:
        sheet = workbook.add_worksheet("Rekap")
        sheet.write_row(0, 0, ["REKAP KEPESERTAAN JKN KOTA PONTIANAK"])
        sheet.write_row(2, 0, ["No", "Kecamatan", "Kelurahan", "Jumlah Penduduk", "Jumlah Peserta", "Peserta Aktif"])
        for number in range(1, 6):
            sheet.write_row(2 + number, 0, [number, "Pontianak Kota", f"Kelurahan {number}", 10_000, 9_000, 8_000])
        # 5 x 10.000 = 50.000; 5 x 9.000 = 45.000; 5 x 8.000 = 40.000
        sheet.write_row(8, 0, ["", "Jumlah", "", 50_000, 45_000, 40_000])
    return buffer.getvalue()


def rewritten(data: bytes, part: str, change) -> bytes:
    """The workbook with one part's XML passed through ``change``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info.filename, change(content.decode()).encode() if info.filename == part else content)
    return out.getvalue()


def with_dimension(ref: str) -> bytes:
    return rewritten(
        recap_xlsx(), SHEET, lambda xml: re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{ref}"/>', xml)
    )


def with_cell(ref: str) -> bytes:
    row = re.sub(r"[A-Z]+", "", ref)
    cell = f'<row r="{row}"><c r="{ref}"><v>1</v></c></row>'
    return rewritten(recap_xlsx(), SHEET, lambda xml: xml.replace("</sheetData>", cell + "</sheetData>"))


def deflated(pieces: list[tuple[bytes, int]]) -> tuple[bytes, int, int]:
    """Raw deflate of each piece repeated its count of times; (stream, crc32, uncompressed size).

    After a full flush the compressor starts afresh, so one piece compresses to the same bytes
    every time: the stream is those bytes repeated, and 1 GB costs one megabyte's compression.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream, crc, size = b"", 0, 0
    for piece, count in pieces:
        block = compressor.compress(piece) + compressor.flush(zlib.Z_FULL_FLUSH)
        stream += block * count
        for _ in range(count):
            crc = zlib.crc32(piece, crc)
        size += len(piece) * count
    return stream + compressor.flush(), crc, size


def hand_made_zip(parts: dict[str, list[tuple[bytes, int]]]) -> bytes:
    """A zip of deflated parts, its headers written with struct as APPNOTE.TXT lays them out."""
    body, directory = b"", b""
    for name, pieces in parts.items():
        stream, crc, size = deflated(pieces)
        encoded = name.encode()
        header = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 33, crc, len(stream), size, len(encoded), 0)
        directory += (
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                0,
                8,
                0,
                33,
                crc,
                len(stream),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                len(body),
            )
            + encoded
        )
        body += header + encoded + stream
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(parts), len(parts), len(directory), len(body), 0)
    return body + directory + end


def with_parts(extra: dict[str, list[tuple[bytes, int]]]) -> bytes:
    """The recap's parts plus (or instead of) the hand-deflated ones."""
    with zipfile.ZipFile(io.BytesIO(recap_xlsx())) as source:
        parts = {info.filename: [(source.read(info), 1)] for info in source.infolist()}
    return hand_made_zip(parts | extra)


SHEET_HEAD = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def sheet_bomb() -> bytes:
    """A sheet of 1 GB: 1.024 x 1 MiB of spaces between the sheet's tags."""
    return with_parts(
        {SHEET: [(SHEET_HEAD + b"<sheetData>", 1), (b" " * 1024**2, 1024), (b"</sheetData></worksheet>", 1)]}
    )


def shared_strings(count_attributes: str, strings: int) -> bytes:
    head = f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" {count_attributes}>'.encode()
    return with_parts({SST: [(head, 1), (b"<si><t>a</t></si>" * 1024, strings // 1024), (b"</sst>", 1)]})


def many_entries(count: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(recap_xlsx())) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        for number in range(count):
            target.writestr(f"xl/media/image{number}.xml", "<x/>")
    return buffer.getvalue()


def wide_csv(columns: int) -> bytes:
    header = ";".join(["Kelurahan", "Jumlah Peserta"] + [f"Kolom {n}" for n in range(columns - 2)])
    return (header + "\r\n" + ";".join(["Darat Sekip", "1.234"] + ["0"] * (columns - 2)) + "\r\n").encode("cp1252")


HOSTILE = {
    # The 512 GB workbook: a 1 MiB column x row rectangle of 32-byte cells (16.384 x 1.048.576 x 32).
    # XFD is column 16.384: past the column cap before the rows (1.048.576 < reader.MAX_ROWS) count.
    "dimension_xfd": (lambda: with_dimension("A1:XFD1048576"), "sheet_columns"),
    "dimension_wide": (lambda: with_dimension("A1:SG9"), "sheet_columns"),  # SG is column 501
    "cell_xfd": (lambda: with_cell("XFD1048576"), "sheet_columns"),
    "cell_past_row_cap": (lambda: with_cell(f"A{reader.MAX_ROWS + 1}"), "sheet_rows"),
    "cell_past_column_cap": (lambda: with_cell("SG9"), "sheet_columns"),
    # 200.001 rows x 100 columns (CV) = 20.000.100 cells, above 20.000.000.
    "cell_area": (lambda: with_cell("CV200001"), "sheet_cells"),
    "sheet_bomb": (sheet_bomb, "zip_uncompressed"),
    # 6.144.000 strings of 16 bytes = 98 MB in about 100 KB: the ratio gives it away first.
    "shared_strings_bomb": (lambda: shared_strings('uniqueCount="1"', 6_144_000), "zip_ratio"),
    "shared_strings_declared": (
        lambda: shared_strings('count="6000000" uniqueCount="6000000"', 1024),
        "shared_strings",
    ),
    "ten_thousand_entries": (lambda: many_entries(10_000), "zip_entries"),
    "csv_20000_columns": (lambda: wide_csv(20_000), "csv_columns"),
}


@pytest.mark.parametrize(("maker", "reason"), HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_file_is_refused_by_its_size_in_under_two_seconds(maker, reason):
    data = maker()
    started = time.perf_counter()
    parsed = reader.read_file(data, "rekap.xlsx", "coverage")
    elapsed_s = time.perf_counter() - started
    assert [(issue.code, issue.params) for issue in parsed.issues] == [("unreadable", {"reason": reason})]
    assert parsed.rows.height == 0
    assert elapsed_s < 2, elapsed_s
    assert reader.sheets(data) == ()


def test_the_crafted_files_are_what_they_claim():
    # 4,7 KB in the issue; xlsxwriter's recap with the dimension rewritten is of that size.
    assert 4_000 < len(with_dimension("A1:XFD1048576")) < 6_000
    bomb = sheet_bomb()
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        sheet = archive.getinfo(SHEET)
        assert sheet.file_size > 1024**3
    assert len(bomb) < 2 * 1024**2


def test_the_zip_bomb_is_refused_without_the_memory_to_unpack_it(tmp_path):
    path = tmp_path / "bom.xlsx"
    path.write_bytes(sheet_bomb())
    code = (
        "import resource, sys, time\n"
        "from uhc.intake import reader\n"
        "data = open(sys.argv[1], 'rb').read()\n"
        "reader.read_file(b'Kelurahan;Jumlah Peserta\\nA;1\\n', 'warm.csv', 'coverage')\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "started = time.perf_counter()\n"
        "parsed = reader.read_file(data, 'bom.xlsx', 'coverage')\n"
        "elapsed = time.perf_counter() - started\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(parsed.issues[0].params['reason'], (after - before) // 1024, elapsed)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    reason, grown_mb, elapsed_s = result.stdout.split()
    assert reason == "zip_uncompressed"
    assert int(grown_mb) < 300  # ru_maxrss is in KiB on Linux
    assert float(elapsed_s) < 2


@pytest.mark.parametrize("language", ["id", "en"])
def test_refusals_name_the_limit_in_both_languages(language):
    issue = reader.Issue("error", "unreadable", "rekap.xlsx", params={"reason": "sheet_rows"})
    assert i18n.number(reader.MAX_ROWS, language) in issue.message(language)
    limits = {
        "sheet_columns": file_limits.MAX_COLUMNS,
        "sheet_cells": file_limits.MAX_CELLS,
        "zip_entries": file_limits.MAX_ZIP_ENTRIES,
        "zip_ratio": file_limits.MAX_COMPRESSION_RATIO,
        "shared_strings": file_limits.MAX_SHARED_STRINGS,
        "csv_columns": file_limits.MAX_COLUMNS,
        "reader_memory": reader_process.MEMORY_LIMIT_BYTES // 1024**3,
        "reader_time": int(reader_process.TIME_LIMIT_S),
    }
    for reason, limit in limits.items():
        text = i18n.messages(language)[f"ingest_reason_{reason}"]
        assert i18n.number(limit, language) in text, reason
    assert "200 MB" in i18n.messages(language)["ingest_reason_zip_uncompressed"]
    assert file_limits.MAX_UNCOMPRESSED_BYTES == 200 * 1024**2


@pytest.mark.parametrize(("letters", "number"), [("A", 1), ("Z", 26), ("AA", 27), ("SF", 500), ("XFD", 16_384)])
def test_column_numbers(letters, number):
    # SF = 19 x 26 + 6 = 500; XFD = 24 x 676 + 6 x 26 + 4 = 16.384
    assert file_limits.column_number(letters) == number


@pytest.mark.parametrize(
    ("data", "file_name"),
    [
        (recap_xlsx(), "rekap.xlsx"),
        (
            "No;Kelurahan;Jumlah Peserta\r\n1;Darat Sekip;12.345\r\n2;Sungaibangkong;687.031\r\n".encode("cp1252"),
            "r.csv",
        ),
    ],
    ids=["xlsx", "csv"],
)
def test_the_child_process_reads_what_the_reader_reads(data, file_name):
    direct = reader.read_file(data, file_name, "coverage")
    child = reader_process.read_file(data, file_name, "coverage")
    for item in dataclasses.fields(reader.Parsed):
        if item.name == "rows":
            assert_frame_equal(child.rows, direct.rows)
        else:
            assert getattr(child, item.name) == getattr(direct, item.name), item.name
    assert direct.rows.height > 0
    assert reader_process.sheets(data) == reader.sheets(data)


@pytest.mark.parametrize(
    ("wide_line", "line_count", "refused"),
    [(1, 40, "csv_columns"), (31, 40, "csv_columns"), (32, 40, None), (31, 31, "csv_columns")],
)
def test_a_csv_is_judged_by_the_width_of_its_first_31_lines(wide_line, line_count, refused):
    # 500 separators on line 31 refuse the file, on line 32 they are the reader's to judge; the last
    # line counts with or without a line break after it.
    lines = ["Kelurahan;Jumlah Peserta"] * line_count
    lines[wide_line - 1] = ";" * file_limits.MAX_COLUMNS
    for data in ("\n".join(lines).encode(), ("\n".join(lines) + "\n").encode()):
        assert file_limits.refusal(data, reader.MAX_ROWS) == refused


def test_a_child_over_its_memory_limit_gives_an_unreadable_issue_and_the_next_read_works():
    # Cells at A1 and CV200000: 200.000 x 100 = 20.000.000 cells, just inside the size checks, so
    # calamine asks for 20.000.000 x 32 B = 640 MB at once; a 1 GB child (about 430 MB in use
    # after importing Polars) cannot give it and aborts.
    data = with_cell("CV200000")
    assert file_limits.refusal(data, reader.MAX_ROWS) is None
    parsed = reader_process.read_file(data, "rekap.xlsx", "coverage", memory_limit_bytes=1024**3)
    assert [(issue.code, issue.params) for issue in parsed.issues] == [("unreadable", {"reason": "reader_memory"})]
    again = reader_process.read_file(recap_xlsx(), "rekap.xlsx", "coverage", memory_limit_bytes=1024**3)
    assert again.rows["registered"].sum() == 45_000  # 5 x 9.000


def test_a_child_past_its_time_limit_gives_an_unreadable_issue():
    parsed = reader_process.read_file(recap_xlsx(), "rekap.xlsx", "coverage", time_limit_s=0)
    assert [(issue.code, issue.params) for issue in parsed.issues] == [("unreadable", {"reason": "reader_time"})]
    assert "60" in parsed.issues[0].message("id")


# fuzzing: dimension, cell and shared-string tricks, truncated zips -------------------------------

row_numbers = st.one_of(
    st.integers(1, 40), st.sampled_from([reader.MAX_ROWS + 1, 1_048_576, 10**7]), st.integers(1, 10**15)
)


def letters_of(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


columns = st.one_of(st.integers(1, 30), st.sampled_from([500, 501, 16_384, 10**6]), st.integers(1, 10**9))
cell_refs = st.tuples(columns.map(letters_of), row_numbers).map(lambda ref: f"{ref[0]}{ref[1]}")


def assert_answered(parsed: reader.Parsed) -> None:
    assert isinstance(parsed, reader.Parsed)
    assert parsed.errors or parsed.rows.height > 0 or parsed.issues


FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(first=cell_refs, last=st.one_of(cell_refs, st.text(alphabet="AZ$:019x", max_size=12)))
def test_random_dimensions_never_raise(first, last):
    assert_answered(reader.read_file(with_dimension(f"{first}:{last}"), "acak.xlsx", "coverage"))


@FUZZ
@given(refs=st.lists(cell_refs, min_size=1, max_size=3), as_shared=st.booleans(), index=st.integers(-1, 10**12))
def test_random_cell_references_and_shared_string_indices_never_raise(refs, as_shared, index):
    def change(xml: str) -> str:
        cells = "".join(
            f'<row r="{re.sub("[A-Z]+", "", ref)}"><c r="{ref}"'
            + (f' t="s"><v>{index}</v></c>' if as_shared else "><v>7</v></c>")
            + "</row>"
            for ref in refs
        )
        return xml.replace("</sheetData>", cells + "</sheetData>")

    assert_answered(reader.read_file(rewritten(recap_xlsx(), SHEET, change), "acak.xlsx", "coverage"))


@FUZZ
@given(declared=st.integers(0, 10**13), strings=st.integers(0, 3))
def test_random_shared_string_counts_never_raise(declared, strings):
    def change(xml: str) -> str:
        xml = re.sub(r'(count|uniqueCount)="\d+"', f'\\1="{declared}"', xml)
        return xml.replace("</sst>", "<si><t>x</t></si>" * strings + "</sst>")

    assert_answered(reader.read_file(rewritten(recap_xlsx(), SST, change), "acak.xlsx", "population"))


RECAP = recap_xlsx()


@FUZZ
@given(cut=st.integers(1, len(RECAP) - 1))
def test_truncated_workbooks_never_raise(cut):
    parsed = reader.read_file(RECAP[:cut], "potong.xlsx", "coverage")
    assert_answered(parsed)
    assert parsed.errors


def test_python_running_out_of_memory_while_reading_is_the_memory_refusal_not_an_internal_error(monkeypatch):
    # Under the reader process's RLIMIT_AS, an allocation Python itself makes fails as MemoryError.
    def out_of_memory(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(read, "_read", out_of_memory)
    parsed = reader.read_file(b"Kelurahan;Jumlah Penduduk\nTengah;10.100\n", "rekap.csv", "population")
    assert [(issue.code, issue.params) for issue in parsed.issues] == [("unreadable", {"reason": "reader_memory"})]
