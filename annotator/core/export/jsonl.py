"""JSONL: one record per (article, annotator) with code-point offsets (Prodigy / spaCy).

``{"id", "title", "text", "meta", "annotator", "status", "spans": [{"start", "end",
"label", "text"}]}``. ``meta`` is the article's meta with its source, url, author and
published added when set, so nothing the import took in is lost. Without text, each span
still carries its ``text``: it is what a trainer checks an offset against.
"""

from __future__ import annotations

from typing import Any, TextIO

from annotator.core.export.base import Options, Tally, write_json_line
from annotator.core.export.records import ExportRecord
from annotator.core.model import Article


def article_meta(art: Article) -> dict[str, Any]:
    meta = dict(art.meta)
    for key in ("source", "url", "author", "published"):
        value = getattr(art, key)
        if value is not None:
            meta[key] = value
    return meta


class JsonlWriter:
    def __init__(self, options: Options, tally: Tally) -> None:
        self.include_text = options.include_text
        self.tally = tally

    def write(self, fh: TextIO, rec: ExportRecord) -> bool:
        art = rec.article
        record: dict[str, Any] = {"id": art.ext_id, "title": art.title}
        if self.include_text:
            record["text"] = art.text
        record["meta"] = article_meta(art)
        record["annotator"] = rec.annotator
        record["status"] = rec.status
        record["spans"] = [
            {"start": s, "end": e, "label": lab, "text": t} for s, e, lab, t in rec.spans
        ]
        write_json_line(fh, record)
        self.tally.spans += len(rec.spans)
        return True

    def side_files(self) -> dict[str, str]:
        return {}
