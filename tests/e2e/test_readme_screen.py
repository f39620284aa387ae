"""The README's screen of the sample is what the real program shows (`tools/readme_screen.py`)."""

from __future__ import annotations

import pytest

from tools.readme_screen import README, capture, readme_screen


@pytest.mark.slow
def test_the_readme_shows_the_screen_the_reader_draws_today() -> None:
    shown = readme_screen(README.read_text(encoding="utf-8"))
    assert shown == capture(), "README.md's screen is stale: run python -m tools.readme_screen"
