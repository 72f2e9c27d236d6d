"""Streamlit's own script and style files, sent gzipped: compressed once per process, kept in memory.

Streamlit serves its frontend (``/static/js/*.js``, ``/static/css/*.css``: 9,3 MB on the
overview, 4,7 MB of it Plotly) uncompressed, because compressing on every request would cost the
server's CPU each time. Compressed once and kept, the overview's are 2,9 MB; a fresh browser gets
them sooner, and the server (one Python process that also runs the pages) spends less time
sending. Only these files, which ship with Streamlit and never change while the server runs; a
browser that does not accept gzip, any other path and any other request go to Streamlit as
before. Bounded: the 320 files of Streamlit 1.67's bundle, 22,9 MB, are 6,9 MB compressed (about
0,5 s of CPU once, in a background thread at the start).
"""

from __future__ import annotations

import gzip
import threading
from pathlib import Path
from typing import Any

import anyio.to_thread
from streamlit import config, file_util

_TYPES = {".js": b"text/javascript; charset=utf-8", ".css": b"text/css; charset=utf-8"}
# Streamlit's hashed bundle files are named by their content: cached by the browser for a year, as
# Streamlit sends them (web/server/starlette/starlette_server_config.py, STATIC_ASSET_CACHE_MAX_AGE_SECONDS).
_CACHE_CONTROL = b"public, immutable, max-age=31536000"
_LEVEL = 6


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding header value takes gzip (``gzip;q=0`` refuses it)."""
    for part in accept_encoding.split(","):
        name, _, parameters = part.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            quality = parameters.strip().removeprefix("q=").strip() if parameters.strip().startswith("q=") else "1"
            try:
                return float(quality) > 0
            except ValueError:
                return False
    return False


class CompressedFrontend:
    """ASGI middleware (st.App's ``middleware``) sending Streamlit's /static/ scripts and styles gzipped."""

    def __init__(self, app: Any, directory: str | Path | None = None, *, ahead: bool = False) -> None:
        """``ahead``: compress every file in a background thread now (Starlette builds its middleware at the server's start)."""
        self.app = app
        self.folder = (Path(directory or file_util.get_static_dir()) / "static").resolve()
        self._packed: dict[str, bytes] = {}
        self._lock = threading.Lock()
        if ahead:
            threading.Thread(target=self.pack_all, name="uhc-compress-frontend", daemon=True).start()

    def file_of(self, path: str) -> Path | None:
        """The file of Streamlit's bundle a request path names (``/static/js/x.js``); None for anything else."""
        base = (config.get_option("server.baseUrlPath") or "").strip("/")
        prefix = f"/{base}/static/" if base else "/static/"
        if not path.startswith(prefix):
            return None
        file = (self.folder / path[len(prefix) :]).resolve()
        if file.suffix not in _TYPES or not file.is_relative_to(self.folder) or not file.is_file():
            return None
        return file

    def packed(self, file: Path) -> bytes:
        """The gzip of ``file``, compressed at its first request (or by :meth:`pack_all`) and kept."""
        key = str(file)
        body = self._packed.get(key)
        if body is None:
            body = gzip.compress(file.read_bytes(), compresslevel=_LEVEL, mtime=0)
            with self._lock:
                self._packed[key] = body
        return body

    def pack_all(self) -> None:
        """Compress every script and style file ahead, the largest first (a background thread at the server's start)."""
        files = [file for file in self.folder.rglob("*") if file.suffix in _TYPES and file.is_file()]
        for file in sorted(files, key=lambda file: file.stat().st_size, reverse=True):
            self.packed(file)

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        file = self.file_of(scope.get("path", ""))
        if file is None or not accepts_gzip(headers.get(b"accept-encoding", b"").decode("latin-1")):
            await self.app(scope, receive, send)
            return
        key = str(file)
        body = self._packed.get(key)
        if body is None:
            body = await anyio.to_thread.run_sync(self.packed, file)
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", _TYPES[file.suffix]),
                    (b"content-encoding", b"gzip"),
                    (b"content-length", str(len(body)).encode()),
                    (b"cache-control", _CACHE_CONTROL),
                    (b"vary", b"Accept-Encoding"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})
