"""Streamlit's own scripts go out gzipped from the server `make run` starts (uhc/ui/compressed_static.py)."""

from __future__ import annotations

import gzip
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from streamlit import file_util
from test_browser import _serve

from uhc.ui.compressed_static import accepts_gzip


def test_gzip_is_taken_unless_the_header_refuses_it():
    assert accepts_gzip("gzip, deflate, br, zstd")  # Chromium's
    assert accepts_gzip("deflate;q=0.5, GZIP;q=0.8")
    assert accepts_gzip("*")
    assert not accepts_gzip("")
    assert not accepts_gzip("identity")
    assert not accepts_gzip("gzip;q=0")
    assert not accepts_gzip("br, gzip;q=0.0")


def _get(url: str, accept_encoding: str) -> tuple[dict[str, str], bytes]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(url, headers={"Accept-Encoding": accept_encoding})
    with opener.open(request, timeout=30) as response:
        return {name.lower(): value for name, value in response.headers.items()}, response.read()


def test_the_server_sends_streamlit_s_scripts_gzipped_and_the_same_bytes_unpacked(
    demo_store_path: Path, tmp_path: Path
):
    with _serve(demo_store_path, tmp_path) as url:
        _, page = _get(url + "/", "gzip")
        script = re.findall(r'src="\.?(/static/js/[^"]+\.js)"', page.decode())[0]  # the bundle index.html loads
        on_disk = (Path(file_util.get_static_dir()) / script.lstrip("/")).read_bytes()

        headers, body = _get(url + script, "gzip, deflate, br")
        assert headers["content-encoding"] == "gzip"
        assert headers["cache-control"] == "public, immutable, max-age=31536000"  # as Streamlit sends it
        assert headers["content-type"].startswith("text/javascript")
        assert int(headers["content-length"]) == len(body) < len(on_disk) / 2
        assert gzip.decompress(body) == on_disk

        headers, body = _get(url + script, "identity")  # a client that takes no gzip: Streamlit's own answer
        assert "content-encoding" not in headers
        assert body == on_disk

        # A path out of Streamlit's bundle is Streamlit's to answer: its path check refuses it, nothing is sent
        with pytest.raises(urllib.error.HTTPError) as refused:
            _get(url + "/static/../../../serve.py", "gzip")
        assert refused.value.code == 400
        assert refused.value.headers.get("content-encoding") is None
