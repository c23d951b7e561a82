"""The project file's schema and its forward migrations.

A project is a SQLite file whose ``PRAGMA application_id`` is ``APPLICATION_ID`` and whose
``PRAGMA user_version`` is the schema version. ``MIGRATIONS[n]`` takes a version ``n - 1``
file to version ``n``; a new file runs them all. Never edit a released migration: add one.
"""

from __future__ import annotations

APPLICATION_ID = 0x414E4E54  # "ANNT"

_V1 = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    ext_id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    length INTEGER NOT NULL CHECK (length >= 0),
    source TEXT,
    url TEXT,
    author TEXT,
    published TEXT,
    meta TEXT NOT NULL DEFAULT '{}',
    content_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX articles_content_hash ON articles (content_hash);

CREATE TABLE labels (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    display_name TEXT NOT NULL DEFAULT '',
    color TEXT NOT NULL,
    shortcut TEXT UNIQUE,
    guideline TEXT NOT NULL DEFAULT '',
    sort_order INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE annotators (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    kind TEXT NOT NULL DEFAULT 'human'
        CHECK (kind IN ('human', 'import', 'suggest', 'gold')),
    created_at TEXT NOT NULL
);

CREATE TABLE spans (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotators (id),
    label_id INTEGER NOT NULL REFERENCES labels (id),
    start INTEGER NOT NULL CHECK (start >= 0),
    "end" INTEGER NOT NULL CHECK ("end" > start),
    origin TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (article_id, annotator_id, label_id, start, "end")
);
CREATE INDEX spans_article_annotator ON spans (article_id, annotator_id);
CREATE INDEX spans_label ON spans (label_id);

CREATE TRIGGER spans_end_in_text_insert BEFORE INSERT ON spans
WHEN NEW."end" > (SELECT length FROM articles WHERE id = NEW.article_id)
BEGIN SELECT RAISE(ABORT, 'span end beyond article text'); END;

CREATE TRIGGER spans_end_in_text_update BEFORE UPDATE OF start, "end" ON spans
WHEN NEW."end" > (SELECT length FROM articles WHERE id = NEW.article_id)
BEGIN SELECT RAISE(ABORT, 'span end beyond article text'); END;

CREATE TABLE article_status (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotators (id),
    status TEXT NOT NULL DEFAULT 'todo'
        CHECK (status IN ('todo', 'in_progress', 'done', 'skipped')),
    note TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (article_id, annotator_id)
) WITHOUT ROWID;
CREATE INDEX article_status_annotator ON article_status (annotator_id, status);

CREATE TABLE reviews (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'in_review', 'done')),
    reviewer TEXT,
    updated_at TEXT NOT NULL
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
"""

# Search (core/search.py): an FTS5 index over each article's normalized words and their
# proclitic-free forms, rowid = articles.id. Contentless, so the corpus is not stored twice.
# Normalization is Python, so the migration only creates the table; the store fills it for
# new articles and ``search.reindex_missing`` for existing ones. The setting records which
# normalization rules the index was built with.
_V2 = """
CREATE VIRTUAL TABLE articles_fts USING fts5(
    norm_text, norm_rests,
    content = '',
    tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"
);
INSERT INTO settings (key, value) VALUES ('search_index_version', '1')
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
"""

# Index ``n`` holds the statements that take version ``n - 1`` to version ``n``.
MIGRATIONS: dict[int, str] = {
    1: _V1,
    2: _V2,
}

CURRENT_VERSION = max(MIGRATIONS)
