"""The subject or person of a quote's sentence, and the owner of a possessive before a quote.

For quotes whose sentence has no cue of its own (`reading.read_quote`): who the sentence is
about, read after a dateline (`OTTAWA —`) and a fronted phrase (`As a result, ...`); a person
named in it when no subject is (`..., promised X`); and `X's` before a quote (`Reed's
response was: "..."`). Subjects before a cue are `subjects`.
"""

from __future__ import annotations

from reader.extract.cues import (
    DETERMINERS,
    PLACES,
    PREPOSITIONS,
)
from reader.extract.fresh_rules10 import past_city_state
from reader.extract.mentions import (
    CONTRACTED,
    ORG,
    PERSON,
    PRONOUN,
    ROLE,
    Mention,
    np_ending_at,
    np_starting_at,
    role_chunk,
)
from reader.extract.news_rules10 import (
    FRONTED_QUESTION_REACH,
    FRONTED_QUESTIONS,
    past_fronted_chunks,
)
from reader.extract.subjects import DASH_SET, is_role, person_after_fronted_word, with_role
from reader.extract.tokens import Toks, indexes_of

_LEAD_WORDS = frozenset({"but", "and", "yet", "so", "still", "or", "as", "while", "when"})


_DATELINE_DASHES = frozenset({"—", "–", "-", "--"})
_DATELINE_TOKENS = 8
"""The longest dateline read (`WASHINGTON, D.C. (AFP) –`)."""


def after_dateline(toks: Toks, lo: int, hi: int) -> int:
    """Where a sentence starts after a dateline opening it (`Washington (AFP) – ...`), else lo.

    A dateline is capitalised words (a place, an agency in brackets, commas and full stops
    between them) closed by a dash: the place it names is no subject and no speaker.
    """
    texts = toks.texts
    i = lo
    words = 0
    while i < hi and i - lo <= _DATELINE_TOKENS:
        t = texts[i]
        if t in _DATELINE_DASHES:
            return i + 1 if words else lo
        if t[0].isalpha():
            if not t[0].isupper():
                return lo
            words += 1
        elif t not in (",", ".", "(", ")"):
            return lo
        i += 1
    return lo


_FRONTING = frozenset({"as"})
"""Words that open a fronted phrase besides the prepositions (`As a result, ...`)."""


def _fronted_by_preposition(toks: Toks, lo: int) -> bool:
    """Whether the sentence at token lo opens with a preposition (`For voters, ...`).

    The noun phrase after it is the preposition's object, not the sentence's subject: the
    subject comes after the phrase's comma (`As a result, there is ...` names no one).
    """
    word = toks.lowers[lo]
    return toks.texts[lo][0].isupper() and (word in PREPOSITIONS or word in _FRONTING)


def sentence_subject(text: str, toks: Toks, lo: int, hi: int) -> Mention | None:
    """The subject that opens the sentence tokens lo..hi-1, after an introductory phrase."""
    texts, lowers = toks.texts, toks.lowers
    lo = after_dateline(toks, lo, hi)
    starts = [lo]
    asked = lo < hi and texts[lo][0].isupper() and lowers[lo] in FRONTED_QUESTIONS
    for i in range(lo, min(hi, lo + (FRONTED_QUESTION_REACH if asked else 12))):
        if texts[i] == ",":
            starts.append(past_city_state(lowers, texts, i + 1, hi))  # fresh_rules10
            break
    if len(starts) > 1 and (asked or _fronted_by_preposition(toks, lo)):
        del starts[0]  # `As a result, there's ...`, `For voters, on the other hand, "..."`
        starts[0] = past_fronted_chunks(toks, starts[0], hi)  # `In Ames, Iowa, on Sunday, X`
    for s in starts:
        i = s
        while i < hi and texts[i][0].isalnum() and lowers[i] in _LEAD_WORDS:
            i += 1
        found = np_starting_at(text, toks, i, hi)
        if (found is not None and found[0].kind != ROLE) or (
            found is not None and found[0].text.split()[0].lower() in DETERMINERS
        ):
            assert found is not None
            mention, e = found
            if e < hi and lowers[e] in ("of", "for") and mention.kind != PERSON:
                continue
            if s == lo == i and e == lo + 1 and mention.kind == PERSON and len(starts) > 1:
                return person_after_fronted_word(text, toks, lo, hi) or mention
            return mention
    return _subject_after_fronted_phrase(text, toks, lo, hi)


_PLURAL_VERBS = frozenset({"were", "are", "have"})
"""Verbs that make a lone capitalised word before them a plural (`Trains were cancelled`)."""
_PLURAL_NOUNS = frozenset({"children", "people", "men", "women", "police", "staff", "crowds"})
"""Plural nouns with no `-s` to tell them, often opening a sentence (`Children took a ferry`)."""


def plural_opener(toks: Toks, mention: Mention, chunk: tuple[int, int]) -> bool:
    """Whether a person read at a chunk's first word is one capitalised plural common noun.

    A person is one person: `Trains were cancelled, and the buses ran late. He added that ...`
    and `Children in Port Alden took a ferry. He added ...` name no one `he` may stand for
    (the 3 MB benchmark book listed `Trains` and `Children` as its sixth and eighth speakers,
    `Trains` with `the buses ran an hour late` as its alias). A plural verb right after the
    word, or a plural noun that has no `-s` to tell it, says so.
    """
    a, b = chunk
    if (
        mention.start != toks.starts[a]
        or mention.end != toks.ends[a]
        or mention.text != mention.name
    ):
        return False
    word = toks.lowers[a]
    if word in _PLURAL_NOUNS:
        return True
    return word.endswith("s") and a + 1 < b and toks.lowers[a + 1] in _PLURAL_VERBS


_FRONTED_REACH = 20
"""How many tokens a fronted phrase may run before its subject (`At the last debate he`, `At
the final debate before the primary and at least one town hall, he ...`)."""
_PERSON_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})


def _subject_after_fronted_phrase(text: str, toks: Toks, lo: int, hi: int) -> Mention | None:
    """`At the last debate he hinted ..., adding, "..."`: `he`, after a long fronted phrase.

    A sentence opened by a preposition whose phrase runs on without a comma, or longer than
    `sentence_subject` reads for one, has its subject right after the phrase: the first person
    pronoun within `_FRONTED_REACH` tokens, after a word or a comma and before a lower-case
    word (its verb).
    """
    texts, lowers = toks.texts, toks.lowers
    if lo + 2 >= hi or lowers[lo] not in PREPOSITIONS or not texts[lo][0].isupper():
        return None
    for i in range(lo + 2, min(hi - 1, lo + _FRONTED_REACH)):
        if not texts[i - 1][0].isalnum() and texts[i - 1] != ",":
            return None  # a quote or a dash: not one phrase before a subject
        if lowers[i] in _PERSON_PRONOUNS and texts[i + 1][0].islower():
            found = np_starting_at(text, toks, i, hi)
            return found[0] if found is not None else None
    return None


def sentence_person(
    text: str, toks: Toks, lo: int, hi: int, *, last_first: bool = False
) -> Mention | None:
    """The person (or pronoun, or organisation) that opens one of the comma chunks of a sentence.

    Finds `Aoife Brennan` in `Standing on a crate, the union's representative, Aoife Brennan,
    read a statement:` and `he` in `Asked what was missing, he smiled:`; a role chunk next to the
    name becomes its alias. `last_first` reads the chunks from the end (for colon intros).
    """
    texts, lowers = toks.texts, toks.lowers
    chunks: list[tuple[int, int]] = []
    a = lo
    for i in indexes_of(toks, lo, hi, DASH_SET):
        chunks.append((a, i))
        a = i + 1
        if len(chunks) >= 6:
            break
    else:
        chunks.append((a, hi))
    # each chunk's head is read only when the chunks before it (in reading order) decided
    # nothing: the first person, pronoun or body found ends the search
    heads: dict[int, Mention | None] = {}

    def head(i: int) -> Mention | None:
        if i in heads:
            return heads[i]
        a, b = chunks[i]
        k = a
        while k < b and texts[k][0].isalnum() and lowers[k] in _LEAD_WORDS:
            k += 1
        got = np_starting_at(text, toks, k, b)
        mention = heads[i] = got[0] if got is not None else role_chunk(text, toks, k, b)
        return mention

    n = len(chunks)
    order = range(n - 1, -1, -1) if last_first else range(n)
    for i in order:
        mention = head(i)
        if mention is None:
            continue
        if (
            mention.kind == PERSON
            and i == 0 < n - 1
            and chunks[0] == (lo, lo + 1)
            and person_after_fronted_word(text, toks, lo, hi) is not None
        ):
            continue  # `Backstage, Kaskamin was asked`: a fronted adverb (fresh_rules9)
        if mention.kind == PERSON and plural_opener(toks, mention, chunks[i]):
            continue  # `Trains were cancelled, and ...`, `Children took a ferry`: no one
        if mention.kind == PERSON:
            for k in (i - 1, i + 1):
                role = head(k) if 0 <= k < n else None
                if role is not None and role.kind in (ROLE, ORG) and is_role(role):
                    return with_role(mention, role)
            return mention
        if mention.kind == PRONOUN or (
            mention.kind == ORG and not last_first and not _address_part(toks, chunks, i, mention)
        ):
            return mention
    return None


def _address_part(toks: Toks, chunks: list[tuple[int, int]], i: int, org: Mention) -> bool:
    """`At a rally in Dover, Delaware, on Friday, Carl Benning said`: `Delaware` is no subject.

    A place that makes up a whole comma chunk, after a chunk ending in a capitalised word (the
    town), is the second half of an address; the sentence's subject comes later.
    """
    a, b = chunks[i]
    if i == 0 or org.start != toks.starts[a] or org.end != toks.ends[b - 1]:
        return False
    if org.name.lower() not in PLACES:
        return False
    before = toks.texts[chunks[i - 1][1] - 1]
    return before[0].isupper()


def possessive_owner(text: str, toks: Toks, lo: int, hi: int) -> Mention | None:
    """`Obama's "if you like your plan" promise`: the owner of the quoted words."""
    if hi <= lo:
        return None
    last = toks.texts[hi - 1]
    if not last[0].isupper() or not last.endswith(("'s", "’s")):
        return None
    if last[:-2].lower() in CONTRACTED:
        return None  # `It's "this new journalism."`: it is, not its
    found = np_ending_at(text, toks, lo, hi)
    if found is None or found.kind not in (PERSON, ORG):
        return None
    return found
