"""Live changes from the server: a connection of its own that LISTENs on the project's
channel (schema.py, version 3: triggers send a small notice when a statement changes a
table the windows show, delivered when its transaction commits).

``changes()`` never waits and never reads a table: it takes the notices that have
arrived on the socket. Notices sent by the store's own connection are left out (the
window already redrew after its own write). If the listening connection is lost (a
server restart), notices may have been missed: the next ``changes()`` that manages to
connect again reports one ``Change("*")``, and the window re-reads everything once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import psycopg
from psycopg import pq, sql

from annotator.core.errors import ProjectError
from annotator.core.store.interface import Change
from annotator.core.store.location import ServerLocation
from annotator.core.store.postgres import server
from annotator.core.store.postgres.schema import channel_for


def parse_notice(payload: str) -> Change:
    """``"spans 12,40"`` -> Change("spans", {12, 40}); ``"labels *"`` -> Change("labels")."""
    table, _, ids = payload.partition(" ")
    if not ids or ids == "*":
        return Change(table)
    try:
        return Change(table, frozenset(int(i) for i in ids.split(",")))
    except ValueError:
        return Change(table)


class PgChangeListener:
    """The ``ChangeListener`` of a server project."""

    def __init__(self, loc: ServerLocation, own_pid: Callable[[], int]) -> None:
        self._loc = loc
        self._own_pid = own_pid
        self._channel = channel_for(loc.schema)
        self._conn: psycopg.Connection[Any] | None = None
        self._closed = False
        self._open()

    def _open(self) -> None:
        conn = server.connect(self._loc)
        try:
            conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self._channel)))
        except psycopg.Error:
            conn.close()
            raise ProjectError(f"{self._loc.location}: cannot listen for changes") from None
        self._conn = conn

    @property
    def broken(self) -> bool:
        return self._conn is None or self._conn.closed or self._conn.broken

    def fileno(self) -> int:
        return -1 if self.broken or self._conn is None else self._conn.fileno()

    def changes(self) -> list[Change]:
        if self._closed:
            return []
        if self.broken:
            return self._reopen()
        assert self._conn is not None
        own = self._own_pid()
        found: list[Change] = []
        pgconn = self._conn.pgconn
        try:
            # libpq's own calls: read what the socket holds without waiting. A connection
            # the server ended holds its goodbye message, then the end of the stream,
            # which the second read meets and raises (psycopg's ``notifies(timeout=0)``
            # stays silent there); on a live connection the second read finds nothing.
            pgconn.consume_input()
            pgconn.consume_input()
        except psycopg.Error:
            return self._reopen()
        if pgconn.status != pq.ConnStatus.OK:
            return self._reopen()
        while (notice := pgconn.notifies()) is not None:
            if notice.be_pid != own:
                found.append(parse_notice(notice.extra.decode("utf-8", "replace")))
        return found

    def _reopen(self) -> list[Change]:
        """Connect again; anything may have changed while nobody listened."""
        if self._conn is not None:
            try:
                self._conn.close()
            except psycopg.Error:
                pass
            self._conn = None
        try:
            self._open()
        except ProjectError:
            return []
        return [Change("*")]

    def close(self) -> None:
        self._closed = True
        if self._conn is not None and not self._conn.closed:
            self._conn.close()
