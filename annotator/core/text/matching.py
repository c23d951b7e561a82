"""Normalized matching with word boundaries and proclitics, shared by search, bulk tagging
and suggestions, plus what the full-text index stores.

Arabic attaches proclitics to the word they govern (و ف ب ك ل and the article ال / لل), so
"وزارة" must also be found inside "بوزارة" and "التضامن" inside "والتضامن". A match is
said to *start a word* when it begins at a word start or right after a proclitic prefix
(``PROCLITIC_PREFIXES``). The index holds each article's normalized words only (cheap to
build on import); corpus search (``core/assist/search.py``) asks it for the first query word
with every proclitic prefix in front of it, and the text itself then confirms each match
and gives its exact offsets.

Words are runs of letters, digits, combining marks and private-use characters of the
*normalized* text. The index receives only those words, separated by spaces, so FTS5's
``ascii`` tokenizer (which splits at ASCII spaces and punctuation only) sees the same words
in the index and in the query.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

import regex

from annotator.core.text.normalize import (
    DEFAULT_OPTIONS,
    NORMALIZATION_VERSION,
    Normalized,
    normalize,
    normalize_with_map,
    translation_table,
)

WORD_CHARS = r"\p{L}\p{N}\p{M}\p{Co}"  # letters, digits, marks, private use
_WORD = regex.compile(f"[{WORD_CHARS}]+")
_WORD_CHAR = regex.compile(f"[{WORD_CHARS}]")
_CLUSTER = regex.compile(r"\X")

_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ك", "ل")
#: Proclitic chains in normalized spelling: conjunction, preposition, article. ل + ال is
#: written لل, so "لال" is not among them.
PROCLITIC_PREFIXES: frozenset[str] = frozenset(
    {c + p + a for c in _CONJ for p in _PREP for a in ("", "ال") if not (p == "ل" and a)}
    | {c + "لل" for c in _CONJ}
) - {""}
_MAX_PREFIX = max(map(len, PROCLITIC_PREFIXES))
_MIN_REST = 2  # a prefix counts only if at least two characters of the word remain
#: What the search index holds was built by these rules (normalization, columns); stored
#: in the setting "search_index_version", and a different value means "rebuild".
INDEX_VERSION = NORMALIZATION_VERSION * 100 + 4


class Mode(StrEnum):
    SUBSTRING = "substring"  # anywhere (find in the article, like a browser)
    WORD_START = "word_start"  # starts a word, may end inside one (corpus search)
    WORDS = "words"  # starts a word and ends at a word end (tagging, suggestions)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """A match in the original text, in code points.

    ``word_start`` is where the word holding the match's first character begins: before
    the proclitic when the match follows one, else equal to ``start``.
    """

    start: int
    end: int
    word_start: int


def words(norm_text: str) -> list[str]:
    return _WORD.findall(norm_text)


def is_word_char(ch: str) -> bool:
    return bool(_WORD_CHAR.match(ch))


def proclitic_rests(word: str) -> list[str]:
    """The word with each proclitic prefix it could carry removed (longest last)."""
    out: list[str] = []
    for n in range(1, min(_MAX_PREFIX, len(word) - _MIN_REST) + 1):
        if word[:n] in PROCLITIC_PREFIXES:
            out.append(word[n:])
    return out


def index_columns(text: str) -> tuple[str, str]:
    """What the search index stores for one article: (its normalized words, "").

    Only word characters and spaces reach FTS5, so its ``ascii`` tokenizer, which
    keeps every non-ASCII character in a word, splits exactly at the spaces: no character
    table of FTS5's own (``unicode61`` knows Unicode 6.1 only) decides what a word is. The
    words are those of ``normalize`` (see ``_index_fold``); the second value is kept for
    callers of the two-column index of schema version 5 and older (always empty).
    """
    return _NON_WORD_BUT_SPACE.sub(" ", _index_fold(text)), ""


_NON_WORD_BUT_SPACE = regex.compile(f"[^{WORD_CHARS} ]+")
#: The default normalization's fixed rewrites as (old, new) pairs, for ``str.replace``.
_INDEX_REWRITES: tuple[tuple[str, str], ...] = tuple(
    (chr(code), new or "")
    for code, new in translation_table(DEFAULT_OPTIONS).fixed.items()
)


def _index_fold(text: str) -> str:
    """``text.translate(<default table>)`` up to white space, several times faster.

    Import indexes every article, so this is on the import's critical path: a chain of
    ``str.replace`` for the fixed rules (each a C-speed scan, skipped when absent) and
    ``str.lower`` for case, which equals the table's character-by-character lowering for
    every character but U+0130 (its lower case is two characters) and U+03A3 (lowered by
    context, as a final sigma at a word end); text holding either takes the table. White
    space is left as it is: it separates words either way.
    """
    if "\u0130" in text or "\u03a3" in text:
        return text.translate(translation_table(DEFAULT_OPTIONS))
    for old, new in _INDEX_REWRITES:
        if old in text:
            text = text.replace(old, new)
    return text.lower()


TermFilter = Callable[[Sequence[str], bool], Collection[str]]


def _starts_word(norm: str, i: int) -> int | None:
    """Normalized start of the word if a match at ``i`` starts a word, else None.

    Inside a word, the characters before ``i`` must be a proclitic prefix and at least
    ``_MIN_REST`` word characters must follow it (as in the index).
    """
    if i == 0 or not is_word_char(norm[i - 1]) or not is_word_char(norm[i]):
        return i
    w = i - 1
    while w > 0 and is_word_char(norm[w - 1]) and i - w < _MAX_PREFIX:
        w -= 1
    if (w > 0 and is_word_char(norm[w - 1])) or norm[w:i] not in PROCLITIC_PREFIXES:
        return None
    rest = i
    while rest < len(norm) and rest - i < _MIN_REST and is_word_char(norm[rest]):
        rest += 1
    return w if rest - i >= _MIN_REST else None


def _ends_word(norm: str, j: int) -> bool:
    return j == len(norm) or not is_word_char(norm[j]) or not is_word_char(norm[j - 1])


_JOINERS = frozenset({"Mn", "Mc", "Me", "Cf", "Sk", "So"})


def _needs_cluster_check(text: str, pos: int) -> bool:
    return 0 < pos < len(text) and (
        unicodedata.category(text[pos]) in _JOINERS
        or unicodedata.category(text[pos - 1]) in ("Cf", "So")
    )


class _Boundaries:
    """Grapheme-cluster boundaries of a text, computed only if a match needs them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._set: set[int] | None = None

    def ok(self, pos: int) -> bool:
        if not _needs_cluster_check(self.text, pos):
            return True
        if self._set is None:
            self._set = {m.end() for m in _CLUSTER.finditer(self.text)} | {0}
        return pos in self._set


def iter_occurrences(
    text: str,
    norm_query: str,
    mode: Mode = Mode.SUBSTRING,
    *,
    normalized: Normalized | None = None,
) -> Iterator[Occurrence]:
    """Non-overlapping matches of an already normalized query, left to right.

    Matches that would split a grapheme cluster (a letter from a mark it keeps, an emoji
    from its joiner) are skipped. Without ``normalized`` (the text's map, when the caller
    has it) the original text is scanned with a regular expression built from the query,
    which is several times cheaper than normalizing a whole article; both give the same
    matches (a property test says so).
    """
    if not norm_query:
        return
    if normalized is not None:
        yield from _iter_with_map(text, norm_query, mode, normalized)
        return
    pattern = _query_pattern(norm_query)
    bounds = _Boundaries(text)
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        start, end = m.span()
        word_at: int | None = start
        if normalize(m.group()) != norm_query:
            word_at = None  # case-insensitive regex matching is wider than case folding
        elif mode != Mode.SUBSTRING:
            word_at = _word_start_around(text, start, end, mode)
        if word_at is not None and bounds.ok(start) and bounds.ok(end):
            yield Occurrence(start, end, word_at)
            pos = end
        else:
            pos = start + 1


def _iter_with_map(
    text: str, norm_query: str, mode: Mode, normalized: Normalized
) -> Iterator[Occurrence]:
    norm = normalized.text
    bounds = _Boundaries(text)
    i = norm.find(norm_query)
    while i >= 0:
        j = i + len(norm_query)
        word_at: int | None = i
        if mode != Mode.SUBSTRING:
            word_at = _starts_word(norm, i)
            if word_at is not None and mode == Mode.WORDS and not _ends_word(norm, j):
                word_at = None
        if word_at is not None:
            start, end = normalized.span(i, j)
            if bounds.ok(start) and bounds.ok(end):
                yield Occurrence(start, end, normalized.offsets[word_at])
                i = norm.find(norm_query, j)
                continue
        i = norm.find(norm_query, i + 1)


_WINDOW = 64  # original characters around a match normalized to judge its word edges


def _word_start_around(text: str, start: int, end: int, mode: Mode) -> int | None:
    """``_starts_word`` / ``_ends_word`` for a match, judged on a window around it."""
    w0, w1 = max(0, start - _WINDOW), min(len(text), end + _WINDOW)
    local = normalize_with_map(text[w0:w1])
    i = bisect_left(local.offsets, start - w0)
    j = bisect_left(local.offsets, end - w0)
    word_at = _starts_word(local.text, i)
    if word_at is None or (mode == Mode.WORDS and not _ends_word(local.text, j)):
        return None
    return w0 + local.offsets[word_at]


@lru_cache(maxsize=256)
def _query_pattern(norm_query: str) -> re.Pattern[str]:
    """A regex over ORIGINAL text matching (at least) every spelling of ``norm_query``.

    Each query character becomes the class of characters that normalize to it, followed
    by any removed characters (diacritics, tatweel); a space becomes a run of white space.
    Case is left to IGNORECASE, which is wider than case folding: matches are checked.
    """
    removed = "".join(sorted(_removed_chars()))
    skip = f"[{re.escape(removed)}]*"
    parts: list[str] = []
    for ch in norm_query:
        if ch == " ":
            parts.append(rf"\s(?:\s|{skip})*")
            continue
        variants = sorted({ch, *_folded_into().get(ch, ())})
        parts.append("[" + "".join(re.escape(v) for v in variants) + "]" + skip)
    return re.compile("".join(parts), re.IGNORECASE)


@lru_cache(maxsize=1)
def _removed_chars() -> frozenset[str]:
    return translation_table(DEFAULT_OPTIONS).removed


@lru_cache(maxsize=1)
def _folded_into() -> dict[str, set[str]]:
    """Normalized character -> the characters folded into it by fixed rules."""
    out: dict[str, set[str]] = {}
    for code, value in translation_table(DEFAULT_OPTIONS).fixed.items():
        if value:
            out.setdefault(value, set()).add(chr(code))
    return out


def find_occurrences(
    text: str, query: str, mode: Mode = Mode.SUBSTRING
) -> list[Occurrence]:
    """Matches of ``query`` (normalized here, outer space ignored) in ``text``."""
    return list(iter_occurrences(text, normalize(query, DEFAULT_OPTIONS).strip(), mode))
