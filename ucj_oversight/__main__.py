"""`python -m ucj_oversight ...`: the command line (ucj_oversight/cli.py)."""

import sys

from ucj_oversight.cli import main

sys.exit(main())
