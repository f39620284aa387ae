"""The Notes pane: notes in article order with their text, enter jumps, orphans listed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import TextArea

from annotations.model import Annotation, Conflict, NotesFile, selector_for
from annotations.store import NotesStore
from annotations.yaml_io import dump_bytes
from reader.document import Article, blocks_of, build_article
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.notes_pane import NotesPane
from tests.ui.notes_support import notes_app, notes_ready, notifications
from tests.ui.screen_text import screen_lines, screen_text


def add_note(store: NotesStore, article: Article, passage: str, note: str) -> None:
    start = article.text.index(passage)
    store.add(article.text, start, start + len(passage), note=note)


async def test_notes_are_listed_in_article_order_and_enter_jumps_to_one(
    sample: Article, tmp_path: Path
) -> None:
    store = NotesStore.open(sample, tmp_path)
    # Made out of order: the pane lists them by where they are in the article.
    add_note(store, sample, "Ask me again in April.", "last words")
    add_note(store, sample, "The town council of Port Alden", "opening")
    add_note(store, sample, "undermined beyond repair", "the engineer")
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await notes_ready(pilot)
        text = screen_text(app)
        assert "5 Notes (3)" in text
        lines = screen_lines(app)
        rows = [
            next(i for i, line in enumerate(lines) if words in line)
            for words in ("opening", "the engineer", "last words")
        ]
        assert rows == sorted(rows)
        await pilot.press("5")
        await pilot.pause()
        assert isinstance(app.focused, NotesPane)
        await pilot.press("G", "enter")  # the last one: far down the article
        await pilot.pause()
        view = screen.query_one(ArticleView)
        start = sample.text.index("Ask me again in April.")
        assert app.focused is view
        assert view.is_offset_visible(start)
        assert screen.notes.current_note == store.annotations[0].id  # `a` would now edit this one


async def test_a_note_whose_passage_was_deleted_is_listed_as_an_orphan_with_its_quote(
    tmp_path: Path,
) -> None:
    paragraphs = [
        "The first paragraph talks about the harbour and its boats in the morning.",
        "The second paragraph was cut from the later version of this article entirely.",
        "The third paragraph says the bridge will reopen in spring after the repairs.",
    ]
    before = build_article(blocks_of(paragraphs), title="Harbour news", source="a.txt")
    store = NotesStore.open(before, tmp_path)
    add_note(store, before, "harbour and its boats in the morning", "boats")
    add_note(store, before, "cut from the later version of this article", "gone")
    add_note(store, before, "bridge will reopen in spring", "spring")
    after = build_article(
        blocks_of([paragraphs[0], paragraphs[2]]), title="Harbour news", source="b.txt"
    )
    app = notes_app(after, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await notes_ready(pilot)
        text = screen_text(app)
        assert "orphans (1)" in text
        assert "orphan “cut from the later version of" in text
        assert "gone" in text
        assert len(screen.query_one(ArticleView).marks("notes")) == 2
        pane = screen.query_one(NotesPane)
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("G", "enter")
        await pilot.pause()
        assert pane.highlighted_id is not None
        messages = [n.message for n in app._notifications]
        assert any("no longer in the article" in message for message in messages)
    # Opening and looking never dropped the orphan from the file.
    assert len(NotesStore.open(after, tmp_path).annotations) == 3


async def test_a_value_that_lost_a_merge_is_shown_beside_its_note(
    sample: Article, tmp_path: Path
) -> None:
    store = NotesStore.open(sample, tmp_path)
    add_note(store, sample, "Port Alden", "kept wording")
    annotation = store.annotations[0]
    lost = Conflict(
        id=annotation.id,
        field="note",
        value="the wording alice wrote",
        updated=annotation.updated,
        author="alice",
    )
    store.path.write_bytes(dump_bytes(replace(store.notes, conflicts=(lost,))))
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await notes_ready(pilot)
        text = screen_text(app)
        assert "kept wording" in text
        assert "⚠ other note by alice:" in text  # the pane wraps the rest
        assert "the wording alice" in text


async def test_in_the_notes_pane_a_edits_d_deletes_and_u_restores_the_highlighted_note(
    sample: Article, tmp_path: Path
) -> None:
    store = NotesStore.open(sample, tmp_path)
    add_note(store, sample, "The town council of Port Alden", "opening")
    add_note(store, sample, "Ask me again in April.", "last words")
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await notes_ready(pilot)
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("G", "a")  # the last note in the article
        await pilot.pause()
        area = app.screen.query_one("#note-text", TextArea)
        assert area.text == "last words"
        area.insert(" (edited)")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.focused is screen.query_one(NotesPane)
        await pilot.press("d")
        await pilot.pause()
        notes = NotesStore.open(sample, tmp_path).annotations
        assert [a.note for a in notes] == ["opening"]
        assert "last words" not in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        notes = NotesStore.open(sample, tmp_path).annotations
        assert sorted(a.note for a in notes) == ["last words (edited)", "opening"]
        assert "last words (edited)" in screen_text(app)


def colours(article: Article, notes_dir: Path) -> dict[str, str]:
    """Each saved note's passage and colour, as a later session reads them."""
    store = NotesStore.open(article, notes_dir)
    return {a.selector.exact: a.color for a in store.annotations if a.selector is not None}


async def test_c_and_enter_act_on_the_first_note_as_soon_as_the_pane_is_focused(
    sample: Article, tmp_path: Path
) -> None:
    store = NotesStore.open(sample, tmp_path)
    add_note(store, sample, "The town council of Port Alden", "opening")
    add_note(store, sample, "Ask me again in April.", "last words")
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await notes_ready(pilot)
        await pilot.press("5", "c")  # no j or k first
        await pilot.pause()
        assert "No highlight here to colour." not in notifications(app)
        assert colours(sample, tmp_path) == {
            "The town council of Port Alden": "green",
            "Ask me again in April.": "yellow",
        }
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is screen.view
        assert screen.notes.current_note == screen.query_one(NotesPane).highlighted_id
        assert screen.view.is_offset_visible(sample.text.index("The town council"))


async def test_c_and_d_in_the_pane_act_on_the_note_under_its_cursor_which_stays_put(
    sample: Article, tmp_path: Path
) -> None:
    store = NotesStore.open(sample, tmp_path)
    passages = ["The town council of Port Alden", "undermined beyond repair", "Ask me again"]
    for passage in passages:
        add_note(store, sample, passage, "")
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await notes_ready(pilot)
        await pilot.press("5", "j", "j", "enter")  # jump to the last note: it is the current one
        await pilot.pause()
        await pilot.press("5", "k", "c", "c")  # the middle one, twice: the cursor stays on it
        await pilot.pause()
        assert colours(sample, tmp_path) == {
            passages[0]: "yellow",
            passages[1]: "blue",
            passages[2]: "yellow",
        }
        await pilot.press("k", "d")  # the first one; the cursor moves to the next
        await pilot.pause()
        assert set(colours(sample, tmp_path)) == {passages[1], passages[2]}
        pane = screen.query_one(NotesPane)
        assert pane.highlighted_id is not None
        await pilot.press("d")
        await pilot.pause()
        assert set(colours(sample, tmp_path)) == {passages[2]}


async def test_thousands_of_notes_make_only_the_rows_on_screen_and_g_reaches_the_last(
    sample: Article, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 10,000 notes on one article made every row's styled prompt before the pane showed
    # (0.6 s of the UI thread); the pane shows a screenful.
    store = NotesStore.open(sample, tmp_path)
    text = sample.text
    count = 3_000
    notes = tuple(
        Annotation(
            id=f"01J{index:023d}",
            created="2026-12-01T09:00:00.000Z",
            updated="2026-12-01T09:00:00.000Z",
            author="me",
            selector=selector_for(text, index % 1500, index % 1500 + 20),
            note=f"note number {index}",
        )
        for index in range(count)
    )
    store.path.write_bytes(dump_bytes(NotesFile(document=store.notes.document, annotations=notes)))
    made = [0]
    prompt = NotesPane._prompt

    def counted(entry: object) -> object:
        made[0] += 1
        return prompt(entry)  # type: ignore[arg-type]

    monkeypatch.setattr(NotesPane, "_prompt", staticmethod(counted))
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await notes_ready(pilot)
        assert f"5 Notes ({count})" in screen_text(app)
        assert made[0] < 200
        pane = app.screen.query_one(NotesPane)
        await pilot.press("5", "end")
        await pilot.pause()
        last = pane.highlighted_id
        assert last is not None and pane.highlighted == count - 1
        assert "note number" in screen_text(app)
        assert made[0] < 400
