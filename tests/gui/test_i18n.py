"""English and Arabic interface: the Arabic translation loads and mirrors the layout."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.gui.common import i18n
from annotator.gui.common.settings import language

TS = i18n.I18N_DIR / "annotator_ar.ts"


@pytest.fixture
def arabic(qapp):
    assert i18n.install_language(qapp, "ar")
    yield
    i18n.remove_language(qapp)


def test_arabic_interface_is_translated_and_mirrored(arabic, window):
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[:3] == ["ملف", "تحرير", "المقال"]
    assert window.progress_label.text() == "salma: أُنجز 0 من 3"
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


def test_every_message_is_translated_with_its_placeholders():
    root = ET.parse(TS).getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 50
    for msg in messages:
        source = msg.findtext("source")
        tr = msg.find("translation")
        assert tr is not None and tr.get("type") is None and tr.text, source
        assert set(re.findall(r"{\w+}", source)) == set(re.findall(r"{\w+}", tr.text)), source
    assert i18n.qm_path("ar").stat().st_mtime >= TS.stat().st_mtime - 1
