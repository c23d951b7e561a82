"""Who did the work a record carries, and where it stands: annotator, status, note, time.

A record of an interchange file is one article with one person's spans (or a model's, or
the gold layer's). Besides the spans it may say whose they are (``annotator``, Prodigy's
``_annotator_id``, Label Studio's ``completed_by``), the article's status for that person,
their note and when those last changed. ``Work`` carries that from a reader to the import,
which stores it under that name; a file that says nothing gets the import's default
(``--annotator``, else ``import``).

Times are kept as the store keeps them (``2024-05-01T10:00:00.000+00:00``, UTC, to the
millisecond), because merge and import compare them as text: a file's ``Z`` or
``+03:00`` is rewritten to that form, and a time without its zone is refused rather than
guessed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.formats.reading import Work, json_kind
from annotator.core.model import GOLD_ANNOTATOR, Status

#: The gold layer's review states (``annotator export --gold`` writes them as its status).
REVIEW_STATUSES = ("pending", "in_review", "done")
STATUSES = tuple(s.value for s in Status)
#: A review state read for a person instead of the gold layer (``--annotator`` given).
_REVIEW_AS_STATUS = {"pending": "todo", "in_review": "in_progress", "done": "done"}


def name(value: Any, what: str = '"annotator"') -> str | None:
    """An annotator's name as given: text on one line, not empty; None if not given."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValidationError(f"{what} must be a name, got {json_kind(value)}")
    value = value.strip()
    if not value:
        raise ValidationError(f"{what} is empty")
    if any(ch in value for ch in "\n\r\t") or not value.isprintable():
        raise ValidationError(f"{what} must be a name on one line, got {value!r}")
    return value


def status(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value not in (*STATUSES, "pending", "in_review"):
        shown = value if isinstance(value, str) else json_kind(value)
        raise ValidationError(
            f'"status" must be one of {", ".join(STATUSES)} (or pending, in_review for the'
            f" gold layer), got {shown!r}"
        )
    return value


def note(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise ValidationError(f'"note" must be text, got {json_kind(value)}')


def change_time(value: Any, what: str = '"changed_at"') -> str | None:
    """The time as the store writes it (UTC, milliseconds); None if not given."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValidationError(f"{what} must be a date and time as text, got {json_kind(value)}")
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            f"{what} is not a date and time: {value!r} (for example 2024-05-01T10:00:00Z)"
        ) from None
    if when.tzinfo is None:
        raise ValidationError(
            f"{what} has no time zone: {value!r}; add it (2024-05-01T10:00:00Z for UTC)"
        )
    return when.astimezone(UTC).isoformat(timespec="milliseconds")


def work_of(obj: dict[str, Any]) -> Work:
    """The ``annotator``, ``status``, ``note``, ``changed_at`` and ``reviewer`` of a JSON
    record, as ``annotator export`` writes them; ``ValidationError`` names a bad one."""
    return Work(
        annotator=name(obj.get("annotator")),
        status=status(obj.get("status")),
        note=note(obj.get("note")),
        changed_at=change_time(obj.get("changed_at")),
        reviewer=name(obj.get("reviewer"), '"reviewer"'),
    )


def status_for(annotator: str, value: str) -> str:
    """A record's status as ``annotator`` can hold it; ``ValidationError`` if it cannot.

    The gold layer holds review states; a person a review state read with ``--annotator``
    gets the nearest status (pending: todo, in_review: in_progress).
    """
    if annotator == GOLD_ANNOTATOR:
        if value not in REVIEW_STATUSES:
            raise ValidationError(
                f"the gold layer's status is one of {', '.join(REVIEW_STATUSES)}, not {value!r}"
            )
        return value
    return _REVIEW_AS_STATUS.get(value, value)
