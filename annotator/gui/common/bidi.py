"""Direction of text in lists, tables and sentences: one helper for every view.

Qt lays out each cell of an item view as one paragraph in the view's direction. In an
English (left-to-right) window "12 أيار 1922" then reads "12 1922 أيار", and in an Arabic
window the id ``000_e85364defba81871`` reads ``e85364defba81871_000``. So each cell is shown
in its own direction: text holding Arabic (or any right-to-left letter) as a right-to-left
run, anything else (ids, numbers, label names) as a left-to-right run, each wrapped in a
Unicode isolate (RLI…PDI, LRI…PDI) so it never mixes with what is around it. The model's
data is not changed; only what is painted. ``set_cell_direction(view)`` installs the
delegate that does it on a list, table or tree.

Sentences of the interface that hold a name, an id or a number use ``isolate`` for the
value and ``in_ui_direction`` for the whole, so "salma: أُنجز 0 من 3" reads right to left
in the Arabic interface although it starts with a Latin name. Menus show each shortcut as
Qt writes it, kept left to right in a right-to-left menu ("Ctrl+=", not "=+Ctrl"), by the
application style ``install_shortcut_style`` sets.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QProxyStyle,
    QStyle,
    QStyledItemDelegate,
    QStyleOption,
    QStyleOptionMenuItem,
    QStyleOptionViewItem,
    QWidget,
)

LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
LRM, RLM = "\u200e", "\u200f"

#: Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic presentation forms and
#: the right-to-left blocks above the BMP: the letters whose presence makes a text RTL.
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


def has_rtl(text: str) -> bool:
    """True if ``text`` holds a right-to-left letter (Arabic, Hebrew, ...)."""
    return _RTL.search(text) is not None


def direction_of(text: str) -> Qt.LayoutDirection:
    """The paragraph direction a cell of ``text`` is shown in: right-to-left as soon as it
    holds an Arabic letter (mixed Arabic and Latin text is Arabic text with Latin in it)."""
    return Qt.LayoutDirection.RightToLeft if has_rtl(text) else Qt.LayoutDirection.LeftToRight


def isolated(text: str) -> str:
    """``text`` as a run of its own direction: RLI…PDI when it holds Arabic, else LRI…PDI."""
    if not text:
        return text
    return (RLI if has_rtl(text) else LRI) + text + PDI


def isolate(value: object) -> str:
    """A value (a name, an id, a path, a number) to put inside a sentence: first-strong
    isolated, so its letters and punctuation never reorder the words around it."""
    return FSI + str(value) + PDI


def ltr(value: object) -> str:
    """An id, a key or a number inside a sentence, always left to right."""
    return LRI + str(value) + PDI


def ui_is_rtl() -> bool:
    return QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft


def in_ui_direction(sentence: str) -> str:
    """A sentence of the interface, made to read in the interface's direction: Qt picks a
    label's direction from its first letter, which may be a Latin name or an id."""
    if ui_is_rtl() and sentence and not sentence.startswith(RLM):
        return RLM + sentence
    return sentence


def ui_format(template: str, **values: object) -> str:
    """``template.format(**values)`` with every value isolated, in the interface's direction
    (plain ``format`` in the English interface, so English messages stay as they are)."""
    if not ui_is_rtl():
        return template.format(**values)
    return in_ui_direction(template.format(**{k: isolate(v) for k, v in values.items()}))


def plain(text: str) -> str:
    """``text`` without the direction marks added here (for comparisons and copies)."""
    return text.translate({ord(c): None for c in (LRI, RLI, FSI, PDI, LRM, RLM)})


_HCENTER = Qt.AlignmentFlag.AlignHCenter.value
_VERTICAL = Qt.AlignmentFlag.AlignVertical_Mask.value
_RIGHT = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute).value
_LEADING = Qt.AlignmentFlag.AlignLeading.value
_ALIGNED: dict[tuple[bool, int], Qt.AlignmentFlag] = {}


def _aligned(rtl: bool, vertical: int) -> Qt.AlignmentFlag:
    """Right (absolute) for right-to-left text, else leading; with ``vertical`` kept."""
    flag = _ALIGNED.get((rtl, vertical))
    if flag is None:
        flag = _ALIGNED[rtl, vertical] = Qt.AlignmentFlag((_RIGHT if rtl else _LEADING) | vertical)
    return flag


class CellDirectionDelegate(QStyledItemDelegate):
    """Paints each cell's text as an isolated run of its own direction.

    Arabic cells are aligned to the right, like the article; the others follow the
    interface (left in English, right in Arabic). Centred cells and the vertical alignment
    are kept.
    """

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        text = option.text  # type: ignore[attr-defined]
        if not text:
            return
        rtl = has_rtl(text)
        option.text = isolated(text)  # type: ignore[attr-defined]
        # Plain ints: each operator on a Qt flag makes a Python enum member (a view of
        # 30 spans asks for ~200 cells per article switch).
        align = option.displayAlignment.value  # type: ignore[attr-defined]
        if align & _HCENTER:
            return  # a centred cell (figures in a grid) stays centred
        option.displayAlignment = _aligned(rtl, align & _VERTICAL)  # type: ignore[attr-defined]


def set_cell_direction(view: QAbstractItemView) -> CellDirectionDelegate:
    """Show every cell of ``view`` in its own direction (see the module's docstring)."""
    delegate = CellDirectionDelegate(view)
    view.setItemDelegate(delegate)
    return delegate



def menu_item_text(text: str) -> str:
    """A menu item's "text\tshortcut" with the shortcut as a left-to-right run."""
    label, tab, keys = text.partition("\t")
    return f"{label}{tab}{ltr(keys)}" if tab and keys else text


class ShortcutDirectionStyle(QProxyStyle):
    """The application's style, with menu shortcuts drawn as a left-to-right run."""

    def drawControl(
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if (
            element == QStyle.ControlElement.CE_MenuItem
            and isinstance(option, QStyleOptionMenuItem)
            and "\t" in option.text  # type: ignore[attr-defined]
        ):
            item = QStyleOptionMenuItem(option)
            item.text = menu_item_text(item.text)  # type: ignore[attr-defined]
            option = item
        super().drawControl(element, option, painter, widget)


def install_shortcut_style(app: QApplication) -> None:
    """Use ``ShortcutDirectionStyle`` over the application's style (once)."""
    if not isinstance(app.style(), ShortcutDirectionStyle):
        app.setStyle(ShortcutDirectionStyle(app.style().name()))
