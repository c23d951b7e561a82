"""``--format spacy``: a DocBin spaCy loads, every span on the letters it was stored on.

Checked by spaCy itself (a blank Arabic vocabulary, no model download): the Docs' text is
the articles' text, ``doc.spans`` holds every span with its stored text, ``doc.ents`` the
outer layer, and ``spacy debug data`` finds nothing wrong with the entities.
"""

from __future__ import annotations

import builtins
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.formats.export_checks import ExportError
from annotator.core.formats.export_run import run_export
from annotator.core.formats.import_run import run_import
from annotator.core.formats.spacy_bin import MISSING, MISSING_IN_BUNDLE
from annotator.core.store import Store

spacy = pytest.importorskip("spacy")
from spacy.tokens import DocBin  # noqa: E402

WOJOOD_TEST = Path(__file__).parents[2] / "data" / "wojood" / "test.txt"


def _docs(path: Path) -> list:
    return list(DocBin().from_disk(path).get_docs(spacy.blank("ar").vocab))


def _stored(store: Store, name: str) -> dict[str, list[tuple[str, str]]]:
    """Article id -> (label, covered text) of every span, in order."""
    out = {}
    for aid in store.article_ids():
        art = store.article(aid)
        out[art.ext_id] = sorted((s.label, s.text_in(art.text)) for s in store.spans(aid, [name]))
    return out


def test_every_span_of_the_wojood_sample_comes_back_in_spacy(project: Store, tmp_path: Path):
    run_import(project, [WOJOOD_TEST], "conll", annotator="salma")
    out = tmp_path / "wojood.spacy"
    report = run_export(project, out, "spacy", status="all")
    docs = _docs(out)
    assert len(docs) == report.records == project.article_count()
    stored = _stored(project, "salma")
    nested = 0
    for doc in docs:
        art = project.article_by_ext_id(doc.user_data["id"])
        assert doc.text == art.text  # every character, white space included
        assert doc.user_data["annotator"] == "salma"
        spans = sorted((sp.label_, sp.text) for sp in doc.spans["sc"])
        assert spans == stored[art.ext_id]
        ents = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
        assert ents <= {(s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]}
        nested += len(doc.spans["sc"]) - len(doc.ents)
    assert nested > 0  # Wojood nests: the inner spans are in doc.spans, not lost


def test_seed_article_emoji_and_spans_key(seed_project: Store, tmp_path: Path) -> None:
    from export_data import SEED_SPANS, add_seed_spans

    add_seed_spans(seed_project)
    out = tmp_path / "seed.spacy"
    run_export(seed_project, out, "spacy", span_key="ner_all")
    (doc,) = _docs(out)
    assert doc.text.startswith("📢")
    assert sorted(sp.text for sp in doc.spans["ner_all"]) == sorted(w for w, _, _ in SEED_SPANS)
    assert "التضامن" not in {e.text for e in doc.ents}  # nested inside the ORG: not an ent
    assert "وزارة التضامن الاجتماعي" in {e.text for e in doc.ents}


def test_spacy_debug_data_finds_no_error(project: Store, tmp_path: Path) -> None:
    run_import(project, [WOJOOD_TEST], "conll", annotator="salma", sentences_per_article=1)
    data = tmp_path / "train.spacy"
    run_export(project, data, "spacy", status="all")
    config = tmp_path / "config.cfg"
    spacy_cli = [sys.executable, "-m", "spacy"]
    subprocess.run([*spacy_cli, "init", "config", str(config), "--lang", "ar",
                    "--pipeline", "ner"], check=True, capture_output=True)  # fmt: skip
    result = subprocess.run(
        [*spacy_cli, "debug", "data", str(config), "--paths.train", str(data),
         "--paths.dev", str(data)], capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:]
    assert "✘" not in result.stdout, result.stdout[-3000:]
    assert "No entities consisting of or starting/ending with whitespace" in result.stdout


def test_without_spacy_the_export_says_how_to_get_it(
    seed_project: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def no_spacy(name: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name == "spacy" or name.startswith("spacy."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_spacy)
    seed_project.set_status(seed_project.article_by_ext_id("seed").id, "salma", "done")
    out = tmp_path / "o.spacy"
    with pytest.raises(ExportError) as info:
        run_export(seed_project, out, "spacy")
    assert str(info.value) == MISSING
    assert "pip install spacy" in MISSING and not out.exists()


def test_in_the_standalone_app_the_missing_format_says_it_is_not_in_this_build(
    seed_project: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def no_spacy(name: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name == "spacy" or name.startswith("spacy."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_spacy)
    monkeypatch.setattr(sys, "frozen", True, raising=False)  # what PyInstaller sets
    seed_project.set_status(seed_project.article_by_ext_id("seed").id, "salma", "done")
    out = tmp_path / "o.spacy"
    with pytest.raises(ExportError) as info:
        run_export(seed_project, out, "spacy")
    assert str(info.value) == MISSING_IN_BUNDLE
    assert "pip" not in str(info.value) and "not available" in str(info.value)
    assert not out.exists()
