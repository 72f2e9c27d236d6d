"""The dashboard's server: `make run`, or `streamlit run serve.py` (dashboard.py is its table of contents).

Started this way, the server opens the store read-only before it answers anyone, so a write from
the command line is refused from the first second, not only after the first page view; and an
error in a button's callback gets the same short message as an error in a page. Its socket gets
TCP_NODELAY (uhc/ui/no_delay.py: without it every answer after a connection's first waited 40 ms),
Streamlit's own scripts go out gzipped (uhc/ui/compressed_static.py), and the Ekspor page's previews of the
latest month of the city it opens on, in both languages, are drawn in the background from the start
(exports.latest_previews_ahead), so that "Pratinjau" finds them drawn.
"""

import asyncio
import contextlib
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


# Once the connections made while the server started are accepted (uvicorn accepts them as it
# starts serving, right after the lifespan's start), they get TCP_NODELAY too.
_CONNECTIONS_AFTER_S = 2.0


def _no_delay(port: int) -> None:
    """TCP_NODELAY on the server's socket (uhc/ui/no_delay.py); a failure is logged, never stops the server."""
    log = page_error.server_log()
    try:
        set_on = no_delay.set_on_listening_sockets(port)
    except OSError as error:
        log.warning("TCP_NODELAY not set on port %s: %s", port, error)
        return
    if not set_on:
        if no_delay.can_look():
            log.warning("TCP_NODELAY not set: no listening socket found on port %s (answers may wait 40 ms)", port)
        return
    log.info("TCP_NODELAY set on %d listening socket(s), port %s", set_on, port)

    def connections_made_meanwhile() -> None:
        with contextlib.suppress(OSError):
            if made := no_delay.set_on_connections(port):
                log.info("TCP_NODELAY set on %d connection(s) made while the server started", made)

    asyncio.get_running_loop().call_later(_CONNECTIONS_AFTER_S, connections_made_meanwhile)


@asynccontextmanager
async def _holding_the_store(_app):
    _no_delay(config.get_option("server.port"))
    if connection.hold_store():  # and the latest month's Ekspor previews are drawn in the background
        threading.Thread(target=_previews_ahead, name="uhc-previews-at-start", daemon=True).start()
    yield


app = st.App(
    "dashboard.py",
    lifespan=_holding_the_store,
    on_script_error=page_error.shown_briefly,
    middleware=[Middleware(compressed_static.CompressedFrontend, ahead=True)],
)
