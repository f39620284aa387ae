"""Score quote and speaker extraction on every evaluation set at once, with one summary table.

Run: `.venv/bin/python -m benchmarks.eval_sets [--polnear-dev-core PATH] [--polnear-dev PATH]
[--pdnc PATH] [--full] [--cmd CMD | --func MODULE:FUNCTION]`.

The sets, in order:
- own: `tests/data/extract`, the development set the rules were written against;
- fresh: `tests/data/extract_fresh`, 191 articles in ten rounds, each scored before any rule
  was tuned for it (attributed F1 0.798, 0.805, 0.833, 0.762, 0.813, 0.868, 0.867, 0.857, 0.847
  and 0.875 then;
  `tests/unit/test_extract_fresh.py`);
- PolNeAR dev converted with `corenlp/` (pronoun speakers scored) and without it, and the PDNC
  development novels: converted JSONL files that live outside the repository (their text may not
  be committed), given by path.

Each set is scored by `../shared/eval/quotes_eval.py` (found beside the repository root), the
measure issue 17 names; the own and fresh sets are converted from their YAML gold first with
`convert_heldout.py`. The summary has one row per set: quote-span overlap F1, attributed F1 (span
and speaker both right), speaker accuracy on matched quotes, the same for quotes whose gold speaker
is a pronoun (only sets converted with coreference have them), and the share of scare quotes,
terms and titles reported as quotes (lower is better). `--full` prints each set's whole
`quotes_eval.py` report first.

The default extractor, `quotes_adapter.extract_text`, is `reader quotes - --format json --kind
direct,partial` run in this process by the command's own code, so its figures are those the
issue's targets score through the command (`--cmd` gives the same numbers, a process per
article slower); no separate command column is needed.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import sys
import tempfile
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
OWN = ROOT / "tests" / "data" / "extract"
FRESH = ROOT / "tests" / "data" / "extract_fresh"
DEFAULT_FUNC = "benchmarks.quotes_adapter:extract_text"
PRONOUN = "pronoun, resolved"
"""quotes_eval's name for gold quotes whose speaker is a pronoun with a resolved chain."""


@dataclass(frozen=True)
class EvalSet:
    """One row of the summary: a name and the gold JSONL it is scored on."""

    name: str
    """The row label."""
    gold: Path
    """A quotes_eval JSONL file."""


def eval_script(name: str) -> ModuleType:
    """Import the script `name`.py of ../shared/eval by path (the folder is not a package)."""
    path = EVAL / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"eval_sets: cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def convert_set(set_dir: Path, out: Path) -> Path:
    """An own-format set (articles/*.txt + gold/*.yaml) written to `out` as quotes_eval JSONL."""
    convert = eval_script("convert_heldout")
    with redirect_stdout(io.StringIO()):
        convert.main(str(set_dir), str(out))
    return out


def score(gold: Path, extractor: list[str]) -> tuple[dict[str, Any], str]:
    """quotes_eval's numbers and its printed report for one gold file and extractor arguments."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # so that --func can name benchmarks.quotes_adapter
    qe = sys.modules.get("quotes_eval") or eval_script("quotes_eval")
    with redirect_stdout(io.StringIO()) as out:
        result: dict[str, Any] = qe.main([str(gold), *extractor])
    return result, out.getvalue()


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _row(name: str, result: dict[str, Any]) -> str:
    pronoun = result["speaker_acc_by_type"].get(PRONOUN)
    cells = [
        _cell(result["overlap"][2]),
        _cell(result["attributed"][2]),
        _cell(result["speaker_acc"]),
        _cell(pronoun),
        _cell(result["nonquote_flagged"]),
    ]
    return f"{name:<20}{result['gold']:>7}" + "".join(f"{c:>12}" for c in cells)


HEADER = f"{'set':<20}{'quotes':>7}" + "".join(
    f"{h:>12}" for h in ("overlap F1", "attrib. F1", "speaker", "pronoun sp.", "scare rep.")
)


def main(argv: list[str] | None = None) -> None:
    """Parse the arguments, score each set, print the full reports if asked and the summary."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--polnear-dev-core", type=Path, help="PolNeAR dev JSONL, with corenlp/")
    parser.add_argument("--polnear-dev", type=Path, help="PolNeAR dev JSONL, without corenlp/")
    parser.add_argument("--pdnc", type=Path, help="PDNC development novels JSONL")
    parser.add_argument("--full", action="store_true", help="print every set's full report")
    how = parser.add_mutually_exclusive_group()
    how.add_argument("--func", default=DEFAULT_FUNC, help=f"callable (default {DEFAULT_FUNC})")
    how.add_argument("--cmd", help="shell command instead, e.g. 'reader quotes - --format json'")
    args = parser.parse_args(argv)
    if not (EVAL / "quotes_eval.py").exists():
        raise SystemExit(f"eval_sets: {EVAL / 'quotes_eval.py'} is absent")
    extractor = ["--cmd", args.cmd] if args.cmd else ["--func", args.func]
    corpora = (
        ("polnear dev +coref", args.polnear_dev_core),
        ("polnear dev", args.polnear_dev),
        ("pdnc dev", args.pdnc),
    )
    for _, path in corpora:
        if path is not None and not path.exists():
            raise SystemExit(f"eval_sets: {path} does not exist")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        sets = [
            EvalSet("own", convert_set(OWN, Path(tmp) / "own.jsonl")),
            EvalSet("fresh", convert_set(FRESH, Path(tmp) / "fresh.jsonl")),
            *(EvalSet(name, path) for name, path in corpora if path is not None),
        ]
        for each in sets:
            result, report = score(each.gold, extractor)
            if args.full:
                print(f"== {each.name}: {each.gold}\n{report}")
            rows.append(_row(each.name, result))
    print(f"extractor: {' '.join(extractor)}")
    print(HEADER)
    print("\n".join(rows))


if __name__ == "__main__":
    main()
