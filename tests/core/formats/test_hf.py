"""Hugging Face rows: whose they are, sentence rows, a token limit, loaded by ``datasets``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.formats.export_checks import ExportError
from annotator.core.formats.export_run import run_export
from annotator.core.formats.hf import pieces
from annotator.core.formats.import_run import run_import
from annotator.core.store import Store

WOJOOD_TEST = Path(__file__).parents[2] / "data" / "wojood" / "test.txt"


@pytest.fixture
def wojood(project: Store) -> Store:
    """The Wojood sample by two annotators (omar kept people and places only)."""
    run_import(project, [WOJOOD_TEST], "conll", annotator="salma")
    for aid in project.article_ids():
        for sp in project.spans(aid, ["salma"]):
            if sp.label in ("PERS", "GPE"):
                project.add_span(aid, "omar", sp.label, sp.start, sp.end)
    return project


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_rows_of_two_annotators_are_told_apart(wojood: Store, tmp_path: Path) -> None:
    out = tmp_path / "w.hf.jsonl"
    run_export(wojood, out, "hf", status="all")
    rows = _rows(out)
    assert len(rows) == 2 * wojood.article_count()
    keys = {(r["id"], r["annotator"]) for r in rows}
    assert len(keys) == len(rows)  # no two rows share an id and an annotator
    assert {r["annotator"] for r in rows} == {"salma", "omar"}
    assert all(r["id"] == r["article"] for r in rows)


def test_sentence_rows_and_a_token_limit(wojood: Store, tmp_path: Path) -> None:
    whole = tmp_path / "whole.hf.jsonl"
    run_export(wojood, whole, "hf", annotator="salma", status="all")
    out = tmp_path / "s.hf.jsonl"
    run_export(wojood, out, "hf", annotator="salma", status="all", unit="sentence",
               max_tokens=32)  # fmt: skip
    rows, articles = _rows(out), _rows(whole)
    assert max(len(r["tokens"]) for r in articles) > 32
    assert max(len(r["tokens"]) for r in rows) <= 32
    assert len(rows) > 20 * len(articles) * 0.9  # about 20 sentences an article
    for art in articles:  # the rows of an article are its tokens and tags, in order
        mine = [r for r in rows if r["article"] == art["id"]]
        assert [r["id"] for r in mine] == [f"{art['id']}#{n}" for n in range(1, len(mine) + 1)]
        assert sum((r["tokens"] for r in mine), []) == art["tokens"]
        assert sum((r["ner_tags"] for r in mine), []) == art["ner_tags"]
    label_map = json.loads((tmp_path / "s.hf.jsonl.labels.json").read_text("utf-8"))
    names = label_map["id2label"]
    for r in rows:  # never cut inside a span: no row starts with an I- tag
        assert not names[str(r["ner_tags"][0])].startswith("I-")


def test_cuts_fall_before_a_span_not_inside() -> None:
    tags = [0, 1, 2, 2, 0, 3, 0]  # O B I I O B O
    assert pieces(tags, [range(7)], 3) == [range(0, 1), range(1, 4), range(4, 7)]
    with pytest.raises(ValueError):
        pieces(tags, [range(7)], 2)  # B I I needs three


def test_a_span_longer_than_the_limit_is_refused(wojood: Store, tmp_path: Path) -> None:
    out = tmp_path / "o.hf.jsonl"
    with pytest.raises(ExportError, match=r"tokens, more than --max-tokens 1; raise"
                                          " --max-tokens$"):
        run_export(wojood, out, "hf", annotator="salma", status="all", max_tokens=1)
    assert not out.exists() and not (tmp_path / "o.hf.jsonl.labels.json").exists()


def test_datasets_loads_the_splits_with_the_label_map(wojood: Store, tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    out = tmp_path / "wojood.hf.jsonl"
    report = run_export(wojood, out, "hf", status="all", split="train=0.8,validation=0.1,test=0.1",
                        seed=3, unit="sentence")  # fmt: skip
    files = {name: path for name, (path, _n) in report.splits.items()}
    assert files == {name: tmp_path / f"wojood.{name}.hf.jsonl"
                     for name in ("train", "validation", "test")}  # fmt: skip
    label_map = json.loads((tmp_path / "wojood.hf.jsonl.labels.json").read_text("utf-8"))
    names = [label_map["id2label"][str(i)] for i in range(len(label_map["id2label"]))]
    features = datasets.Features({
        "id": datasets.Value("string"),
        "article": datasets.Value("string"),
        "annotator": datasets.Value("string"),
        "tokens": datasets.Sequence(datasets.Value("string")),
        "ner_tags": datasets.Sequence(datasets.ClassLabel(names=names)),
    })  # fmt: skip
    loaded = datasets.load_dataset(
        "json", data_files={k: str(v) for k, v in files.items()}, features=features,
        cache_dir=str(tmp_path / "cache"),
    )  # fmt: skip
    assert report.records == 2 * wojood.article_count()  # records: (article, annotator)
    assert {k: len(loaded[k]) for k in files} == {k: len(_rows(v)) for k, v in files.items()}
    tag_names = loaded["train"].features["ner_tags"].feature.names
    assert tag_names[0] == "O" and "B-PERS" in tag_names
    articles = {k: set(loaded[k]["article"]) for k in files}
    assert not articles["train"] & articles["validation"]
    assert not articles["train"] & articles["test"]
    assert not articles["validation"] & articles["test"]
    assert (len(articles["train"]), len(articles["validation"]), len(articles["test"])) == (
        14, 2, 2
    )
