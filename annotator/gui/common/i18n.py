"""Interface language: English in the source, Arabic from resources/i18n/annotator_ar.qm.

Arabic also mirrors the whole layout (``Qt.RightToLeft``), the way Arabic desktop apps
look. The article view is right-to-left in both languages; only the chrome mirrors.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, Qt, QTranslator
from PySide6.QtWidgets import QApplication

#: resources/i18n at the top of the checkout (annotator/gui/common/ is three levels down).
I18N_DIR = Path(__file__).resolve().parents[3] / "resources" / "i18n"

_installed: list[QTranslator] = []


def qm_path(lang: str) -> Path:
    return I18N_DIR / f"annotator_{lang}.qm"


def install_language(app: QApplication, lang: str) -> bool:
    """Switch the interface to ``lang`` ('ar' or 'en'); True if its translation loaded."""
    remove_language(app)
    if lang != "ar":
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        return lang == "en"
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    ok = False
    ours = QTranslator(app)
    if ours.load(str(qm_path(lang))):
        app.installTranslator(ours)
        _installed.append(ours)
        ok = True
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return ok


def remove_language(app: QApplication) -> None:
    while _installed:
        app.removeTranslator(_installed.pop())
    app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)
