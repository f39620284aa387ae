"""Writing notes files without PyYAML: the bytes `yaml_write.dump` writes, in a tenth of the time.

With 10,000 notes a file is about 4 MB, and libyaml took 1.4-1.6 s to dump it: every note
change froze the reader that long. Our files have one fixed shape, so `dump` writes it by
string work. Each string goes through `_Scalars`, which decides the plain, `'single'`,
`"double"` and `|` block forms by the emitter's own rules where they are certain (printable
text, no indicator at the start, no `: ` or ` #`, nothing the YAML 1.1 resolver would read as
another type); anything else (a tab, a leading `-`, a byte-order mark, an emoji...) asks the
emitter for that one string. An annotation with something not written here (unknown fields,
a multi-line tag), the header and the tail (conflicts, unknown top-level fields) are handed
to the emitter whole: top-level keys and list items are emitted independently, so the pieces
join into the same bytes (libyaml's `...` after a trailing `|+` block is followed through
them). Measured on 10,000 notes: 0.13-0.2 s instead of 1.5-2.0 s. `yaml_canonical_read`
reads this text back as quickly.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from annotations.model import Annotation, NotesFile
from annotations.yaml_write import _Block, annotation_data, dump_data, notes_data
from annotations.yaml_write import dump as reference_dump

_STR = "tag:yaml.org,2002:str"

_PRINTABLE = "\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
"""What libyaml writes as it is (`allow_unicode`), less the line and paragraph separators
(line breaks to YAML): no tab, no control character, no byte-order mark, and nothing beyond
the Basic Multilingual Plane (libyaml escapes emoji in a double-quoted string)."""
_ONE_LINE = re.compile(f"[{_PRINTABLE}]*")
_LINES = re.compile(f"[{_PRINTABLE}\n]*")

_NEVER_PLAIN_FIRST = frozenset(" #,[]{}&*!|>'\"%@`")
"""A plain scalar cannot start with these: the emitter quotes such a string."""
_UNSURE_FIRST = frozenset("-?:")
"""Plain or not depends on what follows: the emitter is asked."""
_RESOLVED_FIRST = frozenset("yYnNtTfFoO-+0123456789.<~=")
"""First characters for which the YAML 1.1 resolver (the dumper's) may see another type."""

_BREAKS = ("\r", "\x85", "\u2028", "\u2029")

_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z")
"""Our time stamps: the 1.1 resolver reads them as timestamps, so they are quoted."""
_ID = re.compile(r"[0-9A-Z]{6,}")
"""Upper-case words of six characters or more (ULIDs) with a letter in them are strings
to the 1.1 resolver: its booleans and nulls are shorter, its numbers have no capitals but
`E`, always with a `.` or a sign."""


class _NotOurs(Exception):
    """A value this module does not write itself: the emitter writes the whole piece."""


_RESOLVER = Resolver()
"""The dumper's resolver (YAML 1.1): a string it reads as another type is quoted."""


def _resolves_to_str(text: str) -> bool:
    tag: str = _RESOLVER.resolve(ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag == _STR


class _Scalars:
    """The written form of strings on one line after `key: ` (memoised: authors, colours...)."""

    def __init__(self) -> None:
        self._plain: dict[str, str] = {}
        self.kept: bool | None = None
        """Whether the last `|` block written kept its final line breaks (`|+`); None: none
        written yet in this piece. libyaml ends the document with `...` after a `|+`."""

    def line(self, text: str) -> str:
        """`text` as the emitter writes a one-line mapping value or list item."""
        known = self._plain.get(text)
        if known is not None:
            return known
        written = self._line(text)
        if len(self._plain) < 4096:
            self._plain[text] = written
        return written

    def _line(self, text: str) -> str:
        if not text or _ONE_LINE.fullmatch(text) is None:
            return _ask(text)
        if _TIME.fullmatch(text):
            return "'" + text + "'"
        if _ID.fullmatch(text) and not text.isdigit():
            return text
        first = text[0]
        if first in _UNSURE_FIRST:
            return _ask(text)
        quote = (
            first in _NEVER_PLAIN_FIRST
            or text[-1] in " :"
            or ": " in text
            or " #" in text
            or text.startswith("...")
            or (first in _RESOLVED_FIRST and not _resolves_to_str(text))
        )
        if quote:
            return "'" + text.replace("'", "''") + "'"
        return text

    def block(self, text: str, indent: str) -> str:
        """`text` as a `|` block whose lines sit at `indent`, as the emitter writes it.

        The emitter falls back to a double-quoted string where a block would not read back
        (a space before a line break, a trailing space, an unprintable character).
        """
        if _LINES.fullmatch(text) is None:
            return _ask(text, block=True) + "\n"
        if text.endswith(" ") or " \n" in text:
            # Printable text: only line breaks, quotes and backslashes are escaped. Common
            # in selectors, whose context is cut after a space.
            escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            return '"' + escaped + '"\n'
        header = "|2" if text[0] in " \n" else "|"
        self.kept = False
        if not text.endswith("\n"):
            header += "-"
        elif len(text) == 1 or text[-2] == "\n":
            header += "+"
            self.kept = True
        lines = text.split("\n")
        body = "".join(indent + line + "\n" if line else "\n" for line in lines[:-1])
        if lines[-1]:
            body += indent + lines[-1] + "\n"
        return header + "\n" + body


def _ask(text: str, *, block: bool = False) -> str:
    """The emitter's own one-line form of `text` (rare strings); `_NotOurs` if it is longer."""
    value = _Block(text) if block else text
    written = dump_data({"k": value})
    if not written.startswith("k: ") or not written.endswith("\n"):
        raise _NotOurs(text)
    line = written[3:-1]
    if any(c in line for c in ("\n", *_BREAKS)):
        raise _NotOurs(text)
    if block and not line.startswith('"'):
        raise _NotOurs(text)  # a block after all: `block` decides those itself
    return line


def _annotation(annotation: Annotation, scalars: _Scalars) -> str:
    """One list item of `annotations:`, as `yaml_write` writes it; `_NotOurs` if unsure."""
    if annotation.extra:
        raise _NotOurs(annotation.id)
    line = scalars.line
    parts = [
        "- id: ",
        line(annotation.id),
        "\n  created: ",
        line(annotation.created),
        "\n  updated: ",
        line(annotation.updated),
        "\n  author: ",
        line(annotation.author),
        "\n",
    ]
    if annotation.deleted is not None:
        parts += ["  deleted: ", line(annotation.deleted), "\n"]
    else:
        parts += ["  color: ", line(annotation.color), "\n"]
        if annotation.tags:
            parts.append("  tags:\n")
            for tag in annotation.tags:
                if "\n" in tag:
                    raise _NotOurs(tag)
                parts += ["  - ", line(tag), "\n"]
        else:
            parts.append("  tags: []\n")
    selector = annotation.selector
    if selector is not None:
        parts.append("  selector:\n")
        for key, text in (
            ("exact", selector.exact),
            ("prefix", selector.prefix),
            ("suffix", selector.suffix),
        ):
            parts += ["    ", key, ": ", _field(text, "      ", scalars)]
        parts += ["    start: ", str(selector.start), "\n    end: ", str(selector.end), "\n"]
    if annotation.deleted is None:
        note = annotation.note
        if not note:
            parts.append("  note: ''\n")
        elif any(c in note for c in _BREAKS):
            raise _NotOurs(note)
        else:
            parts += ["  note: ", scalars.block(note, "    ")]
    return "".join(parts)


def _field(text: str, indent: str, scalars: _Scalars) -> str:
    """A selector string: a `|` block when it has a line break (`yaml_write._represent_str`)."""
    if "\n" in text:
        if any(c in text for c in _BREAKS):
            raise _NotOurs(text)
        return scalars.block(text, indent)
    return scalars.line(text) + "\n"


def dump(notes: NotesFile) -> str:
    """The canonical text of a notes file: `yaml_write.dump(notes)`, without its emitter.

    libyaml ends a document with a `...` marker when the last `|` block in it kept its final
    line breaks (`|+`), wherever that block is: `kept` follows that through the pieces.
    """
    annotations = notes.annotations
    if not annotations:
        return reference_dump(notes)
    data = notes_data(replace(notes, annotations=()))  # the rest: annotations are done here
    head = dump_data({"schema": data["schema"], "document": data["document"], "annotations": []})
    kept = head.endswith(_END)
    head = head.removesuffix(_END)
    if not head.endswith(_EMPTY_LIST):
        return reference_dump(notes)
    scalars = _Scalars()
    pieces = [head.removesuffix(_EMPTY_LIST), "annotations:\n"]
    for annotation in annotations:
        scalars.kept = None
        try:
            pieces.append(_annotation(annotation, scalars))
            block_kept = scalars.kept
        except _NotOurs:
            text, block_kept = _emitted({"annotations": [annotation_data(annotation)]}, "- {}\n")
            pieces.append(text.removeprefix("annotations:\n"))
        if block_kept is not None:
            kept = block_kept
    tail = {k: v for k, v in data.items() if k not in ("schema", "document", "annotations")}
    if tail:
        text, block_kept = _emitted(tail, "")
        pieces.append(text)
        if block_kept is not None:
            kept = block_kept
    if kept:
        pieces.append(_END)
    return "".join(pieces)


_END = "...\n"
_EMPTY_LIST = "annotations: []\n"
_KEPT_BLOCK = _Block("kept\n\n")


def _emitted(data: dict[str, Any], closer: str) -> tuple[str, bool | None]:
    """A piece written by the emitter, and whether its last `|` block was `|+` (None: no block).

    Written as a document of its own, with `closer` (an item or nothing) after it so that it
    is not the end of a list. Whether it holds a block at all is learnt by writing it once
    more after a `|+` block: the end marker then stays only when nothing in it resets it.
    """
    rest: dict[str, Any] = {}
    if closer:
        rest = {"annotations": [*data["annotations"], {}]}
    written = dump_data(rest or data)
    if written.endswith(_END):
        return written.removesuffix(_END).removesuffix(closer), True
    text = written.removesuffix(closer)
    key = "\u0000" + "-" * max((len(k) for k in data), default=0)  # a key not among them
    if closer:
        probe = dump_data({"annotations": [{"k": _KEPT_BLOCK}, *rest["annotations"]]})
    else:
        probe = dump_data({key: _KEPT_BLOCK, **data})
    return text, None if probe.endswith(_END) else False


def dump_bytes(notes: NotesFile) -> bytes:
    """The canonical UTF-8 bytes of a notes file (see `dump`)."""
    return dump(notes).encode("utf-8")
