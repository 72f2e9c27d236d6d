"""The one door to DuckDB: migrations, named queries in, Polars frames out, atomic writes.

Every query lives in ``queries/`` (one per file, loaded by name); values are always bound as
``$name`` parameters. Only the store's own bookkeeping (transactions, the migration ledger) is
written here. Writes go through :meth:`Store.transaction`, so a failure
leaves the store exactly as it was.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import duckdb
import polars as pl

from uhc.paths import MIGRATIONS_DIR, QUERIES_DIR

# The audit event (sys.audit) raised inside the transaction of every import, restore, match run and
# purge once its rows are written, just before it commits; its arguments are a kind and an id.
# Nothing in the app listens: it is the seam through which a test holds a real write open at that
# point (tests/pause_in_import/sitecustomize.py adds the hook to a `python -m uhc` it starts).
BEFORE_COMMIT_EVENT = "uhc.imports.before_commit"
# DuckDB's own memory (its cache of the file's blocks, sorts, joins, inserts) is capped: its default,
# 80% of the machine, let one match of a city's register keep a gigabyte of cached blocks beside the
# frames it had already handed over. Beyond the cap DuckDB spills to a temporary folder beside the store.
DUCKDB_MEMORY_LIMIT = "1GB"
SMALL_CACHE_LIMIT = "128MB"  # see Store.small_cache

# Tables a frame may be bulk-inserted into; the name is checked against this list because a
# table name cannot be a bound parameter.
WRITABLE_TABLES = frozenset(
    {
        "region",
        "coverage_snapshot",
        "population",
        "coverage_target",
        "uhc_criterion",
        "iuran",
        "pbi_quota",
        "setting",
        "region_geometry",
        "resident",
        "participant",
        "programme_member",
        "match_person",
        "match_count",
        "list_audit",
        "campaign_result",
    }
)
_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


class StoreError(Exception):
    """A store problem the user can fix; the message says how."""


class StoreMissing(StoreError):
    """There is no store file yet; the message says how to create one."""


class StoreBusy(StoreError):
    """Another program (or this one, in the other mode) has the store open, so it cannot be opened.

    ``holder_pid`` is the process DuckDB names as holding the file's lock (None when it names none);
    ``holder_kind`` says what that process is: "dashboard" (streamlit), "cli" (python -m uhc),
    "other", or None when it cannot be told.
    """

    def __init__(self, message: str, holder_pid: int | None, holder_kind: str | None):
        super().__init__(message)
        self.holder_pid = holder_pid
        self.holder_kind = holder_kind


def _lock_holder(message: str) -> tuple[int | None, str | None]:
    """The process id DuckDB's lock error names ("... is held in /usr/bin/python3 (PID 1234)") and its kind."""
    match = re.search(r"\(PID (\d+)\)", message)
    if not match:
        return None, None
    pid = int(match.group(1))
    try:  # Linux names a process's command line here; elsewhere the kind stays unknown
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return pid, None
    words = [part.decode(errors="replace") for part in command]
    if any("streamlit" in word for word in words):
        return pid, "dashboard"
    if "uhc" in words or any(word.endswith("uhc/__main__.py") for word in words):
        return pid, "cli"
    return pid, "other"


@cache
def query_text(name: str) -> str:
    """SQL text of ``queries/<name>.sql``."""
    path = QUERIES_DIR / f"{name}.sql"
    if not re.fullmatch(r"[a-z0-9_/]+", name) or not path.is_file():
        raise KeyError(f"no query named {name!r} in {QUERIES_DIR.name}/")
    return path.read_text(encoding="utf-8")


def checksum(sql: str) -> str:
    """The fingerprint a migration's text is kept under: SHA-256 of its text, line ends as LF."""
    return hashlib.sha256(sql.replace("\r\n", "\n").encode("utf-8")).hexdigest()


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration file, in order."""
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if not match:
            raise StoreError(f"migration file {path.name} is not named NNNN_name.sql")
        found.append((int(match.group(1)), match.group(2), path.read_text(encoding="utf-8")))
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(versions) + 1)):
        raise StoreError(f"migration versions must run 1, 2, 3... without gaps; found {versions}")
    return found


class Store:
    """A DuckDB store of coverage snapshots. Open with :meth:`open`; use as a context manager."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: Path | None):
        self._con = connection
        self.path = path

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False, migrate: bool = True) -> Store:
        """Open (and for writers create and migrate) the store file at ``path``."""
        path = Path(path)
        if read_only and not path.exists():
            raise StoreMissing(
                f"No store at {path}. Create one with `python -m uhc init --demo` "
                "(demo city) or `python -m uhc init --city CODE`."
            )
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            con = duckdb.connect(str(path), read_only=read_only, config={"memory_limit": DUCKDB_MEMORY_LIMIT})
        except (duckdb.IOException, duckdb.ConnectionException) as exc:
            # IOException: another process holds the file; ConnectionException: this process
            # already has it open in the other mode (read-only vs read-write).
            if "lock" in str(exc).lower() or "different configuration" in str(exc).lower():
                holder_pid, holder_kind = _lock_holder(str(exc))
                if isinstance(exc, duckdb.ConnectionException):
                    holder_pid, holder_kind = os.getpid(), None
                raise StoreBusy(
                    f"The store {path} is in use by another program (is the dashboard running?). "
                    "Stop it, then try again.",
                    holder_pid,
                    holder_kind,
                ) from exc
            raise StoreError(
                f"Cannot open the store {path}: {exc}. Check that it is a uhc-dashboard store and readable, "
                "or point --db / UHC_DB at another one."
            ) from exc
        store = cls(con, path)
        try:
            store._check_ledger(path)
        except StoreError:
            con.close()
            raise
        if read_only:
            version = store.schema_version()
            if version < len(migrations()):
                con.close()
                raise StoreError(
                    f"The store {path} is at schema version {version}, "
                    f"this program needs {len(migrations())}. Run `python -m uhc migrate` once."
                )
        elif migrate:
            store.migrate()
        return store

    @classmethod
    def in_memory(cls) -> Store:
        """A fresh, migrated store in memory (for tests and dry runs)."""
        store = cls(duckdb.connect(":memory:"), None)
        store.migrate()
        return store

    def cursor(self) -> Store:
        """A Store on a new cursor of the same database, for use from another thread."""
        return Store(self._con.cursor(), self.path)

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # reading ------------------------------------------------------------------------------

    def run(self, query_name: str, **params) -> pl.DataFrame:
        """Run ``queries/<query_name>.sql`` with bound ``$params``; return the rows as Polars."""
        return self._con.execute(query_text(query_name), params or None).pl()

    def run_together(self, queries: dict[str, tuple[str, dict]]) -> dict[str, pl.DataFrame]:
        """Run several named read queries at once, each on its own cursor and thread.

        ``queries`` maps a label to (query name, parameters); returns label -> frame. DuckDB works
        outside Python's lock, so independent reads overlap on several cores. Each cursor sees the
        committed store: use it for reads, not inside a write transaction.
        """

        def run_on_own_cursor(name: str, params: dict) -> pl.DataFrame:
            with self.cursor() as cursor:
                return cursor.run(name, **params)

        with ThreadPoolExecutor(max_workers=len(queries)) as pool:
            futures = {label: pool.submit(run_on_own_cursor, name, params) for label, (name, params) in queries.items()}
            return {label: future.result() for label, future in futures.items()}

    def scalar(self, query_name: str, **params):
        """First column of the first row of a named query, or None."""
        row = self._con.execute(query_text(query_name), params or None).fetchone()
        return None if row is None else row[0]

    # writing ------------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """All writes inside happen together or not at all."""
        self._con.execute("BEGIN TRANSACTION")
        try:
            yield self
        except BaseException:
            self._con.execute("ROLLBACK")
            raise
        self._con.execute("COMMIT")

    @contextmanager
    def small_cache(self) -> Iterator[Store]:
        """DuckDB's memory cut to SMALL_CACHE_LIMIT inside, back to DUCKDB_MEMORY_LIMIT after.

        For work in Polars on frames already read (the matching of a city's lists): DuckDB gives back
        the blocks it cached while reading them (0,4 GB at Jakarta Barat's size) instead of holding
        them beside the frames. Small queries inside still work; large ones spill to disk.
        """
        self._con.execute(f"SET memory_limit = '{SMALL_CACHE_LIMIT}'")
        try:
            yield self
        finally:
            self._con.execute(f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'")

    def checkpoint(self) -> None:
        """Write the write-ahead log into the store file (after a purge: the deleted rows leave the WAL)."""
        self._con.execute("CHECKPOINT")

    def execute(self, query_name: str, **params) -> None:
        """Run a named write statement from ``queries/``."""
        self._con.execute(query_text(query_name), params or None)

    def insert(self, table: str, frame: pl.DataFrame, *, skip_existing: bool = False) -> int:
        """Insert a frame's rows into ``table`` (columns matched by name); returns the row count.

        With ``skip_existing``, rows whose primary key is already stored are left as they are.
        """
        if table not in WRITABLE_TABLES:
            raise ValueError(f"{table!r} is not a writable table")
        if frame.height == 0:
            return 0
        arrow_rows = frame.to_arrow()  # noqa: F841  (DuckDB reads the local variable by name)
        verb = "INSERT OR IGNORE" if skip_existing else "INSERT"
        self._con.execute(f"{verb} INTO {table} BY NAME SELECT * FROM arrow_rows")
        return frame.height

    # schema ---------------------------------------------------------------------------------

    def schema_version(self) -> int:
        exists = self._aggregate("SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migration'")
        if not exists:
            return 0
        return self._aggregate("SELECT coalesce(max(version), 0) FROM schema_migration")

    def _aggregate(self, sql: str) -> int:
        """The value of a count or max over the store's own bookkeeping tables."""
        row = self._con.execute(sql).fetchone()
        if row is None:  # an aggregate without GROUP BY returns one row; this is never reached
            raise StoreError(f"no row from {sql!r}")
        return int(row[0])

    def _check_ledger(self, path: Path | None) -> None:
        """Refuse a store this program cannot trust: made by a newer version, or by edited migrations.

        A newer program's store may hold tables and rules this one does not know, and writing to it
        could break them; a migration file edited after it ran means the store's schema is not
        what the file now says. Stores from before checksums were kept carry none for their
        applied migrations; those are filled in by the next writer (:meth:`migrate`).
        """
        known = {version: (name, checksum(sql)) for version, name, sql in migrations()}
        version = self.schema_version()
        if version > len(known):
            raise StoreError(
                f"The store {path} was made by a newer version of uhc-dashboard (schema version {version}; "
                f"this program knows up to {len(known)}). Use that newer version, or point --db / UHC_DB "
                "at another store. Nothing was changed."
            )
        if not version or not self._has_checksums():
            return
        ledger = self._con.execute("SELECT version, checksum FROM schema_migration ORDER BY version").fetchall()
        for applied, kept in ledger:
            name, expected = known[applied]
            if kept is not None and kept != expected:
                raise StoreError(
                    f"The migration file {applied:04d}_{name}.sql was changed after it was applied to the store "
                    f"{path}, so the store's tables may not be what the file says. Restore the file "
                    "(git checkout queries/migrations); a change to the schema is a new migration file. "
                    "Nothing was changed."
                )

    def _has_checksums(self) -> bool:
        return bool(
            self._aggregate(
                "SELECT count(*) FROM information_schema.columns"
                " WHERE table_name = 'schema_migration' AND column_name = 'checksum'"
            )
        )

    def migrate(self, to_version: int | None = None) -> list[int]:
        """Apply the migrations the store lacks, each in its own transaction; return those applied.

        Each applied migration is kept with the checksum of its file's text (see :func:`checksum`).
        """
        self._con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migration ("
            " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
            " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp, checksum VARCHAR)"
        )
        self._check_ledger(self.path)
        found = migrations()
        with self.transaction():
            # A store from before checksums were kept: its applied migrations get theirs now.
            self._con.execute("ALTER TABLE schema_migration ADD COLUMN IF NOT EXISTS checksum VARCHAR")
            for version, _, sql in found:
                self._con.execute(
                    "UPDATE schema_migration SET checksum = $checksum WHERE version = $version AND checksum IS NULL",
                    {"version": version, "checksum": checksum(sql)},
                )
        current = self.schema_version()
        applied = []
        for version, name, sql in found:
            if version <= current or (to_version is not None and version > to_version):
                continue
            with self.transaction():
                self._con.execute(sql)
                self._con.execute(
                    "INSERT INTO schema_migration (version, name, checksum) VALUES ($version, $name, $checksum)",
                    {"version": version, "name": name, "checksum": checksum(sql)},
                )
            applied.append(version)
        return applied
