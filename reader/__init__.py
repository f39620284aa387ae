"""reader: a keyboard-driven terminal reader for news articles that knows who is speaking."""

__version__ = "0.1.0"
