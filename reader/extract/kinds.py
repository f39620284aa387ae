"""Quote kinds: a full utterance, a fragment of reported speech, a scare-quoted term or a title.

Decided from the quote's own words and the narration right around it by `RULES`, an ordered
table of small named rules, each reading a `KindContext` (the quote, the narration before and
after it, its attribution) and either deciding a kind or passing. The first rule that decides
wins, and its name (`KindRule`) is recorded on the quote's evidence, so `reader quotes --explain`
can show it and `benchmarks/rule_counts.py` can count how often each rule is right.

The rules live in `kind_rules`, the narration signs they read in `kind_signs`, the context in
`kind_context`; paragraphs whose quotes belong to a headline are decided first, in
`headline_lines`.

In short:

* `title`: Title-Cased words after a noun such as `report`, `film`, `book` (or `titled`), or a
  short Title-Cased quote nobody is said to have said (`"Fox News Sunday"`);
* `scare`: a term after `so-called`, `what they call`, `known as`, `dubbed`..., or a short quote
  inside a sentence with no speech cue (`a "high-risk" river`);
* `partial`: a fragment inside a sentence whose speaker is named (`called Idlib "a black hole"`),
  or a fragment used as a characterisation: the complement of `call`, `describe ... as`, a copula
  or a speech verb (`branded the plan "a disgrace"`, `the deal was "fantastic"`). Such a
  fragment predicates something of someone in somebody's words; a term used as a noun or a
  modifier (`the "super PAC" money`) does not;
* `direct`: a quote that stands as a sentence, introduced or followed by its attribution.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import NamedTuple

from reader.extract.attribution import Attribution
from reader.extract.headline_lines import PARAGRAPH_RULES
from reader.extract.kind_context import KindContext, KindDecision
from reader.extract.kind_lists import PAIR_RULES
from reader.extract.kind_rules import (
    attributed_fragment,
    attributed_utterance,
    characterising_fragment,
    copula_judgement,
    dated_work,
    embedded_title,
    excerpt_with_link,
    headline_with_byline,
    in_their_words,
    listed_term,
    markup_value,
    name_given_passively,
    named_by_participle,
    nickname,
    noun_modifier,
    programme_name,
    scare_cue_before,
    sourced_phrase,
    standalone_title,
    standalone_utterance,
    term_defined_after,
    term_inside_a_quote,
    title_after_possessive,
    title_after_title_noun,
    title_after_told,
    title_opening_sentence,
    unattributed_fragment,
    unattributed_term,
    unattributed_title,
    unspoken_word,
    wording_of_the_speaker,
    words_and_meaning,
    worn_slogan,
)
from reader.extract.kind_rules9 import (
    hashtag_term,
    heading_or_theme,
    name_given_after_noun,
    titled_with_aside,
    unheld_sign,
)
from reader.extract.kind_rules10 import (
    name_in_habitual_call,
    possessive_term,
    term_as_subject,
    term_named_after,
    term_offered_as_equivalent,
)
from reader.extract.model import KindRule, QuoteKind
from reader.extract.tokens import Toks


class Position(Enum):
    """Where a quote stands in its sentence: which rules can decide it."""

    EMBEDDED = "embedded"
    """Inside a sentence of narration (`called it "a farce" and left`)."""
    AFTER_NARRATION = "after-narration"
    """A sentence of its own after narration in the same sentence (`He said: "..."`)."""
    SENTENCE_START = "sentence-start"
    """A sentence of its own with nothing before it (`"...," she said`): most quotes."""


ANY = frozenset(Position)
"""Every position."""
EMBEDDED = frozenset({Position.EMBEDDED})
"""Quotes inside narration only."""
STANDALONE = frozenset({Position.AFTER_NARRATION, Position.SENTENCE_START})
"""Quotes that stand as sentences only."""
READS_BEFORE = frozenset({Position.EMBEDDED, Position.AFTER_NARRATION})
"""Quotes with narration before them: rules that read it decide nothing for the others."""


class Rule(NamedTuple):
    """One row of the kind rules' table."""

    name: KindRule
    """The name recorded on the evidence of the quotes it decides."""
    decide: KindDecision
    """The rule itself."""
    scope: frozenset[Position]
    """The positions of the quotes it can decide: the others skip it without a call."""


RULES: tuple[Rule, ...] = (
    Rule(KindRule.MARKUP_VALUE, markup_value, ANY),
    Rule(KindRule.EXCERPT_WITH_LINK, excerpt_with_link, ANY),
    Rule(KindRule.DATED_WORK, dated_work, ANY),
    Rule(KindRule.WORN_SLOGAN, worn_slogan, READS_BEFORE),
    Rule(KindRule.HASHTAG_TERM, hashtag_term, READS_BEFORE),
    Rule(KindRule.HEADING_OR_THEME, heading_or_theme, READS_BEFORE),
    Rule(KindRule.NAME_GIVEN_AFTER_NOUN, name_given_after_noun, READS_BEFORE),
    Rule(KindRule.UNHELD_SIGN, unheld_sign, READS_BEFORE),
    Rule(KindRule.TITLED_WITH_ASIDE, titled_with_aside, READS_BEFORE),
    Rule(KindRule.TITLE_AFTER_TITLE_NOUN, title_after_title_noun, READS_BEFORE),
    Rule(KindRule.IN_THEIR_WORDS, in_their_words, READS_BEFORE),
    Rule(KindRule.WORDING_OF_THE_SPEAKER, wording_of_the_speaker, EMBEDDED),
    Rule(KindRule.SCARE_CUE_BEFORE, scare_cue_before, READS_BEFORE),
    Rule(KindRule.TITLE_AFTER_POSSESSIVE, title_after_possessive, READS_BEFORE),
    Rule(KindRule.TITLE_AFTER_TOLD, title_after_told, EMBEDDED),
    Rule(KindRule.NAME_GIVEN_PASSIVELY, name_given_passively, EMBEDDED),
    Rule(KindRule.NAMED_BY_PARTICIPLE, named_by_participle, EMBEDDED),
    Rule(KindRule.TERM_DEFINED_AFTER, term_defined_after, EMBEDDED),
    Rule(KindRule.WORDS_AND_MEANING, words_and_meaning, ANY),
    Rule(KindRule.TERM_INSIDE_A_QUOTE, term_inside_a_quote, EMBEDDED),
    Rule(KindRule.PROGRAMME_NAME, programme_name, EMBEDDED),
    Rule(KindRule.TERM_OFFERED_AS_EQUIVALENT, term_offered_as_equivalent, EMBEDDED),
    Rule(KindRule.TERM_NAMED_AFTER, term_named_after, EMBEDDED),
    Rule(KindRule.NAME_IN_HABITUAL_CALL, name_in_habitual_call, EMBEDDED),
    Rule(KindRule.CHARACTERISING_FRAGMENT, characterising_fragment, EMBEDDED),
    Rule(KindRule.EMBEDDED_TITLE, embedded_title, EMBEDDED),
    Rule(KindRule.LISTED_TERM, listed_term, EMBEDDED),
    Rule(KindRule.NOUN_MODIFIER, noun_modifier, EMBEDDED),
    Rule(KindRule.NICKNAME, nickname, EMBEDDED),
    Rule(KindRule.HEADLINE_WITH_BYLINE, headline_with_byline, ANY),
    Rule(KindRule.COPULA_JUDGEMENT, copula_judgement, EMBEDDED),
    Rule(KindRule.UNSPOKEN_WORD, unspoken_word, EMBEDDED),
    Rule(KindRule.SOURCED_PHRASE, sourced_phrase, EMBEDDED),
    Rule(KindRule.POSSESSIVE_TERM, possessive_term, EMBEDDED),
    Rule(KindRule.ATTRIBUTED_FRAGMENT, attributed_fragment, READS_BEFORE),
    Rule(KindRule.ATTRIBUTED_UTTERANCE, attributed_utterance, ANY),
    Rule(KindRule.UNATTRIBUTED_TITLE, unattributed_title, EMBEDDED),
    Rule(KindRule.UNATTRIBUTED_TERM, unattributed_term, EMBEDDED),
    Rule(KindRule.UNATTRIBUTED_FRAGMENT, unattributed_fragment, EMBEDDED),
    Rule(KindRule.TITLE_OPENING_SENTENCE, title_opening_sentence, STANDALONE),
    Rule(KindRule.STANDALONE_TITLE, standalone_title, STANDALONE),
    Rule(KindRule.TERM_AS_SUBJECT, term_as_subject, STANDALONE),
    Rule(KindRule.STANDALONE_UTTERANCE, standalone_utterance, STANDALONE),
)
"""The kind rules in the order they are tried; for each quote the last one it reads decides."""


def rules_for(position: Position) -> tuple[tuple[KindRule, KindDecision], ...]:
    """The rules of `RULES` that can decide a quote at `position`, in order."""
    return tuple((r.name, r.decide) for r in RULES if position in r.scope)


# One tuple per position, looked up by `classify` without hashing an enum member per quote.
# A quote reads only the rules that can decide it: 10 of 43 for a quote starting its sentence
# (the usual `"...," she said`), 21 after narration, 39 inside it.
_EMBEDDED_RULES = rules_for(Position.EMBEDDED)
_AFTER_NARRATION_RULES = rules_for(Position.AFTER_NARRATION)
_SENTENCE_START_RULES = rules_for(Position.SENTENCE_START)


def classify(
    quote: str,
    pre: Toks,
    post: Toks,
    attribution: Attribution | None,
    embedded: bool,
    in_list: bool = False,
    nested: bool = False,
) -> tuple[QuoteKind, KindRule]:
    """The kind of a top-level quote and the rule that decided it.

    `in_list` says the quote is one of several quoted terms joined only by commas or `and`
    (`words such as "ambassador," "attack," "Benghazi"`); `nested` that it sits inside another
    quote, whose words before and after it are `pre` and `post`.
    """
    context = KindContext(quote, pre, post, attribution, embedded, in_list, nested)
    if embedded:
        rules = _EMBEDDED_RULES
    else:
        rules = _AFTER_NARRATION_RULES if pre.texts else _SENTENCE_START_RULES
    for name, decide in rules:
        kind = decide(context)
        if kind is not None:
            return kind, name
    raise AssertionError("the last kind rule always decides")  # pragma: no cover


def rule_descriptions() -> dict[KindRule, str]:
    """What each kind rule decides, in a line: the first line of its function's docstring."""
    rows: list[tuple[KindRule, Callable[..., object]]] = [(r.name, r.decide) for r in RULES]
    rows += [(r.name, r.applies) for r in PARAGRAPH_RULES]
    rows += [(r.name, r.applies) for r in PAIR_RULES]
    return {name: (func.__doc__ or "").strip().split("\n")[0] for name, func in rows}
