"""What any tagger gives the project: text in, spans with scores out.

The CRF trained from the project (``crf.py``) is built in; ``spacy_adapter.py`` wraps a
spaCy pipeline from a folder. Anything else plugs in by offering ``labels`` and ``tag``:
``core/tagger/training.suggest_with`` and the app need nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class ScoredSpan:
    """A proposed span in code points of the text, with the tagger's confidence in it."""

    start: int
    end: int
    label: str
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class Tagged:
    """A tagger's answer for one text.

    ``confidence`` is how sure the tagger is of the whole text (for a CRF: the lowest
    marginal probability of any token's chosen outer tag), 1.0 when it cannot tell;
    "least confident first" orders articles by it.
    """

    spans: list[ScoredSpan] = field(default_factory=list)
    confidence: float = 1.0


@runtime_checkable
class Tagger(Protocol):
    """A model that proposes spans."""

    #: The labels it can propose (names as the project spells them).
    labels: list[str]

    def tag(self, text: str) -> Tagged:
        """Spans for one text, every offset a code point of ``text``."""
        ...
