"""Config file, saved positions and speaker colours: the plain-Python parts behind the UI."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.color import Color, ColorSystem

from reader.config import DEFAULT_LINE_WIDTH, config_path, load_config
from reader.positions import Position, load_position, positions_path, save_position
from reader.ui.palette import DARK_SPEAKER_COLOURS, LIGHT_SPEAKER_COLOURS

BAD_CONFIGS = [
    ("not yaml", "theme: [unclosed\n", "not valid YAML"),
    ("a list", "- a\n- b\n", "mapping"),
    ("width a word", "line_width: wide\n", "line_width"),
    ("width too small", "line_width: 3\n", "line_width"),
    ("panes not a bool", "side_panes: maybe\n", "side_panes"),
    ("keys not a mapping", "keys: [j, k]\n", "keys"),
    ("unknown setting", "colour: red\n", "unknown setting 'colour'"),
]


@pytest.mark.parametrize(
    ("name", "text", "complaint"), BAD_CONFIGS, ids=[c[0] for c in BAD_CONFIGS]
)
def test_bad_config_falls_back_to_defaults_and_says_why(
    tmp_path: Path, name: str, text: str, complaint: str
) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    config = load_config(path)
    assert any(complaint in problem for problem in config.problems), config.problems
    assert config.line_width == DEFAULT_LINE_WIDTH


def test_good_config_is_read_from_the_xdg_config_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    path = config_path()
    assert path == tmp_path / "reader" / "config.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(
        "theme: textual-light\nline_width: 60\nside_panes: false\n"
        "keys:\n  article.line_down: j, ctrl+n\n  app.quit: [q, ctrl+q]\n",
        encoding="utf-8",
    )
    config = load_config()
    assert (config.theme, config.line_width, config.side_panes) == ("textual-light", 60, False)
    assert config.keys == {"article.line_down": "j,ctrl+n", "app.quit": "q,ctrl+q"}
    assert config.problems == ()


def test_missing_config_is_silently_the_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path / "absent.yaml")
    assert config.problems == () and config.line_width == DEFAULT_LINE_WIDTH


def test_positions_are_kept_per_text_in_the_xdg_state_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    assert positions_path().is_relative_to(tmp_path)
    assert load_position("abc") is None
    save_position("abc", Position(offset=1200, paragraph=7))
    save_position("def", Position(offset=5, paragraph=0))
    found = load_position("abc")
    assert found is not None and (found.offset, found.paragraph) == (1200, 7)


def test_a_damaged_positions_file_is_treated_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "positions.json"
    path.write_text("{not json", encoding="utf-8")
    assert load_position("abc", path) is None
    save_position("abc", Position(offset=3, paragraph=1), path)
    assert load_position("abc", path) == Position(3, 1, load_position("abc", path).saved_at)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "palette", [DARK_SPEAKER_COLOURS, LIGHT_SPEAKER_COLOURS], ids=["dark", "light"]
)
@pytest.mark.parametrize(
    "system", [ColorSystem.TRUECOLOR, ColorSystem.EIGHT_BIT, ColorSystem.STANDARD]
)
def test_speaker_colours_stay_distinct_in_every_colour_system(
    palette: tuple[str, ...], system: ColorSystem
) -> None:
    shown = {Color.parse(colour).downgrade(system) for colour in palette}
    assert len(shown) == len(palette)
