from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.store import Store, open_store
from annotator.core.text.matching import PROCLITIC_PREFIXES
from annotator.core.text.normalize import normalize
from annotator.core.text.tokens import (
    TrimOptions,
    clusters,
    set_trim_options,
    snap_to_words,
    trim_options,
    trim_proclitic,
)


def snapped(text: str, phrase: str, **kw: bool) -> str:
    start = text.index(phrase)
    span = snap_to_words(text, start, start + len(phrase), **kw)
    assert span is not None
    return text[span[0] : span[1]]


def trimmed(text: str, word: str, **kw: object) -> str:
    start = text.index(word)
    s, e = trim_proclitic(text, start, start + len(word), **kw)  # type: ignore[arg-type]
    return text[s:e]


def test_seed_capital_loses_its_preposition_and_optionally_its_article(seed_text: str) -> None:
    phrase = "بالعاصمة الإدارية"
    assert snapped(seed_text, phrase) == phrase  # off by default (Wojood keeps them)
    assert snapped(seed_text, phrase, trim_proclitics=True) == "العاصمة الإدارية"
    assert snapped(seed_text, phrase, trim_proclitics=True, trim_article=True) == (
        "عاصمة الإدارية"
    )
    # the article alone is no reason to trim when only proclitics are asked for
    assert snapped(seed_text, phrase, trim_article=True) == phrase


def test_a_word_that_merely_starts_with_waw_is_kept(seed_text: str) -> None:
    phrase = "وزارة التضامن"
    assert snapped(seed_text, phrase, trim_proclitics=True, trim_article=True) == phrase


def test_conjunction_before_the_article(seed_text: str) -> None:
    text = seed_text + " والتضامن"
    assert trimmed(text, "والتضامن") == "التضامن"
    assert trimmed(text, "والتضامن", article=True) == "تضامن"


def test_known_words_decide_without_the_article() -> None:
    text = "اجتمع بوزارة الخارجية ثم غادر"
    assert trimmed(text, "بوزارة") == "بوزارة"  # "وزارة" is not seen in this text
    assert trimmed(text, "بوزارة", known_words={"وزاره"}) == "وزارة"
    assert trimmed(text + " وزارة", "بوزارة") == "وزارة"
    # a word seen only drawn out with tatweel is still that word
    assert trimmed(text + " وزاـــرة", "بوزارة") == "وزارة"
    # two letters remain, so a lexicon can ask for it
    assert trimmed("اجتمع بنك مصر", "بنك", known_words={"نك"}) == "نك"
    assert trimmed("بك", "بك", known_words={"ك"}) == "بك"  # never fewer than two letters


def test_lam_lam_is_trimmed_only_with_the_article(seed_text: str) -> None:
    assert trimmed(seed_text, "للشبكة") == "للشبكة"
    assert trimmed(seed_text, "للشبكة", article=True) == "شبكة"


def test_allah_is_never_cut() -> None:
    for word in ("الله", "بالله"):
        for article in (False, True):
            assert normalize(trimmed(word, word, article=article)).endswith("الله")


def test_diacritics_and_tatweel_stay_with_their_letters() -> None:
    text = "وَبِالْعاصِمَةِ"
    assert trimmed(text, text) == "الْعاصِمَةِ"
    assert trimmed(text, text, article=True) == "عاصِمَةِ"
    assert trimmed("بـالعاصمة", "بـالعاصمة") == "العاصمة"


def test_settings_default_off_and_persist(project: Store) -> None:
    assert trim_options(project) == TrimOptions(False, False)
    set_trim_options(project, TrimOptions(proclitics=True, article=True))
    with open_store(project.path) as other:
        assert trim_options(other) == TrimOptions(True, True)


LETTERS = "ابتجدرسعفقكلمنهوي"
MARKS = "\u064e\u064f\u0650\u0651\u0652\u0640"
arabic_word = st.lists(
    st.tuples(st.sampled_from(LETTERS + "ال"), st.text(alphabet=MARKS, max_size=2)),
    min_size=1,
    max_size=8,
).map(lambda parts: "".join(a + b for a, b in parts))
phrase = st.lists(arabic_word, min_size=1, max_size=3).map(" ".join)
prefixed = st.tuples(
    st.sampled_from(["", "و", "ف", "ب", "وب", "ال", "بال", "وال", "لل", "ك"]), phrase
).map(lambda t: t[0] + t[1])


@settings(max_examples=300, deadline=None)
@given(prefixed, st.booleans(), st.sets(st.sampled_from(["عمل", "بنك", "وزاره", "لد"])))
def test_trimming_cuts_only_a_proclitic_between_clusters(
    text: str, article: bool, known: set[str]
) -> None:
    first = text.split(" ")[0]
    s, e = trim_proclitic(text, 0, len(text), article=article, known_words=known)
    assert e == len(text) and 0 <= s < e
    boundaries = {c for c, _e, _k in clusters(text)}
    assert s in boundaries  # a letter never loses its marks
    if s:
        assert normalize(text[:s]) in PROCLITIC_PREFIXES
        rest_letters = normalize(first[s:])
        assert len(rest_letters) >= 2


@settings(max_examples=200, deadline=None)
@given(prefixed, st.data())
def test_snapping_with_trimming_stays_inside_plain_snapping(text: str, data: st.DataObject) -> None:
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(0, len(text)))
    plain = snap_to_words(text, a, b)
    trim = snap_to_words(text, a, b, trim_proclitics=True, trim_article=True)
    assert (plain is None) == (trim is None)
    if plain and trim:
        assert plain[0] <= trim[0] < trim[1] == plain[1]


@pytest.mark.parametrize("word", ["بنك", "كمال", "فيينا", "لبنان", "وزارة"])
def test_names_that_start_with_a_proclitic_letter_are_kept(word: str) -> None:
    assert trimmed(f"زار {word} أمس", word, article=True) == word


def test_snapping_passes_the_known_words_on_to_trimming() -> None:
    """Pins snap_to_words handing ``known_words`` to the trimming (the GUI gives the article's).

    "وزارة" is not in this text, so only the given lexicon can decide to trim "بوزارة".
    """
    text = "اجتمع بوزارة الخارجية ثم غادر"
    assert snapped(text, "بوزارة", trim_proclitics=True) == "بوزارة"
    start = text.index("بوزارة")
    span = snap_to_words(
        text, start, start + len("بوزارة"), trim_proclitics=True, known_words={"وزاره"}
    )
    assert span is not None and text[span[0] : span[1]] == "وزارة"


def test_trimming_settings_can_be_turned_off_again(project: Store) -> None:
    """Pins that "off" is stored as off: each setting follows the options it is given."""
    set_trim_options(project, TrimOptions(proclitics=True, article=True))
    assert trim_options(project) == TrimOptions(proclitics=True, article=True)
    set_trim_options(project, TrimOptions(proclitics=False, article=False))
    assert trim_options(project) == TrimOptions()
    set_trim_options(project, TrimOptions(proclitics=True))
    assert trim_options(project) == TrimOptions(proclitics=True, article=False)


def test_a_shorter_proclitic_is_tried_when_a_longer_one_does_not_fit() -> None:
    """Pins trying every candidate, longest first, to the end: "ول" would leave one letter
    of "وله", and "وب" leaves "نك", no word here; the shorter "و" then leaves a word."""
    assert trimmed("قال وله", "وله", known_words={"له"}) == "له"
    assert trimmed("بنك القاهرة وبنك مصر", "وبنك") == "بنك"


def test_only_the_selected_letters_are_judged() -> None:
    """Pins the word as the selection's own letters: a selection ending inside "ولندن" is
    "ولن", whose rest "لن" is no word here, though "لندن" is."""
    text = "سافر إلى لندن ثم عاد ولندن"
    start = text.rindex("ولندن")
    assert trim_proclitic(text, start, start + 3) == (start, start + 3)
    assert trim_proclitic(text, start, start + 5) == (start + 1, start + 5)
