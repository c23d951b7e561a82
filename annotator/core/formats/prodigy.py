"""Prodigy, both ways: ``prodigy db-out`` JSONL in, the same shape out.

A Prodigy record is ``{"text", "tokens": [{"text", "start", "end", "id", "ws"}], "spans":
[{"start", "end", "token_start", "token_end", "label"}], "answer", "_input_hash",
"_task_hash", "_annotator_id", "_session_id", ...}``, offsets in code points (Prodigy is
Python).

Reading (``--format prodigy``, or a JSONL file whose first record carries Prodigy's keys):
``answer`` is honoured: ``reject`` and ``ignore`` records are skipped and counted, never
imported as if accepted. ``_annotator_id`` (else ``_session_id``) names the annotator. A
span given only by ``token_start`` / ``token_end`` (inclusive) is resolved through the
record's ``tokens``; a span with both must agree with its tokens.

Writing (``--format prodigy``): the article's tokens (those of ``tagging.py``), each span
with its ``token_start`` / ``token_end`` (spans off token boundaries follow
``--misaligned``, as for CoNLL), ``answer`` (``accept``; ``ignore`` for an article the
annotator skipped), ``_annotator_id`` and ``_session_id`` (the annotator), ``_view_id``
``ner_manual``, and ``_input_hash`` / ``_task_hash``: stable 32-bit numbers of the text
and of the text with its spans (Prodigy's own are MurmurHash of the same inputs; it keeps
the numbers it is given when it reads a file back with ``db-in``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from annotator.core.errors import ValidationError
from annotator.core.formats.export_records import ExportRecord
from annotator.core.formats.jsonl import (
    WORK_KEYS,
    article_meta,
    article_of,
    load_object,
    read_objects,
    spans_list,
)
from annotator.core.formats.reading import ARTICLE_FIELDS, Record, Skipped, Work, json_kind
from annotator.core.formats.spans_in import CODEPOINTS, UTF16, RawSpan
from annotator.core.formats.work import name
from annotator.core.formats.writing import Options, Tally, TokenWriter, write_json_line
from annotator.core.model import ArticleIn
from annotator.core.text.offsets import Utf16Index

ANSWERS = ("accept", "reject", "ignore")
#: Keys Prodigy adds to a task; they describe the annotation, not the article.
PRODIGY_KEYS = {"_input_hash", "_task_hash", "_view_id", "_annotator_id", "_session_id",
                "_timestamp", "_is_binary", "answer", "tokens", "spans", "label", "options",
                "accept", "config"}  # fmt: skip
_SKIP = {"text", "id", "title", "meta", *ARTICLE_FIELDS, *WORK_KEYS, *PRODIGY_KEYS}


def looks_like_prodigy(obj: dict[str, Any]) -> bool:
    return any(k in obj for k in ("_input_hash", "_task_hash", "_annotator_id", "_session_id"))


def read(path: Path, encoding: str | None = None, unit: str = CODEPOINTS) -> Iterator[Record]:
    return read_objects(path, encoding, unit, parse_object)


def parse_line(
    line: str, default_id: str, unit: str = CODEPOINTS
) -> tuple[ArticleIn | Skipped, Work]:
    return parse_object(load_object(line), default_id, unit)


def parse_object(
    obj: dict[str, Any], default_id: str, unit: str
) -> tuple[ArticleIn | Skipped, Work]:
    answer = obj.get("answer", "accept")
    if answer not in ANSWERS:
        shown = answer if isinstance(answer, str) else json_kind(answer)
        raise ValidationError(f'"answer" must be accept, reject or ignore, got {shown!r}')
    who = obj.get("_annotator_id")
    work = Work(annotator=name(who if who is not None else obj.get("_session_id"),
                               '"_annotator_id"'))  # fmt: skip
    if answer != "accept":
        return Skipped(f"answer {answer}: not imported"), work
    tokens = _tokens(obj)
    art = article_of(obj, default_id, lambda o: _raw_spans(o, tokens), unit, skip=_SKIP)
    return art, work


def _tokens(obj: dict[str, Any]) -> list[tuple[int, int]] | None:
    tokens = obj.get("tokens")
    if tokens is None:
        return None
    if not isinstance(tokens, list):
        raise ValidationError(f'"tokens" must be a list, got {json_kind(tokens)}')
    out: list[tuple[int, int]] = []
    for i, tok in enumerate(tokens):
        if not isinstance(tok, dict) or not {"start", "end"} <= tok.keys():
            raise ValidationError(f'"tokens" item {i}: expected {{text, start, end, id}}')
        out.append((tok["start"], tok["end"]))
    return out


def _raw_spans(obj: dict[str, Any], tokens: list[tuple[int, int]] | None) -> list[RawSpan]:
    spans = obj.get("spans")
    if not isinstance(spans, list):
        return spans_list(obj)  # none, or the error spans_list gives
    out: list[RawSpan] = []
    for i, sp in enumerate(spans, 1):
        if not isinstance(sp, dict) or "label" not in sp:
            raise ValidationError(f'"spans" item {i}: expected {{start, end, label}}')
        by_tokens = _by_tokens(sp, tokens, i)
        if "start" in sp and "end" in sp:
            if by_tokens is not None and by_tokens != (sp["start"], sp["end"]):
                raise ValidationError(
                    f'"spans" item {i}: start and end {sp["start"]}-{sp["end"]} are not those'
                    f" of its tokens {sp['token_start']}-{sp['token_end']}"
                    f" ({by_tokens[0]}-{by_tokens[1]})"
                )
            out.append((sp["start"], sp["end"], sp["label"], sp.get("text")))
        elif by_tokens is not None:
            out.append((*by_tokens, sp["label"], sp.get("text")))
        else:
            raise ValidationError(
                f'"spans" item {i}: expected start and end, or token_start and token_end'
            )
    return out


def _by_tokens(
    sp: dict[str, Any], tokens: list[tuple[int, int]] | None, i: int
) -> tuple[Any, Any] | None:
    if "token_start" not in sp or "token_end" not in sp:
        return None
    first, last = sp["token_start"], sp["token_end"]
    if tokens is None:
        if "start" in sp:
            return None  # nothing to check the token numbers against
        raise ValidationError(f'"spans" item {i}: token_start and token_end need "tokens"')
    ok = all(type(x) is int for x in (first, last)) and 0 <= first <= last < len(tokens)
    if not ok:
        raise ValidationError(
            f'"spans" item {i}: tokens {first!r}-{last!r} are not among the record\'s'
            f" {len(tokens)} tokens"
        )
    return tokens[first][0], tokens[last][1]


# -- writing ---------------------------------------------------------------------------


def stable_hash(*parts: Any) -> int:
    """A signed 32-bit number of ``parts`` (as Prodigy's hashes are)."""
    data = json.dumps(parts, ensure_ascii=False, sort_keys=True).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.sha256(data).digest()[:4], "big", signed=True)


class ProdigyWriter(TokenWriter):
    def __init__(self, options: Options, tally: Tally) -> None:
        super().__init__(options, tally)
        self.unit = options.offsets

    def write(self, fh: TextIO, rec: ExportRecord) -> bool:
        art = rec.article
        found = self.aligned(rec)
        if found is None:
            return False
        tok, aligned = found
        self.tally.spans += len(aligned.spans)
        to = Utf16Index(art.text).to_utf16 if self.unit == UTF16 else (lambda x: x)
        text = art.text
        tokens = [
            {
                "text": t,
                "start": to(s),
                "end": to(e),
                "id": i,
                "ws": e < len(text) and text[e].isspace(),
            }
            for i, (t, s, e) in enumerate(zip(tok.tokens, tok.starts, tok.ends, strict=True))
        ]
        spans = [
            {
                "start": to(tok.starts[first]),
                "end": to(tok.ends[last]),
                "token_start": first,
                "token_end": last,
                "label": label,
            }
            for first, last, label in sorted(aligned.spans)
        ]
        input_hash = stable_hash(art.text)
        record: dict[str, Any] = {"id": art.ext_id, "text": art.text}
        if art.title:
            record["title"] = art.title
        record["meta"] = article_meta(art)
        record.update(
            {
                "_input_hash": input_hash,
                "_task_hash": stable_hash(input_hash, [[s["start"], s["end"], s["label"]]
                                                       for s in spans]),  # fmt: skip
                "tokens": tokens,
                "spans": spans,
                "_view_id": "ner_manual",
                "answer": "ignore" if rec.status == "skipped" else "accept",
                "_annotator_id": rec.annotator,
                "_session_id": rec.annotator,
            }
        )
        write_json_line(fh, record)
        return True

    def side_files(self) -> dict[str, str]:
        return {}
