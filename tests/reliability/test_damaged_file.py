"""A damaged project file (a failing disk, a broken copy): a clear message naming it.

SQLite finds the damage only when it reads a broken page, so the check is what the user
sees when that happens, in the app and on the command line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli.main import cli
from annotator.core.errors import AnnotatorError
from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn
from annotator.core.store import create_store


def _damaged_project(path: Path) -> None:
    """A real project whose pages after the first were overwritten (a bad disk, a bad copy)."""
    with create_store(path, default_labels()) as store, store.transaction():
        for i in range(300):
            store.insert_article(ArticleIn(ext_id=f"a{i}", text="نص طويل " * 200))
    data = bytearray(path.read_bytes())
    for off in range(8192, len(data) - 4096, 4096 * 7):
        data[off : off + 4096] = b"\xde\xad" * 2048
    path.write_bytes(bytes(data))


def test_damaged_project_file_is_a_clear_message(qtbot, settings, tmp_path: Path) -> None:
    from annotator.gui.app import build_main_window

    path = tmp_path / "news.db"
    _damaged_project(path)
    with pytest.raises(AnnotatorError, match="news.db"):
        build_main_window(path, "salma", settings=settings)


def test_damaged_project_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    _damaged_project(path)
    result = CliRunner().invoke(cli, ["stats", str(path)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "malformed" in result.output
    assert "Traceback" not in result.output


def test_damaged_project_message_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    _damaged_project(path)
    result = CliRunner().invoke(cli, ["stats", str(path)])
    assert str(path) in result.output


def test_message_names_only_the_file_this_command_opened(tmp_path: Path) -> None:
    """Several commands in one process (tests, scripts): earlier projects are not named."""
    good = tmp_path / "good.db"
    create_store(good, default_labels()).close()
    assert CliRunner().invoke(cli, ["stats", str(good)]).exit_code == 0
    path = tmp_path / "news.db"
    _damaged_project(path)
    result = CliRunner().invoke(cli, ["stats", str(path)])
    assert result.output.startswith(f"Error: {path}: database error: ")
