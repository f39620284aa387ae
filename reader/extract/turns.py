"""Continuation: the speaker of a quote whose own sentence names nobody.

A quote with no attribution of its own takes its speaker from the quotes around it. The rules
are tried in order, each a small named function; the first that decides gives the speaker and
its name goes on the quote's evidence:

* `continues-paragraph`: an earlier quote in the same paragraph has a speaker
  (`"A," she said. "B."`);
* a later quote of the paragraph with its own attribution (`"A." "B," she said.`) is left to
  that attribution: the quote stays open here (no rule name, no speaker);
* `acts-beside`: the person whose action is told right beside the quote
  (`"Nonsense!" She laughed.`);
* `answers-vocative`: a quote-only paragraph after a quote that addressed a known person by
  name (`"You think so, Hastings?"`) is that person's answer;
* `alternates-turn`: a dialogue, two speakers taking turns paragraph by paragraph
  (`"A?" asked Ann.` / `"B," said Ben.` / `"C."`): the quote-only paragraph is the reply of the
  speaker two turns back, as in fiction a new paragraph is a new speaker;
* `continues-previous`: a quote that opens its paragraph right after a paragraph whose quote
  has a speaker continues that speaker (news breaks one speaker's quotes into paragraphs); in
  dialogue, when that paragraph was a turn of its own, the latest other speaker replies
  (`replies-turn`, `_after_turn`).

A dialogue's first turns often name nobody: the names come a few turns later. Once every quote
is read, `precedes_turn` gives such a turn, still without a speaker, the speaker the turns
after it say it has, counted backwards as `alternates-turn` counts forwards.

Whatever rule decides, a speaker that the quote itself addresses by name did not speak it: the
latest other speaker takes it (`not-addressed`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from reader.document import Paragraph, paragraph_bounds
from reader.extract.mentions import PERSON
from reader.extract.model import Evidence, QuoteKind
from reader.extract.not_persons import not_a_person
from reader.extract.reading import Item
from reader.extract.scorer import MAX_CANDIDATES, TurnCandidate, choose_turn
from reader.extract.speakers import Cluster, PronounChoice, SpeakerTable
from reader.extract.vocatives import addressed_names, called_names, opening_name

TURN_MENTION_REACH = 2
"""An unattributed quote's candidates include the persons named up to this many paragraphs
before the quote above it (someone who entered the scene, then was spoken to)."""

TURN_LOOKBACK = 24
"""How many items back the turn rules read to find the two previous paragraphs' speakers."""


class Context(NamedTuple):
    """What the continuation rules read about one quote without an attribution."""

    items: Sequence[Item]
    """Every item of the article, in reading order (earlier ones already resolved)."""
    pos: int
    """Index of the quote in `items`."""
    item: Item
    """The quote itself."""
    last_in_para: dict[int, Cluster]
    """The last speaker of each paragraph read so far."""
    last_speaker: Cluster | None
    """The last speaker of any quote read so far."""
    last_paragraph: int
    """The paragraph of `last_speaker`'s quote."""
    dialogue: bool
    """True when the text is written as dialogue (`is_dialogue`)."""
    stray: frozenset[int]
    """Paragraphs with no letter or digit in them (`stray_paragraphs`)."""
    people: SpeakerTable | None
    """The speakers met so far: resolves a beat's mention, looks up an addressed name."""
    text: str
    """The article's text (a quote's words are read for the names it addresses only when a
    rule asks: `addressed`)."""


class Decision(NamedTuple):
    """A rule's answer: the speaker (None: the quote stays unattributed) and the rule's name."""

    speaker: Cluster | None
    rule: str


def continues_paragraph(ctx: Context) -> Decision | None:
    """An earlier quote of the same paragraph has a speaker: the same one goes on."""
    found = ctx.last_in_para.get(ctx.item.paragraph)
    return None if found is None else Decision(found, "continues-paragraph")


def later_attribution(ctx: Context) -> Decision | None:
    """`"A." "B," she said.`: a later quote of the paragraph names its speaker; leave this open."""
    item = ctx.item
    for later in ctx.items[ctx.pos + 1 : ctx.pos + 4]:
        if later.paragraph != item.paragraph:
            break
        att = later.attribution
        if (
            later.raw is not None
            and att is not None
            and att.mention is not None
            and later.kind not in (QuoteKind.SCARE, QuoteKind.TITLE)
            and not later.embedded
        ):
            return Decision(None, "")
    return None


def acts_beside(ctx: Context) -> Decision | None:
    """The one whose action is told beside a quote speaks it (`Item.beat`).

    `"Nonsense!" She laughed.`: a person (or `he` / `she`) opening the narration sentence right
    after a quote that stands as its own sentence, or right before it in its paragraph. Right
    on 0.59 of 216 quotes of the PDNC development novels and 12 of 14 of PolNeAR train.
    """
    beat = ctx.item.beat
    if beat is None:
        return None
    speaker = None if ctx.people is None else ctx.people.resolve(beat, ctx.item.paragraph)
    return None if speaker is None else Decision(speaker, "acts-beside")


def answers_vocative(ctx: Context) -> Decision | None:
    """A quote-only paragraph after a quote that named the one it spoke to is that one's answer.

    `"You think so, Hastings?"` / `"I am sure of it."`: the second is Hastings's. The name must
    be a person already met who did not speak the quote addressing them. Every quote of the
    turn before counts, latest first (`"Are you cold, Nell?" she said. "The fire is low."`):
    on the PDNC development novels reading past its last quote turned 18 wrong speakers right
    and 5 right ones wrong. In dialogue a name called after a comma (`"And you, Ivy?"`,
    `vocatives.called_names`) counts too when no one met has it: it becomes a person
    (`_called_in`); on the PDNC development novels 112 speakers wrong -> right, 35 right ->
    wrong.
    """
    item = ctx.item
    if not item.opens_paragraph or ctx.people is None:
        return None
    for k in range(ctx.pos - 1, max(-1, ctx.pos - 1 - TURN_LOOKBACK), -1):
        other = ctx.items[k]
        if other.raw is None or other.raw.depth > 0 or other.dropped:
            continue
        if other.paragraph != item.paragraph - 1:
            return None
        for name in addressed(ctx, other):
            person = ctx.people.known_person(name)
            if person is not None and person is not other.speaker:
                return Decision(person, "answers-vocative")
        if ctx.dialogue:
            for person in _called_in(ctx, ctx.people, other):
                return Decision(person, "answers-vocative")
        if other.opens_paragraph:
            return None
    return None


def addressed(ctx: Context, item: Item) -> tuple[str, ...]:
    """The names a top-level quote speaks to (`vocatives.addressed_names`), else ()."""
    raw = item.raw
    if raw is None or raw.depth > 0 or item.embedded or not ctx.text:
        return ()
    return addressed_names(ctx.text[raw.start : raw.end])


def _not_addressed(ctx: Context, decision: Decision) -> Decision:
    """A speaker the quote itself addresses by name did not speak it: the other one did."""
    speaker = decision.speaker
    if speaker is None or ctx.people is None:
        return decision
    names = addressed(ctx, ctx.item)
    if all(ctx.people.known_person(name) is not speaker for name in names):
        return decision
    other = _other_speaker(ctx, speaker)
    return Decision(other, "not-addressed") if other is not None else decision


class Turn(NamedTuple):
    """One paragraph of a dialogue as the turn rules see it."""

    paragraph: int
    """Its index."""
    speaker: Cluster | None
    """The speaker of its quotes when its own sentence named them, else None."""


_CONTINUED = frozenset(
    {
        "continues-paragraph",
        "alternates-turn",
        "replies-turn",
        "continues-previous",
        "answers-vocative",
        "not-addressed",
    }
)
"""Rules whose speaker was inferred from the neighbours, not read off the text (`acts-beside`
reads its speaker off the text: a run of turns may count from it)."""


def _turn_paragraph_end(other: Item, item: Item) -> int | None:
    """The paragraph where `other`, read back from `item`, ends; None when it is no turn.

    No turn: a nested quote, a dropped one, a split quote's tail, a scare quote or title, or a
    quote of `item`'s own paragraph.
    """
    if other.raw is None or other.raw.depth > 0 or other.dropped or other.split_tail:
        return None
    if other.kind in (QuoteKind.SCARE, QuoteKind.TITLE) or other.paragraph == item.paragraph:
        return None
    return other.raw.segments[-1].paragraph


def _turns_before(ctx: Context) -> list[Turn]:
    """The run of turns right before the quote's paragraph, latest first.

    A turn is a paragraph opened by a quote; the run stops at the first paragraph that is
    narration (or not opened by a quote), and reads no further than `TURN_LOOKBACK` items.
    """
    items, item = ctx.items, ctx.item
    turns: list[Turn] = []
    want = item.paragraph - 1
    speaker: Cluster | None = None
    seen = False
    for k in range(ctx.pos - 1, max(-1, ctx.pos - 1 - TURN_LOOKBACK), -1):
        other = items[k]
        ends_in = _turn_paragraph_end(other, item)
        if ends_in is None:
            continue
        if ends_in != want:
            break
        seen = True
        evidence = other.evidence
        if other.speaker is not None and evidence is not None and evidence.rule not in _CONTINUED:
            speaker = other.speaker
        if other.opens_paragraph:
            turns.append(Turn(want, speaker))
            want = other.paragraph - 1
            speaker = None
            seen = False
    if ctx.dialogue and seen and speaker is not None:
        turns.append(Turn(want, speaker))
    return turns


def alternates_turn(ctx: Context) -> Decision | None:
    """Two speakers taking turns: a quote-only paragraph is the one whose turn it is.

    In the run of turns before the quote, the nearest turn with a named speaker is A, d turns
    back. When d is even the quote is A's. When d is odd it is the reply to A: the nearest
    named turn by someone else (B) an odd number of turns further back, if any.
    Outside dialogue (`is_dialogue`) only a run where two speakers are seen to take turns counts.
    """
    if not ctx.item.opens_paragraph:
        return None
    turns = _turns_before(ctx)
    first: tuple[int, Cluster] | None = None
    for distance, turn in enumerate(turns, start=1):
        if turn.speaker is None:
            continue
        if first is None:
            first = (distance, turn.speaker)
            if ctx.dialogue and distance % 2 == 0:
                return Decision(turn.speaker, "alternates-turn")
            continue
        if turn.speaker is first[1]:
            continue
        if (distance - first[0]) % 2 == 0:
            return None
        speaker = first[1] if first[0] % 2 == 0 else turn.speaker
        return Decision(speaker, "alternates-turn")
    if ctx.dialogue and first is not None:
        other = _other_speaker(ctx, first[1])
        if other is not None:
            return Decision(other, "replies-turn")
    return None


def _other_speaker(ctx: Context, speaker: Cluster) -> Cluster | None:
    """The latest speaker of a quote before the current one who is not `speaker`."""
    items = ctx.items
    for k in range(ctx.pos - 1, max(-1, ctx.pos - 1 - TURN_LOOKBACK), -1):
        other = items[k].speaker
        if other is not None and other is not speaker and items[k].raw is not None:
            return other
    return None


def continues_previous(ctx: Context) -> Decision | None:
    """A quote opening its paragraph right after a paragraph with a speaker continues it.

    In dialogue, a paragraph that was a turn of its own (`_after_turn`) is answered: the
    latest other speaker takes the quote. `Poirot changed the subject.` / `"Was she at
    lunch?"` / `"She is at the hospital."`: the first continues the narration's Poirot, the
    second is the narrator's reply (on the PDNC development novels 31 speakers right that
    were wrong; news is not dialogue and is unchanged).
    """
    if not ctx.item.opens_paragraph or ctx.last_speaker is None:
        return None
    gap = range(ctx.last_paragraph + 1, ctx.item.paragraph)
    if len(gap) <= MAX_STRAY and all(p in ctx.stray for p in gap):
        if ctx.dialogue and _after_turn(ctx):
            other = _other_speaker(ctx, ctx.last_speaker)
            if other is not None:
                return Decision(other, "replies-turn")
        return Decision(ctx.last_speaker, "continues-previous")
    return None


def _after_turn(ctx: Context) -> bool:
    """Whether the paragraph right before the quote's is a turn: opened by a quote, no more."""
    for k in range(ctx.pos - 1, max(-1, ctx.pos - 1 - TURN_LOOKBACK), -1):
        other = ctx.items[k]
        if other.raw is None or other.raw.depth > 0:
            if other.paragraph < ctx.item.paragraph - 1:
                return False
            continue
        if other.dropped or other.kind in (QuoteKind.SCARE, QuoteKind.TITLE):
            continue
        if other.raw.segments[-1].paragraph != ctx.item.paragraph - 1:
            return False
        return other.opens_paragraph or other.paragraph < ctx.item.paragraph - 1
    return False


MAX_STRAY = 3
"""Stray paragraphs (a lone `.` or `*` left by a page's markup) a continuation reaches over."""


def stray_paragraphs(paragraphs: Sequence[Paragraph]) -> frozenset[int]:
    """Indexes of the paragraphs that hold no letter or digit: leftovers, not narration."""
    short = [i for i, (start, end) in enumerate(paragraph_bounds(paragraphs)) if end - start <= 3]
    return frozenset(
        p.position
        for p in map(paragraphs.__getitem__, short)
        if not any(c.isalnum() for c in p.text)
    )


TURN_RULES: tuple[Callable[[Context], Decision | None], ...] = (
    answers_vocative,
    alternates_turn,
    continues_previous,
)
"""The rules for a quote-opened paragraph naming nobody, in the order they are tried; the
speaker scorer (`scored_turn`) weighs their pick against the other recent speakers."""

SCORER_RULE = "speaker-scorer"
"""The rule name on a quote whose speaker the scorer chose against the turn rules."""


def scored_turn(ctx: Context) -> Decision | None:
    """A quote-opened paragraph naming nobody: the turn rules' pick, or the scorer's.

    Candidates are the latest distinct speakers of quotes before it, the persons named in the
    narration since the quote before, and the rules' pick; the scorer
    (`scorer.choose_turn`) ranks them by the rule that picks them, who spoke last and how
    far back, who was named since and who was addressed. Without shipped weights, or for a
    quote that does not open its paragraph, the rules decide alone.
    """
    decision = None
    for rule in TURN_RULES:
        decision = rule(ctx)
        if decision is not None:
            break
    people, item = ctx.people, ctx.item
    if people is None or not item.opens_paragraph or item.raw is None:
        return decision
    clusters, candidates = _turn_candidates(ctx, people, decision)
    if not clusters:
        return decision
    choice = choose_turn(candidates) if people.use_scorer else None
    picked_rule = next((i for i, c in enumerate(candidates) if c.rule), None)
    picked = picked_rule if choice is None else choice.best
    if people.choices is not None:
        people.choices.append(
            PronounChoice(
                item.raw.segments[0].start, clusters, candidates, picked_rule, picked, "turn"
            )
        )
    if picked is None or picked == picked_rule:
        return decision
    return Decision(clusters[picked], SCORER_RULE)


def _turn_candidates(
    ctx: Context, people: SpeakerTable, decision: Decision | None
) -> tuple[list[Cluster], list[TurnCandidate]]:
    """The candidate speakers of an unattributed quote-opened paragraph, with their features."""
    items, item = ctx.items, ctx.item
    order: list[Cluster] = []
    previous: Item | None = None
    for k in range(ctx.pos - 1, max(-1, ctx.pos - 1 - TURN_LOOKBACK), -1):
        other = items[k]
        if other.raw is None or other.raw.depth > 0 or other.dropped:
            continue
        if other.kind in (QuoteKind.SCARE, QuoteKind.TITLE):
            continue
        if previous is None:
            previous = other
        if other.speaker is not None and other.speaker not in order:
            order.append(other.speaker)
            if len(order) >= 4:
                break
    prev_para = (
        previous.raw.segments[-1].paragraph
        if previous is not None and previous.raw is not None
        else item.paragraph - 3
    )
    clusters = list(order)
    if decision is not None and decision.speaker is not None and decision.speaker not in order:
        clusters.insert(0, decision.speaker)
    for cluster in people.recent_people(prev_para - TURN_MENTION_REACH):
        if cluster not in clusters:
            clusters.append(cluster)
    if ctx.dialogue and previous is not None:
        for cluster in _called_in(ctx, people, previous):
            if cluster not in clusters:
                clusters.insert(min(len(clusters), MAX_CANDIDATES - 1), cluster)
    clusters = clusters[:MAX_CANDIDATES]
    before = {id(people.known_person(n)) for n in addressed(ctx, previous)} if previous else set()
    here = {id(people.known_person(n)) for n in addressed(ctx, item)}
    prev_speaker = previous.speaker if previous is not None else None
    counted, after = None, set()
    if ctx.dialogue:
        counted = precedes_turn(items, ctx.pos, lambda later: _named_ahead(later, people))
        if counted is not None and counted not in clusters and len(clusters) < MAX_CANDIDATES:
            clusters.append(counted)
        following = _next_turn(items, ctx.pos)
        if following is not None:
            after = {id(people.known_person(n)) for n in addressed(ctx, following)}
    candidates = [
        TurnCandidate(
            rule=decision.rule if decision is not None and decision.speaker is c else "",
            previous=c is prev_speaker,
            gap=max(0, item.paragraph - prev_para - 1),
            order=order.index(c) if c in order else -1,
            mentioned_since=c.last_paragraph > prev_para,
            addressed_before=id(c) in before,
            addressed_here=id(c) in here,
            narrator=c is people.narrator,
            mentions=c.mentions,
            speeches=c.speeches,
            dialogue=ctx.dialogue,
            counted_back=c is counted,
            addressed_next=id(c) in after,
        )
        for c in clusters
    ]
    return clusters, candidates


def _named_ahead(item: Item, people: SpeakerTable) -> Cluster | None:
    """The speaker a quote names in its own sentence, when it is a person already met.

    `"And then?" asked Ada.`, read before its turn is resolved; None for a pronoun, a role or
    a stranger.
    """
    if item.speaker is not None:
        return _named_after(item)
    att = item.attribution
    if att is None or att.mention is None or att.mention.kind != PERSON:
        return None
    return people.known_person(att.mention.name)


def _next_turn(items: Sequence[Item], pos: int) -> Item | None:
    """The quote opening the paragraph right after `items[pos]`'s, if any."""
    item = items[pos]
    raw = item.raw
    if raw is None:
        return None
    want = raw.segments[-1].paragraph + 1
    for k in range(pos + 1, min(len(items), pos + 1 + TURN_LOOKBACK)):
        other = items[k]
        if other.raw is None or other.raw.depth > 0 or other.dropped:
            continue
        if other.paragraph < want:
            continue
        return other if other.paragraph == want and other.opens_paragraph else None
    return None


def _called_in(ctx: Context, people: SpeakerTable, quote: Item) -> list[Cluster]:
    """The persons a quote calls by name after a comma (`"Where were you, Aziz?"`).

    A name no one has met yet is made a person (`SpeakerTable.meet_called`): in the PDNC
    development novels the right speaker of a quote-only turn was named only inside the
    quotes before it for about one in ten misses. `vocatives.called_names` is strict (after a
    comma, before a comma or an end mark), so an interjection opening a quote is not taken; a
    name opening the quote counts only after a title or as a given name on the list
    (`vocatives.opening_name`: `"Louisa," he said, "..."`; on the PDNC development novels 64
    speakers wrong -> right, 40 right -> wrong).
    """
    raw = quote.raw
    if raw is None or raw.depth > 0 or quote.embedded or not ctx.text:
        return []
    words = ctx.text[raw.start : raw.end]
    out: list[Cluster] = []
    names = called_names(words)
    opening = opening_name(words)
    if opening is not None and opening not in names:
        names.insert(0, opening)
    for name in names:
        if not_a_person(name):
            continue  # `"Oui, Monsieur."`: the one spoken to is not named
        cluster = people.meet_called(name, raw.start + max(0, words.find(name)), quote.paragraph)
        if cluster is not quote.speaker and cluster is not people.narrator:
            out.append(cluster)
    return out


CONTINUATION_RULES: tuple[Callable[[Context], Decision | None], ...] = (
    continues_paragraph,
    later_attribution,
    acts_beside,
    scored_turn,
)
"""The continuation rules, in the order they are tried."""


def continued(
    items: Sequence[Item],
    pos: int,
    item: Item,
    last_in_para: dict[int, Cluster],
    last_speaker: Cluster | None,
    last_paragraph: int,
    dialogue: bool = False,
    stray: frozenset[int] = frozenset(),
    people: SpeakerTable | None = None,
    text: str = "",
) -> tuple[Cluster | None, str]:
    """The speaker a quote without attribution continues, and the rule that says so."""
    ctx = Context(
        items, pos, item, last_in_para, last_speaker, last_paragraph, dialogue, stray, people, text
    )
    for rule in CONTINUATION_RULES:
        decision = rule(ctx)
        if decision is not None:
            return _not_addressed(ctx, decision)
    return None, ""


DIALOGUE_MIN_TURNS = 4
"""Fewer paragraphs opened by a quote than this never make a text dialogue."""
DIALOGUE_SHARE = 0.3
"""The share of quote-opened paragraphs naming no speaker above which a text is dialogue.

Measured on quote-opened paragraphs per text: in PolNeAR news (train) nine texts in ten are
at or below 0.25, most at 0; in the PDNC development novels nine chunks in ten are above 0.29.
"""


def is_dialogue(items: Sequence[Item]) -> bool:
    """Whether the text is written as dialogue, where a new paragraph is a new speaker.

    Fiction leaves most turns of a conversation unattributed; news names the speaker of
    nearly every quote that opens a paragraph, and a quote-only paragraph there goes on with
    the speaker above.
    """
    return dialogue_of(*turn_counts(items))


def turn_counts(items: Iterable[Item]) -> tuple[int, int]:
    """How many of `items` are quote-opened turns, and how many of those name no speaker."""
    turns = unnamed = 0
    for item in items:
        if item.raw is None or item.raw.depth or item.dropped or item.split_tail:
            continue
        if item.opens_paragraph:
            turns += 1
            att = item.attribution
            unnamed += att is None or att.mention is None
    return turns, unnamed


def dialogue_of(turns: int, unnamed: int) -> bool:
    """`is_dialogue`'s verdict on the counts of `turn_counts` (summed over a text so far)."""
    return turns >= DIALOGUE_MIN_TURNS and unnamed > DIALOGUE_SHARE * turns


def turn_speaker(
    items: Sequence[Item],
    pos: int,
    item: Item,
    dialogue: bool,
    people: SpeakerTable | None = None,
    text: str = "",
) -> Cluster | None:
    """In dialogue, the speaker whose turn a quote-opened paragraph is.

    Used to resolve `he` / `she` in the quote's own attribution: in `"No, no," he gasped`, he
    is the one whose turn it is rather than the last man named. The one the turn before spoke
    to by name answers (`answers-vocative`, when `people` and `text` are given: `"..., even
    you, Kit."` / `"Indeed," she replied.` is Kit's); else the turns alternate
    (`alternates-turn`).
    """
    if not dialogue or not item.opens_paragraph:
        return None
    ctx = Context(items, pos, item, {}, None, -1, dialogue, frozenset(), people, text)
    decision = answers_vocative(ctx) or alternates_turn(ctx)
    return None if decision is None else decision.speaker


PRECEDES_RULE = "precedes-turn"
"""The rule name on a turn whose speaker is counted back from the named turns after it."""


def _turn_run_after(
    items: Sequence[Item], pos: int, named: Callable[[Item], Cluster | None] | None = None
) -> list[Turn]:
    """The run of turns right after `items[pos]`'s paragraph, nearest first.

    A turn is a paragraph opened by a quote; the run stops at the first paragraph that is not
    (narration), and reads no further than `TURN_LOOKBACK` items. A turn's speaker is the one
    read off its own text (not one continued from its neighbours), or what `named` says.
    """
    named = named or _named_after
    turns: list[Turn] = []
    want = items[pos].paragraph + 1
    current: Turn | None = None
    for k in range(pos + 1, min(len(items), pos + 1 + TURN_LOOKBACK)):
        other = items[k]
        if other.raw is None or other.raw.depth > 0 or other.dropped or other.split_tail:
            continue
        if other.kind in (QuoteKind.SCARE, QuoteKind.TITLE):
            continue
        if current is not None and other.paragraph == current.paragraph:
            if current.speaker is None:
                current = turns[-1] = Turn(current.paragraph, named(other))
            continue
        if other.paragraph != want or not other.opens_paragraph:
            break
        current = Turn(want, named(other))
        turns.append(current)
        want = other.raw.segments[-1].paragraph + 1
    return turns


def _named_after(item: Item) -> Cluster | None:
    """The item's speaker when it was read off its own text (not continued from others)."""
    evidence = item.evidence
    if (
        item.speaker is not None
        and evidence is not None
        and evidence.rule not in _CONTINUED
        and evidence.rule not in (SCORER_RULE, PRECEDES_RULE)
    ):
        return item.speaker
    return None


def precedes_turn(
    items: Sequence[Item], pos: int, named: Callable[[Item], Cluster | None] | None = None
) -> Cluster | None:
    """The speaker of an unnamed turn, counted back from the named turns after it.

    `"Well?"` / `"He did, sir."` / `"And then?" asked Poirot.`: the nearest named turn after
    is A's, d turns on. When d is even the turn is A's; when d is odd it is the other one's:
    the next named turn by someone else (B) an odd number of turns after A, if any.
    """
    first: tuple[int, Cluster] | None = None
    for distance, turn in enumerate(_turn_run_after(items, pos, named), start=1):
        if turn.speaker is None:
            continue
        if first is None:
            if distance % 2 == 0:
                return turn.speaker
            first = (distance, turn.speaker)
            continue
        if turn.speaker is first[1]:
            continue
        return turn.speaker if (distance - first[0]) % 2 == 1 else None
    return None


_GUESSES = frozenset({"continues-previous", "replies-turn", "not-addressed", SCORER_RULE})
"""Rules whose pick a count back from the named turns after overrides: on the PDNC development
novels, of the dialogue turns where the two disagreed the count back was right on 172 of 314
`continues-previous` turns (its own pick: 103), 98 of 189 `speaker-scorer` (83), 112 of 247
`replies-turn` (109) and 4 of 12 `not-addressed` (2); on `alternates-turn`,
`answers-vocative` and `acts-beside` the rules' pick did better and is kept."""


def fill_from_later_turns(
    items: Sequence[Item], dialogue: bool, lo: int = 0, hi: int | None = None
) -> list[int]:
    """In dialogue, give unnamed turns the speaker the turns after them count back to.

    A quote-opened turn takes `precedes_turn`'s speaker when it has none or only a weak guess
    (`_GUESSES`). Returns the positions given a speaker. Only the turns at `lo` to `hi` are
    given one (all by default); the turns after them are read. The order does not matter: the
    speakers it gives, like the guesses it replaces, are never counted back from.
    """
    if not dialogue:
        return []
    if hi is None:
        hi = len(items)
    filled: list[int] = []
    for pos in range(hi - 1, lo - 1, -1):
        item = items[pos]
        if item.speaker is not None and (
            item.evidence is None or item.evidence.rule not in _GUESSES
        ):
            continue
        if not _open_turn(item):
            continue
        speaker = precedes_turn(items, pos)
        if speaker is not None:
            item.speaker = speaker
            item.evidence = Evidence(PRECEDES_RULE, kind_rule=item.kind_rule)
            filled.append(pos)
    filled += _alternate_after_fill(items, lo, hi)
    for pos in range(lo, hi):
        item = items[pos]
        head = item.split_with
        if head is not None and item.speaker is None and head.speaker is not None:
            item.speaker, item.evidence = head.speaker, head.evidence
    return filled


def _open_turn(item: Item) -> bool:
    """Whether `item` is a top-level quote of speech that opens its paragraph: a turn to fill."""
    if item.raw is None or item.raw.depth > 0:
        return False
    if not item.opens_paragraph or item.dropped or item.split_tail:
        return False
    return item.kind not in (QuoteKind.SCARE, QuoteKind.TITLE)


ALTERNATES_FILLED_RULE = "alternates-filled"
"""The rule name on a turn left without a speaker whose two turns before have one each."""


def _alternate_after_fill(items: Sequence[Item], lo: int, hi: int) -> list[int]:
    """Turns still without a speaker once counted back: the speaker of the turn two back.

    `"But you may never see him."` / `"Not see him again!"`: the first is given its speaker
    only by the count back from the turns after it (`precedes-turn`), after the second was
    read and left open; now the two turns before the second have speakers, and a dialogue
    alternates. Only a quote-opened turn with no speaker is given one, and the quotes after
    it in its paragraph that have neither a speaker nor an attribution of their own.
    """
    filled: list[int] = []
    for pos in range(lo, hi):
        item = items[pos]
        if item.speaker is not None or not _open_turn(item):
            continue
        speaker = _two_turns_back(items, pos)
        if speaker is None:
            continue
        evidence = Evidence(ALTERNATES_FILLED_RULE, kind_rule=item.kind_rule)
        item.speaker, item.evidence = speaker, evidence
        filled.append(pos)
        for k in range(pos + 1, min(hi, pos + TURN_LOOKBACK)):
            later = items[k]
            if later.paragraph != item.paragraph:
                break
            if later.raw is None or later.raw.depth > 0 or later.speaker is not None:
                continue
            if later.attribution is not None and later.attribution.mention is not None:
                break
            if later.kind in (QuoteKind.SCARE, QuoteKind.TITLE):
                continue
            later.speaker = speaker
            later.evidence = Evidence(ALTERNATES_FILLED_RULE, kind_rule=later.kind_rule)
            filled.append(k)
    return filled


def _two_turns_back(items: Sequence[Item], pos: int) -> Cluster | None:
    """The speaker of the turn two back, when the two turns right before have two speakers."""
    item = items[pos]
    want = item.paragraph - 1
    speakers: list[Cluster] = []
    for k in range(pos - 1, max(-1, pos - 1 - TURN_LOOKBACK), -1):
        other = items[k]
        ends_in = _turn_paragraph_end(other, item)
        if ends_in is None:
            continue
        if ends_in != want:
            return None
        if not other.opens_paragraph:
            continue
        if other.speaker is None:
            return None
        speakers.append(other.speaker)
        if len(speakers) == 2:
            return speakers[1] if speakers[0] is not speakers[1] else None
        want = other.paragraph - 1
    return None
