"""The import report as the Data page shows it: rows read, findings, what would change, the history.

Frames of text in the user's language (numbers as ``687.031``, months by name), built from what
``uhc.intake.reader``, ``uhc.intake.imports`` and ``uhc.intake.geo`` return; the page only renders them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import cast

import polars as pl

from uhc import i18n
from uhc.intake import wording
from uhc.intake.imports import Checked
from uhc.intake.reader import COUNT_COLUMNS, LABEL_COLUMNS, Issue, Parsed, column_label

# A report shows this many findings of one kind (code); one more line says how many more there are.
SHOWN_PER_KIND = 5
# The preview shows the first rows of a file; the checks always cover all of them.
PREVIEW_ROWS = 200
SHA256_SHOWN = 12
# Kinds of import batch (import_batch.kind) the history names -> their words; others are shown as stored.
BATCH_KINDS = {
    "coverage": i18n.N_("data_batch_kind_coverage"),
    "population": i18n.N_("data_batch_kind_population"),
    "boundaries": i18n.N_("data_batch_kind_boundaries"),
    "crosswalk": i18n.N_("data_batch_kind_crosswalk"),
    "restore": i18n.N_("data_batch_kind_restore"),
    "demo": i18n.N_("data_batch_kind_demo"),
    "gazetteer": i18n.N_("data_batch_kind_gazetteer"),
    "synthetic": i18n.N_("data_batch_kind_synthetic"),
    "legacy": i18n.N_("data_batch_kind_legacy"),
}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$])")
# What Streamlit's markdown (GitHub's) turns into a link by itself: "www." and "scheme://" and the "@"
# of an address. A word joiner (U+2060: invisible, never a line break) inside each keeps it text.
_AUTOLINK_START = re.compile(r"(?i)(www)(?=\.)|([a-z][a-z0-9+.-]*:)(?=/)|(?=@)")
WORD_JOINER = "\u2060"
_PREVIEW_COLUMNS = ("region_code", "kecamatan", "kelurahan", "period", *COUNT_COLUMNS)
# The figures a change shows before -> after, each with its column heading.
CHANGE_FIGURES = {
    "registered": i18n.N_("col_registered"),
    "active": i18n.N_("col_active"),
    "population": i18n.N_("col_population"),
}
_CHANGE_KEYS = {
    "added": i18n.N_("data_change_added"),
    "changed": i18n.N_("data_change_changed"),
    "removed": i18n.N_("data_change_removed"),
    "unchanged": i18n.N_("data_change_unchanged"),
}
# What the reader's missing_column finding names -> the columns a mapping may then choose.
_MAPPING_FOR_MISSING = {
    "region": LABEL_COLUMNS,
    "population": ("population",),
    "registered_or_parts": ("registered", "active", "inactive"),
}
_MAPPING_WITHOUT_HEADER = {
    "coverage": (*LABEL_COLUMNS, "registered", "active"),
    "population": (*LABEL_COLUMNS, "population"),
}


def _label(canonical: str, language: str) -> str:
    text = column_label(canonical, language)
    return text[:1].upper() + text[1:]


def preview(parsed: Parsed, language: str, limit: int = PREVIEW_ROWS) -> pl.DataFrame:
    """The first ``limit`` rows read, as text: the row number, then each column the file has."""
    rows = parsed.rows.head(limit)
    present = [column for column in _PREVIEW_COLUMNS if rows[column].null_count() < rows.height]
    shown = {i18n.text("data_col_row", language): [str(row) for row in rows["row"]]}
    for column in present:
        values = rows[column].to_list()
        if column == "period":
            shown[_label(column, language)] = [i18n.month(value, language) for value in values]
        elif column in COUNT_COLUMNS:
            shown[_label(column, language)] = [i18n.number(value, language) for value in values]
        else:
            shown[_label(column, language)] = [value or "" for value in values]
    return pl.DataFrame(shown, schema=dict.fromkeys(shown, pl.String))


def preview_figure_columns(frame: pl.DataFrame, language: str) -> list[str]:
    """The columns of a preview that hold counts (to be right-aligned)."""
    labels = {_label(column, language) for column in COUNT_COLUMNS}
    return [column for column in frame.columns if column in labels]


def mapping_fields(parsed: Parsed) -> tuple[list[str], list[str] | None]:
    """The columns a column mapping should name for a reading without mapping, and the headers to
    choose from: the file's headers, or None when no header row was found (headers are typed then).
    Columns two headers both read as are offered too. No columns when nothing required is missing."""
    missing = [issue for issue in parsed.errors if issue.code == "missing_column"]
    duplicates = [issue for issue in parsed.errors if issue.code == "duplicate_column"]
    if missing or duplicates:
        fields = [field for issue in missing for field in _MAPPING_FOR_MISSING.get(str(issue.params["field"]), ())]
        fields += [str(issue.params["canonical"]) for issue in duplicates]
        given = (missing or duplicates)[0].params.get("headers", [])  # the reader stores a list of labels
        headers = [str(header) for header in given] if isinstance(given, list) else []
        return list(dict.fromkeys(fields)), headers
    if any(issue.code in {"no_header", "no_header_any_sheet"} for issue in parsed.errors):
        return list(_MAPPING_WITHOUT_HEADER[parsed.kind]), None
    return [], None


def mapping(chosen: dict[str, str | None]) -> tuple[tuple[str, str], ...]:
    """The mapping to read with: canonical column -> header, for the columns given a header."""
    return tuple((field, header.strip()) for field, header in chosen.items() if header and header.strip())


def markdown_text(text: str) -> str:
    """``text`` shown literally in Streamlit markdown (file names with ``_``, values with ``$``), and never
    as a link: ``www.example.com.csv`` and ``http://evil.example`` stay text."""
    return _AUTOLINK_START.sub(lambda found: (found.group(0) or "") + WORD_JOINER, _MARKDOWN_SPECIAL.sub(r"\\\1", text))


def issue_count(issues: Iterable[Issue]) -> int:
    """How many findings ``issues`` stand for: a ``more_issues`` stands for the ``count`` it left out."""
    return sum(_stands_for(issue) for issue in issues)


def _stands_for(issue: Issue) -> int:
    if _counted_for(issue) is not None:
        return cast(int, issue.params["count"])  # the reader stores len() of the findings it left out
    return 1


def summarised(issues: Iterable[Issue], language: str, shown_per_kind: int = SHOWN_PER_KIND) -> list[tuple[str, str]]:
    """(severity, message) to show, in order: the first ``shown_per_kind`` of each kind (severity and
    code), then one line '… dan 1.180 lagi dengan jenis yang sama' right after the last one shown.

    The issues themselves stay complete (``Checked.issues``); only what is shown is cut short, so a
    file with 1.185 unknown kelurahan gives five of them and one line, not 1.185 lines. The reader's
    ``more_issues`` (findings it did not keep) add to the count of their kind.
    """
    issues = list(issues)
    kinds = {(issue.severity, issue.code) for issue in issues if _counted_for(issue) is None}
    lines: list[tuple[str, str]] = []
    shown: dict[tuple[str, str], int] = {}
    hidden: dict[tuple[str, str], int] = {}
    last_line: dict[tuple[str, str], int] = {}
    for issue in issues:
        of_code = _counted_for(issue)
        if of_code is not None:
            # The reader's count of findings it did not keep joins the line of their kind.
            kind = next(((s, c) for s, c in sorted(kinds, key=lambda k: k[0] != issue.severity) if c == of_code), None)
            if kind is not None:
                hidden[kind] = hidden.get(kind, 0) + _stands_for(issue)
            else:
                lines.append((issue.severity, issue.message(language)))
            continue
        kind = (issue.severity, issue.code)
        if shown.get(kind, 0) >= shown_per_kind:
            hidden[kind] = hidden.get(kind, 0) + 1
            continue
        shown[kind] = shown.get(kind, 0) + 1
        lines.append((issue.severity, issue.message(language)))
        last_line[kind] = len(lines) - 1
    # From the bottom up, so that each insertion leaves the places above it as they were.
    for index, (severity, _), count in sorted(
        ((last_line[kind], kind, n) for kind, n in hidden.items() if n and kind in last_line), reverse=True
    ):
        more = i18n.text("issues_more_of_kind", language, count=i18n.number(count, language))
        lines.insert(index + 1, (severity, more))
    return lines


def _counted_for(issue: Issue) -> str | None:
    """The code a reader's ``more_issues`` counts the left-out findings of, else None."""
    if issue.code == "more_issues" and "of_code" in issue.params:
        return str(issue.params["of_code"])
    return None


def refusal_line(file_name: str, issues: Iterable[Issue], language: str) -> str:
    """The first line of a refused import's report: how many errors, and what to do."""
    errors = issue_count(issue for issue in issues if issue.severity == "error")
    return i18n.plural("import_refused", errors, language, file=file_name, errors=i18n.number(errors, language))


def findings(issues: tuple[Issue, ...], language: str) -> dict[str, list[str]]:
    """The messages of the errors and of the warnings, in order, each kind cut short after the first
    few (:func:`summarised`): {'error': [...], 'warning': [...]}."""
    found: dict[str, list[str]] = {"error": [], "warning": []}
    for severity, message in summarised(issues, language):
        found[severity].append(message)
    return found


def as_list(messages: list[str]) -> str:
    """Messages as a markdown bullet list, each shown literally."""
    return "\n".join(f"- {markdown_text(message)}" for message in messages)


def heading(checked: Checked, language: str) -> str:
    """What the file holds, in one line: 'rekap.csv: data cakupan Kota Pontianak (61.71), Februari 2026: 29 baris'."""
    dates = [i18n.month(month, language) for month in checked.periods]
    dates += [i18n.day(day, language) for day in checked.as_of_dates]
    return i18n.plural(
        "import_heading",
        checked.parsed.rows.height,
        language,
        file=checked.parsed.file_name,
        kind=i18n.text(wording.KINDS[checked.kind], language),
        city=checked.city_name,
        city_code=checked.city_code,
        dates=", ".join(dates) or i18n.MISSING,
        rows=i18n.number(checked.parsed.rows.height, language),
    )


def replaced_line(checked: Checked, language: str) -> str | None:
    """Which earlier batches a save replaces (they stay in the history), or None."""
    if not checked.replaced_batch_ids:
        return None
    return i18n.text("import_replaces", language, batches=", ".join(map(str, checked.replaced_batch_ids)))


def change_counts(
    counts: dict[str, dict[str, int]],
    as_of_dates: tuple[dt.date, ...],
    language: str,
    show_day: Callable[[dt.date], str] | None = None,
) -> list[str]:
    """One sentence per kind of figure that changes: '29 baru, 0 berubah, ...' (``Checked.change_counts``).

    Population dates are written by ``show_day`` (default: the day in words, as the Data page shows it).
    """
    show_day = show_day or (lambda day: i18n.day(day, language))
    dates = ", ".join(show_day(day) for day in as_of_dates)
    return [
        i18n.text(
            wording.CHANGES[figures],
            language,
            dates=dates,
            **{change: i18n.number(n, language) for change, n in by_change.items()},
        )
        for figures, by_change in counts.items()
        if any(by_change.values())
    ]


def changes(changes_frame: pl.DataFrame, language: str) -> pl.DataFrame:
    """The figures an import would add, change or remove (``Checked.changes``), one row each, as text.

    Columns: region, code, month or date, change, then "before → after" for registered, active and
    population where the row has them. Unchanged figures are left out.
    """
    rows = changes_frame.filter(pl.col("change") != "unchanged")
    figures = [
        f
        for f in CHANGE_FIGURES
        if rows[f"{f}_before"].null_count() + rows[f"{f}_after"].null_count() < 2 * rows.height
    ]

    def day(kind: str, value: dt.date) -> str:
        return i18n.month(value, language) if kind == "coverage" else i18n.day(value, language)

    shown = {
        i18n.text("col_name", language): rows["name"].to_list(),
        i18n.text("col_code", language): rows["kemendagri_code"].to_list(),
        i18n.text("data_col_day", language): [day(k, v) for k, v in zip(rows["figures"], rows["day"], strict=True)],
        i18n.text("data_col_change", language): [i18n.text(_CHANGE_KEYS[c], language) for c in rows["change"]],
    }
    for figure in figures:
        shown[i18n.text(CHANGE_FIGURES[figure], language)] = [
            _before_after(before, after, language)
            for before, after in zip(rows[f"{figure}_before"], rows[f"{figure}_after"], strict=True)
        ]
    return pl.DataFrame(shown, schema=dict.fromkeys(shown, pl.String))


def change_figure_columns(language: str) -> list[str]:
    """The columns of :func:`changes` that hold figures (to be right-aligned)."""
    return [i18n.text(key, language) for key in CHANGE_FIGURES.values()]


def _before_after(before: int | None, after: int | None, language: str) -> str:
    if before == after:
        return i18n.number(after, language) if after is not None else ""
    return f"{i18n.number(before, language)} → {i18n.number(after, language)}"


def history(batches: pl.DataFrame, language: str) -> pl.DataFrame:
    """The import history (``imports.history``) as text: who imported what, when, from which file."""

    def kind(value: str) -> str:
        return i18n.text(BATCH_KINDS[value], language) if value in BATCH_KINDS else value

    def status(value: str | None) -> str:
        return i18n.text(wording.STATUSES[value], language) if value else i18n.MISSING

    shown = {
        i18n.text("data_col_batch", language): [str(b) for b in batches["batch_id"]],
        i18n.text("data_col_when", language): [i18n.moment(t, language) for t in batches["imported_at"]],
        i18n.text("data_col_who", language): batches["imported_by"].to_list(),
        i18n.text("data_col_kind", language): [kind(k) for k in batches["kind"]],
        i18n.text("data_col_file", language): [name or "" for name in batches["file_name"]],
        i18n.text("data_col_sha256", language): [(sha or "")[:SHA256_SHOWN] for sha in batches["sha256"]],
        i18n.text("data_col_rows", language): [i18n.number(n, language) for n in batches["row_count"]],
        i18n.text("data_col_status", language): [status(s) for s in batches["status"]],
        i18n.text("data_col_summary", language): [s or "" for s in batches["summary"]],
    }
    return pl.DataFrame(shown, schema=dict.fromkeys(shown, pl.String))


def history_widths(language: str) -> dict[str, str | int]:
    """Widths of the history's text columns (pixels or a size), so file names and summaries are readable."""
    return {i18n.text("data_col_file", language): "medium", i18n.text("data_col_summary", language): 520}


def history_figure_columns(language: str) -> list[str]:
    """The columns of :func:`history` that hold figures (to be right-aligned)."""
    return [i18n.text("data_col_batch", language), i18n.text("data_col_rows", language)]


def restorable(batches: pl.DataFrame) -> pl.DataFrame:
    """The batches of an import history whose figures are all superseded: those a restore brings back."""
    return batches.filter(pl.col("status") == "superseded")


def restore_label(batch: dict, language: str) -> str:
    """One superseded batch, in words: 'Batch 12 · rekap.csv · 2026-02 · rina, 3 Feb 2026 08.00'."""
    return i18n.text(
        "data_restore_line",
        language,
        batch=batch["batch_id"],
        file=batch["file_name"] or i18n.MISSING,
        summary=batch["summary"] or i18n.MISSING,
        who=batch["imported_by"],
        when=i18n.moment(batch["imported_at"], language),
    )


def boundaries_skippable(checked) -> bool:
    """Whether every problem of a boundary check (geo.BoundaryCheck) is a feature that can be left out."""
    return bool(checked.problems) and all(problem.skippable for problem in checked.problems)


def boundaries_savable(checked, skip_bad_features: bool) -> bool:
    """Whether geo.commit_boundaries would store a boundary check: some regions matched, and no
    problem left (or only features that may be left out, when that is chosen)."""
    if checked.geometry.height == 0:
        return False
    return not checked.problems or (skip_bad_features and boundaries_skippable(checked))


def month_choices(latest: dt.date | None, today: dt.date, months_back: int = 60) -> list[dt.date]:
    """Months to offer for a recap without a month column, newest first: from this month, or the
    month after the latest stored one if that is later, back ``months_back`` months."""
    newest = today.replace(day=1)
    if latest is not None:
        newest = max(newest, _add_months(latest.replace(day=1), 1))
    return [_add_months(newest, -back) for back in range(months_back + 1)]


def _add_months(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)
