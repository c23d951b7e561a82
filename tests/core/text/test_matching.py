from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.text.matching import (
    PROCLITIC_PREFIXES,
    Mode,
    find_occurrences,
    index_columns,
    iter_occurrences,
    proclitic_rests,
)
from annotator.core.text.matching import words as normalized_words
from annotator.core.text.normalize import normalize, normalize_with_map

ALPHABET = (
    "ابتسعفقكلمنهوي" "أإآىة" "\u064e\u0650\u0651\u0652\u0640"
    "٣3aAİßΣσς\u0301" " \n\u00a0" ".،“" "😀\u200d👩"
)
texts = st.text(alphabet=ALPHABET, max_size=50)


@settings(max_examples=400, deadline=None)
@given(texts, st.data(), st.sampled_from(list(Mode)))
def test_scanning_the_original_finds_what_the_normalized_text_holds(
    text: str, data: st.DataObject, mode: Mode
) -> None:
    norm = normalize(text)
    i = data.draw(st.integers(0, len(norm)))
    j = data.draw(st.integers(i, min(len(norm), i + 5)))
    query = norm[i:j].strip()
    fast = list(iter_occurrences(text, query, mode))
    exact = list(iter_occurrences(text, query, mode, normalized=normalize_with_map(text)))
    assert fast == exact


def test_word_modes_on_arabic() -> None:
    text = "زار الوزير وزارة التضامن والتضامنية بالعاصمة"
    spans = lambda q, m: [text[o.start : o.end] for o in find_occurrences(text, q, m)]  # noqa: E731
    assert spans("تضامن", Mode.SUBSTRING) == ["تضامن", "تضامن"]
    assert spans("تضامن", Mode.WORD_START) == ["تضامن", "تضامن"]  # after ال and وال
    assert spans("تضامن", Mode.WORDS) == ["تضامن"]  # "التضامنية" goes on
    assert spans("زير", Mode.WORD_START) == []  # not after a proclitic
    (occ,) = find_occurrences(text, "العاصمه", Mode.WORDS)
    assert text[occ.word_start : occ.end] == "بالعاصمة"


def test_proclitic_prefixes() -> None:
    assert {"و", "ف", "ب", "ك", "ل", "ال", "لل", "بال", "وبال", "ولل"} <= PROCLITIC_PREFIXES
    assert "لال" not in PROCLITIC_PREFIXES
    assert proclitic_rests("والتضامن") == ["التضامن", "تضامن"]
    assert proclitic_rests("بك") == []


def test_index_holds_the_normalized_text() -> None:
    words, unused = index_columns("وَزارة التضامن بالعاصمة الإدارية، ٢٠٢٤")
    assert words.split() == ["وزاره", "التضامن", "بالعاصمه", "الاداريه", "2024"]
    assert unused == ""


_INDEX_ALPHABET = st.sampled_from(
    list("وزارةالتضامنبأإآٱىةـ") + ["\u064e", "\u0651", "\u0670", "\u0654"]
    + list("AbÇİßΣσ٠١٢۳9") + [" ", "\n", "\xa0", "\u2029", "،", ".", '"', "“", "😀", "\u200d"]
    + ["\u2066", "\u2069", "\u202e", "\x00", "\ufeff", "\U0001F3FD"]
)


@given(st.lists(_INDEX_ALPHABET, max_size=80).map("".join))
def test_index_words_equal_the_normalized_words(text: str) -> None:
    """The fast index fold gives FTS5 exactly the words ``normalize`` gives the query."""
    indexed, _ = index_columns(text)
    assert indexed.split() == normalized_words(normalize(text))


@pytest.mark.parametrize(
    "text",
    [
        "İstanbul وَزارة ⁦UNODC⁩ «التضامن» ٢٠٢٤ 😀مستورة",
        "\u08bfلان والتضامن_الاجتماعي a-b c.d\te\u00a0f",  # a letter of Unicode 13, ASCII marks
    ],
)
def test_index_words_through_fts5_match_the_normalizer(text: str) -> None:
    """The project's FTS5 table (current schema) holds exactly the normalizer's words."""
    import sqlite3

    from annotator.core.store.sqlite.schema import CURRENT_VERSION, MIGRATIONS

    conn = sqlite3.connect(":memory:")
    for version in range(1, CURRENT_VERSION + 1):
        conn.executescript(MIGRATIONS[version])
    conn.execute("INSERT INTO articles_fts (rowid, norm_text) VALUES (1, ?)",
                 (index_columns(text)[0],))  # fmt: skip
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(articles_fts, row)")
    vocab = {r[0] for r in conn.execute("SELECT term FROM v")}
    assert vocab == set(normalized_words(normalize(text)))
