"""What is wrong with a server project (``annotator check``): the part of
``PostgresStore`` behind ``problems()``.

The server enforces the offsets, the links between rows and the stored lengths itself
(constraints and a trigger, see schema.py), so on a healthy server these find nothing.
They look anyway, with the file backend's words (``sqlite/health.py``), because an owner
can switch a trigger off (``ALTER TABLE ... DISABLE TRIGGER``) or load rows with
``session_replication_role = replica``, which skips both triggers and foreign keys.
"""

from __future__ import annotations

from annotator.core.store.postgres.rows import PgPart
from annotator.core.store.sqlite.health import span_problem

_SPAN_FACTS = """
SELECT s.id, s.article_id, ar.ext_id, ar.length, s.annotator_id, a.name, s.label_id, l.name,
    s.start, s."end"
FROM spans s
LEFT JOIN articles ar ON ar.id = s.article_id
LEFT JOIN annotators a ON a.id = s.annotator_id
LEFT JOIN labels l ON l.id = s.label_id
WHERE ar.id IS NULL OR a.id IS NULL OR l.id IS NULL
    OR s.start < 0 OR s."end" <= s.start OR s."end" > ar.length
ORDER BY s.id
"""
#: Rows other than spans that point at a row, and the words for them.
_LINKS = (
    ("article_status", "status row(s)", "article_id", "articles", "an article"),
    ("article_status", "status row(s)", "annotator_id", "annotators", "an annotator"),
    ("reviews", "review row(s)", "article_id", "articles", "an article"),
)


class HealthChecks(PgPart):
    def problems(self) -> list[str]:
        """Everything wrong with the project, one line each (without its location)."""
        out = [
            f"the server's check of {table} is switched off ({trigger});"
            f" switch it on with ALTER TABLE {table} ENABLE TRIGGER {trigger}"
            for table, trigger in self._exec(
                "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c"
                " ON c.oid = t.tgrelid WHERE c.relnamespace = current_schema()::regnamespace"
                " AND NOT t.tgisinternal AND t.tgenabled = 'D' ORDER BY 1, 2"
            )
        ]
        out += [line for line in map(span_problem, self._exec(_SPAN_FACTS)) if line is not None]
        for ext_id, length, text in self._exec(
            "SELECT ext_id, length, text FROM articles WHERE length != char_length(text)"
            " ORDER BY id"
        ):
            out.append(
                f"article {ext_id}: its stored length ({length}) is not that of its"
                f" text ({len(text)} characters); spans are checked against it"
            )
        for table, rows, column, parent, what in _LINKS:
            n = self._one(
                f"SELECT COUNT(*) FROM {table} x WHERE NOT EXISTS"
                f" (SELECT 1 FROM {parent} p WHERE p.id = x.{column})"
            )
            if n:
                out.append(f"{n} {rows} point to {what} that is missing")
        return out
