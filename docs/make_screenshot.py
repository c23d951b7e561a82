"""Render docs/screenshot.png: the main window on the seed article with a few spans.

Runs offscreen; no display needed:  .venv/bin/python docs/make_screenshot.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.core.labels import default_labels  # noqa: E402
from annotator.core.model import ArticleIn  # noqa: E402
from annotator.core.store import create_store  # noqa: E402
from annotator.gui.app import build_main_window  # noqa: E402

SPANS = [
    ("وزارة التضامن الاجتماعي", "ORG"),
    ("السفيرة", "OCC"),
    ("نائلة جبر", "PERS"),
    ("رئيس اللجنة الوطنية التنسيقية لمكافحة ومنع الهجرة غير الشرعية والاتجار بالبشر", "OCC"),
    ("اللجنة الوطنية التنسيقية لمكافحة ومنع الهجرة غير الشرعية والاتجار بالبشر", "ORG"),
    ("المنتدى العالمي لضحايا الاتجار بالبشر", "EVENT"),
    ("مكتب الأمم المتحدة المعني بالمخدرات والجريمة", "ORG"),
    ("تكافل وكرامة", "PROGRAM"),
]


def main(out: Path = ROOT / "docs" / "screenshot.png") -> Path:
    app = QApplication.instance() or QApplication([])
    text = (ROOT / "tests" / "data" / "seed_article.txt").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "news.db"
        with create_store(path, default_labels()) as store, store.transaction():
            store.insert_article(
                ArticleIn(
                    ext_id="000_e85364defba81871",
                    text=text,
                    title="التضامن تشارك في فعاليات المنتدى العالمي لضحايا الاتجار بالبشر فى فيينا",
                    author="شيماء سليمان",
                    source="scraped news site",
                )
            )
            store.insert_article(ArticleIn(ext_id="002", text="نص قصير.", title="خبر ثان"))
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = build_main_window(path, "salma", settings=settings)
        window.resize(1400, 820)
        body = text.index("شاركت وزارة")  # tag in the article body, not the ad lines
        for words, label in SPANS:
            start = text.index(words, body)
            window.tag_range(start, start + len(words), label)
        window.show()
        app.processEvents()
        anchor = text.index("شاركت وزارة")
        window.article_view.select_range(anchor, anchor)
        bar = window.article_view.verticalScrollBar()
        cursor_rect = window.article_view.cursorRect()
        bar.setValue(bar.value() + cursor_rect.top() - 30)
        app.processEvents()
        window.grab().save(str(out))
        window.close()
    return out


if __name__ == "__main__":
    print(main())
