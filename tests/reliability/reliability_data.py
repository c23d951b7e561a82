"""Hostile article texts shared by the reliability tests (importable: pytest puts this folder
on ``sys.path`` because it has no ``__init__.py``)."""

from __future__ import annotations

HOSTILE_TEXTS: dict[str, str] = {
    "html": '<b>عاجل</b><script>alert("x")</script> &amp; &lt;i&gt; <a href="javascript:x">',
    "qt_rich": '<html><body><font color="red" size="+5">القاهرة</font><img src="x.png"/>'
    "<table><tr><td>خلية</td></tr></table></body></html>",
    "rlo": "\u202eقال الرئيس\u202c \u202dLTR override\u202c ثم",
    "isolates": "\u2066عربي\u2069 \u2067English\u2069 \u2068mixed\u2069 \u200f\u200e\u061c",
    "zwj": "👨\u200d👩\u200d👧\u200d👦 لا\u200dم \u200c\u200b\ufeff",
    "combining": "ب" + "\u0651\u064e" * 300 + "\u0300" * 400 + " نهاية",
    "nul": "قبل\x00بعد\x00\x00 ثم",
    "megabyte_line": "كلمة " * 200_000,  # one line, 1,000,000 characters, no newline
    "controls": "\x01\x07\x1b[31mأحمر\x1b[0m\x7f\u0085\u2028\u2029",
    "noncharacters": "\ufffe\uffff\U0010ffff\U000e0001 تاج",
}
