"""Label Studio, both ways: its JSON, JSON-MIN and JSONL exports in, tasks out.

Reading (``--format labelstudio``, or a ``.json`` file that is a JSON array): a task is
``{"id", "data": {"text", ...}, "annotations": [...], "predictions": [...]}``; each
annotation becomes one record, under its annotator (``completed_by``: an email, or a user
number as ``user-<n>``; ``created_username`` when Label Studio wrote it), with status
``done``, or ``skipped`` when it was cancelled, changed when Label Studio last updated it.
Predictions are pre-annotations (annotator ``import``, or ``--annotator``). A task with
neither is just its article. JSON-MIN has one flat object per annotation (the task's data
keys, the regions under the labeling config's name, ``annotator``, ``annotation_id``,
``updated_at``). The article id is the data's ``article_id`` (what the export here
writes), else its ``id``, else the task's id. Only ``labels`` regions are spans (other
results, choices or relations, are left out); a region with several labels is one span
per label. Label Studio counts offsets in code points and stores each region's ``text``,
which must match them (``spans_in.py``).

Writing (``--format labelstudio``): one JSON array of tasks, one task per article with
``data`` (``text``, ``article_id``, ``title``), the article's ``meta``, one annotation per
person (``was_cancelled`` for skipped, ``ground_truth`` for the gold layer) and one
prediction per pre-annotation layer (``import``, ``suggest``), for the default
``<Labels name="label" toName="text">`` config. Label Studio gives an imported annotation
to the user who imports it (it accepts only its own users' emails); the name here is kept
in ``created_username``, which it ignores and this reader takes back.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from annotator.core.errors import ValidationError
from annotator.core.formats.export_records import ExportRecord
from annotator.core.formats.json_stream import Item, objects
from annotator.core.formats.jsonl import ARTICLE_FIELDS, article_meta, article_of
from annotator.core.formats.reading import NO_WORK, Invalid, Record, Work, json_kind
from annotator.core.formats.spans_in import CODEPOINTS, RawSpan
from annotator.core.formats.work import change_time, name
from annotator.core.formats.writing import Options, Tally, span_offsets
from annotator.core.model import GOLD_ANNOTATOR, AnnotatorKind, ArticleIn, kind_for_name

FROM_NAME = "label"
TO_NAME = "text"
#: Keys of a JSON-MIN object that are not the task's data.
_MIN_KEYS = {"id", "annotator", "annotation_id", "created_at", "updated_at", "lead_time",
             "agreement", "article_id"}  # fmt: skip


def read(path: Path, encoding: str | None = None, unit: str = CODEPOINTS) -> Iterator[Record]:
    file = str(path)
    for item in objects(path, encoding):
        if item.value is None:
            bad = Invalid(item.problem or "not a task", item.raw, undecodable=item.undecodable)
            yield Record(file, item.line, bad, item.done)
            continue
        try:
            records = list(_task_records(item, f"{path.stem}-{item.line}", unit))
        except ValidationError as exc:
            records = [(Invalid(str(exc), item.raw), NO_WORK)]
        for art, work in records:
            yield Record(file, item.line, art, item.done, work)


def _task_records(
    item: Item, default_id: str, unit: str
) -> Iterator[tuple[ArticleIn | Invalid, Work]]:
    task = item.value
    assert task is not None
    if "data" not in task:
        yield _min_record(task, default_id, unit)
        return
    data = task["data"]
    if not isinstance(data, dict):
        raise ValidationError(f'"data" must be an object, got {json_kind(data)}')
    article = _article(data, task.get("id"), task.get("meta"))
    any_work = False
    for key in ("annotations", "completions", "predictions"):  # completions: before 1.0
        entries = task.get(key) or []
        if not isinstance(entries, list):
            raise ValidationError(f'"{key}" must be a list, got {json_kind(entries)}')
        for i, entry in enumerate(entries, 1):
            if not isinstance(entry, dict):
                raise ValidationError(f'"{key}" item {i}: expected an object')
            where = f'"{key}" item {i}'
            spans = _spans(entry.get("result"), where)
            art = _with_spans(article, default_id, spans, unit, where)
            work = NO_WORK if key == "predictions" else _annotation_work(entry)
            any_work = True
            yield art, work
    if not any_work:
        yield _with_spans(article, default_id, [], unit, "the task"), NO_WORK


def _text_key(data: dict[str, Any]) -> str:
    if "text" in data:
        return "text"
    strings = [k for k, v in data.items() if isinstance(v, str) and k not in ("title", "id")]
    if len(strings) == 1:
        return strings[0]
    raise ValidationError(
        f'no "text" in the task data (keys: {", ".join(map(str, data)) or "none"})'
    )


def _article(data: dict[str, Any], task_id: Any, meta: Any) -> dict[str, Any]:
    """The task as a JSONL-like object: text, id, title, meta (spans come later)."""
    key = _text_key(data)
    ext = data.get("article_id", data.get("id", task_id))
    extra = {k: v for k, v in data.items() if k not in (key, "id", "article_id", "title")}
    if meta is not None and not isinstance(meta, dict):
        raise ValidationError(f'the task\'s "meta" must be an object, got {json_kind(meta)}')
    obj = {"text": data[key], "id": ext, "title": data.get("title"), "meta": meta or {}}
    for k, v in extra.items():  # the article fields (source, url...) are fields here too
        if k in ARTICLE_FIELDS:
            obj[k] = v
        else:
            obj["meta"] = {**obj["meta"], k: v}
    return {k: v for k, v in obj.items() if v is not None}


def _with_spans(
    obj: dict[str, Any], default_id: str, spans: list[RawSpan], unit: str, where: str
) -> ArticleIn:
    try:
        return article_of(obj, default_id, lambda _o: spans, unit,
                          skip={"text", "id", "title", "meta", *ARTICLE_FIELDS})  # fmt: skip
    except ValidationError as exc:
        raise ValidationError(f"{where}: {exc}" if spans else str(exc)) from None


def _spans(result: Any, where: str) -> list[RawSpan]:
    if result is None:
        return []
    if not isinstance(result, list):
        raise ValidationError(f'{where}: "result" must be a list, got {json_kind(result)}')
    out: list[RawSpan] = []
    for region in result:
        if isinstance(region, dict) and region.get("type", "labels") == "labels":
            out.extend(_region_spans(region.get("value"), where))
    return out


def _region_spans(value: Any, where: str) -> list[RawSpan]:
    if not isinstance(value, dict) or "labels" not in value:
        return []  # not a labeled span (a choice, a relation, a text area)
    labels = value["labels"]
    if not isinstance(labels, list) or not labels:
        raise ValidationError(f'{where}: a region\'s "labels" must be a list of labels')
    if "start" not in value or "end" not in value:
        raise ValidationError(f"{where}: a region has no start and end (only text spans are read)")
    return [(value["start"], value["end"], label, value.get("text")) for label in labels]


def _annotation_work(entry: dict[str, Any]) -> Work:
    status = "skipped" if entry.get("was_cancelled") else "done"
    when = entry.get("updated_at") or entry.get("created_at")
    return Work(
        annotator=annotator_of(entry.get("completed_by"), entry.get("created_username")),
        status=status,
        changed_at=change_time(when, '"updated_at"'),
    )


def annotator_of(completed_by: Any, username: Any = None) -> str | None:
    """Who made an annotation: an email, the name this export wrote, or ``user-<n>``."""
    if isinstance(completed_by, dict):
        completed_by = completed_by.get("email") or completed_by.get("id")
    if isinstance(username, str) and username.strip():
        head, sep, tail = username.rpartition(", ")
        return name(head if sep and tail.isdigit() else username, '"created_username"')
    if isinstance(completed_by, int) and not isinstance(completed_by, bool):
        return f"user-{completed_by}"
    return name(completed_by, '"completed_by"')


def _min_record(task: dict[str, Any], default_id: str, unit: str) -> tuple[ArticleIn, Work]:
    """A JSON-MIN object: the task's data, its regions under the config's name."""
    regions = [k for k, v in task.items() if _looks_like_regions(v)]
    data = {k: v for k, v in task.items() if k not in _MIN_KEYS and k not in regions}
    obj = _article(data, task.get("article_id", task.get("id")), None)
    spans: list[RawSpan] = []
    for key in regions:
        for region in task[key]:
            spans.extend(_region_spans(region, f'"{key}"'))
    art = _with_spans(obj, default_id, spans, unit, "the regions")
    if "annotation_id" not in task and "annotator" not in task:
        return art, NO_WORK
    when = task.get("updated_at") or task.get("created_at")
    return art, Work(
        annotator=annotator_of(task.get("annotator")),
        status="done",
        changed_at=change_time(when, '"updated_at"'),
    )


def _looks_like_regions(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(r, dict) and "labels" in r for r in value)
    )


# -- writing ---------------------------------------------------------------------------


class LabelStudioWriter:
    """One task per article; an article's records come in a row (``iter_records``)."""

    def __init__(self, options: Options, tally: Tally) -> None:
        self.unit = options.offsets
        self.tally = tally
        self.task: dict[str, Any] | None = None
        self.article_id: int | None = None
        self.count = 0

    def write(self, fh: TextIO, rec: ExportRecord) -> bool:
        if rec.article.id != self.article_id:
            self._flush(fh)
            self.article_id = rec.article.id
            self.task = _task(rec)
        assert self.task is not None
        result = [
            {
                "id": f"{len(self.task['annotations']) + len(self.task['predictions'])}-{k}",
                "from_name": FROM_NAME,
                "to_name": TO_NAME,
                "type": "labels",
                "value": {"start": s, "end": e, "text": t, "labels": [lab]},
            }
            for k, (s, e, lab, t) in enumerate(span_offsets(rec, self.unit), 1)
        ]
        kind = kind_for_name(rec.annotator)
        if kind in (AnnotatorKind.IMPORT, AnnotatorKind.SUGGEST):
            self.task["predictions"].append({"model_version": rec.annotator, "result": result})
        else:
            annotation: dict[str, Any] = {
                "result": result,
                "was_cancelled": rec.status == "skipped",
                "ground_truth": rec.annotator == GOLD_ANNOTATOR,
                "created_username": rec.annotator,
            }
            if rec.changed_at:
                annotation["updated_at"] = rec.changed_at
            self.task["annotations"].append(annotation)
        self.tally.spans += len(rec.spans)
        return True

    def _flush(self, fh: TextIO) -> None:
        if self.task is None:
            return
        fh.write("[\n" if self.count == 0 else ",\n")
        fh.write(json.dumps(self.task, ensure_ascii=False))
        self.count += 1
        self.task = None

    def finish(self, fh: TextIO) -> None:
        self._flush(fh)
        fh.write("[]\n" if self.count == 0 else "\n]\n")

    def side_files(self) -> dict[str, str]:
        return {}


def _task(rec: ExportRecord) -> dict[str, Any]:
    art = rec.article
    data: dict[str, Any] = {"text": art.text, "article_id": art.ext_id}
    if art.title:
        data["title"] = art.title
    return {"data": data, "meta": article_meta(art), "annotations": [], "predictions": []}
