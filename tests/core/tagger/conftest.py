"""Training data for the tagger tests: the Wojood sample's test file (real Arabic, nested
gold entities), read as the project reads it."""

from __future__ import annotations

import pytest
from tagger_data import WOJOOD_TEST

from annotator.core.formats import conll
from annotator.core.model import ArticleIn
from annotator.core.tagger.crf import Example


@pytest.fixture(scope="session")
def wojood_examples() -> list[Example]:
    out = []
    for rec in conll.read(WOJOOD_TEST):
        assert isinstance(rec.item, ArticleIn)
        out.append(Example(rec.item.text, list(rec.item.spans)))
    return out
