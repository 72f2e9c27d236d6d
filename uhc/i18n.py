"""Bahasa Indonesia / English messages from gettext catalogs, and Indonesian number formats (via Babel).

The messages are in ``uhc/locale/<language>/LC_MESSAGES/uhc.po``: each msgid is a symbolic key
(``kpi_coverage``) and its msgstr the text in that language, so call sites name a message by what
it is for and the Indonesian catalog is the source text (the base file of a monolingual Weblate
component). ``make catalogs`` extracts the keys the code uses into ``uhc/locale/uhc.pot``, updates
both catalogs and compiles them to ``.mo``; a ``.mo`` that is missing or older than its ``.po`` is
compiled from the ``.po`` in memory instead, so the app never runs on stale messages.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
import math
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

from babel.dates import format_date, format_datetime, format_timedelta
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import NumberFormatError, format_compact_decimal, format_decimal, get_decimal_symbol, parse_decimal

# The markers of message keys kept for later (i18n.N_("kpi_coverage")), beside text and plural.
from uhc.message_keys import N_ as N_
from uhc.message_keys import N_plural as N_plural

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "uhc"

_BABEL_LOCALE = {"id": "id_ID", "en": "en_US"}
MISSING = "–"


def text(key: str, language: str = DEFAULT_LANGUAGE, **values) -> str:
    """The message ``key`` in ``language``, with ``{placeholders}`` filled in (a counted message: :func:`plural`)."""
    return _translations(language).gettext(key).format(**values)


def plural(key: str, n: float | None, language: str = DEFAULT_LANGUAGE, /, **values) -> str:
    """The form of message ``key`` that fits the count ``n`` (1 bulan, 3 bulan; 1 month, 3 months).

    The catalog's Plural-Forms choose the form (Indonesian has one, English two); ``values`` fill
    the placeholders, the count among them as it should be shown (``months=i18n.number(3)``).
    A count is rounded as :func:`number` shows it; a missing count (None) takes the form of 0.
    """
    return _translations(language).ngettext(key, key, 0 if n is None else round(n)).format(**values)


def template(key: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The message ``key`` in ``language`` with its placeholders unfilled (for ``format_map``)."""
    return _translations(language).gettext(key)


def catalog_path(language: str) -> Path:
    """The ``.po`` catalog of ``language``: uhc/locale/id/LC_MESSAGES/uhc.po."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def messages(language: str) -> Mapping[str, str]:
    """Every message of ``language`` by key, as its ``.po`` has it (a plural message: its first form)."""
    with catalog_path(language).open("rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    return MappingProxyType(
        {
            (m.id if isinstance(m.id, str) else m.id[0]): (
                m.string if isinstance(m.string, str) else m.string[0] if m.string else ""
            )
            for m in catalog
            if m.id
        }
    )


class _Missing(gettext.NullTranslations):
    """The end of the fallback chain: a key that no catalog holds is a KeyError, as in a dict."""

    def gettext(self, message: str) -> str:
        raise KeyError(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        raise KeyError(msgid1)


@functools.cache
def _translations(language: str) -> gettext.NullTranslations:
    """The compiled catalog of ``language``; a message it lacks comes from the Indonesian one."""
    if language not in LANGUAGES:
        raise KeyError(language)
    translations = _compiled(catalog_path(language), language)
    translations.add_fallback(_Missing() if language == DEFAULT_LANGUAGE else _translations(DEFAULT_LANGUAGE))
    return translations


def _compiled(po_path: Path, language: str) -> gettext.GNUTranslations:
    """The ``.mo`` beside ``po_path`` when it is at least as new as the ``.po``; else the ``.po`` compiled in memory.

    Compiling the ``.po`` takes Babel about 30 ms per language, reading the ``.mo`` (built by
    ``make run`` and ``make test``) about 1 ms; once per process either way. A ``.mo`` older than
    its ``.po`` (the ``.po`` was edited or pulled since) would show old messages, so it is not used.
    """
    mo_path = po_path.with_suffix(".mo")
    if mo_path.is_file() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        with mo_path.open("rb") as mo:
            return gettext.GNUTranslations(mo)
    with po_path.open("rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def number(value: float | int | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A whole number with thousands separators: 687.031 (id), 687,031 (en)."""
    if value is None:
        return MISSING
    return format_decimal(round(value), locale=_BABEL_LOCALE[language])


def decimal(value: float | None, language: str = DEFAULT_LANGUAGE, digits: int = 1) -> str:
    """A number with ``digits`` decimals: 51,2 (id), 51.2 (en)."""
    if value is None:
        return MISSING
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(value, format=pattern, locale=_BABEL_LOCALE[language])


def percent(value_pct: float | None, language: str = DEFAULT_LANGUAGE, digits: int = 2) -> str:
    """A percentage given on the 0-100 scale: 87,86% (id), 87.86% (en)."""
    if value_pct is None:
        return MISSING
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(value_pct, format=pattern, locale=_BABEL_LOCALE[language]) + "%"


def points(value_pp: float | None, language: str = DEFAULT_LANGUAGE, digits: int = 2) -> str:
    """A signed change in percentage points: +0,53 / -1,20."""
    if value_pp is None:
        return MISSING
    zeros = "0" * digits
    pattern = f"+#,##0.{zeros};-#,##0.{zeros}"
    return format_decimal(value_pp, format=pattern, locale=_BABEL_LOCALE[language])


def signed_number(value: float | int | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A signed change in whole numbers: +1.234 / -56 / 0."""
    if value is None:
        return MISSING
    if round(value) == 0:
        return "0"
    return format_decimal(round(value), format="+#,##0;-#,##0", locale=_BABEL_LOCALE[language])


def signed_rupiah_compact(value: float | int | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A signed change in rupiah in words: +Rp1,2 miliar / -Rp840 juta."""
    if value is None:
        return MISSING
    if round(value) == 0:
        return "Rp0"
    return ("+" if value > 0 else "") + rupiah_compact(value, language)


def rupiah(value: float | int | None, language: str = DEFAULT_LANGUAGE) -> str:
    """Rupiah in full: Rp35.111.664.000."""
    if value is None:
        return MISSING
    sign = "-" if value < 0 else ""
    return f"{sign}Rp{number(abs(value), language)}"


def rupiah_compact(value: float | int | None, language: str = DEFAULT_LANGUAGE) -> str:
    """Rupiah in words for large sums: Rp35,1 miliar (id), Rp35.1 billion (en)."""
    if value is None:
        return MISSING
    sign = "-" if value < 0 else ""
    words = format_compact_decimal(abs(value), format_type="long", fraction_digits=1, locale=_BABEL_LOCALE[language])
    return f"{sign}Rp{words}"


def month(period: dt.date | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A month by name: Juni 2025 (id), June 2025 (en)."""
    if period is None:
        return MISSING
    return format_date(period, "MMMM y", locale=_BABEL_LOCALE[language])


def month_short(period: dt.date | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A month abbreviated, for chart axes: Mei 2025 (id), May 2025 (en)."""
    if period is None:
        return MISSING
    return format_date(period, "MMM y", locale=_BABEL_LOCALE[language])


def semester(as_of: dt.date | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A Dukcapil semester from its as-of date: S1 2025 (30 June), S2 2025 (31 December)."""
    if as_of is None:
        return MISSING
    if (as_of.month, as_of.day) == (6, 30):
        return f"S1 {as_of.year}"
    if (as_of.month, as_of.day) == (12, 31):
        return f"S2 {as_of.year}"
    return format_date(as_of, "d MMMM y", locale=_BABEL_LOCALE[language])


def wait(seconds: int, language: str = DEFAULT_LANGUAGE) -> str:
    """A wait in words, never shorter than it is: 16 detik, 59 detik; from a minute on, minutes rounded up."""
    if seconds < 60:
        return format_timedelta(dt.timedelta(seconds=seconds), threshold=60, locale=_BABEL_LOCALE[language])
    minutes = math.ceil(seconds / 60)
    return format_timedelta(dt.timedelta(minutes=minutes), locale=_BABEL_LOCALE[language])


def day(date: dt.date | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A date in words: 30 Juni 2025 (id), 30 June 2025 (en)."""
    if date is None:
        return MISSING
    return format_date(date, "d MMMM y", locale=_BABEL_LOCALE[language])


def moment(when: dt.datetime | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A date and time, short: 3 Feb 2026 08.05 (id), 3 Feb 2026 08:05 (en)."""
    if when is None:
        return MISSING
    pattern = "d MMM y HH.mm" if language == "id" else "d MMM y HH:mm"
    return format_datetime(when, pattern, locale=_BABEL_LOCALE[language])


class NumberNotRead(ValueError):
    """A typed number that cannot be taken; :meth:`message` says why, in the user's language."""

    def __init__(self, key: str, **values: str) -> None:
        super().__init__(key)
        self.key = key
        self.values = values

    def message(self, language: str = DEFAULT_LANGUAGE) -> str:
        return text(self.key, language, **self.values)


def typed_figure(value: Decimal | float | int | None, language: str = DEFAULT_LANGUAGE, decimals: int = 0) -> str:
    """A number as the user types it back: 2.000.000.000, 98,5 (id); 2,000,000,000, 98.5 (en); "" for none.

    Up to ``decimals`` decimals, trailing zeros dropped (98 and 98,5, not 98,00).
    """
    if value is None:
        return ""
    pattern = "#,##0." + "#" * decimals if decimals else "#,##0"
    return format_decimal(value, format=pattern, locale=_BABEL_LOCALE[language])


def typed_number(
    typed: str,
    language: str = DEFAULT_LANGUAGE,
    *,
    decimals: int = 0,
    low: Decimal | float | int | None = None,
    high: Decimal | float | int | None = None,
    unit: str = "",
) -> Decimal | None:
    """The number a user typed, read in ``language``'s format (Babel, strict); None for an empty box.

    Indonesian ``2.000.000.000`` and ``98,5``, English ``2,000,000,000`` and ``98.5``; a ``unit``
    of "Rp" (before) or "%" (after) may be typed with it. A whole number (``decimals`` 0) refuses a
    decimal mark, so that an English ``42.000`` is not quietly 42. Raises :class:`NumberNotRead`
    for what cannot be read, is misgrouped (``98.5`` in Bahasa Indonesia), has more than
    ``decimals`` decimals, or lies outside ``low``..``high``. Abbreviations (``1,5 M``, ``3 jt``) are
    refused: ``M`` is miliar in Bahasa Indonesia and million in English.
    """
    bare = typed.strip()
    if unit == "Rp" and bare[:2].lower() == "rp":
        bare = bare[2:].strip()
    if unit == "%" and bare.endswith("%"):
        bare = bare[:-1].strip()
    if not bare:
        return None
    locale = _BABEL_LOCALE[language]
    example = typed_figure(Decimal("98.5") if decimals else 2_000_000_000, language, decimals)
    try:
        value = parse_decimal(bare, locale=locale, strict=True)
    except NumberFormatError as error:
        if error.suggestions:
            suggestions = f" {text(N_('number_or'), language)} ".join(f"“{s}”" for s in error.suggestions)
            raise NumberNotRead(N_("number_misgrouped"), typed=typed, suggestions=suggestions) from None
        raise NumberNotRead(N_("number_unreadable"), typed=typed, example=example) from None
    if not value.is_finite():
        raise NumberNotRead(N_("number_unreadable"), typed=typed, example=example)
    if decimals == 0 and get_decimal_symbol(locale) in bare:
        raise NumberNotRead(N_("number_whole"), typed=typed, example=typed_figure(42_000, language))
    if decimals and -value.as_tuple().exponent > decimals:  # type: ignore[operator]
        raise NumberNotRead(N_("number_decimals"), typed=typed, decimals=str(decimals))
    if (low is not None and value < Decimal(str(low))) or (high is not None and value > Decimal(str(high))):
        shown_low, shown_high = typed_figure(low, language, decimals), typed_figure(high, language, decimals)
        if high is None:
            raise NumberNotRead(N_("number_below"), typed=typed, low=shown_low)
        raise NumberNotRead(N_("number_outside"), typed=typed, low=shown_low, high=shown_high)
    return value + 0  # -0 becomes 0
