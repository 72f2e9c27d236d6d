"""The rows the reader hands over (``ROW_SCHEMA``), the columns it knows and the limits it keeps."""

from __future__ import annotations

from typing import Literal

import polars as pl

Kind = Literal["coverage", "population"]


COUNT_COLUMNS = (
    "population",
    "registered",
    "active",
    "inactive",
    "pbi_apbn",
    "pbi_apbd",
    "ppu",
    "pbpu",
    "bp",
)
ROW_SCHEMA: dict[str, pl.DataType] = {
    "row": pl.Int64(),
    "region_code": pl.String(),
    "kecamatan": pl.String(),
    "kelurahan": pl.String(),
    "period": pl.Date(),
    **{column: pl.Int64() for column in COUNT_COLUMNS},
}
LABEL_COLUMNS = ("region_code", "kecamatan", "kelurahan")
SEGMENT_COLUMNS = ("pbi_apbn", "pbi_apbd", "ppu", "pbpu", "bp")
# Codes of the levels above the row's region when a file has one code column per level
# (kode_provinsi, kode_kabupaten_kota, kode_kecamatan, kode_kelurahan): the most detailed is
# region_code, these are as written and must agree with it (a prefix of its digits).
PARENT_CODE_COLUMNS = ("province_code", "kab_kota_code", "kecamatan_code")
ROW_SCHEMA.update({column: pl.String() for column in PARENT_CODE_COLUMNS})
# Long layouts: one row per region x sex (x year). The labels as written; the importer adds the
# sexes of a region up and keeps the year asked for (uhc.intake.imports).
LONG_COLUMNS = ("sex", "year")
ROW_SCHEMA.update({column: pl.String() for column in LONG_COLUMNS})
# Parts of the population read only to be added up (no total column: Laki-laki + Perempuan,
# WNI + WNA) or to check the total column; they are not in ROW_SCHEMA.
PART_COLUMNS = ("population_male", "population_female", "population_wni", "population_wna")
# Every column a mapping may name: the row schema without the row number.
MAPPABLE_COLUMNS = (*LABEL_COLUMNS, "period", *COUNT_COLUMNS, *PARENT_CODE_COLUMNS, *LONG_COLUMNS)


# A header row is looked for in the first rows only: recaps have a few title rows, never dozens.
HEADER_SEARCH_ROWS = 30
# Past this many findings of one kind about cells, one more finding says how many were left out.
MAX_CELL_ISSUES = 100
MAX_BYTES = 50 * 1024**2
MAX_ROWS = 2_000_000
# No region has a quadrillion residents; a larger "count" is a misread cell, not a number.
MAX_COUNT = 10**15
