"""Help while tagging: corpus search over normalized text (``search``), tagging every
occurrence at once (``bulk_tag``) and suggested spans from a gazetteer or past work
(``suggest``)."""
