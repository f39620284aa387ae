"""Library-wide search: the in-article query language over the index's FTS5 tables.

The query is parsed as in an article (`reader.search.query`: words in any order, `"exact
phrase"`, `@name` for what a person said). Each word that is not in the library's vocabulary
is replaced by the vocabulary terms closest to it (rapidfuzz, same first letter, score >= 80),
so typos still find; FTS5 then ranks passages and quotes by bm25, and the two lists are merged
by rank.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reader.library import lookup
from reader.library.library import Library
from reader.search.fold import fold
from reader.search.query import parse_query

CANDIDATES = 2000
"""Matches ranked per table: the newest ones (a common phrase matches tens of thousands)."""

MAX_EXPANSIONS = 4
"""Vocabulary terms a misspelt word may stand for."""


@dataclass(frozen=True, slots=True)
class LibraryHit:
    """One passage or quote that matches, with its article."""

    kind: str
    """`passage` or `quote`."""
    article_id: str
    """The article it is in."""
    title: str
    """The article's title."""
    date: str
    """The article's date."""
    paragraph: int
    """Index of the paragraph."""
    text: str
    """The passage or the quote."""
    score: float
    """bm25 rank (lower is better, as FTS5 gives it)."""
    speaker: str | None = None
    """For a quote, who said it."""
    start: int = -1
    """For a quote, its offset in the article's text (-1 for a passage: its paragraph's)."""


class Vocabulary:
    """The index's terms grouped by first letter, read once per library (for typo expansion)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._terms: set[str] | None = None
        self._by_letter: dict[str, list[str]] = {}

    def _load(self) -> set[str]:
        if self._terms is None:
            self._terms = {row[0] for row in self._db.execute("SELECT term FROM passage_terms")}
            for term in self._terms:
                self._by_letter.setdefault(term[:1], []).append(term)
        return self._terms

    def expand(self, word: str) -> list[str]:
        """The terms `word` may mean: itself when known, else its closest terms."""
        terms = self._load()
        if word in terms or len(word) < 3:
            return [word]
        return _closest(word, tuple(self._by_letter.get(word[:1], ())))


@lru_cache(maxsize=256)
def _closest(word: str, choices: tuple[str, ...]) -> list[str]:
    from rapidfuzz import fuzz, process

    found = process.extract(word, choices, scorer=fuzz.ratio, score_cutoff=80, limit=MAX_EXPANSIONS)
    return [term for term, _score, _index in found] or [word]


def _hit(kind: str, row: tuple[Any, ...]) -> LibraryHit:
    speaker = row[6] if len(row) > 6 else None
    start = row[7] if len(row) > 7 else -1
    return LibraryHit(kind, row[0], row[1], row[2], row[3], row[4], row[5], speaker, start)


def _fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def match_expression(query: str, vocabulary: Vocabulary) -> tuple[str, str]:
    """The FTS5 MATCH expression for `query`, and the `@name` it restricts to (or '')."""
    parsed = parse_query(query)
    parts = [_fts_string(fold(phrase)) for phrase in parsed.phrases]
    for word in parsed.words:
        folded = fold(word)
        tokens = [t for t in "".join(c if c.isalnum() else " " for c in folded).split() if t]
        for token in tokens:
            options = vocabulary.expand(token)
            parts.append("(" + " OR ".join(_fts_string(t) for t in options) + ")")
    return " AND ".join(parts), parsed.speaker


class LibrarySearch:
    """Searches one library; keeps its vocabulary between queries (search as you type)."""

    def __init__(self, library: Library, db: sqlite3.Connection | None = None) -> None:
        self.library = library
        """The library searched."""
        self.db = db or library.db
        """The index connection searched (the library screen gives one its threads may use)."""
        self.vocabulary = Vocabulary(self.db)
        """Its terms, for typos."""

    def search(self, query: str, limit: int = 20) -> list[LibraryHit]:
        """The best passages and quotes for `query`, best first."""
        expression, speaker = match_expression(query, self.vocabulary)
        db = self.db
        hits: list[LibraryHit] = []
        person_id = name = None
        if speaker:
            person = lookup.find_person(db, speaker)
            if person is None:
                return []
            person_id, name = person.id, person.name
        if expression:
            # Ranked among the newest `CANDIDATES` matches: bm25 over every match of a common
            # phrase in a big library costs more than a keystroke may (177 ms at 2,000 articles).
            # A person's quotes are few enough to rank whole (the window would miss theirs).
            window = "" if person_id else " ORDER BY rowid DESC LIMIT ?"
            quote_sql = (
                "WITH c AS (SELECT rowid AS id, bm25(quote_text) AS score FROM quote_text"
                f" WHERE quote_text MATCH ?{window})"
                " SELECT a.id, a.title, a.date, r.paragraph, r.text, c.score, p.name, r.start"
                " FROM c JOIN quote_rows r ON r.rowid = c.id"
                " JOIN articles a ON a.id = r.article_id LEFT JOIN people p ON p.id = r.person_id"
                f"{' WHERE r.person_id = ?' if person_id else ''}"
                " ORDER BY c.score LIMIT ?"
            )
            params: list[object] = [expression, person_id or CANDIDATES, limit]
            for row in db.execute(quote_sql, params):
                hits.append(_hit("quote", row))
            if not person_id:
                for row in db.execute(
                    "WITH c AS (SELECT rowid AS id, bm25(passage_text) AS score"
                    " FROM passage_text WHERE passage_text MATCH ? ORDER BY rowid DESC LIMIT ?)"
                    " SELECT a.id, a.title, a.date, r.paragraph, t.text, c.score"
                    " FROM c JOIN passage_rows r ON r.rowid = c.id"
                    " JOIN passage_text t ON t.rowid = c.id JOIN articles a ON a.id = r.article_id"
                    " ORDER BY c.score LIMIT ?",
                    (expression, CANDIDATES, limit),
                ):
                    hits.append(_hit("passage", row))
        elif person_id:
            for said in lookup.said_by(db, person_id, limit):
                hits.append(
                    LibraryHit(
                        "quote",
                        said.article_id,
                        said.title,
                        said.date,
                        said.paragraph,
                        said.text,
                        0.0,
                        speaker=name,
                        start=said.start,
                    )
                )
        hits.sort(key=lambda hit: hit.score)
        return hits[:limit]
