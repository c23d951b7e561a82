"""The history part of ``PostgresStore``: an append-only record of every change, written
in the transaction of the change it describes (see the file backend's history.py for what
is recorded and why). ``detail`` is JSON kept as text, byte for byte what the file holds,
so a copy between backends keeps it exactly."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from annotator.core.model import HistoryEvent
from annotator.core.store.postgres.rows import PgPart, now

#: Gaps longer than this between two changes by one person on one article count as this
#: long when the time spent on the article is added up (the same as for a file).
IDLE_CAP_SECONDS = 300.0


def _event(row: Sequence[Any]) -> HistoryEvent:
    return HistoryEvent(*row[:7], json.loads(row[7]))


class HistoryRows(PgPart):
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
            " VALUES (%s, %s, %s, %s, %s, %s, %s)",
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
        sql = "SELECT id, at, via, actor, action, article_id, span_id, detail FROM history"
        where: list[str] = []
        params: list[Any] = []
        if article_id is not None:
            where.append("article_id = %s")
            params.append(article_id)
        if annotator is not None:
            where.append("actor = %s")
            params.append(annotator)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id"
        if limit is not None:
            sql = f"SELECT * FROM ({sql} DESC LIMIT {int(limit)}) newest ORDER BY id"
        for row in self._exec(sql, params):
            yield _event(row)

    def project_uid(self) -> str:
        return self.get_setting("project_uid") or ""

    def last_merge(self, source_uid: str, source_path: str) -> tuple[str, str] | None:
        """When this project last merged that source, and the newest change it saw there.

        Merge records are few: they are read and matched here rather than by the server's
        JSON functions, which would refuse a detail holding ``\\u0000``.
        """
        for at, detail in self._exec(
            "SELECT at, detail FROM history WHERE action = 'merge' ORDER BY id DESC"
        ):
            info = json.loads(detail)
            if info.get("source_project") == source_uid and info.get("source") == source_path:
                return at, info.get("source_seen") or ""
        return None

    def local_changes(self, article_ids: Sequence[int], since: str) -> set[tuple[int, str]]:
        return {
            (r[0], r[1])
            for r in self._exec(
                "SELECT DISTINCT article_id, actor FROM history WHERE article_id = ANY(%s)"
                " AND action IN ('status', 'note') AND via != 'merge' AND at > %s",
                (list(article_ids), since),
            )
        }

    def time_per_article(self) -> dict[str, dict[int, float]]:
        out: dict[str, dict[int, float]] = {}
        last: tuple[str, int, datetime] | None = None
        for actor, article_id, at in self._exec(
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
