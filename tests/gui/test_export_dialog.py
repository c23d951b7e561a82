"""File > Export: the dialog's choices reach run_export; result and errors in a message box."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from export_data import add_seed_spans
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QProgressDialog

from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn
from annotator.core.store import Store, create_store
from annotator.gui.dialogs import export_dialog
from annotator.gui.dialogs.export_dialog import ExportDialog, export_project


@pytest.fixture
def store(tmp_path: Path, seed_text: str):
    with create_store(tmp_path / "news.db", default_labels()) as st:
        with st.transaction():
            st.insert_article(ArticleIn(ext_id="seed", text=seed_text, title="التضامن"))
        add_seed_spans(st, "salma")
        add_seed_spans(st, "omar", done=False)
        yield st


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, QMessageBox.Icon]]:
    """Message boxes are recorded instead of shown."""
    seen: list[tuple[str, QMessageBox.Icon]] = []

    def fake_exec(box: QMessageBox) -> int:
        seen.append((box.text(), box.icon()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return seen


def _accept_with(monkeypatch: pytest.MonkeyPatch, setup) -> None:  # type: ignore[no-untyped-def]
    """Make ExportDialog.exec fill in the fields (as a person would) and press OK."""

    def fake_exec(dialog: ExportDialog) -> int:
        setup(dialog)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ExportDialog, "exec", fake_exec)


def test_dialog_lists_people_import_and_gold_and_every_label(qtbot, store: Store) -> None:
    dialog = ExportDialog(store)
    qtbot.addWidget(dialog)
    who = [dialog.who.itemData(i) for i in range(dialog.who.count())]
    assert who == [export_dialog.EVERYONE, "salma", "omar", export_dialog.GOLD]
    assert dialog.chosen_labels() == [lab.name for lab in store.labels()]
    assert dialog.options() == {
        "fmt": "jsonl", "annotator": None, "gold": False, "status": "done", "labels": None,
        "include_text": True, "misaligned": "error",
    }
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()  # no output file yet
    dialog.output.setText("/tmp/x.jsonl")
    assert ok.isEnabled()
    for i in range(dialog.labels.count()):
        dialog.labels.item(i).setCheckState(Qt.CheckState.Unchecked)
    assert not ok.isEnabled()  # no label chosen: nothing to export
    dialog.labels.item(0).setCheckState(Qt.CheckState.Checked)
    assert ok.isEnabled() and dialog.options()["labels"] == ["PERS"]


def test_file_dialog_sets_output_and_format_switches_suffix(
    qtbot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = ExportDialog(store)
    qtbot.addWidget(dialog)
    asked: list[str] = []

    def fake_save(parent, title, start, filters):  # type: ignore[no-untyped-def]
        asked.append(start)
        return str(tmp_path / "train.jsonl"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    qtbot.mouseClick(dialog.browse, Qt.MouseButton.LeftButton)
    assert asked == [str(tmp_path / "news.jsonl")]
    assert dialog.output.text() == str(tmp_path / "train.jsonl")
    dialog.format.setCurrentText("hf")
    assert dialog.output.text() == str(tmp_path / "train.hf.jsonl")
    assert dialog.misaligned.isEnabled() and not dialog.no_text.isEnabled()
    dialog.format.setCurrentText("conll")
    assert dialog.output.text() == str(tmp_path / "train.conll")


def test_export_project_writes_the_chosen_export(
    qtbot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shown
) -> None:
    out = tmp_path / "omar.conll"

    def setup(d: ExportDialog) -> None:
        d.format.setCurrentText("conll")
        d.who.setCurrentIndex(d.who.findData("omar"))
        d.status.setCurrentIndex(d.status.findData("all"))
        for i in range(d.labels.count()):
            item = d.labels.item(i)
            if item.data(Qt.ItemDataRole.UserRole) not in ("PERS", "PROGRAM"):
                item.setCheckState(Qt.CheckState.Unchecked)
        d.output.setText(str(out))

    _accept_with(monkeypatch, setup)
    export_project(None, store)  # type: ignore[arg-type]
    assert shown == [
        (f"Exported 1 record(s) with 2 span(s) to {out}.", QMessageBox.Icon.Information)
    ]
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# id = seed\n# annotator = omar\n")
    assert "نائلة B-PERS\n" in text and "تكافل B-PROGRAM\n" in text and "B-ORG" not in text


def test_export_project_shows_errors_and_writes_nothing(
    qtbot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shown
) -> None:
    out = tmp_path / "gold.jsonl"

    def setup(d: ExportDialog) -> None:
        d.who.setCurrentIndex(d.who.findData(export_dialog.GOLD))
        d.output.setText(str(out))

    _accept_with(monkeypatch, setup)
    export_project(None, store)  # type: ignore[arg-type]
    ((message, icon),) = shown
    assert message.startswith("nothing to export from ") and "no article is reviewed" in message
    assert icon == QMessageBox.Icon.Warning
    assert not out.exists()


def test_cancel_in_the_progress_dialog_keeps_the_old_file(
    qtbot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shown
) -> None:
    out = tmp_path / "train.jsonl"
    out.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    _accept_with(monkeypatch, lambda d: d.output.setText(str(out)))
    export_project(None, store)  # type: ignore[arg-type]
    assert shown == [
        (f"Export cancelled; {out} was not written.", QMessageBox.Icon.Warning)
    ]
    assert out.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_closing_the_dialog_exports_nothing(
    qtbot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shown
) -> None:
    monkeypatch.setattr(ExportDialog, "exec", lambda d: QDialog.DialogCode.Rejected.value)
    export_project(None, store)  # type: ignore[arg-type]
    assert shown == []
    assert all(p.name.startswith("news.db") for p in tmp_path.iterdir())


def test_jsonl_without_text_from_the_dialog(
    qtbot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shown
) -> None:
    out = tmp_path / "spans.jsonl"

    def setup(d: ExportDialog) -> None:
        d.no_text.setChecked(True)
        d.output.setText(str(out))

    _accept_with(monkeypatch, setup)
    export_project(None, store)  # type: ignore[arg-type]
    rec = json.loads(out.read_text(encoding="utf-8"))
    assert "text" not in rec and rec["annotator"] == "salma" and len(rec["spans"]) == 6


def test_file_export_menu_of_the_main_window(
    window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shown
) -> None:
    store = window.store
    art = store.article_by_ext_id("a2")
    start = store.article_text(art.id).index("القاهرة")
    store.add_span(art.id, "salma", "GPE", start, start + len("القاهرة"))
    store.set_status(art.id, "salma", "done")
    out = tmp_path / "from-menu.jsonl"
    _accept_with(monkeypatch, lambda d: d.output.setText(str(out)))
    assert window.export_action.isEnabled()
    window.export_action.trigger()
    assert shown == [
        (f"Exported 1 record(s) with 1 span(s) to {out}.", QMessageBox.Icon.Information)
    ]
    rec = json.loads(out.read_text(encoding="utf-8"))
    assert rec["spans"] == [
        {"start": start, "end": start + 7, "label": "GPE", "text": "القاهرة"}
    ]


def test_tags_saved_during_an_export_land_and_stay_out_of_the_file(
    store: Store, tmp_path: Path, seed_text: str, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    """The export reads its own snapshot; the window's store may write meanwhile (it used
    to share the window's connection, whose open read refused the tag)."""
    aid = store.article_by_ext_id("seed").id
    start = seed_text.index("القاهرة") if "القاهرة" in seed_text else 0
    tagged: list[object] = []

    class TagWhileExporting(export_dialog.TaskProgress):
        def report(self, done: int, total: int | None) -> None:
            if not tagged:
                tagged.append(store.add_span(aid, "salma", "LOC", start, start + 3))
            super().report(done, total)

    monkeypatch.setattr(export_dialog, "TaskProgress", TagWhileExporting)
    out = tmp_path / "out.jsonl"
    parent = QDialog()
    qtbot.addWidget(parent)
    report, message = export_dialog.export_with_progress(
        parent, store, out, annotator="salma", status="all"
    )
    assert report is not None, message
    assert tagged and store.span(tagged[0].id).label == "LOC"  # type: ignore[attr-defined]
    spans = [s for line in out.read_text("utf-8").splitlines() for s in json.loads(line)["spans"]]
    assert ("LOC", start) not in {(s["label"], s["start"]) for s in spans}
