"""The history part of ``SqliteStore``: an append-only record of every change.

Each write a person makes (tag, delete, relabel, move, status, note, label edits) adds its
record inside the same transaction as the change, so the record exists exactly when the
change does. Bulk work (an import, a merge, an adjudication) adds one record for the whole
run through ``record_event``, plus one per status or note a merge brings in, because merge
decides with those (``local_changes``): a status changed here since the last merge of the
same source must not be overwritten by that source.

Records are never updated or deleted and carry no foreign keys, so they outlive the span,
label or article they talk about.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from annotator.core.model import HistoryEvent
from annotator.core.store.sqlite.rows import BULK, StorePart, now

#: Gaps longer than this between two changes by one person on one article count as this
#: long when the time spent on the article is added up (they went for coffee).
IDLE_CAP_SECONDS = 300.0


def _event(row: Sequence[Any]) -> HistoryEvent:
    return HistoryEvent(*row[:7], json.loads(row[7]))


class HistoryRows(StorePart):
    #: Where this connection's changes come from: ``app``, ``cli``, ``import``, ``merge``...
    via: str

    def _record(
        self,
        action: str,
        *,
        actor: str | None = None,
        article_id: int | None = None,
        span_id: int | None = None,
        at: str | None = None,
        via: str | None = None,
        **detail: Any,
    ) -> None:
        """Add one record; call inside the transaction of the change it describes."""
        self.conn.execute(
            "INSERT INTO history (at, via, actor, action, article_id, span_id, detail)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                at or now(),
                via or self.via,
                actor,
                action,
                article_id,
                span_id,
                json.dumps(detail, ensure_ascii=False, sort_keys=True),
            ),
        )

    def record_event(
        self,
        action: str,
        *,
        actor: str | None = None,
        article_id: int | None = None,
        via: str | None = None,
        detail: dict[str, Any] | None = None,
    ) -> None:
        """Record a bulk change (import, merge, adjudication); joins the open transaction."""
        self._write(
            "history",
            lambda: self._record(
                action, actor=actor, article_id=article_id, via=via, **(detail or {})
            ),
        )

    def history(
        self,
        article_id: int | None = None,
        annotator: str | None = None,
        *,
        limit: int | None = None,
    ) -> Iterator[HistoryEvent]:
        """Records oldest first, for one article and/or one annotator if given."""
        sql = "SELECT id, at, via, actor, action, article_id, span_id, detail FROM history"
        where, params = [], []
        if article_id is not None:
            where.append("article_id = ?")
            params.append(article_id)
        if annotator is not None:
            where.append("actor = ?")
            params.append(annotator)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id"
        if limit is not None:
            sql = f"SELECT * FROM ({sql} DESC LIMIT {int(limit)}) ORDER BY id"
        for row in self.conn.execute(sql, params):
            yield _event(row)

    def project_uid(self) -> str:
        """This project's identity, made when it was created (copies share it)."""
        return self.get_setting("project_uid") or ""

    def last_merge(self, source_uid: str, source_path: str) -> tuple[str, str] | None:
        """When this project last merged that source, and the newest change it saw there.

        A source is named by its project identity and its path, since copies of one
        project handed to several people share the identity.
        """
        row = self.conn.execute(
            "SELECT at, json_extract(detail, '$.source_seen') FROM history"
            " WHERE action = 'merge' AND json_extract(detail, '$.source_project') = ?"
            " AND json_extract(detail, '$.source') = ? ORDER BY id DESC LIMIT 1",
            (source_uid, source_path),
        ).fetchone()
        return (row[0], row[1] or "") if row else None

    def local_changes(self, article_ids: Sequence[int], since: str) -> set[tuple[int, str]]:
        """(article, annotator) pairs whose status or note changed here after ``since``,
        other than by a merge."""
        found: set[tuple[int, str]] = set()
        ids = list(article_ids)
        for i in range(0, len(ids), BULK):
            chunk = ids[i : i + BULK]
            found.update(
                self.conn.execute(
                    "SELECT DISTINCT article_id, actor FROM history WHERE article_id IN"
                    f" ({','.join('?' * len(chunk))}) AND action IN ('status', 'note')"
                    " AND via != 'merge' AND at > ?",
                    (*chunk, since),
                )
            )
        return found

    def time_per_article(self) -> dict[str, dict[int, float]]:
        """Seconds each annotator spent on each article, from their changes in the app.

        The time between consecutive changes by one person on one article, each gap capped
        at ``IDLE_CAP_SECONDS``; an article with a single change counts zero.
        """
        out: dict[str, dict[int, float]] = {}
        last: tuple[str, int, datetime] | None = None
        for actor, article_id, at in self.conn.execute(
            "SELECT actor, article_id, at FROM history WHERE via = 'app' AND actor IS NOT NULL"
            " AND article_id IS NOT NULL ORDER BY actor, article_id, at, id"
        ):
            stamp = datetime.fromisoformat(at)
            per = out.setdefault(actor, {})
            per.setdefault(article_id, 0.0)
            if last is not None and last[:2] == (actor, article_id):
                gap = (stamp - last[2]).total_seconds()
                per[article_id] += min(max(gap, 0.0), IDLE_CAP_SECONDS)
            last = (actor, article_id, stamp)
        return out
