"""Per-user preferences (font, spacing, language, annotator name, recent projects, window
sizes) in QSettings.

Project data lives in the project file; what belongs to the person at this computer lives
here, so tests and scripts can pass their own ``QSettings`` (an INI file in a temp folder).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QSettings
from PySide6.QtGui import QFont, QFontDatabase

from annotator.core.store import is_server_url

#: Arabic text faces in order of preference; DejaVu Sans covers Arabic everywhere. Ordered
#: by what laying out and painting them costs (``benchmarks/fonts.py``, docs/benchmarks.md):
#: scrolling the 200,000-character article a page took a median 6-10 ms in Noto Naskh
#: Arabic against 17-20 ms in Amiri and DejaVu Sans, so Amiri (rich ligatures and marks,
#: more shaping) is used only when chosen in View > Font.
PREFERRED_FAMILIES = (
    "Noto Naskh Arabic",
    "Noto Sans Arabic",
    "DejaVu Sans",
    "Amiri",
    "Scheherazade New",
)
DEFAULT_SIZE = 16
MIN_SIZE, MAX_SIZE = 8, 48
RECENT_MAX = 8


def default_settings() -> QSettings:
    return QSettings("annotator", "annotator")


def preferred_family() -> str:
    installed = set(QFontDatabase.families())
    for family in PREFERRED_FAMILIES:
        if family in installed:
            return family
    return QFont().defaultFamily()


def article_font(settings: QSettings) -> QFont:
    family = str(settings.value("view/font_family", "") or "") or preferred_family()
    try:
        size = int(settings.value("view/font_size", DEFAULT_SIZE))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        size = DEFAULT_SIZE
    font = QFont(family)
    font.setPointSize(max(MIN_SIZE, min(MAX_SIZE, size)))
    return font


def save_article_font(settings: QSettings, font: QFont) -> None:
    settings.setValue("view/font_family", font.family())
    settings.setValue("view/font_size", font.pointSize())


def comfortable_spacing(settings: QSettings) -> bool:
    """View > Comfortable spacing: room for captions above every line (default: compact)."""
    return str(settings.value("view/comfortable", "false")).lower() in ("true", "1")


def save_comfortable_spacing(settings: QSettings, on: bool) -> None:
    settings.setValue("view/comfortable", "true" if on else "false")


def language(settings: QSettings) -> str:
    """'ar' or 'en': the saved choice, else the system locale."""
    saved = str(settings.value("ui/language", "") or "")
    if saved in ("ar", "en"):
        return saved
    return "ar" if QLocale.system().language() == QLocale.Language.Arabic else "en"


def save_language(settings: QSettings, lang: str) -> None:
    """Remember 'ar' or 'en' for the next start (the switch itself applies at once)."""
    settings.setValue("ui/language", lang)


def recent_projects(settings: QSettings) -> list[str]:
    value = settings.value("recent/projects", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or []) if v]


def remember_project(settings: QSettings, path: str | Path) -> None:
    """Put a project first in the recent list: a file by its full path, a server project
    by its URL (which never holds a password: see ``core/store/location.py``)."""
    path = str(path) if is_server_url(str(path)) else str(Path(path).resolve())
    items = [path] + [p for p in recent_projects(settings) if p != path]
    settings.setValue("recent/projects", items[:RECENT_MAX])
