"""The articles part of ``PostgresStore``: reading articles (one, a window, a stream), and
the bulk inserts of an import, which go to the server with ``COPY`` (articles and their
search index rows), the fastest way PostgreSQL takes rows in."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.model import Article, ArticleIn, ArticleRow, Status, content_hash
from annotator.core.store.interface import SpanInsert
from annotator.core.store.postgres.rows import (
    ARTICLE_COLUMNS,
    PgPart,
    article_row,
    now,
    nul_problem,
)

_COPY_ARTICLES = (
    "COPY articles (id, ext_id, title, text, length, source, url, author, published, meta,"
    " content_hash, created_at) FROM STDIN"
)
_TEXT_FIELDS = ("ext_id", "title", "text", "source", "url", "author", "published")


def _check_storable(art: ArticleIn, meta: str) -> None:
    """Refuse what the server cannot hold, naming the article and the field."""
    for field in _TEXT_FIELDS:
        value = getattr(art, field)
        if value is None:
            continue
        problem = nul_problem(f"article {art.ext_id!r}", field, value)
        if problem:
            raise problem
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValidationError(
                f"article {art.ext_id!r}: {field} holds an unpaired surrogate"
                f" (U+{ord(value[exc.start]):04X}) at character {exc.start}; not valid Unicode"
            ) from None
    problem = nul_problem(f"article {art.ext_id!r}", "meta", meta.replace("\\u0000", "\x00"))
    if problem:
        raise problem


class ArticleRows(PgPart):
    def article_count(self) -> int:
        return int(self._one("SELECT COUNT(*) FROM articles"))

    def article(self, article_id: int) -> Article:
        row = self._exec(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = %s", (article_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no article with internal id {article_id}")
        return article_row(row)

    def article_by_ext_id(self, ext_id: str) -> Article:
        row = self._exec(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE ext_id = %s", (ext_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no article with id {ext_id!r}")
        return article_row(row)

    def article_text(self, article_id: int) -> str:
        row = self._exec("SELECT text FROM articles WHERE id = %s", (article_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no article with internal id {article_id}")
        return row[0]

    def article_ids(
        self,
        *,
        annotator: str | None = None,
        status: Status | str | None = None,
        title_contains: str | None = None,
        assigned_to: str | None = None,
        after: int = 0,
        limit: int | None = None,
    ) -> list[int]:
        query = self._id_query("a.id", annotator, status, title_contains, assigned_to)
        if query is None:
            return []
        sql, params = query
        if after:
            sql.append(("AND" if sql[-1].startswith("WHERE") else "WHERE") + " a.id > %s")
            params.append(after)
        sql.append("ORDER BY a.id")
        if limit is not None:
            sql.append("LIMIT %s")
            params.append(limit)
        return [r[0] for r in self._exec(" ".join(sql), params)]

    def count_article_ids(
        self,
        *,
        annotator: str | None = None,
        status: Status | str | None = None,
        title_contains: str | None = None,
        assigned_to: str | None = None,
    ) -> int:
        query = self._id_query("COUNT(*)", annotator, status, title_contains, assigned_to)
        if query is None:
            return 0
        sql, params = query
        return int(self._exec(" ".join(sql), params).fetchone()[0])

    def _id_query(
        self,
        what: str,
        annotator: str | None,
        status: Status | str | None,
        title_contains: str | None,
        assigned_to: str | None,
    ) -> tuple[list[str], list[Any]] | None:
        """The SELECT of ``what`` over the filtered articles (the last part the WHERE
        clause, if any) and its parameters; None when no article can pass."""
        sql = [f"SELECT {what} FROM articles a"]
        params: list[Any] = []
        where: list[str] = []
        if status is not None:
            if annotator is None:
                raise ValidationError("a status filter needs an annotator")
            ann_id = self._annotator_id_or_none(annotator)
            sql.append("LEFT JOIN article_status s ON s.article_id = a.id AND s.annotator_id = %s")
            params.append(ann_id if ann_id is not None else -1)
            where.append("COALESCE(s.status, 'todo') = %s")
            params.append(Status(status).value)
        if title_contains:
            if "\x00" in title_contains:
                return None  # no stored title holds one
            where.append("strpos(a.title, %s) > 0")
            params.append(title_contains)
        assignee = self._annotator_id_or_none(assigned_to) if assigned_to else None
        if (
            assignee is not None
            and self._exec(
                "SELECT 1 FROM assignments WHERE annotator_id = %s LIMIT 1", (assignee,)
            ).fetchone()
        ):
            where.append("a.id IN (SELECT article_id FROM assignments WHERE annotator_id = %s)")
            params.append(assignee)
        if where:
            sql.append("WHERE " + " AND ".join(where))
        return sql, params

    def article_rows(self, ids: Sequence[int], annotator: str | None = None) -> list[ArticleRow]:
        if not ids:
            return []
        ann_id = self._annotator_id_or_none(annotator) if annotator else None
        ann = ann_id if ann_id is not None else -1
        rows = self._exec(
            """SELECT a.id, a.ext_id, a.title, COALESCE(s.status, 'todo'),
                (SELECT COUNT(*) FROM spans sp
                 WHERE sp.article_id = a.id AND sp.annotator_id = %s)
            FROM articles a
            LEFT JOIN article_status s ON s.article_id = a.id AND s.annotator_id = %s
            WHERE a.id = ANY(%s)""",
            (ann, ann, list(ids)),
        ).fetchall()
        by_id = {r[0]: ArticleRow(r[0], r[1], r[2], Status(r[3]), r[4]) for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    def iter_articles(
        self, ids: Iterable[int] | None = None, batch: int = 500
    ) -> Iterator[Article]:
        if ids is None:
            last = 0
            while True:
                rows = self._exec(
                    f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id > %s ORDER BY id LIMIT %s",
                    (last, batch),
                ).fetchall()
                if not rows:
                    return
                for row in rows:
                    yield article_row(row)
                last = rows[-1][0]
        else:
            chunk: list[int] = []
            for i in ids:
                chunk.append(i)
                if len(chunk) == batch:
                    yield from self._articles_by_ids(chunk)
                    chunk = []
            if chunk:
                yield from self._articles_by_ids(chunk)

    def _articles_by_ids(self, ids: list[int]) -> list[Article]:
        rows = self._exec(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ANY(%s)", (ids,)
        ).fetchall()
        by_id = {r[0]: article_row(r) for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    def find_article(self, ext_id: str, text_hash: str) -> tuple[int | None, int | None]:
        by_ext = self._one("SELECT id FROM articles WHERE ext_id = %s", (ext_id,))
        by_hash = self._one(
            "SELECT id FROM articles WHERE content_hash = %s ORDER BY id LIMIT 1", (text_hash,)
        )
        return by_ext, by_hash

    def insert_article(self, art: ArticleIn) -> int:
        return self.insert_articles([art])[0]

    def insert_articles(
        self,
        batch: Sequence[ArticleIn],
        hashes: Sequence[str] | None = None,
        folded: Sequence[str] | None = None,
    ) -> list[int]:
        """Insert many articles and their search index rows with ``COPY`` (import).

        Ids come from the table's identity sequence, taken in one statement before the
        rows are sent, so they are known without a round trip per row. Runs inside the
        caller's transaction; callers decide what a duplicate means. ``hashes`` and
        ``folded`` (``index_columns(text)[0]`` of each) may pass what the caller computed.
        """
        if not batch:
            return []
        digests = hashes if hashes is not None else [content_hash(a.text) for a in batch]
        metas = [json.dumps(art.meta, ensure_ascii=False) for art in batch]
        for art, meta in zip(batch, metas, strict=True):
            _check_storable(art, meta)

        def insert() -> list[int]:
            ids = [
                r[0]
                for r in self.conn.execute(
                    "SELECT nextval(pg_get_serial_sequence('articles', 'id'))"
                    " FROM generate_series(1, %s)",
                    (len(batch),),
                )
            ]
            stamp = now()
            with self.conn.cursor() as cur, cur.copy(_COPY_ARTICLES) as copy:
                for aid, art, meta, digest in zip(ids, batch, metas, digests, strict=True):
                    copy.write_row(
                        (aid, art.ext_id, art.title, art.text, len(art.text), art.source,
                         art.url, art.author, art.published, meta, digest, stamp)
                    )  # fmt: skip
            if folded is None:
                self._index_for_search(zip(ids, (art.text for art in batch), strict=True))
            else:
                self._index_folded(zip(ids, folded, strict=True))
            self._bulk_rows += len(ids)
            return ids

        return self._write(f"saving to {self.location}", insert)

    def existing_articles(
        self, ext_ids: Iterable[str], hashes: Iterable[str]
    ) -> tuple[dict[str, str], dict[str, str]]:
        ext_list = [e for e in ext_ids if "\x00" not in e]
        hash_list = list(hashes)
        by_ext: dict[str, str] = dict(
            self._exec(
                "SELECT ext_id, content_hash FROM articles WHERE ext_id = ANY(%s)", (ext_list,)
            ).fetchall()
        )
        by_hash: dict[str, str] = dict(
            self._exec(
                "SELECT content_hash, MIN(ext_id) FROM articles WHERE content_hash = ANY(%s)"
                " GROUP BY content_hash",
                (hash_list,),
            ).fetchall()
        )
        return by_ext, by_hash

    def insert_spans(self, rows: Iterable[SpanInsert]) -> int:
        """Bulk insert (article_id, annotator, label, start, end, origin) inside a
        transaction; identical spans are stored once. Returns how many were new."""
        stamp = now()
        ann_ids: dict[str, int] = {}
        label_ids: dict[str, int] = {}
        params: list[tuple[Any, ...]] = []
        for aid, ann, lab, s, e, origin in rows:
            ann_id = ann_ids.get(ann)
            if ann_id is None:
                ann_id = ann_ids[ann] = self.annotator_id(ann)
            label_id = label_ids.get(lab)
            if label_id is None:
                label_id = label_ids[lab] = self.label_id(lab)
            params.append((aid, ann_id, label_id, s, e, origin, stamp, stamp))
        if not params:
            return 0

        def insert() -> int:
            added = self.conn.execute(
                'INSERT INTO spans (article_id, annotator_id, label_id, start, "end", origin,'
                " created_at, updated_at)"
                " SELECT * FROM unnest(%s::bigint[], %s::bigint[], %s::bigint[], %s::int[],"
                " %s::int[], %s::text[], %s::text[], %s::text[])"
                " ON CONFLICT DO NOTHING",
                [list(col) for col in zip(*params, strict=True)],
            )
            self._bulk_rows += max(added.rowcount, 0)
            return max(added.rowcount, 0)

        return self._write("spans", insert)
