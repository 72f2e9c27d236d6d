"""The login form of the pages that write, and who is logged in, in the sidebar."""

from __future__ import annotations

import streamlit as st

from uhc import i18n
from uhc.paths import store_path
from uhc.store import auth
from uhc.store.db import StoreBusy
from uhc.ui.connection import busy_message, write_store
from uhc.ui.session import USER_KEY, current_user, language

_LOGIN_OUTCOME_KEY = "uhc_login_outcome"


def _log_in() -> None:
    """The login form's callback: check the name and password, keep the outcome for the form to show."""
    name = st.session_state.get("login_user", "")
    password = st.session_state.get("login_password", "")
    st.session_state["login_password"] = ""  # the password is not kept past this check
    try:
        user = write_store(lambda store: auth.login(store, name, password), str(store_path()), changes_figures=False)
    except auth.LoginRefused as refused:
        st.session_state[_LOGIN_OUTCOME_KEY] = refused
        return
    except StoreBusy as busy:
        st.session_state[_LOGIN_OUTCOME_KEY] = busy
        return
    st.session_state[USER_KEY] = user
    st.session_state.pop(_LOGIN_OUTCOME_KEY, None)


def _log_out() -> None:
    st.session_state.pop(USER_KEY, None)


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


def account() -> None:
    """Who is logged in, and a logout button, in the sidebar (nothing when nobody is)."""
    user = current_user()
    if user is None:
        return
    lang = language()
    role = {"editor": i18n.N_("login_role_editor"), "admin": i18n.N_("login_role_admin")}[user.role]
    st.sidebar.caption(i18n.text("login_as", lang, user=user.name, role=i18n.text(role, lang)))
    st.sidebar.button(i18n.text("login_logout", lang), key="logout", on_click=_log_out, icon=":material/logout:")
