"""Notes from others are shown as typed in the app: markup, odd colours, names, comments."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content

from annotations.store import NotesStore
from reader.document import Article
from tests.ui.notes_support import notes_app, notes_ready, notifications
from tests.ui.screen_text import screen_text


def one_note_file(article: Article, directory: Path, passage: str, note: str) -> NotesStore:
    store = NotesStore.open(article, directory)
    start = article.text.index(passage)
    store.add(article.text, start, start + len(passage), note=note)
    return store


async def test_hand_written_comments_are_warned_about_on_opening(
    sample: Article, tmp_path: Path
) -> None:
    path = one_note_file(sample, tmp_path, "Port Alden", "a note").path
    path.write_bytes(b"# keep this comment\n" + path.read_bytes())
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await notes_ready(pilot)
        assert any("# comments (line 1)" in m for m in notifications(app))


async def test_markup_in_a_note_and_an_unknown_colour_are_shown_not_obeyed(
    sample: Article, tmp_path: Path
) -> None:
    store = one_note_file(sample, tmp_path, "Port Alden", "[b]not bold[/b] [@click=app.quit]x[/]")
    # A synced file may hold any colour name: on main this one crashed the app.
    store.update(store.annotations[0].id, color="[red]no such colour")
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await notes_ready(pilot)
        await pilot.press("5")
        await pilot.pause()
        assert "[b]not bold[/b] [@click=app.quit]x[/]" in screen_text(app)


async def test_markup_in_a_file_name_shows_as_it_is_in_the_message_naming_it(
    sample: Article, tmp_path: Path
) -> None:
    store = one_note_file(sample, tmp_path, "Port Alden", "a note")
    # A collaborator's file name holding markup, and the file unreadable: the message names it.
    named = store.path.with_name("[reverse]marked name[b]--" + store.path.name.split("--")[-1])
    store.path.rename(named)
    named.write_text("schema: 1\ndocument: [\n", encoding="utf-8")
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await notes_ready(pilot)
        await pilot.pause()
        # Notifications render markup: what shows is the text of the markup they were given.
        shown_messages = [Content.from_markup(m).plain for m in notifications(app)]
        assert any("[reverse]marked name[b]" in m for m in shown_messages), shown_messages
