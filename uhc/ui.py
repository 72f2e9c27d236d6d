"""The only Streamlit importer in uhc/: the cached store, cached accessors, the shared sidebar, writes.

Pages call these and render; nothing here computes figures (that is metrics.py via gap.py).

Reading and writing: the dashboard reads through one read-only connection per process, so the
command line can read the store while the dashboard runs. DuckDB lets a file be open read-write
by one process only, and not read-only and read-write at once in the same process, so
:func:`write` takes a process-wide lock that every read shares, closes the read-only connection,
writes through a read-write one, closes it again, and clears the cached figures.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

import geopandas as gpd
import plotly.graph_objects as go
import polars as pl
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from uhc import i18n
from uhc.core import gap, metrics
from uhc.intake import imports, ingest
from uhc.output import briefing, charts, export, maps, report
from uhc.paths import store_path
from uhc.store import auth
from uhc.store.db import Store, StoreBusy, StoreError, StoreMissing
from uhc.store.regions import CODE_LENGTH

_CONTEXT_KEY = "uhc_context"
_PERIOD_KEY = "uhc_period"
_KECAMATAN_KEY = "uhc_kecamatan"
_URL_READ_KEY = "uhc_url_read"
_NOTICES_KEY = "uhc_notices"  # what the sidebar found to tell about the chosen month, shown by the page
_USER_KEY = "uhc_user"
T = TypeVar("T")
# The query string a planner can send to a colleague: ?lang=en&kota=61.71&bulan=2025-06&kecamatan=61.71.04
URL_LANGUAGE, URL_CITY, URL_MONTH, URL_KECAMATAN = "lang", "kota", "bulan", "kecamatan"


def period_widget_key(language: str) -> str:
    """Widget key of the sidebar's month box in ``language`` (period_id, period_en)."""
    return f"period_{language}"


class _ReadersWriterLock:
    """Many readers at once, or one writer alone. A waiting writer holds back new readers, except a
    thread that already reads (so a read inside a read cannot wait for the writer it blocks)."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0
        self._depth = threading.local()

    @contextmanager
    def shared(self) -> Iterator[None]:
        depth = getattr(self._depth, "value", 0)
        with self._changed:
            while self._writing or (self._writers_waiting and depth == 0):
                self._changed.wait()
            self._readers += 1
        self._depth.value = depth + 1
        try:
            yield
        finally:
            self._depth.value = depth
            with self._changed:
                self._readers -= 1
                self._changed.notify_all()

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        if getattr(self._depth, "value", 0):
            raise RuntimeError("a write cannot start inside a read of the same thread")
        with self._changed:
            self._writers_waiting += 1
            try:
                while self._writing or self._readers:
                    self._changed.wait()
            finally:
                self._writers_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._changed:
                self._writing = False
                self._changed.notify_all()


_STORE_LOCK = _ReadersWriterLock()


@st.cache_resource(show_spinner=False, on_release=Store.close)
def _store(db: str) -> Store:
    """One read-only connection per process and store file; sessions use cursors of it."""
    return Store.open(db, read_only=True)


@contextmanager
def _cursor(db: str) -> Iterator[Store]:
    """A cursor of the shared connection for one read, closed after it; a write waits for it."""
    with _STORE_LOCK.shared(), _store(db).cursor() as cursor:
        yield cursor


def _write_store(fn: Callable[[Store], T], db: str, changes_figures: bool) -> T:
    """Run ``fn`` on the store opened read-write while every read waits; StoreBusy when it cannot open."""
    with _STORE_LOCK.exclusive():
        _store.clear()  # closes this process's read-only connection (on_release)
        with Store.open(db, migrate=False) as store:
            result = fn(store)
        if changes_figures:  # before any read resumes: no page may cache the old figures again
            st.cache_data.clear()
    return result


def write(fn: Callable[[Store], T], *, db: str | None = None) -> T | None:
    """Run ``fn(store)`` on the store opened read-write for the logged-in editor; its result.

    ``fn`` writes inside ``store.transaction()``; reads of every session wait meanwhile, and every
    page's cached figures are dropped afterwards. When another program has the file open, nothing
    changes, the result is None and a message naming that program and what to do is kept for
    :func:`show_notice`. Exceptions of ``fn`` propagate (its transaction has rolled back).
    Without a login, PermissionError. Call it from a button's on_click callback: the page then
    draws the outcome in the same run.
    """
    if current_user() is None:
        raise PermissionError("writing to the store needs an editor login")
    try:
        return _write_store(fn, db or str(store_path()), changes_figures=True)
    except StoreBusy as busy:
        _notice("error", busy_message(busy, language()))
        return None


def _notice(kind: str, message: str) -> None:
    st.session_state[_NOTICE_KEY] = (kind, message)


def show_notice() -> None:
    """The outcome of the last write (saved, or why not), once."""
    kind, message = st.session_state.pop(_NOTICE_KEY, (None, None))
    if kind == "success":
        st.success(message, icon=":material/check_circle:")
    elif kind == "error":
        st.error(message, icon=":material/error:")


def busy_message(busy: StoreBusy, lang: str) -> str:
    """What to tell the user when the store cannot be opened for writing: who holds it, what to do."""
    holder = {"dashboard": i18n.N_("data_busy_dashboard"), "cli": i18n.N_("data_busy_cli")}.get(
        busy.holder_kind, i18n.N_("data_busy_other")
    )
    pid = "?" if busy.holder_pid is None else str(busy.holder_pid)
    return i18n.text("data_store_busy", lang, holder=i18n.text(holder, lang, pid=pid))


# -- login -------------------------------------------------------------------------------------

_LOGIN_OUTCOME_KEY = "uhc_login_outcome"


def current_user() -> auth.User | None:
    """The user logged in in this browser session, if any."""
    return st.session_state.get(_USER_KEY)


def _log_in() -> None:
    """The login form's callback: check the name and password, keep the outcome for the form to show."""
    name = st.session_state.get("login_user", "")
    password = st.session_state.get("login_password", "")
    st.session_state["login_password"] = ""  # the password is not kept past this check
    try:
        user = _write_store(lambda store: auth.login(store, name, password), str(store_path()), changes_figures=False)
    except auth.LoginRefused as refused:
        st.session_state[_LOGIN_OUTCOME_KEY] = refused
        return
    except StoreBusy as busy:
        st.session_state[_LOGIN_OUTCOME_KEY] = busy
        return
    st.session_state[_USER_KEY] = user
    st.session_state.pop(_LOGIN_OUTCOME_KEY, None)


def _log_out() -> None:
    st.session_state.pop(_USER_KEY, None)


def login_or_stop() -> auth.User:
    """The logged-in user; otherwise a login form, and the page stops there."""
    user = current_user()
    if user is not None:
        return user
    lang = language()
    st.subheader(i18n.text("login_heading", lang))
    st.caption(i18n.text("login_intro", lang))
    outcome = st.session_state.pop(_LOGIN_OUTCOME_KEY, None)
    if isinstance(outcome, auth.LoginRefused):
        wait = i18n.wait(outcome.wait_s, lang)
        if outcome.reason == "wait":
            st.error(i18n.text("login_wait", lang, wait=wait), icon=":material/hourglass_top:")
        elif outcome.wait_s:
            st.error(i18n.text("login_wrong_wait", lang, wait=wait), icon=":material/error:")
        else:
            st.error(i18n.text("login_wrong", lang), icon=":material/error:")
    elif isinstance(outcome, StoreBusy):
        st.error(busy_message(outcome, lang), icon=":material/error:")
    with st.form("login", border=True, width=420):
        st.text_input(i18n.text("login_user", lang), key="login_user", autocomplete="username")
        st.text_input(
            i18n.text("login_password", lang), type="password", key="login_password", autocomplete="current-password"
        )
        st.form_submit_button(i18n.text("login_submit", lang), key="login_submit", type="primary", on_click=_log_in)
    st.caption(i18n.text("login_no_account", lang))
    st.stop()


def _account() -> None:
    """Who is logged in, and a logout button, in the sidebar (nothing when nobody is)."""
    user = current_user()
    if user is None:
        return
    lang = language()
    role = {"editor": i18n.N_("login_role_editor"), "admin": i18n.N_("login_role_admin")}[user.role]
    st.sidebar.caption(i18n.text("login_as", lang, user=user.name, role=i18n.text(role, lang)))
    st.sidebar.button(i18n.text("login_logout", lang), key="logout", on_click=_log_out, icon=":material/logout:")


# -- the Data page's reads -----------------------------------------------------------------------

UPLOAD_TYPES = {
    "coverage": ["csv", "txt", "xlsx", "xls", "ods"],
    "population": ["csv", "txt", "xlsx", "xls", "ods"],
    "boundaries": ["geojson", "json", "zip", "gpkg", "fgb", "kml"],
}
_NOTICE_KEY = "uhc_data_notice"
_UPLOAD_ROUND_KEY = "uhc_upload_round"


@dataclass(frozen=True)
class ImportTarget:
    """Where the Data page imports to: the store file and a kab/kota in its region tree."""

    db: str
    city_code: str
    city_name: str
    has_figures: bool  # False: the store holds the city's regions but no coverage figures yet


@st.cache_data(show_spinner=False)
def region_cities(db: str) -> dict[str, str]:
    """The kab/kota of the store's region tree, code -> name (with or without figures)."""
    with _cursor(db) as store:
        frame = store.run("region", scope_code="", level="kota")
    return dict(zip(frame["kemendagri_code"], frame["name"], strict=True))


def import_target_or_stop() -> ImportTarget:
    """The kab/kota to import into: the sidebar's city, else one of the store's region tree (chosen
    in the sidebar). Without a store or a region tree it says how to get one, and the page stops."""
    _leave_legacy_pages_mode()
    db = str(store_path())
    context = st.session_state.get(_CONTEXT_KEY)
    if context is not None:
        return ImportTarget(db, context.city_code, context.city_name, has_figures=True)
    try:
        names = region_cities(db)
    except StoreError:  # no store file yet
        names = {}
    if not names:
        st.info(i18n.text("empty_store", language()))
        st.stop()
    code = st.sidebar.selectbox(
        i18n.text("data_city", language()), list(names), format_func=lambda c: f"{names[c]} ({c})", key="data_city"
    )
    return ImportTarget(db, code, names[code], has_figures=False)


def upload_limit_mb() -> int:
    """The largest upload the server takes, in MB (server.maxUploadSize in .streamlit/config.toml)."""
    return int(st.get_option("server.maxUploadSize"))


def upload_key(kind: str) -> str:
    """The uploader's key for ``kind``; a new one after each save, so the saved file is cleared."""
    return f"data_upload_{kind}_{st.session_state.get(_UPLOAD_ROUND_KEY, 0)}"


def uploaded_bytes(upload) -> bytes | None:
    """The uploaded file's content; None (with an error naming the limit) when it is above the limit."""
    if upload is None:
        return None
    limit_mb = upload_limit_mb()
    if upload.size > limit_mb * 1024 * 1024:  # Streamlit's MB are 1024 x 1024 bytes
        size = i18n.decimal(upload.size / (1024 * 1024), language(), 1)
        st.error(
            i18n.text("data_too_large", language(), file=upload.name, size=size, limit=limit_mb),
            icon=":material/error:",
        )
        return None
    return upload.getvalue()


@st.cache_data(show_spinner=False, max_entries=8)
def parsed_file(
    data: bytes,
    file_name: str,
    kind: str,
    sheet: str | None,
    mapping: tuple[tuple[str, str], ...],
    period: dt.date | None,
) -> ingest.Parsed:
    """The reader's result for an uploaded file (cached: reruns do not read it again).

    Read in a child process with a memory limit: a hostile workbook ends that process, not the server.
    """
    from uhc.intake import reader_process

    return reader_process.read_file(data, file_name, kind, sheet=sheet, mapping=dict(mapping) or None, period=period)


@st.cache_data(show_spinner=False, max_entries=4)
def checked_import(
    db: str, _parsed: ingest.Parsed, parsed_key: tuple, city_code: str, period: dt.date | None, as_of: dt.date | None
) -> imports.Checked:
    """The importer's check of a parsed file against the store; ``parsed_key`` identifies ``_parsed``."""
    with _cursor(db) as store:
        return imports.check(store, _parsed, city_code=city_code, period=period, as_of=as_of)


def parsed_key(parsed: ingest.Parsed) -> tuple:
    """What identifies a reading of a file, for caching its check."""
    return (parsed.sha256, parsed.kind, parsed.sheet, tuple(sorted(parsed.columns.items())), parsed.rows.height)


@st.cache_data(show_spinner=False, max_entries=4)
def checked_boundaries(db: str, data: bytes, file_name: str, city_code: str, level: str | None):
    """The boundary file read and matched to the city's regions (geo.BoundaryCheck); BoundaryError as raised."""
    from uhc.intake import geo  # geometry libraries load only when boundaries are imported

    with _cursor(db) as store:
        regions = store.run("region_tree", scope_code="")
    return geo.read_boundaries(data, file_name, regions, city=city_code, level=level)


@st.cache_data(show_spinner=False, max_entries=4)
def sheet_names(data: bytes) -> tuple[str, ...]:
    """The sheets of an uploaded workbook (none for CSV), read in a child process like the file itself."""
    from uhc.intake import reader_process

    return reader_process.sheets(data)


def latest_month(target: ImportTarget) -> dt.date | None:
    """The latest month with figures for the import's city, None without any."""
    found = months(target.db, target.city_code)
    return max(found) if found else None


def import_check_or_stop(
    target: ImportTarget, parsed: ingest.Parsed, period: dt.date | None, as_of: dt.date | None
) -> imports.Checked:
    """The importer's check of ``parsed`` for the target city; a refusal is shown and the page stops."""
    try:
        return checked_import(target.db, parsed, parsed_key(parsed), target.city_code, period, as_of)
    except imports.ImportRefused as refused:
        st.error(refused.text(language()), icon=":material/error:")
        st.stop()


def _saved(message: str) -> None:
    """A write succeeded: say so, and clear the uploader (its key changes) so the file is not saved twice."""
    _notice("success", message)
    st.session_state[_UPLOAD_ROUND_KEY] = st.session_state.get(_UPLOAD_ROUND_KEY, 0) + 1


def save_import(checked: imports.Checked) -> None:
    """The Save button's callback: commit a checked file as the logged-in user."""
    user = current_user()
    try:
        batch = write(lambda store: imports.commit(store, checked, user=user.name))
    except imports.ImportRefused:
        _notice("error", i18n.text("data_changed_since_check", language(), city=checked.city_name))
        return
    if batch is not None:
        _saved(i18n.text("data_saved", language(), batch=batch.batch_id))


def restore(batch_id: int) -> None:
    """A Restore button's callback: make batch ``batch_id``'s figures current again as the logged-in user."""
    user = current_user()
    try:
        batch = write(lambda store: imports.restore(store, batch_id, user=user.name))
    except imports.RestoreRefused as refused:
        _notice("error", refused.text(language()))
        return
    if batch is not None:
        _saved(i18n.text("import_restored", language(), batch=batch_id, new=batch.batch_id))


def boundary_check_or_stop(target: ImportTarget, data: bytes, file_name: str, level: str | None):
    """The boundary file checked for the target city (geo.BoundaryCheck); why it cannot be used, and stop."""
    from uhc.intake import geo

    try:
        return checked_boundaries(target.db, data, file_name, target.city_code, level)
    except geo.BoundaryError as error:
        st.error(error.text(language()), icon=":material/error:")
        st.stop()


def save_boundaries(checked, skip_bad_features: bool) -> None:
    """The Save button's callback for boundaries (a geo.BoundaryCheck) as the logged-in user."""
    from uhc.intake import geo

    user = current_user()
    try:
        batch_id = write(
            lambda store: geo.commit_boundaries(store, checked, user=user.name, skip_bad_features=skip_bad_features)
        )
    except geo.BoundaryError as error:
        _notice("error", error.text(language()))
        return
    if batch_id is not None:
        _saved(i18n.text("data_saved", language(), batch=batch_id))


@st.cache_data(show_spinner=False)
def import_history(db: str, city_code: str, lang: str) -> pl.DataFrame:
    """The import history of the city (imports.history without its report dicts), newest first."""
    with _cursor(db) as store:
        return imports.history(store, city_code, lang).drop("report")


@st.cache_data(show_spinner=False)
def cities(db: str) -> pl.DataFrame:
    """Kab/kota that have coverage data: kemendagri_code, name, first/last period, months."""
    with _cursor(db) as store:
        return store.run("city_with_data")


@st.cache_data(show_spinner=False)
def months(db: str, scope_code: str) -> list[dt.date]:
    """Months with coverage data under ``scope_code``."""
    with _cursor(db) as store:
        return gap.months_with_data(store, scope_code)


@st.cache_data(show_spinner=False)
def gap_rows(db: str, period: dt.date, level: str, scope_code: str, target_pct: float | None = None) -> pl.DataFrame:
    """The gap engine's rows for one month at ``level`` under ``scope_code``."""
    with _cursor(db) as store:
        return gap.gap_for_period(store, period, level, scope_code, target_pct)


def city_rows(db: str, period: dt.date, city_code: str) -> tuple[dict, dict | None, dict | None]:
    """The city's gap row for ``period``, and for the month before and a year before (None without data)."""

    def row(month: dt.date) -> dict | None:
        try:
            return gap_rows(db, month, "kota", city_code).row(0, named=True)
        except gap.NoData:
            return None

    _, month_before, year_before = metrics.months_for_changes(period)
    return gap_rows(db, period, "kota", city_code).row(0, named=True), row(month_before), row(year_before)


@st.cache_data(show_spinner=False)
def segment_rows(db: str, period: dt.date, level: str, scope_code: str) -> pl.DataFrame:
    """Registered and active participants per segment for one month at ``level`` under ``scope_code``."""
    with _cursor(db) as store:
        return store.run(
            "segments_by_region_month", code_length=CODE_LENGTH[level], scope_code=scope_code, periods=[period]
        )


@st.cache_data(show_spinner=False)
def pbi_quota(db: str, kemendagri_code: str, year: int) -> pl.DataFrame:
    """The PBI quotas stored for a region and year: segment, quota (people), source."""
    with _cursor(db) as store:
        return store.run("pbi_quota", kemendagri_code=kemendagri_code, year=year)


@st.cache_data(show_spinner=False)
def kelurahan_without_coverage(db: str, period: dt.date, city_code: str) -> pl.DataFrame:
    """The city's kelurahan that month's snapshots leave out (kemendagri_code, name)."""
    with _cursor(db) as store:
        return store.run("kelurahan_without_coverage", scope_code=city_code + ".", period=period)


@st.cache_data(show_spinner=False)
def settings(db: str) -> dict[str, str]:
    """Store-wide settings as a dict."""
    with _cursor(db) as store:
        return dict(store.run("setting").iter_rows())


@st.cache_data(show_spinner=False)
def kecamatan_names(db: str, city_code: str) -> dict[str, str]:
    """The city's kecamatan, code -> name, in code order."""
    with _cursor(db) as store:
        frame = store.run("region_name", scope_code=city_code + ".", level="kecamatan")
    return dict(zip(frame["kemendagri_code"], frame["name"], strict=True))


@st.cache_data(show_spinner=False)
def _all_months(db: str, level: str, scope_code: str) -> pl.DataFrame:
    with _cursor(db) as store:
        return gap.gap_all_months(store, level, scope_code)


def trend_rows(db: str, level: str, scope_code: str, until: dt.date) -> pl.DataFrame:
    """The gap engine's rows of every month up to ``until`` at ``level`` under ``scope_code``, oldest first."""
    return _all_months(db, level, scope_code).filter(pl.col("period") <= until)


@st.cache_data(show_spinner=False)
def _segments_all_months(db: str, level: str, scope_code: str) -> pl.DataFrame:
    with _cursor(db) as store:
        return store.run(
            "segments_by_region_month", code_length=CODE_LENGTH[level], scope_code=scope_code, periods=None
        )


def segment_trend_rows(db: str, level: str, scope_code: str, until: dt.date) -> pl.DataFrame:
    """Registered and active participants by segment, every month up to ``until``, oldest first."""
    return _segments_all_months(db, level, scope_code).filter(pl.col("period") <= until)


@dataclass(frozen=True)
class Context:
    """What the sidebar chose: shared by every page."""

    db: str
    language: str
    city_code: str
    city_name: str
    period: dt.date
    is_demo: bool
    kecamatan_code: str | None = None  # the kecamatan chosen on the map or the trends page
    kecamatan_name: str | None = None


def language() -> str:
    """The language chosen in the sidebar (Bahasa Indonesia by default)."""
    return st.session_state.get("language", i18n.DEFAULT_LANGUAGE)


def set_kecamatan(context: Context, kemendagri_code: str | None) -> Context:
    """Choose a kecamatan of the city (None: the whole city) for every page and the link; the new context."""
    names = kecamatan_names(context.db, context.city_code)
    if kemendagri_code not in names:
        kemendagri_code = None
    st.session_state[_KECAMATAN_KEY] = kemendagri_code
    context = dataclasses.replace(context, kecamatan_code=kemendagri_code, kecamatan_name=names.get(kemendagri_code))
    st.session_state[_CONTEXT_KEY] = context
    _write_url(context)
    return context


# Kelurahan named in the "month incomplete" warning; the rest are counted.
_MISSING_NAMES_SHOWN = 5


def _incomplete_month(context: Context) -> list[str]:
    """A notice when the month leaves out kelurahan: kecamatan and city figures add up only the rows present."""
    missing = kelurahan_without_coverage(context.db, context.period, context.city_code)
    if missing.height == 0:
        return []
    names = missing["name"].head(_MISSING_NAMES_SHOWN).to_list()
    return [
        i18n.plural(
            "month_incomplete",
            missing.height,
            context.language,
            period=i18n.month(context.period, context.language),
            missing=i18n.number(missing.height, context.language),
            expected=i18n.number(kelurahan_count(context.db, context.city_code), context.language),
            names=", ".join(names) + (", ..." if missing.height > len(names) else ""),
        )
    ]


@st.cache_data(show_spinner=False)
def kelurahan_count(db: str, city_code: str) -> int:
    """How many kelurahan/desa the city has in the region tree."""
    with _cursor(db) as store:
        return store.run("region_name", scope_code=city_code + ".", level="kelurahan").height


def kecamatan_box(context: Context, label: str, none_label: str, key: str) -> Context:
    """A box to choose one of the city's kecamatan or none; the choice goes to every page and the link.

    Opens at the kecamatan already chosen (on another page or in the link). Give each language
    its own ``key``: a box keeps showing the option text it was first drawn with.
    """
    names = kecamatan_names(context.db, context.city_code)
    options = [None, *names]
    chosen = st.selectbox(
        label,
        options,
        index=options.index(context.kecamatan_code) if context.kecamatan_code in options else 0,
        format_func=lambda code: none_label if code is None else names[code],
        key=key,
    )
    if chosen != context.kecamatan_code:
        context = set_kecamatan(context, chosen)
    return context


def _month_from_url(text: str) -> dt.date | None:
    try:
        return gap.parse_period(text)
    except ValueError:
        return None


def _read_url_once() -> None:
    """At a session's first run, take language, city, month and kecamatan from the link it was opened with.

    Only once: afterwards the widgets lead and the link follows them (see _write_url), so a later
    run cannot undo what the user just chose. Values the store does not have are ignored below.
    """
    if st.session_state.get(_URL_READ_KEY):
        return
    st.session_state[_URL_READ_KEY] = True
    params = st.query_params
    if params.get(URL_LANGUAGE) in i18n.LANGUAGES:
        st.session_state["language"] = params[URL_LANGUAGE]
    if URL_CITY in params:
        st.session_state["city"] = params[URL_CITY]
    if URL_MONTH in params and (month := _month_from_url(params[URL_MONTH])) is not None:
        st.session_state[_PERIOD_KEY] = month
    if URL_KECAMATAN in params:
        st.session_state[_KECAMATAN_KEY] = params[URL_KECAMATAN]


def _write_url(context: Context) -> None:
    """Keep the address bar's query string equal to what is shown, on every page."""
    wanted = {
        URL_LANGUAGE: context.language,
        URL_CITY: context.city_code,
        URL_MONTH: context.period.strftime("%Y-%m"),
    }
    if context.kecamatan_code is not None:
        wanted[URL_KECAMATAN] = context.kecamatan_code
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def sidebar() -> Context | None:
    """Render the shared sidebar (language, city, month); None when there is nothing to show."""
    st.session_state.pop(_CONTEXT_KEY, None)
    _notices = st.session_state.setdefault(_NOTICES_KEY, [])
    _notices.clear()
    _read_url_once()
    st.sidebar.radio(
        i18n.text("language", language()),
        i18n.LANGUAGES,
        format_func=lambda code: {"id": "Bahasa Indonesia", "en": "English"}[code],
        key="language",
        horizontal=True,
    )
    _account()
    lang = language()
    db = str(store_path())
    try:
        available = cities(db)
    except StoreMissing:
        return None
    except StoreError as exc:  # an old schema, a locked or damaged file: say so, never "no data"
        st.error(i18n.text("store_error", lang, reason=str(exc)))
        st.stop()
    if available.height == 0:
        return None
    names = dict(zip(available["kemendagri_code"], available["name"], strict=True))
    if st.session_state.get("city") not in names:
        st.session_state.pop("city", None)  # a link to a city this store does not hold
    if len(names) == 1:  # nothing to choose: the city is named in the sidebar
        city_code = next(iter(names))
        st.session_state["city"] = city_code
        st.sidebar.markdown(f"**{i18n.text('city', lang)}**  \n{names[city_code]} ({city_code})")
    else:
        city_code = st.sidebar.selectbox(
            i18n.text("city", lang), list(names), format_func=lambda code: f"{names[code]} ({code})", key="city"
        )
    options = list(reversed(months(db, city_code)))
    chosen = st.session_state.get(_PERIOD_KEY)
    if chosen is not None and chosen not in options:  # a link's month, or another city's, without data here
        _notices.append(
            i18n.text(
                "period_not_in_store",
                lang,
                city=names[city_code],
                period=i18n.month(chosen, lang),
                shown=i18n.month(options[0], lang),
            )
        )
    # One widget per language: Streamlit's month box keeps showing the label it was first drawn
    # with ("Januari 2026" after a switch to English), so a language gets a box of its own, opened
    # at the month already chosen.
    period = st.sidebar.selectbox(
        i18n.text("period", lang),
        options,
        index=options.index(chosen) if chosen in options else 0,
        format_func=lambda month: i18n.month(month, lang),
        key=period_widget_key(lang),
    )
    st.session_state[_PERIOD_KEY] = period
    kecamatan = kecamatan_names(db, city_code)
    kecamatan_code = st.session_state.get(_KECAMATAN_KEY)
    if kecamatan_code not in kecamatan:  # another city's, or a link's code this city does not have
        kecamatan_code = None
        st.session_state[_KECAMATAN_KEY] = None
    context = Context(
        db=db,
        language=lang,
        city_code=city_code,
        city_name=names[city_code],
        period=period,
        is_demo=settings(db).get("demo_city") == city_code,
        kecamatan_code=kecamatan_code,
        kecamatan_name=kecamatan.get(kecamatan_code),
    )
    st.session_state[_CONTEXT_KEY] = context
    _write_url(context)
    _notices.extend(_incomplete_month(context))
    return context


def figures_table(
    frame: pl.DataFrame, figure_columns: list[str], key: str, widths: dict[str, str | int] | None = None
) -> None:
    """A table of pre-formatted text whose figure columns are right-aligned, as in a report.

    ``widths`` gives columns a width (pixels, or "small", "medium", "large") where content alone would
    cramp them.
    """
    config = {column: st.column_config.TextColumn(alignment="right") for column in figure_columns}
    for column, width in (widths or {}).items():
        config[column] = st.column_config.TextColumn(width=width)
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config, key=key)


def _leave_legacy_pages_mode() -> None:
    """Rerun through dashboard.py when Streamlit ran a page script on its own.

    With a folder named ``pages/`` beside the entry point, Streamlit starts every process in its
    old pages-folder mode and stays there until st.navigation has run once: a link to
    /some-page opened first after a restart would run that page alone, without dashboard.py's
    navigation and sidebar. st.navigation switches the mode off through this same class flag
    (Streamlit 1.67, commands/navigation.py); the tests cover a deep link on a fresh server.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def context_or_stop() -> Context:
    """The sidebar's context for a page; shows how to get data and stops when there is none."""
    _leave_legacy_pages_mode()
    context = st.session_state.get(_CONTEXT_KEY)
    if context is None:
        st.info(i18n.text("empty_store", language()))
        st.stop()
    # Drawn by the page, not the sidebar: what dashboard.py writes to the main area before
    # navigation.run() does not stay on every page.
    for notice in st.session_state.get(_NOTICES_KEY, []):
        st.warning(notice, icon=":material/warning:")
    return context


# -- map page (pages/peta.py) and the overview's small map --


@st.cache_data(show_spinner=False)
def region_shapes(db: str, scope_code: str, level: str) -> gpd.GeoDataFrame:
    """Display polygons of the regions at ``level`` under ``scope_code``; empty when none are stored."""
    with _cursor(db) as store:
        return maps.display_shapes(store.run("region_geometry", scope_code=scope_code, level=level))


def remembered_choice(
    label: str, options: list, key: str, format_func, *, radio: bool = False, help: str | None = None
):
    """A selectbox (or horizontal radio) whose choice, kept under ``key``, survives a language switch.

    Streamlit keeps showing a keyed widget's options as first drawn, so each language gets a
    widget of its own (key ``<key>_<language>``, like the sidebar's month box) opened at the
    choice made in the other.
    """
    remembered = st.session_state.get(key)
    index = options.index(remembered) if remembered in options else 0
    widget_key = f"{key}_{language()}"
    if radio:
        chosen = st.radio(label, options, index, format_func, key=widget_key, help=help, horizontal=True)
    else:
        chosen = st.selectbox(label, options, index, format_func, key=widget_key, help=help)
    st.session_state[key] = chosen
    return chosen


def _choose_period(widget_key: str, lang: str) -> None:
    """Move the shared month, and the sidebar's month box with it, to the slider's month."""
    chosen = st.session_state[widget_key]
    st.session_state[_PERIOD_KEY] = chosen
    st.session_state[period_widget_key(lang)] = chosen


def period_slider(context: Context, key: str) -> None:
    """A slider over the city's months that moves the month of every page (the sidebar shows it at once)."""
    options = months(context.db, context.city_code)
    if len(options) < 2:  # one month: nothing to slide over (the sidebar names it)
        return
    widget_key = f"{key}_{context.language}"
    # The slider follows the month chosen elsewhere (the sidebar, a link) until it is moved itself.
    if st.session_state.get(widget_key) != context.period:
        st.session_state[widget_key] = context.period
    st.select_slider(
        i18n.text("period", context.language),
        options,
        format_func=lambda month: i18n.month(month, context.language),
        key=widget_key,
        on_change=_choose_period,
        args=(widget_key, context.language),
    )


def _pick_kecamatan(context: Context, widget_key: str) -> None:
    set_kecamatan(context, st.session_state[widget_key] or None)


def kecamatan_picker(context: Context, key: str, label: str, whole_city_label: str) -> None:
    """A box of the city's kecamatan (and the whole city) that drills the map down, for keyboard users."""
    names = kecamatan_names(context.db, context.city_code)
    widget_key = f"{key}_{context.language}"
    chosen = context.kecamatan_code or ""  # "" is the whole city: a selectbox shows None as "nothing chosen"
    if st.session_state.get(widget_key) != chosen:  # follows clicks on the map and the breadcrumb
        st.session_state[widget_key] = chosen
    st.selectbox(
        label,
        ["", *names],
        format_func=lambda code: names[code] if code else whole_city_label,
        key=widget_key,
        on_change=_pick_kecamatan,
        args=(context, widget_key),
    )


def back_to_city_button(context: Context, key: str, help: str) -> None:
    """The breadcrumb's first step: a button named after the city that leaves the kecamatan."""
    st.button(context.city_name, key=key, help=help, type="tertiary", on_click=set_kecamatan, args=(context, None))


def _choose_clicked_kecamatan(context: Context, key: str) -> None:
    """The kecamatan of the region clicked on the map (a kelurahan picks its kecamatan)."""
    points = st.session_state[key].selection.points
    if points:
        set_kecamatan(context, maps.kecamatan_code_of(points[0]["location"]))


def region_map(figure: go.Figure, key: str, *, context: Context | None = None, small: bool = False) -> None:
    """Draw a map of uhc.output.maps: with ``context`` a click on a region drills down to its kecamatan.

    The config points Plotly at the project's own topojson (Streamlit's static serving), so the
    browser asks nothing of the internet. A ``small`` map has no toolbar and no scroll zoom.
    """
    config = {**charts.SCREEN_CONFIG, "topojsonURL": maps.TOPOJSON_URL}
    if small:
        config |= {"displayModeBar": False, "scrollZoom": False, "doubleClick": False}
    if context is None:
        st.plotly_chart(figure, key=key, config=config, theme=None)
        return
    st.plotly_chart(
        figure,
        key=key,
        config=config,
        theme=None,
        on_select=lambda: _choose_clicked_kecamatan(context, key),
        selection_mode="points",
    )


# -- press PNGs and the briefing (every chart's "Unduh PNG", pages/ekspor.py) --


@st.cache_data(show_spinner=False, max_entries=16)
def city_month(db: str, city_code: str, period: dt.date) -> report.CityMonth:
    """What the exports of a city and month show (report.load), read once."""
    with _cursor(db) as store:
        return report.load(store, city_code, period)


def branding(context: Context) -> export.Branding:
    """The city, agency and logo the exports are signed with (python -m uhc settings)."""
    return export.Branding.from_settings(settings(context.db), context.city_code, context.city_name, context.is_demo)


def _save_branding(context: Context) -> None:
    """The Save button's callback of branding_form: the city's agency and logo as the logged-in editor."""
    lang = context.language
    upload = st.session_state.get("branding_logo")
    try:
        changes = export.branding_changes(
            st.session_state.get("branding_instansi", ""),
            None if upload is None else upload.getvalue(),
            bool(st.session_state.get("branding_no_logo")),
        )
    except ValueError:
        _notice("error", i18n.text("export_logo_bad", lang, file=upload.name))
        return
    if write(lambda store: report.store_branding(store, context.city_code, changes)) is None:
        return  # the store was busy: write() left a notice naming who holds it
    _notice("success", i18n.text("export_branding_saved", lang, city=context.city_name))


def branding_form(context: Context) -> None:
    """Editors set the city's agency and logo for its exports here; others are told how to log in."""
    lang = context.language
    with st.expander(i18n.text("export_branding_edit", lang), icon=":material/edit:"):
        show_notice()
        if current_user() is None:
            st.caption(i18n.text("export_branding_login", lang))
            return
        current = branding(context)
        if "branding_instansi" not in st.session_state:
            st.session_state["branding_instansi"] = current.instansi or ""
        st.text_input(
            i18n.text("export_instansi", lang),
            placeholder=current.agency(lang),
            help=i18n.text(
                "export_instansi_help", lang, default=i18n.text("export_default_instansi", lang, city=context.city_name)
            ),
            key="branding_instansi",
        )
        st.file_uploader(i18n.text("export_logo", lang), type=["png", "jpg", "jpeg"], key="branding_logo")
        if current.logo_uri:
            st.image(current.logo_uri, width=160)
            st.checkbox(i18n.text("export_logo_remove", lang), key="branding_no_logo")
        st.button(
            i18n.text("export_branding_save", lang),
            type="primary",
            on_click=_save_branding,
            args=(context,),
            key="branding_save",
        )


def size_choice(context: Context, key: str) -> str:
    """The press size, one of export.SIZES, chosen in a radio (1600 x 900 by default)."""
    lang = context.language
    width, height = export.SIZES[export.DEFAULT_SIZE]
    return st.radio(
        i18n.text("export_size", lang),
        list(export.SIZES),
        format_func=lambda size: i18n.text(export.SIZE_KEYS[size], lang),
        help=i18n.text("export_size_help", lang, width=width * export.SCALE, height=height * export.SCALE),
        key=f"{key}_{lang}",
    )


def png_download(
    context: Context,
    figure: go.Figure | Callable[[], go.Figure],
    *,
    title: str,
    region: str,
    rows: pl.DataFrame,
    stem: str,
    key: str,
    scope_code: str | None = None,
    span: bool = False,
) -> None:
    """The "Unduh PNG" button under a chart: a size, then the press picture, made only when clicked.

    ``figure`` may be a function that builds it, so a figure drawn only for the picture (a map with
    labels) costs nothing until the click. ``rows`` are the gap rows the chart draws: they give the
    data vintage and, for a trend (``span``), its first month. ``scope_code`` names the kecamatan
    in the file name when the chart is of one (default: the city).
    """
    lang = context.language
    problem = export.renderer_problem(lang)
    export.warm_up()
    with st.popover(i18n.text("export_download_png", lang), icon=":material/image:", key=f"{key}_popover"):
        if problem:
            st.warning(i18n.text("export_failed", lang, reason=problem))
            return
        size = size_choice(context, key=f"{key}_size")
        frame = {
            "title": title,
            "subtitle": report.subtitle(region, context.period, lang, since=report.first_month(rows) if span else None),
            "branding": branding(context),
            "vintage": report.vintage(rows, context.period),
            "language": lang,
        }
        st.download_button(
            i18n.text("export_download_png", lang),
            data=lambda: export.press_png(figure() if callable(figure) else figure, size, **frame),
            file_name=export.png_file_name(stem, scope_code or context.city_code, context.period, size),
            mime="image/png",
            on_click="ignore",
            icon=":material/download:",
            type="primary",
            key=f"{key}_download",
        )


def trend_chart(
    context: Context, figure: go.Figure, *, key: str, title: str, region: str, rows: pl.DataFrame, stem: str
):
    """A trend chart of the Tren page and its "Unduh PNG" button (a span of months; files named after the region)."""
    st.plotly_chart(figure, theme=None, key=key, config=charts.SCREEN_CONFIG)
    png_download(
        context,
        figure,
        title=title,
        region=region,
        rows=rows,
        stem=stem,
        key=f"{key}_png",
        scope_code=context.kecamatan_code or context.city_code,
        span=True,
    )


@st.cache_data(show_spinner=False, max_entries=32)
def press_preview(db: str, city_code: str, period: dt.date, language: str, size: str, stem: str) -> bytes:
    """One chart of the press set as PNG (the Ekspor page's preview and download)."""
    cm = city_month(db, city_code, period)
    chart = next(c for c in report.press_charts(cm, language) if c.stem == stem)
    return report.press_chart_png(cm, chart, language, size)


def briefing_file(db: str, city_code: str, period: dt.date, language: str, kind: str) -> bytes:
    """The briefing pack of the city and month as PDF or PPTX bytes, made now."""
    brief = briefing.briefing(city_month(db, city_code, period), language, dt.datetime.now())
    return briefing.pptx_bytes(brief) if kind == "pptx" else briefing.pdf_bytes(brief)
