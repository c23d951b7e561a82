"""The article widget the workspace and the review window share.

``document`` builds a document whose positions match the stored text, ``canvas`` paints
spans over it, and ``view`` adds selection and keys. ``ArticleView`` is the one to use.
"""

from __future__ import annotations

from annotator.gui.article_view.canvas import nesting
from annotator.gui.article_view.document import display_text
from annotator.gui.article_view.view import ArticleView

__all__ = ["ArticleView", "display_text", "nesting"]
