"""What a step of work is called, in the interface language.

The core names each undo step and each write in English, for logs, scripts and the
command line: "tag PERS", "relabel ORG → GPE", "tag 3 × ORG", "accept 2 suggestion(s)"
(undo steps), "tag", "status", "label 'PERS'" (the writes its error messages start with).
Undo and Redo in the menu, and the messages of a failed write, show the same step in the
interface's words. A step this table does not know is shown as the core named it.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TR_NOOP

from annotator.gui.common.bidi import ui_format
from annotator.gui.common.i18n import tr

_STEPS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"tag (?P<n>\d+) × (?P<label>.+)"), QT_TR_NOOP("tag {n} × {label}")),
    (re.compile(r"tag (?P<label>.+)"), QT_TR_NOOP("tag {label}")),
    (re.compile(r"delete (?P<label>.+)"), QT_TR_NOOP("delete {label}")),
    (re.compile(r"relabel (?P<old>.+) → (?P<new>.+)"), QT_TR_NOOP("relabel {old} → {new}")),
    (
        re.compile(r"accept (?P<n>\d+) suggestion\(s\)"),
        QT_TR_NOOP("accept {n} suggestion(s)"),
    ),
    (
        re.compile(r"reject (?P<n>\d+) suggestion\(s\)"),
        QT_TR_NOOP("reject {n} suggestion(s)"),
    ),
    (re.compile(r"batch"), QT_TR_NOOP("several changes")),
    (re.compile(r"tag"), QT_TR_NOOP("tag")),
    (re.compile(r"delete"), QT_TR_NOOP("delete")),
    (re.compile(r"relabel"), QT_TR_NOOP("relabel")),
    (re.compile(r"edit span"), QT_TR_NOOP("edit span")),
    (re.compile(r"status"), QT_TR_NOOP("status and note")),
    (re.compile(r"review"), QT_TR_NOOP("review")),
    (re.compile(r"annotator"), QT_TR_NOOP("annotator")),
    (re.compile(r"search index"), QT_TR_NOOP("search index")),
    (re.compile(r"label '(?P<label>.+)'"), QT_TR_NOOP("label {label}")),
    (re.compile(r"saving to (?P<name>.+)"), QT_TR_NOOP("saving to {name}")),
]


def step_text(described: str) -> str:
    """The core's name of a step, in the interface language."""
    for pattern, template in _STEPS:
        match = pattern.fullmatch(described)
        if match:
            return ui_format(tr(template), **match.groupdict())
    return described
