"""The project as an installed package: a wheel built offline, installed into a fresh venv, run from elsewhere.

Also that the locks stay what the README says: every package pinned with hashes, and the pins of
pyproject.toml the very versions in requirements.txt.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from uhc import paths

REPO_ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _run(command: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, f"{command} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with only the project's wheel in it; its dependencies come from this interpreter's site-packages."""
    wheels = tmp_path_factory.mktemp("wheels")
    # No build isolation: the build backend pinned in [build-system] is in the dev lock, so no download.
    offline = ["--isolated", "--no-index", "--no-deps"]
    _run(
        [sys.executable, "-m", "pip", "wheel", *offline, "--no-build-isolation", "--wheel-dir", wheels, REPO_ROOT],
        cwd=wheels,
    )
    (wheel,) = wheels.glob("uhc_dashboard-*.whl")
    venv = tmp_path_factory.mktemp("venv")
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=venv)
    python = venv / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", python, "install", *offline, wheel], cwd=venv)
    # A venv made from a venv sees the base interpreter's packages, not these: point it at this one's.
    site = Path(
        _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=venv).stdout.strip()
    )
    (site / "test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return venv


def _user_env() -> dict[str, str]:
    """The environment without anything that would point Python or the CLI at this checkout."""
    return {key: value for key, value in os.environ.items() if key not in {"PYTHONPATH", "UHC_DB", "VIRTUAL_ENV"}}


def test_installed_console_script_builds_and_reads_the_demo_store_from_another_folder(
    installed: Path, tmp_path: Path
) -> None:
    uhc = installed / "bin" / "uhc"
    assert "usage: uhc" in _run([uhc, "--help"], cwd=tmp_path, env=_user_env()).stdout

    store = tmp_path / "x.duckdb"
    done = _run([uhc, "--db", store, "init", "--demo"], cwd=tmp_path, env=_user_env())
    assert "demo city Kota Pontianak" in done.stdout
    assert "demo register and BPJS list (synthetic people" in done.stdout
    # The table's words come from the message catalogs the wheel carries (uhc/locale).
    table = _run([uhc, "--db", store, "gap", "--level", "kota"], cwd=tmp_path, env=_user_env()).stdout.splitlines()
    assert table[0] == "Januari 2026 · target 98%"
    assert table[1].split()[0] == "Wilayah"
    gap = _run([uhc, "--db", store, "gap", "--level", "kota", "--format", "json"], cwd=tmp_path, env=_user_env())
    (city,) = json.loads(gap.stdout)
    # The demo's published January 2026 figures: 683.706 of 690.277 registered.
    assert (city["kemendagri_code"], city["period"], city["population"], city["registered"]) == (
        "61.71",
        "2026-01",
        690_277,
        683_706,
    )


def test_installed_package_finds_its_sql_and_static_files_inside_itself(installed: Path, tmp_path: Path) -> None:
    script = (
        "import json, uhc, uhc.paths as p, uhc.output.maps as m, uhc.i18n as i;"
        "print(json.dumps([uhc.__file__, str(p.QUERIES_DIR), str(m.TOPOJSON_DIR), str(i.catalog_path('id')),"
        " p.INSTALLED, str(p.DEFAULT_DB), len(list(p.MIGRATIONS_DIR.glob('*.sql'))),"
        " (m.TOPOJSON_DIR / 'world_110m.json').is_file()]))"
    )
    done = _run([installed / "bin" / "python", "-c", script], cwd=tmp_path, env=_user_env())
    package_file, queries, topojson, catalog, is_installed, default_db, migration_count, has_topojson = json.loads(
        done.stdout
    )
    package = Path(package_file).parent
    assert package.is_relative_to(installed)
    assert (Path(queries), Path(topojson), Path(catalog)) == (
        package / "queries",
        package / "static" / "topojson",
        package / "locale" / "id" / "LC_MESSAGES" / "uhc.po",
    )
    assert (is_installed, default_db, has_topojson) == (True, "data/uhc.duckdb", True)
    assert migration_count == len(list((REPO_ROOT / "queries" / "migrations").glob("*.sql")))


def test_checkout_finds_the_top_level_folders() -> None:
    assert paths.INSTALLED is False
    assert (paths.QUERIES_DIR, paths.STATIC_DIR, paths.DEFAULT_DB) == (
        REPO_ROOT / "queries",
        REPO_ROOT / "static",
        REPO_ROOT / "data" / "uhc.duckdb",
    )


def _locked(path: Path) -> dict[str, tuple[str, int]]:
    """name -> (version, number of hashes) of a pip-compile style lock; fails on a line that is not pinned."""
    text = path.read_text(encoding="utf-8")
    found: dict[str, tuple[str, int]] = {}
    for entry in re.split(r"\n(?=\S)", text):
        if entry.startswith("#") or not entry.strip():
            continue
        match = re.match(r"([A-Za-z0-9._-]+)==([^\s\\;]+)", entry)
        assert match, f"{path.name}: not an exact pin: {entry.splitlines()[0]!r}"
        found[canonicalize_name(match.group(1))] = (
            match.group(2),
            len(re.findall(r"--hash=sha256:[0-9a-f]{64}", entry)),
        )
    return found


@pytest.mark.parametrize("lock", ["requirements.txt", "requirements-dev.txt"])
def test_lock_pins_every_package_with_hashes(lock: str) -> None:
    locked = _locked(REPO_ROOT / lock)
    assert [name for name, (_, hashes) in locked.items() if hashes == 0] == []
    runtime = {
        canonicalize_name(req.name): str(req.specifier).removeprefix("==")
        for req in map(Requirement, PYPROJECT["project"]["dependencies"])
    }
    assert {name: locked.get(name, ("missing", 0))[0] for name in runtime} == runtime


def test_dev_lock_holds_the_runtime_lock_and_the_tools_the_checks_need() -> None:
    runtime = _locked(REPO_ROOT / "requirements.txt")
    dev = _locked(REPO_ROOT / "requirements-dev.txt")
    assert {name: dev.get(name) for name in runtime} == runtime
    (backend,) = PYPROJECT["build-system"]["requires"]
    backend_requirement = Requirement(backend)
    assert dev[canonicalize_name(backend_requirement.name)][0] == str(backend_requirement.specifier).removeprefix("==")
    assert {"pytest", "ruff", "import-linter", "mypy", "uv"} <= dev.keys()
