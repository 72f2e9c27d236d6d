"""Who may write lists of people: an editor's or admin's login at the command line.

The password is typed at the terminal (never echoed) or read as one line of stdin with
``--password-stdin``; it is checked by :func:`uhc.store.auth.login`, which records failures and
makes a name wait after too many of them.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from uhc import i18n
from uhc.cli.common import Refusal
from uhc.store import auth
from uhc.store.db import Store

# The roles whose login may write; every role there is today.
WRITING_ROLES: tuple[auth.Role, ...] = ("editor", "admin")


def typed_password(prompt: str, language: str = i18n.DEFAULT_LANGUAGE) -> str:
    """A password typed at the terminal; BadInput when stdin is no terminal or nothing was typed.

    A stdin that is a pipe or a file is refused before anything is read: getpass would read it
    without a terminal to hide the echo (GetPassWarning), and a script's password belongs on the
    one line --password-stdin reads.
    """
    if not sys.stdin.isatty():
        raise Refusal("login_not_a_terminal")
    try:
        return getpass.getpass(prompt)
    except EOFError:
        print(file=sys.stderr)  # end the prompt's line
        raise Refusal("login_no_password") from None


def stdin_password() -> str:
    """The password on the first line of stdin, without its line ending."""
    return sys.stdin.readline().removesuffix("\n").removesuffix("\r")


def editor_login(store: Store, args: argparse.Namespace) -> auth.User:
    """The editor or admin named by ``--user``, logged in; :class:`Refusal` (one line, exit 2) otherwise."""
    language = getattr(args, "lang", i18n.DEFAULT_LANGUAGE)
    if not getattr(args, "user", None):
        raise Refusal("login_needs_editor")
    password = (
        stdin_password()
        if args.password_stdin
        else typed_password(i18n.text("login_password_prompt", language, user=args.user), language)
    )
    try:
        user = auth.login(store, args.user, password)
    except auth.LoginRefused as exc:
        if exc.reason == "wait":
            raise Refusal("login_cli_wait", seconds=exc.wait_s) from None
        raise Refusal("login_cli_wrong") from None
    if user.role not in WRITING_ROLES:
        raise Refusal("login_not_editor", user=user.name, role=user.role)
    return user
