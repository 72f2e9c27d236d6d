"""Writing a checked file as a revision, the import history, and restoring an earlier revision."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from uhc import i18n
from uhc.intake import wording
from uhc.intake.imports.checking import CHANGE_KINDS, Checked, changes_between, figures_in_force
from uhc.intake.imports.messages import ImportRefused, RestoreRefused
from uhc.store.db import BEFORE_COMMIT_EVENT, Store


@dataclass(frozen=True)
class Batch:
    """An import or restore written to the store (``new``), or the one already holding the figures."""

    batch_id: int
    kind: str
    file_name: str | None
    row_count: int
    new: bool
    replaced_batch_ids: tuple[int, ...] = ()
    restores_batch_id: int | None = None
    alerts: tuple[dict, ...] = ()


# What an import is watched with (uhc.core.alerts.raised_in_city): (store, city_code) -> the
# crossings the store holds now, each a dict with a ``key`` that names the crossing.
Watch = Callable[[Store, str], list[dict]]


def commit(store: Store, checked: Checked, *, user: str, watch: Watch | None = None) -> Batch:
    """Write a checked file as a new revision in one transaction; see the module docstring.

    With ``watch``, the crossings it finds after the write that it did not find before are the
    alerts the import raised: kept in the batch's report (``alerts``) and returned on the Batch.
    """
    parsed = checked.parsed
    if checked.errors:
        raise ImportRefused("import_refused_errors", file=parsed.file_name, errors=len(checked.errors))
    if checked.already_imported_batch_id is not None:
        return Batch(
            batch_id=checked.already_imported_batch_id,
            kind=parsed.kind,
            file_name=parsed.file_name,
            row_count=parsed.rows.height,
            new=False,
        )
    with store.transaction():
        now = figures_in_force(store, checked.city_code, checked.periods, checked.as_of_dates)
        if any(not now[key].equals(checked._before[key]) for key in now):
            raise ImportRefused("import_refused_changed", city=checked.city_name, file=parsed.file_name)
        before = watch(store, checked.city_code) if watch else []
        report = _report(checked)
        batch_id = store.scalar(
            "insert_revision_batch",
            kind=parsed.kind,
            file_name=parsed.file_name,
            sha256=parsed.sha256,
            row_count=parsed.rows.height,
            imported_by=user,
            note=None,
            city_code=checked.city_code,
            restores_batch_id=None,
            report_json=json.dumps(report, ensure_ascii=False, default=str),
        )
        if checked.periods:
            _replace_coverage(store, checked.city_code, list(checked.periods), checked.coverage, batch_id)
        if checked.as_of_dates:
            _replace_population(store, checked.city_code, list(checked.as_of_dates), checked.population, batch_id)
        alerts = _raised(before, watch(store, checked.city_code)) if watch else []
        if alerts:
            report["alerts"] = alerts
            store.execute(
                "update_batch_report",
                batch_id=batch_id,
                report_json=json.dumps(report, ensure_ascii=False, default=str),
            )
        sys.audit(BEFORE_COMMIT_EVENT, parsed.kind, batch_id)
    return Batch(
        batch_id=batch_id,
        kind=parsed.kind,
        file_name=parsed.file_name,
        row_count=parsed.rows.height,
        new=True,
        replaced_batch_ids=checked.replaced_batch_ids,
        alerts=tuple(alerts),
    )


def _raised(before: list[dict], after: list[dict]) -> list[dict]:
    """The crossings of ``after`` whose key ``before`` does not hold."""
    seen = {row["key"] for row in before}
    return [row for row in after if row["key"] not in seen]


def _replace_coverage(store: Store, scope_code: str, periods: list[dt.date], rows: pl.DataFrame, batch_id: int):
    """In the scope: keep what is in force as a revision, put ``rows`` in force, keep them too."""
    store.execute("archive_coverage_snapshot", scope_code=scope_code, periods=periods)
    store.execute("delete_coverage_snapshot", scope_code=scope_code, periods=periods)
    store.insert("coverage_snapshot", rows.with_columns(batch_id=pl.lit(batch_id, dtype=pl.Int32)))
    store.execute("archive_coverage_snapshot", scope_code=scope_code, periods=periods)


def _replace_population(store: Store, scope_code: str, as_of_dates: list[dt.date], rows: pl.DataFrame, batch_id: int):
    store.execute("archive_population", scope_code=scope_code, as_of_dates=as_of_dates)
    store.execute("delete_population", scope_code=scope_code, as_of_dates=as_of_dates)
    store.insert("population", rows.with_columns(batch_id=pl.lit(batch_id, dtype=pl.Int32)))
    store.execute("archive_population", scope_code=scope_code, as_of_dates=as_of_dates)


def _report(checked: Checked) -> dict:
    """The validation report and what changed, as stored with the batch (JSON)."""
    parsed = checked.parsed
    return {
        "file_name": parsed.file_name,
        "sheet": parsed.sheet,
        "kind": parsed.kind,
        "city_code": checked.city_code,
        "periods": [f"{p:%Y-%m}" for p in checked.periods],
        "as_of": [d.isoformat() for d in checked.as_of_dates],
        "rows": parsed.rows.height,
        "header_row": parsed.header_row,
        "columns": parsed.columns,
        "issues": [
            {
                "severity": issue.severity,
                "code": issue.code,
                "row": issue.row,
                "column": issue.column,
                "value": issue.value,
                "params": issue.params,
            }
            for issue in checked.issues
        ],
        "changes": checked.change_counts(),
        "replaced_batch_ids": list(checked.replaced_batch_ids),
    }


# history and restore ----------------------------------------------------------------------------


def history(store: Store, city_code: str | None = None, language: str = i18n.DEFAULT_LANGUAGE) -> pl.DataFrame:
    """One row per batch, newest first, with its status and a summary in ``language``."""
    batches = store.run("import_history", city_code=city_code)
    reports = [json.loads(text) if text else None for text in batches["report_json"]]
    summaries = [
        _summary(kind, report, note, restores, language)
        for kind, report, note, restores in zip(
            batches["kind"], reports, batches["note"], batches["restores_batch_id"], strict=True
        )
    ]
    return batches.drop("report_json", "note").with_columns(
        summary=pl.Series(summaries, dtype=pl.String),
        report=pl.Series(reports, dtype=pl.Object),
    )


def _summary(kind: str, report: dict | None, note: str | None, restores: int | None, language: str) -> str:
    if report is None:
        return note or ""
    counts = report["changes"]
    parts = []
    if kind == "restore":
        parts.append(i18n.text("import_summary_restore", language, batch=restores))
    if report.get("periods"):
        parts.append(", ".join(report["periods"]))
    for figures in ("coverage", "population"):
        if any(counts[figures].values()):
            parts.append(
                i18n.text(
                    wording.CHANGES[figures],
                    language,
                    dates=", ".join(report.get("as_of", [])),
                    **{change: i18n.number(n, language) for change, n in counts[figures].items()},
                )
            )
    warnings = sum(1 for issue in report.get("issues", []) if issue["severity"] == "warning")
    if warnings:
        parts.append(i18n.plural("import_summary_warnings", warnings, language, n=warnings))
    alerts = len(report.get("alerts", []))
    if alerts:
        parts.append(i18n.plural("import_summary_alerts", alerts, language, n=alerts))
    return "; ".join(parts)


def restore(store: Store, batch_id: int, *, user: str, watch: Watch | None = None) -> Batch:
    """Make the figures of batch ``batch_id`` current again, as a new batch; see the module docstring.

    ``watch`` as for :func:`commit`: the crossings the restored figures raise, per kab/kota.
    """
    found = store.run("import_history", city_code=None).filter(pl.col("batch_id") == batch_id)
    if found.height == 0:
        raise RestoreRefused("import_refused_no_batch", batch=batch_id)
    source = found.row(0, named=True)
    scope = store.run("revision_scope", batch_id=batch_id)
    if scope.height == 0:
        if source["status"] == "current":
            return Batch(batch_id, source["kind"], source["file_name"], source["row_count"], new=False)
        raise RestoreRefused("import_refused_nothing_to_restore", batch=batch_id, kind=source["kind"])
    groups = _scope_groups(scope)
    incoming = {
        "coverage": store.run("coverage_revision_of_batch", batch_id=batch_id),
        "population": store.run("population_revision_of_batch", batch_id=batch_id),
    }
    now = {
        figures: pl.concat(
            [
                figures_in_force(store, city, tuple(days.get("coverage", ())), tuple(days.get("population", ())))[
                    figures
                ]
                for city, days in groups.items()
            ]
        )
        for figures in ("coverage", "population")
    }
    regions = pl.concat([store.run("region", scope_code=city, level=None) for city in groups])
    changes = changes_between(now, incoming["coverage"], incoming["population"], regions)
    replaced = sorted(set(now["coverage"]["batch_id"].to_list()) | set(now["population"]["batch_id"].to_list()))
    if (changes["change"] == "unchanged").all():
        return Batch(replaced[-1], source["kind"], source["file_name"], source["row_count"], new=False)
    original = source["restores_batch_id"] if source["kind"] == "restore" else batch_id
    counts = {figures: dict.fromkeys(CHANGE_KINDS, 0) for figures in ("coverage", "population")}
    for figures, change, n in changes.group_by("figures", "change").len().iter_rows():
        counts[figures][change] = n
    report = {
        "restores_batch_id": original,
        "copied_from_batch_id": batch_id,
        "periods": sorted(f"{d:%Y-%m}" for d in scope.filter(pl.col("figures") == "coverage")["day"].unique()),
        "as_of": sorted(d.isoformat() for d in scope.filter(pl.col("figures") == "population")["day"].unique()),
        "changes": counts,
        "replaced_batch_ids": replaced,
        "issues": [],
    }
    cities = sorted(groups)
    with store.transaction():
        before = [row for city in cities for row in watch(store, city)] if watch else []
        new_id = store.scalar(
            "insert_revision_batch",
            kind="restore",
            file_name=source["file_name"],
            sha256=source["sha256"],
            row_count=source["row_count"],
            imported_by=user,
            note=None,
            city_code=cities[0] if len(cities) == 1 else None,
            restores_batch_id=original,
            report_json=json.dumps(report, ensure_ascii=False, default=str),
        )
        for city, days in groups.items():
            if days.get("coverage"):
                periods = list(days["coverage"])
                store.execute("archive_coverage_snapshot", scope_code=city, periods=periods)
                store.execute("delete_coverage_snapshot", scope_code=city, periods=periods)
                store.execute("restore_coverage_snapshot", scope_code=city, from_batch_id=batch_id, batch_id=new_id)
                store.execute("archive_coverage_snapshot", scope_code=city, periods=periods)
            if days.get("population"):
                as_of_dates = list(days["population"])
                store.execute("archive_population", scope_code=city, as_of_dates=as_of_dates)
                store.execute("delete_population", scope_code=city, as_of_dates=as_of_dates)
                store.execute("restore_population", scope_code=city, from_batch_id=batch_id, batch_id=new_id)
                store.execute("archive_population", scope_code=city, as_of_dates=as_of_dates)
        alerts = _raised(before, [row for city in cities for row in watch(store, city)]) if watch else []
        if alerts:
            report["alerts"] = alerts
            store.execute(
                "update_batch_report", batch_id=new_id, report_json=json.dumps(report, ensure_ascii=False, default=str)
            )
        sys.audit(BEFORE_COMMIT_EVENT, "restore", new_id)
    return Batch(
        batch_id=new_id,
        kind="restore",
        file_name=source["file_name"],
        row_count=source["row_count"],
        new=True,
        replaced_batch_ids=tuple(replaced),
        restores_batch_id=original,
        alerts=tuple(alerts),
    )


def _scope_groups(scope: pl.DataFrame) -> dict[str, dict[str, tuple[dt.date, ...]]]:
    """revision_scope rows as {city_code: {'coverage': months, 'population': as-of dates}}."""
    groups: dict[str, dict[str, list[dt.date]]] = {}
    for figures, city, day, _ in scope.iter_rows():
        groups.setdefault(city, {}).setdefault(figures, []).append(day)
    return {city: {figures: tuple(days) for figures, days in by.items()} for city, by in groups.items()}
