"""What every command shares: exit codes and the one-line error the user sees."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import NoReturn

from uhc import i18n
from uhc.core import gap
from uhc.store.regions import kab_kota

EXIT_OK = 0
EXIT_BAD_INPUT = 2
# JKN began on 1 January 2014: no PBI quota is older.
JKN_START_YEAR = 2014
SEVERITY_KEYS = {"error": i18n.N_("import_error"), "warning": i18n.N_("import_warning")}


class BadInput(Exception):
    """Input the user can correct; the message is the one line they see."""


class Refusal(BadInput):
    """Input the user can correct, in the command's language: ``text(language)`` (English as ``str``)."""

    def __init__(self, key: str, **params: object) -> None:
        self.key, self.params = key, params
        super().__init__(self.text("en"))

    def text(self, language: str) -> str:
        return i18n.text(self.key, language, **self.params)


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line on stderr, exit 2 (argparse's default prints usage too)
        command = " ".join(["python -m uhc", *self.prog.split()[1:]])
        raise BadInput(f"{message} (see `{command} --help`)")


def column_mapping(pairs: list[str], example: str) -> dict[str, str]:
    """``--column CANONICAL=HEADER`` options (repeatable) as canonical -> header; :class:`BadInput` for a bad one."""
    mapping = {}
    for pair in pairs:
        canonical, sep, header = pair.partition("=")
        if not sep or not canonical.strip() or not header.strip():
            raise BadInput(f"--column {pair!r} must be CANONICAL=HEADER, e.g. {example}")
        mapping[canonical.strip()] = header.strip()
    return mapping


def scope_of(args: argparse.Namespace) -> str:
    if not args.city:
        return ""
    return kab_kota(args.city).code


def period_of(args: argparse.Namespace) -> dt.date | None:
    """``--period`` (2025-06) as the first day of its month; None when not given; BadInput when unreadable."""
    if args.period is None:
        return None
    try:
        return gap.parse_period(args.period)
    except ValueError as exc:
        raise BadInput(str(exc)) from None
