from __future__ import annotations

from annotator.core.text.tokens import Kind, snap_to_clusters, snap_to_words, tokenize


def words(text: str) -> list[str]:
    return [text[t.start : t.end] for t in tokenize(text)]


def test_mixed_arabic_latin_digits_emoji() -> None:
    text = "📢 تواصل عبر واتساب +20 100 وزارة UNODC 3.5٪ 👨‍👩‍👧!"
    assert words(text) == [
        "📢", "تواصل", "عبر", "واتساب", "+", "20", "100", "وزارة", "UNODC", "3.5", "٪",
        "👨‍👩‍👧", "!",
    ]
    kinds = {text[t.start : t.end]: t.kind for t in tokenize(text)}
    assert kinds["📢"] == Kind.SYMBOL
    assert kinds["UNODC"] == Kind.LATIN
    assert kinds["وزارة"] == Kind.ARABIC


def test_diacritics_stay_on_their_letter() -> None:
    text = "مُحَمَّدٌ"
    assert words(text) == [text]
    # a selection ending between a letter and its shadda+fatha widens past them
    cut = text.index("م", 2) + 1
    assert snap_to_clusters(text, 0, cut) == (0, cut + 2)


def test_snap_drops_quotes_and_space_around_program_name() -> None:
    text = "برنامج “تكافل وكرامة” في"
    start = text.index("“") - 1
    end = text.index("”") + 2
    s, e = snap_to_words(text, start, end)
    assert text[s:e] == "تكافل وكرامة"


def test_snap_widens_partial_words() -> None:
    text = "السفيرة نائلة جبر، رئيس"
    s, e = snap_to_words(text, text.index("ائلة"), text.index("جبر") + 1)
    assert text[s:e] == "نائلة جبر"


def test_snap_of_space_or_punctuation_is_none() -> None:
    text = "أ ، ب"
    assert snap_to_words(text, 1, 4) is None
    assert snap_to_words(text, 2, 2) is None
    assert snap_to_clusters(text, 1, 2) is None


def test_a_number_is_a_word_and_can_be_tagged_alone() -> None:
    """Pins Token.is_word for numbers: "1921" and "٢٠٢٣" snap in word mode like any word.

    Were numbers not words, a selection of a year would hold "no word" and snap to None.
    """
    text = "تأسست الجمعية عام 1921 وجددت في ٢٠٢٣."
    for number in ("1921", "٢٠٢٣"):
        start = text.index(number)
        assert snap_to_words(text, start, start + len(number)) == (start, start + len(number))
        # a selection from the space before to the space after keeps only the number
        assert snap_to_words(text, start - 1, start + len(number) + 1) == (
            start,
            start + len(number),
        )
    kinds = {text[t.start : t.end]: t.kind for t in tokenize(text)}
    assert kinds["1921"] == Kind.NUMBER
    assert all(t.is_word for t in tokenize(text) if t.kind == Kind.NUMBER)


def test_a_one_letter_word_at_the_very_start_snaps() -> None:
    """Pins the clamp at 0: a selection of the text's first character is kept, not
    shifted to start at 1 (which would leave nothing)."""
    text = "و قال"
    assert snap_to_words(text, 0, 1) == (0, 1)
    assert snap_to_clusters(text, 0, 1) == (0, 1)
    assert snap_to_clusters("ab", 0, 1) == (0, 1)


def test_a_selection_inside_a_cluster_widens_to_its_edges_and_one_on_the_edges_stays() -> None:
    """Pins both ends of ``snap_to_clusters``: a selection starting between a letter and
    its diacritics starts at that letter, one ending there ends after them; a selection
    starting or ending exactly on a cluster's edge is kept as it is."""
    text = "مُحَمَّدٌ رسول"  # clusters: مُ (0, 2), حَ (2, 4), مَّ (4, 7), دٌ (7, 9)
    assert snap_to_clusters(text, 1, 3) == (0, 4)
    assert snap_to_clusters(text, 5, 8) == (4, 9)
    assert snap_to_clusters(text, 2, 7) == (2, 7)
    assert snap_to_clusters(text, 4, len(text)) == (4, len(text))
