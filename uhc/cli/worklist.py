"""python -m uhc worklist: a kelurahan's cadres' lists (one PDF per RT and its XLSX) into a folder."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import zipfile
from pathlib import Path

from uhc import i18n
from uhc.cli.common import EXIT_OK, BadInput
from uhc.cli.login import editor_login
from uhc.output import visit_lists
from uhc.paths import store_path
from uhc.store import keys
from uhc.store.db import Store


def worklist_command(args: argparse.Namespace) -> int:
    """Write the kelurahan's lists into ``--out`` (made if missing); an editor's login, the city key."""
    key = keys.load_key(keys.key_file_path(args.key_file))
    db = store_path(args.db)
    with Store.open(db) as store:  # a login writes (failures, their reset)
        user = editor_login(store, args)
    try:
        archive = visit_lists.kelurahan_zip(
            db, key, args.kelurahan, run_id=args.run, cadre=args.cadre, made_on=dt.date.today(), lang=args.lang,
            user=user.name, show_nik=not args.without_nik,
        )  # fmt: skip
    except visit_lists.NoList as exc:
        raise BadInput(exc.text(args.lang)) from None
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(archive)) as files:
        names = files.namelist()
        files.extractall(out)
    print(i18n.text("visit_written", args.lang, files=len(names), out=str(out)))
    return EXIT_OK
