"""Property tests of the code-point / UTF-16 conversions, against Python's own UTF-16 codec."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.text.offsets import Utf16Index, cp_to_utf16, utf16_len, utf16_to_cp

# Arabic, Latin, emoji and any astral character, plus the edges: U+FFFF (the last one-unit
# character) and U+10000 (the first two-unit one), U+10FFFF, combining marks on letters,
# ZWJ emoji sequences and skin tones, bidi controls and NUL.
EDGES = st.sampled_from(
    ["\uffff", "\ufffe", "\U00010000", "\U0010ffff", "\ud7ff", "\ue000", "\u0301", "e\u0301",
     "\u0628\u0651\u064e", "\u0670", "\u200d", "\u200c",
     "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\U0001f3f3\ufe0f\u200d\U0001f308",
     "\U0001f44d\U0001f3fd", "\u202e", "\u202c", "\u2066", "\u2069", "\u200f", "\u061c", "\x00"]
)  # fmt: skip
PIECES = st.one_of(
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    EDGES,
    st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),
    st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF, exclude_categories=("Cs",)),
)
TEXTS = st.one_of(st.lists(PIECES, max_size=80).map("".join), st.text(max_size=200))
# A QString can hold a lone surrogate (one code unit, like any BMP character); a Python
# str too (JSON "\\ud800"). Allowed where nothing decodes the text as UTF-16 again.
LONE = st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff"])
TEXTS_LONE = st.one_of(TEXTS, st.lists(st.one_of(PIECES, LONE), max_size=80).map("".join))


def test_the_edge_characters_at_every_position() -> None:
    """U+FFFF is one unit, U+10000 two, a lone surrogate one: every position, both ways."""
    text = "\uffff\U00010000\ud800\u0628\u0651\U0001f468\u200d\U0001f469\u202e"
    index = Utf16Index(text)
    to_u16 = [0, 1, 3, 4, 5, 6, 8, 9, 11, 12]
    assert [index.to_utf16(cp) for cp in range(len(text) + 1)] == to_u16
    assert index.length_utf16 == _u16(text) == 12
    floor = [0, 1, 1, 2, 3, 4, 5, 5, 6, 7, 7, 8, 9]
    ceil = [0, 1, 2, 2, 3, 4, 5, 6, 6, 7, 8, 8, 9]
    assert [index.to_cp(u, "floor") for u in range(13)] == floor
    assert [index.to_cp(u, "ceil") for u in range(13)] == ceil


def _u16(text: str) -> int:
    """UTF-16 code units by Python's codec (a lone surrogate passes as the one unit it is)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


@settings(max_examples=300)
@given(TEXTS_LONE, st.data())
def test_to_utf16_matches_the_codec(text: str, data: st.DataObject) -> None:
    index = Utf16Index(text)
    assert index.length_cp == len(text)
    assert index.length_utf16 == utf16_len(text) == _u16(text)
    cp = data.draw(st.integers(0, len(text)))
    u16 = index.to_utf16(cp)
    assert u16 == _u16(text[:cp]) == cp_to_utf16(text, cp)
    assert index.to_cp(u16, "error") == cp == utf16_to_cp(text, u16)


@settings(max_examples=300)
@given(TEXTS_LONE, st.data())
def test_to_cp_rounds_inside_surrogate_pairs(text: str, data: st.DataObject) -> None:
    index = Utf16Index(text)
    u16 = data.draw(st.integers(0, index.length_utf16))
    floor, ceil = index.to_cp(u16, "floor"), index.to_cp(u16, "ceil")
    assert 0 <= floor <= ceil <= len(text)
    assert _u16(text[:floor]) <= u16 <= _u16(text[:ceil])
    if floor == ceil:
        assert _u16(text[:floor]) == u16
        assert index.to_cp(u16, "error") == floor
    else:
        # only inside an astral character, which takes two code units
        assert ceil == floor + 1 and ord(text[floor]) > 0xFFFF
        assert _u16(text[:floor]) == u16 - 1
        with pytest.raises(ValueError, match="surrogate"):
            index.to_cp(u16, "error")


@settings(max_examples=200)
@given(TEXTS, st.data())
def test_a_qt_selection_widens_to_whole_characters(text: str, data: st.DataObject) -> None:
    index = Utf16Index(text)
    a = data.draw(st.integers(0, index.length_utf16))
    b = data.draw(st.integers(a, index.length_utf16))
    start, end = index.span_to_cp(a, b)
    assert 0 <= start <= end <= len(text)
    assert index.to_utf16(start) <= a and b <= index.to_utf16(end)
    # the stored span, shown again in Qt and converted back, is the same span
    assert index.span_to_cp(*index.span_to_utf16(start, end)) == (start, end)
    # the selected characters re-encode to exactly the UTF-16 units of the widened range
    enc = text.encode("utf-16-le")
    lo, hi = index.span_to_utf16(start, end)
    assert enc[2 * lo : 2 * hi].decode("utf-16-le") == text[start:end]


@given(TEXTS_LONE, st.integers(-5, 500))
def test_out_of_range_positions_raise_value_error(text: str, pos: int) -> None:
    index = Utf16Index(text)
    if 0 <= pos <= len(text):
        index.to_utf16(pos)
    else:
        with pytest.raises(ValueError, match="outside"):
            index.to_utf16(pos)
    if 0 <= pos <= index.length_utf16:
        index.to_cp(pos)
    else:
        with pytest.raises(ValueError, match="outside"):
            index.to_cp(pos)
