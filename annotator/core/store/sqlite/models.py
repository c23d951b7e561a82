"""Trained taggers in a project file: the part of ``SqliteStore`` behind ``save_model``,
``load_model``, ``model_info``, ``set_model_meta`` and ``delete_annotator_spans``
(the ``models`` table, schema 5)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.store.sqlite.rows import StorePart, now

_CHUNK = 500


class ModelRows(StorePart):
    def save_model(self, name: str, blob: bytes, meta: dict[str, Any]) -> None:
        if not name.strip():
            raise ValidationError("a model needs a name")
        text = json.dumps(meta, ensure_ascii=False, sort_keys=True)
        self._write(
            "saving the model",
            lambda: self.conn.execute(
                "INSERT INTO models (name, blob, meta, created_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (name) DO UPDATE SET blob = excluded.blob,"
                " meta = excluded.meta, created_at = excluded.created_at",
                (name, bytes(blob), text, now()),
            ),
        )

    def load_model(self, name: str) -> tuple[bytes, dict[str, Any]]:
        row = self.conn.execute("SELECT blob, meta FROM models WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise NotFoundError(f"no model {name!r} in this project (train one first)")
        return bytes(row[0]), json.loads(row[1])

    def model_info(self, name: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT meta FROM models WHERE name = ?", (name,)).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def set_model_meta(self, name: str, meta: dict[str, Any]) -> None:
        text = json.dumps(meta, ensure_ascii=False, sort_keys=True)

        def update() -> None:
            cur = self.conn.execute("UPDATE models SET meta = ? WHERE name = ?", (text, name))
            if cur.rowcount == 0:
                raise NotFoundError(f"no model {name!r} in this project (train one first)")

        self._write("saving the model", update)

    def delete_annotator_spans(self, annotator: str, article_ids: Sequence[int]) -> int:
        aid = self._annotator_id_or_none(annotator)
        if aid is None or not article_ids:
            return 0

        def delete() -> int:
            count = 0
            ids = list(article_ids)
            for i in range(0, len(ids), _CHUNK):
                part = ids[i : i + _CHUNK]
                marks = ", ".join("?" * len(part))
                cur = self.conn.execute(
                    f"DELETE FROM spans WHERE annotator_id = ? AND article_id IN ({marks})",
                    (aid, *part),
                )
                count += cur.rowcount
            return count

        return self._write("removing earlier suggestions", delete)
