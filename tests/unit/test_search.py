"""Search engine behaviour: folding, smart case, literal matches, ranking, scopes, cancelling."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from bisect import bisect_left

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.document import Article, blocks_of, build_article
from reader.extract.model import Extraction, Quote, QuoteKind, Speaker
from reader.search import FoldedText, Scope, find_literal, fold, fold_cased, parse_query
from reader.search.index import NoteRecord, SearchIndex
from reader.search.query import WORD
from reader.search.rank import HitKind


def article_of(*paragraphs: str) -> Article:
    return build_article(blocks_of(paragraphs), title="Test", source="<test>")


def search(index: SearchIndex, query: str, **kwargs: object) -> list[int]:
    results = index.search(query, **kwargs)  # type: ignore[arg-type]
    assert results is not None
    return [hit.paragraph_index for hit in results.hits]


# --- folding --------------------------------------------------------------------------------

FOLDING = [
    ("turkish cedilla and breve", "Çavuşoğlu", "cavusoglu"),
    ("polish stroke l and acute", "Łukasz Wiśniewski", "lukasz wisniewski"),
    ("nordic slashed o and ring", "Ødegård", "odegard"),
    ("spanish tilde", "Núñez", "nunez"),
    ("german sharp s expands", "Straße", "strasse"),
    ("curly apostrophe", "don’t", "don't"),
    ("em dash", "yes—no", "yes-no"),
    ("combining marks written apart", "Zoe\u0308", "zoe"),
]


@pytest.mark.parametrize(("name", "text", "folded"), FOLDING, ids=[c[0] for c in FOLDING])
def test_folding_removes_case_and_diacritics(name: str, text: str, folded: str) -> None:
    assert fold(text) == folded
    assert FoldedText(text).caseless == folded


def test_cased_folding_keeps_capitals_and_drops_marks() -> None:
    text = FoldedText("Çavuşoğlu and Łukasz")
    assert text.cased == "Cavusoglu and Lukasz"
    assert len(text.cased) == len(text.caseless)


# --- literal matches ------------------------------------------------------------------------


def test_lower_case_query_ignores_case() -> None:
    article = article_of("The Bridge and the bridge and THE BRIDGE.")
    matches = find_literal(FoldedText(article.text), "bridge")
    assert matches.count == 3
    assert [article.text[a:b] for a, b in matches.spans()] == ["Bridge", "bridge", "BRIDGE"]


def test_query_with_a_capital_matches_case() -> None:
    article = article_of("The Bridge and the bridge and THE BRIDGE.")
    matches = find_literal(FoldedText(article.text), "Bridge")
    assert matches.case_sensitive
    assert [article.text[a:b] for a, b in matches.spans()] == ["Bridge"]


def test_plain_latin_finds_the_name_with_diacritics_and_highlights_the_original() -> None:
    article = article_of("Mevlüt Çavuşoğlu arrived; later Çavuşoğlu left.")
    matches = find_literal(FoldedText(article.text), "cavusoglu")
    assert [article.text[a:b] for a, b in matches.spans()] == ["Çavuşoğlu", "Çavuşoğlu"]


def test_capitalised_plain_query_still_ignores_diacritics() -> None:
    article = article_of("Mevlüt Çavuşoğlu arrived.")
    matches = find_literal(FoldedText(article.text), "Cavusoglu")
    assert [article.text[a:b] for a, b in matches.spans()] == ["Çavuşoğlu"]


def test_combining_marks_stay_inside_the_highlight() -> None:
    text = "Zoe\u0308 and Zoe\u0308."
    matches = find_literal(FoldedText(text), "zoe")
    assert [text[a:b] for a, b in matches.spans()] == ["Zoe\u0308", "Zoe\u0308"]


def test_counter_and_stepping_through_matches_wrap_around() -> None:
    text = "one two one two one"
    matches = find_literal(FoldedText(text), "one")
    assert matches.count == 3
    first = matches.next_after(0)
    assert first is not None and (first.ordinal, first.start) == (0, 0)
    second = matches.next_after(first.start + 1)
    assert second is not None and (second.ordinal, second.start) == (1, 8)
    wrapped = matches.next_after(17)
    assert wrapped is not None and wrapped.ordinal == 0
    previous = matches.previous_before(8)
    assert previous is not None and previous.ordinal == 0
    last = matches.previous_before(0)
    assert last is not None and (last.ordinal, last.start) == (2, 16)
    assert matches.ordinal_before(10) == 2


def test_only_visible_matches_are_mapped() -> None:
    text = "alpha beta " * 100
    matches = find_literal(FoldedText(text), "beta")
    assert matches.count == 100
    visible = matches.spans_between(0, 33)
    assert visible == [(6, 10), (17, 21), (28, 32)]


def test_empty_query_matches_nothing() -> None:
    assert find_literal(FoldedText("some text"), "").count == 0


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(list("abcAB çÇşğłŁøßİı’éE\u0301 -\n")), min_size=0, max_size=60
    ),
    query=st.text(alphabet=st.sampled_from(list("abcABcsgloe' -")), min_size=1, max_size=3),
)
def test_every_literal_span_lies_in_the_text_and_folds_to_the_query(text: str, query: str) -> None:
    matches = find_literal(FoldedText(text), query)
    spans = matches.spans()
    assert len(spans) == matches.count
    fold_as = fold_cased if matches.case_sensitive else fold
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert fold_as(query) in fold_as(text[start:end])


NAMES = ["Çavuşoğlu", "Wiśniewski", "Ferrante-Ruiz", "Ødegård", "bridge", "spring", "Straße"]


@settings(max_examples=60, deadline=None)
@given(
    paragraphs=st.lists(
        st.lists(st.sampled_from(NAMES), min_size=1, max_size=8).map(" ".join),
        min_size=1,
        max_size=6,
    ),
    wanted=st.sampled_from(NAMES),
)
def test_every_ranked_span_lies_in_its_paragraph_and_is_a_matched_word(
    paragraphs: list[str], wanted: str
) -> None:
    article = article_of(*paragraphs)
    results = SearchIndex(article).search(fold(wanted))
    assert results is not None
    holders = {p.position for p in article.paragraphs if fold(wanted) in fold(p.text)}
    assert {h.paragraph_index for h in results.hits} >= holders
    for hit in results.hits:
        paragraph = article.paragraphs[hit.paragraph_index]
        for start, end in hit.spans:
            assert paragraph.start <= start < end <= paragraph.end
            assert WORD.fullmatch(fold(article.text[start:end]))
        if hit.paragraph_index in holders:
            assert any(fold(article.text[a:b]) in fold(wanted) for a, b in hit.spans)


# --- ranked results -------------------------------------------------------------------------

CONVOY = article_of(
    "Negotiators met on Thursday in the capital.",
    "Selin Erdoğan warned of a humanitarian catastrophe if the convoys waited.",
    "Deniz Çavuşoğlu said the lorries had been sealed by customs.",
    "The spring will open the bridge, but nobody said when it will.",
    "The bridge will open in spring, the mayor said.",
)


def test_typos_find_the_passage_when_nothing_matches_literally() -> None:
    index = SearchIndex(CONVOY)
    results = index.search("humanitarian catastrofe")
    assert results is not None
    assert results.literal.count == 0
    assert results.hits[0].paragraph_index == 1


def test_words_out_of_order_case_and_missing_diacritics() -> None:
    index = SearchIndex(CONVOY)
    assert search(index, "LORRIES CAVUSOGLU")[0] == 2
    assert search(index, "Erdogn")[0] == 1


def test_exact_phrase_ranks_above_the_same_words_scattered() -> None:
    index = SearchIndex(CONVOY)
    results = index.search("bridge will open")
    assert results is not None
    assert [h.paragraph_index for h in results.hits[:2]] == [4, 3]
    assert results.hits[0].score > results.hits[1].score


def test_double_quotes_keep_only_passages_with_the_exact_phrase() -> None:
    index = SearchIndex(CONVOY)
    assert search(index, '"open in spring"') == [4]
    assert search(index, '"spring open"') == []


def test_a_hit_points_at_the_matching_words_in_the_original_text() -> None:
    index = SearchIndex(CONVOY)
    results = index.search("cavusoglu sealed")
    assert results is not None
    hit = results.hits[0]
    paragraph = CONVOY.paragraphs[hit.paragraph_index]
    assert (hit.start, hit.end) == (paragraph.start, paragraph.end)
    assert hit.paragraph_id == paragraph.id
    assert sorted(CONVOY.text[a:b] for a, b in hit.spans) == ["sealed", "Çavuşoğlu"]
    assert "Çavuşoğlu" in CONVOY.text[hit.match_start : hit.match_end]
    assert sorted(hit.snippet[a:b] for a, b in hit.snippet_spans) == ["sealed", "Çavuşoğlu"]


def test_the_last_word_is_completed_while_typing() -> None:
    index = SearchIndex(CONVOY)
    assert search(index, "customs lorr")[0] == 2
    assert search(index, "Cavu")[0] == 2


def test_a_long_paragraph_gets_a_snippet_around_the_match() -> None:
    filler = " ".join(["words"] * 200)
    article = article_of(f"{filler} the needle is here {filler}")
    results = SearchIndex(article).search("needle")
    assert results is not None
    hit = results.hits[0]
    assert "needle" in hit.snippet
    assert len(hit.snippet) <= 160
    assert article.text[hit.snippet_start :].startswith(hit.snippet)
    assert [hit.snippet[a:b] for a, b in hit.snippet_spans] == ["needle"]


def test_empty_query_gives_nothing() -> None:
    results = SearchIndex(CONVOY).search("   ")
    assert results is not None
    assert results.hits == () and results.literal.count == 0


# --- scopes ---------------------------------------------------------------------------------

COUNCIL = article_of(
    'The budget was "a wish list dressed up as a costing", Amsel said.',
    '"The bridge will be open by spring," said the mayor, Ines Ferrante-Ruiz.',
    "The budget debate lasted until midnight, and the bridge was not mentioned.",
)


def _quote(article: Article, words: str, speaker: str) -> Quote:
    start = article.text.index(words)
    paragraph = article.paragraph_at(start)
    assert paragraph is not None
    return Quote(
        start=start,
        end=start + len(words),
        text=words,
        kind=QuoteKind.DIRECT,
        paragraph=paragraph.position,
        speaker=speaker,
    )


COUNCIL_QUOTES = Extraction(
    quotes=(
        _quote(COUNCIL, "a wish list dressed up as a costing", "derek-amsel"),
        _quote(COUNCIL, "The bridge will be open by spring,", "ines-ferrante-ruiz"),
    ),
    speakers=(
        Speaker("derek-amsel", "Derek Amsel", ("Amsel",), quote_count=1),
        Speaker("ines-ferrante-ruiz", "Ines Ferrante-Ruiz", ("the mayor",), quote_count=1),
    ),
)


def test_hit_inside_a_quote_names_the_speaker() -> None:
    results = SearchIndex(COUNCIL, COUNCIL_QUOTES).search("bridge open spring")
    assert results is not None
    assert results.hits[0].paragraph_index == 1
    assert results.hits[0].speaker == "Ines Ferrante-Ruiz"


def test_hit_outside_quotes_has_no_speaker() -> None:
    results = SearchIndex(COUNCIL, COUNCIL_QUOTES).search("debate midnight")
    assert results is not None
    assert results.hits[0].speaker is None


def test_quotes_scope_searches_only_quoted_words() -> None:
    index = SearchIndex(COUNCIL, COUNCIL_QUOTES)
    everywhere = index.search("budget")
    quoted = index.search("budget", scope=Scope.QUOTES)
    assert everywhere is not None and quoted is not None
    assert {h.paragraph_index for h in everywhere.hits} == {0, 2}
    assert quoted.hits == ()
    costing = index.search("wish list", scope=Scope.QUOTES)
    assert costing is not None
    assert [(h.kind, h.speaker) for h in costing.hits] == [(HitKind.QUOTE, "Derek Amsel")]


def test_at_name_lists_what_that_speaker_said_even_misspelt() -> None:
    index = SearchIndex(COUNCIL, COUNCIL_QUOTES)
    results = index.search("@ferante")
    assert results is not None
    assert results.query.scope is Scope.SPEAKERS
    assert [(h.paragraph_index, h.speaker) for h in results.hits] == [(1, "Ines Ferrante-Ruiz")]
    assert search(index, "@amsel bridge") == []
    assert search(index, "@amsel wish") == [0]


def test_speakers_scope_takes_the_whole_query_as_a_name() -> None:
    index = SearchIndex(COUNCIL, COUNCIL_QUOTES)
    assert search(index, "derek amsel", scope=Scope.SPEAKERS) == [0]


NOTES = (
    NoteRecord("n1", "Check the bridge budget against last year's figures", 0, 10),
    NoteRecord("n2", "Ask the mayor about the footbridge", 70, 80),
)


def test_hash_searches_notes_and_points_at_their_anchor() -> None:
    index = SearchIndex(COUNCIL, COUNCIL_QUOTES)
    results = index.search("#footbrige", notes=NOTES)
    assert results is not None
    hit = results.hits[0]
    assert (hit.kind, hit.note_id, hit.start, hit.end) == (HitKind.NOTE, "n2", 70, 80)
    assert hit.snippet == NOTES[1].text
    assert [hit.snippet[a:b] for a, b in hit.snippet_spans] == ["footbridge"]
    assert hit.paragraph_index == COUNCIL.paragraph_at(70).position  # type: ignore[union-attr]


def test_everything_scope_includes_notes_when_given() -> None:
    results = SearchIndex(COUNCIL).search("figures", notes=NOTES)
    assert results is not None
    assert [h.note_id for h in results.hits] == ["n1"]


def test_prefixes_choose_the_scope() -> None:
    assert parse_query("@amsel budget").scope is Scope.SPEAKERS
    assert parse_query("@amsel budget").speaker == "amsel"
    assert parse_query("#todo").scope is Scope.NOTES
    assert parse_query("plain", Scope.QUOTES).scope is Scope.QUOTES
    assert Scope.ALL.next() is Scope.QUOTES and Scope.NOTES.next() is Scope.ALL


def test_literal_highlight_ignores_prefix_and_quote_marks() -> None:
    assert parse_query('"by spring"').literal == "by spring"
    assert parse_query("@amsel wish").literal == "wish"


# --- cancelling -----------------------------------------------------------------------------


def test_a_cancelled_search_returns_none() -> None:
    assert SearchIndex(CONVOY).search("bridge", is_cancelled=lambda: True) is None


def test_cancelling_mid_search_stops_it() -> None:
    index = SearchIndex(article_of(*[f"paragraph {n} about the bridge" for n in range(500)]))
    calls = 0

    def cancelled_after_a_few_checks() -> bool:
        nonlocal calls
        calls += 1
        return calls > 3

    assert index.search("bridge paragraph", is_cancelled=cancelled_after_a_few_checks) is None
    assert calls == 4  # it stopped at the first check that said so


def test_search_core_does_not_load_textual() -> None:
    code = "import sys, reader.search, reader.commands.search; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_nfc_and_nfd_texts_fold_alike() -> None:
    name = "Wiśniewski"
    assert fold(unicodedata.normalize("NFD", name)) == fold(name) == "wisniewski"


def test_in_a_long_book_the_passage_with_the_words_as_typed_still_comes_first() -> None:
    scattered = [f"Said {n}: the talks ended, and the mayor left early." for n in range(400)]
    article = article_of(*scattered, "Then the mayor said the bridge would open.")
    assert search(SearchIndex(article), "the mayor said")[0] == 400


def test_filter_mode_keeps_the_paragraphs_with_a_match_in_reading_order() -> None:
    index = SearchIndex(CONVOY)
    assert index.filter_paragraphs("bridge") == (3, 4)
    assert index.filter_paragraphs("the bridge") == (3, 4)
    assert index.filter_paragraphs("The bridge") == (4,)  # smart case
    assert index.filter_paragraphs("cavusoglu") == (2,)


def test_filter_mode_falls_back_to_ranked_results_for_a_typo() -> None:
    assert SearchIndex(CONVOY).filter_paragraphs("catastrofe") == (1,)


def test_bare_hash_lists_the_notes_in_reading_order() -> None:
    results = SearchIndex(COUNCIL).search("#", notes=tuple(reversed(NOTES)))
    assert results is not None
    assert [h.note_id for h in results.hits] == ["n1", "n2"]


@settings(max_examples=150, deadline=None)
@given(
    paragraphs=st.lists(st.text(min_size=1, max_size=80), min_size=1, max_size=5),
    query=st.text(max_size=20),
)
def test_any_query_on_any_text_gives_spans_inside_the_text(
    paragraphs: list[str], query: str
) -> None:
    paragraphs = [p for p in paragraphs if p.strip()] or ["x"]
    article = article_of(*paragraphs)
    index = SearchIndex(article)
    results = index.search(query)
    assert results is not None
    for start, end in results.literal.spans():
        assert 0 <= start <= end <= len(article.text)
    for hit in results.hits:
        assert 0 <= hit.start <= hit.match_start <= hit.match_end <= hit.end <= len(article.text)
        for start, end in hit.spans:
            assert hit.start <= start < end <= hit.end
        for start, end in hit.snippet_spans:
            assert 0 <= start < end <= len(hit.snippet)
    assert index.filter_paragraphs(query) is not None


def test_quotes_found_later_can_be_added_without_reindexing() -> None:
    index = SearchIndex(COUNCIL)
    later = index.with_extraction(COUNCIL_QUOTES)
    assert later.paragraphs is index.paragraphs
    assert search(index, "wish list", scope=Scope.QUOTES) == []
    assert search(later, "wish list", scope=Scope.QUOTES) == [0]


def test_a_hit_inside_a_nested_quote_names_the_inner_speaker() -> None:
    article = article_of("Amsel said: \"The mayor told me 'we will never pay' and left.\"")
    outer = _quote(article, "The mayor told me 'we will never pay' and left.", "derek-amsel")
    inner = _quote(article, "we will never pay", "ines-ferrante-ruiz")
    extraction = Extraction(quotes=(outer, inner), speakers=COUNCIL_QUOTES.speakers)
    index = SearchIndex(article, extraction)
    never = index.search("never pay")
    left = index.search("and left")
    assert never is not None and left is not None
    assert never.hits[0].speaker == "Ines Ferrante-Ruiz"
    assert left.hits[0].speaker == "Derek Amsel"


# --- the folded-to-original map -------------------------------------------------------------


def _reference_map(text: str) -> list[int]:
    """One original offset per folded character, then the text's end: the plain definition."""
    offsets: list[int] = []
    for index, char in enumerate(text):
        offsets.extend([index] * len(fold(char)))
    return [*offsets, len(text)]


FOLD_ALPHABET = "abcXYZ .ßæśŚ\u0301é–’İıﬁ"
"""Characters that fold to one, to two or more (ß, æ, ﬁ, İ) and to none (a lone accent)."""


@given(st.text(alphabet=FOLD_ALPHABET, max_size=24))
def test_folded_offsets_map_back_as_one_offset_per_folded_character_would(text: str) -> None:
    folded = FoldedText(text)
    reference = _reference_map(text)
    assert len(reference) == len(folded) + 1
    for position in range(len(folded) + 1):
        assert folded.original_offset(position) == reference[position]
    for original in range(-1, len(text) + 2):
        expected = bisect_left(reference, original, 0, len(reference) - 1)
        assert folded.folded_offset(original) == expected
    for start in range(len(folded) + 1):
        for end in range(start + 1, len(folded) + 1):
            span = (reference[start], max(reference[end], reference[end - 1] + 1))
            assert folded.original_span(start, end) == span


def test_a_long_text_with_one_accent_maps_its_last_word_back() -> None:
    text = "Wiśniewski " + "word " * 200_000 + "bridge"
    matches = find_literal(FoldedText(text), "bridge")
    assert [text[a:b] for a, b in matches.spans()] == ["bridge"]
