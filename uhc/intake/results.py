"""The cadres' filled sheets coming back: each visit's result, checked against the stored match runs.

A sheet is the kelurahan's XLSX (or a CSV of it) with the headings of
:data:`uhc.core.campaign.SHEET_COLUMNS` in either language; title rows above them are allowed.
Each row with a result names its person by the Kode column (:class:`uhc.core.campaign.Reference`),
which must be a person of a stored match run whose personal rows are kept. A row with a Kode and no
result is a person not visited yet: skipped and counted. Every problem names the file, the row and
the column, says what was expected and what to do; a sheet with any problem stores nothing.

The note column is never read into the store (a note may name people); the other columns the list
printed (name, address, ...) are not compared with the store either: the Kode decides.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from uhc import figures, i18n
from uhc.core import campaign
from uhc.intake.people.participants import SEGMENT_OF
from uhc.intake.people.table import Layout, PeopleError, PeopleTable, read_dates, read_people_table
from uhc.intake.reader.headers import header_key
from uhc.store import campaign as stored
from uhc.store.db import Store

LAYOUT = Layout(
    headers={field: (indonesian, english) for field, indonesian, english in campaign.SHEET_COLUMNS},
    required=("ref", "result"),
)
# The segment a sheet's cell names: every spelling of uhc.figures (as a participant list writes it),
# the segment's code, and its name in either language.
_SEGMENT_WORDS: dict[str, str] = {
    **SEGMENT_OF,
    **{header_key(segment.code): segment.code for segment in figures.JKN_SEGMENTS},
    **{
        header_key(i18n.text(segment.label_key, language)): segment.code
        for segment in figures.JKN_SEGMENTS
        for language in i18n.LANGUAGES
    },
}
SHOWN_PROBLEMS = 20  # the report lists this many problems, then how many more there are


@dataclass(frozen=True)
class ResultsReport:
    """What a results sheet holds once checked, and what storing it would change.

    rows:        the results as they would be stored (:data:`uhc.store.campaign.RESULT_SCHEMA`)
    new_rows:    those that change a person's result in force (empty: nothing new)
    not_visited: rows naming a person without a result (skipped)
    problems:    every problem found; any problem and nothing is stored
    """

    file_name: str
    sha256: str
    language: str
    rows: pl.DataFrame
    new_rows: pl.DataFrame
    not_visited: int
    problems: tuple[PeopleError, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def nothing_new(self) -> bool:
        return self.ok and self.new_rows.is_empty()

    def messages(self, language: str | None = None) -> list[str]:
        """Each problem in the user's language."""
        return [problem.text(language or self.language) for problem in self.problems]

    def lines(self, language: str | None = None) -> list[str]:
        """The report: rows read, results per kind, then the refusal and its problems, or what is new."""
        lang = language or self.language

        def number(value: int) -> str:
            return i18n.number(value, lang)

        lines = [
            i18n.text(
                "results_heading",
                lang,
                file=self.file_name,
                results=number(self.rows.height),
                not_visited=number(self.not_visited),
            )
        ]
        for result in campaign.RESULTS:
            count = self.rows.filter(pl.col("result") == result.code).height
            if count:
                lines.append(f"  {result.number} {i18n.text(result.key, lang)}: {number(count)}")
        if self.problems:
            lines.append(i18n.text("results_refused", lang, file=self.file_name, count=number(len(self.problems))))
            lines += [f"  {message}" for message in self.messages(lang)[:SHOWN_PROBLEMS]]
            if len(self.problems) > SHOWN_PROBLEMS:
                lines.append(
                    i18n.text("results_more_problems", lang, count=number(len(self.problems) - SHOWN_PROBLEMS))
                )
        elif self.new_rows.is_empty():
            lines.append(i18n.text("results_nothing_new", lang, file=self.file_name))
        else:
            lines.append(i18n.text("results_new", lang, count=number(self.new_rows.height)))
        return lines


def check(
    db_path: str | Path, data: bytes, filename: str, lang: str = i18n.DEFAULT_LANGUAGE, *, today: dt.date | None = None
) -> ResultsReport:
    """The report of a filled sheet against the store at ``db_path`` (opened read-only); nothing is written.

    Raises :class:`PeopleError` for a file that cannot be read as a sheet at all (no Kode or result column).
    """
    with Store.open(db_path, read_only=True) as store:
        return check_in(store, data, filename, lang, today=today)


def check_in(
    store: Store, data: bytes, filename: str, lang: str = i18n.DEFAULT_LANGUAGE, *, today: dt.date | None = None
) -> ResultsReport:
    """:func:`check` on an open store."""
    sheet = read_people_table(data, filename, LAYOUT)
    rows, not_visited, problems = _read_rows(store, sheet, today or dt.date.today())
    new = stored.changed(rows, stored.results_in_force(store)) if not problems else rows.clear()
    return ResultsReport(filename, hashlib.sha256(data).hexdigest(), lang, rows, new, not_visited, tuple(problems))


def store(db_path: str | Path, report: ResultsReport, user: str) -> int | None:
    """Write a checked sheet's new results as one revision (an editor's); its batch_id, None if nothing new.

    Raises ValueError for a report with problems: such a sheet is never stored, not even in part.
    """
    if report.problems:
        raise ValueError("a results sheet with problems cannot be stored")
    with Store.open(db_path) as opened:
        return stored.save_results(opened, report.rows, file_name=report.file_name, sha256=report.sha256, user=user)


def record_one(
    db_path: str | Path,
    reference: str,
    result: str | int,
    segment: str | None,
    date: dt.date,
    cadre: str | None,
    user: str,
    *,
    today: dt.date | None = None,
) -> int | None:
    """Store one person's result typed on the page, as its own revision; its batch_id, None if unchanged.

    The same checks as a sheet's row; :class:`PeopleError` (file ``-``, row 1) for the first problem.
    """
    cells = {
        "ref": reference,
        "result": str(result),
        "segment": segment or "",
        "result_date": date.strftime("%d-%m-%Y"),
        "cadre": cadre or "",
    }
    fields = [field for field, _, _ in campaign.SHEET_COLUMNS if field in cells]
    headings = {field: indonesian for field, indonesian, _ in campaign.SHEET_COLUMNS}
    csv = ";".join(headings[field] for field in fields) + "\n" + ";".join(cells[f].replace(";", ",") for f in fields)
    with Store.open(db_path) as opened:
        data = (csv + "\n").encode("utf-8")
        report = check_in(opened, data, "-", today=today)
        if report.problems:
            raise report.problems[0]
        if report.rows.is_empty():
            raise PeopleError("results_one_needs_result")
        return stored.save_results(opened, report.rows, file_name=None, sha256=None, user=user)


def _read_rows(store: Store, sheet: PeopleTable, today: dt.date) -> tuple[pl.DataFrame, int, list[PeopleError]]:
    """The results of the sheet's rows, the rows not visited yet, and every problem, row by row."""
    file = sheet.file_name
    labels = {field: sheet.label(field) if sheet.has(field) else LAYOUT.headers[field][0] for field in LAYOUT.headers}
    texts = {field: sheet.text(field).to_list() for field in ("ref", "result", "segment", "cadre")}
    date_texts = sheet.text("result_date").to_list()
    dates = read_dates(sheet, "result_date").to_list()
    sheet_rows = sheet.rows.to_list()

    references = [campaign.read_reference(text) if text else None for text in texts["ref"]]
    run_ids = sorted({reference.run_id for reference in references if reference is not None})
    runs = stored.runs(store).filter(pl.col("run_id").is_in(run_ids))
    made = {run["run_id"]: run for run in runs.iter_rows(named=True)}
    persons = stored.persons_of_runs(store, [run for run in run_ids if made.get(run, {}).get("purged_at") is None])
    placed = {
        (person["run_id"], person["side"], person["batch_id"], person["source_row"]): person
        for person in persons.iter_rows(named=True)
    }

    problems: list[PeopleError] = []
    found: list[dict] = []
    seen: dict[campaign.Reference, int] = {}
    not_visited = 0

    def problem(key: str, row: int, field: str, **params: object) -> None:
        problems.append(PeopleError(key, file=file, row=row, column=labels[field], **params))

    for i, row in enumerate(sheet_rows):
        ref_text, result_text = texts["ref"][i], texts["result"][i]
        if not ref_text:
            if result_text:  # a result for no one: the Kode was deleted or the row typed in by hand
                problem(i18n.N_("results_no_reference"), row, "ref")
            continue
        reference = references[i]
        if reference is None:
            problem(i18n.N_("results_bad_reference"), row, "ref", example="12-R3-1045")
            continue
        code = str(reference)
        if reference in seen:
            problem(i18n.N_("results_repeated_reference"), row, "ref", code=code, other=seen[reference])
            continue
        seen[reference] = row
        run = made.get(reference.run_id)
        if run is None:
            problem(i18n.N_("results_unknown_run"), row, "ref", code=code, run=reference.run_id)
            continue
        if run["purged_at"] is not None:
            problem(
                i18n.N_("results_purged_run"),
                row,
                "ref",
                code=code,
                run=reference.run_id,
                day=run["purged_at"].strftime("%d-%m-%Y"),
            )
            continue
        person = placed.get((reference.run_id, reference.side, reference.batch_id, reference.source_row))
        if person is None or person["kemendagri_code"] is None:  # no kelurahan: on no cadre's list
            problem(i18n.N_("results_unknown_person"), row, "ref", code=code, run=reference.run_id)
            continue
        if not result_text:
            not_visited += 1
            continue
        result = campaign.read_result(result_text)
        if result is None:
            problem(i18n.N_("results_bad_result"), row, "result", results=_result_words())
            continue
        segment = None
        if result.needs_segment:
            segment_text = texts["segment"][i]
            if not segment_text:
                problem(i18n.N_("results_needs_segment"), row, "segment", segments=_segment_words())
                continue
            segment = _SEGMENT_WORDS.get(header_key(segment_text))
            if segment is None:
                problem(i18n.N_("results_bad_segment"), row, "segment", segments=_segment_words())
                continue
        day = dates[i]
        if day is None:
            key = i18n.N_("results_bad_date") if date_texts[i] else i18n.N_("results_no_date")
            problem(key, row, "result_date")
            continue
        if day > today:
            problem(
                i18n.N_("results_future_date"),
                row,
                "result_date",
                date=day.strftime("%d-%m-%Y"),
                today=today.strftime("%d-%m-%Y"),
            )
            continue
        run_day = run["made_at"].date()
        if day < run_day:
            problem(
                i18n.N_("results_date_before_run"),
                row,
                "result_date",
                date=day.strftime("%d-%m-%Y"),
                run=reference.run_id,
                run_day=run_day.strftime("%d-%m-%Y"),
            )
            continue
        found.append(
            {
                "sheet_row": row,
                "run_id": reference.run_id,
                "side": reference.side,
                "person_batch": reference.batch_id,
                "person_row": reference.source_row,
                "kemendagri_code": person["kemendagri_code"],
                "rw": person["rw"],
                "rt": person["rt"],
                "result": result.code,
                "segment": segment,
                "result_date": day,
                "cadre": " ".join(texts["cadre"][i].split()) if texts["cadre"][i] else None,
            }
        )
    return pl.DataFrame(found, schema=stored.RESULT_SCHEMA), not_visited, problems


def _result_words() -> str:
    """The results a cell may hold, as a refusal lists them: ``1 TERDAFTAR, 2 AKTIF KEMBALI, ...``."""
    return ", ".join(f"{result.number} {result.spellings[0]}" for result in campaign.RESULTS)


def _segment_words() -> str:
    """The segments a cell may name, as a refusal lists them (BPJS's own abbreviations)."""
    return ", ".join(segment.spellings[0].upper() for segment in figures.JKN_SEGMENTS)
