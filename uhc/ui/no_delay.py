"""TCP_NODELAY on the dashboard's listening socket: no 40 ms wait on every answer after a connection's first.

Streamlit 1.67 binds the server's socket itself (``socket.socket(family)``: protocol 0), and
asyncio sets TCP_NODELAY on an accepted connection only when its protocol reads IPPROTO_TCP
(asyncio/base_events.py ``_set_nodelay``). So every connection keeps Nagle's algorithm on: the
server writes an answer's headers and then its body, the body waits for the browser to acknowledge
the headers, and the browser delays that acknowledgement by 40 ms. A fresh browser fetches about
120 of Streamlit's files over six connections, so each waited some 40 ms and the first page's
scripts came in over half a second instead of a few milliseconds; each websocket message after
another waited the same (uvicorn's issue 3149 is the same fault in uvicorn's own binding).

Linux gives a connection the listening socket's TCP_NODELAY when the connection is made, so setting
it once on the listening socket, at the server's start, fixes every connection made after; the few
made while the server was starting get it on their own a moment later (set_on_connections). The
sockets are found among the process's open files by their port; no other socket is touched.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

_FD_FOLDER = Path("/proc/self/fd")


def _tcp_socket(fd: int) -> socket.socket | None:
    """A second handle on file descriptor ``fd`` when it is a TCP socket (IPv4 or IPv6); None otherwise."""
    try:
        if not os.readlink(_FD_FOLDER / str(fd)).startswith("socket:"):
            return None
        copy = os.dup(fd)
    except OSError:  # closed meanwhile
        return None
    try:
        handle = socket.socket(fileno=copy)
    except OSError:  # closed and reused for something else meanwhile
        os.close(copy)
        return None
    tcp = handle.family in (socket.AF_INET, socket.AF_INET6) and handle.type == socket.SOCK_STREAM
    if tcp and handle.proto in (0, socket.IPPROTO_TCP):  # not SCTP's stream sockets
        return handle
    handle.close()
    return None


def can_look() -> bool:
    """Whether this system lists a process's open files where this module looks (Linux's /proc)."""
    return _FD_FOLDER.is_dir()


def _set_on(port: int, *, listening: bool) -> int:
    """Set TCP_NODELAY on this process's TCP sockets of local ``port`` that listen (or that are connections)."""
    if not can_look():
        return 0
    done = 0
    for name in os.listdir(_FD_FOLDER):
        if not name.isdigit() or (handle := _tcp_socket(int(name))) is None:
            continue
        with handle:
            try:
                if bool(handle.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN)) != listening:
                    continue
                if not listening and handle.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY):
                    continue  # made after the listener had it
                if handle.getsockname()[1] == port:
                    handle.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    done += 1
            except OSError:  # closed by its owner meanwhile, or not connected
                continue
    return done


def set_on_listening_sockets(port: int) -> int:
    """Set TCP_NODELAY on this process's listening TCP sockets on ``port``; how many were set (0 off Linux)."""
    return _set_on(port, listening=True)


def set_on_connections(port: int) -> int:
    """Set TCP_NODELAY on this process's connections on local ``port`` that lack it; how many (0 off Linux).

    For the ones the kernel completed before the listening socket had it: Streamlit listens from
    its bind on, and the server imports the dashboard and starts its runtime (3-4 s) before
    serving, so a browser that reconnects while the server restarts has its connections waiting,
    without TCP_NODELAY, when the listener gets it. serve.py calls this once they are accepted.
    """
    return _set_on(port, listening=False)
