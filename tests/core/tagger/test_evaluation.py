from __future__ import annotations

import random

import pytest
from seqeval.metrics import classification_report, f1_score, precision_score, recall_score
from seqeval.metrics.sequence_labeling import get_entities

from annotator.core.tagger.evaluation import Report, entities, format_table, report

TAGS = ["O", "O", "O", "B-PERS", "I-PERS", "B-ORG", "I-ORG", "I-GPE", "E-ORG", "S-GPE"]


def generated(rng: random.Random, n: int) -> list[list[str]]:
    return [[rng.choice(TAGS) for _ in range(rng.randint(0, 15))] for _ in range(n)]


def test_entities_are_seqeval_chunks_even_for_ill_formed_sequences() -> None:
    rng = random.Random(17)
    for seq in generated(rng, 3000):
        assert entities(seq) == get_entities(seq)


@pytest.mark.parametrize("seed", range(8))
def test_scores_equal_seqeval_per_label_and_micro(seed: int) -> None:
    rng = random.Random(seed)
    y_true = generated(rng, 60)
    # predictions: the truth with some tags changed, so scores are neither 0 nor 1
    y_pred = [[t if rng.random() < 0.8 else rng.choice(TAGS) for t in s] for s in y_true]
    rep = report(y_true, y_pred)
    ours = rep.micro
    assert ours.precision == pytest.approx(precision_score(y_true, y_pred))
    assert ours.recall == pytest.approx(recall_score(y_true, y_pred))
    assert ours.f1 == pytest.approx(f1_score(y_true, y_pred))
    theirs = classification_report(y_true, y_pred, output_dict=True, zero_division=0)
    for label, score in rep.labels.items():
        if score.support == 0:
            continue  # seqeval lists only labels that occur in the truth
        assert score.precision == pytest.approx(theirs[label]["precision"])
        assert score.recall == pytest.approx(theirs[label]["recall"])
        assert score.f1 == pytest.approx(theirs[label]["f1-score"])
        assert score.support == theirs[label]["support"]


def test_exact_match_only_and_empty_cases() -> None:
    rep = report([["B-ORG", "I-ORG", "O"]], [["B-ORG", "O", "O"]])
    assert (rep.micro.correct, rep.micro.predicted, rep.micro.support) == (0, 1, 1)
    assert rep.micro.f1 == 0.0
    assert report([], []).micro.f1 == 0.0
    with pytest.raises(ValueError, match="sequence 0"):
        report([["O"]], [["O", "O"]])


def test_table_lists_each_label_and_the_micro_average() -> None:
    rep = report([["B-ORG", "I-ORG", "O", "B-PERS"]], [["B-ORG", "I-ORG", "O", "O"]])
    table = format_table({"outer": rep})
    assert "ORG" in table and "PERS" in table and "micro avg" in table
    assert isinstance(rep, Report)
    assert rep.labels["ORG"].f1 == 1.0 and rep.labels["PERS"].recall == 0.0
