"""Speakers: mentions merged into people and organisations, aliases kept, pronouns resolved.

Mentions arrive in reading order. A full name (`Leonid Slutsky`) starts or joins a speaker with
the same name; a bare surname (`Slutsky`), or the name with a title (`Turkish President
Erdogan`), joins the most recent speaker with that surname; names are compared with diacritics
and hyphens folded (`Çavuşoğlu` = `Cavusoglu`). A role joined to a name by apposition
(`the head of the ... Committee, Leonid Slutsky`) becomes an alias, so a later `the head of the
... Committee said` finds him. `he` / `she` go to the last speaker of a fitting gender, `it` to
the last organisation; an unresolved pronoun stays unattributed rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.extract.cues import DETERMINERS, GROUP_NOUNS, TITLES
from reader.extract.mentions import GROUP, ORG, PERSON, PRONOUN, ROLE, Mention
from reader.extract.tokens import fold

PRONOUN_REACH = 3
"""A pronoun resolves only to a speaker last seen this many paragraphs back, or fewer."""


@dataclass(slots=True)
class Cluster:
    """A speaker being assembled from its mentions."""

    kind: str
    """`PERSON`, `ORG`, `ROLE` or `GROUP`."""
    names: list[str]
    """The names seen (without titles), first seen first."""
    aliases: list[str] = field(default_factory=list)
    """Every other way the text refers to them, first seen first."""
    gender: str | None = None
    """`m` / `f` once a title, role or resolved pronoun tells."""
    last_paragraph: int = -1
    """Paragraph of the latest mention (for pronouns)."""
    last_offset: int = -1
    """Offset of the latest mention (for pronouns)."""
    order: int = 0
    """Creation order: a stable tie-break for sorting."""

    @property
    def name(self) -> str:
        """The canonical name: the longest full name seen."""
        return max(self.names, key=lambda n: (len(n.split()), len(n), -self.names.index(n)))

    @property
    def surname(self) -> str:
        """The folded last word of the canonical name."""
        return fold(self.name.split()[-1]) if self.name.split() else ""

    def add_alias(self, alias: str) -> None:
        """Remember `alias` unless it is already a name or alias."""
        if alias and alias not in self.aliases:
            self.aliases.append(alias)


def _role_key(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return fold(" ".join(words))


def _plural(role: str) -> bool:
    return any(w.lower() in GROUP_NOUNS for w in role.split())


class SpeakerTable:
    """Merges mentions into speakers as the article is read, in order."""

    def __init__(self) -> None:
        self.clusters: list[Cluster] = []
        """Every speaker found so far."""
        self._roles: dict[str, Cluster] = {}

    def resolve(self, mention: Mention, paragraph: int) -> Cluster | None:
        """Return the speaker `mention` refers to (creating one if needed), or None."""
        if mention.kind == PRONOUN:
            cluster = self._pronoun(mention, paragraph)
        elif mention.kind == PERSON:
            cluster = self._person(mention)
        elif mention.kind == ORG:
            cluster = self._org(mention)
        else:
            cluster = self._role(mention)
        if cluster is None:
            return None
        cluster.last_paragraph = paragraph
        cluster.last_offset = mention.start
        if mention.gender and cluster.gender is None and cluster.kind in (PERSON, ROLE):
            cluster.gender = mention.gender
        if mention.kind != PRONOUN:
            cluster.add_alias(mention.text)
        if mention.role:
            cluster.add_alias(mention.role)
            self._roles[_role_key(mention.role)] = cluster
        if mention.role:
            cluster.add_alias(mention.role)
            self._roles[_role_key(mention.role)] = cluster
        return cluster

    def _new(self, kind: str, name: str) -> Cluster:
        cluster = Cluster(kind, [name], order=len(self.clusters))
        self.clusters.append(cluster)
        return cluster

    def _recent(self, kind: str) -> list[Cluster]:
        return sorted(
            (c for c in self.clusters if c.kind == kind),
            key=lambda c: c.last_offset,
            reverse=True,
        )

    def _person(self, mention: Mention) -> Cluster:
        words = mention.name.split()
        full = fold(mention.name)
        surname = fold(words[-1])
        for cluster in self._recent(PERSON):
            if any(fold(n) == full for n in cluster.names):
                self._add_name(cluster, mention.name)
                return cluster
        for cluster in self._recent(PERSON):
            if cluster.surname != surname and not any(
                fold(n.split()[-1]) == surname for n in cluster.names
            ):
                continue
            if len(words) == 1:
                return cluster
            firsts = {fold(n.split()[0]) for n in cluster.names if len(n.split()) > 1}
            if not firsts or fold(words[0]) in firsts:
                self._add_name(cluster, mention.name)
                return cluster
        if len(words) == 1:
            for cluster in self._recent(PERSON):
                if any(fold(n.split()[0]) == surname for n in cluster.names if len(n.split()) > 1):
                    return cluster  # a first name used alone: "Hillary"
        return self._new(PERSON, mention.name)

    @staticmethod
    def _add_name(cluster: Cluster, name: str) -> None:
        if name not in cluster.names:
            cluster.names.append(name)

    def _org(self, mention: Mention) -> Cluster:
        key = _role_key(mention.name)
        for cluster in self._recent(ORG):
            if any(_role_key(n) == key for n in cluster.names):
                return cluster
        if mention.name[:1].islower():
            head = fold(mention.name.split()[-1])
            for cluster in self._recent(ORG):
                if any(head in fold(n).split() for n in cluster.names):
                    return cluster
            if key in self._roles:
                return self._roles[key]
        return self._new(ORG, mention.name)

    def _role(self, mention: Mention) -> Cluster:
        key = _role_key(mention.name)
        if key in self._roles:
            return self._roles[key]
        if mention.kind == ROLE:
            head = fold(mention.name.split()[-1])
            if head in TITLES:
                for cluster in self._recent(PERSON):
                    titled = any(
                        head in fold(a).split()[:-1] for a in cluster.aliases if a[:1].isupper()
                    )
                    if titled:
                        return cluster
        for cluster in self.clusters:
            if cluster.kind in (ROLE, GROUP) and _role_key(cluster.names[0]) == key:
                return cluster
        words = mention.name.split()
        if mention.kind == ROLE and len(words) == 2 and words[0].lower() == "the":
            # "the diplomat" after "a senior European diplomat": the same person
            head = fold(words[1])
            for cluster in self._recent(ROLE):
                if fold(cluster.names[0].split()[-1]) == head:
                    return cluster
        return self._new(GROUP if mention.kind == GROUP else ROLE, mention.name)

    def _pronoun(self, mention: Mention, paragraph: int) -> Cluster | None:
        word = mention.name
        if word in ("he", "she"):
            want = "m" if word == "he" else "f"
            candidates = [
                c
                for c in self.clusters
                if c.gender in (None, want)
                and (c.kind == PERSON or (c.kind == ROLE and not _plural(c.names[0])))
            ]
        elif word == "it":
            candidates = [c for c in self.clusters if c.kind == ORG]
        else:
            candidates = [c for c in self.clusters if c.kind in (ORG, GROUP)]
        reach = PRONOUN_REACH if word in ("he", "she", "it") else 1
        candidates = [c for c in candidates if paragraph - c.last_paragraph <= reach]
        if not candidates:
            return None
        best = max(candidates, key=lambda c: c.last_offset)
        if word in ("he", "she") and best.gender is None:
            best.gender = "m" if word == "he" else "f"
        return best

    def note_person(self, mention: Mention, paragraph: int) -> None:
        """Record a sentence subject who is not (yet) speaking, so pronouns can find them."""
        if mention.kind == PERSON:
            cluster = self._person(mention)
        elif mention.kind == ORG:
            cluster = self._org(mention)
        else:
            return
        cluster.last_paragraph = paragraph
        cluster.last_offset = mention.start
        if mention.gender and cluster.gender is None:
            cluster.gender = mention.gender
        cluster.add_alias(mention.text)
        if mention.role:
            cluster.add_alias(mention.role)
            self._roles[_role_key(mention.role)] = cluster

    def resolve_noted(self, mention: Mention) -> Cluster | None:
        """The speaker a noted sentence subject belongs to (without counting it as speech)."""
        if mention.kind == PERSON:
            return self._person(mention)
        if mention.kind == ORG:
            return self._org(mention)
        return None
