"""Attribution patterns: who a quote's own sentence says is speaking, and with which cue.

Patterns tried, each over the narration of the quote's sentence only:

* `after-said`: ``"...," Erdogan said`` / ``"...," Dana Ruiz, the agency's spokeswoman, said``;
* `said-after`: ``"...," said Erdogan`` / ``said the agency's spokeswoman, Dana Ruiz``;
* `colon-intro`: ``Slutsky promised ...: "..."``;
* `before-said`: ``Erdogan said, "..."`` and ``X told reporters that "..."``;
* `same-sentence`: a cue elsewhere in the sentence of an embedded fragment
  (``The UN warns that ... the "worst ..."``, ``Slutsky called Idlib "a black hole"``);
* `according-to`: ``according to X``.

Each match returns the mention and the cue token, so the evidence can be shown to the reader.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import NamedTuple

from reader.extract import news_rules7
from reader.extract.cues import (
    ADVERB_SKIP,
    CALL_VERBS,
    DETERMINERS,
    LABEL_VERBS,
    PLACES,
    PREPOSITIONS,
    ROLE_STOP_WORDS,
    SPEECH_VERBS,
    STANCE_VERBS,
    TURN_VERBS,
)
from reader.extract.fresh_rules9 import (
    document_role,
    fronted_word,
    gerund_phrase,
    may_be_from_place,
    names_an_object,
    where_from,
)
from reader.extract.mentions import (
    CONTRACTED,
    GROUP,
    ORG,
    PERSON,
    PRONOUN,
    ROLE,
    Mention,
    np_ending_at,
    np_starting_at,
    role_chunk,
)
from reader.extract.paragraphs import QUOTED
from reader.extract.tokens import Token, Toks, indexes_in, indexes_of

MAX_SUBJECT_WORDS = 14
"""Words allowed between a quote's closing mark and its cue verb (room for an apposition)."""

MAX_APPOSITION_WORDS = 26
"""Words read after a closing mark for the cue when a name and a comma open the narration."""

_BASE_FORMS_OK = frozenset(
    {
        "say",
        "tell",
        "add",
        "ask",
        "write",
        "insist",
        "argue",
        "warn",
        "explain",
        "agree",
        "admit",
        "claim",
        "predict",
    }
)
_PASSIVE = frozenset({"was", "were", "been", "be", "being", "is", "are"})
_RELATIVE = frozenset({"who", "which", "whose", "whom", "where", "when"})
_WH_OBJECTS = frozenset({"what", "whatever", "which", "whom"})
_LEAD_WORDS = frozenset({"but", "and", "yet", "so", "still", "or", "as", "while", "when"})
_DASHES = (",", "—", "–", "-", "(", ")", ";")
_DASH_SET = frozenset(_DASHES)
_ACCORDING = frozenset({"according"})
_SPEECH_OR_CALL_VERBS = SPEECH_VERBS | CALL_VERBS | LABEL_VERBS | STANCE_VERBS
"""Every word `is_cue(..., calls=True)` can accept (what it looks for in embedded fragments)."""


class Attribution(NamedTuple):
    """A speaker mention found for a quote, with the cue that links them.

    A named tuple: a book makes tens of thousands, and a tuple is several times cheaper to
    build than a frozen dataclass.
    """

    rule: str
    """Name of the pattern that fired."""
    mention: Mention | None
    """The speaker as mentioned (None when only the cue was found)."""
    cue: Token | None
    """The cue verb (or `according`)."""


_CALL_NOUNS = frozenset({"call", "calls"})
_CALL_MODIFIERS = frozenset(
    {"conference", "phone", "video", "roll", "close", "last", "final", "wake-up", "earnings"}
)
"""Words before `call` that make it a noun (`a conference call`, `roll call`)."""


def is_cue(toks: Toks, i: int, *, calls: bool = False, turn: bool = False) -> bool:
    """Whether token i is a speech verb used as a verb (not `the report`, not `was told`).

    `calls` (for a fragment embedded in narration) also accepts verbs that apply or judge words
    (`called`, `branded`, `blasted`): their subject is the one who worded the fragment. `turn`
    (right after a closing mark) also accepts `TURN_VERBS` (`cried`, `returned`, `laughed`).
    """
    texts = toks.texts
    first = texts[i][0]
    if not first.isalnum():
        return False
    lowers = toks.lowers
    word = lowers[i]
    if (
        word not in SPEECH_VERBS
        and not (calls and (word in CALL_VERBS or word in LABEL_VERBS or word in STANCE_VERBS))
        and not (turn and word in TURN_VERBS)
    ):
        return False
    prev = lowers[i - 1] if i > 0 else ""
    if prev in DETERMINERS or prev.endswith(("'s", "’s")) or prev in _PASSIVE:
        return False
    if prev in PREPOSITIONS and not (prev == "by" and word.endswith("ing")):
        # "a new line of attack", "in response": a noun after a preposition (but "he began
        # by saying" is the verb)
        return False
    if word in _CALL_NOUNS and (
        prev in _CALL_MODIFIERS or (i > 1 and lowers[i - 2] in ("a", "an"))
    ):
        return False  # "on a conference call that ...", "a close call": the noun
    if (
        word in SPEECH_VERBS
        and not word.endswith(("s", "d", "ed", "ing", "ote", "old"))
        and (word not in _BASE_FORMS_OK)
    ):
        return False
    return not (first.isupper() and i > 0 and texts[i - 1][0].isupper())


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
    j = _before_parenthetical(toks, lo, j)
    if j <= lo:
        return None
    if texts[j - 1] in _DASH_SET or quote_ending_a_clause(text, toks, j - 1):
        return _apposition_subject(text, toks, lo, j - 1)
    k = j
    while k > lo and texts[k - 1] not in _DASH_SET:
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
    if p is not None:
        # "Trump in his speech called ...": the object of a preposition is not the subject
        return subject_before(text, toks, lo, p) if p > lo else None
    if mention is None or mention.kind != PERSON or k - 1 <= lo:
        return mention
    # "the agency's spokeswoman, Dana Ruiz said": a role chunk right before the name
    role = _chunk_np(text, toks, *_previous_chunk(toks, lo, k - 1))
    if role is not None and role.kind in (ROLE, ORG) and _is_role(role):
        return _with_role(mention, role)
    return mention


_UNCLOSED_CLAUSE = frozenset({"who", "whose", "which", "that"})
"""Words of a relative clause inside an apposition whose closing comma was left out."""


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
    found = _apposition_subject(text, toks, lo, k - 1)
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


def _before_parenthetical(toks: Toks, lo: int, j: int) -> int:
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
    return None


def _previous_chunk(toks: Toks, lo: int, comma: int) -> tuple[int, int]:
    texts = toks.texts
    a = comma
    while a > lo:
        if texts[a - 1] == ")":
            k = _before_parenthetical(toks, lo, a)
            if k < a:
                a = k  # "Ann Reed (D-Ore.), who ...": the aside belongs to the chunk
                continue
        if texts[a - 1] in _DASH_SET:
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


def _is_role(mention: Mention) -> bool:
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


def _with_role(person: Mention, role: Mention) -> Mention:
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


def _apposition_subject(text: str, toks: Toks, lo: int, comma: int) -> Mention | None:
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
        b = _before_parenthetical(toks, a, b)
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
                    if role is not None and role.kind in (ROLE, ORG) and _is_role(role):
                        return _with_role(mention, role)
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


def _person_after_fronted_word(text: str, toks: Toks, lo: int, hi: int) -> Mention | None:
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


_SAID = frozenset({"said", "says", "say", "told", "tells", "wrote", "writes"})
"""Cues that, after `what X`, name what X said rather than introduce the quote (`what he
called "..."` still does)."""


def _said_as_object(toks: Toks, lo: int, mention: Mention) -> bool:
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


def object_after(text: str, toks: Toks, i: int, hi: int) -> Mention | None:
    """The speaker after an inverted cue (`said Erdogan`, `said the ministry's spokesman`)."""
    found = np_starting_at(text, toks, i, hi)
    if found is None:
        found = _name_after_descriptor(text, toks, i, hi)
    if found is None:
        return None
    mention, e = found
    if e + 1 < hi and toks.texts[e] == ",":
        nxt = np_starting_at(text, toks, e + 1, hi)
        if nxt is not None:
            other = nxt[0]
            if mention.kind in (ROLE, ORG) and other.kind == PERSON and _is_role(mention):
                return _with_role(other, mention)
            if mention.kind == PERSON and other.kind in (ROLE, ORG) and _is_role(other):
                return _with_role(mention, other)
    return mention


_MAX_DESCRIPTOR_WORDS = 5
"""Lower-case words allowed before a name with no article (`talk radio host Rush Limbaugh`)."""


def _name_after_descriptor(text: str, toks: Toks, i: int, hi: int) -> tuple[Mention, int] | None:
    """`according to conservative radio host Ana Reyes`: a bare role, then the person's name."""
    texts, lowers = toks.texts, toks.lowers
    j = i
    while (
        j < hi
        and j - i < _MAX_DESCRIPTOR_WORDS
        and texts[j][0].isalnum()
        and not texts[j][0].isupper()
        and lowers[j] not in ROLE_STOP_WORDS
        and lowers[j] not in SPEECH_VERBS
    ):
        j += 1
    if j == i or j >= hi or not texts[j][0].isupper():
        return None
    found = np_starting_at(text, toks, j, hi)
    if found is None or found[0].kind != PERSON:
        return None
    return found


def according_to(text: str, toks: Toks, lo: int, hi: int) -> Attribution | None:
    """`according to X` anywhere in tokens lo..hi-1."""
    lowers = toks.lowers
    for i in indexes_in(toks, lo, hi - 1, _ACCORDING):
        if lowers[i + 1] == "to":
            mention = object_after(text, toks, i + 2, hi)
            if mention is not None:
                return Attribution("according-to", mention, toks.token(i))
    return None


_TURN_VERB_REACH = 4
"""`TURN_VERBS` count as cues only among the first words after a closing mark."""

_CREDIT_DASHES = frozenset(("—", "―", "–", "-"))
_LEADING_PUNCT = frozenset((",", "—", "–", "-", ":"))


def after_quote(text: str, toks: Toks, lo: int, hi: int) -> Attribution | None:
    """The attribution in the narration tokens lo..hi-1 right after a closing mark."""
    texts, lowers = toks.texts, toks.lowers
    if lo + 1 < hi and texts[lo] in _CREDIT_DASHES:
        # a credit line: “...” ― Esther Tapia
        found = np_starting_at(text, toks, lo + 1, hi)
        if (
            found is not None
            and found[0].kind in (PERSON, ORG)
            and (found[1] >= hi or texts[found[1]] in (",", "."))
        ):
            return Attribution("dash-credit", found[0], None)
    while lo < hi and texts[lo] in _LEADING_PUNCT:
        lo += 1
    if lo < hi and lowers[lo] == "as":
        credited = as_put_it(text, toks, lo, hi)
        if credited is not None:
            return credited
    words = 0
    reach = MAX_SUBJECT_WORDS + 1
    if lo < hi and texts[lo][0].isupper() and "," in texts[lo + 1 : lo + 5]:
        reach = MAX_APPOSITION_WORDS  # "..., Ann Reed, an adviser to ... and former ..., wrote"
    for c in range(lo, hi):
        if texts[c][0].isalnum():
            words += 1
        if words > reach:
            break
        word = lowers[c]
        if word == "according" and c + 1 < hi and texts[c + 1] == "to":
            return according_to(text, toks, c, hi)
        turn = words <= _TURN_VERB_REACH and word in TURN_VERBS
        if (word not in SPEECH_VERBS and not turn) or word.endswith("ing"):
            continue
        if not is_cue(toks, c, turn=turn):
            continue
        if c + 1 < hi and texts[c + 1] == ":" and c > lo and texts[lo][0].isupper():
            return None  # `"..." Mr. Zahed said: "..."`: a new sentence introducing the next
        if c == lo:
            return Attribution("said-after", object_after(text, toks, c + 1, hi), toks.token(c))
        mention = subject_before(text, toks, lo, c)
        if mention is None:
            mention = object_after(text, toks, c + 1, hi)
            if mention is None:
                return None
            return Attribution("said-after", mention, toks.token(c))
        return Attribution("after-said", mention, toks.token(c))
    return None


def before_quote(text: str, toks: Toks, lo: int, hi: int, *, embedded: bool) -> Attribution | None:
    """The attribution in the narration tokens lo..hi-1 of the quote's sentence before its mark."""
    if hi <= lo:
        return None
    lowers = toks.lowers
    last = toks.texts[hi - 1]
    verbs = _SPEECH_OR_CALL_VERBS if embedded else SPEECH_VERBS
    cues = [c for c in indexes_in(toks, lo, hi, verbs) if is_cue(toks, c, calls=embedded)]
    if last == ":":
        for c in cues:
            if gerund_phrase(lowers, lo, c):  # `opened the show by asking` (fresh_rules9)
                mention = sentence_subject(text, toks, lo, c - 1)
            else:
                mention = subject_before(text, toks, lo, c)
            if mention is not None:
                return Attribution("colon-intro", mention, toks.token(c))
        acc = according_to(text, toks, lo, hi)
        if acc is not None:
            return acc
        found = sentence_person(text, toks, lo, hi - 1, last_first=True)
        if found is None:
            found = sentence_subject(text, toks, lo, hi - 1)
        if found is None and hi - lo >= 3 and document_role(toks.lowers[lo : lo + 2]):
            # `The statement ended: "..."`: its issuer's words (fresh_rules9, `SpeakerTable`)
            document = text[toks.starts[lo] : toks.ends[lo + 1]]
            found = Mention(document, toks.starts[lo], toks.ends[lo + 1], ORG, document)
        return None if found is None else Attribution("colon-intro", found, None)
    texts = toks.texts
    for c in reversed(cues):
        if lowers[c].endswith("ing"):
            nearest = _nearest_participle(text, toks, lo, hi, c)
            if nearest is not None:
                return nearest
            continue
        mention = subject_before(text, toks, lo, c)
        if mention is not None and lowers[c] in _SAID and _said_as_object(toks, lo, mention):
            continue  # `agreed with much of what Asante said but ...`: not Asante's words
        if (
            mention is None
            and c + 1 < hi
            and (c == lo or texts[c - 1] in _DASH_SET)
            and lowers[c] in SPEECH_VERBS  # `, called it "..."`: `it` is what was called
        ):
            mention = object_after(text, toks, c + 1, hi)  # inverted: ", said the minister"
        if mention is None and c > lo:
            b = c
            while b > lo + 1 and texts[b - 1][0].isalnum() and lowers[b - 1] in ADVERB_SKIP:
                b -= 1  # "... and later said": the adverbs between `and` and the cue
            if lowers[b - 1] in ("and", "to"):
                # "X outlined a plan and vowed ...", "X went on to say": the clause's subject
                mention = _clause_subject(text, toks, lo, c)
        if mention is not None:
            rule = "same-sentence" if embedded else "before-said"
            return Attribution(rule, mention, toks.token(c))
    credited = according_to(text, toks, lo, hi)
    if credited is None:
        credited = as_put_it(text, toks, lo, hi)
    if credited is None:
        credited = _participle_cue(text, toks, lo, hi, cues)
    if credited is None:
        credited = _with_participle(text, toks, lo, cues)
    shaped = None if credited is not None else news_rules7.participle_clause(toks, lo, cues)
    if shaped is not None and (mention := _clause_subject(text, toks, lo, shaped[1])) is not None:
        credited = Attribution(shaped[0], mention, toks.token(shaped[2]))
    if credited is None and hi - lo >= 4:
        credited = _sign_read(text, toks, lo, hi)
    return credited


_READ = frozenset({"read", "reads", "reading", "said", "says", "saying"})
_WRITTEN_THINGS = frozenset(
    {
        "sign",
        "signs",
        "banner",
        "banners",
        "placard",
        "placards",
        "poster",
        "posters",
        "shirt",
        "shirts",
        "t-shirt",
        "t-shirts",
        "note",
        "notes",
        "card",
        "cards",
        "message",
        "sticker",
    }
)
_THAT = frozenset({"that", "which"})


def _sign_read(text: str, toks: Toks, lo: int, hi: int) -> Attribution | None:
    """`Protesters held a sign that read "..."`: the ones holding the sign are its speakers.

    A sign, banner or shirt that `read` (or `said`) words right before the quote: the words are
    credited to the subject of the sentence, who carried them.
    """
    lowers = toks.lowers
    if toks.texts[hi - 1] in (",", ":"):
        hi -= 1  # `a T-shirt that said, "..."`
    if lowers[hi - 1] not in _READ:
        return None
    k = hi - 2
    if k > lo and lowers[k] in _THAT:
        k -= 1
    if k <= lo or lowers[k] not in _WRITTEN_THINGS:
        return None
    subject = (
        news_rules7.holder_of_sign(text, toks, lo, k)
        or sentence_subject(text, toks, lo, k)
        or np_ending_at(text, toks, lo, lo + 1)
    )
    if subject is None or subject.kind not in (PERSON, PRONOUN, ROLE, ORG, GROUP):
        return None
    return Attribution("sign-read", subject, toks.token(hi - 1))


def _with_participle(text: str, toks: Toks, lo: int, cues: Sequence[int]) -> Attribution | None:
    """`..., with union leader Tom Hale calling the move "a betrayal"`: the one after `with`.

    In an absolute `with` clause the noun phrase between `with` and the participle is the
    participle's subject, so the one who called, said or warned.
    """
    lowers = toks.lowers
    for c in reversed(cues):
        if not lowers[c].endswith("ing"):
            continue
        w = c - 1
        while w > lo and c - w <= MAX_SUBJECT_WORDS and lowers[w] != "with":
            w -= 1
        if lowers[w] != "with" or w + 1 >= c:
            continue
        mention = np_ending_at(text, toks, w + 1, c)
        if mention is not None and mention.start == toks.starts[w + 1] and mention.kind != PRONOUN:
            return Attribution("with-participle", mention, toks.token(c))
    return None


_ABSOLUTE_OPENERS = frozenset({",", "—", "–", "-", "and", "while"})
"""What stands before `Name V-ing` when it is an absolute clause (`..., Odum saying`)."""


def _absolute_participle(text: str, toks: Toks, lo: int, c: int) -> Attribution | None:
    """`Both issued statements, Odum saying he was "..."`: the name right before the participle.

    A named person right before a speech participle, the pair opening a clause (after a comma,
    a dash, `and` or `while`), is that participle's subject.
    """
    mention = np_ending_at(text, toks, lo, c)
    if mention is None or mention.kind != PERSON:
        return None
    first = bisect.bisect_left(toks.starts, mention.start, lo, c)
    if first <= lo or toks.lowers[first - 1] not in _ABSOLUTE_OPENERS:
        return None
    return Attribution("absolute-participle", mention, toks.token(c))


def _nearest_participle(text: str, toks: Toks, lo: int, hi: int, c: int) -> Attribution | None:
    """The speaker of a speech participle that is the cue nearest a quote, or None.

    Read before any earlier finite cue of the sentence (`Pike shared a class called "X" on his
    page, writing "..."`: not the class that was `called`): the one after `with` (`with Tom
    Reyes taking to Twitter to call her "..."`), a name opening an absolute clause (`..., Odum
    saying he was "..."`), or, past another quote, the main clause's subject it hangs on.
    """
    found = _with_participle(text, toks, lo, (c,)) or _absolute_participle(text, toks, lo, c)
    if found is None and QUOTED in toks.texts[lo:c]:
        # an earlier cue introduced the quote before this one: the participle hangs on the
        # main clause (`X said, adding, "..."` is left to `said`, whose subject is X)
        found = _participle_cue(text, toks, lo, hi, (c,))
    return found


_PUT = frozenset({"put", "puts"})
_MAX_PUT_IT_WORDS = MAX_SUBJECT_WORDS
"""The longest speaker read between `as` and `put it` (room for an apposition)."""


def as_put_it(text: str, toks: Toks, lo: int, hi: int) -> Attribution | None:
    """`as the mayor put it` anywhere in tokens lo..hi-1: the one who worded it is the subject.

    `As X put it` is a fixed way of crediting the words that follow (or precede) to X.
    """
    lowers = toks.lowers
    for i in indexes_in(toks, lo, hi - 1, _PUT):
        if lowers[i + 1] != "it":
            continue
        a = i - 1
        while a > lo and i - a <= _MAX_PUT_IT_WORDS and lowers[a] != "as":
            a -= 1
        if a < lo or lowers[a] != "as" or a + 1 >= i:
            continue
        end = _before_parenthetical(toks, a + 1, i)
        if toks.texts[end - 1] in _DASH_SET:  # "as Ana Reyes, a historian, put it"
            mention = _apposition_subject(text, toks, a + 1, end - 1)
        else:
            mention = np_ending_at(text, toks, a + 1, end)
            if mention is not None and mention.start != toks.starts[a + 1]:
                mention = None
        if mention is not None:
            return Attribution("as-put-it", mention, toks.token(i))
    return None


def _clause_subject(text: str, toks: Toks, lo: int, hi: int) -> Mention | None:
    """The subject opening tokens lo..hi-1 if it can speak (a person, pronoun, role or body)."""
    subject = sentence_subject(text, toks, lo, hi)
    if subject is None or subject.kind not in (PERSON, PRONOUN, ROLE, ORG):
        return news_rules7.crowd_subject(text, toks, lo, hi)
    return subject


_MESSAGES = frozenset(
    {"statement", "letter", "email", "e-mail", "tweet", "post", "note", "message", "memo"}
)
"""What a speaker puts out, `saying ...`: `she released a statement saying, "..."`."""


def _hangs(toks: Toks, b: int) -> bool:
    """Whether a speech participle after token b hangs on its clause's subject.

    After a comma (`Trump attacked Clinton, saying`), after `by` (`he began by saying`) or
    after a message the subject put out (`she released a statement saying`).
    """
    return toks.texts[b] == "," or toks.lowers[b] == "by" or toks.lowers[b] in _MESSAGES


def _participle_cue(
    text: str, toks: Toks, lo: int, hi: int, cues: Sequence[int]
) -> Attribution | None:
    """`Trump attacked Clinton, saying, "..."`: a speech participle hung on the main clause.

    The participle clause hangs on the main clause (`_hangs`), whose subject is the one
    speaking.
    """
    for c in reversed(cues):
        word = toks.lowers[c]
        if word.endswith("ing") and word in SPEECH_VERBS and c > lo and _hangs(toks, c - 1):
            mention = _clause_subject(text, toks, lo, c - 1)
            if mention is not None:
                return Attribution("participle", mention, toks.token(c))
    return None


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
    for i in range(lo, min(hi, lo + 12)):
        if texts[i] == ",":
            starts.append(i + 1)
            break
    if len(starts) > 1 and _fronted_by_preposition(toks, lo):
        del starts[0]  # `As a result, there's ...`, `For voters, on the other hand, "..."`
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
                return _person_after_fronted_word(text, toks, lo, hi) or mention
            return mention
    return _subject_after_fronted_phrase(text, toks, lo, hi)


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
    for i in indexes_of(toks, lo, hi, _DASH_SET):
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
            and _person_after_fronted_word(text, toks, lo, hi) is not None
        ):
            continue  # `Backstage, Kaskamin was asked`: a fronted adverb (fresh_rules9)
        if mention.kind == PERSON:
            for k in (i - 1, i + 1):
                role = head(k) if 0 <= k < n else None
                if role is not None and role.kind in (ROLE, ORG) and _is_role(role):
                    return _with_role(mention, role)
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
