"""Run ``python -m uhc`` from the project root as a user would: the one runner the CLI tests share."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from uhc.intake.imports import PAUSE_VARIABLE

REPO_ROOT = Path(__file__).resolve().parents[1]


def uhc(*args: str | Path, stdin: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``python -m uhc ARGS`` with ``stdin`` as its input; the store comes from --db, never from $UHC_DB.

    The test hook that pauses an import (``PAUSE_VARIABLE``) is cleared unless ``env`` sets it.
    """
    environment = {key: value for key, value in os.environ.items() if key not in {"UHC_DB", PAUSE_VARIABLE}}
    return subprocess.run(
        [sys.executable, "-m", "uhc", *map(str, args)],
        cwd=REPO_ROOT,
        env=environment | (env or {}),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )
