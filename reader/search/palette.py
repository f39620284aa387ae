"""Scoring short labels for the command palette: speakers, quote openings, headings, commands.

Textual's own matcher is fine for a few command names but far too slow for hundreds of
paragraph-length labels; this scores them with rapidfuzz in C, ignores case and diacritics,
and says which characters matched so the palette can highlight them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from reader.search.fold import FoldedText, fold

PALETTE_CUTOFF = 55.0
"""Least score (0-100) for a label to be offered."""


@dataclass(frozen=True, slots=True)
class LabelMatch:
    """A label that matches the palette query."""

    index: int
    """Position of the label in the sequence given."""
    label: str
    """The label itself."""
    score: float
    """0-100, higher is better."""
    positions: tuple[int, ...]
    """Offsets of the label's characters that match the query, for highlighting."""


def _scorer(query: str, label: str, *, score_cutoff: float | None = None) -> float:
    """WRatio, plus a bonus when the label starts with the query or holds it whole."""
    score = fuzz.WRatio(query, label)
    if label.startswith(query):
        score = max(score, 95.0 + 5.0 * len(query) / max(len(label), 1))
    elif query in label:
        score = max(score, 92.0)
    return score if score_cutoff is None or score >= score_cutoff else 0.0


def rank_labels(
    query: str,
    labels: Sequence[str],
    *,
    limit: int = 20,
    score_cutoff: float = PALETTE_CUTOFF,
) -> list[LabelMatch]:
    """The labels matching `query`, best first; with an empty query, the first `limit` labels."""
    if not query.strip():
        return [LabelMatch(i, label, 0.0, ()) for i, label in enumerate(labels[:limit])]
    needle = fold(query.strip())
    folded = [FoldedText(label) for label in labels]
    found = process.extract(
        needle,
        [f.caseless for f in folded],
        scorer=_scorer,
        limit=limit,
        score_cutoff=score_cutoff,
    )
    found.sort(key=lambda item: (-item[1], item[2]))
    return [
        LabelMatch(index, labels[index], round(score, 2), _positions(needle, folded[index]))
        for _, score, index in found
    ]


def _positions(needle: str, label: FoldedText) -> tuple[int, ...]:
    """Original offsets of the label characters aligned with the query's characters."""
    found = label.caseless.find(needle)
    if found != -1:
        start, end = label.original_span(found, found + len(needle))
        return tuple(range(start, end))
    positions: list[int] = []
    for op in Indel.opcodes(needle, label.caseless):
        if op.tag == "equal":
            for folded in range(op.dest_start, op.dest_end):
                positions.append(label.original_offset(folded))
    return tuple(sorted(set(positions)))
