"""Plain data records shared by storage, import/export, agreement and the GUI.

Offsets are code points, end exclusive, relative to the stored text. ``check_span`` is the
one place that enforces ``0 <= start < end <= len(text)``; the schema repeats it with CHECK
constraints and triggers so that no writer can bypass it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from annotator.core.errors import ValidationError

IMPORT_ANNOTATOR = "import"
GOLD_ANNOTATOR = "gold"
SUGGEST_ANNOTATOR = "suggest"
#: Whose spans a trained model's pre-annotations are (``annotator suggest --model``).
MODEL_ANNOTATOR = "model"


class Status(StrEnum):
    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"


class AnnotatorKind(StrEnum):
    HUMAN = "human"
    IMPORT = "import"
    SUGGEST = "suggest"
    GOLD = "gold"


def kind_for_name(name: str) -> AnnotatorKind:
    """Reserved annotator names get their own kind; every other name is a person."""
    return {
        IMPORT_ANNOTATOR: AnnotatorKind.IMPORT,
        GOLD_ANNOTATOR: AnnotatorKind.GOLD,
        SUGGEST_ANNOTATOR: AnnotatorKind.SUGGEST,
        MODEL_ANNOTATOR: AnnotatorKind.SUGGEST,
    }.get(name, AnnotatorKind.HUMAN)


def check_span(start: int, end: int, text_length: int) -> None:
    """Raise ``ValidationError`` unless ``0 <= start < end <= text_length``."""
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
        raise ValidationError(f"span offsets must be integers, got {start!r}, {end!r}")
    if start < 0:
        raise ValidationError(f"span start {start} is negative")
    if start >= end:
        raise ValidationError(f"span start {start} is not before its end {end}")
    if end > text_length:
        raise ValidationError(f"span end {end} is beyond the text's {text_length} characters")


def content_hash(text: str) -> str:
    """Stable digest of an article's text, used to find duplicates and match on merge."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def normalize_newlines(text: str) -> str:
    """The only rewrite applied at import: CRLF and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(slots=True)
class ArticleIn:
    """An article as read from an input file, before it has a database id."""

    ext_id: str
    text: str
    title: str = ""
    source: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    # Pre-annotations: (start, end, label) in code points of ``text``.
    spans: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass(slots=True, frozen=True)
class Article:
    id: int
    ext_id: str
    title: str
    text: str
    source: str | None
    url: str | None
    author: str | None
    published: str | None
    meta: dict[str, Any]
    content_hash: str

    @property
    def length(self) -> int:
        return len(self.text)


@dataclass(slots=True, frozen=True)
class ArticleRow:
    """What a list shows for one article: no text, so listing stays cheap."""

    id: int
    ext_id: str
    title: str
    status: Status
    span_count: int


@dataclass(slots=True, frozen=True)
class Label:
    id: int
    name: str
    display_name: str
    color: str
    shortcut: str | None
    guideline: str
    sort_order: int


@dataclass(slots=True, frozen=True)
class Span:
    id: int
    article_id: int
    annotator: str
    label: str
    start: int
    end: int
    origin: str | None = None

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(slots=True, frozen=True)
class ArticleStatus:
    status: Status
    note: str
    #: When the status or note last changed (UTC, ISO 8601); "" when never set.
    updated_at: str = ""


#: What a member of a team on a server may do (docs/team-server.md#users-and-roles).
TEAM_ROLES = ("annotator", "reviewer", "lead")


@dataclass(slots=True, frozen=True)
class TeamMember:
    """A database user of a server project and the annotator name they work under."""

    login: str
    annotator: str
    role: str
    #: False when the login role was dropped on the server behind the project's back.
    can_log_in: bool = True


@dataclass(slots=True, frozen=True)
class Assignment:
    """An article handed to an annotator: ``static`` (``annotator assign``, stays) or
    ``dynamic`` ("next article": counts while they work on it, lapses when idle)."""

    article_id: int
    annotator: str
    kind: str
    assigned_at: str


@dataclass(slots=True, frozen=True)
class HistoryEvent:
    """One change as the history records it (append-only; see ``annotator history``).

    ``via`` says where it came from (``app``, ``cli``, ``import``, ``merge``, ``review``),
    ``actor`` whose work it touched (the annotator; for label edits, who made them, if known).
    """

    id: int
    at: str
    via: str
    actor: str | None
    action: str
    article_id: int | None
    span_id: int | None
    detail: dict[str, Any]
