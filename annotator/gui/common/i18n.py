"""Interface language: English in the source, Arabic from the package's translation file.

The compiled translation ships inside the package (``annotator/gui/translations/``, listed
in pyproject's package-data) and is read with ``importlib.resources``, so a checkout, an
installed wheel, a zip and a frozen app all find it the same way. Its source is
resources/i18n/annotator_ar.ts (``scripts/translations.py`` updates and compiles it).

Arabic also mirrors the whole layout (``Qt.RightToLeft``), the way Arabic desktop apps
look; the article view is right-to-left in both languages. ``install_language`` applies at
once: Qt sends every widget a ``LanguageChange`` event, on which each window sets its texts
again (``retranslate``).

Every text of the interface goes through ``tr`` (or is marked with ``QT_TR_NOOP`` where
it is kept to be translated later). ``lupdate`` files these calls under one, empty,
context; the import dialog's texts keep their own ``ImportDialog`` context.
"""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from annotator.gui.common.bidi import install_shortcut_style

#: The languages the interface speaks, each named in its own language.
LANGUAGES = {"en": "English", "ar": "العربية"}
#: Where the compiled translations are, inside the ``annotator.gui`` package.
TRANSLATIONS_PACKAGE = "annotator.gui"
TRANSLATIONS_DIR = "translations"

#: Installed translators and the bytes they read from (Qt keeps only a pointer to them).
_installed: list[tuple[QTranslator, bytes | None]] = []
_current = "en"


def qm_name(lang: str) -> str:
    return f"annotator_{lang}.qm"


def translation_data(lang: str) -> bytes | None:
    """The compiled translation for ``lang`` from the package, or None if it has none."""
    try:
        path = resources.files(TRANSLATIONS_PACKAGE) / TRANSLATIONS_DIR / qm_name(lang)
        return path.read_bytes()
    except (OSError, ModuleNotFoundError):
        return None


def install_language(app: QApplication, lang: str) -> bool:
    """Switch the interface to ``lang`` ('ar' or 'en') now; True if its translation loaded.

    Windows already open follow at once (``LanguageChange``, then their ``retranslate``).
    """
    global _current
    remove_language(app)
    if lang != "ar":
        _current = "en"
        return lang == "en"
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    install_shortcut_style(app)  # "Ctrl+=", not "=+Ctrl", in the mirrored menus
    ok = False
    data = translation_data(lang)
    ours = QTranslator(app)
    if data is not None and ours.load(data):
        app.installTranslator(ours)
        _installed.append((ours, data))
        ok = True
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append((qt, None))
    _current = lang if ok else "en"
    return ok


def remove_language(app: QApplication) -> None:
    """Back to the English, left-to-right interface."""
    global _current
    while _installed:
        app.removeTranslator(_installed.pop()[0])
    app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    _current = "en"


def current_language() -> str:
    """'ar' while the Arabic translation is installed, else 'en'."""
    return _current


def tr(text: str) -> str:
    """``text`` in the interface language (itself when no translation has it)."""
    return QCoreApplication.translate("", text)
