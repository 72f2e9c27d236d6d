"""TCP_NODELAY on the dashboard's listening socket: no 40 ms wait on every answer after a connection's first.

Streamlit 1.67 binds the server's socket itself (``socket.socket(family)``: protocol 0), and
asyncio sets TCP_NODELAY on an accepted connection only when its protocol reads IPPROTO_TCP
(asyncio/base_events.py ``_set_nodelay``). So every connection keeps Nagle's algorithm on: the
server writes an answer's headers and then its body, the body waits for the browser to acknowledge
the headers, and the browser delays that acknowledgement by 40 ms. A fresh browser fetches about
120 of Streamlit's files over six connections, so each waited some 40 ms and the first page's
scripts came in over half a second instead of a few milliseconds; each websocket message after
another waited the same (uvicorn's issue 3149 is the same fault in uvicorn's own binding).

Linux gives a connection the listening socket's TCP_NODELAY when it accepts it, so setting it once
on the listening socket, at the server's start, fixes every connection. The listening socket is
found among the process's open files by the port it listens on; no other socket is touched.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

_FD_FOLDER = Path("/proc/self/fd")


def _listening(fd: int) -> socket.socket | None:
    """A second handle on file descriptor ``fd`` when it is a listening TCP socket; None otherwise."""
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
    try:
        stream = handle.type == socket.SOCK_STREAM and handle.family in (socket.AF_INET, socket.AF_INET6)
        if stream and handle.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN):
            return handle
    except OSError:
        pass
    handle.close()
    return None


def set_on_listening_sockets(port: int) -> int:
    """Set TCP_NODELAY on this process's listening TCP sockets on ``port``; how many were set (0 off Linux)."""
    if not _FD_FOLDER.is_dir():
        return 0
    done = 0
    for name in os.listdir(_FD_FOLDER):
        if not name.isdigit() or (handle := _listening(int(name))) is None:
            continue
        with handle:
            if handle.getsockname()[1] == port:
                handle.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                done += 1
    return done
