"""The only Streamlit importer in uhc/: the cached store, cached accessors, the shared sidebar.

Pages call these and render; nothing here computes figures (that is metrics.py via gap.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from uhc import gap, i18n
from uhc.paths import store_path
from uhc.regions import CODE_LENGTH
from uhc.store import Store, StoreError, StoreMissing

_CONTEXT_KEY = "uhc_context"
_PERIOD_KEY = "uhc_period"


def period_widget_key(language: str) -> str:
    """Widget key of the sidebar's month box in ``language`` (period_id, period_en)."""
    return f"period_{language}"


@st.cache_resource(show_spinner=False)
def _store(db: str) -> Store:
    """One read-only connection per process and store file; sessions use cursors of it."""
    return Store.open(db, read_only=True)


def _cursor(db: str) -> Store:
    """A cursor of the shared connection for one read; use it in a ``with`` block so it closes."""
    return _store(db).cursor()


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
def settings(db: str) -> dict[str, str]:
    """Store-wide settings as a dict."""
    with _cursor(db) as store:
        return dict(store.run("setting").iter_rows())


@dataclass(frozen=True)
class Context:
    """What the sidebar chose: shared by every page."""

    db: str
    language: str
    city_code: str
    city_name: str
    period: dt.date
    is_demo: bool


def language() -> str:
    """The language chosen in the sidebar (Bahasa Indonesia by default)."""
    return st.session_state.get("language", i18n.DEFAULT_LANGUAGE)


def sidebar() -> Context | None:
    """Render the shared sidebar (language, city, month); None when there is nothing to show."""
    st.session_state.pop(_CONTEXT_KEY, None)
    st.sidebar.radio(
        i18n.text("language", language()),
        i18n.LANGUAGES,
        format_func=lambda code: {"id": "Bahasa Indonesia", "en": "English"}[code],
        key="language",
        horizontal=True,
    )
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
    city_code = st.sidebar.selectbox(
        i18n.text("city", lang), list(names), format_func=lambda code: f"{names[code]} ({code})", key="city"
    )
    options = list(reversed(months(db, city_code)))
    chosen = st.session_state.get(_PERIOD_KEY)
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
    context = Context(
        db=db,
        language=lang,
        city_code=city_code,
        city_name=names[city_code],
        period=period,
        is_demo=settings(db).get("demo_city") == city_code,
    )
    st.session_state[_CONTEXT_KEY] = context
    return context


def figures_table(frame: pl.DataFrame, figure_columns: list[str], key: str) -> None:
    """A table of pre-formatted text whose figure columns are right-aligned, as in a report."""
    config = {column: st.column_config.TextColumn(alignment="right") for column in figure_columns}
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
    return context
