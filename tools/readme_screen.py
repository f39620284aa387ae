"""Capture the README's screen of the built-in sample from the real program, so it cannot drift.

`python -m tools.readme_screen` runs the installed `reader` on its sample in a pseudo-terminal
of 120x30 (the end-to-end harness, `tests/e2e/terminal.py`, with pyte as the terminal), with
empty config, state and notes directories, waits until the quotes are found and the screen is
still, and writes that screen into README.md between the `<!-- screen: begin -->` and
`<!-- screen: end -->` lines. With `--check` it writes nothing and exits 1 when the README's
screen differs (`tests/e2e/test_readme_screen.py` runs that check).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

from tests.e2e.terminal import Terminal, reader_command

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
COLUMNS, ROWS = 120, 30
BEGIN, END = "<!-- screen: begin -->", "<!-- screen: end -->"
_BLOCK = re.compile(re.escape(BEGIN) + r"\n```text\n(.*?)```\n" + re.escape(END), re.DOTALL)
_FOUND = re.compile(r"\d+ quotes? · \d+ speakers?")


def capture() -> str:
    """The reader's first screen on the sample, once extraction is done: rows, right-stripped."""
    with tempfile.TemporaryDirectory() as home:
        env = {
            name: str(Path(home) / name.lower())
            for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")
        }
        env["READER_NOTES_DIR"] = str(Path(home) / "notes")
        env["READER_CONFIG"] = str(Path(home) / "config.yaml")
        with Terminal(reader_command(), cols=COLUMNS, rows=ROWS, env=env) as term:
            term.wait_until(lambda screen: _FOUND.search(screen) and "finding" not in screen)
            term.settle(quiet=0.5)
            lines = term.lines()
            term.send("q")
            term.wait_exit()
    return "\n".join(lines) + "\n"


def readme_screen(readme: str) -> str:
    """The screen the README shows now (between the markers)."""
    match = _BLOCK.search(readme)
    if match is None:
        raise SystemExit(f"README.md has no {BEGIN} ... {END} block")
    return match.group(1)


def main(argv: list[str] | None = None) -> int:
    """Write the captured screen into README.md, or with `--check` compare only."""
    parser = argparse.ArgumentParser(prog="python -m tools.readme_screen", description=__doc__)
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 if stale")
    args = parser.parse_args(argv)
    readme = README.read_text(encoding="utf-8")
    old, new = readme_screen(readme), capture()
    if args.check:
        if old != new:
            print("README.md's screen is stale: run python -m tools.readme_screen", file=sys.stderr)
            return 1
        return 0
    block = f"{BEGIN}\n```text\n{new}```\n{END}"
    README.write_text(_BLOCK.sub(lambda _match: block, readme), encoding="utf-8")
    print("README.md's screen is up to date" if old == new else "README.md's screen rewritten")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
