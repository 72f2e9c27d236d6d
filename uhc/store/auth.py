"""Dashboard users who may write: argon2 password hashes, roles, and logins slowed down after failures.

Viewing needs no account. Importing and restoring need an editor or admin login. Passwords are only
ever stored as argon2id hashes (argon2-cffi's defaults: about 0,15 s and 64 MiB per check).

After ``FREE_ATTEMPTS`` failed logins in a row, each further attempt must wait
2^(failures - FREE_ATTEMPTS) seconds after the last failure, at most ``MAX_WAIT_S``; attempts during
the wait are refused without checking the password. A success, or a new password, clears the count.
Names that are no user are counted and checked (against a dummy hash) exactly like real ones, so
neither the answer nor its timing tells whether a name exists.

Two places count. The command line (:func:`login`) writes the store anyway, so it counts per name in
the store's ``login_failure`` table. The dashboard (:func:`check_login`) must not take the store's
write lock for a stranger's attempt, so it reads the credential through its read-only connection,
checks argon2 outside any store lock and counts in :class:`LoginThrottle`, in the server process's
memory, per name *from one client*: the browser session, and the address it connects from. A
stranger's failures then make only the stranger wait, never the name's owner at their own browser.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import threading
from collections.abc import Callable
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
# A client's count is forgotten a day after its last failure (the longest wait is 15 minutes).
FORGET_AFTER = dt.timedelta(days=1)
# Counts kept in memory at most (about 200 bytes each); past it the oldest are forgotten first.
MAX_COUNTS = 100_000
# argon2 needs 64 MiB and a core for 0,15 s per check: at most this many run at once, so a flood of
# attempts costs two cores and 128 MiB, not a gigabyte per fifteen sessions.
_PASSWORD_CHECKS = threading.BoundedSemaphore(2)
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


def _known_name(name: str) -> str | None:
    """The name as stored, None when it cannot be a user's name."""
    try:
        return user_name(name)
    except AccountError:
        return None


def credential(store: Store, name: str | None) -> tuple[str, Role] | None:
    """The password hash and role of the user ``name`` (as :func:`user_name` gives it); None when there is none. Reads only."""
    if name is None:
        return None
    rows = store.run("user_credential", user_name=name)
    return None if rows.height == 0 else rows.row(0)


def checked_user(name: str | None, found: tuple[str, Role] | None, password: str) -> User | None:
    """The user when ``password`` matches the credential ``found``; None otherwise (checked against a dummy
    hash when there is no credential, so it takes as long). Touches no store."""
    if name is None or found is None:
        _verify(_dummy_hash(), password)
        return None
    password_hash, role = found
    return User(name, role) if _verify(password_hash, password) else None


def login(store: Store, name: str, password: str, *, now: dt.datetime | None = None) -> User:
    """The user when ``name`` and ``password`` match; LoginRefused otherwise (the command line's login).

    Writes to the store (the failure count), each attempt in one transaction. ``now`` is a naive UTC
    time (default: the clock).
    """
    now = now or _now()
    known = _known_name(name)
    with store.transaction():
        if known is not None:
            failures = store.run("login_failure", user_name=known)
            if failures.height:
                count, last_at = failures.row(0)
                wait_until = last_at + dt.timedelta(seconds=wait_after(count))
                if now < wait_until:
                    raise LoginRefused("wait", math.ceil((wait_until - now).total_seconds()))
        found = credential(store, known)
        user = checked_user(known, found, password)
        if user is not None and found is not None and _HASHER.check_needs_rehash(found[0]):
            store.execute("update_user_password", user_name=user.name, password_hash=_HASHER.hash(password))
        if user is not None:
            store.execute("delete_login_failure", user_name=user.name)
            return user
        if known is not None:
            store.execute("record_login_failure", user_name=known, failed_at=now)
            count = store.scalar("login_failure", user_name=known)
    # The failure is committed first: the refusal below must not roll it back.
    raise LoginRefused("wrong", wait_after(count) if known is not None else 0)


@dataclass(frozen=True)
class Client:
    """Where a dashboard login comes from: the browser session's id and, when known, its address."""

    session: str
    address: str | None


class LoginThrottle:
    """The dashboard's failed logins, in this process's memory: per name from one session, and per name
    from one address. Safe to share between the sessions' threads.

    An attempt counts as a failure from the moment it starts (see :meth:`start`) and a success takes the
    count back, so attempts running at once from one client cannot slip past the wait together.
    """

    def __init__(self, max_counts: int = MAX_COUNTS) -> None:
        self._lock = threading.Lock()
        self._counts: dict[tuple[str, str, str], tuple[int, dt.datetime]] = {}
        self._max_counts = max_counts

    @staticmethod
    def _keys(name: str, client: Client) -> list[tuple[str, str, str]]:
        keys = [("session", client.session, name)]
        if client.address:
            keys.append(("address", client.address, name))
        return keys

    def _count(self, key: tuple[str, str, str], now: dt.datetime) -> tuple[int, dt.datetime | None]:
        count, last_at = self._counts.get(key, (0, None))
        if last_at is not None and now - last_at > FORGET_AFTER:
            return 0, None
        return count, last_at

    def wait_s(self, name: str, client: Client, now: dt.datetime) -> int:
        """Whole seconds ``client`` must still wait before an attempt at ``name`` is checked (0: none)."""
        with self._lock:
            return self._wait_s(name, client, now)

    def _wait_s(self, name: str, client: Client, now: dt.datetime) -> int:
        wait = 0.0
        for key in self._keys(name, client):
            count, last_at = self._count(key, now)
            if last_at is not None:
                wait_until = last_at + dt.timedelta(seconds=wait_after(count))
                wait = max(wait, (wait_until - now).total_seconds())
        return math.ceil(wait) if wait > 0 else 0

    def start(self, name: str, client: Client, now: dt.datetime) -> int:
        """Begin an attempt: LoginRefused("wait") during a wait; otherwise count it as a failure and return
        the failures in a row it makes (the largest of its session's and its address's counts)."""
        with self._lock:
            wait = self._wait_s(name, client, now)
            if wait:
                raise LoginRefused("wait", wait)
            count = 0
            for key in self._keys(name, client):
                this_key = self._count(key, now)[0] + 1
                self._counts[key] = (this_key, now)
                count = max(count, this_key)
            if len(self._counts) > self._max_counts:
                self._forget_oldest()
            return count

    def succeeded(self, name: str, client: Client) -> None:
        """A success: the client's counts for ``name`` are cleared."""
        with self._lock:
            for key in self._keys(name, client):
                self._counts.pop(key, None)

    def not_checked(self, name: str, client: Client) -> None:
        """An attempt :meth:`start` counted could not be checked (the store could not be read): uncount it."""
        with self._lock:
            for key in self._keys(name, client):
                count, last_at = self._counts.get(key, (0, None))
                if count > 1 and last_at is not None:
                    self._counts[key] = (count - 1, last_at)
                else:
                    self._counts.pop(key, None)

    def failures(self, name: str, client: Client, now: dt.datetime) -> int:
        """The failures in a row counted against ``client`` for ``name``."""
        with self._lock:
            return max(self._count(key, now)[0] for key in self._keys(name, client))

    def _forget_oldest(self) -> None:
        by_age = sorted(self._counts, key=lambda key: self._counts[key][1])
        for key in by_age[: len(by_age) - self._max_counts * 9 // 10]:
            del self._counts[key]


def check_login(
    throttle: LoginThrottle,
    client: Client,
    name: str,
    password: str,
    credential_of: Callable[[str | None], tuple[str, Role] | None],
    *,
    now: dt.datetime | None = None,
) -> User:
    """The dashboard's login: the user when ``name`` and ``password`` match; LoginRefused otherwise.

    ``credential_of`` reads a name's credential (:func:`credential` on a read-only cursor); the password is
    checked after it returns, outside whatever lock it took. Nothing is written to the store; failures
    are counted in ``throttle``. ``now`` is a naive UTC time (default: the clock).
    """
    now = now or _now()
    known = _known_name(name)
    counted_as = known if known is not None else "?"  # every impossible name counts as one
    count = throttle.start(counted_as, client, now)
    try:
        found = credential_of(known)
    except Exception:  # the store could not be read (StoreBusy, StoreMissing): no check, no failure
        throttle.not_checked(counted_as, client)
        raise
    user = checked_user(known, found, password)
    if user is not None:
        throttle.succeeded(counted_as, client)
        return user
    raise LoginRefused("wrong", wait_after(count))


def _verify(password_hash: str, password: str) -> bool:
    # A text longer than any allowed password cannot match; cut it so checking it costs no more.
    with _PASSWORD_CHECKS:
        try:
            return _HASHER.verify(password_hash, password[: MAX_PASSWORD_LENGTH + 1])
        except (VerificationError, InvalidHashError):
            return False
