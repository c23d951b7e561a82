"""The built-in tagger: a linear-chain CRF (python-crfsuite) per nesting layer.

Nested entities are learned as layers (``core/formats/tagging.layers``: layer 0 holds the
outermost spans, layer 1 the spans inside them...), each an IOB2 sequence labelling task
with its own model. An inner layer's model also sees the tag one layer out (the gold tag
when training, its own prediction when tagging), which is what tells it that "القومية" is
inside an ORG inside an OCC.

A trained model is bytes (a zip of one crfsuite file per layer, the lexicon and a small
JSON header), so the store keeps it like any value and a worker process loads it without
touching the project.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycrfsuite

from annotator.core.formats.tagging import layers
from annotator.core.tagger.features import FeatureCache, Lexicon, Line, sequences, with_outer_tags
from annotator.core.tagger.interface import ScoredSpan, Tagged

FORMAT = "annotator-crf/1"
MAX_LAYERS = 3
#: Training parameters (L-BFGS with elastic-net regularization); chosen on the Wojood
#: sample's validation file (docs/model.md).
PARAMS: dict[str, Any] = {
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 100,
    "feature.possible_transitions": True,
}
Progress = Callable[[int, int], None]
SpanTuple = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class Example:
    """One article to learn from: its text and its spans (code points, any nesting)."""

    text: str
    spans: list[SpanTuple]


def line_tags(line: Line, spans: Sequence[SpanTuple]) -> list[str]:
    """IOB2 tags of a line's tokens for non-overlapping spans (a token touched is in)."""
    tags = ["O"] * len(line.starts)
    if not tags:
        return tags
    lo, hi = line.starts[0], line.ends[-1]
    for start, end, label in spans:
        if end <= lo or start >= hi:
            continue
        i = bisect_right(line.ends, start)
        j = bisect_left(line.starts, end)
        if i < j:
            tags[i] = "B-" + label
            for k in range(i + 1, j):
                tags[k] = "I-" + label
    return tags


def bio_entities(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """(label, first, last) of IOB2 tags as the CRF writes them (B-, I-, O only).

    The same chunks as ``evaluation.entities`` for such tags (an I- after O or after
    another label starts a chunk), a few times faster: tagging a corpus calls it per line
    and layer, and most tags are O.
    """
    out: list[tuple[str, int, int]] = []
    label = ""
    first = -1
    for i, tag in enumerate(tags):
        if tag == "O":
            if first >= 0:
                out.append((label, first, i - 1))
                first = -1
            continue
        kind, name = tag[0], tag[2:]
        if first >= 0 and (kind == "B" or name != label):
            out.append((label, first, i - 1))
            first = -1
        if first < 0:
            label, first = name, i
    if first >= 0:
        out.append((label, first, len(tags) - 1))
    return out


def windows(outer: Sequence[str]) -> list[tuple[int, int]]:
    """Token ranges an inner layer is tagged in: each entity one layer out, one token of
    context either side. Layers are built so that an inner span overlaps a span one layer
    out, so tagging the rest of the line could only find nothing."""
    n = len(outer)
    return [(max(0, i - 1), min(n, j + 2)) for _, i, j in bio_entities(outer)]


def layer_tags(text: str, spans: Sequence[SpanTuple], depth: int) -> list[list[list[str]]]:
    """For each line of the text, ``depth`` tag sequences (layer 0 first)."""
    layered = layers(spans)
    layered += [[] for _ in range(depth - len(layered))]
    return [[line_tags(line, layered[k]) for k in range(depth)] for line in sequences(text)]


class _Trainer(pycrfsuite.Trainer):  # type: ignore[misc]
    """A trainer that reports each L-BFGS iteration instead of printing it."""

    on_step: Callable[[int], None] | None = None

    def message(self, message: str) -> None:
        # The base class dispatches events only when verbose (and then prints them).
        event = self.logparser.feed(message)
        if event == "iteration" and self.on_step is not None:
            self.on_step(int(self.logparser.last_iteration.get("num", 0)))


class CrfTagger:
    """A trained CRF: tags text, and is bytes for the store."""

    def __init__(self, models: list[bytes], lexicon: Lexicon, labels: list[str]) -> None:
        self.models = models
        self.lexicon = {w: frozenset(ls) for w, ls in lexicon.items()}
        self.labels = labels
        self._taggers: list[pycrfsuite.Tagger] = []
        used: set[str] = set()
        for blob in models:
            t = pycrfsuite.Tagger()
            t.open_inmemory(blob)
            self._taggers.append(t)
            used.update(attr for attr, _label in t.info().state_features)
        self._cache = FeatureCache(self.lexicon, keep=used)

    @property
    def depth(self) -> int:
        return len(self.models)

    # -- bytes ---------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            header = {"format": FORMAT, "labels": self.labels, "layers": len(self.models)}
            z.writestr("header.json", json.dumps(header))
            lex = {w: sorted(ls) for w, ls in sorted(self.lexicon.items())}
            z.writestr("lexicon.json", json.dumps(lex, ensure_ascii=False))
            for k, blob in enumerate(self.models):
                z.writestr(f"layer{k}.crfsuite", blob)
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, blob: bytes) -> CrfTagger:
        with zipfile.ZipFile(io.BytesIO(blob)) as z:
            header = json.loads(z.read("header.json"))
            if header.get("format") != FORMAT:
                raise ValueError(f"not a model this version reads ({header.get('format')!r})")
            lex = json.loads(z.read("lexicon.json"))
            models = [z.read(f"layer{k}.crfsuite") for k in range(int(header["layers"]))]
        return cls(models, {w: frozenset(ls) for w, ls in lex.items()}, list(header["labels"]))

    # -- tagging -------------------------------------------------------------------

    def line_tags(self, words: Sequence[str]) -> tuple[list[list[str]], list[float]]:
        """Tags of one line per layer, and each token's marginal for its outer tag.

        Inner layers are tagged only inside the windows of the layer out (``windows``).
        """
        feats = self._cache.features(words)
        tagger = self._taggers[0]
        tagger.set(feats)
        tags = tagger.tag()
        marginal = tagger.marginal
        probs = [marginal(t, i) for i, t in enumerate(tags)]
        out = [tags]
        for inner in self._taggers[1:]:
            outer = out[-1]
            layer = ["O"] * len(outer)
            for a, b in windows(outer):
                inner.set(with_outer_tags(feats[a:b], outer[a:b]))
                layer[a:b] = inner.tag()
            out.append(layer)
        return out, probs

    def tag(self, text: str) -> Tagged:
        spans: list[ScoredSpan] = []
        confidence = 1.0
        for line in sequences(text):
            per_layer, probs = self.line_tags(line.words)
            if probs:
                confidence = min(confidence, min(probs))
            for k, tags in enumerate(per_layer):
                for label, i, j in bio_entities(tags):
                    score = sum(probs[i : j + 1]) / (j + 1 - i) if k == 0 else 1.0
                    spans.append(ScoredSpan(line.starts[i], line.ends[j], label, score))
        spans.sort(key=lambda s: (s.start, -s.end, s.label))
        return Tagged(spans, confidence)


def _depth(examples: Sequence[Example]) -> int:
    deepest = max((len(layers(ex.spans)) for ex in examples), default=0)
    return max(1, min(MAX_LAYERS, deepest))


def jackknife_lexicons(
    examples: Sequence[Example], build: Callable[[Sequence[Example]], Lexicon]
) -> list[Lexicon]:
    """For each example, a lexicon built from the other half of the examples.

    Training on features from a lexicon made of the very spans being learned would teach
    the model that "in the lexicon" means "an entity", always; at tagging time most new
    names are not in it. Two halves, each described by the other's lexicon, show it the
    lexicon as it will be: helpful, incomplete.
    """
    halves = [examples[0::2], examples[1::2]]
    lex = [build(halves[1]), build(halves[0])]
    return [lex[i % 2] for i in range(len(examples))]


def train(
    examples: Sequence[Example],
    labels: Sequence[str],
    lexicon_of: Callable[[Sequence[Example]], Lexicon],
    progress: Progress | None = None,
    params: dict[str, Any] | None = None,
) -> CrfTagger:
    """Train one CRF per nesting layer on the examples."""
    depth = _depth(examples)
    options = {**PARAMS, **(params or {})}
    total = depth * int(options["max_iterations"])
    lexicons = jackknife_lexicons(examples, lexicon_of)
    caches: dict[int, FeatureCache] = {}
    data: list[tuple[list[list[str]], list[list[str]]]] = []  # (features, tags per layer)
    for ex, lex in zip(examples, lexicons, strict=True):
        cache = caches.setdefault(id(lex), FeatureCache(lex))
        tags = layer_tags(ex.text, ex.spans, depth)
        for line, line_layers in zip(sequences(ex.text), tags, strict=True):
            data.append((cache.features(line.words), line_layers))
    models: list[bytes] = []
    with tempfile.TemporaryDirectory(prefix="annotator-crf-") as tmp:
        for k in range(depth):
            trainer = _Trainer(verbose=False)
            trainer.set_params(options)
            base = k * int(options["max_iterations"])
            if progress is not None:
                trainer.on_step = lambda n, base=base: progress(min(base + n, total), total)
            for feats, line_layers in data:
                if k == 0:
                    trainer.append(feats, line_layers[0])
                    continue
                outer = line_layers[k - 1]
                for a, b in windows(outer):
                    trainer.append(with_outer_tags(feats[a:b], outer[a:b]), line_layers[k][a:b])
            path = Path(tmp) / f"layer{k}.crfsuite"
            trainer.train(str(path))
            models.append(path.read_bytes())
    if progress is not None:
        progress(total, total)
    return CrfTagger(models, lexicon_of(examples), list(labels))
