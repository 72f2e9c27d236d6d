"""The Ekspor page's previews drawn ahead: while "Pratinjau" is off, background threads draw them.

The seven preview pictures of the demo take Kaleido about 1,2 s and building their figures about
0,6 s more; drawn while the user reads the page, switching "Pratinjau" on finds them ready (or
waits for the ones being drawn). Bounded: ``WORKERS`` threads for the whole process (two: one
builds the next figure, in Python, while Kaleido's Chromium draws the one before; Kaleido itself
draws one picture at a time, uhc.output.export's lock), at most ``KEPT`` pictures kept (the least
recently used go first). A picture is keyed on connection.figures_generation() besides its own
arguments, so a write through connection.write() (an import, a saved wording) makes every picture
drawn before it unused. Another user's download waits for at most the one picture being drawn here.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future

from uhc.ui import connection

KEPT = 32
WORKERS = 2
_log = logging.getLogger(__name__)
_lock = threading.Lock()
_pictures: OrderedDict[tuple, Future[bytes]] = OrderedDict()
_waiting: list[tuple[Future[bytes], Callable[[], bytes]]] = []
_working = 0  # background threads drawing now (under _lock): one that finds nothing waiting leaves under it


def key(*arguments: Hashable) -> tuple:
    """The cache key of a picture made from ``arguments``, in this process's current figures."""
    return (connection.figures_generation(), *arguments)


def draw_ahead(jobs: list[tuple[tuple, Callable[[], bytes]]]) -> None:
    """Have the background threads draw each (key, make) not kept or waiting yet, in this order; returns at once."""
    global _working
    with _lock:
        for picture_key, make in jobs:
            if picture_key in _pictures:
                _pictures.move_to_end(picture_key)
                continue
            future: Future[bytes] = Future()
            _pictures[picture_key] = future
            _waiting.append((future, make))
            _trim()
        while _working < min(WORKERS, len(_waiting)):
            _working += 1
            threading.Thread(target=_render_waiting, name="uhc-previews-ahead", daemon=True).start()


def _render_waiting() -> None:
    global _working
    while True:
        with _lock:
            if not _waiting:
                _working -= 1
                return
            future, make = _waiting.pop(0)
        if not future.set_running_or_notify_cancel():
            continue  # taken over by a page, or dropped
        try:
            future.set_result(make())
        except Exception as error:  # the page that asks for it makes it again and shows the error
            _log.warning("a preview drawn ahead failed: %s: %s", type(error).__name__, error)
            future.set_exception(error)


def picture(picture_key: tuple, make: Callable[[], bytes]) -> bytes:
    """The picture of ``picture_key``: drawn ahead (waiting for it while it is drawn), or made now."""
    with _lock:
        future = _pictures.get(picture_key)
        if future is not None:
            _pictures.move_to_end(picture_key)
    if future is not None and not future.cancel():  # drawn or being drawn: not started ones are made here
        try:
            return future.result()
        except Exception:
            pass  # made again below: a real fault is raised there, in the page
    made = make()
    done: Future[bytes] = Future()
    done.set_result(made)
    with _lock:
        _pictures[picture_key] = done
        _trim()
    return made


def _trim() -> None:
    """Keep the KEPT most recently used pictures (under _lock); a dropped one still waiting is never drawn."""
    while len(_pictures) > KEPT:
        _pictures.popitem(last=False)[1].cancel()


def clear() -> None:
    """Forget every picture (tests; a write makes them unused anyway through the key)."""
    with _lock:
        for future in _pictures.values():
            future.cancel()
        _pictures.clear()
        _waiting.clear()
