"""Shared fixtures: the demo store, built once per test session."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from uhc.store import auth, seed
from uhc.store.db import Store

# Real boundary files and BPS crosswalks of three cities: kept beside the project (../shared/real),
# never copied into it. UHC_SHARED_REAL points elsewhere.
REAL_DATA_DIR = Path(os.environ.get("UHC_SHARED_REAL", Path(__file__).resolve().parents[1].parent / "shared" / "real"))


@pytest.fixture(scope="session")
def real_data_dir() -> Path:
    """The folder of real boundary files; a clear failure when the checkout has none beside it."""
    if not (REAL_DATA_DIR / "SOURCES.md").is_file():
        pytest.fail(
            f"The real boundary files are not at {REAL_DATA_DIR}: the tests read them from the shared/real "
            "folder beside the checkout. Check out the project next to shared/, or set UHC_SHARED_REAL.",
            pytrace=False,
        )
    return REAL_DATA_DIR


@pytest.fixture(scope="session")
def demo_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store file holding the demo city (Kota Pontianak), built once for the whole session.

    Tests must not write to it: open it with ``Store.open(path, read_only=True)`` or copy it.
    """
    path = tmp_path_factory.mktemp("demo_store") / "demo.duckdb"
    with Store.open(path) as store:
        seed.add_demo(store)
    return path


# The editor the login tests log in as (test_data_page, test_browser_data, test_ekspor_page).
EDITOR_NAME = "rina"
EDITOR_PASSWORD = "kunci-rahasia-2026"


@pytest.fixture
def editor_store(demo_store_path: Path, tmp_path: Path) -> Path:
    """A copy of the demo store with the editor EDITOR_NAME (password EDITOR_PASSWORD), for tests that write."""
    path = tmp_path / "editor.duckdb"
    shutil.copy(demo_store_path, path)
    with Store.open(path) as store:
        auth.add_user(store, EDITOR_NAME, EDITOR_PASSWORD, "editor")
    return path


@pytest.fixture
def store_copy(demo_store_path: Path, tmp_path: Path) -> Path:
    """A copy of the demo store a test may write to (settings, events, imports)."""
    path = tmp_path / "demo_copy.duckdb"
    shutil.copy(demo_store_path, path)
    return path


@pytest.fixture
def demo_store(demo_store_path: Path) -> Iterator[Store]:
    """The session's demo store, opened read-only for one test."""
    with Store.open(demo_store_path, read_only=True) as store:
        yield store


@pytest.fixture
def february_recap() -> Callable[[Path, Path], Path]:
    """Writes a February 2026 recap of every demo kelurahan as a branch office would: January plus 100.

    Call it with the store to read January from and the folder to write to; it returns the CSV's
    path. Read before a server or a write opens the store (this process must not hold the file).
    """

    def write(store_path: Path, folder: Path) -> Path:
        with Store.open(store_path, read_only=True) as store:
            names = dict(
                store.run("region", scope_code="61.71", level="kelurahan").select("kemendagri_code", "name").iter_rows()
            )
            january = store.run(
                "coverage_by_region_month", code_length=13, scope_code="61.71", periods=[dt.date(2026, 1, 1)]
            )
        lines = [
            "REKAP KEPESERTAAN JKN KOTA PONTIANAK",
            "Posisi: Februari 2026",
            "",
            "No;Kode Wilayah;Kelurahan;Jumlah Peserta;Peserta Aktif",
        ]
        rows = january.select("kemendagri_code", "registered", "active").iter_rows()
        for number, (code, registered, active) in enumerate(rows, 1):
            lines.append(f"{number};{code};{names[code]};{registered + 100:_};{active + 100:_}".replace("_", "."))
        path = folder / "rekap_februari_2026.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return write
