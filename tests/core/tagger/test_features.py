from __future__ import annotations

from annotator.core.tagger.features import FeatureCache, build_lexicon, sequences, stem


def test_lines_are_sequences_with_code_point_offsets() -> None:
    text = "وزارة التضامن 🇪🇬 أعلنت.\n\nنائلة جبر"
    lines = sequences(text)
    assert [line.words for line in lines] == [
        ["وزارة", "التضامن", "🇪🇬", "أعلنت", "."],
        ["نائلة", "جبر"],
    ]
    for line in lines:
        for s, e, w in zip(line.starts, line.ends, line.words, strict=True):
            assert text[s:e] == w


def test_stem_drops_the_proclitic_chain_after_normalizing() -> None:
    assert stem("والوزاره") == "وزاره"
    assert stem("بمصر") == "مصر"
    assert stem("مصر") == "مصر"


def test_features_know_the_word_its_stem_neighbours_and_the_lexicon() -> None:
    lex = build_lexicon([("وزارة التضامن", "ORG"), ("القاهرة", "GPE")])
    cache = FeatureCache(lex)
    feats = cache.features(["أعلنت", "وزارة", "بالقاهرة"])
    first, middle, last = feats
    assert "w=اعلنت" in first and "-1edge" in first  # hamza folded; start of line
    assert "lx=ORG" in middle and "-1w=اعلنت" in middle and "1st=قاهره" in middle
    assert "2st=قاهره" in first and "2w=قاهره" not in first
    assert "st=قاهره" in last and "pre=بال" in last and "lx=GPE" in last
    assert "1edge" in last
    assert not any(f.startswith("lx=") for f in first)


def test_the_same_word_is_described_once() -> None:
    cache = FeatureCache()
    a = cache.features(["مصر", "مصر"])
    assert a[0][:5] == a[1][:5]
    assert len(cache._own) == 1  # noqa: SLF001 - the cache is the point of the test
