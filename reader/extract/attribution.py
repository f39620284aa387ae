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
The subject a cue or a sentence names is read by `subjects` and `sentence_subjects`.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import NamedTuple

from reader.extract import news_rules7
from reader.extract.cues import (
    ADVERB_SKIP,
    CALL_VERBS,
    DETERMINERS,
    LABEL_VERBS,
    PREPOSITIONS,
    ROLE_STOP_WORDS,
    SPEECH_VERBS,
    STANCE_VERBS,
    TURN_VERBS,
)
from reader.extract.fresh_rules9 import (
    document_role,
    gerund_phrase,
)
from reader.extract.fresh_rules10 import one_member
from reader.extract.mentions import (
    GROUP,
    ORG,
    PERSON,
    PRONOUN,
    ROLE,
    Mention,
    np_ending_at,
    np_starting_at,
)
from reader.extract.news_rules10 import TOLD, ends_phrase
from reader.extract.paragraphs import QUOTED
from reader.extract.sentence_subjects import (
    sentence_person,
    sentence_subject,
)
from reader.extract.subjects import (
    DASH_SET,
    MAX_SUBJECT_WORDS,
    SAID,
    apposition_subject,
    before_parenthetical,
    is_role,
    said_as_object,
    subject_before,
    with_role,
)
from reader.extract.tokens import Token, Toks, indexes_in

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
            if mention.kind in (ROLE, ORG) and other.kind == PERSON and is_role(mention):
                return with_role(other, mention)
            if mention.kind == PERSON and other.kind in (ROLE, ORG) and is_role(other):
                return with_role(mention, other)
    return mention


_MAX_DESCRIPTOR_WORDS = 5
"""Lower-case words allowed before a name with no article (`talk radio host Rush Limbaugh`)."""
_NOUN_MARKERS = frozenset({"of", "the", "a", "an"})
"""Words after which a speech verb's form is a noun (`secretary of state`, `the report`)."""


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
        and (lowers[j] not in SPEECH_VERBS or (j > i and lowers[j - 1] in _NOUN_MARKERS))
    ):
        j += 1  # a speech verb after `of` is a noun: `former secretary of state Ana Reyes`
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
            if word in TOLD:
                return Attribution("after-said", None, toks.token(c))  # `X told ABC`: listener
            mention = object_after(text, toks, c + 1, hi)
            if mention is None or not ends_phrase(toks, mention.end, hi):
                return None  # `"...," a book on news, said the days when ...`: no speaker
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
        absolute = _with_participle(text, toks, lo, cues)  # `..., with Reed yelling: "..."`
        if absolute is not None:
            return absolute
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
        if mention is not None and lowers[c] in SAID and said_as_object(toks, lo, mention):
            continue  # `agreed with much of what Asante said but ...`: not Asante's words
        if (
            mention is None
            and c + 1 < hi
            and (c == lo or texts[c - 1] in DASH_SET)
            and lowers[c] in SPEECH_VERBS  # `, called it "..."`: `it` is what was called
        ):
            mention = object_after(text, toks, c + 1, hi)  # inverted: ", said the minister"
            if mention is not None and c > lo and not ends_phrase(toks, mention.end, hi):
                mention = None  # `..., said the days when ...`: the clause's subject, no speaker
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
        end = c
        if lowers[end - 1] in ADVERB_SKIP and end - 1 > w + 1:
            end -= 1  # `with Reed reportedly yelling`
        mention = np_ending_at(text, toks, w + 1, end)
        if mention is None and one_member(lowers, toks.texts, w + 1, end):  # fresh_rules10
            first, last = toks.starts[w + 1], toks.ends[end - 1]
            mention = Mention(text[first:last], first, last, ROLE, text[first:last])
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
        end = before_parenthetical(toks, a + 1, i)
        if toks.texts[end - 1] in DASH_SET:  # "as Ana Reyes, a historian, put it"
            mention = apposition_subject(text, toks, a + 1, end - 1)
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
