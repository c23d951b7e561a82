"""The store's side of full-text search: the FTS5 index over normalized article text (see
core/assist/search.py for queries), and how an ``IndexQuery`` becomes an FTS5 expression.
Part of ``SqliteStore`` (see backend.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence

from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.store.interface import IndexQuery
from annotator.core.store.sqlite.rows import StorePart
from annotator.core.text.matching import INDEX_VERSION, index_columns


def _fts_string(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


#: A word beginning of at least ``EXPAND_FROM`` characters that stands for at most
#: ``EXPAND_MAX`` of the index's words is asked for as those words; others stay prefix
#: queries. Listing the words costs a few ms each at a million articles (``fts5vocab``
#: counts each word's articles), so a short or broad beginning is not listed.
EXPAND_FROM = 3
EXPAND_MAX = 8


def fts_expression(
    query: IndexQuery, expand: Callable[[str], list[str] | None] | None = None
) -> str:
    """The FTS5 expression for ``query``: each phrase's words in a row (``+``), the last
    one a prefix (``*``), the phrases ORed, in the column of normalized words.

    ``expand(word)`` may give the index's words that begin with a phrase's last word; the
    phrase is then asked for once per word, exactly. The same articles match, but FTS5
    reads an exact word's list only as far as the rows taken, while a prefix makes it
    merge every matching word's whole list first (at a million articles 0.1 ms against
    8-9 ms a prefix). ``None`` (or no word) keeps the prefix.

    Every word is quoted, so quotes, parentheses, AND, NEAR or * typed by a user are plain
    text to FTS5.
    """
    phrases: list[str] = []
    for words in query.phrases:
        head = [*map(_fts_string, words[:-1])]
        lasts = expand(words[-1]) if expand is not None else None
        for last in [_fts_string(t) for t in lasts] if lasts else [_fts_string(words[-1]) + "*"]:
            phrases.append("(" + " + ".join([*head, last]) + ")")
    return f"norm_text : ({' OR '.join(phrases)})"


class SearchIndex(StorePart):
    #: Word beginnings listed since the project last changed (``_beginning``).
    _beginnings: dict[str, list[str]] = {}  # noqa: RUF012 (replaced, never mutated, here)
    _beginnings_stamp: tuple[int, int] | None = None

    def _index_for_search(self, rows: Iterable[tuple[int, str]]) -> None:
        """Index new articles' normalized words (inside the caller's transaction)."""
        self._index_folded((aid, index_columns(text)[0]) for aid, text in rows)

    def _index_folded(self, rows: Iterable[tuple[int, str]]) -> None:
        """Index (article id, ``index_columns(text)[0]``) rows, in the caller's transaction.

        Rows written into an empty index define its format: stamp the current version.
        """
        if self.conn.execute("SELECT 1 FROM articles_fts_docsize LIMIT 1").fetchone() is None:
            self.conn.execute(
                "INSERT INTO settings (key, value) VALUES ('search_index_version', ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(INDEX_VERSION),),
            )
        self.conn.executemany(
            "INSERT INTO articles_fts (rowid, norm_text) VALUES (?, ?)", rows
        )
        # FTS5 buffers its writes until the next savepoint; flush them now, so that they
        # do not land (and count in ``total_changes``) during someone else's statement.
        self.conn.execute("SAVEPOINT search_index")
        self.conn.execute("RELEASE search_index")

    def search_index_state(self) -> tuple[int, int, int, int, str | None]:
        """(articles, largest article id, indexed, largest indexed id, index version)."""
        row = self.conn.execute(
            "SELECT (SELECT COUNT(*) FROM articles), (SELECT COALESCE(MAX(id), 0) FROM articles),"
            " (SELECT COUNT(*) FROM articles_fts_docsize),"
            " (SELECT COALESCE(MAX(id), 0) FROM articles_fts_docsize)"
        ).fetchone()
        return (*row, self.get_setting("search_index_version"))

    def search_index_missing(self) -> list[int]:
        """Ids of articles the search index does not hold yet."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM articles WHERE id NOT IN (SELECT id FROM articles_fts_docsize)"
                " ORDER BY id"
            )
        ]

    def search_index_add(self, article_ids: Sequence[int]) -> None:
        """Index these articles in one committed transaction."""

        def add() -> None:
            self._index_for_search(
                (art.id, art.text) for art in self._articles_by_ids(list(article_ids))
            )

        self._write("search index", add)

    def search_index_reset(self, version: str) -> None:
        """Empty the index (to rebuild it with other normalization rules)."""

        def reset() -> None:
            self.conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')")
            self.conn.execute(
                "INSERT INTO settings (key, value) VALUES ('search_index_version', ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (version,),
            )

        self._write("search index", reset)

    def search_index_match(self, query: IndexQuery, batch: int = 200) -> Iterator[int]:
        """Ids of the articles holding one of the query's phrases, ascending, lazily."""
        expression = fts_expression(query, self._words_beginning)
        self._beginnings = {}  # listed for this search only (see ``_beginning``)
        try:
            cur = self.conn.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid",
                (expression,),
            )
            while rows := cur.fetchmany(batch):
                for row in rows:
                    yield row[0]
        except sqlite3.OperationalError as exc:
            raise ValidationError(f"search: {exc}") from None

    def _words_beginning(self, prefix: str) -> list[str] | None:
        """The index's words that begin with ``prefix``; None when it is shorter than
        ``EXPAND_FROM``, stands for more than ``EXPAND_MAX`` words, or for none (FTS5
        folds the query's case itself, so a prefix this lookup misses is left to it)."""
        if len(prefix) < EXPAND_FROM:
            return None
        words = self._beginning(prefix)
        return words if 0 < len(words) <= EXPAND_MAX else None

    def _beginning(self, prefix: str) -> list[str]:
        """Up to ``EXPAND_MAX + 1`` of the index's words beginning with ``prefix``. A search
        asks twice (which proclitic forms exist, then which words they stand for) and each
        listing costs milliseconds, so the lists are kept from the first question to the
        index query (``search_index_match`` drops them), unless the project changed."""
        stamp = self.change_stamp()
        if self._beginnings_stamp != stamp:
            self._beginnings = {}
            self._beginnings_stamp = stamp
        cache = self._beginnings
        if prefix not in cache:
            self._vocabulary()
            cache[prefix] = [
                r[0]
                for r in self.conn.execute(
                    "SELECT term FROM temp.articles_fts_terms WHERE term >= ? AND term < ?"
                    " LIMIT ?",
                    (prefix, prefix + "\U0010ffff", EXPAND_MAX + 1),
                )
            ]
        return cache[prefix]

    def _vocabulary(self) -> None:
        self.conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.articles_fts_terms"
            " USING fts5vocab(main, articles_fts, row)"
        )

    def search_terms_present(self, terms: Sequence[str], as_prefix: bool = False) -> set[str]:
        """Which of these words the search index holds (as words, or as word beginnings)."""
        self._vocabulary()
        found: set[str] = set()
        for term in terms:
            if as_prefix and len(term) >= EXPAND_FROM:
                row = self._beginning(term) or None
            elif as_prefix:
                row = self.conn.execute(
                    "SELECT 1 FROM temp.articles_fts_terms WHERE term >= ? AND term < ? LIMIT 1",
                    (term, term + "\U0010ffff"),
                ).fetchone()
            else:
                row = self.conn.execute(
                    "SELECT 1 FROM temp.articles_fts_terms WHERE term = ?", (term,)
                ).fetchone()
            if row:
                found.add(term)
        return found

    def span_texts(self, annotator: str) -> list[tuple[str, str, int]]:
        """(covered text, label, how many spans) for every distinct span of an annotator."""
        ann_id = self._annotator_id_or_none(annotator)
        if ann_id is None:
            raise NotFoundError(f"no annotator named {annotator!r}")
        return self.conn.execute(
            'SELECT substr(a.text, s.start + 1, s."end" - s.start) AS t, l.name, COUNT(*)'
            " FROM spans s JOIN articles a ON a.id = s.article_id"
            " JOIN labels l ON l.id = s.label_id WHERE s.annotator_id = ?"
            " GROUP BY t, l.name ORDER BY t, l.name",
            (ann_id,),
        ).fetchall()

