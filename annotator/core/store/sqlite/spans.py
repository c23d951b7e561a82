"""The spans part of ``SqliteStore``: one person's writes (tag, delete, relabel, move, status
and note), each committed before it returns, and the counts behind ``stats``."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from annotator.core.errors import (
    ConflictError,
    NotFoundError,
    StaleError,
    ValidationError,
)
from annotator.core.model import (
    ArticleStatus,
    Span,
    Status,
    check_span,
)
from annotator.core.store.sqlite.rows import (
    BULK,
    SPAN_SELECT,
    StorePart,
    now,
)


class SpanRows(StorePart):
    # -- spans -----------------------------------------------------------------------

    def spans(self, article_id: int, annotators: Sequence[str] | None = None) -> list[Span]:
        """An article's spans ordered by start, then end, then label."""
        sql = SPAN_SELECT + " WHERE s.article_id = ?"
        params: list[Any] = [article_id]
        if annotators is not None:
            if not annotators:
                return []
            sql += f" AND a.name IN ({','.join('?' * len(annotators))})"
            params.extend(annotators)
        sql += ' ORDER BY s.start, s."end", l.name, a.name'
        return [self._span_row(r) for r in self.conn.execute(sql, params)]

    def span(self, span_id: int) -> Span:
        row = self.conn.execute(SPAN_SELECT + " WHERE s.id = ?", (span_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no span with id {span_id}")
        return self._span_row(row)

    def _span_as_expected(self, span_id: int, expect: Span | None, what: str) -> Span:
        """The span as it is now, inside the write; ``StaleError`` if it is gone or no
        longer what the caller saw (``expect``): someone else changed it meanwhile."""
        row = self.conn.execute(SPAN_SELECT + " WHERE s.id = ?", (span_id,)).fetchone()
        if row is None:
            if expect is None:
                raise NotFoundError(f"no span with id {span_id}")
            raise StaleError(
                f"{what}: the {expect.label} tag at {expect.start}-{expect.end} was removed"
                " elsewhere (another window or program); left as it is"
            )
        span = self._span_row(row)
        if expect is not None and (span.label, span.start, span.end, span.annotator) != (
            expect.label,
            expect.start,
            expect.end,
            expect.annotator,
        ):
            raise StaleError(
                f"{what}: the {expect.label} tag at {expect.start}-{expect.end} was changed"
                f" elsewhere (now {span.label} at {span.start}-{span.end}); left as it is"
            )
        return span

    def _record_span(self, action: str, span: Span, **detail: Any) -> None:
        self._record(
            action,
            actor=span.annotator,
            article_id=span.article_id,
            span_id=span.id,
            label=span.label,
            start=span.start,
            end=span.end,
            **detail,
        )

    def _article_length(self, article_id: int) -> int:
        row = self.conn.execute(
            "SELECT length FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no article with internal id {article_id}")
        return row[0]

    def add_span(
        self,
        article_id: int,
        annotator: str,
        label: str,
        start: int,
        end: int,
        *,
        origin: str | None = None,
        span_id: int | None = None,
    ) -> Span:
        """Store one span and return it once committed; an identical span is returned as is.

        ``span_id`` re-creates a span under the id it had (undo of a delete, redo of a
        tag). Ids are never handed out twice, so that id is this span's; if the span is
        back already, or someone else tagged the same letters meanwhile, the tag is theirs
        now and ``StaleError`` says so.
        """
        check_span(start, end, self._article_length(article_id))
        ann_id = self.annotator_id(annotator)

        def insert() -> Span:
            label_id = self._current_label_id(label)
            existing = self.conn.execute(
                "SELECT id FROM spans WHERE article_id = ? AND annotator_id = ? AND label_id = ?"
                ' AND start = ? AND "end" = ?',
                (article_id, ann_id, label_id, start, end),
            ).fetchone()
            taken = (
                span_id is not None
                and self.conn.execute("SELECT 1 FROM spans WHERE id = ?", (span_id,)).fetchone()
            )
            if span_id is not None and (existing or taken):
                raise StaleError(
                    f"tag {label}: the letters {start}-{end} were tagged again elsewhere"
                    " (another window or program); left as they are"
                )
            if existing:
                return self.span(existing[0])
            stamp = now()
            cur = self.conn.execute(
                'INSERT INTO spans (id, article_id, annotator_id, label_id, start, "end",'
                " origin, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (span_id, article_id, ann_id, label_id, start, end, origin, stamp, stamp),
            )
            span = self.span(cur.lastrowid)  # type: ignore[arg-type]
            self._record_span("create", span, origin=origin)
            return span

        return self._write("tag", insert)

    def delete_span(self, span_id: int, *, expect: Span | None = None) -> Span:
        """Delete a span; returns it as it was, so it can be restored.

        With ``expect`` (undo, redo), the span must still be exactly that one.
        """

        def delete() -> Span:
            span = self._span_as_expected(span_id, expect, "delete")
            self.conn.execute("DELETE FROM spans WHERE id = ?", (span_id,))
            self._record_span("delete", span)
            return span

        return self._write("delete", delete)

    def relabel_span(self, span_id: int, label: str, *, expect: Span | None = None) -> Span:
        def update() -> Span:
            span = self._span_as_expected(span_id, expect, "relabel")
            label_id = self._current_label_id(label)
            if span.label == label:
                return span
            try:
                self.conn.execute(
                    "UPDATE spans SET label_id = ?, updated_at = ? WHERE id = ?",
                    (label_id, now(), span_id),
                )
            except sqlite3.IntegrityError:
                raise ConflictError(
                    f"{span.annotator} already tagged {span.start}-{span.end} as {label!r}"
                ) from None
            new = self.span(span_id)
            self._record_span("relabel", new, old_label=span.label)
            return new

        return self._write("relabel", update)

    def move_span(self, span_id: int, start: int, end: int, *, expect: Span | None = None) -> Span:
        check_span(start, end, self._article_length(self.span(span_id).article_id))

        def update() -> Span:
            span = self._span_as_expected(span_id, expect, "edit span")
            if (span.start, span.end) == (start, end):
                return span
            try:
                self.conn.execute(
                    'UPDATE spans SET start = ?, "end" = ?, updated_at = ? WHERE id = ?',
                    (start, end, now(), span_id),
                )
            except sqlite3.IntegrityError:
                raise ConflictError(f"the same span already exists at {start}-{end}") from None
            new = self.span(span_id)
            self._record_span("move", new, old_start=span.start, old_end=span.end)
            return new

        return self._write("edit span", update)

    # -- status ----------------------------------------------------------------------

    def status(self, article_id: int, annotator: str) -> ArticleStatus:
        ann_id = self._annotator_id_or_none(annotator)
        row = self.conn.execute(
            "SELECT status, note, updated_at FROM article_status"
            " WHERE article_id = ? AND annotator_id = ?",
            (article_id, ann_id if ann_id is not None else -1),
        ).fetchone()
        return ArticleStatus(Status(row[0]), *row[1:]) if row else ArticleStatus(Status.TODO, "")

    def set_status(
        self,
        article_id: int,
        annotator: str,
        status: Status | str | None = None,
        note: str | None = None,
        *,
        changed_at: str | None = None,
        via: str | None = None,
    ) -> ArticleStatus:
        """Set an annotator's status and/or note on an article, recorded in the history.

        ``changed_at`` keeps the time of a change made elsewhere (merge brings it in with
        the time it was made there); ``via`` overrides where the change is recorded as
        coming from.
        """
        self._article_length(article_id)
        try:
            new_status = Status(status) if status is not None else None
        except ValueError:
            raise ValidationError(f"unknown status {status!r}") from None
        ann_id = self.annotator_id(annotator)

        def upsert() -> ArticleStatus:
            current = self.status(article_id, annotator)
            value = new_status or current.status
            text = current.note if note is None else note
            if (value, text) == (current.status, current.note) and current.updated_at:
                return current
            stamp = changed_at or now()
            self.conn.execute(
                "INSERT INTO article_status (article_id, annotator_id, status, note, updated_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_id, annotator_id) DO UPDATE SET"
                " status = excluded.status, note = excluded.note,"
                " updated_at = excluded.updated_at",
                (article_id, ann_id, value.value, text, stamp),
            )
            where = {"actor": annotator, "article_id": article_id, "at": stamp, "via": via}
            if value != current.status:
                self._record("status", old=current.status.value, new=value.value, **where)
            if text != current.note:
                self._record("note", note=text, **where)
            return ArticleStatus(value, text, stamp)

        return self._write("status", upsert)

    def status_counts(self, annotator: str) -> dict[Status, int]:
        counts = {s: 0 for s in Status}
        ann_id = self._annotator_id_or_none(annotator)
        if ann_id is not None:
            for status, n in self.conn.execute(
                "SELECT status, COUNT(*) FROM article_status WHERE annotator_id = ?"
                " GROUP BY status",
                (ann_id,),
            ):
                counts[Status(status)] = n
        total = self.article_count()
        if ann_id is not None:
            fresh, assigned = self.conn.execute(
                "SELECT COALESCE(SUM(NOT EXISTS (SELECT 1 FROM article_status st"
                " WHERE st.article_id = s.article_id AND st.annotator_id = s.annotator_id)),"
                " 0), COUNT(*) FROM assignments s WHERE s.annotator_id = ?",
                (ann_id,),
            ).fetchone()
            if assigned:
                total = fresh + sum(counts.values())  # their articles only
        counts[Status.TODO] += total - sum(counts.values())
        return counts

    # -- statistics ------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        """Corpus size, each annotator's status counts and spans per label."""
        per_annotator: dict[str, Any] = {}
        for name in self.annotators():
            counts = self.status_counts(name)
            spans = dict(
                self.conn.execute(
                    "SELECT l.name, COUNT(*) FROM spans s JOIN labels l ON l.id = s.label_id"
                    " WHERE s.annotator_id = ? GROUP BY l.name ORDER BY l.name",
                    (self.annotator_id(name),),
                ).fetchall()
            )
            per_annotator[name] = {
                "status": {s.value: n for s, n in counts.items()},
                "spans": sum(spans.values()),
                "spans_per_label": spans,
            }
        self._add_time_spent(per_annotator)
        per_label = {lab.name: 0 for lab in self.labels()}
        for name, n in self.conn.execute(
            "SELECT l.name, COUNT(*) FROM spans s JOIN labels l ON l.id = s.label_id"
            " GROUP BY l.name"
        ):
            per_label[name] = n
        return {
            "articles": self.article_count(),
            "spans": sum(per_label.values()),
            "labels": len(per_label),
            "spans_per_label": per_label,
            "annotators": per_annotator,
        }

    def _add_time_spent(self, per_annotator: dict[str, Any]) -> None:
        """Each annotator's time on each article (by article id, from the history)."""
        times = self.time_per_article()
        ids = sorted({aid for per in times.values() for aid in per})
        ext: dict[int, str] = {}
        for i in range(0, len(ids), BULK):
            chunk = ids[i : i + BULK]
            ext.update(
                self.conn.execute(
                    "SELECT id, ext_id FROM articles WHERE id IN"
                    f" ({','.join('?' * len(chunk))})",
                    chunk,
                )
            )
        for name, info in per_annotator.items():
            per = times.get(name, {})
            info["seconds"] = round(sum(per.values()), 3)
            info["seconds_per_article"] = {
                ext.get(aid, str(aid)): round(sec, 3) for aid, sec in sorted(per.items())
            }
