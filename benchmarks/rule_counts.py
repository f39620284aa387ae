"""How often each extraction rule fires on a gold set, and how often it is right.

    .venv/bin/python benchmarks/rule_counts.py GOLD.jsonl [--scorer PATH]

For every top-level quote between marks (`quotes_adapter.extract_text_all`), the rule that
decided its kind (`Evidence.kind_rule`) and the attribution rule that chose its speaker
(`Evidence.rule`) are counted. Quotes are matched to the gold set with the evaluator's own
functions (`../shared/eval/quotes_eval.py`: edge trimming, one-to-one overlap matching, speaker
names compared with titles and surnames folded), so the counts agree with its tables.

* A kind rule is right when it reported a quote (direct or partial) that is a gold quote, or
  held back (scare or title) a span that is a gold non-quote; a span in neither gold list is
  not scored (`neither`). `kind=` counts reported quotes whose kind is also the gold kind.
* An attribution rule is scored on the quotes matched to a gold quote with a nameable speaker;
  it is right when the speaker's name matches the gold speaker or an alias.

Rule names come from the evidence itself, so a new rule shows up here without a change.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.quotes_adapter import extract_text_all

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "quotes_eval.py"
"""The team's evaluator, beside the repository (its functions are reused, not copied)."""
OVERLAP = 0.5
"""The evaluator's default: share of words two spans must share to match."""
_REPORTED = frozenset({"direct", "partial"})


def load_scorer(path: Path) -> ModuleType:
    """Import the evaluator from its file."""
    spec = importlib.util.spec_from_file_location("quotes_eval", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"rule_counts: cannot load the evaluator {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def count(records: Sequence[dict[str, Any]], ev: ModuleType) -> dict[str, Counter[str]]:
    """Per rule (`kind:NAME`, `speaker:NAME`): fired, scored, right and the other tallies."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for record in records:
        text = record["text"]
        gold = record.get("quotes", [])
        gold_spans = [ev.trim(text, q["start"], q["end"]) for q in gold]
        non_spans = [ev.trim(text, q["start"], q["end"]) for q in record.get("nonquotes", [])]
        preds: list[dict[str, Any]] = []
        spans: list[tuple[int, int]] = []
        for q in extract_text_all(text)["quotes"]:
            where = ev.locate(text, q)
            if where is None:
                continue
            s, e = ev.trim(text, *where)
            if e > s:
                preds.append(q)
                spans.append((s, e))
        to_gold = {pi: gi for gi, pi, _ in ev.match(text, gold_spans, spans, OVERLAP)}
        rest = [pi for pi in range(len(spans)) if pi not in to_gold]
        to_non = {
            rest[pi] for _, pi, _ in ev.match(text, non_spans, [spans[i] for i in rest], OVERLAP)
        }
        for pi, q in enumerate(preds):
            reported = q["kind"] in _REPORTED
            row = table[f"kind:{q.get('kind_rule')}"]
            row["fired"] += 1
            row[q["kind"]] += 1
            if pi in to_gold:
                row["scored"] += 1
                row["gold quote"] += 1
                row["right"] += reported
                row["kind="] += reported and gold[to_gold[pi]].get("kind", "direct") == q["kind"]
            elif pi in to_non:
                row["scored"] += 1
                row["gold non-quote"] += 1
                row["right"] += not reported
            else:
                row["neither"] += 1
            if not reported or (q.get("rule") is None and q.get("speaker") is None):
                continue
            srow = table[f"speaker:{q.get('rule')}"]
            srow["fired"] += 1
            if pi in to_gold:
                aliases = ev.gold_aliases(gold[to_gold[pi]])
                if aliases:
                    srow["scored"] += 1
                    srow["right"] += bool(ev.speaker_ok(q.get("speaker"), aliases))
    return table


_COLUMNS = ("fired", "scored", "right", "gold quote", "gold non-quote", "neither", "kind=")


def print_table(table: dict[str, Counter[str]]) -> None:
    """One line per rule, kind rules first, most fired first, with its precision."""
    width = max((len(name) for name in table), default=4)
    print(f"{'rule':<{width}}  " + "  ".join(f"{c:>6}" for c in _COLUMNS) + "  precision")
    for name in sorted(table, key=lambda n: (not n.startswith("kind:"), -table[n]["fired"], n)):
        row = table[name]
        share = f"{row['right'] / row['scored']:.3f}" if row["scored"] else "-"
        cells = "  ".join(f"{row[c]:>6}" for c in _COLUMNS)
        print(f"{name:<{width}}  {cells}  {share:>9}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, help="gold set, one JSON record a line")
    parser.add_argument("--scorer", type=Path, default=SCORER, help="quotes_eval.py to reuse")
    args = parser.parse_args(argv)
    ev = load_scorer(args.scorer)
    with args.gold.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    print_table(count(records, ev))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
