"""The tokens of every token format: split at white space, punctuation and symbols only.

A token's characters never change: every character of the text but white space is in
exactly one token, in order. Wojood's own tokens come back as they were: ``و1`` stays one
token, and the damma that begins ``ُيفشي`` (train.txt line 17999) stays on it.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.formats.export_run import run_export
from annotator.core.formats.import_run import run_import
from annotator.core.formats.tagging import Tokenized, token_bounds
from annotator.core.store import Store


def _tokens(text: str) -> list[str]:
    return Tokenized.of(text).tokens


def test_letters_digits_and_marks_stay_together() -> None:
    assert _tokens("و1 ص140 2020م a2hosting") == ["و1", "ص140", "2020م", "a2hosting"]
    assert _tokens("قال إنه ُيفشي السر") == ["قال", "إنه", "ُيفشي", "السر"]
    assert _tokens("بنسبة 3.5% عند 12:30، و1,000") == [
        "بنسبة", "3.5", "%", "عند", "12:30", "،", "و1,000"
    ]


def test_punctuation_and_symbols_are_tokens_of_their_own() -> None:
    assert _tokens("“تكافل وكرامة” (2024).") == ["“", "تكافل", "وكرامة", "”", "(", "2024",
                                                  ")", "."]  # fmt: skip
    assert _tokens("#ERROR!") == ["#", "ERROR", "!"]
    # an emoji with its joiners and modifiers, a flag, a keycap: one token each
    assert _tokens("👨‍👩‍👧مصر 🇪🇬 #️⃣ 👍🏽") == ["👨‍👩‍👧", "مصر", "🇪🇬", "#️⃣", "👍🏽"]


def test_sentences_are_lines() -> None:
    tok = Tokenized.of("📢 أخبار\n\nمؤكدا علي دور")
    assert [tok.tokens[r.start : r.stop] for r in tok.sentences()] == [
        ["📢", "أخبار"], ["مؤكدا", "علي", "دور"]
    ]


ALPHABET = st.sampled_from(
    list("ابتثجحخ لمنهوي١٢3 4.,:!؟،\n\t\u00a0\u200f\u200d\u0651\u064f")
    + ["😀", "🇪", "🇬", "👍", "🏽", "#", "\ufe0f", "\u20e3", "\u0600", "\x1c", "\u2028"]
)


@settings(max_examples=300, deadline=None)
@given(st.text(ALPHABET, max_size=40))
def test_every_character_but_white_space_is_in_exactly_one_token(text: str) -> None:
    starts, ends = token_bounds(text)
    pos = 0
    for s, e in zip(starts, ends, strict=True):
        assert s < e
        assert text[pos:s].isspace() or pos == s  # only white space between tokens
        assert not any(ch.isspace() for ch in text[s:e])  # a token holds no white space
        pos = e
    assert text[pos:].isspace() or pos == len(text)
    assert "".join(text[s:e] for s, e in zip(starts, ends, strict=True)) == "".join(
        ch for ch in text if not ch.isspace()
    )


def test_wojood_tokens_come_back_as_they_were(project: Store, tmp_path: Path) -> None:
    lines = ["وقال O", "إن O", "ُيفشي O", "و1 B-CARDINAL", "سمير B-PERS", "# O", "", "" ""]
    src = tmp_path / "wojood.txt"
    src.write_text("\n".join(lines), encoding="utf-8")
    run_import(project, [src], "conll", annotator="wojood")
    out = tmp_path / "out.conll"
    run_export(project, out, "conll", status="all", comments=False)
    assert out.read_text(encoding="utf-8") == "\n".join(lines[:6]) + "\n\n"
