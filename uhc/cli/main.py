"""The command line: python -m uhc init | gap | reactivate | import coverage|population|boundaries | history | restore |
migrate | quota | alerts | changes | settings | events add|list|remove | export charts|briefing | demo-national | users | keys |
register import | participants import | programme import | results import.

Exit code 0 on success, 2 on bad input with a one-line reason on stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
from pathlib import Path
from typing import cast

import polars as pl

from uhc import figures, i18n
from uhc.cli import demo_people
from uhc.cli.alerts import alerts_command, changes_command
from uhc.cli.common import EXIT_BAD_INPUT, EXIT_OK, BadInput, Refusal, period_of, scope_of
from uhc.cli.importing import history, import_city, import_command, restore
from uhc.cli.keys import keys_command
from uhc.cli.login import stdin_password, typed_password
from uhc.cli.matching import match_command
from uhc.cli.parser import build_parser
from uhc.cli.participants import participants_command
from uhc.cli.programmes import programme_command
from uhc.cli.reactivate import reactivate_command
from uhc.cli.register import register_command
from uhc.cli.results import results_command
from uhc.cli.worklist import worklist_command
from uhc.core import gap, planner, summary
from uhc.intake import crosswalk, imports
from uhc.intake.people.table import PeopleError
from uhc.paths import store_path
from uhc.store import auth, keys, seed
from uhc.store.db import Store, StoreError
from uhc.store.regions import UnknownRegion, kab_kota


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except (
        imports.ImportRefused,
        crosswalk.CrosswalkError,
        PeopleError,
        keys.CityKeyError,
    ) as exc:  # in the language the command was asked in
        print(f"uhc: {exc.text(getattr(args, 'lang', i18n.DEFAULT_LANGUAGE))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (gap.NoData, Refusal) as exc:  # in --lang; a command without one (users ...) speaks English throughout
        print(f"uhc: {exc.text(getattr(args, 'lang', 'en'))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (BadInput, StoreError, UnknownRegion, auth.AccountError) as exc:
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
            if not args.no_people:
                _init_demo_people(store, path, args)
    return EXIT_OK


def _init_demo_people(store: Store, path: Path, args: argparse.Namespace) -> None:
    key = demo_people.demo_key(path, args.key_file)
    made = demo_people.add_demo_people(store, key)
    if made is None:
        print(f"{path}: the store already holds a register or a participant list; the demo's people were not added")
        return
    number = i18n.number
    print(
        f"{path}: demo register and BPJS list (synthetic people, January 2026): {number(made['residents'])} register "
        f"rows, {number(made['participants'])} list rows, matched as run {made['run']} "
        f"({number(made['to_visit'])} residents to visit); city key {key.fingerprint} (demo only)"
    )


def _gap(args: argparse.Namespace) -> int:
    period = period_of(args)
    with Store.open(store_path(args.db), read_only=True) as store:
        scope = scope_of(args)
        rows = gap.gap_for_period(store, period, args.level, scope, args.target)
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
    return "\n".join(
        [
            i18n.text("gap_title", language, month=month, target=target),
            *lines,
            *_shortfall_lines(frame, language, target),
        ]
    )


def _shortfall_lines(frame: pl.DataFrame, language: str, target: str) -> list[str]:
    """Under the table, which shortfall each column counts; for one region, its status in words too."""
    if frame.height == 1:
        row = frame.row(0, named=True)
        return [summary.status_sentence(row, language), summary.shortfalls_sentence(row, language)]
    min_activity = cast("float | None", frame["min_activity_pct"].drop_nulls().first())
    if min_activity is None:
        return []
    return [
        i18n.text("gap_columns_note", language, target=target, min_activity=i18n.percent(min_activity, language, 0))
    ]


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
        if seed.upgrade_demo_geometry(store):
            print(f"{path}: the demo city's schematic map replaced by the real boundaries of Kota Pontianak")
    return EXIT_OK


def _quota(args: argparse.Namespace) -> int:
    city = kab_kota(args.city)
    if (args.quota is None) != (args.source is None):
        raise BadInput("--quota and --source go together: the quota is stored with where it comes from")
    source = (args.source or "").strip()
    if args.quota is not None and not source:
        raise BadInput("--source must say where the quota comes from, e.g. 'SK Wali Kota Serang 2025'")
    path = store_path(args.db)
    with Store.open(path, read_only=args.quota is None) as store:
        if store.run("region", scope_code=city.code, level="kota").height == 0:
            raise BadInput(
                f"{city.code} {city.name} is not in {path}; add it first: python -m uhc init --city {city.code}"
            )
        if args.quota is not None:
            with store.transaction():
                store.execute(
                    "upsert_pbi_quota",
                    kemendagri_code=city.code,
                    year=args.year,
                    segment=args.segment,
                    quota=args.quota,
                    source=source,
                )
            print(
                f"{path}: {args.segment} quota of {city.code} {city.name} for {args.year}: {args.quota} people ({source})"
            )
        stored, _ = planner.stored_quota(store.run("pbi_quota", kemendagri_code=city.code, year=args.year))
        if stored is None:
            raise BadInput(f"no PBI APBD quota of {city.code} for {args.year}: store it with --quota N --source TEXT")
        plan = gap.quota_plan_for_year(store, city.code, args.year, stored, args.pace or None)
    if plan is None:
        if args.quota is not None:  # stored; there is nothing to plan it against yet
            return EXIT_OK
        raise BadInput(f"no PBI APBD figures of {city.code} up to {args.year}: import a recap with a PBI APBD column")
    language = args.lang
    table = planner.quota_month_table(plan, language)
    widths = {name: max(len(name), *(len(cell) for cell in table[name])) for name in table.columns}
    first = table.columns[0]
    for cells in [dict(zip(table.columns, table.columns, strict=True)), *table.iter_rows(named=True)]:
        print("  ".join(cells[n].ljust(widths[n]) if n == first else cells[n].rjust(widths[n]) for n in table.columns))
    print(i18n.text("quota_plan_projected_note", language))
    for sentence in planner.quota_plan_sentences(plan, language):
        print(sentence)
    if args.add:
        print(planner.places_sentence(args.add, args.from_month, plan.iuran_idr_per_month, args.year, language))
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
        city_code = import_city(store, args.city)
        if changes:
            report.store_branding(store, city_code, changes)
        stored = dict(store.run("setting").iter_rows())
    instansi = stored.get(export.setting_key(export.SETTING_INSTANSI, city_code))
    print(f"{city_code} instansi: {instansi or '(not set: the source line names the city health office)'}")
    print(
        f"{city_code} logo: {'stored' if stored.get(export.setting_key(export.SETTING_LOGO, city_code)) else '(none)'}"
    )
    return EXIT_OK


def _wording_options(args: argparse.Namespace) -> dict[str, dict[str, str]]:
    """--headline/--subtitle/--note CHART=TEXT as {chart: {field: text}}; BadInput for an unknown chart."""
    from uhc.output import report

    given: dict[str, dict[str, str]] = {}
    for field in report.WORDING_FIELDS:
        for option in getattr(args, field, None) or []:
            stem, equals, text = option.partition("=")
            if not equals or stem.strip() not in report.PRESS_STEMS:
                raise BadInput(
                    f"--{field} {option!r}: expected CHART=TEXT with CHART one of {', '.join(report.PRESS_STEMS)}"
                )
            given.setdefault(stem.strip(), {})[field] = text
    return given


def _highlight(city_month, given: str | None) -> str | None:
    """--highlight as a kecamatan code of the city (by code, or by name ignoring case); BadInput if none."""
    if given is None:
        return None
    names = dict(zip(city_month.kecamatan["kemendagri_code"], city_month.kecamatan["name"], strict=True))
    for code, name in names.items():
        if given.strip() in (code, code.replace(".", "")) or given.strip().casefold() == name.casefold():
            return code
    listed = ", ".join(f"{code} {name}" for code, name in names.items())
    raise BadInput(f"--highlight {given!r} is no kecamatan of {city_month.city_name} this month; there are: {listed}")


def _export_card(args: argparse.Namespace, out: Path) -> int:
    """export card: the big-number card PNG; --sentence/--note are kept as the city's wording of the card."""
    from uhc.output import export, report

    if args.size not in export.CARD_SIZES:
        raise BadInput(f"--size must be one of {', '.join(export.CARD_SIZES)}, not {args.size!r}")
    if out.is_dir() or out.suffix.lower() != ".png":
        raise BadInput(f"--out must name the PNG file to write (kartu.png), not {out.name!r}")
    given = {field: value for field, value in (("headline", args.sentence), ("note", args.note)) if value is not None}
    city_month = _export_city_month(args, {report.CARD_STEM: given} if given else None)
    for noisy in ("asyncio", "choreographer", "kaleido"):
        logging.getLogger(noisy).setLevel(logging.CRITICAL)
    try:
        data = report.card_png(city_month, args.lang, args.size)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    except export.ExportError as exc:
        raise BadInput(str(exc)) from None
    except OSError as exc:
        raise BadInput(f"cannot write {exc.filename or out}: {exc.strerror}") from None
    print(out)
    return EXIT_OK


def _events(args: argparse.Namespace) -> int:
    from uhc.output import events

    path = store_path(args.db)
    day = None
    if args.events_command != "list":
        try:
            day = dt.date.fromisoformat(args.date)
        except ValueError:
            raise BadInput(
                f"--date {args.date!r} is not a day; write it as YYYY-MM-DD, for example 2025-06-01"
            ) from None
    if args.events_command == "add":
        try:
            events.checked_label(args.label)
        except events.EventError as exc:
            raise BadInput(f"{exc}; nothing was changed") from None
    with Store.open(path, read_only=args.events_command == "list") as store:
        city_code = import_city(store, args.city)
        if args.events_command == "add" and day is not None:
            events.add_event(store, city_code, day, args.label)
            print(f"{city_code} {day.isoformat()}: {events.checked_label(args.label)}")
        elif args.events_command == "remove" and day is not None:
            if not events.remove_event(store, city_code, day):
                raise BadInput(f"{city_code} has no event on {day.isoformat()} (see `python -m uhc events list`)")
            print(f"{city_code} {day.isoformat()}: removed")
        else:
            listed = events.city_events(dict(store.run("setting").iter_rows()), city_code)
            for day_listed, label in listed.iter_rows():
                print(f"{day_listed.isoformat()}\t{label}")
            if listed.height == 0:
                print(
                    f"{city_code} has no events yet: python -m uhc events add --date 2025-06-01 --label 'UHC Prioritas'"
                )
    return EXIT_OK


def _export_city_month(args: argparse.Namespace, given: dict[str, dict[str, str]] | None = None):
    """The city-month to export; ``given`` wording (see _wording_options) is kept in the store first."""
    from uhc.output import report

    period = period_of(args)
    assert period is not None  # the export commands require --period
    city_code = kab_kota(args.city).code if args.city else None  # a code (61.71, 6171) or a name
    with Store.open(store_path(args.db), read_only=not given) as store:
        city_month = report.load(store, city_code, period)
        if not given:
            return city_month
        report.store_wording(
            store,
            city_month.city_code,
            args.lang,
            report.wording_changes(city_month, args.lang, given),
            report.saved_over_changes(city_month, args.lang, given),
        )
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
    if args.export_kind == "card":
        return _export_card(args, out)
    city_month = _export_city_month(args, _wording_options(args) if args.export_kind == "charts" else None)
    # Chromium's driver logs its own shutdown and retries to stderr; a failure still reaches the
    # user as an ExportError below, in one line.
    for noisy in ("asyncio", "choreographer", "kaleido"):
        logging.getLogger(noisy).setLevel(logging.CRITICAL)
    try:
        if args.export_kind == "charts":
            written = report.write_press_set(
                city_month, args.lang, args.size, out, highlight_code=_highlight(city_month, args.highlight)
            )
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
        password = stdin_password()
    else:
        password = typed_password(f"Password for {args.name} (at least {auth.MIN_PASSWORD_LENGTH} characters): ")
    problem = auth.password_problem(password)
    if problem:
        raise BadInput(f"{problem}; nothing was changed")
    if not args.password_stdin and typed_password("The same password again: ") != password:
        raise BadInput("the two passwords differ; nothing was changed")
    return password


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


COMMANDS = {
    "init": _init,
    "gap": _gap,
    "reactivate": reactivate_command,
    "migrate": _migrate,
    "import": import_command,
    "history": history,
    "alerts": alerts_command,
    "changes": changes_command,
    "restore": restore,
    "quota": _quota,
    "settings": _settings,
    "export": _export,
    "events": _events,
    "demo-national": _demo_national,
    "users": _users,
    "keys": keys_command,
    "register": register_command,
    "participants": participants_command,
    "programme": programme_command,
    "match": match_command,
    "worklist": worklist_command,
    "results": results_command,
}
