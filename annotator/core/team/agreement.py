"""How far annotators agree: span F1 (exact and partial), token kappa and Krippendorff's alpha.

The definitions are fixed here so that every number can be recomputed by hand:

* Articles. A pair (a, b) is compared on the articles that both marked done; with
  ``all_articles`` on every article. Alpha uses the articles at least two of the annotators
  marked done; an annotator who did not mark an article done gives a missing value there.
* Exact match: same start, end and label. Precision = matched / a's spans, recall =
  matched / b's spans, F1 = 2 * matched / (a's spans + b's spans); per label and
  micro-averaged (all labels pooled). With no span on either side F1 is undefined (None).
* Partial match: spans with the same label that overlap, paired one to one, greedily:
  candidate pairs sorted by overlap length (longest first), then by the summed distance of
  their edges (smallest first), then by position; a pair is taken when neither of its spans
  is taken yet. Partial F1 = 2 * pairs / (a's spans + b's spans).
* Tokens are those of ``annotator.core.text.tokens.tokenize`` (found by the equal, faster
  ``token_scan.token_bounds``). A token's label for an annotator is
  the label of the innermost (shortest; on a tie the first label by name) of that
  annotator's spans that overlaps the token, or ``"O"``.
* Cohen's kappa per pair on those token labels; Krippendorff's alpha (nominal) over all the
  annotators. When every token carries one and the same label for everyone there is no
  disagreement to measure: kappa and alpha are then 1.0. No token at all: None.
* Overall figures are the mean over pairs of the defined pair figures.
* Confusion: pairs of overlapping spans of two annotators whose labels differ, counting only
  spans the partial matching left unmatched (a nested PERS inside an ORG that both tagged
  is agreement, not confusion). The table is symmetric: table[x][y] == table[y][x].
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations, repeat
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.model import AnnotatorKind
from annotator.core.paging import done_pages, id_pages
from annotator.core.store import Store
from annotator.core.text.token_scan import token_bounds
from annotator.core.text.tokens import Token

OUTSIDE = "O"
BATCH = 500
#: Article ids read at a time to find those at least two annotators marked done.
PAGE = 5_000

Key = tuple[int, int, str]


# -- plain measures ------------------------------------------------------------------


def f1(matched: int, a: int, b: int) -> float | None:
    return 2 * matched / (a + b) if a + b else None


def ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def partial_pairs(a: Sequence[Key], b: Sequence[Key]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of overlapping same-label spans (indices into a and b)."""
    cands: list[tuple[int, int, int, int, int]] = []
    for i, (sa, ea, la) in enumerate(a):
        for j, (sb, eb, lb) in enumerate(b):
            if la == lb and sa < eb and sb < ea:
                overlap = min(ea, eb) - max(sa, sb)
                cands.append((-overlap, abs(sa - sb) + abs(ea - eb), min(sa, sb), i, j))
    cands.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    out: list[tuple[int, int]] = []
    for *_rank, i, j in cands:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append((i, j))
    return out


def covered_labels(
    starts: Sequence[int], ends: Sequence[int], spans: Iterable[Key]
) -> dict[int, str]:
    """Token index -> label, for the tokens some span overlaps (the innermost span wins).

    Every other token is ``"O"``; keeping only these lets a 10,000-article corpus, where
    most tokens are outside every span, be counted without a Python step per token.
    """
    labels: dict[int, str] = {}
    # Widest first, so narrower spans overwrite; on equal length the first name wins.
    for s, e, lab in sorted(spans, key=lambda k: (k[1] - k[0], k[2]), reverse=True):
        for i in range(bisect_right(ends, s), bisect_left(starts, e)):
            labels[i] = lab
    return labels


def token_labels(tokens: Sequence[Token], spans: Iterable[Key]) -> list[str]:
    """Each token's label: the innermost overlapping span's, else ``"O"``."""
    found = covered_labels([t.start for t in tokens], [t.end for t in tokens], spans)
    return [found.get(i, OUTSIDE) for i in range(len(tokens))]


def cohen_kappa(pairs: Mapping[tuple[str, str], int]) -> float | None:
    """Cohen's kappa from counts of (label by a, label by b)."""
    n = sum(pairs.values())
    if not n:
        return None
    pa: Counter[str] = Counter()
    pb: Counter[str] = Counter()
    agree = 0
    for (x, y), c in pairs.items():
        pa[x] += c
        pb[y] += c
        if x == y:
            agree += c
    po = agree / n
    pe = sum(pa[c] * pb[c] for c in pa) / (n * n)
    if pe >= 1.0:
        return 1.0  # one label everywhere for both: nothing to disagree on
    return (po - pe) / (1 - pe)


def krippendorff_alpha(units: Mapping[tuple[str, ...], int]) -> float | None:
    """Nominal alpha from counts of units, each given as the tuple of its present values.

    Uses the coincidence form: alpha = 1 - (n - 1) * sum_u (m_u^2 - sum_c n_uc^2) / (m_u - 1)
    / (n^2 - sum_c n_c^2), over units with at least two values.
    """
    n_c: Counter[str] = Counter()
    observed = 0.0
    for values, count in units.items():
        m = len(values)
        if m < 2:
            continue
        per_value = Counter(values)
        observed += count * (m * m - sum(v * v for v in per_value.values())) / (m - 1)
        for c, v in per_value.items():
            n_c[c] += count * v
    n = sum(n_c.values())
    if not n:
        return None
    expected = n * n - sum(v * v for v in n_c.values())
    if expected == 0:
        return 1.0
    return 1 - (n - 1) * observed / expected


# -- accumulated results -------------------------------------------------------------


@dataclass
class SpanCounts:
    """Span counts of one pair for one label (or all labels pooled)."""

    a: int = 0
    b: int = 0
    exact: int = 0
    partial: int = 0

    def add(self, other: SpanCounts) -> None:
        self.a += other.a
        self.b += other.b
        self.exact += other.exact
        self.partial += other.partial

    def figures(self) -> dict[str, Any]:
        return {
            "precision": ratio(self.exact, self.a),
            "recall": ratio(self.exact, self.b),
            "f1": f1(self.exact, self.a, self.b),
            "partial_f1": f1(self.partial, self.a, self.b),
            "spans_a": self.a,
            "spans_b": self.b,
        }


@dataclass
class PairAgreement:
    a: str
    b: str
    articles: int = 0
    per_label: dict[str, SpanCounts] = field(default_factory=dict)
    tokens: Counter[tuple[str, str]] = field(default_factory=Counter)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def micro(self) -> SpanCounts:
        total = SpanCounts()
        for counts in self.per_label.values():
            total.add(counts)
        return total

    @property
    def kappa(self) -> float | None:
        return cohen_kappa(self.tokens)

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "articles": self.articles,
            "tokens": sum(self.tokens.values()),
            "micro": self.micro.figures(),
            "per_label": {k: v.figures() for k, v in sorted(self.per_label.items())},
            "kappa": self.kappa,
        }


def _mean(values: Iterable[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None


@dataclass
class AgreementReport:
    annotators: list[str]
    labels: list[str]
    all_articles: bool
    pairs: list[PairAgreement]
    alpha: float | None
    alpha_articles: int
    alpha_tokens: int

    def pair(self, a: str, b: str) -> PairAgreement:
        for p in self.pairs:
            if {p.a, p.b} == {a, b}:
                return p
        raise KeyError((a, b))

    @property
    def confusion(self) -> dict[str, dict[str, int]]:
        table: dict[str, dict[str, int]] = {}
        for p in self.pairs:
            for (x, y), n in p.confusion.items():
                table.setdefault(x, {}).setdefault(y, 0)
                table.setdefault(y, {}).setdefault(x, 0)
                table[x][y] += n
                table[y][x] += n
        return {x: dict(sorted(row.items())) for x, row in sorted(table.items())}

    def f1_matrix(self) -> dict[str, dict[str, float | None]]:
        """Annotator x annotator exact micro F1 (1.0 on the diagonal)."""
        m: dict[str, dict[str, float | None]] = {
            a: {b: (1.0 if a == b else None) for b in self.annotators} for a in self.annotators
        }
        for p in self.pairs:
            m[p.a][p.b] = m[p.b][p.a] = p.micro.figures()["f1"]
        return m

    @property
    def overall(self) -> dict[str, Any]:
        figs = [p.micro.figures() for p in self.pairs]
        per_label = {
            lab: _mean(p.per_label[lab].figures()["f1"] for p in self.pairs if lab in p.per_label)
            for lab in self.labels
        }
        return {
            "precision": _mean(f["precision"] for f in figs),
            "recall": _mean(f["recall"] for f in figs),
            "f1": _mean(f["f1"] for f in figs),
            "partial_f1": _mean(f["partial_f1"] for f in figs),
            "kappa": _mean(p.kappa for p in self.pairs),
            "alpha": self.alpha,
            "per_label_f1": per_label,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "annotators": self.annotators,
            "labels": self.labels,
            "all_articles": self.all_articles,
            "overall": self.overall,
            "alpha": {
                "value": self.alpha,
                "articles": self.alpha_articles,
                "tokens": self.alpha_tokens,
            },
            "pairs": [p.to_dict() for p in self.pairs],
            "f1_matrix": self.f1_matrix(),
            "confusion": self.confusion,
        }


# -- one article ---------------------------------------------------------------------


def compare_pair(pair: PairAgreement, a: Sequence[Key], b: Sequence[Key]) -> None:
    """Add one article's spans of the pair to its span counts and confusion."""
    for key in a:
        pair.per_label.setdefault(key[2], SpanCounts()).a += 1
    for key in b:
        pair.per_label.setdefault(key[2], SpanCounts()).b += 1
    same = set(a) & set(b)
    for key in same:
        counts = pair.per_label[key[2]]
        counts.exact += 1
        counts.partial += 1  # the greedy matching always pairs identical spans first
    rest_a = [k for k in a if k not in same]
    rest_b = [k for k in b if k not in same]
    matched = partial_pairs(rest_a, rest_b)
    for i, _j in matched:
        pair.per_label[rest_a[i][2]].partial += 1
    left_a = set(range(len(rest_a))) - {i for i, _ in matched}
    left_b = set(range(len(rest_b))) - {j for _, j in matched}
    for i in left_a:
        sa, ea, la = rest_a[i]
        for j in left_b:
            sb, eb, lb = rest_b[j]
            if la != lb and sa < eb and sb < ea:
                pair.confusion[(la, lb)] += 1


def article_agreement(spans: Mapping[str, Sequence[Key]]) -> float:
    """Mean pairwise exact F1 of one article's annotators (1.0 when all are empty)."""
    scores = []
    for x, y in combinations(sorted(spans), 2):
        a, b = set(spans[x]), set(spans[y])
        scores.append(f1(len(a & b), len(a), len(b)))
    defined = [s if s is not None else 1.0 for s in scores]
    return sum(defined) / len(defined) if defined else 1.0


# -- the whole project ---------------------------------------------------------------


def human_annotators(store: Store) -> list[str]:
    return [n for n, k in store.annotator_kinds().items() if k == AnnotatorKind.HUMAN]


def _named(store: Store, given: Sequence[str], known: Collection[str], what: str) -> list[str]:
    """The given names once each, in order; one not in ``known`` is refused."""
    chosen = list(dict.fromkeys(given))
    unknown = [n for n in chosen if n not in known]
    if unknown:
        raise ValidationError(f"{store.location}: no {what} named {', '.join(unknown)}")
    return chosen


def resolve_selection(
    store: Store, annotators: Sequence[str] | None, labels: Sequence[str] | None
) -> tuple[list[str], list[str]]:
    known = store.annotator_kinds()
    if annotators:
        names = _named(store, annotators, known, "annotator")
    else:
        names = [n for n, k in known.items() if k == AnnotatorKind.HUMAN]
    if len(names) < 2:
        have = ", ".join(names) or "none"
        raise ValidationError(f"{store.location}: agreement needs two annotators (found: {have})")
    all_labels = [lab.name for lab in store.labels()]
    chosen = _named(store, labels, all_labels, "label") if labels else all_labels
    return names, chosen


def _compare_articles(
    store: Store,
    ids: Sequence[int],
    names: Sequence[str],
    label_set: set[str],
    who_of: Mapping[int, set[str]],
    all_articles: bool,
    pairs: dict[tuple[str, str], PairAgreement],
    units: Counter[tuple[str, ...]],
) -> None:
    """Add the articles ``ids`` to every pair's counts and to alpha's units, ``BATCH`` at a
    time (their spans and texts are read per batch)."""
    everyone = set(names)
    for k in range(0, len(ids), BATCH):
        chunk = ids[k : k + BATCH]
        rows: dict[int, dict[str, list[Key]]] = {}
        for aid, name, label, start, end in store.span_rows(chunk, names):
            if label in label_set:
                rows.setdefault(aid, {}).setdefault(name, []).append((start, end, label))
        for art in store.iter_articles(chunk):
            who = [n for n in names if n in (everyone if all_articles else who_of[art.id])]
            mine = rows.get(art.id, {})
            keys = {n: sorted(mine.get(n, ())) for n in who}
            starts, ends = token_bounds(art.text)
            tags = {n: covered_labels(starts, ends, keys[n]) for n in who}
            covered = sorted(set().union(*tags.values()))
            outside = len(starts) - len(covered)  # tokens every annotator left as "O"
            column = {n: list(map(tags[n].get, covered, repeat(OUTSIDE))) for n in who}
            for a, b in combinations(who, 2):
                pair = pairs[(a, b)]
                pair.articles += 1
                compare_pair(pair, keys[a], keys[b])
                pair.tokens.update(zip(column[a], column[b], strict=True))
                if outside:
                    pair.tokens[(OUTSIDE, OUTSIDE)] += outside
            for values, count in Counter(zip(*(column[n] for n in who), strict=True)).items():
                units[tuple(sorted(values))] += count
            if outside:
                units[(OUTSIDE,) * len(who)] += outside


def compute_agreement(
    store: Store,
    *,
    annotators: Sequence[str] | None = None,
    labels: Sequence[str] | None = None,
    all_articles: bool = False,
    progress: Callable[[int, int | None], None] | None = None,
) -> AgreementReport:
    """Every figure of the module docstring, streaming the corpus in batches."""
    names, chosen = resolve_selection(store, annotators, labels)
    label_set = set(chosen)
    pairs = {(a, b): PairAgreement(a, b) for a, b in combinations(names, 2)}
    units: Counter[tuple[str, ...]] = Counter()
    alpha_articles = 0

    total = store.article_count()
    scanned = 0
    pages = (
        ((page, {}) for page in id_pages(store, PAGE))
        if all_articles
        else done_pages(store, names, PAGE)
    )
    for page, who_of in pages:
        scanned += len(page)
        ids = page if all_articles else [i for i in page if len(who_of.get(i, ())) >= 2]
        _compare_articles(store, ids, names, label_set, who_of, all_articles, pairs, units)
        alpha_articles += len(ids)
        if progress is not None:
            progress(scanned, total)

    return AgreementReport(
        annotators=names,
        labels=chosen,
        all_articles=all_articles,
        pairs=list(pairs.values()),
        alpha=krippendorff_alpha(units),
        alpha_articles=alpha_articles,
        alpha_tokens=sum(units.values()),
    )
