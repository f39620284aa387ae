"""The extraction's output values: the read items of a text as `Quote` and `Speaker` values.

`pipeline` reads a text a window of paragraphs at a time and decides each quote's kind and
speaker on its own working values (`reading.Item`, `speakers.Cluster`); `QuoteBuilder` turns
those into the public, frozen values of `reader.extract.model`, a window's at a time: a split
quote's halves joined, each speaker given an id made from its name (the same ids whether the
text is read in one window or many: `renamed`), counted, and the paragraphs it speaks in kept;
at the end, two speakers of one name are named so that a reader can tell them apart.
"""

from __future__ import annotations

import dataclasses
import itertools
import operator
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence

from reader.extract.model import Evidence, KindRule, Quote, QuoteKind, Span, Speaker
from reader.extract.reading import Item
from reader.extract.spans import Segment
from reader.extract.speakers import Cluster, SpeakerTable

_KIND_ONLY: dict[KindRule | None, Evidence] = {}
"""The evidence of quotes with no speaker: the kind rule alone, one shared value per rule."""


def _kind_only(kind_rule: KindRule | None) -> Evidence:
    """`Evidence(None, kind_rule=kind_rule)`, made once per rule (a frozen value, shareable)."""
    found = _KIND_ONLY.get(kind_rule)
    if found is None:
        found = _KIND_ONLY[kind_rule] = Evidence(None, kind_rule=kind_rule)
    return found


_SLUG = re.compile(r"[^a-z0-9]+")


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _SLUG.sub("-", ascii_name.lower()).strip("-") or "speaker"


class QuoteBuilder:
    """Turns the resolved items into the public value types, a window's at a time.

    Speaker ids and each speaker's counts carry from one window to the next.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._ids: dict[int, str] = {}
        self._used: set[str] = set()
        self._counts: dict[int, int] = {}
        self._paras: dict[int, set[int]] = {}
        self._first_met: list[Cluster] = []  # the speakers in the order of their first quote

    def build(self, items: list[Item], lo: int, hi: int) -> list[Quote]:
        """The quotes of `items[lo:hi]`, sorted; a split quote's tails are read after `hi` too.

        Each item is let go of once read when `items` is built whole (`lo` 0, `hi` its end), so
        that a text's items and its quotes are not all alive at once.
        """
        text, ids, used, counts, paras = (
            self._text,
            self._ids,
            self._used,
            self._counts,
            self._paras,
        )
        quotes: list[Quote] = []
        tails_of: dict[int, list[Item]] = {}
        for pos in range(lo, len(items)):
            item = items[pos]
            if item.split_with is not None:
                tails_of.setdefault(id(item.split_with), []).append(item)
        if lo == 0 and hi == len(items):  # the whole text in one window, as it was
            items.reverse()
            todo: Iterable[Item] = _popped(items)
        else:
            todo = itertools.islice(items, lo, hi)
        for item in todo:
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
                    ids[key] = _unique_slug(cluster.name, used)
                    self._first_met.append(cluster)
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
                        tuple([Span(s.start, s.end) for s in segments])
                        if len(segments) > 1
                        else (),
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
        return quotes

    def renamed(self) -> dict[str, str]:
        """The ids given so far that their speakers' names as they are now would change.

        An id is made from its speaker's name when the speaker's first quote is built; in a
        text of many windows a person is often met by a shorter name first (`Fanny`, then
        `Fanny Price`). Made again in the same order from the names as they end, the ids are
        those the whole text read at once gives. Empty for a text of one window.
        """
        used: set[str] = set()
        renamed: dict[str, str] = {}
        for cluster in self._first_met:
            given = self._ids[id(cluster)]
            final = _unique_slug(cluster.name, used)
            if final != given:
                renamed[given] = final
        if renamed:  # the speakers' ids from now on (asked once, at the end)
            for cluster in self._first_met:
                given = self._ids[id(cluster)]
                self._ids[id(cluster)] = renamed.get(given, given)
        return renamed

    def speakers(self, table: SpeakerTable) -> tuple[Speaker, ...]:
        """The speakers of the quotes built so far, by count."""
        ids, counts, paras = self._ids, self._counts, self._paras
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
        return tuple(_told_apart(speakers))


def _told_apart(speakers: list[Speaker]) -> list[Speaker]:
    """`speakers`, each of two or more people of one name shown by an alias that tells them apart.

    `Ms Zhang` and `Mr Zhang` (a daughter and her father) are two people named `Zhang`: the
    Speakers pane and `reader speakers` listed `Zhang` twice. Each is named instead by the first
    of its aliases that holds the shared name and no other of them has (`Ms Zhang`), the name
    kept as an alias; one with no such alias keeps the name.
    """
    by_name: dict[str, list[int]] = {}
    for at, speaker in enumerate(speakers):
        by_name.setdefault(speaker.name, []).append(at)
    for name, places in by_name.items():
        if len(places) < 2:
            continue
        aliases = [set(speakers[at].aliases) for at in places]
        for k, at in enumerate(places):
            others = set().union(*(a for j, a in enumerate(aliases) if j != k))
            speaker = speakers[at]
            own = next(
                (a for a in speaker.aliases if name in a and a not in others),
                None,
            )
            if own is not None:
                rest = tuple(a for a in speaker.aliases if a != own)
                speakers[at] = dataclasses.replace(speaker, name=own, aliases=(name, *rest))
    return speakers


def _unique_slug(name: str, used: set[str]) -> str:
    """The slug of `name`, numbered when taken (`-2`, `-3`...), and noted as taken."""
    base = _slug(name)
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return slug


def _popped(items: list[Item]) -> Iterator[Item]:
    """`items` from last to first, each taken out of the list as it is handed over."""
    while items:
        yield items.pop()


def _last_paragraph(item: Item, tails: Sequence[Item]) -> int:
    last = item.raw.segments[-1].paragraph if item.raw else item.paragraph
    for tail in tails:
        if tail.raw is not None:
            last = max(last, tail.raw.segments[-1].paragraph)
    return last
