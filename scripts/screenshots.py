"""Render the screenshots of docs/images from the sample project, offscreen, in English and
Arabic: the main window, the corpus search panel, the review window and the agreement view.

    .venv/bin/python scripts/screenshots.py            # every picture, both languages
    .venv/bin/python scripts/screenshots.py main ar    # some of them
    ./dev screenshots

The sample project is built the way ``./dev app`` builds it (the scraped article, then the
Wojood test split with its gold spans under ``wojood``); the team project for review is the
README's: salma with every Wojood span, omar with only people, organizations and places.
The window is the real one, driven as a user would; nothing is drawn by hand.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from annotator.core.formats.export_run import run_export  # noqa: E402
from annotator.core.formats.import_run import run_import  # noqa: E402
from annotator.core.labels import default_labels  # noqa: E402
from annotator.core.store import create_store, open_store  # noqa: E402
from annotator.core.team.merge import merge_projects  # noqa: E402
from annotator.gui.app import build_main_window  # noqa: E402
from annotator.gui.common.i18n import install_language, remove_language  # noqa: E402
from annotator.gui.review import open_review_window  # noqa: E402

OUT = ROOT / "docs" / "images"
SAMPLE = ROOT / "sample_data"
LANGUAGES = ("en", "ar")
#: Spans tagged on the scraped article for the main window's picture; the last two cross.
SPANS = [
    ("وزارة التضامن الاجتماعي", "ORG"),
    ("السفيرة", "OCC"),
    ("نائلة جبر", "PERS"),
    ("اللجنة الوطنية التنسيقية لمكافحة ومنع الهجرة غير الشرعية والاتجار بالبشر", "ORG"),
    ("المنتدى العالمي لضحايا الاتجار بالبشر", "EVENT"),
    ("مكتب الأمم المتحدة المعني بالمخدرات والجريمة", "ORG"),
    ("تكافل وكرامة", "PROGRAM"),
]
MAIN_SIZE = (1400, 820)
REVIEW_SIZE = (1300, 780)


def sample_project(path: Path) -> Path:
    """What ``./dev app`` builds: the scraped article, then the Wojood test split."""
    with create_store(path, default_labels()) as store:
        run_import(store, [SAMPLE / "seed_article.jsonl"], "jsonl")
        run_import(store, [SAMPLE / "wojood" / "test.txt"], "conll", annotator="wojood")
    return path


def team_project(folder: Path) -> Path:
    """The README's team: salma tagged everything, omar only PERS, ORG and GPE (and called
    every third place LOC, so the confusion table has something to show); merged."""
    salma = folder / "salma.db"
    with create_store(salma, default_labels()) as store:
        run_import(store, [SAMPLE / "wojood" / "test.txt"], "conll", annotator="salma")
        run_export(
            store, folder / "omar.jsonl", annotator="salma", status="all",
            labels=["PERS", "ORG", "GPE"],
        )  # fmt: skip
    _relabel_every_third(folder / "omar.jsonl", "GPE", "LOC")
    omar = folder / "omar.db"
    with create_store(omar, default_labels()) as store:
        run_import(store, [folder / "omar.jsonl"], "jsonl", annotator="omar")
    team = folder / "team.db"
    with create_store(team, default_labels()) as store:
        merge_projects(store, [salma, omar])
    return team


def _relabel_every_third(path: Path, old: str, new: str) -> None:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    seen = 0
    for record in records:
        for span in record["spans"]:
            if span["label"] == old:
                seen += 1
                if seen % 3 == 0:
                    span["label"] = new
    lines = (json.dumps(r, ensure_ascii=False) for r in records)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def _save(widget: QWidget, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(out), "PNG", 0)
    return out


def main_window(app: QApplication, project: Path, settings: QSettings, out: Path) -> Path:
    """The scraped article with a few spans, scrolled to where they are."""
    window = build_main_window(project, "salma", settings=settings)
    window.resize(*MAIN_SIZE)
    window.open_article(window.store.article_by_ext_id("000_e85364defba81871").id)
    text = window.article_view.text
    body = text.index("شاركت وزارة")  # tag in the article body, not the advert lines
    for words, label in SPANS:
        start = text.index(words, body)
        window.tag_range(start, start + len(words), label)
    crossing = text.index("الاجتماعي ضمن الوفد", body)  # an EVENT crossing the first ORG
    window.tag_range(crossing, crossing + len("الاجتماعي ضمن الوفد المصري"), "EVENT")
    window.show()
    _settle(app)
    window.article_view.select_range(body, body)
    bar = window.article_view.verticalScrollBar()
    bar.setValue(bar.value() + window.article_view.cursorRect().top() - 40)
    _settle(app)
    try:
        return _save(window, out)
    finally:
        window.close()


def search_panel(app: QApplication, project: Path, settings: QSettings, out: Path) -> Path:
    """A Wojood article with everyone's spans, and the corpus searched for a ministry."""
    window = build_main_window(project, "salma", settings=settings)
    window.resize(*MAIN_SIZE)
    window.open_article(window.store.article_by_ext_id("test-1").id)
    window.set_show_all_annotators(True)
    window.show()
    _settle(app)
    ui = window.search_ui
    ui.open_corpus_search()
    ui.corpus_edit.setText("وزارة")
    ui.search_corpus()
    ui.results.setCurrentCell(0, ui.results.TITLE)
    _settle(app)
    try:
        return _save(window, out)
    finally:
        window.close()


def _review(team: Path, settings: QSettings) -> tuple[object, QWidget]:
    store = open_store(team)
    window = open_review_window(None, store, "lead", settings)
    window.resize(*REVIEW_SIZE)
    return store, window


def review_window(app: QApplication, team: Path, settings: QSettings, out: Path) -> Path:
    """The first article to review, its current disagreement and each version."""
    store, window = _review(team, settings)
    try:
        window.show()
        _settle(app)
        window.layer.setCurrentIndex(1)  # everyone's spans
        window.step(+1)
        _settle(app)
        return _save(window, out)
    finally:
        window.close()
        store.close()  # type: ignore[attr-defined]


def agreement_view(app: QApplication, team: Path, settings: QSettings, out: Path) -> Path:
    """The agreement figures over every article (nobody marked one done here)."""
    store, window = _review(team, settings)
    try:
        window.show()
        window.agreement.all_articles.setChecked(True)
        window.tabs.setCurrentWidget(window.agreement)
        window.agreement.refresh()
        _settle(app)
        return _save(window, out)
    finally:
        window.close()
        store.close()  # type: ignore[attr-defined]


SHOTS: dict[str, Callable[[QApplication, Path, QSettings, Path], Path]] = {
    "main": main_window,
    "search": search_panel,
    "review": review_window,
    "agreement": agreement_view,
}


def render(
    out_dir: Path = OUT, names: Iterable[str] = SHOTS, languages: Iterable[str] = LANGUAGES
) -> list[Path]:
    """Render ``names`` in ``languages`` into ``out_dir`` as NAME-LANG.png."""
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        names = list(names)
        project = sample_project(folder / "sample.db")
        team = team_project(folder) if {"review", "agreement"} & set(names) else project
        for lang in languages:
            install_language(app, lang)
            try:
                for name in names:
                    settings = QSettings(
                        str(folder / f"{name}-{lang}.ini"), QSettings.Format.IniFormat
                    )
                    source = team if name in ("review", "agreement") else project
                    written.append(
                        SHOTS[name](app, source, settings, out_dir / f"{name}-{lang}.png")
                    )
            finally:
                remove_language(app)
    return written


def main(argv: list[str]) -> int:
    names = [a for a in argv if a in SHOTS] or list(SHOTS)
    languages = [a for a in argv if a in LANGUAGES] or list(LANGUAGES)
    for path in render(OUT, names, languages):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
