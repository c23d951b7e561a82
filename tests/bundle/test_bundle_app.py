"""The standalone app from its archive, with no Python on PATH: every command, the sample
files, export, the desktop app in Arabic on the sample project, install and uninstall."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator import __version__
from annotator.cli.main import cli

pytestmark = pytest.mark.bundle

ROOT = Path(__file__).resolve().parents[2]
sys.path.append(str(ROOT / "packaging"))
import bundle_rules  # noqa: E402

ARABIC = re.compile(r"[\u0600-\u06FF]")
#: Libraries Qt's X11 plugin takes from the system (what ./dev and install.sh name).
X11_SYSTEM_LIBRARIES = {
    "libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-image.so.0",
    "libxcb-render-util.so.0", "libxcb-xinerama.so.0", "libxcb-xkb.so.1",
    "libxkbcommon-x11.so.0", "libxcb-shape.so.0", "libxcb-randr.so.0",
}  # fmt: skip
#: What Qt's Wayland plugin takes from the system: a Wayland desktop has them.
WAYLAND_SYSTEM_LIBRARIES = {"libwayland-client.so.0", "libwayland-cursor.so.0",
                            "libwayland-egl.so.1"}  # fmt: skip


def test_the_archive_is_named_for_the_version_and_machine(built: Path) -> None:
    assert built.name == f"annotator-{__version__}-linux-x86_64.tar.gz"


def test_version(run_app) -> None:
    done = run_app("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"annotator, version {__version__}"


def test_every_command_is_in_the_bundle(run_app) -> None:
    """The commands are imported by name; a module PyInstaller missed would be absent."""
    done = run_app("--help")
    assert done.returncode == 0, done.stderr
    listed = set(re.findall(r"^  ([a-z][a-z-]*)\*?\s", done.stdout, re.M))
    assert listed == set(cli.commands)


def test_init_import_export_as_the_checkout_does(run_app, app_dir: Path, tmp_path: Path) -> None:
    sample = app_dir / "_internal" / "sample_data"
    assert run_app("init", "news.db").returncode == 0
    done = run_app("import", "news.db", str(sample / "seed_article.jsonl"))
    assert done.returncode == 0, done.stderr
    done = run_app("import", "news.db", str(sample / "wojood" / "test.txt"),
                   "--annotator", "wojood")  # fmt: skip
    assert done.returncode == 0, done.stderr
    done = run_app("export", "news.db", "out.conll", "--format", "conll",
                   "--annotator", "wojood", "--status", "all")  # fmt: skip
    assert done.returncode == 0, done.stderr
    bundled = (tmp_path / "out.conll").read_text(encoding="utf-8")
    assert "B-PERS" in bundled and ARABIC.search(bundled)
    # The same export by this checkout's code, on the same project: the same file.
    result = CliRunner().invoke(cli, ["export", str(tmp_path / "news.db"),
                                      str(tmp_path / "venv.conll"), "--format", "conll",
                                      "--annotator", "wojood", "--status", "all"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (tmp_path / "venv.conll").read_text(encoding="utf-8") == bundled


def test_the_spacy_format_says_it_is_not_in_this_build(run_app, tmp_path: Path) -> None:
    assert run_app("init", "p.db").returncode == 0
    done = run_app("export", "p.db", "out.spacy", "--format", "spacy", "--status", "all")
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "not available in the standalone app" in lines[0]
    assert "pip" not in lines[0] and "Traceback" not in done.stderr
    assert not (tmp_path / "out.spacy").exists()


def _articles_file(path: Path, count: int) -> Path:
    """``count`` articles made of the seed article's sentences, one JSONL line each."""
    seed = json.loads((ROOT / "sample_data" / "seed_article.jsonl").read_text("utf-8"))
    sentences = [s.strip() + "." for s in seed["text"].split(".") if len(s.strip()) > 20]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(count):
            text = f"الخبر {i}: " + " ".join(sentences[(i + k) % len(sentences)] for k in range(3))
            fh.write(json.dumps({"id": f"gen-{i}", "text": text}, ensure_ascii=False) + "\n")
    return path


def test_the_model_tags_in_spawned_workers_as_the_checkout_does(
    run_app, app_dir: Path, tmp_path: Path
) -> None:
    """``suggest --model`` on 200 articles and more tags in a pool of spawned processes:
    in a frozen program each is this program again, which must do the worker's job
    (``freeze_support`` in packaging/launch.py) rather than read its arguments as a
    command. The suggestions must equal the checkout's on a copy of the same project."""
    sample = app_dir / "_internal" / "sample_data"
    assert run_app("init", "m.db").returncode == 0
    done = run_app("import", "m.db", str(sample / "wojood" / "test.txt"), "--annotator", "wojood")
    assert done.returncode == 0, done.stderr
    done = run_app("train", "m.db", "--annotators", "wojood", "--status", "all",
                   "--holdout", "0")  # fmt: skip
    assert done.returncode == 0, done.stderr
    done = run_app("import", "m.db", str(_articles_file(tmp_path / "more.jsonl", 240)))
    assert done.returncode == 0, done.stderr
    (tmp_path / "copy.db").write_bytes((tmp_path / "m.db").read_bytes())

    done = run_app("suggest", "m.db", "--model")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Stored ") and "Traceback" not in done.stderr
    result = CliRunner().invoke(cli, ["suggest", str(tmp_path / "copy.db"), "--model"])
    assert result.exit_code == 0, result.output
    export = ["export", "--format", "jsonl", "--annotator", "model", "--status", "all"]
    done = run_app(export[0], "m.db", "bundle.jsonl", *export[1:])
    assert done.returncode == 0, done.stderr
    result = CliRunner().invoke(cli, [export[0], str(tmp_path / "copy.db"),
                                      str(tmp_path / "venv.jsonl"), *export[1:]])  # fmt: skip
    assert result.exit_code == 0, result.output
    bundled = (tmp_path / "bundle.jsonl").read_text(encoding="utf-8")
    assert bundled.count("\n") >= 200 and '"label"' in bundled
    assert (tmp_path / "venv.jsonl").read_text(encoding="utf-8") == bundled


def _start(run_app, tmp_path: Path, *args: str, **env: str) -> dict:
    report = tmp_path / "start.json"
    done = run_app("gui", *args, ANNOTATOR_STARTUP_REPORT=str(report), **env)
    assert done.returncode == 0, done.stderr
    return json.loads(report.read_text(encoding="utf-8"))


def test_the_app_opens_the_sample_project_in_arabic(run_app, tmp_path: Path) -> None:
    """A first start with no project: the bundled sample, in the desktop's language."""
    got = _start(run_app, tmp_path, "--annotator", "salma", LANG="ar_EG.UTF-8")
    assert got["language"] == "ar"
    assert got["menus"] and all(ARABIC.search(title) for title in got["menus"])
    assert "File" not in got["menus"]
    assert got["painted"] >= 1 and got["article_id"] is not None
    assert got["project"] == str(tmp_path / "home" / ".local" / "share" / "annotator" / "sample.db")


def test_the_app_opens_a_project_in_english(run_app, tmp_path: Path) -> None:
    assert run_app("init", "news.db").returncode == 0
    done = run_app("import", "news.db", str(ROOT / "sample_data" / "seed_article.jsonl"))
    assert done.returncode == 0, done.stderr
    got = _start(run_app, tmp_path, "news.db", "--annotator", "salma")
    assert got["language"] == "en" and got["menus"][:2] == ["File", "Edit"]
    assert (tmp_path / got["project"]).resolve() == (tmp_path / "news.db").resolve()


def test_only_the_qt_parts_the_app_uses_are_there(app_dir: Path) -> None:
    files = [p.relative_to(app_dir / "_internal").as_posix()
             for p in (app_dir / "_internal").rglob("*") if p.is_file()]  # fmt: skip
    assert [f for f in files if not bundle_rules.keep_file(f)] == []
    names = " ".join(files)
    for left_out in ("Qt6Pdf", "Qt6Qml", "Qt6Quick", "Qt6Network", "WebEngine", "spacy"):
        assert left_out not in names
    qt_qm = sorted(f.rsplit("/", 1)[1] for f in files if "/Qt/translations/" in f)
    assert qt_qm and all(re.search(r"_(ar|en)\.qm$", name) for name in qt_qm)
    assert "annotator/gui/translations/annotator_ar.qm" in files
    assert "annotator/data/default_labels.json" in files
    assert "annotator/gui/icons/annotator.png" in files
    assert "sample_data/sample.db" in files


def _missing_libraries(library: Path) -> set[str]:
    out = subprocess.run(["ldd", str(library)], capture_output=True, text=True).stdout
    return {line.split()[0] for line in out.splitlines() if "not found" in line}


def test_the_platform_plugins_find_their_libraries(app_dir: Path) -> None:
    """Offscreen needs nothing from the system; X11 only the libraries install.sh names,
    Wayland only the desktop's own client libraries."""
    qt = app_dir / "_internal" / "PySide6" / "Qt"
    platforms = qt / "plugins" / "platforms"
    assert _missing_libraries(platforms / "libqoffscreen.so") == set()
    assert _missing_libraries(platforms / "libqxcb.so") <= X11_SYSTEM_LIBRARIES
    assert _missing_libraries(platforms / "libqwayland.so") <= WAYLAND_SYSTEM_LIBRARIES
    for library in (qt / "lib").glob("*.so*"):
        missing = _missing_libraries(library)
        assert missing <= X11_SYSTEM_LIBRARIES | WAYLAND_SYSTEM_LIBRARIES, (library.name, missing)


def test_install_and_uninstall_for_a_user(app_dir: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "local"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PREFIX": str(prefix)}
    done = subprocess.run([str(app_dir / "install.sh")], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    command = prefix / "bin" / "annotator"
    version = subprocess.run([str(command), "--version"], env=env, capture_output=True,
                             text=True)  # fmt: skip
    assert version.stdout.strip() == f"annotator, version {__version__}"
    entry = (prefix / "share" / "applications" / "annotator.desktop").read_text()
    assert f"Exec={prefix}/lib/annotator/annotator %f" in entry and "Icon=annotator" in entry
    assert "Name[ar]=" in entry
    icon = prefix / "share" / "icons" / "hicolor" / "256x256" / "apps" / "annotator.png"
    assert icon.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    (prefix / "share" / "annotator").mkdir(parents=True)
    (prefix / "share" / "annotator" / "mine.db").write_text("a person's project")

    done = subprocess.run([str(app_dir / "install.sh"), "--uninstall"], env=env,
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert not os.path.lexists(command)
    assert not (prefix / "lib" / "annotator").exists()
    assert not (prefix / "share" / "applications" / "annotator.desktop").exists()
    assert not icon.exists()
    assert (prefix / "share" / "annotator" / "mine.db").read_text() == "a person's project"


def test_install_refuses_a_wrong_folder(app_dir: Path, tmp_path: Path) -> None:
    stray = tmp_path / "stray"
    stray.mkdir()
    (stray / "install.sh").write_bytes((app_dir / "install.sh").read_bytes())
    (stray / "install.sh").chmod(0o755)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PREFIX": str(tmp_path / "local")}
    done = subprocess.run([str(stray / "install.sh")], env=env, capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.strip() == "install.sh: run it from the unpacked annotator folder"
    assert not (tmp_path / "local").exists()
