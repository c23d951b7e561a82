"""Token boundaries equal to ``tokens.tokenize_by_clusters``'s, an order of magnitude faster.

``tokens.tokenize`` uses them; agreement and export tokenize every article of a corpus
(10,000 articles in a few seconds), and the cluster-by-cluster definition pays a Python
call per grapheme cluster. On "plain" text — Arabic and Latin letters with their marks,
digits, ASCII and common punctuation, ordinary spaces — every grapheme cluster is one
character plus the marks that follow it, so one compiled pattern can find the same tokens
without looking at clusters one by one.

Lines are independent (a line feed always ends a cluster and a token). A line with other
characters (emoji, ZWJ sequences, flags, presentation forms, bidi controls) is split at
its spaces and only the chunks holding such characters go through the definition; when a
chunk's edge could join the neighboring space into one cluster (a leading mark or joiner,
a trailing prepended sign), the whole line does. The test suite checks the result equals
the definition's on real articles and on generated text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import regex

from annotator.core.text.clusters import is_arabic_char, tokenize_by_clusters

# Characters whose grapheme clusters are simple (no controls but tab, no joiners, no
# prepended signs, no emoji): ASCII, Latin-1 and Latin Extended letters, combining
# diacritics, the Arabic block (less its prepended signs and letter mark), spaces and
# general punctuation.
_PLAIN_RANGES = [
    (0x09, 0x09), (0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x24F), (0x300, 0x36F),
    (0x606, 0x61B), (0x61D, 0x6DC), (0x6DE, 0x6FF), (0x2000, 0x200A), (0x2010, 0x2027),
    (0x202F, 0x205E),
]  # fmt: skip
_PLAIN_CHARS = [chr(c) for lo, hi in _PLAIN_RANGES for c in range(lo, hi + 1)]
_SPACES = " \xa0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f"


def _char_class(chars: Iterable[str], negate: bool = False) -> str:
    """A regular-expression class of exactly these characters, as ranges."""
    codes = sorted({ord(c) for c in chars})
    parts: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        lo, hi = re.escape(chr(codes[i])), re.escape(chr(codes[j]))
        parts.append(lo if i == j else f"{lo}-{hi}")
        i = j + 1
    return "[" + ("^" if negate else "") + "".join(parts) + "]"


def _kind_chars() -> tuple[list[str], list[str], list[str], list[str]]:
    """Marks, number starts, Arabic letters and other letters among the plain characters,
    classified exactly as ``tokens._cluster_kind`` classifies a cluster's first character.
    """
    marks, numbers, arabic, other = [], [], [], []
    for ch in _PLAIN_CHARS:
        cat = unicodedata.category(ch)
        if cat.startswith("M"):
            marks.append(ch)
        if ch.isspace():
            continue
        if cat.startswith("N") or ch.isdigit():
            numbers.append(ch)
        elif cat[0] in "LM" or ch == "\u0640":
            (arabic if is_arabic_char(ch) else other).append(ch)
    return marks, numbers, arabic, other


_MARKS, _NUMBERS, _ARABIC_LETTERS, _OTHER_LETTERS = _kind_chars()
_M = _char_class(_MARKS)
_N = _char_class(_NUMBERS)
_PLAIN_LINE = re.compile(_char_class(_PLAIN_CHARS) + "*")
_PLAIN_TEXT = re.compile(_char_class([*_PLAIN_CHARS, "\n"]) + "*")
# Pairs of (spaces, token): spaces carry their marks (tab and line feed are controls and
# carry none); a token is a run of Arabic letters, a run of other letters, a number with
# inner separators, or one other character with its marks. A mark starts a token only at
# the start or after a tab or line feed.
# A cluster is a character and the marks after it, so a run of clusters of one kind is a
# run of characters of that kind or marks: one character class loop each. Spaces match
# nothing and are stepped over; the marks a space carries are too, since a token starts
# with a mark only at the start of the text or after a tab or line feed (controls).
_TOKEN = re.compile(
    rf"(?!(?<=[^\t\n]){_M})"
    rf"(?:{_char_class(_ARABIC_LETTERS)}{_char_class(_ARABIC_LETTERS + _MARKS)}*"
    rf"|{_char_class(_OTHER_LETTERS)}{_char_class(_OTHER_LETTERS + _MARKS)}*"
    rf"|{_N}{_char_class(_NUMBERS + _MARKS)}*"
    rf"(?:[.,\u066b\u066c/:]{_N}{_char_class(_NUMBERS + _MARKS)}*)*"
    rf"|[^\t\n{_SPACES}]{_M}*)"
)
_NOT_PLAIN = regex.compile(_char_class([*_PLAIN_CHARS, "\n"], negate=True))
_JOINS_PREVIOUS = regex.compile(
    r"[\p{Grapheme_Cluster_Break=Extend}\p{Grapheme_Cluster_Break=SpacingMark}"
    r"\p{Grapheme_Cluster_Break=ZWJ}]"
)
_JOINS_NEXT = regex.compile(r"\p{Grapheme_Cluster_Break=Prepend}")
_START = re.Match.start
_END = re.Match.end
_SPACE_CHARS = frozenset("\t" + _SPACES)


def _plain(text: str, base: int, starts: list[int], ends: list[int]) -> None:
    """Plain text: one C-level pass, no Python step per token."""
    found = list(_TOKEN.finditer(text))
    if base:
        starts.extend(map(base.__add__, map(_START, found)))
        ends.extend(map(base.__add__, map(_END, found)))
    else:
        starts.extend(map(_START, found))
        ends.extend(map(_END, found))


def _slow(text: str, base: int, starts: list[int], ends: list[int]) -> None:
    for t in tokenize_by_clusters(text):
        starts.append(t.start + base)
        ends.append(t.end + base)


def _exotic_chunks(line: str) -> list[tuple[int, int]]:
    """The space-delimited chunks of ``line`` that hold a character that is not plain."""
    out: list[tuple[int, int]] = []
    for m in _NOT_PLAIN.finditer(line):
        if out and m.start() < out[-1][1]:
            continue
        s = m.start()
        while s and line[s - 1] not in _SPACE_CHARS:
            s -= 1
        e = m.end()
        while e < len(line) and line[e] not in _SPACE_CHARS:
            e += 1
        out.append((s, e))
    return out


def _line(line: str, base: int, starts: list[int], ends: list[int]) -> None:
    """One line with some characters that are not plain (the line feed is not in it)."""
    exotic = _exotic_chunks(line)
    for s, e in exotic:
        if (s and line[s - 1] != "\t" and _JOINS_PREVIOUS.match(line, s)) or (
            e < len(line) and _JOINS_NEXT.match(line, e - 1)
        ):
            _slow(line, base, starts, ends)  # the chunk would join a neighboring space
            return
    done = 0
    for s, e in exotic:
        _plain(line[done:s], base + done, starts, ends)
        _slow(line[s:e], base + s, starts, ends)
        done = e
    _plain(line[done:], base + done, starts, ends)


def token_bounds(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of ``tokenize_by_clusters(text)``'s tokens, in the same order."""
    starts: list[int] = []
    ends: list[int] = []
    if _PLAIN_TEXT.fullmatch(text) is not None:
        _plain(text, 0, starts, ends)
        return starts, ends
    base = 0
    for line in text.split("\n"):
        if _PLAIN_LINE.fullmatch(line) is not None:
            _plain(line, base, starts, ends)
        else:
            _line(line, base, starts, ends)
        base += len(line) + 1
    return starts, ends
