"""Text from the project shown exactly as typed, wherever Qt would guess it is HTML.

Qt renders a tooltip as rich text when it merely looks like HTML ("<b>…</b>", "&amp;"),
so article titles, label names and guidelines go through ``tooltip`` first.
"""

from __future__ import annotations

from PySide6.QtGui import Qt as QtGuiNamespace


def tooltip(text: str) -> str:
    """A tooltip that displays ``text`` literally (escaped, line breaks kept)."""
    if not text:
        return ""
    return QtGuiNamespace.convertFromPlainText(text)
