"""The registry lists every format module's reader and writer, and nothing else reads or
writes: what ``annotator import/export --format`` and the app's dialogs offer comes from it."""

from __future__ import annotations

import ast
from pathlib import Path

from annotator.core.formats import registry
from annotator.core.formats.registry import BY_NAME, EXPORT_FORMATS, FORMATS, IMPORT_FORMATS

FORMATS_DIR = Path(registry.__file__).parent


def _defines(path: Path) -> tuple[bool, list[str]]:
    """(has a module-level ``read`` function, names of classes with a ``write`` method)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    has_read = any(isinstance(n, ast.FunctionDef) and n.name == "read" for n in tree.body)
    writers = [
        n.name
        for n in tree.body
        if isinstance(n, ast.ClassDef)
        and any(isinstance(m, ast.FunctionDef) and m.name == "write" for m in n.body)
    ]
    return has_read, writers


def test_every_reader_and_writer_in_the_folder_is_registered() -> None:
    readers = {f.read for f in FORMATS if f.read is not None}
    writers = {f.writer.__name__ for f in FORMATS if f.writer is not None}
    modules_with_readers = []
    for path in sorted(FORMATS_DIR.glob("*.py")):
        has_read, classes = _defines(path)
        if has_read:
            modules_with_readers.append(path.stem)
        for cls in classes:
            if cls.endswith("Writer") and path.stem != "writing":  # writing: the shared bases
                assert cls in writers, f"{path.name}: {cls} is not in the registry"
    # one reader each; doccano is read by jsonl's reader, in UTF-16 offsets
    assert sorted(modules_with_readers) == [
        "conll", "csv_table", "jsonl", "labelstudio", "prodigy", "sqlite_table", "txt"
    ]
    assert len(readers) == len(modules_with_readers) + 1


def test_the_names_and_their_order() -> None:
    assert IMPORT_FORMATS == (
        "sqlite", "jsonl", "doccano", "labelstudio", "prodigy", "csv", "txt", "conll"
    )
    assert EXPORT_FORMATS == ("jsonl", "doccano", "labelstudio", "prodigy", "conll", "hf", "spacy")
    assert set(BY_NAME) == set(IMPORT_FORMATS) | set(EXPORT_FORMATS)


def test_each_writer_lives_in_its_formats_module() -> None:
    for fmt in FORMATS:
        if fmt.writer is not None:
            module = fmt.writer.__module__.rsplit(".", 1)[1]
            assert module in (fmt.name, f"{fmt.name}_bin")  # spacy_bin: not spaCy's own name
            assert fmt.suffix.endswith((".jsonl", ".conll", ".json", ".spacy"))


def test_offsets_and_token_formats() -> None:
    """doccano counts UTF-16 code units; the token formats are those --misaligned is for."""
    assert {f.name: f.offsets for f in FORMATS if f.offsets} == {
        "jsonl": "codepoints", "doccano": "utf16", "labelstudio": "codepoints",
        "prodigy": "codepoints",
    }
    assert [f.name for f in FORMATS if f.tokens] == ["prodigy", "conll", "hf", "spacy"]
