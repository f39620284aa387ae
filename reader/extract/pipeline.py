"""The extraction pipeline: spans, then attributions and kinds, then speakers, in reading order.

1. `spans.find_spans` pairs the quotation marks of the whole article.
2. Each paragraph is tokenized once; for each top-level quote the narration of its sentence
   before the opening mark and after the closing mark is read for an attribution
   (`attribution`) and for the signs of a scare quote or a title (`kinds`).
3. Sentences of narration without quotes are read for reported speech (`indirect`).
4. Everything is walked in reading order: mentions are merged into speakers, pronouns resolved,
   quotes without their own attribution continue the speaker of the quote before them in the
   paragraph, or of the paragraph above when they open their paragraph.

Every step does bounded work per token or per quote, so the whole is linear in the text size.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import operator
import re
from collections.abc import Callable, Iterator, Sequence

from reader.document import Article
from reader.extract.attribution import Attribution
from reader.extract.cues import CLAUSE_VERBS
from reader.extract.dialogue_runs import reconcile_runs
from reader.extract.fresh_rules9 import addresses, asks, replies
from reader.extract.headline_lines import paragraph_kind
from reader.extract.inner_quotes import other_than_quoter
from reader.extract.kind_lists import share_list_kind
from reader.extract.kind_rules9 import glosses
from reader.extract.mentions import PERSON, PRONOUN, Mention
from reader.extract.model import Evidence, Extraction, KindRule, Quote, QuoteKind, Span, Speaker
from reader.extract.narration_people import CLAUSE_RULE, OBJECT_RULE
from reader.extract.narrator import SaidColumns, name_narrator
from reader.extract.news_rules8 import (
    VOICED_FOR_RULE,
    principal_speaker,
    voiced_for,
    wraps_whole_quote,
)
from reader.extract.paragraphs import Paras, QuoteIndex, has_particle_names
from reader.extract.quote_builder import QuoteBuilder
from reader.extract.reading import (
    Item,
    link_split,
    read_quote,
    read_reported,
    share_coordinated,
)
from reader.extract.spans import RawQuote, paragraph_starts, spans_from
from reader.extract.speakers import (
    DIALOGUE_PRONOUN_REACH,
    PRONOUN_REACH,
    SCORER_EXTRA_REACH,
    Cluster,
    SpeakerTable,
)
from reader.extract.turns import (
    DIALOGUE_MIN_TURNS,
    DIALOGUE_SHARE,
    TURN_LOOKBACK,
    continued,
    dialogue_of,
    fill_from_later_turns,
    stray_paragraphs,
    turn_counts,
    turn_speaker,
)

_LOWER_WORD = re.compile(r"[a-z]+")
_CUE_WORDS = CLAUSE_VERBS | {"according"}


def _has_cue_word(paragraph: str) -> bool:
    """Whether a paragraph holds a word that can introduce reported speech (a quick filter)."""
    return not _CUE_WORDS.isdisjoint(_LOWER_WORD.findall(paragraph.lower()))


WINDOW_TEXT = 500_000
"""Characters of text read per window: a text this long or shorter is one window, and its
extraction is the whole text's at once. A longer one is read in windows cut at paragraph
starts that no quote runs across; the working set (tokens, items, their mentions) is then one
window's, and each window's quotes are built and handed on before the next one is read."""

AHEAD = TURN_LOOKBACK + 4
"""Items after an item that the turn rules read (`later_attribution` three, a run of turns up
to `TURN_LOOKBACK`): an item is resolved once that many after it have been read, and given a
speaker from the turns after it once that many after it are resolved."""

BEHIND = TURN_LOOKBACK + 1
"""Items before an item that the turn rules read back (`TURN_LOOKBACK`)."""


def run(article: Article, table: SpeakerTable | None = None) -> Extraction:
    """Extract quotes and speakers from `article`.

    `table` is a fresh `SpeakerTable` to use (a trainer passes one that records its choices).
    """
    windows = Windows(article, table)
    quotes = [quote for batch in windows.quotes() for quote in batch]
    renamed = windows.renamed()
    if renamed:
        quotes = [
            dataclasses.replace(q, speaker=renamed[q.speaker]) if q.speaker in renamed else q
            for q in quotes
        ]
    return Extraction(quotes=tuple(quotes), speakers=windows.speakers())


class Windows:
    """One extraction of an article, done a window of paragraphs at a time.

    `quotes()` yields each window's quotes (in article order) as soon as they are final, and
    `speakers()` then gives the speakers. A text of `WINDOW_TEXT` characters or fewer is one
    window: its quotes are exactly `run`'s of old, all at once. In a longer text, what crosses a
    window's edge is kept: the speaker table, the last speakers, the turns just before, the
    share of unnamed turns so far (whether the text reads as dialogue: decided on what has been
    read, not on the whole text), and a few numbers per top-level quote for naming the
    narrator at the end. A speaker's id is made from its name when its first quote is built,
    so in a long text it may be made from a shorter name than the one it ends with.

    `pause` is called after each paragraph is read (it changes nothing found): the reader,
    which extracts in a thread of its UI process, gives the interpreter to the UI thread there.
    """

    def __init__(
        self,
        article: Article,
        table: SpeakerTable | None = None,
        pause: Callable[[], object] = bool,
    ) -> None:
        self._pause = pause
        text = self._text = article.text
        paragraphs = self._paragraphs = article.paragraphs
        self._article = article
        self._title = article.title
        self._starts = paragraph_starts(paragraphs)
        self._particles = has_particle_names(text)
        if table is None:
            table = SpeakerTable()
        table.text = text
        self._table = table
        self._assigner = _Assigner(table, stray_paragraphs(paragraphs), text)
        self._builder = QuoteBuilder(text)
        self._said = SaidColumns()
        self._last_quote: Item | None = None
        # quote-opened paragraphs read so far and those naming nobody, as the reading counts
        # them (for `objects`), and as `is_dialogue` counts them (once a window is read)
        self._turns = self._unnamed = 0
        self._turn_counts = (0, 0)

    def quotes(self) -> Iterator[list[Quote]]:
        """Each window's quotes, sorted, as soon as they are final (the last after the rest)."""
        items: list[Item] = []  # the items read and not yet let go, in reading order
        resolved = filled = built = 0  # how many of `items` are resolved, filled, built
        window: _Window | None = self._window(0)
        while window is not None:
            # the next window's quotes are found first: the last paragraphs of this one are
            # read for reported speech when a quote follows within two paragraphs
            after = self._window(window.stop) if window.stop < len(self._paragraphs) else None
            last = after is None
            new = self._read(window, after)
            turns, unnamed = turn_counts(new)
            self._turn_counts = (self._turn_counts[0] + turns, self._turn_counts[1] + unnamed)
            items += new
            del new
            window = after
            dialogue = dialogue_of(*self._turn_counts)
            end = len(items) if last else max(resolved, len(items) - AHEAD)
            self._assigner.run(items, resolved, end, dialogue)
            resolved = end
            end = resolved if last else max(filled, resolved - AHEAD)
            fill_from_later_turns(items, dialogue, filled, end)
            reconcile_runs(items, dialogue, filled, end)
            self._said.add(itertools.islice(items, filled, end))
            filled = end
            if last:
                name_narrator(self._text, self._said, self._table)
            yield self._builder.build(items, built, filled)
            built = filled
            # the turn rules read back this many items from the next ones; the rest go
            drop = max(0, built - BEHIND)
            del items[:drop]
            resolved, filled, built = resolved - drop, filled - drop, built - drop

    def _window(self, first: int) -> _Window:
        """The window that starts at paragraph `first`, its quotes found."""
        starts = self._starts
        stop = (
            first
            if first >= len(starts)
            else bisect.bisect_left(starts, starts[first] + WINDOW_TEXT, first + 1)
        )
        raws, stop = spans_from(self._text, self._paragraphs, self._starts, first, stop)
        return _Window(self._text, self._article, raws, first, stop, self._particles)

    def renamed(self) -> dict[str, str]:
        """The speaker ids of the quotes handed on that change now that all is read.

        Asked once `quotes()` is done, and before `speakers()`: the quotes' `speaker` given
        here is replaced by its new id, to be the whole text's (`QuoteBuilder.renamed`).
        """
        return self._builder.renamed()

    def speakers(self) -> tuple[Speaker, ...]:
        """The speakers of the quotes built, by count (once `quotes()` and `renamed()` are done)."""
        return self._builder.speakers(self._table)

    def _read(self, window: _Window, after: _Window | None) -> list[Item]:
        """The items of the paragraphs of `window`, in reading order.

        Each paragraph's tokens are dropped once it is read: a book's tokens all kept alive
        would cost more in garbage collection than they cost to build. The items are gathered
        in the order of the reading passes (quotes, nested quotes, reported speech) before
        sorting.
        """
        text, paras, index, title = self._text, window.paras, window.index, self._title
        top_at, nested_at, quoted = window.top_at, window.nested_at, index.quoted
        # the paragraphs after the window that hold a quote (read for the last two)
        ahead = (
            ()
            if after is None
            else [p for p in range(after.first, after.first + 2) if p in after.index.quoted]
        )
        near_end = window.stop - 2
        quote_items: list[Item] = []
        nested_items: list[Item] = []
        reported_items: list[Item] = []
        # a paragraph's words are sliced out of the text only for the two tests that read them
        for number in range(window.first, window.stop):
            quotes_here = top_at.pop(number, ())
            headline = paragraph_kind(paras.text_of(number), title) if quotes_here else None
            for q in quotes_here:
                item = read_quote(text, paras, q, index)
                if headline is not None:
                    item.kind, item.kind_rule = headline
                if self._last_quote is not None:
                    link_split(text, paras, self._last_quote, item)
                    share_coordinated(paras, self._last_quote, item)
                    share_list_kind(text, paras, self._last_quote, item)
                    _share_gloss(paras, self._last_quote, item)
                quote_items.append(item)
                self._last_quote = item
                if item.opens_paragraph and not item.split_tail:
                    self._turns += 1
                    self._unnamed += item.attribution is None or item.attribution.mention is None
            for q, parent in nested_at.pop(number, ()):
                bounds = (parent.start, parent.end)
                nested_items.append(read_quote(text, paras, q, None, bounds=bounds))
            # narration is read where speech can be (a cue word, or next to a quote) and where a
            # pronoun's antecedent can be: up to two paragraphs before a quote
            if (
                number in quoted
                or number + 1 in quoted
                or number + 2 in quoted
                or (number >= near_end and (number + 1 in ahead or number + 2 in ahead))
                or _has_cue_word(paras.text_of(number))
            ):
                # persons named after a verb are read until the text reads as news so far
                # (`is_dialogue`'s test, run as it goes): only dialogue notes them (`_assign`),
                # and a book of news would pay for them on every page
                objects = (
                    self._turns < DIALOGUE_MIN_TURNS or self._unnamed > DIALOGUE_SHARE * self._turns
                )
                reported_items.extend(read_reported(text, paras[number], number, index, objects))
            paras.drop(number)
            self._pause()
        items = quote_items + nested_items + reported_items
        items.sort(key=operator.attrgetter("start"))
        return items


class _Window:
    """A window of paragraphs with its quotes, as the reading of its items needs them."""

    def __init__(
        self,
        text: str,
        article: Article,
        raws: list[RawQuote],
        first: int,
        stop: int,
        particles: bool,
    ) -> None:
        self.first = first
        """Its first paragraph."""
        self.stop = stop
        """The paragraph after its last."""
        self.paras = Paras(text, article, raws, particles)
        """Its paragraphs, tokenized when read."""
        top = [q for q in raws if q.depth == 0]
        self.index = QuoteIndex(top)
        """Its top-level quotes by paragraph."""
        self.top_at: dict[int, list[RawQuote]] = {}
        """Its top-level quotes by the paragraph where they start (taken out as read)."""
        for q in top:
            self.top_at.setdefault(q.paragraph, []).append(q)
        self.nested_at: dict[int, list[tuple[RawQuote, RawQuote]]] = {}
        """Its nested quotes with their parents, by paragraph (taken out as read)."""
        for q, parent in _nested_parents(text, raws):
            self.nested_at.setdefault(q.paragraph, []).append((q, parent))


def _nested_parents(text: str, raws: Sequence[RawQuote]) -> list[tuple[RawQuote, RawQuote]]:
    """Each nested quote with the parent it is read inside (as if the parent were narration).

    Not one that is all its parent's words (`"'Closed for fishing,'" he said`): the parent is it.
    """
    out: list[tuple[RawQuote, RawQuote]] = []
    open_parents: list[RawQuote] = []
    for q in raws:  # sorted by start, parents before children
        while open_parents and open_parents[-1].end < q.end:
            open_parents.pop()
        if q.depth > 0 and open_parents:
            parent = open_parents[-1]
            if not wraps_whole_quote(text, (parent.start, parent.end), (q.start, q.end)):
                out.append((q, parent))
        open_parents.append(q)
    return out


class _Assigner:
    """Resolves speakers in reading order, continuing speakers where a quote has no attribution.

    What it knows of the items before carries from one window to the next.
    """

    def __init__(self, table: SpeakerTable, stray: frozenset[int], text: str) -> None:
        self._table = table
        self._stray = stray
        self._text = text
        self._reach = table.pronoun_reach
        self.last_speaker: Cluster | None = None
        self.last_paragraph = -1
        self.last_in_para: dict[int, Cluster] = {}
        self.enclosing: Item | None = None  # the last top-level quote, for those nested in it

    def run(self, items: list[Item], lo: int, hi: int, dialogue: bool) -> None:
        """Resolve the speakers of `items[lo:hi]`; the items around them are read."""
        table, stray, text = self._table, self._stray, self._text
        last_speaker, last_paragraph = self.last_speaker, self.last_paragraph
        last_in_para, enclosing = self.last_in_para, self.enclosing
        table.dialogue = dialogue
        table.pronoun_reach = DIALOGUE_PRONOUN_REACH if dialogue else self._reach
        for pos in range(lo, hi):
            item = items[pos]
            att = item.attribution
            if item.dropped and item.raw is None and att is not None and att.mention is not None:
                if att.rule == OBJECT_RULE:
                    # named after a verb (`told Marianne`): a candidate, not the sentence's subject
                    if dialogue:
                        table.note_person(att.mention, item.paragraph, as_object=True)
                    continue
                if att.rule == CLAUSE_RULE:
                    # named in a sentence whose subject is no person: a candidate, no speaker
                    table.note_person(att.mention, item.paragraph)
                    continue
                table.note_person(att.mention, item.paragraph)  # a sentence subject, for pronouns
                subject = table.resolve_noted(att.mention)
                if subject is not None and item.paragraph >= last_paragraph:
                    last_speaker, last_paragraph = subject, item.paragraph
                    last_in_para[item.paragraph] = subject
                continue
            if item.dropped:
                continue
            if item.kind in (QuoteKind.SCARE, QuoteKind.TITLE):
                if att is not None and att.mention is not None and att.mention.kind == PERSON:
                    # "Dhillon, a dental assistant, said her policy did not cover what the insurer
                    # called "overland water."": no one's words, but the sentence's subject is
                    # the one a later `she said` stands for
                    table.note_person(att.mention, item.paragraph)
                continue
            if item.raw is not None and item.raw.depth > 0:
                if att is not None and att.mention is not None:
                    # resolved even when the outer speaker is taken: the table notes the mention
                    # as it would, so the later quotes' pronouns read the same context. In news
                    # only: in dialogue the turn rules read every quote's speaker, and on the PDNC
                    # novels the outer speaker there cost two top-level speakers (11801 -> 11799)
                    cluster = table.resolve(att.mention, item.paragraph)
                    own = None if dialogue else _quoting_self(att, item, enclosing)
                    if not dialogue and enclosing is not None:  # `"He said, '...'" X recalled`
                        people = table.recent_people(item.paragraph - PRONOUN_REACH)
                        cluster = other_than_quoter(att.mention, cluster, enclosing.speaker, people)
                    item.speaker = own or (None if _self_unknown(att, enclosing) else cluster)
                    item.evidence = _evidence(att, item.kind_rule)
                continue
            if item.raw is not None:
                enclosing = item
            if item.split_with is not None:
                item.speaker = item.split_with.speaker
                item.evidence = item.split_with.evidence
            elif att is not None and att.mention is not None:
                turn = turn_speaker(items, pos, item, dialogue, table, text)
                cluster = table.resolve(att.mention, item.paragraph, turn, last_speaker)
                if not dialogue and att.mention.kind == PRONOUN and cluster is not None:
                    # the cue is read first: few pronoun quotes reply, and the speech before is
                    # read back only for those
                    answers = (
                        att.cue is not None
                        and replies(att.cue.text)
                        and cluster is last_speaker
                        and _asked_before(items, pos, text)
                    )
                    cluster = _not_spoken_to(table, item, att.mention, cluster, answers, text)
                item.speaker = cluster
                item.evidence = _evidence(att, item.kind_rule, table.last_choice)
            else:
                cluster, rule = continued(
                    items,
                    pos,
                    item,
                    last_in_para,
                    last_speaker,
                    last_paragraph,
                    dialogue,
                    stray,
                    table,
                    text,
                )
                item.speaker = cluster
                if cluster is not None:
                    item.evidence = Evidence(rule, kind_rule=item.kind_rule)
            if item.raw is not None and item.split_with is None:
                principal = voiced_for(text, item.raw.outer_start, item.raw.outer_end)
                if principal is not None:  # `"...," the interpreter said, speaking for him`
                    item.speaker = principal_speaker(table, principal, item.speaker, item.paragraph)
                    item.evidence = Evidence(
                        VOICED_FOR_RULE,
                        mention=principal.words,
                        mention_span=Span(principal.start, principal.end),
                        kind_rule=item.kind_rule,
                    )
            if item.speaker is not None:
                last_speaker = item.speaker
                last_paragraph = item.raw.segments[-1].paragraph if item.raw else item.paragraph
                last_in_para[last_paragraph] = item.speaker
        self.last_speaker, self.last_paragraph = last_speaker, last_paragraph
        self.enclosing = enclosing
        # the continuation rules read the entry of the item's own paragraph, and the items
        # still to come start no earlier than the last one resolved
        if hi > lo:
            first = items[hi - 1].paragraph
            for number in [n for n in last_in_para if n < first]:
                del last_in_para[number]


_SELF = frozenset(("i", "me", "myself"))
"""First-person words: inside a quote they stand for whoever speaks it."""


_GLOSS_GAP = 4
"""The most characters between a quote and its translation (` — `, ` (`)."""


def _share_gloss(paras: Paras, previous: Item, item: Item) -> None:
    """A translation right after a quote (`"Obrigado" — "Thank you."`) takes its kind.

    And the rule that decided it, as `share_coordinated` does: the words are the same words.
    """
    a, b = previous.raw, item.raw
    if a is None or b is None or b.outer_start - a.outer_end > _GLOSS_GAP:
        return  # most quotes: narration between them, no translation
    if a.segments[-1].paragraph != b.paragraph:
        return
    if item.attribution is not None and item.attribution.mention is not None:
        return
    if glosses(paras[b.paragraph], a.outer_end, b.outer_start):
        item.kind, item.kind_rule = previous.kind, previous.kind_rule


def _asked_before(items: Sequence[Item], pos: int, text: str) -> bool:
    """Whether the speech (quote or narration) before `items[pos]` asks something (fresh_rules9)."""
    for k in range(pos - 1, -1, -1):
        prev = items[k]
        raw = prev.raw
        if raw is not None and raw.depth > 0:
            continue  # a quote inside the one before: its enclosing quote is read
        att = prev.attribution
        if raw is None and (att is None or att.mention is None):
            continue  # narration that names no one
        if raw is not None:
            return asks(text, text[raw.start : raw.end], None, 0)
        assert att is not None and att.mention is not None
        if att.cue is None:
            return asks(text, None, None, att.mention.end)
        return asks(text, None, att.cue.text, att.cue.start)
    return False


def _not_spoken_to(
    table: SpeakerTable,
    item: Item,
    mention: Mention,
    cluster: Cluster,
    answers: bool,
    text: str,
) -> Cluster | None:
    """The speaker `mention` (`he`, `she`; resolved to `cluster`) stands for, asked again.

    Someone else than `cluster` when the quote answers `cluster` (`answers`: its cue replies,
    and the speech just before is theirs, and asks) or calls `cluster` by name.

    `"...?" the reporter asked. "...," she replied`: not the reporter; `"It's not funny,
    Einar," she said`: not Einar. The latest other person of a fitting sex (fresh_rules9),
    within the reach the speaker scorer reads.
    """
    raw = item.raw
    if answers or (raw is not None and addresses(text[raw.start : raw.end], cluster.names)):
        people = table.recent_people(item.paragraph - PRONOUN_REACH - SCORER_EXTRA_REACH)
        return other_than_quoter(mention, cluster, cluster, people)
    return cluster


def _quoting_self(att: Attribution, item: Item, enclosing: Item | None) -> Cluster | None:
    """The outer speaker when a nested quote is the speaker quoting themself.

    `"I called my neighbour and said, 'Do not let the dog out,'" she said`: the `I` who said
    the inner words is whoever speaks the outer quote, not a speaker named `I`.
    """
    mention = att.mention
    if (
        mention is None
        or mention.kind != PRONOUN
        or mention.text.lower() not in _SELF
        or enclosing is None
        or enclosing.raw is None
        or item.raw is None
        or enclosing.raw.end < item.raw.end
    ):
        return None
    return enclosing.speaker


def _self_unknown(att: Attribution, enclosing: Item | None) -> bool:
    """True when `I` says the inner words of a quote whose own speaker is not known.

    `I` there is that unknown speaker, not a speaker named `I` (`_quoting_self`).
    """
    mention = att.mention
    return (
        mention is not None
        and mention.kind == PRONOUN
        and mention.text.lower() in _SELF
        and enclosing is not None
        and enclosing.speaker is None
    )


def _evidence(
    att: Attribution, kind_rule: KindRule | None, scorer: object | None = None
) -> Evidence:
    """The evidence of an attribution, the rule that decided the quote's kind, the scorer's say.

    `scorer` tells how the speaker scorer chose among a pronoun's candidates, when it did.
    """
    mention = att.mention
    cue = att.cue
    if cue is None:
        if mention is None:
            return Evidence(att.rule, kind_rule=kind_rule)
        return Evidence(
            att.rule, None, None, mention.text, Span(mention.start, mention.end), kind_rule, scorer
        )
    return Evidence(
        att.rule,
        cue.text,
        Span(cue.start, cue.end),
        mention.text if mention else None,
        Span(mention.start, mention.end) if mention else None,
        kind_rule,
        scorer,
    )


def extract(article: Article) -> Extraction:
    """Find the quotes and speakers of `article` (quotes in article order, speakers by count).

    The caller's garbage collector is left as it is; a program that owns its process and
    extracts a book can run this inside `reader.extract.collector.paused_collector` (~20% faster).
    """
    return run(article)
