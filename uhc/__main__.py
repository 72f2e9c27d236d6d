"""python -m uhc: the command line."""

import sys

from uhc.cli import main

sys.exit(main())
