"""Plain-text rendering of an article with its spans marked, for terminals and reports."""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.model import Span


def mark_spans(text: str, spans: Sequence[Span], with_annotator: bool = False) -> str:
    """Wrap every span as ``[words|LABEL]``; nested spans nest their brackets.

    Opening marks at one position go outermost (longest) first; closing marks innermost
    first, so the brackets always balance.
    """
    opens: dict[int, list[Span]] = {}
    closes: dict[int, list[Span]] = {}
    for sp in spans:
        opens.setdefault(sp.start, []).append(sp)
        closes.setdefault(sp.end, []).append(sp)
    out: list[str] = []
    for pos in range(len(text) + 1):
        for sp in sorted(closes.get(pos, ()), key=lambda s: (-s.start, s.label)):
            tag = f"{sp.label}@{sp.annotator}" if with_annotator else sp.label
            out.append(f"|{tag}]")
        for _sp in sorted(opens.get(pos, ()), key=lambda s: (-s.end, s.label)):
            out.append("[")
        if pos < len(text):
            out.append(text[pos])
    return "".join(out)
