"""Who is who across articles: one person per set of names, however each article wrote them.

Each article's extraction gives speakers with a canonical name and aliases ("Recep Tayyip
Erdoğan", "Turkish President Erdogan", "Erdogan"). A `NameKey` is what identifies a person
across articles: the surname and given names, diacritics folded and titles, roles and
nationality words before the name stripped. `PersonTable.assign` finds the person a new
speaker is, by these rules, in this order:

1. an organisation matches an organisation of the same folded name (minus "the");
2. a person with a surname matches people of that surname whose given names are compatible
   (equal first given name, or one is the other's initial); a person known only by surname
   takes the given names of the first full name that arrives;
3. a speaker known only by surname joins the one person of that surname, and stays apart when
   there are several (two ministers Yilmaz, father and son): guessing would merge two people.

Measured on tests/data/library (the gold set; tests/unit/test_library_names.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from reader.extract.name_words import as_name_word
from reader.search.fold import fold

TITLE_WORDS = frozenset(
    """
    president vice prime minister deputy foreign interior defence defense finance energy
    economy health education justice trade environment secretary general chancellor mayor
    governor senator sen rep representative congressman congresswoman mp spokesman
    spokeswoman spokesperson ambassador envoy chief head leader chairman chairwoman chair
    director ceo king queen prince princess pope bishop archbishop sheikh emir sultan dr
    doctor prof professor mr mrs ms miss sir dame lord lady gen general col colonel maj
    major capt captain lt lieutenant adm admiral sgt sergeant commander officer judge
    justice minister's state former acting interim opposition party lawmaker mr. mrs. dr.
    prof. gen. col. sen. rep. st. analyst expert economist official commissioner
    hydrologist scientist researcher activist lawyer attorney author writer journalist
    historian engineer farmer teacher student resident witness negotiator adviser advisor
    """.split()  # noqa: SIM905 - a word list reads better as words
)
"""Words that name a role or title, not a person: dropped before the name."""

SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "jr.", "sr."})
"""Generational suffixes, dropped from the name (given names tell father and son apart)."""

PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "al", "el", "bin", "ibn"}
)
"""Lower-case words that belong to the surname after them (`de Gaulle`, `van der Berg`)."""

_WORD = re.compile(r"[\w'’.-]+")
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True, slots=True)
class NameKey:
    """A person's name reduced to what identifies them: folded surname and given names."""

    surname: str
    """The folded surname, particles included (`erdogan`, `de gaulle`)."""
    given: tuple[str, ...] = ()
    """The folded given names in order (`recep`, `tayyip`); empty when only the surname."""

    def compatible(self, other: NameKey) -> bool:
        """True when both could name the same person: same surname, agreeing first names."""
        if self.surname != other.surname:
            return False
        if not self.given or not other.given:
            return True
        # The first given names agree, or the last ones do: a description the title list
        # does not know (`Hydrologist Anna Lindqvist`) only adds a word in front.
        return _given_agree(self.given[0], other.given[0]) or (
            len(self.given) != len(other.given)
            and self.given[-1] == other.given[-1]
            and len(self.given[-1].rstrip(".")) > 1
        )


def _given_agree(a: str, b: str) -> bool:
    a, b = a.rstrip("."), b.rstrip(".")
    if len(a) == 1 or len(b) == 1:
        return a[:1] == b[:1]
    return a == b


@lru_cache(maxsize=65536)
def name_key(name: str) -> NameKey | None:
    """The identifying key of a person's name, or None when it names only a role.

    >>> name_key("Turkish President Recep Tayyip Erdoğan")
    NameKey(surname='erdogan', given=('recep', 'tayyip'))
    """
    words = [_POSSESSIVE.sub("", w) for w in _WORD.findall(name)]
    words = [w for w in words if w and w.strip(".-'’")]
    while words and fold(words[-1]).rstrip(".") in SUFFIXES | {s.rstrip(".") for s in SUFFIXES}:
        words.pop()
    # The name is the run of capitalised words after the last title word.
    last_title = -1
    scan = words
    if len(words) >= 3 and _is_title(words[-1]):
        # `Martin Luther King`: a title word last, after two names, is the surname.
        scan = words[:-1] if sum(not _is_title(w) and _capital(w) for w in words) >= 2 else words
    for index, word in enumerate(scan):
        if (_is_title(word) or not _capital(word)) and fold(word) not in PARTICLES:
            last_title = index
    words = words[last_title + 1 :]
    words = [w for w in words if _capital(w) or fold(w) in PARTICLES]
    if not words or not _capital(words[-1]):
        return None
    folded = [fold(w) for w in words]
    surname_start = len(folded) - 1
    while surname_start > 0 and folded[surname_start - 1] in PARTICLES:
        surname_start -= 1
    surname = " ".join(folded[surname_start:])
    given = tuple(folded[:surname_start])
    if len(surname.rstrip(".")) < 2:
        return None
    return NameKey(surname, given)


def _is_title(word: str) -> bool:
    folded = fold(word)
    return folded in TITLE_WORDS or folded.rstrip(".") in TITLE_WORDS


def _capital(word: str) -> bool:
    """A word that can be part of a name: capitalised, or `al-Rashid`, or `ʿAbd`."""
    return as_name_word(word)[:1].isupper()


def org_key(name: str) -> str:
    """The identifying key of an organisation's name: folded, without a leading `the`."""
    folded = " ".join(fold(name).split())
    return folded.removeprefix("the ").strip()


@lru_cache(maxsize=65536)
def best_key(names: tuple[str, ...]) -> NameKey | None:
    """The most informative key among a speaker's names: the one with most given names.

    Cached, as `_display` is: an import meets the same speakers under the same names in
    article after article (`PersonTable.assign` over the speakers of 1,000 generated articles:
    0.015 ms an article with both cached, 0.058 ms without).
    """
    keys = [k for k in (name_key(n) for n in names) if k is not None]
    if not keys:
        return None
    keys.sort(key=lambda k: (-len(k.given), -max((len(g) for g in k.given), default=0)))
    best = keys[0]
    # All keys must agree on the surname with the best one, else only the best is trusted.
    return best


@dataclass
class Person:
    """One person (or organisation) across the library."""

    id: str
    """Stable id from the first full name seen (`recep-tayyip-erdogan`)."""
    name: str
    """The display name: the longest full name seen without titles."""
    organisation: bool = False
    """True for an organisation."""
    key: NameKey | None = None
    """The person's name key (None for organisations)."""
    org: str = ""
    """The organisation key (empty for people)."""
    aliases: set[str] = field(default_factory=set)
    """Every name the articles used for them, as written."""


@dataclass
class PersonTable:
    """The people known so far; `assign` matches a new speaker to one or makes one."""

    people: dict[str, Person] = field(default_factory=dict)
    """People by id."""
    _by_surname: dict[str, list[str]] = field(default_factory=dict)
    _by_org: dict[str, str] = field(default_factory=dict)
    _saved: dict[str, tuple[object, ...]] = field(default_factory=dict)

    def unsaved(self, person: Person) -> bool:
        """True when `person` changed since last asked (or read back): it must be written.

        An import assigns the same people again and again; writing each only when its name,
        key or aliases grew saves most of the index's writes for people.
        """
        state = (person.name, person.key, person.org, len(person.aliases))
        if self._saved.get(person.id) == state:
            return False
        self._saved[person.id] = state
        return True

    def add(self, person: Person) -> None:
        """Add a known person (read back from the index)."""
        self.people[person.id] = person
        if person.key is not None:
            self._by_surname.setdefault(person.key.surname, []).append(person.id)
        if person.organisation and person.org:
            self._by_org[person.org] = person.id

    def assign(self, name: str, aliases: list[str], organisation: bool) -> Person:
        """The person a speaker named `name` (also `aliases`) is, made new if nobody matches."""
        names = (name, *aliases)
        if organisation:
            org = org_key(name)
            found = self._by_org.get(org)
            if found is None:
                person = Person(self._new_id(org), name, True, None, org)
                self.add(person)
            else:
                person = self.people[found]
            person.aliases.update(names)
            return person
        key = best_key(names)
        if key is None:
            person = Person(self._new_id(fold(name)), name)
            self.add(person)
            person.aliases.update(names)
            return person
        match = self._match(key)
        if match is None:
            person = Person(
                self._new_id(" ".join((*key.given, key.surname))), _display(names), key=key
            )
            self.add(person)
        else:
            person = match
            if person.key is not None and len(key.given) > len(person.key.given):
                person.key = key
            display = _display(names)
            if len(display) > len(person.name) and key.given:
                person.name = display
        person.aliases.update(names)
        return person

    def _match(self, key: NameKey) -> Person | None:
        ids = self._by_surname.get(key.surname, [])
        people = [self.people[i] for i in ids]
        if not key.given:
            return people[0] if len(people) == 1 else None
        full = [p for p in people if p.key is not None and p.key.given]
        agreeing = [p for p in full if p.key is not None and p.key.compatible(key)]
        exact = [p for p in agreeing if p.key is not None and p.key.given[0] == key.given[0]]
        if len(exact) == 1:
            return exact[0]
        if len(agreeing) == 1:
            return agreeing[0]
        if agreeing:
            return None
        bare = [p for p in people if p.key is not None and not p.key.given]
        return bare[0] if len(bare) == 1 and not full else None

    def _new_id(self, base: str) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-") or "someone"
        candidate, number = slug, 2
        while candidate in self.people:
            candidate, number = f"{slug}-{number}", number + 1
        return candidate


@lru_cache(maxsize=65536)
def _display(names: tuple[str, ...]) -> str:
    """The longest of `names` stripped of titles, as written (diacritics kept)."""
    best = ""
    for name in names:
        key = name_key(name)
        if key is None:
            continue
        words = _WORD.findall(name)
        count = len(key.given) + len(key.surname.split())
        shown = " ".join(_POSSESSIVE.sub("", w) for w in words[-count:])
        if len(shown) > len(best):
            best = shown
    return best or names[0]
