"""The vectorised reader reads what the cell-by-cell reader read: rows, numbers and findings."""

from __future__ import annotations

import csv
import io
import unicodedata

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from uhc.intake.reader import ROW_SCHEMA, decoding, numbers, parse_number, read_file
from uhc.intake.reader.decoding import _EMPTY_MARKS as EMPTY_MARKS


def test_python_whitespace_is_what_polars_strips():
    assert set(decoding._SPACES) == {chr(code) for code in range(0x110000) if chr(code).isspace()}


def test_every_number_style_in_one_file():
    # Population in Indonesian style, registered in English style (a column each), segments with
    # NBSP and spaces, ",00" decimals, dashes and en-dashes as no figure, a Jumlah row.
    nbsp = "\u00a0"
    text = (
        "No;Kecamatan;Kelurahan;Jumlah Penduduk;Jumlah Peserta;PPU;PBPU\n"
        f'1;Pontianak Kota;Darat Sekip;12.345;"11,000";1{nbsp}234;6 870\n'
        '2;;Tengah;8.000,00;"7,500";-;–\n'
        '3;Pontianak Barat;Sungai Beliung;1.000.000;"999,999";;0\n'
        # 12.345 + 8.000 + 1.000.000 = 1.020.345; 11,000 + 7,500 + 999,999 = 1,018,499
        ';Jumlah;;1.020.345;"1,018,499";;\n'
    )
    parsed = read_file(text.encode(), "gaya.csv", "coverage")
    assert parsed.issues == ()
    assert parsed.total_row == 5
    expected = pl.DataFrame(
        {
            "row": [2, 3, 4],
            "kecamatan": ["Pontianak Kota", "Pontianak Kota", "Pontianak Barat"],  # row 3 takes the one above
            "kelurahan": ["Darat Sekip", "Tengah", "Sungai Beliung"],
            "population": [12345, 8000, 1000000],
            "registered": [11000, 7500, 999999],
            "ppu": [1234, None, None],
            "pbpu": [6870, None, 0],
        }
    )
    assert_frame_equal(parsed.rows.select(expected.columns), expected, check_dtypes=False)


def test_bad_cells_are_named_in_row_order_with_the_figures_as_written():
    text = "Kecamatan;Jumlah Penduduk;Jumlah Peserta\nA;(1.234);12,5\nB;x;3\nC;1.5;-7\n"
    parsed = read_file(text.encode(), "buruk.csv", "coverage")
    assert [(i.code, i.row, i.column, i.value) for i in parsed.issues] == [
        ("negative", 2, "Jumlah Penduduk", "(1.234)"),
        ("not_whole", 2, "Jumlah Peserta", "12,5"),
        ("not_a_number", 3, "Jumlah Penduduk", "x"),
        ("not_a_number", 4, "Jumlah Penduduk", "1.5"),
        ("negative", 4, "Jumlah Peserta", "-7"),
    ]


cell = st.one_of(
    st.integers(min_value=-(10**7), max_value=10**9).map(str),
    st.sampled_from(["", "-", "Jumlah", "a\nb", 'say "hi"', "x;y", " 1.234 ", "(5)", "1,00"]),
    st.text(alphabet='ab ;,."\n\r1', max_size=6),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(cell, max_size=6), min_size=1, max_size=15), separator=st.sampled_from([";", ","]))
def test_polars_records_are_the_csv_modules_records(rows, separator):
    # Where Polars reads a CSV (else None: the exact path), it reads the same cells on the same lines.
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=separator).writerows(rows)
    text = buffer.getvalue()
    fast = decoding._csv_table_fast(text, separator)
    if fast is None:
        return
    exact = decoding._table_of_rows(decoding._csv_rows(text, separator))
    assert fast.width == exact.width
    assert_frame_equal(fast.frame, exact.frame)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(figures=st.lists(st.integers(min_value=0, max_value=10**12), min_size=1, max_size=20))
def test_a_workbook_and_its_csv_read_the_same_rows(figures):
    import xlsxwriter

    header = ["Kecamatan", "Kelurahan", "Jumlah Peserta"]
    rows = [["Pontianak Kota" if n % 3 else None, f"K{n}", figure] for n, figure in enumerate(figures)]
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Data")
    for number, row in enumerate([header, *rows]):
        sheet.write_row(number, 0, row)
    book.close()
    text = "\n".join(";".join("" if c is None else str(c) for c in row) for row in [header, *rows]) + "\n"
    from_xlsx = read_file(buffer.getvalue(), "a.xlsx", "coverage")
    from_csv = read_file(text.encode(), "a.csv", "coverage")
    assert from_xlsx.issues == () and from_csv.issues == ()
    assert from_xlsx.rows.schema == pl.Schema(ROW_SCHEMA)
    assert_frame_equal(from_xlsx.rows, from_csv.rows)
    assert from_csv.rows["registered"].to_list() == figures


def test_the_control_characters_a_binary_file_shows_are_unicodes_less_tab_and_line_breaks():
    # The regex that counts them is Unicode's category Cc without \t \n \v \f \r.
    matched = {chr(code) for code in range(0x110000) if decoding._CONTROLS.fullmatch(chr(code))}
    expected = {
        chr(code)
        for code in range(0x110000)
        if unicodedata.category(chr(code)) == "Cc" and chr(code) not in "\t\n\r\f\v"
    }
    assert matched == expected
    assert len(expected) == 60


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.lists(cell, max_size=5), min_size=0, max_size=12),
    separator=st.sampled_from([";", ","]),
    limit=st.integers(1, 6),
    head=st.integers(1, 80),
    ending=st.sampled_from(["\n", "\r\n", "\r", ""]),
)
def test_the_first_records_read_from_the_start_are_those_of_the_whole_text(rows, separator, limit, head, ending):
    # The header is looked for in the records read from the file's first characters: they are the
    # records Python's csv module reads from the whole file, or the same error.
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=separator, lineterminator=ending or "\n").writerows(rows)
    text = buffer.getvalue() + ('"unclosed' if ending == "" else "")

    def records(read):
        try:
            return read()
        except decoding._Unreadable as error:
            return error.reason

    whole = records(lambda: decoding._csv_rows(text, separator, limit))
    assert records(lambda: decoding._csv_head(text, separator, limit, head)) == whole


# numbers: each distinct text read once (Polars) against parse_number cell by cell -------------------


def exact_counts(texts: list[str | None]) -> tuple[str, list[tuple[int | None, str | None]]]:
    """The convention and each cell's (count, problem) as parse_number reads the column, cell by cell."""
    written = [text for text in texts if text is not None and text.strip() not in EMPTY_MARKS]
    convention = "id"
    if any("," in text for text in written):
        fits = {}
        for candidate in ("id", "en"):
            whole = [t for t in written if (n := parse_number(t, candidate)) is not None and numbers._whole(n)]
            mark = {"id": ",", "en": "."}[candidate]
            fits[candidate] = [len(whole), sum(1 for t in whole if mark not in t)]
        convention = "en" if fits["en"] > fits["id"] else "id"
    readings: list[tuple[int | None, str | None]] = []
    for text in texts:
        if text is None or text.strip() in EMPTY_MARKS:
            readings.append((None, None))
            continue
        number = parse_number(text, convention)
        if number is None:
            readings.append((None, "not_a_number"))
        elif not numbers._whole(number):
            readings.append((None, "not_whole"))
        elif number < 0:
            readings.append((None, "negative"))
        else:
            readings.append((int(number), None))
    return convention, readings


def styled(value: int, convention: str, fraction: str, spaced: bool) -> str:
    """A count as a city may write it: 1.234.567 or 1,234,567, maybe with ,00 or .5, spaces, a minus."""
    text = f"{abs(value):,}"
    if convention == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    if fraction:
        text += ("," if convention == "id" else ".") + fraction
    if spaced:
        text = text.replace("." if convention == "id" else ",", " ")
    return ("−" if value < 0 else "") + text


count_text = st.builds(
    styled,
    st.integers(-(10**7), 10**17),
    st.sampled_from(["id", "en"]),
    st.sampled_from(["", "", "00", "0", "5", "50"]),
    st.booleans(),
)
count_cell = st.one_of(
    count_text,
    st.sampled_from(["", "-", "–", "--", " ", "0", "-0", "(1.234)", "1.000,00", "1,000.00", "1.000", "1,000"]),
    st.sampled_from(["12,5", "1.5", "+3", " 1 234 ", "1\u00a0234", "9" * 17, "0" * 20 + "1", "1.23.4", "x", "1e5"]),
    st.text(alphabet="0123456789.,-+ ()−\u00a0x", max_size=8),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(columns=st.lists(st.lists(st.one_of(st.none(), count_cell), min_size=6, max_size=6), min_size=1, max_size=4))
def test_each_distinct_text_read_once_reads_each_cell_as_parse_number_does(columns):
    cells = numbers._CountCells([pl.Series(column, dtype=pl.String) for column in columns])
    for k, column in enumerate(columns):
        convention, readings = exact_counts(column)
        present = cells.present(k)
        assert present.to_list() == [text is not None and text.strip() not in EMPTY_MARKS for text in column]
        chosen = cells.convention(k, present) if cells.has_comma(k) else "id"
        assert chosen == convention
        value, problem = cells.counts(k, chosen, pl.Series([None] * len(column), dtype=pl.Float64))
        assert list(zip(value.to_list(), problem.to_list(), strict=True)) == readings


HEADERS = ("Jumlah Penduduk", "Jumlah Peserta", "Peserta Aktif")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.tuples(count_cell, count_cell, count_cell), min_size=1, max_size=25))
def test_a_file_of_hostile_counts_reads_as_parse_number_reads_its_cells(rows):
    # Through read_file (Polars' CSV path): the rows kept, their counts and each bad cell's finding
    # (row, column, the text as written, the convention) are those of parse_number, cell by cell.
    lines = ["Kelurahan;" + ";".join(HEADERS), *(f"K{n};" + ";".join(row) for n, row in enumerate(rows))]
    parsed = read_file(("\n".join(lines) + "\n").encode(), "angka.csv", "coverage")
    columns = [[row[k] for row in rows] for k in range(3)]
    exact = [exact_counts(column) for column in columns]
    kept = [n for n, row in enumerate(rows) if any(text.strip() not in EMPTY_MARKS for text in row)]
    expected_rows = pl.DataFrame(
        {
            "row": [n + 2 for n in kept],
            "kelurahan": [f"K{n}" for n in kept],
            **{c: [exact[k][1][n][0] for n in kept] for k, c in enumerate(("population", "registered", "active"))},
        },
        schema={
            "row": pl.Int64,
            "kelurahan": pl.String,
            "population": pl.Int64,
            "registered": pl.Int64,
            "active": pl.Int64,
        },
    )
    assert_frame_equal(parsed.rows.select(expected_rows.columns), expected_rows)
    expected_issues = [
        (
            problem,
            n + 2,
            HEADERS[k],
            rows[n][k].strip(),
            {"convention": exact[k][0]} if problem == "not_a_number" else {},
        )
        for n in kept
        for k in range(3)
        if (problem := exact[k][1][n][1]) is not None
    ]
    assert [(i.code, i.row, i.column, i.value, i.params) for i in parsed.issues] == expected_issues
