"""Messages that travel up to the app, for things no single widget owns."""

from __future__ import annotations

from textual.message import Message


class ReadingPositionChanged(Message):
    """The reading position moved; the app remembers it so it can be saved on exit."""

    def __init__(self, offset: int, paragraph: int) -> None:
        super().__init__()
        self.offset = offset
        """Article offset of the first text on screen."""
        self.paragraph = paragraph
        """Index of the current paragraph."""

    def can_replace(self, message: Message) -> bool:
        """Only the newest position matters."""
        return isinstance(message, ReadingPositionChanged)
