"""Property tests of the code-point / UTF-16 conversions, against Python's own UTF-16 codec."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.text.offsets import Utf16Index, cp_to_utf16, utf16_len, utf16_to_cp

# Arabic, Latin, combining marks, direction controls, zero-width joiners and emoji (astral).
ALPHABET = st.one_of(
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.sampled_from(["\u0651", "\u064e", "\u200d", "\u200c", "\u202e", "\u2066", "\u2069", "\x00"]),
    st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),
    st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF, exclude_categories=("Cs",)),
)
TEXTS = st.one_of(st.text(ALPHABET, max_size=200), st.text(max_size=200))


def _u16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@settings(max_examples=300)
@given(TEXTS, st.data())
def test_to_utf16_matches_the_codec(text: str, data: st.DataObject) -> None:
    index = Utf16Index(text)
    assert index.length_cp == len(text)
    assert index.length_utf16 == utf16_len(text) == _u16(text)
    cp = data.draw(st.integers(0, len(text)))
    u16 = index.to_utf16(cp)
    assert u16 == _u16(text[:cp]) == cp_to_utf16(text, cp)
    assert index.to_cp(u16, "error") == cp == utf16_to_cp(text, u16)


@settings(max_examples=300)
@given(TEXTS, st.data())
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


@given(TEXTS, st.integers(-5, 500))
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
