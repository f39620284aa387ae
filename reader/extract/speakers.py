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

import re
from dataclasses import dataclass, field

from reader.extract.common_words import opens_sentence, written_lowercase
from reader.extract.cues import (
    DETERMINERS,
    GROUP_NOUNS,
    PERSON_SUFFIXES,
    THING_NOUNS,
    TITLES,
)
from reader.extract.fresh_rules9 import document_role, journalist, vox_pop_role
from reader.extract.gender import is_given_name, name_gender
from reader.extract.mentions import GROUP, ORG, PERSON, PRONOUN, ROLE, Mention
from reader.extract.news_rules7 import holds_title, role_head
from reader.extract.not_persons import not_a_person
from reader.extract.occurrences import FirstOccurrences
from reader.extract.scorer import (
    MAX_CANDIDATES,
    ONLY_CANDIDATE,
    Candidate,
    ScorerNote,
    TurnCandidate,
    choose,
)
from reader.extract.tokens import fold

PRONOUN_REACH = 3
"""A pronoun resolves only to a speaker last seen this many paragraphs back, or fewer."""

DIALOGUE_PRONOUN_REACH = 8
"""`PRONOUN_REACH` in dialogue, where a paragraph is one short turn (`"Sure."`): a run of
turns with no name in them does not make `he` lose the man last named."""

NARRATOR = "I"
"""The name of the first-person narrator's speaker (`"Yes," I said`)."""

ROLE_REACH = 2
"""`the rookie defender` stands for the person last given the role `defender` only when that
person was mentioned this many paragraphs back, or fewer."""

SCORER_EXTRA_REACH = 3
"""How many paragraphs past `PRONOUN_REACH` the speaker scorer looks for a pronoun's
candidates (the rules alone never go past the reach)."""

_SEEN_AGAIN_CHARS = 40_000
"""How far either side of a lone capitalised word `_sentence_word` looks for it again: a
surname used alone comes back within a few pages; a book is not scanned whole per word."""

_INTRO_CHARS = 60
"""How far before a surname's first appearance `SpeakerTable._introduce` reads its title."""

RECENT_SCAN = 200
"""How many recently mentioned speakers a role such as `the mayor` is compared with."""


@dataclass(slots=True, eq=False)
class Cluster:
    """A speaker being assembled from its mentions.

    Compared by identity (`eq=False`): each cluster is one speaker, and its `order` is its own,
    so no two clusters of a table ever had equal fields. Compared field by field, as a dataclass
    is by default, every `cluster in bucket` test of `SpeakerTable._add_name` built two tuples
    of all the fields for each other cluster in the bucket: a text naming many people who share
    a given name or a surname took time quadratic in their number (`bench_extract.namesakes`,
    2 MB: 48 s of CPU, 71% of it in the comparisons; 2.5 s compared by identity).
    """

    kind: str
    """`PERSON`, `ORG`, `ROLE` or `GROUP`."""
    names: list[str]
    """The names seen (without titles), first seen first."""
    aliases: list[str] = field(default_factory=list)
    """Every other way the text refers to them, first seen first."""
    gender: str | None = None
    """`m` / `f` once a title, role or resolved pronoun tells."""
    gender_told: bool = False
    """True once a given name or a title told the gender: a resolved pronoun only guessed it,
    and a wrong guess (`she` taken for a bare surname) must not hide the man from `he`."""
    last_paragraph: int = -1
    """Paragraph of the latest mention (for pronouns)."""
    last_offset: int = -1
    """Offset of the latest mention (for pronouns)."""
    order: int = 0
    """Creation order: a stable tie-break for sorting."""
    mentions: int = 0
    """How many times it was mentioned so far (salience, for the speaker scorer)."""
    one_word: bool = True
    """True while every name seen is one word (`Kerr`, `Stephen`), for the speaker scorer."""
    given_sex: str | None = None
    """For a person known by one word only: the sex that word tells as a given name."""
    role_shape: tuple[bool, bool] | None = None
    """For a role, once asked (`_one_person`): whether it names several people, and whether
    its head noun is a title or a noun for people. Kept because the speaker scorer asks of
    every role within a pronoun's reach, and a role read off a long run of words is slow to
    split each time (a tenth of a second over the 3 MB benchmark book)."""
    speeches: int = 0
    """How many quotes were attributed to it so far (for the speaker scorer)."""
    object_only: bool = False
    """True when its latest mention named it after a verb (`told Marianne`), not as a subject
    or a speaker (for the speaker scorer)."""
    called_only: bool = False
    """True while the only sign of this person is a quote calling them by name (`"Dr. Aziz,
    where have you been?"`): a candidate for the next turn, and still free to be the
    narrator's name (`narrator.name_narrator`)."""

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


_AGE = re.compile(r"\d{1,3}yearold")  # folded: hyphens dropped
"""`34-year-old`: a person described by age."""
_AGE_WORDS = 4
"""The most words of a description by age that still refers back (`the 48-year-old general
manager`, not only `the 34-year-old`)."""
_POSTS = frozenset({"head", "chief", "leader", "boss"})
"""Posts that, as `the head of X`, describe a person already named rather than name one."""


_INDEFINITE = frozenset({"a", "an", "another", "one"})


def _title_then_name(alias: str) -> bool:
    """`head coach Iain Drummond`: lower-case title words written before a capitalised name.

    Such an alias holds the person's title as surely as `Fire chief Ron Delaney` does, so a
    later `The coach said` is matched against it; an apposition role (`a defender signed in
    May`) ends in a lower-case word and is not.
    """
    last = alias.rsplit(None, 1)[-1]
    return last[:1].isupper() and " " in alias


def _indefinite(role: str) -> bool:
    """`a coach said ...`: a role that brings in someone new, not the coach named before."""
    return role.split(" ", 1)[0].lower() in _INDEFINITE


def _other_sex(cluster: Cluster, mention: Mention) -> bool:
    """Whether `mention` and `cluster` are two people of one surname, told apart by sex.

    A titled mention (`Mrs. Clinton`) telling the sex opposite to the one a given name or title
    told for `cluster` (`Mr. Clinton`).
    """
    return (
        mention.gender is not None
        and cluster.gender_told
        and cluster.gender not in (None, mention.gender)
    )


def _no_person(mention: Mention, dialogue: bool) -> bool:
    """`Indian`, `God`, `Monsieur` written alone: a capitalised word that names no speaker.

    A titled name (`Mr. English`) is a person all the same (`not_persons`); a people in the
    plural (`Indians`) is no speaker only in `dialogue`.
    """
    return not_a_person(mention.name, dialogue) and (
        mention.text == mention.name or " " in mention.name
    )


def _tell_gender(cluster: Cluster, mention: Mention) -> None:
    """Take the gender a mention tells: a title or role word overrules a pronoun's guess."""
    if mention.kind == PRONOUN:
        if cluster.gender is None:
            cluster.gender = mention.gender
    elif not cluster.gender_told:
        cluster.gender, cluster.gender_told = mention.gender, True


def _one_person(cluster: Cluster) -> bool:
    """Whether a role stands for one person (`the organizer`, `the sheriff`), for `he`/`she`.

    `the paper`, `this year` or `a rare` read as a role when they were taken for a speaker; a
    role is a person only when its gender is told or its head noun is a title or a noun for
    people.
    """
    if cluster.role_shape is None:
        cluster.role_shape = _role_shape(cluster.names[0])
    plural, person_head = cluster.role_shape
    return not plural and (cluster.gender_told or person_head)


def _role_shape(role: str) -> tuple[bool, bool]:
    """Whether a role names several people; whether its head noun is a title or for people."""
    words = role.split()
    plural = any(w.lower() in GROUP_NOUNS for w in words)
    head = fold(words[-1]) if words else ""
    return plural, head in TITLES or (head.endswith(PERSON_SUFFIXES) and head not in THING_NOUNS)


@dataclass(frozen=True, slots=True)
class PronounChoice:
    """One choice among candidate speakers: its candidates, the rules' pick and the one taken.

    Either a `he` / `she` resolved (`decision` `pronoun`) or the speaker of a quote-opened
    paragraph whose own sentence names nobody (`turn`).
    """

    start: int
    """Offset of the pronoun, or of the quote's first character."""
    clusters: list[Cluster]
    """The candidate speakers."""
    candidates: list[Candidate] | list[TurnCandidate]
    """What the scorer read about each."""
    rule: int | None
    """Index of the rules' pick, or None when the rules would leave the pronoun unresolved."""
    picked: int | None
    """Index of the candidate taken."""
    decision: str = "pronoun"
    """`pronoun` or `turn`."""


class SpeakerTable:
    """Merges mentions into speakers as the article is read, in order.

    Lookups go through indexes (folded full name, surname, first name, organisation words,
    roles) and a recency list, so each mention costs about the same in a 3 MB book as in a
    short article.
    """

    def __init__(self) -> None:
        self.clusters: list[Cluster] = []
        """Every speaker found so far."""
        self._roles: dict[str, Cluster] = {}
        self._by_full: dict[str, Cluster] = {}
        self._by_surname: dict[str, list[Cluster]] = {}
        self._by_first: dict[str, list[Cluster]] = {}
        self._firsts: dict[int, set[str]] = {}
        self._org_keys: dict[str, Cluster] = {}
        self._org_words: dict[str, list[Cluster]] = {}
        self._role_keys: dict[str, Cluster] = {}
        self._role_heads: dict[str, Cluster] = {}
        self._named_heads: dict[str, Cluster] = {}
        """Head noun of a role given to a named person (`defender`) -> that person."""
        self._recency: dict[int, Cluster] = {}
        self._narrator_cluster: Cluster | None = None
        self.pronoun_reach = PRONOUN_REACH
        """How many paragraphs back `he`, `she` and `it` look (`DIALOGUE_PRONOUN_REACH` in
        dialogue)."""
        self.dialogue = False
        """True when the text is dialogue (a novel): a feature of the speaker scorer."""
        self.last_choice: ScorerNote | None = None
        """How the speaker scorer chose the latest pronoun resolved (for `--explain`)."""
        self.use_scorer = True
        """False: the rules alone choose a pronoun's speaker (to compare, and to train)."""
        self.text: str | None = None
        """The text read, when the caller gives it: a capitalised word it writes once, to open
        a sentence, is no person (`_sentence_word`)."""
        self._occurrences: FirstOccurrences | None = None
        """Where names first occur in `text` (`_introduce`), made when first asked."""
        self._once: dict[str, bool] = {}
        """Each word asked about: whether the text writes it only once near where it was
        first asked (`_sentence_word`)."""
        self.choices: list[PronounChoice] | None = None
        """Every pronoun's candidates and the one chosen, when a caller asks (training)."""

    def resolve(
        self,
        mention: Mention,
        paragraph: int,
        turn: Cluster | None = None,
        previous: Cluster | None = None,
    ) -> Cluster | None:
        """Return the speaker `mention` refers to (creating one if needed), or None.

        `turn` is the speaker whose turn it is in a dialogue (`turns.turn_speaker`), `previous`
        the speaker of the quote before: both are features when `he` or `she` is resolved.
        """
        self.last_choice = None
        cluster: Cluster | None = None
        if mention.kind in (ORG, ROLE) and document_role(mention.name.split()):
            cluster = self._issuer(paragraph)  # `the statement said` (fresh_rules9)
        if cluster is not None:
            pass
        elif mention.kind == PRONOUN:
            cluster = self._pronoun(mention, paragraph, turn, previous)
        elif mention.kind == PERSON:
            cluster = None if _no_person(mention, self.dialogue) else self._person(mention)
        elif mention.kind == ORG:
            cluster = self._org(mention)
        else:
            cluster = self._role_in_turn(mention, turn) or self._role(mention, paragraph)
        if cluster is None:
            return None
        self._touch(cluster, mention, paragraph)
        cluster.speeches += 1
        if mention.gender and cluster.kind in (PERSON, ROLE):
            _tell_gender(cluster, mention)
        if mention.kind != PRONOUN:
            cluster.add_alias(mention.text)
        if mention.role:
            cluster.add_alias(mention.role)
            self._learn_role(mention.role, cluster)
        return cluster

    def _touch(self, cluster: Cluster, mention: Mention, paragraph: int) -> None:
        cluster.object_only = cluster.called_only = False
        cluster.mentions += 1
        cluster.last_paragraph = paragraph
        cluster.last_offset = mention.start
        self._recency.pop(id(cluster), None)
        self._recency[id(cluster)] = cluster

    def _recent(self, limit: int = RECENT_SCAN) -> list[Cluster]:
        """The most recently mentioned speakers, latest first (at most `limit`)."""
        out: list[Cluster] = []
        for cluster in reversed(self._recency.values()):
            out.append(cluster)
            if len(out) >= limit:
                break
        return out

    def _new(self, kind: str, name: str) -> Cluster:
        cluster = Cluster(kind, [], order=len(self.clusters))
        self.clusters.append(cluster)
        self._recency[id(cluster)] = cluster
        if kind == PERSON:
            self._add_name(cluster, name)
        else:
            cluster.names.append(name)
            cluster.one_word = " " not in name
        return cluster

    def _add_name(self, cluster: Cluster, name: str) -> None:
        if name in cluster.names:
            return
        cluster.names.append(name)
        if not cluster.gender_told:
            told = name_gender(name)
            if told is not None:
                cluster.gender, cluster.gender_told = told, True
        words = name.split()
        if len(words) > 1:
            cluster.one_word, cluster.given_sex = False, None
        elif cluster.one_word and len(cluster.names) == 1:
            cluster.given_sex = name_gender(f"{name} x")
        self._by_full[fold(name)] = cluster
        surname = fold(words[-1])
        bucket = self._by_surname.setdefault(surname, [])
        if cluster not in bucket:
            bucket.append(cluster)
        if len(words) > 1:
            first = fold(words[0])
            self._firsts.setdefault(id(cluster), set()).add(first)
            firsts = self._by_first.setdefault(first, [])
            if cluster not in firsts:
                firsts.append(cluster)

    @staticmethod
    def _latest(clusters: list[Cluster]) -> list[Cluster]:
        return sorted(clusters, key=lambda c: c.last_offset, reverse=True)

    def _person(self, mention: Mention) -> Cluster:
        words = mention.name.split()
        found = self._by_full.get(fold(mention.name))
        if found is not None and not _other_sex(found, mention):
            return found
        surname = fold(words[-1])
        tail = " " + fold(mention.name)
        for cluster in self._latest(self._by_surname.get(surname, [])):
            if _other_sex(cluster, mention):
                continue  # `Mrs. Clinton` after `Mr. Clinton`: another person
            if len(words) == 1:
                return cluster
            firsts = self._firsts.get(id(cluster), set())
            if any(fold(name).endswith(tail) for name in cluster.names):
                return cluster  # "de La Tour" after "Marine de La Tour": the surname's words
            if not firsts or fold(words[0]) in firsts:
                self._add_name(cluster, mention.name)
                return cluster
        if len(words) == 1:
            by_first = [
                cluster
                for cluster in self._latest(self._by_first.get(surname, []))
                if not _other_sex(cluster, mention)  # `Mr Zhang` after `Ms Zhang` (Zhang Lina)
            ]
            if by_first:
                return by_first[0]  # a first name used alone: "Hillary"
        else:
            for cluster in self._latest(self._by_surname.get(fold(words[0]), [])):
                if all(len(name.split()) == 1 for name in cluster.names):
                    # "Mike" first, "Mike Campbell" later: the full name of the one called Mike
                    self._add_name(cluster, mention.name)
                    return cluster
        cluster = self._new(PERSON, mention.name)
        if len(words) == 1:
            self._introduce(cluster, mention)
        return cluster

    def _introduce(self, cluster: Cluster, mention: Mention) -> None:
        """Give a person met by surname alone the titled full name the text introduced them by.

        `Okonkwo-Ryan acknowledged ...` after `meeting Indigenous Services Minister Daniel
        Okonkwo-Ryan`: a person named in full only where the rules read no speaker (after a
        verb, in a list) is met first by the surname alone. The titled full name becomes an
        alias, so that `the minister` finds them; the given name is not taken as their name
        (telling their sex that way lost quotes on the fresh sets).
        """
        text = self.text
        if text is None:
            return
        name = mention.name
        if self._occurrences is None or self._occurrences.text is not text:
            self._occurrences = FirstOccurrences(text)
        at = self._occurrences.find(name, mention.start)
        if at <= 0:
            return
        before = text[max(0, at - _INTRO_CHARS) : at].split()
        words: list[str] = []
        for word in reversed(before):
            if not word[:1].isupper() or not word[-1:].isalnum():
                break
            words.insert(0, word)
        if len(words) > 1 and is_given_name(words[-1]):
            cluster.add_alias(" ".join([*words, name]))

    def _org(self, mention: Mention) -> Cluster:
        key = _role_key(mention.name)
        if key in self._org_keys:
            return self._org_keys[key]
        if mention.name[:1].islower():
            head = fold(mention.name.split()[-1])
            latest = self._latest(self._org_words.get(head, []))
            if latest:
                return latest[0]
            if key in self._roles:
                return self._roles[key]
        cluster = self._new(ORG, mention.name)
        self._org_keys[key] = cluster
        for word in key.split():
            self._org_words.setdefault(word, []).append(cluster)
        return cluster

    def _role(self, mention: Mention, paragraph: int = -1) -> Cluster:
        key = _role_key(mention.name)
        if _indefinite(mention.name):
            # `a coach said he moved "like a moose"`: someone new, not the coach named before
            found = self._role_keys.get(key)
            return found if found is not None else self._new_role(mention, key)
        if key in self._roles:
            return self._roles[key]
        if key in self._role_keys:
            return self._role_keys[key]
        surnamed = self._surname_of_known(mention)
        if surnamed is not None:
            return surnamed
        if mention.kind == ROLE and paragraph >= 0:
            named = self._described(key, paragraph)
            if named is not None:
                return named
        words = mention.name.split()
        head = fold(words[-1]) if words else ""
        if mention.kind == ROLE and head in TITLES:
            # `the Opposition leader` is not `Government House Leader Brenda Mireau`: the role's
            # capitalised qualifiers must be in the title too
            wanted = {
                head,
                *(fold(w) for w in words[:-1] if w[:1].isupper() and w.lower() not in DETERMINERS),
            }
            for cluster in self._recent():
                if cluster.kind == PERSON and any(
                    holds_title(fold(a).split()[:-1], wanted)
                    for a in cluster.aliases
                    if a[:1].isupper() or _title_then_name(a)
                ):
                    return cluster
        if mention.kind == ROLE and len(words) == 2 and words[0].lower() == "the":
            # "the diplomat" after "a senior European diplomat": the same person
            found = self._role_heads.get(head)
            if found is not None:
                return found
        if mention.kind == ROLE and len(words) >= 2 and words[0].lower() == "the":
            # "the rookie defender" after "Ivo Maas, a defender signed in May": him
            named = self._named_heads.get(head)
            if named is not None and paragraph - named.last_paragraph <= ROLE_REACH:
                return named
            # a title (`leader`) was matched above, with its qualifiers; other heads here
            titled = None if head in TITLES else self._titled_with(head, paragraph)
            if titled is not None:
                return titled
            if vox_pop_role(words):  # `Pat from Bedford ... "...," the caller said`
                latest = self._latest_person(paragraph)
                if latest is not None:
                    return latest
        return self._new_role(mention, key)

    def _latest_person(self, paragraph: int) -> Cluster | None:
        """The person mentioned last, when in `paragraph` and known by no role of this kind."""
        for cluster in reversed(self._recency.values()):
            if cluster.last_paragraph != paragraph:
                return None
            if cluster.kind == PERSON and cluster is not self._narrator_cluster:
                return cluster
        return None

    def _issuer(self, paragraph: int) -> Cluster | None:
        """The person or body quoted last, within `ROLE_REACH` paragraphs: a document's issuer."""
        for cluster in reversed(self._recency.values()):
            if paragraph - cluster.last_paragraph > ROLE_REACH:
                return None
            if cluster.speeches and cluster.kind in (PERSON, ORG):
                return cluster
        return None

    def _surname_of_known(self, mention: Mention) -> Cluster | None:
        """`Cardinal said` after `Dr. Mireille Cardinal`: a lone title word that is a surname.

        A capitalised title word alone (`Cardinal`, `Bishop`) reads as a role; when a person
        met so far has it as their surname, it is that person.
        """
        name = mention.name
        if mention.kind != ROLE or " " in name or not name[:1].isupper():
            return None
        return self.known_person(name)

    def _titled_with(self, head: str, paragraph: int) -> Cluster | None:
        """`The student` after `Student trustee Abby Mensah`: the one titled with the head noun.

        The latest person mentioned this paragraph or `ROLE_REACH` before whose alias has the
        folded head among the words before its last (the surname); None when there is none.
        """
        for cluster in reversed(self._recency.values()):
            if paragraph - cluster.last_paragraph > ROLE_REACH:
                return None
            if cluster.kind != PERSON or cluster is self._narrator_cluster:
                continue
            for alias in cluster.aliases:
                words = fold(alias).split()
                if head in words[:-1] and alias.rsplit(None, 1)[-1][:1].isupper():
                    return cluster
        return None

    def _new_role(self, mention: Mention, key: str) -> Cluster:
        """A new speaker known by a role (or a group), found again by the same role later."""
        cluster = self._new(GROUP if mention.kind == GROUP else ROLE, mention.name)
        self._role_keys[key] = cluster
        if mention.kind == ROLE:
            words = mention.name.split()
            self._role_heads[fold(words[-1]) if words else ""] = cluster
        return cluster

    def _role_in_turn(self, mention: Mention, turn: Cluster | None) -> Cluster | None:
        """In dialogue, `"...," said the young man` is the one whose turn it is.

        A novel names a speaker by a description (`the young man`, `his mother`, `the
        Englishman`) as often as by name; when the turn rules say whose turn the paragraph is,
        a description that no one was given before, of a person whose sex does not contradict,
        stands for them. It is not learnt as their alias: in the PDNC development novels
        learning it was right less often (`the young man` is the next young man too).
        """
        if turn is None or turn.kind != PERSON or turn is self._narrator_cluster:
            return None
        key = _role_key(mention.name)
        if key in self._roles or key in self._role_keys:
            return None
        if mention.gender is not None and turn.gender not in (None, mention.gender):
            return None
        if _role_shape(mention.name)[0]:
            return None  # several people: `the others`
        return turn

    def _learn_role(self, role: str, cluster: Cluster) -> None:
        """Remember a role given to a named person, whole and by its head noun."""
        self._roles[_role_key(role)] = cluster
        words = role.split()
        head = role_head(role)  # `president` in `president of UNB`
        if cluster.kind == PERSON and words and head[:1].islower():
            self._named_heads[fold(head)] = cluster

    def _described(self, key: str, paragraph: int) -> Cluster | None:
        """The person a description stands for: `the head of the ... department`, `the 34-year-old`.

        A description by age, or by a leading post (`head of`, `chief of`, `leader of`) with no
        name of its own, refers back to the latest person named in this paragraph or the one
        before (a titled person, for a post); it never starts a speaker of its own.
        """
        words = key.split()
        if not words:
            return None
        if _AGE.fullmatch(words[0]) and len(words) <= _AGE_WORDS:
            titled = False
        elif len(words) >= 3 and words[0] in _POSTS and words[1] == "of":
            titled = True
        else:
            return None
        for cluster in reversed(self._recency.values()):
            if paragraph - cluster.last_paragraph > 1:
                return None
            if cluster.kind != PERSON or cluster is self._narrator_cluster:
                continue
            if journalist(cluster.aliases):
                continue  # `Our reporter Sean Caley caught her`: not the one described
            if not titled or any(
                len(a.split()) > len(cluster.name.split()) for a in cluster.aliases
            ):
                return cluster
        return None

    def _pronoun(
        self,
        mention: Mention,
        paragraph: int,
        turn: Cluster | None = None,
        previous: Cluster | None = None,
    ) -> Cluster | None:
        word = mention.name
        if word == "i":
            return self._narrator()
        want = {"he": "m", "she": "f"}.get(word)
        if want is not None:
            return self._person_pronoun(mention, want, paragraph, turn, previous)
        reach = self.pronoun_reach if word == "it" else 1
        for cluster in reversed(self._recency.values()):
            if paragraph - cluster.last_paragraph > reach:
                return None
            fits = cluster.kind == ORG if word == "it" else cluster.kind in (ORG, GROUP)
            if fits:
                return cluster
        return None

    def _person_pronoun(
        self,
        mention: Mention,
        want: str,
        paragraph: int,
        turn: Cluster | None,
        previous: Cluster | None,
    ) -> Cluster | None:
        """`he` / `she`: the rules list the candidates, the speaker scorer ranks them.

        In dialogue the speaker whose turn it is takes the pronoun when the sex fits; in news,
        the one who spoke earlier in the same paragraph (the quote or reported speech before),
        when the sex does not conflict. Otherwise
        the candidates are the persons (and roles that stand for one person) last mentioned
        within the reach and `SCORER_EXTRA_REACH` paragraphs more, latest first; a sex told by
        a given name or title rules a candidate out. The scorer picks one; without shipped
        weights the rules do: the latest within the reach whose sex does not contradict.
        """
        if (
            turn is not None
            and turn.kind == PERSON
            and turn.gender in (None, want)
            and (turn.gender == want or turn.given_sex in (None, want))
            and turn is not self._narrator_cluster
        ):
            # In dialogue the speaker whose turn it is says `he said` (a rule that held on the
            # PDNC development novels better than any ranking of the latest names), unless a
            # given name says otherwise and no pronoun has told the sex yet (`Elinor`'s turn
            # by a vocative, then `he said`: 11 speakers right that were wrong).
            if turn.gender is None:
                turn.gender = want
            return turn
        if (
            not self.dialogue
            and self.choices is None  # a trainer still sees every pronoun's candidates
            and previous is not None
            and previous.last_paragraph == paragraph
            and previous.speeches
            and self._fits_person(previous, want)
        ):
            # `Another analyst ... said the risk was regulatory. "...," he said.`: the one
            # who spoke earlier in the same paragraph, of a sex that does not conflict
            if previous.gender is None:
                previous.gender = want
            return previous
        pool: list[Cluster] = []
        scan = self.pronoun_reach + SCORER_EXTRA_REACH
        for cluster in reversed(self._recency.values()):
            if paragraph - cluster.last_paragraph > scan:
                break
            if self._fits_person(cluster, want):
                pool.append(cluster)
                if len(pool) >= MAX_CANDIDATES:
                    break
        if not pool:
            return None
        if len(pool) == 1 and self.choices is None and self.use_scorer:
            # one candidate: nothing to rank (the common case, kept cheap)
            cluster = pool[0]
            self.last_choice = ONLY_CANDIDATE
            if cluster.gender is None:
                cluster.gender = want
            return cluster
        candidates = [
            self._candidate(c, rank, mention, want, paragraph, c is previous)
            for rank, c in enumerate(pool)
        ]
        agreeing = [
            i for i, c in enumerate(candidates) if c.sex != "guess-conflicts" and not c.beyond_reach
        ]
        rule = agreeing[0] if agreeing else None
        choice = choose(candidates) if self.use_scorer else None
        picked = rule if choice is None else choice.best
        if choice is not None:
            self.last_choice = ScorerNote(candidates[choice.best], choice.probability, len(pool))
        if self.choices is not None:
            self.choices.append(PronounChoice(mention.start, pool, candidates, rule, picked))
        if picked is None:
            return None
        cluster = pool[picked]
        if cluster.gender is None:
            cluster.gender = want
        return cluster

    def _fits_person(self, cluster: Cluster, want: str) -> bool:
        """Whether `he` / `she` may stand for `cluster`: a person, not of the other told sex."""
        if cluster.gender_told and cluster.gender not in (None, want):
            return False
        if cluster.kind == PERSON:
            return cluster is not self._narrator_cluster
        return cluster.kind == ROLE and _one_person(cluster)

    def _candidate(
        self,
        cluster: Cluster,
        rank: int,
        mention: Mention,
        want: str,
        paragraph: int,
        previous: bool,
    ) -> Candidate:
        if cluster.gender is None:
            sex = "unknown"
        elif cluster.gender == want:
            sex = "told-agrees" if cluster.gender_told else "guess-agrees"
        else:
            sex = "guess-conflicts"
        told = cluster.given_sex
        first = "" if told is None else "agrees" if told == want else "conflicts"
        back = paragraph - cluster.last_paragraph
        return Candidate(  # positional: a keyword call costs more, once per candidate
            rank,
            back if back > 0 else 0,
            back > self.pronoun_reach,
            max(0, mention.start - cluster.last_offset),
            sex,
            cluster.kind == ROLE,
            previous,
            cluster.mentions,
            cluster.speeches,
            cluster.one_word,
            first,
            self.dialogue,
            cluster.object_only,
        )

    def recent_people(self, since: int) -> list[Cluster]:
        """The persons and one-person roles last mentioned in paragraph `since` or later.

        Latest first, at most `MAX_CANDIDATES`: the candidates of an unattributed quote.
        """
        out: list[Cluster] = []
        for cluster in reversed(self._recency.values()):
            if cluster.last_paragraph < since or len(out) >= MAX_CANDIDATES:
                break
            if cluster.kind == PERSON or (cluster.kind == ROLE and _one_person(cluster)):
                out.append(cluster)
        return out

    @property
    def narrator(self) -> Cluster | None:
        """The first-person narrator's speaker, once `I` has spoken."""
        return self._narrator_cluster

    def name_narrator(self, name: str) -> None:
        """Name the narrator (`Hastings`): the name becomes canonical, `I` an alias."""
        narrator = self._narrator_cluster
        if narrator is None or name in narrator.names:
            return
        narrator.names.insert(0, name)
        narrator.one_word = narrator.one_word and " " not in name
        narrator.add_alias(NARRATOR)

    def _narrator(self) -> Cluster:
        """The one speaker `I` stands for in narration: the narrator (or the article's author)."""
        if self._narrator_cluster is None:
            self._narrator_cluster = self._new(PERSON, NARRATOR)
        return self._narrator_cluster

    def known_person(self, name: str) -> Cluster | None:
        """The person already met whose full name, surname or given name is `name`, else None.

        A lookup only: nothing is created or touched (for names read inside a quote).
        """
        key = fold(name)
        found = self._by_full.get(key)
        if found is None:
            latest = self._latest(self._by_surname.get(key, []) + self._by_first.get(key, []))
            found = latest[0] if latest else None
        return found if found is not None and found.kind == PERSON else None

    def note_person(self, mention: Mention, paragraph: int, *, as_object: bool = False) -> None:
        """Record a sentence subject who is not (yet) speaking, so pronouns can find them.

        `as_object`: the sentence names them after a verb (`she told Marianne`), not as its
        subject; they are a candidate all the same, marked so for the speaker scorer.
        """
        if mention.kind == PERSON:
            if _no_person(mention, self.dialogue) or self._sentence_word(mention):
                return
            cluster = self._person(mention)
        elif mention.kind == ORG:
            cluster = self._org(mention)
        elif mention.kind == GROUP and mention.name[:1].isupper():
            cluster = self._role(mention)  # people listed by name: `they`
        else:
            return
        self._touch(cluster, mention, paragraph)
        cluster.object_only = as_object
        if mention.gender:
            _tell_gender(cluster, mention)
        cluster.add_alias(mention.text)
        if mention.role:
            cluster.add_alias(mention.role)
            self._learn_role(mention.role, cluster)

    def _sentence_word(self, mention: Mention) -> bool:
        """`Similar rifles sell for less.`: a lone capitalised word that is no one's name.

        A sentence subject is noted only so that a later `he` or `she` can find it. One
        capitalised word that opens a sentence, that no one met so far, that is no given name
        and that the text writes only this once (within `_SEEN_AGAIN_CHARS` of it: `Similar`,
        `Charismatic`), or writes in lower case too (`Research by economists ...` beside
        `research`: `common_words`), is a sentence's first word, not a person: a surname used
        alone (`Kunin said`) comes back, and never in lower case.
        """
        text = self.text
        if text is None or mention.text != mention.name or " " in mention.name:
            return False
        if mention.role is not None:
            return False  # `Velez, the band's drummer, grabbed ...`: a role in apposition
        at = mention.start
        if not opens_sentence(text, at):
            return False  # inside a sentence: `At the rally, Benning said`
        name = mention.name
        if is_given_name(name) or self.known_person(name) is not None:
            return False
        once = self._once.get(name)
        if once is None:
            # written again near here? (a window, so that a book costs no more per word)
            lo, hi = max(0, at - _SEEN_AGAIN_CHARS), at + _SEEN_AGAIN_CHARS
            first = text.find(name, lo, hi)
            # or written in lower case too: `Research by economists ...` (`research`)
            once = self._once[name] = text.find(name, first + 1, hi) < 0 or written_lowercase(
                text, name, at
            )
        return once

    def meet_called(self, name: str, start: int, paragraph: int) -> Cluster:
        """The person a quote calls by a name not met before (`"Where were you, Aziz?"`).

        In dialogue the one spoken to is likely the next to speak, named or not in the
        narration; the person is made from the name alone and marked `called_only`.
        """
        known = self.known_person(name)
        if known is not None:
            return known
        mention = Mention(name, start, start + len(name), PERSON, name)
        cluster = self._person(mention)
        self._touch(cluster, mention, paragraph)
        cluster.called_only = True
        return cluster

    def resolve_noted(self, mention: Mention) -> Cluster | None:
        """The speaker a noted sentence subject belongs to (without counting it as speech)."""
        if mention.kind == PERSON:
            if _no_person(mention, self.dialogue) or self._sentence_word(mention):
                return None
            return self._person(mention)
        if mention.kind == ORG:
            return self._org(mention)
        if mention.kind == GROUP and mention.name[:1].isupper():
            return self._role(mention)
        return None
