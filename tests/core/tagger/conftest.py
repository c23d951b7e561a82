"""Training data for the tagger tests: the Wojood sample's test file (real Arabic, nested
gold entities), read as the project reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.formats import conll
from annotator.core.model import ArticleIn
from annotator.core.tagger.crf import Example

WOJOOD_TEST = Path(__file__).parents[2] / "data" / "wojood" / "test.txt"

#: Few iterations: the tests check behaviour, not the best score (benchmarks/ measures it).
FAST = {"max_iterations": 40}


@pytest.fixture(scope="session")
def wojood_examples() -> list[Example]:
    out = []
    for rec in conll.read(WOJOOD_TEST):
        assert isinstance(rec.item, ArticleIn)
        out.append(Example(rec.item.text, list(rec.item.spans)))
    return out
