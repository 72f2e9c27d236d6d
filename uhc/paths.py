"""Where the project's files are: the queries and static folders, the demo's boundaries and the default store.

In a checkout, ``queries/``, ``static/`` and ``data/pontianak/`` sit at the top of the project,
beside ``uhc/``. An installed wheel carries them inside the package (``uhc/queries``, ``uhc/static``,
``uhc/data/pontianak``: pyproject.toml's ``[tool.hatch.build.targets.wheel.force-include]``), since
site-packages has no project folder.
"""

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# The folder to put on a child process's PYTHONPATH so that it imports this same uhc.
PACKAGE_PARENT = PACKAGE_DIR.parent
INSTALLED = (PACKAGE_DIR / "queries").is_dir()
_SHIPPED_ROOT = PACKAGE_DIR if INSTALLED else PACKAGE_PARENT
QUERIES_DIR = _SHIPPED_ROOT / "queries"
MIGRATIONS_DIR = QUERIES_DIR / "migrations"
STATIC_DIR = _SHIPPED_ROOT / "static"
# The demo city's real kecamatan and kelurahan boundaries, with their licence (data/pontianak/SOURCE.md).
DEMO_BOUNDARIES_DIR = _SHIPPED_ROOT / "data" / "pontianak"
# The checkout's data/ folder; an installed package has none, so there it is data/ in the current folder.
DEFAULT_DB = (Path("data") if INSTALLED else PACKAGE_PARENT / "data") / "uhc.duckdb"


def store_path(explicit: str | os.PathLike | None = None) -> Path:
    """The store file: the explicit path, else $UHC_DB, else DEFAULT_DB."""
    if explicit:
        return Path(explicit)
    if os.environ.get("UHC_DB"):
        return Path(os.environ["UHC_DB"])
    return DEFAULT_DB
