"""The dashboard's server: `make run`, or `streamlit run serve.py` (dashboard.py is its table of contents).

Started this way, the server opens the store read-only before it answers anyone, so a write from
the command line is refused from the first second, not only after the first page view; and an
error in a button's callback gets the same short message as an error in a page. Its socket gets
TCP_NODELAY (uhc/ui/no_delay.py: without it every answer after a connection's first waited 40 ms),
Streamlit's own scripts go out gzipped (uhc/ui/compressed_static.py), and the Ekspor page's previews of the
latest month of the city it opens on, in both languages, are drawn in the background from the start
(exports.latest_previews_ahead), so that "Pratinjau" finds them drawn.
"""

import threading
from contextlib import asynccontextmanager

import streamlit as st
from starlette.middleware import Middleware
from streamlit import config

from uhc.paths import store_path
from uhc.ui import compressed_static, connection, exports, no_delay, page_error


def _previews_ahead() -> None:
    try:
        exports.latest_previews_ahead(str(store_path()))
    except Exception as error:  # the Ekspor page draws them when asked, and says what fails
        page_error.server_log().warning("previews not drawn at the start: %s", type(error).__name__)


@asynccontextmanager
async def _holding_the_store(_app):
    # Streamlit has bound and opened its socket, and accepts no connection before this returns.
    port = config.get_option("server.port")
    set_on = no_delay.set_on_listening_sockets(port)
    page_error.server_log().info("TCP_NODELAY set on %d listening socket(s), port %s", set_on, port)
    if connection.hold_store():  # and the latest month's Ekspor previews are drawn in the background
        threading.Thread(target=_previews_ahead, name="uhc-previews-at-start", daemon=True).start()
    yield


app = st.App(
    "dashboard.py",
    lifespan=_holding_the_store,
    on_script_error=page_error.shown_briefly,
    middleware=[Middleware(compressed_static.CompressedFrontend, ahead=True)],
)
