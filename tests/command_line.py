"""Run the command line as a user would: the runners the CLI tests share.

``uhc(...)`` calls :func:`uhc.cli.main` in this process, with its own stdin, stdout, stderr and
environment, from the project root: the same parser, commands and exit codes, without the one to
three seconds a new Python process spends importing Polars, DuckDB and the rest. ``uhc_command(...)``
starts ``python -m uhc`` as a real process; a few smoke tests use it, so the entry point itself,
the exit status a shell sees and an interrupted pipe stay covered.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from uhc.cli import main as cli
from uhc.intake.imports import BEFORE_COMMIT_EVENT
from uhc.store import auth
from uhc.store.db import Store

REPO_ROOT = Path(__file__).resolve().parents[1]
PAUSE_HOOK_DIR = Path(__file__).resolve().parent / "pause_in_import"
# The keys of a gap row in `uhc gap --format json`, in order (test_cli and test_figures read them).
GAP_KEYS = [
    "kemendagri_code",
    "name",
    "level",
    "period",
    "population",
    "registered",
    "active",
    "coverage_pct",
    "activity_pct",
    "active_coverage_pct",
    "target_pct",
    "people_needed",
    "annual_cost_idr",
    "uhc_status",
    "active_needed",
]
# The editor the imports of lists of people log in as (add_editor puts them in a store).
EDITOR = "editor"
EDITOR_PASSWORD = "door to door 2026"
# Variables the runners clear, so a test never reads the developer's store, city key or a test hook.
CLEARED = {"UHC_DB", "UHC_KEY_FILE", "UHC_TEST_PAUSE_EVENT", "UHC_TEST_PAUSE_SECONDS"}


def _environment(env: dict[str, str] | None) -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key not in CLEARED} | (env or {})


@contextlib.contextmanager
def _in_process(environment: dict[str, str], stdin: str) -> Iterator[tuple[io.StringIO, io.StringIO]]:
    saved_environ, saved_cwd, saved_stdin = dict(os.environ), Path.cwd(), sys.stdin
    out, err = io.StringIO(), io.StringIO()
    os.environ.clear()
    os.environ.update(environment)
    os.chdir(REPO_ROOT)
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            yield out, err
    finally:
        sys.stdin = saved_stdin
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_environ)


def uhc(*args: str | Path, stdin: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``uhc ARGS`` run in this process with ``stdin`` as its input; the store comes from --db, never $UHC_DB."""
    argv = [str(arg) for arg in args]
    with _in_process(_environment(env), stdin) as (out, err):
        try:
            returncode = cli.main(argv)
        except SystemExit as exit_:  # argparse's --help and usage errors
            code = exit_.code
            returncode = code if isinstance(code, int) else (0 if code is None else 1)
            if isinstance(code, str):
                print(code, file=sys.stderr)
    return subprocess.CompletedProcess(["uhc", *argv], returncode, out.getvalue(), err.getvalue())


def add_editor(db: Path) -> None:
    """Add :data:`EDITOR` to the store ``db``, with :data:`EDITOR_PASSWORD`."""
    with Store.open(db) as store:
        auth.add_user(store, EDITOR, EDITOR_PASSWORD, "editor")


def uhc_as_editor(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``uhc ARGS --user editor --password-stdin`` with the editor's password on stdin (see :func:`add_editor`)."""
    return uhc(*args, "--user", EDITOR, "--password-stdin", stdin=EDITOR_PASSWORD + "\n", env=env)


def uhc_command(*args: str | Path, stdin: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``python -m uhc ARGS`` as a new process, from the project root."""
    return subprocess.run(
        [sys.executable, "-m", "uhc", *map(str, args)],
        cwd=REPO_ROOT,
        env=_environment(env),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def pausing_in_import(environment: dict[str, str], seconds: float) -> dict[str, str]:
    """``environment`` for a ``python -m uhc`` process that holds each import's transaction open for ``seconds``.

    Inside the transaction, its figures written, the process writes "paused inside the import
    transaction" on stderr and sleeps (pause_in_import/sitecustomize.py: an audit hook on the
    importer's BEFORE_COMMIT_EVENT). It works on a new process only: ``uhc(...)`` runs in this one.
    """
    path = os.pathsep.join(part for part in (str(PAUSE_HOOK_DIR), environment.get("PYTHONPATH")) if part)
    return environment | {
        "PYTHONPATH": path,
        "UHC_TEST_PAUSE_EVENT": BEFORE_COMMIT_EVENT,
        "UHC_TEST_PAUSE_SECONDS": str(seconds),
    }
