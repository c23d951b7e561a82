"""Bringing several annotators' project files together into one (``annotator merge``).

Rules, in the order they apply:

* Sources are opened read-only; all of them are checked (project files, ``rename`` names)
  before the first write, and everything is written inside one transaction of the target:
  a failure part-way (a name clash in the third source) leaves the target as it was.
* Labels missing in the target are added with the source's display name, color and
  guideline; when the source's key is already taken in the target, the key is dropped.
* Articles match on their id (``ext_id``) and content hash. Same id and same text: one
  article. Same text under another id: matched by content. Same id with different text: a
  conflict. A conflict is reported (``MergeReport.conflicts``) and that article's work is
  not merged; the rest of the merge goes on, because nothing is lost silently: the
  source file keeps the work and the report names every such article. Articles the
  target lacks are added.
* An annotator's spans, status and note come along under their name (or ``rename[name]``).
  When a name has work in both files on the same article, the target's work there must
  be part of the source's (the source is a newer copy of the same person's file):
  otherwise the merge is refused, since two people's tags would be mixed; ``rename``
  OLD=NEW brings the source's OLD in as NEW instead. Pre-annotations (``import``) and
  suggestions are unions.
* Statuses and notes merge by when they changed (``ArticleStatus.updated_at``): the newer
  wins and keeps its time, the older never overwrites. If the status or note changed in
  both files since the last merge of this source (by its project identity and path, from
  the target's history) the target's is kept and the pair is reported as a conflict.
  Without an earlier merge of the source there is nothing to compare with: the newer wins.
* Idempotent: spans are stored once, statuses only move forward in time, so merging the
  same source again, or any older copy of it, changes nothing.
* A merge is recorded in the target's history (``merge``) with the newest status change
  seen in the source, the first time a source is merged and whenever it brings something
  new; each status or note it brought in is recorded too. A merge that finds nothing new
  in a source merged before writes nothing at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from annotator.core.errors import ConflictError, ValidationError
from annotator.core.labels import add_label
from annotator.core.model import AnnotatorKind, Article, ArticleIn, ArticleStatus, kind_for_name
from annotator.core.store import Store, open_store, same_project

BATCH = 500
_UNION_KINDS = {AnnotatorKind.IMPORT.value, AnnotatorKind.SUGGEST.value}


@dataclass
class MergeReport:
    sources: list[str] = field(default_factory=list)
    articles_added: int = 0
    articles_matched: int = 0
    matched_by_content: int = 0
    spans_added: int = 0
    statuses_set: int = 0
    reviews_set: int = 0
    labels_added: list[str] = field(default_factory=list)
    keys_dropped: list[str] = field(default_factory=list)
    annotators_added: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.articles_added
            or self.spans_added
            or self.statuses_set
            or self.reviews_set
            or self.labels_added
            or self.annotators_added
        )


def _batches(items: Iterator[Article], size: int) -> Iterator[list[Article]]:
    while chunk := list(islice(items, size)):
        yield chunk


def _open_sources(target: Store, sources: Sequence[str | Path]) -> list[Store]:
    opened: list[Store] = []
    try:
        for path in sources:
            if same_project(path, target.location):
                raise ValidationError(f"{path}: is the target itself; nothing to merge")
            opened.append(open_store(path, readonly=True))
    except BaseException:
        for src in opened:
            src.close()
        raise
    return opened


def _check_rename(sources: Sequence[Store], rename: Mapping[str, str]) -> None:
    names = {n for src in sources for n in src.annotators()}
    for old, new in rename.items():
        if old not in names:
            raise ValidationError(f"--rename {old}={new}: no annotator {old!r} in the sources")
        if not new.strip():
            raise ValidationError(f"--rename {old}={new}: the new name is empty")
        if kind_for_name(new) != AnnotatorKind.HUMAN and kind_for_name(old) != kind_for_name(new):
            raise ValidationError(f"--rename {old}={new}: {new!r} is a reserved name")
        if new in names and new not in rename:
            raise ValidationError(
                f"--rename {old}={new}: {new!r} is already an annotator in the sources"
            )


def merge_projects(
    target: Store,
    sources: Sequence[str | Path],
    *,
    rename: Mapping[str, str] | None = None,
    progress: Callable[[int, int | None], None] | None = None,
) -> MergeReport:
    """Merge ``sources`` into ``target``, all or nothing; see the module docstring."""
    rename = dict(rename or {})
    report = MergeReport(sources=[str(p) for p in sources])
    opened = _open_sources(target, list(sources))
    try:
        _check_rename(opened, rename)
        total = sum(src.article_count() for src in opened)
        done = [0]

        def step(n: int) -> None:
            done[0] += n
            if progress is not None:
                progress(done[0], total)

        with target.transaction():
            for src in opened:
                _merge_one(target, src, rename, report, step)
    finally:
        for src in opened:
            src.close()
    return report


@dataclass
class _SourceState:
    """What the target remembers of one source: the last merge of it, if any."""

    uid: str
    path: str
    last_at: str | None
    seen: str
    newest: str = ""

    @classmethod
    def of(cls, target: Store, src: Store) -> _SourceState:
        # a file by its full path; a server project by its URL
        uid, path = src.project_uid(), str(src.path.resolve()) if src.path else src.location
        last = target.last_merge(uid, path)
        return cls(uid, path, last[0] if last else None, last[1] if last else "")


def _status_to_take(
    theirs: ArticleStatus,
    ours: ArticleStatus | None,
    changed_here: bool,
    state: _SourceState,
) -> bool | None:
    """True to take the source's status, False to keep ours, None for a conflict."""
    if ours is not None and (ours.status, ours.note) == (theirs.status, theirs.note):
        return False
    changed_there = state.last_at is None or theirs.updated_at > state.seen
    if not changed_there:
        return False
    if state.last_at is not None and changed_here:
        return None
    return ours is None or theirs.updated_at > ours.updated_at


def _merge_labels(target: Store, src: Store, report: MergeReport) -> None:
    have = {lab.name for lab in target.labels()}
    keys = {lab.shortcut for lab in target.labels() if lab.shortcut}
    for lab in src.labels():
        if lab.name in have:
            continue
        key = lab.shortcut
        if key and key in keys:
            report.keys_dropped.append(f"{lab.name} (key {key} is taken in the target)")
            key = None
        add_label(  # the name checks of a label typed by hand
            target,
            lab.name,
            display_name=lab.display_name,
            color=lab.color,
            shortcut=key,
            guideline=lab.guideline,
        )
        have.add(lab.name)
        if key:
            keys.add(key)
        report.labels_added.append(lab.name)


def _match(target: Store, art: Article, src: Store, report: MergeReport) -> int | None:
    """The target's id for a source article (inserting it if new); None on a conflict."""
    by_ext, by_hash = target.find_article(art.ext_id, art.content_hash)
    if by_ext is not None:
        if by_hash != by_ext and target.article(by_ext).content_hash != art.content_hash:
            report.conflicts.append(
                f"{src.location}: article {art.ext_id!r} has the same id as in the target but"
                " different text; its work was not merged"
            )
            return None
        report.articles_matched += 1
        return by_ext
    if by_hash is not None:
        report.articles_matched += 1
        report.matched_by_content += 1
        return by_hash
    report.articles_added += 1
    return target.insert_article(
        ArticleIn(
            ext_id=art.ext_id,
            text=art.text,
            title=art.title,
            source=art.source,
            url=art.url,
            author=art.author,
            published=art.published,
            meta=art.meta,
        )
    )


def _merge_one(
    target: Store,
    src: Store,
    rename: Mapping[str, str],
    report: MergeReport,
    step: Callable[[int], None],
) -> None:
    _merge_labels(target, src, report)
    state = _SourceState.of(target, src)
    changed_before = (report.articles_added, report.spans_added, report.statuses_set)
    kinds = src.annotator_kinds()
    before = set(target.annotators())
    for name in kinds:
        target.annotator_id(rename.get(name, name))
    reviews = src.review_statuses()
    target_reviews = target.review_statuses()  # kept current below: no query per article
    for batch in _batches(src.iter_articles(), BATCH):
        ids: dict[int, int] = {}
        ext: dict[int, str] = {}
        for art in batch:
            tid = _match(target, art, src, report)
            if tid is not None:
                ids[art.id] = tid
                ext[art.id] = art.ext_id
        src_spans = src.spans_for_articles(list(ids))
        src_status = src.statuses_for_articles(list(ids))
        tgt_spans = target.spans_for_articles(list(ids.values()))
        tgt_status = target.statuses_for_articles(list(ids.values()))
        local = (
            target.local_changes(list(ids.values()), state.last_at)
            if state.last_at is not None
            else set()
        )
        rows: list[tuple[int, str, str, int, int, str | None]] = []
        for sid, tid in ids.items():
            theirs: dict[str, dict[tuple[int, int, str], str | None]] = {}
            for sp in src_spans[sid]:
                name = rename.get(sp.annotator, sp.annotator)
                theirs.setdefault(name, {})[(sp.start, sp.end, sp.label)] = sp.origin
            statuses = {rename.get(n, n): st for n, st in src_status.get(sid, {}).items()}
            ours: dict[str, set[tuple[int, int, str]]] = {}
            for sp in tgt_spans[tid]:
                ours.setdefault(sp.annotator, set()).add((sp.start, sp.end, sp.label))
            for name in set(theirs) | set(statuses):
                source_name = next((o for o, n in rename.items() if n == name), name)
                keys = theirs.get(name, {})
                mine = ours.get(name, set())
                if kinds.get(source_name) not in _UNION_KINDS and not mine <= keys.keys():
                    hint = (
                        f"; merge with --rename {source_name}=NEW_NAME"
                        if source_name not in rename
                        else ""
                    )
                    raise ConflictError(
                        f"{src.location}: annotator {name!r} has different work in the target"
                        f" (article {ext[sid]!r}: {len(mine - keys.keys())} span(s) only in"
                        f" the target){hint}"
                    )
                rows.extend(
                    (tid, name, k[2], k[0], k[1], origin)
                    for k, origin in keys.items()
                    if k not in mine
                )
                st = statuses.get(name)
                if st is not None:
                    state.newest = max(state.newest, st.updated_at)
                    take = _status_to_take(
                        st, tgt_status.get(tid, {}).get(name), (tid, name) in local, state
                    )
                    if take is None:
                        report.conflicts.append(
                            f"{src.location}: article {ext[sid]!r}, annotator {name!r}: the status"
                            " or note changed in both files since the last merge; the"
                            " target's was kept"
                        )
                    elif take:
                        target.set_status(
                            tid, name, st.status, st.note, changed_at=st.updated_at, via="merge"
                        )
                        report.statuses_set += 1
            review = reviews.get(sid, "pending")
            if review != "pending" and target_reviews.get(tid, "pending") == "pending":
                target.set_review(tid, review, src.reviewer(sid))
                target_reviews[tid] = review
                report.reviews_set += 1
        report.spans_added += target.insert_spans(rows)
        step(len(batch))
    for name in target.annotators():
        if name not in before and name not in report.annotators_added:
            report.annotators_added.append(name)
    counts = (report.articles_added, report.spans_added, report.statuses_set)
    seen = max(state.seen, state.newest)
    if counts != changed_before or state.last_at is None or seen != state.seen:
        target.record_event(
            "merge",
            via="merge",
            detail={
                "source": state.path,
                "source_project": state.uid,
                "source_seen": seen,
                "articles_added": counts[0] - changed_before[0],
                "spans_added": counts[1] - changed_before[1],
                "statuses_set": counts[2] - changed_before[2],
            },
        )
