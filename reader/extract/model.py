"""Value types for who-said-what: quotes, speakers and the evidence linking them.

Shared by the extractor (which builds them), the UI (which shows them) and the CLI (which prints
them); kept free of any extraction logic so every side can import it cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property


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


class KindRule(StrEnum):
    """The rule of `reader.extract.kinds.RULES` that decided a quote's kind."""

    TEASER_LINE = "teaser-line"
    """A quote in a `READ MORE: ...` line (a paragraph rule): a title."""
    REPEATED_HEADLINE = "repeated-headline"
    """A quote in the headline repeated in the body (a paragraph rule): a title."""
    HEADLINE_STYLE_LINE = "headline-style-line"
    """A line in a headline's style under it (`'...,' elder says as ...`, no full stop): a title."""
    TIMESTAMPED_SUBHEAD = "timestamped-subhead"
    """`11:40 a.m. — Tizya: '...'`: a live blog's entry heading (a paragraph rule): a title."""
    MARKUP_VALUE = "markup-value"
    """`href="..."`: an attribute value of HTML left in the text, scare."""
    DATED_WORK = "dated-work"
    """`"Jaws" (1975)`: a quote followed by its year in brackets is a work's title."""
    EXCERPT_WITH_LINK = "excerpt-with-link"
    """`"..." http://...`: a line of a linked article, quoted in a round-up: a title."""
    WORN_SLOGAN = "worn-slogan"
    """`wearing a T-shirt that read "..."`: words printed on clothing, a title."""
    HASHTAG_TERM = "hashtag-term"
    """`the hashtag "#Trail2026"`: a hashtag or a handle alone, scare."""
    HEADING_OR_THEME = "heading-or-theme"
    """`under the heading "..."`, `the parade theme, "Amazonia"`: a title."""
    NAME_GIVEN_AFTER_NOUN = "name-given-after-noun"
    """`a drive, branded "Alberta Works"`, `a method referred to as "..."`: a name, scare."""
    UNHELD_SIGN = "unheld-sign"
    """`A sign reading "..." stood by the shed`, nobody holding it: scare."""
    TITLED_WITH_ASIDE = "titled-with-aside"
    """`he has titled, with some humour, "All Must Go."`: a title."""
    TITLE_AFTER_TITLE_NOUN = "title-after-title-noun"
    """`the report "Rivers at Risk"`: a title."""
    IN_THEIR_WORDS = "in-their-words"
    """`in her words, "unhealthy."`, `as he put it, "..."`: partial."""
    WORDING_OF_THE_SPEAKER = "wording-of-the-speaker"
    """`she coined the phrase "..."`: her words, partial."""
    SCARE_CUE_BEFORE = "scare-cue-before"
    """`so-called "..."`, `known as "..."`: a scare quote."""
    TITLE_AFTER_POSSESSIVE = "title-after-possessive"
    """`NBC's "Nightly News"`: a title."""
    TITLE_AFTER_TOLD = "title-after-told"
    """`told "Fox and Friends"`, `on "Meet the Press"`: a programme, a title."""
    NAME_GIVEN_PASSIVELY = "name-given-passively"
    """`has been called "The Hammer"`: a Title-Cased name a thing or person goes by, scare."""
    NAMED_BY_PARTICIPLE = "named-by-participle"
    """`a phenomenon called "differential nonresponse"`: a name, scare (or title)."""
    TERM_DEFINED_AFTER = "term-defined-after"
    """`a "targeted employment area," which is defined as ...`: a term explained, scare."""
    WORDS_AND_MEANING = "words-and-meaning"
    """`"'Under review' means no"`, `meant both "late" and ...`: words talked about, scare."""
    TERM_INSIDE_A_QUOTE = "term-inside-a-quote"
    """`"They said 'scale' forty times," he says`: a short term inside a quote, scare."""
    PROGRAMME_NAME = "programme-name"
    """`a "safe routes" program`, `"super mayor" powers`: a scheme's name, scare."""
    TERM_OFFERED_AS_EQUIVALENT = "term-offered-as-equivalent"
    """`It suggests "burger écrasé" as an equivalent`: words offered for other words, scare."""
    TERM_NAMED_AFTER = "term-named-after"
    """`"the Professor," a nickname he picked up`: words the sentence calls a name or a phrase."""
    NAME_IN_HABITUAL_CALL = "name-in-habitual-call"
    """`regulars call it simply "the Dar"`: the name a crowd calls something, scare."""
    CHARACTERISING_FRAGMENT = "characterising-fragment"
    """`called Idlib "a black hole"`, `described it as "..."`: partial."""
    EMBEDDED_TITLE = "embedded-title"
    """Title-Cased words inside narration, no verb of calling or saying before: a title."""
    LISTED_AFTER_A_TERM = "listed-after-a-term"
    """`"ambassador," "attack" and "Libya"`: an item listed after a scare quote or a title."""
    LISTED_TERM = "listed-term"
    """One of a list of short quoted terms: scare."""
    NOUN_MODIFIER = "noun-modifier"
    """`the "top secret" level`: scare."""
    NICKNAME = "nickname"
    """`Robert C. "Bobby" Scott`: scare."""
    HEADLINE_WITH_BYLINE = "headline-with-byline"
    """`"...," by Ben Sisario`: a title."""
    COPULA_JUDGEMENT = "copula-judgement"
    """`the deal was "fantastic"`: partial."""
    UNSPOKEN_WORD = "unspoken-word"
    """A word or two whose sentence subject is not said to say it: scare."""
    SOURCED_PHRASE = "sourced-phrase"
    """`according to X, they want it done "by 2030"`: a short phrase opened by a preposition
    with no source but the sentence's `according to`: wording under discussion, scare."""
    POSSESSIVE_TERM = "possessive-term"
    """`Holt's "runners"`: one word linked to anybody only by a possessive, scare."""
    ATTRIBUTED_FRAGMENT = "attributed-fragment"
    """A named speaker, the quote inside narration: partial."""
    ATTRIBUTED_UTTERANCE = "attributed-utterance"
    """A named speaker, the quote a sentence of its own: direct."""
    UNATTRIBUTED_TITLE = "unattributed-title"
    """A short Title-Cased quote inside narration, nobody named: a title."""
    UNATTRIBUTED_TERM = "unattributed-term"
    """A short quote inside narration with no verb of saying: scare."""
    UNATTRIBUTED_FRAGMENT = "unattributed-fragment"
    """A longer quote inside narration, nobody named: partial."""
    TITLE_OPENING_SENTENCE = "title-opening-sentence"
    """`"Harbor Lights," on Channel 4, is a drama`: a title the sentence goes on to describe."""
    STANDALONE_TITLE = "standalone-title"
    """A short Title-Cased quote standing alone: a title."""
    TERM_AS_SUBJECT = "term-as-subject"
    """`"Red zone" is the highest level`: a short term opening its own definition, scare."""
    STANDALONE_UTTERANCE = "standalone-utterance"
    """Anything else: direct."""


@dataclass(frozen=True, slots=True)
class Span:
    """A range of `Article.text`, end exclusive."""

    start: int
    """Offset of the first character."""
    end: int
    """Offset just past the last character."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a quote has its speaker and its kind: the rules that decided, the cue, the mention.

    Every quote found between marks has evidence, with the kind rule at least; the attribution
    fields are set when a speaker was chosen.
    """

    rule: str | None = None
    """Name of the attribution pattern that fired (`after-said`, `colon-intro`, `pronoun`...)."""
    cue: str | None = None
    """The cue verb as written (`said`, `promised`, `according to`), if any."""
    cue_span: Span | None = None
    """Where the cue is in `Article.text`."""
    mention: str | None = None
    """The speaker mention as written (`Erdogan`, `he`, `the ministry`)."""
    mention_span: Span | None = None
    """Where the mention is in `Article.text`."""
    kind_rule: KindRule | None = None
    """The kind rule that decided the quote's kind (None for reported speech without marks)."""
    scorer: object | None = None
    """How the learned speaker scorer chose among the candidates a pronoun may stand for,
    when it did: its `str()` reads `speaker-scorer: 0.81 of 3 candidates (...)` (worked out
    only when shown)."""


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
    """Why the speaker and the kind were chosen."""
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

    @cached_property
    def speakers_by_id(self) -> dict[str, Speaker]:
        """The speakers keyed by id, built on first use.

        A frozen dataclass keeps it in its instance dictionary, outside the compared and hashed
        fields.
        """
        return {s.id: s for s in self.speakers}

    def speaker(self, speaker_id: str | None) -> Speaker | None:
        """Return the speaker with `speaker_id`, or None."""
        if speaker_id is None:
            return None
        return self.speakers_by_id.get(speaker_id)

    def quotes_by(self, speaker_id: str) -> list[Quote]:
        """Return the quotes attributed to `speaker_id`, in article order."""
        return [q for q in self.quotes if q.speaker == speaker_id]
