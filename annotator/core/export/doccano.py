"""doccano sequence labeling JSONL: ``{"id", "text", "label": [[start, end, label], ...]}``."""

from __future__ import annotations

import json
from typing import TextIO

from annotator.core.export.base import Options, Tally
from annotator.core.export.records import ExportRecord

_dumps = json.JSONEncoder(ensure_ascii=False).encode


class DoccanoWriter:
    def __init__(self, options: Options, tally: Tally) -> None:
        self.tally = tally

    def write(self, fh: TextIO, rec: ExportRecord) -> bool:
        record = {
            "id": rec.article.ext_id,
            "text": rec.article.text,
            "label": [[s, e, lab] for s, e, lab, _t in rec.spans],
        }
        fh.write(_dumps(record))
        fh.write("\n")
        self.tally.spans += len(rec.spans)
        return True

    def side_files(self) -> dict[str, str]:
        return {}
