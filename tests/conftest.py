"""Shared fixtures. Qt runs offscreen in every test, set here rather than by hand.

Storage tests run on both backends: ``backend`` is parametrized over "sqlite" and
"postgres", and ``new_target`` is where a new project of that backend goes (a file in the
test's folder, or a fresh schema on the test server, dropped after the test).

The test server is ``ANNOTATOR_TEST_PG`` (a ``postgresql://`` URL; ``./dev test`` and
``.ci/with-postgres`` start a throwaway one and set it). Without it the PostgreSQL tests
fail, so CI can never pass them by skipping; ``ANNOTATOR_TEST_PG=skip`` says on purpose
that there is no server here, and then they are skipped.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parent / "data"
SEED_ARTICLE = DATA / "seed_article.txt"
WOJOOD_TEST = DATA / "wojood" / "test.txt"
BACKENDS = ("sqlite", "postgres")


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The test server's URL (``ANNOTATOR_TEST_PG``); fails without one, see above."""
    url = os.environ.get("ANNOTATOR_TEST_PG", "").strip()
    if url == "skip":
        pytest.skip("ANNOTATOR_TEST_PG=skip: no PostgreSQL server for these tests")
    if not url:
        pytest.fail(
            "no PostgreSQL server for this test: run it through ./dev test or"
            " .ci/with-postgres, set ANNOTATOR_TEST_PG=postgresql://..., or set"
            " ANNOTATOR_TEST_PG=skip to skip the server tests",
            pytrace=False,
        )
    return url


def with_schema(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}schema={schema}"


def drop_schema(server: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute("SET lock_timeout = '10s'")
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
def pg_urls(pg_server: str) -> Iterator[Callable[[], str]]:
    """Makes server URLs, each naming a schema of its own (nothing in it yet); the schemas
    are dropped after the test."""
    made: list[str] = []

    def make() -> str:
        made.append(f"t_{uuid.uuid4().hex[:16]}")
        return with_schema(pg_server, made[-1])

    yield make
    for schema in made:
        drop_schema(pg_server, schema)


@pytest.fixture
def pg_url(pg_urls: Callable[[], str]) -> str:
    """A server URL naming a fresh schema of its own, dropped after the test."""
    return pg_urls()


@pytest.fixture
def team(pg_url: str):
    """A server project of four Arabic articles and a team to fill (tests/team_server.py);
    the schema, the login roles and the project's group roles are dropped after."""
    from team_server import team_fixture

    yield from team_fixture(pg_url)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The storage backend this run of the test is on."""
    return request.param


@pytest.fixture
def make_target(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Callable[[], str | Path]:
    """Makes places for new projects on this test's backend: files in the test's folder,
    or fresh server schemas."""
    if backend == "sqlite":
        names = (tmp_path / f"project{n or ''}.db" for n in range(1000))
        return lambda: next(names)
    return request.getfixturevalue("pg_urls")


@pytest.fixture
def new_target(make_target: Callable[[], str | Path]) -> str | Path:
    """Where a new project goes on this test's backend: a file, or a fresh server schema."""
    return make_target()


@pytest.fixture
def seed_text() -> str:
    return SEED_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture
def backend_project(new_target: str | Path):
    """A fresh project with the default labels on this test's backend, closed after it
    (the ``project`` of the test folders that run on every backend)."""
    from annotator.core.labels import default_labels
    from annotator.core.store import create_store

    store = create_store(new_target, default_labels())
    yield store
    store.close()


@pytest.fixture
def project(tmp_path: Path):
    """A fresh project with the default labels, closed after the test."""
    from annotator.core.labels import default_labels
    from annotator.core.store import create_store

    store = create_store(tmp_path / "project.db", default_labels())
    yield store
    store.close()


@pytest.fixture
def seed_project(project, seed_text):
    """A project holding the seed article (ext id ``seed``)."""
    from annotator.core.model import ArticleIn

    with project.transaction():
        project.insert_article(ArticleIn(ext_id="seed", text=seed_text, title="التضامن"))
    return project


@pytest.fixture
def settings(tmp_path: Path):
    """App settings in a private file, so tests never touch the user's."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, settings):
    """Build and show a main window on a project; closed after the test."""
    from annotator.gui.app import build_main_window

    def make(path: Path, annotator: str = "salma"):
        window = build_main_window(path, annotator, settings=settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make
