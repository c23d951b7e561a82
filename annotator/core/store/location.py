"""Where a project lives: a file path, or a PostgreSQL URL (``postgresql://user@host/db``).

Every command and the app take either. A URL may name a PostgreSQL schema with
``?schema=NAME`` (the project's tables live there instead of in ``public``, so one database
can hold several projects); the rest of the URL is libpq's own, passed to the server as
it is (``host=/run/postgresql`` for a Unix socket, ``sslmode=require``...).

A password is never part of a location: it would end up in shell histories, process
lists, the recent-projects list and messages. libpq reads it from ``PGPASSWORD`` or
``~/.pgpass``; the app's Open dialog passes one typed by hand to ``remember_password``,
which keeps it in this process's memory only (for reconnecting and for the second
connection an export opens).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from annotator.core.errors import ProjectError

SCHEMES = ("postgresql", "postgres")
DEFAULT_SCHEMA = "public"
#: A schema name this program will create or open: a plain identifier, no quoting needed.
_SCHEMA_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")

#: Passwords typed into the app, by location; never written anywhere.
_passwords: dict[str, str] = {}


def is_server_url(target: object) -> bool:
    """True for ``postgresql://...`` / ``postgres://...`` (a string, not a Path)."""
    if not isinstance(target, str):
        return False
    scheme, sep, _ = target.partition("://")
    return bool(sep) and scheme.lower() in SCHEMES


@dataclass(frozen=True, slots=True)
class ServerLocation:
    """A parsed server URL: what libpq gets, and what messages and settings show."""

    #: The URL for libpq, without ``schema=`` (libpq does not know it).
    conninfo: str
    #: The PostgreSQL schema holding the project's tables.
    schema: str
    #: The URL as shown and remembered: never a password, ``schema=`` kept unless public.
    location: str
    #: The database name, for short titles ("news on db.example.org").
    dbname: str
    host: str

    @property
    def password(self) -> str | None:
        return _passwords.get(self.location)


def parse_server_url(url: str, schema: str | None = None) -> ServerLocation:
    """Split a server URL into what libpq gets and what is shown; refuse a password in it.

    ``schema`` (``annotator init --schema``) overrides a ``?schema=`` in the URL.
    """
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    if parts.password is not None or any(k == "password" for k, _ in query):
        raise ProjectError(
            "a password does not go in the project's address (it would be kept in the"
            " shell history and the recent projects): put it in ~/.pgpass or the"
            " PGPASSWORD environment variable, or type it in the app's Open dialog"
        )
    named = [v for k, v in query if k == "schema"]
    chosen = schema if schema is not None else (named[-1] if named else DEFAULT_SCHEMA)
    if not _SCHEMA_NAME.fullmatch(chosen):
        raise ProjectError(
            f"{chosen!r} cannot be a project's schema name: use lower-case letters, digits"
            " and _ (at most 63), starting with a letter or _"
        )
    rest = [(k, v) for k, v in query if k != "schema"]
    scheme = parts.scheme.lower()
    conninfo = urlunsplit(
        (scheme, parts.netloc, parts.path, urlencode(rest, safe="/:@,", quote_via=quote), "")
    )
    shown = rest + ([("schema", chosen)] if chosen != DEFAULT_SCHEMA else [])
    location = urlunsplit(
        (scheme, parts.netloc, parts.path, urlencode(shown, safe="/:@,", quote_via=quote), "")
    )
    host = parts.hostname or dict(rest).get("host", "") or "localhost"
    dbname = unquote(parts.path.lstrip("/")) or (parts.username or "")
    return ServerLocation(conninfo, chosen, location, dbname, host)


def remember_password(url: str, password: str) -> None:
    """Keep a password typed in the app for this server location, in memory only."""
    loc = parse_server_url(url).location
    if password:
        _passwords[loc] = password
    else:
        _passwords.pop(loc, None)


def short_name(location: str | Path) -> str:
    """A project's short name for a window title: the file's name, or the database (and
    schema) on its host."""
    if is_server_url(location):
        loc = parse_server_url(str(location))
        schema = "" if loc.schema == DEFAULT_SCHEMA else f".{loc.schema}"
        return f"{loc.dbname}{schema} on {loc.host}"
    return Path(location).name
