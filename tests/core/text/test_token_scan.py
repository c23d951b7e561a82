from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.text import token_scan
from annotator.core.text.clusters import Kind, cluster_kind
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


# -- the character classes the fast scanner is built from (built once, at import) --------


@settings(max_examples=200, deadline=None)
@given(
    chars=st.sets(st.characters(codec="utf-8"), max_size=40),
    probe=st.characters(codec="utf-8"),
    negate=st.booleans(),
)
def test_a_character_class_holds_exactly_its_characters(
    chars: set[str], probe: str, negate: bool
) -> None:
    """Pins ``_char_class``: ranges of consecutive code points, escaped, maybe negated."""
    pattern = token_scan._char_class(sorted(chars) + ["-", "]", "\\", "^"], negate)
    for ch in [*chars, probe, "-", "]", "\\", "^", "a", "b", "c"]:
        inside = ch in chars or ch in "-]\\^"
        assert (re.fullmatch(pattern, ch) is not None) == (inside != negate), (ch, pattern)
    assert token_scan._char_class(["a", "b", "c", "e"]) == "[a-ce]"
    assert token_scan._char_class(["a"], negate=True) == "[^a]"


def test_the_scanners_kinds_are_those_of_the_clusters() -> None:
    """Pins ``_kind_chars``: every plain character sorted as ``cluster_kind`` sorts it."""
    marks, numbers, arabic, other = token_scan._kind_chars()
    assert (marks, numbers, arabic, other) == (
        token_scan._MARKS, token_scan._NUMBERS, token_scan._ARABIC_LETTERS,
        token_scan._OTHER_LETTERS,
    )  # fmt: skip
    assert "\u064e" in marks and "5" in numbers and "٣" in numbers
    assert "ب" in arabic and "\u0640" in arabic and "x" in other and " " not in other
    for ch in token_scan._PLAIN_CHARS:
        if ch.isspace():
            assert ch not in numbers + arabic + other
            continue
        kind = cluster_kind(ch)
        assert (ch in numbers) == (kind == Kind.NUMBER), ch
        assert (ch in arabic) == (kind == Kind.ARABIC and ch not in numbers), ch
        assert (ch in other) == (kind == Kind.LATIN), ch
        assert (ch in marks) == unicodedata.category(ch).startswith("M"), ch
