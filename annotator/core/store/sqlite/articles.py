"""The articles part of ``SqliteStore``: reading articles (one, a window, a stream), and
the bulk inserts of an import (articles with their search index, pre-annotated spans)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from annotator.core.errors import (
    NotFoundError,
    ValidationError,
)
from annotator.core.model import (
    Article,
    ArticleIn,
    ArticleRow,
    Status,
    content_hash,
)
from annotator.core.store.interface import SpanInsert
from annotator.core.store.sqlite.rows import (
    BULK,
    StorePart,
    now,
)

_ARTICLE_COLUMNS = "id, ext_id, title, text, source, url, author, published, meta, content_hash"
_INSERT_FIELDS = ("ext_id", "title", "text", "length", "source", "url", "author", "published",
                  "meta")


def _article(row: Sequence[Any]) -> Article:
    return Article(
        id=row[0],
        ext_id=row[1],
        title=row[2],
        text=row[3],
        source=row[4],
        url=row[5],
        author=row[6],
        published=row[7],
        meta=json.loads(row[8]) if row[8] else {},
        content_hash=row[9],
    )


def _unpaired_surrogate(rows: Sequence[Sequence[Any]], exc: UnicodeEncodeError) -> ValidationError:
    """Name the article and field whose text UTF-8 cannot hold (JSON "\\ud800" escapes)."""
    for row in rows:
        for field, value in zip(("id", *_INSERT_FIELDS), row, strict=False):
            if value is exc.object:
                return ValidationError(
                    f"article {row[1]!r}: {field} holds an unpaired surrogate"
                    f" (U+{ord(exc.object[exc.start]):04X}) at character {exc.start};"
                    " not valid Unicode"
                )
    return ValidationError(f"an article holds an unpaired surrogate: {exc.reason}")



class ArticleRows(StorePart):
    # -- articles --------------------------------------------------------------------

    def article_count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def article(self, article_id: int) -> Article:
        row = self.conn.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no article with internal id {article_id}")
        return _article(row)

    def article_by_ext_id(self, ext_id: str) -> Article:
        row = self.conn.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE ext_id = ?", (ext_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no article with id {ext_id!r}")
        return _article(row)

    def article_text(self, article_id: int) -> str:
        row = self.conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
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
        """Ids in corpus order, filtered; ``after``/``limit`` read one page of them (the
        window's list reads a page at a time instead of a million ids at once)."""
        sql, params = self._id_query("a.id", annotator, status, title_contains, assigned_to)
        if after:
            sql.append(("AND" if sql[-1].startswith("WHERE") else "WHERE") + " a.id > ?")
            params.append(after)
        sql.append("ORDER BY a.id")
        if limit is not None:
            sql.append("LIMIT ?")
            params.append(limit)
        return [r[0] for r in self.conn.execute(" ".join(sql), params)]

    def count_article_ids(
        self,
        *,
        annotator: str | None = None,
        status: Status | str | None = None,
        title_contains: str | None = None,
        assigned_to: str | None = None,
    ) -> int:
        """How many ids ``article_ids`` lists with these filters, without reading them."""
        sql, params = self._id_query("COUNT(*)", annotator, status, title_contains, assigned_to)
        return int(self.conn.execute(" ".join(sql), params).fetchone()[0])

    def _id_query(
        self,
        what: str,
        annotator: str | None,
        status: Status | str | None,
        title_contains: str | None,
        assigned_to: str | None,
    ) -> tuple[list[str], list[Any]]:
        """The SELECT of ``what`` over the filtered articles: its parts (the last one the
        WHERE clause, if any) and its parameters."""
        sql = [f"SELECT {what} FROM articles a"]
        params: list[Any] = []
        where: list[str] = []
        if status is not None:
            if annotator is None:
                raise ValidationError("a status filter needs an annotator")
            ann_id = self._annotator_id_or_none(annotator)
            sql.append(
                "LEFT JOIN article_status s ON s.article_id = a.id AND s.annotator_id = ?"
            )
            params.append(ann_id if ann_id is not None else -1)
            where.append("COALESCE(s.status, 'todo') = ?")
            params.append(Status(status).value)
        if title_contains:
            where.append("instr(a.title, ?) > 0")
            params.append(title_contains)
        assignee = self._annotator_id_or_none(assigned_to) if assigned_to else None
        if assignee is not None and self.conn.execute(
            "SELECT 1 FROM assignments WHERE annotator_id = ? LIMIT 1", (assignee,)
        ).fetchone():
            where.append(
                "a.id IN (SELECT article_id FROM assignments WHERE annotator_id = ?)"
            )
            params.append(assignee)
        if where:
            sql.append("WHERE " + " AND ".join(where))
        return sql, params

    def article_rows(self, ids: Sequence[int], annotator: str | None = None) -> list[ArticleRow]:
        """List rows (no text) for a window of ids, in the order given."""
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        ann_id = self._annotator_id_or_none(annotator) if annotator else None
        ann = ann_id if ann_id is not None else -1
        rows = self.conn.execute(
            f"""SELECT a.id, a.ext_id, a.title, COALESCE(s.status, 'todo'),
                (SELECT COUNT(*) FROM spans sp
                 WHERE sp.article_id = a.id AND sp.annotator_id = ?)
            FROM articles a
            LEFT JOIN article_status s ON s.article_id = a.id AND s.annotator_id = ?
            WHERE a.id IN ({marks})""",
            (ann, ann, *ids),
        ).fetchall()
        by_id = {r[0]: ArticleRow(r[0], r[1], r[2], Status(r[3]), r[4]) for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    def iter_articles(
        self, ids: Iterable[int] | None = None, batch: int = 500
    ) -> Iterator[Article]:
        """Stream articles without holding the corpus in memory."""
        if ids is None:
            last = 0
            while True:
                rows = self.conn.execute(
                    f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id > ? ORDER BY id LIMIT ?",
                    (last, batch),
                ).fetchall()
                if not rows:
                    return
                for row in rows:
                    yield _article(row)
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
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks})", ids
        ).fetchall()
        by_id = {r[0]: _article(r) for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    def find_article(self, ext_id: str, text_hash: str) -> tuple[int | None, int | None]:
        """(id with this ext_id, id with this content hash), either may be None."""
        by_ext = self.conn.execute(
            "SELECT id FROM articles WHERE ext_id = ?", (ext_id,)
        ).fetchone()
        by_hash = self.conn.execute(
            "SELECT id FROM articles WHERE content_hash = ? LIMIT 1", (text_hash,)
        ).fetchone()
        return (by_ext[0] if by_ext else None, by_hash[0] if by_hash else None)

    def insert_article(self, art: ArticleIn) -> int:
        """Insert one article (inside the caller's transaction); returns its id.

        Callers decide what a duplicate means; see ``find_article``.
        """
        return self.insert_articles([art])[0]

    def insert_articles(
        self,
        batch: Sequence[ArticleIn],
        hashes: Sequence[str] | None = None,
        folded: Sequence[str] | None = None,
    ) -> list[int]:
        """Insert many articles with one executemany (import); returns their new ids.

        Runs inside the caller's transaction; ids are assigned here (one past the largest),
        so they are known without a round trip per row. ``hashes`` may pass the content
        hashes the caller already computed, ``folded`` the search index's words of each
        text (``index_columns(text)[0]``). Callers decide what a duplicate means.
        ``ArticleIn.spans`` are not stored here: the caller checks them against the text it
        read (the importers do) and stores them with ``insert_spans``.
        """
        if not batch:
            return []
        digests = hashes if hashes is not None else [content_hash(a.text) for a in batch]

        def insert() -> list[int]:
            first = self.conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM articles").fetchone()[0]
            ids = list(range(first, first + len(batch)))
            stamp = now()
            rows = [
                (
                    aid,
                    art.ext_id,
                    art.title,
                    art.text,
                    len(art.text),
                    art.source,
                    art.url,
                    art.author,
                    art.published,
                    json.dumps(art.meta, ensure_ascii=False),
                    digest,
                    stamp,
                )
                for aid, art, digest in zip(ids, batch, digests, strict=True)
            ]
            try:
                self.conn.executemany(
                    "INSERT INTO articles (id, ext_id, title, text, length, source, url, author,"
                    " published, meta, content_hash, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
            except UnicodeEncodeError as exc:
                raise _unpaired_surrogate(rows, exc) from None
            if folded is None:
                self._index_for_search(zip(ids, (art.text for art in batch), strict=True))
            else:
                self._index_folded(zip(ids, folded, strict=True))
            return ids

        return self._write(f"saving to {self.path.name}", insert)

    def existing_articles(
        self, ext_ids: Iterable[str], hashes: Iterable[str]
    ) -> tuple[dict[str, str], dict[str, str]]:
        """For an import batch: ({ext_id: content hash}, {content hash: ext_id}) already stored.

        Only the given ids and hashes are looked up, so memory stays bounded by the batch.
        """
        by_ext: dict[str, str] = {}
        by_hash: dict[str, str] = {}
        ext_list, hash_list = list(ext_ids), list(hashes)
        for i in range(0, len(ext_list), BULK):
            chunk = ext_list[i : i + BULK]
            by_ext.update(
                self.conn.execute(
                    "SELECT ext_id, content_hash FROM articles"
                    f" WHERE ext_id IN ({','.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
            )
        for i in range(0, len(hash_list), BULK):
            chunk = hash_list[i : i + BULK]
            for digest, ext_id in self.conn.execute(
                "SELECT content_hash, MIN(ext_id) FROM articles"
                f" WHERE content_hash IN ({','.join('?' * len(chunk))}) GROUP BY content_hash",
                chunk,
            ):
                by_hash[digest] = ext_id
        return by_ext, by_hash

    def insert_spans(
        self, rows: Iterable[SpanInsert]
    ) -> int:
        """Bulk insert (article_id, annotator, label, start, end, origin) inside a transaction.

        Labels must exist; a new annotator name is added. Identical spans are stored once.
        Returns how many new span rows were written (the cursor's count, so an annotator
        added on the way is not counted).
        """
        stamp = now()
        ann_ids: dict[str, int] = {}
        label_ids: dict[str, int] = {}

        def params() -> Iterator[tuple[Any, ...]]:
            for aid, ann, lab, s, e, origin in rows:
                ann_id = ann_ids.get(ann)
                if ann_id is None:
                    ann_id = ann_ids[ann] = self.annotator_id(ann)
                label_id = label_ids.get(lab)
                if label_id is None:
                    label_id = label_ids[lab] = self.label_id(lab)
                yield aid, ann_id, label_id, s, e, origin, stamp, stamp

        cur = self.conn.executemany(
            'INSERT OR IGNORE INTO spans (article_id, annotator_id, label_id, start, "end",'
            " origin, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            params(),
        )
        return max(cur.rowcount, 0)

