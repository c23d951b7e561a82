"""Every interchange format, listed here by hand: the one place that says which exist.

Nothing is discovered by name at run time, so a frozen build (PyInstaller) has every
format, and adding one is visible in review: write ``formats/NAME.py`` with a reader
(``read(...)`` yielding ``reading.Record``) and/or a writer class (``writing.Writer``),
then add a ``Format`` line below. ``annotator import``, ``annotator export`` and the app's
dialogs offer exactly what this list holds, in its order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from annotator.core.formats import (
    conll,
    csv_table,
    doccano,
    hf,
    jsonl,
    labelstudio,
    prodigy,
    spacy_bin,
    sqlite_table,
    txt,
)
from annotator.core.formats.reading import Columns, Record
from annotator.core.formats.spans_in import CODEPOINTS, UTF16
from annotator.core.formats.writing import Writer


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What a reader may need besides the path (each reader takes what applies to it)."""

    columns: Columns = Columns()
    table: str | None = None  # sqlite: which table
    sentences_per_article: int = 20  # conll: sentences that make one article
    #: text formats: the encoding of a file without a byte-order mark (None: UTF-8)
    encoding: str | None = None
    #: formats with character offsets: their unit (None: the format's own default)
    offsets: str | None = None

    def unit(self, default: str) -> str:
        return self.offsets or default


def _file_size(path: Path, _opts: ReadOptions) -> int:
    return path.stat().st_size


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    #: Records of an input, for import; None for an export-only format.
    read: Callable[[Path, ReadOptions], Iterator[Record]] | None = None
    #: How much of an input there is (bytes, or rows of a table), for the progress bar.
    size: Callable[[Path, ReadOptions], int] = _file_size
    #: The writer, for export; None for an import-only format.
    writer: type[Writer] | None = None
    #: The output name's ending the app proposes (export).
    suffix: str = ""
    #: The unit of its character offsets ("codepoints" or "utf16"); "" if it has none.
    offsets: str = ""
    #: Its spans are whole tokens (``--misaligned`` applies).
    tokens: bool = False
    #: Its writer writes bytes, not text (spaCy's DocBin).
    binary: bool = False


FORMATS: tuple[Format, ...] = (
    # a table of another SQLite database, one article per row
    Format(
        "sqlite",
        read=lambda p, o: sqlite_table.read(p, o.table, o.columns),
        size=lambda p, o: sqlite_table.count_rows(p, o.table),
    ),
    # JSON Lines, code-point offsets (Prodigy, spaCy), with who did the work
    Format(
        "jsonl",
        read=lambda p, o: jsonl.read(p, o.encoding, o.unit(CODEPOINTS)),
        writer=jsonl.JsonlWriter,
        suffix=".jsonl",
        offsets=CODEPOINTS,
    ),
    # doccano sequence labeling JSONL, UTF-16 offsets as doccano counts them
    Format(
        "doccano",
        read=lambda p, o: jsonl.read(p, o.encoding, o.unit(UTF16)),
        writer=doccano.DoccanoWriter,
        suffix=".doccano.jsonl",
        offsets=UTF16,
    ),
    # Label Studio: its JSON, JSON-MIN and JSONL exports in, a JSON array of tasks out
    Format(
        "labelstudio",
        read=lambda p, o: labelstudio.read(p, o.encoding, o.unit(CODEPOINTS)),
        writer=labelstudio.LabelStudioWriter,
        suffix=".labelstudio.json",
        offsets=CODEPOINTS,
    ),
    # Prodigy's db-out JSONL: tokens, spans with token numbers, answers, annotators
    Format(
        "prodigy",
        read=lambda p, o: prodigy.read(p, o.encoding, o.unit(CODEPOINTS)),
        writer=prodigy.ProdigyWriter,
        suffix=".prodigy.jsonl",
        offsets=CODEPOINTS,
        tokens=True,
    ),
    # CSV or TSV with a text column
    Format(
        "csv",
        read=lambda p, o: csv_table.read(p, o.columns, o.encoding),
    ),
    # a plain text file, or a folder of them, one article each
    Format(
        "txt",
        read=lambda p, o: txt.read(p, o.encoding),
        size=lambda p, o: txt.total_bytes(p),
    ),
    # nested CoNLL (Wojood): a token and one IOB2 tag per layer; or plain, two columns
    Format(
        "conll",
        read=lambda p, o: conll.read(p, o.sentences_per_article, o.encoding),
        writer=conll.ConllWriter,
        suffix=".conll",
        tokens=True,
    ),
    # Hugging Face token classification JSONL with a label map
    Format(
        "hf",
        writer=hf.HfWriter,
        suffix=".hf.jsonl",
        tokens=True,
    ),
    # spaCy's DocBin: outer layer as doc.ents, every span in doc.spans
    Format(
        "spacy",
        writer=spacy_bin.SpacyWriter,
        suffix=".spacy",
        tokens=True,
        binary=True,
    ),
)

BY_NAME: dict[str, Format] = {f.name: f for f in FORMATS}
#: Names ``annotator import --format`` takes (besides ``auto``), in this order.
IMPORT_FORMATS: tuple[str, ...] = tuple(f.name for f in FORMATS if f.read is not None)
#: Names ``annotator export --format`` takes, in this order.
EXPORT_FORMATS: tuple[str, ...] = tuple(f.name for f in FORMATS if f.writer is not None)
#: Formats with character offsets, which ``--offsets`` applies to.
OFFSET_FORMATS: tuple[str, ...] = tuple(f.name for f in FORMATS if f.offsets)


def export_format_for(name: str) -> str:
    """The export format whose ending ``name`` has (the one the app proposes for it:
    ``train.spacy`` is spaCy's DocBin, ``ner.hf.jsonl`` Hugging Face's token tags), the
    longest ending first; JSONL for any other name. So an output named for one format is
    never silently written in another."""
    lowered = name.lower()
    endings = sorted(
        ((BY_NAME[f].suffix, f) for f in EXPORT_FORMATS if BY_NAME[f].suffix),
        key=lambda pair: -len(pair[0]),
    )
    return next((fmt for suffix, fmt in endings if lowered.endswith(suffix)), "jsonl")
