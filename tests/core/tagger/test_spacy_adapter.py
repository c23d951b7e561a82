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


@pytest.mark.parametrize("frozen", [False, True])
def test_without_spacy_the_message_fits_the_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, frozen: bool
) -> None:
    """pip is the way where there is a Python; the standalone app (frozen) has none."""
    import builtins
    import sys

    from annotator.core.tagger.spacy_adapter import MISSING, MISSING_IN_BUNDLE

    real_import = builtins.__import__

    def no_spacy(name: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name == "spacy" or name.startswith("spacy."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_spacy)
    if frozen:
        monkeypatch.setattr(sys, "frozen", True, raising=False)  # what PyInstaller sets
    (tmp_path / "pipeline").mkdir()
    with pytest.raises(ValidationError) as info:
        load_spacy(tmp_path / "pipeline")
    assert str(info.value) == (MISSING_IN_BUNDLE if frozen else MISSING)
    assert ("pip install spacy" in str(info.value)) is not frozen
