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

# Stable identity and history (docs/reliability.md). Ids of spans, labels and annotators are
# never handed out twice (AUTOINCREMENT), so an undo, a window or a history record that names
# an id always means the row it saw. SQLite cannot add AUTOINCREMENT to a table, so the three
# are rebuilt, row for row (rows that already pointed at missing rows stay as they were, for
# ``annotator check`` to report); this migration runs with foreign keys off
# (``FOREIGN_KEYS_OFF``), as SQLite's procedure for such changes asks. ``history`` is append-only:
# no foreign keys, so a record outlives the row it is about.
_V3 = """
CREATE TABLE labels_v3 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    display_name TEXT NOT NULL DEFAULT '',
    color TEXT NOT NULL,
    shortcut TEXT UNIQUE,
    guideline TEXT NOT NULL DEFAULT '',
    sort_order INTEGER NOT NULL DEFAULT 0
);
INSERT INTO labels_v3 SELECT id, name, display_name, color, shortcut, guideline, sort_order
    FROM labels;
DROP TABLE labels;
ALTER TABLE labels_v3 RENAME TO labels;

CREATE TABLE annotators_v3 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    kind TEXT NOT NULL DEFAULT 'human'
        CHECK (kind IN ('human', 'import', 'suggest', 'gold')),
    created_at TEXT NOT NULL
);
INSERT INTO annotators_v3 SELECT id, name, kind, created_at FROM annotators;
DROP TABLE annotators;
ALTER TABLE annotators_v3 RENAME TO annotators;

CREATE TABLE spans_v3 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO spans_v3 SELECT id, article_id, annotator_id, label_id, start, "end", origin,
    created_at, updated_at FROM spans;
DROP TABLE spans;
ALTER TABLE spans_v3 RENAME TO spans;
CREATE INDEX spans_article_annotator ON spans (article_id, annotator_id);
CREATE INDEX spans_label ON spans (label_id);

CREATE TRIGGER spans_end_in_text_insert BEFORE INSERT ON spans
WHEN NEW."end" > (SELECT length FROM articles WHERE id = NEW.article_id)
BEGIN SELECT RAISE(ABORT, 'span end beyond article text'); END;

CREATE TRIGGER spans_end_in_text_update BEFORE UPDATE OF start, "end" ON spans
WHEN NEW."end" > (SELECT length FROM articles WHERE id = NEW.article_id)
BEGIN SELECT RAISE(ABORT, 'span end beyond article text'); END;

CREATE TABLE history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    via TEXT NOT NULL,
    actor TEXT,
    action TEXT NOT NULL,
    article_id INTEGER,
    span_id INTEGER,
    detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX history_article_actor ON history (article_id, actor);
CREATE INDEX history_actor_at ON history (actor, at);

INSERT INTO settings (key, value) VALUES ('project_uid', lower(hex(randomblob(16))))
    ON CONFLICT (key) DO NOTHING;
"""

# Workload assignment (docs/team-server.md#assign-the-work): which annotator has which
# article. ``static`` rows are handed out by ``annotator assign`` and stay; ``dynamic`` rows
# are taken by "next article" and count only while the annotator works on the article (the
# lease lapses after an idle time, measured from ``assigned_at`` and their history).
_V4 = """
CREATE TABLE assignments (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotators (id),
    kind TEXT NOT NULL CHECK (kind IN ('static', 'dynamic')),
    assigned_at TEXT NOT NULL,
    PRIMARY KEY (article_id, annotator_id)
);
CREATE INDEX assignments_annotator ON assignments (annotator_id, kind);
"""

# Trained taggers (core/tagger/, docs/model.md): each under a name, the model's bytes and
# what it was trained on and how it scored (JSON), replaced as a whole when retrained.
_V5 = """
CREATE TABLE models (
    name TEXT PRIMARY KEY CHECK (length(name) > 0),
    blob BLOB NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL
) WITHOUT ROWID;
"""

# The search index, leaner (issue 18): the text it receives is already folded to words and
# spaces (``index_columns``), so FTS5's ``ascii`` tokenizer, which splits at ASCII
# non-alphanumerics and keeps every other character in a word, sees the same words as
# ``unicode61`` did, without classifying each character against Unicode 6.1 tables (and now
# also keeps a letter newer than Unicode 6.1 inside its word). The unused second column
# goes. Indexing an article costs half as much. A contentless index cannot be re-tokenized
# in place: it is emptied, and the search refills it (``reindex_missing``) on first use.
_V6 = """
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(norm_text, content = '', tokenize = 'ascii');
"""

# Index ``n`` holds the statements that take version ``n - 1`` to version ``n``.
MIGRATIONS: dict[int, str] = {
    1: _V1,
    2: _V2,
    3: _V3,
    4: _V4,
    5: _V5,
    6: _V6,
}

#: Migrations that rebuild a table others refer to, run with foreign keys off (SQLite's
#: procedure for such changes: https://www.sqlite.org/lang_altertable.html#otheralter).
FOREIGN_KEYS_OFF = {3}

CURRENT_VERSION = max(MIGRATIONS)
