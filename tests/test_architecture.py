"""House rules checked on the source: the core without Streamlit, one door to DuckDB, SQL in files."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


UHC_DIR = REPO_ROOT / "uhc"
QUERIES_DIR = REPO_ROOT / "queries"
# Entry points that are not importable as plain modules (running them is their effect) or
# that are allowed to know Streamlit.
NOT_CORE = {"uhc.__main__", "uhc.ui"}


def python_sources() -> list[Path]:
    """Every Python file of the app: the uhc package, the pages and the dashboard entry point."""
    files = sorted(UHC_DIR.rglob("*.py")) + sorted((REPO_ROOT / "pages").glob("*.py"))
    return files + [p for p in [REPO_ROOT / "dashboard.py"] if p.exists()]


def module_name(path: Path) -> str:
    """uhc/core/metrics.py -> uhc.core.metrics; a package's __init__ is the package."""
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_roots(path: Path) -> set[str]:
    """Top-level names of every module ``path`` imports, wherever the import statement is."""
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def string_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def test_core_modules_import_without_streamlit():
    modules = sorted(
        m for m in map(module_name, UHC_DIR.rglob("*.py")) if not any(m == n or m.startswith(n + ".") for n in NOT_CORE)
    )
    assert "uhc.core.metrics" in modules and "uhc.store.db" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'streamlit' or m.startswith('streamlit.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_only_ui_imports_streamlit_in_the_core():
    importers = sorted(module_name(p) for p in UHC_DIR.rglob("*.py") if "streamlit" in imported_roots(p))
    assert all(m == "uhc.ui" or m.startswith("uhc.ui.") for m in importers), importers


def test_only_store_imports_duckdb():
    importers = sorted(str(p.relative_to(REPO_ROOT)) for p in python_sources() if "duckdb" in imported_roots(p))
    assert importers == ["uhc/store/db.py"]


def test_the_registry_of_figures_imports_only_the_standard_library_and_polars():
    """uhc/figures.py is the lowest layer: every other module may read it, it reads none of them."""
    outside = imported_roots(UHC_DIR / "figures.py") - sys.stdlib_module_names - {"__future__", "polars"}
    assert outside == set()


# A statement shape, not a lone word: "select" and "from" also occur in plain sentences.
SQL_STATEMENT = re.compile(
    r"\bselect\b[\s\S]+\bfrom\b|\binsert\s+into\b|\bdelete\s+from\b|\bupdate\s+\w+\s+set\b|"
    r"\bcreate\s+(table|view|index)\b|\bdrop\s+table\b|\bwhere\s+\w+\s*(=|in\b)",
    re.IGNORECASE,
)
SQL_KEYWORD = re.compile(r"\b(SELECT|FROM|WHERE|JOIN|GROUP BY|ORDER BY|INSERT|UPDATE|DELETE)\b")


def test_pages_hold_no_sql():
    pages = sorted((REPO_ROOT / "pages").glob("*.py"))
    offenders = [
        (page.name, literal[:60])
        for page in pages
        for literal in string_literals(page)
        if SQL_STATEMENT.search(literal) or SQL_KEYWORD.search(literal)
    ]
    assert offenders == []
    assert [page.name for page in pages if "duckdb" in imported_roots(page)] == []


def test_sql_detector_finds_sql():
    # The page check is only worth something if the detector recognises SQL in its usual forms.
    assert SQL_STATEMENT.search("select name from region")
    assert SQL_KEYWORD.search("SELECT * FROM coverage_snapshot")
    assert not SQL_STATEMENT.search("Pilih kota dari daftar")
    assert not SQL_KEYWORD.search("Data from BPJS Kesehatan")


def query_files() -> list[Path]:
    return sorted(QUERIES_DIR.glob("*.sql"))


def without_comments_and_literals(sql: str) -> str:
    """The SQL with comments dropped and string literals emptied, read left to right."""
    return re.sub(r"--[^\n]*|'(?:[^']|'')*'", lambda m: "" if m.group().startswith("--") else "''", sql)


@pytest.mark.parametrize("path", query_files(), ids=lambda p: p.name)
def test_query_file_opens_with_a_comment_and_binds_its_values(path):
    sql = path.read_text(encoding="utf-8")
    assert sql.startswith("--"), "the opening comment says what a row is"
    assert "{" not in sql and "}" not in sql, "values are bound as $name, never formatted in"
    assert not re.search(r"%\(\w+\)s|%s", sql)
    body = without_comments_and_literals(sql)
    assert ";" not in body.strip().rstrip(";"), "one statement per file"
    assert body.strip(), "a statement after the comment"


def test_comment_and_literal_stripping():
    sql = "-- the opening comment's text; with a semicolon\nSELECT string_agg(x, '; ') FROM t; DELETE FROM t"
    assert without_comments_and_literals(sql) == "\nSELECT string_agg(x, '') FROM t; DELETE FROM t"


def test_there_are_query_files():
    assert len(query_files()) >= 10


def test_every_query_the_code_names_exists():
    """store.run / scalar / execute("name") and run_together's ("name", {params}) must find queries/name.sql."""
    named = set()
    for path in python_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"run", "scalar", "execute"}
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and re.fullmatch(r"[a-z0-9_]+", node.args[0].value)
            ):
                named.add(node.args[0].value)
            if (  # run_together({"label": ("query_name", {...}), ...})
                isinstance(node, ast.Tuple)
                and len(node.elts) == 2
                and isinstance(node.elts[0], ast.Constant)
                and isinstance(node.elts[0].value, str)
                and isinstance(node.elts[1], ast.Dict)
            ):
                named.add(node.elts[0].value)
    assert {"region_name", "coverage_by_region_month", "population_by_region"} <= named
    assert sorted(name for name in named if not (QUERIES_DIR / f"{name}.sql").is_file()) == []


def registered_pages() -> list[str]:
    """The page files dashboard.py registers with st.Page("pages/....py", ...)."""
    tree = ast.parse((REPO_ROOT / "dashboard.py").read_text(encoding="utf-8"))
    return [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "Page"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]


def test_every_page_file_is_registered_once_in_dashboard():
    # A page is one file in pages/ plus one line in dashboard.py; neither without the other.
    files = sorted(path.relative_to(REPO_ROOT).as_posix() for path in (REPO_ROOT / "pages").glob("*.py"))
    assert sorted(registered_pages()) == files
    assert "pages/ringkasan.py" in files


def test_the_readme_layout_and_the_ui_package_name_every_ui_module():
    layout = (REPO_ROOT / "README.md").read_text(encoding="utf-8").split("\n## Layout\n")[1].split("\n## ")[0]
    package_doc = (UHC_DIR / "ui" / "__init__.py").read_text(encoding="utf-8")
    modules = sorted(path.stem for path in (UHC_DIR / "ui").glob("*.py") if path.stem != "__init__")
    assert len(modules) >= 8
    assert [m for m in modules if f"{m}.py" not in layout] == []
    assert [m for m in modules if f"- {m}:" not in package_doc] == []
