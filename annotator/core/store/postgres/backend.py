"""``PostgresStore``: the ``Store`` interface on a PostgreSQL server (a team's project).

It keeps the file backend's promises with a server's means:

- A write a person makes runs in its own transaction and returns after COMMIT; bulk work
  runs inside ``transaction()`` and lands whole or not at all. A nested ``transaction()``
  is a savepoint, so a refused write inside a bulk one undoes only itself, as on a file.
- Writers take turns: each write transaction first updates the one row of
  ``annotator_project`` (see schema.py), as ``BEGIN IMMEDIATE`` does on a file. Waiting
  longer than ``LOCK_TIMEOUT`` for another program's write says "busy". Readers are never
  blocked (PostgreSQL's MVCC), and reads outside a transaction see every commit.
- ``data_version`` is that row's counter minus this connection's own commits: it changes
  exactly when another program committed, which the app polls for.
- ``read_snapshot`` is a REPEATABLE READ READ ONLY transaction: one state of the project.
- A lost connection is reopened: reads retry once (rows.py), a write retries opening its
  transaction until ``WRITE_RETRY_SECONDS``. A person's write cut off halfway was rolled
  back by the server, so it is run again on the new connection (``WRITE_ATTEMPTS`` in
  all); a bulk transaction cut off is reported "not saved".
- A write whose COMMIT got no answer is not guessed at: the store reconnects and asks the
  server what became of the transaction's id (``txid_status``), the key the server itself
  recorded with the write. Committed: the write is acknowledged as it was, never run
  twice. Rolled back: run again as above. No answer within ``CONFIRM_SECONDS``:
  ``UnconfirmedWriteError`` tells the user the change may or may not be saved.

This module holds opening, transactions, settings, annotators and labels; the other parts
mirror the file backend's: ``articles.py``, ``spans.py``, ``team.py``, ``search_index.py``,
``history.py``, ``copying.py``, ``health.py``; ``server.py`` connects, creates and upgrades.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import psycopg
from psycopg import errors as pg_errors

from annotator.core.errors import (
    ConflictError,
    NotFoundError,
    ProjectError,
    UnconfirmedWriteError,
    ValidationError,
    WriteFailedError,
)
from annotator.core.labels import label_color
from annotator.core.model import Label, kind_for_name
from annotator.core.store.interface import ChangeListener
from annotator.core.store.label_fields import check_label_types
from annotator.core.store.location import ServerLocation, parse_server_url
from annotator.core.store.postgres import server
from annotator.core.store.postgres.articles import ArticleRows
from annotator.core.store.postgres.assignment import AssignmentRows
from annotator.core.store.postgres.copying import ProjectRows
from annotator.core.store.postgres.health import HealthChecks
from annotator.core.store.postgres.history import HistoryRows
from annotator.core.store.postgres.live import PgChangeListener
from annotator.core.store.postgres.models import ModelRows
from annotator.core.store.postgres.roles import TeamRoles
from annotator.core.store.postgres.rows import (
    T,
    is_connection_lost,
    label_row,
    now,
    nul_problem,
    server_reason,
    write_error,
)
from annotator.core.store.postgres.search_index import SearchIndex
from annotator.core.store.postgres.spans import SpanRows
from annotator.core.store.postgres.team import TeamReads
from annotator.core.store.transfer import copy_to_file

WRITE_RETRY_SECONDS = 5.0
#: How many times a person's write runs when the connection is lost under it (each time
#: the server rolled the previous attempt back, so it never lands twice).
WRITE_ATTEMPTS = 3
#: How long a write whose COMMIT got no answer keeps trying to reach the server to ask
#: whether it was committed (a restart takes a few seconds) before saying it cannot tell.
CONFIRM_SECONDS = 10.0
#: Rows a transaction adds in bulk (an import, a copy) beyond which the server's planner
#: statistics are refreshed after the commit: without them it plans a fresh corpus as if
#: it were empty, and an article takes several times longer to open.
ANALYZE_AFTER_ROWS = 5_000
_LABEL_COLUMNS = "id, name, display_name, color, shortcut, guideline, sort_order"


class _LostWrite(WriteFailedError):
    """The connection went while a write transaction was open and the server rolled it
    back: nothing of it landed, so a person's write may run again (``_write``)."""


class PostgresStore(
    ArticleRows,
    SpanRows,
    TeamReads,
    AssignmentRows,
    TeamRoles,
    SearchIndex,
    HistoryRows,
    ProjectRows,
    HealthChecks,
    ModelRows,
):
    """A project in a PostgreSQL schema, shared live by a team."""

    def __init__(self, conn: psycopg.Connection[Any], loc: ServerLocation, readonly: bool):
        self.conn = conn
        self._loc = loc
        #: The URL without a password, as messages and the recent projects show it.
        self.location = loc.location
        #: A server project has no file.
        self.path: Path | None = None
        #: Upgrades run in one transaction on the server: there is no copy to keep.
        self.migration_backup: Path | None = None
        self.via = "cli"
        self.readonly = readonly
        self._annotator_ids: dict[str, int] = {}
        self._label_ids: dict[str, int] = {}
        self._lengths: dict[int, int] = {}
        #: Why the connection went, as the server or libpq said it (for "not saved").
        self._lost_reason = "closed"
        self._tx_depth = 0
        #: The server's id of the open write transaction, asked after an unanswered COMMIT.
        self._txid = 0
        self._snapshot_open = False
        self._own_commits = 0
        self._closed = False
        #: Rows added in bulk by the open transaction (see ``ANALYZE_AFTER_ROWS``).
        self._bulk_rows = 0
        self._seen_version = self.data_version()

    # -- opening ---------------------------------------------------------------------

    @classmethod
    def open(cls, url: str, *, readonly: bool = False) -> PostgresStore:
        loc = parse_server_url(url)
        return cls(server.open_project(loc, readonly=readonly), loc, readonly)

    @classmethod
    def create(
        cls, url: str, labels: Iterable[dict[str, Any]] = (), *, schema: str | None = None
    ) -> PostgresStore:
        loc = parse_server_url(url, schema)
        store = cls(server.create_project(loc), loc, False)
        try:
            with store.transaction():
                for i, spec in enumerate(labels):
                    store.add_label(**{"sort_order": i, **spec})
        except BaseException:
            # A refused label set leaves no project behind, so a retry does not meet
            # "already holds an annotator project".
            store._drop_new_project()
            raise
        return store

    def _drop_new_project(self) -> None:
        from psycopg import sql

        try:
            if self._loc.schema == "public":
                for table in ("team_members", "assignments", "search_index", "history",
                              "reviews", "article_status", "spans", "annotators", "labels",
                              "articles", "settings", "annotator_project"):  # fmt: skip
                    self.conn.execute(
                        sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(table))
                    )
                self.conn.execute(
                    "DROP FUNCTION IF EXISTS span_end_in_text(), note_change(), team_annotator(),"
                    " team_role(), next_article(TEXT, INTEGER, TEXT, TEXT, BIGINT[]),"
                    " next_article_candidates(TEXT, INTEGER, TEXT, INTEGER),"
                    " next_article_asker(TEXT),"
                    " team_add_user(TEXT, TEXT, TEXT, TEXT), team_remove_user(TEXT),"
                    " team_caller_may_manage(), notify_table(), notify_articles()"
                )
            else:
                self.conn.execute(
                    sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(self._loc.schema))
                )
        except psycopg.Error:
            pass
        self.close()

    def close(self) -> None:
        """Close the connection; every acknowledged change is committed on the server.
        A closed store stays closed (no read reconnects it)."""
        self._closed = True
        if not self.conn.closed:
            self.conn.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def backup_to(self, dest: str | Path) -> None:
        """Write one state of the project to ``dest`` as a SQLite project file (what
        ``annotator copy`` writes), under a temporary name and renamed when whole."""
        copy_to_file(self, Path(dest))

    def check_file(self) -> None:
        """A server project has no file to rename or move."""

    def moved_to(self) -> Path | None:
        return None

    def _reconnect(self) -> None:
        """Open a new connection in place of a lost one (outside any transaction)."""
        if self._closed:
            raise ProjectError(f"{self.location}: the project was closed")
        try:
            self.conn.close()
        except psycopg.Error:
            pass
        self.conn = server.connect(self._loc, readonly=self.readonly)
        self._forget_caches()

    def data_version(self) -> int:
        """The project's commit counter minus ours: changes only for others' commits."""
        changes = self._one("SELECT changes FROM annotator_project")
        return int(changes or 0) - self._own_commits

    def change_stamp(self) -> tuple[int, int]:
        return self.data_version(), self._own_commits

    def in_transaction(self) -> bool:
        return bool(self._tx_depth) or self._snapshot_open

    def listen(self) -> ChangeListener | None:
        """A connection of its own listening on the project's channel (live.py)."""
        if self._closed:
            raise ProjectError(f"{self.location}: the project was closed")
        return PgChangeListener(self._loc, self._backend_pid)

    def _backend_pid(self) -> int:
        """The server process of our connection: its notices are our own writes."""
        return 0 if self.conn.closed else int(self.conn.info.backend_pid)

    # -- transactions ----------------------------------------------------------------

    def transaction(self) -> AbstractContextManager[None]:
        """All writes inside land together or not at all; an inner level is a savepoint."""
        return self._transaction()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        if self._tx_depth:
            self._tx_depth += 1
            name = f"nested_{self._tx_depth}"
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield
            except BaseException:
                if not self.conn.broken:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    self.conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {name}")
            finally:
                self._tx_depth -= 1
            return
        self._begin()
        self._tx_depth = 1
        try:
            yield
        except BaseException as exc:
            self._tx_depth = 0
            self._bulk_rows = 0
            lost = self._connection_gone(exc)
            self._rollback()
            what = f"saving to {self.location}"
            if lost and isinstance(exc, Exception):  # the server rolled it all back
                if isinstance(exc, psycopg.Error):
                    self._lost_reason = server_reason(exc)
                raise _LostWrite(
                    f"{what}: the connection to the server was lost ({self._lost_reason});"
                    " not saved"
                ) from None
            if isinstance(exc, psycopg.Error):  # bulk writes (import, merge)
                raise write_error(exc, what) from None
            raise
        self._tx_depth = 0
        bulk, self._bulk_rows = self._bulk_rows, 0
        try:
            self.conn.execute("COMMIT")
        except psycopg.Error as exc:
            lost = self._connection_gone(exc)
            self._rollback()
            if not lost:
                raise write_error(exc, "commit") from None
            self._confirm_commit(self._txid, exc)  # returns only if it was committed
        self._own_commits += 1
        if bulk > ANALYZE_AFTER_ROWS:
            self._analyze()

    def _connection_gone(self, exc: BaseException) -> bool:
        """The open transaction failed because the connection went, not for what it did."""
        return self.conn.closed or self.conn.broken or is_connection_lost(exc, self.conn)

    def _confirm_commit(self, txid: int, exc: psycopg.Error) -> None:
        """Learn from the server whether the transaction ``txid``, whose COMMIT got no
        answer, was committed: return if it was; ``_LostWrite`` if it was rolled back;
        ``UnconfirmedWriteError`` if the server cannot tell us within ``CONFIRM_SECONDS``."""
        deadline = time.monotonic() + CONFIRM_SECONDS
        reason = server_reason(exc)
        while True:
            try:
                self._reconnect()
                row = self.conn.execute("SELECT txid_status(%s)", (txid,)).fetchone()
                outcome = row[0] if row else None
            except (ProjectError, psycopg.Error):
                outcome = "unreachable"
            if outcome == "committed":
                return
            if outcome == "aborted":
                raise _LostWrite(
                    f"saving to {self.location}: the connection to the server was lost"
                    f" ({reason}); not saved"
                )
            if outcome is None or time.monotonic() > deadline:
                raise UnconfirmedWriteError(
                    f"saving to {self.location}: the connection to the server was lost"
                    f" while saving ({reason}) and the server could not confirm the change;"
                    " it may or may not be saved: look at the article again"
                )
            time.sleep(0.2)  # unreachable yet (restarting), or the commit still running

    def _analyze(self) -> None:
        """Refresh the planner's statistics after a bulk load (best effort: autovacuum
        would do it too, some minutes later)."""
        try:
            self.conn.execute(
                "ANALYZE articles, spans, article_status, search_index, history, annotators"
            )
        except psycopg.Error:
            pass

    def _rollback(self) -> None:
        self._forget_caches()
        if self.conn.closed or self.conn.broken:
            return
        try:
            self.conn.execute("ROLLBACK")
        except psycopg.Error:
            pass

    def _begin(self) -> None:
        if self.readonly:
            raise WriteFailedError(f"{self.location}: the project is open read-only; not saved")
        if self._snapshot_open:
            raise WriteFailedError(
                "an export is reading the project; not saved: try again when it is done"
            )
        deadline = time.monotonic() + WRITE_RETRY_SECONDS
        while True:
            try:
                if self.conn.closed or self.conn.broken:
                    self._reconnect()
                # One round trip: the project row is the write lock, held to COMMIT, so
                # every trip inside a write makes others wait (a team's load, see
                # docs/benchmarks.md).
                cur = self.conn.execute(
                    "BEGIN; UPDATE annotator_project SET changes = changes + 1,"
                    " last_txid = txid_current() RETURNING changes, last_txid"
                )
                cur.nextset()
                changes = cur.fetchone()
                self._refresh_caches(int(changes[0]) - 1 - self._own_commits if changes else 0)
                self._txid = int(changes[1]) if changes else 0
                return
            except ProjectError as exc:  # the server cannot be reached again (yet)
                if time.monotonic() > deadline:
                    raise WriteFailedError(f"{exc}; not saved") from None
                time.sleep(0.2)
            except psycopg.Error as exc:
                self._rollback()
                if not is_connection_lost(exc, self.conn) or time.monotonic() > deadline:
                    raise write_error(exc, "write") from None

    def _write(self, what: str, fn: Callable[[], T]) -> T:
        """Run ``fn`` in its own committed transaction (or a savepoint of the open one).

        On its own, a write the server rolled back because the connection went is run
        again on a new connection: it never landed, so it cannot land twice."""
        attempt = 1
        while True:
            try:
                return self._write_once(what, fn)
            except _LostWrite:
                if self._tx_depth or attempt >= WRITE_ATTEMPTS:
                    raise
                attempt += 1

    def _write_once(self, what: str, fn: Callable[[], T]) -> T:
        try:
            with self.transaction():
                return fn()
        except UnicodeEncodeError as exc:  # a lone surrogate, e.g. from a JSON "\ud800"
            raise ValidationError(
                f"{what}: text holds an unpaired surrogate"
                f" (U+{ord(exc.object[exc.start]):04X}) at character {exc.start};"
                " not valid Unicode"
            ) from None
        except psycopg.DataError as exc:
            raise ValidationError(f"{what}: {server_reason(exc)}") from None
        except psycopg.Error as exc:
            if self._connection_gone(exc):  # an outer transaction names it too
                self._lost_reason = server_reason(exc)
            raise write_error(exc, what) from None

    def _forget_caches(self) -> None:
        self._annotator_ids.clear()
        self._label_ids.clear()

    def _refresh_caches(self, version: int | None = None) -> None:
        """Forget remembered ids if another program committed since we last looked: it may
        have renamed a label and given the old name to a new one."""
        if version is None:
            version = self.data_version()
        if version != self._seen_version:
            self._seen_version = version
            self._forget_caches()

    def read_snapshot(self) -> AbstractContextManager[None]:
        """Every read inside sees one state of the project; see ``Store.read_snapshot``."""
        return self._read_snapshot()

    @contextmanager
    def _read_snapshot(self) -> Iterator[None]:
        """A REPEATABLE READ READ ONLY transaction: its snapshot is taken at its first
        statement and held to the end; other programs commit meanwhile, unblocked."""
        if self.in_transaction():
            yield
            return
        if self.conn.closed or self.conn.broken:
            self._reconnect()
        try:
            self.conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            self.conn.execute("SELECT 1 FROM annotator_project")  # takes the snapshot
        except psycopg.Error as exc:
            self._rollback()
            raise ProjectError(f"{self.location}: {server_reason(exc)}") from None
        self._snapshot_open = True
        try:
            yield
        except psycopg.Error as exc:  # the connection lost halfway through an export
            raise ProjectError(f"{self.location}: {server_reason(exc)}") from None
        finally:
            self._snapshot_open = False
            self._rollback()

    # -- settings --------------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self._exec("SELECT value FROM settings WHERE key = %s", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        problem = nul_problem("setting", key, value)
        if problem:
            raise problem
        self._write(
            "setting",
            lambda: self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (%s, %s)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            ),
        )

    # -- annotators ------------------------------------------------------------------

    def annotator_id(self, name: str, *, create: bool = True) -> int:
        if name in self._annotator_ids:
            return self._annotator_ids[name]
        row = self._exec("SELECT id FROM annotators WHERE name = %s", (name,)).fetchone()
        if row is None:
            if not create:
                raise NotFoundError(f"no annotator named {name!r}")
            if not name.strip():
                raise ValidationError("annotator name is empty")
            problem = nul_problem("annotator", "the name", name)
            if problem:
                raise problem

            def insert() -> tuple[int]:
                self.conn.execute(
                    "INSERT INTO annotators (name, kind, created_at) VALUES (%s, %s, %s)"
                    " ON CONFLICT (name) DO NOTHING",
                    (name, kind_for_name(name).value, now()),
                )
                return self.conn.execute(
                    "SELECT id FROM annotators WHERE name = %s", (name,)
                ).fetchone()  # type: ignore[return-value]

            row = self._write("annotator", insert)
        self._annotator_ids[name] = row[0]
        return row[0]

    def annotators(self) -> list[str]:
        return [r[0] for r in self._exec("SELECT name FROM annotators ORDER BY id")]

    def annotator_kinds(self) -> dict[str, str]:
        return dict(self._exec("SELECT name, kind FROM annotators ORDER BY id").fetchall())

    # -- labels ----------------------------------------------------------------------

    def labels(self) -> list[Label]:
        if not self.in_transaction():
            self._refresh_caches()
        rows = self._exec(f"SELECT {_LABEL_COLUMNS} FROM labels ORDER BY sort_order, id")
        return [label_row(r) for r in rows]

    def label(self, name: str) -> Label:
        row = self._exec(f"SELECT {_LABEL_COLUMNS} FROM labels WHERE name = %s", (name,)).fetchone()
        if row is None:
            raise NotFoundError(f"no label named {name!r}")
        return label_row(row)

    def label_by_id(self, label_id: int) -> Label:
        row = self._exec(
            f"SELECT {_LABEL_COLUMNS} FROM labels WHERE id = %s", (label_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError("that label was removed in another window or program")
        return label_row(row)

    def label_id(self, name: str) -> int:
        if name not in self._label_ids:
            self._label_ids[name] = self.label(name).id
        return self._label_ids[name]

    def _resolve_label(self, label: int | str) -> Label:
        return self.label_by_id(label) if isinstance(label, int) else self.label(label)

    def _current_label_id(self, name: str) -> int:
        """The id the label ``name`` has on the server now (another program may have
        renamed or removed it since it was remembered): one query, inside the write."""
        row = self._exec("SELECT id FROM labels WHERE name = %s", (name,)).fetchone()
        if row is None:
            raise NotFoundError(f"no label named {name!r}")
        self._label_ids[name] = row[0]
        return int(row[0])

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
        check_label_types(name, {"display_name": display_name, "color": color,
                                 "shortcut": shortcut, "guideline": guideline,
                                 "sort_order": sort_order})  # fmt: skip
        if shortcut is not None and len(shortcut) != 1:
            raise ValidationError(f"label {name!r}: shortcut must be one key, got {shortcut!r}")
        for field, value in (("the name", name), ("the display name", display_name),
                             ("the guideline", guideline), ("the color", color)):  # fmt: skip
            problem = nul_problem(f"label {name!r}", field, value)
            if problem:
                raise problem

        def insert() -> Label:
            if self.conn.execute("SELECT 1 FROM labels WHERE name = %s", (name,)).fetchone():
                raise ConflictError(f"label {name!r} already exists")
            if (
                shortcut is not None
                and self.conn.execute(
                    "SELECT 1 FROM labels WHERE shortcut = %s", (shortcut,)
                ).fetchone()
            ):
                raise ConflictError(f"label {name!r}: key {shortcut!r} is already used")
            order = sort_order
            if order is None:
                row = self.conn.execute(
                    "SELECT COALESCE(MAX(sort_order) + 1, 0) FROM labels"
                ).fetchone()
                order = row[0] if row else 0
            self.conn.execute(
                "INSERT INTO labels (name, display_name, color, shortcut, guideline, sort_order)"
                " VALUES (%s, %s, %s, %s, %s, %s)",
                (name, display_name, color or label_color(name), shortcut, guideline, order),
            )
            self._record("label_add", name=name)
            return self.label(name)

        return self._write(f"label {name!r}", insert)

    def update_label(self, name: int | str, /, **fields: Any) -> Label:
        """Change a label (named by id or name); ``name=`` in ``fields`` renames it."""
        allowed = {"name", "display_name", "color", "shortcut", "guideline", "sort_order"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValidationError(f"unknown label field(s): {', '.join(sorted(unknown))}")
        check_label_types(name, fields)  # type: ignore[arg-type]
        if "name" in fields and not str(fields["name"]).strip():
            raise ValidationError("label name is empty")
        if fields.get("shortcut") is not None and len(fields["shortcut"]) != 1:
            raise ValidationError(f"shortcut must be one key, got {fields['shortcut']!r}")
        for field, value in fields.items():
            problem = nul_problem(
                f"label {name!r}", field, value if isinstance(value, str) else None
            )
            if problem:
                raise problem

        def update() -> Label:
            label = self._resolve_label(name)
            if not fields:
                return label
            sets = ", ".join(f"{k} = %s" for k in fields)
            try:
                with self.transaction():  # a savepoint: the refusal below undoes only this
                    self.conn.execute(
                        f"UPDATE labels SET {sets} WHERE id = %s", (*fields.values(), label.id)
                    )
            except pg_errors.UniqueViolation as exc:
                taken = "shortcut" if "shortcut" in str(exc.diag.constraint_name) else "name"
                what = (
                    f"key {fields.get('shortcut')!r} is already used"
                    if taken == "shortcut"
                    else f"the name {fields.get('name')!r} is already used"
                )
                raise ConflictError(f"label {label.name!r}: {what}") from None
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
        return int(self._one("SELECT COUNT(*) FROM spans WHERE label_id = %s", (label_id,)))

    def remove_label(self, name: int | str, *, force: bool = False) -> int:
        """Remove a label; returns how many spans went with it (only with ``force``)."""

        def delete() -> int:
            label = self._resolve_label(name)
            used = self.label_usage(label.id)
            if used and not force:
                raise ConflictError(f"label {label.name!r} is used by {used} span(s); use --force")
            self.conn.execute("DELETE FROM spans WHERE label_id = %s", (label.id,))
            self.conn.execute("DELETE FROM labels WHERE id = %s", (label.id,))
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
