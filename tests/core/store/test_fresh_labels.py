"""Label names are looked up afresh after another program changes the labels: a window
that remembered PERS's id never files new PERS spans under a label renamed elsewhere."""

from __future__ import annotations

from annotator.core.store import Store, open_store


def test_bulk_spans_go_to_the_label_named_now(seed_project: Store, seed_text: str) -> None:
    store = seed_project
    aid = store.article_by_ext_id("seed").id
    old_id = store.label_id("PERS")  # remembered, as a window does
    with open_store(store.location) as other:
        other.update_label("PERS", name="PERS_2023")
        new_id = other.add_label("PERS").id
    with store.transaction():
        store.insert_spans([(aid, "import", "PERS", 0, 4, None)])
    (span,) = store.spans(aid)
    assert span.label == "PERS" and store.label_id("PERS") == new_id != old_id


def test_a_window_editing_by_id_edits_the_label_it_showed(seed_project: Store) -> None:
    store = seed_project
    shown = store.label("PERS")
    with open_store(store.location) as other:
        other.update_label("PERS", name="PERS_2023")
        other.add_label("PERS")
    store.update_label(shown.id, color="#123456")
    assert store.label("PERS_2023").color == "#123456"
    assert store.label("PERS").color != "#123456"
