"""JSONL, both ways: one article (import) or one (article, annotator) record (export) a line.

Offsets are code points of ``text`` (the Prodigy / spaCy convention) in both directions,
unless ``--offsets utf16`` says the file counts UTF-16 code units (see ``spans_in.py``).

Reading: ``text`` is required; ``id``, ``title``, ``source``, ``url``, ``author``,
``published`` and ``meta`` are optional and any other key goes to ``meta``. The article
fields are strings (``id`` may also be a whole number), never silently turned into one
(``["a", "b"]`` is not an author); a key of ``meta`` that is also a top-level key with
another value is refused rather than one of them dropped. Pre-annotations, with
whole-number offsets (``1.0`` and ``true`` are refused):

- Prodigy / spaCy: ``"spans": [{"start": 0, "end": 4, "label": "PERS"}]`` (a span's
  ``text``, if given, must be what its offsets cover)
- doccano (JSONL export): ``"label": [[0, 4, "PERS"]]``
- doccano (entities): ``"entities": [{"start_offset": 0, "end_offset": 4, "label": "PERS"}]``

``annotator``, ``status``, ``note``, ``changed_at`` and (gold) ``reviewer`` say whose work
the record is and where it stands (``work.py``); the import stores them under that name.

Writing: ``{"id", "title", "text", "meta", "annotator", "status", "note", "changed_at",
["reviewer",] "spans": [{"start", "end", "label", "text"}]}``. ``meta`` is the article's
meta with its source, url, author and published added when set, so nothing the import took
in is lost. Without text, each span still carries its ``text``: it is what a trainer
checks an offset against. One annotator's status and note, with the time they changed,
come back by import, so export, import and export again give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from annotator.core.errors import ValidationError
from annotator.core.formats import doccano
from annotator.core.formats.export_records import ExportRecord
from annotator.core.formats.reading import (
    ARTICLE_FIELDS,
    NO_WORK,
    Invalid,
    NewlineMap,
    Record,
    Skipped,
    Work,
    decoded_lines,
    decoding_of,
    json_kind,
    line_not_decoded,
    readable,
)
from annotator.core.formats.spans_in import CODEPOINTS, RawSpan, checked_spans
from annotator.core.formats.work import work_of
from annotator.core.formats.writing import Options, Tally, span_offsets, write_json_line
from annotator.core.model import Article, ArticleIn

SPAN_KEYS = ("spans", *doccano.SPAN_KEYS)
# Keys that describe the record rather than the article, never copied into ``meta``:
# whose work it is and where it stands, as ``annotator export`` writes them per record.
WORK_KEYS = ("annotator", "status", "note", "changed_at", "reviewer")
_SKIP_KEYS = {"text", "id", "title", "meta", "tokens", *WORK_KEYS, *ARTICLE_FIELDS, *SPAN_KEYS}

#: Turns one parsed JSON object into an article and its work (``ValidationError``: bad).
ParseFn = Callable[[dict[str, Any], str, str], tuple[ArticleIn | Skipped, Work]]


def read(path: Path, encoding: str | None = None, unit: str = CODEPOINTS) -> Iterator[Record]:
    """JSON Lines of ``annotator export`` or any tool writing ``text`` and spans."""
    return read_objects(path, encoding, unit, parse_object)


def read_objects(
    path: Path, encoding: str | None, unit: str, parse: ParseFn
) -> Iterator[Record]:
    """One JSON object a line, each turned into a record by ``parse``."""
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
        item: ArticleIn | Invalid | Skipped
        work = NO_WORK
        try:
            item, work = parse(load_object(line), f"{path.stem}-{line_no}", unit)
        except ValidationError as exc:
            item = Invalid(str(exc), line)
        yield Record(name, line_no, item, done, work)


def load_object(line: str) -> dict[str, Any]:
    """One JSON object; ``ValidationError`` in the user's words if it is not one."""
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
    return obj


def parse_record(line: str, default_id: str) -> ArticleIn:
    """One JSON line to an article; ``ValidationError`` says what is wrong with it."""
    return article_of(load_object(line), default_id, _raw_spans)


def parse_object(obj: dict[str, Any], default_id: str, unit: str) -> tuple[ArticleIn, Work]:
    """A JSONL record: its article with spans in ``unit``, and whose work it is."""
    work = work_of(obj)
    return article_of(obj, default_id, _raw_spans, unit), work


def article_of(
    obj: dict[str, Any],
    default_id: str,
    raw_spans: Callable[[dict[str, Any]], list[RawSpan]],
    unit: str = CODEPOINTS,
    text_key: str = "text",
    skip: frozenset[str] | set[str] = frozenset(),
) -> ArticleIn:
    """The article of a JSON object with ``text`` (and the other fields) and its spans."""
    if text_key not in obj:
        raise ValidationError(f'missing "{text_key}"')
    original = obj[text_key]
    if not isinstance(original, str):
        raise ValidationError(f'"{text_key}" must be a string, got {json_kind(original)}')
    if not original.strip():
        raise ValidationError(f'"{text_key}" is empty')
    nl = NewlineMap(original)
    spans = checked_spans(raw_spans(obj), original, nl, unit)
    fields = {key: _string(obj, key) for key in ("title", *ARTICLE_FIELDS)}
    title = fields.pop("title")
    return ArticleIn(
        ext_id=_ext_id(obj.get("id"), default_id),
        text=nl.text,
        title=title or "",
        meta=_meta(obj, skip or _SKIP_KEYS),
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


def _meta(obj: dict[str, Any], skip: frozenset[str] | set[str] = _SKIP_KEYS) -> dict[str, Any]:
    """``meta`` and the keys the record has besides the known ones, with no key lost."""
    meta = obj.get("meta", {})
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ValidationError(f'"meta" must be an object, got {json_kind(meta)}')
    extras = {k: v for k, v in obj.items() if k not in skip}
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


def _raw_spans(obj: dict[str, Any]) -> list[RawSpan]:
    """Pre-annotations in whichever shape the record uses, not yet validated."""
    out = spans_list(obj)
    out.extend(doccano.raw_spans(obj))
    return out


def spans_list(obj: dict[str, Any]) -> list[RawSpan]:
    """``"spans": [{start, end, label[, text]}]`` (Prodigy, spaCy, ``annotator export``)."""
    out: list[RawSpan] = []
    spans = obj.get("spans")
    if spans is not None:
        if not isinstance(spans, list):
            raise ValidationError('"spans" must be a list of {start, end, label}')
        for i, sp in enumerate(spans, 1):
            if not isinstance(sp, dict) or not {"start", "end", "label"} <= sp.keys():
                raise ValidationError(f'"spans" item {i}: expected {{start, end, label}}')
            out.append((sp["start"], sp["end"], sp["label"], sp.get("text")))
    return out


# -- writing ----------------------------------------------------------------------


def article_meta(art: Article) -> dict[str, Any]:
    meta = dict(art.meta)
    for key in ("source", "url", "author", "published"):
        value = getattr(art, key)
        if value is not None:
            meta[key] = value
    return meta


def work_fields(rec: ExportRecord) -> dict[str, Any]:
    """Whose work a record is and where it stands, as ``work_of`` reads it back."""
    fields: dict[str, Any] = {
        "annotator": rec.annotator,
        "status": rec.status,
        "note": rec.note,
        "changed_at": rec.changed_at,
    }
    if rec.reviewer is not None:
        fields["reviewer"] = rec.reviewer
    return fields


class JsonlWriter:
    def __init__(self, options: Options, tally: Tally) -> None:
        self.include_text = options.include_text
        self.unit = options.offsets
        self.tally = tally

    def write(self, fh: TextIO, rec: ExportRecord) -> bool:
        art = rec.article
        record: dict[str, Any] = {"id": art.ext_id, "title": art.title}
        if self.include_text:
            record["text"] = art.text
        record["meta"] = article_meta(art)
        record.update(work_fields(rec))
        record["spans"] = [
            {"start": s, "end": e, "label": lab, "text": t}
            for s, e, lab, t in span_offsets(rec, self.unit)
        ]
        write_json_line(fh, record)
        self.tally.spans += len(rec.spans)
        return True

    def finish(self, fh: TextIO) -> None:
        """JSON Lines has no end to write."""

    def side_files(self) -> dict[str, str]:
        return {}
