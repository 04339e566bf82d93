"""python -m calculators NAME --field value … [--json]: see calculators/cli.py."""
from __future__ import annotations

import sys

from calculators.cli import main

sys.exit(main())
