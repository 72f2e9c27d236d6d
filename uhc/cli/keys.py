"""python -m uhc keys init | show-fingerprint: the city key's file (uhc/store/keys.py says what it protects)."""

from __future__ import annotations

import argparse

from uhc import i18n
from uhc.cli.common import EXIT_OK
from uhc.store import keys


def keys_command(args: argparse.Namespace) -> int:
    path = keys.key_file_path(args.key_file)
    if args.keys_command == "init":
        key = keys.create_key_file(path)
        print(i18n.text("key_created", args.lang, path=path, fingerprint=key.fingerprint))
        print(i18n.text("key_back_it_up", args.lang))
    else:
        print(i18n.text("key_fingerprint", args.lang, path=path, fingerprint=keys.load_key(path).fingerprint))
    return EXIT_OK
