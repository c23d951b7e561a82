"""``python -m benchmarks`` runs the whole suite (``--quick`` for a small corpus)."""

import sys

from benchmarks.runner import main

sys.exit(main())
