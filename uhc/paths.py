"""Where the project's files are: the queries folder and the default store."""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = PROJECT_ROOT / "queries"
MIGRATIONS_DIR = QUERIES_DIR / "migrations"
DEFAULT_DB = PROJECT_ROOT / "data" / "uhc.duckdb"


def store_path(explicit: str | os.PathLike | None = None) -> Path:
    """The store file: the explicit path, else $UHC_DB, else data/uhc.duckdb in the project."""
    if explicit:
        return Path(explicit)
    if os.environ.get("UHC_DB"):
        return Path(os.environ["UHC_DB"])
    return DEFAULT_DB
