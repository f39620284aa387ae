"""Reading one quote, or one sentence of narration, for its attribution and kind.

`read_quote` reads the narration of a quote's own sentence (before its opening mark, after its
closing mark) with the patterns of `attribution` and decides its kind with `kinds`;
`link_split` and `share_coordinated` join neighbouring quotes of a sentence;
`read_reported` finds reported speech in the sentences that hold no quotation, and notes the
people they name (`narration_people`).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from reader.extract.attribution import Attribution, after_quote, before_quote, is_cue
from reader.extract.common_words import common_opener
from reader.extract.cues import SENTENCE_OPENERS, SPEECH_VERBS
from reader.extract.gender import is_given_name, name_gender
from reader.extract.indirect import REPORTING_WORDS, Reported, find_reported
from reader.extract.kinds import classify
from reader.extract.mentions import (
    GROUP,
    ORG,
    PERSON,
    PRONOUN,
    ROLE,
    Mention,
    np_starting_at,
)
from reader.extract.model import Evidence, KindRule, QuoteKind
from reader.extract.narration_people import (
    CLAUSE_RULE,
    OBJECT_RULE,
    clause_person,
    inverted_subject,
    listed_people,
    named_objects,
    topic,
)
from reader.extract.news_lines10 import colon_paragraph, credit_line
from reader.extract.news_rules8 import (
    after_fronted_question,
    in_the_words_of,
    introduced_inside_quote,
)
from reader.extract.news_rules9 import introduced_and_closed, words_owner
from reader.extract.paragraphs import QUOTED, Para, Paras, QuoteIndex, sentence_end, sentence_start
from reader.extract.sentence_subjects import (
    possessive_owner,
    sentence_person,
    sentence_subject,
)
from reader.extract.spans import RawQuote
from reader.extract.speakers import Cluster
from reader.extract.subjects import (
    quote_ending_a_clause,
)
from reader.extract.tokens import Toks, indexes_in

SPLIT_GAP_WORDS = 12
"""The longest attribution (in words) between the two halves of a split quote."""


@dataclass(slots=True)
class Item:
    """A quote or a piece of reported speech waiting for its speaker."""

    start: int
    """Offset where it starts (items are read in this order)."""
    paragraph: int
    """Index of the paragraph where it starts."""
    raw: RawQuote | None = None
    """The quoted span, for a quote."""
    reported: Reported | None = None
    """The reported clause, for reported speech without marks."""
    attribution: Attribution | None = None
    """What its own sentence says about who speaks."""
    kind: QuoteKind = QuoteKind.DIRECT
    """Its kind (decided from the narration around it)."""
    kind_rule: KindRule | None = None
    """The kind rule that decided `kind` (None for reported speech)."""
    opens_paragraph: bool = False
    """True when nothing precedes it in its paragraph (it may continue the speaker above)."""
    embedded: bool = False
    """True when it sits inside a sentence of narration."""
    speaker: Cluster | None = None
    """The speaker, once resolved."""
    evidence: Evidence | None = None
    """Why the speaker was chosen, once resolved."""
    split_with: Item | None = None
    """The first half of a split quote, on its second half."""
    split_tail: bool = False
    """True for the second half of a split quote (built as part of the first)."""
    dropped: bool = False
    """True for an item not listed (a stray closer, a sentence subject kept for pronouns)."""
    beat: Mention | None = None
    """The person acting in the narration sentence right after (or before) the quote in its
    paragraph (`"No." She laughed.`): in dialogue, the likely speaker when nothing names one."""


_SUBJECT_SPEAKERS = frozenset({PERSON, PRONOUN, ROLE, GROUP})
"""Sentence subjects taken as the speaker of a fragment with no speech verb (not `EB-5`)."""


def read_quote(
    text: str,
    paras: Paras,
    q: RawQuote,
    index: QuoteIndex | None,
    bounds: tuple[int, int] | None = None,
) -> Item:
    """Attribution and kind of one quote from its own sentence (inside `bounds` if nested)."""
    first = paras[q.paragraph]
    last_index = q.segments[-1].paragraph
    last = paras[last_index]
    item = Item(q.start, q.paragraph, raw=q)

    # narration before: from the previous quote's closing mark (or paragraph start)
    if bounds is not None or index is None:
        floor_offset, ceiling_offset = bounds or (-1, None)
    else:
        floor_offset = index.end_before(q.paragraph, q.outer_start)
        ceiling_offset = index.start_after(last_index, q.outer_end)
    open_i = first.index_at(q.outer_start)
    floor = first.index_at(floor_offset) if floor_offset >= 0 else 0
    lo = sentence_start(first, open_i, floor)
    # narration after: up to the next quote's opening mark (or paragraph end)
    close_i = last.index_at(q.outer_end)
    ceiling = last.index_at(ceiling_offset) if ceiling_offset is not None else len(last.texts)
    hi = sentence_end(last, close_i, ceiling)

    pre = first.sub(lo, open_i)
    item.opens_paragraph = open_i == 0
    quote_text = text[q.start : q.end]
    item.embedded = _embedded(pre, quote_text)
    attribution = None
    if lo < open_i and _title_cased(first, lo, open_i):
        attribution = before_quote(
            text, _sentence_cased(first, lo, open_i), lo, open_i, embedded=False
        )
        if attribution is not None:
            attribution = Attribution("title-case-line", attribution.mention, attribution.cue)
    if attribution is None and lo < open_i and first.texts[open_i - 1] == ":":
        attribution = before_quote(text, first, lo, open_i, embedded=False)
    if attribution is None and bounds is not None and introduced_inside_quote(first, lo, open_i):
        attribution = before_quote(text, first, lo, open_i, embedded=False)
    if (
        attribution is None
        and not item.embedded
        and introduced_and_closed(first, lo, open_i, quote_text)
    ):
        attribution = before_quote(text, first, lo, open_i, embedded=False)
        if attribution is not None and attribution.mention is None:
            attribution = None
    if attribution is None and not item.embedded:
        attribution = after_quote(text, last, close_i, hi)
        if attribution is not None and attribution.mention is None:
            attribution = None
    if attribution is None and lo < open_i:
        attribution = before_quote(text, first, lo, open_i, embedded=item.embedded)
    if attribution is None and item.embedded:
        attribution = after_quote(text, last, close_i, hi)
        if attribution is not None and attribution.mention is None:
            attribution = None
    if attribution is None and item.embedded and index is not None and lo == floor > 0:
        # an earlier quote in the same sentence: read the whole sentence's narration
        narration = _narration_before(text, first, q.paragraph, open_i, index)
        if narration.texts:
            size = len(narration.texts)
            attribution = before_quote(text, narration, 0, size, embedded=True)
            if attribution is None:
                subject = sentence_subject(text, narration, 0, size)
                if subject is not None and subject.kind in _SUBJECT_SPEAKERS:
                    attribution = Attribution("sentence-subject", subject, None)
    if attribution is not None and attribution.cue is not None and lo < open_i:
        main = after_fronted_question(first, lo, open_i, attribution.cue.start)
        if main is not None:  # `Asked when residents ..., she would only say "..."`
            attribution = before_quote(text, first, main, open_i, embedded=item.embedded)
    if attribution is None and item.embedded:
        attribution = in_the_words_of(text, first, lo, open_i)
    if attribution is None and item.embedded:
        owner = possessive_owner(text, first, lo, open_i)
        if owner is not None:
            attribution = Attribution("possessive", owner, None)
    if attribution is None and lo < open_i:
        attribution = words_owner(text, first, lo, open_i)
    if attribution is None and item.embedded:
        subject = sentence_subject(text, first, lo, open_i)
        if subject is not None and subject.kind in _SUBJECT_SPEAKERS:
            attribution = Attribution("sentence-subject", subject, None)
    if attribution is not None and attribution.mention is not None:
        attribution = _antecedent_in_sentence(
            text, first, lo, open_i, attribution, embedded=item.embedded
        )
    if attribution is None and not item.embedded and index is not None:
        attribution = credit_line(text, paras, q)  # `"..."` then a line `- Dana Lane.`
        if attribution is None and item.opens_paragraph:
            attribution = colon_paragraph(text, paras, q)  # `Lane responded:` then `"..."`
    item.attribution = attribution
    # classify reads `in_list` only for a quote embedded in narration: not worked out otherwise
    in_list = item.embedded and index is not None and _in_list(first, q, index.neighbours(q))
    item.kind, item.kind_rule = classify(
        quote_text,
        pre,
        last.sub(close_i, hi),
        attribution,
        item.embedded,
        in_list,
        nested=bounds is not None,
    )
    if "no_opener" in q.flags and attribution is None:
        item.dropped = True
    if not item.embedded and (attribution is None or attribution.mention is None):
        item.beat = action_beat(text, last, close_i, ceiling) or (
            action_beat(text, first, sentence_start(first, lo - 1, floor), lo)
            if lo == open_i and lo > floor
            else None
        )
    return item


_TITLE_CASE_MIN_WORDS = 3
"""Fewer words before a quote than this are never read as a Title-Case line."""


def _title_cased(para: Para, lo: int, hi: int) -> bool:
    """Whether the narration tokens lo..hi-1 are a Title-Case line with a speech verb in it.

    Transcripts and headline-style lines capitalise every word (`Vale Said Of Banks, "..."`),
    so no capital tells a name from a verb there.
    """
    texts, lowers = para.texts, para.lowers
    if hi - lo < _TITLE_CASE_MIN_WORDS or not texts[lo + 1][0].isupper():
        return False  # most sentences: the second word rules a Title-Case line out
    words = [i for i in range(lo, hi) if texts[i][0].isalpha()]
    return (
        len(words) >= _TITLE_CASE_MIN_WORDS
        and all(texts[i][0].isupper() for i in words)
        and sum(texts[i].isupper() for i in words) * 2 < len(words)  # not an ALL-CAPS heading
        and any(lowers[i] in SPEECH_VERBS for i in words[1:])
    )


def _sentence_cased(para: Para, lo: int, hi: int) -> Toks:
    """The paragraph's tokens with the speech verbs and small words of a Title-Case line lowered.

    Only the words that are never names (a speech verb, or a word of `SENTENCE_OPENERS` such as
    `of`, `on`, `the`) lose their capital, so the names around them still read as names.
    """
    texts = list(para.texts)
    lowers = para.lowers
    for i in range(lo + 1, hi):
        if lowers[i] in SPEECH_VERBS or lowers[i] in SENTENCE_OPENERS:
            texts[i] = lowers[i]
    return Toks(texts, para.lowers, para.starts, para.ends)


_BEAT_PRONOUNS = frozenset({"he", "she"})


def action_beat(text: str, para: Para, i: int, ceiling: int) -> Mention | None:
    """The person opening the sentence of narration at token i, when a verb follows them.

    Fiction sets a speaker's action beside their words instead of a speech verb
    (`"Nonsense!" She laughed.`, `Elinor smiled. "Yes."`): the one who acts is the one who
    speaks. Only a named person or `he` / `she` right before a lower-case word counts.
    """
    if i >= ceiling or not para.texts[i][0].isupper():
        return None
    end = sentence_end(para, i, ceiling)
    found = np_starting_at(text, para, i, end)
    if found is None:
        return None
    mention, e = found
    if mention.kind == PRONOUN and mention.name not in _BEAT_PRONOUNS:
        return None
    if mention.kind not in (PERSON, PRONOUN) or e >= end or not para.texts[e][0].islower():
        return None
    return mention


def _antecedent_in_sentence(
    text: str,
    para: Para,
    lo: int,
    open_i: int,
    attribution: Attribution,
    *,
    embedded: bool = False,
) -> Attribution:
    """`When Ana Reyes spoke, she said "..."`: `he` / `she` is the person opening its sentence.

    A person named earlier in the pronoun's own sentence, before it, is its antecedent when no
    title or given name says otherwise; the speaker table would only know people from earlier
    sentences (the quote's own sentence is not read for subjects). So is the person before an
    `embedded` quote whose pronoun comes after it (`Host Ana Reyes joked about the "two
    seasons," which she said meant ...`: issue 17, ninth fresh round).
    """
    mention = attribution.mention
    if mention is None or mention.kind != PRONOUN or mention.gender is None:
        return attribution
    starts = para.starts
    p = bisect.bisect_left(starts, mention.start, lo, open_i)
    if p >= open_i and embedded and open_i < len(starts) and mention.start > starts[open_i]:
        p = open_i  # the pronoun follows the quote: its antecedent is read before the quote
    elif p >= open_i or starts[p] != mention.start:
        return attribution
    if p - lo < 2:
        return attribution
    person = sentence_person(text, para, lo, p)
    if person is None or person.kind != PERSON:
        person = _subordinate_subject(text, para, lo, p)
    if person is None or person.kind != PERSON:
        return attribution
    if common_opener(text, person.text, person.name, person.start):
        return attribution  # `Proposals from ..., he added, ...`: a common word, no person
    if _fronted_adjective(para, lo, person):
        return attribution  # `Ignorant of the question, she replied`: she is the speaker
    gender = person.gender or name_gender(person.name)
    if gender is not None and gender != mention.gender:
        return attribution
    return Attribution(attribution.rule, person, attribution.cue)


_FRONTED_GLUE = frozenset({"of", "to", "with", "at", "for", "from", "in", "about", "by", "on"})


def _fronted_adjective(para: Para, lo: int, person: Mention) -> bool:
    """`Ignorant of the force of this question, she replied`: no person opens the sentence.

    One capitalised word opening the sentence, no given name, with a preposition right after
    it, is an adjective or participle fronted before the subject (`Afraid of nothing, he
    said`), not the pronoun's antecedent.
    """
    if " " in person.name or person.text != person.name or person.start != para.starts[lo]:
        return False
    return (
        lo + 1 < len(para.lowers)
        and para.lowers[lo + 1] in _FRONTED_GLUE
        and not is_given_name(person.name)
    )


_SUBORDINATORS = frozenset(
    {"after", "although", "as", "because", "before", "once", "since", "though", "until", "when"}
)
"""Words opening a clause whose subject a later `he` / `she` of the same sentence stands for."""


def _subordinate_subject(text: str, para: Para, lo: int, hi: int) -> Mention | None:
    """`Ever since Ben Sand announced his run, he has said ...`: the subordinate clause's subject.

    The person right after a word opening a subordinate clause (`since`, `when`, `after`),
    before token hi; None when there is none.
    """
    lowers = para.lowers
    for k in range(lo, hi - 1):
        if lowers[k] in _SUBORDINATORS:
            found = np_starting_at(text, para, k + 1, hi)
            if found is not None and found[0].kind == PERSON:
                return found[0]
    return None


_LIST_GLUE = frozenset({",", "and", "or", ";", "&", "/"})


def _narration_before(
    text: str, para: Para, paragraph: int, open_i: int, index: QuoteIndex
) -> Toks:
    """The tokens of the sentence before token open_i, quoted words left out.

    A quote whose closing comma ends a clause stays, as one token (`The Association, which
    called it "a waste," said ...`): the subject of `said` is read before that clause.
    """
    lo = sentence_start(para, open_i, 0)
    starts, ends = para.starts, para.ends
    overlaps = index.overlaps
    return para.pick(
        [
            i
            for i in range(lo, open_i)
            if not overlaps(paragraph, starts[i], ends[i]) or quote_ending_a_clause(text, para, i)
        ]
    )


def _in_list(para: Para, q: RawQuote, neighbours: Sequence[RawQuote]) -> bool:
    """Whether the quote is one of a list of quoted terms (`"ambassador," "attack" and "Libya"`)."""
    for other in neighbours:
        if other is q or other.depth:
            continue
        if other.outer_end <= q.outer_start:
            a, b = other.outer_end, q.outer_start
        elif other.outer_start >= q.outer_end:
            a, b = q.outer_end, other.outer_start
        else:
            continue
        if b - a > 8:
            continue
        gap = para.lowers[para.index_at(a) : para.index_at(b)]
        if all(w in _LIST_GLUE for w in gap):
            return True
    return False


def _embedded(pre: Toks, quote_text: str) -> bool:
    """Whether the quote sits inside a sentence of narration rather than standing as a sentence."""
    if not pre.texts:
        return False
    last = pre.texts[-1]
    if last == ":":
        return False
    starts_upper = quote_text[:1].isupper() or not quote_text[:1].isalpha()
    if last in (",", "—", "–", "-", "(") and starts_upper:
        return False
    if last.lower() == "that" and starts_upper:
        return False
    if (
        last == ","
        and any(is_cue(pre, i) for i in indexes_in(pre, 0, len(pre.texts), SPEECH_VERBS))
        and len(pre.texts) >= 2
    ):
        return not starts_upper
    return True


def link_split(text: str, paras: Paras, a: Item, b: Item) -> None:
    """Join `"First part," she said, "second part."` into one utterance in two segments.

    Called on each pair of consecutive top-level quotes, in order.
    """
    qa, qb = a.raw, b.raw
    if qa is None or qb is None or qa.segments[-1].paragraph != qb.paragraph:
        return
    if a.attribution is None or a.embedded:
        return
    para = paras[qb.paragraph]
    gap = para.texts[para.index_at(qa.outer_end) : para.index_at(qb.outer_start)]
    words = [t for t in gap if t[0].isalnum()]
    if not words or len(words) > SPLIT_GAP_WORDS or not gap or gap[-1] != ",":
        return
    if any(t in ".!?" for t in gap):
        return
    inner_end = text[qa.end - 1 : qa.end]
    if inner_end not in ",—–-" and not text[qb.start : qb.start + 1].islower():
        return
    b.split_with = a
    b.split_tail = True
    b.attribution = a.attribution
    b.kind = a.kind = QuoteKind.DIRECT


_COORDINATION = frozenset({",", "and", "or", "a", "an", "the"})


def share_coordinated(paras: Paras, a: Item, b: Item) -> None:
    """`called him "a liar" and "a fraud"`: a fragment coordinated with a partial quote is one too.

    Coordinated phrases share their role in the sentence, so the second of `"false" or "pants on
    fire"` is as much somebody's words as the first, with the same speaker.
    """
    qa, qb = a.raw, b.raw
    if qa is None or qb is None or qa.segments[-1].paragraph != qb.paragraph:
        return
    if a.kind is not QuoteKind.PARTIAL or b.kind not in (QuoteKind.SCARE, QuoteKind.TITLE):
        return
    para = paras[qb.paragraph]
    first, last = para.index_at(qa.outer_end), para.index_at(qb.outer_start)
    if not 0 < last - first <= 3:
        return
    words = para.lowers[first:last]
    if not {"and", "or"} & set(words):
        return
    if all(w in _COORDINATION for w in words):
        b.kind = QuoteKind.PARTIAL
        if b.attribution is None or b.attribution.mention is None:
            b.attribution = a.attribution


def _noted(start: int, index: int, rule: str, mention: Mention) -> Item:
    """A dropped item that only notes `mention` (by `rule`) for the pronouns after it."""
    return Item(
        start,
        index,
        kind=QuoteKind.SCARE,
        dropped=True,
        attribution=Attribution(rule, mention, None),
    )


_CLOSING_MARKS = frozenset({'"', "'", "”", "’", "»", "''"})
"""Closing quotation marks, as tokens."""


def read_reported(
    text: str,
    para: Para,
    index: int,
    quotes: QuoteIndex,
    objects: bool = False,
) -> list[Item]:
    """Reported speech in the sentences of one paragraph that hold no quotation.

    With `objects`, the persons a sentence names after a verb are noted too
    (`named_objects`): asked only in dialogue, where they cost their time back.

    `find_reported` needs a cue word (a verb that takes a clause, or `according`) in the
    sentence: a set test in C code finds whether there is one, and a sentence without one goes
    straight to its subject.
    """
    out: list[Item] = []
    lowers, starts, ends = para.lowers, para.starts, para.ends
    stops = para.stops
    n = len(lowers)
    no_cue = REPORTING_WORDS.isdisjoint
    quoted = index in quotes.quoted
    texts = para.texts
    lo = 0
    while lo < n:
        if lo and texts[lo - 1] == QUOTED:
            # `... "arbitrary." Josh Hendler warned ...`: the closing mark after a quote that
            # ended its sentence belongs to that sentence, not to the next one
            while lo < n and texts[lo] in _CLOSING_MARKS:
                lo += 1
            if lo >= n:
                break
        try:
            hi = stops.index(True, lo) + 1
        except ValueError:
            hi = n
        opened_on = topic(text, para, lo, hi) if lowers[lo] == "as" else None
        if opened_on is not None:
            out.append(_noted(starts[lo], index, "mention", opened_on))
        if not (quoted and quotes.overlaps(index, starts[lo], ends[hi - 1])):
            found = None if no_cue(lowers[lo:hi]) else find_reported(text, para, lo, hi)
            if found is not None:
                item = Item(found.start, index, reported=found, kind=QuoteKind.INDIRECT)
                item.attribution = Attribution(found.rule, found.mention, found.cue)
                out.append(item)
            else:
                subject = (
                    listed_people(text, para, lo, hi)
                    or inverted_subject(text, para, lo, hi)
                    or sentence_person(text, para, lo, hi)
                )
                if subject is not None and subject.kind in (PERSON, ORG, GROUP):
                    out.append(_noted(starts[lo], index, "mention", subject))
                elif subject is None or subject.gender is None:
                    person = clause_person(text, para, lo, hi)
                    if person is not None:
                        out.append(_noted(person.start, index, CLAUSE_RULE, person))
                for person in named_objects(text, para, lo, hi, subject) if objects else ():
                    out.append(_noted(person.start, index, OBJECT_RULE, person))
        lo = hi
    return out
