"""What changed since last month, in one sentence for the briefing's first page.

The change of a city's registered and active participants and of its coverage and keaktifan
between two gap rows (the month shown and the month before it). Pure: rows in, text out.
"""

from __future__ import annotations

from uhc import figures, i18n
from uhc.core import formats

# The figures the sentence names, in the order it names them.
CHANGED_FIGURES = ("registered", "active", "coverage_pct", "activity_pct")


def month_change_sentence(row: dict, month_before: dict | None, language: str) -> str:
    """ "Sejak Desember 2025: terdaftar +1.093 orang, aktif +1.035 orang; cakupan +0,16 poin, …".

    Without the month before (the store's first month, or a month missing), says so; a figure
    missing in either month is left out.
    """
    if month_before is None:
        return i18n.text("change_no_month_before", language)
    parts = []
    for name in CHANGED_FIGURES:
        if row.get(name) is None or month_before.get(name) is None:
            continue
        figure = figures.figure(name)
        parts.append(
            i18n.text(
                "change_part",
                language,
                figure=formats.label(figure, language).lower(),
                change=formats.change_text(figure, row[name] - month_before[name], language),
            )
        )
    if not parts:
        return i18n.text("change_no_month_before", language)
    return i18n.text(
        "change_sentence", language, month=i18n.month(month_before["period"], language), changes=", ".join(parts)
    )
