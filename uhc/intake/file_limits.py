"""The size limits a table file must keep before any spreadsheet library or CSV parser sees it.

A workbook is a zip of XML parts, and the spreadsheet library (calamine, through fastexcel)
allocates a sheet as one rectangle from its first to its last cell: a 1,5 KB workbook with cells
at ``A1`` and ``XFD1048576`` makes it ask for 512 GB and abort the process, the dashboard with it.
So the zip is inspected here with the standard ``zipfile`` module, part by part and in bounded
chunks, without building the workbook:

- the end-of-central-directory record: how many parts and how big the directory is, before
  ``zipfile`` reads the directory;
- each part's declared uncompressed size and compression ratio (a zip bomb is refused on what it
  declares, before a byte is decompressed), and only STORED or DEFLATED parts;
- each part streamed once (so a size that lies fails its CRC check), and in a worksheet the
  ``<dimension ref>``, the ``<row r>`` numbers and the ``<c r>`` cell references; in the shared
  strings the declared and the actual number of strings.

ODS is a zip too and gets the zip checks; XLS (OLE) only the reader's byte cap. A CSV is refused
for its width by counting separators on its first lines. What the checks cannot see (an ODS
repeating a filled cell a million times, an XLSB sheet) is left to the child process with a
memory limit (``uhc.intake.reader_process``).

``refusal(data, max_rows)`` gives the reason key of the first limit broken, or None;
the reasons are ``i18n`` keys ``ingest_reason_<reason>``.
"""

from __future__ import annotations

import io
import itertools
import re
import struct
import zipfile
from collections.abc import Iterator
from typing import IO

# No recap has more columns than this (a wide BPJS recap has about 30); Excel's 16.384 is a sign
# of a hostile or broken file. 500 is column "SF".
MAX_COLUMNS = 500
# Rows x columns of one sheet: calamine holds every cell of that rectangle in 32 bytes, so this is
# about 640 MB, inside the reader's 2 GB.
MAX_CELLS = 20_000_000
MAX_ZIP_ENTRIES = 5_000
MAX_SHEETS = 1_000
# The central directory of 5.000 parts with long names; above it the zip is refused unread.
MAX_CENTRAL_DIRECTORY_BYTES = 2 * 1024**2
MAX_UNCOMPRESSED_BYTES = 200 * 1024**2
# Sheet XML compresses 10 to 30 times; a zip bomb about 1.000 times. Parts under a megabyte are
# not judged by their ratio (an empty styles part compresses well and harms no one).
MAX_COMPRESSION_RATIO = 200
RATIO_FROM_BYTES = 1024**2
MAX_SHARED_STRINGS = 5_000_000
MAX_SHARED_STRINGS_BYTES = 100 * 1024**2
# A CSV's width is judged on its first lines (the header is looked for in the first 30).
CSV_LINES_CHECKED = 31
CSV_SEPARATORS = (b";", b",", b"\t", b"|")

_CHUNK_BYTES = 1024**2
_HEAD_BYTES = 64 * 1024
# One tag longer than this is not XML a spreadsheet program writes.
_MAX_TAG_BYTES = 1024**2
_EOCD = struct.Struct("<4s4H2LH")
_EOCD_SIGNATURE = b"PK\x05\x06"
_ZIP_MAGIC = b"PK\x03\x04"

_ROOT = re.compile(rb"<(?:[\w.-]+:)?(worksheet|sst)\b")
_DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension\b[^>]*?\sref=[\"']([^\"']*)[\"']")
_REF = re.compile(rb"\$?([A-Za-z]*)\$?([0-9]*)")
# Row and cell references as spreadsheet programs write them (` r="12"`, ` r="AB12"`): literal
# prefixes keep the scan near 100 MB/s. Other spellings (r = '12') are left to the child process.
_REFERENCE_ROW = re.compile(rb' r="[A-Za-z]*(\d+)"')
# Cell references with two letters or more: a file of up to 26 columns has none.
_CELL_COLUMN = re.compile(rb' r="([A-Za-z]{2,})\d')
_SST_COUNT = re.compile(rb"<(?:[\w.-]+:)?sst\b[^>]*?\s(?:uniqueCount|count)=[\"'](\d+)")
_SHARED_STRING = re.compile(rb"<(?:[\w.-]+:)?si\b")


class _Refused(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def refusal(data: bytes, max_rows: int) -> str | None:
    """The reason key of the first limit ``data`` breaks, or None when the reader may open it."""
    try:
        if data.startswith(_ZIP_MAGIC):
            _check_zip(data, max_rows)
        elif not data.startswith(b"\xd0\xcf\x11\xe0") and not data.startswith(b"%PDF"):
            _check_csv(data)
    except _Refused as refused:
        return refused.reason
    return None


def column_number(letters: str) -> int:
    """The 1-based number of a spreadsheet column: A -> 1, Z -> 26, AA -> 27, XFD -> 16384."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _check_csv(data: bytes) -> None:
    # On the raw bytes: a UTF-16 file's separators are still one byte each (";" is 3B 00). Line by
    # line from the start: splitting would copy the rest of a 50 MB file too.
    start = 0
    for _ in range(CSV_LINES_CHECKED):
        end = data.find(b"\n", start)
        line = data[start:] if end < 0 else data[start:end]
        if max(line.count(separator) for separator in CSV_SEPARATORS) >= MAX_COLUMNS:
            raise _Refused("csv_columns")
        if end < 0:
            return
        start = end + 1


def _check_zip(data: bytes, max_rows: int) -> None:
    entries, directory_bytes = _central_directory(data)
    if entries > MAX_ZIP_ENTRIES or directory_bytes > MAX_CENTRAL_DIRECTORY_BYTES:
        raise _Refused("zip_entries")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, struct.error) as error:
        raise _Refused("excel") from error
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_ENTRIES:
            raise _Refused("zip_entries")
        if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED_BYTES:
            raise _Refused("zip_uncompressed")
        for info in infos:
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or info.flag_bits & 0x1:
                raise _Refused("excel")  # encrypted, or a method no spreadsheet program writes
            if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_COMPRESSION_RATIO * max(
                info.compress_size, 1
            ):
                raise _Refused("zip_ratio")
        sheets = 0
        for info in infos:
            if not info.is_dir():
                sheets += _check_part(archive, info, max_rows)
                if sheets > MAX_SHEETS:
                    raise _Refused("zip_entries")


def _central_directory(data: bytes) -> tuple[int, int]:
    """Parts and directory bytes the end record declares (zip64 shows as 65.535 parts: too many)."""
    start = data.rfind(_EOCD_SIGNATURE, max(0, len(data) - _EOCD.size - 0xFFFF))
    if start < 0 or start + _EOCD.size > len(data):
        raise _Refused("excel")
    fields = _EOCD.unpack_from(data, start)
    return fields[4], fields[5]


def _check_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, max_rows: int) -> int:
    """Stream one part through its checks; 1 when it is a worksheet."""
    try:
        with archive.open(info) as part:
            chunks = _tags(part)
            head = next(chunks, b"")
            root = _ROOT.search(head)
            kind = root.group(1) if root else None
            if kind == b"worksheet":
                _check_sheet(head, chunks, max_rows)
            elif kind == b"sst":
                _check_shared_strings(info, head, chunks)
            else:
                for _ in chunks:  # read to the end: a part whose size lies fails its CRC here
                    pass
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, RuntimeError) as error:
        raise _Refused("excel") from error
    return int(kind == b"worksheet")


def _tags(part: IO[bytes]) -> Iterator[bytes]:
    """The part's bytes in chunks that end before a ``<``: no tag is cut in two.

    XML forbids ``<`` inside an attribute value, so every tag lies whole in one chunk.
    """
    carry = b""
    first = True
    while True:
        chunk = part.read(_HEAD_BYTES if first else _CHUNK_BYTES)
        if not chunk:
            break
        buffer = carry + chunk
        cut = buffer.rfind(b"<")
        if cut <= 0:
            if len(buffer) > _MAX_TAG_BYTES:
                raise _Refused("excel")
            carry = buffer
            continue
        carry = buffer[cut:]
        first = False
        yield buffer[:cut]
    if carry:
        yield carry


def _check_sheet(head: bytes, chunks: Iterator[bytes], max_rows: int) -> None:
    dimension = _DIMENSION.search(head)
    if dimension:
        rows, columns = 0, 0
        for ref in dimension.group(1).split(b":"):
            found = _REF.fullmatch(ref.strip())
            if found:
                rows = max(rows, _number(found.group(2)))
                columns = max(columns, _column(found.group(1)))
        _check_extent(rows, columns, max_rows)
    rows, columns, row_tags = 0, 1, 0
    for chunk in itertools.chain((head,), chunks):
        # calamine places a cell by its own reference, a row without one by counting the rows.
        numbers = set(_REFERENCE_ROW.findall(chunk))
        if numbers:
            rows = max(rows, *map(_number, numbers))
        letters = set(_CELL_COLUMN.findall(chunk))
        if letters:
            columns = max(columns, *map(_column, letters))
        row_tags += chunk.count(b"<row ") + chunk.count(b"<row>")
        _check_extent(max(rows, row_tags), columns, max_rows)


def _number(digits: bytes) -> int:
    """A row number as written; past 12 digits it is only "too many" (int() stops at 4.300 digits)."""
    return int(digits or 0) if len(digits) <= 12 else 10**12


def _column(letters: bytes) -> int:
    return column_number(letters[:8].decode("ascii"))


def _check_extent(rows: int, columns: int, max_rows: int) -> None:
    if rows > max_rows:
        raise _Refused("sheet_rows")
    if columns > MAX_COLUMNS:
        raise _Refused("sheet_columns")
    if rows * columns > MAX_CELLS:
        raise _Refused("sheet_cells")


def _check_shared_strings(info: zipfile.ZipInfo, head: bytes, chunks: Iterator[bytes]) -> None:
    if info.file_size > MAX_SHARED_STRINGS_BYTES:
        raise _Refused("shared_strings")
    declared = _SST_COUNT.findall(head[:4096])
    if any(_number(count) > MAX_SHARED_STRINGS for count in declared):
        raise _Refused("shared_strings")
    strings = 0
    for chunk in itertools.chain((head,), chunks):
        strings += len(_SHARED_STRING.findall(chunk))
        if strings > MAX_SHARED_STRINGS:
            raise _Refused("shared_strings")
