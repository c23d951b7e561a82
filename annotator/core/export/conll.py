"""Nested CoNLL, as in the Wojood corpus: ``token TAG1 TAG2 ...``, IOB2, one column per layer.

Each record starts with ``# id = <article id>`` and ``# annotator = <name>``; each line of
the article text is a sentence, followed by a blank line. A record has as many tag columns
as its deepest nesting (at least one); column 1 holds the outermost spans. Tags are
``B-``/``I-`` plus the label with white space turned into ``_``. A ``#`` token is written
``# O``, which a reader tells from the header lines because ``O`` is not ``=``.
"""

from __future__ import annotations

from typing import TextIO

from annotator.core.export.base import TokenWriter
from annotator.core.export.records import ExportRecord
from annotator.core.export.tagging import iob_columns, layers


def header(ext_id: str, annotator: str) -> str:
    # Ids and names are written on one line each: line breaks inside them become spaces.
    return (
        f"# id = {' '.join(ext_id.split())}\n# annotator = {' '.join(annotator.split())}\n"
    )


class ConllWriter(TokenWriter):
    def write(self, fh: TextIO, rec: ExportRecord) -> bool:
        art = rec.article
        found = self.aligned(rec)
        if found is None:
            return False
        tok, aligned = found
        self.tally.spans += len(aligned.spans)
        cols = iob_columns(len(tok.tokens), layers(aligned.spans), self.tags)
        out = [header(art.ext_id, rec.annotator)]
        for sentence in tok.sentences():
            for i in sentence:
                out.append(" ".join([tok.tokens[i], *(c[i] for c in cols)]))
                out.append("\n")
            out.append("\n")
        fh.write("".join(out))
        return True

    def side_files(self) -> dict[str, str]:
        return {}
