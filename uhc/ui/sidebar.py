"""The shared sidebar (language, city, month) and what it chose, kept in the link's query string."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from uhc import i18n
from uhc.core import gap
from uhc.paths import store_path
from uhc.store.db import StoreError, StoreMissing
from uhc.ui import login
from uhc.ui.connection import figures_generation
from uhc.ui.reads import (
    cities,
    kecamatan_names,
    kelurahan_count,
    kelurahan_without_coverage,
    month_is_demo,
    months,
    settings,
)
from uhc.ui.session import language

_CONTEXT_KEY = "uhc_context"
_PERIOD_KEY = "uhc_period"
_KECAMATAN_KEY = "uhc_kecamatan"
_URL_READ_KEY = "uhc_url_read"
_NOTICES_KEY = "uhc_notices"  # what the sidebar found to tell about the chosen month, shown by the page
_FIGURES_SEEN_KEY = "uhc_figures_seen"  # connection.figures_generation() when the page was last drawn
# Seconds between an open page's checks for figures an editor saved in another session.
FIGURES_POLL_S = 10
_LINK_KEY = "uhc_link"  # the link's own parameters, until the first page shown has said what it ignored
# The query string a planner can send to a colleague: ?lang=en&kota=61.71&bulan=2025-06&kecamatan=61.71.04
URL_LANGUAGE, URL_CITY, URL_MONTH, URL_KECAMATAN = "lang", "kota", "bulan", "kecamatan"
# Streamlit's own parameters (an embedded app): not the dashboard's to judge.
_STREAMLIT_PARAMETERS = ("embed", "embed_options")
# A value shown in "ignored" is cut to this many characters (a link may carry 100.000).
_SHOWN_VALUE_CHARS = 24


def period_widget_key(language: str) -> str:
    """Widget key of the sidebar's month box in ``language`` (period_id, period_en)."""
    return f"period_{language}"


@dataclass(frozen=True)
class Context:
    """What the sidebar chose: shared by every page."""

    db: str
    language: str
    city_code: str
    city_name: str
    period: dt.date
    is_demo: bool  # the chosen month's figures are the demo's (an imported month is not)
    kecamatan_code: str | None = None  # the kecamatan chosen on the map or the trends page
    kecamatan_name: str | None = None


def set_kecamatan(context: Context, kemendagri_code: str | None) -> Context:
    """Choose a kecamatan of the city (None: the whole city) for every page and the link; the new context."""
    names = kecamatan_names(context.db, context.city_code)
    if kemendagri_code not in names:
        kemendagri_code = None
    st.session_state[_KECAMATAN_KEY] = kemendagri_code
    chosen_name = names.get(kemendagri_code) if kemendagri_code else None
    context = dataclasses.replace(context, kecamatan_code=kemendagri_code, kecamatan_name=chosen_name)
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


def _month_from_url(text: str) -> dt.date | None:
    try:
        return gap.parse_period(text)
    except ValueError:
        return None


def read_link() -> None:
    """At a session's first run, take language, city, month and kecamatan from the link it was opened with.

    Only once: afterwards the widgets lead and the link follows them (see _write_url), so a later
    run cannot undo what the user just chose. Values the store does not have are ignored below.
    dashboard.py calls it before it names the pages, so that a link's ?lang=en names them in
    English on the first load already; render() calls it for a run that did not.
    """
    if st.session_state.get(_URL_READ_KEY):
        return
    st.session_state[_URL_READ_KEY] = True
    params = st.query_params
    st.session_state[_LINK_KEY] = {name: params[name] for name in params if name not in _STREAMLIT_PARAMETERS}
    if params.get(URL_LANGUAGE) in i18n.LANGUAGES:
        st.session_state["language"] = params[URL_LANGUAGE]
    if URL_CITY in params:
        st.session_state["city"] = params[URL_CITY]
    if URL_MONTH in params and (month := _month_from_url(params[URL_MONTH])) is not None:
        st.session_state[_PERIOD_KEY] = month
    if URL_KECAMATAN in params:
        st.session_state[_KECAMATAN_KEY] = params[URL_KECAMATAN]


def _shown_link_part(name: str, value: str, lang: str) -> str:
    """``name=value`` of a link as inline code, cut short: a link is anybody's text, 100.000 characters of it maybe."""
    part = f"{name}={value}"
    shown = part[:_SHOWN_VALUE_CHARS].replace("`", "'")
    if len(part) <= _SHOWN_VALUE_CHARS:
        return f"`{shown}`"
    return f"`{shown}…` " + i18n.text("link_value_length", lang, chars=i18n.number(len(value), lang))


def _link_ignored(link: dict[str, str], context: Context) -> list[str]:
    """A notice naming what the link asked for and the page does not show (a month 2025-13, an unknown kecamatan)."""
    shown = {
        URL_LANGUAGE: context.language,
        URL_CITY: context.city_code,
        URL_MONTH: context.period.strftime("%Y-%m"),
        URL_KECAMATAN: context.kecamatan_code,
    }
    ignored = [
        _shown_link_part(name, value, context.language)
        for name, value in link.items()
        if shown.get(name, "") != value
        # a real month the store lacks has a notice of its own (period_not_in_store)
        and not (name == URL_MONTH and _month_from_url(value) is not None)
    ]
    if not ignored:
        return []
    shown_now = [context.city_name, i18n.month(context.period, context.language), context.kecamatan_name]
    return [
        i18n.text(
            "link_ignored", context.language, ignored=", ".join(ignored), shown=", ".join(filter(None, shown_now))
        )
    ]


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


@st.fragment(run_every=FIGURES_POLL_S)
def follow_new_figures() -> None:
    """Run the whole page again when an editor saved figures since it was drawn (in another session).

    Opening the month box asks the server nothing, so without this a colleague's page would not
    offer the month just imported until something else ran it again. The check reads one number.
    """
    if st.session_state.get(_FIGURES_SEEN_KEY) != figures_generation():
        st.rerun(scope="app")


def render() -> Context | None:
    """Render the shared sidebar (language, city, month); None when there is nothing to show."""
    st.session_state.pop(_CONTEXT_KEY, None)
    st.session_state[_FIGURES_SEEN_KEY] = figures_generation()
    follow_new_figures()
    _notices = st.session_state.setdefault(_NOTICES_KEY, [])
    _notices.clear()
    read_link()
    st.sidebar.radio(
        i18n.text("language", language()),
        i18n.LANGUAGES,
        format_func=lambda code: {"id": "Bahasa Indonesia", "en": "English"}[code],
        key="language",
        horizontal=True,
    )
    login.account()
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
        is_demo=settings(db).get("demo_city") == city_code and month_is_demo(db, city_code, period),
        kecamatan_code=kecamatan_code,
        kecamatan_name=kecamatan.get(kecamatan_code) if kecamatan_code else None,
    )
    st.session_state[_CONTEXT_KEY] = context
    _write_url(context)
    if (link := st.session_state.get(_LINK_KEY)) is not None:
        _notices.extend(_link_ignored(link, context))
    _notices.extend(_incomplete_month(context))
    return context


def leave_legacy_pages_mode() -> None:
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


def chosen_context() -> Context | None:
    """What the sidebar chose in this run; None when the store has no city with figures."""
    return st.session_state.get(_CONTEXT_KEY)


def set_period(period: dt.date, lang: str) -> None:
    """Move the shared month, and the sidebar's month box with it, to ``period``."""
    st.session_state[_PERIOD_KEY] = period
    st.session_state[period_widget_key(lang)] = period


def context_or_stop() -> Context:
    """The sidebar's context for a page; shows how to get data and stops when there is none."""
    leave_legacy_pages_mode()
    context = st.session_state.get(_CONTEXT_KEY)
    if context is None:
        st.info(i18n.text("empty_store", language()))
        st.stop()
    # Drawn by the page, not the sidebar: what dashboard.py writes to the main area before
    # navigation.run() does not stay on every page.
    for notice in st.session_state.get(_NOTICES_KEY, []):
        st.warning(notice, icon=":material/warning:")
    st.session_state.pop(_LINK_KEY, None)  # said once, on the first page the link showed
    return context
