"""Widgets the pages share: report tables, choices that survive a language switch, the map."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from uhc import i18n
from uhc.output import charts, maps
from uhc.ui.reads import kecamatan_names, months
from uhc.ui.session import language
from uhc.ui.sidebar import Context, set_kecamatan, set_period


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
    set_period(st.session_state[widget_key], lang)


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
