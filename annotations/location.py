"""Where notes files are: the notes directory, file names, and finding an article's file.

`find_notes` looks an article up in the notes index (`annotations.notes_index`), never by
scanning the directory, in two stages:

1. **Identity** (certain): a file with the article's normalised URL, or one that knows the
   hash of its text (the hash it was made on, an edited text it was saved on, or one this
   machine attached it to), or whose file name carries the article's id.
2. **Resemblance**, for an edited text: candidates are files whose recorded texts share
   sketch values with it, files with the same title, the file the article was last opened
   from (path or URL) on this machine, and, when these do not settle it, files sharing word
   shingles with the text in their passages. Each candidate's passages are placed in the
   text with the re-anchoring matcher (`annotations.anchor`), and when this machine
   recorded a sketch of a text the notes were made on, the two texts' resemblance is
   estimated (`annotations.shingles`). When such a sketch is known it decides: the texts
   resemble (`SAME_TEXT` with a passage, the title or the path agreeing, or
   `SAME_TEXT_ALONE`), or they do not and the file is not even offered (`OTHER_TEXT`); this
   is what keeps two articles with the same title, or two wire stories sharing
   boilerplate, apart. Without one (the index was rebuilt, or the notes came from another
   machine) a candidate is **certain** only when at least `MIN_FOUND` of its passages are
   placed and both the title and the last-opened path agree (passages alone may lie in
   boilerplate another article with the same title shares). A candidate with some
   evidence but not enough, or two certain ones, is only **offered**: the caller says so
   and names the command that attaches it (`NotesStore.attach`).

When the lookup finds the article's file it remembers the text hash, the path and a sketch
of the text in the index, so the next open is a single query. The thresholds were set with
`benchmarks/bench_notes_lookup.py` (its figures are in the README).
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from annotations.anchor import placements
from annotations.model import Document, document_id, normalise_url, slugify
from annotations.notes_index import NotesIndex, title_key
from annotations.safe_files import read_regular
from annotations.shingles import resemblance, shingles, sketch
from annotations.yaml_io import NotesFormatError, parse_bytes
from reader.document import Article

NOTES_SUFFIX = ".notes.yaml"
"""Suffix of every notes file (what `.gitattributes` should match)."""

HEADER_BYTES = 16 * 1024
"""How much of an unreadable file is read for its `document:` header."""

MIN_FOUND = 0.5
"""Least share of a candidate file's passages placed in the text for it to be the article's."""

SAME_TEXT = 0.4
"""Least resemblance to a text the notes were made on that says "the same article".

Measured on generated articles: 1-15 % edits leave 0.64 or more; an article sharing the title
and all boilerplate paragraphs of another scores at most 0.16, an unrelated one 0.13."""

SAME_TEXT_ALONE = 0.6
"""Resemblance that says "the same article" with nothing else agreeing (a new headline, another
path, every noted passage rewritten): still four times what a different article scored."""

OTHER_TEXT = 0.3
"""Resemblance below which a recorded text says "a different article": not even offered."""

UNPLACED_PENALTY = 0.5
"""What a passage not found in the text takes off a candidate's rank (a found one adds ~1)."""

NEEDLE_SCORE = 80.0
"""Least rapidfuzz `partial_ratio` of a passage with its context that counts as resembling."""

CANDIDATES = 12
"""Files sharing the most passage shingles with the text that are examined at most."""


def _short(doc_id: str) -> str:
    return doc_id.split(":", 1)[-1][:8]


def file_name(document: Document) -> str:
    """The file name for a document: slug of the title, `--`, 8 hex of its id."""
    return f"{slugify(document.title)}--{_short(document.id)}{NOTES_SUFFIX}"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A notes file that may belong to an edited article, and the evidence for it."""

    path: Path
    """The notes file."""
    notes: int
    """Live notes in it."""
    found: int
    """How many of their passages are placed in the article's text (exactly or fuzzily)."""
    title_same: bool
    """The file's title is the article's."""
    path_same: bool
    """The article was last opened from where it is opened now, with this file's notes."""
    resemblance: float | None
    """Estimated resemblance of the text to one notes were made on here (None: none known)."""
    score: float = 0.0
    """The placement scores of the passages found, summed (context agreeing scores more)."""
    resembling: int = 0
    """Passages that, with their context, still closely align with the text (`_placed`)."""

    @property
    def share(self) -> float:
        """The share of passages placed."""
        return self.found / self.notes if self.notes else 0.0

    @property
    def certain(self) -> bool:
        """True when this is the article's file beyond reasonable doubt (module docstring)."""
        known = self.resemblance
        placed = self.found >= 1 and self.share >= MIN_FOUND
        if known is not None:  # a text the notes were made on is known here: it decides
            agrees = placed or self.title_same or self.path_same
            return (known >= SAME_TEXT and agrees) or known >= SAME_TEXT_ALONE
        # From the files alone, passages found (maybe fuzzily) are weak evidence: they may be
        # in boilerplate another article shares, under the same title. Ask for the path too.
        return self.title_same and self.path_same and placed

    @property
    def likely(self) -> bool:
        """True when this may well be the article's file: worth offering."""
        known = self.resemblance
        if known is not None:
            return known >= OTHER_TEXT
        placed = self.found >= 1 and self.share >= MIN_FOUND
        resembling = self.resembling >= 1 and self.resembling >= self.notes * MIN_FOUND
        return placed or (self.title_same and (self.path_same or resembling))

    def rank(self) -> tuple[float, bool, bool, float, float]:
        """Sort key, best last: resemblance, then path, title, and passages found (`score`).

        Passages found count, and those not found count against: one passage in shared
        boilerplate, found in a file of one note, must not outrank three of four found in
        the article's file, nor one of two found outrank one of one.
        """
        net = self.score - UNPLACED_PENALTY * (self.notes - self.found)
        return (self.resemblance or 0.0, self.path_same, self.title_same, net, self.share)


@dataclass(frozen=True, slots=True)
class Lookup:
    """What `find_notes` found for an article."""

    path: Path | None
    """The article's notes file when the lookup is certain (it may be unreadable)."""
    how: str = ""
    """How it was found: `url`, `hash`, `name`, `resemblance`, `unreadable`, or empty."""
    offer: Candidate | None = None
    """A likely but uncertain file, when `path` is None: to be offered, never used silently."""


def source_key(article: Article) -> str | None:
    """Where the article was opened from, as the index remembers it (None for stdin)."""
    if article.url:
        return normalise_url(article.url)
    source = article.source
    if not source or source.startswith("<"):
        return None
    try:
        return str(Path(source).expanduser().resolve())
    except (OSError, RuntimeError):
        return None


def find_notes_file(article: Article, directory: Path) -> Path | None:
    """The notes file for `article` in `directory` when the lookup is certain, else None."""
    return find_notes(article, directory).path


def find_notes(article: Article, directory: Path, *, new_name: str | None = None) -> Lookup:
    """Look up `article`'s notes file in `directory` (see the module docstring).

    `new_name` is the file the caller starts when nothing is found: the index remembers it
    as this article's (its text, path and sketch), so it is found again after an edit.
    """
    if new_name is None and not directory.is_dir():
        return Lookup(None)
    try:
        with NotesIndex.open(directory) as index:
            return _look_up(article, index, new_name)
    except sqlite3.Error:  # the index broke while in use (another process replaced it...)
        with NotesIndex.in_memory(directory) as index:
            return _look_up(article, index, new_name)


def _look_up(article: Article, index: NotesIndex, new_name: str | None) -> Lookup:
    if not index.directory.is_dir():
        lookup = Lookup(None)  # no notes at all yet
    elif index.missed(article.text_sha256):
        # Nothing was found for this text and no file changed since: a book without notes
        # is not shingled again on every open.
        return Lookup(None)
    else:
        lookup = _find(article, index)
    if (
        lookup.path is None
        and lookup.offer is None
        and index.sweep_due()
        and index.refresh(full=True)
    ):
        lookup = _find(article, index)  # a file was rewritten in place: look again
    if lookup.path is None and lookup.offer is None and index.directory.is_dir():
        with contextlib.suppress(sqlite3.Error):
            index.record_miss(article.text_sha256)
    target = lookup.path
    if target is None and new_name is not None:
        # Remembered even beside an offer: if the user declines it and makes notes here,
        # the new file is the article's.
        target = index.directory / new_name
    if target is not None:
        _remember(index, article, target.name)
    return lookup


def decline(article: Article, path: Path, directory: Path) -> None:
    """Remember that the user refused the notes in `path` for `article`: not offered again."""
    with contextlib.suppress(sqlite3.Error), NotesIndex.open(directory) as index:
        index.decline(path.name, article.text_sha256)


def _remember(index: NotesIndex, article: Article, name: str) -> None:
    text_sha256 = article.text_sha256
    source = source_key(article)
    text_sketch = None if index.has_sketch(name, text_sha256) else _sketch(article)
    if (
        text_sketch is None
        and name in index.by_hash(text_sha256)
        and (source is None or index.by_path(source) == name)
    ):
        return  # nothing new: no write
    with contextlib.suppress(sqlite3.Error):  # the index is a cache: never fail an open for it
        index.remember(name, text_sha256=text_sha256, source=source, text_sketch=text_sketch)


_SKETCHES: dict[str, tuple[int, ...]] = {}
"""The sketches of the last few texts looked up (a book takes a tenth of a second)."""


def _sketch(article: Article) -> tuple[int, ...]:
    found = _SKETCHES.get(article.text_sha256)
    if found is None:
        if len(_SKETCHES) >= 4:
            _SKETCHES.pop(next(iter(_SKETCHES)))
        found = _SKETCHES[article.text_sha256] = sketch(article.text)
    return found


def _find(article: Article, index: NotesIndex) -> Lookup:
    directory = index.directory
    certain: list[tuple[str, str]] = []
    if article.url:
        certain += [(name, "url") for name in index.by_url(article.url)]
    certain += [(name, "hash") for name in index.by_hash(article.text_sha256)]
    ids = [document_id(article.url, article.text_sha256)]
    if article.url:
        ids.append(document_id(None, article.text_sha256))
    for doc_id in ids:
        certain += [(name, "name") for name in index.by_short_id(_short(doc_id))]
    for name, how in certain:
        if index.check(name):
            return Lookup(directory / name, how)
    return _resembling(article, index)


def _resembling(article: Article, index: NotesIndex) -> Lookup:
    source = source_key(article)
    last_opened = index.by_path(source) if source else None
    text_sketch = _sketch(article)
    names = [name for name, _ in index.by_sketch(text_sketch, CANDIDATES)]
    names += index.by_title(article.title)
    if article.title:  # a file too broken to have a title in the index has one in its name
        names += index.by_name_prefix(f"{slugify(article.title)}--")
    if last_opened:
        names.append(last_opened)
    candidates: list[Candidate] = []
    unreadable: list[Path] = []
    seen: set[str] = set()
    evidence = _Evidence(article, index, last_opened, text_sketch)
    evidence.examine(names, seen, candidates, unreadable)
    if sum(1 for c in candidates if c.certain) != 1 and index.has_shingles():
        # Not settled by what this machine recorded: look for the passages themselves.
        # (Hashing a 3 MB book's shingles and probing with them takes about 3 s of CPU, in
        # the reader's notes worker while the book opens: skipped when no passage is
        # indexed, as for everyone who has no notes yet.)
        found = index.by_shingles(shingles(article.text), CANDIDATES)
        evidence.examine([name for name, _ in found], seen, candidates, unreadable)
    sure = [c for c in candidates if c.certain]
    if len(sure) == 1:
        return Lookup(sure[0].path, "resemblance")
    if unreadable and not sure:
        return Lookup(unreadable[0], "unreadable")
    likely = sure or [c for c in candidates if c.likely]
    likely = [c for c in likely if not index.declined(c.path.name, article.text_sha256)]
    if likely:
        return Lookup(None, offer=max(likely, key=Candidate.rank))
    return Lookup(None)


@dataclass(frozen=True, slots=True)
class _Evidence:
    """What candidates are weighed against: the article, the index, what it remembers."""

    article: Article
    index: NotesIndex
    last_opened: str | None
    text_sketch: tuple[int, ...]

    def examine(
        self,
        names: list[str],
        seen: set[str],
        candidates: list[Candidate],
        unreadable: list[Path],
    ) -> None:
        """Weigh each file of `names` not `seen` yet; add it to `candidates` or `unreadable`."""
        index = self.index
        directory = index.directory
        for name in dict.fromkeys(names):
            if name in seen:
                continue
            seen.add(name)
            if not index.check(name):
                continue
            entry = index.entry(name)
            if entry is None:
                continue
            title_same = bool(entry.title) and entry.title == title_key(self.article.title)
            path_same = name == self.last_opened
            if entry.broken:
                named = bool(self.article.title) and name.startswith(
                    f"{slugify(self.article.title)}--"
                )
                if title_same or path_same or named:
                    unreadable.append(directory / name)
                continue
            found = _placed(directory / name, self.article.text)
            if found is None:
                continue
            notes, placed, score, resembling = found
            known = index.sketches(name)
            similar = max((resemblance(self.text_sketch, k) for k in known), default=None)
            candidates.append(
                Candidate(
                    directory / name,
                    notes,
                    placed,
                    title_same,
                    path_same,
                    similar,
                    score=score,
                    resembling=resembling,
                )
            )


def _placed(path: Path, text: str) -> tuple[int, int, float, int] | None:
    """What of `path`'s passages is in `text`: `(passages, placed, score, resembling)`.

    `placed` counts the passages the re-anchoring matcher places, `score` sums their
    placement scores (which weigh how well the context around each agrees), and
    `resembling` counts the passages whose text with its context still aligns with the
    text at `NEEDLE_SCORE` or better (a short passage with one word changed may be too
    different to be placed, yet plainly still there).
    """
    try:
        notes = parse_bytes(read_regular(path), str(path))
    except (OSError, NotesFormatError):
        return None
    selectors = [a.selector for a in notes.live if a.selector is not None]
    placed = 0
    score = 0.0
    for _, placement in placements(selectors, text):
        if placement.placed:
            placed += 1
            score += placement.score
    from rapidfuzz import fuzz

    resembling = sum(
        1
        for selector in selectors
        if fuzz.partial_ratio(
            selector.prefix + selector.exact + selector.suffix, text, score_cutoff=NEEDLE_SCORE
        )
    )
    return len(selectors), placed, score, resembling
