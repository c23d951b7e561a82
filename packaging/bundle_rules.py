"""What the bundle leaves out (and the sample project it carries), shared by the spec
(annotator.spec), build.py and the tests.

The app imports QtCore, QtGui and QtWidgets only. PyInstaller's Qt hooks collect every
plugin of those modules' plugin types, and some plugins link modules the app never uses:
the PDF image format needs QtPdf, the virtual keyboard QtQuick and QtQml, the VNC platform
QtNetwork. Dropping those plugins and libraries, and Qt's translations other than Arabic
and English, with the binaries stripped, takes the folder from 168 MB to 137 MB; ICU's
data cut to two languages (icu_trim.py) takes it to 112 MB.

Names are matched without a platform's prefix or suffix (``libQt6Pdf.so.6``,
``Qt6Pdf.dll``, ``QtPdf.framework``; ``libqpdf.so``, ``qpdf.dll``, ``libqpdf.dylib``), so
the same rules serve Linux, Windows and macOS builds.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path, PurePosixPath

#: Python packages never imported by the bundled program: optional export dependencies
#: (spaCy, Hugging Face datasets and what they bring), the test tools, the other Qt
#: modules, and the toolkits PyInstaller would otherwise follow through optional imports.
EXCLUDED_PACKAGES = (
    "spacy", "thinc", "datasets", "pyarrow", "pandas", "numpy", "huggingface_hub",
    "pytest", "_pytest", "hypothesis", "krippendorff", "coverage", "ruff",
    "tkinter", "IPython", "matplotlib", "PyInstaller",
)  # fmt: skip
#: Qt modules (Python side) the app does not import.
EXCLUDED_QT_MODULES = (
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtBluetooth", "QtCharts", "QtConcurrent", "QtDataVisualization", "QtDesigner",
    "QtGraphs", "QtGraphsWidgets", "QtHelp", "QtHttpServer", "QtLocation", "QtMultimedia",
    "QtMultimediaWidgets", "QtNetwork", "QtNetworkAuth", "QtNfc", "QtOpenGL",
    "QtOpenGLWidgets", "QtPdf", "QtPdfWidgets", "QtPositioning", "QtPrintSupport", "QtQml",
    "QtQuick", "QtQuick3D", "QtQuickControls2", "QtQuickWidgets", "QtRemoteObjects",
    "QtScxml", "QtSensors", "QtSerialBus", "QtSerialPort", "QtSpatialAudio", "QtSql",
    "QtStateMachine", "QtSvgWidgets", "QtTest", "QtTextToSpeech", "QtUiTools",
    "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets",
    "QtWebSockets", "QtWebView", "QtXml",
)  # fmt: skip

#: Qt libraries left out, by module name (``Qt6<Name>`` / ``Qt<Name>.framework``).
DROPPED_QT_LIBRARIES = re.compile(
    r"(^|/)(lib)?Qt6?(Pdf|Qml|Quick|VirtualKeyboard|WebEngine|WebChannel|WebSockets|"
    r"Multimedia|SpatialAudio|3D|Designer|Help|UiTools|Network|Egl[Ff][Ss]|Labs|Lottie|Charts|"
    r"DataVisualization|Graphs|Sql|Test|ShaderTools|Positioning|Location|Sensors|"
    r"SerialPort|SerialBus|RemoteObjects|Scxml|StateMachine|TextToSpeech|Bluetooth|Nfc|"
    r"HttpServer|WaylandCompositor|WaylandEgl|WlShell|PrintSupport|Concurrent|Xml)"
)
#: Plugins left out, by file stem (``libqpdf.so`` and ``qpdf.dll`` are both ``qpdf``).
DROPPED_PLUGINS = frozenset(
    {
        "qpdf",  # PDF pages as images: QtPdf
        "qtvirtualkeyboardplugin",  # on-screen keyboard: QtQuick, QtQml
        "qeglfs", "qlinuxfb", "qminimalegl", "qvkkhrdisplay",  # no desktop: kiosk screens
        "qvnc",  # a window served over VNC: QtNetwork
        "qtuiotouchplugin",  # TUIO touch over the network: QtNetwork
        "wl-shell-plugin",  # Wayland's obsolete wl_shell: QtWlShellIntegration
        # GTK's look and file dialogs: links GTK 3, which is the desktop's to provide; the
        # build would carry the build machine's cairo, pango and gdk-pixbuf family beside
        # it (10 MB with the other dropped plugins' libraries), which can clash with the
        # desktop's GTK. Without it Qt draws its own style and dialogs (the
        # xdg-desktop-portal theme still gives native ones).
        "qgtk3",
    }
)  # fmt: skip
#: Whole plugin folders left out.
DROPPED_PLUGIN_TYPES = frozenset(
    {
        "egldeviceintegrations", "qmltooling", "designer", "sqldrivers",
        "networkinformation", "tls", "multimedia", "position", "printsupport",
        "wayland-graphics-integration-server", "webview", "sensors", "texttospeech",
    }
)  # fmt: skip
#: Qt's own translations kept (dialog buttons, context menus): the app's two languages.
KEPT_LANGUAGES = frozenset({"ar", "en"})

#: The window icon per platform, relative to the repository (Linux: the desktop entry).
ICONS = {
    "win32": "resources/icons/annotator.ico",
    "darwin": "resources/icons/annotator.icns",
}


def excluded_modules() -> list[str]:
    """The ``excludes`` of the spec's Analysis."""
    return [*EXCLUDED_PACKAGES, *(f"PySide6.{name}" for name in EXCLUDED_QT_MODULES)]


def _stem(name: str) -> str:
    stem = name.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep_file(dest: str) -> bool:
    """Whether a file the analysis collected (its path inside the bundle) is kept."""
    path = PurePosixPath(dest.replace("\\", "/"))
    parts = path.parts
    if DROPPED_QT_LIBRARIES.search(str(path)):
        return False
    if "plugins" in parts:
        below = parts[parts.index("plugins") + 1 :]
        if below and below[0] in DROPPED_PLUGIN_TYPES:
            return False
        if _stem(path.name) in DROPPED_PLUGINS:
            return False
    if "translations" in parts and "PySide6" in parts and path.suffix == ".qm":
        language = path.stem.split("_", 1)[-1]
        return language in KEPT_LANGUAGES
    return True


def make_sample_project(checkout: Path, target: Path) -> Path:
    """Build the sample project (what ``./dev app`` builds) at ``target`` with this Python.

    The same commands a person would run, through the checkout's package: the scraped
    article, then the Wojood sentences as annotator ``wojood``. Written under a temporary
    name and renamed, and closed (no ``-wal`` beside it), so the file can be copied as is.
    """
    partial = target.with_name(target.name + ".partial")
    for stale in (target, partial, *(Path(f"{partial}{end}") for end in ("-wal", "-shm"))):
        stale.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    sample = checkout / "sample_data"
    steps = (
        ["init", str(partial)],
        ["import", str(partial), str(sample / "seed_article.jsonl"), "--format", "jsonl"],
        ["import", str(partial), str(sample / "wojood" / "test.txt"), "--format", "conll",
         "--annotator", "wojood"],
    )  # fmt: skip
    for step in steps:
        subprocess.run(
            [sys.executable, "-m", "annotator", *step],
            cwd=checkout,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    for end in ("-wal", "-shm"):
        if Path(f"{partial}{end}").exists():
            raise RuntimeError(f"{partial}{end} is left: the sample project was not closed")
    os.replace(partial, target)
    return target


#: Written into each built folder: which code it was built from (build.py, bench_bundle).
BUILD_INFO = "_internal/annotator-build.json"


def source_digest(checkout: Path) -> str:
    """A digest of the package's code and data, to tell a bundle built from other code."""
    digest = hashlib.sha256()
    package = checkout / "annotator"
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".qm", ".json", ".png"):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()
