from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.text import normalize as normalize_module
from annotator.core.text.matching import Mode, find_occurrences
from annotator.core.text.normalize import (
    NormalizeOptions,
    normalize,
    normalize_with_map,
    translation_table,
)
from annotator.core.text.tokens import clusters

# Arabic letters with every form the normalizer folds or drops, plus what surrounds Arabic
# in scraped news: Latin with case and combining accents, digits of three scripts, emoji
# with joiners and skin tones, white space of several kinds.
ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    "أإآٱىةءؤئ"
    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0654\u0640"
    "٠١٢٣٤٥٦٧٨٩۰۱۲0129"
    "aZeİß\u0301"
    " \n\t\u00a0"
    ".,،؛“”\"()*"
    "😀👨\u200d👩\U0001F3FD\u200c"
)
texts = st.text(alphabet=ALPHABET, max_size=60)


@pytest.fixture(autouse=True)
def fresh_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test builds its translation tables itself (they are cached per options), so
    the rules that build them are exercised here, not only by whoever ran first."""
    monkeypatch.setattr(normalize_module, "_TABLES", {})


def test_tables_are_built_once_per_options() -> None:
    table = translation_table(NormalizeOptions())
    assert translation_table(NormalizeOptions()) is table
    assert translation_table(NormalizeOptions(fold_case=False)) is not table
    assert table[ord("أ")] == "ا" and table[ord("\u0640")] is None
    assert "\u0640" in table.removed and "\u064e" in table.removed and "ا" not in table.removed
    # the fixed rules alone (what matching builds its pattern from), not what is filled in
    assert table[ord("A")] == "a"
    assert table.fixed[ord("ة")] == "ه" and ord("A") not in table.fixed


def test_the_map_without_space_folding() -> None:
    """Removed characters still leave the map, and every white space stays."""
    n = normalize_with_map("مُحَمَّد  و\tب", NormalizeOptions(fold_space=False))
    assert n.text == "محمد  و\tب"
    assert n.offsets == [0, 2, 4, 7, 8, 9, 10, 11, 12, 13]


def test_diacritics_and_tatweel_are_removed() -> None:
    assert normalize("مُحَمَّدٌ") == "محمد"
    assert normalize("العاصمـــة") == "العاصمه"
    assert normalize("رَحْمٰن") == "رحمن"  # dagger alef U+0670


def test_folds() -> None:
    assert normalize("أحمد إبراهيم آمال ٱلله") == "احمد ابراهيم امال الله"
    assert normalize("البنك العربى") == "البنك العربي"
    assert normalize("مستورة") == "مستوره"
    assert normalize("٢٠٢٤ و ۱۹") == "2024 و 19"
    assert normalize("UNODC Vienna") == "unodc vienna"


def test_alef_maqsura_never_becomes_alef() -> None:
    assert normalize("على") == "علي"
    assert "علا" not in normalize("على الأقل")


@pytest.mark.parametrize(
    "option, text, kept",
    [
        ("fold_alef", "أحمد", "أحمد"),
        ("fold_alef_maqsura", "على", "على"),
        ("fold_teh_marbuta", "مستورة", "مستورة"),
        ("strip_diacritics", "مُحَمَّد", "مُحَمَّد"),
        ("strip_tatweel", "العاصمـة", "العاصمـه"),
        ("fold_digits", "٢٠٢٤", "٢٠٢٤"),
        ("fold_case", "UN", "UN"),
        ("fold_space", "a  b", "a  b"),
    ],
)
def test_each_fold_can_be_turned_off(option: str, text: str, kept: str) -> None:
    options = NormalizeOptions(**{option: False})
    assert normalize(text, options) == kept
    assert normalize_with_map(text, options).text == kept
    assert normalize(text) != kept


def test_white_space_runs_become_one_space() -> None:
    assert normalize("وزارة \n\u00a0 التضامن") == "وزاره التضامن"
    # a diacritic between two spaces does not keep them apart
    n = normalize_with_map("ا \u064e ب")
    assert n.text == "ا ب"
    assert n.offsets == [0, 1, 4, 5]


def test_map_points_back_into_the_original() -> None:
    text = "قال مُحَمَّدٌ: العاصمـــة"
    n = normalize_with_map(text)
    i = n.text.index("محمد")
    s, e = n.span(i, i + len("محمد"))
    assert text[s:e] == "مُحَمَّدٌ"  # the trailing damma-tanween belongs to the last letter
    i = n.text.index("العاصمه")
    s, e = n.span(i, i + len("العاصمه"))
    assert text[s:e] == "العاصمـــة"


def test_unchanged_text_has_the_identity_map() -> None:
    n = normalize_with_map("abc def")
    assert n.offsets == list(range(8))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_map_is_monotone_and_complete(text: str) -> None:
    n = normalize_with_map(text)
    assert n.text == normalize(text)
    assert len(n.offsets) == len(n.text) + 1
    assert n.offsets[-1] == len(text)
    assert all(a < b for a, b in zip(n.offsets, n.offsets[1:], strict=False))
    assert all(0 <= o <= len(text) for o in n.offsets)


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_every_normalized_slice_maps_to_an_original_slice_that_normalizes_to_it(
    text: str, data: st.DataObject
) -> None:
    n = normalize_with_map(text)
    i = data.draw(st.integers(0, len(n.text)))
    j = data.draw(st.integers(i, len(n.text)))
    s, e = n.span(i, j)
    assert normalize(text[s:e]) == n.text[i:j]


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_every_match_maps_back_to_an_original_substring_equal_after_normalizing(
    text: str, data: st.DataObject
) -> None:
    norm = normalize(text)
    # Search for a piece of the text itself, so that matches exist.
    i = data.draw(st.integers(0, len(norm)))
    j = data.draw(st.integers(i, min(len(norm), i + 6)))
    query = norm[i:j].strip()
    boundaries = {c for c, _e, _k in clusters(text)} | {len(text)}
    for occ in find_occurrences(text, query, Mode.SUBSTRING):
        assert normalize(text[occ.start : occ.end]) == query
        assert occ.start < occ.end
        assert occ.start in boundaries and occ.end in boundaries  # no cluster is split
    starts = [o.start for o in find_occurrences(text, query)]
    assert starts == sorted(starts)
