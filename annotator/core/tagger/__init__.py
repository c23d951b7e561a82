"""A model in the loop: features, a CRF tagger, evaluation, training, other taggers.

No Qt and no SQL here: training reads a project through the ``Store`` interface, and the
trained model is bytes the store keeps (``save_model``).
"""

#: The name the built-in CRF is stored under (here, not in ``suggesting``, so the window can
#: name it without importing the tagger).
DEFAULT_MODEL = "crf"
