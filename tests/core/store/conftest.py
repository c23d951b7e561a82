"""The storage tests run on every backend: ``project`` (and so ``seed_project``) here is a
new project on the backend of the test's ``backend`` parameter (tests/conftest.py), so
each test runs once on a project file and once on a schema of the test server."""

from __future__ import annotations

import pytest

from annotator.core.store import Store


@pytest.fixture
def project(backend_project: Store) -> Store:
    return backend_project
