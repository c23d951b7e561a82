"""``Store``: every operation the program performs on a project, and nothing else.

This is the contract between the storage backends (``sqlite/``: a project file;
``postgres/``: a project on a PostgreSQL server) and everything above them: the rest of the
core, the CLI and the GUI are written against this class only. Each backend implements each
method with the same meaning, which the storage tests check on every backend;
``tests/core/store/test_interface.py`` checks that each has exactly these methods with these
signatures.

The rules every implementation keeps:

- Offsets are code points of the stored text, end exclusive; ``0 <= start < end <=
  len(text)`` is checked before a write and again by the database itself.
- A single write (tag, relabel, status...) is committed before the method returns, so
  whatever the screen shows is stored. Inside ``transaction()`` writes join the open
  transaction and land together or not at all (import, merge, adjudication batches).
- Expected failures raise ``AnnotatorError`` subclasses (``core/errors.py``) whose message
  is one line for the user; a failed write changes nothing.
- Ids of spans, labels and annotators are never handed out twice, so an id someone holds
  (an undo step, a window's label list, a history record) always means the row they saw.
- Every change a person makes is recorded in the history in the same transaction;
  bulk work (import, merge, adjudication) records itself through ``record_event``.
- Before each write the project is checked to still be the one opened (not renamed,
  moved or deleted meanwhile); if not, ``ProjectMovedError`` and nothing is written.
- Reads return rows in the same order on every backend (text compares by code point), so
  an export of the same project is byte-identical whichever backend holds it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from annotator.core.model import (
    Article,
    ArticleIn,
    ArticleRow,
    ArticleStatus,
    Assignment,
    HistoryEvent,
    Label,
    Span,
    Status,
    TeamMember,
)

#: One pre-annotated or merged span for ``insert_spans``:
#: (article id, annotator, label, start, end, origin).
SpanInsert = tuple[int, str, str, int, int, str | None]

#: The tables a project is made of and their columns, in the order ``dump_rows`` gives and
#: ``load_rows`` takes them; a table comes after the ones its rows point at. ``annotator
#: copy`` moves a project between backends table by table, every id kept.
PROJECT_TABLES: dict[str, tuple[str, ...]] = {
    "settings": ("key", "value"),
    "labels": ("id", "name", "display_name", "color", "shortcut", "guideline", "sort_order"),
    "annotators": ("id", "name", "kind", "created_at"),
    "articles": (
        "id", "ext_id", "title", "text", "length", "source", "url", "author", "published",
        "meta", "content_hash", "created_at",
    ),
    "spans": (
        "id", "article_id", "annotator_id", "label_id", "start", "end", "origin",
        "created_at", "updated_at",
    ),
    "article_status": ("article_id", "annotator_id", "status", "note", "updated_at"),
    "reviews": ("article_id", "status", "reviewer", "updated_at"),
    "history": ("id", "at", "via", "actor", "action", "article_id", "span_id", "detail"),
    "assignments": ("article_id", "annotator_id", "kind", "assigned_at"),
    "models": ("name", "blob", "meta", "created_at"),
}  # fmt: skip


@dataclass(frozen=True)
class Change:
    """A change committed to the project by another program, as a listener hears of it:
    the table it touched and, for spans and statuses, the articles (None: any article)."""

    table: str
    article_ids: frozenset[int] | None = None


@runtime_checkable
class ChangeListener(Protocol):
    """Hears of other programs' commits as they happen (``Store.listen``), without reading
    any table: the app watches ``fileno()`` for the moment something arrives."""

    def fileno(self) -> int:
        """The socket to watch; it changes after a reconnect (watch it again then)."""
        ...

    @property
    def broken(self) -> bool:
        """The connection is lost; ``changes()`` tries to open it again."""
        ...

    def changes(self) -> list[Change]:
        """What has arrived, without waiting. After a lost connection is opened again,
        one ``Change("*")``: anything may have changed meanwhile."""
        ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class IndexQuery:
    """What corpus search asks the search index: the articles holding any of ``phrases``.

    A phrase is normalized words in a row (as ``core.text.matching.words`` splits text);
    its last word may be only the beginning of a word of the article. Each backend turns
    this into its own index's query (an FTS5 expression, a ``tsquery``); it may return more
    articles than asked for, since every hit is confirmed on the text, never fewer.
    """

    phrases: tuple[tuple[str, ...], ...]


@runtime_checkable
class Store(Protocol):
    """An open project."""

    #: Where the project lives, as messages, titles and the recent projects show it: the
    #: file's path, or the server URL (never with a password). ``open_store`` takes it back.
    location: str
    #: The project file; None for a project on a server (which has no file: renaming,
    #: moving, "the output is the project itself" do not apply).
    path: Path | None
    #: Where the pre-migration copy went, if opening migrated the project forward.
    migration_backup: Path | None
    #: Where this connection's changes are recorded as coming from: "app", "cli"...
    via: str

    # -- life cycle ------------------------------------------------------------------

    def close(self) -> None:
        """Release the project; nothing acknowledged is lost by closing."""

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...

    def backup_to(self, dest: str | Path) -> None:
        """Write a consistent copy of the open project to the file ``dest`` (a SQLite
        project file, whichever the backend), whole or not at all."""

    def check_file(self) -> None:
        """Raise ``ProjectMovedError`` if the project is no longer the one that was opened
        (a file renamed, moved or deleted; never for a server project)."""

    def moved_to(self) -> Path | None:
        """Where the open project file is now if it was renamed or moved; None otherwise
        (and always for a server project)."""

    def transaction(self) -> AbstractContextManager[None]:
        """All writes inside land together or not at all; nested calls join the outer one."""
        ...

    def read_snapshot(self) -> AbstractContextManager[None]:
        """Every read inside sees the project as it was on entry (an export's rows).

        Other programs may commit meanwhile (they are not blocked); their changes show
        after the block. Inside ``transaction()``, or another snapshot, it joins the open
        one. A write through this store inside a snapshot is refused (WriteFailedError).
        """
        ...

    def data_version(self) -> int:
        """A number that changes when another program commits to the project.

        The app compares it every second to pick up imports and label edits made elsewhere.
        """
        ...

    def change_stamp(self) -> tuple[int, int]:
        """Changes whenever anything was committed, by this connection or another (caches)."""
        ...

    def listen(self) -> ChangeListener | None:
        """A listener told of every change other programs commit to the project (a
        server's LISTEN/NOTIFY), or None where there is none (a file: the app compares
        ``data_version`` every second instead). The caller closes it."""
        ...

    def in_transaction(self) -> bool:
        """True while a transaction of this connection is open (an import or an export in
        progress)."""
        ...

    # -- settings --------------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        """A project setting (proclitic trimming, search index version...)."""
        ...

    def set_setting(self, key: str, value: str) -> None: ...

    # -- annotators ------------------------------------------------------------------

    def annotator_id(self, name: str, *, create: bool = True) -> int:
        """The annotator's id, adding the name unless ``create`` is false (NotFoundError)."""
        ...

    def annotators(self) -> list[str]:
        """Every annotator name, in the order they were added."""
        ...

    def annotator_kinds(self) -> dict[str, str]:
        """Name -> kind (human, import, suggest, gold)."""
        ...

    # -- labels ----------------------------------------------------------------------

    def labels(self) -> list[Label]:
        """The label set in its display order."""
        ...

    def label(self, name: str) -> Label: ...

    def label_by_id(self, label_id: int) -> Label:
        """The label with that id, whatever it is called now."""
        ...

    def label_id(self, name: str) -> int: ...

    def add_label(
        self,
        name: str,
        display_name: str = "",
        color: str | None = None,
        shortcut: str | None = None,
        guideline: str = "",
        sort_order: int | None = None,
    ) -> Label: ...

    def update_label(self, name: int | str, /, **fields: Any) -> Label:
        """Change a label's fields (named by id or name); ``name=`` renames it."""
        ...

    def label_usage(self, name: int | str) -> int:
        """How many spans use the label."""
        ...

    def remove_label(self, name: int | str, *, force: bool = False) -> int:
        """Remove a label (and, with ``force``, its spans); returns the spans removed."""
        ...

    # -- articles --------------------------------------------------------------------

    def article_count(self) -> int: ...

    def article(self, article_id: int) -> Article: ...

    def article_by_ext_id(self, ext_id: str) -> Article: ...

    def article_text(self, article_id: int) -> str: ...

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
        """Ids in corpus order, filtered by an annotator's status and title words;
        ``assigned_to``: only that annotator's assigned articles, if any are assigned to
        them (an annotator without assignments sees every article). ``after`` and
        ``limit`` read one page: at most ``limit`` ids greater than ``after``."""
        ...

    def count_article_ids(
        self,
        *,
        annotator: str | None = None,
        status: Status | str | None = None,
        title_contains: str | None = None,
        assigned_to: str | None = None,
    ) -> int:
        """How many ids ``article_ids`` lists with these filters, without reading them."""
        ...

    def article_rows(self, ids: Sequence[int], annotator: str | None = None) -> list[ArticleRow]:
        """List rows (no text) for a window of ids, in the order given."""
        ...

    def iter_articles(
        self, ids: Iterable[int] | None = None, batch: int = 500
    ) -> Iterator[Article]:
        """Stream articles (all, or these ids in this order) in batches."""
        ...

    def find_article(self, ext_id: str, text_hash: str) -> tuple[int | None, int | None]:
        """(id with this ext_id, id with this content hash), either may be None."""
        ...

    def existing_articles(
        self, ext_ids: Iterable[str], hashes: Iterable[str]
    ) -> tuple[dict[str, str], dict[str, str]]:
        """({ext_id: content hash}, {content hash: ext_id}) of these already stored."""
        ...

    def insert_article(self, art: ArticleIn) -> int: ...

    def insert_articles(
        self,
        batch: Sequence[ArticleIn],
        hashes: Sequence[str] | None = None,
        folded: Sequence[str] | None = None,
    ) -> list[int]:
        """Insert articles (and index them for search) in the caller's transaction.

        ``hashes`` and ``folded`` (each text's ``index_columns(text)[0]``) may pass what
        the caller computed already: an import computes them in a second process.
        """
        ...

    def insert_spans(self, rows: Iterable[SpanInsert]) -> int:
        """Bulk insert spans; identical spans are stored once. Returns how many were new."""
        ...

    # -- one person's spans and status -----------------------------------------------

    def spans(self, article_id: int, annotators: Sequence[str] | None = None) -> list[Span]:
        """An article's spans ordered by start, end, label, annotator."""
        ...

    def span(self, span_id: int) -> Span: ...

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
        """Store one span, committed; an identical span is returned as it is."""
        ...

    def delete_span(self, span_id: int, *, expect: Span | None = None) -> Span:
        """Delete a span; returns it as it was, so that it can be restored.

        With ``expect`` (undo and redo) the span must still be exactly that, or
        ``StaleError`` and nothing changes; the same for relabel and move.
        """
        ...

    def relabel_span(self, span_id: int, label: str, *, expect: Span | None = None) -> Span: ...

    def move_span(
        self, span_id: int, start: int, end: int, *, expect: Span | None = None
    ) -> Span: ...

    def status(self, article_id: int, annotator: str) -> ArticleStatus: ...

    def set_status(
        self,
        article_id: int,
        annotator: str,
        status: Status | str | None = None,
        note: str | None = None,
        *,
        changed_at: str | None = None,
        via: str | None = None,
    ) -> ArticleStatus:
        """Set an annotator's status and/or note for an article (a no-op when unchanged).

        ``changed_at`` keeps the time a merged change was made; ``via`` overrides the
        history's "where from" for this change.
        """
        ...

    # -- history ---------------------------------------------------------------------

    def record_event(
        self,
        action: str,
        *,
        actor: str | None = None,
        article_id: int | None = None,
        via: str | None = None,
        detail: dict[str, Any] | None = None,
    ) -> None:
        """Record a bulk change (import, merge, adjudication); joins the open transaction."""

    def history(
        self,
        article_id: int | None = None,
        annotator: str | None = None,
        *,
        limit: int | None = None,
    ) -> Iterator[HistoryEvent]:
        """The recorded changes, oldest first (the newest ``limit`` if given)."""
        ...

    def project_uid(self) -> str:
        """The project's identity, made when it was created (copies share it)."""
        ...

    def last_merge(self, source_uid: str, source_path: str) -> tuple[str, str] | None:
        """When that source was last merged in, and the newest change seen there."""
        ...

    def local_changes(self, article_ids: Sequence[int], since: str) -> set[tuple[int, str]]:
        """(article, annotator) whose status or note changed here after ``since``, not by
        a merge."""
        ...

    def time_per_article(self) -> dict[str, dict[int, float]]:
        """Seconds each annotator spent on each article, from their recorded changes."""
        ...

    def status_counts(self, annotator: str) -> dict[Status, int]:
        """How many articles ``annotator`` has in each status; "todo" counts the corpus,
        or, when articles are assigned to them, their assigned articles only."""
        ...

    def stats(self) -> dict[str, Any]:
        """Corpus size, each annotator's status counts and spans per label."""
        ...

    # -- several annotators (agreement, merge, export, review) -----------------------

    def spans_for_articles(
        self, ids: Sequence[int], annotators: Sequence[str] | None = None
    ) -> dict[int, list[Span]]:
        """Spans of many articles, every id a key, each list ordered like ``spans()``."""
        ...

    def done_by(
        self,
        annotators: Sequence[str] | None = None,
        *,
        between: tuple[int, int] | None = None,
    ) -> dict[int, set[str]]:
        """Article id -> the annotators who marked it done; ``between``: only the article
        ids from the first to the second, inclusive (a pass over a million articles reads
        them a page at a time)."""
        ...

    def statuses_for_articles(self, ids: Sequence[int]) -> dict[int, dict[str, ArticleStatus]]:
        """Article id -> annotator -> status and note, for the ids that have any."""
        ...

    def annotated_article_ids(self, annotators: Sequence[str]) -> list[int]:
        """Ids, in corpus order, of the articles these annotators gave a span or a status."""
        ...

    def span_rows(
        self, ids: Sequence[int], annotators: Sequence[str]
    ) -> Iterator[tuple[int, str, str, int, int]]:
        """(article id, annotator, label, start, end) of these articles, in no set order."""
        ...

    def review_status(self, article_id: int) -> str:
        """'pending' (never reviewed), 'in_review' or 'done'."""
        ...

    def reviewer(self, article_id: int) -> str | None: ...

    def review_statuses(self) -> dict[int, str]: ...

    def set_review(self, article_id: int, status: str, reviewer: str | None) -> None: ...

    # -- workload assignment (core/team/assignment.py) -------------------------------

    def assignments(self, annotator: str | None = None) -> list[Assignment]:
        """Every assignment (or one annotator's), by article then annotator id."""
        ...

    def assign_articles(self, pairs: Sequence[tuple[int, str]], *, at: str) -> int:
        """Hand each (article id, annotator) to that annotator for good (``static``);
        pairs already assigned are left as they are. Returns how many were new."""
        ...

    def unassign_articles(self, annotators: Sequence[str] | None = None) -> int:
        """Take back the static assignments (of ``annotators``, or everyone's) that are
        not done yet; returns how many."""
        ...

    def next_article(
        self, annotator: str, per_article: int, *, idle_after: str, at: str
    ) -> int | None:
        """The article ``annotator`` should work on next (dynamic workload): their own
        unfinished one (static, or a lease active since ``idle_after``), else the first
        article they have not done or skipped that fewer than ``per_article`` others have
        done or hold an active lease on, leased to them at ``at``. None when there is none.
        Safe against any number of annotators asking at once."""
        ...

    # -- the team's database users (a server project only) ----------------------------

    def team_members(self) -> list[TeamMember]:
        """The team's database users; ``ProjectError`` for a project file."""
        ...

    def add_team_member(
        self, annotator: str, role: str, password: str | None, *, login: str | None = None
    ) -> TeamMember:
        """Make (or reuse) a login role for ``annotator`` with ``role``'s rights on this
        project; the first call sets up the project's roles and row-level security."""
        ...

    def remove_team_member(self, annotator: str) -> TeamMember:
        """Take a member's rights on this project away (their work stays); the login
        role is dropped unless it is a member of another project."""
        ...

    # -- the search index (filled with normalized words by core/assist/search.py) -----

    def search_index_state(self) -> tuple[int, int, int, int, str | None]:
        """(articles, largest article id, indexed, largest indexed id, index version)."""
        ...

    def search_index_missing(self) -> list[int]:
        """Ids of the articles the index does not hold yet."""
        ...

    def search_index_add(self, article_ids: Sequence[int]) -> None: ...

    def search_index_reset(self, version: str) -> None: ...

    def search_index_match(self, query: IndexQuery, batch: int = 200) -> Iterator[int]:
        """Ids of the articles that may hold ``query``, ascending, fetched lazily."""
        ...

    def search_terms_present(self, terms: Sequence[str], as_prefix: bool = False) -> set[str]:
        """Which of these words (or word beginnings) the index holds."""
        ...

    def span_texts(self, annotator: str) -> list[tuple[str, str, int]]:
        """(covered text, label, count) of every distinct span of an annotator."""
        ...

    # -- trained taggers (core/tagger/, docs/model.md) -----------------------------------

    def save_model(self, name: str, blob: bytes, meta: dict[str, Any]) -> None:
        """Store a trained model under ``name``, replacing one of that name (committed)."""
        ...

    def load_model(self, name: str) -> tuple[bytes, dict[str, Any]]:
        """A model's bytes and metadata; ``NotFoundError`` if the project has none."""
        ...

    def model_info(self, name: str) -> dict[str, Any] | None:
        """A model's metadata without its bytes (cheap: the status bar asks), or None."""
        ...

    def set_model_meta(self, name: str, meta: dict[str, Any]) -> None:
        """Replace a stored model's metadata; ``NotFoundError`` if there is no such model."""
        ...

    def delete_annotator_spans(self, annotator: str, article_ids: Sequence[int]) -> int:
        """Delete every span of ``annotator`` in these articles (a model's earlier
        suggestions, before suggesting again); returns how many. Joins an open
        transaction; the caller records the run with ``record_event``."""
        ...

    # -- health (``annotator check``) ------------------------------------------------

    def problems(self) -> list[str]:
        """Everything wrong with the project, one line each, without the file's name.

        The backend's own check of its storage (SQLite's integrity check), spans outside
        their text or whose article, annotator or label is missing, rows pointing at
        missing rows. It reads the whole project, so it runs when asked, never on open;
        reads that meet such a span refuse it with the same line (``DamagedProjectError``).
        """
        ...

    # -- a whole project, table by table (``annotator copy``) --------------------------

    def dump_rows(self, table: str) -> Iterator[tuple[Any, ...]]:
        """Every row of one of ``PROJECT_TABLES``, its columns in that order, by key."""
        ...

    def id_counters(self) -> dict[str, int]:
        """Table -> the largest id it ever handed out (rows deleted since included)."""
        ...

    def load_rows(self, table: str, rows: Iterable[Sequence[Any]]) -> int:
        """Add rows of ``PROJECT_TABLES`` as they are, ids included, in the open
        transaction (a copy fills a new project with them); articles are indexed for
        search. Returns how many were added."""
        ...

    def set_id_counters(self, counters: dict[str, int]) -> None:
        """Never hand out an id up to these (what ``id_counters`` of the source said)."""
