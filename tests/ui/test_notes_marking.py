"""Marking passages by keyboard: paragraph, sentence, visual ranges by word and sentence, quotes."""

from __future__ import annotations

from pathlib import Path

from reader.document import Article
from reader.extract.model import Extraction
from reader.ui.selection import Selection, move_sentence, move_word, sentence_spans
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.panes import QuotesPane
from tests.ui.notes_support import notes_app, notes_ready, saved_annotations
from tests.ui.screen_text import screen_text

SENTENCE_CASES = [
    ("two plain sentences", "One two. Three four.", ["One two.", "Three four."]),
    ("question and exclamation", "Why? Because! Done.", ["Why?", "Because!", "Done."]),
    ("closing quote after the stop", '"Go home." He left.', ['"Go home."', "He left."]),
    ("comma inside a quote", '"Away," said Ines. Then.', ['"Away," said Ines.', "Then."]),
    ("title abbreviation", "Dr. Amsel spoke. Yes.", ["Dr. Amsel spoke.", "Yes."]),
    ("an initial", "J. Smith came. Ok.", ["J. Smith came.", "Ok."]),
    ("no full stop at all", "just words here", ["just words here"]),
]


def test_sentences_are_split_where_a_reader_would_split_them() -> None:
    for name, text, expected in SENTENCE_CASES:
        found = [text[start:end] for start, end in sentence_spans(text)]
        assert found == expected, name


def test_word_and_sentence_moves_grow_and_shrink_and_never_empty(sample: Article) -> None:
    text = sample.text
    first = sample.paragraphs[0]
    start, end = sentence_spans(text, first.start, first.end)[0]
    selection = Selection(start, end)
    grown = move_word(selection, text, forward=True)
    assert text[end : grown.end].strip() == "The"
    assert move_word(grown, text, forward=False) == selection
    assert move_sentence(selection, sample, forward=True).end == first.end
    one_word = Selection(start, start + 3)
    assert move_word(one_word, text, forward=False) == one_word  # never empty
    swapped = move_word(selection.swapped(), text, forward=True)
    assert (swapped.start, swapped.end) == (start + len("The "), end)


async def test_h_highlights_the_current_paragraph_and_saves_it(
    sample: Article, tmp_path: Path
) -> None:
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await notes_ready(pilot)
        await pilot.press("h")
        await pilot.pause()
        paragraph = sample.paragraphs[0]
        marks = screen.query_one(ArticleView).marks("notes")
        assert [(start, end) for start, end, _style in marks] == [(paragraph.start, paragraph.end)]
        saved = saved_annotations(tmp_path)
        assert [a["selector"]["exact"] for a in saved] == [paragraph.text]  # type: ignore[index]
        assert "“The town council of Port Alden" in screen_text(app)  # listed in the Notes pane


async def test_v_then_h_highlights_the_current_sentence(sample: Article, tmp_path: Path) -> None:
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await notes_ready(pilot)
        await pilot.press("right_square_bracket")  # the second paragraph is current
        await pilot.press("v")
        await pilot.pause()
        assert screen.visual.selection is not None
        assert "Visual mode" in " ".join(n.message for n in app._notifications)
        await pilot.press("h")
        await pilot.pause()
        assert screen.visual.selection is None
        exact = saved_annotations(tmp_path)[0]["selector"]["exact"]  # type: ignore[index]
        assert exact == (
            '"We cannot ask people to drive forty minutes to reach a hospital that is four '
            'minutes away," said Mayor Ines Ferrante-Ruiz after the vote.'
        )


async def test_visual_mode_extends_by_words_and_sentences_then_esc_cancels(
    sample: Article, tmp_path: Path
) -> None:
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await notes_ready(pilot)
        view = screen.query_one(ArticleView)
        await pilot.press("v", "w", "w")
        await pilot.pause()
        first_sentence_end = sample.text.index("’90s.") + len("’90s.")
        assert screen.visual.selection is not None
        assert sample.text[first_sentence_end : screen.visual.selection.end] == " The vote"
        await pilot.press("b")  # in visual mode b shrinks by a word instead of paging up
        await pilot.pause()
        assert sample.text[first_sentence_end : screen.visual.selection.end] == " The"
        await pilot.press("right_parenthesis")  # to the end of the next sentence
        await pilot.pause()
        assert screen.visual.selection.end == sample.paragraphs[0].end
        marks = view.marks("selection")
        assert [(s, e) for s, e, _ in marks] == [
            (screen.visual.selection.start, screen.visual.selection.end)
        ]
        await pilot.press("escape")
        await pilot.pause()
        assert screen.visual.selection is None
        assert view.marks("selection") == []
        assert list(tmp_path.glob("*.notes.yaml")) == []  # nothing was highlighted


async def test_visual_keys_show_in_the_footer_only_while_selecting(
    sample: Article, tmp_path: Path
) -> None:
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await notes_ready(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "w/b Word" not in footer and "v Select" in footer and "h Highlight" in footer
        await pilot.press("v")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "w/b Word" in footer and ")/( Sentence" in footer and "esc Cancel" in footer
        assert "/ Search" not in footer  # keys that make no sense while selecting are hidden
        await pilot.press("escape")
        await pilot.pause()
        assert "w/b Word" not in screen_text(app).splitlines()[-1]


async def test_j_and_k_in_visual_mode_select_the_next_sentence(
    sample: Article, tmp_path: Path
) -> None:
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await notes_ready(pilot)
        await pilot.press("v", "j", "h")
        await pilot.pause()
        exact = saved_annotations(tmp_path)[0]["selector"]["exact"]  # type: ignore[index]
        assert str(exact).startswith("The vote ends six weeks of argument")
        assert screen.query_one(ArticleView).scroll_y == 0  # j moved the selection, not the page


async def test_h_in_the_quotes_pane_highlights_that_quote(
    sample: Article, sample_extraction: Extraction, tmp_path: Path
) -> None:
    app = notes_app(sample, tmp_path, sample_extraction)
    async with app.run_test(size=(120, 40)) as pilot:
        await notes_ready(pilot)
        await pilot.pause(0.1)
        await pilot.press("3")
        await pilot.pause()
        pane = app.screen.query_one(QuotesPane)
        assert app.focused is pane
        await pilot.press("j", "j")
        await pilot.pause()
        index = pane.highlighted
        assert index is not None and index > 0
        await pilot.press("h")
        await pilot.pause()
        exact = saved_annotations(tmp_path)[0]["selector"]["exact"]  # type: ignore[index]
        assert exact == sample_extraction.quotes[index].text


async def test_y_in_visual_mode_copies_the_selection(sample: Article, tmp_path: Path) -> None:
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await notes_ready(pilot)
        await pilot.press("v", "y")
        await pilot.pause()
        assert app.clipboard == sample.text[: sample.text.index("’90s.") + len("’90s.")]
        assert screen.visual.selection is None
