"""The store's reads and writes for several annotators: bulk span reads (agreement, merge,
export) and the adjudication review table. Part of ``SqliteStore`` (see backend.py)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.model import ArticleStatus, Span, Status
from annotator.core.store.sqlite.rows import (
    BULK,
    REVIEW_STATUSES,
    SPAN_SELECT,
    StorePart,
    now,
)


class TeamReads(StorePart):
    def spans_for_articles(
        self, ids: Sequence[int], annotators: Sequence[str] | None = None
    ) -> dict[int, list[Span]]:
        """Spans of many articles, one query per batch: agreement and merge stay fast.

        Every id asked for is a key (an article without spans maps to ``[]``); each list
        is ordered like ``spans()``.
        """
        out: dict[int, list[Span]] = {i: [] for i in ids}
        if annotators is not None and not annotators:
            return out
        wanted = list(out)
        for k in range(0, len(wanted), BULK):
            chunk = wanted[k : k + BULK]
            sql = SPAN_SELECT + f" WHERE s.article_id IN ({','.join('?' * len(chunk))})"
            params: list[Any] = list(chunk)
            if annotators is not None:
                sql += f" AND a.name IN ({','.join('?' * len(annotators))})"
                params.extend(annotators)
            sql += ' ORDER BY s.article_id, s.start, s."end", l.name, a.name'
            for row in self.conn.execute(sql, params):
                out[row[1]].append(self._span_row(row))
        return out

    def done_by(
        self,
        annotators: Sequence[str] | None = None,
        *,
        between: tuple[int, int] | None = None,
    ) -> dict[int, set[str]]:
        """Article id -> the annotators who marked it done (ids and names only)."""
        sql = (
            "SELECT s.article_id, a.name FROM article_status s"
            " JOIN annotators a ON a.id = s.annotator_id WHERE s.status = 'done'"
        )
        params: list[Any] = []
        if annotators is not None:
            if not annotators:
                return {}
            sql += f" AND a.name IN ({','.join('?' * len(annotators))})"
            params.extend(annotators)
        if between is not None:
            sql += " AND s.article_id BETWEEN ? AND ?"
            params.extend(between)
        out: dict[int, set[str]] = {}
        for article_id, name in self.conn.execute(sql + " ORDER BY s.article_id", params):
            out.setdefault(article_id, set()).add(name)
        return out

    def statuses_for_articles(self, ids: Sequence[int]) -> dict[int, dict[str, ArticleStatus]]:
        """Article id -> annotator -> status and note, for the ids that have any."""
        out: dict[int, dict[str, ArticleStatus]] = {}
        wanted = list(ids)
        for k in range(0, len(wanted), BULK):
            chunk = wanted[k : k + BULK]
            for article_id, name, status, note, changed in self.conn.execute(
                "SELECT s.article_id, a.name, s.status, s.note, s.updated_at"
                " FROM article_status s"
                " JOIN annotators a ON a.id = s.annotator_id"
                f" WHERE s.article_id IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                out.setdefault(article_id, {})[name] = ArticleStatus(Status(status), note, changed)
        return out

    def review_status(self, article_id: int) -> str:
        """'pending' (never reviewed), 'in_review' or 'done'."""
        row = self.conn.execute(
            "SELECT status FROM reviews WHERE article_id = ?", (article_id,)
        ).fetchone()
        return row[0] if row else "pending"

    def reviewer(self, article_id: int) -> str | None:
        """Who last adjudicated the article, if anyone."""
        row = self.conn.execute(
            "SELECT reviewer FROM reviews WHERE article_id = ?", (article_id,)
        ).fetchone()
        return row[0] if row else None

    def review_statuses(self) -> dict[int, str]:
        """Article id -> review status, for the articles that have a review row."""
        return dict(self.conn.execute("SELECT article_id, status FROM reviews"))

    def set_review(self, article_id: int, status: str, reviewer: str | None) -> None:
        if status not in REVIEW_STATUSES:
            raise ValidationError(
                f"unknown review status {status!r}; use one of {', '.join(REVIEW_STATUSES)}"
            )
        self._article_length(article_id)

        def upsert() -> None:
            self.conn.execute(
                "INSERT INTO reviews (article_id, status, reviewer, updated_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (article_id) DO UPDATE SET"
                " status = excluded.status, reviewer = excluded.reviewer,"
                " updated_at = excluded.updated_at",
                (article_id, status, reviewer, now()),
            )
            self._record("review", actor=reviewer, article_id=article_id, status=status)

        self._write("review", upsert)

    # -- export reads ----------------------------------------------------------------

    def annotated_article_ids(self, annotators: Sequence[str]) -> list[int]:
        """Ids (in corpus order) of the articles these annotators touched: a span or a status.

        Export uses it to stream only the articles that can yield a record.
        """
        if not annotators:
            return []
        marks = ",".join("?" * len(annotators))
        return [
            r[0]
            for r in self.conn.execute(
                f"""SELECT s.article_id FROM article_status s
                    JOIN annotators a ON a.id = s.annotator_id WHERE a.name IN ({marks})
                UNION
                SELECT sp.article_id FROM spans sp
                    JOIN annotators a ON a.id = sp.annotator_id WHERE a.name IN ({marks})
                ORDER BY 1""",
                (*annotators, *annotators),
            )
        ]

    def span_rows(
        self, ids: Sequence[int], annotators: Sequence[str]
    ) -> Iterator[tuple[int, str, str, int, int]]:
        """(article_id, annotator, label, start, end) of these articles, in no set order.

        The lean twin of ``spans_for_articles`` for export, which streams millions of
        spans: no joins (names come from small id maps) and no ``Span`` objects. Dense
        ``ids`` (a run of the corpus) are read as one id range.
        """
        ann_ids: dict[int, str] = {}
        for name in annotators:
            ann_id = self._annotator_id_or_none(name)
            if ann_id is not None:
                ann_ids[ann_id] = name
        if not ids or not ann_ids:
            return
        labels = dict(self.conn.execute("SELECT id, name FROM labels"))
        ann_marks = ",".join("?" * len(ann_ids))
        wanted: set[int] | None = None
        lo, hi = min(ids), max(ids)
        if hi - lo < 2 * len(ids):
            where, params = "s.article_id BETWEEN ? AND ?", [lo, hi]
            wanted = set(ids)
            if len(wanted) == hi - lo + 1:
                wanted = None  # every id in the range is asked for
        else:
            where, params = f"s.article_id IN ({','.join('?' * len(ids))})", list(ids)
        for aid, ann, lab, start, end in self.conn.execute(
            f'SELECT s.article_id, s.annotator_id, s.label_id, s.start, s."end" FROM spans s'
            f" WHERE {where} AND s.annotator_id IN ({ann_marks})",
            (*params, *ann_ids),
        ):
            if wanted is None or aid in wanted:
                try:
                    label = labels[lab]
                except KeyError:  # its label row is gone: refuse, never leave the span out
                    raise self._damaged_span_at(aid, ann, lab, start, end) from None
                yield aid, ann_ids[ann], label, start, end
