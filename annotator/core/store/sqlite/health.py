"""What is wrong with a project file: the part of ``SqliteStore`` behind ``annotator check``,
and the words every read uses to refuse a damaged span.

The schema's constraints and triggers keep a span inside its text and pointing at rows that
exist, and ``foreign_keys`` is on in every connection of this program; so these problems
come only from editing the file with another tool (``DELETE FROM labels`` with foreign keys
off, an article's text shortened by hand) or from a failing disk. Reads meet them one span
at a time (``_damaged_span``) and refuse; ``problems()`` looks at the whole file, which
takes a while on a big corpus and so runs only when asked, never on open.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from annotator.core.errors import DamagedProjectError
from annotator.core.store.sqlite import project_file
from annotator.core.store.sqlite.rows import StorePart
from annotator.core.store.sqlite.schema import APPLICATION_ID, CURRENT_VERSION

#: Every span with what a check needs to describe it; a missing row gives NULLs.
_SPAN_FACTS = """
SELECT s.id, s.article_id, ar.ext_id, ar.length, s.annotator_id, a.name, s.label_id, l.name,
    s.start, s."end"
FROM spans s
LEFT JOIN articles ar ON ar.id = s.article_id
LEFT JOIN annotators a ON a.id = s.annotator_id
LEFT JOIN labels l ON l.id = s.label_id
"""
_SPAN_IS_DAMAGED = """
WHERE ar.id IS NULL OR a.id IS NULL OR l.id IS NULL
    OR s.start < 0 OR s."end" <= s.start OR s."end" > ar.length
"""
#: How the foreign key check's table names read in a message.
_ROWS = {"article_status": "status row(s)", "reviews": "review row(s)"}
_PARENT = {"articles": "an article", "annotators": "an annotator", "labels": "a label"}


def span_problem(facts: Sequence[Any]) -> str | None:
    """One line on what is wrong with a span (a row of ``_SPAN_FACTS``), or None."""
    span_id, article_id, ext_id, length, ann_id, ann, label_id, label, start, end = facts
    faults = []
    if ext_id is None:
        faults.append(f"its article (row {article_id}) is missing")
    if ann is None:
        faults.append(f"its annotator (row {ann_id}) is missing")
    if label is None:
        faults.append(f"its label (row {label_id}) is missing")
    if start < 0:
        faults.append("it starts before the text")
    if end <= start:
        faults.append("it does not end after its start")
    if length is not None and end > length:
        faults.append(f"it ends after the text, which has {length} characters")
    if not faults:
        return None
    known = [
        f"{what} {name}"
        for what, name in (("article", ext_id), ("annotator", ann), ("label", label))
        if name is not None
    ]
    about = ", ".join([*known, f"characters {start}-{end}"])
    return f"span {span_id} ({about}): {'; '.join(faults)}"


def schema_versions(path: Path) -> tuple[int, int] | None:
    """(the file's schema version, this program's), read without opening the project.

    Opening refuses a newer file and upgrades an older one; ``annotator check`` only
    reports either. None when the file is not a readable project (opening says why).
    """
    try:
        if not path.is_file():
            return None
        with path.open("rb") as fh:
            if fh.read(len(project_file.SQLITE_HEADER)) != project_file.SQLITE_HEADER:
                return None
        conn = project_file._connect(path, readonly=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return None
    if app_id != APPLICATION_ID:
        return None
    return version, CURRENT_VERSION


class HealthChecks(StorePart):
    def problems(self) -> list[str]:
        """Everything wrong with the project, one line each (without the file's name)."""
        out: list[str] = []
        for what, check in (
            ("the file is damaged", self._integrity_problems),
            ("the spans could not all be read", self._span_problems),
            ("the articles could not all be read", self._length_problems),
            ("the links between rows could not all be read", self._link_problems),
        ):
            try:
                out.extend(check())
            except sqlite3.DatabaseError as exc:  # damage SQLite cannot even walk past
                out.append(f"{what} (SQLite says: {exc})")
        return out

    def _integrity_problems(self) -> list[str]:
        rows = [r[0] for r in self.conn.execute("PRAGMA integrity_check")]
        # A span breaking its CHECK constraints is reported by _span_problems, with its
        # article, annotator and offsets; SQLite's own line says only the table's name.
        rows = [r for r in rows if r not in ("ok", "CHECK constraint failed in spans")]
        if not rows:
            return []
        return [f"the file is damaged (SQLite says: {' '.join(r.split())})" for r in rows]

    def _span_problems(self) -> list[str]:
        rows = self.conn.execute(_SPAN_FACTS + _SPAN_IS_DAMAGED + " ORDER BY s.id")
        return [line for line in map(span_problem, rows) if line is not None]

    def _length_problems(self) -> list[str]:
        """Articles whose stored length is not that of their text.

        SQL's ``length()`` stops at a NUL character, which an article may hold: what it
        flags is counted again in Python before it is reported.
        """
        out = []
        for ext_id, length, text in self.conn.execute(
            "SELECT ext_id, length, text FROM articles WHERE length != length(text)"
        ):
            if len(text) != length:
                out.append(
                    f"article {ext_id}: its stored length ({length}) is not that of its"
                    f" text ({len(text)} characters); spans are checked against it"
                )
        return out

    def _link_problems(self) -> list[str]:
        """Rows other than spans that point at a missing row (spans: ``_span_problems``)."""
        counts = Counter(
            (table, parent)
            for table, _rowid, parent, _fk in self.conn.execute("PRAGMA foreign_key_check")
            if table != "spans"
        )
        return [
            f"{n} {_ROWS.get(table, table + ' row(s)')} point to"
            f" {_PARENT.get(parent, parent)} that is missing"
            for (table, parent), n in sorted(counts.items())
        ]

    # -- refusing a damaged span met by a read -----------------------------------------

    def _damaged_span(self, span_id: int) -> DamagedProjectError:
        """The error a read raises on meeting this span: ``annotator check``'s line."""
        row = self.conn.execute(_SPAN_FACTS + " WHERE s.id = ?", (span_id,)).fetchone()
        line = span_problem(row) if row is not None else None
        if line is None:  # changed by another program since it was read
            line = f"span {span_id} changed while it was read"
        return DamagedProjectError(f"{self.path}: {line}; run annotator check {self.path}")

    def _damaged_span_at(
        self, article_id: int, annotator_id: int, label_id: int, start: int, end: int
    ) -> DamagedProjectError:
        """``_damaged_span`` for a span known by its columns (unique), as export reads it."""
        row = self.conn.execute(
            "SELECT id FROM spans WHERE article_id = ? AND annotator_id = ? AND label_id = ?"
            ' AND start = ? AND "end" = ?',
            (article_id, annotator_id, label_id, start, end),
        ).fetchone()
        return self._damaged_span(row[0] if row else -1)
