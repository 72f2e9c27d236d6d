"""The reader run in a child process with a memory and a time limit, so a file cannot take the server down.

``uhc.intake.file_limits`` refuses what it can see before a library opens a file; this is for what it
cannot (an ODS repeating a filled cell a million times, an XLSX with cells written without
references): calamine, a Rust library, aborts the whole process when an allocation fails. Here
``reader.read_file`` and ``reader.sheets`` run in a worker process whose address space is capped
(``resource.RLIMIT_AS``); a worker that dies (abort, MemoryError, SIGKILL, segfault) or overruns
the time limit is killed and its file becomes an ``unreadable`` issue, and the next call gets a
new worker.

Workers are ``python -m uhc.intake.reader_process`` subprocesses, not multiprocessing's: Streamlit serves
sessions from threads (so no fork of the server), and a ``spawn`` child re-runs the ``__main__``
module, which under Streamlit is the page script (it opened the store in the child). Requests and
answers are pickles on the child's stdin and stdout. Workers are kept warm between calls: starting one costs about a second (Python, Polars,
fastexcel), a call to a warm one a few milliseconds. Each call takes an idle worker or starts
one, so two sessions reading at once do not wait for each other.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import pickle
import resource
import select
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

import polars as pl

from uhc.intake import reader
from uhc.paths import PACKAGE_PARENT

# The largest real recap (83.762 kelurahan, national) reads in a few hundred MB; 2 GB leaves room
# and stops a sheet that would need 512 GB long before the machine runs out.
MEMORY_LIMIT_BYTES = 2 * 1024**3
TIME_LIMIT_S = 60.0
# How long a new worker may take to import the reader before it counts as crashed.
START_LIMIT_S = 60.0
IDLE_WORKERS = 2

# The child's exit status when Python itself runs out of memory outside a reading.
_OUT_OF_MEMORY_EXIT = 75
_idle: dict[int, list[_Worker]] = {}
_lock = threading.Lock()


class _Died(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def read_file(
    data: bytes,
    file_name: str,
    kind: reader.Kind,
    sheet: str | None = None,
    mapping: dict[str, str] | None = None,
    period: dt.date | None = None,
    *,
    memory_limit_bytes: int = MEMORY_LIMIT_BYTES,
    time_limit_s: float = TIME_LIMIT_S,
) -> reader.Parsed:
    """``reader.read_file`` in a worker process; a worker that dies or overruns gives an ``unreadable`` issue."""
    data = bytes(data)
    try:
        return _call(memory_limit_bytes, time_limit_s, ("read_file", (data, file_name, kind, sheet, mapping, period)))
    except _Died as died:
        return unreadable(data, file_name, kind, died.reason)


def sheets(
    data: bytes, *, memory_limit_bytes: int = MEMORY_LIMIT_BYTES, time_limit_s: float = TIME_LIMIT_S
) -> tuple[str, ...]:
    """``reader.sheets`` in a worker process; none when the worker dies (reading the file then says why)."""
    data = bytes(data)
    if not data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return ()  # a CSV has no sheets; no need to wake a worker
    try:
        return _call(memory_limit_bytes, time_limit_s, ("sheets", (data,)))
    except _Died:
        return ()


def unreadable(data: bytes, file_name: str, kind: reader.Kind, reason: str) -> reader.Parsed:
    """A reading with one error: the file could not be read, for ``reason`` (``ingest_reason_<reason>``)."""
    issue = reader.Issue("error", "unreadable", file_name, params={"reason": reason})
    return reader.Parsed(
        file_name=file_name,
        sha256=hashlib.sha256(data).hexdigest(),
        kind=kind,
        rows=pl.DataFrame(schema=reader.ROW_SCHEMA),
        issues=(issue,),
    )


def _call(memory_limit_bytes: int, time_limit_s: float, request: tuple):
    worker = _take(memory_limit_bytes)
    try:
        answer = worker.ask(request, time_limit_s)
    except BaseException:
        worker.stop()
        raise
    _give_back(worker)
    return answer


def _take(memory_limit_bytes: int) -> _Worker:
    with _lock:
        idle = _idle.setdefault(memory_limit_bytes, [])
        while idle:
            worker = idle.pop()
            if worker.alive():
                return worker
            worker.stop()
    return _Worker.start(memory_limit_bytes)


def _give_back(worker: _Worker) -> None:
    with _lock:
        idle = _idle.setdefault(worker.memory_limit_bytes, [])
        if len(idle) < IDLE_WORKERS:
            idle.append(worker)
            return
    worker.stop()


@dataclass
class _Worker:
    """One child process (``python -m uhc.intake.reader_process``) answering pickled requests on its stdin."""

    process: subprocess.Popen[bytes]
    memory_limit_bytes: int
    requests: IO[bytes]  # the child's stdin
    answers: IO[bytes]  # the child's stdout

    @classmethod
    def start(cls, memory_limit_bytes: int) -> _Worker:
        # The child finds this same uhc (checkout or installed) whatever the server's working directory.
        package_parent = str(PACKAGE_PARENT)
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")])))
        process = subprocess.Popen(
            [sys.executable, "-m", "uhc.intake.reader_process", str(memory_limit_bytes)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        if process.stdin is None or process.stdout is None:  # never: both were asked for as pipes
            raise OSError("the reader process has no pipes")
        worker = cls(process, memory_limit_bytes, process.stdin, process.stdout)
        worker.answer(START_LIMIT_S)  # "ready": the reader is imported and the limit set
        return worker

    def ask(self, request: tuple, time_limit_s: float):
        try:
            pickle.dump(request, self.requests, protocol=pickle.HIGHEST_PROTOCOL)
            self.requests.flush()
        except OSError:
            raise _Died(self.reason()) from None
        return self.answer(time_limit_s)

    def answer(self, time_limit_s: float):
        readable, _, _ = select.select([self.answers], [], [], max(time_limit_s, 0))
        if not readable:
            self.stop()
            raise _Died("reader_time")
        try:
            status, value = pickle.load(self.answers)
        except (EOFError, OSError, pickle.UnpicklingError):
            raise _Died(self.reason()) from None
        if status == "memory":
            raise _Died("reader_memory")
        return value

    def reason(self) -> str:
        """Why the child ended: out of memory (abort, SIGKILL) or another crash."""
        try:
            code = self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.stop()
            return "reader_crashed"
        # A Rust allocation that fails aborts (SIGABRT); the kernel's OOM killer sends SIGKILL.
        if code in (-signal.SIGABRT, -signal.SIGKILL, _OUT_OF_MEMORY_EXIT):
            return "reader_memory"
        return "reader_crashed"

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.requests, self.answers):
            with contextlib.suppress(OSError):
                stream.close()


def _serve(memory_limit_bytes: int) -> None:
    """The child's loop: set the memory limit, then answer (name, args) requests until stdin closes."""
    # Answers go on a private copy of stdout; anything a library prints goes to stderr instead.
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    requests = sys.stdin.buffer
    resource.setrlimit(resource.RLIMIT_AS, (memory_limit_bytes, memory_limit_bytes))
    functions: dict[str, Callable[..., object]] = {"read_file": reader.read_file, "sheets": reader.sheets}
    try:
        answer: tuple = ("ok", None)
        while True:
            pickle.dump(answer, answers, protocol=pickle.HIGHEST_PROTOCOL)
            answers.flush()
            try:
                name, args = pickle.load(requests)
            except EOFError:
                return
            try:
                answer = ("ok", functions[name](*args))
            except MemoryError:
                answer = ("memory", None)
    except MemoryError:
        os._exit(_OUT_OF_MEMORY_EXIT)


if __name__ == "__main__":
    _serve(int(sys.argv[1]))
