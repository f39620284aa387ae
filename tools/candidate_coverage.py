"""How often the right speaker is among the candidates the rules offer the speaker scorer.

The scorer (`reader/extract/scorer.py`) can only pick among the candidates that the rules list
(`SpeakerTable._person_pronoun` for `he` / `she`, `turns._turn_candidates` for a quote-opened
paragraph naming nobody). This tool reads gold JSONL files through the product's own loader and
extractor, matches quotes as `quotes_eval.py` does, and for each gold quote of interest says
whether the gold speaker was offered:

* `pronoun`: gold quotes whose speaker is a pronoun (PolNeAR with `corenlp/`) or flagged
  `anaphoric` (PDNC);
* `unattributed`: gold quotes flagged `implicit` (PDNC), and quotes the extractor decided by a
  turn rule (a quote-opened paragraph whose sentence names nobody).

A quote is `covered` when a candidate's name passes `quotes_eval.speaker_ok`, `decided
elsewhere` when no choice among candidates was recorded for it (a named mention, or a
continuation rule that does not rank), `unmatched` when no predicted quote overlaps it. Misses
go to `--misses FILE` as JSON lines with the text around them, to be read and classified by
hand. Two first hints come with each: `known`, whether the right speaker was met anywhere in
the text, and `why`, read off a snapshot of the speaker table taken at the choice (`not met
yet`, `beyond reach: N paragraphs back`, `sex told m`, `kind org`, `cut: N others later`).

    .venv/bin/python tools/candidate_coverage.py GOLD.jsonl [...] [--misses /tmp/m.jsonl]

Run it on PolNeAR train and the PDNC development novels only: the dev sets are for checking.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.extract import turns  # noqa: E402
from reader.extract.mentions import PERSON, ROLE, Mention  # noqa: E402
from reader.extract.model import QuoteKind  # noqa: E402
from reader.extract.pipeline import run  # noqa: E402
from reader.extract.scorer import MAX_CANDIDATES  # noqa: E402
from reader.extract.speakers import Cluster, PronounChoice, SpeakerTable  # noqa: E402
from reader.load import load_bytes  # noqa: E402
from tools.train_speaker_scorer import locate, quotes_eval, records  # noqa: E402

PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
"""Gold speakers counted as `pronoun` quotes (PolNeAR with coreference)."""


def category(quote: dict[str, Any]) -> str | None:
    """`pronoun`, `unattributed` or None, from the gold quote alone."""
    flags = quote.get("flags") or []
    if "anaphoric" in flags or (quote.get("speaker") or "").lower() in PRONOUNS:
        return "pronoun"
    if "implicit" in flags:
        return "unattributed"
    return None


class Snapshot(NamedTuple):
    """What the speaker table held when one choice was made (for `why`)."""

    paragraph: int
    """The paragraph of the pronoun or quote."""
    state: list[tuple[Cluster, int, str | None, bool]]
    """Each speaker met so far, latest first: cluster, last paragraph, sex, sex told."""


class WatchedTable(SpeakerTable):
    """A speaker table that keeps a snapshot of what it held at each pronoun it resolves."""

    def __init__(self) -> None:
        super().__init__()
        self.snapshots: dict[tuple[str, int], Snapshot] = {}

    def snapshot(self, paragraph: int) -> Snapshot:
        """The speakers met so far, latest first, as they stand now."""
        state = [
            (c, c.last_paragraph, c.gender, c.gender_told) for c in reversed(self._recency.values())
        ]
        return Snapshot(paragraph, state)

    def _person_pronoun(
        self,
        mention: Mention,
        want: str,
        paragraph: int,
        turn: Cluster | None,
        previous: Cluster | None,
    ) -> Cluster | None:
        self.snapshots["pronoun", mention.start] = self.snapshot(paragraph)
        return super()._person_pronoun(mention, want, paragraph, turn, previous)


def _watch_turns() -> None:
    """Make `turns._turn_candidates` keep a snapshot of the table at each quote it ranks."""
    original = turns._turn_candidates

    def watched(ctx: Any, people: SpeakerTable, decision: Any) -> Any:
        if isinstance(people, WatchedTable) and ctx.item.raw is not None:
            start = ctx.item.raw.segments[0].start
            people.snapshots["turn", start] = people.snapshot(ctx.item.paragraph)
        return original(ctx, people, decision)

    turns._turn_candidates = watched


def why(snapshot: Snapshot | None, aliases: list[str], qe: Any, decision: str) -> str:
    """Why the right speaker was not among a choice's candidates, read off the snapshot."""
    if snapshot is None:
        return "no snapshot"
    fitting = 0
    for cluster, last, sex, told in snapshot.state:
        if not qe.speaker_ok(cluster.name, aliases):
            if cluster.kind in (PERSON, ROLE):
                fitting += 1
            continue
        back = snapshot.paragraph - last
        if cluster.kind not in (PERSON, ROLE):
            return f"kind {cluster.kind}"
        if decision == "pronoun" and told:
            return f"sex told {sex}"
        if fitting >= MAX_CANDIDATES:
            return f"cut: {fitting} others later"
        return f"beyond reach: {min(back, 12)} paragraphs back"
    return "not met yet"


def coverage(
    record: dict[str, Any],
    qe: Any,
    tally: Counter[str],
    misses: list[dict[str, Any]],
    wrong: bool = False,
) -> None:
    """Tally one gold record's quotes of interest; append its misses to `misses`.

    `wrong`: append every quote given the wrong speaker, each with its `cause` (`not offered`,
    `offered, ranked wrong`, `pronoun not the speaker`), not only those missing a candidate.
    """
    text = record["text"]
    article = load_bytes(text.encode("utf-8"), name="article.txt", source="<coverage>")
    table = WatchedTable()
    table.choices = []
    extraction = run(article, table)
    by_start = {(c.decision, c.start): c for c in table.choices}
    preds: list[tuple[int, int]] = []
    found: list[tuple[PronounChoice | None, str | None, str | None]] = []
    cursor = 0
    for quote in extraction.quotes:
        if quote.nested or quote.kind not in (QuoteKind.DIRECT, QuoteKind.PARTIAL):
            continue
        ev = quote.evidence
        span = ev.mention_span if ev else None
        choice = by_start.get(("pronoun", span.start)) if span is not None else None
        if choice is None:
            choice = by_start.get(("turn", quote.start))
        speaker = extraction.speaker(quote.speaker)
        rule = ev.rule if ev else None
        segments = quote.segments if quote.split else [quote]
        for segment in segments:  # one gold quote per half of a split quote
            piece = article.text[segment.start : segment.end].split("\n\n")[0]
            at, end = locate(text, piece, cursor)
            if at < 0:
                continue
            cursor = end
            preds.append((at, end))
            found.append((choice, speaker.name if speaker else None, rule))
    gold = [q for q in record["quotes"] if q.get("start") is not None]
    spans = [qe.trim(text, q["start"], q["end"]) for q in gold]
    matched = {gi: pi for gi, pi, _ in qe.match(text, spans, preds, 0.5)}
    for gi, q in enumerate(gold):
        aliases = qe.gold_aliases(q)
        if not aliases:
            continue
        pi = matched.get(gi)
        cat = category(q)
        choice = found[pi][0] if pi is not None else None
        if cat is None and choice is not None and choice.decision == "turn":
            cat = "unattributed"
        if cat is None:
            continue
        tally[f"{cat}: all"] += 1
        if pi is None:
            tally[f"{cat}: unmatched"] += 1
            continue
        _, said, rule = found[pi]
        right = said is not None and qe.speaker_ok(said, aliases)
        tally[f"{cat}: right"] += right
        if choice is None:
            tally[f"{cat}: decided elsewhere"] += 1
            ok = right
            names = [said] if said else []
            how = f"rule {rule}"
        else:
            names = [c.name for c in choice.clusters]
            ok = any(qe.speaker_ok(n, aliases) for n in names)
            how = choice.decision
        tally[f"{cat}: covered"] += ok
        if ok and (right or not wrong):
            continue
        known = [c.name for c in table.clusters if qe.speaker_ok(c.name, aliases)]
        if ok:
            cause = "offered, ranked wrong"
        else:
            tally[f"{cat}: missed"] += 1
            tally[f"{cat}: missed, known elsewhere"] += bool(known)
            cause = "not offered" if choice is not None else "decided elsewhere"
        key = (choice.decision, choice.start) if choice is not None else None
        reason = why(table.snapshots.get(key), aliases, qe, how) if key and not ok else how
        start = q["start"]
        misses.append(
            {
                "id": record["id"],
                "category": cat,
                "cause": cause,
                "how": how,
                "why": reason,
                "gold": q.get("speaker"),
                "aliases": aliases[:5],
                "candidates": names,
                "said": said,
                "known": known[:3],
                "before": text[max(0, start - 700) : start],
                "quote": text[start : q["end"]][:200],
                "after": text[q["end"] : q["end"] + 150],
            }
        )


def main(argv: list[str] | None = None) -> None:
    """Print the coverage tally per file; write the misses when asked."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--misses", type=Path)
    parser.add_argument(
        "--wrong",
        action="store_true",
        help="--misses lists every quote given the wrong speaker, with its cause",
    )
    args = parser.parse_args(argv)
    qe = quotes_eval()
    _watch_turns()
    misses: list[dict[str, Any]] = []
    for path in args.gold:
        tally: Counter[str] = Counter()
        for record in records([path]):
            coverage(record, qe, tally, misses, args.wrong)
        print(path)
        for cat in ("pronoun", "unattributed"):
            n = tally[f"{cat}: all"]
            if not n:
                continue
            parts = ", ".join(
                f"{k.split(': ')[1]} {v}" for k, v in sorted(tally.items()) if k.startswith(cat)
            )
            covered, right = tally[f"{cat}: covered"] / n, tally[f"{cat}: right"] / n
            print(f"  {cat}: covered {covered:.3f}  right {right:.3f}  ({parts})")
    if args.misses:
        with args.misses.open("w", encoding="utf-8") as f:
            for m in misses:
                f.write(json.dumps(m, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
