"""What this browser session holds: its language and its logged-in user."""

from __future__ import annotations

import streamlit as st

from uhc import i18n
from uhc.store import auth

USER_KEY = "uhc_user"


def language() -> str:
    """The language chosen in the sidebar (Bahasa Indonesia by default)."""
    return st.session_state.get("language", i18n.DEFAULT_LANGUAGE)


def current_user() -> auth.User | None:
    """The user logged in in this browser session, if any."""
    return st.session_state.get(USER_KEY)
