"""The Store against a plain Python model: any sequence of edits, reopened at any point.

A hypothesis state machine tags, relabels, moves and deletes spans and sets statuses with
random (also invalid) arguments; after every step the project file holds exactly what the
model says, refusals change nothing, and closing and reopening the file loses nothing.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from annotator.core.errors import AnnotatorError, ConflictError, ValidationError
from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn, Status
from annotator.core.store import create_store, open_store

TEXTS = ["👍🏽 زار الرئيس القاهرة", "نائلة جبر", "\u202eمقلوب\u202c و\x00صفر"]
LABELS = ["PERS", "ORG", "LOC", "'; DROP TABLE spans; --"]
ANNOTATORS = ["salma", "omar"]

Key = tuple[int, str, str, int, int]  # article, annotator, label, start, end


class StoreMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = tempfile.TemporaryDirectory()
        self.path = Path(self.dir.name) / "p.db"
        self.store = create_store(self.path, default_labels())
        self.store.add_label(LABELS[-1])
        with self.store.transaction():
            self.articles = [
                self.store.insert_article(ArticleIn(ext_id=f"a{i}", text=t))
                for i, t in enumerate(TEXTS)
            ]
        self.lengths = dict(zip(self.articles, map(len, TEXTS), strict=True))
        self.spans: dict[int, Key] = {}
        self.status: dict[tuple[int, str], Status] = {}

    def teardown(self) -> None:
        self.store.close()
        self.dir.cleanup()

    def _valid(self, art: int, start: int, end: int) -> bool:
        return 0 <= start < end <= self.lengths[art]

    @rule(
        i=st.integers(0, len(TEXTS) - 1), ann=st.sampled_from(ANNOTATORS),
        label=st.sampled_from(LABELS), start=st.integers(-2, 25), end=st.integers(-2, 25),
    )
    def tag(self, i: int, ann: str, label: str, start: int, end: int) -> None:
        art = self.articles[i]
        key = (art, ann, label, start, end)
        if not self._valid(art, start, end):
            try:
                self.store.add_span(art, ann, label, start, end)
            except ValidationError:
                return
            raise AssertionError(f"bad range {start}-{end} was stored")
        span = self.store.add_span(art, ann, label, start, end)
        existing = [sid for sid, k in self.spans.items() if k == key]
        assert existing in ([], [span.id])
        self.spans[span.id] = key

    @precondition(lambda self: self.spans)
    @rule(data=st.data(), label=st.sampled_from(LABELS))
    def relabel(self, data: st.DataObject, label: str) -> None:
        sid = data.draw(st.sampled_from(sorted(self.spans)))
        art, ann, _old, s, e = self.spans[sid]
        new = (art, ann, label, s, e)
        clash = any(k == new and other != sid for other, k in self.spans.items())
        try:
            self.store.relabel_span(sid, label)
        except ConflictError:
            assert clash
            return
        assert not clash
        self.spans[sid] = new

    @precondition(lambda self: self.spans)
    @rule(data=st.data(), start=st.integers(-2, 25), end=st.integers(-2, 25))
    def move(self, data: st.DataObject, start: int, end: int) -> None:
        sid = data.draw(st.sampled_from(sorted(self.spans)))
        art, ann, label, _s, _e = self.spans[sid]
        new = (art, ann, label, start, end)
        clash = any(k == new and other != sid for other, k in self.spans.items())
        try:
            self.store.move_span(sid, start, end)
        except ValidationError:
            assert not self._valid(art, start, end)
            return
        except ConflictError:
            assert clash
            return
        assert self._valid(art, start, end) and not clash
        self.spans[sid] = new

    @precondition(lambda self: self.spans)
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        sid = data.draw(st.sampled_from(sorted(self.spans)))
        self.store.delete_span(sid)
        del self.spans[sid]

    @rule(i=st.integers(0, len(TEXTS) - 1), ann=st.sampled_from(ANNOTATORS),
          status=st.sampled_from([*Status, "finished", ""]))
    def set_status(self, i: int, ann: str, status: str) -> None:
        art = self.articles[i]
        try:
            self.store.set_status(art, ann, status)
        except AnnotatorError:
            assert status not in {s.value for s in Status}
            return
        self.status[(art, ann)] = Status(status)

    @rule()
    def reopen(self) -> None:
        self.store.close()
        self.store = open_store(self.path)

    @invariant()
    def file_matches_model(self) -> None:
        stored = {
            s.id: (s.article_id, s.annotator, s.label, s.start, s.end)
            for art in self.articles
            for s in self.store.spans(art)
        }
        assert stored == self.spans
        for (art, ann), status in self.status.items():
            assert self.store.status(art, ann).status == status
        assert not self.store.conn.in_transaction


StoreMachine.TestCase.settings = settings(
    max_examples=40, stateful_step_count=30, deadline=None
)
test_store_matches_its_model = StoreMachine.TestCase
