"""``python -m jpbudget.reports [reports] [options]``."""

import sys

from .cli import main

sys.exit(main(subcommand_optional=True))
