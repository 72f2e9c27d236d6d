"""uhc-dashboard: the table of contents. Run with `make run` (or `streamlit run dashboard.py`)."""

import streamlit as st

from uhc import i18n
from uhc.ui import page_error, session, sidebar, widgets

st.set_page_config(page_title="UHC · JKN", page_icon="🩺", layout="wide")

sidebar.read_link()  # before the page names: a link's ?lang=en names them in English from the first load
language = session.language()
# The overview is served at the root; its url_path only has to differ from the alias's below.
OVERVIEW = st.Page(
    "pages/ringkasan.py",
    title=i18n.text("page_overview", language),
    icon=":material/dashboard:",
    default=True,
    url_path="beranda",
)
PAGES = [
    OVERVIEW,
    st.Page("pages/peta.py", title=i18n.text("page_map", language), icon=":material/map:"),
    st.Page("pages/tren.py", title=i18n.text("trend_page", language), icon=":material/show_chart:"),
    st.Page("pages/anggaran.py", title=i18n.text("plan_page", language), icon=":material/payments:"),
    st.Page("pages/pendataan.py", title=i18n.text("page_visits", language), icon=":material/door_front:"),
    st.Page("pages/ekspor.py", title=i18n.text("page_export", language), icon=":material/ios_share:"),
    st.Page("pages/data.py", title=i18n.text("page_data", language), icon=":material/folder_open:"),
]

# /ringkasan, the overview's own name, is a link like /tren: a hidden page that moves to the overview.
OVERVIEW_LINK = st.Page(
    lambda: st.switch_page(OVERVIEW), title=OVERVIEW.title, url_path="ringkasan", visibility="hidden"
)

navigation = st.navigation([*PAGES, OVERVIEW_LINK])
# Whatever fails below, the user sees one short message in their language; the log keeps where.
with page_error.short_message_on_error(navigation.url_path or "ringkasan"):
    sidebar.render()
    widgets.translate_input_hints(language)
    navigation.run()
