"""Helpers for the tests of a team on a server project: a project with real Arabic
articles, login roles with unique names, and connecting as one of them.

Login and group roles are cluster-wide: each test's names are unique and everything it
made (the schema, the login roles, the project's three group roles) is dropped after it.
The test server trusts local connections, so connecting as a role is ``user=`` in the URL.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import psycopg

from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn
from annotator.core.store import Store, create_store, open_store
from annotator.core.store.location import parse_server_url

TEXTS = [
    "أعلنت وزارة التضامن الاجتماعي عن برنامج تكافل وكرامة في القاهرة",
    "قال الرئيس عبد الفتاح السيسي إن الحكومة ستدعم المزارعين في الصعيد",
    "افتتح وزير التعليم مدرسة جديدة في الإسكندرية يوم الأحد",
    "وصل وفد من الأمم المتحدة إلى بيروت لبحث ملف اللاجئين",
]


def as_user(url: str, login: str) -> str:
    """``url`` with the database user replaced by ``login``."""
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, f"{login}@{host}", parts.path, parts.query, ""))


def make_project(url: str, n: int = len(TEXTS)) -> None:
    with create_store(url, default_labels()) as store, store.transaction():
        for i in range(n):
            store.insert_article(
                ArticleIn(ext_id=f"a{i}", text=TEXTS[i % len(TEXTS)], title=f"خبر {i}")
            )


class Team:
    """Unique login names for one test, and the project's URL as each of them."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.tag = uuid.uuid4().hex[:8]
        self.logins: list[str] = []

    def login(self, name: str) -> str:
        """A unique login role name for the person ``name`` (dropped after the test)."""
        login = f"{name}_{self.tag}"
        self.logins.append(login)
        return login

    def open_as(self, login: str) -> Store:
        return open_store(as_user(self.url, login))


def drop_team(url: str, logins: list[str]) -> None:
    """Drop the project's schema, its group roles and the test's login roles."""
    loc = parse_server_url(url)
    with psycopg.connect(loc.conninfo, autocommit=True) as conn:
        conn.execute("SET lock_timeout = '10s'")
        prefix = None
        try:
            row = conn.execute(
                f'SELECT team_prefix FROM "{loc.schema}".annotator_project'
            ).fetchone()
            prefix = row[0] if row else None
        except psycopg.Error:
            pass
        conn.execute(f'DROP SCHEMA IF EXISTS "{loc.schema}" CASCADE')
        groups = [f"annotator_{prefix}_{r}" for r in ("annotator", "reviewer", "lead")]
        for role in [*logins, *(groups if prefix else [])]:
            exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
            if exists.fetchone():
                conn.execute(f'DROP OWNED BY "{role}"')
                conn.execute(f'DROP ROLE "{role}"')


def team_fixture(url: str) -> Iterator[Team]:
    """A server project of four Arabic articles, and a team to fill; all dropped after
    (the ``team`` fixture of tests/conftest.py)."""
    make_project(url)
    made = Team(url)
    yield made
    drop_team(url, made.logins)
