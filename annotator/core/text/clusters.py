"""Grapheme clusters and their kinds, and the definition of a token built from them.

Grapheme clusters come from the ``regex`` module's ``\\X`` (Unicode UAX #29), so a letter
never loses its diacritics and an emoji sequence joined with ZWJ stays whole. Clusters are
then grouped: runs of Arabic letters, runs of other letters, runs of digits (with inner
``.``/``,``/``٫``/``٬`` separators), and single punctuation marks, symbols or emoji.

``tokenize_by_clusters`` is the slow, plainly right definition; ``token_scan`` finds the
same boundaries fast and falls back on it, and ``tokens.tokenize`` puts the two together.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

import regex

CLUSTER = regex.compile(r"\X", regex.UNICODE)
_NUMBER_INNER = {".", ",", "\u066b", "\u066c", "/", ":"}


class Kind(StrEnum):
    ARABIC = "arabic"
    LATIN = "latin"  # any non-Arabic letters
    NUMBER = "number"
    PUNCT = "punct"
    SYMBOL = "symbol"  # emoji and other symbols
    SPACE = "space"


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    kind: Kind

    @property
    def is_word(self) -> bool:
        return self.kind in (Kind.ARABIC, Kind.LATIN, Kind.NUMBER)


def is_arabic_char(ch: str) -> bool:
    o = ord(ch)
    return (
        0x0600 <= o <= 0x06FF
        or 0x0750 <= o <= 0x077F
        or 0x0870 <= o <= 0x08FF
        or 0xFB50 <= o <= 0xFDFF
        or 0xFE70 <= o <= 0xFEFF
    )


def cluster_kind(cluster: str) -> Kind:
    ch = cluster[0]
    if ch.isspace():
        return Kind.SPACE
    cat = unicodedata.category(ch)
    if cat.startswith("N") or ch.isdigit():
        return Kind.NUMBER
    if cat.startswith("L") or cat.startswith("M") or ch == "\u0640":
        return Kind.ARABIC if is_arabic_char(ch) else Kind.LATIN
    if cat.startswith("P"):
        return Kind.PUNCT
    if cat in ("Cf", "Cc") and len(cluster) == 1:
        return Kind.SPACE  # invisible controls (ZWJ alone, bidi marks) separate like space
    return Kind.SYMBOL


def clusters(text: str) -> list[tuple[int, int, Kind]]:
    """Grapheme clusters as (start, end, kind), in code points."""
    return [(m.start(), m.end(), cluster_kind(m.group())) for m in CLUSTER.finditer(text)]


def tokenize_by_clusters(text: str) -> list[Token]:
    """The definition of tokens, one grapheme cluster at a time: slow, plainly right.

    ``token_scan`` falls back on it for text beyond plain letters, and the tests hold
    ``tokenize`` to it.
    """
    out: list[Token] = []
    cl = clusters(text)
    i = 0
    while i < len(cl):
        start, end, kind = cl[i]
        j = i + 1
        if kind in (Kind.ARABIC, Kind.LATIN):
            while j < len(cl) and cl[j][2] == kind:
                end = cl[j][1]
                j += 1
        elif kind == Kind.NUMBER:
            while j < len(cl):
                if cl[j][2] == Kind.NUMBER:
                    end = cl[j][1]
                    j += 1
                elif (
                    text[cl[j][0] : cl[j][1]] in _NUMBER_INNER
                    and j + 1 < len(cl)
                    and cl[j + 1][2] == Kind.NUMBER
                ):
                    end = cl[j + 1][1]
                    j += 2
                else:
                    break
        if kind != Kind.SPACE:
            out.append(Token(start, end, kind))
        i = j
    return out
