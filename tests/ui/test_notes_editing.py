"""Writing notes in the editor, tags, colours, editing, deleting and undoing: all saved at once."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, TextArea

from reader.document import Article
from reader.ui.notes_display import highlight_style
from reader.ui.notes_keys import NOTE_MARKER
from reader.ui.screens.note_editor import NoteEditor, parse_tags
from reader.ui.widgets.article_view import ArticleView
from tests.ui.notes_support import notes_app, notes_ready, notifications, saved_annotations
from tests.ui.screen_text import screen_text

TAG_CASES = [
    ("spaces", "idea later", ("idea", "later")),
    ("commas and hashes", "#todo, idea,,#todo", ("idea", "todo")),
    ("nothing", "  ", ()),
]


def test_tags_typed_in_the_editor_become_a_sorted_set() -> None:
    for name, typed, expected in TAG_CASES:
        assert parse_tags(typed) == expected, name


async def test_a_opens_the_editor_and_ctrl_s_saves_a_multi_line_note_with_tags(
    sample: Article, tmp_path: Path
) -> None:
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await notes_ready(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        text = screen_text(app)
        assert "ctrl+s" in text and "esc" in text  # the save and cancel keys are shown
        assert "“The town council of Port Alden" in text  # the passage the note is about
        app.screen.query_one("#note-tags", Input).value = "bridge, #money"
        area = app.screen.query_one("#note-text", TextArea)
        area.insert("Seven to two: a clear vote.\nCheck the cost — ça coûte cher.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        saved = saved_annotations(tmp_path)
        assert len(saved) == 1
        assert saved[0]["note"] == "Seven to two: a clear vote.\nCheck the cost — ça coûte cher."
        assert saved[0]["tags"] == ["bridge", "money"]
        assert "Seven to two: a clear vote." in screen_text(app)  # shown in the Notes pane
        view = screen.query_one(ArticleView)
        assert view.marks("notes")[0][2] == highlight_style("yellow", has_note=True)
        paragraph = sample.paragraphs[0]
        assert view.markers("notes") == [(paragraph.end - 1, NOTE_MARKER)]
        marked = [line for line in screen_text(app).splitlines() if NOTE_MARKER in line]
        assert len(marked) == 1 and "defences." in marked[0]  # the row where the highlight ends


async def test_esc_in_the_editor_changes_nothing(sample: Article, tmp_path: Path) -> None:
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await notes_ready(pilot)
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#note-text", TextArea).insert("never mind")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert saved_annotations(tmp_path) == []  # the highlight made for the note is undone
        assert screen.query_one(ArticleView).marks("notes") == []


async def test_a_on_a_highlight_edits_its_note(sample: Article, tmp_path: Path) -> None:
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await notes_ready(pilot)
        await pilot.press("h", "a")
        await pilot.pause()
        app.screen.query_one("#note-text", TextArea).insert("first thought")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        area = app.screen.query_one("#note-text", TextArea)
        assert area.text == "first thought"
        area.insert(", and a second")
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = saved_annotations(tmp_path)
        assert [a["note"] for a in saved] == ["first thought, and a second"]


async def test_c_cycles_the_colour_and_the_next_highlight_uses_it(
    sample: Article, tmp_path: Path
) -> None:
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await notes_ready(pilot)
        await pilot.press("h", "c")
        await pilot.pause()
        assert [a["color"] for a in saved_annotations(tmp_path)] == ["green"]
        await pilot.press("right_square_bracket", "h")
        await pilot.pause()
        assert [a["color"] for a in saved_annotations(tmp_path)] == ["green", "green"]


async def test_d_deletes_the_highlight_and_u_brings_it_back(
    sample: Article, tmp_path: Path
) -> None:
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await notes_ready(pilot)
        view = screen.query_one(ArticleView)
        await pilot.press("h", "a")
        await pilot.pause()
        app.screen.query_one("#note-text", TextArea).insert("keep me")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert saved_annotations(tmp_path) == []
        assert view.marks("notes") == []
        assert any("u undoes" in message for message in notifications(app))
        await pilot.press("u")
        await pilot.pause()
        assert [a["note"] for a in saved_annotations(tmp_path)] == ["keep me"]
        assert len(view.marks("notes")) == 1
        assert "keep me" in screen_text(app)


async def test_slash_and_ampersand_typed_in_a_note_are_text(
    sample: Article, tmp_path: Path
) -> None:
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await notes_ready(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"a/b", "ampersand", *"c", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert saved_annotations(tmp_path)[0]["note"] == "a/b&c"
        assert "[all]" not in screen_text(app)  # no search bar opened
