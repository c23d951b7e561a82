"""Token features for the CRF, from the project's own Arabic text tools.

A token is what ``core/text/tokens.tokenize`` says it is (the unit a person tags), and a
sequence is one line of the article (a paragraph or, in imported CoNLL, a sentence). Each
token is described by binary features: its normalized form (``core/text/normalize``), its
stem without proclitics (``core/text/matching.proclitic_rests``), prefixes and suffixes,
shape, script, membership in the project's own entity lexicon, and the same for its
neighbours two tokens either side.

Why the caching: suggesting for a corpus describes hundreds of thousands of tokens, while a
corpus has far fewer distinct words. Everything that depends only on the word is computed
once per distinct word (``FeatureCache``) as ready-made lists of feature strings, one for
the token itself and one per neighbour position, so describing a token is concatenating
five cached lists: no string building per token.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from annotator.core.text.clusters import Kind
from annotator.core.text.matching import proclitic_rests, words
from annotator.core.text.normalize import normalize
from annotator.core.text.token_scan import token_bounds

#: Neighbour positions described for each token.
WINDOW = (-2, -1, 1, 2)
_MIN_LEXICON_WORD = 2

#: Normalized word -> the labels of lexicon entries that hold it.
Lexicon = Mapping[str, frozenset[str]]


@dataclass(frozen=True, slots=True)
class Line:
    """One line's tokens: their offsets in the article and their surface words."""

    starts: list[int]
    ends: list[int]
    words: list[str]


def sequences(text: str) -> list[Line]:
    """The article's tokens grouped by line; white space and empty lines give none."""
    starts, ends = token_bounds(text)
    out: list[Line] = []

    def line(ss: list[int], es: list[int]) -> Line:
        return Line(ss, es, [text[a:b] for a, b in zip(ss, es, strict=True)])

    cur_s: list[int] = []
    cur_e: list[int] = []
    line_end = text.find("\n")
    for s, e in zip(starts, ends, strict=True):
        if line_end != -1 and s > line_end:
            if cur_s:
                out.append(line(cur_s, cur_e))
                cur_s, cur_e = [], []
            line_end = text.find("\n", s)
        cur_s.append(s)
        cur_e.append(e)
    if cur_s:
        out.append(line(cur_s, cur_e))
    return out


def stem(norm: str) -> str:
    """The normalized word without its longest proclitic chain (و ف ب ك ل ال)."""
    rests = proclitic_rests(norm)
    return rests[-1] if rests else norm


def build_lexicon(entries: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """From (span text, label) pairs: every normalized word and its stem -> labels."""
    acc: dict[str, set[str]] = {}
    for text, label in entries:
        for w in words(normalize(text)):
            if len(w) < _MIN_LEXICON_WORD:
                continue
            acc.setdefault(w, set()).add(label)
            acc.setdefault(stem(w), set()).add(label)
    return {w: frozenset(ls) for w, ls in acc.items()}


def _kind(word: str) -> str:
    ch = word[0]
    if ch.isdigit() or ch in "٠١٢٣٤٥٦٧٨٩":
        return Kind.NUMBER
    if ch.isalpha() or ch == "\u0640":
        return (
            Kind.ARABIC
            if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u08ff"
            else (Kind.LATIN)
        )
    return Kind.PUNCT if not ch.isalnum() and ch.isprintable() else Kind.SYMBOL


def _shape(word: str, kind: str) -> str:
    if kind == Kind.NUMBER:
        return f"num{min(len(word), 5)}"
    if kind == Kind.LATIN:
        return "Xx" if word[:1].isupper() else "x"
    if kind == Kind.ARABIC:
        return f"len{min(len(word), 8)}"
    return word


class FeatureCache:
    """Per distinct word: its own features and its features as seen from a neighbour."""

    def __init__(self, lexicon: Lexicon | None = None, keep: set[str] | None = None) -> None:
        self.lexicon: Lexicon = lexicon or {}
        #: When tagging: the features a trained model gives any weight. Every other
        #: feature would be looked up by CRFsuite for each token and add nothing, so it
        #: is left out up front (the tags are the same; the lookups were most of the cost).
        self.keep = keep
        self._own: dict[str, list[str]] = {}
        self._near: dict[str, list[list[str]]] = {}

    def _describe(self, word: str) -> None:
        norm = normalize(word)
        st = stem(norm)
        kind = _kind(word)
        own = [
            "b",
            "w=" + norm,
            "st=" + st,
            "k=" + kind,
            "sh=" + _shape(norm, kind),
            "p2=" + st[:2],
            "p3=" + st[:3],
            "s2=" + norm[-2:],
            "s3=" + norm[-3:],
            "pre=" + norm[: len(norm) - len(st)],
        ]
        if st.startswith("ال"):
            own.append("al")
        labels = self.lexicon.get(norm, frozenset()) | self.lexicon.get(st, frozenset())
        own.extend("lx=" + lab for lab in sorted(labels))
        lex = ["lx=" + lab for lab in sorted(labels)]
        # Next to the token: its word, stem and script; two away: the stem only (every
        # feature costs CRFsuite a lookup per token, and these carried the least).
        near_1 = ["w=" + norm, "st=" + st, "k=" + kind, *lex]
        near_2 = ["st=" + st, *lex]
        near = [[f"{off}{f}" for f in (near_1 if off in (-1, 1) else near_2)] for off in WINDOW]
        if self.keep is not None:
            keep = self.keep
            own = [f for f in own if f in keep]
            near = [[f for f in fs if f in keep] for fs in near]
        self._own[word] = own
        self._near[word] = near

    def features(self, seq_words: Sequence[str]) -> list[list[str]]:
        """One feature list per token of a sequence.

        The line is padded with two markers each side whose "features as a neighbour" are
        the edge features (``-1edge`` for the token before the first...), so each token's
        list is five cached lists joined, with no test per position.
        """
        own, near = self._own, self._near
        for w in seq_words:
            if w not in own:
                self._describe(w)
        rows = [_PAD_NEAR[0], _PAD_NEAR[1], *map(near.__getitem__, seq_words), *_PAD_NEAR[2:]]
        return [
            own[w] + rows[i][0] + rows[i + 1][1] + rows[i + 3][2] + rows[i + 4][3]
            for i, w in enumerate(seq_words)
        ]


#: What the padding around a line shows each neighbour position (-2, -1, +1, +2): two
#: before the line, one before, one after, two after.
_PAD_NEAR: list[list[list[str]]] = [
    [[], [], [], []],
    [["-2edge"], ["-1edge"], [], []],
    [[], [], ["1edge"], ["2edge"]],
    [[], [], [], []],
]


def with_outer_tags(feats: list[list[str]], outer: Sequence[str]) -> list[list[str]]:
    """Features for an inner layer: each token also knows the tag one layer out."""
    out: list[list[str]] = []
    n = len(outer)
    for i, (f, tag) in enumerate(zip(feats, outer, strict=True)):
        extra = ["up=" + tag, "upl=" + tag[2:] if tag != "O" else "upl=O"]
        if i + 1 < n:
            extra.append("up+1=" + outer[i + 1])
        out.append(f + extra)
    return out
