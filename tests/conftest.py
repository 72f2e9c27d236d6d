"""Shared fixtures: the demo store, built once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from uhc import seed
from uhc.store import Store


@pytest.fixture(scope="session")
def demo_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store file holding the demo city (Kota Pontianak), built once for the whole session.

    Tests must not write to it: open it with ``Store.open(path, read_only=True)`` or copy it.
    """
    path = tmp_path_factory.mktemp("demo_store") / "demo.duckdb"
    with Store.open(path) as store:
        seed.add_demo(store)
    return path


@pytest.fixture
def demo_store(demo_store_path: Path) -> Iterator[Store]:
    """The session's demo store, opened read-only for one test."""
    with Store.open(demo_store_path, read_only=True) as store:
        yield store
