"""Build the standalone app: one folder with the ``annotator`` program, then its archive.

    python packaging/build.py [--dist DIR] [--work DIR] [--no-archive]

(``./dev bundle`` runs it in the project's virtual environment.) PyInstaller follows
packaging/annotator.spec, which keeps only the Qt parts the app uses (bundle_rules.py);
on Linux this script then trims ICU's data to Arabic and English (icu_trim.py), checks
the result runs (``annotator --version``), adds the Linux desktop files (install.sh, the
desktop entry, the icons) and packs the folder as
``dist/annotator-VERSION-SYSTEM-MACHINE.tar.gz`` (``.zip`` on Windows and macOS). It
prints the unpacked size, which the issue caps at 120 MB.

Everything is written under the dist and work folders (default: ``dist/``, ``build/``,
both ignored by git); the archive goes to a temporary name and is renamed when complete.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent
SPEC = PACKAGING / "annotator.spec"
NAME = "annotator"


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from annotator import __version__

    return __version__


def system_name() -> str:
    return {"darwin": "macos", "win32": "windows"}.get(sys.platform, platform.system().lower())


def archive_name() -> str:
    machine = platform.machine().lower().replace("amd64", "x86_64")
    return f"{NAME}-{version()}-{system_name()}-{machine}"


def executable(folder: Path) -> Path:
    return folder / (f"{NAME}.exe" if sys.platform == "win32" else NAME)


def folder_size(folder: Path) -> int:
    """Bytes of the files in ``folder`` (symbolic links count for nothing, as on disk)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def run_pyinstaller(dist: Path, work: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work)],
        cwd=ROOT,
        check=True,
    )  # fmt: skip
    return dist / NAME


def write_build_info(folder: Path) -> None:
    """Which code the folder was built from, so a benchmark can refuse a stale one."""
    sys.path.insert(0, str(PACKAGING))
    import bundle_rules

    info = {"version": version(), "source_digest": bundle_rules.source_digest(ROOT)}
    (folder / bundle_rules.BUILD_INFO).write_text(json.dumps(info) + "\n", encoding="utf-8")


def add_desktop_files(folder: Path) -> None:
    """Linux: install.sh beside the program, with the desktop entry and icons it installs."""
    shutil.copy2(PACKAGING / "install.sh", folder / "install.sh")
    desktop = folder / "desktop"
    icons = desktop / "icons"
    icons.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "resources" / "annotator.desktop", desktop / "annotator.desktop")
    for icon in sorted((ROOT / "resources" / "icons").glob("annotator*.*")):
        if icon.suffix in (".png", ".svg"):
            shutil.copy2(icon, icons / icon.name)


def trim_icu(folder: Path) -> None:
    """ICU's data cut to the app's two languages, where the wheel carries ICU (Linux)."""
    sys.path.insert(0, str(PACKAGING))
    import icu_trim

    for library in sorted(folder.glob("_internal/PySide6/Qt/lib/libicudata.so.*")):
        sizes = icu_trim.trim(library)
        if sizes is None:
            print("ICU data kept whole: icupkg (icu-devtools) or cc not found", file=sys.stderr)
        else:
            print(f"ICU data: {sizes[0] / 1e6:.1f} MB -> {sizes[1] / 1e6:.1f} MB")


def check_runs(folder: Path) -> str:
    """``annotator --version`` from the built folder, with no Python path of ours."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    out = subprocess.run(
        [str(executable(folder)), "--version"], env=env, capture_output=True, text=True
    )
    if out.returncode != 0 or version() not in out.stdout:
        raise SystemExit(f"the built program does not run: {out.stderr.strip() or out.stdout}")
    return out.stdout.strip()


def make_archive(folder: Path, dist: Path) -> Path:
    """The folder packed under its own name, written to a temporary name, then renamed."""
    base = archive_name()
    if sys.platform.startswith("linux"):
        target = dist / f"{base}.tar.gz"
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(folder, arcname=NAME)  # symbolic links stay links
    else:
        target = dist / f"{base}.zip"
        partial = target.with_name(target.name + ".partial")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(folder.rglob("*")):
                zf.write(path, Path(NAME) / path.relative_to(folder))
    os.replace(partial, target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build")
    parser.add_argument("--no-archive", action="store_true", help="build the folder only")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    folder = run_pyinstaller(dist, work)
    if sys.platform.startswith("linux"):
        trim_icu(folder)
    print(check_runs(folder))
    write_build_info(folder)
    if sys.platform.startswith("linux"):
        add_desktop_files(folder)
    print(f"{folder}: {folder_size(folder) / 1e6:.1f} MB unpacked")
    if not args.no_archive:
        archive = make_archive(folder, dist)
        print(f"{archive}: {archive.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
