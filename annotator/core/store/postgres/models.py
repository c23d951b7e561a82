"""Trained taggers on a server: the part of ``PostgresStore`` behind ``save_model``,
``load_model``, ``model_info``, ``set_model_meta`` and ``delete_annotator_spans``
(the ``models`` table, server schema 4), as sqlite/models.py does it in a file."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.store.postgres.rows import PgPart, now


class ModelRows(PgPart):
    def save_model(self, name: str, blob: bytes, meta: dict[str, Any]) -> None:
        if not name.strip():
            raise ValidationError("a model needs a name")
        text = json.dumps(meta, ensure_ascii=False, sort_keys=True)
        self._write(
            "saving the model",
            lambda: self.conn.execute(
                "INSERT INTO models (name, blob, meta, created_at) VALUES (%s, %s, %s, %s)"
                " ON CONFLICT (name) DO UPDATE SET blob = excluded.blob,"
                " meta = excluded.meta, created_at = excluded.created_at",
                (name, bytes(blob), text, now()),
            ),
        )

    def load_model(self, name: str) -> tuple[bytes, dict[str, Any]]:
        row = self._exec("SELECT blob, meta FROM models WHERE name = %s", (name,)).fetchone()
        if row is None:
            raise NotFoundError(f"no model {name!r} in this project (train one first)")
        return bytes(row[0]), json.loads(row[1])

    def model_info(self, name: str) -> dict[str, Any] | None:
        meta = self._one("SELECT meta FROM models WHERE name = %s", (name,))
        return None if meta is None else dict(json.loads(meta))

    def set_model_meta(self, name: str, meta: dict[str, Any]) -> None:
        text = json.dumps(meta, ensure_ascii=False, sort_keys=True)

        def update() -> None:
            cur = self.conn.execute("UPDATE models SET meta = %s WHERE name = %s", (text, name))
            if cur.rowcount == 0:
                raise NotFoundError(f"no model {name!r} in this project (train one first)")

        self._write("saving the model", update)

    def delete_annotator_spans(self, annotator: str, article_ids: Sequence[int]) -> int:
        aid = self._annotator_id_or_none(annotator)
        if aid is None or not article_ids:
            return 0
        ids = list(article_ids)
        return self._write(
            "removing earlier suggestions",
            lambda: (
                self.conn.execute(
                    "DELETE FROM spans WHERE annotator_id = %s AND article_id = ANY(%s)", (aid, ids)
                ).rowcount
            ),
        )
