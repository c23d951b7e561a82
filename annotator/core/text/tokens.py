"""Tokens with code-point offsets, snapping a selection to whole words, proclitic trimming.

What a token is is defined in ``clusters.py`` (grapheme clusters grouped by kind);
``token_scan.py`` finds the same boundaries fast. This module is what the rest uses.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol

import regex

from annotator.core.text.clusters import (
    CLUSTER,
    Kind,
    Token,
    cluster_kind,
    clusters,
    is_arabic_char,
    tokenize_by_clusters,
)
from annotator.core.text.normalize import normalize
from annotator.core.text.token_scan import token_bounds

__all__ = [
    "Kind",
    "Token",
    "arabic_words",
    "clusters",
    "is_arabic_char",
    "snap_to_clusters",
    "snap_to_words",
    "tokenize",
    "tokenize_by_clusters",
    "tokens_in_range",
    "trim_options",
    "trim_proclitic",
]

_ARABIC_WORD = regex.compile(r"[\p{Arabic}\p{M}]+")


def tokenize(text: str) -> list[Token]:
    """Words, numbers, punctuation and symbols with code-point offsets; no white space.

    The tokens of ``tokenize_by_clusters`` (the definition), with their boundaries found by
    ``token_scan.token_bounds``: a token's kind is that of its first grapheme cluster.
    """
    starts, ends = token_bounds(text)
    return [Token(s, e, cluster_kind(text[s:e])) for s, e in zip(starts, ends, strict=True)]


def tokens_in_range(tokens: list[Token], start: int, end: int) -> list[Token]:
    return [t for t in tokens if t.start < end and t.end > start]


def snap_to_words(
    text: str,
    start: int,
    end: int,
    tokens: list[Token] | None = None,
    *,
    trim_proclitics: bool = False,
    trim_article: bool = False,
    known_words: Collection[str] | None = None,
) -> tuple[int, int] | None:
    """Widen a selection to whole words and drop surrounding space and punctuation.

    Returns None when the selection holds no word (only space, punctuation or nothing).
    Emoji and symbols inside the selection are kept; at its edges they are dropped.
    With ``trim_proclitics`` a leading proclitic is left out (see ``trim_proclitic``;
    ``trim_article`` also leaves out ال / لل).
    """
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    if start == end:
        return None
    toks = tokens if tokens is not None else tokenize(text)
    inside = [t for t in tokens_in_range(toks, start, end) if t.is_word]
    if not inside:
        return None
    if trim_proclitics:
        return trim_proclitic(
            text, inside[0].start, inside[-1].end, article=trim_article, known_words=known_words
        )
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


# -- proclitics ------------------------------------------------------------------------
#
# Arabic writes the conjunctions و ف, the prepositions ب ك ل and the article ال as part of
# the next word. Some guidelines leave them out of entity spans, others (Wojood) keep them,
# so trimming is a per-project setting, off by default. Letters alone cannot tell "بوزارة"
# (ب + وزارة) from "بنك" (a word that starts with ب), so a conjunction or preposition is
# trimmed only when the article follows it ("بالعاصمة") or when what remains is itself a
# word seen elsewhere (by default: in the same text).

TRIM_PROCLITICS_SETTING = "trim_proclitics"
TRIM_ARTICLE_SETTING = "trim_article"
_CHAINS = tuple(c + p for c in ("", "و", "ف") for p in ("", "ب", "ك", "ل") if c + p)
_ARTICLE_CHAINS = tuple(c + p + "ال" for c in ("", "و", "ف") for p in ("", "ب", "ك")) + tuple(
    c + "لل" for c in ("", "و", "ف")
)
_NEVER_TRIMMED = frozenset({"الله", "اللهم"})
_MIN_LETTERS = 2


@dataclass(frozen=True, slots=True)
class TrimOptions:
    """The project's choice: leave proclitics (and maybe the article) out of spans."""

    proclitics: bool = False
    article: bool = False


class SettingsStore(Protocol):
    def get_setting(self, key: str, default: str | None = None) -> str | None: ...

    def set_setting(self, key: str, value: str) -> None: ...


def trim_options(store: SettingsStore) -> TrimOptions:
    return TrimOptions(
        proclitics=store.get_setting(TRIM_PROCLITICS_SETTING, "0") == "1",
        article=store.get_setting(TRIM_ARTICLE_SETTING, "0") == "1",
    )


def set_trim_options(store: SettingsStore, options: TrimOptions) -> None:
    store.set_setting(TRIM_PROCLITICS_SETTING, "1" if options.proclitics else "0")
    store.set_setting(TRIM_ARTICLE_SETTING, "1" if options.article else "0")


def arabic_words(text: str) -> set[str]:
    """The normalized Arabic words of a text: the default lexicon for trimming.

    The text is normalized first (once, not word by word), so a word drawn out with
    tatweel is one word, spelled as ``trim_proclitic`` compares it.
    """
    return set(_ARABIC_WORD.findall(normalize(text)))


def trim_proclitic(
    text: str,
    start: int,
    end: int,
    *,
    article: bool = False,
    known_words: Collection[str] | None = None,
) -> tuple[int, int]:
    """Leave a leading proclitic out of the span ``[start, end)``; returns the new span.

    Trims و ف ب ك ل (chained, e.g. "وب") when the article follows ("بالعاصمة" ->
    "العاصمة") or the rest is in ``known_words`` (normalized; default: the words of
    ``text``); with ``article`` also ال / لل ("بالعاصمة" -> "عاصمة"). At least two
    letters always remain, and a letter never loses its diacritics (whole grapheme
    clusters are trimmed).
    """
    word_clusters: list[tuple[int, int, str]] = []  # (start, end, folded letter or "")
    for m in CLUSTER.finditer(text, start, end):
        if cluster_kind(m.group()) != Kind.ARABIC:
            break
        word_clusters.append((m.start(), m.end(), normalize(m.group())))
    letters = [c for c in word_clusters if c[2]]
    word = "".join(c[2] for c in letters)
    if not word or word in _NEVER_TRIMMED:
        return start, end
    candidates: list[str] = []
    if article:
        candidates += [p for p in _ARTICLE_CHAINS if word.startswith(p)]
    candidates += [p for p in _CHAINS if word.startswith(p)]
    lexicon: Collection[str] | None = known_words
    for prefix in sorted(candidates, key=len, reverse=True):
        rest = word[len(prefix) :]
        if len(rest) < _MIN_LETTERS or any(
            word[k:] in _NEVER_TRIMMED for k in range(len(prefix))
        ):
            continue
        if prefix not in _ARTICLE_CHAINS and not rest.startswith("ال"):
            if lexicon is None:
                lexicon = arabic_words(text)
            if rest not in lexicon:
                continue
        # The first letter of the rest (tatweel and the like stay with the prefix).
        new_start = letters[len(prefix)][0]
        if new_start < end:
            return new_start, end
    return start, end
