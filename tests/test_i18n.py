"""Indonesian and English number, money, month and semester formats; the two string tables."""

from __future__ import annotations

import datetime as dt
import string
from decimal import Decimal

import pytest

from uhc import i18n
from uhc.core import metrics

D = dt.date


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (687_031, "id", "687.031"),
        (687_031, "en", "687,031"),
        (690_277, "id", "690.277"),
        (0, "id", "0"),
        (999, "id", "999"),
        (1_000, "id", "1.000"),
        (-1_234, "id", "-1.234"),
        (35_111_664_000, "id", "35.111.664.000"),
        # a whole number of people: 69.665,7 is shown as 69.666
        (69_665.7, "id", "69.666"),
    ],
)
def test_number(value, language, expected):
    assert i18n.number(value, language) == expected


@pytest.mark.parametrize(
    ("value_pct", "language", "digits", "expected"),
    [
        # 603.625 / 687.031 = 87,859936...%
        (87.859936, "id", 2, "87,86%"),
        (87.859936, "en", 2, "87.86%"),
        (98.1385, "id", 2, "98,14%"),
        (99.0480, "id", 2, "99,05%"),
        (98.0, "id", 0, "98%"),
        (98.0, "id", 2, "98,00%"),
        (110.0, "id", 1, "110,0%"),
        (1_234.5, "id", 1, "1.234,5%"),
        (1_234.5, "en", 1, "1,234.5%"),
    ],
)
def test_percent(value_pct, language, digits, expected):
    assert i18n.percent(value_pct, language, digits) == expected


@pytest.mark.parametrize(
    ("value_pp", "language", "expected"),
    [
        (0.53, "id", "+0,53"),
        (-1.2, "id", "-1,20"),
        (-1.2, "en", "-1.20"),
        (12.0, "id", "+12,00"),
    ],
)
def test_points(value_pp, language, expected):
    assert i18n.points(value_pp, language) == expected


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        # 69.666 x Rp42.000 x 12
        (35_111_664_000, "id", "Rp35.111.664.000"),
        (35_111_664_000, "en", "Rp35,111,664,000"),
        (42_000, "id", "Rp42.000"),
    ],
)
def test_rupiah(value, language, expected):
    assert i18n.rupiah(value, language) == expected


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        # 35.111.664.000 = 35,11 miliar -> one decimal: 35,1
        (35_111_664_000, "id", "Rp35,1 miliar"),
        (35_111_664_000, "en", "Rp35.1 billion"),
        # 38.574.144.000 -> 38,6 miliar (rounded up at the second decimal)
        (38_574_144_000, "id", "Rp38,6 miliar"),
        (1_500_000, "id", "Rp1,5 juta"),
        (1_500_000, "en", "Rp1.5 million"),
        (2_000_000_000_000, "id", "Rp2 triliun"),
    ],
)
def test_rupiah_compact(value, language, expected):
    assert i18n.rupiah_compact(value, language) == expected


@pytest.mark.parametrize(
    ("period", "language", "expected"),
    [
        (D(2025, 6, 1), "id", "Juni 2025"),
        (D(2025, 6, 1), "en", "June 2025"),
        (D(2026, 1, 1), "id", "Januari 2026"),
        (D(2025, 2, 1), "id", "Februari 2025"),
        (D(2025, 5, 1), "id", "Mei 2025"),
        (D(2025, 8, 1), "id", "Agustus 2025"),
        (D(2022, 12, 1), "id", "Desember 2022"),
        (D(2022, 12, 1), "en", "December 2022"),
    ],
)
def test_month(period, language, expected):
    assert i18n.month(period, language) == expected


@pytest.mark.parametrize(
    ("as_of", "language", "expected"),
    [
        (D(2025, 6, 30), "id", "S1 2025"),
        (D(2025, 12, 31), "id", "S2 2025"),
        (D(2025, 12, 31), "en", "S2 2025"),
        # not a semester end: the date itself
        (D(2025, 3, 1), "id", "1 Maret 2025"),
        (D(2025, 3, 1), "en", "1 March 2025"),
    ],
)
def test_semester(as_of, language, expected):
    assert i18n.semester(as_of, language) == expected


@pytest.mark.parametrize(
    "formatter", [i18n.number, i18n.percent, i18n.points, i18n.rupiah, i18n.rupiah_compact, i18n.month, i18n.semester]
)
@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_missing_value_is_a_dash(formatter, language):
    assert formatter(None, language) == "–"


def test_both_languages_define_the_same_keys():
    assert {path.parent.parent.name for path in i18n.LOCALE_DIR.glob("*/LC_MESSAGES/uhc.po")} == set(i18n.LANGUAGES)
    assert set(i18n.messages("id")) == set(i18n.messages("en"))


def _placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


@pytest.mark.parametrize("key", sorted(i18n.messages("id")))
def test_both_languages_use_the_same_placeholders(key):
    assert _placeholders(i18n.messages("id")[key]) == _placeholders(i18n.messages("en")[key])


def test_text_fills_placeholders():
    assert i18n.text("period_not_in_store", "id", city="Kota Pontianak", period="Juni 2025", shown="Mei 2025") == (
        "Tidak ada data untuk Kota Pontianak pada Juni 2025; yang ditampilkan Mei 2025, bulan terakhir yang ada."
    )
    assert i18n.text("period_not_in_store", "en", city="Kota Pontianak", period="June 2025", shown="May 2025") == (
        "No data for Kota Pontianak in June 2025; showing May 2025, the latest month there is."
    )


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_status_the_engine_gives_has_a_text(language):
    # summary.py shows uhc_status by its own key and the projection as projection_<status>.
    for status in metrics.UHC_STATUSES:
        assert i18n.text(status, language)
    for status in metrics.PROJECTION_STATUSES:
        assert i18n.text(f"projection_{status}", language, target="98%", month="Juni 2027")


@pytest.mark.parametrize(
    ("seconds", "language", "expected"),
    [
        (1, "id", "1 detik"),
        (16, "id", "16 detik"),
        (59, "en", "59 seconds"),
        (60, "id", "1 menit"),
        # 2 min 8 s left: never promise less than the wait, so 3 minutes
        (128, "id", "3 menit"),
        (900, "en", "15 minutes"),
    ],
)
def test_wait(seconds, language, expected):
    assert i18n.wait(seconds, language) == expected


@pytest.mark.parametrize(
    ("typed", "language", "decimals", "unit", "expected"),
    [
        ("2.000.000.000", "id", 0, "Rp", Decimal(2_000_000_000)),
        ("Rp 2.000.000.000", "id", 0, "Rp", Decimal(2_000_000_000)),
        ("2,000,000,000", "en", 0, "Rp", Decimal(2_000_000_000)),
        ("42.000", "id", 0, "Rp", Decimal(42_000)),
        ("42000", "en", 0, "Rp", Decimal(42_000)),
        ("98,5", "id", 2, "%", Decimal("98.5")),
        ("98,5 %", "id", 2, "%", Decimal("98.5")),
        ("98.5", "en", 2, "%", Decimal("98.5")),
        ("  12 ", "id", 0, "", Decimal(12)),
        ("", "id", 0, "", None),
        ("-0", "id", 0, "", Decimal(0)),
    ],
)
def test_typed_number(typed, language, decimals, unit, expected):
    assert i18n.typed_number(typed, language, decimals=decimals, unit=unit) == expected


@pytest.mark.parametrize(
    ("typed", "language", "decimals", "low", "high", "key"),
    [
        ("1,5 M", "id", 0, None, None, "number_unreadable"),  # M: miliar here, million in English
        ("3 jt", "id", 0, None, None, "number_unreadable"),
        ("2,000,000,000", "id", 0, None, None, "number_unreadable"),
        ("2.000.000.000", "en", 0, None, None, "number_unreadable"),
        ("NaN", "id", 0, None, None, "number_unreadable"),
        ("98.5", "id", 2, None, None, "number_misgrouped"),  # "." groups thousands in Bahasa Indonesia
        ("2.000.00", "id", 0, None, None, "number_misgrouped"),
        ("42.000", "en", 0, None, None, "number_whole"),  # English 42.000 is 42, not forty-two thousand
        ("1,5", "id", 0, None, None, "number_whole"),
        ("98,555", "id", 2, None, None, "number_decimals"),
        ("0", "id", 0, 1, 12, "number_outside"),
        ("-5", "id", 0, 0, None, "number_below"),
        ("Rp42.000", "id", 0, None, None, "number_unreadable"),  # Rp only where the box is in rupiah
    ],
)
def test_typed_number_refused(typed, language, decimals, low, high, key):
    with pytest.raises(i18n.NumberNotRead) as refusal:
        i18n.typed_number(typed, language, decimals=decimals, low=low, high=high)
    assert refusal.value.key == key


def test_typed_number_refusals_name_what_was_typed_in_the_language():
    with pytest.raises(i18n.NumberNotRead) as refusal:
        i18n.typed_number("98.5", "id", decimals=2)
    assert refusal.value.message("id") == (
        "“98.5” tidak tertulis seperti angka Indonesia (titik memisahkan ribuan, koma memisahkan desimal). "
        "Maksudnya “985” atau “98,5”?"
    )
    with pytest.raises(i18n.NumberNotRead) as refusal:
        i18n.typed_number("13", "en", low=1, high=12)
    assert refusal.value.message("en") == "“13” is outside 1 to 12."


@pytest.mark.parametrize(
    ("value", "language", "decimals", "expected"),
    [
        (2_000_000_000, "id", 0, "2.000.000.000"),
        (2_000_000_000, "en", 0, "2,000,000,000"),
        (98.0, "id", 2, "98"),
        (98.5, "id", 2, "98,5"),
        (98.25, "en", 2, "98.25"),
        (None, "id", 0, ""),
    ],
)
def test_typed_figure(value, language, decimals, expected):
    assert i18n.typed_figure(value, language, decimals) == expected
