"""Widgets the pages share: report tables, choices that survive a language switch, the map, uploads.

Streamlit 1.67 draws a few texts of its own in English and has no parameter for them: the file
uploader's button, size limit and drop hint, and the "Press Enter to apply" under a text or
number input. file_uploader() and translate_input_hints() draw them in the session's language
with CSS: the English text is hidden (from screen readers too) and the user's drawn in its
place, in the same font. The selectors are Streamlit's test ids (data-testid), which its own
tests rely on; tests/test_browser_data.py reads the drawn texts in a real browser, so a
Streamlit whose markup differs fails there rather than showing English quietly.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from uhc import i18n
from uhc.intake import import_report
from uhc.output import charts, maps
from uhc.ui.reads import kecamatan_names, months
from uhc.ui.session import language
from uhc.ui.sidebar import Context, set_kecamatan, set_period

# A table column's width as st.column_config takes it: a size name or pixels.
ColumnWidth = Literal["small", "medium", "large"] | int


def figures_table(
    frame: pl.DataFrame,
    figure_columns: list[str],
    key: str,
    widths: dict[str, ColumnWidth] | None = None,
    leading: list[str] | None = None,
    highlight_row: int | None = None,
) -> None:
    """A table of pre-formatted text whose figure columns are right-aligned, as in a report.

    ``widths`` gives columns a width (pixels, or "small", "medium", "large") where content alone would
    cramp them. ``leading`` are the headings of the table's key figures: they come right after the
    first column (the region's name, kept in view when the table scrolls), so that a 390 px phone
    shows them without scrolling sideways. Row ``highlight_row`` (0-based) is singled out: bold
    on the highlight background (the region picked in highlight_picker).
    """
    config = {column: st.column_config.TextColumn(alignment="right") for column in figure_columns}
    for column, width in (widths or {}).items():
        config[column] = st.column_config.TextColumn(width=width)
    first = frame.columns[0]
    config[first] = st.column_config.TextColumn(width=(widths or {}).get(first), pinned=True)
    ahead = [column for column in leading or [] if column in frame.columns and column != first]
    order = [first, *ahead, *(column for column in frame.columns[1:] if column not in ahead)]
    shown = frame if highlight_row is None else highlighted(frame, highlight_row)
    st.dataframe(shown, hide_index=True, width="stretch", column_config=config, column_order=order, key=key)


# The background and weight of the picked region's row in a table (a pale yellow that black text reads on).
HIGHLIGHT_ROW_CSS = "background-color: #fff1a8; font-weight: 700"


def highlighted(frame: pl.DataFrame, row: int):
    """``frame`` as a pandas Styler whose row ``row`` has HIGHLIGHT_ROW_CSS (st.dataframe draws its cell styles)."""
    table = frame.to_pandas()
    return table.style.apply(
        lambda line: [HIGHLIGHT_ROW_CSS if line.name == row else ""] * len(line),
        axis=1,
    )


def _highlight_key(level: str) -> str:
    return f"highlight_{level}"


def highlighted_code(level: str) -> str | None:
    """The region of ``level`` picked in highlight_picker (on this page or another), or None."""
    return st.session_state.get(_highlight_key(level))


def _pick_highlight(level: str, widget_key: str) -> None:
    st.session_state[_highlight_key(level)] = st.session_state[widget_key] or None


def highlight_picker(context: Context, names: dict[str, str], *, level: str, key: str) -> str | None:
    """A box to pick one region of ``names`` (code: name) that the map, the table and their PNG single out.

    None is picked at first. The pick is kept per level, so the kecamatan picked on the Peta page
    stands out on the overview too; a region not in ``names`` (another kecamatan's kelurahan) is
    not shown as picked here and gives None.
    """
    lang = context.language
    picked = highlighted_code(level)
    chosen = picked if picked in names else ""  # "" is none: a selectbox shows None as "nothing chosen"
    widget_key = f"{key}_{lang}"
    if st.session_state.get(widget_key) != chosen:  # follows a pick made on another page
        st.session_state[widget_key] = chosen
    st.selectbox(
        i18n.text("highlight_label", lang),
        ["", *names],
        format_func=lambda code: names[code] if code else i18n.text("highlight_none", lang),
        help=i18n.text("highlight_help", lang),
        key=widget_key,
        on_change=_pick_highlight,
        args=(level, widget_key),
    )
    return chosen or None


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
    # Streamlit types on_click as returning None; it drops what the callback returns (set_kecamatan's Context).
    st.button(context.city_name, key=key, help=help, type="tertiary", on_click=set_kecamatan, args=(context, None))  # type: ignore[arg-type]


def _choose_clicked_kecamatan(context: Context, key: str) -> None:
    """The kecamatan of the region clicked on the map (a kelurahan picks its kecamatan)."""
    # a region's point has its code as location; the names written on the map are not regions
    codes = [point["location"] for point in st.session_state[key].selection.points if point.get("location")]
    if codes:
        set_kecamatan(context, maps.kecamatan_code_of(codes[0]))


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


def upload_limit_mb() -> int:
    """The largest upload the server takes, in MB (server.maxUploadSize in .streamlit/config.toml)."""
    return int(st.get_option("server.maxUploadSize"))


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string that is safe inside a <style> element (quotes, <, > and \\ escaped)."""
    safe = "".join(c if c.isalnum() or c in " .,:;-()%/•" else f"\\{ord(c):x} " for c in text)
    return f'"{safe}"'


def _drawn_after(parent: str, child: str, text: str) -> str:
    """CSS hiding ``child`` of ``parent`` and drawing ``text`` after it instead, in the parent's font."""
    return f"{parent} {child} {{display: none}} {parent}::after {{content: {css_string(text)}}}"


def _drawn_inside(element: str, text: str, font_size: str) -> str:
    """CSS shrinking the text of ``element`` to nothing and drawing ``text`` inside it at ``font_size``.

    For an element whose own style (colour, weight) differs from its parent's: it is kept, but its
    size must be given again. Screen readers read ``text`` only (the old text is not visible).
    """
    return (
        f"{element} {{font-size: 0; visibility: hidden}} "
        f"{element}::after {{content: {css_string(text)}; font-size: {font_size}; visibility: visible}}"
    )


def uploader_css(key: str, limit_mb: int, types: list[str], lang: str) -> str:
    """CSS for the uploader with ``key``: its button, limit and types, and drop hint in ``lang``."""
    if not re.fullmatch(r"[A-Za-z0-9_-]+", key):
        raise ValueError(f"an uploader key used in CSS must be letters, digits, _ or -: {key!r}")
    dropzone = f".st-key-{key} [data-testid='stFileUploaderDropzone']"
    limit = i18n.text("streamlit_upload_limit", lang, limit=limit_mb)
    if types:  # as Streamlit lists them: CSV, TXT, XLSX
        limit += " • " + ", ".join(extension.upper() for extension in types)
    return "\n".join(
        [
            _drawn_after(
                f"{dropzone} button [data-testid='stMarkdownContainer']",
                "p",
                i18n.text("streamlit_upload_button", lang),
            ),
            # Streamlit's theme draws these two at its small size, 14 px
            _drawn_inside(f"{dropzone} [data-testid='stFileUploaderDropzoneInstructions'] span", limit, "0.875rem"),
            _drawn_inside(f"{dropzone} > div > span:only-child", i18n.text("streamlit_upload_drop", lang), "0.875rem"),
        ]
    )


def file_uploader(label: str, types: list[str], *, key: str, help: str | None = None):
    """st.file_uploader, with the texts Streamlit draws itself (button, limit, drop hint) in the session's language."""
    st.html(f"<style>{uploader_css(key, upload_limit_mb(), types, language())}</style>")
    return st.file_uploader(label, type=types, help=help, key=key)


def input_hints_css(lang: str) -> str:
    """CSS for the hint Streamlit shows under a changed text or number input, in ``lang``.

    The hint of an input with max_chars also counts characters, and a text area's says
    Ctrl+Enter: the dashboard has neither, and this replaces the whole hint.
    """
    hint = "[data-testid='InputInstructions']"
    return "\n".join(
        [
            _drawn_after(hint, "> span", i18n.text("streamlit_input_apply", lang)),
            f"[data-testid='stForm'] {hint}::after {{content: {css_string(i18n.text('streamlit_input_submit', lang))}}}",
        ]
    )


def translate_input_hints(lang: str) -> None:
    """Draw Streamlit's "Press Enter to apply" (and "to submit form") in ``lang`` on the whole page."""
    st.html(f"<style>{input_hints_css(lang)}</style>")


def _number_memo_key(key: str) -> str:
    return f"{key}__number"


def _read_typed_number(key: str, decimals: int, low, high, unit: str, required: bool) -> None:
    """on_change of a number box: take the typed number and show it in the page's format, or keep the old one."""
    memo = st.session_state[_number_memo_key(key)]
    lang = memo["language"]
    typed = st.session_state[key]
    try:
        value = i18n.typed_number(typed, lang, decimals=decimals, low=low, high=high, unit=unit)
        if value is None and required:
            raise i18n.NumberNotRead(
                i18n.N_("number_missing"), example=i18n.typed_figure(memo["value"], lang, decimals)
            )
    except i18n.NumberNotRead as refusal:
        kept = i18n.typed_figure(memo["value"], lang, decimals) or i18n.MISSING
        memo["error"] = f"{refusal.message(lang)} {i18n.text('number_kept', lang, value=kept)}"
        return
    memo["value"] = value
    memo["error"] = None
    st.session_state[key] = i18n.typed_figure(value, lang, decimals)


def number_box(
    label: str,
    *,
    key: str,
    value: float | int | None,
    low: float | int | None = None,
    high: float | int | None = None,
    decimals: int = 0,
    unit: str = "",
    required: bool = True,
    disabled: bool = False,
    help: str | None = None,
) -> int | float | None:
    """A box for a money, count or percent figure, typed and shown in the page's language: 2.000.000.000, 98,5.

    The dashboard's only number input (Streamlit's number_input reads ``2.000.000.000`` as 2).
    ``value`` is where the box opens, and again when it changes (another month's dated iuran). A
    typed number is read by :func:`uhc.i18n.typed_number` and shown again in the page's format; one
    that cannot be read is kept in the box with the reason under it, and the box gives its old value.
    ``unit`` ("Rp" or "%") may be typed with the number. Empty gives None unless ``required``.
    The box and its refusal are in a container keyed ``<key>_box``.
    Returns an int for ``decimals`` 0, else a float (None when empty).
    """
    lang = language()
    memo_key = _number_memo_key(key)
    memo = st.session_state.get(memo_key)
    if memo is None or memo["default"] != value:
        memo = {
            "value": None if value is None else Decimal(str(value)),
            "default": value,
            "language": None,
            "error": None,
        }
        st.session_state[memo_key] = memo
    if memo["language"] != lang or key not in st.session_state:  # first drawn, back on the page, or a new language
        memo["language"] = lang
        memo["error"] = None
        st.session_state[key] = i18n.typed_figure(memo["value"], lang, decimals)
    with st.container(key=f"{key}_box"):  # the box and its refusal, together
        st.text_input(
            label,
            key=key,
            disabled=disabled,
            help=help,
            on_change=_read_typed_number,
            args=(key, decimals, low, high, unit, required),
        )
        if memo["error"] and not disabled:
            st.error(memo["error"], icon=":material/error:")
    number = memo["value"]
    if number is None:
        return None
    return float(number) if decimals else int(number)


def caption_text(text: str) -> None:
    """A caption that may carry user text (a file name): shown literally, never as a link or markdown."""
    st.caption(import_report.markdown_text(text))
