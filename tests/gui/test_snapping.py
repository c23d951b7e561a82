"""Snapping in the view: the local window around a selection and the article's known words."""

from __future__ import annotations

from annotator.core.text.normalize import normalize
from annotator.core.text.tokens import TrimOptions, arabic_words, snap_to_words, tokenize
from annotator.gui.workspace.snapping import local_window, snap_range

# "وزارة" appears once, far (more than the snapping window) after "بوزارة".
FAR = "اجتمع الوفد بوزارة الخارجية. " + "ثم تحدث الحاضرون طويلا عن البرامج. " * 12 + "وزارة"


def test_the_whole_articles_words_decide_a_trim_far_from_the_selection() -> None:
    """Pins snap_range passing ``known_words`` on: the article's words, not the window's.

    The word that justifies trimming "بوزارة" lies outside the window snapping tokenizes,
    so only the article's lexicon (what the GUI passes) can trim it.
    """
    start = FAR.index("بوزارة")
    end = start + len("بوزارة")
    lo, hi = local_window(FAR, start, end)
    assert normalize("وزارة") in arabic_words(FAR)
    assert normalize("وزارة") not in arabic_words(FAR[lo:hi])  # the window alone cannot tell
    trim = TrimOptions(proclitics=True)
    assert snap_range(FAR, start, end, False, trim) == (start, end)
    asked: list[bool] = []

    def known() -> set[str]:
        asked.append(True)
        return arabic_words(FAR)

    assert snap_range(FAR, start, end, False, trim, known) == (start + 1, end)
    assert asked == [True]
    # without trimming the lexicon is not even computed
    asked.clear()
    assert snap_range(FAR, start, end, False, None, known) == (start, end)
    assert asked == []


def test_snap_range_equals_snapping_the_whole_text() -> None:
    """The local window gives the same words as tokenizing the whole article."""
    for word in ("الوفد", "الخارجية", "البرامج", "وزارة"):
        start = FAR.rindex(word) + 1
        expected = snap_to_words(FAR, start, start + 2, tokenize(FAR))
        assert snap_range(FAR, start, start + 2, False) == expected
        assert expected is not None and FAR[expected[0] : expected[1]] == word
