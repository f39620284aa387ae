"""Speaker colours that stay distinct in truecolor, 256 and 16 colours, on dark and light themes.

Each colour is a cell of the xterm 256-colour cube (so 256-colour terminals show it exactly) and
each maps to a different one of the 16 ANSI colours when Rich downgrades it for `TERM=xterm`.
Speakers are coloured in the order of the extraction (most quoted first), so the people who
speak most always get distinct colours; beyond eight the colours repeat.
"""

from __future__ import annotations

DARK_SPEAKER_COLOURS: tuple[str, ...] = (
    "#5fd7ff",  # bright cyan
    "#ffaf5f",  # bright yellow (orange)
    "#87d75f",  # bright green
    "#ff87d7",  # bright magenta (pink)
    "#8787ff",  # bright blue (violet)
    "#ff5f5f",  # bright red
    "#00afaf",  # cyan (teal)
    "#d7af00",  # yellow (gold)
)
"""Speaker colours for dark themes: light tints that read on a dark background."""

LIGHT_SPEAKER_COLOURS: tuple[str, ...] = (
    "#0000af",  # blue
    "#af0000",  # red
    "#008700",  # green
    "#af00af",  # magenta
    "#0087af",  # cyan
    "#af5f00",  # yellow (brown)
    "#ff5f00",  # bright red (orange)
    "#5f5faf",  # bright blue (slate)
)
"""Speaker colours for light themes: dark tints that read on a light background."""


def speaker_colour(rank: int, *, dark: bool) -> str:
    """The colour of the speaker at `rank` (0 = most quoted) for a dark or light theme."""
    palette = DARK_SPEAKER_COLOURS if dark else LIGHT_SPEAKER_COLOURS
    return palette[rank % len(palette)]
