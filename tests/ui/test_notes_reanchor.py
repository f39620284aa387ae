"""Re-anchoring runs in a worker: the article scrolls while it works, highlights appear after."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from annotations.anchor import Anchoring
from annotations.store import NotesStore
from reader.document import Article
from reader.ui.widgets.article_view import ArticleView
from tests.ui.notes_support import notes_app, notes_ready
from tests.ui.screen_text import screen_text, wait_for_text


async def test_the_article_scrolls_while_notes_are_re_anchored_and_highlights_appear_after(
    sample: Article, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = NotesStore.open(sample, tmp_path)
    start = sample.text.index("undermined beyond repair")
    store.add(sample.text, start, start + len("undermined beyond repair"), note="piers")
    release = threading.Event()
    real = NotesStore.reanchor

    def slow_reanchor(self: NotesStore, article: Article) -> list[Anchoring]:
        release.wait(timeout=10)  # a long book: re-anchoring takes a while
        return real(self, article)

    monkeypatch.setattr(NotesStore, "reanchor", slow_reanchor)
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_text(pilot, "loading notes…")
        view = app.screen.query_one(ArticleView)
        await pilot.press("j", "j")
        await pilot.pause()
        assert view.scroll_y == 2  # keys work while the worker runs
        assert view.marks("notes") == []
        release.set()
        await notes_ready(pilot)
        assert [(s, e) for s, e, _ in view.marks("notes")] == [
            (start, start + len("undermined beyond repair"))
        ]
        assert "piers" in screen_text(app)
