"""The server project's search index: each article's normalized words as a ``tsvector``,
made in Python by the same normalizer that fills the file backend's FTS5 index.

The words (lexemes) are written as they are, with no text search configuration of the
server in between (it would split and fold Arabic by the server's locale), and without
positions: a ``tsvector`` keeps at most 256 positions per word and none past 16,383, so a
phrase search on it could miss a match in a long article. An ``IndexQuery`` phrase becomes
"all of its words" (the last one as a prefix, ``:*``); that finds every article FTS5's
phrase finds and a few more, and the text confirms each hit, so the hits are the same.

An article with more distinct words than a ``tsvector`` holds (1 MB) is stored with
``words`` NULL and is a candidate for every query; a word longer than ``MAX_WORD`` is cut
there and asked for as a prefix.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from annotator.core.errors import NotFoundError
from annotator.core.store.interface import IndexQuery
from annotator.core.store.postgres.rows import PgPart
from annotator.core.text.matching import INDEX_VERSION, index_columns

#: Characters of a word kept in the index (a lexeme is at most 2,047 bytes).
MAX_WORD = 500
#: Bytes of distinct words a ``tsvector`` holds (its limit is 1 MB, with some overhead).
MAX_VECTOR_BYTES = 900_000


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_text(text: str) -> str | None:
    """An article's words as ``tsvector`` input, or None when there are too many."""
    return tsvector_folded(index_columns(text)[0])


def tsvector_folded(folded: str) -> str | None:
    """``tsvector_text`` of the text whose ``index_columns(text)[0]`` is ``folded``."""
    words = {w[:MAX_WORD] for w in folded.split()}
    if sum(len(w.encode("utf-8")) + 3 for w in words) > MAX_VECTOR_BYTES:
        return None
    return " ".join(_lexeme(w) for w in sorted(words))


def _term(word: str, prefix: bool) -> str:
    if len(word) > MAX_WORD:
        word, prefix = word[:MAX_WORD], True
    return _lexeme(word) + (":*" if prefix else "")


def tsquery_text(query: IndexQuery) -> str:
    """``query`` as ``tsquery`` input: each phrase's words ANDed, the last a prefix, the
    phrases ORed."""
    phrases = []
    for words in dict.fromkeys(query.phrases):
        terms = [_term(w, False) for w in words[:-1]] + [_term(words[-1], True)]
        phrases.append("(" + " & ".join(dict.fromkeys(terms)) + ")")
    return " | ".join(phrases)


class SearchIndex(PgPart):
    @contextmanager
    def _through_the_index(self) -> Iterator[None]:
        """Make the planner use the GIN index: the words are stored out of line (TOAST),
        so the table looks small and a sequential scan cheap, while it reads and unpacks
        every article's words (half a second on 20,000 articles, against 4 ms)."""
        self._exec("SET enable_seqscan = off")
        try:
            yield
        finally:
            try:
                self._exec("RESET enable_seqscan")
            except Exception:  # noqa: BLE001 (a lost or failed transaction ends the setting)
                pass

    def _index_for_search(self, rows: Iterable[tuple[int, str]]) -> None:
        """Index new articles' words (inside the caller's transaction), with ``COPY``."""
        self._index_folded((aid, index_columns(text)[0]) for aid, text in rows)

    def _index_folded(self, rows: Iterable[tuple[int, str]]) -> None:
        """Index (article id, ``index_columns(text)[0]``) rows, with ``COPY``.

        Rows written into an empty index define its format: stamp the current version.
        """
        if self.conn.execute("SELECT 1 FROM search_index LIMIT 1").fetchone() is None:
            self.conn.execute(
                "INSERT INTO settings (key, value) VALUES ('search_index_version', %s)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(INDEX_VERSION),),
            )
        with (
            self.conn.cursor() as cur,
            cur.copy("COPY search_index (article_id, words) FROM STDIN") as copy,
        ):
            for aid, folded in rows:
                copy.write_row((aid, tsvector_folded(folded)))

    def search_index_state(self) -> tuple[int, int, int, int, str | None]:
        row = self._exec(
            "SELECT (SELECT COUNT(*) FROM articles), (SELECT COALESCE(MAX(id), 0) FROM articles),"
            " (SELECT COUNT(*) FROM search_index),"
            " (SELECT COALESCE(MAX(article_id), 0) FROM search_index)"
        ).fetchone()
        assert row is not None
        return (*row, self.get_setting("search_index_version"))

    def search_index_missing(self) -> list[int]:
        return [
            r[0]
            for r in self._exec(
                "SELECT a.id FROM articles a WHERE NOT EXISTS"
                " (SELECT 1 FROM search_index s WHERE s.article_id = a.id) ORDER BY a.id"
            )
        ]

    def search_index_add(self, article_ids: Sequence[int]) -> None:
        def add() -> None:
            self._index_for_search(
                (art.id, art.text) for art in self._articles_by_ids(list(article_ids))
            )

        self._write("search index", add)

    def search_index_reset(self, version: str) -> None:
        def reset() -> None:
            self.conn.execute("DELETE FROM search_index")
            self.conn.execute(
                "INSERT INTO settings (key, value) VALUES ('search_index_version', %s)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (version,),
            )

        self._write("search index", reset)

    def search_index_match(self, query: IndexQuery, batch: int = 200) -> Iterator[int]:
        """Ids of the articles holding every word of one of the query's phrases (and those
        too big to index), ascending."""
        with self._through_the_index():
            rows = self._exec(
                "SELECT article_id FROM search_index WHERE words @@ %s::tsquery"
                " UNION SELECT article_id FROM search_index WHERE words IS NULL ORDER BY 1",
                (tsquery_text(query),),
            ).fetchall()
        for row in rows:
            yield row[0]

    def search_terms_present(self, terms: Sequence[str], as_prefix: bool = False) -> set[str]:
        """Which of these words (or word beginnings) some indexed article holds: one
        statement, one index lookup per term."""
        if not terms:
            return set()
        parts = " UNION ALL ".join(
            "SELECT %s::int WHERE EXISTS (SELECT 1 FROM search_index WHERE words @@ %s::tsquery)"
            for _ in terms
        )
        params: list[object] = []
        for i, term in enumerate(terms):
            params += [i, _term(term, as_prefix)]
        with self._through_the_index():
            return {terms[r[0]] for r in self._exec(parts, params).fetchall()}

    def span_texts(self, annotator: str) -> list[tuple[str, str, int]]:
        ann_id = self._annotator_id_or_none(annotator)
        if ann_id is None:
            raise NotFoundError(f"no annotator named {annotator!r}")
        return [
            (r[0], r[1], r[2])
            for r in self._exec(
                'SELECT substr(a.text, s.start + 1, s."end" - s.start) AS t, l.name, COUNT(*)'
                " FROM spans s JOIN articles a ON a.id = s.article_id"
                " JOIN labels l ON l.id = s.label_id WHERE s.annotator_id = %s"
                " GROUP BY t, l.name ORDER BY t, l.name",
                (ann_id,),
            )
        ]
