"""``SqliteStore``: the ``Store`` interface on one SQLite project file (the embedded default).

Writes that a person makes (a tag, a relabel, a status) each run in their own transaction
and return only after COMMIT, so anything the screen shows is already on disk. Bulk work
(import, merge) runs inside ``transaction()`` so that it lands whole or not at all.

This module holds opening, transactions, settings, annotators and labels, and assembles the
class from its parts: ``articles.py`` (reading and bulk-inserting articles), ``spans.py``
(one person's spans, statuses and the stats), ``team.py`` (bulk reads of several annotators,
reviews), ``search_index.py`` (the FTS5 index), ``health.py`` (what ``annotator check`` reports),
``copying.py`` (whole tables, for ``annotator copy``); ``rows.py`` holds what they share.
``project_file.py`` opens, creates and migrates the file (``schema.py``).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from annotator.core.errors import (
    ConflictError,
    NotFoundError,
    ProjectMovedError,
    ValidationError,
    WriteFailedError,
)
from annotator.core.labels import label_color
from annotator.core.model import (
    Label,
    kind_for_name,
)
from annotator.core.store.interface import ChangeListener
from annotator.core.store.label_fields import check_label_types as _check_label_types
from annotator.core.store.sqlite import project_file
from annotator.core.store.sqlite.articles import ArticleRows
from annotator.core.store.sqlite.assignment import AssignmentRows
from annotator.core.store.sqlite.copying import ProjectRows
from annotator.core.store.sqlite.health import HealthChecks
from annotator.core.store.sqlite.history import HistoryRows
from annotator.core.store.sqlite.models import ModelRows
from annotator.core.store.sqlite.rows import T, now, write_error
from annotator.core.store.sqlite.search_index import SearchIndex
from annotator.core.store.sqlite.spans import SpanRows
from annotator.core.store.sqlite.team import TeamReads

WRITE_RETRY_SECONDS = 5.0


def _label(row: Sequence[Any]) -> Label:
    return Label(*row)


class SqliteStore(
    ArticleRows,
    SpanRows,
    TeamReads,
    AssignmentRows,
    SearchIndex,
    HistoryRows,
    HealthChecks,
    ProjectRows,
    ModelRows,
):
    """A project in a SQLite file (the embedded, single-person backend)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, backup: Path | None = None):
        self.conn = conn
        self.path: Path = path
        #: The file's path as given, for messages and the recent projects.
        self.location = str(path)
        #: Where the pre-migration copy went, if opening migrated the file.
        self.migration_backup = backup
        #: Where this connection's changes are recorded as coming from (history).
        self.via = "cli"
        #: Opened read-only: every write is refused before it begins.
        self.readonly = False
        self._annotator_ids: dict[str, int] = {}
        self._label_ids: dict[str, int] = {}
        self._tx_depth = 0
        self._identity = project_file.file_identity(path)
        self._seen_version = self.data_version()
        self._snapshot_open = False

    # -- opening ---------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False) -> SqliteStore:
        path = Path(path)
        conn, backup = project_file.open_project(path, readonly=readonly)
        store = cls(conn, path, backup)
        store.readonly = readonly
        return store

    @classmethod
    def create(cls, path: str | Path, labels: Iterable[dict[str, Any]] = ()) -> SqliteStore:
        path = Path(path)
        store = cls(project_file.create_project(path), path)
        try:
            with store.transaction():
                for i, spec in enumerate(labels):
                    store.add_label(**{"sort_order": i, **spec})
        except BaseException:
            # A refused label set leaves no project behind: a retry must not meet
            # "already exists". The file is new (create_project refuses to overwrite).
            store._drop_new_project()
            raise
        return store

    def _drop_new_project(self) -> None:
        """Close and delete a project this store has just created (a failed copy)."""
        self.conn.close()
        for ending in ("", "-wal", "-shm"):
            self.path.with_name(self.path.name + ending).unlink(missing_ok=True)

    def close(self) -> None:
        """Close, first folding the write-ahead log into the file, so the ``.db`` alone
        holds everything (a copy made with ``cp`` after closing is complete)."""
        project_file.checkpoint(self.conn)
        self.conn.close()

    def backup_to(self, dest: str | Path) -> None:
        """A consistent copy of the open project at ``dest`` (SQLite's backup API), written
        under a temporary name and renamed, so ``dest`` is never half a project."""
        project_file.backup_to(self.conn, Path(dest))

    def check_file(self) -> None:
        """Raise ``ProjectMovedError`` if the file at our path is no longer the one open."""
        if self._identity is None:
            return
        if project_file.file_identity(self.path) != self._identity:
            where = project_file.where_is(self._identity)
            place = f"it is now at {where}" if where else "it was deleted"
            raise ProjectMovedError(
                f"{self.path} was renamed, moved or deleted while open ({place}); not saved."
                " Reopen the project to go on"
            )

    def moved_to(self) -> Path | None:
        """Where the open file is now, if it was renamed or moved (None if it was not, or
        was deleted)."""
        if self._identity is None or project_file.file_identity(self.path) == self._identity:
            return None
        return project_file.where_is(self._identity)

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def data_version(self) -> int:
        """SQLite's ``data_version``: it changes only when another connection commits."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def change_stamp(self) -> tuple[int, int]:
        """Commits by other connections (data_version) and by this one (total_changes)."""
        return self.data_version(), self.conn.total_changes

    def in_transaction(self) -> bool:
        return self.conn.in_transaction

    def listen(self) -> ChangeListener | None:
        """A file has no one to tell us of others' commits: the app compares
        ``data_version`` every second instead (one read of the file's header)."""
        return None

    # -- transactions ----------------------------------------------------------------

    def transaction(self) -> AbstractContextManager[None]:
        """All writes inside land together or not at all; nests (inner levels join)."""
        return contextmanager(self._transaction)()

    def _transaction(self) -> Iterator[None]:
        """The steps of ``transaction()``; a plain generator (not decorated) so that mutation
        testing (``./dev mutate transactions``) reaches it: mutmut skips decorated functions.
        Catches ``BaseException``: after Ctrl+C the connection must not stay in a transaction.
        """
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
                raise write_error(exc, f"saving to {self.path.name}") from None
            raise
        self._tx_depth = 0
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            self._forget_caches()
            raise write_error(exc, "commit") from None

    def read_snapshot(self) -> AbstractContextManager[None]:
        """Every read inside sees one state of the file; see ``Store.read_snapshot``."""
        return self._read_snapshot()

    @contextmanager
    def _read_snapshot(self) -> Iterator[None]:
        """A deferred ``BEGIN`` held open: in WAL mode a read transaction keeps reading
        the database as it was at its first read, and other connections still commit
        (``BEGIN IMMEDIATE`` would block them for the whole export).

        Inside ``transaction()`` or another snapshot the open transaction is already one
        state of the file: join it. Ends with ROLLBACK: a read transaction holds nothing.
        """
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("BEGIN")
        self._snapshot_open = True
        try:
            self.conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # starts it
            yield
        finally:
            self._snapshot_open = False
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")

    def _begin(self) -> None:
        if self.readonly:
            raise WriteFailedError(f"{self.path.name}: the project file is read-only; not saved")
        if self._snapshot_open:
            # BEGIN IMMEDIATE cannot start inside the open read transaction, and joining
            # it would commit the write only when the export ends.
            raise WriteFailedError(
                "an export is reading the project; not saved: try again when it is done"
            )
        self.check_file()
        deadline = time.monotonic() + WRITE_RETRY_SECONDS
        while True:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                self._refresh_caches()
                return
            except sqlite3.OperationalError as exc:
                if ("locked" not in str(exc) and "busy" not in str(exc)) or (
                    time.monotonic() > deadline
                ):
                    raise write_error(exc, "write") from None
                time.sleep(0.05)

    def _write(self, what: str, fn: Callable[[], T]) -> T:
        """Run ``fn`` in its own committed transaction (or join the open one)."""
        try:
            with self.transaction():
                try:
                    return fn()
                except sqlite3.OperationalError as exc:
                    raise write_error(exc, what) from None
        except sqlite3.IntegrityError as exc:
            raise ValidationError(f"{what}: {exc}") from None
        except sqlite3.OperationalError as exc:
            raise write_error(exc, what) from None
        except UnicodeEncodeError as exc:  # a lone surrogate, e.g. from a JSON "\ud800"
            raise ValidationError(
                f"{what}: text holds an unpaired surrogate"
                f" (U+{ord(exc.object[exc.start]):04X}) at character {exc.start};"
                " not valid Unicode"
            ) from None

    def _forget_caches(self) -> None:
        self._annotator_ids.clear()
        self._label_ids.clear()

    def _refresh_caches(self) -> None:
        """Forget remembered ids if another program committed since we last looked: it may
        have renamed a label and given the old name to a new one."""
        version = self.data_version()
        if version != self._seen_version:
            self._seen_version = version
            self._forget_caches()

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
        self._refresh_caches()
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

    def label_by_id(self, label_id: int) -> Label:
        row = self.conn.execute(
            "SELECT id, name, display_name, color, shortcut, guideline, sort_order"
            " FROM labels WHERE id = ?",
            (label_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError("that label was removed in another window or program")
        return _label(row)

    def label_id(self, name: str) -> int:
        if name not in self._label_ids:
            self._label_ids[name] = self.label(name).id
        return self._label_ids[name]

    def _resolve_label(self, label: int | str) -> Label:
        """A label named by id (what windows hold: it survives a rename elsewhere) or name."""
        return self.label_by_id(label) if isinstance(label, int) else self.label(label)

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
        _check_label_types(name, {"display_name": display_name, "color": color,
                                  "shortcut": shortcut, "guideline": guideline,
                                  "sort_order": sort_order})  # fmt: skip
        if shortcut is not None and len(shortcut) != 1:
            raise ValidationError(f"label {name!r}: shortcut must be one key, got {shortcut!r}")

        def insert() -> Label:
            if self.conn.execute("SELECT 1 FROM labels WHERE name = ?", (name,)).fetchone():
                raise ConflictError(f"label {name!r} already exists")
            if (
                shortcut is not None
                and self.conn.execute(
                    "SELECT 1 FROM labels WHERE shortcut = ?", (shortcut,)
                ).fetchone()
            ):
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
            self._record("label_add", name=name)
            return self.label(name)

        return self._write(f"label {name!r}", insert)

    def update_label(self, name: int | str, /, **fields: Any) -> Label:
        """Change a label; ``name=`` in ``fields`` renames it (hence ``name`` is positional).

        ``name`` may be the label's id: a window that read the labels a while ago then
        edits the label it showed, even if another program renamed it and gave its old
        name to a new label meanwhile.
        """
        allowed = {"name", "display_name", "color", "shortcut", "guideline", "sort_order"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValidationError(f"unknown label field(s): {', '.join(sorted(unknown))}")
        _check_label_types(name, fields)
        if "name" in fields and not str(fields["name"]).strip():
            raise ValidationError("label name is empty")
        if fields.get("shortcut") is not None and len(fields["shortcut"]) != 1:
            raise ValidationError(f"shortcut must be one key, got {fields['shortcut']!r}")

        def update() -> Label:
            label = self._resolve_label(name)
            if not fields:
                return label
            sets = ", ".join(f"{k} = ?" for k in fields)
            try:
                self.conn.execute(
                    f"UPDATE labels SET {sets} WHERE id = ?", (*fields.values(), label.id)
                )
            except sqlite3.IntegrityError as exc:
                raise ConflictError(f"label {label.name!r}: {exc}") from None
            self._label_ids.clear()
            new = self.label_by_id(label.id)
            changes = {
                k: [getattr(label, k), getattr(new, k)]
                for k in fields
                if getattr(label, k) != getattr(new, k)
            }
            if changes:
                self._record("label_edit", name=label.name, label_id=label.id, changes=changes)
            return new

        return self._write(f"label {name!r}", update)

    def label_usage(self, name: int | str) -> int:
        label_id = name if isinstance(name, int) else self.label_id(name)
        return self.conn.execute(
            "SELECT COUNT(*) FROM spans WHERE label_id = ?", (label_id,)
        ).fetchone()[0]

    def remove_label(self, name: int | str, *, force: bool = False) -> int:
        """Remove a label; returns how many spans went with it (only with ``force``).

        ``name`` may be the label's id (see ``update_label``).
        """

        def delete() -> int:
            label = self._resolve_label(name)
            used = self.label_usage(label.id)
            if used and not force:
                raise ConflictError(f"label {label.name!r} is used by {used} span(s); use --force")
            self.conn.execute("DELETE FROM spans WHERE label_id = ?", (label.id,))
            self.conn.execute("DELETE FROM labels WHERE id = ?", (label.id,))
            self._label_ids.clear()
            self._record("label_remove", name=label.name, label_id=label.id, spans_removed=used)
            return used

        return self._write(f"label {name!r}", delete)

    # -- helpers ---------------------------------------------------------------------

    def _annotator_id_or_none(self, name: str) -> int | None:
        try:
            return self.annotator_id(name, create=False)
        except NotFoundError:
            return None
