from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.text.token_scan import token_bounds
from annotator.core.text.tokens import tokenize, tokenize_by_clusters

DATA = Path(__file__).parents[2] / "data"
SEED_ARTICLE = DATA / "seed_article.txt"
WOJOOD_TEST = DATA / "wojood" / "test.txt"
SAMPLES = Path(__file__).parents[3] / "sample_data"

# Plain letters, marks, digits, separators and spaces, then the characters that take the
# slow path: emoji, ZWJ and skin tones, flags, CR, bidi and prepended signs, presentation
# forms, controls.
PLAIN = (
    "اأبتجحدرسعفقكلمنهوي٠١٢0123456789.,٫٬/: \n\t"
    "\u064b\u0651\u0640abéÀ\u0301\xa0\u2009-!؟،“”…²½۞"
)
EXOTIC = "😀\u200d\U0001f3fd\U0001f1ea\U0001f1ec\r\x1c\x85\u0600\u061c\u200c\u200f\ufe81\ufeff"


def bounds(text: str) -> tuple[list[int], list[int]]:
    toks = tokenize_by_clusters(text)
    return [t.start for t in toks], [t.end for t in toks]


def test_real_articles_tokenize_alike() -> None:
    texts = [SEED_ARTICLE.read_text(encoding="utf-8"), WOJOOD_TEST.read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in SAMPLES.glob("*.txt")]
    for text in texts:
        assert token_bounds(text) == bounds(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "سلام \u0651عليكم",  # a mark after a space belongs to the space
        "سلام\n\u0651عليكم",  # ... but not after a line feed
        "نص \u0600١٢ 😀",  # a prepended sign joins what follows
        "عائلة 👨\u200d👩\u200d👧 في مصر 🇪🇬.",
        "3.14 و ١٫٥ و 12/10/2024 و 1.",
        "سطر\r\nسطر 👍🏽\r\n",
        "كلمة\u200d كلمة",
        "ﺁخر ﻻ",
    ],
)
def test_edge_cases_tokenize_alike(text: str) -> None:
    assert token_bounds(text) == bounds(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=PLAIN + EXOTIC, max_size=40))
def test_generated_text_tokenizes_alike(text: str) -> None:
    assert token_bounds(text) == bounds(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=PLAIN + EXOTIC, max_size=40))
def test_tokenize_gives_the_definitions_tokens_and_kinds(text: str) -> None:
    assert tokenize(text) == tokenize_by_clusters(text)


def test_tokenize_on_real_articles_gives_the_definitions_tokens_and_kinds() -> None:
    texts = [SEED_ARTICLE.read_text(encoding="utf-8"), WOJOOD_TEST.read_text(encoding="utf-8")]
    for text in texts:
        assert tokenize(text) == tokenize_by_clusters(text)


def test_many_random_mixtures_tokenize_alike() -> None:
    rng = random.Random(3)
    for i in range(3000):
        alphabet = PLAIN if i % 3 == 0 else PLAIN + EXOTIC
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert token_bounds(text) == bounds(text), repr(text)
