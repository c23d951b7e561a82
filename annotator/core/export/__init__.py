"""Export of labeled data for training: JSONL, doccano, nested CoNLL and Hugging Face.

``run_export`` is the one entry point (the CLI command and the GUI dialog both call it).
"""

from annotator.core.export.errors import ExportCancelled, ExportError, check_record
from annotator.core.export.run import FORMATS, ExportReport, run_export

__all__ = [
    "FORMATS",
    "ExportCancelled",
    "ExportError",
    "ExportReport",
    "check_record",
    "run_export",
]
