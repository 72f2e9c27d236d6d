"""python -m uhc results import FILE: the cadres' filled sheet, each visit's result, as a new revision."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from uhc import i18n
from uhc.cli.common import EXIT_BAD_INPUT, EXIT_OK, BadInput
from uhc.cli.login import editor_login
from uhc.intake import results
from uhc.paths import store_path
from uhc.store import campaign
from uhc.store.db import Store


def results_command(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise BadInput(f"no file {path}")
    data = path.read_bytes()
    with Store.open(store_path(args.db), read_only=args.dry_run) as store:
        user = None if args.dry_run else editor_login(store, args)
        report = results.check_in(store, data, path.name, args.lang)
        lines = report.lines(args.lang)
        if report.problems:
            for line in lines:
                print(line, file=sys.stderr)
            return EXIT_BAD_INPUT
        for line in lines:
            print(line)
        if user is None or report.nothing_new:
            if user is None:
                print(i18n.text("people_dry_run", args.lang))
            return EXIT_OK
        batch_id = campaign.save_results(store, report.rows, file_name=path.name, sha256=report.sha256, user=user.name)
    if batch_id is None:  # another upload stored the same results between the check and now
        print(i18n.text("results_nothing_new", args.lang, file=path.name))
    else:
        count = i18n.number(report.new_rows.height, args.lang)
        print(i18n.text("results_saved", args.lang, file=path.name, count=count, batch=batch_id))
    return EXIT_OK
