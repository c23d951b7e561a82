"""The project store: the one narrow interface through which everything reads and writes.

The GUI, the CLI and every core service (import, export, agreement, merge) go through
``Store``; none of them writes SQL against the file. A shared team server (PostgreSQL) can
later implement the same methods as a second backend.

Writes that a person makes (a tag, a relabel, a status) each run in their own transaction
and return only after COMMIT, so anything the screen shows is already on disk. Bulk work
(import, merge) runs inside ``Store.transaction()`` so that it lands whole or not at all.

This module holds the core of ``Store`` (opening, transactions, settings, annotators,
labels, articles, spans, statuses); ``store_team.py`` adds the bulk reads and reviews of
several annotators, ``store_search.py`` the full-text index, ``store_rows.py`` what they
share.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils

from annotator.core import project_file
from annotator.core.errors import (
    ConflictError,
    NotFoundError,
    ValidationError,
    WriteFailedError,
)
from annotator.core.labels import label_color
from annotator.core.model import (
    Article,
    ArticleIn,
    ArticleRow,
    ArticleStatus,
    Label,
    Span,
    Status,
    check_span,
    content_hash,
    kind_for_name,
)
from annotator.core.store_rows import BULK, SPAN_SELECT, T, now, span_row
from annotator.core.store_search import SearchIndex
from annotator.core.store_team import TeamReads

WRITE_RETRY_SECONDS = 5.0

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


def _label(row: Sequence[Any]) -> Label:
    return Label(*row)


def _write_error(exc: sqlite3.Error, what: str) -> WriteFailedError:
    msg = str(exc)
    if "locked" in msg or "busy" in msg:
        return WriteFailedError(f"{what}: the project is busy in another program; not saved")
    if "full" in msg:
        return WriteFailedError(f"{what}: the disk is full; not saved")
    if "readonly" in msg or "read-only" in msg:
        return WriteFailedError(f"{what}: the project file is read-only; not saved")
    return WriteFailedError(f"{what}: {msg}; not saved")


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


class Store(TeamReads, SearchIndex):
    """An open project file."""

    def __init__(self, conn: sqlite3.Connection, path: Path, backup: Path | None = None):
        self.conn = conn
        self.path = path
        self.db = sqlite_utils.Database(conn)
        #: Where the pre-migration copy went, if opening migrated the file.
        self.migration_backup = backup
        self._annotator_ids: dict[str, int] = {}
        self._label_ids: dict[str, int] = {}
        self._tx_depth = 0

    # -- opening ---------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False) -> Store:
        path = Path(path)
        conn, backup = project_file.open_project(path, readonly=readonly)
        return cls(conn, path, backup)

    @classmethod
    def create(cls, path: str | Path, labels: Iterable[dict[str, Any]] = ()) -> Store:
        path = Path(path)
        store = cls(project_file.create_project(path), path)
        with store.transaction():
            for i, spec in enumerate(labels):
                store.add_label(**{"sort_order": i, **spec})
        return store

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ----------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside land together or not at all; nests (inner levels join)."""
        if self._tx_depth:
            self._tx_depth += 1
            try:
                yield
            finally:
                self._tx_depth -= 1
            return
        self._begin()
        self._tx_depth = 1
        try:
            yield
        except BaseException as exc:
            self._tx_depth = 0
            # SQLite rolls back by itself on some errors (disk full, I/O error).
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            self._forget_caches()
            if isinstance(exc, sqlite3.OperationalError):  # bulk writes (import, merge)
                raise _write_error(exc, f"saving to {self.path.name}") from None
            raise
        self._tx_depth = 0
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            self._forget_caches()
            raise _write_error(exc, "commit") from None

    def _begin(self) -> None:
        deadline = time.monotonic() + WRITE_RETRY_SECONDS
        while True:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if ("locked" not in str(exc) and "busy" not in str(exc)) or (
                    time.monotonic() > deadline
                ):
                    raise _write_error(exc, "write") from None
                time.sleep(0.05)

    def _write(self, what: str, fn: Callable[[], T]) -> T:
        """Run ``fn`` in its own committed transaction (or join the open one)."""
        try:
            with self.transaction():
                try:
                    return fn()
                except sqlite3.OperationalError as exc:
                    raise _write_error(exc, what) from None
        except sqlite3.IntegrityError as exc:
            raise ValidationError(f"{what}: {exc}") from None
        except sqlite3.OperationalError as exc:
            raise _write_error(exc, what) from None
        except UnicodeEncodeError as exc:  # a lone surrogate, e.g. from a JSON "\ud800"
            raise ValidationError(
                f"{what}: text holds an unpaired surrogate"
                f" (U+{ord(exc.object[exc.start]):04X}) at character {exc.start};"
                " not valid Unicode"
            ) from None

    def _forget_caches(self) -> None:
        self._annotator_ids.clear()
        self._label_ids.clear()

    # -- settings --------------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        self._write(
            "setting",
            lambda: self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            ),
        )

    # -- annotators ------------------------------------------------------------------

    def annotator_id(self, name: str, *, create: bool = True) -> int:
        if name in self._annotator_ids:
            return self._annotator_ids[name]
        row = self.conn.execute("SELECT id FROM annotators WHERE name = ?", (name,)).fetchone()
        if row is None:
            if not create:
                raise NotFoundError(f"no annotator named {name!r}")
            if not name.strip():
                raise ValidationError("annotator name is empty")

            def insert() -> tuple[int]:
                # Another window may have added the same name since the SELECT above.
                self.conn.execute(
                    "INSERT INTO annotators (name, kind, created_at) VALUES (?, ?, ?)"
                    " ON CONFLICT (name) DO NOTHING",
                    (name, kind_for_name(name).value, now()),
                )
                return self.conn.execute(
                    "SELECT id FROM annotators WHERE name = ?", (name,)
                ).fetchone()

            row = self._write("annotator", insert)
        self._annotator_ids[name] = row[0]
        return row[0]

    def annotators(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM annotators ORDER BY id")]

    def annotator_kinds(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT name, kind FROM annotators ORDER BY id"))

    # -- labels ----------------------------------------------------------------------

    def labels(self) -> list[Label]:
        rows = self.conn.execute(
            "SELECT id, name, display_name, color, shortcut, guideline, sort_order"
            " FROM labels ORDER BY sort_order, id"
        )
        return [_label(r) for r in rows]

    def label(self, name: str) -> Label:
        row = self.conn.execute(
            "SELECT id, name, display_name, color, shortcut, guideline, sort_order"
            " FROM labels WHERE name = ?",
            (name,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no label named {name!r}")
        return _label(row)

    def label_id(self, name: str) -> int:
        if name not in self._label_ids:
            self._label_ids[name] = self.label(name).id
        return self._label_ids[name]

    def _current_label_id(self, name: str) -> int:
        """``label_id`` checked against the file: another window may have renamed or
        removed the label since it was remembered (a user's tag, not bulk work)."""
        label_id = self.label_id(name)
        row = self.conn.execute("SELECT name FROM labels WHERE id = ?", (label_id,)).fetchone()
        if row is None or row[0] != name:
            self._label_ids.clear()
            label_id = self.label_id(name)
        return label_id

    def add_label(
        self,
        name: str,
        display_name: str = "",
        color: str | None = None,
        shortcut: str | None = None,
        guideline: str = "",
        sort_order: int | None = None,
    ) -> Label:
        if not isinstance(name, str) or not name.strip():
            raise ValidationError("label name is empty")
        if shortcut is not None and len(shortcut) != 1:
            raise ValidationError(f"label {name!r}: shortcut must be one key, got {shortcut!r}")

        def insert() -> Label:
            if self.conn.execute("SELECT 1 FROM labels WHERE name = ?", (name,)).fetchone():
                raise ConflictError(f"label {name!r} already exists")
            if shortcut is not None and self.conn.execute(
                "SELECT 1 FROM labels WHERE shortcut = ?", (shortcut,)
            ).fetchone():
                raise ConflictError(f"label {name!r}: key {shortcut!r} is already used")
            order = sort_order
            if order is None:
                order = self.conn.execute(
                    "SELECT COALESCE(MAX(sort_order) + 1, 0) FROM labels"
                ).fetchone()[0]
            self.conn.execute(
                "INSERT INTO labels (name, display_name, color, shortcut, guideline, sort_order)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (name, display_name, color or label_color(name), shortcut, guideline, order),
            )
            return self.label(name)

        return self._write(f"label {name!r}", insert)

    def update_label(self, name: str, /, **fields: Any) -> Label:
        """Change a label; ``name=`` in ``fields`` renames it (hence ``name`` is positional)."""
        allowed = {"name", "display_name", "color", "shortcut", "guideline", "sort_order"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValidationError(f"unknown label field(s): {', '.join(sorted(unknown))}")
        if "name" in fields and not str(fields["name"]).strip():
            raise ValidationError("label name is empty")
        if fields.get("shortcut") is not None and len(fields["shortcut"]) != 1:
            raise ValidationError(f"shortcut must be one key, got {fields['shortcut']!r}")
        label_id = self.label_id(name)
        if not fields:
            return self.label(name)
        sets = ", ".join(f"{k} = ?" for k in fields)

        def update() -> Label:
            try:
                self.conn.execute(
                    f"UPDATE labels SET {sets} WHERE id = ?", (*fields.values(), label_id)
                )
            except sqlite3.IntegrityError as exc:
                raise ConflictError(f"label {name!r}: {exc}") from None
            self._label_ids.clear()
            return self.label(fields.get("name", name))

        return self._write(f"label {name!r}", update)

    def label_usage(self, name: str) -> int:
        return self.conn.execute(
            "SELECT COUNT(*) FROM spans WHERE label_id = ?", (self.label_id(name),)
        ).fetchone()[0]

    def remove_label(self, name: str, *, force: bool = False) -> int:
        """Remove a label; returns how many spans went with it (only with ``force``)."""
        label_id = self.label_id(name)
        used = self.label_usage(name)
        if used and not force:
            raise ConflictError(f"label {name!r} is used by {used} span(s); use --force")

        def delete() -> int:
            self.conn.execute("DELETE FROM spans WHERE label_id = ?", (label_id,))
            self.conn.execute("DELETE FROM labels WHERE id = ?", (label_id,))
            self._label_ids.pop(name, None)
            return used

        return self._write(f"label {name!r}", delete)

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
    ) -> list[int]:
        """Ids in corpus order, filtered; cheap enough to hold for 100,000 articles."""
        sql = ["SELECT a.id FROM articles a"]
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
        if where:
            sql.append("WHERE " + " AND ".join(where))
        sql.append("ORDER BY a.id")
        return [r[0] for r in self.conn.execute(" ".join(sql), params)]

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
        self, batch: Sequence[ArticleIn], hashes: Sequence[str] | None = None
    ) -> list[int]:
        """Insert many articles with one executemany (import); returns their new ids.

        Runs inside the caller's transaction; ids are assigned here (one past the largest),
        so they are known without a round trip per row. ``hashes`` may pass the content
        hashes the caller already computed. Callers decide what a duplicate means.
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
            self._index_for_search(zip(ids, (art.text for art in batch), strict=True))
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
        self, rows: Iterable[tuple[int, str, str, int, int, str | None]]
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

    # -- spans -----------------------------------------------------------------------

    def spans(self, article_id: int, annotators: Sequence[str] | None = None) -> list[Span]:
        """An article's spans ordered by start, then end, then label."""
        sql = SPAN_SELECT + " WHERE s.article_id = ?"
        params: list[Any] = [article_id]
        if annotators is not None:
            if not annotators:
                return []
            sql += f" AND a.name IN ({','.join('?' * len(annotators))})"
            params.extend(annotators)
        sql += ' ORDER BY s.start, s."end", l.name, a.name'
        return [span_row(r) for r in self.conn.execute(sql, params)]

    def span(self, span_id: int) -> Span:
        row = self.conn.execute(SPAN_SELECT + " WHERE s.id = ?", (span_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no span with id {span_id}")
        return span_row(row)

    def _article_length(self, article_id: int) -> int:
        row = self.conn.execute(
            "SELECT length FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no article with internal id {article_id}")
        return row[0]

    def add_span(
        self,
        article_id: int,
        annotator: str,
        label: str,
        start: int,
        end: int,
        *,
        origin: str | None = None,
        span_id: int | None = None,
    ) -> Span:
        """Store one span and return it once committed; an identical span is returned as is.

        ``span_id`` re-creates a deleted span under its old id (undo).
        """
        check_span(start, end, self._article_length(article_id))
        label_id = self._current_label_id(label)
        ann_id = self.annotator_id(annotator)

        def insert() -> Span:
            existing = self.conn.execute(
                'SELECT id FROM spans WHERE article_id = ? AND annotator_id = ? AND label_id = ?'
                ' AND start = ? AND "end" = ?',
                (article_id, ann_id, label_id, start, end),
            ).fetchone()
            if existing:
                return self.span(existing[0])
            stamp = now()
            cur = self.conn.execute(
                'INSERT INTO spans (id, article_id, annotator_id, label_id, start, "end",'
                " origin, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (span_id, article_id, ann_id, label_id, start, end, origin, stamp, stamp),
            )
            return self.span(cur.lastrowid)  # type: ignore[arg-type]

        return self._write("tag", insert)

    def delete_span(self, span_id: int) -> Span:
        """Delete a span; returns it as it was, so it can be restored."""
        span = self.span(span_id)
        self._write(
            "delete", lambda: self.conn.execute("DELETE FROM spans WHERE id = ?", (span_id,))
        )
        return span

    def relabel_span(self, span_id: int, label: str) -> Span:
        span = self.span(span_id)
        label_id = self._current_label_id(label)

        def update() -> Span:
            try:
                self.conn.execute(
                    "UPDATE spans SET label_id = ?, updated_at = ? WHERE id = ?",
                    (label_id, now(), span_id),
                )
            except sqlite3.IntegrityError:
                raise ConflictError(
                    f"{span.annotator} already tagged {span.start}-{span.end} as {label!r}"
                ) from None
            return self.span(span_id)

        return self._write("relabel", update)

    def move_span(self, span_id: int, start: int, end: int) -> Span:
        span = self.span(span_id)
        check_span(start, end, self._article_length(span.article_id))

        def update() -> Span:
            try:
                self.conn.execute(
                    'UPDATE spans SET start = ?, "end" = ?, updated_at = ? WHERE id = ?',
                    (start, end, now(), span_id),
                )
            except sqlite3.IntegrityError:
                raise ConflictError(f"the same span already exists at {start}-{end}") from None
            return self.span(span_id)

        return self._write("edit span", update)

    # -- status ----------------------------------------------------------------------

    def status(self, article_id: int, annotator: str) -> ArticleStatus:
        ann_id = self._annotator_id_or_none(annotator)
        row = self.conn.execute(
            "SELECT status, note FROM article_status WHERE article_id = ? AND annotator_id = ?",
            (article_id, ann_id if ann_id is not None else -1),
        ).fetchone()
        return ArticleStatus(Status(row[0]), row[1]) if row else ArticleStatus(Status.TODO, "")

    def set_status(
        self,
        article_id: int,
        annotator: str,
        status: Status | str | None = None,
        note: str | None = None,
    ) -> ArticleStatus:
        self._article_length(article_id)
        try:
            new_status = Status(status) if status is not None else None
        except ValueError:
            raise ValidationError(f"unknown status {status!r}") from None
        ann_id = self.annotator_id(annotator)

        def upsert() -> ArticleStatus:
            current = self.status(article_id, annotator)
            value = new_status or current.status
            text = current.note if note is None else note
            self.conn.execute(
                "INSERT INTO article_status (article_id, annotator_id, status, note, updated_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_id, annotator_id) DO UPDATE SET"
                " status = excluded.status, note = excluded.note,"
                " updated_at = excluded.updated_at",
                (article_id, ann_id, value.value, text, now()),
            )
            return ArticleStatus(value, text)

        return self._write("status", upsert)

    def status_counts(self, annotator: str) -> dict[Status, int]:
        counts = {s: 0 for s in Status}
        ann_id = self._annotator_id_or_none(annotator)
        if ann_id is not None:
            for status, n in self.conn.execute(
                "SELECT status, COUNT(*) FROM article_status WHERE annotator_id = ?"
                " GROUP BY status",
                (ann_id,),
            ):
                counts[Status(status)] = n
        counts[Status.TODO] += self.article_count() - sum(counts.values())
        return counts

    # -- statistics ------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        """Corpus size, each annotator's status counts and spans per label."""
        per_annotator: dict[str, Any] = {}
        for name in self.annotators():
            counts = self.status_counts(name)
            spans = dict(
                self.conn.execute(
                    "SELECT l.name, COUNT(*) FROM spans s JOIN labels l ON l.id = s.label_id"
                    " WHERE s.annotator_id = ? GROUP BY l.name ORDER BY l.name",
                    (self.annotator_id(name),),
                ).fetchall()
            )
            per_annotator[name] = {
                "status": {s.value: n for s, n in counts.items()},
                "spans": sum(spans.values()),
                "spans_per_label": spans,
            }
        per_label = {lab.name: 0 for lab in self.labels()}
        for name, n in self.conn.execute(
            "SELECT l.name, COUNT(*) FROM spans s JOIN labels l ON l.id = s.label_id"
            " GROUP BY l.name"
        ):
            per_label[name] = n
        return {
            "articles": self.article_count(),
            "spans": sum(per_label.values()),
            "labels": len(per_label),
            "spans_per_label": per_label,
            "annotators": per_annotator,
        }

    # -- helpers ---------------------------------------------------------------------

    def _annotator_id_or_none(self, name: str) -> int | None:
        try:
            return self.annotator_id(name, create=False)
        except NotFoundError:
            return None
