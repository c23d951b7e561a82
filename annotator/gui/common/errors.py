"""The core's one-line error messages, in the interface language.

The core writes its messages in English for the command line and has no Qt; the app shows
the ones an annotator meets (a busy, full, read-only or moved project, a label key in use,
a change made elsewhere, an empty search) in the interface's words, with the names, paths
and numbers of the original kept and isolated (and the step that failed named as Undo
names it, common/steps.py). A message the table does not know is shown
as the core wrote it.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TR_NOOP

from annotator.gui.common.bidi import ui_format
from annotator.gui.common.i18n import tr
from annotator.gui.common.steps import step_text

# (the core's message, the template it becomes); the groups fill the template.
_MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"(?P<what>.+): the project is busy in another program; not saved"),
        QT_TR_NOOP("{what}: the project is busy in another program; not saved"),
    ),
    (
        re.compile(r"(?P<what>.+): the disk is full; not saved"),
        QT_TR_NOOP("{what}: the disk is full; not saved"),
    ),
    (
        re.compile(r"(?P<what>.+): the project file is read-only; not saved"),
        QT_TR_NOOP("{what}: the project file is read-only; not saved"),
    ),
    (
        re.compile(
            r"(?P<path>.+) was renamed, moved or deleted while open \((?P<place>.+)\);"
            r" not saved\. Reopen the project to go on"
        ),
        QT_TR_NOOP(
            "{path} was renamed, moved or deleted while open ({place}); not saved."
            " Reopen the project to go on"
        ),
    ),
    (
        re.compile(r"an export is reading the project; not saved: try again when it is done"),
        QT_TR_NOOP("an export is reading the project; not saved: try again when it is done"),
    ),
    (
        re.compile(
            r"(?P<what>.+): the (?P<label>\S+) tag at (?P<at>\d+-\d+) was removed elsewhere"
            r" \(another window or program\); left as it is"
        ),
        QT_TR_NOOP(
            "{what}: the {label} tag at {at} was removed elsewhere (another window or"
            " program); left as it is"
        ),
    ),
    (
        re.compile(
            r"(?P<what>.+): the (?P<label>\S+) tag at (?P<at>\d+-\d+) was changed elsewhere"
            r" \(now (?P<now>.+)\); left as it is"
        ),
        QT_TR_NOOP(
            "{what}: the {label} tag at {at} was changed elsewhere (now {now}); left as it is"
        ),
    ),
    (
        re.compile(
            r"tag (?P<label>\S+): the letters (?P<at>\d+-\d+) were tagged again elsewhere"
            r" \(another window or program\); left as they are"
        ),
        QT_TR_NOOP(
            "tag {label}: the letters {at} were tagged again elsewhere (another window or"
            " program); left as they are"
        ),
    ),
    (
        re.compile(r"the same span already exists at (?P<at>\d+-\d+)"),
        QT_TR_NOOP("the same span already exists at {at}"),
    ),
    (
        re.compile(r"label '(?P<label>.+)': key '(?P<key>.+)' is already used"),
        QT_TR_NOOP("label {label}: key {key} is already used"),
    ),
    (
        re.compile(r"label '(?P<label>.+)' already exists"),
        QT_TR_NOOP("label {label} already exists"),
    ),
    (re.compile(r"label name is empty"), QT_TR_NOOP("label name is empty")),
    (
        re.compile(r"that label was removed in another window or program"),
        QT_TR_NOOP("that label was removed in another window or program"),
    ),
    (
        re.compile(r"nothing to search for: the search text is empty"),
        QT_TR_NOOP("nothing to search for: the search text is empty"),
    ),
    (
        re.compile(
            r"saving to (?P<place>.+): the connection to the server was lost while saving"
            r" \((?P<why>.+)\) and the server could not confirm the change; it may or may"
            r" not be saved: look at the article again"
        ),
        QT_TR_NOOP(
            "saving to {place}: the connection to the server was lost while saving ({why})"
            " and the server could not confirm the change; it may or may not be saved:"
            " look at the article again"
        ),
    ),
    (
        re.compile(
            r"(?P<what>.+): the connection to the server was lost \((?P<why>.+)\); not saved"
        ),
        QT_TR_NOOP("{what}: the connection to the server was lost ({why}); not saved"),
    ),
    (
        re.compile(r"(?P<path>.+): no such project file"),
        QT_TR_NOOP("{path}: no such project file"),
    ),
    (
        re.compile(r"(?P<path>.+): the project file is damaged \((?P<why>.+)\)"),
        QT_TR_NOOP("{path}: the project file is damaged ({why})"),
    ),
]


def error_text(message: object) -> str:
    """``str(message)`` (an error or its text) in the interface language."""
    text = str(message)
    for pattern, template in _MESSAGES:
        match = pattern.fullmatch(text)
        if match:
            values = match.groupdict()
            if "what" in values:
                values["what"] = step_text(values["what"])
            return ui_format(tr(template), **values)
    return text
