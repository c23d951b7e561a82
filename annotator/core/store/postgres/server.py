"""Connecting to the server, creating a project in a database, opening and upgrading one.

Every check that can refuse runs before the first write: the database is reachable and
UTF-8, the schema holds an annotator project (or, for a new one, nothing at all), its
version is one this program knows. Creating and upgrading run in one transaction each, so
a refusal or a failure leaves the database as it was.
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import sql

from annotator.core.errors import ProjectError, SchemaTooNewError
from annotator.core.store.location import ServerLocation
from annotator.core.store.postgres.roles import grant_after_upgrade
from annotator.core.store.postgres.rows import server_reason
from annotator.core.store.postgres.schema import APPLICATION, CURRENT_VERSION, MIGRATIONS

#: The first schema with a team (``annotator_project.team_prefix``).
TEAM_VERSION = 2
#: How long a write waits for another program's write to finish before "busy".
LOCK_TIMEOUT = "5s"
CONNECT_TIMEOUT_SECONDS = 10


def connect(loc: ServerLocation, *, readonly: bool = False) -> psycopg.Connection[Any]:
    """A connection in autocommit mode (the store opens its transactions itself), with the
    project's schema first on the search path."""
    kwargs: dict[str, Any] = {"autocommit": True, "connect_timeout": CONNECT_TIMEOUT_SECONDS}
    if loc.password is not None:
        kwargs["password"] = loc.password
    try:
        conn = psycopg.connect(loc.conninfo, **kwargs)
    except psycopg.Error as exc:
        raise ProjectError(f"{loc.location}: cannot connect: {server_reason(exc)}") from None
    try:
        conn.execute("SET client_encoding = 'UTF8'")
        conn.execute(sql.SQL("SET search_path = {}").format(sql.Identifier(loc.schema)))
        conn.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
        conn.execute("SET application_name = 'annotator'")
        if readonly:
            conn.execute("SET default_transaction_read_only = on")
        encoding = conn.execute("SHOW server_encoding").fetchone()
    except psycopg.Error as exc:
        conn.close()
        raise ProjectError(
            f"{loc.location}: cannot use the database: {server_reason(exc)}"
        ) from None
    if encoding is None or encoding[0].upper() not in ("UTF8", "UTF-8"):
        conn.close()
        raise ProjectError(
            f"{loc.location}: the database's encoding is {encoding[0] if encoding else '?'},"
            " not UTF8; create it with ENCODING 'UTF8'"
        )
    return conn


def _tables_in(conn: psycopg.Connection[Any], schema: str) -> list[str]:
    rows = conn.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = %s AND c.relkind IN ('r', 'v', 'm', 'p', 'f') ORDER BY 1",
        (schema,),
    ).fetchall()
    return [r[0] for r in rows]


def _schema_exists(conn: psycopg.Connection[Any], schema: str) -> bool:
    row = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone()
    return row is not None


def project_version(conn: psycopg.Connection[Any], loc: ServerLocation) -> int:
    """The schema version of the project at ``loc``; refuses anything that is not one."""
    tables = _tables_in(conn, loc.schema) if _schema_exists(conn, loc.schema) else []
    if "annotator_project" not in tables:
        if tables:
            raise ProjectError(
                f"{loc.location}: the database holds other tables"
                f" ({', '.join(tables[:5])}{'...' if len(tables) > 5 else ''}),"
                " not an annotator project"
            )
        raise ProjectError(
            f"{loc.location}: no annotator project there (create one with: annotator init"
            f" {loc.location})"
        )
    row = conn.execute("SELECT application, schema_version FROM annotator_project").fetchone()
    if row is None or row[0] != APPLICATION:
        raise ProjectError(f"{loc.location}: not an annotator project")
    return int(row[1])


def migrate(
    conn: psycopg.Connection[Any], from_version: int, to_version: int | None = None
) -> None:
    """Apply each migration after ``from_version``, all in one transaction."""
    target = CURRENT_VERSION if to_version is None else to_version
    with conn.transaction():
        for version in range(from_version + 1, target + 1):
            conn.execute(MIGRATIONS[version])  # type: ignore[arg-type]
        conn.execute("UPDATE annotator_project SET schema_version = %s", (target,))


def create_project(loc: ServerLocation) -> psycopg.Connection[Any]:
    """Create the project's tables in an empty schema; refuses one that holds anything."""
    conn = connect(loc)
    try:
        with conn.transaction():
            if _schema_exists(conn, loc.schema):
                tables = _tables_in(conn, loc.schema)
                if "annotator_project" in tables:
                    raise ProjectError(
                        f"{loc.location}: already holds an annotator project; refusing to"
                        " overwrite it"
                    )
                if tables:
                    raise ProjectError(
                        f"{loc.location}: the database holds other tables"
                        f" ({', '.join(tables[:5])}{'...' if len(tables) > 5 else ''});"
                        " use an empty database, or another schema with --schema"
                    )
            else:
                conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(loc.schema)))
            migrate(conn, 0)
    except psycopg.Error as exc:
        conn.close()
        raise ProjectError(f"{loc.location}: cannot create project: {server_reason(exc)}") from None
    except BaseException:
        conn.close()
        raise
    return conn


def schema_versions(loc: ServerLocation) -> tuple[int, int] | None:
    """(the project's schema version, this program's), or None if there is no project."""
    try:
        conn = connect(loc)
    except ProjectError:
        return None
    try:
        return project_version(conn, loc), CURRENT_VERSION
    except (ProjectError, psycopg.Error):
        return None
    finally:
        conn.close()


def open_project(loc: ServerLocation, *, readonly: bool = False) -> psycopg.Connection[Any]:
    """Open the project at ``loc``, upgrading it forward (in one transaction) if needed,
    also for a read-only use (as for a file, when the user may change it)."""
    conn = connect(loc)
    try:
        version = project_version(conn, loc)
        if version > CURRENT_VERSION:
            raise SchemaTooNewError(
                f"{loc.location}: written by a newer annotator (schema {version}, this one"
                f" knows up to {CURRENT_VERSION}); upgrade annotator to open it"
            )
        if version < CURRENT_VERSION:
            with conn.transaction():
                conn.execute("LOCK TABLE annotator_project IN EXCLUSIVE MODE")
                again = project_version(conn, loc)  # another program may have upgraded it
                if again < CURRENT_VERSION:
                    migrate(conn, again)
                    if again >= TEAM_VERSION:  # a team may exist: rights on what is new
                        grant_after_upgrade(conn, loc.schema)
        if readonly:
            conn.execute("SET default_transaction_read_only = on")
    except psycopg.Error as exc:
        conn.close()
        raise ProjectError(f"{loc.location}: cannot open project: {server_reason(exc)}") from None
    except BaseException:
        conn.close()
        raise
    return conn
