"""A deterministic synthetic corpus for the benchmarks, built from the project's real Arabic.

Words come from the seed article and the Wojood sample in tests/data; entity phrases (with
their nested inner entities) come from Wojood's gold annotations, so span texts and labels
look like real news NER. Every article is about 3,000 characters with a few emoji and
Latin runs, about 10 entities, and three annotators who mostly agree (each drops, relabels
or shifts a few spans), so agreement has something to measure.

Same seed and N give the same corpus, byte for byte; the first K articles of a corpus of N
are the corpus of K. Generated files are cached under ``benchmarks/.cache`` (gitignored)
because a 100,000-article corpus is several hundred megabytes.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib
import json
import os
import random
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SEED_ARTICLE = DATA / "seed_article.txt"
WOJOOD = DATA / "wojood" / "test.txt"
CACHE = Path(os.environ.get("ANNOTATOR_BENCH_CACHE", Path(__file__).parent / ".cache"))

#: Bump when the generator's output changes, so stale caches are not reused.
GENERATOR_VERSION = 1
DEFAULT_SEED = 7
ANNOTATORS = ("ann1", "ann2", "ann3")
ARTICLE_CHARS = 3_000
ENTITIES_PER_ARTICLE = 9  # plus nested inner ones: about 10 spans per annotator
LONG_CHARS = 200_000
LONG_SPANS = 2_000
LONG_EXT_ID = "long-article"

# Labels of the default set (annotator/data/default_labels.json) that Wojood also uses.
_LABELS = {"PERS", "OCC", "ORG", "EVENT", "GPE", "LOC", "DATE"}
_EMOJI = ("📢", "🔥", "👍🏽", "🇪🇬", "👨‍👩‍👧", "✅")
_LATIN = ("UNODC", "Vienna", "WhatsApp +20 100 244 0441", "COVID-19", "Reuters", "UN Women")
_ARABIC_WORD = regex.compile(r"[\p{Arabic}]+")

SpanT = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class Entity:
    """An entity phrase and its nested inner entities (offsets relative to the phrase)."""

    text: str
    label: str
    inner: tuple[SpanT, ...] = ()


@dataclass(slots=True)
class GenArticle:
    ext_id: str
    title: str
    text: str
    #: The reference entities (what the JSONL pre-annotations carry).
    spans: list[SpanT]
    #: Each annotator's version of them.
    by_annotator: dict[str, list[SpanT]] = field(default_factory=dict)

    def jsonl(self) -> str:
        return json.dumps(
            {
                "id": self.ext_id,
                "title": self.title,
                "text": self.text,
                "spans": [{"start": s, "end": e, "label": lab} for s, e, lab in self.spans],
            },
            ensure_ascii=False,
        )


@dataclass(frozen=True, slots=True)
class Vocabulary:
    words: tuple[str, ...]
    entities: tuple[Entity, ...]


def _wojood_sentences() -> Iterator[list[list[str]]]:
    """Sentences as lists of rows: [token, tag1, tag2, ...]; ``$#$`` markers dropped."""
    sentence: list[list[str]] = []
    for line in WOJOOD.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if sentence:
                yield sentence
            sentence = []
        elif parts[0] != "$#$":
            sentence.append(parts)
    if sentence:
        yield sentence


def _layer_entities(rows: list[list[str]], layer: int) -> list[tuple[int, int, str]]:
    """(first token, last token + 1, label) of the IOB2 entities in one tag column."""
    out: list[tuple[int, int, str]] = []
    open_: tuple[int, str] | None = None
    for i, row in enumerate(rows + [["", "O"]]):
        tag = row[layer] if len(row) > layer else "O"
        inside = tag.startswith("I-") and open_ is not None and open_[1] == tag[2:]
        if not inside and open_ is not None:
            out.append((open_[0], i, open_[1]))
            open_ = None
        if tag.startswith("B-") or (tag.startswith("I-") and not inside):
            open_ = (i, tag[2:])
    return out


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    words: set[str] = set(_ARABIC_WORD.findall(SEED_ARTICLE.read_text(encoding="utf-8")))
    entities: set[Entity] = set()
    for rows in _wojood_sentences():
        words.update(r[0] for r in rows if _ARABIC_WORD.fullmatch(r[0]))
        starts: list[int] = []  # char offset of each token in the space-joined phrase
        for outer_a, outer_b, label in _layer_entities(rows, 1):
            if label not in _LABELS:
                continue
            tokens = [r[0] for r in rows[outer_a:outer_b]]
            starts = []
            pos = 0
            for tok in tokens:
                starts.append(pos)
                pos += len(tok) + 1
            inner: list[SpanT] = []
            for layer in range(2, 4):
                for a, b, lab in _layer_entities(rows, layer):
                    if lab in _LABELS and outer_a <= a and b <= outer_b and (a, b) != (
                        outer_a,
                        outer_b,
                    ):
                        s = starts[a - outer_a]
                        e = starts[b - 1 - outer_a] + len(tokens[b - 1 - outer_a])
                        inner.append((s, e, lab))
            entities.add(Entity(" ".join(tokens), label, tuple(sorted(inner))))
    return Vocabulary(tuple(sorted(words)), tuple(sorted(entities, key=lambda e: e.text)))


def _perturb(rng: random.Random, spans: list[SpanT], text_len: int, k: int) -> list[SpanT]:
    """One annotator's version of the reference: drop, relabel or shift a few spans."""
    labels = sorted(_LABELS)
    out: set[SpanT] = set()
    for s, e, lab in spans:
        r = rng.random()
        if r < 0.06:
            continue  # missed
        if r < 0.10:
            lab = labels[(labels.index(lab) + k + 1) % len(labels)]
        elif r < 0.14 and e + 3 <= text_len:
            e += rng.randint(1, 3)  # took a few characters too many
        out.add((s, e, lab))
    return sorted(out)


def make_article(index: int, seed: int = DEFAULT_SEED, chars: int = ARTICLE_CHARS,
                 entities: int = ENTITIES_PER_ARTICLE) -> GenArticle:
    """Article ``index`` of the corpus for ``seed`` (independent of N)."""
    vocab = vocabulary()
    rng = random.Random(f"{seed}:{index}:{chars}")
    pieces: list[str] = []
    spans: list[SpanT] = []
    pos = 0
    if rng.random() < 0.3:  # scraped pages often open with an emoji banner
        banner = f"{rng.choice(_EMOJI)} {' '.join(rng.choices(vocab.words, k=8))}\n"
        pieces.append(banner)
        pos += len(banner)
    # Spread the entities over the sentences: ``rate`` per sentence on average.
    rate = entities / max(1, chars // 130)
    sentence_no = 0
    while pos < chars:
        sentence_no += 1
        words = rng.choices(vocab.words, k=rng.randint(12, 26))
        if rng.random() < 0.04:
            words.insert(rng.randrange(len(words)), rng.choice(_EMOJI))
        if rng.random() < 0.04:
            words.insert(rng.randrange(len(words)), rng.choice(_LATIN))
        n_ent = int(rate) + (rng.random() < rate - int(rate))
        cuts = sorted(rng.sample(range(1, len(words)), min(n_ent, len(words) - 1)))
        for a, b in pairwise([0, *cuts]):
            chunk = " ".join(words[a:b]) + " "
            ent = rng.choice(vocab.entities)
            pieces.append(chunk)
            pos += len(chunk)
            spans.append((pos, pos + len(ent.text), ent.label))
            spans.extend((pos + s, pos + e, lab) for s, e, lab in ent.inner)
            pieces.append(ent.text + " ")
            pos += len(ent.text) + 1
        tail = " ".join(words[cuts[-1] if cuts else 0 :])
        end = "\n" if sentence_no % 5 == 0 else " "
        pieces.append(tail + "." + end)
        pos += len(tail) + 2
    text = "".join(pieces).rstrip()
    spans = sorted({sp for sp in spans if sp[1] <= len(text)})
    title = " ".join(rng.choices(vocab.words, k=rng.randint(6, 12)))
    art = GenArticle(f"bench-{index:07d}", title, text, spans)
    for k, name in enumerate(ANNOTATORS):
        art.by_annotator[name] = _perturb(rng, spans, len(text), k)
    return art


def iter_articles(n: int, seed: int = DEFAULT_SEED) -> Iterator[GenArticle]:
    for i in range(n):
        yield make_article(i, seed)


def long_article(seed: int = DEFAULT_SEED) -> GenArticle:
    """One 200,000-character article with about 2,000 spans (annotator ann1 only)."""
    art = make_article(10**9, seed, chars=LONG_CHARS, entities=LONG_SPANS * 19 // 20)
    art.ext_id = LONG_EXT_ID
    art.by_annotator = {ANNOTATORS[0]: art.spans}  # one layer: 2,000 spans on screen
    return art


# -- files ---------------------------------------------------------------------------


def _cache_name(kind: str, n: int, seed: int, suffix: str) -> Path:
    from annotator.core.store.sqlite.schema import CURRENT_VERSION

    schema = f"-s{CURRENT_VERSION}" if suffix == ".db" else ""
    return CACHE / f"{kind}-n{n}-seed{seed}-g{GENERATOR_VERSION}{schema}{suffix}"


def write_jsonl(path: Path, n: int, seed: int = DEFAULT_SEED) -> Path:
    """N articles with their reference spans as JSONL (temp file, then rename)."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as fh:
        for art in iter_articles(n, seed):
            fh.write(art.jsonl())
            fh.write("\n")
    os.replace(tmp, path)
    return path


def jsonl_path(n: int, seed: int = DEFAULT_SEED) -> Path:
    """Where the JSONL corpus of N articles is cached (whether generated yet or not)."""
    return _cache_name("corpus", n, seed, ".jsonl")


def project_path(n: int, seed: int = DEFAULT_SEED) -> Path:
    """Where the project of N articles is cached (whether generated yet or not)."""
    return _cache_name("project", n, seed, ".db")


def jsonl_corpus(n: int, seed: int = DEFAULT_SEED) -> Path:
    """The cached JSONL file of N articles (generated on first use)."""
    path = _cache_name("corpus", n, seed, ".jsonl")
    if not path.exists():
        with _generating(path) as needed:
            if needed:
                write_jsonl(path, n, seed)
    return path


def _stamp() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def build_project(path: Path, articles: Iterator[GenArticle], *, batch: int = 2_000) -> None:
    """A project holding the articles, each annotator's spans, every article marked done.

    The file is made by ``Store.create`` (real schema, default labels) and then filled with
    raw ``executemany`` on one transaction: generating 100,000 articles must itself be fast.
    """
    from annotator.core.labels import default_labels
    from annotator.core.model import content_hash
    from annotator.core.store import create_store

    with create_store(path, default_labels()) as store:
        ann_ids = {name: store.annotator_id(name) for name in ANNOTATORS}
        label_ids = {lab.name: lab.id for lab in store.labels()}
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous = OFF")  # a cache file: rebuilt if ever broken
        conn.execute("BEGIN")
        stamp = _stamp()
        chunk: list[GenArticle] = []

        def flush() -> None:
            first = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM articles").fetchone()[0]
            conn.executemany(
                "INSERT INTO articles (id, ext_id, title, text, length, meta, content_hash,"
                " created_at) VALUES (?, ?, ?, ?, ?, '{}', ?, ?)",
                [
                    (first + i, a.ext_id, a.title, a.text, len(a.text), content_hash(a.text),
                     stamp)
                    for i, a in enumerate(chunk)
                ],
            )
            conn.executemany(
                'INSERT INTO spans (article_id, annotator_id, label_id, start, "end",'
                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (first + i, ann_ids[name], label_ids[lab], s, e, stamp, stamp)
                    for i, a in enumerate(chunk)
                    for name, spans in a.by_annotator.items()
                    for s, e, lab in spans
                ],
            )
            conn.executemany(
                "INSERT INTO article_status (article_id, annotator_id, status, updated_at)"
                " VALUES (?, ?, 'done', ?)",
                [(first + i, aid, stamp) for i in range(len(chunk)) for aid in ann_ids.values()],
            )
            chunk.clear()

        for art in articles:
            chunk.append(art)
            if len(chunk) >= batch:
                flush()
        if chunk:
            flush()
        conn.execute("COMMIT")
    finally:
        conn.close()


def _prepare_for_search(path: Path) -> None:
    """Build the search index once, so no figure pays for it (if search exists)."""
    try:
        search = importlib.import_module("annotator.core.assist.search")
    except ModuleNotFoundError as exc:
        if exc.name != "annotator.core.assist.search":
            raise
        return

    reindex = getattr(search, "reindex_missing", None)
    if reindex is None:
        return
    from annotator.core.store import open_store

    with open_store(path) as store:
        reindex(store)


@contextmanager
def _generating(path: Path) -> Iterator[bool]:
    """Hold the cache entry's lock; yields whether it still needs generating.

    Several processes (the suite, a test, another engineer's measurement) may ask for the
    same corpus at once: one generates it, the others wait and reuse it.
    """
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield not path.exists()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _cached_project(kind: str, n: int, seed: int, make: Iterator[GenArticle]) -> Path:
    path = _cache_name(kind, n, seed, ".db")
    if path.exists():
        return path
    with _generating(path) as needed:
        if needed:
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            for leftover in CACHE.glob(tmp.name + "*"):
                leftover.unlink()
            build_project(tmp, make)
            _prepare_for_search(tmp)
            _checkpoint(tmp)
            conn = sqlite3.connect(str(tmp))
            count = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            conn.close()
            if count != n:
                raise RuntimeError(f"{tmp}: generated {count} articles, expected {n}")
            os.replace(tmp, path)
    return path


def _checkpoint(path: Path) -> None:
    """Fold the WAL into the file so the cached project is one self-contained file."""
    conn = sqlite3.connect(str(path))
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    for side in ("-wal", "-shm"):
        Path(str(path) + side).unlink(missing_ok=True)


def project(n: int, seed: int = DEFAULT_SEED) -> Path:
    """The cached project of N articles x 3 annotators (generated on first use)."""
    return _cached_project("project", n, seed, iter_articles(n, seed))


def long_project(seed: int = DEFAULT_SEED) -> Path:
    """A project holding one ordinary article, then the 200,000-character one (id 2)."""
    return _cached_project("long", 2, seed, iter([make_article(0, seed), long_article(seed)]))


def digest(path: Path) -> str:
    """Short content digest of a generated file (to show that generation is deterministic)."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:16]
