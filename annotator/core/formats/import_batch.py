"""One import's records in batches: which article each lands on, spans, statuses, labels.

A record is an article with one person's spans and, maybe, what that person said of it
(``reading.Work``). Its article is new, or one the project has: the same id with the same
text, or the same text under another id. A new article is stored; a known one receives
the record's work (``--on-existing add``, the default), so a model's or another
annotator's spans can be added later, and a file of several annotators' records of the
same articles (what ``annotator export`` writes) lands whole. ``skip`` leaves the articles
the project had before the import alone (listed as duplicates), ``error`` refuses records
for them; records of one article inside the import always gather. The same id with other
text is refused.

Spans go under the record's annotator (``--annotator`` overrides the file's names; a file
without names gives ``import``). Spans already there are counted, not doubled. A status or
note with its change time is applied like merge applies one: the newer wins and keeps its
time, so the project and a later merge agree on what happened last; one without a time is
applied only where the project has none for that person, and is dated by the import. The
gold layer's record sets the review (its status and reviewer) where none was made.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import ConflictError, ValidationError
from annotator.core.formats.import_worker import Prepared, unstorable, utf8_storable
from annotator.core.formats.reading import Invalid, Record, Skipped, Work
from annotator.core.formats.work import status_for
from annotator.core.labels import check_label_name
from annotator.core.model import GOLD_ANNOTATOR, IMPORT_ANNOTATOR, ArticleIn, content_hash
from annotator.core.store import Store

SPAN_ORIGIN = "import"
#: How many of the articles it added an import remembers by id (see ``Batches.added``).
RECENT_ADDED = 50_000
ON_EXISTING = ("add", "skip", "error")


@dataclass
class Rejection:
    file: str
    line: int
    reason: str
    record: str | None = None  # the raw record, for the .rejects.jsonl

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass
class ImportReport:
    files: list[str]
    articles_added: int = 0
    #: Records whose article was already there (in the project, or earlier in the import).
    articles_matched: int = 0
    spans_added: int = 0
    spans_present: int = 0  # spans the project already had
    spans_refused: int = 0  # spans of rejected records
    statuses_set: int = 0
    statuses_kept: int = 0  # the project's newer (or undated file's older) status stayed
    duplicates: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # marked unusable in the file itself
    rejected: list[Rejection] = field(default_factory=list)
    labels_added: list[str] = field(default_factory=list)
    annotators: list[str] = field(default_factory=list)  # whose work came in
    rejects_path: Any = None  # Path of the rejects file, once written
    cancelled: bool = False
    #: Set when some text did not decode: what to do about it (``--encoding``).
    encoding_hint: str | None = None
    seconds: float = 0.0

    def summary(self) -> str:
        parts = [
            f"{self.articles_added} article(s), {self.spans_added} span(s),"
            f" {len(self.duplicates)} duplicate(s) skipped, {len(self.rejected)} rejected"
        ]
        parts += self.extra()
        return "; ".join(parts)

    def extra(self, with_skipped: bool = True) -> list[str]:
        """What the summary says beyond articles and spans, when there is any."""
        out = []
        if self.articles_matched:
            out.append(f"{self.articles_matched} record(s) added to articles already there")
        if self.spans_present:
            out.append(f"{self.spans_present} span(s) already there")
        if self.spans_refused:
            out.append(f"{self.spans_refused} span(s) refused with their records")
        if self.statuses_set or self.statuses_kept:
            out.append(
                f"{self.statuses_set} status(es) set, {self.statuses_kept} newer one(s) kept"
            )
        if self.skipped and with_skipped:
            out.append(f"{len(self.skipped)} record(s) skipped as their file says")
        return out

    def as_json(self) -> dict[str, Any]:
        """The summary for scripts (``annotator import --json``)."""
        return {
            "files": self.files,
            "articles_added": self.articles_added,
            "articles_matched": self.articles_matched,
            "spans_added": self.spans_added,
            "spans_present": self.spans_present,
            "spans_refused": self.spans_refused,
            "statuses_set": self.statuses_set,
            "statuses_kept": self.statuses_kept,
            "annotators": self.annotators,
            "labels_added": self.labels_added,
            "duplicates": self.duplicates,
            "skipped": self.skipped,
            "rejected": [
                {"file": r.file, "line": r.line, "reason": r.reason} for r in self.rejected
            ],
            "rejects_file": None if self.rejects_path is None else str(self.rejects_path),
            "seconds": round(self.seconds, 3),
        }


class Batches:
    """Batching, matching, label handling and statuses for one import."""

    def __init__(
        self,
        store: Store,
        report: ImportReport,
        annotator: str | None,
        strict_labels: bool,
        on_existing: str = "add",
    ) -> None:
        self.store = store
        self.report = report
        self.annotator = annotator  # --annotator: overrides the file's names
        self.strict_labels = strict_labels
        self.on_existing = on_existing
        self.labels = {lab.name for lab in store.labels()}
        self.batch: list[tuple[int, Prepared]] = []
        self.seen = 0
        self.undecodable = False  # some text did not decode
        # ext_id -> id of the articles this import added most recently (a record of the
        # same article usually follows soon): bounded, so a million-article import does not
        # hold a million ids (130 MB); older ones are found by their id (see _added_here).
        self.added: OrderedDict[str, int] = OrderedDict()
        self.first_added: int | None = None  # the first id this import gave an article
        self._known_ids: dict[str, int] = {}  # this batch's lookups of older articles
        # (record number, rejection): batch checks reject later than the reader, so the
        # report is put back in input order at the end
        self._rejected: list[tuple[int, Rejection]] = []

    def name(self, work: Work) -> str:
        return self.annotator or work.annotator or IMPORT_ANNOTATOR

    def reject(self, rejection: Rejection, seq: int | None = None, spans: int = 0) -> None:
        self._rejected.append((self.seen if seq is None else seq, rejection))
        self.report.spans_refused += spans

    def rejected_in_order(self) -> list[Rejection]:
        return [r for _, r in sorted(self._rejected, key=lambda pair: pair[0])]

    def add(self, prep: Prepared) -> None:
        rec = prep.rec
        self.seen += 1
        if isinstance(rec.item, Invalid):
            self.undecodable = self.undecodable or rec.item.undecodable
            self.reject(Rejection(rec.file, rec.line, rec.item.reason, rec.item.raw))
        elif isinstance(rec.item, Skipped):
            self.report.skipped.append(f"{rec.file}:{rec.line}: {rec.item.reason}")
        else:
            self.batch.append((self.seen, prep))

    def flush(self) -> None:
        batch, self.batch = self.batch, []
        self._known_ids.clear()  # one batch's lookups: memory stays bounded
        batch = [(seq, prep) for seq, prep in batch if self._id_storable(seq, prep)]
        if not batch:
            return
        arts = [prep.rec.item for _, prep in batch]
        assert all(isinstance(a, ArticleIn) for a in arts)
        hashes = [
            prep.digest or content_hash(a.text)  # type: ignore[union-attr]
            for (_, prep), a in zip(batch, arts, strict=True)
        ]
        by_ext, by_hash = self.store.existing_articles(
            {a.ext_id for a in arts}, set(hashes)  # type: ignore[union-attr]
        )
        new: list[ArticleIn] = []
        new_hashes: list[str] = []
        new_folded: list[str | None] = []
        targets: list[tuple[Record, str, bool]] = []  # record, its article's ext id, known
        fresh: set[str] = set()  # ext ids of this batch's new articles
        for (seq, prep), digest in zip(batch, hashes, strict=True):
            rec = prep.rec
            art = rec.item
            assert isinstance(art, ArticleIn)
            known = by_ext.get(art.ext_id)
            if known is not None and known != digest:
                reason = f"id {art.ext_id!r} already exists with different text"
                self.reject(Rejection(rec.file, rec.line, reason, _raw(art)), seq, len(art.spans))
                continue
            twin = art.ext_id if known is not None else by_hash.get(digest)
            before = twin is not None and twin not in fresh and not self._added_here(twin)
            if twin is not None and not self._joins(seq, rec, art, twin, before):
                continue
            problem = self._problem(prep, self.name(rec.work), twin is None)
            if problem is not None:
                self.reject(Rejection(rec.file, rec.line, problem, _raw(art)), seq, len(art.spans))
                continue
            self._add_labels(art)
            if twin is None:
                by_ext[art.ext_id] = digest
                by_hash[digest] = art.ext_id
                new.append(art)
                new_hashes.append(digest)
                new_folded.append(prep.folded)
                fresh.add(art.ext_id)
            targets.append((rec, twin or art.ext_id, twin is not None))
        folded = None if None in new_folded else new_folded  # all read by the child, or none
        ids = self.store.insert_articles(new, new_hashes, folded)  # type: ignore[arg-type]
        if ids and self.first_added is None:
            self.first_added = ids[0]
        self.added.update(zip((a.ext_id for a in new), ids, strict=True))
        while len(self.added) > RECENT_ADDED:
            self.added.popitem(last=False)
        self.report.articles_added += len(ids)
        self._store_work(targets)

    def _id_storable(self, seq: int, prep: Prepared) -> bool:
        """False (and the record rejected) when its id holds a lone surrogate.

        JSON can spell one ("\\ud800"); checked before the batch's ids are looked up in the
        project, since the database's encoder refuses such a string (a crash, not a reject).
        """
        rec = prep.rec
        art = rec.item
        assert isinstance(art, ArticleIn)
        if utf8_storable(art.ext_id):
            return True
        reason = (prep.unstorable if prep.checked else unstorable(art)) or (
            "id holds a lone surrogate"
        )
        self.reject(Rejection(rec.file, rec.line, reason, _raw(art)), seq, len(art.spans))
        return False

    def _joins(self, seq: int, rec: Record, art: ArticleIn, twin: str, before: bool) -> bool:
        """Whether a record of a known article ``twin`` brings work to it (else listed).

        ``before``: the project had the article before this import.
        """
        brings = bool(art.spans) or rec.work.status is not None or rec.work.note is not None
        if before and self.on_existing == "error":
            reason = (
                f"article {twin} is already in the project (same text); --on-existing add"
                " adds the record's work to it"
            )
            self.reject(Rejection(rec.file, rec.line, reason, _raw(art)), seq, len(art.spans))
            return False
        if (before and self.on_existing == "skip") or not brings:
            self.report.duplicates.append(
                f"{rec.file}:{rec.line}: duplicate of article {twin} (same text)"
            )
            return False
        return True

    def _problem(self, prep: Prepared, name: str, new: bool) -> str | None:
        """Why a record cannot be stored, or None."""
        art, work = prep.rec.item, prep.rec.work
        assert isinstance(art, ArticleIn)
        unknown = sorted({lab for _, _, lab in art.spans} - self.labels)
        if unknown and self.strict_labels:
            return (
                f"unknown label(s) {', '.join(unknown)} (not in the project;"
                " add them or drop --strict-labels)"
            )
        for label in unknown:  # a new label must not look like one the project has
            try:
                check_label_name(label, self.labels)
            except (ValidationError, ConflictError) as exc:
                return f"span label: {exc}"
        if work.status is not None:
            try:
                status_for(name, work.status)
            except ValidationError as exc:
                return str(exc)
        for what, value in (("the annotator", name), ("note", work.note),
                            ("reviewer", work.reviewer)):  # fmt: skip
            if value is not None and not utf8_storable(value):
                return f"{what} holds a lone surrogate"
        if not new:
            return None
        return prep.unstorable if prep.checked else unstorable(art)

    def _add_labels(self, art: ArticleIn) -> None:
        for label in sorted({lab for _, _, lab in art.spans} - self.labels):
            self.store.add_label(label)
            self.labels.add(label)
            self.report.labels_added.append(label)

    def _added_here(self, ext_id: str) -> bool:
        """Whether this import added the article ``ext_id`` (it is known to exist).

        Ids are handed out in increasing order, so an article this import added has an
        id at least the first one it gave. (On a server, an article another client adds
        during the import gets an id in between and counts as this import's: a record of
        it then adds its work instead of being skipped or refused by ``--on-existing``.)
        """
        if ext_id in self.added:
            return True
        if self.first_added is None:
            return False
        return self._article_id(ext_id) >= self.first_added

    def _article_id(self, ext_id: str) -> int:
        found = self.added.get(ext_id)
        if found is None:
            found = self._known_ids.get(ext_id)
        if found is None:
            found = self._known_ids[ext_id] = self.store.article_by_ext_id(ext_id).id
        return found

    def _store_work(self, targets: list[tuple[Record, str, bool]]) -> None:
        rows = []
        statuses = []
        for rec, ext_id, known in targets:
            art = rec.item
            assert isinstance(art, ArticleIn)
            name = self.name(rec.work)
            aid = self._article_id(ext_id)
            self.report.articles_matched += known
            if art.spans or rec.work.status is not None or rec.work.note is not None:
                if name not in self.report.annotators:
                    self.report.annotators.append(name)
            rows += [(aid, name, label, s, e, SPAN_ORIGIN) for s, e, label in art.spans]
            if rec.work.status is not None or rec.work.note is not None:
                statuses.append((aid, name, rec.work))
        added = self.store.insert_spans(rows)
        self.report.spans_added += added
        self.report.spans_present += len(rows) - added
        for aid, name, work in statuses:
            if name == GOLD_ANNOTATOR:
                self._review(aid, work)
            else:
                self._status(aid, name, work)

    def _status(self, aid: int, name: str, work: Work) -> None:
        status = status_for(name, work.status) if work.status is not None else None
        current = self.store.status(aid, name)
        wanted = (status or current.status.value, current.note if work.note is None else work.note)
        differs = wanted != (current.status.value, current.note)
        theirs = work.changed_at
        if current.updated_at and (theirs is None or theirs <= current.updated_at):
            self.report.statuses_kept += differs  # the project's is newer, or the file's undated
            return
        if not current.updated_at and work.changed_at is None and wanted == ("todo", ""):
            return  # the default: nothing to store
        self.store.set_status(aid, name, status, work.note, changed_at=work.changed_at,
                              via="import")  # fmt: skip
        self.report.statuses_set += 1

    def _review(self, aid: int, work: Work) -> None:
        status = work.status or "pending"
        if status == "pending" and work.reviewer is None:
            return
        current = self.store.review_status(aid)
        if current != "pending":  # a decision made here is not undone by a file
            differs = (current, self.store.reviewer(aid)) != (status, work.reviewer)
            self.report.statuses_kept += differs
            return
        self.store.set_review(aid, status, work.reviewer)
        self.report.statuses_set += 1

    def actor(self) -> str | None:
        """Whose work the import brought, for its history record."""
        if self.annotator is not None:
            return self.annotator
        names = self.report.annotators
        if len(names) <= 1:
            return names[0] if names else IMPORT_ANNOTATOR
        return None


def _raw(art: ArticleIn) -> str:
    """A valid-looking record that was refused (duplicate id...), as JSON for the rejects."""
    return json.dumps(
        {"id": art.ext_id, "title": art.title, "text": art.text, "meta": art.meta},
        ensure_ascii=False,
    )
