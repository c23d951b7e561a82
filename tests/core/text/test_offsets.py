from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.text.offsets import Utf16Index, cp_to_utf16, utf16_len, utf16_to_cp


def test_seed_article_emoji_shift_names_the_right_letters(seed_text: str) -> None:
    start = seed_text.index("نائلة جبر")
    end = start + len("نائلة جبر")
    idx = Utf16Index(seed_text)
    astral_before = sum(1 for ch in seed_text[:start] if ord(ch) > 0xFFFF)
    assert astral_before >= 2  # the article's emoji come before the name
    u_start, u_end = idx.span_to_utf16(start, end)
    assert (u_start, u_end) == (start + astral_before, end + astral_before)
    utf16 = seed_text.encode("utf-16-le")
    assert utf16[u_start * 2 : u_end * 2].decode("utf-16-le") == "نائلة جبر"
    assert idx.span_to_cp(u_start, u_end) == (start, end)


def test_surrogate_pair_middle_rounds_outward() -> None:
    text = "a😀b"  # UTF-16: a, hi, lo, b
    idx = Utf16Index(text)
    assert idx.length_utf16 == 4
    assert idx.to_cp(2, "floor") == 1
    assert idx.to_cp(2, "ceil") == 2
    with pytest.raises(ValueError, match="surrogate"):
        idx.to_cp(2, "error")
    assert idx.span_to_cp(2, 2) == (1, 2)


def test_rounding_defaults_to_floor_and_must_be_one_of_three() -> None:
    """Pins the default rounding (floor: a cursor inside an emoji stays before it) in both
    the index and the one-off helper, the helper passing its rounding on, and the refusal
    of a misspelt rounding (which would otherwise round up without a word)."""
    text = "a😀b"
    idx = Utf16Index(text)
    assert idx.to_cp(2) == 1 and utf16_to_cp(text, 2) == 1
    assert utf16_to_cp(text, 2, "ceil") == 2
    with pytest.raises(ValueError, match="surrogate"):
        utf16_to_cp(text, 2, "error")
    for bad in ("Floor", "CEIL", "round", None):
        with pytest.raises(ValueError, match="unknown rounding"):
            idx.to_cp(1, bad)  # type: ignore[arg-type]
    assert idx.span_to_cp(2, 2) == (1, 2) and idx.span_to_cp(0, 4) == (0, 3)


def test_out_of_range_positions_are_refused() -> None:
    idx = Utf16Index("😀")
    with pytest.raises(ValueError):
        idx.to_utf16(2)
    with pytest.raises(ValueError):
        idx.to_cp(3)
    with pytest.raises(ValueError):
        idx.to_cp(-1)


def test_one_off_helpers_agree_with_index() -> None:
    text = "🇪🇬 مصر 👨‍👩‍👧"
    for cp in range(len(text) + 1):
        u = cp_to_utf16(text, cp)
        assert utf16_to_cp(text, u) == cp
    assert utf16_len(text) == len(text.encode("utf-16-le")) // 2


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_round_trip_and_agreement_with_python_codec(text: str) -> None:
    idx = Utf16Index(text)
    assert idx.length_utf16 == len(text.encode("utf-16-le")) // 2
    previous = -1
    for cp in range(len(text) + 1):
        u = idx.to_utf16(cp)
        assert u == len(text[:cp].encode("utf-16-le")) // 2
        assert u > previous
        previous = u
        assert idx.to_cp(u, "error") == cp
