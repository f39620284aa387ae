"""`reader merge-driver BASE OURS THEIRS [PATH]`: the git merge driver for notes files.

Git runs it (as registered by `reader sync --init`) with the common ancestor, our version and
their version of a notes file in temporary files. It merges them by annotation id (see
`annotations.merge`), writes the result over OURS and exits 0. When a side cannot be read
(not a notes file, conflict markers, a newer schema) it says why on stderr, leaves every file
as it was and exits 1, so git reports a conflict and nothing is lost.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from annotations.driver import merge_texts
from annotations.yaml_io import NotesFormatError, decode

NAME = "merge-driver"
SUMMARY = "merge three versions of a notes file by annotation id (run by git)"

EXIT_CONFLICT = 1
"""Exit code git reads as "not merged": the files are left for its conflict handling."""


def configure(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of `reader merge-driver` (git's `%O %A %B %P`)."""
    parser.add_argument("base", metavar="BASE", help="the common ancestor (git's %%O)")
    parser.add_argument(
        "ours", metavar="OURS", help="our version, overwritten with the result (git's %%A)"
    )
    parser.add_argument("theirs", metavar="THEIRS", help="their version (git's %%B)")
    parser.add_argument(
        "path",
        metavar="PATH",
        nargs="?",
        default=None,
        help="the file's path in the repository, for messages (git's %%P)",
    )


def run(args: argparse.Namespace) -> int:
    """Merge, write OURS, and return 0; or explain and return 1 with the files untouched."""
    ours_path = Path(args.ours)
    name = args.path or ours_path.name
    try:
        base_bytes = Path(args.base).read_bytes()
        ours_bytes = ours_path.read_bytes()
        theirs_bytes = Path(args.theirs).read_bytes()
    except OSError as error:
        _error(f"cannot read {error.filename}: {error.strerror}")
        return EXIT_CONFLICT
    try:
        base = decode(base_bytes, f"{name} (base)") if base_bytes.strip() else None
        result = merge_texts(
            base,
            decode(ours_bytes, f"{name} (ours)"),
            decode(theirs_bytes, f"{name} (theirs)"),
            name,
        )
    except NotesFormatError as error:
        _error(f"cannot merge {error}; left for git's conflict handling")
        return EXIT_CONFLICT
    data = result.text.encode("utf-8")
    if data != ours_bytes:
        try:
            _write_atomically(ours_path, data)
        except OSError as error:
            _error(f"cannot write {ours_path}: {error.strerror}")
            return EXIT_CONFLICT
    if result.clashes:
        fields = ", ".join(sorted({f"{c.field} of {c.id}" for c in result.clashes}))
        print(
            f"reader: merged {name}: edited on both sides ({fields}); "
            "one value kept, the other recorded under 'conflicts'",
            file=sys.stderr,
        )
    return 0


def _write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so a crash leaves the old or the new bytes, never a mix."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _error(message: str) -> None:
    print(f"reader: error: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the driver as `python -m reader.commands.merge_driver BASE OURS THEIRS [PATH]`.

    This is the form git is given (see `annotations.sync.driver_command`): it does not
    depend on `reader` being on PATH or on the subcommand's name.
    """
    parser = argparse.ArgumentParser(prog=f"reader {NAME}", description=SUMMARY)
    configure(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
