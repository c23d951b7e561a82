from __future__ import annotations

import math
import random
from collections import Counter

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from team_data import at

from annotator.core.errors import ValidationError
from annotator.core.model import ArticleIn, Status
from annotator.core.store import Store
from annotator.core.team.agreement import (
    PairAgreement,
    SpanCounts,
    article_agreement,
    cohen_kappa,
    compare_pair,
    compute_agreement,
    krippendorff_alpha,
    partial_pairs,
    token_labels,
)
from annotator.core.text.tokens import tokenize_by_clusters as tokenize

TEXT = "التقى أحمد حسن بوزير الخارجية في القاهرة أمس."


def add_article(store: Store, ext_id: str, text: str = TEXT) -> int:
    with store.transaction():
        return store.insert_article(ArticleIn(ext_id=ext_id, text=text))


def tag(store: Store, aid: int, who: str, label: str, words: str, *, done: bool = True) -> None:
    store.add_span(aid, who, label, *at(store.article_text(aid), words))
    if done:
        store.set_status(aid, who, Status.DONE)


def done(store: Store, aid: int, *names: str) -> None:
    for n in names:
        store.set_status(aid, n, Status.DONE)


# -- hand-computed cases -------------------------------------------------------------


def test_identical_annotations_give_one(project: Store) -> None:
    aid = add_article(project, "a1")
    for who in ("salma", "omar"):
        tag(project, aid, who, "PERS", "أحمد حسن")
        tag(project, aid, who, "GPE", "القاهرة")
    rep = compute_agreement(project)
    pair = rep.pair("salma", "omar")
    figs = pair.micro.figures()
    assert (figs["precision"], figs["recall"], figs["f1"], figs["partial_f1"]) == (1, 1, 1, 1)
    assert pair.kappa == 1.0
    assert rep.alpha == 1.0
    assert rep.overall["f1"] == 1.0
    assert rep.confusion == {}
    assert pair.to_dict()["per_label"]["PERS"]["f1"] == 1.0


def test_disjoint_annotations_give_zero_and_hand_computed_kappa_alpha(project: Store) -> None:
    aid = add_article(project, "a1", "أحمد في القاهرة")
    tag(project, aid, "salma", "PERS", "أحمد")
    tag(project, aid, "omar", "GPE", "القاهرة")
    rep = compute_agreement(project)
    pair = rep.pair("salma", "omar")
    figs = pair.micro.figures()
    assert (figs["precision"], figs["recall"], figs["f1"], figs["partial_f1"]) == (0, 0, 0, 0)
    # tokens: salma PERS O O, omar O O GPE: po = 1/3, pe = 2/3 * 2/3
    assert pair.kappa == pytest.approx((1 / 3 - 4 / 9) / (1 - 4 / 9))
    # coincidences: n = 6 values, n_O = 4; D_o = 2 + 0 + 2; alpha = 1 - 5 * 4 / (36 - 18)
    assert rep.alpha == pytest.approx(1 - 5 * 4 / 18)
    assert rep.confusion == {}  # no overlap, so no label confusion


def test_one_annotator_without_spans(project: Store) -> None:
    aid = add_article(project, "a1")
    tag(project, aid, "salma", "PERS", "أحمد حسن")
    tag(project, aid, "salma", "GPE", "القاهرة")
    done(project, aid, "omar")
    pair = compute_agreement(project).pair("salma", "omar")
    figs = pair.micro.figures()
    assert figs["precision"] == 0 and figs["f1"] == 0 and figs["partial_f1"] == 0
    assert figs["recall"] is None  # omar has no span to recall
    assert pair.kappa == pytest.approx(0.0)  # omar's labels carry no information


def test_both_without_spans_is_undefined_f1_but_perfect_token_agreement(project: Store) -> None:
    aid = add_article(project, "a1")
    done(project, aid, "salma", "omar")
    rep = compute_agreement(project)
    figs = rep.pair("salma", "omar").micro.figures()
    assert figs["f1"] is None and figs["precision"] is None
    assert rep.pair("salma", "omar").kappa == 1.0
    assert rep.overall["f1"] is None


def test_nested_spans(project: Store) -> None:
    aid = add_article(project, "a1")
    for who in ("salma", "omar"):
        tag(project, aid, who, "ORG", "بوزير الخارجية")
    tag(project, aid, "salma", "OCC", "بوزير")  # only salma nests an OCC inside the ORG
    rep = compute_agreement(project)
    pair = rep.pair("salma", "omar")
    figs = pair.micro.figures()
    assert (figs["precision"], figs["recall"]) == (0.5, 1.0)
    assert figs["f1"] == pytest.approx(2 / 3)
    # the OCC token: salma's innermost span says OCC, omar's ORG -> one token of 9 differs
    assert pair.tokens[("OCC", "ORG")] == 1
    assert pair.tokens[("ORG", "ORG")] == 1
    assert pair.tokens[("O", "O")] == 7
    # the unmatched OCC overlaps nothing unmatched of omar's: no confusion
    assert rep.confusion == {}


def test_partial_match_and_confusion(project: Store) -> None:
    aid = add_article(project, "a1")
    tag(project, aid, "salma", "PERS", "أحمد حسن")
    tag(project, aid, "omar", "PERS", "أحمد")
    tag(project, aid, "salma", "ORG", "الخارجية")
    tag(project, aid, "omar", "GPE", "الخارجية")
    rep = compute_agreement(project)
    pair = rep.pair("salma", "omar")
    per = pair.to_dict()["per_label"]
    assert per["PERS"]["f1"] == 0 and per["PERS"]["partial_f1"] == 1.0
    assert pair.micro.figures()["partial_f1"] == pytest.approx(0.5)
    assert rep.confusion == {"GPE": {"ORG": 1}, "ORG": {"GPE": 1}}


def test_partial_matching_is_greedy_one_to_one_by_overlap() -> None:
    a = [(0, 10, "ORG"), (20, 25, "ORG")]
    b = [(0, 4, "ORG"), (3, 10, "ORG"), (20, 25, "PERS")]
    assert partial_pairs(a, b) == [(0, 1)]  # 7 characters beat 4; PERS never matches ORG


def test_token_label_is_innermost_overlapping_span() -> None:
    toks = tokenize(TEXT)
    labels = token_labels(toks, [(15, 29, "ORG"), (15, 20, "OCC"), (0, 10, "EVENT")])
    assert labels == ["EVENT", "EVENT", "O", "OCC", "ORG", "O", "O", "O", "O"]
    # a span inside a token still labels it
    assert token_labels(toks, [(7, 8, "PERS")])[1] == "PERS"


def test_only_articles_both_marked_done_count_unless_all_articles(project: Store) -> None:
    shared = add_article(project, "shared")
    other = add_article(project, "other", "زار الوزير مصر")
    for who in ("salma", "omar"):
        tag(project, shared, who, "PERS", "أحمد حسن")
    tag(project, other, "salma", "GPE", "مصر")  # salma done, omar not
    project.add_span(other, "omar", "PERS", *at("زار الوزير مصر", "الوزير"))
    rep = compute_agreement(project)
    assert rep.pair("salma", "omar").articles == 1
    assert rep.pair("salma", "omar").micro.figures()["f1"] == 1.0
    full = compute_agreement(project, all_articles=True)
    assert full.pair("salma", "omar").articles == 2
    assert full.pair("salma", "omar").micro.figures()["f1"] == 0.5


def test_three_annotators_overall_is_mean_of_pairs_and_subsets(project: Store) -> None:
    aid = add_article(project, "a1")
    tag(project, aid, "salma", "PERS", "أحمد حسن")
    tag(project, aid, "omar", "PERS", "أحمد حسن")
    tag(project, aid, "huda", "PERS", "أحمد")
    tag(project, aid, "huda", "GPE", "القاهرة")
    rep = compute_agreement(project)
    assert [(p.a, p.b) for p in rep.pairs] == [
        ("salma", "omar"),
        ("salma", "huda"),
        ("omar", "huda"),
    ]
    f1s = [p.micro.figures()["f1"] for p in rep.pairs]
    assert f1s == [1.0, 0.0, 0.0]
    assert rep.overall["f1"] == pytest.approx(1 / 3)
    assert rep.f1_matrix()["omar"]["salma"] == 1.0
    only_gpe = compute_agreement(project, annotators=["omar", "huda"], labels=["GPE"])
    assert [(p.a, p.b) for p in only_gpe.pairs] == [("omar", "huda")]
    assert only_gpe.pair("omar", "huda").micro.figures()["f1"] == 0.0
    assert set(only_gpe.pair("omar", "huda").per_label) == {"GPE"}


def test_bad_selection_is_one_clear_error(project: Store) -> None:
    with pytest.raises(ValidationError, match=r"agreement needs two annotators \(found: none\)"):
        compute_agreement(project)
    aid = add_article(project, "a1")
    tag(project, aid, "salma", "PERS", "أحمد")
    tag(project, aid, "omar", "PERS", "أحمد")
    with pytest.raises(ValidationError, match="no annotator named zaid"):
        compute_agreement(project, annotators=["salma", "zaid"])
    with pytest.raises(ValidationError, match="no label named NOPE"):
        compute_agreement(project, labels=["NOPE"])


def test_reserved_annotators_are_left_out_by_default(project: Store) -> None:
    aid = add_article(project, "a1")
    for who in ("salma", "omar", "import", "gold"):
        tag(project, aid, who, "PERS", "أحمد")
    assert compute_agreement(project).annotators == ["salma", "omar"]


def test_article_agreement_score() -> None:
    same = [(0, 4, "PERS")]
    assert article_agreement({"a": same, "b": same}) == 1.0
    assert article_agreement({"a": same, "b": []}) == 0.0
    assert article_agreement({"a": [], "b": []}) == 1.0


# -- cross-checks against the krippendorff package and a direct kappa formula ---------


def _package_alpha(columns: list[list[str | None]]) -> float:
    domain = sorted({v for col in columns for v in col if v is not None})
    code = {v: i for i, v in enumerate(domain)}
    data = np.array(
        [[np.nan if v is None else code[v] for v in coder] for coder in zip(*columns, strict=True)]
    )
    return krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["O", "PERS", "ORG", None]), min_size=3, max_size=3),
        min_size=2,
        max_size=40,
    )
)
def test_alpha_equals_krippendorff_package(columns: list[list[str | None]]) -> None:
    units = Counter(tuple(sorted(v for v in col if v is not None)) for col in columns)
    pairable = [v for col in columns if sum(x is not None for x in col) >= 2 for v in col if v]
    if len(set(pairable)) < 2:
        return  # the package refuses a domain of one value
    assert krippendorff_alpha(units) == pytest.approx(_package_alpha(columns), abs=1e-9)


def test_cohen_kappa_matches_direct_formula() -> None:
    rng = random.Random(5)
    for _ in range(50):
        x = [rng.choice("OPG") for _ in range(30)]
        y = [v if rng.random() < 0.6 else rng.choice("OPG") for v in x]
        n = len(x)
        po = sum(a == b for a, b in zip(x, y, strict=True)) / n
        pe = sum((x.count(c) / n) * (y.count(c) / n) for c in "OPG")
        expected = (po - pe) / (1 - pe)
        assert cohen_kappa(Counter(zip(x, y, strict=True))) == pytest.approx(expected)


def test_project_alpha_equals_package_on_generated_annotations(project: Store) -> None:
    """Three annotators tag random word runs in real Arabic text; some articles not done."""
    rng = random.Random(11)
    names = ["salma", "omar", "huda"]
    labels = ["PERS", "ORG", "GPE"]
    sentences = [
        TEXT,
        "شاركت وزارة التضامن الاجتماعي في المنتدى العالمي بفيينا",
        "قالت الوزيرة نيفين القباج إن برنامج تكافل وكرامة يغطي ملايين الأسر",
    ]
    expected_columns: list[list[str | None]] = []
    for n in range(12):
        text = sentences[n % 3]
        aid = add_article(project, f"g{n}", text)
        toks = [t for t in tokenize(text) if t.is_word]
        is_done = {who: rng.random() < 0.8 for who in names}
        per_token: dict[str, list[str]] = {}
        for who in names:
            keys = []
            for _ in range(rng.randint(0, 3)):
                i = rng.randrange(len(toks))
                j = min(len(toks), i + rng.randint(1, 3))
                key = (toks[i].start, toks[j - 1].end, rng.choice(labels))
                project.add_span(aid, who, key[2], key[0], key[1])
                keys.append(key)
            if is_done[who]:
                project.set_status(aid, who, Status.DONE)
            per_token[who] = token_labels(tokenize(text), keys)
        if sum(is_done.values()) >= 2:
            for i in range(len(tokenize(text))):
                expected_columns.append([per_token[w][i] if is_done[w] else None for w in names])
    rep = compute_agreement(project)
    assert rep.alpha_tokens == len(expected_columns)
    assert rep.alpha is not None and not math.isnan(rep.alpha)
    assert rep.alpha == pytest.approx(_package_alpha(expected_columns), abs=1e-9)


# -- the edges of partial matching and confusion (each pins one rule of the docstring) ------


def test_partial_tie_on_overlap_goes_to_the_closer_edges_then_to_the_earlier_position() -> None:
    """Pins the tie-breaks: equal overlap -> smaller summed edge distance -> earlier start."""
    # (2, 6) overlaps (2, 7) and (0, 6) by 4; (2, 7) is 1 away at the edges, (0, 6) is 2.
    assert partial_pairs([(2, 6, "ORG")], [(0, 6, "ORG"), (2, 7, "ORG")]) == [(0, 1)]
    assert partial_pairs([(0, 6, "ORG"), (2, 7, "ORG")], [(2, 6, "ORG")]) == [(1, 0)]
    # overlap 2 and distance 2 both ways: the pair that starts first is taken
    assert partial_pairs([(4, 6, "ORG")], [(4, 8, "ORG"), (2, 6, "ORG")]) == [(0, 1)]
    # the longest overlap comes before any distance
    assert partial_pairs([(0, 10, "ORG")], [(0, 3, "ORG"), (1, 9, "ORG")]) == [(0, 1)]


def test_touching_spans_do_not_overlap() -> None:
    """Pins overlap as sharing a character: (0, 4) and (4, 8) only touch, so they never pair."""
    assert partial_pairs([(0, 4, "PERS")], [(4, 8, "PERS")]) == []
    assert partial_pairs([(4, 8, "PERS")], [(0, 4, "PERS")]) == []
    assert partial_pairs([(0, 5, "PERS")], [(4, 8, "PERS")]) == [(0, 0)]


def test_partial_matching_is_one_to_one_on_both_sides(project: Store) -> None:
    """Pins one-to-one pairing: one long span of b pairs with one of a's two, never both.

    Otherwise partial F1 would be 2 * 2 / (2 + 1) = 1.33, more than perfect.
    """
    assert partial_pairs([(0, 4, "PERS"), (5, 9, "PERS")], [(0, 9, "PERS")]) == [(0, 0)]
    assert partial_pairs([(0, 9, "PERS")], [(0, 4, "PERS"), (5, 9, "PERS")]) == [(0, 0)]
    aid = add_article(project, "a1")
    person = at(TEXT, "أحمد حسن")
    project.add_span(aid, "alice", "PERS", person[0], person[0] + 4)
    project.add_span(aid, "alice", "PERS", person[0] + 5, person[1])
    project.add_span(aid, "bob", "PERS", *person)
    pair = compute_agreement(project, annotators=["alice", "bob"], all_articles=True).pairs[0]
    figures = pair.micro.figures()
    assert figures["partial_f1"] == pytest.approx(2 * 1 / 3)
    assert figures["f1"] == 0.0


def test_matched_spans_are_never_confusion(project: Store) -> None:
    """Pins confusion as counting only spans the matching left unmatched.

    Both annotators tag an ORG with a PERS nested in it (exactly, then off by one): the
    ORG of one overlaps the PERS of the other, but both pairs are agreement, not confusion.
    """
    aid = add_article(project, "a1")
    org = at(TEXT, "بوزير الخارجية")
    pers = at(TEXT, "الخارجية")
    for name, shift in (("alice", 0), ("bob", 0), ("carol", 1)):
        project.add_span(aid, name, "ORG", org[0], org[1] - shift)
        project.add_span(aid, name, "PERS", pers[0], pers[1] - shift)
    report = compute_agreement(project, annotators=["alice", "bob", "carol"], all_articles=True)
    assert report.confusion == {}
    assert all(sum(p.confusion.values()) == 0 for p in report.pairs)
    # an unmatched PERS inside the other's ORG is confusion, on both sides of the table
    other = add_article(project, "a2", TEXT + " ")
    project.add_span(other, "dave", "PERS", *org)
    project.add_span(other, "eve", "ORG", *org)
    report = compute_agreement(project, annotators=["dave", "eve"], all_articles=True)
    assert report.confusion == {"ORG": {"PERS": 1}, "PERS": {"ORG": 1}}


def test_the_whole_report_of_a_small_project_by_hand(project: Store) -> None:
    """Every figure of ``to_dict`` (what ``annotator agreement --json`` prints) on three
    articles both marked done, counted by hand; a fourth only alice finished is left out.

    PERS: both tag "أحمد حسن" in a1 and a2 (2 exact). GPE/LOC: "القاهرة" is GPE for alice in
    a1-a3, for bob GPE in a1 and LOC in a2 and a3 (1 exact, 2 confusions).
    """
    ids = [add_article(project, f"a{i}") for i in (1, 2, 3, 4)]
    for aid in ids[:2]:
        tag(project, aid, "alice", "PERS", "أحمد حسن")
        tag(project, aid, "bob", "PERS", "أحمد حسن")
    for aid in ids[:3]:
        tag(project, aid, "alice", "GPE", "القاهرة")
        tag(project, aid, "bob", "GPE" if aid == ids[0] else "LOC", "القاهرة")
    tag(project, ids[3], "alice", "PERS", "أحمد")
    seen: list[tuple[int, int | None]] = []
    report = compute_agreement(
        project, labels=["PERS", "GPE", "LOC"], progress=lambda d, t: seen.append((d, t))
    )
    assert seen == [(4, 4)]  # articles looked at, of all; three were compared
    tokens = 3 * len(tokenize(TEXT))
    pair = report.pairs[0]
    data = report.to_dict()
    kappa = cohen_kappa(pair.tokens)
    assert kappa is not None and 0 < kappa < 1
    assert data["annotators"] == ["alice", "bob"] and data["labels"] == ["PERS", "GPE", "LOC"]
    assert data["all_articles"] is False
    assert data["alpha"] == {"value": report.alpha, "articles": 3, "tokens": tokens}
    assert report.alpha is not None and 0 < report.alpha < 1

    def figures(p: float | None, r: float | None, f: float, a: int, b: int) -> dict:
        return {"precision": p, "recall": r, "f1": f, "partial_f1": f, "spans_a": a,
                "spans_b": b}  # fmt: skip

    assert data["pairs"] == [
        {
            "a": "alice",
            "b": "bob",
            "articles": 3,
            "tokens": tokens,
            "micro": figures(0.6, 0.6, 0.6, 5, 5),
            "per_label": {
                "GPE": figures(1 / 3, 1.0, 0.5, 3, 1),
                "LOC": figures(None, 0.0, 0.0, 0, 2),
                "PERS": figures(1.0, 1.0, 1.0, 2, 2),
            },
            "kappa": kappa,
        }
    ]
    assert data["overall"] == {
        "precision": 0.6,
        "recall": 0.6,
        "f1": 0.6,
        "partial_f1": 0.6,
        "kappa": kappa,
        "alpha": report.alpha,
        "per_label_f1": {"PERS": 1.0, "GPE": 0.5, "LOC": 0.0},
    }
    assert data["f1_matrix"] == {"alice": {"alice": 1.0, "bob": 0.6},
                                 "bob": {"alice": 0.6, "bob": 1.0}}  # fmt: skip
    assert data["confusion"] == {"GPE": {"LOC": 2}, "LOC": {"GPE": 2}}
    assert pair.tokens[("O", "O")] == tokens - 7  # 3 tokens tagged in a1 and in a2, 1 in a3
    with pytest.raises(KeyError) as err:
        report.pair("alice", "carol")
    assert err.value.args == (("alice", "carol"),)


def test_counts_add_up_within_one_article() -> None:
    """Two partial pairs and two confusions of the same labels in one article count two
    each; touching spans of different labels are no confusion."""
    pair = PairAgreement("a", "b")
    a = [(0, 4, "PERS"), (10, 14, "PERS"), (20, 24, "GPE"), (30, 34, "GPE"), (40, 44, "GPE"),
         (54, 58, "GPE")]  # fmt: skip
    b = [(0, 5, "PERS"), (10, 15, "PERS"), (20, 24, "LOC"), (30, 34, "LOC"), (44, 48, "LOC"),
         (50, 54, "LOC")]  # fmt: skip
    compare_pair(pair, a, b)
    assert pair.per_label["PERS"] == SpanCounts(a=2, b=2, exact=0, partial=2)
    assert pair.confusion == {("GPE", "LOC"): 2}
    compare_pair(pair, [(0, 4, "PERS")] * 1 + [(6, 9, "PERS")], [(0, 4, "PERS"), (6, 9, "PERS")])
    assert pair.per_label["PERS"] == SpanCounts(a=4, b=4, exact=2, partial=4)


def test_the_edge_distance_compares_ends_with_ends() -> None:
    """(2, 6) overlaps (0, 4) and (4, 7) by 2; the edges of (4, 7) are 3 away, of (0, 4) 4."""
    assert partial_pairs([(2, 6, "ORG")], [(0, 4, "ORG"), (4, 7, "ORG")]) == [(0, 1)]


def test_the_innermost_span_wins_whatever_the_order_of_starts_and_names() -> None:
    """Pins "innermost" as the shortest span: not the latest start, the largest offsets, or
    the label's name; on equal length the first name wins."""
    toks = tokenize(TEXT)
    org = at(TEXT, "بوزير الخارجية")
    pers = at(TEXT, "الخارجية")  # inside the ORG, ending where it ends
    labels = token_labels(toks, [(*org, "ORG"), (*pers, "PERS")])
    assert labels[3:5] == ["ORG", "PERS"]
    labels = token_labels(toks, [(*pers, "ZONE"), (*pers, "AREA")])
    assert labels[4] == "AREA"


def test_degenerate_figures() -> None:
    """No disagreement possible: alpha 1.0; one annotator or none: article agreement 1.0."""
    assert krippendorff_alpha({("O", "O"): 5}) == 1.0
    assert krippendorff_alpha({("O",): 5}) is None
    assert article_agreement({}) == 1.0 and article_agreement({"a": []}) == 1.0
    assert article_agreement({"a": [], "b": []}) == 1.0


def test_every_unknown_name_is_listed(project: Store) -> None:
    aid = add_article(project, "a1")
    tag(project, aid, "salma", "PERS", "أحمد")
    tag(project, aid, "omar", "PERS", "أحمد")
    with pytest.raises(ValidationError, match="no annotator named zaid, huda$"):
        compute_agreement(project, annotators=["salma", "zaid", "huda"])


def test_the_corpus_is_read_a_page_at_a_time_with_the_same_figures(
    project: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A million articles are read a page of ids at a time (with their done marks); page
    edges change no figure, and progress counts the articles looked at."""
    import annotator.core.team.agreement as agreement

    ids = [add_article(project, f"p{i}") for i in range(5)]
    for k, aid in enumerate(ids):
        tag(project, aid, "alice", "PERS", "أحمد حسن")
        tag(project, aid, "bob", "PERS" if k % 2 else "ORG", "أحمد حسن")
    project.set_status(ids[2], "bob", "todo")  # only alice finished the middle one
    whole = compute_agreement(project).to_dict()
    assert whole["alpha"]["articles"] == 4
    monkeypatch.setattr(agreement, "PAGE", 2)
    seen: list[tuple[int, int | None]] = []
    paged = compute_agreement(project, progress=lambda d, t: seen.append((d, t)))
    assert paged.to_dict() == whole
    assert seen == [(2, 5), (4, 5), (5, 5)]
    everyone = compute_agreement(project, all_articles=True).to_dict()
    monkeypatch.setattr(agreement, "PAGE", 5_000)
    assert compute_agreement(project, all_articles=True).to_dict() == everyone
    assert everyone["alpha"]["articles"] == 5


def test_only_articles_two_chosen_annotators_finished_are_compared(project: Store) -> None:
    """carol is not chosen: an article only alice and carol finished is not compared (one
    chosen annotator is no pair), and her work never counts."""
    both, with_carol = add_article(project, "b"), add_article(project, "c")
    for who in ("alice", "bob", "carol"):
        tag(project, both, who, "PERS", "أحمد حسن")
    tag(project, with_carol, "alice", "PERS", "أحمد حسن")
    tag(project, with_carol, "carol", "ORG", "أحمد حسن")
    report = compute_agreement(project, annotators=["alice", "bob"])
    assert report.alpha_articles == 1
    assert [(p.a, p.b, p.articles) for p in report.pairs] == [("alice", "bob", 1)]
