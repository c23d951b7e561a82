"""The definition of a token, cluster by cluster: the edges of every kind.

``tokenize_by_clusters`` is what the fast scanner and the agreement figures are held to, so
a wrong edge here moves both at once and no comparison between them notices; these tests
pin the definition itself with hand-written answers.
"""

from __future__ import annotations

import pytest

from annotator.core.text.clusters import (
    Kind,
    Token,
    cluster_kind,
    clusters,
    is_arabic_char,
    tokenize_by_clusters,
)

A, L, N, P, S = Kind.ARABIC, Kind.LATIN, Kind.NUMBER, Kind.PUNCT, Kind.SYMBOL


@pytest.mark.parametrize(
    ("first", "last"),
    [(0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)],
)
def test_the_arabic_blocks_are_arabic_up_to_their_last_code_point(first: int, last: int) -> None:
    assert is_arabic_char(chr(first)) and is_arabic_char(chr(last))
    assert not is_arabic_char(chr(first - 1)) and not is_arabic_char(chr(last + 1))


@pytest.mark.parametrize(
    ("cluster", "kind"),
    [
        (" ", Kind.SPACE),
        ("\n", Kind.SPACE),
        ("5", N),
        ("٣", N),
        ("²", N),  # No, a digit
        ("Ⅻ", N),  # Nl: a number that is not a digit
        ("ب", A),
        ("بِّ", A),
        ("\u0651", A),  # a lone Arabic mark
        ("\u0640", A),  # tatweel
        ("a", L),
        ("é", L),
        ("\u0301", L),  # a lone Latin mark
        ("ж", L),
        (".", P),
        ("،", P),  # the Arabic comma is punctuation, not an Arabic letter
        ("«", P),
        ("\u200d", Kind.SPACE),  # a lone ZWJ separates like space
        ("\u200f", Kind.SPACE),  # a bidi mark too
        ("\x00", Kind.SPACE),
        ("\u200d\u200d", S),  # two format characters in one cluster are a symbol
        ("+", S),
        ("$", S),
        ("😀", S),
        ("👨\u200d👩\u200d👧", S),
    ],
)
def test_cluster_kinds(cluster: str, kind: Kind) -> None:
    assert cluster_kind(cluster) == kind


def test_clusters_keep_marks_and_zwj_sequences_whole() -> None:
    text = "بِسْمِ 1 👨\u200d👩"
    assert clusters(text) == [
        (0, 2, A),
        (2, 4, A),
        (4, 6, A),
        (6, 7, Kind.SPACE),
        (7, 8, N),
        (8, 9, Kind.SPACE),
        (9, 12, S),
    ]


def toks(text: str) -> list[tuple[str, Kind]]:
    return [(text[t.start : t.end], t.kind) for t in tokenize_by_clusters(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("   ", []),
        ("بيت", [("بيت", A)]),
        ("abc", [("abc", L)]),
        ("abcبيت", [("abc", L), ("بيت", A)]),
        ("بيت12", [("بيت", A), ("12", N)]),
        ("12بيت", [("12", N), ("بيت", A)]),
        ("3.14", [("3.14", N)]),
        ("1,000/2:30", [("1,000/2:30", N)]),
        ("٣٫٥٬٠", [("٣٫٥٬٠", N)]),
        ("3.", [("3", N), (".", P)]),
        ("3..4", [("3", N), (".", P), (".", P), ("4", N)]),
        ("3.a", [("3", N), (".", P), ("a", L)]),
        ("3 4", [("3", N), ("4", N)]),
        ("a.b", [("a", L), (".", P), ("b", L)]),
        ("-5", [("-", P), ("5", N)]),
        ("...", [(".", P), (".", P), (".", P)]),
        ("😀😀", [("😀", S), ("😀", S)]),
        ("في ١٩٢١م", [("في", A), ("١٩٢١", N), ("م", A)]),
        ("وزارة\u200fالخارجية", [("وزارة", A), ("الخارجية", A)]),  # a bidi mark splits
        ("وزارة\u200dالخارجية", [("وزارة\u200dالخارجية", A)]),  # a ZWJ joins its cluster
    ],
)
def test_tokens_by_clusters(text: str, expected: list[tuple[str, Kind]]) -> None:
    assert toks(text) == expected


def test_numbers_letters_count_as_words_and_the_rest_not() -> None:
    kinds = {t.kind: t.is_word for t in tokenize_by_clusters("بيت a 1 . +")}
    assert kinds == {A: True, L: True, N: True, P: False, S: False}
    assert tokenize_by_clusters("ab 12") == [Token(0, 2, L), Token(3, 5, N)]
