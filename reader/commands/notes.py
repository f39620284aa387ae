"""`reader notes FILE`: list an article's notes; `reader notes add FILE --quote ...`: add one.

`reader notes recover FILE` repairs the article's notes file when git left conflict markers
in it: both sides are merged by annotation id and the conflicted file is kept as a backup.

The listing shows every live note in article order with its anchoring status (`exact`,
`fuzzy`, or `orphan` when its passage is gone from the text; orphans are listed last, never
dropped). `notes add` highlights a passage found in the article, for scripts: an error when
the passage is not there or occurs more than once and `--prefix`, `--suffix` or `--context`
does not single one out.
"""

from __future__ import annotations

import argparse
import io
import re
import shlex
import sys
from pathlib import Path
from typing import Any

from annotations.anchor import Anchoring, AnchorStatus
from annotations.merge import kept_text, value_text
from annotations.model import COLORS, DEFAULT_COLOR, Annotation
from annotations.store import NotesStore, StoreError
from reader.commands.common import open_target
from reader.document import Article
from reader.load import LoadError
from reader.load.clean import clean
from reader.serialize import paragraph_number, write

NAME = "notes"
SUMMARY = "list an article's notes with their anchoring status; 'notes add' adds one"

ACTIONS = ("add", "recover")
"""Sub-actions of `reader notes` (the first word, before FILE)."""

ATTACH = "attach"
"""`reader notes attach FILE NOTES_FILE`: take up the notes the lookup only offered."""

USAGE = (
    "reader notes FILE [--format table|json|yaml] [--notes-dir DIR]\n"
    "       reader notes add FILE --quote TEXT [--note TEXT] [--tag TAG]... [--color COLOR]\n"
    "                        [--prefix TEXT] [--suffix TEXT] [--context TEXT] [--notes-dir DIR]\n"
    "       reader notes recover FILE [--notes-dir DIR]\n"
    "       reader notes attach FILE NOTES_FILE [--notes-dir DIR]"
)


def add_notes_dir(parser: argparse.ArgumentParser) -> None:
    """Add `--notes-dir` (else `$READER_NOTES_DIR`, else the platform data directory)."""
    parser.add_argument(
        "--notes-dir",
        metavar="DIR",
        help="where notes files live (default: $READER_NOTES_DIR, else the platform data "
        "directory, e.g. ~/.local/share/reader/notes)",
    )


def configure(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of `reader notes` and `reader notes add`."""
    parser.usage = USAGE
    parser.add_argument(
        "words",
        nargs="+",
        metavar="[add|recover|attach] FILE",
        help="the article (a path, an http(s) URL, or - for stdin); 'add FILE' adds a note, "
        "'recover FILE' repairs its notes file after a git conflict, 'attach FILE NOTES_FILE' "
        "makes NOTES_FILE the article's notes (when they were only offered)",
    )
    parser.add_argument(
        "--format",
        choices=("table", "json", "yaml"),
        default="table",
        help="output format (default: table)",
    )
    add_notes_dir(parser)
    group = parser.add_argument_group("notes add")
    group.add_argument("--quote", metavar="TEXT", help="the exact passage to highlight")
    group.add_argument("--note", metavar="TEXT", default="", help="the note (may be multi-line)")
    group.add_argument(
        "--tag", metavar="TAG", action="append", default=[], help="a tag (repeatable)"
    )
    group.add_argument(
        "--color",
        choices=COLORS,
        default=DEFAULT_COLOR,
        help=f"highlight colour (default: {DEFAULT_COLOR})",
    )
    group.add_argument("--prefix", metavar="TEXT", help="text just before the passage")
    group.add_argument("--suffix", metavar="TEXT", help="text just after the passage")
    group.add_argument(
        "--context",
        metavar="TEXT",
        help="a longer passage containing the quote, to choose among repeated ones",
    )


def run(args: argparse.Namespace) -> int:
    """List or add notes; return the exit code."""
    words: list[str] = args.words
    if len(words) == 2 and words[0] in ACTIONS:
        args.target = words[1]
        return _add(args) if words[0] == "add" else _recover(args)
    if len(words) == 3 and words[0] == ATTACH:
        args.target = words[1]
        return _attach(args, words[2])
    if len(words) != 1:
        raise LoadError(f"expected FILE, 'add FILE' or 'recover FILE', got: {' '.join(words)}")
    for option in ("quote", "prefix", "suffix", "context"):
        if getattr(args, option) is not None:
            raise LoadError(f"--{option} belongs to 'reader notes add'")
    args.target = words[0]
    return _list(args)


def open_store(article: Article, args: argparse.Namespace) -> NotesStore:
    """Open the notes of `article` in the directory chosen by `--notes-dir` and the env."""
    try:
        return NotesStore.open(article, args.notes_dir)
    except (StoreError, OSError) as error:
        raise LoadError(str(error)) from None


def note_dict(item: Anchoring, article: Article) -> dict[str, Any]:
    """One note as the scripting interface shows it (keys are only ever added)."""
    annotation = item.annotation
    placement = item.placement
    selector = annotation.selector
    assert selector is not None  # only live annotations are anchored
    paragraph = article.paragraph_at(placement.start) if placement.placed else None
    return {
        "id": annotation.id,
        "status": placement.status.value,
        "start": placement.start if placement.placed else None,
        "end": placement.end if placement.placed else None,
        "paragraph": paragraph_number(paragraph.position) if paragraph else None,
        "paragraph_id": paragraph.id if paragraph else None,
        "text": article.text[placement.start : placement.end] if placement.placed else None,
        "exact": selector.exact,
        "prefix": selector.prefix,
        "suffix": selector.suffix,
        "color": annotation.color,
        "tags": list(annotation.tags),
        "note": annotation.note,
        "author": annotation.author,
        "created": annotation.created,
        "updated": annotation.updated,
    }


def shown(text: object) -> str:
    """`text` as a terminal may show it: escapes dropped, control characters made visible.

    Notes come from collaborators (`reader sync`): the same cleaning as article text.
    """
    return clean(str(text))


_C1 = re.compile("[\x7f-\x9f]")
"""DEL and the C1 controls (8-bit CSI, OSC...), which JSON leaves unescaped."""


def write_literal(data: object, fmt: str) -> None:
    """Print `data` as JSON or YAML with no raw control character in the output.

    Both formats escape C0 controls; YAML also escapes C1, and JSON escapes them here
    (`\u009b`), so the data stays exact and the terminal is never driven by it.
    """
    if fmt == "json":
        buffer = io.StringIO()
        write(data, fmt, buffer)
        sys.stdout.write(_C1.sub(lambda m: f"\\u{ord(m.group()):04x}", buffer.getvalue()))
    else:
        write(data, fmt, sys.stdout)


def warn(message: str) -> None:
    """Print `reader: warning: MESSAGE` on stderr, the message shown literally."""
    print(f"reader: warning: {shown(message)}", file=sys.stderr)


def offer_line(store: NotesStore, target: str) -> str | None:
    """The one line that offers the notes the lookup found likely but not certain, or None."""
    offer = store.offer
    if offer is None:
        return None
    count = f"{offer.notes} note{'' if offer.notes == 1 else 's'}"
    return (
        f"notes of a similar article may be this one's: {offer.path} ({count}, "
        f"{offer.found} of {offer.notes} passages found in this text); to attach them, run: "
        f"reader notes attach {shlex.quote(target)} {shlex.quote(str(offer.path))}"
    )


def _attach(args: argparse.Namespace, notes_file: str) -> int:
    """`reader notes attach FILE NOTES_FILE`: make that file the article's notes."""
    article = open_target(args)
    try:
        store = NotesStore.attach(article, Path(notes_file).expanduser(), args.notes_dir)
    except (StoreError, OSError) as error:
        raise LoadError(str(error)) from None
    count = len(store.annotations)
    print(
        shown(
            f"Attached {count} note{'' if count == 1 else 's'} in {store.path} to this "
            "article (its text is recorded in the file, so they are found from now on)"
        )
    )
    return 0


def _offer(store: NotesStore, target: str) -> None:
    line = offer_line(store, target)
    if line:
        print(f"reader: {shown(line)}", file=sys.stderr)


def _warn(store: NotesStore) -> None:
    if store.read_only:
        warn(store.read_only)
    if store.recoverable:
        print("reader: run 'reader notes recover FILE' to repair it", file=sys.stderr)
    if store.comments_warning:
        warn(store.comments_warning)


def _recover(args: argparse.Namespace) -> int:
    article = open_target(args)
    store = open_store(article, args)
    lost = not store.exists and store.backup_path.exists()
    if not (store.recoverable or store.restorable or lost):
        problem = store.read_only or f"{store.path} has no conflict markers and can be read"
        raise LoadError(f"nothing to recover: {problem}")
    try:
        kept = store.recover()
    except StoreError as error:
        raise LoadError(str(error)) from None
    count = len(store.annotations)
    if store.restored_from is None:
        print(
            shown(
                f"Recovered {_notes(count)} in {store.path} "
                f"(the conflicted file is kept as {kept.name})"
            )
        )
    elif kept == store.restored_from:
        print(shown(f"Restored {_notes(count)} in {store.path} from {kept.name}"))
    else:
        print(
            shown(
                f"Restored {_notes(count)} in {store.path} from its last good copy "
                f"{store.restored_from.name} (the unreadable file is kept as {kept.name})"
            )
        )
    return 0


def _list(args: argparse.Namespace) -> int:
    article = open_target(args)
    store = open_store(article, args)
    _offer(store, args.target)
    if store.read_only and not store.notes.annotations:
        raise LoadError(store.read_only)  # nothing to list: the file is the problem
    _warn(store)
    results = store.reanchor(article)
    if args.format == "table":
        _table(results, article, store)
    else:
        write_literal(_listing(store, article, results), args.format)
    sys.stdout.flush()
    store.keep_parsed()  # printed: now make the next listing of a big file quick
    return 0


def _listing(store: NotesStore, article: Article, results: list[Anchoring]) -> dict[str, Any]:
    """The notes as `--format json|yaml` prints them."""
    return {
        "file": str(store.path),
        "read_only": store.read_only,
        "notes": [note_dict(item, article) for item in results],
        "conflicts": [
            {"id": c.id, "field": c.field, "value": c.value, "author": c.author}
            for c in store.conflicts
        ],
    }


def _one_line(text: str, width: int) -> str:
    """`text` cleaned (`shown`) and flattened to one line of at most `width` characters.

    Text that is printable, single-spaced and trimmed is already that (checked in C): the
    table of 10,000 notes (five fields a row) took 0.145 s of a cold `reader notes`, 0.05 s so.
    """
    flat = text
    if not (text.isprintable() and "  " not in text and text.strip(" ") == text):
        flat = " ".join(clean(text).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def conflict_lines(store: NotesStore, annotation: Annotation) -> list[str]:
    """One line per field of `annotation` edited on both sides: the value kept, the other."""
    return [
        shown(
            f"conflict: {conflict.field} was edited on both sides; kept "
            f"{_one_line(kept_text(annotation, conflict.field), 40)!r} "
            f"({annotation.author}), other {_one_line(value_text(conflict.value), 40)!r} "
            f"({conflict.author}, kept in the file under conflicts:)"
        )
        for conflict in store.conflicts
        if conflict.id == annotation.id
    ]


def _table(results: list[Anchoring], article: Article, store: NotesStore) -> None:
    out = sys.stdout
    path = shown(store.path)
    if not results:
        out.write(f"No notes for this article (notes file: {path}).\n")
        return
    count = len(results)
    out.write(f"{count} note{'' if count == 1 else 's'} in {path}\n")
    out.write(f"{'ID':<8}  {'STATUS':<6}  {'¶':>4}  {'COLOUR':<6}  {'PASSAGE':<40}  NOTE\n")
    for item in results:
        annotation, placement = item.annotation, item.placement
        paragraph = article.paragraph_at(placement.start) if placement.placed else None
        where = str(paragraph.position + 1) if paragraph else "-"
        passage = annotation.selector.exact if annotation.selector else ""
        note = _one_line(annotation.note, 60)
        if annotation.tags:
            tags = " ".join(f"#{_one_line(t, 30)}" for t in annotation.tags)
            note = (note + " " if note else "") + tags
        out.write(
            f"{_one_line(annotation.id[-8:], 8):<8}  {placement.status.value:<6}  {where:>4}  "
            f"{_one_line(annotation.color, 12):<6}  {_one_line(passage, 40):<40}  {note}\n"
        )
        for line in conflict_lines(store, annotation):
            out.write(f"{'':<8}  {line}\n")
    orphans = sum(1 for r in results if r.placement.status is AnchorStatus.ORPHAN)
    if orphans:
        out.write(f"{orphans} orphaned: their passage is no longer in the article.\n")
    clashes = sum(1 for c in store.conflicts if store.get(c.id) is not None)
    if clashes:
        out.write(
            f"{clashes} conflict{'s' * (clashes != 1)}: the same note was edited on both sides "
            "(in a sync); the other value is kept in the file under 'conflicts:'.\n"
        )


def find_passage(
    article: Article,
    quote: str,
    *,
    prefix: str | None = None,
    suffix: str | None = None,
    context: str | None = None,
) -> tuple[int, int]:
    """The span of the one occurrence of `quote` in the article; `LoadError` otherwise.

    Whitespace in `quote`, `prefix`, `suffix` and `context` matches any run of whitespace
    (a passage copied across a line break still matches).
    """
    words = quote.split()
    if not words:
        raise LoadError("--quote is empty")
    text = article.text
    spans = [(m.start(), m.end()) for m in _loose(quote).finditer(text)]
    if not spans:
        raise LoadError(f"passage not found in the article: {_one_line(quote, 60)!r}")
    if prefix is not None:
        before = re.compile(_loose(prefix).pattern + r"\s*\Z")
        spans = [s for s in spans if before.search(text, max(0, s[0] - 4 * len(prefix) - 8), s[0])]
    if suffix is not None:
        after = re.compile(r"\s*" + _loose(suffix).pattern)
        spans = [s for s in spans if after.match(text, s[1])]
    if context is not None:
        around = [(m.start(), m.end()) for m in _loose(context).finditer(text)]
        spans = [s for s in spans if any(a <= s[0] and s[1] <= b for a, b in around)]
    if not spans:
        raise LoadError("the passage occurs, but not with the given --prefix/--suffix/--context")
    if len(spans) > 1:
        # Each paragraph once, in order; past 20 of them, how many more.
        numbers = list(dict.fromkeys(_paragraph_number(article, s[0]) for s in spans))
        where = ", ".join(numbers[:20]) + (f" and {len(numbers) - 20} more" * (len(numbers) > 20))
        raise LoadError(
            f"the passage occurs {len(spans)} times "
            f"(paragraph{'s' * (len(numbers) > 1)} {where}); "
            "add --prefix, --suffix or --context to choose one"
        )
    return spans[0]


def _paragraph_number(article: Article, offset: int) -> str:
    paragraph = article.paragraph_at(offset)
    return str(paragraph.position + 1) if paragraph else "?"


def _loose(text: str) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(word) for word in text.split()))


def _add(args: argparse.Namespace) -> int:
    if args.quote is None:
        raise LoadError("'reader notes add' needs --quote TEXT")
    article = open_target(args)
    start, end = find_passage(
        article, args.quote, prefix=args.prefix, suffix=args.suffix, context=args.context
    )
    store = open_store(article, args)
    if store.read_only:
        raise LoadError(store.read_only)
    offered = offer_line(store, args.target)
    if offered:  # adding now would start a second file beside the article's likely one
        raise LoadError(offered)
    if store.comments_warning:
        warn(store.comments_warning)
    try:
        annotation: Annotation = store.add(
            article.text, start, end, note=args.note, color=args.color, tags=args.tag
        )
    except StoreError as error:
        raise LoadError(str(error)) from None
    if args.format == "table":
        paragraph = _paragraph_number(article, start)
        print(shown(f"Added note {annotation.id} on paragraph {paragraph} to {store.path}"))
    else:
        item = Anchoring(annotation, store.placements[annotation.id])
        write_literal(note_dict(item, article), args.format)
    return 0


def _notes(count: int) -> str:
    """`count` notes, in the right number ("1 note", "2 notes")."""
    return f"{count} note" if count == 1 else f"{count} notes"
