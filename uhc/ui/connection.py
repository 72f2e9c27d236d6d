"""The store behind the dashboard: one read-only connection per process, a lock, and write().

The dashboard reads through one read-only connection per process, so the command line can read
the store while the dashboard runs. DuckDB lets a file be open read-write by one process only,
and not read-only and read-write at once in the same process, so :func:`write` takes a
process-wide lock that every read shares, closes the read-only connection, writes through a
read-write one, closes it again, and clears the cached figures.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import streamlit as st

from uhc import i18n
from uhc.paths import store_path
from uhc.store.db import Store, StoreBusy, StoreError
from uhc.ui.session import current_user, language

T = TypeVar("T")
_NOTICE_KEY = "uhc_data_notice"  # the outcome of the last write, shown once by show_notice


class _ReadersWriterLock:
    """Many readers at once, or one writer alone. A waiting writer holds back new readers, except a
    thread that already reads (so a read inside a read cannot wait for the writer it blocks)."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0
        self._depth = threading.local()

    @contextmanager
    def shared(self) -> Iterator[None]:
        depth = getattr(self._depth, "value", 0)
        with self._changed:
            while self._writing or (self._writers_waiting and depth == 0):
                self._changed.wait()
            self._readers += 1
        self._depth.value = depth + 1
        try:
            yield
        finally:
            self._depth.value = depth
            with self._changed:
                self._readers -= 1
                self._changed.notify_all()

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        if getattr(self._depth, "value", 0):
            raise RuntimeError("a write cannot start inside a read of the same thread")
        with self._changed:
            self._writers_waiting += 1
            try:
                while self._writing or self._readers:
                    self._changed.wait()
            finally:
                self._writers_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._changed:
                self._writing = False
                self._changed.notify_all()


_STORE_LOCK = _ReadersWriterLock()
# How many writes of figures this process has made: an open page compares it with the one it drew.
_figures_written = 0


def figures_generation() -> int:
    """A number that changes whenever this process writes figures (imports, restores); see sidebar.follow_new_figures."""
    return _figures_written


@st.cache_resource(show_spinner=False, on_release=Store.close)
def _store(db: str) -> Store:
    """One read-only connection per process and store file; sessions use cursors of it."""
    return Store.open(db, read_only=True)


@contextmanager
def cursor(db: str) -> Iterator[Store]:
    """A cursor of the shared connection for one read, closed after it; a write waits for it."""
    with _STORE_LOCK.shared(), _store(db).cursor() as cursor:
        yield cursor


def hold_store(db: str | None = None) -> bool:
    """Open the process's read-only connection now (at the server's start), so that no other program can
    write the store while the dashboard serves; False (and a log line) when there is no store to open yet."""
    db = db or str(store_path())
    try:
        _store(db)
    except StoreError as error:  # the pages say what to do (create it, migrate it) when they are opened
        logging.getLogger("uhc.dashboard").warning("the store was not opened at the start: %s", error)
        return False
    return True


def write_store(fn: Callable[[Store], T], db: str, changes_figures: bool) -> T:
    """Run ``fn`` on the store opened read-write while every read waits; StoreBusy when it cannot open.

    The read-only connection is opened again before any read resumes, so the store is never left
    free for another program's write in between.
    """
    with _STORE_LOCK.exclusive():
        _store.clear()  # closes this process's read-only connection (on_release)
        try:
            with Store.open(db, migrate=False) as store:
                result = fn(store)
            if changes_figures:  # before any read resumes: no page may cache the old figures again
                st.cache_data.clear()
                global _figures_written
                _figures_written += 1
        finally:
            hold_store(db)
    return result


def write(fn: Callable[[Store], T], *, db: str | None = None) -> T | None:
    """Run ``fn(store)`` on the store opened read-write for the logged-in editor; its result.

    ``fn`` writes inside ``store.transaction()``; reads of every session wait meanwhile, and every
    page's cached figures are dropped afterwards. When another program has the file open, nothing
    changes, the result is None and a message naming that program and what to do is kept for
    :func:`show_notice`. Exceptions of ``fn`` propagate (its transaction has rolled back).
    Without a login, PermissionError. Call it from a button's on_click callback: the page then
    draws the outcome in the same run.
    """
    if current_user() is None:
        raise PermissionError("writing to the store needs an editor login")
    try:
        return write_store(fn, db or str(store_path()), changes_figures=True)
    except StoreBusy as busy:
        notice("error", busy_message(busy, language()))
        return None


def notice(kind: str, message: str) -> None:
    st.session_state[_NOTICE_KEY] = (kind, message)


def show_notice() -> None:
    """The outcome of the last write (saved, or why not), once."""
    kind, message = st.session_state.pop(_NOTICE_KEY, (None, None))
    if kind == "success":
        st.success(message, icon=":material/check_circle:")
    elif kind == "error":
        st.error(message, icon=":material/error:")


def busy_message(busy: StoreBusy, lang: str) -> str:
    """What to tell the user when the store cannot be opened for writing: who holds it, what to do."""
    holder = {"dashboard": i18n.N_("data_busy_dashboard"), "cli": i18n.N_("data_busy_cli")}.get(
        busy.holder_kind or "", i18n.N_("data_busy_other")
    )
    pid = "?" if busy.holder_pid is None else str(busy.holder_pid)
    return i18n.text("data_store_busy", lang, holder=i18n.text(holder, lang, pid=pid))
