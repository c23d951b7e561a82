"""The main window's translation lookup, shared by the window and its parts.

The window's texts are filed in resources/i18n/annotator_ar.ts under one context,
"MainWindow", whichever part (menus, flow, files, tagging...) shows them: the parts are
plain objects, not the window, so ``self.tr`` would look under their own class names.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

#: The translation context of the main window and its parts.
CONTEXT = "MainWindow"


def tr(text: str) -> str:
    """``text`` in the interface language (itself when no translation has it)."""
    return QCoreApplication.translate(CONTEXT, text)
