"""English and Arabic interface: the translation is complete, ships inside the package, and
switching applies at once, mirrored."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.gui.common import i18n
from annotator.gui.common.bidi import plain
from annotator.gui.common.settings import language

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("translations", ROOT / "scripts" / "translations.py")
assert _spec is not None and _spec.loader is not None
translations = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(translations)
TS = translations.TS


@pytest.fixture
def arabic(qapp):
    assert i18n.install_language(qapp, "ar")
    yield
    i18n.remove_language(qapp)


def test_arabic_interface_is_translated_and_mirrored(arabic, window):
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["ملف", "تحرير", "المقال", "عرض", "الفريق", "النموذج", "بحث"]
    assert plain(window.progress_label.text()) == "salma: أُنجز 0 من 3"
    model = window.list_model
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "العنوان"
    assert window.findChild(type(window.undo_action), "charModeAction").text() == "دقة الحرف"
    # The article text itself is never mirrored differently: the view stays RTL.
    assert window.article_view.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_english_is_the_default_source_language(window, qapp):
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert [a.text() for a in window.menuBar().actions()][:3] == ["File", "Edit", "Article"]


def test_language_setting_wins_over_the_locale(settings):
    settings.setValue("ui/language", "ar")
    assert language(settings) == "ar"
    settings.setValue("ui/language", "en")
    assert language(settings) == "en"


def test_switching_language_applies_at_once_and_is_ticked(qapp, qtbot, window, settings):
    english = window.menus.language_actions["en"]
    arabic = window.menus.language_actions["ar"]
    assert english.isChecked() and not arabic.isChecked()
    try:
        arabic.trigger()
        qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() == "ملف")
        assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert arabic.isChecked() and not english.isChecked()
        assert settings.value("ui/language") == "ar"
        assert window.title_filter.placeholderText() == "تصفية حسب العنوان"
        assert window.search_ui.find_action.text() == "البحث في هذا المقال"
        assert window.undo_action.text() == "تراجع"
        assert plain(window.position_label.text()) == "المقال 1 من 3"
        english.trigger()
        qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() == "File")
        assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
        assert english.isChecked() and window.position_label.text() == "Article 1 of 3"
    finally:
        i18n.remove_language(qapp)


def test_undo_names_its_step_and_says_nothing_more_when_there_is_none(arabic, window, seed_text):
    assert window.undo_action.text() == "تراجع"  # not "تراجع عن" with nothing after it
    window.open_article(window.store.article_by_ext_id("seed").id)
    start = seed_text.index("نائلة جبر")
    window.tag_range(start, start + len("نائلة جبر"), "PERS")
    assert plain(window.undo_action.text()) == "تراجع عن وسم PERS"
    window.undo()
    assert window.undo_action.text() == "تراجع"
    assert plain(window.redo_action.text()) == "إعادة وسم PERS"


def test_every_message_is_translated_with_its_placeholders(tmp_path):
    root = ET.parse(TS).getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 150
    for msg in messages:
        source = msg.findtext("source")
        tr = msg.find("translation")
        assert tr is not None and tr.get("type") is None and tr.text, source
        assert set(re.findall(r"{\w+}", source)) == set(re.findall(r"{\w+}", tr.text)), source
    # the compiled file in the package is the one this .ts compiles to
    built = tmp_path / "built.qm"
    translations.lrelease(TS, built)
    assert built.read_bytes() == translations.QM.read_bytes()


def test_lupdate_finds_no_text_left_untranslated(tmp_path):
    """Every tr() / QT_TR_NOOP() / translate() of annotator/gui has its Arabic."""
    ts = tmp_path / "annotator_ar.ts"
    shutil.copy(TS, ts)
    translations.lupdate(ts)
    assert translations.unfinished(ts) == []
    assert ts.read_text(encoding="utf-8") == TS.read_text(encoding="utf-8")  # up to date


def _build_package(tmp_path: Path) -> Path:
    """What a wheel holds: setuptools' build_py of a copy of the checkout."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src)
    shutil.copytree(
        ROOT / "annotator", src / "annotator", ignore=shutil.ignore_patterns("__pycache__")
    )
    lib = tmp_path / "lib"
    subprocess.run(
        [sys.executable, "-c", "from setuptools import setup; setup()", "build_py"]
        + ["--build-lib", str(lib)],
        cwd=src,
        check=True,
        capture_output=True,
    )
    return lib


def test_the_translation_ships_in_the_package_and_loads_from_a_zip(tmp_path):
    """A wheel (or a frozen app's archive) holds the .qm, and the app finds it there the
    way it does in a checkout: through importlib.resources, not a path beside the code."""
    lib = _build_package(tmp_path)
    shipped = lib / "annotator" / "gui" / "translations" / "annotator_ar.qm"
    assert shipped.read_bytes() == translations.QM.read_bytes()
    archive = tmp_path / "annotator.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in lib.rglob("*"):
            zf.write(path, path.relative_to(lib))
    probe = (
        "import annotator.gui.common.i18n as m, sys;"
        "assert m.__file__.startswith(sys.argv[1]), m.__file__;"
        "data = m.translation_data('ar'); print(len(data or b''))"
    )
    done = subprocess.run(
        [sys.executable, "-S", "-c", probe, str(archive)],
        env={"PYTHONPATH": f"{archive}:{_site_packages()}"},
        cwd=tmp_path,  # not the checkout, which would be imported first
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(done.stdout) == len(shipped.read_bytes())


def _site_packages() -> str:
    import PySide6

    return str(Path(PySide6.__file__).resolve().parents[1])


def test_the_checkout_finds_the_same_translation():
    assert i18n.translation_data("ar") == translations.QM.read_bytes()
    assert i18n.translation_data("xx") is None
