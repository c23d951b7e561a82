"""Working offline: ``annotator checkout`` takes an annotator's assigned articles from a
server project into a project file, ``annotator checkin`` brings the work back.

The rules are the merge rules (core/team/merge.py), with the checkout as the common
starting point (the "last merge"), so that deletions are understood too:

* The file remembers where it came from (settings ``checkout.*``: the server project's
  identity, the annotator, when it was taken); ``checkin`` refuses another project.
* Articles match on id and text; an article whose text differs on the server is reported
  and its work stays in the file.
* Spans: a span tagged offline is added; a span removed offline is removed on the server,
  unless it was tagged again there since the checkout; a span tagged or removed on the
  server since the checkout stays as the server has it.
* Status and note: the newer wins; when both changed since the checkout, the newer wins
  and the pair is reported as a conflict (the file keeps the other one).
* The server's side lands in one transaction, all or nothing. Afterwards the file is
  brought up to the server's state for these articles and the checkout's time moves to
  this checkin, so checking in again changes nothing (idempotent), and work can go on
  offline with the same file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from annotator.core.errors import ProjectError, ValidationError
from annotator.core.model import ArticleIn, ArticleStatus, Span, Status
from annotator.core.store import Store, create_store, open_store
from annotator.core.team.assignment import stamp

SOURCE, PROJECT, ANNOTATOR, SINCE = (
    "checkout.source",
    "checkout.project",
    "checkout.annotator",
    "checkout.at",
)
#: History actions whose detail names the span as it is afterwards.
_SPAN_MADE = ("create", "relabel", "move")

Key = tuple[str, int, int]  # (label, start, end)


@dataclass
class CheckoutReport:
    path: str
    annotator: str
    articles: int
    spans: int


@dataclass
class CheckinReport:
    annotator: str
    articles: int = 0
    spans_added: int = 0
    spans_removed: int = 0
    statuses_set: int = 0
    conflicts: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.spans_added or self.spans_removed or self.statuses_set)


def _label_specs(store: Store) -> list[dict[str, object]]:
    return [
        {
            "name": lab.name,
            "display_name": lab.display_name,
            "color": lab.color,
            "shortcut": lab.shortcut,
            "guideline": lab.guideline,
        }
        for lab in store.labels()
    ]


def checkout(server: Store, dest: Path, annotator: str, limit: int | None = None) -> CheckoutReport:
    """Write ``annotator``'s assigned, unfinished articles (at most ``limit``), with their
    spans, statuses and notes, to the new project file ``dest`` (under a temporary name,
    renamed when whole)."""
    if dest.exists():
        raise ProjectError(f"{dest}: already exists; refusing to overwrite it")
    if limit is not None and limit < 1:
        raise ValidationError("--n must be at least 1")
    began = stamp(datetime.now(UTC))
    with server.read_snapshot():  # one state of the project, taken after ``began``
        return _checkout(server, dest, annotator, limit, began)


def _checkout(
    server: Store, dest: Path, annotator: str, limit: int | None, began: str
) -> CheckoutReport:
    assigned = sorted({a.article_id for a in server.assignments(annotator)})
    statuses = server.statuses_for_articles(assigned)
    ids = [
        i
        for i in assigned
        if statuses.get(i, {}).get(annotator, ArticleStatus(Status.TODO, "")).status
        not in (Status.DONE, Status.SKIPPED)
    ][:limit]
    if not ids:
        raise ValidationError(
            f"no unfinished articles are assigned to {annotator!r} on {server.location}"
            " (annotator assign, or annotator next, hands them out)"
        )
    tmp = dest.with_name(f".{dest.name}.checkout-{os.getpid()}")
    spans = 0
    try:
        with create_store(tmp, _label_specs(server)) as local:
            local.via = "checkout"
            by_server = server.spans_for_articles(ids, [annotator])
            with local.transaction():
                for art in server.iter_articles(ids):
                    lid = local.insert_article(
                        ArticleIn(art.ext_id, art.text, art.title, art.source, art.url,
                                  art.author, art.published, dict(art.meta))
                    )  # fmt: skip
                    rows = [
                        (lid, annotator, s.label, s.start, s.end, s.origin)
                        for s in by_server[art.id]
                    ]
                    spans += local.insert_spans(rows)
                    st = statuses.get(art.id, {}).get(annotator)
                    if st is not None:
                        local.set_status(
                            lid, annotator, st.status, st.note, changed_at=st.updated_at
                        )
                local.annotator_id(annotator)
                local.set_setting(SOURCE, server.location)
                local.set_setting(PROJECT, server.project_uid())
                local.set_setting(ANNOTATOR, annotator)
                local.set_setting(SINCE, began)
        os.replace(tmp, dest)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
            leftover.unlink(missing_ok=True)
    return CheckoutReport(str(dest), annotator, len(ids), spans)


def _made_since(
    store: Store, article_id: int, annotator: str, since: str, action: tuple[str, ...]
) -> set[Key]:
    """Spans ``annotator`` made (or removed) on this article after ``since``."""
    out: set[Key] = set()
    for event in store.history(article_id, annotator):
        if event.at > since and event.action in action and event.via != "checkin":
            d = event.detail
            if {"label", "start", "end"} <= d.keys():
                out.add((d["label"], d["start"], d["end"]))
    return out


def checkin(local_path: Path, server: Store) -> CheckinReport:
    """Bring the work in the checked-out file ``local_path`` back to ``server``; see the
    module docstring for the rules."""
    with open_store(local_path) as local:
        uid = local.get_setting(PROJECT)
        annotator = local.get_setting(ANNOTATOR) or ""
        since = local.get_setting(SINCE) or ""
        if uid is None or not annotator:
            raise ValidationError(f"{local_path}: not a file made by annotator checkout")
        if uid != server.project_uid():
            raise ValidationError(
                f"{local_path}: was checked out from {local.get_setting(SOURCE)}, not from"
                f" {server.location}; nothing was checked in"
            )
        began = stamp(datetime.now(UTC))
        report = CheckinReport(annotator)
        pairs: dict[int, int] = {}  # local id -> server id
        for art in local.iter_articles():
            tid, by_hash = server.find_article(art.ext_id, art.content_hash)
            if (
                tid is None
                or by_hash is None
                or server.article(tid).content_hash != art.content_hash
            ):
                report.conflicts.append(
                    f"article {art.ext_id!r} is not on the server with the same text; its work"
                    " stays in the file"
                )
                continue
            pairs[art.id] = tid
        report.articles = len(pairs)
        mine = local.spans_for_articles(list(pairs), [annotator])
        local_status = local.statuses_for_articles(list(pairs))
        via, server.via = server.via, "checkin"
        try:
            _bring_in(server, local, pairs, annotator, since, mine, local_status, report)
        finally:
            server.via = via
        local.via = "checkin"
        _refresh_local(local, server, pairs, annotator, began)
    return report


def _bring_in(
    server: Store,
    local: Store,
    pairs: dict[int, int],
    annotator: str,
    since: str,
    mine: dict[int, list[Span]],
    local_status: dict[int, dict[str, ArticleStatus]],
    report: CheckinReport,
) -> None:
    """The server's side of a checkin, in one transaction."""
    with server.transaction():
        theirs = server.spans_for_articles(list(pairs.values()), [annotator])
        server_status = server.statuses_for_articles(list(pairs.values()))
        for lid, tid in pairs.items():
            here = {(s.label, s.start, s.end): s for s in mine[lid]}
            there = {(s.label, s.start, s.end): s for s in theirs[tid]}
            made_there = _made_since(server, tid, annotator, since, _SPAN_MADE)
            gone_there = _made_since(server, tid, annotator, since, ("delete",))
            made_here = _made_since(local, lid, annotator, since, _SPAN_MADE)
            rows = [
                (tid, annotator, k[0], k[1], k[2], s.origin)
                for k, s in here.items()
                if k not in there and (k not in gone_there or k in made_here)
            ]
            report.spans_added += server.insert_spans(rows)
            for k, s in there.items():
                if k not in here and k not in made_there:
                    server.delete_span(s.id)
                    report.spans_removed += 1
            _checkin_status(
                server,
                tid,
                annotator,
                since,
                local_status.get(lid, {}).get(annotator),
                server_status.get(tid, {}).get(annotator),
                report,
                local.article(lid).ext_id,
            )
        if report.changed:
            server.record_event(
                "checkin",
                actor=annotator,
                via="checkin",
                detail={"spans_added": report.spans_added,
                        "spans_removed": report.spans_removed,
                        "statuses_set": report.statuses_set},
            )  # fmt: skip


def _checkin_status(
    server: Store,
    tid: int,
    annotator: str,
    since: str,
    ours: ArticleStatus | None,
    theirs: ArticleStatus | None,
    report: CheckinReport,
    ext_id: str,
) -> None:
    if ours is None or (
        theirs is not None and (ours.status, ours.note) == (theirs.status, theirs.note)
    ):
        return
    if ours.updated_at <= since:
        return  # not changed offline: the server's stands
    if theirs is not None and theirs.updated_at > since:
        kept = "offline" if ours.updated_at > theirs.updated_at else "server"
        report.conflicts.append(
            f"article {ext_id!r}: the status or note changed offline and on the server since"
            f" the checkout; the newer one ({kept}) was kept"
        )
        if theirs.updated_at >= ours.updated_at:
            return
    server.set_status(
        tid, annotator, ours.status, ours.note, changed_at=ours.updated_at, via="checkin"
    )
    report.statuses_set += 1


def _refresh_local(
    local: Store, server: Store, pairs: dict[int, int], annotator: str, began: str
) -> None:
    """Make the file hold the server's state of these articles for ``annotator`` (spans
    tagged there since the checkout, newer statuses), and move the checkout's time."""
    theirs = server.spans_for_articles(list(pairs.values()), [annotator])
    server_status = server.statuses_for_articles(list(pairs.values()))
    mine = local.spans_for_articles(list(pairs), [annotator])
    with local.transaction():
        for lid, tid in pairs.items():
            here = {(s.label, s.start, s.end): s for s in mine[lid]}
            there = {(s.label, s.start, s.end) for s in theirs[tid]}
            local.insert_spans(
                [(lid, annotator, k[0], k[1], k[2], None) for k in there - here.keys()]
            )
            for k, s in here.items():
                if k not in there:
                    local.delete_span(s.id)
            st = server_status.get(tid, {}).get(annotator)
            if st is not None:
                local.set_status(
                    lid, annotator, st.status, st.note, changed_at=st.updated_at, via="checkin"
                )
        local.set_setting(SINCE, began)
