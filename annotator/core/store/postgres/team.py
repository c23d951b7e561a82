"""The reads and writes for several annotators on a server project: bulk span reads
(agreement, merge, export) and the adjudication review table. Part of ``PostgresStore``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.model import ArticleStatus, Span, Status
from annotator.core.store.postgres.rows import REVIEW_STATUSES, SPAN_SELECT, PgPart, now, span_row

#: Ids per query in bulk reads: bounds one result set, not a parameter count.
BULK = 2000


class TeamReads(PgPart):
    def spans_for_articles(
        self, ids: Sequence[int], annotators: Sequence[str] | None = None
    ) -> dict[int, list[Span]]:
        out: dict[int, list[Span]] = {i: [] for i in ids}
        if annotators is not None and not annotators:
            return out
        wanted = list(out)
        for k in range(0, len(wanted), BULK):
            sql = SPAN_SELECT + " WHERE s.article_id = ANY(%s)"
            params: list[Any] = [wanted[k : k + BULK]]
            if annotators is not None:
                sql += " AND a.name = ANY(%s)"
                params.append(list(annotators))
            sql += ' ORDER BY s.article_id, s.start, s."end", l.name, a.name'
            for row in self._exec(sql, params):
                out[row[1]].append(span_row(row))
        return out

    def done_by(
        self,
        annotators: Sequence[str] | None = None,
        *,
        between: tuple[int, int] | None = None,
    ) -> dict[int, set[str]]:
        sql = (
            "SELECT s.article_id, a.name FROM article_status s"
            " JOIN annotators a ON a.id = s.annotator_id WHERE s.status = 'done'"
        )
        params: list[Any] = []
        if annotators is not None:
            if not annotators:
                return {}
            sql += " AND a.name = ANY(%s)"
            params.append(list(annotators))
        if between is not None:
            sql += " AND s.article_id BETWEEN %s AND %s"
            params.extend(between)
        out: dict[int, set[str]] = {}
        for article_id, name in self._exec(sql + " ORDER BY s.article_id, a.id", params):
            out.setdefault(article_id, set()).add(name)
        return out

    def statuses_for_articles(self, ids: Sequence[int]) -> dict[int, dict[str, ArticleStatus]]:
        out: dict[int, dict[str, ArticleStatus]] = {}
        wanted = list(ids)
        for k in range(0, len(wanted), BULK):
            for article_id, name, status, note, changed in self._exec(
                "SELECT s.article_id, a.name, s.status, s.note, s.updated_at"
                " FROM article_status s JOIN annotators a ON a.id = s.annotator_id"
                " WHERE s.article_id = ANY(%s) ORDER BY s.article_id, s.annotator_id",
                (wanted[k : k + BULK],),
            ):
                out.setdefault(article_id, {})[name] = ArticleStatus(Status(status), note, changed)
        return out

    def review_status(self, article_id: int) -> str:
        status = self._one("SELECT status FROM reviews WHERE article_id = %s", (article_id,))
        return status if status is not None else "pending"

    def reviewer(self, article_id: int) -> str | None:
        return self._one("SELECT reviewer FROM reviews WHERE article_id = %s", (article_id,))

    def review_statuses(self) -> dict[int, str]:
        return dict(self._exec("SELECT article_id, status FROM reviews ORDER BY article_id"))

    def set_review(self, article_id: int, status: str, reviewer: str | None) -> None:
        if status not in REVIEW_STATUSES:
            raise ValidationError(
                f"unknown review status {status!r}; use one of {', '.join(REVIEW_STATUSES)}"
            )
        self._article_length(article_id)

        def upsert() -> None:
            self.conn.execute(
                "INSERT INTO reviews (article_id, status, reviewer, updated_at)"
                " VALUES (%s, %s, %s, %s) ON CONFLICT (article_id) DO UPDATE SET"
                " status = excluded.status, reviewer = excluded.reviewer,"
                " updated_at = excluded.updated_at",
                (article_id, status, reviewer, now()),
            )
            self._record("review", actor=reviewer, article_id=article_id, status=status)

        self._write("review", upsert)

    # -- export reads ----------------------------------------------------------------

    def annotated_article_ids(self, annotators: Sequence[str]) -> list[int]:
        if not annotators:
            return []
        names = list(annotators)
        return [
            r[0]
            for r in self._exec(
                """SELECT s.article_id FROM article_status s
                    JOIN annotators a ON a.id = s.annotator_id WHERE a.name = ANY(%s)
                UNION
                SELECT sp.article_id FROM spans sp
                    JOIN annotators a ON a.id = sp.annotator_id WHERE a.name = ANY(%s)
                ORDER BY 1""",
                (names, names),
            )
        ]

    def span_rows(
        self, ids: Sequence[int], annotators: Sequence[str]
    ) -> Iterator[tuple[int, str, str, int, int]]:
        """(article_id, annotator, label, start, end) of these articles, in no set order;
        the lean twin of ``spans_for_articles`` for export (no joins, no ``Span``)."""
        ann_ids: dict[int, str] = {}
        for name in annotators:
            ann_id = self._annotator_id_or_none(name)
            if ann_id is not None:
                ann_ids[ann_id] = name
        if not ids or not ann_ids:
            return
        labels = dict(self._exec("SELECT id, name FROM labels").fetchall())
        wanted: set[int] | None = None
        lo, hi = min(ids), max(ids)
        if hi - lo < 2 * len(ids):
            where, params = "s.article_id BETWEEN %s AND %s", [lo, hi]
            wanted = set(ids)
            if len(wanted) == hi - lo + 1:
                wanted = None
        else:
            where, params = "s.article_id = ANY(%s)", [list(ids)]
        for aid, ann, lab, start, end in self._exec(
            f'SELECT s.article_id, s.annotator_id, s.label_id, s.start, s."end" FROM spans s'
            f" WHERE {where} AND s.annotator_id = ANY(%s)",
            (*params, list(ann_ids)),
        ):
            if wanted is None or aid in wanted:
                yield aid, ann_ids[ann], labels[lab], start, end
