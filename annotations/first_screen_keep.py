"""Making the notes' first screen and keeping it (`annotations.first_screen` reads it back).

Run by the reader's notes worker once the notes are loaded and anchored, and by its saver
after a save: `first_screen` picks the count, the Notes pane's first rows and what the
highlights of the first `REGION_CHARS` characters look like, and `keep` writes it if the
notes file still holds the bytes those notes came from. Apart from the read side, which the
reader imports before its first paint, because this side needs the merge's wording and
atomic writes.
"""

from __future__ import annotations

import hashlib
import heapq
import json
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from annotations.cache_home import seal
from annotations.first_screen import (
    FORMAT,
    MAGIC,
    MAX_PIECES,
    REGION_CHARS,
    ROW_CHARS,
    ROWS,
    ArticleKey,
    FirstRow,
    FirstScreen,
    FirstScreenCache,
    Identity,
    directory_identity,
    file_identity,
    region_hash,
)
from annotations.merge import value_text
from annotations.safe_files import atomic_write, trim_oldest

if TYPE_CHECKING:
    from annotations.anchor import Placement
    from annotations.model import Annotation, Conflict

MIN_BYTES = 256 * 1024
"""Notes files smaller than this (about 650 notes) keep no first screen: they are read and
anchored in a few milliseconds (the parsed cache's bound too)."""

Look = TypeVar("Look")
"""What a highlight looks like, to `on_top` (compared, never looked into)."""


def first_screen(
    ordered: Sequence[tuple[Annotation, Placement]],
    text: str,
    conflicts: Sequence[Conflict] = (),
) -> FirstScreen:
    """The first screen of the live notes `ordered` as the Notes pane lists them, in `text`."""
    region_end = min(len(text), REGION_CHARS)
    lost: dict[str, list[str]] = {}
    for conflict in conflicts:
        lost.setdefault(conflict.id, []).append(
            f"{conflict.field} by {conflict.author}: {value_text(conflict.value)}"
        )
    rows: list[FirstRow] = []
    budget = ROW_CHARS
    for annotation, placement in ordered[:ROWS]:
        selector = annotation.selector
        assert selector is not None  # live annotations have one
        quote = text[placement.start : placement.end] if placement.placed else selector.exact
        budget -= len(quote) + len(annotation.note) + sum(len(tag) for tag in annotation.tags)
        if budget < 0 and rows:
            break
        rows.append(
            FirstRow(
                id=annotation.id,
                quote=quote,
                note=annotation.note,
                tags=annotation.tags,
                colour=annotation.color,
                orphan=not placement.placed,
                fuzzy=placement.status == "fuzzy",
                conflicts=tuple(lost.get(annotation.id, ())),
            )
        )
    spans: list[tuple[int, int, tuple[str, bool]]] = []
    markers: set[int] = set()
    for annotation, placement in ordered:
        if not placement.placed or placement.start >= region_end:
            continue
        noted = bool(annotation.note.strip())
        spans.append((placement.start, placement.end, (annotation.color, noted)))
        if noted and placement.end - 1 < region_end:
            markers.add(placement.end - 1)
    placed = sum(1 for _, placement in ordered if placement.placed)
    return FirstScreen(
        count=len(ordered),
        orphans=len(ordered) - placed,
        rows=tuple(rows),
        region_end=region_end,
        pieces=tuple(
            (start, end, look[0], look[1]) for start, end, look in on_top(spans, region_end)
        ),
        markers=tuple(sorted(markers)),
    )


def on_top(spans: Sequence[tuple[int, int, Look]], limit: int) -> list[tuple[int, int, Look]]:
    """What overlapping `spans` show up to `limit`: the last span over each piece, cut flat.

    The article view draws a layer's marks in their order, each over the ones before
    (`MarkLayers.segments`), and every highlight sets all of its look, so a character
    shows the look of the last mark over it. `spans` are in that order. Adjacent pieces
    of one look are joined.
    """
    starts: dict[int, list[int]] = {}
    cuts = {0, limit}
    for index, (start, end, _look) in enumerate(spans):
        end = min(end, limit)
        if end > start:
            starts.setdefault(start, []).append(index)
            cuts.update((start, end))
    covering: list[tuple[int, int]] = []  # (-index, end): the latest span first
    pieces: list[tuple[int, int, Look]] = []
    ordered_cuts = sorted(cut for cut in cuts if cut <= limit)
    for cut, following in pairwise(ordered_cuts):
        for index in starts.get(cut, ()):
            heapq.heappush(covering, (-index, spans[index][1]))
        while covering and covering[0][1] <= cut:
            heapq.heappop(covering)
        if not covering:
            continue
        look = spans[-covering[0][0]][2]
        if pieces and pieces[-1][1] == cut and pieces[-1][2] == look:
            pieces[-1] = (pieces[-1][0], following, look)
        else:
            pieces.append((cut, following, look))
    return pieces


def keep(
    cache: FirstScreenCache,
    article: ArticleKey,
    notes_dir: Path,
    notes_path: Path,
    notes_sha256: str,
    screen: FirstScreen,
) -> bool:
    """Keep `screen` in `cache`, made from the notes file's bytes hashing to `notes_sha256`.

    Written only if the file still holds those bytes, unchanged while they were checked;
    True when written. Never raises.
    """
    if article.text_sha256 is None or len(screen.pieces) > MAX_PIECES:
        return False
    before = file_identity(notes_path)
    folder = directory_identity(notes_path.parent)
    if before is None or folder is None or before[0] < MIN_BYTES:
        return False
    try:
        with notes_path.open("rb") as stream:
            data = stream.read()
    except OSError:
        return False
    if hashlib.sha256(data).hexdigest() != notes_sha256 or file_identity(notes_path) != before:
        return False  # changed behind us (a `git pull`): the next open makes it anew
    payload = _encode(article, notes_dir, notes_path, before, folder, screen)
    entry = cache.path_of(article.source, notes_dir)
    if entry is None:
        return False
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(entry, payload)
    except OSError:
        return False
    trim_oldest(entry.parent.glob("*.json"), cache.max_bytes)
    return True


def _encode(
    article: ArticleKey,
    notes_dir: Path,
    notes_path: Path,
    notes_identity: Identity,
    folder: Identity,
    screen: FirstScreen,
) -> bytes:
    value = {
        "format": FORMAT,
        "notes_dir": str(notes_dir),
        "notes_path": str(notes_path),
        "notes_identity": list(notes_identity),
        "folder_identity": list(folder),
        "text_sha256": article.text_sha256,
        "source": article.source,
        "source_identity": None
        if article.source_identity is None
        else list(article.source_identity),
        "region_sha": region_hash(article.text, screen.region_end),
        "count": screen.count,
        "orphans": screen.orphans,
        "region_end": screen.region_end,
        "rows": [
            [r.id, r.quote, r.note, list(r.tags), r.colour, r.orphan, r.fuzzy, list(r.conflicts)]
            for r in screen.rows
        ],
        "pieces": [list(piece) for piece in screen.pieces],
        "markers": list(screen.markers),
    }
    payload = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return seal(MAGIC, payload.encode("utf-8", "surrogatepass"))
