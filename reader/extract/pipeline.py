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

import operator
import re
import unicodedata
from collections.abc import Sequence

from reader.document import Article
from reader.extract.attribution import Attribution
from reader.extract.cues import CLAUSE_VERBS
from reader.extract.inner_quotes import other_than_quoter
from reader.extract.kinds import paragraph_kind
from reader.extract.mentions import PERSON, PRONOUN
from reader.extract.model import Evidence, Extraction, KindRule, Quote, QuoteKind, Span, Speaker
from reader.extract.narrator import name_narrator
from reader.extract.paragraphs import Paras, QuoteIndex
from reader.extract.reading import (
    OBJECT_RULE,
    Item,
    link_split,
    read_quote,
    read_reported,
    share_coordinated,
)
from reader.extract.spans import RawQuote, Segment, find_spans
from reader.extract.speakers import DIALOGUE_PRONOUN_REACH, PRONOUN_REACH, Cluster, SpeakerTable
from reader.extract.turns import (
    DIALOGUE_MIN_TURNS,
    DIALOGUE_SHARE,
    continued,
    fill_from_later_turns,
    is_dialogue,
    stray_paragraphs,
    turn_speaker,
)

_LOWER_WORD = re.compile(r"[a-z]+")
_CUE_WORDS = CLAUSE_VERBS | {"according"}


def _has_cue_word(paragraph: str) -> bool:
    """Whether a paragraph holds a word that can introduce reported speech (a quick filter)."""
    return not _CUE_WORDS.isdisjoint(_LOWER_WORD.findall(paragraph.lower()))


def run(article: Article, table: SpeakerTable | None = None) -> Extraction:
    """Extract quotes and speakers from `article`.

    `table` is a fresh `SpeakerTable` to use (a trainer passes one that records its choices).
    """
    text = article.text
    paragraphs = article.paragraphs
    raws = find_spans(text, paragraphs)
    paras = Paras(text, article, raws)
    top = [q for q in raws if q.depth == 0]
    index = QuoteIndex(top)
    top_at: dict[int, list[RawQuote]] = {}
    for q in top:
        top_at.setdefault(q.paragraph, []).append(q)
    nested_at: dict[int, list[tuple[RawQuote, RawQuote]]] = {}
    for q, parent in _nested_parents(raws):
        nested_at.setdefault(q.paragraph, []).append((q, parent))

    # Paragraph by paragraph, each one's tokens dropped once it is read: a book's tokens all kept
    # alive would cost more in garbage collection than they cost to build. The items are gathered
    # in the order of the reading passes (quotes, nested quotes, reported speech) before sorting.
    quote_items: list[Item] = []
    nested_items: list[Item] = []
    reported_items: list[Item] = []
    title = article.title
    turns = unnamed = 0  # quote-opened paragraphs so far, and those naming nobody
    for number, paragraph in enumerate(paragraphs):
        quotes_here = top_at.get(number, ())
        headline = paragraph_kind(paragraph.text, title) if quotes_here else None
        for q in quotes_here:
            item = read_quote(text, paras, q, index)
            if headline is not None:
                item.kind, item.kind_rule = headline
            if quote_items:
                link_split(text, paras, quote_items[-1], item)
                share_coordinated(paras, quote_items[-1], item)
            quote_items.append(item)
            if item.opens_paragraph and not item.split_tail:
                turns += 1
                unnamed += item.attribution is None or item.attribution.mention is None
        for q, parent in nested_at.get(number, ()):
            bounds = (parent.start, parent.end)
            nested_items.append(read_quote(text, paras, q, None, bounds=bounds))
        # narration is read where speech can be (a cue word, or next to a quote) and where a
        # pronoun's antecedent can be: up to two paragraphs before a quote
        if (
            number in index.quoted
            or number + 1 in index.quoted
            or number + 2 in index.quoted
            or _has_cue_word(paragraph.text)
        ):
            # persons named after a verb are read until the text reads as news so far
            # (`is_dialogue`'s test, run as it goes): only dialogue notes them (`_assign`),
            # and a book of news would pay for them on every page
            objects = turns < DIALOGUE_MIN_TURNS or unnamed > DIALOGUE_SHARE * turns
            reported_items.extend(read_reported(text, paras[number], number, index, objects))
        paras.drop(number)
    items = quote_items + nested_items + reported_items
    # `items` alone holds the items and their raw quotes now: `_build` lets each go once read
    del quote_items, nested_items, reported_items, raws, top, top_at, nested_at, index, paras
    items.sort(key=operator.attrgetter("start"))
    if table is None:
        table = SpeakerTable()
    table.text = text
    _assign(items, table, stray_paragraphs(paragraphs), text)
    fill_from_later_turns(items, table.dialogue)
    name_narrator(text, items, table)
    return _build(article, items, table)


def _nested_parents(raws: Sequence[RawQuote]) -> list[tuple[RawQuote, RawQuote]]:
    """Each nested quote with the parent it is read inside (as if the parent were narration)."""
    out: list[tuple[RawQuote, RawQuote]] = []
    open_parents: list[RawQuote] = []
    for q in raws:  # sorted by start, parents before children
        while open_parents and open_parents[-1].end < q.end:
            open_parents.pop()
        if q.depth > 0 and open_parents:
            out.append((q, open_parents[-1]))
        open_parents.append(q)
    return out


def _assign(items: list[Item], table: SpeakerTable, stray: frozenset[int], text: str) -> None:
    """Resolve speakers in reading order, continuing speakers where a quote has no attribution."""
    last_speaker: Cluster | None = None
    last_paragraph = -1
    last_in_para: dict[int, Cluster] = {}
    enclosing: Item | None = None  # the last top-level quote, for the quotes nested in it
    dialogue = is_dialogue(items)
    table.dialogue = dialogue
    if dialogue:
        table.pronoun_reach = DIALOGUE_PRONOUN_REACH
    for pos, item in enumerate(items):
        att = item.attribution
        if item.dropped and item.raw is None and att is not None and att.mention is not None:
            if att.rule == OBJECT_RULE:
                # named after a verb (`told Marianne`): a candidate, not the sentence's subject
                if dialogue:
                    table.note_person(att.mention, item.paragraph, as_object=True)
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
                item.speaker = own or cluster
                item.evidence = _evidence(att, item.kind_rule)
            continue
        if item.raw is not None:
            enclosing = item
        if item.split_with is not None:
            item.speaker = item.split_with.speaker
            item.evidence = item.split_with.evidence
        elif att is not None and att.mention is not None:
            turn = turn_speaker(items, pos, item, dialogue)
            cluster = table.resolve(att.mention, item.paragraph, turn, last_speaker)
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
        if item.speaker is not None:
            last_speaker = item.speaker
            last_paragraph = item.raw.segments[-1].paragraph if item.raw else item.paragraph
            last_in_para[last_paragraph] = item.speaker


_SELF = frozenset(("i", "me", "myself"))
"""First-person words: inside a quote they stand for whoever speaks it."""


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


_KIND_ONLY: dict[KindRule | None, Evidence] = {}
"""The evidence of quotes with no speaker: the kind rule alone, one shared value per rule."""


def _kind_only(kind_rule: KindRule | None) -> Evidence:
    """`Evidence(None, kind_rule=kind_rule)`, made once per rule (a frozen value, shareable)."""
    found = _KIND_ONLY.get(kind_rule)
    if found is None:
        found = _KIND_ONLY[kind_rule] = Evidence(None, kind_rule=kind_rule)
    return found


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


_SLUG = re.compile(r"[^a-z0-9]+")


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _SLUG.sub("-", ascii_name.lower()).strip("-") or "speaker"


def _build(article: Article, items: list[Item], table: SpeakerTable) -> Extraction:
    """Turn the resolved items into the public value types."""
    text = article.text
    ids: dict[int, str] = {}
    used: set[str] = set()
    counts: dict[int, int] = {}
    paras: dict[int, set[int]] = {}
    quotes: list[Quote] = []
    tails_of: dict[int, list[Item]] = {}
    for item in items:
        if item.split_with is not None:
            tails_of.setdefault(id(item.split_with), []).append(item)
    # Each item is let go once it is read, so that a book's items and its quotes are not all
    # alive at once (the extraction child's peak; see reader.ui.background).
    items.reverse()
    while items:
        item = items.pop()
        if item.dropped or item.split_tail:
            continue
        cluster = item.speaker
        raw = item.raw
        tails = tails_of.get(id(item), [])
        segments: list[Segment] = [] if raw is None else raw.segments
        if tails:
            segments = segments + [s for tail in tails if tail.raw for s in tail.raw.segments]
        speaker_id = None
        if cluster is not None:
            key = id(cluster)
            if key not in ids:
                base = _slug(cluster.name)
                slug, n = base, 2
                while slug in used:
                    slug, n = f"{base}-{n}", n + 1
                used.add(slug)
                ids[key] = slug
            speaker_id = ids[key]
            counts[key] = counts.get(key, 0) + 1
            if tails:
                last = _last_paragraph(item, tails)
            else:
                last = raw.segments[-1].paragraph if raw is not None else item.paragraph
            para_set = paras.get(key)
            if para_set is None:
                para_set = paras[key] = set()
            if last == item.paragraph:
                para_set.add(last)
            else:
                para_set.update(range(item.paragraph, last + 1))
        if raw is not None:
            start, end = segments[0].start, segments[-1].end
            if len(segments) == 1:
                quote_text = text[start:end]
            elif tails:
                quote_text = " ".join(text[s.start : s.end] for s in segments)
            else:
                quote_text = "\n\n".join(text[s.start : s.end] for s in segments)
            quotes.append(
                Quote(
                    start,
                    end,
                    quote_text,
                    item.kind,
                    item.paragraph,
                    speaker_id,
                    tuple([Span(s.start, s.end) for s in segments]) if len(segments) > 1 else (),
                    raw.depth > 0,
                    item.evidence or _kind_only(item.kind_rule),
                    bool(tails),
                )
            )
        elif (
            item.reported is not None and speaker_id is not None
        ):  # by nobody known: not worth listing
            r = item.reported
            quotes.append(
                Quote(
                    r.start,
                    r.end,
                    text[r.start : r.end],
                    QuoteKind.INDIRECT,
                    item.paragraph,
                    speaker_id,
                    (),
                    False,
                    item.evidence,
                    False,
                )
            )
    quotes.sort(key=operator.attrgetter("start", "nested"))
    speakers: list[Speaker] = []
    for cluster in table.clusters:
        key = id(cluster)
        if key not in ids:
            continue
        name = cluster.name
        aliases = tuple(a for a in cluster.aliases if a != name)
        speakers.append(
            Speaker(
                id=ids[key],
                name=name,
                aliases=aliases,
                organisation=cluster.kind == "org",
                quote_count=counts.get(key, 0),
                paragraphs=tuple(sorted(paras.get(key, ()))),
            )
        )
    speakers.sort(key=lambda s: -s.quote_count)
    return Extraction(quotes=tuple(quotes), speakers=tuple(speakers))


def _last_paragraph(item: Item, tails: Sequence[Item]) -> int:
    last = item.raw.segments[-1].paragraph if item.raw else item.paragraph
    for tail in tails:
        if tail.raw is not None:
            last = max(last, tail.raw.segments[-1].paragraph)
    return last


def extract(article: Article) -> Extraction:
    """Find the quotes and speakers of `article` (quotes in article order, speakers by count).

    The caller's garbage collector is left as it is; a program that owns its process and
    extracts a book can run this inside `reader.extract.collector.paused_collector` (~20% faster).
    """
    return run(article)
