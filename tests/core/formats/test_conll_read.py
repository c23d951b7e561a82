"""Nested CoNLL (Wojood): text rebuilt from tokens, every entity of every layer a span."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from annotator.core.formats import conll
from annotator.core.formats.import_run import ImportFailed, run_import
from annotator.core.formats.sniff import sniff
from annotator.core.store import Store

WOJOOD_TEST = Path(__file__).parents[2] / "data" / "wojood" / "test.txt"


def entities_per_label(path: Path) -> Counter[str]:
    """Count entities straight from the file: per tag column, a B- tag, or an I- tag that
    does not continue an entity of its type in that column, opens one."""
    found: Counter[str] = Counter()
    previous: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        tags = line.split()[1:]
        if not line.strip():
            previous = []
            continue
        for col, tag in enumerate(tags):
            before = previous[col] if col < len(previous) else "O"
            if tag.startswith("B-") or (
                tag.startswith("I-") and (before == "O" or before[2:] != tag[2:])
            ):
                found[tag[2:]] += 1
        previous = tags
    return found


def test_wojood_gives_one_span_per_entity_per_label(project: Store) -> None:
    expected = entities_per_label(WOJOOD_TEST)
    assert sum(expected.values()) > 800  # the count above really read the file
    report = run_import(project, [WOJOOD_TEST], "conll", annotator="wojood")
    stored = project.stats()["annotators"]["wojood"]["spans_per_label"]
    assert stored == dict(expected)
    assert report.spans_added == sum(expected.values())


def test_wojood_text_tokens_sentences_and_nested_spans(project: Store) -> None:
    run_import(project, [WOJOOD_TEST], "conll", annotator="wojood", sentences_per_article=5)
    articles = list(project.iter_articles())
    assert articles[0].ext_id == "test-1"
    assert articles[0].text.startswith("سمير : ماما ! ليش هيك")
    assert len(articles[0].text.split("\n")) == 5
    assert all("$#$" not in a.text and "  " not in a.text for a in articles)
    sentence_count = sum(len(a.text.split("\n")) for a in articles)
    blocks = WOJOOD_TEST.read_text(encoding="utf-8").strip().split("\n\n")
    assert sentence_count == len([b for b in blocks if b.split()[0] != "$#$" or len(b.split()) > 2])
    marked = {
        (sp.label, sp.text_in(a.text)) for a in articles for sp in project.spans(a.id)
    }
    assert ("OCC", "ونائب المندوب الدائم للمغرب لدى منظمة التعاون الإسلامي") in marked
    assert ("OCC", "المندوب الدائم للمغرب لدى منظمة التعاون الإسلامي") in marked
    assert ("ORG", "منظمة التعاون الإسلامي") in marked
    assert ("GPE", "للمغرب") in marked
    assert ("PERS", "أحمد حسن أبو شرخ") in marked


def test_orphan_i_tag_and_type_change_open_spans() -> None:
    art = conll.build_article("t-1", [[
        ("في", ["O"]),
        ("مدينة", ["I-GPE", "B-LOC"]),       # I- without B- opens a span
        ("غزة", ["I-GPE", "I-ORG"]),          # I-ORG after LOC opens a new span
        ("اليوم", ["I-DATE"]),                # type change in column 0; column 1 ends
    ]])
    assert art.text == "في مدينة غزة اليوم"
    got = sorted((art.text[s:e], lab) for s, e, lab in art.spans)
    assert got == [("اليوم", "DATE"), ("غزة", "ORG"), ("مدينة", "LOC"), ("مدينة غزة", "GPE")]


def test_bad_tag_is_named_by_line(project: Store, tmp_path: Path) -> None:
    src = tmp_path / "bad.conll"
    src.write_text("سمير B-PERS\n. O\n\nفي O\nغزة X-GPE\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as info:
        run_import(project, [src], "conll", sentences_per_article=1)
    assert [str(r) for r in info.value.report.rejected] == [
        f"{src}:5: 'X-GPE' is not an IOB2 tag (O, B-TYPE or I-TYPE)"
    ]
    assert project.article_count() == 0


def test_line_without_tag_and_non_utf8(project: Store, tmp_path: Path) -> None:
    src = tmp_path / "bad.conll"
    src.write_bytes("سمير B-PERS\n\nغزة\n\n".encode() + b"caf\xe9 O\n")
    with pytest.raises(ImportFailed) as info:
        run_import(project, [src], "conll", sentences_per_article=1)
    assert [str(r) for r in info.value.report.rejected] == [
        f"{src}:3: expected a token and its IOB2 tag(s)",
        f"{src}:5: not UTF-8 text (byte 0xe9 at byte 4 of the line)",
    ]
    assert project.article_count() == 0


def test_sniff_tells_conll_from_plain_text(tmp_path: Path) -> None:
    assert sniff(WOJOOD_TEST) == "conll"
    plain = tmp_path / "plain.txt"
    plain.write_text("شاركت وزارة التضامن الاجتماعي\nفي المنتدى\n", encoding="utf-8")
    assert sniff(plain) == "txt"
    assert sniff(tmp_path) == "txt"


def test_exported_id_lines_start_articles(project: Store, tmp_path: Path) -> None:
    src = tmp_path / "export.txt"
    src.write_text(
        "# id = seed\n# annotator = salma\nنائلة B-PERS\nجبر I-PERS\n\nفي O\n\n"
        "# id = other\n# annotator = salma\nفيينا B-GPE\n",
        encoding="utf-8",
    )
    assert sniff(src) == "conll"
    report = run_import(project, [src], sentences_per_article=1)
    assert report.articles_added == 2
    seed = project.article_by_ext_id("seed")
    assert seed.text == "نائلة جبر\nفي"
    assert [(sp.label, sp.text_in(seed.text)) for sp in project.spans(seed.id)] == [
        ("PERS", "نائلة جبر")
    ]
    assert project.article_by_ext_id("other").text == "فيينا"


def test_hash_token_is_not_a_comment() -> None:
    assert conll.looks_like_conll(["# O", "وسم B-ORG"])
    assert not conll.looks_like_conll(["# id = x", "just text here"])


def test_utf16_conll_is_sniffed_and_read(project: Store, tmp_path: Path) -> None:
    src = tmp_path / "wojood16.txt"
    src.write_bytes("سمير B-PERS\nفي O\nغزة B-GPE\n\n".encode("utf-16"))
    assert sniff(src) == "conll"
    assert run_import(project, [src]).spans_added == 2
    art = project.article_by_ext_id("wojood16-1")
    assert art.text == "سمير في غزة"


def test_cp1256_conll_with_encoding(project: Store, tmp_path: Path) -> None:
    src = tmp_path / "w.conll"
    src.write_bytes("سمير B-PERS\nفي O\n".encode("cp1256"))
    with pytest.raises(ImportFailed, match="give its encoding with --encoding"):
        run_import(project, [src])
    assert project.article_count() == 0
    assert run_import(project, [src], encoding="cp1256").spans_added == 1
    assert project.article_by_ext_id("w-1").text == "سمير في"


def test_tag_whose_label_holds_a_control_character(project: Store, tmp_path: Path) -> None:
    src = tmp_path / "ctl.conll"
    src.write_text("سمير B-PE\x00RS\n\nفي O\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as info:
        run_import(project, [src], sentences_per_article=1)
    assert [str(r) for r in info.value.report.rejected] == [
        f"{src}:1: tag 'B-PE\\x00RS': label name 'PE\\x00RS' holds a NUL character; a label"
        " name is one line of text without tabs or control characters"
    ]
    assert "PE\x00RS" not in [lab.name for lab in project.labels()]
