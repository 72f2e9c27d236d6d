"""The dashboard's server: `make run`, or `streamlit run serve.py` (dashboard.py is its table of contents).

Started this way, the server opens the store read-only before it answers anyone, so a write from
the command line is refused from the first second, not only after the first page view; and an
error in a button's callback gets the same short message as an error in a page; and Streamlit's
own scripts go out gzipped (uhc/ui/compressed_static.py).
"""

from contextlib import asynccontextmanager

import streamlit as st
from starlette.middleware import Middleware

from uhc.ui import compressed_static, connection, page_error


@asynccontextmanager
async def _holding_the_store(_app):
    connection.hold_store()
    yield


app = st.App(
    "dashboard.py",
    lifespan=_holding_the_store,
    on_script_error=page_error.shown_briefly,
    middleware=[Middleware(compressed_static.CompressedFrontend, ahead=True)],
)
