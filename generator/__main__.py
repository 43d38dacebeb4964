"""`python -m generator`: the `briefings` command line."""

import sys

from .commands.cli import main

sys.exit(main())
