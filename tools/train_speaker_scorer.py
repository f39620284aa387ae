"""Train the speaker scorer (`reader/extract/scorer.py`) and write its weights as JSON.

Each gold file is read article by article through the product's own loader and extractor, with
the rules alone choosing (`SpeakerTable.use_scorer = False`) and every `he` / `she` resolution
recorded (`SpeakerTable.choices`). A resolution whose quote matches a gold quote (one-to-one, at
least half its words, as `quotes_eval.py` matches) becomes a training example: its candidates,
each labelled right when its name passes `quotes_eval.speaker_ok` against the gold speaker and
aliases. A resolution none of whose candidates is right teaches nothing and is only counted.

The model is a conditional logit (a softmax over one pronoun's candidates, the log of the
right candidates' share maximised, L2-regularised), fitted by full-batch gradient descent in
pure Python. Documents are split in `--folds` folds to report held-out accuracy next to the
rules' before the final fit on everything.

Train only on PolNeAR train (converted with `corenlp/`) and the PDNC development novels:

    .venv/bin/python tools/train_speaker_scorer.py POLNEAR_TRAIN.jsonl PDNC_DEV.jsonl

(`../shared/eval/README.md` says how to convert both.) The weights written are those shipped;
the figures printed are the held-out fold accuracies, the rules' beside the scorer's.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.extract.model import QuoteKind  # noqa: E402
from reader.extract.pipeline import run  # noqa: E402
from reader.extract.scorer import Candidate, pronoun_features, turn_features  # noqa: E402
from reader.extract.speakers import PronounChoice, SpeakerTable  # noqa: E402
from reader.load import load_bytes  # noqa: E402

OUT = ROOT / "reader" / "extract" / "data" / "speaker_scorer.json"
EVAL = ROOT.parent / "shared" / "eval" / "quotes_eval.py"

Example = tuple[list[dict[str, float]], list[bool], int | None, str]
"""One choice: each candidate's features, which are right, the rules' pick, the document."""

SECTIONS = {"pronoun": "weights", "turn": "turn_weights"}
"""Each decision the scorer makes, and the section of the weights file it reads."""


def quotes_eval() -> ModuleType:
    """The shared scorer, imported by path: its matching and speaker test are the measure."""
    spec = importlib.util.spec_from_file_location("quotes_eval", EVAL)
    if spec is None or spec.loader is None:
        raise SystemExit(f"train_speaker_scorer: cannot load {EVAL}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def records(paths: Sequence[Path]) -> Iterator[dict[str, Any]]:
    """Every gold record of the JSONL files, in order."""
    for path in paths:
        with path.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)


def locate(text: str, piece: str, cursor: int) -> tuple[int, int]:
    """Where `piece` of the loaded article is in the gold `text`, at or after `cursor`.

    The loader reflows lines (a novel's hard line breaks become spaces), so the words are
    matched with any whitespace between them; before, two in five PDNC quotes were never found
    and taught nothing. (-1, -1) when not found.
    """
    at = text.find(piece, cursor)
    if at >= 0:
        return at, at + len(piece)
    words = piece.split()
    if not words:
        return -1, -1
    found = re.compile(r"\s+".join(map(re.escape, words))).search(text, cursor)
    return (found.start(), found.end()) if found else (-1, -1)


def examples(
    record: dict[str, Any], qe: ModuleType, stats: dict[str, int]
) -> dict[str, list[Example]]:
    """The labelled choices of one gold record, by decision (`pronoun`, `turn`)."""
    text = record["text"]
    article = load_bytes(text.encode("utf-8"), name="article.txt", source="<train>")
    table = SpeakerTable()
    table.use_scorer = False
    table.choices = []
    extraction = run(article, table)
    by_start: dict[tuple[str, int], PronounChoice] = {
        (c.decision, c.start): c for c in table.choices
    }
    preds: list[tuple[int, int]] = []
    chosen: list[PronounChoice] = []
    cursor = 0
    for quote in extraction.quotes:
        if quote.nested or quote.kind not in (QuoteKind.DIRECT, QuoteKind.PARTIAL):
            continue
        span = quote.evidence.mention_span if quote.evidence else None
        choice = by_start.get(("pronoun", span.start)) if span is not None else None
        if choice is None:
            choice = by_start.get(("turn", quote.start))
        for segment in quote.segments if quote.split else [quote]:
            # one gold quote per half of a split quote, as quotes_eval reads them
            piece = article.text[segment.start : segment.end].split("\n\n")[0]
            at, end = locate(text, piece, cursor)
            if at < 0:
                continue
            cursor = end
            if choice is not None:
                preds.append((at, end))
                chosen.append(choice)
    gold = [q for q in record["quotes"] if q.get("start") is not None]
    spans = [qe.trim(text, q["start"], q["end"]) for q in gold]
    out: dict[str, list[Example]] = {d: [] for d in SECTIONS}
    for gi, pi, _ in qe.match(text, spans, preds, 0.5):
        aliases = qe.gold_aliases(gold[gi])
        if not aliases:
            continue
        choice = chosen[pi]
        labels = [qe.speaker_ok(c.name, aliases) for c in choice.clusters]
        d = choice.decision
        stats[f"{d} choices"] += 1
        if not any(labels):
            stats[f"{d}: no right candidate"] += 1
            if any(qe.speaker_ok(c.name, aliases) for c in table.clusters):
                stats[f"{d}: right speaker known elsewhere"] += 1
            continue
        feats = [
            pronoun_features(c) if isinstance(c, Candidate) else turn_features(c)
            for c in choice.candidates
        ]
        out[d].append((feats, labels, choice.rule, record["id"]))
    return out


def fit(data: Sequence[Example], l2: float, steps: int, rate: float) -> dict[str, float]:
    """Weights maximising the log share of the right candidates (gradient ascent, L2)."""
    names = sorted({n for feats, *_ in data for f in feats for n in f})
    w = dict.fromkeys(names, 0.0)
    n = len(data)
    for _ in range(steps):
        grad = dict.fromkeys(names, 0.0)
        for feats, labels, _, _ in data:
            scores = [sum(w[k] * v for k, v in f.items()) for f in feats]
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            right = sum(e for e, ok in zip(exps, labels, strict=True) if ok)
            for f, e, ok in zip(feats, exps, labels, strict=True):
                # d/dw log(right/total) = E_right[f] - E_all[f]
                coef = (e / right if ok else 0.0) - e / total
                for k, v in f.items():
                    grad[k] += coef * v
        for k in names:
            w[k] += rate * (grad[k] / n - l2 * w[k])
    return w


def accuracy(data: Sequence[Example], w: dict[str, float] | None) -> float:
    """Share of examples whose pick is right: the model's, or the rules' when `w` is None."""
    hits = 0
    for feats, labels, rule, _ in data:
        if w is None:
            pick = rule
        else:
            scores = [sum(w.get(k, 0.0) * v for k, v in f.items()) for f in feats]
            pick = max(range(len(scores)), key=lambda i: (scores[i], -i))
        hits += pick is not None and labels[pick]
    return hits / len(data) if data else 0.0


def main(argv: list[str] | None = None) -> None:
    """Build the examples, report held-out accuracy by folds, fit on all, write the weights."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("gold", nargs="+", type=Path, help="PolNeAR train / PDNC dev JSONL")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--l2", type=float, default=0.01)
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--rate", type=float, default=1.0)
    args = parser.parse_args(argv)
    qe = quotes_eval()
    stats: Counter[str] = Counter()
    data: dict[str, list[Example]] = {d: [] for d in SECTIONS}
    for record in records(args.gold):
        for d, found in examples(record, qe, stats).items():
            data[d].extend(found)
    print(f"examples: { {d: len(v) for d, v in data.items()} }  {dict(stats)}", file=sys.stderr)
    payload: dict[str, Any] = {
        "about": "Weights of reader.extract.scorer, written by tools/train_speaker_scorer.py",
        "trained_on": [p.name for p in args.gold],
        "examples": {d: len(v) for d, v in data.items()},
        "l2": args.l2,
    }
    for d, section in SECTIONS.items():
        docs = sorted({doc for *_, doc in data[d]})
        fold_of = {doc: i % args.folds for i, doc in enumerate(docs)}
        for fold in range(args.folds):
            train = [e for e in data[d] if fold_of[e[3]] != fold]
            test = [e for e in data[d] if fold_of[e[3]] == fold]
            w = fit(train, args.l2, args.steps, args.rate)
            print(
                f"{d} fold {fold}: n={len(test)} rules {accuracy(test, None):.3f}"
                f"  scorer {accuracy(test, w):.3f}",
                file=sys.stderr,
            )
        w = fit(data[d], args.l2, args.steps, args.rate)
        print(
            f"{d} all: rules {accuracy(data[d], None):.3f}  scorer {accuracy(data[d], w):.3f}",
            file=sys.stderr,
        )
        payload[section] = {k: round(v, 4) for k, v in sorted(w.items()) if abs(v) >= 1e-4}
    args.out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
