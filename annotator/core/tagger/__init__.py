"""A model in the loop: features, a CRF tagger, evaluation, training, other taggers.

No Qt and no SQL here: training reads a project through the ``Store`` interface, and the
trained model is bytes the store keeps (``save_model``).
"""
