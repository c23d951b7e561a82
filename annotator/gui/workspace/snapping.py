"""Snapping a selection in the view: words by default, grapheme clusters on request.

Only the words around the selection are tokenized, so snapping in a 1 MB article costs
what it costs in a short one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection

from annotator.core.text.tokens import (
    TrimOptions,
    snap_to_clusters,
    snap_to_words,
    tokenize,
)


def snap_range(
    text: str,
    start: int,
    end: int,
    character: bool,
    trim: TrimOptions | None = None,
    known_words: Callable[[], Collection[str]] | None = None,
) -> tuple[int, int] | None:
    """The stored range a selection ``start..end`` (code points) becomes; None if empty.

    ``trim`` is the project's proclitic setting (word mode only); ``known_words`` gives
    the article's normalized words, asked for only when a proclitic might be trimmed, so
    that "بالعاصمة" is judged against the whole article, not the few words around it.
    """
    lo, hi = local_window(text, min(start, end), max(start, end))
    part = text[lo:hi]
    if character:
        snapped = snap_to_clusters(part, start - lo, end - lo)
    elif trim is not None and trim.proclitics:
        snapped = snap_to_words(
            part,
            start - lo,
            end - lo,
            tokenize(part),
            trim_proclitics=True,
            trim_article=trim.article,
            known_words=known_words() if known_words is not None else None,
        )
    else:
        snapped = snap_to_words(part, start - lo, end - lo, tokenize(part))
    return None if snapped is None else (snapped[0] + lo, snapped[1] + lo)


def local_window(text: str, start: int, end: int, margin: int = 64) -> tuple[int, int]:
    """A slice around ``start..end`` cut at white space that starts no cluster of its own.

    Words and grapheme clusters never run across such a cut, so tokenizing the slice
    gives the same tokens there as tokenizing the whole text.
    """
    start, end = max(0, start), min(len(text), end)
    lo, hi = max(0, start - margin), min(len(text), end + margin)
    while lo > 0 and not (text[lo - 1].isspace() and _starts_cluster(text, lo)):
        lo -= 1
    while hi < len(text) and not (text[hi].isspace() and _starts_cluster(text, hi + 1)):
        hi += 1
    return lo, hi


def _starts_cluster(text: str, i: int) -> bool:
    """True if ``text[i]`` is not a mark or joiner that would cling to the previous space."""
    if i >= len(text):
        return True
    return unicodedata.category(text[i])[0] != "M" and text[i] not in "\u200c\u200d"
