"""Who the narration of a quote's sentence names as its subject: the speaker before a cue.

`attribution` reads the patterns around a quote (`"...," X said`, `X said, "..."`); where a
pattern needs the subject of a verb or of a sentence, it asks this module. Subjects are read
back from a cue over appositions (`Dana Ruiz, the agency's spokeswoman, said`), relative
clauses, parenthetical asides, fronted words and phrases (`Backstage, Kaskamin was asked`),
a role owned by a body (`Alder Ridge's vice-president, Trevor Bakshi`) and datelines; a
sentence's subject or person, and the owner of a possessive, for quotes whose sentence has no
cue of its own.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from reader.extract.cues import (
    ADVERB_SKIP,
    DETERMINERS,
    PREPOSITIONS,
    SPEECH_VERBS,
)
from reader.extract.fresh_rules9 import (
    fronted_word,
    may_be_from_place,
    names_an_object,
    where_from,
)
from reader.extract.fresh_rules10 import modified_place_object
from reader.extract.mentions import (
    ORG,
    PERSON,
    PRONOUN,
    ROLE,
    Mention,
    np_ending_at,
    np_starting_at,
)
from reader.extract.news_rules10 import CLAUSE_CONJUNCTIONS, person_noun
from reader.extract.paragraphs import QUOTED
from reader.extract.tokens import Toks

MAX_SUBJECT_WORDS = 14
"""Words allowed between a quote's closing mark and its cue verb (room for an apposition)."""
_RELATIVE = frozenset({"who", "which", "whose", "whom", "where", "when"})
_WH_OBJECTS = frozenset({"what", "whatever", "which", "whom"})
DASHES = (",", "—", "–", "-", "(", ")", ";")
DASH_SET = frozenset(DASHES)


def _manner_adverb(word: str) -> bool:
    """`jokingly`, `angrily`, `quietly`: a lower-case `-ly` word between a speaker and a cue."""
    return len(word) > 5 and word.endswith("ly") and word[0].islower()


def subject_before(text: str, toks: Toks, lo: int, c: int) -> Mention | None:
    """The speaker mention before the cue token c, reading back no further than token lo."""
    texts, lowers = toks.texts, toks.lowers
    j = c
    while (
        j > lo
        and texts[j - 1][0].isalnum()
        and (lowers[j - 1] in ADVERB_SKIP or _manner_adverb(texts[j - 1]))
        and not (texts[j - 1][0].isupper() and j - 1 > lo)  # "..., Will wrote"
    ):
        j -= 1
    j = before_parenthetical(toks, lo, j)
    if j <= lo:
        return None
    if texts[j - 1] in DASH_SET or quote_ending_a_clause(text, toks, j - 1):
        return apposition_subject(text, toks, lo, j - 1)
    k = j
    while k > lo and texts[k - 1] not in DASH_SET:
        k -= 1
    antecedent = _relative_antecedent(text, toks, lo, k, j)
    if antecedent is not None:
        return antecedent
    if j - k > MAX_SUBJECT_WORDS:
        k = j - MAX_SUBJECT_WORDS
    mention = np_ending_at(text, toks, k, j)
    if mention is not None and mention.kind == ORG:
        mention = _person_of_org(text, toks, k, mention) or mention
    if (mention is None or mention.kind not in (PERSON, PRONOUN)) and toks.lowers[
        c
    ] in SPEECH_VERBS:
        unclosed = _unclosed_apposition(text, toks, lo, k, j)
        if unclosed is not None:
            return unclosed
    p = _preposition_before(toks, k, mention)
    if p is not None and not (p > lo and _clause_subject(toks.texts[p], mention)):
        # "Trump in his speech called ...": the object of a preposition is not the subject
        return subject_before(text, toks, lo, p) if p > lo else None
    if mention is None or mention.kind != PERSON or k - 1 <= lo:
        return mention
    # "the agency's spokeswoman, Dana Ruiz said": a role chunk right before the name
    role = _chunk_np(text, toks, *_previous_chunk(toks, lo, k - 1))
    if role is not None and role.kind in (ROLE, ORG) and is_role(role):
        return with_role(mention, role)
    return mention


_UNCLOSED_CLAUSE = frozenset({"who", "whose", "which", "that"})
"""Words of a relative clause inside an apposition whose closing comma was left out."""


def _clause_subject(preposition: str, mention: Mention | None) -> bool:
    """Whether `mention`, after `preposition` and right before a cue, is the cue's subject.

    `after Mr. Pike had said`, `after the front-runner had said`: after a lower-case
    `CLAUSE_CONJUNCTIONS` word, a person or a role naming one (its last word a title or a noun
    for a person) opens a clause; `after another silence said` keeps the object reading.
    """
    if preposition not in CLAUSE_CONJUNCTIONS or mention is None:
        return False
    if mention.kind == PERSON:
        return True
    return mention.kind == ROLE and person_noun(mention.text.rsplit(maxsplit=1)[-1].lower())


def _unclosed_apposition(text: str, toks: Toks, lo: int, k: int, j: int) -> Mention | None:
    """`Katie Pike, who chairs the group said`: the name before an apposition left open.

    The words between the comma at k-1 and the cue at j hold a relative clause (`who`,
    `whose`, `which`, `that` followed by its verb) and no comma closes them: the writer
    dropped the apposition's closing comma, and the cue's subject is the person named before
    the opening one (not `the group` at the clause's end).
    """
    lowers = toks.lowers
    if k - 1 <= lo or toks.texts[k - 1] != ",":
        return None
    if not any(
        lowers[w] in _UNCLOSED_CLAUSE
        and lowers[w + 1] not in DETERMINERS
        and not toks.texts[w + 1][0].isupper()
        for w in range(k, j - 1)
    ):
        return None  # `, which an inquiry said was`: `which` is the object, not `who` + verb
    found = apposition_subject(text, toks, lo, k - 1)
    return found if found is not None and found.kind == PERSON else None


def quote_ending_a_clause(text: str, toks: Toks, i: int) -> bool:
    """True when token i is a quote whose closing comma ends a clause.

    In `The Association, which called it "a waste," said ...` the subject of `said` is read
    before the clause, as after a comma.
    """
    if toks.texts[i] != QUOTED:
        return False
    inner = text[toks.starts[i] : toks.ends[i]].rstrip("\"'”’» ")
    return inner.endswith(",")


_RELATIVE_SUBJECTS = frozenset({"who", "which"})
_AUXILIARIES = frozenset({"has", "have", "had", "was", "is", "would", "will", "also"})


def _relative_antecedent(text: str, toks: Toks, lo: int, k: int, j: int) -> Mention | None:
    """`The Association, which has called the formula "...",`: the one `which` stands for.

    A cue whose subject is `who` or `which` (after auxiliaries) opening a comma chunk: the
    speaker is the noun phrase filling the chunk before that comma.
    """
    lowers = toks.lowers
    if k - 1 <= lo or lowers[k] not in _RELATIVE_SUBJECTS:
        return None
    if any(lowers[w] not in _AUXILIARIES for w in range(k + 1, j)):
        return None
    a, b = _previous_chunk(toks, lo, k - 1)
    mention = _chunk_np(text, toks, a, b)
    if mention is None:
        # `The alert was welcomed by Warden Duncan Matheson, who said ...`: the name right
        # before the comma, when the chunk is more than a noun phrase
        mention = np_ending_at(text, toks, a, b)
        if mention is not None and mention.kind != PERSON:
            mention = None
    return mention if mention is not None and mention.kind in (PERSON, ORG, ROLE) else None


_MAX_OF_ORG_WORDS = 8
"""The most words read between a name's `of` and the organisation that ends the subject."""


def _person_of_org(text: str, toks: Toks, k: int, org: Mention) -> Mention | None:
    """`Tim Abara of the Right to Housing Coalition told us`: the person, not the coalition.

    A person's name then `of` and the organisation they speak for: the one who told is the
    person. The organisation is not made their alias: it may speak for itself later.
    """
    lowers = toks.lowers
    i = bisect.bisect_left(toks.starts, org.start, k)
    o = i - 1
    while o > k and i - o <= _MAX_OF_ORG_WORDS and lowers[o] != "of":
        o -= 1
    if o <= k or lowers[o] != "of":
        return None
    person = np_ending_at(text, toks, k, o)
    return person if person is not None and person.kind == PERSON else None


_MAX_PARENTHETICAL_TOKENS = 8
"""The longest parenthetical skipped between a name and its verb (`Ann Reed (D-Ore.) said`)."""


def before_parenthetical(toks: Toks, lo: int, j: int) -> int:
    """Where a short parenthetical ending before token j opens, else j.

    A bracketed aside after a name (a party and state, an age, an acronym) is not the subject:
    the subject is read before it.
    """
    texts = toks.texts
    if j <= lo or texts[j - 1] != ")":
        return j
    k = j - 2
    while k > lo and j - k <= _MAX_PARENTHETICAL_TOKENS and texts[k] not in ("(", ")"):
        k -= 1
    return k if k > lo and texts[k] == "(" else j


def _preposition_before(toks: Toks, lo: int, mention: Mention | None) -> int | None:
    """Index of a preposition right before `mention` (within tokens lo on), else None."""
    if mention is None or mention.kind == PRONOUN:
        return None
    starts = toks.starts
    i = bisect.bisect_left(starts, mention.start, lo) if lo < len(starts) else lo
    if i >= len(starts) or toks.lowers[i] in _WH_OBJECTS:
        return None  # "with what lawmakers called": `what` is the object, the rest a clause
    if i > lo and toks.texts[i - 1][0].isalnum() and toks.lowers[i - 1] in PREPOSITIONS:
        return i - 1
    # `in northwestern Ontario said`: adjectives between (fresh_rules10)
    return modified_place_object(toks.lowers, toks.texts, lo, i)


def _previous_chunk(toks: Toks, lo: int, comma: int) -> tuple[int, int]:
    texts = toks.texts
    a = comma
    while a > lo:
        if texts[a - 1] == ")":
            k = before_parenthetical(toks, lo, a)
            if k < a:
                a = k  # "Ann Reed (D-Ore.), who ...": the aside belongs to the chunk
                continue
        if texts[a - 1] in DASH_SET:
            break
        a -= 1
    return a, comma


def _chunk_np(text: str, toks: Toks, a: int, b: int) -> Mention | None:
    """The noun phrase that fills tokens a..b-1 entirely, else None.

    A person named after a role fills the chunk too: `The folklorist Dr. Neil Rosenthal` (in
    `..., who catalogued the songs, called it "..."`) is Rosenthal, with the role kept.
    """
    if b <= a or toks.lowers[a] in _RELATIVE:
        return None
    mention = np_ending_at(text, toks, a, b)
    if mention is not None and mention.start == toks.starts[a]:
        return mention
    if mention is None or mention.kind != PERSON:
        return None
    found = np_starting_at(text, toks, a, b)
    if found is None or found[1] != b or found[0].kind != PERSON:
        return None
    return found[0]


_OWNED_ROLE = re.compile(r"(?:[^\W\d_][\w.&-]*\s+){1,3}\S+['’]s\s+[^\W\d_]")
"""`Elm Grove's vice-president`: a capitalised owner of two to four words, then its role."""


def is_role(mention: Mention) -> bool:
    """Whether a mention reads as a role (`the agency's spokeswoman`), not a proper name.

    A role owned by a body of several words (`Elm Grove's vice-president of communications,
    Tom Reyes`) is one too: read as a name, it was listed as a speaker apart from the person
    named after it.
    """
    first = mention.text.split()[0].lower() if mention.text.split() else ""
    if mention.text[:1].islower() or first in DETERMINERS or first.endswith(("'s", "’s")):
        return True
    owned = _OWNED_ROLE.match(mention.text)
    return owned is not None and mention.text[owned.end() - 1].islower()


def with_role(person: Mention, role: Mention) -> Mention:
    """`person` carrying `role` (`Dana Ruiz` of `Dana Ruiz, the agency's spokeswoman`)."""
    return Mention(
        person.text,
        person.start,
        person.end,
        PERSON,
        person.name,
        role.text,
        person.gender or role.gender,
    )


_APPOSITION_CHUNKS = 5
"""Comma chunks read back for the name in an apposition (`Cory James, 22, of Flint, Mich.,`)."""


def apposition_subject(text: str, toks: Toks, lo: int, comma: int) -> Mention | None:
    """`Name, role, said` / `role, Name, said` / `Name, who ..., said`: pick the name."""
    lowers = toks.lowers
    chunks: list[tuple[int, int]] = []
    b = comma
    while b > lo and len(chunks) < _APPOSITION_CHUNKS:
        a, _ = _previous_chunk(toks, lo, b)
        chunks.append((a, b))
        b = a - 1
    found: list[Mention | None] = []
    for a, b in chunks:
        b = before_parenthetical(toks, a, b)
        if (
            b <= a
            or lowers[a] in _RELATIVE
            or lowers[a] in PREPOSITIONS  # ", in Ohio, said": not a noun phrase
            or b - a > MAX_SUBJECT_WORDS
        ):
            found.append(None)
            continue
        mention = _chunk_np(text, toks, a, b)
        if mention is None and b - a <= 4:
            caller = _name_from_place(text, toks, a, b)
            if caller is not None:
                found.append(caller)
                continue
            mention = np_ending_at(text, toks, a, b)
            if mention is not None and _after_preposition(toks, a, mention):
                mention = None  # `a philanthropist from Monsey`: a place, not the subject
        found.append(mention)
    _drop_relative_clause(toks, chunks, found)
    for i in range(len(found) - 2):  # `Name, a planner for the developer, Ridge Homes, told`
        role, first = found[i + 1], found[i + 2]
        if (
            role is not None
            and role.kind == ROLE
            and first is not None
            and first.kind == PERSON
            and names_an_object(lowers, toks.texts, *chunks[i + 1])
        ):
            found[i] = None  # the developer's name, not the subject (fresh_rules9)
    persons = [m for m in found if m is not None and m.kind == PERSON]
    if len(persons) > 1 and not all(map(_affiliation, persons)):
        # `Mark Holden, chairman of the board of Freedom Partners, said`: the name is the
        # subject, not the body a role chunk names after `of`
        found = [None if m is not None and _affiliation(m) else m for m in found]
    for i, mention in enumerate(found):
        if mention is not None and mention.kind == PERSON:
            for k in (i - 1, i + 1):
                if 0 <= k < len(found):
                    role = found[k]
                    if role is not None and role.kind in (ROLE, ORG) and is_role(role):
                        return with_role(mention, role)
            return mention
    for mention in found:
        if mention is not None and mention.kind == ORG and mention.name[:1].isupper():
            return mention  # `The Stroke Association, a charity, said`: the body, not `a charity`
    for mention in found:
        if mention is not None and mention.kind != PRONOUN:
            return mention
    return found[0] if found else None


def _name_from_place(text: str, toks: Toks, a: int, b: int) -> Mention | None:
    """The person of a chunk `Kevin in Spryfield` (a name, then where from), else None."""
    if not may_be_from_place(toks.lowers, a, b):
        return None
    named = np_starting_at(text, toks, a, b)
    if named is None or named[0].kind != PERSON:
        return None
    return named[0] if where_from(toks.lowers, toks.texts, named[1], b) else None


def person_after_fronted_word(text: str, toks: Toks, lo: int, hi: int) -> Mention | None:
    """The subject of `Backstage, Kaskamin was asked ...`, after a fronted word, else None."""
    if lo + 2 >= hi or toks.texts[lo + 1] != "," or not toks.texts[lo + 2][:1].isupper():
        return None  # `Smith, 45, said`, `Smith, the mayor, said`: no name right after
    found = np_starting_at(text, toks, lo + 2, hi)
    if found is None or found[0].kind != PERSON:
        return None
    return found[0] if fronted_word(toks.texts, toks.lowers, lo, found[1], hi) else None


def _drop_relative_clause(
    toks: Toks, chunks: Sequence[tuple[int, int]], found: list[Mention | None]
) -> None:
    """`Ann Reed, whose firm, Paradata, uses data, said`: forget what the relative clause names.

    `chunks` run from the cue back; the chunks up to the farthest one opened by a relative
    word (`whose firm`) are that clause, and a name in them (`Paradata`) is not the subject
    when the chunk before the clause names someone.
    """
    lowers = toks.lowers
    opened = [i for i, (a, _) in enumerate(chunks) if lowers[a] in _RELATIVE]
    if not opened or opened[-1] + 1 >= len(found) or found[opened[-1] + 1] is None:
        return
    for i in range(opened[-1] + 1):
        found[i] = None


SAID = frozenset({"said", "says", "say", "told", "tells", "wrote", "writes"})
"""Cues that, after `what X`, name what X said rather than introduce the quote (`what he
called "..."` still does)."""


def said_as_object(toks: Toks, lo: int, mention: Mention) -> bool:
    """`what Asante said`: the cue's clause is the object of another verb, not the speech."""
    i = bisect.bisect_left(toks.starts, mention.start, lo)
    return i > lo and toks.lowers[i - 1] == "what"


def _after_preposition(toks: Toks, a: int, mention: Mention) -> bool:
    """Whether the word right before `mention` (at or after token a) is a preposition.

    `to` counts before a name (`bridges to Mr. Sanders, said David Axelrod`): `to` opening an
    infinitive is followed by a verb in lower case, never by a capitalised name.
    """
    i = bisect.bisect_left(toks.starts, mention.start, a)
    if i <= a:
        return False
    before = toks.lowers[i - 1]
    return before in PREPOSITIONS or (before == "to" and mention.kind == PERSON)


_AFFILIATION_GLUE = frozenset(("of", "at", "for", "from", "with", "a", "an"))
"""Words that, right before the name in a role chunk, make the name a body the person belongs
to (`chairman of the board of Freedom Partners`) or a descriptor (`a D.C.-based host`), not
the person."""


_INDEFINITE = frozenset(("a", "an"))
"""Articles that make a capitalised chunk a description (`Tindall, a Liberal Democrat, said`):
an indefinite noun phrase never names the person who speaks."""


def _affiliation(mention: Mention) -> bool:
    """Whether a person mention is a role ending in `of` and a name, or a descriptor.

    `chairman of the board of Freedom Partners`, `a D.C.-based ...`, `a Liberal Democrat`: not
    the person.
    """
    if mention.kind != PERSON:
        return False
    at = mention.text.rfind(mention.name)
    before = mention.text[:at].split() if at > 0 else []
    return bool(before) and (
        before[-1].lower() in _AFFILIATION_GLUE or before[0].lower() in _INDEFINITE
    )
