"""App-wide keys: help from the bindings, remapping through the config, copy, palette, quit."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import Config, load_config
from reader.document import Article
from reader.extract.model import Extraction
from reader.ui.app import ReaderApp
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.reader import ReaderScreen
from reader.ui.widgets.article_view import ArticleView
from tests.ui.conftest import no_extraction, numbered_article
from tests.ui.screen_text import screen_lines, screen_text, wait_for_text


@pytest.mark.slow
async def test_question_mark_lists_every_binding_with_its_id_and_escape_closes(
    sample: Article,
) -> None:
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for _ in range(10):  # page through the whole help
            await pilot.press("space")
            await pilot.pause()
            text += screen_text(app)
        for binding in [*ArticleView.BINDINGS, *ReaderScreen.BINDINGS, *ReaderApp.BINDINGS]:
            assert binding.id in text  # type: ignore[union-attr]
        assert "Next paragraph" in text and "], J" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


async def test_keys_remapped_in_the_config_work_and_show_in_help(sample: Article) -> None:
    config = Config(keys={"article.line_down": "x", "app.help": "z"})
    app = ReaderApp(sample, extractor=no_extraction, config=config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        await pilot.press("x")
        assert view.scroll_y == 1
        await pilot.press("j")
        assert view.scroll_y == 1  # j no longer scrolls: it was replaced
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        line = next(line for line in screen_lines(app) if "article.line_down" in line)
        assert line.split()[1] == "x"


async def test_a_bad_config_gives_one_clear_message_and_defaults(
    sample: Article, tmp_path: Path
) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("line_width: wide\ntheme: no-such-theme\nkeys: [1, 2]\n", encoding="utf-8")
    config = load_config(path)
    app = ReaderApp(sample, extractor=no_extraction, config=config)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert len(messages) == 1
        assert "line_width" in messages[0] and "no-such-theme" in messages[0]
        assert "keys" in messages[0]
        assert app.theme == "textual-dark"
        assert sample.title in screen_text(app)


async def test_y_copies_the_current_paragraph_or_the_quote_jumped_to(
    sample: Article, sample_extraction: Extraction
) -> None:
    app = ReaderApp(sample, extractor=lambda _a: sample_extraction)
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket", "y")
        assert copied[-1] == sample.paragraphs[1].text
        await pilot.press("right_parenthesis")
        await pilot.pause()
        await pilot.press("y")
        assert copied[-1] == sample_extraction.quotes[0].text


async def test_command_palette_finds_a_speaker_by_name_and_selects_them(
    sample: Article, sample_extraction: Extraction
) -> None:
    app = ReaderApp(sample, extractor=lambda _a: sample_extraction)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"amsel")
        await wait_for_text(pilot, "Speaker: Derek Amsel")
        await pilot.press("enter")
        await pilot.pause(0.1)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert screen.quotes.selected_speaker == "derek"


async def test_command_palette_finds_a_quote_by_some_of_its_words(
    sample: Article, sample_extraction: Extraction
) -> None:
    app = ReaderApp(sample, extractor=lambda _a: sample_extraction)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.press(*"beyond repair")
        await wait_for_text(pilot, "undermined beyond repair")
        await pilot.press("enter")
        await pilot.pause(0.1)
        view = app.screen.query_one(ArticleView)
        assert view.marks("flash")[0][0] == sample_extraction.quotes[1].start


async def test_q_quits(sample: Article) -> None:
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_resuming_shows_the_saved_paragraph_at_the_top() -> None:
    article = numbered_article(100)
    target = article.paragraphs[60]
    app = ReaderApp(article, extractor=no_extraction, start_offset=target.start)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause(0.05)
        assert screen_lines(app)[0].strip("▌ ").startswith(target.text[:40])
        assert "¶ 61/100" in screen_lines(app)[-2]


def test_no_binding_depends_only_on_function_keys_or_ctrl_arrows() -> None:
    from reader.ui.widgets.panes import Pane

    for binding in [
        *ArticleView.BINDINGS,
        *ReaderScreen.BINDINGS,
        *ReaderApp.BINDINGS,
        *Pane.BINDINGS,
        *HelpScreen.BINDINGS,
    ]:
        keys = binding.key.split(",")  # type: ignore[union-attr]
        assert binding.id, binding  # type: ignore[union-attr]
        assert any(
            not (key.startswith("f") and key[1:].isdigit())
            and "ctrl+left" not in key
            and "ctrl+right" not in key
            and "ctrl+up" not in key
            and "ctrl+down" not in key
            for key in keys
        ), binding


async def test_speaker_colours_follow_a_switch_to_a_light_theme(
    sample: Article, sample_extraction: Extraction
) -> None:
    from reader.ui.palette import DARK_SPEAKER_COLOURS, LIGHT_SPEAKER_COLOURS

    app = ReaderApp(sample, extractor=lambda _a: sample_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        # Extraction starts after the first paint: on a loaded machine its worker may not
        # exist yet when the test first waits for the workers (a KeyError seen under load).
        for _ in range(100):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if screen.quotes.colours:
                break
        assert screen.quotes.colours["ines"] == DARK_SPEAKER_COLOURS[0]
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.pause()
        assert screen.quotes.colours["ines"] == LIGHT_SPEAKER_COLOURS[0]


@pytest.mark.parametrize("variable", ["SSH_CONNECTION", "TMUX"])
def test_animations_are_off_over_ssh_and_in_tmux(
    sample: Article, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, "1")
    assert ReaderApp(sample, extractor=no_extraction).animation_level == "none"


async def test_a_failing_extractor_leaves_the_article_readable(sample: Article) -> None:
    def broken(_article: Article) -> Extraction:
        raise RuntimeError("extraction failed: NameError")

    app = ReaderApp(sample, extractor=broken)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(5):
            await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("j", "]")
        await pilot.pause()
        text = screen_text(app)
        assert sample.title[:30] in text or sample.paragraphs[1].text[:30] in text
        messages = [n.message for n in app._notifications]
        assert any("Could not find quotes" in m for m in messages)
