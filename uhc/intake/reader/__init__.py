"""Read coverage and population files as cities really have them: CSV or XLSX, Indonesian numbers.

CONTRACT (agreed between the reader and the importer; the reader fills in the bodies):

``read_file(data, file_name, kind, sheet=None, mapping=None) -> Parsed`` never raises on bad input:
whatever is wrong with the file becomes an ``Issue`` in ``Parsed.issues``. It only looks at the file
itself (no store): matching rows to regions and checks against stored figures are ``uhc.intake.imports``.

``Parsed.rows`` has exactly the columns of ``ROW_SCHEMA``, one row per data row of the file (the
total row excluded), nulls where the file has no such column:

- ``row``: the row number as the person who made the file sees it (Excel row, CSV line), 1-based;
- ``region_code``: a code as written (Kemendagri ``61.71.04.1001`` or ``6171041001``, or BPS ``6171010002``);
- ``kecamatan``, ``kelurahan``: labels as written (``Kec. Pontianak Kota``, ``6171031-PONTIANAK KOTA``);
- ``period``: the month (first day) from a period column, when the file has one;
- counts in people: ``population``, ``registered``, ``active``, ``inactive`` and the segments
  ``pbi_apbn``, ``pbi_apbd``, ``ppu``, ``pbpu``, ``bp`` (registered per segment).

How a file is read:

- CSV: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252; the separator (``;``,
  ``,``, tab, ``|``) is the one under which a header row is recognised; Excel's ``sep=;`` line is
  honoured. XLSX/XLS/ODS through fastexcel (calamine): a numeric cell stays a number, a text cell
  is parsed like a CSV cell.
- The header is the row among the first ``HEADER_SEARCH_ROWS`` that names most known columns
  (``COLUMN_SYNONYMS``); a second header row below it (``Peserta`` over ``Aktif | Non Aktif``) and
  a row of column numbers (``1 2 3 ...``) are recognised; under a population group (``Jumlah
  Penduduk`` over ``Laki-laki | Perempuan | Jumlah``, ``Penduduk`` over ``L | P | L+P``) the total
  is the population and one sex is not read. Title rows above are skipped; a month in
  them (``Posisi: Juni 2025``) is reported as ``Parsed.title_period``. A header with a word that
  makes it another figure (``Belum Terdaftar``, ``Peserta Bulan Lalu``, ``Penduduk Laki-laki``,
  ``Jumlah Kelurahan``) is not read; two headers read as the same column are an error unless a
  mapping names that column.
- Numbers: each count column is read as Indonesian (``687.031``, ``98,14``) or English
  (``687,031``) by Babel, whichever reads all its cells as whole numbers; a cell that fits neither
  is an error. ``-`` and empty cells are nulls.
- Rows whose label starts with ``Jumlah``/``Total`` are total rows: excluded and checked against the
  sum of the rows above them. Rows without any count (blank, headings, footnotes) are skipped.
- Where a file has kecamatan and kelurahan columns, a blank kecamatan cell (merged cells) takes the
  kecamatan above; a blank period cell takes the period above.
- ``registered`` missing is ``active + inactive``; ``active`` missing is ``registered - inactive``.
- Checks inside the file (warnings): totals, ``registered == active + inactive``, segments adding
  up to ``registered``. The importer checks the rest (regions, active above registered, the store).

The modules, each importing only from those listed before it (``read`` uses them all):

- ``schema``: ``ROW_SCHEMA``, the columns and the limits;
- ``result``: ``Issue``, ``Parsed`` and how findings are collected and capped;
- ``decoding``: bytes to a table of text cells (encodings, separators, CSV records, sheets);
- ``numbers`` and ``months``: cells to counts and months;
- ``headers``: the header row, a second header row, which column holds what;
- ``checks`` and ``rows``: the records under the header, their roles, and the checks inside the file;
- ``read``: ``read_file``, from the bytes to ``Parsed``.

What other modules use is imported from here (``from uhc.intake.reader import read_file, Parsed``).
"""

from uhc.intake.reader.decoding import sheets
from uhc.intake.reader.headers import (
    COLUMN_SYNONYMS,
    POPULATION_TOTAL_HEADERS,
    canonical_column,
    header_key,
    not_count_reason,
)
from uhc.intake.reader.months import parse_period
from uhc.intake.reader.numbers import parse_number
from uhc.intake.reader.read import read_file
from uhc.intake.reader.result import Issue, Parsed, Severity, WithIssues, column_label
from uhc.intake.reader.schema import (
    COUNT_COLUMNS,
    HEADER_SEARCH_ROWS,
    LABEL_COLUMNS,
    LONG_COLUMNS,
    MAPPABLE_COLUMNS,
    MAX_BYTES,
    MAX_CELL_ISSUES,
    MAX_COUNT,
    MAX_ROWS,
    PARENT_CODE_COLUMNS,
    PART_COLUMNS,
    ROW_SCHEMA,
    SEGMENT_COLUMNS,
    Kind,
)

__all__ = [
    "COLUMN_SYNONYMS",
    "COUNT_COLUMNS",
    "HEADER_SEARCH_ROWS",
    "LABEL_COLUMNS",
    "LONG_COLUMNS",
    "MAPPABLE_COLUMNS",
    "MAX_BYTES",
    "MAX_CELL_ISSUES",
    "MAX_COUNT",
    "MAX_ROWS",
    "PARENT_CODE_COLUMNS",
    "PART_COLUMNS",
    "POPULATION_TOTAL_HEADERS",
    "ROW_SCHEMA",
    "SEGMENT_COLUMNS",
    "Issue",
    "Kind",
    "Parsed",
    "Severity",
    "WithIssues",
    "canonical_column",
    "column_label",
    "header_key",
    "not_count_reason",
    "parse_number",
    "parse_period",
    "read_file",
    "sheets",
]
