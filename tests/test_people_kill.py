"""A register import killed inside its transaction leaves the store as it was: no rows, no key, no audit.

The first import of a store also binds it to the city key; killed, it must not leave the store
bound (a second attempt with the same key would still work, but a store bound to a key whose import
never landed is a store nobody can tell the history of). The WAL the killed process leaves behind
holds no NIK, KK number or name in clear either.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from command_line import EDITOR, EDITOR_PASSWORD, REPO_ROOT, pausing_in_import, uhc_as_editor
from test_register import PEOPLE, city, register_csv  # noqa: F401  (city is a fixture)

from uhc.intake import imports
from uhc.store import keys, people
from uhc.store.db import Store


def _what_the_store_holds(db) -> tuple:
    with Store.open(db, read_only=True) as store:
        return (
            people.personal_rows(store),
            imports.history(store).height,
            keys.recorded_fingerprint(store),
            store.run("list_audit").height,
        )


def test_a_register_import_killed_inside_its_transaction_leaves_nothing(city, tmp_path):  # noqa: F811
    db, key_file = city
    before = _what_the_store_holds(db)
    assert before[0]["residents"] == 0 and before[2] is None
    register = register_csv(tmp_path / "dukcapil.csv")
    environment = pausing_in_import({key: value for key, value in os.environ.items() if key != "UHC_DB"}, 60)
    process = subprocess.Popen(
        [sys.executable, "-m", "uhc", "--db", str(db), "register", "import", str(register), "--key-file",
         str(key_file), "--user", EDITOR, "--password-stdin"],
        cwd=REPO_ROOT,
        env=environment,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        process.stdin.write(EDITOR_PASSWORD + "\n")
        process.stdin.close()
        lines = [process.stderr.readline()]
        while lines[-1] not in ("paused inside the import transaction\n", ""):
            lines.append(process.stderr.readline())
        assert lines[-1] == "paused inside the import transaction\n", lines
        # the rows, the batch, the key's fingerprint and the audit line are written, not committed
        left_behind = b"".join(path.read_bytes() for path in db.parent.glob(db.name + "*"))
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        process.kill()
        process.stderr.close()
    secrets = {value for person in PEOPLE for value in (person[0], person[1], person[2]) if value}
    assert sorted(value for value in secrets if value.encode() in left_behind) == []
    assert _what_the_store_holds(db) == before
    # and the same import goes through afterwards, binding the key then
    done = uhc_as_editor("--db", db, "register", "import", register, "--key-file", key_file)
    assert done.returncode == 0, done.stderr
    residents, batches, fingerprint, audit = _what_the_store_holds(db)
    assert (residents["residents"], batches, fingerprint, audit) == (
        len(PEOPLE),
        before[1] + 1,
        keys.load_key(key_file).fingerprint,
        before[3] + 1,
    )
