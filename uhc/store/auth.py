"""Dashboard users who may write: argon2 password hashes, roles, and logins slowed down after failures.

Viewing needs no account. Importing and restoring need an editor or admin login. Passwords are only
ever stored as argon2id hashes (argon2-cffi's defaults: about 0,15 s and 64 MiB per check).

After ``FREE_ATTEMPTS`` failed logins in a row for a name, each further attempt must wait
2^(failures - FREE_ATTEMPTS) seconds after the last failure, at most ``MAX_WAIT_S``; attempts during
the wait are refused without checking the password. A success, or a new password, clears the count.
Names that are no user are counted and checked (against a dummy hash) exactly like real ones, so
neither the answer nor its timing tells whether a name exists.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

import polars as pl
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from uhc.store.db import Store

Role = Literal["editor", "admin"]
ROLES: tuple[Role, ...] = ("editor", "admin")
MIN_PASSWORD_LENGTH = 10
# argon2 takes any length; a cap keeps one login from costing more than hashing a long text.
MAX_PASSWORD_LENGTH = 1024
FREE_ATTEMPTS = 5
MAX_WAIT_S = 15 * 60
_USER_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
_HASHER = PasswordHasher()


class AccountError(ValueError):
    """A user-account request that cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class User:
    """A logged-in user."""

    name: str
    role: Role


class LoginRefused(Exception):
    """A login that did not succeed: a wrong name or password, or an attempt during the wait.

    ``reason`` is "wrong" (checked and wrong) or "wait" (refused unchecked, too soon after failures);
    ``wait_s`` is how many whole seconds remain before the next attempt is checked (0: at once).
    """

    def __init__(self, reason: Literal["wrong", "wait"], wait_s: int):
        super().__init__(reason, wait_s)
        self.reason = reason
        self.wait_s = wait_s

    def __str__(self) -> str:
        if self.reason == "wait":
            return f"too many failed logins: try again in {self.wait_s} s"
        return "wrong user name or password"


def user_name(text: str) -> str:
    """The stored form of a user name (trimmed, lower case); AccountError when it cannot be one."""
    name = text.strip().lower()
    if not _USER_NAME.fullmatch(name):
        raise AccountError(
            f"{text!r} cannot be a user name: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"
        )
    return name


def password_problem(password: str) -> str | None:
    """Why ``password`` cannot be used (in English, for the command line), or None when it can."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"the password is too short: use at least {MIN_PASSWORD_LENGTH} characters"
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"the password is too long: use at most {MAX_PASSWORD_LENGTH} characters"
    if not password.strip():
        return "the password cannot be only spaces"
    return None


def _checked_hash(password: str) -> str:
    problem = password_problem(password)
    if problem:
        raise AccountError(problem)
    return _HASHER.hash(password)


def users(store: Store) -> pl.DataFrame:
    """Every user: user_name, role, created_at, password_set_at."""
    return store.run("app_user")


def add_user(store: Store, name: str, password: str, role: Role) -> User:
    """Create a user with an argon2 hash of ``password``."""
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    name = user_name(name)
    password_hash = _checked_hash(password)
    with store.transaction():
        if store.run("user_credential", user_name=name).height:
            raise AccountError(f"there is already a user {name!r}; change the password with `users passwd {name}`")
        store.execute("insert_app_user", user_name=name, password_hash=password_hash, role=role)
        store.execute("delete_login_failure", user_name=name)
    return User(name, role)


def remove_user(store: Store, name: str) -> None:
    """Delete a user; AccountError when there is none of that name."""
    name = user_name(name)
    with store.transaction():
        if store.scalar("delete_app_user", user_name=name) is None:
            raise AccountError(f"there is no user {name!r} (see `users list`)")
        store.execute("delete_login_failure", user_name=name)


def set_password(store: Store, name: str, password: str) -> None:
    """Give a user a new password; this also clears its failed logins."""
    name = user_name(name)
    password_hash = _checked_hash(password)
    with store.transaction():
        if store.scalar("update_user_password", user_name=name, password_hash=password_hash) is None:
            raise AccountError(f"there is no user {name!r} (see `users list`)")
        store.execute("delete_login_failure", user_name=name)


def wait_after(failure_count: int) -> int:
    """Seconds a name must wait after its last failure, given its failed logins in a row."""
    if failure_count < FREE_ATTEMPTS:
        return 0
    return min(2 ** (failure_count - FREE_ATTEMPTS), MAX_WAIT_S)


@cache
def _dummy_hash() -> str:
    """A hash made like the real ones, checked for unknown names so they take as long."""
    return _HASHER.hash("not a password of anyone")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def login(store: Store, name: str, password: str, *, now: dt.datetime | None = None) -> User:
    """The user when ``name`` and ``password`` match; LoginRefused otherwise.

    Writes to the store (the failure count), each attempt in one transaction. ``now`` is a naive UTC
    time (default: the clock).
    """
    now = now or _now()
    known: str | None  # the name as stored, None when it cannot be a user's name
    try:
        known = user_name(name)
    except AccountError:
        known = None
    with store.transaction():
        if known is not None:
            failures = store.run("login_failure", user_name=known)
            if failures.height:
                count, last_at = failures.row(0)
                wait_until = last_at + dt.timedelta(seconds=wait_after(count))
                if now < wait_until:
                    raise LoginRefused("wait", math.ceil((wait_until - now).total_seconds()))
        credential = store.run("user_credential", user_name=known) if known is not None else None
        if known is None or credential is None or credential.height == 0:
            _verify(_dummy_hash(), password)
            user = None
        else:
            password_hash, role = credential.row(0)
            user = User(known, role) if _verify(password_hash, password) else None
            if user is not None and _HASHER.check_needs_rehash(password_hash):
                store.execute("update_user_password", user_name=known, password_hash=_HASHER.hash(password))
        if user is not None:
            store.execute("delete_login_failure", user_name=known)
            return user
        if known is not None:
            store.execute("record_login_failure", user_name=known, failed_at=now)
            count = store.scalar("login_failure", user_name=known)
    # The failure is committed first: the refusal below must not roll it back.
    raise LoginRefused("wrong", wait_after(count) if known is not None else 0)


def _verify(password_hash: str, password: str) -> bool:
    # A text longer than any allowed password cannot match; cut it so checking it costs no more.
    try:
        return _HASHER.verify(password_hash, password[: MAX_PASSWORD_LENGTH + 1])
    except (VerificationError, InvalidHashError):
        return False
