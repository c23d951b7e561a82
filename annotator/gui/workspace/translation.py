"""The main window's translation lookup, shared by the window and its parts.

PySide looks a ``self.tr`` text up under each class name of the object's MRO. The window's
texts were written when it was assembled from mixins, so resources/i18n/annotator_ar.ts
files them under "MainWindow", "MenusMixin", "FlowMixin" and "FilesMixin". The parts are
no longer in the window's MRO, so they all look a text up here, in that same order, and
every translation is found whichever part now shows it. (Renaming those contexts in the
.ts file and rebuilding the .qm would let each part use its own ``self.tr``.)
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

#: The contexts of the window's texts in the translation file, in lookup order.
WINDOW_CONTEXTS = ("MainWindow", "MenusMixin", "FlowMixin", "FilesMixin")


def tr(text: str) -> str:
    """``text`` in the interface language (itself when no translation has it)."""
    for context in WINDOW_CONTEXTS:
        translated = QCoreApplication.translate(context, text)
        if translated != text:
            return translated
    return text
