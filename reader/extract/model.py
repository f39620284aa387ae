"""Value types for who-said-what: quotes, speakers and the evidence linking them.

Shared by the extractor (which builds them), the UI (which shows them) and the CLI (which prints
them); kept free of any extraction logic so every side can import it cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class QuoteKind(StrEnum):
    """What sort of quotation a quote is."""

    DIRECT = "direct"
    """A full quoted utterance."""
    PARTIAL = "partial"
    """A quoted fragment inside reported speech (called Idlib "a black hole")."""
    SCARE = "scare"
    """A quoted term nobody is saying (what they call "terrorist groups")."""
    TITLE = "title"
    """The quoted name of a report, film or book."""
    INDIRECT = "indirect"
    """Reported speech without quote marks (Erdogan said that he expected ...)."""


@dataclass(frozen=True, slots=True)
class Span:
    """A range of `Article.text`, end exclusive."""

    start: int
    """Offset of the first character."""
    end: int
    """Offset just past the last character."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a quote was given to a speaker: the cue verb and the speaker mention."""

    rule: str
    """Name of the attribution pattern that fired (`after-said`, `colon-intro`, `pronoun`...)."""
    cue: str | None = None
    """The cue verb as written (`said`, `promised`, `according to`), if any."""
    cue_span: Span | None = None
    """Where the cue is in `Article.text`."""
    mention: str | None = None
    """The speaker mention as written (`Erdogan`, `he`, `the ministry`)."""
    mention_span: Span | None = None
    """Where the mention is in `Article.text`."""


@dataclass(frozen=True, slots=True)
class Quote:
    """One utterance: its text, where it is, what kind it is and who said it."""

    start: int
    """Offset of the first character inside the quote marks (of the first segment)."""
    end: int
    """Offset just past the last character inside the marks (of the last segment)."""
    text: str
    """The quoted words, verbatim; segments of a split quote joined by a space."""
    kind: QuoteKind
    """Direct, partial, scare, title or indirect."""
    paragraph: int
    """Index of the paragraph where the quote starts."""
    speaker: str | None = None
    """Id of the `Speaker` it is attributed to, or None."""
    segments: tuple[Span, ...] = ()
    """The pieces of a quote split by its attribution or by paragraphs; empty when one piece."""
    nested: bool = False
    """True for a quote inside another quote."""
    evidence: Evidence | None = None
    """Why the speaker was chosen."""
    split: bool = False
    """True when `segments` are the halves of a quote split by its attribution, not paragraphs."""


@dataclass(frozen=True, slots=True)
class Speaker:
    """A person or organisation that says something in the article."""

    id: str
    """Stable id derived from the canonical name (`leonid-slutsky`)."""
    name: str
    """Canonical (longest full) name."""
    aliases: tuple[str, ...] = ()
    """Other ways the text refers to them (`Slutsky`, `the head of the ... Committee`)."""
    organisation: bool = False
    """True for an organisation (`the UN`, `the ministry`)."""
    quote_count: int = 0
    """How many quotes (all kinds but scare and title) are attributed to them."""
    paragraphs: tuple[int, ...] = ()
    """Indexes of the paragraphs where they speak."""


@dataclass(frozen=True)
class Extraction:
    """Everything found in one article: quotes in article order, speakers by quote count."""

    quotes: tuple[Quote, ...] = ()
    """All quotes, sorted by start offset."""
    speakers: tuple[Speaker, ...] = ()
    """All speakers, most quoted first."""
    _by_id: dict[str, Speaker] = field(default_factory=dict, repr=False, compare=False)

    def speaker(self, speaker_id: str | None) -> Speaker | None:
        """Return the speaker with `speaker_id`, or None."""
        if speaker_id is None:
            return None
        if not self._by_id:
            self._by_id.update((s.id, s) for s in self.speakers)
        return self._by_id.get(speaker_id)

    def quotes_by(self, speaker_id: str) -> list[Quote]:
        """Return the quotes attributed to `speaker_id`, in article order."""
        return [q for q in self.quotes if q.speaker == speaker_id]
