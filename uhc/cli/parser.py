"""The command line's arguments: python -m uhc init | gap | import ... | users | keys (argparse)."""

from __future__ import annotations

import argparse
import re

from uhc import figures, i18n
from uhc.cli.common import JKN_START_YEAR, Parser
from uhc.core import reactivation
from uhc.store import auth, keys
from uhc.store.regions import LEVELS


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


def _pace(text: str) -> float:
    try:
        return float(text.strip().replace(".", "").replace(",", ".")) if text.strip() else 0.0
    except ValueError:
        raise argparse.ArgumentTypeError(f"--pace must be people per month such as 250, not {text!r}") from None


def _month_number(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= 12:
        raise argparse.ArgumentTypeError(f"--from-month must be a month number from 1 to 12, such as 3, not {text!r}")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="uhc", description="JKN / UHC coverage: store, gap to the target, exports.")
    parser.add_argument("--db", help="store file (default: $UHC_DB or data/uhc.duckdb)")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    init = commands.add_parser("init", help="create the store: a city's region tree and/or the demo city")
    init.add_argument("--demo", action="store_true", help="add the demo city (Kota Pontianak, 2022-01 to 2026-01)")
    init.add_argument("--city", help="kab/kota code or name from the Kemendagri gazetteer, e.g. 61.71")
    init.add_argument(
        "--no-people", action="store_true", help="with --demo: leave out the synthetic register and BPJS list"
    )
    init.add_argument("--key-file", help="with --demo: the demo's city key (default: demo-city.key beside the store)")

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

    react = commands.add_parser(
        "reactivate", help="non-active participants to make active per kecamatan and keaktifan criterion, in rupiah"
    )
    react.add_argument("--period", help="month YYYY-MM (default: the latest in the store)")
    react.add_argument("--level", choices=["kecamatan", "kelurahan"], default="kecamatan")
    react.add_argument("--city", help="kab/kota code (default: the store's only city)")
    react.add_argument(
        "--criterion",
        choices=["all", *reactivation.CRITERIA],
        default="all",
        help="the UHC criterion in force (uhc) or an award tier above it (default: all of them)",
    )
    react.add_argument(
        "--months",
        type=int,
        default=reactivation.MAX_MONTHS_FUNDED,
        help="months of iuran the Pemda pays (1-12, default 12)",
    )
    react.add_argument(
        "--arrears-months",
        type=int,
        default=24,
        help="months of arrears a non-active mandiri participant owes (an assumption; default 24, capped by the "
        "dated arrears rule: 24 under Perpres 64/2020)",
    )
    react.add_argument(
        "--write-off",
        action="store_true",
        help="scenario: the arrears of participants moved to PBPU Pemda are written off",
    )
    react.add_argument(
        "--split",
        choices=reactivation.SPLITS,
        default="proportional",
        help="without stored active counts per segment, split the non-active over segments in proportion to "
        "registered (default) or mandiri (PBPU, BP) first",
    )
    react.add_argument(
        "--rt",
        metavar="KELURAHAN",
        help="instead of the plan: the kelurahan's (code or name) residents to reactivate per RT from a stored "
        "match run, with the months of arrears, what they owe and what moving them to PBPU Pemda costs the city",
    )
    react.add_argument("--run", type=int, help="with --rt: the stored match run (default: the newest)")
    react.add_argument("--format", choices=["table", "csv", "json"], default="table")
    react.add_argument(
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

    quota = commands.add_parser(
        "quota", help="a city's PBI quota for a year: store it (--quota, --source) and plan it month by month"
    )
    quota.add_argument("--city", required=True, help="kab/kota code or name, already in the store (init --city)")
    quota.add_argument("--year", type=_year, required=True, help="budget year, e.g. 2025")
    quota.add_argument("--quota", type=_people, help="store: people the quota pays for, e.g. 43000")
    quota.add_argument(
        "--segment", choices=[s.code for s in figures.quota_segments()], default=figures.pemda_segment().code
    )
    quota.add_argument("--source", help="with --quota: where the figure comes from, e.g. a decree or press release")
    quota.add_argument("--pace", type=_pace, help="new PBI APBD registrations per month (default: the pace measured)")
    quota.add_argument("--add", type=_people, help="the cost of this many more places from --from-month to December")
    quota.add_argument("--from-month", type=_month_number, default=1, help="with --add: the first month (1-12)")
    quota.add_argument("--lang", choices=i18n.LANGUAGES, default=i18n.DEFAULT_LANGUAGE)

    alert = commands.add_parser(
        "alerts",
        help="regions whose coverage or keaktifan crossed a threshold, once per crossing; sets the thresholds",
    )
    alert.add_argument("--since", help="first month listed, YYYY-MM (default: every month)")
    alert.add_argument("--city", help="kab/kota code or name (default: every city)")
    alert.add_argument(
        "--level", choices=["kota", "kecamatan", "kelurahan"], default="kelurahan", help="down to this level"
    )
    alert.add_argument("--coverage", help="set: alert when coverage falls below this percent (e.g. 98; off)")
    alert.add_argument("--keaktifan", help="set: alert when keaktifan falls below this percent (e.g. 80; off)")
    alert.add_argument("--fall", help="set: alert when either falls by more than this many points in a month (off)")
    alert.add_argument("--format", choices=["table", "json"], default="table")
    alert.add_argument("--lang", choices=i18n.LANGUAGES, default=i18n.DEFAULT_LANGUAGE)

    changed = commands.add_parser("changes", help="what changed in a month against the month before, a text to send")
    changed.add_argument("--period", help="month YYYY-MM (default: the latest in the store)")
    changed.add_argument("--city", help="kab/kota code or name (default: the store's only city)")
    changed.add_argument("--lang", choices=i18n.LANGUAGES, default=i18n.DEFAULT_LANGUAGE)

    settings = commands.add_parser("settings", help="a city's agency and logo on its exported pictures and briefings")
    settings.add_argument("--city", help="kab/kota code or name (default: the store's only city)")
    settings.add_argument("--instansi", help='the agency named in the source line, e.g. "Dinas Kesehatan Kota Serang"')
    settings.add_argument("--logo", help="a PNG or JPEG logo for the exports' top right corner")
    settings.add_argument("--no-logo", action="store_true", help="remove the stored logo")

    events = commands.add_parser("events", help="dated events drawn on the trend charts, e.g. 'UHC Prioritas'")
    events_commands = events.add_subparsers(dest="events_command", required=True, parser_class=Parser)
    events_add = events_commands.add_parser("add", help="keep an event (one a day: a second replaces the first)")
    events_list = events_commands.add_parser("list", help="the city's events, oldest first")
    events_remove = events_commands.add_parser("remove", help="remove the event of a day")
    for one in (events_add, events_list, events_remove):
        one.add_argument("--city", help="kab/kota code or name (default: the store's only city)")
    for one in (events_add, events_remove):
        one.add_argument("--date", required=True, help="the day, YYYY-MM-DD, e.g. 2025-06-01")
    events_add.add_argument("--label", required=True, help="what happened, short: 'UHC Prioritas'")

    export_parser = commands.add_parser("export", help="press PNGs or the mayor's briefing, offline")
    export_commands = export_parser.add_subparsers(dest="export_kind", required=True, parser_class=Parser)
    charts_parser = export_commands.add_parser("charts", help="the press set of PNGs and manifest.json")
    briefing_parser = export_commands.add_parser("briefing", help="the briefing pack: A4 PDF (or PPTX slides)")
    card_parser = export_commands.add_parser("card", help="the big-number card PNG for WhatsApp and Instagram")
    for one in (charts_parser, briefing_parser, card_parser):
        one.add_argument("--period", required=True, help="month YYYY-MM")
        one.add_argument("--city", help="kab/kota code (default: the store's only city with data)")
        one.add_argument("--lang", choices=i18n.LANGUAGES, default=i18n.DEFAULT_LANGUAGE)
    charts_parser.add_argument("--size", default="1600x900", help="1600x900 (default), 1080x1080 or 1200x1500")
    charts_parser.add_argument("--out", required=True, help="folder to write the PNGs and manifest.json into")
    charts_parser.add_argument(
        "--highlight", metavar="KECAMATAN", help="a kecamatan (code or name) that stands out in the map and ranking"
    )
    for field, what in (
        ("headline", "its finding, e.g. 'Cakupan JKN 87,86%%: 69.246 warga lagi menuju 98%%'"),
        ("subtitle", "the line under the headline (default: region and period)"),
        ("note", "a remark above the source line"),
    ):
        charts_parser.add_argument(
            f"--{field}",
            action="append",
            default=[],
            metavar="CHART=TEXT",
            help=f"a picture's {field}: {what}; CHART is a file stem (cakupan-tren, peta-kecamatan, "
            "peringkat-kecamatan, segmen, keaktifan-tren, perubahan-bulan); kept in the store for the next export; "
            "CHART= (empty) goes back to the default; repeatable",
        )
    briefing_parser.add_argument("--out", required=True, help="the file to write: FILE.pdf, or FILE.pptx for slides")
    card_parser.add_argument("--size", default="1080x1080", help="1080x1080 (default, square) or 1080x1350 (portrait)")
    card_parser.add_argument("--out", required=True, help="the PNG file to write")
    card_parser.add_argument(
        "--sentence", help="the sentence under the figure (kept in the store for the next card; '' for the default)"
    )
    card_parser.add_argument("--note", help="a remark above the source line (kept like --sentence)")

    national = commands.add_parser("demo-national", help="build a synthetic store of every kelurahan in Indonesia")
    national.add_argument("--months", type=int, default=36, help="months of snapshots (default 36)")

    import_parser = commands.add_parser("import", help="import a file into the store")
    import_commands = import_parser.add_subparsers(dest="import_kind", required=True, parser_class=Parser)
    _add_import_files(import_commands)
    _add_import_boundaries(import_commands)
    _add_import_crosswalk(import_commands)

    users = commands.add_parser("users", help="dashboard users who may import data (editors, admins)")
    user_commands = users.add_subparsers(dest="users_command", required=True, parser_class=Parser)
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
    _add_keys(commands)
    _add_register(commands)
    _add_results(commands)
    return parser


def _add_register(commands) -> None:
    register = commands.add_parser("register", help="the resident register (Dukcapil extract), pseudonymised")
    register_commands = register.add_subparsers(dest="register_command", required=True, parser_class=Parser)
    one = register_commands.add_parser("import", help="import a register file (CSV or XLSX), all rows or none")
    _add_people_import(one)
    purge = register_commands.add_parser(
        "purge", help="delete every personal row (register, lists, matches) at a campaign's end; counts stay"
    )
    purge.add_argument("--yes", action="store_true", help="confirm: the personal rows cannot be brought back")
    _add_login(purge)
    purge.add_argument("--lang", choices=i18n.LANGUAGES, default=i18n.DEFAULT_LANGUAGE)
    match = commands.add_parser("match", help="the resident register against the BPJS list: who to visit, per area")
    match.add_argument("--register-batch", type=int, help="the register import to use (default: the newest)")
    match.add_argument("--participants-batch", type=int, help="the BPJS list import to use (default: the newest)")
    match.add_argument("--level", choices=["kelurahan", "rw", "rt"], default="kelurahan", help="areas of the report")
    match.add_argument(
        "--verify", metavar="PROGRAMME", help="check this programme list's recipients against the others"
    )
    match.add_argument("--format", choices=["table", "json"], default="table")
    match.add_argument("--dry-run", action="store_true", help="report only, store nothing (no login needed)")
    match.add_argument(
        "--history", action="store_true", help="list the stored runs, newest first, and when each was purged"
    )
    match.add_argument(
        "--key-file", help=f"the key file (default: ${keys.KEY_FILE_ENV}, else ~/.config/uhc-dashboard/city.key)"
    )
    _add_login(match)
    match.add_argument("--lang", choices=i18n.LANGUAGES, default=i18n.DEFAULT_LANGUAGE)
    participants = commands.add_parser("participants", help="the BPJS participant list, pseudonymised")
    participant_commands = participants.add_subparsers(dest="participants_command", required=True, parser_class=Parser)
    one = participant_commands.add_parser("import", help="import a BPJS participant list (CSV or XLSX), all or none")
    _add_people_import(one)
    one.add_argument("--city", help="kab/kota code or name (default: the store's only city)")
    programme = commands.add_parser("programme", help="a programme's recipients (PBI, APBD, aid) by NIK or KK")
    programme_commands = programme.add_subparsers(dest="programme_command", required=True, parser_class=Parser)
    one = programme_commands.add_parser("import", help="import a programme list (CSV or XLSX), all rows or none")
    _add_people_import(one)
    one.add_argument("--name", required=True, help='the programme, 1-80 characters, e.g. "PBI APBD 2026" or "PKH"')


def _add_results(commands) -> None:
    results = commands.add_parser("results", help="the cadres' filled sheets: each visit's result")
    result_commands = results.add_subparsers(dest="results_command", required=True, parser_class=Parser)
    one = result_commands.add_parser(
        "import", help="import a filled kelurahan sheet (XLSX or CSV) as a new revision, all rows or none"
    )
    one.add_argument("file", help="the XLSX or CSV file")
    one.add_argument("--dry-run", action="store_true", help="check and report, write nothing (no login needed)")
    _add_login(one)
    one.add_argument("--lang", choices=i18n.LANGUAGES, default=i18n.DEFAULT_LANGUAGE)


def _add_people_import(one) -> None:
    """The arguments every import of a list of people takes."""
    one.add_argument("file", help="the CSV or XLSX file")
    one.add_argument("--dry-run", action="store_true", help="check and report, write nothing (no login needed)")
    one.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="FIELD=HEADER",
        help="which header holds a field, when its spelling is not recognised, e.g. name='NAMA_LGKP' (repeatable)",
    )
    one.add_argument(
        "--key-file", help=f"the key file (default: ${keys.KEY_FILE_ENV}, else ~/.config/uhc-dashboard/city.key)"
    )
    _add_login(one)
    one.add_argument("--lang", choices=i18n.LANGUAGES, default=i18n.DEFAULT_LANGUAGE)


def _add_login(one) -> None:
    one.add_argument("--user", help="an editor or admin of the store (python -m uhc users list); needed to write")
    one.add_argument("--password-stdin", action="store_true", help="read the password as one line from stdin")


def _add_keys(commands) -> None:
    city_key = commands.add_parser("keys", help="the city key that pseudonymises NIK/KK numbers and encrypts names")
    key_commands = city_key.add_subparsers(dest="keys_command", required=True, parser_class=Parser)
    for name, what in (
        ("init", "write a new random city key (never replaces one)"),
        ("show-fingerprint", "the key's fingerprint, to compare with the one a store records"),
    ):
        one = key_commands.add_parser(name, help=what)
        one.add_argument(
            "--key-file", help=f"the key file (default: ${keys.KEY_FILE_ENV}, else ~/.config/uhc-dashboard/city.key)"
        )
        one.add_argument("--lang", choices=i18n.LANGUAGES, default=i18n.DEFAULT_LANGUAGE)


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
