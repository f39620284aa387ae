"""The `reader` command: open an article in the UI, or run a subcommand such as `dump`.

`reader [FILE|URL|-]` opens the reader (the built-in sample when no FILE is given); when
standard output is not a terminal it prints the article as plain text instead. Every error a
user can cause ends with one line `reader: error: ...` on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import shutil
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn, Protocol, cast

from reader import __version__
from reader.commands import COMMANDS
from reader.commands.common import UsageError
from reader.load import LoadError, open_article
from reader.load.clean import clean
from reader.load.progressive import open_progressively

PROG = "reader"
EXIT_USAGE = 2
"""Exit code for bad input or usage, as argparse uses."""


class Command(Protocol):
    """What a module in `reader.commands` provides."""

    NAME: str
    SUMMARY: str

    def configure(self, parser: argparse.ArgumentParser) -> None:
        """Declare the command's arguments."""

    def run(self, args: argparse.Namespace) -> int:
        """Run the command and return its exit code."""


def _command(name: str) -> Command:
    # `merge-driver` lives in `merge_driver.py`: command names may have hyphens, modules not.
    module: ModuleType = importlib.import_module(f"reader.commands.{name.replace('-', '_')}")
    return cast(Command, module)


def _commands_epilog() -> str:
    lines = ["commands:"]
    for name in COMMANDS:
        lines.append(f"  {name:<14}{_command(name).SUMMARY}")
    lines.append("")
    lines.append(f"Run '{PROG} COMMAND --help' for a command's options.")
    return "\n".join(lines)


class _OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, not argparse's usage plus the error."""

    def error(self, message: str) -> NoReturn:
        """Raise `UsageError` instead of printing the usage and exiting."""
        unknown = message.removeprefix("unrecognized arguments: ")
        if unknown != message and unknown.startswith("--"):
            import difflib  # only on this error path

            option = unknown.split()[0].split("=")[0]
            options = set(re.findall(r"--[a-z][a-z0-9-]*", self.format_help()))
            close = difflib.get_close_matches(option, sorted(options), n=1, cutoff=0.6)
            if close:
                message += f" (did you mean {close[0]}?)"
        raise UsageError(message, self.prog)


class _OpenParser(_OneLineParser):
    """Lists the subcommands in its help, importing their modules only when help is shown.

    (Importing every command loads extraction, search and the notes store: opening an article
    must not pay for that before its first paint.)
    """

    def format_help(self) -> str:
        if self.epilog is None:
            self.epilog = _commands_epilog()
        return super().format_help()


def open_parser() -> argparse.ArgumentParser:
    """The parser for `reader [options] [FILE]`, whose help also lists every subcommand."""
    parser = _OpenParser(
        prog=PROG,
        usage=f"{PROG} [options] [FILE | URL | -]\n       {PROG} COMMAND [options] ...",
        description=(
            "A keyboard-driven terminal reader for news articles that knows who is speaking. "
            "With no FILE, opens the built-in sample article."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "target",
        nargs="?",
        metavar="FILE",
        help="article to open: a path (.txt, .md, .html), an http(s) URL, or - for stdin",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument(
        "--sample",
        action="store_true",
        help="open the built-in sample article (as with no FILE), like the commands' --sample",
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="print the article as plain text instead of opening the reader",
    )
    ui = parser.add_argument_group("reading options")
    ui.add_argument("--theme", metavar="NAME", help="Textual theme: textual-dark, textual-light...")
    ui.add_argument(
        "--width",
        type=int,
        metavar="COLUMNS",
        help="widest line of text (default 76 or the config)",
    )
    ui.add_argument(
        "--no-resume", action="store_true", help="start at the top instead of the saved position"
    )
    ui.add_argument(
        "--notes-dir",
        metavar="DIR",
        help="where highlights and notes are kept (default: $READER_NOTES_DIR, else the "
        "platform data directory)",
    )
    return parser


def command_parser(name: str) -> argparse.ArgumentParser:
    """The parser for `reader NAME ...`."""
    command = _command(name)
    parser = _OneLineParser(
        prog=f"{PROG} {name}", description=command.SUMMARY[:1].upper() + command.SUMMARY[1:] + "."
    )
    command.configure(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `reader` console script; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        name = _command_name(args_list)
        if name is not None:
            args = command_parser(name).parse_args(args_list[1:])
            try:
                if name == "library":  # on a terminal it opens a screen: only the CLI may
                    from reader.commands.library import wants_screen

                    if wants_screen(args):
                        from reader.ui.screens.library_app import run_library_command

                        return run_library_command(args)
                # a short process that mostly extracts: see reader.extract.collector (imported
                # here: the library screen above starts without the extraction package)
                from reader.extract.collector import paused_collector

                with paused_collector():
                    return _command(name).run(args)
            except UsageError as error:
                raise UsageError(str(error), f"{PROG} {name}") from None
        _reject_unknown_command(args_list)
        return _open(open_parser().parse_args(args_list))
    except UsageError as error:
        command = error.help_command
        prefix = command.removeprefix(PROG).strip()
        _error(f"{prefix + ': ' if prefix else ''}{error}; see {command} --help")
        return EXIT_USAGE
    except LoadError as error:
        _error(str(error))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`reader dump x | head`): not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _command_name(args: list[str]) -> str | None:
    """The subcommand `args` run, if any.

    A file named like a command (`quotes`) opens when it is given alone and exists: `reader
    quotes` with nothing after it could only be a mistake as a command. `./quotes` or
    `reader -- quotes` always open the file.
    """
    if not args or args[0] not in COMMANDS:
        return None
    if len(args) == 1 and os.path.isfile(args[0]):
        return None
    return args[0]


def _reject_unknown_command(args: list[str]) -> None:
    """Refuse a first word that is neither a command nor a file (`reader frobnicate`).

    Only a bare word counts: anything with a path separator or a dot, an option, `-` or a URL is
    left to the loader, which reports a missing file as such.
    """
    if not args:
        return
    word = args[0]
    bare = word.replace("-", "").replace("_", "").isalnum() and not word.startswith("-")
    if not bare or os.path.exists(word):
        return
    import difflib  # only on this error path: nothing more is imported before the first paint

    close = difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.6)
    if close:
        raise UsageError(f"unknown command {word!r} (did you mean {close[0]!r}?)")
    raise UsageError(
        f"unknown command {word!r}, and no file of that name (commands: {', '.join(COMMANDS)})"
    )


def _error(message: str) -> None:
    # Messages quote file names and note text, which others may write: shown literally.
    print(f"{PROG}: error: {clean(message)}", file=sys.stderr)


def _open(args: argparse.Namespace) -> int:
    """Open the article in the UI, or print it when stdout is not a terminal."""
    if args.sample and args.target is not None:
        raise UsageError(f"give a FILE or --sample, not both (got {args.target!r} and --sample)")
    interactive = not args.plain and sys.stdout.isatty()
    # A big text file shows its first screens while the rest is read (`progressive`).
    progressive = open_progressively(args.target) if interactive else None
    finish = None
    if progressive is not None:
        article, finish = progressive
    else:
        article = open_article(args.target, stdin=sys.stdin.buffer)
    if not interactive:
        from reader.plain import plain_lines

        width = min(shutil.get_terminal_size((80, 24)).columns, 100) - 2
        for line in plain_lines(article, width):
            sys.stdout.write(line + "\n")
        sys.stdout.flush()
        return 0
    if not sys.stdin.isatty():
        _reattach_terminal()
    # No collections until the first frame (see reader.extract.collector); the interface
    # gives the collector back once that frame is written, and this does if it never is.
    from reader.extract.collector import hold_until_first_frame, release_after_first_frame

    hold_until_first_frame()
    try:
        from reader.ui.app import run_app

        return run_app(
            article,
            theme=args.theme,
            line_width=args.width,
            resume=not args.no_resume,
            notes_dir=args.notes_dir,
            finish=finish,
        )
    finally:
        release_after_first_frame()


def _reattach_terminal() -> None:
    """After reading an article from a pipe, read keys from the controlling terminal."""
    try:
        fd = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        raise LoadError("standard input is not a terminal and no terminal is available") from None
    os.dup2(fd, sys.stdin.fileno())
    os.close(fd)
