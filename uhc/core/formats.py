"""How a registered figure is written in a language: its value, short value, change, names and headings.

The registry (uhc.figures) gives each figure a formatter name, a unit and message keys; here they
become uhc.i18n's formats and strings, so the cards, tables, maps, charts, CLI and exports write
a figure the same way (687.031, 87,86%, +0,53 poin, Rp35,1 miliar).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from typing import Any

from uhc import figures, i18n
from uhc.figures import Figure


def _points(value: float | None, language: str, digits: int = 2) -> str:
    if value is None:
        return i18n.MISSING
    return i18n.text("in_points", language, value=i18n.points(value, language, digits))


def _as_written(value) -> str | None:
    return value if value is None or isinstance(value, str) else str(value)


_VALUE: dict[str, Callable[[Any, str], str | None]] = {
    "number": i18n.number,
    "percent": i18n.percent,
    "points": _points,
    "rupiah": i18n.rupiah,
    "rupiah_compact": i18n.rupiah_compact,
    "month": i18n.month,
    "day": i18n.day,
    "text": lambda value, language: _as_written(value),
}
# A change from last month or a year earlier, by unit (a KPI card's delta).
_CHANGE: dict[str, Callable[[Any, str], str]] = {
    figures.PERCENT: lambda value, language: i18n.text("in_points", language, value=i18n.points(value, language)),
    figures.POINTS: lambda value, language: i18n.text("in_points", language, value=i18n.points(value, language)),
    figures.PEOPLE: lambda value, language: i18n.text("in_people", language, value=i18n.signed_number(value, language)),
    figures.IDR: i18n.signed_rupiah_compact,
}
# Units written after a heading in a downloaded file, whose cells are bare numbers.
_FILE_UNITS = {figures.PERCENT: "%", figures.IDR: "Rp"}


def shown(value: float, digits: int = 2) -> Decimal:
    """``value`` as it is printed with ``digits`` decimals (Babel rounds half to even): 0,001 -> 0,00."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_EVEN)


def percent_against(value: float | None, threshold: float | None, language: str, digits: int = 2) -> str:
    """A percentage held against ``threshold``: one below it never prints as reaching it.

    79,996 against 80 is 79,99% (rounded as usual it would read 80,00% under "di bawah 80%"): a
    value below whose usual rounding would reach the threshold is rounded down. Any other value is
    printed as usual, as the tables and hovers print it (78,635 -> 78,64%, 80,004 -> 80,00%).
    """
    if value is None or threshold is None or value >= threshold or shown(value, digits) < Decimal(repr(threshold)):
        return i18n.percent(value, language, digits)
    down = Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_FLOOR)
    return i18n.percent(float(down), language, digits)


def value_text(figure: Figure, value, language: str) -> str | None:
    """``value`` of ``figure`` as shown: 687.031, 87,86%, +0,53 poin, Rp35,1 miliar, a status in words."""
    if figure.value_keys is not None:  # the "message" formatter's figures, and only those (Figure checks it)
        return i18n.text(figure.value_keys[value], language)
    return _VALUE[figure.formatter](value, language)


def text_or_dash(figure: Figure, value, language: str) -> str:
    """:func:`value_text` where text is needed (a card, a hover, a PDF cell): a missing text value is a dash."""
    text = value_text(figure, value, language)
    return i18n.MISSING if text is None else text


def short_text(figure: Figure, value, language: str) -> str:
    """``value`` with one decimal where it has decimals (a map legend's ranges: 87,9%, +0,5 poin)."""
    if figure.formatter == "percent":
        return i18n.percent(value, language, digits=1)
    if figure.formatter == "points":
        return _points(value, language, digits=1)
    return text_or_dash(figure, value, language)


def change_text(figure: Figure, difference, language: str) -> str:
    """A change of ``figure`` by ``difference``: +0,53 poin, +1.234 orang, -Rp840 juta."""
    shown = _CHANGE.get(figure.unit)
    return shown(difference, language) if shown else text_or_dash(figure, difference, language)


def label(figure: Figure, language: str) -> str:
    """The figure in words (a card, a map legend): its label, else its heading."""
    return i18n.text(figure.label_key or figure.heading_key or figure.name, language)


def heading(figure: Figure, language: str, **values) -> str:
    """The figure's column heading (its label when it has none), ``values`` filling its placeholders.

    A plural heading takes the form for the number of its ``heading_count``: "Biaya 1 bulan".
    """
    if figure.plural_heading_key is not None and figure.heading_count is not None:  # set together (Figure checks it)
        return i18n.plural(figure.plural_heading_key, values[figure.heading_count], language, **values)
    return i18n.text(figure.heading_key or figure.label_key or figure.name, language, **values)


def file_heading(figure: Figure, language: str, **values) -> str:
    """The heading in a downloaded file, with the unit of its bare numbers: "Cakupan (%)", "Biaya 12 bulan (Rp)"."""
    unit = _FILE_UNITS.get(figure.unit)
    return heading(figure, language, **values) + (f" ({unit})" if unit else "")


def help_text(figure: Figure, language: str, **values) -> str:
    """The figure's help (a card's), ``values`` filling its placeholders; empty without one."""
    return i18n.text(figure.help_key, language, **values) if figure.help_key else ""
