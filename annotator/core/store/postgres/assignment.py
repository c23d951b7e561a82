"""Workload assignment on a server project: static assignments (``annotator assign``) and
"next article" (dynamic, leased while worked on). Part of ``PostgresStore``.

"Next article" is the server functions ``next_article_candidates`` (a read: the first
articles that look open) and ``next_article`` (the write) in team_schema.py. They run as the
project's owner, because counting who else works on an article reads statuses and
assignments that row-level security hides from an annotator, and it locks each candidate
article (``FOR UPDATE SKIP LOCKED``) before counting again, so annotators asking at once
never take an article past K.
"""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.model import Assignment
from annotator.core.store.postgres.rows import PgPart

#: Articles the read part of "next article" proposes; when others have taken them all by
#: the time of the write, the write searches the whole corpus itself.
CANDIDATES = 8
_ASSIGNMENT_SELECT = (
    "SELECT s.article_id, a.name, s.kind, s.assigned_at FROM assignments s"
    " JOIN annotators a ON a.id = s.annotator_id"
)


class AssignmentRows(PgPart):
    def assignments(self, annotator: str | None = None) -> list[Assignment]:
        sql, params = _ASSIGNMENT_SELECT, []
        if annotator is not None:
            sql += " WHERE a.name = %s"
            params.append(annotator)
        rows = self._exec(sql + " ORDER BY s.article_id, s.annotator_id", params)
        return [Assignment(*r) for r in rows]

    def assign_articles(self, pairs: Sequence[tuple[int, str]], *, at: str) -> int:
        ids = {name: self.annotator_id(name) for name in {n for _, n in pairs}}
        if not pairs:
            return 0

        def insert() -> int:
            cur = self.conn.execute(
                "INSERT INTO assignments (article_id, annotator_id, kind, assigned_at)"
                " SELECT article_id, annotator_id, 'static', %s"
                " FROM unnest(%s::bigint[], %s::bigint[]) AS p (article_id, annotator_id)"
                " ON CONFLICT DO NOTHING",
                (at, [a for a, _ in pairs], [ids[n] for _, n in pairs]),
            )
            added = max(cur.rowcount, 0)
            if added:
                self._record("assign", articles=added, at=at)
            return added

        return self._write("assign", insert)

    def unassign_articles(self, annotators: Sequence[str] | None = None) -> int:
        def delete() -> int:
            sql = (
                "DELETE FROM assignments s WHERE s.kind = 'static' AND NOT EXISTS (SELECT 1"
                " FROM article_status st WHERE st.article_id = s.article_id"
                " AND st.annotator_id = s.annotator_id AND st.status = 'done')"
            )
            params: list[object] = []
            if annotators is not None:
                sql += " AND s.annotator_id IN (SELECT id FROM annotators WHERE name = ANY(%s))"
                params.append(list(annotators))
            removed = max(self.conn.execute(sql, params).rowcount, 0)
            if removed:
                self._record("unassign", articles=removed)
            return removed

        return self._write("unassign", delete)

    def next_article(
        self, annotator: str, per_article: int, *, idle_after: str, at: str
    ) -> int | None:
        self.annotator_id(annotator)
        # The search, as a read (it does not hold up others' writes); then, inside the
        # write, each candidate is locked and counted again.
        found = self._exec(
            "SELECT next_article_candidates(%s, %s, %s, %s)",
            (annotator, per_article, idle_after, CANDIDATES),
        ).fetchone()
        candidates = list(found[0]) if found is not None and found[0] else []

        def pick() -> int | None:
            row = self.conn.execute(
                "SELECT next_article(%s, %s, %s, %s, %s::bigint[])",
                (annotator, per_article, idle_after, at, candidates),
            ).fetchone()
            picked = None if row is None or row[0] is None else int(row[0])
            if picked is not None:
                self._record("assign", actor=annotator, article_id=picked, at=at, kind="dynamic")
            return picked

        return self._write("next article", pick)
