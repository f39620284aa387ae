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
import gc
import itertools
import operator
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.document import Article
from reader.extract.attribution import (
    Attribution,
    after_quote,
    before_quote,
    is_cue,
    possessive_owner,
    sentence_person,
    sentence_subject,
)
from reader.extract.cues import CLAUSE_VERBS, SPEECH_VERBS
from reader.extract.indirect import Reported, find_reported
from reader.extract.kinds import classify
from reader.extract.mentions import GROUP, ORG, PERSON, PRONOUN, ROLE
from reader.extract.model import Evidence, Extraction, Quote, QuoteKind, Span, Speaker
from reader.extract.spans import RawQuote, find_spans
from reader.extract.speakers import Cluster, SpeakerTable
from reader.extract.tokens import Token, indexes_in, is_sentence_end, make_token, tokenize

MAX_CONTEXT_TOKENS = 60
"""How many tokens of narration around a quote are read for its attribution."""

SPLIT_GAP_WORDS = 12
"""The longest attribution (in words) between the two halves of a split quote."""


@dataclass(slots=True)
class _Para:
    """A tokenized paragraph with its sentence boundaries."""

    tokens: list[Token]
    starts: list[int]
    ends: list[bool]
    """ends[i]: tokens[i] ends a sentence."""

    def index_at(self, offset: int) -> int:
        """Index of the first token starting at or after `offset`."""
        return bisect.bisect_left(self.starts, offset)


@dataclass(slots=True)
class _Item:
    """A quote or a piece of reported speech waiting for its speaker."""

    start: int
    paragraph: int
    raw: RawQuote | None = None
    reported: Reported | None = None
    attribution: Attribution | None = None
    kind: QuoteKind = QuoteKind.DIRECT
    opens_paragraph: bool = False
    embedded: bool = False
    speaker: Cluster | None = None
    evidence: Evidence | None = None
    split_with: _Item | None = None
    split_tail: bool = False
    dropped: bool = False
    segments: list[Span] = field(default_factory=list)


_SUBJECT_SPEAKERS = frozenset({PERSON, PRONOUN, ROLE, GROUP})
"""Sentence subjects taken as the speaker of a fragment with no speech verb (not `EB-5`)."""

QUOTED = "<quoted>"
"""Text of the single token that stands for the words inside a quote (never a word)."""


_is_stop = frozenset(".!?…").__contains__
_token_text = operator.itemgetter(0)
_token_start = operator.itemgetter(1)


def _tokenize_paragraph(
    text: str, start: int, end: int, collapse: Sequence[tuple[int, int]] = ()
) -> _Para:
    """Tokenize a paragraph; each range in `collapse` (quoted words) becomes one QUOTED token.

    The attribution rules only read narration, so the words inside quotes are not tokenized;
    the stand-in token ends a sentence when the quoted words do (`... years." He said`).
    """
    tokens: list[Token] = []
    quoted_ends: list[tuple[int, bool]] = []
    pos = start
    for a, b in collapse:
        if pos < a:
            tokens += tokenize(text, pos, a)
        if a < b:
            last = b - 1
            while last > a and text[last] in "\"'”’»“‘«)] ":
                last -= 1
            quoted_ends.append(
                (len(tokens), text[last] in ".!?…" and is_sentence_end(text, last, end))
            )
            tokens.append(make_token(QUOTED, a, b))
        pos = max(pos, b)
    if pos < end:
        tokens += tokenize(text, pos, end)
    ends = [False] * len(tokens)
    # only the few stop tokens can end a sentence: find them without a loop per token
    for i in itertools.compress(itertools.count(), map(_is_stop, map(_token_text, tokens))):
        if is_sentence_end(text, tokens[i].start, end):
            ends[i] = True
    for i, ended in quoted_ends:
        ends[i] = ended
    return _Para(tokens, list(map(_token_start, tokens)), ends)


class _QuoteIndex:
    """Top-level quotes by paragraph, sorted, for neighbour lookups in logarithmic time."""

    def __init__(self, top: Sequence[RawQuote]) -> None:
        self.quoted: set[int] = set()
        """Paragraphs that hold part of a quote."""
        self._quotes: dict[int, list[RawQuote]] = {}
        for q in top:
            for p in range(q.paragraph, q.segments[-1].paragraph + 1):
                self._quotes.setdefault(p, []).append(q)
                self.quoted.add(p)
        self._starts = {p: [q.outer_start for q in qs] for p, qs in self._quotes.items()}
        self._ends = {p: [q.outer_end for q in qs] for p, qs in self._quotes.items()}

    def end_before(self, paragraph: int, offset: int) -> int:
        """End of the last quote in `paragraph` that closes at or before `offset`, else -1."""
        ends = self._ends.get(paragraph, [])
        i = bisect.bisect_right(ends, offset)
        return ends[i - 1] if i else -1

    def start_after(self, paragraph: int, offset: int) -> int | None:
        """Start of the first quote in `paragraph` that opens at or after `offset`, else None."""
        starts = self._starts.get(paragraph, [])
        i = bisect.bisect_left(starts, offset)
        return starts[i] if i < len(starts) else None

    def overlaps(self, paragraph: int, start: int, end: int) -> bool:
        """Whether a quote in `paragraph` overlaps `start`..`end`."""
        starts = self._starts.get(paragraph, [])
        i = bisect.bisect_left(starts, end)
        return i > 0 and self._ends[paragraph][i - 1] > start

    def neighbours(self, q: RawQuote) -> list[RawQuote]:
        """The quotes just before and just after `q` in its paragraph."""
        quotes = self._quotes.get(q.paragraph, [])
        i = bisect.bisect_left(self._starts.get(q.paragraph, []), q.outer_start)
        return quotes[max(0, i - 1) : i + 2]


class _Paras:
    """Paragraphs tokenized on first use: most of a book's narration is never tokenized."""

    def __init__(self, text: str, article: Article, raws: Sequence[RawQuote]) -> None:
        self._text = text
        self._paragraphs = article.paragraphs
        self._cache: dict[int, _Para] = {}
        self._collapse: dict[int, list[tuple[int, int]]] = {}
        keep = {q.paragraph for q in raws if q.depth > 0}  # nested quotes are read inside
        for q in raws:
            if q.depth == 0:
                for seg in q.segments:
                    if seg.paragraph not in keep:
                        self._collapse.setdefault(seg.paragraph, []).append((seg.start, seg.end))

    def __getitem__(self, index: int) -> _Para:
        para = self._cache.get(index)
        if para is None:
            p = self._paragraphs[index]
            para = self._cache[index] = _tokenize_paragraph(
                self._text, p.start, p.end, self._collapse.get(index, ())
            )
        return para

    def drop(self, index: int) -> None:
        """Forget the tokens of a paragraph that has been read."""
        self._cache.pop(index, None)


_LOWER_WORD = re.compile(r"[a-z]+")
_CUE_WORDS = CLAUSE_VERBS | {"according"}


def _has_cue_word(paragraph: str) -> bool:
    """Whether a paragraph holds a word that can introduce reported speech (a quick filter)."""
    return not _CUE_WORDS.isdisjoint(_LOWER_WORD.findall(paragraph.lower()))


def _sentence_start(para: _Para, i: int, floor: int) -> int:
    """Index of the first token of the sentence holding tokens[i] (not before floor)."""
    k = i
    while k > floor and i - k < MAX_CONTEXT_TOKENS and not para.ends[k - 1]:
        k -= 1
    return k


def _sentence_end(para: _Para, i: int, ceiling: int) -> int:
    """Index just past the sentence end at or after tokens[i] (not after ceiling)."""
    k = i
    while k < ceiling and k - i < MAX_CONTEXT_TOKENS:
        if para.ends[k]:
            return k + 1
        k += 1
    return k


def run(article: Article) -> Extraction:
    """Extract quotes and speakers from `article`."""
    text = article.text
    paragraphs = article.paragraphs
    raws = find_spans(text, paragraphs)
    paras = _Paras(text, article, raws)
    top = [q for q in raws if q.depth == 0]
    index = _QuoteIndex(top)
    top_at: dict[int, list[RawQuote]] = {}
    for q in top:
        top_at.setdefault(q.paragraph, []).append(q)
    nested_at: dict[int, list[tuple[RawQuote, RawQuote]]] = {}
    for q, parent in _nested_parents(raws):
        nested_at.setdefault(q.paragraph, []).append((q, parent))

    # Paragraph by paragraph, each one's tokens dropped once it is read: a book's tokens all kept
    # alive would cost more in garbage collection than they cost to build. The items are gathered
    # in the order of the reading passes (quotes, nested quotes, reported speech) before sorting.
    quote_items: list[_Item] = []
    nested_items: list[_Item] = []
    reported_items: list[_Item] = []
    for number, paragraph in enumerate(paragraphs):
        for q in top_at.get(number, ()):
            item = _read_quote(text, paras, q, index)
            if quote_items:
                _link_split(text, paras, quote_items[-1], item)
                _share_coordinated(paras, quote_items[-1], item)
            quote_items.append(item)
        for q, parent in nested_at.get(number, ()):
            bounds = (parent.start, parent.end)
            nested_items.append(_read_quote(text, paras, q, None, bounds=bounds))
        # narration is read where speech can be: a cue word, or next to a quote
        if number in index.quoted or number + 1 in index.quoted or _has_cue_word(paragraph.text):
            reported_items.extend(_read_reported(text, paras[number], number, index))
        paras.drop(number)
    items = quote_items + nested_items + reported_items
    items.sort(key=lambda it: it.start)
    table = SpeakerTable()
    _assign(items, table)
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


def _read_quote(
    text: str,
    paras: _Paras,
    q: RawQuote,
    index: _QuoteIndex | None,
    bounds: tuple[int, int] | None = None,
) -> _Item:
    """Attribution and kind of one quote from its own sentence (inside `bounds` if nested)."""
    first = paras[q.paragraph]
    last_index = q.segments[-1].paragraph
    last = paras[last_index]
    item = _Item(q.start, q.paragraph, raw=q)
    item.segments = [Span(s.start, s.end) for s in q.segments]

    # narration before: from the previous quote's closing mark (or paragraph start)
    if bounds is not None or index is None:
        floor_offset, ceiling_offset = bounds or (-1, None)
    else:
        floor_offset = index.end_before(q.paragraph, q.outer_start)
        ceiling_offset = index.start_after(last_index, q.outer_end)
    open_i = first.index_at(q.outer_start)
    floor = first.index_at(floor_offset) if floor_offset >= 0 else 0
    lo = _sentence_start(first, open_i, floor)
    # narration after: up to the next quote's opening mark (or paragraph end)
    close_i = last.index_at(q.outer_end)
    ceiling = last.index_at(ceiling_offset) if ceiling_offset is not None else len(last.tokens)
    hi = _sentence_end(last, close_i, ceiling)

    pre = first.tokens[lo:open_i]
    item.opens_paragraph = open_i == 0
    quote_text = text[q.start : q.end]
    item.embedded = _embedded(pre, quote_text)
    attribution = None
    if pre and pre[-1].text == ":":
        attribution = before_quote(text, first.tokens, lo, open_i, embedded=False)
    if attribution is None and not item.embedded:
        attribution = after_quote(text, last.tokens, close_i, hi)
        if attribution is not None and attribution.mention is None:
            attribution = None
    if attribution is None and pre:
        attribution = before_quote(text, first.tokens, lo, open_i, embedded=item.embedded)
    if attribution is None and item.embedded:
        attribution = after_quote(text, last.tokens, close_i, hi)
        if attribution is not None and attribution.mention is None:
            attribution = None
    if attribution is None and item.embedded and index is not None and lo == floor > 0:
        # an earlier quote in the same sentence: read the whole sentence's narration
        narration = _narration_before(first, q.paragraph, open_i, index)
        if narration:
            attribution = before_quote(text, narration, 0, len(narration), embedded=True)
            if attribution is None:
                subject = sentence_subject(text, narration, 0, len(narration))
                if subject is not None and subject.kind in _SUBJECT_SPEAKERS:
                    attribution = Attribution("sentence-subject", subject, None)
    if attribution is None and item.embedded:
        owner = possessive_owner(text, first.tokens, lo, open_i)
        if owner is not None:
            attribution = Attribution("possessive", owner, None)
    if attribution is None and item.embedded:
        subject = sentence_subject(text, first.tokens, lo, open_i)
        if subject is not None and subject.kind in _SUBJECT_SPEAKERS:
            attribution = Attribution("sentence-subject", subject, None)
    item.attribution = attribution
    in_list = index is not None and _in_list(first, q, index.neighbours(q))
    item.kind = classify(
        text, quote_text, pre, last.tokens[close_i:hi], attribution, item.embedded, in_list
    )
    if "no_opener" in q.flags and attribution is None:
        item.dropped = True
    return item


_LIST_GLUE = frozenset({",", "and", "or", ";", "&", "/"})


def _narration_before(para: _Para, paragraph: int, open_i: int, index: _QuoteIndex) -> list[Token]:
    """The tokens of the sentence before tokens[open_i], quoted words left out."""
    lo = _sentence_start(para, open_i, 0)
    return [t for t in para.tokens[lo:open_i] if not index.overlaps(paragraph, t.start, t.end)]


def _in_list(para: _Para, q: RawQuote, neighbours: Sequence[RawQuote]) -> bool:
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
        gap = para.tokens[para.index_at(a) : para.index_at(b)]
        if all(t.text.lower() in _LIST_GLUE for t in gap):
            return True
    return False


def _embedded(pre: Sequence[Token], quote_text: str) -> bool:
    """Whether the quote sits inside a sentence of narration rather than standing as a sentence."""
    if not pre:
        return False
    last = pre[-1].text
    if last == ":":
        return False
    starts_upper = quote_text[:1].isupper() or not quote_text[:1].isalpha()
    if last in (",", "—", "–", "-", "(") and starts_upper:
        return False
    if last.lower() == "that" and starts_upper:
        return False
    if (
        last == ","
        and any(is_cue(pre, i) for i in indexes_in(pre, 0, len(pre), SPEECH_VERBS))
        and len(pre) >= 2
    ):
        return not starts_upper
    return True


def _link_split(text: str, paras: _Paras, a: _Item, b: _Item) -> None:
    """Join `"First part," she said, "second part."` into one utterance in two segments.

    Called on each pair of consecutive top-level quotes, in order.
    """
    qa, qb = a.raw, b.raw
    if qa is None or qb is None or qa.segments[-1].paragraph != qb.paragraph:
        return
    if a.attribution is None or a.embedded:
        return
    para = paras[qb.paragraph]
    gap = para.tokens[para.index_at(qa.outer_end) : para.index_at(qb.outer_start)]
    words = [t for t in gap if t.is_word]
    if not words or len(words) > SPLIT_GAP_WORDS or not gap or gap[-1].text != ",":
        return
    if any(t.text in ".!?" for t in gap):
        return
    inner_end = text[qa.end - 1 : qa.end]
    if inner_end not in ",—–-" and not text[qb.start : qb.start + 1].islower():
        return
    b.split_with = a
    b.split_tail = True
    b.attribution = a.attribution
    b.kind = a.kind = QuoteKind.DIRECT


_COORDINATION = frozenset({",", "and", "or", "a", "an", "the"})


def _share_coordinated(paras: _Paras, a: _Item, b: _Item) -> None:
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
    words = [t.text.lower() for t in para.tokens[first:last]]
    if not {"and", "or"} & set(words):
        return
    if all(w in _COORDINATION for w in words):
        b.kind = QuoteKind.PARTIAL
        if b.attribution is None or b.attribution.mention is None:
            b.attribution = a.attribution


def _read_reported(
    text: str,
    para: _Para,
    index: int,
    quotes: _QuoteIndex,
) -> list[_Item]:
    """Reported speech in the sentences of one paragraph that hold no quotation."""
    out: list[_Item] = []
    lo = 0
    n = len(para.tokens)
    while lo < n:
        try:
            hi = para.ends.index(True, lo) + 1
        except ValueError:
            hi = n
        s_off, e_off = para.tokens[lo].start, para.tokens[hi - 1].end
        if not quotes.overlaps(index, s_off, e_off):
            found = find_reported(text, para.tokens, lo, hi)
            if found is not None:
                item = _Item(found.start, index, reported=found, kind=QuoteKind.INDIRECT)
                item.attribution = Attribution(found.rule, found.mention, found.cue)
                out.append(item)
            else:
                subject = sentence_person(text, para.tokens, lo, hi)
                if subject is not None and subject.kind in (PERSON, ORG):
                    out.append(
                        _Item(
                            para.tokens[lo].start,
                            index,
                            kind=QuoteKind.SCARE,
                            dropped=True,
                            attribution=Attribution("mention", subject, None),
                        )
                    )
        lo = hi
    return out


def _assign(items: list[_Item], table: SpeakerTable) -> None:
    """Resolve speakers in reading order, continuing speakers where a quote has no attribution."""
    last_speaker: Cluster | None = None
    last_paragraph = -1
    last_in_para: dict[int, Cluster] = {}
    for pos, item in enumerate(items):
        att = item.attribution
        if item.dropped and item.raw is None and att is not None and att.mention is not None:
            table.note_person(att.mention, item.paragraph)  # a sentence subject, for pronouns
            subject = table.resolve_noted(att.mention)
            if subject is not None and item.paragraph >= last_paragraph:
                last_speaker, last_paragraph = subject, item.paragraph
                last_in_para[item.paragraph] = subject
            continue
        if item.dropped:
            continue
        if item.kind in (QuoteKind.SCARE, QuoteKind.TITLE):
            continue
        if item.raw is not None and item.raw.depth > 0:
            if att is not None and att.mention is not None:
                item.speaker = table.resolve(att.mention, item.paragraph)
                item.evidence = _evidence(att)
            continue
        if item.split_with is not None:
            item.speaker = item.split_with.speaker
            item.evidence = item.split_with.evidence
        elif att is not None and att.mention is not None:
            cluster = table.resolve(att.mention, item.paragraph)
            item.speaker = cluster
            item.evidence = _evidence(att)
        else:
            cluster, rule = _continued(items, pos, item, last_in_para, last_speaker, last_paragraph)
            item.speaker = cluster
            if cluster is not None:
                item.evidence = Evidence(rule)
        if item.speaker is not None:
            last_speaker = item.speaker
            last_paragraph = item.raw.segments[-1].paragraph if item.raw else item.paragraph
            last_in_para[last_paragraph] = item.speaker


def _continued(
    items: Sequence[_Item],
    pos: int,
    item: _Item,
    last_in_para: dict[int, Cluster],
    last_speaker: Cluster | None,
    last_paragraph: int,
) -> tuple[Cluster | None, str]:
    """The speaker a quote without attribution continues, and the rule that says so."""
    if item.paragraph in last_in_para:
        return last_in_para[item.paragraph], "continues-paragraph"
    # a later quote in the same paragraph with its own attribution: "A." "B," she said.
    for later in items[pos + 1 : pos + 4]:
        if later.paragraph != item.paragraph:
            break
        if (
            later.raw is not None
            and later.attribution is not None
            and (
                later.attribution.mention is not None
                and later.kind not in (QuoteKind.SCARE, QuoteKind.TITLE)
                and not later.embedded
            )
        ):
            return None, ""
    if item.opens_paragraph and last_speaker is not None and (item.paragraph - last_paragraph == 1):
        return last_speaker, "continues-previous"
    return None, ""


def _evidence(att: Attribution) -> Evidence:
    mention = att.mention
    cue = att.cue
    return Evidence(
        rule=att.rule,
        cue=cue.text if cue else None,
        cue_span=Span(cue.start, cue.end) if cue else None,
        mention=mention.text if mention else None,
        mention_span=Span(mention.start, mention.end) if mention else None,
    )


_SLUG = re.compile(r"[^a-z0-9]+")


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _SLUG.sub("-", ascii_name.lower()).strip("-") or "speaker"


def _build(article: Article, items: list[_Item], table: SpeakerTable) -> Extraction:
    """Turn the resolved items into the public value types."""
    text = article.text
    ids: dict[int, str] = {}
    used: set[str] = set()
    counts: dict[int, int] = {}
    paras: dict[int, set[int]] = {}
    quotes: list[Quote] = []
    tails_of: dict[int, list[_Item]] = {}
    for item in items:
        if item.split_with is not None:
            tails_of.setdefault(id(item.split_with), []).append(item)
    for item in items:
        if item.dropped or item.split_tail:
            continue
        cluster = item.speaker
        segments = list(item.segments)
        tails = tails_of.get(id(item), [])
        for tail in tails:
            segments.extend(tail.segments)
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
            para_set = paras.setdefault(key, set())
            para_set.update(range(item.paragraph, _last_paragraph(item, tails) + 1))
        if item.raw is not None:
            start, end = segments[0].start, segments[-1].end
            if len(segments) == 1:
                quote_text = text[start:end]
            elif tails:
                quote_text = " ".join(text[s.start : s.end] for s in segments)
            else:
                quote_text = "\n\n".join(text[s.start : s.end] for s in segments)
            quotes.append(
                Quote(
                    start=start,
                    end=end,
                    text=quote_text,
                    kind=item.kind,
                    paragraph=item.paragraph,
                    speaker=speaker_id,
                    segments=tuple(segments) if len(segments) > 1 else (),
                    evidence=item.evidence,
                    split=bool(tails),
                    nested=item.raw.depth > 0,
                )
            )
        elif (
            item.reported is not None and speaker_id is not None
        ):  # by nobody known: not worth listing
            r = item.reported
            quotes.append(
                Quote(
                    start=r.start,
                    end=r.end,
                    text=text[r.start : r.end],
                    kind=QuoteKind.INDIRECT,
                    paragraph=item.paragraph,
                    speaker=speaker_id,
                    evidence=item.evidence,
                )
            )
    quotes.sort(key=lambda q: (q.start, q.nested))
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


def _last_paragraph(item: _Item, tails: Sequence[_Item]) -> int:
    last = item.raw.segments[-1].paragraph if item.raw else item.paragraph
    for tail in tails:
        if tail.raw is not None:
            last = max(last, tail.raw.segments[-1].paragraph)
    return last


def extract(article: Article) -> Extraction:
    """Find the quotes and speakers of `article` (quotes in article order, speakers by count).

    The cyclic garbage collector is paused for the run: a book makes hundreds of thousands of
    short-lived tokens (acyclic tuples, freed by reference counting), and every collection they
    trigger would walk the long-lived article again, about a tenth of the run. The previous state
    is restored however the run ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return run(article)
    finally:
        if was_enabled:
            gc.enable()
