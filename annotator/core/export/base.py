"""The writer interface every format implements, and the tallies they share."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, TextIO

from annotator.core.export.records import ExportRecord


@dataclass(slots=True)
class Tally:
    """What the writers did beyond writing: filled in as records go out."""

    spans: int = 0
    skipped_spans: list[str] = field(default_factory=list)
    misaligned: list[str] = field(default_factory=list)
    skipped_articles: list[str] = field(default_factory=list)
    dropped_nested: int = 0
    expanded: int = 0


@dataclass(frozen=True, slots=True)
class Options:
    labels: tuple[str, ...]  # the chosen labels, in the project's order
    include_text: bool = True
    misaligned: str = "error"


class Writer(Protocol):
    def __init__(self, options: Options, tally: Tally) -> None: ...

    def write(self, fh: TextIO, rec: ExportRecord) -> bool:
        """Write one record; False if it was left out (e.g. an article without tokens)."""
        ...

    def side_files(self) -> dict[str, str]:
        """File name -> content of files written beside the output (``labels.json``)."""
        ...
