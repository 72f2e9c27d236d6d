"""Press PNGs and the briefing: every chart's "Unduh PNG", the branding form, pages/ekspor.py."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import partial
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from uhc import i18n
from uhc.intake import import_report
from uhc.output import briefing, charts, export, report
from uhc.ui import previews, widgets
from uhc.ui.connection import notice, show_notice, write
from uhc.ui.reads import cities, city_month, months, population_origins, settings
from uhc.ui.session import current_user
from uhc.ui.sidebar import Context


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
        file_name = import_report.markdown_text(upload.name) if upload is not None else ""
        notice("error", i18n.text("export_logo_bad", lang, file=file_name))
        return
    if write(lambda store: report.store_branding(store, context.city_code, changes)) is None:
        return  # the store was busy: write() left a notice naming who holds it
    notice("success", i18n.text("export_branding_saved", lang, city=context.city_name))


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
        widgets.file_uploader(i18n.text("export_logo", lang), ["png", "jpg", "jpeg"], key="branding_logo")
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
    finding: str | None = None,
) -> None:
    """The "Unduh PNG" button under a chart: a size, then the press picture, made only when clicked.

    ``figure`` may be a function that builds it, so a figure drawn only for the picture (a map with
    labels) costs nothing until the click. ``rows`` are the gap rows the chart draws: they give the
    data vintage and, for a trend (``span``), its first month. ``scope_code`` names the kecamatan
    in the file name when the chart is of one (default: the city), and the wording the city keeps
    for it (wording_form: the city's pictures share the press set's wording of ``stem``).

    The default headline is the picture's finding: ``finding`` (report.measure_finding,
    report.trend_findings, ...), else for a picture of the whole city that is one of the press
    set's that picture's headline (report.headlines), else the plain ``title``.
    """
    lang = context.language
    problem = export.renderer_problem(lang)
    export.warm_up()
    with st.popover(i18n.text("export_download_png", lang), icon=":material/image:", key=f"{key}_popover"):
        if problem:
            st.warning(i18n.text("export_failed", lang, reason=problem))
            return
        size = size_choice(context, key=f"{key}_size")
        headline = finding
        if headline is None and (scope_code or context.city_code) == context.city_code:
            # a picture of the press set drawn for the whole city states the same finding as there
            headline = press_headlines(context.db, context.city_code, context.period, lang).get(stem)
        default_subtitle = report.subtitle(
            region, context.period, lang, since=report.first_month(rows) if span else None
        )
        wording = wording_form(
            context, stem, report.Wording(headline or title, default_subtitle), key=key, scope_code=scope_code
        )
        frame: dict[str, Any] = {
            "title": wording.headline,
            "subtitle": wording.subtitle,
            "note": wording.note,
            "branding": branding(context),
            "vintage": report.vintage(rows, context.period, population_origins(context.db, context.city_code)),
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


@st.cache_data(show_spinner=False, max_entries=16)
def press_headlines(db: str, city_code: str, period: dt.date, language: str) -> dict[str, str]:
    """The press set's default headlines of the city-month (report.headlines), worked out once, not per popover."""
    return report.headlines(city_month(db, city_code, period), language)


def wording_inputs(
    context: Context,
    shown: report.Wording,
    *,
    key: str,
    default: report.Wording | None = None,
    headline_warning: str | None = None,
) -> report.Wording:
    """Headline, subtitle and note of a picture, editable before its export, first showing ``shown``.

    An emptied headline or subtitle is ``default``'s (``shown``'s without one); ``headline_warning``
    is shown under the headline field (a kept headline older than the month's finding). When ``shown``
    changes (another kecamatan, month or kept wording), the fields show it again: a field typed for
    one kecamatan's picture is not carried over to another's.
    """
    lang = context.language
    fallback = default or shown
    shown_key = f"{key}_shown_{lang}"
    fresh = st.session_state.get(shown_key) != shown
    st.session_state[shown_key] = shown
    fields = {}
    for field, label_key, help_key in (
        ("headline", i18n.N_("export_headline"), i18n.N_("export_headline_help")),
        ("subtitle", i18n.N_("export_subtitle"), i18n.N_("export_subtitle_help")),
        ("note", i18n.N_("export_note"), i18n.N_("export_note_help")),
    ):
        widget_key = f"{key}_{field}_{lang}"
        if fresh or widget_key not in st.session_state:
            st.session_state[widget_key] = getattr(shown, field)
        fields[field] = st.text_input(
            i18n.text(label_key, lang), help=i18n.text(help_key, lang), max_chars=200, key=widget_key
        )
        if field == "headline" and headline_warning and fields[field].strip() not in ("", fallback.headline):
            st.warning(headline_warning, icon=":material/history:")
    return report.Wording(**fields).over(report.Wording(fallback.headline, fallback.subtitle))


def _save_wording(
    context: Context, stem: str, wording: report.Wording, saved_over: report.SavedOver | None = None
) -> None:
    """The Save button's callback under a press picture's wording: kept as the city's setting.

    With ``saved_over`` the setting notes the finding the headline replaced and its month, so a
    later month's form can say the kept headline is older (wording_form).
    """
    noted = {} if saved_over is None else {stem: saved_over}
    if (
        write(lambda store: report.store_wording(store, context.city_code, context.language, {stem: wording}, noted))
        is None
    ):
        return
    st.toast(i18n.text("export_wording_saved", context.language, city=context.city_name), icon=":material/check:")


def _stale_warning(context: Context, kept_settings: dict, stem: str, default_headline: str) -> str | None:
    """The warning under a kept headline of ``stem`` saved over another finding than this month's
    ``default_headline``: that month and this month's finding; None when there is nothing to flag."""
    stale = report.saved_over_if_stale(kept_settings, context.city_code, stem, context.language, default_headline)
    if stale is None:
        return None
    return i18n.text(
        i18n.N_("export_wording_stale"),
        context.language,
        month=i18n.month(stale.period, context.language),
        finding=default_headline,
    )


def _saved_over(
    context: Context, kept_settings: dict, stem: str, headline: str, kept_headline: str, default_headline: str
) -> report.SavedOver | None:
    """What a Save now notes its headline replaced: a headline typed now replaces this month's
    finding; one kept from before keeps what it was saved over (and its month)."""
    if headline != kept_headline:
        return report.SavedOver(default_headline, context.period)
    return report.SavedOver.from_json(kept_settings.get(report.wording_key(context.city_code, stem, context.language)))


def wording_form(
    context: Context, stem: str, default: report.Wording, *, key: str, scope_code: str | None = None
) -> report.Wording:
    """A picture's wording, editable, and for editors the Save button that keeps it for the city.

    The one form of the Ekspor page's pictures and of every "Unduh PNG" popover: it first shows
    what the city kept for the picture (report.stored_wording under report.wording_stem: the stem,
    or ``stem@scope_code`` for a picture of one kecamatan), else ``default`` (the headline and
    subtitle from the data). Viewers get a caption saying a login keeps it. A headline or subtitle
    left at its default is not kept, so it follows the next month's data; a kept headline saved
    over another finding than this month's gets a warning under it, with that month and this
    month's finding (emptying the field goes back to it).
    """
    lang = context.language
    kept_stem = report.wording_stem(stem, scope_code, context.city_code)
    kept_settings = settings(context.db)
    stored = report.stored_wording(kept_settings, context.city_code, kept_stem, lang)
    warning = _stale_warning(context, kept_settings, kept_stem, default.headline)
    wording = wording_inputs(context, stored.over(default), key=key, default=default, headline_warning=warning)
    saved_over = _saved_over(context, kept_settings, kept_stem, wording.headline, stored.headline, default.headline)
    if current_user() is None:
        st.caption(i18n.text("export_wording_login", lang))
    else:
        kept = report.Wording(
            "" if wording.headline == default.headline else wording.headline,
            "" if wording.subtitle == default.subtitle else wording.subtitle,
            wording.note,
        )
        st.button(
            i18n.text("export_wording_save", lang),
            on_click=_save_wording,
            args=(context, kept_stem, kept, saved_over),
            key=f"{key}_save",
        )
    return wording


@st.cache_data(show_spinner=False, max_entries=16)
def card_picture(db: str, city_code: str, period: dt.date, language: str, size: str, wording: report.Wording) -> bytes:
    """The big-number card as PNG with ``wording`` (its sentence as headline, its note)."""
    return report.card_png(city_month(db, city_code, period), language, size, wording)


def card_section(context: Context, cm: report.CityMonth) -> None:
    """The big-number card: its sentence and note (editable, kept by editors) and a download per size."""
    lang = context.language
    st.subheader(i18n.text("export_card_heading", lang))
    card = report.card(cm, lang)
    st.markdown(f"**{card.number}** {card.sentence}  \n{card.month}")
    default = report.card_default(cm, lang).headline  # the sentence from the data, whatever was kept
    kept = report.stored_wording(cm.settings, cm.city_code, report.CARD_STEM, lang)
    sentence_key, note_key = f"export_card_sentence_{lang}", f"export_card_note_{lang}"
    st.session_state.setdefault(sentence_key, card.sentence)
    st.session_state.setdefault(note_key, kept.note)
    sentence = st.text_input(
        i18n.text("export_card_sentence", lang), help=i18n.text("export_headline_help", lang), key=sentence_key
    )
    # as wording_form: a sentence kept over another month's finding says so while it is shown
    warning = _stale_warning(context, cm.settings, report.CARD_STEM, default)
    if warning is not None and sentence.strip() not in ("", default):
        st.warning(warning, icon=":material/history:")
    note = st.text_input(i18n.text("export_note", lang), help=i18n.text("export_note_help", lang), key=note_key)
    wording = report.Wording("" if sentence.strip() == default else sentence.strip(), "", note.strip())
    saved_over = _saved_over(context, cm.settings, report.CARD_STEM, wording.headline, kept.headline, default)
    if current_user() is not None:
        st.button(
            i18n.text("export_wording_save", lang),
            on_click=_save_wording,
            args=(context, report.CARD_STEM, wording, saved_over),
            key="export_card_save",
        )
    for column, size in zip(st.columns(len(export.CARD_SIZES)), export.CARD_SIZES, strict=True):
        column.download_button(
            i18n.text(CARD_SIZE_KEYS[size], lang),
            data=partial(card_picture, context.db, context.city_code, context.period, lang, size, wording),
            file_name=report.card_file_name(context.city_code, context.period, size),
            mime="image/png",
            on_click="ignore",
            icon=":material/image:",
            key=f"export_card_{size}",
        )


CARD_SIZE_KEYS = {"1080x1080": i18n.N_("export_card_square"), "1080x1350": i18n.N_("export_card_portrait")}


def trend_chart(
    context: Context,
    figure: go.Figure | Callable[[], go.Figure],
    *,
    key: str,
    title: str,
    region: str,
    rows: pl.DataFrame,
    stem: str,
    screen: go.Figure | None = None,
    finding: str | None = None,
):
    """A trend chart of the Tren page and its "Unduh PNG" button (a span of months; files named after the region).

    On screen the chart's title is written above it as text, which wraps: inside the plot a title
    one line wide is cut off on a 390 px phone, and Plotly's toolbar can sit over it. The chart on
    screen has fewer, upright month ticks (charts.screen_figure); ``screen`` is another layout of
    it for the screen (the small multiples two panels a row), and then ``figure`` may be a function
    that builds the PNG's, called only when the PNG is asked for. The PNG keeps ``figure`` as it is.
    ``finding`` is the PNG's default headline (png_download).
    """
    on_screen = screen if screen is not None else figure() if callable(figure) else figure
    heading = re.sub(r"<[^>]+>", " ", str(on_screen.layout.title.text or "")).split()
    if heading:
        st.markdown(f"**{import_report.markdown_text(' '.join(heading))}**")
    st.plotly_chart(charts.screen_figure(on_screen), theme=None, key=key, config=charts.SCREEN_CONFIG)
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
        finding=finding,
    )


def press_preview(
    db: str,
    city_code: str,
    period: dt.date,
    language: str,
    size: str,
    stem: str,
    wording: report.Wording,
    scale: float = export.SCALE,
) -> bytes:
    """One chart of the press set as PNG with ``wording``: the Ekspor page's download, and at
    export.PREVIEW_SCALE its preview. Kept by uhc.ui.previews alone (keyed on the store's figures
    generation, so a write through connection.write() makes older pictures unused); a preview
    drawn ahead (press_previews_ahead) is taken as it is."""
    made = partial(_press_png, db, city_code, period, language, size, stem, wording, scale)
    return previews.picture(previews.key(db, city_code, period, language, size, stem, wording, scale), made)


def _press_png(
    db: str, city_code: str, period: dt.date, language: str, size: str, stem: str, wording: report.Wording, scale: float
) -> bytes:
    cm = city_month(db, city_code, period)
    chart = next(c for c in report.press_charts(cm, language, {stem: wording}) if c.stem == stem)
    return report.press_chart_png(cm, chart, language, size, scale)


def press_previews_ahead(
    db: str, city_code: str, period: dt.date, language: str, size: str, wordings: dict[str, report.Wording]
) -> None:
    """Start drawing the previews of ``wordings`` (stem: wording) in the background, for "Pratinjau"."""
    previews.draw_ahead(
        [
            (
                previews.key(db, city_code, period, language, size, stem, wording, export.PREVIEW_SCALE),
                partial(_press_png, db, city_code, period, language, size, stem, wording, export.PREVIEW_SCALE),
            )
            for stem, wording in wordings.items()
        ]
    )


def untouched_wordings(db: str, city_code: str, period: dt.date, language: str) -> dict[str, report.Wording]:
    """Each press picture's wording before anyone edits it on the Ekspor page: what wording_form returns then
    (what the city kept over the default from the data), by stem, in the order the page shows them."""
    charts_shown, _ = report.press_plan(city_month(db, city_code, period), language)
    kept = settings(db)
    return {
        chart.stem: report.stored_wording(kept, city_code, report.wording_stem(chart.stem, None, city_code), language)
        .over(chart.default)
        .over(report.Wording(chart.default.headline, chart.default.subtitle))
        for chart in charts_shown
    }


def month_previews_ahead(db: str, city_code: str, period: dt.date, language: str, size: str) -> None:
    """Start drawing the month's previews as the Ekspor page shows them before any edit (press_previews_ahead)."""
    press_previews_ahead(db, city_code, period, language, size, untouched_wordings(db, city_code, period, language))


def latest_previews_ahead(db: str) -> int:
    """At the server's start: draw ahead the latest month of the city the dashboard opens on (the
    sidebar's first), in every language at the default size, so that "Pratinjau" finds them drawn;
    how many pictures were asked for (0 without Chromium or figures).

    One city only: a store of every kab/kota (514) would have its start read each city's month and
    queue 7.000 pictures, minutes of CPU beside the first users, for a cache that keeps 32 (previews.KEPT).
    """
    if export.renderer_problem():
        return 0
    asked = 0
    for city_code in cities(db)["kemendagri_code"].head(1):
        latest = max(months(db, city_code))
        for language in i18n.LANGUAGES:
            wordings = untouched_wordings(db, city_code, latest, language)
            press_previews_ahead(db, city_code, latest, language, export.DEFAULT_SIZE, wordings)
            asked += len(wordings)
    return asked


def briefing_file(db: str, city_code: str, period: dt.date, language: str, kind: str) -> bytes:
    """The briefing pack of the city and month as PDF or PPTX bytes, made now."""
    brief = briefing.briefing(city_month(db, city_code, period), language, dt.datetime.now())
    return briefing.pptx_bytes(brief) if kind == "pptx" else briefing.pdf_bytes(brief)
