"""python -m uhc: the command line."""

import sys

from uhc.cli.main import main

sys.exit(main())
