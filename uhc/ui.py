"""The only Streamlit importer in uhc/: the cached store, cached accessors, the shared sidebar.

Pages call these and render; nothing here computes figures (that is metrics.py via gap.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import geopandas as gpd
import plotly.graph_objects as go
import polars as pl
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from uhc import charts, gap, i18n, maps, metrics
from uhc.paths import store_path
from uhc.regions import CODE_LENGTH
from uhc.store import Store, StoreError, StoreMissing

_CONTEXT_KEY = "uhc_context"
_PERIOD_KEY = "uhc_period"
_KECAMATAN_KEY = "uhc_kecamatan"
_URL_READ_KEY = "uhc_url_read"
# The query string a planner can send to a colleague: ?lang=en&kota=61.71&bulan=2025-06&kecamatan=61.71.04
URL_LANGUAGE, URL_CITY, URL_MONTH, URL_KECAMATAN = "lang", "kota", "bulan", "kecamatan"


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
    _read_url_once()
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
        st.warning(
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
    """Draw a map of uhc.maps: with ``context`` a click on a region drills down to its kecamatan.

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
