"""Loaded at start-up by a `python -m uhc` the tests start with this folder on PYTHONPATH: pause its imports.

The importer raises an audit event inside the transaction of every commit and restore, once the
figures are written and before they are committed (``uhc.intake.imports.BEFORE_COMMIT_EVENT``).
This hook writes "paused inside the import transaction" on stderr there and sleeps, so that a test
can kill the process, or try the store, while the transaction is open. ``command_line.pausing_in_import``
sets the environment it reads.
"""

import os
import sys
import time

_EVENT = os.environ["UHC_TEST_PAUSE_EVENT"]
_SECONDS = float(os.environ["UHC_TEST_PAUSE_SECONDS"])


def _pause(event: str, args: tuple) -> None:
    if event == _EVENT:
        print("paused inside the import transaction", file=sys.stderr, flush=True)
        time.sleep(_SECONDS)


sys.addaudithook(_pause)
