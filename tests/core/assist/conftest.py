"""Search, tag-all and suggestions run on every backend, each with its own search index:
``project`` (and so ``seed_project``) here is a new project on the backend of the test's
``backend`` parameter (tests/conftest.py)."""

from __future__ import annotations

import pytest

from annotator.core.store import Store


@pytest.fixture
def project(backend_project: Store) -> Store:
    return backend_project
