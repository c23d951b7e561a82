"""JSONL, both ways: one article (import) or one (article, annotator) record (export) a line.

Offsets are code points of ``text`` (the Prodigy / spaCy convention) in both directions.

Reading: ``text`` is required; ``id``, ``title``, ``source``, ``url``, ``author``,
``published`` and ``meta`` are optional and any other key goes to ``meta``. The article
fields are strings (``id`` may also be a whole number), never silently turned into one
(``["a", "b"]`` is not an author); a key of ``meta`` that is also a top-level key with
another value is refused rather than one of them dropped. Pre-annotations, in code points
of ``text``, with whole-number offsets (``1.0`` and ``true`` are refused):

- Prodigy / spaCy: ``"spans": [{"start": 0, "end": 4, "label": "PERS"}]``
- doccano (JSONL export): ``"label": [[0, 4, "PERS"]]``
- doccano (entities): ``"entities": [{"start_offset": 0, "end_offset": 4, "label": "PERS"}]``

Writing: ``{"id", "title", "text", "meta", "annotator", "status", "spans": [{"start", "end",
"label", "text"}]}``. ``meta`` is the article's meta with its source, url, author and
published added when set, so nothing the import took in is lost. Without text, each span
still carries its ``text``: it is what a trainer checks an offset against.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from annotator.core.errors import ValidationError
from annotator.core.formats import doccano
from annotator.core.formats.export_records import ExportRecord
from annotator.core.formats.reading import (
    ARTICLE_FIELDS,
    Invalid,
    NewlineMap,
    Record,
    checked_spans,
    decoded_lines,
    decoding_of,
    json_kind,
    line_not_decoded,
    readable,
)
from annotator.core.formats.writing import Options, Tally, write_json_line
from annotator.core.model import Article, ArticleIn

SPAN_KEYS = ("spans", *doccano.SPAN_KEYS)
# Keys that describe the record rather than the article, never copied into ``meta``:
# ``annotator`` and ``status`` are written by ``annotator export`` for each record.
_SKIP_KEYS = {
    "text", "id", "title", "meta", "tokens", "annotator", "status", *ARTICLE_FIELDS, *SPAN_KEYS
}


def read(path: Path, encoding: str | None = None) -> Iterator[Record]:
    name = str(path)
    dec = decoding_of(path, encoding)
    for line_no, text, done, marked in decoded_lines(path, dec):
        line = text.removesuffix("\n")
        bad = line_not_decoded(dec, line) if marked else None
        if bad is not None:
            yield Record(name, line_no, Invalid(bad, readable(line), undecodable=True), done)
            continue
        if not line.strip():
            continue
        try:
            item: ArticleIn | Invalid = parse_record(line, f"{path.stem}-{line_no}")
        except ValidationError as exc:
            item = Invalid(str(exc), line)
        yield Record(name, line_no, item, done)


def parse_record(line: str, default_id: str) -> ArticleIn:
    """One JSON line to an article; ``ValidationError`` says what is wrong with it."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValidationError(f"malformed JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise ValidationError("malformed JSON: nested too deeply") from None
    except ValueError as exc:  # an integer beyond Python's digit limit for conversion
        raise ValidationError(f"malformed JSON: {str(exc).split(';')[0]}") from None
    if not isinstance(obj, dict):
        raise ValidationError(f"expected a JSON object, got {json_kind(obj)}")
    if "text" not in obj:
        raise ValidationError('missing "text"')
    original = obj["text"]
    if not isinstance(original, str):
        raise ValidationError(f'"text" must be a string, got {json_kind(original)}')
    if not original.strip():
        raise ValidationError('"text" is empty')
    nl = NewlineMap(original)
    spans = checked_spans(_raw_spans(obj), len(original), nl)
    fields = {key: _string(obj, key) for key in ("title", *ARTICLE_FIELDS)}
    title = fields.pop("title")
    return ArticleIn(
        ext_id=_ext_id(obj.get("id"), default_id),
        text=nl.text,
        title=title or "",
        meta=_meta(obj),
        spans=spans,
        **fields,
    )


def _ext_id(value: Any, default_id: str) -> str:
    """A string id, or a whole number as its digits; none (or "") gives ``default_id``."""
    if value is None or value == "":
        return default_id
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    shown = value if isinstance(value, float) else json_kind(value)
    raise ValidationError(f'"id" must be a string or a whole number, got {shown}')


def _string(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value
    raise ValidationError(f'"{key}" must be a string, got {json_kind(value)}')


def _meta(obj: dict[str, Any]) -> dict[str, Any]:
    """``meta`` and the keys the record has besides the known ones, with no key lost."""
    meta = obj.get("meta", {})
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ValidationError(f'"meta" must be an object, got {json_kind(meta)}')
    extras = {k: v for k, v in obj.items() if k not in _SKIP_KEYS}
    label = obj.get("label")
    if isinstance(label, list) and label and all(isinstance(x, str) for x in label):
        extras["label"] = label  # doccano document categories, not spans
    # the article fields too: export writes them into meta, where a second value is lost
    top = {**extras, **{k: obj[k] for k in ARTICLE_FIELDS if obj.get(k) is not None}}
    for key, value in meta.items():
        if key in top and top[key] != value:
            raise ValidationError(
                f'"{key}" is given twice, at the top level and in "meta", with different'
                " values; keep one"
            )
    return {**extras, **meta}


def _raw_spans(obj: dict[str, Any]) -> list[tuple[Any, Any, Any]]:
    """Pre-annotations in whichever shape the record uses, not yet validated."""
    out: list[tuple[Any, Any, Any]] = []
    spans = obj.get("spans")
    if spans is not None:
        if not isinstance(spans, list):
            raise ValidationError('"spans" must be a list of {start, end, label}')
        for i, sp in enumerate(spans, 1):
            if not isinstance(sp, dict) or not {"start", "end", "label"} <= sp.keys():
                raise ValidationError(f'"spans" item {i}: expected {{start, end, label}}')
            out.append((sp["start"], sp["end"], sp["label"]))
    out.extend(doccano.raw_spans(obj))
    return out


# -- writing ----------------------------------------------------------------------


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
