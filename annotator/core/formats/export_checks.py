"""What an export can refuse, and the check every span passes before it is written."""

from __future__ import annotations

from collections.abc import Iterable

from annotator.core.errors import AnnotatorError


class ExportError(AnnotatorError):
    """The export cannot be written as asked; nothing was written under the output name."""


class ExportCancelled(ExportError):
    """The user cancelled; the temporary file was removed and the old output kept."""


#: One span as it goes out: (start, end, label, the text it says it covers).
SpanOut = tuple[int, int, str, str]


def describe_span(ext_id: str, start: int, end: int, text: str, label: str) -> str:
    """How a span is named in messages: ``article <id>: span 10-19 "نائلة جبر" PERS``."""
    return f'article {ext_id}: span {start}-{end} "{text}" {label}'


def check_record(ext_id: str, text: str, spans: Iterable[SpanOut]) -> None:
    """Refuse a record whose offsets leave the text or do not cover what it says.

    The schema keeps most bad offsets out, but an article's text changed by hand (or a file
    written by an older tool) can still leave a span pointing at the wrong characters; a
    training set must never carry one, so the whole export stops.
    """
    n = len(text)
    for start, end, label, said in spans:
        if not (0 <= start < end <= n):
            raise ExportError(
                f"article {ext_id}: span {start}-{end} {label} is outside the text"
                f" ({n} characters); fix the article before exporting"
            )
        actual = text[start:end]
        if actual != said:
            raise ExportError(
                f'article {ext_id}: span {start}-{end} {label} covers "{actual}",'
                f' not "{said}"; fix the span before exporting'
            )
