"""What the tagger tests share besides fixtures (conftest.py holds those)."""

from __future__ import annotations

from pathlib import Path

WOJOOD_TEST = Path(__file__).parents[2] / "data" / "wojood" / "test.txt"
#: Few iterations: the tests check behaviour, not the best score (benchmarks/ measures it).
FAST = {"max_iterations": 40}
