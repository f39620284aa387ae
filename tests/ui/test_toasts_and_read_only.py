"""Messages never pile up over the Notes pane, and a read-only Notes pane says why it is."""

from __future__ import annotations

from pathlib import Path

from annotations.store import NotesStore
from reader.document import Article
from reader.ui.screens.note_editor import NoteEditor
from reader.ui.widgets.notes_pane import NotesPane
from tests.ui.notes_support import notes_app, notes_ready
from tests.ui.screen_text import wait_for_text


async def test_a_new_message_replaces_the_one_showing(sample: Article, tmp_path: Path) -> None:
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await notes_ready(pilot)
        await pilot.press("h")  # Highlighted …
        await pilot.pause()
        await pilot.press("u")  # Undone.
        await pilot.pause()
        await pilot.press("u")  # Nothing to undo.
        shown = await wait_for_text(pilot, "Nothing to undo.")  # a loaded machine may lag
        assert "Undone." not in shown and "Highlighted" not in shown
        assert len(app.screen.query("Toast")) == 1


async def test_a_read_only_notes_pane_says_why_instead_of_how_to_add_notes(
    sample: Article, tmp_path: Path
) -> None:
    store = NotesStore.open(sample, tmp_path)
    start = sample.text.index("Port Alden")
    store.add(sample.text, start, start + len("Port Alden"), note="a note")
    path = store.path
    path.write_bytes(path.read_bytes().replace(b"annotations:\n", b"annotations: [\n", 1))
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await notes_ready(pilot)
        pane = screen.query_one(NotesPane)
        rows = [str(pane.get_option_at_index(i).prompt) for i in range(pane.option_count)]
        shown = " ".join(rows)
        assert "v selects" not in shown and "h highlights" not in shown
        assert "read-only" in shown and path.name in shown  # the store's reason


async def test_the_note_editor_opens_with_no_message_over_its_border(
    sample: Article, tmp_path: Path
) -> None:
    """At 80x24 the "Visual mode" message sat on the editor's bottom border for seconds."""
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await notes_ready(pilot)
        await pilot.press("v")  # Visual mode: extend the selection …
        await wait_for_text(pilot, "Visual mode")
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert len(app.screen.query("Toast")) == 0
