"""Import coverage and population files into the store as revisions, with a history and restore.

The API, for the command line and the Data page alike::

    parsed = reader.read_file(data, "rekap_juni.xlsx", "coverage")            # the file alone
    checked = check(store, parsed, city_code="61.71", period=date(2025, 6, 1))  # read-only
    checked.errors, checked.warnings        # Issues: issue.message(language) is the sentence to show
    checked.changes                         # what would change, one row per region and date
    checked.already_imported_batch_id       # set when the store already holds exactly these figures
    batch = commit(store, checked, user="ana")   # one transaction; ImportRefused when checked has errors
    history(store, "61.71", language="id")       # one row per batch, newest first, with status and summary
    restore(store, batch_id, user="ana")         # an earlier revision current again, as a new batch

``check(store, parsed, *, city_code, period=None, as_of=None, crosswalk=None) -> Checked`` matches the rows to the
city's regions, adds the checks that need the store and works out what would change; it writes
nothing. ``period`` (first day of a month) is the month of a coverage file without a period
column (default: the month its title names, ``Parsed.title_period``); ``as_of`` is the date of a population file's figures (a Dukcapil semester ends on 30 June
or 31 December).

``commit(store, checked, *, user, watch=None) -> Batch`` writes in one transaction (with ``watch``,
uhc.core.alerts.raised_in_city, the crossings the new figures raise are kept in the batch's report
and returned as ``Batch.alerts``; ``restore`` takes it too): a failure, or the process
killed midway, leaves the store as it was. When the store already holds exactly the file's
figures nothing is written and the Batch returned is the one holding them (``Batch.new`` False).
It refuses (ImportRefused) a Checked with errors, and one whose scope changed in the store since
the check.

``history(store, city_code=None, language=...) -> pl.DataFrame``: batch_id, kind, file_name,
sha256, row_count, imported_by, imported_at, city_code, restores_batch_id, status (``current``,
``partly_current``, ``restored``, ``superseded``; null for batches without figures),
figures_in_force, figures_replaced, summary (text in ``language``), report (dict).

``restore(store, batch_id, *, user) -> Batch`` makes the figures of an earlier batch current again
(for every kab/kota and date the batch holds figures for) as a new batch of kind ``restore``;
RestoreRefused for an unknown batch or one without figures.

Revisions. The scope of a coverage import is (kab/kota, month): its figures replace every figure
stored under that kab/kota for that month. The scope of a population import is (kab/kota, as_of).
``coverage_snapshot`` and ``population`` hold only the figures in force (so the gap queries read
nothing more than before); every figure a batch writes, and every figure it replaces, is kept in
``coverage_revision`` / ``population_revision`` under the batch that wrote it
(``queries/migrations/0004_revisions.sql``).

Population in a coverage recap. When a coverage file has a population column, those figures are
stored as population dated the month's last day (source: the file). The gap engine uses the
latest population dated on or before a month's last day, so that month uses them (and later
months too, until a newer figure); a Dukcapil semester ending that same day is replaced by them,
as a revision like any other.

The seam for tests: inside the transaction of every commit and restore, once the figures are
written and before they are committed, the importer raises the audit event
``BEFORE_COMMIT_EVENT`` (``sys.audit``; arguments: the batch's kind and id). The app adds no audit
hook; the tests that kill an import midway, or open the store while one is under way, add one to
a real ``python -m uhc`` that pauses there (``tests/pause_in_import/``).

Modules: ``checking`` (check, Checked, the checks and what would change), ``layouts`` (years,
months and sexes of a file's rows), ``matching`` (rows to regions), ``messages`` (refusals and the
importer's findings), ``revisions`` (commit, history, restore).
"""

from uhc.intake.imports.checking import (
    CHANGE_KINDS,
    CHANGE_SCHEMA,
    COUNT_LIMIT,
    COVERAGE_SCHEMA,
    JUMP_WARNING_RATIO,
    KAB_KOTA_COUNT_LIMIT,
    KECAMATAN_COUNT_LIMIT,
    KELURAHAN_COUNT_LIMIT,
    POPULATION_SCHEMA,
    POPULATION_WARNING_RATIO,
    PROVINSI_COUNT_LIMIT,
    Checked,
    check,
    month_end,
)
from uhc.intake.imports.messages import ImportRefused, RestoreRefused, StoreIssue
from uhc.intake.imports.revisions import BEFORE_COMMIT_EVENT, Batch, commit, history, restore

__all__ = [
    "BEFORE_COMMIT_EVENT",
    "CHANGE_KINDS",
    "CHANGE_SCHEMA",
    "COUNT_LIMIT",
    "COVERAGE_SCHEMA",
    "JUMP_WARNING_RATIO",
    "KAB_KOTA_COUNT_LIMIT",
    "KECAMATAN_COUNT_LIMIT",
    "KELURAHAN_COUNT_LIMIT",
    "POPULATION_SCHEMA",
    "POPULATION_WARNING_RATIO",
    "PROVINSI_COUNT_LIMIT",
    "Batch",
    "Checked",
    "ImportRefused",
    "RestoreRefused",
    "StoreIssue",
    "check",
    "commit",
    "history",
    "month_end",
    "restore",
]
