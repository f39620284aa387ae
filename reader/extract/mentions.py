"""Speaker mentions: names, titles, roles, organisations and pronouns read off a run of tokens.

No tagger is involved: a name is a run of capitalised words (with particles such as `von der`
and initials such as `W.`), a title is a known word in front of it (`Turkish President`), a role
is a lower-case noun phrase opened by a determiner (`the agency's spokeswoman`), an organisation
is a name with an organisation word or a definite article (`the Foreign Ministry`, `The UN`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from reader.extract.common_words import written_lowercase
from reader.extract.cues import (
    ABBREVIATIONS,
    CONTRACTION_ENDINGS,
    DETERMINERS,
    FEMALE_TITLES,
    GROUP_NOUNS,
    MALE_TITLES,
    MUTE_PLACE_HEADS,
    NAME_CONNECTORS,
    NEVER_NAMES,
    ORG_NOUNS,
    ORG_WORDS,
    PERSON_SUFFIXES,
    PLACE_HEADS,
    PLACES,
    PREPOSITIONS,
    ROLE_STOP_WORDS,
    SENTENCE_OPENERS,
    SPEECH_VERBS,
    SUBJECT_PRONOUNS,
    THING_NOUNS,
    TITLES,
)
from reader.extract.fresh_rules9 import place_named
from reader.extract.fresh_rules10 import numbered, numbered_unit, titled_head_of
from reader.extract.gender import is_given_name, name_gender
from reader.extract.news_rules10 import (
    PLACE_ABBREVIATIONS,
    before_state,
    possessor_start,
    role_conjunction,
)
from reader.extract.titled_names import bare_title_start, qualified_title_start
from reader.extract.tokens import Toks, is_abbreviation, lower_base

PERSON = "person"
"""A named person (`Leonid Slutsky`)."""
ORG = "org"
"""An organisation, named or not (`The UN`, `the ministry`)."""
ROLE = "role"
"""A person known only by a role (`the agency's spokeswoman`)."""
GROUP = "group"
"""Several people (`officials`, `critics`)."""
PRONOUN = "pronoun"
"""A subject pronoun (`he`, `she`, `they`, `it`)."""

MAX_ROLE_TOKENS = 12
"""The longest role noun phrase read, in tokens."""


class Mention(NamedTuple):
    """A reference to a speaker in the text.

    A named tuple: a book makes tens of thousands, and a tuple is several times cheaper to
    build than a frozen dataclass.
    """

    text: str
    """The mention as written, titles included (`Turkish President Erdogan`)."""
    start: int
    """Offset of its first character."""
    end: int
    """Offset just past its last character."""
    kind: str
    """`PERSON`, `ORG`, `ROLE`, `GROUP` or `PRONOUN`."""
    name: str
    """The name without titles or article (`Erdogan`, `UN`), or the role / pronoun itself."""
    role: str | None = None
    """A role linked to the name by apposition (`the head of the ... Committee`)."""
    gender: str | None = None
    """`m` or `f` when a title or role word tells, else None."""


def _name_run_end(toks: Toks, e: int, hi: int) -> int:
    """Index past the run of tokens that can be part of a capitalised name, from token e on.

    Capitalised words, an initial's or abbreviation's full stop (`W.`, `Jr.`), and a particle
    between capitalised words (`Ursula von der Leyen`, `Department of Justice`); read no further
    than token hi. One loop over the columns: the rules read a name run at every capitalised
    word they try as a subject.
    """
    texts, lowers = toks.texts, toks.lowers
    last = len(texts) - 1
    while e < hi:
        first = texts[e][0]
        if first.isalnum():
            if not first.isupper():
                word = lowers[e]
                if not (
                    (word in NAME_CONNECTORS or word == "of")
                    and 0 < e < last
                    and (texts[e - 1][0].isupper() or lowers[e - 1] in NAME_CONNECTORS)
                    and (texts[e + 1][0].isupper() or lowers[e + 1] in NAME_CONNECTORS)
                ):
                    return e
        elif not (
            texts[e] == "."
            and e > 0
            and texts[e - 1][0].isalnum()
            and is_abbreviation(texts[e - 1])
        ):
            return e
        e += 1
    return e


def _name_run_start(toks: Toks, lo: int, r: int) -> int:
    """Where the run of name tokens (as in `_name_run_end`) ending before token r starts.

    Reads back no further than token lo. The test of a name token is written out in both loops
    on purpose (a call per token cost more than the rest of the loop): change them together.
    """
    texts, lowers = toks.texts, toks.lowers
    last = len(texts) - 1
    while r > lo:
        i = r - 1
        first = texts[i][0]
        if first.isalnum():
            if not first.isupper():
                word = lowers[i]
                if not (
                    (word in NAME_CONNECTORS or word == "of")
                    and 0 < i < last
                    and (texts[i - 1][0].isupper() or lowers[i - 1] in NAME_CONNECTORS)
                    and (texts[i + 1][0].isupper() or lowers[i + 1] in NAME_CONNECTORS)
                ):
                    return r
        elif not (
            texts[i] == "."
            and i > 0
            and texts[i - 1][0].isalnum()
            and is_abbreviation(texts[i - 1])
        ):
            return r
        r = i
    return r


def _trim_run(toks: Toks, s: int, e: int) -> tuple[int, int]:
    """Shrink a run so it neither starts nor ends with a particle, and drops sentence openers."""
    texts = toks.texts
    while s < e and (
        not texts[s][0].isalnum()
        or not texts[s][0].isupper()
        or (toks.lowers[s] in SENTENCE_OPENERS and s + 1 < e)
    ):
        s += 1
    while e > s and (not texts[e - 1][0].isupper() and texts[e - 1] != "."):
        e -= 1
    return s, e


def _text(text: str, toks: Toks, s: int, e: int) -> str:
    return text[toks.starts[s] : toks.ends[e - 1]]


def _gender(words: Sequence[str]) -> str | None:
    for w in words:
        if w in MALE_TITLES:
            return "m"
        if w in FEMALE_TITLES:
            return "f"
    return None


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 5 and letters.isupper() and letters.isalpha()


def _titled_person(toks: Toks, s: int, e: int) -> bool:
    """Whether the run s..e-1 is a title and then a person's name, whatever words come before.

    `Police Chief Maria Santos`, `House Speaker Paul Ryan`, `the Rev. Sam Ortley`: an
    organisation word or an article before the title does not make the person an organisation.
    The words after the title must hold no organisation word (`Senate Intelligence Committee`).
    """
    texts, lowers = toks.texts, toks.lowers
    for i in range(e - 2, s - 1, -1):
        if texts[i][0].isalnum() and lowers[i] in TITLES:
            after = range(i + 1, e)
            return any(texts[j][0].isupper() for j in after) and all(
                lowers[j] not in ORG_WORDS and lowers[j] not in TITLES for j in after
            )
    return False


def _name_after_office(toks: Toks, name_start: int, e: int) -> int:
    """Where the name starts in `Minister of Economic Development Ana Pike`.

    The office's own capitalised words come first: the name starts at the first word that is a
    known given name, else it is the last two capitalised words.
    """
    texts, lowers = toks.texts, toks.lowers
    for i in range(name_start, e - 1):
        if name_gender(f"{lowers[i]} x") is not None:
            return i
    capitalised = [i for i in range(name_start, e) if texts[i][0].isupper()]
    return capitalised[-2] if len(capitalised) >= 2 else name_start


PLACE_PREPOSITIONS = (PREPOSITIONS | {"like"}) - {"for", "with", "by", "according"}
"""Prepositions whose object is a place, a time, a thing or someone compared with, more often
than the topic person (`For Morag Beattie, the result ...` is about her; `In Concord, he ...`
and `Like Makaeff, Roffman ...` are not)."""


_SENTENCE_OPENING = frozenset('.!?:;"“”‘’(')
"""Tokens after which a capitalised word opens a sentence (or a quote's words)."""


def _verb_like(toks: Toks, i: int) -> bool:
    """Whether a lone capitalised `-ing`, `-ly` or `-ed` word at `i` is a verb, not a name.

    The caller tests the shape (the ending, more than five letters). `Standing`, `Asked` or
    `Clearly` opening a sentence are not names. The same shape is a surname or a given name
    anywhere else (`said Fielding`, `asked Harding`), before a speech verb (`Bradley said`),
    and as a known given name (`Alfred`, `Stanley`).
    """
    word = toks.lowers[i]
    if i > 0 and toks.texts[i - 1][:1] not in _SENTENCE_OPENING:
        return False  # mid-sentence: `said Fielding`, `told Manning`
    if i + 1 < len(toks) and toks.lowers[i + 1] in SPEECH_VERBS:
        return False
    return not is_given_name(word)


def _agency_of_a_country(text: str, toks: Toks, s: int, e: int) -> bool:
    """True for `Environment Canada`, `Hockey Canada`, `Air India`: an organisation.

    A person's name seldom ends in a country, and never after a given name (`Kim Chile`).
    """
    if e - s < 2 or toks.lowers[e - 1] not in PLACES:
        return False
    return name_gender(text[toks.starts[s] : toks.ends[e - 1]]) is None


def _person_of_body(toks: Toks, s: int, e: int) -> bool:
    """`Maren Ostrowski of Brandon University`: a person named in full, then where from.

    The run opens with a given name and a surname, none of them an organisation word, before
    `of`: the body after `of` is the person's, not the speaker (issue 17: a person is never
    labelled an organisation).
    """
    lowers = toks.lowers
    if "of" not in lowers[s + 2 : e]:
        return False
    o = lowers.index("of", s + 2, e)
    texts = toks.texts
    return (
        is_given_name(texts[s])
        and ORG_WORDS.isdisjoint(lowers[s:o])
        and all(t[0].isupper() for t in texts[s:o])
    )


CONTRACTED = frozenset(
    {"it", "that", "there", "here", "what", "he", "she", "who", "let", "where", "how", "this"}
)
"""Words whose `'s` is `is` or `us`, never a possessive (`It's`, `That's`): no names."""

_OWNERS = frozenset({"our", "my", "your", "their", "its"})
"""Possessives that open a capitalised run naming a thing (`Our Revolution`)."""
_HIS_HER = frozenset({"his", "her"})
_STYLES = frozenset({"majesty", "holiness", "excellency", "highness", "honour", "honor"})
"""The styles after `His` / `Her` that name a person (`Her Majesty`, `His Holiness`)."""


_COMPOUND_NOUNS = ORG_NOUNS | GROUP_NOUNS | frozenset({"hall"})
"""Lower-case nouns a capitalised place word may qualify (`City hall`, `Station staff`)."""


def _place_modifies_noun(toks: Toks, s: int, e: int) -> bool:
    """`City hall has promised ...`: a lone place word qualifying the noun after it.

    A one-word run that is a place head (`City`, `Harbour`), followed by a lower-case noun
    for a body or a group, is the first half of that noun, not a name: read alone, `City`
    was listed as a speaker.
    """
    if e - s != 1 or toks.lowers[s] not in PLACE_HEADS or e >= len(toks.texts):
        return False
    after = toks.texts[e]
    return after[:1].islower() and toks.lowers[e] in _COMPOUND_NOUNS


def _surname_like_title(toks: Toks, s: int, i: int, e: int) -> bool:
    """`Dr. Ana Cardinal`, `Tom Bishop`: a title word that ends a run after a given name.

    Such a word is the surname, not a title; read as a title it left no name, and the person
    was listed as a role apart from the later `Cardinal said`.
    """
    return i == e - 1 and i > s and is_given_name(toks.lowers[i - 1])


def _heading(texts: list[str], s: int, e: int) -> bool:
    """`FULL TEXT`, `BREAKING NEWS`: words all in capitals, a label rather than a name.

    Two or more words of capitals only, none an initial: an acronym alone is still a body.
    The first word is tested alone first: nearly every run fails there.
    """
    first = texts[s]
    if len(first) < 2 or not first.isupper():
        return False  # the common case, decided without a loop
    return all(len(t) > 1 and t.isupper() and t.isalpha() for t in texts[s + 1 : e])


def _person_after_common_head(text: str, toks: Toks, s: int, e: int) -> int:
    """`Footage of Tarik Haddad appears`: the person is after `of`, not the word before it.

    A run `W of First Last` whose head W is one capitalised common word (the text writes it in
    lower case too: `footage`, `Supporters`), no given name or title, and not after `the`,
    names the person after `of`; return where that name starts, else s. `Stephanie Hooton of
    Derry` (a name before `of`), `Secretary of State` (a title) and `The Sound of Melting` (a
    title after `the`, one word after `of`) are left as they are.
    """
    head = toks.texts[s]
    if (
        e - s < 4  # one word after `of` is as often a thing as a surname (`Sound of Melting`)
        or (s > 0 and toks.lowers[s - 1] == "the")  # `The Sound of Silence`: a title
        or not toks.texts[s + 2][0].isupper()
        or toks.lowers[s] in TITLES
        or is_given_name(head)
        or not written_lowercase(text, head, toks.starts[s])
    ):
        return s
    return s + 2


def _name_mention(
    text: str, toks: Toks, s: int, e: int, prefix_start: int | None = None
) -> Mention | None:
    """A mention for the capitalised run of tokens s..e-1 (role words from `prefix_start` on).

    A run opened by a capitalised preposition (`In Concord, he ...`, `Along with her husband,
    ...`) is the object of the preposition: it names no one who acts in the sentence.
    """
    if s < e and toks.lowers[s] in PLACE_PREPOSITIONS and toks.texts[s][0].isupper():
        return None
    if toks.lowers[s] in _OWNERS and e - s > 1:
        return None  # "Our Revolution", "My Little Pony": a thing owned, not a person
    if toks.lowers[s] in _HIS_HER and e - s > 1 and toks.lowers[s + 1] not in _STYLES:
        return None  # "His Catholic faith", "Her Labour colleagues": his or hers, no one named
    s, e = _trim_run(toks, s, e)
    if s >= e or (before_state(toks, e) and "of" not in toks.lowers[s:e]):
        return None  # nothing, or a town: `DOVER, N.H. -` (not `Ann Reed of Dover, N.H.`)
    if e - s > 2 and toks.lowers[s + 1] == "of":
        s = _person_after_common_head(text, toks, s, e)
    texts, lowers, starts, ends = toks.texts, toks.lowers, toks.starts, toks.ends
    if e - s > 1 and _heading(texts, s, e):
        return None
    if _place_modifies_noun(toks, s, e):
        return None
    if (
        e - s == 2
        and texts[s + 1] == "."
        and (lowers[s] in ABBREVIATIONS or lowers[s] in PLACE_ABBREVIATIONS)
    ):
        return None  # "Mich.", "N.H.": a state in a dateline or an address, not a person
    if e - s == 1:
        word = lowers[s]
        written = texts[s]
        if (
            word in SENTENCE_OPENERS
            or word in NEVER_NAMES
            or word in PREPOSITIONS
            or written.endswith(CONTRACTION_ENDINGS)
            or (written[-2:] in ("'s", "’s") and word[:-2] in CONTRACTED)
            or (written[1:2] == "-" and written[:1] in "RDI")  # a party and state: R-Utah
            or word in SPEECH_VERBS
            or (len(written) > 5 and word.endswith(("ing", "ly", "ed")) and _verb_like(toks, s))
            or (len(written) == 5 and word.endswith(("ing", "ed")) and _verb_like(toks, s))
            or "." in written
            or (written.isupper() and len(written) > 5)  # a dateline: PHILADELPHIA
            or numbered(lowers, texts, s, e)  # `a Grade 11 student` (fresh_rules10)
        ):
            return None  # "Asked", "Standing": a sentence-initial verb, not a name
    words = lowers[s:e]
    definite = s > 0 and lowers[s - 1] == "the"
    org = (
        definite
        or not ORG_WORDS.isdisjoint(words)
        or (e - s == 1 and _is_acronym(texts[s]))
        or (e - s <= 3 and text[starts[s] : ends[e - 1]].lower() in PLACES)
        or _agency_of_a_country(text, toks, s, e)
        or place_named(words, 0, e - s)  # `from Ho Chi Minh City`: a place (fresh_rules9)
    ) and not (
        _titled_person(toks, s, e)
        or _person_of_body(toks, s, e)
        or (definite and TITLES.issuperset(words))  # `the Premier`, `the Prime Minister`: a role
    )
    mention_start = prefix_start if prefix_start is not None else s
    if definite and prefix_start is None:
        mention_start = s - 1
    surface = text[starts[mention_start] : ends[e - 1]]
    if org:
        return Mention(
            surface, starts[mention_start], ends[e - 1], ORG, text[starts[s] : ends[e - 1]]
        )
    # the name is what follows the last title word
    name_start = s
    for i in range(s, e):
        if (texts[i][0].isalnum() and lowers[i] in TITLES) or (texts[i] == "." and name_start == i):
            if _surname_like_title(toks, s, i, e):
                break  # asked of a title word alone: only the last word can be one
            name_start = i + 1
    while name_start < e and not texts[name_start][0].isupper():
        name_start += 1
    if name_start > s + 1 and lowers[s + 1] == "of" and lowers[s] in TITLES:
        name_start = _name_after_office(toks, name_start, e)
    prefix_words = lowers[mention_start:e]
    if name_start >= e:
        return Mention(
            surface,
            starts[mention_start],
            ends[e - 1],
            ROLE,
            surface,
            gender=_gender(prefix_words),
        )
    name = text[starts[name_start] : ends[e - 1]]
    if " of " in name:
        name = name.split(" of ")[0]  # "Stephanie Hooton of Derry": where she is from
    for suffix in ("’s", "'s"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return Mention(
        surface,
        starts[mention_start],
        ends[e - 1],
        PERSON,
        name,
        gender=_gender(prefix_words),
    )


_PRONOUN_GENDER = {"he": "m", "she": "f"}


_CONTRACTION_STARTS = frozenset({"he", "He", "sh", "Sh"})
"""The first two letters of a contracted pronoun: a cheap test before the dictionary's."""

CONTRACTED_PRONOUNS: dict[str, str] = {
    pronoun + mark + ending: pronoun
    for pronoun in ("he", "she")
    for mark in ("'", "’")
    for ending in ("s", "d", "ll")
}
"""`he's said`, `she'd told`, `he'll say`: a subject pronoun with its auxiliary in one token."""


def _contracted_pronoun(toks: Toks, i: int) -> Mention | None:
    """The `he` or `she` of a contracted token i (`he's`), or None."""
    word = CONTRACTED_PRONOUNS.get(toks.lowers[i])
    if word is None:
        return None
    start = toks.starts[i]
    end = start + len(word)
    return Mention(
        toks.texts[i][: len(word)], start, end, PRONOUN, word, gender=_PRONOUN_GENDER[word]
    )


def _pronoun(toks: Toks, i: int) -> Mention:
    """The mention of token i, a subject pronoun (the caller has checked it is one)."""
    word = toks.lowers[i]
    return Mention(
        toks.texts[i], toks.starts[i], toks.ends[i], PRONOUN, word, gender=_PRONOUN_GENDER.get(word)
    )


def np_ending_at(text: str, toks: Toks, lo: int, j: int) -> Mention | None:
    """The noun phrase that ends just before token j and starts no earlier than token lo."""
    if j <= lo:
        return None
    texts = toks.texts
    if texts[j - 1][0].isalnum() and j - 1 >= lo and toks.lowers[j - 1] in SUBJECT_PRONOUNS:
        return _pronoun(toks, j - 1)
    if texts[j - 1][0].isdigit() and numbered_unit(toks.lowers, texts, lo, j):
        body = np_ending_at(text, toks, lo, j - 1)  # `Union Local 569` (fresh_rules10)
        if body is not None and body.kind in (ORG, PERSON):
            end = toks.ends[j - 1]
            return Mention(
                text[body.start : end], body.start, end, ORG, f"{body.name} {texts[j - 1]}"
            )
    if texts[j - 1][:2] in _CONTRACTION_STARTS:
        contracted = _contracted_pronoun(toks, j - 1)
        if contracted is not None:
            return contracted
    r = _name_run_start(toks, lo, j)
    if (r < j and texts[j - 1][0].isupper()) or (r < j and texts[j - 1] == "."):
        # lower-case role words right before the name, when they open the chunk
        lowers = toks.lowers
        p = r
        while (
            p > lo
            and texts[p - 1][0].isalnum()
            and not texts[p - 1][0].isupper()
            and (lowers[p - 1] not in ROLE_STOP_WORDS)
        ):
            p -= 1
        if p < r and (p == lo or lowers[p] in DETERMINERS) and r - p <= 6:
            if titled_head_of(lowers, TITLES, p, r):  # `the chief of X` (fresh_rules10)
                return _role_mention(text, toks, p, j)
            return _name_mention(text, toks, r, j, prefix_start=p)
        q = qualified_title_start(toks, lo, p, r)  # `Fire chief Ron Delaney`
        if q is None:
            q = bare_title_start(toks, lo, p, r)  # `that head coach Iain Drummond`
        if q is not None:
            return _name_mention(text, toks, r, j, prefix_start=q)
        return _name_mention(text, toks, r, j)
    return _role_ending_at(text, toks, lo, j)


def _capitalised_verb_word(written: str, word: str) -> bool:
    """`A State Department official`: a speech verb written capitalised names a body, no verb.

    Inside a role phrase a capital marks part of a name (`State`, `Report`); a verb that
    would end the phrase (`...," state officials said`) is written in lower case.
    """
    return written[0].isupper() and word in SPEECH_VERBS and word not in ROLE_STOP_WORDS


def _role_ending_at(text: str, toks: Toks, lo: int, j: int) -> Mention | None:
    """A lower-case role phrase ending before token j (`the agency's spokeswoman`)."""
    texts, lowers = toks.texts, toks.lowers
    head = texts[j - 1]
    if not head[0].isalnum() or (
        head[0].isupper() and lower_base(lowers[j - 1]) not in GROUP_NOUNS
    ):
        return None
    i = j - 1
    start: int | None = None
    while i >= lo and j - i <= MAX_ROLE_TOKENS:
        written = texts[i]
        w = lowers[i]
        if not written[0].isalnum() and written not in ("-", "’", "'"):
            break
        if (
            (w in ROLE_STOP_WORDS or w in SPEECH_VERBS)
            and not _capitalised_verb_word(written, w)
            and not (i > lo and role_conjunction(toks, i, j - 1))  # `the senator and candidate`
        ):
            break
        if w in DETERMINERS:
            start = i
            if i - 1 > lo and lowers[i - 1] in ("of", "for", "at", "to"):
                i -= 1  # "the head of [the ... department]": read on to the outer phrase
                continue
            break
        if written.endswith(("'s", "’s")) and written[0].isupper():
            if i == lo:
                start = i
                break
            start = possessor_start(toks, lo, i)  # `Carol Mendez's spokesman`
            if start is not None:
                break
        i -= 1
    if start is None:
        if lower_base(lowers[j - 1]) in GROUP_NOUNS:
            start = max(i + 1, lo)
        elif i + 1 == lo and lo < j and texts[lo].endswith(("'s", "’s")):
            start = lo
        else:
            return None
    return _role_mention(text, toks, start, j)


_ROLE_GLUE = frozenset(("of", "for", "to", "at"))
_NO_NOUN = DETERMINERS | _ROLE_GLUE


def _role_mention(text: str, toks: Toks, s: int, e: int) -> Mention | None:
    lowers = toks.lowers
    words = lowers[s:e]
    if _NO_NOUN.issuperset(words):
        return None  # "a", "a series of": no noun
    starts, ends = toks.starts, toks.ends
    surface = text[starts[s] : ends[e - 1]]
    head_index = e - 1
    for k in range(s + 1, e):
        if lowers[k] in _ROLE_GLUE:
            head_index = k - 1  # "the head of the department": the head is "head"
            break
    head = lower_base(lowers[head_index])
    if head in MUTE_PLACE_HEADS:
        return None  # "their railway station": a place, never a speaker
    if head in GROUP_NOUNS:
        kind = GROUP
    elif head in ORG_NOUNS or head in ORG_WORDS:
        kind = ORG
    else:
        kind = ROLE
    return Mention(surface, starts[s], ends[e - 1], kind, surface, gender=_gender(words))


def np_starting_at(text: str, toks: Toks, i: int, hi: int) -> tuple[Mention, int] | None:
    """The noun phrase starting at token i (before token hi), and the index past it."""
    if i >= hi:
        return None
    texts, lowers = toks.texts, toks.lowers
    first = texts[i][0]
    if first.isalnum() and lowers[i] in SUBJECT_PRONOUNS:
        return _pronoun(toks, i), i + 1
    if texts[i][:2] in _CONTRACTION_STARTS:
        contracted = _contracted_pronoun(toks, i)
        if contracted is not None:
            return contracted, i + 1
    if first.isupper() and not (
        lower_base(lowers[i]) in GROUP_NOUNS and i + 1 < hi and not texts[i + 1][0].isupper()
    ):
        e = _name_run_end(toks, i, hi)
        while e > i and not texts[e - 1][0].isupper() and texts[e - 1] != ".":
            e -= 1
        if (
            e > i
            and texts[e - 1].endswith(("'s", "’s"))
            and e < hi
            and (texts[e][0].isalnum() and not texts[e][0].isupper())
        ):
            return _role_starting_at(text, toks, i, hi)  # "Ukraine's foreign ministry"
        mention = _name_mention(text, toks, i, e)
        if mention is not None and e < hi and texts[e].endswith(("'s", "’s")):
            return None
        if mention is None and lowers[i] in _DESCRIPTOR_ADJECTIVES:
            return _person_after_org(text, toks, i, i, hi)  # "Republican consultant Chris Russell"
        if mention is None and lowers[i] in DETERMINERS:
            return _person_after_org(text, toks, i, i + 1, hi)  # "The folklorist Dr. Neil Ros…"
        if mention is not None and mention.kind == ORG:
            return (
                _person_after_org(text, toks, i, e, hi)
                or _qualified_role(text, toks, i, e, hi)
                or (mention, e)
            )
        if e == i + 1 and (mention is None or mention.kind == PERSON) and e < hi:
            described = _described_person(text, toks, i, hi)
            if described is not None:
                return described  # "Former national skipper Pieter Vos"
        if mention is not None and e - i <= 3 and _role_noun_follows(toks, e, hi):
            # "Relief International spokesman Eric Fennel": a body without an organisation
            # word, read as a name, then a job and the person who holds it
            return _person_after_org(text, toks, i, e, hi) or (mention, e)
        return (mention, e) if mention is not None else None
    if not first.isalnum():
        return None
    w = lowers[i]
    if w == "that":
        return None  # far more often "said that ..." than a demonstrative
    if w == "the" and i + 1 < hi and texts[i + 1][0].isupper():
        e = _name_run_end(toks, i + 1, hi)
        if _titled_person(toks, i + 1, e):
            mention = _name_mention(text, toks, i + 1, e)
            if mention is not None:
                return mention, e  # "the Rev. Sam Ortley"
    if (
        w not in DETERMINERS
        and w not in GROUP_NOUNS
        and not (i + 1 < hi and lower_base(lowers[i + 1]) in GROUP_NOUNS)
    ):
        return _person_after_org(text, toks, i, i, hi)  # "striker Ivo Maas"
    if w in DETERMINERS and i + 1 < hi and lower_base(lowers[i + 1]) not in GROUP_NOUNS:
        named = _person_after_org(text, toks, i, i + 1, hi)
        if named is not None:
            return named  # "his cousin James York", "the actor Tomas Vela Ruiz"
    return _role_starting_at(text, toks, i, hi)


_MAX_DESCRIPTOR_WORDS = 3
"""Lower-case role words read between an organisation and a name (`Times editor Jo Dale`)."""


_DESCRIPTOR_ADJECTIVES = frozenset(
    {"american", "conservative", "democratic", "liberal", "progressive", "republican"}
)
"""Capitalised words read as part of a descriptor (`undecided Republican voter Ann Hooton`)."""


def _qualified_role(text: str, toks: Toks, i: int, e: int, hi: int) -> tuple[Mention, int] | None:
    """`The Vermont senator declined`: a title qualified by a place or party, and no name.

    `The` (or nothing), a capitalised place or party (read as an organisation), then a title
    or a noun for a person and no name after it: a role standing for one person, who may be
    `he` or `she` later, not the organisation.
    """
    lowers = toks.lowers
    if lowers[i] != "the" and not (i > 0 and lowers[i - 1] == "the"):
        return None
    if e >= hi or not toks.texts[e][0].islower():
        return None
    job = lowers[e]
    if job not in TITLES and not (job.endswith(PERSON_SUFFIXES) and job not in THING_NOUNS):
        return None
    if e + 1 < hi and toks.texts[e + 1][0].isupper():
        return None  # a name follows: `Vermont senator Bernie Sanders`
    start = toks.starts[i - 1] if lowers[i] != "the" else toks.starts[i]
    surface = text[start : toks.ends[e]]
    return Mention(surface, start, toks.ends[e], ROLE, surface, gender=_gender([job])), e + 1


def _role_noun_follows(toks: Toks, e: int, hi: int) -> bool:
    """True when lower-case words naming a person's job or title follow token e-1, then a name.

    `Construction worker Darnell Ocampo`, `Canadian actor Lim`: the capitalised word before the
    job (a trade, a nationality, a sentence's first word) describes the person named after it;
    it is not the person. The job word must look like one (`worker`, `actor`, `chief`), so that
    `Kerr emailed Holt` keeps Kerr.
    """
    texts, lowers = toks.texts, toks.lowers
    j = e
    while (
        j < hi and j - e < _MAX_DESCRIPTOR_WORDS and texts[j][0].isalpha() and texts[j][0].islower()
    ):
        j += 1
    if j == e or j >= hi or not texts[j][0].isupper():
        return False
    job = lowers[j - 1]
    return job in TITLES or (job.endswith(PERSON_SUFFIXES) and job not in THING_NOUNS)


def _person_after_org(text: str, toks: Toks, i: int, e: int, hi: int) -> tuple[Mention, int] | None:
    """`Civic Review editor Jo Dale`: an organisation, a role word, then the person named.

    The organisation and the role are the person's role, not the speaker. With no organisation
    (i == e), role words alone before the name: `striker Ivo Maas`.
    """
    texts, lowers = toks.texts, toks.lowers
    j = e
    while (
        j < hi
        and j - e < _MAX_DESCRIPTOR_WORDS
        and texts[j][0].isalnum()
        and (not texts[j][0].isupper() or (lowers[j] in _DESCRIPTOR_ADJECTIVES and j + 1 < hi))
        and lowers[j] not in ROLE_STOP_WORDS
        and lowers[j] not in SPEECH_VERBS
        and lowers[j] not in DETERMINERS
        and lowers[j] not in PREPOSITIONS
    ):
        j += 1
    if j == e or j >= hi or not texts[j][0].isupper():
        return None
    k = _name_run_end(toks, j, hi)
    while k > j and not texts[k - 1][0].isupper():
        k -= 1
    person = _name_mention(text, toks, j, k)
    if person is None or person.kind != PERSON or texts[k - 1].endswith(("'s", "’s")):
        return None
    starts, ends = toks.starts, toks.ends
    role = text[starts[i] : ends[j - 1]]
    surface = text[starts[i] : ends[k - 1]]
    gender = person.gender or _gender(lowers[e:j])
    return Mention(surface, starts[i], ends[k - 1], PERSON, person.name, role, gender), k


def _described_person(text: str, toks: Toks, i: int, hi: int) -> tuple[Mention, int] | None:
    """`Former national skipper Pieter Vos`: a capitalised word, a job in lower case, a name.

    The word at token i opens a sentence, so its capital tells nothing: when lower-case words
    ending in a noun for a person (a title, `-er`, `-ist`, ...) and then a name follow it, the
    whole is that person with the description as their role (kept as an alias, so that a later
    `the former national skipper` finds them). A given name at i is a name of its own.
    """
    texts, lowers = toks.texts, toks.lowers
    # cheap first: lower-case words, the last a noun for a person, then a capital
    j = i + 1
    while j < hi and j - i <= _MAX_DESCRIPTOR_WORDS and texts[j][0].islower():
        j += 1
    if j == i + 1 or j >= hi or not texts[j][0].isupper():
        return None
    head = lowers[j - 1]
    if head not in TITLES and (not head.endswith(PERSON_SUFFIXES) or head in THING_NOUNS):
        return None
    if is_given_name(texts[i]):
        return None
    found = _person_after_org(text, toks, i, i + 1, hi)
    if found is None or found[0].role is None or not found[0].role.lower().endswith(head):
        return None
    return found


def role_chunk(text: str, toks: Toks, a: int, b: int) -> Mention | None:
    """A role that fills the comma chunk a..b-1 and opens a sentence (`The former skipper, X,`).

    `np_starting_at` reads a capitalised `The` as the start of a name; a chunk that is only a
    role is read here, so the name next to it can take the role as an alias.
    """
    texts = toks.texts
    if not (b - a >= 2 and texts[a][0].isupper() and toks.lowers[a] in DETERMINERS):
        return None
    if not texts[a + 1][0].isalnum() or texts[a + 1][0].isupper():
        return None
    found = _role_starting_at(text, toks, a, b)
    return found[0] if found is not None and found[1] == b else None


def _role_starting_at(text: str, toks: Toks, i: int, hi: int) -> tuple[Mention, int] | None:
    """A role phrase read forward from token i up to a stop word or punctuation."""
    texts, lowers = toks.texts, toks.lowers
    e = i + 1
    while e < hi and e - i < MAX_ROLE_TOKENS:
        if not texts[e][0].isalnum():
            if texts[e] in ("-",):
                e += 1
                continue
            break
        tw = lowers[e]
        if tw in ROLE_STOP_WORDS or tw in SPEECH_VERBS:
            break
        e += 1
    while e > i + 1 and lowers[e - 1] in ("of", "for", "the", "a", "an"):
        e -= 1
    mention = _role_mention(text, toks, i, e)
    return None if mention is None else (mention, e)
