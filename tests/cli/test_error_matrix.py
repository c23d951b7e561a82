"""No traceback, ever: every command on bad projects, bad files and bad environments.

The commands are read from the click group itself (subcommands of ``labels`` included),
so a new command is in the matrix the day it is registered; if it takes an argument this
file does not know, ``GOOD`` says so by name. Each command runs once per bad project
(the project argument) and once per bad file for each of its other file arguments
(``import`` FILES, ``export`` OUT, ``init --labels`` ...). Whatever the case, it must
exit 0, 1 or 2 (usage), and a failure must be exactly one ``Error: ...`` line on stderr
(``import`` lists its bad records under that line, by design), never a traceback and
never the "internal problem" line that stands in for one; a project that a command
refused is left byte for byte as it was.

The commands run in this process (click's runner), the desktop app's two commands too:
a window they open is closed as soon as it shows. What only a real process shows (a
closed pipe) is in test_main.py.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from damage_data import damaged_project, edit_by_hand, healthy_project, project_with_version

from annotator.cli import main
from annotator.core.store.sqlite.schema import CURRENT_VERSION

#: Parameters that name the project the command works on.
PROJECT_PARAMS = {"db", "target", "source"}
#: Options a command cannot run without: their absence is a usage error, not this test's.
REQUIRED_OPTIONS: dict[tuple[str, ...], list[str]] = {
    ("suggest",): ["--from-annotator", "salma"],
    ("gui",): ["--annotator", "salma"],
    ("team", "add-user"): ["--role", "annotator", "--no-password"],
    ("assign",): ["--per-article", "1", "--annotators", "salma"],
    ("next",): ["--annotator", "salma"],
    ("checkout",): ["--annotator", "salma"],
}
#: Commands that open a window.
WINDOWS = {("gui",), ("review-app",)}
#: Refusals that come after a write the command makes on purpose, so the file changed
#: (besides an older project, which any command opening it for work upgrades first).
WRITES_FIRST = {
    # The app records the annotator's name before it reads the articles, where the damage
    # is found.
    (("gui",), "damaged project"): "the annotator's name was recorded",
}


@dataclass
class Env:
    """Good values for everything but the one argument under test."""

    folder: Path
    templates: Path

    def copy(self, name: str) -> Path:
        target = self.folder / f"good-{name}"
        if not target.exists():
            shutil.copy(self.templates / name, target)
        return target


#: A good value for each argument that is not the project, by parameter name.
GOOD: dict[str, Callable[[Env], str]] = {
    "files": lambda env: str(env.copy("articles.jsonl")),
    "sources": lambda env: str(env.copy("healthy.db")),
    "file": lambda env: str(env.copy("labels.json")),
    "out": lambda env: str(env.folder / "out.jsonl"),
    "destination": lambda env: str(env.folder / "copy.db"),
    "article_id": lambda env: "a1",
    "query": lambda env: "وزارة",
    "name": lambda env: "LAW",
    "local": lambda env: str(env.folder / "trip.db"),
    "checked_out": lambda env: str(env.copy("healthy.db")),
}


def _commands() -> list[tuple[tuple[str, ...], click.Command]]:
    found: list[tuple[tuple[str, ...], click.Command]] = []

    def walk(cmd: click.Command, path: tuple[str, ...]) -> None:
        if isinstance(cmd, click.Group):
            for name, sub in sorted(cmd.commands.items()):
                walk(sub, (*path, name))
        else:
            found.append((path, cmd))

    for name, cmd in sorted(main.cli.commands.items()):
        walk(cmd, (name,))
    return found


COMMANDS = _commands()


def _file_params(cmd: click.Command) -> list[click.Parameter]:
    """The command's file arguments and options other than the project."""
    return [
        p for p in cmd.params if isinstance(p.type, click.Path) and p.name not in PROJECT_PARAMS
    ]


# -- the bad cases ---------------------------------------------------------------------

ReadOnly = Callable[[list[Path]], Path]


def _copy(env: Env, name: str, as_name: str = "news.db") -> Path:
    target = env.folder / "case" / as_name
    target.parent.mkdir(exist_ok=True)
    shutil.copy(env.templates / name, target)
    return target


def _folder(env: Env, ro: ReadOnly) -> Path:
    where = env.folder / "case" / "news.db"
    where.mkdir(parents=True)
    return where


def _text(env: Env, ro: ReadOnly) -> Path:
    where = env.folder / "case" / "news.db"
    where.parent.mkdir()
    where.write_text("شاركت وزارة التضامن الاجتماعي\n", encoding="utf-8")
    return where


def _empty(env: Env, ro: ReadOnly) -> Path:
    where = env.folder / "case" / "news.db"
    where.parent.mkdir()
    where.touch()
    return where


CASES: dict[str, Callable[[Env, ReadOnly], Path]] = {
    "missing file": lambda env, ro: env.folder / "case" / "missing.db",
    "missing folder": lambda env, ro: env.folder / "no" / "such" / "folder" / "news.db",
    "a folder": _folder,
    "not a project": _text,
    "empty file": _empty,
    "another SQLite file": lambda env, ro: _copy(env, "other.db"),
    "damaged project": lambda env, ro: _copy(env, "damaged.db"),
    "newer project": lambda env, ro: _copy(env, "newer.db"),
    "older project": lambda env, ro: _copy(env, "older.db"),
    "edited by hand": lambda env, ro: _copy(env, "edited.db"),
    "read-only folder": lambda env, ro: ro([env.templates / "healthy.db"]) / "healthy.db",
}


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("templates")
    healthy_project(where / "healthy.db")
    healthy_project(where / "edited.db")
    edit_by_hand(where / "edited.db", "DELETE FROM labels WHERE name = 'GPE'")
    damaged_project(where / "damaged.db")
    project_with_version(where / "newer.db", CURRENT_VERSION + 1)
    project_with_version(where / "older.db", 1)
    conn = sqlite3.connect(where / "other.db")
    conn.execute("CREATE TABLE posts (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO posts (body) VALUES ('خبر عن وزارة التضامن')")
    conn.commit()
    conn.close()
    (where / "articles.jsonl").write_text(
        '{"id": "new1", "text": "أعلنت وزارة التضامن الاجتماعي عن برنامج تكافل وكرامة"}\n',
        encoding="utf-8",
    )
    (where / "labels.json").write_text(
        '[{"name": "LAW", "display_name": "قانون", "shortcut": "9"}]', encoding="utf-8"
    )
    return where


@pytest.fixture
def env(tmp_path: Path, templates: Path) -> Env:
    return Env(tmp_path, templates)


@pytest.fixture
def close_windows(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[Callable[[], None]]:
    """For the window commands: private settings, every window closed once shown and
    deleted afterwards (later tests look for their own windows among the top-level ones)."""
    armed: list[set[int]] = []

    def arm() -> None:
        request.getfixturevalue("qapp")
        from PySide6.QtCore import QSettings, QTimer
        from PySide6.QtWidgets import QApplication

        from annotator.gui.common import settings as prefs

        ini = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        monkeypatch.setattr(prefs, "default_settings", lambda: ini)
        armed.append({id(w) for w in QApplication.topLevelWidgets()})

        def close_all() -> None:
            for widget in QApplication.topLevelWidgets():
                if widget.isVisible():
                    widget.close()

        QTimer.singleShot(0, close_all)

    yield arm
    if not armed:
        return
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from annotator.gui.common import i18n

    for widget in QApplication.topLevelWidgets():
        if id(widget) not in armed[0]:  # closed by then, or never shown (half built)
            widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app = QApplication.instance()
    if app is not None:
        i18n.remove_language(app)


# -- running and judging ---------------------------------------------------------------


def _arguments(
    path: tuple[str, ...],
    cmd: click.Command,
    env: Env,
    project: str,
    bad: tuple[click.Parameter, str] | None = None,
) -> list[str]:
    args = list(path)
    options: list[str] = []
    for param in cmd.params:
        if bad is not None and param is bad[0]:
            if isinstance(param, click.Argument):
                args.append(bad[1])
            else:
                options += [param.opts[0], bad[1]]
        elif isinstance(param, click.Argument):
            if param.name in PROJECT_PARAMS:
                args.append(project)
            else:
                assert param.name in GOOD, (
                    f"{' '.join(path)}: add a good value for argument {param.name!r} to GOOD"
                )
                args.append(GOOD[param.name](env))
    if bad is None or isinstance(bad[0], click.Argument):
        options += REQUIRED_OPTIONS.get(path, [])
    return args + options


def _run(args: list[str]) -> Result:
    return CliRunner().invoke(main.cli, args, prog_name="annotator")


def _judge(result: Result, args: list[str]) -> None:
    what = "annotator " + " ".join(args)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{what}: raised {result.exception!r}"
    )
    assert result.exit_code in (0, 1, 2), f"{what}: exit {result.exit_code}"
    assert "Traceback" not in result.output, f"{what}:\n{result.output}"
    assert main.BUG_MESSAGE not in result.stderr, f"{what}:\n{result.stderr}"
    if result.exit_code == 0:
        return
    # "Upgraded X; the previous version is kept at Y" (an older project) is news, not an error
    lines = [line for line in result.stderr.splitlines() if not line.startswith("Upgraded ")]
    assert lines and lines[0].startswith("Error: "), f"{what}:\n{result.stderr}"
    if lines[0].startswith("Error: import failed"):  # the list of bad records
        assert all(line.startswith("  ") for line in lines[1:-1]), f"{what}:\n{result.stderr}"
        assert lines[-1].startswith("Fix them"), f"{what}:\n{result.stderr}"
    else:
        assert len(lines) == 1, f"{what}: more than one line:\n{result.stderr}"


def _snapshot(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def _ids(items: list[tuple[tuple[str, ...], str]]) -> list[str]:
    return [f"{' '.join(path)}: {case}" for path, case in items]


PROJECT_MATRIX = [(path, case) for path, _cmd in COMMANDS for case in CASES]
FILE_MATRIX = [
    ((*path, param.name or ""), case)
    for path, cmd in COMMANDS
    for param in _file_params(cmd)
    for case in CASES
    if case not in ("older project", "edited by hand")  # as input files, same as healthy
]


@pytest.mark.parametrize(("path", "case"), PROJECT_MATRIX, ids=_ids(PROJECT_MATRIX))
def test_every_command_on_a_bad_project(
    path: tuple[str, ...], case: str, env: Env, readonly_folder: ReadOnly, close_windows
) -> None:
    cmd = dict(COMMANDS)[path]
    project = CASES[case](env, readonly_folder)
    before = _snapshot(project)
    args = _arguments(path, cmd, env, str(project))
    if path in WINDOWS:
        close_windows()
    result = _run(args)
    _judge(result, args)
    changed_on_purpose = case == "older project" or (path, case) in WRITES_FIRST
    if result.exit_code != 0 and not changed_on_purpose:
        assert _snapshot(project) == before, f"annotator {' '.join(args)} changed the project"


@pytest.mark.parametrize(("where", "case"), FILE_MATRIX, ids=_ids(FILE_MATRIX))
def test_every_file_argument_on_a_bad_file(
    where: tuple[str, ...], case: str, env: Env, readonly_folder: ReadOnly
) -> None:
    path, name = where[:-1], where[-1]
    cmd = dict(COMMANDS)[path]
    [param] = [p for p in _file_params(cmd) if p.name == name]
    bad = CASES[case](env, readonly_folder)
    project = env.copy("healthy.db") if "init" not in path else env.folder / "new.db"
    before = _snapshot(project)
    args = _arguments(path, cmd, env, str(project), (param, str(bad)))
    result = _run(args)
    _judge(result, args)
    if result.exit_code != 0:
        assert _snapshot(project) == before, f"annotator {' '.join(args)} changed the project"


def test_the_matrix_covers_every_command() -> None:
    """Derived from the group: the commands the docs name are all in it."""
    names = {path[0] for path, _cmd in COMMANDS}
    assert names == set(main.cli.commands)
    assert ("labels", "add") in dict(COMMANDS) and ("check",) in dict(COMMANDS)
    assert {w[:-1] for w, _case in FILE_MATRIX} >= {("import",), ("export",), ("merge",)}
