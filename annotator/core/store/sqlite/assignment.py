"""Workload assignment in a project file: which annotator has which article (static, from
``annotator assign``) and "next article" (dynamic, leased while worked on). Part of
``SqliteStore``; the rules are those of the server's ``next_article`` function
(postgres/schema.py), written here in Python: a file has one writer at a time
(``BEGIN IMMEDIATE``), so no row locks are needed to keep an article under K annotators.

A file has no database users: the team's members and roles exist only on a server.
"""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.errors import ProjectError
from annotator.core.model import Assignment, TeamMember
from annotator.core.store.sqlite.rows import StorePart

_ASSIGNMENT_SELECT = (
    "SELECT s.article_id, a.name, s.kind, s.assigned_at FROM assignments s"
    " JOIN annotators a ON a.id = s.annotator_id"
)
# When an annotator last worked on an article: the lease, their status, their history.
_LAST_ACTIVE = """MAX(s.assigned_at, COALESCE(st.updated_at, ''),
    COALESCE((SELECT MAX(h.at) FROM history h WHERE h.article_id = s.article_id
              AND h.actor = n.name), ''))"""


def _no_team(location: object) -> ProjectError:
    return ProjectError(
        f"{location}: a project file has no database users; team members and roles live"
        " on a server project (see annotator copy)"
    )


class AssignmentRows(StorePart):
    location: str

    def assignments(self, annotator: str | None = None) -> list[Assignment]:
        sql, params = _ASSIGNMENT_SELECT, []
        if annotator is not None:
            sql += " WHERE a.name = ?"
            params.append(annotator)
        rows = self.conn.execute(sql + " ORDER BY s.article_id, s.annotator_id", params)
        return [Assignment(*r) for r in rows]

    def assign_articles(self, pairs: Sequence[tuple[int, str]], *, at: str) -> int:
        ids = {name: self.annotator_id(name) for name in {n for _, n in pairs}}

        def insert() -> int:
            added = 0
            for article_id, name in pairs:
                cur = self.conn.execute(
                    "INSERT INTO assignments (article_id, annotator_id, kind, assigned_at)"
                    " VALUES (?, ?, 'static', ?) ON CONFLICT DO NOTHING",
                    (article_id, ids[name], at),
                )
                added += cur.rowcount
            if added:
                self._record("assign", articles=added, at=at)
            return added

        return self._write("assign", insert)

    def unassign_articles(self, annotators: Sequence[str] | None = None) -> int:
        def delete() -> int:
            sql = (
                "DELETE FROM assignments WHERE kind = 'static' AND NOT EXISTS (SELECT 1"
                " FROM article_status st WHERE st.article_id = assignments.article_id"
                " AND st.annotator_id = assignments.annotator_id AND st.status = 'done')"
            )
            params: list[object] = []
            if annotators is not None:
                sql += (
                    " AND annotator_id IN (SELECT id FROM annotators WHERE name IN"
                    f" ({','.join('?' * len(annotators))}))"
                )
                params.extend(annotators)
            removed = self.conn.execute(sql, params).rowcount
            if removed:
                self._record("unassign", articles=removed)
            return removed

        return self._write("unassign", delete)

    def next_article(
        self, annotator: str, per_article: int, *, idle_after: str, at: str
    ) -> int | None:
        me = self.annotator_id(annotator)

        def pick() -> int | None:
            own = self.conn.execute(
                f"""SELECT s.article_id FROM assignments s
                JOIN annotators n ON n.id = s.annotator_id
                LEFT JOIN article_status st ON st.article_id = s.article_id
                     AND st.annotator_id = s.annotator_id
                WHERE s.annotator_id = ? AND COALESCE(st.status, 'todo') NOT IN
                      ('done', 'skipped')
                  AND (s.kind = 'static' OR {_LAST_ACTIVE} > ?)
                ORDER BY s.article_id LIMIT 1""",
                (me, idle_after),
            ).fetchone()
            if own is not None:
                self._record("assign", actor=annotator, article_id=own[0], at=at, kind="own")
                return int(own[0])
            # Articles K others have done are left out at once (one list, read once), the
            # full count only for the few articles that get past it.
            row = self.conn.execute(
                f"""SELECT a.id FROM articles a
                WHERE a.id NOT IN (SELECT st.article_id FROM article_status st
                                   WHERE st.status = 'done' AND st.annotator_id <> ?
                                   GROUP BY st.article_id HAVING COUNT(*) >= ?)
                  AND NOT EXISTS (SELECT 1 FROM article_status st WHERE st.article_id = a.id
                                  AND st.annotator_id = ? AND st.status IN ('done', 'skipped'))
                  AND (SELECT COUNT(*) FROM (
                      SELECT st.annotator_id FROM article_status st
                      WHERE st.article_id = a.id AND st.status = 'done'
                        AND st.annotator_id <> ?
                      UNION
                      SELECT s.annotator_id FROM assignments s
                      JOIN annotators n ON n.id = s.annotator_id
                      LEFT JOIN article_status st ON st.article_id = s.article_id
                           AND st.annotator_id = s.annotator_id
                      WHERE s.article_id = a.id AND s.annotator_id <> ?
                        AND COALESCE(st.status, 'todo') <> 'skipped'
                        AND (s.kind = 'static' OR st.status = 'done'
                             OR {_LAST_ACTIVE} > ?))) < ?
                ORDER BY a.id LIMIT 1""",
                (me, per_article, me, me, me, idle_after, per_article),
            ).fetchone()
            if row is None:
                return None
            self.conn.execute(
                "INSERT INTO assignments (article_id, annotator_id, kind, assigned_at)"
                " VALUES (?, ?, 'dynamic', ?) ON CONFLICT (article_id, annotator_id)"
                " DO UPDATE SET assigned_at = excluded.assigned_at",
                (row[0], me, at),
            )
            self._record("assign", actor=annotator, article_id=row[0], at=at, kind="dynamic")
            return int(row[0])

        return self._write("next article", pick)

    # -- the team's database users: a server's --------------------------------------

    def team_members(self) -> list[TeamMember]:
        raise _no_team(self.location)

    def add_team_member(
        self, annotator: str, role: str, password: str | None, *, login: str | None = None
    ) -> TeamMember:
        raise _no_team(self.location)

    def remove_team_member(self, annotator: str) -> TeamMember:
        raise _no_team(self.location)
