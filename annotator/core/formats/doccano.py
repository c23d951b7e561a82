"""doccano sequence labeling JSONL: ``{"id", "text", "label": [[start, end, label], ...]}``."""

from __future__ import annotations

from typing import TextIO

from annotator.core.formats.export_records import ExportRecord
from annotator.core.formats.writing import Options, Tally, write_json_line


class DoccanoWriter:
    def __init__(self, options: Options, tally: Tally) -> None:
        self.tally = tally

    def write(self, fh: TextIO, rec: ExportRecord) -> bool:
        record = {
            "id": rec.article.ext_id,
            "text": rec.article.text,
            "label": [[s, e, lab] for s, e, lab, _t in rec.spans],
        }
        write_json_line(fh, record)
        self.tally.spans += len(rec.spans)
        return True

    def side_files(self) -> dict[str, str]:
        return {}
