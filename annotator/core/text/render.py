"""Plain-text rendering of an article with its spans marked, for terminals and reports."""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.model import Span

#: Marks a piece of a span that goes on past a closing bracket, and where it goes on.
CONTINUED = "…"


def mark_spans(text: str, spans: Sequence[Span], with_annotator: bool = False) -> str:
    """Wrap every span as ``[words|LABEL]``; nested spans nest their brackets.

    Opening marks at one position go outermost (longest) first; closing marks innermost
    first, so the brackets always balance. Spans that cross (each holds part of the
    other) cannot nest: where the earlier one ends, the later one is closed with ``…``
    after its label and opened again at once with ``[…``, so every piece names its span
    and both extents read exactly. ORG over "وزارة التضامن" crossing EVENT over
    "التضامن الاجتماعي" prints ``[وزارة [التضامن|EVENT…]|ORG][… الاجتماعي|EVENT]``.
    """
    opens: dict[int, list[int]] = {}
    closes: dict[int, set[int]] = {}
    for i, sp in enumerate(spans):
        opens.setdefault(sp.start, []).append(i)
        closes.setdefault(sp.end, set()).add(i)

    def tag(i: int) -> str:
        sp = spans[i]
        return f"{sp.label}@{sp.annotator}" if with_annotator else sp.label

    out: list[str] = []
    stack: list[int] = []  # open spans, outermost first
    for pos in range(len(text) + 1):
        ending = closes.get(pos)
        if ending:
            lowest = min((k for k, i in enumerate(stack) if i in ending), default=len(stack))
            above = stack[lowest:]
            del stack[lowest:]
            for i in reversed(above):  # innermost first
                out.append(f"|{tag(i)}]" if i in ending else f"|{tag(i)}{CONTINUED}]")
            for i in above:  # the crossing ones go on, in their order
                if i not in ending:
                    out.append(f"[{CONTINUED}")
                    stack.append(i)
        for i in sorted(opens.get(pos, ()), key=lambda i: (-spans[i].end, spans[i].label)):
            out.append("[")
            stack.append(i)
        if pos < len(text):
            out.append(text[pos])
    return "".join(out)
