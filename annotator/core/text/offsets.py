"""The one place that converts between Qt's UTF-16 positions and stored code-point offsets.

Stored offsets are Python ``str`` indices (Unicode code points), end exclusive, relative to
the text as stored in the database. Qt (``QTextCursor.position()``, ``QString`` indices)
counts UTF-16 code units, where every character outside the Basic Multilingual Plane (most
emoji) takes two. An article that starts with emoji therefore shifts every later Qt position
by one per emoji; converting here, and nowhere else, keeps tags on the right letters.

``Utf16Index`` precomputes the astral (two-unit) characters of one text once, so each
conversion is a binary search: cheap enough for a 200,000-character article.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Literal

Rounding = Literal["floor", "ceil", "error"]
_ROUNDINGS = ("floor", "ceil", "error")


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (what Qt calls its length)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class Utf16Index:
    """Converts positions of one text between code points and UTF-16 code units."""

    __slots__ = ("_astral_cp", "_astral_u16", "_len_cp", "_len_u16")

    def __init__(self, text: str) -> None:
        astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self._astral_cp: list[int] = astral
        # UTF-16 position of the k-th astral character: its code-point index plus k.
        self._astral_u16: list[int] = [cp + k for k, cp in enumerate(astral)]
        self._len_cp = len(text)
        self._len_u16 = len(text) + len(astral)

    @property
    def length_cp(self) -> int:
        return self._len_cp

    @property
    def length_utf16(self) -> int:
        return self._len_u16

    def to_utf16(self, cp: int) -> int:
        """UTF-16 position of code-point position ``cp`` (0..len inclusive)."""
        if not 0 <= cp <= self._len_cp:
            raise ValueError(f"code-point position {cp} outside 0..{self._len_cp}")
        return cp + bisect_left(self._astral_cp, cp)

    def to_cp(self, u16: int, rounding: Rounding = "floor") -> int:
        """Code-point position of UTF-16 position ``u16`` (0..len inclusive).

        A position between the two halves of a surrogate pair does not name a character
        boundary: ``floor`` moves it before the character, ``ceil`` after it, ``error``
        raises ``ValueError``. Any other ``rounding`` is refused (``ValueError``), so that a
        misspelt one never silently rounds up.
        """
        if rounding not in _ROUNDINGS:
            raise ValueError(f"unknown rounding {rounding!r}; use floor, ceil or error")
        if not 0 <= u16 <= self._len_u16:
            raise ValueError(f"UTF-16 position {u16} outside 0..{self._len_u16}")
        k = bisect_right(self._astral_u16, u16 - 1)  # astral chars starting before u16
        if k and self._astral_u16[k - 1] == u16 - 1:
            # u16 falls inside the k-th astral character (between its surrogates).
            if rounding == "error":
                raise ValueError(f"UTF-16 position {u16} splits a surrogate pair")
            before = self._astral_cp[k - 1]
            return before if rounding == "floor" else before + 1
        return u16 - k

    def span_to_utf16(self, start: int, end: int) -> tuple[int, int]:
        return self.to_utf16(start), self.to_utf16(end)

    def span_to_cp(self, start_u16: int, end_u16: int) -> tuple[int, int]:
        """Code-point span for a UTF-16 selection, widened to whole characters."""
        return self.to_cp(start_u16, "floor"), self.to_cp(end_u16, "ceil")


def cp_to_utf16(text: str, cp: int) -> int:
    """One-off conversion; build a ``Utf16Index`` when converting many positions."""
    return Utf16Index(text).to_utf16(cp)


def utf16_to_cp(text: str, u16: int, rounding: Rounding = "floor") -> int:
    """One-off conversion; build a ``Utf16Index`` when converting many positions."""
    return Utf16Index(text).to_cp(u16, rounding)
