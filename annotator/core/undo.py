"""Undo and redo of span edits, kept in the core (like Anki) so any front end can use it.

Every operation is applied through ``Store`` methods and so is written through to the
database before the stack records it: undoing is another committed write, never an
in-memory trick. A deleted span comes back under its old id (``add_span(span_id=...)``),
so later operations that name that span (a relabel after the delete) still apply.

Ids are never reused, and every undo and redo names the span exactly as this stack left it
(``expect=``): if another window or program changed or removed it meanwhile, the store
raises ``StaleError`` and changes nothing; the stack then drops that one step (it can never
apply again) and stays usable for the steps below it.

Any other failed write (``WriteFailedError``, ``ConflictError``...) leaves the stack as it
was, so the user can try again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from annotator.core.errors import StaleError
from annotator.core.model import Span
from annotator.core.store import Store


class Operation(Protocol):
    """One undoable change to the spans of an article."""

    @property
    def article_id(self) -> int: ...

    def apply(self, store: Store) -> None: ...

    def revert(self, store: Store) -> None: ...

    def describe(self) -> str: ...


@dataclass
class CreateSpan:
    """Tag a range; undo deletes it, redo re-creates it under the same id."""

    article_id: int
    annotator: str
    label: str
    start: int
    end: int
    origin: str | None = None
    span_id: int | None = None

    def apply(self, store: Store) -> None:
        span = store.add_span(
            self.article_id,
            self.annotator,
            self.label,
            self.start,
            self.end,
            origin=self.origin,
            span_id=self.span_id,
        )
        self.span_id = span.id

    def revert(self, store: Store) -> None:
        assert self.span_id is not None
        store.delete_span(self.span_id, expect=self._made())

    def _made(self) -> Span:
        assert self.span_id is not None
        return Span(self.span_id, self.article_id, self.annotator, self.label, self.start, self.end)

    def describe(self) -> str:
        return f"tag {self.label}"


@dataclass
class DeleteSpan:
    """Remove a span; undo restores it exactly (same id, label, offsets, origin)."""

    span: Span

    @property
    def article_id(self) -> int:
        return self.span.article_id

    def apply(self, store: Store) -> None:
        store.delete_span(self.span.id, expect=self.span)

    def revert(self, store: Store) -> None:
        s = self.span
        store.add_span(
            s.article_id, s.annotator, s.label, s.start, s.end, origin=s.origin, span_id=s.id
        )

    def describe(self) -> str:
        return f"delete {self.span.label}"


@dataclass
class RelabelSpan:
    """Change a span's label; undo gives the old one back if the span is still as left."""

    article_id: int
    span_id: int
    old_label: str
    new_label: str
    #: The span before the relabel (``old_label``); undo and redo check against it.
    span: Span | None = None

    def apply(self, store: Store) -> None:
        store.relabel_span(self.span_id, self.new_label, expect=self._as(self.old_label))

    def revert(self, store: Store) -> None:
        store.relabel_span(self.span_id, self.old_label, expect=self._as(self.new_label))

    def _as(self, label: str) -> Span | None:
        if self.span is None:
            return None
        s = self.span
        return Span(s.id, s.article_id, s.annotator, label, s.start, s.end, s.origin)

    def describe(self) -> str:
        return f"relabel {self.old_label} → {self.new_label}"


@dataclass
class Batch:
    """Several operations as one step, applied (and undone) in one transaction."""

    ops: list[Operation] = field(default_factory=list)
    text: str = "batch"

    @property
    def article_id(self) -> int:
        return self.ops[0].article_id if self.ops else 0

    def apply(self, store: Store) -> None:
        ids = [getattr(op, "span_id", None) for op in self.ops]
        try:
            with store.transaction():
                for op in self.ops:
                    op.apply(store)
        except BaseException:
            # Rolled back: ids handed out inside the transaction no longer exist.
            for op, old in zip(self.ops, ids, strict=True):
                if isinstance(op, CreateSpan):
                    op.span_id = old
            raise

    def revert(self, store: Store) -> None:
        with store.transaction():
            for op in reversed(self.ops):
                op.revert(store)

    def describe(self) -> str:
        return self.text


class UndoStack:
    """Applies operations to a store and keeps them for undo/redo.

    ``on_change`` is called after every successful do/undo/redo with the operation, so a
    view can redraw (or open the article the change belongs to).
    """

    def __init__(self, store: Store, limit: int = 1000) -> None:
        self.store = store
        self.limit = limit
        self._undo: list[Operation] = []
        self._redo: list[Operation] = []
        self.listeners: list[Callable[[Operation], None]] = []

    # -- generic ---------------------------------------------------------------------

    def push(self, op: Operation) -> Operation:
        """Apply ``op`` (committed) and record it; raises and records nothing on failure."""
        op.apply(self.store)
        self._undo.append(op)
        del self._undo[: -self.limit]
        self._redo.clear()
        self._notify(op)
        return op

    def undo(self) -> Operation | None:
        """Revert the last step. ``StaleError``: someone else changed what it touched; the
        step is dropped (nothing written) and the next undo goes on below it."""
        if not self._undo:
            return None
        op = self._undo[-1]
        try:
            op.revert(self.store)
        except StaleError:
            self._undo.pop()
            raise
        self._undo.pop()
        self._redo.append(op)
        self._notify(op)
        return op

    def redo(self) -> Operation | None:
        """Apply the last undone step again; ``StaleError`` drops it, as for ``undo``."""
        if not self._redo:
            return None
        op = self._redo[-1]
        try:
            op.apply(self.store)
        except StaleError:
            self._redo.pop()
            raise
        self._redo.pop()
        self._undo.append(op)
        self._notify(op)
        return op

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo_text(self) -> str:
        return self._undo[-1].describe() if self._undo else ""

    def redo_text(self) -> str:
        return self._redo[-1].describe() if self._redo else ""

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()

    def _notify(self, op: Operation) -> None:
        for fn in list(self.listeners):
            fn(op)

    # -- conveniences ----------------------------------------------------------------

    def create_span(
        self,
        article_id: int,
        annotator: str,
        label: str,
        start: int,
        end: int,
        origin: str | None = None,
    ) -> Span:
        """Tag a range; an identical existing span is returned and nothing is recorded."""
        for s in self.store.spans(article_id, [annotator]):
            if (s.start, s.end, s.label) == (start, end, label):
                return s
        op = CreateSpan(article_id, annotator, label, start, end, origin)
        self.push(op)
        assert op.span_id is not None
        return self.store.span(op.span_id)

    def delete_span(self, span_id: int) -> Span:
        span = self.store.span(span_id)
        self.push(DeleteSpan(span))
        return span

    def relabel_span(self, span_id: int, label: str) -> Span:
        span = self.store.span(span_id)
        if span.label == label:
            return span
        self.push(RelabelSpan(span.article_id, span_id, span.label, label, span))
        return self.store.span(span_id)

    def batch(self, ops: Sequence[Operation], text: str = "batch") -> Batch:
        return self.push(Batch(list(ops), text))  # type: ignore[return-value]
