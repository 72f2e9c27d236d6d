"""The Pendataan page's parts: the stored match runs, their counts per area, and, for a logged-in
editor only, the persons of a kelurahan with their names decrypted by the server's city key.

Counts come from ``match_count`` (no personal value) and are cached like every figure. Names are
read and decrypted on each run of an editor's page and never cached: st.cache_data would keep them
in the process's memory for every session, a viewer's too.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import streamlit as st

from uhc import figures, i18n
from uhc.core import campaign as core_campaign
from uhc.core import gap, visit_counts
from uhc.intake import results
from uhc.intake.people.table import PeopleError
from uhc.output import visit_lists
from uhc.store import campaign as stored_results
from uhc.store import keys, people
from uhc.store.auth import User
from uhc.ui.connection import cursor, notice, write
from uhc.ui.session import current_user

# Where a session keeps the ZIP it made (run, kelurahan, bytes): in that session's memory only, until
# it makes another or ends; never in st.cache_data, which every session shares.
LISTS_STATE = "visits_lists_zip"


@dataclass(frozen=True)
class Run:
    """A stored match run as the page names it."""

    run_id: int
    made_at: dt.datetime
    made_by: str
    purged: bool


@st.cache_data(show_spinner=False)
def newest_run(db: str) -> Run | None:
    """The newest stored match run, or None when ``match`` has stored none."""
    with cursor(db) as store:
        runs = store.run("match_run")
    if runs.is_empty():
        return None
    row = runs.row(0, named=True)
    return Run(int(row["run_id"]), row["made_at"], str(row["made_by"]), row["purged_at"] is not None)


@st.cache_data(show_spinner=False)
def run_counts(db: str, run_id: int, city_code: str) -> pl.DataFrame:
    """The run's stored counts (match_count rows) of the city's kelurahan."""
    with cursor(db) as store:
        counts = store.run("match_count_of_run", run_id=run_id)
    return counts.filter(pl.col("kemendagri_code").str.starts_with(city_code + "."))


@st.cache_data(show_spinner=False)
def kelurahan_names(db: str, city_code: str) -> dict[str, str]:
    """The city's kelurahan, code -> name, in code order."""
    with cursor(db) as store:
        frame = store.run("region_name", scope_code=city_code + ".", level="kelurahan")
    return dict(zip(frame["kemendagri_code"], frame["name"], strict=True))


def visits_per_kelurahan(db: str, city_code: str) -> pl.DataFrame:
    """Residents to visit per kelurahan of the city in the newest stored run (kemendagri_code, to_visit);
    empty without a run. The Peta page's layer."""
    run = newest_run(db)
    if run is None:
        return pl.DataFrame(schema={"kemendagri_code": pl.String, "to_visit": pl.Int64})
    return visit_counts.area_counts(run_counts(db, run.run_id, city_code), "kelurahan").select(
        "kemendagri_code", "to_visit"
    )


@dataclass(frozen=True)
class KeyState:
    """The server's city key for an editor's names, or why there is none (a message key and its values)."""

    key: keys.CityKey | None
    problem: str | None = None
    values: tuple[tuple[str, str], ...] = ()

    def text(self, language: str) -> str:
        return i18n.text(self.problem or "", language, **dict(self.values))


def server_key(db: str) -> KeyState:
    """The city key this server decrypts names with ($UHC_KEY_FILE, the demo key beside the store, or
    the user's config folder), checked against the key the store is bound to."""
    path = keys.server_key_path(Path(db))
    if path is None:
        return KeyState(None, i18n.N_("visits_no_key"), (("variable", keys.KEY_FILE_ENV),))
    try:
        key = keys.load_key(path)
        with cursor(db) as store:
            keys.check_key(store, key)
    except keys.CityKeyError as refused:
        return KeyState(None, refused.key, tuple((name, str(value)) for name, value in refused.params.items()))
    return KeyState(key)


def editor() -> User | None:
    """The logged-in editor or admin of this session; None for a viewer."""
    return current_user()


def named_persons(db: str, run: Run, kemendagri_code: str, key: keys.CityKey) -> pl.DataFrame:
    """The persons of the run in one kelurahan with their ``group`` and decrypted ``name``
    (visit_counts.person_rows). Only for an editor: the caller checks the login."""
    if current_user() is None:
        raise PermissionError("names are shown to a logged-in editor only")
    with cursor(db) as store:
        persons = store.run("match_person_of_area", run_id=run.run_id, kemendagri_code=kemendagri_code)
        grouped = visit_counts.person_rows(persons.with_columns(name=pl.lit(None, dtype=pl.String)))
        named = people.names_of(store, key, grouped.select("side", "batch_id", "source_row").unique())
    return visit_counts.person_rows(
        persons.with_columns(pl.col("batch_id").cast(pl.Int32), pl.col("source_row").cast(pl.Int32)).join(
            named, on=["side", "batch_id", "source_row"], how="left"
        )
    )


def results_report(db: str, data: bytes, file_name: str, language: str) -> results.ResultsReport | str:
    """A filled sheet checked against the store (uhc.intake.results), nothing written; or, for a file
    that cannot be read as a sheet at all, the one line saying why, in ``language``."""
    try:
        with cursor(db) as store:
            return results.check_in(store, data, file_name, language)
    except PeopleError as refused:
        return refused.text(language)


def save_results(report: results.ResultsReport) -> None:
    """The upload's Simpan callback: the sheet's new results as one revision, by the logged-in editor."""
    user = current_user()
    if user is None:
        raise PermissionError("storing results needs an editor login")
    batch = write(
        lambda store: stored_results.save_results(
            store, report.rows, file_name=report.file_name, sha256=report.sha256, user=user.name
        )
    )
    language = report.language
    if batch is None:
        notice("success", i18n.text("results_nothing_new", language, file=report.file_name))
    else:
        notice("success", i18n.text("visits_results_saved", language, batch=batch, count=report.new_rows.height))


def progress_of_kelurahan(db: str, run: Run, kemendagri_code: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The campaign's progress in one kelurahan of the run, per RT and per cadre team (campaign.progress):
    counts only, from the persons' pseudonymous references and the results in force."""
    with cursor(db) as store:
        persons = store.run("match_person_of_area", run_id=run.run_id, kemendagri_code=kemendagri_code)
        in_force = stored_results.results_in_force(store)
    found = in_force.filter((pl.col("run_id") == run.run_id) & (pl.col("kemendagri_code") == kemendagri_code))
    listed = visit_counts.listed_persons(persons)
    by_rt = core_campaign.progress(found, listed, "rt").drop("kemendagri_code", "visited_pct")
    by_cadre = core_campaign.progress(found, listed, "cadre").drop("persons", "not_visited", "visited_pct")
    return by_rt, by_cadre


def make_lists(key: keys.CityKey, run: Run, kemendagri_code: str, cadre_key: str, language: str) -> None:
    """The "Buat daftar" callback: the kelurahan's RT lists as a ZIP (uhc.output.visit_lists), recorded in the
    audit by the logged-in editor, kept in this session for its download button."""
    user = current_user()
    if user is None:
        raise PermissionError("the lists name people: an editor login is needed")
    made = write(
        lambda store: visit_lists.kelurahan_zip_in(
            store,
            key,
            kemendagri_code,
            run_id=run.run_id,
            cadre=str(st.session_state.get(cadre_key) or "").strip() or None,
            made_on=dt.date.today(),
            lang=language,
            user=user.name,
        )
    )
    if made is not None:
        st.session_state[LISTS_STATE] = (run.run_id, kemendagri_code, made)


def made_lists(run: Run, kemendagri_code: str) -> bytes | None:
    """The ZIP this session made for the kelurahan of the run, if any (it is dropped on another choice)."""
    kept = st.session_state.get(LISTS_STATE)
    if kept is None or kept[:2] != (run.run_id, kemendagri_code):
        return None
    return kept[2]


def gap_with_campaign(db: str, period: dt.date, city_code: str, kemendagri_code: str) -> pl.DataFrame | None:
    """The city, the kelurahan's kecamatan and the kelurahan in ``period`` with the campaign's enrolments the
    recap cannot hold yet (campaign.gap_with_campaign); None when the month has no figures for them."""
    kecamatan_code = kemendagri_code.rsplit(".", 1)[0]
    try:
        with cursor(db) as store:
            rows = pl.concat(
                [
                    gap.gap_for_period(store, period, "kota", city_code),
                    gap.gap_for_period(store, period, "kecamatan", city_code).filter(
                        pl.col("kemendagri_code") == kecamatan_code
                    ),
                    gap.gap_for_period(store, period, "kelurahan", city_code).filter(
                        pl.col("kemendagri_code") == kemendagri_code
                    ),
                ],
                how="diagonal_relaxed",
            )
            in_force = stored_results.results_in_force(store)
    except gap.NoData:
        return None
    covered = [result.code for result in core_campaign.RESULTS if result.covered]
    return core_campaign.gap_with_campaign(rows, in_force.filter(pl.col("result").is_in(covered)))


# The form for one person's result: its boxes' keys.
ONE_RESULT_KEYS = ("visits_one_ref", "visits_one_result", "visits_one_segment", "visits_one_date", "visits_one_cadre")


def record_typed(db: str, language: str) -> None:
    """The one-person form's Simpan callback: the typed result as a one-row sheet, checked and stored exactly
    as an uploaded sheet is (so its checks and its revision are the same); a refusal is kept as the notice."""
    ref, number, segment_code, day, cadre = (st.session_state.get(key) for key in ONE_RESULT_KEYS)
    segment_word = figures.segment(segment_code).spellings[0] if segment_code else ""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    headings = {field: heading for field, heading, _ in core_campaign.SHEET_COLUMNS}
    writer.writerow([headings[field] for field in ("ref", "result", "segment", "result_date", "cadre")])
    writer.writerow([str(ref or "").strip(), number, segment_word, f"{day:%d-%m-%Y}" if day else "", cadre or ""])
    name = i18n.text("visits_one_source", language)
    report = results_report(db, out.getvalue().encode("utf-8"), name, language)
    if isinstance(report, str):
        notice("error", report)
    elif not report.ok:
        notice("error", " ".join(report.messages(language)))
    else:
        save_results(report)
