"""Tenth fresh round (tune10): places and common words read as speakers.

Read from the speaker errors on the tenth fresh set (mostly Canadian news, with British,
Australian and Indian stories); each is a general pattern of news writing, not one article's
quirk:

* `modified_place_object`: `the chief of the band in northwestern Ontario said`: a name after a
  preposition and a place adjective (`northwestern`, `rural`) is where someone is, the object
  of the preposition, never the subject of the cue after it (`subjects`);
* `titled_head_of`: `the chief of Red Lake First Nation said` is the chief, a role the speaker
  table gives to the titled person met before, not the nation speaking (`mentions`);
* `numbered`: `A Grade 11 student trustee, Aiden Park, told ...`: `Grade` is no person
  (`mentions`);
* `numbered_unit`: `Amalgamated Transit Union Local 569 said` is the local, its number kept
  (`mentions`);
* `one_member`: `with one Republican accusing the agency of "..."`: the member is the one
  accusing, not the sentence's subject (`attribution._with_participle`);
* `past_city_state`: `At a rally in Portsmouth, N.H., on Tuesday, Senator X endorsed ...`:
  the state and its time phrase belong to the fronted phrase; the subject is X
  (`sentence_subjects`);
* `at_a_place`: `spotted at Crystal Cascades` names a place, no candidate for a later
  quote-only turn; `smiled at Marianne` names a person (`narration_people.named_objects`).

Functions over tokens; the modules named call them.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.extract.cues import PREPOSITIONS

_PLACE_ADJECTIVES = frozenset(
    [
        *("north", "south", "east", "west", "central", "rural", "remote", "downtown"),
        *("suburban", "coastal", "greater", "upstate", "downstate", "inner", "outer", "outback"),
        *("nearby", "neighbouring", "neighboring", "northernmost", "southernmost"),
    ]
)
"""Lower-case words that place a name (`rural Manitoba`, `downtown Regina`): with the compass
adjectives ending in `-ern` (`northern`, `southwestern`), `place_adjective`'s words."""

MAX_PLACE_ADJECTIVES = 2
"""Place adjectives read back from a name (`remote northern Quebec`)."""


def place_adjective(word: str) -> bool:
    """Whether a lower-case word places the name after it (`northwestern`, `rural`)."""
    return word in _PLACE_ADJECTIVES or (
        word.endswith("ern") and word[:5] in ("north", "south", "easte", "weste")
    )


def modified_place_object(
    lowers: Sequence[str], texts: Sequence[str], lo: int, i: int
) -> int | None:
    """The preposition before place adjectives that open the name at token i, else None.

    `Officials in northern Ontario said`, `the chief of Red Lake in northwestern Ontario said`:
    the name is the object of `in`; the subject of `said` is read before it. `mentions` leaves
    the adjectives out of the name (they are no role words), so the preposition is not right
    before it as `subjects._preposition_before` first looks.
    """
    k = i - 1
    while k > lo and i - k <= MAX_PLACE_ADJECTIVES and texts[k][:1].islower():
        if not place_adjective(lowers[k]):
            return None
        if lowers[k - 1] in PREPOSITIONS:
            return k - 1
        k -= 1
    return None


def titled_head_of(lowers: Sequence[str], titles: frozenset[str], p: int, r: int) -> bool:
    """Whether tokens p..r-1 read `the <title> of` before the name at r (`the chief of`).

    `the chief of Red Lake First Nation said`, `the president of Ford said`: one person holds
    the post, and the text named them with their title (`Chief Ana Moose`) or names them
    later; the phrase is that person's role (`mentions` makes it a role, which the speaker
    table gives to its holder), not the body after `of` speaking.
    """
    return r - p == 3 and lowers[p] == "the" and lowers[r - 1] == "of" and lowers[p + 1] in titles


def numbered(lowers: Sequence[str], texts: Sequence[str], s: int, e: int) -> bool:
    """Whether the one-word name at s is numbered and opened by an article: `a Grade 11`.

    `A Grade 11 student trustee, Aiden Brooks, told ...`, `the Route 9 bridge`: after `a` or
    `the`, a capitalised word and a number qualify the noun after them (a grade, a road), and
    no person is named there (`mentions`), so the sentence's person is read on (Aiden Brooks),
    and a later `he said` finds him. Without the article (`Article 33 says`, `Isaiah 45:1
    reads`) a numbered text may speak as its own source.
    """
    return (
        e < len(texts) and s > 0 and texts[e][:1].isdigit() and lowers[s - 1] in ("a", "an", "the")
    )


_AT_SOMEONE = (
    *("look", "smil", "star", "glanc", "laugh", "frown", "nod", "wink", "grin", "glar"),
    *("shout", "yell", "snap", "wav", "point", "gaz", "peer", "scowl", "sneer", "growl"),
    *("bark", "hiss", "swor", "swear", "jeer", "scream", "rail", "sniff", "blink", "squint"),
    *("beam", "pout", "wince", "gap", "shrug", "mutter", "grumbl", "curs", "stamm", "stomp"),
)
"""Stems of verbs done at someone (`smiled at Marianne`, `shouted at Tom`): after any other
word, `at` names a place (`spotted at Crystal Falls`, `arrived at Longbourn`)."""

_AT_SOMEONE_AFTER = frozenset(
    ["up", "down", "round", "across", "back", "straight", "steadily", "hard"]
)
"""Words between such a verb and `at` (`looked up at Tom`, `stared hard at Elinor`): on the PDNC
development novels two `at` in three before a name follow another word (novels10)."""


def at_a_place(lowers: Sequence[str], i: int) -> bool:
    """Whether the name at token i follows `at` after a word that is done at no one.

    `A crocodile has been spotted at Crystal Cascades`: the name after `at` is where, and a
    quote-only turn later is not its words; `Elinor smiled at Marianne` names a person
    (`narration_people.named_objects`).
    """
    if i < 2 or lowers[i - 1] != "at":
        return False
    verb = lowers[i - 3] if lowers[i - 2] in _AT_SOMEONE_AFTER and i >= 3 else lowers[i - 2]
    return not verb.startswith(_AT_SOMEONE)


_UNIT_WORDS = frozenset(["local", "district", "lodge", "branch", "division", "chapter", "unit"])
"""Words that a number after them makes a body's numbered unit (`Unifor Local 444`)."""


def numbered_unit(lowers: Sequence[str], texts: Sequence[str], lo: int, j: int) -> bool:
    """Whether tokens j-2, j-1 are a capitalised unit word and its number: `Local 569`.

    `Amalgamated Transit Union Local 569 said in a statement ...`: unions, lodges and
    districts name their branches by number, so a name run may end in digits; `mentions`
    reads the name before the number and keeps the number with it, as one body.
    """
    return (
        j - 2 > lo
        and texts[j - 1][:1].isdigit()
        and lowers[j - 2] in _UNIT_WORDS
        and texts[j - 2][:1].isupper()
        and texts[j - 3][:1].isupper()
    )


_ONE_OF = frozenset(["one", "a", "an", "another"])
"""Words before a capitalised noun that make it one member of a party or a team."""


def one_member(lowers: Sequence[str], texts: Sequence[str], a: int, c: int) -> bool:
    """Whether tokens a..c-1 read `one Republican`, `a Conservative MP`: a member, unnamed.

    `with one Republican accusing the agency of "playing hot potato"`: the capitalised word
    is a party (or a team, a nation), not a name, so no name is read there; the participle's
    subject is the member, a role (`attribution._with_participle`).
    """
    return (
        2 <= c - a <= 3
        and lowers[a] in _ONE_OF
        and texts[a + 1][:1].isupper()
        and all(t[:1].isalpha() for t in texts[a + 1 : c])
    )


STATE_ABBREVIATIONS = frozenset(
    [
        *("ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind"),
        *("kan", "ky", "la", "mass", "md", "mich", "minn", "miss", "mo", "mont", "neb"),
        *("nev", "okla", "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo"),
        *("n.h", "n.y", "n.j", "n.c", "s.c", "n.d", "s.d", "n.m", "r.i", "d.c", "w.va"),
        *("alta", "ont", "que", "sask", "nfld", "b.c", "n.s", "n.b", "p.e.i"),
    ]
)
"""States and provinces as a dateline or an address abbreviates them (`Portsmouth, N.H.,`)."""


def past_city_state(lowers: Sequence[str], texts: Sequence[str], s: int, hi: int) -> int:
    """Where the subject starts after a fronted phrase that a `City, St.,` comma cut, else s.

    `At a rally in Portsmouth, N.H., on Tuesday, Senator Bernie Sanders endorsed ...`: the
    comma after the town does not end the fronted phrase; the state, and a phrase opened by
    a preposition after it (`on Tuesday,`), belong to it too, and the subject follows them
    (`sentence_subjects.sentence_subject`), never the state.
    """
    if not (
        s + 2 < hi
        and lowers[s] in STATE_ABBREVIATIONS
        and texts[s + 1] == "."
        and texts[s + 2] == ","
    ):
        return s
    k = s + 3
    if k < hi and lowers[k] in PREPOSITIONS:
        for j in range(k + 1, min(hi, k + 8)):
            if texts[j] == ",":
                return j + 1
    return k
