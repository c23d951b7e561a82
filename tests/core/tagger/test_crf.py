from __future__ import annotations

from tagger_data import FAST

from annotator.core.tagger import crf
from annotator.core.tagger.crf import CrfTagger, Example
from annotator.core.tagger.features import FeatureCache
from annotator.core.tagger.training import evaluate, lexicon_of


def test_learns_its_training_articles_nested_layers_too(wojood_examples: list[Example]) -> None:
    steps: list[tuple[int, int]] = []
    labels = sorted({lab for ex in wojood_examples for *_, lab in ex.spans})
    tagger = crf.train(wojood_examples, labels, lexicon_of, lambda d, t: steps.append((d, t)), FAST)
    assert tagger.depth >= 2  # the sample nests entities two and three deep
    assert steps[-1][0] == steps[-1][1] and len(steps) > 10
    scores = evaluate(tagger, wojood_examples[:6])
    assert scores["outer"].micro.f1 > 0.9  # it has seen these articles
    assert scores["nested 1"].micro.support > 0 and scores["nested 1"].micro.f1 > 0.6
    tagged = tagger.tag(wojood_examples[0].text)
    text = wojood_examples[0].text
    assert tagged.spans and 0 < tagged.confidence <= 1
    for s in tagged.spans:
        assert (
            0 <= s.start < s.end <= len(text)
            and text[s.start : s.end].strip() == text[s.start : s.end]
        )
        assert 0 < s.score <= 1 and s.label in labels
    again = CrfTagger.from_bytes(tagger.to_bytes())
    assert again.tag(text) == tagged and again.labels == labels
    # Leaving out the features the model gives no weight changes no tag and no score.
    again._cache = FeatureCache(again.lexicon)  # noqa: SLF001 - every feature, unfiltered
    assert [again.tag(ex.text) for ex in wojood_examples[:4]] == [
        tagger.tag(ex.text) for ex in wojood_examples[:4]
    ]


def test_tags_follow_token_boundaries_and_touching_tokens() -> None:
    line = crf.sequences("ذهب إلى بالقاهرة أمس")[0]
    assert crf.line_tags(line, [(9, 16, "GPE")]) == ["O", "O", "B-GPE", "O"]
    assert crf.line_tags(line, [(0, 7, "X")]) == ["B-X", "I-X", "O", "O"]
