"""Where an export goes: links followed, pipes and devices written in place, streams, and
the hf label map beside the output under the output's own name.

A file is replaced whole (temporary file, then a rename); a symbolic link stays a link and
its target is replaced that way; a pipe or a device is never replaced (its reader would wait
forever, or ``/dev`` would get a regular file). The hf label map is
``OUT.labels.json`` and replaces only a label map an export wrote.
"""

from __future__ import annotations

import io
import json
import os
import stat
import threading
from pathlib import Path

import pytest
from export_data import add_seed_spans

from annotator.core.formats.export_checks import ExportError
from annotator.core.formats.export_run import run_export
from annotator.core.formats.jsonl import JsonlWriter
from annotator.core.store import Store

OLD = "a previous export\n"
LABEL_SET = '[{"name": "PERS", "color": "#e6194b"}, {"name": "ORG"}]\n'


@pytest.fixture
def tagged(seed_project: Store) -> Store:
    add_seed_spans(seed_project)
    return seed_project


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _expected(store: Store, tmp_path: Path, fmt: str = "jsonl", **kwargs: object) -> bytes:
    """The bytes an export to a plain new file gives (what every other target must hold)."""
    ref = tmp_path / "reference"
    ref.mkdir(exist_ok=True)
    out = ref / f"plain.{fmt}"
    run_export(store, out, fmt, **kwargs)  # type: ignore[arg-type]
    return out.read_bytes()


# -- symbolic links ------------------------------------------------------------------------


def test_a_link_stays_a_link_and_its_target_is_replaced(tagged: Store, tmp_path: Path) -> None:
    want = _expected(tagged, tmp_path)
    data, out_dir = tmp_path / "data", tmp_path / "out"
    data.mkdir()
    out_dir.mkdir()
    (data / "v3.jsonl").write_text(OLD, encoding="utf-8")
    link = out_dir / "train.jsonl"
    link.symlink_to("../data/v3.jsonl")
    report = run_export(tagged, link, "jsonl")
    assert link.is_symlink() and os.readlink(link) == "../data/v3.jsonl"
    assert (data / "v3.jsonl").read_bytes() == want
    assert report.path == link
    assert _files(data) == ["v3.jsonl"] and _files(out_dir) == ["train.jsonl"]  # no temp


def test_a_chain_of_links_and_a_link_to_a_new_file(tagged: Store, tmp_path: Path) -> None:
    want = _expected(tagged, tmp_path)
    (tmp_path / "final.jsonl").write_text(OLD, encoding="utf-8")
    (tmp_path / "middle.jsonl").symlink_to("final.jsonl")
    (tmp_path / "first.jsonl").symlink_to("middle.jsonl")
    run_export(tagged, tmp_path / "first.jsonl")
    assert (tmp_path / "final.jsonl").read_bytes() == want
    assert [p.is_symlink() for p in (tmp_path / "first.jsonl", tmp_path / "middle.jsonl")] == [
        True, True,
    ]
    dangling = tmp_path / "next.jsonl"
    dangling.symlink_to("created-by-export.jsonl")
    run_export(tagged, dangling)
    assert dangling.is_symlink() and (tmp_path / "created-by-export.jsonl").read_bytes() == want


def test_links_that_cannot_be_written_through(tagged: Store, tmp_path: Path) -> None:
    loop = tmp_path / "loop.jsonl"
    loop.symlink_to("loop.jsonl")
    with pytest.raises(ExportError) as err:
        run_export(tagged, loop)
    assert str(err.value) == f"{loop}: cannot write here: Too many levels of symbolic links"
    nowhere = tmp_path / "nowhere.jsonl"
    nowhere.symlink_to(tmp_path / "gone" / "x.jsonl")
    with pytest.raises(ExportError) as err:
        run_export(tagged, nowhere)
    assert str(err.value) == f"{nowhere}: the folder {tmp_path / 'gone'} does not exist"
    to_project = tmp_path / "project-link.jsonl"
    to_project.symlink_to(tagged.path)
    with pytest.raises(ExportError, match="is the project file itself"):
        run_export(tagged, to_project)
    assert tagged.article_count() == 1 and tagged.path.read_bytes()[:6] == b"SQLite"
    assert _files(tmp_path) == ["loop.jsonl", "nowhere.jsonl", "project-link.jsonl",
                                "project.db", "project.db-shm", "project.db-wal"]


# -- pipes, devices, streams ---------------------------------------------------------------


def _read_fifo(path: Path, into: list[bytes]) -> threading.Thread:
    def read() -> None:
        with path.open("rb") as fh:
            into.append(fh.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return reader


@pytest.mark.parametrize("fmt", ["jsonl", "conll"])
def test_a_pipe_is_written_in_place(tagged: Store, tmp_path: Path, fmt: str) -> None:
    want = _expected(tagged, tmp_path, fmt)
    fifo = tmp_path / f"train.{fmt}"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = _read_fifo(fifo, got)
    report = run_export(tagged, fifo, fmt)
    reader.join(timeout=10)
    assert got == [want]  # the reader saw the whole export, then end of file
    assert stat.S_ISFIFO(fifo.lstat().st_mode)  # still the pipe, not a regular file
    assert report.path == fifo and report.records == 1
    assert _files(tmp_path) == ["project.db", "project.db-shm", "project.db-wal",
                                "reference", f"train.{fmt}"]


def test_a_pipe_whose_reader_left_says_the_output_is_incomplete(
    tagged: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = tmp_path / "train.jsonl"
    os.mkfifo(fifo)
    left = threading.Event()

    def open_and_leave() -> None:
        with fifo.open("rb"):
            pass
        left.set()

    threading.Thread(target=open_and_leave, daemon=True).start()
    real = JsonlWriter.write

    def write_after_the_reader_left(self, fh, rec):  # type: ignore[no-untyped-def]
        assert left.wait(timeout=10)
        return real(self, fh, rec)

    monkeypatch.setattr(JsonlWriter, "write", write_after_the_reader_left)
    with pytest.raises(ExportError) as err:
        run_export(tagged, fifo)
    assert str(err.value) == f"{fifo}: cannot write: Broken pipe; the output is incomplete"
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert _files(tmp_path) == ["project.db", "project.db-shm", "project.db-wal", "train.jsonl"]


def test_a_device_is_written_in_place(tagged: Store, tmp_path: Path) -> None:
    """``/dev/null`` through a link: old code renamed a regular file over the link."""
    link = tmp_path / "null.jsonl"
    link.symlink_to("/dev/null")
    report = run_export(tagged, link)
    assert report.records == 1
    assert link.is_symlink() and stat.S_ISCHR(Path("/dev/null").stat().st_mode)
    assert not [p for p in Path("/dev").iterdir() if p.name.startswith(".null")]
    assert "null.jsonl" in _files(tmp_path) and not any(
        n.endswith(".tmp") for n in _files(tmp_path)
    )


def test_a_stream_gets_the_records_and_is_left_open(tagged: Store, tmp_path: Path) -> None:
    want = _expected(tagged, tmp_path, "conll")
    stream = io.BytesIO()
    report = run_export(tagged, stream, "conll")
    assert not stream.closed and stream.getvalue() == want
    assert report.path is None
    assert report.summary() == "Exported 1 record(s) with 6 span(s) to standard output."


def test_hf_needs_a_file_for_its_label_map(tagged: Store, tmp_path: Path) -> None:
    stream = io.BytesIO()
    with pytest.raises(ExportError) as err:
        run_export(tagged, stream, "hf")
    assert str(err.value) == (
        "hf writes its label map to a file beside the output, so it needs an output file"
        " name, not standard output (-)"
    )
    assert stream.getvalue() == b""
    fifo = tmp_path / "train.hf.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(ExportError) as err:  # refused before opening: no wait for a reader
        run_export(tagged, fifo, "hf")
    assert str(err.value).endswith(f"not a pipe ({fifo})")
    assert _files(tmp_path) == ["project.db", "project.db-shm", "project.db-wal",
                                "train.hf.jsonl"]


# -- the hf label map ----------------------------------------------------------------------


def _label_map(path: Path) -> dict[str, str]:
    return json.loads(path.read_text(encoding="utf-8"))["id2label"]


def test_each_hf_export_has_its_own_label_map(tagged: Store, tmp_path: Path) -> None:
    (tmp_path / "labels.json").write_text(LABEL_SET, encoding="utf-8")  # for init --labels
    first = run_export(tagged, tmp_path / "all.hf.jsonl", "hf")
    before = first.extra_files[0].read_bytes()
    second = run_export(tagged, tmp_path / "pers.hf.jsonl", "hf", labels=["PERS"])
    assert first.extra_files == [tmp_path / "all.hf.jsonl.labels.json"]
    assert second.extra_files == [tmp_path / "pers.hf.jsonl.labels.json"]
    assert first.extra_files[0].read_bytes() == before  # the first export still decodes
    assert _label_map(second.extra_files[0]) == {"0": "O", "1": "B-PERS", "2": "I-PERS"}
    assert len(_label_map(first.extra_files[0])) > 3
    assert (tmp_path / "labels.json").read_text(encoding="utf-8") == LABEL_SET  # untouched
    again = run_export(tagged, tmp_path / "all.hf.jsonl", "hf", labels=["ORG"])
    assert _label_map(again.extra_files[0]) == {"0": "O", "1": "B-ORG", "2": "I-ORG"}


@pytest.mark.parametrize(
    "content",
    [LABEL_SET, '{"0": "O", "1": "B-PERS", "2": "I-PERS"}\n', "notes\n", ""],
    ids=["label-set", "hand-written-map", "text", "empty"],
)
def test_a_label_map_name_holding_another_file_is_refused(
    tagged: Store, tmp_path: Path, content: str
) -> None:
    out = tmp_path / "train.jsonl"
    out.write_text(OLD, encoding="utf-8")
    theirs = tmp_path / "train.jsonl.labels.json"
    theirs.write_text(content, encoding="utf-8")
    with pytest.raises(ExportError) as err:
        run_export(tagged, out, "hf")
    assert str(err.value) == (
        f"{theirs} exists and was not written by annotator export; move it away or choose"
        " another output name"
    )
    assert theirs.read_text(encoding="utf-8") == content
    assert out.read_text(encoding="utf-8") == OLD
    assert _files(tmp_path) == ["project.db", "project.db-shm", "project.db-wal",
                                "train.jsonl", "train.jsonl.labels.json"]


def test_a_label_map_name_that_is_a_pipe_is_refused(tagged: Store, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "o.jsonl.labels.json")
    with pytest.raises(ExportError, match="o.jsonl.labels.json exists and was not written"):
        run_export(tagged, tmp_path / "o.jsonl", "hf")
    assert not (tmp_path / "o.jsonl").exists()


def test_the_label_map_of_a_linked_output_goes_beside_the_link(
    tagged: Store, tmp_path: Path
) -> None:
    """A reader of OUT looks for OUT.labels.json beside it, wherever OUT points."""
    (tmp_path / "data").mkdir()
    link = tmp_path / "latest.jsonl"
    link.symlink_to("data/v3.jsonl")
    report = run_export(tagged, link, "hf")
    assert report.extra_files == [tmp_path / "latest.jsonl.labels.json"]
    assert _label_map(report.extra_files[0])["0"] == "O"
    assert _files(tmp_path / "data") == ["v3.jsonl"]
