from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from annotator.core.errors import ValidationError
from annotator.core.tagger.interface import ScoredSpan, Tagger
from annotator.core.tagger.spacy_adapter import load_spacy


def test_a_blank_arabic_pipeline_with_rules_tags_through_the_interface(tmp_path: Path) -> None:
    nlp = spacy.blank("ar")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "ORG", "pattern": "وزارة التضامن"},
            {"label": "PERS", "pattern": [{"TEXT": "نائلة"}, {"TEXT": "جبر"}]},
        ]
    )
    nlp.to_disk(tmp_path / "pipeline")
    tagger = load_spacy(tmp_path / "pipeline")
    assert isinstance(tagger, Tagger)
    assert tagger.labels == ["ORG", "PERS"]
    text = "🇪🇬 قالت نائلة جبر إن وزارة التضامن بدأت"
    tagged = tagger.tag(text)
    assert tagged.spans == [
        ScoredSpan(text.index("نائلة"), text.index(" إن"), "PERS"),
        ScoredSpan(text.index("وزارة"), text.index(" بدأت"), "ORG"),
    ]


def test_a_folder_that_is_not_a_pipeline_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="no such folder"):
        load_spacy(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValidationError, match="not a spaCy pipeline") as info:
        load_spacy(tmp_path / "empty")
    assert "\n" not in str(info.value)
