"""Who may write lists of people: an editor's or admin's login at the command line.

The password is typed at the terminal (never echoed) or read as one line of stdin with
``--password-stdin``; it is checked by :func:`uhc.store.auth.login`, which records failures and
makes a name wait after too many of them.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from uhc.cli.common import BadInput
from uhc.store import auth
from uhc.store.db import Store

# The roles whose login may write; every role there is today.
WRITING_ROLES: tuple[auth.Role, ...] = ("editor", "admin")


def typed_password(prompt: str) -> str:
    """A password typed at the terminal; BadInput when stdin is no terminal or nothing was typed.

    A stdin that is a pipe or a file is refused before anything is read: getpass would read it
    without a terminal to hide the echo (GetPassWarning), and a script's password belongs on the
    one line --password-stdin reads.
    """
    if not sys.stdin.isatty():
        raise BadInput(
            "stdin is not a terminal, so the password cannot be typed unseen: from a script or a pipe, "
            "add --password-stdin and give the password as the first line of stdin"
        )
    try:
        return getpass.getpass(prompt)
    except EOFError:
        print(file=sys.stderr)  # end the prompt's line
        raise BadInput("no password was typed; from a script, pass it with --password-stdin") from None


def stdin_password() -> str:
    """The password on the first line of stdin, without its line ending."""
    return sys.stdin.readline().removesuffix("\n").removesuffix("\r")


def editor_login(store: Store, args: argparse.Namespace) -> auth.User:
    """The editor or admin named by ``--user``, logged in; BadInput (one line, exit 2) otherwise."""
    if not getattr(args, "user", None):
        raise BadInput(
            "writing needs an editor's login: add --user NAME (the password is asked, or read from stdin "
            "with --password-stdin), or check the file only with --dry-run"
        )
    password = stdin_password() if args.password_stdin else typed_password(f"Password for {args.user}: ")
    try:
        user = auth.login(store, args.user, password)
    except auth.LoginRefused as exc:
        raise BadInput(f"{exc}; nothing was written") from None
    if user.role not in WRITING_ROLES:
        raise BadInput(f"{user.name} is a {user.role}; only an editor or admin may write; nothing was written")
    return user
