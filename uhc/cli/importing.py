"""The import commands: coverage and population files, boundaries, crosswalks; history and restore."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from pathlib import Path

import polars as pl

from uhc import i18n
from uhc.cli.common import EXIT_BAD_INPUT, EXIT_OK, SEVERITY_KEYS, BadInput, column_mapping, scope_of
from uhc.core import alerts, gap
from uhc.intake import crosswalk, import_report, imports, reader_process, wording
from uhc.paths import store_path
from uhc.store import seed
from uhc.store.db import Store
from uhc.store.regions import kab_kota


def _import_figures(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise BadInput(f"no file {path}")
    period = as_of = None
    try:
        if args.import_kind == "coverage" and args.period is not None:
            period = gap.parse_period(args.period)
        if args.import_kind == "population":
            as_of = dt.date.fromisoformat(args.as_of.strip())
    except ValueError as exc:
        if args.import_kind == "population":
            raise BadInput(f"--as-of {args.as_of!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-06-30") from None
        raise BadInput(str(exc)) from None
    mapping = column_mapping(args.column, "registered='Jumlah Peserta'")
    language = args.lang
    codes = _crosswalk_file(args.crosswalk) if args.crosswalk else None
    with Store.open(store_path(args.db), read_only=args.dry_run) as store:
        city_code = import_city(store, args.city)
        # Read in a child process with a memory limit: a hostile workbook ends that process, not this one.
        parsed = reader_process.read_file(path.read_bytes(), path.name, args.import_kind, args.sheet, mapping, period)
        checked = imports.check(store, parsed, city_code=city_code, period=period, as_of=as_of, crosswalk=codes)
        dates = [f"{p:%Y-%m}" for p in checked.periods] or [d.isoformat() for d in checked.as_of_dates]
        print(
            i18n.plural(
                "import_heading",
                parsed.rows.height,
                language,
                file=path.name,
                kind=i18n.text(wording.KINDS[args.import_kind], language),
                city=checked.city_name,
                city_code=city_code,
                dates=", ".join(dates) or i18n.MISSING,
                rows=i18n.number(parsed.rows.height, language),
            )
        )
        # A refusal says so, and what to do, first; then the findings, each kind cut short after a few.
        if checked.errors:
            print(import_report.refusal_line(path.name, checked.issues, language), file=sys.stderr)
        for severity, message in import_report.summarised(checked.issues, language):
            print(f"{i18n.text(SEVERITY_KEYS[severity], language)}: {message}", file=sys.stderr)
        if checked.errors:
            return EXIT_BAD_INPUT
        if checked.already_imported_batch_id is not None:
            key = i18n.N_("import_already") if checked.already_imported_same_file else i18n.N_("import_same_figures")
            print(i18n.text(key, language, file=path.name, batch=checked.already_imported_batch_id))
            return EXIT_OK
        for line in _change_lines(checked, language):
            print(line)
        if args.dry_run:
            print(i18n.text("import_dry_run", language))
            return EXIT_OK
        batch = imports.commit(store, checked, user=seed.current_user(), watch=alerts.raised_in_city)
    print(i18n.text("import_done", language, batch=batch.batch_id))
    _print_alerts(batch, language)
    return EXIT_OK


def _print_alerts(batch: imports.Batch, language: str) -> None:
    """The alerts an import or restore raised, one a line under a count."""
    if batch.alerts:
        print(i18n.plural("import_alerts", len(batch.alerts), language, n=i18n.number(len(batch.alerts), language)))
        for row in batch.alerts:
            print(f"  {alerts.alert_sentence(row, language)}")


def import_city(store: Store, city: str | None) -> str:
    """The kab/kota an import is for: the one given, else the store's only one."""
    if city:
        return kab_kota(city).code
    cities = store.run("region", scope_code="", level="kota")
    if cities.height == 1:
        return cities["kemendagri_code"][0]
    if cities.height == 0:
        raise BadInput("the store has no kab/kota yet: add one with `python -m uhc init --city CODE`")
    listed = ", ".join(f"{code} {name}" for code, name in zip(cities["kemendagri_code"], cities["name"], strict=True))
    raise BadInput(f"the store holds several kab/kota ({listed}): say which with --city CODE")


def _change_lines(checked: imports.Checked, language: str) -> list[str]:
    """What an import changes: counts per kind of figure, each figure that changes, the batches it replaces."""
    lines = import_report.change_counts(checked.change_counts(), checked.as_of_dates, language, dt.date.isoformat)
    labels = {figure: i18n.text(key, language) for figure, key in import_report.CHANGE_FIGURES.items()}
    for row in checked.changes.filter(pl.col("change") != "unchanged").iter_rows(named=True):
        shown = [
            f"{labels[figure]} {i18n.number(row[f'{figure}_before'], language)} → "
            f"{i18n.number(row[f'{figure}_after'], language)}"
            for figure in labels
            if row[f"{figure}_before"] != row[f"{figure}_after"]
        ]
        day = f"{row['day']:%Y-%m}" if row["figures"] == "coverage" else row["day"].isoformat()
        lines.append(f"  {row['kemendagri_code']} {row['name']} {day}: " + ", ".join(shown))
    if checked.replaced_batch_ids:
        batches = ", ".join(str(batch_id) for batch_id in checked.replaced_batch_ids)
        lines.append(i18n.text("import_replaces", language, batches=batches))
    return lines


def history(args: argparse.Namespace) -> int:
    with Store.open(store_path(args.db), read_only=True) as store:
        batches = imports.history(store, scope_of(args) or None, args.lang)
    if args.format == "json":
        rows = batches.drop("report").with_columns(pl.col("imported_at", "purged_at").dt.strftime("%Y-%m-%dT%H:%M:%S"))
        print(json.dumps(rows.to_dicts(), ensure_ascii=False, indent=1))
        return EXIT_OK
    if batches.height == 0:
        print(i18n.text("import_history_empty", args.lang))
        return EXIT_OK
    header = ["batch", "kind", "file", "rows", "who", "when", "status", "summary"]
    cells = [
        [
            str(row["batch_id"]),
            row["kind"],
            row["file_name"] or "",
            i18n.number(row["row_count"], args.lang),
            row["imported_by"],
            f"{row['imported_at']:%Y-%m-%d %H:%M}",
            _status(row, args.lang),
            row["summary"],
        ]
        for row in batches.iter_rows(named=True)
    ]
    widths = [max(len(line[i]) for line in [header, *cells]) for i in range(len(header))]
    for line in [header, *cells]:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())
    return EXIT_OK


def _status(row: dict, language: str) -> str:
    """A batch's status as the history shows it; a purged list of people with the day and hour."""
    if not row["status"]:
        return ""
    status = i18n.text(wording.STATUSES[row["status"]], language)
    return f"{status} {i18n.moment(row['purged_at'], language)}" if row["purged_at"] else status


def restore(args: argparse.Namespace) -> int:
    with Store.open(store_path(args.db)) as store:
        batch = imports.restore(store, args.batch_id, user=seed.current_user(), watch=alerts.raised_in_city)
    if batch.new:
        print(i18n.text("import_restored", args.lang, batch=args.batch_id, new=batch.batch_id))
        _print_alerts(batch, args.lang)
    else:
        print(i18n.text("import_restore_nothing", args.lang, batch=args.batch_id))
    return EXIT_OK


def _import_boundaries(args: argparse.Namespace) -> int:
    from uhc.intake import geo  # geometry libraries load only for this command

    language = args.lang
    path = store_path(args.db)
    if not path.exists():
        raise BadInput(i18n.text("geo_no_city_in_store", language))
    with Store.open(path) as store:
        try:
            checked = geo.read_boundary_file(
                args.file,
                store.run("region_tree", scope_code=""),
                city=args.city,
                level=args.level,
                code_field=args.code_field,
                name_field=args.name_field,
                layer=args.layer,
            )
            for line in checked.report(language):
                print(line)
            if checked.problems:
                print(i18n.plural("geo_report_problems", len(checked.problems), language, count=len(checked.problems)))
                for problem in checked.problems:
                    print(f"- {problem.text(language)}")
            if args.dry_run:
                print(i18n.text("geo_report_dry_run", language))
                return EXIT_BAD_INPUT if checked.problems else EXIT_OK
            batch_id = geo.commit_boundaries(
                store, checked, user=seed.current_user(), skip_bad_features=args.skip_bad_features
            )
        except geo.BoundaryError as exc:
            raise BadInput(exc.text(language)) from None
    count = i18n.number(checked.geometry.height, language)
    print(
        i18n.plural(
            "geo_report_saved",
            checked.geometry.height,
            language,
            count=count,
            level=checked.level,
            city=checked.city_name,
            batch=batch_id,
        )
    )
    left_out = sorted(n for p in checked.problems if p.skippable for n in p.feature_numbers)
    if left_out:  # what --skip-bad-features did: which features, and which regions still have no boundary
        print(
            i18n.plural(
                "geo_report_left_out",
                len(left_out),
                language,
                count=i18n.number(len(left_out), language),
                features=", ".join(map(str, left_out)),
                level=checked.level.capitalize(),
                regions=", ".join(checked.missing_labels) or "–",
            )
        )
    return EXIT_OK


def _crosswalk_file(name: str) -> pl.DataFrame:
    path = Path(name)
    if not path.is_file():
        raise crosswalk.CrosswalkError("no_file", file=path.name)
    return crosswalk.read_crosswalk(path.read_bytes(), path.name)


def _import_crosswalk(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise crosswalk.CrosswalkError("no_file", file=path.name)
    data = path.read_bytes()
    with Store.open(store_path(args.db)) as store:
        if crosswalk.has_kemendagri_codes(data, path.name):
            pairs = crosswalk.read_crosswalk(data, path.name)
        else:  # a list of BPS codes and names: matched by name within parents
            tree = store.run("region_tree", scope_code="")
            pairs = crosswalk.bps_codes_by_name(tree, crosswalk.read_bps_list(data, path.name))
            print(i18n.text("crosswalk_by_name", args.lang, file=path.name))
        result = crosswalk.store_crosswalk(
            store, pairs, file_name=path.name, sha256=hashlib.sha256(data).hexdigest(), user=seed.current_user()
        )
        tree = store.run("region_tree", scope_code="")
    print(crosswalk.stored_text(result, tree, path.name, args.lang))
    return EXIT_OK


IMPORTERS = {
    "coverage": _import_figures,
    "population": _import_figures,
    "boundaries": _import_boundaries,
    "crosswalk": _import_crosswalk,
}


def import_command(args: argparse.Namespace) -> int:
    return IMPORTERS[args.import_kind](args)
