"""A range of the article picked by keyboard: sentences, words, paragraphs (no Textual here).

Visual mode keeps a `Selection` with one fixed end and one moving end (the *head*), as in vim:
`w`/`b` move the head a word forward or back, `)`/`(` a sentence, `o` swaps the ends. Every
function here takes and returns plain offsets into `Article.text`, looks only at the text
around the position (so a 3 MB book costs nothing more), and never returns an empty range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.document import Article

LOOK = 400
"""Characters examined each side of a position when looking for the next or previous word."""

ABBREVIATIONS = frozenset(
    (
        *("mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "vs", "etc", "inc", "ltd", "co"),
        *("corp", "gen", "gov", "sen", "rep", "rev", "col", "lt", "sgt", "capt", "no", "fig"),
        *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
        *("e.g", "i.e", "u.s", "u.k", "a.m", "p.m"),
    )
)
"""Words whose trailing full stop does not end a sentence (lower case, without the stop)."""

_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+|$)")
_WORD_AFTER = re.compile(r"\s*\S+")
_REST_OF_WORD = re.compile(r"\S*\s+")
_LAST_WORD = re.compile(r"\S+\s*$")
_LAST_WORD_START = re.compile(r"(\S+)\s*$")


@dataclass(frozen=True, slots=True)
class Selection:
    """A non-empty range of `Article.text` with a moving end (see the module docstring)."""

    start: int
    """Offset of the first selected character."""
    end: int
    """Offset just past the last selected character."""
    head_at_end: bool = True
    """True when the moving end is `end` (the usual case), False after `o` swapped the ends."""

    @property
    def head(self) -> int:
        """The offset the keys move."""
        return self.end if self.head_at_end else self.start

    def swapped(self) -> Selection:
        """The same range with the other end moving."""
        return Selection(self.start, self.end, not self.head_at_end)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The sentences of `text[start:end]` as (start, end) offsets, whitespace trimmed.

    A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or brackets) followed by
    a space or the end, unless the word before a full stop is a known abbreviation or a single
    letter (an initial). Text without such an end is one sentence.
    """
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _SENTENCE_END.finditer(text, start, stop):
        if match.group().startswith(".") and _is_abbreviation(text, begin, match.start()):
            continue
        _append_trimmed(text, spans, begin, match.end())
        begin = match.end()
    _append_trimmed(text, spans, begin, stop)
    return spans


def _is_abbreviation(text: str, begin: int, stop: int) -> bool:
    word = text[begin:stop].rsplit(None, 1)[-1] if text[begin:stop].strip() else ""
    word = word.lstrip("\"'“‘(«[").lower()
    return (len(word) == 1 and word.isalpha()) or word in ABBREVIATIONS


def _append_trimmed(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append((start + lead, start + lead + len(stripped)))


def paragraph_sentences(article: Article, index: int) -> list[tuple[int, int]]:
    """The sentences of paragraph `index`, as offsets into `Article.text`."""
    paragraph = article.paragraphs[index]
    return sentence_spans(article.text, paragraph.start, paragraph.end)


def _paragraph_index(article: Article, offset: int) -> int:
    paragraph = article.paragraph_at(offset)
    if paragraph is not None:
        return paragraph.position
    # Between paragraphs: the one that starts after the offset.
    for candidate in article.paragraphs:
        if candidate.start >= offset:
            return candidate.position
    return len(article.paragraphs) - 1


def sentence_at(article: Article, offset: int) -> tuple[int, int] | None:
    """The sentence containing `offset` (or the next one after a gap); None if no text."""
    if not article.paragraphs:
        return None
    index = _paragraph_index(article, offset)
    sentences = paragraph_sentences(article, index)
    for start, end in sentences:
        if offset < end:
            return start, end
    return sentences[-1] if sentences else None


def paragraph_range(article: Article, index: int) -> tuple[int, int] | None:
    """Paragraph `index` as a range, trimmed of surrounding whitespace; None if it is blank."""
    paragraph = article.paragraphs[index]
    spans: list[tuple[int, int]] = []
    _append_trimmed(article.text, spans, paragraph.start, paragraph.end)
    return spans[0] if spans else None


def _sentences_near(article: Article, offset: int) -> list[tuple[int, int]]:
    """Sentences of the paragraph at `offset` and of its neighbours, in order."""
    if not article.paragraphs:
        return []
    index = _paragraph_index(article, offset)
    found: list[tuple[int, int]] = []
    for near in range(max(0, index - 1), min(len(article.paragraphs), index + 2)):
        found.extend(paragraph_sentences(article, near))
    return found


def _word_forward(text: str, position: int, at_end: bool) -> int:
    pattern = _WORD_AFTER if at_end else _REST_OF_WORD
    match = pattern.match(text, position, min(len(text), position + LOOK))
    return match.end() if match else position


def _word_backward(text: str, position: int, at_end: bool) -> int:
    low = max(0, position - LOOK)
    before = text[low:position]
    if at_end:
        match = _LAST_WORD.search(before)
        if match is None:
            return position
        return low + len(before[: match.start()].rstrip())
    match = _LAST_WORD_START.search(before)
    return low + match.start(1) if match else position


def move_word(selection: Selection, text: str, forward: bool) -> Selection:
    """Move the head one word forward or back; the range never becomes empty."""
    head = selection.head
    if forward:
        moved = _word_forward(text, head, selection.head_at_end)
    else:
        moved = _word_backward(text, head, selection.head_at_end)
    return _with_head(selection, moved)


def move_sentence(selection: Selection, article: Article, forward: bool) -> Selection:
    """Move the head to the next or previous sentence boundary (crossing paragraphs)."""
    head = selection.head
    sentences = _sentences_near(article, head)
    edges = [end if selection.head_at_end else start for start, end in sentences]
    if forward:
        later = [edge for edge in edges if edge > head]
        moved = later[0] if later else head
    else:
        earlier = [edge for edge in edges if edge < head]
        moved = earlier[-1] if earlier else head
    return _with_head(selection, moved)


def step_sentence(selection: Selection, article: Article, forward: bool) -> Selection:
    """Select just the sentence after (or before) the selection: move it, do not grow it."""
    sentences = _sentences_near(article, selection.end if forward else selection.start)
    if forward:
        later = [span for span in sentences if span[0] >= selection.end]
        chosen = later[0] if later else None
    else:
        earlier = [span for span in sentences if span[1] <= selection.start]
        chosen = earlier[-1] if earlier else None
    if chosen is None:
        return selection
    return Selection(chosen[0], chosen[1])


def _with_head(selection: Selection, moved: int) -> Selection:
    if selection.head_at_end:
        if moved <= selection.start:
            return selection
        return Selection(selection.start, moved, True)
    if moved >= selection.end:
        return selection
    return Selection(moved, selection.end, False)
