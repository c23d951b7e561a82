"""Nested CoNLL and Hugging Face output: tokens, layers, IOB2 tags, misaligned spans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from export_data import add_article, add_seed_spans, find

from annotator.core.formats.export_checks import ExportError
from annotator.core.formats.export_run import run_export
from annotator.core.formats.tagging import Tokenized, align, layers, tag_name
from annotator.core.store import Store

TEXT = "التقى الرئيس عبد الفتاح السيسي في فيينا.\nثم عاد إلى مصر."


def _blocks(path: Path) -> list[list[str]]:
    """Records of a CoNLL file: their lines, blank lines kept."""
    out: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("# id = "):
            out.append([])
        out[-1].append(line)
    return out


def _tagged(path: Path) -> dict[str, list[str]]:
    """Token -> its tags, at the token's first occurrence."""
    out: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("# "):
            token, *tags = line.split(" ")
            out.setdefault(token, tags)
    return out


@pytest.fixture
def news(project: Store) -> Store:
    aid = add_article(project, "n1", TEXT)
    project.add_span(aid, "salma", "PERS", *find(TEXT, "عبد الفتاح السيسي"))
    project.add_span(aid, "salma", "OCC", *find(TEXT, "الرئيس"))
    project.add_span(aid, "salma", "GPE", *find(TEXT, "فيينا"))
    project.add_span(aid, "salma", "GPE", *find(TEXT, "مصر"))
    project.set_status(aid, "salma", "done")
    return project


def test_conll_layout(news: Store, tmp_path: Path) -> None:
    out = tmp_path / "o.conll"
    report = run_export(news, out, "conll")
    assert report.spans == 4 and report.records == 1
    assert out.read_text(encoding="utf-8") == (
        "# id = n1\n# annotator = salma\n"
        "التقى O\nالرئيس B-OCC\nعبد B-PERS\nالفتاح I-PERS\nالسيسي I-PERS\nفي O\n"
        "فيينا B-GPE\n. O\n\n"
        "ثم O\nعاد O\nإلى O\nمصر B-GPE\n. O\n\n"
    )


def test_nested_spans_get_one_column_per_layer(news: Store, tmp_path: Path) -> None:
    aid = news.article_by_ext_id("n1").id
    # an event around the person and the place, and a second label on the same words
    news.add_span(aid, "salma", "EVENT", *find(TEXT, "الرئيس عبد الفتاح السيسي في فيينا"))
    news.add_span(aid, "salma", "ORG", *find(TEXT, "عبد الفتاح السيسي"))
    out = tmp_path / "o.conll"
    run_export(news, out, "conll")
    tags = _tagged(out)
    assert tags["الرئيس"] == ["B-EVENT", "B-OCC"]
    assert tags["عبد"] == ["I-EVENT", "B-ORG", "B-PERS"]
    assert tags["السيسي"] == ["I-EVENT", "I-ORG", "I-PERS"]
    assert tags["فيينا"] == ["I-EVENT", "B-GPE"]
    # as in the Wojood files, a line has the columns of its own nesting, not padded with O
    assert tags["مصر"] == ["B-GPE"] and tags["التقى"] == ["O"]


def test_layers_put_outermost_first_and_reuse_free_layers() -> None:
    spans = [(2, 3, "PERS"), (0, 5, "EVENT"), (4, 5, "GPE"), (7, 9, "ORG"), (2, 4, "OCC")]
    assert layers(spans) == [
        [(0, 5, "EVENT"), (7, 9, "ORG")],
        [(2, 4, "OCC")],
        [(2, 3, "PERS"), (4, 5, "GPE")],
    ]
    assert layers([]) == []


def test_seed_article_tokens_keep_emoji_and_quotes_apart(
    seed_project: Store, tmp_path: Path
) -> None:
    add_seed_spans(seed_project)
    out = tmp_path / "seed.conll"
    report = run_export(seed_project, out, "conll")
    assert report.spans == 6 and report.skipped_spans == []
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[2] == "📢 O"
    i = lines.index("تكافل B-PROGRAM")
    assert lines[i - 1] == "“ O" and lines[i + 1] == "وكرامة I-PROGRAM"
    assert lines[i + 2] == "” O"
    i = lines.index("وزارة B-ORG")
    assert lines[i + 1] == "التضامن I-ORG B-ORG"
    # every sentence of the text is one block; no empty sentence
    assert "\n\n\n" not in out.read_text(encoding="utf-8")


def test_misaligned_error_lists_every_case(news: Store, tmp_path: Path) -> None:
    aid = news.article_by_ext_id("n1").id
    s, e = find(TEXT, "السيسي")
    news.add_span(aid, "salma", "ORG", s + 1, e)  # starts inside a word
    s, e = find(TEXT, "فيينا.")
    news.add_span(aid, "salma", "LOC", s + 2, e - 3)
    out = tmp_path / "o.conll"
    with pytest.raises(ExportError) as err:
        run_export(news, out, "conll")
    msg = str(err.value)
    first, *cases = msg.split("\n")
    assert first.startswith("2 span(s) do not fall on token boundaries")
    assert cases == [
        f'  article n1: span {find(TEXT, "السيسي")[0] + 1}-{find(TEXT, "السيسي")[1]} "لسيسي" ORG',
        f'  article n1: span {s + 2}-{e - 3} "{TEXT[s + 2 : e - 3]}" LOC',
    ]
    assert list(tmp_path.glob("o.conll*")) == [] and list(tmp_path.glob(".o.conll*")) == []


def test_misaligned_drop_and_expand(news: Store, tmp_path: Path) -> None:
    aid = news.article_by_ext_id("n1").id
    s, e = find(TEXT, "السيسي في")
    news.add_span(aid, "salma", "ORG", s + 2, e - 1)  # inside two words
    s2, e2 = find(TEXT, "فيينا.\nثم")
    news.add_span(aid, "salma", "LOC", s2, e2)  # crosses a line break
    out = tmp_path / "o.conll"
    dropped = run_export(news, out, "conll", misaligned="drop")
    assert dropped.spans == 4 and len(dropped.skipped_spans) == 2
    assert dropped.skipped_spans[0].startswith(f"article n1: span {s + 2}-{e - 1} ")
    assert _tagged(out)["السيسي"] == ["I-PERS"]
    expanded = run_export(news, out, "conll", misaligned="expand")
    assert expanded.spans == 5 and expanded.expanded_spans == 1
    assert expanded.skipped_spans == [
        f'article n1: span {s2}-{e2} "فيينا.\nثم" LOC (crosses a line break)'
    ]
    tags = _tagged(out)
    assert tags["السيسي"] == ["I-PERS", "B-ORG"] and tags["في"] == ["O", "I-ORG"]


def test_expand_of_span_on_spaces_only_is_listed() -> None:
    tok = Tokenized.of("مصر   اليوم")
    result = align("x", tok, [(3, 6, "GPE", "   ")], "expand")
    assert result.spans == []
    assert result.skipped == ['article x: span 3-6 "   " GPE (covers no token)']


def test_labels_with_spaces_and_arabic_names(seed_project: Store, tmp_path: Path) -> None:
    seed_project.add_label("برنامج حكومي")
    seed_project.add_label("شخص")
    art = seed_project.article_by_ext_id("seed")
    seed_project.add_span(art.id, "omar", "برنامج حكومي", *find(art.text, "تكافل وكرامة"))
    seed_project.add_span(art.id, "omar", "شخص", *find(art.text, "نائلة جبر"))
    seed_project.set_status(art.id, "omar", "done")
    out = tmp_path / "o.conll"
    run_export(seed_project, out, "conll")
    tags = _tagged(out)
    assert tags["تكافل"] == ["B-برنامج_حكومي"] and tags["جبر"] == ["I-شخص"]
    for line in out.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("# "):
            assert len(line.split(" ")) == 2  # token and one tag: still two columns
    hf = tmp_path / "o.hf.jsonl"
    run_export(seed_project, hf, "hf")
    id2label = json.loads((tmp_path / "o.hf.jsonl.labels.json").read_text(encoding="utf-8"))[
        "id2label"
    ]
    assert "B-برنامج_حكومي" in id2label.values()
    assert tag_name(" a\tb  c ") == "a_b_c" and tag_name("X=Y") == "X_Y"


def test_labels_that_print_the_same_tag_are_refused(seed_project: Store, tmp_path: Path) -> None:
    seed_project.add_label("برنامج حكومي")
    seed_project.add_label("برنامج_حكومي")
    add_seed_spans(seed_project)
    out = tmp_path / "o.conll"
    with pytest.raises(ExportError, match="would both be written as tag 'برنامج_حكومي'"):
        run_export(seed_project, out, "conll")
    assert not out.exists()
    assert run_export(seed_project, out, "conll", labels=["PERS", "برنامج حكومي"]).records == 1


def test_hash_token_and_empty_article(project: Store, tmp_path: Path) -> None:
    text = "#مصر تفوز"
    aid = add_article(project, "h1", text)
    project.add_span(aid, "omar", "GPE", *find(text, "مصر"))
    project.set_status(aid, "omar", "done")
    empty = add_article(project, "e1", " \n ")
    project.set_status(empty, "omar", "done")
    out = tmp_path / "o.conll"
    report = run_export(project, out, "conll")
    assert report.records == 1
    assert report.skipped_articles == ["article e1: no words to tag"]
    assert out.read_text(encoding="utf-8") == (
        "# id = h1\n# annotator = omar\n# O\nمصر B-GPE\nتفوز O\n\n"
    )


def test_hf_tokens_tags_and_labels_file(news: Store, tmp_path: Path) -> None:
    aid = news.article_by_ext_id("n1").id
    news.add_span(aid, "salma", "EVENT", *find(TEXT, "الرئيس عبد الفتاح السيسي في فيينا"))
    out = tmp_path / "train.hf.jsonl"
    report = run_export(news, out, "hf")
    assert report.extra_files == [tmp_path / "train.hf.jsonl.labels.json"]
    assert report.spans == 2 and report.dropped_nested == 3  # EVENT and مصر kept
    label_map = json.loads(report.extra_files[0].read_text(encoding="utf-8"))
    assert list(label_map) == ["written_by", "id2label", "label2id"]
    assert label_map["written_by"] == "annotator export"
    id2label, label2id = label_map["id2label"], label_map["label2id"]
    assert list(id2label.items())[:3] == [("0", "O"), ("1", "B-PERS"), ("2", "I-PERS")]
    assert label2id == {v: int(k) for k, v in id2label.items()}
    (line,) = out.read_text(encoding="utf-8").splitlines()
    rec = json.loads(line)
    assert list(rec) == ["id", "article", "annotator", "tokens", "ner_tags"]
    assert (rec["id"], rec["article"], rec["annotator"]) == ("n1", "n1", "salma")
    assert rec["tokens"][:4] == ["التقى", "الرئيس", "عبد", "الفتاح"]
    names = [id2label[str(t)] for t in rec["ner_tags"]]
    assert names == [
        "O", "B-EVENT", "I-EVENT", "I-EVENT", "I-EVENT", "I-EVENT", "I-EVENT", "O",
        "O", "O", "O", "B-GPE", "O",
    ]
    assert all(isinstance(t, int) for t in rec["ner_tags"]) and label2id["O"] == 0


def test_hf_label_numbers_follow_the_chosen_labels(news: Store, tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    run_export(news, out, "hf", labels=["GPE", "PERS"])
    label_map = json.loads((tmp_path / "o.jsonl.labels.json").read_text(encoding="utf-8"))
    id2label = label_map["id2label"]
    # the project's order (PERS before GPE), not the order asked in
    assert id2label == {"0": "O", "1": "B-PERS", "2": "I-PERS", "3": "B-GPE", "4": "I-GPE"}


# -- styles: plain two columns, no comment lines -----------------------------------------


def _arabicner_segments(path: Path) -> list[list[tuple[str, list[str]]]]:
    """SinaLab/ArabicNER's reader (arabiner/utils/data.py, conll_to_segments): every line
    that is not blank is a token and its tags, split at white space; a blank line ends a
    segment. Written out here: the package needs torch."""
    segments: list[list[tuple[str, list[str]]]] = []
    segment: list[tuple[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            segments.append(segment)
            segment = []
        else:
            parts = line.split()
            segment.append((parts[0], parts[1:]))
    segments.append(segment)
    return segments


def test_plain_style_is_token_and_outer_tag(news: Store, tmp_path: Path) -> None:
    aid = news.article_by_ext_id("n1").id
    news.add_span(aid, "salma", "EVENT", *find(TEXT, "الرئيس عبد الفتاح السيسي في فيينا"))
    out = tmp_path / "o.conll"
    report = run_export(news, out, "conll", style="plain")
    assert out.read_text(encoding="utf-8") == (
        "التقى O\nالرئيس B-EVENT\nعبد I-EVENT\nالفتاح I-EVENT\nالسيسي I-EVENT\nفي I-EVENT\n"
        "فيينا I-EVENT\n. O\n\nثم O\nعاد O\nإلى O\nمصر B-GPE\n. O\n\n"
    )
    assert (report.spans, report.dropped_nested) == (2, 3)  # the nested ones are counted


def test_wojood_style_without_comments_is_read_by_arabicner(news: Store, tmp_path: Path):
    out = tmp_path / "o.conll"
    run_export(news, out, "conll", comments=False)
    text = out.read_text(encoding="utf-8")
    assert not any(line.startswith("# ") for line in text.splitlines())
    segments = _arabicner_segments(out)
    assert [len(s) for s in segments] == [8, 5, 0]  # the last: after the final blank line
    assert segments[0][2] == ("عبد", ["B-PERS"]) and segments[1][3] == ("مصر", ["B-GPE"])


def test_comment_lines_would_be_tokens_to_arabicner(news: Store, tmp_path: Path) -> None:
    """Why --no-comments exists: the reader takes '# id = n1' for a token '#'."""
    out = tmp_path / "o.conll"
    run_export(news, out, "conll")
    assert _arabicner_segments(out)[0][0] == ("#", ["id", "=", "n1"])


def test_spacy_convert_loads_the_plain_style(news: Store, tmp_path: Path) -> None:
    import subprocess
    import sys

    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    out = tmp_path / "plain.conll"
    run_export(news, out, "conll", style="plain")
    converted = tmp_path / "converted"
    converted.mkdir()
    subprocess.run(
        [sys.executable, "-m", "spacy", "convert", str(out), str(converted), "--converter",
         "ner", "--n-sents", "10"], check=True, capture_output=True,
    )  # fmt: skip
    (doc,) = DocBin().from_disk(converted / "plain.spacy").get_docs(spacy.blank("ar").vocab)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("الرئيس", "OCC"), ("عبد الفتاح السيسي", "PERS"), ("فيينا", "GPE"), ("مصر", "GPE"),
    ]


def test_options_of_other_formats_are_refused(news: Store, tmp_path: Path) -> None:
    out = tmp_path / "o.conll"
    with pytest.raises(ExportError, match=r"^--unit does not apply to --format conll \(only"
                                          r" to hf\)$"):
        run_export(news, out, "conll", unit="sentence")
    with pytest.raises(ExportError, match="^--no-comments does not apply to --style plain,"
                                          " which has no comments$"):
        run_export(news, out, "conll", style="plain", comments=False)
    with pytest.raises(ExportError, match=r"^--no-comments does not apply to --format hf"
                                          r" \(only to conll\)$"):
        run_export(news, out, "hf", comments=False)
    with pytest.raises(ExportError, match=r"^--offsets does not apply to --format conll \(only"
                                          r" to jsonl, doccano, labelstudio, prodigy\)$"):
        run_export(news, out, "conll", offsets="utf16")
    assert not out.exists()
