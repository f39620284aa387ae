"""Notes files in exactly the shape `yaml_write` gives them: written and read without PyYAML.

With 10,000 notes a file is about 4 MB. PyYAML's emitter (libyaml) took 1.4-1.6 s to dump it,
so every note edit froze the reader that long, and composing it again took about a second of
each cold `reader notes`. Our files have one fixed shape, so both directions are done here
by string work:

* `dump` writes the text `yaml_write.dump` would write, byte for byte. Each string goes
  through `_scalar`, which decides the plain, `'single'` and `|` block forms by the emitter's
  own rules where they are certain (printable text, no indicator at the start, no `: ` or
  ` #`, nothing the YAML 1.1 resolver would read as another type); anything else (a tab, a
  leading `-`, a byte-order mark...) asks the emitter for that one string. An annotation with
  something this module does not write (unknown fields, a multi-line tag), the header and
  the tail (conflicts, unknown top-level fields) are handed to `yaml_write` whole: the
  top-level keys and the list items are emitted independently, so the pieces join into the
  same bytes. Measured on 10,000 notes: 0.1 s instead of 1.5 s.
* `parse` reads the annotations line by line, the header and the tail through the strict
  reader (a few lines), and accepts the result only when `dump` gives back the very text it
  read. The writer is tested to equal PyYAML's output, and PyYAML's output to load back
  unchanged, so text that passes that check can only mean what the strict reader would make
  of it. Anything else (hand edits, comments, another order, a newer schema, a broken file)
  returns None, and the caller uses the strict reader, which also explains any error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import yaml
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from annotations.model import SCHEMA_VERSION, Annotation, NotesFile, Selector
from annotations.yaml_write import _Block, annotation_data, dump_data, notes_data
from annotations.yaml_write import dump as reference_dump

_STR = "tag:yaml.org,2002:str"
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

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


# -- reading --------------------------------------------------------------------------------


def parse(text: str, frame: Callable[[str], NotesFile | None]) -> NotesFile | None:
    """The notes in `text` when it is exactly what `dump` writes for them, else None.

    `frame` is the strict reader (None for a file it refuses), given the file without its
    annotations: the header and the tail, a few lines. `text` has passed the size and
    conflict-marker checks. None means "use the strict reader", never "the file is bad".
    """
    start = text.find("\nannotations:\n- id: ")
    if start < 0:
        return None
    body_start = start + len("\nannotations:\n")
    tail_start = _tail_start(text, body_start)
    try:
        outline = frame(text[: start + 1] + text[tail_start:])
        if outline is None:
            return None
        notes = NotesFile(
            document=outline.document,
            annotations=tuple(_items(text[body_start:tail_start])),
            conflicts=outline.conflicts,
            schema=outline.schema,
            extra=outline.extra,
        )
    except (_NotOurs, ValueError, KeyError, IndexError):
        return None
    if notes.schema > SCHEMA_VERSION or outline.annotations:
        return None
    return notes if dump(notes) == text else None


_TOP_KEY = re.compile(r"^[^ \-\n]", re.MULTILINE)


def _tail_start(text: str, body_start: int) -> int:
    """Where the top-level keys after the annotations start (the end of the text if none)."""
    match = _TOP_KEY.search(text, body_start)
    return len(text) if match is None else match.start()


_ONE_LINE_VALUE = r"[^|\n][^\n]*\n"
_COMMON_ITEM = re.compile(
    r"- id: ([^\n]*)\n"
    r"  created: ([^\n]*)\n"
    r"  updated: ([^\n]*)\n"
    r"  author: ([^\n]*)\n"
    r"  color: ([^\n]*)\n"
    r"  tags:( \[\]|(?:\n  - [^|\n][^\n]*)+)\n"
    r"  selector:\n"
    rf"    exact: ({_ONE_LINE_VALUE}|\|2?[-+]?\n(?:      [^\n]*\n|\n)*)"
    rf"    prefix: ({_ONE_LINE_VALUE}|\|2?[-+]?\n(?:      [^\n]*\n|\n)*)"
    rf"    suffix: ({_ONE_LINE_VALUE}|\|2?[-+]?\n(?:      [^\n]*\n|\n)*)"
    r"    start: (0|[1-9][0-9]*)\n"
    r"    end: (0|[1-9][0-9]*)\n"
    rf"  note: ({_ONE_LINE_VALUE}|\|2?[-+]?\n(?:    [^\n]*\n|\n)*)"
)
"""A live annotation without unknown fields, read with one match: each value on one line
or a `|` block (its lines indented, or empty). The others are read line by line (`_fields`)."""


def _items(body: str) -> Iterator[Annotation]:
    if not body.endswith("\n"):
        raise _NotOurs("no final line break")
    start, end = 0, len(body)
    while start < end:
        following = body.find("\n- ", start) + 1 or end
        match = _COMMON_ITEM.fullmatch(body, start, following)
        if match is None:
            lines = body[start:following].split("\n")
            lines.pop()
            fields, index = _fields(lines, 0)
            if index != len(lines):
                raise _NotOurs(lines[index])
            yield _annotation_of(fields)
        else:
            yield _common(match)
        start = following


def _common(match: re.Match[str]) -> Annotation:
    """The annotation of a `_COMMON_ITEM` match."""
    ident, created, updated, author, color, tags, exact, prefix, suffix = match.group(
        1, 2, 3, 4, 5, 6, 7, 8, 9
    )
    start, end, note = match.group(10, 11, 12)
    if int(start) > int(end):
        raise _NotOurs("offsets")
    return Annotation(
        id=_token(ident),
        created=_token(created),
        updated=_token(updated),
        author=_token(author),
        selector=Selector(
            exact=_value(exact, "      "),
            prefix=_value(prefix, "      "),
            suffix=_value(suffix, "      "),
            start=int(start),
            end=int(end),
        ),
        color=_token(color),
        tags=() if tags == " []" else tuple(_token(tag) for tag in tags[5:].split("\n  - ")),
        note=_value(note, "    "),
    )


def _value(written: str, indent: str) -> str:
    """A value matched by `_COMMON_ITEM`: one line, or a `|` block with its lines."""
    if written[0] != "|":
        return _token(written[:-1])
    header, _, rest = written.partition("\n")
    lines = rest.split("\n")
    lines.pop()
    text, _index = _block(header, lines, 0, indent)
    return text


def _fields(lines: list[str], index: int) -> tuple[dict[str, object], int]:
    """The fields of the item starting at `lines[index]`, and the index after it."""
    first = lines[index]
    if not first.startswith("- "):
        raise _NotOurs(first)
    fields: dict[str, object] = {}
    selector: dict[str, object] = {}
    tags: list[str] = []
    line = "  " + first[2:]
    count = len(lines)
    while True:
        if line.startswith("    "):
            key, _, token = line[4:].partition(": ")
            target = selector
            indent = "      "
        elif line.startswith("  - "):
            tags.append(_token(line[4:]))
            index += 1
            if index >= count or lines[index].startswith("- "):
                break
            line = lines[index]
            continue
        else:
            key, _, token = line[2:].partition(": ")
            target = fields
            indent = "    "
        if key.endswith(":") and not token:
            key = key[:-1]
            target[key] = selector if key == "selector" else tags
            index += 1
        elif token.startswith("|"):
            value, index = _block(token, lines, index + 1, indent)
            target[key] = value
        else:
            target[key] = tags if token == "[]" else _token(token)
            index += 1
        if index >= count or lines[index].startswith("- "):
            break
        line = lines[index]
    return fields, index


def _block(header: str, lines: list[str], index: int, indent: str) -> tuple[str, int]:
    """The `|` block whose header is `header` and whose lines start at `lines[index]`."""
    hints = header[1:]
    if hints.startswith("2"):
        hints = hints[1:]
    if hints not in ("", "-", "+"):
        raise _NotOurs(header)
    body: list[str] = []
    count = len(lines)
    while index < count:
        line = lines[index]
        if line.startswith(indent):
            body.append(line[len(indent) :])
        elif line == "":
            body.append("")
        else:
            break
        index += 1
    text = "\n".join(body)
    if hints == "-":
        return text, index
    if hints == "+":
        return text + "\n", index
    return text.rstrip("\n") + "\n", index


def _token(token: str) -> str:
    """A one-line scalar: plain or `'single'`; double quotes are read by the strict reader."""
    if token.startswith("'"):
        if len(token) < 2 or not token.endswith("'"):
            raise _NotOurs(token)
        return token[1:-1].replace("''", "'")
    if token.startswith('"'):
        return _double_quoted(token)
    return token


_DOUBLE_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')


_SIMPLE_ESCAPES = re.compile(r'"(?:[^"\\]|\\[n"\\])*"')
_ESCAPE = re.compile(r"\\(.)")
_ESCAPED = {"n": "\n", '"': '"', "\\": "\\"}


def _double_quoted(token: str) -> str:
    """A `"..."` scalar, its escapes read by libyaml (one quoted string, nothing else)."""
    if _SIMPLE_ESCAPES.fullmatch(token):  # what `_Scalars.block` writes: read it here
        return _ESCAPE.sub(lambda match: _ESCAPED[match.group(1)], token[1:-1])
    if _DOUBLE_QUOTED.fullmatch(token) is None:
        raise _NotOurs(token)
    try:
        value = yaml.load(token, Loader=_Loader)
    except yaml.YAMLError:
        raise _NotOurs(token) from None  # an unknown escape: the strict reader says where
    if not isinstance(value, str):
        raise _NotOurs(token)
    return value


_FIELDS = frozenset(
    ("id", "created", "updated", "author", "deleted", "color", "tags", "selector", "note")
)
_SELECTOR_FIELDS = frozenset(("exact", "prefix", "suffix", "start", "end"))


def _annotation_of(fields: dict[str, object]) -> Annotation:
    if not fields.keys() <= _FIELDS:
        raise _NotOurs("a field from a newer reader")  # kept by the strict reader
    selector = fields.get("selector")
    tags = fields.get("tags", [])
    deleted = fields.get("deleted")
    note = fields.get("note", "")
    if not isinstance(tags, list) or not isinstance(note, str):
        raise _NotOurs("tags")
    return Annotation(
        id=_str(fields["id"]),
        created=_str(fields["created"]),
        updated=_str(fields["updated"]),
        author=_str(fields["author"]),
        selector=None if selector is None else _selector(selector),
        color=_str(fields.get("color", "yellow")),
        tags=tuple(tags),
        note=note,
        deleted=None if deleted is None else _str(deleted),
    )


def _selector(fields: object) -> Selector:
    if not isinstance(fields, dict) or not fields.keys() <= _SELECTOR_FIELDS:
        raise _NotOurs("selector")
    start, end = _int(fields["start"]), _int(fields["end"])
    if not 0 <= start <= end:
        raise _NotOurs("offsets")
    return Selector(
        exact=_str(fields["exact"]),
        prefix=_str(fields["prefix"]),
        suffix=_str(fields["suffix"]),
        start=start,
        end=end,
    )


_DECIMAL = re.compile(r"0|[1-9][0-9]*")


def _int(value: object) -> int:
    if not isinstance(value, str) or _DECIMAL.fullmatch(value) is None:
        raise _NotOurs(str(value))
    return int(value)


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise _NotOurs(str(value))
    return value


def dump_bytes(notes: NotesFile) -> bytes:
    """The canonical UTF-8 bytes of a notes file (see `dump`)."""
    return dump(notes).encode("utf-8")
