"""Errors the core raises on purpose.

Every user-facing failure is an ``AnnotatorError`` whose ``str()`` is one clear line, so the
CLI and the GUI can show it as it is instead of a traceback.
"""

from __future__ import annotations


class AnnotatorError(Exception):
    """Base for every expected failure; the message is meant for the user."""


class ProjectError(AnnotatorError):
    """The project file cannot be opened or used (not SQLite, not a project, too new...)."""


class SchemaTooNewError(ProjectError):
    """The file was written by a newer annotator; it is never migrated down."""


class DamagedProjectError(ProjectError):
    """The project's rows contradict each other (a span whose label row is gone, a span
    outside its text), as only editing the file by hand or a failing disk can make them.

    Reads refuse with it instead of leaving the span out, which would lose it silently
    from an export or a merge; its message is the line ``annotator check`` prints for the
    same problem, and names that command.
    """


class ValidationError(AnnotatorError):
    """A value breaks a rule of the model (offsets out of range, unknown label...)."""


class NotFoundError(AnnotatorError):
    """An article, label, span or annotator that was asked for does not exist."""


class ConflictError(AnnotatorError):
    """A change would contradict data already stored (label in use, merge conflict...)."""


class WriteFailedError(AnnotatorError):
    """A write did not land (database locked after retries, disk full, read-only file)."""


class UnconfirmedWriteError(WriteFailedError):
    """The connection to the server was lost while a write was being committed, and the
    server could not be asked afterwards whether the commit happened: the change may or
    may not be saved, and the user is told so rather than shown either as certain."""


class StaleError(ConflictError):
    """An undo or redo meets a span that someone else changed or removed meanwhile; it is
    left as it is and the step is dropped from the stack."""


class ProjectMovedError(WriteFailedError):
    """The project file was renamed, moved or deleted while open: writing on would land in
    a file nobody can find again, so nothing is written."""
