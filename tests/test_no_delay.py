"""TCP_NODELAY on the dashboard's listening socket (uhc/ui/no_delay.py), on real sockets of this kernel."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import http.client
import os
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


def test_a_connection_made_before_the_listener_had_it_gets_it_afterwards():
    with closing(_listener()) as listener:
        host, port = listener.getsockname()[:2]
        with closing(socket.create_connection((host, port), timeout=5)):  # waiting in the backlog, as at a restart
            assert no_delay.set_on_listening_sockets(port) == 1
            early, _ = listener.accept()
            with early:
                assert early.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0  # made before: not inherited
                assert _accepted_no_delay(listener) != 0  # one made after inherits it
                assert no_delay.set_on_connections(port) == 1  # the early one only
                assert early.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
                assert no_delay.set_on_connections(port) == 0  # nothing left without it


_PIDFD_GETFD = 438  # the system call's number (Linux 5.6 and later, every architecture)


def _server_side_no_delay(pid: int, client: socket.socket) -> int | None:
    """TCP_NODELAY of process ``pid``'s end of ``client``'s connection, read through a copy of its socket."""
    libc = ctypes.CDLL(None, use_errno=True)
    pidfd = os.pidfd_open(pid)
    try:
        for name in os.listdir(f"/proc/{pid}/fd"):
            fd = libc.syscall(_PIDFD_GETFD, pidfd, int(name), 0)
            assert fd >= 0 or ctypes.get_errno() == errno.EBADF, os.strerror(
                ctypes.get_errno()
            )  # EBADF: closed meanwhile
            if fd < 0:
                continue
            try:
                handle = socket.socket(fileno=fd)
            except OSError:  # not a socket
                os.close(fd)
                continue
            with handle, contextlib.suppress(OSError):  # not connected
                if handle.getpeername()[:2] == client.getsockname()[:2]:
                    return handle.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        os.close(pidfd)
    return None


def _server_pid(port: str) -> int:
    """The process of the dashboard server started on ``port`` (test_browser._serve's command line)."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                words = (entry / "cmdline").read_bytes().split(b"\0")
                if b"serve.py" in words and port.encode() in words:
                    return int(entry.name)
    raise AssertionError(f"no server process on port {port}")


def test_the_dashboard_server_s_connections_have_it(demo_store_path: Path, tmp_path: Path):
    with _serve(demo_store_path, tmp_path) as url:
        port = url.rsplit(":", 1)[1]
        log = (tmp_path / "server.log").read_text(errors="replace")
        assert f"TCP_NODELAY set on 1 listening socket(s), port {port}" in log
        with closing(http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)) as client:
            for _ in range(2):  # the connection kept alive, as a browser's
                client.request("GET", "/favicon.png")
                assert client.getresponse().read()[:8] == b"\x89PNG\r\n\x1a\n"
            assert client.sock is not None
            assert _server_side_no_delay(_server_pid(port), client.sock) == 1
