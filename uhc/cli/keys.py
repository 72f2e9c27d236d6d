"""python -m uhc keys init | show-fingerprint: the city key's file (uhc/store/keys.py says what it protects)."""

from __future__ import annotations

import argparse

from uhc.cli.common import EXIT_OK
from uhc.store import keys


def keys_command(args: argparse.Namespace) -> int:
    path = keys.key_file_path(args.key_file)
    if args.keys_command == "init":
        key = keys.create_key_file(path)
        print(f"{path}: new city key, fingerprint {key.fingerprint} (readable by you only)")
        print(
            "Back it up now, e.g. cp -p on an encrypted USB drive kept by the data protection officer: "
            "without it no pseudonym can be matched and no name decrypted. Never put it in the store's folder or git."
        )
    else:
        print(f"{path}: fingerprint {keys.load_key(path).fingerprint}")
    return EXIT_OK
