"""Arabic text rules, pure functions over ``str``: offsets between code points and UTF-16
(``offsets``), normalization for search (``normalize``), grapheme clusters and tokens
(``clusters``, ``token_scan``, ``tokens``), matching words and proclitics (``matching``),
and spans marked in plain text for terminals (``render``)."""
