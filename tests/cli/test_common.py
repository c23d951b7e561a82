"""The shared progress bar: on a terminal only, and never for nothing to do."""

from __future__ import annotations

import io

import pytest

from annotator.cli import common
from annotator.cli.common import Progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _on_terminal(monkeypatch: pytest.MonkeyPatch) -> _Terminal:
    # Patched in the test body: pytest puts its own capture back between setup and call.
    out = _Terminal()
    monkeypatch.setattr(common.sys, "stderr", out)
    return out


def test_no_bar_when_there_is_nothing_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _on_terminal(monkeypatch)
    with Progress("Indexing for search") as bar:
        bar(0, 0)
        assert bar._bar is None
    assert "Indexing" not in terminal.getvalue()


def test_bar_starts_once_there_is_work(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _on_terminal(monkeypatch)
    with Progress("Indexing for search") as bar:
        bar(0, 0)
        bar(0, 3)
        bar(3, 3)
        assert bar._bar is not None
    assert "Indexing for search" in terminal.getvalue()
    assert "3/3" in terminal.getvalue()


def test_silent_off_a_terminal() -> None:
    with Progress("Importing") as bar:
        bar(1, 2)
        assert bar._bar is None
