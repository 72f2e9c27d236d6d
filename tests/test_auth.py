"""Users and logins on a real store file: argon2 hashes, roles, failures slowed down, the CLI."""

from __future__ import annotations

import datetime as dt
import os
import pty
import select
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from command_line import uhc

from uhc.store import auth
from uhc.store.auth import AccountError, LoginRefused, User
from uhc.store.db import Store

REPO_ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "kunci-rahasia-2026"
T0 = dt.datetime(2026, 2, 3, 8, 0, 0)


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    """A new store file with one editor, rina."""
    path = tmp_path / "users.duckdb"
    with Store.open(path) as store:
        auth.add_user(store, "rina", PASSWORD, "editor")
    return path


@pytest.fixture
def store(store_file: Path):
    with Store.open(store_file) as opened:
        yield opened


def refusal(store: Store, name: str, password: str, at: dt.datetime) -> tuple[str, int]:
    with pytest.raises(LoginRefused) as refused:
        auth.login(store, name, password, now=at)
    return refused.value.reason, refused.value.wait_s


def failures(store: Store, name: str) -> tuple[int, dt.datetime] | None:
    rows = store.run("login_failure", user_name=name)
    return rows.row(0) if rows.height else None


def test_login_with_the_right_password_after_reopening_the_file(store_file):
    with Store.open(store_file, read_only=True) as store:
        assert auth.users(store).to_dicts()[0]["user_name"] == "rina"
    with Store.open(store_file) as store:
        assert auth.login(store, "  Rina ", PASSWORD, now=T0) == User("rina", "editor")


def test_only_an_argon2_hash_is_stored(store):
    (stored,) = store.run("user_credential", user_name="rina").row(0)[:1]
    assert stored.startswith("$argon2id$v=19$")
    assert PASSWORD not in stored
    assert "password_hash" not in auth.users(store).columns


@pytest.mark.parametrize(
    ("failure_count", "wait_s"),
    [(1, 0), (4, 0), (5, 1), (6, 2), (7, 4), (10, 32), (14, 512), (15, 900), (40, 900)],
)
def test_wait_grows_after_five_failures_up_to_15_minutes(failure_count, wait_s):
    # 2^(n-5) s from the fifth failure on; 2^10 = 1024 s is above the 900 s cap
    assert auth.wait_after(failure_count) == wait_s


def test_wrong_passwords_are_counted_and_then_slowed_down(store):
    for attempt in range(4):
        assert refusal(store, "rina", "salah-salah-salah", T0 + dt.timedelta(seconds=attempt)) == ("wrong", 0)
    # the fifth failure (at T0+4 s) starts a wait of 2^0 = 1 s
    assert refusal(store, "rina", "salah-salah-salah", T0 + dt.timedelta(seconds=4)) == ("wrong", 1)
    assert failures(store, "rina") == (5, T0 + dt.timedelta(seconds=4))

    # half a second later even the right password is refused, unchecked and uncounted
    assert refusal(store, "rina", PASSWORD, T0 + dt.timedelta(seconds=4.5)) == ("wait", 1)
    assert failures(store, "rina") == (5, T0 + dt.timedelta(seconds=4))

    # after the wait a wrong password is the sixth failure: 2 s
    assert refusal(store, "rina", "salah", T0 + dt.timedelta(seconds=5)) == ("wrong", 2)
    assert refusal(store, "rina", PASSWORD, T0 + dt.timedelta(seconds=6)) == ("wait", 1)
    assert auth.login(store, "rina", PASSWORD, now=T0 + dt.timedelta(seconds=7)) == User("rina", "editor")
    assert failures(store, "rina") is None


def test_the_wait_left_is_rounded_up_to_whole_seconds(store):
    for attempt in range(9):
        refusal(store, "rina", "salah", T0 + dt.timedelta(minutes=attempt))
    # ninth failure at T0+8 min: 2^4 = 16 s; 10,2 s later 5,8 s remain -> 6
    last = T0 + dt.timedelta(minutes=8)
    assert refusal(store, "rina", PASSWORD, last + dt.timedelta(seconds=10.2)) == ("wait", 6)


def test_unknown_names_are_counted_and_slowed_down_like_users(store):
    for attempt in range(5):
        reason, _ = refusal(store, "tidak-ada", PASSWORD, T0 + dt.timedelta(seconds=attempt))
        assert reason == "wrong"
    assert failures(store, "tidak-ada") == (5, T0 + dt.timedelta(seconds=4))
    assert refusal(store, "tidak-ada", PASSWORD, T0 + dt.timedelta(seconds=4.1)) == ("wait", 1)


def test_a_name_that_cannot_exist_is_refused_the_same_way(store):
    assert refusal(store, "'; DROP TABLE app_user; --", PASSWORD, T0) == ("wrong", 0)
    assert auth.users(store)["user_name"].to_list() == ["rina"]


def test_an_unknown_name_takes_as_long_as_a_wrong_password(store):
    def seconds(name: str) -> float:
        start = time.perf_counter()
        refusal(store, name, "salah-salah", T0)
        return time.perf_counter() - start

    # Median of five each (first attempts only: under 5 failures nobody waits). Without the dummy
    # check an unknown name answers in about 1 ms, a wrong password in about 100 ms.
    wrong = []
    for _ in range(5):
        wrong.append(seconds("rina"))
        store.execute("delete_login_failure", user_name="rina")
    unknown = [seconds(f"orang-{i}") for i in range(5)]
    assert sorted(unknown)[2] > 0.5 * sorted(wrong)[2]


def test_a_new_password_replaces_the_old_and_lifts_the_wait(store):
    for attempt in range(8):
        refusal(store, "rina", "salah", T0 + dt.timedelta(seconds=attempt))
    auth.set_password(store, "RINA", "kata-sandi-baru")

    assert failures(store, "rina") is None
    assert refusal(store, "rina", PASSWORD, T0 + dt.timedelta(seconds=9)) == ("wrong", 0)
    assert auth.login(store, "rina", "kata-sandi-baru", now=T0 + dt.timedelta(seconds=10)) == User("rina", "editor")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: auth.add_user(s, "budi", "pendek", "editor"), "too short: use at least 10 characters"),
        (lambda s: auth.add_user(s, "rina", PASSWORD, "editor"), "there is already a user 'rina'"),
        (lambda s: auth.add_user(s, "budi", PASSWORD, "viewer"), "role must be one of editor, admin"),
        (lambda s: auth.add_user(s, "budi santoso", PASSWORD, "editor"), "cannot be a user name"),
        (lambda s: auth.add_user(s, "budi", " " * 12, "editor"), "cannot be only spaces"),
        (lambda s: auth.set_password(s, "budi", PASSWORD), "there is no user 'budi'"),
        (lambda s: auth.set_password(s, "rina", "pendek"), "too short"),
        (lambda s: auth.remove_user(s, "budi"), "there is no user 'budi'"),
    ],
)
def test_account_requests_that_cannot_be_done_change_nothing(store, call, message):
    before = auth.users(store)
    with pytest.raises(AccountError, match=message):
        call(store)
    assert auth.users(store).equals(before)
    assert auth.login(store, "rina", PASSWORD, now=T0) == User("rina", "editor")


def test_removed_users_cannot_log_in(store):
    auth.add_user(store, "Admin.Kota", "admin-password-1", "admin")
    assert auth.login(store, "admin.kota", "admin-password-1", now=T0) == User("admin.kota", "admin")
    auth.remove_user(store, "admin.kota")
    assert refusal(store, "admin.kota", "admin-password-1", T0) == ("wrong", 0)


# -- the command line -----------------------------------------------------------------------


def test_cli_users_add_list_passwd_remove(store_file):
    added = uhc(
        "--db", store_file, "users", "add", "Budi", "--role", "admin", "--password-stdin", stdin="sandi budi 1\n"
    )
    assert (added.returncode, added.stderr) == (0, "")
    assert added.stdout == f"{store_file}: added budi (admin)\n"

    listed = uhc("--db", store_file, "users", "list")
    assert [line.split("\t")[:2] for line in listed.stdout.splitlines()] == [["budi", "admin"], ["rina", "editor"]]

    changed = uhc("--db", store_file, "users", "passwd", "rina", "--password-stdin", stdin="sandi baru rina\n")
    assert changed.returncode == 0, changed.stderr
    removed = uhc("--db", store_file, "users", "remove", "budi")
    assert removed.stdout == f"{store_file}: removed budi\n"

    with Store.open(store_file) as store:
        assert auth.users(store)["user_name"].to_list() == ["rina"]
        assert auth.login(store, "rina", "sandi baru rina", now=T0) == User("rina", "editor")
    assert "sandi" not in added.stdout + changed.stdout + removed.stdout


@pytest.mark.parametrize(
    ("args", "stdin", "stderr"),
    [
        (
            ["users", "add", "budi", "--password-stdin"],
            "pendek\n",
            "uhc: the password is too short: use at least 10 characters; nothing was changed\n",
        ),
        (
            ["users", "add", "rina", "--password-stdin"],
            "cukup panjang\n",
            "uhc: there is already a user 'rina'; change the password with `python -m uhc users passwd rina`\n",
        ),
        (["users", "remove", "budi"], "", "uhc: there is no user 'budi' (see `python -m uhc users list`)\n"),
        # A password piped in without --password-stdin is refused before it is read (no echo warning).
        *(
            (
                args,
                piped,
                "uhc: stdin is not a terminal, so the password cannot be typed unseen: from a script or a pipe, "
                "add --password-stdin and give the password as the first line of stdin\n",
            )
            for args in (["users", "add", "budi"], ["users", "passwd", "rina"])
            for piped in ("", "cukup panjang\n")
        ),
    ],
)
def test_cli_users_refusals(store_file, args, stdin, stderr):
    result = uhc("--db", store_file, *args, stdin=stdin)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] + "\n" == stderr
    with Store.open(store_file, read_only=True) as store:
        assert auth.users(store)["user_name"].to_list() == ["rina"]


def at_a_terminal(args: list[str], answers: list[str]) -> tuple[int, str]:
    """Run ``python -m uhc ARGS`` on a real pseudo-terminal, typing one answer after each prompt."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: python -m uhc with the pty as its controlling terminal
        os.chdir(REPO_ROOT)
        os.execv(sys.executable, [sys.executable, "-m", "uhc", *args])
    shown = b""
    pending = list(answers)
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            if not select.select([fd], [], [], 1)[0]:
                continue
            try:
                chunk = os.read(fd, 1024)
            except OSError:  # EIO: the child closed the terminal
                break
            shown += chunk
            # Answer a prompt only once it is shown: getpass discards what was typed before it.
            if pending and shown.endswith(b": "):
                os.write(fd, pending.pop(0).encode() + b"\n")
    finally:
        if time.monotonic() >= deadline:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    return os.waitstatus_to_exitcode(status), shown.decode()


def test_cli_asks_for_the_password_twice_at_a_terminal(store_file):
    code, shown = at_a_terminal(["--db", str(store_file), "users", "add", "tia"], ["sandi tia 123", "sandi tia 123"])
    assert code == 0, shown
    assert "Password for tia (at least 10 characters):" in shown
    assert "The same password again:" in shown
    assert "sandi tia" not in shown  # not echoed
    with Store.open(store_file) as store:
        assert auth.login(store, "tia", "sandi tia 123", now=T0) == User("tia", "editor")


def test_cli_refuses_two_different_passwords(store_file):
    code, shown = at_a_terminal(["--db", str(store_file), "users", "add", "tia"], ["sandi tia 123", "sandi tia 124"])
    assert code == 2
    assert "uhc: the two passwords differ; nothing was changed" in shown
    with Store.open(store_file, read_only=True) as store:
        assert auth.users(store)["user_name"].to_list() == ["rina"]


# -- the dashboard's logins: read-only credential, failures counted per name from one client ------


OWNER = auth.Client("owner-session", "10.0.0.5")
STRANGER = auth.Client("stranger-session", "203.0.113.9")


def dashboard_refusal(throttle, client, name, password, at, credential_of):
    with pytest.raises(LoginRefused) as refused:
        auth.check_login(throttle, client, name, password, credential_of, now=at)
    return refused.value.reason, refused.value.wait_s


def fail_in_a_row(throttle, client, times: int) -> dt.datetime:
    """``times`` failed attempts at rina from ``client``, an hour apart (past each wait); the last one's time."""
    for hour in range(times):
        throttle.start("rina", client, T0 + dt.timedelta(hours=hour))
    return T0 + dt.timedelta(hours=times - 1)


@pytest.fixture
def credential_of(store):
    return lambda name: auth.credential(store, name)


def test_a_dashboard_login_writes_nothing_to_the_store(store, credential_of):
    throttle = auth.LoginThrottle()
    assert dashboard_refusal(throttle, OWNER, "rina", "salah", T0, credential_of) == ("wrong", 0)

    assert auth.check_login(throttle, OWNER, "rina", PASSWORD, credential_of, now=T0) == User("rina", "editor")
    assert failures(store, "rina") is None  # the store's own count (the command line's) is untouched


def test_a_stranger_s_failures_never_make_the_owner_wait(credential_of):
    throttle = auth.LoginThrottle()
    # the stranger fails 15 times in a row at once: the 15th failure means 2^(15-5) = 1024 s, capped
    # at 900 s (15 minutes)
    last = fail_in_a_row(throttle, STRANGER, 15)
    assert dashboard_refusal(throttle, STRANGER, "rina", PASSWORD, last, credential_of) == ("wait", 900)

    # the owner, from their own browser and address, gets in with the right password at once
    assert auth.check_login(throttle, OWNER, "rina", PASSWORD, credential_of, now=last) == User("rina", "editor")
    # and the stranger still waits: the owner's success clears only the owner's count
    assert dashboard_refusal(throttle, STRANGER, "rina", PASSWORD, last, credential_of) == ("wait", 900)


def test_failures_count_per_name_from_one_session_and_from_one_address(credential_of):
    throttle = auth.LoginThrottle()
    # five failures from one session: the fifth starts a wait of 2^0 = 1 s
    for expected_wait in (0, 0, 0, 0, 1):
        assert dashboard_refusal(throttle, STRANGER, "rina", "salah", T0, credential_of) == ("wrong", expected_wait)
    # a new browser session from the same address does not start afresh: the address counted 5 too
    new_tab = auth.Client("another-tab", STRANGER.address)
    assert throttle.wait_s("rina", new_tab, T0) == 1
    # 1 s later the sixth failure (from the new tab) counts 6 at the address: 2^1 = 2 s
    at = T0 + dt.timedelta(seconds=1)
    assert dashboard_refusal(throttle, new_tab, "rina", "salah", at, credential_of) == ("wrong", 2)
    # another name from that address is its own count: no wait for it
    assert throttle.wait_s("admin.kota", new_tab, at) == 0
    # on localhost there is no address: only the session counts
    local = auth.Client("local-tab", None)
    assert throttle.wait_s("rina", local, at) == 0


def test_a_success_lifts_the_client_s_wait_and_a_day_forgets_it(credential_of):
    throttle = auth.LoginThrottle()
    last = fail_in_a_row(throttle, OWNER, 6)  # 6 failures: 2^1 = 2 s
    assert dashboard_refusal(throttle, OWNER, "rina", PASSWORD, last + dt.timedelta(seconds=1), credential_of) == (
        "wait",
        1,
    )
    at = last + dt.timedelta(seconds=2)
    assert auth.check_login(throttle, OWNER, "rina", PASSWORD, credential_of, now=at) == User("rina", "editor")
    assert throttle.failures("rina", OWNER, at) == 0

    last = fail_in_a_row(throttle, STRANGER, 20)
    assert throttle.failures("rina", STRANGER, last + dt.timedelta(days=1)) == 20
    # a day and a second after the last failure the count is forgotten
    assert throttle.failures("rina", STRANGER, last + dt.timedelta(days=1, seconds=1)) == 0


def test_attempts_at_once_from_one_client_cannot_slip_past_the_wait(credential_of):
    throttle = auth.LoginThrottle()
    outcomes: list[tuple[str, int]] = []
    gate = threading.Barrier(8)

    def attempt():
        gate.wait()
        outcomes.append(dashboard_refusal(throttle, STRANGER, "rina", "salah", T0, credential_of))

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # each attempt is counted when it starts: the first five are checked (the fifth brings a 1 s
    # wait), the other three arrive during that wait and are refused unchecked
    assert sorted(outcomes) == [("wait", 1)] * 3 + [("wrong", 0)] * 4 + [("wrong", 1)]


def test_impossible_names_are_counted_together(credential_of):
    throttle = auth.LoginThrottle()
    for number in range(5):
        dashboard_refusal(throttle, STRANGER, f"no such name {number}!", "x", T0, credential_of)
    # five failures in a row under names that cannot exist: 2^0 = 1 s for any such name
    assert dashboard_refusal(throttle, STRANGER, "???", "x", T0, credential_of) == ("wait", 1)


def test_the_counts_kept_in_memory_are_bounded():
    throttle = auth.LoginThrottle(max_counts=10)
    local = auth.Client("local-tab", None)  # no address: one count per name
    for number in range(11):  # 11 names from one session: 11 counts, over the 10 allowed
        throttle.start(f"name{number}", local, T0 + dt.timedelta(seconds=number))
    # the oldest are dropped down to 9 (nine tenths of 10): name0 and name1 go, name2 stays
    at = T0 + dt.timedelta(seconds=10)
    assert [throttle.failures(f"name{number}", local, at) for number in (0, 1, 2, 10)] == [0, 0, 1, 1]


def test_an_attempt_the_store_could_not_answer_is_not_a_failure(credential_of):
    from uhc.store.db import StoreBusy

    throttle = auth.LoginThrottle()
    fail_in_a_row(throttle, OWNER, 2)

    def busy(_name):
        raise StoreBusy("the store is in use", None, None)

    with pytest.raises(StoreBusy):
        auth.check_login(throttle, OWNER, "rina", PASSWORD, busy, now=T0 + dt.timedelta(hours=2))
    assert throttle.failures("rina", OWNER, T0 + dt.timedelta(hours=2)) == 2  # still the two failures
