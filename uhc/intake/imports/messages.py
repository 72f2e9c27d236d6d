"""What the importer says: why an import or restore is refused, and its findings about rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from uhc import i18n
from uhc.intake import wording
from uhc.intake.reader import Issue, Parsed, Severity
from uhc.store.db import StoreError


class ImportRefused(StoreError):
    """An import that cannot be written; ``text(language)`` says why and what to do (str(): English)."""

    def __init__(self, key: str, **params: object) -> None:
        self.key, self.params = key, params
        super().__init__(self.text("en"))

    def text(self, language: str) -> str:
        return i18n.text(self.key, language, **self.params)


class RestoreRefused(ImportRefused):
    """A restore that cannot be done; ``text(language)`` says why and what to do."""


@dataclass(frozen=True)
class StoreIssue(Issue):
    """A finding of the importer (regions, the store): the sentence of its code (wording.STORE_ISSUES), after the place."""

    def message(self, language: str) -> str:
        values = {key: _formatted(key, value, language) for key, value in self.params.items()}
        return f"{self.place(language)}: " + wording.store_issue_sentence(
            self.code, self.params, language, value=self.value or i18n.MISSING, **values
        )


def _formatted(key: str, value: Any, language: str) -> str:
    """A message figure in ``language``: people as 10.600, shares as 106,00%, months by name."""
    if value is None:
        return i18n.MISSING
    if key == "cities":  # (code, name, rows) of the kab/kota a province-wide file's other rows are in
        return "; ".join(
            # a kab/kota known by its BPS code only has no name of its own: "BPS 3173 (22 baris)"
            " ".join(
                i18n.plural(
                    "import_outside_city_rows",
                    r,
                    language,
                    code=c,
                    name="" if n == c else n,
                    rows=i18n.number(r, language),
                ).split()
            )
            for c, n, r in value
        )
    if key == "level":
        return i18n.text(wording.LEVELS[value], language)
    if key == "change_pct":
        return i18n.points(value, language, 1) + "%"
    if key.endswith("_pct"):
        return i18n.percent(value, language, 2)
    if key.endswith("period") and isinstance(value, dt.date):
        return i18n.month(value, language)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and key not in {"row", "first_row"}:
        return i18n.number(value, language)
    return str(value)


def importer_issue(
    parsed: Parsed, severity: Severity, code: str, row: int | None = None, column: str | None = None, **params
):
    """A StoreIssue about ``parsed``; ``column`` is canonical and is shown as the header the file has."""
    value = params.pop("value", None)
    header = parsed.columns.get(column, column) if column else None
    return StoreIssue(
        severity=severity,
        code=code,
        file_name=parsed.file_name,
        row=row,
        column=header,
        value=None if value is None else str(value),
        params=params,
        sheet=parsed.sheet,
    )
