"""Spans to token tags: sentences, token alignment, nesting layers and IOB2 tags.

Shared by the token formats (CoNLL, Hugging Face, spaCy, Prodigy). A sentence is one line
of the article text (a paragraph in news): splitting at ``.`` would cut names like
``د. نائلة جبر`` and would not survive an export → import → export round trip any better.

A token is what the formats page says, and nothing is ever left out of it: the text is cut
at white space, and each punctuation mark or symbol (an emoji with its modifiers and
joiners, a flag) is a token of its own. Everything else between them stays together:
letters with their marks, digits beside letters (``و1``, ``2020م``), a number's inner
``. , ٫ ٬ / :`` (``3.5``, ``12:30``), and a mark that follows a space, which belongs to the
word after it (a word-initial damma, as in Wojood's ``ُيفشي``). So every character of the
text but white space is in exactly one token, and tokens read from a white-space separated
file (CoNLL) come back as they were unless they hold punctuation beside letters.
These tokens are for files; the app's word snapping and agreement keep theirs
(``annotator.core.text.tokens``), which also split letters from digits.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from annotator.core.formats.export_checks import ExportError, SpanOut, describe_span

MISALIGNED = ("expand", "drop", "error")
_LINE_BREAK = re.compile("\n")
# White space exactly as ``str.split()`` (and so every CoNLL reader) sees it. Every
# white-space character of Unicode lies below U+3001 (U+3000 is the last); scanning all
# 1.1 million code points cost 0.3 s of every start of the app.
_WHITE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
_WS = "".join(f"\\u{ord(c):04x}" for c in _WHITE)
_TOKEN = regex.compile(
    rf"(?:[^{_WS}\p{{P}}\p{{S}}]|(?<=\d)[.,\u066b\u066c/:](?=\d))+"  # a word or a number
    rf"|(?=[\p{{P}}\p{{S}}])\X"  # a mark or symbol, as a whole grapheme cluster
)


def token_bounds(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of the file tokens of ``text`` (see the module docstring)."""
    starts: list[int] = []
    ends: list[int] = []
    for m in _TOKEN.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends
_UNSAFE = re.compile(r"[\s=]+")  # "=" would make "# B-X=Y" read as a "# key = value" line


def tag_name(label: str) -> str:
    """A label as it appears in a tag column: white space and ``=`` become ``_``.

    Columns are split at white space; a ``#`` token tagged ``B-X=Y`` would look like a
    ``# key = value`` header line to a reader.
    """
    return _UNSAFE.sub("_", label.strip())


def tag_names(labels: Sequence[str]) -> dict[str, str]:
    """Label -> tag text; two labels that would print the same tag are refused."""
    out: dict[str, str] = {}
    seen: dict[str, str] = {}
    for label in labels:
        tag = tag_name(label)
        if tag in seen:
            raise ExportError(
                f"labels {seen[tag]!r} and {label!r} would both be written as tag {tag!r};"
                " rename one of them"
            )
        seen[tag] = label
        out[label] = tag
    return out


@dataclass(slots=True)
class Tokenized:
    """One article's tokens: text, sentence (line) number, and boundary lookups."""

    tokens: list[str]
    sentence: list[int]
    starts: list[int]
    ends: list[int]

    @classmethod
    def of(cls, text: str) -> Tokenized:
        starts, ends = token_bounds(text)
        breaks = [m.start() for m in _LINE_BREAK.finditer(text)]
        return cls(
            [text[s:e] for s, e in zip(starts, ends, strict=True)],
            [bisect_left(breaks, s) for s in starts],
            starts,
            ends,
        )

    def sentences(self) -> list[range]:
        """Token index ranges, one per non-empty line."""
        out: list[range] = []
        first = 0
        for i in range(1, len(self.tokens) + 1):
            if i == len(self.tokens) or self.sentence[i] != self.sentence[first]:
                out.append(range(first, i))
                first = i
        return out


@dataclass(slots=True)
class Alignment:
    """What became of a record's spans on the way to tokens."""

    spans: list[tuple[int, int, str]] = field(default_factory=list)  # first, last token, label
    skipped: list[str] = field(default_factory=list)  # described, left out
    misaligned: list[str] = field(default_factory=list)  # described, for mode "error"
    expanded: int = 0


def align(ext_id: str, tok: Tokenized, spans: Sequence[SpanOut], mode: str) -> Alignment:
    """Map each span to whole tokens; a span off token boundaries follows ``mode``.

    expand: grow to the tokens it touches; drop: leave it out (listed); error: list it for
    the caller to refuse the export. A span that covers no token or crosses a line break
    cannot be expanded either and is always listed.
    """
    out = Alignment()
    seen: set[tuple[int, int, str]] = set()
    for start, end, label, text in spans:
        first = bisect_left(tok.starts, start)
        last = bisect_left(tok.ends, end)
        exact = (
            first < len(tok.starts)
            and tok.starts[first] == start
            and last < len(tok.ends)
            and tok.ends[last] == end
            and last >= first
            and tok.sentence[first] == tok.sentence[last]
        )
        if not exact:
            described = describe_span(ext_id, start, end, text, label)
            if mode == "error":
                out.misaligned.append(described)
                continue
            if mode == "drop":
                out.skipped.append(described)
                continue
            first = bisect_right(tok.ends, start)  # first token ending after start
            last = bisect_left(tok.starts, end) - 1  # last token starting before end
            if first > last:
                out.skipped.append(described + " (covers no token)")
                continue
            if tok.sentence[first] != tok.sentence[last]:
                out.skipped.append(described + " (crosses a line break)")
                continue
            out.expanded += 1
        key = (first, last, label)
        if key not in seen:  # two spans may expand to the same tokens
            seen.add(key)
            out.spans.append(key)
    return out


def layers(spans: Sequence[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Nesting layers: layer 0 holds the outermost spans.

    Spans go, longest first at each start, into the lowest layer where they overlap no
    span already there. The order depends only on the spans, so the same spans always get
    the same layers (the round trip relies on it).
    """
    out: list[list[tuple[int, int, str]]] = []
    last_end: list[int] = []
    for sp in sorted(spans, key=lambda s: (s[0], -s[1], s[2])):
        for i, end in enumerate(last_end):
            if sp[0] > end:
                out[i].append(sp)
                last_end[i] = sp[1]
                break
        else:
            out.append([sp])
            last_end.append(sp[1])
    return out


def iob_columns(
    n_tokens: int, layered: Sequence[Sequence[tuple[int, int, str]]], tags: dict[str, str]
) -> list[list[str]]:
    """One IOB2 tag list per layer (at least one), each as long as the token list."""
    cols: list[list[str]] = []
    for layer in layered or [[]]:
        col = ["O"] * n_tokens
        for first, last, label in layer:
            tag = tags[label]
            col[first] = "B-" + tag
            for i in range(first + 1, last + 1):
                col[i] = "I-" + tag
        cols.append(col)
    return cols
