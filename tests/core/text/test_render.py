"""Spans marked as [words|LABEL] for terminals: nested, side by side and crossing."""

from __future__ import annotations

from annotator.core.model import Span
from annotator.core.text.render import mark_spans

TEXT = "شاركت وزارة التضامن الاجتماعي ضمن الوفد المصري"


def span(i: int, label: str, words: str, annotator: str = "salma") -> Span:
    start = TEXT.index(words)
    return Span(i, 1, annotator, label, start, start + len(words))


def extents(marked: str) -> dict[str, str]:
    """Read each label's words back out of the marks, joining its continued pieces."""
    words: dict[str, str] = {}
    open_at: list[int] = []
    plain: list[str] = []
    i = 0
    while i < len(marked):
        if marked.startswith("[…", i):
            open_at.append(len(plain))
            i += 2
        elif marked[i] == "[":
            open_at.append(len(plain))
            i += 1
        elif marked[i] == "|":
            end = marked.index("]", i)
            label = marked[i + 1 : end].removesuffix("…")
            words[label] = words.get(label, "") + "".join(plain[open_at.pop() :])
            i = end + 1
        else:
            plain.append(marked[i])
            i += 1
    return words


def test_nested_spans_nest_their_brackets() -> None:
    marked = mark_spans(
        TEXT, [span(1, "ORG", "وزارة التضامن الاجتماعي"), span(2, "PROGRAM", "التضامن")]
    )
    assert marked == "شاركت [وزارة [التضامن|PROGRAM] الاجتماعي|ORG] ضمن الوفد المصري"


def test_crossing_spans_are_printed_with_both_extents() -> None:
    """ORG 'وزارة التضامن' crosses EVENT 'التضامن الاجتماعي': the old marks read as EVENT
    inside ORG ('[وزارة [التضامن|ORG] الاجتماعي|EVENT]'), misstating both."""
    org, event = span(1, "ORG", "وزارة التضامن"), span(2, "EVENT", "التضامن الاجتماعي")
    marked = mark_spans(TEXT, [org, event])
    assert marked == "شاركت [وزارة [التضامن|EVENT…]|ORG][… الاجتماعي|EVENT] ضمن الوفد المصري"
    assert extents(marked) == {"ORG": "وزارة التضامن", "EVENT": "التضامن الاجتماعي"}
    assert marked.count("[") == marked.count("]")


def test_three_spans_crossing_and_nesting_all_read_back() -> None:
    spans = [
        span(1, "ORG", "وزارة التضامن الاجتماعي"),
        span(2, "EVENT", "الاجتماعي ضمن الوفد"),
        span(3, "GPE", "ضمن الوفد المصري"),
        span(4, "PERS", "الوفد"),
    ]
    marked = mark_spans(TEXT, spans, with_annotator=True)
    assert extents(marked) == {
        "ORG@salma": "وزارة التضامن الاجتماعي",
        "EVENT@salma": "الاجتماعي ضمن الوفد",
        "GPE@salma": "ضمن الوفد المصري",
        "PERS@salma": "الوفد",
    }
    assert marked.replace("[…", "").replace("[", "").count("|") == marked.count("]")
