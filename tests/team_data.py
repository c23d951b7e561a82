"""Shared helpers for the team tests (merge, agreement, review; core, CLI, GUI).

An annotator's project file as they send it back: the corpus, their spans, every article
marked done.
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn, Status
from annotator.core.store import create_store


def at(text: str, words: str) -> tuple[int, int]:
    """The code-point span of the first ``words`` in ``text``."""
    start = text.index(words)
    return start, start + len(words)


def annotator_file(
    path: Path,
    name: str,
    tags: list[tuple[str, str, str]],
    texts: dict[str, str],
    *,
    note: str | None = None,
) -> Path:
    """A project of ``texts`` (ext id -> text) with ``name``'s tags (ext id, label, words)."""
    with create_store(path, default_labels()) as store:
        with store.transaction():
            ids = {
                ext: store.insert_article(ArticleIn(ext_id=ext, text=t)) for ext, t in texts.items()
            }
        for ext, label, words in tags:
            store.add_span(ids[ext], name, label, *at(texts[ext], words))
        for aid in ids.values():
            store.set_status(aid, name, Status.DONE, note=note)
    return path
