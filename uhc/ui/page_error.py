"""What a user sees when a page fails: one short message in their language, never a traceback.

The server log keeps the details: the error's type and where it was raised (file, line, function),
not its message, which may quote a cell of an uploaded file (a name, a NIK).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

import streamlit as st

from uhc import i18n
from uhc.ui.session import language


@cache
def server_log() -> logging.Logger:
    """The dashboard's logger, from INFO up; on the server's stderr with a time (Streamlit sets up only its own loggers)."""
    log = logging.getLogger("uhc.dashboard")
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return log


def where_raised(error: BaseException) -> str:
    """The error's type and its traceback's frames, one per line, without the error's message or values."""
    frames = traceback.extract_tb(error.__traceback__)
    lines = [f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}' for frame in frames]
    return "\n".join([type(error).__qualname__, *lines])


@contextmanager
def short_message_on_error(page: str) -> Iterator[None]:
    """Run a page; an uncaught error is logged (see :func:`where_raised`) and the user gets one short message.

    Streamlit's own st.stop, st.rerun and page switches pass through (they are no Exception).
    """
    try:
        yield
    except Exception as error:
        server_log().error("page %s failed: %s", page, where_raised(error))
        st.error(i18n.text("page_error", language()), icon=":material/error:")


def shown_briefly(error: Exception) -> bool:
    """st.App's on_script_error (serve.py): an error Streamlit caught, in a callback, gets the short
    message and the log line too; True tells Streamlit not to draw its own notice."""
    server_log().error("a callback failed: %s", where_raised(error))
    st.error(i18n.text("page_error", language()), icon=":material/error:")
    return True
