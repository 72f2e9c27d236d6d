"""Run ``python -m uhc`` from the project root as a user would: the one runner the CLI tests share."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from uhc.intake.imports import BEFORE_COMMIT_EVENT

REPO_ROOT = Path(__file__).resolve().parents[1]
PAUSE_HOOK_DIR = Path(__file__).resolve().parent / "pause_in_import"


def uhc(*args: str | Path, stdin: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``python -m uhc ARGS`` with ``stdin`` as its input; the store comes from --db, never from $UHC_DB."""
    environment = {key: value for key, value in os.environ.items() if key != "UHC_DB"}
    return subprocess.run(
        [sys.executable, "-m", "uhc", *map(str, args)],
        cwd=REPO_ROOT,
        env=environment | (env or {}),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def pausing_in_import(environment: dict[str, str], seconds: float) -> dict[str, str]:
    """``environment`` for a ``python -m uhc`` that holds each import's transaction open for ``seconds``.

    Inside the transaction, its figures written, the process writes "paused inside the import transaction" on stderr and
    sleeps (pause_in_import/sitecustomize.py, an audit hook on the importer's BEFORE_COMMIT_EVENT).
    """
    path = os.pathsep.join(part for part in (str(PAUSE_HOOK_DIR), environment.get("PYTHONPATH")) if part)
    return environment | {
        "PYTHONPATH": path,
        "UHC_TEST_PAUSE_EVENT": BEFORE_COMMIT_EVENT,
        "UHC_TEST_PAUSE_SECONDS": str(seconds),
    }
