"""spaCy's training format: a DocBin (``.spacy``) of one ``Doc`` per (article, annotator).

Each Doc holds the article's text token by token (the tokens of ``tagging.py``, with the
white space between them as spaCy keeps it: a following space on the token, anything else
as a white-space token), so ``doc.text`` is the article's text to the character. The
outermost layer of spans is ``doc.ents`` (flat, what ``spacy train``'s ``ner`` learns and
``spacy debug data`` checks), and every span, nested ones too, is in
``doc.spans[span_key]`` (``sc`` by default, what the ``spancat`` component reads). The
article id, the annotator and the status are in ``doc.user_data``. Spans off token
boundaries follow ``--misaligned`` as for CoNLL.

spaCy is needed for this format only, so it is imported when a spacy export starts, and
its absence is one line saying how to install it; the standalone app (docs/building.md) is
built without spaCy and has nowhere to install it, so there the line says the format is
not in this build. A DocBin is one compressed message, so
the whole export is held in memory until it is written (about 30 bytes a token).
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

from annotator.core.formats.export_checks import ExportError
from annotator.core.formats.export_records import ExportRecord
from annotator.core.formats.tagging import Tokenized, layers
from annotator.core.formats.writing import Options, Tally, TokenWriter

MISSING = (
    "--format spacy needs spaCy, which is not installed here; install it with"
    " pip install spacy (no language model is needed)"
)
MISSING_IN_BUNDLE = (
    "--format spacy is not available in the standalone app (it is built without spaCy);"
    " export --format conll or hf here, or use a Python install with spaCy"
)


def missing_message() -> str:
    """Why spaCy is not there and what to do: pip helps only where there is a Python."""
    return MISSING_IN_BUNDLE if getattr(sys, "frozen", False) else MISSING


def _spacy() -> Any:
    try:
        import spacy.tokens
        import spacy.vocab
    except ImportError:
        raise ExportError(missing_message()) from None
    return spacy


def words_and_spaces(text: str, tok: Tokenized) -> tuple[list[str], list[bool], list[int]]:
    """spaCy's words and spaces for ``text``, and each token's index among the words."""
    words: list[str] = []
    spaces: list[bool] = []
    index: list[int] = []
    first = tok.starts[0] if tok.starts else len(text)
    if first:
        words.append(text[:first])
        spaces.append(False)
    for i, word in enumerate(tok.tokens):
        index.append(len(words))
        words.append(word)
        gap = text[tok.ends[i] : tok.starts[i + 1] if i + 1 < len(tok.tokens) else len(text)]
        spaces.append(gap.startswith(" "))
        rest = gap[1:] if gap.startswith(" ") else gap
        if rest:
            words.append(rest)
            spaces.append(False)
    return words, spaces, index


class SpacyWriter(TokenWriter):
    def __init__(self, options: Options, tally: Tally) -> None:
        super().__init__(options, tally)
        self.spacy = _spacy()
        self.key = options.span_key
        self.vocab = self.spacy.vocab.Vocab()
        self.docs = self.spacy.tokens.DocBin(
            attrs=["ENT_IOB", "ENT_TYPE"], store_user_data=True
        )

    def write(self, fh: TextIO, rec: ExportRecord) -> bool:
        art = rec.article
        found = self.aligned(rec)
        if found is None:
            return False
        tok, aligned = found
        Doc, Span = self.spacy.tokens.Doc, self.spacy.tokens.Span
        words, spaces, index = words_and_spaces(art.text, tok)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        layered = layers(aligned.spans)
        doc.ents = [
            Span(doc, index[first], index[last] + 1, label=label)
            for first, last, label in (layered[0] if layered else [])
        ]
        doc.spans[self.key] = [
            Span(doc, index[first], index[last] + 1, label=label)
            for first, last, label in sorted(aligned.spans)
        ]
        doc.user_data.update(
            {"id": art.ext_id, "annotator": rec.annotator, "status": rec.status}
        )
        self.docs.add(doc)
        self.tally.spans += len(aligned.spans)
        return True

    def finish(self, fh: TextIO) -> None:
        """The DocBin, as bytes: a spacy export's output is opened as a binary file."""
        fh.write(self.docs.to_bytes())  # type: ignore[arg-type]

    def side_files(self) -> dict[str, str]:
        return {}
