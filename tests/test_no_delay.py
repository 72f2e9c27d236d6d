"""TCP_NODELAY on the dashboard's listening socket (uhc/ui/no_delay.py), on real sockets of this kernel."""

from __future__ import annotations

import socket
from contextlib import closing
from pathlib import Path

from test_browser import _serve

from uhc.ui import no_delay


def _listener(family: socket.AddressFamily = socket.AF_INET) -> socket.socket:
    """A listening socket made as Streamlit 1.67 makes the server's: ``socket.socket(family)``, protocol 0."""
    listener = socket.socket(family=family)
    listener.bind(("::1" if family == socket.AF_INET6 else "127.0.0.1", 0))
    listener.listen(4)
    return listener


def _accepted_no_delay(listener: socket.socket) -> int:
    """TCP_NODELAY of the connection ``listener`` accepts from a fresh client."""
    host, port = listener.getsockname()[:2]
    with closing(socket.create_connection((host, port), timeout=5)):
        accepted, _ = listener.accept()
        with accepted:
            return accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def test_a_connection_accepted_by_such_a_listener_keeps_nagle_until_the_listener_has_no_delay():
    with closing(_listener()) as listener, closing(_listener()) as other:
        assert listener.proto == 0  # what asyncio's _set_nodelay looks at, and skips
        assert _accepted_no_delay(listener) == 0  # the fault: Nagle's algorithm on every connection

        assert no_delay.set_on_listening_sockets(listener.getsockname()[1]) == 1
        assert _accepted_no_delay(listener) != 0
        assert _accepted_no_delay(other) == 0  # a socket on another port is not touched
        assert listener.fileno() > 0  # the listener itself is left open and listening
        assert listener.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN) == 1


def test_an_ipv6_listener_is_found_too_and_a_port_nothing_listens_on_sets_nothing():
    with closing(_listener(socket.AF_INET6)) as listener:
        port = listener.getsockname()[1]
        with closing(socket.socket()) as unused:
            unused.bind(("127.0.0.1", 0))
            nobody = unused.getsockname()[1]  # bound, not listening: not a server's socket
            assert no_delay.set_on_listening_sockets(nobody) == 0
        assert no_delay.set_on_listening_sockets(port) == 1
        assert _accepted_no_delay(listener) != 0


def test_the_dashboard_server_sets_it_on_its_socket_at_the_start(demo_store_path: Path, tmp_path: Path):
    with _serve(demo_store_path, tmp_path) as url:
        port = url.rsplit(":", 1)[1]
        log = (tmp_path / "server.log").read_text(errors="replace")
        assert f"TCP_NODELAY set on 1 listening socket(s), port {port}" in log
