from __future__ import annotations

from pathlib import Path

import pytest
import team_data
from team_data import at

from annotator.core.errors import ConflictError, ProjectError, ValidationError
from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn, Status
from annotator.core.store import Store, create_store, open_store
from annotator.core.team.merge import merge_projects

SHORT = {
    "a2": "شاركت وزارة التضامن الاجتماعي في المنتدى العالمي بفيينا",
    "a3": "قالت الوزيرة نيفين القباج إن برنامج تكافل وكرامة يغطي ملايين الأسر",
}


def annotator_file(
    path: Path,
    seed_text: str,
    name: str,
    tags: list[tuple[str, str, str]],
    *,
    texts: dict[str, str] | None = None,
) -> Path:
    """A project as an annotator sends it back: the corpus plus their tags (ext, label, words)."""
    corpus = {"seed": seed_text, **SHORT, **(texts or {})}
    return team_data.annotator_file(path, name, tags, corpus, note=f"{name} checked")


def dump(store: Store) -> str:
    return "\n".join(store.conn.iterdump())


@pytest.fixture
def three(tmp_path: Path, seed_text: str) -> list[Path]:
    return [
        annotator_file(
            tmp_path / "alice.db",
            seed_text,
            "alice",
            [("seed", "PERS", "نائلة جبر"), ("a2", "ORG", "وزارة التضامن الاجتماعي")],
        ),
        annotator_file(
            tmp_path / "bob.db",
            seed_text,
            "bob",
            [("seed", "PERS", "نائلة جبر"), ("a2", "GPE", "فيينا")],
        ),
        annotator_file(
            tmp_path / "carol.db",
            seed_text,
            "carol",
            [("seed", "PROGRAM", "تكافل وكرامة"), ("a3", "PERS", "نيفين القباج")],
        ),
    ]


def test_three_annotators_merge_into_one(project: Store, three: list[Path], seed_text: str) -> None:
    seen: list[tuple[int, int | None]] = []
    report = merge_projects(project, three, progress=lambda d, t: seen.append((d, t)))
    assert report.articles_added == 3 and report.articles_matched == 6
    assert report.spans_added == 6 and report.statuses_set == 9
    assert report.conflicts == []
    assert sorted(report.annotators_added) == ["alice", "bob", "carol"]
    assert seen[-1] == (9, 9)
    seed = project.article_by_ext_id("seed")
    assert seed.text == seed_text
    spans = project.spans(seed.id)
    assert sorted((s.annotator, s.label, s.text_in(seed.text)) for s in spans) == [
        ("alice", "PERS", "نائلة جبر"),
        ("bob", "PERS", "نائلة جبر"),
        ("carol", "PROGRAM", "تكافل وكرامة"),
    ]
    status = project.status(seed.id, "carol")
    assert status.status == Status.DONE and status.note == "carol checked"


def test_merging_the_same_sources_again_changes_nothing(project: Store, three: list[Path]) -> None:
    merge_projects(project, three)
    before = dump(project)
    again = merge_projects(project, three + three[:1])
    assert not again.changed
    assert again.spans_added == 0 and again.statuses_set == 0
    assert dump(project) == before


def test_newer_copy_of_the_same_annotator_adds_only_the_new_work(
    project: Store, three: list[Path]
) -> None:
    merge_projects(project, three[:1])
    with open_store(three[0]) as alice:
        aid = alice.article_by_ext_id("a3").id
        alice.add_span(aid, "alice", "PERS", *at(SHORT["a3"], "نيفين القباج"))
    report = merge_projects(project, three[:1])
    assert report.spans_added == 1
    assert len(project.spans(project.article_by_ext_id("a3").id, ["alice"])) == 1


def test_same_id_with_different_text_is_reported_not_merged(
    project: Store, tmp_path: Path, seed_text: str, three: list[Path]
) -> None:
    merge_projects(project, three[:1])
    changed = annotator_file(
        tmp_path / "dana.db",
        seed_text,
        "dana",
        [("a2", "GPE", "فيينا"), ("seed", "PERS", "نائلة جبر")],
        texts={"a2": SHORT["a2"] + " أمس"},
    )
    report = merge_projects(project, [changed])
    assert report.conflicts == [
        f"{changed}: article 'a2' has the same id as in the target but different text;"
        " its work was not merged"
    ]
    a2 = project.article_by_ext_id("a2")
    assert a2.text == SHORT["a2"]
    assert project.spans(a2.id, ["dana"]) == []
    assert project.status(a2.id, "dana").status == Status.TODO
    # the rest of the file came in
    assert len(project.spans(project.article_by_ext_id("seed").id, ["dana"])) == 1


def test_same_text_under_another_id_matches_by_content(
    project: Store, tmp_path: Path, seed_text: str, three: list[Path]
) -> None:
    merge_projects(project, three[:1])
    other = tmp_path / "other.db"
    with create_store(other, default_labels()) as store:
        with store.transaction():
            aid = store.insert_article(ArticleIn(ext_id="renamed-a3", text=SHORT["a3"]))
        store.add_span(aid, "eve", "PERS", *at(SHORT["a3"], "نيفين القباج"))
    report = merge_projects(project, [other])
    assert report.matched_by_content == 1 and report.articles_added == 0
    assert project.spans(project.article_by_ext_id("a3").id, ["eve"])[0].label == "PERS"


def test_annotator_name_with_different_work_is_refused_unless_renamed(
    project: Store, tmp_path: Path, seed_text: str, three: list[Path]
) -> None:
    merge_projects(project, three[:1])
    before = dump(project)
    impostor = annotator_file(
        tmp_path / "alice2.db", seed_text, "alice", [("seed", "OCC", "السفيرة")]
    )
    with pytest.raises(ConflictError) as err:
        merge_projects(project, [impostor])
    assert str(err.value) == (
        f"{impostor}: annotator 'alice' has different work in the target (article 'seed':"
        " 1 span(s) only in the target); merge with --rename alice=NEW_NAME"
    )
    assert dump(project) == before
    report = merge_projects(project, [impostor], rename={"alice": "alice_b"})
    assert report.annotators_added == ["alice_b"]
    seed = project.article_by_ext_id("seed").id
    assert [s.label for s in project.spans(seed, ["alice_b"])] == ["OCC"]
    assert [s.label for s in project.spans(seed, ["alice"])] == ["PERS"]


def test_failure_in_a_later_source_leaves_the_target_as_it_was(
    project: Store, tmp_path: Path, seed_text: str, three: list[Path]
) -> None:
    merge_projects(project, three[:1])
    before = dump(project)
    clash = annotator_file(tmp_path / "clash.db", seed_text, "alice", [("a3", "PERS", "نيفين")])
    # bob and carol would merge fine, the clash comes third: nothing of bob's may stay
    with pytest.raises(ConflictError):
        merge_projects(project, [three[1], three[2], clash])
    assert dump(project) == before
    assert "bob" not in project.annotators()


def test_a_source_that_is_not_a_project_stops_the_merge_before_any_write(
    project: Store, tmp_path: Path, three: list[Path]
) -> None:
    before = dump(project)
    junk = tmp_path / "notes.db"
    junk.write_text("not a database", encoding="utf-8")
    with pytest.raises(ProjectError, match="notes.db: not a SQLite database"):
        merge_projects(project, [three[0], junk, three[1]])
    assert dump(project) == before
    with pytest.raises(ProjectError, match="missing.db: no such project file"):
        merge_projects(project, [three[0], tmp_path / "missing.db"])
    assert dump(project) == before


def test_bad_rename_and_self_merge_are_refused(project: Store, three: list[Path]) -> None:
    before = dump(project)
    with pytest.raises(ValidationError, match="no annotator 'zaid' in the sources"):
        merge_projects(project, three, rename={"zaid": "z"})
    with pytest.raises(ValidationError, match="'gold' is a reserved name"):
        merge_projects(project, three, rename={"alice": "gold"})
    with pytest.raises(ValidationError, match="'bob' is already an annotator"):
        merge_projects(project, three, rename={"alice": "bob"})
    with pytest.raises(ValidationError, match="is the target itself"):
        merge_projects(project, [project.path])
    assert dump(project) == before


def test_labels_come_along_and_a_key_clash_drops_the_key(project: Store, three: list[Path]) -> None:
    project.add_label("DOC", shortcut="9")
    with open_store(three[0]) as alice:
        alice.add_label("LAW", display_name="قانون", color="#123456", shortcut="9")
        alice.add_label("MONEY", display_name="مال", shortcut="m")
    report = merge_projects(project, three[:1])
    assert report.labels_added == ["LAW", "MONEY"]
    assert report.keys_dropped == ["LAW (key 9 is taken in the target)"]
    law = project.label("LAW")
    assert (law.display_name, law.color, law.shortcut) == ("قانون", "#123456", None)
    assert project.label("MONEY").shortcut == "m"
    assert project.label("DOC").shortcut == "9"


def test_sources_are_only_read(project: Store, three: list[Path]) -> None:
    sizes = [(p.stat().st_mtime_ns, p.read_bytes()) for p in three]
    merge_projects(project, three)
    assert [(p.stat().st_mtime_ns, p.read_bytes()) for p in three] == sizes


def test_a_review_comes_along_once_and_never_overwrites_one_in_the_target(
    project: Store, three: list[Path]
) -> None:
    for path, status, reviewer in [(three[0], "done", "lead"), (three[1], "in_review", "zed")]:
        with open_store(path) as src:
            src.set_review(src.article_by_ext_id("a2").id, status, reviewer)
    report = merge_projects(project, three)
    a2 = project.article_by_ext_id("a2").id
    assert report.reviews_set == 1
    assert (project.review_status(a2), project.reviewer(a2)) == ("done", "lead")
    assert project.review_status(project.article_by_ext_id("a3").id) == "pending"
    before = dump(project)
    assert merge_projects(project, three[1:2]).reviews_set == 0
    assert dump(project) == before


def test_an_edited_note_alone_merges_in(project: Store, three: list[Path]) -> None:
    """Pins the status comparison on (status, note): same status, newer note -> taken.

    Comparing the status alone would call the two equal and drop the edited note, while the
    report said nothing new came in.
    """
    merge_projects(project, three[:1])
    with open_store(three[0]) as alice:
        aid = alice.article_by_ext_id("a2").id
        alice.set_status(aid, "alice", Status.DONE, "راجعت الأسماء مرة ثانية")
    report = merge_projects(project, three[:1])
    assert (report.statuses_set, report.spans_added, report.changed) == (1, 0, True)
    status = project.status(project.article_by_ext_id("a2").id, "alice")
    assert (status.status, status.note) == (Status.DONE, "راجعت الأسماء مرة ثانية")


def test_a_merge_that_only_sets_statuses_or_reviews_reports_a_change(
    project: Store, three: list[Path]
) -> None:
    """Pins ``MergeReport.changed`` counting statuses and reviews written, not only articles,
    spans, labels and annotators (else the CLI says "Nothing new to merge" after writing)."""
    merge_projects(project, three[:1])
    with open_store(three[0]) as alice:
        aid = alice.article_by_ext_id("a3").id
        alice.set_status(aid, "alice", Status.IN_PROGRESS)
    report = merge_projects(project, three[:1])
    assert (report.statuses_set, report.reviews_set, report.spans_added) == (1, 0, 0)
    assert report.changed
    assert project.status(project.article_by_ext_id("a3").id, "alice").status == (
        Status.IN_PROGRESS
    )
    with open_store(three[0]) as alice:
        alice.set_review(alice.article_by_ext_id("a3").id, "done", "lead")
    report = merge_projects(project, three[:1])
    assert (report.statuses_set, report.reviews_set, report.spans_added) == (0, 1, 0)
    assert report.changed
    assert project.review_status(project.article_by_ext_id("a3").id) == "done"


def test_what_a_source_brings_comes_whole(project: Store, tmp_path: Path) -> None:
    """Pins what is copied: an added article's metadata, a new label's guideline, a span's
    origin, the count of articles matched by their text, and pre-annotations as a union.

    The target already holds two of the texts under other ids and its own ``import``
    spans on one of them (unions never conflict); the source renames ``omar`` to ``omar2``,
    so only the new name becomes an annotator of the target.
    """
    texts = {"x1": "نص أول عن القاهرة", "x2": "نص ثان عن أسوان", "x3": "نص ثالث عن فيينا"}
    with project.transaction():
        for ext in ("x1", "x2"):
            project.insert_article(ArticleIn(ext_id=f"old-{ext}", text=texts[ext]))
    project.add_span(project.article_by_ext_id("old-x1").id, "import", "LOC", 10, 17)
    source = tmp_path / "source.db"
    with create_store(source, default_labels()) as src:
        src.add_label("EVENT2", display_name="حدث", guideline="الأحداث فقط")
        with src.transaction():
            ids = {
                ext: src.insert_article(
                    ArticleIn(ext_id=ext, text=t, title=f"عنوان {ext}", source="الأهرام",
                              url=f"https://example.org/{ext}", author="كاتب",
                              published="2024-05-01", meta={"section": ext})
                )  # fmt: skip
                for ext, t in texts.items()
            }
        src.add_span(ids["x1"], "import", "GPE", 10, 17, origin="model-v2")
        src.add_span(ids["x3"], "omar", "EVENT2", 0, 2, origin="suggest")
        src.set_status(ids["x3"], "omar", Status.DONE)
    report = merge_projects(project, [source], rename={"omar": "omar2"})
    assert (report.articles_matched, report.matched_by_content) == (2, 2)
    assert report.articles_added == 1 and report.conflicts == []
    assert "omar" not in project.annotators() and "omar2" in report.annotators_added
    added = project.article_by_ext_id("x3")
    assert (added.title, added.source, added.url, added.author, added.published, added.meta) == (
        "عنوان x3", "الأهرام", "https://example.org/x3", "كاتب", "2024-05-01", {"section": "x3"}
    )
    label = next(lab for lab in project.labels() if lab.name == "EVENT2")
    assert (label.display_name, label.guideline) == ("حدث", "الأحداث فقط")
    (span,) = project.spans(added.id, ["omar2"])
    assert (span.label, span.origin) == ("EVENT2", "suggest")
    x1 = project.article_by_ext_id("old-x1").id
    assert sorted((s.label, s.origin) for s in project.spans(x1, ["import"])) == [
        ("GPE", "model-v2"), ("LOC", None)
    ]


def test_a_status_changed_only_in_the_target_since_the_last_merge_is_kept(
    project: Store, three: list[Path]
) -> None:
    """Pins "changed there" as newer than what the last merge saw (equal is not newer): the
    source unchanged, the target's newer status stays, with no conflict and no write."""
    merge_projects(project, three[:1])
    a3 = project.article_by_ext_id("a3").id  # its status is the newest the merge saw
    project.set_status(a3, "alice", Status.IN_PROGRESS, "أعيد فتحه")
    before = dump(project)
    report = merge_projects(project, three[:1])
    assert (report.statuses_set, report.conflicts, report.changed) == (0, [], False)
    assert dump(project) == before


def test_on_equal_times_the_targets_status_stays(project: Store, tmp_path: Path) -> None:
    """Pins "the newer wins" as strictly newer: the same moment in both files keeps ours."""
    text = "نص عن القاهرة"
    when = "2024-05-01T10:00:00.000+00:00"
    with project.transaction():
        aid = project.insert_article(ArticleIn(ext_id="t1", text=text))
    project.set_status(aid, "alice", Status.DONE, "هنا", changed_at=when)
    source = tmp_path / "source.db"
    with create_store(source, default_labels()) as src:
        with src.transaction():
            sid = src.insert_article(ArticleIn(ext_id="t1", text=text))
        src.set_status(sid, "alice", Status.IN_PROGRESS, "هناك", changed_at=when)
    report = merge_projects(project, [source])
    assert report.statuses_set == 0
    status = project.status(aid, "alice")
    assert (status.status, status.note) == (Status.DONE, "هنا")


def test_a_renamed_name_that_clashes_gets_no_rename_hint(project: Store, three: list[Path]) -> None:
    """Pins the hint: offered only for a name not renamed already (alice=bob onto bob's
    own different work cannot be fixed by renaming alice again to bob)."""
    merge_projects(project, three[1:2])
    before = dump(project)
    with pytest.raises(ConflictError) as err:
        merge_projects(project, three[:1], rename={"alice": "bob"})
    assert str(err.value).endswith("span(s) only in the target)")
    assert "annotator 'bob' has different work in the target" in str(err.value)
    assert dump(project) == before


def test_each_source_gets_its_own_history_record(project: Store, three: list[Path]) -> None:
    """Pins the merge records: one per source, via "merge", counting what that source
    brought (not what the sources before it did), and the report's list of sources."""
    for path, reviewer in ((three[0], "lead"), (three[2], "lead2")):
        with open_store(path) as src:
            for ext in ("a2", "a3"):
                src.set_review(src.article_by_ext_id(ext).id, "done", reviewer)
    report = merge_projects(project, three)
    assert report.sources == [str(p) for p in three]
    assert report.reviews_set == 2
    records = [e for e in project.history() if e.action == "merge"]
    assert [e.via for e in records] == ["merge"] * 3
    assert [e.detail["source"] for e in records] == [str(p.resolve()) for p in three]
    counts = [
        (e.detail["articles_added"], e.detail["spans_added"], e.detail["statuses_set"])
        for e in records
    ]
    assert counts == [(3, 2, 3), (0, 2, 3), (0, 2, 3)]
    assert sum(c[1] for c in counts) == report.spans_added
