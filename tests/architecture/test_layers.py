"""The layering rules of docs/architecture.md, checked on the source.

- The core does not import the GUI, the CLI, or Qt (test_no_qt.py also imports it for real).
- SQL stays in ``annotator.core.store``: no other module imports a database driver or a
  backend package (``annotator.core.store.sqlite``, ``.postgres``), nor runs ``.execute(``.
- No import cycles, lazy imports in functions included.
- Nothing is imported by a name computed at run time (a frozen build would lose it).
"""

from __future__ import annotations

import ast

import pytest
import rules

DATABASE_DRIVERS = ("sqlite3", "sqlite_utils", "psycopg", "psycopg2", "apsw")
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6")
STORE = "annotator.core.store"
BACKENDS = ("annotator.core.store.sqlite", "annotator.core.store.postgres")


def _top(target: str) -> str:
    return target.split(".", 1)[0]


def _imports() -> list[rules.Import]:
    return [imp for path in rules.source_files() for imp in rules.imports_of(path)]


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_the_rules_see_the_whole_package() -> None:
    mods = rules.modules()
    assert "annotator.core.store.interface" in mods
    assert "annotator.gui.app" in mods and "annotator.cli.main" in mods
    assert len(_imports()) > 300


def test_core_imports_no_gui_cli_or_qt() -> None:
    bad = [
        f"{imp.module}:{imp.line} imports {imp.target}"
        for imp in _imports()
        if _inside(imp.module, "annotator.core")
        and (
            _top(imp.target) in QT
            or _inside(imp.target, "annotator.gui")
            or _inside(imp.target, "annotator.cli")
        )
    ]
    assert bad == []


def test_qt_only_under_gui() -> None:
    bad = [
        f"{imp.module}:{imp.line} imports {imp.target}"
        for imp in _imports()
        if _top(imp.target) in QT and not _inside(imp.module, "annotator.gui")
    ]
    assert bad == []


def test_database_drivers_only_in_the_store() -> None:
    bad = [
        f"{imp.module}:{imp.line} imports {imp.target}"
        for imp in _imports()
        if _top(imp.target) in DATABASE_DRIVERS and not _inside(imp.module, STORE)
    ]
    assert bad == []


def test_backends_are_reached_only_through_the_store_interface() -> None:
    bad = [
        f"{imp.module}:{imp.line} imports {imp.target}"
        for imp in _imports()
        if any(_inside(imp.target, b) for b in BACKENDS) and not _inside(imp.module, STORE)
    ]
    assert bad == []


def _calls(name: str) -> list[str]:
    """Where a method or function called ``name`` is called, outside the store package."""
    found = []
    for mod, path in rules.modules().items():
        if _inside(mod, STORE):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if called == name:
                    found.append(f"{mod}:{node.lineno}")
    return found


@pytest.mark.parametrize("method", ["execute", "executemany", "executescript"])
def test_no_sql_runs_outside_the_store(method: str) -> None:
    assert _calls(method) == []


@pytest.mark.parametrize("function", ["import_module", "__import__", "find_spec"])
def test_nothing_is_imported_by_a_computed_name(function: str) -> None:
    assert _calls(function) == []


def test_no_import_cycles() -> None:
    assert rules.cycles(rules.graph(include_type_checking=True)) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    g = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert rules.cycles(g) == [["a", "b", "c"]]
    assert rules.cycles({"a": {"b"}, "b": set()}) == []


#: The GUI's packages, top to bottom (annotator/gui/__init__.py): each imports only below.
GUI_LAYERS = ("app", "workspace", "search", "dialogs", "review", "article_view", "common")


def _gui_layer(module: str) -> int | None:
    parts = module.split(".")
    if parts[:2] != ["annotator", "gui"] or len(parts) < 3:
        return None
    return GUI_LAYERS.index(parts[2])


def test_gui_packages_import_only_the_ones_below() -> None:
    known = rules.modules()
    layered = {m for m in known if _gui_layer(m) is not None}
    assert {m.split(".")[2] for m in layered} == set(GUI_LAYERS)
    bad = []
    for mod, targets in rules.graph(include_type_checking=True).items():
        here = _gui_layer(mod)
        if here is None:
            continue
        for target in targets:
            there = _gui_layer(target)
            if there is not None and there < here:
                bad.append(f"{mod} imports {target}")
    assert bad == []
