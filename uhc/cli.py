"""The command line: python -m uhc init | gap | import coverage|population|boundaries | history | restore |
migrate | quota | settings | export charts|briefing | demo-national | users.

Exit code 0 on success, 2 on bad input with a one-line reason on stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import hashlib
import json
import logging
import os
import re
import sys
from pathlib import Path
from typing import NoReturn, cast

import polars as pl

from uhc import figures, i18n
from uhc.core import gap, summary
from uhc.intake import crosswalk, import_report, imports, reader_process, wording
from uhc.paths import store_path
from uhc.store import auth, seed
from uhc.store.db import Store, StoreError
from uhc.store.regions import LEVELS, UnknownRegion, kab_kota

EXIT_OK = 0
EXIT_BAD_INPUT = 2
# JKN began on 1 January 2014: no PBI quota is older.
JKN_START_YEAR = 2014
_SEVERITY_KEYS = {"error": i18n.N_("import_error"), "warning": i18n.N_("import_warning")}


class BadInput(Exception):
    """Input the user can correct; the message is the one line they see."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line on stderr, exit 2 (argparse's default prints usage too)
        command = " ".join(["python -m uhc", *self.prog.split()[1:]])
        raise BadInput(f"{message} (see `{command} --help`)")


def _target(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"--target must be a percentage such as 98 or 98,5, not {text!r}") from None
    if not 0 < value <= 100:
        raise argparse.ArgumentTypeError(f"--target must be above 0 and at most 100, not {text}")
    return value


def _year(text: str) -> int:
    if not re.fullmatch(r"\d{4}", text.strip()) or not JKN_START_YEAR <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"--year must be a year from {JKN_START_YEAR} on, such as 2025, not {text!r}")
    return int(text)


def _people(text: str) -> int:
    digits = text.strip().replace(".", "")  # 43.000 as written in Indonesian
    if not digits.isdigit():
        raise argparse.ArgumentTypeError(f"--quota must be a whole number of people such as 43000, not {text!r}")
    return int(digits)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="uhc", description="JKN / UHC coverage: store, gap to the target, exports.")
    parser.add_argument("--db", help="store file (default: $UHC_DB or data/uhc.duckdb)")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    init = commands.add_parser("init", help="create the store: a city's region tree and/or the demo city")
    init.add_argument("--demo", action="store_true", help="add the demo city (Kota Pontianak, 2022-01 to 2026-01)")
    init.add_argument("--city", help="kab/kota code or name from the Kemendagri gazetteer, e.g. 61.71")

    show = commands.add_parser("gap", help="coverage and the gap to the target for one month")
    show.add_argument("--period", help="month YYYY-MM (default: the latest in the store)")
    show.add_argument("--level", choices=[level for level in LEVELS if level != "provinsi"], default="kecamatan")
    show.add_argument("--city", help="kab/kota code (default: every city in the store)")
    show.add_argument(
        "--target",
        type=_target,
        help="coverage target in percent (default: the target in force that month: 95 in 2015-2019, 98 from 2020; "
        "none in 2014)",
    )
    show.add_argument("--format", choices=["table", "csv", "json"], default="table")
    show.add_argument(
        "--lang", choices=i18n.LANGUAGES, default=i18n.DEFAULT_LANGUAGE, help="language of --format table"
    )

    history = commands.add_parser("history", help="the imports, newest first, with their status")
    history.add_argument("--city", help="kab/kota code or name (default: every city)")
    history.add_argument("--format", choices=["table", "json"], default="table")
    history.add_argument("--lang", choices=i18n.LANGUAGES, default=i18n.DEFAULT_LANGUAGE)

    restore = commands.add_parser("restore", help="make the figures of an earlier import current again")
    restore.add_argument("batch_id", type=int, help="the batch number (python -m uhc history lists them)")
    restore.add_argument("--lang", choices=i18n.LANGUAGES, default=i18n.DEFAULT_LANGUAGE)

    commands.add_parser("migrate", help="bring an existing store up to the current schema")

    quota = commands.add_parser("quota", help="store a city's PBI quota for a year (people)")
    quota.add_argument("--city", required=True, help="kab/kota code or name, already in the store (init --city)")
    quota.add_argument("--year", type=_year, required=True, help="budget year, e.g. 2025")
    quota.add_argument("--quota", type=_people, required=True, help="people the quota pays for, e.g. 43000")
    quota.add_argument(
        "--segment", choices=[s.code for s in figures.quota_segments()], default=figures.pemda_segment().code
    )
    quota.add_argument("--source", required=True, help="where the figure comes from, e.g. a decree or press release")

    settings = commands.add_parser("settings", help="a city's agency and logo on its exported pictures and briefings")
    settings.add_argument("--city", help="kab/kota code or name (default: the store's only city)")
    settings.add_argument("--instansi", help='the agency named in the source line, e.g. "Dinas Kesehatan Kota Serang"')
    settings.add_argument("--logo", help="a PNG or JPEG logo for the exports' top right corner")
    settings.add_argument("--no-logo", action="store_true", help="remove the stored logo")

    export_parser = commands.add_parser("export", help="press PNGs or the mayor's briefing, offline")
    export_commands = export_parser.add_subparsers(dest="export_kind", required=True, parser_class=_Parser)
    charts_parser = export_commands.add_parser("charts", help="the press set of PNGs and manifest.json")
    briefing_parser = export_commands.add_parser("briefing", help="the briefing pack: A4 PDF (or PPTX slides)")
    for one in (charts_parser, briefing_parser):
        one.add_argument("--period", required=True, help="month YYYY-MM")
        one.add_argument("--city", help="kab/kota code (default: the store's only city with data)")
        one.add_argument("--lang", choices=i18n.LANGUAGES, default=i18n.DEFAULT_LANGUAGE)
    charts_parser.add_argument("--size", default="1600x900", help="1600x900 (default), 1080x1080 or 1200x1500")
    charts_parser.add_argument("--out", required=True, help="folder to write the PNGs and manifest.json into")
    briefing_parser.add_argument("--out", required=True, help="the file to write: FILE.pdf, or FILE.pptx for slides")

    national = commands.add_parser("demo-national", help="build a synthetic store of every kelurahan in Indonesia")
    national.add_argument("--months", type=int, default=36, help="months of snapshots (default 36)")

    import_parser = commands.add_parser("import", help="import a file into the store")
    import_commands = import_parser.add_subparsers(dest="import_kind", required=True, parser_class=_Parser)
    _add_import_files(import_commands)
    _add_import_boundaries(import_commands)
    _add_import_crosswalk(import_commands)

    users = commands.add_parser("users", help="dashboard users who may import data (editors, admins)")
    user_commands = users.add_subparsers(dest="users_command", required=True, parser_class=_Parser)
    add = user_commands.add_parser("add", help="add a user; asks for the password twice")
    add.add_argument("name")
    add.add_argument("--role", choices=auth.ROLES, default="editor", help="editor (default) or admin")
    add.add_argument("--password-stdin", action="store_true", help="read the password as one line from stdin")
    user_commands.add_parser("list", help="list the users and their roles")
    remove = user_commands.add_parser("remove", help="remove a user")
    remove.add_argument("name")
    passwd = user_commands.add_parser("passwd", help="set a new password (also lifts a login wait)")
    passwd.add_argument("name")
    passwd.add_argument("--password-stdin", action="store_true", help="read the password as one line from stdin")
    return parser


def _add_import_files(import_commands) -> None:
    for kind, what in (("coverage", "a BPJS coverage recap"), ("population", "population figures (Dukcapil DKB)")):
        one = import_commands.add_parser(kind, help=f"import {what} (CSV or XLSX) as a new revision")
        one.add_argument("file", help="the CSV or XLSX file")
        one.add_argument("--city", help="kab/kota code or name (default: the store's only city)")
        if kind == "coverage":
            one.add_argument("--period", help="month YYYY-MM of the figures, when the file has no month column")
        else:
            one.add_argument("--as-of", required=True, help="date YYYY-MM-DD of the figures, e.g. 2025-06-30 (S1)")
        one.add_argument("--sheet", help="the workbook's sheet to read (default: the first with a header)")
        one.add_argument(
            "--column",
            action="append",
            default=[],
            metavar="CANONICAL=HEADER",
            help="which header holds a column, when guessing fails, e.g. registered='Jml Peserta' (repeatable)",
        )
        one.add_argument(
            "--crosswalk",
            metavar="FILE",
            help="CSV of Kemendagri and BPS codes (kode_kemendagri, kode_bps) for reading BPS codes in this file",
        )
        one.add_argument("--dry-run", action="store_true", help="show the report and what would change; write nothing")
        one.add_argument("--lang", choices=i18n.LANGUAGES, default=i18n.DEFAULT_LANGUAGE, help="language of the report")


def _add_import_crosswalk(import_commands) -> None:
    one = import_commands.add_parser(
        "crosswalk", help="keep the BPS codes of a Kemendagri-BPS crosswalk CSV in the store's region tree"
    )
    one.add_argument(
        "file",
        help="CSV with a Kemendagri and a BPS code column (kode_kemendagri, kode_bps), or a list of BPS codes and "
        "names (kode_bps, nama_bps), matched by name within each kecamatan",
    )
    one.add_argument("--lang", choices=i18n.LANGUAGES, default=i18n.DEFAULT_LANGUAGE, help="language of the report")


def _add_import_boundaries(import_commands) -> None:
    boundaries = import_commands.add_parser(
        "boundaries", help="kecamatan or kelurahan boundaries: GeoJSON, Shapefile (.shp or .zip), GeoPackage"
    )
    boundaries.add_argument("file", help="the boundary file (.geojson, .shp with its siblings, .zip, .gpkg)")
    boundaries.add_argument("--city", help="kab/kota code (default: the city in the store the file fits)")
    boundaries.add_argument("--level", choices=["kecamatan", "kelurahan"], help="default: guessed from the file")
    boundaries.add_argument("--code-field", help="property holding the region code (default: recognised)")
    boundaries.add_argument("--name-field", help="property holding the region name (default: recognised)")
    boundaries.add_argument("--layer", help="layer to read when the file has several")
    boundaries.add_argument(
        "--skip-bad-features", action="store_true", help="store the matched features, leave the unmatched out"
    )
    boundaries.add_argument("--dry-run", action="store_true", help="check and report; store nothing")
    boundaries.add_argument("--lang", choices=i18n.LANGUAGES, default=i18n.DEFAULT_LANGUAGE, help="report language")


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except (imports.ImportRefused, crosswalk.CrosswalkError) as exc:  # in the language the command was asked in
        print(f"uhc: {exc.text(getattr(args, 'lang', i18n.DEFAULT_LANGUAGE))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (BadInput, StoreError, UnknownRegion, gap.NoData, auth.AccountError) as exc:
        print(f"uhc: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # the reader of our output left early (`python -m uhc gap | head`): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the exit flush does not fail again
        return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    if not args.demo and not args.city:
        raise BadInput("init needs --demo, --city CODE or both")
    path = store_path(args.db)
    with Store.open(path) as store:
        if args.city:
            tree = seed.add_city(store, args.city)
            counts = tree.group_by("level").len()
            print(
                f"{path}: region tree of {tree['kemendagri_code'][1]} {tree['name'][1]}: "
                + ", ".join(f"{n} {level}" for level, n in counts.sort("level").iter_rows())
            )
        if args.demo:
            written = seed.add_demo(store)
            print(
                f"{path}: demo city Kota Pontianak: {written['coverage']} kelurahan-month snapshots, "
                f"{written['population']} population figures"
            )
    return EXIT_OK


def _scope(args: argparse.Namespace) -> str:
    if not args.city:
        return ""
    return kab_kota(args.city).code


def _gap(args: argparse.Namespace) -> int:
    period = None
    if args.period is not None:
        try:
            period = gap.parse_period(args.period)
        except ValueError as exc:
            raise BadInput(str(exc)) from None
    with Store.open(store_path(args.db), read_only=True) as store:
        scope = _scope(args)
        try:
            rows = gap.gap_for_period(store, period, args.level, scope, args.target)
        except gap.NoData as exc:
            raise BadInput(str(exc)) from None
    out = rows.select(f.name for f in figures.exported_figures())
    no_target = (rows["target_basis"] == "none_in_force").any()
    if args.format == "json":
        print(json.dumps(_json_rows(out), ensure_ascii=False, indent=1))
    elif args.format == "csv":
        sys.stdout.write(out.with_columns(_months_as_text()).write_csv())
    else:
        print(_table(rows, args.lang))
    if no_target and args.format != "table":
        # target_pct, people_needed and annual_cost_idr are null in the rows; say why, off the data stream
        print(f"uhc: {summary.no_target_sentence(rows.row(0, named=True), args.lang)}", file=sys.stderr)
    return EXIT_OK


def _months_as_text() -> list[pl.Expr]:
    """The exported figures that are months, written YYYY-MM."""
    return [pl.col(f.name).dt.strftime("%Y-%m") for f in figures.exported_figures() if f.unit == figures.MONTH]


def _json_rows(frame: pl.DataFrame) -> list[dict]:
    """Rows for JSON: months as YYYY-MM, decimals to four places; money columns are Int128, so to_dicts
    gives Python ints and every digit is written."""
    decimals = [f.name for f in figures.exported_figures() if f.dtype.is_float()]
    return frame.with_columns(*_months_as_text(), pl.col(decimals).round(4)).to_dicts()


def _table(frame: pl.DataFrame, language: str) -> str:
    """The gap rows as an aligned text table in the user's language, figures right-aligned.

    A month without a target in force is titled so, and a line under the table says why and how
    to give one with --target.
    """
    table = summary.gap_table(frame, language)
    numbers = set(summary.figure_headings(language))
    widths = {name: max(len(name), *(len(cell) for cell in table[name])) for name in table.columns}

    def line(cells: dict[str, str]) -> str:
        aligned = [cells[n].rjust(widths[n]) if n in numbers else cells[n].ljust(widths[n]) for n in table.columns]
        return "  ".join(aligned).rstrip()

    month = i18n.month(frame["period"][0], language)
    lines = [line({name: name for name in table.columns}), *map(line, table.iter_rows(named=True))]
    if (frame["target_basis"] == "none_in_force").any():
        note = summary.no_target_sentence(frame.row(0, named=True), language)
        return "\n".join([i18n.text("gap_title_no_target", language, month=month), *lines, note])
    target = i18n.percent(cast("float | None", frame["target_pct"].drop_nulls().first()), language, 0)
    return "\n".join([i18n.text("gap_title", language, month=month, target=target), *lines])


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
    mapping = {}
    for pair in args.column:
        canonical, sep, header = pair.partition("=")
        if not sep or not canonical.strip() or not header.strip():
            raise BadInput(f"--column {pair!r} must be CANONICAL=HEADER, e.g. registered='Jumlah Peserta'")
        mapping[canonical.strip()] = header.strip()
    language = args.lang
    codes = _crosswalk_file(args.crosswalk) if args.crosswalk else None
    with Store.open(store_path(args.db), read_only=args.dry_run) as store:
        city_code = _import_city(store, args.city)
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
            print(f"{i18n.text(_SEVERITY_KEYS[severity], language)}: {message}", file=sys.stderr)
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
        batch = imports.commit(store, checked, user=seed.current_user())
    print(i18n.text("import_done", language, batch=batch.batch_id))
    return EXIT_OK


def _import_city(store: Store, city: str | None) -> str:
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


def _history(args: argparse.Namespace) -> int:
    with Store.open(store_path(args.db), read_only=True) as store:
        batches = imports.history(store, _scope(args) or None, args.lang)
    if args.format == "json":
        rows = batches.drop("report").with_columns(pl.col("imported_at").dt.strftime("%Y-%m-%dT%H:%M:%S"))
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
            i18n.text(wording.STATUSES[row["status"]], args.lang) if row["status"] else "",
            row["summary"],
        ]
        for row in batches.iter_rows(named=True)
    ]
    widths = [max(len(line[i]) for line in [header, *cells]) for i in range(len(header))]
    for line in [header, *cells]:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())
    return EXIT_OK


def _restore(args: argparse.Namespace) -> int:
    with Store.open(store_path(args.db)) as store:
        batch = imports.restore(store, args.batch_id, user=seed.current_user())
    if batch.new:
        print(i18n.text("import_restored", args.lang, batch=args.batch_id, new=batch.batch_id))
    else:
        print(i18n.text("import_restore_nothing", args.lang, batch=args.batch_id))
    return EXIT_OK


def _migrate(args: argparse.Namespace) -> int:
    path = store_path(args.db)
    if not path.exists():
        raise BadInput(f"no store at {path}")
    with Store.open(path, migrate=False) as store:
        applied = store.migrate()
        print(
            f"{path}: schema version {store.schema_version()}"
            + (f" (applied {applied})" if applied else " (up to date)")
        )
    return EXIT_OK


def _quota(args: argparse.Namespace) -> int:
    city = kab_kota(args.city)
    source = args.source.strip()
    if not source:
        raise BadInput("--source must say where the quota comes from, e.g. 'SK Wali Kota Serang 2025'")
    path = store_path(args.db)
    with Store.open(path) as store:
        if store.run("region", scope_code=city.code, level="kota").height == 0:
            raise BadInput(
                f"{city.code} {city.name} is not in {path}; add it first: python -m uhc init --city {city.code}"
            )
        with store.transaction():
            store.execute(
                "upsert_pbi_quota",
                kemendagri_code=city.code,
                year=args.year,
                segment=args.segment,
                quota=args.quota,
                source=source,
            )
    print(f"{path}: {args.segment} quota of {city.code} {city.name} for {args.year}: {args.quota} people ({source})")
    return EXIT_OK


def _settings(args: argparse.Namespace) -> int:
    from uhc.output import export, report  # plotly and the map code are only needed by the exports

    path = store_path(args.db)
    if args.logo and args.no_logo:
        raise BadInput("--logo and --no-logo contradict each other: pass one")
    try:
        logo = Path(args.logo).read_bytes() if args.logo else None
        changes = export.branding_changes(args.instansi, logo, args.no_logo)
    except OSError as exc:
        raise BadInput(f"cannot read {args.logo}: {exc.strerror}; nothing was changed") from None
    except ValueError:
        raise BadInput(f"{args.logo} is not a PNG or JPEG image; nothing was changed") from None
    with Store.open(path, read_only=not changes) as store:
        city_code = _import_city(store, args.city)
        if changes:
            report.store_branding(store, city_code, changes)
        stored = dict(store.run("setting").iter_rows())
    instansi = stored.get(export.setting_key(export.SETTING_INSTANSI, city_code))
    print(f"{city_code} instansi: {instansi or '(not set: the source line names the city health office)'}")
    print(
        f"{city_code} logo: {'stored' if stored.get(export.setting_key(export.SETTING_LOGO, city_code)) else '(none)'}"
    )
    return EXIT_OK


def _export_city_month(args: argparse.Namespace):
    from uhc.output import report

    try:
        period = gap.parse_period(args.period)
    except ValueError as exc:
        raise BadInput(str(exc)) from None
    city_code = kab_kota(args.city).code if args.city else None  # a code (61.71, 6171) or a name
    with Store.open(store_path(args.db), read_only=True) as store:
        return report.load(store, city_code, period)


def _export(args: argparse.Namespace) -> int:
    from uhc.output import briefing, export, report  # Kaleido, Plotly and ReportLab are only needed here

    out = Path(args.out)
    if args.export_kind == "charts" and args.size not in export.SIZES:
        raise BadInput(f"--size must be one of {', '.join(export.SIZES)}, not {args.size!r}")
    if args.export_kind == "charts" and out.exists() and not out.is_dir():
        raise BadInput(f"--out must be a folder for the pictures and manifest.json; {out} is a file")
    if args.export_kind == "briefing" and out.is_dir():
        raise BadInput(f"--out must name the file to write (briefing.pdf or briefing.pptx); {out} is a folder")
    if args.export_kind == "briefing" and out.suffix.lower() not in (".pdf", ".pptx"):
        raise BadInput(f"--out must end in .pdf (A4 briefing) or .pptx (slides), not {out.name!r}")
    city_month = _export_city_month(args)
    # Chromium's driver logs its own shutdown and retries to stderr; a failure still reaches the
    # user as an ExportError below, in one line.
    for noisy in ("asyncio", "choreographer", "kaleido"):
        logging.getLogger(noisy).setLevel(logging.CRITICAL)
    try:
        if args.export_kind == "charts":
            written = report.write_press_set(city_month, args.lang, args.size, out)
            for entry in written["files"]:
                print(out / entry["file"])
            print(out / report.MANIFEST)
            for left in written["left_out"]:
                print(f"{i18n.text('export_left_out_heading', args.lang)} {left['chart']}: {left['reason']}")
        else:
            brief = briefing.briefing(city_month, args.lang, dt.datetime.now())
            data = briefing.pptx_bytes(brief) if out.suffix.lower() == ".pptx" else briefing.pdf_bytes(brief)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(data)
            print(out)
    except export.ExportError as exc:
        raise BadInput(str(exc)) from None
    except OSError as exc:
        raise BadInput(f"cannot write {exc.filename or out}: {exc.strerror}") from None
    return EXIT_OK


def _demo_national(args: argparse.Namespace) -> int:
    from uhc.store import national  # the national generator is only needed here

    if not 13 <= args.months <= 120:
        raise BadInput("--months must be between 13 and 120")
    path = store_path(args.db)
    if path.exists():
        raise BadInput(f"{path} exists; demo-national builds a new store: remove it or pass another --db")
    with Store.open(path) as store:
        summary = national.add_national_synthetic(store, months=args.months, last_month=dt.date(2025, 12, 1))
    print(f"{path}: synthetic national store: " + ", ".join(f"{v} {k}" for k, v in summary.items()))
    return EXIT_OK


def _new_password(args: argparse.Namespace) -> str:
    """The password from one line of stdin, or typed twice at the terminal (never echoed or printed)."""
    if args.password_stdin:
        password = sys.stdin.readline().removesuffix("\n").removesuffix("\r")
    else:
        password = _typed(f"Password for {args.name} (at least {auth.MIN_PASSWORD_LENGTH} characters): ")
    problem = auth.password_problem(password)
    if problem:
        raise BadInput(f"{problem}; nothing was changed")
    if not args.password_stdin and _typed("The same password again: ") != password:
        raise BadInput("the two passwords differ; nothing was changed")
    return password


def _typed(prompt: str) -> str:
    try:
        return getpass.getpass(prompt)
    except EOFError:
        print(file=sys.stderr)  # end the prompt's line
        raise BadInput("no password was typed; from a script, pass it with --password-stdin") from None


def _users(args: argparse.Namespace) -> int:
    path = store_path(args.db)
    if args.users_command == "list":
        with Store.open(path, read_only=True) as store:
            listed = auth.users(store)
        for name, role, created_at, _ in listed.iter_rows():
            print(f"{name}\t{role}\tadded {created_at:%Y-%m-%d %H:%M}")
        if listed.height == 0:
            print("no users yet: add one with `python -m uhc users add NAME --role editor`")
        return EXIT_OK
    if not path.exists():
        raise BadInput(f"no store at {path}: create it first with `python -m uhc init`")
    name = auth.user_name(args.name)
    with Store.open(path, read_only=True) as store:  # before asking for a password that cannot be used
        exists = name in auth.users(store)["user_name"]
    if exists == (args.users_command == "add"):
        raise BadInput(
            f"there is already a user {name!r}; change the password with `python -m uhc users passwd {name}`"
            if exists
            else f"there is no user {name!r} (see `python -m uhc users list`)"
        )
    if args.users_command == "remove":
        with Store.open(path) as store:
            auth.remove_user(store, name)
        print(f"{path}: removed {name}")
        return EXIT_OK
    password = _new_password(args)  # asked before the store is opened for writing
    with Store.open(path) as store:
        if args.users_command == "add":
            auth.add_user(store, name, password, args.role)
            print(f"{path}: added {name} ({args.role})")
        else:
            auth.set_password(store, name, password)
            print(f"{path}: new password for {name}")
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


def _import(args: argparse.Namespace) -> int:
    return IMPORTERS[args.import_kind](args)


COMMANDS = {
    "init": _init,
    "gap": _gap,
    "migrate": _migrate,
    "import": _import,
    "history": _history,
    "restore": _restore,
    "quota": _quota,
    "settings": _settings,
    "export": _export,
    "demo-national": _demo_national,
    "users": _users,
}
