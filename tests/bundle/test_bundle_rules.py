"""The pruning rules on each platform's file names, and which ICU items go: fast, no build
(so not marked ``bundle``). The spec, build.py and tests/bundle share these rules."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.append(str(ROOT / "packaging"))
import bundle_rules  # noqa: E402
import icu_trim  # noqa: E402


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/lib/libQt6Pdf.so.6",  # Linux
        "PySide6/Qt6Pdf.dll",  # Windows
        "PySide6/Qt/lib/QtPdf.framework/Versions/A/QtPdf",  # macOS
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/lib/libQt6QmlModels.so.6",
        "PySide6/Qt/lib/libQt6Network.so.6",
        "libQt6Network.so.6",  # PyInstaller's link to it at the top of _internal
        "PySide6/Qt/lib/libQt6EglFsKmsSupport.so.6",
        "PySide6/Qt/plugins/imageformats/libqpdf.so",
        "PySide6/plugins/imageformats/qpdf.dll",
        "PySide6/Qt/plugins/imageformats/libqpdf.dylib",
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-kms-integration.so",
        "PySide6/Qt/plugins/qmltooling/libqmldbg_debugger.so",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6\\Qt\\translations\\qt_fr.qm",  # Windows separators
    ],
)
def test_what_the_app_does_not_use_is_dropped(dest: str) -> None:
    assert not bundle_rules.keep_file(dest)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt6Widgets.dll",
        "PySide6/Qt/lib/QtGui.framework/Versions/A/QtGui",
        "PySide6/Qt/lib/libQt6XcbQpa.so.6",
        "PySide6/Qt/lib/libQt6WaylandClient.so.6",
        "PySide6/Qt/lib/libQt6Svg.so.6",
        "PySide6/Qt/lib/libicudata.so.73",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/translations/qtbase_ar.qm",
        "PySide6/Qt/translations/qt_en.qm",
        "annotator/gui/translations/annotator_ar.qm",
        "sample_data/sample.db",
        "psycopg_binary.libs/libpq-e9b5c9ac.so.5.18",
    ],
)
def test_what_the_app_uses_is_kept(dest: str) -> None:
    assert bundle_rules.keep_file(dest)


def test_the_optional_and_test_packages_are_excluded() -> None:
    excluded = bundle_rules.excluded_modules()
    for name in ("spacy", "datasets", "pytest", "PyInstaller", "PySide6.QtQml", "PySide6.QtPdf"):
        assert name in excluded
    for used in ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtSvg"):
        assert used not in excluded


@pytest.mark.parametrize(
    ("item", "size", "goes"),
    [
        ("zh.res", 1_000, True),
        ("coll/zh_Hant.res", 1_000, True),
        ("sr_Latn_BA.res", 1_000, True),
        ("brkitr/cjdict.dict", 2_000_000, True),
        ("brkitr/thaidict.dict", 300_000, True),
        ("translit/root.res", 1_000_000, True),
        ("gb18030.cnv", 232_816, True),
        ("ar.res", 50_000, False),
        ("ar_EG.res", 1_000, False),
        ("coll/ar.res", 10_000, False),
        ("en_US_POSIX.res", 1_000, False),
        ("root.res", 30_000, False),
        ("coll/root.res", 300_000, False),
        ("res_index.res", 5_000, False),  # the list of locales, not a locale
        ("pool.res", 159_280, False),
        ("supplementalData.res", 241_664, False),
        ("ibm-5352_P100-1998.cnv", 2_000, False),  # windows-1256, Arabic
        ("ibm-1089_P100-1995.cnv", 2_000, False),  # ISO-8859-6, Arabic
        ("brkitr/line.brk", 60_000, False),
        ("uprops.icu", 140_000, False),
        ("nfkc.nrm", 60_000, False),
    ],
)
def test_which_icu_items_go(item: str, size: int, goes: bool) -> None:
    assert icu_trim.removable(item, size) is goes
