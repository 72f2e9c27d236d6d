"""The Data page's parts: where to import, the upload, the reader's and the importer's checks, saving."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from uhc import i18n
from uhc.core import alerts
from uhc.intake import import_report, imports, reader
from uhc.paths import store_path
from uhc.store.db import StoreError
from uhc.ui import sidebar
from uhc.ui.connection import cursor, notice, write
from uhc.ui.reads import alert_rows, months, region_cities
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
        batch = write(lambda store: imports.commit(store, checked, user=user_name, watch=alerts.raised_in_city))
    except imports.ImportRefused:
        notice("error", i18n.text("data_changed_since_check", language(), city=checked.city_name))
        return
    if batch is None:
        return
    if not checked.periods:  # population only: the month shown stays
        _saved(i18n.text("data_saved", language(), batch=batch.batch_id) + _alert_lines(batch))
        return
    # Show what was just imported: its city and newest month, on this page and every other.
    newest = max(checked.periods)
    if "city" in st.session_state:
        st.session_state["city"] = checked.city_code
    sidebar.set_period(newest, language())
    month = i18n.month(newest, language())
    _saved(i18n.text("data_saved_month", language(), batch=batch.batch_id, month=month) + _alert_lines(batch))


def _alert_lines(batch: imports.Batch) -> str:
    """What an import's or restore's figures crossed, as Markdown to put under the saved message ('' for none)."""
    if not batch.alerts:
        return ""
    lang = language()
    raised = i18n.plural("import_alerts", len(batch.alerts), lang, n=i18n.number(len(batch.alerts), lang))
    lines = [import_report.markdown_text(alerts.alert_sentence(row, lang)) for row in batch.alerts]
    return f"\n\n**{raised}**\n\n" + import_report.as_list(lines)


def restore(batch_id: int) -> None:
    """A Restore button's callback: make batch ``batch_id``'s figures current again as the logged-in user."""
    user_name = _editor_name()
    try:
        batch = write(lambda store: imports.restore(store, batch_id, user=user_name, watch=alerts.raised_in_city))
    except imports.RestoreRefused as refused:
        notice("error", import_report.markdown_text(refused.text(language())))
        return
    if batch is not None:
        _saved(i18n.text("import_restored", language(), batch=batch_id, new=batch.batch_id) + _alert_lines(batch))


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


# The Data page lists the crossings of the last twelve months.
ALERT_MONTHS = 12


def _save_thresholds(target: ImportTarget) -> None:
    """The alert form's Save callback: the thresholds as the logged-in editor typed them."""
    lang = language()
    chosen = alerts.Thresholds(
        coverage_pct=st.session_state.get("alert_coverage") if st.session_state.get("alert_coverage_on") else None,
        activity_pct=st.session_state.get("alert_activity") if st.session_state.get("alert_activity_on") else None,
        fall_pp=st.session_state.get("alert_fall") if st.session_state.get("alert_fall_on") else None,
    )
    if write(lambda store: alerts.store_thresholds(store, chosen)) is None:
        return  # the store was busy: write() left a notice naming who holds it
    notice("success", i18n.text("data_alerts_saved", lang, thresholds=alerts.threshold_sentence(chosen, lang)))


def alerts_part(target: ImportTarget) -> None:
    """The thresholds in force, a form to change them, and the crossings of the last twelve months."""
    lang = language()
    latest = latest_month(target)
    since = None
    if latest is not None:  # the latest month and the eleven before it
        first = latest.year * 12 + latest.month - 1 - (ALERT_MONTHS - 1)
        since = dt.date(first // 12, first % 12 + 1, 1)
    thresholds, found = alert_rows(target.db, target.city_code, since)
    st.caption(alerts.threshold_sentence(thresholds, lang))
    if found.height == 0:
        st.caption(i18n.text("alert_none", lang))
    else:
        st.markdown(
            import_report.as_list(
                [import_report.markdown_text(alerts.alert_sentence(row, lang)) for row in found.iter_rows(named=True)]
            )
        )
    with st.expander(i18n.text("data_alerts_edit", lang), icon=":material/tune:"):
        fields = (
            ("alert_coverage", thresholds.coverage_pct, alerts.DEFAULT_COVERAGE_PCT, i18n.N_("data_alerts_coverage")),
            ("alert_activity", thresholds.activity_pct, alerts.DEFAULT_ACTIVITY_PCT, i18n.N_("data_alerts_activity")),
            ("alert_fall", thresholds.fall_pp, 1.0, i18n.N_("data_alerts_fall")),
        )
        for key, value, default, label_key in fields:
            on, number = st.columns([1, 3], vertical_alignment="bottom")
            on.checkbox(i18n.text("data_alerts_on", lang), value=value is not None, key=f"{key}_on")
            number.number_input(
                i18n.text(label_key, lang),
                min_value=0.1,
                max_value=100.0,
                value=float(value if value is not None else default),
                step=0.5,
                format="%.1f",
                key=key,
            )
        st.button(
            i18n.text("data_alerts_save", lang),
            type="primary",
            on_click=_save_thresholds,
            args=(target,),
            key="alert_save",
        )
