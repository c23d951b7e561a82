"""Work of several annotators: merging their project files (``merge``), measuring agreement
(``agreement``) and adjudicating a gold layer from their disagreements (``adjudication``)."""
