"""Train, validation and test files: shares, seeds, names, and what cannot be split."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from annotator.core.formats.export_checks import ExportError
from annotator.core.formats.export_run import run_export
from annotator.core.formats.splits import assign, parse_split, split_path
from annotator.core.store import Store

SPLIT = "train=0.8,validation=0.1,test=0.1"


def test_shares_are_cut_at_their_rounded_counts() -> None:
    shares = parse_split(SPLIT)
    assert shares == [("train", 0.8), ("validation", 0.1), ("test", 0.1)]
    route = assign(range(19), shares, 0)
    counts = {name: list(route.values()).count(name) for name, _ in shares}
    assert counts == {"train": 15, "validation": 2, "test": 2}
    assert assign(range(19), shares, 0) == route  # the same seed, the same split
    assert assign(range(19), shares, 1) != route
    assert assign(range(1), shares, 0) == {0: "train"}
    assert parse_split("تدريب=0.5,اختبار=0.5") == [("تدريب", 0.5), ("اختبار", 0.5)]


@pytest.mark.parametrize(
    "value, message",
    [
        ("train=0.8,test=0.1", "--split train=0.8,test=0.1: the shares must add up to 1"),
        ("train=0.5,train=0.5", "--split train=0.5,train=0.5: train is named twice"),
        ("train:1", "--split train:1: expected NAME=SHARE pairs"),
        ("train=x", "--split train=x: 'x' is not a number"),
        ("train=1.5,test=-0.5", "--split train=1.5,test=-0.5: the share of train must be"),
        ("a b=1", "--split a b=1: expected NAME=SHARE pairs"),
    ],
)
def test_bad_splits_are_one_line(value: str, message: str) -> None:
    with pytest.raises(ExportError) as info:
        parse_split(value)
    assert str(info.value).startswith(message) and "\n" not in str(info.value)


def test_split_names_go_before_the_endings() -> None:
    assert split_path(Path("d/wojood.hf.jsonl"), "train") == Path("d/wojood.train.hf.jsonl")
    assert split_path(Path("data"), "test") == Path("data.test")


def _corpus(store: Store, n: int = 10) -> None:
    from export_data import add_article

    for i in range(n):
        aid = add_article(store, f"a{i}", f"خبر رقم {i} عن القاهرة")
        store.set_status(aid, "salma", "done")
        store.set_status(aid, "omar", "done")


def test_every_record_of_an_article_goes_to_one_file(project: Store, tmp_path: Path) -> None:
    _corpus(project)
    out = tmp_path / "all.jsonl"
    report = run_export(project, out, split="train=0.6,test=0.4", seed=5)
    assert not out.exists()
    seen: dict[str, str] = {}
    for name, (path, count) in report.splits.items():
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        assert len(records) == count
        for rec in records:
            assert seen.setdefault(rec["id"], name) == name
    assert len(seen) == 10 and report.records == 20
    assert "train" in report.summary() and str(tmp_path / "all.test.jsonl") in report.summary()


def test_split_needs_file_names_and_seed_needs_split(project: Store, tmp_path: Path) -> None:
    _corpus(project, 2)
    with pytest.raises(ExportError, match="--split writes one file per split beside the output"
                                          r" name, so it needs an output file name, not"
                                          r" standard output \(-\)"):
        run_export(project, io.BytesIO(), split=SPLIT)
    with pytest.raises(ExportError, match="^--seed only applies with --split$"):
        run_export(project, tmp_path / "o.jsonl", seed=3)
    assert not (tmp_path / "o.jsonl").exists()
