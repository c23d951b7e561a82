"""annotator: tag spans in Arabic news articles with exact code-point offsets."""

__version__ = "0.1.0"
