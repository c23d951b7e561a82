"""The team's database users on a server project, and the rights PostgreSQL enforces for
them (``annotator team add-user``, ``team list``, ``team remove``). Part of
``PostgresStore``.

Each member is a PostgreSQL login role, mapped to the annotator name they work under in
``team_members``, and a member of one of this project's three group roles (named with a
random prefix kept in ``annotator_project.team_prefix``: role names are cluster-wide, and
a copy of the project must not share them). The groups' rights are GRANTs plus row-level
security policies, so blind annotation holds for anyone who connects as that user, with
this program or with ``psql``:

- ``annotator``: reads articles, labels, annotators' names and reviews; reads and writes
  only their own spans and statuses (notes are part of the status row), and only their
  own history and assignments; takes work through ``next_article``.
- ``reviewer``: reads everyone's work; writes their own and the gold layer's spans and
  statuses, reviews, and may add the gold annotator.
- ``lead``: everything in the project's tables (labels, imports, assignment, review) and
  the team's members, through the functions ``team_add_user`` and ``team_remove_user``
  (team_schema.py), which run as the project's owner: a lead needs no right to make roles on
  the whole server.

The first ``add-user`` sets all this up; it must be run by the owner of the project's
tables with the right to create roles (the one who made the project, if they may).
Row-level security is enabled, not forced: the tables' owner keeps seeing every row, which
the owner-run ``next_article`` function relies on.
"""

from __future__ import annotations

import secrets
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from psycopg import sql

from annotator.core.errors import ConflictError, NotFoundError, ValidationError
from annotator.core.model import TEAM_ROLES, TeamMember
from annotator.core.store.postgres.rows import PgPart, server_reason

#: Tables whose rows belong to one annotator: each role's policies (see the docstring).
_OWN_ROWS = ("spans", "article_status")
_NEXT_ARTICLE = (
    "next_article(TEXT, INTEGER, TEXT, TEXT, BIGINT[]),"
    " next_article_candidates(TEXT, INTEGER, TEXT, INTEGER)"
)
_TEAM_ADD = "team_add_user(TEXT, TEXT, TEXT, TEXT)"
_TEAM_REMOVE = "team_remove_user(TEXT)"


def _group(prefix: str, role: str) -> sql.Identifier:
    return sql.Identifier(f"annotator_{prefix}_{role}")


def _grants(schema: str, prefix: str) -> list[sql.Composable]:
    """The three groups' GRANTs on the project's tables, sequences and functions (they may
    run again: granting twice changes nothing)."""
    ann, rev, lead = (_group(prefix, r) for r in TEAM_ROLES)
    everyone = sql.SQL(", ").join([ann, rev, lead])
    s = sql.Identifier(schema)
    return [
        sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(s, everyone),
        sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA {} TO {}").format(s, everyone),
        sql.SQL("GRANT SELECT, USAGE ON ALL SEQUENCES IN SCHEMA {} TO {}").format(s, everyone),
        # each write takes its turn through this row (schema.py)
        sql.SQL("GRANT UPDATE (changes, last_txid) ON annotator_project TO {}").format(everyone),
        sql.SQL("GRANT INSERT, UPDATE, DELETE ON spans, article_status TO {}, {}").format(ann, rev),
        sql.SQL("GRANT INSERT ON history TO {}, {}").format(ann, rev),
        sql.SQL("GRANT INSERT ON annotators TO {}").format(rev),
        sql.SQL("GRANT INSERT, UPDATE, DELETE ON reviews TO {}").format(rev),
        sql.SQL("GRANT ALL ON ALL TABLES IN SCHEMA {} TO {}").format(s, lead),
        sql.SQL("GRANT ALL ON ALL SEQUENCES IN SCHEMA {} TO {}").format(s, lead),
        sql.SQL("GRANT EXECUTE ON FUNCTION {} TO {}").format(sql.SQL(_NEXT_ARTICLE), everyone),
        sql.SQL("GRANT EXECUTE ON FUNCTION {}, {} TO {}").format(
            sql.SQL(_TEAM_ADD), sql.SQL(_TEAM_REMOVE), lead
        ),
    ]


def grant_after_upgrade(conn: psycopg.Connection[Any], schema: str) -> None:
    """After a migration, inside its transaction: give a project's team (if it has one)
    its rights on whatever the migration added. A migration that adds a table holding
    one annotator's rows must also add its row-level security policies."""
    row = conn.execute("SELECT team_prefix FROM annotator_project").fetchone()
    if row is not None and row[0]:
        for statement in _grants(schema, str(row[0])):
            conn.execute(statement)


def _policies(schema: str, prefix: str) -> list[sql.Composable]:
    """GRANTs and row-level security policies for the three groups of a project."""
    ann, rev, lead = (_group(prefix, r) for r in TEAM_ROLES)
    q = _grants(schema, prefix)
    gold = sql.SQL("(SELECT id FROM annotators WHERE kind = 'gold')")
    # In a sub-SELECT, the function runs once per query rather than once per row.
    me = sql.SQL("(SELECT team_annotator())")
    for table in (*_OWN_ROWS, "history", "assignments"):
        t = sql.Identifier(table)
        q.append(sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(t))
        q.append(sql.SQL("CREATE POLICY lead_all ON {} TO {} USING (true)").format(t, lead))
    for table in _OWN_ROWS:
        t = sql.Identifier(table)
        q += [
            sql.SQL("CREATE POLICY annotator_own ON {} TO {} USING (annotator_id = {})").format(
                t, ann, me
            ),
            sql.SQL("CREATE POLICY reviewer_reads ON {} FOR SELECT TO {} USING (true)").format(
                t, rev
            ),
            sql.SQL(
                "CREATE POLICY reviewer_writes ON {} TO {}"
                " USING (annotator_id = {} OR annotator_id IN {})"
            ).format(t, rev, me, gold),
        ]
    mine = sql.SQL(
        "(actor IS NULL OR actor = (SELECT annotator FROM team_members WHERE login = current_user))"
    )
    q += [
        sql.SQL("CREATE POLICY annotator_own ON history TO {} USING {}").format(ann, mine),
        sql.SQL("CREATE POLICY reviewer_all ON history TO {} USING (true)").format(rev),
        sql.SQL(
            "CREATE POLICY annotator_own ON assignments FOR SELECT TO {} USING (annotator_id = {})"
        ).format(ann, me),
        sql.SQL("CREATE POLICY reviewer_reads ON assignments FOR SELECT TO {} USING (true)").format(
            rev
        ),
    ]
    return q


class TeamRoles(PgPart):
    _loc: Any

    def team_members(self) -> list[TeamMember]:
        rows = self._exec(
            "SELECT m.login, m.annotator, m.role, r.rolname IS NOT NULL FROM team_members m"
            " LEFT JOIN pg_roles r ON r.rolname = m.login ORDER BY m.annotator"
        )
        return [TeamMember(*r) for r in rows]

    def _team_prefix(self) -> str:
        """This project's group roles' prefix, making the groups and their rights the first
        time (inside the caller's transaction)."""
        row = self.conn.execute("SELECT team_prefix FROM annotator_project").fetchone()
        if row is not None and row[0]:
            return str(row[0])
        prefix = secrets.token_hex(5)
        for role in TEAM_ROLES:
            self.conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(_group(prefix, role)))
        for statement in _policies(self._loc.schema, prefix):
            self.conn.execute(statement)
        self.conn.execute("UPDATE annotator_project SET team_prefix = %s", (prefix,))
        return prefix

    def add_team_member(
        self, annotator: str, role: str, password: str | None, *, login: str | None = None
    ) -> TeamMember:
        if role not in TEAM_ROLES:
            raise ValidationError(f"unknown role {role!r}; use one of {', '.join(TEAM_ROLES)}")
        user = login or annotator
        if not annotator.strip() or not user.strip():
            raise ValidationError("the user's name is empty")
        if len(user.encode("utf-8")) > 63 or user.startswith("pg_") or "\x00" in user:
            raise ValidationError(
                f"{user!r} cannot be a database user's name (at most 63 bytes, not pg_...)"
            )
        if password is not None and "\x00" in password:
            raise ValidationError("the password holds a NUL character")
        self.annotator_id(annotator)

        def add() -> TeamMember:
            self._team_prefix()
            try:
                with self.transaction():  # a savepoint: the refusal below undoes only this
                    self.conn.execute(
                        "SELECT team_add_user(%s, %s, %s, %s)", (user, annotator, role, password)
                    )
            except pg_errors.UniqueViolation as exc:
                raise ConflictError(server_reason(exc)) from None
            self._record("team_add", actor=annotator, login=user, role=role)
            return TeamMember(user, annotator, role)

        return self._write(f"team member {annotator!r}", add)

    def remove_team_member(self, annotator: str) -> TeamMember:
        def remove() -> TeamMember:
            try:
                with self.transaction():
                    row = self.conn.execute(
                        "SELECT login, role, dropped FROM team_remove_user(%s)", (annotator,)
                    ).fetchone()
            except pg_errors.NoDataFound as exc:
                raise NotFoundError(server_reason(exc)) from None
            assert row is not None
            user, role, dropped = row
            self._record("team_remove", actor=annotator, login=user, role=role)
            return TeamMember(user, annotator, role, can_log_in=not dropped)

        return self._write(f"team member {annotator!r}", remove)
