"""The login form of the pages that write, and who is logged in, in the sidebar.

A login never takes the store's write lock: the credential is read through the shared read-only
connection, the password is checked after that read (uhc.store.auth.check_login) and failures are
counted in this process's memory (:func:`throttle`), so a flood of attempts never holds up a reader.
"""

from __future__ import annotations

import secrets

import streamlit as st

from uhc import i18n
from uhc.paths import store_path
from uhc.store import auth
from uhc.store.db import StoreBusy
from uhc.ui.connection import busy_message, cursor
from uhc.ui.session import USER_KEY, current_user, language

_LOGIN_OUTCOME_KEY = "uhc_login_outcome"
CLIENT_KEY = "uhc_login_client"  # this browser session's random id, for counting its failed logins


@st.cache_resource(show_spinner=False)
def throttle() -> auth.LoginThrottle:
    """This process's count of failed logins (one for every session)."""
    return auth.LoginThrottle()


def client() -> auth.Client:
    """This browser session and the address it connects from (None on localhost or where unknown)."""
    if CLIENT_KEY not in st.session_state:
        st.session_state[CLIENT_KEY] = secrets.token_hex(16)
    return auth.Client(st.session_state[CLIENT_KEY], st.context.ip_address)


def checked_login(db: str, name: str, password: str, who: auth.Client) -> auth.User:
    """The user when ``name`` and ``password`` match; LoginRefused otherwise. Only reads the store."""

    def credential_of(known: str | None) -> tuple[str, auth.Role] | None:
        with cursor(db) as store:  # the read ends here: argon2 runs after it, under no store lock
            return auth.credential(store, known)

    return auth.check_login(throttle(), who, name, password, credential_of)


def _log_in() -> None:
    """The login form's callback: check the name and password, keep the outcome for the form to show."""
    name = st.session_state.get("login_user", "")
    password = st.session_state.get("login_password", "")
    st.session_state["login_password"] = ""  # the password is not kept past this check
    try:
        user = checked_login(str(store_path()), name, password, client())
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
