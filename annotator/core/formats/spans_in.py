"""Checking the spans a record brings, in the unit its file counts offsets in.

Every offset the project stores is a code point of the text (Python ``str`` indexing).
Tools written in JavaScript count UTF-16 code units instead, where each emoji outside the
Basic Multilingual Plane takes two: doccano does (its issue #2290), so a doccano file read
as code points puts every span after an emoji off by one letter per emoji, silently. A file
is therefore read in its unit (``--offsets``; doccano's default is ``utf16``) and
converted here, and a UTF-16 offset between the two halves of an emoji is refused.

Where a span also carries the text it covers (the ``text`` of ``annotator export`` JSONL,
Label Studio's ``value.text``), the two must agree; a span that does not is refused with
what it covers and, when the other unit would fit, which ``--offsets`` to use. A wrong
offset is never stored.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.formats.reading import NewlineMap, json_kind
from annotator.core.labels import check_label_name
from annotator.core.model import check_span
from annotator.core.text.offsets import Utf16Index

CODEPOINTS = "codepoints"
UTF16 = "utf16"
UNITS = (CODEPOINTS, UTF16)

#: (start, end, label) or (start, end, label, the text it says it covers), as read.
RawSpan = tuple[Any, ...]


def _whole_number(value: Any, what: str) -> None:
    """``ValidationError`` unless ``value`` is an integer (JSON's ``1.0`` and ``true`` are not)."""
    if isinstance(value, bool) or not isinstance(value, int):
        shown = str(value).lower() if isinstance(value, bool | float) else json_kind(value)
        raise ValidationError(f"{what} must be a whole number, got {shown}")


@functools.lru_cache(maxsize=1024)
def _label_name(name: str) -> str:
    """``check_label_name``, once per distinct label of a file (labels repeat a lot)."""
    return check_label_name(name)


class _Units:
    """Offsets of one text in the file's unit, to code points (and back, for hints)."""

    def __init__(self, text: str, unit: str) -> None:
        self.text = text
        self.unit = unit
        self._index: Utf16Index | None = None

    @property
    def index(self) -> Utf16Index:
        if self._index is None:
            self._index = Utf16Index(self.text)
        return self._index

    def to_codepoints(self, start: int, end: int) -> tuple[int, int]:
        if self.unit == CODEPOINTS or not 0 <= start < end:
            return start, end  # check_span says what is wrong with a bad pair
        n = self.index.length_utf16
        if end > n:
            raise ValidationError(f"span end {end} is beyond the text's {n} UTF-16 code units")
        try:
            return self.index.to_cp(start, "error"), self.index.to_cp(end, "error")
        except ValueError:
            raise ValidationError(
                f"{start}-{end} (UTF-16 code units) falls between the two halves of an emoji"
            ) from None

    def other_reading(self, start: int, end: int) -> str | None:
        """What the offsets cover read in the other unit, if they make sense there."""
        try:
            if self.unit == UTF16:
                return self.text[start:end] if 0 <= start < end <= len(self.text) else None
            index = self.index
            if not 0 <= start < end <= index.length_utf16:
                return None
            return self.text[index.to_cp(start, "error") : index.to_cp(end, "error")]
        except ValueError:
            return None


def checked_spans(
    raw_spans: Sequence[RawSpan], original: str, nl: NewlineMap, unit: str = CODEPOINTS
) -> list[tuple[int, int, str]]:
    """Validate spans against the text as given (in ``unit``), then move them with its
    newlines; code points of the stored text come out.

    Labels are trimmed and checked like any label name (``check_label_name``), so
    ``"PERS "`` is ``PERS``. Raises ``ValidationError`` naming the span (1-based) and what
    is wrong.
    """
    units = _Units(original, unit)
    utf16 = unit == UTF16
    length = len(original)
    out: list[tuple[int, int, str]] = []
    for i, raw in enumerate(raw_spans, 1):
        start, end, raw_label = raw[0], raw[1], raw[2]
        said = raw[3] if len(raw) > 3 else None
        if not isinstance(raw_label, str) or not raw_label.strip():
            raise ValidationError(f"span {i}: label is missing or empty")
        try:
            label = _label_name(raw_label)
        except ValidationError as exc:
            raise ValidationError(f"span {i}: {exc}") from None
        try:
            if type(start) is not int or type(end) is not int:  # bool is not int here
                _whole_number(start, "start")
                _whole_number(end, "end")
            cp_start, cp_end = units.to_codepoints(start, end) if utf16 else (start, end)
            if not 0 <= cp_start < cp_end <= length:
                check_span(cp_start, cp_end, length)  # says which way it is wrong
            if said is not None:
                _check_text(units, start, end, cp_start, cp_end, said)
        except ValidationError as exc:
            raise ValidationError(f"span {i} ({label}): {exc}") from None
        moved = (nl(cp_start), nl(cp_end))
        if moved[0] == moved[1]:  # nothing left once the CR of a CRLF is dropped
            raise ValidationError(
                f"span {i} ({label}): {start}-{end} is only the CR of a CRLF line break,"
                " which import removes"
            )
        out.append((*moved, label))
    return out


def _check_text(units: _Units, start: int, end: int, cp_start: int, cp_end: int, said: Any) -> None:
    if not isinstance(said, str):
        raise ValidationError(f'its "text" must be text, got {json_kind(said)}')
    covered = units.text[cp_start:cp_end]
    if covered == said:
        return
    hint = ""
    if units.other_reading(start, end) == said:
        other = UTF16 if units.unit == CODEPOINTS else CODEPOINTS
        what = "UTF-16 code units" if other == UTF16 else "code points"
        hint = f"; these offsets count {what}: import with --offsets {other}"
    raise ValidationError(f'{start}-{end} covers "{covered}", not its text "{said}"{hint}')
