"""Arabic-aware normalization that remembers where every character came from.

Arabic spelling varies (hamza forms, alef maqsura, taa marbuta, optional diacritics,
tatweel, Arabic-Indic digits), so search compares normalized text. A match found in
normalized text must still become a span of the *stored* text: ``normalize_with_map``
returns, for every normalized position ``0..len`` inclusive, the code-point offset in the
original. Position ``i`` maps to the original index of the ``i``-th kept character and
``len`` maps to ``len(original)``, so a match ``[i, j)`` becomes ``[offsets[i],
offsets[j])``: the end lands just before the next kept character, which takes in the
diacritics and tatweel of the match's last letter (a span never splits a letter from its
marks).

Every rewrite is one character to one character or to nothing, except that a run of white
space keeps only its first character (as a plain space): ``"a \\n b"`` and ``"a b"``
normalize alike. ى is folded to ي, never to ا (that would turn على into علا).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

#: Bump when the rules change, so stored search indexes are rebuilt.
NORMALIZATION_VERSION = 1

# Harakat, tanween, shadda, sukun (U+064B-U+0652) and dagger alef (U+0670), plus the other
# Arabic combining marks (maddah and hamza above/below, Quranic annotation signs) that would
# otherwise be left dangling once the letters around them are compared.
DIACRITICS = frozenset(
    chr(c)
    for c in (
        *range(0x064B, 0x0653),
        0x0670,
        *range(0x0610, 0x061B),
        *range(0x0653, 0x0660),
        *range(0x06D6, 0x06DD),
        *range(0x06DF, 0x06E5),
        0x06E7,
        0x06E8,
        *range(0x06EA, 0x06EE),
    )
)
TATWEEL = "\u0640"
ALEF_FORMS = "أإآٱ"  # U+0623 U+0625 U+0622 U+0671
_DIGITS = {0x0660 + d: str(d) for d in range(10)} | {0x06F0 + d: str(d) for d in range(10)}
_SPACE_RUN = regex.compile(" {2,}")  # applied after every white space became " "


@dataclass(frozen=True, slots=True)
class NormalizeOptions:
    """Which rewrites apply; each fold can be turned off on its own."""

    strip_diacritics: bool = True
    strip_tatweel: bool = True
    fold_alef: bool = True  # أ إ آ ٱ -> ا
    fold_alef_maqsura: bool = True  # ى -> ي
    fold_teh_marbuta: bool = True  # ة -> ه
    fold_digits: bool = True  # ٠-٩ and ۰-۹ -> 0-9
    fold_case: bool = True  # Latin (and other cased scripts) to lower case
    fold_space: bool = True  # white space runs -> one space


DEFAULT_OPTIONS = NormalizeOptions()


class _Table(dict[int, str | None]):
    """A ``str.translate`` table that fills itself in (case folding is open-ended)."""

    def __init__(self, options: NormalizeOptions) -> None:
        super().__init__()
        self.options = options
        self.removed: frozenset[str] = frozenset()
        if options.strip_diacritics:
            self.update(dict.fromkeys(map(ord, DIACRITICS)))
        if options.strip_tatweel:
            self[ord(TATWEEL)] = None
        if options.fold_alef:
            self.update({ord(c): "ا" for c in ALEF_FORMS})
        if options.fold_alef_maqsura:
            self[ord("ى")] = "ي"
        if options.fold_teh_marbuta:
            self[ord("ة")] = "ه"
        if options.fold_digits:
            self.update(_DIGITS)
        self.removed = frozenset(chr(c) for c, v in self.items() if v is None)
        #: The fixed rules (the rest, case and white space, is filled in on demand).
        self.fixed: dict[int, str | None] = dict(self)

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        out = ch
        if self.options.fold_space and ch.isspace():
            out = " "
        elif self.options.fold_case:
            low = ch.lower()
            if len(low) == 1:  # keep one-to-one: "İ".lower() is two characters
                out = low
        self[code] = out
        return out


_TABLES: dict[NormalizeOptions, _Table] = {}


def translation_table(options: NormalizeOptions) -> _Table:
    table = _TABLES.get(options)
    if table is None:
        table = _TABLES[options] = _Table(options)
    return table


def normalize(text: str, options: NormalizeOptions = DEFAULT_OPTIONS) -> str:
    """The normalized text alone (fast: for indexing and for queries)."""
    out = text.translate(translation_table(options))
    if options.fold_space:
        out = _SPACE_RUN.sub(" ", out)
    return out


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalized text plus the original offset of every normalized position."""

    text: str
    offsets: list[int]  # len(text) + 1 entries, non-decreasing

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original code-point span of the normalized match ``[start, end)``."""
        return self.offsets[start], self.offsets[end]


def normalize_with_map(text: str, options: NormalizeOptions = DEFAULT_OPTIONS) -> Normalized:
    """Normalize ``text`` and keep the map back to its code points."""
    table = translation_table(options)
    translated = text.translate(table)
    if len(translated) == len(text) and not (options.fold_space and "  " in translated):
        return Normalized(translated, list(range(len(text) + 1)))
    removed = table.removed
    kept = [i for i, ch in enumerate(text) if ch not in removed]
    if options.fold_space:
        # Of a run of white space (once removed characters are gone) only the first stays.
        offsets: list[int] = []
        after_space = False
        for i in kept:
            space = text[i].isspace()
            if not (space and after_space):
                offsets.append(i)
            after_space = space
    else:
        offsets = kept
    norm = "".join([table[ord(text[i])] or "" for i in offsets])
    offsets.append(len(text))
    return Normalized(norm, offsets)
