"""GUI fixtures: a project file with real Arabic articles and a window built on it
(``settings`` and ``make_window`` live in tests/conftest.py, shared with tests/reliability)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def project_path(tmp_path: Path, seed_text: str) -> Path:
    """A closed project file: the seed article first, then two short articles."""
    from annotator.core.labels import default_labels
    from annotator.core.model import ArticleIn
    from annotator.core.store import create_store

    path = tmp_path / "news.db"
    with create_store(path, default_labels()) as store, store.transaction():
        store.insert_article(ArticleIn(ext_id="seed", text=seed_text, title="التضامن تشارك"))
        store.insert_article(
            ArticleIn(ext_id="a2", text="زار وزير الخارجية القاهرة أمس.", title="زيارة")
        )
        store.insert_article(
            ArticleIn(ext_id="a3", text="افتتحت الوزيرة مؤتمر الشباب في أسوان.", title="مؤتمر")
        )
    return path


@pytest.fixture
def window(make_window, project_path: Path):
    return make_window(project_path)
