"""The Data page's parts: where to import, the upload, the reader's and the importer's checks, saving."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from uhc import i18n
from uhc.intake import import_report, imports, reader
from uhc.paths import store_path
from uhc.store.db import StoreError
from uhc.ui import sidebar
from uhc.ui.connection import cursor, notice, write
from uhc.ui.reads import months, region_cities
from uhc.ui.session import current_user, language
from uhc.ui.widgets import upload_limit_mb

UPLOAD_TYPES = {
    "coverage": ["csv", "txt", "xlsx", "xls", "ods"],
    "population": ["csv", "txt", "xlsx", "xls", "ods"],
    "boundaries": ["geojson", "json", "zip", "gpkg", "fgb", "kml"],
}
_UPLOAD_ROUND_KEY = "uhc_upload_round"


@dataclass(frozen=True)
class ImportTarget:
    """Where the Data page imports to: the store file and a kab/kota in its region tree."""

    db: str
    city_code: str
    city_name: str
    has_figures: bool  # False: the store holds the city's regions but no coverage figures yet


def import_target_or_stop() -> ImportTarget:
    """The kab/kota to import into: the sidebar's city, else one of the store's region tree (chosen
    in the sidebar). Without a store or a region tree it says how to get one, and the page stops."""
    sidebar.leave_legacy_pages_mode()
    db = str(store_path())
    context = sidebar.chosen_context()
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
            i18n.text(
                "data_too_large", language(), file=import_report.markdown_text(upload.name), size=size, limit=limit_mb
            ),
            icon=":material/error:",
        )
        return None
    return upload.getvalue()


@st.cache_data(show_spinner=False, max_entries=8)
def parsed_file(
    data: bytes,
    file_name: str,
    kind: reader.Kind,
    sheet: str | None,
    mapping: tuple[tuple[str, str], ...],
    period: dt.date | None,
) -> reader.Parsed:
    """The reader's result for an uploaded file (cached: reruns do not read it again).

    Read in a child process with a memory limit: a hostile workbook ends that process, not the server.
    """
    from uhc.intake import reader_process

    return reader_process.read_file(data, file_name, kind, sheet=sheet, mapping=dict(mapping) or None, period=period)


@st.cache_data(show_spinner=False, max_entries=4)
def checked_import(
    db: str, _parsed: reader.Parsed, parsed_key: tuple, city_code: str, period: dt.date | None, as_of: dt.date | None
) -> imports.Checked:
    """The importer's check of a parsed file against the store; ``parsed_key`` identifies ``_parsed``."""
    with cursor(db) as store:
        return imports.check(store, _parsed, city_code=city_code, period=period, as_of=as_of)


def parsed_key(parsed: reader.Parsed) -> tuple:
    """What identifies a reading of a file, for caching its check."""
    return (parsed.sha256, parsed.kind, parsed.sheet, tuple(sorted(parsed.columns.items())), parsed.rows.height)


@st.cache_data(show_spinner=False, max_entries=4)
def checked_boundaries(db: str, data: bytes, file_name: str, city_code: str, level: str | None):
    """The boundary file read and matched to the city's regions (geo.BoundaryCheck); BoundaryError as raised."""
    from uhc.intake import geo  # geometry libraries load only when boundaries are imported

    with cursor(db) as store:
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
    target: ImportTarget, parsed: reader.Parsed, period: dt.date | None, as_of: dt.date | None
) -> imports.Checked:
    """The importer's check of ``parsed`` for the target city; a refusal is shown and the page stops."""
    try:
        return checked_import(target.db, parsed, parsed_key(parsed), target.city_code, period, as_of)
    except imports.ImportRefused as refused:
        st.error(import_report.markdown_text(refused.text(language())), icon=":material/error:")
        st.stop()


def _saved(message: str) -> None:
    """A write succeeded: say so, and clear the uploader (its key changes) so the file is not saved twice."""
    notice("success", message)
    st.session_state[_UPLOAD_ROUND_KEY] = st.session_state.get(_UPLOAD_ROUND_KEY, 0) + 1


def _editor_name() -> str:
    """The logged-in user's name, kept with what a write changes; PermissionError without a login, as in write()."""
    user = current_user()
    if user is None:
        raise PermissionError("writing to the store needs an editor login")
    return user.name


def save_import(checked: imports.Checked) -> None:
    """The Save button's callback: commit a checked file as the logged-in user."""
    user_name = _editor_name()
    try:
        batch = write(lambda store: imports.commit(store, checked, user=user_name))
    except imports.ImportRefused:
        notice("error", i18n.text("data_changed_since_check", language(), city=checked.city_name))
        return
    if batch is None:
        return
    if not checked.periods:  # population only: the month shown stays
        _saved(i18n.text("data_saved", language(), batch=batch.batch_id))
        return
    # Show what was just imported: its city and newest month, on this page and every other.
    newest = max(checked.periods)
    if "city" in st.session_state:
        st.session_state["city"] = checked.city_code
    sidebar.set_period(newest, language())
    _saved(i18n.text("data_saved_month", language(), batch=batch.batch_id, month=i18n.month(newest, language())))


def restore(batch_id: int) -> None:
    """A Restore button's callback: make batch ``batch_id``'s figures current again as the logged-in user."""
    user_name = _editor_name()
    try:
        batch = write(lambda store: imports.restore(store, batch_id, user=user_name))
    except imports.RestoreRefused as refused:
        notice("error", import_report.markdown_text(refused.text(language())))
        return
    if batch is not None:
        _saved(i18n.text("import_restored", language(), batch=batch_id, new=batch.batch_id))


def boundary_check_or_stop(target: ImportTarget, data: bytes, file_name: str, level: str | None):
    """The boundary file checked for the target city (geo.BoundaryCheck); why it cannot be used, and stop."""
    from uhc.intake import geo

    try:
        return checked_boundaries(target.db, data, file_name, target.city_code, level)
    except geo.BoundaryError as error:
        st.error(import_report.markdown_text(error.text(language())), icon=":material/error:")
        st.stop()


def save_boundaries(checked, skip_bad_features: bool) -> None:
    """The Save button's callback for boundaries (a geo.BoundaryCheck) as the logged-in user."""
    from uhc.intake import geo

    user_name = _editor_name()
    try:
        batch_id = write(
            lambda store: geo.commit_boundaries(store, checked, user=user_name, skip_bad_features=skip_bad_features)
        )
    except geo.BoundaryError as error:
        notice("error", import_report.markdown_text(error.text(language())))
        return
    if batch_id is not None:
        _saved(i18n.text("data_saved", language(), batch=batch_id))
