"""Cells of lists, tables and trees read in their own direction, in both interfaces.

The visual order is measured the way Qt paints a cell: the delegate's option text laid
out by ``QTextLayout`` in the view's direction, then the x of each word's first letter.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel, QTextLayout, QTextOption
from PySide6.QtWidgets import QStyleOptionViewItem, QTableView

from annotator.gui.common.bidi import (
    has_rtl,
    isolate,
    plain,
    set_cell_direction,
    ui_format,
)

DATE = "12 أيار 1922"  # a span of the sample's Wojood article test-1
EXT_ID = "000_e85364defba81871"  # the sample's scraped article
MIXED = "أحمد (CNN) 2023"


def cell_option(view: QTableView, row: int) -> QStyleOptionViewItem:
    index = view.model().index(row, 0)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.direction = view.layoutDirection()
    view.itemDelegate().initStyleOption(option, index)
    return option


def x_of(option: QStyleOptionViewItem, words: list[str]) -> list[float]:
    """Where each word is painted (the cursor after its first letter, inside the word, where
    the x is unambiguous), laid out as Qt paints the cell."""
    text = option.text
    layout = QTextLayout(text, option.font)
    text_option = QTextOption()
    text_option.setTextDirection(option.direction)
    layout.setTextOption(text_option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(2000)
    layout.endLayout()
    return [line.cursorToX(text.index(word) + 1)[0] for word in words]


@pytest.fixture(params=[Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft])
def view(request, qtbot):
    model = QStandardItemModel()
    for text in (DATE, EXT_ID, MIXED):
        model.appendRow(QStandardItem(text))
    table = QTableView()
    table.setModel(model)
    table.setLayoutDirection(request.param)
    set_cell_direction(table)
    qtbot.addWidget(table)
    return table


def test_an_arabic_date_reads_right_to_left_in_either_interface(view) -> None:
    option = cell_option(view, 0)
    day, month, year = x_of(option, ["12", "أيار", "1922"])
    assert day > month > year  # right to left: 12, then أيار, then 1922
    assert option.displayAlignment & Qt.AlignmentFlag.AlignRight
    assert plain(option.text) == DATE  # only marks were added
    assert view.model().index(0, 0).data() == DATE  # the model is untouched


def test_an_id_reads_left_to_right_in_either_interface(view) -> None:
    option = cell_option(view, 1)
    first, last = x_of(option, ["000", "e85364"])
    assert first < last  # 000_ first, from the left


def test_latin_and_numbers_inside_arabic_stay_in_place(view) -> None:
    option = cell_option(view, 2)
    name, cnn, year = x_of(option, ["أحمد", "CNN", "2023"])
    assert name > cnn > year


def test_without_the_delegate_the_date_is_scrambled_in_english(qtbot) -> None:
    """The defect the delegate fixes: an LTR cell shows 12 1922 أيار."""
    model = QStandardItemModel()
    model.appendRow(QStandardItem(DATE))
    table = QTableView()
    table.setModel(model)
    table.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    qtbot.addWidget(table)
    day, month, year = x_of(cell_option(table, 0), ["12", "أيار", "1922"])
    assert day < year < month


def test_values_in_sentences_are_isolated_only_in_the_arabic_interface(qapp) -> None:
    template = "{name}: {done} / {total}"
    assert ui_format(template, name="salma", done=0, total=3) == "salma: 0 / 3"
    qapp.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        shown = ui_format("{name}: أُنجز {done} من {total}", name="salma", done=0, total=3)
    finally:
        qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    assert shown.startswith("\u200f")  # a right-to-left paragraph despite "salma"
    assert isolate("salma") in shown
    assert plain(shown) == "salma: أُنجز 0 من 3"
    assert has_rtl(DATE) and not has_rtl(EXT_ID)


def test_cell_alignment_right_for_arabic_leading_otherwise_centre_and_vertical_kept(
    qtbot,
) -> None:
    model = QStandardItemModel()
    rows = [(DATE, None), (EXT_ID, None), (DATE, Qt.AlignmentFlag.AlignBottom),
            (EXT_ID, Qt.AlignmentFlag.AlignTop), (DATE, Qt.AlignmentFlag.AlignCenter)]  # fmt: skip
    for text, align in rows:
        item = QStandardItem(text)
        if align is not None:
            item.setTextAlignment(align)
        model.appendRow(item)
    table = QTableView()
    table.setModel(model)
    set_cell_direction(table)
    qtbot.addWidget(table)
    a = Qt.AlignmentFlag
    shown = [cell_option(table, row).displayAlignment for row in range(len(rows))]
    assert shown[0] == a.AlignRight | a.AlignAbsolute  # the item gives no vertical part
    assert shown[1] == a.AlignLeading
    assert shown[2] == a.AlignRight | a.AlignAbsolute | a.AlignBottom
    assert shown[3] == a.AlignLeading | a.AlignTop
    assert shown[4] == a.AlignCenter  # a centred cell stays centred
    assert all(isinstance(flag, Qt.AlignmentFlag) for flag in shown)
