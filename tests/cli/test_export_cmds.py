"""``annotator export``: formats, choices, summary line, and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from export_data import add_seed_spans, find

from annotator.cli.main import cli
from annotator.core.model import ArticleIn
from annotator.core.store import Store, open_store


def _run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(seed_project: Store) -> Path:
    add_seed_spans(seed_project)
    return seed_project.path


def test_export_jsonl_prints_a_summary(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "train.jsonl"
    code, stdout, _ = _run("export", db, out)
    assert code == 0
    assert stdout == f"Exported 1 record(s) with 6 span(s) to {out}.\n"
    rec = json.loads(out.read_text(encoding="utf-8"))
    assert rec["annotator"] == "salma" and len(rec["spans"]) == 6


def test_export_options_reach_the_export(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    code, stdout, _ = _run(
        "export", db, out, "--annotator", "salma", "--status", "all", "--labels", "PERS, GPE",
        "--no-text",
    )
    assert code == 0, stdout
    rec = json.loads(out.read_text(encoding="utf-8"))
    assert "text" not in rec
    assert [s["label"] for s in rec["spans"]] == ["GPE", "PERS"]  # فيينا comes first


def test_export_hf_reports_nested_and_labels_file(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "train.hf.jsonl"
    code, stdout, _ = _run("export", db, out, "--format", "hf")
    assert code == 0
    assert stdout == (
        f"Exported 1 record(s) with 5 span(s) to {out}; 1 nested span(s) dropped (flat tags);"
        f" labels in {tmp_path / 'train.hf.jsonl.labels.json'}.\n"
    )


def test_export_conll_misaligned(db: Path, tmp_path: Path) -> None:
    with open_store(db) as store:
        art = store.article_by_ext_id("seed")
        s, e = find(art.text, "نائلة جبر")
        store.add_span(art.id, "salma", "PERS", s, e - 1)
    out = tmp_path / "o.conll"
    code, stdout, stderr = _run("export", db, out, "--format", "conll")
    assert code == 1 and stdout == ""
    assert stderr == (
        "Error: 1 span(s) do not fall on token boundaries; fix them, or export with misaligned"
        " expand (grow to whole tokens) or drop (leave them out):\n"
        f'  article seed: span {s}-{e - 1} "نائلة جب" PERS\n'
    )
    assert not out.exists()
    code, stdout, stderr = _run("export", db, out, "--format", "conll", "--misaligned", "drop")
    assert code == 0
    assert stderr == f'skipped: article seed: span {s}-{e - 1} "نائلة جب" PERS\n'
    assert "1 misaligned span(s) left out" in stdout
    code, stdout, _ = _run("export", db, out, "--format", "conll", "--misaligned", "expand")
    assert code == 0 and "1 misaligned span(s) grown to whole tokens" in stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["--annotator", "nobody"], "Error: no annotator named 'nobody' in "),
        (["--labels", "PERS,قانون"], "Error: no label named 'قانون' in "),
        (["--gold"], "Error: nothing to export from "),
        (["--format", "conll", "--no-text"], "Error: leaving out the text is for jsonl only"),
    ],
)
def test_export_errors_are_one_line(
    db: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "o.jsonl"
    code, stdout, stderr = _run("export", db, out, *args)
    assert code == 1 and stdout == ""
    assert stderr.startswith(message) and stderr.count("\n") == 1
    assert not out.exists()


def test_export_output_problems(db: Path, tmp_path: Path) -> None:
    code, _, stderr = _run("export", db, tmp_path / "nope" / "o.jsonl")
    assert code == 1 and "does not exist" in stderr
    code, _, stderr = _run("export", db, tmp_path)
    assert code == 1 and stderr == f"Error: {tmp_path} is a folder; give a file name to export to\n"


def test_export_usage_errors(db: Path, tmp_path: Path) -> None:
    code, _, stderr = _run("export", db, tmp_path / "o.jsonl", "--gold", "--annotator", "salma")
    assert code == 2 and "use --annotator or --gold, not both" in stderr
    code, _, stderr = _run("export", db, tmp_path / "o.jsonl", "--format", "xml")
    assert code == 2 and "xml" in stderr
    assert not (tmp_path / "o.jsonl").exists()


def test_export_of_a_missing_project(tmp_path: Path) -> None:
    code, _, stderr = _run("export", tmp_path / "none.db", tmp_path / "o.jsonl")
    assert code == 1 and stderr.startswith("Error: ") and stderr.count("\n") == 1
    assert not (tmp_path / "o.jsonl").exists() and not (tmp_path / "none.db").exists()


def test_export_help_has_an_example() -> None:
    code, stdout, _ = _run("export", "--help")
    assert code == 0 and "Example:\n      annotator export news.db train.jsonl\n" in stdout


def test_export_to_standard_output(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file_out = tmp_path / "file.conll"
    _run("export", db, file_out, "--format", "conll")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["export", str(db), "-", "--format", "conll"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == file_out.read_bytes()  # records only, not the summary
    assert result.stderr == "Exported 1 record(s) with 6 span(s) to standard output.\n"
    assert not (tmp_path / "-").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_export_hf_to_standard_output_is_refused(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, stdout, stderr = _run("export", db, "-", "--format", "hf")
    assert code == 1 and stdout == ""
    assert stderr == (
        "Error: hf writes its label map to a file beside the output, so it needs an output"
        " file name, not standard output (-)\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "project.db", "project.db-shm", "project.db-wal",
    ]


def _annotator(*args: object) -> list[str]:
    return [sys.executable, "-m", "annotator", *map(str, args)]


@pytest.mark.parametrize("out", ["-", "stdout-link"])
def test_export_into_a_pipe_from_a_shell(db: Path, tmp_path: Path, out: str) -> None:
    """A real pipe: the records reach the reader, the summary goes to standard error.

    ``stdout-link`` links to /proc/self/fd/1, as /dev/stdout does (tested through a link
    of our own: an export that replaced it would not replace /dev/stdout for everyone).
    """
    file_out = tmp_path / "file.jsonl"
    _run("export", db, file_out)
    (tmp_path / "stdout-link").symlink_to("/proc/self/fd/1")
    done = subprocess.run(
        _annotator("export", db, out), capture_output=True, cwd=tmp_path, timeout=60,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == file_out.read_bytes()
    where = "standard output" if out == "-" else out
    assert done.stderr.decode() == f"Exported 1 record(s) with 6 span(s) to {where}.\n"
    assert (tmp_path / "stdout-link").is_symlink() and not (tmp_path / "-").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_export_to_a_reader_that_stops_early(
    seed_project: Store, seed_text: str, tmp_path: Path
) -> None:
    """``annotator export news.db - | head -c 10``: no message, no traceback, and exit
    status 1, since the output was cut short (docs/cli.md, "Errors and exit status")."""
    with seed_project.transaction():  # 300 kB of records: more than a pipe holds
        ids = [
            seed_project.insert_article(ArticleIn(ext_id=f"a{i}", text=seed_text))
            for i in range(200)
        ]
    for aid in ids:
        seed_project.set_status(aid, "salma", "done")
    reader = subprocess.Popen(["head", "-c", "10"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert reader.stdin is not None
    done = subprocess.run(
        _annotator("export", seed_project.path, "-"), stdout=reader.stdin,
        stderr=subprocess.PIPE, cwd=tmp_path, timeout=60,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    reader.stdin.close()
    assert reader.stdout is not None and reader.stdout.read() == b'{"id": "a0'
    assert reader.wait(timeout=10) == 0
    assert done.returncode == 1 and done.stderr == b"", done.stderr
    assert not (tmp_path / "-").exists()


def test_export_json_summary_and_format_choices(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "train.hf.jsonl"
    code, stdout, _ = _run("export", db, out, "--format", "hf", "--unit", "sentence",
                           "--max-tokens", "64", "--json")  # fmt: skip
    assert code == 0
    summary = json.loads(stdout)
    assert (summary["format"], summary["output"], summary["records"]) == ("hf", str(out), 1)
    assert summary["label_files"] == [str(out) + ".labels.json"]
    code, _, stderr = _run("export", db, tmp_path / "x.jsonl", "--span-key", "sc")
    assert (code, stderr) == (
        1, "Error: --span-key does not apply to --format jsonl (only to spacy)\n"
    )
    assert not (tmp_path / "x.jsonl").exists()


def test_export_split_and_spacy(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "seed.conll"
    code, stdout, _ = _run("export", db, out, "--format", "conll", "--style", "plain",
                           "--split", "train=0.5,test=0.5", "--seed", "2")  # fmt: skip
    assert code == 0 and "seed.train.conll" in stdout and "seed.test.conll" in stdout
    pytest.importorskip("spacy")
    code, stdout, _ = _run("export", db, tmp_path / "seed.spacy", "--format", "spacy")
    assert code == 0 and stdout.startswith("Exported 1 record(s) with 6 span(s)")


def test_without_format_the_output_names_ending_chooses_it(db: Path, tmp_path: Path) -> None:
    """`annotator export news.db train.spacy` once wrote JSON Lines into train.spacy, which
    spaCy then refused; the ending the app proposes for a format now chooses it, an
    explicit --format still wins, and any other name is JSONL."""
    import spacy
    from spacy.tokens import DocBin

    from annotator.core.formats.registry import export_format_for

    spacy_out = tmp_path / "train.spacy"
    assert _run("export", db, spacy_out)[0] == 0
    docs = list(DocBin().from_disk(spacy_out).get_docs(spacy.blank("ar").vocab))
    assert len(docs) == 1 and len(docs[0].spans["sc"]) == 6  # every span; ents: the outer ones
    hf_out = tmp_path / "ner.HF.jsonl"
    assert _run("export", db, hf_out)[0] == 0
    assert "ner_tags" in json.loads(hf_out.read_text("utf-8").splitlines()[0])  # hf rows
    forced = tmp_path / "odd.spacy"
    assert _run("export", db, forced, "--format", "jsonl")[0] == 0
    assert json.loads(forced.read_text("utf-8"))["annotator"] == "salma"
    assert [export_format_for(n) for n in (
        "a.conll", "a.doccano.jsonl", "a.prodigy.jsonl", "a.labelstudio.json", "a.jsonl",
        "a.txt", "-",
    )] == ["conll", "doccano", "prodigy", "labelstudio", "jsonl", "jsonl", "jsonl"]
