"""Tokens with code-point offsets, and snapping a selection to whole words.

Grapheme clusters come from the ``regex`` module's ``\\X`` (Unicode UAX #29), so a letter
never loses its diacritics and an emoji sequence joined with ZWJ stays whole. Clusters are
then grouped: runs of Arabic letters, runs of other letters, runs of digits (with inner
``.``/``,``/``٫``/``٬`` separators), and single punctuation marks, symbols or emoji.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

import regex

_CLUSTER = regex.compile(r"\X", regex.UNICODE)
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


def _cluster_kind(cluster: str) -> Kind:
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
    return [(m.start(), m.end(), _cluster_kind(m.group())) for m in _CLUSTER.finditer(text)]


def tokenize(text: str) -> list[Token]:
    """Words, numbers, punctuation and symbols with code-point offsets; no white space."""
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


def tokens_in_range(tokens: list[Token], start: int, end: int) -> list[Token]:
    return [t for t in tokens if t.start < end and t.end > start]


def snap_to_words(
    text: str, start: int, end: int, tokens: list[Token] | None = None
) -> tuple[int, int] | None:
    """Widen a selection to whole words and drop surrounding space and punctuation.

    Returns None when the selection holds no word (only space, punctuation or nothing).
    Emoji and symbols inside the selection are kept; at its edges they are dropped.
    """
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    if start == end:
        return None
    toks = tokens if tokens is not None else tokenize(text)
    inside = [t for t in tokens_in_range(toks, start, end) if t.is_word]
    if not inside:
        return None
    return inside[0].start, inside[-1].end


def snap_to_clusters(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Character precision that still never splits a letter from its diacritics."""
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    if start == end:
        return None
    new_start, new_end = start, end
    for cs, ce, _kind in clusters(text):
        if cs < start < ce:
            new_start = cs
        if cs < end < ce:
            new_end = ce
            break
        if cs >= end:
            break
    if not text[new_start:new_end].strip():
        return None
    return new_start, new_end
