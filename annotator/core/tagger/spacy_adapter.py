"""Another model plugged in: a spaCy pipeline saved in a folder, as a ``Tagger``.

spaCy is imported only when a folder is loaded, so the program runs without it (the
standalone app, docs/building.md, is built without it, and says so). Its
entities are token-aligned character spans of the text it was given, i.e. code points of
the stored text, as the project counts them. spaCy gives no per-entity probability, so
each span's score and the text's confidence are 1.0.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.tagger.interface import ScoredSpan, Tagged

MISSING = "spaCy is not installed (pip install spacy)"
MISSING_IN_BUNDLE = (
    "spaCy pipelines are not available in the standalone app (it is built without spaCy);"
    " use the project's own model (annotator train, then --model)"
)


def missing_message() -> str:
    """Why spaCy is not there and what to do: pip helps only where there is a Python."""
    return MISSING_IN_BUNDLE if getattr(sys, "frozen", False) else MISSING


class SpacyTagger:
    """Entities of a spaCy pipeline (``nlp(text).ents``) as scored spans."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        found: set[str] = set()
        for name in nlp.pipe_names:
            pipe = nlp.get_pipe(name)
            found.update(getattr(pipe, "labels", ()) or ())
        self.labels = sorted(found)

    def tag(self, text: str) -> Tagged:
        doc = self.nlp(text)
        spans = [ScoredSpan(e.start_char, e.end_char, e.label_) for e in doc.ents]
        return Tagged(spans, 1.0)


def load_spacy(folder: str | Path) -> SpacyTagger:
    """Load the pipeline saved in ``folder`` (``nlp.to_disk``); one-line errors."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ValidationError(f"{folder}: no such folder (a spaCy pipeline is a folder)")
    try:
        import spacy
    except ImportError:
        raise ValidationError(missing_message()) from None
    try:
        nlp = spacy.load(folder)
    except (OSError, ValueError, KeyError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ValidationError(f"{folder}: not a spaCy pipeline ({first})") from None
    return SpacyTagger(nlp)
