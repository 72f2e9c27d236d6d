"""The dashboard's write seam (uhc.ui.connection.write) on real store files: reads share a lock, a write takes the
store read-write for a moment, every page sees the new figures, and another process reads after it.

DuckDB lets only one process hold a file read-write, and one process cannot hold it read-only and
read-write at once: these tests use real files and real second processes to show the seam copes.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from command_line import pausing_in_import
from streamlit.testing.v1 import AppTest

from uhc import i18n
from uhc.ui import connection

REPO_ROOT = Path(__file__).resolve().parents[1]
RUN_TIMEOUT_S = 60


@pytest.fixture
def store_copy(demo_store_path: Path, tmp_path: Path) -> Path:
    """A copy of the demo store this test may write to."""
    path = tmp_path / "copy.duckdb"
    shutil.copy(demo_store_path, path)
    return path


def write_app(db: str, logged_in: bool, read_first: bool) -> None:
    """A page that reads a setting, writes it through connection.write, and reads it again."""
    import streamlit as st

    from uhc.store import auth
    from uhc.ui import connection, reads

    if logged_in:
        st.session_state["uhc_user"] = auth.User("rina", "editor")
    before = reads.settings(db).get("note") if read_first else None

    def set_note(store):
        with store.transaction():
            store.execute("upsert_setting", key="note", value="ditulis dari dasbor")
        return "done"

    try:
        result = connection.write(set_note, db=db)
    except PermissionError as refused:
        result = f"refused: {refused}"
    connection.show_notice()
    after = reads.settings(db).get("note") if read_first else None
    st.text(f"{before}|{result}|{after}")


def run_write_app(db: Path, logged_in: bool = True, read_first: bool = True) -> AppTest:
    return AppTest.from_function(write_app, args=(str(db), logged_in, read_first), default_timeout=RUN_TIMEOUT_S).run()


def outcome(at: AppTest) -> list[str]:
    return at.text[0].value.split("|")


def read_in_another_process(db: Path, sql_query: str = "setting") -> str:
    """The settings as another program (the CLI) reads them: a separate process, read-only."""
    code = (
        "import sys\n"
        "from uhc.store.db import Store\n"
        "with Store.open(sys.argv[1], read_only=True) as store:\n"
        f"    print(dict(store.run({sql_query!r}).iter_rows()).get('note'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(db)], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def write_in_another_process(db: Path) -> str:
    """What another program (the CLI) gets when it opens the store to write: 'opened' or the refusal."""
    code = (
        "import sys\n"
        "from uhc.store.db import Store, StoreBusy\n"
        "try:\n"
        "    Store.open(sys.argv[1]).close()\n"
        "    print('opened')\n"
        "except StoreBusy as busy:\n"
        "    print(busy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(db)], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_write_reaches_every_reader_and_other_processes_read_after_it(store_copy):
    at = run_write_app(store_copy)

    assert not at.exception
    # read before (the read-only connection is open), written (it was closed first: one process
    # cannot hold the file read-only and read-write at once), read again past the cleared cache
    assert outcome(at) == ["None", "done", "ditulis dari dasbor"]
    assert not at.error
    # the dashboard holds the file read-only again at once; another process can read it meanwhile,
    # but not write it
    assert read_in_another_process(store_copy) == "ditulis dari dasbor"


def test_after_a_write_the_store_is_held_again_before_any_read(store_copy):
    at = run_write_app(store_copy, read_first=False)  # nothing reads after the write

    assert outcome(at) == ["None", "done", "None"]
    # the write opened the read-only connection again itself: another program still cannot write
    assert "is in use by another program" in write_in_another_process(store_copy)


def test_a_write_needs_a_login(store_copy):
    at = run_write_app(store_copy, logged_in=False)

    assert outcome(at) == ["None", "refused: writing to the store needs an editor login", "None"]
    assert read_in_another_process(store_copy) == "None"


def test_a_failed_write_changes_nothing_and_reading_goes_on(store_copy):
    def failing_app(db: str) -> None:
        import streamlit as st

        from uhc.store import auth
        from uhc.ui import connection, reads

        st.session_state["uhc_user"] = auth.User("rina", "editor")

        def half_then_fail(store):
            with store.transaction():
                store.execute("upsert_setting", key="note", value="setengah")
                raise ValueError("berhenti di tengah")

        try:
            connection.write(half_then_fail, db=db)
        except ValueError as error:
            st.text(f"{error}|{reads.settings(db).get('note')}")

    at = AppTest.from_function(failing_app, args=(str(store_copy),), default_timeout=RUN_TIMEOUT_S).run()

    assert outcome(at) == ["berhenti di tengah", "None"]
    assert read_in_another_process(store_copy) == "None"


def hold_read_only(db: Path) -> subprocess.Popen:
    """Another program with the store open read-only, until it is ended."""
    code = (
        "import sys, time\n"
        "from uhc.store.db import Store\n"
        "store = Store.open(sys.argv[1], read_only=True)\n"
        "print('holding', flush=True)\n"
        "time.sleep(120)\n"
    )
    return subprocess.Popen([sys.executable, "-c", code, str(db)], cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True)


def pause_a_cli_import(db: Path, recap: Path) -> subprocess.Popen:
    """A real `python -m uhc import coverage` of ``recap``, holding the store read-write inside its transaction."""
    env = pausing_in_import({key: value for key, value in os.environ.items() if key != "UHC_DB"}, 120)
    command = [sys.executable, "-m", "uhc", "--db", str(db), "import", "coverage", str(recap)]
    return subprocess.Popen(
        command, cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )


@pytest.mark.parametrize(
    ("start_holder", "ready_line", "holder_key", "holder_id", "holder_en"),
    [
        (
            pause_a_cli_import,
            "paused inside the import transaction\n",
            "data_busy_cli",
            "perintah `python -m uhc` (PID {pid})",
            "a `python -m uhc` command (PID {pid})",
        ),
        (
            lambda db, _: hold_read_only(db),
            "holding\n",
            "data_busy_other",
            "program lain (PID {pid})",
            "another program (PID {pid})",
        ),
    ],
    ids=["cli-import", "other-reader"],
)
def test_a_store_held_by_another_program_is_named_and_nothing_changes(
    store_copy, tmp_path, february_recap, start_holder, ready_line, holder_key, holder_id, holder_en
):
    holder = start_holder(store_copy, february_recap(store_copy, tmp_path))
    output = holder.stderr if holder.stderr is not None else holder.stdout
    try:
        assert output.readline() == ready_line
        at = run_write_app(store_copy, read_first=False)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        output.close()

    assert not at.exception
    assert outcome(at) == ["None", "None", "None"]
    assert [error.value for error in at.error] == [
        "Perubahan tidak dapat disimpan sekarang: penyimpanan data sedang dibuka oleh "
        + holder_id.format(pid=holder.pid)
        + ". Tutup program itu atau tunggu sampai selesai, lalu coba lagi. Tidak ada yang berubah."
    ]
    assert i18n.text(holder_key, "en", pid=holder.pid) == holder_en.format(pid=holder.pid)
    assert read_in_another_process(store_copy) == "None"


# -- the readers/writer lock ------------------------------------------------------------------


def test_readers_share_and_a_writer_waits_for_them():
    lock = connection._ReadersWriterLock()
    events: list[str] = []

    def writer():
        with lock.exclusive():
            events.append("write")

    with lock.shared(), lock.shared():
        thread = threading.Thread(target=writer)
        thread.start()
        time.sleep(0.2)
        events.append("reads done")
    thread.join(timeout=10)
    assert events == ["reads done", "write"]


def test_a_waiting_writer_holds_back_new_readers_but_not_a_read_inside_a_read():
    lock = connection._ReadersWriterLock()
    events: list[str] = []
    outer_reading = threading.Event()
    writer_waiting = threading.Event()
    finish_outer = threading.Event()

    def outer_reader():
        with lock.shared():
            outer_reading.set()
            writer_waiting.wait(10)
            time.sleep(0.2)  # the writer is blocked on this read by now
            with lock.shared():  # a nested read must not wait for the writer it blocks
                events.append("nested read")
            finish_outer.wait(10)
        events.append("outer done")

    def writer():
        writer_waiting.set()
        with lock.exclusive():
            events.append("write")

    def new_reader():
        with lock.shared():
            events.append("new read")

    threads = [threading.Thread(target=outer_reader)]
    threads[0].start()
    outer_reading.wait(10)
    threads.append(threading.Thread(target=writer))
    threads[1].start()
    writer_waiting.wait(10)
    time.sleep(0.4)
    threads.append(threading.Thread(target=new_reader))
    threads[2].start()
    time.sleep(0.2)
    assert events == ["nested read"]  # the new reader waits behind the writer
    finish_outer.set()
    for thread in threads:
        thread.join(timeout=10)
    assert events == ["nested read", "outer done", "write", "new read"]


def test_a_write_cannot_start_inside_a_read():
    lock = connection._ReadersWriterLock()
    with lock.shared(), pytest.raises(RuntimeError, match="inside a read"), lock.exclusive():
        pass


# -- logins never take the write lock -------------------------------------------------------------


def test_a_flood_of_failed_logins_never_holds_up_a_reader(editor_store):
    from uhc.store import auth
    from uhc.ui import login

    db = str(editor_store)
    flooders, attempts_each = 6, 3
    unfinished = [flooders * attempts_each]  # login attempts not yet answered
    counted = threading.Lock()
    flood_over = threading.Event()
    reads_during_flood: list[int] = []  # for each read finished: attempts still unanswered then
    answers: list[str] = []

    def flood(number: int) -> None:
        stranger = auth.Client(f"stranger-{number}", f"203.0.113.{number}")
        for _ in range(attempts_each):
            try:
                login.checked_login(db, "rina", "tebak-tebakan", stranger)
                answers.append("let in")
            except auth.LoginRefused as refused:
                answers.append(refused.reason)
            with counted:
                unfinished[0] -= 1

    def read_until_the_flood_is_over() -> None:
        while not flood_over.is_set():
            with connection.cursor(db) as reader:
                assert reader.run("user_credential", user_name="rina").height == 1
            with counted:
                reads_during_flood.append(unfinished[0])

    # A read holds the shared connection open for the whole flood: a login that needed the write lock
    # would wait for it to end, and hold back every new read meanwhile.
    with connection.cursor(db) as held:
        reader = threading.Thread(target=read_until_the_flood_is_over)
        attackers = [threading.Thread(target=flood, args=(number,)) for number in range(flooders)]
        reader.start()
        for attacker in attackers:
            attacker.start()
        for attacker in attackers:
            attacker.join(timeout=RUN_TIMEOUT_S)  # a guard against a deadlock, not a speed limit
        answered_while_held = [not attacker.is_alive() for attacker in attackers]
        flood_over.set()
        reader.join(timeout=RUN_TIMEOUT_S)
        assert held.run("setting").height > 0  # the shared connection was never closed under the read

    # every attempt was answered while a read was open, and reads went on while attempts were pending
    assert answered_while_held == [True] * flooders
    assert answers == ["wrong"] * flooders * attempts_each  # checked, not refused unchecked
    assert max(reads_during_flood) > 0
    # each stranger's three failures are counted, in memory: the store holds no count
    assert login.throttle().failures("rina", auth.Client("stranger-0", "203.0.113.0"), auth._now()) == 3
    with connection.cursor(db) as store:
        assert store.run("login_failure", user_name="rina").height == 0
